/**
 * Searching the public innovation catalogue (table `innovations`, only rows
 * with visible = 1). Full text over title, summary, agency and region: FTS5
 * (`innovations_fts`, bm25 with the title weighted highest) on SQLite, the
 * generated `search_tsv` with ts_rank on PostgreSQL; the typed text becomes
 * safe prefix terms (~/domain/catalogue-query), so no input can break the
 * query. Filters: year, category key, cluster, province code, award ("winner",
 * "finalist", "participant" or an award tier key such as "top45").
 *
 * Order: with text → relevance, then year (newest first), title; without —
 * or on SQLite when the words match more than RANKED_MATCHES innovations —
 * year (newest first), stage (winners first), title. Two queries at most:
 * the page (chosen on the covering index, then read whole) and the total
 * (from the covering index) unless the page already shows the last match.
 */
import { sql, type RawBuilder } from "kysely";
import { isPostgres, type DB } from "~/db.server";
import { ftsMatchQuery, searchTerms, tsQueryText, type CatalogueQuery } from "~/domain/catalogue-query";

export type { CatalogueQuery };

export interface CatalogueRow {
  id: string;
  title: string;
  /** The first 300 characters of the summary. */
  summary: string;
  agencyName: string;
  cluster: string;
  regionName: string;
  provinceCode: string | null;
  year: number;
  editionName: string;
  categoryNameId: string;
  categoryNameEn: string;
  stage: string;
  awardNameId: string;
  awardNameEn: string;
}

export interface CataloguePage {
  total: number;
  page: number;
  pageSize: number;
  rows: CatalogueRow[];
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Pages beyond this are refused (an offset of millions is no search). */
export const MAX_PAGE = 1000;
/** The CSV download of a search holds at most this many rows. */
export const MAX_EXPORT_ROWS = 10_000;
export const SUMMARY_CHARS = 300;

const STAGES = new Set(["winner", "finalist", "participant"]);

interface RawRow {
  id: string;
  title: string;
  summary: string | null;
  agency_name: string;
  cluster: string;
  region_name: string;
  province_code: string | null;
  year: number | string;
  edition_name: string;
  category_name_id: string;
  category_name_en: string;
  stage: string;
  award_name_id: string;
  award_name_en: string;
}

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  const n = typeof v === "number" ? v : Number.NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

function filterConditions(query: CatalogueQuery): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [sql`i.visible = 1`];
  if (typeof query.year === "number" && Number.isInteger(query.year)) conds.push(sql`i.year = ${query.year}`);
  if (query.category) conds.push(sql`i.category_key = ${query.category}`);
  if (query.cluster) conds.push(sql`i.cluster = ${query.cluster}`);
  if (query.province) conds.push(sql`i.province_code = ${query.province}`);
  if (query.award) {
    if (STAGES.has(query.award)) conds.push(sql`i.stage = ${query.award}`);
    else conds.push(sql`i.award_tier_id in (select t.id from award_tiers t where t.key = ${query.award})`);
  }
  return conds;
}

const COLUMNS = sql`i.id, i.title, substr(i.summary, 1, ${sql.lit(SUMMARY_CHARS)}) as summary, i.agency_name, i.cluster,
  i.region_name, i.province_code, i.year, i.edition_name, i.category_name_id, i.category_name_en, i.stage,
  i.award_name_id, i.award_name_en`;
const STAGE_ORDER = sql`case i.stage when 'winner' then 0 when 'finalist' then 1 else 2 end`;

/**
 * Above this many matching innovations (before filters) a text search is not
 * ranked by relevance: bm25 of words that nearly every innovation contains
 * says nothing and costs a score per match (SQLite; PostgreSQL always ranks).
 */
export const RANKED_MATCHES = 2000;

