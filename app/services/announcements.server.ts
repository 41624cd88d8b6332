/**
 * Announcements (Pengumuman) use cases: drafts generated from a decision
 * (screening results, the finalists of a decided round, the winners), their
 * text, the number pattern and default objection window, publishing now or
 * on a schedule, corrections that supersede an announcement, the release of
 * scheduled ones, and the printable PDF.
 *
 * The list of an announcement is never typed: it is generated from the
 * decision when the draft is made or refreshed and once more when it is
 * published (then frozen as a snapshot). A number is given when an
 * announcement is published or scheduled, never to a draft.
 */
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { MAX_OBJECTION_DAYS, formatAnnouncementNumber, objectionWindowEnd, objectionWindowState, patternProblem } from "~/domain/announcements";
import { can } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { formatWib, utcIsoToWibLocal, wibLocalToUtcIso } from "~/domain/time";
import { translate, type Locale, type MessageKey } from "~/i18n";
import { renderAnnouncementPdf } from "~/lib/announcement-pdf.server";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { newId, nowIso } from "~/lib/ids.server";
import { markdownToText, renderMarkdown } from "~/lib/markdown.server";
import {
  agenciesInRound,
  agenciesOfWinners,
  agenciesWithSubmitted,
  countEntries,
  countWinners,
  deleteDraft,
  finalistsSource,
  findAnnouncement,
  findAnnouncementWithCompetition,
  findCurrentOfKind,
  findOpenCorrection,
  insertAnnouncement,
  lastDecidedRound,
  listAnnouncements,
  listDueAnnouncements,
  listEntries,
  listRoundsForAnnouncements,
  markSuperseded,
  replaceEntries,
  screeningSource,
  setAnnouncementState,
  takeAnnouncementSeq,
  updateAnnouncementText,
  winnersSource,
  type AnnouncementRow,
  type EntryRow,
  type NewEntry,
  type SourceRow,
} from "~/models/announcements.server";
import { appendAudit } from "~/models/audit.server";
import { syncCatalogueForCompetition } from "~/models/catalogue.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import { notifyAgencies } from "~/models/notifications.server";
import { listAdminLokalOfAgencies } from "~/models/plenary.server";
import type { AnnouncementKind } from "../../db/schema";
import { sendMail } from "./mail.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

export const ANNOUNCEMENT_KINDS = ["screening", "finalists", "winners"] as const satisfies readonly AnnouncementKind[];

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** The competition by slug, if the actor manages its announcements: 404 unknown, 403 otherwise. */
async function managedCompetition(db: DB, actor: Actor, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "announcement.manage", competitionResource(c));
  return c;
}

async function managedAnnouncement(db: DB, actor: Actor, slug: string, id: string) {
  const c = await managedCompetition(db, actor, slug);
  const a = await findAnnouncement(db, c.id, id);
  if (!a) notFound();
  return { c, a };
}

/** Runs `fn` in a transaction, or directly when `db` already is one (callers may hold theirs). */
function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Rolls a transaction back and carries a refusal out. */
class Refused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

function refusal<T>(e: unknown, wrap: (key: MessageKey) => T): T {
  if (e instanceof Refused) return wrap(e.key);
  throw e;
}

// ---------------------------------------------------------------------------
// Forms (parsed by the routes with parseForm; messages are i18n keys)

const wholeNumber = (min: number, max: number) =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .regex(/^\d+$/, "announcements.errors.days")
    .transform(Number)
    .refine((n) => n >= min && n <= max, "announcements.errors.days");

export const SettingsSchema = z.object({
  pattern: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(80, "announcements.errors.patternTooLong"),
  objectionDays: wholeNumber(1, MAX_OBJECTION_DAYS),
  /** Where the running counter continues (an organizer's letter register); empty = unchanged. */
  nextNumber: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d{1,7}$/.test(v), "announcements.errors.nextNumber")
    .transform((v) => (v === "" ? null : Number(v))),
});

export const CreateDraftSchema = z.object({
  kind: z.enum(ANNOUNCEMENT_KINDS, { errorMap: () => ({ message: "announcements.errors.kind" }) }),
  roundId: z.string().trim().optional().transform((v) => v || null),
});

export const TextSchema = z.object({
  title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(300, "errors.tooLong"),
  bodyMd: z.string().max(20_000, "errors.tooLong").optional().transform((v) => (v ?? "").replace(/\r\n/g, "\n")),
});

