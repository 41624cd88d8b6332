import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { EditionSettings } from "~/domain/edition";
import type { Actor } from "~/domain/roles";
import { presetFor, type GroupSpec } from "~/domain/edition-presets";
import { parseForm } from "~/lib/forms";
import { getEditionSettings } from "~/models/edition.server";
import { listExtensions } from "~/models/settings.server";
import { CategoriesSchema, GroupFormSchema, NewGroupSchema, groupSpec, newGroupFields } from "~/schemas/settings";
import {
  applyPreset,
  applyStandardSettings,
  copySettings,
  createGroup,
  deleteGroup,
  extendRegistration,
  getCategoriesPage,
  getGroupPage,
  getSettingsOverview,
  moveGroup,
  saveCategories,
  updateGeneralSettings,
  updateGroup,
} from "~/services/settings.server";
import { useTestDb } from "../support/db";
import { actorOf, buildCompetition, buildWorld, type World } from "../support/factories";

/** The rejection of `p`, which must be a Response with this status. */
async function expectStatus(p: Promise<unknown>, status: number) {
  const thrown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
}

async function auditRows(db: DB, action?: string) {
  let q = db.selectFrom("audit_log").selectAll().orderBy("at").orderBy("id");
  if (action) q = q.where("action", "=", action);
  const rows = await q.execute();
  return rows.map((r) => ({
    actor_user_id: r.actor_user_id,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    organizer_id: r.organizer_id,
    competition_id: r.competition_id,
    agency_id: r.agency_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}

/** Both demo editions with their standard settings: the other edition's data is always there to leak. */
async function world(db: DB) {
  const w = await buildWorld(db);
  await applyPreset(db, w.competitions.kipp, presetFor("kipp", 2025));
  await applyPreset(db, w.competitions.sivablik, presetFor("provincial", 2025));
  return w;
}

async function settings(db: DB, competitionId: string): Promise<EditionSettings> {
  const s = await getEditionSettings(db, competitionId);
  if (!s) throw new Error("no settings");
  return s;
}

/** Settings without ids, for comparing editions. */
function shape(s: EditionSettings) {
  return {
    allowedClusters: s.allowedClusters,
    eligibleProvinceCode: s.eligibleProvinceCode,
    groups: s.groups.map(({ id: _id, ...g }) => g),
    categories: s.categories.map(({ id: _id, ...c }) => c),
  };
}

function groupId(s: EditionSettings, key: string): string {
  const g = s.groups.find((x) => x.key === key);
  if (!g) throw new Error(`no group ${key}`);
  return g.id;
}

/** A proposal row written directly (the drafting service is not under test here). */
async function insertProposal(
  db: DB,
  w: World,
  p: { competitionId: string; groupId: string; categoryId?: string | null; number: string; answers?: Record<string, string> },
) {
  const id = `p-${p.number}`;
  await db
    .insertInto("proposals")
    .values({
      id,
      competition_id: p.competitionId,
      group_id: p.groupId,
      category_id: p.categoryId ?? null,
      agency_id: w.agencies.pontianak,
      number: p.number,
      title: "Layanan Adminduk Keliling",
      created_at: "2025-05-01T01:00:00.000Z",
      updated_at: "2025-05-01T01:00:00.000Z",
    })
    .execute();
  for (const [section_key, body] of Object.entries(p.answers ?? {})) {
    await db.insertInto("proposal_answers").values({ proposal_id: id, section_key, body }).execute();
  }
  return id;
}

function specFrom(s: EditionSettings, key: string): GroupSpec {
  const g = s.groups.find((x) => x.key === key)!;
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
    sections: g.sections.map(({ position: _p, ...x }) => x),
    slots: g.slots.map(({ position: _p, ...x }) => x),
  };
}

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const KIPP_COUNTS = { groups: 3, sections: 19, slots: 13, categories: 9 };

describe("applyPreset", () => {
  const t = useTestDb();

  it("gives an empty edition the preset, its eligibility rules and prefix, with one audit row", async () => {
    const w = await buildWorld(t.db);
    expect(await applyPreset(t.db, w.competitions.kipp, presetFor("kipp", 2025))).toEqual(KIPP_COUNTS);
    expect(await applyPreset(t.db, w.competitions.sivablik, presetFor("provincial", 2025))).toEqual({
      groups: 3,
      sections: 19,
      slots: 13,
      categories: 4,
    });

    const kipp = await settings(t.db, w.competitions.kipp);
    expect([kipp.numberPrefix, kipp.allowedClusters, kipp.eligibleProvinceCode]).toEqual(["KIPP2025", [], null]);
    const preset = presetFor("kipp", 2025);
    expect(kipp.groups.map((g) => specFrom(kipp, g.key))).toEqual(preset.groups);
    expect(kipp.groups.map((g) => g.position)).toEqual([0, 1, 2]);
    expect(kipp.groups[0].sections.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(kipp.categories.map(({ key, nameId, nameEn }) => ({ key, nameId, nameEn }))).toEqual(preset.categories);

    const siv = await settings(t.db, w.competitions.sivablik);
    expect([siv.numberPrefix, siv.allowedClusters, siv.eligibleProvinceCode]).toEqual(["SIVABLIK2025", ["kabupaten", "kota", "opd"], "61"]);

    expect((await auditRows(t.db)).map((r) => [r.actor_user_id, r.action, r.organizer_id, r.competition_id, r.after.counts])).toEqual([
      [null, "settings.preset_applied", w.organizers.panrb, w.competitions.kipp, KIPP_COUNTS],
      [null, "settings.preset_applied", w.organizers.kalbar, w.competitions.sivablik, { groups: 3, sections: 19, slots: 13, categories: 4 }],
    ]);
  });

  it("refuses an edition that already has groups, writing nothing twice", async () => {
    const w = await world(t.db);
    await expect(applyPreset(t.db, w.competitions.kipp, presetFor("kipp", 2025))).rejects.toThrow(/already has groups/);
    expect((await settings(t.db, w.competitions.kipp)).groups.length).toBe(3);
    expect((await auditRows(t.db)).length).toBe(2);
  });

  it("is the standard-settings button for the organizer's admin, refused once groups exist", async () => {
    const w = await buildWorld(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    expect(await applyStandardSettings(t.db, rina, w.competitions.kipp)).toEqual({ ok: true, counts: KIPP_COUNTS });
    expect(await applyStandardSettings(t.db, rina, w.competitions.kipp)).toEqual({
      ok: false,
      errors: { _form: "settings.errors.presetNotEmpty" },
    });
    expect((await auditRows(t.db)).map((r) => [r.actor_user_id, r.action])).toEqual([[w.users.panrbAdmin, "settings.preset_applied"]]);
  });
});

describe("permissions", () => {
  const t = useTestDb();

  /** Every settings change on KIPP 2025, as a function of the actor. */
  function operations(w: World, kipp: EditionSettings, other: string) {
    const umum = groupId(kipp, "umum");
    return {
      updateGeneralSettings: (a: Actor) =>
        updateGeneralSettings(t.db, a, w.competitions.kipp, {
          numberPrefix: "KIPPX",
          allowedClusters: ["kota"],
          eligibleProvinceCode: null,
          registration: kipp.registration,
        }),
      createGroup: (a: Actor) =>
        createGroup(t.db, a, w.competitions.kipp, newGroupFields({ key: "baru", nameId: "Baru", nameEn: "New" })),
      updateGroup: (a: Actor) =>
        updateGroup(t.db, a, w.competitions.kipp, umum, { ...specFrom(kipp, "umum"), minAgeMonths: 36 }),
      moveGroup: (a: Actor) => moveGroup(t.db, a, w.competitions.kipp, umum, "down"),
      deleteGroup: (a: Actor) => deleteGroup(t.db, a, w.competitions.kipp, umum),
      saveCategories: (a: Actor) => saveCategories(t.db, a, w.competitions.kipp, []),
      extendRegistration: (a: Actor) =>
        extendRegistration(
          t.db,
          a,
          w.competitions.kipp,
          { newEndsAt: "2025-07-07T16:59:00.000Z", reason: "Gangguan jaringan" },
          new Date("2025-06-30T10:00:00Z"),
        ),
      copySettings: (a: Actor) => copySettings(t.db, a, other, w.competitions.kipp),
      applyStandardSettings: (a: Actor) => applyStandardSettings(t.db, a, w.competitions.kipp),
    };
  }

  it("refuses (403) every change to the other organizer's admin, an Admin Lokal, jurors and the platform admin, changing nothing", async () => {
    const w = await world(t.db);
    const kipp2026 = await buildCompetition(t.db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
    const before = [await settings(t.db, w.competitions.kipp), await settings(t.db, w.competitions.sivablik), await settings(t.db, kipp2026)];
    const ops = operations(w, before[0], kipp2026);
    for (const user of [w.users.kalbarAdmin, w.users.adminLokal, w.users.innovator, w.users.evaluator, w.users.panelist, w.users.platformAdmin]) {
      const actor = await actorOf(t.db, user);
      for (const [name, op] of Object.entries(ops)) {
        await expectStatus(op(actor), 403).catch((e) => {
          throw new Error(`${name} for ${actor.email}: ${e}`);
        });
      }
      await expectStatus(getSettingsOverview(t.db, actor, "kipp-2025"), 403);
      await expectStatus(getGroupPage(t.db, actor, "kipp-2025", "umum"), 403);
      await expectStatus(getCategoriesPage(t.db, actor, "kipp-2025"), 403);
    }
    expect([await settings(t.db, w.competitions.kipp), await settings(t.db, w.competitions.sivablik), await settings(t.db, kipp2026)]).toEqual(before);
    expect(await listExtensions(t.db, w.competitions.kipp)).toEqual([]);
    expect((await auditRows(t.db)).map((r) => r.action)).toEqual(["settings.preset_applied", "settings.preset_applied"]);
  });

  it("lets the owning organizer's admin do every change", async () => {
    const w = await world(t.db);
    const kipp2026 = await buildCompetition(t.db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const kipp = await settings(t.db, w.competitions.kipp);
    const ops = operations(w, kipp, kipp2026);
    const results: Record<string, unknown> = {};
    // Standard settings last: by then groups exist, so it must refuse.
    for (const [name, op] of Object.entries(ops)) results[name] = await op(rina);
    expect(results).toEqual({
      updateGeneralSettings: { ok: true },
      createGroup: { ok: true, id: expect.any(String), key: "baru" },
      updateGroup: { ok: true, key: "umum" },
      moveGroup: undefined,
      deleteGroup: { ok: true },
      saveCategories: { ok: true },
      extendRegistration: { ok: true, id: expect.any(String) },
      copySettings: { ok: true, counts: { groups: 3, sections: 12, slots: 9, categories: 0 } },
      applyStandardSettings: { ok: false, errors: { _form: "settings.errors.presetNotEmpty" } },
    });
    expect((await auditRows(t.db)).map((r) => [r.action, r.organizer_id, r.competition_id])).toEqual([
      ["settings.preset_applied", w.organizers.panrb, w.competitions.kipp],
      ["settings.preset_applied", w.organizers.kalbar, w.competitions.sivablik],
      ["settings.updated", w.organizers.panrb, w.competitions.kipp],
      ["group.created", w.organizers.panrb, w.competitions.kipp],
      ["group.updated", w.organizers.panrb, w.competitions.kipp],
      ["groups.reordered", w.organizers.panrb, w.competitions.kipp],
      ["group.deleted", w.organizers.panrb, w.competitions.kipp],
      ["categories.updated", w.organizers.panrb, w.competitions.kipp],
      ["registration.extended", w.organizers.panrb, w.competitions.kipp],
      ["settings.copied", w.organizers.panrb, kipp2026],
    ]);
    // The other organizer's edition is untouched.
    expect((await settings(t.db, w.competitions.sivablik)).groups.map((g) => g.key)).toEqual(["umum", "replikasi", "khusus"]);
  });

  it("shows the owning admin only this edition's settings, and 404 for an unknown edition or group", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const o = await getSettingsOverview(t.db, rina, "kipp-2025");
    expect(o.groups.map((g) => [g.key, g.sectionCount, g.slotCount, g.proposalCount])).toEqual([
      ["umum", 7, 4, 0],
      ["replikasi", 7, 5, 0],
      ["khusus", 5, 4, 0],
    ]);
    expect([o.categoryCount, o.proposalCount, o.presetKind, o.otherEditions]).toEqual([9, 0, "kipp", []]);
    expect((await getCategoriesPage(t.db, rina, "kipp-2025")).categories.length).toBe(9);
    await expectStatus(getSettingsOverview(t.db, rina, "tidak-ada"), 404);
    await expectStatus(getGroupPage(t.db, rina, "kipp-2025", "tidak_ada"), 404);
    // Sivablik's admin reaches Sivablik, and sees only its own province to restrict to.
    const hendra = await actorOf(t.db, w.users.kalbarAdmin);
    const s = await getSettingsOverview(t.db, hendra, "sivablik-2025");
    expect([s.provinces, s.presetKind, s.general.eligibleProvinceCode]).toEqual([[{ code: "61", name: "Kalimantan Barat" }], "provincial", "61"]);
  });
});

describe("updateGeneralSettings", () => {
  const t = useTestDb();
  const beforeOpening = new Date("2025-04-01T00:00:00Z");

  it("saves the rules and the window, auditing only what changed; saving again writes nothing", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const input = {
      numberPrefix: "",
      allowedClusters: ["kabupaten" as const, "kota" as const],
      eligibleProvinceCode: null,
      registration: { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-07-15T16:59:00.000Z" },
    };
    expect(await updateGeneralSettings(t.db, rina, w.competitions.kipp, input, beforeOpening)).toEqual({ ok: true });
    expect(await updateGeneralSettings(t.db, rina, w.competitions.kipp, input, beforeOpening)).toEqual({ ok: true });
    const s = await settings(t.db, w.competitions.kipp);
    expect([s.numberPrefix, s.allowedClusters, s.registration]).toEqual([
      "KIPP2025",
      ["kabupaten", "kota"],
      { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-07-15T16:59:00.000Z" },
    ]);
    expect(await auditRows(t.db, "settings.updated")).toEqual([
      {
        actor_user_id: w.users.panrbAdmin,
        action: "settings.updated",
        entity_type: "competition",
        entity_id: w.competitions.kipp,
        organizer_id: w.organizers.panrb,
        competition_id: w.competitions.kipp,
        agency_id: null,
        before: {
          allowedClusters: [],
          registration: { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
        },
        after: {
          allowedClusters: ["kabupaten", "kota"],
          registration: { startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-07-15T16:59:00.000Z" },
        },
      },
    ]);
  });

  it("refuses a later end once registration has opened (that is an extension), a prefix change once proposals exist, and a foreign province", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const kipp = await settings(t.db, w.competitions.kipp);
    const later = { startsAt: kipp.registration.startsAt, endsAt: "2025-07-15T16:59:00.000Z" };
    expect(
      await updateGeneralSettings(
        t.db,
        rina,
        w.competitions.kipp,
        { numberPrefix: "", allowedClusters: [], eligibleProvinceCode: null, registration: later },
        new Date("2025-05-01T00:00:00Z"),
      ),
    ).toEqual({ ok: false, errors: { registrationEnd: "settings.errors.useExtension" } });

    await insertProposal(t.db, w, { competitionId: w.competitions.kipp, groupId: groupId(kipp, "umum"), number: "KIPP2025-000001" });
    expect(
      await updateGeneralSettings(
        t.db,
        rina,
        w.competitions.kipp,
        { numberPrefix: "KIPPBARU", allowedClusters: [], eligibleProvinceCode: null, registration: kipp.registration },
        beforeOpening,
      ),
    ).toEqual({ ok: false, errors: { numberPrefix: "settings.errors.prefixLocked" } });

    const hendra = await actorOf(t.db, w.users.kalbarAdmin);
    const siv = await settings(t.db, w.competitions.sivablik);
    expect(
      await updateGeneralSettings(
        t.db,
        hendra,
        w.competitions.sivablik,
        { numberPrefix: "", allowedClusters: [], eligibleProvinceCode: "64", registration: siv.registration },
        beforeOpening,
      ),
    ).toEqual({ ok: false, errors: { provinceCode: "settings.errors.provinceOfOrganizer" } });
    expect(await auditRows(t.db, "settings.updated")).toEqual([]);
  });

  it("parses the form: checked clusters, the province only when asked for, WIB times", async () => {
    const { GeneralSchema, generalInput } = await import("~/schemas/settings");
    const parsed = parseForm(
      GeneralSchema,
      form([
        ["numberPrefix", "sivablik2025"],
        ["allowedClusters", "kota"],
        ["allowedClusters", "opd"],
        ["provinceCode", "61"],
        ["registrationStart", "2025-03-03T08:00"],
        ["registrationEnd", "2025-04-30T23:59"],
      ]),
    );
    expect(parsed.ok && generalInput(parsed.data)).toEqual({
      numberPrefix: "SIVABLIK2025",
      allowedClusters: ["kota", "opd"],
      eligibleProvinceCode: null,
      registration: { startsAt: "2025-03-03T01:00:00.000Z", endsAt: "2025-04-30T16:59:00.000Z" },
    });
    const bad = parseForm(
      GeneralSchema,
      form([
        ["numberPrefix", "KIPP-2025"],
        ["provinceOnly", "on"],
        ["registrationStart", "2025-04-30T23:59"],
        ["registrationEnd", "2025-04-01T08:00"],
      ]),
    );
    expect(bad.ok ? null : bad.errors).toEqual({
      numberPrefix: "settings.errors.prefix",
      provinceCode: "errors.unknownProvince",
      registrationEnd: "errors.endBeforeStart",
    });
  });
});

describe("groups", () => {
  const t = useTestDb();

  it("validates keys: lowercase letters, digits and underscores, unique within the group", async () => {
    expect(parseForm(NewGroupSchema, form([["key", "Kelompok Baru"], ["nameId", "Baru"], ["nameEn", "New"]]))).toMatchObject({
      ok: false,
      errors: { key: "settings.errors.key" },
    });
    const rows: [string, string][] = [
      ["key", "umum"],
      ["nameId", "Kelompok Umum"],
      ["nameEn", "General Group"],
      ["minAgeMonths", "24"],
      ["quotaPerAgency", ""],
      ["sections.0.key", "ringkasan"],
      ["sections.0.titleId", "Ringkasan"],
      ["sections.0.titleEn", "Summary"],
      ["sections.0.wordLimit", "200"],
      ["sections.0.required", "on"],
      ["sections.1.key", "ringkasan"],
      ["sections.1.titleId", "Ringkasan lagi"],
      ["sections.1.titleEn", "Summary again"],
      ["sections.1.wordLimit", "dua ratus"],
      ["sections.2.key", "Ide-Inovatif"],
      ["sections.2.titleId", "Ide Inovatif"],
      ["sections.2.titleEn", ""],
      ["slots.0.key", "sk_inovator"],
      ["slots.0.labelId", "SK"],
      ["slots.0.labelEn", "Decree"],
      ["slots.0.maxSizeMb", "500"],
    ];
    const parsed = parseForm(GroupFormSchema, form(rows));
    expect(parsed.ok ? null : parsed.errors).toEqual({
      "sections.1.wordLimit": "settings.errors.number",
      "sections.1.key": "settings.errors.keyDuplicate",
      "sections.2.key": "settings.errors.key",
      "sections.2.titleEn": "errors.required",
      "slots.0.types": "settings.errors.typesRequired",
      "slots.0.maxSizeMb": "settings.errors.number",
    });

    const ok = parseForm(
      GroupFormSchema,
      form([
        ...rows.slice(0, 10),
        ["slots.0.key", "foto"],
        ["slots.0.labelId", "Foto"],
        ["slots.0.labelEn", "Photo"],
        ["slots.0.types", "png"],
        ["slots.0.types", "jpeg"],
        ["slots.0.maxSizeMb", "10"],
      ]),
    );
    expect(ok.ok && groupSpec(ok.data)).toEqual({
      key: "umum",
      nameId: "Kelompok Umum",
      nameEn: "General Group",
      descriptionId: "",
      descriptionEn: "",
      minAgeMonths: 24,
      quotaPerAgency: null,
      requiresSources: false,
      videoRequired: false,
      sections: [{ key: "ringkasan", titleId: "Ringkasan", titleEn: "Summary", guidanceId: "", guidanceEn: "", wordLimit: 200, required: true }],
      slots: [{ key: "foto", labelId: "Foto", labelEn: "Photo", acceptedTypes: ["jpeg", "png"], maxSizeMb: 10, required: false }],
    });
  });

  it("creates a group at the end, refusing a key another group of the edition has", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const fields = newGroupFields({ key: "umum", nameId: "Umum lagi", nameEn: "General again" });
    expect(await createGroup(t.db, rina, w.competitions.kipp, fields)).toEqual({ ok: false, errors: { key: "settings.errors.keyTaken" } });
    // The same key in the other organizer's edition does not matter.
    const created = await createGroup(t.db, rina, w.competitions.kipp, { ...fields, key: "inovasi_daerah" });
    expect(created).toEqual({ ok: true, id: expect.any(String), key: "inovasi_daerah" });
    const s = await settings(t.db, w.competitions.kipp);
    expect(s.groups.map((g) => [g.key, g.position])).toEqual([
      ["umum", 0],
      ["replikasi", 1],
      ["khusus", 2],
      ["inovasi_daerah", 3],
    ]);
    expect((await auditRows(t.db, "group.created"))[0].after).toEqual({
      key: "inovasi_daerah",
      nameId: "Umum lagi",
      nameEn: "General again",
      descriptionId: "",
      descriptionEn: "",
      minAgeMonths: 0,
      quotaPerAgency: null,
      requiresSources: false,
      videoRequired: false,
      sections: [],
      slots: [],
    });
  });

  it("saves a group's form in the given order, auditing only the changed parts", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    const spec = specFrom(s, "khusus");
    const [ringkasan, pembaruan, ...rest] = spec.sections;
    const next: GroupSpec = {
      ...spec,
      quotaPerAgency: null,
      sections: [pembaruan, { ...ringkasan, wordLimit: 250 }, ...rest.slice(0, 2)],
    };
    expect(await updateGroup(t.db, rina, w.competitions.kipp, groupId(s, "khusus"), next)).toEqual({ ok: true, key: "khusus" });
    const after = await settings(t.db, w.competitions.kipp);
    expect(after.groups[2].sections.map((x) => [x.key, x.wordLimit, x.position])).toEqual([
      ["pembaruan", 600, 0],
      ["ringkasan", 250, 1],
      ["adaptabilitas", 400, 2],
      ["penguatan_keberlanjutan", 600, 3],
    ]);
    expect(after.groups[2].quotaPerAgency).toBe(null);
    const [row] = await auditRows(t.db, "group.updated");
    expect([row.entity_id, Object.keys(row.before), Object.keys(row.after), row.before.quotaPerAgency, row.after.quotaPerAgency]).toEqual([
      groupId(s, "khusus"),
      ["key", "quotaPerAgency", "sections"],
      ["key", "quotaPerAgency", "sections"],
      3,
      null,
    ]);
    expect(row.after.sections.map((x: { key: string }) => x.key)).toEqual(["pembaruan", "ringkasan", "adaptabilitas", "penguatan_keberlanjutan"]);
    // Unchanged: nothing written.
    expect(await updateGroup(t.db, rina, w.competitions.kipp, groupId(s, "khusus"), next)).toEqual({ ok: true, key: "khusus" });
    expect((await auditRows(t.db, "group.updated")).length).toBe(1);
  });

  it("refuses removing a section proposals have answered, or a group key another group has", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    const umum = groupId(s, "umum");
    await insertProposal(t.db, w, {
      competitionId: w.competitions.kipp,
      groupId: umum,
      number: "KIPP2025-000001",
      answers: { ringkasan: "Layanan jemput bola perekaman KTP-el." },
    });
    const spec = specFrom(s, "umum");
    expect(await updateGroup(t.db, rina, w.competitions.kipp, umum, { ...spec, sections: spec.sections.slice(1) })).toEqual({
      ok: false,
      errors: { _form: "settings.errors.sectionInUse" },
    });
    expect(await updateGroup(t.db, rina, w.competitions.kipp, umum, { ...spec, key: "khusus" })).toEqual({
      ok: false,
      errors: { key: "settings.errors.keyTaken" },
    });
    // Removing an unanswered section is fine.
    expect(await updateGroup(t.db, rina, w.competitions.kipp, umum, { ...spec, sections: spec.sections.slice(0, 6) })).toEqual({
      ok: true,
      key: "umum",
    });
    expect((await getGroupPage(t.db, rina, "kipp-2025", "umum")).lockedSectionKeys).toEqual(["ringkasan"]);
  });

  it("deletes a group without proposals and refuses one with a proposal, even a draft", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    await insertProposal(t.db, w, { competitionId: w.competitions.kipp, groupId: groupId(s, "umum"), number: "KIPP2025-000001" });
    expect(await deleteGroup(t.db, rina, w.competitions.kipp, groupId(s, "umum"))).toEqual({
      ok: false,
      errors: { _form: "settings.errors.groupHasProposals" },
    });
    expect(await deleteGroup(t.db, rina, w.competitions.kipp, groupId(s, "khusus"))).toEqual({ ok: true });
    expect((await settings(t.db, w.competitions.kipp)).groups.map((g) => g.key)).toEqual(["umum", "replikasi"]);
    const sectionRows = await t.db.selectFrom("group_sections").select("id").where("group_id", "=", groupId(s, "khusus")).execute();
    expect(sectionRows).toEqual([]);
    const rows = await auditRows(t.db, "group.deleted");
    expect(rows.map((r) => [r.entity_id, r.before.key, r.before.sections.length, r.after])).toEqual([[groupId(s, "khusus"), "khusus", 5, null]]);
    // A group of another edition is unknown here.
    const siv = await settings(t.db, w.competitions.sivablik);
    await expectStatus(deleteGroup(t.db, rina, w.competitions.kipp, groupId(siv, "khusus")), 404);
  });

  it("moves a group up and down, writing nothing at the ends", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    await moveGroup(t.db, rina, w.competitions.kipp, groupId(s, "khusus"), "up");
    await moveGroup(t.db, rina, w.competitions.kipp, groupId(s, "umum"), "up");
    const after = await settings(t.db, w.competitions.kipp);
    expect(after.groups.map((g) => [g.key, g.position])).toEqual([
      ["umum", 0],
      ["khusus", 1],
      ["replikasi", 2],
    ]);
    expect((await auditRows(t.db, "groups.reordered")).map((r) => [r.before, r.after])).toEqual([
      [{ order: ["umum", "replikasi", "khusus"] }, { order: ["umum", "khusus", "replikasi"] }],
    ]);
  });
});

describe("saveCategories", () => {
  const t = useTestDb();

  it("renames, reorders, adds and deletes, keeping a category's proposals with it", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    const [digital, kesehatan] = s.categories;
    await insertProposal(t.db, w, {
      competitionId: w.competitions.kipp,
      groupId: groupId(s, "umum"),
      categoryId: digital.id,
      number: "KIPP2025-000001",
    });
    const result = await saveCategories(t.db, rina, w.competitions.kipp, [
      { id: kesehatan.id, key: "transformasi_digital", nameId: "Kesehatan", nameEn: "Health" },
      { id: digital.id, key: "digital", nameId: "Digitalisasi", nameEn: "Digitalisation" },
      { id: null, key: "pariwisata", nameId: "Pariwisata", nameEn: "Tourism" },
    ]);
    expect(result).toEqual({ ok: true });
    const after = await settings(t.db, w.competitions.kipp);
    expect(after.categories.map((c) => [c.id === digital.id ? "digital-id" : c.id === kesehatan.id ? "kesehatan-id" : "new", c.key, c.position])).toEqual([
      ["kesehatan-id", "transformasi_digital", 0],
      ["digital-id", "digital", 1],
      ["new", "pariwisata", 2],
    ]);
    const [row] = await auditRows(t.db, "categories.updated");
    expect([row.before.categories.length, row.after.categories]).toEqual([
      9,
      [
        { key: "transformasi_digital", nameId: "Kesehatan", nameEn: "Health" },
        { key: "digital", nameId: "Digitalisasi", nameEn: "Digitalisation" },
        { key: "pariwisata", nameId: "Pariwisata", nameEn: "Tourism" },
      ],
    ]);
  });

  it("refuses deleting a category proposals use, and a category id of another edition", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const s = await settings(t.db, w.competitions.kipp);
    await insertProposal(t.db, w, {
      competitionId: w.competitions.kipp,
      groupId: groupId(s, "umum"),
      categoryId: s.categories[0].id,
      number: "KIPP2025-000001",
    });
    const keepAllBut = (i: number) => s.categories.filter((_, j) => j !== i).map(({ id, key, nameId, nameEn }) => ({ id, key, nameId, nameEn }));
    expect(await saveCategories(t.db, rina, w.competitions.kipp, keepAllBut(0))).toEqual({
      ok: false,
      errors: { _form: "settings.errors.categoryInUse" },
    });
    const siv = await settings(t.db, w.competitions.sivablik);
    const forged = [...keepAllBut(-1), { id: siv.categories[0].id, key: "curian", nameId: "Curian", nameEn: "Stolen" }];
    expect(await saveCategories(t.db, rina, w.competitions.kipp, forged)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    expect((await settings(t.db, w.competitions.sivablik)).categories).toEqual(siv.categories);
    expect(await auditRows(t.db, "categories.updated")).toEqual([]);
  });

  it("parses the table with duplicate keys named at the row", () => {
    const parsed = parseForm(
      CategoriesSchema,
      form([
        ["categories.0.id", "abc"],
        ["categories.0.key", "pendidikan"],
        ["categories.0.nameId", "Pendidikan"],
        ["categories.0.nameEn", "Education"],
        ["categories.1.id", ""],
        ["categories.1.key", "pendidikan"],
        ["categories.1.nameId", "Pendidikan Dasar"],
        ["categories.1.nameEn", ""],
      ]),
    );
    expect(parsed.ok ? null : parsed.errors).toEqual({
      "categories.1.nameEn": "errors.required",
      "categories.1.key": "settings.errors.keyDuplicate",
    });
  });
});

describe("extendRegistration", () => {
  const t = useTestDb();
  const lastDay = new Date("2025-06-30T10:00:00Z");

  it("moves the end later with a reason: an extension row, the stage, one audit row, shown to agencies", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const reason = "Gangguan layanan jaringan pada hari terakhir pendaftaran.";
    const result = await extendRegistration(t.db, rina, w.competitions.kipp, { newEndsAt: "2025-07-07T16:59:00.000Z", reason: `  ${reason} ` }, lastDay);
    expect(result).toEqual({ ok: true, id: expect.any(String) });
    if (!result.ok) return;
    expect((await settings(t.db, w.competitions.kipp)).registration).toEqual({
      startsAt: "2025-04-14T01:00:00.000Z",
      endsAt: "2025-07-07T16:59:00.000Z",
    });
    expect(await listExtensions(t.db, w.competitions.kipp)).toEqual([
      {
        id: result.id,
        previousEndsAt: "2025-06-30T16:59:00.000Z",
        newEndsAt: "2025-07-07T16:59:00.000Z",
        reason,
        createdAt: expect.any(String),
      },
    ]);
    expect(await listExtensions(t.db, w.competitions.sivablik)).toEqual([]);
    expect(await auditRows(t.db, "registration.extended")).toEqual([
      {
        actor_user_id: w.users.panrbAdmin,
        action: "registration.extended",
        entity_type: "registration_extension",
        entity_id: result.id,
        organizer_id: w.organizers.panrb,
        competition_id: w.competitions.kipp,
        agency_id: null,
        before: { endsAt: "2025-06-30T16:59:00.000Z" },
        after: { endsAt: "2025-07-07T16:59:00.000Z", reason },
      },
    ]);
  });

  it("refuses an end that is earlier, the same or already past, and a missing reason, writing nothing", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const extend = (newEndsAt: string, reason: string, now = lastDay) =>
      extendRegistration(t.db, rina, w.competitions.kipp, { newEndsAt, reason }, now);
    expect(await extend("2025-06-29T16:59:00.000Z", "Alasan")).toEqual({ ok: false, errors: { newEndsAt: "settings.errors.extensionNotLater" } });
    expect(await extend("2025-06-30T16:59:00.000Z", "Alasan")).toEqual({ ok: false, errors: { newEndsAt: "settings.errors.extensionNotLater" } });
    expect(await extend("2025-07-07T16:59:00.000Z", "   ")).toEqual({ ok: false, errors: { reason: "errors.required" } });
    expect(await extend("2025-07-07T16:59:00.000Z", "Alasan", new Date("2025-08-01T00:00:00Z"))).toEqual({
      ok: false,
      errors: { newEndsAt: "settings.errors.extensionPast" },
    });
    expect((await settings(t.db, w.competitions.kipp)).registration.endsAt).toBe("2025-06-30T16:59:00.000Z");
    expect(await listExtensions(t.db, w.competitions.kipp)).toEqual([]);
    expect(await auditRows(t.db, "registration.extended")).toEqual([]);
  });

  it("refuses an edition without a registration end", async () => {
    const w = await world(t.db);
    const kipp2026 = await buildCompetition(t.db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    expect(await extendRegistration(t.db, rina, kipp2026, { newEndsAt: "2026-07-07T16:59:00.000Z", reason: "Alasan" }, lastDay)).toEqual({
      ok: false,
      errors: { _form: "settings.errors.noWindow" },
    });
  });
});

