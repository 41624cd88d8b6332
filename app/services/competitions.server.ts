/**
 * Competition (edition) use cases: set one up, change it, show it to its
 * organizer's admins and jurors, and read its audit log.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { can, isJurorOf } from "~/domain/permissions";
import { STAGES, type Actor, type Stage } from "~/domain/roles";
import { currentStage } from "~/domain/time";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { appendAudit, listAudit } from "~/models/audit.server";
import {
  findCompetitionById,
  findCompetitionBySlug,
  getTimeline,
  insertCompetition,
  slugTaken,
  updateCompetition as updateCompetitionRow,
  type StageTime,
} from "~/models/competitions.server";
import { findOrganizer } from "~/models/organizers.server";
import type { CompetitionFields } from "~/schemas/competition";

export type SaveCompetitionResult = { ok: true; id: string; slug: string } | { ok: false; errors: FieldErrors };

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** The stages that have a date, in stage order: what is stored and what the audit log shows. */
function scheduled(timeline: StageTime[]): StageTime[] {
  const byStage = new Map<Stage, StageTime>(timeline.map((s) => [s.stage, s]));
  return STAGES.flatMap((stage) => {
    const s = byStage.get(stage);
    return s && (s.startsAt || s.endsAt) ? [{ stage, startsAt: s.startsAt ?? null, endsAt: s.endsAt ?? null }] : [];
  });
}

/** The audited shape of a competition. */
function snapshot(c: Omit<CompetitionFields, "timeline">, timeline: StageTime[]) {
  return {
    name: c.name,
    year: c.year,
    slug: c.slug,
    theme: c.theme,
    description: c.description,
    timeline: scheduled(timeline),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

/** Only the fields that differ, on both sides. */
function diff(before: Snapshot, after: Snapshot) {
  const b: Partial<Snapshot> = {};
  const a: Partial<Snapshot> = {};
  for (const key of Object.keys(after) as (keyof Snapshot)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      (b as Record<string, unknown>)[key] = before[key];
      (a as Record<string, unknown>)[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** A concurrent insert of the same slug (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** What the "new competition" form needs; 403 unless the actor administers the organizer. */
export async function getNewCompetitionForm(db: DB, actor: Actor, organizerId: string) {
  assertCan(actor, "competition.create", { type: "organizer", id: organizerId });
  const organizer = await findOrganizer(db, organizerId);
  if (!organizer) notFound();
  return { organizer: { id: organizer.id, name: organizer.name } };
}

/**
 * An organizer admin sets up a new edition of the organizer's competition.
 * Side effects: one competitions row, its competition_stages rows, and one
 * audit row ("competition.created", after = every field and the timeline), in
 * one transaction.
 * Returns a field error (not a throw) when the slug is taken. Throws 403 unless
 * the actor administers the organizer, 404 for an unknown organizer.
 */
export async function createCompetition(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: CompetitionFields,
): Promise<SaveCompetitionResult> {
  assertCan(actor, "competition.create", { type: "organizer", id: organizerId });
  try {
    return await db.transaction().execute(async (trx): Promise<SaveCompetitionResult> => {
      if (!(await findOrganizer(trx, organizerId))) notFound();
      if (await slugTaken(trx, input.slug)) return { ok: false, errors: { slug: "errors.slugTaken" } };
      const timeline = scheduled(input.timeline);
      const id = await insertCompetition(trx, { ...input, organizerId, timeline });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "competition.created",
        entityType: "competition",
        entityId: id,
        organizerId,
        competitionId: id,
        after: snapshot(input, timeline),
      });
      return { ok: true, id, slug: input.slug };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { slug: "errors.slugTaken" } };
    throw e;
  }
}

/**
 * An organizer admin changes an edition: fields and timeline.
 * Side effects: the competitions row and its competition_stages rows, and one
 * audit row ("competition.updated", before/after holding only the changed
 * fields, the timeline among them when it changed), in one transaction.
 * Saving without a change writes nothing.
 * Returns a field error when the new slug is taken. Throws 404 for an unknown
 * competition, 403 unless the actor administers its organizer.
 */
export async function updateCompetition(
  db: DB,
  actor: Actor,
  competitionId: string,
  input: CompetitionFields,
): Promise<SaveCompetitionResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<SaveCompetitionResult> => {
      const current = await findCompetitionById(trx, competitionId);
      if (!current) notFound();
      assertCan(actor, "competition.edit", competitionResource(current));
      if (await slugTaken(trx, input.slug, current.id)) return { ok: false, errors: { slug: "errors.slugTaken" } };

      const before = snapshot(current, await getTimeline(trx, current.id));
      const timeline = scheduled(input.timeline);
      const after = snapshot(input, timeline);
      const change = diff(before, after);
      if (!change.changed) return { ok: true, id: current.id, slug: current.slug };

      await updateCompetitionRow(trx, current.id, { ...input, timeline });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "competition.updated",
        entityType: "competition",
        entityId: current.id,
        organizerId: current.organizer_id,
        competitionId: current.id,
        before: change.before,
        after: change.after,
      });
      return { ok: true, id: current.id, slug: input.slug };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { slug: "errors.slugTaken" } };
    throw e;
  }
}

function publicFields(c: Competition) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    year: c.year,
    theme: c.theme,
    description: c.description,
    organizerId: c.organizer_id,
    organizerName: c.organizer_name,
  };
}

