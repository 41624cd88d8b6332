import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { parseCheckList, failedKinds } from "~/domain/screening";
import { newId } from "~/lib/ids.server";
import { localDiskStorage, newStorageKey } from "~/lib/storage.server";
import {
  decideScreening,
  decideScreeningOf,
  getAgencyResults,
  getScreeningProposal,
  getScreeningQueue,
  publishScreening,
  runScreeningChecks,
} from "~/services/screening.server";
import { auditRows, expectStatus, outbox } from "../support/accounts";
import { useTestDb } from "../support/db";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { actorOf, buildWorld, type World } from "../support/factories";

const NOW = new Date("2025-07-15T03:00:00.000Z");
const ORIGIN = "https://sayembara.test";
const KIPP_WINDOW = { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" };
const SIVABLIK_WINDOW = { startsAt: "2025-03-03T01:00:00.000Z", endsAt: "2025-04-30T16:59:00.000Z" };

const RINGKASAN =
  "Layanan antar dokumen kependudukan langsung ke rumah warga lansia dan penyandang disabilitas, dipesan lewat aplikasi atau telepon kelurahan.";
const IDE =
  "Petugas kelurahan menjemput berkas, memverifikasi data di tempat dengan perangkat genggam, lalu mengantar kartu keluarga dan KTP elektronik yang sudah jadi. " +
  "Sebelumnya warga harus datang sendiri ke kantor dinas, antre sejak pagi, dan sering kembali karena berkas kurang. " +
  "Kini rata-rata waktu layanan turun dari sembilan hari menjadi dua hari.";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(tmpdir(), "screening-uploads-"));
  process.env.UPLOADS_DIR = uploads;
});
afterAll(() => {
  delete process.env.UPLOADS_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

interface Setup {
  w: World;
  kipp: BuiltEdition;
  sivablik: BuiltEdition;
}

async function setup(db: DB): Promise<Setup> {
  const w = await buildWorld(db);
  const kipp = await buildEdition(db, w.competitions.kipp, { registration: KIPP_WINDOW, numberPrefix: "KIPP2025" });
  const sivablik = await buildEdition(db, w.competitions.sivablik, { registration: SIVABLIK_WINDOW, numberPrefix: "SIVABLIK2025" });
  return { w, kipp, sivablik };
}

interface ProposalSpec {
  n: number;
  agencyId: string;
  title?: string;
  group?: "umum" | "replikasi";
  category?: "digital" | "kesehatan";
  status?: "draft" | "submitted" | "returned" | "withdrawn";
  submittedAt?: string;
  startedOn?: string;
  answers?: Record<string, string>;
  /** Slot keys with a readable file (default: sk_inovator); "!slot" = a row whose stored file is gone. */
  files?: string[];
}

/** One proposal straight into the tables (the drafting services are not needed here). */
async function insertProposal(db: DB, ed: BuiltEdition, s: ProposalSpec): Promise<{ id: string; number: string }> {
  const id = newId();
  const number = `${ed.numberPrefix}-${String(s.n).padStart(6, "0")}`;
  const status = s.status ?? "submitted";
  const submittedAt = status === "draft" ? null : (s.submittedAt ?? `2025-06-${String(10 + (s.n % 18)).padStart(2, "0")}T03:00:00.000Z`);
  await db
    .insertInto("proposals")
    .values({
      id,
      competition_id: ed.competitionId,
      group_id: ed.groups[s.group ?? "umum"],
      category_id: ed.categories[s.category ?? "digital"],
      agency_id: s.agencyId,
      number,
      title: s.title ?? `Inovasi nomor ${s.n}`,
      title_key: (s.title ?? `Inovasi nomor ${s.n}`).toLowerCase(),
      service_unit: "Dinas Kependudukan dan Pencatatan Sipil",
      innovator_names: "Tim Inovasi",
      started_on: s.startedOn ?? "2021-03-01",
      contact_name: "Siti Aminah",
      contact_email: "siti@pontianak.go.id",
      declaration: 1,
      status,
      submitted_at: submittedAt,
      receipt_number: submittedAt ? `${number}/20250610.1000` : null,
      created_at: "2025-05-01T03:00:00.000Z",
      updated_at: submittedAt ?? "2025-05-01T03:00:00.000Z",
    })
    .execute();
  const answers = s.answers ?? (s.group === "replikasi" ? { ringkasan: RINGKASAN, proses_replikasi: IDE } : { ringkasan: RINGKASAN, ide: IDE });
  const rows = Object.entries(answers).map(([section_key, body]) => ({ proposal_id: id, section_key, body }));
  if (rows.length) await db.insertInto("proposal_answers").values(rows).execute();
  for (const slot of s.files ?? ["sk_inovator"]) {
    const gone = slot.startsWith("!");
    const key = newStorageKey();
    const bytes = Buffer.from(`%PDF-1.4\n% ${number} ${slot}\n%%EOF\n`);
    if (!gone) {
      const tmp = path.join(uploads, `${key}.part`);
      writeFileSync(tmp, bytes);
      await localDiskStorage.put(tmp, { key, mime: "application/pdf", size: bytes.length });
    }
    await db
      .insertInto("proposal_files")
      .values({
        id: newId(),
        proposal_id: id,
        slot_key: gone ? slot.slice(1) : slot,
        storage: "local",
        storage_key: key,
        original_name: `${slot.replace("!", "")}-${s.n}.pdf`,
        mime_type: "application/pdf",
        size_bytes: bytes.length,
        sha256: "0".repeat(64),
        uploaded_by: null,
        created_at: "2025-05-02T03:00:00.000Z",
      })
      .execute();
  }
  if (s.group === "replikasi") {
    await db.insertInto("proposal_sources").values({ id: newId(), proposal_id: id, source_proposal_id: null, external_title: "Sumber", external_agency: "Kab. Banyuwangi", external_year: 2019, position: 0 }).execute();
  }
  return { id, number };
}

/** Counts the SQL statements run through the handle it returns. */
function counting(db: DB): { db: DB; count(): number; reset(): void } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      n += 1;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => n, reset: () => (n = 0) };
}

