/**
 * Award tiers and winners: presets, the tier editor, applying the rule,
 * deviations with a reason, the page (proposal, problems, breakdown), audit,
 * bad input and permissions (with another organizer's edition present).
 */
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { parseForm } from "~/lib/forms";
import { AddWinnerSchema, ApplyRuleSchema, MoveWinnerSchema, PresetSchema, RemoveTierSchema, RemoveWinnerSchema, TierSchema, type TierInput } from "~/schemas/awards";
import {
  addWinner,
  applyTierPreset,
  applyWinnerRule,
  getAwardsPage,
  loadAwardsCompetition,
  moveTier,
  moveWinner,
  removeTier,
  removeWinner,
  saveTier,
} from "~/services/awards.server";
import { auditRows, expectStatus } from "../support/accounts";
import { useTestDb } from "../support/db";
import { actorOf } from "../support/factories";
import { buildRound } from "../support/jury";
import { buildAwardsFixture, type AwardsFixture } from "../support/publication-awards";

const t = useTestDb();
const REASON = "Keputusan sidang pleno penetapan pemenang.";

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

const tierInput = (o: Partial<TierInput> & Pick<TierInput, "key">): TierInput => ({
  intent: "saveTier",
  tierId: null,
  nameId: o.key,
  nameEn: o.key,
  size: 1,
  groupId: null,
  roundId: null,
  ...o,
});

async function setup() {
  const f = await buildAwardsFixture(t.db);
  const admin = await actorOf(t.db, f.w.users.panrbAdmin);
  const kalbar = await actorOf(t.db, f.w.users.kalbarAdmin);
  const cid = f.w.competitions.kipp;
  return { f, admin, kalbar, cid };
}

/** Tiers: juara1 (1, all groups), replikasi (1, replikasi), umum (2, umum). */
async function threeTiers(f: AwardsFixture, admin: Awaited<ReturnType<typeof actorOf>>) {
  const cid = f.w.competitions.kipp;
  expect(await saveTier(t.db, admin, cid, tierInput({ key: "juara1", nameId: "Juara I", nameEn: "First Prize" }))).toEqual({ ok: true });
  expect(await saveTier(t.db, admin, cid, tierInput({ key: "replikasi", groupId: f.kipp.groups.replikasi }))).toEqual({ ok: true });
  expect(await saveTier(t.db, admin, cid, tierInput({ key: "umum", size: 2, groupId: f.kipp.groups.umum }))).toEqual({ ok: true });
  const tiers = await t.db.selectFrom("award_tiers").select(["id", "key"]).where("competition_id", "=", cid).execute();
  return Object.fromEntries(tiers.map((x) => [x.key, x.id])) as Record<"juara1" | "replikasi" | "umum", string>;
}

/** Winners as "tier:number:source", in tier order then position. */
async function winnerList(db: DB, competitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("winners as w")
    .innerJoin("award_tiers as t", "t.id", "w.tier_id")
    .innerJoin("proposals as p", "p.id", "w.proposal_id")
    .select(["t.key", "p.number", "w.source", "w.position"])
    .where("w.competition_id", "=", competitionId)
    .orderBy("t.position")
    .orderBy("w.position")
    .execute();
  return rows.map((r) => `${r.key}:${r.number}:${r.source}:${r.position}`);
}

async function awardAudit(db: DB) {
  return (await auditRows(db)).filter((r) => r.action.startsWith("award."));
}

