import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { CategoriesSchema, categoryInputs, rowsFromForm, type RowValues } from "~/schemas/settings";
import { getCategoriesPage, saveCategories } from "~/services/settings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kategori · Pengaturan ${data.competition.name} · Sayembara` : "Kategori · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getCategoriesPage(getDb(), actor, params.slug ?? "");
  const rows: RowValues[] = page.categories.map((c) => ({ rowId: c.id, id: c.id, key: c.key, nameId: c.nameId, nameEn: c.nameEn }));
  const saved = new URL(request.url).searchParams.get("notice") === "saved";
  return json({ ...page, rows, saved });
}

const ROW_INTENT = /^categories\.(add|delete|up|down)(?:\.(\d{1,3}))?$/;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition } = await getCategoriesPage(db, actor, params.slug ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  const rows = rowsFromForm(form, "categories");

  // Rows are edited on the server so the table works without JavaScript; nothing is stored until "save".
  const m = ROW_INTENT.exec(intent);
  if (m) {
    const [, op, index] = m;
    const i = Number(index ?? -1);
    if (op === "add") rows.push({ rowId: `new-${crypto.randomUUID()}`, id: "", key: "", nameId: "", nameEn: "" });
    else if (op === "delete" && i >= 0 && i < rows.length) rows.splice(i, 1);
    else if ((op === "up" || op === "down") && i >= 0 && i < rows.length) {
      const j = op === "up" ? i - 1 : i + 1;
      if (j >= 0 && j < rows.length) [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    return json({ errors: {} as FieldErrors, rows, unsaved: true });
  }
  if (intent !== "save") throw new Response("Bad Request", { status: 400 });

  const parsed = parseForm(CategoriesSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, rows, unsaved: true }, 400);
  const result = await saveCategories(db, actor, competition.id, categoryInputs(parsed.data));
  if (!result.ok) return json({ errors: result.errors, rows, unsaved: true }, 400);
  return redirect(`/competitions/${competition.slug}/settings/categories?notice=saved`);
}

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default function CategorySettings() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const settingsUrl = `/competitions/${c.slug}/settings`;
  const errors = data?.errors;
  const rows = data?.rows ?? d.rows;
  const usage = new Map(d.categories.map((k) => [k.id, k.proposalCount]));
  const what = t("settings.categories.one");

  const cell = (name: string, label: string, value: string, extra: { lang?: string; maxLength: number }) => {
    const key = errors?.[name];
    return (
      <>
        <input
          type="text"
          id={name}
          name={name}
          defaultValue={value}
          aria-label={label}
          aria-invalid={key ? true : undefined}
          aria-describedby={key ? `${name}-error` : undefined}
          autoComplete="off"
          {...extra}
        />
        {key ? (
          <span id={`${name}-error`} role="alert" className="small" style={{ color: "var(--c-danger)", fontWeight: 600 }}>
            {t(key)}
          </span>
        ) : null}
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t("settings.categories.title")}
        lead={c.name}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={settingsUrl}>{t("settings.title")}</Link>
          </>
        }
      />
      {d.saved && !data ? <Alert kind="success">{t("settings.categories.saved")}</Alert> : null}
      {data?.unsaved && Object.keys(data.errors).length === 0 ? <Alert kind="warn">{t("settings.group.unsaved")}</Alert> : null}
      <FormErrors errors={errors} />
      <p className="muted">{t("settings.categories.lead")}</p>

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
        {rows.length === 0 ? (
          <p className="empty">{t("settings.categories.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("settings.field.key")}</th>
                  <th scope="col">{t("settings.field.nameId")}</th>
                  <th scope="col">{t("settings.field.nameEn")}</th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.proposals")}
                  </th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => {
                  const p = `categories.${i}`;
                  const n = i + 1;
                  const id = str(row.id);
                  const used = usage.get(id) ?? 0;
                  return (
                    <tr key={str(row.rowId) || i}>
                      <th scope="row">
                        {n}
                        <input type="hidden" name={`${p}.rowId`} value={str(row.rowId)} />
                        <input type="hidden" name={`${p}.id`} value={id} />
                      </th>
                      <td>{cell(`${p}.key`, t("settings.row.field", { field: t("settings.field.key"), what, n }), str(row.key), { maxLength: 40 })}</td>
                      <td>
                        {cell(`${p}.nameId`, t("settings.row.field", { field: t("settings.field.nameId"), what, n }), str(row.nameId), {
                          lang: "id",
                          maxLength: 200,
                        })}
                      </td>
                      <td>
                        {cell(`${p}.nameEn`, t("settings.row.field", { field: t("settings.field.nameEn"), what, n }), str(row.nameEn), {
                          lang: "en",
                          maxLength: 200,
                        })}
                      </td>
                      <td className="num">{used}</td>
                      <td>
                        <div style={{ display: "flex", gap: "0.35rem", flexWrap: "wrap" }}>
                          <button
                            type="submit"
                            name="intent"
                            value={`categories.up.${i}`}
                            className="button-quiet"
                            disabled={busy || i === 0}
                            aria-label={t("settings.row.upLabel", { what, n })}
                          >
                            {t("settings.row.up")}
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value={`categories.down.${i}`}
                            className="button-quiet"
                            disabled={busy || i === rows.length - 1}
                            aria-label={t("settings.row.downLabel", { what, n })}
                          >
                            {t("settings.row.down")}
                          </button>
                          {used === 0 ? (
                            <button
                              type="submit"
                              name="intent"
                              value={`categories.delete.${i}`}
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
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="actions">
          <button type="submit" name="intent" value="categories.add" className="button button-secondary" disabled={busy}>
            {t("settings.categories.add")}
          </button>
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {t("settings.categories.save")}
          </button>
          <Link to={settingsUrl} className="button button-secondary">
            {t("common.back")}
          </Link>
        </div>
      </Form>
    </>
  );
}
