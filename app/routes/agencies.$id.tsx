import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { getAgencyDetail } from "~/services/agencies.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agency.name} · Sayembara` : "Instansi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireActor(request);
  const detail = await getAgencyDetail(getDb(), params.id ?? "");
  if (!detail) notFound();
  const created = new URL(request.url).searchParams.get("created") === "1";
  return json({ ...detail, created });
}

export default function AgencyDetail() {
  const { agency, children, created } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader
        title={agency.name}
        breadcrumb={<Link to="/agencies">{t("agencies.title")}</Link>}
        lead={t(`cluster.${agency.cluster}` as MessageKey)}
      />
      {created ? <Alert kind="success">{t("agencies.detail.created")}</Alert> : null}

      <section className="card">
        <dl className="meta">
          <dt>{t("agencies.detail.code")}</dt>
          <dd>
            <code>{agency.code}</code>
          </dd>
          <dt>{t("agencies.detail.cluster")}</dt>
          <dd>{t(`cluster.${agency.cluster}` as MessageKey)}</dd>
          <dt>{t("agencies.detail.province")}</dt>
          <dd>{agency.province_name ?? "—"}</dd>
          {agency.regency_name ? (
            <>
              <dt>{t("agencies.detail.regency")}</dt>
              <dd>{agency.regency_name}</dd>
            </>
          ) : null}
          <dt>{t("agencies.detail.parent")}</dt>
          <dd>{agency.parent_id ? <Link to={`/agencies/${agency.parent_id}`}>{agency.parent_name}</Link> : "—"}</dd>
          <dt>{t("agencies.detail.source")}</dt>
          <dd>
            {agency.organizer_id
              ? t("agencies.detail.addedBy", {
                  organizer: agency.organizer_name ?? "—",
                  date: formatWib(agency.created_at, locale, false),
                })
              : t("agencies.detail.reference")}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="children-heading">
        <h2 id="children-heading">{t("agencies.detail.children")}</h2>
        {children.length === 0 ? (
          <EmptyState message="agencies.detail.noChildren" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("agencies.col.code")}</th>
                  <th scope="col">{t("agencies.col.name")}</th>
                  <th scope="col">{t("agencies.col.cluster")}</th>
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>
                      <Link to={`/agencies/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{t(`cluster.${c.cluster}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
