/**
 * Replication queries (Kysely, SQLite and PostgreSQL). Every list is scoped by
 * the agency or the organizer's province so a missed check leaks nothing.
 */
import type { DB } from "~/db.server";
import type { ReplicationStage } from "~/domain/replication";

const COLUMNS = [
  "replications.id",
  "replications.source_innovation_id",
  "replications.source_title",
  "replications.source_agency_name",
  "replications.source_agency_id",
  "replications.source_year",
  "replications.adopter_agency_id",
  "replications.facilitator_agency_id",
  "replications.proposal_id",
  "replications.title",
  "replications.stage",
  "replications.status",
  "replications.status_reason",
  "replications.differences",
  "replications.source_response",
  "replications.source_response_note",
  "replications.source_responded_at",
  "replications.verified_at",
  "replications.verifier_organizer_id",
  "replications.recorded_by_organizer_id",
  "replications.created_at",
  "replications.updated_at",
  "adopter.name as adopter_name",
  "adopter.province_code as adopter_province_code",
  "facilitator.name as facilitator_name",
  "facilitator.code as facilitator_code",
] as const;

function base(db: DB) {
  return db
    .selectFrom("replications")
    .innerJoin("agencies as adopter", "adopter.id", "replications.adopter_agency_id")
    .leftJoin("agencies as facilitator", "facilitator.id", "replications.facilitator_agency_id")
    .select([...COLUMNS]);
}

export async function findReplication(db: DB, id: string) {
  return base(db).where("replications.id", "=", id).executeTakeFirst();
}
export type ReplicationRow = NonNullable<Awaited<ReturnType<typeof findReplication>>>;

/** Replications adopted by the agency, newest first. */
export function listAdoptedBy(db: DB, agencyId: string) {
  return base(db).where("replications.adopter_agency_id", "=", agencyId).orderBy("replications.created_at", "desc").orderBy("replications.id").execute();
}

/** Replications of the agency's innovations (it confirms or disputes them), newest first. */
export function listOfSourceAgency(db: DB, agencyId: string) {
  return base(db).where("replications.source_agency_id", "=", agencyId).orderBy("replications.created_at", "desc").orderBy("replications.id").execute();
}

/** Replications whose adopter the organizer covers (provinceCode null: every agency, the national organizer). */
export function listForOrganizer(db: DB, provinceCode: string | null, limit = 500) {
  let q = base(db);
  if (provinceCode !== null) q = q.where("adopter.province_code", "=", provinceCode);
  return q.orderBy("replications.created_at", "desc").orderBy("replications.id").limit(limit).execute();
}

export async function listStages(db: DB, replicationIds: string[]) {
  if (replicationIds.length === 0) return [];
  return db
    .selectFrom("replication_stages")
    .select(["replication_id", "stage", "happened_on", "note", "updated_at"])
    .where("replication_id", "in", replicationIds)
    .execute();
}

export async function listFiles(db: DB, replicationId: string) {
  return db
    .selectFrom("replication_files")
    .select(["id", "stage", "original_name", "mime_type", "size_bytes", "created_at"])
    .where("replication_id", "=", replicationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function countStageFiles(db: DB, replicationId: string, stage: ReplicationStage): Promise<number> {
  const r = await db
    .selectFrom("replication_files")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("replication_id", "=", replicationId)
    .where("stage", "=", stage)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function findFile(db: DB, replicationId: string, fileId: string) {
  return db.selectFrom("replication_files").selectAll().where("replication_id", "=", replicationId).where("id", "=", fileId).executeTakeFirst();
}

/** A visible catalogue innovation. */
export function findVisibleInnovation(db: DB, id: string) {
  return db
    .selectFrom("innovations")
    .select(["id", "title", "agency_id", "agency_name", "year", "competition_id", "organizer_id"])
    .where("id", "=", id)
    .where("visible", "=", 1)
    .executeTakeFirst();
}

/** The visible catalogue innovation published from a proposal. */
export function findInnovationOfProposal(db: DB, proposalId: string) {
  return db
    .selectFrom("innovations")
    .select(["id", "title", "agency_id", "agency_name", "year"])
    .where("proposal_id", "=", proposalId)
    .where("visible", "=", 1)
    .executeTakeFirst();
}

/** Visible catalogue innovations of other agencies whose title contains `q` (case-insensitive). */
export function searchInnovationsForAdoption(db: DB, agencyId: string, q: string, limit = 20) {
  const needle = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("innovations")
    .select(["id", "title", "agency_name", "year", "region_name"])
    .where("visible", "=", 1)
    .where("agency_id", "is not", null)
    .where("agency_id", "!=", agencyId)
    .where((eb) => eb(eb.fn("lower", ["title"]), "like", needle))
    .orderBy("year", "desc")
    .orderBy("title")
    .limit(limit)
    .execute();
}

/** An active (not stopped) replication of the same source by the same adopter. */
export function findActiveDuplicate(db: DB, adopterId: string, innovationId: string) {
  return db
    .selectFrom("replications")
    .select("id")
    .where("adopter_agency_id", "=", adopterId)
    .where("source_innovation_id", "=", innovationId)
    .where("status", "!=", "dihentikan")
    .executeTakeFirst();
}

export function findAgencyByCode(db: DB, code: string) {
  return db.selectFrom("agencies").select(["id", "name", "code", "province_code"]).where("code", "=", code).executeTakeFirst();
}

export function findAgencyBasic(db: DB, id: string) {
  return db.selectFrom("agencies").select(["id", "name", "code", "province_code"]).where("id", "=", id).executeTakeFirst();
}

/** Active Admin Lokal of an agency (mail recipients). */
export function adminLokalOf(db: DB, agencyId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "users.name", "users.locale"])
    .where("memberships.agency_id", "=", agencyId)
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .orderBy("users.email")
    .execute();
}

export function replicationOfProposal(db: DB, proposalId: string) {
  return db.selectFrom("replications").select("id").where("proposal_id", "=", proposalId).executeTakeFirst();
}

/** A submitted proposal with its agency and submission time (the Replikasi hook). */
export function findSubmittedProposal(db: DB, proposalId: string) {
  return db
    .selectFrom("proposals")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .select([
      "proposals.id",
      "proposals.title",
      "proposals.agency_id",
      "proposals.status",
      "proposals.submitted_at",
      "proposals.submitted_by",
      "competitions.id as competition_id",
      "competitions.organizer_id",
    ])
    .where("proposals.id", "=", proposalId)
    .executeTakeFirst();
}

/** The sources of a proposal: platform ones with the source proposal's title, agency and year. */
export function listProposalSources(db: DB, proposalId: string) {
  return db
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
      "src.title as src_title",
      "src.agency_id as src_agency_id",
      "src_agency.name as src_agency_name",
      "src_comp.year as src_year",
    ])
    .where("proposal_sources.proposal_id", "=", proposalId)
    .orderBy("proposal_sources.position")
    .orderBy("proposal_sources.id")
    .execute();
}
