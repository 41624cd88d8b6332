import { describe, expect, it } from "vitest";
import {
  automaticConflicts,
  conflictKey,
  decodeAutoReason,
  encodeAutoReason,
  isAbove,
  looksLikeProposalNumber,
  normalizeProposalNumber,
  planSync,
  reasonError,
  regionOf,
  type RegistryAgency,
  type StoredAutoConflict,
} from "~/domain/conflicts";
import { translate } from "~/i18n";
import { parseForm } from "~/lib/forms";
import {
  AgencyDeclarationSchema,
  conflictQuery,
  DismissSchema,
  JurorAgencyDeclarationSchema,
  JurorProposalDeclarationSchema,
  parseConflictFilters,
  SameRegionSchema,
} from "~/schemas/conflicts";

// Registry-shaped rows, as the reference-data migration and organizers make them.
const prov61: RegistryAgency = { id: "ag-prov-61", name: "Pemerintah Provinsi Kalimantan Barat", cluster: "provinsi", provinceCode: "61", regencyCode: null, parentId: null };
const prov64: RegistryAgency = { id: "ag-prov-64", name: "Pemerintah Provinsi Kalimantan Timur", cluster: "provinsi", provinceCode: "64", regencyCode: null, parentId: null };
const pontianak: RegistryAgency = { id: "ag-kota-61.71", name: "Pemerintah Kota Pontianak", cluster: "kota", provinceCode: "61", regencyCode: "61.71", parentId: "ag-prov-61" };
const singkawang: RegistryAgency = { id: "ag-kota-61.72", name: "Pemerintah Kota Singkawang", cluster: "kota", provinceCode: "61", regencyCode: "61.72", parentId: "ag-prov-61" };
const kubuRaya: RegistryAgency = { id: "ag-kab-61.12", name: "Pemerintah Kabupaten Kubu Raya", cluster: "kabupaten", provinceCode: "61", regencyCode: "61.12", parentId: "ag-prov-61" };
const samarinda: RegistryAgency = { id: "ag-kota-64.72", name: "Pemerintah Kota Samarinda", cluster: "kota", provinceCode: "64", regencyCode: "64.72", parentId: "ag-prov-64" };
/** An OPD a provincial organizer added: parent the province, no regency code. */
const dinkesProv: RegistryAgency = { id: "opd1", name: "Dinas Kesehatan Provinsi Kalimantan Barat", cluster: "opd", provinceCode: "61", regencyCode: null, parentId: "ag-prov-61" };
const bappedaProv: RegistryAgency = { id: "opd2", name: "Bappeda Provinsi Kalimantan Barat", cluster: "opd", provinceCode: "61", regencyCode: null, parentId: "ag-prov-61" };
/** A city's OPD: parent the city. */
const diskominfoPontianak: RegistryAgency = { id: "opd3", name: "Dinas Komunikasi dan Informatika Kota Pontianak", cluster: "opd", provinceCode: "61", regencyCode: "61.71", parentId: "ag-kota-61.71" };
/** A city's OPD known only by its regency code (no parent recorded). */
const rsudPontianak: RegistryAgency = { id: "opd4", name: "RSUD Sultan Syarif Mohamad Alkadrie", cluster: "opd", provinceCode: "61", regencyCode: "61.71", parentId: null };
/** A unit under a city OPD (two parent_id steps below the city). */
const puskesmas: RegistryAgency = { id: "unit1", name: "UPT Puskesmas Kampung Dalam", cluster: "opd", provinceCode: "61", regencyCode: null, parentId: "opd3" };
const bumdKalbar: RegistryAgency = { id: "bumd1", name: "PT Jamkrida Kalbar", cluster: "bumd", provinceCode: "61", regencyCode: null, parentId: "ag-prov-61" };
const kemenpan: RegistryAgency = { id: "ag-kem-030", name: "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", cluster: "kementerian", provinceCode: null, regencyCode: null, parentId: null };
const kemenkes: RegistryAgency = { id: "ag-kem-013", name: "Kementerian Kesehatan", cluster: "kementerian", provinceCode: null, regencyCode: null, parentId: null };
const pln: RegistryAgency = { id: "ag-bumn-001", name: "PT Perusahaan Listrik Negara (Persero)", cluster: "bumn", provinceCode: null, regencyCode: null, parentId: null };
/** A vertical agency with a province code (lembaga): not under the province government. */
const bpsKalbar: RegistryAgency = { id: "lem9", name: "BPS Provinsi Kalimantan Barat", cluster: "lembaga", provinceCode: "61", regencyCode: null, parentId: null };

