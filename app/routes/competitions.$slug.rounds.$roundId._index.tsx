import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { PreviewView, numberFormatter } from "~/components/assignment/preview";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { CommitSchema, PreviewSchema } from "~/schemas/rounds";
import { commitAssignment, getRoundPage, previewAssignment } from "~/services/assignment.server";
import { getRoundRef } from "~/services/rounds.server";
import { RoundSetupNav, RoundStatePanel } from "~/components/rounds/state-panel";
import { getRoundState } from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} · ${data.competition.name} · Sayembara` : "Putaran · Sayembara" },
];

const NOTICES = ["previewed", "committed"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getRoundPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  // The round's state and transitions (rounds issue): the forms post to the settings route.
  const roundState = await getRoundState(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    roundState,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    added: Number(url.searchParams.get("added") ?? 0) || 0,
    removed: Number(url.searchParams.get("removed") ?? 0) || 0,
  });
}

interface ActionFailure {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition, round } = await getRoundRef(db, actor, params.slug ?? "", params.roundId ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/competitions/${competition.slug}/rounds/${round.id}`;
  if (intent === "preview") {
    const parsed = parseForm(PreviewSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    await previewAssignment(db, actor, round.id, { mode: parsed.data.mode });
    return redirect(`${here}?notice=previewed#preview`);
  }
  if (intent === "commit") {
    const parsed = parseForm(CommitSchema, form);
    if (!parsed.ok) return json<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await commitAssignment(db, actor, parsed.data.runId, new Date(), { confirmScores: parsed.data.confirmScores });
    if (!result.ok) return json<ActionFailure>({ intent, errors: result.errors, values: parsed.values }, 400);
    return redirect(`${here}?notice=committed&added=${result.added}&removed=${result.removed}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function Stat({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="card">
      <div className="stat">{value}</div>
      <div id={id} className="muted">
        {label}
      </div>
    </div>
  );
}

export default function RoundPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const fmt = numberFormatter(locale);
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}`;
  const previewErrors = data?.intent === "preview" ? data.errors : undefined;
  const commitErrors = data?.intent === "commit" ? data.errors : undefined;
  const typedMode = data?.intent === "preview" ? data.values.mode : undefined;
  const p = d.preview;
  const pending = p && !p.committedAt ? p : null;

  return (
    <>
      <PageHeader
        title={r.name}
        lead={`${c.name} · ${t("assignment.round.positionLabel", { n: r.position })}`}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={`/competitions/${c.slug}/rounds`}>{t("assignment.rounds")}</Link>
          </>
        }
        actions={
          <Link to={`/competitions/${c.slug}/rounds?edit=${r.id}#round-form`} className="button button-secondary">
            {t("assignment.round.editRound")}
          </Link>
        }
      />
      {d.notice === "previewed" && !data ? <Alert kind="info">{t("assignment.notice.previewed")}</Alert> : null}
      {d.notice === "committed" && !data ? (
        <Alert kind="success">{t("assignment.notice.committed", { added: fmt(d.added), removed: fmt(d.removed) })}</Alert>
      ) : null}

      <RoundStatePanel state={d.roundState} base={base} returnTo={base} />
      <RoundSetupNav base={base} kind={r.kind} />
      {!pending ? <FormErrors errors={commitErrors} /> : null}
      <section className="card" aria-labelledby="facts">
        <h2 id="facts">{t("assignment.round.facts")}</h2>
        <dl className="meta">
          <dt>{t("assignment.round.kind")}</dt>
          <dd>{t(`assignment.kind.${r.kind}` as MessageKey)}</dd>
          <dt>{t("assignment.round.pool")}</dt>
          <dd>{t(`assignment.pool.${r.poolRole}` as MessageKey)}</dd>
          <dt>{t("assignment.round.k")}</dt>
          <dd>{r.k}</dd>
          <dt>{t("assignment.round.period")}</dt>
          <dd>{r.startsAt ? `${formatWib(r.startsAt, locale)} – ${formatWib(r.endsAt, locale)}` : t("assignment.round.noPeriod")}</dd>
          <dt>{t("assignment.round.spread")}</dt>
          <dd>{r.spreadAffiliations ? t("common.yes") : t("common.no")}</dd>
          <dt>{t("assignment.round.seed")}</dt>
          <dd>{r.seed}</dd>
        </dl>
      </section>

      <section aria-labelledby="counts">
        <h2 id="counts">{t("assignment.counts.title")}</h2>
        <div className="grid">
          <Stat id="count-eligible" label={t("assignment.counts.eligible")} value={fmt(d.counts.eligible)} />
          <Stat id="count-pool" label={t("assignment.counts.pool")} value={fmt(d.counts.pool)} />
          <Stat id="count-unavailable" label={t("assignment.counts.unavailable")} value={fmt(d.counts.unavailable)} />
          <Stat id="count-assignments" label={t("assignment.counts.assignments")} value={fmt(d.counts.assignments)} />
          <Stat id="count-underk" label={t("assignment.counts.underK", { k: r.k })} value={fmt(d.counts.underK)} />
        </div>
        {d.unavailable.length > 0 ? (
          <details>
            <summary>{t("assignment.counts.unavailableList")}</summary>
            <ul>
              {d.unavailable.map((u) => (
                <li key={u.id}>
                  {u.name}: {formatWib(u.startsAt, locale)} – {formatWib(u.endsAt, locale)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {d.counts.affected > 0 ? (
        <section className="card" aria-labelledby="repair">
          <h2 id="repair">{t("assignment.repair.title")}</h2>
          <Alert kind="warn">{t("assignment.repair.affected", { count: fmt(d.counts.affected) })}</Alert>
          <details>
            <summary>{t("assignment.repair.list")}</summary>
            <ul>
              {d.affected.map((a) => (
                <li key={a.id}>
                  {a.juror} · {a.proposal ?? t("assignment.repair.notEligible")}
                </li>
              ))}
            </ul>
          </details>
          <p className="muted">{t("assignment.repair.lead")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="mode" value="repair" />
            <button type="submit" className="button" disabled={busy}>
              {t("assignment.repair.button")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="run">
        <h2 id="run">{t("assignment.run.title")}</h2>
        <p className="muted">{t("assignment.run.lead")}</p>
        <FormErrors errors={previewErrors} />
        <Form method="post" noValidate key={typedMode ?? "none"}>
          <input type="hidden" name="intent" value="preview" />
          <fieldset className="field">
            <legend>{t("assignment.run.mode")}</legend>
            <span className="checkbox">
              <input type="radio" id="mode-keep" name="mode" value="keep" defaultChecked={typedMode !== "restart"} aria-describedby="mode-keep-hint" />
              <label htmlFor="mode-keep">{t("assignment.mode.keep")}</label>
            </span>
            <span className="hint" id="mode-keep-hint">
              {t("assignment.mode.keepHint")}
            </span>
            <span className="checkbox">
              <input
                type="radio"
                id="mode-restart"
                name="mode"
                value="restart"
                defaultChecked={typedMode === "restart"}
                aria-describedby="mode-restart-hint"
              />
              <label htmlFor="mode-restart">{t("assignment.mode.restart")}</label>
            </span>
            <span className="hint" id="mode-restart-hint">
              {t("assignment.mode.restartHint")}
            </span>
            {previewErrors?.mode ? (
              <span className="error" role="alert">
                {t(previewErrors.mode)}
              </span>
            ) : null}
          </fieldset>
          <div className="field">
            <span className="checkbox">
              <input
                type="checkbox"
                id="confirmRestart"
                name="confirmRestart"
                aria-invalid={previewErrors?.confirmRestart ? true : undefined}
                aria-describedby={previewErrors?.confirmRestart ? "confirmRestart-error" : undefined}
              />
              <label htmlFor="confirmRestart">{t("assignment.run.confirmRestart")}</label>
            </span>
            {previewErrors?.confirmRestart ? (
              <span className="error" id="confirmRestart-error" role="alert">
                {t(previewErrors.confirmRestart)}
              </span>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("assignment.run.preview")}
            </button>
          </div>
        </Form>
      </section>

      {pending ? (
        <section className="card" aria-labelledby="preview-heading" id="preview">
          <h2 id="preview-heading">{t("assignment.preview.title")}</h2>
          <p className="muted">
            {t("assignment.preview.meta", { mode: t(`assignment.mode.${pending.mode}` as MessageKey), at: formatWib(pending.createdAt, locale) })}
          </p>
          {pending.stale ? <Alert kind="warn">{t("assignment.errors.stale")}</Alert> : null}
          <PreviewView summary={pending.summary} reasons={pending.reasons} />
          <FormErrors errors={commitErrors} />
          <Form method="post">
            <input type="hidden" name="intent" value="commit" />
            <input type="hidden" name="runId" value={pending.id} />
            {pending.scoredRemoved > 0 ? (
              <>
                <Alert kind="warn">{t("assignment.commit.scoredWarning", { count: pending.scoredRemoved })}</Alert>
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id="confirmScores"
                    name="confirmScores"
                    aria-invalid={commitErrors?.confirmScores ? true : undefined}
                    aria-describedby={commitErrors?.confirmScores ? "confirmScores-error" : undefined}
                  />
                  <label htmlFor="confirmScores">{t("assignment.commit.confirmScores")}</label>
                </div>
                {commitErrors?.confirmScores ? (
                  <p className="error" id="confirmScores-error" role="alert">
                    {t(commitErrors.confirmScores)}
                  </p>
                ) : null}
              </>
            ) : null}
            <div className="actions">
              <button type="submit" className="button" disabled={busy || pending.stale}>
                {pending.summary.complete ? t("assignment.commit.button") : t("assignment.commit.partial")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {d.lastCommit ? (
        <p className="muted">
          {t("assignment.commit.last", { at: formatWib(d.lastCommit.at, locale), mode: t(`assignment.mode.${d.lastCommit.mode}` as MessageKey) })}
        </p>
      ) : null}

      <nav className="card" aria-labelledby="tools">
        <h2 id="tools">{t("assignment.tools.title")}</h2>
        <div className="actions">
          <Link to={`${base}/manual`} className="button button-secondary">
            {t("assignment.tools.manual")}
          </Link>
          <Link to={`${base}/matrix`} className="button button-secondary">
            {t("assignment.tools.matrix")}
          </Link>
          <Link to={`${base}/progress`} className="button button-secondary">
            {t("assignment.tools.progress")}
          </Link>
          <Link to={`${base}/csv`} className="button button-secondary">
            {t("assignment.tools.csv")}
          </Link>
          <Link to={`${base}/scores-import`} className="button button-secondary">
            {t("scoring.import.title")}
          </Link>
          <Link to={`${base}/results`} className="button">
            {t("plenary.link")}
          </Link>
        </div>
      </nav>
    </>
  );
}
