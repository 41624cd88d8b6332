import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { ORGANIZER_KINDS } from "~/domain/roles";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { email, optionalText, requiredText } from "~/schemas/common";
import { createOrganizer, getOrganizersAdmin } from "~/services/organizers.server";

export const meta: MetaFunction = () => [{ title: "Penyelenggara · Sayembara" }];

// Field names follow the service's input so its errors land on the right field.
const NewOrganizerSchema = z.object({
  name: requiredText(200),
  kind: z.enum(ORGANIZER_KINDS, { errorMap: () => ({ message: "errors.required" }) }),
  provinceCode: optionalText(10),
  "firstAdmin.name": requiredText(200),
  "firstAdmin.email": email,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organizer.list");
  const created = new URL(request.url).searchParams.get("created") === "1";
  return json({ ...(await getOrganizersAdmin(getDb(), actor)), created });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "organizer.create");
  const parsed = parseForm(NewOrganizerSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const d = parsed.data;
  const result = await createOrganizer(
    getDb(),
    actor,
    { name: d.name, kind: d.kind, provinceCode: d.provinceCode, firstAdmin: { name: d["firstAdmin.name"], email: d["firstAdmin.email"] } },
    { origin: publicOrigin(request) },
  );
  if (!result.ok) return json(failure(result.errors, parsed.values), 400);
  return redirect("/admin/organizers?created=1");
}

export default function AdminOrganizers() {
  const { organizers, provinces, created } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const values = data?.values ?? {};
  return (
    <>
      <PageHeader title={t("organizers.title")} lead={t("organizers.lead")} />
      {created ? <Alert kind="success">{t("organizers.created")}</Alert> : null}

      <section className="card" aria-labelledby="organizers-list">
        <h2 id="organizers-list">{t("organizers.title")}</h2>
        {organizers.length === 0 ? (
          <EmptyState message="organizers.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("organizers.col.name")}</th>
                  <th scope="col">{t("organizers.col.kind")}</th>
                  <th scope="col">{t("organizers.col.province")}</th>
                  <th scope="col">{t("organizers.col.competitions")}</th>
                  <th scope="col">{t("organizers.col.admins")}</th>
                </tr>
              </thead>
              <tbody>
                {organizers.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/organizers/${o.id}`}>{o.name}</Link>
                    </th>
                    <td>{t(`organizer.kind.${o.kind}` as MessageKey)}</td>
                    <td>{o.provinceName ?? "—"}</td>
                    <td>{o.competitionCount}</td>
                    <td>{o.adminCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="organizer-new">
        <h2 id="organizer-new">{t("organizers.new.title")}</h2>
        <FormErrors errors={data?.errors} />
        <Form method="post" className="stack" noValidate>
          <TextField
            name="name"
            label={t("organizers.new.name")}
            hint={t("organizers.new.nameHint")}
            defaultValue={values.name ?? ""}
            errors={data?.errors}
            maxLength={200}
            required
          />
          <SelectField
            name="kind"
            label={t("organizers.new.kind")}
            placeholder={t("organizers.new.chooseKind")}
            options={ORGANIZER_KINDS.map((k) => ({ value: k, label: t(`organizer.kind.${k}` as MessageKey) }))}
            defaultValue={values.kind ?? ""}
            errors={data?.errors}
            required
          />
          {/* Always shown (no script needed); the hint says it applies to provincial organizers. */}
          <SelectField
            name="provinceCode"
            label={t("organizers.new.province")}
            hint={t("organizers.new.provinceHint")}
            placeholder={t("organizers.new.chooseProvince")}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
            defaultValue={values.provinceCode ?? ""}
            errors={data?.errors}
          />
          <fieldset>
            <legend>{t("organizers.new.firstAdmin")}</legend>
            <p className="muted small">{t("organizers.new.firstAdminHint")}</p>
            <div className="form-row">
            <TextField
              name="firstAdmin.name"
              label={t("organizers.new.firstAdminName")}
              defaultValue={values["firstAdmin.name"] ?? ""}
              errors={data?.errors}
              autoComplete="off"
              maxLength={200}
              required
            />
            <TextField
              name="firstAdmin.email"
              type="email"
              label={t("organizers.new.firstAdminEmail")}
              defaultValue={values["firstAdmin.email"] ?? ""}
              errors={data?.errors}
              autoComplete="off"
              required
            />
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("organizers.new.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
