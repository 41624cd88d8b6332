/**
 * A round's CSV page ("jury.manage"): download the assignments and the
 * instance, and import assignments.csv (add to or replace the current
 * assignments; all or nothing, errors per line).
 */
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
import { RowErrorsTable, useIssueText } from "~/components/ui/row-errors";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import {
  ASSIGNMENT_IMPORT_LIMITS,
  getRoundCsvPage,
  importAssignmentsCsv,
  type AssignmentImportReport,
  type ImportMode,
} from "~/services/assignment-csv.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `CSV penugasan: ${data.round.name} · ${data.competition.name} · Sayembara` : "CSV penugasan · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getRoundCsvPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const count = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,6}$/.test(v) ? Number(v) : 0;
  };
  const mode = url.searchParams.get("imported");
  const done =
    mode === "add" || mode === "replace" ? { mode: mode as ImportMode, added: count("added"), removed: count("removed"), kept: count("kept") } : null;
  return json({ ...page, done });
}

const ImportSchema = z
  .object({
    mode: z.enum(["add", "replace"], { errorMap: () => ({ message: "juror.csv.errors.mode" }) }),
    confirmReplace: z.literal("on").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "replace" && v.confirmReplace !== "on") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmReplace"], message: "juror.csv.errors.confirmReplace" });
    }
  });

/** The whole request, every part counted, stops at the size limit. */
function limitedUploadHandler(maxBytes: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  let total = 0;
  return async (part) => {
    if (!["file", "mode", "confirmReplace"].includes(part.name)) return undefined;
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
  | { kind: "form"; errors: FieldErrors; values: Record<string, string> }
  | { kind: "report"; report: AssignmentImportReport; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  const roundId = params.roundId ?? "";
  // 404 / 403 before the body is read.
  await getRoundCsvPage(db, actor, slug, roundId);

  const tooLarge = () => json<ActionData>({ kind: "form", ...failure({ file: "juror.csv.errors.tooLarge" }, {}) }, 413);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    return json<ActionData>({ kind: "form", ...failure({ file: "juror.csv.errors.noFile" }, {}) }, 400);
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > ASSIGNMENT_IMPORT_LIMITS.maxBytes + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, limitedUploadHandler(ASSIGNMENT_IMPORT_LIMITS.maxBytes + 1024));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return tooLarge();
    throw e;
  }
  const parsed = parseForm(ImportSchema, form);
  const file = form.get("file");
  const noFile = !(file instanceof Blob) || file.size === 0;
  if (!parsed.ok || noFile) {
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(noFile ? { file: "juror.csv.errors.noFile" as const } : {}) };
    return json<ActionData>({ kind: "form", errors, values: parsed.values }, 400);
  }
  const blob = file as File;
  const result = await importAssignmentsCsv(db, actor, slug, roundId, {
    file: { name: blob.name || "assignments.csv", bytes: new Uint8Array(await blob.arrayBuffer()) },
    mode: parsed.data.mode,
    confirmReplace: parsed.data.confirmReplace === "on",
  });
  if (result.ok) {
    const q = new URLSearchParams({
      imported: result.mode,
      added: String(result.added),
      removed: String(result.removed),
      kept: String(result.kept),
    });
    return redirect(`/competitions/${slug}/rounds/${roundId}/csv?${q}`);
  }
  if (result.reason === "form") return json<ActionData>({ kind: "form", errors: result.errors, values: parsed.values }, 400);
  return json<ActionData>({ kind: "report", report: result.report, values: parsed.values }, 400);
}

function RoundNav({ slug, roundId, current }: { slug: string; roundId: string; current: "matrix" | "progress" | "csv" }) {
  const t = useT();
  const base = `/competitions/${slug}/rounds/${roundId}`;
  const items = [
    { key: "matrix", to: `${base}/matrix`, label: t("juror.nav.matrix") },
    { key: "progress", to: `${base}/progress`, label: t("juror.nav.progress") },
    { key: "csv", to: `${base}/csv`, label: t("juror.nav.csv") },
  ];
  return (
    <nav aria-label={t("juror.nav.label")} className="actions" style={{ marginTop: 0, marginBottom: "1rem" }}>
      {items.map((i) =>
        i.key === current ? (
          <span key={i.key} aria-current="page" className="badge">
            {i.label}
          </span>
        ) : (
          <Link key={i.key} to={i.to}>
            {i.label}
          </Link>
        ),
      )}
    </nav>
  );
}

