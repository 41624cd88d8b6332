/**
 * Evidence files: the storage module (local disk; UploadThing through its SDK
 * against a fake fetch that answers like UploadThing) and the use cases
 * (upload, delete, download) on a real database, with every permission
 * allowed once and denied once while data that could leak is present.
 */
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db.server";
import {
  HARD_CAP_BYTES,
  localDiskStorage,
  newStorageKey,
  StoredFileMissing,
  tempDir,
  uploadThingStorage,
  uploadsDir,
  writeTempFile,
} from "~/lib/storage.server";
import { insertProposal } from "~/models/proposals.server";
import { deleteProposalFile, getProposalFiles, openProposalFile, uploadProposalFile } from "~/services/files.server";
import { expectStatus } from "../support/accounts";
import { useTestDb } from "../support/db";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { actorOf, buildWorld, type World } from "../support/factories";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let root: string;
const savedEnv = { UPLOADS_DIR: process.env.UPLOADS_DIR, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-files-"));
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

/** Every file under the uploads root, relative, sorted. */
function filesOnDisk(): string[] {
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

async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield p;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

function clearUploads() {
  for (const e of readdirSync(root)) rmSync(path.join(root, e), { recursive: true, force: true });
}

// ---------------------------------------------------------------------------

describe("local storage", () => {
  beforeEach(clearUploads);

  it("streams a part to a temp file with its size, hash and first bytes", async () => {
    const r = await writeTempFile(chunks(PDF.subarray(0, 3), PDF.subarray(3)), 1024);
    if (!r.ok) throw new Error("expected ok");
    expect([r.size, r.sha256, Buffer.from(r.head).toString("latin1")]).toEqual([PDF.length, sha256(PDF), "%PDF-1.4"]);
    expect(path.dirname(r.path)).toBe(tempDir());
    expect(readFileSync(r.path)).toEqual(PDF);
  });

  it("deletes the partial file as soon as the limit is passed, reading the rest without keeping it", async () => {
    const r = await writeTempFile(chunks(Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)), 1000);
    expect(r).toEqual({ ok: false, reason: "too_large", size: 1800 });
    expect(filesOnDisk()).toEqual([]);
  });

  it("stops reading past the hard cap", async () => {
    async function* endless(): AsyncIterable<Uint8Array> {
      const mb = Buffer.alloc(1024 * 1024);
      for (;;) yield mb;
    }
    await expect(writeTempFile(endless(), 1024)).rejects.toThrow("upload exceeds the hard cap");
    expect(filesOnDisk()).toEqual([]);
    expect(HARD_CAP_BYTES).toBe(100 * 1024 * 1024);
  });

  it("puts under data/uploads/<2 chars>/<random key>, gets it back, deletes it", async () => {
    const r = await writeTempFile(chunks(PDF), 1024);
    if (!r.ok) throw new Error("expected ok");
    const key = newStorageKey();
    expect(key).toMatch(/^[a-z2-7]{32}$/);
    const stored = await localDiskStorage.put(r.path, { key, mime: "application/pdf", size: r.size });
    expect(stored).toEqual({ storage: "local", storageKey: key });
    expect(filesOnDisk()).toEqual([path.join(key.slice(0, 2), key)]);
    expect(uploadsDir()).toBe(root);

    const got = await localDiskStorage.get(key);
    expect(got.size).toBe(PDF.length);
    expect(await readAll(got.stream)).toEqual(PDF);

    await localDiskStorage.delete(key);
    expect(filesOnDisk()).toEqual([]);
    await expect(localDiskStorage.get(key)).rejects.toBeInstanceOf(StoredFileMissing);
    await localDiskStorage.delete(key); // already gone: not an error
  });

  it("refuses a key that is not one of ours (no path from anything else)", async () => {
    await expect(localDiskStorage.get("../../etc/passwd")).rejects.toThrow("invalid storage key");
    await expect(localDiskStorage.delete("aa/../../x")).rejects.toThrow("invalid storage key");
  });
});

// ---------------------------------------------------------------------------

const UT_API_KEY = "sk_test_0123456789abcdef";
const UT_TOKEN = Buffer.from(JSON.stringify({ apiKey: UT_API_KEY, appId: "sayembaraapp", regions: ["sea1"] })).toString("base64");

interface Recorded {
  method: string;
  url: URL;
  apiKey: string | null;
  json?: unknown;
  file?: { name: string; type: string; bytes: Buffer };
}

/**
 * A stand-in for UploadThing's HTTP API, answering what the SDK (uploadthing
 * 7.7) asks: PUT https://<region>.ingest.uploadthing.com/<key>?<signed> with
 * the file as multipart form data; GET https://<appId>.ufs.sh/f/<key>?<signed>;
 * POST https://api.uploadthing.com/v6/deleteFiles. Signatures are checked.
 */
function fakeUploadThing() {
  const requests: Recorded[] = [];
  const objects = new Map<string, Buffer>();
  const signed = (url: URL) => {
    const sig = url.searchParams.get("signature") ?? "";
    const unsigned = new URL(url);
    unsigned.searchParams.delete("signature");
    return sig === `hmac-sha256=${createHmac("sha256", UT_API_KEY).update(unsigned.toString()).digest("hex")}`;
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const rec: Recorded = { method: req.method, url, apiKey: req.headers.get("x-uploadthing-api-key") };
    requests.push(rec);
    if (req.method === "PUT" && url.host === "sea1.ingest.uploadthing.com") {
      if (!signed(url)) return new Response("bad signature", { status: 403 });
      const key = url.pathname.slice(1);
      const file = (await req.formData()).get("file") as File;
      const bytes = Buffer.from(await file.arrayBuffer());
      rec.file = { name: file.name, type: file.type, bytes };
      objects.set(key, bytes);
      return Response.json({
        url: `https://utfs.io/f/${key}`,
        appUrl: `https://utfs.io/a/sayembaraapp/${key}`,
        ufsUrl: `https://sayembaraapp.ufs.sh/f/${key}`,
        fileHash: sha256(bytes),
      });
    }
    if (req.method === "GET" && url.host === "sayembaraapp.ufs.sh" && url.pathname.startsWith("/f/")) {
      if (!signed(url)) return new Response("bad signature", { status: 403 });
      const bytes = objects.get(url.pathname.slice(3));
      if (!bytes) return new Response("not found", { status: 404 });
      return new Response(new Uint8Array(bytes), { headers: { "content-type": "application/octet-stream", "content-length": String(bytes.length) } });
    }
    if (req.method === "POST" && url.href === "https://api.uploadthing.com/v6/deleteFiles") {
      if (rec.apiKey !== UT_API_KEY) return new Response("unauthorized", { status: 401 });
      const body = (await req.json()) as { fileKeys: string[] };
      rec.json = body;
      let deletedCount = 0;
      for (const k of body.fileKeys) if (objects.delete(k)) deletedCount++;
      return Response.json({ success: true, deletedCount });
    }
    return new Response("unexpected request", { status: 500 });
  };
  return { fetch, requests, objects };
}

describe("UploadThing storage (server SDK, fake fetch)", () => {
  beforeEach(clearUploads);

  it("uploads the temp file through the SDK, keeps the returned key, streams it back and deletes it", async () => {
    const ut = fakeUploadThing();
    const storage = uploadThingStorage({ token: UT_TOKEN, fetch: ut.fetch as typeof fetch });
    const tmp = path.join(root, "upload.part");
    writeFileSync(tmp, PDF);
    const key = newStorageKey();

    const stored = await storage.put(tmp, { key, mime: "application/pdf", size: PDF.length });
    const [put] = ut.requests;
    expect(ut.requests.map((r) => `${r.method} ${r.url.origin}`)).toEqual(["PUT https://sea1.ingest.uploadthing.com"]);
    const utKey = put.url.pathname.slice(1);
    expect(stored).toEqual({ storage: "uploadthing", storageKey: utKey });
    expect(put.file).toEqual({ name: `${key}.pdf`, type: "application/pdf", bytes: PDF });
    expect(Object.fromEntries(["x-ut-identifier", "x-ut-file-name", "x-ut-file-size", "x-ut-file-type", "x-ut-custom-id", "x-ut-content-disposition"].map((k) => [k, put.url.searchParams.get(k)]))).toEqual({
      "x-ut-identifier": "sayembaraapp",
      "x-ut-file-name": `${key}.pdf`,
      "x-ut-file-size": String(PDF.length),
      "x-ut-file-type": "application%2Fpdf",
      "x-ut-custom-id": key,
      "x-ut-content-disposition": "attachment",
    });

    const got = await storage.get(utKey);
    expect(got.size).toBe(PDF.length);
    expect(await readAll(got.stream)).toEqual(PDF);
    expect(ut.requests[1].method).toBe("GET");
    expect(ut.requests[1].url.origin + ut.requests[1].url.pathname).toBe(`https://sayembaraapp.ufs.sh/f/${utKey}`);

    await storage.delete(utKey);
    expect(ut.requests[2].json).toEqual({ fileKeys: [utKey] });
    expect(ut.objects.size).toBe(0);
    await expect(storage.get(utKey)).rejects.toBeInstanceOf(StoredFileMissing);
  });

  it("reports a failed upload instead of recording a key", async () => {
    const storage = uploadThingStorage({
      token: UT_TOKEN,
      fetch: (async () => new Response("nope", { status: 500 })) as typeof fetch,
    });
    const tmp = path.join(root, "upload.part");
    writeFileSync(tmp, PDF);
    await expect(storage.put(tmp, { key: newStorageKey(), mime: "application/pdf", size: PDF.length })).rejects.toThrow(
      "UploadThing upload failed: UPLOAD_FAILED",
    );
  });
});

// ---------------------------------------------------------------------------
// Use cases

const t = useTestDb();

interface Fixture {
  w: World;
  ed: BuiltEdition;
  draft: string;
  submitted: string;
  otherDraft: string;
}

let seq = 0;
async function proposal(db: DB, w: World, ed: BuiltEdition, agencyId: string, createdBy: string, status: "draft" | "submitted") {
  const number = `SIVABLIK2025-${String(++seq).padStart(6, "0")}`;
  const id = await insertProposal(db, {
    competitionId: ed.competitionId,
    groupId: ed.groups.umum,
    agencyId,
    number,
    title: `Inovasi ${seq}`,
    titleKey: `inovasi ${seq}`,
    contactName: "Siti",
    contactEmail: "siti@pontianak.test",
    createdBy,
    now: new Date().toISOString(),
  });
  if (status !== "draft") await db.updateTable("proposals").set({ status }).where("id", "=", id).execute();
  return number;
}

async function fixture(db: DB, opts: { closesInDays?: number } = {}): Promise<Fixture> {
  const w = await buildWorld(db);
  const ed = await buildEdition(db, w.competitions.sivablik, { closesInDays: opts.closesInDays });
  return {
    w,
    ed,
    draft: await proposal(db, w, ed, w.agencies.pontianak, w.users.innovator, "draft"),
    submitted: await proposal(db, w, ed, w.agencies.pontianak, w.users.adminLokal, "submitted"),
    otherDraft: await proposal(db, w, ed, w.agencies.singkawang, w.users.otherInnovator, "draft"),
  };
}

/** A browser-like multipart upload: the slot field first, then the file. */
function uploadRequest(number: string, slot: string, name: string, bytes: Buffer, type = "application/pdf"): Request {
  const form = new FormData();
  form.append("slot", slot);
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return new Request(`http://localhost/proposals/${number}/files`, { method: "POST", body: form });
}

async function auditOf(db: DB) {
  const rows = await db.selectFrom("audit_log").selectAll().where("action", "like", "file.%").orderBy("at").execute();
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor_user_id,
    entity: [r.entity_type, r.entity_id],
    organizerId: r.organizer_id,
    competitionId: r.competition_id,
    agencyId: r.agency_id,
    before: r.before_json && JSON.parse(r.before_json),
    after: r.after_json && JSON.parse(r.after_json),
  }));
}

