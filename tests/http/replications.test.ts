/**
 * Replications over real HTTP against the built server (no JavaScript): the
 * agency page renders, an Admin Lokal starts a replication with a plain form,
 * records a stage with an evidence file (multipart), the source agency
 * confirms, the organizer page lists and verifies it; another agency gets 404.
 * Needs `npx remix build` first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyId, buildUser, buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";
import { insertInnovation } from "../support/publication-public";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
let app: HttpApp;
let w: World;
let root: string;
let innovation: string;
const cookies: Record<string, string> = {};
const savedUploadsDir = process.env.UPLOADS_DIR;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-http-replications-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
  app = await startHttpApp();
  w = await buildWorld(app.db);
  await buildUser(app.db, { email: "adminlokal@banjarmasin.test", name: "Rahmat", password: PASSWORD, roles: [{ role: "admin_lokal", agencyId: agencyId("KOTA-63.71") }] });
  innovation = await insertInnovation(app.db, { title: "Sistem Antrean Puskesmas Daring", agencyId: w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang", stage: "winner" });
  for (const [who, email] of [
    ["ptk", "adminlokal@pontianak.test"],
    ["sgk", "adminlokal@singkawang.test"],
    ["bjm", "adminlokal@banjarmasin.test"],
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

describe("replications over HTTP", () => {
  it("start, stage with evidence, confirm, verify", async () => {
    const list = `/agency/${w.agencies.pontianak}/replications`;
    const page = await app.get(`${list}?innovation=${innovation}`, { cookie: cookies.ptk });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Sistem Antrean Puskesmas Daring");

    const bad = await app.post(list, { intent: "start", source: "innovation", innovationId: innovation, title: "Replikasi Antrean", happenedOn: "2999-01-01" }, { cookie: cookies.ptk });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Tanggal tidak boleh setelah hari ini (WIB).");
    expect(bad.body).toContain('value="Replikasi Antrean"');

    const started = await app.post(list, { intent: "start", source: "innovation", innovationId: innovation, title: "Replikasi Antrean", happenedOn: "2026-01-05", note: "Studi tiru" }, { cookie: cookies.ptk });
    expect(started.status).toBe(302);
    const detail = started.location ?? "";
    const rid = detail.split("/").pop() ?? "";
    expect(detail).toBe(`${list}/${rid}`);
    expect((await app.get(detail, { cookie: cookies.ptk })).status).toBe(200);

    const form = new FormData();
    form.append("stage", "rencana");
    form.append("happenedOn", "2026-02-01");
    form.append("note", "Rencana aksi");
    form.append("files", new File([new Uint8Array(PDF)], "sk.pdf", { type: "application/pdf" }));
    const up = await fetch(`${app.origin}${detail}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookies.ptk, Origin: app.origin } });
    expect(up.status).toBe(302);
    const file = await app.db.selectFrom("replication_files").select("id").where("replication_id", "=", rid).executeTakeFirstOrThrow();
    expect((await app.get(`/replications/${rid}/files/${file.id}`, { cookie: cookies.sgk })).status).toBe(200);
    expect((await app.get(`/replications/${rid}/files/${file.id}`, { cookie: cookies.bjm })).status).toBe(404);
    expect((await app.get(detail, { cookie: cookies.bjm })).status).toBe(404);
    // The source agency may not remove the adopter's evidence (403); the adopter's page offers it and removes it.
    expect((await app.post(detail, { intent: "removeFile", fileId: file.id }, { cookie: cookies.sgk })).status).toBe(403);
    expect((await app.get(detail, { cookie: cookies.ptk })).body).toContain('aria-label="Hapus berkas sk.pdf"');
    const removed = await app.post(detail, { intent: "removeFile", fileId: file.id }, { cookie: cookies.ptk });
    expect([removed.status, removed.location]).toEqual([302, `${detail}?notice=fileRemoved`]);
    expect((await app.get(`${detail}?notice=fileRemoved`, { cookie: cookies.ptk })).body).toContain("Berkas bukti dihapus.");
    expect((await app.get(`/replications/${rid}/files/${file.id}`, { cookie: cookies.ptk })).status).toBe(404);

    const sgkList = `/agency/${w.agencies.singkawang}/replications`;
    expect((await app.get(sgkList, { cookie: cookies.sgk })).body).toContain("Replikasi Antrean");
    const confirmed = await app.post(sgkList, { intent: "respond", replicationId: rid, response: "confirmed", note: "" }, { cookie: cookies.sgk });
    expect(confirmed.status).toBe(302);

    const org = `/organizers/${w.organizers.kalbar}/replications`;
    expect((await app.get(org, { cookie: cookies.kalbar })).body).toContain("Replikasi Antrean");
    // The record form finds the adopter and the source by name (no ids typed): selects filled from the searches.
    const found = await app.get(`${org}?agency=singkawang&q=antrean`, { cookie: cookies.kalbar });
    expect(found.body).toMatch(/<select[^>]*name="adopterCode"[^>]*>\s*<option value="KOTA-61.72"[^>]*>Pemerintah Kota Singkawang \(KOTA-61.72\)/);
    expect(found.body).toContain(`<option value="${innovation}"`);
    const none = await app.get(`${org}?agency=banjarmasin`, { cookie: cookies.kalbar });
    expect(none.body).toContain("Tidak ada instansi binaan yang cocok.");
    expect(none.body).toMatch(/<input[^>]*name="adopterCode"/);
    expect((await app.post(org, { intent: "verify", replicationId: rid }, { cookie: cookies.kalbar })).status).toBe(302);
    const row = await app.db.selectFrom("replications").select(["stage", "source_response", "verifier_organizer_id"]).where("id", "=", rid).executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: "rencana", source_response: "confirmed", verifier_organizer_id: w.organizers.kalbar });
  });
});
