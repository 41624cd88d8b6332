/**
 * Sustainability monitoring (pemantauan keberlanjutan): an organizer opens a
 * monitoring period over chosen past editions of its own; each agency's Admin
 * Lokal reports, for each of its catalogue innovations of those editions,
 * whether it continues (berlanjut), has grown (berkembang) or stopped
 * (berhenti), with users served, a note and evidence files; the organizer
 * reminds agencies that have not reported (at most once per agency per WIB
 * day) and reads the dashboards. See docs/monitoring.md.
 *
 * The period is judged on the server clock when the request arrives
 * (periodState): a report that started before the end of the last minute is
 * accepted even if its files take a while to arrive.
 */
import { rm } from "node:fs/promises";
import { receiveEvidenceForm, type ReceivedFile } from "~/lib/evidence-form.server";
import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { downloadName, kindOfMime, MB, MIME_TYPES } from "~/domain/filetype";
import {
  agenciesDue,
  agenciesToRemind,
  parseUsersServed,
  periodState,
  progressByAgency,
  statusDashboard,
  SUSTAINABILITY_STATUSES,
  type SustainabilityStatus,
} from "~/domain/monitoring";
import { can, isAgencyMember } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { utcIsoToWibLocal, wibLocalToUtcIso } from "~/domain/time";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { getStorage, newStorageKey, storageFor, StoredFileMissing } from "~/lib/storage.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import {
  adminLokalOfAgencies,
  countReportFiles,
  findInnovationInScope,
  findPeriod,
  findPeriodOfOrganizer,
  findReport,
  findReportById,
  findReportFile,
  insertPeriod,
  insertReport,
  insertReportFiles,
  listInnovationsInScope,
  listMonitorableEditions,
  listPeriodEditions,
  listPeriodsForAgency,
  listPeriodsOfOrganizer,
  listReminders,
  listReportFiles,
  listReports,
  mostReplicatedInnovations,
  recordReminder,
  topReplicatingAgencies,
  updateReport,
  type NewReportFile,
  type PeriodRow,
  type ReportFileRow,
} from "~/models/monitoring.server";
import { notifyAgencies } from "~/models/notifications.server";
import { findOrganizer } from "~/models/organizers.server";
import { sendMail } from "./mail.server";

// ---------------------------------------------------------------------------
// Rules

export const NAME_MAX = 200;
export const NOTE_MAX = 5000;
export const MAX_FILES = 5;
export const FILE_MAX_MB = 10;
export const TOP_LIMIT = 10;

export const PeriodSchema = z
  .object({
    name: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(NAME_MAX, "errors.tooLong"),
    startsAt: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
    endsAt: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
    editions: z.preprocess(
      (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().min(1).max(64)).min(1, "monitoring.errors.editionsRequired").max(100, "errors.invalid"),
    ),
  })
  .superRefine((v, ctx) => {
    const s = wibLocalToUtcIso(v.startsAt);
    const e = wibLocalToUtcIso(v.endsAt);
    if (!s) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "errors.dateTime" });
    if (!e) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "errors.dateTime" });
    if (s && e && e <= s) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "errors.endBeforeStart" });
  });
export type PeriodInput = z.input<typeof PeriodSchema>;

export const ReportSchema = z.object({
  innovationId: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(64, "errors.invalid"),
  status: z.enum(SUSTAINABILITY_STATUSES, { errorMap: () => ({ message: "monitoring.errors.statusRequired" }) }),
  usersServed: z.string().max(40, "monitoring.errors.usersServed").optional(),
  note: z.string().trim().max(NOTE_MAX, "errors.tooLong").optional(),
});

function issuesToErrors(issues: z.ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) errors[String(i.path[0] ?? "_form")] ??= i.message as MessageKey;
  return errors;
}

function periodView(p: PeriodRow, now: Date) {
  return { id: p.id, name: p.name, startsAt: p.starts_at, endsAt: p.ends_at, state: periodState({ startsAt: p.starts_at, endsAt: p.ends_at }, now) };
}

