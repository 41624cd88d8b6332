/**
 * Drafting and submission: the whole lifecycle (create, save, conflict,
 * submit, return, withdraw) against a real database, with the clock moved
 * through `ctx.now`, and every permission tried both ways with data present
 * that could leak.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { wibLocalToUtcIso } from "~/domain/time";
import { newId } from "~/lib/ids.server";
import type { ProposalFields } from "~/schemas/proposal";
import {
  addSource,
  createDraft,
  getAgencyProposals,
  getPrintableProposal,
  getProposalPage,
  removeSource,
  returnProposal,
  saveProposal,
  searchSources,
  submitProposal,
  withdrawProposal,
} from "~/services/proposals.server";
import { useTestDb } from "../support/db";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { actorOf, buildWorld, type World } from "../support/factories";

const t = useTestDb();

/** Registration 1 Nov 2026 08:00 WIB – 31 Dec 2026 23:59 WIB. */
const REGISTRATION = { startsAt: wibLocalToUtcIso("2026-11-01T08:00")!, endsAt: wibLocalToUtcIso("2026-12-31T23:59")! };
const NOW = new Date("2026-12-01T03:00:00.000Z"); // 10:00 WIB, window open
const LAST_SECONDS = new Date("2026-12-31T16:59:30.000Z"); // 23:59:30 WIB, still open
const MIDNIGHT = new Date("2026-12-31T17:00:00.000Z"); // 1 Jan 2027 00:00:00 WIB, closed
const at = (now: Date) => ({ now });

let db: DB;
let w: World;
let kipp: BuiltEdition;
let a: Record<"adminLokal" | "innovator" | "otherAdminLokal" | "otherInnovator" | "panrbAdmin" | "kalbarAdmin" | "evaluator" | "panelist" | "nobody" | "platformAdmin", Actor>;

beforeEach(async () => {
  db = t.db;
  w = await buildWorld(db);
  kipp = await buildEdition(db, w.competitions.kipp, { registration: REGISTRATION });
  a = {} as typeof a;
  for (const k of Object.keys(w.users) as (keyof World["users"])[]) {
    (a as Record<string, Actor>)[k] = await actorOf(db, w.users[k]);
  }
});

function words(n: number, word = "layanan"): string {
  return Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");
}

function completeFields(over: Partial<ProposalFields> = {}): ProposalFields {
  return {
    title: "SIPANDU: Sistem Pelayanan Terpadu",
    serviceUnit: "Dinas Kependudukan dan Pencatatan Sipil",
    innovatorKind: "team",
    innovatorNames: "Yudi Pratama\nSiti Aminah",
    innovatorDecree: "800/123/DISDUKCAPIL/2020",
    startedOn: "2020-01-15",
    categoryId: kipp.categories.digital,
    contactName: "Yudi Pratama",
    contactEmail: "inovator@pontianak.test",
    contactPhone: "0812-5555-0101",
    videoUrl: "https://youtu.be/dQw4w9WgXcQ",
    declaration: true,
    answers: { ringkasan: "Layanan administrasi kependudukan terpadu di kelurahan.", ide: "Warga mengurus dokumen di satu tempat dengan antrean daring.", signifikansi: "" },
    ...over,
  };
}

async function insertFile(proposalNumber: string, slot: string) {
  const p = await db.selectFrom("proposals").select("id").where("number", "=", proposalNumber).executeTakeFirstOrThrow();
  await db
    .insertInto("proposal_files")
    .values({
      id: newId(),
      proposal_id: p.id,
      slot_key: slot,
      storage: "local",
      storage_key: `test/${newId()}`,
      original_name: `${slot}.pdf`,
      mime_type: "application/pdf",
      size_bytes: 1234,
      sha256: "0".repeat(64),
      uploaded_by: null,
      created_at: NOW.toISOString(),
    })
    .execute();
}

async function draft(actor: Actor, opts: { agencyId?: string; groupId?: string; title?: string; now?: Date } = {}): Promise<string> {
  const r = await createDraft(
    db,
    actor,
    { agencyId: opts.agencyId ?? w.agencies.pontianak, competitionId: kipp.competitionId, groupId: opts.groupId ?? kipp.groups.umum, title: opts.title },
    at(opts.now ?? NOW),
  );
  if (!r.ok) throw new Error(`createDraft failed: ${JSON.stringify(r.errors)}`);
  return r.number;
}

