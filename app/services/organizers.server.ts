/**
 * Organizers (penyelenggara): the platform admin creates them with a first
 * admin; an organizer's admins run its page (competitions, staff, pending
 * invitations, the Admin Lokal of the agencies it works with).
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { can } from "~/domain/permissions";
import { ORGANIZER_KINDS, type Actor, type OrganizerKind } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { findProvince, listProvinces, searchAgencies } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { listCompetitionsOfOrganizers } from "~/models/competitions.server";
import { listPendingInvitations } from "~/models/invitations.server";
import { findOrganizer, findOrganizerByName, insertOrganizer, listOrganizers, listOrganizerStaff } from "~/models/organizers.server";
import { listAdminLokalInScope } from "~/models/people.server";
import { checkName, checkPerson } from "~/schemas/people";
import { issueInvitation, mailInvitation } from "./invitations.server";
import type { MailContext } from "./people.server";

/** The platform admin's list of organizers (with counts) and the provinces for the form. */
export async function getOrganizersAdmin(db: DB, actor: Actor) {
  assertCan(actor, "organizer.list");
  const [organizers, provinces] = await Promise.all([listOrganizers(db), listProvinces(db)]);
  return {
    organizers: organizers.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      provinceName: o.province_name,
      competitionCount: Number(o.competition_count ?? 0),
      adminCount: Number(o.admin_count ?? 0),
    })),
    provinces,
  };
}

export interface CreateOrganizerInput {
  name: string;
  kind: string;
  /** Required for a provincial organizer (a province code); ignored for the national one. */
  provinceCode?: string | null;
  firstAdmin: { name: string; email: string };
}

/** Errors are keyed like the input: name, kind, provinceCode, firstAdmin.name, firstAdmin.email. */
export type CreateOrganizerResult = { ok: true; id: string; invitationId: string } | { ok: false; errors: FieldErrors };

/**
 * The platform admin creates an organizer and invites its first admin (an
 * invitation by e-mail; an existing account gets the role when it accepts).
 * Names are unique.
 * Side effects: one organizers row, one invitations row, audit rows
 * "organizer.created" and "invitation.created", in one transaction; then one mail.
 * Throws 403 unless the actor is a platform admin.
 */
export async function createOrganizer(
  db: DB,
  actor: Actor,
  input: CreateOrganizerInput,
  ctx: MailContext,
): Promise<CreateOrganizerResult> {
  assertCan(actor, "organizer.create");
  const errors: FieldErrors = {};
  const name = checkName(input.name);
  if (!name.ok) errors.name = name.error;
  const kind = (ORGANIZER_KINDS as readonly string[]).includes(input.kind) ? (input.kind as OrganizerKind) : null;
  if (!kind) errors.kind = "errors.required";
  const admin = checkPerson(input.firstAdmin ?? { name: "", email: "" });
  if (!admin.ok) {
    if (admin.errors.name) errors["firstAdmin.name"] = admin.errors.name;
    if (admin.errors.email) errors["firstAdmin.email"] = admin.errors.email;
  }
  const requestedProvince = input.provinceCode?.trim() || null;
  if (kind === "provincial" && !(requestedProvince && (await findProvince(db, requestedProvince)))) {
    errors.provinceCode = "errors.unknownProvince";
  }
  if (!name.ok || !kind || !admin.ok || errors.provinceCode) return { ok: false, errors };
  const provinceCode = kind === "provincial" ? requestedProvince : null;
  const now = ctx.now ?? new Date();

  const result = await db.transaction().execute(async (trx) => {
    if (await findOrganizerByName(trx, name.value)) {
      return { ok: false as const, errors: { name: "errors.nameTaken" } as FieldErrors };
    }
    const id = await insertOrganizer(trx, { name: name.value, kind, provinceCode });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "organizer.created",
      entityType: "organizer",
      entityId: id,
      organizerId: id,
      after: { name: name.value, kind, province_code: provinceCode },
    });
    const inv = await issueInvitation(
      trx,
      actor,
      { email: admin.email, name: admin.name, role: "organizer_admin", organizerId: id, agencyId: null, competitionId: null },
      now,
    );
    return { ok: true as const, id, inv };
  });
  if (!result.ok) return result;
  await mailInvitation(db, {
    email: admin.email,
    name: admin.name,
    role: "organizer_admin",
    scopeName: name.value,
    inviterName: actor.name,
    token: result.inv.token,
    origin: ctx.origin,
  });
  return { ok: true, id: result.id, invitationId: result.inv.id };
}

/** How many agencies the Admin Lokal search lists at most. */
export const AGENCY_PICK_LIMIT = 30;

/**
 * The organizer page: competitions, staff, pending invitations, the Admin
 * Lokal of the agencies it works with (its province, or all for the national
 * organizer), and, when `agencyQuery` is given, the matching agencies to pick
 * from (same scope). What the actor may do is returned as flags for the UI.
 * A constant number of queries.
 * Throws 403 unless the actor is an admin of the organizer or a platform admin, 404 for an unknown organizer.
 */
export async function getOrganizerPage(db: DB, actor: Actor, organizerId: string, agencyQuery: string | null) {
  assertCan(actor, "organizer.view", { type: "organizer", id: organizerId });
  const organizer = await findOrganizer(db, organizerId);
  if (!organizer) notFound();
  const scopeProvince = organizer.kind === "national" ? null : (organizer.province_code ?? "");
  const may = {
    createCompetition: can(actor, "competition.create", { type: "organizer", id: organizerId }),
    inviteStaff: can(actor, "organizer.inviteStaff", { type: "organizer", id: organizerId }),
    revoke: can(actor, "invitation.revoke", { type: "organizer", id: organizerId }),
    adminLokal: can(actor, "agency.inviteAdminLokal", { type: "organizer", id: organizerId }),
    addAgency: can(actor, "agency.create", { type: "organizer", id: organizerId }),
  };
  const q = agencyQuery?.trim() || null;
  const now = new Date().toISOString();
  const [competitions, staff, invitations, adminLokal, agencyMatches] = await Promise.all([
    listCompetitionsOfOrganizers(db, [organizerId]),
    listOrganizerStaff(db, organizerId),
    listPendingInvitations(db, organizerId),
    listAdminLokalInScope(db, scopeProvince),
    // A provincial organizer without a province finds no agency (never all of them).
    q && may.adminLokal && scopeProvince !== ""
      ? searchAgencies(db, { q, provinceCode: scopeProvince, pageSize: AGENCY_PICK_LIMIT })
      : Promise.resolve(null),
  ]);
  return {
    organizer,
    may,
    competitions,
    staff,
    invitations: invitations.map((i) => ({ ...i, expired: i.expires_at <= now })),
    adminLokal,
    agencyQuery: q,
    agencyMatches: agencyMatches
      ? {
          total: agencyMatches.total,
          rows: agencyMatches.rows.map((a) => ({ id: a.id, code: a.code, name: a.name })),
        }
      : null,
  };
}
