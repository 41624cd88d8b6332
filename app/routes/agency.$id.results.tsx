import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { DecisionBadge, DecisionReasons } from "~/components/screening";
import { Alert, EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { getAgencyResults } from "~/services/screening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Hasil seleksi administrasi: ${data.agency.name} · Sayembara` : "Hasil seleksi administrasi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json(await getAgencyResults(getDb(), actor, params.id ?? ""));
}

export default function AgencyResults() {
  const { agency, competitions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader
        title={t("screening.results.title")}
        lead={t("screening.results.lead", { agency: `${agency.name} (${agency.code})` })}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
      />
      {competitions.length === 0 ? <EmptyState message="screening.results.empty" /> : null}
      {competitions.map((c) => (
        <section key={c.id} className="card" aria-labelledby={`competition-${c.id}`}>
          <h2 id={`competition-${c.id}`}>{c.name}</h2>
          <p className="muted small">{c.organizerName}</p>
          {!c.publishedAt ? (
            <Alert kind="info">{t("screening.results.notPublished")}</Alert>
          ) : (
            <>
              <p className="muted">{t("screening.results.publishedAt", { date: formatWib(c.publishedAt, locale) })}</p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("screening.queue.number")}</th>
                      <th scope="col">{t("screening.results.proposalTitle")}</th>
                      <th scope="col">{t("screening.proposal.group")}</th>
                      <th scope="col">{t("screening.decide.result")}</th>
                      <th scope="col">{t("screening.results.reasons")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.proposals.map((p) => (
                      <tr key={p.number}>
                        <th scope="row">
                          <code>{p.number}</code>
                        </th>
                        <td>{p.title || <span className="muted">{t("screening.queue.untitled")}</span>}</td>
                        <td>{(locale === "en" ? p.groupNameEn : p.groupNameId) || "—"}</td>
                        <td>
                          <DecisionBadge result={p.result} />
                        </td>
                        <td>
                          {p.reasons.length === 0 && !p.note ? "—" : <DecisionReasons reasons={p.reasons} note={p.note} />}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ))}
    </>
  );
}