export const PublishSchema = z
  .object({
    mode: z.enum(["now", "schedule"], { errorMap: () => ({ message: "announcements.errors.mode" }) }),
    publishAt: z.string().trim().optional().transform((v) => v ?? ""),
    objection: z.string().optional().transform((v) => v === "on" || v === "1" || v === "true"),
    objectionDays: z.string().trim().optional().transform((v) => v ?? ""),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "schedule") {
      if (!v.publishAt) ctx.addIssue({ code: "custom", path: ["publishAt"], message: "errors.required" });
      else if (!wibLocalToUtcIso(v.publishAt)) ctx.addIssue({ code: "custom", path: ["publishAt"], message: "announcements.errors.publishAt" });
    }
    if (v.objection) {
      const n = Number(v.objectionDays);
      if (!/^\d+$/.test(v.objectionDays) || n < 1 || n > MAX_OBJECTION_DAYS) {
        ctx.addIssue({ code: "custom", path: ["objectionDays"], message: "announcements.errors.days" });
      }
    }
  });

export type PublishInput = z.infer<typeof PublishSchema>;

export type FormOutcome<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

// ---------------------------------------------------------------------------
// Generation

function toEntries(rows: SourceRow[]): NewEntry[] {
  return rows.map((r, i) => ({
    proposal_id: r.proposal_id,
    position: i + 1,
    rank: r.rank,
    score: r.score,
    proposal_number: r.proposal_number,
    title: r.title,
    agency_id: r.agency_id,
    agency_name: r.agency_name,
    cluster: r.cluster,
    region_name: [r.regency_name, r.province_name].filter(Boolean).join(", "),
    group_key: r.group_key,
    category_name_id: r.category_name_id ?? "",
    category_name_en: r.category_name_en ?? "",
    tier_id: r.tier_id,
    label_id: r.label_id,
    label_en: r.label_en,
  }));
}

/** Why a decision cannot be announced yet, or null. */
async function sourceProblem(db: DB, c: Competition, kind: AnnouncementKind, roundId: string | null): Promise<FieldErrors | null> {
  if (kind === "screening") return c.screening_published_at ? null : { kind: "announcements.errors.screeningNotDecided" };
  if (kind === "finalists") {
    if (!roundId) return { roundId: "announcements.errors.roundRequired" };
    const round = (await listRoundsForAnnouncements(db, c.id)).find((r) => r.id === roundId);
    if (!round) return { roundId: "announcements.errors.roundRequired" };
    return round.status === "decided" ? null : { roundId: "announcements.errors.roundNotDecided" };
  }
  return (await countWinners(db, c.id)) > 0 ? null : { kind: "announcements.errors.noWinners" };
}

/** The list the decision gives now, in announcement order. */
async function generateEntries(db: DB, competitionId: string, kind: AnnouncementKind, roundId: string | null): Promise<NewEntry[]> {
  if (kind === "screening") return toEntries(await screeningSource(db, competitionId));
  if (kind === "finalists") return roundId ? toEntries(await finalistsSource(db, roundId)) : [];
  return toEntries(await winnersSource(db, competitionId));
}

/** The agencies a publication concerns (see the module comment of the contract in docs/announcements.md). */
async function agenciesConcerned(db: DB, a: Pick<AnnouncementRow, "competition_id" | "kind" | "round_id">): Promise<string[]> {
  if (a.kind === "screening") return agenciesWithSubmitted(db, a.competition_id);
  if (a.kind === "finalists") return a.round_id ? agenciesInRound(db, a.round_id) : [];
  const last = await lastDecidedRound(db, a.competition_id);
  const ids = new Set([...(last ? await agenciesInRound(db, last.id) : []), ...(await agenciesOfWinners(db, a.competition_id))]);
  return [...ids].sort();
}

function defaultText(kind: AnnouncementKind, competition: string, round: string): { title: string; body: string } {
  const params = { competition, round };
  return {
    title: translate("id", `announcements.default.${kind}.title` as MessageKey, params),
    body: translate("id", `announcements.default.${kind}.body` as MessageKey, params),
  };
}

// ---------------------------------------------------------------------------
// The organizer's list page

/**
 * The announcements page of an edition: its announcements (after releasing
 * any scheduled one that is due), the settings, the next number, and what
 * can be announced (screening decided, decided rounds, winners).
 * 404 unknown slug, 403 unless the actor manages its announcements.
 */
