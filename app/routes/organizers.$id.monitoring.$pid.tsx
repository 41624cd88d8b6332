/**
 * /organizers/:id/monitoring/:pid — one monitoring period for its organizer:
 * reporting progress per agency, the reminder button (agencies that have not
 * reported in full; once per agency per WIB day), and the dashboards: status
 * by edition, province and cluster, innovations that stopped, the most
 * replicated innovations and the agencies that replicate most.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { MonitoringStatusTable } from "~/components/monitoring-status-table";
import { Alert, EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { isMessageKey, type MessageKey } from "~/i18n";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { clientIp } from "~/lib/http.server";
import { publicOrigin } from "~/lib/origin.server";
import { getPeriodDashboard, sendReminders } from "~/services/monitoring.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.period.name} · Pemantauan keberlanjutan · Sayembara` : "Pemantauan keberlanjutan · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getPeriodDashboard(getDb(), actor, params.id ?? "", params.pid ?? "");
  const url = new URL(request.url);
  const reminded = url.searchParams.get("reminded");
  const skipped = url.searchParams.get("skipped");
  return json({
    ...page,
    created: url.searchParams.get("notice") === "created",
    reminded: reminded !== null ? { reminded: Number(reminded) || 0, skipped: Number(skipped) || 0 } : null,
  });
}

/** POST (no fields): remind the agencies that have not reported. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizerId = params.id ?? "";
  const periodId = params.pid ?? "";
  const r = await sendReminders(getDb(), actor, organizerId, periodId, { origin: publicOrigin(request), ip: clientIp(context) });
  if (!r.ok) return json({ error: r.error ?? ("errors.invalid" as MessageKey) }, 400);
  return redirect(`/organizers/${encodeURIComponent(organizerId)}/monitoring/${encodeURIComponent(periodId)}?reminded=${r.reminded}&skipped=${r.skipped}#progress`);
}

export default function MonitoringPeriod() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB");
  const o = d.dashboard.overall;
  const clusterLabel = (r: { key: string }) => (isMessageKey(`cluster.${r.key}`) ? t(`cluster.${r.key}` as MessageKey) : r.key);
  return (
    <>
      <PageHeader
        title={d.period.name}
        lead={`${t(`monitoring.state.${d.period.state}` as MessageKey)} · ${t("monitoring.window", { start: formatWib(d.period.startsAt, locale), end: formatWib(d.period.endsAt, locale) })} · ${d.period.editions.map((e) => e.name).join(", ")}`}
        breadcrumb={<Link to={`/organizers/${encodeURIComponent(d.organizer.id)}/monitoring`}>{t("monitoring.title")}</Link>}
      />
      {d.created ? <Alert kind="success">{t("monitoring.organizer.created")}</Alert> : null}
      {d.reminded && !a ? <Alert kind="success">{t("monitoring.period.reminded", { reminded: d.reminded.reminded, skipped: d.reminded.skipped })}</Alert> : null}
      {a?.error ? <Alert kind="error">{t(a.error)}</Alert> : null}

      <section className="card" aria-labelledby="progress-heading" id="progress">
        <h2 id="progress-heading">{t("monitoring.period.progress")}</h2>
        <p>{t("monitoring.period.progressLead", { reported: num.format(o.total - o.notReported), total: num.format(o.total), due: num.format(d.due) })}</p>
        {d.canRemind ? (
          <Form method="post">
            <p className="muted small">{t("monitoring.period.remindHint")}</p>
            <button type="submit" className="button" disabled={busy || d.due === 0}>
              {t("monitoring.period.remind")}
            </button>
          </Form>
        ) : (
          <p className="muted small">{t("monitoring.period.remindClosed")}</p>
        )}
        {d.agencies.length === 0 ? (
          <EmptyState message="monitoring.period.agenciesEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col.agency")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("monitoring.col.reported")}
                  </th>
                  <th scope="col">{t("monitoring.col.lastReminder")}</th>
                </tr>
              </thead>
              <tbody>
                {d.agencies.map((g) => (
                  <tr key={g.id}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {g.name}
                    </th>
                    <td style={{ textAlign: "right" }}>
                      {num.format(g.reported)} / {num.format(g.total)}
                    </td>
                    <td>{formatWib(g.lastReminderAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="dash-heading">
        <h2 id="dash-heading">{t("monitoring.dash.title")}</h2>
        <MonitoringStatusTable rows={d.dashboard.byEdition} caption={t("monitoring.dash.byEdition")} />
        <MonitoringStatusTable rows={d.dashboard.byProvince} caption={t("monitoring.dash.byProvince")} />
        <MonitoringStatusTable rows={d.dashboard.byCluster} caption={t("monitoring.dash.byCluster")} labelOf={clusterLabel} />
      </section>

      <section className="card" aria-labelledby="stopped-heading">
        <h2 id="stopped-heading">{t("monitoring.dash.stopped")}</h2>
        {d.stopped.length === 0 ? (
          <EmptyState message="monitoring.dash.stoppedEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col.innovation")}</th>
                  <th scope="col">{t("monitoring.col.agency")}</th>
                  <th scope="col">{t("monitoring.col.edition")}</th>
                  <th scope="col">{t("monitoring.col.note")}</th>
                </tr>
              </thead>
              <tbody>
                {d.stopped.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/innovations/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                    </th>
                    <td>{s.agencyName}</td>
                    <td>{s.edition}</td>
                    <td style={{ whiteSpace: "pre-wrap" }}>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="replicated-heading">
        <h2 id="replicated-heading">{t("monitoring.dash.mostReplicated")}</h2>
        <p className="muted small">{t("monitoring.dash.replicationsNote")}</p>
        {d.mostReplicated.length === 0 ? (
          <EmptyState message="monitoring.dash.replicationsEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col.innovation")}</th>
                  <th scope="col">{t("monitoring.col.agency")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("monitoring.dash.replications")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.mostReplicated.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/innovations/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                    </th>
                    <td>{r.agencyName}</td>
                    <td style={{ textAlign: "right" }}>{num.format(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="replicators-heading">
        <h2 id="replicators-heading">{t("monitoring.dash.topReplicators")}</h2>
        {d.topReplicators.length === 0 ? (
          <EmptyState message="monitoring.dash.replicationsEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col.agency")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("monitoring.dash.replications")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.topReplicators.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {r.name}
                    </th>
                    <td style={{ textAlign: "right" }}>{num.format(r.count)}</td>
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
