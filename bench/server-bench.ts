/**
 * The HTTP half of the page benchmarks (bench/catalogue.ts, bench/replications.ts):
 * runs the production server (scripts/server.mjs, NODE_ENV=production) as a
 * child process on a free loopback port with bench/server-probe.mjs (memory,
 * event-loop delay) and bench/catalogue-probe.mjs (server-side time per
 * request, bucketed by the `x-bench-target` header every request here
 * carries) preloaded, and measures targets with autocannon: drain the
 * server's queue, optional warm-up, then load, with req/s, client
 * latencies, errors, server CPU ms per request (from /proc), server-side
 * p50/p95/p99 and peak RSS.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cpuSeconds, freePort, root, run } from "./lib.mjs";

export const MB = 1024 * 1024;

/** A numeric option from the environment; exits (2) when malformed. */
export function num(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
    console.error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
export const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(1));
export const f2 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(2));
export const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)} %`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function rssOf(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return m ? (Number(m[1]) * 1024) / MB : null;
  } catch {
    return null;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The build must contain the routes measured; otherwise (or with BENCH_REBUILD=1) it is made,
 * under flock(1) on /tmp/remix-build.lock when available so parallel builds in the checkout do not collide.
 */
export function ensureBuild(needed: string[]) {
  const index = path.join(root, "build", "index.js");
  const text = existsSync(index) ? readFileSync(index, "utf8") : "";
  const fresh = needed.every((r) => text.includes(`"${r}"`));
  if (fresh && process.env.BENCH_REBUILD !== "1") return;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  const hasFlock = ["/usr/bin/flock", "/bin/flock"].some((f) => existsSync(f));
  console.log(`building (${hasFlock ? "flock /tmp/remix-build.lock " : ""}npx remix build) …`);
  if (hasFlock) run("flock", ["/tmp/remix-build.lock", "npx", "remix", "build"], env);
  else run("npx", ["remix", "build"], env);
}

export interface Probe {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  loopDelayMaxMs: number;
  timing: Record<string, { n: number; p50: number; p95: number; p99: number }>;
}
export interface Server {
  child: ReturnType<typeof spawn>;
  output: () => string;
  probe: () => Promise<Probe | null>;
}

export interface ServerOptions {
  publicCache: boolean;
  /** SQLite file (when no pgUrl). */
  sqlitePath?: string;
  /** PostgreSQL URL: the server is given DATABASE_URL. */
  pgUrl?: string;
}

export function startServer(port: number, o: ServerOptions): Server {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_REQUESTS: "0",
    COOKIE_SECURE: "0",
    PUBLIC_CACHE: o.publicCache ? "1" : "0",
  };
  if (o.pgUrl) env.DATABASE_URL = o.pgUrl;
  else {
    delete env.DATABASE_URL;
    env.SQLITE_PATH = o.sqlitePath;
  }
  const args = [
    "--expose-gc",
    "--import",
    path.join(root, "bench", "server-probe.mjs"),
    "--import",
    path.join(root, "bench", "catalogue-probe.mjs"),
    path.join(root, "scripts", "server.mjs"),
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  let pending: { mem?: Record<string, number>; timing?: Probe["timing"]; done?: (p: Probe) => void } | null = null;
  const settle = () => {
    if (pending?.mem && pending.timing && pending.done) {
      const m = pending.mem;
      pending.done({
        rssMb: m.rss / MB,
        heapUsedMb: m.heapUsed / MB,
        externalMb: (m.external + m.arrayBuffers) / MB,
        loopDelayMaxMs: m.loopDelayMaxMs,
        timing: pending.timing,
      });
      pending = null;
    }
  };
  const keep = (chunk: Buffer) => {
    const s = chunk.toString();
    for (const m of s.matchAll(/^BENCH_PROBE (\{.*\})$/gm)) if (pending) pending.mem = JSON.parse(m[1]);
    for (const m of s.matchAll(/^BENCH_TIMING (\{.*\})$/gm)) if (pending) pending.timing = JSON.parse(m[1]);
    settle();
    output = (output + s).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return {
    child,
    output: () => output,
    probe: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending = null;
          resolve(null);
        }, 10_000);
        pending = {
          done: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        child.kill("SIGUSR2");
      }),
  };
}

export async function waitUntilUp(base: string, server: Server) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${base}/bench/bare`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not answer within 30 s:\n${server.output()}`);
}

/** Waits (up to 60 s) until the server answers GET /bench/bare within 50 ms twice in a row: its queue is empty. */
export async function drain(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quick = 0;
  while (Date.now() < deadline && quick < 2) {
    const t0 = performance.now();
    try {
      await (await fetch(`${base}/bench/bare`)).arrayBuffer();
      quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await sleep(quick ? 50 : 250);
  }
}

export interface Target {
  name: string;
  paths: string[];
  /** Text every answer must contain (per path). */
  expect: string[];
  /** The server-side timing bucket (sent as the x-bench-target header). */
  bucket: string;
  /** A page the ≥ 60 %-of-bare goal applies to. */
  goal?: boolean;
}

/** GETs every path once: 200 and the expected text, else throws. Returns the mean body size (bytes, identity). */
export async function check(base: string, t: Target): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < t.paths.length; i++) {
    const res = await fetch(base + t.paths[i], { redirect: "manual" });
    const body = await res.text();
    const cacheControl = res.headers.get("cache-control");
    if (res.status !== 200 || !body.includes(t.expect[i])) {
      throw new Error(`${t.name}: GET ${t.paths[i]} expected 200 containing ${JSON.stringify(t.expect[i])}, got HTTP ${res.status} (${body.length} B)`);
    }
    if (i === 0 && t.name !== "bare" && t.name !== "page") console.log(`  ${t.name}: ${t.paths[i]} → 200, ${body.length} B, Cache-Control: ${cacheControl ?? "(none)"}`);
    bytes += Buffer.byteLength(body);
  }
  return Math.round(bytes / t.paths.length);
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  timeout: number;
  /** "" for none. */
  acceptEncoding: string;
}

// autocannon has no type declarations in this repository.
const AUTOCANNON = "autocannon";
export async function load(base: string, t: Target, o: LoadOptions): Promise<any> {
  const { default: autocannon } = await import(AUTOCANNON);
  const headers: Record<string, string> = { "x-bench-target": t.bucket, ...(o.acceptEncoding ? { "accept-encoding": o.acceptEncoding } : {}) };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections: o.connections,
        duration: o.seconds,
        timeout: o.timeout,
        headers,
        requests: t.paths.map((p) => ({ method: "GET", path: p })),
      },
      (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)),
    );
  });
}

export interface Row {
  target: string;
  reqPerSec: number | null;
  p50: number | null;
  p99: number | null;
  errors: number;
  cpuMsPerReq: number | null;
  serverP50: number | null;
  serverP95: number | null;
  serverP99: number | null;
  peakRssMb: number | null;
  rssAfterGcMb: number | null;
  heapAfterGcMb: number | null;
  bytes: number;
  ratio?: number | null;
  pageRatio?: number | null;
  cpuRatio?: number | null;
  goal?: boolean;
}

export interface RunningServer {
  base: string;
  server: Server;
  /** Memory after start (after GC). */
  idle: Probe | null;
  /** Drain, warm up (`warmup` seconds, 0 for none), then measure one target under load. */
  measure(t: Target, o: LoadOptions & { warmup: number; bytes: number }): Promise<Row>;
}

/** Starts the server, waits until it answers, runs `fn`, and always stops the server. */
export async function withServer<T>(o: ServerOptions, fn: (s: RunningServer) => Promise<T>): Promise<T> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, o);
  const stop = () => {
    if (server.child.exitCode === null) server.child.kill("SIGTERM");
  };
  const onInt = () => {
    stop();
    process.exit(130);
  };
  process.on("SIGINT", onInt);
  try {
    await waitUntilUp(base, server);
    const idle = await server.probe();
    const measure = async (t: Target, m: LoadOptions & { warmup: number; bytes: number }): Promise<Row> => {
      // Requests still queued in the server from the previous target would be
      // measured against this one: wait until it answers the bare route at once.
      await drain(base);
      if (m.warmup > 0) {
        console.log(`warm-up ${t.name} (${m.warmup} s) …`);
        await load(base, t, { ...m, seconds: m.warmup });
        await drain(base);
      }
      await server.probe(); // resets the server-side timings
      console.log(`measuring ${t.name} (${m.seconds} s, ${m.connections} connection${m.connections === 1 ? "" : "s"}) …`);
      const pid = server.child.pid!;
      let peak = rssOf(pid) ?? 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssOf(pid) ?? 0);
      }, 50);
      const cpuBefore = cpuSeconds(pid);
      const res = await load(base, t, m);
      const cpuAfter = cpuSeconds(pid);
      clearInterval(sampler);
      const probe = await server.probe();
      const stats = Object.entries((res.statusCodeStats ?? {}) as Record<string, { count: number }>);
      const wrong = stats.filter(([code]) => code !== "200").reduce((n, [, st]) => n + st.count, 0);
      const errors = wrong + res.errors + res.timeouts;
      if (errors > 0) console.log(`  ${t.name}: ${wrong} non-200, ${res.errors} socket errors, ${res.timeouts} timeouts (${stats.map(([c, s]) => `${c}×${s.count}`).join(" ")})`);
      if (res.requests.total === 0) console.log(`  ${t.name}: no request completed in ${m.seconds} s (server starved or overloaded)`);
      const timing = probe?.timing[t.bucket];
      return {
        target: t.name,
        reqPerSec: res.requests.total === 0 ? null : res.requests.average,
        p50: res.latency.p50,
        p99: res.latency.p99,
        errors,
        cpuMsPerReq: cpuBefore === null || cpuAfter === null || res.requests.total === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / res.requests.total,
        serverP50: timing?.p50 ?? null,
        serverP95: timing?.p95 ?? null,
        serverP99: timing?.p99 ?? null,
        peakRssMb: peak || null,
        rssAfterGcMb: probe?.rssMb ?? null,
        heapAfterGcMb: probe?.heapUsedMb ?? null,
        bytes: m.bytes,
        goal: t.goal,
      };
    };
    return await fn({ base, server, idle, measure });
  } finally {
    process.off("SIGINT", onInt);
    stop();
    await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once("exit", r)));
  }
}

/** The machine and run lines printed before a server run's table. */
export function describeRun(s: RunningServer, encoding: string) {
  const cpus = os.cpus();
  console.log(`node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? "?"}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`);
  console.log(`encoding ${encoding ? `accept-encoding: ${encoding}` : "none (identity)"}; server scripts/server.mjs NODE_ENV=production pid ${s.server.child.pid}`);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} before the run`);
  console.log(`server idle after start: RSS ${f1(s.idle?.rssMb)} MB (heap ${f1(s.idle?.heapUsedMb)} MB) after GC`);
}

