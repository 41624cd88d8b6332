/**
 * CSV (RFC 4180) and the proposal import's rules. No I/O.
 *
 * Parser: fields separated by a delimiter (comma; semicolon when the header
 * line uses it, as Excel does under the Indonesian locale), records ended by
 * CRLF, LF or a lone CR, fields optionally enclosed in double quotes with a
 * quote inside written twice; a quoted field may span lines. A leading UTF-8
 * BOM is dropped. Anything else is an error naming its line: a quote that is
 * never closed, a quote inside an unquoted field, text after a closing quote.
 *
 * Writer: quotes a field only when it must (delimiter, quote, CR or LF
 * inside), ends every record with CRLF; exports add a BOM so Excel reads UTF-8.
 *
 * Import: `readImportTable` checks the header and the shape of every row;
 * `validateImportRows` checks each row against the edition and the registry
 * (what the service looked up) and lists every problem with its line.
 */
import { normalizeAgencyCode } from "./agencies";
import type { Category, EditionSettings, Group } from "./edition";
import { countWords, isAgencyEligible } from "./proposal-rules";
import type { Cluster } from "./roles";

export const UTF8_BOM = "\uFEFF";

export type CsvErrorCode = "unterminated_quote" | "stray_quote" | "text_after_quote";

export interface CsvError {
  code: CsvErrorCode;
  /** 1-based physical line where the problem is (for an unterminated quote: where the field opened). */
  line: number;
}

export interface CsvRecord {
  /** 1-based physical line where the record starts (a quoted field can span lines). */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; error: CsvError };

export type CsvDelimiter = "," | ";";

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line breaks in text[from, to): LF, CRLF (once) and a lone CR. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * The delimiter of a file: a semicolon when the first line (outside quotes)
 * has more semicolons than commas, else a comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const t = stripBom(text);
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** Every record of a CSV text, or the first error with its line. An empty line is a record of one empty field. */
export function parseCsv(input: string, delimiter: CsvDelimiter = ","): CsvParseResult {
  const text = stripBom(input);
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;

  /** Consume the line break at i (CRLF, LF or CR) and close the record. */
  const endRecord = () => {
    records.push({ line: recordLine, fields });
    fields = [];
    if (i < n) {
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else i += 1;
      line++;
    }
    recordLine = line;
  };

  while (i < n) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let value = "";
      let chunk = i + 1;
      let j = chunk;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return { ok: false, error: { code: "unterminated_quote", line: openedOn } };
        line += lineBreaks(text, j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(chunk, q + 1);
          j = q + 2;
          chunk = j;
          continue;
        }
        value += text.slice(chunk, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= n) {
        endRecord();
        break;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push("");
          endRecord();
        }
        continue;
      }
      if (c === CR || c === LF) {
        endRecord();
        continue;
      }
      return { ok: false, error: { code: "text_after_quote", line } };
    }

    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === delim || c === CR || c === LF) break;
      if (c === QUOTE) return { ok: false, error: { code: "stray_quote", line } };
    }
    fields.push(text.slice(i, j));
    i = j;
    if (i >= n) {
      endRecord();
      break;
    }
    if (text.charCodeAt(i) === delim) {
      i++;
      // "a," at the very end: a last, empty field.
      if (i >= n) {
        fields.push("");
        endRecord();
      }
      continue;
    }
    endRecord();
  }
  return { ok: true, records };
}

/** One field as CSV: quoted only when it holds the delimiter, a quote, CR or LF. */
export function csvField(value: string, delimiter: CsvDelimiter = ","): string {
  if (value.includes('"')) return `"${value.replaceAll('"', '""')}"`;
  if (value.includes(delimiter) || value.includes("\n") || value.includes("\r")) return `"${value}"`;
  return value;
}

/** One record with its CRLF. */
export function csvLine(fields: readonly string[], delimiter: CsvDelimiter = ","): string {
  return fields.map((f) => csvField(f, delimiter)).join(delimiter) + "\r\n";
}

/** A whole CSV text; `bom` puts the UTF-8 byte order mark first (for Excel). */
export function toCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean; delimiter?: CsvDelimiter } = {}): string {
  return (opts.bom ? UTF8_BOM : "") + rows.map((r) => csvLine(r, opts.delimiter)).join("");
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) gets a leading apostrophe, so text typed by an agency cannot run in
 * the organizer's Excel ("CSV injection"). Used by CSV exports only: XLSX
 * cells are written as text and never evaluated.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// ---------------------------------------------------------------------------
