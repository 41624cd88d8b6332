import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import {
  AddProposalSchema,
  addProposalToCatalogue,
  getCatalogueCuration,
  setCatalogueVisibility,
  VisibilitySchema,
} from "~/services/catalogue-curation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kurasi katalog: ${data.competition.name} · Sayembara` : "Kurasi katalog · Sayembara" },
];

const NOTICES = ["hidden", "shown", "added", "already"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const view = await getCatalogueCuration(getDb(), actor, params.slug ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...view, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

interface ActionFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: Notice) => redirect(`/competitions/${slug}/catalogue?notice=${notice}`);
  if (intent === "hide" || intent === "show") {
    const parsed = parseForm(VisibilitySchema, form);
    if (!parsed.ok) return json<ActionFailure>({ errors: parsed.errors, values: parsed.values }, 400);
    const result = await setCatalogueVisibility(getDb(), actor, slug, parsed.data.innovationId, intent === "show");
    if (!result.ok) return json<ActionFailure>({ errors: result.errors, values: parsed.values }, 400);
    return back(intent === "show" ? "shown" : "hidden");
  }
  if (intent === "add") {
    const parsed = parseForm(AddProposalSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ errors: parsed.errors, values: parsed.values }, 400);
    const result = await addProposalToCatalogue(getDb(), actor, slug, parsed.data.number);
    if (!result.ok) return json<ActionFailure>({ errors: result.errors, values: parsed.values }, 400);
    return back(result.added ? "added" : "already");
  }
  return json<ActionFailure>({ errors: { _form: "errors.invalid" }, values: {} }, 400);
}

export default function CatalogueCurationPage() {
  const { competition: c, rows, notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const addErrors = failure?.values?.intent === "add" ? failure.errors : undefined;
  const rowErrors = failure && failure.values?.intent !== "add" ? failure.errors : undefined;
  return (
    <>
      <PageHeader
        title={t("public.curation.title", { name: c.name })}
        lead={t("public.curation.lead")}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
        actions={
          <Link to={`/editions/${c.slug}`} className="button button-secondary">
            {t("public.curation.viewPublic")}
          </Link>
        }
      />
      {notice ? <Alert kind="success">{t(`public.curation.notice.${notice}` as MessageKey)}</Alert> : null}
      <FormErrors errors={rowErrors} />

      <section className="card" aria-labelledby="rows-heading">
        <h2 id="rows-heading">{t("public.curation.rows")}</h2>
        {rows.length === 0 ? (
          <EmptyState message="public.curation.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("public.curation.rowsCaption", { name: c.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("public.entry.title")}</th>
                  <th scope="col">{t("public.entry.agency")}</th>
                  <th scope="col">{t("public.innovation.stage")}</th>
                  <th scope="col">{t("public.curation.visibility")}</th>
                  <th scope="col">{t("public.curation.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {r.visible ? <Link to={`/innovations/${r.id}`}>{r.title}</Link> : r.title}
                      {r.proposalNumber ? <div className="muted small">{r.proposalNumber}</div> : null}
                    </th>
                    <td>{r.agencyName}</td>
                    <td>
                      {t(`public.stage.${r.stage}` as MessageKey)}
                      {(locale === "en" ? r.awardNameEn : r.awardNameId) ? <div className="muted small">{locale === "en" ? r.awardNameEn : r.awardNameId}</div> : null}
                    </td>
                    <td>
                      {r.visible ? (
                        <span className="badge badge-success">{t("public.curation.visible")}</span>
                      ) : (
                        <span className="badge badge-muted">{t("public.curation.hidden")}</span>
                      )}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="innovationId" value={r.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={r.visible ? "hide" : "show"}
                          className="button button-quiet"
                          aria-label={t(r.visible ? "public.curation.hideLabel" : "public.curation.showLabel", { title: r.title })}
                        >
                          {t(r.visible ? "public.curation.hide" : "public.curation.show")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">{t("public.curation.add")}</h2>
        <p className="muted">{t("public.curation.addLead")}</p>
        <Form method="post">
          <FormErrors errors={addErrors} />
          <input type="hidden" name="intent" value="add" />
          <TextField name="number" label={t("public.curation.proposalNumber")} errors={addErrors} defaultValue={addErrors ? failure?.values.number : ""} required />
          <div className="actions">
            <button type="submit" className="button">
              {t("public.curation.addSubmit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
