/**
 * Drafting and submission (agency): create a draft, save it (optimistic, never
 * overwriting someone else's save silently), name Replikasi sources, submit
 * (Admin Lokal, inside the window, complete, within quota), return to the
 * innovators or withdraw before the deadline.
 *
 * Every function takes the clock as `ctx.now` (the server's, never the
 * browser's); tests move it to the minute boundary. A proposal is loaded by
 * its number inside the actor's scope (their agencies; their organizers and
 * never a draft), so an unknown number and a number the actor may not see both
 * give 404 — the existence of other agencies' drafts does not leak.
 */
import { sql } from "kysely";
import { assertCan } from "~/auth/actor.server";
import { isPostgres, type DB } from "~/db.server";
import type { Category, EditionSettings, Group } from "~/domain/edition";
import { can, isJurorOf, type Resource } from "~/domain/permissions";
import {
  completenessProblems,
  defaultNumberPrefix,
  formatProposalNumber,
  isAgencyEligible,
  normalizeTitle,
  quotaProblem,
  receiptNumber,
  registrationState,
  wibDate,
  windowProblem,
  type Problem,
  type WindowState,
} from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import type { Cluster } from "~/domain/roles";
import { formatWib } from "~/domain/time";
import { translate, type Locale } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { getEditionSettings } from "~/models/edition.server";
import { jurorUserIdsFor } from "~/models/juror-access.server";
import { findProposalForJuror } from "~/models/juror-views.server";
import {
  countSources,
  countSubmittedInGroup,
  deleteSource,
  findMailees,
  findProposalInScope,
  findSource,
  findSourceCandidate,
  findUserLocaleByEmail,
  getAnswers,
  insertProposal,
  insertSource,
  listEditionsOpenAt,
  listProposalFiles,
  listProposalsOfAgency,
  listRegistrationExtensions,
  listSources,
  nextNumberInCompetition,
  scopeOf,
  searchSourceCandidates,
  transitionProposal,
  updateProposalIfVersion,
  type ProposalHeaderRow,
  type ProposalRecord,
} from "~/models/proposals.server";
import { fieldsToFormValues, type ProposalFields } from "~/schemas/proposal";
import { recordJurorOpened } from "./juror-views.server";
import { sendMail } from "./mail.server";
import { syncReplicationsFromProposal } from "./replications.server";

/** The server clock (tests move it) and, for mailed links, the public origin. */
export interface ProposalContext {
  now?: Date;
  origin?: string;
}

const EDITABLE = ["draft", "returned"] as const;

type ProposalResource = Extract<Resource, { type: "proposal" }>;

function resourceOf(p: ProposalRecord): ProposalResource {
  return { type: "proposal", agencyId: p.agency_id, competitionId: p.competition_id, organizerId: p.organizer_id, status: p.status };
}

/**
 * The proposal if the actor may see it; 404 otherwise (never 403: numbers of
 * others' drafts stay secret). A juror finds it only through their own
 * assignments, and reads it only while not conflicted on it (assignedUserIds).
 */
async function loadVisible(db: DB, actor: Actor, number: string): Promise<ProposalRecord> {
  const p =
    (await findProposalInScope(db, number, scopeOf(actor))) ??
    (isJuror(actor) ? await findProposalForJuror(db, number, actor.userId) : undefined);
  if (!p) notFound();
  const r = resourceOf(p);
  if (isJurorOf(actor, p.competition_id)) r.assignedUserIds = await jurorUserIdsFor(db, p.id);
  if (!can(actor, "proposal.view", r)) notFound();
  return p;
}

function isJuror(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === "evaluator" || m.role === "panelist");
}

async function loadSettings(db: DB, competitionId: string): Promise<EditionSettings> {
  const s = await getEditionSettings(db, competitionId);
  if (!s) notFound();
  return s;
}

function groupOf(settings: EditionSettings, groupId: string): Group {
  const g = settings.groups.find((x) => x.id === groupId);
  if (!g) notFound();
  return g;
}

