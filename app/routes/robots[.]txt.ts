/**
 * GET /robots.txt — crawlers may read the public site; the signed-in areas,
 * downloads and APIs other than open data are off limits; the sitemap is named.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/origin.server";
import { publicCacheHeaders } from "~/lib/public-http.server";

const DISALLOW = [
  "/dashboard",
  "/account",
  "/admin/",
  "/agencies",
  "/agency/",
  "/competitions/",
  "/juror/",
  "/proposals/",
  "/files/",
  "/organizers/",
  "/invitations/",
  "/reset-password/",
  "/forgot-password",
  "/login",
  "/logout",
  "/language",
  "/notifications/",
  "/objections/",
  "/certificates/",
  "/api/proposals/",
  "/api/scores/",
  "/bench/",
];

export function loader({ request }: LoaderFunctionArgs) {
  const body = ["User-agent: *", "Allow: /", ...DISALLOW.map((p) => `Disallow: ${p}`), "", `Sitemap: ${publicOrigin(request)}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { ...publicCacheHeaders(request), "Content-Type": "text/plain; charset=utf-8" } });
}
