/**
 * Queries of the public site. Everything here is read by people who are not
 * signed in, so the rule is in every query, not in a check around it: an
 * announcement only when status = 'published' (drafts and scheduled ones are
 * never read), its list only through such an announcement (the frozen
 * snapshot, never the live decision tables or `winners`), a catalogue row only
 * when visible = 1. Scores are internal and never selected.
 *
 * List pages run a fixed number of queries whatever the number of editions,
 * announcements or entries.
 */
import { memoPublic } from "~/lib/public-cache.server";
import type { DB } from "~/db.server";
import { STAGES, type Stage } from "~/domain/roles";
import { currentStage } from "~/domain/time";

export interface PublicStage {
  stage: Stage;
  startsAt: string | null;
  endsAt: string | null;
}

export interface PublicEdition {
  id: string;
  slug: string;
  name: string;
  year: number;
  theme: string;
  organizerName: string;
  organizerKind: string;
  timeline: PublicStage[];
  currentStage: Stage | null;
  /** Concluded: its winners are announced, or every dated stage has ended. */
  isPast: boolean;
  hasWinners: boolean;
  announcementCount: number;
}

function buildTimeline(rows: { stage: string; starts_at: string | null; ends_at: string | null }[]): PublicStage[] {
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return STAGES.map((stage) => ({ stage, startsAt: byStage.get(stage)?.starts_at ?? null, endsAt: byStage.get(stage)?.ends_at ?? null }));
}

function isConcluded(timeline: PublicStage[], hasWinners: boolean, now: Date): boolean {
  if (hasWinners) return true;
  const ends = timeline.map((s) => s.endsAt ?? s.startsAt).filter((v): v is string => Boolean(v));
  if (ends.length === 0) return false;
  return ends.every((e) => e < now.toISOString());
}

/** Every edition (current and past) with its timeline and stage: four queries. */
export async function listPublicEditions(db: DB, now: Date = new Date()): Promise<PublicEdition[]> {
  const comps = await db
    .selectFrom("competitions as c")
    .innerJoin("organizers as o", "o.id", "c.organizer_id")
    .select(["c.id", "c.slug", "c.name", "c.year", "c.theme", "o.name as organizer_name", "o.kind as organizer_kind"])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .limit(200)
    .execute();
  if (comps.length === 0) return [];
  const ids = comps.map((c) => c.id);
  const [stages, counts, winners] = await Promise.all([
    db.selectFrom("competition_stages").select(["competition_id", "stage", "starts_at", "ends_at"]).where("competition_id", "in", ids).execute(),
    db
      .selectFrom("announcements")
      .select(["competition_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "=", "published")
      .where("competition_id", "in", ids)
      .groupBy("competition_id")
      .execute(),
    db
      .selectFrom("announcements")
      .select("competition_id")
      .distinct()
      .where("status", "=", "published")
      .where("kind", "=", "winners")
      .where("superseded_by_id", "is", null)
      .where("competition_id", "in", ids)
      .execute(),
  ]);
  const countBy = new Map(counts.map((c) => [c.competition_id, Number(c.n)]));
  const withWinners = new Set(winners.map((w) => w.competition_id));
  return comps.map((c) => {
    const timeline = buildTimeline(stages.filter((s) => s.competition_id === c.id));
    const hasWinners = withWinners.has(c.id);
    return {
      id: c.id,
      slug: c.slug,
      name: c.name,
      year: Number(c.year),
      theme: c.theme,
      organizerName: c.organizer_name,
      organizerKind: c.organizer_kind,
      timeline,
      currentStage: currentStage(timeline, now),
      isPast: isConcluded(timeline, hasWinners, now),
      hasWinners,
      announcementCount: countBy.get(c.id) ?? 0,
    };
  });
}

export interface PublicAnnouncementSummary {
  id: string;
  kind: "screening" | "finalists" | "winners";
  number: string | null;
  title: string;
  publishedAt: string | null;
  objectionEndsAt: string | null;
  supersededById: string | null;
  supersedesId: string | null;
  entryCount: number;
}

export interface PublicEntry {
  position: number;
  proposalNumber: string;
  title: string;
  agencyName: string;
  cluster: string;
  regionName: string;
  groupKey: string;
  categoryNameId: string;
  categoryNameEn: string;
  tierId: string | null;
  labelId: string;
  labelEn: string;
  /** The innovation's public catalogue page, when it has a visible one. */
  innovationId: string | null;
}

/** Published announcements of an edition, newest first, with their entry counts. */
async function publishedAnnouncementsOf(db: DB, competitionId: string): Promise<PublicAnnouncementSummary[]> {
  const rows = await db
    .selectFrom("announcements as a")
    .leftJoin("announcement_entries as e", "e.announcement_id", "a.id")
    .select([
      "a.id",
      "a.kind",
      "a.number",
      "a.title",
      "a.published_at",
      "a.objection_ends_at",
      "a.superseded_by_id",
      "a.supersedes_id",
      (eb) => eb.fn.count<number>("e.proposal_id").as("n"),
    ])
    .where("a.competition_id", "=", competitionId)
    .where("a.status", "=", "published")
    .groupBy(["a.id", "a.kind", "a.number", "a.title", "a.published_at", "a.objection_ends_at", "a.superseded_by_id", "a.supersedes_id", "a.seq"])
    .orderBy("a.published_at", "desc")
    .orderBy("a.seq", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    number: r.number,
    title: r.title,
    publishedAt: r.published_at,
    objectionEndsAt: r.objection_ends_at,
    supersededById: r.superseded_by_id,
    supersedesId: r.supersedes_id,
    entryCount: Number(r.n),
  }));
}

