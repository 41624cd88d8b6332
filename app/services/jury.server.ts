/**
 * Juror pools, invitations and profiles (the jury issue).
 *
 * Per edition there are two pools, Evaluator (TE) and Panelis (TPI). A pool
 * entry (`jurors`) is made by inviting an e-mail (status "invited" until the
 * person accepts or declines the link; see acceptInvitation/declineInvitation
 * in invitations.server.ts) or by adding an existing account (status
 * "active" at once, with the competition membership that gives the role).
 * Withdrawing keeps the row (and its assignments, which the assignment
 * helper's "repair" moves) but takes the role away; reinstating gives it back.
 *
 * Who may edit what, checked here (not only in the UI):
 *   - the organizer's admins ("jury.manage"): everything, in every pool;
 *   - the juror themself ("juror.editProfile" on their own active row):
 *     affiliation, expertise and unavailable periods; never loads or status.
 *
 * Every function loads the competition first (unknown → 404), checks the
 * permission (→ 403), reads jurors only within that competition (a juror id
 * of another edition → 404), writes in one transaction and appends one audit
 * row per change with the organizer and competition set.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { can, type Resource } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { wibLocalToUtcIso } from "~/domain/time";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { searchAgencies } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import { deletePendingDuplicates } from "~/models/invitations.server";
import {
  agencyExists,
  deleteUnavailability,
  expertiseByJuror,
  findActiveJurorsOfUser,
  findJuror,
  findJurorByEmail,
  findUnavailability,
  insertJuror,
  insertUnavailability,
  listCompetitionCategories,
  listExpertise,
  listJurors,
  listUnavailability,
  replaceExpertise,
  updateJuror,
  type JurorRow,
} from "~/models/jurors.server";
import { findMembership, setMembershipActive, type MembershipScope } from "~/models/people.server";
import { findUserByEmail, insertMembership } from "~/models/users.server";
import { email as emailSchema } from "~/schemas/common";
import {
  AFFILIATION_OTHER_MAX,
  JUROR_ROLE_VALUES,
  loadErrors,
  NOTE_MAX,
  REASON_MAX,
  type JurorProfileInput,
  type JurorRoleValue,
  type UnavailabilityInput,
} from "~/schemas/jury";
import { checkPerson } from "~/schemas/people";
import { issueInvitation, mailInvitation } from "./invitations.server";
import { sendMail } from "./mail.server";
import type { MailContext } from "./people.server";

export type JuryResult<T extends object = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

/** How many agencies the affiliation search lists at most. */
export const AGENCY_PICK_LIMIT = 30;

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionById>>>;

function competitionResource(c: Competition): Resource {
  return { type: "competition", id: c.id, organizerId: c.organizer_id };
}

function jurorResource(c: Competition, j: { user_id: string | null }): Resource {
  return { type: "juror", competitionId: c.id, organizerId: c.organizer_id, userId: j.user_id };
}

function membershipScope(c: Competition, role: JurorRoleValue): MembershipScope {
  return { role, organizerId: null, agencyId: null, competitionId: c.id };
}

/** How jury invitations are scoped (issueInvitation below): the organizer that sent it and the competition. */
function invitationScope(c: Competition, role: JurorRoleValue) {
  return { role, organizerId: c.organizer_id, agencyId: null, competitionId: c.id };
}

