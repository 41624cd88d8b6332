/**
 * A small in-process cache for public pages (announcement day: thousands of
 * people open the same winners page at once).
 *
 * It keeps a response only when the app marked it `Cache-Control: public`
 * (the public pages and open-data endpoints do, and only for visitors without
 * a session cookie — app/lib/public-http.server.ts) and it was a 200 to a GET.
 * It never answers a request that carries a session cookie. Entries are keyed
 * by URL and the language cookie, kept compressed once (brotli and gzip) and
 * served for at most PUBLIC_CACHE_TTL seconds (default 10) — less than the
 * 60 s the same responses allow browsers and proxies. Only one request
 * renders a missing page while the others with the same key wait for it, and
 * an entry that has just expired is served as "stale" while one request
 * renders it again (for at most 6 TTLs). Publication (an
 * announcement, a certificate, a catalogue change) empties the cache at once
 * through `globalThis.__sayembaraPublicCache.clear()` (called by the app's
 * `invalidatePublicCache()`), so in one process nobody sees a stale list after
 * publishing; with several processes the TTL bounds the delay.
 *
 * PUBLIC_CACHE=0 turns it off (the benchmark reports both).
 */
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

const SESSION_COOKIE = "sayembara_session";
const LANG_COOKIE = "sayembara_lang";
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_BODY = 2 * 1024 * 1024;
/** An expired entry is still served (as "stale") for this many TTLs while one request refreshes it. */
const STALE_FACTOR = 6;

function cookieValue(header, name) {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

/** Which stored variant suits the request's Accept-Encoding. */
function pickEncoding(accept) {
  const a = (accept ?? "").toLowerCase();
  if (/\bbr\b/.test(a)) return "br";
  if (/\bgzip\b/.test(a)) return "gzip";
  return "identity";
}

export function createPublicCache({ ttlSeconds = Number(process.env.PUBLIC_CACHE_TTL ?? 10), now = () => Date.now() } = {}) {
  /** key → { at, status, headers, bodies: {identity, br, gzip}, size } (Map order = LRU order). */
  const entries = new Map();
  let bytes = 0;
  let generation = 0;
  const stats = { hits: 0, misses: 0, stores: 0, clears: 0, waits: 0, stale: 0 };
  /** key → promise settled when the request rendering that key is done. */
  const inFlight = new Map();

  function serve(req, res, key, entry, kind) {
    if (kind === "stale") stats.stale++;
    else stats.hits++;
    entries.delete(key);
    entries.set(key, entry);
    const enc = pickEncoding(req.headers["accept-encoding"]);
    const body = entry.bodies[enc];
    res.status(entry.status);
    for (const [k, v] of entry.headers) res.setHeader(k, v);
    if (enc !== "identity") res.setHeader("Content-Encoding", enc);
    res.setHeader("Vary", "Accept-Encoding, Cookie");
    res.setHeader("Content-Length", String(body.length));
    res.setHeader("X-Public-Cache", kind);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function drop(key) {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.size;
    entries.delete(key);
  }

  function clear() {
    // Waiters of an in-flight render fall through to the app (the generation changed).
    entries.clear();
    bytes = 0;
    generation++;
    stats.clears++;
  }

  function middleware(req, res, next) {
    if ((req.method !== "GET" && req.method !== "HEAD") || ttlSeconds <= 0) return next();
    const cookies = req.headers.cookie;
    if (cookieValue(cookies, SESSION_COOKIE)) return next();
    const key = `${req.originalUrl}\u0000${cookieValue(cookies, LANG_COOKIE) ?? ""}`;
    const hit = entries.get(key);
    const age = hit ? now() - hit.at : Infinity;
    if (hit && age < ttlSeconds * 1000) return serve(req, res, key, hit, "hit");
    // Expired but recent: one request refreshes it, the others get the stale copy meanwhile.
    if (hit && age < ttlSeconds * 1000 * STALE_FACTOR && inFlight.has(key)) return serve(req, res, key, hit, "stale");
    if (hit && age >= ttlSeconds * 1000 * STALE_FACTOR) drop(key);
    // A miss already being rendered: wait for it instead of rendering the same page again.
    const pending = inFlight.get(key);
    if (pending && !hit) {
      stats.waits++;
      const waitGeneration = generation;
      return pending.then(() => {
        const fresh = entries.get(key);
        if (fresh && generation === waitGeneration && now() - fresh.at < ttlSeconds * 1000) return serve(req, res, key, fresh, "hit");
        next();
      });
    }
    stats.misses++;
    if (req.method === "HEAD") return next();
    let settle;
    inFlight.set(key, new Promise((resolve) => (settle = resolve)));
    const finish = () => {
      inFlight.delete(key);
      settle();
    };
    res.on("close", finish);

    // Capture what the app writes (uncompressed: this runs inside the compression middleware).
    const startGeneration = generation;
    const chunks = [];
    let size = 0;
    let tooBig = false;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const keep = (chunk, encoding) => {
      if (chunk == null || tooBig) return;
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8");
      size += b.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(b);
    };
    res.setHeader("X-Public-Cache", "miss");
    res.write = (chunk, encoding, cb) => {
      keep(chunk, encoding);
      return write(chunk, encoding, cb);
    };
    res.end = (chunk, encoding, cb) => {
      if (typeof chunk !== "function") keep(chunk, encoding);
      const result = end(chunk, encoding, cb);
      try {
        store();
      } catch {
        // A cache that cannot store is only a slower page.
      }
      return result;
    };
    function store() {
      if (tooBig || res.statusCode !== 200 || generation !== startGeneration) return;
      const cc = String(res.getHeader("Cache-Control") ?? "");
      if (!/\bpublic\b/.test(cc) || res.getHeader("Set-Cookie")) return;
      const identity = Buffer.concat(chunks);
      const headers = [];
      for (const name of ["content-type", "cache-control", "content-disposition", "link", "x-robots-tag"]) {
        const v = res.getHeader(name);
        if (v !== undefined) headers.push([name, v]);
      }
      const bodies = {
        identity,
        br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 18 } }),
        gzip: gzipSync(identity, { level: 6 }),
      };
      const entrySize = identity.length + bodies.br.length + bodies.gzip.length + key.length;
      drop(key);
      entries.set(key, { at: now(), status: 200, headers, bodies, size: entrySize });
      bytes += entrySize;
      stats.stores++;
      while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) drop(entries.keys().next().value);
    }
    next();
  }

  return { middleware, clear, stats, size: () => entries.size };
}
