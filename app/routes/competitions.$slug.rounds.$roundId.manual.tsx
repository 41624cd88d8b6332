import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { ManualWarnings, type ManualWarningView } from "~/components/assignment/manual-warnings";
import { Alert, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { ManualSchema } from "~/schemas/rounds";
import { getManualPage, manualChange } from "~/services/assignment.server";
import { getRoundRef } from "~/services/rounds.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Penugasan manual · ${data.round.name} · Sayembara` : "Penugasan manual · Sayembara" },
];

const OPS = ["add", "remove", "swap"] as const;
type Op = (typeof OPS)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const proposal = url.searchParams.get("proposal")?.trim() || null;
  const page = await getManualPage(getDb(), actor, params.slug ?? "", params.roundId ?? "", proposal);
  const notice = url.searchParams.get("notice");
  const opParam = url.searchParams.get("op") ?? notice ?? "add";
  return json({
    ...page,
    lookedUp: proposal,
    op: ((OPS as readonly string[]).includes(opParam) ? opParam : "add") as Op,
    notice: (OPS as readonly string[]).includes(notice ?? "") ? (notice as Op) : null,
  });
}

interface ActionResult {
  op: Op;
  errors: FieldErrors;
  warnings: ManualWarningView[];
  values: Record<string, string>;
  /** The warnings were shown and sent back without the box ticked. */
  unconfirmed: boolean;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition, round } = await getRoundRef(db, actor, params.slug ?? "", params.roundId ?? "");
  const form = await request.formData();
  const opRaw = String(form.get("op") ?? "");
  const op: Op = (OPS as readonly string[]).includes(opRaw) ? (opRaw as Op) : "add";
  const acknowledged = form.getAll("acknowledged").filter((v): v is string => typeof v === "string");
  const parsed = parseForm(ManualSchema, form);
  if (!parsed.ok) return json<ActionResult>({ op, errors: parsed.errors, warnings: [], values: parsed.values, unconfirmed: false }, 400);
  const result = await manualChange(db, actor, round.id, { ...parsed.data, acknowledged });
  if (result.ok) {
    const back = new URLSearchParams({ notice: result.op, proposal: parsed.data.proposalNumber });
    return redirect(`/competitions/${competition.slug}/rounds/${round.id}/manual?${back}`);
  }
  if (result.warnings) {
    return json<ActionResult>(
      { op, errors: {}, warnings: result.warnings, values: parsed.values, unconfirmed: acknowledged.length > 0 && !parsed.data.confirm },
      400,
    );
  }
  return json<ActionResult>({ op, errors: result.errors, warnings: [], values: parsed.values, unconfirmed: false }, 400);
}

