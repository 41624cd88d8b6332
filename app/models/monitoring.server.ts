/**
 * Monitoring periods, sustainability reports, their evidence files and
 * reminders. Every query takes `db` (or a transaction) first and is scoped by
 * the organizer or agency it serves.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import { isPublicReplication } from "~/models/replications-public.server";
import type { SustainabilityStatus } from "~/domain/monitoring";

// ---------------------------------------------------------------------------
// Periods

export interface PeriodRow {
  id: string;
  organizer_id: string;
  name: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
}

export async function insertPeriod(
  db: DB,
  p: { id: string; organizerId: string; name: string; startsAt: string; endsAt: string; createdBy: string; at: string; competitionIds: string[] },
): Promise<void> {
  await db
    .insertInto("monitoring_periods")
    .values({ id: p.id, organizer_id: p.organizerId, name: p.name, starts_at: p.startsAt, ends_at: p.endsAt, created_by: p.createdBy, created_at: p.at, updated_at: p.at })
    .execute();
  if (p.competitionIds.length > 0) {
    await db
      .insertInto("monitoring_period_editions")
      .values(p.competitionIds.map((c) => ({ period_id: p.id, competition_id: c })))
      .execute();
  }
}

/** A period of the organizer (undefined for another organizer's, so a wrong id is a 404). */
export function findPeriodOfOrganizer(db: DB, organizerId: string, periodId: string): Promise<PeriodRow | undefined> {
  return db
    .selectFrom("monitoring_periods")
    .where("id", "=", periodId)
    .where("organizer_id", "=", organizerId)
    .select(["id", "organizer_id", "name", "starts_at", "ends_at", "created_at"])
    .executeTakeFirst();
}

export function findPeriod(db: DB, periodId: string): Promise<PeriodRow | undefined> {
  return db
    .selectFrom("monitoring_periods")
    .where("id", "=", periodId)
    .select(["id", "organizer_id", "name", "starts_at", "ends_at", "created_at"])
    .executeTakeFirst();
}

export function listPeriodsOfOrganizer(db: DB, organizerId: string): Promise<PeriodRow[]> {
  return db
    .selectFrom("monitoring_periods")
    .where("organizer_id", "=", organizerId)
    .select(["id", "organizer_id", "name", "starts_at", "ends_at", "created_at"])
    .orderBy("starts_at", "desc")
    .orderBy("id")
    .execute();
}

/** The editions of the periods (with their names), for a list of periods. */
export async function listPeriodEditions(db: DB, periodIds: string[]) {
  if (periodIds.length === 0) return [];
  return db
    .selectFrom("monitoring_period_editions as e")
    .innerJoin("competitions as c", "c.id", "e.competition_id")
    .where("e.period_id", "in", periodIds)
    .select(["e.period_id", "c.id", "c.name", "c.slug", "c.year"])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .execute();
}

/**
 * The organizer's editions that can be monitored: those with at least one
 * visible catalogue innovation of an agency on the platform (their results
 * are published), newest first, with that count.
 */
export async function listMonitorableEditions(db: DB, organizerId: string) {
  const rows = await db
    .selectFrom("competitions as c")
    .innerJoin("innovations as i", "i.competition_id", "c.id")
    .where("c.organizer_id", "=", organizerId)
    .where("i.visible", "=", 1)
    .where("i.agency_id", "is not", null)
    .groupBy(["c.id", "c.name", "c.slug", "c.year"])
    .select(["c.id", "c.name", "c.slug", "c.year", (eb) => eb.fn.countAll().as("innovations")])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, year: Number(r.year), innovations: Number(r.innovations) }));
}

// ---------------------------------------------------------------------------
// Innovations in scope

export interface ScopedInnovationRow {
  id: string;
  title: string;
  agency_id: string;
  agency_name: string;
  cluster: string;
  province_code: string | null;
  province_name: string | null;
  region_name: string;
  year: number;
  stage: "participant" | "finalist" | "winner";
  competition_id: string;
  competition_name: string;
}

/**
 * The visible catalogue innovations of the period's editions that belong to
 * an agency on the platform; with `agencyId`, only that agency's.
 */
