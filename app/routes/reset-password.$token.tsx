import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert, FormErrors, NewPasswordFields } from "~/components/ui/form";
import { getDb } from "~/db.server";
import { useT } from "~/i18n/react";
import { parseForm } from "~/lib/forms";
import { newPassword } from "~/schemas/common";
import { findValidReset, resetPassword } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Buat kata sandi baru · Sayembara" }];

// Field names contain "password" so parseForm never echoes them back.
const ResetSchema = z
  .object({
    password: newPassword,
    passwordConfirm: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: "errors.passwordMismatch", path: ["passwordConfirm"] });

/** A used, expired or unknown link answers 410 Gone, with the way to a new one. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findValidReset(getDb(), params.token ?? "");
  return json({ valid: Boolean(reset) }, reset ? 200 : 410);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(ResetSchema, await request.formData());
  if (!parsed.ok) return json({ ...parsed, invalid: false }, 400);
  const done = await resetPassword(getDb(), params.token ?? "", parsed.data.password);
  if (!done) return json({ ok: false as const, errors: {}, values: {}, invalid: true }, 410);
  return redirect("/login?notice=reset");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const invalid = !valid || data?.invalid;
  return (
    <div className="narrow">
      <div className="card">
        <h1>{t("reset.title")}</h1>
        {invalid ? (
          <>
            <Alert kind="error">{t("reset.invalid")}</Alert>
            <p>
              <Link to="/forgot-password" className="button">
                {t("reset.requestNew")}
              </Link>
            </p>
          </>
        ) : (
          <>
            <FormErrors errors={data?.errors} />
            <Form method="post" className="stack" noValidate>
              <NewPasswordFields
                name="password"
                confirmName="passwordConfirm"
                label={t("reset.password")}
                confirmLabel={t("reset.confirm")}
                hint={t("reset.hint")}
                errors={data?.errors}
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("reset.submit")}
                </button>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
