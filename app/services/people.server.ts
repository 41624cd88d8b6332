/**
 * Accounts an Admin Lokal keeps for their agency (innovators, UPP), and the
 * "create" path shared with organizers creating an Admin Lokal: the account is
 * made at once, without a password, and a one-time link to set one is mailed.
 * (The "invite" path, where the person makes their own account from a link,
 * is in invitations.server.ts.)
 */
import { assertCan } from "~/auth/actor.server";
import { endAllSessions } from "~/auth/session.server";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newToken } from "~/lib/ids.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import {
  countActiveMemberships,
  findInnovatorOfAgency,
  findMembership,
  insertPasswordSetup,
  listInnovatorsOfAgency,
  setMembershipActive,
} from "~/models/people.server";
import { findUserByEmail, insertMembership, insertUser, setUserActive } from "~/models/users.server";
import { checkPerson } from "~/schemas/people";
import { sendMail } from "./mail.server";

/** Where mailed links point, and the clock (tests move it). */
export interface MailContext {
  origin: string;
  now?: Date;
}

/** How long a mailed set-password link of a created account works. */
export const SETUP_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatePersonResult =
  /** setupLinkSent: a set-password link was mailed (else a note that a role was added). */
  | { ok: true; userId: string; newAccount: boolean; setupLinkSent: boolean }
  | { ok: false; errors: FieldErrors };

export interface DirectGrant {
  email: string;
  name: string;
  role: "admin_lokal" | "innovator";
  agencyId: string;
  /** Shown in the mail: the agency's name. */
  scopeName: string;
}

export interface GrantOutcome {
  userId: string;
  newAccount: boolean;
  /** The recipient's name and language for the mail. */
  userName: string;
  locale: Locale;
  /** Set when the account has no password yet: the set-password link's token. */
  setupToken: string | null;
}

/**
 * Give a person a role in an agency now, inside the caller's transaction:
 * a new account without a password when the e-mail is new, else the role is
 * added to the existing account (an inactive account is reactivated, since it
 * now has an active role). Accounts without a password get a set-password
 * token valid SETUP_TTL_MS. The caller has checked the person does not hold
 * the role already, and writes the audit row.
 */
export async function grantAgencyRoleNow(trx: DB, g: DirectGrant, now: Date): Promise<GrantOutcome> {
  const existing = await findUserByEmail(trx, g.email);
  let userId: string;
  let hasPassword: boolean;
  if (existing) {
    userId = existing.id;
    hasPassword = existing.password_hash !== null;
    const membership = await findMembership(trx, userId, { role: g.role, organizerId: null, agencyId: g.agencyId, competitionId: null });
    if (membership) await setMembershipActive(trx, membership.id, true);
    else await insertMembership(trx, { userId, role: g.role, agencyId: g.agencyId });
    if (!existing.active) await setUserActive(trx, userId, true);
  } else {
    userId = await insertUser(trx, { email: g.email, name: g.name, passwordHash: null });
    hasPassword = false;
    await insertMembership(trx, { userId, role: g.role, agencyId: g.agencyId });
  }
  let setupToken: string | null = null;
  if (!hasPassword) {
    setupToken = newToken();
    await insertPasswordSetup(trx, {
      userId,
      token: setupToken,
      expiresAt: new Date(now.getTime() + SETUP_TTL_MS).toISOString(),
      createdAt: now.toISOString(),
    });
  }
  return {
    userId,
    newAccount: !existing,
    userName: existing?.name ?? g.name,
    locale: existing?.locale === "en" ? "en" : "id",
    setupToken,
  };
}

/** The mail after a direct grant: a set-password link, or a note that a role was added. */
export async function mailGrant(db: DB, g: DirectGrant, o: GrantOutcome, inviterName: string, origin: string): Promise<void> {
  const role = translate(o.locale, `role.${g.role}` as MessageKey);
  const params = { name: o.userName, inviter: inviterName, role, scope: g.scopeName, email: g.email };
  if (o.setupToken) {
    await sendMail(db, {
      to: g.email,
      subject: translate(o.locale, "people.mail.created.subject", { role }),
      text: translate(o.locale, "people.mail.created.body", { ...params, link: `${origin}/reset-password/${o.setupToken}` }),
    });
  } else {
    await sendMail(db, {
      to: g.email,
      subject: translate(o.locale, "people.mail.granted.subject", { role }),
      text: translate(o.locale, "people.mail.granted.body", { ...params, link: `${origin}/login` }),
    });
  }
}

/**
 * The innovator accounts of an agency (active and deactivated).
 * Throws 403 unless the actor is an Admin Lokal of that agency; the query is
 * scoped to the agency as well.
 */
export async function listAgencyInnovators(db: DB, actor: Actor, agencyId: string) {
  assertCan(actor, "innovator.list", { type: "agency", id: agencyId });
  return listInnovatorsOfAgency(db, agencyId);
}

