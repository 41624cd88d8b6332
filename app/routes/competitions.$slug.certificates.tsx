import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { CertificateSettingsSchema, IssueCertificatesSchema, RevokeCertificateSchema } from "~/schemas/certificates";
import { getCertificatesPage, issueCertificates, revokeCertificate, updateCertificateSettings } from "~/services/certificates.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Piagam penghargaan: ${data.competition.name} · Sayembara` : "Piagam penghargaan · Sayembara" },
];

const NOTICES = ["saved", "unchanged", "issued", "revoked"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getCertificatesPage(getDb(), actor, params.slug ?? "");
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  const n = (k: string) => Math.max(0, Number.parseInt(url.searchParams.get(k) ?? "0", 10) || 0);
  return json({
    ...page,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    counts: { issued: n("issued"), revoked: n("revoked") },
  });
}

interface ActionFailure {
  ok: false;
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/competitions/${slug}/certificates`;
  const refuse = (errors: FieldErrors, values: Record<string, string>) => json<ActionFailure>({ ok: false, intent, errors, values }, 400);

  if (intent === "settings") {
    const parsed = parseForm(CertificateSettingsSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await updateCertificateSettings(db, actor, slug, parsed.data);
    return redirect(`${here}?notice=${r.changed ? "saved" : "unchanged"}`);
  }
  if (intent === "issue") {
    const parsed = parseForm(IssueCertificatesSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await issueCertificates(db, actor, slug, parsed.data);
    if (!r.ok) return refuse(r.errors, parsed.values);
    return redirect(`${here}?notice=issued&issued=${r.issued}&revoked=${r.revoked}`);
  }
  if (intent === "revoke") {
    const parsed = parseForm(RevokeCertificateSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await revokeCertificate(db, actor, slug, parsed.data);
    if (!r.ok) return refuse(r.errors, parsed.values);
    return redirect(`${here}?notice=revoked`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function CompetitionCertificates() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const here = `/competitions/${c.slug}/certificates`;
  const errorsFor = (intent: string) => (failed && failed.intent === intent ? failed.errors : undefined);
  const valuesFor = (intent: string) => (failed && failed.intent === intent ? failed.values : undefined);
  const settingsErrors = errorsFor("settings");
  const settingsValues = valuesFor("settings") ?? d.settings;
  const issueErrors = errorsFor("issue");
  const revokeErrors = errorsFor("revoke");
  const revokeValues = valuesFor("revoke");
  const tierName = (x: { tierNameId: string; tierNameEn: string }) => (locale === "en" && x.tierNameEn ? x.tierNameEn : x.tierNameId);
  const somethingToDo = d.plan.issue.length > 0 || d.plan.revoke > 0;

  return (
    <>
      <PageHeader
        title={t("certificates.title")}
        lead={t("certificates.lead", { name: c.name })}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
        actions={
          d.activeCount > 0 ? (
            <a className="button button-secondary" href={`${here}/zip`} download>
              {t("certificates.downloadAll", { count: d.activeCount })}
            </a>
          ) : null
        }
      />

      {d.notice ? (
        <Alert kind="success">{t(`certificates.notice.${d.notice}` as MessageKey, { issued: d.counts.issued, revoked: d.counts.revoked })}</Alert>
      ) : null}

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t("certificates.settings.title")}</h2>
        <p className="muted">{t("certificates.settings.lead")}</p>
        <Form method="post" action={here} noValidate>
          <FormErrors errors={settingsErrors} />
          <TextField
            name="signatoryName"
            label={t("certificates.settings.signatoryName")}
            errors={settingsErrors}
            defaultValue={settingsValues.signatoryName ?? ""}
            maxLength={120}
            required
          />
          <TextField
            name="signatoryTitle"
            label={t("certificates.settings.signatoryTitle")}
            hint={t("certificates.settings.signatoryTitleHint")}
            errors={settingsErrors}
            defaultValue={settingsValues.signatoryTitle ?? ""}
            maxLength={200}
            required
          />
          <TextField
            name="place"
            label={t("certificates.settings.place")}
            hint={t("certificates.settings.placeHint")}
            errors={settingsErrors}
            defaultValue={settingsValues.place ?? ""}
            maxLength={80}
            required
          />
          <div className="actions">
            <button type="submit" name="intent" value="settings" className="button" disabled={busy}>
              {t("certificates.settings.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="issue-heading">
        <h2 id="issue-heading">{t("certificates.issue.title")}</h2>
        {!d.announcement ? (
          <Alert kind="info">{t("certificates.issue.none")}</Alert>
        ) : (
          <>
            <p>
              {t("certificates.issue.source", {
                number: d.announcement.number ?? "—",
                title: d.announcement.title,
                date: formatWib(d.announcement.publishedAt, locale),
              })}
            </p>
            {somethingToDo ? (
              <ul>
                <li>{t("certificates.issue.planNew", { count: d.plan.issue.length })}</li>
                {d.plan.revoke > 0 ? <li>{t("certificates.issue.planRevoke", { count: d.plan.revoke })}</li> : null}
                <li>{t("certificates.issue.planKeep", { count: d.plan.keep })}</li>
              </ul>
            ) : (
              <Alert kind="info">{t("certificates.issue.upToDate")}</Alert>
            )}
            {somethingToDo ? (
              <Form method="post" action={here} noValidate>
                {issueErrors?._form ? <Alert kind="error">{t(issueErrors._form)}</Alert> : null}
                {d.plan.revoke > 0 ? (
                  <TextAreaField
                    name="reason"
                    label={t("certificates.issue.reason")}
                    hint={t("certificates.issue.reasonHint")}
                    errors={issueErrors}
                    defaultValue={valuesFor("issue")?.reason ?? ""}
                    rows={3}
                    maxLength={500}
                    required
                  />
                ) : null}
                <div className="actions">
                  <button type="submit" name="intent" value="issue" className="button" disabled={busy}>
                    {t("certificates.issue.submit")}
                  </button>
                </div>
              </Form>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("certificates.list.title")}</h2>
        {revokeErrors?._form ? <Alert kind="error">{t(revokeErrors._form)}</Alert> : null}
        {d.certificates.length === 0 ? (
          <EmptyState message="certificates.list.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("certificates.list.number")}</th>
                  <th scope="col">{t("certificates.list.innovation")}</th>
                  <th scope="col">{t("certificates.list.agency")}</th>
                  <th scope="col">{t("certificates.list.tier")}</th>
                  <th scope="col">{t("certificates.list.code")}</th>
                  <th scope="col">{t("certificates.list.issuedOn")}</th>
                  <th scope="col">{t("certificates.list.status")}</th>
                  <th scope="col">{t("certificates.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.certificates.map((cert) => {
                  const failedHere = revokeValues?.certificateId === cert.id;
                  return (
                    <tr key={cert.id}>
                      <th scope="row">
                        <code>{cert.proposalNumber}</code>
                      </th>
                      <td>{cert.innovationTitle}</td>
                      <td>{cert.agencyName}</td>
                      <td>{tierName(cert)}</td>
                      <td>
                        <code>{cert.code}</code>
                      </td>
                      <td>{formatWib(`${cert.issuedOn}T05:00:00.000Z`, locale, false)}</td>
                      <td>
                        {cert.revokedAt ? (
                          <>
                            <span className="badge badge-danger">{t("certificates.status.revoked")}</span>
                            <div className="small muted">{t("certificates.list.revokedOn", { date: formatWib(cert.revokedAt, locale) })}</div>
                            {cert.revokeReason ? <div className="small">{cert.revokeReason}</div> : null}
                          </>
                        ) : (
                          <span className="badge badge-success">{t("certificates.status.valid")}</span>
                        )}
                      </td>
                      <td>
                        {cert.revokedAt ? (
                          <Link to={`/verify/${cert.code}`}>{t("certificates.verifyLink")}</Link>
                        ) : (
                          <>
                            <a href={`/certificates/${cert.id}/pdf`} aria-label={t("certificates.downloadLabel", { code: cert.code })}>
                              {t("certificates.download")}
                            </a>
                            {" · "}
                            <Link to={`/verify/${cert.code}`}>{t("certificates.verifyLink")}</Link>
                            <details open={failedHere}>
                              <summary>{t("certificates.revoke.summary")}</summary>
                              <Form method="post" action={here} noValidate>
                                <input type="hidden" name="certificateId" value={cert.id} />
                                <div className="field">
                                  <label htmlFor={`reason-${cert.id}`}>{t("certificates.revoke.reason")}</label>
                                  <textarea
                                    id={`reason-${cert.id}`}
                                    name="reason"
                                    rows={2}
                                    maxLength={500}
                                    required
                                    defaultValue={failedHere ? revokeValues?.reason ?? "" : ""}
                                    aria-invalid={failedHere && revokeErrors?.reason ? true : undefined}
                                    aria-describedby={failedHere && revokeErrors?.reason ? `reason-${cert.id}-error` : undefined}
                                  />
                                  {failedHere && revokeErrors?.reason ? (
                                    <span className="error" id={`reason-${cert.id}-error`} role="alert">
                                      {t(revokeErrors.reason)}
                                    </span>
                                  ) : null}
                                </div>
                                <button type="submit" name="intent" value="revoke" className="button button-danger" disabled={busy}>
                                  {t("certificates.revoke.submit")}
                                </button>
                              </Form>
                            </details>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
