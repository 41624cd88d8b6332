/**
 * Sessions. The only module that knows about Lucia (v3, no longer maintained
 * upstream): replacing it means rewriting this file and nothing else.
 * See docs/decisions/0002-sessions.md.
 *
 * Lucia talks to our own small adapter over Kysely, so the same code runs on
 * SQLite and PostgreSQL.
 */
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { getDb } from "~/db.server";

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await getDb()
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["sessions.id", "sessions.user_id", "sessions.expires_at", "users.active"])
      .where("sessions.id", "=", sessionId)
      .executeTakeFirst();
    if (!row || !row.active) return [null, null];
    const session: DatabaseSession = {
      id: row.id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: {},
    };
    const user: DatabaseUser = { id: row.user_id, attributes: {} };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await getDb().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  },
  async setSession(session) {
    await getDb()
      .insertInto("sessions")
      .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt.toISOString() })
      .execute();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await getDb()
      .updateTable("sessions")
      .set({ expires_at: expiresAt.toISOString() })
      .where("id", "=", sessionId)
      .execute();
  },
  async deleteSession(sessionId) {
    await getDb().deleteFrom("sessions").where("id", "=", sessionId).execute();
  },
  async deleteUserSessions(userId) {
    await getDb().deleteFrom("sessions").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await getDb().deleteFrom("sessions").where("expires_at", "<=", new Date().toISOString()).execute();
  },
};

function secureCookies(): boolean {
  if (process.env.COOKIE_SECURE === "0") return false;
  if (process.env.COOKIE_SECURE === "1") return true;
  return process.env.NODE_ENV === "production";
}

const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(14, "d"),
  sessionCookie: {
    name: "sayembara_session",
    attributes: { secure: secureCookies(), sameSite: "lax" },
  },
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
  }
}

/** Start a session; returns the Set-Cookie header value. */
export async function startSession(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export interface CurrentSession {
  userId: string;
  sessionId: string;
  /** A refreshed cookie to send back, when the session was extended. */
  setCookie: string | null;
}

/** The valid session of this request, if any. */
export async function readSession(request: Request): Promise<CurrentSession | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session } = await lucia.validateSession(sessionId);
  if (!session) return null;
  return {
    userId: session.userId,
    sessionId: session.id,
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

/** End this request's session; returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** End every session of a user (password changed or reset, account deactivated). */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export const SESSION_COOKIE_NAME = lucia.sessionCookieName;