function fieldsOf(p: ProposalRecord | ProposalHeaderRow, answers: Record<string, string>, group: Group): ProposalFields {
  return {
    title: p.title,
    serviceUnit: p.service_unit,
    innovatorKind: p.innovator_kind === "team" ? "team" : "person",
    innovatorNames: p.innovator_names,
    innovatorDecree: p.innovator_decree,
    startedOn: p.started_on,
    categoryId: p.category_id,
    contactName: p.contact_name,
    contactEmail: p.contact_email,
    contactPhone: p.contact_phone,
    videoUrl: p.video_url,
    declaration: p.declaration === 1,
    answers: Object.fromEntries(group.sections.map((s) => [s.key, answers[s.key] ?? ""])),
  };
}

function headerRow(f: ProposalFields): ProposalHeaderRow {
  return {
    title: f.title,
    title_key: normalizeTitle(f.title),
    service_unit: f.serviceUnit,
    innovator_kind: f.innovatorKind,
    innovator_names: f.innovatorNames,
    innovator_decree: f.innovatorDecree,
    started_on: f.startedOn,
    category_id: f.categoryId,
    contact_name: f.contactName,
    contact_email: f.contactEmail,
    contact_phone: f.contactPhone,
    video_url: f.videoUrl,
    declaration: f.declaration ? 1 : 0,
  };
}

/** Form field names whose values differ between two versions. */
export function differingFields(a: ProposalFields, b: ProposalFields): string[] {
  const va = fieldsToFormValues(a);
  const vb = fieldsToFormValues(b);
  const keys = new Set([...Object.keys(va), ...Object.keys(vb)]);
  return [...keys].filter((k) => (va[k] ?? "") !== (vb[k] ?? ""));
}

function windowOf(settings: EditionSettings, now: Date): WindowState {
  return registrationState(settings.registration, now);
}

async function completeness(db: DB, p: ProposalRecord, group: Group, settings: EditionSettings, fields: ProposalFields, now: Date) {
  const [files, sourceCount] = await Promise.all([listProposalFiles(db, p.id), countSources(db, p.id)]);
  return completenessProblems(
    group,
    { ...fields, fileSlots: [...new Set(files.map((f) => f.slot_key))], sourceCount },
    { categoryIds: settings.categories.map((c) => c.id), registrationEndsAt: settings.registration.endsAt, today: wibDate(now.toISOString()) },
  );
}

function agencyOf(p: ProposalRecord): { cluster: string; provinceCode: string | null } {
  return { cluster: p.agency_cluster, provinceCode: p.agency_province_code };
}

// ---------------------------------------------------------------------------
// Agency overview and creating drafts

export interface OpenEdition {
  id: string;
  name: string;
  year: number;
  organizerName: string;
  endsAt: string;
  minutesLeft: number | null;
  groups: { id: string; key: string; nameId: string; nameEn: string; descriptionId: string; descriptionEn: string }[];
}

/**
 * An agency's proposals (every edition) and the editions open now that admit
 * it, for its Admin Lokal and innovators. Throws 403 for anyone else.
 */
export async function getAgencyProposals(db: DB, actor: Actor, agencyId: string, ctx: ProposalContext = {}) {
  assertCan(actor, "agency.view", { type: "agency", id: agencyId });
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const now = ctx.now ?? new Date();
  const [proposals, editions] = await Promise.all([listProposalsOfAgency(db, agencyId), listEditionsOpenAt(db, now.toISOString())]);
  const open: OpenEdition[] = [];
  for (const e of editions) {
    const settings = { allowedClusters: parseClusters(e.allowed_clusters), eligibleProvinceCode: e.eligible_province_code };
    if (e.groups.length === 0 || !isAgencyEligible(settings, { cluster: agency.cluster, provinceCode: agency.province_code })) continue;
    const w = registrationState({ startsAt: e.starts_at, endsAt: e.ends_at }, now);
    if (w.state !== "open") continue;
    open.push({
      id: e.id,
      name: e.name,
      year: e.year,
      organizerName: e.organizer_name,
      endsAt: e.ends_at ?? "",
      minutesLeft: w.minutesLeft,
      groups: e.groups.map((g) => ({
        id: g.id,
        key: g.key,
        nameId: g.name_id,
        nameEn: g.name_en,
        descriptionId: g.description_id,
        descriptionEn: g.description_en,
      })),
    });
  }
  return {
    agency: { id: agency.id, name: agency.name, code: agency.code },
    proposals,
    openEditions: open,
    canCreate: can(actor, "proposal.create", { type: "agency", id: agencyId }),
  };
}

