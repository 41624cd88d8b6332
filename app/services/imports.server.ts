/**
 * Data in and out of an edition: importing proposals from a CSV file (for
 * editions that started in spreadsheets or another system) and exporting
 * proposals and screening results as CSV or XLSX. For the organizer's admins
 * ("proposal.import", "proposal.export").
 *
 * Import, decided (see also docs/decisions/0008-proposal-import-export.md):
 * - Preview first: the file is read and every row checked (app/domain/csv.ts);
 *   every bad row is listed with its line and each reason. Nothing is written.
 * - Only a file with no errors can be imported. The preview keeps it on the
 *   server (IMPORT_DIR, default data/imports) under a random token bound to the
 *   user and the competition, for an hour; the confirm form posts only the
 *   token. Confirming checks the file again against the database as it is
 *   then, inside the one transaction that writes, so the preview cannot go stale.
 * - Idempotent: a row whose external_id the edition already has is skipped
 *   (not updated); importing the same file twice creates nothing the second time.
 * - Imported proposals are "submitted" at the import time (they were
 *   submitted in the earlier system), numbered like drafts (the edition's
 *   counter, bumped once for the whole file), with a receipt number;
 *   created_by / submitted_by = the importing admin; declaration stays 0 (this
 *   system never asked for it), so screening shows what the earlier system
 *   did not carry (service unit, contact name, attachments…).
 * - One audit row "proposals.imported" per import, with the counts and each
 *   external id with its new number.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { normalizeAgencyCode } from "~/domain/agencies";
import {
  csvLine,
  editionSectionKeys,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  readImportTable,
  spreadsheetSafe,
  UTF8_BOM,
  validateImportRows,
  type FileIssue,
  type ImportValidation,
  type RowIssueCode,
  type RowReport,
  type RowWarningCode,
} from "~/domain/csv";
import type { EditionSettings } from "~/domain/edition";
import { can } from "~/domain/permissions";
import { defaultNumberPrefix, formatProposalNumber, normalizeTitle, receiptNumber } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import { parseReasons } from "~/domain/screening";
import { formatWib } from "~/domain/time";
import { isMessageKey, translator, type Locale, type MessageKey } from "~/i18n";
import { hashToken, newId, newToken, nowIso } from "~/lib/ids.server";
import { notFound } from "~/lib/http.server";
import { readableFrom, XLSX_CONTENT_TYPE, xlsxStream } from "~/lib/xlsx.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import { getEditionSettings } from "~/models/edition.server";
import {
  answersOf,
  findAgenciesByCodes,
  insertImportedProposals,
  listExternalIds,
  pageProposalsForExport,
  pageScreeningForExport,
  reserveProposalNumbers,
  type ImportedProposalRow,
} from "~/models/imports.server";

// ---------------------------------------------------------------------------
// Loading the edition

interface Target {
  settings: EditionSettings;
}

/** The edition by slug: 404 when unknown, 403 unless the actor may `action` it. */
async function loadTarget(db: DB, actor: Actor, slug: string, action: "proposal.import" | "proposal.export"): Promise<Target> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, action, { type: "competition", id: c.id, organizerId: c.organizer_id });
  const settings = await getEditionSettings(db, c.id);
  if (!settings) notFound();
  return { settings };
}

/** What the import page shows: the columns the file needs, per group. */
export async function getImportPage(db: DB, actor: Actor, slug: string) {
  const { settings: s } = await loadTarget(db, actor, slug, "proposal.import");
  return {
    competition: { name: s.name, slug: s.slug },
    columns: [...IMPORT_COLUMNS],
    groups: s.groups.map((g) => ({
      key: g.key,
      nameId: g.nameId,
      nameEn: g.nameEn,
      sections: g.sections.map((x) => ({ key: x.key, titleId: x.titleId, titleEn: x.titleEn, wordLimit: x.wordLimit })),
    })),
    categories: s.categories.map((c) => ({ key: c.key, nameId: c.nameId, nameEn: c.nameEn })),
    limits: { maxMegabytes: IMPORT_LIMITS.maxBytes / (1024 * 1024), maxRows: IMPORT_LIMITS.maxRows },
    canExport: can(actor, "proposal.export", { type: "competition", id: s.competitionId, organizerId: s.organizerId }),
  };
}