async function screeningRows(db: DB) {
  return db
    .selectFrom("proposal_screenings")
    .innerJoin("proposals", "proposals.id", "proposal_screenings.proposal_id")
    .select(["proposals.number", "proposal_screenings.result", "proposal_screenings.reasons_json", "proposal_screenings.note", "proposal_screenings.decided_by"])
    .where("proposal_screenings.result", "is not", null)
    .orderBy("proposals.number")
    .execute();
}

describe("the screening queue", () => {
  const t = useTestDb();

  it("shows KIPP's organizer every submitted KIPP proposal with its automatic checks pre-filled, and nothing else", async () => {
    const { w, kipp, sivablik } = await setup(t.db);
    const { pontianak, singkawang } = w.agencies;
    await insertProposal(t.db, kipp, { n: 1, agencyId: pontianak, title: "Jemput Bola Adminduk", submittedAt: "2025-06-03T01:00:00.000Z" });
    await insertProposal(t.db, kipp, { n: 2, agencyId: pontianak, title: "Klinik Apung", submittedAt: "2025-06-01T01:00:00.000Z" });
    await insertProposal(t.db, kipp, { n: 3, agencyId: pontianak, title: "Pasar Digital", submittedAt: "2025-06-02T01:00:00.000Z" });
    await insertProposal(t.db, kipp, { n: 4, agencyId: singkawang, title: "JEMPUT BOLA — Adminduk!", startedOn: "2024-05-01" });
    await insertProposal(t.db, kipp, { n: 5, agencyId: singkawang, title: "Sekolah Sungai", files: ["!sk_inovator"], answers: { ringkasan: "tidak ada", ide: IDE } });
    await insertProposal(t.db, kipp, { n: 6, agencyId: singkawang, title: "Posyandu Daring", files: [] });
    // Could leak: a KIPP draft and a withdrawn one, and Sivablik's submitted proposal.
    await insertProposal(t.db, kipp, { n: 7, agencyId: pontianak, status: "draft" });
    await insertProposal(t.db, kipp, { n: 8, agencyId: pontianak, status: "withdrawn" });
    await insertProposal(t.db, sivablik, { n: 1, agencyId: pontianak, title: "Sivablik: Klinik Apung" });

    const q = await getScreeningQueue(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025", {}, NOW);
    expect(q.rows.map((r) => [r.number, r.agency.id, failedKinds(r.checks), r.decision])).toEqual([
      ["KIPP2025-000001", pontianak, ["quota", "duplicate_title"], null],
      ["KIPP2025-000002", pontianak, [], null],
      ["KIPP2025-000003", pontianak, [], null],
      ["KIPP2025-000004", singkawang, ["age", "duplicate_title"], null],
      ["KIPP2025-000005", singkawang, ["filler", "attachments"], null],
      // Singkawang's third in the group by submission time.
      ["KIPP2025-000006", singkawang, ["quota", "attachments"], null],
    ]);
    const checks = (n: number) => Object.fromEntries(q.rows[n].checks!.checks.map((c) => [c.kind, c.findings]));
    expect(checks(0).quota).toEqual([{ type: "over_quota", rank: 3, quota: 2 }]);
    expect(checks(0).duplicate_title).toEqual([{ type: "duplicate_title", number: "KIPP2025-000004" }]);
    expect(checks(3).duplicate_title).toEqual([{ type: "duplicate_title", number: "KIPP2025-000001" }]);
    expect(checks(3).age).toEqual([{ type: "problem", code: "too_young", field: "startedOn", params: { months: 24, actual: 13 } }]);
    expect(checks(4).filler).toEqual([{ type: "filler", sectionKey: "ringkasan", kind: "placeholder" }]);
    expect(checks(4).attachments).toEqual([{ type: "file_unreadable", slotKey: "sk_inovator", name: "sk_inovator-5.pdf" }]);
    expect(checks(5).attachments).toEqual([{ type: "problem", code: "attachment_missing", field: "file.sk_inovator", params: { slot: "sk_inovator" } }]);
    expect(checks(5).quota).toEqual([{ type: "over_quota", rank: 3, quota: 2 }]);
    expect(q.totals).toEqual({ total: 6, undecided: 6, lolos: 0, tidakLolos: 0, withProblems: 4, lastCheckedAt: NOW.toISOString() });
    expect([q.total, q.page, q.pageCount]).toEqual([6, 1, 1]);

    // Stored once for every submitted KIPP proposal (not the draft, the withdrawn one or Sivablik's).
    const stored = await t.db
      .selectFrom("proposal_screenings")
      .innerJoin("proposals", "proposals.id", "proposal_screenings.proposal_id")
      .select(["proposals.number", "proposal_screenings.checked_at", "proposal_screenings.checks_json"])
      .orderBy("proposals.number")
      .execute();
    expect(stored.map((s) => [s.number, s.checked_at])).toEqual(q.rows.map((r) => [r.number, NOW.toISOString()]));
    expect(stored.map((s) => parseCheckList(s.checks_json))).toEqual(q.rows.map((r) => r.checks));
    // Viewing the queue is not an audited change.
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("refuses the queue to Kalbar's admin, agencies and jurors, with KIPP data present; 404 for an unknown slug", async () => {
    const { w, kipp, sivablik } = await setup(t.db);
    await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    await insertProposal(t.db, sivablik, { n: 1, agencyId: w.agencies.pontianak });
    for (const u of [w.users.kalbarAdmin, w.users.adminLokal, w.users.innovator, w.users.evaluator, w.users.panelist, w.users.platformAdmin, w.users.nobody]) {
      await expectStatus(getScreeningQueue(t.db, await actorOf(t.db, u), "kipp-2025", {}, NOW), 403);
    }
    await expectStatus(getScreeningQueue(t.db, await actorOf(t.db, w.users.panrbAdmin), "sivablik-2025", {}, NOW), 403);
    await expectStatus(getScreeningQueue(t.db, await actorOf(t.db, w.users.panrbAdmin), "tidak-ada", {}, NOW), 404);
    // Nobody refused got the checks computed on their behalf.
    expect(await t.db.selectFrom("proposal_screenings").select("proposal_id").execute()).toEqual([]);
    // Kalbar's own queue holds only Sivablik's proposal.
    const own = await getScreeningQueue(t.db, await actorOf(t.db, w.users.kalbarAdmin), "sivablik-2025", {}, NOW);
    expect(own.rows.map((r) => r.number)).toEqual(["SIVABLIK2025-000001"]);
  });

  it("filters by decision, automatic findings, group, category and agency", async () => {
    const { w, kipp } = await setup(t.db);
    const { pontianak, singkawang } = w.agencies;
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: pontianak });
    await insertProposal(t.db, kipp, { n: 2, agencyId: pontianak, category: "kesehatan", files: [] });
    const c = await insertProposal(t.db, kipp, { n: 3, agencyId: singkawang, group: "replikasi" });
    await insertProposal(t.db, kipp, { n: 4, agencyId: singkawang, category: "kesehatan" });
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    await getScreeningQueue(t.db, admin, "kipp-2025", {}, NOW);
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id], result: "lolos", reasons: [], note: "" }, NOW);
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [c.id], result: "tidak_lolos", reasons: ["out_of_scope"], note: "" }, NOW);

    const numbers = async (f: Parameters<typeof getScreeningQueue>[3]) =>
      (await getScreeningQueue(t.db, admin, "kipp-2025", f, NOW)).rows.map((r) => r.number.slice(-1));
    expect(await numbers({ status: "undecided" })).toEqual(["2", "4"]);
    expect(await numbers({ status: "lolos" })).toEqual(["1"]);
    expect(await numbers({ status: "tidak_lolos" })).toEqual(["3"]);
    expect(await numbers({ problems: true })).toEqual(["2"]);
    expect(await numbers({ problems: false })).toEqual(["1", "3", "4"]);
    expect(await numbers({ groupId: kipp.groups.replikasi })).toEqual(["3"]);
    expect(await numbers({ categoryId: kipp.categories.kesehatan })).toEqual(["2", "4"]);
    expect(await numbers({ q: "singkawang" })).toEqual(["3", "4"]);
    expect(await numbers({ q: "KOTA-61.71" })).toEqual(["1", "2"]);
    expect(await numbers({ q: "Singkawang", status: "undecided", categoryId: kipp.categories.kesehatan })).toEqual(["4"]);
    expect(await numbers({ q: "100%_" })).toEqual([]);
  });

  it("runs a constant number of queries whatever the queue's size, 100 a page", async () => {
    const { w, kipp } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const c = counting(t.db);
    const measure = async (f = {}) => {
      c.reset();
      await getScreeningQueue(c.db, admin, "kipp-2025", f, NOW);
      return c.count();
    };

    for (let n = 1; n <= 3; n++) await insertProposal(t.db, kipp, { n, agencyId: w.agencies.pontianak });
    const smallFirst = await measure(); // computes the checks
    const small = await measure();
    for (let n = 4; n <= 130; n++) await insertProposal(t.db, kipp, { n, agencyId: n % 2 ? w.agencies.pontianak : w.agencies.singkawang, files: [] });
    const bigFirst = await measure(); // recomputes: 127 new proposals
    const big = await measure();
    expect([bigFirst, big]).toEqual([smallFirst, small]);
    expect(small).toBeLessThanOrEqual(12);

    const page2 = await getScreeningQueue(t.db, admin, "kipp-2025", { page: 2 }, NOW);
    expect([page2.total, page2.pageCount, page2.rows.length, page2.rows[0].number]).toEqual([130, 2, 30, "KIPP2025-000101"]);
    const page1 = await getScreeningQueue(t.db, admin, "kipp-2025", {}, NOW);
    expect(page1.rows.length).toBe(100);
  });

  it("recomputes every check on 'Jalankan pemeriksaan', keeping decisions, with one audit row", async () => {
    const { w, kipp } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak, title: "Klinik Apung" });
    await getScreeningQueue(t.db, admin, "kipp-2025", {}, NOW);
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id], result: "lolos", reasons: [], note: "" }, NOW);
    // A namesake arrives with an already-stored (stale-free) check on the first one: only the explicit run sees it…
    const b = await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.singkawang, title: "klinik apung" });
    await t.db.insertInto("proposal_screenings").values({ proposal_id: b.id, checks_json: '{"problemCount":0,"checks":[]}', result: null, checked_at: NOW.toISOString() }).execute();
    const later = new Date("2025-07-16T03:00:00.000Z");
    expect(await runScreeningChecks(t.db, admin, "kipp-2025", later)).toEqual({ checked: 2, withProblems: 2 });
    const q = await getScreeningQueue(t.db, admin, "kipp-2025", {}, later);
    expect(q.rows.map((r) => [r.number, failedKinds(r.checks), r.checkedAt, r.decision?.result ?? null])).toEqual([
      ["KIPP2025-000001", ["duplicate_title"], later.toISOString(), "lolos"],
      ["KIPP2025-000002", ["duplicate_title"], later.toISOString(), null],
    ]);
    expect((await auditRows(t.db)).filter((r) => r.action === "screening.checked")).toEqual([
      {
        action: "screening.checked",
        actor: w.users.panrbAdmin,
        entity: ["competition", kipp.competitionId],
        organizerId: w.organizers.panrb,
        agencyId: null,
        competitionId: kipp.competitionId,
        before: null,
        after: { checked: 2, withProblems: 2 },
      },
    ]);
    await expectStatus(runScreeningChecks(t.db, await actorOf(t.db, w.users.kalbarAdmin), "kipp-2025", later), 403);
  });
});

