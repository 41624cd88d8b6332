import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { isMessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { getCompetitionAudit, type AuditCursor } from "~/services/competitions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Log audit: ${data.competition.name} · Sayembara` : "Log audit · Sayembara" },
];

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** ?before=<at>[&beforeId=<id>]; anything malformed means the first page. */
function readCursor(url: URL): AuditCursor | null {
  const before = url.searchParams.get("before");
  if (!before || !ISO_UTC.test(before)) return null;
  const beforeId = url.searchParams.get("beforeId");
  return { before, beforeId: beforeId && ID.test(beforeId) ? beforeId : undefined };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const cursor = readCursor(new URL(request.url));
  const page = await getCompetitionAudit(getDb(), actor, params.slug ?? "", cursor);
  return json({ ...page, isFirstPage: cursor === null });
}

export default function CompetitionAudit() {
  const { competition: c, entries, next, isFirstPage } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const label = (prefix: "auditAction" | "auditEntity", raw: string) => {
    const key = `${prefix}.${raw}`;
    return isMessageKey(key) ? t(key) : raw;
  };
  return (
    <>
      <PageHeader
        title={t("audit.title", { name: c.name })}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
      />
      {entries.length === 0 ? (
        <EmptyState message="audit.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.before")}</th>
                <th scope="col">{t("audit.after")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatWib(e.at, locale)}</time>
                  </td>
                  <td>
                    {e.actor ? (
                      <>
                        {e.actor.name}
                        <br />
                        <span className="muted small">{e.actor.email}</span>
                      </>
                    ) : (
                      t("audit.system")
                    )}
                  </td>
                  <td>
                    {isMessageKey(`auditAction.${e.action}`) ? (
                      <>
                        {label("auditAction", e.action)}
                        <br />
                        <code className="muted small">{e.action}</code>
                      </>
                    ) : (
                      <code>{e.action}</code>
                    )}
                  </td>
                  <td>
                    {label("auditEntity", e.entityType)}
                    {e.entityId ? (
                      <>
                        <br />
                        <code className="muted small">{e.entityId}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{e.before ? <pre className="json">{e.before}</pre> : "—"}</td>
                  <td>{e.after ? <pre className="json">{e.after}</pre> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next || !isFirstPage ? (
        <nav className="pagination" aria-label={t("competition.audit")}>
          {!isFirstPage ? <Link to={`/competitions/${c.slug}/audit`}>{t("audit.newest")}</Link> : null}
          {next ? (
            <Link
              to={`/competitions/${c.slug}/audit?${new URLSearchParams({
                before: next.before,
                beforeId: next.beforeId,
              })}`}
            >
              {t("audit.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
