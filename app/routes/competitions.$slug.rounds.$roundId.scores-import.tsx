/**
 * /competitions/:slug/rounds/:roundId/scores-import — paper score sheets by
 * CSV ("scoring.manage"). Step 1 checks the file (dry run, every problem by
 * line, nothing written); step 2 applies the same file, uploaded again with
 * the hash the check reported (no JavaScript needed). All or nothing.
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
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { RowErrorsTable, useIssueText } from "~/components/ui/row-errors";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { getScoreImportPage, importScoresCsv, SCORE_IMPORT_LIMITS, type ScoreImportReport } from "~/services/score-import.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Impor nilai: ${data.round.name} · ${data.competition.name} · Sayembara` : "Impor nilai · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getScoreImportPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const count = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,6}$/.test(v) ? Number(v) : 0;
  };
  const done = url.searchParams.get("imported") === "1" ? { rows: count("rows"), created: count("created"), replaced: count("replaced") } : null;
  return json({ ...page, done });
}

/** The whole request, every part counted, stops at the size limit. */
function limitedUploadHandler(maxBytes: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  let total = 0;
  return async (part) => {
    if (!["file", "intent", "hash"].includes(part.name)) return undefined;
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
  | { kind: "form"; errors: FieldErrors }
  | { kind: "report"; report: ScoreImportReport }
  | { kind: "checked"; report: ScoreImportReport };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  const roundId = params.roundId ?? "";
  // 404 / 403 before the body is read.
  await getScoreImportPage(db, actor, slug, roundId);

  const tooLarge = () => json<ActionData>({ kind: "form", errors: { file: "scoring.import.errors.tooLarge" } }, 413);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return json<ActionData>({ kind: "form", errors: { file: "scoring.import.errors.noFile" } }, 400);
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > SCORE_IMPORT_LIMITS.maxBytes + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, limitedUploadHandler(SCORE_IMPORT_LIMITS.maxBytes + 1024));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return tooLarge();
    throw e;
  }
  const intent = form.get("intent") === "apply" ? "apply" : "check";
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return json<ActionData>({ kind: "form", errors: { file: "scoring.import.errors.noFile" } }, 400);
  const blob = file as File;
  const hash = String(form.get("hash") ?? "");
  const r = await importScoresCsv(db, actor, slug, roundId, {
    file: { name: blob.name || "scores.csv", bytes: new Uint8Array(await blob.arrayBuffer()) },
    apply: intent === "apply",
    expectedHash: hash,
  });
  if (r.ok && r.applied) {
    const q = new URLSearchParams({ imported: "1", rows: String(r.rows), created: String(r.created), replaced: String(r.replaced) });
    return redirect(`/competitions/${slug}/rounds/${roundId}/scores-import?${q}`);
  }
  if (r.ok) return json<ActionData>({ kind: "checked", report: r.report });
  if (r.reason === "form") return json<ActionData>({ kind: "form", errors: r.errors }, 400);
  return json<ActionData>({ kind: "report", report: r.report }, 400);
}

