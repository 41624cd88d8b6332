/**
 * Juror scoring: drafts, autosave with optimistic concurrency, submission
 * rules, editing until the round closes, access (only the juror's own
 * assignment in that round), blind rounds and score visibility. Data that
 * could leak (another juror's sheet, another round, another edition, a
 * conflicted proposal) is present in every test.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { blindLabel, getScorePage, saveScoreSheet, type SaveSheetResult } from "~/services/scoring.server";
import { getJurorAssignments } from "~/services/juror-views.server";
import { parseScoreValue, parseSheetInput, scaleValues } from "~/schemas/scoring";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildUser, buildWorld } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const t = useTestDb();

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await p;
    return { status: 200, body: null };
  } catch (e) {
    if (e instanceof Response) {
      const text = await e.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // plain text
      }
      return { status: e.status, body };
    }
    throw e;
  }
}

async function assign(db: DB, roundId: string, jurorId: string, proposalId: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("assignments")
    .values({
      id,
      round_id: roundId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source: "auto",
      expertise_match: 1,
      run_id: null,
      created_by: null,
      created_at: "2025-08-01T01:00:00.000Z",
      opened_at: null,
      completed_at: null,
    })
    .execute();
  return id;
}

/** kebaruan 0–100 step 5 (w 15), signifikansi 1–5 (w 30, levels: radio), adaptabilitas 0–10 step 0.5 (w 5). */
async function rubric(db: DB, roundId: string) {
  const rows = [
    { key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 15, scale_min: 0, scale_max: 100, scale_step: 5, levels_json: "[]", position: 1 },
    {
      key: "signifikansi",
      name_id: "Signifikansi",
      name_en: "Significance",
      weight: 30,
      scale_min: 1,
      scale_max: 5,
      scale_step: 1,
      levels_json: JSON.stringify([
        { score: 1, id: "Tidak berdampak", en: "No impact" },
        { score: 5, id: "Berdampak luas dan terukur", en: "Broad, measured impact" },
      ]),
      position: 2,
    },
    { key: "adaptabilitas", name_id: "Adaptabilitas", name_en: "Adaptability", weight: 5, scale_min: 0, scale_max: 10, scale_step: 0.5, levels_json: "[]", position: 3 },
  ];
  for (const r of rows) await db.insertInto("round_criteria").values({ id: newId(), round_id: roundId, ...r }).execute();
}

async function setRound(db: DB, roundId: string, set: { status?: "draft" | "open" | "closed" | "decided"; blind?: number; score_visibility?: "never" | "after_submit" | "always" }) {
  await db.updateTable("rounds").set(set).where("id", "=", roundId).execute();
}

/**
 * KIPP: proposals p0..p3 (p0, p1 of Pontianak, p2, p3 of Singkawang) with
 * identity fields; jurors A (the world's evaluator), B and C; round 1 (open,
 * rubric) with A on p0, p1, p2, p3 (p3 conflicted), B and C on p0; round 2
 * (open, rubric) with B on p1 only. Sivablik: its own juror, round and
 * proposal.
 */
