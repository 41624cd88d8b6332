import type { Kysely } from "kysely";
import regions from "../reference/regions.json";
import central from "../reference/central-agencies.json";

/**
 * Reference data: the 38 provinces and 514 regencies and cities (Kemendagri
 * codes, from idn-area-data via db/reference/regions.json), their governments
 * as agencies (Provinsi, Kabupaten, Kota, each regency and city a child of its
 * province), and the central ministries, agencies and state enterprises.
 * Frozen: new reference data goes into a new migration.
 */
const CREATED_AT = "2026-11-24T00:00:00.000Z";

function searchKey(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

async function insertChunked(db: Kysely<any>, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db.insertInto(table).values(rows.slice(i, i + 100)).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await insertChunked(
    db,
    "regions",
    regions.provinces.map((p) => ({ code: p.code, name: p.name, level: "province", parent_code: null })),
  );
  await insertChunked(
    db,
    "regions",
    regions.regencies.map((r) => ({ code: r.code, name: r.name, level: "regency", parent_code: r.province_code })),
  );

  const agency = (
    code: string,
    name: string,
    cluster: string,
    province: string | null,
    regency: string | null,
    parent: string | null,
  ) => ({
    id: `ag-${code.toLowerCase()}`,
    code,
    name,
    name_search: searchKey(name),
    cluster,
    province_code: province,
    regency_code: regency,
    parent_id: parent,
    organizer_id: null,
    created_at: CREATED_AT,
  });

  await insertChunked(
    db,
    "agencies",
    regions.provinces.map((p) => agency(`PROV-${p.code}`, `Pemerintah Provinsi ${p.name}`, "provinsi", p.code, null, null)),
  );
  await insertChunked(
    db,
    "agencies",
    regions.regencies.map((r) => {
      const isCity = r.name.startsWith("Kota ");
      return agency(
        `${isCity ? "KOTA" : "KAB"}-${r.code}`,
        `Pemerintah ${r.name}`,
        isCity ? "kota" : "kabupaten",
        r.province_code,
        r.code,
        `ag-prov-${r.province_code}`,
      );
    }),
  );
  await insertChunked(db, "agencies", [
    ...central.kementerian.map((a) => agency(a.code, a.name, "kementerian", null, null, null)),
    ...central.lembaga.map((a) => agency(a.code, a.name, "lembaga", null, null, null)),
    ...central.bumn.map((a) => agency(a.code, a.name, "bumn", null, null, null)),
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("agencies").where("organizer_id", "is", null).execute();
  await db.deleteFrom("regions").where("level", "=", "regency").execute();
  await db.deleteFrom("regions").execute();
}