/** One row per target: medians over the rounds (errors summed, peak RSS the maximum, memory after GC the last). */
export function summarise(targets: Target[], runs: Map<string, Row[]>): Row[] {
  return targets.map((t) => {
    const rs = runs.get(t.name)!;
    const m = (k: keyof Row) => median(rs.map((x) => x[k] as number | null));
    return {
      target: t.name,
      reqPerSec: m("reqPerSec"),
      p50: m("p50"),
      p99: m("p99"),
      errors: rs.reduce((n, x) => n + x.errors, 0),
      cpuMsPerReq: m("cpuMsPerReq"),
      serverP50: m("serverP50"),
      serverP95: m("serverP95"),
      serverP99: m("serverP99"),
      peakRssMb: Math.max(...rs.map((x) => x.peakRssMb ?? 0)) || null,
      rssAfterGcMb: rs[rs.length - 1].rssAfterGcMb,
      heapAfterGcMb: rs[rs.length - 1].heapAfterGcMb,
      bytes: rs[rs.length - 1].bytes,
      goal: t.goal,
    };
  });
}

/** Adds each row's share of the bare route's req/s (and of the trivial page's, when measured). */
export function addRatios(rows: Row[]) {
  const bare = rows.find((x) => x.target === "bare");
  const page = rows.find((x) => x.target === "page");
  for (const x of rows) {
    x.ratio = bare?.reqPerSec && x.reqPerSec !== null ? x.reqPerSec / bare.reqPerSec : null;
    x.pageRatio = page?.reqPerSec && x.reqPerSec !== null ? x.reqPerSec / page.reqPerSec : null;
    x.cpuRatio = bare?.cpuMsPerReq && x.cpuMsPerReq ? bare.cpuMsPerReq / x.cpuMsPerReq : null;
  }
}