export async function getAnnouncementsPage(db: DB, actor: Actor, slug: string, now: Date = new Date()) {
  const c = await managedCompetition(db, actor, slug);
  await releaseDueAnnouncements(db, now);
  const [rows, rounds, winners] = await Promise.all([listAnnouncements(db, c.id), listRoundsForAnnouncements(db, c.id), countWinners(db, c.id)]);
  const counts = await countEntries(db, rows.map((r) => r.id));
  const fresh = (await findCompetitionById(db, c.id)) ?? c;
  let nextNumber = "";
  try {
    nextNumber = formatAnnouncementNumber(fresh.announcement_pattern, Number(fresh.announcement_counter) + 1, Number(fresh.year), nowIso(now));
  } catch {
    nextNumber = "";
  }
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, year: Number(c.year), screeningPublishedAt: c.screening_published_at },
    settings: { pattern: fresh.announcement_pattern, objectionDays: Number(fresh.objection_days), counter: Number(fresh.announcement_counter), nextNumber },
    sources: {
      screening: Boolean(c.screening_published_at),
      rounds: rounds.map((r) => ({ id: r.id, name: r.name, position: Number(r.position), decided: r.status === "decided" })),
      winners,
    },
    announcements: rows.map((r) => summary(r, counts.get(r.id) ?? 0, now)),
  };
}

function summary(r: AnnouncementRow, entryCount: number, now: Date) {
  return {
    id: r.id,
    kind: r.kind,
    roundName: r.round_name,
    number: r.number,
    title: r.title,
    status: r.status,
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    objectionEndsAt: r.objection_ends_at,
    objectionState: objectionWindowState({ publishedAt: r.published_at, objectionEndsAt: r.objection_ends_at }, now),
    supersedesId: r.supersedes_id,
    supersedesNumber: r.supersedes_number,
    supersededById: r.superseded_by_id,
    supersededByNumber: r.superseded_by_number,
    supersededAt: r.superseded_at,
    entryCount,
  };
}

/**
 * Numbering pattern and default objection window of the edition.
 * Side effects: competitions.announcement_pattern / objection_days and one
 * audit row "announcement.settingsUpdated" (before/after). Field error for a
 * pattern without {n}, with an unknown placeholder or too long.
 */
export async function updateAnnouncementSettings(
  db: DB,
  actor: Actor,
  slug: string,
  input: { pattern: string; objectionDays: number; nextNumber?: number | null },
): Promise<FormOutcome> {
  const problem = patternProblem(input.pattern);
  if (problem) return { ok: false, errors: { pattern: `announcements.errors.pattern.${problem}` as MessageKey } };
  if (!Number.isInteger(input.objectionDays) || input.objectionDays < 1 || input.objectionDays > MAX_OBJECTION_DAYS) {
    return { ok: false, errors: { objectionDays: "announcements.errors.days" } };
  }
  return db.transaction().execute(async (trx) => {
    const c = await managedCompetition(trx, actor, slug);
    const counter = Number(c.announcement_counter);
    // The counter only moves forward: a number once given is never given again.
    const next = input.nextNumber ?? counter + 1;
    if (next < counter + 1) return { ok: false as const, errors: { nextNumber: "announcements.errors.nextNumberBack" as MessageKey } };
    const before = { pattern: c.announcement_pattern, objection_days: Number(c.objection_days), counter };
    const after = { pattern: input.pattern.trim(), objection_days: input.objectionDays, counter: next - 1 };
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true as const };
    await trx
      .updateTable("competitions")
      .set({ announcement_pattern: after.pattern, objection_days: after.objection_days, announcement_counter: after.counter, updated_at: nowIso() })
      .where("id", "=", c.id)
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.settingsUpdated",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before,
      after,
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// Drafts

/**
 * A new draft from a decision: screening (the screening is published, so
 * its decisions are final), finalists (a decided round) or winners (the
 * winners table is not empty). Title and body start from a template; the
 * list is generated. Side effects: the announcement (status draft, no
 * number), its entries and one audit row "announcement.created".
 */
export async function createAnnouncementDraft(
  db: DB,
  actor: Actor,
  slug: string,
  input: { kind: AnnouncementKind; roundId: string | null },
  now: Date = new Date(),
): Promise<FormOutcome<{ id: string }>> {
  return db.transaction().execute(async (trx) => {
    const c = await managedCompetition(trx, actor, slug);
    const roundId = input.kind === "finalists" ? input.roundId : null;
    const problem = await sourceProblem(trx, c, input.kind, roundId);
    if (problem) return { ok: false as const, errors: problem };
    const roundName = roundId ? ((await listRoundsForAnnouncements(trx, c.id)).find((r) => r.id === roundId)?.name ?? "") : "";
    const text = defaultText(input.kind, c.name, roundName);
    const id = newId();
    const at = nowIso(now);
    await insertAnnouncement(trx, { id, competitionId: c.id, kind: input.kind, roundId, title: text.title, bodyMd: text.body, supersedesId: null, createdBy: actor.userId, at });
    const entries = await generateEntries(trx, c.id, input.kind, roundId);
    await replaceEntries(trx, id, entries);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.created",
      entityType: "announcement",
      entityId: id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      after: { kind: input.kind, round_id: roundId, title: text.title, entries: entries.length },
    });
    return { ok: true as const, id };
  });
}

