/**
 * Deadline rush and uploads (proposals): the built server on loopback, as
 * agencies use it in the last minute before registration closes.
 *
 *   npm run bench:rush
 *
 * Builds the app when needed, prepares a fresh SQLite database under
 * tmp/bench/ (bench/prepare-rush.ts: the KIPP preset, an open registration
 * window, N reference regencies/cities each with a signed-in Admin Lokal and
 * one complete draft per rush phase, five drafts for the uploads), starts the
 * production server (scripts/server.mjs, NODE_ENV=production, COOKIE_SECURE=0)
 * in a child process and runs three phases, one after the other:
 *
 *   uploads  With the server idle, its resident memory (VmRSS from /proc,
 *            sampled every 10 ms in a worker thread) is taken as the baseline;
 *            then 5 clients each upload a 50 MB PDF at once (multipart,
 *            streamed from disk, the `slot` field before the file part, as the
 *            page's form does) to /proposals/:number/files. Reports baseline,
 *            peak and growth (goal: under 100 MB) and whether all 5 were stored
 *            (answer 302 to ?notice=uploaded, a proposal_files row of the right
 *            size, the object on disk of the right size).
 *   burst    N virtual agencies start at once.
 *   spread   N virtual agencies start evenly spaced over BENCH_SPREAD_SECONDS.
 *   soak     (not run by default) BENCH_SOAK_ROUNDS rounds of N concurrent GETs
 *            of the proposal pages, one round after the other: the server's RSS
 *            after each round and, every 5 rounds, after a forced GC — does
 *            memory keep growing under repeated bursts?
 *
 * A virtual agency does what a browser without JavaScript does: GET the
 * proposal page (reads the version from the form), POST intent=save with every
 * field and one section changed (302), GET the page it is sent to, POST
 * intent=submit with the form (302 to ?notice=submitted), GET the receipt page
 * and look for the receipt number. Every POST carries Origin = the server's
 * origin; every request accept-encoding "gzip, deflate, br" as a browser.
 *
 * Per phase: errors (any unexpected status, network error, timeout, a page
 * without its form or receipt; goal 0), accepted (submit answered 302 to the
 * receipt and the receipt page shows a receipt number), persisted (read from
 * the database after the server stopped: status submitted with that receipt
 * number; goal: equal to accepted and to N), whether the saved change was kept,
 * whether every journey ended within BENCH_WINDOW seconds (60), p50/p95/p99 per
 * request type, the server's CPU time and peak RSS. Prints GOAL MET / GOAL
 * MISSED lines and exits 0 either way; non-zero only when the benchmark itself
 * could not run.
 *
 * Environment:
 *   BENCH_AGENCIES=300          virtual agencies per rush phase
 *   BENCH_UPLOADERS=5           concurrent 50 MB uploads
 *   BENCH_UPLOAD_MB=50          size of each uploaded PDF (the slot allows 60)
 *   BENCH_PHASES=uploads,burst,spread   (add ",soak" for the memory soak)
 *   BENCH_SOAK_ROUNDS=30        soak phase: rounds of N concurrent page GETs
 *   BENCH_ACCEPT_ENCODING="gzip, deflate, br"   what a browser sends; "" for none
 *   BENCH_SPREAD_SECONDS=50     spread phase: starts evenly spaced over this many seconds
 *   BENCH_WINDOW=60             goal: every journey of a phase done within this many seconds
 *   BENCH_SERVER_KEEPALIVE_MS  the server's keepAliveTimeout (Node's default 5000), to try a change
 *                              without editing scripts/server.mjs (set by bench/server-probe.mjs)
 *   BENCH_REBUILD=1             run `npx remix build` even when a build exists
 *   BENCH_KEEP=1                keep the uploaded files and the 50 MB PDF under tmp/bench/
 *
 * Results go to docs/benchmarks.md by hand; the last run is also written to
 * tmp/bench/rush-last.json.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { cpuSeconds, freePort, pad, root, run } from "./lib.mjs";

const workDir = path.join(root, "tmp", "bench");
const dbFile = path.join(workDir, "rush.sqlite");
const planFile = path.join(workDir, "rush-plan.json");
const uploadsDir = path.join(workDir, "rush-uploads");
const bigPdf = path.join(workDir, "rush-upload.pdf");

const agencies = Math.round(positiveNumber("BENCH_AGENCIES", 300));
const uploaders = Math.round(positiveNumber("BENCH_UPLOADERS", 5));
const uploadMb = positiveNumber("BENCH_UPLOAD_MB", 50);
const spreadSeconds = positiveNumber("BENCH_SPREAD_SECONDS", 50);
const windowSeconds = positiveNumber("BENCH_WINDOW", 60);
const phases = (process.env.BENCH_PHASES ?? "uploads,burst,spread").split(",").map((s) => s.trim()).filter(Boolean);
const keep = process.env.BENCH_KEEP === "1";
const soakRounds = Math.round(positiveNumber("BENCH_SOAK_ROUNDS", 30));
const GROWTH_GOAL_MB = 100;
const REQUEST_TIMEOUT_MS = 120_000;
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
const MB = 1024 * 1024;

for (const p of phases) {
  if (!["uploads", "burst", "spread", "soak"].includes(p)) {
    console.error(`BENCH_PHASES: unknown phase "${p}" (uploads, burst, spread, soak)`);
    process.exit(2);
  }
}

function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${name} must be a positive number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

/** The build must exist and contain the proposal routes (an older build may not). */
function ensureBuild() {
  const index = path.join(root, "build", "index.js");
  const text = existsSync(index) ? readFileSync(index, "utf8") : "";
  const fresh = text.includes('"routes/proposals.$number._index"') && text.includes('"routes/proposals.$number.files"');
  if (fresh && process.env.BENCH_REBUILD !== "1") return;
  console.log("building (npx remix build) …");
  run("npx", ["remix", "build"], { ...process.env, NODE_ENV: "production" });
}

