/**
 * searchCatalogue on the real database (SQLite FTS5, or PostgreSQL tsvector
 * with TEST_DATABASE_URL): text, filters, paging, order, hostile input and
 * hidden rows.
 */
import { describe, expect, it } from "vitest";
import { searchCatalogue, searchCatalogueForExport } from "~/models/catalogue-search.server";
import { useTestDb } from "../support/db";
import { buildWorld } from "../support/factories";
import { insertInnovation, insertTier } from "../support/publication-public";

const t = useTestDb();

async function seed() {
  const db = t.db;
  const w = await buildWorld(db);
  const top45 = await insertTier(db, w.competitions.kipp, "top45", "Top 45 Inovasi Pelayanan Publik Terpuji", "Top 45 Commendable Public Service Innovations");
  const ids = {
    antrean: await insertInnovation(db, {
      title: "Antrean Daring Dukcapil",
      summary: "Warga mengambil nomor antrean KTP elektronik dari rumah.",
      agencyName: "Pemerintah Kota Pontianak",
      year: 2025,
      stage: "winner",
      awardTierId: top45,
      awardNameId: "Top 45 Inovasi Pelayanan Publik Terpuji",
      awardNameEn: "Top 45 Commendable Public Service Innovations",
    }),
    posyandu: await insertInnovation(db, {
      title: "Posyandu Digital",
      summary: "Pencatatan tumbuh kembang balita secara daring di posyandu.",
      agencyName: "Pemerintah Kota Singkawang",
      regionName: "Kota Singkawang, Kalimantan Barat",
      year: 2025,
      stage: "finalist",
      categoryKey: "pelayanan_kesehatan",
      categoryNameId: "Pelayanan Kesehatan",
      categoryNameEn: "Health services",
    }),
    lapor: await insertInnovation(db, {
      title: "Lapor Jalan Rusak",
      summary: "Aduan jalan rusak dengan foto dan titik lokasi; dukcapil tidak terlibat.",
      agencyName: "Kementerian Pekerjaan Umum",
      cluster: "kementerian",
      provinceCode: null,
      regionName: "",
      year: 2023,
      stage: "winner",
      awardNameId: "Outstanding Achievement",
      awardNameEn: "Outstanding Achievement",
    }),
    jemput: await insertInnovation(db, {
      title: "Jemput Bola Akta Kelahiran",
      summary: "Petugas datang ke desa.",
      agencyName: "Pemerintah Kabupaten Sambas",
      cluster: "kabupaten",
      regionName: "Kabupaten Sambas, Kalimantan Barat",
      year: 2024,
      stage: "participant",
    }),
    hidden: await insertInnovation(db, {
      title: "Antrean Rahasia Dukcapil",
      summary: "Disembunyikan oleh penyelenggara.",
      year: 2025,
      stage: "winner",
      visible: 0,
    }),
  };
  return { w, ids, top45 };
}