function isRole(v: unknown): v is JurorRoleValue {
  return typeof v === "string" && (JUROR_ROLE_VALUES as readonly string[]).includes(v);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (the demo seed). */
function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

async function competitionById(db: DB, competitionId: string): Promise<Competition> {
  const c = await findCompetitionById(db, competitionId);
  if (!c) notFound();
  return c;
}

async function competitionBySlug(db: DB, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  return c;
}

async function managed(db: DB, actor: Actor, competitionId: string): Promise<Competition> {
  const c = await competitionById(db, competitionId);
  assertCan(actor, "jury.manage", competitionResource(c));
  return c;
}

function audit(
  db: DB,
  actor: Actor | null,
  c: Competition,
  e: { action: string; entityType?: string; entityId: string; before?: unknown; after?: unknown },
) {
  return appendAudit(db, {
    actorUserId: actor?.userId ?? null,
    organizerId: c.organizer_id,
    competitionId: c.id,
    entityType: e.entityType ?? "juror",
    entityId: e.entityId,
    action: e.action,
    before: e.before,
    after: e.after,
  });
}

/**
 * What the actor may do with one juror: `manage` (the organizer: every field,
 * status) or only the juror's own fields. Throws 403 for anyone else, and for
 * a juror whose own entry is not active.
 */
function accessTo(actor: Actor, c: Competition, j: JurorRow): { manage: boolean } {
  if (can(actor, "jury.manage", competitionResource(c))) return { manage: true };
  assertCan(actor, "juror.editProfile", jurorResource(c, j));
  if (j.status !== "active") forbidden();
  return { manage: false };
}

async function jurorIn(db: DB, c: Competition, jurorId: string): Promise<JurorRow> {
  const j = await findJuror(db, c.id, jurorId);
  if (!j) notFound();
  return j;
}

/**
 * The edition of a slug, for actions to call a function here with its id
 * (which then checks the permission). 404 for an unknown slug.
 */
export async function competitionOfSlug(db: DB, slug: string): Promise<{ id: string; slug: string }> {
  const c = await competitionBySlug(db, slug);
  return { id: c.id, slug: c.slug };
}

// ---------------------------------------------------------------------------
// The pool

export interface PoolEntry {
  id: string;
  name: string;
  email: string;
  status: JurorRow["status"];
  hasAccount: boolean;
  affiliation: { agencyId: string | null; agencyName: string | null; agencyCode: string | null; other: string };
  expertise: string[];
  minLoad: number;
  maxLoad: number;
  unavailableCount: number;
  withdrawnReason: string | null;
}

export type StatusCounts = Record<JurorRow["status"] | "total", number>;

/**
 * The pool page: both pools with each juror's profile summary, counts per
 * status, and the edition's categories (to name the expertise). Three
 * queries whatever the pool size.
 * Throws 404 for an unknown edition, 403 without "jury.manage".
 */
export async function getPool(db: DB, actor: Actor, slug: string) {
  const c = await competitionBySlug(db, slug);
  assertCan(actor, "jury.manage", competitionResource(c));
  const [rows, expertise, categories] = await Promise.all([
    listJurors(db, c.id),
    expertiseByJuror(db, c.id),
    listCompetitionCategories(db, c.id),
  ]);
  const pools: Record<JurorRoleValue, PoolEntry[]> = { evaluator: [], panelist: [] };
  const counts: Record<JurorRoleValue, StatusCounts> = {
    evaluator: { invited: 0, active: 0, declined: 0, withdrawn: 0, total: 0 },
    panelist: { invited: 0, active: 0, declined: 0, withdrawn: 0, total: 0 },
  };
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    pools[r.role].push({
      id: r.id,
      name: r.name,
      email: r.email,
      status: r.status,
      hasAccount: r.user_id !== null,
      affiliation: { agencyId: r.affiliation_agency_id, agencyName: r.agency_name, agencyCode: r.agency_code, other: r.affiliation_other },
      expertise: expertise.get(r.id) ?? [],
      minLoad: Number(r.min_load),
      maxLoad: Number(r.max_load),
      unavailableCount: r.unavailable_count,
      withdrawnReason: r.withdrawn_reason,
    });
    counts[r.role][r.status] += 1;
    counts[r.role].total += 1;
  }
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    pools,
    counts,
    categories: categories.map((k) => ({ id: k.id, nameId: k.name_id, nameEn: k.name_en })),
  };
}

export interface InviteJurorInput {
  name: string;
  email: string;
  role: string;
}

/**
 * Invite a person to a pool by e-mail. A new pool entry is made with status
 * "invited"; an entry that is still invited or has declined is invited again
 * (a new link; the old one stops working). An active juror of that pool, or a
 * withdrawn one (reinstate instead), gets an error at the e-mail.
 * Side effects: jurors row, invitations row, audit rows "invitation.created"
 * and "juror.invited", in one transaction; then one mail.
 * Throws 404 for an unknown edition, 403 without "jury.manage".
 */
