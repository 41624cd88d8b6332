/**
 * Proposal queries. Every read that a person triggers is scoped: by the
 * actor's agencies (Admin Lokal, innovators) or, for organizer staff, by the
 * organizers they serve and never a draft. A forgotten permission check
 * therefore still finds nothing.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { newId } from "~/lib/ids.server";
import type { ProposalStatus } from "../../db/schema";

/** What an actor may read, as ids: agencies they belong to, organizers they serve. */
export interface ProposalScope {
  agencyIds: string[];
  organizerIds: string[];
}

export function scopeOf(actor: Actor): ProposalScope {
  const agencyIds = new Set<string>();
  const organizerIds = new Set<string>();
  for (const m of actor.memberships) {
    if ((m.role === "admin_lokal" || m.role === "innovator") && m.agencyId) agencyIds.add(m.agencyId);
    if (m.role === "organizer_admin" && m.organizerId) organizerIds.add(m.organizerId);
  }
  return { agencyIds: [...agencyIds], organizerIds: [...organizerIds] };
}

/** One proposal by its public number, only when inside the scope; with its edition, agency and group names. */
export async function findProposalInScope(db: DB, number: string, scope: ProposalScope) {
  if (scope.agencyIds.length === 0 && scope.organizerIds.length === 0) return undefined;
  return db
    .selectFrom("proposals")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
    .selectAll("proposals")
    .select([
      "competitions.organizer_id",
      "competitions.name as competition_name",
      "competitions.slug as competition_slug",
      "competitions.year as competition_year",
      "agencies.name as agency_name",
      "agencies.code as agency_code",
      "agencies.cluster as agency_cluster",
      "agencies.province_code as agency_province_code",
      "g.key as group_key",
      "g.name_id as group_name_id",
      "g.name_en as group_name_en",
    ])
    .where("proposals.number", "=", number)
    .where((eb) => {
      const ors = [];
      if (scope.agencyIds.length) ors.push(eb("proposals.agency_id", "in", scope.agencyIds));
      if (scope.organizerIds.length) {
        ors.push(eb.and([eb("competitions.organizer_id", "in", scope.organizerIds), eb("proposals.status", "!=", "draft")]));
      }
      return eb.or(ors);
    })
    .executeTakeFirst();
}

export type ProposalRecord = NonNullable<Awaited<ReturnType<typeof findProposalInScope>>>;

/** Give the next number of an edition: the counter is bumped and read in the caller's transaction. */
export async function nextNumberInCompetition(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .updateTable("competitions")
    .set({ number_counter: sql`number_counter + 1` })
    .where("id", "=", competitionId)
    .returning("number_counter")
    .executeTakeFirstOrThrow();
  return Number(row.number_counter);
}

export interface NewProposal {
  id?: string;
  competitionId: string;
  groupId: string;
  agencyId: string;
  number: string;
  title: string;
  titleKey: string;
  contactName: string;
  contactEmail: string;
  createdBy: string;
  now: string;
}

export async function insertProposal(db: DB, p: NewProposal): Promise<string> {
  const id = p.id ?? newId();
  await db
    .insertInto("proposals")
    .values({
      id,
      competition_id: p.competitionId,
      group_id: p.groupId,
      agency_id: p.agencyId,
      number: p.number,
      title: p.title,
      title_key: p.titleKey,
      contact_name: p.contactName,
      contact_email: p.contactEmail,
      status: "draft",
      version: 1,
      created_by: p.createdBy,
      updated_by: p.createdBy,
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
  return id;
}

export async function getAnswers(db: DB, proposalId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom("proposal_answers").select(["section_key", "body"]).where("proposal_id", "=", proposalId).execute();
  return Object.fromEntries(rows.map((r) => [r.section_key, r.body]));
}

/** The evidence files of a proposal (metadata only), oldest first per slot. */
export async function listProposalFiles(db: DB, proposalId: string) {
  return db
    .selectFrom("proposal_files")
    .select(["id", "slot_key", "original_name", "mime_type", "size_bytes", "created_at"])
    .where("proposal_id", "=", proposalId)
    .orderBy("slot_key")
    .orderBy("created_at")
    .execute();
}

/** The source innovations of a proposal: platform proposals with their edition and agency, or external ones. */
export async function listSources(db: DB, proposalId: string) {
  const rows = await db
    .selectFrom("proposal_sources")
    .leftJoin("proposals as src", "src.id", "proposal_sources.source_proposal_id")
    .leftJoin("agencies as src_agency", "src_agency.id", "src.agency_id")
    .leftJoin("competitions as src_comp", "src_comp.id", "src.competition_id")
    .select([
      "proposal_sources.id",
      "proposal_sources.source_proposal_id",
      "proposal_sources.external_title",
      "proposal_sources.external_agency",
      "proposal_sources.external_year",
      "proposal_sources.position",
      "src.number as source_number",
      "src.title as source_title",
      "src_agency.name as source_agency",
      "src_comp.name as source_competition",
      "src_comp.year as source_year",
    ])
    .where("proposal_sources.proposal_id", "=", proposalId)
    .orderBy("proposal_sources.position")
    .orderBy("proposal_sources.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.source_proposal_id ? ("platform" as const) : ("external" as const),
    sourceProposalId: r.source_proposal_id,
    number: r.source_number ?? null,
    title: r.source_proposal_id ? (r.source_title ?? "") : (r.external_title ?? ""),
    agency: r.source_proposal_id ? (r.source_agency ?? "") : (r.external_agency ?? ""),
    edition: r.source_competition ?? null,
    year: r.source_proposal_id ? (r.source_year ?? null) : r.external_year,
  }));
}

