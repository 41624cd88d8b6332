/**
 * Invitations ("invite" path): a person receives a link by e-mail, opens it,
 * and makes their own account (or, if the e-mail already has one, signs in)
 * to take the role. The "create" path, where an account is made for them at
 * once, is createAdminLokal here and createInnovator in people.server.ts.
 *
 * Links are single use and expire after 7 days; tokens are stored hashed.
 */
import { assertCan } from "~/auth/actor.server";
import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db.server";
import { organizerCoversAgency } from "~/domain/permissions";
import type { Actor, OrganizerKind, Role } from "~/domain/roles";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newToken } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import {
  claimInvitation,
  deleteInvitation,
  deletePendingDuplicates,
  findInvitationByToken,
  findPendingInvitationOfOrganizer,
  insertInvitation,
  isUsable,
  markInvitationDeclined,
  type InvitationRow,
} from "~/models/invitations.server";
import { findJurorByEmail, isJurorRole, updateJuror } from "~/models/jurors.server";
import { findOrganizer } from "~/models/organizers.server";
import { findMembership, setMembershipActive, type MembershipScope } from "~/models/people.server";
import { findUserByEmail, findUserById, insertMembership, insertUser } from "~/models/users.server";
import { checkName, checkNewPassword, checkPerson } from "~/schemas/people";
import { sendMail } from "./mail.server";
import { grantAgencyRoleNow, mailGrant, type CreatePersonResult, type DirectGrant, type MailContext } from "./people.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationRequest {
  email: string;
  name: string;
  role: Role;
  organizerId: string | null;
  agencyId: string | null;
  competitionId: string | null;
}

export interface IssuedInvitation {
  id: string;
  token: string;
  expiresAt: string;
}

/**
 * Write an invitation and its audit row ("invitation.created") inside the
 * caller's transaction. An earlier unaccepted invitation of the same person
 * to the same role and scope is replaced (its link stops working). Other
 * features (juries) invite through this and mailInvitation.
 */
export async function issueInvitation(trx: DB, actor: Actor, r: InvitationRequest, now: Date): Promise<IssuedInvitation> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  const scope = { role: r.role, organizerId: r.organizerId, agencyId: r.agencyId, competitionId: r.competitionId };
  const replaced = await deletePendingDuplicates(trx, r.email, scope);
  const id = await insertInvitation(trx, {
    ...scope,
    email: r.email,
    name: r.name,
    token,
    invitedBy: actor.userId,
    expiresAt,
    createdAt: now.toISOString(),
  });
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "invitation.created",
    entityType: "invitation",
    entityId: id,
    organizerId: r.organizerId,
    agencyId: r.agencyId,
    competitionId: r.competitionId,
    after: {
      email: r.email,
      name: r.name,
      role: r.role,
      organizer_id: r.organizerId,
      agency_id: r.agencyId,
      competition_id: r.competitionId,
      expires_at: expiresAt,
      replaced,
    },
  });
  return { id, token, expiresAt };
}

/** The invitation mail (auth's invite.mail texts), in the invitee's language when they have an account. */
export async function mailInvitation(
  db: DB,
  m: { email: string; name: string; role: Role; scopeName: string; inviterName: string; token: string; origin: string },
): Promise<void> {
  const user = await findUserByEmail(db, m.email);
  const locale: Locale = user?.locale === "en" ? "en" : "id";
  const role = translate(locale, `role.${m.role}` as MessageKey);
  await sendMail(db, {
    to: m.email,
    subject: translate(locale, "invite.mail.subject", { role }),
    text: translate(locale, "invite.mail.body", {
      name: user?.name ?? m.name,
      inviter: m.inviterName,
      role,
      scope: m.scopeName,
      link: `${m.origin}/invitations/${m.token}`,
    }),
  });
}

export type InviteResult = { ok: true; invitationId: string } | { ok: false; errors: FieldErrors };

/**
 * An organizer admin (or the platform admin) invites a person to the
 * organizer's staff (Admin Penyelenggara).
 * Side effects: one invitations row and one audit row ("invitation.created")
 * in one transaction, then one mail.
 * Throws 403 unless the actor may invite staff to this organizer, 404 for an unknown organizer.
 */
