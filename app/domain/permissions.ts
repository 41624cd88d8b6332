/**
 * The one table of permissions: `can(actor, action, resource)`.
 * Used by services (which throw when it says no) and by the UI (to hide what
 * a person cannot do). Queries are scoped as well, so a forgotten check still
 * leaks nothing; this is the rule, the scoping is the safety net.
 *
 * Adding an action: add it here and a row to the matrix in
 * tests/unit/permissions.test.ts (the test lists every action).
 */
import type { Actor, OrganizerKind, Role } from "./roles";

export type Resource =
  | { type: "platform" }
  | { type: "organizer"; id: string }
  | { type: "competition"; id: string; organizerId: string }
  | { type: "agency"; id: string; organizerId?: string | null }
  | { type: "user"; id: string; agencyIds: string[] }
  /** A proposal: who owns it (agency), where it is entered (competition of organizer), its status. */
  | {
      type: "proposal";
      agencyId: string;
      competitionId: string;
      organizerId: string;
      status: string;
      /**
       * Users assigned to judge it (any round of its edition) and not
       * conflicted on it. Filled by the services that load a proposal
       * (jurorUserIdsFor in app/models/assignments.server.ts).
       */
      assignedUserIds?: string[];
    }
  /** A juror of an edition's pool: `userId` is null until they accept. */
  | { type: "juror"; competitionId: string; organizerId: string; userId: string | null };

const PERMISSIONS = {
  // Platform admin
  "organizer.create": (a: Actor) => a.isPlatformAdmin,
  "organizer.list": (a: Actor) => a.isPlatformAdmin,
  "outbox.read": (a: Actor) => a.isPlatformAdmin,
  // Organizer staff. The platform admin sees every organizer (read-only) and
  // may invite its staff, so an organizer whose first admin never accepted can
  // be given a new one.
  "organizer.view": (a: Actor, r: Resource) =>
    r.type === "organizer" && (a.isPlatformAdmin || isOrganizerAdmin(a, r.id)),
  "organizer.inviteStaff": (a: Actor, r: Resource) =>
    r.type === "organizer" && (a.isPlatformAdmin || isOrganizerAdmin(a, r.id)),
  /** Revoke a pending invitation the organizer sent (staff or Admin Lokal). */
  "invitation.revoke": (a: Actor, r: Resource) =>
    r.type === "organizer" && (a.isPlatformAdmin || isOrganizerAdmin(a, r.id)),
  "competition.create": (a: Actor, r: Resource) => r.type === "organizer" && isOrganizerAdmin(a, r.id),
  "competition.edit": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  "competition.view": (a: Actor, r: Resource) =>
    r.type === "competition" &&
    (isOrganizerAdmin(a, r.organizerId) || isJurorOf(a, r.id)),
  "competition.readAudit": (a: Actor, r: Resource) =>
    r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  "agency.create": (a: Actor, r: Resource) => r.type === "organizer" && isOrganizerAdmin(a, r.id),
  /**
   * Invite or create an Admin Lokal on behalf of the organizer. Which agencies
   * is data (organizerCoversAgency), checked and scoped by the service.
   */
  "agency.inviteAdminLokal": (a: Actor, r: Resource) =>
    r.type === "organizer" && isOrganizerAdmin(a, r.id),
  // Admin Lokal
  "agency.manage": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  "agency.view": (a: Actor, r: Resource) =>
    r.type === "agency" && (hasAgencyRole(a, r.id, "admin_lokal") || hasAgencyRole(a, r.id, "innovator")),
  "innovator.list": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  "innovator.create": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** `agencyIds`: the agencies whose innovator membership is being changed. */
  "innovator.deactivate": (a: Actor, r: Resource) =>
    r.type === "user" && r.agencyIds.some((id) => hasAgencyRole(a, id, "admin_lokal")),
  "innovator.reactivate": (a: Actor, r: Resource) =>
    r.type === "user" && r.agencyIds.some((id) => hasAgencyRole(a, id, "admin_lokal")),
  // Edition settings and proposals (the proposals issue)
  "settings.edit": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** Start a draft for an agency (resource: the agency). Which editions admit it is data (eligibility). */
  "proposal.create": (a: Actor, r: Resource) =>
    r.type === "agency" && (hasAgencyRole(a, r.id, "admin_lokal") || hasAgencyRole(a, r.id, "innovator")),
  /**
   * Read a proposal: its agency always; the organizer once it is submitted
   * (never an agency's draft). Jurors get access through assignments (jury issue).
   */
  "proposal.view": (a: Actor, r: Resource) =>
    r.type === "proposal" &&
    (isAgencyMember(a, r.agencyId) ||
      (isOrganizerAdmin(a, r.organizerId) && r.status !== "draft") ||
      (r.status !== "draft" && isJurorOf(a, r.competitionId) && (r.assignedUserIds ?? []).includes(a.userId))),
  /** Edit a draft or a proposal returned for correction (the window is checked by the service). */
  "proposal.edit": (a: Actor, r: Resource) =>
    r.type === "proposal" && isAgencyMember(a, r.agencyId) && (r.status === "draft" || r.status === "returned"),
  "proposal.submit": (a: Actor, r: Resource) =>
    r.type === "proposal" && hasAgencyRole(a, r.agencyId, "admin_lokal") && (r.status === "draft" || r.status === "returned"),
  /** Return a submitted proposal to the innovator for correction. */
  "proposal.return": (a: Actor, r: Resource) =>
    r.type === "proposal" && hasAgencyRole(a, r.agencyId, "admin_lokal") && r.status === "submitted",
  "proposal.withdraw": (a: Actor, r: Resource) =>
    r.type === "proposal" && hasAgencyRole(a, r.agencyId, "admin_lokal") && r.status !== "withdrawn",
  /** Screening queue, decisions and publication (Seleksi administrasi). */
  "screening.manage": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  "proposal.import": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  "proposal.export": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  // Juries (the jury issue)
  /** Pools, juror invitations and profiles, rounds, conflict checks, assignment, reminders, exports. */
  "jury.manage": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** Dismiss an automatic conflict (with a written reason). */
  "conflict.dismiss": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** A juror's profile: the organizer edits all of it, the juror their own affiliation and unavailable periods. */
  "juror.editProfile": (a: Actor, r: Resource) =>
    r.type === "juror" && (isOrganizerAdmin(a, r.organizerId) || (r.userId !== null && r.userId === a.userId && isJurorOf(a, r.competitionId))),
  /** A juror declares a conflict of interest (their own only). */
  "conflict.declareAsJuror": (a: Actor, r: Resource) =>
    r.type === "juror" && r.userId !== null && r.userId === a.userId && isJurorOf(a, r.competitionId),
  /** A juror's own assignments and progress. */
  "assignment.viewOwn": (a: Actor, r: Resource) =>
    r.type === "juror" && r.userId !== null && r.userId === a.userId && isJurorOf(a, r.competitionId),
  /** An agency (its Admin Lokal) declares a conflict against a named juror of an edition it entered. */
  "conflict.declareAsAgency": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  // Rounds and scoring (the rounds issue)
  /** Round settings, rubric, state transitions, slots, results, overrides, decision, exports and score imports. */
  "scoring.manage": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** A juror scores their own assignments (which ones, and whether the round is open, is checked by the service). */
  "score.edit": (a: Actor, r: Resource) =>
    r.type === "juror" && r.userId !== null && r.userId === a.userId && isJurorOf(a, r.competitionId),
  /** An agency's Admin Lokal confirms attendance at a presentation slot. */
  "presentation.confirm": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),

  // Publication (announcements, objections, winners, certificates, catalogue)
  /** Announcements: create from a decision, edit, publish or schedule, correct; answer objections. */
  "announcement.manage": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** An agency's Admin Lokal files an objection during a window (which proposal and whether the window is open: the service). */
  "objection.file": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** Award tiers, winners, certificates (issue, revoke, download all) and the catalogue entries of the edition. */
  "award.manage": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
  /** The winning agency's people download its own certificates. */
  "certificate.download": (a: Actor, r: Resource) => r.type === "agency" && isAgencyMember(a, r.id),

  // Replication and sustainability
  /** The adopting agency's Admin Lokal starts and keeps its replications (stages, evidence, status). */
  "replication.manage": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** The source agency's Admin Lokal confirms or disputes a replication of its innovation. */
  "replication.respond": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** An organizer records replications for agencies it works with and verifies them (coverage: the service). */
  "replication.record": (a: Actor, r: Resource) => r.type === "organizer" && isOrganizerAdmin(a, r.id),
  /** An agency's Admin Lokal records a replication commitment or a willingness to be replicated. */
  "commitment.manage": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** Monitoring periods, reminders and the sustainability dashboards of an organizer. */
  "monitoring.manage": (a: Actor, r: Resource) => r.type === "organizer" && isOrganizerAdmin(a, r.id),
  /** An agency's Admin Lokal reports on its innovations in an open monitoring period. */
  "monitoring.report": (a: Actor, r: Resource) => r.type === "agency" && hasAgencyRole(a, r.id, "admin_lokal"),
  /** A provincial organizer forwards winners of its contest to a national edition, or exports them. */
  "proposal.forward": (a: Actor, r: Resource) => r.type === "competition" && isOrganizerAdmin(a, r.organizerId),
} satisfies Record<string, (actor: Actor, resource: Resource) => boolean>;