/**
 * A corrected announcement: a draft of the same kind and round that will
 * supersede the given published (and not yet superseded) one, with its
 * title and body carried over and its list regenerated from the decision as
 * it is now. When a correction is already open (draft or scheduled) it is
 * returned instead of making a second. Runs in the caller's transaction when
 * given one. Side effects: the draft, its entries, one audit row
 * "announcement.correctionCreated". 404 unknown announcement, 403 unless the
 * actor manages its competition, 409 when it is not published or already
 * superseded.
 */
export async function createCorrectionDraft(db: DB, actor: Actor, announcementId: string, now: Date = new Date()): Promise<{ id: string }> {
  return inTransaction(db, async (trx) => {
    const a = await findAnnouncementWithCompetition(trx, announcementId);
    if (!a) notFound();
    assertCan(actor, "announcement.manage", { type: "competition", id: a.competition_id, organizerId: a.organizer_id });
    const open = await findOpenCorrection(trx, a.id);
    if (open) return { id: open.id };
    if (a.status !== "published" || a.superseded_by_id) throw new Response("Conflict", { status: 409 });
    const id = newId();
    const at = nowIso(now);
    const title = translate("id", "announcements.correction.title", { title: a.title });
    const bodyMd = `${translate("id", "announcements.correction.body", { number: a.number ?? "" })}\n\n${a.body_md}`.trim();
    await insertAnnouncement(trx, { id, competitionId: a.competition_id, kind: a.kind, roundId: a.round_id, title, bodyMd, supersedesId: a.id, createdBy: actor.userId, at });
    const entries = await generateEntries(trx, a.competition_id, a.kind, a.round_id);
    await replaceEntries(trx, id, entries);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.correctionCreated",
      entityType: "announcement",
      entityId: id,
      organizerId: a.organizer_id,
      competitionId: a.competition_id,
      after: { supersedes_id: a.id, supersedes_number: a.number, kind: a.kind, round_id: a.round_id, entries: entries.length },
    });
    return { id };
  });
}

/**
 * One announcement for its organizer: text (Markdown and rendered), list,
 * state, objection window, what it supersedes or is superseded by, and the
 * defaults of the publish form. Releases due scheduled announcements first.
 */
export async function getAnnouncement(db: DB, actor: Actor, slug: string, id: string, now: Date = new Date()) {
  await releaseDueAnnouncements(db, now);
  const { c, a } = await managedAnnouncement(db, actor, slug, id);
  const entries = await listEntries(db, a.id);
  const correction = a.status === "published" && !a.superseded_by_id ? await findOpenCorrection(db, a.id) : undefined;
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, objectionDays: Number(c.objection_days) },
    announcement: {
      ...summary(a, entries.length, now),
      bodyMd: a.body_md,
      bodyHtml: renderMarkdown(a.body_md),
      objectionDays: a.objection_days,
      publishAtLocal: a.publish_at ? utcIsoToWibLocal(a.publish_at) : "",
      openCorrectionId: correction?.id ?? null,
    },
    entries: entries.map(entryView),
  };
}

function entryView(e: EntryRow) {
  return {
    proposalId: e.proposal_id,
    position: Number(e.position),
    rank: e.rank === null ? null : Number(e.rank),
    score: e.score === null ? null : Number(e.score),
    number: e.proposal_number,
    title: e.title,
    agencyId: e.agency_id,
    agencyName: e.agency_name,
    cluster: e.cluster,
    regionName: e.region_name,
    groupKey: e.group_key,
    categoryNameId: e.category_name_id,
    categoryNameEn: e.category_name_en,
    tierId: e.tier_id,
    labelId: e.label_id,
    labelEn: e.label_en,
  };
}