async function findOr404(db: DB, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  return c;
}

/**
 * The competition page: its fields, the full timeline (stages without dates
 * included) and the stage current at `now`, for its organizer's admins and
 * its jurors. 404 for an unknown slug, 403 for anyone else.
 */
export async function getCompetitionForViewer(db: DB, actor: Actor, slug: string, now: Date = new Date()) {
  const c = await findOr404(db, slug);
  assertCan(actor, "competition.view", competitionResource(c));
  const timeline = await getTimeline(db, c.id);
  return {
    competition: publicFields(c),
    timeline,
    currentStage: currentStage(timeline, now),
    canEdit: can(actor, "competition.edit", competitionResource(c)),
    canReadAudit: can(actor, "competition.readAudit", competitionResource(c)),
    canManageSettings: can(actor, "settings.edit", competitionResource(c)),
    canScreen: can(actor, "screening.manage", competitionResource(c)),
    canImport: can(actor, "proposal.import", competitionResource(c)),
    canExport: can(actor, "proposal.export", competitionResource(c)),
    canManageJury: can(actor, "jury.manage", competitionResource(c)),
    canAnnounce: can(actor, "announcement.manage", competitionResource(c)),
    canManageAwards: can(actor, "award.manage", competitionResource(c)),
    // Only a provincial contest's winners go on to a national edition.
    canForward: c.organizer_kind === "provincial" && can(actor, "proposal.forward", competitionResource(c)),
    isJuror: isJurorOf(actor, c.id),
  };
}

/** The edit form's data: the competition and its full timeline. 404 / 403 like the page. */
export async function getCompetitionForEdit(db: DB, actor: Actor, slug: string) {
  const c = await findOr404(db, slug);
  assertCan(actor, "competition.edit", competitionResource(c));
  return { competition: publicFields(c), timeline: await getTimeline(db, c.id) };
}

export const AUDIT_PAGE_SIZE = 100;

export interface AuditCursor {
  before: string;
  beforeId?: string;
}

function prettyJson(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * One page of a competition's audit log, newest first, for its organizer's
 * admins. `next` is the cursor of the following (older) page, null on the last.
 * 404 for an unknown slug, 403 for anyone else.
 */
export async function getCompetitionAudit(db: DB, actor: Actor, slug: string, cursor?: AuditCursor | null) {
  const c = await findOr404(db, slug);
  assertCan(actor, "competition.readAudit", competitionResource(c));
  const rows = await listAudit(db, {
    competitionId: c.id,
    before: cursor?.before,
    beforeId: cursor?.beforeId,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    competition: publicFields(c),
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      actor: r.actor_user_id ? { name: r.actor_name ?? "", email: r.actor_email ?? "" } : null,
      before: prettyJson(r.before_json),
      after: prettyJson(r.after_json),
    })),
    next: rows.length > AUDIT_PAGE_SIZE && last ? { before: last.at, beforeId: last.id } : null,
  };
}
