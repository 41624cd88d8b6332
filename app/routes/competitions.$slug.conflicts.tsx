import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { AUTO_SOURCES, CONFLICT_SOURCES, decodeAutoReason, isAutoSource, type ConflictSource } from "~/domain/conflicts";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { conflictQuery, DismissSchema, OrganizerRecordSchema, parseConflictFilters, SameRegionSchema } from "~/schemas/conflicts";
import { dismissConflict, getConflictReview, recordConflictAsOrganizer, runConflictCheck, setSameRegionRule } from "~/services/conflicts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Konflik kepentingan: ${data.competition.name} · Sayembara` : "Konflik kepentingan · Sayembara" },
];

const NOTICES = ["checked", "ruleOn", "ruleOff", "ruleUnchanged", "dismissed", "recorded"] as const;
type Notice = (typeof NOTICES)[number];

function count(params: URLSearchParams, key: string): number {
  return Math.max(0, Number.parseInt(params.get(key) ?? "0", 10) || 0);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = parseConflictFilters(url.searchParams);
  const review = await getConflictReview(getDb(), actor, params.slug ?? "", filters);
  const notice = url.searchParams.get("notice");
  const dismissId = url.searchParams.get("dismiss");
  return json({
    ...review,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    counts: { added: count(url.searchParams, "added"), removed: count(url.searchParams, "removed"), kept: count(url.searchParams, "kept"), dismissedKept: count(url.searchParams, "dismissedKept") },
    dismissing: review.rows.find((r) => r.id === dismissId && isAutoSource(r.source) && r.status === "active") ?? null,
  });
}

type Intent = "check" | "rule" | "dismiss" | "record";

