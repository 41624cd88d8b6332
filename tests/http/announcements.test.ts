/**
 * Announcements over real HTTP against the built server (plain forms, no
 * JavaScript): create a draft, a refused publish keeps the typed values,
 * preview, publish, the PDF for the organizer and the public, the dashboard
 * notification and marking it read. Needs `npx remix build` first. The
 * tests share one database and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { PASSWORD } from "../support/factories";
import { buildAnnouncementScene, type AnnouncementScene } from "../support/publication-h1";

let app: HttpApp;
let s: AnnouncementScene;
const cookies: Record<string, string> = {};
let id = "";
const base = "/competitions/kipp-2025/announcements";

beforeAll(async () => {
  app = await startHttpApp();
  s = await buildAnnouncementScene(app.db);
  for (const [who, email] of [
    ["admin", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["siti", "adminlokal@pontianak.test"],
    ["lim", "adminlokal@singkawang.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("announcements over HTTP", () => {
  it("lists and creates a draft from a decision; others get 403", async () => {
    const page = await app.get(base, { cookie: cookies.admin });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Pengumuman</h1>");
    expect(page.body).toContain("Nomor berikutnya: B/1/PP.00.05/2025");
    expect((await app.get(base, { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get(base, { cookie: cookies.siti })).status).toBe(403);
    expect((await app.get(base)).status).toBe(302);

    const bad = await app.post(base, { intent: "create", kind: "finalists", roundId: "" }, { cookie: cookies.admin });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Pilih putaran.");
    const created = await app.post(base, { intent: "create", kind: "screening" }, { cookie: cookies.admin });
    expect(created.status).toBe(302);
    const m = /\/announcements\/([a-z2-7]{16})\?notice=created$/.exec(created.location ?? "");
    expect(m).not.toBeNull();
    id = m![1];
  });

  it("previews without saving, refuses a bad publish keeping the values, then publishes", async () => {
    const here = `${base}/${id}`;
    const preview = await app.post(here, { intent: "preview", title: "Judul Baru", bodyMd: "Teks **tebal**" }, { cookie: cookies.admin });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("<strong>tebal</strong>");
    expect(preview.body).toContain('value="Judul Baru"');
    const a = await app.db.selectFrom("announcements").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    expect(a.title).toBe("Pengumuman Hasil Seleksi Administrasi KIPP 2025");

    const refused = await app.post(here, { intent: "publish", mode: "schedule", publishAt: "2020-01-01T10:00", objection: "on", objectionDays: "7" }, { cookie: cookies.admin });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Waktu terbit harus di masa depan.");
    expect(refused.body).toContain('value="2020-01-01T10:00"');
    expect(refused.body).toContain('value="7"');

    expect((await app.post(here, { intent: "publish", mode: "now" }, { cookie: cookies.kalbar })).status).toBe(403);
    const ok = await app.post(here, { intent: "publish", mode: "now", objection: "on", objectionDays: "5" }, { cookie: cookies.admin });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${here}?notice=published&number=B%2F1%2FPP.00.05%2F2025`);
    const shown = await app.get(ok.location!, { cookie: cookies.admin });
    expect(shown.body).toContain("Pengumuman B/1/PP.00.05/2025 terbit; instansi terkait diberi tahu.");
  });

  it("serves the PDF: a published one publicly cacheable; a draft only to its organizer", async () => {
    const pdf = await app.get(`/announcements/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(pdf.headers.get("content-disposition")).toBe('inline; filename="pengumuman-B-1-PP.00.05-2025.pdf"');
    expect((await app.get(`/announcements/${id}/pdf`, { cookie: cookies.siti })).headers.get("cache-control")).toBe("private, no-store");

    const created = await app.post(base, { intent: "create", kind: "screening" }, { cookie: cookies.admin });
    const draftId = /\/announcements\/([a-z2-7]{16})\?/.exec(created.location ?? "")![1];
    expect((await app.get(`/announcements/${draftId}/pdf`, { cookie: cookies.admin })).status).toBe(200);
    expect((await app.get(`/announcements/${draftId}/pdf`, { cookie: cookies.kalbar })).status).toBe(404);
    expect((await app.get(`/announcements/${draftId}/pdf`, { cookie: cookies.siti })).status).toBe(404);
    expect((await app.get(`/announcements/${draftId}/pdf`)).status).toBe(404);
  });

  it("shows the notification on the dashboard and marks it read without JavaScript", async () => {
    const dash = await app.get("/dashboard", { cookie: cookies.siti });
    expect(dash.body).toContain("KIPP 2025: Pengumuman B/1/PP.00.05/2025 &quot;Pengumuman Hasil Seleksi Administrasi KIPP 2025&quot; telah terbit.");
    const mine = await app.db.selectFrom("notifications").select("id").where("user_id", "=", s.w.users.adminLokal).executeTakeFirstOrThrow();
    const lims = await app.db.selectFrom("notifications").select("id").where("user_id", "=", s.w.users.otherAdminLokal).executeTakeFirstOrThrow();
    // Someone else's notification: nothing changes.
    const other = await app.post(`/notifications/${lims.id}/read`, {}, { cookie: cookies.siti });
    expect([other.status, other.location]).toEqual([302, "/dashboard"]);
    const open = await app.post(`/notifications/${mine.id}/read`, { next: `/announcements/${id}` }, { cookie: cookies.siti });
    expect([open.status, open.location]).toEqual([302, `/announcements/${id}`]);
    const unread = await app.db
      .selectFrom("notifications")
      .select("user_id")
      .where("read_at", "is", null)
      .where("user_id", "in", [s.w.users.adminLokal, s.w.users.otherAdminLokal])
      .execute();
    expect(unread.map((r) => r.user_id)).toEqual([s.w.users.otherAdminLokal]);
    const offsite = await app.post(`/notifications/${lims.id}/read`, { next: "//evil.example" }, { cookie: cookies.lim });
    expect(offsite.location).toBe("/dashboard");
    expect((await app.get("/dashboard", { cookie: cookies.siti })).body).not.toContain("telah terbit");
  });
});
