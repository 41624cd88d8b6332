/**
 * Benchmark of the public replication pages (issue 7, docs/benchmarks.md):
 * the innovation page with its replications and the province statistics.
 *
 *   npm run bench:replications        (= npx tsx bench/replications.ts)
 *
 * Prepares a fresh SQLite database tmp/bench/replications.sqlite: the issue-6
 * catalogue (bench/catalogue-seed.ts: 30,000 innovations, KIPP 2024 with its
 * published winners) plus bench/replications-seed.ts (100,000 replications —
 * most innovations none or a few, a long tail of dozens, a dozen famous
 * winners with 400–900 adopters each; ~250,000 stage rows; monitoring periods
 * with ~13,000 sustainability reports; ~12,000 commitments). A reused
 * database is migrated to the latest migration first. Then:
 *
 * (1) In-process latency of the model functions the two pages call, on that
 *     database, in this process (NODE_ENV is not production here, so
 *     memoPublic does not memoise): for the innovation page
 *     getPublicInnovation, findVisibleInnovationOwner,
 *     pageInnovationReplications (the page's 50; when the model has it) and
 *     listInnovationReplications (all), listSustainabilityHistory,
 *     listActiveCommitments and the loader's parallel batch, per class of
 *     innovation (most replicated: hundreds of public replications; popular;
 *     known; a few; none); for the province page provinceCounts (uncached);
 *     and, for reference, the network page's networkEdgesFor(province 61)
 *     and networkChoices. One warm-up pass, then BENCH_PASSES timed passes:
 *     p50 / p95 / max and CPU per call.
 *
 * (2) HTTP, the production server (scripts/server.mjs, NODE_ENV=production,
 *     child process, free loopback port, bench/server-bench.ts), once with
 *     PUBLIC_CACHE=0 (every request rendered; the province counts are still
 *     memoised 60 s by the app itself, as in production) and once with the
 *     in-process public page cache (production default). Targets:
 *       bare            GET /bench/bare                 the foundation's ceiling (resource route)
 *       page            GET /bench/page                 a trivial document (uncached run only)
 *       innovation      GET /innovations/:id            20 ids in turn: 2 most replicated, 3 popular,
 *                                                       5 known (dozens), 6 with a few, 4 with none
 *       innovation-top  GET /innovations/:id            the 6 most replicated (hundreds each)
 *       provinces       GET /replications/provinces     counts per province (table + SVG chart)
 *       network         GET /replications?province=61   the network of a province (reference only)
 *     (a) throughput under BENCH_CONNECTIONS (100) connections: req/s, its
 *     share of the bare route's (goal ≥ 60 % for the innovation pages and
 *     the province page), client p50/p99, server CPU ms/request, server-side
 *     p50/p95/p99 (bench/catalogue-probe.mjs), peak RSS and RSS after GC;
 *     (b) server time at BENCH_LATENCY_CONNECTIONS (1) connection(s), i.e.
 *     without queueing behind 99 other requests: server-side p50/p95/p99
 *     (goal p95 < 30 ms). Under 100 connections the server p95 is mostly
 *     time spent waiting for the event loop behind other requests, so both
 *     are reported.
 *
 * A measurement, not a test: exits 0 when a goal is missed; non-zero only when
 * the benchmark itself cannot run.
 *
 * Environment:
 *   BENCH_COUNT=30000             innovations in the catalogue
 *   BENCH_REPLICATIONS=100000     replications
 *   BENCH_SEED=6                  seed of the catalogue (the replications use BENCH_SEED + 1)
 *   BENCH_PARTS=latency,http      one part only
 *   BENCH_PASSES=3                timed passes of the in-process latency part
 *   BENCH_DURATION=10             seconds per HTTP target under load
 *   BENCH_CONNECTIONS=100         concurrent connections of the throughput run
 *   BENCH_LATENCY_CONNECTIONS=1   connections of the server-time run (0 to skip it)
 *   BENCH_LATENCY_DURATION=5      seconds per target of the server-time run
 *   BENCH_WARMUP=3                seconds of warm-up per target (0 to skip)
 *   BENCH_ROUNDS=1                repeat the throughput targets; the table shows medians
 *   BENCH_TARGETS=bare,page,innovation,innovation-top,provinces,network
 *   BENCH_PUBLIC_CACHE=both       off | on | both (one server run each, each with its own bare route)
 *   BENCH_TIMEOUT=30              seconds before autocannon gives up on a request (an error)
 *   BENCH_ACCEPT_ENCODING="gzip, deflate, br"   "" for none
 *   BENCH_REUSE_DB=1              keep an existing tmp/bench/replications.sqlite (skip the seed)
 *   BENCH_REBUILD=1               rebuild (flock /tmp/remix-build.lock npx remix build) even when the build has the routes
 *   DATABASE_URL=postgres://…     use this PostgreSQL database instead of SQLite: seeded when empty
 *                                 (catalogue, then replications), reused when it has replications
 *
 * The last run is written to tmp/bench/replications-last.json.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest, type DB } from "~/db.server";
import { getPublicInnovation } from "~/models/public.server";
import * as publicReplications from "~/models/replications-public.server";
import { seedCatalogue, WINNERS_SLUG } from "./catalogue-seed";
import { root } from "./lib.mjs";
import { seedReplications } from "./replications-seed";
import {
  addRatios,
  check,
  describeRun,
  ensureBuild,
  escapeHtml,
  f1,
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

const {
  findVisibleInnovationOwner,
  isPublicReplication,
  listActiveCommitments,
  listInnovationReplications,
  listSustainabilityHistory,
  networkChoices,
  networkEdgesFor,
  provinceCounts,
} = publicReplications;
/**
 * The innovation page's replications: one page (pageInnovationReplications, since the
 * benchmark's fix) when the model has it, else the whole list (as before the fix), so the
 * same benchmark measures both versions of the app.
 */
