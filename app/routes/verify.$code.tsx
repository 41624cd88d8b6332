/**
 * GET /verify/:code: public verification of a certificate (the QR code on
 * the PDF opens it). Valid → what was printed; revoked → says so and when;
 * unknown or malformed → a 404 page. Only the certificate's printed snapshot
 * is read, and certificates exist only for published winners, so nothing
 * unpublished can show. A code typed in another form (lower case, no
 * dashes, O for 0) is redirected to its canonical URL.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { VerifyForm } from "~/components/verify-form";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { publicCacheHeaders, publicPageHeaders } from "~/lib/public-http.server";
import { verifyCertificate } from "~/services/certificates.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const title =
    data?.kind === "valid" ? "Piagam sah" : data?.kind === "revoked" ? "Piagam dicabut" : "Piagam tidak ditemukan";
  // A code is a bearer of its certificate's details: verification pages are not for search engines.
  return [{ title: `${title} · Verifikasi piagam · Sayembara` }, { name: "robots", content: "noindex" }];
};

export const headers = publicPageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = params.code ?? "";
  const cache = publicCacheHeaders(request);
  const v = await verifyCertificate(getDb(), raw);
  if (v.kind === "invalid") return json({ kind: "notFound" as const, code: raw.slice(0, 40) }, { status: 404, headers: cache });
  if (v.code !== raw) return redirect(`/verify/${v.code}`, { headers: cache });
  if (v.kind === "notFound") return json(v, { status: 404, headers: cache });
  return json(v, { headers: cache });
}

export default function VerifyCode() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (d.kind === "notFound") {
    return (
      <>
        <PageHeader title={t("certificates.verify.notFoundTitle")} />
        <Alert kind="error">{t("certificates.verify.notFoundLead", { code: d.code })}</Alert>
        <section className="card" aria-labelledby="another-heading">
          <h2 id="another-heading">{t("certificates.verify.another")}</h2>
          <VerifyForm />
        </section>
      </>
    );
  }
  const valid = d.kind === "valid";
  const tier = locale === "en" && d.tierNameEn ? d.tierNameEn : d.tierNameId;
  return (
    <>
      <PageHeader title={t(valid ? "certificates.verify.validTitle" : "certificates.verify.revokedTitle")} />
      {valid ? (
        <Alert kind="success">{t("certificates.verify.validLead", { code: d.code })}</Alert>
      ) : (
        <Alert kind="error">{t("certificates.verify.revokedLead", { code: d.code, date: formatWib(d.revokedAt, locale) })}</Alert>
      )}
      <section className="card" aria-label={t("certificates.verify.code")}>
        <dl>
          <dt className="muted">{t("certificates.verify.code")}</dt>
          <dd>
            <code>{d.code}</code>
          </dd>
          <dt className="muted">{t("certificates.verify.edition")}</dt>
          <dd>{d.editionName}</dd>
          <dt className="muted">{t("certificates.verify.tier")}</dt>
          <dd>{tier}</dd>
          <dt className="muted">{t("certificates.verify.innovation")}</dt>
          <dd>{d.innovationTitle}</dd>
          <dt className="muted">{t("certificates.verify.agency")}</dt>
          <dd>{d.agencyName}</dd>
          <dt className="muted">{t("certificates.verify.issuedOn")}</dt>
          <dd>
            {d.place ? `${d.place}, ` : ""}
            {formatWib(`${d.issuedOn}T05:00:00.000Z`, locale, false)}
          </dd>
          <dt className="muted">{t("certificates.verify.signatory")}</dt>
          <dd>
            {d.signatoryName}
            {d.signatoryTitle ? <div className="small muted">{d.signatoryTitle}</div> : null}
          </dd>
        </dl>
      </section>
      <p>
        <Link to="/verify">{t("certificates.verify.another")}</Link>
      </p>
    </>
  );
}
