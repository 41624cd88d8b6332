/**
 * Replications: starting from a catalogue innovation or an external source,
 * stages with WIB dates, notes and evidence (multipart), status rules, the
 * source agency's confirmation, an organizer's record and verification, the
 * Replikasi-proposal hook, and evidence downloads — each permission allowed
 * once and denied once, with other agencies' replications present.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import {
  getAgencyReplications,
  getOrganizerReplications,
  getReplication,
  openReplicationFile,
  recordReplication,
  removeStageFile,
  respondToReplication,
  saveStage,
  setReplicationStatus,
  startReplication,
  syncReplicationsFromProposal,
  updateReplicationDetails,
  verifyReplication,
  type StartInput,
} from "~/services/replications.server";
import { auditRows, expectStatus, outbox } from "../support/accounts";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, agencyId, buildUser, buildWorld, type World } from "../support/factories";
import { buildScreenedProposals } from "../support/jury";
import { insertInnovation } from "../support/publication-public";
import { storageFor, StoredFileMissing } from "~/lib/storage.server";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
// 2026-03-10 20:00 WIB
const NOW = new Date("2026-03-10T13:00:00Z");

let root: string;
const savedEnv = { UPLOADS_DIR: process.env.UPLOADS_DIR, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-replications-"));
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

function stageRequest(fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (files.length === 0) form.append("files", new File([], "", { type: "application/octet-stream" }));
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/pdf" }));
  return new Request("http://localhost/agency/x/replications/y", { method: "POST", body: form });
}

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const t = useTestDb();

interface Scene {
  w: World;
  pontianak: string;
  singkawang: string;
  banjarmasin: string;
  /** Singkawang's visible winner, Pontianak's own, a hidden one of Singkawang. */
  sgkInnovation: string;
  ptkInnovation: string;
  hiddenInnovation: string;
  bjmInnovation: string;
  a: {
    ptkAdmin: Actor;
    ptkInnovator: Actor;
    sgkAdmin: Actor;
    sgkInnovator: Actor;
    bjmAdmin: Actor;
    panrb: Actor;
    kalbar: Actor;
    nobody: Actor;
  };
  /** A replication of Banjarmasin (outside Kalbar) that must never leak. */
  bjmReplication: string;
}

