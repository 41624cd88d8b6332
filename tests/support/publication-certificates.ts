/**
 * Certificate fixtures: an edition with winners and a winners announcement
 * inserted directly (tiers, winners, announcements and their entry
 * snapshots), so the certificates service is tested without the
 * announcements and awards services.
 *
 * `buildCertificateWorld` gives KIPP 2025 (PANRB) with three proposals
 * (two of Kota Pontianak, one of Kota Singkawang), two tiers, and Sivablik
 * 2025 (Kalbar) with one proposal of Pontianak, its own tier and a PUBLISHED
 * winners announcement with an issued certificate: data of another
 * organizer that could leak.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { buildEdition } from "./edition";
import { buildWorld, type World } from "./factories";
import { buildScreenedProposals, type BuiltProposal } from "./jury";

export interface TierSpec {
  key: string;
  nameId: string;
  nameEn: string;
  position: number;
  size?: number;
}

export async function buildTier(db: DB, competitionId: string, t: TierSpec): Promise<string> {
  const id = newId();
  await db
    .insertInto("award_tiers")
    .values({
      id,
      competition_id: competitionId,
      key: t.key,
      name_id: t.nameId,
      name_en: t.nameEn,
      size: t.size ?? 10,
      group_id: null,
      round_id: null,
      position: t.position,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export interface EntrySpec {
  proposal: BuiltProposal;
  tierId: string;
  /** Title as announced (default: the proposal's title). */
  title?: string;
}

let announcementSeq = 0;

/**
 * A winners announcement with its entry snapshot (label = the tier's name).
 * `status` default published; `supersedes` marks that one superseded by this one.
 */
export async function buildWinnersAnnouncement(
  db: DB,
  competitionId: string,
  entries: EntrySpec[],
  opts: { status?: "draft" | "scheduled" | "published"; supersedes?: string; publishedAt?: string } = {},
): Promise<string> {
  const id = newId();
  const status = opts.status ?? "published";
  const at = opts.publishedAt ?? new Date().toISOString();
  announcementSeq += 1;
  const published = status === "published";
  await db
    .insertInto("announcements")
    .values({
      id,
      competition_id: competitionId,
      kind: "winners",
      round_id: null,
      seq: status === "draft" ? null : announcementSeq,
      number: status === "draft" ? null : `B/${announcementSeq}/PP.00.05/2025`,
      title: opts.supersedes ? "Ralat Penetapan Pemenang" : "Penetapan Pemenang",
      body_md: "",
      status,
      publish_at: status === "scheduled" ? new Date(Date.now() + 86_400_000).toISOString() : null,
      published_at: published ? at : null,
      published_by: null,
      objection_days: null,
      objection_ends_at: null,
      supersedes_id: opts.supersedes ?? null,
      superseded_by_id: null,
      superseded_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (opts.supersedes && published) {
    await db.updateTable("announcements").set({ superseded_by_id: id, superseded_at: at }).where("id", "=", opts.supersedes).execute();
  }
  let position = 0;
  for (const e of entries) {
    position += 1;
    const p = await db
      .selectFrom("proposals")
      .innerJoin("agencies", "agencies.id", "proposals.agency_id")
      .select(["proposals.title", "proposals.number", "agencies.name as agency_name", "agencies.cluster"])
      .where("proposals.id", "=", e.proposal.id)
      .executeTakeFirstOrThrow();
    const tier = await db.selectFrom("award_tiers").select(["name_id", "name_en"]).where("id", "=", e.tierId).executeTakeFirstOrThrow();
    await db
      .insertInto("announcement_entries")
      .values({
        announcement_id: id,
        proposal_id: e.proposal.id,
        position,
        rank: position,
        score: 90 - position,
        proposal_number: p.number,
        title: e.title ?? p.title,
        agency_id: e.proposal.agencyId,
        agency_name: p.agency_name,
        cluster: p.cluster,
        tier_id: e.tierId,
        label_id: tier.name_id,
        label_en: tier.name_en,
      })
      .execute();
  }
  return id;
}

export async function setSignatory(db: DB, competitionId: string, name = "Abdullah Azwar Anas", title = "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", place = "Jakarta") {
  await db
    .updateTable("competitions")
    .set({ certificate_signatory_name: name, certificate_signatory_title: title, certificate_place: place })
    .where("id", "=", competitionId)
    .execute();
}

export async function buildCertificateWorld(db: DB) {
  const world: World = await buildWorld(db);
  const { pontianak, singkawang } = world.agencies;
  const kipp = await buildEdition(db, world.competitions.kipp, { numberPrefix: "KIPP2025" });
  const [p1, p2, p3] = await buildScreenedProposals(db, kipp, [
    { agencyId: pontianak, title: "Layanan Kesehatan Keliling Sungai Kapuas" },
    { agencyId: pontianak, title: "Pontianak Smart Service" },
    { agencyId: singkawang, title: "Singkawang Ramah Investasi" },
  ]);
  const top45 = await buildTier(db, kipp.competitionId, { key: "top45", nameId: "Top 45 Inovasi Pelayanan Publik Terpuji", nameEn: "Top 45 Commendable Public Service Innovations", position: 1, size: 45 });
  const outstanding = await buildTier(db, kipp.competitionId, { key: "outstanding", nameId: "Outstanding Achievement", nameEn: "Outstanding Achievement", position: 2, size: 5 });

  // Another organizer's edition, published and certified: must never show in KIPP's lists or to KIPP's staff.
  const siv = await buildEdition(db, world.competitions.sivablik, { numberPrefix: "SIV2025" });
  const [s1] = await buildScreenedProposals(db, siv, [{ agencyId: pontianak, title: "Sivablik Pontianak Cepat" }]);
  const juara1 = await buildTier(db, siv.competitionId, { key: "juara1", nameId: "Juara I", nameEn: "First Prize", position: 1, size: 1 });
  const sivAnnouncement = await buildWinnersAnnouncement(db, siv.competitionId, [{ proposal: s1, tierId: juara1 }]);
  await setSignatory(db, siv.competitionId, "Ria Norsan", "Gubernur Kalimantan Barat", "Pontianak");

  return {
    world,
    kipp: { edition: kipp, proposals: { p1, p2, p3 }, tiers: { top45, outstanding } },
    sivablik: { edition: siv, proposal: s1, tier: juara1, announcementId: sivAnnouncement },
  };
}
