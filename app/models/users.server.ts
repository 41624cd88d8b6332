import type { DB } from "~/db.server";
import type { Actor, Membership, Role } from "~/domain/roles";
import { newId, nowIso } from "~/lib/ids.server";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DB, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export async function findUserById(db: DB, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUser(
  db: DB,
  u: { email: string; name: string; passwordHash: string | null; locale?: string; isPlatformAdmin?: boolean; id?: string },
): Promise<string> {
  const id = u.id ?? newId();
  const now = nowIso();
  await db
    .insertInto("users")
    .values({
      id,
      email: normalizeEmail(u.email),
      name: u.name.trim(),
      password_hash: u.passwordHash,
      locale: u.locale ?? "id",
      is_platform_admin: u.isPlatformAdmin ? 1 : 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function setPasswordHash(db: DB, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

export async function setUserLocale(db: DB, userId: string, locale: string): Promise<void> {
  await db.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export async function setUserActive(db: DB, userId: string, active: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ active: active ? 1 : 0, updated_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

export async function insertMembership(
  db: DB,
  m: { userId: string; role: Role; organizerId?: string | null; agencyId?: string | null; competitionId?: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("memberships")
    .values({
      id,
      user_id: m.userId,
      role: m.role,
      organizer_id: m.organizerId ?? null,
      agency_id: m.agencyId ?? null,
      competition_id: m.competitionId ?? null,
      active: 1,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** The actor for a user id, with all active memberships; null for unknown or inactive users. */
export async function loadActor(db: DB, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "is_platform_admin", "active"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  const rows = await db
    .selectFrom("memberships")
    .select(["role", "organizer_id", "agency_id", "competition_id"])
    .where("user_id", "=", userId)
    .where("active", "=", 1)
    .execute();
  const memberships: Membership[] = rows.map((r) => ({
    role: r.role as Role,
    organizerId: r.organizer_id,
    agencyId: r.agency_id,
    competitionId: r.competition_id,
  }));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale === "en" ? "en" : "id",
    isPlatformAdmin: user.is_platform_admin === 1,
    memberships,
  };
}
