import type { DB } from "~/db.server";
import { newId, nowIso } from "~/lib/ids.server";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  organizerId?: string | null;
  competitionId?: string | null;
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Append one row to the audit log. Call inside the transaction of the change. */
export async function appendAudit(db: DB, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      at: nowIso(),
      actor_user_id: e.actorUserId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId ?? null,
      organizer_id: e.organizerId ?? null,
      competition_id: e.competitionId ?? null,
      agency_id: e.agencyId ?? null,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditFilter {
  competitionId?: string;
  organizerId?: string;
  limit?: number;
  /** Cursor: rows strictly older than this `at` (and, at the same `at`, with a smaller id than `beforeId`). */
  before?: string;
  beforeId?: string;
}

/** Audit rows for a competition (or an organizer), newest first, with the actor's name. */
export async function listAudit(db: DB, f: AuditFilter) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.actor_user_id",
      "audit_log.before_json",
      "audit_log.after_json",
      "users.name as actor_name",
      "users.email as actor_email",
    ]);
  if (f.competitionId) q = q.where("audit_log.competition_id", "=", f.competitionId);
  if (f.organizerId) q = q.where("audit_log.organizer_id", "=", f.organizerId);
  if (f.before && f.beforeId) {
    // Rows written in the same millisecond share `at`; the id breaks the tie so a page
    // boundary inside such a group loses nothing.
    const { before, beforeId } = f;
    q = q.where((eb) =>
      eb.or([
        eb("audit_log.at", "<", before),
        eb.and([eb("audit_log.at", "=", before), eb("audit_log.id", "<", beforeId)]),
      ]),
    );
  } else if (f.before) {
    q = q.where("audit_log.at", "<", f.before);
  }
  return q.orderBy("audit_log.at", "desc").orderBy("audit_log.id", "desc").limit(f.limit ?? 100).execute();
}
