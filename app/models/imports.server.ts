/**
 * Queries of the proposal import and the exports. Multi-row statements run in
 * chunks far below SQLite's and PostgreSQL's bound-parameter limits; exports
 * read in keyset pages (by proposal number) so an edition of thousands of
 * proposals is never loaded at once. Every query is scoped to one competition.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { ProposalStatus } from "../../db/schema";

/**
 * Values bound per multi-row statement: under SQLite's limit (32,766) and
 * PostgreSQL's (65,535), large enough that 20,000 rows take few round trips.
 */
const MAX_PARAMS = 20_000;
const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Registry agencies with one of these (upper-case) codes. */
export async function findAgenciesByCodes(db: DB, codes: readonly string[]) {
  const rows: { id: string; code: string; cluster: string; province_code: string | null }[] = [];
  for (const part of chunks([...new Set(codes)])) {
    rows.push(
      ...(await db.selectFrom("agencies").select(["id", "code", "cluster", "province_code"]).where("code", "in", part).execute()),
    );
  }
  return rows;
}

/** Every external id the competition already has (one query: an edition holds a few thousand). */
export async function listExternalIds(db: DB, competitionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("proposals")
    .select("external_id")
    .where("competition_id", "=", competitionId)
    .where("external_id", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.external_id as string));
}

/**
 * Reserve `count` proposal numbers of a competition in the caller's
 * transaction: the counter is bumped once and the first reserved number
 * returned (numbers first … first + count - 1).
 */
export async function reserveProposalNumbers(db: DB, competitionId: string, count: number): Promise<number> {
  const row = await db
    .updateTable("competitions")
    .set({ number_counter: sql`number_counter + ${count}` })
    .where("id", "=", competitionId)
    .returning("number_counter")
    .executeTakeFirstOrThrow();
  return Number(row.number_counter) - count + 1;
}

export interface ImportedProposalRow {
  id: string;
  competitionId: string;
  groupId: string;
  categoryId: string | null;
  agencyId: string;
  number: string;
  title: string;
  titleKey: string;
  innovatorNames: string;
  startedOn: string;
  contactEmail: string;
  externalId: string;
  receiptNumber: string;
  /** The importing user: creator and submitter of record. */
  userId: string;
  at: string;
  answers: Record<string, string>;
}

/** Insert imported proposals (status submitted) and their answers. */
export async function insertImportedProposals(db: DB, rows: readonly ImportedProposalRow[]): Promise<void> {
  // 21 columns per proposal row, 3 per answer row.
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / 21))) {
    await db
      .insertInto("proposals")
      .values(
        part.map((p) => ({
          id: p.id,
          competition_id: p.competitionId,
          group_id: p.groupId,
          category_id: p.categoryId,
          agency_id: p.agencyId,
          number: p.number,
          title: p.title,
          title_key: p.titleKey,
          innovator_names: p.innovatorNames,
          started_on: p.startedOn,
          contact_email: p.contactEmail,
          status: "submitted" as ProposalStatus,
          version: 1,
          receipt_number: p.receiptNumber,
          submitted_at: p.at,
          submitted_by: p.userId,
          external_id: p.externalId,
          created_by: p.userId,
          updated_by: p.userId,
          created_at: p.at,
          updated_at: p.at,
        })),
      )
      .execute();
  }
  const answers = rows.flatMap((p) => Object.entries(p.answers).map(([key, body]) => ({ proposal_id: p.id, section_key: key, body })));
  for (const part of chunks(answers, Math.floor(MAX_PARAMS / 3))) {
    await db.insertInto("proposal_answers").values(part).execute();
  }
}

// ---------------------------------------------------------------------------
// Exports

/** Proposals of an edition the organizer may read (never drafts), one keyset page by number. */
export async function pageProposalsForExport(db: DB, competitionId: string, afterNumber: string | null, limit: number) {
  let q = db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .leftJoin("regions as province", "province.code", "agencies.province_code")
    .select([
      "proposals.id",
      "proposals.number",
      "proposals.group_id",
      "proposals.category_id",
      "proposals.title",
      "proposals.status",
      "proposals.submitted_at",
      "proposals.started_on",
      "proposals.contact_name",
      "proposals.contact_email",
      "proposals.contact_phone",
      "agencies.code as agency_code",
      "agencies.name as agency_name",
      "agencies.cluster as agency_cluster",
      "province.name as province_name",
    ])
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "!=", "draft");
  if (afterNumber !== null) q = q.where("proposals.number", ">", afterNumber);
  return q.orderBy("proposals.number").limit(limit).execute();
}

/** Answers of some proposals. */
export async function answersOf(db: DB, proposalIds: readonly string[]) {
  const rows: { proposal_id: string; section_key: string; body: string }[] = [];
  for (const part of chunks(proposalIds)) {
    rows.push(...(await db.selectFrom("proposal_answers").selectAll().where("proposal_id", "in", part).execute()));
  }
  return rows;
}

/**
 * Screening results of an edition, one keyset page by number: every
 * submitted proposal (undecided ones with an empty result) and any other
 * non-draft proposal that got a decision before it was withdrawn.
 */
export async function pageScreeningForExport(db: DB, competitionId: string, afterNumber: string | null, limit: number) {
  let q = db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .select([
      "proposals.number",
      "proposals.group_id",
      "proposals.category_id",
      "proposals.title",
      "proposals.status",
      "agencies.code as agency_code",
      "agencies.name as agency_name",
      "s.result",
      "s.reasons_json",
      "s.note",
      "s.decided_at",
    ])
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "!=", "draft")
    .where((eb) => eb.or([eb("proposals.status", "=", "submitted"), eb("s.result", "is not", null)]));
  if (afterNumber !== null) q = q.where("proposals.number", ">", afterNumber);
  return q.orderBy("proposals.number").limit(limit).execute();
}
