/**
 * The public innovation catalogue (table `innovations`): one denormalised row
 * per published innovation, searched by FTS5 on SQLite and a tsvector on
 * PostgreSQL (migration 0006).
 *
 * What is in it follows the published lists: `syncCatalogueForCompetition`
 * makes the edition's rows match its current (published, not superseded)
 * finalists and winners announcements — winners get stage "winner" and their
 * award, other finalists stage "finalist"; rows of an earlier list that a
 * correction removed are deleted. Rows an organizer added by hand (stage
 * "participant") are kept, and the organizer's `visible` choice is never
 * overwritten. Called inside the publishing transaction.
 */
import type { DB } from "~/db.server";
import { newId, nowIso } from "~/lib/ids.server";

export type CatalogueStage = "participant" | "finalist" | "winner";

/** Section whose answer is the innovation's summary on the public page. */
export const SUMMARY_SECTION = "ringkasan";

interface Desired {
  stage: CatalogueStage;
  tierId: string | null;
  awardId: string;
  awardEn: string;
}

export interface CatalogueSync {
  added: number;
  updated: number;
  removed: number;
}

/** Proposal → what the current published lists say about it. */
async function desiredFor(db: DB, competitionId: string): Promise<Map<string, Desired>> {
  const entries = await db
    .selectFrom("announcement_entries as e")
    .innerJoin("announcements as a", "a.id", "e.announcement_id")
    .where("a.competition_id", "=", competitionId)
    .where("a.status", "=", "published")
    .where("a.superseded_by_id", "is", null)
    .where("a.kind", "in", ["finalists", "winners"])
    .select(["e.proposal_id", "a.kind", "e.tier_id", "e.label_id", "e.label_en"])
    .execute();
  const out = new Map<string, Desired>();
  for (const e of entries) {
    if (e.kind === "winners") {
      out.set(e.proposal_id, { stage: "winner", tierId: e.tier_id, awardId: e.label_id, awardEn: e.label_en });
    } else if (!out.has(e.proposal_id)) {
      out.set(e.proposal_id, { stage: "finalist", tierId: null, awardId: "", awardEn: "" });
    }
  }
  return out;
}

/** The catalogue fields of these proposals, read from the proposal, its agency and region. */
export async function catalogueFieldsFor(db: DB, proposalIds: string[]) {
  if (proposalIds.length === 0) return new Map();
  const rows = [];
  for (let i = 0; i < proposalIds.length; i += 500) {
    const chunk = proposalIds.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom("proposals as p")
        .innerJoin("competitions as c", "c.id", "p.competition_id")
        .innerJoin("agencies as ag", "ag.id", "p.agency_id")
        .innerJoin("competition_groups as g", "g.id", "p.group_id")
        .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
        .leftJoin("regions as prov", "prov.code", "ag.province_code")
        .leftJoin("regions as reg", "reg.code", "ag.regency_code")
        .leftJoin("proposal_answers as sum", (j) => j.onRef("sum.proposal_id", "=", "p.id").on("sum.section_key", "=", SUMMARY_SECTION))
        .where("p.id", "in", chunk)
        .select([
          "p.id",
          "p.title",
          "c.id as competition_id",
          "c.organizer_id",
          "c.year",
          "c.name as edition_name",
          "ag.id as agency_id",
          "ag.name as agency_name",
          "ag.cluster",
          "ag.province_code",
          "ag.regency_code",
          "prov.name as province_name",
          "reg.name as regency_name",
          "g.key as group_key",
          "cat.key as category_key",
          "cat.name_id as category_name_id",
          "cat.name_en as category_name_en",
          "sum.body as summary",
        ])
        .execute()),
    );
  }
  return new Map(
    rows.map((r) => [
      r.id,
      {
        proposal_id: r.id,
        competition_id: r.competition_id,
        organizer_id: r.organizer_id,
        title: r.title,
        summary: r.summary ?? "",
        agency_id: r.agency_id,
        agency_name: r.agency_name,
        cluster: r.cluster,
        province_code: r.province_code,
        regency_code: r.regency_code,
        region_name: [r.regency_name, r.province_name].filter(Boolean).join(", "),
        year: Number(r.year),
        edition_name: r.edition_name,
        group_key: r.group_key,
        category_key: r.category_key ?? "",
        category_name_id: r.category_name_id ?? "",
        category_name_en: r.category_name_en ?? "",
      },
    ]),
  );
}

/** Makes the edition's catalogue rows match its current published lists (see the module comment). */
export async function syncCatalogueForCompetition(db: DB, competitionId: string, at: string = nowIso()): Promise<CatalogueSync> {
  const desired = await desiredFor(db, competitionId);
  const existing = await db
    .selectFrom("innovations")
    .where("competition_id", "=", competitionId)
    .select(["id", "proposal_id", "stage"])
    .execute();
  const byProposal = new Map(existing.filter((r) => r.proposal_id).map((r) => [r.proposal_id as string, r]));
  const fields = await catalogueFieldsFor(db, [...desired.keys()]);
  let added = 0;
  let updated = 0;
  let removed = 0;
  for (const r of existing) {
    if (r.proposal_id && desired.has(r.proposal_id)) continue;
    if (r.stage === "participant") continue;
    await db.deleteFrom("innovations").where("id", "=", r.id).execute();
    removed++;
  }
  for (const [proposalId, d] of desired) {
    const f = fields.get(proposalId);
    if (!f) continue;
    const award = { stage: d.stage, award_tier_id: d.tierId, award_name_id: d.awardId, award_name_en: d.awardEn };
    const row = byProposal.get(proposalId);
    if (row) {
      await db
        .updateTable("innovations")
        .set({ ...f, ...award, updated_at: at })
        .where("id", "=", row.id)
        .execute();
      updated++;
    } else {
      await db
        .insertInto("innovations")
        .values({ id: newId(), ...f, ...award, visible: 1, published_at: at, updated_at: at })
        .execute();
      added++;
    }
  }
  return { added, updated, removed };
}

/** Adds a submitted proposal to the catalogue by hand (stage participant), if it is not there yet. */
export async function addParticipantToCatalogue(db: DB, proposalId: string, at: string = nowIso()): Promise<string | null> {
  const exists = await db.selectFrom("innovations").where("proposal_id", "=", proposalId).select("id").executeTakeFirst();
  if (exists) return exists.id;
  const f = (await catalogueFieldsFor(db, [proposalId])).get(proposalId);
  if (!f) return null;
  const id = newId();
  await db
    .insertInto("innovations")
    .values({ id, ...f, stage: "participant", award_tier_id: null, award_name_id: "", award_name_en: "", visible: 1, published_at: at, updated_at: at })
    .execute();
  return id;
}
