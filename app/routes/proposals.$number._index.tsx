import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { ProposalFiles } from "~/components/proposal-files";
import { ProblemList } from "~/components/proposal/checklist";
import { ConflictPanel } from "~/components/proposal/conflict-panel";
import { ProposalDocument, ProposalStyles } from "~/components/proposal/print-layout";
import { ProposalForm } from "~/components/proposal/proposal-form";
import { named, STATUS_BADGE, timeLeftText } from "~/components/proposal/text";
import { Alert, FormErrors, TextAreaField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { Problem } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { ExternalSourceSchema, fieldsToFormValues, parseProposalForm, ReturnSchema, WithdrawSchema } from "~/schemas/proposal";
import {
  addSource,
  getProposalPage,
  removeSource,
  returnProposal,
  saveProposal,
  searchSources,
  submitProposal,
  withdrawProposal,
} from "~/services/proposals.server";
import { forwardedFromOf } from "~/services/forwarding.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.number} · ${data.fields.title || "Proposal"} · Sayembara` : "Proposal · Sayembara" },
];

const NOTICES = ["created", "saved", "submitted", "returned", "withdrawn", "sourceAdded", "sourceRemoved"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const number = params.number ?? "";
  const page = await getProposalPage(db, actor, number);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const search =
    page.group.requiresSources && page.may.edit
      ? { q, results: q.trim().length >= 2 ? await searchSources(db, actor, number, q) : null }
      : null;
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    search,
    forwardedFrom: await forwardedFromOf(db, page.proposal.id),
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
  });
}

/** What the action hands back to the page: always the typed values, so nothing is lost. */
type ActionData =
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string>; version?: number }
  | { kind: "conflict"; values: Record<string, string>; version: number; theirs: Record<string, string>; differing: string[]; savedAt: string }
  | { kind: "refused"; reason: "closed" | "not_open" | "not_editable" | "changed"; values: Record<string, string> }
  | { kind: "submit"; problems: Problem[]; changed?: boolean; values: Record<string, string>; version?: number }
  | { kind: "status"; intent: "return" | "withdraw"; errors: FieldErrors; values: Record<string, string> };

type SaveStep =
  | { ok: true; version: number }
  | { ok: false; why: "invalid" | "conflict" | "closed" | "not_open" | "not_editable"; response: Response };

