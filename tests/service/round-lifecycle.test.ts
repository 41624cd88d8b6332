import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/roles";
import { parseForm } from "~/lib/forms";
import {
  AttendanceSchema,
  CriterionSchema,
  RoundSettingsSchema,
  SlotSchema,
  TeamMemberSchema,
} from "~/schemas/round-settings";
import {
  addFieldTeamMember,
  applyRubricPreset,
  assertRoundOpen,
  closeRound,
  getAgencyPresentations,
  getFieldPage,
  getRoundState,
  getRubricPage,
  getSettingsPage,
  getSlotsPage,
  moveCriterion,
  openRound,
  removeCriterion,
  removeFieldTeamMember,
  reopenRound,
  saveChecklistItem,
  saveCriterion,
  saveRoundSettings,
  saveSlot,
  setAttendance,
} from "~/services/round-lifecycle.server";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildWorld } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const t = useTestDb();
const ORIGIN = "https://sayembara.test";

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

function parsed<S extends Parameters<typeof parseForm>[0]>(schema: S, values: Record<string, string>) {
  const r = parseForm(schema, form(values));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

function errorsOf<S extends Parameters<typeof parseForm>[0]>(schema: S, values: Record<string, string>) {
  const r = parseForm(schema, form(values));
  return r.ok ? null : r.errors;
}

async function auditRows(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").orderBy("id").execute();
}

async function outbox() {
  return t.db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).orderBy("to_address").execute();
}

async function roundRow(id: string) {
  return t.db.selectFrom("rounds").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

let seq = 0;
async function assign(roundId: string, jurorId: string, proposalId: string): Promise<string> {
  const id = `a${++seq}`;
  await t.db
    .insertInto("assignments")
    .values({ id, round_id: roundId, juror_id: jurorId, proposal_id: proposalId, source: "auto", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null })
    .execute();
  return id;
}

async function entrants(roundId: string, proposalIds: string[]) {
  await t.db.insertInto("round_entrants").values(proposalIds.map((proposal_id) => ({ round_id: roundId, proposal_id }))).execute();
}

async function sheet(assignmentId: string, status: "draft" | "submitted") {
  const a = await t.db.selectFrom("assignments").selectAll().where("id", "=", assignmentId).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await t.db
    .insertInto("score_sheets")
    .values({ id: `s-${assignmentId}`, assignment_id: a.id, round_id: a.round_id, juror_id: a.juror_id, proposal_id: a.proposal_id, status, submitted_at: status === "submitted" ? now : null, created_at: now, updated_at: now })
    .execute();
}

const CRITERION = { key: "kebaruan", nameId: "Kebaruan", nameEn: "Novelty", weight: "15", scaleMin: "1", scaleMax: "5", scaleStep: "1", levels: "1 | Kurang | Poor\n5 | Sangat baik | Excellent" };

/**
 * KIPP 2025 (PANRB) with two screened proposals (Pontianak, Singkawang), a
 * desk round, two evaluators (one with an account) and a panelist; Sivablik
 * 2025 (Kalbar) with its own round, rubric, slot and juror — data that could leak.
 */
async function world() {
  const w = await buildWorld(t.db);
  const kipp = await buildEdition(t.db, w.competitions.kipp);
  const [p1, p2] = await buildScreenedProposals(t.db, kipp, [{ agencyId: w.agencies.pontianak }, { agencyId: w.agencies.singkawang }]);
  const roundId = await buildRound(t.db, { competitionId: w.competitions.kipp, name: "Penilaian proposal" });
  const eko = await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "evaluator", email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const dewi = await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "evaluator", email: "dewi@ugm.test", name: "Dewi", status: "active" });
  const siti = await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: w.users.panelist });

  const siv = await buildEdition(t.db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(t.db, siv, [{ agencyId: w.agencies.singkawang }]);
  const sivRound = await buildRound(t.db, { competitionId: w.competitions.sivablik, name: "Sivablik presentasi", kind: "presentation", poolRole: "panelist" });
  const sivJuror = await buildJuror(t.db, { competitionId: w.competitions.sivablik, role: "panelist", email: "juri@kalbar.test", name: "Budi", status: "active" });
  await assign(sivRound, sivJuror, sp.id);
  await t.db
    .insertInto("round_criteria")
    .values({ id: "siv-c1", round_id: sivRound, key: "penyampaian", name_id: "Penyampaian", name_en: "Delivery", weight: 30, scale_min: 0, scale_max: 100, scale_step: 1 })
    .execute();
  const sivSlot = "siv-slot";
  await t.db
    .insertInto("presentation_slots")
    .values({ id: sivSlot, round_id: sivRound, proposal_id: sp.id, starts_at: "2025-09-01T02:00:00.000Z", length_minutes: 20, meeting_link: "https://zoom.us/j/1", created_at: new Date().toISOString() })
    .execute();

  const actors = {
    admin: await actorOf(t.db, w.users.panrbAdmin),
    kalbar: await actorOf(t.db, w.users.kalbarAdmin),
    juror: await actorOf(t.db, w.users.evaluator),
    adminLokal: await actorOf(t.db, w.users.adminLokal),
    otherAdminLokal: await actorOf(t.db, w.users.otherAdminLokal),
    innovator: await actorOf(t.db, w.users.innovator),
  };
  return { w, kipp, p1, p2, roundId, eko, dewi, siti, sivRound, sivSlot, sp, actors };
}