type PageFn = (db: DB, id: string, page?: number) => Promise<unknown>;
const pageInnovationReplications = (publicReplications as Record<string, unknown>).pageInnovationReplications as PageFn | undefined;

// ---------------------------------------------------------------------------
// Options.

const COUNT = Math.round(num("BENCH_COUNT", 30_000));
const REPLICATIONS = Math.round(num("BENCH_REPLICATIONS", 100_000));
const SEED = Math.round(num("BENCH_SEED", 6));
const PASSES = Math.max(1, Math.round(num("BENCH_PASSES", 3)));
const DURATION = num("BENCH_DURATION", 10);
const CONNECTIONS = Math.round(num("BENCH_CONNECTIONS", 100));
const LATENCY_CONNECTIONS = Math.round(num("BENCH_LATENCY_CONNECTIONS", 1, true));
const LATENCY_DURATION = num("BENCH_LATENCY_DURATION", 5);
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
const TARGETS = (process.env.BENCH_TARGETS ?? "bare,page,innovation,innovation-top,provinces,network").split(",").map((s) => s.trim());
const PG_URL = process.env.DATABASE_URL || "";
const LATENCY_GOAL_MS = 30;
const RATIO_GOAL = 0.6;
const NETWORK_PROVINCE = "61";

const workDir = path.join(root, "tmp", "bench");
const dbFile = path.join(workDir, "replications.sqlite");

// ---------------------------------------------------------------------------
// The database.

function openDb(): DB {
  return PG_URL ? createDatabase({ databaseUrl: PG_URL }) : createDatabase({ sqlitePath: dbFile });
}

async function seedAll(db: DB, catalogue: boolean) {
  if (catalogue) {
    const c = await seedCatalogue(db, { count: COUNT, seed: SEED });
    console.log(`seeded the catalogue: ${c.innovations} innovations (${c.visible} visible), ${c.competitions} editions (${c.seconds.toFixed(1)} s)`);
  }
  const s = await seedReplications(db, { count: REPLICATIONS, seed: SEED + 1 });
  console.log(
    `seeded ${s.replications} replications (${s.publicReplications} public), ${s.stageRows} stage rows, ${s.periods} monitoring periods, ` +
      `${s.reports} sustainability reports, ${s.commitments} commitments (${s.seconds.toFixed(1)} s)`,
  );
}