describe("one proposal in screening", () => {
  const t = useTestDb();

  it("shows its checks, summary, answers, files and suggested reasons", async () => {
    const { w, kipp } = await setup(t.db);
    await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak, startedOn: "2024-05-01", files: ["sk_inovator", "!dokumen_pendukung"] });
    const v = await getScreeningProposal(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025", "KIPP2025-000001", NOW);
    expect(v.proposal).toMatchObject({ number: "KIPP2025-000001", title: "Inovasi nomor 1", startedOn: "2024-05-01", receiptNumber: "KIPP2025-000001/20250610.1000" });
    expect(failedKinds(v.checks)).toEqual(["age", "attachments"]);
    expect(v.suggested).toEqual(["incomplete_documents", "too_young"]);
    expect(v.sections.map((s) => [s.key, s.wordLimit, s.body.length > 0])).toEqual([
      ["ringkasan", 200, true],
      ["ide", 600, true],
      ["signifikansi", 600, false],
    ]);
    expect(v.files.map((f) => [f.slotKey, f.name])).toEqual([
      ["sk_inovator", "sk_inovator-1.pdf"],
      ["dokumen_pendukung", "dokumen_pendukung-1.pdf"],
    ]);
    expect([v.decision, v.history]).toEqual([null, []]);
  });

  it("is 404 for a draft, another edition's number or an unknown one, and 403 for Kalbar's admin", async () => {
    const { w, kipp, sivablik } = await setup(t.db);
    await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak, status: "draft" });
    await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.pontianak });
    await insertProposal(t.db, sivablik, { n: 1, agencyId: w.agencies.pontianak });
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    for (const number of ["KIPP2025-000001", "SIVABLIK2025-000001", "KIPP2025-999999"]) {
      await expectStatus(getScreeningProposal(t.db, admin, "kipp-2025", number, NOW), 404);
    }
    await expectStatus(getScreeningProposal(t.db, await actorOf(t.db, w.users.kalbarAdmin), "kipp-2025", "KIPP2025-000002", NOW), 403);
    await expectStatus(getScreeningProposal(t.db, await actorOf(t.db, w.users.adminLokal), "kipp-2025", "KIPP2025-000002", NOW), 403);
    expect((await getScreeningProposal(t.db, admin, "kipp-2025", "KIPP2025-000002", NOW)).proposal.number).toBe("KIPP2025-000002");
  });
});

