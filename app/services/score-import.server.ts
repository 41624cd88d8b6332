/**
 * Paper score sheets by CSV (organizer, "scoring.manage"):
 *
 *   round, proposal_number, juror_email, <criterion keys…>, comment
 *
 * `round` is the round's position in the edition (as in assignments.csv);
 * one column per criterion key of the round's rubric; `comment` is the
 * sheet's overall comment (may be empty). Columns in any order, names
 * trimmed and case-insensitive; a semicolon-separated file and a BOM are
 * accepted (app/domain/csv.ts).
 *
 * Two steps, no JavaScript needed:
 * 1. Check (dry run): every row is checked and every problem reported with
 *    its line in the user's language; nothing is written. A clean file gets
 *    a summary and its SHA-256.
 * 2. Apply: the same file uploaded again with that hash (the browser cannot
 *    keep a chosen file across pages without scripts, and the server keeps
 *    nothing between the two posts). A different file is refused. The rows
 *    are checked again inside the transaction; if any is wrong nothing is
 *    written (all or nothing).
 *
 * Only while the round is open or closed (scores still count; a decided
 * round is fixed). Written sheets are submitted, source "import", with
 * completed_at stamped on their assignments; one audit row
 * "scores.imported" (entity the round) with the counts.
 *
 * Decided: a row for a pair whose juror already SUBMITTED on the web is an
 * error (the juror's own sheet wins; fix it on the web or remove the row); a
 * web draft or an earlier imported sheet is replaced.
 */
import { createHash } from "node:crypto";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { detectDelimiter, parseCsv, stripBom } from "~/domain/csv";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import {
  activeConflictPairs,
  emailKey,
  findRoundInCompetition,
  listJurorsOfEdition,
  listProposalsOfEdition,
  listRoundsOfCompetition,
  type RoundRow,
} from "~/models/juror-views.server";
import {
  countRoundSheets,
  insertSheet,
  listRoundAssignmentPairs,
  listRoundCriteria,
  listRoundSheets,
  markAssignmentCompleted,
  replaceSheetItems,
  updateSheetIfVersion,
  type CriterionRow,
} from "~/models/scores.server";
import { COMMENT_MAX, OVERALL_MAX, parseScoreValue, scoreProblem } from "~/schemas/scoring";

export const SCORE_IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 100_000 } as const;
export const FIXED_COLUMNS = ["round", "proposal_number", "juror_email"] as const;
export const COMMENT_COLUMN = "comment";

export type FileIssueCode =
  | "file_empty"
  | "file_too_large"
  | "not_utf8"
  | "csv_unterminated_quote"
  | "csv_stray_quote"
  | "csv_text_after_quote"
  | "missing_columns"
  | "unknown_columns"
  | "duplicate_columns"
  | "no_rows"
  | "too_many_rows";

export type RowIssueCode =
  | "column_count"
  | "round_missing"
  | "round_unknown"
  | "round_other"
  | "proposal_missing"
  | "proposal_unknown"
  | "proposal_withdrawn"
  | "juror_missing"
  | "juror_unknown"
  | "not_assigned"
  | "conflict"
  | "duplicate_row"
  | "already_submitted"
  | "criterion_missing"
  | "value_invalid"
  | "value_out_of_scale"
  | "value_off_step"
  | "comment_too_long";

export type IssueParams = Record<string, string | number>;

export interface Issue<C extends string> {
  code: C;
  params?: IssueParams;
}

export interface ScoreImportReport {
  fileName: string;
  /** SHA-256 of the file's bytes (hex): what "apply" must upload again. */
  hash: string;
  /** Data rows (blank lines not counted). */
  totalRows: number;
  fileErrors: (Issue<FileIssueCode> & { line?: number })[];
  /** Bad rows in file order, each with every reason. */
  rowErrors: { line: number; issues: Issue<RowIssueCode>[] }[];
  valid: boolean;
  /** For a clean file: sheets that would be created and replaced. */
  summary: { create: number; replace: number } | null;
}

export type ScoreImportResult =
  | { ok: true; applied: false; report: ScoreImportReport }
  | { ok: true; applied: true; rows: number; created: number; replaced: number }
  | { ok: false; reason: "invalid"; report: ScoreImportReport }
  | { ok: false; reason: "form"; errors: FieldErrors };

