/**
 * Round set-up queries (issue 5): the round's settings and state columns,
 * rubric criteria, presentation slots, field checklist items and field
 * teams. Every query names the round (or the agency, for the agency's own
 * slots), so an id of another round finds nothing; the caller has already
 * found the round inside the actor's competition.
 */
import type { DB } from "~/db.server";
import type { JurorRole, RoundKind, RoundStatus } from "../../db/schema";

const SETTINGS_COLUMNS = [
  "id",
  "competition_id",
  "position",
  "name",
  "kind",
  "pool_role",
  "status",
  "blind",
  "score_visibility",
  "score_method",
  "advancement_json",
  "tiebreak_json",
  "disagreement_threshold",
  "borderline_band",
  "opened_at",
  "closed_at",
  "close_reason",
  "decided_at",
] as const;

export interface RoundSettingsRow {
  id: string;
  competition_id: string;
  position: number;
  name: string;
  kind: RoundKind;
  pool_role: JurorRole;
  status: RoundStatus;
  blind: number;
  score_visibility: "never" | "after_submit" | "always";
  score_method: string;
  advancement_json: string;
  tiebreak_json: string;
  disagreement_threshold: number;
  borderline_band: number;
  opened_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  decided_at: string | null;
}

function toSettings(r: RoundSettingsRow): RoundSettingsRow {
  return {
    ...r,
    position: Number(r.position),
    blind: Number(r.blind),
    disagreement_threshold: Number(r.disagreement_threshold),
    borderline_band: Number(r.borderline_band),
  };
}

/** The round of that competition with its settings and state, or undefined. */
export async function findRoundSettings(db: DB, competitionId: string, roundId: string): Promise<RoundSettingsRow | undefined> {
  const r = await db
    .selectFrom("rounds")
    .select(SETTINGS_COLUMNS)
    .where("competition_id", "=", competitionId)
    .where("id", "=", roundId)
    .executeTakeFirst();
  return r ? toSettings(r) : undefined;
}

export async function findRoundSettingsById(db: DB, roundId: string): Promise<RoundSettingsRow | undefined> {
  const r = await db.selectFrom("rounds").select(SETTINGS_COLUMNS).where("id", "=", roundId).executeTakeFirst();
  return r ? toSettings(r) : undefined;
}

export interface SettingsPatch {
  blind: number;
  score_visibility: "never" | "after_submit" | "always";
  score_method: string;
  advancement_json: string;
  tiebreak_json: string;
  disagreement_threshold: number;
  borderline_band: number;
}

export async function updateRoundSettingsRow(db: DB, roundId: string, p: SettingsPatch, now: string): Promise<void> {
  await db
    .updateTable("rounds")
    .set({ ...p, updated_at: now })
    .where("id", "=", roundId)
    .execute();
}

export async function setTiebreakJson(db: DB, roundId: string, tiebreakJson: string, now: string): Promise<void> {
  await db.updateTable("rounds").set({ tiebreak_json: tiebreakJson, updated_at: now }).where("id", "=", roundId).execute();
}

/**
 * Moves the round from one state to another; only when it is still in
 * `from` (a concurrent transition makes this return false).
 */