/** Environment for the children: SQLite, local uploads, mail kept in the outbox. */
function childEnv(extra) {
  const env = { ...process.env, UPLOADS_DIR: uploadsDir, ...extra };
  for (const k of ["DATABASE_URL", "UPLOADTHING_TOKEN", "SMTP_URL", "APP_ORIGIN"]) delete env[k];
  return env;
}

function startServer(port) {
  // The probe (bench/server-probe.mjs): memory after a forced GC and event-loop delay, on SIGUSR2.
  const args = ["--expose-gc", "--import", path.join(root, "bench", "server-probe.mjs"), path.join(root, "scripts", "server.mjs")];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({
      NODE_ENV: "production",
      COOKIE_SECURE: "0",
      PORT: String(port),
      HOST: "127.0.0.1",
      SQLITE_PATH: dbFile,
      LOG_REQUESTS: "0",
    }),
  });
  let output = "";
  const counts = { busy: 0, errorLines: 0 };
  const heapWaiters = [];
  const keepOutput = (chunk) => {
    const s = chunk.toString();
    for (const m of s.matchAll(/^BENCH_PROBE (\{.*\})$/gm)) heapWaiters.shift()?.(JSON.parse(m[1]));
    counts.busy += (s.match(/SQLITE_BUSY/g) ?? []).length;
    counts.errorLines += (s.match(/error/gi) ?? []).length;
    output = (output + s).slice(-8000);
  };
  child.stdout.on("data", keepOutput);
  child.stderr.on("data", keepOutput);
  child.output = () => output;
  child.counts = counts;
  /**
   * Full GC in the server, then its memory (MB): heap used, heap total,
   * external + array buffers, RSS; and the event-loop delay since the last call.
   */
  child.heapAfterGc = () =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      heapWaiters.push((m) => {
        clearTimeout(timer);
        resolve({
          heapUsedMb: m.heapUsed / MB,
          heapTotalMb: m.heapTotal / MB,
          externalMb: (m.external + m.arrayBuffers) / MB,
          rssMb: m.rss / MB,
          loopDelayMaxMs: m.loopDelayMaxMs,
          loopDelayP99Ms: m.loopDelayP99Ms,
          gcCount: m.gcCount,
          gcTotalMs: m.gcTotalMs,
          gcMaxMs: m.gcMaxMs,
        });
      });
      child.kill("SIGUSR2");
    });
  return child;
}

