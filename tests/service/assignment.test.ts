import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { commitAssignment, getManualPage, getRoundPage, manualChange, previewAssignment } from "~/services/assignment.server";
import { useTestDb } from "../support/db";
import { actorOf, buildWorld, type World } from "../support/factories";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { buildJuror, buildRound, buildScreenedProposals, type BuiltProposal } from "../support/jury";

const t = useTestDb();
const NOW = new Date("2025-08-01T03:00:00.000Z");
const SAMBAS = "ag-kab-61.01";
const KEMENAG = "ag-kem-005";

/**
 * KIPP 2025, k = 2, six eligible proposals:
 *   P1-P3 Kota Pontianak (digital), P4-P5 Kota Singkawang (kesehatan), P6 Kab. Sambas (digital)
 * and three that are not: tidak lolos, a draft, a withdrawn one.
 * Evaluators: Eko (Kota Pontianak, digital: auto conflict with P1-P3), Dewi (Untan, digital + kesehatan),
 * Fajar (Kemenag, kesehatan), Gita (UI, digital); an invited one, a declined one, a panelist.
 *
 * The optimum: mismatches 0 forces Dewi and Gita onto P1-P3 (the only digital experts without
 * conflict), Dewi and Fajar onto P4-P5 (the only health experts), and P6 to Eko + Gita (Gita's load
 * 4 < Dewi's 6): loads Eko 1, Dewi 5, Fajar 2, Gita 4.
 */
