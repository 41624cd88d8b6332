import { describe, expect, it } from "vitest";
import type { Group } from "~/domain/edition";
import { fillerFindings, type DraftForCheck } from "~/domain/proposal-rules";
import {
  buildChecks,
  checkProposal,
  decisionErrors,
  failedKinds,
  findingMessage,
  groupNames,
  NO_PROBLEMS_PREFIX,
  normalizeReasons,
  parseCheckList,
  parseReasons,
  peerFacts,
  serializeCheckList,
  suggestedReasons,
  type CheckList,
  type ScreeningSubject,
} from "~/domain/screening";

const UMUM: Group = {
  id: "g-umum",
  key: "umum",
  nameId: "Kelompok Umum",
  nameEn: "General group",
  descriptionId: "",
  descriptionEn: "",
  minAgeMonths: 24,
  quotaPerAgency: 2,
  requiresSources: false,
  videoRequired: false,
  position: 1,
  sections: [
    { key: "ringkasan", titleId: "Ringkasan", titleEn: "Summary", guidanceId: "", guidanceEn: "", wordLimit: 200, required: true, position: 1 },
    { key: "ide", titleId: "Ide Inovatif", titleEn: "Innovative idea", guidanceId: "", guidanceEn: "", wordLimit: 600, required: true, position: 2 },
    { key: "signifikansi", titleId: "Signifikansi", titleEn: "Significance", guidanceId: "", guidanceEn: "", wordLimit: 600, required: false, position: 3 },
  ],
  slots: [
    { key: "sk_inovator", labelId: "SK Inovator", labelEn: "Innovator decree", acceptedTypes: ["pdf"], maxSizeMb: 5, required: true, position: 1 },
    { key: "dokumen_pendukung", labelId: "Dokumen pendukung", labelEn: "Supporting documents", acceptedTypes: ["pdf"], maxSizeMb: 20, required: false, position: 2 },
  ],
};
const REPLIKASI: Group = { ...UMUM, id: "g-rep", key: "replikasi", quotaPerAgency: 1, minAgeMonths: 12, sections: UMUM.sections.slice(0, 1), slots: [] };