function parseClusters(json: string): Cluster[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? (v as Cluster[]) : [];
  } catch {
    return [];
  }
}

export type CreateDraftResult = { ok: true; number: string } | { ok: false; errors: FieldErrors };

/**
 * An innovator or the Admin Lokal starts a draft for the agency in a group of
 * an edition whose registration window is open and which admits the agency.
 * The draft gets its public number now (the edition's counter, bumped in the
 * same transaction), status draft, version 1; the contact defaults to the
 * creator. Side effects: proposals row, competitions.number_counter, one
 * audit row ("proposal.created").
 * Throws 403 unless the actor belongs to the agency; 404 for an unknown agency or edition.
 */
export async function createDraft(
  db: DB,
  actor: Actor,
  input: { agencyId: string; competitionId: string; groupId: string; title?: string },
  ctx: ProposalContext = {},
): Promise<CreateDraftResult> {
  assertCan(actor, "proposal.create", { type: "agency", id: input.agencyId });
  const agency = await findAgency(db, input.agencyId);
  if (!agency) notFound();
  const settings = await loadSettings(db, input.competitionId);
  const now = ctx.now ?? new Date();
  const group = settings.groups.find((g) => g.id === input.groupId);
  if (!group) return { ok: false, errors: { groupId: "proposal.errors.chooseGroup" } };
  if (!isAgencyEligible(settings, { cluster: agency.cluster, provinceCode: agency.province_code })) {
    return { ok: false, errors: { _form: "problem.agency_not_eligible" } };
  }
  const wp = windowProblem(windowOf(settings, now));
  if (wp) return { ok: false, errors: { _form: wp.code === "registration_not_open" ? "problem.registration_not_open" : "problem.registration_closed" } };

  const title = (input.title ?? "").trim();
  const nowIso = now.toISOString();
  const number = await db.transaction().execute(async (trx) => {
    const n = await nextNumberInCompetition(trx, settings.competitionId);
    const prefix = settings.numberPrefix || defaultNumberPrefix(settings.name, settings.year);
    const number = formatProposalNumber(prefix, n);
    const id = await insertProposal(trx, {
      competitionId: settings.competitionId,
      groupId: group.id,
      agencyId: agency.id,
      number,
      title,
      titleKey: normalizeTitle(title),
      contactName: actor.name,
      contactEmail: actor.email,
      createdBy: actor.userId,
      now: nowIso,
    });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.created",
      entityType: "proposal",
      entityId: id,
      organizerId: settings.organizerId,
      competitionId: settings.competitionId,
      agencyId: agency.id,
      after: { number, group: group.key, title, status: "draft", version: 1 },
    });
    return number;
  });
  return { ok: true, number };
}

// ---------------------------------------------------------------------------
// Reading

export type ReadOnlyReason = "closed" | "not_open" | "submitted" | "withdrawn" | "viewer" | null;

/**
 * Everything the proposal page shows: fields, the group's form, the checklist
 * ("Yang masih kurang", completenessProblems), files, sources, the window and
 * its extensions, and what the actor may do now. 404 unless the actor may see it.
 */