export async function listInnovationsInScope(db: DB, periodId: string, agencyId?: string): Promise<ScopedInnovationRow[]> {
  let q = db
    .selectFrom("innovations as i")
    .innerJoin("monitoring_period_editions as e", "e.competition_id", "i.competition_id")
    .innerJoin("competitions as c", "c.id", "i.competition_id")
    .leftJoin("regions as prov", "prov.code", "i.province_code")
    .where("e.period_id", "=", periodId)
    .where("i.visible", "=", 1)
    .where("i.agency_id", "is not", null);
  if (agencyId !== undefined) q = q.where("i.agency_id", "=", agencyId);
  const rows = await q
    .select([
      "i.id",
      "i.title",
      "i.agency_id",
      "i.agency_name",
      "i.cluster",
      "i.province_code",
      "prov.name as province_name",
      "i.region_name",
      "i.year",
      "i.stage",
      "c.id as competition_id",
      "c.name as competition_name",
    ])
    .orderBy("i.agency_name")
    .orderBy("i.title")
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({ ...r, agency_id: r.agency_id as string, year: Number(r.year) }));
}

/** Whether one innovation of the agency is in the period's scope. */
export async function findInnovationInScope(db: DB, periodId: string, agencyId: string, innovationId: string) {
  return db
    .selectFrom("innovations as i")
    .innerJoin("monitoring_period_editions as e", "e.competition_id", "i.competition_id")
    .where("e.period_id", "=", periodId)
    .where("i.id", "=", innovationId)
    .where("i.agency_id", "=", agencyId)
    .where("i.visible", "=", 1)
    .select(["i.id", "i.title", "i.competition_id"])
    .executeTakeFirst();
}

/** Periods that include at least one visible innovation of the agency (newest first). */
export function listPeriodsForAgency(db: DB, agencyId: string) {
  return db
    .selectFrom("monitoring_periods as p")
    .innerJoin("organizers as o", "o.id", "p.organizer_id")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("monitoring_period_editions as e")
          .innerJoin("innovations as i", "i.competition_id", "e.competition_id")
          .whereRef("e.period_id", "=", "p.id")
          .where("i.agency_id", "=", agencyId)
          .where("i.visible", "=", 1)
          .select(sql<number>`1`.as("one")),
      ),
    )
    .select(["p.id", "p.organizer_id", "p.name", "p.starts_at", "p.ends_at", "p.created_at", "o.name as organizer_name"])
    .orderBy("p.starts_at", "desc")
    .orderBy("p.id")
    .execute();
}

// ---------------------------------------------------------------------------
// Reports

export interface ReportRow {
  id: string;
  period_id: string;
  innovation_id: string;
  agency_id: string;
  status: SustainabilityStatus;
  users_served: number | null;
  note: string;
  reported_by: string | null;
  reported_at: string;
  updated_at: string;
}

const REPORT_COLUMNS = ["id", "period_id", "innovation_id", "agency_id", "status", "users_served", "note", "reported_by", "reported_at", "updated_at"] as const;

/** Reports of a period (of one agency with `agencyId`). */
export async function listReports(db: DB, periodIds: string[], agencyId?: string): Promise<ReportRow[]> {
  if (periodIds.length === 0) return [];
  let q = db.selectFrom("sustainability_reports").where("period_id", "in", periodIds);
  if (agencyId !== undefined) q = q.where("agency_id", "=", agencyId);
  const rows = await q.select([...REPORT_COLUMNS]).orderBy("reported_at").orderBy("id").execute();
  return rows.map((r) => ({ ...r, users_served: r.users_served === null ? null : Number(r.users_served) }));
}

export async function findReport(db: DB, periodId: string, innovationId: string): Promise<ReportRow | undefined> {
  const r = await db
    .selectFrom("sustainability_reports")
    .where("period_id", "=", periodId)
    .where("innovation_id", "=", innovationId)
    .select([...REPORT_COLUMNS])
    .executeTakeFirst();
  return r ? { ...r, users_served: r.users_served === null ? null : Number(r.users_served) } : undefined;
}

export async function findReportById(db: DB, reportId: string) {
  return db
    .selectFrom("sustainability_reports as r")
    .innerJoin("monitoring_periods as p", "p.id", "r.period_id")
    .where("r.id", "=", reportId)
    .select(["r.id", "r.agency_id", "r.period_id", "p.organizer_id"])
    .executeTakeFirst();
}