export interface ScoreImportInput {
  file: { name: string; bytes: Uint8Array };
  /** false: check only (dry run); true: write, when `expectedHash` matches the file. */
  apply: boolean;
  expectedHash?: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

interface ParsedRow {
  line: number;
  values: Record<string, string> | null;
  found: number;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The columns a round's file must have, in the documented order. */
export function scoreImportColumns(criterionKeys: readonly string[]): string[] {
  return [...FIXED_COLUMNS, ...criterionKeys.map((k) => k.toLowerCase()), COMMENT_COLUMN];
}

/** The file's shape: size, UTF-8, CSV syntax, the header (exactly the round's columns), the rows' cell counts. */
export function readScoresCsv(
  name: string,
  bytes: Uint8Array,
  criterionKeys: readonly string[],
): { ok: true; rows: ParsedRow[]; hash: string } | { ok: false; report: ScoreImportReport } {
  const hash = sha256Hex(bytes);
  const fail = (issue: Issue<FileIssueCode> & { line?: number }) => ({
    ok: false as const,
    report: { fileName: name, hash, totalRows: 0, fileErrors: [issue], rowErrors: [], valid: false, summary: null },
  });
  if (bytes.byteLength > SCORE_IMPORT_LIMITS.maxBytes) {
    return fail({ code: "file_too_large", params: { mb: SCORE_IMPORT_LIMITS.maxBytes / (1024 * 1024) } });
  }
  const text = decodeUtf8(bytes);
  if (text === null || text.includes("\u0000")) return fail({ code: "not_utf8" });
  if (stripBom(text).trim() === "") return fail({ code: "file_empty" });
  const parsed = parseCsv(text, detectDelimiter(text));
  if (!parsed.ok) return fail({ code: `csv_${parsed.error.code}` as FileIssueCode, line: parsed.error.line });
  const records = parsed.records.filter((r) => !r.fields.every((f) => f.trim() === ""));
  const header = records[0];
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const expected = scoreImportColumns(criterionKeys);
  const fileErrors: ScoreImportReport["fileErrors"] = [];
  const missing = expected.filter((c) => !columns.includes(c));
  if (missing.length) fileErrors.push({ code: "missing_columns", line: header.line, params: { columns: missing.join(", ") } });
  const unknown = columns.filter((c) => !expected.includes(c));
  if (unknown.length) {
    fileErrors.push({ code: "unknown_columns", line: header.line, params: { columns: unknown.map((c) => c || '""').join(", "), expected: expected.join(", ") } });
  }
  const duplicates = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  if (duplicates.length) fileErrors.push({ code: "duplicate_columns", line: header.line, params: { columns: duplicates.join(", ") } });
  if (fileErrors.length) return { ok: false, report: { fileName: name, hash, totalRows: 0, fileErrors, rowErrors: [], valid: false, summary: null } };

  const rows: ParsedRow[] = records.slice(1).map((r) => {
    if (r.fields.length !== columns.length) return { line: r.line, values: null, found: r.fields.length };
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      values[c] = c === COMMENT_COLUMN ? r.fields[i] : r.fields[i].trim();
    });
    return { line: r.line, values, found: r.fields.length };
  });
  if (rows.length === 0) return fail({ code: "no_rows" });
  if (rows.length > SCORE_IMPORT_LIMITS.maxRows) {
    return fail({ code: "too_many_rows", params: { rows: rows.length, max: SCORE_IMPORT_LIMITS.maxRows } });
  }
  return { ok: true, rows, hash };
}

interface ValidRow {
  line: number;
  assignmentId: string;
  jurorId: string;
  proposalId: string;
  values: Record<string, number>;
  comment: string;
  /** The sheet it replaces (a draft or an earlier import), with its version. */
  existing: { id: string; version: number } | null;
}

function formatValue(v: number): string {
  return String(Math.round(v * 1e9) / 1e9);
}

