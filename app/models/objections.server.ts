/**
 * Objections (keberatan) filed during an announcement's objection window, and
 * their evidence files. Every list is scoped in the query: an agency's lists
 * name its agency_id, an organizer's lists name the competition. Queries take
 * `db` (or a transaction) first; the caller owns the transaction.
 */
import type { DB } from "~/db.server";
import type { ObjectionStatus } from "../../db/schema";

export interface ObjectionAnnouncementRow {
  id: string;
  competition_id: string;
  organizer_id: string;
  competition_slug: string;
  competition_name: string;
  kind: "screening" | "finalists" | "winners";
  round_id: string | null;
  number: string | null;
  title: string;
  status: string;
  published_at: string | null;
  objection_ends_at: string | null;
  superseded_by_id: string | null;
}

const ANNOUNCEMENT_COLUMNS = [
  "a.id",
  "a.competition_id",
  "c.organizer_id",
  "c.slug as competition_slug",
  "c.name as competition_name",
  "a.kind",
  "a.round_id",
  "a.number",
  "a.title",
  "a.status",
  "a.published_at",
  "a.objection_ends_at",
  "a.superseded_by_id",
] as const;

/** A PUBLISHED announcement with its competition, or undefined (drafts and scheduled ones do not exist here). */
export async function findPublishedAnnouncement(db: DB, id: string): Promise<ObjectionAnnouncementRow | undefined> {
  return db
    .selectFrom("announcements as a")
    .innerJoin("competitions as c", "c.id", "a.competition_id")
    .select(ANNOUNCEMENT_COLUMNS)
    .where("a.id", "=", id)
    .where("a.status", "=", "published")
    .executeTakeFirst();
}

/**
 * Published, not superseded announcements with an objection window that has
 * not ended before `sinceIso`, in editions where the agency has a submitted
 * proposal (the windows that concern it), newest first.
 */
export async function listWindowsForAgency(db: DB, agencyId: string, sinceIso: string): Promise<ObjectionAnnouncementRow[]> {
  return db
    .selectFrom("announcements as a")
    .innerJoin("competitions as c", "c.id", "a.competition_id")
    .select(ANNOUNCEMENT_COLUMNS)
    .where("a.status", "=", "published")
    .where("a.superseded_by_id", "is", null)
    .where("a.objection_ends_at", "is not", null)
    .where("a.objection_ends_at", ">=", sinceIso)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("proposals as p")
          .select("p.id")
          .whereRef("p.competition_id", "=", "a.competition_id")
          .where("p.agency_id", "=", agencyId)
          .where("p.status", "=", "submitted"),
      ),
    )
    .orderBy("a.published_at", "desc")
    .orderBy("a.id")
    .execute();
}

/** The edition's published announcements that opened an objection window, newest first (the organizer's page). */
export async function listWindowAnnouncements(db: DB, competitionId: string): Promise<ObjectionAnnouncementRow[]> {
  return db
    .selectFrom("announcements as a")
    .innerJoin("competitions as c", "c.id", "a.competition_id")
    .select(ANNOUNCEMENT_COLUMNS)
    .where("a.competition_id", "=", competitionId)
    .where("a.status", "=", "published")
    .where("a.objection_ends_at", "is not", null)
    .orderBy("a.published_at", "desc")
    .orderBy("a.id")
    .execute();
}

