/**
 * Create the first platform admin of a real installation (or promote an
 * existing account). Prints a one-time link to set the password.
 *
 *   npm run create-admin -- --email admin@example.go.id --name "Nama Admin"
 *   (APP_ORIGIN=https://sayembara.example.go.id for the printed link)
 */
import { parseArgs } from "node:util";
import { createDatabase, migrateToLatest } from "~/db.server";
import { hashToken, newId, newToken } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findUserByEmail, insertUser } from "~/models/users.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('usage: npm run create-admin -- --email admin@example.go.id --name "Nama Admin"');
  process.exit(2);
}
const db = createDatabase();
await migrateToLatest(db);
const token = newToken();
await db.transaction().execute(async (trx) => {
  const existing = await findUserByEmail(trx, values.email!);
  const userId = existing?.id ?? (await insertUser(trx, { email: values.email!, name: values.name!, passwordHash: null }));
  await trx.updateTable("users").set({ is_platform_admin: 1, active: 1 }).where("id", "=", userId).execute();
  await trx
    .insertInto("password_resets")
    .values({
      id: newId(),
      user_id: userId,
      token_hash: hashToken(token),
      expires_at: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      used_at: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  await appendAudit(trx, { actorUserId: null, action: "user.platform_admin_granted", entityType: "user", entityId: userId, after: { email: values.email } });
});
const origin = process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
console.log(`Admin Platform: ${values.email}\nAtur kata sandi (berlaku 7 hari, sekali pakai): ${origin}/reset-password/${token}`);
await db.destroy();