async function organizerOrNotFound(db: DB, organizerId: string) {
  const o = await findOrganizer(db, organizerId);
  if (!o) notFound();
  return o;
}

// ---------------------------------------------------------------------------
// Organizer: periods

/**
 * The organizer's monitoring page: its periods (state on the WIB clock,
 * editions, how many innovations are reported) and the editions it may
 * monitor (its own with published catalogue innovations). 403 unless
 * organizer admin; 404 unknown organizer.
 */
export async function getOrganizerMonitoring(db: DB, actor: Actor, organizerId: string, now: Date = new Date()) {
  assertCan(actor, "monitoring.manage", { type: "organizer", id: organizerId });
  const organizer = await organizerOrNotFound(db, organizerId);
  const periods = await listPeriodsOfOrganizer(db, organizerId);
  const ids = periods.map((p) => p.id);
  const [editions, eligible, reports] = await Promise.all([listPeriodEditions(db, ids), listMonitorableEditions(db, organizerId), listReports(db, ids)]);
  const reportedBy = new Map<string, number>();
  for (const r of reports) reportedBy.set(r.period_id, (reportedBy.get(r.period_id) ?? 0) + 1);
  return {
    organizer: { id: organizer.id, name: organizer.name },
    periods: periods.map((p) => ({
      ...periodView(p, now),
      editions: editions.filter((e) => e.period_id === p.id).map((e) => ({ id: e.id, name: e.name, year: Number(e.year) })),
      reports: reportedBy.get(p.id) ?? 0,
    })),
    editions: eligible,
  };
}

export type CreatePeriodResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/**
 * Opens a monitoring period (name, WIB window, at least one edition). The
 * editions must be the organizer's own with published catalogue innovations
 * (anything else: error at "editions"). Side effects: one monitoring_periods
 * row, its monitoring_period_editions rows and one audit row
 * "monitoring.periodCreated", in one transaction. 403 unless organizer admin.
 */
export async function createPeriod(
  db: DB,
  actor: Actor,
  organizerId: string,
  input: PeriodInput,
  ctx: { now?: Date; ip?: string } = {},
): Promise<CreatePeriodResult> {
  assertCan(actor, "monitoring.manage", { type: "organizer", id: organizerId });
  await organizerOrNotFound(db, organizerId);
  const parsed = PeriodSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const d = parsed.data;
  const chosen = [...new Set(d.editions)];
  const eligible = new Map((await listMonitorableEditions(db, organizerId)).map((e) => [e.id, e]));
  if (chosen.some((c) => !eligible.has(c))) return { ok: false, errors: { editions: "monitoring.errors.editionInvalid" } };
  const startsAt = wibLocalToUtcIso(d.startsAt) as string;
  const endsAt = wibLocalToUtcIso(d.endsAt) as string;
  const id = newId();
  const at = nowIso(ctx.now ?? new Date());
  await db.transaction().execute(async (trx) => {
    await insertPeriod(trx, { id, organizerId, name: d.name, startsAt, endsAt, createdBy: actor.userId, at, competitionIds: chosen });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "monitoring.periodCreated",
      entityType: "monitoring_period",
      entityId: id,
      organizerId,
      after: { name: d.name, starts_at: startsAt, ends_at: endsAt, editions: chosen.map((c) => eligible.get(c)?.name ?? c) },
      ip: ctx.ip ?? null,
    });
  });
  return { ok: true, id };
}

/** Values for the period form when nothing was typed yet (WIB). */
export function periodFormDefaults(now: Date) {
  const start = utcIsoToWibLocal(now.toISOString()).slice(0, 10);
  return { startsAt: `${start}T08:00`, endsAt: "" };
}

// ---------------------------------------------------------------------------
// Organizer: one period

