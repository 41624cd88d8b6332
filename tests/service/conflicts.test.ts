import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { insertAgency } from "~/models/agencies.server";
import {
  declareConflictAsAgency,
  declareConflictAsJuror,
  dismissConflict,
  getAgencyConflictsPage,
  getConflictReview,
  getJurorConflictsPage,
  recordConflictAsOrganizer,
  runConflictCheck,
  setSameRegionRule,
  syncAutomaticConflicts,
} from "~/services/conflicts.server";
import { parseConflictFilters } from "~/schemas/conflicts";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildWorld } from "../support/factories";
import { buildJuror, buildScreenedProposals } from "../support/jury";

const t = useTestDb();

/** Every conflict of an edition as "email number source status", sorted. */
async function conflictLines(db: DB, competitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conflicts as c")
    .innerJoin("jurors as j", "j.id", "c.juror_id")
    .innerJoin("proposals as p", "p.id", "c.proposal_id")
    .select(["j.email", "p.number", "c.source", "c.status"])
    .where("c.competition_id", "=", competitionId)
    .execute();
  return rows.map((r) => `${r.email} ${r.number} ${r.source} ${r.status}`).sort();
}

async function auditRows(db: DB, action: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "entity_type", "entity_id", "actor_user_id", "organizer_id", "competition_id", "agency_id", "before_json", "after_json"])
    .where("action", "=", action)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, before: r.before_json ? JSON.parse(r.before_json) : null, after: r.after_json ? JSON.parse(r.after_json) : null }));
}

const noFilters = parseConflictFilters(new URLSearchParams());

/** Audit rows are stamped to the millisecond; wait one out so their order is the order of the calls. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

async function status(p: Promise<unknown>): Promise<number | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

/**
 * Sivablik 2025 (Kalbar) with proposals of Kota Pontianak, Kab. Kubu Raya,
 * the province's Dinas Kesehatan (an OPD), Kota Singkawang, plus a withdrawn
 * and a draft one; jurors from the province, Pontianak, the OPD, a
 * university, a ministry, and one who declined. KIPP 2025 gets a Pontianak
 * proposal and juror too (data that must not leak into Sivablik).
 */
async function setup(db: DB) {
  const w = await buildWorld(db);
  const dinkes = await insertAgency(db, {
    code: "OPD-61-001",
    name: "Dinas Kesehatan Provinsi Kalimantan Barat",
    cluster: "opd",
    provinceCode: "61",
    parentId: "ag-prov-61",
    organizerId: w.organizers.kalbar,
  });
  const siv = await buildEdition(db, w.competitions.sivablik);
  const [pnk, kubu, opd, skw, withdrawn, draft] = await buildScreenedProposals(db, siv, [
    { agencyId: w.agencies.pontianak },
    { agencyId: "ag-kab-61.12" },
    { agencyId: dinkes },
    { agencyId: w.agencies.singkawang, result: "tidak_lolos" },
    { agencyId: w.agencies.pontianak, status: "withdrawn" },
    { agencyId: w.agencies.pontianak, status: "draft" },
  ]);
  const sivablik = w.competitions.sivablik;
  const jurors = {
    prov: await buildJuror(db, { competitionId: sivablik, email: "biro@kalbarprov.test", name: "Yohanes", affiliationAgencyId: "ag-prov-61" }),
    pnk: await buildJuror(db, { competitionId: sivablik, email: "bappeda@pontianak.test", name: "Rahmat", affiliationAgencyId: w.agencies.pontianak }),
    opd: await buildJuror(db, { competitionId: sivablik, email: "dinkes@kalbarprov.test", name: "Maria", affiliationAgencyId: dinkes, role: "panelist" }),
    untan: await buildJuror(db, { competitionId: sivablik, email: "dosen@untan.test", name: "Prof. Ilham", affiliationOther: "Universitas Tanjungpura" }),
    kem: await buildJuror(db, { competitionId: sivablik, email: "asn@menpan.test", name: "Dewi", affiliationAgencyId: "ag-kem-030" }),
    declined: await buildJuror(db, { competitionId: sivablik, email: "tolak@pontianak.test", name: "Budi", affiliationAgencyId: w.agencies.pontianak, status: "declined" }),
  };
  const kippEdition = await buildEdition(db, w.competitions.kipp);
  const [kippPnk] = await buildScreenedProposals(db, kippEdition, [{ agencyId: w.agencies.pontianak }, { agencyId: w.agencies.singkawang }]);
  const kippJuror = await buildJuror(db, { competitionId: w.competitions.kipp, email: "pontianak@juri.test", name: "Andi", affiliationAgencyId: w.agencies.pontianak });
  return { w, dinkes, siv, p: { pnk, kubu, opd, skw, withdrawn, draft }, jurors, kippEdition, kippPnk, kippJuror };
}

const BASE = [
  "biro@kalbarprov.test Sivablik2025-000001 auto_parent active",
  "biro@kalbarprov.test Sivablik2025-000002 auto_parent active",
  "biro@kalbarprov.test Sivablik2025-000003 auto_parent active",
  "biro@kalbarprov.test Sivablik2025-000004 auto_parent active",
  "bappeda@pontianak.test Sivablik2025-000001 auto_agency active",
  "dinkes@kalbarprov.test Sivablik2025-000003 auto_agency active",
].sort();

