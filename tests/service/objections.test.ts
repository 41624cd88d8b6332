/**
 * Objections (keberatan): filing with evidence during the window (server
 * clock, WIB last minute), withdrawing, answering (accept with the decision
 * changed through the audited path and a correction draft, or reject), the
 * answer notified and mailed to the filing agency, and evidence downloads —
 * every permission allowed once and denied once with data present that
 * could leak.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import {
  answerObjection,
  createCorrectionForObjection,
  fileObjection,
  getAgencyObjections,
  getCompetitionObjections,
  openObjectionFile,
  withdrawObjection,
} from "~/services/objections.server";
import { expectStatus } from "../support/accounts";
import { useTestDb } from "../support/db";
import {
  buildDecidedRound,
  buildObjectionScene,
  DURING,
  EXE,
  filingRequest,
  insertAnnouncement,
  LAST_SECOND,
  MIDNIGHT_AFTER,
  PDF,
  PNG,
  REASONS,
  type ObjectionScene,
} from "../support/publication-objections";

const ORIGIN = "https://sayembara.test";
let root: string;
const savedEnv = { UPLOADS_DIR: process.env.UPLOADS_DIR, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-objections-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Stored objects (not temporary files) under the uploads root. */
function storedObjects(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

function tempFiles(): string[] {
  return storedObjects().filter((f) => f.startsWith("tmp"));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

const t = useTestDb();
let s: ObjectionScene;

beforeEach(async () => {
  for (const e of readdirSync(root)) rmSync(path.join(root, e), { recursive: true, force: true });
  s = await buildObjectionScene(t.db);
});

async function objectionRows(db: DB) {
  return db.selectFrom("objections").select(["agency_id", "proposal_id", "status", "reasons", "outcome", "answer"]).orderBy("created_at").execute();
}

async function auditActions(db: DB) {
  return (await db.selectFrom("audit_log").select("action").orderBy("action").execute()).map((r) => r.action);
}

/** Pontianak files about its own unlisted proposal p2 (no files unless given). */
async function fileOwn(files: { name: string; bytes: Buffer; type?: string }[] = [], now = DURING) {
  const r = await fileObjection(
    t.db,
    s.actors.adminLokal,
    s.world.agencies.pontianak,
    s.screeningId,
    filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }, files),
    { now },
  );
  if (!r.ok) throw new Error(`filing refused: ${JSON.stringify(r.errors)}`);
  return r.id;
}

/** Singkawang files about Pontianak's listed proposal p1, by number. */
async function fileAboutListed(now = DURING) {
  const r = await fileObjection(
    t.db,
    s.actors.otherAdminLokal,
    s.world.agencies.singkawang,
    s.screeningId,
    filingRequest(s.world.agencies.singkawang, s.screeningId, { proposal: "listed", listedNumber: s.proposals.p1.number.toLowerCase(), reasons: REASONS }),
    { now },
  );
  if (!r.ok) throw new Error(`filing refused: ${JSON.stringify(r.errors)}`);
  return r.id;
}

