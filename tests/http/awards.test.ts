/**
 * The awards page over real HTTP against the built server (plain forms, no
 * JavaScript): a preset, applying the rule, a deviation refused without a
 * reason then made, the breakdown, and 403/404. Needs `npx remix build`
 * first. The tests of this file share one database and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { PASSWORD } from "../support/factories";
import { buildAwardsFixture, type AwardsFixture } from "../support/publication-awards";

let app: HttpApp;
let f: AwardsFixture;
const cookies: Record<string, string> = {};
const PAGE = "/competitions/kipp-2025/awards";
const REASON = "Keputusan sidang pleno penetapan pemenang.";

beforeAll(async () => {
  app = await startHttpApp();
  f = await buildAwardsFixture(app.db);
  for (const [who, email] of [
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("/competitions/:slug/awards", () => {
  it("shows the empty page to the organizer; 403 to others; 404 for an unknown edition", async () => {
    const res = await app.get(PAGE, { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Penghargaan · KIPP 2025 · Sayembara</title>");
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
    expect(res.body).toContain("Belum ada tingkat penghargaan.");
    for (const who of ["kalbar", "adminLokal"] as const) {
      expect((await app.get(PAGE, { cookie: cookies[who] })).status).toBe(403);
      expect((await app.post(PAGE, { intent: "preset", preset: "kipp" }, { cookie: cookies[who] })).status).toBe(403);
    }
    expect((await app.get("/competitions/tidak-ada/awards", { cookie: cookies.panrb })).status).toBe(404);
    expect((await app.get(PAGE)).status).toBe(302);
  });

  it("adds the KIPP preset, reporting the skipped Khusus tier", async () => {
    const res = await app.post(PAGE, { intent: "preset", preset: "kipp" }, { cookie: cookies.panrb });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${PAGE}?notice=preset&created=2&skipped=outstanding`);
    const page = await app.get(res.location!, { cookie: cookies.panrb });
    expect(page.body).toContain("Templat diterapkan: 2 tingkat ditambahkan.");
    expect(page.body).toContain("Top 45 Inovasi Pelayanan Publik Terpuji");
    expect(page.body).toContain("Tidak ditambahkan karena kelompoknya tidak ada di kompetisi ini: outstanding.");
  });

  it("refuses a bad tier at its fields keeping what was typed", async () => {
    const bad = await app.post(PAGE, { intent: "saveTier", tierId: "", key: "Juara Satu", nameId: "Juara I", nameEn: "", size: "0" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="key-error"');
    expect(bad.body).toContain('id="nameEn-error"');
    expect(bad.body).toContain("Jumlah harus bilangan bulat 1–500.");
    expect(bad.body).toMatch(/<input[^>]*name="nameId"[^>]*value="Juara I"/);
  });

  it("applies the rule only when confirmed, then shows winners and the breakdown", async () => {
    const bad = await app.post(PAGE, { intent: "applyRule" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="confirm-error"');
    const ok = await app.post(PAGE, { intent: "applyRule", confirm: "yes" }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    // top45 (umum): kota1, kab1, kem1, bumn1, prov1, stop1 = 6; top5_replikasi: rep1, rep2 = 2.
    expect(ok.location).toBe(`${PAGE}?notice=ruleApplied&count=8`);
    const page = await app.get(PAGE, { cookie: cookies.panrb });
    expect(page.body).toContain("6 dari 45");
    expect(page.body).toContain("2 dari 5");
    expect(page.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(page.body).toContain("Kementerian: 1; Lembaga: 0; Provinsi: 1; Kabupaten: 2; Kota: 3; BUMN/BUMD: 1. Total 8.");
    expect(page.body).toContain('<th scope="row" style="font-weight:400">BUMN/BUMD</th>');
  });

  it("refuses a deviation without a reason, then removes a winner with one", async () => {
    const winner = await app.db.selectFrom("winners").select("id").where("proposal_id", "=", f.p.stop1.id).executeTakeFirstOrThrow();
    const open = await app.get(`${PAGE}?winner=${winner.id}`, { cookie: cookies.panrb });
    expect(open.body).toContain(`Penyimpangan untuk ${f.p.stop1.number}`);
    const bad = await app.post(`${PAGE}?winner=${winner.id}`, { intent: "removeWinner", winnerId: winner.id, reason: "singkat" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="reason-error"');
    expect(bad.body).toContain("Tuliskan alasan, minimal 10 karakter.");
    const ok = await app.post(PAGE, { intent: "removeWinner", winnerId: winner.id, reason: REASON }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${PAGE}?notice=winnerRemoved`);
    expect(await app.db.selectFrom("winners").select("id").where("id", "=", winner.id).executeTakeFirst()).toBeUndefined();
  });

  it("prefills a deviation from an objection link", async () => {
    const page = await app.get(`${PAGE}?number=${f.p.kota2.number.toLowerCase()}&reason=${encodeURIComponent(REASON)}`, { cookie: cookies.panrb });
    expect(page.body).toMatch(new RegExp(`<input[^>]*name="number"[^>]*value="${f.p.kota2.number}"`));
    expect(page.body).toContain(`${REASON}</textarea>`);
    expect(page.body).toContain("Alasan diisi dari keberatan yang diterima.");
  });
});
