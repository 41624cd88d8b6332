/**
 * The public side of replication and the commitments service. The scenario
 * (tests/support/replications-public.ts) holds seven replications of which
 * three must never be public (pending, disputed unverified, external
 * unverified) next to four public ones; every query's exact output is
 * asserted. Commitments: allow and deny per rule, audit rows.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  listActiveCommitments,
  listInnovationReplications,
  listPublicReplications,
  listSustainabilityHistory,
  networkEdgesFor,
  provinceCounts,
} from "~/models/replications-public.server";
import { addCommitment, commitmentOptions, withdrawCommitment } from "~/services/commitments.server";
import { useTestDb } from "../support/db";
import { actorOf, buildWorld, type World } from "../support/factories";
import { seedReplicationsPublic, type ReplicationsPublicScenario } from "../support/replications-public";

const t = useTestDb();

let w: World;
let s: ReplicationsPublicScenario;
beforeEach(async () => {
  w = await buildWorld(t.db);
  s = await seedReplicationsPublic(t.db, w);
});

async function expectStatus(p: Promise<unknown>, status: number) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Response);
    expect((e as Response).status).toBe(status);
    return;
  }
  throw new Error(`expected ${status}`);
}

describe("public visibility of replications", () => {
  it("the open list holds only confirmed or verified replications, newest change first", async () => {
    const rows = await listPublicReplications(t.db);
    expect(rows.map((r) => r.id)).toEqual([s.r.r1, s.r.r4, s.r.r5, s.r.r7]);
    expect(rows.map((r) => [r.adopterName, r.stage, r.status, r.sourceResponse, r.verified])).toEqual([
      ["Pemerintah Kota Singkawang", "implementasi", "berjalan", "confirmed", false],
      ["Pemerintah Kota Administrasi Jakarta Utara", "evaluasi", "selesai", "disputed", true],
      ["Pemerintah Kota Pontianak", "rencana", "berjalan", "external", true],
      ["Pemerintah Kota Surabaya", "persiapan", "dihentikan", "confirmed", false],
    ]);
    expect(rows[1].facilitatorName).toBe("Pemerintah Kota Pontianak");
    expect(rows[2].sourceInnovationId).toBeNull();
    expect(JSON.stringify(rows)).not.toMatch(/Rahasia/);
  });

  it("filters: edition, province (adopter or source), source, status", async () => {
    const ids = async (f: Parameters<typeof listPublicReplications>[1]) => (await listPublicReplications(t.db, f)).map((r) => r.id);
    expect(await ids({ edition: "kipp-2025" })).toEqual([s.r.r1, s.r.r4]);
    expect(await ids({ edition: "sivablik-2025" })).toEqual([s.r.r7]);
    expect(await ids({ province: "61" })).toEqual([s.r.r1, s.r.r4, s.r.r5, s.r.r7]);
    expect(await ids({ province: "35" })).toEqual([s.r.r7]);
    expect(await ids({ province: "31" })).toEqual([s.r.r4]);
    expect(await ids({ source: s.innovations.A })).toEqual([s.r.r1, s.r.r4]);
    expect(await ids({ status: "dihentikan" })).toEqual([s.r.r7]);
    expect(await ids({ status: "selesai", province: "31" })).toEqual([s.r.r4]);
  });

  it("the innovation page lists only public replications, by adopter name", async () => {
    const a = await listInnovationReplications(t.db, s.innovations.A);
    expect(a.map((r) => [r.adopterName, r.adopterProvinceName, r.stage, r.status])).toEqual([
      ["Pemerintah Kota Administrasi Jakarta Utara", "Daerah Khusus Ibukota Jakarta", "evaluasi", "selesai"],
      ["Pemerintah Kota Singkawang", "Kalimantan Barat", "implementasi", "berjalan"],
    ]);
    expect((await listInnovationReplications(t.db, s.innovations.B)).map((r) => r.id)).toEqual([s.r.r7]);
  });

  it("a pending replication becomes public once confirmed, a disputed one once verified", async () => {
    await t.db.updateTable("replications").set({ source_response: "confirmed" }).where("id", "=", s.r.r2).execute();
    await t.db.updateTable("replications").set({ verified_at: "2026-02-10T00:00:00.000Z" }).where("id", "=", s.r.r3).execute();
    expect((await listInnovationReplications(t.db, s.innovations.A)).map((r) => r.id).sort()).toEqual([s.r.r1, s.r.r2, s.r.r3, s.r.r4].sort());
  });

  it("network edges per edition and per province", async () => {
    const kipp = await networkEdgesFor(t.db, { edition: "kipp-2025" });
    expect(kipp.map((e) => [e.sourceId, e.adopterId])).toEqual([
      [s.innovations.A, w.agencies.singkawang],
      [s.innovations.A, s.agencies.jakut],
    ]);
    const kalbar = await networkEdgesFor(t.db, { province: "61" });
    expect(kalbar.map((e) => [e.sourceId, e.adopterId])).toEqual([
      [s.innovations.A, w.agencies.singkawang],
      [s.innovations.A, s.agencies.jakut],
      ["ext:Mal Pelayanan Publik|Pemerintah Kabupaten Banyuwangi", w.agencies.pontianak],
      [s.innovations.B, s.agencies.surabaya],
    ]);
    expect(JSON.stringify(await networkEdgesFor(t.db, { province: "35" }))).not.toMatch(/Rahasia/);
  });

  it("province counts count public replications only", async () => {
    const rows = (await provinceCounts(t.db)).filter((p) => p.adopted + p.sourced > 0);
    expect(rows).toEqual([
      { code: "31", name: "Daerah Khusus Ibukota Jakarta", adopted: 1, sourced: 0 },
      { code: "35", name: "Jawa Timur", adopted: 1, sourced: 0 },
      { code: "61", name: "Kalimantan Barat", adopted: 2, sourced: 3 },
    ]);
  });

  it("sustainability history of an innovation", async () => {
    expect(await listSustainabilityHistory(t.db, s.innovations.A)).toEqual([
      { periodName: "Pemantauan 2026", periodStartsAt: "2026-03-01T00:00:00.000Z", status: "berkembang", usersServed: 12500, note: "Diperluas ke 6 kecamatan", reportedAt: "2026-03-01T03:00:00.000Z" },
    ]);
    expect(await listSustainabilityHistory(t.db, s.innovations.B)).toEqual([]);
  });
});

describe("commitments and willingness", () => {
  it("allow: Admin Lokal commits to another agency's innovation; audited; shown", async () => {
    const actor = await actorOf(t.db, w.users.adminLokal);
    const r = await addCommitment(t.db, actor, s.innovations.B, { agencyId: w.agencies.pontianak, kind: "commitment", note: "Tahun depan" });
    expect(r.ok).toBe(true);
    const list = await listActiveCommitments(t.db, s.innovations.B);
    expect(list.map((c) => [c.agencyName, c.kind, c.note])).toEqual([["Pemerintah Kota Pontianak", "commitment", "Tahun depan"]]);
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "commitment.created").selectAll().execute();
    expect(audit.map((a) => [a.actor_user_id, a.entity_id, a.agency_id, a.competition_id])).toEqual([[w.users.adminLokal, list[0].id, w.agencies.pontianak, w.competitions.sivablik]]);
  });

  it("deny: innovator, another agency's Admin Lokal, a citizen (403); nothing written", async () => {
    for (const u of [w.users.innovator, w.users.otherAdminLokal, w.users.nobody, w.users.panrbAdmin]) {
      const actor = await actorOf(t.db, u);
      await expectStatus(addCommitment(t.db, actor, s.innovations.B, { agencyId: w.agencies.pontianak, kind: "commitment", note: "" }), 403);
    }
    expect(await t.db.selectFrom("innovation_commitments").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("audit_log").where("entity_type", "=", "innovation_commitment").selectAll().execute()).toEqual([]);
  });

  it("rules: no commitment on own innovation; willingness only for own winner; hidden innovation 404; no duplicates", async () => {
    const pnk = await actorOf(t.db, w.users.adminLokal);
    const skw = await actorOf(t.db, w.users.otherAdminLokal);
    expect(await addCommitment(t.db, pnk, s.innovations.A, { agencyId: w.agencies.pontianak, kind: "commitment", note: "" })).toEqual({ ok: false, errors: { kind: "replicationsPublic.errors.ownInnovation" } });
    expect(await addCommitment(t.db, skw, s.innovations.A, { agencyId: w.agencies.singkawang, kind: "willingness", note: "" })).toEqual({ ok: false, errors: { kind: "replicationsPublic.errors.notOwnInnovation" } });
    expect(await addCommitment(t.db, skw, s.innovations.B, { agencyId: w.agencies.singkawang, kind: "willingness", note: "" })).toEqual({ ok: false, errors: { kind: "replicationsPublic.errors.notWinner" } });
    await expectStatus(addCommitment(t.db, pnk, s.innovations.H, { agencyId: w.agencies.pontianak, kind: "commitment", note: "" }), 404);
    const ok = await addCommitment(t.db, pnk, s.innovations.A, { agencyId: w.agencies.pontianak, kind: "willingness", note: "Siap mendampingi" });
    expect(ok.ok).toBe(true);
    expect(await addCommitment(t.db, pnk, s.innovations.A, { agencyId: w.agencies.pontianak, kind: "willingness", note: "" })).toEqual({ ok: false, errors: { kind: "replicationsPublic.errors.duplicate" } });
    expect((await listActiveCommitments(t.db, s.innovations.A)).map((c) => [c.agencyName, c.kind])).toEqual([["Pemerintah Kota Pontianak", "willingness"]]);
    expect(await t.db.selectFrom("audit_log").where("action", "=", "willingness.created").select("agency_id").execute()).toEqual([{ agency_id: w.agencies.pontianak }]);
  });

  it("withdraw: allow for the agency (audited, hidden from the page, then recordable again); deny for others", async () => {
    const pnk = await actorOf(t.db, w.users.adminLokal);
    const skw = await actorOf(t.db, w.users.otherAdminLokal);
    const r = await addCommitment(t.db, pnk, s.innovations.B, { agencyId: w.agencies.pontianak, kind: "commitment", note: "" });
    if (!r.ok) throw new Error("setup");
    await expectStatus(withdrawCommitment(t.db, skw, s.innovations.B, w.agencies.pontianak, r.id), 403);
    await expectStatus(withdrawCommitment(t.db, skw, s.innovations.B, w.agencies.singkawang, r.id), 404);
    await expectStatus(withdrawCommitment(t.db, pnk, s.innovations.A, w.agencies.pontianak, r.id), 404);
    expect((await listActiveCommitments(t.db, s.innovations.B)).length).toBe(1);
    expect(await withdrawCommitment(t.db, pnk, s.innovations.B, w.agencies.pontianak, r.id)).toEqual({ ok: true, id: r.id });
    expect(await listActiveCommitments(t.db, s.innovations.B)).toEqual([]);
    expect(await withdrawCommitment(t.db, pnk, s.innovations.B, w.agencies.pontianak, r.id)).toEqual({ ok: false, errors: { _form: "replicationsPublic.errors.alreadyWithdrawn" } });
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "commitment.withdrawn").select(["entity_id", "agency_id", "actor_user_id"]).execute();
    expect(audit).toEqual([{ entity_id: r.id, agency_id: w.agencies.pontianak, actor_user_id: w.users.adminLokal }]);
    expect((await addCommitment(t.db, pnk, s.innovations.B, { agencyId: w.agencies.pontianak, kind: "commitment", note: "" })).ok).toBe(true);
  });

  it("commitmentOptions: what the page offers to whom", async () => {
    const pnk = await actorOf(t.db, w.users.adminLokal);
    const inn = await actorOf(t.db, w.users.innovator);
    expect(commitmentOptions(null, { agencyId: w.agencies.pontianak, stage: "winner" })).toEqual([]);
    expect(commitmentOptions(inn, { agencyId: w.agencies.singkawang, stage: "winner" })).toEqual([]);
    expect(commitmentOptions(pnk, { agencyId: w.agencies.pontianak, stage: "winner" })).toEqual([
      { agencyId: w.agencies.pontianak, own: true, canCommit: false, canOfferWillingness: true, canReplicate: false },
    ]);
    expect(commitmentOptions(pnk, { agencyId: w.agencies.singkawang, stage: "finalist" })).toEqual([
      { agencyId: w.agencies.pontianak, own: false, canCommit: true, canOfferWillingness: false, canReplicate: true },
    ]);
  });
});
