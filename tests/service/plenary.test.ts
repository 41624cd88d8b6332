/**
 * The plenary: results from hand-made sheets (drafts never count),
 * overrides, the decision and its side effects (entries, next round's
 * entrants, no agency mail, audit), replay, the ranking export and permissions.
 * Criteria, sheets and items are inserted directly.
 */
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { parseForm } from "~/lib/forms";
import { OverrideSchema, parseResultsQuery } from "~/schemas/plenary";
import {
  copyEntrantsFromPreviousRound,
  decideRound,
  entrantsForNextRound,
  exportRanking,
  fullPrecision,
  getResultsPage,
  inputsHash,
  loadRankingInput,
  removeOverride,
  setOverride,
} from "~/services/plenary.server";
import { findPlenaryRound } from "~/models/plenary.server";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, agencyId, buildUser, buildWorld, PASSWORD } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const t = useTestDb();
const ORIGIN = "https://sayembara.test";
const REASON = "Inovasi relevan untuk daerah 3T, layak dipresentasikan.";

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

const query = (s = "") => parseResultsQuery(new URLSearchParams(s));

async function addSheet(db: DB, s: { roundId: string; jurorId: string; proposalId: string; a: number; b: number; status?: "draft" | "submitted"; at?: string }) {
  const now = s.at ?? "2025-08-10T03:00:00.000Z";
  const assignmentId = newId();
  await db
    .insertInto("assignments")
    .values({ id: assignmentId, round_id: s.roundId, juror_id: s.jurorId, proposal_id: s.proposalId, source: "manual", expertise_match: 0, run_id: null, created_by: null, created_at: now })
    .execute();
  const sheetId = newId();
  const status = s.status ?? "submitted";
  await db
    .insertInto("score_sheets")
    .values({
      id: sheetId,
      assignment_id: assignmentId,
      round_id: s.roundId,
      juror_id: s.jurorId,
      proposal_id: s.proposalId,
      status,
      overall_comment: "",
      source: "web",
      version: 1,
      submitted_at: status === "submitted" ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("score_items")
    .values([
      { sheet_id: sheetId, criterion_key: "kebaruan", value: s.a, comment: "" },
      { sheet_id: sheetId, criterion_key: "manfaat", value: s.b, comment: "" },
    ])
    .execute();
  return sheetId;
}

/**
 * KIPP 2025, round 1 (desk, raw_mean, top 2, tie-break raw_mean then earlier
 * submission) and round 2. Rubric: kebaruan and manfaat, weight 1 each, scale
 * 0–10, so a juror's total T = 5·(a + b).
 *
 *   P1 Pontianak   J1 (8,8)=80  J2 (9,7)=80           mean 80
 *   P2 Singkawang  J1 (6,6)=60  J2 (7,7)=70           mean 65
 *   P3 Pontianak   J1 (9,9)=90  J2 (5,5)=50           mean 70, range 40 → disagreement
 *   P4 Singkawang  J2 (4,4)=40  J3 DRAFT (10,10)      mean 40 (the draft never counts)
 *   P5 Pontianak   not screened in (tidak lolos), J3 submitted (10,10): not an entrant
 *   P6 Pontianak   no score                            ranks last, never advances
 */
async function setup(opts: { status?: "draft" | "open" | "closed" | "decided" } = {}) {
  const w = await buildWorld(t.db);
  const ed = await buildEdition(t.db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  const pontianak = agencyId("KOTA-61.71");
  const singkawang = agencyId("KOTA-61.72");
  const [p1, p2, p3, p4, p5, p6] = await buildScreenedProposals(t.db, ed, [
    { agencyId: pontianak, title: "Antrean Daring Dukcapil" },
    { agencyId: singkawang, title: "Posyandu Digital", category: "kesehatan" },
    { agencyId: pontianak, title: "Lapor Jalan Rusak" },
    { agencyId: singkawang, title: "Sekolah Pesisir" },
    { agencyId: pontianak, title: "Tidak Lolos", result: "tidak_lolos" },
    { agencyId: pontianak, title: "Belum Dinilai" },
  ]);
  const round1 = await buildRound(t.db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal" });
  const round2 = await buildRound(t.db, { competitionId: w.competitions.kipp, position: 2, name: "Presentasi", kind: "presentation", poolRole: "panelist" });
  await t.db
    .updateTable("rounds")
    .set({
      status: opts.status ?? "closed",
      score_method: "raw_mean",
      advancement_json: JSON.stringify({ kind: "top_n", n: 2 }),
      tiebreak_json: JSON.stringify(["raw_mean", "submitted_at"]),
    })
    .where("id", "=", round1)
    .execute();
  await t.db
    .insertInto("round_criteria")
    .values([
      { id: newId(), round_id: round1, key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 1, scale_min: 0, scale_max: 10, position: 1 },
      { id: newId(), round_id: round1, key: "manfaat", name_id: "Manfaat", name_en: "Benefit", weight: 1, scale_min: 0, scale_max: 10, position: 2 },
    ])
    .execute();
  const j1 = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "j1@juri.test", name: "Juri Satu", userId: w.users.evaluator });
  const j2 = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "j2@juri.test", name: "Juri Dua" });
  const j3 = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "j3@juri.test", name: "Juri Tiga" });
  const sheets = {
    p1j1: await addSheet(t.db, { roundId: round1, jurorId: j1, proposalId: p1.id, a: 8, b: 8 }),
    p1j2: await addSheet(t.db, { roundId: round1, jurorId: j2, proposalId: p1.id, a: 9, b: 7 }),
    p2j1: await addSheet(t.db, { roundId: round1, jurorId: j1, proposalId: p2.id, a: 6, b: 6 }),
    p2j2: await addSheet(t.db, { roundId: round1, jurorId: j2, proposalId: p2.id, a: 7, b: 7 }),
    p3j1: await addSheet(t.db, { roundId: round1, jurorId: j1, proposalId: p3.id, a: 9, b: 9 }),
    p3j2: await addSheet(t.db, { roundId: round1, jurorId: j2, proposalId: p3.id, a: 5, b: 5 }),
    p4j2: await addSheet(t.db, { roundId: round1, jurorId: j2, proposalId: p4.id, a: 4, b: 4 }),
    p4j3: await addSheet(t.db, { roundId: round1, jurorId: j3, proposalId: p4.id, a: 10, b: 10, status: "draft" }),
    p5j3: await addSheet(t.db, { roundId: round1, jurorId: j3, proposalId: p5.id, a: 10, b: 10 }),
  };
  const admin = await actorOf(t.db, w.users.panrbAdmin);
  return { w, ed, p: { p1, p2, p3, p4, p5, p6 }, round1, round2, jurors: { j1, j2, j3 }, sheets, admin, pontianak, singkawang };
}

