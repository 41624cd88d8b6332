import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { JurorAgencyDeclarationSchema, JurorProposalDeclarationSchema } from "~/schemas/conflicts";
import { declareConflictAsJuror, getJurorConflictsPage } from "~/services/conflicts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Konflik kepentingan saya: ${data.competition.name} · Sayembara` : "Konflik kepentingan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = await getJurorConflictsPage(getDb(), actor, params.slug ?? "", { q });
  return json({
    ...page,
    q,
    mode: url.searchParams.get("mode") === "agency" ? ("agency" as const) : ("proposal" as const),
    proposal: (url.searchParams.get("proposal") ?? "").trim().slice(0, 60),
    recorded: url.searchParams.get("notice") === "recorded",
  });
}

type Intent = "proposal" | "agency";

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Intent;
  const refuse = (errors: FieldErrors, values: Record<string, string>) => json({ intent, errors, values }, 400);
  let outcome;
  let values: Record<string, string>;
  if (intent === "proposal") {
    const parsed = parseForm(JurorProposalDeclarationSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    values = parsed.values;
    outcome = await declareConflictAsJuror(getDb(), actor, parsed.data);
  } else if (intent === "agency") {
    const parsed = parseForm(JurorAgencyDeclarationSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    values = parsed.values;
    outcome = await declareConflictAsJuror(getDb(), actor, parsed.data);
  } else {
    throw new Response("Bad Request", { status: 400 });
  }
  if (!outcome.ok) return refuse(outcome.errors, values);
  // The same answer whatever the number or agency matched: see docs/conflicts.md.
  return redirect(`/juror/${encodeURIComponent(slug)}/conflicts?notice=recorded`);
}

export default function JurorConflicts() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const here = `/juror/${c.slug}/conflicts`;
  const errorsFor = (intent: Intent) => (data && data.intent === intent ? data.errors : undefined);
  const valuesFor = (intent: Intent): Record<string, string> => (data && data.intent === intent ? data.values : {});
  const roleName = (role: string) => t(role === "panelist" ? "conflicts.role.panelist" : "conflicts.role.evaluator");
  const several = d.jurors.length > 1;
  const agencyErrors = errorsFor("agency");
  const agencyError = agencyErrors?.agencyId;
  const chosenAgency = valuesFor("agency").agencyId ?? "";

  /** Which pool a declaration is for: a choice only when the juror sits in both. */
  function jurorField(intent: Intent) {
    if (!several) return <input type="hidden" name="jurorId" value={d.jurors[0].id} />;
    return (
      <SelectField
        name="jurorId"
        label={t("conflicts.juror.pool")}
        errors={errorsFor(intent)}
        defaultValue={valuesFor(intent).jurorId ?? d.jurors[0].id}
        options={d.jurors.map((j) => ({ value: j.id, label: roleName(j.role) }))}
      />
    );
  }

  return (
    <>
      <PageHeader title={t("conflicts.juror.title")} lead={t("conflicts.juror.lead", { name: c.name })} breadcrumb={<Link to={`/juror/${c.slug}`}>{c.name}</Link>} />

      {d.recorded ? <Alert kind="success">{t("conflicts.juror.recorded")}</Alert> : null}
      <Alert kind="info">{t("conflicts.juror.privacy")}</Alert>

      <nav className="actions" aria-label={t("conflicts.juror.modes")}>
        {d.mode === "proposal" ? (
          <strong aria-current="page">{t("conflicts.juror.byProposal")}</strong>
        ) : (
          <Link to={here}>{t("conflicts.juror.byProposal")}</Link>
        )}
        {d.mode === "agency" ? (
          <strong aria-current="page">{t("conflicts.juror.byAgency")}</strong>
        ) : (
          <Link to={`${here}?mode=agency`}>{t("conflicts.juror.byAgency")}</Link>
        )}
      </nav>

      {d.mode === "proposal" ? (
        <section className="card" aria-labelledby="proposal-heading">
          <h2 id="proposal-heading">{t("conflicts.juror.byProposal")}</h2>
          <p className="muted">{t("conflicts.juror.byProposalLead")}</p>
          <Form method="post" action={here} noValidate>
            <FormErrors errors={errorsFor("proposal")} />
            {jurorField("proposal")}
            <TextField
              name="proposalNumber"
              label={t("conflicts.form.proposalNumber")}
              hint={t("conflicts.form.proposalNumberHint")}
              errors={errorsFor("proposal")}
              defaultValue={valuesFor("proposal").proposalNumber ?? d.proposal}
              required
              maxLength={60}
              autoComplete="off"
            />
            <TextAreaField
              name="reason"
              label={t("conflicts.form.reason")}
              hint={t("conflicts.reasonHint")}
              errors={errorsFor("proposal")}
              defaultValue={valuesFor("proposal").reason ?? ""}
              required
              minLength={10}
              maxLength={1000}
              rows={3}
            />
            <div className="actions">
              <button type="submit" name="intent" value="proposal" className="button" disabled={busy}>
                {t("conflicts.juror.declare")}
              </button>
            </div>
          </Form>
        </section>
      ) : (
        <section className="card" aria-labelledby="agency-heading">
          <h2 id="agency-heading">{t("conflicts.juror.byAgency")}</h2>
          <p className="muted">{t("conflicts.juror.byAgencyLead")}</p>
          <Form method="get" action={here} className="search-bar">
            <input type="hidden" name="mode" value="agency" />
            <TextField name="q" type="search" label={t("conflicts.juror.searchAgency")} hint={t("conflicts.juror.searchAgencyHint")} defaultValue={d.q} maxLength={100} />
            <div className="actions" style={{ marginTop: 0 }}>
              <button type="submit" className="button button-secondary">
                {t("conflicts.juror.search")}
              </button>
            </div>
          </Form>
          {d.agencies === null ? null : d.agencies.rows.length === 0 ? (
            <EmptyState message="conflicts.juror.noAgencies" />
          ) : (
            <Form method="post" action={`${here}?mode=agency&q=${encodeURIComponent(d.q)}`} noValidate>
              <FormErrors errors={agencyErrors} />
              {jurorField("agency")}
              <fieldset aria-describedby={agencyError ? "agencyId-error" : undefined}>
                <legend>{t("conflicts.juror.chooseAgency")}</legend>
                {d.agencies.total > d.agencies.rows.length ? (
                  <p className="muted small">{t("conflicts.juror.moreAgencies", { shown: d.agencies.rows.length, total: d.agencies.total })}</p>
                ) : null}
                {d.agencies.rows.map((a) => (
                  <div className="checkbox" key={a.id}>
                    <input
                      type="radio"
                      id={`agency-${a.id}`}
                      name="agencyId"
                      value={a.id}
                      defaultChecked={chosenAgency === a.id}
                      aria-invalid={agencyError ? true : undefined}
                    />
                    <label htmlFor={`agency-${a.id}`}>
                      {a.name}{" "}
                      <span className="muted small">
                        ({a.code}
                        {a.provinceName ? ` · ${a.provinceName}` : ""})
                      </span>
                    </label>
                  </div>
                ))}
                {agencyError ? (
                  <span className="error" id="agencyId-error" role="alert">
                    {t(agencyError)}
                  </span>
                ) : null}
              </fieldset>
              <TextAreaField
                name="reason"
                label={t("conflicts.form.reason")}
                hint={t("conflicts.reasonHint")}
                errors={agencyErrors}
                defaultValue={valuesFor("agency").reason ?? ""}
                required
                minLength={10}
                maxLength={1000}
                rows={3}
              />
              <div className="actions">
                <button type="submit" name="intent" value="agency" className="button" disabled={busy}>
                  {t("conflicts.juror.declare")}
                </button>
              </div>
            </Form>
          )}
        </section>
      )}

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("conflicts.juror.mine")}</h2>
        {d.declarations.length === 0 ? (
          <EmptyState message="conflicts.juror.none" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.juror.when")}</th>
                  <th scope="col">{t("conflicts.juror.target")}</th>
                  {several ? <th scope="col">{t("conflicts.juror.pool")}</th> : null}
                  <th scope="col">{t("conflicts.table.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {d.declarations.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{formatWib(x.at, locale)}</th>
                    <td>{x.target.kind === "agency" ? t("conflicts.juror.targetAgency", { agency: x.target.label }) : <code>{x.target.label}</code>}</td>
                    {several ? <td>{roleName(d.jurors.find((j) => j.id === x.jurorId)?.role ?? "")}</td> : null}
                    <td>{x.reason}</td>
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
