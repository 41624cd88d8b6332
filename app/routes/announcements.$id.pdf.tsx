/**
 * GET /announcements/:id/pdf — the printable announcement. A published one
 * for anyone (cacheable like every public page when there is no session); a
 * draft or scheduled one only for the organizer managing its edition; 404
 * for everyone else, so an unpublished announcement does not show it exists.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { PRIVATE_CACHE, publicCacheHeaders } from "~/lib/public-http.server";
import { getAnnouncementPdf } from "~/services/announcements.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const locale = await getLocale(request, actor);
  const pdf = await getAnnouncementPdf(getDb(), actor, params.id ?? "", locale);
  const cache = pdf.published ? publicCacheHeaders(request) : { "Cache-Control": PRIVATE_CACHE, Vary: "Cookie" };
  return new Response(Buffer.from(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${pdf.filename}"`,
      "X-Content-Type-Options": "nosniff",
      ...cache,
    },
  });
}
