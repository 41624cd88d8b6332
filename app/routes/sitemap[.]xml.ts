/**
 * GET /sitemap.xml — the public pages search engines may index: home,
 * catalogue, every edition (and its winners page once announced), every
 * published announcement and every visible catalogue innovation (capped at
 * 40,000 so the file stays within the 50,000-URL sitemap limit), the
 * replication statistics per province, the replication network of every
 * edition with catalogue innovations and of every province with public
 * replications.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/origin.server";
import { publicCacheHeaders, publicContext } from "~/lib/public-http.server";
import { sitemapItems } from "~/models/public.server";
import { networkChoices, provinceCounts } from "~/models/replications-public.server";

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function urlEntry(loc: string, lastmod?: string | null): string {
  return `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod.slice(0, 10))}</lastmod>` : ""}</url>`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await publicContext(request);
  const origin = publicOrigin(request);
  const [items, network, counts] = await Promise.all([sitemapItems(db), networkChoices(db), provinceCounts(db)]);
  const parts = [urlEntry(`${origin}/`), urlEntry(`${origin}/innovations`)];
  for (const e of items.editions) parts.push(urlEntry(`${origin}/editions/${encodeURIComponent(e.slug)}`, e.updated_at));
  for (const w of items.winners) parts.push(urlEntry(`${origin}/editions/${encodeURIComponent(w.slug)}/winners`, w.published_at));
  for (const a of items.announcements) parts.push(urlEntry(`${origin}/announcements/${encodeURIComponent(a.id)}`, a.superseded_at ?? a.published_at));
  for (const i of items.innovations) parts.push(urlEntry(`${origin}/innovations/${encodeURIComponent(i.id)}`, i.updated_at));
  parts.push(urlEntry(`${origin}/replications/provinces`));
  for (const e of network.editions) parts.push(urlEntry(`${origin}/replications?edition=${encodeURIComponent(e.slug)}`));
  for (const p of counts) if (p.adopted + p.sourced > 0) parts.push(urlEntry(`${origin}/replications?province=${encodeURIComponent(p.code)}`));
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts.join("\n")}\n</urlset>\n`;
  return new Response(body, {
    headers: { ...publicCacheHeaders(request), "Content-Type": "application/xml; charset=utf-8" },
  });
}
