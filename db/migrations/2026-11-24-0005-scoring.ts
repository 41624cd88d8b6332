import type { Kysely } from "kysely";

/**
 * Rounds and scoring: round settings (blind, score visibility, ranking
 * method, advancement rule, tie-break order, disagreement threshold), the
 * state machine's timestamps, rubrics (criteria with descriptor levels),
 * score sheets per assignment with one item per criterion, overrides and the
 * recorded decision (a snapshot that replay recomputes), presentation slots
 * and field-verification checklists. Numbers that carry scores are double
 * precision (PostgreSQL's `real` is a 4-byte float). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const round = (name: string, type: "text" | "integer" | "double precision", def?: string | number) =>
    db.schema
      .alterTable("rounds")
      .addColumn(name, type, (c) => (def === undefined ? c : c.notNull().defaultTo(def)))
      .execute();
  await round("blind", "integer", 0);
  // never | after_submit | always
  await round("score_visibility", "text", "never");
  // raw_mean | normalized | median | shrunk (see app/domain/ranking)
  await round("score_method", "text", "normalized");
  // JSON, app/domain/ranking AdvancementRule; default manual
  await round("advancement_json", "text", '{"kind":"manual"}');
  // JSON array of tie-break keys, e.g. ["normalized","raw_mean","submitted_at"] or "criterion:<key>"
  await round("tiebreak_json", "text", '["raw_mean","submitted_at"]');
  await round("disagreement_threshold", "double precision", 25);
  // Width (in points of the 0–100 total) of the borderline band shown around the cut-off.
  await round("borderline_band", "double precision", 2);
  await round("opened_at", "text");
  await round("closed_at", "text");
  await round("close_reason", "text");
  await round("decided_at", "text");

  await db.schema
    .createTable("round_criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("weight", "double precision", (c) => c.notNull())
    .addColumn("scale_min", "double precision", (c) => c.notNull())
    .addColumn("scale_max", "double precision", (c) => c.notNull())
    .addColumn("scale_step", "double precision", (c) => c.notNull().defaultTo(1))
    // JSON [{ "score": 1, "id": "…", "en": "…" }, …]: descriptor levels
    .addColumn("levels_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("round_criteria_key_uq", ["round_id", "key"])
    .execute();

  await db.schema
    .createTable("score_sheets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assignment_id", "text", (c) => c.notNull().unique().references("assignments.id").onDelete("cascade"))
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("juror_id", "text", (c) => c.notNull().references("jurors.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    // draft | submitted
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("overall_comment", "text", (c) => c.notNull().defaultTo(""))
    // web | import
    .addColumn("source", "text", (c) => c.notNull().defaultTo("web"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("score_sheets_round_idx").on("score_sheets").columns(["round_id", "status"]).execute();
  await db.schema.createIndex("score_sheets_juror_idx").on("score_sheets").columns(["juror_id", "round_id"]).execute();

  await db.schema
    .createTable("score_items")
    .addColumn("sheet_id", "text", (c) => c.notNull().references("score_sheets.id").onDelete("cascade"))
    .addColumn("criterion_key", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("score_items_pk", ["sheet_id", "criterion_key"])
    .execute();

  // Organizer overrides before the decision: advance or stop one proposal, with a reason.
  await db.schema
    .createTable("round_overrides")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    // advance | stop
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("round_overrides_pk", ["round_id", "proposal_id"])
    .execute();

  // The recorded decision: one per round (decided), with the computed table it rests on.
  await db.schema
    .createTable("round_decisions")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("rule_json", "text", (c) => c.notNull())
    .addColumn("tiebreak_json", "text", (c) => c.notNull())
    // sha256 of the raw scores, rubric and rule the decision was computed from
    .addColumn("inputs_hash", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("round_decision_entries")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("score", "double precision")
    // advance | stop | override_advance | override_stop
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("override_reason", "text")
    .addPrimaryKeyConstraint("round_decision_entries_pk", ["round_id", "proposal_id"])
    .execute();

  // Presentation rounds: time slots for finalists; agencies confirm attendance.
  await db.schema
    .createTable("presentation_slots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("length_minutes", "integer", (c) => c.notNull())
    .addColumn("meeting_link", "text", (c) => c.notNull().defaultTo(""))
    // pending | confirmed | declined
    .addColumn("attendance", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attendance_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    .addColumn("confirmed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("presentation_slots_proposal_uq", ["round_id", "proposal_id"])
    .execute();

  // Field verification: a checklist per round, answered on each score sheet.
  await db.schema
    .createTable("field_checklist_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("field_checklist_items_key_uq", ["round_id", "key"])
    .execute();
  await db.schema
    .createTable("field_checklist_answers")
    .addColumn("sheet_id", "text", (c) => c.notNull().references("score_sheets.id").onDelete("cascade"))
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("field_checklist_answers_pk", ["sheet_id", "item_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "field_checklist_answers",
    "field_checklist_items",
    "presentation_slots",
    "round_decision_entries",
    "round_decisions",
    "round_overrides",
    "score_items",
    "score_sheets",
    "round_criteria",
  ]) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of [
    "decided_at",
    "close_reason",
    "closed_at",
    "opened_at",
    "borderline_band",
    "disagreement_threshold",
    "tiebreak_json",
    "advancement_json",
    "score_method",
    "score_visibility",
    "blind",
  ]) {
    await db.schema.alterTable("rounds").dropColumn(c).execute();
  }
}
