/**
 * Edition settings (organizer side): general rules (proposal number prefix,
 * who may enter, registration window), groups with their form (sections,
 * attachment slots), categories, registration extensions, copying settings
 * from an earlier edition, and the standard presets.
 *
 * Every change is one function here: it checks "settings.edit" on the
 * competition, writes in one transaction and appends one audit row with the
 * competition and its organizer and the before/after of what changed.
 * Unknown competition or group → 404; anyone but the organizer's admins → 403.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { EditionSettings, Group } from "~/domain/edition";
import { presetFor, type EditionPreset, type GroupSpec, type PresetKind } from "~/domain/edition-presets";
import { defaultNumberPrefix } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { findProvince, listProvinces } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import { getEditionSettings } from "~/models/edition.server";
import { findOrganizer } from "~/models/organizers.server";
import {
  answeredSectionKeys,
  countProposals,
  deleteGroupRow,
  deleteGroupsAndCategories,
  getRegistrationWindow,
  groupKeyTaken,
  insertExtension,
  insertGroup,
  insertGroupsAndCategories,
  listCategoryRows,
  listExtensions,
  listGroupRows,
  listOtherEditions,
  proposalCountsByCategory,
  proposalCountsByGroup,
  replaceCategories,
  replaceSections,
  replaceSlots,
  setGroupOrder,
  setRegistrationWindow,
  updateEditionRules,
  updateGroupRow,
  usedSlotKeys,
} from "~/models/settings.server";
import type { CategoryInput, GeneralInput, GroupFields } from "~/schemas/settings";

export type SettingsResult<T extends object = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

type CompetitionRow = NonNullable<Awaited<ReturnType<typeof findCompetitionById>>>;

function resource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (the demo seed). */
function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Loads the competition inside the transaction and checks the permission: 404, then 403. */
async function editable(db: DB, actor: Actor, competitionId: string): Promise<CompetitionRow> {
  const c = await findCompetitionById(db, competitionId);
  if (!c) notFound();
  assertCan(actor, "settings.edit", resource(c));
  return c;
}

async function settingsOf(db: DB, competitionId: string): Promise<EditionSettings> {
  const s = await getEditionSettings(db, competitionId);
  if (!s) notFound();
  return s;
}

function effectivePrefix(c: { number_prefix: string; name: string; year: number }): string {
  return c.number_prefix || defaultNumberPrefix(c.name, c.year);
}

/** Only the fields that differ, on both sides. */
function diff<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

function audit(
  db: DB,
  actorUserId: string | null,
  c: { id: string; organizer_id: string },
  e: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
) {
  return appendAudit(db, { actorUserId, organizerId: c.organizer_id, competitionId: c.id, ...e });
}

/** The audited shape of a group with its form. */
function groupSnapshot(g: GroupSpec) {
  return {
    key: g.key,
    nameId: g.nameId,
    nameEn: g.nameEn,
    descriptionId: g.descriptionId,
    descriptionEn: g.descriptionEn,
    minAgeMonths: g.minAgeMonths,
    quotaPerAgency: g.quotaPerAgency,
    requiresSources: g.requiresSources,
    videoRequired: g.videoRequired,
    sections: g.sections.map((s) => ({
      key: s.key,
      titleId: s.titleId,
      titleEn: s.titleEn,
      guidanceId: s.guidanceId,
      guidanceEn: s.guidanceEn,
      wordLimit: s.wordLimit,
      required: s.required,
    })),
    slots: g.slots.map((s) => ({
      key: s.key,
      labelId: s.labelId,
      labelEn: s.labelEn,
      acceptedTypes: s.acceptedTypes,
      maxSizeMb: s.maxSizeMb,
      required: s.required,
    })),
  };
}

/** A stored group as a spec (no ids, no positions): what copies and snapshots use. */
function specOf(g: Group): GroupSpec {
  return groupSnapshot(g);
}

// ---------------------------------------------------------------------------
// Pages