// ---------------------------------------------------------------------------
// Checking a file

export interface UploadedFile {
  /** The name the person's file had (display only). */
  name: string;
  bytes: Uint8Array;
}

/** What the preview shows: serialisable, every bad row with each reason. */
export interface ImportReport {
  fileName: string;
  /** Data rows in the file (blank rows not counted). */
  totalRows: number;
  newCount: number;
  skippedCount: number;
  fileErrors: FileIssue[];
  rowErrors: RowReport<RowIssueCode>[];
  warnings: RowReport<RowWarningCode>[];
  /** No error at all: the file can be imported. */
  valid: boolean;
}

function emptyReport(fileName: string, fileErrors: FileIssue[]): ImportReport {
  return { fileName, totalRows: 0, newCount: 0, skippedCount: 0, fileErrors, rowErrors: [], warnings: [], valid: false };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Read and check a file against the edition and the database as `db` sees it. */
async function analyze(db: DB, settings: EditionSettings, file: UploadedFile): Promise<{ report: ImportReport; validation: ImportValidation | null }> {
  if (file.bytes.length > IMPORT_LIMITS.maxBytes) {
    return { report: emptyReport(file.name, [{ code: "file_too_large", params: { max: IMPORT_LIMITS.maxBytes / (1024 * 1024) } }]), validation: null };
  }
  if (file.bytes.length === 0) return { report: emptyReport(file.name, [{ code: "file_empty" }]), validation: null };
  const text = decodeUtf8(file.bytes);
  if (text === null) return { report: emptyReport(file.name, [{ code: "not_utf8" }]), validation: null };
  const read = readImportTable(text, editionSectionKeys(settings.groups));
  if (!read.ok) return { report: emptyReport(file.name, read.issues), validation: null };
  const { table } = read;

  const codes = table.rows.map((r) => normalizeAgencyCode(r.values.agency_code ?? "")).filter(Boolean);
  const [agencies, existing] = await Promise.all([findAgenciesByCodes(db, codes), listExternalIds(db, settings.competitionId)]);
  const validation = validateImportRows(table, {
    groups: settings.groups,
    categories: settings.categories,
    eligibility: settings,
    agencies: new Map(agencies.map((a) => [a.code, { id: a.id, code: a.code, cluster: a.cluster, provinceCode: a.province_code }])),
    existingExternalIds: existing,
  });
  return {
    report: {
      fileName: file.name,
      totalRows: table.rows.length,
      newCount: validation.toCreate.length,
      skippedCount: validation.skipped.length,
      fileErrors: [],
      rowErrors: validation.errors,
      warnings: validation.warnings,
      valid: validation.errors.length === 0,
    },
    validation,
  };
}

// ---------------------------------------------------------------------------
// The file kept between preview and confirm

const TOKEN_TTL_MS = 60 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface StoredMeta {
  userId: string;
  competitionId: string;
  fileName: string;
  sha256: string;
  createdAt: string;
}

function importDir(): string {
  return process.env.IMPORT_DIR ?? path.join(process.cwd(), "data", "imports");
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Files are named by the token's hash, so a directory listing reveals no token. */
function storedPaths(token: string) {
  const base = path.join(importDir(), hashToken(token));
  return { data: `${base}.csv`, meta: `${base}.json` };
}

/** Remove files older than the token lifetime (run on every preview). */
async function sweepExpired(now: Date): Promise<void> {
  const dir = importDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      try {
        if (now.getTime() - (await stat(file)).mtimeMs > TOKEN_TTL_MS) await rm(file, { force: true });
      } catch {
        // Gone already (another sweep).
      }
    }),
  );
}

