/**
 * Announcements: drafts generated from decisions, text, settings, publishing
 * (number, snapshot, window, catalogue, notifications, mail, audit),
 * scheduling and release, corrections, the PDF, dashboard notifications,
 * permissions with data that could leak, and bad input.
 */
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream, type PDFPage } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { parseForm } from "~/lib/forms";
import {
  CreateDraftSchema,
  PublishSchema,
  SettingsSchema,
  TextSchema,
  createAnnouncementDraft,
  createCorrectionDraft,
  deleteAnnouncementDraft,
  getAnnouncement,
  getAnnouncementPdf,
  getAnnouncementsPage,
  publishAnnouncement,
  refreshAnnouncementDraft,
  releaseDueAnnouncements,
  unscheduleAnnouncement,
  updateAnnouncementDraft,
  updateAnnouncementSettings,
  type PublishInput,
} from "~/services/announcements.server";
import { getDashboard, readNotification } from "~/services/dashboard.server";
import { useTestDb } from "../support/db";
import { actorOf } from "../support/factories";
import { buildAnnouncementScene, buildDecidedRound, buildWinners, type AnnouncementScene } from "../support/publication-h1";

const t = useTestDb();
const ORIGIN = "https://sayembara.test";
// 10 March 2025 09:00 WIB.
const NOW = new Date("2025-03-10T02:00:00.000Z");
const NOW_INPUT: PublishInput = { mode: "now", publishAt: "", objection: false, objectionDays: "" };

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const WIN_ANSI = { decode: (b: Buffer) => [...b].map((c) => (c >= 0x80 && c < 0xa0 ? CP1252_80_9F[c - 0x80] : String.fromCharCode(c))).join("") };

/** The text drawn on a page (pdf-lib writes standard-font text as hex strings). */
function pageText(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  let out = "";
  for (const st of streams) {
    if (!(st instanceof PDFRawStream)) continue;
    const ops = Buffer.from(decodePDFRawStream(st).decode()).toString("latin1");
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out += `${WIN_ANSI.decode(Buffer.from(m[1], "hex"))}\n`;
  }
  return out;
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 200;
}

async function audits(db: DB, action: string) {
  return db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").orderBy("id").execute();
}

async function scene(opts: { publishScreening?: boolean } = {}) {
  const s = await buildAnnouncementScene(t.db, opts);
  const admin = await actorOf(t.db, s.w.users.panrbAdmin);
  return { ...s, admin };
}

/** The finalists round of KIPP: a1 (1), b1 (2, override), a2 (3, stop), b2 (4, stop). */
async function finalistsRound(s: AnnouncementScene, entries = defaultDecision(s)) {
  return buildDecidedRound(t.db, s.w.competitions.kipp, entries, { name: "Penilaian proposal" });
}

function defaultDecision(s: AnnouncementScene) {
  return [
    { proposalId: s.p.a1.id, rank: 1, score: 88.5, decision: "advance" as const },
    { proposalId: s.p.b1.id, rank: 2, score: 80, decision: "override_advance" as const },
    { proposalId: s.p.a2.id, rank: 3, score: 70, decision: "stop" as const },
    { proposalId: s.p.b2.id, rank: 4, score: null, decision: "override_stop" as const },
  ];
}

