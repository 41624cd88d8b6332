/**
 * Helpers for tests of accounts, invitations and roles: the audit rows, the
 * outbox, the token in a mailed link, and thrown 403/404 responses.
 */
import { expect } from "vitest";
import type { DB } from "~/db.server";

/** Expect a promise to reject with a Response of this status (403, 404 …). */
export async function expectStatus(p: Promise<unknown>, status: number): Promise<void> {
  let thrown: unknown;
  try {
    await p;
  } catch (e) {
    thrown = e;
  }
  expect(thrown instanceof Response ? thrown.status : thrown).toBe(status);
}

/** Every audit row, by action then entity id, with JSON parsed (time and row id left out). */
export async function auditRows(db: DB) {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("action").orderBy("entity_id").execute();
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor_user_id,
    entity: [r.entity_type, r.entity_id],
    organizerId: r.organizer_id,
    agencyId: r.agency_id,
    competitionId: r.competition_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}

export async function outbox(db: DB) {
  return db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).orderBy("created_at").orderBy("id").execute();
}

/** The token of the first link to `path` (e.g. "/invitations/") in a mail body. */
export function tokenIn(body: string, path: string): string {
  const m = body.match(new RegExp(`${path.replace(/\//g, "\\/")}([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${path} link in: ${body}`);
  return m[1];
}

export async function count(db: DB, table: "users" | "memberships" | "invitations" | "organizers" | "outbox" | "password_resets" | "sessions" | "audit_log") {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
