import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes } from "react";
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { Group } from "~/domain/edition";
import { FILE_KINDS } from "~/domain/edition-presets";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { DeleteGroupSchema, GroupFormSchema, groupSpec, rowsFromForm, type RowValues } from "~/schemas/settings";
import { deleteGroup, getGroupPage, updateGroup } from "~/services/settings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.group.nameId} · Pengaturan ${data.competition.name} · Sayembara` : "Kelompok · Sayembara",
  },
];

const NOTICES = ["created", "saved"] as const;
type Notice = (typeof NOTICES)[number];

function groupValues(g: Group): Record<string, string> {
  return {
    key: g.key,
    nameId: g.nameId,
    nameEn: g.nameEn,
    descriptionId: g.descriptionId,
    descriptionEn: g.descriptionEn,
    minAgeMonths: String(g.minAgeMonths),
    quotaPerAgency: g.quotaPerAgency === null ? "" : String(g.quotaPerAgency),
    ...(g.requiresSources ? { requiresSources: "on" } : {}),
    ...(g.videoRequired ? { videoRequired: "on" } : {}),
  };
}

/** Stored rows in the shape the form posts; rowId keeps React's row identity across moves. */
function sectionRows(g: Group): RowValues[] {
  return g.sections.map((s) => ({
    rowId: s.key,
    key: s.key,
    titleId: s.titleId,
    titleEn: s.titleEn,
    guidanceId: s.guidanceId,
    guidanceEn: s.guidanceEn,
    wordLimit: s.wordLimit === null ? "" : String(s.wordLimit),
    required: s.required ? "on" : "",
  }));
}

