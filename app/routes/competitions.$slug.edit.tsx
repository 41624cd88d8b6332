import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { CompetitionForm } from "~/components/competition-form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { utcIsoToWibLocal } from "~/domain/time";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { CompetitionSchema, competitionFields, stageField } from "~/schemas/competition";
import { getCompetitionForEdit, updateCompetition } from "~/services/competitions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ubah ${data.name} · Sayembara` : "Ubah kompetisi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { competition: c, timeline } = await getCompetitionForEdit(getDb(), actor, params.slug ?? "");
  // The form's values: the stored competition with its timeline back in WIB.
  const values: Record<string, string> = {
    name: c.name,
    year: String(c.year),
    slug: c.slug,
    theme: c.theme,
    description: c.description,
  };
  for (const s of timeline) {
    values[stageField(s.stage, "start")] = s.startsAt ? utcIsoToWibLocal(s.startsAt) : "";
    values[stageField(s.stage, "end")] = s.endsAt ? utcIsoToWibLocal(s.endsAt) : "";
  }
  return json({ name: c.name, slug: c.slug, values });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition } = await getCompetitionForEdit(db, actor, params.slug ?? "");
  const parsed = parseForm(CompetitionSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const result = await updateCompetition(db, actor, competition.id, competitionFields(parsed.data));
  if (!result.ok) return json(failure(result.errors, parsed.values), 400);
  return redirect(`/competitions/${result.slug}?notice=updated`);
}

export default function EditCompetition() {
  const { name, slug, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("competition.edit")}
        lead={name}
        breadcrumb={<Link to={`/competitions/${slug}`}>{name}</Link>}
      />
      <CompetitionForm
        values={data?.values ?? values}
        errors={data?.errors}
        submitLabel={t("competition.submitEdit")}
        cancelTo={`/competitions/${slug}`}
      />
    </>
  );
}
