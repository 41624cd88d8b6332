/**
 * GET /api/public/editions — every edition with its organizer, timeline and
 * current stage (open data). JSON by default, CSV with ?format=csv. No
 * permission: only public facts (see docs/public-site.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { STAGES } from "~/domain/roles";
import { publicOrigin } from "~/lib/origin.server";
import { openDataCsv, openDataJson, publicContext, wantsCsv } from "~/lib/public-http.server";
import { listPublicEditions } from "~/models/public.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await publicContext(request);
  const origin = publicOrigin(request);
  const editions = (await listPublicEditions(db)).map((e) => ({
    slug: e.slug,
    name: e.name,
    year: e.year,
    organizer: e.organizerName,
    organizerKind: e.organizerKind,
    theme: e.theme,
    currentStage: e.currentStage,
    concluded: e.isPast,
    publishedAnnouncements: e.announcementCount,
    timeline: e.timeline.filter((s) => s.startsAt || s.endsAt),
    url: `${origin}/editions/${e.slug}`,
    resultsUrl: `${origin}/api/public/editions/${e.slug}/results`,
    winnersUrl: e.hasWinners ? `${origin}/editions/${e.slug}/winners` : null,
  }));
  if (!wantsCsv(request)) return openDataJson(request, { editions });
  const header = [
    "slug",
    "name",
    "year",
    "organizer",
    "organizer_kind",
    "theme",
    "current_stage",
    "concluded",
    "published_announcements",
    ...STAGES.flatMap((s) => [`${s}_starts_at`, `${s}_ends_at`]),
    "url",
  ];
  const rows = editions.map((e) => [
    e.slug,
    e.name,
    e.year,
    e.organizer,
    e.organizerKind,
    e.theme,
    e.currentStage ?? "",
    e.concluded ? "yes" : "no",
    e.publishedAnnouncements,
    ...STAGES.flatMap((s) => {
      const st = e.timeline.find((x) => x.stage === s);
      return [st?.startsAt ?? "", st?.endsAt ?? ""];
    }),
    e.url,
  ]);
  return openDataCsv(request, "editions.csv", header, rows);
}