export async function inviteOrganizerStaff(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: { name: string; email: string },
  ctx: MailContext,
): Promise<InviteResult> {
  assertCan(actor, "organizer.inviteStaff", { type: "organizer", id: organizerId });
  const organizer = await findOrganizer(db, organizerId);
  if (!organizer) notFound();
  const person = checkPerson(input);
  if (!person.ok) return person;
  const now = ctx.now ?? new Date();
  const result = await db.transaction().execute(async (trx) => {
    if (await holdsActiveRole(trx, person.email, { role: "organizer_admin", organizerId, agencyId: null, competitionId: null })) {
      return { ok: false as const, errors: { email: "organizer.errors.alreadyStaff" } as FieldErrors };
    }
    const inv = await issueInvitation(
      trx,
      actor,
      { email: person.email, name: person.name, role: "organizer_admin", organizerId, agencyId: null, competitionId: null },
      now,
    );
    return { ok: true as const, inv };
  });
  if (!result.ok) return result;
  await mailInvitation(db, {
    email: person.email,
    name: person.name,
    role: "organizer_admin",
    scopeName: organizer.name,
    inviterName: actor.name,
    token: result.inv.token,
    origin: ctx.origin,
  });
  return { ok: true, invitationId: result.inv.id };
}

export interface AdminLokalInput {
  agencyId: string;
  name: string;
  email: string;
}

/**
 * The agency an organizer may give an Admin Lokal to. The query itself is
 * scoped (a provincial organizer's lookup only finds agencies of its
 * province), and the rule is checked again on the row.
 */
async function findAgencyForOrganizer(
  db: DB,
  organizer: { kind: OrganizerKind; province_code: string | null },
  agencyId: string,
) {
  let q = db.selectFrom("agencies").select(["id", "code", "name", "province_code"]).where("id", "=", agencyId);
  if (organizer.kind !== "national") q = q.where("province_code", "=", organizer.province_code ?? "");
  const agency = await q.executeTakeFirst();
  if (!agency) return null;
  const covered = organizerCoversAgency(
    { kind: organizer.kind, provinceCode: organizer.province_code },
    { provinceCode: agency.province_code },
  );
  return covered ? agency : null;
}

/** Checks shared by the invite and create paths for an Admin Lokal. */
async function checkAdminLokalRequest(db: DB, actor: Actor, organizerId: string, input: AdminLokalInput) {
  assertCan(actor, "agency.inviteAdminLokal", { type: "organizer", id: organizerId });
  const organizer = await findOrganizer(db, organizerId);
  if (!organizer) notFound();
  const person = checkPerson(input);
  const errors: FieldErrors = person.ok ? {} : { ...person.errors };
  const agencyId = (input.agencyId ?? "").trim();
  const agency = agencyId ? await findAgencyForOrganizer(db, organizer, agencyId) : null;
  if (!agency) {
    errors.agencyId = !agencyId
      ? "errors.required"
      : organizer.kind === "provincial"
        ? "organizer.errors.agencyOutsideProvince"
        : "errors.unknownAgency";
  }
  if (!person.ok || !agency) return { ok: false as const, errors };
  return { ok: true as const, organizer, agency, name: person.name, email: person.email };
}

/**
 * An organizer admin invites a person to be Admin Lokal of an agency: any
 * agency for the national organizer, only agencies of its province for a
 * provincial one. The invitation carries the organizer (who sent it) and the
 * agency (the role's scope).
 * Side effects: one invitations row and one audit row ("invitation.created")
 * in one transaction, then one mail.
 * Throws 403 unless the actor is an admin of the organizer, 404 for an unknown organizer.
 */
