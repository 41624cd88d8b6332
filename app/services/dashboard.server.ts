/**
 * What each role sees on the dashboard. One call, a constant number of
 * queries whatever the number of competitions or accounts. Everyone also
 * sees their own unread notifications (newest first, at most 20).
 */
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { listCompetitionsByIds, listCompetitionsOfOrganizers } from "~/models/competitions.server";
import { listUnreadNotifications, markNotificationRead } from "~/models/notifications.server";
import { listOrganizers, organizersByIds } from "~/models/organizers.server";

export async function getDashboard(db: DB, actor: Actor) {
  const organizerIds = unique(actor.memberships.filter((m) => m.role === "organizer_admin").map((m) => m.organizerId));
  const agencyIds = unique(
    actor.memberships.filter((m) => m.role === "admin_lokal" || m.role === "innovator").map((m) => m.agencyId),
  );
  const jurorCompetitionIds = unique(
    actor.memberships.filter((m) => m.role === "evaluator" || m.role === "panelist").map((m) => m.competitionId),
  );

  const [platformOrganizers, organizers, competitions, agencies, jurorCompetitions, notifications] = await Promise.all([
    actor.isPlatformAdmin ? listOrganizers(db) : Promise.resolve([]),
    organizersByIds(db, organizerIds),
    listCompetitionsOfOrganizers(db, organizerIds),
    agencyIds.length
      ? db
          .selectFrom("agencies")
          .leftJoin("regions", "regions.code", "agencies.province_code")
          .select((eb) => [
            "agencies.id",
            "agencies.name",
            "agencies.code",
            "agencies.cluster",
            "regions.name as province_name",
            eb
              .selectFrom("memberships")
              .innerJoin("users", "users.id", "memberships.user_id")
              .select((e) => e.fn.countAll<number>().as("n"))
              .whereRef("memberships.agency_id", "=", "agencies.id")
              .where("memberships.role", "=", "innovator")
              .where("users.active", "=", 1)
              .as("innovator_count"),
          ])
          .where("agencies.id", "in", agencyIds)
          .orderBy("agencies.name")
          .execute()
      : Promise.resolve([]),
    listCompetitionsByIds(db, jurorCompetitionIds),
    listUnreadNotifications(db, actor.userId),
  ]);

  return {
    notifications,
    platformOrganizers,
    organizers: organizers.map((o) => ({ ...o, competitions: competitions.filter((c) => c.organizer_id === o.id) })),
    agencies: agencies.map((a) => ({
      ...a,
      innovator_count: Number(a.innovator_count ?? 0),
      isAdminLokal: actor.memberships.some((m) => m.role === "admin_lokal" && m.agencyId === a.id),
    })),
    jurorCompetitions: jurorCompetitions.map((c) => ({
      ...c,
      roles: actor.memberships.filter((m) => m.competitionId === c.id).map((m) => m.role),
    })),
  };
}

/**
 * Marks one of the actor's own notifications read. The query is scoped by
 * the user, so another person's notification id changes nothing (false).
 * A personal reading state, not a change to the competition: no audit row.
 */
export async function readNotification(db: DB, actor: Actor, id: string): Promise<boolean> {
  return markNotificationRead(db, actor.userId, id);
}

function unique(ids: (string | null)[]): string[] {
  return [...new Set(ids.filter((x): x is string => Boolean(x)))];
}