describe("searchCatalogue", () => {
  it("lists visible rows by year, winners first, then title, with the total", async () => {
    const { ids } = await seed();
    const res = await searchCatalogue(t.db, {});
    expect(res.total).toBe(4);
    expect(res.page).toBe(1);
    expect(res.pageSize).toBe(20);
    expect(res.rows.map((r) => r.id)).toEqual([ids.antrean, ids.posyandu, ids.jemput, ids.lapor]);
    expect(res.rows[0]).toEqual({
      id: ids.antrean,
      title: "Antrean Daring Dukcapil",
      summary: "Warga mengambil nomor antrean KTP elektronik dari rumah.",
      agencyName: "Pemerintah Kota Pontianak",
      cluster: "kota",
      regionName: "Kota Pontianak, Kalimantan Barat",
      provinceCode: "61",
      year: 2025,
      editionName: "KIPP 2025",
      categoryNameId: "Transformasi Digital",
      categoryNameEn: "Digital transformation",
      stage: "winner",
      awardNameId: "Top 45 Inovasi Pelayanan Publik Terpuji",
      awardNameEn: "Top 45 Commendable Public Service Innovations",
    });
  });

  it("finds words by prefix over title, summary, agency and region, ranking title matches first", async () => {
    const { ids } = await seed();
    expect((await searchCatalogue(t.db, { q: "dukcap" })).rows.map((r) => r.id)).toEqual([ids.antrean, ids.lapor]);
    expect((await searchCatalogue(t.db, { q: "POSYAND" })).rows.map((r) => r.id)).toEqual([ids.posyandu]);
    expect((await searchCatalogue(t.db, { q: "singkawang" })).rows.map((r) => r.id)).toEqual([ids.posyandu]);
    expect((await searchCatalogue(t.db, { q: "kabupaten sambas" })).rows.map((r) => r.id)).toEqual([ids.jemput]);
    // Every word must match.
    expect((await searchCatalogue(t.db, { q: "antrean posyandu" })).total).toBe(0);
  });

  it("never fails on operators, quotes or stars in the text", async () => {
    const { ids } = await seed();
    for (const q of [`"`, `"dukcapil`, `dukcapil"*`, "*", "NEAR(antrean dukcapil)", "antrean AND", "OR", "NOT dukcapil", "a:*", "(((", "'; drop table innovations; --", "dukcapil & | ! :", "title:antrean", "^antrean", "\\", "🚀 antrean"]) {
      const res = await searchCatalogue(t.db, { q });
      expect(res.total, q).toBe(res.rows.length);
    }
    expect((await searchCatalogue(t.db, { q: `"antrean" (dukcapil)*` })).rows.map((r) => r.id)).toEqual([ids.antrean]);
    // Operator words are plain words: no row says "near".
    expect((await searchCatalogue(t.db, { q: "antrean NEAR dukcapil" })).rows.map((r) => r.id)).toEqual([]);
    expect((await searchCatalogue(t.db, { q: "title:antrean" })).rows.map((r) => r.id)).toEqual([]);
    // Punctuation only: nothing to search for, so everything visible.
    expect((await searchCatalogue(t.db, { q: `"*()` })).total).toBe(4);
  });

  it("filters by year, category, cluster, province and award", async () => {
    const { ids } = await seed();
    const ids_ = async (q: Parameters<typeof searchCatalogue>[1]) => (await searchCatalogue(t.db, q)).rows.map((r) => r.id);
    expect(await ids_({ year: 2025 })).toEqual([ids.antrean, ids.posyandu]);
    expect(await ids_({ category: "pelayanan_kesehatan" })).toEqual([ids.posyandu]);
    expect(await ids_({ cluster: "kementerian" })).toEqual([ids.lapor]);
    expect(await ids_({ province: "61" })).toEqual([ids.antrean, ids.posyandu, ids.jemput]);
    expect(await ids_({ award: "winner" })).toEqual([ids.antrean, ids.lapor]);
    expect(await ids_({ award: "finalist" })).toEqual([ids.posyandu]);
    expect(await ids_({ award: "participant" })).toEqual([ids.jemput]);
    expect(await ids_({ award: "top45" })).toEqual([ids.antrean]);
    expect(await ids_({ award: "no-such-tier" })).toEqual([]);
    expect(await ids_({ q: "dukcapil", year: 2023 })).toEqual([ids.lapor]);
    expect(await ids_({ q: "antrean", province: "61", award: "winner", year: 2025, cluster: "kota", category: "transformasi_digital" })).toEqual([ids.antrean]);
  });

  it("never returns hidden rows, whatever the search", async () => {
    const { ids } = await seed();
    expect((await searchCatalogue(t.db, { q: "rahasia" })).total).toBe(0);
    expect((await searchCatalogue(t.db, { q: "antrean" })).rows.map((r) => r.id)).toEqual([ids.antrean]);
    expect((await searchCatalogueForExport(t.db, {})).map((r) => r.id)).not.toContain(ids.hidden);
    // Shown again once the organizer makes it visible.
    await t.db.updateTable("innovations").set({ visible: 1 }).where("id", "=", ids.hidden).execute();
    expect((await searchCatalogue(t.db, { q: "rahasia" })).rows.map((r) => r.id)).toEqual([ids.hidden]);
  });

  it("pages, clamping the page and the page size", async () => {
    const { ids } = await seed();
    const p2 = await searchCatalogue(t.db, { page: 2, pageSize: 3 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.rows.map((r) => r.id)).toEqual([ids.lapor]);
    expect(await searchCatalogue(t.db, { page: 9, pageSize: 3 })).toEqual({ total: 4, page: 9, pageSize: 3, rows: [] });
    const clamped = await searchCatalogue(t.db, { page: -4, pageSize: 100_000 });
    expect([clamped.page, clamped.pageSize, clamped.rows.length]).toEqual([1, 100, 4]);
    const nan = await searchCatalogue(t.db, { page: Number.NaN, pageSize: 0 });
    expect([nan.page, nan.pageSize, nan.rows.length]).toEqual([1, 1, 1]);
  });

  it("cuts the summary to 300 characters", async () => {
    await buildWorld(t.db);
    await insertInnovation(t.db, { title: "Panjang", summary: "x".repeat(1000) });
    const res = await searchCatalogue(t.db, { q: "panjang" });
    expect(res.rows[0].summary).toBe("x".repeat(300));
  });

  it("keeps the search index in step with edits and deletions", async () => {
    const { ids } = await seed();
    await t.db.updateTable("innovations").set({ title: "Loket Terpadu Kependudukan" }).where("id", "=", ids.antrean).execute();
    expect((await searchCatalogue(t.db, { q: "loket" })).rows.map((r) => r.id)).toEqual([ids.antrean]);
    await t.db.deleteFrom("innovations").where("id", "=", ids.posyandu).execute();
    expect((await searchCatalogue(t.db, { q: "posyandu" })).total).toBe(0);
  });
});