type World = Awaited<ReturnType<typeof world>>;

async function withRubric(x: World) {
  const r = await saveCriterion(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(CriterionSchema, CRITERION));
  expect(r).toEqual({ ok: true });
}

// ---------------------------------------------------------------------------

describe("round settings", () => {
  const valid = {
    blind: "on",
    scoreVisibility: "after_submit",
    scoreMethod: "raw_mean",
    ruleKind: "top_n_pass",
    ruleN: "99",
    ruleMin: "85",
    ruleBy: "cluster",
    ruleTotal: "",
    tiebreak1: "normalized",
    tiebreak2: "criterion:kebaruan",
    tiebreak3: "submitted_at",
    tiebreak4: "",
    tiebreak5: "",
    disagreementThreshold: "20",
    borderlineBand: "1,5",
  };

  it("saves and reloads every setting, audited with before and after", async () => {
    const x = await world();
    await withRubric(x);
    const r = await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, valid));
    expect(r).toEqual({ ok: true });
    const page = await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId);
    expect(page.settings).toEqual({
      blind: true,
      scoreVisibility: "after_submit",
      scoreMethod: "raw_mean",
      rule: { kind: "top_n_pass", n: 99, min: 85 },
      tiebreak: ["normalized", "criterion:kebaruan", "submitted_at"],
      disagreementThreshold: 20,
      borderlineBand: 1.5,
    });
    const row = await roundRow(x.roundId);
    expect([row.advancement_json, row.tiebreak_json, Number(row.blind)]).toEqual(['{"kind":"top_n_pass","n":99,"min":85}', '["normalized","criterion:kebaruan","submitted_at"]', 1]);
    const audits = await auditRows("round.settingsUpdated");
    expect(audits).toHaveLength(1);
    expect([audits[0].competition_id, audits[0].organizer_id, audits[0].entity_id]).toEqual([x.w.competitions.kipp, x.w.organizers.panrb, x.roundId]);
    expect(JSON.parse(audits[0].before_json ?? "")).toEqual({
      blind: false,
      scoreVisibility: "never",
      scoreMethod: "normalized",
      rule: { kind: "manual" },
      tiebreak: ["raw_mean", "submitted_at"],
      disagreementThreshold: 25,
      borderlineBand: 2,
    });
    // Saving the same again writes nothing.
    await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, valid));
    expect(await auditRows("round.settingsUpdated")).toHaveLength(1);
  });

  it("stores quotas per stratum value and proportional rules", async () => {
    const x = await world();
    const quota = { ...valid, ruleKind: "quota", ruleBy: "cluster", ruleMin: "", quota_cluster_kota: "3", quota_category_transformasi_digital: "9", tiebreak2: "" };
    expect(await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, quota))).toEqual({ ok: true });
    expect((await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).settings.rule).toEqual({ kind: "quota", by: "cluster", quotas: { kota: 3 } });
    const page = await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId);
    expect(page.strata.cluster).toEqual([{ value: "kota", nameId: null, nameEn: null, entrants: 2 }]);

    const prop = { ...valid, ruleKind: "proportional", ruleBy: "group", ruleTotal: "10", ruleMin: "70", tiebreak2: "" };
    expect(await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, prop))).toEqual({ ok: true });
    expect((await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).settings.rule).toEqual({ kind: "proportional", by: "group", total: 10, min: 70 });
  });

  it("puts each form error at its field and keeps the typed values", () => {
    const r = parseForm(RoundSettingsSchema, form({ ...valid, ruleN: "0", ruleMin: "101", tiebreak2: "normalized", tiebreak3: "whatever", disagreementThreshold: "abc" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      ruleN: "scoring.round.errors.wholeNumber",
      ruleMin: "scoring.round.errors.grade",
      tiebreak2: "scoring.round.errors.tieDuplicate",
      tiebreak3: "scoring.round.errors.tieKey",
      disagreementThreshold: "scoring.round.errors.grade",
    });
    expect(r.values.ruleMin).toBe("101");
    expect(errorsOf(RoundSettingsSchema, { ...valid, ruleKind: "quota", ruleMin: "" })).toEqual({ ruleBy: "scoring.round.errors.quotaEmpty" });
    expect(errorsOf(RoundSettingsSchema, { ...valid, ruleKind: "pass_grade", ruleMin: "" })).toEqual({ ruleMin: "errors.required" });
    expect(errorsOf(RoundSettingsSchema, { ...valid, scoreMethod: "best" })).toEqual({ scoreMethod: "scoring.round.errors.method" });
  });

  it("refuses a tie-break on a criterion that is not in the rubric", async () => {
    const x = await world();
    const r = await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, valid));
    expect(r).toEqual({ ok: false, errors: { tiebreak2: "scoring.round.errors.tieCriterion" } });
    expect(await auditRows("round.settingsUpdated")).toHaveLength(0);
  });

  it("once closed changes only the ranking part; once decided nothing", async () => {
    const x = await world();
    await withRubric(x);
    await t.db.updateTable("rounds").set({ status: "closed" }).where("id", "=", x.roundId).execute();
    expect(await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, valid))).toEqual({ ok: true });
    const s = (await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).settings;
    expect([s.blind, s.scoreVisibility, s.scoreMethod]).toEqual([false, "never", "normalized"]);
    expect([s.rule, s.tiebreak]).toEqual([{ kind: "top_n_pass", n: 99, min: 85 }, ["normalized", "criterion:kebaruan", "submitted_at"]]);
    await t.db.updateTable("rounds").set({ status: "decided" }).where("id", "=", x.roundId).execute();
    expect(await saveRoundSettings(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(RoundSettingsSchema, { ...valid, ruleN: "50" }))).toEqual({
      ok: false,
      errors: { _form: "scoring.round.errors.locked" },
    });
  });
});