async function waitUntilUp(base, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(`${base}/login`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not answer within 30 s:\n${child.output()}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Resident memory of the server, sampled every 10 ms in a worker thread (the
// main thread is busy sending 250 MB and would sample late).

const SAMPLER = `
const { workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const ctrl = new Int32Array(workerData.ctrl);   // [0] stop, [1] reset generation, [2] sleep slot
const stats = new Float64Array(workerData.stats); // [0] peak kB, [1] last kB, [2] sum kB, [3] samples, [4] min kB, [5] max gap ms
let generation = -1;
let last = 0;
while (Atomics.load(ctrl, 0) === 0) {
  if (Atomics.load(ctrl, 1) !== generation) {
    generation = Atomics.load(ctrl, 1);
    stats[0] = 0; stats[2] = 0; stats[3] = 0; stats[4] = Infinity; stats[5] = 0; last = 0;
  }
  let kb = NaN;
  try {
    const m = /VmRSS:\\s+(\\d+) kB/.exec(readFileSync("/proc/" + workerData.pid + "/status", "utf8"));
    if (m) kb = Number(m[1]);
  } catch { break; }
  const now = performance.now();
  if (last) stats[5] = Math.max(stats[5], now - last);
  last = now;
  if (kb === kb) {
    stats[1] = kb;
    if (kb > stats[0]) stats[0] = kb;
    if (kb < stats[4]) stats[4] = kb;
    stats[2] += kb;
    stats[3] += 1;
  }
  Atomics.wait(ctrl, 2, 0, 10);
}
`;

function startSampler(pid) {
  const ctrl = new SharedArrayBuffer(3 * 4);
  const stats = new SharedArrayBuffer(6 * 8);
  const worker = new Worker(SAMPLER, { eval: true, workerData: { pid, ctrl, stats } });
  const c = new Int32Array(ctrl);
  const s = new Float64Array(stats);
  return {
    /** Start a new window of samples (the worker picks it up within ~10 ms). */
    async reset() {
      Atomics.add(c, 1, 1);
      await sleep(30);
    },
    read() {
      return { peakMb: s[0] / 1024, lastMb: s[1] / 1024, meanMb: s[3] ? s[2] / s[3] / 1024 : NaN, minMb: s[4] / 1024, samples: s[3], maxGapMs: s[5] };
    },
    async stop() {
      Atomics.store(c, 0, 1);
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------
// Figures

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const v = [...values].sort((a, b) => a - b);
  return { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99), max: v.length ? v[v.length - 1] : null };
}

const ms = (x) => (x === null || x === undefined ? "—" : x.toFixed(0));
const mb = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");
const verdict = (ok) => (ok ? "GOAL MET" : "GOAL MISSED");

function loadLine() {
  return os.loadavg().map((x) => x.toFixed(2)).join(" ");
}

// ---------------------------------------------------------------------------
// One virtual agency

class Failure extends Error {
  constructor(step, reason) {
    super(`${step}: ${reason}`);
    this.step = step;
    this.reason = reason;
  }
}

/**
 * A request timed from sending to the last byte of the body, recorded under
 * `type`. Throws Failure on a network error or timeout.
 */
async function timed(latencies, type, url, init) {
  const t0 = performance.now();
  let res;
  let body;
  try {
    res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init });
    body = await res.text();
  } catch (e) {
    latencies.failed.push({ type, ms: performance.now() - t0 });
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.name ?? "error";
    throw new Failure(type, `network: ${cause}`);
  }
  latencies[type].push(performance.now() - t0);
  return { res, body };
}

const VERSION_RE = /name="version" value="(\d+)"/;

function formBody(values, version, intent) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== "") form.append(k, v);
  form.set("version", String(version));
  form.set("intent", intent);
  return form.toString();
}

function snippet(body) {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body);
  return (m ? m[1] : body).replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim().slice(0, 120);
}

