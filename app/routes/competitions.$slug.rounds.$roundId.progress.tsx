/**
 * Per-juror progress of a round and reminders by e-mail ("jury.manage").
 * Each reminder is a plain POST form; at most one per juror per hour.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { getRoundProgress, loadManagedRound, sendReminders } from "~/services/juror-views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kemajuan juri: ${data.round.name} · ${data.competition.name} · Sayembara` : "Kemajuan juri · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const progress = await getRoundProgress(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const count = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{1,5}$/.test(v) ? Number(v) : null;
  };
  const sent = count("sent");
  return json({ ...progress, done: sent === null ? null : { sent, skipped: count("skipped") ?? 0 } });
}

const ReminderSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remind"), jurorId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("remindAll") }),
]);

type ActionData = { refused: "throttled"; until: string } | { refused: "nothing" } | { refused: "invalid" };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  const roundId = params.roundId ?? "";
  // 404 / 403 before the form is read.
  await loadManagedRound(db, actor, slug, roundId);
  const parsed = parseForm(ReminderSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ refused: "invalid" }, 400);
  const target = parsed.data.intent === "remind" ? { jurorId: parsed.data.jurorId } : { all: true as const };
  const result = await sendReminders(db, actor, slug, roundId, target, { origin: publicOrigin(request) });
  if (!result.ok) {
    return result.reason === "throttled"
      ? json<ActionData>({ refused: "throttled", until: result.until }, 429)
      : json<ActionData>({ refused: "nothing" }, 400);
  }
  return redirect(`/competitions/${slug}/rounds/${roundId}/progress?sent=${result.sent}&skipped=${result.skipped}`);
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

export default function RoundProgressPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const slug = d.competition.slug;
  return (
    <>
      <PageHeader
        title={t("juror.progress.title")}
        lead={t("juror.roundLead", { position: d.round.position, name: d.round.name, k: d.round.k })}
        breadcrumb={
          <>
            <Link to={`/competitions/${slug}`}>{d.competition.name}</Link> ›{" "}
            <Link to={`/competitions/${slug}/rounds/${d.round.id}`}>{d.round.name}</Link>
          </>
        }
      />
      <RoundNav slug={slug} roundId={d.round.id} current="progress" />

      {d.done ? (
        <Alert kind="success">
          {d.done.skipped > 0 ? t("juror.progress.sentSkipped", { sent: d.done.sent, skipped: d.done.skipped }) : t("juror.progress.sent", { sent: d.done.sent })}
        </Alert>
      ) : null}
      {data?.refused === "throttled" ? (
        <Alert kind="error">{t("juror.progress.throttled", { when: formatWib(data.until, locale) })}</Alert>
      ) : null}
      {data?.refused === "nothing" ? <Alert kind="error">{t("juror.progress.nothing")}</Alert> : null}
      {data?.refused === "invalid" ? <Alert kind="error">{t("errors.form")}</Alert> : null}

      <p>
        <strong>{t("juror.progress.totals", d.totals)}</strong>
      </p>
      <p className="muted small">{t("juror.progress.note")}</p>

      {d.jurors.length === 0 ? (
        <EmptyState message="juror.progress.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("juror.progress.caption", { position: d.round.position })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("juror.progress.col.juror")}</th>
                <th scope="col" className="num">
                  {t("juror.progress.col.assigned")}
                </th>
                <th scope="col" className="num">
                  {t("juror.progress.col.opened")}
                </th>
                <th scope="col" className="num">
                  {t("juror.progress.col.completed")}
                </th>
                <th scope="col">{t("juror.progress.col.percent")}</th>
                <th scope="col">{t("juror.progress.col.lastActivity")}</th>
                <th scope="col" className="num">
                  {t("juror.progress.col.conflicts")}
                </th>
                <th scope="col">{t("juror.progress.col.reminder")}</th>
              </tr>
            </thead>
            <tbody>
              {d.jurors.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    {j.name}
                    <br />
                    <span className="muted small">
                      {j.email}
                      {j.status !== "active" ? ` · ${t(`juror.jurorStatus.${j.status}` as MessageKey)}` : ""}
                    </span>
                  </th>
                  <td className="num">{j.assigned}</td>
                  <td className="num">{j.opened}</td>
                  <td className="num">{j.completed}</td>
                  <td>
                    <progress value={j.completed} max={Math.max(j.assigned, 1)} aria-hidden="true" style={{ width: "6rem" }} />{" "}
                    <span className="small">{t("juror.progress.percent", { percent: j.percent })}</span>
                  </td>
                  <td>{j.lastActivity ? formatWib(j.lastActivity, locale) : t("juror.progress.never")}</td>
                  <td className="num">{j.declaredConflicts}</td>
                  <td>
                    {j.unfinished ? (
                      j.throttledUntil ? (
                        <span className="small muted">{t("juror.progress.throttledUntil", { when: formatWib(j.throttledUntil, locale) })}</span>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remind" />
                          <input type="hidden" name="jurorId" value={j.id} />
                          <button type="submit" className="button-quiet" disabled={busy} aria-label={t("juror.progress.remindFor", { name: j.name })}>
                            {t("juror.progress.remind")}
                          </button>
                        </Form>
                      )
                    ) : (
                      <span className="small muted">{t("juror.progress.noWork")}</span>
                    )}
                    {j.lastReminded ? (
                      <>
                        <br />
                        <span className="small muted">{t("juror.progress.lastReminded", { when: formatWib(j.lastReminded, locale) })}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="card" aria-labelledby="remind-all-heading" style={{ marginTop: "1.25rem" }}>
        <h2 id="remind-all-heading">{t("juror.progress.remind")}</h2>
        <p className="muted small">{t("juror.progress.remindAllHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="remindAll" />
          <button type="submit" className="button" disabled={busy || d.remindable === 0}>
            {t("juror.progress.remindAll", { count: d.remindable })}
          </button>
        </Form>
      </section>
    </>
  );
}