describe("tier presets", () => {
  it("KIPP adds the tiers whose group exists, skips Khusus, and adds nothing twice", async () => {
    const { f, admin, cid } = await setup();
    expect(await applyTierPreset(t.db, admin, cid, "kipp")).toEqual({ ok: true, created: ["top45", "top5_replikasi"], skipped: ["outstanding"] });
    expect(await applyTierPreset(t.db, admin, cid, "kipp")).toEqual({ ok: true, created: [], skipped: ["outstanding"] });
    const tiers = await t.db
      .selectFrom("award_tiers")
      .select(["key", "name_id", "size", "group_id", "round_id", "position"])
      .where("competition_id", "=", cid)
      .orderBy("position")
      .execute();
    expect(tiers).toEqual([
      { key: "top45", name_id: "Top 45 Inovasi Pelayanan Publik Terpuji", size: 45, group_id: f.kipp.groups.umum, round_id: null, position: 1 },
      { key: "top5_replikasi", name_id: "Top 5 Replikasi", size: 5, group_id: f.kipp.groups.replikasi, round_id: null, position: 2 },
    ]);
    const audit = await awardAudit(t.db);
    expect(audit.map((a) => [a.action, a.after])).toEqual([
      ["award.presetApplied", { preset: "kipp", created: ["top45", "top5_replikasi"], skipped: ["outstanding"] }],
      ["award.presetApplied", { preset: "kipp", created: [], skipped: ["outstanding"] }],
    ]);
    expect(audit[0].organizerId).toBe(f.w.organizers.panrb);
    expect(audit[0].competitionId).toBe(cid);
  });

  it("provincial adds seven tiers after the existing ones", async () => {
    const { admin, cid } = await setup();
    await saveTier(t.db, admin, cid, tierInput({ key: "khusus_gubernur" }));
    await applyTierPreset(t.db, admin, cid, "provincial");
    const tiers = await t.db.selectFrom("award_tiers").select(["key", "size", "position"]).where("competition_id", "=", cid).orderBy("position").execute();
    expect(tiers.map((x) => `${x.position}:${x.key}:${x.size}`)).toEqual([
      "1:khusus_gubernur:1",
      "2:juara1:1",
      "3:juara2:1",
      "4:juara3:1",
      "5:harapan1:1",
      "6:harapan2:1",
      "7:harapan3:1",
      "8:top30:30",
    ]);
  });
});

describe("tier editor", () => {
  it("creates, updates, reorders and removes tiers, each audited", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    expect(
      await saveTier(t.db, admin, cid, tierInput({ tierId: ids.umum, key: "terpuji", nameId: "Inovasi Terpuji", nameEn: "Commendable", size: 3, groupId: f.kipp.groups.umum, roundId: f.round1 })),
    ).toEqual({ ok: true });
    expect(await moveTier(t.db, admin, cid, ids.umum, "up")).toEqual({ ok: true });
    expect(await moveTier(t.db, admin, cid, ids.juara1, "up")).toEqual({ ok: false, errors: { _form: "awards.errors.cannotMove" } });
    const order = await t.db.selectFrom("award_tiers").select(["key", "size", "round_id", "position"]).where("competition_id", "=", cid).orderBy("position").execute();
    expect(order).toEqual([
      { key: "juara1", size: 1, round_id: null, position: 1 },
      { key: "terpuji", size: 3, round_id: f.round1, position: 2 },
      { key: "replikasi", size: 1, round_id: null, position: 3 },
    ]);
    expect(await removeTier(t.db, admin, cid, ids.replikasi)).toEqual({ ok: true });
    const audit = await awardAudit(t.db);
    expect(audit.map((a) => a.action)).toEqual([
      "award.tierCreated",
      "award.tierCreated",
      "award.tierCreated",
      "award.tierMoved",
      "award.tierRemoved",
      "award.tierUpdated",
    ]);
    expect(audit.find((a) => a.action === "award.tierMoved")?.after).toEqual({ order: ["juara1", "terpuji", "replikasi"] });
    expect(audit.find((a) => a.action === "award.tierMoved")?.before).toEqual({ order: ["juara1", "replikasi", "terpuji"] });
    expect(audit.find((a) => a.action === "award.tierUpdated")?.before).toEqual({
      key: "umum",
      nameId: "umum",
      nameEn: "umum",
      size: 2,
      groupId: f.kipp.groups.umum,
      roundId: null,
      position: 3,
    });
  });

  it("refuses a taken key, and a group or round of another edition", async () => {
    const { f, admin, cid } = await setup();
    await threeTiers(f, admin);
    expect(await saveTier(t.db, admin, cid, tierInput({ key: "juara1" }))).toEqual({ ok: false, errors: { key: "awards.errors.keyTaken" } });
    expect(await saveTier(t.db, admin, cid, tierInput({ key: "lain", groupId: f.sivablik.groups.umum, roundId: f.siv.round }))).toEqual({
      ok: false,
      errors: { groupId: "awards.errors.group", roundId: "awards.errors.round" },
    });
    expect(await t.db.selectFrom("award_tiers").select("key").where("competition_id", "=", cid).execute()).toHaveLength(3);
  });

  it("removing a tier removes its winners; refused while a certificate names it", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    expect(await removeTier(t.db, admin, cid, ids.replikasi)).toEqual({ ok: true });
    expect(await winnerList(t.db, cid)).toEqual(["juara1:KIPP2025-000001:rule:1", "umum:KIPP2025-000003:rule:1", "umum:KIPP2025-000004:rule:2"]);
    const removed = (await awardAudit(t.db)).find((a) => a.action === "award.tierRemoved");
    expect(removed?.before).toMatchObject({ key: "replikasi", winners: ["KIPP2025-000002"] });

    await t.db
      .insertInto("certificates")
      .values({
        id: newId(),
        competition_id: cid,
        proposal_id: f.p.kota1.id,
        agency_id: f.w.agencies.pontianak,
        tier_id: ids.juara1,
        code: "ABCD-EFGH-JKMN",
        edition_name: "KIPP 2025",
        tier_name_id: "Juara I",
        tier_name_en: "First Prize",
        innovation_title: "Antrean Daring Dukcapil",
        agency_name: "Pemerintah Kota Pontianak",
        signatory_name: "",
        signatory_title: "",
        place: "",
        issued_on: "2025-11-01",
        issued_at: "2025-11-01T03:00:00.000Z",
      })
      .execute();
    expect(await removeTier(t.db, admin, cid, ids.juara1)).toEqual({ ok: false, errors: { _form: "awards.errors.tierHasCertificates" } });
    expect(await winnerList(t.db, cid)).toHaveLength(3);
  });
});