/** Save what was posted with the form (every button of the form posts it), or say why not. */
async function saveStep(actor: Actor, number: string, form: FormData, values: Record<string, string>): Promise<SaveStep> {
  const parsed = parseProposalForm(form);
  if (!parsed.ok) return { ok: false, why: "invalid", response: json<ActionData>({ kind: "invalid", errors: parsed.errors, values }, 400) };
  const r = await saveProposal(getDb(), actor, number, { version: parsed.version, fields: parsed.fields });
  if (r.ok) return { ok: true, version: r.version };
  if (r.reason === "conflict") {
    const body: ActionData = { kind: "conflict", values, version: r.version, theirs: fieldsToFormValues(r.theirs), differing: r.differing, savedAt: r.savedAt };
    return { ok: false, why: "conflict", response: json<ActionData>(body, 409) };
  }
  if (r.reason === "invalid") return { ok: false, why: "invalid", response: json<ActionData>({ kind: "invalid", errors: r.errors, values }, 400) };
  return { ok: false, why: r.reason, response: json<ActionData>({ kind: "refused", reason: r.reason, values }, 400) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const number = params.number ?? "";
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  const [intent, arg = ""] = String(form.get("intent") ?? "save").split(":");
  const here = `/proposals/${encodeURIComponent(number)}`;
  // Every button of the proposal form posts the fields; the return/withdraw forms do not.
  const hasFields = form.has("version");

  if (intent === "save") {
    const saved = await saveStep(actor, number, form, values);
    return saved.ok ? redirect(`${here}?notice=saved`) : saved.response;
  }

  if (intent === "submit") {
    if (hasFields) {
      const saved = await saveStep(actor, number, form, values);
      // A window that is not open is named by the submission rules, with everything else that fails.
      if (!saved.ok && saved.why !== "closed" && saved.why !== "not_open") return saved.response;
    }
    const r = await submitProposal(db, actor, number, { origin: publicOrigin(request) });
    if (r.ok) return redirect(`${here}?notice=submitted`);
    return json<ActionData>({ kind: "submit", problems: r.problems, changed: r.changed, values }, 400);
  }

  if (intent === "return" || intent === "withdraw") {
    const parsed = intent === "return" ? parseForm(ReturnSchema, form) : parseForm(WithdrawSchema, form);
    if (!parsed.ok) return json<ActionData>({ kind: "status", intent, errors: parsed.errors, values }, 400);
    const r =
      intent === "return"
        ? await returnProposal(db, actor, number, (parsed.data as { note: string }).note, { origin: publicOrigin(request) })
        : await withdrawProposal(db, actor, number, (parsed.data as { reason: string }).reason);
    if (r.ok) return redirect(`${here}?notice=${intent === "return" ? "returned" : "withdrawn"}`);
    return json<ActionData>({ kind: "refused", reason: r.reason, values }, 400);
  }

  if (intent === "searchSources" || intent === "addSource" || intent === "removeSource" || intent === "addExternalSource") {
    let external: { title: string; agency: string; year: number } | null = null;
    if (intent === "addExternalSource") {
      const parsed = parseForm(ExternalSourceSchema, form);
      if (!parsed.ok) return json<ActionData>({ kind: "invalid", errors: parsed.errors, values }, 400);
      external = { title: parsed.data.externalTitle, agency: parsed.data.externalAgency, year: parsed.data.externalYear };
    }
    if (hasFields) {
      const saved = await saveStep(actor, number, form, values);
      if (!saved.ok) return saved.response;
    }
    if (intent === "searchSources") {
      const q = String(form.get("q") ?? "").trim().slice(0, 200);
      return redirect(`${here}?q=${encodeURIComponent(q)}#sources`);
    }
    const r =
      intent === "removeSource"
        ? await removeSource(db, actor, number, arg)
        : await addSource(db, actor, number, external ? { kind: "external", ...external } : { kind: "platform", sourceProposalId: arg });
    if (r.ok) return redirect(`${here}?notice=${intent === "removeSource" ? "sourceRemoved" : "sourceAdded"}#sources`);
    if (r.reason === "invalid") return json<ActionData>({ kind: "invalid", errors: r.errors, values }, 400);
    return json<ActionData>({ kind: "refused", reason: r.reason, values }, 400);
  }

  throw new Response("Bad Request", { status: 400 });
}

export default function ProposalPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const p = d.proposal;
  const group = d.group;
  const categoryName = d.categories.find((c) => c.id === d.fields.categoryId);
  const reg = d.registration;
  const timeLeft = reg.state === "open" ? timeLeftText(t, reg.minutesLeft) : null;

  // What the person typed, when the answer came back without saving it (only posts of the proposal form carry "version").
  const typed = a && "values" in a && a.values.version !== undefined ? a.values : null;
  const values = typed ?? fieldsToFormValues(d.fields);
  const version = a?.kind === "conflict" ? a.version : d.proposal.version;
  // Re-mount the form when the stored version or the action's answer changes, so it shows them.
  const formKey = `${d.proposal.version}|${a?.kind ?? ""}|${version}`;
  const refused = a?.kind === "refused" ? a.reason : null;
  const showForm = d.may.edit || (typed !== null && d.readOnly !== "viewer" && (refused !== null || a?.kind === "submit"));
  const locked = !d.may.edit;

  return (
    <>
      <ProposalStyles />
      <PageHeader
        title={d.fields.title || t("proposal.untitled")}
        lead={
          <>
            <code>{p.number}</code> · {p.competitionName} · {named({ nameId: p.groupNameId, nameEn: p.groupNameEn }, locale)} · {p.agencyName}{" "}
            <span className={STATUS_BADGE[p.status] ?? "badge"}>{t(`proposal.status.${p.status}` as MessageKey)}</span>
          </>
        }
        breadcrumb={
          d.readOnly === "viewer" ? (
            <Link to="/dashboard">{t("nav.dashboard")}</Link>
          ) : (
            <Link to={`/agency/${p.agencyId}/proposals`}>{t("proposal.list.title")}</Link>
          )
        }
        actions={
          <Link to={`/proposals/${p.number}/print`} className="button button-secondary">
            {t("proposal.print.link")}
          </Link>
        }
      />
      {d.forwardedFrom ? (
        <p className="muted">
          {d.forwardedFrom.awardId
            ? t("forwarding.forwardedFrom", { contest: d.forwardedFrom.contest, award: (locale === "en" ? d.forwardedFrom.awardEn : null) || d.forwardedFrom.awardId })
            : t("forwarding.forwardedFromNoAward", { contest: d.forwardedFrom.contest })}
        </p>
      ) : null}

      {d.notice === "submitted" && p.receiptNumber ? (
        <Alert kind="success">
          {t("proposal.notice.submitted", { receipt: p.receiptNumber, time: formatWib(p.submittedAt, locale) })}
        </Alert>
      ) : null}
      {d.notice && d.notice !== "submitted" ? <Alert kind="success">{t(`proposal.notice.${d.notice}` as MessageKey)}</Alert> : null}

      <section className="card" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading">{t("proposal.deadline.title")}</h2>
        <p>
          {t("proposal.deadline.closes", { time: formatWib(reg.endsAt, locale) })}
          {timeLeft ? <strong> · {timeLeft}</strong> : null}
        </p>
        {reg.state === "closed" ? <p className="muted">{t("proposal.deadline.closed")}</p> : null}
        {reg.state === "not_open" ? <p className="muted">{t("proposal.deadline.notOpen", { time: formatWib(reg.startsAt, locale) })}</p> : null}
        {d.extensions.length > 0 ? (
          <>
            <h3>{t("proposal.deadline.extensions")}</h3>
            <ul>
              {d.extensions.map((e) => (
                <li key={e.id}>
                  {t("proposal.deadline.extension", {
                    from: formatWib(e.previous_ends_at, locale),
                    to: formatWib(e.new_ends_at, locale),
                    reason: e.reason,
                  })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {p.status === "returned" && p.returnNote ? (
        <Alert kind="warn">
          <strong>{t("proposal.returnNote.title")}</strong> {p.returnNote}
        </Alert>
      ) : null}
      {p.status === "submitted" && d.readOnly !== "viewer" && p.receiptNumber && d.notice !== "submitted" ? (
        <Alert kind="info">{t("proposal.submittedInfo", { receipt: p.receiptNumber, time: formatWib(p.submittedAt, locale) })}</Alert>
      ) : null}
      {d.readOnly && d.readOnly !== "viewer" ? <Alert kind="info">{t(`proposal.readOnly.${d.readOnly}` as MessageKey)}</Alert> : null}

      {refused ? (
        <Alert kind="error">
          {t(`proposal.refused.${refused}` as MessageKey)} {typed && showForm ? t("proposal.refused.kept") : null}
        </Alert>
      ) : null}
      {a?.kind === "submit" ? (
        a.changed ? (
          <Alert kind="error">{t("proposal.refused.changed")}</Alert>
        ) : (
          <ProblemList problems={a.problems} group={group} title={t("proposal.submit.refused")} />
        )
      ) : null}
      {a?.kind === "invalid" ? <FormErrors errors={a.errors} /> : null}
      {a?.kind === "conflict" ? (
        <ConflictPanel
          differing={a.differing}
          theirs={a.theirs}
          yours={a.values}
          savedAt={a.savedAt}
          group={group}
          categories={d.categories}
          number={p.number}
        />
      ) : null}

      {d.may.submit && d.blocking.length > 0 && a?.kind !== "submit" ? (
        <ProblemList problems={d.blocking} group={group} title={t("proposal.submit.blocked")} />
      ) : null}

      {showForm ? (
        <ProposalForm
          key={formKey}
          number={p.number}
          version={version}
          values={values}
          errors={a?.kind === "invalid" ? a.errors : undefined}
          group={group}
          categories={d.categories}
          problems={d.problems}
          files={d.files}
          sources={d.sources}
          search={d.search}
          maySubmit={d.may.submit}
          locked={locked}
          autosave={d.may.edit}
        />
      ) : (
        <ProposalDocument
          proposal={p}
          fields={d.fields}
          categoryName={categoryName ? named(categoryName, locale) : null}
          group={group}
          files={d.files}
          sources={d.sources}
          filesView={<ProposalFiles number={p.number} slots={group.slots} files={d.files} canEdit={false} />}
        />
      )}

      {d.may.return || d.may.withdraw ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t("proposal.admin.title")}</h2>
          {d.may.return ? (
            <Form method="post" className="stack" noValidate>
              <TextAreaField
                name="note"
                label={t("proposal.return.note")}
                hint={t("proposal.return.hint")}
                rows={3}
                defaultValue={a?.kind === "status" && a.intent === "return" ? (a.values.note ?? "") : ""}
                errors={a?.kind === "status" && a.intent === "return" ? a.errors : undefined}
              />
              <button type="submit" name="intent" value="return" className="button button-secondary">
                {t("proposal.return.button")}
              </button>
            </Form>
          ) : null}
          {d.may.withdraw ? (
            <Form method="post" className="stack" noValidate>
              <TextAreaField
                name="reason"
                label={t("proposal.withdraw.reason")}
                hint={t("proposal.withdraw.hint")}
                rows={2}
                defaultValue={a?.kind === "status" && a.intent === "withdraw" ? (a.values.reason ?? "") : ""}
                errors={a?.kind === "status" && a.intent === "withdraw" ? a.errors : undefined}
              />
              <button type="submit" name="intent" value="withdraw" className="button button-danger">
                {t("proposal.withdraw.button")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
