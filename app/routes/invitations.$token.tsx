import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server";
import { startSession } from "~/auth/session.server";
import { Alert, FormErrors, TextField, NewPasswordFields } from "~/components/ui/form";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { newPassword, requiredText } from "~/schemas/common";
import { acceptInvitation, declineInvitation, getDeclinedInvitation, getInvitation } from "~/services/invitations.server";

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

/**
 * An unknown, used, revoked, declined or expired link answers 410 Gone;
 * right after declining (?declined=1) a declined link shows that it was.
 * A juror invitation can be declined: ?decline=1 asks to confirm.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const url = new URL(request.url);
  const db = getDb();
  const invitation = await getInvitation(db, token);
  if (!invitation) {
    const declined = url.searchParams.get("declined") === "1" ? await getDeclinedInvitation(db, token) : null;
    return json(
      { invitation: null, declined, mode: null, signedInAs: null, loginHref: "", canDecline: false, confirmDecline: false },
      declined ? 200 : 410,
    );
  }
  const actor = await getActor(request);
  let mode: Mode;
  if (actor) mode = actor.email === invitation.email ? "accept" : "wrongAccount";
  else mode = invitation.hasAccount ? "signIn" : "new";
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`;
  const canDecline = invitation.role === "evaluator" || invitation.role === "panelist";
  const confirmDecline = canDecline && url.searchParams.get("decline") === "1";
  return json({ invitation, declined: null, mode, signedInAs: actor?.email ?? null, loginHref, canDecline, confirmDecline });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const db = getDb();
  const form = await request.formData();

  // Declining needs no sign-in: the link is the credential, as for accepting.
  if (form.get("intent") === "decline") {
    const result = await declineInvitation(db, token);
    if (result.ok) return redirect(`/invitations/${token}?declined=1`);
    return json({ ...failure({ _form: "invite.invalid" }, {}), email: "" }, 410);
  }

  const actor = await getActor(request);
  if (actor) {
    const result = await acceptInvitation(db, token, { existingUserId: actor.userId });
    if (result.ok) return redirect("/dashboard");
    if (result.reason === "wrongAccount") return json({ ...failure({ _form: "invite.wrongAccount" }, {}), email: result.email }, 403);
    return json({ ...failure({ _form: "invite.invalid" }, {}), email: "" }, 410);
  }

  const parsed = parseForm(NewAccountSchema, form);
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
  const { invitation, declined, mode, signedInAs, loginHref, canDecline, confirmDecline } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const token = useParams().token ?? "";

  if (declined) {
    return (
      <div className="narrow">
        <div className="card">
          <h1>{t("invite.declined.title")}</h1>
          <Alert kind="info">
            {t("invite.declined.body", { role: t(`role.${declined.role}` as MessageKey), scope: declined.scopeName })}
          </Alert>
          <p>
            <Link to="/">{t("nav.home")}</Link>
          </p>
        </div>
      </div>
    );
  }

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

        {confirmDecline ? (
          <>
            <Alert kind="warn">{t("invite.decline.confirm", { role, scope: invitation.scopeName })}</Alert>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <div className="actions">
                <button type="submit" className="button button-danger" disabled={busy}>
                  {t("invite.decline.submit")}
                </button>
                <Link to={`/invitations/${token}`} className="button button-secondary">
                  {t("common.cancel")}
                </Link>
              </div>
            </Form>
          </>
        ) : formError === "invite.wrongAccount" || mode === "wrongAccount" ? (
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
        {canDecline && !confirmDecline ? (
          <div className="stack" style={{ marginTop: "1.5rem" }}>
            <p className="muted small">{t("invite.decline.prompt")}</p>
            <p>
              <Link to={`/invitations/${token}?decline=1`} className="button button-secondary">
                {t("invite.decline.link")}
              </Link>
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