/**
 * The throughput table (markdown). With `latencyGoalMs`, a last column says whether the
 * server-side p95 of each goal page is under it.
 */
export function printRows(rows: Row[], o: { ratioGoal: number; latencyGoalMs?: number }) {
  const lat = o.latencyGoalMs !== undefined;
  console.log("");
  console.log(
    "| target | req/s | p50 ms | p99 ms | errors | body B | CPU ms/req | server p50 / p95 / p99 ms | peak RSS MB | RSS after GC MB | vs bare | CPU vs bare | vs page | " +
      `goal ≥ ${Math.round(o.ratioGoal * 100)} % of bare |${lat ? ` server p95 < ${o.latencyGoalMs} ms |` : ""}`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|${lat ? "---|" : ""}`);
  for (const x of rows) {
    const latCell = !lat ? "" : ` ${x.goal ? (x.serverP95 === null ? "—" : x.serverP95 < o.latencyGoalMs! ? "MET" : "MISSED") : ""} |`;
    console.log(
      `| ${x.target} | ${x.reqPerSec === null ? "—" : x.reqPerSec.toFixed(0)} | ${x.p50 ?? "—"} | ${x.p99 ?? "—"} | ${x.errors} | ${x.bytes} | ${f2(x.cpuMsPerReq)} | ` +
        `${f1(x.serverP50)} / ${f1(x.serverP95)} / ${f1(x.serverP99)} | ${f1(x.peakRssMb)} | ${f1(x.rssAfterGcMb)} | ${pct(x.ratio ?? null)} | ${pct(x.cpuRatio ?? null)} | ${pct(x.pageRatio ?? null)} | ` +
        `${x.goal ? (x.ratio === null || x.ratio === undefined ? "—" : x.ratio >= o.ratioGoal ? "MET" : "MISSED") : ""} |${latCell}`,
    );
  }
  console.log("");
  console.log("vs bare: req/s as a share of GET /bench/bare (resource route, no root loader, no React) in the same run; CPU vs bare:");
  console.log("the bare route's server CPU per request as a share of the page's; vs page: share of GET /bench/page (trivial document).");
  console.log("server p50/p95/p99: request received → response finished inside the server (bench/catalogue-probe.mjs).");
}