const REGION = [
  "bappeda@pontianak.test Sivablik2025-000002 auto_region active",
  "bappeda@pontianak.test Sivablik2025-000003 auto_region active",
  "bappeda@pontianak.test Sivablik2025-000004 auto_region active",
  "dinkes@kalbarprov.test Sivablik2025-000001 auto_region active",
  "dinkes@kalbarprov.test Sivablik2025-000002 auto_region active",
  "dinkes@kalbarprov.test Sivablik2025-000004 auto_region active",
];

describe("syncAutomaticConflicts", () => {
  it("adds exactly the same-agency and parent pairs, for submitted proposals and non-declined jurors only", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const now = new Date("2025-05-10T03:00:00.000Z");
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik, now)).toEqual({ added: 6, removed: 0, kept: 0, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(BASE);
    // Nothing in KIPP.
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual([]);
    // Stored with the check's time, no declarer, and a reason the page can translate.
    const row = await t.db
      .selectFrom("conflicts")
      .select(["reason", "declared_by", "created_at"])
      .where("juror_id", "=", s.jurors.pnk)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      reason: JSON.stringify({ key: "conflicts.auto.agency", params: { juror: "Pemerintah Kota Pontianak", proposal: "Pemerintah Kota Pontianak" } }),
      declared_by: null,
      created_at: "2025-05-10T03:00:00.000Z",
    });

    const audits = await auditRows(t.db, "conflicts.checked");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entity_type: "competition",
      entity_id: s.w.competitions.sivablik,
      actor_user_id: s.w.users.kalbarAdmin,
      organizer_id: s.w.organizers.kalbar,
      competition_id: s.w.competitions.sivablik,
    });
    expect(audits[0].after).toEqual({
      counts: { added: 6, removed: 0, kept: 0, dismissedKept: 0 },
      sameRegion: false,
      added: [
        { juror: "bappeda@pontianak.test", proposal: "Sivablik2025-000001", source: "auto_agency" },
        { juror: "biro@kalbarprov.test", proposal: "Sivablik2025-000001", source: "auto_parent" },
        { juror: "biro@kalbarprov.test", proposal: "Sivablik2025-000002", source: "auto_parent" },
        { juror: "biro@kalbarprov.test", proposal: "Sivablik2025-000003", source: "auto_parent" },
        { juror: "biro@kalbarprov.test", proposal: "Sivablik2025-000004", source: "auto_parent" },
        { juror: "dinkes@kalbarprov.test", proposal: "Sivablik2025-000003", source: "auto_agency" },
      ],
      removed: [],
    });
  });

  it("is idempotent: a second run adds and removes nothing", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    await tick();
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 0, removed: 0, kept: 6, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(BASE);
    const audits = await auditRows(t.db, "conflicts.checked");
    expect(audits.map((a) => a.after.counts)).toEqual([
      { added: 6, removed: 0, kept: 0, dismissedKept: 0 },
      { added: 0, removed: 0, kept: 6, dismissedKept: 0 },
    ]);
  });

  it("adds same-province pairs when the region rule is on and removes them when it is off again", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    await tick();
    expect(await setSameRegionRule(t.db, kalbar, "sivablik-2025", true)).toEqual({ changed: true });
    await tick();
    expect(await setSameRegionRule(t.db, kalbar, "sivablik-2025", true)).toEqual({ changed: false });
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 6, removed: 0, kept: 6, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual([...BASE, ...REGION].sort());
    // The ministry juror and the university juror never get one.
    expect((await conflictLines(t.db, s.w.competitions.sivablik)).filter((l) => l.startsWith("asn@") || l.startsWith("dosen@"))).toEqual([]);

    await tick();
    await setSameRegionRule(t.db, kalbar, "sivablik-2025", false);
    await tick();
    expect(await runConflictCheck(t.db, kalbar, "sivablik-2025")).toEqual({ added: 0, removed: 6, kept: 6, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(BASE);
    const rule = await auditRows(t.db, "conflicts.ruleChanged");
    expect(rule.map((r) => [r.before, r.after, r.competition_id, r.organizer_id])).toEqual([
      [{ conflict_same_region: 0 }, { conflict_same_region: 1 }, s.w.competitions.sivablik, s.w.organizers.kalbar],
      [{ conflict_same_region: 1 }, { conflict_same_region: 0 }, s.w.competitions.sivablik, s.w.organizers.kalbar],
    ]);
    const last = (await auditRows(t.db, "conflicts.checked")).at(-1)!;
    expect(last.after.removed).toEqual(
      REGION.map((l) => {
        const [juror, proposal, source] = l.split(" ");
        return { juror, proposal, source };
      }).sort((a, b) => a.proposal.localeCompare(b.proposal) || a.juror.localeCompare(b.juror)),
    );
  });

  it("never revives a dismissed conflict", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    const c = await t.db
      .selectFrom("conflicts")
      .select("id")
      .where("juror_id", "=", s.jurors.prov)
      .where("proposal_id", "=", s.p.kubu.id)
      .executeTakeFirstOrThrow();
    expect(await dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "Juri bertugas di Biro Hukum, tidak terkait Kubu Raya." })).toEqual({ ok: true });
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 0, removed: 0, kept: 5, dismissedKept: 1 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(
      BASE.map((l) => (l === "biro@kalbarprov.test Sivablik2025-000002 auto_parent active" ? "biro@kalbarprov.test Sivablik2025-000002 auto_parent dismissed" : l)).sort(),
    );
    // Also when the juror changes affiliation away and back.
    await t.db.updateTable("jurors").set({ affiliation_agency_id: null, affiliation_other: "Universitas Tanjungpura" }).where("id", "=", s.jurors.prov).execute();
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 0, removed: 3, kept: 2, dismissedKept: 0 });
    await t.db.updateTable("jurors").set({ affiliation_agency_id: "ag-prov-61" }).where("id", "=", s.jurors.prov).execute();
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 3, removed: 0, kept: 2, dismissedKept: 1 });
    expect((await conflictLines(t.db, s.w.competitions.sivablik)).filter((l) => l.includes("000002"))).toEqual([
      "biro@kalbarprov.test Sivablik2025-000002 auto_parent dismissed",
    ]);
  });

  it("removes the obsolete conflicts when a juror's affiliation changes", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    await t.db.updateTable("jurors").set({ affiliation_agency_id: s.w.agencies.singkawang }).where("id", "=", s.jurors.pnk).execute();
    await tick();
    expect(await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik)).toEqual({ added: 1, removed: 1, kept: 5, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(
      BASE.map((l) => (l.startsWith("bappeda@") ? "bappeda@pontianak.test Sivablik2025-000004 auto_agency active" : l)).sort(),
    );
    const last = (await auditRows(t.db, "conflicts.checked")).at(-1)!;
    expect([last.after.added, last.after.removed]).toEqual([
      [{ juror: "bappeda@pontianak.test", proposal: "Sivablik2025-000004", source: "auto_agency" }],
      [{ juror: "bappeda@pontianak.test", proposal: "Sivablik2025-000001", source: "auto_agency" }],
    ]);
  });

  it("leaves declared conflicts alone", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.untan, proposalNumber: "sivablik2025-000002", reason: "Pembimbing skripsi kepala dinas pengusul." });
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual([...BASE, "dosen@untan.test Sivablik2025-000002 organizer active"].sort());
  });

  it("is for organizer admins of the edition only (Kalbar cannot check KIPP)", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    const evaluator = await actorOf(t.db, s.w.users.evaluator);
    expect(await status(syncAutomaticConflicts(t.db, kalbar, s.w.competitions.kipp))).toBe(403);
    expect(await status(syncAutomaticConflicts(t.db, evaluator, s.w.competitions.kipp))).toBe(403);
    expect(await status(syncAutomaticConflicts(t.db, panrb, "no-such-edition"))).toBe(404);
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual([]);
    expect(await syncAutomaticConflicts(t.db, panrb, s.w.competitions.kipp)).toEqual({ added: 1, removed: 0, kept: 0, dismissedKept: 0 });
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual(["pontianak@juri.test KIPP2025-000001 auto_agency active"]);
    expect(await auditRows(t.db, "conflicts.checked")).toHaveLength(1);
  });

  it("checks the national shape (2,100 proposals × 30 jurors) in one go", async () => {
    const w = await buildWorld(t.db);
    const e = await buildEdition(t.db, w.competitions.kipp);
    const regencies = await t.db
      .selectFrom("agencies")
      .select(["id", "province_code"])
      .where("cluster", "in", ["kabupaten", "kota"])
      .orderBy("id")
      .limit(350)
      .execute();
    const now = new Date().toISOString();
    const proposals = Array.from({ length: 2100 }, (_, i) => ({
      id: newId(),
      competition_id: w.competitions.kipp,
      group_id: e.groups.umum,
      category_id: e.categories.digital,
      agency_id: regencies[i % regencies.length].id,
      number: `KIPP2025-${String(i + 1).padStart(6, "0")}`,
      status: "submitted" as const,
      submitted_at: now,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < proposals.length; i += 300) await t.db.insertInto("proposals").values(proposals.slice(i, i + 300)).execute();
    // 20 jurors from regencies, 5 from their provinces, 5 from universities.
    const jurorAgencies: (string | null)[] = [];
    for (let i = 0; i < 20; i++) jurorAgencies.push(regencies[i * 17].id);
    for (let i = 0; i < 5; i++) jurorAgencies.push(`ag-prov-${regencies[i * 60].province_code}`);
    for (let i = 0; i < 5; i++) jurorAgencies.push(null);
    for (const [i, a] of jurorAgencies.entries()) {
      await buildJuror(t.db, { competitionId: w.competitions.kipp, email: `juri${i}@juri.test`, name: `Juri ${i}`, affiliationAgencyId: a, affiliationOther: a ? "" : "Universitas" });
    }
    // Independent count: a regency juror conflicts with its own proposals; a
    // province juror with those of its regencies and cities.
    const provinceOf = new Map(regencies.map((r) => [r.id, r.province_code]));
    let expected = 0;
    for (const a of jurorAgencies) {
      if (!a) continue;
      expected += proposals.filter((p) => (a.startsWith("ag-prov-") ? provinceOf.get(p.agency_id) === a.slice(8) : p.agency_id === a)).length;
    }
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    const t0 = performance.now();
    const counts = await syncAutomaticConflicts(t.db, panrb, w.competitions.kipp);
    const ms = performance.now() - t0;
    expect(expected).toBeGreaterThan(200);
    expect(counts).toEqual({ added: expected, removed: 0, kept: 0, dismissedKept: 0 });
    const n = await t.db.selectFrom("conflicts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(expected);
    expect(ms).toBeLessThan(5000);
    const t1 = performance.now();
    expect(await syncAutomaticConflicts(t.db, panrb, w.competitions.kipp)).toEqual({ added: 0, removed: 0, kept: expected, dismissedKept: 0 });
    expect(performance.now() - t1).toBeLessThan(5000);
  });
});

describe("dismissConflict", () => {
  it("dismisses an automatic conflict with a written reason, audited", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    const c = await t.db.selectFrom("conflicts").select("id").where("juror_id", "=", s.jurors.pnk).executeTakeFirstOrThrow();
    expect(await dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "pendek" })).toEqual({ ok: false, errors: { reason: "conflicts.errors.reasonShort" } });
    expect(await dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "Juri sudah pensiun dari Pemkot sejak 2020." }, new Date("2025-05-11T01:00:00.000Z"))).toEqual({ ok: true });
    const row = await t.db.selectFrom("conflicts").select(["status", "dismissed_by", "dismissed_reason", "dismissed_at"]).where("id", "=", c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "dismissed", dismissed_by: s.w.users.kalbarAdmin, dismissed_reason: "Juri sudah pensiun dari Pemkot sejak 2020.", dismissed_at: "2025-05-11T01:00:00.000Z" });
    expect(await dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "Juri sudah pensiun dari Pemkot sejak 2020." })).toEqual({ ok: false, errors: { _form: "conflicts.errors.alreadyDismissed" } });
    const audits = await auditRows(t.db, "conflict.dismissed");
    expect(audits.map((a) => [a.entity_type, a.entity_id, a.competition_id, a.organizer_id, a.agency_id, a.before, a.after])).toEqual([
      [
        "conflict",
        c.id,
        s.w.competitions.sivablik,
        s.w.organizers.kalbar,
        s.w.agencies.pontianak,
        { status: "active" },
        { status: "dismissed", reason: "Juri sudah pensiun dari Pemkot sejak 2020.", juror: "bappeda@pontianak.test", proposal: "Sivablik2025-000001", source: "auto_agency" },
      ],
    ]);
  });

  it("refuses to dismiss a declared conflict", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.untan, proposalNumber: "Sivablik2025-000001", reason: "Konsultan aplikasi Pontianak." });
    const c = await t.db.selectFrom("conflicts").select("id").executeTakeFirstOrThrow();
    expect(await dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "Sudah tidak bekerja sama lagi." })).toEqual({ ok: false, errors: { _form: "conflicts.errors.notDismissable" } });
    expect(await auditRows(t.db, "conflict.dismissed")).toEqual([]);
  });

  it("is denied to another organizer, with the conflict present; an unknown id is 404", async () => {
    const s = await setup(t.db);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    await syncAutomaticConflicts(t.db, panrb, s.w.competitions.kipp);
    const c = await t.db.selectFrom("conflicts").select("id").executeTakeFirstOrThrow();
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    expect(await status(dismissConflict(t.db, kalbar, "kipp-2025", { conflictId: c.id, reason: "Tidak relevan lagi sama sekali." }))).toBe(403);
    // Through its own edition the KIPP conflict is simply not there.
    expect(await status(dismissConflict(t.db, kalbar, "sivablik-2025", { conflictId: c.id, reason: "Tidak relevan lagi sama sekali." }))).toBe(404);
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual(["pontianak@juri.test KIPP2025-000001 auto_agency active"]);
  });
});

