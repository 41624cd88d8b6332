import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db.server";
import { STAGES } from "~/domain/roles";
import { utcIsoToWibLocal } from "~/domain/time";
import { parseForm } from "~/lib/forms";
import { listAudit } from "~/models/audit.server";
import { getTimeline } from "~/models/competitions.server";
import { CompetitionSchema, competitionFields, type CompetitionFields } from "~/schemas/competition";
import {
  createCompetition,
  getCompetitionAudit,
  getCompetitionForViewer,
  updateCompetition,
} from "~/services/competitions.server";
import { timelineFromWib } from "../../db/builders";
import { useTestDb } from "../support/db";
import { actorOf, buildWorld } from "../support/factories";

/** The rejection of `p`, which must be a Response with this status. */
async function expectStatus(p: Promise<unknown>, status: number) {
  const thrown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
}

function fields(over: Partial<CompetitionFields> = {}): CompetitionFields {
  return {
    name: "KIPP 2026",
    year: 2026,
    slug: "kipp-2026",
    theme: "Inovasi untuk Indonesia Emas",
    description: "Kompetisi Inovasi Pelayanan Publik tahun 2026.",
    timeline: timelineFromWib({ pendaftaran: ["2026-04-13T08:00", "2026-06-30T23:59"] }),
    ...over,
  };
}

async function auditRows(db: DB) {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("at").orderBy("id").execute();
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

async function competitionSlugs(db: DB) {
  const rows = await db.selectFrom("competitions").select("slug").orderBy("slug").execute();
  return rows.map((r) => r.slug);
}

describe("createCompetition", () => {
  const t = useTestDb();

  it("lets the organizer's admin create an edition, with its timeline and one audit row", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.panrbAdmin);
    const result = await createCompetition(t.db, actor, w.organizers.panrb, fields());
    expect(result).toEqual({ ok: true, id: expect.any(String), slug: "kipp-2026" });
    if (!result.ok) return;

    const row = await t.db.selectFrom("competitions").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect([row.organizer_id, row.name, row.year, row.slug, row.theme, row.description]).toEqual([
      w.organizers.panrb,
      "KIPP 2026",
      2026,
      "kipp-2026",
      "Inovasi untuk Indonesia Emas",
      "Kompetisi Inovasi Pelayanan Publik tahun 2026.",
    ]);
    const stages = await t.db
      .selectFrom("competition_stages")
      .selectAll()
      .where("competition_id", "=", result.id)
      .execute();
    expect(stages).toEqual([
      {
        competition_id: result.id,
        stage: "pendaftaran",
        starts_at: "2026-04-13T01:00:00.000Z",
        ends_at: "2026-06-30T16:59:00.000Z",
      },
    ]);
    expect(await auditRows(t.db)).toEqual([
      {
        actor_user_id: w.users.panrbAdmin,
        action: "competition.created",
        entity_type: "competition",
        entity_id: result.id,
        organizer_id: w.organizers.panrb,
        competition_id: result.id,
        agency_id: null,
        before: null,
        after: {
          name: "KIPP 2026",
          year: 2026,
          slug: "kipp-2026",
          theme: "Inovasi untuk Indonesia Emas",
          description: "Kompetisi Inovasi Pelayanan Publik tahun 2026.",
          timeline: [
            { stage: "pendaftaran", startsAt: "2026-04-13T01:00:00.000Z", endsAt: "2026-06-30T16:59:00.000Z" },
          ],
        },
      },
    ]);
  });

  it("refuses (403) the other organizer's admin, an Admin Lokal, a juror and the platform admin, writing nothing", async () => {
    const w = await buildWorld(t.db);
    for (const user of [
      w.users.kalbarAdmin,
      w.users.adminLokal,
      w.users.evaluator,
      w.users.panelist,
      w.users.platformAdmin,
    ]) {
      const actor = await actorOf(t.db, user);
      await expectStatus(createCompetition(t.db, actor, w.organizers.panrb, fields()), 403);
    }
    expect(await competitionSlugs(t.db)).toEqual(["kipp-2025", "sivablik-2025"]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("returns a field error when the slug is taken, even by another organizer's competition", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.panrbAdmin);
    expect(await createCompetition(t.db, actor, w.organizers.panrb, fields({ slug: "sivablik-2025" }))).toEqual({
      ok: false,
      errors: { slug: "errors.slugTaken" },
    });
    expect(await competitionSlugs(t.db)).toEqual(["kipp-2025", "sivablik-2025"]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("stores a WIB deadline typed in the form as UTC and gives it back in WIB", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.kalbarAdmin);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: "Sivablik 2025 Gelombang II",
      year: "2025",
      slug: "sivablik-2025-ii",
      pendaftaran_start: "2025-05-02T08:00",
      pendaftaran_end: "2025-06-30T23:59",
      penetapan_start: "",
      penetapan_end: "2025-11-30T23:59",
    })) {
      form.set(k, v);
    }
    const parsed = parseForm(CompetitionSchema, form);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await createCompetition(t.db, actor, w.organizers.kalbar, competitionFields(parsed.data));
    if (!result.ok) throw new Error("not created");
    const timeline = await getTimeline(t.db, result.id);
    expect(timeline.map((s) => s.stage)).toEqual([...STAGES]);
    expect(timeline.filter((s) => s.startsAt || s.endsAt)).toEqual([
      { stage: "pendaftaran", startsAt: "2025-05-02T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
      { stage: "penetapan", startsAt: null, endsAt: "2025-11-30T16:59:00.000Z" },
    ]);
    expect(utcIsoToWibLocal(timeline[1].endsAt as string)).toBe("2025-06-30T23:59");
  });
});

