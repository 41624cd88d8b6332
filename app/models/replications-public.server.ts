/**
 * The public side of replication (read-only queries on the replications
 * tables, independent of the replications service) and the innovation
 * commitments table.
 *
 * THE RULE (docs/replications-public.md): a replication is public when the
 * source agency confirmed it, or an organizer verified it (external sources
 * need the verification). Every public query here goes through
 * `publicReplications`, which applies it; pending or disputed unverified
 * replications never leave this module.
 */
import type { ExpressionBuilder } from "kysely";
import type { DB } from "~/db.server";
import type { Database, ReplicationStage, ReplicationStatus, SustainabilityStatus } from "../../db/schema";
import { memoPublic } from "~/lib/public-cache.server";

export const REPLICATION_STAGES: readonly ReplicationStage[] = ["persiapan", "rencana", "implementasi", "evaluasi"];
export const REPLICATION_STATUSES: readonly ReplicationStatus[] = ["berjalan", "selesai", "dihentikan"];

/** The public-visibility condition on `replications as r` (the one rule; app/domain/replication.ts says it for one row). */
export function isPublicReplication(eb: ExpressionBuilder<Database & { r: Database["replications"] }, "r">) {
  return eb.or([eb("r.source_response", "=", "confirmed"), eb("r.verified_at", "is not", null)]);
}

/** Public replications with their adopter (and its province), facilitator and source innovation. */
function publicReplications(db: DB) {
  return db
    .selectFrom("replications as r")
    .innerJoin("agencies as ad", "ad.id", "r.adopter_agency_id")
    .leftJoin("regions as adp", "adp.code", "ad.province_code")
    .leftJoin("agencies as fa", "fa.id", "r.facilitator_agency_id")
    .leftJoin("innovations as si", (j) => j.onRef("si.id", "=", "r.source_innovation_id").on("si.visible", "=", 1))
    .leftJoin("competitions as sc", "sc.id", "si.competition_id")
    .where((eb) => isPublicReplication(eb))
    .select([
      "r.id",
      "r.title",
      "r.source_innovation_id",
      "r.source_title",
      "r.source_agency_name",
      "r.source_year",
      "r.stage",
      "r.status",
      "r.source_response",
      "r.verified_at",
      "r.updated_at",
      "ad.id as adopter_id",
      "ad.name as adopter_name",
      "ad.province_code as adopter_province_code",
      "adp.name as adopter_province_name",
      "fa.name as facilitator_name",
      "si.id as visible_source_id",
      "si.province_code as source_province_code",
      "sc.slug as source_edition_slug",
    ]);
}

export interface PublicReplication {
  id: string;
  title: string;
  /** The catalogue innovation, when it is on the platform and visible; else null. */
  sourceInnovationId: string | null;
  sourceTitle: string;
  sourceAgencyName: string;
  sourceYear: number | null;
  sourceProvinceCode: string | null;
  sourceEditionSlug: string | null;
  adopterAgencyId: string;
  adopterName: string;
  adopterProvinceCode: string | null;
  adopterProvinceName: string | null;
  facilitatorName: string | null;
  stage: ReplicationStage;
  status: ReplicationStatus;
  /** confirmed by the source agency, or (verified) external / pending. */
  sourceResponse: string;
  verified: boolean;
  updatedAt: string;
}

type Row = Awaited<ReturnType<ReturnType<typeof publicReplications>["execute"]>>[number];

function toPublic(r: Row): PublicReplication {
  return {
    id: r.id,
    title: r.title,
    sourceInnovationId: r.visible_source_id ?? null,
    sourceTitle: r.source_title,
    sourceAgencyName: r.source_agency_name,
    sourceYear: r.source_year === null ? null : Number(r.source_year),
    sourceProvinceCode: r.source_province_code ?? null,
    sourceEditionSlug: r.source_edition_slug ?? null,
    adopterAgencyId: r.adopter_id,
    adopterName: r.adopter_name,
    adopterProvinceCode: r.adopter_province_code ?? null,
    adopterProvinceName: r.adopter_province_name ?? null,
    facilitatorName: r.facilitator_name ?? null,
    stage: r.stage,
    status: r.status,
    sourceResponse: r.source_response,
    verified: r.verified_at !== null,
    updatedAt: r.updated_at,
  };
}

export interface PublicReplicationFilter {
  /** Edition slug: replications of that edition's innovations. */
  edition?: string | null;
  /** Province code: the adopter or the source innovation is in it. */
  province?: string | null;
  /** Source innovation id. */
  source?: string | null;
  status?: ReplicationStatus | null;
  limit?: number;
}