export async function getProposalPage(db: DB, actor: Actor, number: string, ctx: ProposalContext = {}) {
  const p = await loadVisible(db, actor, number);
  const now = ctx.now ?? new Date();
  // An assigned juror's first visit: opened_at on their own assignments.
  await recordJurorOpened(db, actor, p, now);
  const settings = await loadSettings(db, p.competition_id);
  const group = groupOf(settings, p.group_id);
  const [answers, files, sources, extensions] = await Promise.all([
    getAnswers(db, p.id),
    listProposalFiles(db, p.id),
    listSources(db, p.id),
    listRegistrationExtensions(db, p.competition_id),
  ]);
  const fields = fieldsOf(p, answers, group);
  const window = windowOf(settings, now);
  const open = window.state === "open";
  const r = resourceOf(p);
  const problems = completenessProblems(
    group,
    { ...fields, fileSlots: [...new Set(files.map((f) => f.slot_key))], sourceCount: sources.length },
    { categoryIds: settings.categories.map((c) => c.id), registrationEndsAt: settings.registration.endsAt, today: wibDate(now.toISOString()) },
  );
  const may = {
    edit: open && can(actor, "proposal.edit", r),
    submit: open && can(actor, "proposal.submit", r),
    return: open && can(actor, "proposal.return", r),
    withdraw: open && can(actor, "proposal.withdraw", r),
  };
  let readOnly: ReadOnlyReason = null;
  if (!may.edit) {
    const member = can(actor, "proposal.edit", { ...r, status: "draft" });
    if (!member) readOnly = "viewer";
    else if (p.status === "submitted") readOnly = "submitted";
    else if (p.status === "withdrawn") readOnly = "withdrawn";
    else readOnly = window.state === "not_open" ? "not_open" : "closed";
  }
  // Blocking rules beyond the checklist, shown to whoever may submit.
  const blocking: Problem[] = [];
  if (can(actor, "proposal.submit", r)) {
    const wp = windowProblem(window);
    if (wp) blocking.push(wp);
    if (!isAgencyEligible(settings, agencyOf(p))) blocking.push({ code: "agency_not_eligible" });
    const q = quotaProblem(group, await countSubmittedInGroup(db, p.agency_id, p.competition_id, p.group_id));
    if (q) blocking.push(q);
  }
  return {
    proposal: {
      id: p.id,
      number: p.number,
      status: p.status,
      version: p.version,
      agencyId: p.agency_id,
      agencyName: p.agency_name,
      agencyCode: p.agency_code,
      competitionId: p.competition_id,
      competitionName: p.competition_name,
      competitionSlug: p.competition_slug,
      groupKey: p.group_key,
      groupNameId: p.group_name_id,
      groupNameEn: p.group_name_en,
      receiptNumber: p.receipt_number,
      submittedAt: p.submitted_at,
      returnNote: p.return_note,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
    },
    fields,
    group,
    categories: settings.categories,
    files,
    sources,
    problems,
    blocking,
    registration: { ...settings.registration, state: window.state, minutesLeft: window.minutesLeft },
    extensions,
    may,
    readOnly,
  };
}

export type ProposalPage = Awaited<ReturnType<typeof getProposalPage>>;

// ---------------------------------------------------------------------------
// Saving

export type SaveResult =
  | { ok: true; version: number; savedAt: string; problems: Problem[] }
  /** Someone saved in between: nothing was written; `theirs` is what is stored now (at `version`). */
  | { ok: false; reason: "conflict"; version: number; savedAt: string; theirs: ProposalFields; differing: string[] }
  /** The window is not open (server clock): nothing was written. */
  | { ok: false; reason: "closed" | "not_open" }
  /** The proposal is no longer a draft (submitted or withdrawn meanwhile): nothing was written. */
  | { ok: false; reason: "not_editable"; status: string }
  | { ok: false; reason: "invalid"; errors: FieldErrors };

/**
 * Save a draft (or a returned proposal) as typed, if it is still at `version`:
 * UPDATE … WHERE id AND version, bumping the version. When someone else saved
 * in between, nothing is overwritten: the result carries their version and the
 * fields that differ (when nothing differs, the save is a no-op success).
 * Allowed only for draft/returned and while the window is open.
 * Side effects: proposals and proposal_answers rows, one audit row
 * ("proposal.saved", the names of the changed fields) in one transaction.
 * 404 unless the actor may see the proposal; 403 when they may see but not edit it.
 */