async function draft(admin: Actor, kind: "screening" | "finalists" | "winners", roundId: string | null = null) {
  const r = await createAnnouncementDraft(t.db, admin, "kipp-2025", { kind, roundId }, NOW);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

async function entriesOf(id: string) {
  return (await t.db.selectFrom("announcement_entries").selectAll().where("announcement_id", "=", id).orderBy("position").execute()).map((e) => ({
    ...e,
    position: Number(e.position),
    rank: e.rank === null ? null : Number(e.rank),
    score: e.score === null ? null : Number(e.score),
  }));
}

async function announcement(id: string) {
  return t.db.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("drafts from a decision", () => {
  it("screening: refused until the screening is published, then lists the lolos proposals by number", async () => {
    const s = await scene({ publishScreening: false });
    expect(await createAnnouncementDraft(t.db, s.admin, "kipp-2025", { kind: "screening", roundId: null })).toEqual({
      ok: false,
      errors: { kind: "announcements.errors.screeningNotDecided" },
    });
    await t.db.updateTable("competitions").set({ screening_published_at: NOW.toISOString() }).execute();
    const id = await draft(s.admin, "screening");
    const a = await announcement(id);
    expect([a.kind, a.status, a.seq, a.number, a.round_id, a.title]).toEqual([
      "screening",
      "draft",
      null,
      null,
      null,
      "Pengumuman Hasil Seleksi Administrasi KIPP 2025",
    ]);
    const entries = await entriesOf(id);
    expect(entries.map((e) => [e.position, e.proposal_number, e.title, e.agency_name, e.cluster, e.group_key, e.category_name_id])).toEqual([
      [1, s.p.a1.number, "Antrean Daring Dukcapil", "Pemerintah Kota Pontianak", "kota", "umum", "Transformasi Digital"],
      [2, s.p.a2.number, "Posyandu Digital", "Pemerintah Kota Pontianak", "kota", "umum", "Pelayanan Kesehatan"],
      [3, s.p.b1.number, "Lapor Jalan Rusak", "Pemerintah Kota Singkawang", "kota", "umum", "Transformasi Digital"],
      [4, s.p.b2.number, "Sekolah Pesisir", "Pemerintah Kota Singkawang", "kota", "umum", "Transformasi Digital"],
    ]);
    expect(entries[0].region_name).toBe("Kota Pontianak, Kalimantan Barat");
    const created = await audits(t.db, "announcement.created");
    expect(created.map((r) => [r.entity_id, r.organizer_id, r.competition_id, r.actor_user_id])).toEqual([[id, s.w.organizers.panrb, s.w.competitions.kipp, s.w.users.panrbAdmin]]);
    expect(JSON.parse(created[0].after_json!)).toEqual({ kind: "screening", round_id: null, title: a.title, entries: 4 });
  });

  it("finalists: needs a decided round of the edition and lists advancing proposals by rank", async () => {
    const s = await scene();
    const open = await buildDecidedRound(t.db, s.w.competitions.kipp, [], { decided: false, position: 2, name: "Presentasi" });
    expect(await createAnnouncementDraft(t.db, s.admin, "kipp-2025", { kind: "finalists", roundId: null })).toEqual({ ok: false, errors: { roundId: "announcements.errors.roundRequired" } });
    expect(await createAnnouncementDraft(t.db, s.admin, "kipp-2025", { kind: "finalists", roundId: open })).toEqual({ ok: false, errors: { roundId: "announcements.errors.roundNotDecided" } });
    const otherRound = await buildDecidedRound(t.db, s.w.competitions.sivablik, [{ proposalId: s.s1.id, rank: 1, score: 90, decision: "advance" }]);
    expect(await createAnnouncementDraft(t.db, s.admin, "kipp-2025", { kind: "finalists", roundId: otherRound })).toEqual({ ok: false, errors: { roundId: "announcements.errors.roundRequired" } });

    const round = await finalistsRound(s);
    const id = await draft(s.admin, "finalists", round);
    expect((await announcement(id)).title).toBe("Pengumuman Hasil Penilaian proposal KIPP 2025");
    expect((await entriesOf(id)).map((e) => [e.position, e.proposal_id, e.rank, e.score])).toEqual([
      [1, s.p.a1.id, 1, 88.5],
      [2, s.p.b1.id, 2, 80],
    ]);
  });

  it("winners: needs winners, lists them by tier then position with the tier's name", async () => {
    const s = await scene();
    expect(await createAnnouncementDraft(t.db, s.admin, "kipp-2025", { kind: "winners", roundId: null })).toEqual({ ok: false, errors: { kind: "announcements.errors.noWinners" } });
    const tiers = await buildWinners(t.db, s.w.competitions.kipp, [
      { key: "outstanding", nameId: "Outstanding Achievement", nameEn: "Outstanding Achievement", position: 2, proposalIds: [s.p.b2.id] },
      { key: "top45", nameId: "Top 45 Inovasi Pelayanan Publik Terpuji", nameEn: "Top 45 Commendable Public Service Innovations", position: 1, proposalIds: [s.p.b1.id, s.p.a1.id] },
    ]);
    const id = await draft(s.admin, "winners");
    expect((await entriesOf(id)).map((e) => [e.position, e.proposal_id, e.tier_id, e.label_id, e.label_en, e.rank])).toEqual([
      [1, s.p.b1.id, tiers.top45, "Top 45 Inovasi Pelayanan Publik Terpuji", "Top 45 Commendable Public Service Innovations", 1],
      [2, s.p.a1.id, tiers.top45, "Top 45 Inovasi Pelayanan Publik Terpuji", "Top 45 Commendable Public Service Innovations", 2],
      [3, s.p.b2.id, tiers.outstanding, "Outstanding Achievement", "Outstanding Achievement", 1],
    ]);
  });

  it("refreshes a draft's list from the decision as it is now, and only a draft", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await t.db.updateTable("proposal_screenings").set({ result: "tidak_lolos" }).where("proposal_id", "=", s.p.a2.id).execute();
    expect(await refreshAnnouncementDraft(t.db, s.admin, "kipp-2025", id)).toEqual({ ok: true, entries: 3 });
    expect((await entriesOf(id)).map((e) => e.proposal_id)).toEqual([s.p.a1.id, s.p.b1.id, s.p.b2.id]);
    expect((await audits(t.db, "announcement.refreshed")).map((r) => [JSON.parse(r.before_json!), JSON.parse(r.after_json!)])).toEqual([[{ entries: 4 }, { entries: 3 }]]);
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    expect(await refreshAnnouncementDraft(t.db, s.admin, "kipp-2025", id)).toEqual({ ok: false, errors: { _form: "announcements.errors.notDraft" } });
  });

  it("rejects a bad form", () => {
    expect(parseForm(CreateDraftSchema, form({ kind: "everything" }))).toMatchObject({ ok: false, errors: { kind: "announcements.errors.kind" } });
    expect(parseForm(CreateDraftSchema, form({}))).toMatchObject({ ok: false, errors: { kind: "announcements.errors.kind" } });
    expect(parseForm(CreateDraftSchema, form({ kind: "finalists", roundId: "" }))).toMatchObject({ ok: true, data: { kind: "finalists", roundId: null } });
  });
});

describe("text and settings", () => {
  it("saves title and body of a draft with an audit row; a published one is frozen", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    const before = await announcement(id);
    expect(await updateAnnouncementDraft(t.db, s.admin, "kipp-2025", id, { title: "Hasil Seleksi", bodyMd: "Isi **baru**" })).toEqual({ ok: true });
    expect(await updateAnnouncementDraft(t.db, s.admin, "kipp-2025", id, { title: "Hasil Seleksi", bodyMd: "Isi **baru**" })).toEqual({ ok: true });
    const updated = await audits(t.db, "announcement.updated");
    expect(updated.map((r) => [JSON.parse(r.before_json!), JSON.parse(r.after_json!)])).toEqual([
      [{ title: before.title, body_md: before.body_md }, { title: "Hasil Seleksi", body_md: "Isi **baru**" }],
    ]);
    const page = await getAnnouncement(t.db, s.admin, "kipp-2025", id, NOW);
    expect(page.announcement.bodyHtml).toBe("<p>Isi <strong>baru</strong></p>\n");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    expect(await updateAnnouncementDraft(t.db, s.admin, "kipp-2025", id, { title: "Lain", bodyMd: "" })).toEqual({ ok: false, errors: { _form: "announcements.errors.published" } });
    expect((await announcement(id)).title).toBe("Hasil Seleksi");
  });

  it("escapes raw HTML and unsafe links in the body", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await updateAnnouncementDraft(t.db, s.admin, "kipp-2025", id, { title: "X", bodyMd: '<script>alert(1)</script> [a](javascript:alert(1))' });
    const html = (await getAnnouncement(t.db, s.admin, "kipp-2025", id, NOW)).announcement.bodyHtml;
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; [a](javascript:alert(1))</p>\n");
  });

  it("rejects a bad text form", () => {
    expect(parseForm(TextSchema, form({ title: "   ", bodyMd: "x" }))).toMatchObject({ ok: false, errors: { title: "errors.required" } });
    expect(parseForm(TextSchema, form({ title: "x".repeat(301) }))).toMatchObject({ ok: false, errors: { title: "errors.tooLong" } });
    expect(parseForm(TextSchema, form({ title: "Judul", bodyMd: "x".repeat(20_001) }))).toMatchObject({ ok: false, errors: { bodyMd: "errors.tooLong" } });
  });

  it("saves the number pattern and default window, refusing bad ones at the field", async () => {
    const s = await scene();
    const bad = [
      ["B/PP.00.05/{year}", "announcements.errors.pattern.missing_n"],
      ["B/{n}/{tahun}", "announcements.errors.pattern.unknown_placeholder"],
      ["   ", "announcements.errors.pattern.empty"],
    ] as const;
    for (const [pattern, key] of bad) {
      expect(await updateAnnouncementSettings(t.db, s.admin, "kipp-2025", { pattern, objectionDays: 5 })).toEqual({ ok: false, errors: { pattern: key } });
    }
    expect(await updateAnnouncementSettings(t.db, s.admin, "kipp-2025", { pattern: "{n}", objectionDays: 0 })).toEqual({ ok: false, errors: { objectionDays: "announcements.errors.days" } });
    expect(parseForm(SettingsSchema, form({ pattern: "{n}", objectionDays: "abc" }))).toMatchObject({ ok: false, errors: { objectionDays: "announcements.errors.days" } });
    expect(parseForm(SettingsSchema, form({ pattern: "{n}", objectionDays: "61" }))).toMatchObject({ ok: false, errors: { objectionDays: "announcements.errors.days" } });
    expect(parseForm(SettingsSchema, form({ pattern: "x".repeat(81), objectionDays: "5" }))).toMatchObject({ ok: false, errors: { pattern: "announcements.errors.patternTooLong" } });
    expect(await audits(t.db, "announcement.settingsUpdated")).toEqual([]);

    expect(await updateAnnouncementSettings(t.db, s.admin, "kipp-2025", { pattern: " 800/{n}/KIPP/{roman}/{yyyy} ", objectionDays: 3 })).toEqual({ ok: true });
    const c = await t.db.selectFrom("competitions").select(["announcement_pattern", "objection_days"]).where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect([c.announcement_pattern, Number(c.objection_days)]).toEqual(["800/{n}/KIPP/{roman}/{yyyy}", 3]);
    const row = (await audits(t.db, "announcement.settingsUpdated"))[0];
    expect([JSON.parse(row.before_json!), JSON.parse(row.after_json!)]).toEqual([
      { pattern: "B/{n}/PP.00.05/{year}", objection_days: 5, counter: 0 },
      { pattern: "800/{n}/KIPP/{roman}/{yyyy}", objection_days: 3, counter: 0 },
    ]);
    const page = await getAnnouncementsPage(t.db, s.admin, "kipp-2025", NOW);
    expect(page.settings).toEqual({ pattern: "800/{n}/KIPP/{roman}/{yyyy}", objectionDays: 3, counter: 0, nextNumber: "800/1/KIPP/III/2025" });
  });

  it("continues the running number from the organizer's register, never backwards", async () => {
    const s = await scene();
    expect(parseForm(SettingsSchema, form({ pattern: "{n}", objectionDays: "5", nextNumber: "12a" }))).toMatchObject({ ok: false, errors: { nextNumber: "announcements.errors.nextNumber" } });
    expect(await updateAnnouncementSettings(t.db, s.admin, "kipp-2025", { pattern: "B/{n}/PP.00.05/{year}", objectionDays: 5, nextNumber: 187 })).toEqual({ ok: true });
    const round = await finalistsRound(s);
    const id = await draft(s.admin, "finalists", round);
    const result = await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "now", publishAt: "", objection: false, objectionDays: "" }, { origin: ORIGIN, now: NOW });
    expect(result).toMatchObject({ ok: true, number: "B/187/PP.00.05/2025" });
    // 187 is taken: going back to it (or below) is refused at the field, nothing changes.
    expect(await updateAnnouncementSettings(t.db, s.admin, "kipp-2025", { pattern: "B/{n}/PP.00.05/{year}", objectionDays: 5, nextNumber: 187 })).toEqual({
      ok: false,
      errors: { nextNumber: "announcements.errors.nextNumberBack" },
    });
    const c = await t.db.selectFrom("competitions").select("announcement_counter").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect(Number(c.announcement_counter)).toBe(187);
    const row = (await audits(t.db, "announcement.settingsUpdated"))[0];
    expect([JSON.parse(row.before_json!).counter, JSON.parse(row.after_json!).counter]).toEqual([0, 186]);
  });
});

