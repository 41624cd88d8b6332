/**
 * The public site's queries and the organizer's catalogue curation. Every
 * test seeds data that could leak — drafts, scheduled announcements not yet
 * due, a superseded list, a hidden catalogue row, another edition's draft —
 * and asserts exactly what comes out.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { searchCatalogue } from "~/models/catalogue-search.server";
import {
  catalogueFacets,
  getEditionResults,
  getPublicAnnouncement,
  getPublicEdition,
  getPublicInnovation,
  getPublicWinners,
  listPublicEditions,
  sitemapItems,
} from "~/models/public.server";
import { addProposalToCatalogue, getCatalogueCuration, setCatalogueVisibility } from "~/services/catalogue-curation.server";
import { useTestDb } from "../support/db";
import { actorOf } from "../support/factories";
import { SINGKAWANG, seedPublicScenario, type PublicScenario } from "../support/publication-public";

const t = useTestDb();

let s: PublicScenario;
beforeEach(async () => {
  s = await seedPublicScenario(t.db);
});

describe("editions", () => {
  it("lists every edition with its timeline, stage and published announcement count only", async () => {
    const editions = await listPublicEditions(t.db);
    expect(editions.map((e) => [e.slug, e.announcementCount, e.hasWinners, e.isPast])).toEqual([
      ["kipp-2025", 3, true, true],
      ["sivablik-2025", 0, false, false],
    ]);
    const siv = editions[1];
    expect(siv.currentStage).toBe("pendaftaran");
    expect(siv.timeline.filter((x) => x.startsAt).map((x) => x.stage)).toEqual(["pendaftaran"]);
  });

  it("shows an edition's published announcements, current finalists and winners; no drafts or scheduled ones", async () => {
    const d = await getPublicEdition(t.db, "kipp-2025");
    expect(d?.announcements.map((a) => [a.id, a.supersededById, a.entryCount])).toEqual([
      [s.a.winnersNew, null, 3],
      [s.a.winnersOld, s.a.winnersNew, 1],
      [s.a.finalists, null, 3],
    ]);
    expect(d?.finalists?.announcement.id).toBe(s.a.finalists);
    expect(d?.finalists?.entries.map((e) => [e.position, e.title, e.innovationId])).toEqual([
      [1, "Antrean Daring Dukcapil", s.i.p1],
      [2, "Posyandu Digital", s.i.p2],
      // Hidden from the catalogue: listed (it was announced) but not linked.
      [3, "Lapor Jalan Rusak", null],
    ]);
    expect(d?.winners?.entries.map((e) => e.title)).toEqual(["Posyandu Digital", "Antrean Daring Dukcapil", "Lapor Jalan Rusak"]);
    expect(JSON.stringify(d)).not.toMatch(/Rahasia|91\.5/);
    expect(await getPublicEdition(t.db, "no-such-edition")).toBeNull();
  });

  it("shows nothing of an edition whose lists are all drafts", async () => {
    const d = await getPublicEdition(t.db, "sivablik-2025");
    expect([d?.announcements, d?.finalists, d?.winners]).toEqual([[], null, null]);
    expect(JSON.stringify(d)).not.toContain("Rahasia");
    const w = await getPublicWinners(t.db, "sivablik-2025");
    expect([w?.announcement, w?.tiers, w?.clusters]).toEqual([null, [], []]);
  });
});

describe("winners", () => {
  it("groups the current winners list by tier in list order, with the earlier list superseded", async () => {
    const w = await getPublicWinners(t.db, "kipp-2025");
    expect(w?.announcement?.id).toBe(s.a.winnersNew);
    expect(w?.earlier.map((a) => a.id)).toEqual([s.a.winnersOld]);
    expect(w?.tiers.map((tier) => [tier.nameId, tier.entries.map((e) => e.title)])).toEqual([
      ["Top 45 Inovasi Pelayanan Publik Terpuji", ["Posyandu Digital", "Antrean Daring Dukcapil"]],
      ["Outstanding Achievement", ["Lapor Jalan Rusak"]],
    ]);
    expect(w?.clusters).toEqual(["kota", "kota", "kota"]);
  });
});

describe("announcements", () => {
  it("gives a published announcement with its list and its correction links", async () => {
    const old = await getPublicAnnouncement(t.db, s.a.winnersOld);
    expect(old?.supersededBy).toEqual({ id: s.a.winnersNew, number: "B/3/PP.00.05/2025", title: "Ralat Pemenang KIPP 2025" });
    expect(old?.supersededAt).toBe("2025-10-10T03:00:00.000Z");
    expect(old?.entries.map((e) => e.title)).toEqual(["Antrean Daring Dukcapil"]);
    const fresh = await getPublicAnnouncement(t.db, s.a.winnersNew);
    expect(fresh?.supersedes).toEqual({ id: s.a.winnersOld, number: "B/2/PP.00.05/2025", title: "Pemenang KIPP 2025" });
    expect(fresh?.supersededBy).toBeNull();
    expect(fresh?.edition).toEqual({ slug: "kipp-2025", name: "KIPP 2025", year: 2025, organizerName: "Kementerian PANRB" });
    expect(Object.keys(fresh?.entries[0] ?? {})).not.toContain("score");
  });

  it("gives nothing for a draft, a scheduled one not yet due, another edition's draft or an unknown id", async () => {
    for (const id of [s.a.draft, s.a.scheduled, s.a.sivablikDraft, "nope"]) {
      expect(await getPublicAnnouncement(t.db, id), id).toBeNull();
    }
  });
});

describe("innovations", () => {
  it("gives a visible row with the published announcements listing it", async () => {
    const i = await getPublicInnovation(t.db, s.i.p1);
    expect(i?.editionSlug).toBe("kipp-2025");
    expect(i?.listedIn.map((l) => [l.id, l.superseded])).toEqual([
      [s.a.winnersNew, false],
      [s.a.winnersOld, true],
      [s.a.finalists, false],
    ]);
  });

  it("gives nothing for a hidden or unknown row", async () => {
    expect(await getPublicInnovation(t.db, s.i.p3hidden)).toBeNull();
    expect(await getPublicInnovation(t.db, "nope")).toBeNull();
  });

  it("offers filter choices from visible rows only", async () => {
    const f = await catalogueFacets(t.db);
    expect(f.years).toEqual([2025]);
    expect(f.categories.map((c) => c.key)).toEqual(["transformasi_digital"]);
    expect(f.provinces).toEqual([{ code: "61", name: expect.any(String) }]);
    expect(f.tiers.map((x) => x.key)).toEqual(["top45"]);
  });
});

describe("open data and sitemap", () => {
  it("gives the current published lists only, without scores", async () => {
    const r = await getEditionResults(t.db, "kipp-2025");
    expect(r?.announcements.map((a) => a.id)).toEqual([s.a.winnersNew, s.a.finalists]);
    expect(JSON.stringify(r)).not.toMatch(/Rahasia|91\.5|"score"/);
    expect(await getEditionResults(t.db, "nope")).toBeNull();
    expect((await getEditionResults(t.db, "sivablik-2025"))?.announcements).toEqual([]);
  });

  it("lists published announcements, visible innovations and announced winners pages only", async () => {
    const items = await sitemapItems(t.db);
    expect(items.editions.map((e) => e.slug)).toEqual(["kipp-2025", "sivablik-2025"]);
    expect(items.announcements.map((a) => a.id).sort()).toEqual([s.a.finalists, s.a.winnersOld, s.a.winnersNew].sort());
    expect(items.winners.map((w) => w.slug)).toEqual(["kipp-2025"]);
    expect(items.innovations.map((i) => i.id).sort()).toEqual([s.i.p1, s.i.p2].sort());
  });
});

describe("catalogue curation", () => {
  it("shows every row of the edition, hidden ones too, to its organizer", async () => {
    const view = await getCatalogueCuration(t.db, await actorOf(t.db, s.w.users.panrbAdmin), "kipp-2025");
    expect(view.rows.map((r) => [r.title, r.visible]).sort()).toEqual([
      ["Antrean Daring Dukcapil", true],
      ["Lapor Jalan Rusak", false],
      ["Posyandu Digital", true],
    ]);
  });

  it("refuses another organizer, an agency and a juror (403), with rows present", async () => {
    for (const u of [s.w.users.kalbarAdmin, s.w.users.adminLokal, s.w.users.evaluator, s.w.users.nobody]) {
      const actor = await actorOf(t.db, u);
      await expect(getCatalogueCuration(t.db, actor, "kipp-2025")).rejects.toMatchObject({ status: 403 });
      await expect(setCatalogueVisibility(t.db, actor, "kipp-2025", s.i.p1, false)).rejects.toMatchObject({ status: 403 });
      await expect(addProposalToCatalogue(t.db, actor, "kipp-2025", s.p[3].number)).rejects.toMatchObject({ status: 403 });
    }
    await expect(getCatalogueCuration(t.db, await actorOf(t.db, s.w.users.panrbAdmin), "nope")).rejects.toMatchObject({ status: 404 });
    expect((await t.db.selectFrom("innovations").select("id").where("visible", "=", 1).execute()).length).toBe(2);
  });

  it("hides and shows a row with an audit row each; search follows", async () => {
    const admin = await actorOf(t.db, s.w.users.panrbAdmin);
    expect(await setCatalogueVisibility(t.db, admin, "kipp-2025", s.i.p1, false)).toEqual({ ok: true, changed: true });
    expect((await searchCatalogue(t.db, { q: "antrean" })).total).toBe(0);
    expect(await getPublicInnovation(t.db, s.i.p1)).toBeNull();
    expect(await setCatalogueVisibility(t.db, admin, "kipp-2025", s.i.p1, false)).toEqual({ ok: true, changed: false });
    expect(await setCatalogueVisibility(t.db, admin, "kipp-2025", s.i.p3hidden, true)).toEqual({ ok: true, changed: true });
    expect((await searchCatalogue(t.db, { q: "lapor" })).rows.map((r) => r.id)).toEqual([s.i.p3hidden]);
    const audit = await t.db.selectFrom("audit_log").select(["action", "entity_id", "competition_id", "before_json", "after_json"]).where("action", "like", "catalogue.%").orderBy("at").execute();
    expect(audit.map((a) => [a.action, a.entity_id, a.competition_id])).toEqual([
      ["catalogue.hidden", s.i.p1, s.w.competitions.kipp],
      ["catalogue.shown", s.i.p3hidden, s.w.competitions.kipp],
    ]);
    expect(JSON.parse(audit[0].after_json ?? "{}")).toEqual({ title: "Antrean Daring Dukcapil", visible: false });
  });

  it("refuses a row of another edition as unknown", async () => {
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    expect(await setCatalogueVisibility(t.db, kalbar, "sivablik-2025", s.i.p1, false)).toEqual({ ok: false, errors: { _form: "public.curation.errors.rowUnknown" } });
    expect((await getPublicInnovation(t.db, s.i.p1))?.id).toBe(s.i.p1);
  });

  it("adds a submitted proposal of the edition as a participant, once; refuses drafts and other editions' proposals", async () => {
    const admin = await actorOf(t.db, s.w.users.panrbAdmin);
    const added = await addProposalToCatalogue(t.db, admin, "kipp-2025", ` ${s.p[3].number.toLowerCase()} `);
    expect(added).toMatchObject({ ok: true, added: true });
    const id = (added as { id: string }).id;
    const row = await getPublicInnovation(t.db, id);
    expect([row?.title, row?.stage, row?.agencyName]).toEqual(["Rahasia Terjadwal", "participant", "Pemerintah Kota Singkawang"]);
    expect(await addProposalToCatalogue(t.db, admin, "kipp-2025", s.p[3].number)).toEqual({ ok: true, added: false, id });
    for (const number of [s.p[4].number, s.sp[0].number, "KIPP2025-999999"]) {
      expect(await addProposalToCatalogue(t.db, admin, "kipp-2025", number), number).toEqual({ ok: false, errors: { number: "public.curation.errors.proposalUnknown" } });
    }
    const audit = await t.db.selectFrom("audit_log").select(["action", "entity_id", "agency_id"]).where("action", "=", "catalogue.added").execute();
    expect(audit).toEqual([{ action: "catalogue.added", entity_id: id, agency_id: SINGKAWANG }]);
  });
});
