/**
 * Screening queries (Seleksi administrasi). Every list runs a fixed number
 * of queries whatever the number of proposals; every query is scoped to one
 * competition (and to submitted proposals), or to one agency for its results.
 */
import { sql, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { escapeLike, searchWords } from "~/domain/agencies";
import { NO_PROBLEMS_PREFIX, type QueueFilters, type ScreeningResult } from "~/domain/screening";
import { localDiskStorage } from "~/lib/storage.server";

export const QUEUE_PAGE_SIZE = 100;
/** Rows per multi-row statement: far below SQLite's bound-parameter limit. */
const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------
// Inputs of the automatic checks

/**
 * Everything the check builder needs about every submitted proposal of a
 * competition: four queries (proposals, answers, files, source counts).
 */
export async function loadScreeningInputs(db: DB, competitionId: string) {
  const submitted = () =>
    db
      .selectFrom("proposals")
      .select("proposals.id")
      .where("proposals.competition_id", "=", competitionId)
      .where("proposals.status", "=", "submitted");
  const [proposals, answers, files, sources] = await Promise.all([
    db
      .selectFrom("proposals")
      .select([
        "id",
        "number",
        "agency_id",
        "group_id",
        "category_id",
        "submitted_at",
        "title",
        "service_unit",
        "innovator_names",
        "started_on",
        "contact_name",
        "contact_email",
        "declaration",
        "video_url",
      ])
      .where("competition_id", "=", competitionId)
      .where("status", "=", "submitted")
      .orderBy("number")
      .execute(),
    db
      .selectFrom("proposal_answers")
      .select(["proposal_id", "section_key", "body"])
      .where("proposal_id", "in", submitted())
      .execute(),
    db
      .selectFrom("proposal_files")
      .select(["id", "proposal_id", "slot_key", "storage", "storage_key", "original_name", "size_bytes"])
      .where("proposal_id", "in", submitted())
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("proposal_sources")
      .select((eb) => ["proposal_id", eb.fn.countAll<number>().as("n")])
      .where("proposal_id", "in", submitted())
      .groupBy("proposal_id")
      .execute(),
  ]);
  return { proposals, answers, files, sources: sources.map((s) => ({ proposal_id: s.proposal_id, n: Number(s.n) })) };
}

export type StoredFileRow = Awaited<ReturnType<typeof loadScreeningInputs>>["files"][number];

/**
 * Whether a proposal_files row still reads back: the stored object exists and
 * has the size recorded at upload. Local files are looked at through the
 * storage module (only the size is read; the stream is closed unread). Files
 * on UploadThing count as readable: checking them would download each one.
 */
export async function fileReadable(file: Pick<StoredFileRow, "storage" | "storage_key" | "size_bytes">): Promise<boolean> {
  if (file.storage !== "local") return true;
  try {
    const stored = await localDiskStorage.get(file.storage_key);
    stored.stream.destroy();
    return stored.size === Number(file.size_bytes);
  } catch {
    // Missing, unreadable, or a key that is not ours.
    return false;
  }
}

/** Store check lists (insert the screening row, or replace only its checks: decisions are kept). */
export async function saveCheckLists(db: DB, rows: { proposalId: string; checksJson: string }[], checkedAt: string): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto("proposal_screenings")
      .values(part.map((r) => ({ proposal_id: r.proposalId, checks_json: r.checksJson, result: null, checked_at: checkedAt })))
      .onConflict((oc) =>
        oc.column("proposal_id").doUpdateSet((eb) => ({
          checks_json: eb.ref("excluded.checks_json"),
          checked_at: eb.ref("excluded.checked_at"),
        })),
      )
      .execute();
  }
}

