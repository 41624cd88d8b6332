import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server";
import { startSession } from "~/auth/session.server";
import { Alert, FormErrors, TextField, NewPasswordFields } from "~/components/ui/form";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { newPassword, requiredText } from "~/schemas/common";
import { acceptInvitation, getInvitation } from "~/services/invitations.server";

export const meta: MetaFunction = () => [{ title: "Terima undangan · Sayembara" }];

// Field names contain "password" so parseForm never echoes them back.
const NewAccountSchema = z
  .object({
    name: requiredText(200),
    password: newPassword,
    passwordConfirm: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: "errors.passwordMismatch", path: ["passwordConfirm"] });

type Mode = "new" | "signIn" | "accept" | "wrongAccount";

/** An unknown, used, revoked or expired link answers 410 Gone. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await getInvitation(getDb(), token);
  if (!invitation) return json({ invitation: null, mode: null, signedInAs: null, loginHref: "" }, 410);
  const actor = await getActor(request);
  let mode: Mode;
  if (actor) mode = actor.email === invitation.email ? "accept" : "wrongAccount";
  else mode = invitation.hasAccount ? "signIn" : "new";
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`;
  return json({ invitation, mode, signedInAs: actor?.email ?? null, loginHref });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const db = getDb();
  const actor = await getActor(request);

  if (actor) {
    const result = await acceptInvitation(db, token, { existingUserId: actor.userId });
    if (result.ok) return redirect("/dashboard");
    if (result.reason === "wrongAccount") return json({ ...failure({ _form: "invite.wrongAccount" }, {}), email: result.email }, 403);
    return json({ ...failure({ _form: "invite.invalid" }, {}), email: "" }, 410);
  }

  const parsed = parseForm(NewAccountSchema, await request.formData());
  if (!parsed.ok) return json({ ...parsed, email: "" }, 400);
  const result = await acceptInvitation(db, token, { name: parsed.data.name, password: parsed.data.password });
  if (result.ok) {
    const cookie = await startSession(result.userId);
    return redirect("/dashboard", { headers: { "Set-Cookie": cookie } });
  }
  if (result.reason === "form") return json({ ...failure(result.errors, parsed.values), email: "" }, 400);
  if (result.reason === "accountExists") return json({ ...failure({ _form: "invitation.accountExists" }, parsed.values), email: "" }, 409);
  return json({ ...failure({ _form: "invite.invalid" }, {}), email: "" }, 410);
}

export default function InvitationPage() {
  const { invitation, mode, signedInAs, loginHref } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";

  if (!invitation || data?.errors._form === "invite.invalid") {
    return (
      <div className="narrow">
        <div className="card">
          <h1>{t("invite.title")}</h1>
          <Alert kind="error">{t("invite.invalid")}</Alert>
          <p>
            <Link to="/">{t("nav.home")}</Link>
          </p>
        </div>
      </div>
    );
  }

  const role = t(`role.${invitation.role}` as MessageKey);
  const formError = data?.errors._form;
  return (
    <div className="narrow">
      <div className="card">
        <h1>{t("invite.title")}</h1>
        <dl className="meta">
          <dt>{t("invitation.role")}</dt>
          <dd>{role}</dd>
          <dt>{t("invitation.scope")}</dt>
          <dd>{invitation.scopeName}</dd>
          <dt>{t("invitation.email")}</dt>
          <dd>{invitation.email}</dd>
        </dl>

        {formError === "invite.wrongAccount" || mode === "wrongAccount" ? (
          <>
            <Alert kind="error">{t("invite.wrongAccount", { email: invitation.email })}</Alert>
            {signedInAs ? <p className="muted">{t("invitation.signedInAs", { email: signedInAs })}</p> : null}
            <form method="post" action="/logout">
              <button type="submit" className="button button-secondary">
                {t("nav.logout")}
              </button>
            </form>
          </>
        ) : mode === "signIn" ? (
          <>
            <p>{t("invite.introExisting", { role, scope: invitation.scopeName, email: invitation.email })}</p>
            <p>
              <Link to={loginHref} className="button">
                {t("invitation.signIn")}
              </Link>
            </p>
          </>
        ) : mode === "accept" ? (
          <>
            <p>{t("invitation.signedInAs", { email: signedInAs ?? "" })}</p>
            <Form method="post">
              <button type="submit" className="button" disabled={busy}>
                {t("invite.accept")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("invite.intro", { role, scope: invitation.scopeName })}</p>
            {formError === "invitation.accountExists" ? (
              <Alert kind="error">
                {t("invitation.accountExists")} <Link to={loginHref}>{t("invitation.signIn")}</Link>
              </Alert>
            ) : (
              <FormErrors errors={data?.errors} />
            )}
            <Form method="post" className="stack" noValidate>
              <TextField
                name="name"
                label={t("common.name")}
                autoComplete="name"
                defaultValue={data?.values.name ?? invitation.name}
                errors={data?.errors}
                maxLength={200}
                required
              />
              <NewPasswordFields
                name="password"
                confirmName="passwordConfirm"
                label={t("invitation.password")}
                confirmLabel={t("invitation.confirm")}
                hint={t("invitation.passwordHint")}
                errors={data?.errors}
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("invitation.create")}
                </button>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
