import type { Kysely } from "kysely";

/**
 * Foundation schema: accounts, sessions, organizers, the agency registry,
 * memberships (roles), competitions with their stage timeline, invitations,
 * password resets, login attempts, the mail outbox and the audit log.
 *
 * Portable across SQLite and PostgreSQL: ids are text, times are ISO-8601 UTC
 * text (sortable), booleans are integers 0/1, JSON is text.
 * Frozen: never edit after it has landed, add a new migration instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("id"))
    .addColumn("is_platform_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("regions")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull()) // province | regency
    .addColumn("parent_code", "text", (c) => c.references("regions.code"))
    .execute();
  await db.schema.createIndex("regions_parent_idx").on("regions").column("parent_code").execute();

  await db.schema
    .createTable("organizers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull()) // national | provincial
    .addColumn("province_code", "text", (c) => c.references("regions.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_search", "text", (c) => c.notNull())
    .addColumn("cluster", "text", (c) => c.notNull())
    .addColumn("province_code", "text", (c) => c.references("regions.code"))
    .addColumn("regency_code", "text", (c) => c.references("regions.code"))
    .addColumn("parent_id", "text", (c) => c.references("agencies.id"))
    // Set for agencies an organizer added (OPD, BUMD); null for reference data.
    .addColumn("organizer_id", "text", (c) => c.references("organizers.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agencies_cluster_idx").on("agencies").columns(["cluster", "name"]).execute();
  await db.schema.createIndex("agencies_province_idx").on("agencies").column("province_code").execute();
  await db.schema.createIndex("agencies_parent_idx").on("agencies").column("parent_id").execute();
  await db.schema.createIndex("agencies_name_search_idx").on("agencies").column("name_search").execute();

  await db.schema
    .createTable("competitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organizer_id", "text", (c) => c.notNull().references("organizers.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("theme", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competitions_organizer_idx").on("competitions").column("organizer_id").execute();

  await db.schema
    .createTable("competition_stages")
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("starts_at", "text")
    .addColumn("ends_at", "text")
    .addPrimaryKeyConstraint("competition_stages_pk", ["competition_id", "stage"])
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organizer_id", "text", (c) => c.references("organizers.id"))
    .addColumn("agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("competition_id", "text", (c) => c.references("competitions.id"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("memberships_user_idx").on("memberships").column("user_id").execute();
  await db.schema.createIndex("memberships_agency_idx").on("memberships").columns(["agency_id", "role"]).execute();
  await db.schema.createIndex("memberships_org_idx").on("memberships").columns(["organizer_id", "role"]).execute();
  await db.schema.createIndex("memberships_comp_idx").on("memberships").columns(["competition_id", "role"]).execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organizer_id", "text", (c) => c.references("organizers.id"))
    .addColumn("agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("competition_id", "text", (c) => c.references("competitions.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.references("users.id"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("success", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_email_idx").on("login_attempts").columns(["email", "created_at"]).execute();
  await db.schema.createIndex("login_attempts_ip_idx").on("login_attempts").columns(["ip", "created_at"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("transport", "text", (c) => c.notNull()) // outbox | smtp
    .addColumn("status", "text", (c) => c.notNull()) // kept | sent | failed
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_created_idx").on("outbox").column("created_at").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("organizer_id", "text")
    .addColumn("competition_id", "text")
    .addColumn("agency_id", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_competition_idx").on("audit_log").columns(["competition_id", "at"]).execute();
  await db.schema.createIndex("audit_organizer_idx").on("audit_log").columns(["organizer_id", "at"]).execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "audit_log", "outbox", "login_attempts", "password_resets", "invitations",
    "memberships", "competition_stages", "competitions", "agencies", "organizers",
    "regions", "sessions", "users",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