export async function inviteAdminLokal(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: AdminLokalInput,
  ctx: MailContext,
): Promise<InviteResult> {
  const checked = await checkAdminLokalRequest(db, actor, organizerId, input);
  if (!checked.ok) return checked;
  const { agency, name, email } = checked;
  const now = ctx.now ?? new Date();
  const result = await db.transaction().execute(async (trx) => {
    if (await holdsActiveRole(trx, email, { role: "admin_lokal", organizerId: null, agencyId: agency.id, competitionId: null })) {
      return { ok: false as const, errors: { email: "organizer.errors.alreadyAdminLokal" } as FieldErrors };
    }
    const inv = await issueInvitation(
      trx,
      actor,
      { email, name, role: "admin_lokal", organizerId, agencyId: agency.id, competitionId: null },
      now,
    );
    return { ok: true as const, inv };
  });
  if (!result.ok) return result;
  await mailInvitation(db, {
    email,
    name,
    role: "admin_lokal",
    scopeName: agency.name,
    inviterName: actor.name,
    token: result.inv.token,
    origin: ctx.origin,
  });
  return { ok: true, invitationId: result.inv.id };
}

/**
 * The "create" path for an Admin Lokal: the account is made now without a
 * password and a set-password link (/reset-password/<token>, 7 days) is
 * mailed; an existing account gets the role added and a note by mail.
 * Same agency rule as inviteAdminLokal.
 * Side effects: users/memberships/password_resets rows and one audit row
 * ("admin_lokal.created") in one transaction, then one mail.
 * Throws 403 unless the actor is an admin of the organizer, 404 for an unknown organizer.
 */
export async function createAdminLokal(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: AdminLokalInput,
  ctx: MailContext,
): Promise<CreatePersonResult> {
  const checked = await checkAdminLokalRequest(db, actor, organizerId, input);
  if (!checked.ok) return checked;
  const { agency, name, email } = checked;
  const now = ctx.now ?? new Date();
  const grant: DirectGrant = { email, name, role: "admin_lokal", agencyId: agency.id, scopeName: agency.name };
  const result = await db.transaction().execute(async (trx) => {
    if (await holdsActiveRole(trx, email, { role: "admin_lokal", organizerId: null, agencyId: agency.id, competitionId: null })) {
      return { ok: false as const, errors: { email: "organizer.errors.alreadyAdminLokal" } as FieldErrors };
    }
    const outcome = await grantAgencyRoleNow(trx, grant, now);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "admin_lokal.created",
      entityType: "user",
      entityId: outcome.userId,
      organizerId,
      agencyId: agency.id,
      after: { user_id: outcome.userId, email, name: outcome.userName, role: "admin_lokal", agency_id: agency.id, new_account: outcome.newAccount },
    });
    return { ok: true as const, outcome };
  });
  if (!result.ok) return result;
  await mailGrant(db, grant, result.outcome, actor.name, ctx.origin);
  const { userId, newAccount, setupToken } = result.outcome;
  return { ok: true, userId, newAccount, setupLinkSent: setupToken !== null };
}

async function holdsActiveRole(db: DB, email: string, scope: MembershipScope): Promise<boolean> {
  const user = await findUserByEmail(db, email);
  if (!user) return false;
  const m = await findMembership(db, user.id, scope);
  return Boolean(m?.active);
}

/** The membership an invitation grants: the role with only the scope column that role uses. */
export function membershipScopeOf(inv: { role: string; organizer_id: string | null; agency_id: string | null; competition_id: string | null }): MembershipScope {
  const role = inv.role as Role;
  switch (role) {
    case "organizer_admin":
      return { role, organizerId: inv.organizer_id, agencyId: null, competitionId: null };
    case "admin_lokal":
    case "innovator":
      return { role, organizerId: null, agencyId: inv.agency_id, competitionId: null };
    case "evaluator":
    case "panelist":
      return { role, organizerId: null, agencyId: null, competitionId: inv.competition_id };
  }
  throw new Error(`Unknown role in invitation: ${inv.role}`);
}

/** What the invitation page shows; null when the link is unknown, used, revoked or expired. */
export async function getInvitation(db: DB, token: string, now = new Date()) {
  const inv = await findInvitationByToken(db, token);
  if (!inv || !isUsable(inv, now)) return null;
  const account = await findUserByEmail(db, inv.email);
  return {
    email: inv.email,
    name: inv.name,
    role: inv.role as Role,
    scopeName: scopeNameOf(inv),
    hasAccount: Boolean(account),
  };
}

