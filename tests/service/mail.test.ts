import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { sendMail, setMailTransport } from "~/services/mail.server";
import { useTestDb } from "../support/db";

describe("sendMail", () => {
  const t = useTestDb();
  afterEach(() => setMailTransport(null));

  it("keeps the message in the outbox when no SMTP is configured", async () => {
    setMailTransport(null);
    const id = await sendMail(t.db, { to: "siti@pontianak.test", subject: "Tanda terima", text: "Nomor KIPP2025-000001" });
    const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.to_address, row.subject, row.body_text, row.transport, row.status, row.sent_at]).toEqual([
      "siti@pontianak.test",
      "Tanda terima",
      "Nomor KIPP2025-000001",
      "outbox",
      "kept",
      null,
    ]);
  });

  it("sends through SMTP (nodemailer) and records it as sent", async () => {
    // nodemailer's JSON transport renders the message without a network.
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: Parameters<typeof original>[0]) => {
      const info = await original(mail);
      sent.push(String((info as { message: string }).message));
      return info;
    }) as typeof transport.sendMail;
    setMailTransport(transport);
    const id = await sendMail(t.db, { to: "rina@menpan.test", subject: "Undangan", text: "Halo" });
    const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.transport, row.status, row.error]).toEqual(["smtp", "sent", null]);
    expect(row.sent_at).not.toBeNull();
    expect(sent).toHaveLength(1);
    const message = JSON.parse(sent[0]);
    expect([message.to[0].address, message.subject, message.text]).toEqual(["rina@menpan.test", "Undangan", "Halo"]);
  });

  it("keeps the message and the reason when SMTP fails, without failing the caller", async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    transport.sendMail = (async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:2525");
    }) as typeof transport.sendMail;
    setMailTransport(transport);
    const id = await sendMail(t.db, { to: "rina@menpan.test", subject: "Undangan", text: "Halo" });
    const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.transport, row.status, row.error]).toEqual(["smtp", "failed", "connect ECONNREFUSED 127.0.0.1:2525"]);
  });
});