export async function saveProposal(
  db: DB,
  actor: Actor,
  number: string,
  input: { version: number; fields: ProposalFields },
  ctx: ProposalContext = {},
): Promise<SaveResult> {
  const p = await loadVisible(db, actor, number);
  if (!(EDITABLE as readonly string[]).includes(p.status)) {
    // The agency may see a submitted proposal it cannot edit; tell them, keep what they typed.
    assertCan(actor, "proposal.edit", { ...resourceOf(p), status: "draft" });
    return { ok: false, reason: "not_editable", status: p.status };
  }
  assertCan(actor, "proposal.edit", resourceOf(p));
  const now = ctx.now ?? new Date();
  const settings = await loadSettings(db, p.competition_id);
  const group = groupOf(settings, p.group_id);
  const w = windowOf(settings, now);
  if (w.state !== "open") return { ok: false, reason: w.state === "not_open" ? "not_open" : "closed" };
  const fields: ProposalFields = {
    ...input.fields,
    answers: Object.fromEntries(group.sections.map((s) => [s.key, input.fields.answers[s.key] ?? ""])),
  };
  if (fields.categoryId && !settings.categories.some((c) => c.id === fields.categoryId)) {
    return { ok: false, reason: "invalid", errors: { categoryId: "errors.invalid" } };
  }
  const nowIso = now.toISOString();

  type TrxOutcome =
    | { kind: "saved"; version: number }
    | { kind: "conflict"; version: number; savedAt: string; theirs: ProposalFields; differing: string[] }
    | { kind: "same"; version: number; savedAt: string }
    | { kind: "not_editable"; status: string };

  const outcome = await db.transaction().execute(async (trx): Promise<TrxOutcome> => {
    const current = await findProposalInScope(trx, number, scopeOf(actor));
    if (!current) notFound();
    if (!(EDITABLE as readonly string[]).includes(current.status)) return { kind: "not_editable", status: current.status };
    const theirs = fieldsOf(current, await getAnswers(trx, current.id), group);
    const changed = differingFields(theirs, fields);
    // Nothing typed differs from what is stored (also when saved by someone
    // else in between): no write, no new version, no audit row.
    if (changed.length === 0) return { kind: "same", version: current.version, savedAt: current.updated_at };
    if (current.version !== input.version) {
      return { kind: "conflict", version: current.version, savedAt: current.updated_at, theirs, differing: changed };
    }
    const written = await updateProposalIfVersion(trx, {
      id: p.id,
      version: input.version,
      header: headerRow(fields),
      answers: fields.answers,
      userId: actor.userId,
      now: nowIso,
    });
    if (!written) {
      // Lost a race after the read (PostgreSQL re-checks the WHERE): report what is stored now.
      const again = await findProposalInScope(trx, number, scopeOf(actor));
      if (!again || !(EDITABLE as readonly string[]).includes(again.status)) return { kind: "not_editable", status: again?.status ?? "withdrawn" };
      const t = fieldsOf(again, await getAnswers(trx, again.id), group);
      return { kind: "conflict", version: again.version, savedAt: again.updated_at, theirs: t, differing: differingFields(t, fields) };
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.saved",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: { version: input.version },
      after: { version: input.version + 1, changed },
    });
    return { kind: "saved", version: input.version + 1 };
  });

  if (outcome.kind === "not_editable") return { ok: false, reason: "not_editable", status: outcome.status };
  if (outcome.kind === "conflict") {
    const { version, savedAt, theirs, differing } = outcome;
    return { ok: false, reason: "conflict", version, savedAt, theirs, differing };
  }
  const savedAt = outcome.kind === "same" ? outcome.savedAt : nowIso;
  const problems = await completeness(db, p, group, settings, fields, now);
  return { ok: true, version: outcome.version, savedAt, problems };
}

// ---------------------------------------------------------------------------
// Submitting, returning, withdrawing

export type SubmitResult =
  | { ok: true; receiptNumber: string; submittedAt: string }
  /** Every failed rule, named (`changed`: someone submitted or withdrew it a moment ago). Nothing was written. */
  | { ok: false; problems: Problem[]; changed?: boolean };

