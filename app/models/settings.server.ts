/**
 * Queries behind the edition settings: the registration window and its
 * extensions, eligibility columns on the competition, groups with their form
 * (sections, attachment slots) and categories. `db` first; the caller (a
 * service) owns the transaction. Every query is scoped by competition or by a
 * group the caller has already scoped.
 */
import type { DB } from "~/db.server";
import type { CategorySpec, GroupSpec, SectionSpec, SlotSpec } from "~/domain/edition-presets";
import type { Cluster } from "~/domain/roles";
import { newId, nowIso } from "~/lib/ids.server";

// ---------------------------------------------------------------------------
// Registration window and extensions

export interface RegistrationWindow {
  startsAt: string | null;
  endsAt: string | null;
}

export async function getRegistrationWindow(db: DB, competitionId: string): Promise<RegistrationWindow> {
  const row = await db
    .selectFrom("competition_stages")
    .select(["starts_at", "ends_at"])
    .where("competition_id", "=", competitionId)
    .where("stage", "=", "pendaftaran")
    .executeTakeFirst();
  return { startsAt: row?.starts_at ?? null, endsAt: row?.ends_at ?? null };
}

/** Sets the "pendaftaran" stage; both null removes it (not scheduled). */
export async function setRegistrationWindow(db: DB, competitionId: string, w: RegistrationWindow): Promise<void> {
  if (!w.startsAt && !w.endsAt) {
    await db
      .deleteFrom("competition_stages")
      .where("competition_id", "=", competitionId)
      .where("stage", "=", "pendaftaran")
      .execute();
    return;
  }
  const updated = await db
    .updateTable("competition_stages")
    .set({ starts_at: w.startsAt, ends_at: w.endsAt })
    .where("competition_id", "=", competitionId)
    .where("stage", "=", "pendaftaran")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto("competition_stages")
      .values({ competition_id: competitionId, stage: "pendaftaran", starts_at: w.startsAt, ends_at: w.endsAt })
      .execute();
  }
}

export interface RegistrationExtension {
  id: string;
  previousEndsAt: string | null;
  newEndsAt: string;
  reason: string;
  createdAt: string;
}

/**
 * Every extension of an edition's registration, oldest first: what agencies
 * are shown next to the deadline (the new end and why it moved).
 */