describe("filing an objection", () => {
  it("files one about the agency's own unlisted proposal with evidence, stored and audited", async () => {
    const id = await fileOwn([
      { name: "SK Inovator.pdf", bytes: PDF },
      { name: "foto-layanan.png", bytes: PNG, type: "image/png" },
    ]);
    expect(await objectionRows(t.db)).toEqual([
      { agency_id: s.world.agencies.pontianak, proposal_id: s.proposals.p2.id, status: "pending", reasons: REASONS, outcome: null, answer: null },
    ]);
    const files = await t.db.selectFrom("objection_files").select(["objection_id", "original_name", "mime_type", "size_bytes", "storage"]).orderBy("original_name").execute();
    expect(files.map((f) => ({ ...f, size_bytes: Number(f.size_bytes) }))).toEqual([
      { objection_id: id, original_name: "SK Inovator.pdf", mime_type: "application/pdf", size_bytes: PDF.length, storage: "local" },
      { objection_id: id, original_name: "foto-layanan.png", mime_type: "image/png", size_bytes: PNG.length, storage: "local" },
    ]);
    expect(storedObjects().filter((f) => !f.startsWith("tmp")).length).toBe(2);
    expect(tempFiles()).toEqual([]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "objection.filed").execute();
    expect(audit.length).toBe(1);
    expect(audit[0]).toMatchObject({ entity_id: id, competition_id: s.edition.competitionId, agency_id: s.world.agencies.pontianak, organizer_id: s.world.organizers.panrb });
    expect(JSON.parse(audit[0].after_json ?? "{}")).toMatchObject({ proposal: s.proposals.p2.number, announcement_number: "B/1/PP.00.05/2025", reasons: REASONS });
  });

  it("files one about another agency's listed proposal named by its number", async () => {
    await fileAboutListed();
    expect(await objectionRows(t.db)).toEqual([
      { agency_id: s.world.agencies.singkawang, proposal_id: s.proposals.p1.id, status: "pending", reasons: REASONS, outcome: null, answer: null },
    ]);
  });

  it("accepts a filing at 23:59:59 WIB of the last day and refuses one at 00:00 WIB after it, keeping the reasons", async () => {
    await fileOwn([], LAST_SECOND);
    const late = await fileObjection(
      t.db,
      s.actors.adminLokal,
      s.world.agencies.pontianak,
      s.screeningId,
      filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p1.id, reasons: REASONS }, [{ name: "bukti.pdf", bytes: PDF }]),
      { now: MIDNIGHT_AFTER },
    );
    expect(late).toEqual({ ok: false, errors: { _form: "objections.errors.windowClosed" }, values: { proposal: s.proposals.p1.id, reasons: REASONS } });
    expect((await objectionRows(t.db)).length).toBe(1);
    expect(storedObjects()).toEqual([]);
  });

  it("refuses an announcement without a window and one already superseded", async () => {
    const noWindow = await insertAnnouncement(t.db, { competitionId: s.edition.competitionId, kind: "screening", number: "B/2/PP.00.05/2025", objectionDays: null, proposalIds: [s.proposals.p1.id] });
    const r1 = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, noWindow, filingRequest(s.world.agencies.pontianak, noWindow, { proposal: s.proposals.p2.id, reasons: REASONS }), { now: DURING });
    expect(r1).toMatchObject({ ok: false, errors: { _form: "objections.errors.noWindow" } });
    await t.db.updateTable("announcements").set({ superseded_by_id: noWindow, superseded_at: DURING.toISOString() }).where("id", "=", s.screeningId).execute();
    const r2 = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, s.screeningId, filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }), { now: DURING });
    expect(r2).toMatchObject({ ok: false, errors: { _form: "objections.errors.superseded" } });
    expect(await objectionRows(t.db)).toEqual([]);
  });

  it("refuses a renamed executable at the files field, keeps the reasons and stores nothing", async () => {
    const r = await fileObjection(
      t.db,
      s.actors.adminLokal,
      s.world.agencies.pontianak,
      s.screeningId,
      filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }, [
        { name: "bukti.pdf", bytes: PDF },
        { name: "laporan.pdf", bytes: EXE },
      ]),
      { now: DURING },
    );
    expect(r).toEqual({ ok: false, errors: { files: "objections.errors.fileType" }, values: { proposal: s.proposals.p2.id, reasons: REASONS }, fileName: "laporan.pdf" });
    expect(await objectionRows(t.db)).toEqual([]);
    expect(storedObjects()).toEqual([]);
  });

  it("refuses a file over 10 MB and a fourth file, keeping the reasons", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const r1 = await fileObjection(
      t.db,
      s.actors.adminLokal,
      s.world.agencies.pontianak,
      s.screeningId,
      filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }, [{ name: "besar.pdf", bytes: big }]),
      { now: DURING },
    );
    expect(r1).toEqual({ ok: false, errors: { files: "objections.errors.fileTooLarge" }, values: { proposal: s.proposals.p2.id, reasons: REASONS }, fileName: "besar.pdf" });
    const four = [1, 2, 3, 4].map((i) => ({ name: `bukti-${i}.pdf`, bytes: PDF }));
    const r2 = await fileObjection(
      t.db,
      s.actors.adminLokal,
      s.world.agencies.pontianak,
      s.screeningId,
      filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }, four),
      { now: DURING },
    );
    expect(r2).toEqual({ ok: false, errors: { files: "objections.errors.tooManyFiles" }, values: { proposal: s.proposals.p2.id, reasons: REASONS } });
    expect(await objectionRows(t.db)).toEqual([]);
    expect(storedObjects()).toEqual([]);
  });

  it("gives field errors for bad input and keeps what was typed", async () => {
    const file = (fields: Record<string, string>) =>
      fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, s.screeningId, filingRequest(s.world.agencies.pontianak, s.screeningId, fields), { now: DURING });
    expect(await file({ proposal: "", reasons: "terlalu pendek" })).toEqual({
      ok: false,
      errors: { proposal: "objections.errors.proposalRequired", reasons: "objections.errors.reasonsTooShort" },
      values: { proposal: "", reasons: "terlalu pendek" },
    });
    expect(await file({ proposal: "listed", listedNumber: "", reasons: REASONS })).toMatchObject({ errors: { listedNumber: "objections.errors.listedNumberRequired" } });
    // p2 is Pontianak's but not on the list; s2 is Singkawang's and not on the list either.
    expect(await file({ proposal: "listed", listedNumber: s.proposals.s2.number, reasons: REASONS })).toMatchObject({ errors: { listedNumber: "objections.errors.notListed" } });
    // Another agency's proposal cannot be chosen as the agency's own.
    expect(await file({ proposal: s.proposals.s2.id, reasons: REASONS })).toMatchObject({ errors: { proposal: "objections.errors.proposalUnknown" } });
    expect(await file({ proposal: s.proposals.p2.id, reasons: "x".repeat(5001) })).toMatchObject({ errors: { reasons: "objections.errors.reasonsTooLong" } });
    expect(await objectionRows(t.db)).toEqual([]);
  });

  it("refuses a second pending objection about the same proposal in the same announcement", async () => {
    await fileOwn();
    const again = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, s.screeningId, filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS }), { now: DURING });
    expect(again).toMatchObject({ ok: false, errors: { proposal: "objections.errors.duplicate" } });
  });

  it("is for the agency's Admin Lokal only: others get 403, a foreign or unpublished announcement 404", async () => {
    const req = () => filingRequest(s.world.agencies.pontianak, s.screeningId, { proposal: s.proposals.p2.id, reasons: REASONS });
    for (const actor of [s.actors.otherAdminLokal, s.actors.innovator, s.actors.panrbAdmin, s.actors.nobody]) {
      await expectStatus(fileObjection(t.db, actor, s.world.agencies.pontianak, s.screeningId, req(), { now: DURING }), 403);
    }
    // Singkawang has no proposal in Sivablik: that announcement does not concern it.
    await expectStatus(
      fileObjection(t.db, s.actors.otherAdminLokal, s.world.agencies.singkawang, s.sivablik.announcementId, filingRequest(s.world.agencies.singkawang, s.sivablik.announcementId, { proposal: "listed", listedNumber: s.sivablik.proposal.number, reasons: REASONS }), { now: DURING }),
      404,
    );
    const draft = await insertAnnouncement(t.db, { competitionId: s.edition.competitionId, kind: "screening", number: "x", status: "draft", proposalIds: [] });
    await expectStatus(fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, draft, req(), { now: DURING }), 404);
    expect(await objectionRows(t.db)).toEqual([]);
  });
});