async function pageCompetition(db: DB, actor: Actor, slug: string) {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "settings.edit", resource(c));
  return c;
}

function publicCompetition(c: CompetitionRow) {
  return { id: c.id, slug: c.slug, name: c.name, year: c.year, organizerId: c.organizer_id, organizerName: c.organizer_name };
}

/**
 * The settings overview: general rules, groups (with their proposal counts),
 * category count, the registration window with its extensions, and the other
 * editions of the organizer to copy from.
 */
export async function getSettingsOverview(db: DB, actor: Actor, slug: string) {
  const c = await pageCompetition(db, actor, slug);
  const [settings, organizer, proposalCount, byGroup, extensions, otherEditions] = await Promise.all([
    settingsOf(db, c.id),
    findOrganizer(db, c.organizer_id),
    countProposals(db, c.id),
    proposalCountsByGroup(db, c.id),
    listExtensions(db, c.id),
    listOtherEditions(db, c.organizer_id, c.id),
  ]);
  if (!organizer) notFound();
  const provinces =
    organizer.kind === "provincial" && organizer.province_code
      ? [{ code: organizer.province_code, name: organizer.province_name ?? organizer.province_code }]
      : await listProvinces(db);
  return {
    competition: publicCompetition(c),
    organizer: { kind: organizer.kind, provinceCode: organizer.province_code },
    general: {
      numberPrefix: c.number_prefix,
      defaultPrefix: defaultNumberPrefix(c.name, c.year),
      allowedClusters: settings.allowedClusters,
      eligibleProvinceCode: settings.eligibleProvinceCode,
      registration: settings.registration,
    },
    provinces,
    groups: settings.groups.map((g) => ({
      id: g.id,
      key: g.key,
      nameId: g.nameId,
      nameEn: g.nameEn,
      minAgeMonths: g.minAgeMonths,
      quotaPerAgency: g.quotaPerAgency,
      sectionCount: g.sections.length,
      slotCount: g.slots.length,
      proposalCount: byGroup.get(g.id) ?? 0,
    })),
    categoryCount: settings.categories.length,
    proposalCount,
    extensions,
    otherEditions,
    presetKind: (organizer.kind === "national" ? "kipp" : "provincial") as PresetKind,
  };
}

/** One group's page: the group with its form, and which keys proposals already use. */
export async function getGroupPage(db: DB, actor: Actor, slug: string, groupKey: string) {
  const c = await pageCompetition(db, actor, slug);
  const settings = await settingsOf(db, c.id);
  const group = settings.groups.find((g) => g.key === groupKey);
  if (!group) notFound();
  const [byGroup, lockedSections, lockedSlots] = await Promise.all([
    proposalCountsByGroup(db, c.id),
    answeredSectionKeys(db, group.id),
    usedSlotKeys(db, group.id),
  ]);
  return {
    competition: publicCompetition(c),
    group,
    proposalCount: byGroup.get(group.id) ?? 0,
    lockedSectionKeys: lockedSections,
    lockedSlotKeys: lockedSlots,
  };
}

/** The categories page: every category with how many proposals use it. */
export async function getCategoriesPage(db: DB, actor: Actor, slug: string) {
  const c = await pageCompetition(db, actor, slug);
  const [rows, usage] = await Promise.all([listCategoryRows(db, c.id), proposalCountsByCategory(db, c.id)]);
  return {
    competition: publicCompetition(c),
    categories: rows.map((r) => ({ id: r.id, key: r.key, nameId: r.name_id, nameEn: r.name_en, proposalCount: usage.get(r.id) ?? 0 })),
  };
}

/** The competition behind a settings route's action (404 / 403 before the form is read). */
export async function getSettingsCompetition(db: DB, actor: Actor, slug: string) {
  return publicCompetition(await pageCompetition(db, actor, slug));
}

// ---------------------------------------------------------------------------
// General rules