/**
 * The Admin Lokal submits a draft or a returned proposal. Refused, with every
 * failed rule named, unless: the window is open (server clock), the agency is
 * eligible, the proposal is complete (completenessProblems) and the agency's
 * quota in the group is not reached (counted again inside the transaction).
 * On success: status submitted, submitted_at/by, a receipt number
 * (receiptNumber), one audit row ("proposal.submitted"), then a receipt mail
 * to the submitting Admin Lokal and to the proposal's contact, each in their
 * language. A returned proposal keeps its number and gets a new receipt.
 * 404 unless the actor may see the proposal; 403 unless they may submit it.
 */
export async function submitProposal(db: DB, actor: Actor, number: string, ctx: ProposalContext = {}): Promise<SubmitResult> {
  const p = await loadVisible(db, actor, number);
  assertCan(actor, "proposal.submit", resourceOf(p));
  const now = ctx.now ?? new Date();
  const settings = await loadSettings(db, p.competition_id);
  const group = groupOf(settings, p.group_id);
  const fields = fieldsOf(p, await getAnswers(db, p.id), group);

  const problems: Problem[] = [];
  const wp = windowProblem(windowOf(settings, now));
  if (wp) problems.push(wp);
  if (!isAgencyEligible(settings, agencyOf(p))) problems.push({ code: "agency_not_eligible" });
  problems.push(...(await completeness(db, p, group, settings, fields, now)));
  const quota = quotaProblem(group, await countSubmittedInGroup(db, p.agency_id, p.competition_id, p.group_id));
  if (quota) problems.push(quota);
  if (problems.length > 0) return { ok: false, problems };

  const submittedAt = now.toISOString();
  const receipt = receiptNumber(p.number, submittedAt);
  const result = await db.transaction().execute(async (trx): Promise<SubmitResult> => {
    // One agency's submissions in turn, so two at once cannot both take the last place of a quota.
    if (isPostgres(trx)) await sql`select id from agencies where id = ${p.agency_id} for update`.execute(trx);
    const again = quotaProblem(group, await countSubmittedInGroup(trx, p.agency_id, p.competition_id, p.group_id));
    if (again) return { ok: false, problems: [again] };
    const moved = await transitionProposal(trx, {
      id: p.id,
      from: ["draft", "returned"],
      to: "submitted",
      set: { receipt_number: receipt, submitted_at: submittedAt, submitted_by: actor.userId, return_note: null },
      userId: actor.userId,
      now: submittedAt,
    });
    if (!moved) return { ok: false, problems: [], changed: true };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.submitted",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: { status: p.status, version: p.version },
      after: { status: "submitted", version: p.version + 1, receipt_number: receipt, submitted_at: submittedAt },
    });
    return { ok: true, receiptNumber: receipt, submittedAt };
  });
  if (!result.ok) return result;

  // A Replikasi-group proposal appears as replications of its sources (idempotent).
  await syncReplicationsFromProposal(db, p.id).catch((e: unknown) => console.error("proposals: replication sync failed", e));

  // The receipt: to the Admin Lokal who submitted and to the proposal's contact (once if the same).
  const recipients = new Map<string, { name: string; locale: Locale }>();
  recipients.set(actor.email.toLowerCase(), { name: actor.name, locale: actor.locale });
  const contact = p.contact_email.trim().toLowerCase();
  if (contact && !recipients.has(contact)) {
    const known = await findUserLocaleByEmail(db, contact);
    recipients.set(contact, { name: p.contact_name || known?.name || contact, locale: known?.locale === "en" ? "en" : "id" });
  }
  for (const [to, r] of recipients) {
    const params = {
      name: r.name,
      number: p.number,
      title: p.title,
      receipt,
      time: formatWib(submittedAt, r.locale),
      competition: p.competition_name,
      agency: p.agency_name,
      link: ctx.origin ? `${ctx.origin}/proposals/${p.number}` : `/proposals/${p.number}`,
    };
    await sendMail(db, {
      to,
      subject: translate(r.locale, "proposal.mail.receipt.subject", params),
      text: translate(r.locale, "proposal.mail.receipt.body", params),
    });
  }
  return result;
}

