/**
 * Accounts seen through their roles: memberships of a scope, the innovators
 * of an agency, the Admin Lokal an organizer works with, and the one-time
 * links that let an account created for someone set its password.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { Role } from "~/domain/roles";
import { hashToken, newId } from "~/lib/ids.server";

export interface MembershipScope {
  role: Role;
  organizerId: string | null;
  agencyId: string | null;
  competitionId: string | null;
}

/** A user's membership with exactly this role and scope (active or not). */
export async function findMembership(db: DB, userId: string, s: MembershipScope) {
  let q = db
    .selectFrom("memberships")
    .select(["id", "active"])
    .where("user_id", "=", userId)
    .where("role", "=", s.role);
  q = s.organizerId === null ? q.where("organizer_id", "is", null) : q.where("organizer_id", "=", s.organizerId);
  q = s.agencyId === null ? q.where("agency_id", "is", null) : q.where("agency_id", "=", s.agencyId);
  q = s.competitionId === null ? q.where("competition_id", "is", null) : q.where("competition_id", "=", s.competitionId);
  return q.orderBy("created_at").executeTakeFirst();
}

export async function setMembershipActive(db: DB, membershipId: string, active: boolean): Promise<void> {
  await db.updateTable("memberships").set({ active: active ? 1 : 0 }).where("id", "=", membershipId).execute();
}

/** How many active memberships a user holds. */
export async function countActiveMemberships(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user's innovator membership in one agency (scoped: another agency's innovator finds nothing). */
export async function findInnovatorOfAgency(db: DB, agencyId: string, userId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "memberships.id as membership_id",
      "memberships.active as membership_active",
      "users.id as user_id",
      "users.email",
      "users.name",
      "users.active as user_active",
      "users.is_platform_admin",
    ])
    .where("memberships.agency_id", "=", agencyId)
    .where("memberships.role", "=", "innovator")
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
}

/**
 * The innovator accounts of one agency, active and not, by name. One query.
 * `pending` is 1 while the person has not set a password yet.
 */
export async function listInnovatorsOfAgency(db: DB, agencyId: string) {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "memberships.active",
      "memberships.created_at",
      sql<number>`case when ${sql.ref("users.password_hash")} is null then 1 else 0 end`.as("pending"),
    ])
    .where("memberships.agency_id", "=", agencyId)
    .where("memberships.role", "=", "innovator")
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    active: Number(r.active) === 1,
    pending: Number(r.pending) === 1,
    createdAt: r.created_at,
  }));
}

/**
 * Active Admin Lokal accounts of the agencies an organizer works with: those
 * of its province for a provincial organizer (provinceCode), all for the
 * national one (null). One query.
 */
export async function listAdminLokalInScope(db: DB, provinceCode: string | null) {
  let q = db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .select([
      "memberships.id as membership_id",
      "users.id as user_id",
      "users.name",
      "users.email",
      "users.active",
      "agencies.id as agency_id",
      "agencies.code as agency_code",
      "agencies.name as agency_name",
      sql<number>`case when ${sql.ref("users.password_hash")} is null then 1 else 0 end`.as("pending"),
    ])
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1);
  if (provinceCode !== null) q = q.where("agencies.province_code", "=", provinceCode);
  const rows = await q.orderBy("agencies.name").orderBy("users.name").orderBy("users.id").limit(500).execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    active: Number(r.active) === 1,
    pending: Number(r.pending) === 1,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
  }));
}

/** A one-time link to set a password (the password_resets table), valid until `expiresAt`. */
export async function insertPasswordSetup(
  db: DB,
  s: { userId: string; token: string; expiresAt: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto("password_resets")
    .values({
      id: newId(),
      user_id: s.userId,
      token_hash: hashToken(s.token),
      expires_at: s.expiresAt,
      used_at: null,
      created_at: s.createdAt,
    })
    .execute();
}