/** Back to the same filtered list, with a notice (and its numbers). */
function back(request: Request, notice: Notice, numbers: Record<string, number> = {}) {
  const url = new URL(request.url);
  for (const k of ["notice", "dismiss", "added", "removed", "kept", "dismissedKept", "index"]) url.searchParams.delete(k);
  url.searchParams.set("notice", notice);
  for (const [k, v] of Object.entries(numbers)) url.searchParams.set(k, String(v));
  return redirect(`${url.pathname}?${url.searchParams}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Intent;
  const refuse = (errors: FieldErrors, values: Record<string, string>) => json({ intent, errors, values }, 400);

  if (intent === "check") {
    const counts = await runConflictCheck(db, actor, slug);
    return back(request, "checked", { ...counts });
  }
  if (intent === "rule") {
    const parsed = parseForm(SameRegionSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await setSameRegionRule(db, actor, slug, parsed.data.sameRegion);
    return back(request, !r.changed ? "ruleUnchanged" : parsed.data.sameRegion ? "ruleOn" : "ruleOff");
  }
  if (intent === "dismiss") {
    const parsed = parseForm(DismissSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await dismissConflict(db, actor, slug, parsed.data);
    if (!r.ok) return refuse(r.errors, parsed.values);
    return back(request, "dismissed");
  }
  if (intent === "record") {
    const parsed = parseForm(OrganizerRecordSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const r = await recordConflictAsOrganizer(db, actor, slug, parsed.data);
    if (!r.ok) return refuse(r.errors, parsed.values);
    return back(request, "recorded");
  }
  throw new Response("Bad Request", { status: 400 });
}

/** The reason as people read it: automatic ones from their key, written ones as written. */
function ReasonText({ reason }: { reason: string }) {
  const t = useT();
  const auto = decodeAutoReason(reason);
  return <>{auto ? t(auto.key, auto.params) : reason}</>;
}

export default function ConflictReview() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const here = `/competitions/${c.slug}/conflicts`;
  const query = conflictQuery(d.filters);
  const pageQuery = conflictQuery(d.filters, d.filters.page);
  const errorsFor = (intent: Intent) => (data && data.intent === intent ? data.errors : undefined);
  const valuesFor = (intent: Intent) => (data && data.intent === intent ? data.values : {});
  const total = (source: ConflictSource, status: "active" | "dismissed") => d.totals.find((x) => x.source === source && x.status === status)?.n ?? 0;
  const roleName = (role: string) => t(role === "panelist" ? "conflicts.role.panelist" : "conflicts.role.evaluator");
  const jurorOptions = d.jurors
    .filter((j) => j.status !== "declined")
    .map((j) => ({ value: j.id, label: `${j.name} · ${roleName(j.role)} · ${j.email}` }));
  const dismissErrors = errorsFor("dismiss");
  const dismissing = d.dismissing;

  return (
    <>
      <PageHeader title={t("conflicts.title")} lead={t("conflicts.review.lead", { name: c.name })} breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>} />

      {d.notice === "checked" ? (
        <Alert kind="success">{t("conflicts.notice.checked", d.counts)}</Alert>
      ) : d.notice ? (
        <Alert kind="success">{t(`conflicts.notice.${d.notice}` as MessageKey)}</Alert>
      ) : null}
      {dismissErrors?._form ? <Alert kind="error">{t(dismissErrors._form)}</Alert> : null}

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("conflicts.rules.title")}</h2>
        <ul>
          <li>{t("conflicts.rules.agency")}</li>
          <li>{t("conflicts.rules.parent")}</li>
          <li>{t("conflicts.rules.child")}</li>
          <li>{t("conflicts.rules.region")}</li>
        </ul>
        <p className="muted small">{t("conflicts.rules.none")}</p>
        <Form method="post" action={`${here}${query}`}>
          <div className="checkbox">
            <input type="checkbox" id="sameRegion" name="sameRegion" value="1" defaultChecked={c.sameRegion} aria-describedby="sameRegion-hint" />
            <label htmlFor="sameRegion">{t("conflicts.rules.sameRegion")}</label>
          </div>
          <p className="hint muted small" id="sameRegion-hint">
            {t("conflicts.rules.sameRegionHint")}
          </p>
          <button type="submit" name="intent" value="rule" className="button button-secondary" disabled={busy}>
            {t("conflicts.rules.save")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="check-heading">
        <h2 id="check-heading">{t("conflicts.check.title")}</h2>
        <p className="muted">{t("conflicts.check.lead")}</p>
        <Form method="post" action={`${here}${query}`}>
          <button type="submit" name="intent" value="check" className="button" disabled={busy}>
            {t("conflicts.check.run")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("conflicts.totals.title")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("conflicts.table.source")}</th>
                <th scope="col">{t("conflicts.status.active")}</th>
                <th scope="col">{t("conflicts.status.dismissed")}</th>
              </tr>
            </thead>
            <tbody>
              {CONFLICT_SOURCES.map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`conflicts.source.${s}` as MessageKey)}</th>
                  <td>{total(s, "active")}</td>
                  <td>{AUTO_SOURCES.includes(s as (typeof AUTO_SOURCES)[number]) ? total(s, "dismissed") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("conflicts.filter.title")}</h2>
        <Form method="get" className="search-bar" action={here}>
          <SelectField
            name="source"
            label={t("conflicts.table.source")}
            defaultValue={d.filters.source ?? ""}
            placeholder={t("conflicts.filter.all")}
            options={CONFLICT_SOURCES.map((s) => ({ value: s, label: t(`conflicts.source.${s}` as MessageKey) }))}
          />
          <SelectField
            name="status"
            label={t("conflicts.table.status")}
            defaultValue={d.filters.status ?? ""}
            placeholder={t("conflicts.filter.all")}
            options={[
              { value: "active", label: t("conflicts.status.active") },
              { value: "dismissed", label: t("conflicts.status.dismissed") },
            ]}
          />
          <SelectField
            name="juror"
            label={t("conflicts.table.juror")}
            defaultValue={d.filters.jurorId ?? ""}
            placeholder={t("conflicts.filter.all")}
            options={d.jurors.map((j) => ({ value: j.id, label: `${j.name} · ${roleName(j.role)}` }))}
          />
          <div className="actions" style={{ marginTop: 0 }}>
            <button type="submit" className="button">
              {t("conflicts.filter.apply")}
            </button>
            {query ? <Link to={here}>{t("conflicts.filter.clear")}</Link> : null}
          </div>
        </Form>
      </section>

      {dismissing ? (
        <section className="card" aria-labelledby="dismiss-heading">
          <h2 id="dismiss-heading">{t("conflicts.dismiss.title")}</h2>
          <p>
            {t("conflicts.dismiss.subject", { juror: dismissing.juror.name, number: dismissing.proposal.number, source: t(`conflicts.source.${dismissing.source}` as MessageKey) })}
          </p>
          <p className="muted">
            <ReasonText reason={dismissing.reason} />
          </p>
          <Form method="post" action={`${here}${pageQuery}`} noValidate>
            <FormErrors errors={dismissErrors && !dismissErrors._form ? dismissErrors : undefined} />
            <input type="hidden" name="conflictId" value={dismissing.id} />
            <TextAreaField
              name="reason"
              label={t("conflicts.dismiss.reason")}
              hint={t("conflicts.reasonHint")}
              errors={dismissErrors}
              defaultValue={valuesFor("dismiss").reason ?? ""}
              required
              minLength={10}
              maxLength={1000}
              rows={3}
            />
            <div className="actions">
              <button type="submit" name="intent" value="dismiss" className="button button-danger" disabled={busy}>
                {t("conflicts.dismiss.submit")}
              </button>
              <Link to={`${here}${pageQuery}`}>{t("conflicts.dismiss.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("conflicts.list.title")}</h2>
        <p className="muted">{t("conflicts.list.matching", { count: d.total })}</p>
        <p className="muted small">{t("conflicts.list.declaredNote")}</p>
        {d.rows.length === 0 ? (
          <EmptyState message="conflicts.list.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.table.juror")}</th>
                  <th scope="col">{t("conflicts.table.proposal")}</th>
                  <th scope="col">{t("conflicts.table.source")}</th>
                  <th scope="col">{t("conflicts.table.reason")}</th>
                  <th scope="col">{t("conflicts.table.declaredBy")}</th>
                  <th scope="col">{t("conflicts.table.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.juror.name}
                      <br />
                      <span className="muted small">
                        {roleName(r.juror.role)} · {r.juror.email}
                        {r.juror.affiliation ? ` · ${r.juror.affiliation}` : ""}
                      </span>
                    </th>
                    <td>
                      <code>{r.proposal.number}</code>
                      <br />
                      <span className="muted small">
                        {r.proposal.agencyName} ({r.proposal.agencyCode})
                      </span>
                    </td>
                    <td>{t(`conflicts.source.${r.source}` as MessageKey)}</td>
                    <td>
                      <ReasonText reason={r.reason} />
                    </td>
                    <td>
                      {isAutoSource(r.source) ? t("conflicts.declaredBy.system") : r.declaredBy ?? "—"}
                      <br />
                      <span className="muted small">{formatWib(r.createdAt, locale)}</span>
                    </td>
                    <td>
                      {r.status === "active" ? (
                        <span className="badge badge-danger">{t("conflicts.status.active")}</span>
                      ) : (
                        <span className="badge badge-muted">{t("conflicts.status.dismissed")}</span>
                      )}
                      {r.status === "dismissed" ? (
                        <p className="muted small" style={{ margin: "0.25rem 0 0" }}>
                          {t("conflicts.dismissedBy", { name: r.dismissedBy ?? "—", date: formatWib(r.dismissedAt, locale) })}
                          <br />
                          {r.dismissedReason}
                        </p>
                      ) : null}
                      {r.status === "active" && isAutoSource(r.source) && d.canDismiss ? (
                        <p className="small" style={{ margin: "0.25rem 0 0" }}>
                          <Link
                            to={`${here}${pageQuery ? `${pageQuery}&` : "?"}dismiss=${r.id}#dismiss-heading`}
                            aria-label={t("conflicts.dismiss.linkLabel", { juror: r.juror.name, number: r.proposal.number })}
                          >
                            {t("conflicts.dismiss.link")}
                          </Link>
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.pageCount > 1 ? (
          <nav className="pagination" aria-label={t("conflicts.list.pagination")}>
            {d.filters.page > 1 ? <Link to={`${here}${conflictQuery(d.filters, d.filters.page - 1) || "?"}`}>{t("conflicts.list.prev")}</Link> : null}
            <span>{t("conflicts.list.page", { page: d.filters.page, count: d.pageCount })}</span>
            {d.filters.page < d.pageCount ? <Link to={`${here}${conflictQuery(d.filters, d.filters.page + 1)}`}>{t("conflicts.list.next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      {/* While a dismissal is open its reason field is the page's only one. */}
      {dismissing ? null : (
      <section className="card" aria-labelledby="record-heading" style={{ marginTop: "1.5rem" }}>
        <h2 id="record-heading">{t("conflicts.record.title")}</h2>
        <p className="muted">{t("conflicts.record.lead")}</p>
        {jurorOptions.length === 0 ? (
          <EmptyState message="conflicts.record.noJurors" />
        ) : (
          <Form method="post" action={`${here}${query}`} noValidate>
            <FormErrors errors={errorsFor("record")} />
            <SelectField
              name="jurorId"
              label={t("conflicts.table.juror")}
              errors={errorsFor("record")}
              defaultValue={valuesFor("record").jurorId ?? ""}
              placeholder={t("conflicts.record.chooseJuror")}
              options={jurorOptions}
              required
            />
            <TextField
              name="proposalNumber"
              label={t("conflicts.form.proposalNumber")}
              hint={t("conflicts.form.proposalNumberHint")}
              errors={errorsFor("record")}
              defaultValue={valuesFor("record").proposalNumber ?? ""}
              required
              maxLength={60}
              autoComplete="off"
            />
            <TextAreaField
              name="reason"
              label={t("conflicts.form.reason")}
              hint={t("conflicts.reasonHint")}
              errors={errorsFor("record")}
              defaultValue={valuesFor("record").reason ?? ""}
              required
              minLength={10}
              maxLength={1000}
              rows={3}
            />
            <div className="actions">
              <button type="submit" name="intent" value="record" className="button" disabled={busy}>
                {t("conflicts.record.submit")}
              </button>
            </div>
          </Form>
        )}
      </section>
      )}

      {d.unmatched.length > 0 ? (
        <section aria-labelledby="unmatched-heading">
          <h2 id="unmatched-heading">{t("conflicts.unmatched.title")}</h2>
          <p className="muted">{t("conflicts.unmatched.lead")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.table.declaredBy")}</th>
                  <th scope="col">{t("conflicts.juror.target")}</th>
                  <th scope="col">{t("conflicts.table.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {d.unmatched.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.by ?? "—"}
                      <br />
                      <span className="muted small">{formatWib(u.at, locale)}</span>
                    </th>
                    <td>{u.target.kind === "agency" ? t("conflicts.juror.targetAgency", { agency: u.target.label }) : <code>{u.target.label}</code>}</td>
                    <td>{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
