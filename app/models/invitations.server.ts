/**
 * Invitations: a person is asked by e-mail to take a role (organizer staff,
 * Admin Lokal, juror). The token is stored hashed; the link works once and
 * for a limited time. A revoked invitation is deleted (the audit log keeps it);
 * a declined one (juror invitations) keeps its row with declined_at set.
 */
import type { DB } from "~/db.server";
import type { Role } from "~/domain/roles";
import { hashToken, newId } from "~/lib/ids.server";

export interface InvitationScope {
  role: Role;
  organizerId: string | null;
  agencyId: string | null;
  competitionId: string | null;
}

export interface NewInvitation extends InvitationScope {
  email: string;
  name: string;
  token: string;
  invitedBy: string | null;
  expiresAt: string;
  createdAt: string;
}

export async function insertInvitation(db: DB, i: NewInvitation): Promise<string> {
  const id = newId();
  await db
    .insertInto("invitations")
    .values({
      id,
      email: i.email,
      name: i.name,
      role: i.role,
      organizer_id: i.organizerId,
      agency_id: i.agencyId,
      competition_id: i.competitionId,
      token_hash: hashToken(i.token),
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
      accepted_at: null,
      created_at: i.createdAt,
    })
    .execute();
  return id;
}

/**
 * Delete earlier unaccepted invitations of the same person to the same role
 * and scope (a new one replaces them). Returns how many were removed.
 */
export async function deletePendingDuplicates(db: DB, email: string, s: InvitationScope): Promise<number> {
  let q = db
    .deleteFrom("invitations")
    .where("email", "=", email)
    .where("role", "=", s.role)
    .where("accepted_at", "is", null);
  q = s.organizerId === null ? q.where("organizer_id", "is", null) : q.where("organizer_id", "=", s.organizerId);
  q = s.agencyId === null ? q.where("agency_id", "is", null) : q.where("agency_id", "=", s.agencyId);
  q = s.competitionId === null ? q.where("competition_id", "is", null) : q.where("competition_id", "=", s.competitionId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The invitation for a token with the names of its scope, whatever its state; undefined when unknown. */
export async function findInvitationByToken(db: DB, token: string) {
  return db
    .selectFrom("invitations")
    .leftJoin("organizers", "organizers.id", "invitations.organizer_id")
    .leftJoin("agencies", "agencies.id", "invitations.agency_id")
    .leftJoin("competitions", "competitions.id", "invitations.competition_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.name",
      "invitations.role",
      "invitations.organizer_id",
      "invitations.agency_id",
      "invitations.competition_id",
      "invitations.expires_at",
      "invitations.accepted_at",
      "invitations.declined_at",
      "invitations.created_at",
      "organizers.name as organizer_name",
      "agencies.name as agency_name",
      "competitions.name as competition_name",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/** Whether an invitation can still be accepted (or declined) at `now`: not used, not declined, not expired. */
export function isUsable(inv: { accepted_at: string | null; declined_at?: string | null; expires_at: string }, now: Date): boolean {
  return inv.accepted_at === null && !inv.declined_at && inv.expires_at > now.toISOString();
}

/**
 * Mark an invitation accepted, atomically: only one of two concurrent
 * acceptances wins. Returns false when it was already used or has expired.
 */
export async function claimInvitation(db: DB, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable("invitations")
    .set({ accepted_at: now.toISOString() })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("declined_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Mark an invitation declined, atomically (as claimInvitation): its link
 * stops working. Returns false when it was already used, declined or has expired.
 */
export async function markInvitationDeclined(db: DB, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable("invitations")
    .set({ declined_at: now.toISOString() })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("declined_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Unaccepted invitations an organizer sent (staff and Admin Lokal), newest first, with the agency name. */
export async function listPendingInvitations(db: DB, organizerId: string) {
  return db
    .selectFrom("invitations")
    .leftJoin("agencies", "agencies.id", "invitations.agency_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.name",
      "invitations.role",
      "invitations.expires_at",
      "invitations.created_at",
      "agencies.name as agency_name",
    ])
    .where("invitations.organizer_id", "=", organizerId)
    .where("invitations.role", "in", ["organizer_admin", "admin_lokal"])
    .where("invitations.accepted_at", "is", null)
    .orderBy("invitations.created_at", "desc")
    .orderBy("invitations.id")
    .execute();
}

/** One unaccepted invitation of an organizer (scoped: another organizer's id finds nothing). */
export async function findPendingInvitationOfOrganizer(db: DB, organizerId: string, invitationId: string) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "name", "role", "organizer_id", "agency_id", "competition_id", "expires_at"])
    .where("id", "=", invitationId)
    .where("organizer_id", "=", organizerId)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
}

export async function deleteInvitation(db: DB, id: string): Promise<void> {
  await db.deleteFrom("invitations").where("id", "=", id).execute();
}