describe("applying the rule", () => {
  it("fills tiers in order from the last decided round, skips what an earlier tier took, reports the tie", async () => {
    const { f, admin, cid } = await setup();
    await threeTiers(f, admin);
    const r = await applyWinnerRule(t.db, admin, cid);
    const ids = Object.fromEntries((await t.db.selectFrom("award_tiers").select(["id", "key"]).execute()).map((x) => [x.key, x.id]));
    expect(r).toEqual({ ok: true, count: 4, problems: [{ kind: "tie", tierId: ids.umum, rank: 4, proposalIds: [f.p.kem1.id, f.p.bumn1.id] }] });
    // juara1 takes kota1 (rank 1); replikasi rep1 (rank 2); umum kab1 (3), kem1 (4, before bumn1 by number).
    expect(await winnerList(t.db, cid)).toEqual([
      "juara1:KIPP2025-000001:rule:1",
      "replikasi:KIPP2025-000002:rule:1",
      "umum:KIPP2025-000003:rule:1",
      "umum:KIPP2025-000004:rule:2",
    ]);
    const audit = (await awardAudit(t.db)).filter((a) => a.action === "award.ruleApplied");
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toEqual({ winners: [] });
    expect(audit[0].after.winners).toEqual([
      { tier: "juara1", number: "KIPP2025-000001", source: "rule" },
      { tier: "replikasi", number: "KIPP2025-000002", source: "rule" },
      { tier: "umum", number: "KIPP2025-000003", source: "rule" },
      { tier: "umum", number: "KIPP2025-000004", source: "rule" },
    ]);
  });

  it("a tier on round 1 ranks by round 1; a tier on an undecided round is left empty and reported", async () => {
    const { f, admin, cid } = await setup();
    const round3 = await buildRound(t.db, { competitionId: cid, position: 3, name: "Verifikasi lapangan", kind: "field" });
    await saveTier(t.db, admin, cid, tierInput({ key: "lapangan", size: 2, roundId: round3 }));
    await saveTier(t.db, admin, cid, tierInput({ key: "desk", size: 2, roundId: f.round1 }));
    await saveTier(t.db, admin, cid, tierInput({ key: "final", size: 20 }));
    const r = await applyWinnerRule(t.db, admin, cid);
    const ids = Object.fromEntries((await t.db.selectFrom("award_tiers").select(["id", "key"]).execute()).map((x) => [x.key, x.id]));
    expect(r).toEqual({
      ok: true,
      count: 8,
      problems: [
        { kind: "round_missing", tierId: ids.lapangan, roundId: round3 },
        { kind: "short", tierId: ids.final, size: 20, filled: 6 },
      ],
    });
    // desk: kab1 (round 1 rank 1), kota1 (2); final (round 2, the last decided): rep1, kem1, bumn1, prov1 (override), rep2, then stop1 (stopped last).
    expect(await winnerList(t.db, cid)).toEqual([
      "desk:KIPP2025-000003:rule:1",
      "desk:KIPP2025-000001:rule:2",
      "final:KIPP2025-000002:rule:1",
      "final:KIPP2025-000004:rule:2",
      "final:KIPP2025-000005:rule:3",
      "final:KIPP2025-000006:rule:4",
      "final:KIPP2025-000007:rule:5",
      "final:KIPP2025-000008:rule:6",
    ]);
  });

  it("without tiers it is refused; re-applying replaces rule winners and keeps deviations", async () => {
    const { f, admin, cid } = await setup();
    expect(await applyWinnerRule(t.db, admin, cid)).toEqual({ ok: false, errors: { _form: "awards.errors.noTiers" } });
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    const kem1 = await t.db.selectFrom("winners").select("id").where("proposal_id", "=", f.p.kem1.id).executeTakeFirstOrThrow();
    // Move kem1 (umum, rule) to juara1 by hand: on re-applying, it fills juara1's only place.
    expect(await moveWinner(t.db, admin, cid, { intent: "moveWinner", winnerId: kem1.id, tierId: ids.juara1, reason: REASON })).toEqual({ ok: true });
    await applyWinnerRule(t.db, admin, cid);
    // juara1: kem1 kept (deviation fills the only place); replikasi rep1; umum: kota1 (1), kab1 (3).
    expect(await winnerList(t.db, cid)).toEqual([
      "juara1:KIPP2025-000004:manual:1",
      "replikasi:KIPP2025-000002:rule:1",
      "umum:KIPP2025-000001:rule:1",
      "umum:KIPP2025-000003:rule:2",
    ]);
    const manual = await t.db.selectFrom("winners").select(["source", "deviation_reason"]).where("proposal_id", "=", f.p.kem1.id).executeTakeFirstOrThrow();
    expect(manual).toEqual({ source: "manual", deviation_reason: REASON });
  });
});