async function keepUpload(actor: Actor, competitionId: string, file: UploadedFile, now: Date): Promise<string> {
  await mkdir(importDir(), { recursive: true });
  const token = newToken();
  const p = storedPaths(token);
  const meta: StoredMeta = { userId: actor.userId, competitionId, fileName: file.name, sha256: sha256(file.bytes), createdAt: nowIso(now) };
  await writeFile(p.data, file.bytes, { mode: 0o600 });
  await writeFile(p.meta, JSON.stringify(meta), { mode: 0o600 });
  return token;
}

/** The kept file, only for the user and competition it was kept for, within its lifetime. */
async function takeUpload(actor: Actor, competitionId: string, token: string, now: Date): Promise<UploadedFile | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const p = storedPaths(token);
  try {
    const meta = JSON.parse(await readFile(p.meta, "utf8")) as StoredMeta;
    if (meta.userId !== actor.userId || meta.competitionId !== competitionId) return null;
    if (now.getTime() - Date.parse(meta.createdAt) > TOKEN_TTL_MS) return null;
    const bytes = new Uint8Array(await readFile(p.data));
    if (sha256(bytes) !== meta.sha256) return null;
    return { name: meta.fileName, bytes };
  } catch {
    return null;
  }
}

async function dropUpload(token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  const p = storedPaths(token);
  await Promise.all([rm(p.data, { force: true }), rm(p.meta, { force: true })]);
}

// ---------------------------------------------------------------------------
// Use cases

/**
 * Dry run: check an uploaded file and report every problem. Writes nothing
 * to the database; a file with no errors and something new to import is
 * kept on the server and its token returned for the confirm step.
 * 404 unknown edition, 403 unless the actor may import into it.
 */
export async function previewImport(db: DB, actor: Actor, slug: string, file: UploadedFile, now: Date = new Date()) {
  const { settings } = await loadTarget(db, actor, slug, "proposal.import");
  await sweepExpired(now);
  const { report } = await analyze(db, settings, file);
  const token = report.valid && report.newCount > 0 ? await keepUpload(actor, settings.competitionId, file, now) : null;
  return { report, token };
}

export type ImportResult =
  | { ok: true; created: number; skipped: number; firstNumber: string | null; lastNumber: string | null }
  /** The file (checked again now) has errors: nothing was written. */
  | { ok: false; reason: "invalid"; report: ImportReport }
  /** The token is unknown, expired, or someone else's: upload again. */
  | { ok: false; reason: "expired" }
  /** Another import of the same rows finished first: nothing was written; preview again. */
  | { ok: false; reason: "conflict" };

/** A concurrent insert of the same external id (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * Import a file into an edition, all or nothing.
 * Side effects, in one transaction and only when the file has no error: one
 * proposals row per new external id (status "submitted", numbered, with a
 * receipt), its proposal_answers rows, competitions.number_counter bumped by
 * the number created, and one audit row "proposals.imported". Rows already
 * imported are skipped; when there is nothing new, nothing is written.
 * 404 unknown edition, 403 unless the actor may import into it.
 */
export async function importProposals(db: DB, actor: Actor, slug: string, file: UploadedFile, now: Date = new Date()): Promise<ImportResult> {
  const { settings } = await loadTarget(db, actor, slug, "proposal.import");
  return runImport(db, actor, settings, file, now);
}

