/**
 * Test builders for the public site (helper H5): catalogue rows and
 * announcements (with their entry snapshots) inserted directly, in any
 * status, so tests can put unpublished data next to published data and check
 * that only the published data ever comes out.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import { buildEdition } from "./edition";
import { agencyId, buildWorld, type World } from "./factories";
import { buildScreenedProposals, type BuiltProposal } from "./jury";

export interface InnovationSpec {
  title: string;
  summary?: string;
  agencyName?: string;
  agencyId?: string | null;
  cluster?: string;
  provinceCode?: string | null;
  regionName?: string;
  year?: number;
  competitionId?: string | null;
  proposalId?: string | null;
  editionName?: string;
  categoryKey?: string;
  categoryNameId?: string;
  categoryNameEn?: string;
  stage?: "participant" | "finalist" | "winner";
  awardTierId?: string | null;
  awardNameId?: string;
  awardNameEn?: string;
  visible?: 0 | 1;
}

/** One catalogue row; returns its id. */
export async function insertInnovation(db: DB, s: InnovationSpec): Promise<string> {
  const id = newId();
  const at = "2025-11-10T03:00:00.000Z";
  await db
    .insertInto("innovations")
    .values({
      id,
      proposal_id: s.proposalId ?? null,
      competition_id: s.competitionId ?? null,
      organizer_id: null,
      title: s.title,
      summary: s.summary ?? "",
      agency_id: s.agencyId ?? null,
      agency_name: s.agencyName ?? "Pemerintah Kota Pontianak",
      cluster: s.cluster ?? "kota",
      province_code: s.provinceCode === undefined ? "61" : s.provinceCode,
      regency_code: null,
      region_name: s.regionName ?? "Kota Pontianak, Kalimantan Barat",
      year: s.year ?? 2025,
      edition_name: s.editionName ?? `KIPP ${s.year ?? 2025}`,
      group_key: "umum",
      category_key: s.categoryKey ?? "transformasi_digital",
      category_name_id: s.categoryNameId ?? "Transformasi Digital",
      category_name_en: s.categoryNameEn ?? "Digital transformation",
      stage: s.stage ?? "finalist",
      award_tier_id: s.awardTierId ?? null,
      award_name_id: s.awardNameId ?? "",
      award_name_en: s.awardNameEn ?? "",
      visible: s.visible ?? 1,
      published_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export interface AnnouncementEntrySpec {
  proposalId: string;
  number: string;
  title: string;
  agencyId: string;
  agencyName: string;
  cluster: string;
  regionName?: string;
  tierId?: string | null;
  labelId?: string;
  labelEn?: string;
  rank?: number | null;
  score?: number | null;
}

export interface AnnouncementSpec {
  competitionId: string;
  kind: "screening" | "finalists" | "winners";
  status: "draft" | "scheduled" | "published";
  title: string;
  number?: string | null;
  bodyMd?: string;
  roundId?: string | null;
  publishAt?: string | null;
  publishedAt?: string | null;
  objectionEndsAt?: string | null;
  supersedesId?: string | null;
  entries?: AnnouncementEntrySpec[];
}

/** One announcement with its entries; returns its id. */
export async function insertAnnouncement(db: DB, s: AnnouncementSpec): Promise<string> {
  const id = newId();
  const at = s.publishedAt ?? "2025-11-01T03:00:00.000Z";
  await db
    .insertInto("announcements")
    .values({
      id,
      competition_id: s.competitionId,
      kind: s.kind,
      round_id: s.roundId ?? null,
      seq: s.number ? 1 : null,
      number: s.number ?? null,
      title: s.title,
      body_md: s.bodyMd ?? "",
      status: s.status,
      publish_at: s.publishAt ?? null,
      published_at: s.status === "published" ? at : null,
      published_by: null,
      objection_days: s.objectionEndsAt ? 5 : null,
      objection_ends_at: s.objectionEndsAt ?? null,
      supersedes_id: s.supersedesId ?? null,
      superseded_by_id: null,
      superseded_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (s.supersedesId && s.status === "published") {
    await db
      .updateTable("announcements")
      .set({ superseded_by_id: id, superseded_at: at })
      .where("id", "=", s.supersedesId)
      .execute();
  }
  const entries = s.entries ?? [];
  if (entries.length > 0) {
    await db
      .insertInto("announcement_entries")
      .values(
        entries.map((e, i) => ({
          announcement_id: id,
          proposal_id: e.proposalId,
          position: i + 1,
          rank: e.rank ?? i + 1,
          score: e.score ?? null,
          proposal_number: e.number,
          title: e.title,
          agency_id: e.agencyId,
          agency_name: e.agencyName,
          cluster: e.cluster,
          region_name: e.regionName ?? "",
          group_key: "umum",
          category_name_id: "Transformasi Digital",
          category_name_en: "Digital transformation",
          tier_id: e.tierId ?? null,
          label_id: e.labelId ?? "",
          label_en: e.labelEn ?? "",
        })),
      )
      .execute();
  }
  return id;
}

/** An award tier row (for the award filter by tier key). */
export async function insertTier(db: DB, competitionId: string, key: string, nameId: string, nameEn: string, position = 1): Promise<string> {
  const id = newId();
  await db
    .insertInto("award_tiers")
    .values({ id, competition_id: competitionId, key, name_id: nameId, name_en: nameEn, size: 45, group_id: null, round_id: null, position, created_at: "2025-11-01T03:00:00.000Z" })
    .execute();
  return id;
}

export const PONTIANAK = agencyId("KOTA-61.71");
export const SINGKAWANG = agencyId("KOTA-61.72");

export interface PublicScenario {
  w: World;
  p: BuiltProposal[];
  sp: BuiltProposal[];
  a: { finalists: string; winnersOld: string; winnersNew: string; draft: string; scheduled: string; sivablikDraft: string };
  i: { p1: string; p2: string; p3hidden: string };
}

const entry = (p: BuiltProposal, title: string, extra: Record<string, unknown> = {}) => ({
  proposalId: p.id,
  number: p.number,
  title,
  agencyId: p.agencyId,
  agencyName: p.agencyId === PONTIANAK ? "Pemerintah Kota Pontianak" : "Pemerintah Kota Singkawang",
  cluster: "kota",
  regionName: "Kalimantan Barat",
  score: 91.5,
  ...extra,
});

/**
 * The leak scenario: KIPP 2025 with a published finalists list, a published
 * winners list superseded by a published correction, a draft and a scheduled
 * (due in 2099) announcement naming "Rahasia Terjadwal", a catalogue row
 * hidden by the organizer; Sivablik 2025 with only a draft list ("Sivablik
 * Rahasia"). Entries carry a score (91.5) that must never be published.
 * Nothing public may contain "Rahasia" or "91.5".
 */
export async function seedPublicScenario(db: DB): Promise<PublicScenario> {
  const w = await buildWorld(db);
  const ed = await buildEdition(db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  const sed = await buildEdition(db, w.competitions.sivablik, { numberPrefix: "SIV2025" });
  const p = await buildScreenedProposals(db, ed, [
    { agencyId: PONTIANAK, title: "Antrean Daring Dukcapil" },
    { agencyId: SINGKAWANG, title: "Posyandu Digital" },
    { agencyId: PONTIANAK, title: "Lapor Jalan Rusak" },
    { agencyId: SINGKAWANG, title: "Rahasia Terjadwal" },
    { agencyId: SINGKAWANG, title: "Masih Draf", status: "draft" },
  ]);
  const sp = await buildScreenedProposals(db, sed, [{ agencyId: PONTIANAK, title: "Sivablik Rahasia" }]);
  const top45 = await insertTier(db, w.competitions.kipp, "top45", "Top 45 Inovasi Pelayanan Publik Terpuji", "Top 45 Commendable Innovations", 1);
  const oa = await insertTier(db, w.competitions.kipp, "outstanding", "Outstanding Achievement", "Outstanding Achievement", 2);
  const kipp = w.competitions.kipp;
  const finalists = await insertAnnouncement(db, {
    competitionId: kipp,
    kind: "finalists",
    status: "published",
    number: "B/1/PP.00.05/2025",
    title: "Finalis KIPP 2025",
    publishedAt: "2025-09-01T03:00:00.000Z",
    entries: [entry(p[0], "Antrean Daring Dukcapil"), entry(p[1], "Posyandu Digital"), entry(p[2], "Lapor Jalan Rusak")],
  });
  const winnersOld = await insertAnnouncement(db, {
    competitionId: kipp,
    kind: "winners",
    status: "published",
    number: "B/2/PP.00.05/2025",
    title: "Pemenang KIPP 2025",
    publishedAt: "2025-10-01T03:00:00.000Z",
    entries: [entry(p[0], "Antrean Daring Dukcapil", { tierId: top45, labelId: "Top 45 Inovasi Pelayanan Publik Terpuji", labelEn: "Top 45 Commendable Innovations" })],
  });
  const winnersNew = await insertAnnouncement(db, {
    competitionId: kipp,
    kind: "winners",
    status: "published",
    number: "B/3/PP.00.05/2025",
    title: "Ralat Pemenang KIPP 2025",
    bodyMd: "Menetapkan **pemenang**.\n\n<script>alert(1)</script>",
    publishedAt: "2025-10-10T03:00:00.000Z",
    supersedesId: winnersOld,
    entries: [
      entry(p[1], "Posyandu Digital", { tierId: top45, labelId: "Top 45 Inovasi Pelayanan Publik Terpuji", labelEn: "Top 45 Commendable Innovations" }),
      entry(p[0], "Antrean Daring Dukcapil", { tierId: top45, labelId: "Top 45 Inovasi Pelayanan Publik Terpuji", labelEn: "Top 45 Commendable Innovations" }),
      entry(p[2], "Lapor Jalan Rusak", { tierId: oa, labelId: "Outstanding Achievement", labelEn: "Outstanding Achievement" }),
    ],
  });
  const draft = await insertAnnouncement(db, {
    competitionId: kipp,
    kind: "screening",
    status: "draft",
    title: "Draf Hasil Seleksi Rahasia",
    entries: [entry(p[3], "Rahasia Terjadwal")],
  });
  const scheduled = await insertAnnouncement(db, {
    competitionId: kipp,
    kind: "finalists",
    status: "scheduled",
    number: "B/4/PP.00.05/2025",
    title: "Finalis Terjadwal Rahasia",
    publishAt: "2099-01-01T00:00:00.000Z",
    entries: [entry(p[3], "Rahasia Terjadwal")],
  });
  const sivablikDraft = await insertAnnouncement(db, {
    competitionId: w.competitions.sivablik,
    kind: "finalists",
    status: "draft",
    title: "Finalis Sivablik Rahasia",
    entries: [entry(sp[0], "Sivablik Rahasia")],
  });
  const i = {
    p1: await insertInnovation(db, { title: "Antrean Daring Dukcapil", competitionId: kipp, proposalId: p[0].id, stage: "winner", awardTierId: top45, awardNameId: "Top 45 Inovasi Pelayanan Publik Terpuji" }),
    p2: await insertInnovation(db, { title: "Posyandu Digital", competitionId: kipp, proposalId: p[1].id, stage: "winner", awardTierId: top45, agencyName: "Pemerintah Kota Singkawang" }),
    p3hidden: await insertInnovation(db, { title: "Lapor Jalan Rusak", competitionId: kipp, proposalId: p[2].id, stage: "winner", visible: 0, year: 2019, categoryKey: "rahasia", categoryNameId: "Kategori Rahasia" }),
  };
  return { w, p, sp, a: { finalists, winnersOld, winnersNew, draft, scheduled, sivablikDraft }, i };
}