describe("deviations", () => {
  it("adds a proposal by hand with its reason, placed by rank", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    expect(await addWinner(t.db, admin, cid, { intent: "addWinner", tierId: ids.umum, number: "KIPP2025-000006", reason: REASON })).toEqual({ ok: true });
    // prov1 (rank 6 in round 2) goes after kab1 (3) and kem1 (4); notEntered (no rank) last.
    expect(await addWinner(t.db, admin, cid, { intent: "addWinner", tierId: ids.umum, number: "KIPP2025-000010", reason: REASON })).toEqual({ ok: true });
    expect(await winnerList(t.db, cid)).toEqual([
      "juara1:KIPP2025-000001:rule:1",
      "replikasi:KIPP2025-000002:rule:1",
      "umum:KIPP2025-000003:rule:1",
      "umum:KIPP2025-000004:rule:2",
      "umum:KIPP2025-000006:manual:3",
      "umum:KIPP2025-000010:manual:4",
    ]);
    const added = (await awardAudit(t.db))
      .filter((a) => a.action === "award.winnerAdded")
      .map((a) => a.after)
      .sort((a, b) => (a.number < b.number ? -1 : 1));
    expect(added).toEqual([
      { tier: "umum", number: "KIPP2025-000006", reason: REASON },
      { tier: "umum", number: "KIPP2025-000010", reason: REASON },
    ]);
  });

  it("refuses a winner twice, a proposal of another edition or unknown, the wrong group, a tier of another edition", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    const add = (tierId: string, number: string) => addWinner(t.db, admin, cid, { intent: "addWinner", tierId, number, reason: REASON });
    expect(await add(ids.umum, "KIPP2025-000001")).toEqual({ ok: false, errors: { number: "awards.errors.alreadyWinner" } });
    expect(await add(ids.umum, "SIV2025-000001")).toEqual({ ok: false, errors: { number: "awards.errors.proposal" } });
    expect(await add(ids.umum, "KIPP2025-999999")).toEqual({ ok: false, errors: { number: "awards.errors.proposal" } });
    expect(await add(ids.umum, "KIPP2025-000007")).toEqual({ ok: false, errors: { number: "awards.errors.wrongGroup" } });
    const kalbar = await actorOf(t.db, f.w.users.kalbarAdmin);
    await saveTier(t.db, kalbar, f.w.competitions.sivablik, tierInput({ key: "juara1" }));
    const sivTier = await t.db.selectFrom("award_tiers").select("id").where("competition_id", "=", f.w.competitions.sivablik).executeTakeFirstOrThrow();
    expect(await add(sivTier.id, "KIPP2025-000008")).toEqual({ ok: false, errors: { tierId: "awards.errors.tier" } });
    await t.db.updateTable("proposals").set({ status: "withdrawn" }).where("id", "=", f.p.stop1.id).execute();
    expect(await add(ids.umum, "KIPP2025-000008")).toEqual({ ok: false, errors: { number: "awards.errors.proposal" } });
    expect(await winnerList(t.db, cid)).toHaveLength(4);
  });

  it("moves a winner (refusing its own tier and the wrong group) and removes one, each with the reason in the audit", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    const winnerOf = async (proposalId: string) =>
      (await t.db.selectFrom("winners").select("id").where("proposal_id", "=", proposalId).executeTakeFirstOrThrow()).id;
    const rep1 = await winnerOf(f.p.rep1.id);
    const kota1 = await winnerOf(f.p.kota1.id);
    expect(await moveWinner(t.db, admin, cid, { intent: "moveWinner", winnerId: rep1, tierId: ids.replikasi, reason: REASON })).toEqual({
      ok: false,
      errors: { tierId: "awards.errors.sameTier" },
    });
    expect(await moveWinner(t.db, admin, cid, { intent: "moveWinner", winnerId: rep1, tierId: ids.umum, reason: REASON })).toEqual({
      ok: false,
      errors: { tierId: "awards.errors.wrongGroup" },
    });
    expect(await moveWinner(t.db, admin, cid, { intent: "moveWinner", winnerId: kota1, tierId: ids.umum, reason: REASON })).toEqual({ ok: true });
    expect(await removeWinner(t.db, admin, cid, { intent: "removeWinner", winnerId: rep1, reason: "Terbukti plagiat setelah sanggah." })).toEqual({ ok: true });
    expect(await winnerList(t.db, cid)).toEqual(["umum:KIPP2025-000001:manual:1", "umum:KIPP2025-000003:rule:2", "umum:KIPP2025-000004:rule:3"]);
    const audit = await awardAudit(t.db);
    expect(audit.find((a) => a.action === "award.winnerMoved")).toMatchObject({
      entity: ["winner", kota1],
      before: { tier: "juara1", source: "rule" },
      after: { tier: "umum", number: "KIPP2025-000001", reason: REASON },
    });
    expect(audit.find((a) => a.action === "award.winnerRemoved")).toMatchObject({
      entity: ["winner", rep1],
      before: { tier: "replikasi", number: "KIPP2025-000002", source: "rule" },
      after: { reason: "Terbukti plagiat setelah sanggah." },
    });
  });
});