describe("publishing", () => {
  it("publishes a finalists list: number, snapshot, window, catalogue, notifications, mail, audit", async () => {
    const s = await scene();
    const round = await finalistsRound(s);
    const unused = await draft(s.admin, "screening");
    const id = await draft(s.admin, "finalists", round);
    const result = await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "now", publishAt: "", objection: true, objectionDays: "5" }, { origin: ORIGIN, now: NOW });
    expect(result).toEqual({ ok: true, status: "published", number: "B/1/PP.00.05/2025", mailed: 2 });

    const a = await announcement(id);
    expect([a.status, Number(a.seq), a.number, a.published_at, a.published_by, a.objection_days, a.objection_ends_at]).toEqual([
      "published",
      1,
      "B/1/PP.00.05/2025",
      "2025-03-10T02:00:00.000Z",
      s.w.users.panrbAdmin,
      5,
      "2025-03-15T16:59:00.000Z",
    ]);
    // Drafts take no number.
    expect((await announcement(unused)).number).toBeNull();
    const c = await t.db.selectFrom("competitions").select("announcement_counter").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect(Number(c.announcement_counter)).toBe(1);

    // The snapshot stays when the decision changes later.
    await t.db.updateTable("round_decision_entries").set({ decision: "stop" }).where("proposal_id", "=", s.p.b1.id).execute();
    expect((await entriesOf(id)).map((e) => e.proposal_id)).toEqual([s.p.a1.id, s.p.b1.id]);

    const catalogue = await t.db.selectFrom("innovations").select(["proposal_id", "stage", "title", "visible"]).orderBy("title").execute();
    expect(catalogue).toEqual([
      { proposal_id: s.p.a1.id, stage: "finalist", title: "Antrean Daring Dukcapil", visible: 1 },
      { proposal_id: s.p.b1.id, stage: "finalist", title: "Lapor Jalan Rusak", visible: 1 },
    ]);

    // Every entrant agency's people (Admin Lokal and innovators) are notified; nobody else.
    const notes = await t.db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select(["users.email", "notifications.agency_id", "notifications.message_key", "notifications.params_json", "notifications.link", "notifications.competition_id"])
      .orderBy("users.email")
      .execute();
    expect(notes.map((n) => [n.email, n.agency_id, n.message_key, n.link, n.competition_id])).toEqual([
      ["adminlokal@pontianak.test", s.w.agencies.pontianak, "announcements.notify.published", `/announcements/${id}`, s.w.competitions.kipp],
      ["adminlokal@singkawang.test", s.w.agencies.singkawang, "announcements.notify.published", `/announcements/${id}`, s.w.competitions.kipp],
      ["inovator@pontianak.test", s.w.agencies.pontianak, "announcements.notify.published", `/announcements/${id}`, s.w.competitions.kipp],
      ["inovator@singkawang.test", s.w.agencies.singkawang, "announcements.notify.published", `/announcements/${id}`, s.w.competitions.kipp],
    ]);
    expect(JSON.parse(notes[0].params_json)).toEqual({ number: "B/1/PP.00.05/2025", title: "Pengumuman Hasil Penilaian proposal KIPP 2025", competition: "KIPP 2025" });

    // Mail to the Admin Lokal only, with the link and the window.
    const mails = await t.db.selectFrom("outbox").select(["to_address", "subject", "body_text"]).orderBy("to_address").execute();
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ["adminlokal@pontianak.test", "KIPP 2025: Pengumuman B/1/PP.00.05/2025"],
      ["adminlokal@singkawang.test", "KIPP 2025: Pengumuman B/1/PP.00.05/2025"],
    ]);
    expect(mails[0].body_text).toContain(`${ORIGIN}/announcements/${id}`);
    expect(mails[0].body_text).toContain(`Masa sanggah dibuka sampai 15 Maret 2025 23.59 WIB. Keberatan dapat diajukan oleh Admin Lokal: ${ORIGIN}/agency/${s.w.agencies.pontianak}/objections`);

    const published = await audits(t.db, "announcement.published");
    expect(published.map((r) => [r.entity_id, r.actor_user_id, r.organizer_id, r.competition_id])).toEqual([[id, s.w.users.panrbAdmin, s.w.organizers.panrb, s.w.competitions.kipp]]);
    expect(JSON.parse(published[0].after_json!)).toEqual({
      status: "published",
      number: "B/1/PP.00.05/2025",
      seq: 1,
      kind: "finalists",
      round_id: round,
      published_at: "2025-03-10T02:00:00.000Z",
      objection_days: 5,
      objection_ends_at: "2025-03-15T16:59:00.000Z",
      supersedes_id: null,
      entries: 2,
      agencies: 2,
      notified: 4,
      catalogue: { added: 2, updated: 0, removed: 0 },
    });
  });

  it("screening reaches every agency with a submitted proposal; winners the last round's entrants and the winners", async () => {
    const s = await scene();
    // A third agency: only a draft in KIPP, so it is not concerned.
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    const agencies = async (annId: string) =>
      (await t.db.selectFrom("notifications").select("agency_id").distinct().where("link", "=", `/announcements/${annId}`).execute()).map((r) => r.agency_id).sort();
    expect(await agencies(id)).toEqual([s.w.agencies.pontianak, s.w.agencies.singkawang].sort());

    // Winners: entrants of the last decided round are Pontianak only; the winner is from Singkawang.
    await buildDecidedRound(t.db, s.w.competitions.kipp, [{ proposalId: s.p.a1.id, rank: 1, score: 90, decision: "advance" }], { position: 1 });
    await buildWinners(t.db, s.w.competitions.kipp, [{ key: "juara1", nameId: "Juara I", nameEn: "First prize", position: 1, proposalIds: [s.p.b1.id] }]);
    const w = await draft(s.admin, "winners");
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", w, NOW_INPUT, { origin: ORIGIN, now: NOW })).toMatchObject({ ok: true, number: "B/2/PP.00.05/2025" });
    expect(await agencies(w)).toEqual([s.w.agencies.pontianak, s.w.agencies.singkawang].sort());
    expect(await t.db.selectFrom("innovations").select(["proposal_id", "stage", "award_name_id"]).execute()).toEqual([{ proposal_id: s.p.b1.id, stage: "winner", award_name_id: "Juara I" }]);
  });

  it("refuses a second announcement of the same decision, an empty list, and publishing twice", async () => {
    const s = await scene();
    const round = await finalistsRound(s);
    const first = await draft(s.admin, "finalists", round);
    const second = await draft(s.admin, "finalists", round);
    await publishAnnouncement(t.db, s.admin, "kipp-2025", first, NOW_INPUT, { origin: ORIGIN, now: NOW });
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", second, NOW_INPUT, { origin: ORIGIN, now: NOW })).toEqual({ ok: false, errors: { _form: "announcements.errors.alreadyAnnounced" } });
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", first, NOW_INPUT, { origin: ORIGIN, now: NOW })).toEqual({ ok: false, errors: { _form: "announcements.errors.notDraft" } });

    const stopped = await buildDecidedRound(t.db, s.w.competitions.kipp, [{ proposalId: s.p.a2.id, rank: 1, score: 10, decision: "stop" }], { position: 2, name: "Presentasi" });
    const empty = await draft(s.admin, "finalists", stopped);
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", empty, NOW_INPUT, { origin: ORIGIN, now: NOW })).toEqual({ ok: false, errors: { _form: "announcements.errors.noEntries" } });
    // The refused ones took no number and changed nothing.
    expect([(await announcement(second)).status, (await announcement(second)).number, (await announcement(empty)).number]).toEqual(["draft", null, null]);
    const c = await t.db.selectFrom("competitions").select("announcement_counter").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect(Number(c.announcement_counter)).toBe(1);
    expect(await audits(t.db, "announcement.published")).toHaveLength(1);
  });

  it("rejects a bad publish form", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    expect(parseForm(PublishSchema, form({}))).toMatchObject({ ok: false, errors: { mode: "announcements.errors.mode" } });
    expect(parseForm(PublishSchema, form({ mode: "schedule" }))).toMatchObject({ ok: false, errors: { publishAt: "errors.required" } });
    expect(parseForm(PublishSchema, form({ mode: "schedule", publishAt: "2025-02-30T10:00" }))).toMatchObject({ ok: false, errors: { publishAt: "announcements.errors.publishAt" } });
    for (const days of ["0", "61", "abc", "", "2.5"]) {
      expect(parseForm(PublishSchema, form({ mode: "now", objection: "on", objectionDays: days }))).toMatchObject({ ok: false, errors: { objectionDays: "announcements.errors.days" } });
    }
    expect(parseForm(PublishSchema, form({ mode: "now", objectionDays: "abc" }))).toMatchObject({ ok: true, data: { objection: false } });
    // The service checks too.
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "now", publishAt: "", objection: true, objectionDays: "0" }, { origin: ORIGIN, now: NOW })).toEqual({
      ok: false,
      errors: { objectionDays: "announcements.errors.days" },
    });
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "schedule", publishAt: "2025-03-10T09:00", objection: false, objectionDays: "" }, { origin: ORIGIN, now: NOW })).toEqual({
      ok: false,
      errors: { publishAt: "announcements.errors.publishAtPast" },
    });
    expect((await announcement(id)).status).toBe("draft");
  });
});

