/**
 * Builds the base database once per run: a migrated SQLite file that each
 * test file copies, or (with TEST_DATABASE_URL) a migrated PostgreSQL template
 * database that each test file clones.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDatabase, migrateToLatest } from "../../app/db.server";

export const BASE_DIR = path.resolve(__dirname, "../../tmp/test-db");
export const BASE_SQLITE = path.join(BASE_DIR, "base.sqlite");
export const PG_TEMPLATE = "sayembara_test_template";

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Drop leftovers of earlier runs.
    const old = await admin.query("select datname from pg_database where datname like 'sayembara_test_%'");
    for (const row of old.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`create database "${PG_TEMPLATE}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE}`;
    const db = createDatabase({ databaseUrl: u.toString() });
    await migrateToLatest(db);
    await db.destroy();
    return;
  }
  rmSync(BASE_DIR, { recursive: true, force: true });
  mkdirSync(BASE_DIR, { recursive: true });
  const db = createDatabase({ sqlitePath: BASE_SQLITE });
  await migrateToLatest(db);
  await db.destroy();
}
