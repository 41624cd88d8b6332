/**
 * GET /verify: the public form to check a certificate's code. The form is a
 * plain GET (works without JavaScript): a well-formed code goes to
 * /verify/:code in canonical form; a malformed one is shown back with the
 * error at the field.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/verify-form";
import { PageHeader } from "~/components/ui/page";
import { normalizeCertificateCode } from "~/domain/certificates";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { publicCacheHeaders, publicPageHeaders } from "~/lib/public-http.server";

export const meta: MetaFunction = () => [
  { title: "Verifikasi piagam · Sayembara" },
  { name: "description", content: "Periksa keaslian piagam penghargaan dengan kode verifikasinya." },
];

export const headers = publicPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  const cache = publicCacheHeaders(request);
  if (raw === null || raw.trim() === "") return json({ code: raw ?? "", errors: {} as FieldErrors }, { headers: cache });
  const code = normalizeCertificateCode(raw);
  if (code) return redirect(`/verify/${code}`, { headers: cache });
  return json({ code: raw.slice(0, 200), errors: { code: "certificates.verify.invalid" } as FieldErrors }, { status: 400, headers: cache });
}

export default function VerifyIndex() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader title={t("certificates.verify.title")} lead={t("certificates.verify.lead")} />
      <section className="card">
        <VerifyForm code={d.code} errors={d.errors} />
      </section>
    </>
  );
}
