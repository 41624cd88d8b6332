import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { publicOrigin } from "~/lib/origin.server";
import { findAgency } from "~/models/agencies.server";
import { PersonSchema } from "~/schemas/people";
import { requiredText } from "~/schemas/common";
import { createInnovator, deactivateInnovator, listAgencyInnovators, reactivateInnovator } from "~/services/people.server";

export const meta: MetaFunction = () => [{ title: "Akun inovator · Sayembara" }];

const NOTICES = ["created", "deactivated", "reactivated"] as const;
type Notice = (typeof NOTICES)[number];

const ChangeSchema = z.object({ userId: requiredText(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const agencyId = params.id ?? "";
  const actor = await requirePermission(request, "innovator.list", { type: "agency", id: agencyId });
  const db = getDb();
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const innovators = await listAgencyInnovators(db, actor, agencyId);
  const notice = new URL(request.url).searchParams.get("notice");
  return json({
    agency: { id: agency.id, name: agency.name, code: agency.code },
    innovators,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const agencyId = params.id ?? "";
  const actor = await requirePermission(request, "innovator.list", { type: "agency", id: agencyId });
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: Notice) => redirect(`/agency/${agencyId}/innovators?notice=${notice}`);

  if (intent === "create") {
    const parsed = parseForm(PersonSchema, form);
    if (!parsed.ok) return json(parsed, 400);
    const result = await createInnovator(db, actor, agencyId, parsed.data, { origin: publicOrigin(request) });
    if (!result.ok) return json(failure(result.errors, parsed.values), 400);
    return back("created");
  }
  if (intent === "deactivate" || intent === "reactivate") {
    const parsed = parseForm(ChangeSchema, form);
    if (!parsed.ok) throw new Response("Bad Request", { status: 400 });
    if (intent === "deactivate") await deactivateInnovator(db, actor, agencyId, parsed.data.userId);
    else await reactivateInnovator(db, actor, agencyId, parsed.data.userId);
    return back(intent === "deactivate" ? "deactivated" : "reactivated");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AgencyInnovators() {
  const { agency, innovators, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const values = data?.values ?? {};
  return (
    <>
      <PageHeader title={t("innovators.title")} lead={t("innovators.lead", { agency: `${agency.name} (${agency.code})` })} />
      {notice ? <Alert kind="success">{t(`innovators.notice.${notice}` as MessageKey)}</Alert> : null}

      <section className="card" aria-labelledby="innovators-list">
        <h2 id="innovators-list">{t("innovators.title")}</h2>
        {innovators.length === 0 ? (
          <EmptyState message="innovators.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("common.status")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {innovators.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.email}</td>
                    <td>
                      {!p.active ? (
                        <span className="badge badge-muted">{t("common.inactive")}</span>
                      ) : p.pending ? (
                        <span className="badge">{t("people.pending")}</span>
                      ) : (
                        <span className="badge badge-success">{t("common.active")}</span>
                      )}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="userId" value={p.id} />
                        {p.active ? (
                          <button
                            type="submit"
                            name="intent"
                            value="deactivate"
                            className="button button-danger"
                            aria-label={t("innovators.deactivateLabel", { name: p.name })}
                            disabled={busy}
                          >
                            {t("innovators.deactivate")}
                          </button>
                        ) : (
                          <button
                            type="submit"
                            name="intent"
                            value="reactivate"
                            className="button button-secondary"
                            aria-label={t("innovators.reactivateLabel", { name: p.name })}
                            disabled={busy}
                          >
                            {t("innovators.reactivate")}
                          </button>
                        )}
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="innovators-new">
        <h2 id="innovators-new">{t("innovators.create.title")}</h2>
        <p className="muted small">{t("innovators.create.hint")}</p>
        <FormErrors errors={data?.errors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <div className="form-row">
            <TextField
              name="name"
              label={t("common.name")}
              defaultValue={values.name ?? ""}
              errors={data?.errors}
              autoComplete="off"
              maxLength={200}
              required
            />
            <TextField
              name="email"
              type="email"
              label={t("common.email")}
              defaultValue={values.email ?? ""}
              errors={data?.errors}
              autoComplete="off"
              required
            />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("innovators.create.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
