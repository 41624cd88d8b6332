import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { named, STATUS_BADGE, timeLeftText } from "~/components/proposal/text";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { getAgencyProposals } from "~/services/proposals.server";

export const meta: MetaFunction = () => [{ title: "Proposal instansi · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json(await getAgencyProposals(getDb(), actor, params.id ?? ""));
}

export default function AgencyProposals() {
  const { agency, proposals, openEditions, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader
        title={t("proposal.list.title")}
        lead={`${agency.name} (${agency.code})`}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
      />

      <section className="card" aria-labelledby="open-heading">
        <h2 id="open-heading">{t("proposal.list.open")}</h2>
        {openEditions.length === 0 ? (
          <EmptyState message="proposal.list.noOpen" />
        ) : (
          <ul>
            {openEditions.map((e) => (
              <li key={e.id}>
                <strong>{e.name}</strong> <span className="muted small">({e.organizerName})</span>
                <br />
                {t("proposal.deadline.closes", { time: formatWib(e.endsAt, locale) })}
                {e.minutesLeft !== null ? ` · ${timeLeftText(t, e.minutesLeft)}` : ""}
                <br />
                <span className="muted small">{e.groups.map((g) => named(g, locale)).join(", ")}</span>
                {canCreate ? (
                  <div className="actions">
                    <Link to={`/agency/${agency.id}/proposals/new?competition=${e.id}`} className="button" aria-label={t("proposal.list.createLabel", { edition: e.name })}>
                      {t("proposal.list.create")}
                    </Link>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("proposal.list.proposals")}</h2>
        {proposals.length === 0 ? (
          <EmptyState message="proposal.list.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("proposal.field.number")}</th>
                  <th scope="col">{t("proposal.field.title")}</th>
                  <th scope="col">{t("proposal.field.competition")}</th>
                  <th scope="col">{t("proposal.field.group")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("proposal.list.lastSaved")}</th>
                </tr>
              </thead>
              <tbody>
                {proposals.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/proposals/${p.number}`}>
                        <code>{p.number}</code>
                      </Link>
                    </td>
                    <th scope="row">{p.title || <span className="muted">{t("proposal.untitled")}</span>}</th>
                    <td>{p.competition_name}</td>
                    <td>{named({ nameId: p.group_name_id, nameEn: p.group_name_en }, locale)}</td>
                    <td>
                      <span className={STATUS_BADGE[p.status] ?? "badge"}>{t(`proposal.status.${p.status}` as MessageKey)}</span>
                    </td>
                    <td>{formatWib(p.updated_at, locale)}</td>
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
