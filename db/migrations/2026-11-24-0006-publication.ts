import { sql, PostgresAdapter, type Kysely } from "kysely";

/**
 * Publication: numbered announcements generated from decisions (with an
 * entry snapshot, a publish time and an optional objection window),
 * objections with evidence and answers, per-user notifications, award tiers
 * and winners, certificates with verification codes, and the public
 * innovation catalogue (a denormalised row per published innovation) with
 * full-text search: an external-content FTS5 table on innovations.num kept
 * by triggers on SQLite, a generated
 * tsvector with a GIN index on PostgreSQL. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const comp = (name: string, type: "text" | "integer", def: string | number) =>
    db.schema
      .alterTable("competitions")
      .addColumn(name, type, (c) => c.notNull().defaultTo(def))
      .execute();
  // Pattern with {n} (running counter), {year} (edition year), {yyyy}/{mm} (WIB date of publication).
  await comp("announcement_pattern", "text", "B/{n}/PP.00.05/{year}");
  await comp("announcement_counter", "integer", 0);
  // Default length of an objection window, in calendar days (WIB).
  await comp("objection_days", "integer", 5);
  await comp("certificate_signatory_name", "text", "");
  await comp("certificate_signatory_title", "text", "");
  await comp("certificate_place", "text", "");

  await db.schema
    .createTable("announcements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    // screening | finalists | winners
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("round_id", "text", (c) => c.references("rounds.id"))
    // Given when it is published or scheduled; drafts have none.
    .addColumn("seq", "integer")
    .addColumn("number", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull().defaultTo(""))
    // draft | scheduled | published
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("publish_at", "text")
    .addColumn("published_at", "text")
    .addColumn("published_by", "text", (c) => c.references("users.id"))
    // Null = no objection window.
    .addColumn("objection_days", "integer")
    .addColumn("objection_ends_at", "text")
    .addColumn("supersedes_id", "text", (c) => c.references("announcements.id"))
    .addColumn("superseded_by_id", "text", (c) => c.references("announcements.id"))
    .addColumn("superseded_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("announcements_comp_number_uq", ["competition_id", "number"])
    .execute();
  await db.schema.createIndex("announcements_comp_status_idx").on("announcements").columns(["competition_id", "status"]).execute();
  await db.schema.createIndex("announcements_status_publish_idx").on("announcements").columns(["status", "publish_at"]).execute();

  // The list as announced: a snapshot, so later edits never change a published text.
  await db.schema
    .createTable("announcement_entries")
    .addColumn("announcement_id", "text", (c) => c.notNull().references("announcements.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("rank", "integer")
    .addColumn("score", "double precision")
    .addColumn("proposal_number", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("agency_name", "text", (c) => c.notNull())
    .addColumn("cluster", "text", (c) => c.notNull())
    .addColumn("region_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("group_key", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_name_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_name_en", "text", (c) => c.notNull().defaultTo(""))
    // Award tier (winners lists) or null.
    .addColumn("tier_id", "text")
    .addColumn("label_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label_en", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("announcement_entries_pk", ["announcement_id", "proposal_id"])
    .execute();
  await db.schema.createIndex("announcement_entries_agency_idx").on("announcement_entries").column("agency_id").execute();
  await db.schema.createIndex("announcement_entries_proposal_idx").on("announcement_entries").column("proposal_id").execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("announcement_id", "text", (c) => c.notNull().references("announcements.id"))
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // The proposal the objection is about (the agency's own, or one on the list).
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id"))
    .addColumn("reasons", "text", (c) => c.notNull())
    // pending | accepted | rejected | withdrawn
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("answer", "text")
    // include | exclude (what an accepted objection changed), null otherwise
    .addColumn("outcome", "text")
    .addColumn("filed_by", "text", (c) => c.references("users.id"))
    .addColumn("answered_by", "text", (c) => c.references("users.id"))
    .addColumn("answered_at", "text")
    // The corrected announcement this objection led to.
    .addColumn("correction_id", "text", (c) => c.references("announcements.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("objections_announcement_idx").on("objections").column("announcement_id").execute();
  await db.schema.createIndex("objections_agency_idx").on("objections").column("agency_id").execute();

  await db.schema
    .createTable("objection_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("objection_id", "text", (c) => c.notNull().references("objections.id").onDelete("cascade"))
    .addColumn("storage", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("objection_files_objection_idx").on("objection_files").column("objection_id").execute();

  // In-app notifications (the dashboard shows the unread ones).
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("competition_id", "text", (c) => c.references("competitions.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.references("agencies.id"))
    // i18n key of the message, e.g. "notify.announcementPublished", and its params as JSON
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at"]).execute();

  await db.schema
    .createTable("award_tiers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    // Draws from this group (null = every group) ...
    .addColumn("group_id", "text", (c) => c.references("competition_groups.id"))
    // ... ranked by this round's decision (null = the last decided round).
    .addColumn("round_id", "text", (c) => c.references("rounds.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("award_tiers_comp_key_uq", ["competition_id", "key"])
    .execute();

  await db.schema
    .createTable("winners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("tier_id", "text", (c) => c.notNull().references("award_tiers.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    // rule (from the decision) | manual (a deviation, with its reason)
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("deviation_reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("winners_comp_proposal_uq", ["competition_id", "proposal_id"])
    .execute();
  await db.schema.createIndex("winners_tier_idx").on("winners").column("tier_id").execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("tier_id", "text", (c) => c.references("award_tiers.id"))
    // Public verification code (unguessable), printed and in the QR code.
    .addColumn("code", "text", (c) => c.notNull().unique())
    // Snapshot as printed.
    .addColumn("edition_name", "text", (c) => c.notNull())
    .addColumn("tier_name_id", "text", (c) => c.notNull())
    .addColumn("tier_name_en", "text", (c) => c.notNull())
    .addColumn("innovation_title", "text", (c) => c.notNull())
    .addColumn("agency_name", "text", (c) => c.notNull())
    .addColumn("signatory_name", "text", (c) => c.notNull())
    .addColumn("signatory_title", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull()) // WIB date, yyyy-mm-dd
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.references("users.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoke_reason", "text")
    .execute();
  await db.schema.createIndex("certificates_comp_idx").on("certificates").column("competition_id").execute();
  await db.schema.createIndex("certificates_agency_idx").on("certificates").column("agency_id").execute();

  // The public catalogue: one row per published innovation (denormalised for search).
  // `num`: an integer key for the full-text index (SQLite: the rowid alias, stable across VACUUM,
  // so FTS5 can join on it; PostgreSQL: a serial, unused by search there).
  await db.schema
    .createTable("innovations")
    .$call((t) =>
      isPg
        ? t.addColumn("id", "text", (c) => c.primaryKey()).addColumn("num", "serial", (c) => c.notNull().unique())
        : t.addColumn("num", "integer", (c) => c.primaryKey().autoIncrement()).addColumn("id", "text", (c) => c.notNull().unique()),
    )
    .addColumn("proposal_id", "text", (c) => c.unique().references("proposals.id"))
    .addColumn("competition_id", "text", (c) => c.references("competitions.id").onDelete("cascade"))
    .addColumn("organizer_id", "text", (c) => c.references("organizers.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("agency_name", "text", (c) => c.notNull())
    .addColumn("cluster", "text", (c) => c.notNull())
    .addColumn("province_code", "text")
    .addColumn("regency_code", "text")
    .addColumn("region_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("edition_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("group_key", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_key", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_name_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category_name_en", "text", (c) => c.notNull().defaultTo(""))
    // finalist | winner
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("award_tier_id", "text")
    .addColumn("award_name_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("award_name_en", "text", (c) => c.notNull().defaultTo(""))
    // 0 = hidden from the public by the organizer.
    .addColumn("visible", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("innovations_visible_year_idx").on("innovations").columns(["visible", "year"]).execute();
  await db.schema.createIndex("innovations_province_idx").on("innovations").columns(["province_code", "year"]).execute();
  await db.schema.createIndex("innovations_cluster_idx").on("innovations").columns(["cluster", "year"]).execute();
  await db.schema.createIndex("innovations_competition_idx").on("innovations").column("competition_id").execute();
  await db.schema.createIndex("innovations_agency_idx").on("innovations").column("agency_id").execute();

  if (isPg) {
    await sql`alter table innovations add column search_tsv tsvector generated always as (
      to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(agency_name, '') || ' ' || coalesce(region_name, ''))
    ) stored`.execute(db);
    await sql`create index innovations_search_idx on innovations using gin (search_tsv)`.execute(db);
  } else {
    // What a search reads of every match (filters and sort keys) without visiting the wide rows.
    await sql`create index innovations_search_cover on innovations
      (num, visible, year, stage, cluster, province_code, category_key, award_tier_id, title, id)`.execute(db);
    // External content (the text lives once, in innovations), keyed by innovations.num.
    await sql`create virtual table innovations_fts using fts5(
      title, summary, agency_name, region_name,
      content = 'innovations', content_rowid = 'num',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4'
    )`.execute(db);
    await sql`create trigger innovations_fts_ai after insert on innovations begin
      insert into innovations_fts (rowid, title, summary, agency_name, region_name)
      values (new.num, new.title, new.summary, new.agency_name, new.region_name);
    end`.execute(db);
    await sql`create trigger innovations_fts_ad after delete on innovations begin
      insert into innovations_fts (innovations_fts, rowid, title, summary, agency_name, region_name)
      values ('delete', old.num, old.title, old.summary, old.agency_name, old.region_name);
    end`.execute(db);
    await sql`create trigger innovations_fts_au after update of title, summary, agency_name, region_name on innovations begin
      insert into innovations_fts (innovations_fts, rowid, title, summary, agency_name, region_name)
      values ('delete', old.num, old.title, old.summary, old.agency_name, old.region_name);
      insert into innovations_fts (rowid, title, summary, agency_name, region_name)
      values (new.num, new.title, new.summary, new.agency_name, new.region_name);
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!isPg) await sql`drop table if exists innovations_fts`.execute(db);
  for (const t of [
    "innovations",
    "certificates",
    "winners",
    "award_tiers",
    "notifications",
    "objection_files",
    "objections",
    "announcement_entries",
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("announcements").dropColumn("supersedes_id").execute().catch(() => undefined);
  await db.schema.dropTable("announcements").execute();
  for (const c of [
    "announcement_pattern",
    "announcement_counter",
    "objection_days",
    "certificate_signatory_name",
    "certificate_signatory_title",
    "certificate_place",
  ]) {
    await db.schema.alterTable("competitions").dropColumn(c).execute();
  }
}
