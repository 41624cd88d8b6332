/**
 * Forwarding provincial winners to a national edition (issue 7), and the CSV
 * export that the existing proposals import accepts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { exportForwardCsv, forwardedFromOf, forwardWinners, getForwardPage, previewForward } from "~/services/forwarding.server";
import { importProposals } from "~/services/imports.server";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, agencyId, buildCompetition, buildWorld } from "../support/factories";

const t = useTestDb();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sayembara-forwarding-"));
  process.env.IMPORT_DIR = dir;
});
afterAll(() => {
  delete process.env.IMPORT_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date("2026-11-24T03:00:00.000Z");

async function proposal(
  db: DB,
  p: { competitionId: string; groupId: string; categoryId: string | null; agencyId: string; number: string; title: string; answers: Record<string, string> },
) {
  const id = newId();
  await db
    .insertInto("proposals")
    .values({
      id,
      competition_id: p.competitionId,
      group_id: p.groupId,
      category_id: p.categoryId,
      agency_id: p.agencyId,
      number: p.number,
      title: p.title,
      title_key: p.title.toLowerCase(),
      started_on: "2021-03-15",
      innovator_names: "Tim Inovasi",
      contact_name: "Siti",
      contact_email: "inovasi@contoh.go.id",
      status: "submitted",
      submitted_at: "2025-04-01T01:00:00.000Z",
      created_at: "2025-04-01T01:00:00.000Z",
      updated_at: "2025-04-01T01:00:00.000Z",
    })
    .execute();
  const rows = Object.entries(p.answers).map(([k, body]) => ({ proposal_id: id, section_key: k, body }));
  if (rows.length) await db.insertInto("proposal_answers").values(rows).execute();
  return id;
}

async function setup(db: DB) {
  const w = await buildWorld(db);
  // Sivablik's registration is over; KIPP 2026 (national) is open at NOW; KIPP 2025 closed.
  const siv = await buildEdition(db, w.competitions.sivablik, { now: NOW, openedDaysAgo: 200, closesInDays: -100, numberPrefix: "SIV2025" });
  const kipp2025 = await buildEdition(db, w.competitions.kipp, { now: NOW, openedDaysAgo: 200, closesInDays: -100, numberPrefix: "KIPP2025" });
  const kipp2026Id = await buildCompetition(db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
  const kipp2026 = await buildEdition(db, kipp2026Id, { now: NOW, numberPrefix: "KIPP2026" });

  const juara = await proposal(db, {
    competitionId: w.competitions.sivablik,
    groupId: siv.groups.umum,
    categoryId: siv.categories.digital,
    agencyId: w.agencies.pontianak,
    number: "SIV2025-000001",
    title: "Antrean Daring Dukcapil",
    answers: { ringkasan: "Warga mengambil antrean dari rumah.", ide: "Antrean daring terhubung SMS." },
  });
  const harapan = await proposal(db, {
    competitionId: w.competitions.sivablik,
    groupId: siv.groups.replikasi,
    categoryId: siv.categories.kesehatan,
    agencyId: w.agencies.singkawang,
    number: "SIV2025-000002",
    title: "Posyandu Digital",
    answers: { ringkasan: "Replikasi posyandu.", proses_replikasi: "Studi tiru lalu uji coba." },
  });
  const odd = await proposal(db, {
    competitionId: w.competitions.sivablik,
    groupId: siv.groups.umum,
    categoryId: null,
    agencyId: agencyId("KAB-61.03"),
    number: "SIV2025-000003",
    title: "Lapor Jalan Sanggau",
    answers: { ringkasan: "Lapor jalan rusak.", catatan_lama: "Teks dari formulir lama." },
  });
  const notWinner = await proposal(db, {
    competitionId: w.competitions.sivablik,
    groupId: siv.groups.umum,
    categoryId: null,
    agencyId: agencyId("KAB-61.01"),
    number: "SIV2025-000004",
    title: "Bukan Pemenang",
    answers: {},
  });
  const tier1 = newId();
  const tier2 = newId();
  await db
    .insertInto("award_tiers")
    .values([
      { id: tier1, competition_id: w.competitions.sivablik, key: "juara1", name_id: "Juara 1", name_en: "First place", size: 1, group_id: null, round_id: null, position: 1, created_at: "2025-05-01T00:00:00.000Z" },
      { id: tier2, competition_id: w.competitions.sivablik, key: "top30", name_id: "Top 30", name_en: "Top 30", size: 30, group_id: null, round_id: null, position: 2, created_at: "2025-05-01T00:00:00.000Z" },
    ])
    .execute();
  const win = { juara: newId(), harapan: newId(), odd: newId() };
  await db
    .insertInto("winners")
    .values([
      { id: win.juara, competition_id: w.competitions.sivablik, tier_id: tier1, proposal_id: juara, position: 1, source: "rule", deviation_reason: null, created_by: null, created_at: "2025-05-02T00:00:00.000Z" },
      { id: win.harapan, competition_id: w.competitions.sivablik, tier_id: tier2, proposal_id: harapan, position: 1, source: "rule", deviation_reason: null, created_by: null, created_at: "2025-05-02T00:00:00.000Z" },
      { id: win.odd, competition_id: w.competitions.sivablik, tier_id: tier2, proposal_id: odd, position: 2, source: "rule", deviation_reason: null, created_by: null, created_at: "2025-05-02T00:00:00.000Z" },
    ])
    .execute();
  // A KIPP 2025 winner: data of another organizer that must not leak into Sivablik's list.
  const kippP = await proposal(db, {
    competitionId: w.competitions.kipp,
    groupId: kipp2025.groups.umum,
    categoryId: null,
    agencyId: w.agencies.pontianak,
    number: "KIPP2025-000001",
    title: "Rahasia KIPP",
    answers: {},
  });
  const kippTier = newId();
  await db
    .insertInto("award_tiers")
    .values({ id: kippTier, competition_id: w.competitions.kipp, key: "top45", name_id: "Top 45", name_en: "Top 45", size: 45, group_id: null, round_id: null, position: 1, created_at: "2025-05-01T00:00:00.000Z" })
    .execute();
  const kippWinner = newId();
  await db
    .insertInto("winners")
    .values({ id: kippWinner, competition_id: w.competitions.kipp, tier_id: kippTier, proposal_id: kippP, position: 1, source: "rule", deviation_reason: null, created_by: null, created_at: "2025-05-02T00:00:00.000Z" })
    .execute();
  return { w, siv, kipp2025, kipp2026, kipp2026Id, ids: { juara, harapan, odd, notWinner, kippP }, win, kippWinner };
}

async function forwardedIn(db: DB, competitionId: string) {
  return db
    .selectFrom("proposals")
    .select(["number", "status", "agency_id", "group_id", "category_id", "title", "forwarded_from_proposal_id", "started_on", "contact_email"])
    .where("competition_id", "=", competitionId)
    .orderBy("number")
    .execute();
}

describe("the forward page", () => {
  it("lists the contest's winners in tier order and the open national editions only", async () => {
    const s = await setup(t.db);
    const page = await getForwardPage(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), "sivablik-2025", NOW);
    expect(page.winners.map((x) => [x.number, x.tierNameId, x.agencyCode, x.groupKey])).toEqual([
      ["SIV2025-000001", "Juara 1", "KOTA-61.71", "umum"],
      ["SIV2025-000002", "Top 30", "KOTA-61.72", "replikasi"],
      ["SIV2025-000003", "Top 30", "KAB-61.03", "umum"],
    ]);
    expect(page.targets.map((x) => x.slug)).toEqual(["kipp-2026"]);
  });

  it("denies a national organizer, agencies and outsiders; a national contest has no forward page", async () => {
    const s = await setup(t.db);
    for (const u of [s.w.users.panrbAdmin, s.w.users.adminLokal, s.w.users.innovator, s.w.users.nobody, s.w.users.evaluator]) {
      const actor = await actorOf(t.db, u);
      await expect(getForwardPage(t.db, actor, "sivablik-2025", NOW)).rejects.toMatchObject({ status: 403 });
      await expect(forwardWinners(t.db, actor, "sivablik-2025", { targetSlug: "kipp-2026", winnerIds: [s.win.juara] }, { now: NOW })).rejects.toMatchObject({ status: 403 });
      await expect(exportForwardCsv(t.db, actor, "sivablik-2025", [s.win.juara])).rejects.toMatchObject({ status: 403 });
    }
    // The provincial admin cannot forward the national organizer's contest.
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await expect(forwardWinners(t.db, kalbar, "kipp-2025", { targetSlug: "kipp-2026", winnerIds: [s.kippWinner] }, { now: NOW })).rejects.toMatchObject({ status: 403 });
    // The national admin's own edition is not a provincial contest: 404.
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    await expect(getForwardPage(t.db, panrb, "kipp-2025", NOW)).rejects.toMatchObject({ status: 404 });
    await expect(getForwardPage(t.db, kalbar, "no-such-edition", NOW)).rejects.toMatchObject({ status: 404 });
    expect(await forwardedIn(t.db, s.kipp2026Id)).toEqual([]);
  });
});

describe("bad input", () => {
  it("needs winners of this contest and an open national edition; writes nothing", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const f = (targetSlug: string, winnerIds: string[]) => forwardWinners(t.db, kalbar, "sivablik-2025", { targetSlug, winnerIds }, { now: NOW });
    expect(await f("kipp-2026", [])).toEqual({ ok: false, errors: { winnerIds: "forwarding.errors.chooseWinners" } });
    expect(await f("", [s.win.juara])).toEqual({ ok: false, errors: { targetSlug: "forwarding.errors.chooseEdition" } });
    // Closed national edition, the provincial contest itself, unknown slug.
    expect(await f("kipp-2025", [s.win.juara])).toEqual({ ok: false, errors: { targetSlug: "forwarding.errors.chooseEdition" } });
    expect(await f("sivablik-2025", [s.win.juara])).toEqual({ ok: false, errors: { targetSlug: "forwarding.errors.chooseEdition" } });
    // Another contest's winner, a made-up id.
    expect(await f("kipp-2026", [s.win.juara, s.kippWinner])).toEqual({ ok: false, errors: { winnerIds: "forwarding.errors.unknownWinner" } });
    expect(await f("kipp-2026", ["nope"])).toEqual({ ok: false, errors: { winnerIds: "forwarding.errors.unknownWinner" } });
    expect(await exportForwardCsv(t.db, kalbar, "sivablik-2025", [])).toEqual({ ok: false, errors: { winnerIds: "forwarding.errors.chooseWinners" } });
    expect(await exportForwardCsv(t.db, kalbar, "sivablik-2025", [s.kippWinner])).toEqual({ ok: false, errors: { winnerIds: "forwarding.errors.unknownWinner" } });
    expect(await forwardedIn(t.db, s.kipp2026Id)).toEqual([]);
    const audits = await t.db.selectFrom("audit_log").select("id").where("action", "=", "proposal.forwarded").execute();
    expect(audits).toEqual([]);
  });
});

describe("forwarding", () => {
  it("previews, then creates drafts linked to the winners, audited and notified, once", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const input = { targetSlug: "kipp-2026", winnerIds: [s.win.odd, s.win.juara, s.win.harapan] };

    const preview = await previewForward(t.db, kalbar, "sivablik-2025", input, { now: NOW });
    expect(preview.ok && preview.items.map((i) => [i.sourceNumber, i.award, i.groupKey, i.categoryKey, i.copiedSections, i.droppedSections, i.skip])).toEqual([
      ["SIV2025-000001", "Juara 1", "umum", "transformasi_digital", ["ide", "ringkasan"], [], null],
      ["SIV2025-000002", "Top 30", "replikasi", "pelayanan_kesehatan", ["proses_replikasi", "ringkasan"], [], null],
      ["SIV2025-000003", "Top 30", "umum", null, ["ringkasan"], ["catatan_lama"], null],
    ]);
    expect(preview.ok && preview.forwardable).toBe(3);
    expect(await forwardedIn(t.db, s.kipp2026Id)).toEqual([]);

    const r = await forwardWinners(t.db, kalbar, "sivablik-2025", input, { now: NOW });
    expect(r.ok && r.created).toEqual([
      { sourceNumber: "SIV2025-000001", number: "KIPP2026-000001" },
      { sourceNumber: "SIV2025-000002", number: "KIPP2026-000002" },
      { sourceNumber: "SIV2025-000003", number: "KIPP2026-000003" },
    ]);
    expect(await forwardedIn(t.db, s.kipp2026Id)).toEqual([
      { number: "KIPP2026-000001", status: "draft", agency_id: s.w.agencies.pontianak, group_id: s.kipp2026.groups.umum, category_id: s.kipp2026.categories.digital, title: "Antrean Daring Dukcapil", forwarded_from_proposal_id: s.ids.juara, started_on: "2021-03-15", contact_email: "inovasi@contoh.go.id" },
      { number: "KIPP2026-000002", status: "draft", agency_id: s.w.agencies.singkawang, group_id: s.kipp2026.groups.replikasi, category_id: s.kipp2026.categories.kesehatan, title: "Posyandu Digital", forwarded_from_proposal_id: s.ids.harapan, started_on: "2021-03-15", contact_email: "inovasi@contoh.go.id" },
      { number: "KIPP2026-000003", status: "draft", agency_id: agencyId("KAB-61.03"), group_id: s.kipp2026.groups.umum, category_id: null, title: "Lapor Jalan Sanggau", forwarded_from_proposal_id: s.ids.odd, started_on: "2021-03-15", contact_email: "inovasi@contoh.go.id" },
    ]);
    const answers = await t.db
      .selectFrom("proposal_answers")
      .innerJoin("proposals", "proposals.id", "proposal_answers.proposal_id")
      .select(["proposals.number", "proposal_answers.section_key", "proposal_answers.body"])
      .where("proposals.competition_id", "=", s.kipp2026Id)
      .orderBy("proposals.number")
      .orderBy("proposal_answers.section_key")
      .execute();
    expect(answers).toEqual([
      { number: "KIPP2026-000001", section_key: "ide", body: "Antrean daring terhubung SMS." },
      { number: "KIPP2026-000001", section_key: "ringkasan", body: "Warga mengambil antrean dari rumah." },
      { number: "KIPP2026-000002", section_key: "proses_replikasi", body: "Studi tiru lalu uji coba." },
      { number: "KIPP2026-000002", section_key: "ringkasan", body: "Replikasi posyandu." },
      { number: "KIPP2026-000003", section_key: "ringkasan", body: "Lapor jalan rusak." },
    ]);
    const counter = await t.db.selectFrom("competitions").select("number_counter").where("id", "=", s.kipp2026Id).executeTakeFirstOrThrow();
    expect(Number(counter.number_counter)).toBe(3);

    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "organizer_id", "competition_id", "agency_id", "before_json", "after_json"])
      .where("action", "=", "proposal.forwarded")
      .orderBy("agency_id")
      .execute();
    expect(audits.map((a) => [a.organizer_id, a.competition_id, a.agency_id, JSON.parse(a.before_json!).number, JSON.parse(a.after_json!).number])).toEqual([
      [s.w.organizers.panrb, s.kipp2026Id, agencyId("KAB-61.03"), "SIV2025-000003", "KIPP2026-000003"],
      [s.w.organizers.panrb, s.kipp2026Id, s.w.agencies.pontianak, "SIV2025-000001", "KIPP2026-000001"],
      [s.w.organizers.panrb, s.kipp2026Id, s.w.agencies.singkawang, "SIV2025-000002", "KIPP2026-000002"],
    ]);

    // Notifications: Admin Lokal and innovators of each agency (notifyAgencies); mail: Admin Lokal only.
    const notes = await t.db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select(["users.email", "notifications.message_key", "notifications.link"])
      .orderBy("users.email")
      .execute();
    expect(notes).toEqual([
      { email: "adminlokal@pontianak.test", message_key: "forwarding.notify", link: "/proposals/KIPP2026-000001" },
      { email: "adminlokal@singkawang.test", message_key: "forwarding.notify", link: "/proposals/KIPP2026-000002" },
      { email: "inovator@pontianak.test", message_key: "forwarding.notify", link: "/proposals/KIPP2026-000001" },
      { email: "inovator@singkawang.test", message_key: "forwarding.notify", link: "/proposals/KIPP2026-000002" },
    ]);
    const mail = await t.db.selectFrom("outbox").select(["to_address", "subject"]).orderBy("to_address").execute();
    expect(mail).toEqual([
      { to_address: "adminlokal@pontianak.test", subject: "Draf KIPP2026-000001 di KIPP 2026: diteruskan dari Sivablik 2025" },
      { to_address: "adminlokal@singkawang.test", subject: "Draf KIPP2026-000002 di KIPP 2026: diteruskan dari Sivablik 2025" },
    ]);

    // The line on the national draft.
    const draft = await t.db.selectFrom("proposals").select("id").where("number", "=", "KIPP2026-000001").executeTakeFirstOrThrow();
    expect(await forwardedFromOf(t.db, draft.id)).toEqual({ contest: "Sivablik 2025", number: "SIV2025-000001", awardId: "Juara 1", awardEn: "First place" });
    expect(await forwardedFromOf(t.db, s.ids.juara)).toBeNull();

    // Idempotent: the second time nothing is created and the preview says why.
    const again = await forwardWinners(t.db, kalbar, "sivablik-2025", input, { now: NOW });
    expect(again.ok && again.created).toEqual([]);
    expect(again.ok && again.skipped.map((i) => [i.sourceNumber, i.skip, i.existingNumber])).toEqual([
      ["SIV2025-000001", "already_forwarded", "KIPP2026-000001"],
      ["SIV2025-000002", "already_forwarded", "KIPP2026-000002"],
      ["SIV2025-000003", "already_forwarded", "KIPP2026-000003"],
    ]);
    expect((await forwardedIn(t.db, s.kipp2026Id)).length).toBe(3);
    expect((await t.db.selectFrom("audit_log").select("id").where("action", "=", "proposal.forwarded").execute()).length).toBe(3);
    expect((await t.db.selectFrom("outbox").select("id").execute()).length).toBe(2);
  });

  it("skips an agency the national edition does not admit and a winner whose group has no match", async () => {
    const s = await setup(t.db);
    await t.db.updateTable("competitions").set({ allowed_clusters: JSON.stringify(["kota"]) }).where("id", "=", s.kipp2026Id).execute();
    await t.db.deleteFrom("competition_groups").where("id", "=", s.kipp2026.groups.replikasi).execute();
    await t.db.updateTable("competition_groups").set({ key: "inti" }).where("id", "=", s.kipp2026.groups.umum).execute();
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const r = await forwardWinners(t.db, kalbar, "sivablik-2025", { targetSlug: "kipp-2026", winnerIds: [s.win.juara, s.win.odd] }, { now: NOW });
    expect(r.ok && r.created).toEqual([]);
    expect(r.ok && r.skipped.map((i) => [i.sourceNumber, i.skip])).toEqual([
      ["SIV2025-000001", "no_group"],
      ["SIV2025-000003", "no_group"],
    ]);
    await t.db.updateTable("competition_groups").set({ key: "umum" }).where("id", "=", s.kipp2026.groups.umum).execute();
    const r2 = await forwardWinners(t.db, kalbar, "sivablik-2025", { targetSlug: "kipp-2026", winnerIds: [s.win.juara, s.win.odd, s.win.harapan] }, { now: NOW });
    // Replikasi falls back to umum; the kabupaten is not admitted (only kota).
    expect(r2.ok && r2.created).toEqual([
      { sourceNumber: "SIV2025-000001", number: "KIPP2026-000001" },
      { sourceNumber: "SIV2025-000002", number: "KIPP2026-000002" },
    ]);
    expect(r2.ok && r2.skipped.map((i) => [i.sourceNumber, i.skip])).toEqual([["SIV2025-000003", "not_eligible"]]);
    const rows = await forwardedIn(t.db, s.kipp2026Id);
    expect(rows.map((x) => [x.number, x.group_id])).toEqual([
      ["KIPP2026-000001", s.kipp2026.groups.umum],
      ["KIPP2026-000002", s.kipp2026.groups.umum],
    ]);
  });
});

describe("the export for another installation", () => {
  it("is a proposals-import file that the existing import accepts, once", async () => {
    const s = await setup(t.db);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const r = await exportForwardCsv(t.db, kalbar, "sivablik-2025", [s.win.harapan, s.win.juara]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.filename).toBe("sivablik-2025-forward.csv");
    expect(r.file.text).toBe(
      "\uFEFF" +
        [
          "external_id,agency_code,group,category,title,start_date,innovator,contact_email,summary,ide,proses_replikasi",
          "sivablik-2025/SIV2025-000001,KOTA-61.71,umum,transformasi_digital,Antrean Daring Dukcapil,2021-03-15,Tim Inovasi,inovasi@contoh.go.id,Warga mengambil antrean dari rumah.,Antrean daring terhubung SMS.,",
          "sivablik-2025/SIV2025-000002,KOTA-61.72,replikasi,pelayanan_kesehatan,Posyandu Digital,2021-03-15,Tim Inovasi,inovasi@contoh.go.id,Replikasi posyandu.,,Studi tiru lalu uji coba.",
        ].join("\r\n") +
        "\r\n",
    );

    // Imported into another edition with the existing import service.
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    const file = { name: "sivablik.csv", bytes: new TextEncoder().encode(r.file.text) };
    const imported = await importProposals(t.db, panrb, "kipp-2026", file, NOW);
    expect(imported).toEqual({ ok: true, created: 2, skipped: 0, firstNumber: "KIPP2026-000001", lastNumber: "KIPP2026-000002" });
    const rows = await t.db
      .selectFrom("proposals")
      .select(["number", "external_id", "agency_id", "group_id", "category_id", "title", "status"])
      .where("competition_id", "=", s.kipp2026Id)
      .orderBy("number")
      .execute();
    expect(rows).toEqual([
      { number: "KIPP2026-000001", external_id: "sivablik-2025/SIV2025-000001", agency_id: s.w.agencies.pontianak, group_id: s.kipp2026.groups.umum, category_id: s.kipp2026.categories.digital, title: "Antrean Daring Dukcapil", status: "submitted" },
      { number: "KIPP2026-000002", external_id: "sivablik-2025/SIV2025-000002", agency_id: s.w.agencies.singkawang, group_id: s.kipp2026.groups.replikasi, category_id: s.kipp2026.categories.kesehatan, title: "Posyandu Digital", status: "submitted" },
    ]);
    const answers = await t.db
      .selectFrom("proposal_answers")
      .innerJoin("proposals", "proposals.id", "proposal_answers.proposal_id")
      .select(["proposals.number", "proposal_answers.section_key", "proposal_answers.body"])
      .where("proposals.competition_id", "=", s.kipp2026Id)
      .orderBy("proposals.number")
      .orderBy("proposal_answers.section_key")
      .execute();
    expect(answers).toEqual([
      { number: "KIPP2026-000001", section_key: "ide", body: "Antrean daring terhubung SMS." },
      { number: "KIPP2026-000001", section_key: "ringkasan", body: "Warga mengambil antrean dari rumah." },
      { number: "KIPP2026-000002", section_key: "proses_replikasi", body: "Studi tiru lalu uji coba." },
      { number: "KIPP2026-000002", section_key: "ringkasan", body: "Replikasi posyandu." },
    ]);
    // Importing the same file again creates nothing.
    expect(await importProposals(t.db, panrb, "kipp-2026", file, NOW)).toEqual({ ok: true, created: 0, skipped: 2, firstNumber: null, lastNumber: null });
  });
});