// ---------------------------------------------------------------------------

describe("rubric", () => {
  it("shows validation errors at the field", () => {
    expect(errorsOf(CriterionSchema, { ...CRITERION, key: "Ke Baruan", weight: "0", scaleMax: "1", levels: "" })).toEqual({
      key: "scoring.rubric.errors.key",
      weight: "scoring.rubric.errors.weight",
      scaleMax: "scoring.rubric.errors.maxNotAboveMin",
    });
    expect(errorsOf(CriterionSchema, { ...CRITERION, scaleMax: "100", scaleStep: "2" })).toEqual({ scaleStep: "scoring.rubric.errors.stepDivides" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, scaleStep: "0" })).toEqual({ scaleStep: "scoring.rubric.errors.stepPositive" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, weight: "x" })).toEqual({ weight: "scoring.rubric.errors.number" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, levels: "1 | Kurang" })).toEqual({ levels: "scoring.rubric.errors.levelsFormat" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, levels: "7 | Luar biasa | Outstanding" })).toEqual({ levels: "scoring.rubric.errors.levelsScale" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, levels: "1 | A | A\n1 | B | B" })).toEqual({ levels: "scoring.rubric.errors.levelsDuplicate" });
    expect(errorsOf(CriterionSchema, { ...CRITERION, key: "", nameId: " " })).toEqual({ key: "errors.required", nameId: "errors.required" });
    // 0.5 steps and decimal commas are fine.
    expect(parsed(CriterionSchema, { ...CRITERION, scaleStep: "0,5", levels: "2,5 | Cukup | Fair" })).toMatchObject({ scaleStep: 0.5, levels: [{ score: 2.5, id: "Cukup", en: "Fair" }] });
  });

  it("adds, edits (renaming the tie-break), reorders and deletes criteria, audited", async () => {
    const x = await world();
    const admin = x.actors.admin;
    await withRubric(x);
    await saveCriterion(t.db, admin, "kipp-2025", x.roundId, parsed(CriterionSchema, { ...CRITERION, key: "signifikansi", nameId: "Signifikansi", nameEn: "Significance", weight: "30" }));
    expect(await saveCriterion(t.db, admin, "kipp-2025", x.roundId, parsed(CriterionSchema, { ...CRITERION, nameId: "Lagi" }))).toEqual({
      ok: false,
      errors: { key: "scoring.rubric.errors.keyTaken" },
    });
    await t.db.updateTable("rounds").set({ tiebreak_json: '["criterion:kebaruan","raw_mean"]' }).where("id", "=", x.roundId).execute();

    let page = await getRubricPage(t.db, admin, "kipp-2025", x.roundId);
    expect(page.criteria.map((k) => [k.key, k.weight, k.levelsText])).toEqual([
      ["kebaruan", 15, "1 | Kurang | Poor\n5 | Sangat baik | Excellent"],
      ["signifikansi", 30, "1 | Kurang | Poor\n5 | Sangat baik | Excellent"],
    ]);
    expect([page.weightSum, page.editable]).toEqual([45, true]);

    const [kebaruan, signifikansi] = page.criteria;
    await saveCriterion(t.db, admin, "kipp-2025", x.roundId, parsed(CriterionSchema, { ...CRITERION, criterionId: kebaruan.id, key: "inovasi", weight: "20" }));
    expect((await roundRow(x.roundId)).tiebreak_json).toBe('["criterion:inovasi","raw_mean"]');
    await moveCriterion(t.db, admin, "kipp-2025", x.roundId, signifikansi.id, "up");
    page = await getRubricPage(t.db, admin, "kipp-2025", x.roundId);
    expect(page.criteria.map((k) => [k.key, k.weight])).toEqual([
      ["signifikansi", 30],
      ["inovasi", 20],
    ]);
    await removeCriterion(t.db, admin, "kipp-2025", x.roundId, kebaruan.id);
    expect((await roundRow(x.roundId)).tiebreak_json).toBe('["raw_mean"]');
    expect((await getRubricPage(t.db, admin, "kipp-2025", x.roundId)).criteria.map((k) => k.key)).toEqual(["signifikansi"]);

    const audits = await auditRows("rubric.updated");
    expect(audits.map((a) => JSON.parse(a.after_json ?? "{}").op)).toEqual(["added", "added", "changed", "moved", "removed"]);
    expect(JSON.parse(audits[2].before_json ?? "")).toMatchObject({ criterion: { key: "kebaruan", weight: 15 }, tiebreak: ["criterion:kebaruan", "raw_mean"] });
    expect(JSON.parse(audits[3].after_json ?? "")).toEqual({ op: "moved", order: ["signifikansi", "inovasi"] });
  });

  it("copies a DOMAIN preset, replacing existing criteria only when asked", async () => {
    const x = await world();
    await withRubric(x);
    expect(await applyRubricPreset(t.db, x.actors.admin, "kipp-2025", x.roundId, { preset: "proposal_100", replace: false })).toEqual({
      ok: false,
      errors: { replace: "scoring.rubric.errors.replaceConfirm" },
    });
    expect(await applyRubricPreset(t.db, x.actors.admin, "kipp-2025", x.roundId, { preset: "proposal_100", replace: true })).toEqual({ ok: true });
    const page = await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId);
    expect(page.criteria.map((k) => [k.key, k.nameId, k.nameEn, k.weight, k.scaleMin, k.scaleMax, k.levels.length])).toEqual([
      ["latar_belakang", "Latar belakang & tujuan", "Background & objectives", 10, 0, 100, 5],
      ["kebaruan", "Kebaruan", "Novelty", 15, 0, 100, 5],
      ["implementasi", "Implementasi", "Implementation", 5, 0, 100, 5],
      ["signifikansi", "Signifikansi", "Significance", 30, 0, 100, 5],
      ["adaptabilitas", "Adaptabilitas", "Adaptability", 20, 0, 100, 5],
      ["sumber_daya", "Sumber daya", "Resources", 5, 0, 100, 5],
      ["keberlanjutan", "Keberlanjutan", "Sustainability", 15, 0, 100, 5],
    ]);
    expect(page.weightSum).toBe(100);
    await applyRubricPreset(t.db, x.actors.admin, "kipp-2025", x.roundId, { preset: "presentation_5", replace: true });
    expect((await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).criteria.map((k) => [k.key, k.weight, k.scaleMin, k.scaleMax])).toEqual([
      ["penyampaian", 30, 1, 5],
      ["substansi", 50, 1, 5],
      ["video", 10, 1, 5],
      ["kehadiran_pimpinan", 10, 1, 5],
    ]);
  });

  it("locks the rubric once the round is open and a sheet exists", async () => {
    const x = await world();
    await withRubric(x);
    const a = await assign(x.roundId, x.eko, x.p1.id);
    await t.db.updateTable("rounds").set({ status: "open" }).where("id", "=", x.roundId).execute();
    // Open without sheets: still editable.
    expect((await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).editable).toBe(true);
    await sheet(a, "draft");
    const page = await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId);
    expect([page.editable, page.sheets]).toEqual([false, 1]);
    const locked = { ok: false, errors: { _form: "scoring.rubric.errors.locked" } };
    expect(await saveCriterion(t.db, x.actors.admin, "kipp-2025", x.roundId, parsed(CriterionSchema, { ...CRITERION, key: "baru" }))).toEqual(locked);
    expect(await removeCriterion(t.db, x.actors.admin, "kipp-2025", x.roundId, page.criteria[0].id)).toEqual(locked);
    expect(await applyRubricPreset(t.db, x.actors.admin, "kipp-2025", x.roundId, { preset: "proposal_5", replace: true })).toEqual(locked);
    expect((await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).criteria.map((k) => k.key)).toEqual(["kebaruan"]);
  });
});

