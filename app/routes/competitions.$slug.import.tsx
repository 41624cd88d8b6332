import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { IMPORT_LIMITS } from "~/domain/csv";
import { isMessageKey, type MessageKey, type Params } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { confirmImport, getImportPage, previewImport, type ImportReport } from "~/services/imports.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Impor proposal: ${data.competition.name} · Sayembara` : "Impor proposal · Sayembara" },
];

const MB = IMPORT_LIMITS.maxBytes / (1024 * 1024);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getImportPage(getDb(), actor, params.slug ?? "");
  // The outcome of a confirmed import, carried by its redirect (display only).
  const url = new URL(request.url);
  const count = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,6}$/.test(v) ? Number(v) : null;
  };
  const number = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^[A-Za-z0-9-]{1,40}$/.test(v) ? v : "";
  };
  const created = count("created");
  const done = created === null ? null : { created, skipped: count("skipped") ?? 0, first: number("first"), last: number("last") };
  return json({ ...page, done });
}

const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  token: z.string({ required_error: "imports.expired" }).regex(/^[A-Za-z0-9_-]{43}$/, "imports.expired"),
});

/** The whole request, every part counted, stops at the size limit (plus room for the form's other fields). */
function limitedUploadHandler(maxBytes: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  let total = 0;
  return async (part) => {
    if (part.name !== "file" && part.name !== "intent") return undefined;
    async function* counted() {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > maxBytes) throw new MaxPartSizeExceededError(part.name, maxBytes);
        yield chunk;
      }
    }
    return memory({ ...part, data: counted() });
  };
}

type ActionData =
  | { kind: "preview"; report: ImportReport; token: string | null }
  | { kind: "form"; errors: FieldErrors; values: Record<string, string> }
  | { kind: "notice"; notice: "expired" | "conflict" };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  // 404 / 403 before the body is read.
  await getImportPage(db, actor, slug);

  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const tooLarge = () => json<ActionData>({ kind: "form", ...failure({ file: "imports.errors.tooLarge" }, {}) }, 413);
    const declared = Number(request.headers.get("Content-Length") ?? "0");
    if (declared > IMPORT_LIMITS.maxBytes + 64 * 1024) return tooLarge();
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, limitedUploadHandler(IMPORT_LIMITS.maxBytes + 1024));
    } catch (e) {
      if (e instanceof MaxPartSizeExceededError) return tooLarge();
      throw e;
    }
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) {
      return json<ActionData>({ kind: "form", ...failure({ file: "imports.errors.noFile" }, {}) }, 400);
    }
    const name = (file as File).name || "import.csv";
    const { report, token } = await previewImport(db, actor, slug, { name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return json<ActionData>({ kind: "preview", report, token }, report.valid ? 200 : 400);
  }

  const parsed = parseForm(ConfirmSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ kind: "notice", notice: "expired" }, 400);
  const result = await confirmImport(db, actor, slug, parsed.data.token);
  if (result.ok) {
    const q = new URLSearchParams({ created: String(result.created), skipped: String(result.skipped) });
    if (result.firstNumber && result.lastNumber) {
      q.set("first", result.firstNumber);
      q.set("last", result.lastNumber);
    }
    return redirect(`/competitions/${slug}/import?${q}`);
  }
  if (result.reason === "invalid") return json<ActionData>({ kind: "preview", report: result.report, token: null }, 400);
  return json<ActionData>({ kind: "notice", notice: result.reason }, 409);
}

function useIssueText() {
  const t = useT();
  return (code: string, params?: Params) => {
    const key = `imports.issue.${code}`;
    return isMessageKey(key) ? t(key as MessageKey, params) : code;
  };
}

function LineCell({ line, row }: { line: number; row: number }) {
  const t = useT();
  return (
    <th scope="row">
      {line}
      {row !== line ? (
        <>
          {" "}
          <span className="muted">{t("imports.preview.rowInSheet", { row })}</span>
        </>
      ) : null}
    </th>
  );
}