async function scene() {
  const db = t.db;
  const w = await buildWorld(db);
  const e = await buildEdition(db, w.competitions.kipp);
  const ps = await buildScreenedProposals(db, e, [
    { agencyId: w.agencies.pontianak, title: "Layanan Adminduk Keliling" },
    { agencyId: w.agencies.pontianak, title: "Sapa Warga Digital" },
    { agencyId: w.agencies.singkawang, title: "Posyandu Pintar" },
    { agencyId: w.agencies.singkawang, title: "Izin Usaha Kilat" },
  ]);
  await db
    .updateTable("proposals")
    .set({ service_unit: "Disdukcapil Kota Pontianak", innovator_names: "Rahmat Hidayat", contact_email: "rahmat@pontianak.go.id", contact_name: "Rahmat" })
    .where("id", "=", ps[0].id)
    .execute();
  await db.insertInto("proposal_answers").values({ proposal_id: ps[0].id, section_key: "ringkasan", body: "Layanan jemput bola dokumen kependudukan." }).execute();
  const userB = await buildUser(db, { email: "evaluator2@juri.test", name: "Dewi", password: "demo-sayembara", roles: [] });
  const userC = await buildUser(db, { email: "evaluator3@juri.test", name: "Bambang", password: "demo-sayembara", roles: [] });
  const jA = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const jB = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator2@juri.test", name: "Dewi", userId: userB });
  const jC = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator3@juri.test", name: "Bambang", userId: userC });
  const r1 = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 3 });
  const r2 = await buildRound(db, { competitionId: w.competitions.kipp, position: 2, name: "Penilaian ulang", k: 1 });
  await rubric(db, r1);
  await rubric(db, r2);
  await setRound(db, r1, { status: "open" });
  await setRound(db, r2, { status: "open" });
  const a = {
    A0: await assign(db, r1, jA, ps[0].id),
    A1: await assign(db, r1, jA, ps[1].id),
    A2: await assign(db, r1, jA, ps[2].id),
    A3: await assign(db, r1, jA, ps[3].id),
    B0: await assign(db, r1, jB, ps[0].id),
    C0: await assign(db, r1, jC, ps[0].id),
    B1r2: await assign(db, r2, jB, ps[1].id),
  };
  await db
    .insertInto("conflicts")
    .values({ id: newId(), competition_id: w.competitions.kipp, juror_id: jA, proposal_id: ps[3].id, source: "juror", reason: "Kerabat", declared_by: null, created_at: "2025-08-02T01:00:00.000Z", dismissed_by: null, dismissed_reason: null, dismissed_at: null })
    .execute();
  // Sivablik.
  const es = await buildEdition(db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(db, es, [{ agencyId: w.agencies.pontianak, title: "Inovasi Sivablik" }]);
  const sivUser = await buildUser(db, { email: "juri@sivablik.test", name: "Rudi", password: "demo-sayembara", roles: [] });
  const jS = await buildJuror(db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: sivUser });
  const rs = await buildRound(db, { competitionId: w.competitions.sivablik, position: 1 });
  await rubric(db, rs);
  await setRound(db, rs, { status: "open" });
  const sA = await assign(db, rs, jS, sp.id);
  const A = await actorOf(db, w.users.evaluator);
  const B = await actorOf(db, userB);
  const C = await actorOf(db, userC);
  return { db, w, e, ps, jA, jB, jC, r1, r2, rs, sp, sA, a, A, B, C, sivUser };
}

type Scene = Awaited<ReturnType<typeof scene>>;

const FULL = { score_kebaruan: "70", score_signifikansi: "4", score_adaptabilitas: "7,5", comment_kebaruan: "Ide baru di tingkat kota", overall: "Layak lanjut" };

function target(s: Scene, i: number, roundId = s.r1) {
  return { slug: "kipp-2025", roundId, number: s.ps[i].number };
}

async function sheetOf(db: DB, assignmentId: string) {
  return db.selectFrom("score_sheets").selectAll().where("assignment_id", "=", assignmentId).executeTakeFirst();
}

async function itemsOf(db: DB, sheetId: string) {
  const rows = await db.selectFrom("score_items").select(["criterion_key", "value", "comment"]).where("sheet_id", "=", sheetId).orderBy("criterion_key").execute();
  return rows.map((r) => [r.criterion_key, r.value === null ? null : Number(r.value), r.comment]);
}

async function scoreAudits(db: DB) {
  const rows = await db.selectFrom("audit_log").select(["action", "entity_id", "competition_id", "organizer_id", "after_json", "before_json"]).where("action", "like", "score%").orderBy("at").execute();
  return rows;
}

function ok(r: SaveSheetResult) {
  if (!r.ok) throw new Error(`not saved: ${JSON.stringify(r)}`);
  return r;
}

// ---------------------------------------------------------------------------

