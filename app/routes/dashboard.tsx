import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { isMessageKey, type MessageKey } from "~/i18n";
import { getDashboard } from "~/services/dashboard.server";

export const meta: MetaFunction = () => [{ title: "Dasbor · Sayembara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const dashboard = await getDashboard(getDb(), actor);
  const hasRole = actor.isPlatformAdmin || actor.memberships.length > 0;
  return json({ name: actor.name, hasRole, isPlatformAdmin: actor.isPlatformAdmin, ...dashboard });
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("dashboard.title")} lead={t("dashboard.welcome", { name: d.name })} />
      {!d.hasRole ? <EmptyState message="dashboard.noRoles" /> : null}

      {d.notifications.length > 0 ? (
        <section className="card" aria-labelledby="notifications-heading">
          <h2 id="notifications-heading">
            {t("announcements.notifications.heading")} ({d.notifications.length})
          </h2>
          <ul className="notifications">
            {d.notifications.map((n) => (
              <li key={n.id}>
                <p>
                  {isMessageKey(n.messageKey) ? t(n.messageKey, n.params) : n.messageKey}{" "}
                  <span className="muted small">{formatWib(n.createdAt, locale)}</span>
                </p>
                <div className="actions">
                  {n.link ? (
                    <Form method="post" action={`/notifications/${n.id}/read`}>
                      <input type="hidden" name="next" value={n.link} />
                      <button type="submit" className="button button-secondary">
                        {t("announcements.notifications.open")}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" action={`/notifications/${n.id}/read`}>
                    <button type="submit" className="button button-quiet">
                      {t("announcements.notifications.markRead")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.isPlatformAdmin ? (
        <section className="card" aria-labelledby="platform-heading">
          <h2 id="platform-heading">{t("dashboard.platform.title")}</h2>
          <h3>{t("dashboard.platform.organizers")}</h3>
          {d.platformOrganizers.length === 0 ? <EmptyState message="dashboard.platform.noOrganizers" /> : null}
          <ul>
            {d.platformOrganizers.map((o) => (
              <li key={o.id}>
                <Link to={`/organizers/${o.id}`}>{o.name}</Link>{" "}
                <span className="muted small">({t(`organizer.kind.${o.kind}` as MessageKey)})</span>
              </li>
            ))}
          </ul>
          <div className="actions">
            <Link to="/admin/organizers" className="button">
              {t("dashboard.platform.newOrganizer")}
            </Link>
            <Link to="/admin/outbox" className="button button-secondary">
              {t("dashboard.platform.outbox")}
            </Link>
          </div>
        </section>
      ) : null}

      {d.organizers.map((o) => (
        <section key={o.id} className="card" aria-labelledby={`org-${o.id}`}>
          <h2 id={`org-${o.id}`}>{t("dashboard.organizer.title", { name: o.name })}</h2>
          <h3>{t("dashboard.organizer.competitions")}</h3>
          {o.competitions.length === 0 ? (
            <EmptyState message="dashboard.organizer.noCompetitions" />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("competition.name")}</th>
                    <th scope="col">{t("competition.year")}</th>
                    <th scope="col">{t("competition.registration")}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.competitions.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/competitions/${c.slug}`}>{c.name}</Link>
                      </td>
                      <td>{c.year}</td>
                      <td>{formatWib(c.registration_ends_at, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="actions">
            <Link to={`/organizers/${o.id}/competitions/new`} className="button">
              {t("dashboard.organizer.newCompetition")}
            </Link>
            <Link to={`/organizers/${o.id}`} className="button button-secondary">
              {t("dashboard.organizer.manage")}
            </Link>
          </div>
        </section>
      ))}

      {d.agencies.map((a) => (
        <section key={a.id} className="card" aria-labelledby={`agency-${a.id}`}>
          <h2 id={`agency-${a.id}`}>
            {a.isAdminLokal ? t("dashboard.agency.title", { name: a.name }) : t("dashboard.innovator.title", { name: a.name })}
          </h2>
          <p className="muted small">
            {a.code} · {t(`cluster.${a.cluster}` as MessageKey)}
            {a.province_name ? ` · ${a.province_name}` : ""}
          </p>
          {a.isAdminLokal ? (
            <>
              <p>
                <strong>{t("dashboard.agency.innovators")}:</strong> {t("dashboard.count", { count: a.innovator_count })}
              </p>
              <div className="actions">
                <Link to={`/agency/${a.id}/proposals`} className="button">
                  {t("dashboard.agency.proposalsLink")}
                </Link>
                <Link to={`/agency/${a.id}/results`} className="button button-secondary">
                  {t("dashboard.agency.resultsLink")}
                </Link>
                <Link to={`/agency/${a.id}/innovators`} className="button button-secondary">
                  {t("dashboard.agency.manage")}
                </Link>
                <Link to={`/agency/${a.id}/objections`} className="button button-secondary">
                  {t("objections.title")}
                </Link>
                <Link to={`/agency/${a.id}/replications`} className="button button-secondary">
                  {t("replications.title")}
                </Link>
                <Link to={`/agency/${a.id}/monitoring`} className="button button-secondary">
                  {t("monitoring.title")}
                </Link>
                <Link to={`/agency/${a.id}/certificates`} className="button button-secondary">
                  {t("certificates.title")}
                </Link>
                <Link to={`/agency/${a.id}/conflicts`} className="button button-quiet">
                  {t("conflicts.agency.title")}
                </Link>
              </div>
            </>
          ) : (
            <>
              <p>{t("dashboard.innovator.body")}</p>
              <div className="actions">
                <Link to={`/agency/${a.id}/proposals`} className="button">
                  {t("dashboard.agency.proposalsLink")}
                </Link>
                <Link to={`/agency/${a.id}/results`} className="button button-secondary">
                  {t("dashboard.agency.resultsLink")}
                </Link>
                <Link to={`/agency/${a.id}/certificates`} className="button button-secondary">
                  {t("certificates.title")}
                </Link>
              </div>
            </>
          )}
        </section>
      ))}

      {d.jurorCompetitions.length > 0 ? (
        <section className="card" aria-labelledby="juror-heading">
          <h2 id="juror-heading">{t("dashboard.juror.title")}</h2>
          <h3>{t("dashboard.juror.competitions")}</h3>
          <ul>
            {d.jurorCompetitions.map((c) => (
              <li key={c.id}>
                <Link to={`/competitions/${c.slug}`}>{c.name}</Link>{" "}
                <span className="muted small">
                  ({c.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ")}) · {c.organizer_name}
                </span>{" "}
                · <Link to={`/juror/${c.slug}`} aria-label={`${t("juror.open")}: ${c.name}`}>{t("juror.open")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