describe("deciding", () => {
  const t = useTestDb();

  it("decides in bulk with one audit row per proposal, then records a change with before and after", async () => {
    const { w, kipp } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    const b = await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.singkawang });
    const c = await insertProposal(t.db, kipp, { n: 3, agencyId: w.agencies.singkawang });

    const bulk = await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [b.id, a.id, b.id], result: "lolos", reasons: [], note: " " }, NOW);
    expect(bulk).toEqual({ ok: true, changed: 2 });
    const row = (p: { id: string; number: string }, agencyId: string, action: string, before: unknown, after: unknown) => ({
      action,
      actor: w.users.panrbAdmin,
      entity: ["proposal", p.id],
      organizerId: w.organizers.panrb,
      agencyId,
      competitionId: kipp.competitionId,
      before,
      after,
    });
    const lolos = (n: string) => ({ number: n, result: "lolos", reasons: [], note: "" });
    expect(await auditRows(t.db)).toEqual(
      [
        row(a, w.agencies.pontianak, "screening.decided", { number: a.number, result: null }, lolos(a.number)),
        row(b, w.agencies.singkawang, "screening.decided", { number: b.number, result: null }, lolos(b.number)),
      ].sort((x, y) => (x.entity[1] < y.entity[1] ? -1 : 1)),
    );

    // Change one, decide the third; deciding the same again changes nothing.
    const change = await decideScreeningOf(
      t.db,
      admin,
      "kipp-2025",
      b.number,
      { result: "tidak_lolos", reasons: ["other", "duplicate_title", "other"], note: "Sama dengan proposal tahun lalu." },
      NOW,
    );
    expect(change).toEqual({ ok: true, changed: 1 });
    expect(await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id, c.id], result: "lolos", reasons: [], note: "" }, NOW)).toEqual({ ok: true, changed: 1 });
    expect(await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id, c.id], result: "lolos", reasons: [], note: "" }, NOW)).toEqual({ ok: true, changed: 0 });

    const rows = (await auditRows(t.db)).filter((r) => r.action === "screening.changed" || r.entity[1] === c.id);
    expect(rows).toEqual([
      row(b, w.agencies.singkawang, "screening.changed", lolos(b.number), {
        number: b.number,
        result: "tidak_lolos",
        reasons: ["duplicate_title", "other"],
        note: "Sama dengan proposal tahun lalu.",
      }),
      row(c, w.agencies.singkawang, "screening.decided", { number: c.number, result: null }, lolos(c.number)),
    ]);
    expect((await auditRows(t.db)).length).toBe(4);
    expect(await screeningRows(t.db)).toEqual([
      { number: a.number, result: "lolos", reasons_json: "[]", note: "", decided_by: w.users.panrbAdmin },
      { number: b.number, result: "tidak_lolos", reasons_json: '["duplicate_title","other"]', note: "Sama dengan proposal tahun lalu.", decided_by: w.users.panrbAdmin },
      { number: c.number, result: "lolos", reasons_json: "[]", note: "", decided_by: w.users.panrbAdmin },
    ]);
    const view = await getScreeningProposal(t.db, admin, "kipp-2025", b.number, NOW);
    expect(view.history.map((h) => [h.action, h.before?.result ?? null, h.after?.result])).toEqual([
      ["screening.changed", "lolos", "tidak_lolos"],
      ["screening.decided", null, "lolos"],
    ]);
  });

  it("refuses a Tidak lolos without reason, Lainnya without text, and an empty selection, writing nothing", async () => {
    const { w, kipp } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    const decide = (result: string, reasons: string[], note: string, ids = [a.id]) =>
      decideScreening(t.db, admin, "kipp-2025", { proposalIds: ids, result, reasons, note }, NOW);
    expect(await decide("tidak_lolos", [], "Tidak lengkap")).toEqual({ ok: false, errors: { reasons: "screening.errors.reasonRequired" } });
    expect(await decide("tidak_lolos", ["other"], "")).toEqual({ ok: false, errors: { note: "screening.errors.noteRequired" } });
    expect(await decide("mungkin", [], "")).toEqual({ ok: false, errors: { result: "screening.errors.resultRequired" } });
    expect(await decide("lolos", [], "", [])).toEqual({ ok: false, errors: { ids: "screening.errors.noneSelected" } });
    expect([await screeningRows(t.db), await auditRows(t.db)]).toEqual([[], []]);
  });

  it("is 404 for a proposal of another edition or not submitted, 403 for another organizer, and writes nothing", async () => {
    const { w, kipp, sivablik } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    const draft = await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.pontianak, status: "draft" });
    const returned = await insertProposal(t.db, kipp, { n: 3, agencyId: w.agencies.pontianak, status: "returned" });
    const other = await insertProposal(t.db, sivablik, { n: 1, agencyId: w.agencies.pontianak });
    const decision = { result: "lolos", reasons: [], note: "" };
    for (const forged of [other.id, draft.id, returned.id, "tidak-ada"]) {
      await expectStatus(decideScreening(t.db, admin, "kipp-2025", { ...decision, proposalIds: [a.id, forged] }, NOW), 404);
    }
    await expectStatus(decideScreening(t.db, await actorOf(t.db, w.users.kalbarAdmin), "kipp-2025", { ...decision, proposalIds: [a.id] }, NOW), 403);
    await expectStatus(decideScreening(t.db, await actorOf(t.db, w.users.kalbarAdmin), "sivablik-2025", { ...decision, proposalIds: [a.id] }, NOW), 404);
    await expectStatus(decideScreeningOf(t.db, await actorOf(t.db, w.users.adminLokal), "kipp-2025", a.number, decision, NOW), 403);
    expect([await screeningRows(t.db), await auditRows(t.db)]).toEqual([[], []]);
    // Kalbar's admin decides its own edition.
    expect(await decideScreening(t.db, await actorOf(t.db, w.users.kalbarAdmin), "sivablik-2025", { ...decision, proposalIds: [other.id] }, NOW)).toEqual({ ok: true, changed: 1 });
  });
});