export default function ManualPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const roundUrl = `/competitions/${c.slug}/rounds/${r.id}`;
  const options = d.pool.map((j) => ({ value: j.id, label: t("assignment.manual.jurorOption", { name: j.name, load: j.load, max: j.maxLoad }) }));
  // Removing or swapping out may also concern a juror no longer active who still holds assignments.
  const outOptions = [
    ...options,
    ...d.former.map((j) => ({
      value: j.id,
      label: t("assignment.manual.formerOption", { name: j.name, load: j.load, status: t(`assignment.status.${j.status}` as MessageKey) }),
    })),
  ];
  const noticeKey: Record<Op, MessageKey> = { add: "assignment.manual.done.add", remove: "assignment.manual.done.remove", swap: "assignment.manual.done.swap" };

  // One operation's form at a time (chosen by link), so field ids stay unique on the page.
  const op: Op = data?.op ?? d.op;
  const m = data;
  const errors = m?.errors;
  const value = (name: string, fallback = "") => m?.values[name] ?? fallback;
  const formKey = `${op}:${m ? JSON.stringify(m.values) + m.warnings.length : ""}`;
  const texts: Record<Op, { title: MessageKey; lead: MessageKey; submit: MessageKey }> = {
    add: { title: "assignment.manual.addTitle", lead: "assignment.manual.addLead", submit: "assignment.manual.add" },
    remove: { title: "assignment.manual.removeTitle", lead: "assignment.manual.removeLead", submit: "assignment.manual.remove" },
    swap: { title: "assignment.manual.swapTitle", lead: "assignment.manual.swapLead", submit: "assignment.manual.swap" },
  };
  const opLink = (o: Op) => {
    const q = new URLSearchParams({ op: o });
    if (d.proposal) q.set("proposal", d.proposal.number);
    return `?${q}`;
  };

  return (
    <>
      <PageHeader
        title={t("assignment.manual.title")}
        lead={`${r.name} · ${c.name}`}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={`/competitions/${c.slug}/rounds`}>{t("assignment.rounds")}</Link> ›{" "}
            <Link to={roundUrl}>{r.name}</Link>
          </>
        }
      />
      {d.notice && !data ? <Alert kind="success">{t(noticeKey[d.notice])}</Alert> : null}
      <p className="muted">{t("assignment.manual.lead")}</p>

      <section className="card" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t("assignment.manual.lookup")}</h2>
        <Form method="get" className="search-bar">
          <input type="hidden" name="op" value={op} />
          <TextField name="proposal" label={t("assignment.manual.lookupField")} defaultValue={d.lookedUp ?? ""} autoComplete="off" />
          <button type="submit" className="button button-secondary">
            {t("assignment.manual.show")}
          </button>
        </Form>
        {d.proposalMissing ? <Alert kind="error">{t("assignment.errors.proposalUnknown")}</Alert> : null}
        {d.proposal ? (
          <>
            <p>
              <strong>{d.proposal.number}</strong> · {d.proposal.title} · {d.proposal.agency}
            </p>
            {d.proposal.jurors.length === 0 ? (
              <p className="muted">{t("assignment.manual.noJurors")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("assignment.juror")}</th>
                      <th scope="col">{t("assignment.manual.source")}</th>
                      <th scope="col">{t("assignment.manual.expert")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.proposal.jurors.map((j) => (
                      <tr key={j.id}>
                        <th scope="row">{j.name}</th>
                        <td>{t(j.source === "auto" ? "assignment.source.auto" : "assignment.source.manual")}</td>
                        <td>{j.match ? t("common.yes") : t("common.no")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : null}
      </section>

      <nav aria-label={t("assignment.manual.ops")} className="actions">
        {OPS.map((o) => (
          <Link key={o} to={opLink(o)} className={o === op ? "button" : "button button-secondary"} aria-current={o === op ? "page" : undefined}>
            {t(texts[o].submit)}
          </Link>
        ))}
      </nav>

      <section className="card" aria-labelledby="op-title" style={{ marginTop: "1.25rem" }}>
        <h2 id="op-title">{t(texts[op].title)}</h2>
        <p className="muted">{t(texts[op].lead)}</p>
        <FormErrors errors={errors} />
        <Form method="post" noValidate key={formKey}>
          <input type="hidden" name="op" value={op} />
          <TextField
            name="proposalNumber"
            label={t("assignment.manual.proposal")}
            hint={t("assignment.manual.proposalHint")}
            errors={errors}
            defaultValue={value("proposalNumber", d.proposal?.number ?? "")}
            required
            autoComplete="off"
          />
          <SelectField
            name="jurorId"
            label={t(op === "swap" ? "assignment.manual.jurorOut" : op === "remove" ? "assignment.manual.jurorRemove" : "assignment.manual.juror")}
            errors={errors}
            defaultValue={value("jurorId")}
            options={op === "add" ? options : outOptions}
            placeholder={t("assignment.manual.pick")}
          />
          {op === "swap" ? (
            <SelectField
              name="newJurorId"
              label={t("assignment.manual.jurorIn")}
              errors={errors}
              defaultValue={value("newJurorId")}
              options={options}
              placeholder={t("assignment.manual.pick")}
            />
          ) : null}
          {m && m.warnings.length > 0 ? <ManualWarnings op={op} warnings={m.warnings} /> : null}
          {m?.unconfirmed ? (
            <p className="error" role="alert">
              {t("assignment.warn.tick")}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t(m && m.warnings.length > 0 ? "assignment.manual.doAnyway" : texts[op].submit)}
            </button>
          </div>
        </Form>
      </section>
      <p>
        <Link to={roundUrl}>{t("common.back")}</Link>
      </p>
    </>
  );
}