async function managedPeriod(db: DB, actor: Actor, organizerId: string, periodId: string) {
  assertCan(actor, "monitoring.manage", { type: "organizer", id: organizerId });
  const p = await findPeriodOfOrganizer(db, organizerId, periodId);
  if (!p) notFound();
  return p;
}

/**
 * One period for its organizer: progress per agency (innovations in scope,
 * reported, last reminder), the status dashboards (overall, by edition,
 * province and cluster), the innovations that stopped (with note), the most
 * replicated innovations of the scope and the agencies that replicate them
 * most (publicly visible replications only). 403 unless organizer admin of
 * the period's organizer; 404 for a period of another organizer.
 */
export async function getPeriodDashboard(db: DB, actor: Actor, organizerId: string, periodId: string, now: Date = new Date()) {
  const p = await managedPeriod(db, actor, organizerId, periodId);
  const [organizer, editions, innovations, reports, reminders, topInnovations, topAgencies] = await Promise.all([
    organizerOrNotFound(db, organizerId),
    listPeriodEditions(db, [p.id]),
    listInnovationsInScope(db, p.id),
    listReports(db, [p.id]),
    listReminders(db, p.id),
    mostReplicatedInnovations(db, p.id, TOP_LIMIT),
    topReplicatingAgencies(db, p.id, TOP_LIMIT),
  ]);
  const inScope = new Map(innovations.map((i) => [i.id, i]));
  const reportOf = new Map(reports.filter((r) => inScope.has(r.innovation_id)).map((r) => [r.innovation_id, r]));
  const progress = progressByAgency(
    innovations.map((i) => ({ id: i.id, agencyId: i.agency_id })),
    reportOf.keys(),
  );
  const agencyName = new Map(innovations.map((i) => [i.agency_id, i.agency_name]));
  const dashboard = statusDashboard(
    innovations.map((i) => ({
      id: i.id,
      editionKey: i.competition_id,
      editionLabel: i.competition_name,
      provinceCode: i.province_code,
      provinceLabel: i.province_name ?? "—",
      cluster: i.cluster,
      status: reportOf.get(i.id)?.status ?? null,
    })),
  );
  const state = periodView(p, now);
  return {
    organizer: { id: organizer.id, name: organizer.name },
    period: { ...state, editions: editions.map((e) => ({ id: e.id, name: e.name, slug: e.slug, year: Number(e.year) })) },
    agencies: progress
      .map((g) => ({ id: g.agencyId, name: agencyName.get(g.agencyId) ?? "", total: g.total, reported: g.reported, lastReminderAt: reminders.get(g.agencyId) ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name, "id") || a.id.localeCompare(b.id)),
    due: agenciesDue(progress).length,
    canRemind: state.state === "open",
    dashboard,
    stopped: innovations
      .filter((i) => reportOf.get(i.id)?.status === "berhenti")
      .map((i) => {
        const r = reportOf.get(i.id)!;
        return { id: i.id, title: i.title, agencyName: i.agency_name, edition: i.competition_name, note: r.note, reportedAt: r.updated_at };
      }),
    mostReplicated: topInnovations,
    topReplicators: topAgencies,
  };
}

export interface RemindResult {
  ok: boolean;
  /** Agencies reminded now. */
  reminded: number;
  /** Agencies due but already reminded today (WIB). */
  skipped: number;
  mailed: number;
  error?: MessageKey;
}

/**
 * Reminds every agency of the period that still owes a report and was not
 * reminded today (WIB day): an in-app notification to its people and one
 * e-mail to each active Admin Lokal, and the reminder recorded. Refused when
 * the period is not open. Side effects in one transaction: monitoring_reminders
 * rows, notifications and one audit row "monitoring.reminded" (with the agency
 * ids); the e-mails after it. 403 / 404 as getPeriodDashboard.
 */
export async function sendReminders(
  db: DB,
  actor: Actor,
  organizerId: string,
  periodId: string,
  ctx: { origin: string; now?: Date; ip?: string },
): Promise<RemindResult> {
  const now = ctx.now ?? new Date();
  const p = await managedPeriod(db, actor, organizerId, periodId);
  if (periodState({ startsAt: p.starts_at, endsAt: p.ends_at }, now) !== "open") {
    return { ok: false, reminded: 0, skipped: 0, mailed: 0, error: "monitoring.errors.notOpen" };
  }
  const at = nowIso(now);
  const { remind, skipped } = await db.transaction().execute(async (trx) => {
    const [innovations, reports, reminders] = await Promise.all([listInnovationsInScope(trx, p.id), listReports(trx, [p.id]), listReminders(trx, p.id)]);
    const progress = progressByAgency(
      innovations.map((i) => ({ id: i.id, agencyId: i.agency_id })),
      reports.map((r) => r.innovation_id),
    );
    const split = agenciesToRemind(agenciesDue(progress), reminders, now);
    if (split.remind.length === 0) return split;
    for (const a of split.remind) {
      await recordReminder(trx, p.id, a, at);
      await notifyAgencies(trx, { agencyIds: [a], competitionId: null, messageKey: "monitoring.notify.reminder", params: { period: p.name }, link: `/agency/${a}/monitoring`, at });
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "monitoring.reminded",
      entityType: "monitoring_period",
      entityId: p.id,
      organizerId,
      after: { agencies: split.remind, skipped: split.skipped },
      ip: ctx.ip ?? null,
    });
    return split;
  });
  let mailed = 0;
  if (remind.length > 0) {
    for (const r of await adminLokalOfAgencies(db, remind)) {
      const locale: Locale = r.locale === "en" ? "en" : "id";
      const params = { name: r.name, agency: r.agencyName, period: p.name, link: `${ctx.origin}/agency/${r.agencyId}/monitoring` };
      await sendMail(db, { to: r.email, subject: translate(locale, "monitoring.mail.subject", params), text: translate(locale, "monitoring.mail.body", params) });
      mailed += 1;
    }
  }
  return { ok: true, reminded: remind.length, skipped: skipped.length, mailed };
}

