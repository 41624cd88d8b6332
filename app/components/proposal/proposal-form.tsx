import { Form } from "@remix-run/react";
import { AutosaveStatus, type AutosaveMessages } from "~/components/ui/autosave-status";
import { formBody, postForm, useFormAutosave } from "~/components/ui/autosave";
import { useRef, useState, type RefObject } from "react";
import { ProposalFiles } from "~/components/proposal-files";
import { SelectField, TextAreaField, TextField } from "~/components/ui/form";
import type { Category, Group } from "~/domain/edition";
import type { Problem } from "~/domain/proposal-rules";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { answerField } from "~/schemas/proposal";
import { Checklist } from "./checklist";
import { SourceLine, type DocumentSource } from "./print-layout";
import type { ProposalFileItem } from "~/components/proposal-files";
import { named } from "./text";
import { SectionField } from "./word-counter";

export interface SourceCandidate {
  id: string;
  number: string;
  title: string;
  agency_name: string;
  competition_name: string;
}

type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; savedAt: string }
  | { kind: "conflict" }
  | { kind: "closed" }
  | { kind: "not_editable" }
  | { kind: "invalid" }
  | { kind: "error" };

const AUTOSAVE_DELAY_MS = 2000;

/**
 * Autosave while typing: 2 s after the last change the whole form is posted
 * to the autosave resource route with the version it was loaded at. A saved
 * answer moves the form's version on; a conflict (or a closed window) stops
 * autosaving, so nothing is overwritten silently: the Save button then shows
 * both versions. Without JavaScript none of this runs and Save does the work.
 */
function useAutosave(
  formRef: RefObject<HTMLFormElement>,
  url: string,
  enabled: boolean,
  onSaved: (version: number, problems: Problem[]) => void,
) {
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  return useFormAutosave<AutosaveState>(formRef, {
    enabled,
    delayMs: AUTOSAVE_DELAY_MS,
    // The source search and external-source boxes are not part of the proposal.
    ignore: "[data-no-autosave]",
    deps: [url],
    async send(form) {
      const data = await postForm<
        { ok: true; version: number; savedAt: string; problems: Problem[] } | { ok: false; conflict?: boolean; error?: string }
      >(url, formBody(form));
      if (data.ok) {
        onSavedRef.current(data.version, data.problems);
        return { state: { kind: "saved", savedAt: data.savedAt } };
      }
      if (data.conflict) return { state: { kind: "conflict" }, stop: true };
      if (data.error === "closed" || data.error === "not_open") return { state: { kind: "closed" }, stop: true };
      if (data.error === "not_editable") return { state: { kind: "not_editable" }, stop: true };
      return { state: { kind: "invalid" }, stop: true };
    },
  }) as AutosaveState;
}

const AUTOSAVE_MESSAGES: AutosaveMessages = {
  saving: { key: "proposal.autosave.saving" },
  saved: { key: "proposal.autosave.saved" },
  conflict: { key: "proposal.autosave.conflict", tone: "warn" },
  closed: { key: "proposal.autosave.closed", tone: "error" },
  not_editable: { key: "proposal.autosave.notEditable", tone: "error" },
  invalid: { key: "proposal.autosave.invalid", tone: "warn" },
  error: { key: "proposal.autosave.error", tone: "warn" },
};

/**
 * The proposal form: header fields, the group's sections (word counters and
 * guidance), attachments, Replikasi sources, declaration, and the buttons.
 * Every button posts the whole form, so whatever was typed is saved before
 * any other step (search, add or remove a source, submit).
 */
