/**
 * A round's assignments as CSV, and the instance behind them, for anyone to
 * verify the result (docs/jury-views.md has the formats with examples):
 *
 *   assignments.csv  round, proposal_number, juror_email, expertise_match, source
 *   jurors.csv       juror_email, affiliation_code, expertise, min_load, max_load
 *   proposals.csv    proposal_number, agency_code, category
 *   conflicts.csv    juror_email, proposal_number, source
 *
 * Decided:
 * - `round` is the round's position in the edition (1, 2, …): stable, unique
 *   per edition and never needs quoting; names can be renamed and repeat.
 * - The instance is what the solver sees: the round's ACTIVE pool, its
 *   eligible proposals, the ACTIVE conflicts between them (any source).
 * - Files are UTF-8 with a BOM and CRLF (Excel reads them); every value is an
 *   identifier (e-mail, code, key, number), never free text, so no cell is
 *   rewritten for spreadsheets and a file imports back exactly.
 *
 * Import of assignments.csv (organizer, "jury.manage"): every row is checked
 * (round, proposal, juror, pool, eligibility, conflicts, duplicates, max load,
 * k) and every problem is reported with its line; if any row is wrong nothing
 * is applied (all or nothing). A valid file is added to the round's current
 * assignments or replaces them (replace needs an explicit confirmation; pairs
 * present in both are kept with their opened/completed times). Applied rows
 * take `source` from the file; expertise_match is recomputed from the juror's
 * expertise now (the file's value must be 1 or 0). One audit row
 * "assignment.imported" with the counts.
 */
import type { DB } from "~/db.server";
import { detectDelimiter, parseCsv, stripBom, toCsv } from "~/domain/csv";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { newId, nowIso } from "~/lib/ids.server";
import { notFound } from "~/lib/http.server";
import { appendAudit } from "~/models/audit.server";
import {
  activeConflictPairs,
  eligibleProposalIds,
  emailKey,
  jurorExpertiseSets,
  listActiveConflictsOfRound,
  listEligibleProposals,
  listExpertise,
  listJurorsOfEdition,
  listPoolOfRound,
  listProposalsOfEdition,
  listRoundAssignments,
  listRoundAssignmentsForExport,
  listRoundsOfCompetition,
  type RoundRow,
} from "~/models/juror-views.server";
import { loadManagedRound } from "./juror-views.server";

export const ASSIGNMENT_COLUMNS = ["round", "proposal_number", "juror_email", "expertise_match", "source"] as const;
export const JUROR_COLUMNS = ["juror_email", "affiliation_code", "expertise", "min_load", "max_load"] as const;
export const PROPOSAL_COLUMNS = ["proposal_number", "agency_code", "category"] as const;
export const CONFLICT_COLUMNS = ["juror_email", "proposal_number", "source"] as const;

export const CSV_FILES = ["assignments.csv", "jurors.csv", "proposals.csv", "conflicts.csv"] as const;
export type CsvFile = (typeof CSV_FILES)[number];

export function isCsvFile(v: string): v is CsvFile {
  return (CSV_FILES as readonly string[]).includes(v);
}

export const ASSIGNMENT_IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 100_000 } as const;

/** Whether a juror's expertise covers a proposal (a proposal without a category is everyone's). */
export function expertiseCovers(expertise: ReadonlySet<string> | undefined, categoryId: string | null): boolean {
  return categoryId === null || (expertise?.has(categoryId) ?? false);
}

// ---------------------------------------------------------------------------
// Export

export interface CsvDownload {
  filename: string;
  contentType: string;
  body: string;
}

async function activePool(db: DB, round: RoundRow) {
  return (await listPoolOfRound(db, round)).filter((j) => j.status === "active");
}