async function audits(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").execute();
}

async function bodyText(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** The worksheet XML of an XLSX (entry xl/worksheets/sheet1.xml), read through the central directory. */
function sheetXml(bytes: Buffer): string {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const nameLength = bytes.readUInt16LE(p + 28);
    const skip = bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.toString("utf8", p + 46, p + 46 + nameLength);
    if (name === "xl/worksheets/sheet1.xml") {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + compressed);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    p += 46 + nameLength + skip;
  }
  throw new Error("no sheet1.xml");
}

describe("results", () => {
  it("ranks the hand-made sheets exactly, without drafts or non-entrants, with the rule's decisions", async () => {
    const s = await setup({ status: "open" });
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query());
    expect(page.provisional).toBe(true);
    expect(page.problem).toBeNull();
    expect(
      page.table.rows.map((r) => [r.rank, r.number, r.nScores, r.rawMean, r.median, r.sd, r.min, r.max, r.criterionMeans, r.disagreement, r.borderline, r.ruleDecision, r.decision]),
    ).toEqual([
      [1, s.p.p1.number, 2, 80, 80, 0, 80, 80, [8.5, 7.5], false, false, "advance", "advance"],
      [2, s.p.p3.number, 2, 70, 70, 20, 50, 90, [7, 7], true, true, "advance", "advance"],
      [3, s.p.p2.number, 2, 65, 65, 5, 60, 70, [6.5, 6.5], false, false, "stop", "stop"],
      [4, s.p.p4.number, 1, 40, 40, 0, 40, 40, [4, 4], false, false, "stop", "stop"],
      [5, s.p.p6.number, 0, null, null, null, null, null, [null, null], false, false, "stop", "stop"],
    ]);
    expect(page.cutoff).toBe(70);
    expect(page.counts).toEqual({ entrants: 5, scored: 4, submittedSheets: 8, drafts: 1, skipped: 0, advance: 2, stop: 3, override_advance: 0, override_stop: 0 });
    // Round mean of the 7 entrant totals: (80+80+60+70+90+50+40)/7.
    expect(page.roundMean).toBeCloseTo(470 / 7, 12);
    // J1 scored 80, 60, 90; J2 80, 70, 50, 40 (J3's only submitted sheet is of a non-entrant).
    expect(page.jurors.map((j) => [j.name, j.n, j.histogram])).toEqual([
      ["Juri Dua", 4, [0, 0, 0, 0, 1, 1, 0, 1, 1, 0]],
      ["Juri Satu", 3, [0, 0, 0, 0, 0, 0, 1, 0, 1, 1]],
    ]);
    expect(page.jurors[0].mean).toBe(60);
    expect(page.jurors[0].offset).toBeCloseTo(60 - 470 / 7, 12);
    expect(page.canOverride).toBe(false);
    expect(page.canDecide).toBe(false);
  });

  it("filters and pages the table", async () => {
    const s = await setup();
    const border = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query("filter=disagreement"));
    expect(border.table.rows.map((r) => r.number)).toEqual([s.p.p3.number]);
    expect(border.table.filterCounts).toEqual({ all: 5, advance: 2, stop: 3, borderline: 1, disagreement: 1, override: 0, unscored: 1 });
    const search = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query("q=posyandu"));
    expect(search.table.rows.map((r) => r.number)).toEqual([s.p.p2.number]);
  });

  it("leaves out a submitted sheet that no longer fits the rubric, lists it, and refuses the decision", async () => {
    const s = await setup();
    await t.db.updateTable("score_items").set({ value: 12 }).where("sheet_id", "=", s.sheets.p2j1).where("criterion_key", "=", "kebaruan").execute();
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query());
    expect(page.skipped).toEqual([{ number: s.p.p2.number, juror: "Juri Satu", reason: "scale" }]);
    expect(page.table.rows.find((r) => r.number === s.p.p2.number)?.nScores).toBe(1);
    expect(page.canDecide).toBe(false);
    expect(await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN })).toEqual({ ok: false, errors: { _form: "plenary.errors.invalidSheets" } });
    expect((await findPlenaryRound(t.db, s.w.competitions.kipp, s.round1))?.status).toBe("closed");
  });
});