/**
 * An Admin Lokal creates an innovator (UPP) account for their agency: a new
 * account without a password and a mailed set-password link (7 days); when
 * the e-mail already has an account, the innovator role is added to it.
 * Side effects: users/memberships/password_resets rows and one audit row
 * ("innovator.created") in one transaction, then one mail.
 * Throws 403 unless the actor is an Admin Lokal of the agency, 404 for an unknown agency.
 */
export async function createInnovator(
  db: DB,
  actor: Actor,
  agencyId: string,
  input: { name: string; email: string },
  ctx: MailContext,
): Promise<CreatePersonResult> {
  assertCan(actor, "innovator.create", { type: "agency", id: agencyId });
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const person = checkPerson(input);
  if (!person.ok) return person;
  const now = ctx.now ?? new Date();
  const grant: DirectGrant = { email: person.email, name: person.name, role: "innovator", agencyId, scopeName: agency.name };

  const result = await db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, person.email);
    if (existing) {
      const m = await findMembership(trx, existing.id, { role: "innovator", organizerId: null, agencyId, competitionId: null });
      if (m) return { ok: false as const, errors: { email: m.active ? "innovators.errors.already" : "innovators.errors.inactive" } as FieldErrors };
    }
    const outcome = await grantAgencyRoleNow(trx, grant, now);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "innovator.created",
      entityType: "user",
      entityId: outcome.userId,
      agencyId,
      after: { user_id: outcome.userId, email: person.email, name: outcome.userName, role: "innovator", agency_id: agencyId, new_account: outcome.newAccount },
    });
    return { ok: true as const, outcome };
  });
  if (!result.ok) return result;
  await mailGrant(db, grant, result.outcome, actor.name, ctx.origin);
  const { userId, newAccount, setupToken } = result.outcome;
  return { ok: true, userId, newAccount, setupLinkSent: setupToken !== null };
}

export type ChangeResult = { ok: true; changed: boolean; userDeactivated: boolean };

/**
 * An Admin Lokal deactivates an innovator of their agency: the innovator
 * membership becomes inactive; when the person then holds no active role and
 * is not a platform admin, the account is deactivated and every session ended.
 * Side effects: memberships (and users) row, one audit row ("innovator.deactivated"),
 * then the sessions deleted. Doing it twice changes nothing the second time.
 * Throws 403 unless the actor is an Admin Lokal of the agency; 404 unless the
 * user is an innovator of that agency.
 */
export async function deactivateInnovator(db: DB, actor: Actor, agencyId: string, userId: string): Promise<ChangeResult> {
  assertCan(actor, "innovator.deactivate", { type: "user", id: userId, agencyIds: [agencyId] });
  const result = await db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const row = await findInnovatorOfAgency(trx, agencyId, userId);
    if (!row) notFound();
    if (!row.membership_active) return { ok: true, changed: false, userDeactivated: false };
    await setMembershipActive(trx, row.membership_id, false);
    const others = await countActiveMemberships(trx, userId);
    const deactivateUser = others === 0 && row.is_platform_admin !== 1 && row.user_active === 1;
    if (deactivateUser) await setUserActive(trx, userId, false);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "innovator.deactivated",
      entityType: "user",
      entityId: userId,
      agencyId,
      before: { membership_active: true, user_active: row.user_active === 1 },
      after: { membership_active: false, user_active: row.user_active === 1 && !deactivateUser },
    });
    return { ok: true, changed: true, userDeactivated: deactivateUser };
  });
  // After the commit: the session store is reached through its own handle.
  if (result.userDeactivated) await endAllSessions(userId);
  return result;
}

/**
 * An Admin Lokal reactivates an innovator of their agency: the membership and,
 * when it was deactivated, the account become active again.
 * Side effects: memberships (and users) row, one audit row ("innovator.reactivated").
 * Throws 403 unless the actor is an Admin Lokal of the agency; 404 unless the
 * user is an innovator of that agency.
 */
export async function reactivateInnovator(db: DB, actor: Actor, agencyId: string, userId: string): Promise<ChangeResult> {
  assertCan(actor, "innovator.reactivate", { type: "user", id: userId, agencyIds: [agencyId] });
  return db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const row = await findInnovatorOfAgency(trx, agencyId, userId);
    if (!row) notFound();
    if (row.membership_active && row.user_active) return { ok: true, changed: false, userDeactivated: false };
    await setMembershipActive(trx, row.membership_id, true);
    if (!row.user_active) await setUserActive(trx, userId, true);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "innovator.reactivated",
      entityType: "user",
      entityId: userId,
      agencyId,
      before: { membership_active: row.membership_active === 1, user_active: row.user_active === 1 },
      after: { membership_active: true, user_active: true },
    });
    return { ok: true, changed: true, userDeactivated: false };
  });
}
