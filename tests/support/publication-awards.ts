/**
 * Award fixtures: an edition with screened proposals of several clusters and
 * groups and a DECIDED final round (round_decisions + entries inserted
 * directly, as the plenary's decideRound writes them; how a round gets
 * decided is tested in tests/service/plenary.test.ts).
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { buildEdition, type BuiltEdition } from "./edition";
import { agencyId, buildWorld, type World } from "./factories";
import { buildRound, buildScreenedProposals, type BuiltProposal } from "./jury";

export type Decision = "advance" | "stop" | "override_advance" | "override_stop";

/** Marks a round decided with these entries (rank, decision) in order. */
export async function decideRoundDirectly(
  db: DB,
  roundId: string,
  entries: { proposalId: string; rank: number; decision: Decision; score?: number }[],
): Promise<void> {
  const at = "2025-10-01T03:00:00.000Z";
  await db.updateTable("rounds").set({ status: "decided", decided_at: at, closed_at: at }).where("id", "=", roundId).execute();
  await db
    .insertInto("round_decisions")
    .values({ round_id: roundId, method: "raw_mean", rule_json: "{}", tiebreak_json: "[]", inputs_hash: "test", decided_by: null, decided_at: at })
    .execute();
  if (entries.length === 0) return;
  await db
    .insertInto("round_decision_entries")
    .values(
      entries.map((e) => ({
        round_id: roundId,
        proposal_id: e.proposalId,
        rank: e.rank,
        score: e.score ?? 100 - e.rank,
        decision: e.decision,
        override_reason: e.decision.startsWith("override") ? "Diputuskan pleno." : null,
      })),
    )
    .execute();
}

export interface AwardsFixture {
  w: World;
  kipp: BuiltEdition;
  sivablik: BuiltEdition;
  /** KIPP proposals by name (see below). */
  p: Record<"kota1" | "kab1" | "kem1" | "bumn1" | "prov1" | "rep1" | "rep2" | "kota2" | "stop1" | "notEntered", BuiltProposal>;
  round1: string;
  round2: string;
  /** Sivablik: its own decided round and proposals (data that could leak). */
  siv: { round: string; proposals: BuiltProposal[] };
}

/**
 * KIPP 2025 (organizer PANRB), groups umum and replikasi; round 1 decided,
 * round 2 (final) decided:
 *
 *   rank  proposal    cluster      group      decision (round 2)
 *   1     kota1       kota         umum       advance
 *   2     rep1        kabupaten    replikasi  advance
 *   3     kab1        kabupaten    umum       advance
 *   4     kem1        kementerian  umum       advance
 *   4     bumn1       bumn         umum       advance      (tied with kem1)
 *   6     prov1       provinsi     umum       override_advance
 *   7     rep2        kota         replikasi  advance
 *   8     stop1       kota         umum       stop
 *   —     kota2       kota         umum       only in round 1
 *   —     notEntered  kota         umum       screened, in no round
 *
 * Sivablik 2025 (organizer Kalbar) has a decided round with two proposals.
 */
export async function buildAwardsFixture(db: DB): Promise<AwardsFixture> {
  const w = await buildWorld(db);
  const kipp = await buildEdition(db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  const sivablik = await buildEdition(db, w.competitions.sivablik, { numberPrefix: "SIV2025" });
  const [kota1, rep1, kab1, kem1, bumn1, prov1, rep2, stop1, kota2, notEntered] = await buildScreenedProposals(db, kipp, [
    { agencyId: w.agencies.pontianak, title: "Antrean Daring Dukcapil" },
    { agencyId: agencyId("KAB-61.01"), title: "Replikasi Posyandu Digital Sambas" },
    { agencyId: agencyId("KAB-61.02"), title: "Lapor Jalan Mempawah" },
    { agencyId: agencyId("KEM-001"), title: "Layanan Terpadu Kementerian" },
    { agencyId: agencyId("BUMN-001"), title: "Kantor Pos Keliling" },
    { agencyId: agencyId("PROV-61"), title: "Samsat Keliling Kalbar" },
    { agencyId: w.agencies.singkawang, title: "Replikasi Mal Pelayanan Publik" },
    { agencyId: w.agencies.singkawang, title: "Sekolah Pesisir" },
    { agencyId: w.agencies.pontianak, title: "Perpustakaan Keliling" },
    { agencyId: w.agencies.pontianak, title: "Belum Dinilai" },
  ]);
  await db.updateTable("proposals").set({ group_id: kipp.groups.replikasi }).where("id", "in", [rep1.id, rep2.id]).execute();
  const round1 = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal" });
  const round2 = await buildRound(db, { competitionId: w.competitions.kipp, position: 2, name: "Presentasi dan wawancara", kind: "presentation", poolRole: "panelist" });
  await decideRoundDirectly(db, round1, [
    { proposalId: kab1.id, rank: 1, decision: "advance" },
    { proposalId: kota1.id, rank: 2, decision: "advance" },
    { proposalId: rep1.id, rank: 3, decision: "advance" },
    { proposalId: kem1.id, rank: 4, decision: "advance" },
    { proposalId: bumn1.id, rank: 5, decision: "advance" },
    { proposalId: prov1.id, rank: 6, decision: "advance" },
    { proposalId: rep2.id, rank: 7, decision: "advance" },
    { proposalId: stop1.id, rank: 8, decision: "advance" },
    { proposalId: kota2.id, rank: 9, decision: "stop" },
  ]);
  await decideRoundDirectly(db, round2, [
    { proposalId: kota1.id, rank: 1, decision: "advance" },
    { proposalId: rep1.id, rank: 2, decision: "advance" },
    { proposalId: kab1.id, rank: 3, decision: "advance" },
    { proposalId: kem1.id, rank: 4, decision: "advance" },
    { proposalId: bumn1.id, rank: 4, decision: "advance" },
    { proposalId: prov1.id, rank: 6, decision: "override_advance" },
    { proposalId: rep2.id, rank: 7, decision: "advance" },
    { proposalId: stop1.id, rank: 8, decision: "stop" },
  ]);

  const sivProposals = await buildScreenedProposals(db, sivablik, [
    { agencyId: agencyId("KAB-61.03"), title: "Rahasia Sivablik Sanggau" },
    { agencyId: w.agencies.singkawang, title: "Rahasia Sivablik Singkawang" },
  ]);
  const sivRound = await buildRound(db, { competitionId: w.competitions.sivablik, position: 1, name: "Penilaian Sivablik" });
  await decideRoundDirectly(db, sivRound, [
    { proposalId: sivProposals[0].id, rank: 1, decision: "advance" },
    { proposalId: sivProposals[1].id, rank: 2, decision: "advance" },
  ]);

  return {
    w,
    kipp,
    sivablik,
    p: { kota1, kab1, kem1, bumn1, prov1, rep1, rep2, kota2, stop1, notEntered },
    round1,
    round2,
    siv: { round: sivRound, proposals: sivProposals },
  };
}