describe("the agency's page and withdrawing", () => {
  it("shows the open windows that concern the agency and only its own objections", async () => {
    await fileOwn([{ name: "bukti.pdf", bytes: PDF }]);
    await fileAboutListed();
    const page = await getAgencyObjections(t.db, s.actors.adminLokal, s.world.agencies.pontianak, { now: DURING, announcementId: s.screeningId });
    expect(page.canFile).toBe(true);
    expect(page.windows.map((w) => w.number).sort()).toEqual(["B/1/PP.00.05/2025", "SIV/1/2025"]);
    expect(page.selected?.ownProposals.map((p) => p.number)).toEqual([s.proposals.p1.number, s.proposals.p2.number]);
    expect(page.objections.map((o) => ({ proposal: o.proposal.number, agency: o.agency.id, files: o.files.map((f) => f.name), canWithdraw: o.canWithdraw }))).toEqual([
      { proposal: s.proposals.p2.number, agency: s.world.agencies.pontianak, files: ["bukti.pdf"], canWithdraw: true },
    ]);
    const innovatorView = await getAgencyObjections(t.db, s.actors.innovator, s.world.agencies.pontianak, { now: DURING });
    expect(innovatorView.canFile).toBe(false);
    expect(innovatorView.objections.map((o) => o.canWithdraw)).toEqual([false]);
    const after = await getAgencyObjections(t.db, s.actors.adminLokal, s.world.agencies.pontianak, { now: MIDNIGHT_AFTER });
    expect(after.windows.map((w) => w.number)).toEqual([]);
    expect(after.objections.map((o) => o.canWithdraw)).toEqual([false]);
  });

  it("is refused to another agency's people and to the organizer", async () => {
    await fileOwn();
    for (const actor of [s.actors.otherAdminLokal, s.actors.otherInnovator, s.actors.panrbAdmin]) {
      await expectStatus(getAgencyObjections(t.db, actor, s.world.agencies.pontianak, { now: DURING }), 403);
    }
  });

  it("withdraws a pending objection before the window ends, audited; not after, not twice", async () => {
    const id = await fileOwn();
    expect(await withdrawObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, id, { now: LAST_SECOND })).toEqual({ ok: true });
    expect((await objectionRows(t.db)).map((o) => o.status)).toEqual(["withdrawn"]);
    expect(await withdrawObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, id, { now: LAST_SECOND })).toEqual({ ok: false, errors: { _form: "objections.errors.notPending" } });
    const other = await fileOwn();
    expect(await withdrawObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, other, { now: MIDNIGHT_AFTER })).toEqual({ ok: false, errors: { _form: "objections.errors.withdrawClosed" } });
    expect(await auditActions(t.db)).toEqual(["objection.filed", "objection.filed", "objection.withdrawn"]);
  });

  it("does not let another agency withdraw it (403 on its own id, 404 through its own agency)", async () => {
    const id = await fileOwn();
    await expectStatus(withdrawObjection(t.db, s.actors.otherAdminLokal, s.world.agencies.pontianak, id, { now: DURING }), 403);
    await expectStatus(withdrawObjection(t.db, s.actors.otherAdminLokal, s.world.agencies.singkawang, id, { now: DURING }), 404);
    await expectStatus(withdrawObjection(t.db, s.actors.innovator, s.world.agencies.pontianak, id, { now: DURING }), 403);
    expect((await objectionRows(t.db)).map((o) => o.status)).toEqual(["pending"]);
  });
});