async function agencyJourney(base, agency, phase, latencies) {
  const draft = agency.drafts[phase];
  const url = `${base}/proposals/${encodeURIComponent(draft.number)}`;
  const get = { headers: { cookie: `sayembara_session=${agency.session}`, "accept-encoding": ACCEPT_ENCODING || "identity" } };
  const post = (body) => ({
    method: "POST",
    headers: {
      ...get.headers,
      "content-type": "application/x-www-form-urlencoded",
      origin: base,
    },
    body,
  });

  // 1. The page, as the Admin Lokal opens it.
  let r = await timed(latencies, "page", url, get);
  if (r.res.status !== 200) throw new Failure("page", `HTTP ${r.res.status}`);
  const v1 = VERSION_RE.exec(r.body);
  if (!v1 || !r.body.includes('id="proposal-form"')) throw new Failure("page", "no proposal form");
  const version = Number(v1[1]);

  // 2. Save with one section changed (a last correction before the deadline).
  const marker = `Diperbarui menjelang tenggat (${phase}).`;
  const values = { ...draft.values, answer_ringkasan: `${draft.values.answer_ringkasan} ${marker}` };
  r = await timed(latencies, "save", url, post(formBody(values, version, "save")));
  const saved = r.res.headers.get("location") ?? "";
  if (r.res.status !== 302 || !saved.includes("notice=saved")) {
    throw new Failure("save", `HTTP ${r.res.status}${saved ? ` → ${saved}` : ""} ${r.res.status === 302 ? "" : snippet(r.body)}`.trim());
  }

  // 3. The page the save redirects to.
  r = await timed(latencies, "page after save", new URL(saved, base).href, get);
  if (r.res.status !== 200) throw new Failure("page after save", `HTTP ${r.res.status}`);
  const v2 = VERSION_RE.exec(r.body);
  if (!v2) throw new Failure("page after save", "no proposal form");
  if (Number(v2[1]) !== version + 1) throw new Failure("page after save", `version ${v2[1]}, expected ${version + 1}`);

  // 4. Submit (the submit button posts the whole form).
  r = await timed(latencies, "submit", url, post(formBody(values, Number(v2[1]), "submit")));
  const submitted = r.res.headers.get("location") ?? "";
  if (r.res.status !== 302 || !submitted.includes("notice=submitted")) {
    let why = `HTTP ${r.res.status}${submitted ? ` → ${submitted}` : ""}`;
    // A refused submission names its problems in the page.
    const problems = [...r.body.matchAll(/problem\.[a-z_]+/g)].map((m) => m[0]);
    if (problems.length) why += ` ${[...new Set(problems)].join(",")}`;
    else if (r.res.status !== 302) why += ` ${snippet(r.body)}`;
    throw new Failure("submit", why);
  }

  // 5. The receipt.
  r = await timed(latencies, "receipt page", new URL(submitted, base).href, get);
  if (r.res.status !== 200) throw new Failure("receipt page", `HTTP ${r.res.status}`);
  const escaped = draft.number.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const receipt = new RegExp(`${escaped}/\\d{8}\\.\\d{4}`).exec(r.body);
  if (!receipt) throw new Failure("receipt page", "no receipt number on the page");
  return receipt[0];
}

async function rushPhase(base, server, sampler, plan, phase) {
  const latencies = { page: [], save: [], "page after save": [], submit: [], "receipt page": [], failed: [] };
  const journeys = [];
  const failures = [];
  const receipts = new Map();
  const list = plan.agencies.slice(0, agencies);
  const loadBefore = loadLine();
  await sampler.reset();
  const cpuBefore = cpuSeconds(server.pid);
  const t0 = performance.now();
  let lastEnd = 0;
  await Promise.all(
    list.map(async (agency, i) => {
      if (phase === "spread") await sleep((i * spreadSeconds * 1000) / list.length);
      const start = performance.now();
      try {
        const receipt = await agencyJourney(base, agency, phase, latencies);
        receipts.set(agency.drafts[phase].number, receipt);
      } catch (e) {
        failures.push(e instanceof Failure ? { step: e.step, reason: e.reason, number: agency.drafts[phase].number } : { step: "?", reason: String(e), number: agency.drafts[phase].number });
      } finally {
        const end = performance.now();
        journeys.push(end - start);
        lastEnd = Math.max(lastEnd, end - t0);
      }
    }),
  );
  const cpuAfter = cpuSeconds(server.pid);
  const mem = sampler.read();
  const requests = Object.entries(latencies)
    .filter(([k]) => k !== "failed")
    .reduce((n, [, v]) => n + v.length, 0);
  return {
    phase,
    agencies: list.length,
    start: phase === "spread" ? `evenly spaced over ${spreadSeconds} s` : "all at once",
    loadBefore,
    loadAfter: loadLine(),
    elapsedS: lastEnd / 1000,
    requests,
    accepted: receipts.size,
    receipts,
    failures,
    latency: Object.fromEntries(Object.entries(latencies).filter(([k]) => k !== "failed").map(([k, v]) => [k, summary(v)])),
    allRequests: summary(Object.entries(latencies).filter(([k]) => k !== "failed").flatMap(([, v]) => v)),
    journey: summary(journeys),
    serverCpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    rss: mem,
  };
}

// ---------------------------------------------------------------------------
// Soak: repeated bursts of page GETs, memory after each

