import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { catalogueParams, parseCatalogueParams } from "~/domain/catalogue-query";
import { CLUSTERS } from "~/domain/roles";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { searchCatalogue } from "~/models/catalogue-search.server";
import { catalogueFacets } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, t, locale } = await publicContext(request);
  const url = new URL(request.url);
  // A malformed filter (only a hand-made URL can have one) is ignored here; the API refuses it.
  const { query } = parseCatalogueParams(url.searchParams);
  delete query.pageSize;
  const [result, facets] = await Promise.all([searchCatalogue(db, query), catalogueFacets(db)]);
  return json(
    {
      query,
      result,
      facets,
      meta: pageMeta({
        title: `${t("public.title")} · Sayembara`,
        description: t("public.catalogue.metaDescription"),
        url: canonicalUrl(request, "/innovations"),
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function CataloguePage() {
  const { query, result, facets } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (page: number) => `/innovations?${catalogueParams({ ...query, page })}`;
  const dataLink = (extra: Record<string, string>) => {
    const p = catalogueParams({ ...query, page: undefined }, extra);
    return `/api/public/innovations${p.size ? `?${p}` : ""}`;
  };
  const any = t("public.catalogue.any");
  return (
    <>
      <PageHeader title={t("public.title")} lead={t("public.catalogue.lead")} breadcrumb={<Link to="/">{t("nav.home")}</Link>} />
      <Form method="get" action="/innovations" className="card" role="search" aria-label={t("public.catalogue.filters")}>
        <TextField name="q" type="search" label={t("public.catalogue.q")} hint={t("public.catalogue.qHint")} defaultValue={query.q ?? ""} maxLength={200} />
        <div className="search-bar">
          <SelectField
            name="year"
            label={t("public.catalogue.year")}
            placeholder={any}
            defaultValue={query.year ? String(query.year) : ""}
            options={facets.years.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <SelectField
            name="category"
            label={t("public.catalogue.category")}
            placeholder={any}
            defaultValue={query.category ?? ""}
            options={facets.categories.map((c) => ({ value: c.key, label: locale === "en" ? c.nameEn || c.nameId : c.nameId }))}
          />
          <SelectField
            name="cluster"
            label={t("public.catalogue.cluster")}
            placeholder={any}
            defaultValue={query.cluster ?? ""}
            options={CLUSTERS.map((c) => ({ value: c, label: t(`cluster.${c}` as MessageKey) }))}
          />
          <SelectField
            name="province"
            label={t("public.catalogue.province")}
            placeholder={any}
            defaultValue={query.province ?? ""}
            options={facets.provinces.map((p) => ({ value: p.code, label: p.name }))}
          />
          <SelectField
            name="award"
            label={t("public.catalogue.award")}
            placeholder={any}
            defaultValue={query.award ?? ""}
            options={[
              { value: "winner", label: t("public.catalogue.award.winner") },
              ...facets.tiers.map((x) => ({ value: x.key, label: locale === "en" ? x.nameEn || x.nameId : x.nameId })),
              { value: "finalist", label: t("public.catalogue.award.finalist") },
              { value: "participant", label: t("public.catalogue.award.participant") },
            ]}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t("public.catalogue.search")}
          </button>
          <Link to="/innovations" className="button button-quiet">
            {t("public.catalogue.reset")}
          </Link>
        </div>
      </Form>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">
          {t("public.catalogue.results", { total: new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB").format(result.total) })}
        </h2>
        {result.rows.length === 0 ? (
          <EmptyState message="public.catalogue.none" />
        ) : (
          <ol className="plain-list" start={(result.page - 1) * result.pageSize + 1} style={{ listStyle: "none", padding: 0 }}>
            {result.rows.map((r) => (
              <li key={r.id} className="card">
                <h3>
                  <Link to={`/innovations/${r.id}`}>{r.title}</Link>
                </h3>
                <p className="muted small">
                  {r.agencyName}
                  {r.regionName ? ` · ${r.regionName}` : ""} · {r.editionName}
                </p>
                <p className="small">
                  <span className={r.stage === "winner" ? "badge badge-success" : "badge badge-muted"}>{t(`public.stage.${r.stage}` as MessageKey)}</span>{" "}
                  {r.stage === "winner" && (locale === "en" ? r.awardNameEn : r.awardNameId) ? <span>{locale === "en" ? r.awardNameEn : r.awardNameId}</span> : null}
                  {(locale === "en" ? r.categoryNameEn : r.categoryNameId) ? <span className="muted"> · {locale === "en" ? r.categoryNameEn : r.categoryNameId}</span> : null}
                </p>
                {r.summary ? <p>{r.summary.length >= 300 ? `${r.summary}…` : r.summary}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {pages > 1 ? (
          <nav className="pagination" aria-label={t("public.catalogue.pagination")}>
            {result.page > 1 ? (
              <Link to={pageLink(result.page - 1)} rel="prev">
                {t("public.catalogue.previous")}
              </Link>
            ) : null}
            <span>{t("public.catalogue.resultsPage", { page: result.page, pages })}</span>
            {result.page < pages ? (
              <Link to={pageLink(result.page + 1)} rel="next">
                {t("public.catalogue.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
        <div className="actions">
          <a href={dataLink({})} className="button button-quiet">
            {t("public.catalogue.downloadJson")}
          </a>
          <a href={dataLink({ format: "csv" })} className="button button-quiet">
            {t("public.catalogue.downloadCsv")}
          </a>
        </div>
      </section>
    </>
  );
}