// The proposal import
// ---------------------------------------------------------------------------

/** The columns every import file must have, in the documented order. */
export const IMPORT_COLUMNS = [
  "external_id",
  "agency_code",
  "group",
  "category",
  "title",
  "start_date",
  "innovator",
  "contact_email",
  "summary",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The section that receives the `summary` column, when the row's group has it. */
export const SUMMARY_SECTION_KEY = "ringkasan";

export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  externalIdMaxLength: 100,
  titleMaxLength: 300,
  textMaxLength: 200,
} as const;

/** Problems with the file as a whole: nothing can be imported until they are fixed. */
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

/** Problems with one row. */
export type RowIssueCode =
  | "column_count"
  | "external_id_missing"
  | "external_id_too_long"
  | "external_id_duplicate"
  | "agency_missing"
  | "agency_unknown"
  | "agency_not_eligible"
  | "group_missing"
  | "group_unknown"
  | "category_missing"
  | "category_unknown"
  | "category_not_used"
  | "title_missing"
  | "title_too_long"
  | "start_date_missing"
  | "start_date_invalid"
  | "innovator_too_long"
  | "email_missing"
  | "email_invalid"
  | "section_over_limit"
  | "section_not_in_group"
  | "summary_conflict";

/** Row notices that do not stop the import. */
export type RowWarningCode = "summary_ignored";

export type IssueParams = Record<string, string | number>;

export interface FileIssue {
  code: FileIssueCode;
  line?: number;
  params?: IssueParams;
}

export interface RowIssue<C extends string = RowIssueCode> {
  code: C;
  params?: IssueParams;
}

/** A data row of the file: where it is and its cells by (lower-case) column name. */
export interface ImportRow {
  /** Physical line where the row starts (what a text editor shows). */
  line: number;
  /** Spreadsheet row number: the header is row 1 (what Excel shows; differs when a cell holds line breaks). */
  row: number;
  values: Record<string, string>;
  /** Set when the row's cell count differs from the header's; its values are then not read. */
  columnCount?: { expected: number; found: number };
}

export interface ImportTable {
  delimiter: CsvDelimiter;
  /** Column names as in the file, trimmed and lower-cased. */
  columns: string[];
  /** Section columns (every column beyond IMPORT_COLUMNS). */
  sectionColumns: string[];
  rows: ImportRow[];
}

export type ReadTableResult = { ok: true; table: ImportTable } | { ok: false; issues: FileIssue[] };

/** Every section key of the edition's groups, in group then section order. */
export function editionSectionKeys(groups: readonly Pick<Group, "sections">[]): string[] {
  const keys: string[] = [];
  for (const g of groups) for (const s of g.sections) if (!keys.includes(s.key)) keys.push(s.key);
  return keys;
}

function isBlankRecord(fields: string[]): boolean {
  return fields.every((f) => f.trim() === "");
}

/**
 * The header and the rows of an import file (already decoded text), checked
 * for shape only: CSV syntax, required and known columns, the row limit, and
 * each row's cell count. Blank rows (every cell empty, as Excel leaves at the
 * end of a sheet) are skipped.
 */
export function readImportTable(text: string, sectionKeys: readonly string[], maxRows: number = IMPORT_LIMITS.maxRows): ReadTableResult {
  if (stripBom(text).trim() === "") return { ok: false, issues: [{ code: "file_empty" }] };
  const delimiter = detectDelimiter(text);
  const parsed = parseCsv(text, delimiter);
  if (!parsed.ok) {
    const code = `csv_${parsed.error.code}` as FileIssueCode;
    return { ok: false, issues: [{ code, line: parsed.error.line }] };
  }
  const records = parsed.records;
  const headerIndex = records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerIndex === -1) return { ok: false, issues: [{ code: "file_empty" }] };
  const header = records[headerIndex];
  const columns = header.fields.map((f) => f.trim().toLowerCase());

  const issues: FileIssue[] = [];
  const fixed = new Set<string>(IMPORT_COLUMNS);
  const known = new Set<string>([...IMPORT_COLUMNS, ...sectionKeys]);
  const missing = IMPORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) issues.push({ code: "missing_columns", line: header.line, params: { columns: missing.join(", ") } });
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) {
    issues.push({
      code: "unknown_columns",
      line: header.line,
      params: { columns: unknown.map((c) => (c === "" ? '""' : c)).join(", "), known: sectionKeys.join(", ") || "—" },
    });
  }
  const duplicates = [...new Set(columns.filter((c, i) => c !== "" && columns.indexOf(c) !== i))];
  if (duplicates.length) issues.push({ code: "duplicate_columns", line: header.line, params: { columns: duplicates.join(", ") } });

  const rows: ImportRow[] = [];
  for (let r = headerIndex + 1; r < records.length; r++) {
    const rec = records[r];
    if (isBlankRecord(rec.fields)) continue;
    // The spreadsheet row: records before it, blank ones included, plus one.
    const row: ImportRow = { line: rec.line, row: r + 1, values: {} };
    if (rec.fields.length !== columns.length) {
      row.columnCount = { expected: columns.length, found: rec.fields.length };
    } else {
      columns.forEach((c, k) => {
        row.values[c] = rec.fields[k];
      });
    }
    rows.push(row);
  }
  if (rows.length === 0 && issues.length === 0) issues.push({ code: "no_rows" });
  if (rows.length > maxRows) issues.push({ code: "too_many_rows", params: { rows: rows.length, max: maxRows } });
  if (issues.length) return { ok: false, issues };
  return { ok: true, table: { delimiter, columns, sectionColumns: columns.filter((c) => !fixed.has(c)), rows } };
}