async function soakPhase(base, server, sampler, plan) {
  const list = plan.agencies.slice(0, agencies);
  const loadBefore = loadLine();
  const rounds = [];
  const cpuBefore = cpuSeconds(server.pid);
  for (let round = 1; round <= soakRounds; round++) {
    await sampler.reset();
    const statuses = await Promise.all(
      list.map(async (a) => {
        try {
          const res = await fetch(`${base}/proposals/${encodeURIComponent(a.drafts.burst.number)}`, {
            redirect: "manual",
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            headers: { cookie: `sayembara_session=${a.session}`, "accept-encoding": ACCEPT_ENCODING || "identity" },
          });
          await res.text();
          return res.status === 200 ? "ok" : `HTTP ${res.status}`;
        } catch (e) {
          return `network: ${e?.cause?.code ?? e?.name ?? "error"}`;
        }
      }),
    );
    await sleep(1000);
    const mem = sampler.read();
    const failures = statuses.filter((x) => x !== "ok");
    const row = { round, ok: statuses.length - failures.length, failures: [...new Set(failures)], peakMb: mem.peakMb, afterMb: mem.lastMb, gc: null };
    if (round % 5 === 0 || round === soakRounds) row.gc = await server.heapAfterGc();
    rounds.push(row);
    process.stdout.write(
      `  round ${round}: ${row.ok}/${list.length} ok${failures.length ? ` (${failures.length} failed: ${row.failures.join(", ")})` : ""}, ` +
        `RSS peak ${mb(row.peakMb)} MB, 1 s after ${mb(row.afterMb)} MB${row.gc ? `; after a forced GC: ${gcLine(row.gc)}` : ""}\n`,
    );
  }
  const cpuAfter = cpuSeconds(server.pid);
  return { loadBefore, loadAfter: loadLine(), agencies: list.length, rounds, serverCpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

// ---------------------------------------------------------------------------
// Uploads

function ensureBigPdf(bytes) {
  if (existsSync(bigPdf) && statSync(bigPdf).size === bytes) return;
  console.log(`writing a ${uploadMb} MB PDF (${path.relative(root, bigPdf)}) …`);
  const head = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const tail = Buffer.from("\n%%EOF\n");
  const fillerBytes = bytes - head.length - tail.length;
  const chunk = Buffer.alloc(MB);
  // Incompressible-looking filler in a comment-like stream, so nothing along the way shrinks it.
  randomBytes(MB).copy(chunk);
  const parts = [head];
  let left = fillerBytes;
  while (left > 0) {
    const n = Math.min(left, MB);
    parts.push(n === MB ? chunk : chunk.subarray(0, n));
    left -= n;
  }
  parts.push(tail);
  writeFileSync(bigPdf, Buffer.concat(parts));
}

/** A multipart body streamed from disk: the slot field, then the file part. */
function multipartStream(slot, filePath, fileSize) {
  const boundary = `----sayembara-bench-${randomBytes(12).toString("hex")}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="slot"\r\n\r\n${slot}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bukti-dukung.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts() {
    yield pre;
    for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) yield chunk;
    yield post;
  }
  return { stream: Readable.toWeb(Readable.from(parts())), boundary, length: pre.length + fileSize + post.length };
}

async function uploadsPhase(base, server, sampler, plan) {
  const bytes = Math.round(uploadMb * MB);
  ensureBigPdf(bytes);
  const list = plan.uploaders.slice(0, uploaders);
  if (list.length < uploaders) throw new Error(`the plan has ${list.length} upload drafts, ${uploaders} wanted`);
  const loadBefore = loadLine();
  // Idle baseline: the server has answered its warm-up requests; let it settle, then sample for 2 s.
  await sleep(1000);
  await sampler.reset();
  await sleep(2000);
  const idle = sampler.read();
  await sampler.reset();
  const cpuBefore = cpuSeconds(server.pid);
  const t0 = performance.now();
  const results = await Promise.all(
    list.map(async (u) => {
      const { stream, boundary, length } = multipartStream(plan.uploadSlot, bigPdf, bytes);
      const url = `${base}/proposals/${encodeURIComponent(u.number)}/files?slot=${encodeURIComponent(plan.uploadSlot)}`;
      const start = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          redirect: "manual",
          duplex: "half",
          signal: AbortSignal.timeout(10 * 60_000),
          headers: {
            cookie: `sayembara_session=${u.session}`,
            origin: base,
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": String(length),
          },
          body: stream,
        });
        const body = await res.text();
        const location = res.headers.get("location") ?? "";
        const ok = res.status === 302 && location.includes("notice=uploaded");
        return { number: u.number, ok, status: res.status, why: ok ? null : `HTTP ${res.status} ${location || snippet(body)}`, ms: performance.now() - start };
      } catch (e) {
        return { number: u.number, ok: false, status: null, why: `network: ${e?.cause?.code ?? e?.message ?? e}`, ms: performance.now() - start };
      }
    }),
  );
  const elapsed = performance.now() - t0;
  // Keep sampling a moment after the last answer (the body may still be settling into storage).
  await sleep(300);
  const cpuAfter = cpuSeconds(server.pid);
  const during = sampler.read();
  return {
    loadBefore,
    loadAfter: loadLine(),
    files: list.length,
    bytes,
    results,
    elapsedS: elapsed / 1000,
    serverCpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    baselineMb: idle.meanMb,
    baselineMaxMb: idle.peakMb,
    peakMb: during.peakMb,
    growthMb: during.peakMb - idle.meanMb,
    samples: during.samples,
    maxGapMs: during.maxGapMs,
  };
}

// ---------------------------------------------------------------------------
// What the database says, read after the server stopped

function verify(plan, rush, uploads) {
  const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
  try {
    const byNumber = db.prepare("select id, status, receipt_number, version from proposals where number = ?");
    const answer = db.prepare("select body from proposal_answers where proposal_id = ? and section_key = 'ringkasan'");
    const audits = db.prepare("select count(*) as n from audit_log where entity_id = ? and action = 'proposal.submitted'");
    for (const r of rush) {
      let persisted = 0;
      let persistedAccepted = 0;
      let receiptMismatch = 0;
      let changeKept = 0;
      let submittedAudits = 0;
      for (const agency of plan.agencies.slice(0, agencies)) {
        const number = agency.drafts[r.phase].number;
        const row = byNumber.get(number);
        if (!row) continue;
        if (row.status === "submitted" && row.receipt_number) {
          persisted++;
          const seen = r.receipts.get(number);
          if (seen) {
            persistedAccepted++;
            if (seen !== row.receipt_number) receiptMismatch++;
          }
        }
        if ((answer.get(row.id)?.body ?? "").includes(`(${r.phase}).`)) changeKept++;
        submittedAudits += audits.get(row.id).n;
      }
      Object.assign(r, { persisted, persistedAccepted, receiptMismatch, changeKept, submittedAudits });
    }
    if (uploads) {
      const files = db.prepare(
        "select f.storage_key, f.size_bytes, f.mime_type from proposal_files f join proposals p on p.id = f.proposal_id where p.number = ? and f.slot_key = ?",
      );
      for (const u of uploads.results) {
        const rows = files.all(u.number, plan.uploadSlot);
        const row = rows.find((x) => Number(x.size_bytes) === uploads.bytes);
        let onDisk = false;
        if (row) {
          const p = path.join(uploadsDir, row.storage_key.slice(0, 2), row.storage_key);
          onDisk = existsSync(p) && statSync(p).size === uploads.bytes;
        }
        u.rows = rows.length;
        u.stored = Boolean(row) && onDisk && row.mime_type === "application/pdf";
      }
      uploads.stored = uploads.results.filter((u) => u.stored).length;
    }
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------

function gcLine(m) {
  if (!m) return "—";
  return `RSS ${mb(m.rssMb)} MB, V8 heap used ${mb(m.heapUsedMb)} MB of ${mb(m.heapTotalMb)} MB, external + array buffers ${mb(m.externalMb)} MB`;
}

function loopLine(m) {
  if (!m) return "—";
  return `max ${ms(m.loopDelayMaxMs)} ms, p99 ${ms(m.loopDelayP99Ms)} ms; GC ${m.gcCount} pauses, ${ms(m.gcTotalMs)} ms in all, longest ${ms(m.gcMaxMs)} ms`;
}

function printUploads(u) {
  console.log("");
  console.log(`UPLOADS: ${u.files} clients × ${(u.bytes / MB).toFixed(0)} MB PDF at once (load avg before ${u.loadBefore}, after ${u.loadAfter})`);
  for (const r of u.results) {
    const rate = r.ms > 0 ? (u.bytes / MB / (r.ms / 1000)).toFixed(1) : "—";
    console.log(`  ${r.number}  ${r.ok ? "302 uploaded" : r.why}  ${(r.ms / 1000).toFixed(1)} s (${rate} MB/s)  stored: ${r.stored ? "yes" : "NO"}${r.rows > 1 ? ` (${r.rows} rows)` : ""}`);
  }
  console.log(`  all done in ${u.elapsedS.toFixed(1)} s; server CPU ${u.serverCpuS === null ? "—" : `${u.serverCpuS.toFixed(1)} s`}`);
  console.log(`  server RSS: idle baseline ${mb(u.baselineMb)} MB (max ${mb(u.baselineMaxMb)} over 2 s), peak ${mb(u.peakMb)} MB, growth ${mb(u.growthMb)} MB`);
  console.log(`  (${u.samples} samples, longest gap between samples ${u.maxGapMs.toFixed(0)} ms)`);
  console.log(`  2 s later, after a forced full GC: ${gcLine(u.afterGc)}`);
  console.log(`  server event-loop delay during the phase: ${loopLine(u.afterGc)}`);
  console.log(`  memory growth < ${GROWTH_GOAL_MB} MB: ${verdict(u.growthMb < GROWTH_GOAL_MB)}`);
  console.log(`  all ${u.files} stored: ${verdict(u.stored === u.files)} (${u.stored}/${u.files})`);
}

function printRush(r) {
  const errors = r.failures.length;
  console.log("");
  console.log(
    `${r.phase.toUpperCase()}: ${r.agencies} agencies, started ${r.start}; load avg before ${r.loadBefore}, after ${r.loadAfter}`,
  );
  console.log(
    `  ${r.requests} requests in ${r.elapsedS.toFixed(1)} s; server CPU ${r.serverCpuS === null ? "—" : `${r.serverCpuS.toFixed(1)} s`} ` +
      `(${r.serverCpuS === null || r.requests === 0 ? "—" : ((r.serverCpuS * 1000) / r.requests).toFixed(1)} ms/request)`,
  );
  console.log(
    `  server RSS: ${mb(r.rss.minMb)} MB at the start, peak ${mb(r.rss.peakMb)} MB, ${mb(r.rss.lastMb)} MB at the end (${r.rss.samples} samples)`,
  );
  console.log(`  2 s after the phase, after a forced full GC: ${gcLine(r.afterGc)}`);
  console.log(`  server event-loop delay during the phase: ${loopLine(r.afterGc)}`);
  console.log(`  ${pad("request", 16, true)} ${pad("n", 5)} ${pad("p50 ms", 7)} ${pad("p95 ms", 7)} ${pad("p99 ms", 7)} ${pad("max ms", 7)}`);
  const rows = [...Object.entries(r.latency), ["all requests", r.allRequests], ["journey (5 req)", r.journey]];
  for (const [name, s] of rows) {
    console.log(`  ${pad(name, 16, true)} ${pad(s.n, 5)} ${pad(ms(s.p50), 7)} ${pad(ms(s.p95), 7)} ${pad(ms(s.p99), 7)} ${pad(ms(s.max), 7)}`);
  }
  console.log(`  accepted ${r.accepted}, persisted ${r.persisted} (of them accepted ${r.persistedAccepted}), receipts differing from the database ${r.receiptMismatch}`);
  console.log(`  saved change kept in the database: ${r.changeKept}/${r.agencies}; "proposal.submitted" audit rows: ${r.submittedAudits}`);
  if (errors) {
    const byReason = new Map();
    for (const f of r.failures) {
      const key = `${f.step}: ${f.reason}`;
      byReason.set(key, (byReason.get(key) ?? 0) + 1);
    }
    console.log(`  errors by step and reason:`);
    for (const [k, n] of [...byReason].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`    ${n} × ${k}`);
  }
  console.log(`  errors = 0: ${verdict(errors === 0)} (${errors})`);
  console.log(`  persisted = accepted = ${r.agencies}: ${verdict(r.persisted === r.accepted && r.accepted === r.agencies && r.receiptMismatch === 0)}`);
  console.log(`  every journey within ${windowSeconds} s: ${verdict(r.elapsedS <= windowSeconds)} (last done at ${r.elapsedS.toFixed(1)} s)`);
}

function printSoak(k) {
  const first = k.rounds[0];
  const last = k.rounds[k.rounds.length - 1];
  const gcs = k.rounds.filter((r) => r.gc);
  const failed = k.rounds.reduce((n, r) => n + (k.agencies - r.ok), 0);
  console.log("");
  console.log(`SOAK: ${k.rounds.length} rounds × ${k.agencies} concurrent page GETs (load avg before ${k.loadBefore}, after ${k.loadAfter})`);
  console.log(`  RSS 1 s after round 1: ${mb(first.afterMb)} MB, after round ${last.round}: ${mb(last.afterMb)} MB`);
  console.log(`  after a forced GC: ${gcs.map((r) => `round ${r.round} RSS ${mb(r.gc?.rssMb)} / heap ${mb(r.gc?.heapUsedMb)} MB`).join("; ")}`);
  console.log(`  failed requests: ${failed}`);
}

async function main() {
  mkdirSync(workDir, { recursive: true });
  ensureBuild();
  console.log("preparing the rush database …");
  run("npx", ["tsx", "bench/prepare-rush.ts", path.relative(root, dbFile), path.relative(root, planFile), String(agencies), String(uploaders)], childEnv({}));
  const plan = JSON.parse(readFileSync(planFile, "utf8"));

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

  const cpus = os.cpus();
  console.log("");
  console.log(`date        ${new Date().toISOString()}`);
  console.log(`node        ${process.version} (${process.platform} ${process.arch})`);
  console.log(`cpus        ${cpus.length} × ${cpus[0]?.model ?? "unknown"}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM`);
  console.log(`server      scripts/server.mjs, NODE_ENV=production, SQLite ${path.relative(root, dbFile)}, uploads ${path.relative(root, uploadsDir)}`);
  console.log(`phases      ${phases.join(", ")}; ${agencies} agencies per rush phase, ${uploaders} × ${uploadMb} MB uploads`);
  if (process.env.BENCH_SERVER_KEEPALIVE_MS) console.log(`keep-alive  server keepAliveTimeout ${process.env.BENCH_SERVER_KEEPALIVE_MS} ms (BENCH_SERVER_KEEPALIVE_MS)`);
  console.log(`encoding    ${ACCEPT_ENCODING ? `accept-encoding: ${ACCEPT_ENCODING}` : "none (identity)"}`);
  console.log(`load avg    ${loadLine()} (1/5/15 min) before the run`);

  let sampler;
  const rush = [];
  let uploads = null;
  let soak = null;
  let warmGc = null;
  try {
    await waitUntilUp(base, server);
    console.log(`server      child pid ${server.pid}, ${base}`);
    sampler = startSampler(server.pid);
    // Warm-up: a few proposal pages (not the rush's drafts), so the first rush requests do not pay for JIT and caches alone.
    for (let i = 0; i < 20; i++) {
      const u = plan.uploaders[i % plan.uploaders.length];
      const res = await fetch(`${base}/proposals/${u.number}`, { headers: { cookie: `sayembara_session=${u.session}`, "accept-encoding": ACCEPT_ENCODING || "identity" } });
      const body = await res.text();
      if (res.status !== 200 || !body.includes('id="proposal-form"')) throw new Error(`warm-up: GET /proposals/${u.number} answered ${res.status} without the form`);
    }

    warmGc = await server.heapAfterGc();
    console.log(`warm, idle  after a forced full GC: ${gcLine(warmGc)}`);
    for (const phase of phases) {
      process.stdout.write(`\nrunning ${phase} …\n`);
      let result;
      if (phase === "uploads") result = uploads = await uploadsPhase(base, server, sampler, plan);
      else if (phase === "soak") result = soak = await soakPhase(base, server, sampler, plan);
      else rush.push((result = await rushPhase(base, server, sampler, plan, phase)));
      await sleep(2000);
      result.afterGc = await server.heapAfterGc();
    }
  } finally {
    await sampler?.stop();
    stop();
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  }

  verify(plan, rush, uploads);
  if (uploads) printUploads(uploads);
  for (const r of rush) printRush(r);
  if (soak) printSoak(soak);
  console.log("");
  console.log(`server log: ${server.counts.busy} × SQLITE_BUSY, ${server.counts.errorLines} lines mentioning "error"`);
  if (server.counts.errorLines > 0) console.log(`last server output:\n${server.output().slice(-3000)}`);

  writeFileSync(
    path.join(workDir, "rush-last.json"),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus.length,
        loadavg: os.loadavg(),
        agencies,
        warmGc,
        uploads,
        soak,
        rush: rush.map(({ receipts, ...r }) => ({ ...r, failures: r.failures.slice(0, 50) })),
        serverLog: server.counts,
      },
      null,
      2,
    ),
  );
  if (!keep) {
    rmSync(uploadsDir, { recursive: true, force: true });
    rmSync(bigPdf, { force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
