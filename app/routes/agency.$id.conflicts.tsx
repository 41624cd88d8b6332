import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm } from "~/lib/forms";
import { AgencyDeclarationSchema } from "~/schemas/conflicts";
import { declareConflictAsAgency, getAgencyConflictsPage } from "~/services/conflicts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Konflik kepentingan: ${data.agency.name} · Sayembara` : "Konflik kepentingan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getAgencyConflictsPage(getDb(), actor, params.id ?? "", { proposal: url.searchParams.get("proposal") });
  return json({ ...page, recorded: url.searchParams.get("notice") === "recorded" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const agencyId = params.id ?? "";
  const parsed = parseForm(AgencyDeclarationSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, 400);
  const r = await declareConflictAsAgency(getDb(), actor, { agencyId, ...parsed.data });
  if (!r.ok) return json({ errors: r.errors, values: parsed.values }, 400);
  return redirect(`/agency/${encodeURIComponent(agencyId)}/conflicts?notice=recorded`);
}

export default function AgencyConflicts() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const here = `/agency/${d.agency.id}/conflicts`;
  const roleName = (role: string) => t(role === "panelist" ? "conflicts.role.panelist" : "conflicts.role.evaluator");

  return (
    <>
      <PageHeader title={t("conflicts.agency.title")} lead={`${d.agency.name} (${d.agency.code})`} breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>} />
      {d.recorded ? <Alert kind="success">{t("conflicts.agency.recorded")}</Alert> : null}
      <p>{t("conflicts.agency.lead")}</p>

      <section className="card" aria-labelledby="choose-heading">
        <h2 id="choose-heading">{t("conflicts.agency.chooseTitle")}</h2>
        {d.proposals.length === 0 ? (
          <EmptyState message="conflicts.agency.noProposals" />
        ) : (
          <Form method="get" action={here} className="search-bar">
            <SelectField
              name="proposal"
              label={t("conflicts.agency.proposal")}
              defaultValue={d.chosen?.number ?? ""}
              placeholder={t("conflicts.agency.chooseProposal")}
              options={d.proposals.map((p) => ({ value: p.number, label: `${p.number} · ${p.title || t("conflicts.agency.untitled")} · ${p.competitionName}` }))}
              errors={d.unknownProposal ? { proposal: "conflicts.errors.proposalNotYours" } : undefined}
            />
            <div className="actions" style={{ marginTop: 0 }}>
              <button type="submit" className="button button-secondary">
                {t("conflicts.agency.choose")}
              </button>
            </div>
          </Form>
        )}
      </section>

      {d.chosen ? (
        <section className="card" aria-labelledby="declare-heading">
          <h2 id="declare-heading">{t("conflicts.agency.declareTitle", { number: d.chosen.number })}</h2>
          <p className="muted">
            {d.chosen.title || t("conflicts.agency.untitled")} · {d.chosen.competitionName}
          </p>
          {d.jurors.length === 0 ? (
            <EmptyState message="conflicts.agency.noJurors" />
          ) : (
            <Form method="post" action={`${here}?proposal=${encodeURIComponent(d.chosen.number)}`} noValidate>
              <FormErrors errors={data?.errors} />
              <input type="hidden" name="proposalNumber" value={d.chosen.number} />
              {data?.errors.proposalNumber ? <Alert kind="error">{t(data.errors.proposalNumber)}</Alert> : null}
              <SelectField
                name="jurorId"
                label={t("conflicts.agency.juror")}
                hint={t("conflicts.agency.jurorHint")}
                errors={data?.errors}
                defaultValue={data?.values.jurorId ?? ""}
                placeholder={t("conflicts.agency.chooseJuror")}
                options={d.jurors.map((j) => ({ value: j.id, label: `${j.name} · ${roleName(j.role)}${j.affiliation ? ` · ${j.affiliation}` : ""}` }))}
                required
              />
              <TextAreaField
                name="reason"
                label={t("conflicts.form.reason")}
                hint={t("conflicts.reasonHint")}
                errors={data?.errors}
                defaultValue={data?.values.reason ?? ""}
                required
                minLength={10}
                maxLength={1000}
                rows={3}
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("conflicts.agency.submit")}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("conflicts.agency.mine")}</h2>
        {d.declarations.length === 0 ? (
          <EmptyState message="conflicts.agency.none" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.table.proposal")}</th>
                  <th scope="col">{t("conflicts.table.juror")}</th>
                  <th scope="col">{t("conflicts.table.reason")}</th>
                  <th scope="col">{t("conflicts.table.declaredBy")}</th>
                </tr>
              </thead>
              <tbody>
                {d.declarations.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">
                      <code>{x.proposalNumber}</code>
                      <br />
                      <span className="muted small">{x.competitionName}</span>
                    </th>
                    <td>
                      {x.jurorName} <span className="muted small">({roleName(x.jurorRole)})</span>
                    </td>
                    <td>{x.reason}</td>
                    <td>
                      {x.declaredBy ?? "—"}
                      <br />
                      <span className="muted small">{formatWib(x.at, locale)}</span>
                    </td>
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