/** The rows of one file (header first), for the round's organizer. */
export async function roundCsvRows(db: DB, round: RoundRow, file: CsvFile): Promise<string[][]> {
  switch (file) {
    case "assignments.csv": {
      const rows = await listRoundAssignmentsForExport(db, round.id);
      return [
        [...ASSIGNMENT_COLUMNS],
        ...rows.map((r) => [String(round.position), r.number, r.email, Number(r.expertise_match) === 1 ? "1" : "0", r.source]),
      ];
    }
    case "jurors.csv": {
      const pool = await activePool(db, round);
      const expertise = await listExpertise(
        db,
        pool.map((j) => j.id),
      );
      const keysOf = new Map<string, string[]>();
      for (const e of expertise) keysOf.set(e.juror_id, [...(keysOf.get(e.juror_id) ?? []), e.key]);
      const sorted = [...pool].sort((a, b) => emailKey(a.email).localeCompare(emailKey(b.email)));
      return [
        [...JUROR_COLUMNS],
        ...sorted.map((j) => [
          j.email,
          j.affiliation_code ?? "",
          (keysOf.get(j.id) ?? []).join(";"),
          String(Number(j.min_load)),
          String(Number(j.max_load)),
        ]),
      ];
    }
    case "proposals.csv": {
      const rows = await listEligibleProposals(db, round);
      return [[...PROPOSAL_COLUMNS], ...rows.map((p) => [p.number, p.agency_code, p.category_key ?? ""])];
    }
    case "conflicts.csv": {
      const pool = await activePool(db, round);
      const rows = await listActiveConflictsOfRound(
        db,
        round,
        pool.map((j) => j.id),
      );
      return [[...CONFLICT_COLUMNS], ...rows.map((r) => [r.email, r.number, r.source])];
    }
  }
}

/**
 * One CSV file of a round for its organizer ("jury.manage"): 404 for an
 * unknown edition, round or file name, 403 for anyone else.
 */
export async function exportRoundCsv(db: DB, actor: Actor, slug: string, roundId: string, file: string): Promise<CsvDownload> {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  if (!isCsvFile(file)) notFound();
  const rows = await roundCsvRows(db, round, file);
  return {
    filename: `${c.slug}-round${round.position}-${file}`,
    contentType: "text/csv; charset=utf-8",
    body: toCsv(rows, { bom: true }),
  };
}

// ---------------------------------------------------------------------------
// Import

export type FileIssueCode =
  | "file_empty"
  | "file_too_large"
  | "not_utf8"
  | "csv_unterminated_quote"
  | "csv_stray_quote"
  | "csv_text_after_quote"
  | "header"
  | "no_rows"
  | "too_many_rows";

export type RowIssueCode =
  | "column_count"
  | "round_missing"
  | "round_unknown"
  | "round_other"
  | "proposal_missing"
  | "proposal_unknown"
  | "proposal_not_eligible"
  | "juror_missing"
  | "juror_unknown"
  | "juror_not_in_pool"
  | "expertise_invalid"
  | "source_invalid"
  | "conflict"
  | "duplicate_pair"
  | "already_assigned"
  | "over_max_load"
  | "over_k";

export type IssueParams = Record<string, string | number>;

export interface Issue<C extends string> {
  code: C;
  params?: IssueParams;
}

export interface AssignmentImportReport {
  fileName: string;
  /** Data rows (blank lines not counted). */
  totalRows: number;
  fileErrors: (Issue<FileIssueCode> & { line?: number })[];
  /** Bad rows in file order, each with every reason. */
  rowErrors: { line: number; issues: Issue<RowIssueCode>[] }[];
  valid: boolean;
}

export type ImportMode = "add" | "replace";

export interface ImportInput {
  file: { name: string; bytes: Uint8Array };
  mode: ImportMode;
  /** Replace only: the organizer ticked "remove the current assignments". */
  confirmReplace?: boolean;
}

export type ImportAssignmentsResult =
  | { ok: true; mode: ImportMode; rows: number; added: number; removed: number; kept: number }
  | { ok: false; reason: "invalid"; report: AssignmentImportReport }
  | { ok: false; reason: "form"; errors: FieldErrors };

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

