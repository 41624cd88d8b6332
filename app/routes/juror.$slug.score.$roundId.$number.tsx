/**
 * /juror/:slug/score/:roundId/:number — a juror scores one of their
 * assignments: the proposal beside the rubric ("score.edit" on their own
 * juror row; see app/services/scoring.server.ts for every rule). Buttons:
 * save (draft), save and open the next unscored one, submit, submit and
 * next. Works without JavaScript; with it, drafts autosave. Field rounds
 * add the verification checklist (a checkbox and a note per item), saved
 * with the sheet and read-only once the round is not open.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { ProposalPane, useProposalLabel } from "~/components/scoring/proposal-pane";
import { ScoreForm, ScoringStyles } from "~/components/scoring/score-form";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { formValues, type FieldErrors } from "~/lib/forms";
import { checkField, checkNoteField } from "~/schemas/field-checklist";
import { commentField, scoreField } from "~/schemas/scoring";
import { getScorePage, saveScoreSheet, type SaveIntent } from "~/services/scoring.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Penilaian: ${data.round.blind ? `Proposal #${data.proposal.label.position}` : data.proposal.number} · ${data.competition.name} · Sayembara`
      : "Penilaian · Sayembara",
  },
];

const NOTICES = ["saved", "submitted", "updated", "savedPrevious", "submittedPrevious", "noNext"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getScorePage(getDb(), actor, params.slug ?? "", params.roundId ?? "", params.number ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...page, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

type ActionData =
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> }
  | { kind: "conflict"; values: Record<string, string>; version: number; theirs: Record<string, string>; savedAt: string | null }
  | { kind: "refused"; reason: "closed" | "no_rubric" | "submitted"; values: Record<string, string> };

const INTENTS = { save: "draft", saveNext: "draft", submit: "submit", submitNext: "submit" } as const satisfies Record<string, SaveIntent>;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const roundId = params.roundId ?? "";
  const number = params.number ?? "";
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get("intent") ?? "save");
  if (!(intent in INTENTS)) throw new Response("Bad Request", { status: 400 });
  const r = await saveScoreSheet(getDb(), actor, { slug, roundId, number }, values, INTENTS[intent as keyof typeof INTENTS]);
  const base = `/juror/${encodeURIComponent(slug)}/score/${encodeURIComponent(roundId)}`;
  const here = `${base}/${encodeURIComponent(number)}`;
  delete values.intent;
  if (r.ok) {
    const done = r.status === "submitted" ? "submitted" : "saved";
    if (intent === "saveNext" || intent === "submitNext") {
      if (r.next) return redirect(`${base}/${encodeURIComponent(r.next)}?notice=${done}Previous`);
      return redirect(`${here}?notice=noNext`);
    }
    return redirect(`${here}?notice=${done}`);
  }
  if (r.reason === "invalid") return json<ActionData>({ kind: "invalid", errors: r.errors, values }, 400);
  if (r.reason === "conflict") return json<ActionData>({ kind: "conflict", values, version: r.version, theirs: r.theirs, savedAt: r.savedAt }, 409);
  return json<ActionData>({ kind: "refused", reason: r.reason, values }, 400);
}

function OtherScores({ others }: { others: { label: string; total: number | null; submittedAt: string | null }[] }) {
  const t = useT();
  const locale = useLocale();
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <section className="card" aria-labelledby="others-heading">
      <h2 id="others-heading">{t("scoring.sheet.others.title")}</h2>
      {others.length === 0 ? (
        <p className="muted">{t("scoring.sheet.others.none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("scoring.sheet.others.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("scoring.sheet.others.juror")}</th>
              <th scope="col">{t("scoring.sheet.others.total")}</th>
              <th scope="col">{t("scoring.sheet.others.submittedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {others.map((o) => (
              <tr key={o.label}>
                <th scope="row">{t("scoring.sheet.others.label", { letter: o.label })}</th>
                <td>{o.total === null ? "—" : num.format(o.total)}</td>
                <td>{formatWib(o.submittedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ConflictPanel({
  criteria,
  checklist,
  theirs,
  yours,
  savedAt,
}: {
  criteria: { key: string; nameId: string; nameEn: string }[];
  checklist: { key: string; labelId: string; labelEn: string }[];
  theirs: Record<string, string>;
  yours: Record<string, string>;
  savedAt: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const rows = [
    ...criteria.flatMap((c) => {
      const name = (locale === "en" ? c.nameEn : c.nameId) || c.key;
      return [
        { field: scoreField(c.key), label: name },
        { field: commentField(c.key), label: t("scoring.sheet.commentLabel", { criterion: name }) },
      ];
    }),
    ...checklist.flatMap((i) => {
      const name = (locale === "en" ? i.labelEn : i.labelId) || i.key;
      return [
        { field: checkField(i.key), label: name, check: true },
        { field: checkNoteField(i.key), label: t("scoring.sheet.checklist.noteLabel", { item: name }) },
      ];
    }),
    { field: "overall", label: t("scoring.sheet.overall") },
  ].filter((r) => (theirs[r.field] ?? "") !== (yours[r.field] ?? ""));
  const shown = (r: { field: string; check?: boolean }, v: Record<string, string>) =>
    "check" in r && r.check ? t(v[r.field] === "1" ? "scoring.sheet.checklist.checked" : "scoring.sheet.checklist.unchecked") : v[r.field] || "—";
  return (
    <Alert kind="warn">
      <p>{t("scoring.sheet.conflict.lead", { time: formatWib(savedAt, locale) })}</p>
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("scoring.sheet.conflict.field")}</th>
              <th scope="col">{t("scoring.sheet.conflict.theirs")}</th>
              <th scope="col">{t("scoring.sheet.conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field}>
                <th scope="row">{r.label}</th>
                <td className="pre">{shown(r, theirs)}</td>
                <td className="pre">{shown(r, yours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>{t("scoring.sheet.conflict.howTo")}</p>
    </Alert>
  );
}

export default function ScorePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const slug = d.competition.slug;
  const label = useProposalLabel(d.proposal, d.round.blind);
  // What the juror typed comes back with every refusal, so nothing is lost.
  const values = a ? a.values : d.values;
  const version = a?.kind === "conflict" ? a.version : (d.sheet?.version ?? 0);
  // Re-mount the form for another assignment (save and next navigates to the same route) and
  // whenever the stored version or the action's answer changes, so its uncontrolled fields show them.
  const formKey = `${d.assignmentId}|${d.sheet?.version ?? 0}|${a?.kind ?? ""}|${version}`;
  const submitted = d.sheet?.status === "submitted";
  const total = d.sheet?.total;
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  return (
    <>
      <ScoringStyles />
      <PageHeader
        title={t("scoring.sheet.title", { label })}
        lead={
          <>
            {t("scoring.sheet.lead", { position: d.round.position, round: d.round.name })} ·{" "}
            {t("scoring.sheet.progress", { submitted: d.progress.submitted, total: d.progress.total })} ·{" "}
            <span className={submitted ? "badge badge-success" : d.sheet ? "badge" : "badge badge-muted"}>
              {t(submitted ? "scoring.sheet.status.submitted" : d.sheet ? "scoring.sheet.status.draft" : "scoring.sheet.status.none")}
            </span>
            {total !== null && total !== undefined ? <> · {t("scoring.sheet.total", { total: num.format(total) })}</> : null}
          </>
        }
        breadcrumb={
          <>
            <Link to={`/juror/${slug}`}>{t("scoring.sheet.backToList")}</Link>
          </>
        }
        actions={
          d.next ? (
            <Link to={`/juror/${slug}/score/${d.round.id}/${encodeURIComponent(d.next)}`} className="button button-secondary">
              {t("scoring.sheet.nextLink")}
            </Link>
          ) : null
        }
      />
      <a href="#score-form" className="skip-to-score">
        {t("scoring.sheet.skipToForm")}
      </a>

      {d.notice ? <Alert kind={d.notice === "noNext" ? "info" : "success"}>{t(`scoring.sheet.notice.${d.notice}` as MessageKey)}</Alert> : null}
      {submitted && d.sheet?.submittedAt ? (
        <Alert kind="info">
          {t(d.sheet.source === "import" ? "scoring.sheet.submittedInfoImport" : "scoring.sheet.submittedInfo", { time: formatWib(d.sheet.submittedAt, locale) })}
        </Alert>
      ) : null}
      {d.readOnlyReason === "notOpen" ? (
        <Alert kind="info">{t(`scoring.sheet.readOnly.${d.round.status === "draft" ? "notYetOpen" : "closed"}` as MessageKey)}</Alert>
      ) : null}
      {d.readOnlyReason === "noRubric" ? <Alert kind="info">{t("scoring.sheet.readOnly.noRubric")}</Alert> : null}
      {a?.kind === "invalid" ? <FormErrors errors={a.errors} /> : null}
      {a?.kind === "refused" ? (
        <Alert kind="error">
          {t(`scoring.sheet.refused.${a.reason}` as MessageKey)} {t("scoring.sheet.refused.kept")}
        </Alert>
      ) : null}
      {a?.kind === "conflict" ? <ConflictPanel criteria={d.criteria} checklist={d.checklist ?? []} theirs={a.theirs} yours={a.values} savedAt={a.savedAt} /> : null}

      <div className="scoring-layout">
        <div className="card">
          <ProposalPane p={d.proposal} blind={d.round.blind} />
        </div>
        <div className="scoring-rubric" key={d.assignmentId}>
          {d.others ? <OtherScores others={d.others} /> : null}
          <ScoreForm
            key={formKey}
            slug={slug}
            number={d.proposal.number}
            assignmentId={d.assignmentId}
            sheetId={d.sheet?.id ?? null}
            submitted={submitted}
            version={version}
            values={values}
            errors={a?.kind === "invalid" ? a.errors : undefined}
            criteria={d.criteria}
            checklist={d.checklist}
            editable={d.editable}
            autosave={a?.kind !== "conflict"}
            canDeclareConflict
          />
        </div>
      </div>
    </>
  );
}

/** 404 for a conflicted proposal says why and links back; everything else as the root boundary. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404 && (error.data as { reason?: string } | null)?.reason === "conflict") {
    const slug = (error.data as { slug?: string }).slug ?? "";
    return (
      <div className="error-page">
        <h1>{t("errors.notFound.title")}</h1>
        <p>{t("scoring.sheet.conflictNote")}</p>
        <p>
          <Link to={`/juror/${slug}`}>{t("scoring.sheet.backToList")}</Link>
        </p>
      </div>
    );
  }
  let title: MessageKey = "errors.title";
  let body: MessageKey = "errors.generic.body";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "errors.notFound.title";
      body = "errors.notFound.body";
    } else if (error.status === 403) {
      title = "errors.forbidden.title";
      body = "errors.forbidden.body";
    }
  }
  return (
    <div className="error-page">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </div>
  );
}
