/**
 * Browser tests (project e2e): a fresh SQLite database with the demo loaded,
 * the built server (`node scripts/server.mjs`) on a free port, and Debian's
 * Chromium driven by playwright-core. Run `npx remix build` first
 * (scripts/test-all.mjs does).
 *
 *   const app = useBrowser();               // in a test file, at top level
 *   it("…", async () => {
 *     await login(app.page, "admin@sayembara.test");
 *     await app.page.getByRole("heading", { name: "Dasbor" }).waitFor();
 *   });
 *
 * Every test gets its own browser context (no shared cookies) and FAILS when
 * the page throws (`pageerror`) or logs a console error (except Chromium's
 * note about a page or data request that answered 4xx on purpose).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createDatabase, migrateToLatest } from "../../app/db.server";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/seed-demo";

export { DEMO_PASSWORD };

export const ROOT = path.resolve(__dirname, "../..");
export const E2E_DIR = path.join(ROOT, "tmp", "e2e");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// ------------------------------------------------------------------ database

/** A new SQLite file under tmp/e2e/, migrated, with the demo loaded. Returns its path. */
/**
 * Evidence files of the seed (in this process) and of the server (a child that
 * inherits the environment) go under tmp/, never into the repository's data/.
 */
process.env.UPLOADS_DIR ??= path.join(E2E_DIR, "uploads");

export async function prepareDemoDatabase(name = "demo"): Promise<string> {
  mkdirSync(E2E_DIR, { recursive: true });
  const file = path.join(E2E_DIR, `${name}-${randomBytes(4).toString("hex")}.sqlite`);
  const db = createDatabase({ sqlitePath: file });
  try {
    await migrateToLatest(db);
    await seedDemo(db);
  } finally {
    await db.destroy();
  }
  return file;
}

export function removeDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

// ------------------------------------------------------------------ server

export interface RunningServer {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Start the built server against `sqlitePath` and wait until it answers. */
export async function startServer(sqlitePath: string, { timeoutMs = 30_000 } = {}): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, "build", "index.js"))) {
    throw new Error("No server build (build/index.js): run `npx remix build` before the browser tests.");
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(E2E_DIR, `server-${port}.log`);
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SQLITE_PATH: sqlitePath,
    NODE_ENV: "production",
    COOKIE_SECURE: "0",
  };
  // Always their own SQLite file, mail kept in the outbox, the default same-origin check.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.APP_ORIGIN;
  const child: ChildProcess = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    log.end();
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`The server exited (code ${exited}) before answering:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/login`, { redirect: "manual" });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer on ${baseUrl} within ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, logFile, stop };
}

// ------------------------------------------------------------------ browser

/** Debian's Chromium, headless, with a fresh profile (Playwright makes a temporary one per launch). */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (never \`npx playwright install\`).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

interface ConsoleError {
  text: string;
  url: string;
  line: number;
}

/**
 * Console errors that fail a test. Chromium logs "Failed to load resource: …
 * status of 4xx" for every 4xx answer; a page or a Remix data request that
 * answers 400 (form errors), 403, 404 or 429 does so by design, so those are
 * expected. Any other console error (a 4xx asset, any 5xx, a script's
 * console.error) is not.
 */
function unexpectedConsoleErrors(all: ConsoleError[], answered4xx: Set<string>): string[] {
  return all
    .filter((e) => !(/^Failed to load resource: the server responded with a status of 4\d\d/.test(e.text) && answered4xx.has(e.url)))
    .map((e) => `console.error: ${e.text}${e.url ? ` (${e.url}:${e.line})` : ""}`);
}

export interface BrowserApp {
  /** This test's page (a new browser context per test). */
  readonly page: Page;
  readonly context: BrowserContext;
  readonly baseUrl: string;
  readonly sqlitePath: string;
  /** Read the server's database (read-only, a connection per call): every change goes through the browser. */
  read<T>(fn: (db: Database.Database) => T): T;
  /** Errors the page reported so far in this test (asserted empty after each test). */
  readonly pageErrors: string[];
}

/**
 * Set up the browser test file: demo database, server and browser once per
 * file; a new context and page per test. After each test, any uncaught page
 * error or console error fails the test (with a screenshot in tmp/e2e/).
 */
export function useBrowser(opts: { name?: string; locale?: string } = {}): BrowserApp {
  let sqlitePath: string | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: string[] = [];
  let consoleErrors: ConsoleError[] = [];
  let answered4xx = new Set<string>();

  beforeAll(async () => {
    sqlitePath = await prepareDemoDatabase(opts.name ?? "demo");
    server = await startServer(sqlitePath);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (sqlitePath) removeDatabase(sqlitePath);
  });

  beforeEach(async () => {
    errors = [];
    context = await browser!.newContext({
      baseURL: server!.baseUrl,
      locale: opts.locale ?? "id-ID",
      timezoneId: "Asia/Jakarta",
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    page = await context.newPage();
    answered4xx = new Set();
    consoleErrors = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push({ text: m.text(), url: m.location().url, line: m.location().lineNumber });
    });
    page.on("response", (r) => {
      const type = r.request().resourceType();
      if (r.status() >= 400 && r.status() < 500 && (type === "document" || type === "fetch")) answered4xx.add(r.url());
    });
  });

  afterEach(async (ctx) => {
    errors.push(...unexpectedConsoleErrors(consoleErrors, answered4xx));
    consoleErrors = [];
    const failed = ctx.task.result?.state === "fail" || errors.length > 0;
    if (failed && page && !page.isClosed()) {
      const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 80);
      await page.screenshot({ path: path.join(E2E_DIR, `failed-${slug}.png`), fullPage: true }).catch(() => {});
    }
    await context?.close();
    context = undefined;
    page = undefined;
    const seen = errors;
    errors = [];
    if (seen.length > 0) {
      throw new Error(`The page reported ${seen.length} error(s):\n${seen.join("\n")}`);
    }
  });

  return {
    get page() {
      if (!page) throw new Error("useBrowser: no page outside a test");
      return page;
    },
    get context() {
      if (!context) throw new Error("useBrowser: no context outside a test");
      return context;
    },
    get baseUrl() {
      if (!server) throw new Error("useBrowser: server not started");
      return server.baseUrl;
    },
    get sqlitePath() {
      if (!sqlitePath) throw new Error("useBrowser: database not prepared");
      return sqlitePath;
    },
    read<T>(fn: (db: Database.Database) => T): T {
      if (!sqlitePath) throw new Error("useBrowser: database not prepared");
      const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    get pageErrors() {
      return errors;
    },
  };
}

// ------------------------------------------------------------------ helpers

/** Open /login and sign in (Indonesian labels). Does not wait for the result: assert it. */
export async function login(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    page.getByRole("button", { name: "Masuk", exact: true }).click(),
  ]);
  await page.waitForLoadState();
}

/** Wait until the locator is visible (fails the test after the default timeout). */
export async function see(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible" });
}

/** Screenshot into tmp/e2e/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(E2E_DIR, { recursive: true });
  const file = path.join(E2E_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
