/**
 * The round's CSV files (assignments and the instance) and the import of
 * assignments.csv: validation by line, all or nothing, add vs replace, the
 * round trip, and who may do it (with another organizer's data present).
 */
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { exportRoundCsv, importAssignmentsCsv, type ImportMode } from "~/services/assignment-csv.server";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildUser, buildWorld } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const t = useTestDb();
const BOM = "\uFEFF";

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function assign(db: DB, roundId: string, jurorId: string, proposalId: string, source: "auto" | "manual", match: 0 | 1, opened: string | null = null) {
  await db
    .insertInto("assignments")
    .values({
      id: newId(),
      round_id: roundId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source,
      expertise_match: match,
      run_id: null,
      created_by: null,
      created_at: "2025-08-01T01:00:00.000Z",
      opened_at: opened,
      completed_at: null,
    })
    .execute();
}

async function conflict(db: DB, competitionId: string, jurorId: string, proposalId: string, source: "auto_agency" | "juror", status: "active" | "dismissed" = "active") {
  await db
    .insertInto("conflicts")
    .values({
      id: newId(),
      competition_id: competitionId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source,
      reason: "",
      status,
      declared_by: null,
      created_at: "2025-08-02T01:00:00.000Z",
      dismissed_by: null,
      dismissed_reason: null,
      dismissed_at: null,
    })
    .execute();
}

/**
 * KIPP round 1 (k = 2): eligible p0..p3; p4 did not pass screening, p5 was
 * withdrawn. Jurors A (Kota Pontianak, digital, max 3), B (a university,
 * digital + health, min 1, max 2), C (no expertise); a panelist and an
 * invited evaluator outside the pool. Round 2 has p0 as its only entrant.
 * Sivablik has its own round and assignment.
 */
async function scene() {
  const db = t.db;
  const w = await buildWorld(db);
  const e = await buildEdition(db, w.competitions.kipp);
  const ps = await buildScreenedProposals(db, e, [
    { agencyId: w.agencies.pontianak },
    { agencyId: w.agencies.pontianak, category: "kesehatan" },
    { agencyId: w.agencies.singkawang },
    { agencyId: w.agencies.singkawang, category: null },
    { agencyId: w.agencies.singkawang, result: "tidak_lolos" },
    { agencyId: w.agencies.singkawang, status: "withdrawn" },
  ]);
  const userB = await buildUser(db, { email: "evaluator2@juri.test", name: "Dewi" });
  const userC = await buildUser(db, { email: "evaluator3@juri.test", name: "Citra" });
  const kipp = w.competitions.kipp;
  const jA = await buildJuror(db, { competitionId: kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, affiliationAgencyId: w.agencies.pontianak, expertise: [e.categories.digital], maxLoad: 3 });
  const jB = await buildJuror(db, { competitionId: kipp, email: "evaluator2@juri.test", name: "Dewi", userId: userB, affiliationOther: "Universitas Tanjungpura", expertise: [e.categories.kesehatan, e.categories.digital], minLoad: 1, maxLoad: 2 });
  const jC = await buildJuror(db, { competitionId: kipp, email: "evaluator3@juri.test", name: "Citra", userId: userC });
  await buildJuror(db, { competitionId: kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: w.users.panelist });
  await buildJuror(db, { competitionId: kipp, email: "undangan@juri.test", name: "Undangan" });
  const r1 = await buildRound(db, { competitionId: kipp, position: 1, k: 2 });
  const r2 = await buildRound(db, { competitionId: kipp, position: 2, name: "Presentasi", k: 1 });
  await db.insertInto("round_entrants").values({ round_id: r2, proposal_id: ps[0].id }).execute();
  await conflict(db, kipp, jA, ps[0].id, "auto_agency");
  await conflict(db, kipp, jA, ps[1].id, "auto_agency", "dismissed");
  await conflict(db, kipp, jB, ps[2].id, "juror");
  await assign(db, r1, jA, ps[2].id, "auto", 1);
  await assign(db, r1, jA, ps[3].id, "manual", 1);
  await assign(db, r1, jB, ps[0].id, "auto", 1, "2025-08-05T05:00:00.000Z");
  await assign(db, r1, jB, ps[1].id, "manual", 1);
  // Sivablik: another organizer's round.
  const es = await buildEdition(db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(db, es, [{ agencyId: w.agencies.pontianak }]);
  const jS = await buildJuror(db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: userC });
  const rs = await buildRound(db, { competitionId: w.competitions.sivablik, position: 1 });
  await assign(db, rs, jS, sp.id, "auto", 1);
  const n = ps.map((p) => p.number);
  return { db, w, e, ps, n, jA, jB, jC, r1, r2, rs, panrb: await actorOf(db, w.users.panrbAdmin) };
}