function scopeNameOf(inv: InvitationRow): string {
  switch (membershipScopeOf(inv).role) {
    case "organizer_admin":
      return inv.organizer_name ?? "";
    case "admin_lokal":
    case "innovator":
      return inv.agency_name ?? "";
    default:
      return inv.competition_name ?? "";
  }
}

export type AcceptInput = { name: string; password: string } | { existingUserId: string };

export type AcceptResult =
  | { ok: true; userId: string; newAccount: boolean }
  /** Unknown, already used, revoked or expired. */
  | { ok: false; reason: "invalid" }
  /** The signed-in account is not the invited e-mail. */
  | { ok: false; reason: "wrongAccount"; email: string }
  /** The new-account form was used for an e-mail that has an account: sign in instead. */
  | { ok: false; reason: "accountExists" }
  | { ok: false; reason: "form"; errors: FieldErrors };

/**
 * Accept an invitation, once, within 7 days. With {name, password} a new
 * account is made for the invited e-mail (password at least 10 characters);
 * with {existingUserId} (the signed-in user) the role is added to that
 * account, which must have the invited e-mail. The membership gets the
 * invitation's role and scope; an identical inactive one is reactivated.
 * Side effects: the invitation marked accepted (atomically), users and
 * memberships rows, one audit row ("invitation.accepted"), in one transaction.
 * A juror invitation (evaluator or panelist of a competition) also makes the
 * pool entry of that competition, role and e-mail active with the account
 * (audit row "juror.activated").
 * The caller starts a session for a new account.
 */
export async function acceptInvitation(db: DB, token: string, input: AcceptInput, now = new Date()): Promise<AcceptResult> {
  const inv = await findInvitationByToken(db, token);
  if (!inv || !isUsable(inv, now)) return { ok: false, reason: "invalid" };
  const scope = membershipScopeOf(inv);

  let existingUserId: string | null = null;
  let newAccount: { name: string; passwordHash: string } | null = null;
  if ("existingUserId" in input) {
    const user = await findUserById(db, input.existingUserId);
    if (!user || !user.active) return { ok: false, reason: "invalid" };
    if (user.email !== inv.email) return { ok: false, reason: "wrongAccount", email: inv.email };
    existingUserId = user.id;
  } else {
    const errors: FieldErrors = {};
    const name = checkName(input.name);
    if (!name.ok) errors.name = name.error;
    const passwordError = checkNewPassword(input.password);
    if (passwordError) errors.password = passwordError;
    if (!name.ok || passwordError) return { ok: false, reason: "form", errors };
    if (await findUserByEmail(db, inv.email)) return { ok: false, reason: "accountExists" };
    newAccount = { name: name.value, passwordHash: await hashPassword(input.password) };
  }

  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    if (!(await claimInvitation(trx, inv.id, now))) return { ok: false, reason: "invalid" };
    const userId =
      existingUserId ??
      // A concurrent registration of the same e-mail fails here on the unique
      // e-mail and rolls the claim back.
      (await insertUser(trx, { email: inv.email, name: newAccount!.name, passwordHash: newAccount!.passwordHash }));
    const existing = await findMembership(trx, userId, scope);
    let membershipId: string;
    if (existing) {
      membershipId = existing.id;
      if (!existing.active) await setMembershipActive(trx, existing.id, true);
    } else {
      membershipId = await insertMembership(trx, {
        userId,
        role: scope.role,
        organizerId: scope.organizerId,
        agencyId: scope.agencyId,
        competitionId: scope.competitionId,
      });
    }
    await activateInvitedJuror(trx, inv, userId, now);
    await appendAudit(trx, {
      actorUserId: userId,
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: inv.id,
      organizerId: inv.organizer_id,
      agencyId: inv.agency_id,
      competitionId: inv.competition_id,
      before: { accepted_at: null },
      after: { accepted_at: now.toISOString(), user_id: userId, membership_id: membershipId, role: scope.role, new_account: !existingUserId },
    });
    return { ok: true, userId, newAccount: !existingUserId };
  });
}