describe("overrides", () => {
  it("needs a reason of at least 10 characters and a decision, at the field, keeping what was typed", () => {
    const r = parseForm(OverrideSchema, form({ intent: "override", number: "KIPP2025-000002", decision: "", reason: " singkat " }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ decision: "plenary.errors.decision", reason: "plenary.errors.reasonShort" });
    expect(r.values.reason).toBe(" singkat ");
    const missing = parseForm(OverrideSchema, form({ intent: "override", number: "KIPP2025-000002", decision: "advance" }));
    expect(missing.ok ? null : missing.errors).toEqual({ reason: "plenary.errors.reasonShort" });
  });

  it("sets, replaces and removes an override while closed, each audited, and the table shows it apart from the rule", async () => {
    const s = await setup();
    expect(await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "advance", reason: "Terlalu singkat? Tidak, cukup." })).toEqual({ ok: true });
    expect(await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number.toLowerCase(), decision: "advance", reason: REASON })).toEqual({ ok: true });
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query());
    const p2 = page.table.rows.find((r) => r.number === s.p.p2.number)!;
    expect([p2.rank, p2.ruleDecision, p2.decision, p2.override?.reason]).toEqual([3, "stop", "override_advance", REASON]);
    expect(page.overrides.map((o) => [o.number, o.decision, o.ruleDecision, o.reason, o.by])).toEqual([[s.p.p2.number, "advance", "stop", REASON, "Rina"]]);
    const set = await audits("override.set");
    expect(set.map((a) => [a.entity_id, a.agency_id, a.competition_id, JSON.parse(a.before_json ?? "null")?.reason ?? null, JSON.parse(a.after_json!).decision])).toEqual([
      [s.round1, s.singkawang, s.w.competitions.kipp, null, "advance"],
      [s.round1, s.singkawang, s.w.competitions.kipp, "Terlalu singkat? Tidak, cukup.", "advance"],
    ]);

    expect(await removeOverride(t.db, s.admin, "kipp-2025", s.round1, s.p.p2.number)).toEqual({ ok: true });
    expect(await t.db.selectFrom("round_overrides").selectAll().execute()).toEqual([]);
    const removed = await audits("override.removed");
    expect(removed.map((a) => [JSON.parse(a.before_json!).reason, a.after_json])).toEqual([[REASON, "null"]]);
    expect(await removeOverride(t.db, s.admin, "kipp-2025", s.round1, s.p.p2.number)).toEqual({ ok: false, errors: { _form: "plenary.errors.noOverride" } });
  });

  it("refuses a number that is not an entrant, and any override unless the round is closed", async () => {
    const s = await setup();
    expect(await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p5.number, decision: "advance", reason: REASON })).toEqual({
      ok: false,
      errors: { number: "plenary.errors.notEntrant" },
    });
    await t.db.updateTable("rounds").set({ status: "open" }).where("id", "=", s.round1).execute();
    expect(await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "stop", reason: REASON })).toEqual({
      ok: false,
      errors: { _form: "plenary.errors.overrideState" },
    });
    expect(await t.db.selectFrom("round_overrides").selectAll().execute()).toEqual([]);
    expect(await audits("override.set")).toEqual([]);
  });
});

