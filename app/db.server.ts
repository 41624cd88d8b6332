/**
 * The database handle. Embedded SQLite (better-sqlite3, WAL, foreign keys,
 * busy timeout) under data/ by default; PostgreSQL when DATABASE_URL is set.
 * See docs/decisions/0003-dual-database.md.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrationProvider } from "../db/migrations/index";
import type { Database } from "../db/schema";

export type DB = Kysely<Database>;

export interface DatabaseConfig {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
}

export function defaultSqlitePath(): string {
  return process.env.SQLITE_PATH ?? path.join(process.cwd(), "data", "sayembara.sqlite");
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function createDatabase(config: DatabaseConfig = {}): DB {
  const url = config.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    // Counts come back from PostgreSQL as strings (bigint); parse them.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
    });
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(config.sqlitePath ?? defaultSqlitePath()) }),
  });
}

export function isPostgres(db: DB): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

let singleton: DB | undefined;

/** The process-wide handle used by loaders and actions. */
export function getDb(): DB {
  singleton ??= createDatabase();
  return singleton;
}

/** Tests and scripts swap the handle (for a per-test database). */
export function setDb(db: DB | undefined): void {
  singleton = db;
}