describe("the score form's rules", () => {
  it("parses values (decimal comma) and lists scale values only for short scales", () => {
    expect([parseScoreValue("7,5"), parseScoreValue(" 80 "), parseScoreValue(""), parseScoreValue("8o"), parseScoreValue("1e3")]).toEqual([7.5, 80, null, "invalid", "invalid"]);
    expect(scaleValues({ min: 1, max: 5, step: 1 })).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues({ min: 0, max: 1, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(scaleValues({ min: 0, max: 100, step: 5 })).toBeNull();
  });

  it("checks every criterion on submit: missing, not a number, out of scale, off step", () => {
    const criteria = [
      { key: "a", min: 0, max: 100, step: 5 },
      { key: "b", min: 1, max: 5, step: 1 },
      { key: "c", min: 0, max: 10, step: 0.5 },
      { key: "d", min: 0, max: 1, step: 0.1 },
    ];
    const r = parseSheetInput({ version: "0", score_a: "72", score_b: "6", score_c: "", score_d: "0.3" }, criteria, "submit");
    expect(r).toEqual({
      ok: false,
      errors: { score_a: "scoring.sheet.errors.offStep", score_b: "scoring.sheet.errors.outOfScale", score_c: "scoring.sheet.errors.required" },
    });
    // A draft accepts gaps and any number; only text that is not a number is refused.
    expect(parseSheetInput({ version: "0", score_a: "72", score_b: "6", score_c: "x" }, criteria, "draft")).toEqual({
      ok: false,
      errors: { score_c: "scoring.sheet.errors.notNumber" },
    });
  });

  it("labels a blind proposal by position, showing the number only when it cannot name the agency", () => {
    expect(blindLabel("KIPP2025-000123", 12, { numberPrefix: "KIPP2025", agencyCode: "KOTA-61.71" })).toEqual({ position: 12, number: "KIPP2025-000123" });
    expect(blindLabel("KOTA-61.71/2025/007", 3, { numberPrefix: "KIPP2025", agencyCode: "KOTA-61.71" })).toEqual({ position: 3, number: null });
    expect(blindLabel("KIPP2025-6171-007", 4, { numberPrefix: "KIPP2025", agencyCode: "KOTA-61.71" })).toEqual({ position: 4, number: null });
  });
});

describe("saving a draft", () => {
  it("creates the sheet on the first save, versioned, not audited, not completed", async () => {
    const s = await scene();
    const r = ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", score_kebaruan: "70", comment_kebaruan: "Menarik", overall: "" }, "draft", new Date("2025-08-10T03:00:00Z")));
    expect([r.version, r.status, r.total, r.savedAt]).toEqual([1, "draft", null, "2025-08-10T03:00:00.000Z"]);
    const sheet = await sheetOf(s.db, s.a.A0);
    expect([sheet?.status, sheet?.source, Number(sheet?.version), sheet?.submitted_at, sheet?.juror_id, sheet?.round_id]).toEqual(["draft", "web", 1, null, s.jA, s.r1]);
    expect(await itemsOf(s.db, sheet!.id)).toEqual([
      ["adaptabilitas", null, ""],
      ["kebaruan", 70, "Menarik"],
      ["signifikansi", null, ""],
    ]);
    // A second save moves the version on.
    const r2 = ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "1", score_kebaruan: "75", score_signifikansi: "3" }, "draft"));
    expect([r2.version, r2.sheetId]).toEqual([2, sheet!.id]);
    const done = await s.db.selectFrom("assignments").select("completed_at").where("id", "=", s.a.A0).executeTakeFirstOrThrow();
    expect(done.completed_at).toBeNull();
    expect(await scoreAudits(s.db)).toEqual([]);
    // Drafts stay out of the juror's progress; the list shows the draft.
    const list = await getJurorAssignments(s.db, s.A, "kipp-2025");
    expect(list.rounds[0].sheets).toEqual({ [s.ps[0].number]: "draft" });
    expect(list.rounds[0].progress.completed).toBe(0);
  });

  it("autosaves by assignment, then by sheet id; a stale version is a conflict and writes nothing", async () => {
    const s = await scene();
    const first = ok(await saveScoreSheet(s.db, s.A, { assignmentId: s.a.A0 }, { version: "0", score_kebaruan: "60" }, "autosave"));
    const second = ok(await saveScoreSheet(s.db, s.A, { sheetId: first.sheetId }, { version: "1", score_kebaruan: "65" }, "autosave"));
    expect([first.version, second.version]).toEqual([1, 2]);
    // Another tab still at version 1.
    const stale = await saveScoreSheet(s.db, s.A, { sheetId: first.sheetId }, { version: "1", score_kebaruan: "90", overall: "tab lama" }, "autosave");
    expect(stale).toEqual({
      ok: false,
      reason: "conflict",
      version: 2,
      savedAt: expect.any(String),
      theirs: {
        version: "2",
        overall: "",
        score_adaptabilitas: "",
        comment_adaptabilitas: "",
        score_kebaruan: "65",
        comment_kebaruan: "",
        score_signifikansi: "",
        comment_signifikansi: "",
      },
    });
    // A second tab creating the sheet again (version 0) is a conflict too.
    const again = await saveScoreSheet(s.db, s.A, { assignmentId: s.a.A0 }, { version: "0", score_kebaruan: "90" }, "autosave");
    expect(again.ok ? "saved" : again.reason).toBe("conflict");
    const sheet = await sheetOf(s.db, s.a.A0);
    expect([Number(sheet?.version), await itemsOf(s.db, sheet!.id)]).toEqual([2, [["adaptabilitas", null, ""], ["kebaruan", 65, ""], ["signifikansi", null, ""]]]);
  });

  it("refuses a draft with a value that is not a number", async () => {
    const s = await scene();
    const r = await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", score_kebaruan: "tujuh puluh" }, "draft");
    expect(r).toEqual({ ok: false, reason: "invalid", errors: { score_kebaruan: "scoring.sheet.errors.notNumber" } });
    expect(await sheetOf(s.db, s.a.A0)).toBeUndefined();
  });
});