async function setup(db: DB, opts: { k?: number; spread?: boolean } = {}) {
  const w = await buildWorld(db);
  const e = await buildEdition(db, w.competitions.kipp);
  const ps = await buildScreenedProposals(db, e, [
    { agencyId: w.agencies.pontianak, category: "digital" },
    { agencyId: w.agencies.pontianak, category: "digital" },
    { agencyId: w.agencies.pontianak, category: "digital" },
    { agencyId: w.agencies.singkawang, category: "kesehatan" },
    { agencyId: w.agencies.singkawang, category: "kesehatan" },
    { agencyId: SAMBAS, category: "digital" },
    { agencyId: SAMBAS, category: "digital", result: "tidak_lolos" },
    { agencyId: SAMBAS, category: "digital", status: "draft" },
    { agencyId: SAMBAS, category: "digital", status: "withdrawn" },
  ]);
  const c = w.competitions.kipp;
  const { digital, kesehatan } = e.categories;
  const jurors = {
    eko: await buildJuror(db, { competitionId: c, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, affiliationAgencyId: w.agencies.pontianak, expertise: [digital] }),
    dewi: await buildJuror(db, { competitionId: c, email: "dewi@untan.test", name: "Dewi", status: "active", affiliationOther: "Universitas Tanjungpura", expertise: [digital, kesehatan] }),
    fajar: await buildJuror(db, { competitionId: c, email: "fajar@kemenag.test", name: "Fajar", status: "active", affiliationAgencyId: KEMENAG, expertise: [kesehatan] }),
    gita: await buildJuror(db, { competitionId: c, email: "gita@ui.test", name: "Gita", status: "active", affiliationOther: "Universitas Indonesia", expertise: [digital] }),
    invited: await buildJuror(db, { competitionId: c, email: "invited@juri.test", name: "Hadi", expertise: [digital] }),
    declined: await buildJuror(db, { competitionId: c, email: "declined@juri.test", name: "Indra", status: "declined", expertise: [digital] }),
    panelist: await buildJuror(db, { competitionId: c, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: w.users.panelist, expertise: [digital] }),
  };
  const roundId = await buildRound(db, { competitionId: c, k: opts.k ?? 2, spreadAffiliations: opts.spread });
  const admin = await actorOf(db, w.users.panrbAdmin);
  return { w, e, ps, jurors, roundId, admin, eligible: ps.slice(0, 6) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function assignmentsOf(db: DB, roundId: string) {
  return db.selectFrom("assignments").selectAll().where("round_id", "=", roundId).orderBy("proposal_id").orderBy("juror_id").execute();
}

/** proposal number → sorted juror names. */
async function byProposal(db: DB, s: Setup): Promise<Record<string, string[]>> {
  const names = new Map(Object.entries(s.jurors).map(([n, id]) => [id, n]));
  const numbers = new Map(s.ps.map((p) => [p.id, p.number]));
  const out: Record<string, string[]> = {};
  for (const a of await assignmentsOf(db, s.roundId)) {
    const key = numbers.get(a.proposal_id)!;
    (out[key] ??= []).push(names.get(a.juror_id)!);
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

async function previewAndCommit(db: DB, s: Setup, mode: "keep" | "restart" | "repair" = "keep") {
  const preview = await previewAssignment(db, s.admin, s.roundId, { mode }, NOW);
  const commit = await commitAssignment(db, s.admin, preview.runId, NOW);
  expect(commit).toMatchObject({ ok: true });
  return { preview, commit };
}

async function addConflict(db: DB, w: World, jurorId: string, proposalId: string, source = "juror") {
  await db
    .insertInto("conflicts")
    .values({
      id: `c-${jurorId}-${proposalId}-${source}`,
      competition_id: w.competitions.kipp,
      juror_id: jurorId,
      proposal_id: proposalId,
      source: source as "juror",
      reason: "Pernah menjadi pembimbing inovasi ini.",
      declared_by: null,
      created_at: NOW.toISOString(),
      dismissed_by: null,
      dismissed_reason: null,
      dismissed_at: null,
    })
    .execute();
}

const numbers = (ps: BuiltProposal[]) => ps.map((p) => p.number);

describe("preview and commit", () => {
  it("gives every eligible proposal exactly k jurors, without conflicts, expertise first, then balance", async () => {
    const s = await setup(t.db);
    const [p1, p2, p3, p4, p5, p6] = numbers(s.eligible);
    const { preview, commit } = await previewAndCommit(t.db, s);

    // The sync ran first: Eko's automatic conflicts with the Pontianak proposals are stored.
    const conflicts = await t.db.selectFrom("conflicts").select(["juror_id", "proposal_id", "source", "status"]).orderBy("proposal_id").execute();
    expect(conflicts.map((c) => [c.juror_id, c.proposal_id, c.source, c.status]).sort()).toEqual(
      s.eligible.slice(0, 3).map((p) => [s.jurors.eko, p.id, "auto_agency", "active"]).sort(),
    );

    expect(await byProposal(t.db, s)).toEqual({
      [p1]: ["dewi", "gita"],
      [p2]: ["dewi", "gita"],
      [p3]: ["dewi", "gita"],
      [p4]: ["dewi", "fajar"],
      [p5]: ["dewi", "fajar"],
      [p6]: ["eko", "gita"],
    });
    const sum = preview.plan.summary;
    expect([sum.complete, sum.proposals, sum.pool, sum.pairs, sum.expertPairs, sum.mismatches, sum.proposalsWithExpert]).toEqual([true, 6, 4, 12, 12, 0, 6]);
    expect(sum.load).toEqual({ max: 5, min: 1, spread: 4 });
    expect(sum.diff).toEqual({ added: 12, removed: 0, unchanged: 0 });
    expect(sum.jurors.map((j) => [j.name, j.before, j.after])).toEqual([
      ["Dewi", 0, 5],
      ["Eko", 0, 1],
      ["Fajar", 0, 2],
      ["Gita", 0, 4],
    ]);
    expect(preview.plan.reasons).toEqual([]);
    expect(commit).toEqual({ ok: true, added: 12, removed: 0, roundId: s.roundId });

    const rows = await assignmentsOf(t.db, s.roundId);
    expect(rows.every((a) => a.source === "auto" && a.run_id === preview.runId && Number(a.expertise_match) === 1 && a.created_by === s.w.users.panrbAdmin)).toBe(true);
    const run = await t.db.selectFrom("assignment_runs").selectAll().where("id", "=", preview.runId).executeTakeFirstOrThrow();
    expect([run.kind, run.mode, Number(run.seed), run.committed_at]).toEqual(["preview", "keep", 1, NOW.toISOString()]);

    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "assignment.committed").execute();
    expect(audit).toHaveLength(1);
    expect([audit[0].entity_id, audit[0].competition_id, audit[0].organizer_id, audit[0].actor_user_id]).toEqual([
      s.roundId,
      s.w.competitions.kipp,
      s.w.organizers.panrb,
      s.w.users.panrbAdmin,
    ]);
    expect(JSON.parse(audit[0].after_json ?? "{}")).toMatchObject({ runId: preview.runId, mode: "keep", added: 12, removed: 0, assignments: 12 });
  });

  it("respects max loads and balances within them", async () => {
    const s = await setup(t.db);
    // Dewi may take only 3: P4-P5 then need Fajar and a non-expert; P1-P3 need Gita and a second digital
    // expert Dewi (3), so mismatches appear where the caps force them.
    await t.db.updateTable("jurors").set({ max_load: 3 }).where("id", "=", s.jurors.dewi).execute();
    const { preview } = await previewAndCommit(t.db, s);
    const loads = new Map<string, number>();
    for (const a of await assignmentsOf(t.db, s.roundId)) loads.set(a.juror_id, (loads.get(a.juror_id) ?? 0) + 1);
    expect(loads.get(s.jurors.dewi)).toBe(3);
    expect(preview.plan.summary.complete).toBe(true);
    expect(preview.plan.summary.pairs).toBe(12);
    // Digital proposals P1-P3 need 6 pairs, only Dewi (3) and Gita can give them without conflict: P1-P3
    // take all of Dewi's capacity, so P4-P5 get Fajar + a non-expert each: 2 mismatches, the minimum.
    expect(preview.plan.summary.mismatches).toBe(2);
  });

  it("leaves out proposals that did not pass screening, drafts and withdrawn ones", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const assigned = new Set((await assignmentsOf(t.db, s.roundId)).map((a) => a.proposal_id));
    expect([...assigned].sort()).toEqual(s.eligible.map((p) => p.id).sort());
    const page = await getRoundPage(t.db, s.admin, "kipp-2025", s.roundId);
    expect(page.counts).toEqual({ eligible: 6, pool: 4, unavailable: 0, assignments: 12, affected: 0, underK: 0 });
  });

  it("refuses a stale preview after a new conflict, and an older preview once a newer exists", async () => {
    const s = await setup(t.db);
    const preview = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    await addConflict(t.db, s.w, s.jurors.gita, s.eligible[5].id);
    expect(await commitAssignment(t.db, s.admin, preview.runId, NOW)).toEqual({ ok: false, errors: { _form: "assignment.errors.stale" } });
    expect(await assignmentsOf(t.db, s.roundId)).toHaveLength(0);
    const page = await getRoundPage(t.db, s.admin, "kipp-2025", s.roundId);
    expect(page.preview?.stale).toBe(true);

    const again = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, new Date(NOW.getTime() + 1000));
    expect(await commitAssignment(t.db, s.admin, preview.runId, NOW)).toEqual({ ok: false, errors: { _form: "assignment.errors.notLatest" } });
    expect((await commitAssignment(t.db, s.admin, again.runId, NOW)).ok).toBe(true);
    expect(await commitAssignment(t.db, s.admin, again.runId, NOW)).toEqual({ ok: false, errors: { _form: "assignment.errors.alreadyCommitted" } });
    const gitaOnP6 = (await assignmentsOf(t.db, s.roundId)).filter((a) => a.juror_id === s.jurors.gita && a.proposal_id === s.eligible[5].id);
    expect(gitaOnP6).toEqual([]);
    expect(await assignmentsOf(t.db, s.roundId)).toHaveLength(12);
  });

  it("keep mode keeps every current assignment and fills only what is missing", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const before = (await assignmentsOf(t.db, s.roundId)).map((a) => a.id).sort();
    const [p7] = await buildScreenedProposals(t.db, s.e, [{ agencyId: KEMENAG, category: "kesehatan" }]);
    const { preview } = await previewAndCommit(t.db, s, "keep");
    expect(preview.plan.remove).toEqual([]);
    expect(preview.plan.add.map(([p]) => p)).toEqual([p7.id, p7.id]);
    expect(preview.plan.summary.diff).toEqual({ added: 2, removed: 0, unchanged: 12 });
    const after = await assignmentsOf(t.db, s.roundId);
    expect(after.filter((a) => before.includes(a.id)).map((a) => a.id).sort()).toEqual(before);
    // Fajar (Kemenag) is conflicted with a Kemenag proposal; Dewi is the other health expert, and a non-expert fills the second seat.
    const onP7 = after.filter((a) => a.proposal_id === p7.id).map((a) => a.juror_id);
    expect(onP7).not.toContain(s.jurors.fajar);
    expect(onP7).toHaveLength(2);
  });

  it("restart mode solves from scratch and applies the net change", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const p6 = s.eligible[5];
    // A manual third juror on P6 and a manual pair that is not in the optimum (Fajar instead of Dewi on P4).
    expect(
      await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.dewi, confirm: true, acknowledged: ["full"] }, NOW),
    ).toEqual({ ok: true, op: "add" });
    const before = await assignmentsOf(t.db, s.roundId);
    const extra = before.find((a) => a.source === "manual")!;

    // Keep: P6 already has k jurors, nothing to do.
    const keep = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    expect([keep.plan.add, keep.plan.remove, keep.plan.summary.diff]).toEqual([[], [], { added: 0, removed: 0, unchanged: 13 }]);

    // Restart: the optimum again; only the manual extra goes, every other pair is left as it is.
    const { preview, commit } = await previewAndCommit(t.db, s, "restart");
    expect([preview.plan.add, preview.plan.remove]).toEqual([[], [extra.id]]);
    expect(preview.plan.summary.diff).toEqual({ added: 0, removed: 1, unchanged: 12 });
    expect(preview.plan.summary.jurors.find((j) => j.name === "Dewi")).toMatchObject({ before: 6, after: 5, removed: [p6.number] });
    expect(commit).toMatchObject({ added: 0, removed: 1 });
    const after = await assignmentsOf(t.db, s.roundId);
    expect(after.map((a) => a.id).sort()).toEqual(before.filter((a) => a.id !== extra.id).map((a) => a.id).sort());
  });

  it("restart replaces pairs that differ from the new optimum", async () => {
    const s = await setup(t.db);
    const [, , , p4] = s.eligible;
    // Gita on P4 by hand (not a health expert); the optimum puts Dewi and Fajar there.
    await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p4.number, jurorId: s.jurors.gita, confirm: true, acknowledged: ["notExpert"] }, NOW);
    const manual = (await assignmentsOf(t.db, s.roundId))[0];
    const keep = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    expect(keep.plan.summary.mismatches).toBe(1);
    const { preview } = await previewAndCommit(t.db, s, "restart");
    expect(preview.plan.remove).toEqual([manual.id]);
    expect(preview.plan.summary.diff).toEqual({ added: 12, removed: 1, unchanged: 0 });
    expect(preview.plan.summary.mismatches).toBe(0);
    expect(await byProposal(t.db, s)).toMatchObject({ [p4.number]: ["dewi", "fajar"] });
  });

  it("is deterministic for a seed", async () => {
    const s = await setup(t.db);
    const a = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    const b = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    expect(b.plan.add).toEqual(a.plan.add);
    const runs = await t.db.selectFrom("assignment_runs").select("input_hash").execute();
    expect(new Set(runs.map((r) => r.input_hash)).size).toBe(1);
  });
});