function Preview({ report, token }: { report: ImportReport; token: string | null }) {
  const t = useT();
  const issue = useIssueText();
  const navigation = useNavigation();
  return (
    <section className="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("imports.preview.heading", { file: report.fileName })}</h2>
      {report.valid ? (
        report.newCount > 0 ? (
          <Alert kind="success">{t("imports.preview.valid")}</Alert>
        ) : (
          <Alert kind="info">{t("imports.preview.nothingNew")}</Alert>
        )
      ) : (
        <Alert kind="error">{t("imports.preview.invalid")}</Alert>
      )}
      {report.fileErrors.length === 0 ? (
        <dl className="meta">
          <dt>{t("imports.preview.rows")}</dt>
          <dd>{report.totalRows}</dd>
          <dt>{t("imports.preview.new")}</dt>
          <dd>{report.newCount}</dd>
          <dt>{t("imports.preview.skipped")}</dt>
          <dd>{report.skippedCount}</dd>
          <dt>{t("imports.preview.badRows")}</dt>
          <dd>{report.rowErrors.length}</dd>
        </dl>
      ) : (
        <>
          <h3>{t("imports.preview.fileErrors")}</h3>
          <ul>
            {report.fileErrors.map((e, i) => (
              <li key={i}>{issue(e.code, { ...(e.params ?? {}), ...(e.line !== undefined ? { line: e.line } : {}) })}</li>
            ))}
          </ul>
        </>
      )}

      {report.rowErrors.length > 0 ? (
        <>
          <h3 id="row-errors-heading">{t("imports.preview.rowErrors")}</h3>
          <div className="table-wrap">
            <table aria-labelledby="row-errors-heading">
              <thead>
                <tr>
                  <th scope="col">{t("imports.preview.colLine")}</th>
                  <th scope="col">{t("imports.preview.colId")}</th>
                  <th scope="col">{t("imports.preview.colReasons")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rowErrors.map((r) => (
                  <tr key={r.line}>
                    <LineCell line={r.line} row={r.row} />
                    <td>{r.externalId}</td>
                    <td>
                      <ul>
                        {r.issues.map((x, i) => (
                          <li key={i}>{issue(x.code, x.params)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.warnings.length > 0 ? (
        <>
          <h3 id="warnings-heading">{t("imports.preview.warnings")}</h3>
          <div className="table-wrap">
            <table aria-labelledby="warnings-heading">
              <thead>
                <tr>
                  <th scope="col">{t("imports.preview.colLine")}</th>
                  <th scope="col">{t("imports.preview.colId")}</th>
                  <th scope="col">{t("imports.preview.colNotes")}</th>
                </tr>
              </thead>
              <tbody>
                {report.warnings.map((r) => (
                  <tr key={r.line}>
                    <LineCell line={r.line} row={r.row} />
                    <td>{r.externalId}</td>
                    <td>
                      <ul>
                        {r.issues.map((x, i) => (
                          <li key={i}>{issue(x.code, x.params)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {token ? (
        <Form method="post">
          <h3>{t("imports.confirm.heading")}</h3>
          <p className="muted">{t("imports.confirm.note")}</p>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="token" value={token} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("imports.confirm.submit", { count: report.newCount })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function ImportProposals() {
  const { competition: c, columns, groups, categories, limits, canExport, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const fileError = data?.kind === "form" ? data.errors.file : undefined;
  const exportHref = (file: string) => `/competitions/${c.slug}/export/${file}`;
  return (
    <>
      <PageHeader title={t("imports.title")} lead={t("imports.lead")} breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>} />

      {done ? (
        <Alert kind="success">
          {done.created > 0
            ? t("imports.done", { created: done.created, first: done.first, last: done.last, skipped: done.skipped })
            : t("imports.doneNothing", { skipped: done.skipped })}
        </Alert>
      ) : null}
      {data?.kind === "notice" ? <Alert kind="error">{t(data.notice === "expired" ? "imports.expired" : "imports.conflict")}</Alert> : null}

      {data?.kind === "preview" ? <Preview report={data.report} token={data.token} /> : null}

      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("imports.upload.heading")}</h2>
        {data?.kind === "form" ? <FormErrors errors={data.errors} /> : null}
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="preview" />
          <div className="field">
            <label htmlFor="file">{t("imports.upload.file")}</label>
            <span className="hint" id="file-hint">
              {t("imports.upload.hint", { mb: limits.maxMegabytes, rows: limits.maxRows })}
            </span>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            />
            {fileError ? (
              <span className="error" id="file-error" role="alert">
                {t(fileError, { mb: MB })}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("imports.upload.submit")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="columns-heading">
        <h2 id="columns-heading">{t("imports.columns.heading")}</h2>
        <p>{t("imports.columns.intro")}</p>
        <dl className="meta">
          {columns.map((col) => {
            const key = `imports.col.${col}`;
            return (
              <div key={col} style={{ display: "contents" }}>
                <dt>
                  <code>{col}</code>
                </dt>
                <dd>{isMessageKey(key) ? t(key as MessageKey) : ""}</dd>
              </div>
            );
          })}
        </dl>
        <p>{t("imports.columns.sections")}</p>
        {groups.length === 0 ? (
          <Alert kind="warn">{t("imports.columns.noGroups")}</Alert>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("imports.columns.group")}</th>
                  <th scope="col">{t("imports.columns.section")}</th>
                  <th scope="col">{t("imports.columns.limit")}</th>
                </tr>
              </thead>
              <tbody>
                {groups.flatMap((g) =>
                  g.sections.map((s, i) => (
                    <tr key={`${g.key}.${s.key}`}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={g.sections.length}>
                          <code>{g.key}</code> {locale === "en" ? g.nameEn : g.nameId}
                        </th>
                      ) : null}
                      <td>
                        <code>{s.key}</code> {locale === "en" ? s.titleEn : s.titleId}
                      </td>
                      <td>{s.wordLimit ?? t("imports.columns.noLimit")}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
        <p>
          {categories.length > 0
            ? t("imports.columns.categories", { keys: categories.map((k) => k.key).join(", ") })
            : t("imports.columns.noCategories")}
        </p>
        <ul>
          <li>{t("imports.columns.summaryNote")}</li>
          <li>{t("imports.columns.skipNote")}</li>
          <li>{t("imports.columns.statusNote")}</li>
        </ul>
      </section>

      {canExport ? (
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">{t("imports.export.heading")}</h2>
          <p className="muted">{t("imports.export.lead")}</p>
          <ul>
            <li>
              <a href={exportHref("proposals.csv")} download>
                {t("imports.export.proposalsCsv")}
              </a>
            </li>
            <li>
              <a href={exportHref("proposals.xlsx")} download>
                {t("imports.export.proposalsXlsx")}
              </a>
            </li>
            <li>
              <a href={exportHref("screening.csv")} download>
                {t("imports.export.screeningCsv")}
              </a>
            </li>
            <li>
              <a href={exportHref("screening.xlsx")} download>
                {t("imports.export.screeningXlsx")}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}