describe("uploading, listing, downloading and deleting evidence", () => {
  beforeEach(clearUploads);

  it("an innovator uploads a real PDF: stored under a random key, recorded, audited", async () => {
    const f = await fixture(t.db);
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const res = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "SK Inovator.pdf", PDF));
    if (!res.ok) throw new Error(JSON.stringify(res.failure));
    const row = await t.db.selectFrom("proposal_files").selectAll().executeTakeFirstOrThrow();
    expect({ ...row, id: "-", storage_key: "-", created_at: "-", proposal_id: "-" }).toEqual({
      id: "-",
      proposal_id: "-",
      slot_key: "sk_inovator",
      storage: "local",
      storage_key: "-",
      original_name: "SK Inovator.pdf",
      mime_type: "application/pdf",
      size_bytes: PDF.length,
      sha256: sha256(PDF),
      uploaded_by: f.w.users.innovator,
      created_at: "-",
    });
    expect(filesOnDisk()).toEqual([path.join(row.storage_key.slice(0, 2), row.storage_key)]);
    expect(readFileSync(path.join(root, row.storage_key.slice(0, 2), row.storage_key))).toEqual(PDF);
    expect(await auditOf(t.db)).toEqual([
      {
        action: "file.uploaded",
        actor: f.w.users.innovator,
        entity: ["proposal_file", row.id],
        organizerId: f.w.organizers.kalbar,
        competitionId: f.w.competitions.sivablik,
        agencyId: f.w.agencies.pontianak,
        before: null,
        after: {
          proposal: f.draft,
          slot: "sk_inovator",
          name: "SK Inovator.pdf",
          mime: "application/pdf",
          size: PDF.length,
          sha256: sha256(PDF),
          storage: "local",
        },
      },
    ]);

    const page = await getProposalFiles(t.db, innovator, f.draft);
    expect([page.canEdit, page.slots.map((s) => s.key), page.files.map((x) => [x.slot_key, x.original_name, x.size_bytes])]).toEqual([
      true,
      ["sk_inovator", "dokumen_pendukung"],
      [["sk_inovator", "SK Inovator.pdf", PDF.length]],
    ]);
  });

  it("refuses a renamed executable, a type the slot does not take, and an empty file, keeping nothing", async () => {
    const f = await fixture(t.db);
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const fake = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "laporan.pdf", EXE));
    const png = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "foto.png", PNG, "image/png"));
    const empty = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "kosong.pdf", Buffer.alloc(0)));
    const unknown = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "video", "a.pdf", PDF));
    expect([fake, png, empty, unknown]).toEqual([
      { ok: false, failure: { slot: "sk_inovator", error: "files.errors.type", kinds: ["pdf"] }, values: { slot: "sk_inovator" } },
      { ok: false, failure: { slot: "sk_inovator", error: "files.errors.type", kinds: ["pdf"] }, values: { slot: "sk_inovator" } },
      { ok: false, failure: { slot: "sk_inovator", error: "files.errors.empty" }, values: { slot: "sk_inovator" } },
      { ok: false, failure: { slot: "video", error: "files.errors.unknownSlot" }, values: { slot: "video" } },
    ]);
    // A PNG is fine where the slot takes images.
    const ok = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "dokumen_pendukung", "foto.png", PNG, "image/png"));
    expect(ok.ok).toBe(true);
    expect(await t.db.selectFrom("proposal_files").select(["slot_key", "mime_type"]).execute()).toEqual([
      { slot_key: "dokumen_pendukung", mime_type: "image/png" },
    ]);
    expect(filesOnDisk().length).toBe(1);
  });

  it("refuses a file over the slot's limit and leaves nothing on disk", async () => {
    const f = await fixture(t.db);
    await t.db.updateTable("group_attachment_slots").set({ max_size_mb: 1 }).where("key", "=", "sk_inovator").execute();
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const big = Buffer.concat([PDF, Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
    const res = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "besar.pdf", big));
    expect(res).toEqual({ ok: false, failure: { slot: "sk_inovator", error: "files.errors.tooLarge", maxSizeMb: 1 }, values: { slot: "sk_inovator" } });
    expect(filesOnDisk()).toEqual([]);
    expect(await t.db.selectFrom("proposal_files").select("id").execute()).toEqual([]);
  });

  it("upload: allowed to the agency's Admin Lokal; 404 for another agency and for the organizer of a draft; 403 once submitted", async () => {
    const f = await fixture(t.db);
    const admin = await actorOf(t.db, f.w.users.adminLokal);
    const allowed = await uploadProposalFile(t.db, admin, f.draft, uploadRequest(f.draft, "sk_inovator", "sk.pdf", PDF));
    expect(allowed.ok).toBe(true);
    const other = await actorOf(t.db, f.w.users.otherAdminLokal);
    const organizer = await actorOf(t.db, f.w.users.kalbarAdmin);
    await expectStatus(uploadProposalFile(t.db, other, f.draft, uploadRequest(f.draft, "sk_inovator", "x.pdf", PDF)), 404);
    await expectStatus(uploadProposalFile(t.db, organizer, f.draft, uploadRequest(f.draft, "sk_inovator", "x.pdf", PDF)), 404);
    await expectStatus(uploadProposalFile(t.db, organizer, f.submitted, uploadRequest(f.submitted, "sk_inovator", "x.pdf", PDF)), 403);
    await expectStatus(uploadProposalFile(t.db, admin, f.submitted, uploadRequest(f.submitted, "sk_inovator", "x.pdf", PDF)), 403);
    expect((await t.db.selectFrom("proposal_files").select("id").execute()).length).toBe(1);
    expect(filesOnDisk().length).toBe(1);
  });

  it("upload: refused once the registration window has closed (server clock), before reading the file", async () => {
    const f = await fixture(t.db);
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const later = new Date(Date.now() + 40 * 24 * 3600 * 1000);
    const req = uploadRequest(f.draft, "sk_inovator", "sk.pdf", PDF);
    const res = await uploadProposalFile(t.db, innovator, f.draft, req, { now: later });
    expect(res).toEqual({ ok: false, failure: { slot: null, error: "files.errors.closed" }, values: {} });
    expect(req.bodyUsed).toBe(false);
    expect(filesOnDisk()).toEqual([]);
  });

  it("download: the agency and (once submitted) the organizer; 404 for another agency, the organizer of a draft, a juror and nobody", async () => {
    const f = await fixture(t.db);
    const admin = await actorOf(t.db, f.w.users.adminLokal);
    await uploadProposalFile(t.db, admin, f.draft, uploadRequest(f.draft, "sk_inovator", "draf.pdf", PDF));
    // A submitted proposal's file, put in place as it was before submission.
    await t.db.updateTable("proposals").set({ status: "draft" }).where("number", "=", f.submitted).execute();
    await uploadProposalFile(t.db, admin, f.submitted, uploadRequest(f.submitted, "sk_inovator", "final.pdf", PDF));
    await t.db.updateTable("proposals").set({ status: "submitted" }).where("number", "=", f.submitted).execute();
    const ids = Object.fromEntries((await t.db.selectFrom("proposal_files").select(["id", "original_name"]).execute()).map((r) => [r.original_name, r.id]));

    const innovator = await actorOf(t.db, f.w.users.innovator);
    const organizer = await actorOf(t.db, f.w.users.kalbarAdmin);
    const got = await openProposalFile(t.db, innovator, ids["draf.pdf"]);
    expect([got.mime, got.name, got.size, (await readAll(got.stream)).equals(PDF)]).toEqual(["application/pdf", "draf.pdf", PDF.length, true]);
    const org = await openProposalFile(t.db, organizer, ids["final.pdf"]);
    expect([org.name, (await readAll(org.stream)).equals(PDF)]).toEqual(["final.pdf", true]);

    await expectStatus(openProposalFile(t.db, organizer, ids["draf.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, await actorOf(t.db, f.w.users.otherAdminLokal), ids["draf.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, await actorOf(t.db, f.w.users.otherInnovator), ids["final.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, await actorOf(t.db, f.w.users.panrbAdmin), ids["final.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, await actorOf(t.db, f.w.users.evaluator), ids["final.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, await actorOf(t.db, f.w.users.nobody), ids["final.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, null, ids["final.pdf"]), 404);
    await expectStatus(openProposalFile(t.db, innovator, "no-such-file"), 404);
  });

  it("delete: the agency removes a file (row, object, audit); another agency's id or another proposal's file is 404", async () => {
    const f = await fixture(t.db);
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const otherInnovator = await actorOf(t.db, f.w.users.otherInnovator);
    await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "sk.pdf", PDF));
    await uploadProposalFile(t.db, otherInnovator, f.otherDraft, uploadRequest(f.otherDraft, "sk_inovator", "lain.pdf", PDF));
    const rows = await t.db.selectFrom("proposal_files").select(["id", "original_name", "storage_key"]).orderBy("original_name").execute();
    const [lain, sk] = rows;
    expect(filesOnDisk().length).toBe(2);

    await expectStatus(deleteProposalFile(t.db, otherInnovator, f.draft, sk.id), 404);
    // Singkawang's file through Pontianak's proposal: not of this proposal.
    await expectStatus(deleteProposalFile(t.db, innovator, f.draft, lain.id), 404);
    expect((await t.db.selectFrom("proposal_files").select("id").execute()).length).toBe(2);

    expect(await deleteProposalFile(t.db, innovator, f.draft, sk.id)).toEqual({ ok: true });
    expect(await t.db.selectFrom("proposal_files").select("original_name").execute()).toEqual([{ original_name: "lain.pdf" }]);
    expect(filesOnDisk()).toEqual([path.join(lain.storage_key.slice(0, 2), lain.storage_key)]);
    const audit = (await auditOf(t.db)).filter((a) => a.action === "file.deleted");
    expect(audit).toEqual([
      {
        action: "file.deleted",
        actor: f.w.users.innovator,
        entity: ["proposal_file", sk.id],
        organizerId: f.w.organizers.kalbar,
        competitionId: f.w.competitions.sivablik,
        agencyId: f.w.agencies.pontianak,
        before: {
          proposal: f.draft,
          slot: "sk_inovator",
          name: "sk.pdf",
          mime: "application/pdf",
          size: PDF.length,
          sha256: sha256(PDF),
          storage: "local",
        },
        after: null,
      },
    ]);
  });

  it("delete: refused after the deadline and once submitted", async () => {
    const f = await fixture(t.db);
    const admin = await actorOf(t.db, f.w.users.adminLokal);
    await uploadProposalFile(t.db, admin, f.draft, uploadRequest(f.draft, "sk_inovator", "sk.pdf", PDF));
    const { id } = await t.db.selectFrom("proposal_files").select("id").executeTakeFirstOrThrow();
    const later = new Date(Date.now() + 40 * 24 * 3600 * 1000);
    expect(await deleteProposalFile(t.db, admin, f.draft, id, { now: later })).toEqual({
      ok: false,
      failure: { slot: null, error: "files.errors.closed" },
    });
    await t.db.updateTable("proposals").set({ status: "submitted" }).where("number", "=", f.draft).execute();
    await expectStatus(deleteProposalFile(t.db, admin, f.draft, id), 403);
    expect((await t.db.selectFrom("proposal_files").select("id").execute()).length).toBe(1);
  });
});