describe("submitting", () => {
  it("refuses missing, out-of-scale and off-step scores at their fields and writes nothing", async () => {
    const s = await scene();
    const r = await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", score_kebaruan: "72", score_signifikansi: "6", score_adaptabilitas: "" }, "submit");
    expect(r).toEqual({
      ok: false,
      reason: "invalid",
      errors: {
        score_kebaruan: "scoring.sheet.errors.offStep",
        score_signifikansi: "scoring.sheet.errors.outOfScale",
        score_adaptabilitas: "scoring.sheet.errors.required",
      },
    });
    expect(await sheetOf(s.db, s.a.A0)).toBeUndefined();
    expect(await scoreAudits(s.db)).toEqual([]);
  });

  it("sets submitted, submitted_at and completed_at, and audits the total", async () => {
    const s = await scene();
    const at = new Date("2025-08-11T02:30:00Z");
    const r = ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL }, "submit", at));
    // T = 100 · (15·0.70 + 30·0.75 + 5·0.75) / 50 = 73.5
    expect([r.status, r.version, r.total]).toEqual(["submitted", 1, 73.5]);
    const sheet = await sheetOf(s.db, s.a.A0);
    expect([sheet?.status, sheet?.submitted_at, sheet?.overall_comment]).toEqual(["submitted", "2025-08-11T02:30:00.000Z", "Layak lanjut"]);
    const asg = await s.db.selectFrom("assignments").select(["completed_at"]).where("id", "=", s.a.A0).executeTakeFirstOrThrow();
    expect(asg.completed_at).toBe("2025-08-11T02:30:00.000Z");
    const audits = await scoreAudits(s.db);
    expect(audits.map((x) => [x.action, x.entity_id, x.competition_id, x.organizer_id])).toEqual([["score.submitted", sheet!.id, s.w.competitions.kipp, s.w.organizers.panrb]]);
    const after = JSON.parse(audits[0].after_json ?? "{}");
    expect([after.total, after.proposal, after.items.adaptabilitas.value]).toEqual([73.5, s.ps[0].number, 7.5]);
    const list = await getJurorAssignments(s.db, s.A, "kipp-2025");
    expect([list.rounds[0].sheets, list.rounds[0].progress.completed]).toEqual([{ [s.ps[0].number]: "submitted" }, 1]);
  });

  it("edits of a submitted sheet stay submitted, re-validate and are audited; autosave leaves it alone", async () => {
    const s = await scene();
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL }, "submit", new Date("2025-08-11T02:30:00Z")));
    // "Simpan" (a draft save) of a submitted sheet is checked as a submission.
    const bad = await saveScoreSheet(s.db, s.A, target(s, 0), { version: "1", ...FULL, score_kebaruan: "" }, "draft");
    expect(bad).toEqual({ ok: false, reason: "invalid", errors: { score_kebaruan: "scoring.sheet.errors.required" } });
    expect((await saveScoreSheet(s.db, s.A, target(s, 0), { version: "1", ...FULL }, "autosave")).ok ? "saved" : "refused").toBe("refused");
    const r = ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "1", ...FULL, score_kebaruan: "90" }, "draft", new Date("2025-08-12T02:30:00Z")));
    expect([r.status, r.version]).toEqual(["submitted", 2]);
    const asg = await s.db.selectFrom("assignments").select(["completed_at"]).where("id", "=", s.a.A0).executeTakeFirstOrThrow();
    expect(asg.completed_at).toBe("2025-08-11T02:30:00.000Z");
    const audits = await scoreAudits(s.db);
    expect(audits.map((x) => x.action)).toEqual(["score.submitted", "score.updated"]);
    expect([JSON.parse(audits[1].before_json ?? "{}").total, JSON.parse(audits[1].after_json ?? "{}").total]).toEqual([73.5, 79.5]);
  });

  it("can be edited until the round closes, then the page is read-only and saving is refused", async () => {
    const s = await scene();
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL }, "submit"));
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "1", ...FULL, score_signifikansi: "5" }, "submit"));
    await setRound(s.db, s.r1, { status: "closed" });
    expect(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "2", ...FULL }, "submit")).toEqual({ ok: false, reason: "closed" });
    expect(await saveScoreSheet(s.db, s.A, target(s, 1), { version: "0", score_kebaruan: "5" }, "autosave")).toEqual({ ok: false, reason: "closed" });
    const page = await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number);
    expect([page.editable, page.readOnlyReason, page.sheet?.status, page.values.score_signifikansi]).toEqual([false, "notOpen", "submitted", "5"]);
    // A round not opened yet is read-only too.
    await setRound(s.db, s.r1, { status: "draft" });
    expect(await saveScoreSheet(s.db, s.A, target(s, 1), { version: "0", score_kebaruan: "5" }, "draft")).toEqual({ ok: false, reason: "closed" });
  });

  it("save and next goes to the next unsubmitted assignment in list order, wrapping around", async () => {
    const s = await scene();
    // A's list in round 1: p0, p1, p2 (p3 conflicted).
    const r0 = ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL }, "submit"));
    expect(r0.next).toBe(s.ps[1].number);
    ok(await saveScoreSheet(s.db, s.A, target(s, 2), { version: "0", ...FULL }, "submit"));
    const r1 = ok(await saveScoreSheet(s.db, s.A, target(s, 1), { version: "0", score_kebaruan: "50" }, "draft"));
    expect(r1.next).toBeNull();
    const again = ok(await saveScoreSheet(s.db, s.A, target(s, 2), { version: "1", ...FULL }, "submit"));
    expect(again.next).toBe(s.ps[1].number);
  });
});

