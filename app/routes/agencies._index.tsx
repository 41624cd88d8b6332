import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState, SelectField, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { isCluster } from "~/domain/agencies";
import { CLUSTERS } from "~/domain/roles";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { browseRegistry } from "~/services/agencies.server";

export const meta: MetaFunction = () => [{ title: "Registri instansi · Sayembara" }];

interface Filters {
  q: string;
  cluster: string;
  province: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const clusterParam = params.get("cluster") ?? "";
  const cluster = isCluster(clusterParam) ? clusterParam : null;
  const provinceParam = params.get("province") ?? "";
  const province = /^\d{2}$/.test(provinceParam) ? provinceParam : null;
  const page = Math.min(Math.max(Number.parseInt(params.get("page") ?? "1", 10) || 1, 1), 100_000);
  const result = await browseRegistry(getDb(), actor, { q, cluster, provinceCode: province, page });
  const filters: Filters = { q, cluster: cluster ?? "", province: province ?? "" };
  return json({ ...result, filters });
}

/** A link to another page of the same search. */
function pageHref(filters: Filters, page: number): string {
  const p = new URLSearchParams();
  if (filters.q) p.set("q", filters.q);
  if (filters.cluster) p.set("cluster", filters.cluster);
  if (filters.province) p.set("province", filters.province);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "?";
}

export default function AgencyRegistry() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const filtered = Boolean(d.filters.q || d.filters.cluster || d.filters.province);
  return (
    <>
      <PageHeader
        title={t("agencies.title")}
        lead={t("agencies.lead")}
        actions={d.addFor.map((o) => (
          <Link key={o.id} to={`/organizers/${o.id}/agencies/new`} className="button">
            {d.addFor.length > 1 ? t("agencies.addFor", { organizer: o.name }) : t("agencies.add")}
          </Link>
        ))}
      />

      {/* Keyed by the filters so the fields show the current search after a client-side navigation. */}
      <Form
        method="get"
        role="search"
        aria-label={t("agencies.search.label")}
        className="search-bar"
        key={`${d.filters.q}|${d.filters.cluster}|${d.filters.province}`}
      >
        <TextField name="q" type="search" label={t("agencies.search.q")} hint={t("agencies.search.qHint")} defaultValue={d.filters.q} />
        <SelectField
          name="cluster"
          label={t("agencies.search.cluster")}
          placeholder={t("agencies.search.allClusters")}
          options={CLUSTERS.map((c) => ({ value: c, label: t(`cluster.${c}` as MessageKey) }))}
          defaultValue={d.filters.cluster}
        />
        <SelectField
          name="province"
          label={t("agencies.search.province")}
          placeholder={t("agencies.search.allProvinces")}
          options={d.provinces.map((p) => ({ value: p.code, label: p.name }))}
          defaultValue={d.filters.province}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("common.search")}
          </button>
          {filtered ? <Link to="/agencies">{t("agencies.search.reset")}</Link> : null}
        </div>
      </Form>

      <p aria-live="polite">
        <strong>{t("agencies.total", { count: d.total })}</strong>
        {d.pageCount > 1 ? <span className="muted"> · {t("agencies.pageOf", { page: d.page, pages: d.pageCount })}</span> : null}
      </p>

      {d.rows.length === 0 ? (
        <EmptyState message="agencies.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("agencies.col.code")}</th>
                <th scope="col">{t("agencies.col.name")}</th>
                <th scope="col">{t("agencies.col.cluster")}</th>
                <th scope="col">{t("agencies.col.region")}</th>
                <th scope="col">{t("agencies.col.parent")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <code>{a.code}</code>
                  </td>
                  <td>
                    <Link to={`/agencies/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>{t(`cluster.${a.cluster}` as MessageKey)}</td>
                  <td>{a.province_name ?? "—"}</td>
                  <td>{a.parent_id ? <Link to={`/agencies/${a.parent_id}`}>{a.parent_name}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("agencies.pagination")}>
          {d.page > 1 ? (
            <Link to={pageHref(d.filters, d.page - 1)} rel="prev">
              {t("common.previous")}
            </Link>
          ) : null}
          <span>{t("agencies.pageOf", { page: d.page, pages: d.pageCount })}</span>
          {d.page < d.pageCount ? (
            <Link to={pageHref(d.filters, d.page + 1)} rel="next">
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