/** Submitted proposals whose checks are missing or older than their (last) submission. */
export async function countStaleChecks(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .selectFrom("proposals")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "=", "submitted")
    .where((eb) => eb.or([eb("s.checked_at", "is", null), eb("s.checked_at", "<", eb.ref("proposals.submitted_at"))]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------
// The queue

function queueBase(db: DB, competitionId: string, f: QueueFilters) {
  let q = db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "=", "submitted");
  if (f.status === "undecided") q = q.where("s.result", "is", null);
  else if (f.status) q = q.where("s.result", "=", f.status);
  if (f.problems === true) {
    q = q.where((eb) => eb.and([eb("s.checked_at", "is not", null), eb("s.checks_json", "not like", `${NO_PROBLEMS_PREFIX}%`)]));
  } else if (f.problems === false) {
    q = q.where("s.checks_json", "like", `${NO_PROBLEMS_PREFIX}%`);
  }
  if (f.groupId) q = q.where("proposals.group_id", "=", f.groupId);
  if (f.categoryId) q = q.where("proposals.category_id", "=", f.categoryId);
  for (const w of searchWords(f.q)) {
    const pattern = `%${escapeLike(w)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`${sql.ref("agencies.name_search")} like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(${sql.ref("agencies.code")}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return q;
}

/** One page of the queue (by proposal number) and the number of matching proposals: two queries. */
export async function listQueue(db: DB, competitionId: string, f: QueueFilters) {
  const page = Math.max(Math.trunc(f.page ?? 1), 1);
  const [countRow, rows] = await Promise.all([
    queueBase(db, competitionId, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    queueBase(db, competitionId, f)
      .leftJoin("users as decider", "decider.id", "s.decided_by")
      .select([
        "proposals.id",
        "proposals.number",
        "proposals.title",
        "proposals.group_id",
        "proposals.category_id",
        "proposals.submitted_at",
        "agencies.id as agency_id",
        "agencies.name as agency_name",
        "agencies.code as agency_code",
        "s.checks_json",
        "s.checked_at",
        "s.result",
        "s.reasons_json",
        "s.note",
        "s.decided_at",
        "decider.name as decided_by_name",
      ])
      .orderBy("proposals.number")
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE)
      .execute(),
  ]);
  const total = Number(countRow.n);
  return { rows, total, page, pageSize: QUEUE_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/** Totals of the whole queue: submitted, undecided, lolos, tidak lolos, with automatic problems. One query. */
export async function queueTotals(db: DB, competitionId: string) {
  const row = await db
    .selectFrom("proposals")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("s.result", "is", null).then(1).else(0).end()).as("undecided"),
      eb.fn.sum<number>(eb.case().when("s.result", "=", "lolos").then(1).else(0).end()).as("lolos"),
      eb.fn.sum<number>(eb.case().when("s.result", "=", "tidak_lolos").then(1).else(0).end()).as("tidak_lolos"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("s.checked_at", "is not", null), eb("s.checks_json", "not like", `${NO_PROBLEMS_PREFIX}%`)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("with_problems"),
      eb.fn.max("s.checked_at").as("last_checked_at"),
    ])
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "=", "submitted")
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    undecided: Number(row.undecided ?? 0),
    lolos: Number(row.lolos ?? 0),
    tidakLolos: Number(row.tidak_lolos ?? 0),
    withProblems: Number(row.with_problems ?? 0),
    lastCheckedAt: row.last_checked_at ?? null,
  };
}

// ---------------------------------------------------------------------------
// One proposal

/** A submitted proposal of the competition by number, with its agency and screening row. */
export async function findSubmittedProposal(db: DB, competitionId: string, number: string) {
  return db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .leftJoin("users as decider", "decider.id", "s.decided_by")
    .select([
      "proposals.id",
      "proposals.number",
      "proposals.title",
      "proposals.group_id",
      "proposals.category_id",
      "proposals.service_unit",
      "proposals.innovator_kind",
      "proposals.innovator_names",
      "proposals.started_on",
      "proposals.contact_name",
      "proposals.contact_email",
      "proposals.video_url",
      "proposals.receipt_number",
      "proposals.submitted_at",
      "agencies.id as agency_id",
      "agencies.name as agency_name",
      "agencies.code as agency_code",
      "s.checks_json",
      "s.checked_at",
      "s.result",
      "s.reasons_json",
      "s.note",
      "s.decided_at",
      "decider.name as decided_by_name",
    ])
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "=", "submitted")
    .where("proposals.number", "=", number)
    .executeTakeFirst();
}

export async function listProposalAnswers(db: DB, proposalId: string) {
  return db.selectFrom("proposal_answers").select(["section_key", "body"]).where("proposal_id", "=", proposalId).execute();
}