// ---------------------------------------------------------------------------
// Agency: reporting

function fileView(f: ReportFileRow) {
  return { id: f.id, name: f.original_name, mimeType: f.mime_type, sizeBytes: f.size_bytes };
}

/**
 * The agency's monitoring page: each period that covers at least one of its
 * visible catalogue innovations (state on the WIB clock), the innovations in
 * scope with the agency's report and evidence files. For the agency's Admin
 * Lokal and innovators (403 anyone else, 404 unknown agency); only an Admin
 * Lokal may report (canReport), and only while the period is open.
 */
export async function getAgencyMonitoring(db: DB, actor: Actor, agencyId: string, now: Date = new Date()) {
  assertCan(actor, "agency.view", { type: "agency", id: agencyId });
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const periods = await listPeriodsForAgency(db, agencyId);
  const perPeriod = await Promise.all(periods.map((p) => listInnovationsInScope(db, p.id, agencyId)));
  const reports = await listReports(db, periods.map((p) => p.id), agencyId);
  const files = await listReportFiles(db, reports.map((r) => r.id));
  const filesOf = new Map<string, ReturnType<typeof fileView>[]>();
  for (const f of files) filesOf.set(f.report_id, [...(filesOf.get(f.report_id) ?? []), fileView(f)]);
  const canReport = can(actor, "monitoring.report", { type: "agency", id: agencyId });
  return {
    agency: { id: agency.id, name: agency.name, code: agency.code },
    canReport,
    periods: periods.map((p, idx) => {
      const v = periodView(p, now);
      return {
        ...v,
        organizerName: p.organizer_name,
        innovations: perPeriod[idx].map((i) => {
          const r = reports.find((x) => x.period_id === p.id && x.innovation_id === i.id) ?? null;
          return {
            id: i.id,
            title: i.title,
            edition: i.competition_name,
            year: i.year,
            report: r
              ? { id: r.id, status: r.status, usersServed: r.users_served, note: r.note, updatedAt: r.updated_at, files: filesOf.get(r.id) ?? [] }
              : null,
          };
        }),
      };
    }),
  };
}