/** The snapshot entries of published announcements, with the visible catalogue page of each. */
async function publishedEntries(db: DB, announcementIds: string[]): Promise<Map<string, PublicEntry[]>> {
  const out = new Map<string, PublicEntry[]>();
  if (announcementIds.length === 0) return out;
  const rows = await db
    .selectFrom("announcement_entries as e")
    .innerJoin("announcements as a", "a.id", "e.announcement_id")
    .leftJoin("innovations as i", (j) => j.onRef("i.proposal_id", "=", "e.proposal_id").on("i.visible", "=", 1))
    .select([
      "e.announcement_id",
      "e.position",
      "e.proposal_number",
      "e.title",
      "e.agency_name",
      "e.cluster",
      "e.region_name",
      "e.group_key",
      "e.category_name_id",
      "e.category_name_en",
      "e.tier_id",
      "e.label_id",
      "e.label_en",
      "i.id as innovation_id",
    ])
    .where("a.status", "=", "published")
    .where("e.announcement_id", "in", announcementIds)
    .orderBy("e.announcement_id")
    .orderBy("e.position")
    .execute();
  for (const r of rows) {
    const list = out.get(r.announcement_id) ?? [];
    list.push({
      position: Number(r.position),
      proposalNumber: r.proposal_number,
      title: r.title,
      agencyName: r.agency_name,
      cluster: r.cluster,
      regionName: r.region_name,
      groupKey: r.group_key,
      categoryNameId: r.category_name_id,
      categoryNameEn: r.category_name_en,
      tierId: r.tier_id,
      labelId: r.label_id,
      labelEn: r.label_en,
      innovationId: r.innovation_id ?? null,
    });
    out.set(r.announcement_id, list);
  }
  return out;
}

async function findEditionRow(db: DB, slug: string) {
  return db
    .selectFrom("competitions as c")
    .innerJoin("organizers as o", "o.id", "c.organizer_id")
    .select(["c.id", "c.slug", "c.name", "c.year", "c.theme", "c.description", "o.name as organizer_name", "o.kind as organizer_kind"])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
}

export interface PublicEditionDetail {
  edition: Omit<PublicEdition, "hasWinners" | "announcementCount" | "isPast"> & { description: string; isPast: boolean };
  announcements: PublicAnnouncementSummary[];
  /** The newest current (not superseded) finalists list, if any. */
  finalists: { announcement: PublicAnnouncementSummary; entries: PublicEntry[] } | null;
  /** The current winners list, if any. */
  winners: { announcement: PublicAnnouncementSummary; entries: PublicEntry[] } | null;
}