async function scene(db: DB): Promise<Scene> {
  const w = await buildWorld(db);
  const banjarmasin = agencyId("KOTA-63.71");
  const bjmUser = await buildUser(db, { email: "adminlokal@banjarmasin.test", name: "Rahmat", roles: [{ role: "admin_lokal", agencyId: banjarmasin }] });
  const sgkInnovation = await insertInnovation(db, { title: "Sistem Antrean Puskesmas Daring", agencyId: w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang", stage: "winner", year: 2025 });
  const ptkInnovation = await insertInnovation(db, { title: "Pontianak Antrean Cerdas", agencyId: w.agencies.pontianak, agencyName: "Pemerintah Kota Pontianak", year: 2025 });
  const hiddenInnovation = await insertInnovation(db, { title: "Inovasi Tersembunyi Singkawang", agencyId: w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang", visible: 0 });
  const bjmInnovation = await insertInnovation(db, { title: "Banjarmasin Sungai Bersih", agencyId: banjarmasin, agencyName: "Pemerintah Kota Banjarmasin", provinceCode: "63", year: 2024 });
  const a = {
    ptkAdmin: await actorOf(db, w.users.adminLokal),
    ptkInnovator: await actorOf(db, w.users.innovator),
    sgkAdmin: await actorOf(db, w.users.otherAdminLokal),
    sgkInnovator: await actorOf(db, w.users.otherInnovator),
    bjmAdmin: await actorOf(db, bjmUser),
    panrb: await actorOf(db, w.users.panrbAdmin),
    kalbar: await actorOf(db, w.users.kalbarAdmin),
    nobody: await actorOf(db, w.users.nobody),
  };
  // Banjarmasin replicates Singkawang's innovation: data of a third agency outside Kalbar.
  const bjm = await startReplication(db, a.bjmAdmin, banjarmasin, start({ innovationId: sgkInnovation, title: "Antrean Banjarmasin" }), { now: NOW });
  if (!bjm.ok) throw new Error(JSON.stringify(bjm));
  return { w, pontianak: w.agencies.pontianak, singkawang: w.agencies.singkawang, banjarmasin, sgkInnovation, ptkInnovation, hiddenInnovation, bjmInnovation, a, bjmReplication: bjm.id };
}

function start(over: Partial<StartInput> = {}): StartInput {
  return { source: "innovation", innovationId: "", title: "Replikasi Antrean Puskesmas Pontianak", happenedOn: "2026-01-05", note: "Studi tiru ke Singkawang", differences: "", ...over };
}

async function startPtk(s: Scene, over: Partial<StartInput> = {}) {
  const r = await startReplication(t.db, s.a.ptkAdmin, s.pontianak, start({ innovationId: s.sgkInnovation, ...over }), { now: NOW, origin: "https://sayembara.test" });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id;
}

let s: Scene;
beforeEach(async () => {
  s = await scene(t.db);
});

describe("starting a replication", () => {
  it("starts from another agency's visible innovation, notifies and mails the source agency, audits", async () => {
    const before = (await outbox(t.db)).length;
    await t.db.deleteFrom("notifications").execute();
    const id = await startPtk(s, { differences: "Ditambah layanan SMS", facilitatorCode: "prov-61" }); // codes typed in lower case are found
    const row = await t.db.selectFrom("replications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect({
      source_innovation_id: row.source_innovation_id,
      source_title: row.source_title,
      source_agency_name: row.source_agency_name,
      source_agency_id: row.source_agency_id,
      source_year: row.source_year,
      adopter_agency_id: row.adopter_agency_id,
      facilitator_agency_id: row.facilitator_agency_id,
      stage: row.stage,
      status: row.status,
      source_response: row.source_response,
      differences: row.differences,
      recorded_by_organizer_id: row.recorded_by_organizer_id,
      verified_at: row.verified_at,
    }).toEqual({
      source_innovation_id: s.sgkInnovation,
      source_title: "Sistem Antrean Puskesmas Daring",
      source_agency_name: "Pemerintah Kota Singkawang",
      source_agency_id: s.singkawang,
      source_year: 2025,
      adopter_agency_id: s.pontianak,
      facilitator_agency_id: agencyId("PROV-61"),
      stage: "persiapan",
      status: "berjalan",
      source_response: "pending",
      differences: "Ditambah layanan SMS",
      recorded_by_organizer_id: null,
      verified_at: null,
    });
    const stages = await t.db.selectFrom("replication_stages").select(["stage", "happened_on", "note"]).where("replication_id", "=", id).execute();
    expect(stages).toEqual([{ stage: "persiapan", happened_on: "2026-01-05", note: "Studi tiru ke Singkawang" }]);
    const notes = await t.db.selectFrom("notifications").select(["user_id", "message_key", "link"]).where("message_key", "=", "replications.notify.started").where("agency_id", "=", s.singkawang).orderBy("user_id").execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([s.w.users.otherAdminLokal, s.w.users.otherInnovator].sort());
    expect(notes[0].link).toBe(`/agency/${s.singkawang}/replications`);
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => m.to_address)).toEqual(["adminlokal@singkawang.test"]);
    expect(mails[0].subject).toBe('Replikasi inovasi "Sistem Antrean Puskesmas Daring" oleh Pemerintah Kota Pontianak');
    const audit = (await auditRows(t.db)).filter((r) => r.entity[1] === id);
    expect(audit.map((r) => [r.action, r.agencyId, r.actor])).toEqual([["replication.started", s.pontianak, s.w.users.adminLokal]]);
  });

  it("starts from an external source, pending an organizer's verification", async () => {
    const r = await startReplication(
      t.db,
      s.a.ptkAdmin,
      s.pontianak,
      { source: "external", title: "Replikasi Lapor Cepat", sourceTitle: "Lapor Cepat", sourceAgencyName: "Pemerintah Kota Surabaya", sourceYear: "2019", happenedOn: "2026-02-01" },
      { now: NOW },
    );
    expect(r.ok).toBe(true);
    const row = await t.db.selectFrom("replications").select(["source_response", "source_agency_id", "source_year", "source_innovation_id"]).where("id", "=", r.ok ? r.id : "").executeTakeFirstOrThrow();
    expect(row).toEqual({ source_response: "external", source_agency_id: null, source_year: 2019, source_innovation_id: null });
  });

  it("refuses bad input at the field: own, hidden or unknown innovation, duplicate, future date, missing external fields", async () => {
    const go = (over: Partial<StartInput>) => startReplication(t.db, s.a.ptkAdmin, s.pontianak, start(over), { now: NOW });
    expect(await go({ innovationId: s.ptkInnovation })).toEqual({ ok: false, errors: { innovationId: "replications.errors.ownInnovation" } });
    expect(await go({ innovationId: s.hiddenInnovation })).toEqual({ ok: false, errors: { innovationId: "replications.errors.innovationUnknown" } });
    expect(await go({ innovationId: "nope" })).toEqual({ ok: false, errors: { innovationId: "replications.errors.innovationUnknown" } });
    // 2026-03-11 is tomorrow on the WIB calendar at 20:00 WIB on the 10th.
    expect(await go({ innovationId: s.sgkInnovation, happenedOn: "2026-03-11" })).toEqual({ ok: false, errors: { happenedOn: "replications.errors.dateFuture" } });
    expect(await go({ innovationId: s.sgkInnovation, facilitatorCode: "KOTA-61.71" })).toEqual({ ok: false, errors: { facilitatorCode: "replications.errors.facilitatorSelf" } });
    expect(await go({ source: "external", innovationId: "" })).toEqual({ ok: false, errors: { sourceTitle: "errors.required", sourceAgencyName: "errors.required" } });
    expect((await go({ innovationId: s.sgkInnovation, happenedOn: "2026-03-10" })).ok).toBe(true);
    expect(await go({ innovationId: s.sgkInnovation })).toEqual({ ok: false, errors: { innovationId: "replications.errors.duplicate" } });
    expect(await t.db.selectFrom("replications").select("id").where("adopter_agency_id", "=", s.pontianak).execute()).toHaveLength(1);
  });

  it("allows a new one after the previous one of the same source was stopped", async () => {
    const id = await startPtk(s);
    expect((await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "dihentikan", reason: "Anggaran dialihkan" })).ok).toBe(true);
    expect((await startReplication(t.db, s.a.ptkAdmin, s.pontianak, start({ innovationId: s.sgkInnovation }), { now: NOW })).ok).toBe(true);
  });

  it("only the agency's Admin Lokal starts (innovator, another agency's admin, organizer: 403)", async () => {
    for (const a of [s.a.ptkInnovator, s.a.sgkAdmin, s.a.panrb, s.a.nobody]) {
      await expectStatus(startReplication(t.db, a, s.pontianak, start({ innovationId: s.sgkInnovation }), { now: NOW }), 403);
    }
    expect(await t.db.selectFrom("replications").select("id").where("adopter_agency_id", "=", s.pontianak).execute()).toEqual([]);
  });
});

