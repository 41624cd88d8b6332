import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, TextAreaField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb, type DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import {
  JurorOwnProfileSchema,
  JurorProfileSchema,
  MAX_LOAD,
  profileInputOf,
  RemoveUnavailabilitySchema,
  UnavailabilitySchema,
  WithdrawJurorSchema,
} from "~/schemas/jury";
import {
  addUnavailability,
  competitionOfSlug,
  getJurorProfile,
  reinstateJuror,
  removeUnavailability,
  updateJurorProfile,
  withdrawJuror,
  type JurorProfile,
} from "~/services/jury.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.juror.name} · Juri · ${data.competition.name} · Sayembara` : "Juri · Sayembara" },
];

export const PROFILE_NOTICES = ["saved", "periodAdded", "periodRemoved", "withdrawn", "reinstated", "reinvited"] as const;
export type ProfileNotice = (typeof PROFILE_NOTICES)[number];

export function noticeOf(request: Request): ProfileNotice | null {
  const n = new URL(request.url).searchParams.get("notice");
  return (PROFILE_NOTICES as readonly string[]).includes(n ?? "") ? (n as ProfileNotice) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const profile = await getJurorProfile(getDb(), actor, params.slug ?? "", params.jurorId ?? "", {
    agencyQuery: url.searchParams.get("agencyQuery"),
  });
  return json({ ...profile, notice: noticeOf(request) });
}

export type ProfileActionData = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  expertise?: string[];
};

/**
 * The profile intents shared with the juror's own page (/juror/:slug/profile):
 * the profile form, adding and removing an unavailable period. The service
 * decides what the actor may change (loads only for the organizer).
 * Returns the redirect, or the failure to show; null for an unknown intent.
 */
