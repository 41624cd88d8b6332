/**
 * Announcements (Pengumuman) and their entry snapshots. Every query of one
 * announcement is scoped by its competition (or, for the public, by
 * status = published), so a missed permission check still leaks nothing.
 */
import type { Insertable } from "kysely";
import type { DB } from "~/db.server";
import type { AnnouncementEntriesTable, AnnouncementKind } from "../../db/schema";

export const ANNOUNCEMENT_COLUMNS = [
  "announcements.id",
  "announcements.competition_id",
  "announcements.kind",
  "announcements.round_id",
  "announcements.seq",
  "announcements.number",
  "announcements.title",
  "announcements.body_md",
  "announcements.status",
  "announcements.publish_at",
  "announcements.published_at",
  "announcements.published_by",
  "announcements.objection_days",
  "announcements.objection_ends_at",
  "announcements.supersedes_id",
  "announcements.superseded_by_id",
  "announcements.superseded_at",
  "announcements.created_by",
  "announcements.created_at",
  "announcements.updated_at",
] as const;

function selectAnnouncements(db: DB) {
  return db
    .selectFrom("announcements")
    .leftJoin("rounds", "rounds.id", "announcements.round_id")
    .leftJoin("announcements as sup", "sup.id", "announcements.supersedes_id")
    .leftJoin("announcements as nxt", "nxt.id", "announcements.superseded_by_id")
    .select(ANNOUNCEMENT_COLUMNS)
    .select(["rounds.name as round_name", "sup.number as supersedes_number", "nxt.number as superseded_by_number", "nxt.status as superseded_by_status"]);
}

export type AnnouncementRow = NonNullable<Awaited<ReturnType<typeof findAnnouncement>>>;

/** One announcement of a competition (any status). */
export async function findAnnouncement(db: DB, competitionId: string, id: string) {
  return selectAnnouncements(db).where("announcements.competition_id", "=", competitionId).where("announcements.id", "=", id).executeTakeFirst();
}

/** One announcement by id alone, with its competition's organizer (callers decide who may see it). */
export async function findAnnouncementWithCompetition(db: DB, id: string) {
  return selectAnnouncements(db)
    .innerJoin("competitions", "competitions.id", "announcements.competition_id")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .select([
      "competitions.organizer_id",
      "competitions.name as competition_name",
      "competitions.slug as competition_slug",
      "competitions.year as competition_year",
      "organizers.name as organizer_name",
    ])
    .where("announcements.id", "=", id)
    .executeTakeFirst();
}

/** Every announcement of a competition: published first (newest first), then scheduled, then drafts. */
export async function listAnnouncements(db: DB, competitionId: string) {
  const rows = await selectAnnouncements(db).where("announcements.competition_id", "=", competitionId).execute();
  const order = { published: 0, scheduled: 1, draft: 2 } as const;
  return rows.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      (b.published_at ?? b.publish_at ?? b.created_at).localeCompare(a.published_at ?? a.publish_at ?? a.created_at) ||
      a.id.localeCompare(b.id),
  );
}

/** Entry counts per announcement (one query). */
export async function countEntries(db: DB, announcementIds: string[]): Promise<Map<string, number>> {
  if (announcementIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("announcement_entries")
    .where("announcement_id", "in", announcementIds)
    .groupBy("announcement_id")
    .select((eb) => ["announcement_id", eb.fn.countAll<number>().as("n")])
    .execute();
  return new Map(rows.map((r) => [r.announcement_id, Number(r.n)]));
}

export async function listEntries(db: DB, announcementId: string) {
  return db.selectFrom("announcement_entries").selectAll().where("announcement_id", "=", announcementId).orderBy("position").execute();
}

export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];
export type NewEntry = Omit<Insertable<AnnouncementEntriesTable>, "announcement_id">;

