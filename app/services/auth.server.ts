/**
 * Signing in and out, password reset and change.
 */
import type { DB } from "~/db.server";
import { hashPassword, verifyPassword, dummyPasswordHash } from "~/auth/password.server";
import { endAllSessions } from "~/auth/session.server";
import { loginLockMinutes, windowStart } from "~/domain/rate-limit";
import { translate, type Locale } from "~/i18n";
import { hashToken, newId, newToken } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findUserByEmail, findUserById, normalizeEmail, setPasswordHash, setUserLocale } from "~/models/users.server";
import { sendMail } from "./mail.server";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "rateLimited"; minutes: number };

async function failureCounts(db: DB, email: string, ip: string, now: Date) {
  const since = windowStart(now);
  const [account, address] = await Promise.all([
    db
      .selectFrom("login_attempts")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
      .where("email", "=", email)
      .where("success", "=", 0)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("login_attempts")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
      .where("ip", "=", ip)
      .where("success", "=", 0)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    accountFailures: Number(account.n),
    accountOldest: (account.oldest as string | null) ?? null,
    addressFailures: Number(address.n),
    addressOldest: (address.oldest as string | null) ?? null,
  };
}

/**
 * Check credentials, throttled per account and per address.
 * Side effects: one login_attempts row; on success, an audit row.
 */
export async function login(
  db: DB,
  emailInput: string,
  password: string,
  ip: string,
  now = new Date(),
  /** A language chosen before signing in (cookie); it becomes the account's. */
  chosenLocale?: Locale,
): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  const minutes = loginLockMinutes(await failureCounts(db, email, ip, now), now);
  if (minutes > 0) return { ok: false, reason: "rateLimited", minutes };

  const user = await findUserByEmail(db, email);
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  const success = Boolean(user && valid && user.active);
  await db
    .insertInto("login_attempts")
    .values({ id: newId(), email, ip, success: success ? 1 : 0, created_at: now.toISOString() })
    .execute();
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (!user.active) return { ok: false, reason: "inactive" };
  if (chosenLocale && chosenLocale !== user.locale) await setUserLocale(db, user.id, chosenLocale);
  await appendAudit(db, { actorUserId: user.id, action: "auth.login", entityType: "user", entityId: user.id, ip });
  return { ok: true, userId: user.id };
}

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Start a password reset: a single-use token valid one hour, mailed as a link.
 * Unknown or inactive e-mails do nothing (and say nothing different).
 * Side effects: password_resets row, outbox/SMTP mail, audit row.
 */
export async function requestPasswordReset(db: DB, emailInput: string, origin: string, locale: Locale): Promise<void> {
  const user = await findUserByEmail(db, emailInput);
  if (!user || !user.active) return;
  const token = newToken();
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("password_resets")
      .values({
        id: newId(),
        user_id: user.id,
        token_hash: hashToken(token),
        expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(),
        used_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    await appendAudit(trx, { actorUserId: user.id, action: "auth.reset_requested", entityType: "user", entityId: user.id });
  });
  const userLocale: Locale = user.locale === "en" ? "en" : locale;
  await sendMail(db, {
    to: user.email,
    subject: translate(userLocale, "reset.mail.subject"),
    text: translate(userLocale, "reset.mail.body", { name: user.name, link: `${origin}/reset-password/${token}` }),
  });
}

/** The reset row for a token if it is unused and unexpired. */
export async function findValidReset(db: DB, token: string, now = new Date()) {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

/**
 * Set a new password from a reset link. Returns false when the link is used or expired.
 * Side effects: password hash, the token marked used, every session ended, audit row.
 */
export async function resetPassword(db: DB, token: string, newPassword: string, now = new Date()): Promise<boolean> {
  const reset = await findValidReset(db, token, now);
  if (!reset) return false;
  const passwordHash = await hashPassword(newPassword);
  const claimed = await db.transaction().execute(async (trx) => {
    // Claim the token atomically so two submissions cannot both use it.
    const res = await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await setPasswordHash(trx, reset.user_id, passwordHash);
    await appendAudit(trx, { actorUserId: reset.user_id, action: "auth.password_reset", entityType: "user", entityId: reset.user_id });
    return true;
  });
  if (claimed) await endAllSessions(reset.user_id);
  return claimed;
}

/**
 * Change the password of a signed-in user who knows the current one.
 * Side effects: password hash, every session ended (the caller starts a new one), audit row.
 */
export async function changePassword(db: DB, userId: string, current: string, next: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash);
    await appendAudit(trx, { actorUserId: userId, action: "auth.password_changed", entityType: "user", entityId: userId });
  });
  await endAllSessions(userId);
  return true;
}

