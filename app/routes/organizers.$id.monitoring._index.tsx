/**
 * /organizers/:id/monitoring — the organizer's monitoring periods
 * (pemantauan keberlanjutan): each with its WIB window, state, editions and
 * reports so far, and the form that opens a new one over chosen past editions
 * of this organizer.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { createPeriod, getOrganizerMonitoring, periodFormDefaults } from "~/services/monitoring.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pemantauan keberlanjutan: ${data.organizer.name} · Sayembara` : "Pemantauan keberlanjutan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const now = new Date();
  const page = await getOrganizerMonitoring(getDb(), actor, params.id ?? "", now);
  return json({ ...page, defaults: periodFormDefaults(now), created: new URL(request.url).searchParams.get("notice") === "created" });
}

// Text fields only; the service validates dates, the window and the editions.
const FormSchema = z.object({
  name: z.string().optional().default(""),
  startsAt: z.string().optional().default(""),
  endsAt: z.string().optional().default(""),
  editions: z.union([z.string(), z.array(z.string())]).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizerId = params.id ?? "";
  const form = await request.formData();
  const parsed = parseForm(FormSchema, form);
  const editions = form.getAll("editions").filter((v): v is string => typeof v === "string");
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, editions }, 400);
  const result = await createPeriod(getDb(), actor, organizerId, { ...parsed.data, editions }, { ip: clientIp(context) });
  if (!result.ok) return json({ errors: result.errors as FieldErrors, values: parsed.values, editions }, 400);
  return redirect(`/organizers/${encodeURIComponent(organizerId)}/monitoring/${encodeURIComponent(result.id)}?notice=created`);
}

export default function OrganizerMonitoring() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const base = `/organizers/${encodeURIComponent(d.organizer.id)}/monitoring`;
  const chosen = new Set(a?.editions ?? []);
  const editionsError = a?.errors.editions;
  return (
    <>
      <PageHeader
        title={t("monitoring.title")}
        lead={t("monitoring.organizer.lead", { organizer: d.organizer.name })}
        breadcrumb={<Link to={`/organizers/${encodeURIComponent(d.organizer.id)}`}>{d.organizer.name}</Link>}
      />
      {d.created && !a ? <Alert kind="success">{t("monitoring.organizer.created")}</Alert> : null}

      <section className="card" aria-labelledby="periods-heading">
        <h2 id="periods-heading">{t("monitoring.organizer.periods")}</h2>
        {d.periods.length === 0 ? (
          <EmptyState message="monitoring.organizer.periodsEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.col.period")}</th>
                  <th scope="col">{t("monitoring.col.window")}</th>
                  <th scope="col">{t("monitoring.col.state")}</th>
                  <th scope="col">{t("monitoring.col.editions")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("monitoring.col.reports")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.periods.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`${base}/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                    </th>
                    <td>{t("monitoring.window", { start: formatWib(p.startsAt, locale), end: formatWib(p.endsAt, locale) })}</td>
                    <td>{t(`monitoring.state.${p.state}` as MessageKey)}</td>
                    <td>{p.editions.map((e) => e.name).join(", ")}</td>
                    <td style={{ textAlign: "right" }}>{p.reports}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("monitoring.organizer.create")}</h2>
        {d.editions.length === 0 ? (
          <EmptyState message="monitoring.organizer.noEditions" />
        ) : (
          <Form method="post" noValidate>
            <FormErrors errors={a?.errors} />
            <TextField name="name" label={t("monitoring.field.name")} hint={t("monitoring.field.nameHint")} defaultValue={a?.values.name ?? ""} errors={a?.errors} maxLength={200} required />
            <TextField name="startsAt" type="datetime-local" label={t("monitoring.field.startsAt")} defaultValue={a?.values.startsAt ?? d.defaults.startsAt} errors={a?.errors} required />
            <TextField name="endsAt" type="datetime-local" label={t("monitoring.field.endsAt")} defaultValue={a?.values.endsAt ?? d.defaults.endsAt} errors={a?.errors} required />
            <fieldset className="field" aria-invalid={editionsError ? true : undefined} aria-describedby={editionsError ? "editions-error" : undefined}>
              <legend>{t("monitoring.field.editions")}</legend>
              {d.editions.map((e) => (
                <label key={e.id} style={{ display: "block" }}>
                  <input type="checkbox" name="editions" value={e.id} defaultChecked={chosen.has(e.id)} /> {t("monitoring.field.editionOption", { name: e.name, count: e.innovations })}
                </label>
              ))}
              {editionsError ? (
                <span className="error" id="editions-error" role="alert">
                  {t(editionsError)}
                </span>
              ) : null}
            </fieldset>
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("monitoring.organizer.create")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