describe("stages and evidence", () => {
  it("records the next stage with a note and evidence files, audited", async () => {
    const id = await startPtk(s);
    const r = await saveStage(
      t.db,
      s.a.ptkAdmin,
      id,
      stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Rencana aksi disahkan" }, [
        { name: "sk-tim.pdf", bytes: PDF },
        { name: "foto.png", bytes: PNG, type: "image/png" },
      ]),
      { now: NOW },
    );
    expect(r).toEqual({ ok: true });
    const row = await t.db.selectFrom("replications").select(["stage"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.stage).toBe("rencana");
    const files = await t.db.selectFrom("replication_files").select(["stage", "original_name", "mime_type", "size_bytes"]).where("replication_id", "=", id).orderBy("original_name").execute();
    expect(files).toEqual([
      { stage: "rencana", original_name: "foto.png", mime_type: "image/png", size_bytes: PNG.length },
      { stage: "rencana", original_name: "sk-tim.pdf", mime_type: "application/pdf", size_bytes: PDF.length },
    ]);
    const view = await getReplication(t.db, s.a.ptkAdmin, id, { agencyId: s.pontianak });
    expect(view.stages.map((x) => [x.stage, x.happenedOn, x.note, x.files.length])).toEqual([
      ["persiapan", "2026-01-05", "Studi tiru ke Singkawang", 0],
      ["rencana", "2026-02-01", "Rencana aksi disahkan", 2],
      ["implementasi", null, "", 0],
      ["evaluasi", null, "", 0],
    ]);
    expect(view.recordable).toEqual(["persiapan", "rencana", "implementasi"]);
    const audit = (await auditRows(t.db)).filter((x) => x.entity[1] === id && x.action === "replication.stageRecorded");
    expect(audit).toHaveLength(1);
    expect(audit[0].after.stage).toBe("rencana");
    expect(audit[0].after.files.map((f: { name: string }) => f.name)).toEqual(["sk-tim.pdf", "foto.png"]);
  });

  it("refuses an out-of-order stage, a date before the previous stage or in the future, a missing note, a renamed executable", async () => {
    const id = await startPtk(s);
    const save = (fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []) => saveStage(t.db, s.a.ptkAdmin, id, stageRequest(fields, files), { now: NOW });
    expect(await save({ stage: "implementasi", happenedOn: "2026-02-01", note: "Lompat" })).toEqual({
      ok: false,
      errors: { stage: "replications.errors.stageOrder" },
      values: { stage: "implementasi", happenedOn: "2026-02-01", note: "Lompat" },
    });
    expect(await save({ stage: "rencana", happenedOn: "2026-01-04", note: "Terlalu awal" })).toMatchObject({ ok: false, errors: { happenedOn: "replications.errors.dateBeforePrevious" } });
    expect(await save({ stage: "rencana", happenedOn: "2026-03-11", note: "Besok" })).toMatchObject({ ok: false, errors: { happenedOn: "replications.errors.dateFuture" } });
    expect(await save({ stage: "rencana", happenedOn: "2026-02-01", note: "" })).toMatchObject({ ok: false, errors: { note: "replications.errors.noteRequired" } });
    expect(await save({ stage: "rencana", happenedOn: "2026-02-01", note: "Dengan berkas palsu" }, [{ name: "laporan.pdf", bytes: EXE }])).toEqual({
      ok: false,
      errors: { files: "replications.errors.fileType" },
      values: { stage: "rencana", happenedOn: "2026-02-01", note: "Dengan berkas palsu" },
      fileName: "laporan.pdf",
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `b${i}.pdf`, bytes: PDF }));
    expect(await save({ stage: "rencana", happenedOn: "2026-02-01", note: "Banyak" }, six)).toMatchObject({ ok: false, errors: { files: "replications.errors.tooManyFiles" } });
    const row = await t.db.selectFrom("replications").select("stage").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.stage).toBe("persiapan");
    expect(await t.db.selectFrom("replication_files").select("id").where("replication_id", "=", id).execute()).toEqual([]);
  });

  it("removes a wrong evidence file: row, stored object and download gone, audited; the other file stays", async () => {
    const id = await startPtk(s);
    await saveStage(t.db, s.a.ptkAdmin, id, stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Rencana" }, [
      { name: "salah.pdf", bytes: PDF },
      { name: "benar.png", bytes: PNG, type: "image/png" },
    ]), { now: NOW });
    const files = await t.db.selectFrom("replication_files").select(["id", "original_name", "storage_key"]).where("replication_id", "=", id).orderBy("original_name").execute();
    const [keep, wrong] = files;
    expect([keep.original_name, wrong.original_name]).toEqual(["benar.png", "salah.pdf"]);
    expect(await removeStageFile(t.db, s.a.ptkAdmin, id, wrong.id, { now: NOW })).toEqual({ ok: true, id: wrong.id });
    expect(await t.db.selectFrom("replication_files").select("original_name").where("replication_id", "=", id).execute()).toEqual([{ original_name: "benar.png" }]);
    await expect(storageFor("local").get(wrong.storage_key)).rejects.toBeInstanceOf(StoredFileMissing);
    await expectStatus(openReplicationFile(t.db, s.a.ptkAdmin, id, wrong.id), 404);
    await readAll((await openReplicationFile(t.db, s.a.ptkAdmin, id, keep.id)).stream);
    const audit = (await auditRows(t.db)).filter((x) => x.entity[1] === id && x.action === "replication.fileRemoved");
    expect(audit).toHaveLength(1);
    expect([audit[0].before.stage, audit[0].before.file.name, audit[0].after]).toEqual(["rencana", "salah.pdf", null]);
    // Removed once: a second time is a 404.
    await expectStatus(removeStageFile(t.db, s.a.ptkAdmin, id, wrong.id, { now: NOW }), 404);
  });

  it("removing evidence: only the adopter, only while running; another replication's file id is a 404", async () => {
    const id = await startPtk(s);
    await saveStage(t.db, s.a.ptkAdmin, id, stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Rencana" }, [{ name: "sk.pdf", bytes: PDF }]), { now: NOW });
    const f = await t.db.selectFrom("replication_files").select("id").where("replication_id", "=", id).executeTakeFirstOrThrow();
    await expectStatus(removeStageFile(t.db, s.a.sgkAdmin, id, f.id), 403);
    await expectStatus(removeStageFile(t.db, s.a.ptkInnovator, id, f.id), 403);
    await expectStatus(removeStageFile(t.db, s.a.kalbar, id, f.id), 403);
    await expectStatus(removeStageFile(t.db, s.a.bjmAdmin, id, f.id), 404);
    await expectStatus(removeStageFile(t.db, s.a.ptkAdmin, s.bjmReplication, f.id), 404);
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "dihentikan", reason: "Anggaran tidak tersedia" })).toMatchObject({ ok: true });
    expect(await removeStageFile(t.db, s.a.ptkAdmin, id, f.id)).toEqual({ ok: false, errors: { _form: "replications.errors.notRunning" } });
    expect(await t.db.selectFrom("replication_files").select("id").where("replication_id", "=", id).execute()).toEqual([{ id: f.id }]);
  });

  it("only the adopter edits: source agency and covering organizer 403, an unrelated agency 404", async () => {
    const id = await startPtk(s);
    const req = () => stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Rencana" });
    await expectStatus(saveStage(t.db, s.a.sgkAdmin, id, req(), { now: NOW }), 403);
    await expectStatus(saveStage(t.db, s.a.kalbar, id, req(), { now: NOW }), 403);
    await expectStatus(saveStage(t.db, s.a.ptkInnovator, id, req(), { now: NOW }), 403);
    await expectStatus(saveStage(t.db, s.a.bjmAdmin, id, req(), { now: NOW }), 404);
    await expectStatus(saveStage(t.db, s.a.nobody, id, req(), { now: NOW }), 404);
    await expectStatus(setReplicationStatus(t.db, s.a.sgkAdmin, id, { status: "dihentikan", reason: "x" }), 403);
    await expectStatus(updateReplicationDetails(t.db, s.a.bjmAdmin, id, { title: "Diambil alih" }), 404);
    // The adopter may not edit Banjarmasin's replication either.
    await expectStatus(setReplicationStatus(t.db, s.a.ptkAdmin, s.bjmReplication, { status: "dihentikan", reason: "x" }), 404);
    expect((await t.db.selectFrom("replications").select("stage").where("id", "=", id).executeTakeFirstOrThrow()).stage).toBe("persiapan");
  });
});