describe("scheduling and release", () => {
  it("numbers when scheduled, publishes when due (once), with its scheduled time", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    const result = await publishAnnouncement(
      t.db,
      s.admin,
      "kipp-2025",
      id,
      { mode: "schedule", publishAt: "2025-03-12T10:00", objection: true, objectionDays: "2" },
      { origin: ORIGIN, now: NOW },
    );
    expect(result).toEqual({ ok: true, status: "scheduled", number: "B/1/PP.00.05/2025", mailed: 0 });
    let a = await announcement(id);
    expect([a.status, a.number, a.publish_at, a.published_at, a.objection_days, a.objection_ends_at]).toEqual(["scheduled", "B/1/PP.00.05/2025", "2025-03-12T03:00:00.000Z", null, 2, null]);
    expect(await t.db.selectFrom("notifications").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("innovations").selectAll().execute()).toEqual([]);
    expect((await audits(t.db, "announcement.scheduled")).map((r) => JSON.parse(r.after_json!))).toEqual([
      { status: "scheduled", number: "B/1/PP.00.05/2025", seq: 1, publish_at: "2025-03-12T03:00:00.000Z", objection_days: 2, entries: 4 },
    ]);

    expect(await releaseDueAnnouncements(t.db, new Date("2025-03-12T02:59:59.999Z"), ORIGIN)).toBe(0);
    expect(await releaseDueAnnouncements(t.db, new Date("2025-03-12T03:00:00.000Z"), ORIGIN)).toBe(1);
    expect(await releaseDueAnnouncements(t.db, new Date("2025-03-12T03:00:05.000Z"), ORIGIN)).toBe(0);
    a = await announcement(id);
    expect([a.status, a.number, a.published_at, a.objection_ends_at]).toEqual(["published", "B/1/PP.00.05/2025", "2025-03-12T03:00:00.000Z", "2025-03-14T16:59:00.000Z"]);
    const published = await audits(t.db, "announcement.published");
    expect(published.map((r) => [r.actor_user_id, r.entity_id])).toEqual([[null, id]]);
    expect(await t.db.selectFrom("notifications").selectAll().execute()).toHaveLength(4);
    expect((await t.db.selectFrom("outbox").select("to_address").orderBy("to_address").execute()).map((m) => m.to_address)).toEqual([
      "adminlokal@pontianak.test",
      "adminlokal@singkawang.test",
    ]);
    const c = await t.db.selectFrom("competitions").select("announcement_counter").where("id", "=", s.w.competitions.kipp).executeTakeFirstOrThrow();
    expect(Number(c.announcement_counter)).toBe(1);
  });

  it("the organizer pages release due announcements", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "schedule", publishAt: "2025-03-12T10:00", objection: false, objectionDays: "" }, { origin: ORIGIN, now: NOW });
    const page = await getAnnouncementsPage(t.db, s.admin, "kipp-2025", new Date("2025-03-13T00:00:00Z"));
    expect(page.announcements.map((a) => [a.id, a.status, a.number])).toEqual([[id, "published", "B/1/PP.00.05/2025"]]);
  });

  it("cancelling a schedule keeps the number; publishing later reuses it", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "schedule", publishAt: "2025-03-12T10:00", objection: false, objectionDays: "" }, { origin: ORIGIN, now: NOW });
    expect(await unscheduleAnnouncement(t.db, s.admin, "kipp-2025", id, NOW)).toEqual({ ok: true });
    expect(await unscheduleAnnouncement(t.db, s.admin, "kipp-2025", id, NOW)).toEqual({ ok: false, errors: { _form: "announcements.errors.notScheduled" } });
    let a = await announcement(id);
    expect([a.status, a.number, a.publish_at]).toEqual(["draft", "B/1/PP.00.05/2025", null]);
    expect(await releaseDueAnnouncements(t.db, new Date("2025-03-20T00:00:00Z"), ORIGIN)).toBe(0);
    expect(await deleteAnnouncementDraft(t.db, s.admin, "kipp-2025", id)).toEqual({ ok: false, errors: { _form: "announcements.errors.cannotDelete" } });
    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW })).toMatchObject({ ok: true, number: "B/1/PP.00.05/2025" });
    a = await announcement(id);
    expect([a.status, Number(a.seq)]).toEqual(["published", 1]);
    expect((await audits(t.db, "announcement.unscheduled")).length).toBe(1);
  });

  it("a scheduled one whose list became empty goes back to draft with an audit row", async () => {
    const s = await scene();
    const round = await finalistsRound(s);
    const id = await draft(s.admin, "finalists", round);
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "schedule", publishAt: "2025-03-12T10:00", objection: false, objectionDays: "" }, { origin: ORIGIN, now: NOW });
    await t.db.updateTable("round_decision_entries").set({ decision: "stop" }).execute();
    expect(await releaseDueAnnouncements(t.db, new Date("2025-03-13T00:00:00Z"), ORIGIN)).toBe(0);
    const a = await announcement(id);
    expect([a.status, a.number, a.published_at]).toEqual(["draft", "B/1/PP.00.05/2025", null]);
    expect((await audits(t.db, "announcement.releaseRefused")).map((r) => JSON.parse(r.after_json!))).toEqual([{ status: "draft", reason: "announcements.errors.noEntries" }]);
    expect(await t.db.selectFrom("notifications").selectAll().execute()).toEqual([]);
  });
});

