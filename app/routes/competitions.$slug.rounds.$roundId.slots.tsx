import { roundAction, type IntentFailure } from "~/lib/round-route.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { AttendanceBadge } from "~/components/rounds/attendance";
import { RoundBreadcrumb, RoundSetupNav } from "~/components/rounds/state-panel";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib, utcIsoToWibLocal } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { MAX_SLOT_MINUTES, SlotRefSchema, SlotSchema } from "~/schemas/round-settings";
import { getSlotsPage, removeSlot, saveSlot } from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Jadwal presentasi ${data.round.name} · ${data.competition.name} · Sayembara` : "Jadwal presentasi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getSlotsPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    editing: editId ? (page.slots.find((s) => s.id === editId) ?? null) : null,
    notice: notice === "saved" || notice === "removed" ? notice : null,
  });
}

type Failure = IntentFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, slug, roundId, form, intent, here } = await roundAction(request, params, "slots", getSlotsPage);
  const ctx = { origin: publicOrigin(request) };
  if (intent === "save") {
    const parsed = parseForm(SlotSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await saveSlot(db, actor, slug, roundId, parsed.data, ctx);
    return r.ok ? redirect(`${here}?notice=saved#slots`) : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  if (intent === "remove") {
    const parsed = parseForm(SlotRefSchema, form);
    if (!parsed.ok) return json<Failure>({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const r = await removeSlot(db, actor, slug, roundId, parsed.data.slotId, ctx);
    return r.ok ? redirect(`${here}?notice=removed#slots`) : json<Failure>({ intent, errors: r.errors, values: parsed.values }, 400);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function SlotsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}`;
  const failed = data?.intent === "save" ? data : undefined;
  const e = d.editing;
  const stored: Record<string, string> = e
    ? { slotId: e.id, proposalId: e.proposalId, startsAt: utcIsoToWibLocal(e.startsAt), lengthMinutes: String(e.lengthMinutes), meetingLink: e.meetingLink }
    : { lengthMinutes: "20" };
  const v = (name: string) => (failed ? (failed.values[name] ?? "") : (stored[name] ?? ""));
  const editingId = failed ? failed.values.slotId : e?.id;
  const options = d.entrants
    .filter((x) => !x.hasSlot || x.id === v("proposalId"))
    .map((x) => ({ value: x.id, label: `${x.number} · ${x.title} (${x.agencyName})` }));

  return (
    <>
      <PageHeader
        title={t("scoring.slots.title", { name: r.name })}
        lead={t("scoring.slots.lead", { entrants: d.entrants.length, slots: d.slots.length })}
        breadcrumb={<RoundBreadcrumb competition={c} round={r} />}
      />
      {d.notice && !data ? <Alert kind="success">{t(d.notice === "saved" ? "scoring.slots.notice.saved" : "scoring.slots.notice.removed")}</Alert> : null}
      {!d.editable ? <Alert kind="info">{t("scoring.slots.errors.locked")}</Alert> : null}
      <FormErrors errors={data?.intent === "remove" ? data.errors : undefined} />

      <section aria-labelledby="slots-heading" id="slots">
        <h2 id="slots-heading">{t("scoring.slots.list")}</h2>
        {d.slots.length === 0 ? (
          <EmptyState message="scoring.slots.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.slots.startsAt")}</th>
                  <th scope="col">{t("scoring.slots.proposal")}</th>
                  <th scope="col">{t("scoring.slots.length")}</th>
                  <th scope="col">{t("scoring.slots.meetingLink")}</th>
                  <th scope="col">{t("scoring.slots.attendance")}</th>
                  {d.editable ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.slots.map((s) => (
                  <tr key={s.id}>
                    <td>{formatWib(s.startsAt, locale)}</td>
                    <th scope="row">
                      {s.number}
                      <br />
                      <span className="muted">
                        {s.title} · {s.agencyName}
                      </span>
                    </th>
                    <td>{t("scoring.slots.minutes", { minutes: s.lengthMinutes })}</td>
                    <td>{s.meetingLink ? <a href={s.meetingLink}>{s.meetingLink}</a> : "—"}</td>
                    <td>
                      <AttendanceBadge attendance={s.attendance} />
                      {s.attendanceNote ? <div className="muted">{s.attendanceNote}</div> : null}
                      {s.confirmedAt ? <div className="muted">{t("scoring.slots.answeredBy", { name: s.confirmedBy ?? "—", time: formatWib(s.confirmedAt, locale) })}</div> : null}
                    </td>
                    {d.editable ? (
                      <td>
                        <div className="actions">
                          <Link to={`?edit=${s.id}#slot-form`} aria-label={t("scoring.slots.editLabel", { number: s.number })}>
                            {t("common.edit")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="slotId" value={s.id} />
                            <button type="submit" className="button button-danger" disabled={busy} aria-label={t("scoring.slots.removeLabel", { number: s.number })}>
                              {t("scoring.slots.remove")}
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {d.editable ? (
        <section className="card" aria-labelledby="slot-form-heading" id="slot-form">
          <h2 id="slot-form-heading">{editingId ? t("scoring.slots.editTitle") : t("scoring.slots.addTitle")}</h2>
          <p className="muted">{t("scoring.slots.mailHint")}</p>
          <FormErrors errors={failed?.errors} />
          {options.length === 0 && !editingId ? (
            <EmptyState message="scoring.slots.noEntrants" />
          ) : (
            <Form method="post" noValidate key={failed ? JSON.stringify(failed.values) : (e?.id ?? "new")}>
              <input type="hidden" name="intent" value="save" />
              {editingId ? <input type="hidden" name="slotId" value={editingId} /> : null}
              <SelectField name="proposalId" label={t("scoring.slots.proposal")} errors={failed?.errors} defaultValue={v("proposalId")} options={options} disabled={Boolean(editingId)} />
              {editingId ? <input type="hidden" name="proposalId" value={v("proposalId")} /> : null}
              <TextField name="startsAt" type="datetime-local" label={t("scoring.slots.startsAtWib")} errors={failed?.errors} defaultValue={v("startsAt")} required />
              <TextField
                name="lengthMinutes"
                type="number"
                min={1}
                max={MAX_SLOT_MINUTES}
                label={t("scoring.slots.lengthLabel")}
                errors={failed?.errors}
                defaultValue={v("lengthMinutes")}
                required
              />
              <TextField name="meetingLink" type="url" label={t("scoring.slots.meetingLink")} hint={t("scoring.slots.meetingLinkHint")} errors={failed?.errors} defaultValue={v("meetingLink")} />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {editingId ? t("common.save") : t("scoring.slots.add")}
                </button>
                {editingId ? (
                  <Link to="?#slot-form" className="button button-secondary">
                    {t("common.cancel")}
                  </Link>
                ) : null}
              </div>
            </Form>
          )}
        </section>
      ) : null}
      <RoundSetupNav base={base} kind={r.kind} />
    </>
  );
}
