/**
 * Certificates over real HTTP against the built server (needs `npx remix
 * build`): the organizer's page and its forms without JavaScript, the PDF
 * and ZIP downloads with their permissions, the agency's page, and the
 * public verification pages with their cache headers. One database for the
 * file (see tests/support/http.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildCertificateWorld, buildWinnersAnnouncement } from "../support/publication-certificates";

let app: HttpApp;
let w: Awaited<ReturnType<typeof buildCertificateWorld>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildCertificateWorld(app.db);
  await buildWinnersAnnouncement(app.db, w.kipp.edition.competitionId, [
    { proposal: w.kipp.proposals.p1, tierId: w.kipp.tiers.top45 },
    { proposal: w.kipp.proposals.p3, tierId: w.kipp.tiers.outstanding },
  ]);
  for (const [who, email] of [
    ["organizer", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
    ["other", "adminlokal@singkawang.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

async function certs() {
  return app.db
    .selectFrom("certificates")
    .select(["id", "code", "agency_id", "revoked_at"])
    .where("competition_id", "=", w.kipp.edition.competitionId)
    .orderBy("issued_at")
    .orderBy("code")
    .execute();
}

describe("certificates over HTTP", () => {
  it("the organizer saves the signatory (errors at the field first) and issues certificates", async () => {
    const page = await app.get("/competitions/kipp-2025/certificates", { cookie: cookies.organizer });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Piagam penghargaan</h1>");

    const bad = await app.post(
      "/competitions/kipp-2025/certificates",
      { intent: "settings", signatoryName: "", signatoryTitle: "Menteri PANRB", place: "Jakarta" },
      { cookie: cookies.organizer },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="signatoryName-error"');
    expect(bad.body).toContain('value="Menteri PANRB"');

    const early = await app.post("/competitions/kipp-2025/certificates", { intent: "issue", reason: "" }, { cookie: cookies.organizer });
    expect(early.status).toBe(400);
    expect(early.body).toContain("Isi dan simpan nama dan jabatan penanda tangan lebih dahulu.");

    const saved = await app.post(
      "/competitions/kipp-2025/certificates",
      { intent: "settings", signatoryName: "Abdullah Azwar Anas", signatoryTitle: "Menteri PANRB", place: "Jakarta" },
      { cookie: cookies.organizer },
    );
    expect([saved.status, saved.location]).toEqual([302, "/competitions/kipp-2025/certificates?notice=saved"]);

    const issued = await app.post("/competitions/kipp-2025/certificates", { intent: "issue", reason: "" }, { cookie: cookies.organizer });
    expect([issued.status, issued.location]).toEqual([302, "/competitions/kipp-2025/certificates?notice=issued&issued=2&revoked=0"]);
    const list = await app.get("/competitions/kipp-2025/certificates?notice=issued&issued=2&revoked=0", { cookie: cookies.organizer });
    for (const c of await certs()) expect(list.body).toContain(c.code);
  });

  it("refuses the page to another organizer and to agency people", async () => {
    expect((await app.get("/competitions/kipp-2025/certificates", { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get("/competitions/kipp-2025/certificates", { cookie: cookies.adminLokal })).status).toBe(403);
    const post = await app.post("/competitions/kipp-2025/certificates", { intent: "issue", reason: "" }, { cookie: cookies.kalbar });
    expect(post.status).toBe(403);
  });

  it("serves the PDF to the winning agency and the organizer, 404 to others", async () => {
    const [c1, c3] = await certs().then((rows) => [rows.find((r) => r.agency_id === w.world.agencies.pontianak)!, rows.find((r) => r.agency_id === w.world.agencies.singkawang)!]);
    const mine = await app.get(`/certificates/${c1.id}/pdf`, { cookie: cookies.adminLokal });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Type")).toBe("application/pdf");
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect(mine.body.startsWith("%PDF-")).toBe(true);
    expect((await app.get(`/certificates/${c1.id}/pdf`, { cookie: cookies.organizer })).status).toBe(200);
    expect((await app.get(`/certificates/${c1.id}/pdf`, { cookie: cookies.other })).status).toBe(404);
    expect((await app.get(`/certificates/${c1.id}/pdf`, { cookie: cookies.kalbar })).status).toBe(404);
    expect((await app.get(`/certificates/${c1.id}/pdf`)).status).toBe(404);
    expect((await app.get(`/certificates/${c3.id}/pdf`, { cookie: cookies.other })).status).toBe(200);
  });

  it("serves the ZIP to the organizer only", async () => {
    const zip = await app.get("/competitions/kipp-2025/certificates/zip", { cookie: cookies.organizer });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    expect(zip.headers.get("Content-Disposition")).toContain('filename="piagam-kipp-2025.zip"');
    expect((await app.get("/competitions/kipp-2025/certificates/zip", { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get("/competitions/kipp-2025/certificates/zip", { cookie: cookies.adminLokal })).status).toBe(403);
  });

  it("shows the agency its own certificates only", async () => {
    const rows = await certs();
    const mine = await app.get(`/agency/${w.world.agencies.pontianak}/certificates`, { cookie: cookies.adminLokal });
    expect(mine.status).toBe(200);
    for (const c of rows) expect(mine.body.includes(c.code)).toBe(c.agency_id === w.world.agencies.pontianak);
    expect((await app.get(`/agency/${w.world.agencies.pontianak}/certificates`, { cookie: cookies.other })).status).toBe(403);
  });

  it("verifies publicly: valid, canonical redirect, revoked, unknown 404, the form; cacheable only without a session", async () => {
    const [c1] = await certs();
    const ok = await app.get(`/verify/${c1.code}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(ok.body).toContain("Piagam sah");
    expect(ok.body).toContain("KIPP 2025");
    expect((await app.get(`/verify/${c1.code}`, { cookie: cookies.other })).headers.get("Cache-Control")).toBe("private, no-store");

    const lower = await app.get(`/verify/${c1.code.toLowerCase().replaceAll("-", "")}`);
    expect([lower.status, lower.location]).toEqual([302, `/verify/${c1.code}`]);
    const form = await app.get(`/verify?code=${encodeURIComponent(c1.code.toLowerCase())}`);
    expect([form.status, form.location]).toEqual([302, `/verify/${c1.code}`]);
    const badForm = await app.get("/verify?code=abc");
    expect(badForm.status).toBe(400);
    expect(badForm.body).toContain('id="code-error"');

    const unknown = await app.get("/verify/ZZZZ-ZZZZ-ZZZZ");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("Piagam tidak ditemukan");

    const revoke = await app.post(
      "/competitions/kipp-2025/certificates",
      { intent: "revoke", certificateId: c1.id, reason: "Catatan internal rahasia sekali" },
      { cookie: cookies.organizer },
    );
    expect([revoke.status, revoke.location]).toEqual([302, "/competitions/kipp-2025/certificates?notice=revoked"]);
    const revoked = await app.get(`/verify/${c1.code}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toContain("Piagam dicabut");
    expect(revoked.body).not.toContain("rahasia");
    expect((await app.get(`/certificates/${c1.id}/pdf`, { cookie: cookies.organizer })).status).toBe(404);
  });
});
