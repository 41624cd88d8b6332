import type { Kysely } from "kysely";

/**
 * Indexes for the public replication pages (issue 7 benchmark,
 * docs/benchmarks.md "Replications"): the public-visibility condition
 * (source_response = 'confirmed' OR verified_at IS NOT NULL) is answered from
 * the index, so counting and listing a source's or an adopter's public
 * replications does not read the replication rows. They replace the
 * single-column indexes on source_innovation_id and adopter_agency_id of
 * migration 0007 (same leading column). The catalogue gets (id, visible,
 * province_code) so the per-province counts read no innovation row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("replications_source_public_idx")
    .on("replications")
    .columns(["source_innovation_id", "source_response", "verified_at"])
    .execute();
  await db.schema
    .createIndex("replications_adopter_public_idx")
    .on("replications")
    .columns(["adopter_agency_id", "source_response", "verified_at"])
    .execute();
  await db.schema.dropIndex("replications_source_idx").execute();
  await db.schema.dropIndex("replications_adopter_idx").execute();
  await db.schema.createIndex("innovations_visible_province_idx").on("innovations").columns(["id", "visible", "province_code"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("innovations_visible_province_idx").execute();
  await db.schema.createIndex("replications_source_idx").on("replications").column("source_innovation_id").execute();
  await db.schema.createIndex("replications_adopter_idx").on("replications").column("adopter_agency_id").execute();
  await db.schema.dropIndex("replications_adopter_public_idx").execute();
  await db.schema.dropIndex("replications_source_public_idx").execute();
}
