import { roundAction, type IntentFailure } from "~/lib/round-route.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { RoundBreadcrumb, RoundSetupNav } from "~/components/rounds/state-panel";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { CriterionRefSchema, CriterionSchema, MoveSchema, PresetSchema } from "~/schemas/round-settings";
import { applyRubricPreset, getRubricPage, moveCriterion, removeCriterion, saveCriterion } from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rubrik ${data.round.name} · ${data.competition.name} · Sayembara` : "Rubrik · Sayembara" },
];

const NOTICES = ["saved", "removed", "moved", "preset"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getRubricPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    editing: editId ? (page.criteria.find((k) => k.id === editId) ?? null) : null,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? notice : null,
  });
}

type Failure = IntentFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, slug, roundId, form, intent, here } = await roundAction(request, params, "rubric", getRubricPage);
  const done = (notice: string) => redirect(`${here}?notice=${notice}#criteria`);
  if (intent === "save") {
    const parsed = parseForm(CriterionSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await saveCriterion(db, actor, slug, roundId, parsed.data);
    return r.ok ? done("saved") : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  if (intent === "remove") {
    const parsed = parseForm(CriterionRefSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await removeCriterion(db, actor, slug, roundId, parsed.data.criterionId);
    return r.ok ? done("removed") : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  if (intent === "move") {
    const parsed = parseForm(MoveSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await moveCriterion(db, actor, slug, roundId, parsed.data.criterionId, parsed.data.direction);
    return r.ok ? done("moved") : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  if (intent === "preset") {
    const parsed = parseForm(PresetSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await applyRubricPreset(db, actor, slug, roundId, parsed.data);
    return r.ok ? done("preset") : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function RubricPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}`;
  const saveFailed = data?.intent === "save" ? data : undefined;
  const presetFailed = data?.intent === "preset" ? data : undefined;
  const otherFailed = data && data.intent !== "save" && data.intent !== "preset" ? data : undefined;
  const e = d.editing;
  const stored: Record<string, string> = e
    ? {
        criterionId: e.id,
        key: e.key,
        nameId: e.nameId,
        nameEn: e.nameEn,
        weight: String(e.weight),
        scaleMin: String(e.scaleMin),
        scaleMax: String(e.scaleMax),
        scaleStep: String(e.scaleStep),
        levels: e.levelsText,
      }
    : { scaleMin: "1", scaleMax: "5", scaleStep: "1" };
  const v = (name: string) => (saveFailed ? (saveFailed.values[name] ?? "") : (stored[name] ?? ""));
  const editingId = saveFailed ? saveFailed.values.criterionId : e?.id;
  const fmt = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: 6 });

  return (
    <>
      <PageHeader
        title={t("scoring.rubric.title", { name: r.name })}
        lead={`${c.name} · ${t(`assignment.kind.${r.kind}` as MessageKey)}`}
        breadcrumb={<RoundBreadcrumb competition={c} round={r} />}
      />
      {d.notice && !data ? <Alert kind="success">{t(`scoring.rubric.notice.${d.notice}` as MessageKey)}</Alert> : null}
      {!d.editable ? <Alert kind="info">{r.status === "decided" ? t("scoring.rubric.lockedDecided") : t("scoring.rubric.locked", { sheets: d.sheets })}</Alert> : null}
      <FormErrors errors={otherFailed?.errors} />

      <section aria-labelledby="criteria-heading" id="criteria">
        <h2 id="criteria-heading">{t("scoring.rubric.criteria")}</h2>
        {d.criteria.length === 0 ? (
          <EmptyState message="scoring.rubric.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="muted">{t("scoring.rubric.weightSum", { sum: fmt.format(d.weightSum) })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("scoring.rubric.key")}</th>
                  <th scope="col">{t("scoring.rubric.name")}</th>
                  <th scope="col">{t("scoring.rubric.weight")}</th>
                  <th scope="col">{t("scoring.rubric.scale")}</th>
                  <th scope="col">{t("scoring.rubric.levels")}</th>
                  {d.editable ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.criteria.map((k, i) => (
                  <tr key={k.id}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      <code>{k.key}</code>
                    </th>
                    <td>
                      {k.nameId}
                      <br />
                      <span className="muted" lang="en">
                        {k.nameEn}
                      </span>
                    </td>
                    <td>
                      {fmt.format(k.weight)} ({fmt.format(d.weightSum > 0 ? (100 * k.weight) / d.weightSum : 0)}%)
                    </td>
                    <td>{t("scoring.rubric.scaleValue", { min: fmt.format(k.scaleMin), max: fmt.format(k.scaleMax), step: fmt.format(k.scaleStep) })}</td>
                    <td>
                      {k.levels.length === 0 ? (
                        "—"
                      ) : (
                        <ul>
                          {k.levels.map((l) => (
                            <li key={l.score}>
                              {fmt.format(l.score)}: {locale === "en" ? l.en : l.id}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    {d.editable ? (
                      <td>
                        <div className="actions">
                          <Link to={`?edit=${k.id}#criterion-form`} aria-label={t("scoring.rubric.editLabel", { key: k.key })}>
                            {t("common.edit")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="move" />
                            <input type="hidden" name="criterionId" value={k.id} />
                            <button type="submit" name="direction" value="up" className="button button-secondary" disabled={busy || i === 0} aria-label={t("scoring.rubric.upLabel", { key: k.key })}>
                              ↑
                            </button>
                            <button
                              type="submit"
                              name="direction"
                              value="down"
                              className="button button-secondary"
                              disabled={busy || i === d.criteria.length - 1}
                              aria-label={t("scoring.rubric.downLabel", { key: k.key })}
                            >
                              ↓
                            </button>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="criterionId" value={k.id} />
                            <button type="submit" className="button button-danger" disabled={busy} aria-label={t("scoring.rubric.removeLabel", { key: k.key })}>
                              {t("scoring.rubric.remove")}
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {d.editable ? (
        <section className="card" aria-labelledby="criterion-form-heading" id="criterion-form">
          <h2 id="criterion-form-heading">{editingId ? t("scoring.rubric.editTitle") : t("scoring.rubric.addTitle")}</h2>
          <FormErrors errors={saveFailed?.errors} />
          <Form method="post" noValidate key={saveFailed ? JSON.stringify(saveFailed.values) : (e?.id ?? "new")}>
            <input type="hidden" name="intent" value="save" />
            {editingId ? <input type="hidden" name="criterionId" value={editingId} /> : null}
            <TextField name="key" label={t("scoring.rubric.key")} hint={t("scoring.rubric.keyHint")} errors={saveFailed?.errors} defaultValue={v("key")} required />
            <TextField name="nameId" label={t("scoring.rubric.nameId")} errors={saveFailed?.errors} defaultValue={v("nameId")} required />
            <TextField name="nameEn" label={t("scoring.rubric.nameEn")} errors={saveFailed?.errors} defaultValue={v("nameEn")} required lang="en" />
            <TextField name="weight" label={t("scoring.rubric.weight")} hint={t("scoring.rubric.weightHint")} errors={saveFailed?.errors} defaultValue={v("weight")} inputMode="decimal" required />
            <TextField name="scaleMin" label={t("scoring.rubric.scaleMin")} errors={saveFailed?.errors} defaultValue={v("scaleMin")} inputMode="decimal" required />
            <TextField name="scaleMax" label={t("scoring.rubric.scaleMax")} errors={saveFailed?.errors} defaultValue={v("scaleMax")} inputMode="decimal" required />
            <TextField name="scaleStep" label={t("scoring.rubric.scaleStep")} hint={t("scoring.rubric.scaleStepHint")} errors={saveFailed?.errors} defaultValue={v("scaleStep")} inputMode="decimal" required />
            <TextAreaField name="levels" label={t("scoring.rubric.levels")} hint={t("scoring.rubric.levelsHint")} errors={saveFailed?.errors} defaultValue={v("levels")} rows={5} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {editingId ? t("common.save") : t("scoring.rubric.add")}
              </button>
              {editingId ? (
                <Link to="?#criterion-form" className="button button-secondary">
                  {t("common.cancel")}
                </Link>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}

      {d.editable ? (
        <section className="card" aria-labelledby="preset-heading">
          <h2 id="preset-heading">{t("scoring.rubric.presetTitle")}</h2>
          <p className="muted">{t("scoring.rubric.presetLead")}</p>
          <FormErrors errors={presetFailed?.errors} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="preset" />
            <SelectField
              name="preset"
              label={t("scoring.rubric.preset")}
              errors={presetFailed?.errors}
              defaultValue={presetFailed?.values.preset ?? (r.kind === "presentation" ? "presentation_100" : "proposal_100")}
              options={d.presets.map((p) => ({ value: p.key, label: t(`scoring.rubric.preset.${p.key}` as MessageKey) }))}
            />
            {d.criteria.length > 0 ? (
              <div className="field">
                <span className="checkbox">
                  <input
                    type="checkbox"
                    id="replace"
                    name="replace"
                    aria-invalid={presetFailed?.errors.replace ? true : undefined}
                    aria-describedby={presetFailed?.errors.replace ? "replace-error" : undefined}
                  />
                  <label htmlFor="replace">{t("scoring.rubric.replace", { count: d.criteria.length })}</label>
                </span>
                {presetFailed?.errors.replace ? (
                  <span className="error" id="replace-error" role="alert">
                    {t(presetFailed.errors.replace)}
                  </span>
                ) : null}
              </div>
            ) : null}
            <div className="actions">
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("scoring.rubric.presetApply")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <RoundSetupNav base={base} kind={r.kind} />
    </>
  );
}
