/**
 * Preloaded into the server by bench/catalogue.ts and bench/replications.ts
 * (through bench/server-bench.ts, with bench/server-probe.mjs):
 *   node --expose-gc --import ./bench/server-probe.mjs --import ./bench/catalogue-probe.mjs scripts/server.mjs
 *
 * Times every request inside the server, from the moment Node hands it to the
 * HTTP server ('request', before Express) to the moment the response is
 * finished ('finish': the last byte handed to the socket), and groups the
 * durations by target: the request's `x-bench-target` header when it has
 * one (bench/server-bench.ts sends it), else by URL: bare (/bench/bare), page
 * (/bench/page), winners (/editions/…), search (/innovations…), other. On
 * SIGUSR2 it prints one line
 *   BENCH_TIMING {"search":{"n":…,"p50":…,"p95":…,"p99":…,"max":…},…}
 * (milliseconds) and starts over. Time spent waiting in the socket before
 * Node parses the request is not included; time waiting for the event loop
 * after that is.
 */
import http from "node:http";

let samples = new Map();

function bucketOf(url) {
  if (url.startsWith("/bench/bare")) return "bare";
  if (url.startsWith("/bench/page")) return "page";
  if (url.startsWith("/editions/")) return "winners";
  if (url.startsWith("/innovations")) return "search";
  return "other";
}

const create = http.createServer;
http.createServer = (...args) => {
  const server = create(...args);
  server.prependListener("request", (req, res) => {
    const t0 = process.hrtime.bigint();
    const named = req.headers["x-bench-target"];
    const bucket = typeof named === "string" && /^[\w.-]{1,40}$/.test(named) ? named : bucketOf(req.url ?? "");
    res.once("finish", () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let list = samples.get(bucket);
      if (!list) samples.set(bucket, (list = []));
      list.push(ms);
    });
  });
  return server;
};

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

process.on("SIGUSR2", () => {
  const out = {};
  for (const [bucket, list] of samples) {
    list.sort((a, b) => a - b);
    out[bucket] = { n: list.length, p50: pct(list, 50), p95: pct(list, 95), p99: pct(list, 99), max: list[list.length - 1] };
  }
  samples = new Map();
  console.log(`BENCH_TIMING ${JSON.stringify(out)}`);
});
