/**
 * Outgoing e-mail. Every message is recorded in the outbox table; when
 * SMTP_URL is set it is also sent through SMTP (nodemailer), otherwise it is
 * kept there for platform admins to read in the app (/admin/outbox), so
 * password resets and invitations work on the embedded default.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "~/db.server";
import { newId, nowIso } from "~/lib/ids.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transporter: Transporter | null | undefined;

function smtp(): Transporter | null {
  if (transporter === undefined) {
    const url = process.env.SMTP_URL;
    transporter = url ? nodemailer.createTransport(url) : null;
  }
  return transporter;
}

/** Tests point the mailer at a fake transport (or back to the environment's). */
export function setMailTransport(t: Transporter | null | undefined): void {
  transporter = t;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Sayembara <no-reply@sayembara.local>";
}

export async function sendMail(db: DB, mail: Mail): Promise<string> {
  const id = newId();
  const t = smtp();
  await db
    .insertInto("outbox")
    .values({
      id,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      transport: t ? "smtp" : "outbox",
      status: "kept",
      error: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .execute();
  if (t) {
    try {
      await t.sendMail({ from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text });
      await db.updateTable("outbox").set({ status: "sent", sent_at: nowIso() }).where("id", "=", id).execute();
    } catch (e) {
      // Keep the message and the reason; the request that caused it still succeeds.
      await db
        .updateTable("outbox")
        .set({ status: "failed", error: String((e as Error).message ?? e).slice(0, 500) })
        .where("id", "=", id)
        .execute();
    }
  }
  return id;
}