describe("declareConflictAsJuror", () => {
  async function jurySetup(db: DB) {
    const s = await setup(db);
    const evaluatorJuror = await buildJuror(db, { competitionId: s.w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: s.w.users.evaluator });
    const panelistJuror = await buildJuror(db, { competitionId: s.w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: s.w.users.panelist });
    // A third KIPP proposal, of Singkawang, so "by agency" covers more than one.
    const [, extra] = await buildScreenedProposals(db, s.kippEdition, [{ agencyId: s.w.agencies.pontianak, status: "draft" }, { agencyId: s.w.agencies.singkawang }]);
    return { ...s, evaluatorJuror, panelistJuror, extra };
  }

  it("records a declaration against a proposal, an unknown number and an agency with the same answer", async () => {
    const s = await jurySetup(t.db);
    const eko = await actorOf(t.db, s.w.users.evaluator);
    const reason = "Saya konsultan sistem informasi di instansi ini.";
    // An existing proposal (not assigned to Eko), typed in lower case.
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "kipp2025-000001", reason }, new Date("2025-06-01T02:00:00.000Z"))).toEqual({ ok: true });
    // A number that does not exist, and a draft's number.
    await tick();
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-009999", reason })).toEqual({ ok: true });
    await tick();
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000003", reason })).toEqual({ ok: true });
    // An agency: Singkawang has two submitted KIPP proposals.
    await tick();
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, agencyId: s.w.agencies.singkawang, reason: "Istri saya bekerja di Pemkot Singkawang." })).toEqual({ ok: true });
    // Declaring the same proposal again changes nothing.
    await tick();
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000001", reason })).toEqual({ ok: true });

    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual([
      "evaluator1@juri.test KIPP2025-000001 juror active",
      "evaluator1@juri.test KIPP2025-000002 juror active",
      "evaluator1@juri.test KIPP2025-000004 juror active",
    ]);
    const first = await t.db.selectFrom("conflicts").select(["declared_by", "reason", "created_at"]).where("proposal_id", "=", s.kippPnk.id).executeTakeFirstOrThrow();
    expect(first).toEqual({ declared_by: s.w.users.evaluator, reason, created_at: "2025-06-01T02:00:00.000Z" });

    const audits = await auditRows(t.db, "conflict.declared");
    expect(audits.map((a) => [a.entity_type, a.entity_id, a.actor_user_id, a.competition_id, a.organizer_id, a.agency_id, a.after.target, a.after.matched, a.after.created])).toEqual([
      ["juror", s.evaluatorJuror, s.w.users.evaluator, s.w.competitions.kipp, s.w.organizers.panrb, null, { kind: "proposal", number: "kipp2025-000001" }, 1, 1],
      ["juror", s.evaluatorJuror, s.w.users.evaluator, s.w.competitions.kipp, s.w.organizers.panrb, null, { kind: "proposal", number: "KIPP2025-009999" }, 0, 0],
      ["juror", s.evaluatorJuror, s.w.users.evaluator, s.w.competitions.kipp, s.w.organizers.panrb, null, { kind: "proposal", number: "KIPP2025-000003" }, 0, 0],
      [
        "juror",
        s.evaluatorJuror,
        s.w.users.evaluator,
        s.w.competitions.kipp,
        s.w.organizers.panrb,
        null,
        { kind: "agency", agencyId: s.w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang", agencyCode: "KOTA-61.72" },
        2,
        2,
      ],
      ["juror", s.evaluatorJuror, s.w.users.evaluator, s.w.competitions.kipp, s.w.organizers.panrb, null, { kind: "proposal", number: "KIPP2025-000001" }, 1, 0],
    ]);

    // The juror's page lists what they typed, the same way for every number, with no counts.
    const page = await getJurorConflictsPage(t.db, eko, "kipp-2025");
    expect(page.jurors).toEqual([{ id: s.evaluatorJuror, role: "evaluator" }]);
    // Newest first; declarations made within one millisecond have no order, so compare sorted.
    const byLabel = (a: { target: { label: string } }, b: { target: { label: string } }) => (a.target.label < b.target.label ? -1 : a.target.label > b.target.label ? 1 : 0);
    expect([...page.declarations].sort(byLabel).map((d) => [d.target, d.reason])).toEqual([
      [{ kind: "proposal", label: "KIPP2025-000001" }, reason],
      [{ kind: "proposal", label: "KIPP2025-000003" }, reason],
      [{ kind: "proposal", label: "KIPP2025-009999" }, reason],
      [{ kind: "agency", label: "Pemerintah Kota Singkawang (KOTA-61.72)" }, "Istri saya bekerja di Pemkot Singkawang."],
      [{ kind: "proposal", label: "kipp2025-000001" }, reason],
    ]);
    expect(Object.keys(page.declarations[0]).sort()).toEqual(["at", "id", "jurorId", "reason", "target"]);
    expect(JSON.stringify(page)).not.toContain("matched");

    // The organizer sees the unmatched ones.
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    const review = await getConflictReview(t.db, panrb, "kipp-2025", noFilters);
    expect(review.unmatched.map((u) => [u.target.label, u.by]).sort()).toEqual([
      ["KIPP2025-000003", "Eko"],
      ["KIPP2025-009999", "Eko"],
    ]);
  });

  it("refuses a short reason, a malformed number, both targets and an unknown agency, at the field", async () => {
    const s = await jurySetup(t.db);
    const eko = await actorOf(t.db, s.w.users.evaluator);
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000001", reason: "kerabat" })).toEqual({
      ok: false,
      errors: { reason: "conflicts.errors.reasonShort" },
    });
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "nomor 12", reason: "Saya kerabat inovatornya." })).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.numberFormat" },
    });
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, reason: "Saya kerabat inovatornya." })).toEqual({
      ok: false,
      errors: { proposalNumber: "errors.required" },
    });
    expect(
      await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000001", agencyId: s.w.agencies.pontianak, reason: "Saya kerabat inovatornya." }),
    ).toEqual({ ok: false, errors: { _form: "conflicts.errors.oneTarget" } });
    expect(await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, agencyId: "ag-nope", reason: "Saya kerabat inovatornya." })).toEqual({
      ok: false,
      errors: { agencyId: "errors.unknownAgency" },
    });
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual([]);
    expect(await auditRows(t.db, "conflict.declared")).toEqual([]);
  });

  it("is denied for another juror's row, a non-juror and a juror who is not active", async () => {
    const s = await jurySetup(t.db);
    const siti = await actorOf(t.db, s.w.users.panelist);
    const nobody = await actorOf(t.db, s.w.users.nobody);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    const input = { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000001", reason: "Saya kerabat inovatornya." };
    expect(await status(declareConflictAsJuror(t.db, siti, input))).toBe(403);
    expect(await status(declareConflictAsJuror(t.db, nobody, input))).toBe(403);
    // The organizer records conflicts as such, never in a juror's name.
    expect(await status(declareConflictAsJuror(t.db, panrb, input))).toBe(403);
    expect(await status(declareConflictAsJuror(t.db, siti, { ...input, jurorId: "no-such-juror" }))).toBe(404);
    // An invited juror row (no account yet) is no one's to declare for.
    expect(await status(declareConflictAsJuror(t.db, siti, { ...input, jurorId: s.kippJuror }))).toBe(403);
    // Siti for herself: allowed.
    expect(await declareConflictAsJuror(t.db, siti, { ...input, jurorId: s.panelistJuror })).toEqual({ ok: true });
    // Once withdrawn, no longer.
    await t.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.panelistJuror).execute();
    expect(await status(declareConflictAsJuror(t.db, siti, { ...input, jurorId: s.panelistJuror }))).toBe(403);
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual(["panelis1@juri.test KIPP2025-000001 juror active"]);
  });

  it("shows the juror page only to the edition's active jurors", async () => {
    const s = await jurySetup(t.db);
    const eko = await actorOf(t.db, s.w.users.evaluator);
    const siti = await actorOf(t.db, s.w.users.panelist);
    await declareConflictAsJuror(t.db, eko, { jurorId: s.evaluatorJuror, proposalNumber: "KIPP2025-000001", reason: "Saya kerabat inovatornya." });
    // Siti's page does not show Eko's declaration.
    expect((await getJurorConflictsPage(t.db, siti, "kipp-2025")).declarations).toEqual([]);
    expect(await status(getJurorConflictsPage(t.db, eko, "sivablik-2025"))).toBe(403);
    expect(await status(getJurorConflictsPage(t.db, await actorOf(t.db, s.w.users.nobody), "kipp-2025"))).toBe(403);
    expect(await status(getJurorConflictsPage(t.db, eko, "nope"))).toBe(404);
    const search = await getJurorConflictsPage(t.db, eko, "kipp-2025", { q: "kota pontianak" });
    expect(search.agencies?.rows.map((a) => a.id)).toEqual([s.w.agencies.pontianak]);
  });
});

