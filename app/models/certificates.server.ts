/**
 * Certificate (piagam) queries. Every list is scoped in the query: by
 * competition for the organizer, by agency for the agency, by code (and only
 * the printed snapshot) for the public.
 */
import type { DB } from "~/db.server";

/** The edition's current winners announcement: published and not superseded (the newest if ever more than one). */
export async function currentWinnersAnnouncement(db: DB, competitionId: string) {
  return db
    .selectFrom("announcements")
    .select(["id", "number", "title", "published_at"])
    .where("competition_id", "=", competitionId)
    .where("kind", "=", "winners")
    .where("status", "=", "published")
    .where("superseded_by_id", "is", null)
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** The winners as announced (the snapshot), in list order. */
export async function announcedWinners(db: DB, announcementId: string) {
  return db
    .selectFrom("announcement_entries")
    .select(["proposal_id", "proposal_number", "title", "agency_id", "agency_name", "tier_id", "label_id", "label_en", "position"])
    .where("announcement_id", "=", announcementId)
    .orderBy("position")
    .orderBy("proposal_number")
    .execute();
}

export async function activeCertificates(db: DB, competitionId: string) {
  return db
    .selectFrom("certificates")
    .select(["id", "proposal_id", "tier_id", "code", "agency_id"])
    .where("competition_id", "=", competitionId)
    .where("revoked_at", "is", null)
    .execute();
}

const LIST_COLUMNS = [
  "certificates.id",
  "certificates.competition_id",
  "certificates.agency_id",
  "certificates.proposal_id",
  "certificates.code",
  "certificates.edition_name",
  "certificates.tier_name_id",
  "certificates.tier_name_en",
  "certificates.innovation_title",
  "certificates.agency_name",
  "certificates.signatory_name",
  "certificates.signatory_title",
  "certificates.place",
  "certificates.issued_on",
  "certificates.issued_at",
  "certificates.revoked_at",
  "certificates.revoke_reason",
  "proposals.number as proposal_number",
] as const;

/** Every certificate of an edition (active first, then by tier and number). */
export async function listCompetitionCertificates(db: DB, competitionId: string) {
  return db
    .selectFrom("certificates")
    .innerJoin("proposals", "proposals.id", "certificates.proposal_id")
    .leftJoin("award_tiers", "award_tiers.id", "certificates.tier_id")
    .select(LIST_COLUMNS)
    .select("award_tiers.position as tier_position")
    .where("certificates.competition_id", "=", competitionId)
    .orderBy((eb) => eb.case().when("certificates.revoked_at", "is", null).then(0).else(1).end())
    .orderBy("award_tiers.position")
    .orderBy("proposals.number")
    .orderBy("certificates.issued_at")
    .execute();
}

/** An agency's own certificates over every edition, newest edition first. */
export async function listAgencyCertificates(db: DB, agencyId: string) {
  return db
    .selectFrom("certificates")
    .innerJoin("proposals", "proposals.id", "certificates.proposal_id")
    .innerJoin("competitions", "competitions.id", "certificates.competition_id")
    .select(LIST_COLUMNS)
    .select(["competitions.name as competition_name", "competitions.year as competition_year"])
    .where("certificates.agency_id", "=", agencyId)
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.name")
    .orderBy((eb) => eb.case().when("certificates.revoked_at", "is", null).then(0).else(1).end())
    .orderBy("proposals.number")
    .orderBy("certificates.issued_at")
    .execute();
}

/** One certificate with the organizer of its edition (for the permission check). */
export async function findCertificate(db: DB, id: string) {
  return db
    .selectFrom("certificates")
    .innerJoin("proposals", "proposals.id", "certificates.proposal_id")
    .innerJoin("competitions", "competitions.id", "certificates.competition_id")
    .select(LIST_COLUMNS)
    .select(["competitions.organizer_id", "competitions.slug as competition_slug"])
    .where("certificates.id", "=", id)
    .executeTakeFirst();
}

/** What the public verification page may show: the printed snapshot, nothing else. */
export async function findCertificateByCode(db: DB, code: string) {
  return db
    .selectFrom("certificates")
    .select([
      "code",
      "edition_name",
      "tier_name_id",
      "tier_name_en",
      "innovation_title",
      "agency_name",
      "signatory_name",
      "signatory_title",
      "place",
      "issued_on",
      "revoked_at",
    ])
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function codesTaken(db: DB, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom("certificates").select("code").where("code", "in", codes).execute();
  return new Set(rows.map((r) => r.code));
}

export interface NewCertificate {
  id: string;
  competitionId: string;
  proposalId: string;
  agencyId: string;
  tierId: string | null;
  code: string;
  editionName: string;
  tierNameId: string;
  tierNameEn: string;
  innovationTitle: string;
  agencyName: string;
  signatoryName: string;
  signatoryTitle: string;
  place: string;
  issuedOn: string;
  issuedAt: string;
  issuedBy: string | null;
}

export async function insertCertificates(db: DB, rows: NewCertificate[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("certificates")
    .values(
      rows.map((r) => ({
        id: r.id,
        competition_id: r.competitionId,
        proposal_id: r.proposalId,
        agency_id: r.agencyId,
        tier_id: r.tierId,
        code: r.code,
        edition_name: r.editionName,
        tier_name_id: r.tierNameId,
        tier_name_en: r.tierNameEn,
        innovation_title: r.innovationTitle,
        agency_name: r.agencyName,
        signatory_name: r.signatoryName,
        signatory_title: r.signatoryTitle,
        place: r.place,
        issued_on: r.issuedOn,
        issued_at: r.issuedAt,
        issued_by: r.issuedBy,
      })),
    )
    .execute();
}

/** Revoke active certificates of an edition (already revoked ones are left as they were). Returns how many changed. */
export async function revokeCertificates(
  db: DB,
  competitionId: string,
  items: { id: string; reason: string }[],
  at: string,
): Promise<number> {
  let changed = 0;
  for (const item of items) {
    const r = await db
      .updateTable("certificates")
      .set({ revoked_at: at, revoke_reason: item.reason })
      .where("id", "=", item.id)
      .where("competition_id", "=", competitionId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}

export async function updateSignatory(
  db: DB,
  competitionId: string,
  s: { signatoryName: string; signatoryTitle: string; place: string },
  at: string,
): Promise<void> {
  await db
    .updateTable("competitions")
    .set({ certificate_signatory_name: s.signatoryName, certificate_signatory_title: s.signatoryTitle, certificate_place: s.place, updated_at: at })
    .where("id", "=", competitionId)
    .execute();
}