const ALL = [prov61, prov64, pontianak, singkawang, kubuRaya, samarinda, dinkesProv, bappedaProv, diskominfoPontianak, rsudPontianak, puskesmas, bumdKalbar, kemenpan, kemenkes, pln, bpsKalbar];
const registry = new Map(ALL.map((a) => [a.id, a]));
const lookup = (id: string) => registry.get(id);

const OFF = { sameRegion: false };
const ON = { sameRegion: true };

/** The sources only, for compact expectations. */
function sources(j: RegistryAgency | null, p: RegistryAgency, rules = OFF): string[] {
  return automaticConflicts(j, p, rules, lookup).map((c) => c.source);
}

describe("automaticConflicts", () => {
  it("gives auto_agency for the same agency, with both names", () => {
    expect(automaticConflicts(pontianak, pontianak, OFF)).toEqual([
      { source: "auto_agency", reasonKey: "conflicts.auto.agency", params: { juror: "Pemerintah Kota Pontianak", proposal: "Pemerintah Kota Pontianak" } },
    ]);
    expect(sources(kemenpan, kemenpan)).toEqual(["auto_agency"]);
    expect(sources(dinkesProv, dinkesProv, ON)).toEqual(["auto_agency"]);
  });

  it("gives nothing for a juror of a university or other body", () => {
    for (const p of ALL) {
      expect(sources(null, p, ON)).toEqual([]);
    }
  });

  it("gives auto_parent when the juror's agency is the proposal's province government", () => {
    expect(automaticConflicts(prov61, pontianak, OFF)).toEqual([
      { source: "auto_parent", reasonKey: "conflicts.auto.parent", params: { juror: "Pemerintah Provinsi Kalimantan Barat", proposal: "Pemerintah Kota Pontianak" } },
    ]);
    expect(sources(prov61, kubuRaya)).toEqual(["auto_parent"]);
    expect(sources(prov61, dinkesProv)).toEqual(["auto_parent"]);
    expect(sources(prov61, bumdKalbar)).toEqual(["auto_parent"]);
    // A city's OPD is in the province too.
    expect(sources(prov61, diskominfoPontianak)).toEqual(["auto_parent"]);
    expect(sources(prov61, rsudPontianak)).toEqual(["auto_parent"]);
  });

  it("gives auto_parent by structure even when parent_id is not recorded", () => {
    const kotaNoParent = { ...pontianak, parentId: null };
    expect(sources(prov61, kotaNoParent)).toEqual(["auto_parent"]);
    expect(isAbove(prov61, kotaNoParent)).toBe(true);
  });

  it("gives auto_parent for a city over its OPD, by parent_id or by regency code", () => {
    expect(sources(pontianak, diskominfoPontianak)).toEqual(["auto_parent"]);
    expect(sources(pontianak, rsudPontianak)).toEqual(["auto_parent"]);
    // Two parent_id steps: the city over the OPD's unit (needs the lookup).
    expect(sources(pontianak, puskesmas)).toEqual(["auto_parent"]);
    expect(isAbove(pontianak, puskesmas)).toBe(false);
    expect(isAbove(pontianak, puskesmas, lookup)).toBe(true);
    // An OPD over its own unit.
    expect(sources(diskominfoPontianak, puskesmas)).toEqual(["auto_parent"]);
  });

  it("gives auto_child, the reverse: a juror of an OPD, regency or city and a proposal of its government", () => {
    expect(automaticConflicts(pontianak, prov61, OFF)).toEqual([
      { source: "auto_child", reasonKey: "conflicts.auto.child", params: { juror: "Pemerintah Kota Pontianak", proposal: "Pemerintah Provinsi Kalimantan Barat" } },
    ]);
    expect(sources(kubuRaya, prov61)).toEqual(["auto_child"]);
    expect(sources(dinkesProv, prov61)).toEqual(["auto_child"]);
    expect(sources(diskominfoPontianak, pontianak)).toEqual(["auto_child"]);
    expect(sources(rsudPontianak, pontianak)).toEqual(["auto_child"]);
    expect(sources(puskesmas, prov61)).toEqual(["auto_child"]);
  });

  it("gives nothing between siblings or across provinces when the region rule is off", () => {
    expect(sources(pontianak, kubuRaya)).toEqual([]);
    expect(sources(pontianak, singkawang)).toEqual([]);
    expect(sources(dinkesProv, bappedaProv)).toEqual([]);
    expect(sources(dinkesProv, pontianak)).toEqual([]);
    expect(sources(singkawang, diskominfoPontianak)).toEqual([]);
    expect(sources(prov64, pontianak)).toEqual([]);
    expect(sources(samarinda, prov61)).toEqual([]);
    expect(sources(kemenpan, pontianak)).toEqual([]);
    expect(sources(pontianak, kemenpan)).toEqual([]);
    expect(sources(kemenpan, kemenkes)).toEqual([]);
  });

  it("gives auto_region for the same province only when the edition turns it on", () => {
    // Kota Pontianak and Kab. Kubu Raya share province 61.
    expect(automaticConflicts(pontianak, kubuRaya, ON)).toEqual([
      {
        source: "auto_region",
        reasonKey: "conflicts.auto.region",
        params: { juror: "Pemerintah Kota Pontianak", proposal: "Pemerintah Kabupaten Kubu Raya", province: "61" },
      },
    ]);
    expect(sources(pontianak, kubuRaya, OFF)).toEqual([]);
    expect(sources(pontianak, singkawang, ON)).toEqual(["auto_region"]);
    expect(sources(dinkesProv, bappedaProv, ON)).toEqual(["auto_region"]);
    expect(sources(singkawang, diskominfoPontianak, ON)).toEqual(["auto_region"]);
    expect(sources(pontianak, samarinda, ON)).toEqual([]);
    expect(sources(prov64, kubuRaya, ON)).toEqual([]);
  });

  it("keeps only the most specific rule: parent or child, not also region", () => {
    expect(sources(prov61, pontianak, ON)).toEqual(["auto_parent"]);
    expect(sources(pontianak, prov61, ON)).toEqual(["auto_child"]);
    expect(sources(pontianak, pontianak, ON)).toEqual(["auto_agency"]);
  });

  it("never gives auto_region for national agencies (kementerian, lembaga, BUMN have no region)", () => {
    expect(sources(kemenpan, pontianak, ON)).toEqual([]);
    expect(sources(kemenpan, kemenkes, ON)).toEqual([]);
    expect(sources(pln, kemenkes, ON)).toEqual([]);
    expect(regionOf(kemenpan)).toBeNull();
    // Even a national cluster with a province code recorded has no region.
    expect(regionOf({ ...pln, provinceCode: "61" })).toBeNull();
    expect(sources({ ...pln, provinceCode: "61" }, pontianak, ON)).toEqual([]);
    // A lembaga is national even with a province code.
    expect(regionOf(bpsKalbar)).toBeNull();
    expect(sources(prov61, bpsKalbar, ON)).toEqual([]);
  });

  it("does not put a vertical agency with a province code under the province government", () => {
    expect(sources(prov61, bpsKalbar)).toEqual([]);
    expect(sources(bpsKalbar, prov61)).toEqual([]);
  });

  it("survives a parent_id cycle", () => {
    const a: RegistryAgency = { id: "x1", cluster: "opd", provinceCode: "61", regencyCode: null, parentId: "x2" };
    const b: RegistryAgency = { id: "x2", cluster: "opd", provinceCode: "61", regencyCode: null, parentId: "x1" };
    const cyc = new Map([a, b].map((x) => [x.id, x]));
    expect(isAbove(b, a, (id) => cyc.get(id))).toBe(true);
    expect(isAbove(pontianak, a, (id) => cyc.get(id))).toBe(false);
  });

  it("falls back to ids in the reason when names are not given", () => {
    const { name: _n, ...noName } = pontianak;
    expect(automaticConflicts(noName, noName, OFF)[0].params).toEqual({ juror: "ag-kota-61.71", proposal: "ag-kota-61.71" });
  });
});

