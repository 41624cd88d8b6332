/**
 * Evidence uploads and downloads over real HTTP against the built server
 * (plain multipart forms, no JavaScript). Needs `npx remix build` first. The
 * tests of this file share one database (see tests/support/http.ts); files go
 * to a temporary UPLOADS_DIR.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertProposal } from "~/models/proposals.server";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(120, 0)]);

let app: HttpApp;
let w: World;
let ed: BuiltEdition;
let root: string;
const cookies: Record<string, string> = {};
const numbers = { draft: "SIVABLIK2025-000001", submitted: "SIVABLIK2025-000002", other: "SIVABLIK2025-000003" };
const savedUploadsDir = process.env.UPLOADS_DIR;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-http-files-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
  app = await startHttpApp();
  w = await buildWorld(app.db);
  ed = await buildEdition(app.db, w.competitions.sivablik);
  const now = new Date().toISOString();
  // All drafts; the "submitted" one is submitted after its file is uploaded (see "downloading").
  for (const [number, agencyId] of [
    [numbers.draft, w.agencies.pontianak],
    [numbers.submitted, w.agencies.pontianak],
    [numbers.other, w.agencies.singkawang],
  ] as const) {
    await insertProposal(app.db, {
      competitionId: ed.competitionId,
      groupId: ed.groups.umum,
      agencyId,
      number,
      title: `Inovasi ${number}`,
      titleKey: number.toLowerCase(),
      contactName: "Siti",
      contactEmail: "siti@pontianak.test",
      createdBy: w.users.adminLokal,
      now,
    });
  }
  // Only the slot used for the size test is small.
  await app.db.updateTable("group_attachment_slots").set({ max_size_mb: 1 }).where("key", "=", "dokumen_pendukung").execute();
  for (const [who, email] of [
    ["innovator", "inovator@pontianak.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
    ["otherAdminLokal", "adminlokal@singkawang.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
  if (savedUploadsDir === undefined) delete process.env.UPLOADS_DIR;
  else process.env.UPLOADS_DIR = savedUploadsDir;
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
  if (existsSync(root)) walk(root);
  return out.sort();
}

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart body built by hand, so file names reach the server byte for byte (NUL, backslashes). */
function multipart(parts: Part[]): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = "----sayembara" + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ("value" in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`),
        p.data,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(number: string, parts: Part[], opts: { cookie?: string; query?: string } = {}) {
  const { body, contentType } = multipart(parts);
  const res = await fetch(`${app.origin}/proposals/${number}/files${opts.query ?? ""}`, {
    method: "POST",
    headers: { "Content-Type": contentType, Origin: app.origin, ...(opts.cookie ? { Cookie: opts.cookie } : {}) },
    body,
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

const pdfPart = (filename: string, data = PDF, type = "application/pdf"): Part => ({ name: "file", filename, type, data });

async function fileRows(number: string) {
  return app.db
    .selectFrom("proposal_files")
    .innerJoin("proposals", "proposals.id", "proposal_files.proposal_id")
    .select(["proposal_files.id", "slot_key", "original_name", "storage_key", "size_bytes"])
    .where("proposals.number", "=", number)
    .orderBy("proposal_files.created_at")
    .orderBy("original_name")
    .execute();
}

async function clearFiles() {
  await app.db.deleteFrom("proposal_files").execute();
  for (const e of readdirSync(root)) rmSync(path.join(root, e), { recursive: true, force: true });
}

describe("the files page", () => {
  it("offers a multipart form per slot with the slot field before the file input", async () => {
    const res = await app.get(`/proposals/${numbers.draft}/files`, { cookie: cookies.innovator });
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<title>Berkas bukti ${numbers.draft} · Sayembara</title>`);
    // HTML attribute names are case-insensitive; React writes encType.
    const forms = [...res.body.matchAll(/<form[^>]*enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/gi)];
    expect(forms.map((f) => /action="([^"]*)"/.exec(f[0])?.[1])).toEqual([
      `/proposals/${numbers.draft}/files?slot=sk_inovator`,
      `/proposals/${numbers.draft}/files?slot=dokumen_pendukung`,
    ]);
    const first = forms[0][1];
    expect(first.indexOf('name="slot"')).toBeGreaterThan(-1);
    expect(first.indexOf('name="slot"')).toBeLessThan(first.indexOf('type="file"'));
    expect(first).toContain('accept=".pdf,application/pdf"');
    expect(res.body).toContain("Jenis: PDF. Maksimal 5 MB per berkas.");
    expect(res.body).toContain("Jenis: PDF, JPEG, atau PNG. Maksimal 1 MB per berkas.");
  });

  it("is 404 for another agency and sends a signed-out visitor to log in", async () => {
    expect((await app.get(`/proposals/${numbers.draft}/files`, { cookie: cookies.otherAdminLokal })).status).toBe(404);
    expect((await app.get(`/proposals/${numbers.draft}/files`, { cookie: cookies.kalbar })).status).toBe(404);
    const anon = await app.get(`/proposals/${numbers.draft}/files`);
    expect([anon.status, anon.location]).toEqual([302, `/login?redirectTo=%2Fproposals%2F${numbers.draft}%2Ffiles`]);
  });
});