async function runImport(db: DB, actor: Actor, settings: EditionSettings, file: UploadedFile, now: Date): Promise<ImportResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<ImportResult> => {
      const { report, validation } = await analyze(trx, settings, file);
      if (!report.valid || !validation) return { ok: false, reason: "invalid", report };
      const rows = validation.toCreate;
      if (rows.length === 0) return { ok: true, created: 0, skipped: report.skippedCount, firstNumber: null, lastNumber: null };

      const at = nowIso(now);
      const prefix = settings.numberPrefix || defaultNumberPrefix(settings.name, settings.year);
      const first = await reserveProposalNumbers(trx, settings.competitionId, rows.length);
      const records: ImportedProposalRow[] = rows.map((r, i) => {
        const number = formatProposalNumber(prefix, first + i);
        return {
          id: newId(),
          competitionId: settings.competitionId,
          groupId: r.groupId,
          categoryId: r.categoryId,
          agencyId: r.agencyId,
          number,
          title: r.title,
          titleKey: normalizeTitle(r.title),
          innovatorNames: r.innovatorNames,
          startedOn: r.startedOn,
          contactEmail: r.contactEmail,
          externalId: r.externalId,
          receiptNumber: receiptNumber(number, at),
          userId: actor.userId,
          at,
          answers: r.answers,
        };
      });
      await insertImportedProposals(trx, records);
      const firstNumber = records[0].number;
      const lastNumber = records[records.length - 1].number;
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "proposals.imported",
        entityType: "competition",
        entityId: settings.competitionId,
        organizerId: settings.organizerId,
        competitionId: settings.competitionId,
        after: {
          file: file.name,
          sha256: sha256(file.bytes),
          rows: report.totalRows,
          created: records.length,
          skipped: report.skippedCount,
          firstNumber,
          lastNumber,
          proposals: records.map((p) => [p.externalId, p.number]),
        },
      });
      return { ok: true, created: records.length, skipped: report.skippedCount, firstNumber, lastNumber };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, reason: "conflict" };
    throw e;
  }
}

/**
 * Confirm a previewed import: the kept file is checked again and imported
 * (see importProposals); on success it is deleted.
 */
export async function confirmImport(db: DB, actor: Actor, slug: string, token: string, now: Date = new Date()): Promise<ImportResult> {
  const { settings } = await loadTarget(db, actor, slug, "proposal.import");
  const file = await takeUpload(actor, settings.competitionId, token, now);
  if (!file) return { ok: false, reason: "expired" };
  const result = await runImport(db, actor, settings, file, now);
  if (result.ok) await dropUpload(token);
  return result;
}

// ---------------------------------------------------------------------------
// Exports

export const EXPORT_KINDS = ["proposals", "screening"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PROPOSAL_EXPORT_COLUMNS = [
  "number",
  "agency_code",
  "agency_name",
  "cluster",
  "province",
  "group",
  "category",
  "title",
  "status",
  "submitted_at_wib",
  "submitted_at",
  "start_date",
  "contact_name",
  "contact_email",
  "contact_phone",
] as const;

export const SCREENING_EXPORT_COLUMNS = [
  "number",
  "agency_code",
  "agency_name",
  "group",
  "category",
  "title",
  "result",
  "reasons",
  "note",
  "decided_at_wib",
  "decided_at",
] as const;

const PAGE = 250;

function label(t: ReturnType<typeof translator>, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key as MessageKey) : fallback;
}

function namesOf(settings: EditionSettings, locale: Locale) {
  const pick = (x: { nameId: string; nameEn: string }) => (locale === "en" ? x.nameEn || x.nameId : x.nameId);
  return {
    group: new Map(settings.groups.map((g) => [g.id, pick(g)])),
    category: new Map(settings.categories.map((c) => [c.id, pick(c)])),
  };
}