function slotRows(g: Group): RowValues[] {
  return g.slots.map((s) => ({
    rowId: s.key,
    key: s.key,
    labelId: s.labelId,
    labelEn: s.labelEn,
    types: s.acceptedTypes,
    maxSizeMb: String(s.maxSizeMb),
    required: s.required ? "on" : "",
  }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getGroupPage(getDb(), actor, params.slug ?? "", params.key ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({
    ...page,
    values: groupValues(page.group),
    sections: sectionRows(page.group),
    slots: slotRows(page.group),
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
  });
}

const ROW_INTENT = /^(sections|slots)\.(add|delete|up|down)(?:\.(\d{1,3}))?$/;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition, group } = await getGroupPage(db, actor, params.slug ?? "", params.key ?? "");
  const settingsUrl = `/competitions/${competition.slug}/settings`;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");

  if (intent === "delete") {
    const parsed = parseForm(DeleteGroupSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed, sections: null, slots: null }, 400);
    const result = await deleteGroup(db, actor, competition.id, group.id);
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values), sections: null, slots: null }, 400);
    return redirect(`${settingsUrl}?notice=groupDeleted#groups-heading`);
  }

  // The group form: rows are edited on the server so the page works without
  // JavaScript; nothing is stored until "save".
  const values = formValues(form);
  const sections = rowsFromForm(form, "sections");
  const slots = rowsFromForm(form, "slots");
  const m = ROW_INTENT.exec(intent);
  if (m) {
    const [, table, op, index] = m;
    const rows = table === "sections" ? sections : slots;
    const i = Number(index ?? -1);
    if (op === "add") {
      rows.push(
        table === "sections"
          ? { rowId: `new-${crypto.randomUUID()}`, key: "", titleId: "", titleEn: "", guidanceId: "", guidanceEn: "", wordLimit: "", required: "on" }
          : { rowId: `new-${crypto.randomUUID()}`, key: "", labelId: "", labelEn: "", types: ["pdf"], maxSizeMb: "10", required: "" },
      );
    } else if (op === "delete" && i >= 0 && i < rows.length) {
      rows.splice(i, 1);
    } else if ((op === "up" || op === "down") && i >= 0 && i < rows.length) {
      const j = op === "up" ? i - 1 : i + 1;
      if (j >= 0 && j < rows.length) [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    return json({ intent: "edit", errors: {} as FieldErrors, values, sections, slots, unsaved: true });
  }
  if (intent !== "save") throw new Response("Bad Request", { status: 400 });

  const parsed = parseForm(GroupFormSchema, form);
  if (!parsed.ok) return json({ intent: "edit", errors: parsed.errors, values, sections, slots, unsaved: true }, 400);
  const result = await updateGroup(db, actor, competition.id, group.id, groupSpec(parsed.data));
  if (!result.ok) return json({ intent: "edit", errors: result.errors, values, sections, slots, unsaved: true }, 400);
  return redirect(`${settingsUrl}/groups/${result.key}?notice=saved`);
}

function Check({ id, name, value, label, defaultChecked }: { id: string; name: string; value?: string; label: string; defaultChecked: boolean }) {
  return (
    <span style={{ display: "inline-flex", gap: "0.35rem", alignItems: "center", marginRight: "0.75rem" }}>
      <input type="checkbox" id={id} name={name} value={value ?? "on"} defaultChecked={defaultChecked} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

/** One input of a table row, labelled for screen readers, with its error under it. */
function CellInput({
  name,
  label,
  value,
  errors,
  multiline,
  ...rest
}: {
  name: string;
  label: string;
  value: string;
  errors?: FieldErrors;
  multiline?: boolean;
} & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const key = errors?.[name];
  const error = key ? t(key) : undefined;
  const common = {
    id: name,
    name,
    "aria-label": label,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${name}-error` : undefined,
    defaultValue: value,
  };
  return (
    <div style={{ marginBottom: "0.35rem" }}>
      {multiline ? (
        <textarea {...common} rows={3} maxLength={2000} style={{ minHeight: "4rem" }} lang={rest.lang} />
      ) : (
        <input type="text" {...common} {...rest} />
      )}
      {error ? (
        <span className="error small" id={`${name}-error`} role="alert" style={{ color: "var(--c-danger)", fontWeight: 600 }}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function RowButtons({
  table,
  index,
  count,
  canDelete,
  busy,
  what,
}: {
  table: "sections" | "slots";
  index: number;
  count: number;
  canDelete: boolean;
  busy: boolean;
  what: string;
}) {
  const t = useT();
  const n = index + 1;
  return (
    <div style={{ display: "flex", gap: "0.35rem", flexWrap: "wrap" }}>
      <button
        type="submit"
        name="intent"
        value={`${table}.up.${index}`}
        className="button-quiet"
        disabled={busy || index === 0}
        aria-label={t("settings.row.upLabel", { what, n })}
      >
        {t("settings.row.up")}
      </button>
      <button
        type="submit"
        name="intent"
        value={`${table}.down.${index}`}
        className="button-quiet"
        disabled={busy || index === count - 1}
        aria-label={t("settings.row.downLabel", { what, n })}
      >
        {t("settings.row.down")}
      </button>
      {canDelete ? (
        <button
          type="submit"
          name="intent"
          value={`${table}.delete.${index}`}
          className="button-quiet"
          disabled={busy}
          aria-label={t("settings.row.deleteLabel", { what, n })}
        >
          {t("settings.row.delete")}
        </button>
      ) : (
        <span className="badge badge-muted" title={t("settings.row.inUseHint")}>
          {t("settings.row.inUse")}
        </span>
      )}
    </div>
  );
}

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []);

export default function GroupSettings() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const settingsUrl = `/competitions/${c.slug}/settings`;

  const editing = data && "unsaved" in data ? data : null;
  const deleting = data && !("unsaved" in data) ? data : null;
  const errors = editing?.errors;
  const values = editing?.values ?? d.values;
  const sections = editing?.sections ?? d.sections;
  const slots = editing?.slots ?? d.slots;
  const lockedSections = new Set(d.lockedSectionKeys);
  const lockedSlots = new Set(d.lockedSlotKeys);
  const name = locale === "en" ? d.group.nameEn : d.group.nameId;
  const sectionWord = t("settings.sections.one");
  const slotWord = t("settings.slots.one");

  return (
    <>
      <PageHeader
        title={name}
        lead={t("settings.group.lead", { competition: c.name })}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={settingsUrl}>{t("settings.title")}</Link>
          </>
        }
      />
      {d.notice ? <Alert kind="success">{t(`settings.group.notice.${d.notice}` as MessageKey)}</Alert> : null}
      {editing?.unsaved && !errors?._form && Object.keys(errors ?? {}).length === 0 ? (
        <Alert kind="warn">{t("settings.group.unsaved")}</Alert>
      ) : null}
      {d.proposalCount > 0 ? <Alert kind="info">{t("settings.group.hasProposals", { count: d.proposalCount })}</Alert> : null}
      <FormErrors errors={errors} />

      <Form method="post" noValidate>
        {/* Enter in a text box saves, instead of pressing the first row button. */}
        <button
          type="submit"
          name="intent"
          value="save"
          tabIndex={-1}
          aria-hidden="true"
          style={{ position: "absolute", left: "-9999px", width: 1, height: 1, overflow: "hidden" }}
        >
          {t("common.save")}
        </button>

        <section className="card" aria-labelledby="group-heading">
          <h2 id="group-heading">{t("settings.group.fields")}</h2>
          <div className="form-row">
            <TextField
              name="key"
              label={t("settings.field.key")}
              hint={t("settings.field.keyHint")}
              defaultValue={values.key ?? ""}
              errors={errors}
              maxLength={40}
              autoComplete="off"
              required
            />
            <TextField name="nameId" label={t("settings.field.nameId")} defaultValue={values.nameId ?? ""} errors={errors} maxLength={120} lang="id" required />
            <TextField name="nameEn" label={t("settings.field.nameEn")} defaultValue={values.nameEn ?? ""} errors={errors} maxLength={120} lang="en" required />
          </div>
          <div className="form-row" style={{ marginTop: "1rem" }}>
            <TextAreaField
              name="descriptionId"
              label={t("settings.field.descriptionId")}
              defaultValue={values.descriptionId ?? ""}
              errors={errors}
              maxLength={1000}
              lang="id"
            />
            <TextAreaField
              name="descriptionEn"
              label={t("settings.field.descriptionEn")}
              defaultValue={values.descriptionEn ?? ""}
              errors={errors}
              maxLength={1000}
              lang="en"
            />
          </div>
          <div className="form-row" style={{ marginTop: "1rem" }}>
            <TextField
              name="minAgeMonths"
              type="number"
              min={0}
              max={600}
              label={t("settings.field.minAge")}
              hint={t("settings.field.minAgeHint")}
              defaultValue={values.minAgeMonths ?? ""}
              errors={errors}
              required
            />
            <TextField
              name="quotaPerAgency"
              type="number"
              min={1}
              max={1000}
              label={t("settings.field.quota")}
              hint={t("settings.field.quotaHint")}
              defaultValue={values.quotaPerAgency ?? ""}
              errors={errors}
            />
          </div>
          <div className="field" style={{ marginTop: "1rem" }}>
            <Check id="requiresSources" name="requiresSources" label={t("settings.field.requiresSources")} defaultChecked={Boolean(values.requiresSources)} />
            <Check id="videoRequired" name="videoRequired" label={t("settings.field.videoRequired")} defaultChecked={Boolean(values.videoRequired)} />
          </div>
        </section>

        <section className="card" aria-labelledby="sections-heading">
          <h2 id="sections-heading">{t("settings.sections.title")}</h2>
          <p className="muted small">{t("settings.sections.lead")}</p>
          {sections.length === 0 ? <p className="empty">{t("settings.sections.empty")}</p> : null}
          {sections.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t("settings.field.key")}</th>
                    <th scope="col">{t("settings.sections.col.title")}</th>
                    <th scope="col">{t("settings.sections.col.guidance")}</th>
                    <th scope="col">{t("settings.sections.col.limit")}</th>
                    <th scope="col">{t("settings.col.required")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {sections.map((row, i) => {
                    const p = `sections.${i}`;
                    const n = i + 1;
                    const rowId = str(row.rowId);
                    const locked = lockedSections.has(rowId);
                    return (
                      <tr key={rowId || i}>
                        <th scope="row">
                          {n}
                          <input type="hidden" name={`${p}.rowId`} value={rowId} />
                        </th>
                        <td style={{ minWidth: "9rem" }}>
                          <CellInput
                            name={`${p}.key`}
                            label={t("settings.row.field", { field: t("settings.field.key"), what: sectionWord, n })}
                            value={str(row.key)}
                            errors={errors}
                            maxLength={40}
                            readOnly={locked}
                            autoComplete="off"
                          />
                        </td>
                        <td style={{ minWidth: "12rem" }}>
                          <CellInput
                            name={`${p}.titleId`}
                            label={t("settings.row.field", { field: t("settings.field.titleId"), what: sectionWord, n })}
                            value={str(row.titleId)}
                            errors={errors}
                            maxLength={200}
                            lang="id"
                            placeholder="ID"
                          />
                          <CellInput
                            name={`${p}.titleEn`}
                            label={t("settings.row.field", { field: t("settings.field.titleEn"), what: sectionWord, n })}
                            value={str(row.titleEn)}
                            errors={errors}
                            maxLength={200}
                            lang="en"
                            placeholder="EN"
                          />
                        </td>
                        <td style={{ minWidth: "16rem" }}>
                          <CellInput
                            name={`${p}.guidanceId`}
                            label={t("settings.row.field", { field: t("settings.field.guidanceId"), what: sectionWord, n })}
                            value={str(row.guidanceId)}
                            errors={errors}
                            multiline
                            lang="id"
                          />
                          <CellInput
                            name={`${p}.guidanceEn`}
                            label={t("settings.row.field", { field: t("settings.field.guidanceEn"), what: sectionWord, n })}
                            value={str(row.guidanceEn)}
                            errors={errors}
                            multiline
                            lang="en"
                          />
                        </td>
                        <td style={{ minWidth: "6rem" }}>
                          <CellInput
                            name={`${p}.wordLimit`}
                            label={t("settings.row.field", { field: t("settings.sections.col.limit"), what: sectionWord, n })}
                            value={str(row.wordLimit)}
                            errors={errors}
                            inputMode="numeric"
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            name={`${p}.required`}
                            defaultChecked={Boolean(str(row.required))}
                            aria-label={t("settings.row.field", { field: t("settings.col.required"), what: sectionWord, n })}
                          />
                        </td>
                        <td>
                          <RowButtons table="sections" index={i} count={sections.length} canDelete={!locked} busy={busy} what={sectionWord} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" name="intent" value="sections.add" className="button button-secondary" disabled={busy}>
              {t("settings.sections.add")}
            </button>
          </div>
        </section>

        <section className="card" aria-labelledby="slots-heading">
          <h2 id="slots-heading">{t("settings.slots.title")}</h2>
          <p className="muted small">{t("settings.slots.lead")}</p>
          {slots.length === 0 ? <p className="empty">{t("settings.slots.empty")}</p> : null}
          {slots.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t("settings.field.key")}</th>
                    <th scope="col">{t("settings.slots.col.label")}</th>
                    <th scope="col">{t("settings.slots.col.types")}</th>
                    <th scope="col">{t("settings.slots.col.maxSize")}</th>
                    <th scope="col">{t("settings.col.required")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {slots.map((row, i) => {
                    const p = `slots.${i}`;
                    const n = i + 1;
                    const rowId = str(row.rowId);
                    const locked = lockedSlots.has(rowId);
                    const types = new Set(list(row.types));
                    const typesError = errors?.[`${p}.types`];
                    return (
                      <tr key={rowId || i}>
                        <th scope="row">
                          {n}
                          <input type="hidden" name={`${p}.rowId`} value={rowId} />
                        </th>
                        <td style={{ minWidth: "9rem" }}>
                          <CellInput
                            name={`${p}.key`}
                            label={t("settings.row.field", { field: t("settings.field.key"), what: slotWord, n })}
                            value={str(row.key)}
                            errors={errors}
                            maxLength={40}
                            readOnly={locked}
                            autoComplete="off"
                          />
                        </td>
                        <td style={{ minWidth: "14rem" }}>
                          <CellInput
                            name={`${p}.labelId`}
                            label={t("settings.row.field", { field: t("settings.field.labelId"), what: slotWord, n })}
                            value={str(row.labelId)}
                            errors={errors}
                            maxLength={200}
                            lang="id"
                            placeholder="ID"
                          />
                          <CellInput
                            name={`${p}.labelEn`}
                            label={t("settings.row.field", { field: t("settings.field.labelEn"), what: slotWord, n })}
                            value={str(row.labelEn)}
                            errors={errors}
                            maxLength={200}
                            lang="en"
                            placeholder="EN"
                          />
                        </td>
                        <td>
                          <fieldset style={{ border: "none", padding: 0 }} aria-describedby={typesError ? `${p}.types-error` : undefined}>
                            <legend style={{ position: "absolute", left: "-9999px" }}>
                              {t("settings.row.field", { field: t("settings.slots.col.types"), what: slotWord, n })}
                            </legend>
                            {FILE_KINDS.map((k) => (
                              <Check key={k} id={`${p}.types.${k}`} name={`${p}.types`} value={k} label={t(`settings.fileKind.${k}` as MessageKey)} defaultChecked={types.has(k)} />
                            ))}
                          </fieldset>
                          {typesError ? (
                            <span id={`${p}.types-error`} role="alert" className="small" style={{ color: "var(--c-danger)", fontWeight: 600 }}>
                              {t(typesError)}
                            </span>
                          ) : null}
                        </td>
                        <td style={{ minWidth: "5rem" }}>
                          <CellInput
                            name={`${p}.maxSizeMb`}
                            label={t("settings.row.field", { field: t("settings.slots.col.maxSize"), what: slotWord, n })}
                            value={str(row.maxSizeMb)}
                            errors={errors}
                            inputMode="numeric"
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            name={`${p}.required`}
                            defaultChecked={Boolean(str(row.required))}
                            aria-label={t("settings.row.field", { field: t("settings.col.required"), what: slotWord, n })}
                          />
                        </td>
                        <td>
                          <RowButtons table="slots" index={i} count={slots.length} canDelete={!locked} busy={busy} what={slotWord} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" name="intent" value="slots.add" className="button button-secondary" disabled={busy}>
              {t("settings.slots.add")}
            </button>
          </div>
        </section>

        <div className="actions">
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {t("settings.group.save")}
          </button>
          <Link to={settingsUrl} className="button button-secondary">
            {t("common.back")}
          </Link>
        </div>
      </Form>

      {d.proposalCount === 0 ? (
        <section className="card" aria-labelledby="delete-heading" style={{ marginTop: "2rem" }}>
          <h2 id="delete-heading">{t("settings.group.delete")}</h2>
          <p className="muted">{t("settings.group.deleteLead")}</p>
          <FormErrors errors={deleting?.errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <div className="field">
              <Check id="confirm" name="confirm" label={t("settings.group.deleteConfirm", { name })} defaultChecked={false} />
              {deleting?.errors?.confirm ? (
                <span className="error" id="confirm-error" role="alert">
                  {t(deleting.errors.confirm)}
                </span>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="button button-danger" disabled={busy}>
                {t("settings.group.deleteSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