/** Public replications matching the filter, newest change first. */
export async function listPublicReplications(db: DB, f: PublicReplicationFilter = {}): Promise<PublicReplication[]> {
  let q = publicReplications(db);
  if (f.edition) q = q.where("sc.slug", "=", f.edition);
  if (f.province) {
    const p = f.province;
    // The adopter or the (visible) source innovation is in the province. Written as two
    // id lists rather than `ad.province_code = p OR si.province_code = p` so each side is
    // an index lookup (replications by adopter / by source) instead of a scan of every
    // replication (docs/benchmarks.md, "Replications").
    q = q.where((eb) =>
      eb.or([
        eb("r.adopter_agency_id", "in", eb.selectFrom("agencies as pa").select("pa.id").where("pa.province_code", "=", p)),
        eb(
          "r.source_innovation_id",
          "in",
          eb.selectFrom("innovations as pi").select("pi.id").where("pi.province_code", "=", p).where("pi.visible", "=", 1),
        ),
      ]),
    );
  }
  if (f.source) q = q.where("r.source_innovation_id", "=", f.source);
  if (f.status) q = q.where("r.status", "=", f.status);
  const rows = await q
    .orderBy("r.updated_at", "desc")
    .orderBy("r.id")
    .limit(f.limit ?? 10_000)
    .execute();
  return rows.map(toPublic);
}

/** The public replications of one innovation (as the source), by adopter name. */
export async function listInnovationReplications(db: DB, innovationId: string): Promise<PublicReplication[]> {
  const rows = await publicReplications(db).where("r.source_innovation_id", "=", innovationId).orderBy("ad.name").orderBy("r.id").execute();
  return rows.map(toPublic);
}

/** Replications shown per page on the innovation page (a famous innovation has hundreds). */
export const INNOVATION_REPLICATIONS_PAGE_SIZE = 50;

export interface InnovationReplicationsPage {
  /** All public replications of the innovation. */
  total: number;
  /** 1-based, clamped to the last page. */
  page: number;
  pageSize: number;
  rows: PublicReplication[];
}

/**
 * One page of an innovation's public replications (by adopter name, as
 * listInnovationReplications) and their total. The total is counted from the
 * index alone (migration 0008); only the page's rows are read and joined.
 */
export async function pageInnovationReplications(
  db: DB,
  innovationId: string,
  page = 1,
  pageSize = INNOVATION_REPLICATIONS_PAGE_SIZE,
): Promise<InnovationReplicationsPage> {
  const counted = await db
    .selectFrom("replications as r")
    .where("r.source_innovation_id", "=", innovationId)
    .where((eb) => isPublicReplication(eb))
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(pages, Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)));
  const rows =
    total === 0
      ? []
      : await publicReplications(db)
          .where("r.source_innovation_id", "=", innovationId)
          .orderBy("ad.name")
          .orderBy("r.id")
          .limit(pageSize)
          .offset((p - 1) * pageSize)
          .execute();
  return { total, page: p, pageSize, rows: rows.map(toPublic) };
}

export interface SustainabilityEntry {
  periodName: string;
  periodStartsAt: string;
  status: SustainabilityStatus;
  usersServed: number | null;
  note: string;
  reportedAt: string;
}

/** The innovation's sustainability reports, oldest period first. */
export async function listSustainabilityHistory(db: DB, innovationId: string): Promise<SustainabilityEntry[]> {
  const rows = await db
    .selectFrom("sustainability_reports as s")
    .innerJoin("monitoring_periods as p", "p.id", "s.period_id")
    .where("s.innovation_id", "=", innovationId)
    .select(["p.name", "p.starts_at", "s.status", "s.users_served", "s.note", "s.reported_at"])
    .orderBy("p.starts_at")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    periodName: r.name,
    periodStartsAt: r.starts_at,
    status: r.status,
    usersServed: r.users_served === null ? null : Number(r.users_served),
    note: r.note,
    reportedAt: r.reported_at,
  }));
}

// ---------------------------------------------------------------------------
// Network and province statistics

export interface NetworkScope {
  edition?: string | null;
  province?: string | null;
}

/** The edges (source → adopter) of the public network in a scope. */
export async function networkEdgesFor(db: DB, scope: NetworkScope) {
  const reps = await listPublicReplications(db, { edition: scope.edition, province: scope.province });
  return reps.map((r) => ({
    sourceId: r.sourceInnovationId ?? `ext:${r.sourceTitle}|${r.sourceAgencyName}`,
    sourceLabel: `${r.sourceTitle} — ${r.sourceAgencyName}`,
    adopterId: r.adopterAgencyId,
    adopterLabel: r.adopterName,
    replication: r,
  }));
}

/** Choices for the network page: editions with at least one catalogue row; provinces. */
export async function networkChoices(db: DB) {
  const [editions, provinces] = await Promise.all([
    db
      .selectFrom("competitions as c")
      .where((eb) => eb.exists(eb.selectFrom("innovations as i").select("i.id").whereRef("i.competition_id", "=", "c.id").where("i.visible", "=", 1)))
      .select(["c.slug", "c.name", "c.year"])
      .orderBy("c.year", "desc")
      .orderBy("c.name")
      .execute(),
    db.selectFrom("regions").where("level", "=", "province").select(["code", "name"]).orderBy("code").execute(),
  ]);
  return { editions: editions.map((e) => ({ slug: e.slug, name: e.name, year: Number(e.year) })), provinces };
}