export type SourceView = Awaited<ReturnType<typeof listSources>>[number];

export interface ProposalHeaderRow {
  title: string;
  title_key: string;
  service_unit: string;
  innovator_kind: string;
  innovator_names: string;
  innovator_decree: string;
  started_on: string | null;
  category_id: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  video_url: string;
  declaration: number;
}

/**
 * Optimistic save: the row is written only when it is still at `version` and
 * in an editable status; the version is bumped. Returns whether it was
 * written (false = someone saved in between, or the status changed).
 * Answers of the given keys are replaced in the same transaction (the caller's).
 */
export async function updateProposalIfVersion(
  db: DB,
  p: { id: string; version: number; header: ProposalHeaderRow; answers: Record<string, string>; userId: string; now: string },
): Promise<boolean> {
  const res = await db
    .updateTable("proposals")
    .set({ ...p.header, version: p.version + 1, updated_by: p.userId, updated_at: p.now })
    .where("id", "=", p.id)
    .where("version", "=", p.version)
    .where("status", "in", ["draft", "returned"])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  const keys = Object.keys(p.answers);
  if (keys.length) {
    await db.deleteFrom("proposal_answers").where("proposal_id", "=", p.id).where("section_key", "in", keys).execute();
    const rows = keys.filter((k) => p.answers[k] !== "").map((k) => ({ proposal_id: p.id, section_key: k, body: p.answers[k] }));
    if (rows.length) await db.insertInto("proposal_answers").values(rows).execute();
  }
  return true;
}

/**
 * Move a proposal between statuses, only from the expected ones (so two
 * people acting at once cannot both succeed). Returns whether it moved.
 */