describe("access", () => {
  it("opens the juror's own assignment only: 404 for another's, another round's, a conflicted one; 403 outside the jury", async () => {
    const s = await scene();
    ok(await saveScoreSheet(s.db, s.B, target(s, 1, s.r2), { version: "0", ...FULL }, "submit"));
    const page = await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number);
    expect([page.proposal.number, page.round.id, page.criteria.map((c) => [c.key, c.choices?.length ?? null])]).toEqual([
      s.ps[0].number,
      s.r1,
      [
        ["kebaruan", null],
        ["signifikansi", 5],
        ["adaptabilitas", null],
      ],
    ]);
    // B's assignment in round 2 (A holds p1 only in round 1) and a proposal A never had.
    expect(await status(getScorePage(s.db, s.A, "kipp-2025", s.r2, s.ps[1].number))).toBe(404);
    expect(await status(getScorePage(s.db, s.B, "kipp-2025", s.r1, s.ps[1].number))).toBe(404);
    expect(await status(getScorePage(s.db, s.A, "kipp-2025", s.r1, "KIPP2025-999999"))).toBe(404);
    // A round of another edition under this edition's slug, and that edition's proposal.
    expect(await status(getScorePage(s.db, s.A, "kipp-2025", s.rs, s.sp.number))).toBe(404);
    // Conflicted: 404 that says why.
    expect(await refusal(getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[3].number))).toEqual({ status: 404, body: { reason: "conflict", slug: "kipp-2025" } });
    expect(await status(saveScoreSheet(s.db, s.A, target(s, 3), { version: "0", ...FULL }, "submit"))).toBe(404);
    // Not an active juror of the edition: the Sivablik juror, the organizer, an Admin Lokal.
    const siv = await actorOf(s.db, s.sivUser);
    expect(await status(getScorePage(s.db, siv, "kipp-2025", s.r1, s.ps[0].number))).toBe(403);
    for (const u of [s.w.users.panrbAdmin, s.w.users.adminLokal, s.w.users.kalbarAdmin]) {
      expect(await status(getScorePage(s.db, await actorOf(s.db, u), "kipp-2025", s.r1, s.ps[0].number))).toBe(403);
    }
    expect(await status(getScorePage(s.db, s.A, "tidak-ada", s.r1, s.ps[0].number))).toBe(404);
    // The Sivablik juror opens their own.
    expect(await status(getScorePage(s.db, siv, "sivablik-2025", s.rs, s.sp.number))).toBe(200);
    // By id (autosave): B's sheet and Sivablik's assignment are not A's.
    const bSheet = await s.db.selectFrom("score_sheets").select("id").where("assignment_id", "=", s.a.B1r2).executeTakeFirstOrThrow();
    expect(await status(saveScoreSheet(s.db, s.A, { sheetId: bSheet.id }, { version: "1", ...FULL }, "autosave"))).toBe(404);
    expect(await status(saveScoreSheet(s.db, s.A, { assignmentId: s.sA }, { version: "0", ...FULL }, "autosave"))).toBe(404);
    expect(await status(saveScoreSheet(s.db, s.A, { assignmentId: s.a.B0 }, { version: "0", ...FULL }, "autosave"))).toBe(404);
    // Nothing of B's was touched.
    const b = await s.db.selectFrom("score_sheets").select(["version"]).where("id", "=", bSheet.id).executeTakeFirstOrThrow();
    expect(Number(b.version)).toBe(1);
    // A withdrawn juror loses access.
    await s.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.jA).execute();
    expect(await status(getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number))).toBe(403);
  });

  it("stamps the assignment opened on the first visit", async () => {
    const s = await scene();
    await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number, new Date("2025-08-09T01:00:00Z"));
    const rows = await s.db.selectFrom("assignments").select(["id", "opened_at"]).where("proposal_id", "=", s.ps[0].id).orderBy("id").execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.opened_at]))).toEqual({
      [s.a.A0]: "2025-08-09T01:00:00.000Z",
      [s.a.B0]: null,
      [s.a.C0]: null,
    });
  });
});

