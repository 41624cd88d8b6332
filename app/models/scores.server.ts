/**
 * Score sheets (one per assignment), their items (one per criterion) and the
 * rubric they are scored on. Juror-facing lookups are scoped by the juror's
 * own active pool rows (jurors.user_id = the signed-in user), so a forgotten
 * check still finds nothing of another juror, round or edition.
 */
import type { DB } from "~/db.server";

// ---------------------------------------------------------------------------
// The rubric

export interface CriterionRow {
  key: string;
  name_id: string;
  name_en: string;
  weight: number;
  scale_min: number;
  scale_max: number;
  scale_step: number;
  levels_json: string;
  position: number;
}

/** The round's criteria in rubric order (position, then key). */
export async function listRoundCriteria(db: DB, roundId: string): Promise<CriterionRow[]> {
  const rows = await db
    .selectFrom("round_criteria")
    .select(["key", "name_id", "name_en", "weight", "scale_min", "scale_max", "scale_step", "levels_json", "position"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({
    ...r,
    weight: Number(r.weight),
    scale_min: Number(r.scale_min),
    scale_max: Number(r.scale_max),
    scale_step: Number(r.scale_step),
    position: Number(r.position),
  }));
}

// ---------------------------------------------------------------------------
// The juror's own assignment

const OWN_ASSIGNMENT_COLUMNS = [
  "a.id as assignment_id",
  "a.round_id",
  "a.juror_id",
  "a.proposal_id",
  "a.opened_at",
  "a.completed_at",
  "j.user_id as juror_user_id",
  "j.role as juror_role",
  "r.competition_id",
  "r.position as round_position",
  "r.name as round_name",
  "r.kind as round_kind",
  "r.status as round_status",
  "r.blind as round_blind",
  "r.score_visibility as round_score_visibility",
  "r.ends_at as round_ends_at",
  "c.organizer_id",
  "c.slug as competition_slug",
  "c.name as competition_name",
  "c.number_prefix as competition_number_prefix",
  "p.number",
  "p.status as proposal_status",
  "p.agency_id",
] as const;

function ownAssignments(db: DB, userId: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .innerJoin("rounds as r", "r.id", "a.round_id")
    .innerJoin("competitions as c", "c.id", "r.competition_id")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .select(OWN_ASSIGNMENT_COLUMNS)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("conflicts as x")
            .select("x.id")
            .whereRef("x.juror_id", "=", "a.juror_id")
            .whereRef("x.proposal_id", "=", "a.proposal_id")
            .where("x.status", "=", "active"),
        )
        .as("conflicted"),
    )
    .where("j.user_id", "=", userId)
    .where("j.status", "=", "active")
    .whereRef("j.competition_id", "=", "r.competition_id")
    .whereRef("p.competition_id", "=", "r.competition_id");
}

export type OwnAssignmentRow = NonNullable<Awaited<ReturnType<typeof findOwnAssignment>>>;

/** The user's own assignment in a round of an edition, by proposal number. */
export async function findOwnAssignment(db: DB, userId: string, competitionId: string, roundId: string, number: string) {
  return ownAssignments(db, userId)
    .where("r.competition_id", "=", competitionId)
    .where("a.round_id", "=", roundId)
    .where("p.number", "=", number)
    .executeTakeFirst();
}

/** The user's own assignment by its id. */
export async function findOwnAssignmentById(db: DB, userId: string, assignmentId: string) {
  return ownAssignments(db, userId).where("a.id", "=", assignmentId).executeTakeFirst();
}

/** The user's own assignment that a score sheet belongs to. */
export async function findOwnAssignmentBySheet(db: DB, userId: string, sheetId: string) {
  return ownAssignments(db, userId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("score_sheets as s").select("s.id").where("s.id", "=", sheetId).whereRef("s.assignment_id", "=", "a.id")),
    )
    .executeTakeFirst();
}

/**
 * The juror's list in one round (the order of /juror/:slug: proposal number),
 * with each assignment's sheet status and whether a conflict stands.
 * Withdrawn proposals left out, as on the list.
 */
export async function listJurorRoundWork(db: DB, jurorId: string, roundId: string) {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .leftJoin("score_sheets as s", "s.assignment_id", "a.id")
    .select((eb) => [
      "a.id as assignment_id",
      "p.number",
      "s.status as sheet_status",
      eb
        .exists(
          eb
            .selectFrom("conflicts as x")
            .select("x.id")
            .whereRef("x.juror_id", "=", "a.juror_id")
            .whereRef("x.proposal_id", "=", "a.proposal_id")
            .where("x.status", "=", "active"),
        )
        .as("conflicted"),
    ])
    .where("a.juror_id", "=", jurorId)
    .where("a.round_id", "=", roundId)
    .where("p.status", "!=", "withdrawn")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({ ...r, conflicted: Boolean(Number(r.conflicted)) }));
}

