/**
 * Paper score sheets by CSV: the dry run reports every problem by line and
 * writes nothing; apply needs the checked file (same hash), is all or
 * nothing, writes submitted sheets with source "import" and one audit row.
 * Only the edition's organizer ("scoring.manage"), only while the round is
 * open or closed. Another edition's jurors and proposals are present.
 */
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { getScoreImportPage, importScoresCsv, sha256Hex, type ScoreImportResult } from "~/services/score-import.server";
import { saveScoreSheet } from "~/services/scoring.server";
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

async function assign(db: DB, roundId: string, jurorId: string, proposalId: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("assignments")
    .values({ id, round_id: roundId, juror_id: jurorId, proposal_id: proposalId, source: "auto", expertise_match: 1, run_id: null, created_by: null, created_at: "2025-08-01T01:00:00.000Z", opened_at: null, completed_at: null })
    .execute();
  return id;
}

async function rubric(db: DB, roundId: string) {
  await db
    .insertInto("round_criteria")
    .values([
      { id: newId(), round_id: roundId, key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 40, scale_min: 0, scale_max: 100, scale_step: 5, position: 1 },
      { id: newId(), round_id: roundId, key: "signifikansi", name_id: "Signifikansi", name_en: "Significance", weight: 60, scale_min: 1, scale_max: 5, scale_step: 1, position: 2 },
    ])
    .execute();
}