export async function inviteJuror(
  db: DB,
  actor: Actor,
  competitionId: string,
  input: InviteJurorInput,
  ctx: MailContext,
): Promise<JuryResult<{ jurorId: string; invitationId: string }>> {
  const c = await managed(db, actor, competitionId);
  const person = checkPerson(input);
  const errors: FieldErrors = person.ok ? {} : { ...person.errors };
  if (!isRole(input.role)) errors.role = "jury.errors.role";
  if (!person.ok || !isRole(input.role)) return { ok: false, errors };
  const role = input.role;
  const { name, email } = person;
  const now = ctx.now ?? new Date();
  const nowIso = now.toISOString();

  const result = await inTransaction(db, async (trx) => {
    const existing = await findJurorByEmail(trx, c.id, role, email);
    if (existing?.status === "active") return { ok: false as const, errors: { email: "jury.errors.alreadyActive" } as FieldErrors };
    if (existing?.status === "withdrawn") return { ok: false as const, errors: { email: "jury.errors.withdrawnReinstate" } as FieldErrors };
    const inv = await issueInvitation(
      trx,
      actor,
      { email, name, ...invitationScope(c, role) },
      now,
    );
    let jurorId: string;
    if (existing) {
      jurorId = existing.id;
      await updateJuror(trx, jurorId, { name, status: "invited", invitationId: inv.id }, nowIso);
    } else {
      jurorId = await insertJuror(trx, {
        competitionId: c.id,
        role,
        email,
        name,
        userId: null,
        invitationId: inv.id,
        status: "invited",
        createdBy: actor.userId,
        now: nowIso,
      });
    }
    await audit(trx, actor, c, {
      action: "juror.invited",
      entityId: jurorId,
      before: existing ? { name: existing.name, status: existing.status, invitation_id: existing.invitation_id } : undefined,
      after: { email, name, role, status: "invited", invitation_id: inv.id },
    });
    return { ok: true as const, jurorId, inv };
  });
  if (!result.ok) return result;
  await mailInvitation(db, {
    email,
    name,
    role,
    scopeName: c.name,
    inviterName: actor.name,
    token: result.inv.token,
    origin: ctx.origin,
  });
  return { ok: true, jurorId: result.jurorId, invitationId: result.inv.id };
}

/**
 * Add an existing account to a pool: the entry is active at once with the
 * account's name, and the account gets the competition membership
 * (evaluator or panelist; an inactive identical one is reactivated). An
 * entry still invited or declined becomes active (its pending link stops
 * working). No account with that e-mail → error at the e-mail (invite instead).
 * Side effects: jurors and memberships rows, audit row "juror.added", in one
 * transaction; then a notice by mail in the account's language.
 * Throws 404 for an unknown edition, 403 without "jury.manage".
 */