function generalSnapshot(g: GeneralInput) {
  return {
    numberPrefix: g.numberPrefix,
    allowedClusters: g.allowedClusters,
    eligibleProvinceCode: g.eligibleProvinceCode,
    registration: { startsAt: g.registration.startsAt, endsAt: g.registration.endsAt },
  };
}

/**
 * Changes the general rules: proposal number prefix (empty = the default
 * from name and year), clusters that may enter (empty = all), the province
 * rule and the registration window.
 * Refused (field errors): a prefix change once proposals have numbers; a
 * province other than a provincial organizer's own; moving the end later
 * once registration has opened (that is an extension, with a reason).
 * Side effects: the competitions row and the "pendaftaran" stage, one audit
 * row "settings.updated" with only the changed fields; nothing when nothing
 * changed.
 */
export async function updateGeneralSettings(
  db: DB,
  actor: Actor,
  competitionId: string,
  input: GeneralInput,
  now: Date = new Date(),
): Promise<SettingsResult> {
  return inTransaction(db, async (trx): Promise<SettingsResult> => {
    const c = await editable(trx, actor, competitionId);
    const settings = await settingsOf(trx, c.id);
    const window = await getRegistrationWindow(trx, c.id);
    const before = generalSnapshot({
      numberPrefix: effectivePrefix(c),
      allowedClusters: settings.allowedClusters,
      eligibleProvinceCode: settings.eligibleProvinceCode,
      registration: window,
    });
    const after = generalSnapshot({ ...input, numberPrefix: input.numberPrefix || defaultNumberPrefix(c.name, c.year) });

    const errors: FieldErrors = {};
    if (after.numberPrefix !== before.numberPrefix && (await countProposals(trx, c.id)) > 0) {
      errors.numberPrefix = "settings.errors.prefixLocked";
    }
    if (after.eligibleProvinceCode) {
      const organizer = await findOrganizer(trx, c.organizer_id);
      if (!(await findProvince(trx, after.eligibleProvinceCode))) errors.provinceCode = "errors.unknownProvince";
      else if (organizer?.kind === "provincial" && organizer.province_code !== after.eligibleProvinceCode) {
        errors.provinceCode = "settings.errors.provinceOfOrganizer";
      }
    }
    const { startsAt, endsAt } = after.registration;
    if ((startsAt === null) !== (endsAt === null)) {
      errors[startsAt === null ? "registrationStart" : "registrationEnd"] = "errors.required";
    } else if (startsAt && endsAt && endsAt <= startsAt) {
      errors.registrationEnd = "errors.endBeforeStart";
    } else if (
      window.startsAt &&
      window.endsAt &&
      window.startsAt <= now.toISOString() &&
      (endsAt === null || endsAt > window.endsAt)
    ) {
      // Registration has opened: a later end is an extension (with a reason shown
      // to agencies), and the window cannot silently disappear.
      errors.registrationEnd = "settings.errors.useExtension";
    }
    if (Object.keys(errors).length) return { ok: false, errors };

    const change = diff(before, after);
    if (!change.changed) return { ok: true };
    await updateEditionRules(trx, c.id, {
      numberPrefix: after.numberPrefix,
      allowedClusters: after.allowedClusters,
      eligibleProvinceCode: after.eligibleProvinceCode,
    });
    if (JSON.stringify(before.registration) !== JSON.stringify(after.registration)) {
      await setRegistrationWindow(trx, c.id, after.registration);
    }
    await audit(trx, actor.userId, c, {
      action: "settings.updated",
      entityType: "competition",
      entityId: c.id,
      before: change.before,
      after: change.after,
    });
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------
// Groups

async function groupOf(db: DB, competitionId: string, groupId: string): Promise<Group> {
  const settings = await settingsOf(db, competitionId);
  const group = settings.groups.find((g) => g.id === groupId);
  if (!group) notFound();
  return group;
}

/**
 * Adds a group at the end of the list, with an empty form.
 * Side effects: one competition_groups row, audit "group.created".
 * Field error `key` when another group of the edition has the key.
 */
export async function createGroup(
  db: DB,
  actor: Actor,
  competitionId: string,
  fields: GroupFields,
): Promise<SettingsResult<{ id: string; key: string }>> {
  return inTransaction(db, async (trx): Promise<SettingsResult<{ id: string; key: string }>> => {
    const c = await editable(trx, actor, competitionId);
    if (await groupKeyTaken(trx, c.id, fields.key)) return { ok: false, errors: { key: "settings.errors.keyTaken" } };
    const groups = await listGroupRows(trx, c.id);
    const position = groups.reduce((max, g) => Math.max(max, g.position + 1), 0);
    const id = await insertGroup(trx, c.id, fields, position);
    await audit(trx, actor.userId, c, {
      action: "group.created",
      entityType: "group",
      entityId: id,
      after: groupSnapshot({ ...fields, sections: [], slots: [] }),
    });
    return { ok: true, id, key: fields.key };
  });
}

/**
 * Saves a group with its whole form: the group's fields, its sections and
 * its attachment slots, each list in the given order.
 * Refused: a key another group has (field `key`); removing or renaming a
 * section that proposals have answered, or a slot that holds files (form
 * error: their text and files are keyed by it).
 * Side effects: the group row, its sections and slots, audit "group.updated"
 * with the changed parts; nothing when nothing changed.
 */
export async function updateGroup(
  db: DB,
  actor: Actor,
  competitionId: string,
  groupId: string,
  spec: GroupSpec,
): Promise<SettingsResult<{ key: string }>> {
  return inTransaction(db, async (trx): Promise<SettingsResult<{ key: string }>> => {
    const c = await editable(trx, actor, competitionId);
    const group = await groupOf(trx, c.id, groupId);
    const errors: FieldErrors = {};
    if (spec.key !== group.key && (await groupKeyTaken(trx, c.id, spec.key, group.id))) errors.key = "settings.errors.keyTaken";
    const sectionKeys = new Set(spec.sections.map((s) => s.key));
    if ((await answeredSectionKeys(trx, group.id)).some((k) => !sectionKeys.has(k))) errors._form = "settings.errors.sectionInUse";
    const slotKeys = new Set(spec.slots.map((s) => s.key));
    if (!errors._form && (await usedSlotKeys(trx, group.id)).some((k) => !slotKeys.has(k))) errors._form = "settings.errors.slotInUse";
    if (Object.keys(errors).length) return { ok: false, errors };

    const change = diff(groupSnapshot(specOf(group)), groupSnapshot(spec));
    if (!change.changed) return { ok: true, key: group.key };
    const { sections, slots, ...fields } = spec;
    await updateGroupRow(trx, group.id, fields);
    await replaceSections(trx, group.id, sections);
    await replaceSlots(trx, group.id, slots);
    await audit(trx, actor.userId, c, {
      action: "group.updated",
      entityType: "group",
      entityId: group.id,
      before: { key: group.key, ...change.before },
      after: { key: spec.key, ...change.after },
    });
    return { ok: true, key: spec.key };
  });
}

/**
 * Deletes a group with its form. Refused (form error) while any proposal,
 * even a draft, is in the group.
 * Side effects: the group, its sections and slots; audit "group.deleted"
 * with the whole group before.
 */
export async function deleteGroup(db: DB, actor: Actor, competitionId: string, groupId: string): Promise<SettingsResult> {
  return inTransaction(db, async (trx): Promise<SettingsResult> => {
    const c = await editable(trx, actor, competitionId);
    const group = await groupOf(trx, c.id, groupId);
    if ((await proposalCountsByGroup(trx, c.id)).get(group.id)) {
      return { ok: false, errors: { _form: "settings.errors.groupHasProposals" } };
    }
    await deleteGroupRow(trx, group.id);
    await audit(trx, actor.userId, c, {
      action: "group.deleted",
      entityType: "group",
      entityId: group.id,
      before: groupSnapshot(specOf(group)),
    });
    return { ok: true };
  });
}

/**
 * Moves a group one place up or down the list (the order agencies see).
 * Side effects: positions renumbered 0..n-1, audit "groups.reordered" with
 * the order of keys before and after; nothing at either end of the list.
 */
export async function moveGroup(
  db: DB,
  actor: Actor,
  competitionId: string,
  groupId: string,
  direction: "up" | "down",
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const c = await editable(trx, actor, competitionId);
    const rows = await listGroupRows(trx, c.id);
    const i = rows.findIndex((r) => r.id === groupId);
    if (i < 0) notFound();
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return;
    const order = [...rows];
    [order[i], order[j]] = [order[j], order[i]];
    await setGroupOrder(
      trx,
      c.id,
      order.map((r) => r.id),
    );
    await audit(trx, actor.userId, c, {
      action: "groups.reordered",
      entityType: "competition",
      entityId: c.id,
      before: { order: rows.map((r) => r.key) },
      after: { order: order.map((r) => r.key) },
    });
  });
}

// ---------------------------------------------------------------------------
// Categories

/**
 * Makes the edition's categories exactly `rows`, in order: rows with an id
 * change that category (its proposals stay with it), rows without one are
 * new, stored categories missing from `rows` are deleted.
 * Refused (form error): deleting a category that proposals use; an id that
 * is not a category of this edition.
 * Side effects: competition_categories rows, audit "categories.updated" with
 * the list before and after; nothing when nothing changed.
 */
export async function saveCategories(
  db: DB,
  actor: Actor,
  competitionId: string,
  rows: CategoryInput[],
): Promise<SettingsResult> {
  return inTransaction(db, async (trx): Promise<SettingsResult> => {
    const c = await editable(trx, actor, competitionId);
    const existing = await listCategoryRows(trx, c.id);
    const ids = new Set(existing.map((r) => r.id));
    const posted = rows.flatMap((r) => (r.id ? [r.id] : []));
    if (posted.some((id) => !ids.has(id)) || new Set(posted).size !== posted.length) {
      return { ok: false, errors: { _form: "errors.invalid" } };
    }
    const usage = await proposalCountsByCategory(trx, c.id);
    const kept = new Set(posted);
    if (existing.some((r) => !kept.has(r.id) && (usage.get(r.id) ?? 0) > 0)) {
      return { ok: false, errors: { _form: "settings.errors.categoryInUse" } };
    }
    const snap = (list: { key: string; nameId: string; nameEn: string }[]) =>
      list.map((r) => ({ key: r.key, nameId: r.nameId, nameEn: r.nameEn }));
    const before = snap(existing.map((r) => ({ key: r.key, nameId: r.name_id, nameEn: r.name_en })));
    const after = snap(rows);
    const sameIds = existing.map((r) => r.id).join(",") === rows.map((r) => r.id ?? "").join(",");
    if (sameIds && JSON.stringify(before) === JSON.stringify(after)) return { ok: true };
    await replaceCategories(trx, c.id, rows);
    await audit(trx, actor.userId, c, {
      action: "categories.updated",
      entityType: "competition",
      entityId: c.id,
      before: { categories: before },
      after: { categories: after },
    });
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------
// Registration extension

/**
 * Extends the registration to a later end, with a reason agencies are shown.
 * Refused (field errors): no registration end yet (`_form`), an end not later
 * than the current one or already past (`newEndsAt`), no reason (`reason`).
 * Side effects, in one transaction: a registration_extensions row, the
 * "pendaftaran" stage's ends_at, audit "registration.extended" (before: the
 * end; after: the new end and the reason).
 */
export async function extendRegistration(
  db: DB,
  actor: Actor,
  competitionId: string,
  input: { newEndsAt: string; reason: string },
  now: Date = new Date(),
): Promise<SettingsResult<{ id: string }>> {
  return inTransaction(db, async (trx): Promise<SettingsResult<{ id: string }>> => {
    const c = await editable(trx, actor, competitionId);
    const window = await getRegistrationWindow(trx, c.id);
    const reason = input.reason.trim();
    const newEnd = new Date(input.newEndsAt);
    const errors: FieldErrors = {};
    if (!window.endsAt) errors._form = "settings.errors.noWindow";
    if (Number.isNaN(newEnd.getTime())) errors.newEndsAt = "errors.dateTime";
    else if (window.endsAt && newEnd.getTime() <= Date.parse(window.endsAt)) errors.newEndsAt = "settings.errors.extensionNotLater";
    else if (newEnd.getTime() <= now.getTime()) errors.newEndsAt = "settings.errors.extensionPast";
    if (reason === "") errors.reason = "errors.required";
    else if (reason.length > 1000) errors.reason = "errors.tooLong";
    if (Object.keys(errors).length) return { ok: false, errors };

    const newEndsAt = newEnd.toISOString();
    const id = await insertExtension(trx, {
      competitionId: c.id,
      previousEndsAt: window.endsAt,
      newEndsAt,
      reason,
      createdBy: actor.userId,
    });
    await setRegistrationWindow(trx, c.id, { startsAt: window.startsAt, endsAt: newEndsAt });
    await audit(trx, actor.userId, c, {
      action: "registration.extended",
      entityType: "registration_extension",
      entityId: id,
      before: { endsAt: window.endsAt },
      after: { endsAt: newEndsAt, reason },
    });
    return { ok: true, id };
  });
}

// ---------------------------------------------------------------------------
// Copy and presets

export interface SettingsCounts {
  groups: number;
  sections: number;
  slots: number;
  categories: number;
}

function countsOf(groups: GroupSpec[], categories: unknown[]): SettingsCounts {
  return {
    groups: groups.length,
    sections: groups.reduce((n, g) => n + g.sections.length, 0),
    slots: groups.reduce((n, g) => n + g.slots.length, 0),
    categories: categories.length,
  };
}

function wholeSnapshot(s: Pick<EditionSettings, "groups" | "categories" | "allowedClusters" | "eligibleProvinceCode">) {
  return {
    groups: s.groups.map((g) => g.key),
    categories: s.categories.map((c) => c.key),
    allowedClusters: s.allowedClusters,
    eligibleProvinceCode: s.eligibleProvinceCode,
  };
}

/**
 * Copies every setting of an earlier edition of the same organizer into this
 * one: groups with sections and slots, categories, allowed clusters and the
 * province rule. Not the registration window, not the number prefix, not
 * proposals. The target's own groups and categories are replaced.
 * Refused: a source that is not another edition of the same organizer
 * (field `sourceId`); a target that already has proposals (form error).
 * Side effects: the target's groups, sections, slots, categories and rule
 * columns; audit "settings.copied" (before: the target's settings; after:
 * the source and what was copied).
 */
export async function copySettings(
  db: DB,
  actor: Actor,
  competitionId: string,
  sourceCompetitionId: string,
): Promise<SettingsResult<{ counts: SettingsCounts }>> {
  return inTransaction(db, async (trx): Promise<SettingsResult<{ counts: SettingsCounts }>> => {
    const c = await editable(trx, actor, competitionId);
    const source = sourceCompetitionId === c.id ? undefined : await findCompetitionById(trx, sourceCompetitionId);
    if (!source || source.organizer_id !== c.organizer_id) return { ok: false, errors: { sourceId: "settings.errors.copySource" } };
    if ((await countProposals(trx, c.id)) > 0) return { ok: false, errors: { _form: "settings.errors.copyHasProposals" } };

    const [target, from] = await Promise.all([settingsOf(trx, c.id), settingsOf(trx, source.id)]);
    const groups = from.groups.map(specOf);
    const categories = from.categories.map((k) => ({ key: k.key, nameId: k.nameId, nameEn: k.nameEn }));
    await deleteGroupsAndCategories(trx, c.id);
    await insertGroupsAndCategories(trx, c.id, groups, categories);
    await updateEditionRules(trx, c.id, {
      numberPrefix: c.number_prefix,
      allowedClusters: from.allowedClusters,
      eligibleProvinceCode: from.eligibleProvinceCode,
    });
    const counts = countsOf(groups, categories);
    await audit(trx, actor.userId, c, {
      action: "settings.copied",
      entityType: "competition",
      entityId: c.id,
      before: wholeSnapshot(target),
      after: { source: { id: source.id, name: source.name }, ...wholeSnapshot(from), counts },
    });
    return { ok: true, counts };
  });
}

/**
 * Gives an edition without groups or categories the settings of a preset
 * (presetFor in ~/domain/edition-presets), for the demo seed and for the
 * "standard settings" button. Also sets the allowed clusters, the province
 * rule (a provincial preset: the organizer's province) and, when empty, the
 * number prefix. Throws when the edition already has groups or categories,
 * so running it twice never duplicates anything.
 * Side effects: groups, sections, slots, categories and rule columns; audit
 * "settings.preset_applied" (actor null when the seed runs it).
 */
export async function applyPreset(
  db: DB,
  competitionId: string,
  preset: EditionPreset,
  actorUserId: string | null = null,
): Promise<SettingsCounts> {
  return inTransaction(db, async (trx) => {
    const c = await findCompetitionById(trx, competitionId);
    if (!c) throw new Error(`applyPreset: no competition ${competitionId}`);
    const before = await settingsOf(trx, c.id);
    if (before.groups.length > 0 || before.categories.length > 0) {
      throw new Error(`applyPreset: ${c.slug} already has groups or categories`);
    }
    const organizer = await findOrganizer(trx, c.organizer_id);
    const eligibleProvinceCode =
      preset.restrictToOrganizerProvince && organizer?.kind === "provincial" ? organizer.province_code : before.eligibleProvinceCode;
    const numberPrefix = effectivePrefix(c);
    await insertGroupsAndCategories(trx, c.id, preset.groups, preset.categories);
    await updateEditionRules(trx, c.id, { numberPrefix, allowedClusters: preset.allowedClusters, eligibleProvinceCode });
    const counts = countsOf(preset.groups, preset.categories);
    await audit(trx, actorUserId, c, {
      action: "settings.preset_applied",
      entityType: "competition",
      entityId: c.id,
      before: { allowedClusters: before.allowedClusters, eligibleProvinceCode: before.eligibleProvinceCode },
      after: {
        preset: preset.kind,
        groups: preset.groups.map((g) => g.key),
        categories: preset.categories.map((k) => k.key),
        allowedClusters: preset.allowedClusters,
        eligibleProvinceCode,
        numberPrefix,
        counts,
      },
    });
    return counts;
  });
}

/**
 * The organizer's "use the standard settings" button: the KIPP preset for
 * the national organizer, the provincial one otherwise, through applyPreset.
 * Refused (form error) when the edition already has groups or categories.
 */
export async function applyStandardSettings(
  db: DB,
  actor: Actor,
  competitionId: string,
): Promise<SettingsResult<{ counts: SettingsCounts }>> {
  return inTransaction(db, async (trx): Promise<SettingsResult<{ counts: SettingsCounts }>> => {
    const c = await editable(trx, actor, competitionId);
    const [groups, categories] = await Promise.all([listGroupRows(trx, c.id), listCategoryRows(trx, c.id)]);
    if (groups.length > 0 || categories.length > 0) return { ok: false, errors: { _form: "settings.errors.presetNotEmpty" } };
    const kind: PresetKind = c.organizer_kind === "national" ? "kipp" : "provincial";
    const counts = await applyPreset(trx, c.id, presetFor(kind, c.year), actor.userId);
    return { ok: true, counts };
  });
}
