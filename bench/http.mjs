/**
 * HTTP benchmark: real pages against the bare route of the same server.
 *
 *   npm run bench:http
 *
 * Builds the app when needed, loads the demo into a fresh SQLite database
 * under tmp/bench/, starts the production server (scripts/server.mjs) in a
 * child process so the load generator does not share its event loop, signs in
 * as the demo organizer and measures, one target after the other with the
 * same connections and duration:
 *
 *   bare       GET /bench/bare   the framework's ceiling (no root loader, no DB, no React)
 *   login      GET /login        anonymous page: root loader + React render
 *   dashboard  GET /dashboard    signed-in organizer: session, actor, dashboard queries, render
 *
 * Prints req/s, p50/p99 latency, errors (non-2xx, socket errors, timeouts),
 * the server's CPU time per request and each page's throughput as a share of
 * the bare route's; the goal is at least 60 %. A measurement, not a test:
 * exits 0 when the goal is missed, and non-zero only when the benchmark itself
 * could not run (e.g. login failed).
 *
 * Throughput on a 2-core machine is only as good as the machine is quiet (the
 * load generator takes one core, the server the other). The server's CPU time
 * per request (all its threads, so compression in the thread pool counts; read
 * from /proc, Linux only) suffers less from other processes than req/s does,
 * so its ratio is the steadier figure when the load average is high.
 *
 * Environment:
 *   BENCH_DURATION=10          seconds per measured target
 *   BENCH_CONNECTIONS=50       concurrent connections
 *   BENCH_WARMUP=3             seconds of warm-up per target (0 to skip)
 *   BENCH_ROUNDS=1             repeat all targets; the table shows each figure's median
 *   BENCH_TARGETS=bare,login,dashboard   a subset, e.g. for profiling
 *   BENCH_BREAKDOWN=1          also measure the loaders alone (Remix data requests,
 *                              no React render): login.root-data, dashboard.root-data,
 *                              dashboard.route-data; and the cheapest document
 *                              (notfound-document: root loader + layout, a 404)
 *   BENCH_ACCEPT_ENCODING="gzip, deflate, br"   what a browser sends; "" for none
 *   BENCH_CPU_PROF=1           profile the server (node --cpu-prof) into tmp/bench/prof/
 *   BENCH_REBUILD=1            run `npx remix build` even when a build exists
 *   BENCH_SERVER=path          another server script (default scripts/server.mjs), to try a change
 *
 * Results go to docs/benchmarks.md by hand; the last run is also written to
 * tmp/bench/http-last.json.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { cpuSeconds, freePort, pad, root, run } from "./lib.mjs";

const workDir = path.join(root, "tmp", "bench");
const dbFile = path.join(workDir, "http.sqlite");

const DEMO_EMAIL = "sekretariat@menpan.test";
const DEMO_PASSWORD = "demo-sayembara";
const GOAL = 0.6;

const duration = positiveNumber("BENCH_DURATION", 10);
const connections = positiveNumber("BENCH_CONNECTIONS", 50);
const warmup = positiveNumber("BENCH_WARMUP", 3, { allowZero: true });
const rounds = Math.max(1, Math.round(positiveNumber("BENCH_ROUNDS", 1)));
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
const cpuProf = process.env.BENCH_CPU_PROF === "1";
const serverScript = path.resolve(root, process.env.BENCH_SERVER || "scripts/server.mjs");
const breakdown = process.env.BENCH_BREAKDOWN === "1";
const wanted = (
  process.env.BENCH_TARGETS ??
  ["bare", "page", "login", "dashboard", ...(breakdown ? ["login.root-data", "dashboard.root-data", "dashboard.route-data", "notfound-document"] : [])].join(",")
)
  .split(",")
  .map((s) => s.trim());

function positiveNumber(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
    console.error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

/** The build must exist and contain the bare route (an older build may not). */
function ensureBuild() {
  const index = path.join(root, "build", "index.js");
  const fresh = existsSync(index) && readFileSync(index, "utf8").includes('"routes/bench.bare"') && readFileSync(index, "utf8").includes('"routes/bench.page"');
  if (fresh && process.env.BENCH_REBUILD !== "1") return;
  console.log("building (npx remix build) …");
  run("npx", ["remix", "build"], { ...process.env, NODE_ENV: "production" });
}

/** Environment for the children: SQLite only (never a DATABASE_URL from the shell). */
function childEnv(extra) {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  return env;
}

