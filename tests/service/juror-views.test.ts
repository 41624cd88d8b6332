/**
 * The juror's own list, proposal access for jurors (proposal.view through
 * assignments, via the proposal and file services), the organizer's matrix
 * and progress pages, and reminders. Data that could leak (other jurors'
 * assignments, other proposals, another organizer) is present in every test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { localDiskStorage, newStorageKey, writeTempFile } from "~/lib/storage.server";
import { getProposalFiles, openProposalFile } from "~/services/files.server";
import {
  getJurorAssignments,
  getRoundMatrix,
  getRoundProgress,
  sendReminders,
  shortName,
} from "~/services/juror-views.server";
import { getProposalPage } from "~/services/proposals.server";
import { useTestDb } from "../support/db";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { actorOf, buildUser, buildWorld, type World } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals, type BuiltProposal } from "../support/jury";

const t = useTestDb();

let uploads: string;
const savedUploads = process.env.UPLOADS_DIR;
beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "sayembara-juror-"));
  process.env.UPLOADS_DIR = uploads;
});
afterAll(() => {
  rmSync(uploads, { recursive: true, force: true });
  if (savedUploads === undefined) delete process.env.UPLOADS_DIR;
  else process.env.UPLOADS_DIR = savedUploads;
});

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

interface AssignOpts {
  opened?: string | null;
  completed?: string | null;
  match?: 0 | 1;
  source?: "auto" | "manual";
}

async function assign(db: DB, roundId: string, jurorId: string, proposalId: string, o: AssignOpts = {}): Promise<string> {
  const id = newId();
  await db
    .insertInto("assignments")
    .values({
      id,
      round_id: roundId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source: o.source ?? "auto",
      expertise_match: o.match ?? 1,
      run_id: null,
      created_by: null,
      created_at: "2025-08-01T01:00:00.000Z",
      opened_at: o.opened ?? null,
      completed_at: o.completed ?? null,
    })
    .execute();
  return id;
}

async function conflict(db: DB, competitionId: string, jurorId: string, proposalId: string, source: "juror" | "auto_agency" | "agency" = "juror") {
  await db
    .insertInto("conflicts")
    .values({
      id: newId(),
      competition_id: competitionId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source,
      reason: "Pernah membina inovasi ini",
      declared_by: null,
      created_at: "2025-08-02T01:00:00.000Z",
      dismissed_by: null,
      dismissed_reason: null,
      dismissed_at: null,
    })
    .execute();
}

/**
 * KIPP with five screened proposals, juror A (the world's evaluator, expertise
 * digital) and juror B (another evaluator), two evaluator rounds and a
 * panelist round; Sivablik with its own juror and proposal.
 */
async function scene() {
  const db = t.db;
  const w = await buildWorld(db);
  const e = await buildEdition(db, w.competitions.kipp);
  const ps = await buildScreenedProposals(db, e, [
    { agencyId: w.agencies.pontianak, title: "Layanan Adminduk Keliling" },
    { agencyId: w.agencies.pontianak, title: "Sapa Warga Digital" },
    { agencyId: w.agencies.pontianak, title: "Pasar Rakyat Daring" },
    { agencyId: w.agencies.singkawang, category: "kesehatan", title: "Posyandu Pintar" },
    { agencyId: w.agencies.singkawang, title: "Izin Usaha Kilat" },
  ]);
  const userB = await buildUser(db, { email: "evaluator2@juri.test", name: "Dewi Lestari", password: "demo-sayembara", roles: [] });
  const jA = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko Prasetyo", userId: w.users.evaluator, expertise: [e.categories.digital] });
  const jB = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator2@juri.test", name: "Dewi Lestari", userId: userB, expertise: [e.categories.kesehatan] });
  const r1 = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 2, endsAt: "2025-09-30T16:59:00.000Z" });
  const r2 = await buildRound(db, { competitionId: w.competitions.kipp, position: 2, name: "Penilaian ulang", k: 1 });
  const r3 = await buildRound(db, { competitionId: w.competitions.kipp, position: 3, name: "Presentasi", kind: "presentation", poolRole: "panelist", k: 1 });
  // Sivablik: another organizer's edition with its own juror.
  const es = await buildEdition(db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(db, es, [{ agencyId: w.agencies.pontianak, title: "Inovasi Sivablik" }]);
  const sivUser = await buildUser(db, { email: "juri@sivablik.test", name: "Rudi", password: "demo-sayembara", roles: [] });
  const jS = await buildJuror(db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: sivUser });
  const rs = await buildRound(db, { competitionId: w.competitions.sivablik, position: 1 });
  await assign(db, rs, jS, sp.id);
  return { db, w, e, ps, userB, jA, jB, r1, r2, r3, sivUser, sp };
}

