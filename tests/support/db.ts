/**
 * A fresh database for a test: a copy of the migrated base SQLite file, or a
 * PostgreSQL database cloned from the migrated template. `useTestDb()` in a
 * describe/file gives each test its own and installs it as the app's handle.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { createDatabase, setDb, type DB } from "../../app/db.server";

const BASE_DIR = path.resolve(__dirname, "../../tmp/test-db");
const BASE_SQLITE = path.join(BASE_DIR, "base.sqlite");
const PG_TEMPLATE = "sayembara_test_template";

export interface TestDb {
  db: DB;
  dispose(): Promise<void>;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDb(): Promise<TestDb> {
  const suffix = randomBytes(6).toString("hex");
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `sayembara_test_${suffix}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}" template "${PG_TEMPLATE}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = createDatabase({ databaseUrl: u.toString() });
    return {
      db,
      async dispose() {
        await db.destroy();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const dir = path.join(BASE_DIR, "copies");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suffix}.sqlite`);
  copyFileSync(BASE_SQLITE, file);
  const db = createDatabase({ sqlitePath: file });
  return {
    db,
    async dispose() {
      await db.destroy();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
  };
}

/** Each test gets its own database, installed as the app's handle. */
export function useTestDb(): { readonly db: DB } {
  let current: TestDb | undefined;
  beforeEach(async () => {
    current = await createTestDb();
    setDb(current.db);
  });
  afterEach(async () => {
    setDb(undefined);
    await current?.dispose();
    current = undefined;
  });
  return {
    get db() {
      if (!current) throw new Error("useTestDb: no database outside a test");
      return current.db;
    },
  };
}
