import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { startSession } from "~/auth/session.server";
import { Alert, EmptyState, FormErrors, TextField, NewPasswordFields } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n";
import { failure, parseForm } from "~/lib/forms";
import { newPassword } from "~/schemas/common";
import { getAccount } from "~/services/account.server";
import { changePassword } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Akun saya · Sayembara" }];

// Field names contain "password" so parseForm never echoes them back.
const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(200, "errors.tooLong"),
    newPassword,
    newPasswordConfirm: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    message: "errors.passwordMismatch",
    path: ["newPasswordConfirm"],
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const account = await getAccount(getDb(), actor);
  return json({ ...account, changed: new URL(request.url).searchParams.get("changed") === "1" });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = parseForm(ChangePasswordSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  const ok = await changePassword(getDb(), actor.userId, parsed.data.currentPassword, parsed.data.newPassword);
  if (!ok) return json(failure({ currentPassword: "password.wrongCurrent" }, parsed.values), 400);
  // changePassword ended every session, this one included: start a fresh one here.
  const cookie = await startSession(actor.userId);
  return redirect("/account?changed=1", { headers: { "Set-Cookie": cookie } });
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title={t("account.title")} />
      {d.changed ? <Alert kind="success">{t("password.changed")}</Alert> : null}
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        <dl className="meta">
          <dt>{t("common.name")}</dt>
          <dd>{d.name}</dd>
          <dt>{t("login.email")}</dt>
          <dd>{d.email}</dd>
        </dl>
        <h3>{t("account.roles")}</h3>
        {d.roles.length === 0 ? (
          <EmptyState message="account.noRoles" />
        ) : (
          <ul>
            {d.roles.map((r, i) => (
              <li key={i}>
                {t(`role.${r.role}` as MessageKey)}
                {r.scope ? <span className="muted"> — {r.scope}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.title")}</h2>
        <FormErrors errors={data?.errors} />
        <Form method="post" className="stack" noValidate>
          <TextField
            name="currentPassword"
            type="password"
            label={t("password.current")}
            autoComplete="current-password"
            errors={data?.errors}
            required
          />
          <NewPasswordFields
            name="newPassword"
            confirmName="newPasswordConfirm"
            label={t("password.new")}
            confirmLabel={t("password.confirm")}
            hint={t("reset.hint")}
            errors={data?.errors}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("password.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