describe("uploads with UPLOADTHING_TOKEN set", () => {
  afterEach(() => {
    delete process.env.UPLOADTHING_TOKEN;
    vi.unstubAllGlobals();
  });

  it("go to UploadThing through the SDK (global fetch faked), recorded with UploadThing's key, and come back", async () => {
    clearUploads();
    const ut = fakeUploadThing();
    vi.stubGlobal("fetch", ut.fetch);
    process.env.UPLOADTHING_TOKEN = UT_TOKEN;
    const f = await fixture(t.db);
    const innovator = await actorOf(t.db, f.w.users.innovator);
    const res = await uploadProposalFile(t.db, innovator, f.draft, uploadRequest(f.draft, "sk_inovator", "sk.pdf", PDF));
    if (!res.ok) throw new Error(JSON.stringify(res.failure));
    const utKey = ut.requests[0].url.pathname.slice(1);
    expect(await t.db.selectFrom("proposal_files").select(["storage", "storage_key", "sha256"]).execute()).toEqual([
      { storage: "uploadthing", storage_key: utKey, sha256: sha256(PDF) },
    ]);
    expect([...ut.objects.keys()]).toEqual([utKey]);
    // Nothing stays on local disk (the temp file is removed).
    expect(filesOnDisk()).toEqual([]);
    const got = await openProposalFile(t.db, innovator, res.file.id);
    expect((await readAll(got.stream)).equals(PDF)).toBe(true);
    expect(await deleteProposalFile(t.db, innovator, f.draft, res.file.id)).toEqual({ ok: true });
    expect(ut.objects.size).toBe(0);
    expect(ut.requests.map((r) => r.method)).toEqual(["PUT", "GET", "POST"]);
    expect(statSync(root).isDirectory()).toBe(true);
  });
});