describe("status", () => {
  it("finishes only after Evaluasi, stops and reopens only with a reason, audited", async () => {
    const id = await startPtk(s);
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "selesai" })).toEqual({ ok: false, errors: { status: "replications.errors.finishNeedsEvaluation" } });
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "dihentikan", reason: "" })).toEqual({ ok: false, errors: { reason: "replications.errors.reasonRequired" } });
    for (const [stage, day] of [["rencana", "2026-01-20"], ["implementasi", "2026-02-10"], ["evaluasi", "2026-03-10"]]) {
      expect(await saveStage(t.db, s.a.ptkAdmin, id, stageRequest({ stage, happenedOn: day, note: `Tahap ${stage}` }), { now: NOW })).toEqual({ ok: true });
    }
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "selesai" })).toEqual({ ok: true, id });
    // Finished: no more stages until reopened.
    expect(await saveStage(t.db, s.a.ptkAdmin, id, stageRequest({ stage: "evaluasi", happenedOn: "2026-03-10", note: "Lagi" }), { now: NOW })).toMatchObject({ ok: false, errors: { _form: "replications.errors.notRunning" } });
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "berjalan", reason: "" })).toEqual({ ok: false, errors: { reason: "replications.errors.reasonRequired" } });
    expect(await setReplicationStatus(t.db, s.a.ptkAdmin, id, { status: "berjalan", reason: "Pengembangan tahap dua" })).toEqual({ ok: true, id });
    const row = await t.db.selectFrom("replications").select(["status", "status_reason", "stage"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "berjalan", status_reason: "Pengembangan tahap dua", stage: "evaluasi" });
    const audit = (await auditRows(t.db)).filter((x) => x.entity[1] === id && (x.action === "replication.status" || x.action === "replication.reopened"));
    expect(audit.map((x) => [x.action, x.before.status, x.after.status])).toEqual([
      ["replication.reopened", "selesai", "berjalan"],
      ["replication.status", "berjalan", "selesai"],
    ]);
  });
});