/** A draft that passes every completeness rule (fields saved, required attachment present). */
async function completeDraft(actor: Actor, over: Partial<ProposalFields> = {}, agencyId?: string): Promise<string> {
  const number = await draft(actor, { agencyId });
  const saved = await saveProposal(db, actor, number, { version: 1, fields: completeFields(over) }, at(NOW));
  if (!saved.ok) throw new Error(`save failed: ${JSON.stringify(saved)}`);
  await insertFile(number, "sk_inovator");
  return number;
}

async function row(number: string) {
  return db.selectFrom("proposals").selectAll().where("number", "=", number).executeTakeFirstOrThrow();
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function audit(action: string) {
  return db
    .selectFrom("audit_log")
    .select(["action", "actor_user_id", "entity_id", "organizer_id", "competition_id", "agency_id", "before_json", "after_json"])
    .where("action", "=", action)
    .orderBy("at")
    .execute();
}

describe("createDraft", () => {
  it("gives the edition's next number, status draft, version 1, the creator as contact, and an audit row", async () => {
    const first = await draft(a.innovator, { title: "  Antrean Daring  " });
    const second = await draft(a.adminLokal);
    expect([first, second]).toEqual(["KIPP2025-000001", "KIPP2025-000002"]);
    const r = await row(first);
    expect([r.status, r.version, r.title, r.title_key, r.contact_name, r.contact_email, r.created_by, r.agency_id, r.group_id]).toEqual([
      "draft", 1, "Antrean Daring", "antrean daring", "Yudi", "inovator@pontianak.test", w.users.innovator, w.agencies.pontianak, kipp.groups.umum,
    ]);
    const comp = await db.selectFrom("competitions").select("number_counter").where("id", "=", kipp.competitionId).executeTakeFirstOrThrow();
    expect(comp.number_counter).toBe(2);
    const rows = await audit("proposal.created");
    expect(rows.map((x) => [x.actor_user_id, x.entity_id, x.organizer_id, x.competition_id, x.agency_id])).toEqual([
      [w.users.innovator, r.id, w.organizers.panrb, w.competitions.kipp, w.agencies.pontianak],
      [w.users.adminLokal, (await row(second)).id, w.organizers.panrb, w.competitions.kipp, w.agencies.pontianak],
    ]);
    expect(JSON.parse(rows[0].after_json ?? "{}")).toEqual({ number: first, group: "umum", title: "Antrean Daring", status: "draft", version: 1 });
  });

  it("uses the default prefix when the edition has none", async () => {
    await db.updateTable("competitions").set({ number_prefix: "" }).where("id", "=", kipp.competitionId).execute();
    expect(await draft(a.innovator)).toBe("KIPP2025-000001");
  });

  it("refuses an agency the edition does not admit, and a window that is not open; nothing is numbered", async () => {
    await db.updateTable("competitions").set({ eligible_province_code: "31" }).where("id", "=", kipp.competitionId).execute();
    const input = { agencyId: w.agencies.pontianak, competitionId: kipp.competitionId, groupId: kipp.groups.umum };
    expect(await createDraft(db, a.innovator, input, at(NOW))).toEqual({ ok: false, errors: { _form: "problem.agency_not_eligible" } });
    await db.updateTable("competitions").set({ eligible_province_code: null }).where("id", "=", kipp.competitionId).execute();
    expect(await createDraft(db, a.innovator, input, at(MIDNIGHT))).toEqual({ ok: false, errors: { _form: "problem.registration_closed" } });
    expect(await createDraft(db, a.innovator, input, at(new Date("2026-10-31T00:00:00Z")))).toEqual({
      ok: false,
      errors: { _form: "problem.registration_not_open" },
    });
    expect(await createDraft(db, a.innovator, { ...input, groupId: "nope" }, at(NOW))).toEqual({ ok: false, errors: { groupId: "proposal.errors.chooseGroup" } });
    expect(await db.selectFrom("proposals").select("id").execute()).toEqual([]);
    const comp = await db.selectFrom("competitions").select("number_counter").where("id", "=", kipp.competitionId).executeTakeFirstOrThrow();
    expect(comp.number_counter).toBe(0);
  });

  it("lets the agency's innovator and Admin Lokal create, and nobody else (403)", async () => {
    const input = { agencyId: w.agencies.pontianak, competitionId: kipp.competitionId, groupId: kipp.groups.umum };
    expect((await createDraft(db, a.innovator, input, at(NOW))).ok).toBe(true);
    expect((await createDraft(db, a.adminLokal, input, at(NOW))).ok).toBe(true);
    for (const who of ["otherAdminLokal", "otherInnovator", "panrbAdmin", "evaluator", "platformAdmin", "nobody"] as const) {
      expect(await statusOf(createDraft(db, a[who], input, at(NOW))), who).toBe(403);
    }
    expect((await db.selectFrom("proposals").select("number").orderBy("number").execute()).map((r) => r.number)).toEqual([
      "KIPP2025-000001",
      "KIPP2025-000002",
    ]);
  });
});

describe("saving", () => {
  it("writes the fields and answers, bumps the version and logs the changed fields", async () => {
    const number = await draft(a.innovator);
    const r = await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(NOW));
    expect(r).toEqual({ ok: true, version: 2, savedAt: NOW.toISOString(), problems: [{ code: "attachment_missing", field: "file.sk_inovator", params: { slot: "sk_inovator" } }] });
    const p = await row(number);
    expect([p.version, p.title, p.title_key, p.category_id, p.started_on, p.declaration, p.innovator_kind, p.updated_by]).toEqual([
      2, "SIPANDU: Sistem Pelayanan Terpadu", "sipandu sistem pelayanan terpadu", kipp.categories.digital, "2020-01-15", 1, "team", w.users.innovator,
    ]);
    const answers = await db.selectFrom("proposal_answers").select(["section_key", "body"]).where("proposal_id", "=", p.id).orderBy("section_key").execute();
    expect(answers).toEqual([
      { section_key: "ide", body: "Warga mengurus dokumen di satu tempat dengan antrean daring." },
      { section_key: "ringkasan", body: "Layanan administrasi kependudukan terpadu di kelurahan." },
    ]);
    const [log] = await audit("proposal.saved");
    expect(JSON.parse(log.after_json ?? "{}")).toEqual({
      version: 2,
      changed: ["title", "serviceUnit", "innovatorKind", "innovatorNames", "innovatorDecree", "startedOn", "categoryId", "contactName", "contactPhone", "videoUrl", "declaration", "answer_ringkasan", "answer_ide"],
    });
  });

  it("ignores answers to sections the group does not have", async () => {
    const number = await draft(a.innovator);
    await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields({ answers: { ringkasan: "Ringkas.", rahasia: "x" } }) }, at(NOW));
    const p = await row(number);
    const keys = await db.selectFrom("proposal_answers").select("section_key").where("proposal_id", "=", p.id).execute();
    expect(keys.map((k) => k.section_key)).toEqual(["ringkasan"]);
  });

  it("on a version conflict overwrites nothing and hands back both versions; saving again on the new version keeps mine", async () => {
    const number = await draft(a.innovator);
    // The innovator saves first (v1 → v2).
    const theirs = completeFields({ title: "Judul dari inovator", answers: { ringkasan: "Versi inovator.", ide: "Ide bersama.", signifikansi: "" } });
    expect((await saveProposal(db, a.innovator, number, { version: 1, fields: theirs }, at(NOW))).ok).toBe(true);
    // The Admin Lokal, who loaded v1, saves later.
    const mine = completeFields({ title: "Judul dari Admin Lokal", answers: { ringkasan: "Versi admin.", ide: "Ide bersama.", signifikansi: "" } });
    const r = await saveProposal(db, a.adminLokal, number, { version: 1, fields: mine }, at(NOW));
    expect(r).toEqual({ ok: false, reason: "conflict", version: 2, savedAt: NOW.toISOString(), theirs, differing: ["title", "answer_ringkasan"] });
    const stored = await row(number);
    expect([stored.version, stored.title, stored.updated_by]).toEqual([2, "Judul dari inovator", w.users.innovator]);
    expect((await db.selectFrom("proposal_answers").select("body").where("proposal_id", "=", stored.id).where("section_key", "=", "ringkasan").executeTakeFirst())?.body).toBe("Versi inovator.");
    expect(await audit("proposal.saved")).toHaveLength(1);
    // Keeping mine: resubmitted on the version that was shown.
    const again = await saveProposal(db, a.adminLokal, number, { version: 2, fields: mine }, at(NOW));
    expect(again.ok && again.version).toBe(3);
    expect((await row(number)).title).toBe("Judul dari Admin Lokal");
  });

  it("treats a stale version with nothing different as saved (no conflict, nothing written)", async () => {
    const number = await draft(a.innovator);
    await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(NOW));
    const r = await saveProposal(db, a.adminLokal, number, { version: 1, fields: completeFields() }, at(NOW));
    expect(r.ok && r.version).toBe(2);
    expect(await audit("proposal.saved")).toHaveLength(1);
  });

  it("writes nothing when the current version is saved again unchanged (as the submit button does)", async () => {
    const number = await draft(a.innovator);
    await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(NOW));
    const r = await saveProposal(db, a.adminLokal, number, { version: 2, fields: completeFields() }, at(NOW));
    expect(r.ok && r.version).toBe(2);
    expect(await audit("proposal.saved")).toHaveLength(1);
  });

  it("refuses after the deadline (server clock) and for a submitted proposal; nothing is written", async () => {
    const number = await draft(a.innovator);
    expect(await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(MIDNIGHT))).toEqual({ ok: false, reason: "closed" });
    expect((await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(LAST_SECONDS))).ok).toBe(true);
    await insertFile(number, "sk_inovator");
    expect((await submitProposal(db, a.adminLokal, number, at(NOW))).ok).toBe(true);
    const before = await row(number);
    expect(await saveProposal(db, a.innovator, number, { version: before.version, fields: completeFields({ title: "Diam-diam diubah" }) }, at(NOW))).toEqual({
      ok: false,
      reason: "not_editable",
      status: "submitted",
    });
    expect((await row(number)).title).toBe("SIPANDU: Sistem Pelayanan Terpadu");
  });

  it("refuses a category of another edition at the field", async () => {
    const siva = await buildEdition(db, w.competitions.sivablik, { registration: REGISTRATION });
    const number = await draft(a.innovator);
    expect(await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields({ categoryId: siva.categories.digital }) }, at(NOW))).toEqual({
      ok: false,
      reason: "invalid",
      errors: { categoryId: "errors.invalid" },
    });
  });

  it("is the agency's own: another agency gets 404, the organizer 404 on a draft and 403 once submitted", async () => {
    const number = await draft(a.innovator);
    for (const who of ["otherAdminLokal", "otherInnovator", "panrbAdmin", "kalbarAdmin", "evaluator", "nobody"] as const) {
      expect(await statusOf(saveProposal(db, a[who], number, { version: 1, fields: completeFields() }, at(NOW))), who).toBe(404);
    }
    expect((await row(number)).version).toBe(1);
    await saveProposal(db, a.innovator, number, { version: 1, fields: completeFields() }, at(NOW));
    await insertFile(number, "sk_inovator");
    await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(await statusOf(saveProposal(db, a.panrbAdmin, number, { version: 3, fields: completeFields({ title: "Organizer" }) }, at(NOW)))).toBe(403);
    expect(await statusOf(saveProposal(db, a.kalbarAdmin, number, { version: 3, fields: completeFields({ title: "Organizer" }) }, at(NOW)))).toBe(404);
    expect((await row(number)).title).toBe("SIPANDU: Sistem Pelayanan Terpadu");
  });
});

