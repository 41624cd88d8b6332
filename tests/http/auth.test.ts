/**
 * Signing in, password reset and change, the outbox and the CSRF guard, over
 * real HTTP against the built server. Needs `npx remix build` first.
 * All tests of this file share one database (see tests/support/http.ts), so
 * each test uses its own people from the world.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildWorld, PASSWORD, type World } from "../support/factories";

let app: HttpApp;
let w: World;

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
});

afterAll(async () => {
  await app?.close();
});

async function countAttempts(email: string): Promise<number> {
  const r = await app.db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function mailsTo(email: string) {
  return app.db.selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", email).orderBy("created_at").execute();
}

describe("sign in", () => {
  it("refuses a cross-origin POST with 403 and does nothing", async () => {
    const res = await app.post("/login", { email: "warga@contoh.test", password: PASSWORD }, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(res.body).toContain("Permintaan ditolak karena berasal dari situs lain.");
    expect(res.setCookies).toEqual([]);
    expect(await countAttempts("warga@contoh.test")).toBe(0);
  });

  it("signs in from the same origin with an HttpOnly SameSite=Lax session cookie", async () => {
    const res = await app.post("/login", { email: "warga@contoh.test", password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/dashboard");
    const session = res.setCookies.find((c) => c.startsWith("sayembara_session="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//i);
    const dashboard = await app.get("/dashboard", { cookie: session!.split(";")[0] });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain("Warga");
  });

  it("answers wrong credentials with 400, the message, and the typed email kept", async () => {
    const res = await app.post("/login", { email: "evaluator1@juri.test", password: "salah-sekali" });
    expect(res.status).toBe(400);
    expect(res.body).toContain("Email atau kata sandi salah.");
    expect(res.body).toMatch(/<input[^>]*name="email"[^>]*value="evaluator1@juri.test"/);
    expect(res.body).not.toContain("salah-sekali");
    expect(res.setCookies.filter((c) => c.startsWith("sayembara_session="))).toEqual([]);
  });

  it("answers the 6th attempt after 5 failures with 429, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await app.post("/login", { email: "panelis1@juri.test", password: `salah-${i}` });
      expect(res.status).toBe(400);
    }
    const res = await app.post("/login", { email: "panelis1@juri.test", password: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body).toContain("Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.");
    expect(res.setCookies.filter((c) => c.startsWith("sayembara_session="))).toEqual([]);
  });

  it("sends a signed-out visitor of /dashboard to the login page that comes back", async () => {
    const res = await app.get("/dashboard");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("answers an unknown address with 404", async () => {
    // Remix logs the unmatched route; keep the test output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.get("/tidak-ada-halaman-ini").finally(() => quiet.mockRestore());
    expect(res.status).toBe(404);
    expect(res.body).toContain("Halaman tidak ditemukan");
  });
});

describe("password reset over HTTP", () => {
  it("rejects a malformed email at the field and answers the same for known and unknown emails", async () => {
    const bad = await app.post("/forgot-password", { email: "bukan-email" });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Masukkan alamat email yang benar.");
    expect(bad.body).toMatch(/<input[^>]*name="email"[^>]*value="bukan-email"/);

    const unknown = await app.post("/forgot-password", { email: "tidak-terdaftar@contoh.test" });
    const known = await app.post("/forgot-password", { email: "adminlokal@singkawang.test" });
    expect([unknown.status, unknown.location]).toEqual([302, "/forgot-password?sent=1"]);
    expect([known.status, known.location]).toEqual([302, "/forgot-password?sent=1"]);
    expect(await mailsTo("tidak-terdaftar@contoh.test")).toEqual([]);
    expect((await mailsTo("adminlokal@singkawang.test")).map((m) => m.subject)).toEqual(["Atur ulang kata sandi Sayembara"]);
    const page = await app.get("/forgot-password?sent=1");
    expect(page.body).toContain("Jika email tersebut terdaftar, tautan untuk mengatur ulang kata sandi telah dikirim.");
  });

  it("resets a password end to end: old refused, new works, the link works once", async () => {
    const email = "inovator@pontianak.test";
    expect((await app.post("/forgot-password", { email })).status).toBe(302);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const link = /(http:\/\/\S+\/reset-password\/([A-Za-z0-9_-]+))/.exec(mails[0].body_text);
    expect(link?.[1].startsWith(`${app.origin}/reset-password/`)).toBe(true);
    const path = new URL(link![1]).pathname;

    const form = await app.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain("Kata sandi baru");
    expect(form.body).toContain("Ulangi kata sandi baru");

    const short = await app.post(path, { password: "pendek", passwordConfirm: "pendek" });
    expect(short.status).toBe(400);
    expect(short.body).toContain("Kata sandi minimal 10 karakter.");
    const mismatch = await app.post(path, { password: "kata-sandi-baru-2025", passwordConfirm: "kata-sandi-lain-2025" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatch(/id="passwordConfirm-error"[^>]*>Kedua kata sandi tidak sama\./);
    expect(mismatch.body).not.toContain("kata-sandi-baru-2025");

    const done = await app.post(path, { password: "kata-sandi-baru-2025", passwordConfirm: "kata-sandi-baru-2025" });
    expect([done.status, done.location]).toEqual([302, "/login?notice=reset"]);
    expect((await app.get("/login?notice=reset")).body).toContain("Kata sandi telah diganti. Silakan masuk dengan kata sandi baru.");

    expect((await app.post("/login", { email, password: PASSWORD })).status).toBe(400);
    expect(await app.login(email, "kata-sandi-baru-2025")).toMatch(/^sayembara_session=\S+$/);

    const again = await app.get(path);
    expect(again.status).toBe(410);
    expect(again.body).toContain("Tautan ini tidak berlaku: sudah dipakai atau kedaluwarsa.");
    expect(again.body).toContain('href="/forgot-password"');
    const reuse = await app.post(path, { password: "kata-sandi-ketiga-2025", passwordConfirm: "kata-sandi-ketiga-2025" });
    expect(reuse.status).toBe(410);
    expect((await app.post("/login", { email, password: "kata-sandi-ketiga-2025" })).status).toBe(400);
  });
});

describe("outbox page", () => {
  it("is refused to a signed-in user who is not a platform admin", async () => {
    await app.post("/forgot-password", { email: "evaluator1@juri.test" });
    expect(await mailsTo("evaluator1@juri.test")).toHaveLength(1);
    const cookie = await app.login("organisasi@kalbarprov.test", PASSWORD);
    const res = await app.get("/admin/outbox", { cookie });
    expect(res.status).toBe(403);
    expect(res.body).toContain("Akses ditolak");
    expect(res.body).not.toContain("evaluator1@juri.test");
    expect(res.body).not.toContain("/reset-password/");
  });

  it("lists the reset mail to a platform admin, with the link clickable, and filters by recipient", async () => {
    await app.post("/forgot-password", { email: "sekretariat@menpan.test" });
    const cookie = await app.login("admin@sayembara.test", PASSWORD);
    const res = await app.get("/admin/outbox?to=SEKRETARIAT@menpan", { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Kotak surat keluar</h1>");
    const subjects = [...res.body.matchAll(/<h2 id="mail-[^"]+">([^<]*)<\/h2>/g)].map((m) => m[1]);
    // Only the one mail to that recipient (others, e.g. to adminlokal@singkawang.test, are filtered out).
    expect(subjects).toEqual(["Atur ulang kata sandi Sayembara"]);
    const [latest] = await app.db
      .selectFrom("outbox")
      .select("body_text")
      .where("to_address", "=", "sekretariat@menpan.test")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .execute();
    const url = /http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(latest.body_text)![0];
    expect(res.body).toContain(`<a href="${url}" rel="noreferrer">${url}</a>`);
    expect(res.body).not.toContain("adminlokal@singkawang.test");
  });
});

describe("account page", () => {
  it("changes the password: wrong current refused at its field, then every old session ends and a new one starts", async () => {
    const email = "adminlokal@pontianak.test";
    const cookie = await app.login(email, PASSWORD);
    const otherBrowser = await app.login(email, PASSWORD);

    const page = await app.get("/account", { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Akun saya</h1>");
    expect(page.body).toContain("Admin Lokal");
    expect(page.body).toContain("Pemerintah Kota Pontianak");

    const wrong = await app.post(
      "/account",
      { currentPassword: "bukan-kata-sandi", newPassword: "kata-sandi-baru-2025", newPasswordConfirm: "kata-sandi-baru-2025" },
      { cookie },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatch(/id="currentPassword-error"[^>]*>Kata sandi saat ini salah\./);

    const forged = await app.post(
      "/account",
      { currentPassword: PASSWORD, newPassword: "kata-sandi-jahat-2025", newPasswordConfirm: "kata-sandi-jahat-2025" },
      { cookie, origin: "http://evil.example" },
    );
    expect(forged.status).toBe(403);

    const ok = await app.post(
      "/account",
      { currentPassword: PASSWORD, newPassword: "kata-sandi-baru-2025", newPasswordConfirm: "kata-sandi-baru-2025" },
      { cookie },
    );
    expect([ok.status, ok.location]).toEqual([302, "/account?changed=1"]);
    const fresh = ok.setCookies.find((c) => c.startsWith("sayembara_session="))!.split(";")[0];
    expect(fresh).not.toBe(cookie);

    const after = await app.get("/account?changed=1", { cookie: fresh });
    expect(after.status).toBe(200);
    expect(after.body).toContain("Kata sandi telah diganti. Sesi lain telah dikeluarkan.");
    for (const old of [cookie, otherBrowser]) {
      const res = await app.get("/account", { cookie: old });
      expect([res.status, res.location]).toEqual([302, "/login?redirectTo=%2Faccount"]);
    }
    expect((await app.post("/login", { email, password: PASSWORD })).status).toBe(400);
  });
});
