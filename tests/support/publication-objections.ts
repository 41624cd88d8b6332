/**
 * Test data for objections (H2): a KIPP edition with screened proposals of
 * two agencies, published announcements inserted directly (screening,
 * finalists of a decided round, winners) with their objection windows, and
 * a provincial edition holding data that could leak.
 *
 * The clock: announcements are published 2025-08-01 10:00 WIB with a 5-day
 * window, so the window ends 2025-08-06 23:59 WIB (16:59 UTC) and
 * 2025-08-07 00:00 WIB (17:00 UTC) is late.
 */
import type { DB } from "~/db.server";
import { objectionWindowEnd } from "~/domain/announcements";
import { newId } from "~/lib/ids.server";
import { buildEdition, type BuiltEdition } from "./edition";
import { actorOf, buildWorld, type World } from "./factories";
import { buildRound, buildScreenedProposals, type BuiltProposal } from "./jury";

export const PUBLISHED_AT = "2025-08-01T03:00:00.000Z";
/** Inside the window. */
export const DURING = new Date("2025-08-03T05:00:00.000Z");
/** 23:59:59 WIB on the last day: still inside. */
export const LAST_SECOND = new Date("2025-08-06T16:59:59.000Z");
/** 00:00 WIB after the last day: late. */
export const MIDNIGHT_AFTER = new Date("2025-08-06T17:00:00.000Z");

export interface AnnouncementSpec {
  competitionId: string;
  kind: "screening" | "finalists" | "winners";
  roundId?: string | null;
  number: string;
  title?: string;
  status?: "draft" | "scheduled" | "published";
  publishedAt?: string;
  /** null = no objection window. */
  objectionDays?: number | null;
  proposalIds: string[];
}

/** A published (or other status) announcement with its entry snapshot, inserted directly. */
export async function insertAnnouncement(db: DB, s: AnnouncementSpec): Promise<string> {
  const id = newId();
  const status = s.status ?? "published";
  const publishedAt = status === "published" ? (s.publishedAt ?? PUBLISHED_AT) : null;
  const days = s.objectionDays === undefined ? 5 : s.objectionDays;
  await db
    .insertInto("announcements")
    .values({
      id,
      competition_id: s.competitionId,
      kind: s.kind,
      round_id: s.roundId ?? null,
      seq: status === "draft" ? null : 1,
      number: status === "draft" ? null : s.number,
      title: s.title ?? `Pengumuman ${s.kind}`,
      body_md: "Dengan hormat,",
      status,
      publish_at: null,
      published_at: publishedAt,
      published_by: null,
      objection_days: days,
      objection_ends_at: publishedAt && days ? objectionWindowEnd(publishedAt, days) : null,
      supersedes_id: null,
      superseded_by_id: null,
      superseded_at: null,
      created_by: null,
      created_at: PUBLISHED_AT,
      updated_at: PUBLISHED_AT,
    })
    .execute();
  let position = 0;
  for (const proposalId of s.proposalIds) {
    const p = await db
      .selectFrom("proposals")
      .innerJoin("agencies", "agencies.id", "proposals.agency_id")
      .select(["proposals.number", "proposals.title", "proposals.agency_id", "agencies.name", "agencies.cluster"])
      .where("proposals.id", "=", proposalId)
      .executeTakeFirstOrThrow();
    position += 1;
    await db
      .insertInto("announcement_entries")
      .values({
        announcement_id: id,
        proposal_id: proposalId,
        position,
        rank: s.kind === "screening" ? null : position,
        score: null,
        proposal_number: p.number,
        title: p.title,
        agency_id: p.agency_id,
        agency_name: p.name,
        cluster: p.cluster,
        tier_id: null,
      })
      .execute();
  }
  return id;
}

/**
 * A decided desk round (position 1) whose entries follow `decisions` in
 * order (rank 1, 2, …), and a next round (position 2, status `nextStatus`)
 * holding the advancing proposals as entrants.
 */