export async function setRoundState(
  db: DB,
  roundId: string,
  from: RoundStatus,
  patch: { status: RoundStatus; opened_at?: string | null; closed_at?: string | null; close_reason?: string | null },
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable("rounds")
    .set({ ...patch, updated_at: now })
    .where("id", "=", roundId)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------
// Rubric

export interface CriterionRecord {
  id: string;
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

export async function listCriteria(db: DB, roundId: string): Promise<CriterionRecord[]> {
  const rows = await db
    .selectFrom("round_criteria")
    .select(["id", "key", "name_id", "name_en", "weight", "scale_min", "scale_max", "scale_step", "levels_json", "position"])
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

export interface CriterionValues {
  key: string;
  name_id: string;
  name_en: string;
  weight: number;
  scale_min: number;
  scale_max: number;
  scale_step: number;
  levels_json: string;
}

export async function insertCriterion(db: DB, roundId: string, id: string, v: CriterionValues, position: number): Promise<void> {
  await db
    .insertInto("round_criteria")
    .values({ id, round_id: roundId, position, ...v })
    .execute();
}

export async function updateCriterion(db: DB, roundId: string, id: string, v: CriterionValues): Promise<void> {
  await db.updateTable("round_criteria").set(v).where("round_id", "=", roundId).where("id", "=", id).execute();
}

export async function setCriterionPosition(db: DB, roundId: string, id: string, position: number): Promise<void> {
  await db.updateTable("round_criteria").set({ position }).where("round_id", "=", roundId).where("id", "=", id).execute();
}

export async function deleteCriterion(db: DB, roundId: string, id: string): Promise<void> {
  await db.deleteFrom("round_criteria").where("round_id", "=", roundId).where("id", "=", id).execute();
}

export async function deleteAllCriteria(db: DB, roundId: string): Promise<void> {
  await db.deleteFrom("round_criteria").where("round_id", "=", roundId).execute();
}

// ---------------------------------------------------------------------------
// Sheets and assignments (counts for the guards)

/** Score sheets of the round (any status). */
export async function countSheets(db: DB, roundId: string): Promise<number> {
  const r = await db
    .selectFrom("score_sheets")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countAssignments(db: DB, roundId: string): Promise<number> {
  const r = await db
    .selectFrom("assignments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Assignments of the round still owed a submitted sheet: no sheet or a
 * draft, leaving out those under an active conflict and withdrawn proposals.
 */
export async function countMissingSheets(db: DB, roundId: string): Promise<number> {
  const r = await db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .leftJoin("score_sheets as s", "s.assignment_id", "a.id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("a.round_id", "=", roundId)
    .where("p.status", "!=", "withdrawn")
    .where((eb) => eb.or([eb("s.id", "is", null), eb("s.status", "!=", "submitted")]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("conflicts as c")
            .select("c.id")
            .whereRef("c.juror_id", "=", "a.juror_id")
            .whereRef("c.proposal_id", "=", "a.proposal_id")
            .where("c.status", "=", "active"),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Jurors holding an assignment in the round who are active, with the language and address to write to. */
export async function listAssignedJurorsToNotify(db: DB, roundId: string) {
  return db
    .selectFrom("jurors as j")
    .leftJoin("users as u", "u.id", "j.user_id")
    .select(["j.id", "j.name", "j.email", "u.email as user_email", "u.locale as user_locale"])
    .where("j.status", "=", "active")
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("assignments as a").select("a.id").whereRef("a.juror_id", "=", "j.id").where("a.round_id", "=", roundId)),
    )
    .orderBy("j.email")
    .execute();
}

// ---------------------------------------------------------------------------
// Entrants

export interface EntrantRecord {
  id: string;
  number: string;
  title: string;
  agency_id: string;
  agency_name: string;
  cluster: string;
  group_key: string;
  category_key: string | null;
}

/**
 * Entrants of the round: round 1 the submitted proposals that passed
 * screening (lolos); later rounds the round_entrants (never withdrawn or
 * drafts). By number.
 */
export async function listEntrants(db: DB, round: { id: string; competition_id: string; position: number }): Promise<EntrantRecord[]> {
  const base = db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select(["p.id", "p.number", "p.title", "p.agency_id", "ag.name as agency_name", "ag.cluster", "g.key as group_key", "cat.key as category_key"])
    .where("p.competition_id", "=", round.competition_id);
  const rows =
    Number(round.position) <= 1
      ? await base
          .innerJoin("proposal_screenings as s", "s.proposal_id", "p.id")
          .where("p.status", "=", "submitted")
          .where("s.result", "=", "lolos")
          .orderBy("p.number")
          .execute()
      : await base
          .innerJoin("round_entrants as e", "e.proposal_id", "p.id")
          .where("e.round_id", "=", round.id)
          .where("p.status", "not in", ["withdrawn", "draft"])
          .orderBy("p.number")
          .execute();
  return rows.map((r) => ({ ...r, category_key: r.category_key ?? null }));
}

/** Groups and categories of the edition (the quota inputs), by position. */
export async function listStrataOfEdition(db: DB, competitionId: string) {
  const [groups, categories] = await Promise.all([
    db
      .selectFrom("competition_groups")
      .select(["key", "name_id", "name_en"])
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .orderBy("key")
      .execute(),
    db
      .selectFrom("competition_categories")
      .select(["key", "name_id", "name_en"])
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .orderBy("key")
      .execute(),
  ]);
  return { groups, categories };
}

// ---------------------------------------------------------------------------
// Presentation slots

export interface SlotRecord {
  id: string;
  proposal_id: string;
  number: string;
  title: string;
  agency_id: string;
  agency_name: string;
  starts_at: string;
  length_minutes: number;
  meeting_link: string;
  attendance: "pending" | "confirmed" | "declined";
  attendance_note: string;
  confirmed_at: string | null;
  confirmed_by_name: string | null;
}

function slotQuery(db: DB) {
  return db
    .selectFrom("presentation_slots as s")
    .innerJoin("proposals as p", "p.id", "s.proposal_id")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .leftJoin("users as u", "u.id", "s.confirmed_by")
    .select([
      "s.id",
      "s.proposal_id",
      "p.number",
      "p.title",
      "p.agency_id",
      "ag.name as agency_name",
      "s.starts_at",
      "s.length_minutes",
      "s.meeting_link",
      "s.attendance",
      "s.attendance_note",
      "s.confirmed_at",
      "u.name as confirmed_by_name",
    ]);
}

function toSlot<T extends { length_minutes: number }>(r: T): T {
  return { ...r, length_minutes: Number(r.length_minutes) };
}

export async function listSlots(db: DB, roundId: string): Promise<SlotRecord[]> {
  const rows = await slotQuery(db).where("s.round_id", "=", roundId).orderBy("s.starts_at").orderBy("p.number").execute();
  return rows.map(toSlot);
}

export async function findSlot(db: DB, roundId: string, slotId: string): Promise<SlotRecord | undefined> {
  const r = await slotQuery(db).where("s.round_id", "=", roundId).where("s.id", "=", slotId).executeTakeFirst();
  return r ? toSlot(r) : undefined;
}

export async function findSlotOfProposal(db: DB, roundId: string, proposalId: string) {
  return db.selectFrom("presentation_slots").select(["id"]).where("round_id", "=", roundId).where("proposal_id", "=", proposalId).executeTakeFirst();
}

export async function insertSlot(
  db: DB,
  s: { id: string; roundId: string; proposalId: string; startsAt: string; lengthMinutes: number; meetingLink: string; now: string },
): Promise<void> {
  await db
    .insertInto("presentation_slots")
    .values({
      id: s.id,
      round_id: s.roundId,
      proposal_id: s.proposalId,
      starts_at: s.startsAt,
      length_minutes: s.lengthMinutes,
      meeting_link: s.meetingLink,
      created_at: s.now,
    })
    .execute();
}

export async function updateSlot(
  db: DB,
  roundId: string,
  slotId: string,
  s: { startsAt: string; lengthMinutes: number; meetingLink: string; resetAttendance: boolean },
): Promise<void> {
  await db
    .updateTable("presentation_slots")
    .set({
      starts_at: s.startsAt,
      length_minutes: s.lengthMinutes,
      meeting_link: s.meetingLink,
      ...(s.resetAttendance ? { attendance: "pending" as const, attendance_note: "", confirmed_by: null, confirmed_at: null } : {}),
    })
    .where("round_id", "=", roundId)
    .where("id", "=", slotId)
    .execute();
}

export async function deleteSlot(db: DB, roundId: string, slotId: string): Promise<void> {
  await db.deleteFrom("presentation_slots").where("round_id", "=", roundId).where("id", "=", slotId).execute();
}

/**
 * The agency's own slots (any edition), with the round and competition:
 * scoped by the proposal's agency, so another agency's slot is never found.
 */
export async function listAgencySlots(db: DB, agencyId: string) {
  const rows = await slotQuery(db)
    .innerJoin("rounds as r", "r.id", "s.round_id")
    .innerJoin("competitions as c", "c.id", "r.competition_id")
    .select(["r.id as round_id", "r.name as round_name", "r.status as round_status", "c.id as competition_id", "c.name as competition_name", "c.organizer_id"])
    .where("p.agency_id", "=", agencyId)
    .where("p.status", "!=", "withdrawn")
    .orderBy("s.starts_at")
    .orderBy("p.number")
    .execute();
  return rows.map(toSlot);
}

export async function findAgencySlot(db: DB, agencyId: string, slotId: string) {
  const r = await slotQuery(db)
    .innerJoin("rounds as r", "r.id", "s.round_id")
    .innerJoin("competitions as c", "c.id", "r.competition_id")
    .select(["r.id as round_id", "r.status as round_status", "c.id as competition_id", "c.organizer_id"])
    .where("p.agency_id", "=", agencyId)
    .where("s.id", "=", slotId)
    .executeTakeFirst();
  return r ? toSlot(r) : undefined;
}

export async function setAttendanceRow(
  db: DB,
  slotId: string,
  a: { attendance: "confirmed" | "declined"; note: string; by: string; at: string },
): Promise<void> {
  await db
    .updateTable("presentation_slots")
    .set({ attendance: a.attendance, attendance_note: a.note, confirmed_by: a.by, confirmed_at: a.at })
    .where("id", "=", slotId)
    .execute();
}

/** Active Admin Lokal of one agency, with their language (for slot mails). */
export async function listAdminLokalOfAgency(db: DB, agencyId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "users.name", "users.locale"])
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .where("memberships.agency_id", "=", agencyId)
    .orderBy("users.email")
    .execute();
}

export async function findAgencyName(db: DB, agencyId: string) {
  return db.selectFrom("agencies").select(["id", "name", "code"]).where("id", "=", agencyId).executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Field verification: checklist and teams

export async function listChecklistItems(db: DB, roundId: string) {
  const rows = await db
    .selectFrom("field_checklist_items")
    .select(["id", "key", "label_id", "label_en", "position"])
    .where("round_id", "=", roundId)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

export async function insertChecklistItem(db: DB, roundId: string, id: string, v: { key: string; label_id: string; label_en: string }, position: number) {
  await db
    .insertInto("field_checklist_items")
    .values({ id, round_id: roundId, position, ...v })
    .execute();
}

export async function updateChecklistItem(db: DB, roundId: string, id: string, v: { key: string; label_id: string; label_en: string }) {
  await db.updateTable("field_checklist_items").set(v).where("round_id", "=", roundId).where("id", "=", id).execute();
}

export async function deleteChecklistItem(db: DB, roundId: string, id: string) {
  await db.deleteFrom("field_checklist_items").where("round_id", "=", roundId).where("id", "=", id).execute();
}

/** Assignments of the round with the juror's role and name (the field teams). */
export async function listTeamMembers(db: DB, roundId: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .leftJoin("score_sheets as s", "s.assignment_id", "a.id")
    .select(["a.id", "a.proposal_id", "a.juror_id", "a.source", "j.role", "j.name", "j.email", "j.status", "s.id as sheet_id"])
    .where("a.round_id", "=", roundId)
    .orderBy("j.role")
    .orderBy("j.name")
    .execute();
}

/** Active jurors of both pools of the edition (field teams draw from both). */
export async function listActiveJurorsOfEdition(db: DB, competitionId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "name", "email", "role"])
    .where("competition_id", "=", competitionId)
    .where("status", "=", "active")
    .orderBy("role")
    .orderBy("name")
    .orderBy("email")
    .execute();
}

export async function findJurorOfEdition(db: DB, competitionId: string, jurorId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "name", "email", "role", "status"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", jurorId)
    .executeTakeFirst();
}

/** Sources of the active conflicts between a juror and a proposal of the edition. */
export async function activeConflictSources(db: DB, competitionId: string, jurorId: string, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conflicts")
    .select(["source"])
    .where("competition_id", "=", competitionId)
    .where("juror_id", "=", jurorId)
    .where("proposal_id", "=", proposalId)
    .where("status", "=", "active")
    .orderBy("source")
    .execute();
  return rows.map((r) => r.source);
}

export async function findAssignment(db: DB, roundId: string, jurorId: string, proposalId: string) {
  return db
    .selectFrom("assignments")
    .select(["id"])
    .where("round_id", "=", roundId)
    .where("juror_id", "=", jurorId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
}

export async function insertManualAssignment(
  db: DB,
  a: { id: string; roundId: string; jurorId: string; proposalId: string; createdBy: string; now: string },
): Promise<void> {
  await db
    .insertInto("assignments")
    .values({
      id: a.id,
      round_id: a.roundId,
      juror_id: a.jurorId,
      proposal_id: a.proposalId,
      source: "manual",
      expertise_match: 0,
      run_id: null,
      created_by: a.createdBy,
      created_at: a.now,
      opened_at: null,
      completed_at: null,
    })
    .execute();
}

export async function findTeamMember(db: DB, roundId: string, assignmentId: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .leftJoin("score_sheets as s", "s.assignment_id", "a.id")
    .select(["a.id", "a.proposal_id", "a.juror_id", "j.role", "j.name", "s.id as sheet_id"])
    .where("a.round_id", "=", roundId)
    .where("a.id", "=", assignmentId)
    .executeTakeFirst();
}

export async function deleteAssignment(db: DB, roundId: string, assignmentId: string): Promise<void> {
  await db.deleteFrom("assignments").where("round_id", "=", roundId).where("id", "=", assignmentId).execute();
}
