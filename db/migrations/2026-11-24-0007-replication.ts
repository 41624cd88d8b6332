import type { Kysely } from "kysely";

/**
 * Replication and sustainability: replications (a source innovation of the
 * catalogue or an external one, adopted by an agency, optionally with a
 * facilitator; four dated stages with notes and evidence; a status; what was
 * changed; the source agency's confirmation and an organizer's
 * verification), replication commitments and willingness to be replicated,
 * monitoring periods over past editions with one sustainability report per
 * innovation, reminders, and the link of a proposal forwarded from a
 * provincial contest to a national edition. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("replications")
    .addColumn("id", "text", (c) => c.primaryKey())
    // The source: an innovation of the catalogue, or an external one (title, agency, year).
    .addColumn("source_innovation_id", "text", (c) => c.references("innovations.id"))
    .addColumn("source_title", "text", (c) => c.notNull())
    .addColumn("source_agency_name", "text", (c) => c.notNull())
    .addColumn("source_agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("source_year", "integer")
    .addColumn("adopter_agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("facilitator_agency_id", "text", (c) => c.references("agencies.id"))
    // The Replikasi-group proposal it came from, if any (one replication per source it names).
    .addColumn("proposal_id", "text", (c) => c.references("proposals.id"))
    .addColumn("title", "text", (c) => c.notNull())
    // persiapan | rencana | implementasi | evaluasi (the furthest stage reached)
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("persiapan"))
    // berjalan | selesai | dihentikan
    .addColumn("status", "text", (c) => c.notNull().defaultTo("berjalan"))
    .addColumn("status_reason", "text")
    // "Faktor pembeda": what the adopter changed from the source.
    .addColumn("differences", "text", (c) => c.notNull().defaultTo(""))
    // pending | confirmed | disputed | external (no source agency on the platform)
    .addColumn("source_response", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("source_response_note", "text")
    .addColumn("source_responded_by", "text", (c) => c.references("users.id"))
    .addColumn("source_responded_at", "text")
    // An organizer's verification.
    .addColumn("verified_by", "text", (c) => c.references("users.id"))
    .addColumn("verified_at", "text")
    .addColumn("verifier_organizer_id", "text", (c) => c.references("organizers.id"))
    // Recorded by an organizer on the agency's behalf (null: by the agency).
    .addColumn("recorded_by_organizer_id", "text", (c) => c.references("organizers.id"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("replications_source_idx").on("replications").column("source_innovation_id").execute();
  await db.schema.createIndex("replications_adopter_idx").on("replications").column("adopter_agency_id").execute();
  await db.schema.createIndex("replications_source_agency_idx").on("replications").column("source_agency_id").execute();
  // A proposal's sources become replications once, even when two submissions race.
  await db.schema
    .createIndex("replications_proposal_source_uq")
    .on("replications")
    .columns(["proposal_id", "source_title", "source_agency_name"])
    .unique()
    .execute();

  await db.schema
    .createTable("replication_stages")
    .addColumn("replication_id", "text", (c) => c.notNull().references("replications.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull())
    // WIB calendar date yyyy-mm-dd
    .addColumn("happened_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("replication_stages_pk", ["replication_id", "stage"])
    .execute();

  await db.schema
    .createTable("replication_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("replication_id", "text", (c) => c.notNull().references("replications.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("storage", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("replication_files_replication_idx").on("replication_files").column("replication_id").execute();

  // Replication commitments (an agency intends to replicate) and willingness to be replicated (a winner offers).
  await db.schema
    .createTable("innovation_commitments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("innovation_id", "text", (c) => c.notNull().references("innovations.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // commitment | willingness
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .execute();
  await db.schema.createIndex("innovation_commitments_innovation_idx").on("innovation_commitments").column("innovation_id").execute();

  await db.schema
    .createTable("monitoring_periods")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organizer_id", "text", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("monitoring_period_editions")
    .addColumn("period_id", "text", (c) => c.notNull().references("monitoring_periods.id").onDelete("cascade"))
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("monitoring_period_editions_pk", ["period_id", "competition_id"])
    .execute();

  await db.schema
    .createTable("sustainability_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_id", "text", (c) => c.notNull().references("monitoring_periods.id").onDelete("cascade"))
    .addColumn("innovation_id", "text", (c) => c.notNull().references("innovations.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // berlanjut | berkembang | berhenti
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("users_served", "integer")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reported_by", "text", (c) => c.references("users.id"))
    .addColumn("reported_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("sustainability_reports_period_innovation_uq", ["period_id", "innovation_id"])
    .execute();
  await db.schema.createIndex("sustainability_reports_innovation_idx").on("sustainability_reports").column("innovation_id").execute();

  await db.schema
    .createTable("sustainability_report_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("sustainability_reports.id").onDelete("cascade"))
    .addColumn("storage", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Last reminder per period and agency (one per day at most).
  await db.schema
    .createTable("monitoring_reminders")
    .addColumn("period_id", "text", (c) => c.notNull().references("monitoring_periods.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("monitoring_reminders_pk", ["period_id", "agency_id"])
    .execute();

  // A national draft forwarded from a provincial contest's winner.
  await db.schema.alterTable("proposals").addColumn("forwarded_from_proposal_id", "text", (c) => c.references("proposals.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposals").dropColumn("forwarded_from_proposal_id").execute();
  for (const t of [
    "monitoring_reminders",
    "sustainability_report_files",
    "sustainability_reports",
    "monitoring_period_editions",
    "monitoring_periods",
    "innovation_commitments",
    "replication_files",
    "replication_stages",
    "replications",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
