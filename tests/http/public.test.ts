/**
 * The public site over real HTTP against the built server (no JavaScript):
 * pages, titles and Open Graph tags, cache headers, open data as JSON and CSV,
 * the sitemap, 404s, hostile search input, and no leak of unpublished data
 * (drafts, scheduled announcements not yet due, hidden catalogue rows,
 * another edition's draft, scores) anywhere. Then the organizer's catalogue
 * curation. Needs `npx remix build` first. The tests share one database and
 * run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { PASSWORD } from "../support/factories";
import { seedPublicScenario, type PublicScenario } from "../support/publication-public";

let app: HttpApp;
let s: PublicScenario;
const cookies: Record<string, string> = {};
const PUBLIC = "public, max-age=60, stale-while-revalidate=300";
const PRIVATE = "private, no-store";
/** Nothing public may contain these: titles of unpublished lists, hidden rows' only mention, the scores. */
const LEAKS = /Rahasia|91\.5|"score"/;

beforeAll(async () => {
  app = await startHttpApp();
  s = await seedPublicScenario(app.db);
  cookies.panrb = await app.login("sekretariat@menpan.test", PASSWORD);
  cookies.kalbar = await app.login("organisasi@kalbarprov.test", PASSWORD);
  cookies.adminLokal = await app.login("adminlokal@pontianak.test", PASSWORD);
});

afterAll(async () => {
  await app?.close();
});

/** The first bytes of a response as sent (fetch's text() drops a BOM). */
async function firstBytes(path: string, n = 3): Promise<number[]> {
  const res = await fetch(new URL(path, app.origin));
  return [...new Uint8Array(await res.arrayBuffer()).slice(0, n)];
}

function h1Count(body: string) {
  return (body.match(/<h1[ >]/g) ?? []).length;
}

