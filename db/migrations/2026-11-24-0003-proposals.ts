import type { Kysely } from "kysely";

/**
 * Proposals: edition settings (groups with their form sections and
 * attachment slots, categories, eligibility, registration extensions),
 * proposals with answers, evidence files and replication sources, and
 * administrative screening. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Edition-level settings live on the competition row.
  await db.schema
    .alterTable("competitions")
    .addColumn("number_prefix", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("competitions")
    .addColumn("number_counter", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // JSON array of clusters that may enter; "[]" means every cluster.
  await db.schema
    .alterTable("competitions")
    .addColumn("allowed_clusters", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  // Provincial contests: only agencies of this province (its OPD, regencies, cities).
  await db.schema.alterTable("competitions").addColumn("eligible_province_code", "text").execute();
  await db.schema.alterTable("competitions").addColumn("screening_published_at", "text").execute();

  await db.schema
    .createTable("registration_extensions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("previous_ends_at", "text")
    .addColumn("new_ends_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("registration_extensions_comp_idx").on("registration_extensions").column("competition_id").execute();

  await db.schema
    .createTable("competition_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("description_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("min_age_months", "integer", (c) => c.notNull().defaultTo(0))
    // null = no quota
    .addColumn("quota_per_agency", "integer")
    .addColumn("requires_sources", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("video_required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("competition_groups_key_uq", ["competition_id", "key"])
    .execute();

  await db.schema
    .createTable("competition_categories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("competition_categories_key_uq", ["competition_id", "key"])
    .execute();

  await db.schema
    .createTable("group_sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("competition_groups.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("title_id", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("guidance_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("guidance_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("word_limit", "integer")
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("group_sections_key_uq", ["group_id", "key"])
    .execute();

  await db.schema
    .createTable("group_attachment_slots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("competition_groups.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    // comma-separated: pdf,jpeg,png
    .addColumn("accepted_types", "text", (c) => c.notNull().defaultTo("pdf"))
    .addColumn("max_size_mb", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("group_attachment_slots_key_uq", ["group_id", "key"])
    .execute();

  await db.schema
    .createTable("proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id"))
    .addColumn("group_id", "text", (c) => c.notNull().references("competition_groups.id"))
    .addColumn("category_id", "text", (c) => c.references("competition_categories.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // Stable public number, e.g. KIPP2025-000123, given when the draft is created.
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("title_key", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("service_unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("innovator_kind", "text", (c) => c.notNull().defaultTo("person")) // person | team
    .addColumn("innovator_names", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("innovator_decree", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("started_on", "text") // YYYY-MM-DD
    .addColumn("contact_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("video_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("declaration", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft")) // draft | submitted | returned | withdrawn
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("receipt_number", "text")
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("return_note", "text")
    .addColumn("external_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposals_comp_status_idx").on("proposals").columns(["competition_id", "status"]).execute();
  await db.schema.createIndex("proposals_agency_idx").on("proposals").columns(["agency_id", "competition_id"]).execute();
  await db.schema.createIndex("proposals_title_key_idx").on("proposals").columns(["competition_id", "title_key"]).execute();
  await db.schema
    .createIndex("proposals_external_uq")
    .on("proposals")
    .columns(["competition_id", "external_id"])
    .unique()
    .execute();

  await db.schema
    .createTable("proposal_answers")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("proposal_answers_pk", ["proposal_id", "section_key"])
    .execute();

  await db.schema
    .createTable("proposal_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("slot_key", "text", (c) => c.notNull())
    .addColumn("storage", "text", (c) => c.notNull()) // local | uploadthing
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposal_files_proposal_idx").on("proposal_files").columns(["proposal_id", "slot_key"]).execute();

  await db.schema
    .createTable("proposal_sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("source_proposal_id", "text", (c) => c.references("proposals.id"))
    .addColumn("external_title", "text")
    .addColumn("external_agency", "text")
    .addColumn("external_year", "integer")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("proposal_sources_proposal_idx").on("proposal_sources").column("proposal_id").execute();
  await db.schema.createIndex("proposal_sources_source_idx").on("proposal_sources").column("source_proposal_id").execute();

  await db.schema
    .createTable("proposal_screenings")
    .addColumn("proposal_id", "text", (c) => c.primaryKey().references("proposals.id").onDelete("cascade"))
    .addColumn("checks_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("result", "text") // lolos | tidak_lolos | null (not decided)
    .addColumn("reasons_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("checked_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "proposal_screenings",
    "proposal_sources",
    "proposal_files",
    "proposal_answers",
    "proposals",
    "group_attachment_slots",
    "group_sections",
    "competition_categories",
    "competition_groups",
    "registration_extensions",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  for (const c of ["screening_published_at", "eligible_province_code", "allowed_clusters", "number_counter", "number_prefix"]) {
    await db.schema.alterTable("competitions").dropColumn(c).execute();
  }
}