describe("submitProposal", () => {
  it("names every missing piece of an empty draft", async () => {
    const number = await draft(a.innovator);
    const r = await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => [p.code, p.field])).toEqual([
      ["title_missing", "title"],
      ["category_missing", "categoryId"],
      ["service_unit_missing", "serviceUnit"],
      ["innovator_missing", "innovatorNames"],
      ["start_date_missing", "startedOn"],
      ["declaration_missing", "declaration"],
      ["section_missing", "section.ringkasan"],
      ["section_missing", "section.ide"],
      ["attachment_missing", "file.sk_inovator"],
    ]);
    expect((await row(number)).status).toBe("draft");
  });

  it("names a section over its limit, a missing attachment and a too young innovation", async () => {
    const number = await draft(a.innovator);
    await saveProposal(
      db,
      a.innovator,
      number,
      { version: 1, fields: completeFields({ startedOn: "2025-06-01", answers: { ringkasan: words(201), ide: "Ide.", signifikansi: "" } }) },
      at(NOW),
    );
    const r = await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(!r.ok && r.problems).toEqual([
      { code: "too_young", field: "startedOn", params: { months: 24, actual: 18 } },
      { code: "section_over_limit", field: "section.ringkasan", params: { section: "ringkasan", limit: 200, words: 201 } },
      { code: "attachment_missing", field: "file.sk_inovator", params: { slot: "sk_inovator" } },
    ]);
    expect((await row(number)).status).toBe("draft");
  });

  it("refuses past the agency's quota in the group", async () => {
    const numbers = [await completeDraft(a.innovator), await completeDraft(a.innovator), await completeDraft(a.innovator)];
    expect((await submitProposal(db, a.adminLokal, numbers[0], at(NOW))).ok).toBe(true);
    expect((await submitProposal(db, a.adminLokal, numbers[1], at(NOW))).ok).toBe(true);
    expect(await submitProposal(db, a.adminLokal, numbers[2], at(NOW))).toEqual({ ok: false, problems: [{ code: "quota_reached", params: { quota: 2 } }] });
    // Another agency's submissions do not count against Pontianak, nor Pontianak's against it.
    const other = await completeDraft(a.otherInnovator, {}, w.agencies.singkawang);
    expect((await submitProposal(db, a.otherAdminLokal, other, at(NOW))).ok).toBe(true);
    expect((await row(numbers[2])).status).toBe("draft");
  });

  it("refuses at 00:00:00 WIB after a 23:59 deadline and accepts at 23:59:30 WIB", async () => {
    const number = await completeDraft(a.innovator);
    expect(await submitProposal(db, a.adminLokal, number, at(MIDNIGHT))).toEqual({ ok: false, problems: [{ code: "registration_closed" }] });
    expect((await row(number)).status).toBe("draft");
    expect(await submitProposal(db, a.adminLokal, number, at(LAST_SECONDS))).toEqual({
      ok: true,
      receiptNumber: "KIPP2025-000001/20261231.2359",
      submittedAt: "2026-12-31T16:59:30.000Z",
    });
  });

  it("submits: status, receipt, audit, and a receipt mail to the Admin Lokal and the contact in their languages", async () => {
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", w.users.adminLokal).execute();
    const admin = await actorOf(db, w.users.adminLokal);
    const number = await completeDraft(a.innovator);
    const r = await submitProposal(db, admin, number, { now: NOW, origin: "https://sayembara.test" });
    expect(r).toEqual({ ok: true, receiptNumber: "KIPP2025-000001/20261201.1000", submittedAt: NOW.toISOString() });
    const p = await row(number);
    expect([p.status, p.submitted_at, p.submitted_by, p.receipt_number, p.version]).toEqual([
      "submitted", NOW.toISOString(), w.users.adminLokal, "KIPP2025-000001/20261201.1000", 3,
    ]);
    const [log] = await audit("proposal.submitted");
    expect([log.actor_user_id, log.agency_id, log.competition_id, log.organizer_id]).toEqual([w.users.adminLokal, w.agencies.pontianak, w.competitions.kipp, w.organizers.panrb]);
    expect(JSON.parse(log.after_json ?? "{}")).toEqual({ status: "submitted", version: 3, receipt_number: "KIPP2025-000001/20261201.1000", submitted_at: NOW.toISOString() });
    const mails = await db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).orderBy("created_at").orderBy("to_address").execute();
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ["adminlokal@pontianak.test", "Receipt for proposal KIPP2025-000001"],
      ["inovator@pontianak.test", "Tanda terima proposal KIPP2025-000001"],
    ]);
    expect(mails[0].body_text).toContain("Receipt number: KIPP2025-000001/20261201.1000");
    expect(mails[0].body_text).toContain("Submitted at: 1 December 2026 10:00 WIB");
    expect(mails[1].body_text).toContain("Nomor tanda terima: KIPP2025-000001/20261201.1000");
    expect(mails[1].body_text).toContain("Judul: SIPANDU: Sistem Pelayanan Terpadu");
    expect(mails[1].body_text).toContain("Waktu pengajuan: 1 Desember 2026 10.00 WIB");
    expect(mails[1].body_text).toContain("https://sayembara.test/proposals/KIPP2025-000001");
  });

  it("is for the agency's Admin Lokal only: its innovator 403, another agency's Admin Lokal 404 (forged number)", async () => {
    const number = await completeDraft(a.innovator);
    expect(await statusOf(submitProposal(db, a.innovator, number, at(NOW)))).toBe(403);
    for (const who of ["otherAdminLokal", "otherInnovator", "panrbAdmin", "evaluator", "nobody"] as const) {
      expect(await statusOf(submitProposal(db, a[who], number, at(NOW))), who).toBe(404);
    }
    expect((await row(number)).status).toBe("draft");
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual([]);
  });
});

