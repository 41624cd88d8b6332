/**
 * /competitions/:slug/announcements/:id — one announcement for its
 * organizer: edit title and Markdown body (with a rendered preview), the
 * generated list (refreshable while a draft), publish now or schedule (WIB),
 * an optional objection window, cancel a schedule, delete a draft, create a
 * correction of a published one, the PDF.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import {
  PublishSchema,
  TextSchema,
  createCorrectionDraft,
  deleteAnnouncementDraft,
  getAnnouncement,
  previewMarkdown,
  publishAnnouncement,
  refreshAnnouncementDraft,
  unscheduleAnnouncement,
  updateAnnouncementDraft,
} from "~/services/announcements.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.announcement.title} · ${data.competition.name} · Sayembara` : "Pengumuman · Sayembara" },
];

const NOTICES = ["created", "saved", "refreshed", "published", "scheduled", "unscheduled", "correction"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getAnnouncement(getDb(), actor, params.slug ?? "", params.id ?? "");
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    noticeNumber: url.searchParams.get("number") ?? "",
  });
}

interface Failure {
  form: "text" | "publish" | "other";
  errors: FieldErrors;
  values: Record<string, string>;
  previewHtml?: string;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const id = params.id ?? "";
  const db = getDb();
  const here = `/competitions/${slug}/announcements/${id}`;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (f: Failure) => json<Failure>(f, 400);

  if (intent === "save" || intent === "preview") {
    const parsed = parseForm(TextSchema, form);
    if (!parsed.ok) return fail({ form: "text", errors: parsed.errors, values: parsed.values });
    if (intent === "preview") {
      // Nothing is saved: the typed text comes back with its rendering.
      await getAnnouncement(db, actor, slug, id);
      return json<Failure>({ form: "text", errors: {}, values: parsed.values, previewHtml: previewMarkdown(parsed.data.bodyMd) });
    }
    const result = await updateAnnouncementDraft(db, actor, slug, id, parsed.data);
    if (!result.ok) return fail({ form: "text", errors: result.errors, values: parsed.values });
    return redirect(`${here}?notice=saved`);
  }
  if (intent === "publish") {
    const parsed = parseForm(PublishSchema, form);
    if (!parsed.ok) return fail({ form: "publish", errors: parsed.errors, values: parsed.values });
    const result = await publishAnnouncement(db, actor, slug, id, parsed.data, { origin: publicOrigin(request) });
    if (!result.ok) return fail({ form: "publish", errors: result.errors, values: parsed.values });
    return redirect(`${here}?notice=${result.status}&number=${encodeURIComponent(result.number)}`);
  }
  if (intent === "refresh") {
    const result = await refreshAnnouncementDraft(db, actor, slug, id);
    if (!result.ok) return fail({ form: "other", errors: result.errors, values: {} });
    return redirect(`${here}?notice=refreshed`);
  }
  if (intent === "unschedule") {
    const result = await unscheduleAnnouncement(db, actor, slug, id);
    if (!result.ok) return fail({ form: "other", errors: result.errors, values: {} });
    return redirect(`${here}?notice=unscheduled`);
  }
  if (intent === "delete") {
    const result = await deleteAnnouncementDraft(db, actor, slug, id);
    if (!result.ok) return fail({ form: "other", errors: result.errors, values: {} });
    return redirect(`/competitions/${slug}/announcements?notice=deleted`);
  }
  if (intent === "correct") {
    const correction = await createCorrectionDraft(db, actor, id);
    return redirect(`/competitions/${slug}/announcements/${correction.id}?notice=correction`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AnnouncementPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const c = d.competition;
  const a = d.announcement;
  const editable = a.status !== "published";
  const textErrors = failed?.form === "text" ? failed.errors : undefined;
  const textValues = failed?.form === "text" ? failed.values : {};
  const publishErrors = failed?.form === "publish" ? failed.errors : undefined;
  const publishValues = failed?.form === "publish" ? failed.values : {};
  const otherErrors = failed?.form === "other" ? failed.errors : undefined;
  const previewHtml = failed?.form === "text" && failed.previewHtml !== undefined ? failed.previewHtml : null;
  const isWinners = a.kind === "winners";
  const mode = publishValues.mode ?? "now";
  const objectionOn = failed?.form === "publish" ? publishValues.objection === "on" : a.objectionDays !== null;

  return (
    <>
      <PageHeader
        title={a.title}
        lead={`${a.number ?? t("announcements.noNumber")} · ${t(`announcements.kind.${a.kind}` as MessageKey)}${a.roundName ? ` · ${a.roundName}` : ""} · ${t(`announcements.status.${a.status}` as MessageKey)}`}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> / <Link to={`/competitions/${c.slug}/announcements`}>{t("announcements.title")}</Link>
          </>
        }
        actions={
          <>
            <a href={`/announcements/${a.id}/pdf`} className="button button-secondary">
              {t("announcements.pdfLink")}
            </a>
            {a.status === "published" ? (
              <Link to={`/announcements/${a.id}`} className="button button-quiet">
                {t("announcements.publicLink")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.notice ? <Alert kind="success">{t(`announcements.notice.${d.notice}` as MessageKey, { number: d.noticeNumber })}</Alert> : null}
      <FormErrors errors={otherErrors} />

      {a.status === "published" ? <Alert kind="info">{t("announcements.publishedOn", { date: formatWib(a.publishedAt, locale) })}</Alert> : null}
      {a.status === "scheduled" ? (
        <Alert kind="info">{t("announcements.scheduledFor", { date: formatWib(a.publishAt, locale), number: a.number ?? "" })}</Alert>
      ) : null}
      {a.supersedesNumber && a.supersedesId ? (
        <p>
          <Link to={`/competitions/${c.slug}/announcements/${a.supersedesId}`}>{t("announcements.supersedes", { number: a.supersedesNumber })}</Link>
        </p>
      ) : null}
      {a.supersededById ? (
        <Alert kind="warn">
          <Link to={`/competitions/${c.slug}/announcements/${a.supersededById}`}>{t("announcements.supersededBy", { number: a.supersededByNumber ?? "" })}</Link>
        </Alert>
      ) : null}
      {a.objectionEndsAt ? <p>{t(`announcements.window.${a.objectionState}` as MessageKey, { date: formatWib(a.objectionEndsAt, locale) })}</p> : null}

      {a.status === "published" && !a.supersededById ? (
        <div className="actions">
          {a.openCorrectionId ? (
            <Link to={`/competitions/${c.slug}/announcements/${a.openCorrectionId}`} className="button button-secondary">
              {t("announcements.correction.open")}
            </Link>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="correct" className="button button-secondary">
                {t("announcements.correction.create")}
              </button>
            </Form>
          )}
        </div>
      ) : null}

      <section className="card" aria-labelledby="text-heading">
        <h2 id="text-heading">{t("announcements.edit.heading")}</h2>
        {editable ? (
          <Form method="post" noValidate>
            <FormErrors errors={textErrors && Object.keys(textErrors).length > 0 ? textErrors : undefined} />
            <TextField name="title" label={t("announcements.field.title")} errors={textErrors} defaultValue={textValues.title ?? a.title} maxLength={300} required />
            <TextAreaField
              name="bodyMd"
              label={t("announcements.field.body")}
              hint={t("announcements.field.bodyHint")}
              errors={textErrors}
              defaultValue={textValues.bodyMd ?? a.bodyMd}
              rows={12}
            />
            <div className="actions">
              <button type="submit" name="intent" value="save" className="button">
                {t("announcements.edit.save")}
              </button>
              <button type="submit" name="intent" value="preview" className="button button-secondary">
                {t("announcements.edit.preview")}
              </button>
            </div>
          </Form>
        ) : (
          <p className="muted">{t("announcements.edit.frozen")}</p>
        )}
        <h3>{t("announcements.edit.previewHeading")}</h3>
        {previewHtml !== null ? <p className="muted small">{t("announcements.edit.previewUnsaved")}</p> : null}
        <div className="prose" dangerouslySetInnerHTML={{ __html: previewHtml ?? a.bodyHtml }} />
      </section>

      <section className="card" aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("announcements.entries.heading", { count: d.entries.length })}</h2>
        <p className="muted small">{t("announcements.entries.generated")}</p>
        {a.status === "draft" ? (
          <Form method="post">
            <button type="submit" name="intent" value="refresh" className="button button-secondary">
              {t("announcements.entries.refresh")}
            </button>
          </Form>
        ) : null}
        {d.entries.length === 0 ? (
          <EmptyState message="announcements.entries.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("announcements.entries.position")}</th>
                  <th scope="col">{t("announcements.entries.number")}</th>
                  <th scope="col">{t("announcements.entries.title")}</th>
                  <th scope="col">{t("announcements.entries.agency")}</th>
                  <th scope="col">{t("announcements.entries.region")}</th>
                  {isWinners ? <th scope="col">{t("announcements.entries.award")}</th> : null}
                  {a.kind === "finalists" ? <th scope="col">{t("announcements.entries.rank")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  <tr key={e.proposalId}>
                    <td>{e.position}</td>
                    <td>{e.number}</td>
                    <th scope="row">{e.title}</th>
                    <td>{e.agencyName}</td>
                    <td>{e.regionName}</td>
                    {isWinners ? <td>{locale === "en" ? e.labelEn || e.labelId : e.labelId}</td> : null}
                    {a.kind === "finalists" ? <td>{e.rank ?? "—"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {a.status === "draft" ? (
        <section className="card" aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t("announcements.publish.heading")}</h2>
          <p className="muted">{t("announcements.publish.confirm")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="publish" />
            <FormErrors errors={publishErrors} />
            <fieldset className="field">
              <legend>{t("announcements.publish.when")}</legend>
              <label>
                <input type="radio" name="mode" value="now" defaultChecked={mode === "now"} /> {t("announcements.publish.now")}
              </label>
              <label>
                <input type="radio" name="mode" value="schedule" defaultChecked={mode === "schedule"} /> {t("announcements.publish.schedule")}
              </label>
              {publishErrors?.mode ? (
                <span className="error" role="alert">
                  {t(publishErrors.mode)}
                </span>
              ) : null}
            </fieldset>
            <TextField
              name="publishAt"
              type="datetime-local"
              label={t("announcements.publish.publishAt")}
              hint={t("announcements.publish.publishAtHint")}
              errors={publishErrors}
              defaultValue={publishValues.publishAt ?? a.publishAtLocal}
            />
            <div className="field">
              <label>
                <input type="checkbox" name="objection" defaultChecked={objectionOn} /> {t("announcements.publish.objection")}
              </label>
            </div>
            <TextField
              name="objectionDays"
              type="number"
              min={1}
              max={60}
              label={t("announcements.publish.objectionDays")}
              errors={publishErrors}
              defaultValue={publishValues.objectionDays ?? String(a.objectionDays ?? c.objectionDays)}
            />
            <div className="actions">
              <button type="submit" className="button">
                {t("announcements.publish.submit")}
              </button>
            </div>
          </Form>
          {a.number === null ? (
            <Form method="post">
              <button type="submit" name="intent" value="delete" className="button button-quiet">
                {t("announcements.delete")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {a.status === "scheduled" ? (
        <Form method="post">
          <button type="submit" name="intent" value="unschedule" className="button button-secondary">
            {t("announcements.unschedule")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