describe("blind rounds", () => {
  it("send no identity to the page: agency, innovators, contact, service unit and file names stay on the server", async () => {
    const s = await scene();
    await s.db
      .insertInto("proposal_files")
      .values({ id: newId(), proposal_id: s.ps[0].id, slot_key: "sk_inovator", storage: "local", storage_key: "x", original_name: "SK Walikota Pontianak.pdf", mime_type: "application/pdf", size_bytes: 1000, sha256: "0", uploaded_by: null, created_at: "2025-05-01T00:00:00.000Z" })
      .execute();
    const open = await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number);
    expect([open.proposal.identity?.agencyName, open.proposal.identity?.innovatorNames, open.proposal.files.map((f) => f.name)]).toEqual([
      "Pemerintah Kota Pontianak",
      "Rahmat Hidayat",
      ["SK Walikota Pontianak.pdf"],
    ]);
    await setRound(s.db, s.r1, { blind: 1 });
    const page = await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number);
    expect([page.round.blind, page.proposal.identity, page.proposal.label, page.proposal.files.map((f) => [f.name, f.nth])]).toEqual([
      true,
      null,
      { position: 1, number: s.ps[0].number },
      [[null, 1]],
    ]);
    const text = JSON.stringify(page);
    for (const secret of ["Pontianak", "KOTA-61.71", "Rahmat", "rahmat@pontianak.go.id", "Disdukcapil"]) expect(text).not.toContain(secret);
    expect(text).toContain("Layanan jemput bola dokumen kependudukan.");
  });
});

describe("other jurors' scores", () => {
  it("follow the round's visibility: never, after the juror's own submission, always; drafts never", async () => {
    const s = await scene();
    // B submits p0 (total 73.5); C keeps a draft.
    ok(await saveScoreSheet(s.db, s.B, target(s, 0), { version: "0", ...FULL }, "submit", new Date("2025-08-11T01:00:00Z")));
    ok(await saveScoreSheet(s.db, s.C, target(s, 0), { version: "0", score_kebaruan: "100" }, "draft"));
    // B's round-2 sheet on p1 (a round A is not in for p1).
    ok(await saveScoreSheet(s.db, s.B, target(s, 1, s.r2), { version: "0", ...FULL }, "submit"));

    expect((await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number)).others).toBeNull();
    await setRound(s.db, s.r1, { score_visibility: "after_submit" });
    expect((await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number)).others).toBeNull();
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL, score_kebaruan: "100" }, "submit"));
    expect((await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number)).others).toEqual([
      { label: "A", total: 73.5, submittedAt: "2025-08-11T01:00:00.000Z" },
    ]);
    // p1 in round 1: A has no submission there, and B's round-2 sheet never shows.
    await setRound(s.db, s.r1, { score_visibility: "always" });
    expect((await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[1].number)).others).toEqual([]);
    // Always: C (draft only) sees A's and B's totals, anonymised.
    const forC = await getScorePage(s.db, s.C, "kipp-2025", s.r1, s.ps[0].number);
    expect(forC.others?.map((o) => o.total).sort()).toEqual([73.5, 82.5]);
    expect(JSON.stringify(forC.others)).not.toMatch(/Eko|Dewi|evaluator/);
    // A conflicted proposal shows nothing at all.
    expect(await status(getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[3].number))).toBe(404);
  });
});