/** The file's shape: UTF-8, CSV syntax, the exact header, rows with five cells. */
export function readAssignmentsCsv(
  name: string,
  bytes: Uint8Array,
): { ok: true; rows: ParsedRow[] } | { ok: false; report: AssignmentImportReport } {
  const fail = (issue: Issue<FileIssueCode> & { line?: number }) => ({
    ok: false as const,
    report: { fileName: name, totalRows: 0, fileErrors: [issue], rowErrors: [], valid: false },
  });
  if (bytes.byteLength > ASSIGNMENT_IMPORT_LIMITS.maxBytes) {
    return fail({ code: "file_too_large", params: { mb: ASSIGNMENT_IMPORT_LIMITS.maxBytes / (1024 * 1024) } });
  }
  const text = decodeUtf8(bytes);
  if (text === null || text.includes("\u0000")) return fail({ code: "not_utf8" });
  if (stripBom(text).trim() === "") return fail({ code: "file_empty" });
  const parsed = parseCsv(text, detectDelimiter(text));
  if (!parsed.ok) return fail({ code: `csv_${parsed.error.code}` as FileIssueCode, line: parsed.error.line });
  const records = parsed.records.filter((r) => !r.fields.every((f) => f.trim() === ""));
  const header = records[0];
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const expected = [...ASSIGNMENT_COLUMNS] as string[];
  const sameSet = columns.length === expected.length && expected.every((c) => columns.includes(c));
  if (!sameSet) {
    return fail({
      code: "header",
      line: header.line,
      params: { expected: expected.join(", "), found: header.fields.map((f) => f.trim()).join(", ") || "—" },
    });
  }
  const rows: ParsedRow[] = records.slice(1).map((r) => {
    if (r.fields.length !== columns.length) return { line: r.line, values: null, found: r.fields.length };
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      values[c] = r.fields[i].trim();
    });
    return { line: r.line, values, found: r.fields.length };
  });
  if (rows.length === 0) return fail({ code: "no_rows" });
  if (rows.length > ASSIGNMENT_IMPORT_LIMITS.maxRows) {
    return fail({ code: "too_many_rows", params: { rows: rows.length, max: ASSIGNMENT_IMPORT_LIMITS.maxRows } });
  }
  return { ok: true, rows };
}

interface ValidRow {
  line: number;
  jurorId: string;
  proposalId: string;
  source: "auto" | "manual";
  expertiseMatch: 0 | 1;
}

/**
 * Every row of assignments.csv checked against the edition as it is now, for
 * an import into `round` in `mode`. Read inside the caller's transaction.
 */