describe("decision", () => {
  it("is refused unless the round is closed", async () => {
    const s = await setup({ status: "open" });
    for (const status of ["open", "draft"] as const) {
      await t.db.updateTable("rounds").set({ status }).where("id", "=", s.round1).execute();
      expect(await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN })).toEqual({ ok: false, errors: { _form: "plenary.errors.decideState" } });
      expect((await findPlenaryRound(t.db, s.w.competitions.kipp, s.round1))?.status).toBe(status);
    }
    expect(await t.db.selectFrom("round_decisions").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("round_decision_entries").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("round_entrants").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
    expect(await audits("round.decided")).toEqual([]);
  });

  it("records the entries, hands the advancing proposals to the next round, tells no agency and audits", async () => {
    const s = await setup();
    await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "advance", reason: REASON });
    const expectedHash = inputsHash((await loadRankingInput(t.db, (await findPlenaryRound(t.db, s.w.competitions.kipp, s.round1))!)).input);
    const result = await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN, now: new Date("2025-09-01T02:00:00.000Z") });
    expect(result).toEqual({
      ok: true,
      counts: { advance: 2, stop: 2, override_advance: 1, override_stop: 0 },
      entrants: 5,
      inputsHash: expectedHash,
      nextRoundId: s.round2,
      nextEntrantsAdded: 3,
    });
    expect(expectedHash).toMatch(/^[0-9a-f]{64}$/);

    const round = await findPlenaryRound(t.db, s.w.competitions.kipp, s.round1);
    expect([round?.status, round?.decided_at]).toEqual(["decided", "2025-09-01T02:00:00.000Z"]);
    const decision = await t.db.selectFrom("round_decisions").selectAll().executeTakeFirstOrThrow();
    expect(decision).toEqual({
      round_id: s.round1,
      method: "raw_mean",
      rule_json: '{"kind":"top_n","n":2}',
      tiebreak_json: '["raw_mean","submitted_at"]',
      inputs_hash: expectedHash,
      decided_by: s.w.users.panrbAdmin,
      decided_at: "2025-09-01T02:00:00.000Z",
    });
    const entries = await t.db.selectFrom("round_decision_entries").select(["proposal_id", "rank", "score", "decision", "override_reason"]).orderBy("rank").execute();
    expect(entries.map((e) => ({ ...e, score: e.score === null ? null : Number(e.score) }))).toEqual([
      { proposal_id: s.p.p1.id, rank: 1, score: 80, decision: "advance", override_reason: null },
      { proposal_id: s.p.p3.id, rank: 2, score: 70, decision: "advance", override_reason: null },
      { proposal_id: s.p.p2.id, rank: 3, score: 65, decision: "override_advance", override_reason: REASON },
      { proposal_id: s.p.p4.id, rank: 4, score: 40, decision: "stop", override_reason: null },
      { proposal_id: s.p.p6.id, rank: 5, score: null, decision: "stop", override_reason: null },
    ]);
    const next = await t.db.selectFrom("round_entrants").select("proposal_id").where("round_id", "=", s.round2).execute();
    expect(next.map((r) => r.proposal_id).sort()).toEqual([s.p.p1.id, s.p.p2.id, s.p.p3.id].sort());
    expect(await entrantsForNextRound(t.db, s.round1)).toEqual([s.p.p1.id, s.p.p3.id, s.p.p2.id]);

    // Results stay internal until an announcement publishes them: no mail, no notification.
    expect(await t.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("notifications").selectAll().execute()).toEqual([]);

    const decided = await audits("round.decided");
    expect(decided).toHaveLength(1);
    expect([decided[0].entity_id, decided[0].organizer_id, decided[0].competition_id, JSON.parse(decided[0].before_json!)]).toEqual([
      s.round1,
      s.w.organizers.panrb,
      s.w.competitions.kipp,
      { status: "closed" },
    ]);
    expect(JSON.parse(decided[0].after_json!)).toMatchObject({
      status: "decided",
      entrants: 5,
      advance: 2,
      stop: 2,
      override_advance: 1,
      override_stop: 0,
      inputs_hash: expectedHash,
      next_round_id: s.round2,
      next_round_entrants_added: 3,
    });

    // Fixed now: no second decision, no more overrides.
    expect(await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN })).toEqual({ ok: false, errors: { _form: "plenary.errors.decideState" } });
    expect(await removeOverride(t.db, s.admin, "kipp-2025", s.round1, s.p.p2.number)).toEqual({ ok: false, errors: { _form: "plenary.errors.overrideState" } });

    // The decided page shows the recorded list, rule-based and overridden apart.
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query());
    expect(page.provisional).toBe(false);
    expect(page.decision?.ruleBased.map((e) => e.number)).toEqual([s.p.p1.number, s.p.p3.number]);
    expect(page.decision?.overridden.map((e) => [e.number, e.decision, e.reason])).toEqual([[s.p.p2.number, "override_advance", REASON]]);
  });

  it("gives a round created later the advancing proposals of the decided round before it", async () => {
    const s = await setup();
    await t.db.deleteFrom("rounds").where("id", "=", s.round2).execute();
    const result = await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN });
    expect(result.ok && [result.nextRoundId, result.nextEntrantsAdded]).toEqual([null, 0]);
    const later = await buildRound(t.db, { competitionId: s.w.competitions.kipp, position: 2, name: "Presentasi" });
    expect(await copyEntrantsFromPreviousRound(t.db, later)).toBe(2);
    const rows = await t.db.selectFrom("round_entrants").select("proposal_id").where("round_id", "=", later).execute();
    expect(rows.map((r) => r.proposal_id).sort()).toEqual([s.p.p1.id, s.p.p3.id].sort());
    // Once only.
    expect(await copyEntrantsFromPreviousRound(t.db, later)).toBe(0);
  });
});

