import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { getAgencyCertificates } from "~/services/certificates.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Piagam penghargaan: ${data.agency.name} · Sayembara` : "Piagam penghargaan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json(await getAgencyCertificates(getDb(), actor, params.id ?? ""));
}

export default function AgencyCertificates() {
  const { agency, certificates } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader
        title={t("certificates.title")}
        lead={t("certificates.agency.lead", { agency: `${agency.name} (${agency.code})` })}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
      />
      {certificates.length === 0 ? (
        <EmptyState message="certificates.agency.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("certificates.list.edition")}</th>
                <th scope="col">{t("certificates.list.innovation")}</th>
                <th scope="col">{t("certificates.list.tier")}</th>
                <th scope="col">{t("certificates.list.code")}</th>
                <th scope="col">{t("certificates.list.issuedOn")}</th>
                <th scope="col">{t("certificates.list.status")}</th>
                <th scope="col">{t("certificates.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td>{c.competitionName}</td>
                  <th scope="row">{c.innovationTitle}</th>
                  <td>{locale === "en" && c.tierNameEn ? c.tierNameEn : c.tierNameId}</td>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>{formatWib(`${c.issuedOn}T05:00:00.000Z`, locale, false)}</td>
                  <td>
                    {c.revokedAt ? (
                      <>
                        <span className="badge badge-danger">{t("certificates.status.revoked")}</span>
                        <div className="small muted">{t("certificates.list.revokedOn", { date: formatWib(c.revokedAt, locale) })}</div>
                        {c.revokeReason ? <div className="small">{c.revokeReason}</div> : null}
                      </>
                    ) : (
                      <span className="badge badge-success">{t("certificates.status.valid")}</span>
                    )}
                  </td>
                  <td>
                    {c.revokedAt ? null : (
                      <>
                        <a href={`/certificates/${c.id}/pdf`} aria-label={t("certificates.downloadLabel", { code: c.code })}>
                          {t("certificates.download")}
                        </a>
                        {" · "}
                      </>
                    )}
                    <Link to={`/verify/${c.code}`}>{t("certificates.verifyLink")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