async function validateRows(db: DB, round: RoundRow, rows: ParsedRow[], mode: ImportMode) {
  const [rounds, proposals, jurors, eligible, conflicts, current, expertise] = await Promise.all([
    listRoundsOfCompetition(db, round.competition_id),
    listProposalsOfEdition(db, round.competition_id),
    listJurorsOfEdition(db, round.competition_id),
    eligibleProposalIds(db, round).execute(),
    activeConflictPairs(db, round.competition_id),
    listRoundAssignments(db, round.id),
    jurorExpertiseSets(db, round.competition_id),
  ]);
  const positions = new Set(rounds.map((r) => r.position));
  const proposalByNumber = new Map(proposals.map((p) => [p.number.toUpperCase(), p]));
  const eligibleIds = new Set(eligible.map((e) => e.id));
  const jurorsByEmail = new Map<string, typeof jurors>();
  for (const j of jurors) jurorsByEmail.set(emailKey(j.email), [...(jurorsByEmail.get(emailKey(j.email)) ?? []), j]);
  const currentPairs = new Set(current.map((a) => `${a.juror_id}|${a.proposal_id}`));
  const load = new Map<string, number>();
  const perProposal = new Map<string, number>();
  if (mode === "add") {
    for (const a of current) {
      load.set(a.juror_id, (load.get(a.juror_id) ?? 0) + 1);
      perProposal.set(a.proposal_id, (perProposal.get(a.proposal_id) ?? 0) + 1);
    }
  }
  const firstLineOfPair = new Map<string, number>();
  const rowErrors: AssignmentImportReport["rowErrors"] = [];
  const valid: ValidRow[] = [];

  for (const row of rows) {
    const issues: Issue<RowIssueCode>[] = [];
    if (!row.values) {
      rowErrors.push({ line: row.line, issues: [{ code: "column_count", params: { expected: ASSIGNMENT_COLUMNS.length, found: row.found } }] });
      continue;
    }
    const v = row.values;

    const roundValue = v.round;
    if (!roundValue) issues.push({ code: "round_missing" });
    else if (!/^\d{1,6}$/.test(roundValue) || !positions.has(Number(roundValue))) {
      issues.push({ code: "round_unknown", params: { value: roundValue } });
    } else if (Number(roundValue) !== round.position) {
      issues.push({ code: "round_other", params: { value: roundValue, expected: round.position } });
    }

    const number = v.proposal_number;
    const proposal = number ? proposalByNumber.get(number.toUpperCase()) : undefined;
    if (!number) issues.push({ code: "proposal_missing" });
    else if (!proposal) issues.push({ code: "proposal_unknown", params: { value: number } });
    else if (!eligibleIds.has(proposal.id)) issues.push({ code: "proposal_not_eligible", params: { value: number } });

    const email = v.juror_email;
    const candidates = email ? (jurorsByEmail.get(emailKey(email)) ?? []) : [];
    const juror = candidates.find((j) => j.role === round.pool_role && j.status === "active");
    if (!email) issues.push({ code: "juror_missing" });
    else if (candidates.length === 0) issues.push({ code: "juror_unknown", params: { value: email } });
    else if (!juror) issues.push({ code: "juror_not_in_pool", params: { value: email } });

    // Pair rules (conflict, duplicate, loads, k) only for a row that names
    // this round, an eligible proposal and a juror of the pool.
    const identified = issues.length === 0;
    const match = v.expertise_match;
    if (match !== "0" && match !== "1") issues.push({ code: "expertise_invalid", params: { value: match || "—" } });
    const source = v.source.toLowerCase();
    if (source !== "auto" && source !== "manual") issues.push({ code: "source_invalid", params: { value: v.source || "—" } });

    if (identified && juror && proposal) {
      const pair = `${juror.id}|${proposal.id}`;
      const sources = conflicts.get(pair);
      const first = firstLineOfPair.get(pair);
      const already = mode === "add" && currentPairs.has(pair);
      if (sources) issues.push({ code: "conflict", params: { sources: sources.join(", ") } });
      if (first !== undefined) issues.push({ code: "duplicate_pair", params: { line: first } });
      else firstLineOfPair.set(pair, row.line);
      if (already) issues.push({ code: "already_assigned" });
      // Only a pair that would really be added counts toward the juror's load and the proposal's k.
      if (!sources && first === undefined && !already) {
        const l = (load.get(juror.id) ?? 0) + 1;
        load.set(juror.id, l);
        if (l > Number(juror.max_load)) issues.push({ code: "over_max_load", params: { email, max: Number(juror.max_load), load: l } });
        const n = (perProposal.get(proposal.id) ?? 0) + 1;
        perProposal.set(proposal.id, n);
        if (n > round.k) issues.push({ code: "over_k", params: { number: proposal.number, k: round.k, count: n } });
      }
    }

    if (issues.length) {
      rowErrors.push({ line: row.line, issues });
      continue;
    }
    valid.push({
      line: row.line,
      jurorId: juror!.id,
      proposalId: proposal!.id,
      source: source as "auto" | "manual",
      expertiseMatch: expertiseCovers(expertise.get(juror!.id), proposal!.category_id) ? 1 : 0,
    });
  }
  return { rowErrors, valid, current };
}