describe("stored reasons", () => {
  it("round-trips the key and parameters", () => {
    const [c] = automaticConflicts(pontianak, kubuRaya, ON);
    const stored = encodeAutoReason(c);
    expect(decodeAutoReason(stored)).toEqual({ key: "conflicts.auto.region", params: { juror: "Pemerintah Kota Pontianak", proposal: "Pemerintah Kabupaten Kubu Raya", province: "61" } });
  });

  it("reads a written reason (or a broken one) as not automatic", () => {
    expect(decodeAutoReason("Saya pernah menjadi konsultan instansi ini.")).toBeNull();
    expect(decodeAutoReason("{not json")).toBeNull();
    expect(decodeAutoReason(JSON.stringify({ key: "auth.login", params: {} }))).toBeNull();
  });

  it("reads as a sentence in both languages", () => {
    const [region] = automaticConflicts(pontianak, kubuRaya, ON);
    expect(translate("id", region.reasonKey, region.params)).toBe(
      "Instansi juri (Pemerintah Kota Pontianak) dan instansi pengusul (Pemerintah Kabupaten Kubu Raya) berada di provinsi yang sama (kode 61).",
    );
    const [parent] = automaticConflicts(prov61, dinkesProv, OFF);
    expect(translate("en", parent.reasonKey, parent.params)).toBe(
      "The juror's agency (Pemerintah Provinsi Kalimantan Barat) is above the proposing agency (Dinas Kesehatan Provinsi Kalimantan Barat).",
    );
  });
});

