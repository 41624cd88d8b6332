import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { DecisionBadge, DecisionFields, DecisionReasons, ScreeningChecks } from "~/components/screening";
import { getDb } from "~/db.server";
import { countWords } from "~/domain/proposal-rules";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { DecisionSchema } from "~/schemas/screening";
import { decideScreeningOf, getScreeningProposal } from "~/services/screening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Seleksi ${data.proposal.number}: ${data.proposal.title || "—"} · Sayembara` : "Seleksi administrasi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const view = await getScreeningProposal(getDb(), actor, params.slug ?? "", params.number ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...view, notice: notice === "decided" || notice === "unchanged" ? notice : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const number = params.number ?? "";
  const form = await request.formData();
  const reasons = form.getAll("reasons").filter((v): v is string => typeof v === "string");
  const refuse = (errors: FieldErrors, values: Record<string, string>) => json({ ok: false as const, errors, values, reasons }, 400);
  const parsed = parseForm(DecisionSchema, form);
  if (!parsed.ok) return refuse(parsed.errors, parsed.values);
  const result = await decideScreeningOf(getDb(), actor, slug, number, parsed.data);
  if (!result.ok) return refuse(result.errors, parsed.values);
  const notice = result.changed > 0 ? "decided" : "unchanged";
  return redirect(`/competitions/${encodeURIComponent(slug)}/screening/${encodeURIComponent(number)}?notice=${notice}#decision-heading`);
}