export async function profileAction(
  db: DB,
  actor: Actor,
  competitionId: string,
  jurorId: string,
  intent: string,
  form: FormData,
  back: (notice: ProfileNotice) => Response,
): Promise<Response | null> {
  if (intent === "profile") {
    // The organizer's form sends the loads; the juror's does not (and the service refuses loads from them).
    const withLoads = form.has("minLoad") || form.has("maxLoad");
    const expertise = form.getAll("expertise").filter((v): v is string => typeof v === "string");
    const parsed = withLoads ? parseForm(JurorProfileSchema, form) : parseForm(JurorOwnProfileSchema, form);
    if (!parsed.ok) return json<ProfileActionData>({ intent, ...parsed, expertise }, 400);
    const result = await updateJurorProfile(db, actor, competitionId, jurorId, profileInputOf(parsed.data));
    if (!result.ok) return json<ProfileActionData>({ intent, ...failure(result.errors, parsed.values), expertise }, 400);
    return back("saved");
  }
  if (intent === "addPeriod") {
    const parsed = parseForm(UnavailabilitySchema, form);
    if (!parsed.ok) return json<ProfileActionData>({ intent, ...parsed }, 400);
    const result = await addUnavailability(db, actor, competitionId, jurorId, parsed.data);
    if (!result.ok) return json<ProfileActionData>({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back("periodAdded");
  }
  if (intent === "removePeriod") {
    const parsed = parseForm(RemoveUnavailabilitySchema, form);
    if (!parsed.ok) return json<ProfileActionData>({ intent, ...parsed }, 400);
    await removeUnavailability(db, actor, competitionId, jurorId, parsed.data.periodId);
    return back("periodRemoved");
  }
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const c = await competitionOfSlug(db, params.slug ?? "");
  const jurorId = params.jurorId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: ProfileNotice) => redirect(`/competitions/${c.slug}/jury/${jurorId}?notice=${notice}`);

  const shared = await profileAction(db, actor, c.id, jurorId, intent, form, back);
  if (shared) return shared;
  if (intent === "withdraw") {
    const parsed = parseForm(WithdrawJurorSchema, form);
    if (!parsed.ok) return json<ProfileActionData>({ intent, ...parsed }, 400);
    const result = await withdrawJuror(db, actor, c.id, jurorId, parsed.data);
    if (!result.ok) return json<ProfileActionData>({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back("withdrawn");
  }
  if (intent === "reinstate") {
    const result = await reinstateJuror(db, actor, c.id, jurorId, { origin: publicOrigin(request) });
    if (!result.ok) return json<ProfileActionData>({ intent, ...failure(result.errors, {}) }, 400);
    return back(result.status === "active" ? "reinstated" : "reinvited");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function JurorPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const c = d.competition;
  const base = `/competitions/${c.slug}/jury/${d.juror.id}`;
  return (
    <JurorProfileView
      profile={d}
      notice={d.notice}
      basePath={base}
      title={d.juror.name}
      breadcrumb={
        <>
          <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={`/competitions/${c.slug}/jury`}>{t("jury.title")}</Link>
        </>
      }
      searchParams={{}}
    />
  );
}

const STATUS_BADGE: Record<string, string> = {
  active: "badge badge-success",
  invited: "badge",
  declined: "badge badge-danger",
  withdrawn: "badge badge-muted",
};

/**
 * The juror profile page, for the organizer (everything) and for the juror
 * themself at /juror/:slug/profile (affiliation, expertise, unavailable
 * periods; loads read-only). `basePath` is where the forms post and search.
 */
export function JurorProfileView({
  profile: d,
  notice,
  basePath,
  title,
  breadcrumb,
  searchParams,
  lead,
}: {
  profile: Pick<JurorProfile, "competition" | "juror" | "categories" | "expertise" | "periods" | "may" | "agencyQuery" | "agencyMatches">;
  notice: ProfileNotice | null;
  basePath: string;
  title: string;
  breadcrumb: ReactNode;
  /** Extra query parameters the affiliation search keeps (the juror's role). */
  searchParams: Record<string, string>;
  lead?: ReactNode;
}) {
  const data = useActionData<ProfileActionData>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const j = d.juror;
  const errorsOf = (intent: string) => (data?.intent === intent ? data.errors : undefined);
  const valuesOf = (intent: string): Record<string, string> => (data?.intent === intent ? data.values : {});
  const profileErrors = errorsOf("profile");
  const pv = valuesOf("profile");
  const choice = pv.affiliation ?? (j.affiliation.agencyId ? `agency:${j.affiliation.agencyId}` : j.affiliation.other ? "other" : "none");
  const ticked = new Set(data?.intent === "profile" && data.expertise ? data.expertise : d.expertise);
  const agencyOptions = [
    ...(j.affiliation.agencyId ? [{ id: j.affiliation.agencyId, name: j.affiliation.agencyName ?? "", code: j.affiliation.agencyCode ?? "" }] : []),
    ...(d.agencyMatches?.rows ?? []).filter((a) => a.id !== j.affiliation.agencyId),
  ];
  const periodErrors = errorsOf("addPeriod");
  const periodValues = valuesOf("addPeriod");
  const withdrawErrors = errorsOf("withdraw");
  const roleName = t(`jury.pool.${j.role}` as MessageKey);

  return (
    <>
      <PageHeader title={title} lead={lead ?? `${roleName} · ${d.competition.name}`} breadcrumb={breadcrumb} />
      {notice && !data ? <Alert kind="success">{t(`jury.profile.notice.${notice}` as MessageKey)}</Alert> : null}
      {data?.intent === "reinstate" ? <FormErrors errors={data.errors} /> : null}

      <section className="card" aria-labelledby="juror-summary-heading">
        <h2 id="juror-summary-heading">{t("jury.profile.summary")}</h2>
        <dl className="meta">
          <dt>{t("common.name")}</dt>
          <dd>{j.name}</dd>
          <dt>{t("common.email")}</dt>
          <dd>{j.email}</dd>
          <dt>{t("jury.field.role")}</dt>
          <dd>{roleName}</dd>
          <dt>{t("common.status")}</dt>
          <dd>
            <span className={STATUS_BADGE[j.status] ?? "badge"}>{t(`jury.status.${j.status}` as MessageKey)}</span>
            {j.status === "withdrawn" && j.withdrawnReason ? <> — {j.withdrawnReason}</> : null}
          </dd>
          <dt>{t("jury.field.account")}</dt>
          <dd>{j.hasAccount ? t("jury.profile.hasAccount") : t("jury.profile.noAccount")}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="juror-profile-heading">
        <h2 id="juror-profile-heading">{t("jury.profile.title")}</h2>
        <p className="muted small">{d.may.loads ? t("jury.profile.leadOrganizer") : t("jury.profile.leadJuror")}</p>

        <Form method="get" action={basePath} className="search-bar" role="search">
          {Object.entries(searchParams).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <TextField
            name="agencyQuery"
            type="search"
            label={t("jury.affiliation.search")}
            hint={t("jury.affiliation.searchHint")}
            defaultValue={d.agencyQuery ?? ""}
            maxLength={100}
          />
          <button type="submit" className="button button-secondary">
            {t("common.search")}
          </button>
        </Form>
        {d.agencyMatches && d.agencyQuery ? (
          <p role="status" className="small">
            {d.agencyMatches.total === 0
              ? t("jury.affiliation.noMatches", { q: d.agencyQuery })
              : d.agencyMatches.total > d.agencyMatches.rows.length
                ? t("jury.affiliation.tooMany", { count: d.agencyMatches.total, shown: d.agencyMatches.rows.length, q: d.agencyQuery })
                : t("jury.affiliation.matches", { count: d.agencyMatches.total, q: d.agencyQuery })}
          </p>
        ) : null}

        <FormErrors errors={profileErrors} />
        {/* The search stays in the action's URL so a failed save shows the same agencies to pick from. */}
        <Form
          method="post"
          action={basePathWithParams(basePath, { ...searchParams, ...(d.agencyQuery ? { agencyQuery: d.agencyQuery } : {}) })}
          className="stack"
          noValidate
        >
          <input type="hidden" name="intent" value="profile" />
          <input type="hidden" name="jurorId" value={j.id} />
          <fieldset
            className="field"
            aria-invalid={profileErrors?.affiliation ? true : undefined}
            aria-describedby={profileErrors?.affiliation ? "affiliation-hint affiliation-error" : "affiliation-hint"}
          >
            <legend>{t("jury.field.affiliation")}</legend>
            <span className="hint" id="affiliation-hint">
              {d.agencyMatches?.rows.length ? t("jury.affiliation.agencyHint") : t("jury.affiliation.searchFirst")}
            </span>
            <div className="stack">
              {agencyOptions.map((a) => (
                <label key={a.id} className="checkbox">
                  <input type="radio" name="affiliation" value={`agency:${a.id}`} defaultChecked={choice === `agency:${a.id}`} />
                  <span>
                    {a.name} <span className="muted small">({a.code})</span>
                  </span>
                </label>
              ))}
              <label className="checkbox">
                <input type="radio" name="affiliation" value="other" defaultChecked={choice === "other"} />
                <span>{t("jury.affiliation.kind.other")}</span>
              </label>
              <label className="checkbox">
                <input type="radio" name="affiliation" value="none" defaultChecked={choice === "none"} />
                <span>{t("jury.affiliation.kind.none")}</span>
              </label>
            </div>
            {profileErrors?.affiliation ? (
              <span className="error" id="affiliation-error" role="alert">
                {t(profileErrors.affiliation)}
              </span>
            ) : null}
          </fieldset>

          <TextField
            name="affiliationOther"
            label={t("jury.affiliation.other")}
            hint={t("jury.affiliation.otherHint")}
            defaultValue={pv.affiliationOther ?? j.affiliation.other}
            errors={profileErrors}
            maxLength={200}
          />

          <fieldset
            className="field"
            aria-invalid={profileErrors?.expertise ? true : undefined}
            aria-describedby={profileErrors?.expertise ? "expertise-error" : "expertise-hint"}
          >
            <legend>{t("jury.field.expertise")}</legend>
            <span className="hint" id="expertise-hint">
              {t("jury.expertise.hint")}
            </span>
            {d.categories.length === 0 ? (
              <p className="muted small">{t("jury.expertise.noCategories")}</p>
            ) : (
              <div className="choices">
                {d.categories.map((k) => (
                  <label key={k.id}>
                    <input type="checkbox" name="expertise" value={k.id} defaultChecked={ticked.has(k.id)} /> {locale === "en" ? k.nameEn : k.nameId}
                  </label>
                ))}
              </div>
            )}
            {profileErrors?.expertise ? (
              <span className="error" id="expertise-error" role="alert">
                {t(profileErrors.expertise)}
              </span>
            ) : null}
          </fieldset>

          {d.may.loads ? (
            <div className="form-row">
              <TextField
                name="minLoad"
                type="number"
                inputMode="numeric"
                min={0}
                max={MAX_LOAD}
                step={1}
                label={t("jury.field.minLoad")}
                hint={t("jury.load.hint", { max: MAX_LOAD })}
                defaultValue={pv.minLoad ?? String(j.minLoad)}
                errors={profileErrors}
                required
              />
              <TextField
                name="maxLoad"
                type="number"
                inputMode="numeric"
                min={0}
                max={MAX_LOAD}
                step={1}
                label={t("jury.field.maxLoad")}
                hint={t("jury.load.hint", { max: MAX_LOAD })}
                defaultValue={pv.maxLoad ?? String(j.maxLoad)}
                errors={profileErrors}
                required
              />
            </div>
          ) : (
            <dl className="meta">
              <dt>{t("jury.field.minLoad")}</dt>
              <dd>{j.minLoad}</dd>
              <dt>{t("jury.field.maxLoad")}</dt>
              <dd>{j.maxLoad}</dd>
            </dl>
          )}
          {!d.may.loads ? <p className="muted small">{t("jury.load.readOnly")}</p> : null}

          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("jury.profile.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="juror-periods-heading">
        <h2 id="juror-periods-heading">{t("jury.periods.title")}</h2>
        <p className="muted small">
          {t("jury.periods.lead")} {t("common.timezoneNote")}
        </p>
        {d.periods.length === 0 ? (
          <EmptyState message="jury.periods.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("jury.periods.from")}</th>
                  <th scope="col">{t("jury.periods.to")}</th>
                  <th scope="col">{t("jury.periods.note")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.periods.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{formatWib(p.startsAt, locale)}</th>
                    <td>{formatWib(p.endsAt, locale)}</td>
                    <td>{p.note || "—"}</td>
                    <td>
                      <Form method="post" action={basePathWithParams(basePath, searchParams)}>
                        <input type="hidden" name="intent" value="removePeriod" />
                        <input type="hidden" name="jurorId" value={j.id} />
                        <input type="hidden" name="periodId" value={p.id} />
                        <button
                          type="submit"
                          className="button-quiet"
                          disabled={busy}
                          aria-label={t("jury.periods.removeLabel", { from: formatWib(p.startsAt, locale), to: formatWib(p.endsAt, locale) })}
                        >
                          {t("jury.periods.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("jury.periods.add")}</h3>
        <FormErrors errors={periodErrors} />
        <Form method="post" action={basePathWithParams(basePath, searchParams)} className="stack" noValidate>
          <input type="hidden" name="intent" value="addPeriod" />
          <input type="hidden" name="jurorId" value={j.id} />
          <div className="form-row">
            <TextField
              name="from"
              type="datetime-local"
              label={t("jury.periods.from")}
              hint={t("jury.periods.wibHint")}
              defaultValue={periodValues.from ?? ""}
              errors={periodErrors}
              required
            />
            <TextField
              name="to"
              type="datetime-local"
              label={t("jury.periods.to")}
              hint={t("jury.periods.wibHint")}
              defaultValue={periodValues.to ?? ""}
              errors={periodErrors}
              required
            />
          </div>
          <TextField
            name="note"
            label={t("jury.periods.note")}
            hint={t("jury.periods.noteHint")}
            defaultValue={periodValues.note ?? ""}
            errors={periodErrors}
            maxLength={200}
          />
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("jury.periods.addSubmit")}
            </button>
          </div>
        </Form>
      </section>

      {d.may.status ? (
        <section className="card" aria-labelledby="juror-status-heading">
          <h2 id="juror-status-heading">{t("jury.status.title")}</h2>
          {j.status === "withdrawn" ? (
            <>
              <p>{j.hasAccount ? t("jury.reinstate.leadAccount") : t("jury.reinstate.leadInvite")}</p>
              <Form method="post" action={basePath}>
                <input type="hidden" name="intent" value="reinstate" />
                <button type="submit" className="button" disabled={busy}>
                  {t("jury.reinstate.submit")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <p className="muted small">{t("jury.withdraw.lead")}</p>
              <FormErrors errors={withdrawErrors} />
              <Form method="post" action={basePath} className="stack" noValidate>
                <input type="hidden" name="intent" value="withdraw" />
                <TextAreaField
                  name="reason"
                  label={t("jury.withdraw.reason")}
                  defaultValue={valuesOf("withdraw").reason ?? ""}
                  errors={withdrawErrors}
                  rows={3}
                  maxLength={1000}
                  required
                />
                <div className="actions">
                  <button type="submit" className="button button-danger" disabled={busy}>
                    {t("jury.withdraw.submit")}
                  </button>
                </div>
              </Form>
            </>
          )}
        </section>
      ) : null}
      <p>
        <Link to={basePathBack(d.may.status, d.competition.slug)}>{t("common.back")}</Link>
      </p>
    </>
  );
}

function basePathWithParams(base: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${base}?${qs}` : base;
}

function basePathBack(organizer: boolean, slug: string): string {
  return organizer ? `/competitions/${slug}/jury` : `/competitions/${slug}`;
}
