/**
 * Objections over real HTTP against the built server (plain forms, no
 * JavaScript): the agency's page and multipart filing (a renamed executable
 * refused at the field with the reasons kept), evidence downloads, the
 * organizer's page and answer form. Needs `npx remix build` first; the tests
 * of this file share one database (tests/support/http.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildObjectionScene, EXE, insertAnnouncement, PDF, REASONS, type ObjectionScene } from "../support/publication-objections";

let app: HttpApp;
let s: ObjectionScene;
let root: string;
let announcementId: string;
const cookies: Record<string, string> = {};
const savedUploadsDir = process.env.UPLOADS_DIR;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-http-objections-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
  app = await startHttpApp();
  s = await buildObjectionScene(app.db);
  // A finalists-style list published an hour ago with a 5-day window: open on the real clock.
  announcementId = await insertAnnouncement(app.db, {
    competitionId: s.edition.competitionId,
    kind: "screening",
    number: "B/9/PP.00.05/2025",
    title: "Ralat Hasil Seleksi",
    publishedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    proposalIds: [s.proposals.p1.id, s.proposals.s1.id],
  });
  for (const [who, email] of [
    ["adminLokal", "adminlokal@pontianak.test"],
    ["otherAdminLokal", "adminlokal@singkawang.test"],
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
  if (savedUploadsDir === undefined) delete process.env.UPLOADS_DIR;
  else process.env.UPLOADS_DIR = savedUploadsDir;
});

async function postMultipart(p: string, cookie: string, fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  const res = await fetch(new URL(p, app.origin), { method: "POST", body: form, headers: { Cookie: cookie, Origin: app.origin }, redirect: "manual" });
  return { status: res.status, body: await res.text(), location: res.headers.get("location") };
}

describe("objections over HTTP", () => {
  let objectionId = "";

  it("shows the agency its open window and the filing form; another agency gets 403", async () => {
    const page = await app.get(`/agency/${s.world.agencies.pontianak}/objections?announcement=${announcementId}`, { cookie: cookies.adminLokal });
    expect(page.status).toBe(200);
    expect(page.body).toContain("B/9/PP.00.05/2025");
    expect(page.body.toLowerCase()).toContain(`enctype="multipart/form-data"`);
    expect(page.body.match(/<h1[ >]/g)?.length).toBe(1);
    const other = await app.get(`/agency/${s.world.agencies.pontianak}/objections`, { cookie: cookies.otherAdminLokal });
    expect(other.status).toBe(403);
  });

  it("refuses a renamed executable at the field with the reasons kept, then files with a PDF", async () => {
    const url = `/agency/${s.world.agencies.pontianak}/objections?announcement=${announcementId}`;
    const refused = await postMultipart(url, cookies.adminLokal, { proposal: s.proposals.p2.id, listedNumber: "", reasons: REASONS }, [
      { name: "laporan.pdf", bytes: EXE, type: "application/pdf" },
    ]);
    expect(refused.status).toBe(400);
    // React separates adjacent text nodes with <!-- --> in server HTML.
    expect(refused.body.replace(/<!-- -->/g, "")).toMatch(/id="files-error" role="alert">laporan\.pdf: Isi berkas ini bukan PDF, JPEG atau PNG\./);
    expect(refused.body).toContain(REASONS);
    const filed = await postMultipart(url, cookies.adminLokal, { proposal: s.proposals.p2.id, listedNumber: "", reasons: REASONS }, [
      { name: "SK Inovator.pdf", bytes: PDF, type: "application/pdf" },
    ]);
    expect(filed.status).toBe(302);
    expect(filed.location).toMatch(new RegExp(`^/agency/${s.world.agencies.pontianak}/objections\\?notice=filed#objection-`));
    objectionId = (await app.db.selectFrom("objections").select("id").executeTakeFirstOrThrow()).id;
  });

  it("refuses a late filing with a clear message and gives the reasons back", async () => {
    // The scene's screening announcement (published 2025-08-01) closed long ago on the real clock.
    const late = await postMultipart(`/agency/${s.world.agencies.pontianak}/objections?announcement=${s.screeningId}`, cookies.adminLokal, { proposal: s.proposals.p2.id, reasons: REASONS }, []);
    expect(late.status).toBe(400);
    expect(late.body).toContain("Masa sanggah pengumuman ini sudah berakhir (menurut jam server).");
    expect(late.body).toContain(REASONS);
  });

  it("serves the evidence to the agency and the organizer, 404 to others", async () => {
    const fileId = (await app.db.selectFrom("objection_files").select("id").executeTakeFirstOrThrow()).id;
    const url = `/objections/${objectionId}/files/${fileId}`;
    for (const who of ["adminLokal", "panrb"] as const) {
      const r = await app.get(url, { cookie: cookies[who] });
      expect([r.status, r.headers.get("content-type"), r.body]).toEqual([200, "application/pdf", PDF.toString("utf8")]);
    }
    for (const who of ["otherAdminLokal", "kalbar"] as const) expect((await app.get(url, { cookie: cookies[who] })).status).toBe(404);
    expect((await app.get(url)).status).toBe(404);
  });

  it("lets the organizer answer: a short answer is refused at the field, then saved", async () => {
    const base = `/competitions/kipp-2025/objections`;
    expect((await app.get(base, { cookie: cookies.kalbar })).status).toBe(403);
    const list = await app.get(base, { cookie: cookies.panrb });
    expect(list.status).toBe(200);
    expect(list.body).toContain(s.proposals.p2.number);
    const short = await app.post(`${base}?objection=${objectionId}`, { intent: "answer", objectionId, decision: "reject", outcome: "", answer: "pendek" }, { cookie: cookies.panrb });
    expect(short.status).toBe(400);
    expect(short.body).toContain("Jawaban terlalu singkat");
    const ok = await app.post(`${base}?objection=${objectionId}`, { intent: "answer", objectionId, decision: "reject", outcome: "", answer: "SK inovator tidak ada pada berkas." }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    const agencyPage = await app.get(`/agency/${s.world.agencies.pontianak}/objections`, { cookie: cookies.adminLokal });
    expect(agencyPage.body).toContain("SK inovator tidak ada pada berkas.");
    expect(agencyPage.body).toContain("Ditolak");
  });
});