async function prepareDatabase(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  if (PG_URL) {
    const db = createDatabase({ databaseUrl: PG_URL });
    try {
      await migrateToLatest(db);
      if (await db.selectFrom("replications").select("id").limit(1).executeTakeFirst()) {
        console.log("PostgreSQL database already has replications: reusing it");
        return;
      }
      const hasCatalogue = await db.selectFrom("competitions").select("id").where("slug", "=", WINNERS_SLUG).executeTakeFirst();
      await seedAll(db, !hasCatalogue);
    } finally {
      await db.destroy();
    }
    return;
  }
  if (process.env.BENCH_REUSE_DB === "1" && existsSync(dbFile)) {
    const db = createDatabase({ sqlitePath: dbFile });
    try {
      const applied = await migrateToLatest(db);
      console.log(`reusing ${path.relative(root, dbFile)}${applied.length ? ` (migrated: ${applied.join(", ")})` : ""}`);
    } finally {
      await db.destroy();
    }
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  const db = createDatabase({ sqlitePath: dbFile });
  try {
    await migrateToLatest(db);
    await seedAll(db, true);
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------
// Which innovations: classes by number of public replications.

interface Sample {
  id: string;
  title: string;
  publicReplications: number;
}
interface Classes {
  top: Sample[];
  popular: Sample[];
  known: Sample[];
  few: Sample[];
  none: Sample[];
}

async function innovationClasses(db: DB): Promise<Classes> {
  const counts = await db
    .selectFrom("replications as r")
    .innerJoin("innovations as i", "i.id", "r.source_innovation_id")
    .where("i.visible", "=", 1)
    .where((eb) => isPublicReplication(eb))
    .groupBy(["i.id", "i.title"])
    .select((eb) => ["i.id", "i.title", eb.fn.countAll().as("n")])
    .orderBy("n", "desc")
    .orderBy("i.id")
    .execute();
  const rows: Sample[] = counts.map((c) => ({ id: c.id, title: c.title, publicReplications: Number(c.n) }));
  const none = await db
    .selectFrom("innovations as i")
    .where("i.visible", "=", 1)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("replications as r").select("r.id").whereRef("r.source_innovation_id", "=", "i.id"))))
    .select(["i.id", "i.title"])
    .orderBy("i.id")
    .limit(40)
    .execute();
  // Evenly spread picks from a list (deterministic).
  const spread = (xs: Sample[], n: number) => (xs.length <= n ? xs : Array.from({ length: n }, (_, k) => xs[Math.floor((k * xs.length) / n)]));
  return {
    top: rows.slice(0, 12),
    popular: spread(
      rows.slice(12).filter((x) => x.publicReplications >= 100),
      40,
    ),
    known: spread(
      rows.filter((x) => x.publicReplications >= 11 && x.publicReplications < 100),
      40,
    ),
    few: spread(
      rows.filter((x) => x.publicReplications >= 1 && x.publicReplications <= 10),
      40,
    ),
    none: none.map((x) => ({ id: x.id, title: x.title, publicReplications: 0 })),
  };
}

// ---------------------------------------------------------------------------
// (1) In-process latency.

interface Timing {
  name: string;
  cls: string;
  calls: number;
  p50: number;
  p95: number;
  max: number;
  cpuMs: number;
  note?: string;
}

async function timeCalls(name: string, cls: string, inputs: string[], fn: (x: string) => Promise<unknown>, passes = PASSES, note?: string): Promise<Timing> {
  for (const x of inputs) await fn(x); // warm-up
  const ts: number[] = [];
  const c0 = process.cpuUsage();
  for (let p = 0; p < passes; p++) {
    for (const x of inputs) {
      const t0 = performance.now();
      await fn(x);
      ts.push(performance.now() - t0);
    }
  }
  const c = process.cpuUsage(c0);
  ts.sort((a, b) => a - b);
  return { name, cls, calls: ts.length, p50: percentile(ts, 50), p95: percentile(ts, 95), max: ts[ts.length - 1], cpuMs: (c.user + c.system) / 1000 / ts.length, note };
}

