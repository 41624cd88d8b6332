/**
 * A believable public catalogue for the catalogue benchmark (bench/catalogue.ts,
 * docs/benchmarks.md): a fresh, migrated database holding
 *
 *   - 30,000 rows in `innovations` (migration 0006; on SQLite the FTS5 table
 *     `innovations_fts` is filled by its triggers, on PostgreSQL the generated
 *     `search_tsv` column) over ten years (2016–2025): every year the national
 *     KIPP edition (Kementerian PANRB) and the provincial contests of most of the
 *     38 provinces, from the reference agencies of every cluster (ministries,
 *     agencies, provinces, regencies, cities, BUMN) plus OPD and BUMD agencies
 *     made here; stages winner / finalist / participant with award names, about
 *     1 % hidden by the organizer (visible = 0);
 *   - one edition with real proposals behind its lists, "KIPP 2024"
 *     (slug kipp-2024, KIPP preset): 400 submitted proposals, a published
 *     finalists announcement (99 entries) and a published winners announcement
 *     (55 winners in the three KIPP award tiers: Top 45 (Umum), Outstanding
 *     Achievement (Khusus), Top 5 Replikasi), with award_tiers and winners rows;
 *     its catalogue rows are made by syncCatalogueForCompetition, as publishing
 *     does, so /editions/kipp-2024/winners has real content.
 *
 * Titles and summaries come from an Indonesian vocabulary per category
 * (acronym names like "SI-PEKA (Sistem Pelayanan Kesehatan Anak)", "Gerakan …",
 * "Layanan … Keliling"), with a few rare terms (e.g. "tuberkulosis",
 * "mangrove") so searches hit both common and rare words. Everything is
 * deterministic for a given seed (ids included, except those the landed
 * helpers make: organizers, the one user, and the 99 KIPP 2024 catalogue rows
 * of syncCatalogueForCompetition).
 *
 *   npx tsx bench/catalogue-seed.ts tmp/bench/catalogue.sqlite [count=30000] [seed=6]
 *   DATABASE_URL=postgres://… npx tsx bench/catalogue-seed.ts - [count] [seed]   (an EMPTY database)
 *
 * The SQLite file (and its -wal/-shm) is removed first. On PostgreSQL the
 * database must have no competitions yet (it is migrated, never wiped).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { createDatabase, isPostgres, migrateToLatest, type DB } from "~/db.server";
import { presetFor } from "~/domain/edition-presets";
import { formatProposalNumber } from "~/domain/proposal-rules";
import { syncCatalogueForCompetition, SUMMARY_SECTION } from "~/models/catalogue.server";
import { insertCompetition } from "~/models/competitions.server";
import { applyPreset } from "~/services/settings.server";
import { buildOrganizer, buildUser, timelineFromWib } from "../db/builders";

export const WINNERS_SLUG = "kipp-2024";
export const WINNERS_YEAR = 2024;
export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;

// ---------------------------------------------------------------------------
// Deterministic randomness.

export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Zipf-like: early items far more often than late ones (common vs rare words). */
const pickSkewed = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(Math.pow(r(), 2.2) * xs.length)];
export const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** A 16-character id (the app's alphabet) from the generator: deterministic for a seed. */
export function idFrom(r: () => number): string {
  let s = "";
  for (let i = 0; i < 16; i++) s += ID_ALPHABET[Math.floor(r() * 32)];
  return s;
}

// ---------------------------------------------------------------------------
// Vocabulary. Topics are keyed by a theme; categories map onto themes.

export interface Theme {
  /** Service objects ("what"), most common first. */
  objects: string[];
  /** Who benefits. */
  people: string[];
  /** Problems the innovation answers. */
  problems: string[];
  /** Rare, specific terms (a few innovations each). */
  rare: string[];
}

export const THEMES: Record<string, Theme> = {
  kesehatan: {
    objects: ["pelayanan kesehatan", "puskesmas", "posyandu", "imunisasi", "rujukan pasien", "rumah sakit", "gizi balita", "kesehatan ibu dan anak", "obat", "ambulans desa"],
    people: ["ibu hamil", "balita", "lansia", "pasien", "kader posyandu", "tenaga kesehatan"],
    problems: ["angka stunting yang tinggi", "antrean pasien yang panjang", "rujukan yang terlambat", "cakupan imunisasi yang rendah", "kematian ibu melahirkan"],
    rare: ["tuberkulosis", "rabies", "talasemia", "malaria", "kusta", "hipertensi", "telemedisin", "skrining"],
  },
  pendidikan: {
    objects: ["pendidikan", "sekolah", "perpustakaan", "literasi", "beasiswa", "guru", "pembelajaran daring", "sekolah inklusif", "bimbingan belajar"],
    people: ["siswa", "guru", "anak putus sekolah", "orang tua murid", "pelajar"],
    problems: ["angka putus sekolah", "minat baca yang rendah", "kekurangan guru di daerah terpencil", "akses sekolah yang jauh"],
    rare: ["numerasi", "disleksia", "madrasah", "vokasi", "pesantren", "mendongeng"],
  },
  digital: {
    objects: ["aplikasi", "layanan digital", "sistem informasi", "tanda tangan elektronik", "data terpadu", "pengaduan daring", "portal layanan", "kios layanan mandiri", "satu data"],
    people: ["warga", "pemohon", "aparatur", "pelaku usaha", "operator desa"],
    problems: ["berkas yang menumpuk", "layanan yang lambat", "data yang tidak sinkron", "pengaduan yang tidak tertangani"],
    rare: ["blockchain", "chatbot", "geospasial", "biometrik", "interoperabilitas", "dasbor"],
  },
  adminduk: {
    objects: ["administrasi kependudukan", "kartu tanda penduduk", "akta kelahiran", "kartu keluarga", "dokumen kependudukan", "akta kematian", "perekaman KTP elektronik"],
    people: ["warga", "penduduk desa", "bayi baru lahir", "penyandang disabilitas", "warga perbatasan"],
    problems: ["kepemilikan akta kelahiran yang rendah", "jarak ke kantor dinas yang jauh", "biaya perjalanan yang mahal"],
    rare: ["transmigran", "suku terasing", "adat"],
  },
  ekonomi: {
    objects: ["usaha mikro", "UMKM", "koperasi", "pasar rakyat", "perizinan berusaha", "pemasaran produk lokal", "kredit usaha", "pariwisata desa", "ekonomi kreatif"],
    people: ["pelaku UMKM", "perempuan pengusaha", "pedagang pasar", "petani", "nelayan", "pengrajin"],
    problems: ["akses modal yang sulit", "perizinan yang berbelit", "harga jual yang rendah", "pemasaran yang terbatas"],
    rare: ["songket", "tenun", "batik", "rotan", "kopi", "vanili", "kakao", "ekspor"],
  },
  lingkungan: {
    objects: ["pengelolaan sampah", "bank sampah", "air bersih", "sanitasi", "lingkungan hidup", "ruang terbuka hijau", "energi terbarukan", "penanggulangan banjir"],
    people: ["warga bantaran sungai", "rumah tangga", "nelayan pesisir", "kelompok tani", "pemulung"],
    problems: ["sampah yang menumpuk", "banjir tahunan", "krisis air bersih", "pencemaran sungai", "kebakaran hutan dan lahan"],
    rare: ["mangrove", "gambut", "biogas", "abrasi", "terumbu karang", "kompos", "geotermal"],
  },
  pangan: {
    objects: ["ketahanan pangan", "pertanian", "lumbung pangan", "irigasi", "pekarangan pangan", "perikanan", "peternakan", "penyuluhan pertanian"],
    people: ["petani", "nelayan", "peternak", "kelompok wanita tani", "keluarga rawan pangan"],
    problems: ["gagal panen", "harga pangan yang naik", "rawan pangan", "lahan tidur"],
    rare: ["sagu", "hidroponik", "akuaponik", "jagung", "sorgum", "rumput laut"],
  },
  sosial: {
    objects: ["perlindungan sosial", "bantuan sosial", "rehabilitasi sosial", "layanan disabilitas", "perlindungan anak", "jaminan sosial", "rumah layak huni"],
    people: ["keluarga miskin", "penyandang disabilitas", "lansia terlantar", "anak jalanan", "perempuan korban kekerasan"],
    problems: ["bantuan yang salah sasaran", "kekerasan dalam rumah tangga", "kemiskinan ekstrem", "pernikahan anak"],
    rare: ["odgj", "pekerja migran", "yatim piatu", "rumah singgah"],
  },
  tatakelola: {
    objects: ["tata kelola", "reformasi birokrasi", "pengadaan barang dan jasa", "kepegawaian", "pengawasan internal", "keterbukaan informasi", "pelayanan terpadu satu pintu", "mal pelayanan publik", "pengelolaan keuangan daerah"],
    people: ["aparatur sipil negara", "warga", "pelaku usaha", "pemerintah desa"],
    problems: ["pungutan liar", "layanan yang berbelit", "birokrasi yang lambat", "rendahnya kepuasan masyarakat"],
    rare: ["gratifikasi", "whistleblowing", "remunerasi", "akuntabilitas"],
  },
  infrastruktur: {
    objects: ["infrastruktur", "jalan desa", "transportasi umum", "penerangan jalan", "perumahan", "jaringan listrik desa", "jembatan gantung", "air minum"],
    people: ["warga desa", "pengguna jalan", "penumpang", "warga pulau terluar"],
    problems: ["akses jalan yang rusak", "daerah yang terisolasi", "kemacetan", "keterlambatan perbaikan"],
    rare: ["dermaga", "speedboat", "perintis", "tol laut"],
  },
};

const CATEGORY_THEMES: Record<string, string[]> = {
  transformasi_digital: ["digital", "adminduk"],
  pelayanan_kesehatan: ["kesehatan"],
  pendidikan: ["pendidikan"],
  ekonomi_umkm: ["ekonomi"],
  lingkungan_iklim: ["lingkungan"],
  ketahanan_pangan: ["pangan"],
  perlindungan_sosial: ["sosial"],
  tata_kelola: ["tatakelola", "adminduk"],
  infrastruktur: ["infrastruktur"],
  pelayanan_dasar: ["kesehatan", "pendidikan"],
  ekonomi_kesejahteraan: ["ekonomi", "pangan", "sosial"],
  digitalisasi: ["digital", "adminduk"],
};

const FORMS = ["Sistem", "Layanan", "Gerakan", "Aplikasi", "Program", "Sekolah", "Rumah", "Kampung", "Pos", "Klinik", "Mobil", "Gerai"];
const MANNERS = ["terpadu", "keliling", "jemput bola", "berbasis desa", "berbasis komunitas", "satu pintu", "daring", "tanpa antre", "ramah anak", "inklusif", "gratis", "cepat", "digital", "mandiri", "bersama"];
const ACTIONS = ["mempercepat", "mendekatkan", "menyederhanakan", "mengintegrasikan", "memperluas", "memperbaiki", "menata ulang"];
const PARTNERS = ["perguruan tinggi", "puskesmas", "pemerintah desa", "BUMDes", "organisasi masyarakat", "perbankan", "dunia usaha", "tokoh agama", "karang taruna", "PKK"];
const NICKNAMES = ["Sahabat", "Sigap", "Cerdas", "Peduli", "Berkah", "Bersinar", "Tuntas", "Juara", "Sehati", "Mantap", "Prima", "Harmoni", "Lestari", "Maju", "Bangkit"];

function capitalise(s: string): string {
  return s
    .split(" ")
    .map((w) => (w === w.toUpperCase() ? w : w[0].toUpperCase() + w.slice(1)))
    .join(" ");
}
/** "Sistem Pelayanan Kesehatan Anak" → "SIPEKA" (first syllable-ish of each word). */
function acronym(words: string[]): string {
  return words
    .filter((w) => !["dan", "di", "untuk", "yang", "ke"].includes(w.toLowerCase()))
    .slice(0, 4)
    .map((w, i) => {
      const m = w.match(/^[^aeiou]*[aeiou]/i);
      return (i === 0 ? (m?.[0] ?? w.slice(0, 2)) : (m?.[0] ?? w.slice(0, 2))).toUpperCase();
    })
    .join("");
}

export interface Written {
  title: string;
  summary: string;
}

/** A title and a summary (about 45–90 words) for one innovation. */
export function writeInnovation(r: () => number, categoryKey: string, place: string, agencyName: string, year: number): Written {
  const theme = THEMES[pick(r, CATEGORY_THEMES[categoryKey] ?? ["digital"])];
  const object = pickSkewed(r, theme.objects);
  const people = pick(r, theme.people);
  const manner = pickSkewed(r, MANNERS);
  const form = pickSkewed(r, FORMS);
  const rare = r() < 0.12 ? pick(r, theme.rare) : null;
  const subject = rare && r() < 0.6 ? `${object} ${rare}` : object;
  const expansion = `${form} ${capitalise(subject)} ${capitalise(manner)}`;
  let title: string;
  const style = r();
  if (style < 0.45) {
    const acr = acronym(expansion.split(" "));
    title = `${r() < 0.3 && !acr.startsWith("SI") ? "SI-" : ""}${acr} (${expansion})`;
  } else if (style < 0.65) {
    title = `Gerakan ${pick(r, NICKNAMES)} ${capitalise(subject)} untuk ${capitalise(people)}`;
  } else if (style < 0.85) {
    title = `${expansion} di ${place}`;
  } else {
    title = `${capitalise(subject)} ${pick(r, NICKNAMES)}: ${capitalise(manner)} bagi ${capitalise(people)}`;
  }
  const before = between(r, 3, 30);
  const after = Math.max(1, Math.floor(before / between(r, 2, 6)));
  const measure = pick(r, [
    `waktu layanan turun dari ${before} hari menjadi ${after} hari`,
    `waktu tunggu turun dari ${before} jam menjadi ${after} jam`,
    `biaya yang dikeluarkan warga turun dari Rp${before * 25}.000 menjadi Rp${after * 25}.000`,
    `jumlah pengaduan turun dari ${before * 10} menjadi ${after * 10} per bulan`,
    `jarak tempuh warga turun dari ${before * 3} km menjadi ${after} km`,
    `berkas yang tertunda turun dari ${before * 20} menjadi ${after * 2} per bulan`,
  ]);
  const reached = between(r, 3, 950) * 10;
  const since = year - between(r, 1, 4);
  const sentences = [
    `Inovasi ini lahir dari ${pick(r, theme.problems)} di ${place}, terutama bagi ${people}.`,
    `${agencyName} ${pick(r, ACTIONS)} ${object} secara ${manner} bersama ${pick(r, PARTNERS)}${rare ? ` dengan fokus pada ${rare}` : ""}.`,
    `Sejak ${since}, ${measure} dan ${reached.toLocaleString("id-ID")} ${people} telah terlayani.`,
    ...(r() < 0.6 ? [`Inovasi ini didukung peraturan kepala daerah, anggaran rutin dan pelatihan petugas sehingga berkelanjutan dan dapat direplikasi daerah lain.`] : []),
    ...(r() < 0.4 ? [`Warga dapat menyampaikan pengaduan dan masukan melalui ${pick(r, ["WhatsApp", "SP4N-LAPOR!", "kotak saran", "media sosial", "pusat panggilan"])}.`] : []),
  ];
  return { title: title.slice(0, 200), summary: sentences.join(" ") };
}

// ---------------------------------------------------------------------------
// Agencies.

interface AgencyRow {
  id: string;
  name: string;
  cluster: string;
  province_code: string | null;
  regency_code: string | null;
  region_name: string;
  place: string;
}

const OPD_NAMES = [
  "Dinas Kesehatan",
  "Dinas Pendidikan dan Kebudayaan",
  "Dinas Kependudukan dan Pencatatan Sipil",
  "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
  "Dinas Sosial",
  "Dinas Lingkungan Hidup dan Kehutanan",
  "Dinas Ketahanan Pangan dan Peternakan",
  "Dinas Komunikasi dan Informatika",
  "Badan Pendapatan Daerah",
  "Rumah Sakit Umum Daerah",
];

/** OPDs (for the provincial contests) and BUMDs (for KIPP) per province, made once. */
async function addLocalAgencies(db: DB, organizerByProvince: Map<string, string>): Promise<void> {
  const provinces = await db.selectFrom("regions").select(["code", "name"]).where("level", "=", "province").orderBy("code").execute();
  const now = new Date("2016-01-01T00:00:00.000Z").toISOString();
  const rows: Record<string, unknown>[] = [];
  for (const p of provinces) {
    const provName = p.name.replace(/^Provinsi\s+/i, "");
    const names = [
      ...OPD_NAMES.map((n, i) => ({ code: `OPD-${p.code}-${String(i + 1).padStart(2, "0")}`, name: `${n} Provinsi ${provName}`, cluster: "opd" })),
      { code: `BUMD-${p.code}-01`, name: `PT Bank Pembangunan Daerah ${provName}`, cluster: "bumd" },
      { code: `BUMD-${p.code}-02`, name: `Perumda Air Minum Tirta ${provName}`, cluster: "bumd" },
    ];
    for (const a of names) {
      rows.push({
        id: `ag-${a.code.toLowerCase()}`,
        code: a.code,
        name: a.name,
        name_search: a.name.toLowerCase(),
        cluster: a.cluster,
        province_code: p.code,
        regency_code: null,
        parent_id: `ag-prov-${p.code}`,
        organizer_id: a.cluster === "opd" ? (organizerByProvince.get(p.code) ?? null) : null,
        created_at: now,
      });
    }
  }
  await insertChunks(db, "agencies", rows);
}

async function loadAgencies(db: DB): Promise<AgencyRow[]> {
  const regions = new Map((await db.selectFrom("regions").select(["code", "name"]).execute()).map((r) => [r.code, r.name]));
  const rows = await db.selectFrom("agencies").select(["id", "name", "cluster", "province_code", "regency_code"]).orderBy("id").execute();
  return rows.map((a) => {
    const reg = a.regency_code ? regions.get(a.regency_code) : undefined;
    const prov = a.province_code ? regions.get(a.province_code) : undefined;
    const placeBase = (reg ?? prov ?? "seluruh Indonesia").replace(/^Provinsi\s+/i, "Provinsi ");
    return {
      ...a,
      region_name: [reg, prov].filter(Boolean).join(", "),
      place: placeBase,
    };
  });
}

// ---------------------------------------------------------------------------

/** Inserts rows in multi-row statements of `size` rows (wrap in a transaction for speed). */
export async function insertChunks(db: DB, table: string, rows: Record<string, unknown>[], size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table as never).values(rows.slice(i, i + size) as never).execute();
  }
}