describe("repair", () => {
  it("replaces only the withdrawn juror's assignments, touching nothing else", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const [p1, p2, p3, , , p6] = s.eligible;
    const before = await assignmentsOf(t.db, s.roundId);
    const gitas = before.filter((a) => a.juror_id === s.jurors.gita);
    expect(gitas.map((a) => a.proposal_id).sort()).toEqual([p1.id, p2.id, p3.id, p6.id].sort());
    // A new proposal short of jurors: repair leaves it to a keep preview.
    const [p7] = await buildScreenedProposals(t.db, s.e, [{ agencyId: SAMBAS, category: "digital" }]);

    await t.db.updateTable("jurors").set({ status: "withdrawn", withdrawn_reason: "Sakit" }).where("id", "=", s.jurors.gita).execute();
    const page = await getRoundPage(t.db, s.admin, "kipp-2025", s.roundId);
    expect(page.counts.affected).toBe(4);
    expect(page.affected.map((a) => [a.juror, a.proposal])).toEqual([p1, p2, p3, p6].map((p) => ["Gita", p.number]));

    const { preview } = await previewAndCommit(t.db, s, "repair");
    expect([...preview.plan.remove].sort()).toEqual(gitas.map((a) => a.id).sort());
    // P1-P3: Eko is conflicted and Dewi is on them, so Fajar (not a digital expert); P6: Dewi, the expert.
    expect(preview.plan.add.map(([p, j, m]) => [p, j, m]).sort()).toEqual(
      [
        [p1.id, s.jurors.fajar, 0],
        [p2.id, s.jurors.fajar, 0],
        [p3.id, s.jurors.fajar, 0],
        [p6.id, s.jurors.dewi, 1],
      ].sort(),
    );
    expect(preview.plan.summary.diff).toEqual({ added: 4, removed: 4, unchanged: 8 });
    expect(preview.plan.summary.complete).toBe(true);
    const run = await t.db.selectFrom("assignment_runs").select(["kind", "mode"]).where("id", "=", preview.runId).executeTakeFirstOrThrow();
    expect(run).toEqual({ kind: "repair-preview", mode: "repair" });

    const after = await assignmentsOf(t.db, s.roundId);
    const untouched = before.filter((a) => a.juror_id !== s.jurors.gita);
    expect(untouched.every((u) => after.some((a) => a.id === u.id))).toBe(true);
    expect(after.filter((a) => a.proposal_id === p7.id)).toEqual([]);
    expect(after).toHaveLength(12);
  });

  it("replaces a pair that became conflicted", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const p4 = s.eligible[3];
    await addConflict(t.db, s.w, s.jurors.dewi, p4.id);
    const { preview } = await previewAndCommit(t.db, s, "repair");
    expect(preview.plan.remove).toHaveLength(1);
    expect(preview.plan.add.map(([p]) => p)).toEqual([p4.id]);
    const onP4 = (await assignmentsOf(t.db, s.roundId)).filter((a) => a.proposal_id === p4.id).map((a) => a.juror_id);
    expect(onP4).not.toContain(s.jurors.dewi);
    expect(onP4).toHaveLength(2);
  });

  it("deletes a removed assignment's score sheet only when the organizer confirms it", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const p4 = s.eligible[3];
    const scored = (await assignmentsOf(t.db, s.roundId)).find((a) => a.proposal_id === p4.id && a.juror_id === s.jurors.dewi)!;
    const at = NOW.toISOString();
    await t.db
      .insertInto("score_sheets")
      .values({ id: "sheet-1", assignment_id: scored.id, round_id: s.roundId, juror_id: s.jurors.dewi, proposal_id: p4.id, status: "submitted", submitted_at: at, created_at: at, updated_at: at })
      .execute();
    await addConflict(t.db, s.w, s.jurors.dewi, p4.id);
    const preview = await previewAssignment(t.db, s.admin, s.roundId, { mode: "repair" }, NOW);
    const refused = await commitAssignment(t.db, s.admin, preview.runId, NOW);
    expect(refused).toEqual({ ok: false, errors: { confirmScores: "assignment.errors.confirmScores" } });
    expect(await t.db.selectFrom("score_sheets").select("id").execute()).toEqual([{ id: "sheet-1" }]);
    const done = await commitAssignment(t.db, s.admin, preview.runId, NOW, { confirmScores: true });
    expect(done).toMatchObject({ ok: true, added: 1, removed: 1 });
    expect(await t.db.selectFrom("score_sheets").select("id").execute()).toEqual([]);
    const audits = await t.db.selectFrom("audit_log").select("after_json").where("action", "=", "assignment.committed").execute();
    const mine = audits.map((a) => JSON.parse(a.after_json!)).find((a) => a.runId === preview.runId);
    expect(mine.scoreSheetsDeleted).toBe(1);
  });
});

