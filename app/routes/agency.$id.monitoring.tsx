/**
 * /agency/:id/monitoring — the agency's sustainability reports: each
 * monitoring period that covers its catalogue innovations, each innovation
 * with its report (status, users served, note, evidence), and — for the
 * Admin Lokal while the period is open — the report form of the innovation
 * chosen with ?period=<id>&innovation=<id> (multipart, up to 5 evidence files).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { acceptAttribute, formatFileSize } from "~/domain/filetype";
import { SUSTAINABILITY_STATUSES } from "~/domain/monitoring";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { getAgencyMonitoring, submitReport } from "~/services/monitoring.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pemantauan keberlanjutan: ${data.agency.name} · Sayembara` : "Pemantauan keberlanjutan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getAgencyMonitoring(getDb(), actor, params.id ?? "");
  const url = new URL(request.url);
  return json({
    ...page,
    selected: { period: url.searchParams.get("period") ?? "", innovation: url.searchParams.get("innovation") ?? "" },
    saved: url.searchParams.get("notice") === "reported",
  });
}

interface ActionFailure {
  errors: FieldErrors;
  values: Record<string, string>;
  fileName?: string;
  /** The period the refused report was for. */
  period: string;
}

/** POST multipart/form-data to ?period=<id> (innovationId, status, usersServed, note, files…). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const agencyId = params.id ?? "";
  const periodId = new URL(request.url).searchParams.get("period") ?? "";
  const result = await submitReport(getDb(), actor, agencyId, periodId, request, { ip: clientIp(context) });
  if (!result.ok) {
    const tooLarge = result.errors.files === "monitoring.errors.fileTooLarge";
    return json<ActionFailure>({ errors: result.errors, values: result.values, fileName: result.fileName, period: periodId }, tooLarge ? 413 : 400);
  }
  return redirect(`/agency/${encodeURIComponent(agencyId)}/monitoring?notice=reported#report-${encodeURIComponent(periodId)}`);
}

export default function AgencyMonitoring() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB");
  const base = `/agency/${encodeURIComponent(d.agency.id)}/monitoring`;
  // After a refusal the form of the innovation that was sent stays open.
  const selectedInnovation = a?.values.innovationId ?? d.selected.innovation;
  return (
    <>
      <PageHeader title={t("monitoring.title")} lead={t("monitoring.agency.lead", { agency: `${d.agency.name} (${d.agency.code})` })} breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>} />
      {d.saved && !a ? <Alert kind="success">{t("monitoring.agency.reported")}</Alert> : null}
      {!d.canReport ? <Alert kind="info">{t("monitoring.agency.onlyAdminLokal")}</Alert> : null}
      {d.periods.length === 0 ? <EmptyState message="monitoring.agency.empty" /> : null}
      {d.periods.map((p) => {
        const formInnovation = d.canReport && p.state === "open" && (a ? a.period === p.id : d.selected.period === p.id) ? p.innovations.find((i) => i.id === selectedInnovation) : undefined;
        const failure = formInnovation && a ? a : undefined;
        return (
          <section className="card" key={p.id} id={`report-${p.id}`} aria-labelledby={`period-${p.id}`}>
            <h2 id={`period-${p.id}`}>{p.name}</h2>
            <p className="muted">
              {p.organizerName} · {t(`monitoring.state.${p.state}` as MessageKey)} · {t("monitoring.window", { start: formatWib(p.startsAt, locale), end: formatWib(p.endsAt, locale) })}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("monitoring.col.innovation")}</th>
                    <th scope="col">{t("monitoring.col.state")}</th>
                    <th scope="col">{t("monitoring.col.note")}</th>
                    <th scope="col">{t("monitoring.agency.evidence")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.innovations.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        <Link to={`/innovations/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                        <div className="muted small">{i.edition}</div>
                        {d.canReport && p.state === "open" ? (
                          <div className="small">
                            <Link to={`${base}?period=${encodeURIComponent(p.id)}&innovation=${encodeURIComponent(i.id)}#form-${p.id}`}>
                              {i.report ? t("monitoring.agency.update") : t("monitoring.agency.submit")}
                            </Link>
                          </div>
                        ) : null}
                      </th>
                      <td>
                        {i.report ? (
                          <>
                            {t(`monitoring.status.${i.report.status}` as MessageKey)}
                            {i.report.usersServed !== null ? <div className="small">{t("monitoring.usersServed", { count: num.format(i.report.usersServed) })}</div> : null}
                            <div className="muted small">{t("monitoring.agency.lastReport", { date: formatWib(i.report.updatedAt, locale) })}</div>
                          </>
                        ) : (
                          <span className="muted">{t("monitoring.agency.notReported")}</span>
                        )}
                      </td>
                      <td style={{ whiteSpace: "pre-wrap" }}>{i.report?.note || "—"}</td>
                      <td>
                        {i.report && i.report.files.length > 0 ? (
                          <ul>
                            {i.report.files.map((f) => (
                              <li key={f.id}>
                                <a href={`/monitoring/reports/${i.report!.id}/files/${f.id}`} download>
                                  {f.name} ({formatFileSize(f.sizeBytes, locale)})
                                </a>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {formInnovation ? (
              <Form method="post" encType="multipart/form-data" action={`${base}?period=${encodeURIComponent(p.id)}`} id={`form-${p.id}`} noValidate>
                <h3>{formInnovation.title}</h3>
                <FormErrors errors={failure?.errors} />
                <input type="hidden" name="innovationId" value={formInnovation.id} />
                <SelectField
                  name="status"
                  label={t("monitoring.field.status")}
                  placeholder=""
                  options={SUSTAINABILITY_STATUSES.map((s) => ({ value: s, label: t(`monitoring.status.${s}` as MessageKey) }))}
                  defaultValue={failure?.values.status ?? formInnovation.report?.status ?? ""}
                  errors={failure?.errors}
                  required
                />
                <TextField
                  name="usersServed"
                  inputMode="numeric"
                  label={t("monitoring.field.usersServed")}
                  hint={t("monitoring.field.usersServedHint")}
                  defaultValue={failure?.values.usersServed ?? (formInnovation.report?.usersServed ?? "").toString()}
                  errors={failure?.errors}
                  maxLength={20}
                />
                <TextAreaField
                  name="note"
                  label={t("monitoring.field.note")}
                  hint={t("monitoring.field.noteHint")}
                  defaultValue={failure?.values.note ?? formInnovation.report?.note ?? ""}
                  errors={failure?.errors}
                  rows={5}
                  maxLength={5000}
                />
                <div className="field">
                  <label htmlFor="files">{t("monitoring.field.files")}</label>
                  <input
                    id="files"
                    name="files"
                    type="file"
                    multiple
                    accept={acceptAttribute(["pdf", "jpeg", "png"])}
                    aria-invalid={failure?.errors.files ? true : undefined}
                    aria-describedby={failure?.errors.files ? "files-error" : undefined}
                  />
                  {failure?.errors.files ? (
                    <span className="error" id="files-error" role="alert">
                      {failure.fileName ? `${failure.fileName}: ` : ""}
                      {t(failure.errors.files)}
                    </span>
                  ) : null}
                </div>
                <div className="actions">
                  <button type="submit" className="button" disabled={busy}>
                    {formInnovation.report ? t("monitoring.agency.update") : t("monitoring.agency.submit")}
                  </button>
                  <Link to={base} className="button button-secondary">
                    {t("common.cancel")}
                  </Link>
                </div>
              </Form>
            ) : null}
          </section>
        );
      })}
      {a && !(d.canReport && d.periods.some((p) => p.id === a.period && p.state === "open" && p.innovations.some((i) => i.id === selectedInnovation))) ? (
        <section className="card" aria-labelledby="refused-heading">
          <h2 id="refused-heading">{t("errors.title")}</h2>
          <FormErrors errors={a.errors} />
        </section>
      ) : null}
    </>
  );
}