export interface SeedSummary {
  innovations: number;
  visible: number;
  competitions: number;
  winnersSlug: string;
  winners: number;
  finalists: number;
  seconds: number;
}

const KIPP_TIERS = [
  { key: "top45", nameId: "Top 45 Inovasi Pelayanan Publik Terpuji", nameEn: "Top 45 Commendable Public Service Innovations", size: 45, group: "umum" },
  { key: "outstanding", nameId: "Outstanding Achievement", nameEn: "Outstanding Achievement", size: 5, group: "khusus" },
  { key: "top5_replikasi", nameId: "Top 5 Replikasi", nameEn: "Top 5 Replication", size: 5, group: "replikasi" },
];
const PROVINCIAL_TIERS = [
  { key: "juara1", nameId: "Juara I", nameEn: "First Prize", size: 1 },
  { key: "juara2", nameId: "Juara II", nameEn: "Second Prize", size: 1 },
  { key: "juara3", nameId: "Juara III", nameEn: "Third Prize", size: 1 },
  { key: "harapan1", nameId: "Harapan I", nameEn: "Honourable Mention I", size: 1 },
  { key: "harapan2", nameId: "Harapan II", nameEn: "Honourable Mention II", size: 1 },
  { key: "harapan3", nameId: "Harapan III", nameEn: "Honourable Mention III", size: 1 },
  { key: "top30", nameId: "Top 30 Inovasi Daerah", nameEn: "Top 30 Regional Innovations", size: 30 },
];

