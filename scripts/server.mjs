/**
 * The HTTP server: Express + Remix. Serves the built assets, refuses
 * cross-site state-changing requests (CSRF), and passes the client address to
 * loaders and actions (for login rate limiting).
 *
 *   node scripts/server.mjs            (PORT, default 3000)
 *
 * `createServer(build)` is exported for the HTTP tests and the benchmark.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants as zlib } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createReadableStreamFromReadable, createRequestHandler as createRemixHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createPublicCache } from "./public-cache.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function loadBuild() {
  return import(pathToFileURL(path.join(root, "build", "index.js")).href);
}

function toFetchRequest(req) {
  const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === "string") headers.set(k, v);
  }
  return new Request(url, { method: "GET", headers });
}

/** A Fetch Request for an Express request (as @remix-run/express builds it). */
function toRemixRequest(req, res) {
  const port = (req.get("x-forwarded-host") ?? req.get("host") ?? "").split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller = new AbortController();
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else if (values) headers.set(key, values);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions when the client leaves before the response is done.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

/**
 * Remix's Express adapter, with one change: the response body is piped with
 * backpressure (stream.pipeline), so a slow reader of a 50 MB download does
 * not make the server buffer the file (remix-run/react-router#15049).
 */
function remixHandler(build, getLoadContext) {
  const handle = createRemixHandler(build, process.env.NODE_ENV === "development" ? "development" : "production");
  return async (req, res, next) => {
    try {
      const request = toRemixRequest(req, res);
      const response = await handle(request, getLoadContext(req));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) {
        await pipeline(Readable.fromWeb(response.body), res).catch((e) => {
          // A client that goes away mid-download is not a server error.
          if (e?.code !== "ERR_STREAM_PREMATURE_CLOSE") throw e;
        });
      } else {
        res.end();
      }
    } catch (error) {
      next(error);
    }
  };
}

export function createServer(
  build,
  {
    logRequests = false,
    publicCache = process.env.NODE_ENV === "production" && process.env.PUBLIC_CACHE !== "0",
    tick = process.env.NODE_ENV === "production",
  } = {},
) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Brotli at its default (quality 11, 4 MiB window) costs more CPU than the
  // whole page render; quality 4 with a 64 KiB window keeps most of the saving
  // (docs/benchmarks.md).
  // COMPRESSION=0 leaves compression to a reverse proxy (recommended in
  // production: in-process zlib contexts fragment native memory under bursts).
  if (process.env.COMPRESSION !== "0") {
    app.use(
      compression({
        brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 16 } },
      }),
    );
  }

  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Only paths that look like files reach the disk (favicon.svg, robots.txt):
  // a page request must not pay a failing stat.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  // A response sent before the request's body was read to its end (a refused
  // upload: 413, a form rejected early) closes the connection: the client may
  // still be sending, and a socket reused after that is reset (RFC 9112 §9.6).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!req.complete && !res.headersSent) res.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    };
    next();
  });

  // A per-request id the app uses to load the signed-in actor once per
  // request (root loader and route loader share it). Never the client's.
  app.use((req, _res, next) => {
    req.headers["x-sayembara-request"] = randomUUID();
    next();
  });

  if (logRequests) {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)} ms`);
      });
      next();
    });
  }

  // Public pages for visitors without a session (scripts/public-cache.mjs).
  // The app empties it on publication through globalThis.__sayembaraPublicCache.
  if (publicCache) {
    const cache = createPublicCache();
    globalThis.__sayembaraPublicCache = cache;
    app.use(cache.middleware);
  }

  const entry = build.entry.module;
  // Scheduled announcements are published on time even when nobody visits (app/entry.server.tsx tick).
  if (tick && typeof entry.tick === "function") {
    const timer = setInterval(() => {
      entry.tick().catch((e) => console.error("tick failed", e));
    }, 30_000);
    timer.unref();
  }
  app.use(async (req, res, next) => {
    const forged = entry.isForgedRequest({
      method: req.method,
      host: req.get("host"),
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      appOrigin: process.env.APP_ORIGIN,
    });
    if (!forged) return next();
    const page = await entry.forgedRequestPage(toFetchRequest(req));
    res.status(page.status).type("html").send(await page.text());
  });

  app.all(
    "*",
    remixHandler(build, (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" })),
  );
  return app;
}

/**
 * Listen with keep-alive longer than any event-loop stall under a burst and
 * longer than a reverse proxy's upstream idle timeout (nginx: 60 s), so an
 * idle connection is never closed with a request already on it
 * (docs/benchmarks.md, deadline rush).
 */
export function listen(app, port, host, onListening) {
  const server = app.listen(port, host, onListening);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const build = await loadBuild();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  listen(createServer(build, { logRequests: process.env.LOG_REQUESTS === "1" }), port, host, () => {
    console.log(`Sayembara berjalan di http://localhost:${port}`);
  });
}
