import { describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import type { DB } from "~/db.server";
import { setUserActive } from "~/models/users.server";
import { changePassword, findValidReset, login, requestPasswordReset, resetPassword } from "~/services/auth.server";
import { useTestDb } from "../support/db";
import { buildUser, PASSWORD } from "../support/factories";

const IP = "203.0.113.7";
const OTHER_IP = "198.51.100.9";
const T0 = new Date("2025-06-30T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ORIGIN = "https://sayembara.test";

async function auditActions(db: DB, userId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "actor_user_id", "entity_type", "entity_id", "ip"])
    .where("entity_id", "=", userId)
    .orderBy("at")
    .orderBy("action")
    .execute();
  return rows;
}

async function sessionUsers(db: DB) {
  const rows = await db.selectFrom("sessions").select("user_id").orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

/** The token of the single reset link mailed to `to`. */
async function mailedToken(db: DB, to: string): Promise<string> {
  const mails = await db.selectFrom("outbox").select(["body_text"]).where("to_address", "=", to).execute();
  expect(mails).toHaveLength(1);
  const m = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mails[0].body_text);
  if (!m) throw new Error("no reset link in the mail");
  return m[1];
}

describe("login", () => {
  const t = useTestDb();

  it("accepts the right password, records the attempt and writes an audit row", async () => {
    const id = await buildUser(t.db, { email: "rina@menpan.test", name: "Rina", password: PASSWORD });
    expect(await login(t.db, "  Rina@Menpan.TEST ", PASSWORD, IP, T0)).toEqual({ ok: true, userId: id });
    const attempts = await t.db.selectFrom("login_attempts").select(["email", "ip", "success", "created_at"]).execute();
    expect(attempts).toEqual([{ email: "rina@menpan.test", ip: IP, success: 1, created_at: T0.toISOString() }]);
    expect(await auditActions(t.db, id)).toEqual([
      { action: "auth.login", actor_user_id: id, entity_type: "user", entity_id: id, ip: IP },
    ]);
  });

  it("refuses a wrong password and an unknown email the same way, with no audit row", async () => {
    const id = await buildUser(t.db, { email: "rina@menpan.test", name: "Rina", password: PASSWORD });
    expect(await login(t.db, "rina@menpan.test", "wrong-password", IP, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(t.db, "nobody@menpan.test", PASSWORD, IP, T0)).toEqual({ ok: false, reason: "invalid" });
    const attempts = await t.db.selectFrom("login_attempts").select(["email", "success"]).orderBy("email").execute();
    expect(attempts).toEqual([
      { email: "nobody@menpan.test", success: 0 },
      { email: "rina@menpan.test", success: 0 },
    ]);
    expect(await auditActions(t.db, id)).toEqual([]);
  });

  it("tells an inactive account so only when the password is right", async () => {
    const id = await buildUser(t.db, { email: "yudi@pontianak.test", name: "Yudi", password: PASSWORD });
    await setUserActive(t.db, id, false);
    expect(await login(t.db, "yudi@pontianak.test", PASSWORD, IP, T0)).toEqual({ ok: false, reason: "inactive" });
    expect(await login(t.db, "yudi@pontianak.test", "wrong-password", IP, T0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after 5 failures: the 6th attempt is refused even with the right password", async () => {
    const id = await buildUser(t.db, { email: "rina@menpan.test", name: "Rina", password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect(await login(t.db, "rina@menpan.test", "wrong-password", IP, at(i))).toEqual({ ok: false, reason: "invalid" });
    }
    // Oldest failure at T0, window 15 minutes, now T0+5: 10 minutes to wait.
    expect(await login(t.db, "rina@menpan.test", PASSWORD, IP, at(5))).toEqual({ ok: false, reason: "rateLimited", minutes: 10 });
    // Per account, not per address: another address is refused too.
    expect(await login(t.db, "rina@menpan.test", PASSWORD, OTHER_IP, at(5))).toEqual({ ok: false, reason: "rateLimited", minutes: 10 });
    // A refused attempt is not counted (nor checked).
    const n = await t.db.selectFrom("login_attempts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
    expect(await auditActions(t.db, id)).toEqual([]);
  });

  it("locks an address after 20 failures across different emails, but not other addresses", async () => {
    const id = await buildUser(t.db, { email: "hendra@kalbarprov.test", name: "Hendra", password: PASSWORD });
    for (let i = 0; i < 20; i++) {
      expect(await login(t.db, `tebak${i}@kalbarprov.test`, "guess-123456", IP, at(i / 10))).toEqual({ ok: false, reason: "invalid" });
    }
    // Oldest failure at T0, now T0+3: 12 minutes.
    expect(await login(t.db, "hendra@kalbarprov.test", PASSWORD, IP, at(3))).toEqual({ ok: false, reason: "rateLimited", minutes: 12 });
    expect(await login(t.db, "hendra@kalbarprov.test", PASSWORD, OTHER_IP, at(3))).toEqual({ ok: true, userId: id });
  });

  it("lets the account in again once the failures leave the 15-minute window", async () => {
    const id = await buildUser(t.db, { email: "rina@menpan.test", name: "Rina", password: PASSWORD });
    for (let i = 0; i < 5; i++) await login(t.db, "rina@menpan.test", "wrong-password", IP, T0);
    expect(await login(t.db, "rina@menpan.test", PASSWORD, IP, at(14.5))).toEqual({ ok: false, reason: "rateLimited", minutes: 1 });
    expect(await login(t.db, "rina@menpan.test", PASSWORD, IP, at(14.99))).toEqual({ ok: false, reason: "rateLimited", minutes: 1 });
    // The window is (now - 15 min, now]: a failure exactly 15 minutes old no longer counts.
    expect(await login(t.db, "rina@menpan.test", PASSWORD, IP, at(15))).toEqual({ ok: true, userId: id });
  });
});

describe("password reset", () => {
  const t = useTestDb();

  it("mails exactly one message with a single-use link to a known email", async () => {
    const id = await buildUser(t.db, { email: "siti@pontianak.test", name: "Siti", password: PASSWORD });
    await startSession(id);
    await requestPasswordReset(t.db, "Siti@Pontianak.test", ORIGIN, "id");

    const mails = await t.db.selectFrom("outbox").select(["to_address", "subject", "transport", "status"]).execute();
    expect(mails).toEqual([{ to_address: "siti@pontianak.test", subject: "Atur ulang kata sandi Sayembara", transport: "outbox", status: "kept" }]);
    const token = await mailedToken(t.db, "siti@pontianak.test");
    const body = (await t.db.selectFrom("outbox").select("body_text").executeTakeFirstOrThrow()).body_text;
    expect(body).toContain(`${ORIGIN}/reset-password/${token}\n`);
    expect(body).toContain("Halo Siti,");
    // Only the hash is stored.
    const stored = await t.db.selectFrom("password_resets").select(["user_id", "token_hash", "used_at"]).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].user_id).toBe(id);
    expect(stored[0].token_hash).not.toBe(token);
    expect(stored[0].used_at).toBeNull();

    expect(await resetPassword(t.db, token, "kata-sandi-baru-2025")).toBe(true);
    // Single use.
    expect(await resetPassword(t.db, token, "lagi-kata-sandi-baru")).toBe(false);
    expect(await findValidReset(t.db, token)).toBeUndefined();

    expect(await login(t.db, "siti@pontianak.test", PASSWORD, IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(t.db, "siti@pontianak.test", "kata-sandi-baru-2025", IP)).toEqual({ ok: true, userId: id });
    // Every session of the user was ended by the reset (the one above was started after it).
    const sessions = await t.db.selectFrom("sessions").select("user_id").execute();
    expect(sessions).toEqual([]);
    expect((await auditActions(t.db, id)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ["auth.reset_requested", id],
      ["auth.password_reset", id],
      ["auth.login", id],
    ]);
  });

  it("writes the mail in the user's own language", async () => {
    await buildUser(t.db, { email: "lim@singkawang.test", name: "Lim", password: PASSWORD, locale: "en" });
    await requestPasswordReset(t.db, "lim@singkawang.test", ORIGIN, "id");
    const mail = await t.db.selectFrom("outbox").select(["subject", "body_text"]).executeTakeFirstOrThrow();
    expect(mail.subject).toBe("Reset your Sayembara password");
    expect(mail.body_text.startsWith("Hello Lim,")).toBe(true);
  });

  it("expires the link after one hour", async () => {
    await buildUser(t.db, { email: "siti@pontianak.test", name: "Siti", password: PASSWORD });
    const before = Date.now();
    await requestPasswordReset(t.db, "siti@pontianak.test", ORIGIN, "id");
    const token = await mailedToken(t.db, "siti@pontianak.test");
    const later = (minutes: number) => new Date(before + minutes * 60_000);
    expect(await findValidReset(t.db, token, later(59))).toBeDefined();
    expect(await findValidReset(t.db, token, later(61))).toBeUndefined();
    expect(await resetPassword(t.db, token, "kata-sandi-baru-2025", later(61))).toBe(false);
    expect(await login(t.db, "siti@pontianak.test", PASSWORD, IP)).toMatchObject({ ok: true });
  });

  it("does nothing for an unknown or inactive email: no reset, no mail, no audit row", async () => {
    const id = await buildUser(t.db, { email: "yudi@pontianak.test", name: "Yudi", password: PASSWORD });
    await setUserActive(t.db, id, false);
    await requestPasswordReset(t.db, "tidak-ada@pontianak.test", ORIGIN, "id");
    await requestPasswordReset(t.db, "yudi@pontianak.test", ORIGIN, "id");
    expect(await t.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("password_resets").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });

  it("refuses an unknown token", async () => {
    expect(await findValidReset(t.db, "not-a-token")).toBeUndefined();
    expect(await resetPassword(t.db, "not-a-token", "kata-sandi-baru-2025")).toBe(false);
  });
});

describe("changePassword", () => {
  const t = useTestDb();

  it("refuses a wrong current password and changes nothing", async () => {
    const id = await buildUser(t.db, { email: "eko@juri.test", name: "Eko", password: PASSWORD });
    await startSession(id);
    expect(await changePassword(t.db, id, "wrong-password", "kata-sandi-baru-2025")).toBe(false);
    expect(await login(t.db, "eko@juri.test", PASSWORD, IP)).toEqual({ ok: true, userId: id });
    expect(await sessionUsers(t.db)).toEqual([id]);
    expect((await auditActions(t.db, id)).map((a) => a.action)).toEqual(["auth.login"]);
  });

  it("with the right current password, sets the new one and ends every session of that user only", async () => {
    const id = await buildUser(t.db, { email: "eko@juri.test", name: "Eko", password: PASSWORD });
    const other = await buildUser(t.db, { email: "panelis@juri.test", name: "Siti Z", password: PASSWORD });
    await startSession(id);
    await startSession(id);
    await startSession(other);
    expect(await changePassword(t.db, id, PASSWORD, "kata-sandi-baru-2025")).toBe(true);
    expect(await sessionUsers(t.db)).toEqual([other]);
    expect(await login(t.db, "eko@juri.test", PASSWORD, IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(t.db, "eko@juri.test", "kata-sandi-baru-2025", IP)).toEqual({ ok: true, userId: id });
    expect(await auditActions(t.db, id)).toEqual([
      { action: "auth.password_changed", actor_user_id: id, entity_type: "user", entity_id: id, ip: null },
      { action: "auth.login", actor_user_id: id, entity_type: "user", entity_id: id, ip: IP },
    ]);
  });
});
