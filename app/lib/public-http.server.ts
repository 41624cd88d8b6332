/**
 * HTTP helpers of the public site: cache headers, open-data responses (JSON
 * and CSV) and the page meta (title, description, Open Graph).
 *
 * Caching: a request without a session cookie sees only public data, so its
 * answer may be kept by browsers and shared caches for a minute (and served
 * stale for five while revalidating); a signed-in request may carry a name in
 * the header, so it is `private, no-store`. `Vary: Cookie` keeps the language
 * choice (a cookie) and sessions apart in caches.
 */
import { json } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { releaseDueAnnouncementsThrottled } from "~/services/announcements.server";
import { toCsv, spreadsheetSafe } from "~/domain/csv";
import { publicOrigin } from "~/lib/origin.server";

export const PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=300";
export const PRIVATE_CACHE = "private, no-store";
const SESSION_COOKIE = "sayembara_session";

/** Does the request carry a (non-empty) session cookie? */
export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get("Cookie");
  if (!header) return false;
  return header.split(";").some((part) => {
    const [name, ...rest] = part.trim().split("=");
    return name === SESSION_COOKIE && rest.join("=").trim() !== "";
  });
}

/** Cache-Control (and Vary) for a public page or API answer to this request. */
export function publicCacheHeaders(request: Request): Record<string, string> {
  return { "Cache-Control": hasSessionCookie(request) ? PRIVATE_CACHE : PUBLIC_CACHE, Vary: "Cookie" };
}

/**
 * A route's `headers` export for public pages: the loader's cache headers on
 * success; on an error (404) the defaults (private, no-store) stay.
 */
export function publicPageHeaders({ loaderHeaders }: { loaderHeaders: Headers }): Headers {
  const out = new Headers();
  for (const name of ["Cache-Control", "Vary"]) {
    const v = loaderHeaders.get(name);
    if (v) out.set(name, v);
  }
  return out;
}

/** The open-data format asked for: `?format=csv`, else JSON. */
export function wantsCsv(request: Request): boolean {
  return new URL(request.url).searchParams.get("format") === "csv";
}

/** Open data as JSON (UTF-8), cacheable as any public page. */
export function openDataJson(request: Request, data: unknown): Response {
  return json(data, {
    headers: {
      ...publicCacheHeaders(request),
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Open data as CSV: UTF-8 with a BOM (so Excel reads it), a header row, CRLF,
 * cells that a spreadsheet would run as formulas neutralised, sent as an
 * attachment named `filename`.
 */
export function openDataCsv(request: Request, filename: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = toCsv([header, ...rows.map((r) => r.map((v) => spreadsheetSafe(v === null ? "" : String(v))))], { bom: true });
  return new Response(body, {
    headers: {
      ...publicCacheHeaders(request),
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The absolute URL of this request's page (path only, no query), for og:url and the sitemap. */
export function canonicalUrl(request: Request, path?: string): string {
  return publicOrigin(request) + (path ?? new URL(request.url).pathname);
}

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute URL of the page. */
  url: string;
  /** og:type: "website" (default) or "article". */
  type?: "website" | "article";
  locale?: "id" | "en";
}

export const SITE_NAME = "Sayembara";

/** Title, description and Open Graph / Twitter tags for a route's `meta` export. */
export function pageMeta(m: PageMeta) {
  const description = m.description.replace(/\s+/g, " ").trim().slice(0, 300);
  return [
    { title: m.title },
    { name: "description", content: description },
    { property: "og:title", content: m.title },
    { property: "og:description", content: description },
    { property: "og:type", content: m.type ?? "website" },
    { property: "og:url", content: m.url },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: m.locale === "en" ? "en_GB" : "id_ID" },
    { name: "twitter:card", content: "summary" },
    { tagName: "link", rel: "canonical", href: m.url },
  ];
}

/**
 * What every public loader starts with: scheduled announcements that are due
 * are released first (throttled to once per 5 s per process), then the
 * visitor's language.
 */
export async function publicContext(request: Request) {
  const db = getDb();
  await releaseDueAnnouncementsThrottled(db, new Date(), publicOrigin(request));
  const actor = await getActor(request);
  const locale = await getLocale(request, actor);
  return { db, locale, t: translator(locale) };
}
