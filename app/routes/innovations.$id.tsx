import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui/page";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { getPublicInnovation } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

/** A visible catalogue row; a hidden or unknown one is 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await publicContext(request);
  const i = await getPublicInnovation(db, params.id ?? "");
  if (!i) notFound();
  return json(
    {
      innovation: i,
      meta: pageMeta({
        title: `${i.title} · ${i.agencyName} · Sayembara`,
        description: i.summary || `${i.title} — ${i.agencyName}, ${i.editionName}.`,
        url: canonicalUrl(request, `/innovations/${i.id}`),
        type: "article",
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function InnovationPage() {
  const { innovation: i } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const award = locale === "en" ? i.awardNameEn || i.awardNameId : i.awardNameId;
  const category = locale === "en" ? i.categoryNameEn || i.categoryNameId : i.categoryNameId;
  const paragraphs = i.summary
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      <PageHeader title={i.title} lead={`${i.agencyName}${i.regionName ? ` · ${i.regionName}` : ""}`} breadcrumb={<Link to="/innovations">{t("public.innovation.back")}</Link>} />
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t("public.innovation.agency")}
        </h2>
        <dl className="meta">
          <dt>{t("public.innovation.agency")}</dt>
          <dd>{i.agencyName}</dd>
          <dt>{t("public.innovation.cluster")}</dt>
          <dd>{t(`cluster.${i.cluster}` as MessageKey)}</dd>
          {i.regionName ? (
            <>
              <dt>{t("public.innovation.region")}</dt>
              <dd>{i.regionName}</dd>
            </>
          ) : null}
          <dt>{t("public.innovation.edition")}</dt>
          <dd>{i.editionSlug ? <Link to={`/editions/${i.editionSlug}`}>{i.editionName}</Link> : i.editionName}</dd>
          {category ? (
            <>
              <dt>{t("public.innovation.category")}</dt>
              <dd>{category}</dd>
            </>
          ) : null}
          <dt>{t("public.innovation.stage")}</dt>
          <dd>{t(`public.stage.${i.stage}` as MessageKey)}</dd>
          {award ? (
            <>
              <dt>{t("public.innovation.award")}</dt>
              <dd>{award}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("public.innovation.summary")}</h2>
        {paragraphs.length === 0 ? <p className="muted">{t("public.innovation.noSummary")}</p> : paragraphs.map((p, n) => <p key={n}>{p}</p>)}
      </section>
      {i.listedIn.length > 0 ? (
        <section className="card" aria-labelledby="listed-heading">
          <h2 id="listed-heading">{t("public.innovation.listedIn")}</h2>
          <ul>
            {i.listedIn.map((a) => (
              <li key={a.id}>
                <Link to={`/announcements/${a.id}`}>
                  {a.number ?? t("public.announcement.noNumber")} — {a.title}
                </Link>{" "}
                <span className="muted small">
                  {t(`announcements.kind.${a.kind}` as MessageKey)} · {formatWib(a.publishedAt, locale, false)}
                  {(locale === "en" ? a.labelEn : a.labelId) ? ` · ${locale === "en" ? a.labelEn : a.labelId}` : ""}
                </span>{" "}
                {a.superseded ? <span className="badge badge-muted">{t("public.announcement.superseded")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="replications-heading">
        <h2 id="replications-heading">{t("public.innovation.replications")}</h2>
        <p className="muted">{t("public.innovation.replicationsSoon")}</p>
      </section>
    </>
  );
}