export async function insertReport(
  db: DB,
  r: { id: string; periodId: string; innovationId: string; agencyId: string; status: SustainabilityStatus; usersServed: number | null; note: string; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto("sustainability_reports")
    .values({
      id: r.id,
      period_id: r.periodId,
      innovation_id: r.innovationId,
      agency_id: r.agencyId,
      status: r.status,
      users_served: r.usersServed,
      note: r.note,
      reported_by: r.userId,
      reported_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

export async function updateReport(
  db: DB,
  id: string,
  agencyId: string,
  r: { status: SustainabilityStatus; usersServed: number | null; note: string; userId: string; at: string },
): Promise<void> {
  await db
    .updateTable("sustainability_reports")
    .set({ status: r.status, users_served: r.usersServed, note: r.note, reported_by: r.userId, updated_at: r.at })
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .execute();
}

export interface ReportFileRow {
  id: string;
  report_id: string;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

export interface NewReportFile {
  id: string;
  reportId: string;
  storage: "local" | "uploadthing";
  storageKey: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  at: string;
}

export async function insertReportFiles(db: DB, files: NewReportFile[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto("sustainability_report_files")
    .values(
      files.map((f) => ({
        id: f.id,
        report_id: f.reportId,
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

export async function listReportFiles(db: DB, reportIds: string[]): Promise<ReportFileRow[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom("sustainability_report_files")
    .where("report_id", "in", reportIds)
    .select(["id", "report_id", "storage", "storage_key", "original_name", "mime_type", "size_bytes", "sha256", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

export async function countReportFiles(db: DB, reportId: string): Promise<number> {
  const r = await db.selectFrom("sustainability_report_files").where("report_id", "=", reportId).select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function findReportFile(db: DB, reportId: string, fileId: string) {
  return db
    .selectFrom("sustainability_report_files")
    .where("report_id", "=", reportId)
    .where("id", "=", fileId)
    .select(["id", "storage", "storage_key", "original_name", "mime_type", "size_bytes"])
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Reminders

export async function listReminders(db: DB, periodId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("monitoring_reminders").where("period_id", "=", periodId).select(["agency_id", "sent_at"]).execute();
  return new Map(rows.map((r) => [r.agency_id, r.sent_at]));
}

/** Records the last reminder of the agency in the period (insert or move sent_at). */
export async function recordReminder(db: DB, periodId: string, agencyId: string, at: string): Promise<void> {
  await db
    .insertInto("monitoring_reminders")
    .values({ period_id: periodId, agency_id: agencyId, sent_at: at })
    .onConflict((oc) => oc.columns(["period_id", "agency_id"]).doUpdateSet({ sent_at: at }))
    .execute();
}

/** Active Admin Lokal of the agencies (each person once per agency). */
export function adminLokalOfAgencies(db: DB, agencyIds: string[]) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .where("memberships.agency_id", "in", agencyIds)
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .select(["users.email", "users.name", "users.locale", "memberships.agency_id as agencyId", "agencies.name as agencyName"])
    .orderBy("memberships.agency_id")
    .orderBy("users.email")
    .execute();
}

// ---------------------------------------------------------------------------
// Replications (read directly; only publicly visible ones count)

/**
 * Publicly visible replications (confirmed by the source agency, or verified
 * by an organizer) whose source is one of the period's innovations in scope.
 */
function visibleReplicationsOfPeriod(db: DB, periodId: string) {
  return db
    .selectFrom("replications as r")
    .innerJoin("innovations as i", "i.id", "r.source_innovation_id")
    .innerJoin("monitoring_period_editions as e", "e.competition_id", "i.competition_id")
    .where("e.period_id", "=", periodId)
    .where("i.visible", "=", 1)
    .where((eb) => isPublicReplication(eb));
}

/** The period's most replicated innovations: visible replications per source innovation. */
export async function mostReplicatedInnovations(db: DB, periodId: string, limit: number) {
  const rows = await visibleReplicationsOfPeriod(db, periodId)
    .groupBy(["i.id", "i.title", "i.agency_name"])
    .select(["i.id", "i.title", "i.agency_name", (eb) => eb.fn.count<string>("r.id").as("n")])
    .orderBy(sql`count(r.id)`, "desc")
    .orderBy("i.title")
    .orderBy("i.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.title, agencyName: r.agency_name, count: Number(r.n) }));
}

/** The agencies that replicate the period's innovations most (visible replications per adopter). */
export async function topReplicatingAgencies(db: DB, periodId: string, limit: number) {
  const rows = await visibleReplicationsOfPeriod(db, periodId)
    .innerJoin("agencies as a", "a.id", "r.adopter_agency_id")
    .groupBy(["a.id", "a.name"])
    .select(["a.id", "a.name", (eb) => eb.fn.count<string>("r.id").as("n")])
    .orderBy(sql`count(r.id)`, "desc")
    .orderBy("a.name")
    .orderBy("a.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n) }));
}