describe("the awards page", () => {
  it("shows tiers, the proposal with its problems and the breakdown of the proposal, then of the winners", async () => {
    const { f, admin, cid } = await setup();
    const ids = await threeTiers(f, admin);
    const before = await getAwardsPage(t.db, admin, "kipp-2025");
    expect(before.defaultRound).toEqual({ id: f.round2, name: "Presentasi dan wawancara" });
    expect(before.tiers.map((x) => [x.key, x.size, x.groupName?.id ?? null, x.winnerCount])).toEqual([
      ["juara1", 1, null, 0],
      ["replikasi", 1, "Kelompok Replikasi", 0],
      ["umum", 2, "Kelompok Umum", 0],
    ]);
    expect(before.proposed.map((p) => [p.tierId, p.number, p.rank, p.current])).toEqual([
      [ids.juara1, "KIPP2025-000001", 1, false],
      [ids.replikasi, "KIPP2025-000002", 2, false],
      [ids.umum, "KIPP2025-000003", 3, false],
      [ids.umum, "KIPP2025-000004", 4, false],
    ]);
    expect(before.problems).toEqual([{ kind: "tie", tierId: ids.umum, rank: 4, proposalIds: [f.p.kem1.id, f.p.bumn1.id] }]);
    expect(before.breakdown.of).toBe("proposed");
    expect(before.breakdown.rows.map((r) => [r.bucket, r.count])).toEqual([
      ["kementerian", 1],
      ["lembaga", 0],
      ["provinsi", 0],
      ["kabupaten", 2],
      ["kota", 1],
      ["bumn_bumd", 0],
    ]);

    await applyWinnerRule(t.db, admin, cid);
    const winnerId = (await t.db.selectFrom("winners").select("id").where("proposal_id", "=", f.p.kem1.id).executeTakeFirstOrThrow()).id;
    await removeWinner(t.db, admin, cid, { intent: "removeWinner", winnerId, reason: REASON });
    await addWinner(t.db, admin, cid, { intent: "addWinner", tierId: ids.umum, number: "KIPP2025-000005", reason: REASON });
    const after = await getAwardsPage(t.db, admin, "kipp-2025");
    expect(after.breakdown.of).toBe("winners");
    expect(after.breakdown.total).toBe(4);
    expect(after.breakdown.rows.map((r) => [r.bucket, r.count, r.percent])).toEqual([
      ["kementerian", 0, 0],
      ["lembaga", 0, 0],
      ["provinsi", 0, 0],
      ["kabupaten", 2, 50],
      ["kota", 1, 25],
      ["bumn_bumd", 1, 25],
    ]);
    expect(after.winners.map((w) => [w.tierKey, w.number, w.source, w.deviationReason])).toEqual([
      ["juara1", "KIPP2025-000001", "rule", null],
      ["replikasi", "KIPP2025-000002", "rule", null],
      ["umum", "KIPP2025-000003", "rule", null],
      ["umum", "KIPP2025-000005", "manual", REASON],
    ]);
    // The manual bumn1 fills a place of umum, so the rule proposes only kab1 there (kem1 may come back).
    expect(after.proposed.map((p) => [p.number, p.current])).toEqual([
      ["KIPP2025-000001", true],
      ["KIPP2025-000002", true],
      ["KIPP2025-000003", true],
    ]);
  });
});

