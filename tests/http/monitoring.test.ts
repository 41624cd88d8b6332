/**
 * Sustainability monitoring over real HTTP against the built server (plain
 * forms, no JavaScript): the organizer opens a period (bad input refused at
 * the field, values kept), the agency reports with evidence (a bad figure
 * refused with the typed note kept), the organizer sends reminders and reads
 * the dashboards; another organizer and another agency are refused. Needs
 * `npx remix build` first; the tests of this file share one database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utcIsoToWibLocal } from "~/domain/time";
import { buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";
import { insertInnovation } from "../support/publication-public";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let app: HttpApp;
let w: World;
let innovationId: string;
let root: string;
const cookies: Record<string, string> = {};
const savedUploadsDir = process.env.UPLOADS_DIR;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-http-monitoring-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
  app = await startHttpApp();
  w = await buildWorld(app.db);
  const base = { competitionId: w.competitions.kipp, year: 2025, editionName: "KIPP 2025" };
  innovationId = await insertInnovation(app.db, { ...base, title: "Pontianak Sehat Digital", agencyId: w.agencies.pontianak, agencyName: "Pemerintah Kota Pontianak" });
  await insertInnovation(app.db, { ...base, title: "Singkawang Ramah Lansia", agencyId: w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang" });
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

describe("monitoring over HTTP", () => {
  let periodId = "";

  it("the organizer opens a period; bad input is refused at the field; another organizer gets 403", async () => {
    const base = `/organizers/${w.organizers.panrb}/monitoring`;
    expect((await app.get(base, { cookie: cookies.kalbar })).status).toBe(403);
    const page = await app.get(base, { cookie: cookies.panrb });
    expect(page.status).toBe(200);
    expect(page.body.match(/<h1[ >]/g)?.length).toBe(1);
    expect(page.body).toContain("KIPP 2025");
    const start = utcIsoToWibLocal(new Date(Date.now() - 24 * 3600 * 1000).toISOString());
    const end = utcIsoToWibLocal(new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString());
    const refused = await app.post(base, { name: "Pemantauan 2026", startsAt: start, endsAt: end }, { cookie: cookies.panrb });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Pilih minimal satu edisi.");
    expect(refused.body).toContain('value="Pemantauan 2026"');
    const form = new URLSearchParams({ name: "Pemantauan 2026", startsAt: start, endsAt: end, editions: w.competitions.kipp });
    const created = await app.post(base, form, { cookie: cookies.panrb });
    expect(created.status).toBe(302);
    periodId = (await app.db.selectFrom("monitoring_periods").select("id").executeTakeFirstOrThrow()).id;
    expect(created.location).toBe(`${base}/${periodId}?notice=created`);
  });

  it("the agency reports with evidence; a bad figure is refused with the note kept; another agency gets 403", async () => {
    const base = `/agency/${w.agencies.pontianak}/monitoring`;
    expect((await app.get(base, { cookie: cookies.otherAdminLokal })).status).toBe(403);
    const page = await app.get(`${base}?period=${periodId}&innovation=${innovationId}`, { cookie: cookies.adminLokal });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Pontianak Sehat Digital");
    expect(page.body).not.toContain("Singkawang Ramah Lansia");
    expect(page.body.toLowerCase()).toContain(`enctype="multipart/form-data"`);
    const url = `${base}?period=${periodId}`;
    const refused = await postMultipart(url, cookies.adminLokal, { innovationId, status: "berkembang", usersServed: "banyak", note: "Diperluas ke kecamatan" }, []);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Masukkan bilangan bulat antara 0 dan 1.000.000.000.");
    expect(refused.body).toContain("Diperluas ke kecamatan");
    const ok = await postMultipart(url, cookies.adminLokal, { innovationId, status: "berkembang", usersServed: "1200", note: "Diperluas ke kecamatan" }, [
      { name: "bukti.pdf", bytes: PDF, type: "application/pdf" },
    ]);
    expect(ok.status).toBe(302);
    const file = await app.db.selectFrom("sustainability_report_files").select(["id", "report_id"]).executeTakeFirstOrThrow();
    const dl = `/monitoring/reports/${file.report_id}/files/${file.id}`;
    expect((await app.get(dl, { cookie: cookies.panrb })).body).toBe(PDF.toString("utf8"));
    expect((await app.get(dl, { cookie: cookies.otherAdminLokal })).status).toBe(404);
  });

  it("the organizer reminds the agency that has not reported (once a day) and reads the dashboards", async () => {
    const base = `/organizers/${w.organizers.panrb}/monitoring/${periodId}`;
    expect((await app.get(base, { cookie: cookies.kalbar })).status).toBe(403);
    const first = await app.post(base, {}, { cookie: cookies.panrb });
    expect([first.status, first.location]).toEqual([302, `${base}?reminded=1&skipped=0#progress`]);
    const again = await app.post(base, {}, { cookie: cookies.panrb });
    expect(again.location).toBe(`${base}?reminded=0&skipped=1#progress`);
    const page = await app.get(base, { cookie: cookies.panrb });
    expect(page.status).toBe(200);
    expect(page.body.match(/<h1[ >]/g)?.length).toBe(1);
    expect(page.body).toContain("Status menurut provinsi");
    expect(page.body).toContain("<svg");
    expect(page.body).toContain("Pemerintah Kota Singkawang");
  });
});
