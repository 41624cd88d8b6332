import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/actor.server";
import { FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { optionalText, requiredText } from "~/schemas/common";
import { createAgency, getNewAgencyForm } from "~/services/agencies.server";

export const meta: MetaFunction = () => [{ title: "Tambah instansi · Sayembara" }];

const NewAgencySchema = z.object({
  cluster: requiredText(20),
  name: requiredText(200),
  code: optionalText(40),
  provinceCode: optionalText(10),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organizerId = params.id ?? "";
  const actor = await requirePermission(request, "agency.create", { type: "organizer", id: organizerId });
  return json(await getNewAgencyForm(getDb(), actor, organizerId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizerId = params.id ?? "";
  const actor = await requirePermission(request, "agency.create", { type: "organizer", id: organizerId });
  const parsed = parseForm(NewAgencySchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const result = await createAgency(getDb(), actor, organizerId, parsed.data);
  if (!result.ok) return json(failure(result.errors, parsed.values), 400);
  return redirect(`/agencies/${result.id}?created=1`);
}

export default function NewAgency() {
  const { organizer, clusters, provinces, homeProvince } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const values = data?.values ?? {};
  return (
    <div className="narrow">
      <PageHeader
        title={t("agencies.new.title")}
        lead={t("agencies.new.lead", { organizer: organizer.name })}
        breadcrumb={<Link to={`/organizers/${organizer.id}`}>{organizer.name}</Link>}
      />
      <div className="card">
        <FormErrors errors={data?.errors} />
        <Form method="post" className="stack" noValidate>
          <SelectField
            name="cluster"
            label={t("agencies.new.cluster")}
            placeholder={t("agencies.new.choose")}
            options={clusters.map((c) => ({ value: c, label: t(`cluster.${c}` as MessageKey) }))}
            defaultValue={values.cluster ?? ""}
            errors={data?.errors}
            required
          />
          <TextField
            name="name"
            label={t("agencies.new.name")}
            hint={t("agencies.new.nameHint")}
            defaultValue={values.name ?? ""}
            errors={data?.errors}
            maxLength={200}
            required
          />
          <TextField
            name="code"
            label={t("agencies.new.code")}
            hint={t("agencies.new.codeHint")}
            defaultValue={values.code ?? ""}
            errors={data?.errors}
            maxLength={40}
            autoCapitalize="characters"
          />
          {organizer.kind === "national" ? (
            <SelectField
              name="provinceCode"
              label={t("agencies.new.province")}
              hint={t("agencies.new.provinceHint")}
              placeholder={t("agencies.new.chooseProvince")}
              options={provinces.map((p) => ({ value: p.code, label: p.name }))}
              defaultValue={values.provinceCode ?? ""}
              errors={data?.errors}
            />
          ) : (
            <p className="muted">
              {t("agencies.new.provinceFixed", {
                province: organizer.province_name ?? "—",
                parent: homeProvince?.name ?? "—",
              })}
              {data?.errors.provinceCode ? (
                <span className="error" role="alert">
                  {" "}
                  {t(data.errors.provinceCode)}
                </span>
              ) : null}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("agencies.new.submit")}
            </button>
            <Link to="/agencies">{t("common.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
