import type { DB } from "~/db.server";
import type { OrganizerKind } from "~/domain/roles";
import { newId, nowIso } from "~/lib/ids.server";

export async function insertOrganizer(
  db: DB,
  o: { name: string; kind: OrganizerKind; provinceCode: string | null; id?: string },
): Promise<string> {
  const id = o.id ?? newId();
  await db
    .insertInto("organizers")
    .values({ id, name: o.name.trim(), kind: o.kind, province_code: o.provinceCode, created_at: nowIso() })
    .execute();
  return id;
}

export async function findOrganizer(db: DB, id: string) {
  return db
    .selectFrom("organizers")
    .leftJoin("regions", "regions.code", "organizers.province_code")
    .select([
      "organizers.id",
      "organizers.name",
      "organizers.kind",
      "organizers.province_code",
      "organizers.created_at",
      "regions.name as province_name",
    ])
    .where("organizers.id", "=", id)
    .executeTakeFirst();
}

export async function findOrganizerByName(db: DB, name: string) {
  return db.selectFrom("organizers").select("id").where("name", "=", name.trim()).executeTakeFirst();
}

/** All organizers with their counts of competitions and admins (constant number of queries). */
export async function listOrganizers(db: DB) {
  return db
    .selectFrom("organizers")
    .leftJoin("regions", "regions.code", "organizers.province_code")
    .select((eb) => [
      "organizers.id",
      "organizers.name",
      "organizers.kind",
      "regions.name as province_name",
      eb
        .selectFrom("competitions")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("competitions.organizer_id", "=", "organizers.id")
        .as("competition_count"),
      eb
        .selectFrom("memberships")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("memberships.organizer_id", "=", "organizers.id")
        .where("memberships.role", "=", "organizer_admin")
        .where("memberships.active", "=", 1)
        .as("admin_count"),
    ])
    .orderBy("organizers.kind", "asc")
    .orderBy("organizers.name", "asc")
    .execute();
}

/** Organizer staff (admins) with their account state. */
export async function listOrganizerStaff(db: DB, organizerId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "users.active", "memberships.created_at"])
    .where("memberships.organizer_id", "=", organizerId)
    .where("memberships.role", "=", "organizer_admin")
    .where("memberships.active", "=", 1)
    .orderBy("users.name")
    .execute();
}

/** Organizer names by id, for the dashboard. */
export async function organizersByIds(db: DB, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("organizers").select(["id", "name", "kind"]).where("id", "in", ids).orderBy("name").execute();
}
