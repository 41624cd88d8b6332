import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/actor.server";
import { CompetitionForm } from "~/components/competition-form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { WIB_TIME_ZONE } from "~/domain/time";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { CompetitionSchema, competitionFields } from "~/schemas/competition";
import { createCompetition, getNewCompetitionForm } from "~/services/competitions.server";

export const meta: MetaFunction = () => [{ title: "Kompetisi baru · Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organizerId = params.id ?? "";
  const actor = await requirePermission(request, "competition.create", { type: "organizer", id: organizerId });
  const form = await getNewCompetitionForm(getDb(), actor, organizerId);
  // The year of the edition being set up is most often the current one in WIB.
  const year = new Intl.DateTimeFormat("en", { timeZone: WIB_TIME_ZONE, year: "numeric" }).format(new Date());
  return json({ ...form, year });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizerId = params.id ?? "";
  const actor = await requirePermission(request, "competition.create", { type: "organizer", id: organizerId });
  const parsed = parseForm(CompetitionSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const result = await createCompetition(getDb(), actor, organizerId, competitionFields(parsed.data));
  if (!result.ok) return json(failure(result.errors, parsed.values), 400);
  return redirect(`/competitions/${result.slug}?notice=created`);
}

export default function NewCompetition() {
  const { organizer, year } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("competition.new")}
        lead={t("competition.newLead", { organizer: organizer.name })}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
      />
      <CompetitionForm
        values={data?.values ?? { year }}
        errors={data?.errors}
        submitLabel={t("competition.submitNew")}
        cancelTo="/dashboard"
      />
    </>
  );
}
