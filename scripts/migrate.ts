/**
 * Apply pending migrations to the configured database (DATABASE_URL, else the
 * embedded SQLite file under data/).   npm run migrate
 */
import { createDatabase, migrateToLatest } from "~/db.server";

const db = createDatabase();
const applied = await migrateToLatest(db);
console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database is up to date.");
await db.destroy();
