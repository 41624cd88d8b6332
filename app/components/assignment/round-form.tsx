import { Form } from "@remix-run/react";
import { SelectField, TextField } from "~/components/ui/form";
import { utcIsoToWibLocal } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { MAX_K, MAX_SEED, POOL_ROLES, ROUND_KINDS } from "~/schemas/rounds";

export interface RoundFormRound {
  id: string;
  name: string;
  kind: string;
  poolRole: string;
  k: number;
  startsAt: string | null;
  endsAt: string | null;
  spreadAffiliations: boolean;
  seed: number;
}

/** Values of the form: what was typed (after a refused save), else the round being edited, else defaults. */
function initialValues(round: RoundFormRound | null, typed: Record<string, string> | undefined): Record<string, string> {
  if (typed) return typed;
  if (!round) return { name: "", kind: "desk", poolRole: "evaluator", k: "3", startsAt: "", endsAt: "", seed: "1", spreadAffiliations: "" };
  return {
    name: round.name,
    kind: round.kind,
    poolRole: round.poolRole,
    k: String(round.k),
    startsAt: round.startsAt ? utcIsoToWibLocal(round.startsAt) : "",
    endsAt: round.endsAt ? utcIsoToWibLocal(round.endsAt) : "",
    seed: String(round.seed),
    spreadAffiliations: round.spreadAffiliations ? "on" : "",
  };
}

/** Create or edit a round; posts intent=create or intent=update (with roundId). */
export function RoundForm({
  round,
  errors,
  values,
  busy,
}: {
  round: RoundFormRound | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
}) {
  const t = useT();
  const v = initialValues(round, values);
  // A new key per round (and per refused post) so defaultValues are re-applied.
  const formKey = `${round?.id ?? "new"}:${values ? JSON.stringify(values) : ""}`;
  return (
    <Form method="post" noValidate key={formKey}>
      <input type="hidden" name="intent" value={round ? "update" : "create"} />
      {round ? <input type="hidden" name="roundId" value={round.id} /> : null}
      <TextField name="name" label={t("assignment.round.name")} errors={errors} defaultValue={v.name} required maxLength={120} />
      <div className="form-row">
        <SelectField
          name="kind"
          label={t("assignment.round.kind")}
          errors={errors}
          defaultValue={v.kind}
          options={ROUND_KINDS.map((k) => ({ value: k, label: t(`assignment.kind.${k}` as MessageKey) }))}
        />
        <SelectField
          name="poolRole"
          label={t("assignment.round.pool")}
          hint={t("assignment.round.poolHint")}
          errors={errors}
          defaultValue={v.poolRole}
          options={POOL_ROLES.map((r) => ({ value: r, label: t(`assignment.pool.${r}` as MessageKey) }))}
        />
        <TextField
          name="k"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_K}
          label={t("assignment.round.k")}
          hint={t("assignment.round.kHint", { max: MAX_K })}
          errors={errors}
          defaultValue={v.k}
          required
        />
      </div>
      <div className="form-row">
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t("assignment.round.startsAt")}
          hint={t("assignment.round.wibHint")}
          errors={errors}
          defaultValue={v.startsAt}
        />
        <TextField
          name="endsAt"
          type="datetime-local"
          label={t("assignment.round.endsAt")}
          hint={t("assignment.round.wibHint")}
          errors={errors}
          defaultValue={v.endsAt}
        />
      </div>
      <div className="field">
        <span className="checkbox">
          <input
            type="checkbox"
            id="spreadAffiliations"
            name="spreadAffiliations"
            defaultChecked={v.spreadAffiliations !== ""}
            aria-describedby="spreadAffiliations-hint"
          />
          <label htmlFor="spreadAffiliations">{t("assignment.round.spread")}</label>
        </span>
        <span className="hint" id="spreadAffiliations-hint">
          {t("assignment.round.spreadHint")}
        </span>
      </div>
      <TextField
        name="seed"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SEED}
        label={t("assignment.round.seed")}
        hint={t("assignment.round.seedHint")}
        errors={errors}
        defaultValue={v.seed}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {round ? t("common.save") : t("assignment.round.create")}
        </button>
      </div>
    </Form>
  );
}