describe("declareConflictAsAgency", () => {
  it("lets the Admin Lokal declare against a named juror for their own proposal", async () => {
    const s = await setup(t.db);
    const siti = await actorOf(t.db, s.w.users.adminLokal);
    const reason = "Juri adalah mantan kepala Bappeda Kota Pontianak.";
    expect(
      await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: "sivablik2025-000001", jurorId: s.jurors.untan, reason }, new Date("2025-05-12T04:00:00.000Z")),
    ).toEqual({ ok: true });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(["dosen@untan.test Sivablik2025-000001 agency active"]);
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: "Sivablik2025-000001", jurorId: s.jurors.untan, reason })).toEqual({
      ok: false,
      errors: { jurorId: "conflicts.errors.alreadyDeclared" },
    });
    const audits = await auditRows(t.db, "conflict.declared");
    expect(audits.map((a) => [a.entity_type, a.actor_user_id, a.competition_id, a.organizer_id, a.agency_id, a.after])).toEqual([
      [
        "conflict",
        s.w.users.adminLokal,
        s.w.competitions.sivablik,
        s.w.organizers.kalbar,
        s.w.agencies.pontianak,
        { source: "agency", juror: "dosen@untan.test", jurorName: "Prof. Ilham", proposal: "Sivablik2025-000001", reason },
      ],
    ]);

    const page = await getAgencyConflictsPage(t.db, siti, s.w.agencies.pontianak, { proposal: "Sivablik2025-000001" });
    // Only Pontianak's submitted proposals (not the withdrawn one, not the draft), KIPP's too.
    expect(page.proposals.map((p) => p.number)).toEqual(["KIPP2025-000001", "Sivablik2025-000001"]);
    expect(page.chosen?.number).toBe("Sivablik2025-000001");
    // Invited and active jurors by name and affiliation, never the declined one, never an email.
    expect(page.jurors).toEqual([
      { id: s.jurors.kem, name: "Dewi", role: "evaluator", affiliation: "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi" },
      { id: s.jurors.opd, name: "Maria", role: "panelist", affiliation: "Dinas Kesehatan Provinsi Kalimantan Barat" },
      { id: s.jurors.untan, name: "Prof. Ilham", role: "evaluator", affiliation: "Universitas Tanjungpura" },
      { id: s.jurors.pnk, name: "Rahmat", role: "evaluator", affiliation: "Pemerintah Kota Pontianak" },
      { id: s.jurors.prov, name: "Yohanes", role: "evaluator", affiliation: "Pemerintah Provinsi Kalimantan Barat" },
    ]);
    expect(JSON.stringify(page)).not.toContain("@");
    expect(page.declarations.map((d) => [d.proposalNumber, d.jurorName, d.reason, d.declaredBy, d.at])).toEqual([
      ["Sivablik2025-000001", "Prof. Ilham", reason, "Siti", "2025-05-12T04:00:00.000Z"],
    ]);
  });

  it("refuses another agency's proposal and a juror of another edition, at the field", async () => {
    const s = await setup(t.db);
    const siti = await actorOf(t.db, s.w.users.adminLokal);
    const reason = "Juri adalah kerabat kepala dinas.";
    // Singkawang's proposal read through Pontianak: as unknown.
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.skw.number, jurorId: s.jurors.untan, reason })).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.proposalNotYours" },
    });
    // The withdrawn one as well.
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.withdrawn.number, jurorId: s.jurors.untan, reason })).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.proposalNotYours" },
    });
    // A KIPP juror on a Sivablik proposal; a declined juror.
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.kippJuror, reason })).toEqual({
      ok: false,
      errors: { jurorId: "conflicts.errors.jurorUnknown" },
    });
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.jurors.declined, reason })).toEqual({
      ok: false,
      errors: { jurorId: "conflicts.errors.jurorUnknown" },
    });
    expect(await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.jurors.untan, reason: "singkat" })).toEqual({
      ok: false,
      errors: { reason: "conflicts.errors.reasonShort" },
    });
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual([]);
  });

  it("is denied for another agency's id and to an innovator, with data present", async () => {
    const s = await setup(t.db);
    const lim = await actorOf(t.db, s.w.users.otherAdminLokal);
    const yudi = await actorOf(t.db, s.w.users.innovator);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const siti = await actorOf(t.db, s.w.users.adminLokal);
    await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.jurors.untan, reason: "Juri adalah kerabat kepala dinas." });
    const input = { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.jurors.prov, reason: "Juri adalah kerabat kepala dinas." };
    expect(await status(declareConflictAsAgency(t.db, lim, input))).toBe(403);
    expect(await status(declareConflictAsAgency(t.db, yudi, input))).toBe(403);
    expect(await status(declareConflictAsAgency(t.db, kalbar, input))).toBe(403);
    expect(await status(declareConflictAsAgency(t.db, lim, { ...input, agencyId: "ag-nope" }))).toBe(404);
    expect(await status(getAgencyConflictsPage(t.db, lim, s.w.agencies.pontianak))).toBe(403);
    expect(await status(getAgencyConflictsPage(t.db, yudi, s.w.agencies.pontianak))).toBe(403);
    // Lim's own page shows nothing of Pontianak's.
    const own = await getAgencyConflictsPage(t.db, lim, s.w.agencies.singkawang, { proposal: s.p.pnk.number });
    expect(own.chosen).toBeNull();
    expect(own.unknownProposal).toBe(true);
    expect(own.jurors).toEqual([]);
    expect(own.declarations).toEqual([]);
    expect(own.proposals.map((p) => p.number)).toEqual(["KIPP2025-000002", "Sivablik2025-000004"]);
    expect(await conflictLines(t.db, s.w.competitions.sivablik)).toEqual(["dosen@untan.test Sivablik2025-000001 agency active"]);
  });
});