/** The rendered Markdown of a text being edited (the preview button; nothing saved). */
export function previewMarkdown(bodyMd: string): string {
  return renderMarkdown(bodyMd);
}

/**
 * Title and body of a draft or scheduled announcement (a published one is
 * frozen). Side effects: the text and one audit row "announcement.updated"
 * (before/after) when it changed. 409-style form error once published.
 */
export async function updateAnnouncementDraft(
  db: DB,
  actor: Actor,
  slug: string,
  id: string,
  input: { title: string; bodyMd: string },
  now: Date = new Date(),
): Promise<FormOutcome> {
  return db.transaction().execute(async (trx) => {
    const { c, a } = await managedAnnouncement(trx, actor, slug, id);
    if (a.status === "published") return { ok: false as const, errors: { _form: "announcements.errors.published" as MessageKey } };
    const title = input.title.trim();
    if (title === a.title && input.bodyMd === a.body_md) return { ok: true as const };
    if (!(await updateAnnouncementText(trx, c.id, a.id, title, input.bodyMd, nowIso(now)))) {
      return { ok: false as const, errors: { _form: "announcements.errors.published" as MessageKey } };
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.updated",
      entityType: "announcement",
      entityId: a.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { title: a.title, body_md: a.body_md },
      after: { title, body_md: input.bodyMd },
    });
    return { ok: true as const };
  });
}

/**
 * Regenerates a draft's list from the decision as it is now. Side effects:
 * the entries and one audit row "announcement.refreshed" (before/after =
 * entry counts). Form error unless it is a draft.
 */
export async function refreshAnnouncementDraft(db: DB, actor: Actor, slug: string, id: string): Promise<FormOutcome<{ entries: number }>> {
  return db.transaction().execute(async (trx) => {
    const { c, a } = await managedAnnouncement(trx, actor, slug, id);
    if (a.status !== "draft") return { ok: false as const, errors: { _form: "announcements.errors.notDraft" as MessageKey } };
    const before = (await listEntries(trx, a.id)).length;
    const entries = await generateEntries(trx, c.id, a.kind, a.round_id);
    await replaceEntries(trx, a.id, entries);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.refreshed",
      entityType: "announcement",
      entityId: a.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { entries: before },
      after: { entries: entries.length },
    });
    return { ok: true as const, entries: entries.length };
  });
}