describe("copySettings", () => {
  const t = useTestDb();

  it("copies groups, sections, slots, categories, clusters and the province rule, not the window or prefix", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    await updateGeneralSettings(
      t.db,
      rina,
      w.competitions.kipp,
      {
        numberPrefix: "",
        allowedClusters: ["kementerian", "lembaga"],
        eligibleProvinceCode: "61",
        registration: (await settings(t.db, w.competitions.kipp)).registration,
      },
      new Date("2025-01-01T00:00:00Z"),
    );
    const kipp2026 = await buildCompetition(t.db, {
      organizerId: w.organizers.panrb,
      name: "KIPP 2026",
      year: 2026,
      slug: "kipp-2026",
      timeline: { pendaftaran: ["2026-04-13T08:00", "2026-06-30T23:59"] },
    });
    // Whatever the target had is replaced.
    await createGroup(t.db, rina, kipp2026, newGroupFields({ key: "lama", nameId: "Lama", nameEn: "Old" }));

    expect(await copySettings(t.db, rina, kipp2026, w.competitions.kipp)).toEqual({ ok: true, counts: KIPP_COUNTS });
    const source = await settings(t.db, w.competitions.kipp);
    const target = await settings(t.db, kipp2026);
    expect(shape(target)).toEqual(shape(source));
    expect([target.numberPrefix, target.registration]).toEqual([
      "",
      { startsAt: "2026-04-13T01:00:00.000Z", endsAt: "2026-06-30T16:59:00.000Z" },
    ]);
    const [row] = await auditRows(t.db, "settings.copied");
    expect(row).toEqual({
      actor_user_id: w.users.panrbAdmin,
      action: "settings.copied",
      entity_type: "competition",
      entity_id: kipp2026,
      organizer_id: w.organizers.panrb,
      competition_id: kipp2026,
      agency_id: null,
      before: { groups: ["lama"], categories: [], allowedClusters: [], eligibleProvinceCode: null },
      after: {
        source: { id: w.competitions.kipp, name: "KIPP 2025" },
        groups: ["umum", "replikasi", "khusus"],
        categories: source.categories.map((c) => c.key),
        allowedClusters: ["kementerian", "lembaga"],
        eligibleProvinceCode: "61",
        counts: KIPP_COUNTS,
      },
    });
    // The source is untouched.
    expect((await settings(t.db, w.competitions.kipp)).groups.map((g) => g.id)).toEqual(source.groups.map((g) => g.id));
  });

  it("refuses a target that has proposals, another organizer's edition and the edition itself", async () => {
    const w = await world(t.db);
    const rina = await actorOf(t.db, w.users.panrbAdmin);
    const kipp2026 = await buildCompetition(t.db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
    expect(await copySettings(t.db, rina, kipp2026, w.competitions.sivablik)).toEqual({
      ok: false,
      errors: { sourceId: "settings.errors.copySource" },
    });
    expect(await copySettings(t.db, rina, kipp2026, kipp2026)).toEqual({ ok: false, errors: { sourceId: "settings.errors.copySource" } });
    expect(await copySettings(t.db, rina, kipp2026, "tidak-ada")).toEqual({ ok: false, errors: { sourceId: "settings.errors.copySource" } });

    const target = await settings(t.db, w.competitions.kipp);
    await insertProposal(t.db, w, { competitionId: w.competitions.kipp, groupId: groupId(target, "umum"), number: "KIPP2025-000001" });
    expect(await copySettings(t.db, rina, w.competitions.kipp, kipp2026)).toEqual({
      ok: false,
      errors: { _form: "settings.errors.copyHasProposals" },
    });
    expect(await settings(t.db, w.competitions.kipp)).toEqual(target);
    expect(await auditRows(t.db, "settings.copied")).toEqual([]);
  });
});
