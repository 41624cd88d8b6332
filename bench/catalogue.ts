/**
 * Benchmark of the public catalogue and winners page (issue 6, docs/benchmarks.md).
 *
 *   npm run bench:catalogue        (= npx tsx bench/catalogue.ts)
 *
 * Prepares a fresh SQLite database tmp/bench/catalogue.sqlite with
 * bench/catalogue-seed.ts (30,000 innovations over ten years, every province
 * and cluster, and the published KIPP 2024 winners list), then:
 *
 * (1) Search latency in the server's own code: calls searchCatalogue
 *     (app/models/catalogue-search.server.ts) directly on that database, in
 *     this process, over a fixed mix of ~600 queries (common and rare single
 *     words, two words, prefixes, place names, queries with year / province /
 *     cluster / category / award filters, filter-only listings, deep pages,
 *     no-match words and punctuation that must be made safe); one untimed pass
 *     to warm up, then BENCH_PASSES timed passes in shuffled order. Prints
 *     p50/p95/p99/max overall and per class. Goal: p95 < 20 ms.
 *
 * (2) Throughput under BENCH_CONNECTIONS (100) concurrent connections, in a
 *     run of the production server (scripts/server.mjs, NODE_ENV=production,
 *     child process, free loopback port; the build is made when missing) —
 *     twice: (2a) with PUBLIC_CACHE=0, every request rendered (the server's
 *     real work per page), and (2b) with the in-process public page cache
 *     (scripts/public-cache.mjs) as production runs it; each run measures its
 *     own bare route. Before each target the server's queue is drained (a
 *     bare request must answer within 50 ms twice), then warm-up, then load:
 *       bare      GET /bench/bare                     the foundation's ceiling (resource route)
 *       page      GET /bench/page                     a trivial document (root loader + layout)
 *       winners   GET /editions/kipp-2024/winners     the public winners page (55 winners, breakdown)
 *       search    GET /innovations?q=…                catalogue search pages (8 URLs in turn)
 *     with req/s, client p50/p99, errors, the server's CPU ms per request,
 *     the server-side p50/p95/p99 (request received → response finished,
 *     measured inside the server by bench/catalogue-probe.mjs) and each page's
 *     share of the bare route's req/s (goal ≥ 60 %) and of the trivial page's.
 *     Memory: server RSS after start, peak RSS during each target (VmRSS from
 *     /proc every 50 ms) and RSS/heap after a forced GC (bench/server-probe.mjs).
 *
 * The server runs and the load come from bench/server-bench.ts (shared with
 * bench/replications.ts).
 *
 * A measurement, not a test: exits 0 when a goal is missed; non-zero only when
 * the benchmark itself cannot run.
 *
 * Environment:
 *   BENCH_COUNT=30000          innovations in the catalogue
 *   BENCH_SEED=6               seed of the catalogue and the query mix
 *   BENCH_PASSES=2             timed passes over the query mix
 *   BENCH_PARTS=latency,http   one part only
 *   BENCH_DURATION=10          seconds per HTTP target
 *   BENCH_CONNECTIONS=100      concurrent connections
 *   BENCH_WARMUP=3             seconds of warm-up per target (0 to skip)
 *   BENCH_ROUNDS=1             repeat the targets; the table shows medians
 *   BENCH_TARGETS=bare,page,winners,search
 *   BENCH_PUBLIC_CACHE=both    off: PUBLIC_CACHE=0 (every request rendered); on: the server's in-process
 *                              public page cache (scripts/public-cache.mjs, production default); both: one
 *                              server run each, each with its own bare route (the trivial page only when off)
 *   BENCH_TIMEOUT=30           seconds before autocannon gives up on a request (counted as an error)
 *   BENCH_ACCEPT_ENCODING="gzip, deflate, br"   "" for none
 *   BENCH_REUSE_DB=1           keep an existing tmp/bench/catalogue.sqlite (skip the seed)
 *   BENCH_REBUILD=1            run `npx remix build` even when the build has the routes
 *   BENCH_SEARCH_MODULE=path   another searchCatalogue module (to try a change)
 *   DATABASE_URL=postgres://…  use this EMPTY PostgreSQL database instead of SQLite
 *                              (seeded once; the server is given the same URL)
 *
 * The last run is written to tmp/bench/catalogue-last.json.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase, migrateToLatest, type DB } from "~/db.server";
import { CLUSTERS } from "~/domain/roles";
import { presetFor } from "~/domain/edition-presets";
import { FIRST_YEAR, LAST_YEAR, mulberry, seedCatalogue, THEMES, WINNERS_SLUG } from "./catalogue-seed";
import { root } from "./lib.mjs";
import {
  addRatios,
  check,
  describeRun,
  ensureBuild,
  escapeHtml,
  f2,
  MB,
  num,
  percentile,
  printRows,
  summarise,
  withServer,
  type Row,
  type Target,
} from "./server-bench";

// ---------------------------------------------------------------------------
// Options.

const COUNT = Math.round(num("BENCH_COUNT", 30_000));
const SEED = Math.round(num("BENCH_SEED", 6));
const PASSES = Math.max(1, Math.round(num("BENCH_PASSES", 2)));
const DURATION = num("BENCH_DURATION", 10);
const CONNECTIONS = Math.round(num("BENCH_CONNECTIONS", 100));
const WARMUP = num("BENCH_WARMUP", 3, true);
const ROUNDS = Math.max(1, Math.round(num("BENCH_ROUNDS", 1)));
const TIMEOUT = num("BENCH_TIMEOUT", 30);
const CACHE_MODE = (process.env.BENCH_PUBLIC_CACHE ?? "both").trim();
if (!["both", "on", "off"].includes(CACHE_MODE)) {
  console.error(`BENCH_PUBLIC_CACHE must be both, on or off, got "${CACHE_MODE}"`);
  process.exit(2);
}
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
const PARTS = (process.env.BENCH_PARTS ?? "latency,http").split(",").map((s) => s.trim());
const TARGETS = (process.env.BENCH_TARGETS ?? "bare,page,winners,search").split(",").map((s) => s.trim());
const PG_URL = process.env.DATABASE_URL || "";
const LATENCY_GOAL_MS = 20;
const RATIO_GOAL = 0.6;

const workDir = path.join(root, "tmp", "bench");
const dbFile = path.join(workDir, "catalogue.sqlite");
const searchModule = path.resolve(root, process.env.BENCH_SEARCH_MODULE || "app/models/catalogue-search.server.ts");

// The contract of app/models/catalogue-search.server.ts (docs: briefs of issue 6).
interface CatalogueQuery {
  q?: string;
  year?: number;
  category?: string;
  cluster?: string;
  province?: string;
  award?: string;
  page?: number;
  pageSize?: number;
}
interface CatalogueResult {
  total: number;
  page: number;
  pageSize: number;
  rows: { id: string; title: string }[];
}
type Search = (db: DB, q: CatalogueQuery) => Promise<CatalogueResult>;

async function loadSearch(): Promise<Search | null> {
  if (!existsSync(searchModule)) return null;
  const mod = (await import(pathToFileURL(searchModule).href)) as { searchCatalogue?: Search };
  if (typeof mod.searchCatalogue !== "function") throw new Error(`${path.relative(root, searchModule)} exports no searchCatalogue`);
  return mod.searchCatalogue;
}

// ---------------------------------------------------------------------------
// The database.

async function prepareDatabase(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  if (PG_URL) {
    const db = createDatabase({ databaseUrl: PG_URL });
    try {
      await migrateToLatest(db);
      const has = await db.selectFrom("competitions").select("id").where("slug", "=", WINNERS_SLUG).executeTakeFirst();
      if (has) {
        console.log("PostgreSQL database already seeded (kipp-2024 exists): reusing it");
        return;
      }
      const s = await seedCatalogue(db, { count: COUNT, seed: SEED });
      console.log(`seeded PostgreSQL: ${s.innovations} innovations, ${s.competitions} editions, ${s.winners} winners (${s.seconds.toFixed(1)} s)`);
    } finally {
      await db.destroy();
    }
    return;
  }
  if (process.env.BENCH_REUSE_DB === "1" && existsSync(dbFile)) {
    console.log(`reusing ${path.relative(root, dbFile)}`);
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  const db = createDatabase({ sqlitePath: dbFile });
  try {
    await migrateToLatest(db);
    const s = await seedCatalogue(db, { count: COUNT, seed: SEED });
    console.log(
      `seeded ${path.relative(root, dbFile)}: ${s.innovations} innovations (${s.visible} visible), ${s.competitions} editions, ` +
        `${s.winners} winners on /editions/${s.winnersSlug}/winners (${s.seconds.toFixed(1)} s)`,
    );
  } finally {
    await db.destroy();
  }
}

function openDb(): DB {
  return PG_URL ? createDatabase({ databaseUrl: PG_URL }) : createDatabase({ sqlitePath: dbFile });
}

// ---------------------------------------------------------------------------
// (1) Latency.

interface Case {
  kind: string;
  query: CatalogueQuery;
}

/** The fixed query mix (deterministic for a seed). */
async function queryMix(db: DB): Promise<Case[]> {
  const r = mulberry(SEED * 7919 + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const provinces = (await db.selectFrom("regions").select(["code", "name"]).where("level", "=", "province").orderBy("code").execute()).map((p) => p.code);
  const places = (await db.selectFrom("regions").select("name").where("level", "=", "regency").orderBy("code").execute())
    .map((p) => p.name.replace(/^(Kabupaten|Kota)\s+/i, "").toLowerCase())
    .filter((n) => /^[a-z ]+$/.test(n));
  const categories = [...new Set([...presetFor("kipp", 2025).categories, ...presetFor("provincial", 2025).categories].map((c) => c.key))];
  const themes = Object.values(THEMES);
  const common = [...new Set(themes.flatMap((t) => t.objects.slice(0, 4).flatMap((o) => o.split(" "))).filter((w) => w.length >= 4))];
  const rare = themes.flatMap((t) => t.rare.filter((w) => !w.includes(" ")));
  const phrases = themes.flatMap((t) => t.objects.filter((o) => o.split(" ").length === 2));
  const generic = ["inovasi", "layanan", "pelayanan", "desa", "warga", "terpadu", "digital", "keliling", "sistem", "gerakan", "aplikasi", "masyarakat"];
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const awards = ["winner", "finalist", "top45", "juara1", "top30"];
  const cases: Case[] = [];
  const add = (kind: string, n: number, make: () => CatalogueQuery) => {
    for (let i = 0; i < n; i++) cases.push({ kind, query: make() });
  };
  add("1 word, common", 80, () => ({ q: pick(r() < 0.5 ? generic : common) }));
  add("1 word, rare", 50, () => ({ q: pick(rare) }));
  add("2 words", 70, () => (r() < 0.6 ? { q: pick(phrases) } : { q: `${pick(common)} ${pick(places.filter((p) => !p.includes(" ")))}` }));
  add("prefix", 60, () => {
    const w = pick([...common, ...generic, ...rare]);
    return { q: w.slice(0, Math.max(3, Math.min(w.length - 1, 3 + Math.floor(r() * 3)))) };
  });
  add("place / agency", 40, () => ({ q: pick(places) }));
  add("q + year", 40, () => ({ q: pick([...generic, ...common]), year: pick(years) }));
  add("q + province", 40, () => ({ q: pick([...generic, ...common]), province: pick(provinces) }));
  add("q + cluster", 30, () => ({ q: pick([...generic, ...common]), cluster: pick(CLUSTERS) }));
  add("q + several filters", 40, () => ({
    q: pick([...generic, ...common]),
    year: pick(years),
    ...(r() < 0.5 ? { province: pick(provinces) } : { cluster: pick(CLUSTERS) }),
    ...(r() < 0.4 ? { award: pick(awards) } : {}),
    ...(r() < 0.3 ? { category: pick(categories) } : {}),
  }));
  add("no q: year", 20, () => ({ year: pick(years) }));
  add("no q: province", 25, () => ({ province: pick(provinces) }));
  add("no q: cluster", 15, () => ({ cluster: pick(CLUSTERS) }));
  add("no q: combined", 25, () => ({
    ...(r() < 0.7 ? { year: pick(years) } : {}),
    ...(r() < 0.5 ? { province: pick(provinces) } : { cluster: pick(CLUSTERS) }),
    ...(r() < 0.5 ? { award: pick(awards) } : { category: pick(categories) }),
  }));
  add("no q: all, page 1", 5, () => ({}));
  add("deep page", 30, () => ({ ...(r() < 0.6 ? { q: pick(generic) } : {}), page: 2 + Math.floor(r() * 30) }));
  add("no match", 15, () => ({ q: pick(["zzqx", "blockchainx", "qwertyuiop", "xylofon", "kucingterbang"]) }));
  add("punctuation / operators", 25, () => ({
    q: pick([
      '"bank sampah"',
      "SI-PEKA",
      "kesehatan AND",
      "NEAR(sampah desa)",
      "pelayanan*",
      "covid-19",
      "e-ktp",
      "'; drop table innovations; --",
      "a",
      "   ",
      "(((",
      "desa OR kota",
      "-sampah",
      "^pelayanan",
      "ümkm",
      "kesehatan:anak",
      "💡 inovasi",
    ]),
  }));
  return cases;
}

interface LatencyReport {
  samples: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  cpuMsPerQuery: number;
  byKind: { kind: string; n: number; p50: number; p95: number; max: number; meanTotal: number }[];
  rssMb: number;
  goalMet: boolean;
}

async function latency(search: Search): Promise<LatencyReport> {
  const db = openDb();
  try {
    const cases = await queryMix(db);
    console.log(`query mix: ${cases.length} queries in ${new Set(cases.map((c) => c.kind)).size} classes; 1 warm-up pass + ${PASSES} timed pass(es)`);
    const totals = new Map<Case, number>();
    let errors = 0;
    const firstErrors: string[] = [];
    for (const c of cases) {
      try {
        totals.set(c, (await search(db, c.query)).total);
      } catch (e) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(`${JSON.stringify(c.query)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const times = new Map<string, number[]>();
    const all: number[] = [];
    const r = mulberry(SEED);
    const cpu0 = process.cpuUsage();
    for (let pass = 0; pass < PASSES; pass++) {
      const order = [...cases];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const c of order) {
        const t0 = performance.now();
        try {
          await search(db, c.query);
        } catch {
          errors++;
          continue;
        }
        const ms = performance.now() - t0;
        all.push(ms);
        (times.get(c.kind) ?? times.set(c.kind, []).get(c.kind)!).push(ms);
      }
    }
    const cpu = process.cpuUsage(cpu0);
    if (firstErrors.length) console.log(`errors (first ${firstErrors.length}):\n  ${firstErrors.join("\n  ")}`);
    all.sort((a, b) => a - b);
    const byKind = [...times.entries()].map(([kind, ts]) => {
      ts.sort((a, b) => a - b);
      const ofKind = cases.filter((c) => c.kind === kind && totals.has(c));
      return {
        kind,
        n: ts.length,
        p50: percentile(ts, 50),
        p95: percentile(ts, 95),
        max: ts[ts.length - 1],
        meanTotal: ofKind.reduce((a, c) => a + (totals.get(c) ?? 0), 0) / Math.max(1, ofKind.length),
      };
    });
    const p95 = percentile(all, 95);
    return {
      samples: all.length,
      errors,
      p50: percentile(all, 50),
      p95,
      p99: percentile(all, 99),
      max: all[all.length - 1],
      mean: all.reduce((a, b) => a + b, 0) / all.length,
      cpuMsPerQuery: (cpu.user + cpu.system) / 1000 / Math.max(1, all.length),
      byKind,
      rssMb: process.memoryUsage().rss / MB,
      goalMet: p95 < LATENCY_GOAL_MS && errors === 0,
    };
  } finally {
    await db.destroy();
  }
}

/**
 * The other data a public page loads besides the search (app/models/public.server.ts, when it
 * exports them): the catalogue's filter choices and the winners page's data; median and p95 of
 * 30 calls after 3 warm-up calls.
 */
async function loaderPieces(): Promise<{ name: string; p50: number; p95: number; cpuMs: number }[]> {
  const file = path.join(root, "app", "models", "public.server.ts");
  if (!existsSync(file)) return [];
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const pieces: [string, (db: DB) => Promise<unknown>][] = [];
  if (typeof mod.catalogueFacets === "function") pieces.push(["catalogueFacets(db)", (db) => (mod.catalogueFacets as (db: DB) => Promise<unknown>)(db)]);
  if (typeof mod.getPublicWinners === "function")
    pieces.push([`getPublicWinners(db, "${WINNERS_SLUG}")`, (db) => (mod.getPublicWinners as (db: DB, s: string) => Promise<unknown>)(db, WINNERS_SLUG)]);
  const db = openDb();
  try {
    const out = [];
    for (const [name, fn] of pieces) {
      for (let i = 0; i < 3; i++) await fn(db);
      const ts: number[] = [];
      const c0 = process.cpuUsage();
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await fn(db);
        ts.push(performance.now() - t0);
      }
      const c = process.cpuUsage(c0);
      ts.sort((a, b) => a - b);
      out.push({ name, p50: percentile(ts, 50), p95: percentile(ts, 95), cpuMs: (c.user + c.system) / 1000 / 30 });
    }
    return out;
  } finally {
    await db.destroy();
  }
}

function printLatency(l: LatencyReport) {
  console.log("");
  console.log(`## (1) searchCatalogue latency, ${l.samples} timed calls (${PG_URL ? "PostgreSQL" : "SQLite"}, ${COUNT.toLocaleString("en")} innovations)`);
  console.log("");
  console.log("| class | calls | p50 ms | p95 ms | max ms | mean total hits |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const k of l.byKind) console.log(`| ${k.kind} | ${k.n} | ${f2(k.p50)} | ${f2(k.p95)} | ${f2(k.max)} | ${Math.round(k.meanTotal)} |`);
  console.log(`| **all** | ${l.samples} | ${f2(l.p50)} | **${f2(l.p95)}** | ${f2(l.max)} | |`);
  console.log("");
  console.log(
    `p50 ${f2(l.p50)} ms, p95 ${f2(l.p95)} ms, p99 ${f2(l.p99)} ms, max ${f2(l.max)} ms, mean ${f2(l.mean)} ms; CPU ${f2(l.cpuMsPerQuery)} ms/query; ` +
      `errors ${l.errors}; process RSS ${l.rssMb.toFixed(0)} MB`,
  );
  console.log(`goal p95 < ${LATENCY_GOAL_MS} ms: ${l.goalMet ? "GOAL MET" : "GOAL MISSED"}`);
}

// ---------------------------------------------------------------------------
// (2) Throughput.

/** Search pages measured in turn; each must show searchCatalogue's first hit. */
const SEARCH_QUERIES: CatalogueQuery[] = [
  { q: "kesehatan" },
  { q: "bank sampah" },
  { q: "pendi" },
  { q: "layanan", year: 2023 },
  { q: "desa", province: "61" },
  { q: "aplikasi", cluster: "kota" },
  { q: "tuberkulosis" },
  { year: 2024, award: "winner" },
];
function searchPath(q: CatalogueQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  return `/innovations?${p.toString()}`;
}

async function targetsFor(search: Search | null): Promise<Target[]> {
  const db = openDb();
  try {
    const winnersTitle = await db
      .selectFrom("announcement_entries as e")
      .innerJoin("announcements as a", "a.id", "e.announcement_id")
      .innerJoin("competitions as c", "c.id", "a.competition_id")
      .where("c.slug", "=", WINNERS_SLUG)
      .where("a.kind", "=", "winners")
      .orderBy("e.position")
      .select("e.title")
      .executeTakeFirstOrThrow();
    const searchExpect: string[] = [];
    for (const q of SEARCH_QUERIES) {
      const first = search ? (await search(db, { ...q, page: 1 })).rows[0]?.title : undefined;
      searchExpect.push(first ? escapeHtml(first) : "<h1");
    }
    const all: Target[] = [
      { name: "bare", paths: ["/bench/bare"], expect: ["<body>ok</body>"], bucket: "bare" },
      { name: "page", paths: ["/bench/page"], expect: ["<h1>Sayembara</h1>"], bucket: "page" },
      { name: "winners", paths: [`/editions/${WINNERS_SLUG}/winners`], expect: [escapeHtml(winnersTitle.title)], bucket: "winners", goal: true },
      { name: "search", paths: SEARCH_QUERIES.map(searchPath), expect: searchExpect, bucket: "search", goal: true },
    ];
    return all.filter((t) => TARGETS.includes(t.name));
  } finally {
    await db.destroy();
  }
}

async function http(search: Search | null, publicCache: boolean) {
  const needed = ["routes/bench.bare", ...(TARGETS.includes("page") ? ["routes/bench.page"] : [])];
  if (TARGETS.includes("winners")) needed.push("routes/editions.$slug.winners");
  if (TARGETS.includes("search")) needed.push("routes/innovations._index");
  ensureBuild(needed);
  // The trivial page is never cached: measured in the run without the cache only.
  const targets = (await targetsFor(search)).filter((t) => !(publicCache && t.name === "page"));
  return withServer({ publicCache, sqlitePath: dbFile, pgUrl: PG_URL || undefined }, async (s) => {
    console.log("");
    console.log(
      `## (2${publicCache ? "b" : "a"}) throughput ${publicCache ? "WITH the in-process public page cache (PUBLIC_CACHE=1, production default)" : "without the public page cache (PUBLIC_CACHE=0: every request rendered)"}, ` +
        `${CONNECTIONS} connections, ${DURATION} s per target, ${WARMUP} s warm-up, ${ROUNDS} round(s)`,
    );
    console.log("");
    describeRun(s, ACCEPT_ENCODING);
    for (const t of targets) console.log(`target ${t.name.padEnd(8)} ${t.paths.length > 1 ? `${t.paths.length} URLs in turn, e.g. ` : ""}GET ${t.paths[0]}`);
    const sizes: Record<string, number> = {};
    for (const t of targets) sizes[t.name] = await check(s.base, t);
    const runs = new Map<string, Row[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        if (ROUNDS > 1) console.log(`round ${round}/${ROUNDS}`);
        runs.get(t.name)!.push(
          await s.measure(t, {
            connections: CONNECTIONS,
            seconds: DURATION,
            timeout: TIMEOUT,
            acceptEncoding: ACCEPT_ENCODING,
            warmup: round === 1 ? WARMUP : 0,
            bytes: sizes[t.name],
          }),
        );
      }
    }
    const rows = summarise(targets, runs);
    addRatios(rows);
    printRows(rows, { ratioGoal: RATIO_GOAL });
    return { publicCache, idleRssMb: s.idle?.rssMb ?? null, rows, loadavg: os.loadavg() };
  });
}

// ---------------------------------------------------------------------------

async function main() {
  console.log(`catalogue benchmark — ${new Date().toISOString()}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}; ${os.cpus().length} CPUs`);
  await prepareDatabase();
  if (!PG_URL) console.log(`database file ${(statSync(dbFile).size / MB).toFixed(1)} MB`);
  const search = await loadSearch();
  const result: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, count: COUNT, database: PG_URL ? "postgres" : "sqlite" };
  if (PARTS.includes("latency")) {
    if (!search) console.log(`\n(1) skipped: ${path.relative(root, searchModule)} does not exist yet`);
    else {
      const l = await latency(search);
      printLatency(l);
      result.latency = l;
    }
    const pieces = await loaderPieces();
    if (pieces.length) {
      console.log("\nother loader pieces (in process, 30 calls each):");
      for (const x of pieces) console.log(`  ${x.name.padEnd(36)} p50 ${f2(x.p50)} ms, p95 ${f2(x.p95)} ms, CPU ${f2(x.cpuMs)} ms/call`);
      result.loaderPieces = pieces;
    }
  }
  if (PARTS.includes("http")) {
    const modes = CACHE_MODE === "both" ? [false, true] : [CACHE_MODE === "on"];
    result.http = [];
    for (const m of modes) (result.http as unknown[]).push(await http(search, m));
  }
  result.loadavgEnd = os.loadavg();
  console.log(`\nload average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  writeFileSync(path.join(workDir, "catalogue-last.json"), JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