describe("replay", () => {
  it("is identical to the recorded decision apart from the listed overrides", async () => {
    const s = await setup();
    // P2 gets a third sheet, (6,5) = 55: mean 185/3, a score no single-precision column keeps exactly.
    await addSheet(t.db, { roundId: s.round1, jurorId: s.jurors.j3, proposalId: s.p.p2.id, a: 6, b: 5 });
    await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "advance", reason: REASON });
    await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN });
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query("replay=1"));
    expect(page.replay).toMatchObject({ equal: true, hashMatches: true, differences: [] });
    expect(page.replay?.overrides).toEqual([{ number: s.p.p2.number, ruleDecision: "stop", decision: "override_advance", reason: REASON }]);
    const recorded = await t.db.selectFrom("round_decision_entries").select("score").where("proposal_id", "=", s.p.p2.id).executeTakeFirstOrThrow();
    expect(Math.fround(Number(recorded.score))).toBe(Math.fround(185 / 3));
    // Without asking, no replay is computed.
    expect((await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query())).replay).toBeNull();
  });

  it("shows every difference after a score was changed behind the decision's back, and the changed inputs hash", async () => {
    const s = await setup();
    await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "advance", reason: REASON });
    await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN });
    // P4's only sheet goes from (4,4) = 40 to (10,10) = 100.
    await t.db.updateTable("score_items").set({ value: 10 }).where("sheet_id", "=", s.sheets.p4j2).execute();
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query("replay=1"));
    expect(page.replay?.equal).toBe(false);
    expect(page.replay?.hashMatches).toBe(false);
    expect(page.replay?.differences).toEqual([
      { number: s.p.p4.number, field: "rank", recorded: 4, recomputed: 1 },
      { number: s.p.p4.number, field: "decision", recorded: "stop", recomputed: "advance" },
      { number: s.p.p1.number, field: "rank", recorded: 1, recomputed: 2 },
      { number: s.p.p3.number, field: "rank", recorded: 2, recomputed: 3 },
      { number: s.p.p3.number, field: "decision", recorded: "advance", recomputed: "stop" },
      { number: s.p.p2.number, field: "rank", recorded: 3, recomputed: 4 },
      { number: s.p.p4.number, field: "score", recorded: 40, recomputed: 100 },
    ]);
    // The page still shows the RECORDED rank and decision.
    expect(page.table.rows.map((r) => [r.rank, r.number, r.decision])).toEqual([
      [1, s.p.p1.number, "advance"],
      [2, s.p.p3.number, "advance"],
      [3, s.p.p2.number, "override_advance"],
      [4, s.p.p4.number, "stop"],
      [5, s.p.p6.number, "stop"],
    ]);
  });
});