/**
 * KIPP round 1 (open) with jurors A, B (evaluators) and D (a panelist, not
 * in the round), proposals p0..p3; A on p0, p1, p2; B on p0, p3 (B
 * conflicted on p3). Round 2 exists. Sivablik has its own juror and proposal.
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
  const userB = await buildUser(db, { email: "evaluator2@juri.test", name: "Dewi", password: "demo-sayembara", roles: [] });
  const jA = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const jB = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator2@juri.test", name: "Dewi", userId: userB });
  await buildJuror(db, { competitionId: w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: w.users.panelist });
  const r1 = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 2 });
  const r2 = await buildRound(db, { competitionId: w.competitions.kipp, position: 2, name: "Penilaian ulang", k: 1 });
  await rubric(db, r1);
  await rubric(db, r2);
  await db.updateTable("rounds").set({ status: "open" }).where("competition_id", "=", w.competitions.kipp).execute();
  const a = {
    A0: await assign(db, r1, jA, ps[0].id),
    A1: await assign(db, r1, jA, ps[1].id),
    A2: await assign(db, r1, jA, ps[2].id),
    B0: await assign(db, r1, jB, ps[0].id),
    B3: await assign(db, r1, jB, ps[3].id),
  };
  await db
    .insertInto("conflicts")
    .values({ id: newId(), competition_id: w.competitions.kipp, juror_id: jB, proposal_id: ps[3].id, source: "agency", reason: "Mantan pegawai", declared_by: null, created_at: "2025-08-02T01:00:00.000Z", dismissed_by: null, dismissed_reason: null, dismissed_at: null })
    .execute();
  const es = await buildEdition(db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(db, es, [{ agencyId: w.agencies.pontianak, title: "Inovasi Sivablik" }]);
  const sivUser = await buildUser(db, { email: "juri@sivablik.test", name: "Rudi", password: "demo-sayembara", roles: [] });
  const jS = await buildJuror(db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: sivUser });
  const rs = await buildRound(db, { competitionId: w.competitions.sivablik, position: 1 });
  await rubric(db, rs);
  await assign(db, rs, jS, sp.id);
  const panrb = await actorOf(db, w.users.panrbAdmin);
  return { db, w, ps, jA, jB, r1, r2, rs, sp, a, panrb, userB };
}

type Scene = Awaited<ReturnType<typeof scene>>;

function csv(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

function run(s: Scene, bytes: Uint8Array, apply = false, hash?: string, roundId = s.r1): Promise<ScoreImportResult> {
  return importScoresCsv(s.db, s.panrb, "kipp-2025", roundId, { file: { name: "nilai-kertas.csv", bytes }, apply, expectedHash: hash }, new Date("2025-08-20T03:00:00Z"));
}

const HEADER = "round,proposal_number,juror_email,kebaruan,signifikansi,comment";

async function sheetCount(db: DB) {
  const r = await db.selectFrom("score_sheets").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function importAudits(db: DB) {
  return db.selectFrom("audit_log").select(["action", "entity_id", "organizer_id", "competition_id", "after_json"]).where("action", "=", "scores.imported").execute();
}

describe("checking a file (dry run)", () => {
  it("reports every problem by line in file order and writes nothing", async () => {
    const s = await scene();
    const [p0, p1, p2, p3] = s.ps.map((p) => p.number);
    const bytes = csv([
      HEADER,
      `1,${p0},evaluator1@juri.test,80,4,Baik`, // 2 fine
      `2,${p1},evaluator1@juri.test,80,4,`, // 3 wrong round (A is not in round 2 for p1 either)
      `1,KIPP2025-999999,evaluator1@juri.test,80,4,`, // 4 unknown proposal
      `1,${p2},orang@lain.test,80,4,`, // 5 unknown juror
      `1,${p2},evaluator2@juri.test,80,4,`, // 6 not assigned
      `1,${p3},evaluator2@juri.test,80,4,`, // 7 conflicted
      `1,${p1},EVALUATOR1@juri.test,105,4,`, // 8 outside the scale
      `1,${p2},evaluator1@juri.test,72,2.5,`, // 9 off step twice
      `1,${p0},evaluator2@juri.test,,4,`, // 10 missing criterion
      `1,${p0},evaluator1@juri.test,60,3,Dobel`, // 11 duplicate of line 2
      `1,${p1},panelis1@juri.test,60,3,`, // 12 a juror of the edition, not in this round
      `1,${s.sp.number},juri@sivablik.test,60,3,`, // 13 another edition's proposal and juror
      `1,${p1}`, // 14 cell count
    ]);
    const r = await run(s, bytes);
    if (r.ok || r.reason !== "invalid") throw new Error(JSON.stringify(r));
    expect(r.report.totalRows).toBe(13);
    expect(r.report.rowErrors).toEqual([
      { line: 3, issues: [{ code: "round_other", params: { value: "2", expected: 1 } }] },
      { line: 4, issues: [{ code: "proposal_unknown", params: { value: "KIPP2025-999999" } }] },
      { line: 5, issues: [{ code: "juror_unknown", params: { value: "orang@lain.test" } }] },
      { line: 6, issues: [{ code: "not_assigned", params: { email: "evaluator2@juri.test", number: p2, round: 1 } }] },
      { line: 7, issues: [{ code: "conflict", params: { sources: "agency" } }] },
      { line: 8, issues: [{ code: "value_out_of_scale", params: { criterion: "kebaruan", value: "105", min: "0", max: "100" } }] },
      {
        line: 9,
        issues: [
          { code: "value_off_step", params: { criterion: "kebaruan", value: "72", step: "5", min: "0" } },
          { code: "value_off_step", params: { criterion: "signifikansi", value: "2.5", step: "1", min: "1" } },
        ],
      },
      { line: 10, issues: [{ code: "criterion_missing", params: { criterion: "kebaruan" } }] },
      { line: 11, issues: [{ code: "duplicate_row", params: { line: 2 } }] },
      { line: 12, issues: [{ code: "not_assigned", params: { email: "panelis1@juri.test", number: p1, round: 1 } }] },
      {
        line: 13,
        issues: [
          { code: "proposal_unknown", params: { value: s.sp.number } },
          { code: "juror_unknown", params: { value: "juri@sivablik.test" } },
        ],
      },
      { line: 14, issues: [{ code: "column_count", params: { expected: 6, found: 2 } }] },
    ]);
    expect(await sheetCount(s.db)).toBe(0);
    expect(await importAudits(s.db)).toEqual([]);
  });

  it("explains file problems: broken quoting, a missing criterion column, not UTF-8, over 5 MB, empty", async () => {
    const s = await scene();
    const issues = async (bytes: Uint8Array) => {
      const r = await run(s, bytes);
      if (r.ok || r.reason !== "invalid") throw new Error(JSON.stringify(r));
      return r.report.fileErrors;
    };
    expect(await issues(csv([HEADER, `1,${s.ps[0].number},evaluator1@juri.test,80,4,"Baik`]))).toEqual([{ code: "csv_unterminated_quote", line: 2 }]);
    expect(await issues(csv(["round,proposal_number,juror_email,kebaruan,comment,lain", `1,${s.ps[0].number},a@b.c,80,,x`]))).toEqual([
      { code: "missing_columns", line: 1, params: { columns: "signifikansi" } },
      { code: "unknown_columns", line: 1, params: { columns: "lain", expected: "round, proposal_number, juror_email, kebaruan, signifikansi, comment" } },
    ]);
    expect(await issues(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]))).toEqual([{ code: "not_utf8" }]);
    expect(await issues(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61))).toEqual([{ code: "file_too_large", params: { mb: 5 } }]);
    expect(await issues(csv([""]))).toEqual([{ code: "file_empty" }]);
    expect(await issues(csv([HEADER]))).toEqual([{ code: "no_rows" }]);
    expect(await sheetCount(s.db)).toBe(0);
  });

  it("accepts a semicolon file with a BOM, columns in any order and a decimal comma", async () => {
    const s = await scene();
    const bytes = new TextEncoder().encode(`\uFEFFJuror_Email;Round;Signifikansi;Proposal_Number;Kebaruan;Comment\r\nevaluator1@juri.test;1;4;${s.ps[0].number};85,0;"Rapi; jelas"\r\n`);
    const r = await run(s, bytes);
    expect(r).toEqual({
      ok: true,
      applied: false,
      report: { fileName: "nilai-kertas.csv", hash: sha256Hex(bytes), totalRows: 1, fileErrors: [], rowErrors: [], valid: true, summary: { create: 1, replace: 0 } },
    });
    expect(await sheetCount(s.db)).toBe(0);
  });
});

describe("applying", () => {
  it("writes submitted sheets with source import, completes the assignments and audits the counts", async () => {
    const s = await scene();
    // A already has a web draft of p1 (replaced by the paper sheet).
    const A = await actorOf(s.db, s.w.users.evaluator);
    const draft = await saveScoreSheet(s.db, A, { slug: "kipp-2025", roundId: s.r1, number: s.ps[1].number }, { version: "0", score_kebaruan: "10", overall: "draf" }, "draft");
    expect(draft.ok).toBe(true);
    const bytes = csv([
      HEADER,
      `1,${s.ps[0].number},evaluator1@juri.test,80,4,"Baik, layak lanjut"`,
      `1,${s.ps[1].number},evaluator1@juri.test,55,2,`,
      `1,${s.ps[0].number},evaluator2@juri.test,100,5,Sangat baik`,
    ]);
    const checked = await run(s, bytes);
    if (!checked.ok || checked.applied) throw new Error(JSON.stringify(checked));
    expect(checked.report.summary).toEqual({ create: 2, replace: 1 });
    // Another file under the checked hash is refused.
    expect(await run(s, csv([HEADER, `1,${s.ps[2].number},evaluator1@juri.test,80,4,`]), true, checked.report.hash)).toEqual({
      ok: false,
      reason: "form",
      errors: { file: "scoring.import.errors.hashMismatch" },
    });
    expect(await run(s, bytes, true, checked.report.hash)).toEqual({ ok: true, applied: true, rows: 3, created: 2, replaced: 1 });

    const sheets = await s.db
      .selectFrom("score_sheets as sh")
      .innerJoin("proposals as p", "p.id", "sh.proposal_id")
      .select(["p.number", "sh.juror_id", "sh.status", "sh.source", "sh.overall_comment", "sh.submitted_at", "sh.version"])
      .orderBy("p.number")
      .orderBy("sh.juror_id")
      .execute();
    const at = "2025-08-20T03:00:00.000Z";
    const expected = [
      [s.ps[0].number, s.jA, "submitted", "import", "Baik, layak lanjut", at, 1],
      [s.ps[0].number, s.jB, "submitted", "import", "Sangat baik", at, 1],
      [s.ps[1].number, s.jA, "submitted", "import", "", at, 2],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1])));
    expect(sheets.map((x) => [x.number, x.juror_id, x.status, x.source, x.overall_comment, x.submitted_at, Number(x.version)])).toEqual(expected);
    const items = await s.db
      .selectFrom("score_items as i")
      .innerJoin("score_sheets as sh", "sh.id", "i.sheet_id")
      .select(["sh.assignment_id", "i.criterion_key", "i.value"])
      .where("sh.assignment_id", "=", s.a.A1)
      .orderBy("i.criterion_key")
      .execute();
    expect(items.map((i) => [i.criterion_key, Number(i.value)])).toEqual([
      ["kebaruan", 55],
      ["signifikansi", 2],
    ]);
    const done = await s.db.selectFrom("assignments").select(["id", "completed_at"]).where("round_id", "=", s.r1).execute();
    expect(Object.fromEntries(done.map((d) => [d.id, d.completed_at]))).toEqual({ [s.a.A0]: at, [s.a.A1]: at, [s.a.A2]: null, [s.a.B0]: at, [s.a.B3]: null });
    const audits = await importAudits(s.db);
    expect(audits.map((x) => [x.action, x.entity_id, x.organizer_id, x.competition_id, JSON.parse(x.after_json ?? "{}")])).toEqual([
      ["scores.imported", s.r1, s.w.organizers.panrb, s.w.competitions.kipp, { round: 1, file: "nilai-kertas.csv", hash: checked.report.hash, rows: 3, created: 2, replaced: 1 }],
    ]);
  });

  it("is all or nothing, and never overwrites a sheet the juror submitted on the web", async () => {
    const s = await scene();
    const B = await actorOf(s.db, s.userB);
    const web = await saveScoreSheet(s.db, B, { slug: "kipp-2025", roundId: s.r1, number: s.ps[0].number }, { version: "0", score_kebaruan: "90", score_signifikansi: "5" }, "submit");
    expect(web.ok).toBe(true);
    const bytes = csv([HEADER, `1,${s.ps[1].number},evaluator1@juri.test,55,2,`, `1,${s.ps[0].number},evaluator2@juri.test,100,5,`]);
    const hash = sha256Hex(bytes);
    const r = await run(s, bytes, true, hash);
    if (r.ok || r.reason !== "invalid") throw new Error(JSON.stringify(r));
    expect(r.report.rowErrors).toEqual([{ line: 3, issues: [{ code: "already_submitted", params: { email: "evaluator2@juri.test", number: s.ps[0].number } }] }]);
    // Line 2 was fine, but nothing was written.
    expect(await sheetCount(s.db)).toBe(1);
    expect(await importAudits(s.db)).toEqual([]);
  });

  it("only while the round is open or closed", async () => {
    const s = await scene();
    const bytes = csv([HEADER, `1,${s.ps[0].number},evaluator1@juri.test,80,4,`]);
    for (const [st, allowed] of [
      ["draft", false],
      ["open", true],
      ["closed", true],
      ["decided", false],
    ] as const) {
      await s.db.updateTable("rounds").set({ status: st }).where("id", "=", s.r1).execute();
      const r = await run(s, bytes);
      expect([st, r.ok ? "ok" : r.reason === "form" ? r.errors.file : r.reason]).toEqual([st, allowed ? "ok" : "scoring.import.errors.roundState"]);
    }
  });
});

describe("permission", () => {
  it("allows the edition's organizer (PANRB) and refuses Kalbar's organizer and jurors (403); unknown round 404", async () => {
    const s = await scene();
    const bytes = csv([HEADER, `1,${s.ps[0].number},evaluator1@juri.test,80,4,`]);
    const page = await getScoreImportPage(s.db, s.panrb, "kipp-2025", s.r1);
    expect([page.columns, page.allowed, page.counts]).toEqual([
      ["round", "proposal_number", "juror_email", "kebaruan", "signifikansi", "comment"],
      true,
      { submitted: 0, drafts: 0, imported: 0 },
    ]);
    for (const u of [s.w.users.kalbarAdmin, s.w.users.evaluator, s.userB, s.w.users.adminLokal]) {
      const actor = await actorOf(s.db, u);
      expect(await status(getScoreImportPage(s.db, actor, "kipp-2025", s.r1))).toBe(403);
      expect(await status(importScoresCsv(s.db, actor, "kipp-2025", s.r1, { file: { name: "x.csv", bytes }, apply: true, expectedHash: sha256Hex(bytes) }))).toBe(403);
    }
    // Kalbar's organizer on its own edition is allowed; PANRB there is not.
    const kalbar = await actorOf(s.db, s.w.users.kalbarAdmin);
    expect(await status(getScoreImportPage(s.db, kalbar, "sivablik-2025", s.rs))).toBe(200);
    expect(await status(getScoreImportPage(s.db, s.panrb, "sivablik-2025", s.rs))).toBe(403);
    // A round of another edition under this slug.
    expect(await status(getScoreImportPage(s.db, s.panrb, "kipp-2025", s.rs))).toBe(404);
    expect(await sheetCount(s.db)).toBe(0);
  });
});