function startServer(port) {
  const args = [];
  if (cpuProf) {
    mkdirSync(path.join(workDir, "prof"), { recursive: true });
    // --cpu-prof writes its file on a normal exit only; turn SIGTERM into one.
    args.push(
      "--cpu-prof",
      `--cpu-prof-dir=${path.join(workDir, "prof")}`,
      "--import",
      'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))',
    );
  }
  args.push(serverScript);
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SQLITE_PATH: dbFile,
      LOG_REQUESTS: "0",
    }),
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.output = () => output;
  return child;
}

async function waitUntilUp(base, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(`${base}/bench/bare`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within 30 s:\n${child.output()}`);
}

async function login(base) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("sayembara_session="));
  if (res.status !== 302 || !cookie) {
    throw new Error(`login as ${DEMO_EMAIL} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  return cookie;
}

/**
 * One request per target before the load, to be sure each answers the
 * expected status (200 unless said otherwise) with the page we mean (a dashboard that redirects to /login would otherwise be
 * measured as a fast 302). Returns the uncompressed body size.
 */
async function check(base, target) {
  const res = await fetch(base + target.path, { redirect: "manual", headers: target.headers });
  const body = await res.text();
  const status = target.status ?? 200;
  if (res.status !== status || !body.includes(target.expect)) {
    throw new Error(`${target.name}: expected ${status} containing "${target.expect}", got HTTP ${res.status}`);
  }
  return Buffer.byteLength(body);
}

function median(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function load(base, target, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base + target.path,
        method: "GET",
        headers: target.headers,
        connections,
        duration: seconds,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function main() {
  mkdirSync(workDir, { recursive: true });
  ensureBuild();
  console.log("preparing the demo database …");
  run("npx", ["tsx", "bench/prepare-db.ts", path.relative(root, dbFile)], childEnv({}));

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port);
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });

  try {
    await waitUntilUp(base, server);
    const cookie = await login(base);
    const common = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
    const all = [
      { name: "bare", path: "/bench/bare", headers: { ...common }, expect: "<body>ok</body>" },
      // A trivial page through the whole document path: root loader, layout, one heading.
      { name: "page", path: "/bench/page", headers: { ...common }, expect: "<h1>Sayembara</h1>" },
      { name: "login", path: "/login", headers: { ...common }, expect: 'name="password"' },
      { name: "dashboard", path: "/dashboard", headers: { ...common, cookie }, expect: "Kementerian PANRB" },
      // The loaders alone, as Remix data requests (JSON, no React render):
      // the root loader anonymous, the root loader signed in (session +
      // actor), and the dashboard's own loader (session + actor + queries).
      { name: "login.root-data", path: "/login?_data=root", headers: { ...common }, expect: '"locale"' },
      { name: "dashboard.root-data", path: "/dashboard?_data=root", headers: { ...common, cookie }, expect: '"nav"' },
      {
        name: "dashboard.route-data",
        path: "/dashboard?_data=routes%2Fdashboard",
        headers: { ...common, cookie },
        expect: "Kementerian PANRB",
      },
      // The cheapest document the app renders: root loader (anonymous) and
      // layout around the root error boundary, answered 404.
      { name: "notfound-document", path: "/bench/no-such-page", headers: { ...common }, expect: "<main", status: 404 },
    ];
    const targets = all.filter((t) => wanted.includes(t.name));
    if (targets.length === 0) throw new Error(`BENCH_TARGETS names none of: ${all.map((t) => t.name).join(", ")}`);

    const cpus = os.cpus();
    console.log("");
    console.log(`date        ${new Date().toISOString()}`);
    console.log(`node        ${process.version} (${process.platform} ${process.arch})`);
    console.log(`cpus        ${cpus.length} × ${cpus[0]?.model ?? "unknown"}`);
    console.log(`load        ${connections} connections, ${duration} s per target, ${warmup} s warm-up, ${rounds} round(s)`);
    console.log(`encoding    ${acceptEncoding ? `accept-encoding: ${acceptEncoding}` : "none (identity)"}`);
    console.log(`server      ${path.relative(root, serverScript)}, NODE_ENV=production, child pid ${server.pid}${cpuProf ? ", --cpu-prof" : ""}`);
    const [load1] = os.loadavg();
    console.log(`load avg    ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (1/5/15 min) before the run`);
    if (load1 > 0.5) {
      console.log("            other processes are busy: throughput will be noisy, trust the CPU-per-request ratio more");
    }
    console.log("");

    for (const t of targets) console.log(`target      ${t.name.padEnd(21)} GET ${t.path}${t.headers.cookie ? " (signed in)" : ""}`);
    console.log("");

    const sizes = {};
    for (const t of targets) sizes[t.name] = await check(base, t);
    if (warmup > 0) {
      for (const t of targets) {
        process.stdout.write(`warm-up ${t.name} …\n`);
        await load(base, t, warmup);
      }
    }

    const runs = new Map(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const t of targets) {
        const label = rounds > 1 ? ` round ${round}/${rounds}` : "";
        process.stdout.write(`measuring ${t.name}${label} (${duration} s) …\n`);
        const cpuBefore = cpuSeconds(server.pid);
        const r = await load(base, t, duration);
        const cpuAfter = cpuSeconds(server.pid);
        // Every answer other than the expected status is an error (200, or
        // 404 for the not-found document).
        const stats = Object.entries(r.statusCodeStats ?? {});
        const expected = String(t.status ?? 200);
        const wrong = stats.filter(([code]) => code !== expected).reduce((n, [, st]) => n + st.count, 0);
        const errors = wrong + r.errors + r.timeouts;
        if (errors > 0) {
          const codes = stats.map(([code, st]) => `${code}×${st.count}`).join(" ");
          console.log(`  ${t.name}: ${wrong} unexpected status, ${r.errors} socket errors, ${r.timeouts} timeouts (status: ${codes})`);
        }
        if (r.requests.total === 0) {
          console.log(`  ${t.name}: no request completed in ${duration} s (server overloaded or duration too short)`);
        }
        const cpuMsPerReq =
          cpuBefore === null || cpuAfter === null || r.requests.total === 0
            ? null
            : ((cpuAfter - cpuBefore) * 1000) / r.requests.total;
        runs.get(t.name).push({ reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors, cpuMsPerReq });
      }
    }

    const rows = targets.map((t) => {
      const rs = runs.get(t.name);
      return {
        target: t.name,
        path: t.path,
        reqPerSec: median(rs.map((x) => x.reqPerSec)),
        p50: median(rs.map((x) => x.p50)),
        p99: median(rs.map((x) => x.p99)),
        errors: rs.reduce((n, x) => n + x.errors, 0),
        cpuMsPerReq: median(rs.map((x) => x.cpuMsPerReq)),
        bytes: sizes[t.name],
        runs: rs,
      };
    });

    const bare = rows.find((r) => r.target === "bare");
    const page = rows.find((r) => r.target === "page");
    for (const r of rows) {
      r.ratio = bare ? r.reqPerSec / bare.reqPerSec : null;
      r.cpuRatio = bare?.cpuMsPerReq && r.cpuMsPerReq ? bare.cpuMsPerReq / r.cpuMsPerReq : null;
      r.pageRatio = page ? r.reqPerSec / page.reqPerSec : null;
    }

    console.log("");
    const percent = (x) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
    console.log(
      `${pad("target", 20, true)} ${pad("req/s", 7)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("errors", 6)} ${pad("body B", 6)} ${pad("CPU ms/req", 10)} ${pad("vs bare", 8)} ${pad("CPU vs bare", 11)} ${pad("vs page", 8)}  goal: ≥ ${GOAL * 100} % of bare req/s (and of page)`,
    );
    for (const r of rows) {
      const isPage = r.target === "login" || r.target === "dashboard";
      const verdict = (x) => (x === null ? "—" : x >= GOAL ? "MET" : "MISSED");
      const goals = isPage ? `vs bare: ${verdict(r.ratio)}, vs page: ${verdict(r.pageRatio)}` : "";
      console.log(
        `${pad(r.target, 20, true)} ${pad(r.reqPerSec.toFixed(0), 7)} ${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.errors, 6)} ${pad(r.bytes, 6)} ${pad(r.cpuMsPerReq === null ? "—" : r.cpuMsPerReq.toFixed(2), 10)} ${pad(percent(r.ratio), 8)} ${pad(percent(r.cpuRatio), 11)} ${pad(percent(r.pageRatio), 8)}  ${goals}`,
      );
    }
    console.log("");
    console.log("vs bare: req/s as a share of the bare route's (a resource route: no root loader, no React); CPU vs bare: the bare");
    console.log("route's CPU time per request as a share of the page's; vs page: req/s as a share of /bench/page (a trivial page");
    console.log("through the root loader and layout, i.e. the cheapest document the framework and our layout can render).");
    console.log("");

    writeFileSync(
      path.join(workDir, "http-last.json"),
      JSON.stringify(
        { date: new Date().toISOString(), node: process.version, cpus: cpus.length, loadavg: os.loadavg(), connections, duration, rounds, acceptEncoding, rows },
        null,
        2,
      ),
    );
  } finally {
    stop();
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
    if (cpuProf) console.log(`CPU profile written to ${path.relative(root, path.join(workDir, "prof"))}/ (open in Chrome DevTools)`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
