/**
 * The whole test suite (npm test). Runs every step in order, keeps going after
 * a failure, counts each step and ends with exactly one line
 * `N passed, N failed` (the totals); exits non-zero when anything failed.
 *
 *   1. typecheck           npx tsc --noEmit                      (1 check)
 *   2. build               npx remix build                       (1 check)
 *   3. unit + service      vitest on SQLite                      (its tests)
 *   4. service on PG       vitest with TEST_DATABASE_URL          (when PostgreSQL server binaries exist)
 *   5. e2e                 vitest browser journeys               (when /usr/bin/chromium exists)
 *
 * With CI=true a missing PostgreSQL or Chromium counts as a failure instead of
 * a skip. Dependency-free on purpose (node:child_process only).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CI = process.env.CI === "true" || process.env.CI === "1";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VITEST_CONFIG = "tests/vitest.config.ts";
const reportDir = path.join(root, "tmp", "test-all");
const MINUTE = 60_000;

/** @type {{ name: string; passed: number; failed: number; note: string }[]} */
const results = [];
/** @type {Set<import("node:child_process").ChildProcess>} */
const running = new Set();

function banner(text) {
  console.log(`\n=== ${text} ===\n`);
}

/**
 * Run a command in its own process group (so a timeout or Ctrl+C stops its
 * children too), output passed through. Resolves to the exit code.
 */
function run(cmd, args, { env = process.env, timeoutMs = 30 * MINUTE } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit", detached: true });
    running.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test-all] ${cmd} ${args.join(" ")}: no result after ${timeoutMs / MINUTE} min, stopping it`);
      killGroup(child, "SIGKILL");
    }, timeoutMs);
    child.on("error", (e) => {
      console.error(`[test-all] could not start ${cmd}: ${e.message}`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve(timedOut ? 124 : code ?? (signal ? 128 : 1));
    });
  });
}

function killGroup(child, signal = "SIGTERM") {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    for (const c of running) killGroup(c, "SIGTERM");
    stopPostgres();
    process.exit(130);
  });
}

async function checkStep(name, cmd, args, { timeoutMs = 10 * MINUTE } = {}) {
  banner(name);
  const code = await run(cmd, args, { timeoutMs });
  const ok = code === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, note: ok ? "" : `exit code ${code}` });
}

/** A vitest run: tests counted from its JSON report. */
async function vitestStep(name, projects, { env = process.env, timeoutMs = 15 * MINUTE } = {}) {
  banner(name);
  const slug = name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
  const out = path.join(reportDir, `${slug}.json`);
  rmSync(out, { force: true });
  const args = ["vitest", "run", "--config", VITEST_CONFIG];
  for (const p of projects) args.push("--project", p);
  args.push("--reporter=default", "--reporter=json", `--outputFile.json=${out}`);
  const code = await run("npx", args, { env, timeoutMs });
  if (!existsSync(out)) {
    results.push({ name, passed: 0, failed: 1, note: `crashed without a report (exit code ${code})` });
    return;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(out, "utf8"));
  } catch (e) {
    results.push({ name, passed: 0, failed: 1, note: `unreadable report: ${e.message}` });
    return;
  }
  const passed = Number(report.numPassedTests ?? 0);
  let failed = Number(report.numFailedTests ?? 0);
  const notes = [];
  const failedFiles = Number(report.numFailedTestSuites ?? 0);
  if (code !== 0 && failed === 0) {
    // A file that failed to load, a failing hook, or an unhandled error:
    // no failing test, but the run failed. Count it.
    failed = Math.max(1, failedFiles);
    notes.push(`run failed (exit code ${code}) outside any test`);
  }
  const skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);
  if (skipped) notes.push(`${skipped} skipped`);
  results.push({ name, passed, failed, note: notes.join("; ") });
}

function skip(name, reason) {
  banner(name);
  if (CI) {
    console.log(`[test-all] ${reason}: counted as a failure because CI=true`);
    results.push({ name, passed: 0, failed: 1, note: `${reason} (required in CI)` });
  } else {
    console.log(`[test-all] skipped: ${reason}`);
    results.push({ name, passed: 0, failed: 0, note: `skipped: ${reason}` });
  }
}

// ---------------------------------------------------------------- PostgreSQL

function postgresAvailable() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return false;
  return readdirSync(base).some((v) => existsSync(path.join(base, v, "bin", "initdb")));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

let pgEnv = null;

function startPostgres(port) {
  pgEnv = { ...process.env, PG_TEST_PORT: String(port) };
  const r = spawnSync("bash", ["scripts/pg-throwaway.sh", "start"], {
    cwd: root,
    env: pgEnv,
    encoding: "utf8",
    timeout: 2 * MINUTE,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr ?? "");
    return null;
  }
  const url = r.stdout.trim().split("\n").pop();
  return url?.startsWith("postgres") ? url : null;
}

function stopPostgres() {
  if (!pgEnv) return;
  spawnSync("bash", ["scripts/pg-throwaway.sh", "stop"], { cwd: root, env: pgEnv, stdio: "ignore", timeout: MINUTE });
  pgEnv = null;
}

async function postgresStep() {
  const name = "service tests on PostgreSQL";
  if (!postgresAvailable()) return skip(name, "PostgreSQL server binaries not found (apt-get install postgresql)");
  // A port of our own, so a throwaway server someone else started is never reused or stopped.
  const port = 56000 + Math.floor(Math.random() * 4000);
  const url = startPostgres((await isFree(port)) ? port : await freePort());
  if (!url) {
    banner(name);
    results.push({ name, passed: 0, failed: 1, note: "could not start the throwaway PostgreSQL server" });
    stopPostgres();
    return;
  }
  try {
    await vitestStep(name, ["service"], { env: { ...process.env, TEST_DATABASE_URL: url } });
  } finally {
    stopPostgres();
  }
}

function isFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------- main

mkdirSync(reportDir, { recursive: true });
const started = Date.now();

await checkStep("typecheck", "npx", ["tsc", "--noEmit"]);
await checkStep("build", "npx", ["remix", "build"]);
await vitestStep("unit + service tests on SQLite", ["unit", "service"]);
await postgresStep();
if (existsSync(CHROMIUM)) {
  // Leftovers of an earlier run (failure screenshots, server logs) would only confuse.
  const e2eDir = path.join(root, "tmp", "e2e");
  if (existsSync(e2eDir)) {
    for (const f of readdirSync(e2eDir)) {
      if (/^(failed-.*\.png|server-\d+\.log)$/.test(f)) rmSync(path.join(e2eDir, f), { force: true });
    }
  }
  await vitestStep("browser tests (e2e)", ["e2e"]);
} else {
  skip("browser tests (e2e)", `${CHROMIUM} not found (apt-get install chromium)`);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n=== Summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
for (const r of results) {
  const status = r.failed > 0 ? "FAIL" : r.note.startsWith("skipped") ? "SKIP" : "ok  ";
  console.log(`${status} ${r.name.padEnd(width)}  ${r.passed} passed, ${r.failed} failed${r.note ? `  (${r.note})` : ""}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
