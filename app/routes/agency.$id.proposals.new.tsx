import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/actor.server";
import { named, timeLeftText } from "~/components/proposal/text";
import { FormErrors, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { CreateDraftSchema } from "~/schemas/proposal";
import { createDraft, getAgencyProposals } from "~/services/proposals.server";

export const meta: MetaFunction = () => [{ title: "Buat draf proposal · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const agencyId = params.id ?? "";
  const actor = await requirePermission(request, "proposal.create", { type: "agency", id: agencyId });
  const { agency, openEditions } = await getAgencyProposals(getDb(), actor, agencyId);
  const competitionId = new URL(request.url).searchParams.get("competition");
  const edition = openEditions.find((e) => e.id === competitionId);
  // Only editions open now and admitting this agency can be chosen.
  if (!edition) notFound();
  return json({ agency, edition });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const agencyId = params.id ?? "";
  const actor = await requirePermission(request, "proposal.create", { type: "agency", id: agencyId });
  const parsed = parseForm(CreateDraftSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const r = await createDraft(getDb(), actor, { agencyId, ...parsed.data });
  if (!r.ok) return json(failure(r.errors, parsed.values), 400);
  return redirect(`/proposals/${r.number}?notice=created`);
}

export default function NewProposal() {
  const { agency, edition } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const values = data?.values ?? {};
  const groupError = data?.errors?.groupId;
  return (
    <>
      <PageHeader
        title={t("proposal.new.title")}
        lead={`${edition.name} · ${agency.name}`}
        breadcrumb={<Link to={`/agency/${agency.id}/proposals`}>{t("proposal.list.title")}</Link>}
      />
      <section className="card" aria-labelledby="new-heading">
        <h2 id="new-heading">{t("proposal.new.chooseGroup")}</h2>
        <p className="muted">
          {t("proposal.deadline.closes", { time: formatWib(edition.endsAt, locale) })}
          {edition.minutesLeft !== null ? ` · ${timeLeftText(t, edition.minutesLeft)}` : ""}
        </p>
        <FormErrors errors={data?.errors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="competitionId" value={edition.id} />
          <fieldset id="groupId" aria-describedby={groupError ? "groupId-error" : undefined}>
            <legend>{t("proposal.field.group")}</legend>
            {edition.groups.map((g, i) => (
              <div key={g.id} className="field">
                <label>
                  <input
                    type="radio"
                    name="groupId"
                    value={g.id}
                    defaultChecked={values.groupId ? values.groupId === g.id : i === 0}
                  />{" "}
                  <strong>{named(g, locale)}</strong>
                </label>
                {(locale === "en" ? g.descriptionEn : g.descriptionId) ? (
                  <span className="hint">{locale === "en" ? g.descriptionEn : g.descriptionId}</span>
                ) : null}
              </div>
            ))}
            {groupError ? (
              <span className="error" id="groupId-error" role="alert">
                {t(groupError)}
              </span>
            ) : null}
          </fieldset>
          <TextField
            name="title"
            label={t("proposal.new.titleLabel")}
            hint={t("proposal.new.titleHint")}
            defaultValue={values.title ?? ""}
            errors={data?.errors}
            maxLength={300}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("proposal.new.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
