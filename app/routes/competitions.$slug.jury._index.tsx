import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert, EmptyState, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { failure, parseForm } from "~/lib/forms";
import { publicOrigin } from "~/lib/origin.server";
import { AddExistingJurorSchema, InviteJurorSchema, JUROR_ROLE_VALUES, type JurorRoleValue } from "~/schemas/jury";
import { addExistingJuror, competitionOfSlug, getPool, inviteJuror, type PoolEntry, type StatusCounts } from "~/services/jury.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Juri · ${data.competition.name} · Sayembara` : "Juri · Sayembara" },
];

const NOTICES = ["invited", "added", "reinvited"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const pool = await getPool(getDb(), actor, params.slug ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...pool, notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const c = await competitionOfSlug(db, params.slug ?? "");
  const ctx = { origin: publicOrigin(request) };
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (notice: Notice) => redirect(`/competitions/${c.slug}/jury?notice=${notice}`);

  // "reinvite" posts the row's own name, e-mail and role; the service checks them again.
  if (intent === "invite" || intent === "reinvite") {
    const parsed = parseForm(InviteJurorSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await inviteJuror(db, actor, c.id, parsed.data, ctx);
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back(intent === "invite" ? "invited" : "reinvited");
  }
  if (intent === "addExisting") {
    const parsed = parseForm(AddExistingJurorSchema, form);
    if (!parsed.ok) return json({ intent, ...parsed }, 400);
    const result = await addExistingJuror(db, actor, c.id, parsed.data, ctx);
    if (!result.ok) return json({ intent, ...failure(result.errors, parsed.values) }, 400);
    return back("added");
  }
  throw new Response("Bad Request", { status: 400 });
}

const STATUS_BADGE: Record<PoolEntry["status"], string> = {
  active: "badge badge-success",
  invited: "badge",
  declined: "badge badge-danger",
  withdrawn: "badge badge-muted",
};

export default function JuryPool() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const formErrors = data?.intent === "invite" || data?.intent === "addExisting" ? data.errors : undefined;
  const values = data?.intent === "invite" || data?.intent === "addExisting" ? data.values : {};
  const roleOptions = JUROR_ROLE_VALUES.map((r) => ({ value: r, label: t(`jury.pool.${r}` as MessageKey) }));

  return (
    <>
      <PageHeader
        title={t("jury.title")}
        lead={c.name}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
      />
      {d.notice && !data ? <Alert kind="success">{t(`jury.notice.${d.notice}` as MessageKey)}</Alert> : null}
      {data?.intent === "reinvite" ? <FormErrors errors={data.errors} /> : null}
      <p className="muted">{t("jury.lead")}</p>

      {JUROR_ROLE_VALUES.map((role) => (
        <PoolSection key={role} role={role} slug={c.slug} entries={d.pools[role]} counts={d.counts[role]} categories={d.categories} busy={busy} />
      ))}

      <section className="card" aria-labelledby="jury-add-heading">
        <h2 id="jury-add-heading">{t("jury.add.title")}</h2>
        <p className="muted small">{t("jury.add.lead")}</p>
        <FormErrors errors={formErrors} />
        <Form method="post" className="stack" noValidate>
          <div className="form-row">
            <TextField
              name="name"
              label={t("common.name")}
              hint={t("jury.add.nameHint")}
              defaultValue={values.name ?? ""}
              errors={formErrors}
              autoComplete="off"
              maxLength={200}
            />
            <TextField
              name="email"
              type="email"
              label={t("common.email")}
              defaultValue={values.email ?? ""}
              errors={formErrors}
              autoComplete="off"
              required
            />
            <SelectField
              name="role"
              label={t("jury.field.role")}
              options={roleOptions}
              defaultValue={values.role ?? "evaluator"}
              errors={formErrors}
              required
            />
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="invite" className="button" disabled={busy}>
              {t("jury.add.invite")}
            </button>
            <button type="submit" name="intent" value="addExisting" className="button button-secondary" disabled={busy}>
              {t("jury.add.existing")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

function PoolSection({
  role,
  slug,
  entries,
  counts,
  categories,
  busy,
}: {
  role: JurorRoleValue;
  slug: string;
  entries: PoolEntry[];
  counts: StatusCounts;
  categories: { id: string; nameId: string; nameEn: string }[];
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const categoryName = new Map(categories.map((k) => [k.id, locale === "en" ? k.nameEn : k.nameId]));
  const headingId = `pool-${role}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`jury.pool.${role}` as MessageKey)} <span className="muted small">({t(`jury.pool.${role}.short` as MessageKey)})</span>
      </h2>
      <p className="small">
        {t("jury.pool.counts", {
          total: counts.total,
          active: counts.active,
          invited: counts.invited,
          declined: counts.declined,
          withdrawn: counts.withdrawn,
        })}
      </p>
      {entries.length === 0 ? (
        <EmptyState message="jury.pool.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(`jury.pool.${role}` as MessageKey)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("jury.field.affiliation")}</th>
                <th scope="col">{t("jury.field.expertise")}</th>
                <th scope="col" className="num">
                  {t("jury.field.load")}
                </th>
                <th scope="col" className="num">
                  {t("jury.field.unavailableCount")}
                </th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/competitions/${slug}/jury/${e.id}`}>{e.name}</Link>
                  </th>
                  <td>{e.email}</td>
                  <td>
                    <span className={STATUS_BADGE[e.status]}>{t(`jury.status.${e.status}` as MessageKey)}</span>
                  </td>
                  <td>{e.affiliation.agencyName ?? (e.affiliation.other || "—")}</td>
                  <td>{e.expertise.length ? e.expertise.map((id) => categoryName.get(id) ?? id).join(", ") : "—"}</td>
                  <td className="num">
                    {e.minLoad}–{e.maxLoad}
                  </td>
                  <td className="num">{e.unavailableCount}</td>
                  <td>
                    <div style={{ display: "flex", gap: "0.35rem", flexWrap: "wrap" }}>
                      <Link to={`/competitions/${slug}/jury/${e.id}`} className="button-quiet" aria-label={t("jury.pool.openLabel", { name: e.name })}>
                        {t("jury.pool.open")}
                      </Link>
                      {e.status === "invited" || e.status === "declined" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="reinvite" />
                          <input type="hidden" name="name" value={e.name} />
                          <input type="hidden" name="email" value={e.email} />
                          <input type="hidden" name="role" value={role} />
                          <button type="submit" className="button-quiet" disabled={busy} aria-label={t("jury.pool.reinviteLabel", { name: e.name })}>
                            {t("jury.pool.reinvite")}
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
