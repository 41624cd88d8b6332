import type { ActionFunctionArgs, LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getActor, requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { Alert, FormErrors, SelectField, TextAreaField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { clientIp } from "~/lib/http.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { addCommitment, CommitmentSchema, commitmentOptions, withdrawCommitment } from "~/services/commitments.server";
import {
  findVisibleInnovationOwner,
  listActiveCommitments,
  listSustainabilityHistory,
  pageInnovationReplications,
} from "~/models/replications-public.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { getPublicInnovation } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

/** A visible catalogue row; a hidden or unknown one is 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await publicContext(request);
  const i = await getPublicInnovation(db, params.id ?? "");
  if (!i) notFound();
  // A famous innovation has hundreds of replications: the page lists them 50 at a time
  // (?rpage=2, …) with the total, and links the full list as open data (docs/benchmarks.md).
  const rpage = Number(new URL(request.url).searchParams.get("rpage") ?? "1") || 1;
  const [owner, replications, sustainability, commitments, actor] = await Promise.all([
    findVisibleInnovationOwner(db, i.id),
    pageInnovationReplications(db, i.id, rpage),
    listSustainabilityHistory(db, i.id),
    listActiveCommitments(db, i.id),
    getActor(request),
  ]);
  const options = commitmentOptions(actor, { agencyId: owner?.agency_id ?? null, stage: i.stage });
  const agencyNames = options.length
    ? await db.selectFrom("agencies").where("id", "in", options.map((o) => o.agencyId)).select(["id", "name"]).execute()
    : [];
  const names = new Map(agencyNames.map((a) => [a.id, a.name]));
  return json(
    {
      innovation: i,
      replications,
      sustainability,
      commitments,
      options: options.map((o) => ({ ...o, agencyName: names.get(o.agencyId) ?? o.agencyId })),
      meta: pageMeta({
        title: `${i.title} · ${i.agencyName} · Sayembara`,
        description: i.summary || `${i.title} — ${i.agencyName}, ${i.editionName}.`,
        url: canonicalUrl(request, `/innovations/${i.id}`),
        type: "article",
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

const WithdrawSchema = z.object({
  agencyId: z.string().min(1, "errors.required"),
  commitmentId: z.string().min(1, "errors.required"),
});

/** Admin Lokal: record a commitment / willingness, or withdraw one (no JavaScript needed). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const innovationId = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "withdraw") {
    const parsed = parseForm(WithdrawSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, 400);
    const r = await withdrawCommitment(db, actor, innovationId, parsed.data.agencyId, parsed.data.commitmentId, { ip: clientIp(context) });
    if (!r.ok) return json({ errors: r.errors, values: parsed.values }, 400);
    return redirect(`/innovations/${innovationId}?done=withdrawn#commitments-heading`);
  }
  const parsed = parseForm(CommitmentSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, 400);
  const r = await addCommitment(db, actor, innovationId, parsed.data, { ip: clientIp(context) });
  if (!r.ok) return json({ errors: r.errors, values: parsed.values }, 400);
  return redirect(`/innovations/${innovationId}?done=saved#commitments-heading`);
}

export default function InnovationPage() {
  const { innovation: i, replications: replicationsPage, sustainability, commitments, options } = useLoaderData<typeof loader>();
  const replications = replicationsPage.rows;
  const replicationPages = Math.max(1, Math.ceil(replicationsPage.total / replicationsPage.pageSize));
  const replicationPageLink = (p: number) => `/innovations/${i.id}${p > 1 ? `?rpage=${p}` : ""}#replications-heading`;
  const actionData = useActionData<typeof action>() as { errors?: FieldErrors; values?: Record<string, string> } | undefined;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const num = new Intl.NumberFormat(useLocale() === "id" ? "id-ID" : "en-GB");
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const t = useT();
  const locale = useLocale();
  const award = locale === "en" ? i.awardNameEn || i.awardNameId : i.awardNameId;
  const category = locale === "en" ? i.categoryNameEn || i.categoryNameId : i.categoryNameId;
  const paragraphs = i.summary
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      <PageHeader title={i.title} lead={`${i.agencyName}${i.regionName ? ` · ${i.regionName}` : ""}`} breadcrumb={<Link to="/innovations">{t("public.innovation.back")}</Link>} />
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t("public.innovation.agency")}
        </h2>
        <dl className="meta">
          <dt>{t("public.innovation.agency")}</dt>
          <dd>{i.agencyName}</dd>
          <dt>{t("public.innovation.cluster")}</dt>
          <dd>{t(`cluster.${i.cluster}` as MessageKey)}</dd>
          {i.regionName ? (
            <>
              <dt>{t("public.innovation.region")}</dt>
              <dd>{i.regionName}</dd>
            </>
          ) : null}
          <dt>{t("public.innovation.edition")}</dt>
          <dd>{i.editionSlug ? <Link to={`/editions/${i.editionSlug}`}>{i.editionName}</Link> : i.editionName}</dd>
          {category ? (
            <>
              <dt>{t("public.innovation.category")}</dt>
              <dd>{category}</dd>
            </>
          ) : null}
          <dt>{t("public.innovation.stage")}</dt>
          <dd>{t(`public.stage.${i.stage}` as MessageKey)}</dd>
          {award ? (
            <>
              <dt>{t("public.innovation.award")}</dt>
              <dd>{award}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("public.innovation.summary")}</h2>
        {paragraphs.length === 0 ? <p className="muted">{t("public.innovation.noSummary")}</p> : paragraphs.map((p, n) => <p key={n}>{p}</p>)}
      </section>
      {i.listedIn.length > 0 ? (
        <section className="card" aria-labelledby="listed-heading">
          <h2 id="listed-heading">{t("public.innovation.listedIn")}</h2>
          <ul>
            {i.listedIn.map((a) => (
              <li key={a.id}>
                <Link to={`/announcements/${a.id}`}>
                  {a.number ?? t("public.announcement.noNumber")} — {a.title}
                </Link>{" "}
                <span className="muted small">
                  {t(`announcements.kind.${a.kind}` as MessageKey)} · {formatWib(a.publishedAt, locale, false)}
                  {(locale === "en" ? a.labelEn : a.labelId) ? ` · ${locale === "en" ? a.labelEn : a.labelId}` : ""}
                </span>{" "}
                {a.superseded ? <span className="badge badge-muted">{t("public.announcement.superseded")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="replications-heading">
        <h2 id="replications-heading">{t("replicationsPublic.innovation.replications")}</h2>
        {replications.length === 0 ? (
          <p className="muted">{t("replicationsPublic.innovation.noReplications")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("replicationsPublic.col.adopter")}</th>
                  <th scope="col">{t("replicationsPublic.col.where")}</th>
                  <th scope="col">{t("replicationsPublic.col.stage")}</th>
                  <th scope="col">{t("replicationsPublic.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {replications.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {r.adopterName}
                      {r.title && r.title !== i.title ? <span className="muted small"> — {r.title}</span> : null}
                      {r.facilitatorName ? (
                        <span className="muted small">
                          {" "}
                          ({t("replicationsPublic.col.facilitator")}: {r.facilitatorName})
                        </span>
                      ) : null}
                    </th>
                    <td>{r.adopterProvinceName ?? "—"}</td>
                    <td>{t(`replicationsPublic.stage.${r.stage}` as MessageKey)}</td>
                    <td>{t(`replicationsPublic.status.${r.status}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {replicationPages > 1 ? (
          <>
            <p className="muted small">
              {t("replicationsPublic.innovation.replicationsShown", {
                total: num.format(replicationsPage.total),
                from: num.format((replicationsPage.page - 1) * replicationsPage.pageSize + 1),
                to: num.format((replicationsPage.page - 1) * replicationsPage.pageSize + replications.length),
              })}
            </p>
            <nav className="pagination" aria-label={t("replicationsPublic.innovation.replicationPages")}>
              {replicationsPage.page > 1 ? (
                <Link to={replicationPageLink(replicationsPage.page - 1)} rel="prev">
                  {t("public.catalogue.previous")}
                </Link>
              ) : null}
              <span>{t("public.catalogue.resultsPage", { page: replicationsPage.page, pages: replicationPages })}</span>
              {replicationsPage.page < replicationPages ? (
                <Link to={replicationPageLink(replicationsPage.page + 1)} rel="next">
                  {t("public.catalogue.next")}
                </Link>
              ) : null}
            </nav>
            <p>
              <a href={`/api/public/replications?source=${i.id}&format=csv`}>{t("replicationsPublic.innovation.allReplicationsCsv")}</a>
            </p>
          </>
        ) : null}
        {options
          .filter((o) => o.canReplicate)
          .map((o) => (
            <p key={o.agencyId}>
              <Link className="button" to={`/agency/${o.agencyId}/replications?innovation=${i.id}`}>
                {t("replicationsPublic.innovation.replicate")}
              </Link>
              {options.filter((x) => x.canReplicate).length > 1 ? <span className="muted small"> ({o.agencyName})</span> : null}
            </p>
          ))}
      </section>
      <section className="card" aria-labelledby="sustainability-heading">
        <h2 id="sustainability-heading">{t("replicationsPublic.innovation.sustainability")}</h2>
        {sustainability.length === 0 ? (
          <p className="muted">{t("replicationsPublic.innovation.noSustainability")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("replicationsPublic.innovation.period")}</th>
                  <th scope="col">{t("replicationsPublic.innovation.sustainabilityStatus")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("replicationsPublic.innovation.usersServed")}
                  </th>
                  <th scope="col">{t("replicationsPublic.innovation.note")}</th>
                </tr>
              </thead>
              <tbody>
                {sustainability.map((s) => (
                  <tr key={s.periodName + s.periodStartsAt}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {s.periodName} <span className="muted small">({formatWib(s.reportedAt, locale, false)})</span>
                    </th>
                    <td>{t(`replicationsPublic.sustainability.${s.status}` as MessageKey)}</td>
                    <td style={{ textAlign: "right" }}>{s.usersServed === null ? "—" : num.format(s.usersServed)}</td>
                    <td>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">{t("replicationsPublic.commitments.title")}</h2>
        {done === "saved" ? <Alert kind="success">{t("replicationsPublic.commitments.saved")}</Alert> : null}
        {done === "withdrawn" ? <Alert kind="success">{t("replicationsPublic.commitments.withdrawn")}</Alert> : null}
        {commitments.length === 0 ? (
          <p className="muted">{t("replicationsPublic.commitments.none")}</p>
        ) : (
          <ul>
            {commitments.map((c) => {
              const mine = options.some((o) => o.agencyId === c.agencyId);
              return (
                <li key={c.id}>
                  {t(c.kind === "commitment" ? "replicationsPublic.commitments.commitmentBy" : "replicationsPublic.commitments.willingnessBy", { agency: c.agencyName })}{" "}
                  <span className="muted small">{t("replicationsPublic.commitments.since", { date: formatWib(c.createdAt, locale, false) })}</span>
                  {c.note ? <div className="small">{c.note}</div> : null}
                  {mine ? (
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="agencyId" value={c.agencyId} />
                      <input type="hidden" name="commitmentId" value={c.id} />
                      <button type="submit" className="button-secondary">
                        {t("replicationsPublic.commitments.withdraw")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {options.some((o) => o.canCommit || o.canOfferWillingness) ? (
          <Form method="post" aria-labelledby="commitment-form-heading">
            <h3 id="commitment-form-heading">{t("replicationsPublic.commitments.formTitle")}</h3>
            <FormErrors errors={errors} />
            <input type="hidden" name="intent" value="add" />
            <SelectField
              name="agencyId"
              label={t("replicationsPublic.commitments.agency")}
              errors={errors}
              defaultValue={values.agencyId}
              options={options.filter((o) => o.canCommit || o.canOfferWillingness).map((o) => ({ value: o.agencyId, label: o.agencyName }))}
            />
            <SelectField
              name="kind"
              label={t("replicationsPublic.commitments.kind")}
              errors={errors}
              defaultValue={values.kind}
              options={[
                ...(options.some((o) => o.canCommit) ? [{ value: "commitment", label: t("replicationsPublic.commitments.kind.commitment") }] : []),
                ...(options.some((o) => o.canOfferWillingness) ? [{ value: "willingness", label: t("replicationsPublic.commitments.kind.willingness") }] : []),
              ]}
            />
            <TextAreaField name="note" label={t("replicationsPublic.commitments.note")} errors={errors} defaultValue={values.note} maxLength={1000} rows={3} />
            <button type="submit">{t("replicationsPublic.commitments.submit")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
