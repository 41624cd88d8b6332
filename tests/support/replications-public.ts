/**
 * Test builder for the public side of replication (helper R2): replications,
 * stages and sustainability reports inserted directly, in any state, so a
 * test can put pending/disputed unverified rows (never public) next to
 * confirmed/verified ones (public). Independent of the replications service.
 */
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import type { ReplicationStage, ReplicationStatus, SourceResponse, SustainabilityStatus } from "../../db/schema";

export interface ReplicationSpec {
  sourceInnovationId?: string | null;
  sourceTitle: string;
  sourceAgencyName: string;
  sourceAgencyId?: string | null;
  sourceYear?: number | null;
  adopterAgencyId: string;
  facilitatorAgencyId?: string | null;
  title?: string;
  stage?: ReplicationStage;
  status?: ReplicationStatus;
  sourceResponse?: SourceResponse;
  verified?: boolean;
  updatedAt?: string;
}

export async function insertReplication(db: DB, s: ReplicationSpec): Promise<string> {
  const id = newId();
  const at = s.updatedAt ?? "2026-02-01T03:00:00.000Z";
  await db
    .insertInto("replications")
    .values({
      id,
      source_innovation_id: s.sourceInnovationId ?? null,
      source_title: s.sourceTitle,
      source_agency_name: s.sourceAgencyName,
      source_agency_id: s.sourceAgencyId ?? null,
      source_year: s.sourceYear ?? null,
      adopter_agency_id: s.adopterAgencyId,
      facilitator_agency_id: s.facilitatorAgencyId ?? null,
      proposal_id: null,
      title: s.title ?? s.sourceTitle,
      stage: s.stage ?? "persiapan",
      status: s.status ?? "berjalan",
      status_reason: null,
      differences: "",
      source_response: s.sourceResponse ?? "pending",
      source_response_note: null,
      source_responded_by: null,
      source_responded_at: null,
      verified_by: null,
      verified_at: s.verified ? "2026-02-02T03:00:00.000Z" : null,
      verifier_organizer_id: null,
      recorded_by_organizer_id: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function insertMonitoringPeriod(db: DB, organizerId: string, name: string, startsAt: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("monitoring_periods")
    .values({ id, organizer_id: organizerId, name, starts_at: startsAt, ends_at: startsAt, created_by: null, created_at: startsAt, updated_at: startsAt })
    .execute();
  return id;
}

export async function insertSustainabilityReport(
  db: DB,
  r: { periodId: string; innovationId: string; agencyId: string; status: SustainabilityStatus; usersServed?: number | null; note?: string },
): Promise<string> {
  const id = newId();
  const at = "2026-03-01T03:00:00.000Z";
  await db
    .insertInto("sustainability_reports")
    .values({
      id,
      period_id: r.periodId,
      innovation_id: r.innovationId,
      agency_id: r.agencyId,
      status: r.status,
      users_served: r.usersServed ?? null,
      note: r.note ?? "",
      reported_by: null,
      reported_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/**
 * The shared scenario: two visible innovations (A: Pontianak's KIPP winner,
 * B: Singkawang's Sivablik finalist), one hidden one, and seven replications
 * of which four are public (r1 confirmed, r4 disputed but verified, r5
 * external verified, r7 confirmed) and three are not (r2 pending, r3 disputed,
 * r6 external unverified — their titles contain "Rahasia").
 */
export async function seedReplicationsPublic(db: DB, w: import("./factories").World) {
  const { insertInnovation } = await import("./publication-public");
  const surabaya = "ag-kota-35.78";
  const jakpus = "ag-kota-31.71";
  const jakut = "ag-kota-31.72";
  const A = await insertInnovation(db, {
    title: "Layanan Kependudukan Keliling",
    agencyId: w.agencies.pontianak,
    agencyName: "Pemerintah Kota Pontianak",
    competitionId: w.competitions.kipp,
    stage: "winner",
    awardNameId: "Top 45",
    provinceCode: "61",
  });
  const B = await insertInnovation(db, {
    title: "Posyandu Digital",
    agencyId: w.agencies.singkawang,
    agencyName: "Pemerintah Kota Singkawang",
    competitionId: w.competitions.sivablik,
    editionName: "Sivablik 2025",
    stage: "finalist",
    provinceCode: "61",
    regionName: "Kota Singkawang, Kalimantan Barat",
  });
  const H = await insertInnovation(db, { title: "Rahasia tersembunyi", agencyId: surabaya, agencyName: "Pemerintah Kota Surabaya", provinceCode: "35", visible: 0 });
  const src = { sourceTitle: "Layanan Kependudukan Keliling", sourceAgencyName: "Pemerintah Kota Pontianak", sourceAgencyId: w.agencies.pontianak, sourceYear: 2025 };
  const r1 = await insertReplication(db, { ...src, sourceInnovationId: A, adopterAgencyId: w.agencies.singkawang, sourceResponse: "confirmed", stage: "implementasi", updatedAt: "2026-02-07T03:00:00.000Z" });
  const r2 = await insertReplication(db, { ...src, sourceInnovationId: A, adopterAgencyId: surabaya, title: "Rahasia pending", sourceResponse: "pending", updatedAt: "2026-02-06T03:00:00.000Z" });
  const r3 = await insertReplication(db, { ...src, sourceInnovationId: A, adopterAgencyId: jakpus, title: "Rahasia sengketa", sourceResponse: "disputed", updatedAt: "2026-02-05T03:00:00.000Z" });
  const r4 = await insertReplication(db, {
    ...src,
    sourceInnovationId: A,
    adopterAgencyId: jakut,
    facilitatorAgencyId: w.agencies.pontianak,
    title: "Kependudukan Keliling Jakarta Utara",
    sourceResponse: "disputed",
    verified: true,
    stage: "evaluasi",
    status: "selesai",
    updatedAt: "2026-02-04T03:00:00.000Z",
  });
  const r5 = await insertReplication(db, {
    sourceTitle: "Mal Pelayanan Publik",
    sourceAgencyName: "Pemerintah Kabupaten Banyuwangi",
    sourceYear: 2019,
    adopterAgencyId: w.agencies.pontianak,
    sourceResponse: "external",
    verified: true,
    stage: "rencana",
    updatedAt: "2026-02-03T03:00:00.000Z",
  });
  const r6 = await insertReplication(db, { sourceTitle: "Rahasia eksternal", sourceAgencyName: "Pemerintah Kota Rahasia", adopterAgencyId: surabaya, sourceResponse: "external", updatedAt: "2026-02-02T03:00:00.000Z" });
  const r7 = await insertReplication(db, {
    sourceInnovationId: B,
    sourceTitle: "Posyandu Digital",
    sourceAgencyName: "Pemerintah Kota Singkawang",
    sourceAgencyId: w.agencies.singkawang,
    adopterAgencyId: surabaya,
    sourceResponse: "confirmed",
    status: "dihentikan",
    updatedAt: "2026-02-01T03:00:00.000Z",
  });
  const period = await insertMonitoringPeriod(db, w.organizers.panrb, "Pemantauan 2026", "2026-03-01T00:00:00.000Z");
  await insertSustainabilityReport(db, { periodId: period, innovationId: A, agencyId: w.agencies.pontianak, status: "berkembang", usersServed: 12500, note: "Diperluas ke 6 kecamatan" });
  return { innovations: { A, B, H }, r: { r1, r2, r3, r4, r5, r6, r7 }, agencies: { surabaya, jakpus, jakut }, period };
}
export type ReplicationsPublicScenario = Awaited<ReturnType<typeof seedReplicationsPublic>>;