export async function addExistingJuror(
  db: DB,
  actor: Actor,
  competitionId: string,
  input: { email: string; role: string },
  ctx: MailContext,
): Promise<JuryResult<{ jurorId: string; userId: string }>> {
  const c = await managed(db, actor, competitionId);
  const errors: FieldErrors = {};
  const mail = emailSchema.safeParse(input.email ?? "");
  if (!mail.success) errors.email = (mail.error.issues[0]?.message as MessageKey) ?? "errors.email";
  if (!isRole(input.role)) errors.role = "jury.errors.role";
  if (!mail.success || !isRole(input.role)) return { ok: false, errors };
  const role = input.role;
  const email = mail.data;
  const user = await findUserByEmail(db, email);
  if (!user) return { ok: false, errors: { email: "jury.errors.noAccount" } };
  if (!user.active) return { ok: false, errors: { email: "jury.errors.accountInactive" } };
  const nowIso = (ctx.now ?? new Date()).toISOString();
  const scope = membershipScope(c, role);

  const result = await inTransaction(db, async (trx) => {
    const existing = await findJurorByEmail(trx, c.id, role, email);
    if (existing?.status === "active") return { ok: false as const, errors: { email: "jury.errors.alreadyActive" } as FieldErrors };
    if (existing?.status === "withdrawn") return { ok: false as const, errors: { email: "jury.errors.withdrawnReinstate" } as FieldErrors };
    // A pending link for the same pool would otherwise still "accept" later.
    const revoked = await deletePendingDuplicates(trx, email, invitationScope(c, role));
    let jurorId: string;
    if (existing) {
      jurorId = existing.id;
      await updateJuror(trx, jurorId, { name: user.name, userId: user.id, status: "active", invitationId: null }, nowIso);
    } else {
      jurorId = await insertJuror(trx, {
        competitionId: c.id,
        role,
        email,
        name: user.name,
        userId: user.id,
        invitationId: null,
        status: "active",
        createdBy: actor.userId,
        now: nowIso,
      });
    }
    const membershipId = await grantMembership(trx, user.id, scope);
    await audit(trx, actor, c, {
      action: "juror.added",
      entityId: jurorId,
      before: existing ? { status: existing.status, user_id: existing.user_id, invitation_id: existing.invitation_id } : undefined,
      after: { email, name: user.name, role, status: "active", user_id: user.id, membership_id: membershipId, invitations_revoked: revoked },
    });
    return { ok: true as const, jurorId };
  });
  if (!result.ok) return result;

  const locale: Locale = user.locale === "en" ? "en" : "id";
  const roleName = translate(locale, `role.${role}` as MessageKey);
  await sendMail(db, {
    to: email,
    subject: translate(locale, "jury.mail.added.subject", { role: roleName, competition: c.name }),
    text: translate(locale, "jury.mail.added.body", {
      name: user.name,
      inviter: actor.name,
      role: roleName,
      competition: c.name,
      link: `${ctx.origin}/juror/${c.slug}/profile`,
    }),
  });
  return { ok: true, jurorId: result.jurorId, userId: user.id };
}

/** The membership of a scope made active (reactivated or inserted); its id. */
async function grantMembership(trx: DB, userId: string, scope: MembershipScope): Promise<string> {
  const m = await findMembership(trx, userId, scope);
  if (m) {
    if (!m.active) await setMembershipActive(trx, m.id, true);
    return m.id;
  }
  return insertMembership(trx, { userId, role: scope.role, competitionId: scope.competitionId });
}

/**
 * Withdraw a juror from a pool, with a written reason. The entry stays (with
 * its assignments: the assignment "repair" reassigns them); the competition
 * membership is deactivated so the person loses the juror role; a pending
 * invitation stops working.
 * Side effects: jurors and memberships rows, audit row "juror.withdrawn", in one transaction.
 * Throws 404 for an unknown edition or juror, 403 without "jury.manage".
 */
export async function withdrawJuror(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  input: { reason: string },
  now: Date = new Date(),
): Promise<JuryResult> {
  const c = await managed(db, actor, competitionId);
  const reason = (input.reason ?? "").trim();
  if (!reason) return { ok: false, errors: { reason: "errors.required" } };
  if (reason.length > REASON_MAX) return { ok: false, errors: { reason: "errors.tooLong" } };
  return inTransaction(db, async (trx): Promise<JuryResult> => {
    const j = await jurorIn(trx, c, jurorId);
    if (j.status === "withdrawn") return { ok: false, errors: { _form: "jury.errors.alreadyWithdrawn" } };
    let membershipDeactivated = false;
    if (j.user_id && isRole(j.role)) {
      const m = await findMembership(trx, j.user_id, membershipScope(c, j.role));
      if (m?.active) {
        await setMembershipActive(trx, m.id, false);
        membershipDeactivated = true;
      }
    }
    const revoked = isRole(j.role) ? await deletePendingDuplicates(trx, j.email, invitationScope(c, j.role)) : 0;
    await updateJuror(trx, j.id, { status: "withdrawn", withdrawnReason: reason, invitationId: revoked ? null : undefined }, now.toISOString());
    await audit(trx, actor, c, {
      action: "juror.withdrawn",
      entityId: j.id,
      before: { status: j.status, withdrawn_reason: j.withdrawn_reason },
      after: { status: "withdrawn", withdrawn_reason: reason, membership_deactivated: membershipDeactivated, invitations_revoked: revoked },
    });
    return { ok: true };
  });
}

