/**
 * Reading the outbox (every mail the platform sent or kept). Writing is
 * sendMail in ~/services/mail.server. Only platform admins read it, through
 * /admin/outbox; the route checks "outbox.read".
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";

export interface OutboxFilter {
  limit: number;
  offset: number;
  /** Part of the recipient's address, any case. */
  to?: string;
}

/** `%`, `_` and `\` typed into the filter match themselves, not any character. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Messages newest first. */
export async function listOutbox(db: DB, f: OutboxFilter) {
  let q = db
    .selectFrom("outbox")
    .select(["id", "to_address", "subject", "body_text", "transport", "status", "error", "created_at", "sent_at"]);
  const to = f.to?.trim();
  // lower() on both sides: PostgreSQL LIKE is case-sensitive.
  if (to) q = q.where(sql<boolean>`lower(to_address) like ${likeContains(to)} escape '\\'`);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit).offset(f.offset).execute();
}
