import { roundAction, type IntentFailure } from "~/lib/round-route.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { RoundBreadcrumb, RoundSetupNav, RoundStatePanel } from "~/components/rounds/state-panel";
import { Alert, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { METHODS, type AdvancementRule } from "~/domain/ranking/types";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/http.server";
import { publicOrigin } from "~/lib/origin.server";
import {
  BASE_TIE_KEYS,
  quotaField,
  RoundSettingsSchema,
  RULE_KINDS,
  SCORE_VISIBILITIES,
  STRATA,
  TIEBREAK_SLOTS,
  TransitionSchema,
} from "~/schemas/round-settings";
import { closeRound, getSettingsPage, openRound, reopenRound, saveRoundSettings } from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pengaturan ${data.round.name} · ${data.competition.name} · Sayembara` : "Pengaturan putaran · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getSettingsPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const saved = new URL(request.url).searchParams.get("notice") === "saved";
  return json({ ...page, saved });
}

type Failure = IntentFailure<"settings" | "transition">;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, slug, roundId, form, intent, here } = await roundAction(request, params, "settings", getSettingsPage);
  if (intent === "settings") {
    const parsed = parseForm(RoundSettingsSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await saveRoundSettings(db, actor, slug, roundId, parsed.data);
    if (!result.ok) return json<Failure>({ intent, errors: result.errors, values: parsed.values }, 400);
    return redirect(`${here}?notice=saved`);
  }
  if (intent === "transition") {
    const parsed = parseForm(TransitionSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const ctx = { origin: publicOrigin(request) };
    const { transition, reason } = parsed.data;
    const result =
      transition === "open"
        ? await openRound(db, actor, slug, roundId, ctx)
        : transition === "close"
          ? await closeRound(db, actor, slug, roundId, { reason }, ctx)
          : await reopenRound(db, actor, slug, roundId, { reason }, ctx);
    if (!result.ok) return json<Failure>({ intent, errors: result.errors, values: parsed.values }, 400);
    const back = safeRedirectPath(form.get("returnTo"), here);
    const notice = transition === "open" ? "opened" : transition === "close" ? "closed" : "reopened";
    return redirect(`${back.split("?")[0]}?state=${notice}#state`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function ruleDefaults(rule: AdvancementRule) {
  const out: Record<string, string> = { ruleKind: rule.kind, ruleN: "", ruleMin: "", ruleBy: "cluster", ruleTotal: "" };
  if (rule.kind === "top_n" || rule.kind === "top_n_pass") out.ruleN = String(rule.n);
  if ((rule.kind === "pass_grade" || rule.kind === "top_n_pass" || rule.kind === "quota" || rule.kind === "proportional") && rule.min !== undefined) {
    out.ruleMin = String(rule.min);
  }
  if (rule.kind === "quota" || rule.kind === "proportional") out.ruleBy = rule.by;
  if (rule.kind === "proportional") out.ruleTotal = String(rule.total);
  if (rule.kind === "quota") for (const [k, n] of Object.entries(rule.quotas)) out[quotaField(rule.by, k)] = String(n);
  return out;
}