export type ChangeStatusResult = { ok: true } | { ok: false; reason: "closed" | "not_open" | "changed" };

/**
 * Before the deadline the Admin Lokal returns a submitted proposal to the
 * innovators for correction, with a note. Status returned; the receipt is
 * cleared (a new one comes with the next submission; the audit log keeps the
 * old). Side effects: proposals row, one audit row ("proposal.returned"), then
 * a mail to the proposal's creator. 404 unless visible; 403 unless allowed.
 */
export async function returnProposal(db: DB, actor: Actor, number: string, note: string, ctx: ProposalContext = {}): Promise<ChangeStatusResult> {
  const p = await loadVisible(db, actor, number);
  assertCan(actor, "proposal.return", resourceOf(p));
  const now = ctx.now ?? new Date();
  const settings = await loadSettings(db, p.competition_id);
  const w = windowOf(settings, now);
  if (w.state !== "open") return { ok: false, reason: w.state === "not_open" ? "not_open" : "closed" };
  const nowIso = now.toISOString();
  const moved = await db.transaction().execute(async (trx) => {
    const ok = await transitionProposal(trx, {
      id: p.id,
      from: ["submitted"],
      to: "returned",
      set: { return_note: note, receipt_number: null, submitted_at: null, submitted_by: null },
      userId: actor.userId,
      now: nowIso,
    });
    if (!ok) return false;
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.returned",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: { status: p.status, receipt_number: p.receipt_number, submitted_at: p.submitted_at },
      after: { status: "returned", return_note: note },
    });
    return true;
  });
  if (!moved) return { ok: false, reason: "changed" };

  const [creator] = await findMailees(db, p.created_by ? [p.created_by] : []);
  if (creator && creator.active) {
    const locale: Locale = creator.locale === "en" ? "en" : "id";
    const params = {
      name: creator.name,
      number: p.number,
      title: p.title,
      note,
      by: actor.name,
      link: ctx.origin ? `${ctx.origin}/proposals/${p.number}` : `/proposals/${p.number}`,
    };
    await sendMail(db, {
      to: creator.email,
      subject: translate(locale, "proposal.mail.returned.subject", params),
      text: translate(locale, "proposal.mail.returned.body", params),
    });
  }
  return { ok: true };
}

/**
 * Before the deadline the Admin Lokal withdraws a proposal (draft, returned or
 * submitted); it stays on record, read-only, under its number. The reason is
 * kept in the audit row ("proposal.withdrawn"). 404 unless visible; 403 unless allowed.
 */
export async function withdrawProposal(db: DB, actor: Actor, number: string, reason: string, ctx: ProposalContext = {}): Promise<ChangeStatusResult> {
  const p = await loadVisible(db, actor, number);
  assertCan(actor, "proposal.withdraw", resourceOf(p));
  const now = ctx.now ?? new Date();
  const settings = await loadSettings(db, p.competition_id);
  const w = windowOf(settings, now);
  if (w.state !== "open") return { ok: false, reason: w.state === "not_open" ? "not_open" : "closed" };
  const nowIso = now.toISOString();
  const moved = await db.transaction().execute(async (trx) => {
    const ok = await transitionProposal(trx, { id: p.id, from: ["draft", "returned", "submitted"], to: "withdrawn", userId: actor.userId, now: nowIso });
    if (!ok) return false;
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.withdrawn",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: { status: p.status },
      after: { status: "withdrawn", reason },
    });
    return true;
  });
  return moved ? { ok: true } : { ok: false, reason: "changed" };
}

// ---------------------------------------------------------------------------
// Replikasi sources

/** Submitted proposals of other editions and agencies whose title matches `q`. 404 unless visible. */
export async function searchSources(db: DB, actor: Actor, number: string, q: string) {
  const p = await loadVisible(db, actor, number);
  return searchSourceCandidates(db, { q, excludeCompetitionId: p.competition_id, excludeAgencyId: p.agency_id });
}

export type SourceChange = { kind: "platform"; sourceProposalId: string } | { kind: "external"; title: string; agency: string; year: number };