describe("infeasible", () => {
  it("explains which proposals cannot get k jurors and why, and offers the best partial assignment", async () => {
    const w = await buildWorld(t.db);
    const e: BuiltEdition = await buildEdition(t.db, w.competitions.kipp);
    const c = w.competitions.kipp;
    const ps = await buildScreenedProposals(t.db, e, [
      { agencyId: w.agencies.pontianak },
      { agencyId: w.agencies.pontianak },
      { agencyId: w.agencies.pontianak },
      { agencyId: w.agencies.pontianak },
      { agencyId: SAMBAS },
    ]);
    // Three jurors of Kota Pontianak (conflicted with its four proposals), two from outside.
    for (const [i, name] of ["Agus", "Budi", "Cici"].entries()) {
      await buildJuror(t.db, { competitionId: c, email: `ptk${i}@juri.test`, name, status: "active", affiliationAgencyId: w.agencies.pontianak, expertise: [e.categories.digital] });
    }
    await buildJuror(t.db, { competitionId: c, email: "dewi@untan.test", name: "Dewi", status: "active", affiliationOther: "Untan", expertise: [e.categories.digital] });
    await buildJuror(t.db, { competitionId: c, email: "gita@ui.test", name: "Gita", status: "active", affiliationOther: "UI", expertise: [e.categories.digital] });
    const roundId = await buildRound(t.db, { competitionId: c, k: 3 });
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const preview = await previewAssignment(t.db, admin, roundId, { mode: "keep" }, NOW);
    const sum = preview.plan.summary;
    expect(sum.complete).toBe(false);
    expect(sum.shortfall).toEqual(ps.slice(0, 4).map((p) => ({ number: p.number, agency: "Pemerintah Kota Pontianak", missing: 1 })));
    expect(preview.plan.reasons).toEqual([
      { kind: "too_few_eligible", agency: "Pemerintah Kota Pontianak", proposals: numbers(ps.slice(0, 4)), eligible: 2, needed: 3 },
    ]);
    // Best partial: the 4 Pontianak proposals get both free jurors, Sambas gets 3.
    expect(sum.pairs).toBe(4 * 2 + 3);
    const commit = await commitAssignment(t.db, admin, preview.runId, NOW);
    expect(commit).toMatchObject({ ok: true, added: 11 });
  });

  it("explains an empty pool without failing", async () => {
    const w = await buildWorld(t.db);
    const e = await buildEdition(t.db, w.competitions.kipp);
    const ps = await buildScreenedProposals(t.db, e, [{ agencyId: w.agencies.pontianak }, { agencyId: SAMBAS }]);
    const roundId = await buildRound(t.db, { competitionId: w.competitions.kipp, k: 2, poolRole: "panelist" });
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const preview = await previewAssignment(t.db, admin, roundId, { mode: "keep" }, NOW);
    expect(preview.plan.add).toEqual([]);
    expect(preview.plan.summary.complete).toBe(false);
    expect(preview.plan.summary.shortfall.map((x) => [x.number, x.missing])).toEqual(ps.map((p) => [p.number, 2]));
    expect(preview.plan.reasons).toEqual([
      { kind: "too_few_eligible", agency: "Pemerintah Kabupaten Sambas", proposals: [ps[1].number], eligible: 0, needed: 2 },
      { kind: "too_few_eligible", agency: "Pemerintah Kota Pontianak", proposals: [ps[0].number], eligible: 0, needed: 2 },
      { kind: "capacity", capacity: 0, needed: 4 },
    ]);
  });
});