/** The proposal's header as the score page shows it (identity fields are dropped by the service for blind rounds). */
export async function findProposalForScoring(db: DB, proposalId: string) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select([
      "p.id",
      "p.number",
      "p.title",
      "p.group_id",
      "p.service_unit",
      "p.innovator_kind",
      "p.innovator_names",
      "p.innovator_decree",
      "p.started_on",
      "p.contact_name",
      "p.contact_email",
      "p.contact_phone",
      "p.video_url",
      "ag.name as agency_name",
      "ag.code as agency_code",
      "ag.province_code as agency_province_code",
      "ag.regency_code as agency_regency_code",
      "g.name_id as group_name_id",
      "g.name_en as group_name_en",
      "cat.name_id as category_name_id",
      "cat.name_en as category_name_en",
    ])
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Sheets

export interface SheetRow {
  id: string;
  assignment_id: string;
  round_id: string;
  juror_id: string;
  proposal_id: string;
  status: "draft" | "submitted";
  overall_comment: string;
  source: "web" | "import";
  version: number;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItemRow {
  criterion_key: string;
  value: number | null;
  comment: string;
}

const SHEET_COLUMNS = [
  "id",
  "assignment_id",
  "round_id",
  "juror_id",
  "proposal_id",
  "status",
  "overall_comment",
  "source",
  "version",
  "submitted_at",
  "created_at",
  "updated_at",
] as const;

function toSheet(r: Omit<SheetRow, "version"> & { version: number | string }): SheetRow {
  return { ...r, version: Number(r.version) };
}

export async function findSheetByAssignment(db: DB, assignmentId: string): Promise<SheetRow | undefined> {
  const r = await db.selectFrom("score_sheets").select(SHEET_COLUMNS).where("assignment_id", "=", assignmentId).executeTakeFirst();
  return r ? toSheet(r) : undefined;
}

export async function listSheetItems(db: DB, sheetId: string): Promise<ItemRow[]> {
  const rows = await db.selectFrom("score_items").select(["criterion_key", "value", "comment"]).where("sheet_id", "=", sheetId).execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

export async function insertSheet(
  db: DB,
  s: { id: string; assignmentId: string; roundId: string; jurorId: string; proposalId: string; status: "draft" | "submitted"; overallComment: string; source: "web" | "import"; submittedAt: string | null; now: string },
): Promise<void> {
  await db
    .insertInto("score_sheets")
    .values({
      id: s.id,
      assignment_id: s.assignmentId,
      round_id: s.roundId,
      juror_id: s.jurorId,
      proposal_id: s.proposalId,
      status: s.status,
      overall_comment: s.overallComment,
      source: s.source,
      version: 1,
      submitted_at: s.submittedAt,
      created_at: s.now,
      updated_at: s.now,
    })
    .execute();
}

/**
 * Update a sheet only if it is still at `version`; bumps the version.
 * Returns false when someone else saved meanwhile (nothing written).
 */
export async function updateSheetIfVersion(
  db: DB,
  sheetId: string,
  version: number,
  s: { status: "draft" | "submitted"; overallComment: string; source: "web" | "import"; submittedAt: string | null; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable("score_sheets")
    .set({
      status: s.status,
      overall_comment: s.overallComment,
      source: s.source,
      submitted_at: s.submittedAt,
      updated_at: s.now,
      version: version + 1,
    })
    .where("id", "=", sheetId)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceSheetItems(db: DB, sheetId: string, items: ItemRow[]): Promise<void> {
  await db.deleteFrom("score_items").where("sheet_id", "=", sheetId).execute();
  if (items.length === 0) return;
  await db
    .insertInto("score_items")
    .values(items.map((i) => ({ sheet_id: sheetId, criterion_key: i.criterion_key, value: i.value, comment: i.comment })))
    .execute();
}

// ---------------------------------------------------------------------------
// Field verification checklist (kind "field" rounds): the round's items and
// each sheet's answers. Scoped by the round / the sheet the caller found
// through the juror's own assignment.

export interface ChecklistItemRow {
  key: string;
  label_id: string;
  label_en: string;
}

export interface ChecklistAnswerRow {
  item_key: string;
  checked: boolean;
  note: string;
}

/** The round's checklist items in their order (position, then key). */
export async function listFieldChecklistItems(db: DB, roundId: string): Promise<ChecklistItemRow[]> {
  return db
    .selectFrom("field_checklist_items")
    .select(["key", "label_id", "label_en"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .orderBy("key")
    .execute();
}

/** A sheet's checklist answers, by item key. */
export async function listChecklistAnswers(db: DB, sheetId: string): Promise<ChecklistAnswerRow[]> {
  const rows = await db
    .selectFrom("field_checklist_answers")
    .select(["item_key", "checked", "note"])
    .where("sheet_id", "=", sheetId)
    .orderBy("item_key")
    .execute();
  return rows.map((r) => ({ item_key: r.item_key, checked: Number(r.checked) === 1, note: r.note }));
}

/** Replace a sheet's checklist answers (one row per item). */
export async function replaceChecklistAnswers(db: DB, sheetId: string, answers: readonly ChecklistAnswerRow[]): Promise<void> {
  await db.deleteFrom("field_checklist_answers").where("sheet_id", "=", sheetId).execute();
  if (answers.length === 0) return;
  await db
    .insertInto("field_checklist_answers")
    .values(answers.map((a) => ({ sheet_id: sheetId, item_key: a.item_key, checked: a.checked ? 1 : 0, note: a.note })))
    .execute();
}

/** Stamp the assignment completed (first submission only; a resubmission keeps the first time). */
export async function markAssignmentCompleted(db: DB, assignmentId: string, at: string): Promise<void> {
  await db.updateTable("assignments").set({ completed_at: at }).where("id", "=", assignmentId).where("completed_at", "is", null).execute();
}

/**
 * Other jurors' SUBMITTED sheets on a proposal in a round, with their items
 * (drafts never). Ordered by juror id so the anonymous letters stay put.
 */
export async function listOtherSubmittedSheets(db: DB, roundId: string, proposalId: string, exceptJurorId: string) {
  const sheets = await db
    .selectFrom("score_sheets")
    .select(["id", "juror_id", "submitted_at"])
    .where("round_id", "=", roundId)
    .where("proposal_id", "=", proposalId)
    .where("status", "=", "submitted")
    .where("juror_id", "!=", exceptJurorId)
    .orderBy("juror_id")
    .execute();
  if (sheets.length === 0) return [];
  const items = await db
    .selectFrom("score_items")
    .select(["sheet_id", "criterion_key", "value"])
    .where(
      "sheet_id",
      "in",
      sheets.map((s) => s.id),
    )
    .execute();
  return sheets.map((s) => ({
    jurorId: s.juror_id,
    submittedAt: s.submitted_at,
    scores: Object.fromEntries(items.filter((i) => i.sheet_id === s.id && i.value !== null).map((i) => [i.criterion_key, Number(i.value)])) as Record<
      string,
      number
    >,
  }));
}

// ---------------------------------------------------------------------------
// Import (organizer side: scoped by the round the caller found in its edition)

/** Every sheet of a round, by assignment, for the import's checks. */
export async function listRoundSheets(db: DB, roundId: string) {
  const rows = await db.selectFrom("score_sheets").select(SHEET_COLUMNS).where("round_id", "=", roundId).execute();
  return rows.map(toSheet);
}

/** The round's assignments with the juror's e-mail and the proposal's number. */
export async function listRoundAssignmentPairs(db: DB, roundId: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .select(["a.id", "a.juror_id", "a.proposal_id", "j.email", "j.status as juror_status", "p.number", "p.status as proposal_status"])
    .where("a.round_id", "=", roundId)
    .execute();
}

/** Submitted sheets per round (for the organizer's import page). */
export async function countRoundSheets(db: DB, roundId: string): Promise<{ submitted: number; drafts: number; imported: number }> {
  const rows = await db
    .selectFrom("score_sheets")
    .select(["status", "source", (eb) => eb.fn.countAll<number>().as("n")])
    .where("round_id", "=", roundId)
    .groupBy(["status", "source"])
    .execute();
  let submitted = 0;
  let drafts = 0;
  let imported = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === "submitted") submitted += n;
    else drafts += n;
    if (r.status === "submitted" && r.source === "import") imported += n;
  }
  return { submitted, drafts, imported };
}

/** The sheet status of each given assignment that has a sheet (for the juror's list). */
export async function listSheetStatuses(db: DB, assignmentIds: string[]): Promise<Map<string, "draft" | "submitted">> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await db.selectFrom("score_sheets").select(["assignment_id", "status"]).where("assignment_id", "in", assignmentIds).execute();
  return new Map(rows.map((r) => [r.assignment_id, r.status]));
}
