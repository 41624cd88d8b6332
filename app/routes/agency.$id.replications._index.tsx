/**
 * /agency/:id/replications — the agency's replications: the ones it adopts,
 * the ones of its innovations (confirm or dispute), and the start form
 * (search the catalogue with ?q=, ?innovation=<id> preselects one, or an
 * external source). Works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { wibDate } from "~/domain/replication";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { getAgencyReplications, respondToReplication, startReplication, type ReplicationSummary } from "~/services/replications.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Replikasi: ${data.agency.name} · Sayembara` : "Replikasi · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getAgencyReplications(getDb(), actor, params.id ?? "", { q: url.searchParams.get("q"), innovation: url.searchParams.get("innovation") });
  return json({ ...page, today: wibDate(new Date()), notice: url.searchParams.get("notice") === "responded" ? "responded" : null });
}

const RespondForm = z.object({ intent: z.literal("respond"), replicationId: z.string().min(1).max(64), response: z.string().optional(), note: z.string().optional() });

interface ActionFailure {
  form: "start" | "respond";
  replicationId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const agencyId = params.id ?? "";
  const origin = new URL(request.url).origin;
  const ctx = { ip: clientIp(context), origin };
  const fd = await request.formData();
  const values = formValues(fd);
  if (values.intent === "respond") {
    const parsed = parseForm(RespondForm, fd);
    if (!parsed.ok) return json<ActionFailure>({ form: "respond", errors: { _form: "errors.invalid" }, values }, 400);
    const r = await respondToReplication(db, actor, agencyId, parsed.data.replicationId, { response: parsed.data.response as "confirmed", note: parsed.data.note }, ctx);
    if (!r.ok) return json<ActionFailure>({ form: "respond", replicationId: parsed.data.replicationId, errors: r.errors, values }, 400);
    return redirect(`/agency/${encodeURIComponent(agencyId)}/replications?notice=responded`);
  }
  const r = await startReplication(
    db,
    actor,
    agencyId,
    {
      source: values.source as "innovation",
      innovationId: values.innovationId,
      sourceTitle: values.sourceTitle,
      sourceAgencyName: values.sourceAgencyName,
      sourceYear: values.sourceYear,
      title: values.title ?? "",
      happenedOn: values.happenedOn ?? "",
      note: values.note,
      differences: values.differences,
      facilitatorCode: values.facilitatorCode,
    },
    ctx,
  );
  if (!r.ok) return json<ActionFailure>({ form: "start", errors: r.errors, values }, 400);
  return redirect(`/agency/${encodeURIComponent(agencyId)}/replications/${r.id}`);
}

function ResponseBadge({ r }: { r: ReplicationSummary }) {
  const t = useT();
  return <span className="badge">{t(`replications.response.${r.sourceResponse}` as MessageKey)}</span>;
}

function ReplicationTable({ rows, agencyId, who }: { rows: ReplicationSummary[]; agencyId: string; who: "source" | "adopter" }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("replications.field.title")}</th>
            <th scope="col">{who === "source" ? t("replications.source") : t("replications.adopter")}</th>
            <th scope="col">{t("replications.stageCol")}</th>
            <th scope="col">{t("replications.statusCol")}</th>
            <th scope="col">{t("replications.responseCol")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} id={`replication-${r.id}`}>
              <th scope="row">
                <Link to={`/agency/${encodeURIComponent(agencyId)}/replications/${r.id}`}>{r.title}</Link>
              </th>
              <td>{who === "source" ? `${r.source.title} — ${r.source.agencyName}${r.source.year ? ` (${r.source.year})` : ""}` : r.adopter.name}</td>
              <td>{t(`replications.stage.${r.stage}` as MessageKey)}</td>
              <td>{t(`replications.status.${r.status}` as MessageKey)}</td>
              <td>
                <ResponseBadge r={r} /> {r.public ? <span className="muted small">· {t("replications.public")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AgencyReplications() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const startFail = a?.form === "start" ? a : undefined;
  const v = startFail?.values ?? {};
  const chosen = v.innovationId ?? d.preselected?.id ?? "";
  const innovationOptions = [
    ...(d.preselected ? [{ value: d.preselected.id, label: `${d.preselected.title} — ${d.preselected.agencyName} (${d.preselected.year})` }] : []),
    ...d.search.results.filter((r) => r.id !== d.preselected?.id).map((r) => ({ value: r.id, label: `${r.title} — ${r.agencyName} (${r.year})` })),
  ];
  return (
    <>
      <PageHeader title={t("replications.title")} lead={`${d.agency.name} — ${t("replications.intro")}`} breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>} />
      {d.notice === "responded" && !a ? <Alert kind="success">{t("replications.saved")}</Alert> : null}

      <section className="card" aria-labelledby="own-heading">
        <h2 id="own-heading">{t("replications.own")}</h2>
        {d.own.length === 0 ? <EmptyState message="replications.none" /> : <ReplicationTable rows={d.own} agencyId={d.agency.id} who="source" />}
      </section>

      <section className="card" aria-labelledby="incoming-heading">
        <h2 id="incoming-heading">{t("replications.incoming")}</h2>
        {d.incoming.length === 0 ? (
          <EmptyState message="replications.noneIncoming" />
        ) : (
          <>
            <ReplicationTable rows={d.incoming} agencyId={d.agency.id} who="adopter" />
            {d.canRespond
              ? d.incoming.map((r) => {
                  const fail = a?.form === "respond" && a.replicationId === r.id ? a : undefined;
                  return (
                    <Form method="post" key={r.id} className="stack" aria-label={`${t("replications.respondTitle")}: ${r.title}`}>
                      <h3>
                        {t("replications.respondTitle")}: {r.title} — {r.adopter.name}
                      </h3>
                      {r.sourceRespondedAt ? (
                        <p className="muted small">
                          {t(`replications.response.${r.sourceResponse}` as MessageKey)} · {formatWib(r.sourceRespondedAt, locale)}
                        </p>
                      ) : null}
                      <FormErrors errors={fail?.errors} />
                      <input type="hidden" name="intent" value="respond" />
                      <input type="hidden" name="replicationId" value={r.id} />
                      <div className="field">
                        <label htmlFor={`response-${r.id}`}>{t("replications.field.response")}</label>
                        <select id={`response-${r.id}`} name="response" defaultValue={fail?.values.response ?? ""} aria-invalid={fail?.errors.response ? true : undefined}>
                          <option value="">—</option>
                          <option value="confirmed">{t("replications.confirm")}</option>
                          <option value="disputed">{t("replications.dispute")}</option>
                        </select>
                        {fail?.errors.response ? <span className="error" role="alert">{t(fail.errors.response)}</span> : null}
                      </div>
                      <div className="field">
                        <label htmlFor={`note-${r.id}`}>{t("replications.field.note")}</label>
                        <textarea id={`note-${r.id}`} name="note" rows={2} defaultValue={fail?.values.note ?? r.sourceResponseNote ?? ""} aria-invalid={fail?.errors.note ? true : undefined} />
                        {fail?.errors.note ? <span className="error" role="alert">{t(fail.errors.note)}</span> : null}
                      </div>
                      <button type="submit" className="button button-secondary">
                        {t("replications.field.response")}
                      </button>
                    </Form>
                  );
                })
              : null}
          </>
        )}
      </section>

      {d.canManage ? (
        <section className="card" aria-labelledby="start-heading">
          <h2 id="start-heading">{t("replications.start")}</h2>
          <Form method="get" className="inline-form" role="search">
            <TextField name="q" label={t("replications.search")} defaultValue={d.search.q} type="search" />
            {d.preselected ? <input type="hidden" name="innovation" value={d.preselected.id} /> : null}
            <button type="submit" className="button button-secondary">
              {t("replications.searchSubmit")}
            </button>
          </Form>
          {d.search.q && d.search.results.length === 0 ? <p className="muted">{t("replications.searchNone")}</p> : null}
          <Form method="post" className="stack" id="start-form">
            <FormErrors errors={startFail?.errors} />
            <input type="hidden" name="intent" value="start" />
            <SelectField
              name="source"
              label={t("replications.source")}
              errors={startFail?.errors}
              defaultValue={v.source ?? (innovationOptions.length > 0 ? "innovation" : "external")}
              options={[
                { value: "innovation", label: t("replications.sourceInnovation") },
                { value: "external", label: t("replications.sourceExternal") },
              ]}
            />
            {innovationOptions.length > 0 ? (
              <SelectField name="innovationId" label={t("replications.innovationId")} errors={startFail?.errors} defaultValue={chosen} options={innovationOptions} />
            ) : (
              <input type="hidden" name="innovationId" value="" />
            )}
            <fieldset>
              <legend>{t("replications.sourceExternal")}</legend>
              <TextField name="sourceTitle" label={t("replications.sourceTitle")} errors={startFail?.errors} defaultValue={v.sourceTitle ?? ""} />
              <TextField name="sourceAgencyName" label={t("replications.sourceAgencyName")} errors={startFail?.errors} defaultValue={v.sourceAgencyName ?? ""} />
              <TextField name="sourceYear" label={t("replications.sourceYear")} errors={startFail?.errors} defaultValue={v.sourceYear ?? ""} inputMode="numeric" />
            </fieldset>
            <TextField name="title" label={t("replications.field.title")} errors={startFail?.errors} defaultValue={v.title ?? d.preselected?.title ?? ""} required />
            <TextField name="happenedOn" type="date" label={t("replications.field.persiapanOn")} errors={startFail?.errors} defaultValue={v.happenedOn ?? d.today} max={d.today} required />
            <TextAreaField name="note" label={t("replications.field.note")} errors={startFail?.errors} defaultValue={v.note ?? ""} rows={3} />
            <TextAreaField name="differences" label={t("replications.field.differences")} hint={t("replications.field.differencesHint")} errors={startFail?.errors} defaultValue={v.differences ?? ""} rows={3} />
            <TextField name="facilitatorCode" label={t("replications.field.facilitatorCode")} errors={startFail?.errors} defaultValue={v.facilitatorCode ?? ""} />
            <button type="submit" className="button">
              {t("replications.startSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