describe("permissions", () => {
  it("the organizer's admin may; another organizer's admin, an Admin Lokal and a juror get 403; unknown edition 404", async () => {
    const { f, admin, kalbar, cid } = await setup();
    const ids = await threeTiers(f, admin);
    await applyWinnerRule(t.db, admin, cid);
    // Kalbar's own edition with a tier and a winner, which must not show on KIPP's page.
    await saveTier(t.db, kalbar, f.w.competitions.sivablik, tierInput({ key: "juara1", nameId: "Juara I Sivablik" }));
    expect((await applyWinnerRule(t.db, kalbar, f.w.competitions.sivablik)).ok).toBe(true);
    const page = await getAwardsPage(t.db, admin, "kipp-2025");
    expect(JSON.stringify(page)).not.toContain("Sivablik");
    expect(JSON.stringify(page)).not.toContain("SIV2025");
    expect((await getAwardsPage(t.db, kalbar, "sivablik-2025")).winners.map((w) => w.number)).toEqual(["SIV2025-000001"]);

    const winnerId = (await t.db.selectFrom("winners").select("id").where("proposal_id", "=", f.p.kota1.id).executeTakeFirstOrThrow()).id;
    const others = [kalbar, await actorOf(t.db, f.w.users.adminLokal), await actorOf(t.db, f.w.users.panelist), await actorOf(t.db, f.w.users.nobody)];
    for (const a of others) {
      await expectStatus(getAwardsPage(t.db, a, "kipp-2025"), 403);
      await expectStatus(loadAwardsCompetition(t.db, a, "kipp-2025"), 403);
      await expectStatus(saveTier(t.db, a, cid, tierInput({ key: "x" })), 403);
      await expectStatus(applyTierPreset(t.db, a, cid, "kipp"), 403);
      await expectStatus(moveTier(t.db, a, cid, ids.umum, "up"), 403);
      await expectStatus(removeTier(t.db, a, cid, ids.umum), 403);
      await expectStatus(applyWinnerRule(t.db, a, cid), 403);
      await expectStatus(addWinner(t.db, a, cid, { intent: "addWinner", tierId: ids.umum, number: "KIPP2025-000006", reason: REASON }), 403);
      await expectStatus(moveWinner(t.db, a, cid, { intent: "moveWinner", winnerId, tierId: ids.umum, reason: REASON }), 403);
      await expectStatus(removeWinner(t.db, a, cid, { intent: "removeWinner", winnerId, reason: REASON }), 403);
    }
    await expectStatus(getAwardsPage(t.db, admin, "tidak-ada"), 404);
    await expectStatus(saveTier(t.db, admin, "no-such-competition", tierInput({ key: "x" })), 404);
    // KIPP's admin cannot reach Sivablik's rows through KIPP's id either.
    const sivTier = await t.db.selectFrom("award_tiers").select("id").where("competition_id", "=", f.w.competitions.sivablik).executeTakeFirstOrThrow();
    const sivWinner = await t.db.selectFrom("winners").select("id").where("competition_id", "=", f.w.competitions.sivablik).executeTakeFirstOrThrow();
    await expectStatus(removeTier(t.db, admin, cid, sivTier.id), 404);
    await expectStatus(moveTier(t.db, admin, cid, sivTier.id, "up"), 404);
    await expectStatus(saveTier(t.db, admin, cid, tierInput({ tierId: sivTier.id, key: "y" })), 404);
    await expectStatus(removeWinner(t.db, admin, cid, { intent: "removeWinner", winnerId: sivWinner.id, reason: REASON }), 404);
    await expectStatus(moveWinner(t.db, admin, cid, { intent: "moveWinner", winnerId: sivWinner.id, tierId: ids.umum, reason: REASON }), 404);
    await expectStatus(getAwardsPage(t.db, admin, "sivablik-2025"), 403);

    // Nothing changed by the refused calls.
    expect(await winnerList(t.db, cid)).toHaveLength(4);
    expect(await winnerList(t.db, f.w.competitions.sivablik)).toEqual(["juara1:SIV2025-000001:rule:1"]);
    expect((await awardAudit(t.db)).map((a) => a.action).sort()).toEqual([
      "award.ruleApplied",
      "award.ruleApplied",
      "award.tierCreated",
      "award.tierCreated",
      "award.tierCreated",
      "award.tierCreated",
    ]);
  });
});