type Scene = Awaited<ReturnType<typeof scene>>;

/** A's and B's assignments: A has p0 (opened), p1 (completed), p3 (conflicted) in round 1 and p0 in round 2; B has p2, p4. */
async function assignScene(s: Scene) {
  await assign(s.db, s.r1, s.jA, s.ps[0].id, { opened: "2025-08-03T02:00:00.000Z" });
  await assign(s.db, s.r1, s.jA, s.ps[1].id, { opened: "2025-08-03T03:00:00.000Z", completed: "2025-08-04T04:00:00.000Z" });
  await assign(s.db, s.r1, s.jA, s.ps[3].id, { match: 0 });
  await assign(s.db, s.r2, s.jA, s.ps[0].id, { source: "manual" });
  await assign(s.db, s.r1, s.jB, s.ps[2].id, { match: 0 });
  await assign(s.db, s.r1, s.jB, s.ps[4].id, { match: 0, opened: "2025-08-05T05:00:00.000Z" });
  await conflict(s.db, s.w.competitions.kipp, s.jA, s.ps[3].id, "juror");
}

// ---------------------------------------------------------------------------

describe("the juror's own list", () => {
  it("shows exactly the juror's own assignments per round, with progress", async () => {
    const s = await scene();
    await assignScene(s);
    const page = await getJurorAssignments(s.db, await actorOf(s.db, s.w.users.evaluator), "kipp-2025");
    const digital = { key: "transformasi_digital", nameId: expect.any(String), nameEn: expect.any(String) };
    const health = { key: "pelayanan_kesehatan", nameId: expect.any(String), nameEn: expect.any(String) };
    expect(page.competition).toEqual({ name: "KIPP 2025", slug: "kipp-2025", year: 2025 });
    expect(page.roles).toEqual(["evaluator"]);
    expect(page.canDeclareConflict).toBe(true);
    expect(page.rounds.map((r) => ({ position: r.position, name: r.name, progress: r.progress }))).toEqual([
      { position: 1, name: "Penilaian proposal", progress: { total: 2, opened: 2, completed: 1 } },
      { position: 2, name: "Penilaian ulang", progress: { total: 1, opened: 0, completed: 0 } },
    ]);
    expect(page.rounds[0].assignments).toEqual([
      { number: s.ps[0].number, title: "Layanan Adminduk Keliling", category: digital, expertiseMatch: true, state: "opened", openedAt: "2025-08-03T02:00:00.000Z", completedAt: null },
      { number: s.ps[1].number, title: "Sapa Warga Digital", category: digital, expertiseMatch: true, state: "completed", openedAt: "2025-08-03T03:00:00.000Z", completedAt: "2025-08-04T04:00:00.000Z" },
      { number: s.ps[3].number, title: "Posyandu Pintar", category: health, expertiseMatch: false, state: "conflict", openedAt: null, completedAt: null },
    ]);
    expect(page.rounds[1].assignments.map((a) => [a.number, a.state])).toEqual([[s.ps[0].number, "new"]]);
    // Nothing of B's proposals, nor of the other edition.
    const text = JSON.stringify(page);
    for (const hidden of [s.ps[2].number, s.ps[4].number, s.sp.number, "Pasar Rakyat Daring", "Izin Usaha Kilat"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("juror B sees only B's list", async () => {
    const s = await scene();
    await assignScene(s);
    const page = await getJurorAssignments(s.db, await actorOf(s.db, s.userB), "kipp-2025");
    expect(page.rounds.map((r) => [r.position, r.assignments.map((a) => a.number), r.progress])).toEqual([
      [1, [s.ps[2].number, s.ps[4].number], { total: 2, opened: 1, completed: 0 }],
      [2, [], { total: 0, opened: 0, completed: 0 }],
    ]);
  });

  it("refuses anyone who is not an active juror of the edition (403), and an unknown edition (404)", async () => {
    const s = await scene();
    await assignScene(s);
    // A juror of Sivablik only.
    expect(await status(getJurorAssignments(s.db, await actorOf(s.db, s.sivUser), "kipp-2025"))).toBe(403);
    // The organizer of KIPP, an agency's Admin Lokal, the panelist (membership, no pool row).
    for (const u of [s.w.users.panrbAdmin, s.w.users.adminLokal, s.w.users.panelist, s.w.users.kalbarAdmin]) {
      expect(await status(getJurorAssignments(s.db, await actorOf(s.db, u), "kipp-2025"))).toBe(403);
    }
    // A juror who withdrew.
    await s.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.jB).execute();
    expect(await status(getJurorAssignments(s.db, await actorOf(s.db, s.userB), "kipp-2025"))).toBe(403);
    expect(await status(getJurorAssignments(s.db, await actorOf(s.db, s.w.users.evaluator), "tidak-ada"))).toBe(404);
    // And the Sivablik juror still sees their own edition.
    const own = await getJurorAssignments(s.db, await actorOf(s.db, s.sivUser), "sivablik-2025");
    expect(own.rounds.map((r) => r.assignments.map((a) => a.number))).toEqual([[s.sp.number]]);
  });
});

// ---------------------------------------------------------------------------

describe("proposal access for jurors", () => {
  it("opens an assigned proposal and stamps opened_at once, on the juror's own assignments only", async () => {
    const s = await scene();
    // p2 is assigned to both A (rounds 1 and 2) and B.
    const a1 = await assign(s.db, s.r1, s.jA, s.ps[2].id);
    const a2 = await assign(s.db, s.r2, s.jA, s.ps[2].id);
    const b1 = await assign(s.db, s.r1, s.jB, s.ps[2].id);
    const actor = await actorOf(s.db, s.w.users.evaluator);
    const page = await getProposalPage(s.db, actor, s.ps[2].number, { now: new Date("2025-08-10T03:00:00.000Z") });
    expect([page.proposal.number, page.fields.title, page.readOnly, page.may]).toEqual([
      s.ps[2].number,
      "Pasar Rakyat Daring",
      "viewer",
      { edit: false, submit: false, return: false, withdraw: false },
    ]);
    const opened = async () =>
      Object.fromEntries(
        (await s.db.selectFrom("assignments").select(["id", "opened_at"]).where("id", "in", [a1, a2, b1]).execute()).map((r) => [r.id, r.opened_at]),
      );
    expect(await opened()).toEqual({ [a1]: "2025-08-10T03:00:00.000Z", [a2]: "2025-08-10T03:00:00.000Z", [b1]: null });
    // A second visit changes nothing.
    await getProposalPage(s.db, actor, s.ps[2].number, { now: new Date("2025-08-11T03:00:00.000Z") });
    expect(await opened()).toEqual({ [a1]: "2025-08-10T03:00:00.000Z", [a2]: "2025-08-10T03:00:00.000Z", [b1]: null });
    const audit = await s.db.selectFrom("audit_log").select(["action", "after_json", "competition_id"]).where("action", "=", "assignment.opened").execute();
    expect(audit.map((r) => [r.action, r.competition_id, JSON.parse(r.after_json ?? "{}").assignmentIds.sort()])).toEqual([
      ["assignment.opened", s.w.competitions.kipp, [a1, a2].sort()],
    ]);
    // The organizer reading it stamps nothing.
    await getProposalPage(s.db, await actorOf(s.db, s.w.users.panrbAdmin), s.ps[2].number);
    expect((await opened())[b1]).toBeNull();
  });

  it("gives 404 for an unassigned proposal that exists, a conflicted one, another edition's, and after withdrawal", async () => {
    const s = await scene();
    await assignScene(s);
    const actor = await actorOf(s.db, s.w.users.evaluator);
    expect(await status(getProposalPage(s.db, actor, s.ps[0].number))).toBe(200);
    expect(await status(getProposalPage(s.db, actor, s.ps[2].number))).toBe(404); // B's
    expect(await status(getProposalPage(s.db, actor, s.ps[3].number))).toBe(404); // conflicted
    expect(await status(getProposalPage(s.db, actor, s.sp.number))).toBe(404); // other edition
    expect(await status(getProposalPage(s.db, actor, "KIPP2025-999999"))).toBe(404);
    expect(await status(getProposalFiles(s.db, actor, s.ps[0].number))).toBe(200);
    expect(await status(getProposalFiles(s.db, actor, s.ps[2].number))).toBe(404);
    expect(await status(getProposalFiles(s.db, actor, s.ps[3].number))).toBe(404);
    // A dismissed conflict gives access back.
    await s.db.updateTable("conflicts").set({ status: "dismissed" }).where("juror_id", "=", s.jA).execute();
    expect(await status(getProposalPage(s.db, actor, s.ps[3].number))).toBe(200);
    // A withdrawn juror reads nothing.
    await s.db.updateTable("jurors").set({ status: "withdrawn" }).where("id", "=", s.jA).execute();
    expect(await status(getProposalPage(s.db, await actorOf(s.db, s.w.users.evaluator), s.ps[0].number))).toBe(404);
  });

  it("downloads a file of an assigned proposal only", async () => {
    const s = await scene();
    await assignScene(s);
    const pdf = Buffer.from("%PDF-1.4\n% juri\n");
    async function store(proposalId: string): Promise<string> {
      async function* once() {
        yield pdf;
      }
      const tmp = await writeTempFile(once(), 1024);
      if (!tmp.ok) throw new Error("temp");
      const key = newStorageKey();
      await localDiskStorage.put(tmp.path, { key, mime: "application/pdf", size: tmp.size });
      const id = newId();
      await s.db
        .insertInto("proposal_files")
        .values({ id, proposal_id: proposalId, slot_key: "sk_inovator", storage: "local", storage_key: key, original_name: "sk.pdf", mime_type: "application/pdf", size_bytes: pdf.length, sha256: "x", uploaded_by: null, created_at: "2025-07-01T00:00:00.000Z" })
        .execute();
      return id;
    }
    const own = await store(s.ps[0].id);
    const others = await store(s.ps[2].id);
    const conflicted = await store(s.ps[3].id);
    const actor = await actorOf(s.db, s.w.users.evaluator);
    const got = await openProposalFile(s.db, actor, own);
    const body: Buffer[] = [];
    for await (const c of got.stream) body.push(Buffer.from(c));
    expect([got.size, got.mime, Buffer.concat(body).toString("latin1")]).toEqual([pdf.length, "application/pdf", pdf.toString("latin1")]);
    expect(await status(openProposalFile(s.db, actor, others))).toBe(404);
    expect(await status(openProposalFile(s.db, actor, conflicted))).toBe(404);
    expect(await status(openProposalFile(s.db, await actorOf(s.db, s.userB), own))).toBe(404);
  });
});

// ---------------------------------------------------------------------------

/** Counts the queries a handle runs. */
class CountingPlugin implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe("the organizer's matrix", () => {
  it("shows proposals × the round's pool with assignments, conflicts and totals (PANRB allowed)", async () => {
    const s = await scene();
    await assignScene(s);
    await conflict(s.db, s.w.competitions.kipp, s.jB, s.ps[0].id, "auto_agency");
    // An invited juror is not in the pool; a panelist is in another pool.
    await buildJuror(s.db, { competitionId: s.w.competitions.kipp, email: "baru@juri.test", name: "Baru" });
    await buildJuror(s.db, { competitionId: s.w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: s.w.users.panelist });
    const m = await getRoundMatrix(s.db, await actorOf(s.db, s.w.users.panrbAdmin), "kipp-2025", s.r1);
    expect(m.round).toMatchObject({ position: 1, k: 2 });
    expect(m.jurors.map((j) => [j.name, j.shortName, j.load, j.maxLoad])).toEqual([
      ["Dewi Lestari", "Dewi L.", 2, 100],
      ["Eko Prasetyo", "Eko P.", 3, 100],
    ]);
    const none = { assigned: null, conflicts: [] };
    const exp = (expert: boolean, source: "auto" | "manual" = "auto") => ({ assigned: { expert, source }, conflicts: [] });
    expect(m.rows.map((r) => [r.number, r.agencyCode, r.assigned, r.cells])).toEqual([
      [s.ps[0].number, "KOTA-61.71", 1, [{ assigned: null, conflicts: ["auto_agency"] }, exp(true)]],
      [s.ps[1].number, "KOTA-61.71", 1, [none, exp(true)]],
      [s.ps[2].number, "KOTA-61.71", 1, [exp(false), none]],
      [s.ps[3].number, "KOTA-61.72", 1, [none, { assigned: { expert: false, source: "auto" }, conflicts: ["juror"] }]],
      [s.ps[4].number, "KOTA-61.72", 1, [exp(false), none]],
    ]);
    expect([m.total, m.page, m.pageCount]).toEqual([5, 1, 1]);
    expect(m.agencies.map((a) => a.code)).toEqual(["KOTA-61.71", "KOTA-61.72"]);
    expect(JSON.stringify(m)).not.toContain(s.sp.number);
  });

  it("filters by agency, category and fewer than k jurors, and pages by 50", async () => {
    const s = await scene();
    await assignScene(s);
    const actor = await actorOf(s.db, s.w.users.panrbAdmin);
    const numbers = async (q: Parameters<typeof getRoundMatrix>[4]) => (await getRoundMatrix(s.db, actor, "kipp-2025", s.r1, q)).rows.map((r) => r.number);
    expect(await numbers({ agencyId: s.w.agencies.singkawang })).toEqual([s.ps[3].number, s.ps[4].number]);
    expect(await numbers({ categoryId: s.e.categories.kesehatan })).toEqual([s.ps[3].number]);
    await assign(s.db, s.r1, s.jB, s.ps[1].id);
    expect(await numbers({ underK: true })).toEqual([s.ps[0].number, s.ps[2].number, s.ps[3].number, s.ps[4].number]);
    // 55 more proposals: two pages.
    const more = await buildScreenedProposals(s.db, s.e, Array.from({ length: 55 }, () => ({ agencyId: s.w.agencies.pontianak })));
    const p2 = await getRoundMatrix(s.db, actor, "kipp-2025", s.r1, { page: 2 });
    expect([p2.total, p2.page, p2.pageCount, p2.rows.length, p2.rows[0].number]).toEqual([60, 2, 2, 10, more[45].number]);
    // A page past the end shows the last one.
    expect((await getRoundMatrix(s.db, actor, "kipp-2025", s.r1, { page: 9 })).page).toBe(2);
  });

  it("refuses the organizer of another edition (Kalbar), jurors and unknown rounds", async () => {
    const s = await scene();
    await assignScene(s);
    for (const u of [s.w.users.kalbarAdmin, s.w.users.evaluator, s.w.users.adminLokal]) {
      expect(await status(getRoundMatrix(s.db, await actorOf(s.db, u), "kipp-2025", s.r1))).toBe(403);
      expect(await status(getRoundProgress(s.db, await actorOf(s.db, u), "kipp-2025", s.r1))).toBe(403);
    }
    const panrb = await actorOf(s.db, s.w.users.panrbAdmin);
    expect(await status(getRoundMatrix(s.db, panrb, "kipp-2025", "nope"))).toBe(404);
    // Sivablik's round under KIPP's slug is not found.
    const sivRound = (await s.db.selectFrom("rounds").select("id").where("competition_id", "=", s.w.competitions.sivablik).executeTakeFirstOrThrow()).id;
    expect(await status(getRoundMatrix(s.db, panrb, "kipp-2025", sivRound))).toBe(404);
    expect(await status(getRoundMatrix(s.db, panrb, "sivablik-2025", sivRound))).toBe(403);
  });

  it("runs a constant number of queries whatever the page and pool size", async () => {
    const s = await scene();
    await assignScene(s);
    const actor = await actorOf(s.db, s.w.users.panrbAdmin);
    const counting = new CountingPlugin();
    const db = s.db.withPlugin(counting);
    await getRoundMatrix(db, actor, "kipp-2025", s.r1);
    const small = counting.count;
    const more = await buildScreenedProposals(s.db, s.e, Array.from({ length: 60 }, () => ({ agencyId: s.w.agencies.singkawang })));
    for (let i = 0; i < 12; i++) {
      const j = await buildJuror(s.db, { competitionId: s.w.competitions.kipp, email: `juri${i}@juri.test`, name: `Juri ${i}`, userId: null, status: "active" });
      for (const p of more.slice(i * 4, i * 4 + 8)) await assign(s.db, s.r1, j, p.id);
    }
    counting.count = 0;
    const m = await getRoundMatrix(db, actor, "kipp-2025", s.r1);
    expect([m.rows.length, m.jurors.length]).toEqual([50, 14]);
    expect(counting.count).toBe(small);
    counting.count = 0;
    await getRoundProgress(db, actor, "kipp-2025", s.r1);
    const progressQueries = counting.count;
    await buildJuror(s.db, { competitionId: s.w.competitions.kipp, email: "lagi@juri.test", name: "Lagi", userId: null, status: "active" });
    counting.count = 0;
    await getRoundProgress(db, actor, "kipp-2025", s.r1);
    expect(counting.count).toBe(progressQueries);
  });

  it("renders the national shape (2,100 proposals × 30 jurors, k = 3) quickly", async () => {
    const s = await scene();
    const db = s.db;
    const now = "2025-07-01T00:00:00.000Z";
    const proposals = Array.from({ length: 2100 }, (_, i) => ({
      id: `bulk-p-${i}`,
      competition_id: s.w.competitions.kipp,
      group_id: s.e.groups.umum,
      category_id: i % 2 ? s.e.categories.digital : s.e.categories.kesehatan,
      agency_id: i % 3 ? s.w.agencies.pontianak : s.w.agencies.singkawang,
      number: `KIPP2025-B${String(i).padStart(5, "0")}`,
      title: `Inovasi ${i}`,
      title_key: `inovasi ${i}`,
      status: "submitted" as const,
      submitted_at: now,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < proposals.length; i += 200) await db.insertInto("proposals").values(proposals.slice(i, i + 200)).execute();
    for (let i = 0; i < proposals.length; i += 400) {
      await db
        .insertInto("proposal_screenings")
        .values(proposals.slice(i, i + 400).map((p) => ({ proposal_id: p.id, result: "lolos" as const, decided_at: now, checked_at: now })))
        .execute();
    }
    const jurors: string[] = [];
    for (let j = 0; j < 30; j++) jurors.push(await buildJuror(db, { competitionId: s.w.competitions.kipp, email: `n${j}@juri.test`, name: `Juri Nasional ${j}`, userId: null, status: "active", maxLoad: 250 }));
    const rows = proposals.flatMap((p, i) =>
      [0, 1, 2].map((d) => ({
        id: `bulk-a-${i}-${d}`,
        round_id: s.r1,
        juror_id: jurors[(i + d * 7) % 30],
        proposal_id: p.id,
        source: "auto" as const,
        expertise_match: 1,
        run_id: null,
        created_by: null,
        created_at: now,
        opened_at: null,
        completed_at: null,
      })),
    );
    for (let i = 0; i < rows.length; i += 500) await db.insertInto("assignments").values(rows.slice(i, i + 500)).execute();
    const actor = await actorOf(db, s.w.users.panrbAdmin);
    const started = performance.now();
    const m = await getRoundMatrix(db, actor, "kipp-2025", s.r1, { page: 20 });
    const under = await getRoundMatrix(db, actor, "kipp-2025", s.r1, { underK: true });
    const progress = await getRoundProgress(db, actor, "kipp-2025", s.r1);
    const ms = performance.now() - started;
    expect([m.total, m.pageCount, m.rows.length, m.jurors.length, under.total]).toEqual([2105, 43, 50, 32, 5]);
    expect(m.rows.every((r) => r.cells.filter((c) => c.assigned).length === r.assigned)).toBe(true);
    expect(progress.totals.assigned).toBe(6300);
    expect(ms).toBeLessThan(3000);
  });
});

// ---------------------------------------------------------------------------

describe("progress and reminders", () => {
  it("counts each juror's work, last activity and declared conflicts", async () => {
    const s = await scene();
    await assignScene(s);
    await conflict(s.db, s.w.competitions.kipp, s.jB, s.ps[1].id, "juror");
    await conflict(s.db, s.w.competitions.kipp, s.jB, s.ps[0].id, "auto_agency");
    const p = await getRoundProgress(s.db, await actorOf(s.db, s.w.users.panrbAdmin), "kipp-2025", s.r1);
    expect(p.jurors.map((j) => [j.name, j.assigned, j.opened, j.completed, j.percent, j.lastActivity, j.declaredConflicts, j.unfinished])).toEqual([
      ["Dewi Lestari", 2, 1, 0, 0, "2025-08-05T05:00:00.000Z", 1, true],
      ["Eko Prasetyo", 2, 2, 1, 50, "2025-08-04T04:00:00.000Z", 1, true],
    ]);
    expect(p.totals).toEqual({ assigned: 4, opened: 3, completed: 1 });
    expect(p.remindable).toBe(2);
  });

  it("mails a reminder in the juror's language, audits it, and throttles to one per hour", async () => {
    const s = await scene();
    await assignScene(s);
    await s.db.updateTable("users").set({ locale: "en" }).where("id", "=", s.w.users.evaluator).execute();
    const panrb = await actorOf(s.db, s.w.users.panrbAdmin);
    const ctx = { origin: "https://sayembara.example" };
    expect(await sendReminders(s.db, panrb, "kipp-2025", s.r1, { jurorId: s.jA }, ctx)).toEqual({ ok: true, sent: 1, skipped: 0 });
    const mails = await s.db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).execute();
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["evaluator1@juri.test", "Scoring reminder: Penilaian proposal — KIPP 2025"]]);
    expect(mails[0].body_text).toContain("Of the 2 proposals assigned to you, 2 have been opened and 1 completed; 1 are not completed yet.");
    expect(mails[0].body_text).toContain("https://sayembara.example/juror/kipp-2025");
    expect(mails[0].body_text).toContain("This round ends: ");
    const audit = await s.db.selectFrom("audit_log").select(["action", "entity_id", "competition_id", "organizer_id", "after_json"]).where("action", "=", "assignment.reminded").execute();
    expect(audit.map((a) => [a.action, a.entity_id, a.competition_id, a.organizer_id, JSON.parse(a.after_json ?? "{}").jurorIds])).toEqual([
      ["assignment.reminded", s.r1, s.w.competitions.kipp, s.w.organizers.panrb, [s.jA]],
    ]);

    // Again within the hour: refused, nothing mailed.
    const again = await sendReminders(s.db, panrb, "kipp-2025", s.r1, { jurorId: s.jA }, ctx);
    expect(again).toMatchObject({ ok: false, reason: "throttled" });
    // "Remind all": B (Indonesian) only; A skipped.
    expect(await sendReminders(s.db, panrb, "kipp-2025", s.r1, { all: true }, ctx)).toEqual({ ok: true, sent: 1, skipped: 1 });
    const after = await s.db.selectFrom("outbox").select(["to_address", "subject"]).orderBy("to_address").execute();
    expect(after.map((m) => [m.to_address, m.subject])).toEqual([
      ["evaluator1@juri.test", "Scoring reminder: Penilaian proposal — KIPP 2025"],
      ["evaluator2@juri.test", "Pengingat penilaian: Penilaian proposal — KIPP 2025"],
    ]);
    const progress = await getRoundProgress(s.db, panrb, "kipp-2025", s.r1);
    expect([progress.remindable, progress.jurors.every((j) => j.throttledUntil !== null)]).toEqual([0, true]);
    // An hour later both may be reminded again.
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect(await sendReminders(s.db, panrb, "kipp-2025", s.r1, { all: true }, { ...ctx, now: later })).toEqual({ ok: true, sent: 2, skipped: 0 });
  });

  it("does not remind a juror with nothing left, and refuses another organizer", async () => {
    const s = await scene();
    await assign(s.db, s.r1, s.jA, s.ps[0].id, { opened: "2025-08-03T02:00:00.000Z", completed: "2025-08-03T05:00:00.000Z" });
    const panrb = await actorOf(s.db, s.w.users.panrbAdmin);
    expect(await sendReminders(s.db, panrb, "kipp-2025", s.r1, { jurorId: s.jA })).toEqual({ ok: false, reason: "nothing" });
    expect(await sendReminders(s.db, panrb, "kipp-2025", s.r1, { all: true })).toEqual({ ok: true, sent: 0, skipped: 0 });
    expect(await status(sendReminders(s.db, panrb, "kipp-2025", s.r1, { jurorId: "bukan-juri" }))).toBe(404);
    expect(await status(sendReminders(s.db, await actorOf(s.db, s.w.users.kalbarAdmin), "kipp-2025", s.r1, { all: true }))).toBe(403);
    expect(await s.db.selectFrom("outbox").select("id").execute()).toEqual([]);
  });
});

describe("short names", () => {
  it("keeps the first name and initials", () => {
    expect([shortName("Eko Prasetyo Utomo"), shortName("Dewi"), shortName("  Prof.  Ahmad  Rifai "), shortName("")]).toEqual([
      "Eko P.U.",
      "Dewi",
      "Prof. A.R.",
      "?",
    ]);
  });
});
