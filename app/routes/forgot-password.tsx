import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert, FormErrors, TextField } from "~/components/ui/form";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { parseForm } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { email } from "~/schemas/common";
import { requestPasswordReset } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Lupa kata sandi · Sayembara" }];

const ForgotSchema = z.object({ email });

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ sent: new URL(request.url).searchParams.get("sent") === "1" });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotSchema, await request.formData());
  if (!parsed.ok) return json(parsed, 400);
  await requestPasswordReset(getDb(), parsed.data.email, publicOrigin(request), await getLocale(request));
  // The same answer whether or not the address has an account.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <div className="card">
        <h1>{t("forgot.title")}</h1>
        {sent ? (
          <>
            <Alert kind="success">{t("forgot.sent")}</Alert>
            <p>
              <Link to="/login">{t("forgot.backToLogin")}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t("forgot.intro")}</p>
            <FormErrors errors={data?.errors} />
            <Form method="post" className="stack" noValidate>
              <TextField
                name="email"
                type="email"
                label={t("login.email")}
                autoComplete="email"
                defaultValue={data?.values.email ?? ""}
                errors={data?.errors}
                required
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("forgot.submit")}
                </button>
                <Link to="/login">{t("forgot.backToLogin")}</Link>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