export interface ProvinceCount {
  code: string;
  name: string;
  /** Public replications whose adopter is in the province. */
  adopted: number;
  /** Public replications whose source innovation is in the province. */
  sourced: number;
}

async function loadProvinceCounts(db: DB): Promise<ProvinceCount[]> {
  const [provinces, adopted, sourced] = await Promise.all([
    db.selectFrom("regions").where("level", "=", "province").select(["code", "name"]).orderBy("code").execute(),
    db
      .selectFrom("replications as r")
      .innerJoin("agencies as ad", "ad.id", "r.adopter_agency_id")
      .where((eb) => isPublicReplication(eb))
      .where("ad.province_code", "is not", null)
      .select((eb) => ["ad.province_code as code", eb.fn.countAll().as("n")])
      .groupBy("ad.province_code")
      .execute(),
    // Counted per source first (from the index alone), then summed per province of the
    // visible source innovations: ~15,000 sources instead of ~100,000 replication rows to join.
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("replications as r")
          .where((e) => isPublicReplication(e))
          .where("r.source_innovation_id", "is not", null)
          .select((e) => ["r.source_innovation_id as sid", e.fn.countAll().as("n")])
          .groupBy("r.source_innovation_id")
          .as("c"),
      )
      .innerJoin("innovations as si", "si.id", "c.sid")
      .where("si.visible", "=", 1)
      .where("si.province_code", "is not", null)
      .select((eb) => ["si.province_code as code", eb.fn.sum("c.n").as("n")])
      .groupBy("si.province_code")
      .execute(),
  ]);
  const a = new Map(adopted.map((r) => [r.code as string, Number(r.n)]));
  const s = new Map(sourced.map((r) => [r.code as string, Number(r.n)]));
  return provinces.map((p) => ({ code: p.code, name: p.name, adopted: a.get(p.code) ?? 0, sourced: s.get(p.code) ?? 0 }));
}

/** Public replication counts per province (every province, zeros included); memoised in production. */
export const provinceCounts = memoPublic(60_000, loadProvinceCounts);

// ---------------------------------------------------------------------------
// Commitments

export interface CommitmentView {
  id: string;
  agencyId: string;
  agencyName: string;
  kind: "commitment" | "willingness";
  note: string;
  createdAt: string;
}

/** Active (not withdrawn) commitments and willingness of an innovation, oldest first. */
export async function listActiveCommitments(db: DB, innovationId: string): Promise<CommitmentView[]> {
  const rows = await db
    .selectFrom("innovation_commitments as c")
    .innerJoin("agencies as a", "a.id", "c.agency_id")
    .where("c.innovation_id", "=", innovationId)
    .where("c.withdrawn_at", "is", null)
    .select(["c.id", "c.agency_id", "a.name", "c.kind", "c.note", "c.created_at"])
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, agencyName: r.name, kind: r.kind, note: r.note, createdAt: r.created_at }));
}

/** A visible catalogue innovation's owner and scope, for the commitment rules. */
export function findVisibleInnovationOwner(db: DB, innovationId: string) {
  return db
    .selectFrom("innovations")
    .where("id", "=", innovationId)
    .where("visible", "=", 1)
    .select(["id", "title", "agency_id", "stage", "organizer_id", "competition_id"])
    .executeTakeFirst();
}

export function findActiveCommitment(db: DB, innovationId: string, agencyId: string, kind: "commitment" | "willingness") {
  return db
    .selectFrom("innovation_commitments")
    .where("innovation_id", "=", innovationId)
    .where("agency_id", "=", agencyId)
    .where("kind", "=", kind)
    .where("withdrawn_at", "is", null)
    .selectAll()
    .executeTakeFirst();
}

export function findCommitment(db: DB, id: string) {
  return db.selectFrom("innovation_commitments").where("id", "=", id).selectAll().executeTakeFirst();
}

export async function insertCommitment(
  db: DB,
  c: { id: string; innovationId: string; agencyId: string; kind: "commitment" | "willingness"; note: string; createdBy: string; at: string },
) {
  await db
    .insertInto("innovation_commitments")
    .values({ id: c.id, innovation_id: c.innovationId, agency_id: c.agencyId, kind: c.kind, note: c.note, created_by: c.createdBy, created_at: c.at, withdrawn_at: null })
    .execute();
}

/** Marks an active commitment of this agency withdrawn; false when there was none. */
export async function markCommitmentWithdrawn(db: DB, id: string, agencyId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("innovation_commitments")
    .set({ withdrawn_at: at })
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
