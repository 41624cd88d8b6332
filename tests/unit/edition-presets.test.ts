import { describe, expect, it } from "vitest";
import { presetFor, type EditionPreset } from "~/domain/edition-presets";
import { KEY_PATTERN } from "~/schemas/settings";

const sections = (p: EditionPreset, group: string) =>
  p.groups.find((g) => g.key === group)!.sections.map((s) => [s.titleId, s.wordLimit]);

describe("presetFor", () => {
  const kipp = presetFor("kipp", 2025);
  const provincial = presetFor("provincial", 2025);

  it("has the groups Umum, Replikasi and Khusus in that order", () => {
    expect(kipp.groups.map((g) => [g.key, g.nameId, g.nameEn])).toEqual([
      ["umum", "Kelompok Umum", "General Group"],
      ["replikasi", "Kelompok Replikasi", "Replication Group"],
      ["khusus", "Kelompok Khusus", "Special Group"],
    ]);
    expect(provincial.groups.map((g) => g.key)).toEqual(["umum", "replikasi", "khusus"]);
  });

  it("gives Umum the sections and word limits of DOMAIN.md", () => {
    expect(sections(kipp, "umum")).toEqual([
      ["Ringkasan", 200],
      ["Ide Inovatif", 600],
      ["Signifikansi", 600],
      ["Kontribusi terhadap TPB (SDGs)", 200],
      ["Adaptabilitas", 400],
      ["Keberlanjutan", 600],
      ["Kolaborasi Pemangku Kepentingan", 200],
    ]);
  });

  it("gives Replikasi Inspirasi, Proses Replikasi and Faktor Pembeda on a replication set", () => {
    expect(sections(kipp, "replikasi")).toEqual([
      ["Ringkasan", 200],
      ["Inspirasi", 300],
      ["Proses Replikasi", 600],
      ["Faktor Pembeda", 400],
      ["Signifikansi", 600],
      ["Keberlanjutan", 600],
      ["Kolaborasi Pemangku Kepentingan", 200],
    ]);
  });

  it("gives Khusus a summary, then Pembaruan, Adaptabilitas, Penguatan Keberlanjutan and Evaluasi", () => {
    expect(sections(kipp, "khusus")).toEqual([
      ["Ringkasan", 200],
      ["Pembaruan", 600],
      ["Adaptabilitas", 400],
      ["Penguatan Keberlanjutan", 600],
      ["Evaluasi", 400],
    ]);
  });

  it("uses the same form in the provincial preset (a provincial copy of the national form)", () => {
    for (const g of ["umum", "replikasi", "khusus"]) {
      expect(sections(provincial, g)).toEqual(sections(kipp, g));
    }
  });

  it("sets minimum ages, quotas, sources and video per group", () => {
    const rules = (p: EditionPreset) =>
      p.groups.map((g) => [g.key, g.minAgeMonths, g.quotaPerAgency, g.requiresSources, g.videoRequired]);
    expect(rules(kipp)).toEqual([
      ["umum", 24, 10, false, true],
      ["replikasi", 12, 5, true, false],
      ["khusus", 24, 3, false, false],
    ]);
    expect(rules(provincial)).toEqual([
      ["umum", 24, 3, false, false],
      ["replikasi", 12, 2, true, false],
      ["khusus", 24, 1, false, false],
    ]);
  });

  it("asks for the decree, the statement letter and optional evidence; Replikasi also its commitment letter", () => {
    const slots = (p: EditionPreset, group: string) =>
      p.groups
        .find((g) => g.key === group)!
        .slots.map((s) => [s.key, s.labelId, s.acceptedTypes, s.maxSizeMb, s.required]);
    const common = {
      sk: ["sk_inovator", "SK penetapan inovator/tim", ["pdf"], 5, true],
      sp: ["surat_pernyataan", "Surat pernyataan kebenaran data", ["pdf"], 5, true],
      dp: ["dokumen_pendukung", "Dokumen pendukung", ["pdf", "jpeg", "png"], 20, false],
      fk: ["foto_kegiatan", "Foto kegiatan", ["jpeg", "png"], 10, false],
    };
    expect(slots(kipp, "umum")).toEqual([common.sk, common.sp, common.dp, common.fk]);
    expect(slots(kipp, "replikasi")).toEqual([
      common.sk,
      common.sp,
      ["komitmen_replikasi", "Surat komitmen replikasi", ["pdf"], 5, true],
      common.dp,
      common.fk,
    ]);
    expect(slots(kipp, "khusus")).toEqual([common.sk, common.sp, common.dp, common.fk]);
  });

  it("has the nine 2025 KIPP categories aligned to national priorities", () => {
    expect(kipp.categories.map((c) => [c.key, c.nameId, c.nameEn])).toEqual([
      ["transformasi_digital", "Transformasi Digital", "Digital Transformation"],
      ["pelayanan_kesehatan", "Pelayanan Kesehatan", "Health Services"],
      ["pendidikan", "Pendidikan", "Education"],
      ["ekonomi_umkm", "Pemberdayaan Ekonomi dan UMKM", "Economic Empowerment and MSMEs"],
      ["lingkungan_iklim", "Lingkungan Hidup dan Ketahanan Iklim", "Environment and Climate Resilience"],
      ["ketahanan_pangan", "Ketahanan Pangan", "Food Security"],
      ["perlindungan_sosial", "Perlindungan Sosial dan Inklusi", "Social Protection and Inclusion"],
      ["tata_kelola", "Tata Kelola Pemerintahan dan Reformasi Birokrasi", "Governance and Bureaucratic Reform"],
      ["infrastruktur", "Infrastruktur dan Pelayanan Dasar", "Infrastructure and Basic Services"],
    ]);
  });

  it("gives a provincial contest four categories and admits its regencies, cities and OPD of the organizer's province", () => {
    expect(provincial.categories.map((c) => c.key)).toEqual(["tata_kelola", "pelayanan_dasar", "ekonomi_kesejahteraan", "digitalisasi"]);
    expect([provincial.allowedClusters, provincial.restrictToOrganizerProvince]).toEqual([["kabupaten", "kota", "opd"], true]);
    expect([kipp.allowedClusters, kipp.restrictToOrganizerProvince]).toEqual([[], false]);
  });

  it("writes every text in Indonesian and English, different from each other, guidance in one or two sentences", () => {
    for (const p of [kipp, provincial]) {
      const pairs: [string, string, string][] = [];
      for (const g of p.groups) {
        pairs.push([`${g.key}.name`, g.nameId, g.nameEn], [`${g.key}.description`, g.descriptionId, g.descriptionEn]);
        for (const s of g.sections) {
          pairs.push([`${g.key}.${s.key}.title`, s.titleId, s.titleEn], [`${g.key}.${s.key}.guidance`, s.guidanceId, s.guidanceEn]);
        }
        for (const s of g.slots) pairs.push([`${g.key}.${s.key}.label`, s.labelId, s.labelEn]);
      }
      for (const c of p.categories) pairs.push([`category.${c.key}`, c.nameId, c.nameEn]);
      for (const [where, idText, enText] of pairs) {
        expect(idText.trim().length, `${where} id`).toBeGreaterThan(0);
        expect(enText.trim().length, `${where} en`).toBeGreaterThan(0);
        expect(enText, where).not.toBe(idText);
      }
      const sentences = (s: string) => s.split(/(?<=[.!?])\s+/).filter(Boolean).length;
      for (const g of p.groups) {
        for (const s of g.sections) {
          expect([sentences(s.guidanceId), sentences(s.guidanceEn)].every((n) => n >= 1 && n <= 2), `${g.key}.${s.key}`).toBe(true);
        }
      }
    }
  });

  it("uses valid keys, unique within each group, every section required and each slot within 1–100 MB", () => {
    for (const p of [kipp, provincial]) {
      for (const g of p.groups) {
        const keys = [g.key, ...g.sections.map((s) => s.key), ...g.slots.map((s) => s.key)];
        expect(keys.filter((k) => !KEY_PATTERN.test(k))).toEqual([]);
        expect(new Set(g.sections.map((s) => s.key)).size).toBe(g.sections.length);
        expect(new Set(g.slots.map((s) => s.key)).size).toBe(g.slots.length);
        expect(g.sections.filter((s) => !s.required)).toEqual([]);
        expect(g.slots.filter((s) => s.maxSizeMb < 1 || s.maxSizeMb > 100 || s.acceptedTypes.length === 0)).toEqual([]);
      }
      expect(p.categories.filter((c) => !KEY_PATTERN.test(c.key))).toEqual([]);
    }
  });

  it("returns fresh objects, so changing one edition's preset leaves the next untouched", () => {
    const a = presetFor("kipp", 2025);
    a.groups[0].sections[0].wordLimit = 1;
    a.categories.pop();
    const b = presetFor("kipp", 2025);
    expect([b.groups[0].sections[0].wordLimit, b.categories.length]).toEqual([200, 9]);
  });
});
