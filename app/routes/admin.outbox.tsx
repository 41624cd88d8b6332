import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requirePermission } from "~/auth/actor.server";
import { Alert, EmptyState, TextField } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n";
import { listOutbox } from "~/models/outbox.server";

export const meta: MetaFunction = () => [{ title: "Kotak surat keluar · Sayembara" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  const url = new URL(request.url);
  const to = (url.searchParams.get("to") ?? "").trim().slice(0, 254);
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  // One row more than a page tells whether there is a next page without a count query.
  const rows = await listOutbox(getDb(), { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, to: to || undefined });
  return json({ messages: rows.slice(0, PAGE_SIZE), page, to, hasNext: rows.length > PAGE_SIZE });
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** The body text with every http(s) address turned into a link (other schemes stay text). */
function linkify(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    // A sentence's closing punctuation is not part of the address.
    const href = m[0].replace(/[.,;:!?)\]]+$/, "");
    const start = m.index ?? 0;
    out.push(text.slice(last, start));
    out.push(
      <a key={start} href={href} rel="noreferrer">
        {href}
      </a>,
    );
    last = start + href.length;
  }
  out.push(text.slice(last));
  return out;
}

function StatusBadge({ transport, status, error }: { transport: string; status: string; error: string | null }) {
  const t = useT();
  const kind = status === "sent" ? "badge-success" : status === "failed" ? "badge-danger" : "badge-muted";
  const label =
    status === "kept" && transport === "outbox"
      ? t("outbox.status.keptOutbox")
      : t(`outbox.status.${status}` as MessageKey);
  return (
    <>
      <span className={`badge ${kind}`}>{label}</span>{" "}
      <span className="muted small">{t(`outbox.transport.${transport}` as MessageKey)}</span>
      {error ? <div className="small">{t("outbox.error", { error })}</div> : null}
    </>
  );
}

function pageHref(page: number, to: string): string {
  const q = new URLSearchParams();
  if (to) q.set("to", to);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/admin/outbox?${s}` : "/admin/outbox";
}

export default function AdminOutbox() {
  const { messages, page, to, hasNext } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("outbox.title")} lead={t("outbox.intro")} />
      <Form method="get" className="search-bar" role="search">
        <TextField name="to" type="search" label={t("outbox.filter.to")} defaultValue={to} />
        <div className="actions">
          <button type="submit" className="button">
            {t("outbox.filter.submit")}
          </button>
          {to ? <Link to="/admin/outbox">{t("outbox.filter.clear")}</Link> : null}
        </div>
      </Form>
      {messages.length === 0 ? (
        to ? (
          <Alert kind="info">{t("outbox.emptyFiltered", { to })}</Alert>
        ) : (
          <EmptyState message="outbox.empty" />
        )
      ) : (
        messages.map((m) => (
          <article key={m.id} className="card" aria-labelledby={`mail-${m.id}`}>
            <h2 id={`mail-${m.id}`}>{m.subject}</h2>
            <dl className="meta">
              <dt>{t("outbox.to")}</dt>
              <dd>{m.to_address}</dd>
              <dt>{t("outbox.time")}</dt>
              <dd>{formatWib(m.created_at, locale)}</dd>
              <dt>{t("outbox.status")}</dt>
              <dd>
                <StatusBadge transport={m.transport} status={m.status} error={m.error} />
              </dd>
            </dl>
            <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{linkify(m.body_text)}</pre>
          </article>
        ))
      )}
      {page > 1 || hasNext ? (
        <nav className="pagination" aria-label={t("outbox.pagination")}>
          {page > 1 ? <Link to={pageHref(page - 1, to)}>{t("common.previous")}</Link> : null}
          <span>{t("common.page", { page })}</span>
          {hasNext ? <Link to={pageHref(page + 1, to)}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
