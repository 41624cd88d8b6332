/**
 * GET /api/public/replications?edition=&province=&source=&status=&format=csv
 * — public replications (confirmed by the source agency or verified by an
 * organizer) as open data: JSON by default, CSV with ?format=csv. Up to
 * 10,000 rows, newest change first. A malformed parameter is refused with
 * 400 naming it.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { publicOrigin } from "~/lib/origin.server";
import { openDataCsv, openDataJson, PRIVATE_CACHE, publicContext, wantsCsv } from "~/lib/public-http.server";
import { listPublicReplications, REPLICATION_STATUSES, type PublicReplication } from "~/models/replications-public.server";
import type { ReplicationStatus } from "../../db/schema";

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
const PROVINCE = /^\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await publicContext(request);
  const p = new URL(request.url).searchParams;
  const invalid: string[] = [];
  const edition = p.get("edition") || null;
  const province = p.get("province") || null;
  const source = p.get("source") || null;
  const status = p.get("status") || null;
  const format = p.get("format");
  if (edition !== null && !SLUG.test(edition)) invalid.push("edition");
  if (province !== null && !PROVINCE.test(province)) invalid.push("province");
  if (source !== null && !ID.test(source)) invalid.push("source");
  if (status !== null && !REPLICATION_STATUSES.includes(status as ReplicationStatus)) invalid.push("status");
  if (format !== null && format !== "csv" && format !== "json") invalid.push("format");
  if (invalid.length > 0) {
    return json({ error: "invalid_parameters", fields: invalid }, { status: 400, headers: { "Cache-Control": PRIVATE_CACHE } });
  }
  const rows = await listPublicReplications(db, { edition, province, source, status: status as ReplicationStatus | null });
  const origin = publicOrigin(request);
  const out = (r: PublicReplication) => ({
    id: r.id,
    title: r.title,
    sourceInnovationId: r.sourceInnovationId,
    sourceTitle: r.sourceTitle,
    sourceAgency: r.sourceAgencyName,
    sourceYear: r.sourceYear,
    sourceProvinceCode: r.sourceProvinceCode,
    sourceUrl: r.sourceInnovationId ? `${origin}/innovations/${r.sourceInnovationId}` : null,
    adopter: r.adopterName,
    adopterProvinceCode: r.adopterProvinceCode,
    adopterProvince: r.adopterProvinceName,
    facilitator: r.facilitatorName,
    stage: r.stage,
    status: r.status,
    confirmedBySource: r.sourceResponse === "confirmed",
    verified: r.verified,
    updatedAt: r.updatedAt,
  });
  if (!wantsCsv(request)) return openDataJson(request, { total: rows.length, rows: rows.map(out) });
  const header = [
    "id",
    "title",
    "source_innovation_id",
    "source_title",
    "source_agency",
    "source_year",
    "source_province_code",
    "adopter",
    "adopter_province_code",
    "facilitator",
    "stage",
    "status",
    "confirmed_by_source",
    "verified",
    "updated_at",
  ];
  return openDataCsv(
    request,
    "replications.csv",
    header,
    rows.map((r) => [
      r.id,
      r.title,
      r.sourceInnovationId,
      r.sourceTitle,
      r.sourceAgencyName,
      r.sourceYear,
      r.sourceProvinceCode,
      r.adopterName,
      r.adopterProvinceCode,
      r.facilitatorName,
      r.stage,
      r.status,
      r.sourceResponse === "confirmed" ? 1 : 0,
      r.verified ? 1 : 0,
      r.updatedAt,
    ]),
  );
}