describe("publishing", () => {
  const t = useTestDb();

  it("is refused while proposals are undecided, saying how many, and writes nothing", async () => {
    const { w, kipp } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.singkawang });
    await insertProposal(t.db, kipp, { n: 3, agencyId: w.agencies.singkawang });
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id], result: "lolos", reasons: [], note: "" }, NOW);
    expect(await publishScreening(t.db, admin, "kipp-2025", { origin: ORIGIN, now: NOW })).toEqual({
      ok: false,
      errors: { _form: "screening.errors.undecided" },
      undecided: 2,
    });
    const comp = await t.db.selectFrom("competitions").select("screening_published_at").where("id", "=", kipp.competitionId).executeTakeFirstOrThrow();
    expect(comp.screening_published_at).toBeNull();
    expect((await auditRows(t.db)).map((r) => r.action)).toEqual(["screening.decided"]);
    expect(await outbox(t.db)).toEqual([]);
  });

  it("refuses an edition without submitted proposals, and another organizer's admin", async () => {
    const { w, kipp } = await setup(t.db);
    await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak, status: "draft" });
    expect(await publishScreening(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025", { origin: ORIGIN, now: NOW })).toEqual({
      ok: false,
      errors: { _form: "screening.errors.nothingToPublish" },
      undecided: 0,
    });
    await expectStatus(publishScreening(t.db, await actorOf(t.db, w.users.kalbarAdmin), "kipp-2025", { origin: ORIGIN, now: NOW }), 403);
    await expectStatus(publishScreening(t.db, await actorOf(t.db, w.users.adminLokal), "kipp-2025", { origin: ORIGIN, now: NOW }), 403);
  });

  it("publishes once all are decided, mails each entrant's Admin Lokal, and locks the decisions", async () => {
    const { w, kipp, sivablik } = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const a = await insertProposal(t.db, kipp, { n: 1, agencyId: w.agencies.pontianak });
    const b = await insertProposal(t.db, kipp, { n: 2, agencyId: w.agencies.singkawang });
    const c = await insertProposal(t.db, kipp, { n: 3, agencyId: w.agencies.singkawang });
    // A Sivablik entrant is not told about KIPP.
    await insertProposal(t.db, sivablik, { n: 1, agencyId: w.agencies.pontianak });
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [a.id, b.id], result: "lolos", reasons: [], note: "" }, NOW);
    await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [c.id], result: "tidak_lolos", reasons: ["filler"], note: "" }, NOW);

    const at = new Date("2025-07-20T02:00:00.000Z");
    expect(await publishScreening(t.db, admin, "kipp-2025", { origin: ORIGIN, now: at })).toEqual({ ok: true, publishedAt: at.toISOString(), notified: 2 });
    const comp = await t.db.selectFrom("competitions").select("screening_published_at").where("id", "=", kipp.competitionId).executeTakeFirstOrThrow();
    expect(comp.screening_published_at).toBe(at.toISOString());
    expect((await auditRows(t.db)).filter((r) => r.action === "screening.published")).toEqual([
      {
        action: "screening.published",
        actor: w.users.panrbAdmin,
        entity: ["competition", kipp.competitionId],
        organizerId: w.organizers.panrb,
        agencyId: null,
        competitionId: kipp.competitionId,
        before: { published_at: null },
        after: { published_at: at.toISOString(), total: 3, lolos: 2, tidak_lolos: 1 },
      },
    ]);
    const mails = (await outbox(t.db)).sort((x, y) => (x.to_address < y.to_address ? -1 : 1));
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ["adminlokal@pontianak.test", "Hasil seleksi administrasi KIPP 2025 telah diumumkan"],
      ["adminlokal@singkawang.test", "Hasil seleksi administrasi KIPP 2025 telah diumumkan"],
    ]);
    expect(mails[0].body_text).toContain(`${ORIGIN}/agency/${w.agencies.pontianak}/results`);
    expect(mails[1].body_text).toContain(`${ORIGIN}/agency/${w.agencies.singkawang}/results`);

    // Locked: no change, no second publication.
    const auditBefore = (await auditRows(t.db)).length;
    expect(await decideScreening(t.db, admin, "kipp-2025", { proposalIds: [c.id], result: "lolos", reasons: [], note: "" }, at)).toEqual({
      ok: false,
      errors: { _form: "screening.errors.locked" },
    });
    expect(await publishScreening(t.db, admin, "kipp-2025", { origin: ORIGIN, now: at })).toEqual({
      ok: false,
      errors: { _form: "screening.errors.alreadyPublished" },
      undecided: 0,
    });
    expect((await auditRows(t.db)).length).toBe(auditBefore);
    expect((await screeningRows(t.db)).map((r) => [r.number, r.result])).toEqual([
      [a.number, "lolos"],
      [b.number, "lolos"],
      [c.number, "tidak_lolos"],
    ]);
    expect((await outbox(t.db)).length).toBe(2);
  });
});