/** Deletes a draft that never had a number. Side effects: the draft, its entries, audit "announcement.deleted". */
export async function deleteAnnouncementDraft(db: DB, actor: Actor, slug: string, id: string): Promise<FormOutcome> {
  return db.transaction().execute(async (trx) => {
    const { c, a } = await managedAnnouncement(trx, actor, slug, id);
    if (a.status !== "draft" || a.seq !== null) return { ok: false as const, errors: { _form: "announcements.errors.cannotDelete" as MessageKey } };
    await trx.updateTable("objections").set({ correction_id: null }).where("correction_id", "=", a.id).execute();
    if (!(await deleteDraft(trx, c.id, a.id))) return { ok: false as const, errors: { _form: "announcements.errors.cannotDelete" as MessageKey } };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.deleted",
      entityType: "announcement",
      entityId: a.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { title: a.title, kind: a.kind, supersedes_id: a.supersedes_id },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// Publishing

interface Published {
  id: string;
  competitionId: string;
  competitionName: string;
  number: string;
  title: string;
  publishedAt: string;
  objectionEndsAt: string | null;
  agencyIds: string[];
}

/**
 * The publication side effects, inside the caller's transaction, for an
 * announcement the caller has just moved to status published (guarded, so
 * only one caller gets here): the list regenerated and frozen, the number
 * (taken now unless scheduling gave one), the objection window, the
 * superseded announcement marked, the catalogue synced, the agencies
 * concerned notified, one audit row "announcement.published". Throws
 * Refused (rolling back) when the list is empty or the announcement it
 * corrects is no longer current.
 */
async function applyPublication(
  trx: DB,
  a: AnnouncementRow,
  c: { id: string; organizer_id: string; name: string; year: number; announcement_pattern: string },
  at: string,
  objectionDays: number | null,
  actorUserId: string | null,
): Promise<Published> {
  const entries = await generateEntries(trx, c.id, a.kind, a.round_id);
  if (entries.length === 0) throw new Refused("announcements.errors.noEntries");
  if (!a.supersedes_id) {
    const current = await findCurrentOfKind(trx, c.id, a.kind, a.round_id, a.id);
    if (current) throw new Refused("announcements.errors.alreadyAnnounced");
  }
  await replaceEntries(trx, a.id, entries);
  let seq = a.seq;
  let number = a.number;
  if (seq === null || number === null) {
    seq = await takeAnnouncementSeq(trx, c.id);
    number = formatAnnouncementNumber(c.announcement_pattern, seq, Number(c.year), at);
  }
  const objectionEndsAt = objectionDays ? objectionWindowEnd(at, objectionDays) : null;
  await trx
    .updateTable("announcements")
    .set({ seq, number, published_at: at, objection_days: objectionDays, objection_ends_at: objectionEndsAt, updated_at: at })
    .where("id", "=", a.id)
    .execute();
  if (a.supersedes_id && !(await markSuperseded(trx, a.supersedes_id, a.id, at))) throw new Refused("announcements.errors.supersededGone");
  const catalogue = await syncCatalogueForCompetition(trx, c.id, at);
  const agencyIds = await agenciesConcerned(trx, a);
  const notified = await notifyAgencies(trx, {
    agencyIds,
    competitionId: c.id,
    messageKey: "announcements.notify.published",
    params: { number, title: a.title, competition: c.name },
    link: `/announcements/${a.id}`,
    at,
  });
  await appendAudit(trx, {
    actorUserId,
    action: "announcement.published",
    entityType: "announcement",
    entityId: a.id,
    organizerId: c.organizer_id,
    competitionId: c.id,
    before: { status: a.status, number: a.number },
    after: {
      status: "published",
      number,
      seq,
      kind: a.kind,
      round_id: a.round_id,
      published_at: at,
      objection_days: objectionDays,
      objection_ends_at: objectionEndsAt,
      supersedes_id: a.supersedes_id,
      entries: entries.length,
      agencies: agencyIds.length,
      notified,
      catalogue,
    },
  });
  return { id: a.id, competitionId: c.id, competitionName: c.name, number, title: a.title, publishedAt: at, objectionEndsAt, agencyIds };
}

/** One e-mail to each active Admin Lokal of the agencies concerned, in their language. Returns how many. */
async function mailPublication(db: DB, p: Published, origin: string): Promise<number> {
  const recipients = await listAdminLokalOfAgencies(db, p.agencyIds);
  for (const r of recipients) {
    const locale: Locale = r.locale === "en" ? "en" : "id";
    const params = {
      name: r.name,
      agency: r.agency_name,
      competition: p.competitionName,
      number: p.number,
      title: p.title,
      link: `${origin}/announcements/${p.id}`,
      window: p.objectionEndsAt
        ? translate(locale, "announcements.mail.window", { date: formatWib(p.objectionEndsAt, locale), link: `${origin}/agency/${r.agency_id}/objections` })
        : "",
    };
    await sendMail(db, {
      to: r.email,
      subject: translate(locale, "announcements.mail.subject", params),
      text: translate(locale, "announcements.mail.body", params).replace(/\n{3,}/g, "\n\n"),
    });
  }
  return recipients.length;
}

export type PublishOutcome = { ok: true; status: "published" | "scheduled"; number: string; mailed: number } | { ok: false; errors: FieldErrors };

/**
 * Publish a draft now, or schedule it (a WIB date and time in the future).
 * Both give the number (the edition's counter + 1, formatted with the
 * pattern; a number once given stays with the announcement) and record the
 * objection window length when asked for (1–60 days).
 * Now: the publication side effects (applyPublication) in one transaction,
 * then one e-mail per Admin Lokal of the agencies concerned.
 * Schedule: status scheduled, publish_at, the list regenerated, one audit
 * row "announcement.scheduled"; releaseDueAnnouncements publishes it later.
 * Form errors: not a draft, empty list, a current announcement of the same
 * decision that this one does not correct, a past schedule time.
 */
export async function publishAnnouncement(
  db: DB,
  actor: Actor,
  slug: string,
  id: string,
  input: PublishInput,
  ctx: { origin: string; now?: Date },
): Promise<PublishOutcome> {
  const now = ctx.now ?? new Date();
  const at = nowIso(now);
  const days = input.objection ? Number(input.objectionDays) : null;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_OBJECTION_DAYS)) return { ok: false, errors: { objectionDays: "announcements.errors.days" } };
  if (input.mode === "schedule") {
    const when = wibLocalToUtcIso(input.publishAt);
    if (!when) return { ok: false, errors: { publishAt: "announcements.errors.publishAt" } };
    if (when <= at) return { ok: false, errors: { publishAt: "announcements.errors.publishAtPast" } };
    return scheduleAnnouncement(db, actor, slug, id, when, days, at);
  }
  const outcome = await db
    .transaction()
    .execute(async (trx) => {
      const { c, a } = await managedAnnouncement(trx, actor, slug, id);
      if (a.status !== "draft") return { ok: false as const, errors: { _form: "announcements.errors.notDraft" as MessageKey } };
      if (!(await setAnnouncementState(trx, a.id, ["draft"], { status: "published", published_by: actor.userId, publish_at: null, updated_at: at }))) {
        return { ok: false as const, errors: { _form: "announcements.errors.notDraft" as MessageKey } };
      }
      return { ok: true as const, published: await applyPublication(trx, a, c, at, days, actor.userId) };
    })
    .catch((e: unknown) => refusal(e, (key) => ({ ok: false as const, errors: { _form: key } as FieldErrors })));
  if (!outcome.ok) return outcome;
  invalidatePublicCache();
  const mailed = await mailPublication(db, outcome.published, ctx.origin);
  return { ok: true, status: "published", number: outcome.published.number, mailed };
}

async function scheduleAnnouncement(db: DB, actor: Actor, slug: string, id: string, when: string, days: number | null, at: string): Promise<PublishOutcome> {
  return db
    .transaction()
    .execute(async (trx) => {
      const { c, a } = await managedAnnouncement(trx, actor, slug, id);
      if (a.status !== "draft") return { ok: false as const, errors: { _form: "announcements.errors.notDraft" as MessageKey } };
      const entries = await generateEntries(trx, c.id, a.kind, a.round_id);
      if (entries.length === 0) throw new Refused("announcements.errors.noEntries");
      if (!a.supersedes_id && (await findCurrentOfKind(trx, c.id, a.kind, a.round_id, a.id))) throw new Refused("announcements.errors.alreadyAnnounced");
      if (a.supersedes_id) {
        const old = await findAnnouncement(trx, c.id, a.supersedes_id);
        if (!old || old.status !== "published" || old.superseded_by_id) throw new Refused("announcements.errors.supersededGone");
      }
      let seq = a.seq;
      let number = a.number;
      if (seq === null || number === null) {
        seq = await takeAnnouncementSeq(trx, c.id);
        number = formatAnnouncementNumber(c.announcement_pattern, seq, Number(c.year), when);
      }
      const moved = await setAnnouncementState(trx, a.id, ["draft"], {
        status: "scheduled",
        seq,
        number,
        publish_at: when,
        published_by: actor.userId,
        objection_days: days,
        updated_at: at,
      });
      if (!moved) throw new Refused("announcements.errors.notDraft");
      await replaceEntries(trx, a.id, entries);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "announcement.scheduled",
        entityType: "announcement",
        entityId: a.id,
        organizerId: c.organizer_id,
        competitionId: c.id,
        before: { status: "draft", number: a.number },
        after: { status: "scheduled", number, seq, publish_at: when, objection_days: days, entries: entries.length },
      });
      return { ok: true as const, status: "scheduled" as const, number, mailed: 0 };
    })
    .catch((e: unknown) => refusal(e, (key) => ({ ok: false as const, errors: { _form: key } as FieldErrors })));
}

