import { roundAction, type IntentFailure } from "~/lib/round-route.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { RoundBreadcrumb, RoundSetupNav } from "~/components/rounds/state-panel";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { ChecklistItemSchema, ChecklistRefSchema, TeamMemberSchema, TeamRemoveSchema } from "~/schemas/round-settings";
import {
  addFieldTeamMember,
  getFieldPage,
  removeChecklistItem,
  removeFieldTeamMember,
  saveChecklistItem,
} from "~/services/round-lifecycle.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Verifikasi lapangan ${data.round.name} · ${data.competition.name} · Sayembara` : "Verifikasi lapangan · Sayembara" },
];

const NOTICES = ["itemSaved", "itemRemoved", "memberAdded", "memberRemoved"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getFieldPage(getDb(), actor, params.slug ?? "", params.roundId ?? "");
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const notice = url.searchParams.get("notice");
  return json({
    ...page,
    editing: editId ? (page.checklist.find((i) => i.id === editId) ?? null) : null,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? notice : null,
  });
}

type Failure = IntentFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, slug, roundId, form, intent, here } = await roundAction(request, params, "field", getFieldPage);
  const fail = (errors: FieldErrors, values: Record<string, string>) => json<Failure>({ intent, errors, values }, 400);
  if (intent === "saveItem") {
    const parsed = parseForm(ChecklistItemSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const r = await saveChecklistItem(db, actor, slug, roundId, parsed.data);
    return r.ok ? redirect(`${here}?notice=itemSaved#checklist`) : fail(r.errors, parsed.values);
  }
  if (intent === "removeItem") {
    const parsed = parseForm(ChecklistRefSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const r = await removeChecklistItem(db, actor, slug, roundId, parsed.data.itemId);
    return r.ok ? redirect(`${here}?notice=itemRemoved#checklist`) : fail(r.errors, parsed.values);
  }
  if (intent === "addMember") {
    const parsed = parseForm(TeamMemberSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const r = await addFieldTeamMember(db, actor, slug, roundId, parsed.data);
    return r.ok ? redirect(`${here}?notice=memberAdded#teams`) : fail(r.errors, parsed.values);
  }
  if (intent === "removeMember") {
    const parsed = parseForm(TeamRemoveSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const r = await removeFieldTeamMember(db, actor, slug, roundId, parsed.data.assignmentId);
    return r.ok ? redirect(`${here}?notice=memberRemoved#teams`) : fail(r.errors, parsed.values);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function FieldPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const r = d.round;
  const base = `/competitions/${c.slug}/rounds/${r.id}`;
  const itemFailed = data?.intent === "saveItem" ? data : undefined;
  const memberFailed = data?.intent === "addMember" ? data : undefined;
  const otherFailed = data && data.intent !== "saveItem" && data.intent !== "addMember" ? data : undefined;
  const e = d.editing;
  const stored: Record<string, string> = e ? { itemId: e.id, key: e.key, labelId: e.labelId, labelEn: e.labelEn } : {};
  const v = (name: string) => (itemFailed ? (itemFailed.values[name] ?? "") : (stored[name] ?? ""));
  const editingId = itemFailed ? itemFailed.values.itemId : e?.id;

  return (
    <>
      <PageHeader
        title={t("scoring.field.title", { name: r.name })}
        lead={t("scoring.field.lead", { pool: t(`assignment.pool.${r.poolRole}` as MessageKey) })}
        breadcrumb={<RoundBreadcrumb competition={c} round={r} />}
      />
      {d.notice && !data ? <Alert kind="success">{t(`scoring.field.notice.${d.notice}` as MessageKey)}</Alert> : null}
      <FormErrors errors={otherFailed?.errors} />

      <section aria-labelledby="teams-heading" id="teams">
        <h2 id="teams-heading">{t("scoring.field.teams")}</h2>
        <p className="muted">{t("scoring.field.teamRule")}</p>
        {d.broken > 0 ? <Alert kind="warn">{t("scoring.field.broken", { count: d.broken })}</Alert> : d.teams.length > 0 ? <Alert kind="success">{t("scoring.field.allOk")}</Alert> : null}
        {d.teams.length === 0 ? (
          <EmptyState message="scoring.field.noEntrants" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.slots.proposal")}</th>
                  <th scope="col">{t("scoring.field.team")}</th>
                  <th scope="col">{t("scoring.field.rule")}</th>
                </tr>
              </thead>
              <tbody>
                {d.teams.map((team) => (
                  <tr key={team.proposalId}>
                    <th scope="row">
                      {team.number}
                      <br />
                      <span className="muted">
                        {team.title} · {team.agencyName}
                      </span>
                    </th>
                    <td>
                      {team.members.length === 0 ? (
                        t("scoring.field.nobody")
                      ) : (
                        <ul>
                          {team.members.map((m) => (
                            <li key={m.assignmentId}>
                              {m.name} ({t(`assignment.pool.${m.role}` as MessageKey)})
                              {d.teamsEditable && !m.hasSheet ? (
                                <Form method="post" style={{ display: "inline" }}>
                                  <input type="hidden" name="intent" value="removeMember" />
                                  <input type="hidden" name="assignmentId" value={m.assignmentId} />{" "}
                                  <button type="submit" className="button button-secondary" disabled={busy} aria-label={t("scoring.field.removeLabel", { name: m.name, number: team.number })}>
                                    {t("scoring.field.removeMember")}
                                  </button>
                                </Form>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {team.ok ? (
                        <span className="badge badge-success">{t("scoring.field.ok")}</span>
                      ) : (
                        <span className="badge badge-danger">{t("scoring.field.breaks", { panelists: team.panelists, evaluators: team.evaluators })}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {d.teamsEditable && d.teams.length > 0 ? (
        <section className="card" aria-labelledby="member-heading">
          <h2 id="member-heading">{t("scoring.field.addTitle")}</h2>
          <p className="muted">{t("scoring.field.addLead")}</p>
          <FormErrors errors={memberFailed?.errors} />
          <Form method="post" noValidate key={memberFailed ? JSON.stringify(memberFailed.values) : "new"}>
            <input type="hidden" name="intent" value="addMember" />
            <SelectField
              name="proposalId"
              label={t("scoring.slots.proposal")}
              errors={memberFailed?.errors}
              defaultValue={memberFailed?.values.proposalId ?? d.teams.find((x) => !x.ok)?.proposalId ?? ""}
              options={d.teams.map((x) => ({ value: x.proposalId, label: `${x.number} · ${x.title}${x.ok ? "" : ` (${t("scoring.field.incomplete")})`}` }))}
            />
            <SelectField
              name="jurorId"
              label={t("scoring.field.juror")}
              errors={memberFailed?.errors}
              defaultValue={memberFailed?.values.jurorId ?? ""}
              placeholder={t("scoring.field.pickJuror")}
              options={d.jurors.map((j) => ({ value: j.id, label: `${j.name} · ${t(`assignment.pool.${j.role}` as MessageKey)} · ${j.email}` }))}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("scoring.field.add")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="checklist-heading" id="checklist">
        <h2 id="checklist-heading">{t("scoring.field.checklist")}</h2>
        {!d.checklistEditable ? <Alert kind="info">{t("scoring.field.errors.locked")}</Alert> : null}
        {d.checklist.length === 0 ? (
          <EmptyState message="scoring.field.checklistEmpty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.rubric.key")}</th>
                  <th scope="col">{t("scoring.field.label")}</th>
                  {d.checklistEditable ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.checklist.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <code>{i.key}</code>
                    </th>
                    <td>{locale === "en" ? i.labelEn : i.labelId}</td>
                    {d.checklistEditable ? (
                      <td>
                        <div className="actions">
                          <Link to={`?edit=${i.id}#item-form`} aria-label={t("scoring.field.editLabel", { key: i.key })}>
                            {t("common.edit")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="removeItem" />
                            <input type="hidden" name="itemId" value={i.id} />
                            <button type="submit" className="button button-danger" disabled={busy} aria-label={t("scoring.field.removeItemLabel", { key: i.key })}>
                              {t("scoring.rubric.remove")}
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

      {d.checklistEditable ? (
        <section className="card" aria-labelledby="item-form-heading" id="item-form">
          <h2 id="item-form-heading">{editingId ? t("scoring.field.editItem") : t("scoring.field.addItem")}</h2>
          <FormErrors errors={itemFailed?.errors} />
          <Form method="post" noValidate key={itemFailed ? JSON.stringify(itemFailed.values) : (e?.id ?? "new")}>
            <input type="hidden" name="intent" value="saveItem" />
            {editingId ? <input type="hidden" name="itemId" value={editingId} /> : null}
            <TextField name="key" label={t("scoring.rubric.key")} hint={t("scoring.rubric.keyHint")} errors={itemFailed?.errors} defaultValue={v("key")} required />
            <TextField name="labelId" label={t("scoring.field.labelId")} errors={itemFailed?.errors} defaultValue={v("labelId")} required />
            <TextField name="labelEn" label={t("scoring.field.labelEn")} errors={itemFailed?.errors} defaultValue={v("labelEn")} required lang="en" />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {editingId ? t("common.save") : t("scoring.field.addItemButton")}
              </button>
              {editingId ? (
                <Link to="?#item-form" className="button button-secondary">
                  {t("common.cancel")}
                </Link>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}
      <RoundSetupNav base={base} kind={r.kind} />
    </>
  );
}