function Report({ report }: { report: AssignmentImportReport }) {
  const t = useT();
  const issue = useIssueText("juror.csv.issue");
  return (
    <section className="card" aria-labelledby="report-heading">
      <h2 id="report-heading" className="visually-hidden">
        {t("juror.csv.fileErrors")}
      </h2>
      <Alert kind="error">{t("juror.csv.invalid", { file: report.fileName })}</Alert>
      {report.fileErrors.length > 0 ? (
        <>
          <h3>{t("juror.csv.fileErrors")}</h3>
          <ul>
            {report.fileErrors.map((e, i) => (
              <li key={i}>{issue(e.code, { ...(e.params ?? {}), ...(e.line !== undefined ? { line: e.line } : {}) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <RowErrorsTable
        heading={t("juror.csv.rowErrors", { count: report.rowErrors.length })}
        lineLabel={t("juror.csv.col.line")}
        reasonsLabel={t("juror.csv.col.reasons")}
        issuePrefix="juror.csv.issue"
        rows={report.rowErrors}
      />
    </section>
  );
}

export default function RoundCsv() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const navigation = useNavigation();
  const slug = d.competition.slug;
  const base = `/competitions/${slug}/rounds/${d.round.id}/csv`;
  const errors = data?.kind === "form" ? data.errors : undefined;
  const values = data?.values ?? {};
  const mode = values.mode === "replace" ? "replace" : "add";
  const fileError = errors?.file;
  const confirmError = errors?.confirmReplace;
  return (
    <>
      <PageHeader
        title={t("juror.csv.title")}
        lead={t("juror.roundLead", { position: d.round.position, name: d.round.name, k: d.round.k })}
        breadcrumb={
          <>
            <Link to={`/competitions/${slug}`}>{d.competition.name}</Link> ›{" "}
            <Link to={`/competitions/${slug}/rounds/${d.round.id}`}>{d.round.name}</Link>
          </>
        }
      />
      <RoundNav slug={slug} roundId={d.round.id} current="csv" />

      {d.done ? (
        <Alert kind="success">
          {t("juror.csv.done", { mode: t(`juror.csv.mode.${d.done.mode}`), added: d.done.added, removed: d.done.removed, kept: d.done.kept })}
        </Alert>
      ) : null}
      {data?.kind === "report" ? <Report report={data.report} /> : null}

      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">{t("juror.csv.export.heading")}</h2>
        <p className="muted">{t("juror.csv.export.lead", { position: d.round.position })}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("juror.csv.export.heading")}</th>
                <th scope="col">{t("juror.csv.columns")}</th>
              </tr>
            </thead>
            <tbody>
              {d.files.map((f) => (
                <tr key={f}>
                  <th scope="row">
                    <a href={`${base}/${f}`} download>
                      {t(`juror.csv.file.${f}` as MessageKey)} ({f})
                    </a>
                  </th>
                  <td>
                    <code>{d.columns[f].join(", ")}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t("juror.csv.import.heading")}</h2>
        <p className="muted">{t("juror.csv.import.allOrNothing")}</p>
        <FormErrors errors={errors} />
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="file">{t("juror.csv.import.file")}</label>
            <span className="hint" id="file-hint">
              {t("juror.csv.import.hint", { mb: d.limits.maxMegabytes, position: d.round.position })}
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
                {t(fileError)}
              </span>
            ) : null}
          </div>
          <fieldset className="field">
            <legend>{t("juror.csv.import.mode")}</legend>
            <div className="choices">
              <label>
                <input type="radio" name="mode" value="add" defaultChecked={mode === "add"} /> {t("juror.csv.import.add")}
              </label>
              <label>
                <input type="radio" name="mode" value="replace" defaultChecked={mode === "replace"} />{" "}
                {t("juror.csv.import.replace", { count: d.assignmentCount })}
              </label>
            </div>
            {errors?.mode ? (
              <span className="error" role="alert">
                {t(errors.mode)}
              </span>
            ) : null}
          </fieldset>
          <div className="field">
            <label className="checkbox" htmlFor="confirmReplace">
              <input
                id="confirmReplace"
                type="checkbox"
                name="confirmReplace"
                defaultChecked={values.confirmReplace === "on"}
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError ? "confirmReplace-error" : undefined}
              />
              {t("juror.csv.import.confirmReplace")}
            </label>
            {confirmError ? (
              <span className="error" id="confirmReplace-error" role="alert">
                {t(confirmError)}
              </span>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("juror.csv.import.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
