/**
 * GET /replications?edition=<slug> | ?province=<code> — the public
 * replication network of an edition or a province: an SVG graph (sources →
 * adopters, laid out by app/domain/replication-network.ts) with a text
 * alternative (its description) and the authoritative table. Only public
 * replications (confirmed or verified). Cacheable like every public page.
 */
import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { EmptyState, SelectField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { focusNetwork, layoutNetwork } from "~/domain/replication-network";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { networkChoices, networkEdgesFor } from "~/models/replications-public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

const MAX_LABEL = 34;
const NETWORK_MAX_SOURCES = 20;
const NETWORK_MAX_ADOPTERS = 12;
const NETWORK_TABLE_PAGE_SIZE = 100;
const short = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, t } = await publicContext(request);
  const url = new URL(request.url);
  const choices = await networkChoices(db);
  const editionParam = url.searchParams.get("edition") || null;
  const provinceParam = url.searchParams.get("province") || null;
  // Unknown values are ignored (no scope), never an error page.
  const edition = editionParam ? (choices.editions.find((e) => e.slug === editionParam) ?? null) : null;
  const province = !edition && provinceParam ? (choices.provinces.find((p) => p.code === provinceParam) ?? null) : null;
  const edges = edition || province ? await networkEdgesFor(db, { edition: edition?.slug ?? null, province: province?.code ?? null }) : [];
  const scope = edition ? edition.name : province ? province.name : null;
  // A province or a national edition may hold thousands of replications: the drawing keeps the most
  // replicated sources (focusNetwork), the table is paged, the open data link gives everything.
  const focus = focusNetwork(edges, { maxSources: NETWORK_MAX_SOURCES, maxAdoptersPerSource: NETWORK_MAX_ADOPTERS });
  const layout = layoutNetwork(focus.edges.map((e) => ({ sourceId: e.sourceId, sourceLabel: e.sourceLabel, adopterId: e.adopterId, adopterLabel: e.adopterLabel })));
  const pages = Math.max(1, Math.ceil(edges.length / NETWORK_TABLE_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.floor(Number(url.searchParams.get("page") ?? "1")) || 1));
  return json(
    {
      choices,
      edition: edition?.slug ?? null,
      province: province?.code ?? null,
      scope,
      layout,
      focus: { totalEdges: focus.totalEdges, totalSources: focus.totalSources, shownSources: focus.shownSources, shownEdges: focus.edges.length, truncated: focus.truncated },
      page,
      pages,
      rows: edges.slice((page - 1) * NETWORK_TABLE_PAGE_SIZE, page * NETWORK_TABLE_PAGE_SIZE).map((e) => e.replication),
      meta: pageMeta({
        title: `${t("replicationsPublic.title")}${scope ? ` · ${scope}` : ""} · Sayembara`,
        description: t("replicationsPublic.network.lead"),
        url: canonicalUrl(request, "/replications"),
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function ReplicationNetwork() {
  const { choices, edition, province, scope, layout, focus, page, pages, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const uid = useId();
  const sources = layout.nodes.filter((n) => n.side === "source").length;
  const adopters = layout.nodes.length - sources;
  const query = edition ? `?edition=${encodeURIComponent(edition)}` : province ? `?province=${encodeURIComponent(province)}` : "";
  return (
    <>
      <PageHeader title={t("replicationsPublic.title")} lead={t("replicationsPublic.network.lead")} />
      <section className="card" aria-labelledby="scope-heading">
        <h2 id="scope-heading">{t("replicationsPublic.network.scope")}</h2>
        <Form method="get" className="filters">
          <SelectField
            name="edition"
            label={t("replicationsPublic.network.edition")}
            defaultValue={edition ?? ""}
            placeholder={t("replicationsPublic.network.any")}
            options={choices.editions.map((e) => ({ value: e.slug, label: e.name }))}
          />
          <SelectField
            name="province"
            label={t("replicationsPublic.network.province")}
            defaultValue={province ?? ""}
            placeholder={t("replicationsPublic.network.any")}
            options={choices.provinces.map((p) => ({ value: p.code, label: p.name }))}
          />
          <button type="submit">{t("replicationsPublic.network.show")}</button>
        </Form>
        <p className="small">
          <Link to="/replications/provinces">{t("replicationsPublic.network.provincesLink")}</Link> ·{" "}
          <a href={`/api/public/replications${query}`}>{t("replicationsPublic.network.openData")}</a>
        </p>
      </section>
      {!scope ? (
        <p className="muted">{t("replicationsPublic.network.pickScope")}</p>
      ) : focus.totalEdges === 0 ? (
        <EmptyState message="replicationsPublic.network.empty" />
      ) : (
        <section className="card" aria-labelledby="graph-heading">
          <h2 id="graph-heading">{scope}</h2>
          <svg
            role="img"
            aria-labelledby={`${uid}-title ${uid}-desc`}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            width="100%"
            style={{ maxWidth: `${layout.width}px`, display: "block" }}
            className="replication-network"
          >
            <title id={`${uid}-title`}>{t("replicationsPublic.network.chartTitle", { scope })}</title>
            <desc id={`${uid}-desc`}>{t("replicationsPublic.network.chartDesc", { edges: focus.shownEdges, sources, adopters })}</desc>
            <text x={layout.nodes.find((n) => n.side === "source")?.x ?? 0} y={12} textAnchor="end" fontSize="11" fill="#5b6573">
              {t("replicationsPublic.network.sources")}
            </text>
            <text x={layout.nodes.find((n) => n.side === "adopter")?.x ?? 0} y={12} fontSize="11" fill="#5b6573">
              {t("replicationsPublic.network.adopters")}
            </text>
            {layout.edges.map((e) => (
              <line key={`${e.from}>${e.to}`} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} stroke="#0b4f8a" strokeOpacity="0.5" strokeWidth={Math.min(6, e.count)} />
            ))}
            {layout.nodes.map((n) => (
              <g key={n.key}>
                <circle cx={n.x} cy={n.y} r={Math.min(9, 3 + n.degree)} fill={n.side === "source" ? "#c8102e" : "#0b4f8a"} />
                <text
                  x={n.side === "source" ? n.x - 12 : n.x + 12}
                  y={n.y}
                  textAnchor={n.side === "source" ? "end" : "start"}
                  dominantBaseline="central"
                  fontSize="12"
                  fill="#1b2430"
                >
                  <title>{n.label}</title>
                  {short(n.label)}
                </text>
              </g>
            ))}
          </svg>
          {focus.truncated ? (
            <p className="muted small">
              {t("replicationsPublic.network.truncated", {
                shownSources: focus.shownSources,
                sources: focus.totalSources,
                perSource: NETWORK_MAX_ADOPTERS,
                shownEdges: focus.shownEdges,
                edges: focus.totalEdges,
              })}
            </p>
          ) : null}
          {pages > 1 ? (
            <>
              <p className="muted small">
                {t("replicationsPublic.network.rowsShown", {
                  total: focus.totalEdges,
                  from: (page - 1) * NETWORK_TABLE_PAGE_SIZE + 1,
                  to: (page - 1) * NETWORK_TABLE_PAGE_SIZE + rows.length,
                })}
              </p>
              <nav className="pagination" aria-label={t("replicationsPublic.network.tablePages")}>
                {page > 1 ? (
                  <Link to={`/replications${query}${page > 2 ? `&page=${page - 1}` : ""}`} rel="prev">
                    {t("public.catalogue.previous")}
                  </Link>
                ) : null}
                <span>{t("public.catalogue.resultsPage", { page, pages })}</span>
                {page < pages ? (
                  <Link to={`/replications${query}&page=${page + 1}`} rel="next">
                    {t("public.catalogue.next")}
                  </Link>
                ) : null}
              </nav>
            </>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption style={{ textAlign: "left", padding: "0.6rem 0.8rem", fontWeight: 600 }}>{t("replicationsPublic.network.tableCaption", { scope })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("replicationsPublic.col.source")}</th>
                  <th scope="col">{t("replicationsPublic.col.sourceAgency")}</th>
                  <th scope="col">{t("replicationsPublic.col.adopter")}</th>
                  <th scope="col">{t("replicationsPublic.col.where")}</th>
                  <th scope="col">{t("replicationsPublic.col.stage")}</th>
                  <th scope="col">{t("replicationsPublic.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {r.sourceInnovationId ? <Link to={`/innovations/${r.sourceInnovationId}`}>{r.sourceTitle}</Link> : r.sourceTitle}
                    </th>
                    <td>{r.sourceAgencyName}</td>
                    <td>{r.adopterName}</td>
                    <td>{r.adopterProvinceName ?? "—"}</td>
                    <td>{t(`replicationsPublic.stage.${r.stage}` as MessageKey)}</td>
                    <td>{t(`replicationsPublic.status.${r.status}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
