/**
 * /competitions/:slug/objections — the organizer's objections page: the
 * edition's announcements with an objection window and the objections filed
 * against each; ?objection=<id> opens one with its reasons, evidence and the
 * answer form (accept with an outcome, or reject). Accepted ones link to the
 * correction draft, and for a winners list to the awards page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatFileSize } from "~/domain/filetype";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { publicOrigin } from "~/lib/origin.server";
import { answerObjection, AnswerSchema, createCorrectionForObjection, getCompetitionObjections } from "~/services/objections.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Keberatan: ${data.competition.name} · Sayembara` : "Keberatan · Sayembara" },
];

const NOTICES = ["answered", "changed", "unchanged", "correction"] as const;
type Notice = (typeof NOTICES)[number];

const IntentSchema = z.object({ intent: z.enum(["answer", "correction"]), objectionId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getCompetitionObjections(getDb(), actor, params.slug ?? "", { objectionId: url.searchParams.get("objection") });
  const notice = url.searchParams.get("notice");
  return json({ ...page, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

/** POST (intent=answer, objectionId, decision, outcome, answer) or (intent=correction, objectionId). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const which = IntentSchema.safeParse({ intent: form.get("intent"), objectionId: form.get("objectionId") });
  if (!which.success) return json({ errors: { _form: "errors.invalid" } as FieldErrors, values: {} as Record<string, string> }, 400);
  const { objectionId } = which.data;
  const back = (notice: Notice) => redirect(`/competitions/${encodeURIComponent(slug)}/objections?objection=${encodeURIComponent(objectionId)}&notice=${notice}`);
  if (which.data.intent === "correction") {
    const r = await createCorrectionForObjection(getDb(), actor, slug, objectionId);
    if (!r.ok) return json({ errors: r.errors, values: {} as Record<string, string> }, 400);
    return back("correction");
  }
  const parsed = parseForm(AnswerSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, 400);
  const r = await answerObjection(getDb(), actor, slug, objectionId, parsed.data, { origin: publicOrigin(request), ip: clientIp(context) });
  if (!r.ok) return json({ errors: r.errors, values: parsed.values }, 400);
  return back(r.status === "rejected" ? "answered" : r.decisionChanged ? "changed" : "unchanged");
}

function StatusBadge({ status }: { status: "pending" | "accepted" | "rejected" | "withdrawn" }) {
  const t = useT();
  const cls = status === "accepted" ? "badge badge-success" : status === "rejected" ? "badge badge-danger" : status === "withdrawn" ? "badge badge-muted" : "badge";
  return <span className={cls}>{t(`objections.status.${status}` as MessageKey)}</span>;
}

export default function CompetitionObjections() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const base = `/competitions/${encodeURIComponent(d.competition.slug)}/objections`;
  const o = d.selected;

  return (
    <>
      <PageHeader
        title={o ? t("objections.org.detail", { agency: o.agency.name, number: o.proposal.number }) : t("objections.org.title")}
        lead={o ? `${o.announcement.number ?? ""} · ${o.announcement.title}` : t("objections.org.lead", { edition: d.competition.name })}
        breadcrumb={
          o ? <Link to={base}>{t("objections.org.backToList")}</Link> : <Link to={`/competitions/${encodeURIComponent(d.competition.slug)}`}>{d.competition.name}</Link>
        }
      />
      {d.notice && !data ? (
        <Alert kind="success">
          {t(
            d.notice === "changed"
              ? "objections.org.acceptedChanged"
              : d.notice === "unchanged"
                ? "objections.org.acceptedUnchanged"
                : d.notice === "correction"
                  ? "objections.org.correctionCreated"
                  : "objections.org.answered",
          )}
        </Alert>
      ) : null}

      {o ? (
        <>
          <section className="card" aria-labelledby="objection-heading">
            <h2 id="objection-heading">{t("objections.col.reasons")}</h2>
            <dl className="meta">
              <dt>{t("objections.col.proposal")}</dt>
              <dd>
                <code>{o.proposal.number}</code> {o.proposal.title} ({o.proposal.agencyName})
              </dd>
              <dt>{t("objections.col.agency")}</dt>
              <dd>
                {o.agency.name} · {o.filedBy ?? "—"} · {formatWib(o.filedAt, locale)}
              </dd>
              <dt>{t("objections.col.status")}</dt>
              <dd>
                <StatusBadge status={o.status} /> {o.outcome ? t(`objections.outcome.${o.outcome}` as MessageKey) : null}
              </dd>
            </dl>
            <p style={{ whiteSpace: "pre-wrap" }}>{o.reasons}</p>
            <h3>{t("objections.col.files")}</h3>
            {o.files.length === 0 ? (
              <p className="muted">{t("objections.noFiles")}</p>
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
          </section>

          <section className="card" aria-labelledby="answer-heading">
            <h2 id="answer-heading">{t("objections.answer.heading")}</h2>
            {o.status === "pending" ? (
              <Form method="post" noValidate>
                <FormErrors errors={data?.errors} />
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="objectionId" value={o.id} />
                <SelectField
                  name="decision"
                  label={t("objections.answer.decision")}
                  placeholder="—"
                  options={[
                    { value: "accept", label: t("objections.answer.accept") },
                    { value: "reject", label: t("objections.answer.reject") },
                  ]}
                  defaultValue={data?.values.decision ?? ""}
                  errors={data?.errors}
                  required
                />
                <SelectField
                  name="outcome"
                  label={t("objections.answer.outcome")}
                  hint={t("objections.answer.outcomeHint")}
                  placeholder="—"
                  options={[
                    { value: "include", label: t("objections.outcome.include") },
                    { value: "exclude", label: t("objections.outcome.exclude") },
                  ]}
                  defaultValue={data?.values.outcome ?? ""}
                  errors={data?.errors}
                />
                <TextAreaField
                  name="answer"
                  label={t("objections.answer.answer")}
                  hint={t("objections.answer.answerHint")}
                  defaultValue={data?.values.answer ?? ""}
                  errors={data?.errors}
                  rows={6}
                  maxLength={5000}
                  required
                />
                <div className="actions">
                  <button type="submit" className="button" disabled={busy}>
                    {t("objections.answer.submit")}
                  </button>
                </div>
              </Form>
            ) : o.answer ? (
              <>
                <p style={{ whiteSpace: "pre-wrap" }}>{o.answer}</p>
                <p className="muted small">{t("objections.answeredBy", { name: o.answeredBy ?? "—", date: formatWib(o.answeredAt, locale) })}</p>
              </>
            ) : (
              <p className="muted">{t("objections.status.withdrawn")}</p>
            )}
            {o.status === "accepted" ? (
              <div className="actions">
                {o.correctionId ? (
                  <Link className="button button-secondary" to={`/competitions/${encodeURIComponent(d.competition.slug)}/announcements/${encodeURIComponent(o.correctionId)}`}>
                    {t("objections.correctionLink")}
                  </Link>
                ) : (
                  <Form method="post">
                    <FormErrors errors={data?.errors} />
                    <input type="hidden" name="intent" value="correction" />
                    <input type="hidden" name="objectionId" value={o.id} />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      {t("objections.org.createCorrection")}
                    </button>
                  </Form>
                )}
                {o.awardsLink ? (
                  <Link className="button" to={o.awardsLink}>
                    {t("objections.org.awardsLink")}
                  </Link>
                ) : null}
              </div>
            ) : null}
            {o.status === "accepted" && o.awardsLink ? <p className="muted small">{t("objections.org.winnersHint")}</p> : null}
          </section>
        </>
      ) : (
        <>
          {d.pending > 0 ? <Alert kind="info">{t("objections.org.pending", { count: d.pending })}</Alert> : null}
          {d.announcements.length === 0 ? <EmptyState message="objections.org.empty" /> : null}
          {d.announcements.map((a) => (
            <section key={a.id} className="card" aria-labelledby={`announcement-${a.id}`}>
              <h2 id={`announcement-${a.id}`}>{t("objections.org.announcementHeading", { number: a.number ?? "—", title: a.title })}</h2>
              <p className="muted">
                {t(`objections.kind.${a.kind}` as MessageKey)} · {t(`objections.window.${a.window}` as MessageKey)} ·{" "}
                {t("objections.window.endsAt", { date: formatWib(a.objectionEndsAt, locale) })}
                {a.supersededById ? ` · ${t("objections.org.superseded")}` : ""}
              </p>
              {a.objections.length === 0 ? (
                <EmptyState message="objections.org.none" />
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("objections.col.proposal")}</th>
                        <th scope="col">{t("objections.col.agency")}</th>
                        <th scope="col">{t("objections.col.filedAt")}</th>
                        <th scope="col">{t("objections.col.status")}</th>
                        <th scope="col">{t("objections.col.actions")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.objections.map((x) => (
                        <tr key={x.id}>
                          <th scope="row">
                            <code>{x.proposal.number}</code> {x.proposal.title}
                          </th>
                          <td>{x.agency.name}</td>
                          <td>{formatWib(x.filedAt, locale)}</td>
                          <td>
                            <StatusBadge status={x.status} />
                          </td>
                          <td>
                            <Link
                              to={`${base}?objection=${encodeURIComponent(x.id)}`}
                              aria-label={x.status === "pending" ? t("objections.org.answerLinkLabel", { agency: x.agency.name, number: x.proposal.number }) : undefined}
                            >
                              {x.status === "pending" ? t("objections.org.answerLink") : t("objections.org.viewLink")}
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