// ---------------------------------------------------------------------------

describe("state machine", () => {
  it("refuses to open without a rubric and assignments, saying why", async () => {
    const x = await world();
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { origin: ORIGIN })).toEqual({
      ok: false,
      errors: { _form: "scoring.state.refusal.noRubric" },
      refusals: ["noRubric", "noAssignments"],
    });
    expect((await getRoundState(t.db, x.actors.admin, "kipp-2025", x.roundId)).openRefusals).toEqual(["noRubric", "noAssignments"]);
    expect((await roundRow(x.roundId)).status).toBe("draft");
    expect(await auditRows("round.opened")).toHaveLength(0);
    expect(await outbox()).toEqual([]);
  });

  it("opens: state, time, audit and a mail to every assigned juror", async () => {
    const x = await world();
    await withRubric(x);
    await assign(x.roundId, x.eko, x.p1.id);
    await assign(x.roundId, x.eko, x.p2.id);
    await assign(x.roundId, x.dewi, x.p1.id);
    const now = new Date("2025-08-01T01:00:00.000Z");
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { origin: ORIGIN, now })).toEqual({ ok: true, notified: 2 });
    const row = await roundRow(x.roundId);
    expect([row.status, row.opened_at]).toEqual(["open", "2025-08-01T01:00:00.000Z"]);
    const audits = await auditRows("round.opened");
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json ?? "")).toEqual({ status: "open", openedAt: "2025-08-01T01:00:00.000Z", criteria: 1, assignments: 3 });
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ["dewi@ugm.test", "Penilaian dibuka: Penilaian proposal – KIPP 2025"],
      ["evaluator1@juri.test", "Penilaian dibuka: Penilaian proposal – KIPP 2025"],
    ]);
    expect(mails[1].body_text).toContain(`${ORIGIN}/juror/kipp-2025`);
    // The panelist (not assigned) and the Sivablik juror hear nothing.
    expect(() => assertRoundOpen(row)).not.toThrow();
    // Opening again is refused.
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId)).toMatchObject({ ok: false, refusals: ["state"] });
  });

  it("closes with missing sheets only with a reason, kept in close_reason", async () => {
    const x = await world();
    await withRubric(x);
    const a1 = await assign(x.roundId, x.eko, x.p1.id);
    await assign(x.roundId, x.dewi, x.p1.id);
    await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { origin: ORIGIN });
    await sheet(a1, "submitted");
    await t.db.deleteFrom("outbox").execute();

    expect((await getRoundState(t.db, x.actors.admin, "kipp-2025", x.roundId)).missingSheets).toBe(1);
    expect(await closeRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "  " })).toEqual({
      ok: false,
      errors: { reason: "scoring.state.refusal.reasonRequired", _form: "errors.form" },
      refusals: ["reasonRequired"],
    });
    expect((await roundRow(x.roundId)).status).toBe("open");

    const now = new Date("2025-08-16T00:00:00.000Z");
    expect(await closeRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "Dewi sakit; diputuskan pleno" }, { origin: ORIGIN, now })).toEqual({ ok: true, notified: 2 });
    const row = await roundRow(x.roundId);
    expect([row.status, row.closed_at, row.close_reason]).toEqual(["closed", "2025-08-16T00:00:00.000Z", "Dewi sakit; diputuskan pleno"]);
    expect(() => assertRoundOpen(row)).toThrow();
    const audits = await auditRows("round.closed");
    expect(JSON.parse(audits[0].after_json ?? "")).toEqual({ status: "closed", closedAt: "2025-08-16T00:00:00.000Z", missingSheets: 1, reason: "Dewi sakit; diputuskan pleno" });
    expect((await outbox()).map((m) => [m.to_address, m.subject])).toEqual([
      ["dewi@ugm.test", "Penilaian ditutup: Penilaian proposal – KIPP 2025"],
      ["evaluator1@juri.test", "Penilaian ditutup: Penilaian proposal – KIPP 2025"],
    ]);
  });

  it("closes without a reason when every sheet is in; a conflicted assignment does not count as missing", async () => {
    const x = await world();
    await withRubric(x);
    const a1 = await assign(x.roundId, x.eko, x.p1.id);
    await assign(x.roundId, x.dewi, x.p2.id);
    await t.db
      .insertInto("conflicts")
      .values({ id: "c1", competition_id: x.w.competitions.kipp, juror_id: x.dewi, proposal_id: x.p2.id, source: "juror", declared_by: null, created_at: new Date().toISOString(), dismissed_by: null, dismissed_reason: null, dismissed_at: null })
      .execute();
    await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId);
    await sheet(a1, "submitted");
    expect(await closeRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "" })).toEqual({ ok: true, notified: 2 });
    expect((await roundRow(x.roundId)).close_reason).toBeNull();
  });

  it("reopens a closed round with a reason, never after the decision", async () => {
    const x = await world();
    await withRubric(x);
    await assign(x.roundId, x.eko, x.p1.id);
    await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId);
    await closeRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "Tenggat" });
    await t.db.deleteFrom("outbox").execute();

    expect(await reopenRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "" })).toMatchObject({ ok: false, refusals: ["reasonRequired"] });
    expect(await reopenRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "Satu nilai tertinggal" }, { origin: ORIGIN })).toEqual({ ok: true, notified: 1 });
    const row = await roundRow(x.roundId);
    expect([row.status, row.closed_at, row.close_reason]).toEqual(["open", null, null]);
    const audits = await auditRows("round.reopened");
    expect(JSON.parse(audits[0].before_json ?? "")).toMatchObject({ status: "closed", closeReason: "Tenggat" });
    expect(JSON.parse(audits[0].after_json ?? "")).toEqual({ status: "open", reason: "Satu nilai tertinggal" });
    expect((await outbox()).map((m) => m.subject)).toEqual(["Penilaian dibuka kembali: Penilaian proposal – KIPP 2025"]);

    await t.db.updateTable("rounds").set({ status: "decided" }).where("id", "=", x.roundId).execute();
    expect(await reopenRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "Lagi" })).toMatchObject({ ok: false, refusals: ["state"] });
    expect(await closeRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { reason: "x" })).toMatchObject({ ok: false, refusals: ["state"] });
  });

  it("writes the juror's mail in their language", async () => {
    const x = await world();
    await t.db.updateTable("users").set({ locale: "en" }).where("id", "=", x.w.users.evaluator).execute();
    await withRubric(x);
    await assign(x.roundId, x.eko, x.p1.id);
    await openRound(t.db, x.actors.admin, "kipp-2025", x.roundId, { origin: ORIGIN });
    expect((await outbox()).map((m) => m.subject)).toEqual(["Scoring open: Penilaian proposal – KIPP 2025"]);
  });
});