describe("return and withdraw", () => {
  it("returns before the deadline with a note and a mail to the creator; the proposal keeps its number and gets a new receipt", async () => {
    const number = await completeDraft(a.innovator);
    await submitProposal(db, a.adminLokal, number, at(NOW));
    const later = new Date(NOW.getTime() + 60 * 60 * 1000);
    expect(await returnProposal(db, a.adminLokal, number, "Lengkapi SK inovator.", { now: later })).toEqual({ ok: true });
    const p = await row(number);
    expect([p.status, p.return_note, p.receipt_number, p.submitted_at]).toEqual(["returned", "Lengkapi SK inovator.", null, null]);
    const [log] = await audit("proposal.returned");
    expect(JSON.parse(log.before_json ?? "{}")).toEqual({ status: "submitted", receipt_number: "KIPP2025-000001/20261201.1000", submitted_at: NOW.toISOString() });
    const mail = await db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).where("subject", "like", "%dikembalikan%").execute();
    expect(mail.map((m) => [m.to_address, m.subject])).toEqual([["inovator@pontianak.test", "Proposal KIPP2025-000001 dikembalikan untuk diperbaiki"]]);
    expect(mail[0].body_text).toContain("Lengkapi SK inovator.");
    // The innovator corrects it (a returned proposal is editable) and the Admin Lokal submits again.
    expect((await saveProposal(db, a.innovator, number, { version: p.version, fields: completeFields({ title: "SIPANDU (perbaikan)" }) }, { now: later })).ok).toBe(true);
    const again = await submitProposal(db, a.adminLokal, number, { now: later });
    expect(again).toEqual({ ok: true, receiptNumber: "KIPP2025-000001/20261201.1100", submittedAt: later.toISOString() });
    expect([(await row(number)).number, (await row(number)).return_note]).toEqual(["KIPP2025-000001", null]);
  });

  it("after the deadline neither returns nor withdraws, and everything stays read-only to the agency", async () => {
    const number = await completeDraft(a.innovator);
    await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(await returnProposal(db, a.adminLokal, number, "Terlambat", at(MIDNIGHT))).toEqual({ ok: false, reason: "closed" });
    expect(await withdrawProposal(db, a.adminLokal, number, "Terlambat", at(MIDNIGHT))).toEqual({ ok: false, reason: "closed" });
    expect((await row(number)).status).toBe("submitted");
    const page = await getProposalPage(db, a.adminLokal, number, at(MIDNIGHT));
    expect([page.may, page.readOnly]).toEqual([{ edit: false, submit: false, return: false, withdraw: false }, "submitted"]);
    const draftNumber = await draft(a.innovator);
    const draftPage = await getProposalPage(db, a.innovator, draftNumber, at(MIDNIGHT));
    expect([draftPage.may.edit, draftPage.readOnly]).toEqual([false, "closed"]);
  });

  it("withdraws before the deadline with the reason in the audit log", async () => {
    const number = await completeDraft(a.innovator);
    await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(await withdrawProposal(db, a.adminLokal, number, "Inovasi dihentikan.", at(NOW))).toEqual({ ok: true });
    expect((await row(number)).status).toBe("withdrawn");
    const [log] = await audit("proposal.withdrawn");
    expect([JSON.parse(log.before_json ?? "{}"), JSON.parse(log.after_json ?? "{}")]).toEqual([{ status: "submitted" }, { status: "withdrawn", reason: "Inovasi dihentikan." }]);
    // A withdrawn proposal is not editable and cannot be withdrawn twice.
    expect(await saveProposal(db, a.innovator, number, { version: 4, fields: completeFields() }, at(NOW))).toEqual({ ok: false, reason: "not_editable", status: "withdrawn" });
    expect(await statusOf(withdrawProposal(db, a.adminLokal, number, "Lagi", at(NOW)))).toBe(403);
  });

  it("only the agency's Admin Lokal returns or withdraws; a draft cannot be returned", async () => {
    const number = await completeDraft(a.innovator);
    expect(await statusOf(returnProposal(db, a.adminLokal, number, "Belum diajukan", at(NOW)))).toBe(403);
    await submitProposal(db, a.adminLokal, number, at(NOW));
    expect(await statusOf(returnProposal(db, a.innovator, number, "x", at(NOW)))).toBe(403);
    expect(await statusOf(withdrawProposal(db, a.innovator, number, "x", at(NOW)))).toBe(403);
    expect(await statusOf(returnProposal(db, a.panrbAdmin, number, "x", at(NOW)))).toBe(403);
    expect(await statusOf(returnProposal(db, a.otherAdminLokal, number, "x", at(NOW)))).toBe(404);
    expect(await statusOf(withdrawProposal(db, a.otherAdminLokal, number, "x", at(NOW)))).toBe(404);
    expect((await row(number)).status).toBe("submitted");
  });
});

