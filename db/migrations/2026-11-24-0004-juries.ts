import type { Kysely } from "kysely";

/**
 * Juries: juror pools with profiles (affiliation, expertise, loads,
 * unavailable periods), conflicts of interest with their source, rounds (the
 * minimal shape the assignment needs; the rounds issue adds rubrics and
 * decisions), assignments, assignment runs (previews kept for commit and
 * replay). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The edition's switch for the "same region" automatic conflict rule.
  await db.schema
    .alterTable("competitions")
    .addColumn("conflict_same_region", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // A juror may decline an invitation by its link.
  await db.schema.alterTable("invitations").addColumn("declined_at", "text").execute();

  await db.schema
    .createTable("jurors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull()) // evaluator | panelist
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("invitation_id", "text")
    // invited | active | declined | withdrawn
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("affiliation_agency_id", "text", (c) => c.references("agencies.id"))
    // A university or other body outside the registry.
    .addColumn("affiliation_other", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("min_load", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_load", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("withdrawn_reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("jurors_comp_role_email_uq", ["competition_id", "role", "email"])
    .execute();
  await db.schema.createIndex("jurors_user_idx").on("jurors").column("user_id").execute();

  await db.schema
    .createTable("juror_expertise")
    .addColumn("juror_id", "text", (c) => c.notNull().references("jurors.id").onDelete("cascade"))
    .addColumn("category_id", "text", (c) => c.notNull().references("competition_categories.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("juror_expertise_pk", ["juror_id", "category_id"])
    .execute();

  await db.schema
    .createTable("juror_unavailability")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("juror_id", "text", (c) => c.notNull().references("jurors.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("juror_unavailability_juror_idx").on("juror_unavailability").column("juror_id").execute();

  await db.schema
    .createTable("conflicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("juror_id", "text", (c) => c.notNull().references("jurors.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    // auto_agency | auto_parent | auto_child | auto_region | juror | agency | organizer
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    // active | dismissed
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("declared_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("dismissed_by", "text", (c) => c.references("users.id"))
    .addColumn("dismissed_reason", "text")
    .addColumn("dismissed_at", "text")
    .addUniqueConstraint("conflicts_pair_source_uq", ["juror_id", "proposal_id", "source"])
    .execute();
  await db.schema.createIndex("conflicts_comp_idx").on("conflicts").columns(["competition_id", "status"]).execute();
  await db.schema.createIndex("conflicts_proposal_idx").on("conflicts").column("proposal_id").execute();

  await db.schema
    .createTable("rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("competition_id", "text", (c) => c.notNull().references("competitions.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // desk | presentation | field
    .addColumn("kind", "text", (c) => c.notNull())
    // evaluator | panelist: the pool the round draws its jurors from
    .addColumn("pool_role", "text", (c) => c.notNull())
    .addColumn("k", "integer", (c) => c.notNull())
    .addColumn("starts_at", "text")
    .addColumn("ends_at", "text")
    // draft | open | closed | decided
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    // Spread each proposal's jurors across affiliations and regions (third objective).
    .addColumn("spread_affiliations", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assignment_seed", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("rounds_position_uq", ["competition_id", "position"])
    .execute();

  // Entrants of rounds after the first (the rounds issue fills it from decisions).
  await db.schema
    .createTable("round_entrants")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("round_entrants_pk", ["round_id", "proposal_id"])
    .execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("juror_id", "text", (c) => c.notNull().references("jurors.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    // auto | manual
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("expertise_match", "integer", (c) => c.notNull())
    .addColumn("run_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    // The juror first opened the proposal; finished scoring (set by the scoring issue).
    .addColumn("opened_at", "text")
    .addColumn("completed_at", "text")
    .addUniqueConstraint("assignments_pair_uq", ["round_id", "juror_id", "proposal_id"])
    .execute();
  await db.schema.createIndex("assignments_juror_idx").on("assignments").columns(["juror_id", "round_id"]).execute();
  await db.schema.createIndex("assignments_proposal_idx").on("assignments").columns(["proposal_id", "round_id"]).execute();

  // A solver run: a preview (kept so that commit applies exactly what was
  // shown), a commit, or a repair. `input_hash` detects a stale preview.
  await db.schema
    .createTable("assignment_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    // preview | repair-preview
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull()) // keep | restart | repair
    .addColumn("seed", "integer", (c) => c.notNull())
    .addColumn("input_hash", "text", (c) => c.notNull())
    // JSON: { add: [[proposalId, jurorId, match]], remove: [assignmentId], summary, reasons }
    .addColumn("plan_json", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .execute();
  await db.schema.createIndex("assignment_runs_round_idx").on("assignment_runs").column("round_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["assignment_runs", "assignments", "round_entrants", "rounds", "conflicts", "juror_unavailability", "juror_expertise", "jurors"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("invitations").dropColumn("declined_at").execute();
  await db.schema.alterTable("competitions").dropColumn("conflict_same_region").execute();
}