describe("planSync", () => {
  const jurors = [
    { id: "j-prov", affiliationAgencyId: "ag-prov-61" },
    { id: "j-pnk", affiliationAgencyId: "ag-kota-61.71" },
    { id: "j-untan", affiliationAgencyId: null },
    { id: "j-kem", affiliationAgencyId: "ag-kem-030" },
  ];
  const proposals = [
    { id: "p1", agencyId: "ag-kota-61.71" },
    { id: "p2", agencyId: "ag-kab-61.12" },
    { id: "p3", agencyId: "opd1" },
    { id: "p4", agencyId: "ag-kota-64.72" },
  ];
  const pairs = (plan: ReturnType<typeof planSync>) => plan.add.map((a) => `${a.jurorId}/${a.proposalId}/${a.conflict.source}`);

  it("adds exactly the pairs the rules give, in juror then proposal order", () => {
    const plan = planSync(jurors, proposals, registry, OFF, []);
    expect(pairs(plan)).toEqual(["j-prov/p1/auto_parent", "j-prov/p2/auto_parent", "j-prov/p3/auto_parent", "j-pnk/p1/auto_agency"]);
    expect(plan.remove).toEqual([]);
    expect([plan.kept, plan.dismissedKept]).toEqual([0, 0]);
  });

  it("adds the region pairs when the rule is on", () => {
    const plan = planSync(jurors, proposals, registry, ON, []);
    expect(pairs(plan)).toEqual([
      "j-prov/p1/auto_parent",
      "j-prov/p2/auto_parent",
      "j-prov/p3/auto_parent",
      "j-pnk/p1/auto_agency",
      "j-pnk/p2/auto_region",
      "j-pnk/p3/auto_region",
    ]);
  });

  it("keeps what is stored, removes what is obsolete, never re-adds or removes a dismissed one", () => {
    const stored: StoredAutoConflict[] = [
      { id: "c1", jurorId: "j-prov", proposalId: "p1", source: "auto_parent", status: "active" },
      { id: "c2", jurorId: "j-prov", proposalId: "p2", source: "auto_parent", status: "dismissed" },
      // Obsolete: the region rule is off now.
      { id: "c3", jurorId: "j-pnk", proposalId: "p2", source: "auto_region", status: "active" },
      // Obsolete and dismissed: stays as the record of the dismissal.
      { id: "c4", jurorId: "j-pnk", proposalId: "p3", source: "auto_region", status: "dismissed" },
    ];
    const plan = planSync(jurors, proposals, registry, OFF, stored);
    expect(pairs(plan)).toEqual(["j-prov/p3/auto_parent", "j-pnk/p1/auto_agency"]);
    expect(plan.remove.map((r) => r.id)).toEqual(["c3"]);
    expect([plan.kept, plan.dismissedKept]).toEqual([1, 1]);
  });

  it("is idempotent: a plan applied gives an empty plan", () => {
    const first = planSync(jurors, proposals, registry, ON, []);
    const stored: StoredAutoConflict[] = first.add.map((a, i) => ({ id: `c${i}`, jurorId: a.jurorId, proposalId: a.proposalId, source: a.conflict.source, status: "active" }));
    const second = planSync(jurors, proposals, registry, ON, stored);
    expect(second.add).toEqual([]);
    expect(second.remove).toEqual([]);
    expect([second.kept, second.dismissedKept]).toEqual([6, 0]);
  });

  it("ignores an agency missing from the registry map", () => {
    const plan = planSync([{ id: "j", affiliationAgencyId: "ghost" }], proposals, registry, ON, []);
    expect(plan.add).toEqual([]);
  });

  it("handles the national shape (30 jurors × 2,100 proposals) quickly", () => {
    const agencyIds = ALL.map((a) => a.id);
    const js = Array.from({ length: 30 }, (_, i) => ({ id: `j${i}`, affiliationAgencyId: i % 3 === 0 ? null : agencyIds[i % agencyIds.length] }));
    const ps = Array.from({ length: 2100 }, (_, i) => ({ id: `p${i}`, agencyId: agencyIds[(i * 7) % agencyIds.length] }));
    const t0 = performance.now();
    const plan = planSync(js, ps, registry, ON, []);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(500);
    // Every added pair is one the rules give, and none twice.
    const keys = plan.add.map((a) => conflictKey(a.jurorId, a.proposalId, a.conflict.source));
    expect(new Set(keys).size).toBe(keys.length);
    const expected = js.flatMap((j) =>
      ps.flatMap((p) =>
        automaticConflicts(j.affiliationAgencyId ? registry.get(j.affiliationAgencyId)! : null, registry.get(p.agencyId)!, ON, lookup).map((c) =>
          conflictKey(j.id, p.id, c.source),
        ),
      ),
    );
    expect(keys).toEqual(expected);
  });
});

