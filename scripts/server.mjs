/**
 * The HTTP server: Express + Remix. Serves the built assets, refuses
 * cross-site state-changing requests (CSRF), and passes the client address to
 * loaders and actions (for login rate limiting).
 *
 *   node scripts/server.mjs            (PORT, default 3000)
 *
 * `createServer(build)` is exported for the HTTP tests and the benchmark.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

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

export function createServer(build, { logRequests = false } = {}) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());

  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

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

  const entry = build.entry.module;
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
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const build = await loadBuild();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  createServer(build, { logRequests: process.env.LOG_REQUESTS === "1" }).listen(port, host, () => {
    console.log(`Sayembara berjalan di http://localhost:${port}`);
  });
}