// ---------------------------------------------------------------------------

describe("presentation slots", () => {
  async function presentation(x: World) {
    const roundId = await buildRound(t.db, { competitionId: x.w.competitions.kipp, position: 2, name: "Presentasi", kind: "presentation", poolRole: "panelist" });
    await entrants(roundId, [x.p1.id, x.p2.id]);
    return roundId;
  }
  const slot = (proposalId: string, extra: Record<string, string> = {}) =>
    parsed(SlotSchema, { proposalId, startsAt: "2025-09-10T09:00", lengthMinutes: "20", meetingLink: "https://zoom.us/j/123", ...extra });

  it("validates time, length and an https link at the field", () => {
    expect(errorsOf(SlotSchema, { proposalId: "p", startsAt: "2025-02-30T09:00", lengthMinutes: "0", meetingLink: "http://zoom.us/j/1" })).toEqual({
      startsAt: "errors.dateTime",
      lengthMinutes: "scoring.slots.errors.length",
      meetingLink: "scoring.slots.errors.link",
    });
    expect(errorsOf(SlotSchema, { proposalId: "", startsAt: "", lengthMinutes: "" })).toEqual({
      proposalId: "errors.required",
      startsAt: "errors.required",
      lengthMinutes: "errors.required",
    });
    expect(slot("p").startsAt).toBe("2025-09-10T02:00:00.000Z");
  });

  it("creates and changes a slot, mailing the agency's Admin Lokal; moving it resets attendance", async () => {
    const x = await world();
    const roundId = await presentation(x);
    expect(await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, slot(x.p1.id), { origin: ORIGIN })).toEqual({ ok: true });
    expect(await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, slot(x.p1.id))).toEqual({ ok: false, errors: { proposalId: "scoring.slots.errors.taken" } });
    expect(await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, slot(x.sp.id))).toEqual({ ok: false, errors: { proposalId: "scoring.slots.errors.notEntrant" } });

    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["adminlokal@pontianak.test", `Jadwal presentasi ${x.p1.number} – KIPP 2025`]]);
    expect(mails[0].body_text).toContain("10 September 2025 09.00 WIB");
    expect(mails[0].body_text).toContain(`${ORIGIN}/agency/${x.w.agencies.pontianak}/presentations`);

    let page = await getSlotsPage(t.db, x.actors.admin, "kipp-2025", roundId);
    expect(page.slots.map((s) => [s.number, s.startsAt, s.lengthMinutes, s.meetingLink, s.attendance])).toEqual([
      [x.p1.number, "2025-09-10T02:00:00.000Z", 20, "https://zoom.us/j/123", "pending"],
    ]);
    expect(page.entrants.map((e) => [e.number, e.hasSlot])).toEqual([
      [x.p1.number, true],
      [x.p2.number, false],
    ]);
    const slotId = page.slots[0].id;

    await setAttendance(t.db, x.actors.adminLokal, x.w.agencies.pontianak, parsed(AttendanceSchema, { slotId, attendance: "confirmed", note: "Hadir: Wali Kota" }));
    // Same time, new link: the answer stands.
    await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, { ...slot(x.p1.id, { meetingLink: "https://meet.google.com/abc-defg-hij" }), slotId });
    page = await getSlotsPage(t.db, x.actors.admin, "kipp-2025", roundId);
    expect([page.slots[0].attendance, page.slots[0].attendanceNote]).toEqual(["confirmed", "Hadir: Wali Kota"]);
    // New time: back to pending.
    await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, { ...slot(x.p1.id, { startsAt: "2025-09-11T10:00" }), slotId });
    page = await getSlotsPage(t.db, x.actors.admin, "kipp-2025", roundId);
    expect([page.slots[0].startsAt, page.slots[0].attendance, page.slots[0].attendanceNote]).toEqual(["2025-09-11T03:00:00.000Z", "pending", ""]);

    expect((await outbox()).map((m) => m.subject)).toEqual([
      `Jadwal presentasi ${x.p1.number} – KIPP 2025`,
      `Perubahan jadwal presentasi ${x.p1.number} – KIPP 2025`,
      `Perubahan jadwal presentasi ${x.p1.number} – KIPP 2025`,
    ]);
    const audits = await t.db.selectFrom("audit_log").select(["action", "agency_id", "competition_id"]).where("action", "like", "slot.%").orderBy("at").orderBy("id").execute();
    expect(audits.map((a) => a.action).sort()).toEqual(["slot.confirmed", "slot.created", "slot.updated", "slot.updated"]);
    expect(new Set(audits.map((a) => `${a.agency_id}|${a.competition_id}`))).toEqual(new Set([`${x.w.agencies.pontianak}|${x.w.competitions.kipp}`]));
  });

  it("lets the agency's own Admin Lokal confirm or decline, never another agency's", async () => {
    const x = await world();
    const roundId = await presentation(x);
    await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, slot(x.p1.id));
    await saveSlot(t.db, x.actors.admin, "kipp-2025", roundId, slot(x.p2.id, { startsAt: "2025-09-10T10:00" }));
    const [s1, s2] = (await getSlotsPage(t.db, x.actors.admin, "kipp-2025", roundId)).slots;

    // Own agency: sees only its own slot (not Singkawang's, not Sivablik's).
    const own = await getAgencyPresentations(t.db, x.actors.adminLokal, x.w.agencies.pontianak);
    expect(own.slots.map((s) => [s.number, s.competitionName, s.roundName, s.attendance])).toEqual([[x.p1.number, "KIPP 2025", "Presentasi", "pending"]]);
    expect(await setAttendance(t.db, x.actors.adminLokal, x.w.agencies.pontianak, parsed(AttendanceSchema, { slotId: s1.id, attendance: "declined", note: "Bentrok rapat paripurna" }))).toEqual({ ok: true });
    const audit = (await auditRows("slot.declined"))[0];
    expect([audit.agency_id, audit.actor_user_id, JSON.parse(audit.after_json ?? "").note]).toEqual([x.w.agencies.pontianak, x.w.users.adminLokal, "Bentrok rapat paripurna"]);

    // Another agency's slot through one's own agency: unknown.
    await expect(setAttendance(t.db, x.actors.adminLokal, x.w.agencies.pontianak, { slotId: s2.id, attendance: "confirmed", note: "" })).rejects.toMatchObject({ status: 404 });
    // Another agency's page or action: forbidden (Singkawang has a KIPP and a Sivablik slot).
    await expect(getAgencyPresentations(t.db, x.actors.adminLokal, x.w.agencies.singkawang)).rejects.toMatchObject({ status: 403 });
    await expect(setAttendance(t.db, x.actors.adminLokal, x.w.agencies.singkawang, { slotId: s2.id, attendance: "confirmed", note: "" })).rejects.toMatchObject({ status: 403 });
    await expect(setAttendance(t.db, x.actors.adminLokal, x.w.agencies.singkawang, { slotId: x.sivSlot, attendance: "confirmed", note: "" })).rejects.toMatchObject({ status: 403 });
    // The innovator of the agency may not answer for it.
    await expect(getAgencyPresentations(t.db, x.actors.innovator, x.w.agencies.pontianak)).rejects.toMatchObject({ status: 403 });
    const other = await t.db.selectFrom("presentation_slots").select(["id", "attendance"]).where("id", "in", [s2.id, x.sivSlot]).orderBy("id").execute();
    expect(other.every((s) => s.attendance === "pending")).toBe(true);

    // Singkawang's own Admin Lokal sees both its slots, in time order.
    const theirs = await getAgencyPresentations(t.db, x.actors.otherAdminLokal, x.w.agencies.singkawang);
    expect(theirs.slots.map((s) => s.number)).toEqual([x.sp.number, x.p2.number]);

    expect(errorsOf(AttendanceSchema, { slotId: s1.id, attendance: "declined", note: "" })).toEqual({ note: "scoring.slots.errors.declineNote" });
  });

  it("has no slots page for a desk round", async () => {
    const x = await world();
    await expect(getSlotsPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).rejects.toMatchObject({ status: 404 });
  });
});