/**
 * Takes a scheduled announcement back to draft (its number stays with it).
 * Side effects: status, publish_at cleared, audit "announcement.unscheduled".
 */
export async function unscheduleAnnouncement(db: DB, actor: Actor, slug: string, id: string, now: Date = new Date()): Promise<FormOutcome> {
  return db.transaction().execute(async (trx) => {
    const { c, a } = await managedAnnouncement(trx, actor, slug, id);
    if (a.status !== "scheduled") return { ok: false as const, errors: { _form: "announcements.errors.notScheduled" as MessageKey } };
    if (!(await setAnnouncementState(trx, a.id, ["scheduled"], { status: "draft", publish_at: null, objection_days: null, updated_at: nowIso(now) }))) {
      return { ok: false as const, errors: { _form: "announcements.errors.notScheduled" as MessageKey } };
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "announcement.unscheduled",
      entityType: "announcement",
      entityId: a.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { status: "scheduled", publish_at: a.publish_at, number: a.number },
      after: { status: "draft", number: a.number },
    });
    return { ok: true as const };
  });
}

function defaultOrigin(): string {
  return process.env.APP_ORIGIN?.replace(/\/+$/, "") ?? "";
}

/**
 * Publishes every scheduled announcement whose time has passed, each in its
 * own transaction with the publication side effects (published_at = its
 * scheduled time; audit actor null = the system), then mails the agencies.
 * One that can no longer be published (its list became empty, the one it
 * corrects was superseded meanwhile) goes back to draft with an audit row
 * "announcement.releaseRefused". Safe to call concurrently: the state change
 * is guarded, so each is published once. Returns how many were published.
 */