const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Import assignments.csv into a round (see the module comment). Nothing is
 * written unless every row is valid. 403 without "jury.manage", 404 for an
 * unknown edition or round.
 */
export async function importAssignmentsCsv(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: ImportInput,
  now: Date = new Date(),
): Promise<ImportAssignmentsResult> {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  if (input.mode === "replace" && !input.confirmReplace) {
    return { ok: false, reason: "form", errors: { confirmReplace: "juror.csv.errors.confirmReplace" } };
  }
  const read = readAssignmentsCsv(input.file.name, input.file.bytes);
  if (!read.ok) return { ok: false, reason: "invalid", report: read.report };
  const rows = read.rows;

  return db.transaction().execute(async (trx): Promise<ImportAssignmentsResult> => {
    const { rowErrors, valid, current } = await validateRows(trx, round, rows, input.mode);
    if (rowErrors.length > 0) {
      return { ok: false, reason: "invalid", report: { fileName: input.file.name, totalRows: rows.length, fileErrors: [], rowErrors, valid: false } };
    }
    const at = nowIso(now);
    const currentByPair = new Map(current.map((a) => [`${a.juror_id}|${a.proposal_id}`, a]));
    const filePairs = new Set(valid.map((r) => `${r.jurorId}|${r.proposalId}`));
    const toInsert = valid.filter((r) => !currentByPair.has(`${r.jurorId}|${r.proposalId}`));
    const toKeep = valid.filter((r) => currentByPair.has(`${r.jurorId}|${r.proposalId}`));
    const toRemove = input.mode === "replace" ? current.filter((a) => !filePairs.has(`${a.juror_id}|${a.proposal_id}`)) : [];

    for (const part of chunks(toRemove.map((a) => a.id))) {
      await trx.deleteFrom("assignments").where("round_id", "=", round.id).where("id", "in", part).execute();
    }
    for (const r of toKeep) {
      const a = currentByPair.get(`${r.jurorId}|${r.proposalId}`)!;
      await trx
        .updateTable("assignments")
        .set({ source: r.source, expertise_match: r.expertiseMatch })
        .where("id", "=", a.id)
        .where("round_id", "=", round.id)
        .execute();
    }
    for (const part of chunks(toInsert)) {
      await trx
        .insertInto("assignments")
        .values(
          part.map((r) => ({
            id: newId(),
            round_id: round.id,
            juror_id: r.jurorId,
            proposal_id: r.proposalId,
            source: r.source,
            expertise_match: r.expertiseMatch,
            run_id: null,
            created_by: actor.userId,
            created_at: at,
            opened_at: null,
            completed_at: null,
          })),
        )
        .execute();
    }
    const counts = { rows: valid.length, added: toInsert.length, removed: toRemove.length, kept: toKeep.length };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "assignment.imported",
      entityType: "round",
      entityId: round.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { assignments: current.length },
      after: { round: round.position, mode: input.mode, file: input.file.name, ...counts },
    });
    return { ok: true, mode: input.mode, ...counts };
  });
}

/** What the CSV page shows: the round, its files and the import's limits. */
export async function getRoundCsvPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  const current = await listRoundAssignments(db, round.id);
  return {
    competition: { name: c.name, slug: c.slug },
    round: { id: round.id, position: round.position, name: round.name, k: round.k },
    assignmentCount: current.length,
    files: [...CSV_FILES],
    columns: {
      "assignments.csv": [...ASSIGNMENT_COLUMNS],
      "jurors.csv": [...JUROR_COLUMNS],
      "proposals.csv": [...PROPOSAL_COLUMNS],
      "conflicts.csv": [...CONFLICT_COLUMNS],
    } as Record<CsvFile, string[]>,
    limits: { maxMegabytes: ASSIGNMENT_IMPORT_LIMITS.maxBytes / (1024 * 1024), maxRows: ASSIGNMENT_IMPORT_LIMITS.maxRows },
  };
}