describe("answering", () => {
  it("rejects with an answer: status, audit, notification and mail to the filing agency only", async () => {
    const id = await fileOwn();
    const r = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", id, { decision: "reject", outcome: "", answer: "Lampiran SK tidak ditemukan pada berkas." }, { origin: ORIGIN, now: DURING });
    expect(r).toEqual({ ok: true, status: "rejected", decisionChanged: false, correctionId: null, mailed: 1 });
    expect(await objectionRows(t.db)).toEqual([
      { agency_id: s.world.agencies.pontianak, proposal_id: s.proposals.p2.id, status: "rejected", reasons: REASONS, outcome: null, answer: "Lampiran SK tidak ditemukan pada berkas." },
    ]);
    const notes = await t.db.selectFrom("notifications").select(["user_id", "message_key", "link"]).orderBy("user_id").execute();
    expect(notes).toEqual(
      [s.world.users.adminLokal, s.world.users.innovator].sort().map((u) => ({ user_id: u, message_key: "objections.notify.rejected", link: `/agency/${s.world.agencies.pontianak}/objections` })),
    );
    const mail = await t.db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).execute();
    expect(mail.map((m) => [m.to_address, m.subject])).toEqual([["adminlokal@pontianak.test", "Jawaban keberatan atas pengumuman B/1/PP.00.05/2025"]]);
    expect(mail[0].body_text).toContain("Lampiran SK tidak ditemukan pada berkas.");
    expect(mail[0].body_text).toContain(`${ORIGIN}/agency/${s.world.agencies.pontianak}/objections`);
    // Proposal decisions untouched.
    const screening = await t.db.selectFrom("proposal_screenings").select("result").where("proposal_id", "=", s.proposals.p2.id).executeTakeFirstOrThrow();
    expect(screening.result).toBe("tidak_lolos");
    expect(await auditActions(t.db)).toEqual(["objection.answered", "objection.filed"]);
  });

  it("accepts (include) on a screening list: the result becomes lolos, audited, and a correction draft supersedes the list", async () => {
    const id = await fileOwn();
    const r = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", id, { decision: "accept", outcome: "include", answer: "SK inovator ternyata terunggah tepat waktu." }, { origin: ORIGIN, now: DURING });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r).toMatchObject({ status: "accepted", decisionChanged: true, mailed: 1 });
    const screening = await t.db.selectFrom("proposal_screenings").select(["result", "note"]).where("proposal_id", "=", s.proposals.p2.id).executeTakeFirstOrThrow();
    expect(screening).toEqual({
      result: "lolos",
      note: "Keberatan Pemerintah Kota Pontianak atas pengumuman B/1/PP.00.05/2025 diterima: SK inovator ternyata terunggah tepat waktu.".replace(
        "Pemerintah Kota Pontianak",
        (await t.db.selectFrom("agencies").select("name").where("id", "=", s.world.agencies.pontianak).executeTakeFirstOrThrow()).name,
      ),
    });
    const correction = await t.db.selectFrom("announcements").select(["id", "status", "supersedes_id", "kind"]).where("supersedes_id", "=", s.screeningId).execute();
    expect(correction).toEqual([{ id: r.correctionId, status: "draft", supersedes_id: s.screeningId, kind: "screening" }]);
    const entries = await t.db.selectFrom("announcement_entries").select("proposal_number").where("announcement_id", "=", r.correctionId!).orderBy("proposal_number").execute();
    expect(entries.map((e) => e.proposal_number)).toEqual([s.proposals.p1.number, s.proposals.p2.number, s.proposals.s1.number]);
    const o = await t.db.selectFrom("objections").select(["status", "outcome", "correction_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(o).toEqual({ status: "accepted", outcome: "include", correction_id: r.correctionId });
    expect(await auditActions(t.db)).toEqual([
      "announcement.correctionCreated",
      "objection.answered",
      "objection.correctionLinked",
      "objection.filed",
      "screening.revisedByObjection",
    ]);
    const revised = await t.db.selectFrom("audit_log").select(["before_json", "after_json", "agency_id"]).where("action", "=", "screening.revisedByObjection").executeTakeFirstOrThrow();
    expect(JSON.parse(revised.before_json ?? "{}")).toMatchObject({ number: s.proposals.p2.number, result: "tidak_lolos" });
    expect(JSON.parse(revised.after_json ?? "{}")).toMatchObject({ number: s.proposals.p2.number, result: "lolos", objection_id: id });
    expect(revised.agency_id).toBe(s.world.agencies.pontianak);
  });

  it("accepts (exclude) another agency's listed proposal; accepted objections share one correction draft", async () => {
    const aboutP1 = await fileAboutListed();
    const own = await fileOwn();
    const r1 = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", aboutP1, { decision: "accept", outcome: "exclude", answer: "Inovasi belum berjalan dua tahun." }, { origin: ORIGIN, now: DURING });
    const r2 = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", own, { decision: "accept", outcome: "include", answer: "SK inovator terunggah tepat waktu." }, { origin: ORIGIN, now: DURING });
    if (!r1.ok || !r2.ok) throw new Error("refused");
    expect(r2.correctionId).toBe(r1.correctionId);
    const results = await t.db.selectFrom("proposal_screenings").select(["proposal_id", "result", "reasons_json"]).where("proposal_id", "in", [s.proposals.p1.id, s.proposals.p2.id]).execute();
    expect(Object.fromEntries(results.map((x) => [x.proposal_id, [x.result, x.reasons_json]]))).toEqual({
      [s.proposals.p1.id]: ["tidak_lolos", '["other"]'],
      [s.proposals.p2.id]: ["lolos", "[]"],
    });
    // The mail about p1 goes to the agency that filed (Singkawang), not to the proposal's agency.
    const mail = await t.db.selectFrom("outbox").select("to_address").orderBy("to_address").execute();
    expect(mail.map((m) => m.to_address)).toEqual(["adminlokal@pontianak.test", "adminlokal@singkawang.test"]);
  });

  it("accepts on a finalists list: decision entry, override and next round's entrants change; refused once the next round opened", async () => {
    const { p1, p2, s1 } = s.proposals;
    const { roundId, nextRoundId } = await buildDecidedRound(t.db, s.edition.competitionId, [
      { proposalId: p1.id, decision: "advance" },
      { proposalId: s1.id, decision: "advance" },
      { proposalId: p2.id, decision: "stop" },
    ]);
    const finalists = await insertAnnouncement(t.db, { competitionId: s.edition.competitionId, kind: "finalists", roundId, number: "B/2/PP.00.05/2025", proposalIds: [p1.id, s1.id] });
    const include = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, finalists, filingRequest(s.world.agencies.pontianak, finalists, { proposal: p2.id, reasons: REASONS }), { now: DURING });
    const exclude = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, finalists, filingRequest(s.world.agencies.pontianak, finalists, { proposal: "listed", listedNumber: s1.number, reasons: REASONS }), { now: DURING });
    if (!include.ok || !exclude.ok) throw new Error("refused");

    const r1 = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", include.id, { decision: "accept", outcome: "include", answer: "Nilai dihitung ulang; proposal lanjut." }, { origin: ORIGIN, now: DURING });
    expect(r1).toMatchObject({ ok: true, decisionChanged: true });
    const entries = await t.db.selectFrom("round_decision_entries").select(["proposal_id", "decision"]).where("round_id", "=", roundId).orderBy("rank").execute();
    expect(entries).toEqual([
      { proposal_id: p1.id, decision: "advance" },
      { proposal_id: s1.id, decision: "advance" },
      { proposal_id: p2.id, decision: "override_advance" },
    ]);
    const overrides = await t.db.selectFrom("round_overrides").select(["proposal_id", "decision"]).where("round_id", "=", roundId).execute();
    expect(overrides).toEqual([{ proposal_id: p2.id, decision: "advance" }]);
    const entrants = async () => (await t.db.selectFrom("round_entrants").select("proposal_id").where("round_id", "=", nextRoundId).execute()).map((e) => e.proposal_id).sort();
    expect(await entrants()).toEqual([p1.id, s1.id, p2.id].sort());

    // Once the next round is open its entrants are fixed: nothing changes, the objection stays pending.
    await t.db.updateTable("rounds").set({ status: "open" }).where("id", "=", nextRoundId).execute();
    const refused = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", exclude.id, { decision: "accept", outcome: "exclude", answer: "Proposal tidak memenuhi syarat." }, { origin: ORIGIN, now: DURING });
    expect(refused).toEqual({ ok: false, errors: { outcome: "objections.errors.nextRoundStarted" } });
    expect((await t.db.selectFrom("objections").select("status").where("id", "=", exclude.id).executeTakeFirstOrThrow()).status).toBe("pending");

    await t.db.updateTable("rounds").set({ status: "draft" }).where("id", "=", nextRoundId).execute();
    const r2 = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", exclude.id, { decision: "accept", outcome: "exclude", answer: "Proposal tidak memenuhi syarat." }, { origin: ORIGIN, now: DURING });
    expect(r2).toMatchObject({ ok: true, decisionChanged: true });
    expect(await entrants()).toEqual([p1.id, p2.id].sort());
    const s1Entry = await t.db.selectFrom("round_decision_entries").select(["decision", "override_reason"]).where("round_id", "=", roundId).where("proposal_id", "=", s1.id).executeTakeFirstOrThrow();
    expect(s1Entry.decision).toBe("override_stop");
    expect(s1Entry.override_reason).toContain("Proposal tidak memenuhi syarat.");
    expect((await auditActions(t.db)).filter((a) => a === "round.decisionRevised")).toEqual(["round.decisionRevised", "round.decisionRevised"]);
  });

  it("refuses to include a proposal that was not in the announced round", async () => {
    const { p1, s1 } = s.proposals;
    const { roundId } = await buildDecidedRound(t.db, s.edition.competitionId, [{ proposalId: s1.id, decision: "advance" }]);
    const finalists = await insertAnnouncement(t.db, { competitionId: s.edition.competitionId, kind: "finalists", roundId, number: "B/2/PP.00.05/2025", proposalIds: [s1.id] });
    const f = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, finalists, filingRequest(s.world.agencies.pontianak, finalists, { proposal: p1.id, reasons: REASONS }), { now: DURING });
    if (!f.ok) throw new Error("refused");
    const r = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", f.id, { decision: "accept", outcome: "include", answer: "Diterima sebagian." }, { origin: ORIGIN, now: DURING });
    expect(r).toEqual({ ok: false, errors: { outcome: "objections.errors.notInRound" } });
    expect(await auditActions(t.db)).toEqual(["objection.filed"]);
  });

  it("accepts on a winners list: no decision change here, a link to the awards page with the reason", async () => {
    const winners = await insertAnnouncement(t.db, { competitionId: s.edition.competitionId, kind: "winners", number: "B/3/PP.00.05/2025", proposalIds: [s.proposals.s1.id] });
    const f = await fileObjection(t.db, s.actors.adminLokal, s.world.agencies.pontianak, winners, filingRequest(s.world.agencies.pontianak, winners, { proposal: s.proposals.p1.id, reasons: REASONS }), { now: DURING });
    if (!f.ok) throw new Error("refused");
    const r = await answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", f.id, { decision: "accept", outcome: "include", answer: "Nilai akhir tertukar." }, { origin: ORIGIN, now: DURING });
    expect(r).toMatchObject({ ok: true, decisionChanged: false });
    const page = await getCompetitionObjections(t.db, s.actors.panrbAdmin, "kipp-2025", { now: DURING, objectionId: f.id });
    expect(page.selected?.awardsLink).toMatch(new RegExp(`^/competitions/kipp-2025/awards\\?number=${s.proposals.p1.number}&reason=Keberatan%20`));
    expect(decodeURIComponent(page.selected?.awardsLink ?? "")).toContain("Nilai akhir tertukar.");
  });

  it("refuses bad input and a second answer, changing nothing", async () => {
    const id = await fileOwn();
    const answer = (input: Parameters<typeof answerObjection>[4]) => answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", id, input, { origin: ORIGIN, now: DURING });
    expect(await answer({ decision: "accept", outcome: "", answer: "" })).toEqual({
      ok: false,
      errors: { outcome: "objections.errors.outcomeRequired", answer: "objections.errors.answerRequired" },
    });
    expect(await answer({ decision: "maybe" as "accept", answer: "Jawaban yang cukup panjang." })).toEqual({ ok: false, errors: { decision: "objections.errors.decisionRequired" } });
    expect(await answer({ decision: "reject", answer: "pendek" })).toEqual({ ok: false, errors: { answer: "objections.errors.answerTooShort" } });
    expect((await objectionRows(t.db)).map((o) => o.status)).toEqual(["pending"]);
    expect(await answer({ decision: "reject", answer: "Tidak ada dasar yang cukup." })).toMatchObject({ ok: true });
    expect(await answer({ decision: "accept", outcome: "include", answer: "Tidak ada dasar yang cukup." })).toEqual({ ok: false, errors: { _form: "objections.errors.notPending" } });
  });

  it("is for the edition's organizer only: another organizer 403, an objection of another edition 404", async () => {
    const id = await fileOwn();
    const siv = await fileObjection(
      t.db,
      s.actors.adminLokal,
      s.world.agencies.pontianak,
      s.sivablik.announcementId,
      filingRequest(s.world.agencies.pontianak, s.sivablik.announcementId, { proposal: s.sivablik.proposal.id, reasons: REASONS }),
      { now: DURING },
    );
    if (!siv.ok) throw new Error("refused");
    const input = { decision: "reject" as const, answer: "Tidak ada dasar yang cukup." };
    for (const actor of [s.actors.kalbarAdmin, s.actors.adminLokal, s.actors.evaluator]) {
      await expectStatus(answerObjection(t.db, actor, "kipp-2025", id, input, { origin: ORIGIN, now: DURING }), 403);
      await expectStatus(getCompetitionObjections(t.db, actor, "kipp-2025", { now: DURING }), 403);
    }
    await expectStatus(answerObjection(t.db, s.actors.kalbarAdmin, "sivablik-2025", id, input, { origin: ORIGIN, now: DURING }), 404);
    await expectStatus(answerObjection(t.db, s.actors.panrbAdmin, "kipp-2025", siv.id, input, { origin: ORIGIN, now: DURING }), 404);
    await expectStatus(getCompetitionObjections(t.db, s.actors.panrbAdmin, "kipp-2025", { now: DURING, objectionId: siv.id }), 404);
    // Each organizer's page lists exactly its own edition's objections.
    const kipp = await getCompetitionObjections(t.db, s.actors.panrbAdmin, "kipp-2025", { now: DURING });
    expect(kipp.announcements.map((a) => [a.number, a.window, a.objections.map((o) => o.id)])).toEqual([["B/1/PP.00.05/2025", "open", [id]]]);
    expect(kipp.pending).toBe(1);
    const sivPage = await getCompetitionObjections(t.db, s.actors.kalbarAdmin, "sivablik-2025", { now: MIDNIGHT_AFTER });
    expect(sivPage.announcements.map((a) => [a.number, a.window, a.objections.map((o) => o.id)])).toEqual([["SIV/1/2025", "closed", [siv.id]]]);
    expect((await objectionRows(t.db)).map((o) => o.status)).toEqual(["pending", "pending"]);
  });

  it("makes a correction on request only for an accepted objection", async () => {
    const id = await fileOwn();
    expect(await createCorrectionForObjection(t.db, s.actors.panrbAdmin, "kipp-2025", id)).toEqual({ ok: false, errors: { _form: "objections.errors.notAccepted" } });
    await expectStatus(createCorrectionForObjection(t.db, s.actors.kalbarAdmin, "kipp-2025", id), 403);
  });
});

