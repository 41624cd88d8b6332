/**
 * Juror pools: one `jurors` row per edition, role and e-mail, with the
 * profile the assignment uses (affiliation, expertise, loads, unavailable
 * periods). Every query names the competition (or a juror id already found
 * within it), so a juror id of another edition finds nothing.
 */
import type { DB } from "~/db.server";
import type { JurorRole, JurorStatus } from "../../db/schema";
import { newId } from "~/lib/ids.server";

export const JUROR_ROLES = ["evaluator", "panelist"] as const satisfies readonly JurorRole[];
export const JUROR_STATUSES = ["invited", "active", "declined", "withdrawn"] as const satisfies readonly JurorStatus[];

export function isJurorRole(role: string): role is JurorRole {
  return role === "evaluator" || role === "panelist";
}

function jurorQuery(db: DB) {
  return db
    .selectFrom("jurors")
    .leftJoin("agencies", "agencies.id", "jurors.affiliation_agency_id")
    .select([
      "jurors.id",
      "jurors.competition_id",
      "jurors.role",
      "jurors.email",
      "jurors.name",
      "jurors.user_id",
      "jurors.invitation_id",
      "jurors.status",
      "jurors.affiliation_agency_id",
      "jurors.affiliation_other",
      "jurors.min_load",
      "jurors.max_load",
      "jurors.withdrawn_reason",
      "jurors.created_at",
      "jurors.updated_at",
      "agencies.code as agency_code",
      "agencies.name as agency_name",
    ]);
}

export type JurorRow = NonNullable<Awaited<ReturnType<typeof findJuror>>>;

/** One juror of an edition (scoped: an id of another edition finds nothing). */
export async function findJuror(db: DB, competitionId: string, jurorId: string) {
  return jurorQuery(db).where("jurors.competition_id", "=", competitionId).where("jurors.id", "=", jurorId).executeTakeFirst();
}

/** The pool entry of an e-mail in one role of an edition. */
export async function findJurorByEmail(db: DB, competitionId: string, role: JurorRole, email: string) {
  return jurorQuery(db)
    .where("jurors.competition_id", "=", competitionId)
    .where("jurors.role", "=", role)
    .where("jurors.email", "=", email)
    .executeTakeFirst();
}

/** A user's own pool entries in an edition (evaluator and/or panelist), active ones only. */
export async function findActiveJurorsOfUser(db: DB, competitionId: string, userId: string) {
  return jurorQuery(db)
    .where("jurors.competition_id", "=", competitionId)
    .where("jurors.user_id", "=", userId)
    .where("jurors.status", "=", "active")
    .orderBy("jurors.role")
    .execute();
}

/** Every juror of an edition with the affiliation's name and the number of unavailable periods. One query. */
export async function listJurors(db: DB, competitionId: string) {
  const rows = await jurorQuery(db)
    .select((eb) =>
      eb
        .selectFrom("juror_unavailability")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("juror_unavailability.juror_id", "=", "jurors.id")
        .as("unavailable_count"),
    )
    .where("jurors.competition_id", "=", competitionId)
    .orderBy("jurors.name")
    .orderBy("jurors.email")
    .orderBy("jurors.id")
    .execute();
  return rows.map((r) => ({ ...r, unavailable_count: Number(r.unavailable_count ?? 0) }));
}

/** The expertise of every juror of an edition: juror id → category ids. One query. */
export async function expertiseByJuror(db: DB, competitionId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("juror_expertise")
    .innerJoin("jurors", "jurors.id", "juror_expertise.juror_id")
    .select(["juror_expertise.juror_id", "juror_expertise.category_id"])
    .where("jurors.competition_id", "=", competitionId)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.juror_id) ?? [];
    list.push(r.category_id);
    out.set(r.juror_id, list);
  }
  return out;
}

/** The category ids of one juror's expertise, sorted. */
export async function listExpertise(db: DB, jurorId: string): Promise<string[]> {
  const rows = await db.selectFrom("juror_expertise").select("category_id").where("juror_id", "=", jurorId).execute();
  return rows.map((r) => r.category_id).sort();
}