const SETTINGS = {
  groups: [UMUM, REPLIKASI],
  categories: [{ id: "cat-digital", key: "transformasi_digital", nameId: "Transformasi Digital", nameEn: "Digital Transformation", position: 1 }],
  registration: { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
};
const TODAY = "2025-07-15";
const CTX = { categoryIds: ["cat-digital"], registrationEndsAt: SETTINGS.registration.endsAt, today: TODAY };

const RINGKASAN =
  "Layanan antar dokumen kependudukan langsung ke rumah warga lansia dan penyandang disabilitas di Kota Pontianak, dipesan lewat aplikasi atau telepon.";
const IDE =
  "Petugas kelurahan menjemput berkas, memverifikasi data di tempat dengan perangkat genggam, lalu mengantar kartu keluarga dan KTP elektronik yang sudah jadi. " +
  "Sebelumnya warga harus datang sendiri ke kantor Dinas Kependudukan, antre sejak pagi, dan sering kembali karena berkas kurang. " +
  "Kini rata-rata waktu layanan turun dari sembilan hari menjadi dua hari.";

function draft(over: Partial<DraftForCheck> = {}): DraftForCheck {
  return {
    title: "Jemput Bola Adminduk",
    categoryId: "cat-digital",
    serviceUnit: "Dinas Kependudukan dan Pencatatan Sipil",
    innovatorNames: "Tim Inovasi Disdukcapil",
    startedOn: "2021-03-01",
    contactName: "Siti Aminah",
    contactEmail: "siti@pontianak.go.id",
    declaration: true,
    videoUrl: "",
    answers: { ringkasan: RINGKASAN, ide: IDE },
    fileSlots: ["sk_inovator"],
    sourceCount: 0,
    ...over,
  };
}

function subject(over: Partial<ScreeningSubject> & { id: string }, d: Partial<DraftForCheck> = {}): ScreeningSubject {
  return {
    number: `KIPP2025-${over.id.padStart(6, "0")}`,
    agencyId: "pontianak",
    groupId: UMUM.id,
    submittedAt: "2025-06-01T03:00:00.000Z",
    files: [{ slotKey: "sk_inovator", name: "sk.pdf", readable: true }],
    ...over,
    draft: draft(d),
  };
}

const ALONE = { quotaRank: 1, duplicateNumbers: [] };

function findingsOf(list: CheckList) {
  return Object.fromEntries(list.checks.map((c) => [c.kind, c.findings]));
}

describe("checkProposal", () => {
  it("finds nothing in a complete, eligible proposal, listing every check in order", () => {
    const list = checkProposal(UMUM, subject({ id: "1" }), ALONE, CTX);
    expect(list).toEqual({
      problemCount: 0,
      checks: [
        { kind: "completeness", findings: [] },
        { kind: "age", findings: [] },
        { kind: "quota", findings: [] },
        { kind: "duplicate_title", findings: [] },
        { kind: "filler", findings: [] },
        { kind: "attachments", findings: [] },
      ],
    });
    expect(failedKinds(list)).toEqual([]);
  });

  it("lists each failed submission rule under completeness", () => {
    const list = checkProposal(UMUM, subject({ id: "1" }, { title: " ", declaration: false, answers: { ringkasan: RINGKASAN } }), ALONE, CTX);
    expect(findingsOf(list).completeness).toEqual([
      { type: "problem", code: "title_missing", field: "title" },
      { type: "problem", code: "declaration_missing", field: "declaration" },
      { type: "problem", code: "section_missing", field: "section.ide", params: { section: "ide" } },
    ]);
    expect(list.problemCount).toBe(3);
    expect(failedKinds(list)).toEqual(["completeness"]);
  });

  it("puts too_young under age (counted back from registration close), not completeness", () => {
    const list = checkProposal(UMUM, subject({ id: "1" }, { startedOn: "2024-01-10" }), ALONE, CTX);
    expect(findingsOf(list).age).toEqual([{ type: "problem", code: "too_young", field: "startedOn", params: { months: 24, actual: 17 } }]);
    expect(findingsOf(list).completeness).toEqual([]);
    // Exactly 24 months at close (30 June 2025 WIB) is old enough.
    expect(findingsOf(checkProposal(UMUM, subject({ id: "1" }, { startedOn: "2023-06-30" }), ALONE, CTX)).age).toEqual([]);
  });

  it("puts a missing required attachment and an unreadable file under attachments", () => {
    const s = subject(
      { id: "1", files: [{ slotKey: "dokumen_pendukung", name: "foto-layanan.pdf", readable: false }] },
      { fileSlots: ["dokumen_pendukung"] },
    );
    const list = checkProposal(UMUM, s, ALONE, CTX);
    expect(findingsOf(list).attachments).toEqual([
      { type: "problem", code: "attachment_missing", field: "file.sk_inovator", params: { slot: "sk_inovator" } },
      { type: "file_unreadable", slotKey: "dokumen_pendukung", name: "foto-layanan.pdf" },
    ]);
    expect(findingsOf(list).completeness).toEqual([]);
    expect(list.problemCount).toBe(2);
  });

  it("flags a proposal beyond the group's quota with its rank", () => {
    expect(findingsOf(checkProposal(UMUM, subject({ id: "1" }), { quotaRank: 3, duplicateNumbers: [] }, CTX)).quota).toEqual([
      { type: "over_quota", rank: 3, quota: 2 },
    ]);
    expect(findingsOf(checkProposal(UMUM, subject({ id: "1" }), { quotaRank: 2, duplicateNumbers: [] }, CTX)).quota).toEqual([]);
    const noQuota = { ...UMUM, quotaPerAgency: null };
    expect(findingsOf(checkProposal(noQuota, subject({ id: "1" }), { quotaRank: 40, duplicateNumbers: [] }, CTX)).quota).toEqual([]);
  });

  it("names each same-title proposal under duplicate_title", () => {
    const list = checkProposal(UMUM, subject({ id: "1" }), { quotaRank: 1, duplicateNumbers: ["KIPP2025-000004", "KIPP2025-000009"] }, CTX);
    expect(findingsOf(list).duplicate_title).toEqual([
      { type: "duplicate_title", number: "KIPP2025-000004" },
      { type: "duplicate_title", number: "KIPP2025-000009" },
    ]);
    expect(list.problemCount).toBe(2);
  });

  it("passes the filler findings through unchanged, section by section", () => {
    const answers = { ringkasan: RINGKASAN, ide: IDE, signifikansi: IDE };
    const list = checkProposal(UMUM, subject({ id: "1" }, { answers }), ALONE, CTX);
    expect(fillerFindings(UMUM, answers)).toEqual([{ sectionKey: "signifikansi", kind: "copied", otherSectionKey: "ide" }]);
    expect(findingsOf(list).filler).toEqual([{ type: "filler", sectionKey: "signifikansi", kind: "copied", otherSectionKey: "ide" }]);

    const placeholder = checkProposal(UMUM, subject({ id: "1" }, { answers: { ringkasan: "tidak ada", ide: IDE } }), ALONE, CTX);
    expect(findingsOf(placeholder).filler).toEqual([{ type: "filler", sectionKey: "ringkasan", kind: "placeholder" }]);
  });

  it("reports an unknown group instead of guessing its rules", () => {
    const list = checkProposal(null, subject({ id: "1", files: [] }), ALONE, CTX);
    expect(findingsOf(list).completeness).toEqual([{ type: "group_unknown" }]);
    expect(list.problemCount).toBe(1);
  });
});

describe("peerFacts", () => {
  it("ranks an agency's proposals in a group by submission time, the number breaking ties", () => {
    const subjects = [
      subject({ id: "1", submittedAt: "2025-06-20T01:00:00.000Z" }),
      subject({ id: "2", submittedAt: "2025-06-10T01:00:00.000Z" }),
      subject({ id: "3", submittedAt: "2025-06-15T01:00:00.000Z" }),
      subject({ id: "5", submittedAt: "2025-06-15T01:00:00.000Z" }),
      // Another agency, and another group of the same agency, count on their own.
      subject({ id: "4", agencyId: "singkawang", submittedAt: "2025-06-01T01:00:00.000Z" }),
      subject({ id: "6", groupId: REPLIKASI.id, submittedAt: "2025-06-01T01:00:00.000Z" }),
    ].map((s, i) => ({ ...s, draft: { ...s.draft, title: `Judul ${i}` } }));
    const facts = peerFacts(subjects);
    expect(Object.fromEntries([...facts].map(([id, f]) => [id, f.quotaRank]))).toEqual({ "2": 1, "3": 2, "5": 3, "1": 4, "4": 1, "6": 1 });
  });

  it("pairs same-title proposals after normalising, each naming the others", () => {
    const subjects = [
      subject({ id: "1", agencyId: "a" }, { title: "SIPANDU: Sistem Pelayanan  Terpadu" }),
      subject({ id: "2", agencyId: "b" }, { title: "sipandu sistem pelayanan terpadu!" }),
      subject({ id: "3", agencyId: "c" }, { title: "Sipandu — Sistem Pelayanan Terpadu" }),
      subject({ id: "4", agencyId: "d" }, { title: "Sipandu Plus" }),
      subject({ id: "5", agencyId: "e" }, { title: "" }),
      subject({ id: "6", agencyId: "f" }, { title: "  " }),
    ];
    const facts = peerFacts(subjects);
    expect(Object.fromEntries([...facts].map(([id, f]) => [id, f.duplicateNumbers]))).toEqual({
      "1": ["KIPP2025-000002", "KIPP2025-000003"],
      "2": ["KIPP2025-000001", "KIPP2025-000003"],
      "3": ["KIPP2025-000001", "KIPP2025-000002"],
      "4": [],
      "5": [],
      "6": [],
    });
  });
});

describe("buildChecks", () => {
  it("checks a whole queue: over-quota ones by submission order, duplicates both ways, each group's own rules", () => {
    const subjects = [
      subject({ id: "1", submittedAt: "2025-06-03T01:00:00.000Z" }, { title: "Jemput Bola Adminduk" }),
      subject({ id: "2", submittedAt: "2025-06-01T01:00:00.000Z" }, { title: "Klinik Apung" }),
      subject({ id: "3", submittedAt: "2025-06-02T01:00:00.000Z" }, { title: "Pasar Digital" }),
      subject({ id: "4", agencyId: "singkawang" }, { title: "jemput bola ADMINDUK" }),
      // Replikasi: minimum age 12 months, no attachment slots, quota 1.
      subject({ id: "5", groupId: REPLIKASI.id, files: [] }, { title: "Replika Klinik", startedOn: "2024-06-30", fileSlots: [] }),
    ];
    const lists = buildChecks(SETTINGS, subjects, TODAY);
    const summary = Object.fromEntries([...lists].map(([id, l]) => [id, l.checks.flatMap((c) => c.findings.map((f) => `${c.kind}:${f.type}`))]));
    expect(summary).toEqual({
      "1": ["quota:over_quota", "duplicate_title:duplicate_title"],
      "2": [],
      "3": [],
      "4": ["duplicate_title:duplicate_title"],
      "5": [],
    });
    expect(findingsOf(lists.get("1")!).quota).toEqual([{ type: "over_quota", rank: 3, quota: 2 }]);
    expect(findingsOf(lists.get("1")!).duplicate_title).toEqual([{ type: "duplicate_title", number: "KIPP2025-000004" }]);
    expect(findingsOf(lists.get("4")!).duplicate_title).toEqual([{ type: "duplicate_title", number: "KIPP2025-000001" }]);
  });

  it("uses the edition's categories and registration close", () => {
    const lists = buildChecks(
      { ...SETTINGS, registration: { startsAt: null, endsAt: "2026-06-30T16:59:00.000Z" } },
      [subject({ id: "1" }, { categoryId: "cat-elsewhere", startedOn: "2024-07-01" })],
      TODAY,
    );
    expect(lists.get("1")!.checks.flatMap((c) => c.findings)).toEqual([
      { type: "problem", code: "category_missing", field: "categoryId" },
      { type: "problem", code: "too_young", field: "startedOn", params: { months: 24, actual: 23 } },
    ]);
  });
});

describe("stored check lists", () => {
  it("round-trip, with the problem count first so SQL can filter on the prefix", () => {
    const clean = checkProposal(UMUM, subject({ id: "1" }), ALONE, CTX);
    const dirty = checkProposal(UMUM, subject({ id: "1" }, { title: "" }), ALONE, CTX);
    expect(serializeCheckList(clean).startsWith(NO_PROBLEMS_PREFIX)).toBe(true);
    expect(serializeCheckList(dirty).startsWith(NO_PROBLEMS_PREFIX)).toBe(false);
    expect(serializeCheckList(dirty).startsWith('{"problemCount":1,')).toBe(true);
    expect(parseCheckList(serializeCheckList(dirty))).toEqual(dirty);
    expect([parseCheckList(null), parseCheckList("[]"), parseCheckList("{oops"), parseCheckList('{"problemCount":"1","checks":[]}')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("findingMessage", () => {
  const id = groupNames(UMUM, "id");
  const en = groupNames(UMUM, "en");

  it("names sections and slots by their titles in the reader's language", () => {
    expect(findingMessage({ type: "problem", code: "section_missing", field: "section.ide", params: { section: "ide" } }, id)).toEqual({
      key: "problem.section_missing",
      params: { section: "Ide Inovatif" },
    });
    expect(findingMessage({ type: "problem", code: "attachment_missing", params: { slot: "sk_inovator" } }, en)).toEqual({
      key: "problem.attachment_missing",
      params: { slot: "Innovator decree" },
    });
    expect(findingMessage({ type: "filler", sectionKey: "signifikansi", kind: "copied", otherSectionKey: "ide" }, id)).toEqual({
      key: "filler.copied",
      params: { other: "Ide Inovatif" },
      section: "Signifikansi",
    });
    expect(findingMessage({ type: "over_quota", rank: 3, quota: 2 }, id)).toEqual({ key: "screening.finding.over_quota", params: { rank: 3, quota: 2 } });
    expect(findingMessage({ type: "duplicate_title", number: "KIPP2025-000004" }, id)).toEqual({
      key: "screening.finding.duplicate_title",
      params: { number: "KIPP2025-000004" },
    });
    expect(findingMessage({ type: "file_unreadable", slotKey: "sk_inovator", name: "sk.pdf" }, id)).toEqual({
      key: "screening.finding.file_unreadable",
      params: { name: "sk.pdf", slot: "SK Inovator" },
    });
    // A section the form no longer has keeps its key.
    expect(findingMessage({ type: "filler", sectionKey: "lama", kind: "too_short" }, id)).toEqual({ key: "filler.too_short", params: {}, section: "lama" });
  });
});

describe("decisions", () => {
  it("suggests the reasons the failed checks point at, in checklist order", () => {
    const list = checkProposal(UMUM, subject({ id: "1" }, { startedOn: "2024-01-10", answers: { ringkasan: "tidak ada", ide: IDE } }), { quotaRank: 3, duplicateNumbers: ["X"] }, CTX);
    expect(failedKinds(list)).toEqual(["age", "quota", "duplicate_title", "filler"]);
    expect(suggestedReasons(list)).toEqual(["too_young", "over_quota", "duplicate_title", "filler"]);
    const incomplete = checkProposal(UMUM, subject({ id: "1", files: [] }, { fileSlots: [] }), ALONE, CTX);
    expect(suggestedReasons(incomplete)).toEqual(["incomplete_documents"]);
    expect(suggestedReasons(null)).toEqual([]);
  });

  it("requires a result, a reason for Tidak lolos and the text for Lainnya", () => {
    expect(decisionErrors({ result: "lolos", reasons: [], note: "" })).toEqual({});
    expect(decisionErrors({ result: "tidak_lolos", reasons: ["duplicate_title"], note: "" })).toEqual({});
    expect(decisionErrors({ result: "", reasons: [], note: "" })).toEqual({ result: "screening.errors.resultRequired" });
    expect(decisionErrors({ result: "maybe", reasons: [], note: "" })).toEqual({ result: "screening.errors.resultRequired" });
    expect(decisionErrors({ result: "tidak_lolos", reasons: [], note: "Tidak memenuhi syarat" })).toEqual({ reasons: "screening.errors.reasonRequired" });
    expect(decisionErrors({ result: "tidak_lolos", reasons: ["other"], note: "  " })).toEqual({ note: "screening.errors.noteRequired" });
    expect(decisionErrors({ result: "tidak_lolos", reasons: ["other"], note: "SK inovator sudah kedaluwarsa" })).toEqual({});
    expect(decisionErrors({ result: "tidak_lolos", reasons: ["bribe"], note: "" })).toEqual({ reasons: "errors.invalid" });
    expect(decisionErrors({ result: "lolos", reasons: [], note: "x".repeat(2001) })).toEqual({ note: "errors.tooLong" });
  });

  it("stores reasons deduplicated in checklist order and reads back only known ones", () => {
    expect(normalizeReasons(["other", "too_young", "other", "incomplete_documents"])).toEqual(["incomplete_documents", "too_young", "other"]);
    expect(parseReasons('["filler","nope","duplicate_title"]')).toEqual(["duplicate_title", "filler"]);
    expect([parseReasons(null), parseReasons("{"), parseReasons('{"a":1}')]).toEqual([[], [], []]);
  });
});