async function latency(classes: Classes): Promise<Timing[]> {
  const db = openDb();
  const out: Timing[] = [];
  try {
    const loaderBatch = async (id: string) => {
      const i = await getPublicInnovation(db, id);
      if (!i) throw new Error(`innovation ${id} not found`);
      const [, reps, sus, com] = await Promise.all([
        findVisibleInnovationOwner(db, i.id),
        pageInnovationReplications ? pageInnovationReplications(db, i.id, 1) : listInnovationReplications(db, i.id),
        listSustainabilityHistory(db, i.id),
        listActiveCommitments(db, i.id),
      ]);
      return { i, reps, sus, com };
    };
    const fns: [string, (id: string) => Promise<unknown>][] = [
      ["getPublicInnovation", (id) => getPublicInnovation(db, id)],
      ["findVisibleInnovationOwner", (id) => findVisibleInnovationOwner(db, id)],
      ...(pageInnovationReplications ? ([["pageInnovationReplications (page 1)", (id) => pageInnovationReplications(db, id, 1)]] as [string, (id: string) => Promise<unknown>][]) : []),
      ["listInnovationReplications (all)", (id) => listInnovationReplications(db, id)],
      ["listSustainabilityHistory", (id) => listSustainabilityHistory(db, id)],
      ["listActiveCommitments", (id) => listActiveCommitments(db, id)],
      ["innovation loader data (all of it)", loaderBatch],
    ];
    const classList: [string, Sample[]][] = [
      ["most replicated", classes.top],
      ["popular (≥ 100)", classes.popular],
      ["known (11–99)", classes.known],
      ["a few (1–10)", classes.few],
      ["none", classes.none],
    ];
    for (const [cls, samples] of classList) {
      if (samples.length === 0) continue;
      const ids = samples.map((s) => s.id);
      const sizes: number[] = [];
      for (const id of ids) sizes.push(Buffer.byteLength(JSON.stringify(await loaderBatch(id))));
      const reps = samples.map((s) => s.publicReplications);
      for (const [name, fn] of fns) {
        out.push(
          await timeCalls(
            name,
            cls,
            ids,
            fn,
            PASSES,
            name.startsWith("innovation loader")
              ? `${ids.length} ids, ${Math.min(...reps)}–${Math.max(...reps)} public replications, loader data ${(Math.min(...sizes) / 1024).toFixed(0)}–${(Math.max(...sizes) / 1024).toFixed(0)} KB JSON`
              : undefined,
          ),
        );
      }
    }
    const counts = await provinceCounts(db);
    out.push(
      await timeCalls("provinceCounts (not memoised)", "province page", ["-"], () => provinceCounts(db), 30, `${counts.filter((c) => c.adopted || c.sourced).length} provinces, ${counts.reduce((a, c) => a + c.adopted, 0)} public replications by adopter`),
    );
    const edges = await networkEdgesFor(db, { province: NETWORK_PROVINCE });
    out.push(await timeCalls(`networkEdgesFor(province ${NETWORK_PROVINCE})`, "network page", ["-"], () => networkEdgesFor(db, { province: NETWORK_PROVINCE }), 10, `${edges.length} edges`));
    out.push(await timeCalls("networkChoices", "network page", ["-"], () => networkChoices(db), 10));
    return out;
  } finally {
    await db.destroy();
  }
}

