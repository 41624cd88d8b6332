/**
 * Edition settings for tests, inserted directly (the settings editor is not
 * needed to test drafting, screening or import). `buildEdition` gives a
 * competition two groups with their forms, two categories, a number prefix
 * and a registration window (the "pendaftaran" stage) relative to `now`.
 *
 *   Umum       sections ringkasan (200, required), ide (600, required),
 *              signifikansi (600, optional); slots sk_inovator (pdf, 5 MB,
 *              required), dokumen_pendukung (pdf/jpeg/png, 20 MB, optional);
 *              min age 24 months; quota 2 per agency.
 *   Replikasi  requires sources; sections ringkasan (200, required),
 *              proses_replikasi (600, required); slot sk_inovator (required);
 *              min age 12 months; quota 1 per agency.
 *   Categories transformasi_digital, pelayanan_kesehatan.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";

export interface BuildEditionOptions {
  /** The clock the window is relative to (default: the real time). */
  now?: Date;
  /** Explicit window (UTC ISO); overrides the window relative to `now`. */
  registration?: { startsAt: string | null; endsAt: string | null };
  /** Days before `now` the window opened (default 30). */
  openedDaysAgo?: number;
  /** Days after `now` the window closes (default 30). Negative = already closed. */
  closesInDays?: number;
  /** Default: the competition's name without spaces, e.g. "KIPP2025". */
  numberPrefix?: string;
  /** competitions.allowed_clusters (default: every cluster). */
  allowedClusters?: string[];
  /** competitions.eligible_province_code (default: unchanged). */
  eligibleProvinceCode?: string | null;
}

export interface BuiltEdition {
  competitionId: string;
  numberPrefix: string;
  registration: { startsAt: string | null; endsAt: string | null };
  groups: { umum: string; replikasi: string };
  categories: { digital: string; kesehatan: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function buildEdition(db: DB, competitionId: string, opts: BuildEditionOptions = {}): Promise<BuiltEdition> {
  const now = opts.now ?? new Date();
  const registration = opts.registration ?? {
    startsAt: new Date(now.getTime() - (opts.openedDaysAgo ?? 30) * DAY_MS).toISOString(),
    endsAt: new Date(now.getTime() + (opts.closesInDays ?? 30) * DAY_MS).toISOString(),
  };
  const comp = await db.selectFrom("competitions").select(["name"]).where("id", "=", competitionId).executeTakeFirstOrThrow();
  const numberPrefix = opts.numberPrefix ?? comp.name.replace(/\s+/g, "");

  await db
    .updateTable("competitions")
    .set({
      number_prefix: numberPrefix,
      ...(opts.allowedClusters ? { allowed_clusters: JSON.stringify(opts.allowedClusters) } : {}),
      ...(opts.eligibleProvinceCode !== undefined ? { eligible_province_code: opts.eligibleProvinceCode } : {}),
    })
    .where("id", "=", competitionId)
    .execute();
  await db.deleteFrom("competition_stages").where("competition_id", "=", competitionId).where("stage", "=", "pendaftaran").execute();
  await db
    .insertInto("competition_stages")
    .values({ competition_id: competitionId, stage: "pendaftaran", starts_at: registration.startsAt, ends_at: registration.endsAt })
    .execute();

  const umum = newId();
  const replikasi = newId();
  await db
    .insertInto("competition_groups")
    .values([
      {
        id: umum,
        competition_id: competitionId,
        key: "umum",
        name_id: "Kelompok Umum",
        name_en: "General group",
        description_id: "Inovasi baru dari instansi.",
        description_en: "New innovations from agencies.",
        min_age_months: 24,
        quota_per_agency: 2,
        requires_sources: 0,
        video_required: 0,
        position: 1,
      },
      {
        id: replikasi,
        competition_id: competitionId,
        key: "replikasi",
        name_id: "Kelompok Replikasi",
        name_en: "Replication group",
        description_id: "Adaptasi inovasi terbaik sebelumnya.",
        description_en: "Adapting earlier top innovations.",
        min_age_months: 12,
        quota_per_agency: 1,
        requires_sources: 1,
        video_required: 0,
        position: 2,
      },
    ])
    .execute();

  await db
    .insertInto("group_sections")
    .values([
      section(umum, "ringkasan", "Ringkasan", "Summary", "Jelaskan inovasi secara singkat.", "Describe the innovation briefly.", 200, true, 1),
      section(umum, "ide", "Ide Inovatif", "Innovative idea", "Apa yang baru dari inovasi ini?", "What is new about this innovation?", 600, true, 2),
      section(umum, "signifikansi", "Signifikansi", "Significance", "Dampak bagi masyarakat.", "Impact on the public.", 600, false, 3),
      section(replikasi, "ringkasan", "Ringkasan", "Summary", "Jelaskan inovasi secara singkat.", "Describe the innovation briefly.", 200, true, 1),
      section(replikasi, "proses_replikasi", "Proses Replikasi", "Replication process", "Bagaimana inovasi direplikasi?", "How was it replicated?", 600, true, 2),
    ])
    .execute();

  await db
    .insertInto("group_attachment_slots")
    .values([
      slot(umum, "sk_inovator", "SK Inovator", "Innovator decree", "pdf", 5, true, 1),
      slot(umum, "dokumen_pendukung", "Dokumen pendukung", "Supporting documents", "pdf,jpeg,png", 20, false, 2),
      slot(replikasi, "sk_inovator", "SK Inovator", "Innovator decree", "pdf", 5, true, 1),
    ])
    .execute();

  const digital = newId();
  const kesehatan = newId();
  await db
    .insertInto("competition_categories")
    .values([
      { id: digital, competition_id: competitionId, key: "transformasi_digital", name_id: "Transformasi Digital", name_en: "Digital Transformation", position: 1 },
      { id: kesehatan, competition_id: competitionId, key: "pelayanan_kesehatan", name_id: "Pelayanan Kesehatan", name_en: "Health Services", position: 2 },
    ])
    .execute();

  return { competitionId, numberPrefix, registration, groups: { umum, replikasi }, categories: { digital, kesehatan } };
}

function section(
  groupId: string,
  key: string,
  titleId: string,
  titleEn: string,
  guidanceId: string,
  guidanceEn: string,
  wordLimit: number | null,
  required: boolean,
  position: number,
) {
  return {
    id: newId(),
    group_id: groupId,
    key,
    title_id: titleId,
    title_en: titleEn,
    guidance_id: guidanceId,
    guidance_en: guidanceEn,
    word_limit: wordLimit,
    required: required ? 1 : 0,
    position,
  };
}

function slot(groupId: string, key: string, labelId: string, labelEn: string, types: string, maxMb: number, required: boolean, position: number) {
  return {
    id: newId(),
    group_id: groupId,
    key,
    label_id: labelId,
    label_en: labelEn,
    accepted_types: types,
    max_size_mb: maxMb,
    required: required ? 1 : 0,
    position,
  };
}