describe("manual changes", () => {
  it("refuses a conflicted pair, also one the rules give before any conflict check", async () => {
    const s = await setup(t.db);
    const p1 = s.eligible[0];
    // No check has run: the conflict comes from the rules (Eko is of Kota Pontianak).
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p1.number, jurorId: s.jurors.eko, confirm: true }, NOW)).toEqual({
      ok: false,
      errors: { jurorId: "assignment.manual.refuse.conflict" },
    });
    // A declared conflict.
    await addConflict(t.db, s.w, s.jurors.dewi, p1.id);
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p1.number.toLowerCase(), jurorId: s.jurors.dewi, confirm: true }, NOW)).toEqual({
      ok: false,
      errors: { jurorId: "assignment.manual.refuse.conflict" },
    });
    // A dismissed automatic conflict no longer blocks.
    await t.db
      .insertInto("conflicts")
      .values({ id: "dismissed", competition_id: s.w.competitions.kipp, juror_id: s.jurors.eko, proposal_id: p1.id, source: "auto_agency", reason: "", status: "dismissed", declared_by: null, created_at: NOW.toISOString(), dismissed_by: s.w.users.panrbAdmin, dismissed_reason: "Sudah pindah tugas sejak 2024.", dismissed_at: NOW.toISOString() })
      .execute();
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p1.number, jurorId: s.jurors.eko }, NOW)).toEqual({ ok: true, op: "add" });
    expect(await assignmentsOf(t.db, s.roundId)).toHaveLength(1);
  });

  it("warns on an expertise mismatch and needs the confirmation of exactly what was shown", async () => {
    const s = await setup(t.db);
    const p6 = s.eligible[5];
    const first = await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.fajar }, NOW);
    expect(first).toEqual({
      ok: false,
      warnings: [{ code: "notExpert", params: { juror: "Fajar", categoryId: "Transformasi Digital", categoryEn: "Digital Transformation" } }],
    });
    // Ticked but for other warnings than the ones that apply: shown again.
    const wrong = await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.fajar, confirm: true, acknowledged: ["overMax"] }, NOW);
    expect(wrong.ok).toBe(false);
    expect(await assignmentsOf(t.db, s.roundId)).toHaveLength(0);
    const done = await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.fajar, confirm: true, acknowledged: ["notExpert"] }, NOW);
    expect(done).toEqual({ ok: true, op: "add" });
    const rows = await assignmentsOf(t.db, s.roundId);
    expect(rows.map((a) => [a.juror_id, a.proposal_id, a.source, Number(a.expertise_match), a.run_id])).toEqual([[s.jurors.fajar, p6.id, "manual", 0, null]]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "assignment.added").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json ?? "{}")).toEqual({ roundId: s.roundId, proposal: p6.number, juror: "fajar@kemenag.test", expertiseMatch: false, warnings: ["notExpert"] });
    // Already on it: refused.
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.fajar, confirm: true, acknowledged: ["notExpert"] }, NOW)).toEqual({
      ok: false,
      errors: { jurorId: "assignment.manual.refuse.already" },
    });
  });

  it("warns on loads, availability and k; refuses unknown proposals and jurors outside the pool", async () => {
    const s = await setup(t.db);
    await t.db.updateTable("rounds").set({ starts_at: "2025-08-01T00:00:00.000Z", ends_at: "2025-08-31T00:00:00.000Z" }).where("id", "=", s.roundId).execute();
    await t.db
      .insertInto("juror_unavailability")
      .values({ id: "u1", juror_id: s.jurors.gita, starts_at: "2025-08-10T00:00:00.000Z", ends_at: "2025-08-12T00:00:00.000Z", note: "Dinas luar", created_at: NOW.toISOString() })
      .execute();
    await t.db.updateTable("jurors").set({ max_load: 0 }).where("id", "=", s.jurors.gita).execute();
    const p6 = s.eligible[5];
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: s.jurors.gita }, NOW)).toEqual({
      ok: false,
      warnings: [
        { code: "overMax", params: { juror: "Gita", load: 1, max: 0 } },
        { code: "unavailable", params: { juror: "Gita", from: "2025-08-10T00:00:00.000Z", to: "2025-08-12T00:00:00.000Z" } },
      ],
    });
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: "KIPP2025-999999", jurorId: s.jurors.gita }, NOW)).toEqual({
      ok: false,
      errors: { proposalNumber: "assignment.errors.proposalUnknown" },
    });
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: s.ps[6].number, jurorId: s.jurors.dewi }, NOW)).toEqual({
      ok: false,
      errors: { proposalNumber: "assignment.errors.proposalNotEligible" },
    });
    for (const id of [s.jurors.invited, s.jurors.declined, s.jurors.panelist]) {
      expect(await manualChange(t.db, s.admin, s.roundId, { op: "add", proposalNumber: p6.number, jurorId: id }, NOW)).toEqual({
        ok: false,
        errors: { jurorId: "assignment.errors.jurorNotInPool" },
      });
    }
    // The unavailable juror counts in the round page.
    const page = await getRoundPage(t.db, s.admin, "kipp-2025", s.roundId);
    expect([page.counts.pool, page.counts.unavailable, page.unavailable.map((u) => u.name)]).toEqual([3, 1, ["Gita"]]);
  });

  it("removes and swaps with warnings for min load, k and scoring started; audited", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    const [p1, , , , , p6] = s.eligible;
    await t.db.updateTable("jurors").set({ min_load: 4 }).where("id", "=", s.jurors.gita).execute();
    const remove = await manualChange(t.db, s.admin, s.roundId, { op: "remove", proposalNumber: p6.number, jurorId: s.jurors.gita }, NOW);
    expect(remove).toEqual({
      ok: false,
      warnings: [
        { code: "belowMin", params: { juror: "Gita", load: 3, min: 4 } },
        { code: "belowK", params: { count: 1, k: 2 } },
      ],
    });
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "remove", proposalNumber: p6.number, jurorId: s.jurors.fajar }, NOW)).toEqual({
      ok: false,
      errors: { jurorId: "assignment.manual.refuse.notAssigned" },
    });

    // Swap Dewi out of P1 for Fajar: Fajar is no digital expert; Dewi's scoring had started.
    await t.db.updateTable("assignments").set({ opened_at: NOW.toISOString() }).where("juror_id", "=", s.jurors.dewi).where("proposal_id", "=", p1.id).execute();
    const swap = { op: "swap" as const, proposalNumber: p1.number, jurorId: s.jurors.dewi, newJurorId: s.jurors.fajar };
    const warned = await manualChange(t.db, s.admin, s.roundId, swap, NOW);
    expect(warned.ok ? [] : warned.warnings?.map((w) => w.code)).toEqual(["started", "notExpert"]);
    expect(await manualChange(t.db, s.admin, s.roundId, { ...swap, newJurorId: s.jurors.eko }, NOW)).toEqual({
      ok: false,
      errors: { newJurorId: "assignment.manual.refuse.conflict" },
    });
    expect(await manualChange(t.db, s.admin, s.roundId, { ...swap, newJurorId: s.jurors.gita }, NOW)).toEqual({
      ok: false,
      errors: { newJurorId: "assignment.manual.refuse.already" },
    });
    expect(await manualChange(t.db, s.admin, s.roundId, { ...swap, confirm: true, acknowledged: ["started", "notExpert"] }, NOW)).toEqual({ ok: true, op: "swap" });
    const onP1 = (await assignmentsOf(t.db, s.roundId)).filter((a) => a.proposal_id === p1.id);
    expect(onP1.map((a) => [a.juror_id, a.source]).sort()).toEqual(
      [
        [s.jurors.gita, "auto"],
        [s.jurors.fajar, "manual"],
      ].sort(),
    );
    const swapped = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "assignment.swapped").execute();
    expect(swapped).toHaveLength(1);
    expect(JSON.parse(swapped[0].before_json ?? "{}")).toMatchObject({ proposal: p1.number, juror: "dewi@untan.test" });

    expect(
      await manualChange(t.db, s.admin, s.roundId, { op: "remove", proposalNumber: p6.number, jurorId: s.jurors.gita, confirm: true, acknowledged: ["belowMin", "belowK"] }, NOW),
    ).toEqual({ ok: true, op: "remove" });
    const removed = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "assignment.removed").execute();
    expect(removed.map((a) => JSON.parse(a.before_json ?? "{}"))).toEqual([{ roundId: s.roundId, proposal: p6.number, juror: "gita@ui.test", source: "auto" }]);
    expect(await assignmentsOf(t.db, s.roundId)).toHaveLength(11);

    // A withdrawn juror's assignment can be removed by hand too (no load warning for them).
    await t.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.jurors.eko).execute();
    const manualPage = await getManualPage(t.db, s.admin, "kipp-2025", s.roundId, null);
    expect(manualPage.former).toEqual([{ id: s.jurors.eko, name: "Eko", status: "withdrawn", load: 1 }]);
    expect(manualPage.pool.map((j) => j.name)).toEqual(["Dewi", "Fajar", "Gita"]);
    expect(await manualChange(t.db, s.admin, s.roundId, { op: "remove", proposalNumber: p6.number, jurorId: s.jurors.eko }, NOW)).toEqual({
      ok: false,
      warnings: [{ code: "belowK", params: { count: 0, k: 2 } }],
    });
    await t.db.updateTable("jurors").set({ status: "active" }).where("id", "=", s.jurors.eko).execute();

    // Manual assignments count as existing ones for the next keep preview.
    const next = await previewAssignment(t.db, s.admin, s.roundId, { mode: "keep" }, NOW);
    expect(next.plan.remove).toEqual([]);
    expect(next.plan.add.map(([p]) => p)).toEqual([p6.id]);
  });
});