export async function releaseDueAnnouncements(db: DB, now: Date = new Date(), origin: string = defaultOrigin()): Promise<number> {
  const due = await listDueAnnouncements(db, nowIso(now));
  let released = 0;
  for (const d of due) {
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        const a = await findAnnouncement(trx, d.competition_id, d.id);
        const c = await findCompetitionById(trx, d.competition_id);
        if (!a || !c || a.status !== "scheduled" || !a.publish_at) return null;
        if (!(await setAnnouncementState(trx, a.id, ["scheduled"], { status: "published", updated_at: nowIso(now) }))) return null;
        return { ok: true as const, published: await applyPublication(trx, a, c, a.publish_at, a.objection_days, null) };
      })
      .catch((e: unknown) => refusal(e, (key) => ({ ok: false as const, key })));
    if (!outcome) continue;
    if (!outcome.ok) {
      await refuseRelease(db, d.id, d.competition_id, outcome.key, now);
      continue;
    }
    released++;
    invalidatePublicCache();
    await mailPublication(db, outcome.published, origin);
  }
  return released;
}

async function refuseRelease(db: DB, id: string, competitionId: string, key: MessageKey, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await findAnnouncement(trx, competitionId, id);
    const c = await findCompetitionById(trx, competitionId);
    if (!a || !c) return;
    if (!(await setAnnouncementState(trx, id, ["scheduled"], { status: "draft", publish_at: null, updated_at: nowIso(now) }))) return;
    await appendAudit(trx, {
      actorUserId: null,
      action: "announcement.releaseRefused",
      entityType: "announcement",
      entityId: id,
      organizerId: c.organizer_id,
      competitionId,
      before: { status: "scheduled", publish_at: a.publish_at, number: a.number },
      after: { status: "draft", reason: key },
    });
  });
}

let lastRelease = 0;

/**
 * releaseDueAnnouncements at most once per 5 s per process: for public
 * loaders, which run on every request. Returns how many were published (0
 * when skipped).
 */
export async function releaseDueAnnouncementsThrottled(db: DB, now: Date = new Date(), origin?: string): Promise<number> {
  const t = Date.now();
  if (t - lastRelease < 5_000) return 0;
  lastRelease = t;
  return releaseDueAnnouncements(db, now, origin);
}

// ---------------------------------------------------------------------------
// The PDF

/**
 * The printable PDF of an announcement: a published one for anyone; a
 * draft or scheduled one only for the organizer who manages the edition
 * (404 for everyone else, so its existence does not leak).
 */
export async function getAnnouncementPdf(db: DB, actor: Actor | null, id: string, locale: Locale, now: Date = new Date()) {
  await releaseDueAnnouncementsThrottled(db, now);
  const a = await findAnnouncementWithCompetition(db, id);
  if (!a) notFound();
  const isPublished = a.status === "published";
  if (!isPublished && !can(actor, "announcement.manage", { type: "competition", id: a.competition_id, organizerId: a.organizer_id })) notFound();
  const entries = await listEntries(db, a.id);
  const bytes = await renderAnnouncementPdf(
    {
      organizerName: a.organizer_name,
      competitionName: a.competition_name,
      kind: a.kind,
      number: a.number,
      title: a.title,
      bodyText: markdownToText(a.body_md),
      status: a.status,
      publishedAt: a.published_at,
      publishAt: a.publish_at,
      objectionEndsAt: a.objection_ends_at,
      supersedesNumber: a.supersedes_number,
      supersededByNumber: a.superseded_by_status === "published" ? a.superseded_by_number : null,
      entries: entries.map(entryView),
    },
    locale,
  );
  const base = (a.number ?? `draf-${a.id}`).replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return { bytes, filename: `pengumuman-${base || a.id}.pdf`, published: isPublished };
}