/**
 * Take a withdrawn juror back. With an account: active again, membership
 * reactivated. Without one (withdrawn before accepting): invited again with a
 * new link, mailed.
 * Side effects: jurors and memberships (or invitations) rows, audit row
 * "juror.reinstated" (plus "invitation.created"), in one transaction; maybe one mail.
 * Throws 404 for an unknown edition or juror, 403 without "jury.manage".
 */
export async function reinstateJuror(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  ctx: MailContext,
): Promise<JuryResult<{ status: "active" | "invited" }>> {
  const c = await managed(db, actor, competitionId);
  const now = ctx.now ?? new Date();
  const result = await inTransaction(db, async (trx) => {
    const j = await jurorIn(trx, c, jurorId);
    if (j.status !== "withdrawn" || !isRole(j.role)) {
      return { ok: false as const, errors: { _form: "jury.errors.notWithdrawn" } as FieldErrors };
    }
    const role = j.role;
    let invitation: { id: string; token: string } | null = null;
    let membershipId: string | null = null;
    if (j.user_id) {
      membershipId = await grantMembership(trx, j.user_id, membershipScope(c, role));
      await updateJuror(trx, j.id, { status: "active", withdrawnReason: null }, now.toISOString());
    } else {
      invitation = await issueInvitation(
        trx,
        actor,
        { email: j.email, name: j.name, ...invitationScope(c, role) },
        now,
      );
      await updateJuror(trx, j.id, { status: "invited", withdrawnReason: null, invitationId: invitation.id }, now.toISOString());
    }
    const status = j.user_id ? ("active" as const) : ("invited" as const);
    await audit(trx, actor, c, {
      action: "juror.reinstated",
      entityId: j.id,
      before: { status: j.status, withdrawn_reason: j.withdrawn_reason },
      after: { status, withdrawn_reason: null, membership_id: membershipId, invitation_id: invitation?.id ?? null },
    });
    return { ok: true as const, status, juror: j, invitation };
  });
  if (!result.ok) return result;
  if (result.invitation) {
    await mailInvitation(db, {
      email: result.juror.email,
      name: result.juror.name,
      role: result.juror.role,
      scopeName: c.name,
      inviterName: actor.name,
      token: result.invitation.token,
      origin: ctx.origin,
    });
  }
  return { ok: true, status: result.status };
}

// ---------------------------------------------------------------------------
// Profiles

async function profileOf(db: DB, actor: Actor, c: Competition, j: JurorRow, agencyQuery: string | null | undefined) {
  const access = accessTo(actor, c, j);
  const q = agencyQuery?.trim() || null;
  const [categories, expertise, periods, matches, ownRows] = await Promise.all([
    listCompetitionCategories(db, c.id),
    listExpertise(db, j.id),
    listUnavailability(db, j.id),
    q ? searchAgencies(db, { q, pageSize: AGENCY_PICK_LIMIT }) : Promise.resolve(null),
    j.user_id === actor.userId ? findActiveJurorsOfUser(db, c.id, actor.userId) : Promise.resolve([]),
  ]);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    juror: {
      id: j.id,
      name: j.name,
      email: j.email,
      role: j.role,
      status: j.status,
      hasAccount: j.user_id !== null,
      affiliation: { agencyId: j.affiliation_agency_id, agencyName: j.agency_name, agencyCode: j.agency_code, other: j.affiliation_other },
      minLoad: Number(j.min_load),
      maxLoad: Number(j.max_load),
      withdrawnReason: j.withdrawn_reason,
    },
    categories: categories.map((k) => ({ id: k.id, nameId: k.name_id, nameEn: k.name_en })),
    expertise,
    periods: periods.map((p) => ({ id: p.id, startsAt: p.starts_at, endsAt: p.ends_at, note: p.note })),
    /** `loads` and `status`: organizer only; the juror edits affiliation, expertise and periods. */
    may: { loads: access.manage, status: access.manage },
    /** The roles the juror holds in this edition (to switch between their own entries). */
    ownRoles: ownRows.map((r) => ({ id: r.id, role: r.role })),
    agencyQuery: q,
    agencyMatches: matches
      ? { total: matches.total, rows: matches.rows.map((a) => ({ id: a.id, code: a.code, name: a.name })) }
      : null,
  };
}