describe("the source agency's answer", () => {
  it("the source agency's Admin Lokal confirms; the adopter is notified and mailed", async () => {
    const id = await startPtk(s);
    const before = (await outbox(t.db)).length;
    expect(await respondToReplication(t.db, s.a.sgkAdmin, s.singkawang, id, { response: "confirmed", note: "Benar, kami mendampingi" }, { origin: "https://sayembara.test" })).toEqual({ ok: true, id });
    const row = await t.db.selectFrom("replications").select(["source_response", "source_response_note", "source_responded_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ source_response: "confirmed", source_response_note: "Benar, kami mendampingi", source_responded_by: s.w.users.otherAdminLokal });
    const notes = await t.db.selectFrom("notifications").select(["user_id"]).where("message_key", "=", "replications.notify.confirmed").orderBy("user_id").execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([s.w.users.adminLokal, s.w.users.innovator].sort());
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["adminlokal@pontianak.test", 'Replikasi "Replikasi Antrean Puskesmas Pontianak": Dikonfirmasi']]);
    const audit = (await auditRows(t.db)).filter((x) => x.entity[1] === id && x.action === "replication.responded");
    expect(audit.map((x) => [x.agencyId, x.before.source_response, x.after.source_response])).toEqual([[s.singkawang, "pending", "confirmed"]]);
  });

  it("disputing needs a note", async () => {
    const id = await startPtk(s);
    expect(await respondToReplication(t.db, s.a.sgkAdmin, s.singkawang, id, { response: "disputed", note: "" })).toEqual({ ok: false, errors: { note: "replications.errors.disputeNoteRequired" } });
    expect(await respondToReplication(t.db, s.a.sgkAdmin, s.singkawang, id, { response: "disputed", note: "Kami tidak pernah dihubungi" })).toEqual({ ok: true, id });
    expect((await t.db.selectFrom("replications").select("source_response").where("id", "=", id).executeTakeFirstOrThrow()).source_response).toBe("disputed");
  });

  it("refuses the adopter, the source's innovator, an organizer (403) and another agency's replication (404)", async () => {
    const id = await startPtk(s);
    await expectStatus(respondToReplication(t.db, s.a.ptkAdmin, s.singkawang, id, { response: "confirmed" }), 403);
    await expectStatus(respondToReplication(t.db, s.a.sgkInnovator, s.singkawang, id, { response: "confirmed" }), 403);
    await expectStatus(respondToReplication(t.db, s.a.panrb, s.singkawang, id, { response: "confirmed" }), 403);
    // Pontianak is not the source: answering as Pontianak finds nothing.
    await expectStatus(respondToReplication(t.db, s.a.ptkAdmin, s.pontianak, id, { response: "confirmed" }), 404);
    await expectStatus(respondToReplication(t.db, s.a.bjmAdmin, s.banjarmasin, id, { response: "confirmed" }), 404);
    expect((await t.db.selectFrom("replications").select("source_response").where("id", "=", id).executeTakeFirstOrThrow()).source_response).toBe("pending");
  });
});

