/**
 * The signed-in person's own account page: who they are and every role they
 * hold, with the name of the organizer, agency or competition it applies to.
 */
import type { DB } from "~/db.server";
import type { Actor, Role } from "~/domain/roles";

export interface AccountRole {
  role: Role | "platform_admin";
  /** The organizer, agency or competition the role applies to; null for the platform. */
  scope: string | null;
}

/** Only the actor's own memberships are read (scoped by user id). One query. */
export async function getAccount(db: DB, actor: Actor) {
  const rows = await db
    .selectFrom("memberships")
    .leftJoin("organizers", "organizers.id", "memberships.organizer_id")
    .leftJoin("agencies", "agencies.id", "memberships.agency_id")
    .leftJoin("competitions", "competitions.id", "memberships.competition_id")
    .select([
      "memberships.id",
      "memberships.role",
      "organizers.name as organizer_name",
      "agencies.name as agency_name",
      "competitions.name as competition_name",
    ])
    .where("memberships.user_id", "=", actor.userId)
    .where("memberships.active", "=", 1)
    .orderBy("memberships.created_at")
    .orderBy("memberships.id")
    .execute();
  const roles: AccountRole[] = [
    ...(actor.isPlatformAdmin ? [{ role: "platform_admin" as const, scope: null }] : []),
    ...rows.map((r) => ({
      role: r.role as Role,
      scope: r.organizer_name ?? r.agency_name ?? r.competition_name ?? null,
    })),
  ];
  return { name: actor.name, email: actor.email, roles };
}