/** What the registry says about an agency, found by its code. */
export interface RegistryAgency {
  id: string;
  code: string;
  cluster: Cluster | string;
  provinceCode: string | null;
}

export interface ImportContext {
  groups: readonly Group[];
  categories: readonly Category[];
  eligibility: Pick<EditionSettings, "allowedClusters" | "eligibleProvinceCode">;
  /** Agencies of the file's codes, by normalised (upper-case) code. */
  agencies: ReadonlyMap<string, RegistryAgency>;
  /** External ids of this edition already in the database. */
  existingExternalIds: ReadonlySet<string>;
}

/** A valid new row, ready to insert. */
export interface ImportProposal {
  line: number;
  row: number;
  externalId: string;
  agencyId: string;
  groupId: string;
  categoryId: string | null;
  title: string;
  startedOn: string;
  innovatorNames: string;
  contactEmail: string;
  /** Section key → text, non-empty texts only. */
  answers: Record<string, string>;
}

export interface RowReport<C extends string> {
  line: number;
  row: number;
  externalId: string;
  issues: RowIssue<C>[];
}

export interface ImportValidation {
  /** Bad rows in file order, each with every reason. */
  errors: RowReport<RowIssueCode>[];
  warnings: RowReport<RowWarningCode>[];
  /** Rows to create (valid and not imported before). */
  toCreate: ImportProposal[];
  /** Rows whose external_id this edition already has: left as they are. */
  skipped: { line: number; row: number; externalId: string }[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

// The same shape zod's .email() accepts for ordinary addresses.
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;

export function isEmail(v: string): boolean {
  return v.length <= 254 && EMAIL.test(v);
}

/**
 * Every row checked against the edition and the registry. A row whose
 * external_id the edition already has is skipped (an import is idempotent):
 * only its place in the file is checked (cell count, id unique in the file),
 * not its content, so re-importing a grown spreadsheet never trips over rows
 * that will not be written. `summary` goes to the "ringkasan" section when
 * the row's group has one, else it is ignored with a warning.
 */
export function validateImportRows(table: ImportTable, ctx: ImportContext): ImportValidation {
  const groupsByKey = new Map(ctx.groups.map((g) => [g.key.toLowerCase(), g]));
  const categoriesByKey = new Map(ctx.categories.map((c) => [c.key.toLowerCase(), c]));
  const firstLineOfId = new Map<string, number>();
  const errors: ImportValidation["errors"] = [];
  const warnings: ImportValidation["warnings"] = [];
  const toCreate: ImportProposal[] = [];
  const skipped: ImportValidation["skipped"] = [];

  for (const row of table.rows) {
    const issues: RowIssue[] = [];
    const rowWarnings: RowIssue<RowWarningCode>[] = [];
    const v = (c: string) => (row.values[c] ?? "").trim();
    const externalId = v("external_id");
    const report = (list: RowIssue[]) => errors.push({ line: row.line, row: row.row, externalId, issues: list });

    if (row.columnCount) {
      report([{ code: "column_count", params: row.columnCount }]);
      continue;
    }

    if (!externalId) issues.push({ code: "external_id_missing" });
    else if (externalId.length > IMPORT_LIMITS.externalIdMaxLength) {
      issues.push({ code: "external_id_too_long", params: { max: IMPORT_LIMITS.externalIdMaxLength } });
    } else {
      const first = firstLineOfId.get(externalId);
      if (first !== undefined) issues.push({ code: "external_id_duplicate", params: { id: externalId, line: first } });
      else firstLineOfId.set(externalId, row.line);
    }
    if (issues.length === 0 && ctx.existingExternalIds.has(externalId)) {
      skipped.push({ line: row.line, row: row.row, externalId });
      continue;
    }

    // The agency.
    const code = normalizeAgencyCode(v("agency_code"));
    const agency = code ? ctx.agencies.get(code) : undefined;
    if (!code) issues.push({ code: "agency_missing" });
    else if (!agency) issues.push({ code: "agency_unknown", params: { code } });
    else if (!isAgencyEligible(ctx.eligibility, { cluster: agency.cluster as Cluster, provinceCode: agency.provinceCode })) {
      issues.push({ code: "agency_not_eligible", params: { code } });
    }

    // Group and category.
    const groupKey = v("group").toLowerCase();
    const group = groupKey ? groupsByKey.get(groupKey) : undefined;
    if (!groupKey) issues.push({ code: "group_missing" });
    else if (!group) {
      issues.push({ code: "group_unknown", params: { value: v("group"), known: ctx.groups.map((g) => g.key).join(", ") || "—" } });
    }
    const categoryKey = v("category").toLowerCase();
    const category = categoryKey ? categoriesByKey.get(categoryKey) : undefined;
    if (ctx.categories.length === 0) {
      if (categoryKey) issues.push({ code: "category_not_used", params: { value: v("category") } });
    } else if (!categoryKey) issues.push({ code: "category_missing" });
    else if (!category) {
      issues.push({ code: "category_unknown", params: { value: v("category"), known: ctx.categories.map((c) => c.key).join(", ") } });
    }

    // Header fields.
    const title = v("title").replace(/\s+/g, " ");
    if (!title) issues.push({ code: "title_missing" });
    else if (title.length > IMPORT_LIMITS.titleMaxLength) issues.push({ code: "title_too_long", params: { max: IMPORT_LIMITS.titleMaxLength } });
    const startDate = v("start_date");
    if (!startDate) issues.push({ code: "start_date_missing" });
    else if (!isIsoDate(startDate)) issues.push({ code: "start_date_invalid", params: { value: startDate } });
    const innovator = v("innovator");
    if (innovator.length > IMPORT_LIMITS.textMaxLength) issues.push({ code: "innovator_too_long", params: { max: IMPORT_LIMITS.textMaxLength } });
    const email = v("contact_email").toLowerCase();
    if (!email) issues.push({ code: "email_missing" });
    else if (!isEmail(email)) issues.push({ code: "email_invalid", params: { value: v("contact_email") } });

    // Section texts: only the row's group's sections, each within its limit.
    const answers: Record<string, string> = {};
    if (group) {
      const sections = new Map(group.sections.map((s) => [s.key, s]));
      const texts = new Map<string, string>();
      for (const key of table.sectionColumns) {
        const text = (row.values[key] ?? "").trim();
        if (!text) continue;
        if (!sections.has(key)) issues.push({ code: "section_not_in_group", params: { section: key, group: group.key } });
        else texts.set(key, text);
      }
      const summary = v("summary");
      if (summary) {
        if (!sections.has(SUMMARY_SECTION_KEY)) {
          rowWarnings.push({ code: "summary_ignored", params: { group: group.key } });
        } else {
          const own = texts.get(SUMMARY_SECTION_KEY);
          if (own !== undefined && own !== summary) issues.push({ code: "summary_conflict", params: { section: SUMMARY_SECTION_KEY } });
          else texts.set(SUMMARY_SECTION_KEY, summary);
        }
      }
      for (const s of group.sections) {
        const text = texts.get(s.key);
        if (text === undefined) continue;
        if (s.wordLimit !== null) {
          const words = countWords(text);
          if (words > s.wordLimit) issues.push({ code: "section_over_limit", params: { section: s.key, limit: s.wordLimit, words } });
        }
        answers[s.key] = text;
      }
    }

    if (rowWarnings.length) warnings.push({ line: row.line, row: row.row, externalId, issues: rowWarnings });
    if (issues.length) {
      report(issues);
      continue;
    }
    toCreate.push({
      line: row.line,
      row: row.row,
      externalId,
      agencyId: agency!.id,
      groupId: group!.id,
      categoryId: category?.id ?? null,
      title,
      startedOn: startDate,
      innovatorNames: innovator,
      contactEmail: email,
      answers,
    });
  }
  return { errors, warnings, toCreate, skipped };
}
