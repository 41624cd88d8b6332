/**
 * /agency/:id/replications/:rid — one replication, for the adopter (edits:
 * stages with WIB dates, notes and evidence files; status; title, faktor
 * pembeda, facilitator) and the source agency (reads, answers on the list
 * page). Stage form: multipart; the others urlencoded with an intent.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { acceptAttribute, formatFileSize } from "~/domain/filetype";
import { REPLICATION_STATUSES, wibDate } from "~/domain/replication";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { formValues, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { getReplication, removeStageFile, saveStage, setReplicationStatus, updateReplicationDetails } from "~/services/replications.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.replication.title} · Replikasi · Sayembara` : "Replikasi · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getReplication(getDb(), actor, params.rid ?? "", { agencyId: params.id ?? "" });
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...page, agencyId: params.id ?? "", today: wibDate(new Date()), saved: notice === "saved", fileRemoved: notice === "fileRemoved" });
}

interface ActionFailure {
  form: "stage" | "status" | "details" | "removeFile";
  errors: FieldErrors;
  values: Record<string, string>;
  fileName?: string;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const rid = params.rid ?? "";
  const ctx = { ip: clientIp(context) };
  const here = `/agency/${encodeURIComponent(params.id ?? "")}/replications/${encodeURIComponent(rid)}`;
  // The page is reached through the agency: the service also checks the replication concerns the actor.
  await getReplication(db, actor, rid, { agencyId: params.id ?? "" });
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const r = await saveStage(db, actor, rid, request, ctx);
    if (!r.ok) return json<ActionFailure>({ form: "stage", errors: r.errors, values: r.values, fileName: r.fileName }, r.errors.files === "replications.errors.fileTooLarge" ? 413 : 400);
    return redirect(`${here}?notice=saved`);
  }
  const fd = await request.formData();
  const values = formValues(fd);
  if (values.intent === "removeFile") {
    const r = await removeStageFile(db, actor, rid, values.fileId ?? "", ctx);
    if (!r.ok) return json<ActionFailure>({ form: "removeFile", errors: r.errors, values }, 400);
    return redirect(`${here}?notice=fileRemoved`);
  }
  if (values.intent === "status") {
    const r = await setReplicationStatus(db, actor, rid, { status: values.status as "selesai", reason: values.reason ?? "" }, ctx);
    if (!r.ok) return json<ActionFailure>({ form: "status", errors: r.errors, values }, 400);
    return redirect(`${here}?notice=saved`);
  }
  const r = await updateReplicationDetails(db, actor, rid, { title: values.title ?? "", differences: values.differences, facilitatorCode: values.facilitatorCode }, ctx);
  if (!r.ok) return json<ActionFailure>({ form: "details", errors: r.errors, values }, 400);
  return redirect(`${here}?notice=saved`);
}

export default function ReplicationPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const r = d.replication;
  const fail = (f: ActionFailure["form"]) => (a?.form === f ? a : undefined);
  const stageFail = fail("stage");
  const statusFail = fail("status");
  const detailsFail = fail("details");
  return (
    <>
      <PageHeader
        title={r.title}
        lead={`${t("replications.source")}: ${r.source.title} — ${r.source.agencyName}${r.source.year ? ` (${r.source.year})` : ""} · ${t("replications.adopter")}: ${r.adopter.name}`}
        breadcrumb={<Link to={`/agency/${encodeURIComponent(d.agencyId)}/replications`}>{t("replications.back")}</Link>}
      />
      {d.saved && !a ? <Alert kind="success">{t("replications.saved")}</Alert> : null}
      {d.fileRemoved && !a ? <Alert kind="success">{t("replications.fileRemoved")}</Alert> : null}
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("replications.details")}</h2>
        <dl>
          <dt>{t("replications.statusCol")}</dt>
          <dd>
            {t(`replications.status.${r.status}` as MessageKey)}
            {r.statusReason ? ` — ${t("replications.statusReason", { reason: r.statusReason })}` : null}
          </dd>
          <dt>{t("replications.stageCol")}</dt>
          <dd>{t(`replications.stage.${r.stage}` as MessageKey)}</dd>
          <dt>{t("replications.responseCol")}</dt>
          <dd>
            {t(`replications.response.${r.sourceResponse}` as MessageKey)}
            {r.sourceResponseNote ? ` — ${r.sourceResponseNote}` : null}
          </dd>
          <dt>{t("replications.verifiedCol")}</dt>
          <dd>{r.verifiedAt ? t("replications.verified", { date: formatWib(r.verifiedAt, locale) }) : t("replications.notVerified")}</dd>
          <dt>{t("replications.facilitator")}</dt>
          <dd>{r.facilitator ? `${r.facilitator.name} (${r.facilitator.code})` : "—"}</dd>
          <dt>{t("replications.field.differences")}</dt>
          <dd>{r.differences || "—"}</dd>
          {r.proposalId ? (
            <>
              <dt>{t("replications.fromProposal")}</dt>
              <dd>✓</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="stages-heading">
        <h2 id="stages-heading">{t("replications.stages")}</h2>
        <FormErrors errors={fail("removeFile")?.errors} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("replications.stageCol")}</th>
                <th scope="col">{t("replications.field.happenedOn")}</th>
                <th scope="col">{t("replications.field.note")}</th>
                <th scope="col">{t("replications.files")}</th>
              </tr>
            </thead>
            <tbody>
              {d.stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">{t(`replications.stage.${s.stage}` as MessageKey)}</th>
                  <td>{s.happenedOn ? formatWib(`${s.happenedOn}T00:00:00+07:00`, locale, false) : t("replications.stageNotReached")}</td>
                  <td>{s.note || "—"}</td>
                  <td>
                    {s.files.length === 0 ? (
                      <span className="muted">{t("replications.noFiles")}</span>
                    ) : (
                      <ul>
                        {s.files.map((f) => (
                          <li key={f.id}>
                            <a href={`/replications/${r.id}/files/${f.id}`}>{f.name}</a> <span className="muted small">({formatFileSize(f.sizeBytes, locale)})</span>
                            {d.canEdit && r.status === "berjalan" ? (
                              <Form method="post">
                                <input type="hidden" name="intent" value="removeFile" />
                                <input type="hidden" name="fileId" value={f.id} />
                                <button type="submit" className="button-quiet" aria-label={t("replications.removeFileLabel", { name: f.name })}>
                                  {t("replications.removeFile")}
                                </button>
                              </Form>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.canEdit && d.recordable.length > 0 ? (
        <section className="card" aria-labelledby="stage-form-heading">
          <h2 id="stage-form-heading">{t("replications.recordStage")}</h2>
          {/* Keyed on the last change: after a save the form starts afresh (next stage, empty note, no file), with JavaScript too. */}
          <Form method="post" encType="multipart/form-data" className="stack" key={`${r.stage}-${r.updatedAt}`}>
            <FormErrors errors={stageFail?.errors} />
            <SelectField
              name="stage"
              label={t("replications.field.stage")}
              errors={stageFail?.errors}
              defaultValue={stageFail?.values.stage ?? d.recordable[d.recordable.length - 1]}
              options={d.recordable.map((s) => ({ value: s, label: t(`replications.stage.${s}` as MessageKey) }))}
            />
            <TextField name="happenedOn" type="date" label={t("replications.field.happenedOn")} errors={stageFail?.errors} defaultValue={stageFail?.values.happenedOn ?? d.today} max={d.today} required />
            <TextAreaField name="note" label={t("replications.field.note")} errors={stageFail?.errors} defaultValue={stageFail?.values.note ?? ""} rows={3} />
            <div className="field">
              <label htmlFor="files">{t("replications.field.files")}</label>
              <input id="files" name="files" type="file" multiple accept={acceptAttribute(["pdf", "jpeg", "png"])} aria-invalid={stageFail?.errors.files ? true : undefined} />
              {stageFail?.errors.files ? (
                <span className="error" role="alert">
                  {t(stageFail.errors.files)}
                  {stageFail.fileName ? ` (${stageFail.fileName})` : null}
                </span>
              ) : null}
            </div>
            <button type="submit" className="button">
              {t("replications.recordStageSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.canEdit ? (
        <>
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t("replications.statusTitle")}</h2>
            <Form method="post" className="stack" key={`${r.status}-${r.updatedAt}`}>
              <FormErrors errors={statusFail?.errors} />
              <input type="hidden" name="intent" value="status" />
              <SelectField
                name="status"
                label={t("replications.field.status")}
                errors={statusFail?.errors}
                defaultValue={statusFail?.values.status ?? r.status}
                options={REPLICATION_STATUSES.map((s) => ({ value: s, label: t(`replications.status.${s}` as MessageKey) }))}
              />
              <TextAreaField name="reason" label={t("replications.field.reason")} errors={statusFail?.errors} defaultValue={statusFail?.values.reason ?? ""} rows={2} />
              <button type="submit" className="button button-secondary">
                {t("replications.statusSubmit")}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="details-heading">
            <h2 id="details-heading">{t("replications.editDetails")}</h2>
            <Form method="post" className="stack">
              <FormErrors errors={detailsFail?.errors} />
              <input type="hidden" name="intent" value="details" />
              <TextField name="title" label={t("replications.field.title")} errors={detailsFail?.errors} defaultValue={detailsFail?.values.title ?? r.title} required />
              <TextAreaField
                name="differences"
                label={t("replications.field.differences")}
                hint={t("replications.field.differencesHint")}
                errors={detailsFail?.errors}
                defaultValue={detailsFail?.values.differences ?? r.differences}
                rows={4}
              />
              <TextField name="facilitatorCode" label={t("replications.field.facilitatorCode")} errors={detailsFail?.errors} defaultValue={detailsFail?.values.facilitatorCode ?? r.facilitator?.code ?? ""} />
              <button type="submit" className="button button-secondary">
                {t("replications.detailsSubmit")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