export function ProposalForm({
  number,
  version,
  values,
  errors,
  group,
  categories,
  problems: initialProblems,
  files,
  sources,
  search,
  maySubmit,
  locked,
  autosave,
}: {
  number: string;
  version: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  group: Group;
  categories: Category[];
  problems: Problem[];
  files: ProposalFileItem[];
  sources: DocumentSource[];
  search: { q: string; results: SourceCandidate[] | null } | null;
  maySubmit: boolean;
  /** Nothing can be saved now (window closed, status changed): fields stay for copying, buttons go. */
  locked: boolean;
  autosave: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState(initialProblems);
  // The version this form saves on: moved on by each autosave (the Save button posts it).
  const [currentVersion, setCurrentVersion] = useState(version);
  const state = useAutosave(formRef, `/api/proposals/${encodeURIComponent(number)}/autosave`, autosave && !locked, (v, p) => {
    setCurrentVersion(v);
    setProblems(p);
  });
  const v = (k: string) => values[k] ?? "";

  return (
    <>
      <Checklist problems={problems} group={group} />
      <Form method="post" id="proposal-form" ref={formRef} className="stack" noValidate>
        <input type="hidden" name="version" value={String(currentVersion)} />
        {locked ? null : (
          // Enter in a text field saves (the form's default button), never removes a source.
          <button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden="true" className="visually-hidden-button">
            {t("common.save")}
          </button>
        )}

        <fieldset className="card proposal-fieldset">
          <legend>{t("proposal.form.header")}</legend>
          <TextField name="title" label={t("proposal.field.title")} defaultValue={v("title")} errors={errors} maxLength={300} />
          <SelectField
            name="categoryId"
            label={t("proposal.field.category")}
            defaultValue={v("categoryId")}
            errors={errors}
            placeholder={t("proposal.form.chooseCategory")}
            options={categories.map((c) => ({ value: c.id, label: named(c, locale) }))}
          />
          <TextField name="serviceUnit" label={t("proposal.field.serviceUnit")} hint={t("proposal.hint.serviceUnit")} defaultValue={v("serviceUnit")} errors={errors} maxLength={300} />
          <div className="field">
            <fieldset id="innovatorKind">
              <legend>{t("proposal.field.innovatorKind")}</legend>
              <label>
                <input type="radio" name="innovatorKind" value="person" defaultChecked={v("innovatorKind") !== "team"} /> {t("proposal.innovatorKind.person")}
              </label>{" "}
              <label>
                <input type="radio" name="innovatorKind" value="team" defaultChecked={v("innovatorKind") === "team"} /> {t("proposal.innovatorKind.team")}
              </label>
            </fieldset>
          </div>
          <TextAreaField name="innovatorNames" label={t("proposal.field.innovatorNames")} hint={t("proposal.hint.innovatorNames")} defaultValue={v("innovatorNames")} errors={errors} rows={3} maxLength={1000} />
          <TextField name="innovatorDecree" label={t("proposal.field.innovatorDecree")} hint={t("proposal.hint.innovatorDecree")} defaultValue={v("innovatorDecree")} errors={errors} maxLength={300} />
          <TextField
            name="startedOn"
            type="date"
            label={t("proposal.field.startedOn")}
            hint={group.minAgeMonths > 0 ? t("proposal.hint.startedOn", { months: group.minAgeMonths }) : undefined}
            defaultValue={v("startedOn")}
            errors={errors}
          />
          <div className="form-row">
            <TextField name="contactName" label={t("proposal.field.contactName")} defaultValue={v("contactName")} errors={errors} maxLength={200} autoComplete="off" />
            <TextField name="contactEmail" type="email" label={t("proposal.field.contactEmail")} defaultValue={v("contactEmail")} errors={errors} maxLength={254} autoComplete="off" />
          </div>
          <TextField name="contactPhone" inputMode="tel" label={t("proposal.field.contactPhone")} defaultValue={v("contactPhone")} errors={errors} maxLength={40} autoComplete="off" />
          <TextField
            name="videoUrl"
            inputMode="url"
            label={t("proposal.field.videoUrl")}
            hint={group.videoRequired ? t("proposal.hint.videoRequired") : t("proposal.hint.video")}
            defaultValue={v("videoUrl")}
            errors={errors}
            maxLength={500}
          />
        </fieldset>

        <fieldset className="card proposal-fieldset">
          <legend>{t("proposal.form.sections")}</legend>
          {group.sections.map((s) => (
            <SectionField key={s.key} section={s} defaultValue={v(answerField(s.key))} error={errors?.[answerField(s.key)]} />
          ))}
        </fieldset>

        {group.requiresSources ? (
          <SourcesEditor sources={sources} search={search} errors={errors} values={values} locked={locked} />
        ) : null}

        <section className="card" aria-labelledby="declaration-heading">
          <h2 id="declaration-heading">{t("proposal.field.declaration")}</h2>
          <div className="field">
            <label>
              <input type="checkbox" id="declaration" name="declaration" defaultChecked={v("declaration") === "on"} /> {t("proposal.declaration.text")}
            </label>
          </div>
        </section>

      </Form>

      {/* Uploads are forms of their own (multipart), so they sit outside the proposal form. */}
      <section className="card" id="files" aria-labelledby="files-heading">
        <h2 id="files-heading">{t("proposal.files.title")}</h2>
        {group.slots.length === 0 ? <p className="muted">{t("proposal.files.none")}</p> : null}
        {group.slots.length > 0 && !locked ? <p className="muted small">{t("proposal.files.saveFirst")}</p> : null}
        <ProposalFiles number={number} slots={group.slots} files={files} canEdit={!locked} redirectTo={`/proposals/${number}`} />
      </section>

      {locked ? null : (
        <div className="card proposal-actions">
          <button type="submit" form="proposal-form" name="intent" value="save" className="button">
            {t("common.save")}
          </button>
          {maySubmit ? (
            <button type="submit" form="proposal-form" name="intent" value="submit" className="button button-secondary">
              {t("proposal.submit.button")}
            </button>
          ) : null}
          <AutosaveStatus state={state} messages={AUTOSAVE_MESSAGES} />
        </div>
      )}
    </>
  );
}

function SourcesEditor({
  sources,
  search,
  errors,
  values,
  locked,
}: {
  sources: DocumentSource[];
  search: { q: string; results: SourceCandidate[] | null } | null;
  errors?: FieldErrors;
  values: Record<string, string>;
  locked: boolean;
}) {
  const t = useT();
  const taken = new Set(sources.map((s) => s.number).filter(Boolean));
  return (
    <section className="card" id="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t("proposal.sources.title")}</h2>
      <p className="muted small">{t("proposal.sources.lead")}</p>
      {sources.length === 0 ? (
        <p className="muted">{t("proposal.sources.empty")}</p>
      ) : (
        <ol>
          {sources.map((s) => (
            <li key={s.id}>
              <SourceLine s={s} />{" "}
              {locked ? null : (
                <button type="submit" name="intent" value={`removeSource:${s.id}`} className="link-button" aria-label={t("proposal.sources.removeLabel", { title: s.title })}>
                  {t("proposal.sources.remove")}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {locked ? null : (
        <div data-no-autosave="">
          <h3>{t("proposal.sources.searchTitle")}</h3>
          <div className="search-bar">
            <TextField name="q" type="search" label={t("proposal.sources.searchLabel")} defaultValue={search?.q ?? ""} />
            <button type="submit" name="intent" value="searchSources" className="button button-secondary">
              {t("common.search")}
            </button>
          </div>
          {errors?.sourceProposalId ? <p className="error">{t(errors.sourceProposalId)}</p> : null}
          {search?.results ? (
            search.results.length === 0 ? (
              <p className="muted">{t("proposal.sources.noResults")}</p>
            ) : (
              <ul>
                {search.results.map((r) => (
                  <li key={r.id}>
                    <strong>{r.title}</strong> — {r.agency_name} ({r.competition_name}, {r.number}){" "}
                    {taken.has(r.number) ? (
                      <span className="muted small">{t("proposal.sources.added")}</span>
                    ) : (
                      <button type="submit" name="intent" value={`addSource:${r.id}`} className="link-button" aria-label={t("proposal.sources.addLabel", { title: r.title })}>
                        {t("proposal.sources.add")}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )
          ) : null}
          <h3>{t("proposal.sources.externalTitle")}</h3>
          <div className="form-row">
            <TextField name="externalTitle" label={t("proposal.sources.field.title")} defaultValue={values.externalTitle ?? ""} errors={errors} maxLength={300} />
            <TextField name="externalAgency" label={t("proposal.sources.field.agency")} defaultValue={values.externalAgency ?? ""} errors={errors} maxLength={300} />
          </div>
          <TextField name="externalYear" type="number" inputMode="numeric" label={t("proposal.sources.field.year")} defaultValue={values.externalYear ?? ""} errors={errors} min={2000} max={2100} />
          <button type="submit" name="intent" value="addExternalSource" className="button button-secondary">
            {t("proposal.sources.addExternal")}
          </button>
        </div>
      )}
    </section>
  );
}