export default function RoundSettingsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}`;
  const s = d.settings;
  const failed = data?.intent === "settings" ? data : undefined;
  const errors = failed?.errors;
  const stored: Record<string, string> = {
    ...ruleDefaults(s.rule),
    scoreVisibility: s.scoreVisibility,
    scoreMethod: s.scoreMethod,
    disagreementThreshold: String(s.disagreementThreshold),
    borderlineBand: String(s.borderlineBand),
    ...Object.fromEntries(s.tiebreak.map((k, i) => [`tiebreak${i + 1}`, k])),
  };
  const v = (name: string) => (failed ? (failed.values[name] ?? "") : (stored[name] ?? ""));
  const blindChecked = failed ? failed.values.blind !== undefined : s.blind;
  const tieOptions = [
    ...BASE_TIE_KEYS.map((k) => ({ value: k, label: t(`scoring.round.tie.${k}` as MessageKey) })),
    ...d.criteria.map((k) => ({ value: `criterion:${k.key}`, label: t("scoring.round.tie.criterion", { name: locale === "en" ? k.nameEn : k.nameId }) })),
  ];
  const stratumLabel = (by: string, value: { value: string; nameId: string | null; nameEn: string | null }) =>
    by === "cluster" ? t(`cluster.${value.value}` as MessageKey) : (locale === "en" ? value.nameEn : value.nameId) ?? value.value;

  return (
    <>
      <PageHeader
        title={t("scoring.round.title", { name: r.name })}
        lead={`${c.name} · ${t(`assignment.kind.${r.kind}` as MessageKey)}`}
        breadcrumb={<RoundBreadcrumb competition={c} round={r} />}
      />
      {d.saved && !data ? <Alert kind="success">{t("scoring.round.saved")}</Alert> : null}
      <RoundStatePanel
        state={d.state}
        base={base}
        returnTo={`${base}/settings`}
        errors={data?.intent === "transition" ? data.errors : undefined}
        values={data?.intent === "transition" ? data.values : undefined}
      />

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t("scoring.round.settings")}</h2>
        {!d.editable.ranking ? <Alert kind="info">{t("scoring.round.lockedDecided")}</Alert> : null}
        {d.editable.ranking && !d.editable.scoring ? <Alert kind="info">{t("scoring.round.lockedClosed")}</Alert> : null}
        <FormErrors errors={errors} />
        <Form method="post" noValidate key={failed ? JSON.stringify(failed.values) : "stored"}>
          <input type="hidden" name="intent" value="settings" />
          <fieldset disabled={!d.editable.ranking} className="plain">
            <h3>{t("scoring.round.scoringPart")}</h3>
            {d.editable.scoring ? (
              <>
                <div className="field">
                  <span className="checkbox">
                    <input type="checkbox" id="blind" name="blind" defaultChecked={blindChecked} aria-describedby="blind-hint" />
                    <label htmlFor="blind">{t("scoring.round.blind")}</label>
                  </span>
                  <span className="hint" id="blind-hint">
                    {t("scoring.round.blindHint")}
                  </span>
                </div>
                <SelectField
                  name="scoreVisibility"
                  label={t("scoring.round.visibility")}
                  errors={errors}
                  defaultValue={v("scoreVisibility")}
                  options={SCORE_VISIBILITIES.map((x) => ({ value: x, label: t(`scoring.round.visibility.${x}` as MessageKey) }))}
                />
                <fieldset className="field">
                  <legend>{t("scoring.round.method")}</legend>
                  {METHODS.map((m) => (
                    <div key={m}>
                      <span className="checkbox">
                        <input type="radio" id={`method-${m}`} name="scoreMethod" value={m} defaultChecked={v("scoreMethod") === m} aria-describedby={`method-${m}-hint`} />
                        <label htmlFor={`method-${m}`}>{t(`scoring.round.method.${m}` as MessageKey)}</label>
                      </span>
                      <span className="hint" id={`method-${m}-hint`}>
                        {t(`scoring.round.methodHint.${m}` as MessageKey)}
                      </span>
                    </div>
                  ))}
                  {errors?.scoreMethod ? (
                    <span className="error" role="alert">
                      {t(errors.scoreMethod)}
                    </span>
                  ) : null}
                </fieldset>
              </>
            ) : (
              <>
                <input type="hidden" name="scoreVisibility" value={s.scoreVisibility} />
                <input type="hidden" name="scoreMethod" value={s.scoreMethod} />
                {s.blind ? <input type="hidden" name="blind" value="on" /> : null}
                <dl className="meta">
                  <dt>{t("scoring.round.blind")}</dt>
                  <dd>{s.blind ? t("common.yes") : t("common.no")}</dd>
                  <dt>{t("scoring.round.visibility")}</dt>
                  <dd>{t(`scoring.round.visibility.${s.scoreVisibility}` as MessageKey)}</dd>
                  <dt>{t("scoring.round.method")}</dt>
                  <dd>{t(`scoring.round.method.${s.scoreMethod}` as MessageKey)}</dd>
                </dl>
              </>
            )}

            <h3>{t("scoring.round.rule")}</h3>
            <p className="muted">{t("scoring.round.ruleLead", { entrants: d.entrants })}</p>
            <SelectField
              name="ruleKind"
              label={t("scoring.round.ruleKind")}
              errors={errors}
              defaultValue={v("ruleKind")}
              options={RULE_KINDS.map((k) => ({ value: k, label: t(`scoring.round.ruleKind.${k}` as MessageKey) }))}
            />
            <TextField name="ruleN" label={t("scoring.round.ruleN")} hint={t("scoring.round.ruleNHint")} errors={errors} defaultValue={v("ruleN")} inputMode="numeric" />
            <TextField name="ruleMin" label={t("scoring.round.ruleMin")} hint={t("scoring.round.ruleMinHint")} errors={errors} defaultValue={v("ruleMin")} inputMode="decimal" />
            <SelectField
              name="ruleBy"
              label={t("scoring.round.ruleBy")}
              hint={t("scoring.round.ruleByHint")}
              errors={errors}
              defaultValue={v("ruleBy")}
              options={STRATA.map((b) => ({ value: b, label: t(`scoring.round.stratum.${b}` as MessageKey) }))}
            />
            <TextField name="ruleTotal" label={t("scoring.round.ruleTotal")} hint={t("scoring.round.ruleTotalHint")} errors={errors} defaultValue={v("ruleTotal")} inputMode="numeric" />
            <details open={v("ruleKind") === "quota"}>
              <summary>{t("scoring.round.quotas")}</summary>
              <p className="muted">{t("scoring.round.quotasHint")}</p>
              {STRATA.map((by) => (
                <fieldset key={by} className="field">
                  <legend>{t(`scoring.round.stratum.${by}` as MessageKey)}</legend>
                  {d.strata[by].length === 0 ? <p className="muted">{t("scoring.round.noStrata")}</p> : null}
                  {d.strata[by].map((x) => (
                    <TextField
                      key={x.value}
                      name={quotaField(by, x.value)}
                      label={t("scoring.round.quotaLabel", { value: stratumLabel(by, x), entrants: x.entrants })}
                      errors={errors}
                      defaultValue={v(quotaField(by, x.value))}
                      inputMode="numeric"
                    />
                  ))}
                </fieldset>
              ))}
            </details>

            <h3>{t("scoring.round.tiebreak")}</h3>
            <p className="muted">{t("scoring.round.tiebreakLead")}</p>
            {Array.from({ length: TIEBREAK_SLOTS }, (_, i) => (
              <SelectField
                key={i}
                name={`tiebreak${i + 1}`}
                label={t("scoring.round.tiebreakN", { n: i + 1 })}
                errors={errors}
                defaultValue={v(`tiebreak${i + 1}`)}
                placeholder={t("scoring.round.tie.none")}
                options={tieOptions}
              />
            ))}
            <p className="muted">{t("scoring.round.tiebreakLast")}</p>

            <h3>{t("scoring.round.plenary")}</h3>
            <TextField
              name="disagreementThreshold"
              label={t("scoring.round.threshold")}
              hint={t("scoring.round.thresholdHint")}
              errors={errors}
              defaultValue={v("disagreementThreshold")}
              inputMode="decimal"
            />
            <TextField
              name="borderlineBand"
              label={t("scoring.round.band")}
              hint={t("scoring.round.bandHint")}
              errors={errors}
              defaultValue={v("borderlineBand")}
              inputMode="decimal"
            />
            {d.editable.ranking ? (
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("common.save")}
                </button>
              </div>
            ) : null}
          </fieldset>
        </Form>
      </section>
      <RoundSetupNav base={base} kind={r.kind} />
    </>
  );
}