/** An edition's public page: null when there is no such edition. */
export async function getPublicEdition(db: DB, slug: string, now: Date = new Date()): Promise<PublicEditionDetail | null> {
  const c = await findEditionRow(db, slug);
  if (!c) return null;
  const [stages, announcements] = await Promise.all([
    db.selectFrom("competition_stages").select(["stage", "starts_at", "ends_at"]).where("competition_id", "=", c.id).execute(),
    publishedAnnouncementsOf(db, c.id),
  ]);
  const current = announcements.filter((a) => !a.supersededById);
  const finalistsA = current.find((a) => a.kind === "finalists") ?? null;
  const winnersA = current.find((a) => a.kind === "winners") ?? null;
  const entries = await publishedEntries(db, [finalistsA?.id, winnersA?.id].filter((v): v is string => Boolean(v)));
  const timeline = buildTimeline(stages);
  return {
    edition: {
      id: c.id,
      slug: c.slug,
      name: c.name,
      year: Number(c.year),
      theme: c.theme,
      description: c.description,
      organizerName: c.organizer_name,
      organizerKind: c.organizer_kind,
      timeline,
      currentStage: currentStage(timeline, now),
      isPast: isConcluded(timeline, Boolean(winnersA), now),
    },
    announcements,
    finalists: finalistsA ? { announcement: finalistsA, entries: entries.get(finalistsA.id) ?? [] } : null,
    winners: winnersA ? { announcement: winnersA, entries: entries.get(winnersA.id) ?? [] } : null,
  };
}

export interface PublicWinnerTier {
  tierId: string | null;
  nameId: string;
  nameEn: string;
  entries: PublicEntry[];
}

/** The winners page of an edition: its current winners list by tier (in list order); null when no such edition. */
export async function getPublicWinners(db: DB, slug: string) {
  const c = await findEditionRow(db, slug);
  if (!c) return null;
  const announcements = await publishedAnnouncementsOf(db, c.id);
  const current = announcements.find((a) => a.kind === "winners" && !a.supersededById) ?? null;
  const earlier = announcements.filter((a) => a.kind === "winners" && a.supersededById);
  const entries = current ? ((await publishedEntries(db, [current.id])).get(current.id) ?? []) : [];
  const tiers: PublicWinnerTier[] = [];
  for (const e of entries) {
    const key = e.tierId ?? `label:${e.labelId}`;
    let tier = tiers.find((t) => (t.tierId ?? `label:${t.nameId}`) === key);
    if (!tier) {
      tier = { tierId: e.tierId, nameId: e.labelId, nameEn: e.labelEn, entries: [] };
      tiers.push(tier);
    }
    tier.entries.push(e);
  }
  return {
    edition: { id: c.id, slug: c.slug, name: c.name, year: Number(c.year), organizerName: c.organizer_name, organizerKind: c.organizer_kind },
    announcement: current,
    earlier,
    tiers,
    clusters: entries.map((e) => e.cluster),
  };
}

export interface PublicAnnouncement {
  id: string;
  kind: "screening" | "finalists" | "winners";
  number: string | null;
  title: string;
  bodyMd: string;
  publishedAt: string | null;
  objectionEndsAt: string | null;
  supersededAt: string | null;
  edition: { slug: string; name: string; year: number; organizerName: string };
  supersededBy: { id: string; number: string | null; title: string } | null;
  supersedes: { id: string; number: string | null; title: string } | null;
  entries: PublicEntry[];
}