describe("permissions", () => {
  it("lets the edition's organizer run every step and nobody else, with a preview and assignments present", async () => {
    const s = await setup(t.db);
    await previewAndCommit(t.db, s);
    await t.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.jurors.gita).execute();
    const pending = await previewAssignment(t.db, s.admin, s.roundId, { mode: "repair" }, NOW);
    const page = await getRoundPage(t.db, s.admin, "kipp-2025", s.roundId);
    expect(page.preview?.id).toBe(pending.runId);
    expect((await getManualPage(t.db, s.admin, "kipp-2025", s.roundId, s.eligible[0].number)).proposal?.jurors.map((j) => j.name)).toEqual(["Dewi", "Gita"]);

    const runsBefore = await t.db.selectFrom("assignment_runs").select("id").execute();
    const assignmentsBefore = await assignmentsOf(t.db, s.roundId);
    const p6 = s.eligible[5];
    for (const user of [s.w.users.kalbarAdmin, s.w.users.evaluator, s.w.users.adminLokal, s.w.users.innovator, s.w.users.platformAdmin]) {
      const actor = await actorOf(t.db, user);
      await expect(getRoundPage(t.db, actor, "kipp-2025", s.roundId)).rejects.toMatchObject({ status: 403 });
      await expect(getManualPage(t.db, actor, "kipp-2025", s.roundId, null)).rejects.toMatchObject({ status: 403 });
      await expect(previewAssignment(t.db, actor, s.roundId, { mode: "keep" }, NOW)).rejects.toMatchObject({ status: 403 });
      await expect(commitAssignment(t.db, actor, pending.runId, NOW)).rejects.toMatchObject({ status: 403 });
      await expect(
        manualChange(t.db, actor, s.roundId, { op: "remove", proposalNumber: p6.number, jurorId: s.jurors.eko, confirm: true, acknowledged: ["belowK"] }, NOW),
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await t.db.selectFrom("assignment_runs").select("id").execute()).toEqual(runsBefore);
    expect(await assignmentsOf(t.db, s.roundId)).toEqual(assignmentsBefore);

    // A round of KIPP through Sivablik's slug is unknown, even to Kalbar's own admin.
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await expect(getRoundPage(t.db, kalbar, "sivablik-2025", s.roundId)).rejects.toMatchObject({ status: 404 });
    await expect(commitAssignment(t.db, s.admin, "no-such-run", NOW)).rejects.toMatchObject({ status: 404 });

    // The organizer commits.
    expect(await commitAssignment(t.db, s.admin, pending.runId, NOW)).toMatchObject({ ok: true, added: 4, removed: 4 });
  });
});