describe("evidence downloads", () => {
  it("serves the filing agency's people and the edition's organizer; 404 for everyone else", async () => {
    const id = await fileOwn([{ name: "SK Inovator.pdf", bytes: PDF }]);
    const fileId = (await t.db.selectFrom("objection_files").select("id").executeTakeFirstOrThrow()).id;
    for (const actor of [s.actors.adminLokal, s.actors.innovator, s.actors.panrbAdmin]) {
      const f = await openObjectionFile(t.db, actor, id, fileId);
      expect({ mime: f.mime, name: f.name, size: f.size, bytes: (await readAll(f.stream)).equals(PDF) }).toEqual({
        mime: "application/pdf",
        name: "SK Inovator.pdf",
        size: PDF.length,
        bytes: true,
      });
    }
    for (const actor of [s.actors.otherAdminLokal, s.actors.otherInnovator, s.actors.kalbarAdmin, s.actors.evaluator, s.actors.nobody, null]) {
      await expectStatus(openObjectionFile(t.db, actor, id, fileId), 404);
    }
    const other = await fileAboutListed();
    await expectStatus(openObjectionFile(t.db, s.actors.otherAdminLokal, other, fileId), 404);
    await expectStatus(openObjectionFile(t.db, s.actors.adminLokal, id, "nope"), 404);
  });
});