export type SourceResult = { ok: true } | { ok: false; reason: "closed" | "not_open" | "not_editable" } | { ok: false; reason: "invalid"; errors: FieldErrors };

async function loadForSourceEdit(db: DB, actor: Actor, number: string, now: Date) {
  const p = await loadVisible(db, actor, number);
  if (!(EDITABLE as readonly string[]).includes(p.status)) {
    assertCan(actor, "proposal.edit", { ...resourceOf(p), status: "draft" });
    return { p, refused: "not_editable" as const };
  }
  assertCan(actor, "proposal.edit", resourceOf(p));
  const settings = await loadSettings(db, p.competition_id);
  const group = groupOf(settings, p.group_id);
  if (!group.requiresSources) throw new Response("Bad Request", { status: 400 });
  const w = windowOf(settings, now);
  if (w.state !== "open") return { p, refused: w.state === "not_open" ? ("not_open" as const) : ("closed" as const) };
  return { p, refused: null };
}

/**
 * Name a source innovation of a Replikasi proposal: a submitted proposal of
 * another edition and agency (a forged id is refused at the field), or an
 * external one. Side effects: proposal_sources row, one audit row
 * ("proposal.source_added").
 */
export async function addSource(db: DB, actor: Actor, number: string, change: SourceChange, ctx: ProposalContext = {}): Promise<SourceResult> {
  const { p, refused } = await loadForSourceEdit(db, actor, number, ctx.now ?? new Date());
  if (refused) return { ok: false, reason: refused };
  if (change.kind === "platform") {
    const candidate = await findSourceCandidate(db, { id: change.sourceProposalId, excludeCompetitionId: p.competition_id, excludeAgencyId: p.agency_id });
    if (!candidate) return { ok: false, reason: "invalid", errors: { sourceProposalId: "errors.invalid" } };
  }
  await db.transaction().execute(async (trx) => {
    const id = await insertSource(
      trx,
      change.kind === "platform"
        ? { proposalId: p.id, sourceProposalId: change.sourceProposalId }
        : { proposalId: p.id, externalTitle: change.title, externalAgency: change.agency, externalYear: change.year },
    );
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.source_added",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      after: { source_id: id, ...change },
    });
  });
  return { ok: true };
}

/** Remove a named source. Side effects: the row and one audit row ("proposal.source_removed"). */
export async function removeSource(db: DB, actor: Actor, number: string, sourceId: string, ctx: ProposalContext = {}): Promise<SourceResult> {
  const { p, refused } = await loadForSourceEdit(db, actor, number, ctx.now ?? new Date());
  if (refused) return { ok: false, reason: refused };
  const source = await findSource(db, p.id, sourceId);
  if (!source) notFound();
  await db.transaction().execute(async (trx) => {
    await deleteSource(trx, p.id, sourceId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.source_removed",
      entityType: "proposal",
      entityId: p.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: {
        source_id: source.id,
        source_proposal_id: source.source_proposal_id,
        external_title: source.external_title,
        external_agency: source.external_agency,
        external_year: source.external_year,
      },
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Print view

/** The proposal as a printable document (anyone with proposal.view). 404 otherwise. */
export async function getPrintableProposal(db: DB, actor: Actor, number: string) {
  const p = await loadVisible(db, actor, number);
  const settings = await loadSettings(db, p.competition_id);
  const group = groupOf(settings, p.group_id);
  const [answers, files, sources] = await Promise.all([getAnswers(db, p.id), listProposalFiles(db, p.id), listSources(db, p.id)]);
  const category: Category | null = settings.categories.find((c) => c.id === p.category_id) ?? null;
  return {
    proposal: {
      number: p.number,
      status: p.status,
      agencyName: p.agency_name,
      agencyCode: p.agency_code,
      competitionName: p.competition_name,
      groupNameId: p.group_name_id,
      groupNameEn: p.group_name_en,
      receiptNumber: p.receipt_number,
      submittedAt: p.submitted_at,
      updatedAt: p.updated_at,
    },
    fields: fieldsOf(p, answers, group),
    category,
    group,
    files,
    sources,
  };
}