describe("uploading", () => {
  beforeEach(clearFiles);

  it("stores a real PDF and returns to the form it came from", async () => {
    const res = await upload(
      numbers.draft,
      [{ name: "slot", value: "sk_inovator" }, { name: "redirectTo", value: `/proposals/${numbers.draft}` }, pdfPart("SK Inovator 2025.pdf")],
      { cookie: cookies.innovator },
    );
    expect([res.status, res.location]).toEqual([302, `/proposals/${numbers.draft}#slot-sk_inovator`]);
    const rows = await fileRows(numbers.draft);
    expect(rows.map((r) => [r.slot_key, r.original_name, Number(r.size_bytes)])).toEqual([["sk_inovator", "SK Inovator 2025.pdf", PDF.length]]);
    expect(filesOnDisk()).toEqual([path.join(rows[0].storage_key.slice(0, 2), rows[0].storage_key)]);
    expect(readFileSync(path.join(root, filesOnDisk()[0]))).toEqual(PDF);
  });

  it("takes the slot from the query string too, and comes back to the files page by default", async () => {
    const res = await upload(numbers.draft, [pdfPart("sk.pdf")], { cookie: cookies.adminLokal, query: "?slot=sk_inovator" });
    expect([res.status, res.location]).toEqual([302, `/proposals/${numbers.draft}/files?notice=uploaded#slot-sk_inovator`]);
    const page = await app.get(res.location!, { cookie: cookies.adminLokal });
    expect(page.body).toContain("Berkas telah diunggah.");
    expect(page.body).toContain(`href="/files/${(await fileRows(numbers.draft))[0].id}"`);
  });

  it("refuses an executable renamed .pdf with the accepted types named at the slot", async () => {
    const res = await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart("laporan.pdf", EXE)], { cookie: cookies.innovator });
    expect(res.status).toBe(400);
    expect(res.body).toContain(
      '<span class="error" id="upload-sk_inovator-error" role="alert">Isi berkas ini bukan PDF. Berkas diperiksa dari isinya, bukan dari nama atau ekstensinya; simpan ulang dokumen sebagai PDF lalu unggah lagi.</span>',
    );
    expect(res.body).toMatch(/<input id="upload-sk_inovator"[^>]*aria-invalid="true"[^>]*aria-describedby="upload-sk_inovator-hint upload-sk_inovator-error"/);
    expect(await fileRows(numbers.draft)).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("refuses 1.5 MB where the slot allows 1 MB, leaving nothing on disk", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
    const res = await upload(numbers.draft, [{ name: "slot", value: "dokumen_pendukung" }, pdfPart("besar.pdf", big)], { cookie: cookies.innovator });
    expect(res.status).toBe(413);
    expect(res.body).toContain(
      '<span class="error" id="upload-dokumen_pendukung-error" role="alert">Berkas terlalu besar. Ukuran maksimal untuk lampiran ini 1 MB.</span>',
    );
    expect(await fileRows(numbers.draft)).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("stores files with path tricks in their names under random keys, keeping only a safe display name", async () => {
    for (const name of ["../../etc/passwd.pdf", "..\\..\\x.pdf", "lapor\u0000an.pdf", "..", "C:\\Windows\\evil\u202Efdp.exe"]) {
      const res = await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart(name)], { cookie: cookies.innovator });
      expect([name, res.status]).toEqual([name, 302]);
    }
    const rows = await fileRows(numbers.draft);
    expect(rows.map((r) => r.original_name).sort()).toEqual(["berkas", "evilfdp.exe", "laporan.pdf", "passwd.pdf", "x.pdf"]);
    // On disk: only <2 chars>/<32-char random key>, nothing else anywhere.
    expect(filesOnDisk()).toEqual(rows.map((r) => path.join(r.storage_key.slice(0, 2), r.storage_key)).sort());
    for (const f of filesOnDisk()) expect(f).toMatch(/^[a-z2-7]{2}\/[a-z2-7]{32}$/);
    expect(existsSync(path.join(root, "..", "x.pdf"))).toBe(false);
    expect(existsSync(path.join(root, "..", "etc"))).toBe(false);

    // The download name gets the real type's extension; the header is safe.
    const evil = rows.find((r) => r.original_name === "evilfdp.exe")!;
    const dl = await fetch(`${app.origin}/files/${evil.id}`, { headers: { Cookie: cookies.innovator } });
    expect(dl.headers.get("content-disposition")).toBe(`attachment; filename="evilfdp.exe.pdf"; filename*=UTF-8''evilfdp.exe.pdf`);
  });

  it("is refused to another agency (404), the organizer (404 on a draft) and a cross-site form (403)", async () => {
    const parts = [{ name: "slot", value: "sk_inovator" }, pdfPart("sk.pdf")];
    expect((await upload(numbers.draft, parts, { cookie: cookies.otherAdminLokal })).status).toBe(404);
    expect((await upload(numbers.draft, parts, { cookie: cookies.kalbar })).status).toBe(404);
    const { body, contentType } = multipart(parts);
    const forged = await fetch(`${app.origin}/proposals/${numbers.draft}/files`, {
      method: "POST",
      headers: { "Content-Type": contentType, Origin: "http://evil.example", Cookie: cookies.innovator },
      body,
    });
    expect(forged.status).toBe(403);
    const anon = await upload(numbers.draft, parts);
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login\?redirectTo=/);
    expect(await fileRows(numbers.draft)).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("leaves nothing on disk when the browser gives up halfway", async () => {
    const boundary = "----cut";
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) {
          controller.enqueue(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="slot"\r\n\r\nsk_inovator\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="putus.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
            ),
          );
        } else if (sent < 8) {
          controller.enqueue(Buffer.alloc(64 * 1024, 0x20));
        } else {
          await new Promise(() => undefined); // stalls until aborted
        }
        sent++;
      },
    });
    const abort = new AbortController();
    const req = fetch(`${app.origin}/proposals/${numbers.draft}/files`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, Origin: app.origin, Cookie: cookies.innovator },
      body,
      duplex: "half",
      signal: abort.signal,
    } as RequestInit);
    // Wait until the server has started writing the part, then cut the connection.
    for (let i = 0; i < 100 && filesOnDisk().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(filesOnDisk().map((f) => path.dirname(f))).toEqual(["tmp"]);
    abort.abort();
    await expect(req).rejects.toThrow();
    for (let i = 0; i < 100 && filesOnDisk().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(filesOnDisk()).toEqual([]);
    expect(await fileRows(numbers.draft)).toEqual([]);
  });

  it("deletes a file with a plain form", async () => {
    await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart("hapus.pdf")], { cookie: cookies.innovator });
    const [row] = await fileRows(numbers.draft);
    const denied = await app.post(`/proposals/${numbers.draft}/files`, { intent: "delete", fileId: row.id }, { cookie: cookies.otherAdminLokal });
    expect(denied.status).toBe(404);
    const res = await app.post(`/proposals/${numbers.draft}/files`, { intent: "delete", fileId: row.id }, { cookie: cookies.innovator });
    expect([res.status, res.location]).toEqual([302, `/proposals/${numbers.draft}/files?notice=deleted`]);
    expect(await fileRows(numbers.draft)).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });
});