export type Action = keyof typeof PERMISSIONS;

/** Every action, in table order. */
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(actor: Actor | null | undefined, action: Action, resource: Resource = { type: "platform" }): boolean {
  if (!actor) return false;
  return PERMISSIONS[action](actor, resource);
}

export function isOrganizerAdmin(a: Actor, organizerId: string): boolean {
  return a.memberships.some((m) => m.role === "organizer_admin" && m.organizerId === organizerId);
}

export function isJurorOf(a: Actor, competitionId: string): boolean {
  return a.memberships.some(
    (m) => (m.role === "evaluator" || m.role === "panelist") && m.competitionId === competitionId,
  );
}

export function hasAgencyRole(a: Actor, agencyId: string, role: Role): boolean {
  return a.memberships.some((m) => m.role === role && m.agencyId === agencyId);
}

/** Admin Lokal or innovator of the agency. */
export function isAgencyMember(a: Actor, agencyId: string): boolean {
  return hasAgencyRole(a, agencyId, "admin_lokal") || hasAgencyRole(a, agencyId, "innovator");
}

export function rolesOf(a: Actor): Set<Role> {
  return new Set(a.memberships.map((m) => m.role));
}

/**
 * Whether an organizer works with an agency: the national organizer with
 * every agency, a provincial one only with agencies of its own province.
 */
export function organizerCoversAgency(
  organizer: { kind: OrganizerKind; provinceCode: string | null },
  agency: { provinceCode: string | null },
): boolean {
  if (organizer.kind === "national") return true;
  return organizer.provinceCode !== null && agency.provinceCode === organizer.provinceCode;
}