describe("an agency's results", () => {
  const t = useTestDb();

  async function decided(db: DB) {
    const s = await setup(db);
    const { w, kipp, sivablik } = s;
    const admin = await actorOf(db, w.users.panrbAdmin);
    const a = await insertProposal(db, kipp, { n: 1, agencyId: w.agencies.pontianak, title: "Jemput Bola Adminduk" });
    const b = await insertProposal(db, kipp, { n: 2, agencyId: w.agencies.pontianak, title: "Klinik Apung", group: "replikasi" });
    const c = await insertProposal(db, kipp, { n: 3, agencyId: w.agencies.singkawang, title: "Sekolah Sungai" });
    await insertProposal(db, kipp, { n: 4, agencyId: w.agencies.pontianak, status: "draft" });
    const siv = await insertProposal(db, sivablik, { n: 1, agencyId: w.agencies.pontianak, title: "Pasar Digital" });
    await decideScreening(db, admin, "kipp-2025", { proposalIds: [a.id, c.id], result: "lolos", reasons: [], note: "" }, NOW);
    await decideScreening(db, admin, "kipp-2025", { proposalIds: [b.id], result: "tidak_lolos", reasons: ["too_young", "other"], note: "SK belum ditandatangani." }, NOW);
    await decideScreening(db, await actorOf(db, w.users.kalbarAdmin), "sivablik-2025", { proposalIds: [siv.id], result: "tidak_lolos", reasons: ["filler"], note: "" }, NOW);
    return s;
  }

  it("shows nothing of the screening before publication", async () => {
    const { w } = await decided(t.db);
    const r = await getAgencyResults(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak);
    expect(r.competitions.map((c) => [c.name, c.publishedAt, c.proposals])).toEqual([
      ["KIPP 2025", null, []],
      ["Sivablik 2025", null, []],
    ]);
  });

  it("shows the agency exactly its own results once published, and only where published", async () => {
    const { w } = await decided(t.db);
    const at = new Date("2025-07-20T02:00:00.000Z");
    await publishScreening(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025", { origin: ORIGIN, now: at });
    for (const u of [w.users.adminLokal, w.users.innovator]) {
      const r = await getAgencyResults(t.db, await actorOf(t.db, u), w.agencies.pontianak);
      expect(r.competitions.map((c) => [c.name, c.publishedAt, c.proposals])).toEqual([
        [
          "KIPP 2025",
          at.toISOString(),
          [
            { number: "KIPP2025-000001", title: "Jemput Bola Adminduk", groupId: expect.any(String), groupNameId: "Kelompok Umum", groupNameEn: "General group", result: "lolos", reasons: [], note: "" },
            {
              number: "KIPP2025-000002",
              title: "Klinik Apung",
              groupId: expect.any(String),
              groupNameId: "Kelompok Replikasi",
              groupNameEn: "Replication group",
              result: "tidak_lolos",
              reasons: ["too_young", "other"],
              note: "SK belum ditandatangani.",
            },
          ],
        ],
        // Sivablik decided but did not publish.
        ["Sivablik 2025", null, []],
      ]);
    }
    const other = await getAgencyResults(t.db, await actorOf(t.db, w.users.otherAdminLokal), w.agencies.singkawang);
    expect(other.competitions.map((c) => [c.name, c.proposals.map((p) => [p.number, p.result])])).toEqual([["KIPP 2025", [["KIPP2025-000003", "lolos"]]]]);
  });

  it("refuses another agency's people, organizers and jurors, after publication too", async () => {
    const { w } = await decided(t.db);
    await publishScreening(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025", { origin: ORIGIN, now: NOW });
    for (const u of [w.users.otherAdminLokal, w.users.otherInnovator, w.users.panrbAdmin, w.users.kalbarAdmin, w.users.evaluator, w.users.platformAdmin, w.users.nobody]) {
      await expectStatus(getAgencyResults(t.db, await actorOf(t.db, u), w.agencies.pontianak), 403);
    }
  });
});
