/**
 * /competitions/:slug/announcements — the organizer's announcements of an
 * edition: the list, a draft from a decision, and the numbering pattern with
 * the default objection window ("announcement.manage").
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { translate, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import {
  CreateDraftSchema,
  SettingsSchema,
  createAnnouncementDraft,
  getAnnouncementsPage,
  updateAnnouncementSettings,
} from "~/services/announcements.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? translate(data.locale, "announcements.meta", { name: data.competition.name }) : "Pengumuman · Sayembara" },
];

const NOTICES = ["settingsSaved", "deleted"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getAnnouncementsPage(getDb(), actor, params.slug ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...page, locale: actor.locale, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

interface Failure {
  form: "create" | "settings";
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "create") {
    const parsed = parseForm(CreateDraftSchema, form);
    if (!parsed.ok) return json<Failure>({ form: "create", errors: parsed.errors, values: parsed.values }, 400);
    const result = await createAnnouncementDraft(db, actor, slug, parsed.data);
    if (!result.ok) return json<Failure>({ form: "create", errors: result.errors, values: parsed.values }, 400);
    return redirect(`/competitions/${slug}/announcements/${result.id}?notice=created`);
  }
  if (intent === "settings") {
    const parsed = parseForm(SettingsSchema, form);
    if (!parsed.ok) return json<Failure>({ form: "settings", errors: parsed.errors, values: parsed.values }, 400);
    const result = await updateAnnouncementSettings(db, actor, slug, parsed.data);
    if (!result.ok) return json<Failure>({ form: "settings", errors: result.errors, values: parsed.values }, 400);
    return redirect(`/competitions/${slug}/announcements?notice=settingsSaved`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AnnouncementsIndex() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const c = d.competition;
  const createErrors = failed?.form === "create" ? failed.errors : undefined;
  const settingsErrors = failed?.form === "settings" ? failed.errors : undefined;
  const createValues = failed?.form === "create" ? failed.values : {};
  const settingsValues = failed?.form === "settings" ? failed.values : {};
  const decidedRounds = d.sources.rounds.filter((r) => r.decided);

  return (
    <>
      <PageHeader
        title={t("announcements.title")}
        lead={t("announcements.lead", { name: c.name })}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
      />
      {d.notice ? <Alert kind="success">{t(`announcements.notice.${d.notice}` as MessageKey)}</Alert> : null}

      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("announcements.list.heading")}</h2>
        {d.announcements.length === 0 ? (
          <EmptyState message="announcements.list.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("announcements.col.number")}</th>
                  <th scope="col">{t("announcements.col.title")}</th>
                  <th scope="col">{t("announcements.col.kind")}</th>
                  <th scope="col">{t("announcements.col.status")}</th>
                  <th scope="col">{t("announcements.col.date")}</th>
                  <th scope="col">{t("announcements.col.window")}</th>
                  <th scope="col">{t("announcements.col.entries")}</th>
                </tr>
              </thead>
              <tbody>
                {d.announcements.map((a) => (
                  <tr key={a.id}>
                    <td>{a.number ?? <span className="muted">{t("announcements.noNumber")}</span>}</td>
                    <th scope="row">
                      <Link to={`/competitions/${c.slug}/announcements/${a.id}`}>{a.title}</Link>
                      {a.supersededByNumber ? (
                        <div className="muted small">{t("announcements.supersededBy", { number: a.supersededByNumber })}</div>
                      ) : null}
                      {a.supersedesNumber ? <div className="muted small">{t("announcements.supersedes", { number: a.supersedesNumber })}</div> : null}
                    </th>
                    <td>
                      {t(`announcements.kind.${a.kind}` as MessageKey)}
                      {a.roundName ? ` · ${a.roundName}` : ""}
                    </td>
                    <td>{t(`announcements.status.${a.status}` as MessageKey)}</td>
                    <td>{formatWib(a.publishedAt ?? a.publishAt, locale)}</td>
                    <td>{t(`announcements.window.${a.objectionState}` as MessageKey, { date: formatWib(a.objectionEndsAt, locale) })}</td>
                    <td>{a.entryCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("announcements.create.heading")}</h2>
        <p className="muted">{t("announcements.create.hint")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={createErrors} />
          <SelectField
            name="kind"
            label={t("announcements.create.kind")}
            errors={createErrors}
            defaultValue={createValues.kind ?? (d.sources.winners > 0 ? "winners" : decidedRounds.length > 0 ? "finalists" : "screening")}
            options={(["screening", "finalists", "winners"] as const).map((k) => ({ value: k, label: t(`announcements.kind.${k}` as MessageKey) }))}
          />
          <SelectField
            name="roundId"
            label={t("announcements.create.round")}
            hint={decidedRounds.length === 0 ? t("announcements.create.noRounds") : undefined}
            errors={createErrors}
            defaultValue={createValues.roundId ?? decidedRounds.at(-1)?.id ?? ""}
            placeholder={t("announcements.create.roundPlaceholder")}
            options={decidedRounds.map((r) => ({ value: r.id, label: r.name }))}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t("announcements.create.submit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t("announcements.settings.heading")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <FormErrors errors={settingsErrors} />
          <TextField
            name="pattern"
            label={t("announcements.settings.pattern")}
            hint={t("announcements.settings.patternHint")}
            errors={settingsErrors}
            defaultValue={settingsValues.pattern ?? d.settings.pattern}
            maxLength={80}
            required
          />
          {d.settings.nextNumber ? <p className="muted small">{t("announcements.settings.next", { number: d.settings.nextNumber })}</p> : null}
          <TextField
            name="nextNumber"
            type="number"
            min={d.settings.counter + 1}
            label={t("announcements.settings.nextNumber")}
            hint={t("announcements.settings.nextNumberHint", { min: d.settings.counter + 1 })}
            errors={settingsErrors}
            defaultValue={settingsValues.nextNumber ?? String(d.settings.counter + 1)}
          />
          <TextField
            name="objectionDays"
            type="number"
            min={1}
            max={60}
            label={t("announcements.settings.objectionDays")}
            hint={t("announcements.settings.objectionDaysHint")}
            errors={settingsErrors}
            defaultValue={settingsValues.objectionDays ?? String(d.settings.objectionDays)}
            required
          />
          <div className="actions">
            <button type="submit" className="button button-secondary">
              {t("announcements.settings.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