describe("the organizer's review", () => {
  it("lists conflicts with who declared them, filters and counts by source", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const siti = await actorOf(t.db, s.w.users.adminLokal);
    await syncAutomaticConflicts(t.db, kalbar, s.w.competitions.sivablik);
    await declareConflictAsAgency(t.db, siti, { agencyId: s.w.agencies.pontianak, proposalNumber: s.p.pnk.number, jurorId: s.jurors.untan, reason: "Juri adalah kerabat kepala dinas." });
    expect(await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.kem, proposalNumber: s.p.kubu.number, reason: "Juri pernah menjadi pendamping inovasi ini." })).toEqual({ ok: true });

    const review = await getConflictReview(t.db, kalbar, "sivablik-2025", noFilters);
    expect(review.competition).toEqual({ id: s.w.competitions.sivablik, slug: "sivablik-2025", name: "Sivablik 2025", sameRegion: false });
    expect(review.canDismiss).toBe(true);
    expect(review.total).toBe(8);
    expect(review.rows.map((r) => [r.proposal.number, r.juror.name, r.source, r.declaredBy])).toEqual([
      ["Sivablik2025-000001", "Prof. Ilham", "agency", "Siti"],
      ["Sivablik2025-000001", "Rahmat", "auto_agency", null],
      ["Sivablik2025-000001", "Yohanes", "auto_parent", null],
      ["Sivablik2025-000002", "Dewi", "organizer", "Hendra"],
      ["Sivablik2025-000002", "Yohanes", "auto_parent", null],
      ["Sivablik2025-000003", "Maria", "auto_agency", null],
      ["Sivablik2025-000003", "Yohanes", "auto_parent", null],
      ["Sivablik2025-000004", "Yohanes", "auto_parent", null],
    ]);
    expect(review.rows[0].proposal).toEqual({ number: "Sivablik2025-000001", agencyName: "Pemerintah Kota Pontianak", agencyCode: "KOTA-61.71" });
    expect([...review.totals].sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: "agency", status: "active", n: 1 },
      { source: "auto_agency", status: "active", n: 2 },
      { source: "auto_parent", status: "active", n: 4 },
      { source: "organizer", status: "active", n: 1 },
    ]);
    const bySource = await getConflictReview(t.db, kalbar, "sivablik-2025", parseConflictFilters(new URLSearchParams("source=auto_parent")));
    expect(bySource.rows.map((r) => r.proposal.number)).toEqual(["Sivablik2025-000001", "Sivablik2025-000002", "Sivablik2025-000003", "Sivablik2025-000004"]);
    const byJuror = await getConflictReview(t.db, kalbar, "sivablik-2025", parseConflictFilters(new URLSearchParams(`juror=${s.jurors.pnk}`)));
    expect(byJuror.rows.map((r) => [r.juror.email, r.proposal.number])).toEqual([["bappeda@pontianak.test", "Sivablik2025-000001"]]);
    const dismissed = await getConflictReview(t.db, kalbar, "sivablik-2025", parseConflictFilters(new URLSearchParams("status=dismissed")));
    expect(dismissed.total).toBe(0);
    // A KIPP juror id as a filter shows Sivablik's conflicts, unfiltered (nothing of KIPP).
    const foreign = await getConflictReview(t.db, kalbar, "sivablik-2025", parseConflictFilters(new URLSearchParams(`juror=${s.kippJuror}`)));
    expect(foreign.filters.jurorId).toBeNull();

    const recorded = await auditRows(t.db, "conflict.recorded");
    expect(recorded.map((a) => [a.entity_type, a.actor_user_id, a.competition_id, a.organizer_id, a.agency_id, a.after])).toEqual([
      [
        "conflict",
        s.w.users.kalbarAdmin,
        s.w.competitions.sivablik,
        s.w.organizers.kalbar,
        "ag-kab-61.12",
        { source: "organizer", juror: "asn@menpan.test", proposal: "Sivablik2025-000002", reason: "Juri pernah menjadi pendamping inovasi ini." },
      ],
    ]);
  });

  it("pages by 100", async () => {
    const w = await buildWorld(t.db);
    const e = await buildEdition(t.db, w.competitions.kipp);
    const ps = await buildScreenedProposals(t.db, e, Array.from({ length: 120 }, () => ({ agencyId: w.agencies.pontianak })));
    await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "pnk@juri.test", name: "Andi", affiliationAgencyId: w.agencies.pontianak });
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    expect((await syncAutomaticConflicts(t.db, panrb, w.competitions.kipp)).added).toBe(120);
    const p1 = await getConflictReview(t.db, panrb, "kipp-2025", noFilters);
    const p2 = await getConflictReview(t.db, panrb, "kipp-2025", parseConflictFilters(new URLSearchParams("page=2")));
    expect([p1.total, p1.pageCount, p1.rows.length, p2.rows.length]).toEqual([120, 2, 100, 20]);
    expect([...p1.rows, ...p2.rows].map((r) => r.proposal.number)).toEqual(ps.map((p) => p.number));
  });

  it("refuses bad input to the record form at the field", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const reason = "Juri pernah menjadi pendamping inovasi ini.";
    expect(await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.kem, proposalNumber: "Sivablik2025-000099", reason })).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.proposalUnknown" },
    });
    expect(await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.kippJuror, proposalNumber: s.p.pnk.number, reason })).toEqual({
      ok: false,
      errors: { jurorId: "conflicts.errors.jurorUnknown" },
    });
    expect(await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: "", proposalNumber: "", reason: "" })).toEqual({
      ok: false,
      errors: { reason: "errors.required", proposalNumber: "errors.required", jurorId: "errors.required" },
    });
    await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.kem, proposalNumber: s.p.pnk.number, reason });
    expect(await recordConflictAsOrganizer(t.db, kalbar, "sivablik-2025", { jurorId: s.jurors.kem, proposalNumber: s.p.pnk.number, reason })).toEqual({
      ok: false,
      errors: { proposalNumber: "conflicts.errors.alreadyRecorded" },
    });
  });

  it("shows Kalbar nothing of KIPP (allow PANRB, deny Kalbar, jurors and agencies)", async () => {
    const s = await setup(t.db);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    await syncAutomaticConflicts(t.db, panrb, s.w.competitions.kipp);
    const kipp = await getConflictReview(t.db, panrb, "kipp-2025", noFilters);
    expect(kipp.rows.map((r) => [r.juror.email, r.proposal.number, r.source])).toEqual([["pontianak@juri.test", "KIPP2025-000001", "auto_agency"]]);
    for (const userId of [s.w.users.kalbarAdmin, s.w.users.evaluator, s.w.users.adminLokal, s.w.users.nobody]) {
      const actor = await actorOf(t.db, userId);
      expect(await status(getConflictReview(t.db, actor, "kipp-2025", noFilters))).toBe(403);
      expect(await status(runConflictCheck(t.db, actor, "kipp-2025"))).toBe(403);
      expect(await status(setSameRegionRule(t.db, actor, "kipp-2025", true))).toBe(403);
      expect(
        await status(recordConflictAsOrganizer(t.db, actor, "kipp-2025", { jurorId: s.kippJuror, proposalNumber: "KIPP2025-000002", reason: "Alasan yang cukup panjang." })),
      ).toBe(403);
    }
    expect(await status(getConflictReview(t.db, panrb, "no-such-edition", noFilters))).toBe(404);
    const sivablik = await getConflictReview(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), "sivablik-2025", noFilters);
    expect(sivablik.rows).toEqual([]);
    expect(sivablik.jurors.map((j) => j.email)).not.toContain("pontianak@juri.test");
    expect(await conflictLines(t.db, s.w.competitions.kipp)).toEqual(["pontianak@juri.test KIPP2025-000001 auto_agency active"]);
    const kippRow = await t.db.selectFrom("competitions").select("conflict_same_region").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect(Number(kippRow.conflict_same_region)).toBe(0);
  });
});