/** Every row checked against the round as it is now. Read inside the caller's transaction. */
async function validateRows(db: DB, round: RoundRow, criteria: CriterionRow[], rows: ParsedRow[]) {
  const [rounds, proposals, jurors, pairs, conflicts, sheets] = await Promise.all([
    listRoundsOfCompetition(db, round.competition_id),
    listProposalsOfEdition(db, round.competition_id),
    listJurorsOfEdition(db, round.competition_id),
    listRoundAssignmentPairs(db, round.id),
    activeConflictPairs(db, round.competition_id),
    listRoundSheets(db, round.id),
  ]);
  const positions = new Set(rounds.map((r) => r.position));
  const proposalByNumber = new Map(proposals.map((p) => [p.number.toUpperCase(), p]));
  // Every juror of the edition by e-mail (any role), to tell "unknown" from "not assigned".
  const jurorEmails = new Set(jurors.map((j) => emailKey(j.email)));
  const assignmentByPair = new Map(pairs.map((p) => [`${emailKey(p.email)}|${p.proposal_id}`, p]));
  const sheetByAssignment = new Map(sheets.map((s) => [s.assignment_id, s]));
  const firstLineOfPair = new Map<string, number>();
  const rowErrors: ScoreImportReport["rowErrors"] = [];
  const valid: ValidRow[] = [];

  for (const row of rows) {
    const issues: Issue<RowIssueCode>[] = [];
    if (!row.values) {
      rowErrors.push({ line: row.line, issues: [{ code: "column_count", params: { expected: criteria.length + 4, found: row.found } }] });
      continue;
    }
    const v = row.values;

    if (!v.round) issues.push({ code: "round_missing" });
    else if (!/^\d{1,6}$/.test(v.round) || !positions.has(Number(v.round))) issues.push({ code: "round_unknown", params: { value: v.round } });
    else if (Number(v.round) !== round.position) issues.push({ code: "round_other", params: { value: v.round, expected: round.position } });

    const number = v.proposal_number;
    const proposal = number ? proposalByNumber.get(number.toUpperCase()) : undefined;
    if (!number) issues.push({ code: "proposal_missing" });
    else if (!proposal) issues.push({ code: "proposal_unknown", params: { value: number } });
    else if (proposal.status === "withdrawn") issues.push({ code: "proposal_withdrawn", params: { value: number } });

    const email = v.juror_email;
    if (!email) issues.push({ code: "juror_missing" });
    else if (!jurorEmails.has(emailKey(email))) issues.push({ code: "juror_unknown", params: { value: email } });

    const assignment = email && proposal ? assignmentByPair.get(`${emailKey(email)}|${proposal.id}`) : undefined;
    if (email && proposal && jurorEmails.has(emailKey(email)) && !assignment) {
      issues.push({ code: "not_assigned", params: { email, number: proposal.number, round: round.position } });
    }
    let existing: ValidRow["existing"] = null;
    // Pair rules (conflict, duplicate, a web submission) only for a row that
    // names this round, a proposal and a juror assigned to it.
    if (assignment && issues.length === 0) {
      const pair = `${assignment.juror_id}|${assignment.proposal_id}`;
      const sources = conflicts.get(pair);
      if (sources) issues.push({ code: "conflict", params: { sources: sources.join(", ") } });
      const first = firstLineOfPair.get(pair);
      if (first !== undefined) issues.push({ code: "duplicate_row", params: { line: first } });
      else firstLineOfPair.set(pair, row.line);
      const sheet = sheetByAssignment.get(assignment.id);
      if (sheet && sheet.status === "submitted" && sheet.source === "web") issues.push({ code: "already_submitted", params: { email, number: assignment.number } });
      else if (sheet) existing = { id: sheet.id, version: sheet.version };
    }

    const scores: Record<string, number> = {};
    for (const c of criteria) {
      const raw = v[c.key.toLowerCase()] ?? "";
      const scale = { key: c.key, min: c.scale_min, max: c.scale_max, step: c.scale_step };
      const problem = scoreProblem(scale, raw);
      if (problem === "required") issues.push({ code: "criterion_missing", params: { criterion: c.key } });
      else if (problem === "notNumber") issues.push({ code: "value_invalid", params: { criterion: c.key, value: raw } });
      else if (problem === "outOfScale") {
        issues.push({ code: "value_out_of_scale", params: { criterion: c.key, value: raw, min: formatValue(c.scale_min), max: formatValue(c.scale_max) } });
      } else if (problem === "offStep") {
        issues.push({ code: "value_off_step", params: { criterion: c.key, value: raw, step: formatValue(c.scale_step), min: formatValue(c.scale_min) } });
      } else scores[c.key] = parseScoreValue(raw) as number;
    }
    const comment = (v[COMMENT_COLUMN] ?? "").replace(/\r\n/g, "\n").trim();
    if (comment.length > Math.max(COMMENT_MAX, OVERALL_MAX)) issues.push({ code: "comment_too_long", params: { max: OVERALL_MAX } });

    if (issues.length) {
      rowErrors.push({ line: row.line, issues });
      continue;
    }
    valid.push({ line: row.line, assignmentId: assignment!.id, jurorId: assignment!.juror_id, proposalId: assignment!.proposal_id, values: scores, comment, existing });
  }
  return { rowErrors, valid };
}

class ChangedMeanwhile extends Error {}

async function loadScoringRound(db: DB, actor: Actor, slug: string, roundId: string) {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "scoring.manage", { type: "competition", id: c.id, organizerId: c.organizer_id });
  const round = await findRoundInCompetition(db, c.id, roundId);
  if (!round) notFound();
  return { c, round };
}

/** The round states that take imported scores: scoring runs or has just closed; a decided round is fixed. */
export function importAllowed(status: string): boolean {
  return status === "open" || status === "closed";
}

