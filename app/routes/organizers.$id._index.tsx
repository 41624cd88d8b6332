import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { email, requiredText } from "~/schemas/common";
import { createAdminLokal, inviteAdminLokal, inviteOrganizerStaff, revokeInvitation } from "~/services/invitations.server";
import { AGENCY_PICK_LIMIT, getOrganizerPage } from "~/services/organizers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organizer.name ?? "Penyelenggara"} · Sayembara` },
];

const NOTICES = ["invited", "created", "granted", "revoked"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = await getOrganizerPage(getDb(), actor, params.id ?? "", url.searchParams.get("agencyQuery"));
  const notice = url.searchParams.get("notice");
  return json({ ...page, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

// Several forms on one page: each posts an `intent` and prefixes its field
// names, so ids stay unique and errors land in the right form.
const StaffSchema = z.object({ "staff.name": requiredText(200), "staff.email": email });
const AdminLokalSchema = z.object({
  "adminLokal.agencyId": requiredText(40),
  "adminLokal.name": requiredText(200),
  "adminLokal.email": email,
});
const RevokeSchema = z.object({ invitationId: requiredText(40) });

function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) out[k === "_form" ? k : `${prefix}.${k}`] = v;
  return out;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organizerId = params.id ?? "";
  const db = getDb();
  const ctx = { origin: publicOrigin(request) };
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: Notice) => redirect(`/organizers/${organizerId}?notice=${notice}`);

  if (intent === "inviteStaff") {
    const parsed = parseForm(StaffSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await inviteOrganizerStaff(db, actor, organizerId, {
      name: parsed.data["staff.name"],
      email: parsed.data["staff.email"],
    }, ctx);
    if (!result.ok) return json({ intent, ...failure(prefixed(result.errors, "staff"), parsed.values) }, 400);
    return back("invited");
  }

  if (intent === "inviteAdminLokal" || intent === "createAdminLokal") {
    const parsed = parseForm(AdminLokalSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const input = {
      agencyId: parsed.data["adminLokal.agencyId"],
      name: parsed.data["adminLokal.name"],
      email: parsed.data["adminLokal.email"],
    };
    if (intent === "inviteAdminLokal") {
      const result = await inviteAdminLokal(db, actor, organizerId, input, ctx);
      if (!result.ok) return json({ intent, ...failure(prefixed(result.errors, "adminLokal"), parsed.values) }, 400);
      return back("invited");
    }
    const result = await createAdminLokal(db, actor, organizerId, input, ctx);
    if (!result.ok) return json({ intent, ...failure(prefixed(result.errors, "adminLokal"), parsed.values) }, 400);
    return back(result.setupLinkSent ? "created" : "granted");
  }

  if (intent === "revokeInvitation") {
    const parsed = parseForm(RevokeSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    await revokeInvitation(db, actor, organizerId, parsed.data.invitationId);
    return back("revoked");
  }

  throw new Response("Bad Request", { status: 400 });
}

export default function OrganizerPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const { organizer, may } = d;
  const staffErrors = data?.intent === "inviteStaff" ? data.errors : undefined;
  const staffValues = data?.intent === "inviteStaff" ? data.values : {};
  const alErrors = data?.intent === "inviteAdminLokal" || data?.intent === "createAdminLokal" ? data.errors : undefined;
  const alValues = data?.intent === "inviteAdminLokal" || data?.intent === "createAdminLokal" ? data.values : {};
  const readOnly = !may.createCompetition && !may.adminLokal;
  const matches = d.agencyMatches;

  return (
    <>
      <PageHeader
        title={organizer.name}
        lead={
          organizer.kind === "national"
            ? t("organizer.lead.national")
            : t("organizer.lead.provincial", { province: organizer.province_name ?? "—" })
        }
      />
      {readOnly ? <Alert kind="info">{t("organizer.readOnly")}</Alert> : null}
      {d.notice ? <Alert kind="success">{t(`organizer.notice.${d.notice}` as MessageKey)}</Alert> : null}

      <section className="card" aria-labelledby="competitions-heading">
        <h2 id="competitions-heading">{t("organizer.competitions.title")}</h2>
        {d.competitions.length === 0 ? (
          <EmptyState message="organizer.competitions.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("competition.name")}</th>
                  <th scope="col">{t("competition.year")}</th>
                  <th scope="col">{t("competition.registration")}</th>
                </tr>
              </thead>
              <tbody>
                {d.competitions.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/competitions/${c.slug}`}>{c.name}</Link>
                    </th>
                    <td>{c.year}</td>
                    <td>{formatWib(c.registration_ends_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {may.createCompetition ? (
          <div className="actions">
            <Link to={`/organizers/${organizer.id}/competitions/new`} className="button">
              {t("organizer.competitions.new")}
            </Link>
            {/* The same organizer admins may monitor sustainability and record replications. */}
            <Link to={`/organizers/${organizer.id}/monitoring`} className="button button-secondary">
              {t("monitoring.title")}
            </Link>
            <Link to={`/organizers/${organizer.id}/replications`} className="button button-secondary">
              {t("replications.title")}
            </Link>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("organizer.staff.title")}</h2>
        {d.staff.length === 0 ? (
          <EmptyState message="organizer.staff.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.email")}</th>
                </tr>
              </thead>
              <tbody>
                {d.staff.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {may.inviteStaff ? (
          <>
            <h3>{t("organizer.staff.invite")}</h3>
            <p className="muted small">{t("organizer.staff.inviteHint")}</p>
            <FormErrors errors={staffErrors} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="inviteStaff" />
              <div className="form-row">
                <TextField
                  name="staff.name"
                  label={t("common.name")}
                  defaultValue={staffValues["staff.name"] ?? ""}
                  errors={staffErrors}
                  autoComplete="off"
                  maxLength={200}
                  required
                />
                <TextField
                  name="staff.email"
                  type="email"
                  label={t("common.email")}
                  defaultValue={staffValues["staff.email"] ?? ""}
                  errors={staffErrors}
                  autoComplete="off"
                  required
                />
              </div>
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("organizer.staff.submit")}
                </button>
              </div>
            </Form>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("organizer.invitations.title")}</h2>
        {d.invitations.length === 0 ? (
          <EmptyState message="organizer.invitations.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("organizer.invitations.role")}</th>
                  <th scope="col">{t("organizer.invitations.scope")}</th>
                  <th scope="col">{t("organizer.invitations.expires")}</th>
                  {may.revoke ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td>{i.name}</td>
                    <td>{t(`role.${i.role}` as MessageKey)}</td>
                    <td>{i.agency_name ?? "—"}</td>
                    <td>
                      {i.expired ? (
                        <span className="badge badge-muted">{t("organizer.invitations.expired")}</span>
                      ) : (
                        formatWib(i.expires_at, locale)
                      )}
                    </td>
                    {may.revoke ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revokeInvitation" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button
                            type="submit"
                            className="button button-danger"
                            aria-label={t("organizer.invitations.revokeLabel", { email: i.email })}
                            disabled={busy}
                          >
                            {t("organizer.invitations.revoke")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="admin-lokal-heading" id="admin-lokal">
        <h2 id="admin-lokal-heading">{t("organizer.adminLokal.title")}</h2>
        <p className="muted">{t("organizer.adminLokal.lead")}</p>
        {may.adminLokal ? (
          <>
            <h3>{t("organizer.adminLokal.formTitle")}</h3>
            <p className="muted small">{t("organizer.adminLokal.howTo")}</p>
            <Form method="get" action={`/organizers/${organizer.id}`} className="search-bar" role="search">
              <TextField
                name="agencyQuery"
                type="search"
                label={t("organizer.adminLokal.search")}
                hint={
                  organizer.kind === "national"
                    ? t("organizer.adminLokal.searchHint")
                    : t("organizer.adminLokal.searchHintProvincial", { province: organizer.province_name ?? "—" })
                }
                defaultValue={d.agencyQuery ?? ""}
                maxLength={100}
              />
              <button type="submit" className="button button-secondary">
                {t("organizer.adminLokal.searchSubmit")}
              </button>
            </Form>
            {matches && d.agencyQuery ? (
              <p role="status" className="small">
                {matches.total === 0
                  ? t("organizer.adminLokal.noMatches", { q: d.agencyQuery })
                  : matches.total > matches.rows.length
                    ? t("organizer.adminLokal.tooMany", { count: matches.total, q: d.agencyQuery, shown: AGENCY_PICK_LIMIT })
                    : t("organizer.adminLokal.matches", { count: matches.total, q: d.agencyQuery })}
              </p>
            ) : null}
            <FormErrors errors={alErrors} />
            <Form method="post" className="stack" noValidate>
              <SelectField
                name="adminLokal.agencyId"
                label={t("organizer.adminLokal.agency")}
                hint={matches && matches.rows.length > 0 ? undefined : t("organizer.adminLokal.searchFirst")}
                placeholder={t("organizer.adminLokal.chooseAgency")}
                options={(matches?.rows ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))}
                defaultValue={alValues["adminLokal.agencyId"] ?? ""}
                errors={alErrors}
                required
              />
              <div className="form-row">
                <TextField
                  name="adminLokal.name"
                  label={t("common.name")}
                  defaultValue={alValues["adminLokal.name"] ?? ""}
                  errors={alErrors}
                  autoComplete="off"
                  maxLength={200}
                  required
                />
                <TextField
                  name="adminLokal.email"
                  type="email"
                  label={t("common.email")}
                  defaultValue={alValues["adminLokal.email"] ?? ""}
                  errors={alErrors}
                  autoComplete="off"
                  required
                />
              </div>
              <div className="actions">
                <button type="submit" name="intent" value="inviteAdminLokal" className="button" disabled={busy}>
                  {t("organizer.adminLokal.invite")}
                </button>
                <button type="submit" name="intent" value="createAdminLokal" className="button button-secondary" disabled={busy}>
                  {t("organizer.adminLokal.create")}
                </button>
              </div>
            </Form>
            {may.addAgency ? (
              <p>
                <Link to={`/organizers/${organizer.id}/agencies/new`}>{t("organizer.adminLokal.addAgency")}</Link>
              </p>
            ) : null}
          </>
        ) : null}

        <h3>{t("organizer.adminLokal.list")}</h3>
        {d.adminLokal.length === 0 ? (
          <EmptyState message="organizer.adminLokal.empty" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("organizer.adminLokal.agency")}</th>
                  <th scope="col">{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.adminLokal.map((a) => (
                  <tr key={`${a.userId}-${a.agencyId}`}>
                    <th scope="row">{a.name}</th>
                    <td>{a.email}</td>
                    <td>
                      <Link to={`/agencies/${a.agencyId}`}>{a.agencyName}</Link>{" "}
                      <span className="muted small">({a.agencyCode})</span>
                    </td>
                    <td>
                      {!a.active ? (
                        <span className="badge badge-muted">{t("common.inactive")}</span>
                      ) : a.pending ? (
                        <span className="badge">{t("people.pending")}</span>
                      ) : (
                        <span className="badge badge-success">{t("common.active")}</span>
                      )}
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