export default function ScreeningProposal() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const p = d.proposal;
  const c = d.competition;
  const locked = Boolean(c.screeningPublishedAt);
  const queue = `/competitions/${c.slug}/screening`;
  const category = d.categories.find((k) => k.id === p.categoryId);
  const formError = data?.errors._form;
  // The form starts from the current decision, or from the reasons the checks point at.
  const defaults = data
    ? { result: data.values.result ?? "", reasons: data.reasons, note: data.values.note ?? "" }
    : d.decision
      ? { result: d.decision.result, reasons: d.decision.reasons, note: d.decision.note }
      : { result: "", reasons: d.suggested, note: "" };

  return (
    <>
      <PageHeader
        title={p.title || t("screening.queue.untitled")}
        lead={
          <>
            <code>{p.number}</code> · {p.agency.name} ({p.agency.code})
          </>
        }
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={queue}>{t("screening.title")}</Link>
          </>
        }
        actions={
          <Link to={`/proposals/${encodeURIComponent(p.number)}/print`} className="button button-secondary">
            {t("screening.proposal.print")}
          </Link>
        }
      />
      {d.notice === "decided" ? <Alert kind="success">{t("screening.notice.decided", { count: 1 })}</Alert> : null}
      {d.notice === "unchanged" ? <Alert kind="info">{t("screening.notice.unchanged")}</Alert> : null}
      {formError ? <Alert kind="error">{t(formError)}</Alert> : null}

      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{t("screening.checks.title")}</h2>
        <ScreeningChecks checks={d.checks} group={d.group} full />
        <p className="muted small">{t("screening.checks.lastRun", { date: formatWib(d.checkedAt, locale) })}</p>
      </section>

      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("screening.decide.title")}</h2>
        <p>
          {t("screening.decide.current")}: <DecisionBadge result={d.decision?.result} />
          {d.decision && d.decidedBy ? (
            <span className="muted small"> {t("screening.decidedBy", { name: d.decidedBy, date: formatWib(d.decidedAt, locale) })}</span>
          ) : null}
        </p>
        {d.decision ? <DecisionReasons reasons={d.decision.reasons} note={d.decision.note} /> : null}
        {locked ? (
          <Alert kind="info">{t("screening.decide.locked")}</Alert>
        ) : (
          <Form method="post" noValidate style={{ marginTop: "1rem" }}>
            <FormErrors errors={formError ? undefined : data?.errors} />
            <DecisionFields idPrefix="decision" errors={data?.errors} {...defaults} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("screening.decide.submit")}
              </button>
              <Link to={queue}>{t("screening.proposal.back")}</Link>
            </div>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("screening.proposal.summary")}</h2>
        <dl className="meta">
          <dt>{t("screening.proposal.agency")}</dt>
          <dd>
            {p.agency.name} ({p.agency.code})
          </dd>
          <dt>{t("screening.proposal.group")}</dt>
          <dd>{d.group ? (locale === "en" ? d.group.nameEn : d.group.nameId) : "—"}</dd>
          <dt>{t("screening.proposal.category")}</dt>
          <dd>{category ? (locale === "en" ? category.nameEn : category.nameId) : "—"}</dd>
          <dt>{t("screening.proposal.serviceUnit")}</dt>
          <dd>{p.serviceUnit || "—"}</dd>
          <dt>{t("screening.proposal.innovator")}</dt>
          <dd>{p.innovatorNames || "—"}</dd>
          <dt>{t("screening.proposal.startedOn")}</dt>
          <dd>{p.startedOn ? formatWib(`${p.startedOn}T00:00:00+07:00`, locale, false) : "—"}</dd>
          <dt>{t("screening.proposal.contact")}</dt>
          <dd>{[p.contactName, p.contactEmail].filter(Boolean).join(" · ") || "—"}</dd>
          <dt>{t("screening.proposal.video")}</dt>
          <dd>
            {p.videoUrl ? (
              <a href={p.videoUrl} rel="noopener noreferrer nofollow" target="_blank">
                {p.videoUrl}
              </a>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t("screening.proposal.submittedAt")}</dt>
          <dd>{formatWib(p.submittedAt, locale)}</dd>
          <dt>{t("screening.proposal.receipt")}</dt>
          <dd>{p.receiptNumber ? <code>{p.receiptNumber}</code> : "—"}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("screening.proposal.sections")}</h2>
        {d.sections.map((s) => {
          const words = countWords(s.body);
          return (
            <div key={s.key}>
              <h3>{locale === "en" ? s.titleEn : s.titleId}</h3>
              <p className="muted small">
                {s.wordLimit !== null ? t("screening.proposal.wordsOfLimit", { words, limit: s.wordLimit }) : t("screening.proposal.words", { words })}
              </p>
              {s.body.trim() ? (
                <p style={{ whiteSpace: "pre-line" }}>{s.body}</p>
              ) : (
                <p className="muted">{t("screening.proposal.emptyAnswer")}</p>
              )}
            </div>
          );
        })}
      </section>

      <section className="card" aria-labelledby="files-heading">
        <h2 id="files-heading">{t("screening.proposal.files")}</h2>
        {d.files.length === 0 ? (
          <p className="muted">{t("screening.proposal.noFiles")}</p>
        ) : (
          <ul>
            {d.files.map((f) => {
              const slot = d.group?.slots.find((s) => s.key === f.slotKey);
              return (
                <li key={f.id}>
                  <a href={`/files/${f.id}`}>{f.name}</a>{" "}
                  <span className="muted small">
                    ({slot ? (locale === "en" ? slot.labelEn : slot.labelId) : f.slotKey}, {Math.max(1, Math.round(f.sizeBytes / 1024))} KB)
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("screening.proposal.history")}</h2>
        {d.history.length === 0 ? (
          <p className="muted">{t("screening.proposal.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("screening.proposal.when")}</th>
                  <th scope="col">{t("screening.proposal.who")}</th>
                  <th scope="col">{t("screening.proposal.before")}</th>
                  <th scope="col">{t("screening.proposal.after")}</th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <time dateTime={h.at}>{formatWib(h.at, locale)}</time>
                    </td>
                    <td>{h.actor ?? "—"}</td>
                    <td>
                      <DecisionBadge result={h.before?.result} />
                      {h.before?.result ? <DecisionReasons reasons={h.before.reasons ?? []} note={h.before.note ?? ""} /> : null}
                    </td>
                    <td>
                      <DecisionBadge result={h.after?.result} />
                      {h.after ? <DecisionReasons reasons={h.after.reasons ?? []} note={h.after.note ?? ""} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