/** Makes one juror's expertise exactly `categoryIds`. */
export async function replaceExpertise(db: DB, jurorId: string, categoryIds: string[]): Promise<void> {
  await db.deleteFrom("juror_expertise").where("juror_id", "=", jurorId).execute();
  if (categoryIds.length) {
    await db
      .insertInto("juror_expertise")
      .values(categoryIds.map((category_id) => ({ juror_id: jurorId, category_id })))
      .execute();
  }
}

/** The categories of an edition, in their order. */
export async function listCompetitionCategories(db: DB, competitionId: string) {
  return db
    .selectFrom("competition_categories")
    .select(["id", "key", "name_id", "name_en"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("key")
    .execute();
}

export interface NewJuror {
  competitionId: string;
  role: JurorRole;
  email: string;
  name: string;
  userId: string | null;
  invitationId: string | null;
  status: JurorStatus;
  createdBy: string | null;
  now: string;
}

export async function insertJuror(db: DB, j: NewJuror): Promise<string> {
  const id = newId();
  await db
    .insertInto("jurors")
    .values({
      id,
      competition_id: j.competitionId,
      role: j.role,
      email: j.email,
      name: j.name,
      user_id: j.userId,
      invitation_id: j.invitationId,
      status: j.status,
      affiliation_agency_id: null,
      withdrawn_reason: null,
      created_by: j.createdBy,
      created_at: j.now,
      updated_at: j.now,
    })
    .execute();
  return id;
}

export interface JurorPatch {
  name?: string;
  userId?: string | null;
  invitationId?: string | null;
  status?: JurorStatus;
  affiliationAgencyId?: string | null;
  affiliationOther?: string;
  minLoad?: number;
  maxLoad?: number;
  withdrawnReason?: string | null;
}

export async function updateJuror(db: DB, jurorId: string, p: JurorPatch, now: string): Promise<void> {
  await db
    .updateTable("jurors")
    .set({
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.userId !== undefined ? { user_id: p.userId } : {}),
      ...(p.invitationId !== undefined ? { invitation_id: p.invitationId } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.affiliationAgencyId !== undefined ? { affiliation_agency_id: p.affiliationAgencyId } : {}),
      ...(p.affiliationOther !== undefined ? { affiliation_other: p.affiliationOther } : {}),
      ...(p.minLoad !== undefined ? { min_load: p.minLoad } : {}),
      ...(p.maxLoad !== undefined ? { max_load: p.maxLoad } : {}),
      ...(p.withdrawnReason !== undefined ? { withdrawn_reason: p.withdrawnReason } : {}),
      updated_at: now,
    })
    .where("id", "=", jurorId)
    .execute();
}

/** One juror's unavailable periods, earliest first. */
export async function listUnavailability(db: DB, jurorId: string) {
  return db
    .selectFrom("juror_unavailability")
    .select(["id", "starts_at", "ends_at", "note"])
    .where("juror_id", "=", jurorId)
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
}

export async function insertUnavailability(
  db: DB,
  u: { jurorId: string; startsAt: string; endsAt: string; note: string; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("juror_unavailability")
    .values({ id, juror_id: u.jurorId, starts_at: u.startsAt, ends_at: u.endsAt, note: u.note, created_at: u.now })
    .execute();
  return id;
}

/** One period of one juror (scoped: another juror's period finds nothing). */
export async function findUnavailability(db: DB, jurorId: string, periodId: string) {
  return db
    .selectFrom("juror_unavailability")
    .select(["id", "starts_at", "ends_at", "note"])
    .where("juror_id", "=", jurorId)
    .where("id", "=", periodId)
    .executeTakeFirst();
}

export async function deleteUnavailability(db: DB, jurorId: string, periodId: string): Promise<void> {
  await db.deleteFrom("juror_unavailability").where("juror_id", "=", jurorId).where("id", "=", periodId).execute();
}

/** Whether an agency is in the registry. */
export async function agencyExists(db: DB, agencyId: string): Promise<boolean> {
  return Boolean(await db.selectFrom("agencies").select("id").where("id", "=", agencyId).executeTakeFirst());
}
