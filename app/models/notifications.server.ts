/**
 * In-app notifications: one row per person, shown on the dashboard until
 * read. Messages are i18n keys with params, so each reader sees their own
 * language. Writers call notifyAgencies inside their transaction.
 */
import type { DB } from "~/db.server";
import { newId, nowIso } from "~/lib/ids.server";

export interface AgencyNotice {
  agencyIds: string[];
  competitionId: string | null;
  /** i18n key, e.g. "notify.announcementPublished". */
  messageKey: string;
  params?: Record<string, string | number>;
  link?: string;
  at?: string;
}

/** Active Admin Lokal and innovators of the agencies (each person once per agency). */
export async function agencyPeople(db: DB, agencyIds: string[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .where("memberships.agency_id", "in", agencyIds)
    .where("memberships.role", "in", ["admin_lokal", "innovator"])
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .select(["users.id as userId", "users.email", "users.name", "users.locale", "memberships.agency_id as agencyId", "memberships.role"])
    .orderBy("memberships.agency_id")
    .orderBy("users.email")
    .execute();
}

/** Writes one notification per person of the agencies; returns how many. */
export async function notifyAgencies(db: DB, n: AgencyNotice): Promise<number> {
  const people = await agencyPeople(db, [...new Set(n.agencyIds)]);
  const seen = new Set<string>();
  const at = n.at ?? nowIso();
  const rows = [];
  for (const p of people) {
    const k = `${p.userId}|${p.agencyId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push({
      id: newId(),
      user_id: p.userId,
      competition_id: n.competitionId,
      agency_id: p.agencyId,
      message_key: n.messageKey,
      params_json: JSON.stringify(n.params ?? {}),
      link: n.link ?? "",
      created_at: at,
      read_at: null,
    });
  }
  for (let i = 0; i < rows.length; i += 200) await db.insertInto("notifications").values(rows.slice(i, i + 200)).execute();
  return rows.length;
}

export async function listUnreadNotifications(db: DB, userId: string, limit = 20) {
  const rows = await db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .select(["id", "message_key", "params_json", "link", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    messageKey: r.message_key,
    params: JSON.parse(r.params_json) as Record<string, string | number>,
    link: r.link,
    createdAt: r.created_at,
  }));
}

/** Marks the user's own notification read (another user's id changes nothing). */
export async function markNotificationRead(db: DB, userId: string, id: string, at = nowIso()): Promise<boolean> {
  const r = await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
