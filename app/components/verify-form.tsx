import { Form } from "@remix-run/react";
import { TextField } from "~/components/ui/form";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";

/** The public certificate-code form: a plain GET to /verify (works without JavaScript). */
export function VerifyForm({ code, errors }: { code?: string; errors?: FieldErrors }) {
  const t = useT();
  return (
    <Form method="get" action="/verify" className="search-bar">
      <TextField
        name="code"
        label={t("certificates.verify.code")}
        hint={t("certificates.verify.codeHint")}
        errors={errors}
        defaultValue={code ?? ""}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={200}
        required
      />
      <button type="submit" className="button">
        {t("certificates.verify.submit")}
      </button>
    </Form>
  );
}