export type JurorProfile = Awaited<ReturnType<typeof profileOf>>;

/**
 * The juror page of an organizer (or the juror themself): profile, expertise
 * choices (the edition's categories), unavailable periods and, with
 * `agencyQuery`, the registry agencies matching it (for the affiliation).
 * Throws 404 for an unknown edition or a juror not in it, 403 unless the
 * actor manages the jury or is this (active) juror.
 */
export async function getJurorProfile(
  db: DB,
  actor: Actor,
  slug: string,
  jurorId: string,
  opts: { agencyQuery?: string | null } = {},
): Promise<JurorProfile> {
  const c = await competitionBySlug(db, slug);
  const j = await jurorIn(db, c, jurorId);
  return profileOf(db, actor, c, j, opts.agencyQuery);
}

/**
 * The signed-in juror's own profile in an edition: their active entry of
 * `role` (or the first, evaluator before panelist). 404 when they have none.
 */
export async function getOwnJurorProfile(
  db: DB,
  actor: Actor,
  slug: string,
  opts: { role?: string | null; agencyQuery?: string | null } = {},
): Promise<JurorProfile> {
  const c = await competitionBySlug(db, slug);
  const rows = await findActiveJurorsOfUser(db, c.id, actor.userId);
  const j = rows.find((r) => r.role === opts.role) ?? rows[0];
  if (!j) notFound();
  return profileOf(db, actor, c, j, opts.agencyQuery);
}

function profileSnapshot(j: JurorRow, expertise: string[]) {
  return {
    affiliation_agency_id: j.affiliation_agency_id,
    affiliation_other: j.affiliation_other,
    expertise,
    min_load: Number(j.min_load),
    max_load: Number(j.max_load),
  };
}

/** Only the fields that differ, on both sides. */
function diff<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/**
 * Update a juror's profile. Undefined fields stay as they are. The juror
 * themself may send affiliation and expertise only: loads from them → 403.
 * Checks: the agency is in the registry; another body is named (≤ 200
 * characters); every category is one of this edition's; loads are whole
 * numbers with 0 ≤ min ≤ max ≤ 10000. Errors are keyed by the form fields
 * (affiliation, affiliationOther, expertise, minLoad, maxLoad).
 * Side effects: jurors and juror_expertise rows, audit row "juror.updated"
 * (changed fields only; none when nothing changed), in one transaction.
 * Throws 404 for an unknown edition or juror, 403 as getJurorProfile.
 */