export async function listExtensions(db: DB, competitionId: string): Promise<RegistrationExtension[]> {
  const rows = await db
    .selectFrom("registration_extensions")
    .select(["id", "previous_ends_at", "new_ends_at", "reason", "created_at"])
    .where("competition_id", "=", competitionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    previousEndsAt: r.previous_ends_at,
    newEndsAt: r.new_ends_at,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

export async function insertExtension(
  db: DB,
  e: { competitionId: string; previousEndsAt: string | null; newEndsAt: string; reason: string; createdBy: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("registration_extensions")
    .values({
      id,
      competition_id: e.competitionId,
      previous_ends_at: e.previousEndsAt,
      new_ends_at: e.newEndsAt,
      reason: e.reason,
      created_by: e.createdBy,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

// ---------------------------------------------------------------------------
// Edition rules on the competition row

export interface EditionRules {
  numberPrefix: string;
  allowedClusters: Cluster[];
  eligibleProvinceCode: string | null;
}

export async function updateEditionRules(db: DB, competitionId: string, r: EditionRules): Promise<void> {
  await db
    .updateTable("competitions")
    .set({
      number_prefix: r.numberPrefix,
      allowed_clusters: JSON.stringify(r.allowedClusters),
      eligible_province_code: r.eligibleProvinceCode,
      updated_at: nowIso(),
    })
    .where("id", "=", competitionId)
    .execute();
}

/** Other editions of the same organizer, newest first (the sources a copy may come from). */
export async function listOtherEditions(db: DB, organizerId: string, exceptCompetitionId: string) {
  return db
    .selectFrom("competitions")
    .select(["id", "name", "year", "slug"])
    .where("organizer_id", "=", organizerId)
    .where("id", "!=", exceptCompetitionId)
    .orderBy("year", "desc")
    .orderBy("name")
    .execute();
}

// ---------------------------------------------------------------------------
// Proposal usage (what may no longer be deleted)

export async function countProposals(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .selectFrom("proposals")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("competition_id", "=", competitionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Proposals per group id of an edition (groups without proposals are absent). */
export async function proposalCountsByGroup(db: DB, competitionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("proposals")
    .select(["group_id", (eb) => eb.fn.countAll().as("n")])
    .where("competition_id", "=", competitionId)
    .groupBy("group_id")
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

/** Proposals per category id of an edition (categories without proposals are absent). */
export async function proposalCountsByCategory(db: DB, competitionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("proposals")
    .select(["category_id", (eb) => eb.fn.countAll().as("n")])
    .where("competition_id", "=", competitionId)
    .where("category_id", "is not", null)
    .groupBy("category_id")
    .execute();
  return new Map(rows.map((r) => [r.category_id as string, Number(r.n)]));
}

/** Section keys that proposals of the group have answered: renaming or removing them would orphan text. */
export async function answeredSectionKeys(db: DB, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposal_answers")
    .innerJoin("proposals", "proposals.id", "proposal_answers.proposal_id")
    .select("proposal_answers.section_key")
    .distinct()
    .where("proposals.group_id", "=", groupId)
    .orderBy("proposal_answers.section_key")
    .execute();
  return rows.map((r) => r.section_key);
}

/** Slot keys that proposals of the group hold files in. */
export async function usedSlotKeys(db: DB, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposal_files")
    .innerJoin("proposals", "proposals.id", "proposal_files.proposal_id")
    .select("proposal_files.slot_key")
    .distinct()
    .where("proposals.group_id", "=", groupId)
    .orderBy("proposal_files.slot_key")
    .execute();
  return rows.map((r) => r.slot_key);
}

// ---------------------------------------------------------------------------
// Groups

export async function listGroupRows(db: DB, competitionId: string) {
  return db
    .selectFrom("competition_groups")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("key")
    .execute();
}

export async function groupKeyTaken(db: DB, competitionId: string, key: string, exceptGroupId?: string): Promise<boolean> {
  let q = db.selectFrom("competition_groups").select("id").where("competition_id", "=", competitionId).where("key", "=", key);
  if (exceptGroupId) q = q.where("id", "!=", exceptGroupId);
  return Boolean(await q.executeTakeFirst());
}

type GroupFields = Omit<GroupSpec, "sections" | "slots">;

function groupColumns(g: GroupFields) {
  return {
    key: g.key,
    name_id: g.nameId,
    name_en: g.nameEn,
    description_id: g.descriptionId,
    description_en: g.descriptionEn,
    min_age_months: g.minAgeMonths,
    quota_per_agency: g.quotaPerAgency,
    requires_sources: g.requiresSources ? 1 : 0,
    video_required: g.videoRequired ? 1 : 0,
  };
}

export async function insertGroup(db: DB, competitionId: string, g: GroupFields, position: number): Promise<string> {
  const id = newId();
  await db
    .insertInto("competition_groups")
    .values({ id, competition_id: competitionId, position, ...groupColumns(g) })
    .execute();
  return id;
}

export async function updateGroupRow(db: DB, groupId: string, g: GroupFields): Promise<void> {
  await db.updateTable("competition_groups").set(groupColumns(g)).where("id", "=", groupId).execute();
}

export async function deleteGroupRow(db: DB, groupId: string): Promise<void> {
  await db.deleteFrom("group_sections").where("group_id", "=", groupId).execute();
  await db.deleteFrom("group_attachment_slots").where("group_id", "=", groupId).execute();
  await db.deleteFrom("competition_groups").where("id", "=", groupId).execute();
}

/** Positions 0..n-1 in the given order. */
export async function setGroupOrder(db: DB, competitionId: string, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db
      .updateTable("competition_groups")
      .set({ position })
      .where("id", "=", id)
      .where("competition_id", "=", competitionId)
      .execute();
  }
}

function sectionColumns(s: SectionSpec, position: number) {
  return {
    title_id: s.titleId,
    title_en: s.titleEn,
    guidance_id: s.guidanceId,
    guidance_en: s.guidanceEn,
    word_limit: s.wordLimit,
    required: s.required ? 1 : 0,
    position,
  };
}

function slotColumns(s: SlotSpec, position: number) {
  return {
    label_id: s.labelId,
    label_en: s.labelEn,
    accepted_types: s.acceptedTypes.join(","),
    max_size_mb: s.maxSizeMb,
    required: s.required ? 1 : 0,
    position,
  };
}

/**
 * Makes the group's sections exactly `sections`, in that order. Rows are
 * matched by key (answers refer to sections by key): kept keys are updated in
 * place, missing ones deleted, new ones inserted.
 */
export async function replaceSections(db: DB, groupId: string, sections: SectionSpec[]): Promise<void> {
  const existing = await db.selectFrom("group_sections").select(["id", "key"]).where("group_id", "=", groupId).execute();
  const keep = new Set(sections.map((s) => s.key));
  const gone = existing.filter((r) => !keep.has(r.key)).map((r) => r.id);
  if (gone.length) await db.deleteFrom("group_sections").where("id", "in", gone).execute();
  const byKey = new Map(existing.map((r) => [r.key, r.id]));
  for (const [i, s] of sections.entries()) {
    const id = byKey.get(s.key);
    if (id) await db.updateTable("group_sections").set(sectionColumns(s, i)).where("id", "=", id).execute();
    else await db.insertInto("group_sections").values({ id: newId(), group_id: groupId, key: s.key, ...sectionColumns(s, i) }).execute();
  }
}

/** Like replaceSections, for attachment slots (files refer to slots by key). */
export async function replaceSlots(db: DB, groupId: string, slots: SlotSpec[]): Promise<void> {
  const existing = await db.selectFrom("group_attachment_slots").select(["id", "key"]).where("group_id", "=", groupId).execute();
  const keep = new Set(slots.map((s) => s.key));
  const gone = existing.filter((r) => !keep.has(r.key)).map((r) => r.id);
  if (gone.length) await db.deleteFrom("group_attachment_slots").where("id", "in", gone).execute();
  const byKey = new Map(existing.map((r) => [r.key, r.id]));
  for (const [i, s] of slots.entries()) {
    const id = byKey.get(s.key);
    if (id) await db.updateTable("group_attachment_slots").set(slotColumns(s, i)).where("id", "=", id).execute();
    else
      await db
        .insertInto("group_attachment_slots")
        .values({ id: newId(), group_id: groupId, key: s.key, ...slotColumns(s, i) })
        .execute();
  }
}

// ---------------------------------------------------------------------------
// Categories

export async function listCategoryRows(db: DB, competitionId: string) {
  return db
    .selectFrom("competition_categories")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("key")
    .execute();
}

/**
 * Makes the edition's categories exactly `rows`, in that order. Rows are
 * matched by id (proposals refer to a category by id), so a category keeps
 * its proposals when its key or name changes. Ids not in `rows` are deleted;
 * the caller has checked that no proposal uses them.
 */
export async function replaceCategories(
  db: DB,
  competitionId: string,
  rows: (CategorySpec & { id: string | null })[],
): Promise<void> {
  const existing = await listCategoryRows(db, competitionId);
  const keepIds = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  const gone = existing.filter((r) => !keepIds.has(r.id)).map((r) => r.id);
  if (gone.length) {
    await db.deleteFrom("competition_categories").where("competition_id", "=", competitionId).where("id", "in", gone).execute();
  }
  // Keys may be swapped between rows; park the changed ones first so the
  // unique (competition, key) index never sees two rows with one key.
  const byId = new Map(existing.map((r) => [r.id, r]));
  const rekeyed = rows.filter((r) => r.id && byId.get(r.id) && byId.get(r.id)!.key !== r.key);
  for (const r of rekeyed) {
    await db
      .updateTable("competition_categories")
      .set({ key: `~${r.id}` })
      .where("id", "=", r.id!)
      .where("competition_id", "=", competitionId)
      .execute();
  }
  for (const [position, r] of rows.entries()) {
    if (r.id) {
      await db
        .updateTable("competition_categories")
        .set({ key: r.key, name_id: r.nameId, name_en: r.nameEn, position })
        .where("id", "=", r.id)
        .where("competition_id", "=", competitionId)
        .execute();
    } else {
      await db
        .insertInto("competition_categories")
        .values({ id: newId(), competition_id: competitionId, key: r.key, name_id: r.nameId, name_en: r.nameEn, position })
        .execute();
    }
  }
}

// ---------------------------------------------------------------------------
// Whole settings (presets and copies)

/** Removes every group (with its form) and category of an edition. Only for editions without proposals. */
export async function deleteGroupsAndCategories(db: DB, competitionId: string): Promise<void> {
  const groupIds = db.selectFrom("competition_groups").select("id").where("competition_id", "=", competitionId);
  await db.deleteFrom("group_sections").where("group_id", "in", groupIds).execute();
  await db.deleteFrom("group_attachment_slots").where("group_id", "in", groupIds).execute();
  await db.deleteFrom("competition_groups").where("competition_id", "=", competitionId).execute();
  await db.deleteFrom("competition_categories").where("competition_id", "=", competitionId).execute();
}

/** Inserts groups (with sections and slots) and categories, positions in list order. */
export async function insertGroupsAndCategories(
  db: DB,
  competitionId: string,
  groups: GroupSpec[],
  categories: CategorySpec[],
): Promise<void> {
  for (const [gi, g] of groups.entries()) {
    const { sections, slots, ...fields } = g;
    const groupId = await insertGroup(db, competitionId, fields, gi);
    if (sections.length) {
      await db
        .insertInto("group_sections")
        .values(sections.map((s, i) => ({ id: newId(), group_id: groupId, key: s.key, ...sectionColumns(s, i) })))
        .execute();
    }
    if (slots.length) {
      await db
        .insertInto("group_attachment_slots")
        .values(slots.map((s, i) => ({ id: newId(), group_id: groupId, key: s.key, ...slotColumns(s, i) })))
        .execute();
    }
  }
  if (categories.length) {
    await db
      .insertInto("competition_categories")
      .values(
        categories.map((c, position) => ({
          id: newId(),
          competition_id: competitionId,
          key: c.key,
          name_id: c.nameId,
          name_en: c.nameEn,
          position,
        })),
      )
      .execute();
  }
}