function Report({ report }: { report: ScoreImportReport }) {
  const t = useT();
  const issue = useIssueText("scoring.import.issue");
  return (
    <section className="card" aria-labelledby="report-heading">
      <h2 id="report-heading">{t("scoring.import.report.title")}</h2>
      <Alert kind="error">{t("scoring.import.report.invalid", { file: report.fileName })}</Alert>
      {report.fileErrors.length > 0 ? (
        <>
          <h3>{t("scoring.import.report.fileErrors")}</h3>
          <ul>
            {report.fileErrors.map((e, i) => (
              <li key={i}>{issue(e.code, { ...(e.params ?? {}), ...(e.line !== undefined ? { line: e.line } : {}) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <RowErrorsTable
        heading={t("scoring.import.report.rowErrors", { count: report.rowErrors.length, rows: report.totalRows })}
        lineLabel={t("scoring.import.report.line")}
        reasonsLabel={t("scoring.import.report.reasons")}
        issuePrefix="scoring.import.issue"
        rows={report.rowErrors}
      />
    </section>
  );
}

function FileField({ id, errors, hint }: { id: string; errors?: FieldErrors; hint: string }) {
  const t = useT();
  const error = errors?.file;
  return (
    <div className="field">
      <label htmlFor={id}>{t("scoring.import.file")}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input
        id={id}
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {error ? (
        <span className="error" id={`${id}-error`} role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}

export default function ScoresImport() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const slug = d.competition.slug;
  const errors = data?.kind === "form" ? data.errors : undefined;
  const checked = data?.kind === "checked" ? data.report : null;
  const busy = navigation.state === "submitting";
  const num = (n: number) => new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 6 }).format(n);
  return (
    <>
      <PageHeader
        title={t("scoring.import.title")}
        lead={t("scoring.import.lead", { position: d.round.position, name: d.round.name, status: t(`juror.roundStatus.${d.round.status}` as MessageKey) })}
        breadcrumb={
          <>
            <Link to={`/competitions/${slug}`}>{d.competition.name}</Link> › <Link to={`/competitions/${slug}/rounds/${d.round.id}`}>{d.round.name}</Link>
          </>
        }
      />
      {d.done ? <Alert kind="success">{t("scoring.import.done", { rows: d.done.rows, created: d.done.created, replaced: d.done.replaced })}</Alert> : null}
      {!d.allowed ? <Alert kind="info">{t("scoring.import.errors.roundState")}</Alert> : null}
      {data?.kind === "report" ? <Report report={data.report} /> : null}

      <section className="card" aria-labelledby="format-heading">
        <h2 id="format-heading">{t("scoring.import.format.title")}</h2>
        <p>{t("scoring.import.format.lead", { position: d.round.position })}</p>
        <pre>
          <code>{d.columns.join(",")}</code>
        </pre>
        {d.criteria.length === 0 ? (
          <p className="muted">{t("scoring.import.errors.noRubric")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("scoring.import.format.criteria")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.import.format.key")}</th>
                  <th scope="col">{t("scoring.import.format.name")}</th>
                  <th scope="col">{t("scoring.import.format.scale")}</th>
                </tr>
              </thead>
              <tbody>
                {d.criteria.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">
                      <code>{c.key}</code>
                    </th>
                    <td>{(locale === "en" ? c.nameEn : c.nameId) || c.nameId}</td>
                    <td>{t("scoring.import.format.scaleValue", { min: num(c.min), max: num(c.max), step: num(c.step) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">
          {t("scoring.import.counts", { submitted: d.counts.submitted, drafts: d.counts.drafts, imported: d.counts.imported })}
        </p>
      </section>

      {checked ? (
        <section className="card" aria-labelledby="apply-heading">
          <h2 id="apply-heading">{t("scoring.import.apply.title")}</h2>
          <Alert kind="success">
            {t("scoring.import.apply.valid", { file: checked.fileName, rows: checked.totalRows, create: checked.summary?.create ?? 0, replace: checked.summary?.replace ?? 0 })}
          </Alert>
          <p>{t("scoring.import.apply.lead")}</p>
          <p className="muted small">
            {t("scoring.import.apply.hash")} <code>{checked.hash}</code>
          </p>
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="hash" value={checked.hash} />
            <FileField id="apply-file" errors={undefined} hint={t("scoring.import.apply.fileHint", { file: checked.fileName })} />
            <button type="submit" className="button" disabled={busy}>
              {t("scoring.import.apply.button")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.allowed && d.criteria.length > 0 ? (
        <section className="card" aria-labelledby="check-heading">
          <h2 id="check-heading">{t("scoring.import.check.title")}</h2>
          <p className="muted">{t("scoring.import.check.lead")}</p>
          <FormErrors errors={errors} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="check" />
            <FileField id="file" errors={errors} hint={t("scoring.import.check.hint", { mb: d.limits.maxMegabytes, rows: d.limits.maxRows })} />
            <button type="submit" className="button" disabled={busy}>
              {t("scoring.import.check.button")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
