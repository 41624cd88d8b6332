import type { DB } from "~/db.server";
import { STAGES, type Stage } from "~/domain/roles";
import { newId, nowIso } from "~/lib/ids.server";

export interface StageTime {
  stage: Stage;
  startsAt: string | null;
  endsAt: string | null;
}

export interface CompetitionInput {
  organizerId: string;
  name: string;
  year: number;
  slug: string;
  theme: string;
  description: string;
  timeline: StageTime[];
}

export async function insertCompetition(db: DB, c: CompetitionInput, id = newId()): Promise<string> {
  const now = nowIso();
  await db
    .insertInto("competitions")
    .values({
      id,
      organizer_id: c.organizerId,
      name: c.name,
      year: c.year,
      slug: c.slug,
      theme: c.theme,
      description: c.description,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceTimeline(db, id, c.timeline);
  return id;
}

export async function updateCompetition(db: DB, id: string, c: Omit<CompetitionInput, "organizerId">): Promise<void> {
  await db
    .updateTable("competitions")
    .set({ name: c.name, year: c.year, slug: c.slug, theme: c.theme, description: c.description, updated_at: nowIso() })
    .where("id", "=", id)
    .execute();
  await replaceTimeline(db, id, c.timeline);
}

async function replaceTimeline(db: DB, competitionId: string, timeline: StageTime[]): Promise<void> {
  await db.deleteFrom("competition_stages").where("competition_id", "=", competitionId).execute();
  const rows = timeline
    .filter((s) => s.startsAt || s.endsAt)
    .map((s) => ({ competition_id: competitionId, stage: s.stage, starts_at: s.startsAt, ends_at: s.endsAt }));
  if (rows.length) await db.insertInto("competition_stages").values(rows).execute();
}

export async function findCompetitionBySlug(db: DB, slug: string) {
  return db
    .selectFrom("competitions")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .selectAll("competitions")
    .select(["organizers.name as organizer_name", "organizers.kind as organizer_kind"])
    .where("competitions.slug", "=", slug)
    .executeTakeFirst();
}

export async function findCompetitionById(db: DB, id: string) {
  return db
    .selectFrom("competitions")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .selectAll("competitions")
    .select(["organizers.name as organizer_name", "organizers.kind as organizer_kind"])
    .where("competitions.id", "=", id)
    .executeTakeFirst();
}

export async function slugTaken(db: DB, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom("competitions").select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return Boolean(await q.executeTakeFirst());
}

/** The full timeline of a competition in stage order (stages without dates included). */
export async function getTimeline(db: DB, competitionId: string): Promise<StageTime[]> {
  const rows = await db
    .selectFrom("competition_stages")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .execute();
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return STAGES.map((stage) => ({
    stage,
    startsAt: byStage.get(stage)?.starts_at ?? null,
    endsAt: byStage.get(stage)?.ends_at ?? null,
  }));
}

/** Competitions of some organizers, newest first, with their registration close. */
export async function listCompetitionsOfOrganizers(db: DB, organizerIds: string[]) {
  if (organizerIds.length === 0) return [];
  return db
    .selectFrom("competitions")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .leftJoin("competition_stages as reg", (j) =>
      j.onRef("reg.competition_id", "=", "competitions.id").on("reg.stage", "=", "pendaftaran")
    )
    .select([
      "competitions.id",
      "competitions.name",
      "competitions.slug",
      "competitions.year",
      "competitions.organizer_id",
      "organizers.name as organizer_name",
      "reg.starts_at as registration_starts_at",
      "reg.ends_at as registration_ends_at",
    ])
    .where("competitions.organizer_id", "in", organizerIds)
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.name")
    .execute();
}

export async function listCompetitionsByIds(db: DB, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("competitions")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .select([
      "competitions.id",
      "competitions.name",
      "competitions.slug",
      "competitions.year",
      "organizers.name as organizer_name",
    ])
    .where("competitions.id", "in", ids)
    .orderBy("competitions.year", "desc")
    .execute();
}

/** Every competition for the home page, with its registration close. */
export async function listPublicCompetitions(db: DB) {
  const rows = await db
    .selectFrom("competitions")
    .innerJoin("organizers", "organizers.id", "competitions.organizer_id")
    .leftJoin("competition_stages as reg", (j) =>
      j.onRef("reg.competition_id", "=", "competitions.id").on("reg.stage", "=", "pendaftaran")
    )
    .select([
      "competitions.id",
      "competitions.name",
      "competitions.slug",
      "competitions.year",
      "competitions.theme",
      "organizers.name as organizer_name",
      "reg.ends_at as registration_ends_at",
    ])
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.name")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    year: r.year,
    theme: r.theme,
    organizerName: r.organizer_name,
    registrationEndsAt: r.registration_ends_at,
  }));
}
