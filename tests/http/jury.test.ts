/**
 * Jury pools, juror profiles and declining an invitation over real HTTP
 * against the built server (plain HTML forms, no JavaScript). Needs
 * `npx remix build` first. The tests of this file share one database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { buildWorld, PASSWORD, type World } from "../support/factories";
import { buildJuror } from "../support/jury";
import { tokenIn } from "../support/accounts";

let app: HttpApp;
let w: World;
let kipp: BuiltEdition;
let eko: string;
let siti: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  kipp = await buildEdition(app.db, w.competitions.kipp);
  eko = await buildJuror(app.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, expertise: [kipp.categories.digital] });
  siti = await buildJuror(app.db, { competitionId: w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti Z", userId: w.users.panelist, affiliationOther: "Universitas Tanjungpura" });
  for (const [who, email] of [
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["evaluator", "evaluator1@juri.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("/competitions/:slug/jury", () => {
  it("shows both pools to the organizer, and 403 to another organizer", async () => {
    const res = await app.get("/competitions/kipp-2025/jury", { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Juri · KIPP 2025 · Sayembara</title>");
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
    expect(res.body).toContain(`href="/competitions/kipp-2025/jury/${eko}"`);
    expect(res.body).toContain("Transformasi Digital");
    expect(res.body).toContain("Universitas Tanjungpura");
    expect(res.body).toContain("1 orang: 1 aktif, 0 diundang, 0 menolak, 0 mundur.");
    expect((await app.get("/competitions/kipp-2025/jury", { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get("/competitions/kipp-2025/jury", { cookie: cookies.evaluator })).status).toBe(403);
  });

  it("invites by e-mail; a bad e-mail is shown at the field with the typed values kept", async () => {
    const bad = await app.post("/competitions/kipp-2025/jury", { intent: "invite", name: "Dr. Ratna", email: "ratna@", role: "evaluator" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="email-error"');
    expect(bad.body).toContain("Masukkan alamat email yang benar.");
    expect(bad.body).toMatch(/<input[^>]*name="name"[^>]*value="Dr. Ratna"/);

    const ok = await app.post("/competitions/kipp-2025/jury", { intent: "invite", name: "Dr. Ratna", email: "ratna@untan.test", role: "evaluator" }, { cookie: cookies.panrb });
    expect([ok.status, ok.location]).toEqual([302, "/competitions/kipp-2025/jury?notice=invited"]);
    const row = await app.db.selectFrom("jurors").select(["status", "name"]).where("email", "=", "ratna@untan.test").executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "invited", name: "Dr. Ratna" });

    const unknown = await app.post("/competitions/kipp-2025/jury", { intent: "addExisting", name: "", email: "siapa@contoh.test", role: "panelist" }, { cookie: cookies.panrb });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("Belum ada akun dengan email ini.");
  });
});

describe("juror profile pages", () => {
  it("lets the organizer edit loads; max below min is shown at the field", async () => {
    const page = await app.get(`/competitions/kipp-2025/jury/${eko}?agencyQuery=pontianak`, { cookie: cookies.panrb });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*name="affiliation"[^>]*value="agency:ag-kota-61.71"/);
    expect(page.body.match(/<h1>/g)).toHaveLength(1);
    expect(page.body).toMatch(/<input[^>]*name="maxLoad"/);

    const form = new URLSearchParams({ intent: "profile", jurorId: eko, affiliation: `agency:${w.agencies.pontianak}`, affiliationOther: "", minLoad: "10", maxLoad: "5" });
    form.append("expertise", kipp.categories.digital);
    form.append("expertise", kipp.categories.kesehatan);
    const bad = await app.post(`/competitions/kipp-2025/jury/${eko}`, form, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="maxLoad-error"');
    expect(bad.body).toContain("Beban maksimum tidak boleh lebih kecil dari beban minimum.");
    expect(bad.body).toMatch(/<input[^>]*name="minLoad"[^>]*value="10"/);

    form.set("maxLoad", "30");
    const ok = await app.post(`/competitions/kipp-2025/jury/${eko}`, form, { cookie: cookies.panrb });
    expect([ok.status, ok.location]).toEqual([302, `/competitions/kipp-2025/jury/${eko}?notice=saved`]);
    const row = await app.db.selectFrom("jurors").select(["affiliation_agency_id", "min_load", "max_load"]).where("id", "=", eko).executeTakeFirstOrThrow();
    expect(row).toEqual({ affiliation_agency_id: w.agencies.pontianak, min_load: 10, max_load: 30 });
  });

  it("gives the juror their own page without load inputs, refuses loads and another juror's page", async () => {
    const page = await app.get("/juror/kipp-2025/profile", { cookie: cookies.evaluator });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Profil juri saya");
    expect(page.body).not.toMatch(/<input[^>]*name="maxLoad"/);
    expect(page.body).toContain("Beban per tahap diatur oleh penyelenggara.");

    const tampered = await app.post("/juror/kipp-2025/profile", { intent: "profile", jurorId: eko, affiliation: "none", maxLoad: "999", minLoad: "0" }, { cookie: cookies.evaluator });
    expect(tampered.status).toBe(403);
    const other = await app.post("/juror/kipp-2025/profile", { intent: "profile", jurorId: siti, affiliation: "none" }, { cookie: cookies.evaluator });
    expect(other.status).toBe(403);
    expect((await app.get(`/competitions/kipp-2025/jury/${siti}`, { cookie: cookies.evaluator })).status).toBe(403);

    const period = await app.post("/juror/kipp-2025/profile", { intent: "addPeriod", jurorId: eko, from: "2026-12-10T08:00", to: "2026-12-09T08:00", note: "" }, { cookie: cookies.evaluator });
    expect(period.status).toBe(400);
    expect(period.body).toContain("Waktu selesai harus setelah waktu mulai.");
    const added = await app.post("/juror/kipp-2025/profile", { intent: "addPeriod", jurorId: eko, from: "2026-12-10T08:00", to: "2026-12-12T17:00", note: "Dinas luar" }, { cookie: cookies.evaluator });
    expect([added.status, added.location]).toEqual([302, "/juror/kipp-2025/profile?notice=periodAdded"]);
    const shown = await app.get("/juror/kipp-2025/profile", { cookie: cookies.evaluator });
    expect(shown.body).toContain("10 Desember 2026 08.00 WIB");
    expect(await app.db.selectFrom("jurors").select("max_load").where("id", "=", eko).executeTakeFirstOrThrow()).toEqual({ max_load: 30 });
  });
});

describe("declining a juror invitation", () => {
  it("asks to confirm, declines without signing in, and the link stops working", async () => {
    await app.post("/competitions/kipp-2025/jury", { intent: "invite", name: "Budi", email: "budi@ugm.test", role: "panelist" }, { cookie: cookies.panrb });
    const mail = await app.db.selectFrom("outbox").select("body_text").where("to_address", "=", "budi@ugm.test").executeTakeFirstOrThrow();
    const token = tokenIn(mail.body_text, "/invitations/");

    const page = await app.get(`/invitations/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/invitations/${token}?decline=1"`);
    const confirm = await app.get(`/invitations/${token}?decline=1`);
    expect(confirm.body).toContain("Setelah ditolak, tautan ini tidak dapat dipakai lagi");
    expect(confirm.body).toContain('name="intent" value="decline"');

    const declined = await app.post(`/invitations/${token}`, { intent: "decline" });
    expect([declined.status, declined.location]).toEqual([302, `/invitations/${token}?declined=1`]);
    const after = await app.get(`/invitations/${token}?declined=1`);
    expect(after.status).toBe(200);
    expect(after.body).toContain("Undangan ditolak");
    expect((await app.get(`/invitations/${token}`)).status).toBe(410);
    const row = await app.db.selectFrom("jurors").select("status").where("email", "=", "budi@ugm.test").executeTakeFirstOrThrow();
    expect(row.status).toBe("declined");
  });
});