describe("written reasons and numbers", () => {
  it("requires at least 10 characters, at most 1,000", () => {
    expect(reasonError("")).toBe("errors.required");
    expect(reasonError("   ")).toBe("errors.required");
    expect(reasonError("kerabat")).toBe("conflicts.errors.reasonShort");
    expect(reasonError("  123456789  ")).toBe("conflicts.errors.reasonShort");
    expect(reasonError("1234567890")).toBeNull();
    expect(reasonError("x".repeat(1000))).toBeNull();
    expect(reasonError("x".repeat(1001))).toBe("errors.tooLong");
  });

  it("trims a proposal number and keeps its case", () => {
    expect(normalizeProposalNumber("  Sivablik2025-000012 ")).toBe("Sivablik2025-000012");
  });

  it("tells a proposal number's shape from a typing slip", () => {
    expect(["KIPP2025-000123", "Sivablik2025-000012", "kipp2025-1"].map(looksLikeProposalNumber)).toEqual([true, true, true]);
    expect(["", "000123", "KIPP2025 000123", "KIPP2025-", "nomor 12", "KIPP2025-00012a"].map(looksLikeProposalNumber)).toEqual([false, false, false, false, false, false]);
  });
});

describe("conflict forms", () => {
  const form = (entries: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.append(k, v);
    return f;
  };

  it("puts a short reason's message at the reason field and keeps what was typed", () => {
    const r = parseForm(JurorProposalDeclarationSchema, form({ jurorId: "j1", proposalNumber: " KIPP2025-000123 ", reason: "kerabat" }));
    expect(r).toEqual({
      ok: false,
      errors: { reason: "conflicts.errors.reasonShort" },
      values: { jurorId: "j1", proposalNumber: " KIPP2025-000123 ", reason: "kerabat" },
    });
  });

  it("parses a valid juror declaration, trimmed", () => {
    const r = parseForm(JurorProposalDeclarationSchema, form({ jurorId: "j1", proposalNumber: " KIPP2025-000123 ", reason: "  Saya kerabat inovatornya.  " }));
    expect(r.ok && r.data).toEqual({ jurorId: "j1", proposalNumber: "KIPP2025-000123", reason: "Saya kerabat inovatornya." });
  });

  it("refuses a malformed proposal number at its field", () => {
    expect(parseForm(JurorProposalDeclarationSchema, form({ jurorId: "j1", proposalNumber: "nomor 12", reason: "Saya kerabat inovatornya." }))).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.numberFormat" },
      values: { jurorId: "j1", proposalNumber: "nomor 12", reason: "Saya kerabat inovatornya." },
    });
  });

  it("asks for an agency and a juror at their fields", () => {
    expect(parseForm(JurorAgencyDeclarationSchema, form({ jurorId: "j1", reason: "Saya kerabat inovatornya." }))).toMatchObject({
      ok: false,
      errors: { agencyId: "conflicts.errors.agencyRequired" },
    });
    expect(parseForm(AgencyDeclarationSchema, form({ proposalNumber: "KIPP2025-000001", reason: "" }))).toEqual({
      ok: false,
      errors: { jurorId: "conflicts.errors.jurorRequired", reason: "errors.required" },
      values: { proposalNumber: "KIPP2025-000001", reason: "" },
    });
  });

  it("reads the dismissal and the switch", () => {
    expect(parseForm(DismissSchema, form({ conflictId: "c1", reason: "Sudah pensiun sejak 2020." }))).toMatchObject({ ok: true, data: { conflictId: "c1", reason: "Sudah pensiun sejak 2020." } });
    expect(parseForm(SameRegionSchema, form({ sameRegion: "1" }))).toMatchObject({ ok: true, data: { sameRegion: true } });
    expect(parseForm(SameRegionSchema, form({}))).toMatchObject({ ok: true, data: { sameRegion: false } });
  });

  it("reads the review filters from the address, ignoring anything malformed", () => {
    expect(parseConflictFilters(new URLSearchParams("source=auto_region&status=dismissed&juror=abc123&page=3"))).toEqual({
      source: "auto_region",
      status: "dismissed",
      jurorId: "abc123",
      page: 3,
    });
    expect(parseConflictFilters(new URLSearchParams("source=nope&status=gone&juror=a%20b&page=-4"))).toEqual({ source: null, status: null, jurorId: null, page: 1 });
    expect(conflictQuery({ source: "juror", status: null, jurorId: "j1" }, 2)).toBe("?source=juror&juror=j1&page=2");
    expect(conflictQuery({})).toBe("");
  });
});
