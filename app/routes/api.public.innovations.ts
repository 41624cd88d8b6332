/**
 * GET /api/public/innovations?q=&year=&category=&cluster=&province=&award=&page=&pageSize=
 * — the innovation catalogue search as open data (visible rows only). JSON by
 * default (one page, with the total); CSV with ?format=csv (every match, up to
 * 10,000 rows, no paging). A malformed parameter is refused with 400 naming it.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseCatalogueParams } from "~/domain/catalogue-query";
import { publicOrigin } from "~/lib/origin.server";
import { openDataCsv, openDataJson, PRIVATE_CACHE, publicContext, wantsCsv } from "~/lib/public-http.server";
import { searchCatalogue, searchCatalogueForExport, type CatalogueRow } from "~/models/catalogue-search.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await publicContext(request);
  const url = new URL(request.url);
  const { query, invalid } = parseCatalogueParams(url.searchParams);
  const format = url.searchParams.get("format");
  if (format !== null && format !== "csv" && format !== "json") invalid.push("format");
  if (invalid.length > 0) {
    return json({ error: "invalid_parameters", fields: invalid }, { status: 400, headers: { "Cache-Control": PRIVATE_CACHE } });
  }
  const origin = publicOrigin(request);
  const withUrl = (r: CatalogueRow) => ({ ...r, url: `${origin}/innovations/${r.id}` });
  if (!wantsCsv(request)) {
    const page = await searchCatalogue(db, query);
    return openDataJson(request, { ...page, rows: page.rows.map(withUrl) });
  }
  const rows = await searchCatalogueForExport(db, query);
  const header = ["id", "title", "summary", "agency", "cluster", "region", "province_code", "year", "edition", "category", "stage", "award", "url"];
  return openDataCsv(
    request,
    "innovations.csv",
    header,
    rows.map((r) => [r.id, r.title, r.summary, r.agencyName, r.cluster, r.regionName, r.provinceCode, r.year, r.editionName, r.categoryNameId, r.stage, r.awardNameId, withUrl(r).url]),
  );
}
