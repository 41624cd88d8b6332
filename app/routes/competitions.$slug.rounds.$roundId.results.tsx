/**
 * The plenary (Sidang pleno) of a round: the results table with every
 * method's score, the jurors' severity, overrides with reasons, the decision,
 * its replay and the ranking export ("scoring.manage"). Provisional while
 * the round is open; overrides and the decision once it is closed; the
 * recorded decision once decided. Plain forms, no JavaScript needed.
 */
import { roundAction, type IntentFailure } from "~/lib/round-route.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { JurorSeverity } from "~/components/plenary/juror-severity";
import { ReplayPanel, RuleSummary } from "~/components/plenary/replay-panel";
import { DecisionBadge, ResultsTable, twoDecimals } from "~/components/plenary/results-table";
import { Alert, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { DecideSchema, OverrideSchema, parseResultsQuery, RemoveOverrideSchema, RESULT_FILTERS, RESULTS_PAGE_SIZE } from "~/schemas/plenary";
import { decideRound, getResultsPage, loadPlenaryRound, removeOverride, setOverride } from "~/services/plenary.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Sidang pleno: ${data.round.name} · ${data.competition.name} · Sayembara` : "Sidang pleno · Sayembara" },
];

const NOTICES = ["overrideSet", "overrideRemoved", "decided"] as const;
type Notice = (typeof NOTICES)[number];

/** Two decimals for the screen (the service keeps full precision for exports); keeps the page light with 2,100 rows. */
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const query = parseResultsQuery(url.searchParams);
  const page = await getResultsPage(getDb(), actor, params.slug ?? "", params.roundId ?? "", query);
  const notice = url.searchParams.get("notice");
  const count = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,6}$/.test(v) ? Number(v) : 0;
  };
  return json({
    ...page,
    table: {
      ...page.table,
      rows: page.table.rows.map((r) => ({
        ...r,
        rawMean: r2(r.rawMean),
        normalized: r2(r.normalized),
        median: r2(r.median),
        shrunk: r2(r.shrunk),
        score: r2(r.score),
        sd: r2(r.sd),
        min: r2(r.min),
        max: r2(r.max),
        criterionMeans: r.criterionMeans.map(r2),
      })),
    },
    prefillNumber: (url.searchParams.get("override") ?? "").slice(0, 64),
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    decidedCounts: { advance: count("advance"), next: count("next") },
  });
}