describe("who sees what", () => {
  it("the agency sees its drafts; another agency, the organizer, a juror and strangers get 404 — and the organizer sees it once submitted", async () => {
    const pontianak = await completeDraft(a.innovator);
    const singkawang = await draft(a.otherInnovator, { agencyId: w.agencies.singkawang, title: "Draf Singkawang" });
    for (const who of ["innovator", "adminLokal"] as const) {
      expect((await getProposalPage(db, a[who], pontianak, at(NOW))).proposal.number, who).toBe(pontianak);
    }
    for (const who of ["otherAdminLokal", "otherInnovator", "panrbAdmin", "kalbarAdmin", "evaluator", "panelist", "platformAdmin", "nobody"] as const) {
      expect(await statusOf(getProposalPage(db, a[who], pontianak, at(NOW))), who).toBe(404);
      expect(await statusOf(getPrintableProposal(db, a[who], pontianak)), who).toBe(404);
    }
    for (const who of ["innovator", "adminLokal", "panrbAdmin"] as const) {
      expect(await statusOf(getProposalPage(db, a[who], singkawang, at(NOW))), who).toBe(404);
    }
    await submitProposal(db, a.adminLokal, pontianak, at(NOW));
    const seen = await getProposalPage(db, a.panrbAdmin, pontianak, at(NOW));
    expect([seen.proposal.status, seen.readOnly, seen.may]).toEqual(["submitted", "viewer", { edit: false, submit: false, return: false, withdraw: false }]);
    expect((await getPrintableProposal(db, a.panrbAdmin, pontianak)).fields.title).toBe("SIPANDU: Sistem Pelayanan Terpadu");
    for (const who of ["kalbarAdmin", "evaluator", "panelist", "otherAdminLokal"] as const) {
      expect(await statusOf(getProposalPage(db, a[who], pontianak, at(NOW))), who).toBe(404);
    }
  });

  it("lists an agency's proposals to its members only, with the open editions that admit it", async () => {
    const mine = [await draft(a.innovator, { title: "Satu" }), await draft(a.adminLokal, { title: "Dua" })];
    await draft(a.otherInnovator, { agencyId: w.agencies.singkawang, title: "Milik Singkawang" });
    const view = await getAgencyProposals(db, a.innovator, w.agencies.pontianak, at(NOW));
    expect(view.proposals.map((p) => [p.number, p.title, p.status])).toEqual([
      [mine[0], "Satu", "draft"],
      [mine[1], "Dua", "draft"],
    ]);
    expect(view.openEditions.map((e) => [e.name, e.groups.map((g) => g.key), e.minutesLeft])).toEqual([["KIPP 2025", ["umum", "replikasi"], 30 * 1440 + 14 * 60]]);
    expect(view.canCreate).toBe(true);
    // Closed, or not admitting the agency: not offered.
    expect((await getAgencyProposals(db, a.innovator, w.agencies.pontianak, at(MIDNIGHT))).openEditions).toEqual([]);
    await db.updateTable("competitions").set({ allowed_clusters: JSON.stringify(["kabupaten"]) }).where("id", "=", kipp.competitionId).execute();
    expect((await getAgencyProposals(db, a.innovator, w.agencies.pontianak, at(NOW))).openEditions).toEqual([]);
    for (const who of ["otherAdminLokal", "otherInnovator", "panrbAdmin", "evaluator", "nobody"] as const) {
      expect(await statusOf(getAgencyProposals(db, a[who], w.agencies.pontianak, at(NOW))), who).toBe(403);
    }
  });
});