describe("corrections", () => {
  it("supersede the announcement with a regenerated list; both stay; the catalogue follows", async () => {
    const s = await scene();
    const round = await finalistsRound(s);
    const id = await draft(s.admin, "finalists", round);
    expect(await status(createCorrectionDraft(t.db, s.admin, id, NOW))).toBe(409);
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "now", publishAt: "", objection: true, objectionDays: "5" }, { origin: ORIGIN, now: NOW });

    // An accepted objection: b1 out, a2 in.
    await t.db.updateTable("round_decision_entries").set({ decision: "override_stop" }).where("proposal_id", "=", s.p.b1.id).execute();
    await t.db.updateTable("round_decision_entries").set({ decision: "override_advance" }).where("proposal_id", "=", s.p.a2.id).execute();
    const correction = await createCorrectionDraft(t.db, s.admin, id, NOW);
    // Idempotent while the correction is open, also inside a caller's transaction.
    expect(await createCorrectionDraft(t.db, s.admin, id, NOW)).toEqual(correction);
    expect(await t.db.transaction().execute((trx) => createCorrectionDraft(trx, s.admin, id, NOW))).toEqual(correction);
    const c = await announcement(correction.id);
    expect([c.status, c.kind, c.round_id, c.supersedes_id, c.number, c.title]).toEqual(["draft", "finalists", round, id, null, "Ralat: Pengumuman Hasil Penilaian proposal KIPP 2025"]);
    expect(c.body_md.startsWith("Pengumuman ini merupakan ralat dan menggantikan Pengumuman Nomor B/1/PP.00.05/2025.")).toBe(true);
    expect((await entriesOf(correction.id)).map((e) => e.proposal_id)).toEqual([s.p.a1.id, s.p.a2.id]);
    expect((await audits(t.db, "announcement.correctionCreated")).map((r) => [r.entity_id, JSON.parse(r.after_json!).supersedes_id])).toEqual([[correction.id, id]]);

    const page = await getAnnouncement(t.db, s.admin, "kipp-2025", id, NOW);
    expect(page.announcement.openCorrectionId).toBe(correction.id);

    expect(await publishAnnouncement(t.db, s.admin, "kipp-2025", correction.id, NOW_INPUT, { origin: ORIGIN, now: new Date("2025-03-11T02:00:00Z") })).toMatchObject({
      ok: true,
      number: "B/2/PP.00.05/2025",
    });
    const old = await announcement(id);
    expect([old.status, old.superseded_by_id, old.superseded_at, old.number]).toEqual(["published", correction.id, "2025-03-11T02:00:00.000Z", "B/1/PP.00.05/2025"]);
    expect((await entriesOf(id)).map((e) => e.proposal_id)).toEqual([s.p.a1.id, s.p.b1.id]);
    expect((await t.db.selectFrom("innovations").select("proposal_id").execute()).map((r) => r.proposal_id).sort()).toEqual([s.p.a1.id, s.p.a2.id].sort());
    expect(await status(createCorrectionDraft(t.db, s.admin, id, NOW))).toBe(409);

    const list = await getAnnouncementsPage(t.db, s.admin, "kipp-2025", new Date("2025-03-11T03:00:00Z"));
    expect(list.announcements.map((a) => [a.number, a.supersededByNumber, a.supersedesNumber])).toEqual([
      ["B/2/PP.00.05/2025", null, "B/1/PP.00.05/2025"],
      ["B/1/PP.00.05/2025", "B/2/PP.00.05/2025", null],
    ]);
  });

  it("is refused to another organizer (403) and unknown ids (404)", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    expect(await status(createCorrectionDraft(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), id, NOW))).toBe(403);
    expect(await status(createCorrectionDraft(t.db, await actorOf(t.db, s.w.users.adminLokal), id, NOW))).toBe(403);
    expect(await status(createCorrectionDraft(t.db, s.admin, "nope", NOW))).toBe(404);
    expect(await t.db.selectFrom("announcements").select("id").execute()).toEqual([{ id }]);
  });

  it("deleting a correction draft clears an objection's link to it", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    const correction = await createCorrectionDraft(t.db, s.admin, id, NOW);
    await t.db
      .insertInto("objections")
      .values({
        id: "obj1",
        announcement_id: id,
        competition_id: s.w.competitions.kipp,
        agency_id: s.w.agencies.pontianak,
        proposal_id: s.p.x1.id,
        reasons: "x".repeat(40),
        status: "accepted",
        answer: "Diterima",
        outcome: "include",
        filed_by: s.w.users.adminLokal,
        answered_by: s.w.users.panrbAdmin,
        answered_at: NOW.toISOString(),
        correction_id: correction.id,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    expect(await deleteAnnouncementDraft(t.db, s.admin, "kipp-2025", correction.id)).toEqual({ ok: true });
    expect(await t.db.selectFrom("objections").select("correction_id").execute()).toEqual([{ correction_id: null }]);
    expect((await audits(t.db, "announcement.deleted")).map((r) => r.entity_id)).toEqual([correction.id]);
  });
});

