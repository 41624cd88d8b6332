/**
 * Replications, sustainability reports and commitments on top of the
 * benchmark catalogue (bench/catalogue-seed.ts), for the replication
 * benchmark (bench/replications.ts, docs/benchmarks.md, issue 7):
 *
 *   - 100,000 rows in `replications` (migration 0007), spread as replication
 *     really spreads: most catalogue innovations have none or a few, a long
 *     tail of well-known ones have dozens, and a handful of famous winners
 *     have hundreds (up to ~900 adopters each, every adopter a different
 *     agency); about 5 % have an external source (source_response
 *     "external", verified for 60 %). Platform sources: source_response
 *     confirmed 75 %, pending 14 %, disputed 6 %, the rest confirmed too;
 *     verified_at set for about a third of them (a verified pending or
 *     disputed one is public: docs/replications-public.md). Adopters are
 *     agencies of every province (and national ones), 25 % with a
 *     facilitator; stage persiapan 20 % / rencana 25 % / implementasi 35 % /
 *     evaluasi 20 %, status berjalan / selesai (only at evaluasi) /
 *     dihentikan (with a reason); one `replication_stages` row (date, note)
 *     per stage reached (~250,000 rows);
 *   - monitoring periods (PANRB 2024–2026 over the KIPP editions, and 2025
 *     periods of ten provinces over their own contests) with a
 *     `sustainability_reports` row for most innovations in scope
 *     (berlanjut / berkembang / berhenti, users served, a note), and
 *     reports for every famous source;
 *   - `innovation_commitments`: commitments of other agencies (more for the
 *     popular sources) and willingness offered by winners; 10 % withdrawn.
 *
 * Deterministic for a seed (given the same catalogue). Inserted in one
 * transaction with multi-row statements (100,000 replications in a few
 * seconds on SQLite).
 *
 *   npx tsx bench/replications-seed.ts tmp/bench/replications.sqlite [count=100000] [seed=7]
 *     (a fresh file: the catalogue (30,000) is seeded first, then the replications)
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { createDatabase, isPostgres, migrateToLatest, type DB } from "~/db.server";
import { between, idFrom, insertChunks, mulberry, pick, seedCatalogue, WINNERS_SLUG } from "./catalogue-seed";

export interface ReplicationSeedSummary {
  replications: number;
  /** Public ones (confirmed or verified). */
  publicReplications: number;
  stageRows: number;
  periods: number;
  reports: number;
  commitments: number;
  /** Source innovation ids by tier (most replicated first). */
  famous: string[];
  popular: string[];
  seconds: number;
}

interface Inno {
  id: string;
  agency_id: string;
  agency_name: string;
  title: string;
  year: number;
  stage: string;
  province_code: string | null;
  competition_id: string;
  organizer_id: string | null;
  visible: number;
}
interface Agency {
  id: string;
  name: string;
  cluster: string;
  province_code: string | null;
  organizer_id: string | null;
}

const STAGES = ["persiapan", "rencana", "implementasi", "evaluasi"] as const;
const STAGE_NOTES = [
  "Kajian kebutuhan, studi tiru ke instansi sumber dan penyusunan tim replikasi.",
  "Penyesuaian rancangan dengan kondisi daerah, penganggaran dan penyiapan regulasi.",
  "Layanan dijalankan di unit percontohan dan diperluas bertahap.",
  "Evaluasi capaian bersama instansi sumber; hasil dilaporkan ke kepala daerah.",
];
const DIFFERENCES = [
  "Layanan dijalankan secara keliling ke desa-desa terpencil.",
  "Menggunakan aplikasi yang sudah dimiliki pemerintah daerah.",
  "Melibatkan BUMDes sebagai mitra pelaksana.",
  "Disesuaikan dengan bahasa daerah dan kearifan lokal.",
  "Jam layanan diperpanjang hingga malam hari.",
  "Pendanaan melalui CSR perusahaan daerah.",
];
const STOP_REASONS = ["Anggaran tidak tersedia pada tahun berjalan.", "Perubahan prioritas kepala daerah.", "Petugas terlatih dimutasi.", "Digabung dengan program nasional."];
const REPORT_NOTES = ["Layanan berjalan rutin.", "Jangkauan diperluas ke kecamatan lain.", "Didukung anggaran daerah setiap tahun.", "Pengguna bertambah setelah sosialisasi.", "Layanan terhenti karena anggaran.", ""];

