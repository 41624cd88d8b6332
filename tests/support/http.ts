/**
 * HTTP-level tests: the real built server (scripts/server.mjs: Express, the
 * CSRF guard, Remix) on a random port, driven with fetch.
 *
 * It builds nothing: run `npx remix build` first.
 *
 * How the server gets a test database. The build bundles its own copy of
 * app/db.server.ts, so its getDb() singleton is not the one the test imports
 * and setDb() from the test cannot reach it. But that singleton is created
 * lazily from the environment (DATABASE_URL, else SQLITE_PATH) on the first
 * request, and Vitest (pool "forks", isolate on: the defaults) runs each test
 * file in a new child process, so the build and the environment are fresh per
 * file (checked: three files under maxWorkers 1 got three pids). So
 * `startHttpApp()`, called once in a file's beforeAll:
 *   1. makes a fresh database for the file, like tests/support/db.ts does (a
 *      copy of the migrated base SQLite file, or a PostgreSQL database cloned
 *      from the migrated template);
 *   2. points SQLITE_PATH / DATABASE_URL at it, before the build is loaded;
 *   3. loads the build, listens on port 0 and makes one request, so the build
 *      opens that database at once (and fails loudly if it is not migrated);
 *   4. returns its own Kysely handle on the same database (`app.db`) for
 *      seeding and for reading what the server wrote (outbox, sessions).
 * Consequence: the tests of one file share one database (use distinct users
 * per test, e.g. one buildWorld in beforeAll), and one file starts the app
 * once; a second call in the same worker throws rather than silently using
 * the first database.
 *
 * On PostgreSQL the cloned database is not dropped by close(): the build's pool
 * still holds connections we cannot reach, and dropping it under them makes
 * the pool raise an unhandled error. tests/support/global-setup.ts drops every
 * sayembara_test_* database at the start of the next run.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type DB } from "../../app/db.server";
import { BASE_SQLITE, PG_TEMPLATE } from "./global-setup";

const ROOT = path.resolve(__dirname, "../..");
const BUILD_ENTRY = path.join(ROOT, "build", "index.js");
// Not under tmp/test-db: a second test run starting meanwhile (global-setup
// empties that directory) would delete the copy before the build opens it,
// and SQLite would quietly create an empty database in its place.
const HTTP_DB_DIR = path.join(ROOT, "tmp", "test-db-http");

export interface HttpResult {
  status: number;
  headers: Headers;
  body: string;
  /** The Location header of a redirect, if any. */
  location: string | null;
  /** Every Set-Cookie header. */
  setCookies: string[];
}

export interface RequestOptions {
  /** A Cookie header value, e.g. what login() returned. */
  cookie?: string;
  headers?: Record<string, string>;
}

export interface PostOptions extends RequestOptions {
  /** The Origin header; defaults to the server's own origin. Pass null to send none. */
  origin?: string | null;
}

export interface HttpApp {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** A handle on the server's database, for seeding and checking. */
  db: DB;
  get(path: string, opts?: RequestOptions): Promise<HttpResult>;
  post(path: string, form: Record<string, string> | URLSearchParams, opts?: PostOptions): Promise<HttpResult>;
  /** Sign in through POST /login; returns the session cookie ("sayembara_session=…"). Throws when refused. */
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Per process, not per module graph: the build's database is fixed for the life of the process. */
const STARTED = Symbol.for("sayembara.http.started");

interface FreshDatabase {
  db: DB;
  dispose(): Promise<void>;
}

/** A fresh database for this file, with the environment pointing the build at it. */
async function freshDatabase(): Promise<FreshDatabase> {
  const suffix = randomBytes(6).toString("hex");
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `sayembara_test_http_${suffix}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}" template "${PG_TEMPLATE}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    process.env.DATABASE_URL = u.toString();
    delete process.env.SQLITE_PATH;
    const db = createDatabase({ databaseUrl: u.toString() });
    return { db, dispose: () => db.destroy() };
  }
  mkdirSync(HTTP_DB_DIR, { recursive: true });
  const file = path.join(HTTP_DB_DIR, `${suffix}.sqlite`);
  copyFileSync(BASE_SQLITE, file);
  delete process.env.DATABASE_URL;
  process.env.SQLITE_PATH = file;
  const db = createDatabase({ sqlitePath: file });
  return {
    db,
    async dispose() {
      await db.destroy();
      // The build's own connection is still open; on Linux unlinking is fine.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
  };
}

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0].trim();
}

/** Start the built app on a fresh database. Call once per test file, in beforeAll. */
export async function startHttpApp(): Promise<HttpApp> {
  if (!existsSync(BUILD_ENTRY)) {
    throw new Error(`HTTP tests need the built app, but ${BUILD_ENTRY} is missing. Run \`npx remix build\` first.`);
  }
  const g = globalThis as { [STARTED]?: boolean };
  if (g[STARTED]) {
    throw new Error("startHttpApp: the built app's database is fixed once it is loaded; start it once per test file.");
  }
  g[STARTED] = true;

  const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, SQLITE_PATH: process.env.SQLITE_PATH };
  const fresh = await freshDatabase();
  // Imported only now, so nothing in the build can read the environment before it points at our database.
  const { createServer, loadBuild } = await import("../../scripts/server.mjs");
  const build = await loadBuild();
  const server: Server = await new Promise((resolve) => {
    const s = createServer(build).listen(0, "127.0.0.1", () => resolve(s));
  });
  // The server shares this process's event loop with the tests: when a test blocks it for a while, the
  // server's 5 s idle timeout and fetch's keep-alive reuse race, and a request goes out on a socket the
  // server is closing (ECONNRESET, seen once in CI). Idle sockets stay open longer than any test.
  server.keepAliveTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  async function send(method: string, p: string, body: URLSearchParams | undefined, opts: PostOptions): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.Cookie = opts.cookie;
    if (body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      const o = opts.origin === undefined ? origin : opts.origin;
      if (o !== null) headers.Origin = o;
    }
    const res = await fetch(new URL(p, origin), { method, headers, body, redirect: "manual" });
    return {
      status: res.status,
      headers: res.headers,
      body: await res.text(),
      location: res.headers.get("location"),
      setCookies: res.headers.getSetCookie(),
    };
  }

  // Make the build open its database now, while the fresh copy surely exists, and
  // check it is a migrated one: an unknown session id is looked up in `sessions`.
  const warm = await send("GET", "/login", undefined, { cookie: "sayembara_session=warm-up" });
  if (warm.status !== 200) {
    throw new Error(`startHttpApp: the built app could not use the test database (GET /login gave HTTP ${warm.status})`);
  }

  const app: HttpApp = {
    origin,
    db: fresh.db,
    get: (p, opts = {}) => send("GET", p, undefined, opts),
    post: (p, form, opts = {}) => send("POST", p, form instanceof URLSearchParams ? form : new URLSearchParams(form), opts),
    async login(email, password) {
      const res = await app.post("/login", { email, password });
      const session = res.setCookies.find((c) => c.startsWith("sayembara_session=") && !c.startsWith("sayembara_session=;"));
      if (res.status !== 302 || !session) throw new Error(`login as ${email} failed: HTTP ${res.status}`);
      return cookiePair(session);
    },
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      server.closeAllConnections();
      await closed;
      await fresh.dispose();
      for (const [k, v] of Object.entries(savedEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
  return app;
}
