import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { AttendanceBadge } from "~/components/rounds/attendance";
import { Alert, EmptyState, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { AttendanceSchema } from "~/schemas/round-settings";
import { getAgencyPresentations, setAttendance } from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Jadwal presentasi: ${data.agency.name} · Sayembara` : "Jadwal presentasi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getAgencyPresentations(getDb(), actor, params.id ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...page, notice: notice === "confirmed" || notice === "declined" ? notice : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const agencyId = params.id ?? "";
  await getAgencyPresentations(db, actor, agencyId);
  const form = await request.formData();
  const parsed = parseForm(AttendanceSchema, form);
  if (!parsed.ok) return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: parsed.errors, values: parsed.values }, 400);
  const r = await setAttendance(db, actor, agencyId, parsed.data);
  if (!r.ok) return json({ errors: r.errors, values: parsed.values }, 400);
  return redirect(`/agency/${agencyId}/presentations?notice=${parsed.data.attendance}#slot-${parsed.data.slotId}`);
}

export default function AgencyPresentations() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";

  return (
    <>
      <PageHeader title={t("scoring.slots.agencyTitle")} lead={t("scoring.slots.agencyLead", { agency: `${d.agency.name} (${d.agency.code})` })} />
      {d.notice && !data ? <Alert kind="success">{t(d.notice === "confirmed" ? "scoring.slots.notice.confirmed" : "scoring.slots.notice.declined")}</Alert> : null}
      {d.slots.length === 0 ? <EmptyState message="scoring.slots.agencyEmpty" /> : null}
      {d.slots.map((s) => {
        const failed = data && data.values.slotId === s.id ? data : undefined;
        return (
          <section key={s.id} className="card" aria-labelledby={`slot-${s.id}-heading`} id={`slot-${s.id}`}>
            <h2 id={`slot-${s.id}-heading`}>
              {s.number} · {s.title}
            </h2>
            <dl className="meta">
              <dt>{t("nav.competitions")}</dt>
              <dd>
                {s.competitionName} · {s.roundName}
              </dd>
              <dt>{t("scoring.slots.startsAt")}</dt>
              <dd>{formatWib(s.startsAt, locale)}</dd>
              <dt>{t("scoring.slots.length")}</dt>
              <dd>{t("scoring.slots.minutes", { minutes: s.lengthMinutes })}</dd>
              <dt>{t("scoring.slots.meetingLink")}</dt>
              <dd>{s.meetingLink ? <a href={s.meetingLink}>{s.meetingLink}</a> : "—"}</dd>
              <dt>{t("scoring.slots.attendance")}</dt>
              <dd>
                <AttendanceBadge attendance={s.attendance} />
                {s.attendanceNote ? <span className="muted"> {s.attendanceNote}</span> : null}
                {s.confirmedAt ? <div className="muted">{t("scoring.slots.answeredBy", { name: s.confirmedBy ?? "—", time: formatWib(s.confirmedAt, locale) })}</div> : null}
              </dd>
            </dl>
            {s.answerable ? (
              <Form method="post" noValidate>
                <FormErrors errors={failed?.errors} />
                <input type="hidden" name="slotId" value={s.id} />
                <div className="field">
                  <label htmlFor={`note-${s.id}`}>{t("scoring.slots.note")}</label>
                  <span className="hint" id={`note-${s.id}-hint`}>
                    {t("scoring.slots.noteHint")}
                  </span>
                  <textarea
                    id={`note-${s.id}`}
                    name="note"
                    rows={2}
                    maxLength={1000}
                    defaultValue={failed?.values.note ?? s.attendanceNote}
                    aria-invalid={failed?.errors.note ? true : undefined}
                    aria-describedby={failed?.errors.note ? `note-${s.id}-hint note-${s.id}-error` : `note-${s.id}-hint`}
                  />
                  {failed?.errors.note ? (
                    <span className="error" id={`note-${s.id}-error`} role="alert">
                      {t(failed.errors.note)}
                    </span>
                  ) : null}
                </div>
                <div className="actions">
                  <button type="submit" name="attendance" value="confirmed" className="button" disabled={busy}>
                    {t("scoring.slots.confirm")}
                  </button>
                  <button type="submit" name="attendance" value="declined" className="button button-secondary" disabled={busy}>
                    {t("scoring.slots.decline")}
                  </button>
                </div>
              </Form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