describe("the field-verification checklist on the score page", () => {
  /** Round 3 of KIPP: a field round (open, rubric) with two checklist items; A on p0 and p1; B on p0. */
  async function fieldScene() {
    const s = await scene();
    const rf = await buildRound(s.db, { competitionId: s.w.competitions.kipp, position: 3, name: "Verifikasi lapangan", kind: "field", k: 1 });
    await rubric(s.db, rf);
    await setRound(s.db, rf, { status: "open" });
    await s.db
      .insertInto("field_checklist_items")
      .values([
        { id: newId(), round_id: rf, key: "dokumen", label_id: "Dokumen SK sesuai", label_en: "Decree documents match", position: 2 },
        { id: newId(), round_id: rf, key: "lokasi", label_id: "Lokasi layanan dikunjungi", label_en: "Service site visited", position: 1 },
      ])
      .execute();
    const fA0 = await assign(s.db, rf, s.jA, s.ps[0].id);
    await assign(s.db, rf, s.jA, s.ps[1].id);
    await assign(s.db, rf, s.jB, s.ps[0].id);
    return { ...s, rf, fA0 };
  }

  async function answersOf(db: DB, sheetId: string) {
    const rows = await db.selectFrom("field_checklist_answers").select(["item_key", "checked", "note"]).where("sheet_id", "=", sheetId).orderBy("item_key").execute();
    return rows.map((r) => [r.item_key, Number(r.checked), r.note]);
  }

  it("shows the items in order, saves a draft and an autosave with it, and reloads the answers", async () => {
    const s = await fieldScene();
    const page0 = await getScorePage(s.db, s.A, "kipp-2025", s.rf, s.ps[0].number);
    expect([page0.round.kind, page0.editable, page0.checklist]).toEqual([
      "field",
      true,
      [
        { key: "lokasi", labelId: "Lokasi layanan dikunjungi", labelEn: "Service site visited" },
        { key: "dokumen", labelId: "Dokumen SK sesuai", labelEn: "Decree documents match" },
      ],
    ]);
    expect(Object.keys(page0.values).filter((k) => k.startsWith("check")).sort()).toEqual(["checknote_dokumen", "checknote_lokasi"]);

    const draft = ok(
      await saveScoreSheet(
        s.db,
        s.A,
        target(s, 0, s.rf),
        { version: "0", checklist: "1", check_lokasi: "1", checknote_lokasi: "  Dikunjungi 12 Agustus, petugas ada  ", checknote_dokumen: "", score_kebaruan: "60", check_unknown: "1" },
        "draft",
      ),
    );
    expect(await answersOf(s.db, draft.sheetId)).toEqual([
      ["dokumen", 0, ""],
      ["lokasi", 1, "Dikunjungi 12 Agustus, petugas ada"],
    ]);
    const page1 = await getScorePage(s.db, s.A, "kipp-2025", s.rf, s.ps[0].number);
    expect([page1.values.check_lokasi, page1.values.check_dokumen, page1.values.checknote_lokasi, page1.values.checknote_dokumen, page1.values.score_kebaruan]).toEqual([
      "1",
      undefined,
      "Dikunjungi 12 Agustus, petugas ada",
      "",
      "60",
    ]);

    // Autosave posts the whole form: the answers follow it (lokasi unticked, dokumen ticked).
    const auto = ok(await saveScoreSheet(s.db, s.A, { sheetId: draft.sheetId }, { version: "1", checklist: "1", check_dokumen: "1", checknote_dokumen: "SK No. 12/2024" }, "autosave"));
    expect(auto.version).toBe(2);
    expect(await answersOf(s.db, draft.sheetId)).toEqual([
      ["dokumen", 1, "SK No. 12/2024"],
      ["lokasi", 0, ""],
    ]);
    // A post without the checklist marker (no checklist in the form) leaves the answers alone.
    ok(await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "2", score_kebaruan: "65" }, "draft"));
    expect(await answersOf(s.db, draft.sheetId)).toEqual([
      ["dokumen", 1, "SK No. 12/2024"],
      ["lokasi", 0, ""],
    ]);
    // Drafts are not audited; B's sheet on the same proposal is untouched.
    expect(await scoreAudits(s.db)).toEqual([]);
    expect(await s.db.selectFrom("field_checklist_answers").select("sheet_id").where("sheet_id", "!=", draft.sheetId).execute()).toEqual([]);
  });

  it("requires nothing of the checklist to submit, audits the answers, refuses an over-long note at its field", async () => {
    const s = await fieldScene();
    const bad = await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "0", ...FULL, score_kebaruan: "", checklist: "1", checknote_dokumen: "x".repeat(4001) }, "submit");
    expect(bad).toEqual({ ok: false, reason: "invalid", errors: { score_kebaruan: "scoring.sheet.errors.required", checknote_dokumen: "scoring.sheet.errors.commentTooLong" } });
    expect(await sheetOf(s.db, s.fA0)).toBeUndefined();

    // Nothing ticked: the submission stands (the score is the rubric).
    const r = ok(await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "0", ...FULL, checklist: "1" }, "submit", new Date("2025-09-01T02:00:00Z")));
    expect([r.status, r.total]).toEqual(["submitted", 73.5]);
    expect(await answersOf(s.db, r.sheetId)).toEqual([
      ["dokumen", 0, ""],
      ["lokasi", 0, ""],
    ]);
    // An edit of the submitted sheet ticks one; both audits carry the answers.
    ok(await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "1", ...FULL, checklist: "1", check_lokasi: "1", checknote_lokasi: "Sesuai" }, "submit"));
    const audits = await scoreAudits(s.db);
    expect(audits.map((x) => x.action)).toEqual(["score.submitted", "score.updated"]);
    expect(JSON.parse(audits[0].after_json ?? "{}").checklist).toEqual({ lokasi: { checked: false, note: "" }, dokumen: { checked: false, note: "" } });
    expect([JSON.parse(audits[1].before_json ?? "{}").checklist.lokasi, JSON.parse(audits[1].after_json ?? "{}").checklist.lokasi]).toEqual([
      { checked: false, note: "" },
      { checked: true, note: "Sesuai" },
    ]);
    // A desk round's audit has no checklist entry.
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL }, "submit"));
    const desk = (await scoreAudits(s.db)).map((x) => JSON.parse(x.after_json ?? "{}") as { round: number }).filter((x) => x.round === 1);
    expect([desk.length, "checklist" in desk[0]]).toEqual([1, false]);
  });

  it("is shown read-only after the round closes, and saving is refused", async () => {
    const s = await fieldScene();
    ok(await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "0", ...FULL, checklist: "1", check_lokasi: "1", checknote_lokasi: "Sesuai" }, "submit"));
    await setRound(s.db, s.rf, { status: "closed" });
    const page = await getScorePage(s.db, s.A, "kipp-2025", s.rf, s.ps[0].number);
    expect([page.editable, page.readOnlyReason, page.checklist?.map((i) => i.key), page.values.check_lokasi, page.values.checknote_lokasi, page.values.check_dokumen]).toEqual([
      false,
      "notOpen",
      ["lokasi", "dokumen"],
      "1",
      "Sesuai",
      undefined,
    ]);
    expect(await saveScoreSheet(s.db, s.A, target(s, 0, s.rf), { version: "1", ...FULL, checklist: "1" }, "submit")).toEqual({ ok: false, reason: "closed" });
    const sheet = await sheetOf(s.db, s.fA0);
    expect(await answersOf(s.db, sheet!.id)).toEqual([
      ["dokumen", 0, ""],
      ["lokasi", 1, "Sesuai"],
    ]);
  });

  it("is absent from a desk round, whose saves never write answers", async () => {
    const s = await fieldScene();
    const page = await getScorePage(s.db, s.A, "kipp-2025", s.r1, s.ps[0].number);
    expect([page.round.kind, page.checklist, Object.keys(page.values).some((k) => k.startsWith("check"))]).toEqual(["desk", null, false]);
    ok(await saveScoreSheet(s.db, s.A, target(s, 0), { version: "0", ...FULL, checklist: "1", check_lokasi: "1", checknote_lokasi: "x" }, "submit"));
    expect(await s.db.selectFrom("field_checklist_answers").select("sheet_id").execute()).toEqual([]);
  });
});