describe("downloading", () => {
  let draftFile: string;
  let submittedFile: string;

  beforeAll(async () => {
    await clearFiles();
    await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart("Laporan Évaluasi.pdf")], { cookie: cookies.innovator });
    await upload(numbers.submitted, [{ name: "slot", value: "sk_inovator" }, pdfPart("final.pdf")], { cookie: cookies.adminLokal });
    await app.db.updateTable("proposals").set({ status: "submitted" }).where("number", "=", numbers.submitted).execute();
    draftFile = (await fileRows(numbers.draft))[0].id;
    submittedFile = (await fileRows(numbers.submitted))[0].id;
  });

  it("streams the file to its agency with safe headers", async () => {
    const res = await fetch(`${app.origin}/files/${draftFile}`, { headers: { Cookie: cookies.innovator } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect(Object.fromEntries(["content-type", "content-disposition", "x-content-type-options", "cache-control"].map((h) => [h, res.headers.get(h)]))).toEqual({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="Laporan Evaluasi.pdf"; filename*=UTF-8''Laporan%20%C3%89valuasi.pdf`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
    });
  });

  it("serves a submitted proposal's file to the organizer, never a draft's", async () => {
    const ok = await fetch(`${app.origin}/files/${submittedFile}`, { headers: { Cookie: cookies.kalbar } });
    expect([ok.status, Buffer.from(await ok.arrayBuffer()).equals(PDF)]).toEqual([200, true]);
    expect((await app.get(`/files/${draftFile}`, { cookie: cookies.kalbar })).status).toBe(404);
  });

  it("is 404 for another agency, for anonymous and for an unknown id, the same answer each time", async () => {
    const other = await app.get(`/files/${submittedFile}`, { cookie: cookies.otherAdminLokal });
    const anon = await app.get(`/files/${submittedFile}`);
    const unknown = await app.get(`/files/tidak-ada`, { cookie: cookies.innovator });
    expect([other.status, anon.status, unknown.status]).toEqual([404, 404, 404]);
    expect(other.body).not.toContain("%PDF");
    expect(anon.body).not.toContain("%PDF");
  });
});

describe("after the deadline", () => {
  it("refuses uploads and deletes with the reason shown, and keeps the files readable", async () => {
    await clearFiles();
    await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart("tetap.pdf")], { cookie: cookies.innovator });
    const [row] = await fileRows(numbers.draft);
    const closed = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await app.db.updateTable("competition_stages").set({ ends_at: closed }).where("competition_id", "=", ed.competitionId).where("stage", "=", "pendaftaran").execute();
    try {
      const up = await upload(numbers.draft, [{ name: "slot", value: "sk_inovator" }, pdfPart("telat.pdf")], { cookie: cookies.innovator, query: "?slot=sk_inovator" });
      expect(up.status).toBe(400);
      expect(up.body).toContain('<div class="alert alert-error" role="alert">Masa pendaftaran sudah ditutup; berkas tidak dapat diubah lagi.</div>');
      expect(up.body).not.toContain('type="file"');
      const del = await app.post(`/proposals/${numbers.draft}/files`, { intent: "delete", fileId: row.id }, { cookie: cookies.innovator });
      expect(del.status).toBe(400);
      expect(del.body).toContain("Masa pendaftaran sudah ditutup; berkas tidak dapat diubah lagi.");
      expect((await fileRows(numbers.draft)).map((r) => r.original_name)).toEqual(["tetap.pdf"]);
      expect((await app.get(`/files/${row.id}`, { cookie: cookies.innovator })).status).toBe(200);
    } finally {
      await app.db.updateTable("competition_stages").set({ ends_at: ed.registration.endsAt }).where("competition_id", "=", ed.competitionId).where("stage", "=", "pendaftaran").execute();
    }
  });
});
