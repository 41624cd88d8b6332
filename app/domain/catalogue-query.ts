/**
 * The catalogue search box: what a person typed, turned into safe full-text
 * queries. No I/O.
 *
 * The text is cut into words (runs of letters, digits and combining marks,
 * lower-cased); everything else — quotes, `*`, `:`, `&`, `|`, `!`, brackets,
 * `-`, the FTS5 keywords AND/OR/NOT/NEAR — is only a separator, so no input can
 * make a malformed query or use the engines' operators. Every word must match
 * (AND); a word of three or more characters also matches as a prefix
 * ("dukcap" finds "Dukcapil"), a shorter one only whole (a one- or
 * two-letter prefix such as "pe" would match most of the catalogue).
 */

import { CLUSTERS } from "./roles";

/** A catalogue search: text, filters and the page (searchCatalogue in ~/models/catalogue-search.server). */
export interface CatalogueQuery {
  q?: string;
  year?: number;
  /** Category key, e.g. "transformasi_digital" (keys are shared across editions). */
  category?: string;
  cluster?: string;
  /** Province code (BPS), e.g. "61". */
  province?: string;
  /** "winner" | "finalist" | "participant" (stage) or an award tier key, e.g. "top45". */
  award?: "winner" | "finalist" | string;
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
}

/** Words shorter than this match only whole (a short prefix matches most of the catalogue). */
export const MIN_PREFIX = 3;

/** At most this many words are used (the rest of a pasted paragraph is ignored). */
export const MAX_TERMS = 8;
/** Longer words are cut (no real word is this long; keeps queries small). */
export const MAX_TERM_LENGTH = 40;

export interface SearchTerm {
  text: string;
  prefix: boolean;
}

/** The words of a search text (see the module comment); [] when there is nothing to search for. */
export function searchTerms(input: string | null | undefined): SearchTerm[] {
  if (!input) return [];
  const words = input.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const out: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    // A word made of combining marks only is no word.
    if (!/[\p{L}\p{N}]/u.test(w)) continue;
    const text = [...w].slice(0, MAX_TERM_LENGTH).join("");
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, prefix: [...text].length >= MIN_PREFIX });
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/**
 * SQLite FTS5 MATCH expression: every term a quoted string (so AND, NEAR… are
 * plain words), `*` after it for a prefix; terms side by side mean AND.
 */
export function ftsMatchQuery(terms: SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.text.replaceAll('"', '""')}"${t.prefix ? "*" : ""}`).join(" ");
}

/**
 * PostgreSQL to_tsquery('simple', …) text: every term a quoted lexeme, `:*`
 * for a prefix, joined with `&`.
 */
export function tsQueryText(terms: SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `'${t.text.replaceAll("'", "''").replaceAll("\\", "\\\\")}'${t.prefix ? ":*" : ""}`).join(" & ");
}

export const MAX_QUERY_LENGTH = 200;
const MAX_PAGE_PARAM = 1000;

const PARAM_RULES: Record<"year" | "category" | "cluster" | "province" | "award", (v: string) => boolean> = {
  year: (v) => /^\d{4}$/.test(v),
  category: (v) => /^[a-z0-9][a-z0-9_-]{0,59}$/.test(v),
  cluster: (v) => (CLUSTERS as readonly string[]).includes(v),
  province: (v) => /^\d{2}$/.test(v),
  award: (v) => /^[a-z0-9][a-z0-9_-]{0,39}$/.test(v),
};

/**
 * A catalogue search from URL parameters (the search page's GET form and the
 * open-data API): q, year, category, cluster, province, award, page and
 * pageSize. Empty parameters are absent; a malformed one is left out of the
 * query and named in `invalid` (the API answers 400, the page ignores it).
 */
export function parseCatalogueParams(params: URLSearchParams): { query: CatalogueQuery; invalid: string[] } {
  const query: CatalogueQuery = {};
  const invalid: string[] = [];
  const get = (k: string) => (params.get(k) ?? "").trim();
  const q = get("q");
  if (q) query.q = q.slice(0, MAX_QUERY_LENGTH);
  for (const key of ["year", "category", "cluster", "province", "award"] as const) {
    const v = get(key);
    if (!v) continue;
    if (!PARAM_RULES[key](v)) {
      invalid.push(key);
      continue;
    }
    if (key === "year") query.year = Number(v);
    else query[key] = v;
  }
  const page = get("page");
  if (page) {
    if (/^\d{1,4}$/.test(page) && Number(page) >= 1 && Number(page) <= MAX_PAGE_PARAM) query.page = Number(page);
    else invalid.push("page");
  }
  const size = get("pageSize");
  if (size) {
    if (/^\d{1,3}$/.test(size) && Number(size) >= 1 && Number(size) <= 100) query.pageSize = Number(size);
    else invalid.push("pageSize");
  }
  return { query, invalid };
}

/** URL parameters for a search (empty ones left out), e.g. for pagination links. */
export function catalogueParams(query: CatalogueQuery, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  if (query.year) p.set("year", String(query.year));
  for (const k of ["category", "cluster", "province", "award"] as const) if (query[k]) p.set(k, String(query[k]));
  if (query.page && query.page > 1) p.set("page", String(query.page));
  if (query.pageSize) p.set("pageSize", String(query.pageSize));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}