const KIPP_CLUSTER_WEIGHTS: [string, number][] = [
  ["kabupaten", 44],
  ["kota", 16],
  ["provinsi", 10],
  ["kementerian", 12],
  ["lembaga", 7],
  ["bumn", 5],
  ["bumd", 6],
];
export function weighted(r: () => number, w: [string, number][]): string {
  const total = w.reduce((a, [, n]) => a + n, 0);
  let x = r() * total;
  for (const [k, n] of w) if ((x -= n) < 0) return k;
  return w[w.length - 1][0];
}

/** Seeds the catalogue into a migrated, empty database. */
export async function seedCatalogue(db: DB, opts: { count?: number; seed?: number } = {}): Promise<SeedSummary> {
  const started = Date.now();
  const count = opts.count ?? 30_000;
  const r = mulberry(opts.seed ?? 6);
  const existing = await db.selectFrom("competitions").select("id").limit(1).execute();
  if (existing.length) throw new Error("seedCatalogue: the database already has competitions; use an empty one");

  // Organizers: Kementerian PANRB and each province's government.
  const provinces = await db.selectFrom("regions").select(["code", "name"]).where("level", "=", "province").orderBy("code").execute();
  const panrb = await buildOrganizer(db, { name: "Kementerian PANRB", kind: "national" });
  const organizerByProvince = new Map<string, string>();
  for (const p of provinces) {
    organizerByProvince.set(
      p.code,
      await buildOrganizer(db, { name: `Pemerintah ${p.name.startsWith("Provinsi") ? p.name : `Provinsi ${p.name}`}`, kind: "provincial", provinceCode: p.code }),
    );
  }
  await addLocalAgencies(db, organizerByProvince);
  const agencies = await loadAgencies(db);
  const byCluster = new Map<string, AgencyRow[]>();
  const localByProvince = new Map<string, AgencyRow[]>();
  for (const a of agencies) {
    (byCluster.get(a.cluster) ?? byCluster.set(a.cluster, []).get(a.cluster)!).push(a);
    if (a.province_code && ["kabupaten", "kota", "opd"].includes(a.cluster)) {
      (localByProvince.get(a.province_code) ?? localByProvince.set(a.province_code, []).get(a.province_code)!).push(a);
    }
  }

  // Editions: KIPP every year; a provincial contest in about 70 % of provinces a year (more in later years).
  interface Edition {
    id: string;
    organizerId: string;
    name: string;
    slug: string;
    year: number;
    kind: "kipp" | "provincial";
    provinceCode: string | null;
    weight: number;
  }
  const editions: Edition[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    editions.push({ id: idFrom(r), organizerId: panrb, name: `KIPP ${year}`, slug: `kipp-${year}`, year, kind: "kipp", provinceCode: null, weight: 14 });
    const share = 0.5 + (0.4 * (year - FIRST_YEAR)) / (LAST_YEAR - FIRST_YEAR);
    for (const p of provinces) {
      if (r() > share) continue;
      const short = p.name.replace(/^Provinsi\s+/i, "");
      editions.push({
        id: idFrom(r),
        organizerId: organizerByProvince.get(p.code)!,
        name: `Kompetisi Inovasi ${short} ${year}`,
        slug: `inovasi-${short.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${year}`,
        year,
        kind: "provincial",
        provinceCode: p.code,
        weight: 1,
      });
    }
  }
  for (const e of editions) {
    const announce = `${e.year}-${e.kind === "kipp" ? "10" : "11"}-15T09:00`;
    await insertCompetition(
      db,
      {
        organizerId: e.organizerId,
        name: e.name,
        year: e.year,
        slug: e.slug,
        theme: "",
        description: "",
        timeline: timelineFromWib({
          pendaftaran: [`${e.year}-03-01T08:00`, `${e.year}-05-31T23:59`],
          pengumuman: [announce, `${e.year}-11-30T16:00`],
          penetapan: [announce, `${e.year}-12-15T16:00`],
        }),
      },
      e.id,
    );
  }

  // The edition with real proposals and published lists.
  const winnersEdition = editions.find((e) => e.slug === WINNERS_SLUG)!;
  const real = await seedWinnersEdition(db, r, winnersEdition.id, byCluster);

  // Bulk rows for every other edition, in proportion to its weight.
  const remaining = count - real.catalogued;
  const bulkEditions = editions.filter((e) => e !== winnersEdition);
  // Later years hold more rows (the catalogue grows).
  const weightOf = (e: Edition) => e.weight * (1 + (0.6 * (e.year - FIRST_YEAR)) / (LAST_YEAR - FIRST_YEAR));
  const totalWeight = bulkEditions.reduce((a, e) => a + weightOf(e), 0);
  const quotas = bulkEditions.map((e) => Math.floor((remaining * weightOf(e)) / totalWeight));
  for (let i = 0, left = remaining - quotas.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % quotas.length, left--) quotas[i]++;

  const kippCategories = presetFor("kipp", 2025).categories;
  const provCategories = presetFor("provincial", 2025).categories;
  let rows: Record<string, unknown>[] = [];
  let inserted = 0;
  let visible = 0;
  const flush = async () => {
    await insertChunks(db, "innovations", rows, 300);
    inserted += rows.length;
    rows = [];
  };
  for (let ei = 0; ei < bulkEditions.length; ei++) {
    const e = bulkEditions[ei];
    const n = quotas[ei];
    const tiers = e.kind === "kipp" ? KIPP_TIERS : PROVINCIAL_TIERS;
    const tierIds = tiers.map(() => idFrom(r));
    // The edition's award tiers, so an award filter by tier key ("top45", "juara1") finds its rows.
    await insertChunks(
      db,
      "award_tiers",
      tiers.map((t, i) => ({
        id: tierIds[i],
        competition_id: e.id,
        key: t.key,
        name_id: t.nameId,
        name_en: t.nameEn,
        size: t.size,
        group_id: null,
        round_id: null,
        position: i + 1,
        created_at: `${e.year}-09-01T02:00:00.000Z`,
      })),
    );
    // Winners first (tier by tier), then finalists, then participants added by hand.
    const winnerSlots: number[] = [];
    tiers.forEach((t, ti) => {
      for (let k = 0; k < t.size; k++) winnerSlots.push(ti);
    });
    const finalists = e.kind === "kipp" ? 99 : 60;
    const publishedAt = `${e.year}-${e.kind === "kipp" ? "10" : "11"}-15T02:00:00.000Z`;
    for (let k = 0; k < n; k++) {
      let agency: AgencyRow;
      let category: { key: string; nameId: string; nameEn: string };
      if (e.kind === "kipp") {
        agency = pick(r, byCluster.get(weighted(r, KIPP_CLUSTER_WEIGHTS))!);
        category = pick(r, kippCategories);
      } else {
        agency = pick(r, localByProvince.get(e.provinceCode!)!);
        category = pick(r, provCategories);
      }
      const stage = k < Math.min(winnerSlots.length, n) ? "winner" : k < Math.max(finalists, winnerSlots.length) ? "finalist" : "participant";
      const tierIndex = stage === "winner" ? winnerSlots[k] : -1;
      const w = writeInnovation(r, category.key, agency.place, agency.name, e.year);
      const isVisible = r() < 0.99 ? 1 : 0;
      visible += isVisible;
      const groupKey = e.kind === "kipp" && tierIndex >= 0 ? KIPP_TIERS[tierIndex].group : pick(r, ["umum", "umum", "umum", "umum", "replikasi", "khusus"]);
      rows.push({
        id: idFrom(r),
        proposal_id: null,
        competition_id: e.id,
        organizer_id: e.organizerId,
        title: w.title,
        summary: w.summary,
        agency_id: agency.id,
        agency_name: agency.name,
        cluster: agency.cluster,
        province_code: agency.province_code,
        regency_code: agency.regency_code,
        region_name: agency.region_name,
        year: e.year,
        edition_name: e.name,
        group_key: groupKey,
        category_key: category.key,
        category_name_id: category.nameId,
        category_name_en: category.nameEn,
        stage,
        award_tier_id: tierIndex >= 0 ? tierIds[tierIndex] : null,
        award_name_id: tierIndex >= 0 ? tiers[tierIndex].nameId : "",
        award_name_en: tierIndex >= 0 ? tiers[tierIndex].nameEn : "",
        visible: isVisible,
        published_at: publishedAt,
        updated_at: publishedAt,
      });
      if (rows.length >= 3000) await flush();
    }
  }
  await flush();
  visible += real.catalogued;

  if (isPostgres(db)) await sql`analyze innovations`.execute(db);
  else {
    await sql`insert into innovations_fts(innovations_fts) values ('optimize')`.execute(db);
    await sql`analyze`.execute(db);
  }
  return {
    innovations: inserted + real.catalogued,
    visible,
    competitions: editions.length,
    winnersSlug: WINNERS_SLUG,
    winners: real.winners,
    finalists: real.finalists,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * KIPP 2024 with the KIPP preset: 400 submitted proposals (summary answers),
 * screening passed, a published finalists list of 99 (79 Umum, 10 Khusus,
 * 10 Replikasi) and a published winners list of 55 in three tiers, then the
 * catalogue rows through syncCatalogueForCompetition.
 */
async function seedWinnersEdition(
  db: DB,
  r: () => number,
  competitionId: string,
  byCluster: Map<string, AgencyRow[]>,
): Promise<{ catalogued: number; winners: number; finalists: number }> {
  await applyPreset(db, competitionId, presetFor("kipp", WINNERS_YEAR));
  const comp = await db.selectFrom("competitions").select(["organizer_id", "name"]).where("id", "=", competitionId).executeTakeFirstOrThrow();
  const groups = new Map((await db.selectFrom("competition_groups").select(["id", "key"]).where("competition_id", "=", competitionId).execute()).map((g) => [g.key, g.id]));
  const categories = await db.selectFrom("competition_categories").select(["id", "key", "name_id", "name_en"]).where("competition_id", "=", competitionId).orderBy("position").execute();
  const admin = await buildUser(db, {
    email: "sekretariat@bench.test",
    name: "Sekretariat KIPP",
    password: null,
    roles: [{ role: "organizer_admin", organizerId: comp.organizer_id }],
  });

  const groupPlan: { key: string; n: number; finalists: number }[] = [
    { key: "umum", n: 300, finalists: 79 },
    { key: "khusus", n: 40, finalists: 10 },
    { key: "replikasi", n: 60, finalists: 10 },
  ];
  const prefix = "KIPP2024";
  const submittedBase = Date.parse("2024-05-20T03:00:00.000Z");
  const proposals: { id: string; number: string; group: string; agency: AgencyRow; category: (typeof categories)[number]; title: string }[] = [];
  const proposalRows: Record<string, unknown>[] = [];
  const answerRows: Record<string, unknown>[] = [];
  const screeningRows: Record<string, unknown>[] = [];
  let n = 0;
  const usedAgencies = new Set<string>();
  for (const g of groupPlan) {
    for (let k = 0; k < g.n; k++) {
      n++;
      let agency: AgencyRow;
      do agency = pick(r, byCluster.get(weighted(r, KIPP_CLUSTER_WEIGHTS))!);
      while (usedAgencies.has(agency.id + g.key) && r() < 0.9);
      usedAgencies.add(agency.id + g.key);
      const category = pick(r, categories);
      const w = writeInnovation(r, category.key, agency.place, agency.name, WINNERS_YEAR);
      const id = idFrom(r);
      const number = formatProposalNumber(prefix, n);
      const at = new Date(submittedBase + n * 37 * 60_000).toISOString();
      proposals.push({ id, number, group: g.key, agency, category, title: w.title });
      proposalRows.push({
        id,
        competition_id: competitionId,
        group_id: groups.get(g.key)!,
        category_id: category.id,
        agency_id: agency.id,
        number,
        title: w.title,
        title_key: w.title.toLowerCase(),
        service_unit: agency.name,
        status: "submitted",
        declaration: 1,
        version: 3,
        receipt_number: `TT-${number}`,
        submitted_at: at,
        created_at: at,
        updated_at: at,
      });
      answerRows.push({ proposal_id: id, section_key: SUMMARY_SECTION, body: w.summary });
      screeningRows.push({ proposal_id: id, result: "lolos", decided_at: "2024-06-20T03:00:00.000Z", checked_at: "2024-06-19T03:00:00.000Z" });
    }
  }
  await insertChunks(db, "proposals", proposalRows, 200);
  await insertChunks(db, "proposal_answers", answerRows, 400);
  await insertChunks(db, "proposal_screenings", screeningRows, 400);
  await db.updateTable("competitions").set({ screening_published_at: "2024-06-21T03:00:00.000Z", announcement_counter: 2 }).where("id", "=", competitionId).execute();

  // Finalists: the first `finalists` of each group, ranked with falling scores.
  const finalists: { p: (typeof proposals)[number]; rank: number; score: number }[] = [];
  for (const g of groupPlan) {
    const inGroup = proposals.filter((p) => p.group === g.key).slice(0, g.finalists);
    let score = 92 + r() * 4;
    inGroup.forEach((p, i) => {
      score -= 0.05 + r() * 0.4;
      finalists.push({ p, rank: i + 1, score: Math.round(score * 100) / 100 });
    });
  }
  const created = "2024-09-30T03:00:00.000Z";
  const finalistsId = idFrom(r);
  const winnersId = idFrom(r);
  const announcement = (id: string, kind: string, seq: number, title: string, publishedAt: string, body: string) => ({
    id,
    competition_id: competitionId,
    kind,
    round_id: null,
    seq,
    number: `B/${seq}/PP.00.05/2024`,
    title,
    body_md: body,
    status: "published",
    publish_at: null,
    published_at: publishedAt,
    published_by: admin,
    objection_days: 5,
    objection_ends_at: new Date(Date.parse(publishedAt) + 6 * 86_400_000).toISOString(),
    supersedes_id: null,
    superseded_by_id: null,
    superseded_at: null,
    created_by: admin,
    created_at: created,
    updated_at: publishedAt,
  });
  await insertChunks(db, "announcements", [
    announcement(
      finalistsId,
      "finalists",
      1,
      "Pengumuman Top 99 Inovasi Pelayanan Publik KIPP 2024",
      "2024-08-12T03:00:00.000Z",
      "Berdasarkan hasil penilaian proposal oleh Tim Evaluator, berikut **Top 99 Inovasi Pelayanan Publik** yang berhak mengikuti tahap presentasi dan wawancara.",
    ),
    announcement(
      winnersId,
      "winners",
      2,
      "Penetapan Pemenang Kompetisi Inovasi Pelayanan Publik Tahun 2024",
      "2024-10-15T02:00:00.000Z",
      "Berdasarkan keputusan Tim Panel Independen, Menteri PANRB menetapkan **Top 45 Inovasi Pelayanan Publik Terpuji**, penerima **Outstanding Achievement** kelompok khusus dan **Top 5 Replikasi** sebagai berikut. Selamat kepada para pemenang.",
    ),
  ]);
  const entry = (annId: string, f: (typeof finalists)[number], position: number, tier: { id: string; nameId: string; nameEn: string } | null) => ({
    announcement_id: annId,
    proposal_id: f.p.id,
    position,
    rank: f.rank,
    score: f.score,
    proposal_number: f.p.number,
    title: f.p.title,
    agency_id: f.p.agency.id,
    agency_name: f.p.agency.name,
    cluster: f.p.agency.cluster,
    region_name: f.p.agency.region_name,
    group_key: f.p.group,
    category_name_id: f.p.category.name_id,
    category_name_en: f.p.category.name_en,
    tier_id: tier?.id ?? null,
    label_id: tier?.nameId ?? "",
    label_en: tier?.nameEn ?? "",
  });
  await insertChunks(
    db,
    "announcement_entries",
    finalists.map((f, i) => entry(finalistsId, f, i + 1, null)),
  );

  // Tiers and winners: each tier takes the best-ranked finalists of its group.
  const tierRows = KIPP_TIERS.map((t, i) => ({
    id: idFrom(r),
    competition_id: competitionId,
    key: t.key,
    name_id: t.nameId,
    name_en: t.nameEn,
    size: t.size,
    group_id: groups.get(t.group)!,
    round_id: null,
    position: i + 1,
    created_at: created,
  }));
  await insertChunks(db, "award_tiers", tierRows);
  const winnerRows: Record<string, unknown>[] = [];
  const winnerEntries: Record<string, unknown>[] = [];
  let position = 0;
  KIPP_TIERS.forEach((t, ti) => {
    const tier = { id: tierRows[ti].id, nameId: t.nameId, nameEn: t.nameEn };
    finalists
      .filter((f) => f.p.group === t.group)
      .slice(0, t.size)
      .forEach((f, k) => {
        position++;
        winnerRows.push({
          id: idFrom(r),
          competition_id: competitionId,
          tier_id: tier.id,
          proposal_id: f.p.id,
          position: k + 1,
          source: "rule",
          deviation_reason: null,
          created_by: admin,
          created_at: created,
        });
        winnerEntries.push(entry(winnersId, f, position, tier));
      });
  });
  await insertChunks(db, "winners", winnerRows);
  await insertChunks(db, "announcement_entries", winnerEntries);
  const sync = await syncCatalogueForCompetition(db, competitionId, "2024-10-15T02:00:00.000Z");
  return { catalogued: sync.added, winners: winnerRows.length, finalists: finalists.length };
}

// ---------------------------------------------------------------------------

async function main() {
  const [target, countArg, seedArg] = process.argv.slice(2);
  const pgUrl = process.env.DATABASE_URL;
  if (!target && !pgUrl) {
    console.error("usage: npx tsx bench/catalogue-seed.ts <sqlite file> [count=30000] [seed=6]\n       DATABASE_URL=postgres://… npx tsx bench/catalogue-seed.ts - [count] [seed]");
    process.exit(2);
  }
  let db: DB;
  if (pgUrl) {
    db = createDatabase({ databaseUrl: pgUrl });
  } else {
    const file = path.resolve(target);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    db = createDatabase({ sqlitePath: file });
  }
  try {
    await migrateToLatest(db);
    const s = await seedCatalogue(db, { count: countArg ? Number(countArg) : undefined, seed: seedArg ? Number(seedArg) : undefined });
    console.log(
      `catalogue ready (${pgUrl ? "PostgreSQL" : path.relative(process.cwd(), path.resolve(target))}): ${s.innovations} innovations (${s.visible} visible) in ${s.competitions} editions; ` +
        `/editions/${s.winnersSlug}/winners lists ${s.winners} winners (${s.finalists} finalists); ${s.seconds.toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
