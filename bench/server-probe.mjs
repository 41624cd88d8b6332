/**
 * Preloaded into the server by bench/deadline-rush.mjs:
 *   node --expose-gc --import ./bench/server-probe.mjs scripts/server.mjs
 *
 * On SIGUSR2: two full garbage collections, then one line on stdout
 *   BENCH_PROBE {"rss":…,"heapUsed":…,…,"loopDelayMaxMs":…,"loopDelayP99Ms":…}
 * with process.memoryUsage() and the event-loop delay since the previous
 * probe (monitorEventLoopDelay, 10 ms resolution), which is then reset. So
 * the benchmark can tell memory still held (live objects) from memory V8 or
 * the allocator has not returned yet, and see how long the loop was blocked
 * and how much of that was garbage collection (pauses since the last probe).
 *
 * BENCH_SERVER_KEEPALIVE_MS: sets keepAliveTimeout of the HTTP server the app
 * creates (Node's default is 5000), to try that change without editing
 * scripts/server.mjs.
 */
import http from "node:http";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

// Garbage-collection pauses since the previous probe (the probe's own forced GCs excluded).
let gc = { count: 0, totalMs: 0, maxMs: 0 };
let probing = false;
new PerformanceObserver((list) => {
  if (probing) return;
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ["gc"] });

process.on("SIGUSR2", () => {
  const seen = gc;
  probing = true;
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  // GC entries are delivered asynchronously: ignore the forced ones for a moment.
  setTimeout(() => {
    probing = false;
  }, 200);
  gc = { count: 0, totalMs: 0, maxMs: 0 };
  const line = {
    ...m,
    gcCount: seen.count,
    gcTotalMs: seen.totalMs,
    gcMaxMs: seen.maxMs,
    loopDelayMaxMs: delay.max / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    loopDelayMeanMs: delay.mean / 1e6,
  };
  delay.reset();
  console.log(`BENCH_PROBE ${JSON.stringify(line)}`);
});

const keepAlive = Number(process.env.BENCH_SERVER_KEEPALIVE_MS);
if (keepAlive > 0) {
  const create = http.createServer;
  http.createServer = (...args) => {
    const server = create(...args);
    server.keepAliveTimeout = keepAlive;
    return server;
  };
}
