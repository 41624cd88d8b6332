/**
 * /organizers/:id/replications — an organizer admin's replications: those of
 * the agencies it covers (verify them), and recording one for a covered
 * agency (found by name or code with ?agency=, or its code typed) from a
 * catalogue innovation (found with ?q=) or an external source. Works
 * without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { wibDate } from "~/domain/replication";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { formValues, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { getOrganizerReplications, recordReplication, verifyReplication } from "~/services/replications.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Replikasi: ${data.organizer.name} · Sayembara` : "Replikasi · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getOrganizerReplications(getDb(), actor, params.id ?? "", { q: url.searchParams.get("q"), agencyQ: url.searchParams.get("agency") });
  const notice = url.searchParams.get("notice");
  return json({ ...page, today: wibDate(new Date()), notice: notice === "verified" || notice === "recorded" ? notice : null });
}

interface ActionFailure {
  form: "record" | "verify";
  replicationId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const organizerId = params.id ?? "";
  const ctx = { ip: clientIp(context), origin: new URL(request.url).origin };
  const values = formValues(await request.formData());
  const base = `/organizers/${encodeURIComponent(organizerId)}/replications`;
  if (values.intent === "verify") {
    const r = await verifyReplication(db, actor, organizerId, values.replicationId ?? "", ctx);
    if (!r.ok) return json<ActionFailure>({ form: "verify", replicationId: values.replicationId, errors: r.errors, values }, 400);
    return redirect(`${base}?notice=verified`);
  }
  const r = await recordReplication(
    db,
    actor,
    organizerId,
    {
      adopterCode: values.adopterCode,
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
  if (!r.ok) return json<ActionFailure>({ form: "record", errors: r.errors, values }, 400);
  return redirect(`${base}?notice=recorded`);
}

export default function OrganizerReplications() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const rec = a?.form === "record" ? a : undefined;
  const v = rec?.values ?? {};
  return (
    <>
      <PageHeader title={t("replications.organizerTitle", { organizer: d.organizer.name })} breadcrumb={<Link to={`/organizers/${encodeURIComponent(d.organizer.id)}`}>{d.organizer.name}</Link>} />
      {d.notice && !a ? <Alert kind="success">{t("replications.saved")}</Alert> : null}
      {a?.form === "verify" ? <FormErrors errors={a.errors} /> : null}
      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("replications.title")}</h2>
        {d.replications.length === 0 ? (
          <EmptyState message="replications.none" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("replications.field.title")}</th>
                  <th scope="col">{t("replications.adopter")}</th>
                  <th scope="col">{t("replications.source")}</th>
                  <th scope="col">{t("replications.stageCol")}</th>
                  <th scope="col">{t("replications.statusCol")}</th>
                  <th scope="col">{t("replications.responseCol")}</th>
                  <th scope="col">{t("replications.verifiedCol")}</th>
                </tr>
              </thead>
              <tbody>
                {d.replications.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/agency/${encodeURIComponent(r.adopter.id)}/replications/${r.id}`}>{r.title}</Link>
                    </th>
                    <td>{r.adopter.name}</td>
                    <td>
                      {r.source.title} — {r.source.agencyName}
                    </td>
                    <td>{t(`replications.stage.${r.stage}` as MessageKey)}</td>
                    <td>{t(`replications.status.${r.status}` as MessageKey)}</td>
                    <td>{t(`replications.response.${r.sourceResponse}` as MessageKey)}</td>
                    <td>
                      {r.verifiedAt ? (
                        t("replications.verified", { date: formatWib(r.verifiedAt, locale) })
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="verify" />
                          <input type="hidden" name="replicationId" value={r.id} />
                          <button type="submit" className="button-quiet" aria-label={`${t("replications.verify")}: ${r.title}`}>
                            {t("replications.verify")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="record-heading">
        <h2 id="record-heading">{t("replications.record")}</h2>
        <Form method="get" className="stack" role="search">
          <TextField name="agency" label={t("replications.searchAgency")} hint={t("replications.searchAgencyHint")} defaultValue={d.search.agencyQ} type="search" />
          <TextField name="q" label={t("replications.search")} defaultValue={d.search.q} type="search" />
          <button type="submit" className="button button-secondary">
            {t("replications.searchSubmit")}
          </button>
        </Form>
        {d.search.agencyQ && d.search.agencies.length === 0 ? <p className="muted">{t("replications.searchAgencyNone")}</p> : null}
        {d.search.agenciesTotal > d.search.agencies.length ? <p className="muted">{t("replications.searchAgencyMore", { shown: d.search.agencies.length, total: d.search.agenciesTotal })}</p> : null}
        {d.search.q && d.search.innovations.length === 0 ? <p className="muted">{t("replications.searchNone")}</p> : null}
        <Form method="post" className="stack">
          <FormErrors errors={rec?.errors} />
          <input type="hidden" name="intent" value="record" />
          {d.search.agencies.length > 0 ? (
            <SelectField
              name="adopterCode"
              label={t("replications.adopter")}
              errors={rec?.errors}
              defaultValue={v.adopterCode ?? d.search.agencies[0].code}
              options={d.search.agencies.map((g) => ({ value: g.code, label: `${g.name} (${g.code})${g.regionName ? ` — ${g.regionName}` : ""}` }))}
            />
          ) : (
            <TextField name="adopterCode" label={t("replications.field.adopterCode")} errors={rec?.errors} defaultValue={v.adopterCode ?? ""} required />
          )}
          <SelectField
            name="source"
            label={t("replications.source")}
            errors={rec?.errors}
            defaultValue={v.source ?? (d.search.innovations.length > 0 ? "innovation" : "external")}
            options={[
              { value: "innovation", label: t("replications.sourceInnovation") },
              { value: "external", label: t("replications.sourceExternal") },
            ]}
          />
          {d.search.innovations.length > 0 ? (
            <SelectField
              name="innovationId"
              label={t("replications.innovationId")}
              errors={rec?.errors}
              defaultValue={v.innovationId ?? d.search.innovations[0].id}
              options={d.search.innovations.map((i) => ({ value: i.id, label: `${i.title} — ${i.agencyName} (${i.year})` }))}
            />
          ) : (
            <input type="hidden" name="innovationId" value="" />
          )}
          <fieldset>
            <legend>{t("replications.sourceExternal")}</legend>
            <TextField name="sourceTitle" label={t("replications.sourceTitle")} errors={rec?.errors} defaultValue={v.sourceTitle ?? ""} />
            <TextField name="sourceAgencyName" label={t("replications.sourceAgencyName")} errors={rec?.errors} defaultValue={v.sourceAgencyName ?? ""} />
            <TextField name="sourceYear" label={t("replications.sourceYear")} errors={rec?.errors} defaultValue={v.sourceYear ?? ""} inputMode="numeric" />
          </fieldset>
          <TextField name="title" label={t("replications.field.title")} errors={rec?.errors} defaultValue={v.title ?? ""} required />
          <TextField name="happenedOn" type="date" label={t("replications.field.persiapanOn")} errors={rec?.errors} defaultValue={v.happenedOn ?? d.today} max={d.today} required />
          <TextAreaField name="note" label={t("replications.field.note")} errors={rec?.errors} defaultValue={v.note ?? ""} rows={2} />
          <TextAreaField name="differences" label={t("replications.field.differences")} errors={rec?.errors} defaultValue={v.differences ?? ""} rows={2} />
          <TextField name="facilitatorCode" label={t("replications.field.facilitatorCode")} errors={rec?.errors} defaultValue={v.facilitatorCode ?? ""} />
          <button type="submit" className="button">
            {t("replications.recordSubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
