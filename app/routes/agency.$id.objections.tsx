/**
 * /agency/:id/objections — the agency's objections (keberatan): the
 * announcements in their objection window that concern it, the filing form
 * (?announcement=<id>; multipart with up to 3 evidence files), its own
 * objections with status and answers, and withdrawing a pending one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { acceptAttribute, formatFileSize } from "~/domain/filetype";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { fileObjection, getAgencyObjections, withdrawObjection } from "~/services/objections.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Keberatan: ${data.agency.name} · Sayembara` : "Keberatan · Sayembara" },
];

const NOTICES = ["filed", "withdrawn"] as const;
type Notice = (typeof NOTICES)[number];

const WithdrawSchema = z.object({
  intent: z.literal("withdraw"),
  objectionId: z.string().min(1, "errors.required").max(64),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getAgencyObjections(getDb(), actor, params.id ?? "", { announcementId: url.searchParams.get("announcement") });
  const notice = url.searchParams.get("notice");
  return json({ ...page, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

interface ActionFailure {
  errors: FieldErrors;
  values: Record<string, string>;
  fileName?: string;
  /** Which form failed: the filing form or one objection's withdraw button. */
  objectionId?: string;
}

/**
 * POST multipart/form-data to ?announcement=<id> (proposal, listedNumber,
 * reasons, files…): file an objection.
 * POST urlencoded (intent=withdraw, objectionId): withdraw one.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const agencyId = params.id ?? "";
  const ctx = { ip: clientIp(context) };
  const base = `/agency/${encodeURIComponent(agencyId)}/objections`;
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const announcementId = new URL(request.url).searchParams.get("announcement") ?? "";
    const result = await fileObjection(db, actor, agencyId, announcementId, request, ctx);
    if (!result.ok) {
      const tooLarge = result.errors.files === "objections.errors.fileTooLarge";
      return json<ActionFailure>({ errors: result.errors, values: result.values, fileName: result.fileName }, tooLarge ? 413 : 400);
    }
    return redirect(`${base}?notice=filed#objection-${result.id}`);
  }
  const parsed = parseForm(WithdrawSchema, await request.formData());
  if (!parsed.ok) return json<ActionFailure>({ errors: { _form: "errors.invalid" }, values: parsed.values }, 400);
  const result = await withdrawObjection(db, actor, agencyId, parsed.data.objectionId, ctx);
  if (!result.ok) return json<ActionFailure>({ errors: result.errors, values: parsed.values, objectionId: parsed.data.objectionId }, 400);
  return redirect(`${base}?notice=withdrawn`);
}

function StatusBadge({ status }: { status: "pending" | "accepted" | "rejected" | "withdrawn" }) {
  const t = useT();
  const cls = status === "accepted" ? "badge badge-success" : status === "rejected" ? "badge badge-danger" : status === "withdrawn" ? "badge badge-muted" : "badge";
  return <span className={cls}>{t(`objections.status.${status}` as MessageKey)}</span>;
}

export default function AgencyObjections() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const base = `/agency/${encodeURIComponent(d.agency.id)}/objections`;
  const filingFailure = data && !data.objectionId ? data : undefined;
  const filesError = filingFailure?.errors.files;

  return (
    <>
      <PageHeader
        title={t("objections.agency.title")}
        lead={t("objections.agency.lead", { agency: `${d.agency.name} (${d.agency.code})` })}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
      />
      {d.notice === "filed" && !data ? <Alert kind="success">{t("objections.agency.filed")}</Alert> : null}
      {d.notice === "withdrawn" && !data ? <Alert kind="success">{t("objections.agency.withdrawn")}</Alert> : null}
      {!d.canFile ? <Alert kind="info">{t("objections.agency.onlyAdminLokal")}</Alert> : null}

      <section className="card" aria-labelledby="windows-heading">
        <h2 id="windows-heading">{t("objections.agency.windows")}</h2>
        {d.windows.length === 0 ? (
          <EmptyState message="objections.agency.windowsEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("objections.agency.announcement")}</th>
                  <th scope="col">{t("objections.agency.edition")}</th>
                  <th scope="col">{t("objections.agency.ends")}</th>
                  {d.canFile ? <th scope="col">{t("objections.col.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.windows.map((w) => (
                  <tr key={w.id}>
                    <th scope="row">
                      <Link to={`/announcements/${w.id}`}>{w.number}</Link>
                      <div className="muted small">
                        {t(`objections.kind.${w.kind}` as MessageKey)} · {w.title}
                      </div>
                    </th>
                    <td>{w.competitionName}</td>
                    <td>{formatWib(w.objectionEndsAt, locale)}</td>
                    {d.canFile ? (
                      <td>
                        <Link to={`${base}?announcement=${encodeURIComponent(w.id)}#file-form`} aria-label={t("objections.agency.fileLinkLabel", { number: w.number ?? "" })}>
                          {t("objections.agency.fileLink")}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {d.selected && d.canFile ? (
        <section className="card" aria-labelledby="file-form-heading" id="file-form">
          <h2 id="file-form-heading">{t("objections.form.heading", { number: d.selected.number ?? "" })}</h2>
          <p className="muted">
            {t("objections.form.lead", { title: d.selected.title, edition: d.selected.competitionName, date: formatWib(d.selected.objectionEndsAt, locale) })}
          </p>
          <Form
            method="post"
            encType="multipart/form-data"
            action={`${base}?announcement=${encodeURIComponent(d.selected.id)}`}
                        noValidate
          >
            <FormErrors errors={filingFailure?.errors} />
            <SelectField
              name="proposal"
              label={t("objections.form.proposal")}
              placeholder={t("objections.form.proposalPlaceholder")}
              options={[
                ...d.selected.ownProposals.map((p) => ({ value: p.id, label: t("objections.form.own", { number: p.number, title: p.title }) })),
                { value: "listed", label: t("objections.form.listed") },
              ]}
              defaultValue={filingFailure?.values.proposal ?? ""}
              errors={filingFailure?.errors}
              required
            />
            <TextField
              name="listedNumber"
              label={t("objections.form.listedNumber")}
              hint={t("objections.form.listedNumberHint")}
              defaultValue={filingFailure?.values.listedNumber ?? ""}
              errors={filingFailure?.errors}
              maxLength={64}
              autoComplete="off"
            />
            <TextAreaField
              name="reasons"
              label={t("objections.form.reasons")}
              hint={t("objections.form.reasonsHint")}
              defaultValue={filingFailure?.values.reasons ?? ""}
              errors={filingFailure?.errors}
              rows={8}
              minLength={30}
              maxLength={5000}
              required
            />
            <div className="field">
              <label htmlFor="files">{t("objections.form.files")}</label>
              <span className="hint" id="files-hint">
                {t("objections.form.filesHint")}
              </span>
              <input
                id="files"
                name="files"
                type="file"
                multiple
                accept={acceptAttribute(["pdf", "jpeg", "png"])}
                aria-invalid={filesError ? true : undefined}
                aria-describedby={filesError ? "files-hint files-error" : "files-hint"}
              />
              {filesError ? (
                <span className="error" id="files-error" role="alert">
                  {filingFailure?.fileName ? `${filingFailure.fileName}: ` : ""}
                  {t(filesError)}
                </span>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("objections.form.submit")}
              </button>
              <Link to={base} className="button button-secondary">
                {t("objections.form.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}

      {filingFailure && !(d.selected && d.canFile) ? (
        <section className="card" aria-labelledby="refused-heading" id="file-form">
          <h2 id="refused-heading">{t("objections.form.refused")}</h2>
          <FormErrors errors={filingFailure.errors} />
          {filingFailure.values.reasons ? (
            <TextAreaField name="reasons" label={t("objections.form.yourReasons")} defaultValue={filingFailure.values.reasons} rows={8} readOnly />
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="own-heading">
        <h2 id="own-heading">{t("objections.agency.own")}</h2>
        {d.objections.length === 0 ? (
          <EmptyState message="objections.agency.ownEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("objections.col.proposal")}</th>
                  <th scope="col">{t("objections.col.announcement")}</th>
                  <th scope="col">{t("objections.col.reasons")}</th>
                  <th scope="col">{t("objections.col.status")}</th>
                  <th scope="col">{t("objections.col.answer")}</th>
                </tr>
              </thead>
              <tbody>
                {d.objections.map((o) => {
                  const failed = data?.objectionId === o.id ? data : undefined;
                  return (
                    <tr key={o.id} id={`objection-${o.id}`}>
                      <th scope="row">
                        <code>{o.proposal.number}</code> {o.proposal.title}
                        {o.proposal.agencyId !== o.agency.id ? <div className="muted small">{t("objections.otherAgency", { agency: o.proposal.agencyName })}</div> : null}
                      </th>
                      <td>
                        {o.announcement.number}
                        <div className="muted small">
                          {o.competition.name} · {t("objections.col.filedAt")} {formatWib(o.filedAt, locale)}
                        </div>
                      </td>
                      <td>
                        <p style={{ whiteSpace: "pre-wrap" }}>{o.reasons}</p>
                        {o.files.length === 0 ? (
                          <span className="muted small">{t("objections.noFiles")}</span>
                        ) : (
                          <ul>
                            {o.files.map((f) => (
                              <li key={f.id}>
                                <a href={`/objections/${o.id}/files/${f.id}`} download>
                                  {t("objections.fileLink", { name: f.name, size: formatFileSize(f.sizeBytes, locale) })}
                                </a>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        <StatusBadge status={o.status} />
                        {o.outcome ? <div className="small">{t(`objections.outcome.${o.outcome}` as MessageKey)}</div> : null}
                        {o.canWithdraw ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="withdraw" />
                            <input type="hidden" name="objectionId" value={o.id} />
                            <button type="submit" className="button button-secondary small" disabled={busy} aria-label={t("objections.agency.withdrawLabel", { number: o.proposal.number })}>
                              {t("objections.agency.withdraw")}
                            </button>
                          </Form>
                        ) : null}
                        {failed?.errors._form ? (
                          <span className="error" role="alert">
                            {t(failed.errors._form)}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {o.answer ? (
                          <>
                            <p style={{ whiteSpace: "pre-wrap" }}>{o.answer}</p>
                            <div className="muted small">{t("objections.answeredBy", { name: o.answeredBy ?? "—", date: formatWib(o.answeredAt, locale) })}</div>
                          </>
                        ) : (
                          "—"
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