describe("permissions", () => {
  it("the edition's organizer sees its announcements; another organizer, agencies and jurors get 403", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    // The other organizer's announcement: must never show here.
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    const other = await createAnnouncementDraft(t.db, kalbar, "sivablik-2025", { kind: "screening", roundId: null });
    expect(other.ok).toBe(true);
    const page = await getAnnouncementsPage(t.db, s.admin, "kipp-2025", NOW);
    expect(page.announcements.map((a) => a.id)).toEqual([id]);
    for (const user of [s.w.users.kalbarAdmin, s.w.users.adminLokal, s.w.users.innovator, s.w.users.evaluator, s.w.users.platformAdmin, s.w.users.nobody]) {
      const actor = await actorOf(t.db, user);
      expect(await status(getAnnouncementsPage(t.db, actor, "kipp-2025", NOW)), user).toBe(403);
      expect(await status(getAnnouncement(t.db, actor, "kipp-2025", id, NOW)), user).toBe(403);
      expect(await status(createAnnouncementDraft(t.db, actor, "kipp-2025", { kind: "screening", roundId: null })), user).toBe(403);
      expect(await status(publishAnnouncement(t.db, actor, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW })), user).toBe(403);
      expect(await status(updateAnnouncementSettings(t.db, actor, "kipp-2025", { pattern: "{n}", objectionDays: 5 })), user).toBe(403);
      expect(await status(updateAnnouncementDraft(t.db, actor, "kipp-2025", id, { title: "x", bodyMd: "" })), user).toBe(403);
    }
    // Another edition's announcement through this edition's URL: 404.
    if (!other.ok) throw new Error();
    expect(await status(getAnnouncement(t.db, s.admin, "kipp-2025", other.id, NOW))).toBe(404);
    expect(await status(publishAnnouncement(t.db, s.admin, "kipp-2025", other.id, NOW_INPUT, { origin: ORIGIN, now: NOW }))).toBe(404);
    expect(await status(getAnnouncementsPage(t.db, s.admin, "no-such-edition", NOW))).toBe(404);
    expect((await announcement(id)).status).toBe("draft");
    expect((await announcement(other.id)).status).toBe("draft");
  });
});