/** A WIB calendar date (yyyy-mm-dd) of an epoch millisecond value. */
const dayOf = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
const LAST_DAY = Date.parse("2026-11-20T00:00:00.000Z");

/** Seeds replications, sustainability reports and commitments into a database holding the benchmark catalogue. */
export async function seedReplications(db: DB, opts: { count?: number; seed?: number } = {}): Promise<ReplicationSeedSummary> {
  const started = Date.now();
  const count = opts.count ?? 100_000;
  const r = mulberry(opts.seed ?? 7);
  const scale = count / 100_000;
  const had = await db.selectFrom("replications").select("id").limit(1).execute();
  if (had.length) throw new Error("seedReplications: the database already has replications");

  const innovations = (await db
    .selectFrom("innovations")
    .select(["id", "agency_id", "agency_name", "title", "year", "stage", "province_code", "competition_id", "organizer_id", "visible"])
    .orderBy("id")
    .execute()) as Inno[];
  if (innovations.length === 0) throw new Error("seedReplications: seed the catalogue first (bench/catalogue-seed.ts)");
  const agencies = (await db.selectFrom("agencies").select(["id", "name", "cluster", "province_code", "organizer_id"]).orderBy("id").execute()) as Agency[];
  const panrb = (await db.selectFrom("competitions").select("organizer_id").where("slug", "=", WINNERS_SLUG).executeTakeFirstOrThrow()).organizer_id;
  const user = (await db.selectFrom("users").select("id").orderBy("id").limit(1).executeTakeFirst())?.id ?? null;
  const local = agencies.filter((a) => a.province_code && ["kabupaten", "kota", "opd", "provinsi"].includes(a.cluster));
  const national = agencies.filter((a) => !local.includes(a));
  const provAgency = new Map(agencies.filter((a) => a.cluster === "provinsi").map((a) => [a.province_code!, a]));
  const ministries = agencies.filter((a) => a.cluster === "kementerian" || a.cluster === "lembaga");

  // ---- How many replications each source gets.
  const visible = innovations.filter((i) => i.visible === 1);
  const winners = visible.filter((i) => i.stage === "winner");
  const shuffled = <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  // The famous winners of KIPP 2024 first (its top rows), then other winners.
  const kipp2024 = (await db.selectFrom("competitions").select("id").where("slug", "=", WINNERS_SLUG).executeTakeFirstOrThrow()).id;
  const byPreference = [...shuffled(winners.filter((i) => i.competition_id === kipp2024)).slice(0, 4), ...shuffled(winners.filter((i) => i.competition_id !== kipp2024))];
  const maxAdopters = agencies.length - 1;
  const plan = new Map<string, number>();
  const famous = byPreference.slice(0, 12);
  const popular = byPreference.slice(12, 72);
  const known = [...byPreference.slice(72, 312), ...shuffled(visible.filter((i) => i.stage === "finalist")).slice(0, 160)];
  for (const i of famous) plan.set(i.id, Math.min(maxAdopters, Math.round(between(r, 400, 900) * scale)));
  for (const i of popular) plan.set(i.id, Math.min(maxAdopters, Math.round(between(r, 100, 400) * scale)));
  for (const i of known) plan.set(i.id, Math.max(1, Math.round(between(r, 15, 80) * scale)));
  const external = Math.round(count * 0.05);
  let planned = [...plan.values()].reduce((a, b) => a + b, 0);
  // The long tail: weighted draws (winner 5, finalist 2, participant 1, times a per-innovation
  // factor) over every innovation, hidden ones included (their replications stay, unlinked).
  const tail = innovations.filter((i) => !plan.has(i.id));
  const weights = tail.map((i) => (i.stage === "winner" ? 5 : i.stage === "finalist" ? 2 : 1) * Math.pow(r(), 2.5));
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w));
  const drawTail = (): Inno => {
    const x = r() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return tail[lo];
  };
  for (let left = count - external - planned; left > 0; left--) {
    const i = drawTail();
    plan.set(i.id, (plan.get(i.id) ?? 0) + 1);
    planned++;
  }

  // ---- The rows.
  const replications: Record<string, unknown>[] = [];
  const stageRows: Record<string, unknown>[] = [];
  let publicCount = 0;
  const pickAdopter = (): Agency => (r() < 0.88 ? pick(r, local) : pick(r, national));
  const addReplication = (src: Inno | null, adopter: Agency) => {
    const id = idFrom(r);
    const srcYear = src ? Number(src.year) : between(r, 2014, 2024);
    const start = Math.max(Date.parse(`${srcYear + 1}-01-15T02:00:00.000Z`), Date.parse("2017-01-01T00:00:00.000Z")) + Math.floor(r() * 3 * 365 * 86_400_000);
    const createdMs = Math.min(start, LAST_DAY - 200 * 86_400_000);
    const x = r();
    const reached = x < 0.2 ? 1 : x < 0.45 ? 2 : x < 0.8 ? 3 : 4;
    let day = createdMs;
    for (let s = 0; s < reached; s++) {
      if (s > 0) day = Math.min(LAST_DAY, day + between(r, 15, 120) * 86_400_000);
      stageRows.push({
        replication_id: id,
        stage: STAGES[s],
        happened_on: dayOf(day),
        note: STAGE_NOTES[s],
        updated_by: null,
        updated_at: new Date(day + 3 * 3600_000).toISOString(),
      });
    }
    const stage = STAGES[reached - 1];
    const y = r();
    const status = stage === "evaluasi" ? (y < 0.6 ? "selesai" : y < 0.9 ? "berjalan" : "dihentikan") : y < 0.88 ? "berjalan" : "dihentikan";
    let response: string;
    let verified: boolean;
    if (!src) {
      response = "external";
      verified = r() < 0.6;
    } else {
      const z = r();
      response = z < 0.75 ? "confirmed" : z < 0.89 ? "pending" : z < 0.95 ? "disputed" : "confirmed";
      verified = r() < (response === "confirmed" ? 0.35 : response === "pending" ? 0.3 : 0.1);
    }
    if (response === "confirmed" || verified) publicCount++;
    const updatedMs = day + 5 * 3600_000;
    const respondedMs = createdMs + between(r, 1, 20) * 86_400_000;
    const organizer = adopter.organizer_id ?? panrb;
    const srcTitle = src ? src.title : `Inovasi ${pick(r, ["Layanan", "Sistem", "Gerakan"])} ${pick(r, ["Sehat", "Cerdas", "Tangguh", "Bersih"])} ${between(r, 1, 999)}`;
    replications.push({
      id,
      source_innovation_id: src?.id ?? null,
      source_title: srcTitle,
      source_agency_name: src ? src.agency_name : `Pemerintah ${pick(r, ["Kabupaten", "Kota"])} Luar Platform ${between(r, 1, 300)}`,
      source_agency_id: src?.agency_id ?? null,
      source_year: src ? Number(src.year) : srcYear,
      adopter_agency_id: adopter.id,
      facilitator_agency_id:
        r() < 0.25 ? (r() < 0.7 && adopter.province_code && provAgency.get(adopter.province_code)?.id !== adopter.id ? provAgency.get(adopter.province_code)!.id : pick(r, ministries).id) : null,
      proposal_id: null,
      title: r() < 0.7 ? srcTitle : `${srcTitle.slice(0, 150)} (${adopter.name.replace(/^Pemerintah\s+/, "")})`,
      stage,
      status,
      status_reason: status === "dihentikan" ? pick(r, STOP_REASONS) : null,
      differences: r() < 0.6 ? pick(r, DIFFERENCES) : "",
      source_response: response,
      source_response_note: response === "disputed" ? "Inovasi ini bukan milik kami." : null,
      source_responded_by: null,
      source_responded_at: response === "confirmed" || response === "disputed" ? new Date(respondedMs).toISOString() : null,
      verified_by: verified ? user : null,
      verified_at: verified ? new Date(respondedMs + 7 * 86_400_000).toISOString() : null,
      verifier_organizer_id: verified ? organizer : null,
      recorded_by_organizer_id: r() < 0.1 ? organizer : null,
      created_by: null,
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(Math.max(updatedMs, respondedMs)).toISOString(),
    });
  };
  for (const i of innovations) {
    const n = plan.get(i.id);
    if (!n) continue;
    if (n > 20) {
      // Many adopters: every one a different agency (one active replication per adopter and source).
      const others = shuffled(agencies.filter((a) => a.id !== i.agency_id));
      for (let k = 0; k < n; k++) addReplication(i, others[k]);
    } else {
      const seen = new Set<string>([i.agency_id]);
      for (let k = 0; k < n; k++) {
        let a = pickAdopter();
        while (seen.has(a.id)) a = pickAdopter();
        seen.add(a.id);
        addReplication(i, a);
      }
    }
  }
  for (let k = 0; k < external; k++) addReplication(null, pickAdopter());

  // ---- Monitoring periods and sustainability reports.
  const competitions = await db.selectFrom("competitions").select(["id", "organizer_id", "year", "slug"]).execute();
  const periods: Record<string, unknown>[] = [];
  const periodEditions: Record<string, unknown>[] = [];
  const reports: Record<string, unknown>[] = [];
  const famousIds = new Set([...famous, ...popular].map((i) => i.id));
  const innovationsOf = new Map<string, Inno[]>();
  for (const i of innovations) (innovationsOf.get(i.competition_id) ?? innovationsOf.set(i.competition_id, []).get(i.competition_id)!).push(i);
  const addPeriod = (organizerId: string, name: string, year: number, editions: { id: string }[], share: number) => {
    const id = idFrom(r);
    const startsAt = `${year}-07-01T01:00:00.000Z`;
    periods.push({ id, organizer_id: organizerId, name, starts_at: startsAt, ends_at: `${year}-09-30T16:59:00.000Z`, created_by: user, created_at: startsAt, updated_at: startsAt });
    for (const e of editions) {
      periodEditions.push({ period_id: id, competition_id: e.id });
      for (const i of innovationsOf.get(e.id) ?? []) {
        if (!(famousIds.has(i.id) || r() < share)) continue;
        const s = r();
        const status = s < 0.6 ? "berlanjut" : s < 0.88 ? "berkembang" : "berhenti";
        const at = new Date(Date.parse(startsAt) + between(r, 1, 80) * 86_400_000).toISOString();
        reports.push({
          id: idFrom(r),
          period_id: id,
          innovation_id: i.id,
          agency_id: i.agency_id,
          status,
          users_served: status === "berhenti" ? null : between(r, 1, 5000) * 10,
          note: pick(r, REPORT_NOTES),
          reported_by: null,
          reported_at: at,
          updated_at: at,
        });
      }
    }
  };
  for (const year of [2024, 2025, 2026]) {
    addPeriod(
      panrb,
      `Pemantauan ${year}`,
      year,
      competitions.filter((c) => c.organizer_id === panrb && Number(c.year) < year && Number(c.year) >= year - 6),
      0.6,
    );
  }
  const provincialOrganizers = [...new Set(competitions.filter((c) => c.organizer_id !== panrb).map((c) => c.organizer_id))].sort().slice(0, 10);
  for (const o of provincialOrganizers) {
    addPeriod(
      o,
      "Pemantauan Inovasi Daerah 2025",
      2025,
      competitions.filter((c) => c.organizer_id === o && Number(c.year) < 2025),
      0.5,
    );
  }

  // ---- Commitments and willingness.
  const commitments: Record<string, unknown>[] = [];
  const active = new Set<string>();
  const addCommitment = (i: Inno, agencyId: string, kind: "commitment" | "willingness") => {
    const key = `${i.id}|${agencyId}|${kind}`;
    if (active.has(key)) return;
    const at = new Date(Date.parse(`${Math.min(2026, Number(i.year) + 1)}-02-01T02:00:00.000Z`) + between(r, 0, 300) * 86_400_000).toISOString();
    const withdrawn = r() < 0.1;
    if (!withdrawn) active.add(key);
    commitments.push({
      id: idFrom(r),
      innovation_id: i.id,
      agency_id: agencyId,
      kind,
      note: r() < 0.5 ? (kind === "commitment" ? "Direncanakan pada tahun anggaran berikutnya." : "Siap mendampingi instansi yang mereplikasi.") : "",
      created_by: null,
      created_at: at,
      withdrawn_at: withdrawn ? new Date(Date.parse(at) + 60 * 86_400_000).toISOString() : null,
    });
  };
  for (const i of [...famous, ...popular]) {
    addCommitment(i, i.agency_id, "willingness");
    const n = between(r, 5, 40);
    for (let k = 0; k < n; k++) {
      const a = pickAdopter();
      if (a.id !== i.agency_id) addCommitment(i, a.id, "commitment");
    }
  }
  for (const i of winners) if (r() < 0.4) addCommitment(i, i.agency_id, "willingness");
  for (let k = 0; k < Math.round(6000 * scale); k++) {
    const i = r() < 0.6 ? pick(r, winners) : pick(r, visible);
    const a = pickAdopter();
    if (a.id !== i.agency_id) addCommitment(i, a.id, "commitment");
  }

  await db.transaction().execute(async (trx) => {
    await insertChunks(trx, "replications", replications, 500);
    await insertChunks(trx, "replication_stages", stageRows, 1000);
    await insertChunks(trx, "monitoring_periods", periods, 100);
    await insertChunks(trx, "monitoring_period_editions", periodEditions, 500);
    await insertChunks(trx, "sustainability_reports", reports, 1000);
    await insertChunks(trx, "innovation_commitments", commitments, 1000);
  });
  if (isPostgres(db)) {
    for (const t of ["replications", "replication_stages", "sustainability_reports", "innovation_commitments", "monitoring_periods"]) await sql`analyze ${sql.table(t)}`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  return {
    replications: replications.length,
    publicReplications: publicCount,
    stageRows: stageRows.length,
    periods: periods.length,
    reports: reports.length,
    commitments: commitments.length,
    famous: famous.map((i) => i.id),
    popular: popular.map((i) => i.id),
    seconds: (Date.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------

async function main() {
  const [target, countArg, seedArg] = process.argv.slice(2);
  if (!target) {
    console.error("usage: npx tsx bench/replications-seed.ts <sqlite file> [count=100000] [seed=7]");
    process.exit(2);
  }
  const file = path.resolve(target);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const db = createDatabase({ sqlitePath: file });
  try {
    await migrateToLatest(db);
    const c = await seedCatalogue(db, {});
    console.log(`catalogue: ${c.innovations} innovations (${c.seconds.toFixed(1)} s)`);
    const s = await seedReplications(db, { count: countArg ? Number(countArg) : undefined, seed: seedArg ? Number(seedArg) : undefined });
    console.log(
      `replications: ${s.replications} (${s.publicReplications} public), ${s.stageRows} stage rows, ${s.periods} monitoring periods, ` +
        `${s.reports} sustainability reports, ${s.commitments} commitments (${s.seconds.toFixed(1)} s)`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
