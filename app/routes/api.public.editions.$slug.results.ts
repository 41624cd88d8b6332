/**
 * GET /api/public/editions/:slug/results — the edition's current published
 * lists (screening, finalists, winners; superseded ones left out) with their
 * entries as announced (open data). JSON by default, CSV with ?format=csv (one
 * row per entry). Unknown edition: 404. Drafts and scheduled announcements are
 * never read; scores are not published.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { publicOrigin } from "~/lib/origin.server";
import { openDataCsv, openDataJson, PRIVATE_CACHE, publicContext, wantsCsv } from "~/lib/public-http.server";
import { getEditionResults } from "~/models/public.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await publicContext(request);
  const results = await getEditionResults(db, params.slug ?? "");
  if (!results) return json({ error: "not_found" }, { status: 404, headers: { "Cache-Control": PRIVATE_CACHE } });
  const origin = publicOrigin(request);
  const announcements = results.announcements.map((a) => ({
    id: a.id,
    number: a.number,
    kind: a.kind,
    title: a.title,
    publishedAt: a.publishedAt,
    objectionEndsAt: a.objectionEndsAt,
    supersedes: a.supersedesId,
    url: `${origin}/announcements/${a.id}`,
    pdfUrl: `${origin}/announcements/${a.id}/pdf`,
    entries: a.entries.map((e) => ({
      position: e.position,
      proposalNumber: e.proposalNumber,
      title: e.title,
      agency: e.agencyName,
      cluster: e.cluster,
      region: e.regionName,
      group: e.groupKey,
      categoryId: e.categoryNameId,
      categoryEn: e.categoryNameEn,
      awardId: e.labelId,
      awardEn: e.labelEn,
      innovationUrl: e.innovationId ? `${origin}/innovations/${e.innovationId}` : null,
    })),
  }));
  if (!wantsCsv(request)) {
    return openDataJson(request, {
      edition: { ...results.edition, url: `${origin}/editions/${results.edition.slug}` },
      announcements,
    });
  }
  const header = [
    "announcement_number",
    "announcement_kind",
    "announcement_published_at",
    "position",
    "proposal_number",
    "title",
    "agency",
    "cluster",
    "region",
    "group",
    "category",
    "award",
    "innovation_url",
  ];
  const rows = announcements.flatMap((a) =>
    a.entries.map((e) => [
      a.number ?? "",
      a.kind,
      a.publishedAt ?? "",
      e.position,
      e.proposalNumber,
      e.title,
      e.agency,
      e.cluster,
      e.region,
      e.group,
      e.categoryId,
      e.awardId,
      e.innovationUrl ?? "",
    ]),
  );
  return openDataCsv(request, `${results.edition.slug}-results.csv`, header, rows);
}
