/**
 * Announcement fixtures (helper H1): a decided round and winners inserted
 * directly (ranking, plenary and awards are tested elsewhere), and a scene
 * with two organizers' editions holding data that could leak.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { buildEdition, type BuiltEdition } from "./edition";
import { buildWorld, type World } from "./factories";
import { buildRound, buildScreenedProposals, type BuiltProposal } from "./jury";

export interface DecisionSpec {
  proposalId: string;
  rank: number;
  score: number | null;
  decision: "advance" | "stop" | "override_advance" | "override_stop";
}

/** A round with status decided, its entrants, decision and decision entries. */
export async function buildDecidedRound(
  db: DB,
  competitionId: string,
  entries: DecisionSpec[],
  opts: { name?: string; position?: number; decided?: boolean } = {},
): Promise<string> {
  const roundId = await buildRound(db, { competitionId, name: opts.name ?? "Penilaian proposal", position: opts.position ?? 1 });
  const at = "2025-08-01T03:00:00.000Z";
  // As in the app, a first round has no round_entrants rows (its entrants are the screening's lolos).
  if (entries.length && (opts.position ?? 1) > 1) {
    await db.insertInto("round_entrants").values(entries.map((e) => ({ round_id: roundId, proposal_id: e.proposalId }))).execute();
  }
  if (opts.decided === false) return roundId;
  await db.updateTable("rounds").set({ status: "decided", decided_at: at }).where("id", "=", roundId).execute();
  await db
    .insertInto("round_decisions")
    .values({ round_id: roundId, method: "raw_mean", rule_json: "{}", tiebreak_json: "[]", inputs_hash: "x", decided_by: null, decided_at: at })
    .execute();
  if (entries.length) {
    await db
      .insertInto("round_decision_entries")
      .values(entries.map((e) => ({ round_id: roundId, proposal_id: e.proposalId, rank: e.rank, score: e.score, decision: e.decision, override_reason: null })))
      .execute();
  }
  return roundId;
}

/** Award tiers with their winners (in the order given). */
export async function buildWinners(
  db: DB,
  competitionId: string,
  tiers: { key: string; nameId: string; nameEn: string; position: number; proposalIds: string[] }[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const at = new Date().toISOString();
  for (const t of tiers) {
    const id = newId();
    ids[t.key] = id;
    await db
      .insertInto("award_tiers")
      .values({ id, competition_id: competitionId, key: t.key, name_id: t.nameId, name_en: t.nameEn, size: t.proposalIds.length, group_id: null, round_id: null, position: t.position, created_at: at })
      .execute();
    for (const [i, proposalId] of t.proposalIds.entries()) {
      await db
        .insertInto("winners")
        .values({ id: newId(), competition_id: competitionId, tier_id: id, proposal_id: proposalId, position: i + 1, source: "rule", deviation_reason: null, created_by: null, created_at: at })
        .execute();
    }
  }
  return ids;
}

export interface AnnouncementScene {
  w: World;
  kipp: BuiltEdition;
  sivablik: BuiltEdition;
  /** KIPP: a1, a2 of Pontianak; b1, b2 of Singkawang; x1 of Pontianak (tidak lolos). */
  p: Record<"a1" | "a2" | "b1" | "b2" | "x1", BuiltProposal>;
  /** Sivablik (the other organizer): one lolos proposal of Pontianak. */
  s1: BuiltProposal;
}

/**
 * Two editions of two organizers with submitted, screened proposals (the
 * screening published on both unless `publishScreening` is false).
 */
export async function buildAnnouncementScene(db: DB, opts: { publishScreening?: boolean } = {}): Promise<AnnouncementScene> {
  const w = await buildWorld(db);
  const kipp = await buildEdition(db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  const sivablik = await buildEdition(db, w.competitions.sivablik, { numberPrefix: "SIV2025" });
  const { pontianak, singkawang } = w.agencies;
  const [a1, a2, b1, b2, x1] = await buildScreenedProposals(
    db,
    kipp,
    [
      { agencyId: pontianak, title: "Antrean Daring Dukcapil" },
      { agencyId: pontianak, title: "Posyandu Digital", category: "kesehatan" },
      { agencyId: singkawang, title: "Lapor Jalan Rusak" },
      { agencyId: singkawang, title: "Sekolah Pesisir" },
      { agencyId: pontianak, title: "Tidak Lolos", result: "tidak_lolos" },
    ],
    { publish: opts.publishScreening ?? true },
  );
  const [s1] = await buildScreenedProposals(db, sivablik, [{ agencyId: pontianak, title: "Rahasia Sivablik" }], { publish: opts.publishScreening ?? true });
  return { w, kipp, sivablik, p: { a1, a2, b1, b2, x1 }, s1 };
}
