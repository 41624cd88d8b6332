/**
 * The awards page of an edition (organizer admins, "award.manage"): award
 * tiers (editor and presets), the winners the rule proposes and applying it,
 * the winners with deviations (add, move, remove: each with a reason) and the
 * cluster breakdown preview. Every form is a plain POST; no JavaScript needed.
 *
 * Query: ?edit=<tierId> opens a tier in the editor; ?winner=<winnerId> opens
 * the move/remove form of a winner; ?number=<proposal number>&reason=<text>
 * prefills a deviation (the objections page links here after accepting an
 * objection about a winners list).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { ClusterBreakdown } from "~/components/cluster-breakdown";
import { Alert, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { DEVIATION_REASON_MAX, TIER_SIZE_MAX, type AllocationProblem } from "~/domain/awards";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import {
  AddWinnerSchema,
  ApplyRuleSchema,
  MoveTierSchema,
  MoveWinnerSchema,
  PresetSchema,
  RemoveTierSchema,
  RemoveWinnerSchema,
  TierSchema,
} from "~/schemas/awards";
import {
  addWinner,
  applyTierPreset,
  applyWinnerRule,
  getAwardsPage,
  loadAwardsCompetition,
  moveTier,
  moveWinner,
  removeTier,
  removeWinner,
  saveTier,
  type AwardsResult,
} from "~/services/awards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Penghargaan · ${data.competition.name} · Sayembara` : "Penghargaan · Sayembara" },
];

const NOTICES = ["tierSaved", "tierRemoved", "tierMoved", "preset", "ruleApplied", "winnerAdded", "winnerMoved", "winnerRemoved"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getAwardsPage(getDb(), actor, params.slug ?? "");
  const url = new URL(request.url);
  const q = (k: string) => url.searchParams.get(k) ?? "";
  const notice = (NOTICES as readonly string[]).includes(q("notice")) ? (q("notice") as Notice) : null;
  const prefillNumber = q("number").trim().toUpperCase().slice(0, 64);
  const editing = page.tiers.find((x) => x.id === q("edit")) ?? null;
  const winner =
    page.winners.find((w) => w.id === q("winner")) ?? (prefillNumber ? (page.winners.find((w) => w.number === prefillNumber) ?? null) : null);
  return json({
    ...page,
    editingId: editing?.id ?? null,
    winnerId: winner?.id ?? null,
    prefill: { number: prefillNumber, reason: q("reason").slice(0, DEVIATION_REASON_MAX) },
    notice,
    noticeParams: { count: Number(q("count")) || 0, created: Number(q("created")) || 0, skipped: q("skipped").slice(0, 200) },
  });
}

type ActionData = { form: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const c = await loadAwardsCompetition(db, actor, params.slug ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const base = `/competitions/${c.slug}/awards`;
  const fail = (errors: FieldErrors, values: Record<string, string>) => json<ActionData>({ form: intent, errors, values }, 400);
  const done = (r: AwardsResult, values: Record<string, string>, to: string) => (r.ok ? redirect(to) : fail(r.errors, values));

  switch (intent) {
    case "preset": {
      const p = parseForm(PresetSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      const r = await applyTierPreset(db, actor, c.id, p.data.preset);
      const skipped = r.skipped.length ? `&skipped=${encodeURIComponent(r.skipped.join(", "))}` : "";
      return redirect(`${base}?notice=preset&created=${r.created.length}${skipped}`);
    }
    case "saveTier": {
      const p = parseForm(TierSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await saveTier(db, actor, c.id, p.data), p.values, `${base}?notice=tierSaved`);
    }
    case "tierUp":
    case "tierDown": {
      const p = parseForm(MoveTierSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await moveTier(db, actor, c.id, p.data.tierId, p.data.intent === "tierUp" ? "up" : "down"), p.values, `${base}?notice=tierMoved`);
    }
    case "removeTier": {
      const p = parseForm(RemoveTierSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await removeTier(db, actor, c.id, p.data.tierId), p.values, `${base}?notice=tierRemoved`);
    }
    case "applyRule": {
      const p = parseForm(ApplyRuleSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      const r = await applyWinnerRule(db, actor, c.id);
      return r.ok ? redirect(`${base}?notice=ruleApplied&count=${r.count}`) : fail(r.errors, p.values);
    }
    case "addWinner": {
      const p = parseForm(AddWinnerSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await addWinner(db, actor, c.id, p.data), p.values, `${base}?notice=winnerAdded`);
    }
    case "moveWinner": {
      const p = parseForm(MoveWinnerSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await moveWinner(db, actor, c.id, p.data), p.values, `${base}?notice=winnerMoved`);
    }
    case "removeWinner": {
      const p = parseForm(RemoveWinnerSchema, form);
      if (!p.ok) return fail(p.errors, p.values);
      return done(await removeWinner(db, actor, c.id, p.data), p.values, `${base}?notice=winnerRemoved`);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function AwardsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const base = `/competitions/${c.slug}/awards`;
  const tierName = (x: { nameId: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameId);
  const tierById = new Map(d.tiers.map((x) => [x.id, x]));
  const numberOf = new Map<string, string>();
  for (const w of d.winners) numberOf.set(w.proposalId, w.number);
  for (const p of d.proposed) numberOf.set(p.proposalId, p.number);

  const errorsFor = (...forms: string[]) => (data && forms.includes(data.form) ? data.errors : undefined);
  const valuesFor = (...forms: string[]) => (data && forms.includes(data.form) ? data.values : undefined);

  // The tier editor: the tier being edited (or a failed save), else a new one.
  const tierValues = valuesFor("saveTier");
  const editingId = tierValues ? tierValues.tierId || null : d.editingId;
  const editing = editingId ? (tierById.get(editingId) ?? null) : null;
  const tierDefault = (k: "key" | "nameId" | "nameEn" | "size" | "groupId" | "roundId") =>
    tierValues ? (tierValues[k] ?? "") : editing ? String(editing[k] ?? "") : k === "size" ? "1" : "";

  // The deviation card of one winner (move/remove), from the query or a failed submit.
  const winnerValues = valuesFor("moveWinner", "removeWinner");
  const winnerId = winnerValues?.winnerId ?? d.winnerId;
  const winner = winnerId ? (d.winners.find((w) => w.id === winnerId) ?? null) : null;
  const addValues = valuesFor("addWinner");

  const groupOptions = [
    { value: "", label: t("awards.tiers.allGroups") },
    ...d.groups.map((g) => ({ value: g.id, label: locale === "en" ? g.nameEn : g.nameId })),
  ];
  const roundOptions = [
    { value: "", label: d.defaultRound ? t("awards.tiers.lastRoundIs", { name: d.defaultRound.name }) : t("awards.tiers.lastRound") },
    ...d.rounds.map((r) => ({ value: r.id, label: r.decided ? r.name : t("awards.tiers.notDecided", { name: r.name }) })),
  ];
  const tierOptions = d.tiers.map((x) => ({ value: x.id, label: tierName(x) }));

  const problemText = (p: AllocationProblem) => {
    const tier = tierById.get(p.tierId);
    const name = tier ? tierName(tier) : p.tierId;
    if (p.kind === "round_missing") return t("awards.problem.round_missing", { tier: name });
    if (p.kind === "short") return t("awards.problem.short", { tier: name, filled: p.filled, size: p.size });
    return t("awards.problem.tie", { tier: name, rank: p.rank, numbers: p.proposalIds.map((id) => numberOf.get(id) ?? id).join(", ") });
  };

  const noticeText = () => {
    switch (d.notice) {
      case "preset":
        return t("awards.notice.preset", { created: d.noticeParams.created });
      case "ruleApplied":
        return t("awards.notice.ruleApplied", { count: d.noticeParams.count });
      case null:
        return null;
      default:
        return t(`awards.notice.${d.notice}`);
    }
  };
  const topErrors = data && ["tierUp", "tierDown", "applyRule", "preset"].includes(data.form) ? data.errors : undefined;

  return (
    <>
      <PageHeader
        title={t("awards.pageTitle")}
        lead={t("awards.lead")}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
        actions={
          <>
            <Link to={`/competitions/${c.slug}/announcements`}>{t("awards.link.announcements")}</Link>
            <Link to={`/competitions/${c.slug}/objections`}>{t("awards.link.objections")}</Link>
            <Link to={`/competitions/${c.slug}/certificates`}>{t("awards.link.certificates")}</Link>
          </>
        }
      />
      {d.notice && !data ? <Alert kind="success">{noticeText()}</Alert> : null}
      {d.notice === "preset" && d.noticeParams.skipped && !data ? (
        <Alert kind="warn">{t("awards.notice.presetSkipped", { keys: d.noticeParams.skipped })}</Alert>
      ) : null}
      {data && !topErrors ? <FormErrors errors={data.errors} /> : null}
      <FormErrors errors={topErrors} />

      {/* ------------------------------------------------------------ tiers */}
      <section aria-labelledby="tiers-title" className="card">
        <h2 id="tiers-title">{t("awards.tiers.title")}</h2>
        <p className="muted">{t("awards.tiers.lead")}</p>
        {d.tiers.length === 0 ? (
          <p className="empty">{t("awards.tiers.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("awards.tiers.col.name")}</th>
                  <th scope="col">{t("awards.tiers.col.key")}</th>
                  <th scope="col" className="num">
                    {t("awards.tiers.col.size")}
                  </th>
                  <th scope="col">{t("awards.tiers.col.group")}</th>
                  <th scope="col">{t("awards.tiers.col.round")}</th>
                  <th scope="col" className="num">
                    {t("awards.tiers.col.winners")}
                  </th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.tiers.map((x, i) => (
                  <tr key={x.id}>
                    <td>{i + 1}</td>
                    <th scope="row">{tierName(x)}</th>
                    <td>
                      <code>{x.key}</code>
                    </td>
                    <td className="num">{x.size}</td>
                    <td>{x.groupName ? (locale === "en" ? x.groupName.en : x.groupName.id) : t("awards.tiers.allGroups")}</td>
                    <td>{x.roundName ?? t("awards.tiers.lastRound")}</td>
                    <td className="num">{t("awards.winners.count", { count: x.winnerCount, size: x.size })}</td>
                    <td>
                      <Form method="post" style={{ display: "flex", gap: "0.35rem", flexWrap: "wrap" }}>
                        <input type="hidden" name="tierId" value={x.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="tierUp"
                          className="button-quiet"
                          disabled={busy || i === 0}
                          aria-label={t("awards.tiers.upLabel", { name: tierName(x) })}
                        >
                          {t("awards.tiers.up")}
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="tierDown"
                          className="button-quiet"
                          disabled={busy || i === d.tiers.length - 1}
                          aria-label={t("awards.tiers.downLabel", { name: tierName(x) })}
                        >
                          {t("awards.tiers.down")}
                        </button>
                        <Link to={`${base}?edit=${x.id}#tier-form`} className="button-quiet" aria-label={t("awards.tiers.editLabel", { name: tierName(x) })}>
                          {t("common.edit")}
                        </Link>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.defaultRound ? null : <p className="muted small">{t("awards.tiers.noDecidedRound")}</p>}

        <h3 id="tier-form">{editing ? t("awards.tiers.edit", { name: tierName(editing) }) : t("awards.tiers.add")}</h3>
        <Form method="post" noValidate key={editing?.id ?? "new"}>
          <input type="hidden" name="tierId" value={editing?.id ?? ""} />
          <div className="form-row">
            <TextField name="key" label={t("awards.tiers.field.key")} errors={errorsFor("saveTier")} defaultValue={tierDefault("key")} maxLength={40} required />
            <TextField
              name="size"
              type="number"
              inputMode="numeric"
              min={1}
              max={TIER_SIZE_MAX}
              label={t("awards.tiers.field.size")}
              errors={errorsFor("saveTier")}
              defaultValue={tierDefault("size")}
              required
            />
          </div>
          <div className="form-row">
            <TextField name="nameId" lang="id" label={t("awards.tiers.field.nameId")} errors={errorsFor("saveTier")} defaultValue={tierDefault("nameId")} maxLength={200} required />
            <TextField name="nameEn" lang="en" label={t("awards.tiers.field.nameEn")} errors={errorsFor("saveTier")} defaultValue={tierDefault("nameEn")} maxLength={200} required />
          </div>
          <div className="form-row">
            <SelectField name="groupId" label={t("awards.tiers.field.group")} errors={errorsFor("saveTier")} options={groupOptions} defaultValue={tierDefault("groupId")} />
            <SelectField name="roundId" label={t("awards.tiers.field.round")} errors={errorsFor("saveTier")} options={roundOptions} defaultValue={tierDefault("roundId")} />
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="saveTier" className="button" disabled={busy}>
              {t("awards.tiers.save")}
            </button>
            {editing ? (
              <Link to={base} className="button button-secondary">
                {t("common.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
        {editing ? (
          <Form method="post" noValidate style={{ marginTop: "1rem" }}>
            <input type="hidden" name="tierId" value={editing.id} />
            <label className="checkbox" htmlFor="removeConfirm">
              <input type="checkbox" id="removeConfirm" name="confirm" value="yes" aria-describedby={errorsFor("removeTier")?.confirm ? "removeConfirm-error" : undefined} />
              {t("awards.tiers.removeConfirm")}
            </label>
            {errorsFor("removeTier")?.confirm ? (
              <span className="error" id="removeConfirm-error" role="alert">
                {t(errorsFor("removeTier")!.confirm!)}
              </span>
            ) : null}
            <div className="actions">
              <button type="submit" name="intent" value="removeTier" className="button button-danger" disabled={busy}>
                {t("awards.tiers.remove")}
              </button>
            </div>
          </Form>
        ) : null}

        <h3>{t("awards.preset.title")}</h3>
        <Form method="post" noValidate>
          <SelectField
            name="preset"
            label={t("awards.preset.field")}
            hint={t("awards.preset.hint")}
            errors={errorsFor("preset")}
            options={[
              { value: "kipp", label: t("awards.preset.kipp") },
              { value: "provincial", label: t("awards.preset.provincial") },
            ]}
            defaultValue={valuesFor("preset")?.preset ?? (c.organizerKind === "provincial" ? "provincial" : "kipp")}
          />
          <div className="actions">
            <button type="submit" name="intent" value="preset" className="button button-secondary" disabled={busy}>
              {t("awards.preset.apply")}
            </button>
          </div>
        </Form>
      </section>

      {/* ------------------------------------------------------------- rule */}
      <section aria-labelledby="rule-title" className="card">
        <h2 id="rule-title">{t("awards.rule.title")}</h2>
        <p className="muted">{t("awards.rule.lead")}</p>
        {d.problems.length ? (
          <Alert kind="warn">
            <ul style={{ margin: 0 }}>
              {d.problems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {d.proposed.length === 0 ? (
          <p className="empty">{t("awards.rule.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("awards.deviation.tier")}</th>
                  <th scope="col" className="num">
                    {t("awards.rule.col.rank")}
                  </th>
                  <th scope="col">{t("awards.winners.col.number")}</th>
                  <th scope="col">{t("awards.winners.col.title")}</th>
                  <th scope="col">{t("awards.winners.col.agency")}</th>
                  <th scope="col">{t("awards.rule.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.proposed.map((p) => {
                  const tier = tierById.get(p.tierId);
                  return (
                    <tr key={`${p.tierId}-${p.proposalId}`}>
                      <td>{tier ? tierName(tier) : ""}</td>
                      <td className="num">{p.rank}</td>
                      <th scope="row">{p.number}</th>
                      <td>{p.title}</td>
                      <td>{p.agencyName}</td>
                      <td>
                        <span className={p.current ? "badge badge-success" : "badge"}>{p.current ? t("awards.rule.current") : t("awards.rule.new")}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {d.tiers.length > 0 ? (
          <Form method="post" noValidate style={{ marginTop: "1rem" }}>
            <label className="checkbox" htmlFor="confirm">
              <input
                type="checkbox"
                id="confirm"
                name="confirm"
                value="yes"
                aria-describedby={errorsFor("applyRule")?.confirm ? "confirm-error rule-note" : "rule-note"}
              />
              {t("awards.rule.confirm")}
            </label>
            {errorsFor("applyRule")?.confirm ? (
              <span className="error" id="confirm-error" role="alert">
                {t(errorsFor("applyRule")!.confirm!)}
              </span>
            ) : null}
            <p className="muted small" id="rule-note">
              {t("awards.rule.resetNote")}
            </p>
            <div className="actions">
              <button type="submit" name="intent" value="applyRule" className="button" disabled={busy}>
                {t("awards.rule.apply")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {/* ---------------------------------------------------------- winners */}
      <section aria-labelledby="winners-title" className="card">
        <h2 id="winners-title">{t("awards.winners.title")}</h2>
        {d.winners.length === 0 ? <p className="empty">{t("awards.winners.empty")}</p> : null}
        {d.winners.length > 0
          ? d.tiers.map((x) => {
              const ws = d.winners.filter((w) => w.tierId === x.id);
              return (
                <div key={x.id} style={{ marginBottom: "1.25rem" }}>
                  <h3>
                    {tierName(x)} <span className="badge badge-muted">{t("awards.winners.count", { count: ws.length, size: x.size })}</span>
                  </h3>
                  {ws.length === 0 ? (
                    <p className="muted">{t("awards.winners.tierEmpty")}</p>
                  ) : (
                    <div className="table-wrap">
                      <table>
                        <thead>
                          <tr>
                            <th scope="col" className="num">
                              {t("awards.winners.col.position")}
                            </th>
                            <th scope="col">{t("awards.winners.col.number")}</th>
                            <th scope="col">{t("awards.winners.col.title")}</th>
                            <th scope="col">{t("awards.winners.col.agency")}</th>
                            <th scope="col">{t("awards.winners.col.source")}</th>
                            <th scope="col">{t("common.actions")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {ws.map((w) => (
                            <tr key={w.id}>
                              <td className="num">{w.position}</td>
                              <th scope="row">{w.number}</th>
                              <td>{w.title}</td>
                              <td>{w.agencyName}</td>
                              <td>
                                <span className={w.source === "manual" ? "badge" : "badge badge-muted"}>{t(`awards.source.${w.source}`)}</span>
                                {w.deviationReason ? <div className="small muted">{w.deviationReason}</div> : null}
                              </td>
                              <td>
                                <Link to={`${base}?winner=${w.id}#deviation`} aria-label={t("awards.winners.changeLabel", { number: w.number })}>
                                  {t("awards.winners.change")}
                                </Link>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </div>
              );
            })
          : null}

        <div id="deviation">
          {winner ? (
            <>
              <h3>{t("awards.deviation.title", { number: winner.number })}</h3>
              <p>
                {winner.title} · {winner.agencyName}
              </p>
              {d.prefill.reason ? <p className="muted small">{t("awards.deviation.fromObjection")}</p> : null}
              <Form method="post" noValidate>
                <input type="hidden" name="winnerId" value={winner.id} />
                <SelectField
                  name="tierId"
                  label={t("awards.deviation.moveTo")}
                  errors={errorsFor("moveWinner")}
                  options={tierOptions.filter((o) => o.value !== winner.tierId)}
                  placeholder="—"
                  defaultValue={winnerValues?.tierId ?? ""}
                />
                <TextAreaField
                  name="reason"
                  label={t("awards.deviation.reason")}
                  errors={errorsFor("moveWinner", "removeWinner")}
                  defaultValue={winnerValues?.reason ?? d.prefill.reason}
                  rows={3}
                  maxLength={DEVIATION_REASON_MAX}
                  required
                />
                <div className="actions">
                  <button type="submit" name="intent" value="moveWinner" className="button" disabled={busy}>
                    {t("awards.deviation.submitMove")}
                  </button>
                  <button type="submit" name="intent" value="removeWinner" className="button button-danger" disabled={busy}>
                    {t("awards.deviation.submitRemove")}
                  </button>
                  <Link to={base} className="button button-secondary">
                    {t("common.cancel")}
                  </Link>
                </div>
              </Form>
            </>
          ) : d.tiers.length > 0 ? (
            <>
              <h3>{t("awards.deviation.add")}</h3>
              <p className="muted">{t("awards.deviation.addLead")}</p>
              {d.prefill.reason ? <p className="muted small">{t("awards.deviation.fromObjection")}</p> : null}
              <Form method="post" noValidate>
                <div className="form-row">
                  <SelectField
                    name="tierId"
                    label={t("awards.deviation.tier")}
                    errors={errorsFor("addWinner")}
                    options={tierOptions}
                    defaultValue={addValues?.tierId ?? ""}
                  />
                  <TextField
                    name="number"
                    label={t("awards.deviation.number")}
                    errors={errorsFor("addWinner")}
                    defaultValue={addValues?.number ?? d.prefill.number}
                    maxLength={64}
                    autoComplete="off"
                    required
                  />
                </div>
                <TextAreaField
                  name="reason"
                  label={t("awards.deviation.reason")}
                  errors={errorsFor("addWinner")}
                  defaultValue={addValues?.reason ?? d.prefill.reason}
                  rows={3}
                  maxLength={DEVIATION_REASON_MAX}
                  required
                />
                <div className="actions">
                  <button type="submit" name="intent" value="addWinner" className="button" disabled={busy}>
                    {t("awards.deviation.submitAdd")}
                  </button>
                </div>
              </Form>
            </>
          ) : null}
        </div>
      </section>

      {/* -------------------------------------------------------- breakdown */}
      <section aria-labelledby="breakdown-title" className="card">
        <h2 id="breakdown-title">{t("awards.breakdown.title")}</h2>
        <p className="muted">{d.breakdown.of === "winners" ? t("awards.breakdown.ofWinners") : t("awards.breakdown.ofProposed")}</p>
        <ClusterBreakdown rows={d.breakdown.rows} />
      </section>
    </>
  );
}