describe("updateCompetition", () => {
  const t = useTestDb();

  it("writes one audit row holding only the changed fields, the timeline among them", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.panrbAdmin);
    const result = await updateCompetition(
      t.db,
      actor,
      w.competitions.kipp,
      fields({
        name: "KIPP 2025",
        year: 2025,
        slug: "kipp-2025",
        theme: "Transformasi Digital",
        description: "",
        // The registration deadline is extended by a week; the screening is scheduled.
        timeline: timelineFromWib({
          pendaftaran: ["2025-04-14T08:00", "2025-07-07T23:59"],
          seleksi_administrasi: ["2025-07-08T08:00", "2025-07-31T16:00"],
        }),
      }),
    );
    expect(result).toEqual({ ok: true, id: w.competitions.kipp, slug: "kipp-2025" });
    expect(await auditRows(t.db)).toEqual([
      {
        actor_user_id: w.users.panrbAdmin,
        action: "competition.updated",
        entity_type: "competition",
        entity_id: w.competitions.kipp,
        organizer_id: w.organizers.panrb,
        competition_id: w.competitions.kipp,
        agency_id: null,
        before: {
          theme: "",
          timeline: [
            { stage: "pendaftaran", startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
          ],
        },
        after: {
          theme: "Transformasi Digital",
          timeline: [
            { stage: "pendaftaran", startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-07-07T16:59:00.000Z" },
            { stage: "seleksi_administrasi", startsAt: "2025-07-08T01:00:00.000Z", endsAt: "2025-07-31T09:00:00.000Z" },
          ],
        },
      },
    ]);
    const row = await t.db
      .selectFrom("competitions")
      .select(["theme", "name"])
      .where("id", "=", w.competitions.kipp)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ theme: "Transformasi Digital", name: "KIPP 2025" });
  });

  it("leaves the timeline out of the audit row when only a field changed, and writes nothing when nothing changed", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.panrbAdmin);
    const same = fields({
      name: "KIPP 2025",
      year: 2025,
      slug: "kipp-2025",
      theme: "",
      description: "",
      timeline: timelineFromWib({ pendaftaran: ["2025-04-14T08:00", "2025-06-30T23:59"] }),
    });
    expect(await updateCompetition(t.db, actor, w.competitions.kipp, same)).toEqual({
      ok: true,
      id: w.competitions.kipp,
      slug: "kipp-2025",
    });
    expect(await auditRows(t.db)).toEqual([]);

    expect(
      await updateCompetition(t.db, actor, w.competitions.kipp, {
        ...same,
        slug: "kipp-2025-nasional",
        name: "KIPP 2025 Nasional",
      }),
    ).toEqual({
      ok: true,
      id: w.competitions.kipp,
      slug: "kipp-2025-nasional",
    });
    const rows = await auditRows(t.db);
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      [
        "competition.updated",
        { name: "KIPP 2025", slug: "kipp-2025" },
        { name: "KIPP 2025 Nasional", slug: "kipp-2025-nasional" },
      ],
    ]);
  });

  it("returns a field error for another competition's slug and changes nothing", async () => {
    const w = await buildWorld(t.db);
    const actor = await actorOf(t.db, w.users.panrbAdmin);
    const input = fields({ name: "KIPP 2025", year: 2025, slug: "sivablik-2025" });
    expect(await updateCompetition(t.db, actor, w.competitions.kipp, input)).toEqual({
      ok: false,
      errors: { slug: "errors.slugTaken" },
    });
    expect(await competitionSlugs(t.db)).toEqual(["kipp-2025", "sivablik-2025"]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("refuses (403) the other organizer's admin and a juror, and gives 404 for an unknown competition", async () => {
    const w = await buildWorld(t.db);
    const input = fields({ name: "Diubah", year: 2025, slug: "kipp-2025" });
    for (const user of [w.users.kalbarAdmin, w.users.evaluator, w.users.adminLokal, w.users.platformAdmin]) {
      await expectStatus(updateCompetition(t.db, await actorOf(t.db, user), w.competitions.kipp, input), 403);
    }
    await expectStatus(updateCompetition(t.db, await actorOf(t.db, w.users.panrbAdmin), "tidak-ada", input), 404);
    const names = await t.db.selectFrom("competitions").select("name").orderBy("name").execute();
    expect(names.map((r) => r.name)).toEqual(["KIPP 2025", "Sivablik 2025"]);
    expect(await auditRows(t.db)).toEqual([]);
  });
});

describe("getCompetitionForViewer", () => {
  const t = useTestDb();

  it("shows the organizer admin the competition, its timeline and current stage, with edit and audit rights", async () => {
    const w = await buildWorld(t.db);
    const view = await getCompetitionForViewer(
      t.db,
      await actorOf(t.db, w.users.panrbAdmin),
      "kipp-2025",
      new Date("2025-05-01T00:00:00.000Z"),
    );
    expect(view.competition).toEqual({
      id: w.competitions.kipp,
      slug: "kipp-2025",
      name: "KIPP 2025",
      year: 2025,
      theme: "",
      description: "",
      organizerId: w.organizers.panrb,
      organizerName: "Kementerian PANRB",
    });
    expect(view.timeline.length).toBe(STAGES.length);
    expect(view.currentStage).toBe("pendaftaran");
    expect([view.canEdit, view.canReadAudit]).toEqual([true, true]);
  });

  it("shows KIPP to its evaluator without edit or audit rights, and no stage before the first one starts", async () => {
    const w = await buildWorld(t.db);
    const view = await getCompetitionForViewer(
      t.db,
      await actorOf(t.db, w.users.evaluator),
      "kipp-2025",
      new Date("2025-01-01T00:00:00.000Z"),
    );
    expect(view.competition.name).toBe("KIPP 2025");
    expect(view.currentStage).toBeNull();
    expect([view.canEdit, view.canReadAudit]).toEqual([false, false]);
  });

  it("refuses (403) Sivablik's organizer admin, an Admin Lokal, an innovator and a KIPP juror on Sivablik; 404 for an unknown slug", async () => {
    const w = await buildWorld(t.db);
    await expectStatus(getCompetitionForViewer(t.db, await actorOf(t.db, w.users.kalbarAdmin), "kipp-2025"), 403);
    await expectStatus(getCompetitionForViewer(t.db, await actorOf(t.db, w.users.adminLokal), "kipp-2025"), 403);
    await expectStatus(getCompetitionForViewer(t.db, await actorOf(t.db, w.users.innovator), "kipp-2025"), 403);
    await expectStatus(getCompetitionForViewer(t.db, await actorOf(t.db, w.users.evaluator), "sivablik-2025"), 403);
    await expectStatus(getCompetitionForViewer(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2030"), 404);
  });
});

describe("the audit log", () => {
  const t = useTestDb();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function editBoth(w: Awaited<ReturnType<typeof buildWorld>>) {
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    vi.setSystemTime(new Date("2025-05-01T01:00:00.000Z"));
    await updateCompetition(
      t.db,
      panrb,
      w.competitions.kipp,
      fields({ name: "KIPP 2025", year: 2025, slug: "kipp-2025", theme: "A" }),
    );
    vi.setSystemTime(new Date("2025-05-01T02:00:00.000Z"));
    await updateCompetition(
      t.db,
      kalbar,
      w.competitions.sivablik,
      fields({ name: "Sivablik 2025", year: 2025, slug: "sivablik-2025", theme: "S" }),
    );
    vi.setSystemTime(new Date("2025-05-01T03:00:00.000Z"));
    await updateCompetition(
      t.db,
      panrb,
      w.competitions.kipp,
      fields({ name: "KIPP 2025", year: 2025, slug: "kipp-2025", theme: "B" }),
    );
  }

  it("lists only KIPP's rows for KIPP, newest first, even when Sivablik rows exist", async () => {
    const w = await buildWorld(t.db);
    await editBoth(w);
    const rows = await listAudit(t.db, { competitionId: w.competitions.kipp });
    expect(rows.map((r) => [r.at, r.action, r.actor_name, JSON.parse(r.after_json ?? "null").theme])).toEqual([
      ["2025-05-01T03:00:00.000Z", "competition.updated", "Rina", "B"],
      ["2025-05-01T01:00:00.000Z", "competition.updated", "Rina", "A"],
    ]);
    const all = await t.db.selectFrom("audit_log").select("competition_id").execute();
    expect(all.length).toBe(3);
  });

  it("gives the audit page to KIPP's organizer admin only", async () => {
    const w = await buildWorld(t.db);
    await editBoth(w);
    const page = await getCompetitionAudit(t.db, await actorOf(t.db, w.users.panrbAdmin), "kipp-2025");
    expect(page.entries.map((e) => [e.at, e.action, e.actor, e.entityType, e.entityId])).toEqual([
      [
        "2025-05-01T03:00:00.000Z",
        "competition.updated",
        { name: "Rina", email: "sekretariat@menpan.test" },
        "competition",
        w.competitions.kipp,
      ],
      [
        "2025-05-01T01:00:00.000Z",
        "competition.updated",
        { name: "Rina", email: "sekretariat@menpan.test" },
        "competition",
        w.competitions.kipp,
      ],
    ]);
    expect(page.entries[0].before).toBe(JSON.stringify({ theme: "A" }, null, 2));
    expect(page.next).toBeNull();
    for (const user of [w.users.kalbarAdmin, w.users.evaluator, w.users.adminLokal, w.users.platformAdmin]) {
      await expectStatus(getCompetitionAudit(t.db, await actorOf(t.db, user), "kipp-2025"), 403);
    }
    await expectStatus(getCompetitionAudit(t.db, await actorOf(t.db, w.users.panrbAdmin), "tidak-ada"), 404);
  });

  it("pages 100 at a time with a cursor, losing no row that shares a timestamp across the boundary", async () => {
    const w = await buildWorld(t.db);
    // 150 rows: every three share one millisecond; a "system" row (no actor) among them.
    const rows = Array.from({ length: 150 }, (_, i) => ({
      id: `row-${String(i).padStart(3, "0")}`,
      at: new Date(Date.UTC(2025, 4, 1) + Math.floor(i / 3)).toISOString(),
      actor_user_id: i === 0 ? null : w.users.panrbAdmin,
      action: i === 0 ? "competition.imported" : "competition.updated",
      entity_type: "competition",
      entity_id: w.competitions.kipp,
      organizer_id: w.organizers.panrb,
      competition_id: w.competitions.kipp,
      agency_id: null,
      before_json: null,
      after_json: "{}",
      ip: null,
    }));
    await t.db.insertInto("audit_log").values(rows).execute();
    await t.db
      .insertInto("audit_log")
      .values({
        ...rows[149],
        id: "row-sivablik",
        competition_id: w.competitions.sivablik,
        organizer_id: w.organizers.kalbar,
      })
      .execute();

    const actor = await actorOf(t.db, w.users.panrbAdmin);
    const first = await getCompetitionAudit(t.db, actor, "kipp-2025");
    expect(first.entries.length).toBe(100);
    expect(first.entries[0].id).toBe("row-149");
    expect(first.next).toEqual({ before: first.entries[99].at, beforeId: first.entries[99].id });
    // Row 50 is the 100th newest; rows 49 and 48 share its millisecond.
    expect(first.entries[99].id).toBe("row-050");
    const second = await getCompetitionAudit(t.db, actor, "kipp-2025", first.next);
    expect(second.entries.map((e) => e.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `row-${String(49 - i).padStart(3, "0")}`),
    );
    expect(second.next).toBeNull();
    expect(second.entries[49].actor).toBeNull();
  });
});
