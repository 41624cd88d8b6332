/**
 * The innovation page lists its public replications 50 at a time (?rpage=N)
 * with the total and a link to all of them as open data (issue-7 benchmark,
 * docs/benchmarks.md "Replications"). Needs `npx remix build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildWorld, type World } from "../support/factories";
import { insertReplication, seedReplicationsPublic, type ReplicationsPublicScenario } from "../support/replications-public";

let app: HttpApp;
let w: World;
let s: ReplicationsPublicScenario;
let adopters: string[] = [];

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  s = await seedReplicationsPublic(app.db, w);
  // B (Singkawang's finalist) already has one public replication, by Surabaya. Add 54 confirmed
  // ones by other agencies (55 in all) and 3 pending ones that must never count.
  const agencies = await app.db
    .selectFrom("agencies")
    .select(["id", "name"])
    .where("id", "not in", [w.agencies.singkawang, "ag-kota-35.78"])
    .where("name", "like", "Pemerintah Kabupaten %")
    .orderBy("name")
    .limit(57)
    .execute();
  for (const [k, a] of agencies.entries()) {
    await insertReplication(app.db, {
      sourceInnovationId: s.innovations.B,
      sourceTitle: "Posyandu Digital",
      sourceAgencyName: "Pemerintah Kota Singkawang",
      sourceAgencyId: w.agencies.singkawang,
      adopterAgencyId: a.id,
      title: k < 54 ? "Posyandu Digital" : `Rahasia ${k}`,
      sourceResponse: k < 54 ? "confirmed" : "pending",
    });
  }
  adopters = [...agencies.slice(0, 54).map((a) => a.name), "Pemerintah Kota Surabaya"].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
});

afterAll(async () => {
  await app?.close();
});

const rowNames = (body: string) => [...body.matchAll(/<th scope="row" style="font-weight:400">([^<]+)/g)].map((m) => m[1]);

describe("innovation page: replications in pages of 50", () => {
  it("page 1: the first 50 by adopter name, the total, a next link and the open data link", async () => {
    const res = await app.get(`/innovations/${s.innovations.B}`);
    expect(res.status).toBe(200);
    expect(adopters).toHaveLength(55);
    const names = rowNames(res.body).filter((n) => adopters.includes(n));
    expect(names).toEqual(adopters.slice(0, 50));
    expect(res.body).toContain("55 replikasi; ditampilkan 1–50.");
    expect(res.body).toContain(`href="/innovations/${s.innovations.B}?rpage=2#replications-heading"`);
    expect(res.body).toContain(`href="/api/public/replications?source=${s.innovations.B}&amp;format=csv"`);
    expect(res.body).not.toMatch(/Rahasia/);
  });

  it("page 2: the remaining 5 and a link back; a page past the end shows the last page", async () => {
    const res = await app.get(`/innovations/${s.innovations.B}?rpage=2`);
    expect(res.status).toBe(200);
    expect(rowNames(res.body).filter((n) => adopters.includes(n))).toEqual(adopters.slice(50));
    expect(res.body).toContain("55 replikasi; ditampilkan 51–55.");
    expect(res.body).toContain(`href="/innovations/${s.innovations.B}#replications-heading"`);
    const past = await app.get(`/innovations/${s.innovations.B}?rpage=99`);
    expect(rowNames(past.body).filter((n) => adopters.includes(n))).toEqual(adopters.slice(50));
    const junk = await app.get(`/innovations/${s.innovations.B}?rpage=abc`);
    expect(rowNames(junk.body).filter((n) => adopters.includes(n))).toEqual(adopters.slice(0, 50));
  });

  it("an innovation with 50 or fewer shows no pagination", async () => {
    const res = await app.get(`/innovations/${s.innovations.A}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("rpage=");
    expect(res.body).not.toContain("ditampilkan");
  });

  it("the open data holds all 55", async () => {
    const res = await app.get(`/api/public/replications?source=${s.innovations.B}`);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { total: number }).total).toBe(55);
  });
});

describe("network page: a drawing that stays readable, a paged table", () => {
  // Rows of the network's table (their header cell links the source innovation).
  const rowCount = (body: string) => (body.match(/<th scope="row" style="font-weight:400">/g) ?? []).length;
  const publicTotal = async (q: string) => (JSON.parse((await app.get(`/api/public/replications?${q}`)).body) as { total: number }).total;

  it("Sivablik's network draws at most 12 adopters of Posyandu Digital and says what it left out; the table lists all", async () => {
    const total = await publicTotal("edition=sivablik-2025");
    expect(total).toBeGreaterThanOrEqual(55);
    const res = await app.get("/replications?edition=sivablik-2025");
    expect(res.status).toBe(200);
    // The drawing: B's 12 first adopters by name (plus the edges of the other sources, all small).
    const drawn = [...res.body.matchAll(/<text[^>]*text-anchor="start"[^>]*><title>([^<]+)<\/title>/g)].map((m) => m[1]);
    for (const name of adopters.slice(0, 12)) expect(drawn).toContain(name);
    for (const name of adopters.slice(12)) expect(drawn).not.toContain(name);
    expect(res.body).toMatch(new RegExp(`dari \\d+ inovasi sumber \\(yang paling banyak direplikasi\\), paling banyak 12 replikator masing-masing: \\d+ dari ${total} hubungan\\.`));
    // The table: every public replication of the edition (≤ 100: one page, no pager).
    expect(rowCount(res.body)).toBe(total);
    expect(res.body).not.toContain("Halaman daftar replikasi");
  });

  it("past 100 rows the table is paged (?page=N) and the drawing stays the same size", async () => {
    const more = await app.db
      .selectFrom("agencies")
      .select(["id"])
      .where("name", "like", "Pemerintah Kota %")
      .where("id", "not in", [w.agencies.singkawang, "ag-kota-35.78"])
      .orderBy("name")
      .limit(60)
      .execute();
    for (const a of more) {
      await insertReplication(app.db, {
        sourceInnovationId: s.innovations.B,
        sourceTitle: "Posyandu Digital",
        sourceAgencyName: "Pemerintah Kota Singkawang",
        sourceAgencyId: w.agencies.singkawang,
        adopterAgencyId: a.id,
        title: "Posyandu Digital",
        sourceResponse: "confirmed",
      });
    }
    const total = await publicTotal("edition=sivablik-2025");
    expect(total).toBeGreaterThan(100);
    const first = await app.get("/replications?edition=sivablik-2025");
    expect(rowCount(first.body)).toBe(100);
    expect(first.body).toContain(`${total} replikasi; ditampilkan 1–100.`);
    expect(first.body).toContain('href="/replications?edition=sivablik-2025&amp;page=2"');
    const second = await app.get("/replications?edition=sivablik-2025&page=2");
    expect(rowCount(second.body)).toBe(total - 100);
    expect(second.body).toContain(`${total} replikasi; ditampilkan 101–${total}.`);
    // A page past the end shows the last one.
    expect(rowCount((await app.get("/replications?edition=sivablik-2025&page=99")).body)).toBe(total - 100);
    const lines = (body: string) => (body.match(/<line /g) ?? []).length;
    expect(lines(second.body)).toBe(lines(first.body));
  });
});