describe("organizers", () => {
  it("the record form's searches: agencies the organizer covers only, visible catalogue innovations only", async () => {
    const kalbar = await getOrganizerReplications(t.db, s.a.kalbar, s.w.organizers.kalbar, { agencyQ: "kota", q: "antrean" });
    // Kalbar covers Pontianak and Singkawang, not Banjarmasin (Kalimantan Selatan), although its name matches "kota".
    expect(kalbar.search.agencies.map((a) => a.code)).toEqual(["KOTA-61.71", "KOTA-61.72"]);
    expect(kalbar.search.agenciesTotal).toBe(2);
    // Innovations of any agency (the source may be anywhere), never a hidden one.
    expect(kalbar.search.innovations.map((i) => i.title)).toEqual(["Pontianak Antrean Cerdas", "Sistem Antrean Puskesmas Daring"]);
    const byCode = await getOrganizerReplications(t.db, s.a.kalbar, s.w.organizers.kalbar, { agencyQ: "KOTA-63.71" });
    expect(byCode.search.agencies).toEqual([]);
    const panrb = await getOrganizerReplications(t.db, s.a.panrb, s.w.organizers.panrb, { agencyQ: "banjarmasin", q: "tersembunyi" });
    expect(panrb.search.agencies.map((a) => a.code)).toEqual(["KOTA-63.71"]);
    expect(panrb.search.innovations).toEqual([]);
    // Another organizer's page, with its searches, is refused.
    await expectStatus(getOrganizerReplications(t.db, s.a.kalbar, s.w.organizers.panrb, { agencyQ: "kota" }), 403);
  });

  it("records for a covered agency, keeps it, verifies; refuses an agency it does not cover", async () => {
    const r = await recordReplication(t.db, s.a.kalbar, s.w.organizers.kalbar, { ...start({ innovationId: s.bjmInnovation, title: "Sungai Bersih Singkawang" }), adopterCode: " kota-61.72" }, { now: NOW });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.id : "";
    const row = await t.db.selectFrom("replications").select(["adopter_agency_id", "recorded_by_organizer_id", "source_agency_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ adopter_agency_id: s.singkawang, recorded_by_organizer_id: s.w.organizers.kalbar, source_agency_id: s.banjarmasin });
    expect(await saveStage(t.db, s.a.kalbar, id, stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Dicatat penyelenggara" }), { now: NOW })).toEqual({ ok: true });
    expect(await recordReplication(t.db, s.a.kalbar, s.w.organizers.kalbar, { ...start({ innovationId: s.sgkInnovation }), adopterCode: "KOTA-63.71" }, { now: NOW })).toEqual({
      ok: false,
      errors: { adopterCode: "replications.errors.agencyNotCovered" },
    });
    await expectStatus(recordReplication(t.db, s.a.kalbar, s.w.organizers.panrb, { ...start({ innovationId: s.sgkInnovation }), adopterCode: "KOTA-61.71" }, { now: NOW }), 403);
    await expectStatus(recordReplication(t.db, s.a.ptkAdmin, s.w.organizers.kalbar, { ...start({ innovationId: s.sgkInnovation }), adopterCode: "KOTA-61.71" }, { now: NOW }), 403);
  });

  it("verifies a covered agency's replication; a provincial organizer cannot reach another province's (404)", async () => {
    const id = await startPtk(s);
    await expectStatus(verifyReplication(t.db, s.a.kalbar, s.w.organizers.kalbar, s.bjmReplication), 404);
    await expectStatus(verifyReplication(t.db, s.a.ptkAdmin, s.w.organizers.kalbar, id), 403);
    await expectStatus(verifyReplication(t.db, s.a.kalbar, s.w.organizers.panrb, id), 403);
    expect(await verifyReplication(t.db, s.a.kalbar, s.w.organizers.kalbar, id)).toEqual({ ok: true, id });
    expect(await verifyReplication(t.db, s.a.panrb, s.w.organizers.panrb, id)).toEqual({ ok: false, errors: { _form: "replications.errors.alreadyVerified" } });
    const row = await t.db.selectFrom("replications").select(["verifier_organizer_id", "verified_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ verifier_organizer_id: s.w.organizers.kalbar, verified_by: s.w.users.kalbarAdmin });
    expect((await verifyReplication(t.db, s.a.panrb, s.w.organizers.panrb, s.bjmReplication)).ok).toBe(true);
    const audit = (await auditRows(t.db)).filter((x) => x.action === "replication.verified");
    expect(audit.map((x) => [x.entity[1], x.organizerId, x.agencyId]).sort()).toEqual(
      [
        [id, s.w.organizers.kalbar, s.pontianak],
        [s.bjmReplication, s.w.organizers.panrb, s.banjarmasin],
      ].sort(),
    );
  });

  it("lists only the replications of covered agencies", async () => {
    const id = await startPtk(s);
    const kalbar = await getOrganizerReplications(t.db, s.a.kalbar, s.w.organizers.kalbar);
    expect(kalbar.replications.map((r) => r.id)).toEqual([id]);
    const panrb = await getOrganizerReplications(t.db, s.a.panrb, s.w.organizers.panrb);
    expect(panrb.replications.map((r) => r.id).sort()).toEqual([id, s.bjmReplication].sort());
    await expectStatus(getOrganizerReplications(t.db, s.a.kalbar, s.w.organizers.panrb), 403);
  });
});

describe("pages and downloads", () => {
  it("the agency page shows its own and incoming replications only, and the catalogue search excludes its own", async () => {
    const id = await startPtk(s);
    const ptk = await getAgencyReplications(t.db, s.a.ptkAdmin, s.pontianak, { q: "ANTREAN", innovation: s.sgkInnovation });
    expect(ptk.own.map((r) => r.id)).toEqual([id]);
    expect(ptk.incoming).toEqual([]);
    expect(ptk.search.results.map((r) => r.title)).toEqual(["Sistem Antrean Puskesmas Daring"]);
    expect(ptk.preselected?.id).toBe(s.sgkInnovation);
    expect(ptk.canManage).toBe(true);
    const sgk = await getAgencyReplications(t.db, s.a.sgkAdmin, s.singkawang);
    expect(sgk.incoming.map((r) => r.id).sort()).toEqual([id, s.bjmReplication].sort());
    expect(sgk.own).toEqual([]);
    await expectStatus(getAgencyReplications(t.db, s.a.bjmAdmin, s.pontianak), 403);
    await expectStatus(getReplication(t.db, s.a.bjmAdmin, id), 404);
    await expectStatus(getReplication(t.db, s.a.ptkAdmin, s.bjmReplication), 404);
    const seenBySource = await getReplication(t.db, s.a.sgkAdmin, id, { agencyId: s.singkawang });
    expect([seenBySource.canEdit, seenBySource.canRespond]).toEqual([false, true]);
  });

  it("evidence: the adopter and the source agency download; another agency and signed-out get 404", async () => {
    const id = await startPtk(s);
    await saveStage(t.db, s.a.ptkAdmin, id, stageRequest({ stage: "rencana", happenedOn: "2026-02-01", note: "Rencana" }, [{ name: "sk.pdf", bytes: PDF }]), { now: NOW });
    const f = await t.db.selectFrom("replication_files").select("id").where("replication_id", "=", id).executeTakeFirstOrThrow();
    const got = await openReplicationFile(t.db, s.a.sgkAdmin, id, f.id);
    expect([got.mime, got.name, (await readAll(got.stream)).equals(PDF)]).toEqual(["application/pdf", "sk.pdf", true]);
    await readAll((await openReplicationFile(t.db, s.a.ptkInnovator, id, f.id)).stream);
    await expectStatus(openReplicationFile(t.db, s.a.bjmAdmin, id, f.id), 404);
    await expectStatus(openReplicationFile(t.db, null, id, f.id), 404);
    await expectStatus(openReplicationFile(t.db, s.a.ptkAdmin, s.bjmReplication, f.id), 404);
  });
});

describe("Replikasi-group proposals", () => {
  it("a submitted proposal becomes replications of its sources, once", async () => {
    const ed = await buildEdition(t.db, s.w.competitions.kipp);
    const [published, unpublished, mine] = await buildScreenedProposals(t.db, ed, [
      { agencyId: s.singkawang, title: "Sumber Terbit" },
      { agencyId: s.banjarmasin, title: "Sumber Belum Terbit" },
      { agencyId: s.pontianak, title: "Replikasi Kami" },
    ]);
    const innov = await insertInnovation(t.db, { title: "Sumber Terbit", agencyId: s.singkawang, agencyName: "Pemerintah Kota Singkawang", proposalId: published.id, year: 2024 });
    // Submitted 2026-03-10 18:30 UTC = 2026-03-11 01:30 WIB.
    await t.db.updateTable("proposals").set({ submitted_at: "2026-03-10T18:30:00.000Z" }).where("id", "=", mine.id).execute();
    await t.db
      .insertInto("proposal_sources")
      .values([
        { id: "src1", proposal_id: mine.id, source_proposal_id: published.id, external_title: null, external_agency: null, external_year: null, position: 1 },
        { id: "src2", proposal_id: mine.id, source_proposal_id: unpublished.id, external_title: null, external_agency: null, external_year: null, position: 2 },
        { id: "src3", proposal_id: mine.id, source_proposal_id: null, external_title: "Lapor Cepat", external_agency: "Pemerintah Kota Surabaya", external_year: 2019, position: 3 },
      ])
      .execute();
    expect(await syncReplicationsFromProposal(t.db, mine.id)).toBe(3);
    expect(await syncReplicationsFromProposal(t.db, mine.id)).toBe(0);
    const rows = await t.db
      .selectFrom("replications")
      .innerJoin("replication_stages", "replication_stages.replication_id", "replications.id")
      .select(["source_innovation_id", "source_title", "source_agency_name", "source_agency_id", "source_year", "source_response", "proposal_id", "title", "replications.stage", "status", "happened_on"])
      .where("adopter_agency_id", "=", s.pontianak)
      .orderBy("source_title")
      .execute();
    const ed2 = await t.db.selectFrom("competitions").select("year").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    const base = { title: "Replikasi Kami", stage: "persiapan", status: "berjalan", happened_on: "2026-03-11" };
    expect(rows).toEqual([
      { ...base, source_innovation_id: null, source_title: "Lapor Cepat", source_agency_name: "Pemerintah Kota Surabaya", source_agency_id: null, source_year: 2019, source_response: "external", proposal_id: mine.id },
      { ...base, source_innovation_id: null, source_title: "Sumber Belum Terbit", source_agency_name: "Pemerintah Kota Banjarmasin", source_agency_id: null, source_year: ed2.year, source_response: "external", proposal_id: mine.id },
      { ...base, source_innovation_id: innov, source_title: "Sumber Terbit", source_agency_name: "Pemerintah Kota Singkawang", source_agency_id: s.singkawang, source_year: 2024, source_response: "pending", proposal_id: mine.id },
    ]);
    const audit = (await auditRows(t.db)).filter((x) => x.action === "replication.fromProposal");
    expect(audit.map((x) => [x.agencyId, x.competitionId])).toEqual([
      [s.pontianak, s.w.competitions.kipp],
      [s.pontianak, s.w.competitions.kipp],
      [s.pontianak, s.w.competitions.kipp],
    ]);
  });

  it("a draft or a proposal without sources adds nothing", async () => {
    const ed = await buildEdition(t.db, s.w.competitions.kipp);
    const [draft, plain] = await buildScreenedProposals(t.db, ed, [
      { agencyId: s.pontianak, title: "Draf", status: "draft" },
      { agencyId: s.pontianak, title: "Biasa" },
    ]);
    await t.db.insertInto("proposal_sources").values({ id: "s1", proposal_id: draft.id, source_proposal_id: null, external_title: "X", external_agency: "Y", external_year: 2020, position: 1 }).execute();
    expect(await syncReplicationsFromProposal(t.db, draft.id)).toBe(0);
    expect(await syncReplicationsFromProposal(t.db, plain.id)).toBe(0);
  });
});