describe("public pages", () => {
  it("home: current and past editions, cacheable without a session, private with one", async () => {
    const res = await app.get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.headers.get("vary")).toContain("Cookie");
    expect(res.body).toContain("<title>Sayembara — Kompetisi Inovasi Pelayanan Publik</title>");
    expect(res.body).toContain('property="og:title"');
    expect(res.body).toContain('href="/editions/kipp-2025"');
    expect(res.body).toContain('href="/editions/kipp-2025/winners"');
    expect(res.body).toContain('href="/innovations"');
    expect(res.body.indexOf("Kompetisi sebelumnya")).toBeLessThan(res.body.indexOf("KIPP 2025"));
    expect(res.body.indexOf("Kompetisi berjalan")).toBeLessThan(res.body.indexOf("Sivablik 2025"));
    expect(h1Count(res.body)).toBe(1);
    const signedIn = await app.get("/", { cookie: cookies.panrb });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("cache-control")).toBe(PRIVATE);
  });

  it("edition page: published announcements, finalists and winners only", async () => {
    const res = await app.get("/editions/kipp-2025");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body).toContain("<title>KIPP 2025 · Sayembara</title>");
    expect(res.body).toMatch(/<meta property="og:url" content="http:\/\/127\.0\.0\.1:\d+\/editions\/kipp-2025"/);
    for (const id of [s.a.finalists, s.a.winnersOld, s.a.winnersNew]) expect(res.body).toContain(`/announcements/${id}`);
    for (const id of [s.a.draft, s.a.scheduled, s.a.sivablikDraft]) expect(res.body).not.toContain(id);
    expect(res.body).toContain("Diganti oleh B/3/PP.00.05/2025");
    expect(res.body).toContain(`href="/innovations/${s.i.p1}"`);
    expect(res.body).not.toContain(s.i.p3hidden);
    expect(res.body).not.toMatch(LEAKS);
    expect(h1Count(res.body)).toBe(1);
    const other = await app.get("/editions/sivablik-2025");
    expect(other.status).toBe(200);
    expect(other.body).not.toMatch(LEAKS);
  });

  it("winners page: tiers and the cluster breakdown as table and chart", async () => {
    const res = await app.get("/editions/kipp-2025/winners");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Pemenang KIPP 2025 · Sayembara</title>");
    expect(res.body).toContain("<h2 id=\"tier-0\">Top 45 Inovasi Pelayanan Publik Terpuji</h2>");
    expect(res.body).toContain("<h2 id=\"tier-1\">Outstanding Achievement</h2>");
    expect(res.body).toContain('<svg role="img"');
    expect(res.body).toContain('<th scope="row"');
    expect(res.body).not.toMatch(LEAKS);
    const none = await app.get("/editions/sivablik-2025/winners");
    expect(none.status).toBe(200);
    expect(none.body).toContain("Pemenang kompetisi ini belum diumumkan.");
  });

  it("announcement page: sanitised body, PDF link, superseded marked with a link to the correction", async () => {
    const old = await app.get(`/announcements/${s.a.winnersOld}`);
    expect(old.status).toBe(200);
    expect(old.body).toContain(`href="/announcements/${s.a.winnersNew}"`);
    expect(old.body).toContain("telah diganti oleh pengumuman ralat B/3/PP.00.05/2025");
    expect(old.body).toContain(`href="/announcements/${s.a.winnersOld}/pdf"`);
    const fresh = await app.get(`/announcements/${s.a.winnersNew}`);
    expect(fresh.body).toContain("<strong>pemenang</strong>");
    expect(fresh.body).not.toContain("<script>alert(1)</script>");
    expect(fresh.body).toContain("&lt;script&gt;");
    expect(fresh.body).toContain('property="og:type" content="article"');
    expect(fresh.body).toContain(`href="/announcements/${s.a.winnersOld}"`);
    expect(fresh.body).not.toMatch(LEAKS);
    expect(h1Count(fresh.body)).toBe(1);
  });

  it("404 for drafts, scheduled announcements not yet due, other editions' drafts and unknown ids, even for their organizer", async () => {
    for (const id of [s.a.draft, s.a.scheduled, s.a.sivablikDraft, "nope"]) {
      const res = await app.get(`/announcements/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body).not.toMatch(LEAKS);
      expect(res.headers.get("cache-control")).toBe(PRIVATE);
      expect((await app.get(`/announcements/${id}`, { cookie: cookies.panrb })).status).toBe(404);
    }
    expect((await app.get("/editions/nope")).status).toBe(404);
    expect((await app.get("/editions/nope/winners")).status).toBe(404);
  });

  it("catalogue: a GET form with labelled filters; search works without JavaScript and survives hostile input", async () => {
    const res = await app.get("/innovations?q=dukcapil");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body).toMatch(/<form method="get" action="\/innovations"/);
    for (const f of ["q", "year", "category", "cluster", "province", "award"]) expect(res.body).toContain(`<label for="${f}">`);
    expect(res.body).toContain("1 inovasi ditemukan");
    expect(res.body).toContain(`href="/innovations/${s.i.p1}"`);
    for (const q of [`"antrean`, "NEAR(antrean*", "'; drop table innovations; --", ")))", "a:* & !b", "*"]) {
      const r = await app.get(`/innovations?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
    }
    const all = await app.get("/innovations");
    expect(all.body).toContain("2 inovasi ditemukan");
    expect(all.body).not.toContain(s.i.p3hidden);
    expect(all.body).not.toMatch(LEAKS);
    const bad = await app.get("/innovations?year=abc&cluster=zzz&page=-1");
    expect(bad.status).toBe(200);
    expect(bad.body).toContain("2 inovasi ditemukan");
    const lapor = await app.get("/innovations?q=lapor");
    expect(lapor.body).toContain("0 inovasi ditemukan");
  });

  it("innovation page: a visible row 200 with its announcements, a hidden or unknown one 404", async () => {
    const res = await app.get(`/innovations/${s.i.p1}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Antrean Daring Dukcapil</h1>");
    expect(res.body).toContain(`href="/announcements/${s.a.winnersNew}"`);
    expect(res.body).toContain('href="/editions/kipp-2025"');
    expect(res.body).not.toMatch(LEAKS);
    expect((await app.get(`/innovations/${s.i.p3hidden}`)).status).toBe(404);
    expect((await app.get("/innovations/nope")).status).toBe(404);
  });
});

describe("open data", () => {
  it("/api/public/editions as JSON and CSV", async () => {
    const res = await app.get("/api/public/editions");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    const data = JSON.parse(res.body);
    expect(data.editions.map((e: { slug: string; publishedAnnouncements: number }) => [e.slug, e.publishedAnnouncements])).toEqual([
      ["kipp-2025", 3],
      ["sivablik-2025", 0],
    ]);
    const csv = await app.get("/api/public/editions?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="editions.csv"');
    expect(await firstBytes("/api/public/editions?format=csv")).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0].startsWith("slug,name,year,organizer,organizer_kind,theme,current_stage,concluded,published_announcements,persiapan_starts_at")).toBe(true);
    expect(lines.map((l) => l.split(",")[0])).toEqual(["slug", "kipp-2025", "sivablik-2025"]);
    expect(csv.headers.get("cache-control")).toBe(PUBLIC);
    expect((await app.get("/api/public/editions", { cookie: cookies.adminLokal })).headers.get("cache-control")).toBe(PRIVATE);
  });

  it("/api/public/editions/:slug/results: current published lists only, no scores, as JSON and CSV", async () => {
    const res = await app.get("/api/public/editions/kipp-2025/results");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.announcements.map((a: { id: string; entries: unknown[] }) => [a.id, a.entries.length])).toEqual([
      [s.a.winnersNew, 3],
      [s.a.finalists, 3],
    ]);
    expect(data.announcements[0].entries[0]).toMatchObject({ position: 1, title: "Posyandu Digital", awardId: "Top 45 Inovasi Pelayanan Publik Terpuji" });
    expect(res.body).not.toMatch(LEAKS);
    const csv = await app.get("/api/public/editions/kipp-2025/results?format=csv");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="kipp-2025-results.csv"');
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("announcement_number,announcement_kind,announcement_published_at,position,proposal_number,title,agency,cluster,region,group,category,award,innovation_url");
    expect(lines).toHaveLength(7);
    expect(await firstBytes("/api/public/editions/kipp-2025/results?format=csv")).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).not.toMatch(LEAKS);
    const siv = JSON.parse((await app.get("/api/public/editions/sivablik-2025/results")).body);
    expect(siv.announcements).toEqual([]);
    const missing = await app.get("/api/public/editions/nope/results");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: "not_found" });
  });

  it("/api/public/innovations: search with filters and paging as JSON, every match as CSV, 400 on malformed parameters", async () => {
    const res = await app.get("/api/public/innovations?q=posyandu&year=2025&province=61&award=top45");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect([data.total, data.page, data.pageSize, data.rows.map((r: { id: string }) => r.id)]).toEqual([1, 1, 20, [s.i.p2]]);
    expect(data.rows[0].url).toMatch(new RegExp(`/innovations/${s.i.p2}$`));
    const all = JSON.parse((await app.get("/api/public/innovations?pageSize=1&page=2")).body);
    expect([all.total, all.page, all.pageSize, all.rows.length]).toEqual([2, 2, 1, 1]);
    const csv = await app.get("/api/public/innovations?format=csv");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="innovations.csv"');
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,title,summary,agency,cluster,region,province_code,year,edition,category,stage,award,url");
    expect(lines).toHaveLength(3);
    expect(csv.body).not.toContain(s.i.p3hidden);
    expect((await app.get(`/api/public/innovations?q=${encodeURIComponent('"lapor" OR *')}`)).status).toBe(200);
    expect(JSON.parse((await app.get("/api/public/innovations?q=lapor")).body).total).toBe(0);
    const bad = await app.get("/api/public/innovations?year=20x5&cluster=planet&page=0&pageSize=1000&format=xml");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: "invalid_parameters", fields: ["year", "cluster", "page", "pageSize", "format"] });
  });

  it("sitemap.xml and robots.txt list published pages only", async () => {
    const res = await app.get("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    for (const id of [s.a.finalists, s.a.winnersOld, s.a.winnersNew, s.i.p1, s.i.p2]) expect(res.body).toContain(id);
    for (const id of [s.a.draft, s.a.scheduled, s.a.sivablikDraft, s.i.p3hidden]) expect(res.body).not.toContain(id);
    expect(res.body).toContain("/editions/kipp-2025/winners</loc>");
    expect(res.body).not.toContain("/editions/sivablik-2025/winners");
    const robots = await app.get("/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.body).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
    expect(robots.body).toContain("Disallow: /competitions/");
  });
});