/** A published announcement with its list; null for an unknown, draft or scheduled one. */
export async function getPublicAnnouncement(db: DB, id: string): Promise<PublicAnnouncement | null> {
  const a = await db
    .selectFrom("announcements as a")
    .innerJoin("competitions as c", "c.id", "a.competition_id")
    .innerJoin("organizers as o", "o.id", "c.organizer_id")
    .select([
      "a.id",
      "a.kind",
      "a.number",
      "a.title",
      "a.body_md",
      "a.published_at",
      "a.objection_ends_at",
      "a.superseded_by_id",
      "a.superseded_at",
      "a.supersedes_id",
      "c.slug",
      "c.name",
      "c.year",
      "o.name as organizer_name",
    ])
    .where("a.id", "=", id)
    .where("a.status", "=", "published")
    .executeTakeFirst();
  if (!a) return null;
  const linkedIds = [a.superseded_by_id, a.supersedes_id].filter((v): v is string => Boolean(v));
  const [linked, entries] = await Promise.all([
    linkedIds.length
      ? db.selectFrom("announcements").select(["id", "number", "title"]).where("id", "in", linkedIds).where("status", "=", "published").execute()
      : Promise.resolve([]),
    publishedEntries(db, [a.id]),
  ]);
  const pick = (lid: string | null) => {
    const l = lid ? linked.find((x) => x.id === lid) : undefined;
    return l ? { id: l.id, number: l.number, title: l.title } : null;
  };
  return {
    id: a.id,
    kind: a.kind,
    number: a.number,
    title: a.title,
    bodyMd: a.body_md,
    publishedAt: a.published_at,
    objectionEndsAt: a.objection_ends_at,
    supersededAt: a.superseded_by_id ? a.superseded_at : null,
    edition: { slug: a.slug, name: a.name, year: Number(a.year), organizerName: a.organizer_name },
    supersededBy: pick(a.superseded_by_id),
    supersedes: pick(a.supersedes_id),
    entries: entries.get(a.id) ?? [],
  };
}

export interface PublicInnovation {
  id: string;
  title: string;
  summary: string;
  agencyName: string;
  cluster: string;
  regionName: string;
  provinceCode: string | null;
  year: number;
  editionName: string;
  editionSlug: string | null;
  groupKey: string;
  categoryNameId: string;
  categoryNameEn: string;
  stage: string;
  awardNameId: string;
  awardNameEn: string;
  publishedAt: string;
  /** Published announcements that list it (newest first). */
  listedIn: { id: string; kind: string; number: string | null; title: string; publishedAt: string | null; superseded: boolean; labelId: string; labelEn: string }[];
}

/** A visible catalogue row with the published announcements that list it; null otherwise. */
export async function getPublicInnovation(db: DB, id: string): Promise<PublicInnovation | null> {
  const i = await db
    .selectFrom("innovations as i")
    .leftJoin("competitions as c", "c.id", "i.competition_id")
    .selectAll("i")
    .select("c.slug as edition_slug")
    .where("i.id", "=", id)
    .where("i.visible", "=", 1)
    .executeTakeFirst();
  if (!i) return null;
  const listedIn = i.proposal_id
    ? await db
        .selectFrom("announcement_entries as e")
        .innerJoin("announcements as a", "a.id", "e.announcement_id")
        .select(["a.id", "a.kind", "a.number", "a.title", "a.published_at", "a.superseded_by_id", "e.label_id", "e.label_en"])
        .where("e.proposal_id", "=", i.proposal_id)
        .where("a.status", "=", "published")
        .orderBy("a.published_at", "desc")
        .execute()
    : [];
  return {
    id: i.id,
    title: i.title,
    summary: i.summary,
    agencyName: i.agency_name,
    cluster: i.cluster,
    regionName: i.region_name,
    provinceCode: i.province_code,
    year: Number(i.year),
    editionName: i.edition_name,
    editionSlug: i.edition_slug ?? null,
    groupKey: i.group_key,
    categoryNameId: i.category_name_id,
    categoryNameEn: i.category_name_en,
    stage: i.stage,
    awardNameId: i.award_name_id,
    awardNameEn: i.award_name_en,
    publishedAt: i.published_at,
    listedIn: listedIn.map((l) => ({
      id: l.id,
      kind: l.kind,
      number: l.number,
      title: l.title,
      publishedAt: l.published_at,
      superseded: Boolean(l.superseded_by_id),
      labelId: l.label_id,
      labelEn: l.label_en,
    })),
  };
}