type ActionFailure = IntentFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, slug, roundId, form, intent, here } = await roundAction(request, params, "results", loadPlenaryRound);
  if (intent === "override") {
    const parsed = parseForm(OverrideSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await setOverride(db, actor, slug, roundId, parsed.data);
    if (!result.ok) return json<ActionFailure>({ intent, errors: result.errors, values: parsed.values }, 400);
    return redirect(`${here}?notice=overrideSet#overrides`);
  }
  if (intent === "removeOverride") {
    const parsed = parseForm(RemoveOverrideSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await removeOverride(db, actor, slug, roundId, parsed.data.number);
    if (!result.ok) return json<ActionFailure>({ intent, errors: result.errors, values: parsed.values }, 400);
    return redirect(`${here}?notice=overrideRemoved#overrides`);
  }
  if (intent === "decide") {
    const parsed = parseForm(DecideSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await decideRound(db, actor, slug, roundId, { origin: publicOrigin(request) });
    if (!result.ok) return json<ActionFailure>({ intent, errors: result.errors, values: parsed.values }, 400);
    const advance = result.counts.advance + result.counts.override_advance;
    return redirect(`${here}?notice=decided&advance=${advance}&next=${result.nextEntrantsAdded}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function ResultsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionFailure | undefined;
  const t = useT();
  const locale = useLocale();
  const fmt = twoDecimals(locale);
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}/results`;
  const overrideErrors = data?.intent === "override" ? data.errors : undefined;
  const removeErrors = data?.intent === "removeOverride" ? data.errors : undefined;
  const decideErrors = data?.intent === "decide" ? data.errors : undefined;
  const typed = data?.intent === "override" ? data.values : undefined;
  const tb = d.table;
  const qs = (over: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const merged: Record<string, string | number | null> = { filter: tb.filter === "all" ? null : tb.filter, q: tb.q || null, page: null, all: null, ...over };
    for (const [k, v] of Object.entries(merged)) if (v !== null && v !== "") p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  const from = tb.all ? 1 : (tb.page - 1) * RESULTS_PAGE_SIZE + 1;
  const to = tb.all ? tb.total : Math.min(tb.total, tb.page * RESULTS_PAGE_SIZE);

  return (
    <>
      <PageHeader
        title={t("plenary.pageTitle", { round: r.name })}
        lead={`${c.name} · ${t("plenary.roundPosition", { position: r.position })} · ${t(`plenary.status.${r.status}` as MessageKey)}`}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={`/competitions/${c.slug}/rounds`}>{t("plenary.rounds")}</Link> ›{" "}
            <Link to={`/competitions/${c.slug}/rounds/${r.id}`}>{r.name}</Link>
          </>
        }
        actions={
          <>
            <a href={`${base}/ranking.csv`} className="button button-secondary" download>
              {t("plenary.export.csv")}
            </a>
            <a href={`${base}/ranking.xlsx`} className="button button-secondary" download>
              {t("plenary.export.xlsx")}
            </a>
          </>
        }
      />

      {d.notice === "overrideSet" && !data ? <Alert kind="success">{t("plenary.notice.overrideSet")}</Alert> : null}
      {d.notice === "overrideRemoved" && !data ? <Alert kind="success">{t("plenary.notice.overrideRemoved")}</Alert> : null}
      {d.notice === "decided" && !data ? (
        <Alert kind="success">
          {t("plenary.notice.decided", { advance: d.decidedCounts.advance, next: d.decidedCounts.next })}
        </Alert>
      ) : null}

      {r.status === "decided" ? (
        <Alert kind="info">
          {t("plenary.state.decided", { at: formatWib(d.decision?.decidedAt ?? r.decidedAt, locale), by: d.decision?.decidedBy ?? "–" })}
        </Alert>
      ) : r.status === "closed" ? (
        <Alert kind="info">{t("plenary.state.closed")}</Alert>
      ) : (
        <Alert kind="warn">{t("plenary.state.provisional")}</Alert>
      )}
      {r.blind ? <p className="small muted">{t("plenary.blindNote")}</p> : null}
      {d.problem ? <Alert kind="error">{t(d.problem === "noRubric" ? "plenary.problem.noRubric" : "plenary.problem.badRubric")}</Alert> : null}
      {r.ruleInvalid ? <Alert kind="warn">{t("plenary.problem.ruleInvalid")}</Alert> : null}
      {d.counts.skipped > 0 ? (
        <Alert kind="warn">
          {t("plenary.problem.skipped", { count: d.counts.skipped })}
          <ul>
            {d.skipped.map((s, i) => (
              <li key={i}>
                {s.number} · {s.juror} · {t(`plenary.skipReason.${s.reason}` as MessageKey)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <section className="card" aria-labelledby="facts">
        <h2 id="facts">{t("plenary.facts.title")}</h2>
        <dl className="meta">
          <dt>{t("plenary.facts.method")}</dt>
          <dd>{t(`plenary.method.${r.method}` as MessageKey)}</dd>
          <dt>{t("plenary.facts.rule")}</dt>
          <dd>
            <RuleSummary rule={r.rule} />
          </dd>
          <dt>{t("plenary.facts.tiebreak")}</dt>
          <dd>{[...r.tiebreak, "number"].map((k) => (k.startsWith("criterion:") ? t("plenary.tiebreak.criterion", { key: k.slice(10) }) : t(`plenary.tiebreak.${k}` as MessageKey))).join(" → ")}</dd>
          <dt>{t("plenary.facts.cutoff")}</dt>
          <dd>{d.cutoff === null ? "–" : t("plenary.facts.cutoffValue", { cutoff: fmt(d.cutoff), band: fmt(r.band) })}</dd>
          <dt>{t("plenary.facts.threshold")}</dt>
          <dd>{fmt(r.threshold)}</dd>
          <dt>{t("plenary.facts.roundMean")}</dt>
          <dd>
            {fmt(d.roundMean)} ({t("plenary.facts.sd")} {fmt(d.roundSd)})
          </dd>
          <dt>{t("plenary.facts.counts")}</dt>
          <dd>
            {t("plenary.facts.countsValue", {
              entrants: d.counts.entrants,
              scored: d.counts.scored,
              sheets: d.counts.submittedSheets,
              drafts: d.counts.drafts,
            })}
          </dd>
          <dt>{t("plenary.facts.decisions")}</dt>
          <dd>
            {t("plenary.facts.decisionsValue", {
              advance: d.counts.advance,
              stop: d.counts.stop,
              overrideAdvance: d.counts.override_advance,
              overrideStop: d.counts.override_stop,
            })}
          </dd>
          {d.nextRound ? (
            <>
              <dt>{t("plenary.facts.nextRound")}</dt>
              <dd>
                <Link to={`/competitions/${c.slug}/rounds/${d.nextRound.id}`}>{d.nextRound.name}</Link>
              </dd>
            </>
          ) : null}
        </dl>
        {d.strata && d.strata.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption>{t("plenary.strata.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plenary.strata.key")}</th>
                  <th scope="col" className="num">
                    {t("plenary.strata.size")}
                  </th>
                  <th scope="col" className="num">
                    {t("plenary.strata.eligible")}
                  </th>
                  <th scope="col" className="num">
                    {t("plenary.strata.seats")}
                  </th>
                  <th scope="col" className="num">
                    {t("plenary.strata.cutoff")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.strata.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.key || "–"}</th>
                    <td className="num">{s.size}</td>
                    <td className="num">{s.eligible}</td>
                    <td className="num">{s.seats}</td>
                    <td className="num">{fmt(s.cutoff)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {d.decision ? (
        <section className="card" aria-labelledby="decided">
          <h2 id="decided">{t("plenary.decided.title")}</h2>
          <h3>{t("plenary.decided.ruleBased", { count: d.decision.ruleBased.length })}</h3>
          {d.decision.ruleBased.length === 0 ? (
            <p className="empty">{t("plenary.decided.none")}</p>
          ) : (
            <details>
              <summary>{t("plenary.decided.showList")}</summary>
              <ol>
                {d.decision.ruleBased.map((e) => (
                  <li key={e.number}>
                    {t("plenary.decided.entry", { rank: e.rank, number: e.number, title: e.title, score: fmt(e.score) })}
                  </li>
                ))}
              </ol>
            </details>
          )}
          <h3>{t("plenary.decided.overridden", { count: d.decision.overridden.length })}</h3>
          {d.decision.overridden.length === 0 ? (
            <p className="empty">{t("plenary.decided.none")}</p>
          ) : (
            <ul>
              {d.decision.overridden.map((e) => (
                <li key={e.number}>
                  <DecisionBadge decision={e.decision} /> {e.number} {e.title}: {e.reason}
                </li>
              ))}
            </ul>
          )}
          <p className="small muted">{t("plenary.decided.hash", { hash: d.decision.inputsHash })}</p>
          <Form method="get" action={`${base}#replay`} id="replay">
            <input type="hidden" name="replay" value="1" />
            <button type="submit" className="button button-secondary">
              {t("plenary.replay.button")}
            </button>
          </Form>
          {d.replay ? <ReplayPanel replay={d.replay} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="table-heading">
        <h2 id="table-heading">{t("plenary.table.title")}</h2>
        {r.status !== "decided" ? <p className="small muted">{t("plenary.table.provisionalNote")}</p> : <p className="small muted">{t("plenary.table.decidedNote")}</p>}
        <Form method="get" className="search-bar">
          <SelectField
            name="filter"
            label={t("plenary.filter.label")}
            defaultValue={tb.filter}
            options={RESULT_FILTERS.map((f) => ({ value: f, label: t("plenary.filter.option", { label: t(`plenary.filter.${f}` as MessageKey), count: tb.filterCounts[f] }) }))}
          />
          <TextField name="q" label={t("plenary.filter.search")} defaultValue={tb.q} type="search" />
          <div className="actions">
            <button type="submit" className="button button-secondary">
              {t("plenary.filter.apply")}
            </button>
          </div>
        </Form>
        <p className="small">
          {tb.total === 0 ? t("plenary.table.none") : t("plenary.table.showing", { from, to, total: tb.total })}{" "}
          {tb.all ? (
            <Link to={qs({})}>{t("plenary.table.paged", { size: RESULTS_PAGE_SIZE })}</Link>
          ) : tb.pages > 1 ? (
            <Link to={qs({ all: 1 })}>{t("plenary.table.showAll")}</Link>
          ) : null}
        </p>
        {tb.rows.length > 0 ? (
          <ResultsTable
            rows={tb.rows}
            criteria={d.criteria}
            method={r.method}
            caption={t("plenary.table.caption", { round: r.name })}
            overrideHref={d.canOverride ? (number) => `${qs({ page: tb.page > 1 ? tb.page : null, all: tb.all ? 1 : null, override: number })}#overrides` : undefined}
          />
        ) : null}
        {!tb.all && tb.pages > 1 ? (
          <nav className="pagination" aria-label={t("plenary.table.pagination")}>
            {tb.page > 1 ? <Link to={qs({ page: tb.page - 1 })}>{t("common.previous")}</Link> : null}
            <span>{t("plenary.table.pageOf", { page: tb.page, pages: tb.pages })}</span>
            {tb.page < tb.pages ? <Link to={qs({ page: tb.page + 1 })}>{t("common.next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      <section className="card" aria-labelledby="jurors">
        <h2 id="jurors">{t("plenary.jurors.title")}</h2>
        <JurorSeverity jurors={d.jurors} roundMean={d.roundMean} roundSd={d.roundSd} />
      </section>

      <section className="card" aria-labelledby="overrides-heading" id="overrides">
        <h2 id="overrides-heading">{t("plenary.override.title")}</h2>
        <p className="muted">{d.canOverride ? t("plenary.override.lead") : t("plenary.override.locked")}</p>
        <FormErrors errors={removeErrors} />
        {d.overrides.length === 0 ? (
          <p className="empty">{t("plenary.override.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("plenary.override.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plenary.col.number")}</th>
                  <th scope="col">{t("plenary.col.title")}</th>
                  <th scope="col">{t("plenary.col.rule")}</th>
                  <th scope="col">{t("plenary.override.decision")}</th>
                  <th scope="col">{t("plenary.override.reason")}</th>
                  <th scope="col">{t("plenary.override.by")}</th>
                  {d.canOverride ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.overrides.map((o) => (
                  <tr key={o.number}>
                    <th scope="row">{o.number}</th>
                    <td>{o.title}</td>
                    <td>{o.ruleDecision ? t(`plenary.decision.${o.ruleDecision}` as MessageKey) : "–"}</td>
                    <td>
                      <DecisionBadge decision={o.decision === "advance" ? "override_advance" : "override_stop"} />
                    </td>
                    <td>{o.reason}</td>
                    <td>
                      {o.by ?? "–"} · {formatWib(o.at, locale)}
                    </td>
                    {d.canOverride ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="removeOverride" />
                          <input type="hidden" name="number" value={o.number} />
                          <button type="submit" className="link-button" disabled={busy} aria-label={t("plenary.override.removeFor", { number: o.number })}>
                            {t("plenary.override.remove")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.canOverride ? (
          <Form method="post" noValidate key={`${typed?.number ?? ""}|${d.prefillNumber}`}>
            <h3>{t("plenary.override.formTitle")}</h3>
            <FormErrors errors={overrideErrors} />
            <input type="hidden" name="intent" value="override" />
            <TextField
              name="number"
              label={t("plenary.override.number")}
              hint={t("plenary.override.numberHint")}
              errors={overrideErrors}
              defaultValue={typed?.number ?? d.prefillNumber}
              required
            />
            <SelectField
              name="decision"
              label={t("plenary.override.decision")}
              errors={overrideErrors}
              defaultValue={typed?.decision ?? ""}
              placeholder={t("plenary.override.choose")}
              options={[
                { value: "advance", label: t("plenary.override.advance") },
                { value: "stop", label: t("plenary.override.stop") },
              ]}
              required
            />
            <TextAreaField
              name="reason"
              label={t("plenary.override.reason")}
              hint={t("plenary.override.reasonHint")}
              errors={overrideErrors}
              defaultValue={typed?.reason ?? ""}
              rows={3}
              required
            />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("plenary.override.submit")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {r.status === "closed" ? (
        <section className="card" aria-labelledby="decide">
          <h2 id="decide">{t("plenary.decide.title")}</h2>
          <p>
            {t("plenary.decide.summary", {
              advance: d.counts.advance + d.counts.override_advance,
              entrants: d.counts.entrants,
              overrides: d.counts.override_advance + d.counts.override_stop,
            })}
          </p>
          <p className="muted small">{d.nextRound ? t("plenary.decide.next", { round: d.nextRound.name }) : t("plenary.decide.noNext")}</p>
          {!d.canDecide ? <Alert kind="warn">{t("plenary.decide.blocked")}</Alert> : null}
          <FormErrors errors={decideErrors} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="decide" />
            <div className="field">
              <span className="checkbox">
                <input
                  type="checkbox"
                  id="confirm"
                  name="confirm"
                  aria-invalid={decideErrors?.confirm ? true : undefined}
                  aria-describedby={decideErrors?.confirm ? "confirm-error" : undefined}
                />
                <label htmlFor="confirm">{t("plenary.decide.confirm")}</label>
              </span>
              {decideErrors?.confirm ? (
                <span className="error" id="confirm-error" role="alert">
                  {t(decideErrors.confirm)}
                </span>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="button" disabled={busy || !d.canDecide}>
                {t("plenary.decide.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