/**
 * Check (dry run) or apply a paper score sheet CSV for a round (see the
 * module comment). 404 unknown edition or round, 403 without "scoring.manage".
 * Side effects of apply: sheets (submitted, source import) and their items,
 * completed_at on their assignments, one audit row "scores.imported".
 */
export async function importScoresCsv(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: ScoreImportInput,
  now: Date = new Date(),
): Promise<ScoreImportResult> {
  const { c, round } = await loadScoringRound(db, actor, slug, roundId);
  if (!importAllowed(round.status)) return { ok: false, reason: "form", errors: { file: "scoring.import.errors.roundState" } };
  const criteria = await listRoundCriteria(db, round.id);
  if (criteria.length === 0) return { ok: false, reason: "form", errors: { file: "scoring.import.errors.noRubric" } };
  const read = readScoresCsv(input.file.name, input.file.bytes, criteria.map((x) => x.key));
  if (!read.ok) return { ok: false, reason: "invalid", report: read.report };
  if (input.apply && input.expectedHash !== read.hash) {
    return { ok: false, reason: "form", errors: { file: "scoring.import.errors.hashMismatch" } };
  }
  const rows = read.rows;
  const report = (rowErrors: ScoreImportReport["rowErrors"], summary: ScoreImportReport["summary"]): ScoreImportReport => ({
    fileName: input.file.name,
    hash: read.hash,
    totalRows: rows.length,
    fileErrors: [],
    rowErrors,
    valid: rowErrors.length === 0,
    summary,
  });

  if (!input.apply) {
    const { rowErrors, valid } = await validateRows(db, round, criteria, rows);
    if (rowErrors.length) return { ok: false, reason: "invalid", report: report(rowErrors, null) };
    const replace = valid.filter((r) => r.existing).length;
    return { ok: true, applied: false, report: report([], { create: valid.length - replace, replace }) };
  }

  try {
    return await db.transaction().execute(async (trx): Promise<ScoreImportResult> => {
      const { rowErrors, valid } = await validateRows(trx, round, criteria, rows);
      if (rowErrors.length) return { ok: false, reason: "invalid", report: report(rowErrors, null) };
      const at = nowIso(now);
      let created = 0;
      let replaced = 0;
      for (const r of valid) {
        let sheetId: string;
        if (r.existing) {
          sheetId = r.existing.id;
          const done = await updateSheetIfVersion(trx, sheetId, r.existing.version, {
            status: "submitted",
            overallComment: r.comment,
            source: "import",
            submittedAt: at,
            now: at,
          });
          if (!done) throw new ChangedMeanwhile();
          replaced++;
        } else {
          sheetId = newId();
          await insertSheet(trx, {
            id: sheetId,
            assignmentId: r.assignmentId,
            roundId: round.id,
            jurorId: r.jurorId,
            proposalId: r.proposalId,
            status: "submitted",
            overallComment: r.comment,
            source: "import",
            submittedAt: at,
            now: at,
          });
          created++;
        }
        await replaceSheetItems(
          trx,
          sheetId,
          criteria.map((cr) => ({ criterion_key: cr.key, value: r.values[cr.key], comment: "" })),
        );
        await markAssignmentCompleted(trx, r.assignmentId, at);
      }
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "scores.imported",
        entityType: "round",
        entityId: round.id,
        organizerId: c.organizer_id,
        competitionId: c.id,
        after: { round: round.position, file: input.file.name, hash: read.hash, rows: valid.length, created, replaced },
      });
      return { ok: true, applied: true, rows: valid.length, created, replaced };
    });
  } catch (e) {
    const code = (e as { code?: string } | null)?.code;
    if (e instanceof ChangedMeanwhile || code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE") {
      return { ok: false, reason: "form", errors: { file: "scoring.import.errors.changed" } };
    }
    throw e;
  }
}

/** What the import page shows: the round, the expected columns, the sheet counts and the limits. */
export async function getScoreImportPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await loadScoringRound(db, actor, slug, roundId);
  const [criteria, counts] = await Promise.all([listRoundCriteria(db, round.id), countRoundSheets(db, round.id)]);
  return {
    competition: { name: c.name, slug: c.slug },
    round: { id: round.id, position: round.position, name: round.name, status: round.status },
    allowed: importAllowed(round.status),
    criteria: criteria.map((x) => ({ key: x.key, nameId: x.name_id, nameEn: x.name_en, min: x.scale_min, max: x.scale_max, step: x.scale_step })),
    columns: scoreImportColumns(criteria.map((x) => x.key)),
    counts,
    limits: { maxMegabytes: SCORE_IMPORT_LIMITS.maxBytes / (1024 * 1024), maxRows: SCORE_IMPORT_LIMITS.maxRows },
  };
}