/** Whether the agency has a submitted proposal in the edition (it takes part, so its windows concern it). */
export async function agencyTakesPart(db: DB, agencyId: string, competitionId: string): Promise<boolean> {
  const r = await db
    .selectFrom("proposals")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("competition_id", "=", competitionId)
    .where("status", "=", "submitted")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The agency's submitted proposals in the edition, by number. */
export async function listOwnSubmittedProposals(db: DB, agencyId: string, competitionIds: string[]) {
  if (competitionIds.length === 0) return [];
  return db
    .selectFrom("proposals")
    .select(["id", "number", "title", "competition_id"])
    .where("agency_id", "=", agencyId)
    .where("competition_id", "in", competitionIds)
    .where("status", "=", "submitted")
    .orderBy("number")
    .execute();
}

/** One submitted proposal of the agency in the edition, or undefined. */
export async function findOwnSubmittedProposal(db: DB, agencyId: string, competitionId: string, proposalId: string) {
  return db
    .selectFrom("proposals")
    .select(["id", "number", "title"])
    .where("id", "=", proposalId)
    .where("agency_id", "=", agencyId)
    .where("competition_id", "=", competitionId)
    .where("status", "=", "submitted")
    .executeTakeFirst();
}

/** The entry of the announcement with this proposal number (case-insensitive), or undefined. */
export async function findEntryByNumber(db: DB, announcementId: string, number: string) {
  const rows = await db
    .selectFrom("announcement_entries")
    .select(["proposal_id", "proposal_number", "title", "agency_id", "agency_name"])
    .where("announcement_id", "=", announcementId)
    .where("proposal_number", "=", number.trim().toUpperCase())
    .execute();
  return rows[0];
}

/** Whether the proposal is on the announcement's list. */
export async function isListed(db: DB, announcementId: string, proposalId: string): Promise<boolean> {
  const r = await db
    .selectFrom("announcement_entries")
    .select("proposal_id")
    .where("announcement_id", "=", announcementId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
  return r !== undefined;
}

/** A pending objection of the agency about the same proposal in the same announcement, if any. */
export async function findPendingDuplicate(db: DB, announcementId: string, agencyId: string, proposalId: string) {
  return db
    .selectFrom("objections")
    .select("id")
    .where("announcement_id", "=", announcementId)
    .where("agency_id", "=", agencyId)
    .where("proposal_id", "=", proposalId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

export interface NewObjection {
  id: string;
  announcementId: string;
  competitionId: string;
  agencyId: string;
  proposalId: string;
  reasons: string;
  filedBy: string;
  at: string;
}

export async function insertObjection(db: DB, o: NewObjection): Promise<void> {
  await db
    .insertInto("objections")
    .values({
      id: o.id,
      announcement_id: o.announcementId,
      competition_id: o.competitionId,
      agency_id: o.agencyId,
      proposal_id: o.proposalId,
      reasons: o.reasons,
      status: "pending",
      answer: null,
      outcome: null,
      filed_by: o.filedBy,
      answered_by: null,
      answered_at: null,
      correction_id: null,
      created_at: o.at,
      updated_at: o.at,
    })
    .execute();
}

export interface NewObjectionFile {
  id: string;
  objectionId: string;
  storage: "local" | "uploadthing";
  storageKey: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  at: string;
}

export async function insertObjectionFiles(db: DB, files: NewObjectionFile[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto("objection_files")
    .values(
      files.map((f) => ({
        id: f.id,
        objection_id: f.objectionId,
        storage: f.storage,
        storage_key: f.storageKey,
        original_name: f.originalName,
        mime_type: f.mimeType,
        size_bytes: f.sizeBytes,
        sha256: f.sha256,
        uploaded_by: f.uploadedBy,
        created_at: f.at,
      })),
    )
    .execute();
}

export interface ObjectionRow {
  id: string;
  announcement_id: string;
  competition_id: string;
  organizer_id: string;
  competition_slug: string;
  competition_name: string;
  agency_id: string;
  agency_name: string;
  proposal_id: string;
  proposal_number: string;
  proposal_title: string;
  proposal_agency_id: string;
  proposal_agency_name: string;
  reasons: string;
  status: ObjectionStatus;
  answer: string | null;
  outcome: "include" | "exclude" | null;
  filed_by_name: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  correction_id: string | null;
  created_at: string;
  announcement_kind: "screening" | "finalists" | "winners";
  announcement_number: string | null;
  announcement_title: string;
  announcement_round_id: string | null;
  announcement_published_at: string | null;
  objection_ends_at: string | null;
  superseded_by_id: string | null;
}

function objectionQuery(db: DB) {
  return db
    .selectFrom("objections as o")
    .innerJoin("announcements as a", "a.id", "o.announcement_id")
    .innerJoin("competitions as c", "c.id", "o.competition_id")
    .innerJoin("agencies as ag", "ag.id", "o.agency_id")
    .innerJoin("proposals as p", "p.id", "o.proposal_id")
    .innerJoin("agencies as pag", "pag.id", "p.agency_id")
    .leftJoin("users as fu", "fu.id", "o.filed_by")
    .leftJoin("users as au", "au.id", "o.answered_by")
    .select([
      "o.id",
      "o.announcement_id",
      "o.competition_id",
      "c.organizer_id",
      "c.slug as competition_slug",
      "c.name as competition_name",
      "o.agency_id",
      "ag.name as agency_name",
      "o.proposal_id",
      "p.number as proposal_number",
      "p.title as proposal_title",
      "p.agency_id as proposal_agency_id",
      "pag.name as proposal_agency_name",
      "o.reasons",
      "o.status",
      "o.answer",
      "o.outcome",
      "fu.name as filed_by_name",
      "au.name as answered_by_name",
      "o.answered_at",
      "o.correction_id",
      "o.created_at",
      "a.kind as announcement_kind",
      "a.number as announcement_number",
      "a.title as announcement_title",
      "a.round_id as announcement_round_id",
      "a.published_at as announcement_published_at",
      "a.objection_ends_at",
      "a.superseded_by_id",
    ]);
}

export async function findObjection(db: DB, id: string): Promise<ObjectionRow | undefined> {
  return objectionQuery(db).where("o.id", "=", id).executeTakeFirst();
}

/** The agency's own objections (every status), newest first. */
export async function listObjectionsOfAgency(db: DB, agencyId: string): Promise<ObjectionRow[]> {
  return objectionQuery(db).where("o.agency_id", "=", agencyId).orderBy("o.created_at", "desc").orderBy("o.id").execute();
}

/** Every objection filed in the edition, by announcement (newest first) then filing time. */
export async function listObjectionsOfCompetition(db: DB, competitionId: string): Promise<ObjectionRow[]> {
  return objectionQuery(db)
    .where("o.competition_id", "=", competitionId)
    .orderBy("a.published_at", "desc")
    .orderBy("o.announcement_id")
    .orderBy("o.created_at")
    .orderBy("o.id")
    .execute();
}

export interface ObjectionFileRow {
  id: string;
  objection_id: string;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

/** The files of these objections, in upload order (one query for a whole list). */
export async function listObjectionFiles(db: DB, objectionIds: string[]): Promise<ObjectionFileRow[]> {
  if (objectionIds.length === 0) return [];
  const out: ObjectionFileRow[] = [];
  for (let i = 0; i < objectionIds.length; i += 500) {
    const rows = await db
      .selectFrom("objection_files")
      .select(["id", "objection_id", "storage", "storage_key", "original_name", "mime_type", "size_bytes", "sha256", "created_at"])
      .where("objection_id", "in", objectionIds.slice(i, i + 500))
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    out.push(...rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) })));
  }
  return out;
}

/** One file of one objection (both ids must match), or undefined. */
export async function findObjectionFile(db: DB, objectionId: string, fileId: string): Promise<ObjectionFileRow | undefined> {
  const r = await db
    .selectFrom("objection_files")
    .select(["id", "objection_id", "storage", "storage_key", "original_name", "mime_type", "size_bytes", "sha256", "created_at"])
    .where("id", "=", fileId)
    .where("objection_id", "=", objectionId)
    .executeTakeFirst();
  return r ? { ...r, size_bytes: Number(r.size_bytes) } : undefined;
}

/** pending → withdrawn for the agency's own objection; whether this call did it. */
export async function markWithdrawn(db: DB, id: string, agencyId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("objections")
    .set({ status: "withdrawn", updated_at: at })
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** pending → accepted | rejected with the answer; whether this call did it (a second answer finds it answered). */
export async function markAnswered(
  db: DB,
  id: string,
  a: { status: "accepted" | "rejected"; answer: string; outcome: "include" | "exclude" | null; userId: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable("objections")
    .set({ status: a.status, answer: a.answer, outcome: a.outcome, answered_by: a.userId, answered_at: a.at, updated_at: a.at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setCorrection(db: DB, id: string, correctionId: string, at: string): Promise<void> {
  await db.updateTable("objections").set({ correction_id: correctionId, updated_at: at }).where("id", "=", id).execute();
}

// ---------------------------------------------------------------------------
// The decisions an accepted objection changes

export async function findScreening(db: DB, proposalId: string) {
  return db
    .selectFrom("proposal_screenings")
    .select(["proposal_id", "result", "reasons_json", "note", "decided_by", "decided_at"])
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
}

/** Sets the screening result of one proposal (the row exists for every submitted proposal once decided). */
export async function setScreeningResult(
  db: DB,
  proposalId: string,
  d: { result: "lolos" | "tidak_lolos"; reasonsJson: string; note: string; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto("proposal_screenings")
    .values({ proposal_id: proposalId, result: d.result, reasons_json: d.reasonsJson, note: d.note, decided_by: d.userId, decided_at: d.at })
    .onConflict((oc) =>
      oc.column("proposal_id").doUpdateSet({ result: d.result, reasons_json: d.reasonsJson, note: d.note, decided_by: d.userId, decided_at: d.at }),
    )
    .execute();
}

export async function findDecisionEntry(db: DB, roundId: string, proposalId: string) {
  const r = await db
    .selectFrom("round_decision_entries")
    .select(["round_id", "proposal_id", "rank", "score", "decision", "override_reason"])
    .where("round_id", "=", roundId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
  return r ? { ...r, rank: Number(r.rank), score: r.score === null ? null : Number(r.score) } : undefined;
}

export async function setDecisionEntry(
  db: DB,
  roundId: string,
  proposalId: string,
  d: { decision: "override_advance" | "override_stop"; reason: string },
): Promise<void> {
  await db
    .updateTable("round_decision_entries")
    .set({ decision: d.decision, override_reason: d.reason })
    .where("round_id", "=", roundId)
    .where("proposal_id", "=", proposalId)
    .execute();
}

/** Removes one proposal from a round's entrants; whether it was there. */
export async function removeRoundEntrant(db: DB, roundId: string, proposalId: string): Promise<boolean> {
  const r = await db.deleteFrom("round_entrants").where("round_id", "=", roundId).where("proposal_id", "=", proposalId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Active Admin Lokal of one agency (who receive the answer by e-mail). */
export async function adminLokalOf(db: DB, agencyId: string) {
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
