import type { DB } from "~/db.server";
import type { EditionSettings, FileKind } from "~/domain/edition";
import type { Cluster } from "~/domain/roles";

/** Everything about an edition's rules in four queries; null when the competition does not exist. */
export async function getEditionSettings(db: DB, competitionId: string): Promise<EditionSettings | null> {
  const comp = await db
    .selectFrom("competitions")
    .leftJoin("competition_stages as reg", (j) =>
      j.onRef("reg.competition_id", "=", "competitions.id").on("reg.stage", "=", "pendaftaran"),
    )
    .select([
      "competitions.id",
      "competitions.organizer_id",
      "competitions.slug",
      "competitions.name",
      "competitions.year",
      "competitions.number_prefix",
      "competitions.allowed_clusters",
      "competitions.eligible_province_code",
      "competitions.screening_published_at",
      "reg.starts_at",
      "reg.ends_at",
    ])
    .where("competitions.id", "=", competitionId)
    .executeTakeFirst();
  if (!comp) return null;
  const [groups, sections, slots, categories] = await Promise.all([
    db.selectFrom("competition_groups").selectAll().where("competition_id", "=", competitionId).orderBy("position").orderBy("key").execute(),
    db
      .selectFrom("group_sections")
      .innerJoin("competition_groups as g", "g.id", "group_sections.group_id")
      .selectAll("group_sections")
      .where("g.competition_id", "=", competitionId)
      .orderBy("group_sections.position")
      .orderBy("group_sections.key")
      .execute(),
    db
      .selectFrom("group_attachment_slots")
      .innerJoin("competition_groups as g", "g.id", "group_attachment_slots.group_id")
      .selectAll("group_attachment_slots")
      .where("g.competition_id", "=", competitionId)
      .orderBy("group_attachment_slots.position")
      .orderBy("group_attachment_slots.key")
      .execute(),
    db.selectFrom("competition_categories").selectAll().where("competition_id", "=", competitionId).orderBy("position").orderBy("key").execute(),
  ]);
  return {
    competitionId: comp.id,
    organizerId: comp.organizer_id,
    slug: comp.slug,
    name: comp.name,
    year: comp.year,
    numberPrefix: comp.number_prefix,
    allowedClusters: parseClusters(comp.allowed_clusters),
    eligibleProvinceCode: comp.eligible_province_code,
    registration: { startsAt: comp.starts_at ?? null, endsAt: comp.ends_at ?? null },
    screeningPublishedAt: comp.screening_published_at,
    groups: groups.map((g) => ({
      id: g.id,
      key: g.key,
      nameId: g.name_id,
      nameEn: g.name_en,
      descriptionId: g.description_id,
      descriptionEn: g.description_en,
      minAgeMonths: g.min_age_months,
      quotaPerAgency: g.quota_per_agency,
      requiresSources: g.requires_sources === 1,
      videoRequired: g.video_required === 1,
      position: g.position,
      sections: sections
        .filter((s) => s.group_id === g.id)
        .map((s) => ({
          key: s.key,
          titleId: s.title_id,
          titleEn: s.title_en,
          guidanceId: s.guidance_id,
          guidanceEn: s.guidance_en,
          wordLimit: s.word_limit,
          required: s.required === 1,
          position: s.position,
        })),
      slots: slots
        .filter((s) => s.group_id === g.id)
        .map((s) => ({
          key: s.key,
          labelId: s.label_id,
          labelEn: s.label_en,
          acceptedTypes: s.accepted_types.split(",").map((t) => t.trim()).filter(Boolean) as FileKind[],
          maxSizeMb: s.max_size_mb,
          required: s.required === 1,
          position: s.position,
        })),
    })),
    categories: categories.map((c) => ({ id: c.id, key: c.key, nameId: c.name_id, nameEn: c.name_en, position: c.position })),
  };
}

function parseClusters(json: string): Cluster[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? (v as Cluster[]) : [];
  } catch {
    return [];
  }
}