async function* proposalRows(db: DB, settings: EditionSettings, locale: Locale, sectionKeys: string[]): AsyncGenerator<string[]> {
  const t = translator(locale);
  const names = namesOf(settings, locale);
  let after: string | null = null;
  for (;;) {
    const page = await pageProposalsForExport(db, settings.competitionId, after, PAGE);
    if (page.length === 0) return;
    const answers = new Map<string, Map<string, string>>();
    for (const a of await answersOf(db, page.map((p) => p.id))) {
      let m = answers.get(a.proposal_id);
      if (!m) answers.set(a.proposal_id, (m = new Map()));
      m.set(a.section_key, a.body);
    }
    for (const p of page) {
      const own = answers.get(p.id);
      yield [
        p.number,
        p.agency_code,
        p.agency_name,
        label(t, `cluster.${p.agency_cluster}`, p.agency_cluster),
        p.province_name ?? "",
        names.group.get(p.group_id) ?? "",
        p.category_id ? (names.category.get(p.category_id) ?? "") : "",
        p.title,
        label(t, `proposal.status.${p.status}`, p.status),
        p.submitted_at ? formatWib(p.submitted_at, locale) : "",
        p.submitted_at ?? "",
        p.started_on ?? "",
        p.contact_name,
        p.contact_email,
        p.contact_phone,
        ...sectionKeys.map((k) => own?.get(k) ?? ""),
      ];
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].number;
  }
}

async function* screeningRows(db: DB, settings: EditionSettings, locale: Locale): AsyncGenerator<string[]> {
  const t = translator(locale);
  const names = namesOf(settings, locale);
  let after: string | null = null;
  for (;;) {
    const page = await pageScreeningForExport(db, settings.competitionId, after, PAGE);
    if (page.length === 0) return;
    for (const p of page) {
      yield [
        p.number,
        p.agency_code,
        p.agency_name,
        names.group.get(p.group_id) ?? "",
        p.category_id ? (names.category.get(p.category_id) ?? "") : "",
        p.title,
        p.result ? label(t, `screening.result.${p.result}`, p.result) : "",
        parseReasons(p.reasons_json)
          .map((r) => label(t, `screening.reason.${r}`, r))
          .join("; "),
        p.note ?? "",
        p.decided_at ? formatWib(p.decided_at, locale) : "",
        p.decided_at ?? "",
      ];
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].number;
  }
}

/** CSV as a stream: BOM, header, then rows in chunks of some tens of kilobytes. */
async function* csvChunks(header: readonly string[], rows: AsyncIterable<string[]>): AsyncGenerator<string> {
  let buffer = UTF8_BOM + csvLine(header);
  for await (const r of rows) {
    buffer += csvLine(r.map(spreadsheetSafe));
    if (buffer.length > 64 * 1024) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * An export of an edition, streamed page by page (never a draft: the
 * organizer does not see drafts). Proposals: one row per proposal with one
 * column per section key of the edition's groups. Screening: one row per
 * submitted proposal with its decision (empty while undecided). CSV is UTF-8
 * with a BOM (so Excel shows Indonesian text right) and formula-looking cells
 * neutralised; XLSX cells are plain text. Column names are stable keys;
 * values (group, category, cluster, status, result, reasons) in `locale`.
 * 404 unknown edition, 403 unless the actor may export it.
 */
export async function exportEdition(
  db: DB,
  actor: Actor,
  slug: string,
  what: ExportKind,
  format: ExportFormat,
  locale: Locale,
  now: Date = new Date(),
): Promise<ExportFile> {
  const { settings } = await loadTarget(db, actor, slug, "proposal.export");
  const sectionKeys = editionSectionKeys(settings.groups);
  const header = what === "proposals" ? [...PROPOSAL_EXPORT_COLUMNS, ...sectionKeys] : [...SCREENING_EXPORT_COLUMNS];
  const rows = what === "proposals" ? proposalRows(db, settings, locale, sectionKeys) : screeningRows(db, settings, locale);
  const filename = `${settings.slug}-${what}.${format}`;
  if (format === "csv") {
    return { filename, contentType: "text/csv; charset=utf-8", body: readableFrom(csvChunks(header, rows)) };
  }
  const sheet = translator(locale)(what === "proposals" ? "imports.export.sheetProposals" : "imports.export.sheetScreening");
  return { filename, contentType: XLSX_CONTENT_TYPE, body: readableFrom(xlsxStream({ name: sheet, header, rows }, now)) };
}
