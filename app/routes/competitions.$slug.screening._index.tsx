import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { DecisionBadge, DecisionFields, DecisionReasons, ScreeningChecks } from "~/components/screening";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { BulkDecisionSchema, parseQueueFilters, queueQuery } from "~/schemas/screening";
import { decideScreening, getScreeningQueue, publishScreening, runScreeningChecks } from "~/services/screening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Seleksi administrasi: ${data.competition.name} · Sayembara` : "Seleksi administrasi · Sayembara" },
];

const NOTICES = ["checked", "decided", "unchanged", "published"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = parseQueueFilters(url.searchParams);
  const queue = await getScreeningQueue(getDb(), actor, params.slug ?? "", filters);
  const notice = url.searchParams.get("notice");
  return json({
    ...queue,
    filters,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    count: Math.max(0, Number.parseInt(url.searchParams.get("n") ?? "0", 10) || 0),
    confirmPublish: url.searchParams.get("confirm") === "publish",
  });
}

interface ActionFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  /** Ticked boxes, given back so a refused bulk form keeps its selection. */
  ids: string[];
  reasons: string[];
  count: number;
}

/** Back to the same filtered queue, with a notice. */
function back(request: Request, notice: Notice, n: number) {
  const url = new URL(request.url);
  for (const k of ["notice", "n", "confirm", "index"]) url.searchParams.delete(k);
  url.searchParams.set("notice", notice);
  url.searchParams.set("n", String(n));
  return redirect(`${url.pathname}?${url.searchParams}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const lists = {
    ids: form.getAll("ids").filter((v): v is string => typeof v === "string"),
    reasons: form.getAll("reasons").filter((v): v is string => typeof v === "string"),
  };
  const refuse = (errors: FieldErrors, values: Record<string, string>, count = 0) =>
    json<ActionFailure>({ ok: false, errors, values, ...lists, count }, 400);

  if (intent === "check") {
    const counts = await runScreeningChecks(db, actor, slug);
    return back(request, "checked", counts.checked);
  }
  if (intent === "decide") {
    const parsed = parseForm(BulkDecisionSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const result = await decideScreening(db, actor, slug, {
      proposalIds: parsed.data.ids,
      result: parsed.data.result,
      reasons: parsed.data.reasons,
      note: parsed.data.note,
    });
    if (!result.ok) return refuse(result.errors, parsed.values);
    return back(request, result.changed > 0 ? "decided" : "unchanged", result.changed);
  }
  if (intent === "publish") {
    const result = await publishScreening(db, actor, slug, { origin: publicOrigin(request) });
    if (!result.ok) return refuse(result.errors, {}, result.undecided);
    return back(request, "published", result.notified);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function ScreeningQueue() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  // A new page (after a saved decision) starts with nothing ticked; a refused form keeps its ticks.
  const formKey = useLocation().key;
  const c = d.competition;
  const locked = Boolean(c.screeningPublishedAt);
  const groupName = (id: string) => {
    const g = d.groups.find((x) => x.id === id);
    return g ? (locale === "en" ? g.nameEn : g.nameId) : "—";
  };
  const categoryName = (id: string | null) => {
    const k = d.categories.find((x) => x.id === id);
    return k ? (locale === "en" ? k.nameEn : k.nameId) : "—";
  };
  const here = `/competitions/${c.slug}/screening`;
  const query = queueQuery(d.filters);
  const filtered = query !== "";
  const formError = data?.errors._form;
  const selected = new Set(data?.ids ?? []);
  const decisionErrors = data && !formError ? data.errors : undefined;

  return (
    <>
      <PageHeader
        title={t("screening.title")}
        lead={t("screening.lead", { name: c.name })}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
      />

      {d.notice ? <Alert kind="success">{t(`screening.notice.${d.notice}` as MessageKey, { count: d.count })}</Alert> : null}
      {formError ? <Alert kind="error">{t(formError, { count: data?.count ?? 0 })}</Alert> : null}
      {locked ? <Alert kind="info">{t("screening.publish.done", { date: formatWib(c.screeningPublishedAt, locale) })}</Alert> : null}

      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("screening.totals.title")}</h2>
        <dl className="grid">
          {(
            [
              ["screening.totals.total", d.totals.total],
              ["screening.totals.undecided", d.totals.undecided],
              ["screening.totals.lolos", d.totals.lolos],
              ["screening.totals.tidakLolos", d.totals.tidakLolos],
              ["screening.totals.withProblems", d.totals.withProblems],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt className="muted">{t(label)}</dt>
              <dd className="stat" style={{ margin: 0 }}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{t("screening.checks.title")}</h2>
        <p className="muted">{t("screening.checks.lead")}</p>
        <p>{t("screening.checks.lastRun", { date: formatWib(d.totals.lastCheckedAt, locale) })}</p>
        <Form method="post" action={`${here}${query}`}>
          <button type="submit" name="intent" value="check" className="button button-secondary" disabled={busy}>
            {t("screening.checks.run")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("screening.filter.title")}</h2>
        <Form method="get" className="search-bar" action={here}>
          <SelectField
            name="status"
            label={t("screening.filter.status")}
            defaultValue={d.filters.status ?? ""}
            placeholder={t("screening.filter.statusAll")}
            options={[
              { value: "undecided", label: t("screening.result.undecided") },
              { value: "lolos", label: t("screening.result.lolos") },
              { value: "tidak_lolos", label: t("screening.result.tidak_lolos") },
            ]}
          />
          <SelectField
            name="problems"
            label={t("screening.filter.problems")}
            defaultValue={d.filters.problems === true ? "yes" : d.filters.problems === false ? "no" : ""}
            placeholder={t("screening.filter.problemsAll")}
            options={[
              { value: "yes", label: t("screening.filter.problemsYes") },
              { value: "no", label: t("screening.filter.problemsNo") },
            ]}
          />
          <SelectField
            name="group"
            label={t("screening.filter.group")}
            defaultValue={d.filters.groupId ?? ""}
            placeholder={t("screening.filter.groupAll")}
            options={d.groups.map((g) => ({ value: g.id, label: locale === "en" ? g.nameEn : g.nameId }))}
          />
          <SelectField
            name="category"
            label={t("screening.filter.category")}
            defaultValue={d.filters.categoryId ?? ""}
            placeholder={t("screening.filter.categoryAll")}
            options={d.categories.map((k) => ({ value: k.id, label: locale === "en" ? k.nameEn : k.nameId }))}
          />
          <TextField name="q" type="search" label={t("screening.filter.q")} hint={t("screening.filter.qHint")} defaultValue={d.filters.q ?? ""} maxLength={100} />
          <div className="actions" style={{ marginTop: 0 }}>
            <button type="submit" className="button">
              {t("screening.filter.apply")}
            </button>
            {filtered ? <Link to={here}>{t("screening.filter.clear")}</Link> : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("screening.queue.title")}</h2>
        <p className="muted">{t("screening.queue.matching", { count: d.total })}</p>
        {d.rows.length === 0 ? (
          <EmptyState message="screening.queue.empty" />
        ) : (
          <Form key={formKey} method="post" action={`${here}${queueQuery(d.filters, d.page)}`} noValidate>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="small">{t("screening.queue.select")}</span>
                    </th>
                    <th scope="col">{t("screening.queue.number")}</th>
                    <th scope="col">{t("screening.queue.proposal")}</th>
                    <th scope="col">{t("screening.queue.groupCategory")}</th>
                    <th scope="col">{t("screening.queue.submittedAt")}</th>
                    <th scope="col">{t("screening.queue.checks")}</th>
                    <th scope="col">{t("screening.queue.decision")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <input
                          type="checkbox"
                          name="ids"
                          value={r.id}
                          defaultChecked={selected.has(r.id)}
                          disabled={locked}
                          aria-label={t("screening.queue.selectOne", { number: r.number })}
                        />
                      </td>
                      <th scope="row">
                        <Link to={`${here}/${encodeURIComponent(r.number)}`} aria-label={t("screening.queue.openLabel", { number: r.number })}>
                          <code>{r.number}</code>
                        </Link>
                      </th>
                      <td>
                        {r.title || <span className="muted">{t("screening.queue.untitled")}</span>}
                        <br />
                        <span className="muted small">
                          {r.agency.name} ({r.agency.code})
                        </span>
                      </td>
                      <td>
                        {groupName(r.groupId)}
                        <br />
                        <span className="muted small">{categoryName(r.categoryId)}</span>
                      </td>
                      <td>{formatWib(r.submittedAt, locale)}</td>
                      <td>
                        <ScreeningChecks checks={r.checks} group={d.groups.find((g) => g.id === r.groupId)} />
                      </td>
                      <td>
                        <DecisionBadge result={r.decision?.result} />
                        {r.decision ? <DecisionReasons reasons={r.decision.reasons} note={r.decision.note} /> : null}
                        {r.decision && r.decidedBy ? (
                          <p className="muted small" style={{ margin: "0.25rem 0 0" }}>
                            {t("screening.decidedBy", { name: r.decidedBy, date: formatWib(r.decidedAt, locale) })}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {locked ? (
              <p className="muted">{t("screening.decide.locked")}</p>
            ) : (
              <div className="card" style={{ marginTop: "1.25rem" }}>
                <h3>{t("screening.decide.bulkTitle")}</h3>
                <p className="muted small">{t("screening.decide.bulkHint")}</p>
                {decisionErrors?.ids ? (
                  <Alert kind="error">{t(decisionErrors.ids)}</Alert>
                ) : (
                  <FormErrors errors={decisionErrors} />
                )}
                <DecisionFields
                  idPrefix="bulk"
                  errors={decisionErrors}
                  result={data?.values.result ?? ""}
                  reasons={data?.reasons ?? []}
                  note={data?.values.note ?? ""}
                  reasonsHint="screening.decide.reasonsHintBulk"
                />
                <div className="actions">
                  <button type="submit" name="intent" value="decide" className="button" disabled={busy}>
                    {t("screening.decide.submitBulk")}
                  </button>
                </div>
              </div>
            )}
          </Form>
        )}
        {d.pageCount > 1 ? (
          <nav className="pagination" aria-label={t("screening.queue.pagination")}>
            {d.page > 1 ? <Link to={`${here}${queueQuery(d.filters, d.page - 1) || "?"}`}>{t("screening.queue.prev")}</Link> : null}
            <span>{t("screening.queue.page", { page: d.page, count: d.pageCount })}</span>
            {d.page < d.pageCount ? <Link to={`${here}${queueQuery(d.filters, d.page + 1)}`}>{t("screening.queue.next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      {!locked ? (
        <section className="card" aria-labelledby="publish-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="publish-heading">{t("screening.publish.title")}</h2>
          <p>{t("screening.publish.lead")}</p>
          {d.totals.undecided > 0 ? <Alert kind="warn">{t("screening.publish.pending", { count: d.totals.undecided })}</Alert> : null}
          {d.confirmPublish ? (
            <div role="group" aria-labelledby="confirm-heading">
              <h3 id="confirm-heading">{t("screening.publish.confirmTitle")}</h3>
              <p>{t("screening.publish.confirmBody", { lolos: d.totals.lolos, tidakLolos: d.totals.tidakLolos })}</p>
              <Form method="post" action={`${here}${query}`} className="actions">
                <button type="submit" name="intent" value="publish" className="button button-danger" disabled={busy}>
                  {t("screening.publish.confirm")}
                </button>
                <Link to={`${here}${query}`}>{t("screening.publish.cancel")}</Link>
              </Form>
            </div>
          ) : (
            <div className="actions">
              <Link to={`${here}${query ? `${query}&` : "?"}confirm=publish#publish-heading`} className="button">
                {t("screening.publish.start")}
              </Link>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