export async function transitionProposal(
  db: DB,
  p: {
    id: string;
    from: ProposalStatus[];
    to: ProposalStatus;
    set?: Partial<{ receipt_number: string | null; submitted_at: string | null; submitted_by: string | null; return_note: string | null }>;
    userId: string;
    now: string;
  },
): Promise<boolean> {
  const res = await db
    .updateTable("proposals")
    .set({ ...(p.set ?? {}), status: p.to, version: sql`version + 1`, updated_by: p.userId, updated_at: p.now })
    .where("id", "=", p.id)
    .where("status", "in", p.from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Submitted proposals of an agency in one group of one edition (for the quota). */
export async function countSubmittedInGroup(db: DB, agencyId: string, competitionId: string, groupId: string): Promise<number> {
  const row = await db
    .selectFrom("proposals")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("competition_id", "=", competitionId)
    .where("group_id", "=", groupId)
    .where("status", "=", "submitted")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every proposal of an agency, newest edition first, with edition and group names. */
export async function listProposalsOfAgency(db: DB, agencyId: string) {
  return db
    .selectFrom("proposals")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
    .select([
      "proposals.id",
      "proposals.number",
      "proposals.title",
      "proposals.status",
      "proposals.updated_at",
      "proposals.submitted_at",
      "proposals.receipt_number",
      "proposals.competition_id",
      "competitions.name as competition_name",
      "competitions.year as competition_year",
      "g.name_id as group_name_id",
      "g.name_en as group_name_en",
    ])
    .where("proposals.agency_id", "=", agencyId)
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.name")
    .orderBy("proposals.number")
    .execute();
}

/** Editions whose registration window contains `nowIso`, with their eligibility settings and groups. */
export async function listEditionsOpenAt(db: DB, nowIso: string) {
  const comps = await db
    .selectFrom("competitions")
    .innerJoin("competition_stages as reg", (j) =>
      j.onRef("reg.competition_id", "=", "competitions.id").on("reg.stage", "=", "pendaftaran"),
    )
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .select([
      "competitions.id",
      "competitions.name",
      "competitions.year",
      "competitions.allowed_clusters",
      "competitions.eligible_province_code",
      "organizers.name as organizer_name",
      "reg.starts_at",
      "reg.ends_at",
    ])
    .where("reg.starts_at", "<=", nowIso)
    .where("reg.ends_at", ">", nowIso)
    .orderBy("reg.ends_at")
    .orderBy("competitions.name")
    .execute();
  const ids = comps.map((c) => c.id);
  const groups = ids.length
    ? await db
        .selectFrom("competition_groups")
        .select(["id", "competition_id", "key", "name_id", "name_en", "description_id", "description_en", "position"])
        .where("competition_id", "in", ids)
        .orderBy("position")
        .orderBy("key")
        .execute()
    : [];
  return comps.map((c) => ({ ...c, groups: groups.filter((g) => g.competition_id === c.id) }));
}

/** Registration extensions of an edition, oldest first (shown to agencies with their reasons). */
export async function listRegistrationExtensions(db: DB, competitionId: string) {
  return db
    .selectFrom("registration_extensions")
    .select(["id", "previous_ends_at", "new_ends_at", "reason", "created_at"])
    .where("competition_id", "=", competitionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** `%`, `_` and `\` typed into a search match themselves. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Candidate source innovations for a Replikasi proposal: SUBMITTED proposals
 * of other editions, not of the replicating agency itself, title matching
 * `q` (any case). Drafts of anyone are never listed.
 */
export async function searchSourceCandidates(
  db: DB,
  s: { q: string; excludeCompetitionId: string; excludeAgencyId: string; limit?: number },
) {
  const q = s.q.trim();
  if (q.length < 2) return [];
  return db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .select([
      "proposals.id",
      "proposals.number",
      "proposals.title",
      "agencies.name as agency_name",
      "competitions.name as competition_name",
      "competitions.year as competition_year",
    ])
    .where("proposals.status", "=", "submitted")
    .where("proposals.competition_id", "!=", s.excludeCompetitionId)
    .where("proposals.agency_id", "!=", s.excludeAgencyId)
    .where(sql<boolean>`lower(proposals.title) like ${likeContains(q)} escape '\\'`)
    .orderBy("competitions.year", "desc")
    .orderBy("proposals.title")
    .limit(s.limit ?? 20)
    .execute();
}

/** One candidate by id, under the same rules as the search (a forged id finds nothing). */
export async function findSourceCandidate(db: DB, s: { id: string; excludeCompetitionId: string; excludeAgencyId: string }) {
  return db
    .selectFrom("proposals")
    .select(["id", "number", "title"])
    .where("id", "=", s.id)
    .where("status", "=", "submitted")
    .where("competition_id", "!=", s.excludeCompetitionId)
    .where("agency_id", "!=", s.excludeAgencyId)
    .executeTakeFirst();
}

export async function insertSource(
  db: DB,
  s: { proposalId: string; sourceProposalId?: string | null; externalTitle?: string | null; externalAgency?: string | null; externalYear?: number | null },
): Promise<string> {
  const id = newId();
  const last = await db
    .selectFrom("proposal_sources")
    .select((eb) => eb.fn.max<number>("position").as("p"))
    .where("proposal_id", "=", s.proposalId)
    .executeTakeFirst();
  await db
    .insertInto("proposal_sources")
    .values({
      id,
      proposal_id: s.proposalId,
      source_proposal_id: s.sourceProposalId ?? null,
      external_title: s.externalTitle ?? null,
      external_agency: s.externalAgency ?? null,
      external_year: s.externalYear ?? null,
      position: Number(last?.p ?? 0) + 1,
    })
    .execute();
  return id;
}

export async function findSource(db: DB, proposalId: string, sourceId: string) {
  return db
    .selectFrom("proposal_sources")
    .selectAll()
    .where("proposal_id", "=", proposalId)
    .where("id", "=", sourceId)
    .executeTakeFirst();
}

export async function deleteSource(db: DB, proposalId: string, sourceId: string): Promise<void> {
  await db.deleteFrom("proposal_sources").where("proposal_id", "=", proposalId).where("id", "=", sourceId).execute();
}

export async function countSources(db: DB, proposalId: string): Promise<number> {
  const row = await db
    .selectFrom("proposal_sources")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("proposal_id", "=", proposalId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Name, e-mail and language of some users (for mails). */
export async function findMailees(db: DB, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom("users").select(["id", "name", "email", "locale", "active"]).where("id", "in", userIds).execute();
}

export async function findUserLocaleByEmail(db: DB, email: string) {
  return db.selectFrom("users").select(["locale", "name"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}