async function ftsMatches(db: DB, match: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from innovations_fts where innovations_fts match ${match}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function run(db: DB, query: CatalogueQuery, limit: number, offset: number, withTotal: boolean) {
  const terms = searchTerms(query.q);
  const where = sql.join(filterConditions(query), sql` and `);
  const pg = isPostgres(db);
  let rowsSql: RawBuilder<RawRow>;
  let countSql: RawBuilder<{ n: number | string }>;
  if (terms.length > 0 && pg) {
    const tq = tsQueryText(terms) as string;
    const from = sql`from innovations i, to_tsquery('simple', ${tq}) tq where i.search_tsv @@ tq and ${where}`;
    rowsSql = sql<RawRow>`select ${COLUMNS} ${from}
      order by ts_rank(i.search_tsv, tq) desc, i.year desc, i.title, i.id limit ${limit} offset ${offset}`;
    countSql = sql<{ n: number }>`select count(*) as n ${from}`;
  } else if (terms.length > 0) {
    // SQLite: the page is chosen from the narrow covering index (innovations_search_cover) and only
    // its rows are read whole, so a word with thousands of matches never reads thousands of summaries.
    const match = ftsMatchQuery(terms) as string;
    if ((await ftsMatches(db, match)) > RANKED_MATCHES) {
      // Words found nearly everywhere: their relevance is noise, so the newest first (as without words).
      const from = sql`from innovations i where i.num in (select rowid from innovations_fts where innovations_fts match ${match}) and ${where}`;
      rowsSql = sql<RawRow>`select ${COLUMNS} from (
          select i.num, i.year, ${STAGE_ORDER} as stage_order, i.title, i.id ${from}
          order by i.year desc, stage_order, i.title, i.id limit ${limit} offset ${offset}
        ) p inner join innovations i on i.num = p.num
        order by p.year desc, p.stage_order, p.title, p.id`;
      countSql = sql<{ n: number }>`select count(*) as n ${from}`;
    } else {
      // Column weights: title, summary, agency_name, region_name. Joined on the integer key (innovations.num).
      const from = sql`from (
          select rowid as num, bm25(innovations_fts, 10.0, 3.0, 4.0, 2.0) as score
          from innovations_fts where innovations_fts match ${match}
        ) f inner join innovations i on i.num = f.num where ${where}`;
      rowsSql = sql<RawRow>`select ${COLUMNS} from (
          select i.num, f.score, i.year, i.title, i.id ${from}
          order by f.score, i.year desc, i.title, i.id limit ${limit} offset ${offset}
        ) p inner join innovations i on i.num = p.num
        order by p.score, p.year desc, p.title, p.id`;
      countSql = sql<{ n: number }>`select count(*) as n ${from}`;
    }
  } else if (!pg) {
    // As above: the page from the covering index, then its rows whole.
    const from = sql`from innovations i where ${where}`;
    rowsSql = sql<RawRow>`select ${COLUMNS} from (
        select i.num, i.year, ${STAGE_ORDER} as stage_order, i.title, i.id ${from}
        order by i.year desc, stage_order, i.title, i.id limit ${limit} offset ${offset}
      ) p inner join innovations i on i.num = p.num
      order by p.year desc, p.stage_order, p.title, p.id`;
    countSql = sql<{ n: number }>`select count(*) as n ${from}`;
  } else {
    const from = sql`from innovations i where ${where}`;
    rowsSql = sql<RawRow>`select ${COLUMNS} ${from}
      order by i.year desc, ${STAGE_ORDER}, i.title, i.id limit ${limit} offset ${offset}`;
    countSql = sql<{ n: number }>`select count(*) as n ${from}`;
  }
  const rows = await rowsSql.execute(db);
  // A short page (not past the end) holds every match: no need to count them again.
  const complete = rows.rows.length < limit && (offset === 0 || rows.rows.length > 0);
  const total = !withTotal || complete ? offset + rows.rows.length : Number((await countSql.execute(db)).rows[0]?.n ?? 0);
  return { total, rows: rows.rows.map(toRow) };
}

function toRow(r: RawRow): CatalogueRow {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary ?? "",
    agencyName: r.agency_name,
    cluster: r.cluster,
    regionName: r.region_name,
    provinceCode: r.province_code,
    year: Number(r.year),
    editionName: r.edition_name,
    categoryNameId: r.category_name_id,
    categoryNameEn: r.category_name_en,
    stage: r.stage,
    awardNameId: r.award_name_id,
    awardNameEn: r.award_name_en,
  };
}

/** One page of the catalogue for a search (see the module comment), with the total number of matches. */
export async function searchCatalogue(db: DB, query: CatalogueQuery): Promise<CataloguePage> {
  const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const page = clampInt(query.page, 1, MAX_PAGE, 1);
  const { total, rows } = await run(db, query, pageSize, (page - 1) * pageSize, true);
  return { total, page, pageSize, rows };
}

/** Every match of a search in order, up to `max` rows (the open-data CSV). */
export async function searchCatalogueForExport(db: DB, query: CatalogueQuery, max = MAX_EXPORT_ROWS): Promise<CatalogueRow[]> {
  const { rows } = await run(db, query, max, 0, false);
  return rows;
}
