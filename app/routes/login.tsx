import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server";
import { startSession } from "~/auth/session.server";
import { Alert, FormErrors, TextField } from "~/components/ui/form";
import { getDb } from "~/db.server";
import { isLocale } from "~/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { clientIp, safeRedirectPath } from "~/lib/http.server";
import { email } from "~/schemas/common";
import { login } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Masuk · Sayembara" }];

const LoginSchema = z.object({
  email,
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(200, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getActor(request)) return redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  return json({
    redirectTo: url.searchParams.get("redirectTo") ?? "",
    notice: url.searchParams.get("notice"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.ok) return json({ ...parsed, minutes: 0 }, 400);
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  const result = await login(
    getDb(),
    parsed.data.email,
    parsed.data.password,
    clientIp(context),
    new Date(),
    isLocale(chosen) ? chosen : undefined,
  );
  if (!result.ok) {
    const status = result.reason === "rateLimited" ? 429 : 400;
    const minutes = result.reason === "rateLimited" ? result.minutes : 0;
    const key =
      result.reason === "rateLimited" ? "login.rateLimited" : result.reason === "inactive" ? "login.inactive" : "login.invalid";
    return json({ ...failure({ _form: key }, parsed.values), minutes }, status);
  }
  const cookie = await startSession(result.userId);
  return redirect(safeRedirectPath(parsed.data.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const formError = data?.errors._form;
  // A refused password is never kept in the field (without JavaScript the page reloads empty anyway).
  useEffect(() => {
    const field = document.getElementById("password") as HTMLInputElement | null;
    if (data && field) field.value = "";
  }, [data]);
  return (
    <div className="narrow">
      <div className="card">
        <h1>{t("login.title")}</h1>
        {notice === "reset" ? <Alert kind="success">{t("reset.done")}</Alert> : null}
        {notice === "logout" ? <Alert kind="info">{t("logout.done")}</Alert> : null}
        {formError ? (
          <Alert kind="error">{t(formError, { minutes: data?.minutes ?? 0 })}</Alert>
        ) : (
          <FormErrors errors={data?.errors} />
        )}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField
            name="email"
            type="email"
            label={t("login.email")}
            autoComplete="username"
            defaultValue={data?.values.email ?? ""}
            errors={data?.errors}
            required
          />
          <TextField
            name="password"
            type="password"
            label={t("login.password")}
            autoComplete="current-password"
            errors={data?.errors}
            required
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("login.submit")}
            </button>
            <Link to="/forgot-password">{t("login.forgot")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