// ---------------------------------------------------------------------------

describe("field verification", () => {
  async function field(x: World) {
    const roundId = await buildRound(t.db, { competitionId: x.w.competitions.kipp, position: 3, name: "Verifikasi lapangan", kind: "field", poolRole: "panelist" });
    await entrants(roundId, [x.p1.id, x.p2.id]);
    await saveCriterion(t.db, x.actors.admin, "kipp-2025", roundId, parsed(CriterionSchema, CRITERION));
    return roundId;
  }
  const member = (proposalId: string, jurorId: string) => parsed(TeamMemberSchema, { proposalId, jurorId });

  it("flags teams without a Panelis and an Evaluator and refuses to open until each is complete", async () => {
    const x = await world();
    const roundId = await field(x);
    await assign(roundId, x.siti, x.p1.id);
    await assign(roundId, x.siti, x.p2.id);
    let page = await getFieldPage(t.db, x.actors.admin, "kipp-2025", roundId);
    expect(page.teams.map((tm) => [tm.number, tm.panelists, tm.evaluators, tm.ok])).toEqual([
      [x.p1.number, 1, 0, false],
      [x.p2.number, 1, 0, false],
    ]);
    expect(page.broken).toBe(2);
    expect(page.jurors.map((j) => [j.name, j.role])).toEqual([
      ["Dewi", "evaluator"],
      ["Eko", "evaluator"],
      ["Siti Z", "panelist"],
    ]);
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", roundId)).toMatchObject({ ok: false, refusals: ["fieldTeam"] });

    // Evaluators come from the other pool, as manual assignments.
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p1.id, x.eko))).toEqual({ ok: true });
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", roundId)).toMatchObject({ ok: false, refusals: ["fieldTeam"] });
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p2.id, x.dewi))).toEqual({ ok: true });
    page = await getFieldPage(t.db, x.actors.admin, "kipp-2025", roundId);
    expect(page.teams.map((tm) => [tm.members.map((m) => `${m.name}/${m.role}/${m.source}`), tm.ok])).toEqual([
      [["Eko/evaluator/manual", "Siti Z/panelist/auto"], true],
      [["Dewi/evaluator/manual", "Siti Z/panelist/auto"], true],
    ]);
    const audits = await auditRows("assignment.added");
    expect(audits.map((a) => JSON.parse(a.after_json ?? "")).map((a) => [a.juror, a.role, a.field])).toEqual([
      ["evaluator1@juri.test", "evaluator", true],
      ["dewi@ugm.test", "evaluator", true],
    ]);
    expect(await openRound(t.db, x.actors.admin, "kipp-2025", roundId, { origin: ORIGIN })).toEqual({ ok: true, notified: 3 });
  });

  it("refuses a conflicted juror, a duplicate, a non-entrant and an inactive or foreign juror", async () => {
    const x = await world();
    const roundId = await field(x);
    await t.db
      .insertInto("conflicts")
      .values({ id: "c1", competition_id: x.w.competitions.kipp, juror_id: x.eko, proposal_id: x.p1.id, source: "auto_agency", declared_by: null, created_at: new Date().toISOString(), dismissed_by: null, dismissed_reason: null, dismissed_at: null })
      .execute();
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p1.id, x.eko))).toEqual({ ok: false, errors: { jurorId: "scoring.field.errors.conflict" } });
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p1.id, x.dewi))).toEqual({ ok: true });
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p1.id, x.dewi))).toEqual({ ok: false, errors: { jurorId: "scoring.field.errors.already" } });
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.sp.id, x.dewi))).toEqual({ ok: false, errors: { proposalId: "scoring.field.errors.notEntrant" } });
    const kalbarJuror = (await t.db.selectFrom("jurors").select("id").where("email", "=", "juri@kalbar.test").executeTakeFirstOrThrow()).id;
    expect(await addFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, member(x.p2.id, kalbarJuror))).toEqual({ ok: false, errors: { jurorId: "scoring.field.errors.jurorInactive" } });
    expect(await auditRows("assignment.added")).toHaveLength(1);

    // Removal: allowed without a sheet, audited.
    const a = (await getFieldPage(t.db, x.actors.admin, "kipp-2025", roundId)).teams[0].members[0];
    expect(await removeFieldTeamMember(t.db, x.actors.admin, "kipp-2025", roundId, a.assignmentId)).toEqual({ ok: true });
    expect(await auditRows("assignment.removed")).toHaveLength(1);
  });

  it("keeps a checklist with unique keys", async () => {
    const x = await world();
    const roundId = await field(x);
    const item = { itemId: null, key: "layanan_berjalan", labelId: "Layanan berjalan di lokasi", labelEn: "Service running on site" };
    expect(await saveChecklistItem(t.db, x.actors.admin, "kipp-2025", roundId, item)).toEqual({ ok: true });
    expect(await saveChecklistItem(t.db, x.actors.admin, "kipp-2025", roundId, { ...item, labelId: "Lagi" })).toEqual({ ok: false, errors: { key: "scoring.field.errors.keyTaken" } });
    expect((await getFieldPage(t.db, x.actors.admin, "kipp-2025", roundId)).checklist.map((i) => [i.key, i.labelId, i.labelEn])).toEqual([
      ["layanan_berjalan", "Layanan berjalan di lokasi", "Service running on site"],
    ]);
    expect(await auditRows("checklist.updated")).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------

describe("permissions", () => {
  it("lets the PANRB organizer manage KIPP's round", async () => {
    const x = await world();
    const page = await getSettingsPage(t.db, x.actors.admin, "kipp-2025", x.roundId);
    expect([page.round.name, page.competition.name]).toEqual(["Penilaian proposal", "KIPP 2025"]);
    expect((await getRubricPage(t.db, x.actors.admin, "kipp-2025", x.roundId)).criteria).toEqual([]);
  });

  it("refuses the Kalbar organizer, a juror and an agency, with data present", async () => {
    const x = await world();
    await withRubric(x);
    await assign(x.roundId, x.eko, x.p1.id);
    const presentationId = await buildRound(t.db, { competitionId: x.w.competitions.kipp, position: 2, name: "Presentasi", kind: "presentation", poolRole: "panelist" });
    await entrants(presentationId, [x.p1.id]);
    const fieldId = await buildRound(t.db, { competitionId: x.w.competitions.kipp, position: 3, name: "Lapangan", kind: "field", poolRole: "panelist" });
    const deny: Actor[] = [x.actors.kalbar, x.actors.juror, x.actors.adminLokal];
    const settings = parsed(RoundSettingsSchema, { scoreVisibility: "always", scoreMethod: "median", ruleKind: "manual" });
    for (const actor of deny) {
      await expect(getSettingsPage(t.db, actor, "kipp-2025", x.roundId)).rejects.toMatchObject({ status: 403 });
      await expect(saveRoundSettings(t.db, actor, "kipp-2025", x.roundId, settings)).rejects.toMatchObject({ status: 403 });
      await expect(getRubricPage(t.db, actor, "kipp-2025", x.roundId)).rejects.toMatchObject({ status: 403 });
      await expect(saveCriterion(t.db, actor, "kipp-2025", x.roundId, parsed(CriterionSchema, { ...CRITERION, key: "x" }))).rejects.toMatchObject({ status: 403 });
      await expect(getRoundState(t.db, actor, "kipp-2025", x.roundId)).rejects.toMatchObject({ status: 403 });
      await expect(openRound(t.db, actor, "kipp-2025", x.roundId)).rejects.toMatchObject({ status: 403 });
      await expect(getSlotsPage(t.db, actor, "kipp-2025", presentationId)).rejects.toMatchObject({ status: 403 });
      await expect(saveSlot(t.db, actor, "kipp-2025", presentationId, slotInput(x.p1.id))).rejects.toMatchObject({ status: 403 });
      await expect(getFieldPage(t.db, actor, "kipp-2025", fieldId)).rejects.toMatchObject({ status: 403 });
      await expect(addFieldTeamMember(t.db, actor, "kipp-2025", fieldId, { proposalId: x.p1.id, jurorId: x.dewi })).rejects.toMatchObject({ status: 403 });
    }
    // Nothing changed.
    const row = await roundRow(x.roundId);
    expect([row.status, row.score_method]).toEqual(["draft", "normalized"]);
    expect(await t.db.selectFrom("presentation_slots").select("id").where("round_id", "=", presentationId).execute()).toEqual([]);
    expect(await outbox()).toEqual([]);
    // The Kalbar organizer reaching KIPP's round through Sivablik: unknown; and their own round is theirs.
    await expect(getSettingsPage(t.db, x.actors.kalbar, "sivablik-2025", x.roundId)).rejects.toMatchObject({ status: 404 });
    expect((await getRubricPage(t.db, x.actors.kalbar, "sivablik-2025", x.sivRound)).criteria.map((k) => k.key)).toEqual(["penyampaian"]);
    await expect(getRubricPage(t.db, x.actors.admin, "sivablik-2025", x.sivRound)).rejects.toMatchObject({ status: 403 });
  });
});

function slotInput(proposalId: string) {
  return { slotId: null, proposalId, startsAt: "2025-09-10T02:00:00.000Z", lengthMinutes: 20, meetingLink: "" };
}