export async function listProposalFiles(db: DB, proposalId: string) {
  return db
    .selectFrom("proposal_files")
    .select(["id", "slot_key", "original_name", "mime_type", "size_bytes"])
    .where("proposal_id", "=", proposalId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The screening entries of the audit log for one proposal, newest first. */
export async function listScreeningHistory(db: DB, competitionId: string, proposalId: string) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.before_json", "audit_log.after_json", "users.name as actor_name"])
    .where("audit_log.competition_id", "=", competitionId)
    .where("audit_log.entity_type", "=", "proposal")
    .where("audit_log.entity_id", "=", proposalId)
    .where("audit_log.action", "in", ["screening.decided", "screening.changed"])
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(50)
    .execute();
}

// ---------------------------------------------------------------------------
// Decisions and publication

/** The submitted proposals of the competition among `ids`, with their current decision. */
export async function findForDecision(db: DB, competitionId: string, ids: string[]) {
  const out = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom("proposals")
        .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
        .select(["proposals.id", "proposals.number", "proposals.agency_id", "s.result", "s.reasons_json", "s.note"])
        .where("proposals.competition_id", "=", competitionId)
        .where("proposals.status", "=", "submitted")
        .where("proposals.id", "in", part)
        .execute()),
    );
  }
  return out;
}

/** Write one decision to many proposals (creating screening rows that do not exist yet). */
export async function saveDecisions(
  db: DB,
  proposalIds: string[],
  d: { result: ScreeningResult; reasonsJson: string; note: string; decidedBy: string; decidedAt: string },
): Promise<void> {
  for (const part of chunks(proposalIds)) {
    await db
      .insertInto("proposal_screenings")
      .values(
        part.map((id) => ({
          proposal_id: id,
          result: d.result,
          reasons_json: d.reasonsJson,
          note: d.note,
          decided_by: d.decidedBy,
          decided_at: d.decidedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column("proposal_id").doUpdateSet((eb) => ({
          result: eb.ref("excluded.result"),
          reasons_json: eb.ref("excluded.reasons_json"),
          note: eb.ref("excluded.note"),
          decided_by: eb.ref("excluded.decided_by"),
          decided_at: eb.ref("excluded.decided_at"),
        })),
      )
      .execute();
  }
}

/** Submitted proposals of the competition without a decision. */
export async function countUndecided(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .selectFrom("proposals")
    .leftJoin("proposal_screenings as s", "s.proposal_id", "proposals.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("proposals.competition_id", "=", competitionId)
    .where("proposals.status", "=", "submitted")
    .where("s.result", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark the screening published unless it already is; whether this call did it. */
export async function markScreeningPublished(db: DB, competitionId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("competitions")
    .set({ screening_published_at: at })
    .where("id", "=", competitionId)
    .where("screening_published_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active Admin Lokal of every agency with a submitted proposal in the competition. */
export async function adminLokalOfEntrants(db: DB, competitionId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .select(["users.email", "users.name", "users.locale", "agencies.id as agency_id", "agencies.name as agency_name"])
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .where(
      "memberships.agency_id",
      "in",
      db
        .selectFrom("proposals")
        .select("proposals.agency_id")
        .where("proposals.competition_id", "=", competitionId)
        .where("proposals.status", "=", "submitted"),
    )
    .orderBy("agencies.name")
    .orderBy("users.email")
    .execute();
}

// ---------------------------------------------------------------------------
// An agency's own results

/**
 * The agency's submitted proposals in every competition, with the screening
 * result only where the competition published it (the join itself refuses
 * unpublished results, so nothing leaks even if a caller forgets to check).
 */
export async function listAgencyResults(db: DB, agencyId: string) {
  return db
    .selectFrom("proposals")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .leftJoin("proposal_screenings as s", (j) =>
      j.onRef("s.proposal_id", "=", "proposals.id").on("competitions.screening_published_at", "is not", null),
    )
    .select([
      "competitions.id as competition_id",
      "competitions.name as competition_name",
      "competitions.year as competition_year",
      "competitions.screening_published_at",
      "organizers.name as organizer_name",
      "proposals.id",
      "proposals.number",
      "proposals.title",
      "proposals.group_id",
      "s.result",
      "s.reasons_json",
      "s.note",
    ])
    .where("proposals.agency_id", "=", agencyId)
    .where("proposals.status", "=", "submitted")
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.name")
    .orderBy("proposals.number")
    .execute();
}

/** Group names of some groups (for the agency results page). */
export async function groupNamesOf(db: DB, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db.selectFrom("competition_groups").select(["id", "name_id", "name_en"]).where("id", "in", groupIds).execute();
}