type Scene = Awaited<ReturnType<typeof scene>>;

function csv(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

const HEADER = "round,proposal_number,juror_email,expertise_match,source";

function file(bytes: Uint8Array, name = "assignments.csv") {
  return { name, bytes };
}

async function pairs(s: Scene, roundId: string) {
  const rows = await s.db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .select(["p.number", "j.email", "a.expertise_match", "a.source", "a.opened_at"])
    .where("a.round_id", "=", roundId)
    .orderBy("p.number")
    .orderBy("j.email")
    .execute();
  return rows.map((r) => [r.number, r.email, Number(r.expertise_match), r.source, r.opened_at]);
}

async function importFile(s: Scene, bytes: Uint8Array, mode: ImportMode = "add", confirmReplace = false) {
  return importAssignmentsCsv(s.db, s.panrb, "kipp-2025", s.r1, { file: file(bytes), mode, confirmReplace });
}

// ---------------------------------------------------------------------------

describe("export", () => {
  it("writes the four files with exactly the documented columns", async () => {
    const s = await scene();
    const get = async (f: string, round = s.r1) => exportRoundCsv(s.db, s.panrb, "kipp-2025", round, f);
    const a = await get("assignments.csv");
    expect([a.filename, a.contentType]).toEqual(["kipp-2025-round1-assignments.csv", "text/csv; charset=utf-8"]);
    expect(a.body).toBe(
      BOM +
        [
          HEADER,
          `1,${s.n[0]},evaluator2@juri.test,1,auto`,
          `1,${s.n[1]},evaluator2@juri.test,1,manual`,
          `1,${s.n[2]},evaluator1@juri.test,1,auto`,
          `1,${s.n[3]},evaluator1@juri.test,1,manual`,
        ].join("\r\n") +
        "\r\n",
    );
    expect((await get("jurors.csv")).body).toBe(
      BOM +
        [
          "juror_email,affiliation_code,expertise,min_load,max_load",
          "evaluator1@juri.test,KOTA-61.71,transformasi_digital,0,3",
          "evaluator2@juri.test,,transformasi_digital;pelayanan_kesehatan,1,2",
          "evaluator3@juri.test,,,0,100",
        ].join("\r\n") +
        "\r\n",
    );
    expect((await get("proposals.csv")).body).toBe(
      BOM +
        [
          "proposal_number,agency_code,category",
          `${s.n[0]},KOTA-61.71,transformasi_digital`,
          `${s.n[1]},KOTA-61.71,pelayanan_kesehatan`,
          `${s.n[2]},KOTA-61.72,transformasi_digital`,
          `${s.n[3]},KOTA-61.72,`,
        ].join("\r\n") +
        "\r\n",
    );
    expect((await get("conflicts.csv")).body).toBe(
      BOM +
        ["juror_email,proposal_number,source", `evaluator1@juri.test,${s.n[0]},auto_agency`, `evaluator2@juri.test,${s.n[2]},juror`].join("\r\n") +
        "\r\n",
    );
    // Round 2: its entrants only, no assignments yet.
    expect((await get("proposals.csv", s.r2)).body).toBe(BOM + `proposal_number,agency_code,category\r\n${s.n[0]},KOTA-61.71,transformasi_digital\r\n`);
    expect((await get("assignments.csv", s.r2)).body).toBe(BOM + HEADER + "\r\n");
  });

  it("is for the edition's organizer only; unknown files and rounds are 404", async () => {
    const s = await scene();
    for (const u of [s.w.users.kalbarAdmin, s.w.users.evaluator, s.w.users.adminLokal]) {
      expect(await status(exportRoundCsv(s.db, await actorOf(s.db, u), "kipp-2025", s.r1, "assignments.csv"))).toBe(403);
    }
    expect(await status(exportRoundCsv(s.db, s.panrb, "kipp-2025", s.r1, "scores.csv"))).toBe(404);
    expect(await status(exportRoundCsv(s.db, s.panrb, "kipp-2025", s.rs, "assignments.csv"))).toBe(404);
    expect(await status(exportRoundCsv(s.db, s.panrb, "sivablik-2025", s.rs, "assignments.csv"))).toBe(403);
  });
});

// ---------------------------------------------------------------------------

describe("import: validation", () => {
  it("reports every problem by line and applies nothing", async () => {
    const s = await scene();
    const before = await pairs(s, s.r1);
    const result = await importFile(
      s,
      csv([
        HEADER, // 1
        `1,${s.n[0]},evaluator1@juri.test,1,auto`, // 2 conflict
        `2,${s.n[1]},evaluator1@juri.test,1,auto`, // 3 other round
        `9,${s.n[1]},evaluator1@juri.test,1,auto`, // 4 unknown round
        `1,KIPP2025-999999,evaluator1@juri.test,1,auto`, // 5 unknown proposal
        `1,${s.n[4]},evaluator1@juri.test,1,auto`, // 6 not eligible (tidak lolos)
        `1,${s.n[1]},tidakada@juri.test,1,auto`, // 7 unknown juror
        `1,${s.n[1]},panelis1@juri.test,1,auto`, // 8 another pool
        `1,${s.n[1]},undangan@juri.test,1,auto`, // 9 invited, not active
        `1,${s.n[1]},EVALUATOR1@juri.test,2,robot`, // 10 bad match and source (pair counts)
        `1,${s.n[1]},evaluator1@juri.test,0,manual`, // 11 duplicate of 10
        `1,${s.n[2]},evaluator1@juri.test,1,auto`, // 12 already assigned
        `1,${s.n[3]},evaluator2@juri.test,1,auto`, // 13 B over max load (2)
        `1,2`, // 14 cell count
        `,${s.n[1]},,1,auto`, // 15 empty round and juror
        `1,${s.n[1]},evaluator3@juri.test,1,auto`, // 16 p1 over k (B, A, C)
        `1,${s.n[5]},evaluator3@juri.test,1,auto`, // 17 withdrawn
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected a report");
    expect(result.report.fileErrors).toEqual([]);
    expect(result.report.totalRows).toBe(16);
    expect(result.report.rowErrors).toEqual([
      { line: 2, issues: [{ code: "conflict", params: { sources: "auto_agency" } }] },
      { line: 3, issues: [{ code: "round_other", params: { value: "2", expected: 1 } }] },
      { line: 4, issues: [{ code: "round_unknown", params: { value: "9" } }] },
      { line: 5, issues: [{ code: "proposal_unknown", params: { value: "KIPP2025-999999" } }] },
      { line: 6, issues: [{ code: "proposal_not_eligible", params: { value: s.n[4] } }] },
      { line: 7, issues: [{ code: "juror_unknown", params: { value: "tidakada@juri.test" } }] },
      { line: 8, issues: [{ code: "juror_not_in_pool", params: { value: "panelis1@juri.test" } }] },
      { line: 9, issues: [{ code: "juror_not_in_pool", params: { value: "undangan@juri.test" } }] },
      {
        line: 10,
        issues: [
          { code: "expertise_invalid", params: { value: "2" } },
          { code: "source_invalid", params: { value: "robot" } },
        ],
      },
      { line: 11, issues: [{ code: "duplicate_pair", params: { line: 10 } }] },
      { line: 12, issues: [{ code: "already_assigned" }] },
      { line: 13, issues: [{ code: "over_max_load", params: { email: "evaluator2@juri.test", max: 2, load: 3 } }] },
      { line: 14, issues: [{ code: "column_count", params: { expected: 5, found: 2 } }] },
      { line: 15, issues: [{ code: "round_missing" }, { code: "juror_missing" }] },
      { line: 16, issues: [{ code: "over_k", params: { number: s.n[1], k: 2, count: 3 } }] },
      { line: 17, issues: [{ code: "proposal_not_eligible", params: { value: s.n[5] } }] },
    ]);
    expect(await pairs(s, s.r1)).toEqual(before);
    expect(await s.db.selectFrom("audit_log").select("id").where("action", "=", "assignment.imported").execute()).toEqual([]);
  });

  it("explains a broken file: wrong header, not CSV text, a quote never closed, too large, empty", async () => {
    const s = await scene();
    const fileErrors = async (bytes: Uint8Array) => {
      const r = await importFile(s, bytes);
      if (r.ok || r.reason !== "invalid") throw new Error("expected a report");
      return r.report.fileErrors;
    };
    expect(await fileErrors(csv(["round;proposal;juror_email;expertise_match;source", `1;${s.n[1]};evaluator3@juri.test;1;auto`]))).toEqual([
      { code: "header", line: 1, params: { expected: HEADER.split(",").join(", "), found: "round, proposal, juror_email, expertise_match, source" } },
    ]);
    expect(await fileErrors(csv([`${HEADER},note`, `1,${s.n[1]},evaluator3@juri.test,1,auto,x`]))).toMatchObject([{ code: "header", line: 1 }]);
    // An .xlsx (a zip) uploaded by mistake.
    expect(await fileErrors(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0xfe, 0x00]))).toEqual([{ code: "not_utf8" }]);
    expect(await fileErrors(csv([HEADER, `1,"${s.n[1]},evaluator3@juri.test,1,auto`]))).toEqual([{ code: "csv_unterminated_quote", line: 2 }]);
    expect(await fileErrors(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61))).toEqual([{ code: "file_too_large", params: { mb: 5 } }]);
    expect(await fileErrors(new Uint8Array(0))).toEqual([{ code: "file_empty" }]);
    expect(await fileErrors(csv([HEADER]))).toEqual([{ code: "no_rows" }]);
    expect((await pairs(s, s.r1)).length).toBe(4);
  });

  it("accepts a semicolon-separated file with a BOM and columns in any order", async () => {
    const s = await scene();
    const r = await importFile(s, new TextEncoder().encode(`${BOM}source;round;proposal_number;juror_email;expertise_match\n MANUAL ;1;${s.n[1].toLowerCase()};Evaluator3@Juri.test;0\n`));
    expect(r).toEqual({ ok: true, mode: "add", rows: 1, added: 1, removed: 0, kept: 0 });
    expect((await pairs(s, s.r1)).filter((p) => p[1] === "evaluator3@juri.test")).toEqual([[s.n[1], "evaluator3@juri.test", 0, "manual", null]]);
  });
});

// ---------------------------------------------------------------------------

describe("import: applying", () => {
  it("adds to the current assignments, recomputing expertise_match, with one audit row", async () => {
    const s = await scene();
    const r = await importFile(s, csv([HEADER, `1,${s.n[1]},evaluator1@juri.test,1,manual`, `1,${s.n[3]},evaluator3@juri.test,0,auto`]));
    expect(r).toEqual({ ok: true, mode: "add", rows: 2, added: 2, removed: 0, kept: 0 });
    expect(await pairs(s, s.r1)).toEqual([
      [s.n[0], "evaluator2@juri.test", 1, "auto", "2025-08-05T05:00:00.000Z"],
      [s.n[1], "evaluator1@juri.test", 0, "manual", null], // health is outside A's expertise (dismissed conflict: allowed)
      [s.n[1], "evaluator2@juri.test", 1, "manual", null],
      [s.n[2], "evaluator1@juri.test", 1, "auto", null],
      [s.n[3], "evaluator1@juri.test", 1, "manual", null],
      [s.n[3], "evaluator3@juri.test", 1, "auto", null], // no category: everyone's
    ]);
    const audit = await s.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "entity_id", "competition_id", "organizer_id", "before_json", "after_json"])
      .where("action", "=", "assignment.imported")
      .execute();
    expect(audit.map((a) => [a.actor_user_id, a.entity_id, a.competition_id, a.organizer_id, JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([
      [
        s.w.users.panrbAdmin,
        s.r1,
        s.w.competitions.kipp,
        s.w.organizers.panrb,
        { assignments: 4 },
        { round: 1, mode: "add", file: "assignments.csv", rows: 2, added: 2, removed: 0, kept: 0 },
      ],
    ]);
  });

  it("replaces only after confirmation, keeping pairs that stay with their times", async () => {
    const s = await scene();
    const body = csv([HEADER, `1,${s.n[0]},evaluator2@juri.test,1,manual`, `1,${s.n[1]},evaluator3@juri.test,1,auto`]);
    expect(await importFile(s, body, "replace", false)).toEqual({ ok: false, reason: "form", errors: { confirmReplace: "juror.csv.errors.confirmReplace" } });
    expect((await pairs(s, s.r1)).length).toBe(4);
    expect(await importFile(s, body, "replace", true)).toEqual({ ok: true, mode: "replace", rows: 2, added: 1, removed: 3, kept: 1 });
    expect(await pairs(s, s.r1)).toEqual([
      [s.n[0], "evaluator2@juri.test", 1, "manual", "2025-08-05T05:00:00.000Z"],
      [s.n[1], "evaluator3@juri.test", 0, "auto", null],
    ]);
    // In replace mode a pair already assigned is not a duplicate, and loads start from zero.
    const again = await importFile(s, csv([HEADER, `1,${s.n[0]},evaluator2@juri.test,1,auto`, `1,${s.n[1]},evaluator2@juri.test,1,auto`]), "replace", true);
    expect(again).toEqual({ ok: true, mode: "replace", rows: 2, added: 1, removed: 1, kept: 1 });
  });

  it("round-trips: export, empty the round, import gives the same assignments and the same file", async () => {
    const s = await scene();
    const exported = await exportRoundCsv(s.db, s.panrb, "kipp-2025", s.r1, "assignments.csv");
    const before = (await pairs(s, s.r1)).map((p) => p.slice(0, 4));
    await s.db.deleteFrom("assignments").where("round_id", "=", s.r1).execute();
    expect(await pairs(s, s.r1)).toEqual([]);
    const r = await importFile(s, new TextEncoder().encode(exported.body));
    expect(r).toEqual({ ok: true, mode: "add", rows: 4, added: 4, removed: 0, kept: 0 });
    expect((await pairs(s, s.r1)).map((p) => p.slice(0, 4))).toEqual(before);
    expect((await exportRoundCsv(s.db, s.panrb, "kipp-2025", s.r1, "assignments.csv")).body).toBe(exported.body);
  });

  it("refuses another organizer and jurors, writing nothing", async () => {
    const s = await scene();
    const body = csv([HEADER, `1,${s.n[1]},evaluator3@juri.test,1,auto`]);
    for (const u of [s.w.users.kalbarAdmin, s.w.users.evaluator]) {
      const actor = await actorOf(s.db, u);
      expect(await status(importAssignmentsCsv(s.db, actor, "kipp-2025", s.r1, { file: file(body), mode: "add" }))).toBe(403);
    }
    expect((await pairs(s, s.r1)).length).toBe(4);
  });
});