export async function updateJurorProfile(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  input: JurorProfileInput,
  now: Date = new Date(),
): Promise<JuryResult> {
  const c = await competitionById(db, competitionId);
  return inTransaction(db, async (trx): Promise<JuryResult> => {
    const j = await jurorIn(trx, c, jurorId);
    const access = accessTo(actor, c, j);
    if (!access.manage && (input.minLoad !== undefined || input.maxLoad !== undefined)) forbidden();

    const errors: FieldErrors = {};
    let agencyId = j.affiliation_agency_id;
    let other = j.affiliation_other;
    const a = input.affiliation;
    if (a?.kind === "agency") {
      if (!a.agencyId || !(await agencyExists(trx, a.agencyId))) errors.affiliation = "errors.unknownAgency";
      agencyId = a.agencyId;
      other = "";
    } else if (a?.kind === "other") {
      const name = (a.name ?? "").trim();
      if (!name) errors.affiliationOther = "errors.required";
      else if (name.length > AFFILIATION_OTHER_MAX) errors.affiliationOther = "errors.tooLong";
      agencyId = null;
      other = name;
    } else if (a?.kind === "none") {
      agencyId = null;
      other = "";
    }

    const currentExpertise = await listExpertise(trx, j.id);
    let expertise = currentExpertise;
    if (input.expertise !== undefined) {
      const allowed = new Set((await listCompetitionCategories(trx, c.id)).map((k) => k.id));
      const wanted = [...new Set(input.expertise)].sort();
      if (wanted.some((id) => !allowed.has(id))) errors.expertise = "jury.errors.unknownCategory";
      expertise = wanted;
    }

    const minLoad = input.minLoad ?? Number(j.min_load);
    const maxLoad = input.maxLoad ?? Number(j.max_load);
    Object.assign(errors, loadErrors(minLoad, maxLoad));
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const before = profileSnapshot(j, currentExpertise);
    const after = { affiliation_agency_id: agencyId, affiliation_other: other, expertise, min_load: minLoad, max_load: maxLoad };
    const d = diff(before, after);
    if (!d.changed) return { ok: true };
    await updateJuror(trx, j.id, { affiliationAgencyId: agencyId, affiliationOther: other, minLoad, maxLoad }, now.toISOString());
    if (JSON.stringify(expertise) !== JSON.stringify(currentExpertise)) await replaceExpertise(trx, j.id, expertise);
    await audit(trx, actor, c, { action: "juror.updated", entityId: j.id, before: d.before, after: d.after });
    return { ok: true };
  });
}

/**
 * Add an unavailable period, typed in WIB (datetime-local values, converted
 * with wibLocalToUtcIso); it must end after it starts. Errors at from / to / note.
 * Side effects: juror_unavailability row, audit row "juror_unavailability.added", in one transaction.
 * Throws 404 for an unknown edition or juror, 403 as getJurorProfile.
 */
export async function addUnavailability(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  input: UnavailabilityInput,
  now: Date = new Date(),
): Promise<JuryResult<{ periodId: string }>> {
  const c = await competitionById(db, competitionId);
  return inTransaction(db, async (trx): Promise<JuryResult<{ periodId: string }>> => {
    const j = await jurorIn(trx, c, jurorId);
    accessTo(actor, c, j);
    const errors: FieldErrors = {};
    const startsAt = input.from ? wibLocalToUtcIso(input.from) : null;
    const endsAt = input.to ? wibLocalToUtcIso(input.to) : null;
    if (!input.from) errors.from = "errors.required";
    else if (!startsAt) errors.from = "errors.dateTime";
    if (!input.to) errors.to = "errors.required";
    else if (!endsAt) errors.to = "errors.dateTime";
    else if (startsAt && endsAt <= startsAt) errors.to = "errors.endBeforeStart";
    const note = (input.note ?? "").trim();
    if (note.length > NOTE_MAX) errors.note = "errors.tooLong";
    if (Object.keys(errors).length > 0 || !startsAt || !endsAt) return { ok: false, errors };
    const periodId = await insertUnavailability(trx, { jurorId: j.id, startsAt, endsAt, note, now: now.toISOString() });
    await audit(trx, actor, c, {
      action: "juror_unavailability.added",
      entityType: "juror_unavailability",
      entityId: periodId,
      after: { juror_id: j.id, starts_at: startsAt, ends_at: endsAt, note },
    });
    return { ok: true, periodId };
  });
}

/**
 * Remove one unavailable period of a juror.
 * Side effects: the row deleted, audit row "juror_unavailability.removed" (with what it was), in one transaction.
 * Throws 404 for an unknown edition, juror or period (of this juror), 403 as getJurorProfile.
 */
export async function removeUnavailability(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  periodId: string,
): Promise<void> {
  const c = await competitionById(db, competitionId);
  await inTransaction(db, async (trx) => {
    const j = await jurorIn(trx, c, jurorId);
    accessTo(actor, c, j);
    const p = await findUnavailability(trx, j.id, periodId);
    if (!p) notFound();
    await deleteUnavailability(trx, j.id, p.id);
    await audit(trx, actor, c, {
      action: "juror_unavailability.removed",
      entityType: "juror_unavailability",
      entityId: p.id,
      before: { juror_id: j.id, starts_at: p.starts_at, ends_at: p.ends_at, note: p.note },
    });
  });
}