/**
 * Revoke an unaccepted invitation the organizer sent: its link stops working.
 * The row is deleted; the audit row ("invitation.revoked") keeps what it was.
 * Throws 403 unless the actor may revoke for this organizer; 404 when the
 * invitation is not a pending one of this organizer (scoped query).
 */
export async function revokeInvitation(db: DB, actor: Actor, organizerId: string, invitationId: string): Promise<void> {
  assertCan(actor, "invitation.revoke", { type: "organizer", id: organizerId });
  await db.transaction().execute(async (trx) => {
    const inv = await findPendingInvitationOfOrganizer(trx, organizerId, invitationId);
    if (!inv) notFound();
    await deleteInvitation(trx, inv.id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: inv.id,
      organizerId,
      agencyId: inv.agency_id,
      competitionId: inv.competition_id,
      before: { email: inv.email, name: inv.name, role: inv.role, agency_id: inv.agency_id, expires_at: inv.expires_at },
    });
  });
}

/**
 * The pool entry a juror invitation was sent for (same competition, role and
 * e-mail, still "invited") becomes active with the account. Runs inside
 * acceptInvitation's transaction; does nothing for other invitations.
 */
async function activateInvitedJuror(trx: DB, inv: InvitationRow, userId: string, now: Date): Promise<void> {
  if (!inv.competition_id || !isJurorRole(inv.role)) return;
  const juror = await findJurorByEmail(trx, inv.competition_id, inv.role, inv.email);
  if (!juror || juror.status !== "invited") return;
  await updateJuror(trx, juror.id, { status: "active", userId }, now.toISOString());
  await appendAudit(trx, {
    actorUserId: userId,
    action: "juror.activated",
    entityType: "juror",
    entityId: juror.id,
    organizerId: inv.organizer_id,
    competitionId: inv.competition_id,
    before: { status: juror.status, user_id: juror.user_id },
    after: { status: "active", user_id: userId, invitation_id: inv.id },
  });
}

export type DeclineResult = { ok: true } | { ok: false; reason: "invalid" };

/**
 * Decline a juror invitation by its link (no sign-in needed: the link is the
 * credential, as for accepting). Only evaluator and panelist invitations can
 * be declined; staff and Admin Lokal invitations are accepted or left to expire.
 * Side effects: invitations.declined_at set (atomically; the link stops
 * working), the pool entry (same competition, role and e-mail, still
 * "invited") set to "declined", one audit row ("invitation.declined"), in one
 * transaction.
 */
export async function declineInvitation(db: DB, token: string, now = new Date()): Promise<DeclineResult> {
  const inv = await findInvitationByToken(db, token);
  if (!inv || !isUsable(inv, now) || !inv.competition_id || !isJurorRole(inv.role)) return { ok: false, reason: "invalid" };
  const competitionId = inv.competition_id;
  const role = inv.role;
  return db.transaction().execute(async (trx): Promise<DeclineResult> => {
    if (!(await markInvitationDeclined(trx, inv.id, now))) return { ok: false, reason: "invalid" };
    const juror = await findJurorByEmail(trx, competitionId, role, inv.email);
    const jurorDeclined = juror?.status === "invited";
    if (juror && jurorDeclined) await updateJuror(trx, juror.id, { status: "declined" }, now.toISOString());
    await appendAudit(trx, {
      actorUserId: null,
      action: "invitation.declined",
      entityType: "invitation",
      entityId: inv.id,
      organizerId: inv.organizer_id,
      competitionId,
      before: { declined_at: null, juror_status: juror?.status ?? null },
      after: { declined_at: now.toISOString(), email: inv.email, role, juror_id: juror?.id ?? null, juror_status: jurorDeclined ? "declined" : (juror?.status ?? null) },
    });
    return { ok: true };
  });
}

/** What the page shows after a juror declined by this link; null unless it was declined. */
export async function getDeclinedInvitation(db: DB, token: string) {
  const inv = await findInvitationByToken(db, token);
  if (!inv || !inv.declined_at) return null;
  return { role: inv.role as Role, scopeName: scopeNameOf(inv) };
}