/** Replaces the announcement's snapshot with these entries (in their order). */
export async function replaceEntries(db: DB, announcementId: string, entries: NewEntry[]): Promise<void> {
  await db.deleteFrom("announcement_entries").where("announcement_id", "=", announcementId).execute();
  const rows = entries.map((e) => ({ ...e, announcement_id: announcementId }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto("announcement_entries").values(rows.slice(i, i + 200)).execute();
}

export async function insertAnnouncement(
  db: DB,
  a: { id: string; competitionId: string; kind: AnnouncementKind; roundId: string | null; title: string; bodyMd: string; supersedesId: string | null; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto("announcements")
    .values({
      id: a.id,
      competition_id: a.competitionId,
      kind: a.kind,
      round_id: a.roundId,
      seq: null,
      number: null,
      title: a.title,
      body_md: a.bodyMd,
      status: "draft",
      publish_at: null,
      published_at: null,
      published_by: null,
      objection_days: null,
      objection_ends_at: null,
      supersedes_id: a.supersedesId,
      superseded_by_id: null,
      superseded_at: null,
      created_by: a.createdBy,
      created_at: a.at,
      updated_at: a.at,
    })
    .execute();
}

/** Title and body of an announcement not yet published. */
export async function updateAnnouncementText(db: DB, competitionId: string, id: string, title: string, bodyMd: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("announcements")
    .set({ title, body_md: bodyMd, updated_at: at })
    .where("id", "=", id)
    .where("competition_id", "=", competitionId)
    .where("status", "in", ["draft", "scheduled"])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Takes the next announcement counter value of the competition (call inside the transaction). */
export async function takeAnnouncementSeq(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .updateTable("competitions")
    .set((eb) => ({ announcement_counter: eb("announcement_counter", "+", 1) }))
    .where("id", "=", competitionId)
    .returning("announcement_counter")
    .executeTakeFirstOrThrow();
  return Number(row.announcement_counter);
}

/** Guarded state change: only from one of `from`; false when the row is no longer there. */
export async function setAnnouncementState(
  db: DB,
  id: string,
  from: ("draft" | "scheduled" | "published")[],
  set: {
    status: "draft" | "scheduled" | "published";
    seq?: number | null;
    number?: string | null;
    publish_at?: string | null;
    published_at?: string | null;
    published_by?: string | null;
    objection_days?: number | null;
    objection_ends_at?: string | null;
    updated_at: string;
  },
): Promise<boolean> {
  const r = await db.updateTable("announcements").set(set).where("id", "=", id).where("status", "in", from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks a published announcement as replaced by a correction (only if not replaced yet). */
export async function markSuperseded(db: DB, id: string, byId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("announcements")
    .set({ superseded_by_id: byId, superseded_at: at, updated_at: at })
    .where("id", "=", id)
    .where("status", "=", "published")
    .where("superseded_by_id", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteDraft(db: DB, competitionId: string, id: string): Promise<boolean> {
  await db.deleteFrom("announcement_entries").where("announcement_id", "=", id).execute();
  const r = await db
    .deleteFrom("announcements")
    .where("id", "=", id)
    .where("competition_id", "=", competitionId)
    .where("status", "=", "draft")
    .where("seq", "is", null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The open (draft or scheduled) correction of an announcement, if any. */
export async function findOpenCorrection(db: DB, supersedesId: string) {
  return db
    .selectFrom("announcements")
    .select(["id", "status"])
    .where("supersedes_id", "=", supersedesId)
    .where("status", "in", ["draft", "scheduled"])
    .executeTakeFirst();
}

/** The current (published, not superseded) announcement of this kind and round, other than `exceptId`. */
export async function findCurrentOfKind(db: DB, competitionId: string, kind: AnnouncementKind, roundId: string | null, exceptId: string) {
  let q = db
    .selectFrom("announcements")
    .select(["id", "number"])
    .where("competition_id", "=", competitionId)
    .where("kind", "=", kind)
    .where("status", "=", "published")
    .where("superseded_by_id", "is", null)
    .where("id", "!=", exceptId);
  q = roundId ? q.where("round_id", "=", roundId) : q.where("round_id", "is", null);
  return q.executeTakeFirst();
}

/** Scheduled announcements whose time has come (oldest first). */
export async function listDueAnnouncements(db: DB, nowIso: string) {
  return db
    .selectFrom("announcements")
    .select(["id", "competition_id"])
    .where("status", "=", "scheduled")
    .where("publish_at", "<=", nowIso)
    .orderBy("publish_at")
    .orderBy("id")
    .execute();
}

// ---------------------------------------------------------------------------
// Sources: what each kind lists, read from the decision

const entrySelect = [
  "p.id as proposal_id",
  "p.number as proposal_number",
  "p.title",
  "ag.id as agency_id",
  "ag.name as agency_name",
  "ag.cluster",
  "prov.name as province_name",
  "reg.name as regency_name",
  "g.key as group_key",
  "cat.name_id as category_name_id",
  "cat.name_en as category_name_en",
] as const;

function proposalsWithNames(db: DB) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .leftJoin("regions as prov", "prov.code", "ag.province_code")
    .leftJoin("regions as reg", "reg.code", "ag.regency_code");
}

export interface SourceRow {
  proposal_id: string;
  proposal_number: string;
  title: string;
  agency_id: string;
  agency_name: string;
  cluster: string;
  province_name: string | null;
  regency_name: string | null;
  group_key: string;
  category_name_id: string | null;
  category_name_en: string | null;
  rank: number | null;
  score: number | null;
  tier_id: string | null;
  label_id: string;
  label_en: string;
}

/** Submitted proposals of the edition whose screening result is lolos, by proposal number. */
export async function screeningSource(db: DB, competitionId: string): Promise<SourceRow[]> {
  const rows = await proposalsWithNames(db)
    .innerJoin("proposal_screenings as s", "s.proposal_id", "p.id")
    .where("p.competition_id", "=", competitionId)
    .where("p.status", "=", "submitted")
    .where("s.result", "=", "lolos")
    .select(entrySelect)
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({ ...r, rank: null, score: null, tier_id: null, label_id: "", label_en: "" }));
}

/** The advancing proposals of a decided round, by rank. */
export async function finalistsSource(db: DB, roundId: string): Promise<SourceRow[]> {
  const rows = await proposalsWithNames(db)
    .innerJoin("round_decision_entries as d", "d.proposal_id", "p.id")
    .where("d.round_id", "=", roundId)
    .where("d.decision", "in", ["advance", "override_advance"])
    .select(entrySelect)
    .select(["d.rank", "d.score"])
    .orderBy("d.rank")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({ ...r, rank: Number(r.rank), score: r.score === null ? null : Number(r.score), tier_id: null, label_id: "", label_en: "" }));
}

/** The edition's winners by tier position then winner position; the label is the tier's name. */
export async function winnersSource(db: DB, competitionId: string): Promise<SourceRow[]> {
  const rows = await proposalsWithNames(db)
    .innerJoin("winners as w", "w.proposal_id", "p.id")
    .innerJoin("award_tiers as t", "t.id", "w.tier_id")
    .where("w.competition_id", "=", competitionId)
    .select(entrySelect)
    .select(["w.position", "t.id as tier_id", "t.name_id as tier_name_id", "t.name_en as tier_name_en"])
    .orderBy("t.position")
    .orderBy("w.position")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({
    proposal_id: r.proposal_id,
    proposal_number: r.proposal_number,
    title: r.title,
    agency_id: r.agency_id,
    agency_name: r.agency_name,
    cluster: r.cluster,
    province_name: r.province_name,
    regency_name: r.regency_name,
    group_key: r.group_key,
    category_name_id: r.category_name_id,
    category_name_en: r.category_name_en,
    rank: Number(r.position),
    score: null,
    tier_id: r.tier_id,
    label_id: r.tier_name_id,
    label_en: r.tier_name_en,
  }));
}

/** Rounds of the edition with their status (for the "from a decision" form). */
export async function listRoundsForAnnouncements(db: DB, competitionId: string) {
  return db
    .selectFrom("rounds")
    .select(["id", "name", "position", "status"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
}

export async function countWinners(db: DB, competitionId: string): Promise<number> {
  const r = await db.selectFrom("winners").where("competition_id", "=", competitionId).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---------------------------------------------------------------------------
// The agencies concerned by a publication

/** Agencies with a submitted proposal in the edition. */
export async function agenciesWithSubmitted(db: DB, competitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposals")
    .where("competition_id", "=", competitionId)
    .where("status", "=", "submitted")
    .select("agency_id")
    .distinct()
    .execute();
  return rows.map((r) => r.agency_id).sort();
}

/**
 * Agencies with a proposal entered in the round: every proposal of its
 * recorded decision (a first round has no round_entrants rows — its entrants
 * are the screening's lolos — so the decision is the one complete list), and
 * any round_entrants row besides.
 */
export async function agenciesInRound(db: DB, roundId: string): Promise<string[]> {
  const [decided, entered] = await Promise.all([
    db
      .selectFrom("round_decision_entries as e")
      .innerJoin("proposals as p", "p.id", "e.proposal_id")
      .where("e.round_id", "=", roundId)
      .select("p.agency_id")
      .distinct()
      .execute(),
    db
      .selectFrom("round_entrants as e")
      .innerJoin("proposals as p", "p.id", "e.proposal_id")
      .where("e.round_id", "=", roundId)
      .select("p.agency_id")
      .distinct()
      .execute(),
  ]);
  return [...new Set([...decided, ...entered].map((r) => r.agency_id))].sort();
}

/** The edition's last decided round (highest position), if any. */
export async function lastDecidedRound(db: DB, competitionId: string) {
  return db
    .selectFrom("rounds")
    .select(["id", "name", "position"])
    .where("competition_id", "=", competitionId)
    .where("status", "=", "decided")
    .orderBy("position", "desc")
    .executeTakeFirst();
}

/** Agencies of the edition's winners. */
export async function agenciesOfWinners(db: DB, competitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("winners as w")
    .innerJoin("proposals as p", "p.id", "w.proposal_id")
    .where("w.competition_id", "=", competitionId)
    .select("p.agency_id")
    .distinct()
    .execute();
  return rows.map((r) => r.agency_id).sort();
}
