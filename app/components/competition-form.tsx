import { Form, Link, useNavigation } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/ui/form";
import { STAGES } from "~/domain/roles";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { stageField, type StageEdge } from "~/schemas/competition";

/**
 * The competition form (new and edit): the fields, then a table with one row
 * per stage and a WIB start and end for each. `values` are the form's string
 * values: what was typed (after a failed submit) or the stored competition.
 */
export function CompetitionForm({
  values,
  errors,
  submitLabel,
  cancelTo,
}: {
  values: Record<string, string>;
  errors?: FieldErrors;
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const edges: { edge: StageEdge; label: MessageKey; header: MessageKey }[] = [
    { edge: "start", label: "competition.startsAt", header: "competition.startsAtWib" },
    { edge: "end", label: "competition.endsAt", header: "competition.endsAtWib" },
  ];
  return (
    <div className="card">
      <FormErrors errors={errors} />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="name"
          label={t("competition.name")}
          defaultValue={values.name ?? ""}
          errors={errors}
          maxLength={120}
          required
        />
        <div className="form-row">
          <TextField
            name="year"
            type="number"
            label={t("competition.year")}
            defaultValue={values.year ?? ""}
            errors={errors}
            min={2000}
            max={2100}
            inputMode="numeric"
            required
          />
          <TextField
            name="slug"
            label={t("competition.slug")}
            hint={t("competition.slugHint")}
            defaultValue={values.slug ?? ""}
            errors={errors}
            maxLength={60}
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </div>
        <TextField
          name="theme"
          label={t("competition.theme")}
          defaultValue={values.theme ?? ""}
          errors={errors}
          maxLength={300}
        />
        <TextAreaField
          name="description"
          label={t("competition.description")}
          defaultValue={values.description ?? ""}
          errors={errors}
          maxLength={5000}
          rows={6}
        />

        <fieldset>
          <legend>{t("competition.timeline")}</legend>
          <p className="hint muted small" id="timeline-hint">
            {t("competition.timelineHint")}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("competition.stage")}</th>
                  {edges.map((e) => (
                    <th scope="col" key={e.edge}>
                      {t(e.header)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {STAGES.map((stage) => (
                  <tr key={stage}>
                    <th scope="row">{t(`stage.${stage}`)}</th>
                    {edges.map((e) => {
                      const name = stageField(stage, e.edge);
                      const errorKey = errors?.[name];
                      return (
                        <td key={e.edge}>
                          <div className="field">
                            <input
                              type="datetime-local"
                              id={name}
                              name={name}
                              defaultValue={values[name] ?? ""}
                              aria-label={t("competition.stageInput", { stage: t(`stage.${stage}`), edge: t(e.label) })}
                              aria-invalid={errorKey ? true : undefined}
                              aria-describedby={errorKey ? `${name}-error timeline-hint` : "timeline-hint"}
                            />
                            {errorKey ? (
                              <span className="error" id={`${name}-error`} role="alert">
                                {t(errorKey)}
                              </span>
                            ) : null}
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>

        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {submitLabel}
          </button>
          <Link to={cancelTo}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