describe("PDF", () => {
  it("a draft only for its organizer (404 for everyone else); a published one for anyone, with every page numbered", async () => {
    const s = await scene();
    // Many entries with text a standard font cannot encode: the PDF still renders, over several pages.
    const extra = [];
    for (let i = 0; i < 60; i++) extra.push({ agencyId: s.w.agencies.singkawang, title: `Inovasi ${i} 🎉 漢字 — “Terpuji” ${"panjang ".repeat(i % 7)}` });
    const { buildScreenedProposals } = await import("../support/jury");
    await buildScreenedProposals(t.db, s.kipp, extra);
    const id = await draft(s.admin, "screening");
    await updateAnnouncementDraft(t.db, s.admin, "kipp-2025", id, { title: "Hasil 🎉 Seleksi", bodyMd: "Paragraf **satu**.\n\n- butir\n- butir 漢" });

    const mine = await getAnnouncementPdf(t.db, s.admin, id, "id", NOW);
    expect([mine.published, mine.filename]).toEqual([false, `pengumuman-draf-${id}.pdf`]);
    expect(Buffer.from(mine.bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const draftPages = (await PDFDocument.load(mine.bytes)).getPages().map(pageText);
    for (const text of draftPages) expect(text).toContain("DRAF\n");
    expect(draftPages[0]).toContain("Draf: belum terbit dan belum publik");
    for (const user of [s.w.users.kalbarAdmin, s.w.users.adminLokal, s.w.users.otherAdminLokal, s.w.users.nobody]) {
      expect(await status(getAnnouncementPdf(t.db, await actorOf(t.db, user), id, "id", NOW)), user).toBe(404);
    }
    expect(await status(getAnnouncementPdf(t.db, null, id, "id", NOW))).toBe(404);
    expect(await status(getAnnouncementPdf(t.db, null, "nope", "id", NOW))).toBe(404);

    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, { mode: "now", publishAt: "", objection: true, objectionDays: "5" }, { origin: ORIGIN, now: NOW });
    const pub = await getAnnouncementPdf(t.db, null, id, "en", NOW);
    expect([pub.published, pub.filename]).toEqual([true, "pengumuman-B-1-PP.00.05-2025.pdf"]);
    const doc = await PDFDocument.load(pub.bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe("B/1/PP.00.05/2025 Hasil ? Seleksi");
    const pages = doc.getPages().map(pageText);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).not.toContain("DRAFT");
    });
    const all = pages.join("");
    expect(all).toContain("No. B/1/PP.00.05/2025");
    expect(all).toContain("Objection window: objections can be filed until 15 March 2025 23:59 WIB.");
    expect(all).toContain("Antrean Daring Dukcapil");
    expect(all).toContain("Inovasi 0 ? ?? — “Terpuji”");
  });
});

