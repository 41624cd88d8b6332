/**
 * The public side of replication over real HTTP (no JavaScript): the
 * innovation page (replications, sustainability, commitments form), the
 * network page, the province statistics page and the open data, with the
 * scenario's pending/disputed unverified replications (titles "Rahasia")
 * present and never shown. Needs `npx remix build` first. One database for
 * the file; tests run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildWorld, PASSWORD, type World } from "../support/factories";
import { seedReplicationsPublic, type ReplicationsPublicScenario } from "../support/replications-public";

let app: HttpApp;
let w: World;
let s: ReplicationsPublicScenario;
const cookies: Record<string, string> = {};
const PUBLIC = "public, max-age=60, stale-while-revalidate=300";
const PRIVATE = "private, no-store";
const LEAKS = /Rahasia/;

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  s = await seedReplicationsPublic(app.db, w);
  cookies.pontianak = await app.login("adminlokal@pontianak.test", PASSWORD);
  cookies.singkawang = await app.login("adminlokal@singkawang.test", PASSWORD);
  cookies.innovator = await app.login("inovator@pontianak.test", PASSWORD);
});

afterAll(async () => {
  await app?.close();
});

const h1Count = (body: string) => (body.match(/<h1[ >]/g) ?? []).length;
const hiddenIds = () => [s.r.r2, s.r.r3, s.r.r6];

describe("innovation page", () => {
  it("anonymous: public replications, sustainability history, no forms; cacheable", async () => {
    const res = await app.get(`/innovations/${s.innovations.A}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body).toContain("Pemerintah Kota Singkawang");
    expect(res.body).toContain("Pemerintah Kota Administrasi Jakarta Utara");
    expect(res.body).toContain("Implementasi");
    expect(res.body).toContain("Selesai");
    expect(res.body).not.toContain("Pemerintah Kota Surabaya");
    expect(res.body).not.toContain("Jakarta Pusat");
    expect(res.body).toContain("Pemantauan 2026");
    expect(res.body).toContain("Berkembang");
    expect(res.body).toContain("12.500");
    expect(res.body).not.toContain("/replications?innovation=");
    expect(res.body).not.toContain('name="kind"');
    expect(res.body).not.toMatch(LEAKS);
    expect(h1Count(res.body)).toBe(1);
  });

  it("Admin Lokal of another agency: the replicate link and the commitment form; private", async () => {
    const res = await app.get(`/innovations/${s.innovations.A}`, { cookie: cookies.singkawang });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PRIVATE);
    expect(res.body).toContain(`href="/agency/${w.agencies.singkawang}/replications?innovation=${s.innovations.A}"`);
    expect(res.body).toContain('value="commitment"');
    expect(res.body).not.toContain('value="willingness"');
  });

  it("Admin Lokal of the owner: willingness form for its winner, no replicate link", async () => {
    const res = await app.get(`/innovations/${s.innovations.A}`, { cookie: cookies.pontianak });
    expect(res.body).not.toContain("/replications?innovation=");
    expect(res.body).toContain('value="willingness"');
    expect(res.body).not.toContain('value="commitment"');
  });

  it("commitment: deny anonymous (login) and innovator (403), refuse own innovation (400 at the field)", async () => {
    const anon = await app.post(`/innovations/${s.innovations.B}`, { intent: "add", agencyId: w.agencies.pontianak, kind: "commitment", note: "" });
    expect(anon.status).toBe(302);
    expect(anon.location).toContain("/login");
    const inn = await app.post(`/innovations/${s.innovations.B}`, { intent: "add", agencyId: w.agencies.pontianak, kind: "commitment", note: "" }, { cookie: cookies.innovator });
    expect(inn.status).toBe(403);
    const own = await app.post(`/innovations/${s.innovations.A}`, { intent: "add", agencyId: w.agencies.pontianak, kind: "commitment", note: "Catatan saya" }, { cookie: cookies.pontianak });
    expect(own.status).toBe(400);
    expect(own.body).toContain("Komitmen replikasi hanya untuk inovasi instansi lain.");
    expect(own.body).toContain("Catatan saya");
    expect(await app.db.selectFrom("innovation_commitments").selectAll().execute()).toEqual([]);
  });

  it("commitment: allow; shown publicly at once; withdraw", async () => {
    const ok = await app.post(`/innovations/${s.innovations.B}`, { intent: "add", agencyId: w.agencies.pontianak, kind: "commitment", note: "Mulai 2027" }, { cookie: cookies.pontianak });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/innovations/${s.innovations.B}?done=saved#commitments-heading`);
    const pub = await app.get(`/innovations/${s.innovations.B}`);
    expect(pub.body).toContain("Komitmen replikasi: Pemerintah Kota Pontianak");
    expect(pub.body).toContain("Mulai 2027");
    expect(pub.body).not.toContain('name="commitmentId"');
    const c = await app.db.selectFrom("innovation_commitments").select("id").executeTakeFirstOrThrow();
    const foreign = await app.post(`/innovations/${s.innovations.B}`, { intent: "withdraw", agencyId: w.agencies.pontianak, commitmentId: c.id }, { cookie: cookies.singkawang });
    expect(foreign.status).toBe(403);
    const wd = await app.post(`/innovations/${s.innovations.B}`, { intent: "withdraw", agencyId: w.agencies.pontianak, commitmentId: c.id }, { cookie: cookies.pontianak });
    expect(wd.status).toBe(302);
    expect((await app.get(`/innovations/${s.innovations.B}`)).body).not.toContain("Komitmen replikasi: Pemerintah Kota Pontianak");
  });
});

describe("network and statistics", () => {
  it("network of an edition: SVG with a text alternative and a table; cacheable; nothing hidden", async () => {
    const res = await app.get("/replications?edition=kipp-2025");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain("2 hubungan dari 1 inovasi sumber ke 2 instansi replikator");
    expect(res.body).toContain("Pemerintah Kota Administrasi Jakarta Utara");
    expect(res.body).toContain(`href="/innovations/${s.innovations.A}"`);
    expect(res.body).not.toContain("Pemerintah Kota Surabaya");
    expect(res.body).not.toMatch(LEAKS);
    expect(h1Count(res.body)).toBe(1);
  });

  it("network of a province; no scope asks for one", async () => {
    const jatim = await app.get("/replications?province=35");
    expect(jatim.body).toContain("1 hubungan dari 1 inovasi sumber ke 1 instansi replikator");
    expect(jatim.body).toContain("Posyandu Digital");
    expect(jatim.body).not.toMatch(LEAKS);
    const none = await app.get("/replications");
    expect(none.status).toBe(200);
    expect(none.body).toContain("Pilih satu kompetisi atau satu provinsi");
    expect(none.body).not.toContain('role="img"');
  });

  it("province statistics: table and chart of public counts", async () => {
    const res = await app.get("/replications/provinces");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.body).toContain("Kalimantan Barat: 2; Daerah Khusus Ibukota Jakarta: 1; Jawa Timur: 1. Jumlah 4.");
    expect(res.body).toContain('<th scope="row" style="font-weight:400">Kalimantan Barat</th><td style="text-align:right">2</td><td style="text-align:right">3</td>');
    expect(h1Count(res.body)).toBe(1);
  });

  it("sitemap: the statistics page, each edition's network and the networks of provinces with public replications only", async () => {
    const res = await app.get("/sitemap.xml");
    expect(res.status).toBe(200);
    const locs = [...res.body.matchAll(/<loc>http:\/\/[^/]+(\/replications[^<]*)<\/loc>/g)].map((m) => m[1]);
    const counts = await app.get("/replications/provinces");
    // Every province row with a non-zero count (adopted or sourced) in the public statistics, and no other.
    const withReplications = [...counts.body.matchAll(/<th scope="row" style="font-weight:400">([^<]+)<\/th><td style="text-align:right">(\d+)<\/td><td style="text-align:right">(\d+)<\/td>/g)].filter(
      (m) => Number(m[2]) + Number(m[3]) > 0,
    ).length;
    const provinces = locs.filter((l) => l.startsWith("/replications?province="));
    expect(provinces).toContain("/replications?province=61");
    expect(provinces).toContain("/replications?province=35");
    expect(provinces).not.toContain("/replications?province=11");
    expect(provinces).toHaveLength(withReplications);
    expect(locs.filter((l) => !l.startsWith("/replications?province="))).toEqual(["/replications/provinces", "/replications?edition=kipp-2025", "/replications?edition=sivablik-2025"]);
  });
});

describe("open data", () => {
  it("JSON: public replications only", async () => {
    const res = await app.get("/api/public/replications");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    const data = JSON.parse(res.body) as { total: number; rows: { id: string; adopter: string; verified: boolean; confirmedBySource: boolean }[] };
    expect(data.total).toBe(4);
    expect(data.rows.map((r) => r.id)).toEqual([s.r.r1, s.r.r4, s.r.r5, s.r.r7]);
    for (const id of hiddenIds()) expect(res.body).not.toContain(id);
    expect(res.body).not.toMatch(LEAKS);
    const filtered = JSON.parse((await app.get("/api/public/replications?edition=kipp-2025&status=selesai")).body) as { rows: { id: string }[] };
    expect(filtered.rows.map((r) => r.id)).toEqual([s.r.r4]);
  });

  it("CSV: BOM, header, one line per public replication", async () => {
    const res = await app.get("/api/public/replications?format=csv&province=61");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="replications.csv"');
    const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,title,source_innovation_id,source_title,source_agency,source_year,source_province_code,adopter,adopter_province_code,facilitator,stage,status,confirmed_by_source,verified,updated_at",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([s.r.r1, s.r.r4, s.r.r5, s.r.r7]);
    expect(res.body).not.toMatch(LEAKS);
  });

  it("malformed parameters: 400 naming them", async () => {
    const res = await app.get("/api/public/replications?status=rahasia&province=abc");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: "invalid_parameters", fields: ["province", "status"] });
  });
});