describe("Replikasi sources", () => {
  it("searches submitted proposals of other editions and agencies only, and names platform and external sources", async () => {
    const siva = await buildEdition(db, w.competitions.sivablik, { registration: REGISTRATION });
    const sivaDraft = async (actor: Actor, agencyId: string, title: string, submit: Actor | null) => {
      const r = await createDraft(db, actor, { agencyId, competitionId: siva.competitionId, groupId: siva.groups.umum, title }, at(NOW));
      if (!r.ok) throw new Error("draft");
      if (submit) {
        await saveProposal(db, actor, r.number, { version: 1, fields: completeFields({ title, categoryId: siva.categories.digital }) }, at(NOW));
        await insertFile(r.number, "sk_inovator");
        const s = await submitProposal(db, submit, r.number, at(NOW));
        if (!s.ok) throw new Error(JSON.stringify(s));
      }
      return r.number;
    };
    const source = await sivaDraft(a.otherInnovator, w.agencies.singkawang, "Antrean Layanan Terpadu Singkawang", a.otherAdminLokal);
    await sivaDraft(a.otherInnovator, w.agencies.singkawang, "Antrean layanan draf Singkawang", null);
    await sivaDraft(a.innovator, w.agencies.pontianak, "Antrean Layanan Pontianak", a.adminLokal);
    const sameEdition = await completeDraft(a.otherInnovator, { title: "Antrean Layanan KIPP Singkawang" }, w.agencies.singkawang);
    await submitProposal(db, a.otherAdminLokal, sameEdition, at(NOW));

    const number = await draft(a.innovator, { groupId: kipp.groups.replikasi });
    const found = await searchSources(db, a.innovator, number, "ANTREAN layanan");
    expect(found.map((f) => [f.number, f.title, f.agency_name])).toEqual([[source, "Antrean Layanan Terpadu Singkawang", "Pemerintah Kota Singkawang"]]);
    expect(await searchSources(db, a.innovator, number, "50%_")).toEqual([]);

    // A forged id (a draft, or this edition's proposal) is refused at the field.
    const draftRow = await db.selectFrom("proposals").select("id").where("title", "=", "Antrean layanan draf Singkawang").executeTakeFirstOrThrow();
    expect(await addSource(db, a.innovator, number, { kind: "platform", sourceProposalId: draftRow.id }, at(NOW))).toEqual({
      ok: false,
      reason: "invalid",
      errors: { sourceProposalId: "errors.invalid" },
    });
    expect(await addSource(db, a.innovator, number, { kind: "platform", sourceProposalId: found[0].id }, at(NOW))).toEqual({ ok: true });
    expect(await addSource(db, a.innovator, number, { kind: "external", title: "Sistem Antrean Kota Bandung", agency: "Pemerintah Kota Bandung", year: 2019 }, at(NOW))).toEqual({ ok: true });
    const page = await getProposalPage(db, a.innovator, number, at(NOW));
    expect(page.sources.map((s) => [s.kind, s.number, s.title, s.agency, s.edition, s.year])).toEqual([
      ["platform", source, "Antrean Layanan Terpadu Singkawang", "Pemerintah Kota Singkawang", "Sivablik 2025", 2025],
      ["external", null, "Sistem Antrean Kota Bandung", "Pemerintah Kota Bandung", null, 2019],
    ]);
    expect(page.problems.some((p) => p.code === "sources_missing")).toBe(false);
    expect((await audit("proposal.source_added")).length).toBe(2);

    expect(await removeSource(db, a.innovator, number, page.sources[1].id, at(NOW))).toEqual({ ok: true });
    expect(await removeSource(db, a.innovator, number, page.sources[0].id, at(NOW))).toEqual({ ok: true });
    const empty = await getProposalPage(db, a.innovator, number, at(NOW));
    expect(empty.problems.filter((p) => p.code === "sources_missing")).toEqual([{ code: "sources_missing", field: "sources" }]);
    // Another agency cannot touch the sources (404), and after the deadline nobody can.
    expect(await statusOf(addSource(db, a.otherInnovator, number, { kind: "external", title: "x", agency: "y", year: 2020 }, at(NOW)))).toBe(404);
    expect(await addSource(db, a.innovator, number, { kind: "external", title: "x", agency: "y", year: 2020 }, at(MIDNIGHT))).toEqual({ ok: false, reason: "closed" });
  });

  it("a group without sources refuses them (400)", async () => {
    const number = await draft(a.innovator);
    expect(await statusOf(addSource(db, a.innovator, number, { kind: "external", title: "x", agency: "y", year: 2020 }, at(NOW)))).toBe(400);
  });
});
