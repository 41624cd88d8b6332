/**
 * The agency registry (instansi): reference data (provinces, regencies and
 * cities, central agencies) plus what organizers add (OPD, BUMD, BUMN,
 * lembaga). Search runs on name_search, a lower-cased accent-free copy of the
 * name, so the same LIKE works on SQLite and PostgreSQL.
 */
import { sql, type Expression, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { escapeLike, normalizeAgencyName, searchKey, searchWords } from "~/domain/agencies";
import { CLUSTERS, type Cluster } from "~/domain/roles";
import { newId, nowIso } from "~/lib/ids.server";

export const AGENCY_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

/** Registry order: by cluster (kementerian … opd, as CLUSTERS), then by name. */
function clusterOrder(column: string) {
  const whens = CLUSTERS.map((c, i) => sql`when ${sql.lit(c)} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.ref(column)} ${sql.join(whens, sql` `)} else ${sql.lit(CLUSTERS.length)} end`;
}

function like(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

export interface AgencySearch {
  q?: string | null;
  cluster?: Cluster | null;
  provinceCode?: string | null;
  page?: number;
  pageSize?: number;
}

/** The agencies matching a search: one page of rows and the total (two queries whatever the size). */
export async function searchAgencies(db: DB, s: AgencySearch) {
  const pageSize = Math.min(Math.max(Math.trunc(s.pageSize ?? AGENCY_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(s.page ?? 1), 1);
  const words = searchWords(s.q);

  const filtered = () => {
    let q = db.selectFrom("agencies");
    for (const w of words) {
      const pattern = `%${escapeLike(w)}%`;
      // Codes are upper-case ("KOTA-61.71"); compare them lower-cased too.
      q = q.where((eb) =>
        eb.or([like("agencies.name_search", pattern), sql<SqlBool>`lower(${sql.ref("agencies.code")}) like ${pattern} escape '\\'`]),
      );
    }
    if (s.cluster) q = q.where("agencies.cluster", "=", s.cluster);
    if (s.provinceCode) q = q.where("agencies.province_code", "=", s.provinceCode);
    return q;
  };

  const [countRow, rows] = await Promise.all([
    filtered()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    filtered()
      .leftJoin("regions as province", "province.code", "agencies.province_code")
      .leftJoin("regions as regency", "regency.code", "agencies.regency_code")
      .leftJoin("agencies as parent", "parent.id", "agencies.parent_id")
      .select([
        "agencies.id",
        "agencies.code",
        "agencies.name",
        "agencies.cluster",
        "agencies.province_code",
        "agencies.regency_code",
        "agencies.parent_id",
        "agencies.organizer_id",
        "province.name as province_name",
        "regency.name as regency_name",
        "parent.name as parent_name",
      ])
      .orderBy(clusterOrder("agencies.cluster"))
      .orderBy("agencies.name")
      .orderBy("agencies.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const total = Number(countRow.n);
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type AgencySearchRow = Awaited<ReturnType<typeof searchAgencies>>["rows"][number];

/** One agency with its parent, province, regency and (when organizer-added) organizer names. */
export async function findAgency(db: DB, id: string) {
  return db
    .selectFrom("agencies")
    .leftJoin("regions as province", "province.code", "agencies.province_code")
    .leftJoin("regions as regency", "regency.code", "agencies.regency_code")
    .leftJoin("agencies as parent", "parent.id", "agencies.parent_id")
    .leftJoin("organizers", "organizers.id", "agencies.organizer_id")
    .select([
      "agencies.id",
      "agencies.code",
      "agencies.name",
      "agencies.cluster",
      "agencies.province_code",
      "agencies.regency_code",
      "agencies.parent_id",
      "agencies.organizer_id",
      "agencies.created_at",
      "province.name as province_name",
      "regency.name as regency_name",
      "parent.name as parent_name",
      "parent.code as parent_code",
      "organizers.name as organizer_name",
    ])
    .where("agencies.id", "=", id)
    .executeTakeFirst();
}

/** The agencies directly under one (a province's regencies, cities and OPD), in registry order. */
export async function listChildren(db: DB, parentId: string) {
  return db
    .selectFrom("agencies")
    .select(["id", "code", "name", "cluster", "organizer_id"])
    .where("parent_id", "=", parentId)
    .orderBy(clusterOrder("cluster"))
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** The 38 provinces, by name. */
export async function listProvinces(db: DB) {
  return db.selectFrom("regions").select(["code", "name"]).where("level", "=", "province").orderBy("name").execute();
}

export async function findProvince(db: DB, code: string) {
  return db
    .selectFrom("regions")
    .select(["code", "name"])
    .where("code", "=", code)
    .where("level", "=", "province")
    .executeTakeFirst();
}

/** The government of a province as an agency (code PROV-61). */
export async function findProvinceAgency(db: DB, provinceCode: string) {
  return db
    .selectFrom("agencies")
    .select(["id", "code", "name"])
    .where("code", "=", `PROV-${provinceCode}`)
    .where("cluster", "=", "provinsi")
    .executeTakeFirst();
}

export interface NewAgency {
  code: string;
  name: string;
  cluster: Cluster;
  provinceCode: string | null;
  regencyCode?: string | null;
  parentId: string | null;
  organizerId: string | null;
  id?: string;
}

export async function insertAgency(db: DB, a: NewAgency): Promise<string> {
  const id = a.id ?? newId();
  const name = normalizeAgencyName(a.name);
  await db
    .insertInto("agencies")
    .values({
      id,
      code: a.code,
      name,
      name_search: searchKey(name),
      cluster: a.cluster,
      province_code: a.provinceCode,
      regency_code: a.regencyCode ?? null,
      parent_id: a.parentId,
      organizer_id: a.organizerId,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** Whether a code is used, whatever its case. */
export async function agencyCodeTaken(db: DB, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("agencies")
    .select("id")
    .where(sql<string>`lower(${sql.ref("code")})`, "=", code.trim().toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
}

/** Codes starting with `prefix-`, to number the next one. */
export async function agencyCodesWithPrefix(db: DB, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom("agencies")
    .select("code")
    .where(like("code", `${escapeLike(prefix)}-%`))
    .execute();
  return rows.map((r) => r.code);
}

/**
 * Whether the name is already used in the same scope: the same province, or
 * among national agencies (no province) when provinceCode is null.
 * Compared on the search key, so case and accents do not make a new name.
 */
export async function agencyNameTaken(db: DB, name: string, provinceCode: string | null): Promise<boolean> {
  let q = db.selectFrom("agencies").select("id").where("name_search", "=", searchKey(normalizeAgencyName(name)));
  q = provinceCode === null ? q.where("province_code", "is", null) : q.where("province_code", "=", provinceCode);
  return Boolean(await q.executeTakeFirst());
}

/**
 * Whether an agency belongs to a province (the province itself, its regencies
 * and cities, its OPD and BUMD). A provincial organizer may act only on these.
 */
export async function isAgencyInProvince(db: DB, agencyId: string, provinceCode: string): Promise<boolean> {
  const row = await db
    .selectFrom("agencies")
    .select("id")
    .where("id", "=", agencyId)
    .where("province_code", "=", provinceCode)
    .executeTakeFirst();
  return Boolean(row);
}