/**
 * The choices of the catalogue's filters, from visible rows only. Four
 * scans of the catalogue (about 80 ms at 30,000 rows), so memoised for 60 s
 * and until the next publication (memoPublic).
 */
export const catalogueFacets = memoPublic(60_000, loadCatalogueFacets);

async function loadCatalogueFacets(db: DB) {
  const [years, categories, provinces, tiers] = await Promise.all([
    db.selectFrom("innovations").select("year").distinct().where("visible", "=", 1).orderBy("year", "desc").execute(),
    db
      .selectFrom("innovations")
      .select(["category_key", "category_name_id", "category_name_en"])
      .distinct()
      .where("visible", "=", 1)
      .where("category_key", "!=", "")
      .orderBy("category_name_id")
      .execute(),
    db
      .selectFrom("innovations as i")
      .innerJoin("regions as r", "r.code", "i.province_code")
      .select(["r.code", "r.name"])
      .distinct()
      .where("i.visible", "=", 1)
      .orderBy("r.name")
      .execute(),
    db
      .selectFrom("innovations as i")
      .innerJoin("award_tiers as t", "t.id", "i.award_tier_id")
      .select(["t.key", "t.name_id", "t.name_en"])
      .distinct()
      .where("i.visible", "=", 1)
      .where("i.stage", "=", "winner")
      .orderBy("t.name_id")
      .execute(),
  ]);
  // One entry per key (a key shared by editions may carry slightly different names).
  const uniq = <T, K>(rows: T[], key: (r: T) => K) => {
    const seen = new Set<K>();
    return rows.filter((r) => (seen.has(key(r)) ? false : (seen.add(key(r)), true)));
  };
  return {
    years: years.map((y) => Number(y.year)),
    categories: uniq(categories, (c) => c.category_key).map((c) => ({ key: c.category_key, nameId: c.category_name_id, nameEn: c.category_name_en })),
    provinces: provinces.map((p) => ({ code: p.code, name: p.name })),
    tiers: uniq(tiers, (t) => t.key).map((t) => ({ key: t.key, nameId: t.name_id, nameEn: t.name_en })),
  };
}

/** The current (not superseded) published lists of an edition with their entries, for open data; null when no such edition. */
export async function getEditionResults(db: DB, slug: string) {
  const c = await findEditionRow(db, slug);
  if (!c) return null;
  const announcements = (await publishedAnnouncementsOf(db, c.id)).filter((a) => !a.supersededById);
  const entries = await publishedEntries(db, announcements.map((a) => a.id));
  return {
    edition: { slug: c.slug, name: c.name, year: Number(c.year), organizerName: c.organizer_name },
    announcements: announcements.map((a) => ({ ...a, entries: entries.get(a.id) ?? [] })),
  };
}

/** Everything the sitemap lists: editions, published announcements, visible innovations (capped). */
export async function sitemapItems(db: DB, maxInnovations = 40_000) {
  const [editions, announcements, winners, innovations] = await Promise.all([
    db.selectFrom("competitions").select(["slug", "updated_at"]).orderBy("year", "desc").execute(),
    db
      .selectFrom("announcements")
      .select(["id", "published_at", "superseded_at"])
      .where("status", "=", "published")
      .orderBy("published_at", "desc")
      .execute(),
    db
      .selectFrom("announcements as a")
      .innerJoin("competitions as c", "c.id", "a.competition_id")
      .select(["c.slug", "a.published_at"])
      .where("a.status", "=", "published")
      .where("a.kind", "=", "winners")
      .where("a.superseded_by_id", "is", null)
      .execute(),
    db
      .selectFrom("innovations")
      .select(["id", "updated_at"])
      .where("visible", "=", 1)
      .orderBy("year", "desc")
      .orderBy("id")
      .limit(maxInnovations)
      .execute(),
  ]);
  return { editions, announcements, winners, innovations };
}