describe("bad input", () => {
  it("forms report errors at their fields", () => {
    expect(parseForm(TierSchema, form({ intent: "saveTier", key: "Top 45!", nameId: "", nameEn: "x", size: "0" }))).toMatchObject({
      ok: false,
      errors: { key: "awards.errors.key", nameId: "errors.required", size: "awards.errors.size" },
    });
    expect(parseForm(TierSchema, form({ intent: "saveTier", key: "top45", nameId: "a", nameEn: "b", size: "2.5" })).ok).toBe(false);
    expect(parseForm(TierSchema, form({ intent: "saveTier", key: "top45", nameId: "a", nameEn: "b", size: "abc" }))).toMatchObject({ errors: { size: "awards.errors.size" } });
    expect(parseForm(TierSchema, form({ intent: "saveTier", key: " TOP45 ", nameId: "a", nameEn: "b", size: "45", groupId: "", roundId: "" }))).toMatchObject({
      ok: true,
      data: { key: "top45", size: 45, groupId: null, roundId: null, tierId: null },
    });
    expect(parseForm(PresetSchema, form({ intent: "preset", preset: "nasional" }))).toMatchObject({ errors: { preset: "awards.errors.preset" } });
    expect(parseForm(ApplyRuleSchema, form({ intent: "applyRule" }))).toMatchObject({ errors: { confirm: "awards.errors.confirm" } });
    expect(parseForm(RemoveTierSchema, form({ intent: "removeTier", tierId: "t1" }))).toMatchObject({ errors: { confirm: "awards.errors.confirm" } });
    expect(parseForm(AddWinnerSchema, form({ intent: "addWinner", tierId: "t1", number: " kipp2025-000001 ", reason: "pendek" }))).toMatchObject({
      ok: false,
      errors: { reason: "awards.errors.reason" },
      values: { number: " kipp2025-000001 " },
    });
    expect(parseForm(AddWinnerSchema, form({ intent: "addWinner", tierId: "t1", number: " kipp2025-000001 ", reason: REASON }))).toMatchObject({
      ok: true,
      data: { number: "KIPP2025-000001" },
    });
    expect(parseForm(MoveWinnerSchema, form({ intent: "moveWinner", winnerId: "w1", tierId: "", reason: "          " }))).toMatchObject({
      errors: { tierId: "errors.required", reason: "awards.errors.reason" },
    });
    expect(parseForm(RemoveWinnerSchema, form({ intent: "removeWinner", winnerId: "w1" }))).toMatchObject({ errors: { reason: "awards.errors.reason" } });
    expect(parseForm(RemoveWinnerSchema, form({ intent: "removeWinner", winnerId: "w1", reason: "x".repeat(2001) }))).toMatchObject({ errors: { reason: "errors.tooLong" } });
  });
});