export interface ReportFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  fileName?: string;
}

export type ReportResult = { ok: true; id: string; created: boolean } | ReportFailure;

function echo(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["innovationId", "status", "usersServed", "note"]) if (typeof fields[k] === "string") out[k] = fields[k];
  return out;
}

/**
 * The agency's Admin Lokal reports on one of its innovations in the period's
 * scope (multipart: innovationId, status, usersServed, note, files…): a first
 * report creates it, a later one during the period replaces the status,
 * figures and note and adds files (at most 5 per report, PDF/JPEG/PNG by
 * content, 10 MB each).
 * Refused with a message (typed text given back): the period not open (on the
 * server clock when the request arrived), invalid fields, a file too large,
 * of another type, empty or one too many. 403 unless Admin Lokal of the
 * agency; 404 for an unknown period or an innovation not of this agency in
 * the period's scope.
 * Side effects: the files in storage; the report row (insert or update), its
 * file rows and one audit row "monitoring.reported" (before/after) in one
 * transaction (stored files removed again if it fails); the public cache
 * invalidated (the innovation page shows the sustainability history).
 */
export async function submitReport(
  db: DB,
  actor: Actor,
  agencyId: string,
  periodId: string,
  request: Request,
  ctx: { now?: Date; ip?: string } = {},
): Promise<ReportResult> {
  const now = ctx.now ?? new Date();
  assertCan(actor, "monitoring.report", { type: "agency", id: agencyId });
  const p = await findPeriod(db, periodId);
  // A period that covers none of the agency's innovations does not exist for it.
  if (!p || (await listInnovationsInScope(db, p.id, agencyId)).length === 0) notFound();
  const state = periodState({ startsAt: p.starts_at, endsAt: p.ends_at }, now);
  const windowError: MessageKey | null = state === "open" ? null : state === "upcoming" ? "monitoring.errors.notYetOpen" : "monitoring.errors.closed";

  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_FILES * FILE_MAX_MB * MB + MB) {
    return { ok: false, errors: windowError ? { _form: windowError } : { files: "monitoring.errors.fileTooLarge" }, values: {} };
  }
  const received = await receiveEvidenceForm(request, { area: "monitoring", maxFiles: MAX_FILES, maxMb: FILE_MAX_MB, acceptFiles: windowError === null });
  const values = echo(received.fields);
  if (windowError) {
    if (received.ok) await Promise.all(received.files.map((f) => rm(f.path, { force: true })));
    return { ok: false, errors: { _form: windowError }, values };
  }
  const innovationId = received.fields.innovationId ?? "";
  const innovation = innovationId ? await findInnovationInScope(db, p.id, agencyId, innovationId) : undefined;
  if (!innovation) {
    if (received.ok) await Promise.all(received.files.map((f) => rm(f.path, { force: true })));
    notFound();
  }
  if (!received.ok) {
    const errors: FieldErrors = { files: received.failure.error };
    const parsed = ReportSchema.safeParse(received.fields);
    if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error.issues), files: received.failure.error });
    return { ok: false, errors, values, fileName: received.failure.fileName };
  }
  const temps = received.files;
  try {
    const parsed = ReportSchema.safeParse(received.fields);
    if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues), values };
    const users = parseUsersServed(parsed.data.usersServed);
    if (!users.ok) return { ok: false, errors: { usersServed: "monitoring.errors.usersServed" }, values };
    const status: SustainabilityStatus = parsed.data.status;
    const note = parsed.data.note ?? "";
    if (status === "berhenti" && note.length === 0) return { ok: false, errors: { note: "monitoring.errors.noteRequiredStopped" }, values };
    const before = await findReport(db, p.id, innovation.id);
    if (before && temps.length > MAX_FILES - (await countReportFiles(db, before.id))) {
      return { ok: false, errors: { files: "monitoring.errors.tooManyFiles" }, values };
    }

    const storage = getStorage();
    const stored: { storage: "local" | "uploadthing"; storageKey: string; file: ReceivedFile }[] = [];
    const forget = () =>
      Promise.all(stored.map((s) => storageFor(s.storage).delete(s.storageKey).catch((e) => console.error("monitoring: removing an unrecorded object failed", e))));
    try {
      for (const f of temps) {
        const s = await storage.put(f.path, { key: newStorageKey(), mime: MIME_TYPES[f.kind], size: f.size });
        stored.push({ ...s, file: f });
      }
    } catch (e) {
      console.error("monitoring: storing an upload failed", e);
      await forget();
      return { ok: false, errors: { files: "monitoring.errors.storage" }, values };
    }
    const at = nowIso(now);
    try {
      const result = await db.transaction().execute(async (trx) => {
        const existing = await findReport(trx, p.id, innovation.id);
        const id = existing?.id ?? newId();
        if (existing) await updateReport(trx, existing.id, agencyId, { status, usersServed: users.value, note, userId: actor.userId, at });
        else await insertReport(trx, { id, periodId: p.id, innovationId: innovation.id, agencyId, status, usersServed: users.value, note, userId: actor.userId, at });
        const rows: NewReportFile[] = stored.map((s) => ({
          id: newId(),
          reportId: id,
          storage: s.storage,
          storageKey: s.storageKey,
          originalName: s.file.originalName,
          mimeType: MIME_TYPES[s.file.kind],
          sizeBytes: s.file.size,
          sha256: s.file.sha256,
          uploadedBy: actor.userId,
          at,
        }));
        await insertReportFiles(trx, rows);
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "monitoring.reported",
          entityType: "sustainability_report",
          entityId: id,
          organizerId: p.organizer_id,
          competitionId: innovation.competition_id,
          agencyId,
          before: existing ? { status: existing.status, users_served: existing.users_served, note: existing.note } : null,
          after: {
            period: p.name,
            innovation: innovation.title,
            status,
            users_served: users.value,
            note,
            files: rows.map((r) => ({ name: r.originalName, mime: r.mimeType, size: r.sizeBytes, sha256: r.sha256, storage: r.storage })),
          },
          ip: ctx.ip ?? null,
        });
        return { id, created: !existing };
      });
      invalidatePublicCache();
      return { ok: true, ...result };
    } catch (e) {
      await forget();
      throw e;
    }
  } finally {
    await Promise.all(temps.map((f) => rm(f.path, { force: true })));
  }
}

// ---------------------------------------------------------------------------
// Evidence downloads

export interface ReportFileDownload {
  stream: Readable;
  size: number;
  mime: string;
  name: string;
}

/**
 * An evidence file of a report, for the reporting agency's people and the
 * admins of the period's organizer. Anyone else, signed out included, gets
 * the same 404 as for an id that does not exist.
 */
export async function openReportFile(db: DB, actor: Actor | null, reportId: string, fileId: string): Promise<ReportFileDownload> {
  if (!actor) notFound();
  const r = await findReportById(db, reportId);
  if (!r) notFound();
  const allowed = isAgencyMember(actor, r.agency_id) || can(actor, "monitoring.manage", { type: "organizer", id: r.organizer_id });
  if (!allowed) notFound();
  const f = await findReportFile(db, r.id, fileId);
  if (!f) notFound();
  const kind = kindOfMime(f.mime_type) ?? "pdf";
  try {
    const { stream, size } = await storageFor(f.storage).get(f.storage_key);
    return { stream, size: size ?? Number(f.size_bytes), mime: MIME_TYPES[kind], name: downloadName(f.original_name, kind) };
  } catch (e) {
    if (e instanceof StoredFileMissing) notFound();
    throw e;
  }
}