describe("catalogue curation", () => {
  it("is for the edition's organizer only", async () => {
    const res = await app.get("/competitions/kipp-2025/catalogue", { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Kurasi katalog: KIPP 2025 · Sayembara</title>");
    expect(res.body).toContain("Lapor Jalan Rusak");
    expect(h1Count(res.body)).toBe(1);
    expect((await app.get("/competitions/kipp-2025/catalogue", { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get("/competitions/kipp-2025/catalogue", { cookie: cookies.adminLokal })).status).toBe(403);
    const anon = await app.get("/competitions/kipp-2025/catalogue");
    expect(anon.status).toBe(302);
    expect(anon.location).toContain("/login");
    const post = await app.post("/competitions/kipp-2025/catalogue", { intent: "hide", innovationId: s.i.p1 }, { cookie: cookies.kalbar });
    expect(post.status).toBe(403);
    expect((await app.get(`/innovations/${s.i.p1}`)).status).toBe(200);
  });

  it("hides a row (then 404 publicly, gone from search and sitemap) and shows it again", async () => {
    const hide = await app.post("/competitions/kipp-2025/catalogue", { intent: "hide", innovationId: s.i.p1 }, { cookie: cookies.panrb });
    expect(hide.status).toBe(302);
    expect(hide.location).toBe("/competitions/kipp-2025/catalogue?notice=hidden");
    expect((await app.get(`/innovations/${s.i.p1}`)).status).toBe(404);
    expect(JSON.parse((await app.get("/api/public/innovations?q=antrean")).body).total).toBe(0);
    expect((await app.get("/sitemap.xml")).body).not.toContain(s.i.p1);
    const show = await app.post("/competitions/kipp-2025/catalogue", { intent: "show", innovationId: s.i.p1 }, { cookie: cookies.panrb });
    expect(show.status).toBe(302);
    expect((await app.get(`/innovations/${s.i.p1}`)).status).toBe(200);
  });

  it("adds a submitted proposal by number; an unknown number is refused at the field with the typed value kept", async () => {
    const bad = await app.post("/competitions/kipp-2025/catalogue", { intent: "add", number: "KIPP2025-424242" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="number-error"');
    expect(bad.body).toContain("Tidak ada proposal yang diajukan dengan nomor itu di kompetisi ini.");
    expect(bad.body).toContain('value="KIPP2025-424242"');
    const empty = await app.post("/competitions/kipp-2025/catalogue", { intent: "add", number: "" }, { cookie: cookies.panrb });
    expect(empty.status).toBe(400);
    const ok = await app.post("/competitions/kipp-2025/catalogue", { intent: "add", number: s.p[3].number }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/competitions/kipp-2025/catalogue?notice=added");
    const list = JSON.parse((await app.get("/api/public/innovations?award=participant")).body);
    expect(list.rows.map((r: { title: string; stage: string }) => [r.title, r.stage])).toEqual([["Rahasia Terjadwal", "participant"]]);
  });
});
