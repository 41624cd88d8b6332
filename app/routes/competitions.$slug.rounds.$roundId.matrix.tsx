/**
 * The organizer's assignment matrix of a round ("jury.manage"): eligible
 * proposals (rows, 50 a page, filterable) × the round's pool (columns).
 * A plain GET form filters; links page. No JavaScript needed.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState, SelectField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { getRoundMatrix, type MatrixCell } from "~/services/juror-views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Matriks penugasan: ${data.round.name} · ${data.competition.name} · Sayembara` : "Matriks penugasan · Sayembara" },
];

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const text = (k: string) => {
    const v = url.searchParams.get(k) ?? "";
    return ID.test(v) ? v : null;
  };
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const matrix = await getRoundMatrix(getDb(), actor, params.slug ?? "", params.roundId ?? "", {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    agencyId: text("agency"),
    categoryId: text("category"),
    underK: url.searchParams.get("underK") === "1",
  });
  return json(matrix);
}

function RoundNav({ slug, roundId, current }: { slug: string; roundId: string; current: "matrix" | "progress" | "csv" }) {
  const t = useT();
  const base = `/competitions/${slug}/rounds/${roundId}`;
  const items = [
    { key: "matrix", to: `${base}/matrix`, label: t("juror.nav.matrix") },
    { key: "progress", to: `${base}/progress`, label: t("juror.nav.progress") },
    { key: "csv", to: `${base}/csv`, label: t("juror.nav.csv") },
  ];
  return (
    <nav aria-label={t("juror.nav.label")} className="actions" style={{ marginTop: 0, marginBottom: "1rem" }}>
      {items.map((i) =>
        i.key === current ? (
          <span key={i.key} aria-current="page" className="badge">
            {i.label}
          </span>
        ) : (
          <Link key={i.key} to={i.to}>
            {i.label}
          </Link>
        ),
      )}
    </nav>
  );
}

function Cell({ cell }: { cell: MatrixCell }) {
  const t = useT();
  const sources = cell.conflicts.map((s) => t(`juror.source.${s}` as MessageKey)).join(", ");
  if (!cell.assigned && cell.conflicts.length === 0) {
    return (
      <td className="num">
        <span className="visually-hidden">{t("juror.matrix.cell.empty")}</span>
      </td>
    );
  }
  const parts: string[] = [];
  let symbol = "";
  if (cell.assigned) {
    symbol = cell.assigned.expert ? "●" : "○";
    if (cell.assigned.source === "manual") symbol += "m";
    parts.push(t(cell.assigned.expert ? "juror.matrix.cell.expert" : "juror.matrix.cell.nonExpert"));
    if (cell.assigned.source === "manual") parts.push(t("juror.matrix.cell.manual"));
  }
  if (cell.conflicts.length > 0) {
    symbol += "✕";
    parts.push(t("juror.matrix.cell.conflict", { sources }));
  }
  const label = parts.join("; ");
  return (
    <td className="num" title={label} style={cell.conflicts.length > 0 ? { background: "var(--c-danger-soft)" } : undefined}>
      <span aria-hidden="true">{symbol}</span>
      <span className="visually-hidden">{label}</span>
    </td>
  );
}

export default function RoundMatrix() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const slug = d.competition.slug;
  const k = d.round.k;
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    if (d.filters.agencyId) q.set("agency", d.filters.agencyId);
    if (d.filters.categoryId) q.set("category", d.filters.categoryId);
    if (d.filters.underK) q.set("underK", "1");
    q.set("page", String(page));
    return `?${q}`;
  };
  return (
    <>
      <PageHeader
        title={t("juror.matrix.title")}
        lead={t("juror.roundLead", { position: d.round.position, name: d.round.name, k })}
        breadcrumb={
          <>
            <Link to={`/competitions/${slug}`}>{d.competition.name}</Link> ›{" "}
            <Link to={`/competitions/${slug}/rounds/${d.round.id}`}>{d.round.name}</Link>
          </>
        }
      />
      <RoundNav slug={slug} roundId={d.round.id} current="matrix" />

      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("juror.matrix.filter.heading")}</h2>
        <Form method="get" className="search-bar">
          <SelectField
            name="agency"
            label={t("juror.matrix.filter.agency")}
            defaultValue={d.filters.agencyId}
            placeholder={t("juror.matrix.filter.allAgencies")}
            options={d.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))}
          />
          <SelectField
            name="category"
            label={t("juror.matrix.filter.category")}
            defaultValue={d.filters.categoryId}
            placeholder={t("juror.matrix.filter.allCategories")}
            options={[
              ...d.categories.map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameId })),
              { value: "none", label: t("juror.matrix.filter.noCategory") },
            ]}
          />
          <div className="field">
            <label className="checkbox" htmlFor="underK">
              <input id="underK" type="checkbox" name="underK" value="1" defaultChecked={d.filters.underK} />
              {t("juror.matrix.filter.underK", { k })}
            </label>
          </div>
          <button type="submit" className="button">
            {t("juror.matrix.filter.apply")}
          </button>
          {d.filters.agencyId || d.filters.categoryId || d.filters.underK ? <Link to="?">{t("juror.matrix.filter.reset")}</Link> : null}
        </Form>
        <p className="muted small">{t("juror.matrix.count", { total: d.total })}</p>
      </section>

      <p className="small">{t("juror.matrix.legend")}</p>
      {d.jurors.length === 0 ? <EmptyState message="juror.matrix.noPool" /> : null}
      {d.rows.length === 0 ? (
        <EmptyState message="juror.matrix.empty" />
      ) : (
        <div className="table-wrap">
          <table style={{ fontSize: "0.85rem" }}>
            <caption>{t("juror.matrix.caption", { page: d.page, pages: d.pageCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("juror.matrix.col.proposal")}</th>
                <th scope="col" className="num">
                  {t("juror.matrix.col.total")}
                </th>
                {d.jurors.map((j) => (
                  <th key={j.id} scope="col" className="num" style={{ whiteSpace: "nowrap" }}>
                    <abbr title={`${j.name} <${j.email}>`}>{j.shortName}</abbr>
                    {j.status !== "active" ? (
                      <span className="muted small"> ({t(`juror.jurorStatus.${j.status}` as MessageKey)})</span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" style={{ minWidth: "16rem" }}>
                    <Link to={`/proposals/${r.number}`}>
                      <code>{r.number}</code>
                    </Link>{" "}
                    {r.title}
                    <br />
                    <span className="muted small">
                      {r.agencyName} · {r.category ? (locale === "en" ? r.category.nameEn : r.category.nameId) : t("juror.noCategory")}
                    </span>
                  </th>
                  <td className="num" style={r.assigned < k ? { color: "var(--c-danger)", fontWeight: 700 } : undefined}>
                    {t("juror.matrix.rowTotal", { n: r.assigned, k })}
                    {r.assigned < k ? (
                      <>
                        <br />
                        <span className="small">{t("juror.matrix.missing", { missing: k - r.assigned })}</span>
                      </>
                    ) : null}
                  </td>
                  {r.cells.map((c, i) => (
                    <Cell key={d.jurors[i].id} cell={c} />
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("juror.matrix.loads")}
                </th>
                {d.jurors.map((j) => (
                  <td key={j.id} className="num" style={{ whiteSpace: "nowrap" }}>
                    {t("juror.matrix.load", { load: j.load, max: j.maxLoad })}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      {d.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("juror.matrix.pagination")}>
          {d.page > 1 ? <Link to={pageHref(d.page - 1)}>{t("juror.matrix.prev")}</Link> : null}
          <span>{t("juror.matrix.page", { page: d.page, pages: d.pageCount })}</span>
          {d.page < d.pageCount ? <Link to={pageHref(d.page + 1)}>{t("juror.matrix.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