/** normalized by its definition (issue 5), independently of the ranking module. */
function normalizedByDefinition(totals: { juror: string; proposal: string; t: number }[], proposal: string): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
  const all = totals.map((x) => x.t);
  const M = mean(all);
  const SD = sd(all);
  const zs = totals
    .filter((x) => x.proposal === proposal)
    .map((x) => {
      const own = totals.filter((y) => y.juror === x.juror).map((y) => y.t);
      return own.length >= 3 && sd(own) > 1e-9 ? (x.t - mean(own)) / sd(own) : (x.t - M) / SD;
    });
  return M + SD * mean(zs);
}

describe("export", () => {
  it("writes the exact columns in rank order at full precision (CSV), with the provisional decision before deciding", async () => {
    const s = await setup();
    await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p4.number, decision: "advance", reason: REASON });
    const file = await exportRanking(t.db, s.admin, "kipp-2025", s.round1, "csv", "id");
    expect(file.filename).toBe("kipp-2025-round-1-ranking.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const text = (await bodyText(file.body)).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("round,rank,proposal_number,agency_code,group,category,n_scores,raw_mean,normalized,median,sd,min,max,disagreement,decision,c_kebaruan,c_manfaat");
    const totals = [
      { juror: "j1", proposal: "p1", t: 80 },
      { juror: "j2", proposal: "p1", t: 80 },
      { juror: "j1", proposal: "p2", t: 60 },
      { juror: "j2", proposal: "p2", t: 70 },
      { juror: "j1", proposal: "p3", t: 90 },
      { juror: "j2", proposal: "p3", t: 50 },
      { juror: "j2", proposal: "p4", t: 40 },
    ];
    const rows = lines.slice(1, -1).map((l) => l.split(","));
    expect(lines.at(-1)).toBe("");
    expect(rows.map((r) => [...r.slice(0, 8), ...r.slice(9)])).toEqual([
      ["1", "1", s.p.p1.number, "KOTA-61.71", "umum", "transformasi_digital", "2", "80.000000", "80.000000", "0.000000", "80.000000", "80.000000", "0", "advance", "8.500000", "7.500000"],
      ["1", "2", s.p.p3.number, "KOTA-61.71", "umum", "transformasi_digital", "2", "70.000000", "70.000000", "20.000000", "50.000000", "90.000000", "1", "advance", "7.000000", "7.000000"],
      ["1", "3", s.p.p2.number, "KOTA-61.72", "umum", "pelayanan_kesehatan", "2", "65.000000", "65.000000", "5.000000", "60.000000", "70.000000", "0", "stop", "6.500000", "6.500000"],
      ["1", "4", s.p.p4.number, "KOTA-61.72", "umum", "transformasi_digital", "1", "40.000000", "40.000000", "0.000000", "40.000000", "40.000000", "0", "override_advance", "4.000000", "4.000000"],
      ["1", "5", s.p.p6.number, "KOTA-61.71", "umum", "transformasi_digital", "0", "", "", "", "", "", "0", "stop", "", ""],
    ]);
    // normalized: full precision, equal to the definition computed here.
    for (const [i, p] of (["p1", "p3", "p2", "p4"] as const).entries()) {
      const cell = rows[i][8];
      expect(cell).toMatch(/^-?\d+\.\d{6,}$/);
      expect(Number(cell)).toBeCloseTo(normalizedByDefinition(totals, p), 9);
    }
    expect(rows[4][8]).toBe("");
  });

  it("writes the same table as XLSX and the recorded decision once decided", async () => {
    const s = await setup();
    await setOverride(t.db, s.admin, "kipp-2025", s.round1, { intent: "override", number: s.p.p1.number, decision: "stop", reason: REASON });
    await decideRound(t.db, s.admin, "kipp-2025", s.round1, { origin: ORIGIN });
    const file = await exportRanking(t.db, s.admin, "kipp-2025", s.round1, "xlsx", "en");
    expect(file.filename).toBe("kipp-2025-round-1-ranking.xlsx");
    const xml = sheetXml(await bodyText(file.body));
    // Empty cells are left out of the sheet: place each by its column letter.
    const cells = [...xml.matchAll(/<row[^>]*>(.*?)<\/row>/g)].map((m) => {
      const out = new Array<string>(file.header.length).fill("");
      for (const c of m[1].matchAll(/<c r="([A-Z]+)\d+"[^>]*><is><t[^>]*>(.*?)<\/t><\/is><\/c>/g)) out[c[1].charCodeAt(0) - 65] = c[2];
      return out;
    });
    expect(cells[0]).toEqual(file.header);
    expect(cells[0]).toEqual(["round", "rank", "proposal_number", "agency_code", "group", "category", "n_scores", "raw_mean", "normalized", "median", "sd", "min", "max", "disagreement", "decision", "c_kebaruan", "c_manfaat"]);
    expect(cells.slice(1).map((r) => [r[1], r[2], r[7], r[14]])).toEqual([
      ["1", s.p.p1.number, "80.000000", "override_stop"],
      ["2", s.p.p3.number, "70.000000", "advance"],
      // The rule's seats are not refilled: stopping P1 advances nobody else.
      ["3", s.p.p2.number, "65.000000", "stop"],
      ["4", s.p.p4.number, "40.000000", "stop"],
      ["5", s.p.p6.number, "", "stop"],
    ]);
  });

  it("keeps full precision with at least 6 decimals, never in exponent notation", () => {
    expect(fullPrecision(85)).toBe("85.000000");
    expect(fullPrecision(85.5)).toBe("85.500000");
    expect(fullPrecision(1 / 3)).toBe("0.3333333333333333");
    expect(fullPrecision(-2.25)).toBe("-2.250000");
    expect(fullPrecision(1.5e-14)).toBe("0.000000000000015");
    expect(fullPrecision(null)).toBe("");
  });
});

