/**
 * A fresh demo database for the HTTP benchmark: removes the file at the given
 * path (and its WAL/SHM companions), migrates and loads the demo.
 *
 *   npx tsx bench/prepare-db.ts tmp/bench/http.sqlite
 *
 * Called by bench/http.mjs; calls seedDemo directly because the seed script's
 * own entry point rightly refuses NODE_ENV=production, and the benchmark's
 * server runs in production mode.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { createDatabase, migrateToLatest } from "~/db.server";
import { seedDemo } from "../scripts/seed-demo";

const target = process.argv[2];
if (!target) {
  console.error("usage: tsx bench/prepare-db.ts <sqlite file>");
  process.exit(2);
}
const file = path.resolve(target);
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });

const db = createDatabase({ sqlitePath: file });
try {
  await migrateToLatest(db);
  await seedDemo(db);
} finally {
  await db.destroy();
}
console.log(`demo database ready: ${path.relative(process.cwd(), file)}`);