describe("dashboard notifications", () => {
  it("lists one's own unread notifications; marking another person's changes nothing", async () => {
    const s = await scene();
    const id = await draft(s.admin, "screening");
    await publishAnnouncement(t.db, s.admin, "kipp-2025", id, NOW_INPUT, { origin: ORIGIN, now: NOW });
    const siti = await actorOf(t.db, s.w.users.adminLokal);
    const lim = await actorOf(t.db, s.w.users.otherAdminLokal);
    const mine = (await getDashboard(t.db, siti)).notifications;
    expect(mine.map((n) => [n.messageKey, n.link, n.params])).toEqual([
      ["announcements.notify.published", `/announcements/${id}`, { number: "B/1/PP.00.05/2025", title: "Pengumuman Hasil Seleksi Administrasi KIPP 2025", competition: "KIPP 2025" }],
    ]);
    const limsId = (await getDashboard(t.db, lim)).notifications[0].id;
    expect(await readNotification(t.db, siti, limsId)).toBe(false);
    expect((await getDashboard(t.db, lim)).notifications.map((n) => n.id)).toEqual([limsId]);
    expect(await readNotification(t.db, siti, mine[0].id)).toBe(true);
    expect(await readNotification(t.db, siti, mine[0].id)).toBe(false);
    expect((await getDashboard(t.db, siti)).notifications).toEqual([]);
    expect((await getDashboard(t.db, s.admin)).notifications).toEqual([]);
  });
});