describe("permissions", () => {
  it("lets the edition's organizer (PANRB) in and keeps everyone else out, with scored data present", async () => {
    const s = await setup();
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const juror = await actorOf(t.db, s.w.users.evaluator);
    const agency = await actorOf(t.db, s.w.users.adminLokal);
    const platform = await actorOf(t.db, s.w.users.platformAdmin);
    const page = await getResultsPage(t.db, s.admin, "kipp-2025", s.round1, query());
    expect(page.table.rows).toHaveLength(5);
    for (const who of [kalbar, juror, agency, platform]) {
      const status = async (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Response ? e.status : 500));
      expect(await status(getResultsPage(t.db, who, "kipp-2025", s.round1, query()))).toBe(403);
      expect(await status(exportRanking(t.db, who, "kipp-2025", s.round1, "csv", "id"))).toBe(403);
      expect(await status(setOverride(t.db, who, "kipp-2025", s.round1, { intent: "override", number: s.p.p2.number, decision: "advance", reason: REASON }))).toBe(403);
      expect(await status(removeOverride(t.db, who, "kipp-2025", s.round1, s.p.p2.number))).toBe(403);
      expect(await status(decideRound(t.db, who, "kipp-2025", s.round1, { origin: ORIGIN }))).toBe(403);
    }
    expect(await t.db.selectFrom("round_overrides").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("round_decisions").selectAll().execute()).toEqual([]);
    // A round id of another edition is unknown here, even to the organizer of this one.
    const otherRound = await buildRound(t.db, { competitionId: s.w.competitions.sivablik, position: 1 });
    await expect(getResultsPage(t.db, s.admin, "kipp-2025", otherRound, query())).rejects.toMatchObject({ status: 404 });
    const kalbarActor = await actorOf(t.db, s.w.users.kalbarAdmin);
    await expect(getResultsPage(t.db, kalbarActor, "sivablik-2025", s.round1, query())).rejects.toMatchObject({ status: 404 });
    await expect(getResultsPage(t.db, s.admin, "no-such-edition", s.round1, query())).rejects.toMatchObject({ status: 404 });
  });

  it("lets a second PANRB admin in as well", async () => {
    const s = await setup();
    const other = await buildUser(t.db, { email: "kedua@menpan.test", name: "Dewi", password: PASSWORD, roles: [{ role: "organizer_admin", organizerId: s.w.organizers.panrb }] });
    const page = await getResultsPage(t.db, await actorOf(t.db, other), "kipp-2025", s.round1, query());
    expect(page.table.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  });
});