export async function buildDecidedRound(
  db: DB,
  competitionId: string,
  decisions: { proposalId: string; decision: "advance" | "stop" }[],
  nextStatus: "draft" | "open" = "draft",
): Promise<{ roundId: string; nextRoundId: string }> {
  const roundId = await buildRound(db, { competitionId, position: 1, name: "Penilaian proposal" });
  const nextRoundId = await buildRound(db, { competitionId, position: 2, name: "Presentasi dan wawancara", kind: "presentation", poolRole: "panelist" });
  await db.updateTable("rounds").set({ status: "decided", decided_at: PUBLISHED_AT }).where("id", "=", roundId).execute();
  await db.updateTable("rounds").set({ status: nextStatus }).where("id", "=", nextRoundId).execute();
  await db
    .insertInto("round_decisions")
    .values({ round_id: roundId, method: "mean", rule_json: "{}", tiebreak_json: "[]", inputs_hash: "test", decided_by: null, decided_at: PUBLISHED_AT })
    .execute();
  let rank = 0;
  for (const d of decisions) {
    rank += 1;
    await db
      .insertInto("round_decision_entries")
      .values({ round_id: roundId, proposal_id: d.proposalId, rank, score: 90 - rank, decision: d.decision, override_reason: null })
      .execute();
    if (d.decision === "advance") await db.insertInto("round_entrants").values({ round_id: nextRoundId, proposal_id: d.proposalId }).execute();
  }
  return { roundId, nextRoundId };
}

export interface ObjectionScene {
  world: World;
  edition: BuiltEdition;
  /** Pontianak: p1 lolos (listed), p2 tidak lolos (not listed). Singkawang: s1 lolos (listed), s2 tidak lolos. */
  proposals: { p1: BuiltProposal; p2: BuiltProposal; s1: BuiltProposal; s2: BuiltProposal };
  /** The KIPP screening announcement (window open DURING). */
  screeningId: string;
  /** Sivablik (other organizer): a proposal of Pontianak and a published screening announcement with an open window. */
  sivablik: { edition: BuiltEdition; proposal: BuiltProposal; announcementId: string };
  actors: Awaited<ReturnType<typeof actorsOf>>;
}

async function actorsOf(db: DB, w: World) {
  const u = w.users;
  return {
    panrbAdmin: await actorOf(db, u.panrbAdmin),
    kalbarAdmin: await actorOf(db, u.kalbarAdmin),
    adminLokal: await actorOf(db, u.adminLokal),
    innovator: await actorOf(db, u.innovator),
    otherAdminLokal: await actorOf(db, u.otherAdminLokal),
    otherInnovator: await actorOf(db, u.otherInnovator),
    evaluator: await actorOf(db, u.evaluator),
    nobody: await actorOf(db, u.nobody),
  };
}

export async function buildObjectionScene(db: DB): Promise<ObjectionScene> {
  const world = await buildWorld(db);
  const { pontianak, singkawang } = world.agencies;
  const edition = await buildEdition(db, world.competitions.kipp, { now: new Date("2025-05-01T00:00:00Z") });
  const [p1, p2, s1, s2] = await buildScreenedProposals(db, edition, [
    { agencyId: pontianak, title: "Layanan Kependudukan Keliling" },
    { agencyId: pontianak, title: "Posyandu Digital Khatulistiwa", result: "tidak_lolos" },
    { agencyId: singkawang, title: "Pasar Rakyat Daring Singkawang" },
    { agencyId: singkawang, title: "Sekolah Ramah Anak", result: "tidak_lolos" },
  ]);
  const screeningId = await insertAnnouncement(db, {
    competitionId: edition.competitionId,
    kind: "screening",
    number: "B/1/PP.00.05/2025",
    title: "Hasil Seleksi Administrasi KIPP 2025",
    proposalIds: [p1.id, s1.id],
  });

  const sivEdition = await buildEdition(db, world.competitions.sivablik, { now: new Date("2025-05-01T00:00:00Z") });
  const [sivProposal] = await buildScreenedProposals(db, sivEdition, [{ agencyId: pontianak, title: "Rahasia Sivablik" }]);
  const sivAnnouncement = await insertAnnouncement(db, {
    competitionId: sivEdition.competitionId,
    kind: "screening",
    number: "SIV/1/2025",
    title: "Hasil Seleksi Sivablik 2025",
    proposalIds: [sivProposal.id],
  });
  return {
    world,
    edition,
    proposals: { p1, p2, s1, s2 },
    screeningId,
    sivablik: { edition: sivEdition, proposal: sivProposal, announcementId: sivAnnouncement },
    actors: await actorsOf(db, world),
  };
}

/** A browser-like filing: fields first, then each file as a "files" part. */
export function filingRequest(
  agencyId: string,
  announcementId: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type?: string }[] = [],
): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (files.length === 0) form.append("files", new File([], "", { type: "application/octet-stream" }));
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/pdf" }));
  return new Request(`http://localhost/agency/${agencyId}/objections?announcement=${announcementId}`, { method: "POST", body: form });
}

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
export const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
export const REASONS = "Proposal kami memenuhi seluruh persyaratan administrasi; lampiran SK inovator sudah diunggah tepat waktu.";