function printLatency(ts: Timing[]) {
  console.log("");
  console.log(`## (1) in-process latency of the pages' model functions (${PG_URL ? "PostgreSQL" : "SQLite"}, ${PASSES} timed passes after one warm-up)`);
  console.log("");
  console.log("| function | innovations | calls | p50 ms | p95 ms | max ms | CPU ms/call |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const t of ts) console.log(`| ${t.name} | ${t.cls} | ${t.calls} | ${f2(t.p50)} | ${f2(t.p95)} | ${f2(t.max)} | ${f2(t.cpuMs)} |`);
  const notes = ts.filter((t) => t.note);
  if (notes.length) {
    console.log("");
    for (const t of notes) console.log(`- ${t.cls}: ${t.note}`);
  }
}

// ---------------------------------------------------------------------------
// (2) HTTP.

async function targetsFor(classes: Classes): Promise<Target[]> {
  const db = openDb();
  try {
    const pickN = (xs: Sample[], n: number) => xs.slice(0, n);
    const mix = [...pickN(classes.top, 2), ...pickN(classes.popular, 3), ...pickN(classes.known, 5), ...pickN(classes.few, 6), ...pickN(classes.none, 4)];
    const top = pickN(classes.top, 6);
    const counts = (await provinceCounts(db)).filter((c) => c.adopted > 0).sort((a, b) => b.adopted - a.adopted);
    const province = (await db.selectFrom("regions").select("name").where("code", "=", NETWORK_PROVINCE).executeTakeFirst())?.name ?? "";
    const inno = (s: Sample) => `/innovations/${s.id}`;
    const all: Target[] = [
      { name: "bare", paths: ["/bench/bare"], expect: ["<body>ok</body>"], bucket: "bare" },
      { name: "page", paths: ["/bench/page"], expect: ["<h1>Sayembara</h1>"], bucket: "page" },
      { name: "innovation", paths: mix.map(inno), expect: mix.map((s) => escapeHtml(s.title)), bucket: "innovation", goal: true },
      { name: "innovation-top", paths: top.map(inno), expect: top.map((s) => escapeHtml(s.title)), bucket: "innovation-top", goal: true },
      { name: "provinces", paths: ["/replications/provinces"], expect: [escapeHtml(counts[0]?.name ?? "<h1")], bucket: "provinces", goal: true },
      { name: "network", paths: [`/replications?province=${NETWORK_PROVINCE}`], expect: [escapeHtml(province || "<svg")], bucket: "network" },
    ];
    return all.filter((t) => TARGETS.includes(t.name));
  } finally {
    await db.destroy();
  }
}

interface HttpResult {
  publicCache: boolean;
  idleRssMb: number | null;
  rows: Row[];
  serverTime: Row[];
  loadavg: number[];
}

async function http(classes: Classes, publicCache: boolean): Promise<HttpResult> {
  const needed = ["routes/bench.bare", "routes/innovations.$id", "routes/replications.provinces", "routes/replications._index"];
  if (TARGETS.includes("page")) needed.push("routes/bench.page");
  ensureBuild(needed);
  const targets = (await targetsFor(classes)).filter((t) => !(publicCache && t.name === "page"));
  return withServer({ publicCache, sqlitePath: dbFile, pgUrl: PG_URL || undefined }, async (s) => {
    console.log("");
    console.log(
      `## (2${publicCache ? "b" : "a"}) HTTP ${publicCache ? "WITH the in-process public page cache (PUBLIC_CACHE=1, production default)" : "without the public page cache (PUBLIC_CACHE=0: every request rendered)"}, ` +
        `${CONNECTIONS} connections, ${DURATION} s per target, ${WARMUP} s warm-up, ${ROUNDS} round(s)`,
    );
    console.log("");
    describeRun(s, ACCEPT_ENCODING);
    for (const t of targets) console.log(`target ${t.name.padEnd(15)} ${t.paths.length > 1 ? `${t.paths.length} URLs in turn, e.g. ` : ""}GET ${t.paths[0]}`);
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
    console.log("");
    console.log(`### throughput, ${CONNECTIONS} connections (load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
    printRows(rows, { ratioGoal: RATIO_GOAL, latencyGoalMs: LATENCY_GOAL_MS });

    let serverTime: Row[] = [];
    if (LATENCY_CONNECTIONS > 0) {
      const timed = targets.filter((t) => t.name !== "page");
      for (const t of timed) {
        serverTime.push(
          await s.measure(t, { connections: LATENCY_CONNECTIONS, seconds: LATENCY_DURATION, timeout: TIMEOUT, acceptEncoding: ACCEPT_ENCODING, warmup: 0, bytes: sizes[t.name] }),
        );
      }
      serverTime = serverTime.map((r) => ({ ...r }));
      console.log("");
      console.log(`### server time at ${LATENCY_CONNECTIONS} connection(s), ${LATENCY_DURATION} s per target (load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
      console.log("");
      console.log(`| target | req/s | server p50 / p95 / p99 ms | CPU ms/req | goal p95 < ${LATENCY_GOAL_MS} ms |`);
      console.log("|---|---:|---:|---:|---|");
      for (const x of serverTime) {
        console.log(
          `| ${x.target} | ${x.reqPerSec === null ? "—" : x.reqPerSec.toFixed(0)} | ${f1(x.serverP50)} / ${f1(x.serverP95)} / ${f1(x.serverP99)} | ${f2(x.cpuMsPerReq)} | ` +
            `${x.goal ? (x.serverP95 === null ? "—" : x.serverP95 < LATENCY_GOAL_MS ? "MET" : "MISSED") : ""} |`,
        );
      }
    }
    return { publicCache, idleRssMb: s.idle?.rssMb ?? null, rows, serverTime, loadavg: os.loadavg() };
  });
}

// ---------------------------------------------------------------------------

async function main() {
  console.log(`replications benchmark — ${new Date().toISOString()}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}; ${os.cpus().length} CPUs`);
  await prepareDatabase();
  if (!PG_URL) console.log(`database file ${(statSync(dbFile).size / MB).toFixed(1)} MB`);
  const db = openDb();
  let classes: Classes;
  try {
    classes = await innovationClasses(db);
  } finally {
    await db.destroy();
  }
  const describe = (name: string, xs: Sample[]) =>
    `${name} ${xs.length}${xs.length ? ` (${xs[xs.length - 1].publicReplications}–${xs[0].publicReplications} public replications)` : ""}`;
  console.log(
    `innovation classes: ${[
      describe("most replicated", classes.top),
      describe("popular", classes.popular),
      describe("known", classes.known),
      describe("a few", classes.few),
      describe("none", classes.none),
    ].join("; ")}`,
  );
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    count: COUNT,
    replications: REPLICATIONS,
    database: PG_URL ? "postgres" : "sqlite",
    classes,
    loadavgStart: os.loadavg(),
  };
  if (PARTS.includes("latency")) {
    const l = await latency(classes);
    printLatency(l);
    result.latency = l;
  }
  if (PARTS.includes("http")) {
    const modes = CACHE_MODE === "both" ? [false, true] : [CACHE_MODE === "on"];
    result.http = [];
    for (const m of modes) (result.http as unknown[]).push(await http(classes, m));
  }
  result.loadavgEnd = os.loadavg();
  console.log(`\nload average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  writeFileSync(path.join(workDir, "replications-last.json"), JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
