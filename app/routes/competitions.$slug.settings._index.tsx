import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatProposalNumber } from "~/domain/proposal-rules";
import { CLUSTERS } from "~/domain/roles";
import { formatWib, utcIsoToWibLocal } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { requiredText } from "~/schemas/common";
import {
  CopySchema,
  ExtensionSchema,
  GeneralSchema,
  NewGroupSchema,
  generalInput,
  newGroupFields,
} from "~/schemas/settings";
import {
  applyStandardSettings,
  copySettings,
  createGroup,
  extendRegistration,
  getSettingsCompetition,
  getSettingsOverview,
  moveGroup,
  updateGeneralSettings,
} from "~/services/settings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pengaturan edisi · ${data.competition.name} · Sayembara` : "Pengaturan edisi · Sayembara" },
];

const NOTICES = ["saved", "groupDeleted", "extended", "copied", "preset"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const overview = await getSettingsOverview(getDb(), actor, params.slug ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...overview, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

const MoveSchema = z.object({ groupId: requiredText(40), direction: z.enum(["up", "down"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const competition = await getSettingsCompetition(db, actor, params.slug ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: Notice, hash = "") => redirect(`/competitions/${competition.slug}/settings?notice=${notice}${hash}`);

  if (intent === "general") {
    const parsed = parseForm(GeneralSchema, form);
    // Several boxes share one name; values keeps only one of them.
    const clusters = form.getAll("allowedClusters").filter((v): v is string => typeof v === "string");
    if (!parsed.ok) return json({ intent, clusters, ...parsed }, 400);
    const result = await updateGeneralSettings(db, actor, competition.id, generalInput(parsed.data));
    if (!result.ok) return json({ intent, clusters, ...failure(result.errors, parsed.values) }, 400);
    return back("saved", "#general-heading");
  }

  if (intent === "createGroup") {
    const parsed = parseForm(NewGroupSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await createGroup(db, actor, competition.id, newGroupFields(parsed.data));
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values) }, 400);
    return redirect(`/competitions/${competition.slug}/settings/groups/${result.key}?notice=created`);
  }

  if (intent === "moveGroup") {
    const parsed = parseForm(MoveSchema, form);
    if (!parsed.ok) throw new Response("Bad Request", { status: 400 });
    await moveGroup(db, actor, competition.id, parsed.data.groupId, parsed.data.direction);
    return redirect(`/competitions/${competition.slug}/settings#groups-heading`);
  }

  if (intent === "extend") {
    const parsed = parseForm(ExtensionSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await extendRegistration(db, actor, competition.id, {
      newEndsAt: parsed.data.newEndsAt as string,
      reason: parsed.data.reason,
    });
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back("extended", "#extend-heading");
  }

  if (intent === "copy") {
    const parsed = parseForm(CopySchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await copySettings(db, actor, competition.id, parsed.data.sourceId);
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back("copied");
  }

  if (intent === "preset") {
    const result = await applyStandardSettings(db, actor, competition.id);
    if (!result.ok) return json({ intent, ...failure(result.errors, {}) }, 400);
    return back("preset");
  }

  throw new Response("Bad Request", { status: 400 });
}

function Checkbox({ name, value, label, defaultChecked }: { name: string; value?: string; label: string; defaultChecked: boolean }) {
  const id = value ? `${name}-${value}` : name;
  return (
    <div style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
      <input type="checkbox" id={id} name={name} value={value ?? "on"} defaultChecked={defaultChecked} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export default function SettingsOverview() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const settingsUrl = `/competitions/${c.slug}/settings`;
  const formOf = (intent: string): { errors?: FieldErrors; values?: Record<string, string> } =>
    data && data.intent === intent ? { errors: data.errors, values: data.values } : {};
  const general = formOf("general");
  const newGroup = formOf("createGroup");
  const extend = formOf("extend");
  const copy = formOf("copy");
  const preset = formOf("preset");

  const g = d.general;
  const gv = general.values;
  const reg = g.registration;
  const checkedClusters = data && "clusters" in data && data.intent === "general" ? new Set(data.clusters as string[]) : null;
  const provinceDefault = gv?.provinceCode ?? g.eligibleProvinceCode ?? d.organizer.provinceCode ?? "";
  const prefixShown = g.numberPrefix || g.defaultPrefix;
  const groupName = (x: { nameId: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameId);

  return (
    <>
      <PageHeader
        title={t("settings.title")}
        lead={c.name}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
        actions={
          <Link to={`${settingsUrl}/categories`} className="button button-secondary">
            {t("settings.categories.manage")}
          </Link>
        }
      />
      {d.notice ? <Alert kind="success">{t(`settings.notice.${d.notice}` as MessageKey)}</Alert> : null}
      {d.proposalCount > 0 ? <Alert kind="info">{t("settings.hasProposals", { count: d.proposalCount })}</Alert> : null}

      <section className="card" aria-labelledby="general-heading">
        <h2 id="general-heading">{t("settings.general.title")}</h2>
        <FormErrors errors={general.errors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="general" />
          <TextField
            name="numberPrefix"
            label={t("settings.general.prefix")}
            hint={t("settings.general.prefixHint", {
              default: g.defaultPrefix,
              example: formatProposalNumber(prefixShown, 123),
            })}
            defaultValue={gv?.numberPrefix ?? g.numberPrefix}
            errors={general.errors}
            maxLength={20}
            autoComplete="off"
          />
          <fieldset className="field">
            <legend>{t("settings.general.clusters")}</legend>
            <span className="hint">{t("settings.general.clustersHint")}</span>
            {CLUSTERS.map((cl) => (
              <Checkbox
                key={cl}
                name="allowedClusters"
                value={cl}
                label={t(`cluster.${cl}` as MessageKey)}
                defaultChecked={checkedClusters ? checkedClusters.has(cl) : g.allowedClusters.includes(cl)}
              />
            ))}
          </fieldset>
          <fieldset className="field">
            <legend>{t("settings.general.province")}</legend>
            <Checkbox
              name="provinceOnly"
              label={t("settings.general.provinceOnly")}
              defaultChecked={gv ? gv.provinceOnly !== undefined : g.eligibleProvinceCode !== null}
            />
            <SelectField
              name="provinceCode"
              label={t("settings.general.provinceCode")}
              hint={t("settings.general.provinceHint")}
              options={d.provinces.map((p) => ({ value: p.code, label: p.name }))}
              placeholder={t("settings.general.provincePick")}
              defaultValue={provinceDefault}
              errors={general.errors}
            />
          </fieldset>
          <fieldset className="field">
            <legend>{t("settings.general.window")}</legend>
            <span className="hint">{t("settings.general.windowHint")}</span>
            <div className="form-row">
              <TextField
                name="registrationStart"
                type="datetime-local"
                label={t("settings.general.windowStart")}
                defaultValue={gv?.registrationStart ?? (reg.startsAt ? utcIsoToWibLocal(reg.startsAt) : "")}
                errors={general.errors}
              />
              <TextField
                name="registrationEnd"
                type="datetime-local"
                label={t("settings.general.windowEnd")}
                defaultValue={gv?.registrationEnd ?? (reg.endsAt ? utcIsoToWibLocal(reg.endsAt) : "")}
                errors={general.errors}
              />
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("common.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t("settings.groups.title")}</h2>
        <p className="muted">{t("settings.groups.lead")}</p>
        {d.groups.length === 0 ? (
          <>
            <EmptyState message="settings.groups.empty" />
            {d.categoryCount === 0 ? (
              <>
                <FormErrors errors={preset.errors} />
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="preset" />
                  <button type="submit" className="button" disabled={busy}>
                    {t(d.presetKind === "kipp" ? "settings.preset.kipp" : "settings.preset.provincial")}
                  </button>
                  <span className="muted small">{t("settings.preset.hint")}</span>
                </Form>
              </>
            ) : null}
          </>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settings.groups.col.group")}</th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.minAge")}
                  </th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.quota")}
                  </th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.sections")}
                  </th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.slots")}
                  </th>
                  <th scope="col" className="num">
                    {t("settings.groups.col.proposals")}
                  </th>
                  <th scope="col">{t("settings.groups.col.order")}</th>
                </tr>
              </thead>
              <tbody>
                {d.groups.map((grp, i) => (
                  <tr key={grp.id}>
                    <th scope="row">
                      <Link to={`${settingsUrl}/groups/${grp.key}`}>{groupName(grp)}</Link>
                      <br />
                      <code className="muted small">{grp.key}</code>
                    </th>
                    <td className="num">{grp.minAgeMonths}</td>
                    <td className="num">{grp.quotaPerAgency ?? t("settings.groups.noQuota")}</td>
                    <td className="num">{grp.sectionCount}</td>
                    <td className="num">{grp.slotCount}</td>
                    <td className="num">{grp.proposalCount}</td>
                    <td>
                      <Form method="post" style={{ display: "flex", gap: "0.4rem" }}>
                        <input type="hidden" name="intent" value="moveGroup" />
                        <input type="hidden" name="groupId" value={grp.id} />
                        <button
                          type="submit"
                          name="direction"
                          value="up"
                          className="button-quiet"
                          disabled={busy || i === 0}
                          aria-label={t("settings.groups.moveUp", { name: groupName(grp) })}
                        >
                          {t("settings.row.up")}
                        </button>
                        <button
                          type="submit"
                          name="direction"
                          value="down"
                          className="button-quiet"
                          disabled={busy || i === d.groups.length - 1}
                          aria-label={t("settings.groups.moveDown", { name: groupName(grp) })}
                        >
                          {t("settings.row.down")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("settings.groups.add")}</h3>
        <FormErrors errors={newGroup.errors} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="createGroup" />
          <div className="form-row">
            <TextField
              name="key"
              label={t("settings.field.key")}
              hint={t("settings.field.keyHint")}
              defaultValue={newGroup.values?.key ?? ""}
              errors={newGroup.errors}
              maxLength={40}
              autoComplete="off"
              required
            />
            <TextField
              name="nameId"
              label={t("settings.field.nameId")}
              defaultValue={newGroup.values?.nameId ?? ""}
              errors={newGroup.errors}
              maxLength={120}
              lang="id"
              required
            />
            <TextField
              name="nameEn"
              label={t("settings.field.nameEn")}
              defaultValue={newGroup.values?.nameEn ?? ""}
              errors={newGroup.errors}
              maxLength={120}
              lang="en"
              required
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("settings.groups.addSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t("settings.categories.title")}</h2>
        <p>{t("settings.categories.count", { count: d.categoryCount })}</p>
        <Link to={`${settingsUrl}/categories`}>{t("settings.categories.manage")}</Link>
      </section>

      <section className="card" aria-labelledby="extend-heading">
        <h2 id="extend-heading">{t("settings.extend.title")}</h2>
        <p>
          {t("settings.extend.current")}: <strong>{formatWib(reg.endsAt, locale)}</strong>
        </p>
        {d.extensions.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="muted small" style={{ textAlign: "left", padding: "0.5rem 0.8rem" }}>
                {t("settings.extend.history")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("settings.extend.col.at")}</th>
                  <th scope="col">{t("settings.extend.col.previous")}</th>
                  <th scope="col">{t("settings.extend.col.new")}</th>
                  <th scope="col">{t("settings.extend.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {d.extensions.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{formatWib(e.createdAt, locale)}</th>
                    <td>{formatWib(e.previousEndsAt, locale)}</td>
                    <td>{formatWib(e.newEndsAt, locale)}</td>
                    <td style={{ whiteSpace: "pre-line" }}>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {reg.endsAt ? (
          <>
            <h3>{t("settings.extend.formTitle")}</h3>
            <p className="muted small">{t("settings.extend.hint")}</p>
            <FormErrors errors={extend.errors} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="extend" />
              <TextField
                name="newEndsAt"
                type="datetime-local"
                label={t("settings.extend.newEnd")}
                defaultValue={extend.values?.newEndsAt ?? ""}
                errors={extend.errors}
                required
              />
              <TextAreaField
                name="reason"
                label={t("settings.extend.reason")}
                hint={t("settings.extend.reasonHint")}
                defaultValue={extend.values?.reason ?? ""}
                errors={extend.errors}
                maxLength={1000}
                required
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("settings.extend.submit")}
                </button>
              </div>
            </Form>
          </>
        ) : (
          <p className="muted">{t("settings.extend.noWindow")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="copy-heading">
        <h2 id="copy-heading">{t("settings.copy.title")}</h2>
        <p className="muted">{t("settings.copy.lead")}</p>
        {d.proposalCount > 0 ? (
          <Alert kind="info">{t("settings.copy.locked")}</Alert>
        ) : d.otherEditions.length === 0 ? (
          <EmptyState message="settings.copy.none" />
        ) : (
          <>
            <FormErrors errors={copy.errors} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="copy" />
              <SelectField
                name="sourceId"
                label={t("settings.copy.source")}
                options={d.otherEditions.map((e) => ({ value: e.id, label: `${e.name} (${e.year})` }))}
                placeholder={t("settings.copy.pick")}
                defaultValue={copy.values?.sourceId ?? ""}
                errors={copy.errors}
                required
              />
              <div className="field">
                <Checkbox name="confirm" label={t("settings.copy.confirm")} defaultChecked={false} />
                {copy.errors?.confirm ? (
                  <span className="error" role="alert">
                    {t(copy.errors.confirm)}
                  </span>
                ) : null}
              </div>
              <div className="actions">
                <button type="submit" className="button button-secondary" disabled={busy}>
                  {t("settings.copy.submit")}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </>
  );
}
