/**
 * Sustainability monitoring: an organizer opens a period over its own past
 * editions; agencies report on their innovations in scope while it is open
 * (with evidence); reminders to agencies that have not reported, once per
 * agency per WIB day; the dashboards (status by edition/province/cluster,
 * stopped innovations, most replicated innovations and top replicating
 * agencies from publicly visible replications only). Every permission allowed
 * once and denied once with data present that could leak.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { newId } from "~/lib/ids.server";
import {
  createPeriod,
  getAgencyMonitoring,
  getOrganizerMonitoring,
  getPeriodDashboard,
  openReportFile,
  sendReminders,
  submitReport,
} from "~/services/monitoring.server";
import { auditRows, expectStatus, outbox } from "../support/accounts";
import { useTestDb } from "../support/db";
import { actorOf, agencyId, buildWorld, type World } from "../support/factories";
import { insertInnovation } from "../support/publication-public";

const ORIGIN = "https://sayembara.test";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

// The period typed in WIB: 1 January 2026 08:00 to 31 January 2026 23:59.
const PERIOD_INPUT = { name: "Pemantauan 2026", startsAt: "2026-01-01T08:00", endsAt: "2026-01-31T23:59" };
const DURING = new Date("2026-01-10T03:00:00.000Z"); // 10 Jan 10:00 WIB
const LAST_SECOND = new Date("2026-01-31T16:59:59.000Z"); // 31 Jan 23:59:59 WIB
const AFTER = new Date("2026-01-31T17:00:00.000Z"); // 1 Feb 00:00 WIB
const BEFORE = new Date("2026-01-01T00:59:00.000Z"); // 1 Jan 07:59 WIB

let root: string;
const savedEnv = { UPLOADS_DIR: process.env.UPLOADS_DIR, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "sayembara-monitoring-"));
  process.env.UPLOADS_DIR = root;
  delete process.env.UPLOADTHING_TOKEN;
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const t = useTestDb();

interface Scene {
  w: World;
  /** KIPP 2025 (PANRB): two of Pontianak, one of Singkawang, one hidden of Pontianak. */
  kippPontianakA: string;
  kippPontianakB: string;
  kippSingkawang: string;
  kippHidden: string;
  /** Sivablik 2025 (Kalbar): one of Pontianak. */
  sivablikPontianak: string;
}

async function scene(db: DB): Promise<Scene> {
  const w = await buildWorld(db);
  const base = { competitionId: w.competitions.kipp, year: 2025, editionName: "KIPP 2025" };
  const kippPontianakA = await insertInnovation(db, { ...base, title: "Pontianak Sehat Digital", agencyId: w.agencies.pontianak, agencyName: "Pemerintah Kota Pontianak", stage: "winner" });
  const kippPontianakB = await insertInnovation(db, { ...base, title: "Bank Sampah Kota", agencyId: w.agencies.pontianak, agencyName: "Pemerintah Kota Pontianak" });
  const kippSingkawang = await insertInnovation(db, { ...base, title: "Singkawang Ramah Lansia", agencyId: w.agencies.singkawang, agencyName: "Pemerintah Kota Singkawang", stage: "winner" });
  const kippHidden = await insertInnovation(db, { ...base, title: "Inovasi Ditarik", agencyId: w.agencies.pontianak, agencyName: "Pemerintah Kota Pontianak", visible: 0 });
  const sivablikPontianak = await insertInnovation(db, {
    competitionId: w.competitions.sivablik,
    year: 2025,
    editionName: "Sivablik 2025",
    title: "Layanan Adminduk Keliling",
    agencyId: w.agencies.pontianak,
    agencyName: "Pemerintah Kota Pontianak",
  });
  return { w, kippPontianakA, kippPontianakB, kippSingkawang, kippHidden, sivablikPontianak };
}

async function openKippPeriod(db: DB, s: Scene): Promise<string> {
  const r = await createPeriod(db, await actorOf(db, s.w.users.panrbAdmin), s.w.organizers.panrb, { ...PERIOD_INPUT, editions: [s.w.competitions.kipp] }, { now: DURING });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

function reportRequest(agency: string, periodId: string, fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (files.length === 0) form.append("files", new File([], "", { type: "application/octet-stream" }));
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/pdf" }));
  return new Request(`http://localhost/agency/${agency}/monitoring?period=${periodId}`, { method: "POST", body: form });
}

async function reports(db: DB) {
  return db.selectFrom("sustainability_reports").select(["innovation_id", "agency_id", "status", "users_served", "note"]).orderBy("innovation_id").execute();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

async function insertReplication(db: DB, r: { source: string; sourceAgency: string; adopter: string; response: "pending" | "confirmed" | "disputed"; verified?: boolean }) {
  const at = "2026-01-05T03:00:00.000Z";
  await db
    .insertInto("replications")
    .values({
      id: newId(),
      source_innovation_id: r.source,
      source_title: "x",
      source_agency_name: "x",
      source_agency_id: r.sourceAgency,
      source_year: 2025,
      adopter_agency_id: r.adopter,
      facilitator_agency_id: null,
      proposal_id: null,
      title: "Replikasi",
      source_response: r.response,
      verified_at: r.verified ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describe("opening a period", () => {
  it("an organizer admin opens a period over its own past editions, audited", async () => {
    const s = await scene(t.db);
    const id = await openKippPeriod(t.db, s);
    const p = await t.db.selectFrom("monitoring_periods").select(["organizer_id", "name", "starts_at", "ends_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(p).toEqual({ organizer_id: s.w.organizers.panrb, name: "Pemantauan 2026", starts_at: "2026-01-01T01:00:00.000Z", ends_at: "2026-01-31T16:59:00.000Z" });
    const eds = await t.db.selectFrom("monitoring_period_editions").select(["competition_id"]).where("period_id", "=", id).execute();
    expect(eds).toEqual([{ competition_id: s.w.competitions.kipp }]);
    expect(await auditRows(t.db)).toEqual([
      {
        action: "monitoring.periodCreated",
        actor: s.w.users.panrbAdmin,
        entity: ["monitoring_period", id],
        organizerId: s.w.organizers.panrb,
        agencyId: null,
        competitionId: null,
        before: null,
        after: { name: "Pemantauan 2026", starts_at: "2026-01-01T01:00:00.000Z", ends_at: "2026-01-31T16:59:00.000Z", editions: ["KIPP 2025"] },
      },
    ]);
    const page = await getOrganizerMonitoring(t.db, await actorOf(t.db, s.w.users.panrbAdmin), s.w.organizers.panrb, DURING);
    expect(page.periods.map((x) => [x.name, x.state, x.editions.map((e) => e.name), x.reports])).toEqual([["Pemantauan 2026", "open", ["KIPP 2025"], 0]]);
    expect(page.editions).toEqual([{ id: s.w.competitions.kipp, name: "KIPP 2025", slug: "kipp-2025", year: 2025, innovations: 3 }]);
  });

  it("refuses another organizer's admin, an Admin Lokal and another organizer's edition", async () => {
    const s = await scene(t.db);
    // Kalbar already has a period of its own that must not show on PANRB's page.
    await createPeriod(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), s.w.organizers.kalbar, { ...PERIOD_INPUT, name: "Pantau Kalbar", editions: [s.w.competitions.sivablik] });
    const input = { ...PERIOD_INPUT, editions: [s.w.competitions.kipp] };
    await expectStatus(createPeriod(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), s.w.organizers.panrb, input), 403);
    await expectStatus(createPeriod(t.db, await actorOf(t.db, s.w.users.adminLokal), s.w.organizers.panrb, input), 403);
    await expectStatus(getOrganizerMonitoring(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), s.w.organizers.panrb), 403);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    expect(await createPeriod(t.db, panrb, s.w.organizers.panrb, { ...PERIOD_INPUT, editions: [s.w.competitions.sivablik] })).toEqual({
      ok: false,
      errors: { editions: "monitoring.errors.editionInvalid" },
    });
    const page = await getOrganizerMonitoring(t.db, panrb, s.w.organizers.panrb, DURING);
    expect(page.periods).toEqual([]);
    expect(await t.db.selectFrom("monitoring_periods").select("name").execute()).toEqual([{ name: "Pantau Kalbar" }]);
  });

  it("refuses bad input at the field", async () => {
    const s = await scene(t.db);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    expect(await createPeriod(t.db, panrb, s.w.organizers.panrb, { name: " ", startsAt: "2026-02-30T08:00", endsAt: "besok", editions: [] })).toEqual({
      ok: false,
      errors: { name: "errors.required", startsAt: "errors.dateTime", endsAt: "errors.dateTime", editions: "monitoring.errors.editionsRequired" },
    });
    expect(await createPeriod(t.db, panrb, s.w.organizers.panrb, { ...PERIOD_INPUT, endsAt: "2025-12-31T23:59", editions: [s.w.competitions.kipp] })).toEqual({
      ok: false,
      errors: { endsAt: "errors.endBeforeStart" },
    });
    expect(await t.db.selectFrom("monitoring_periods").select("id").execute()).toEqual([]);
  });
});

describe("reporting", () => {
  it("the agency's Admin Lokal reports on its innovation with evidence, and may update it while open", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const al = await actorOf(t.db, s.w.users.adminLokal);
    const first = await submitReport(
      t.db,
      al,
      s.w.agencies.pontianak,
      pid,
      reportRequest(s.w.agencies.pontianak, pid, { innovationId: s.kippPontianakA, status: "berlanjut", usersServed: "1.250", note: "Masih berjalan" }, [{ name: "foto.png", bytes: PNG, type: "image/png" }]),
      { now: DURING },
    );
    expect(first).toMatchObject({ ok: true, created: true });
    const second = await submitReport(
      t.db,
      al,
      s.w.agencies.pontianak,
      pid,
      reportRequest(s.w.agencies.pontianak, pid, { innovationId: s.kippPontianakA, status: "berkembang", usersServed: "3000", note: "Diperluas ke 6 kecamatan" }, [{ name: "laporan.pdf", bytes: PDF }]),
      { now: LAST_SECOND },
    );
    expect(second).toEqual({ ok: true, id: first.ok ? first.id : "", created: false });
    expect(await reports(t.db)).toEqual([
      { innovation_id: s.kippPontianakA, agency_id: s.w.agencies.pontianak, status: "berkembang", users_served: 3000, note: "Diperluas ke 6 kecamatan" },
    ]);
    const audit = (await auditRows(t.db)).filter((a) => a.action === "monitoring.reported");
    expect(audit.map((a) => [a.agencyId, a.organizerId, a.competitionId, a.before, a.after.status, a.after.files.map((f: { name: string }) => f.name)])).toEqual([
      [s.w.agencies.pontianak, s.w.organizers.panrb, s.w.competitions.kipp, null, "berlanjut", ["foto.png"]],
      [s.w.agencies.pontianak, s.w.organizers.panrb, s.w.competitions.kipp, { status: "berlanjut", users_served: 1250, note: "Masih berjalan" }, "berkembang", ["laporan.pdf"]],
    ]);

    const page = await getAgencyMonitoring(t.db, al, s.w.agencies.pontianak, DURING);
    expect(page.canReport).toBe(true);
    expect(page.periods.map((p) => [p.name, p.state, p.innovations.map((i) => [i.title, i.report?.status ?? null, i.report?.files.map((f) => f.name) ?? []])])).toEqual([
      [
        "Pemantauan 2026",
        "open",
        [
          ["Bank Sampah Kota", null, []],
          ["Pontianak Sehat Digital", "berkembang", ["foto.png", "laporan.pdf"]],
        ],
      ],
    ]);

    // Evidence: the agency's people and the period's organizer; nobody else.
    const reportId = first.ok ? first.id : "";
    const fileId = page.periods[0].innovations[1].report!.files[1].id;
    const dl = await openReportFile(t.db, al, reportId, fileId);
    expect((await readAll(dl.stream)).equals(PDF)).toBe(true);
    expect([dl.mime, dl.name]).toEqual(["application/pdf", "laporan.pdf"]);
    await readAll((await openReportFile(t.db, await actorOf(t.db, s.w.users.panrbAdmin), reportId, fileId)).stream);
    await expectStatus(openReportFile(t.db, await actorOf(t.db, s.w.users.otherAdminLokal), reportId, fileId), 404);
    await expectStatus(openReportFile(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), reportId, fileId), 404);
    await expectStatus(openReportFile(t.db, null, reportId, fileId), 404);
  });

  it("refuses another agency's Admin Lokal, an innovator, and innovations not of the agency or not in scope", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const fields = (innovationId: string) => ({ innovationId, status: "berlanjut", usersServed: "", note: "" });
    await expectStatus(
      submitReport(t.db, await actorOf(t.db, s.w.users.otherAdminLokal), s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields(s.kippPontianakA)), { now: DURING }),
      403,
    );
    await expectStatus(
      submitReport(t.db, await actorOf(t.db, s.w.users.innovator), s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields(s.kippPontianakA)), { now: DURING }),
      403,
    );
    const al = await actorOf(t.db, s.w.users.adminLokal);
    for (const other of [s.kippSingkawang, s.kippHidden, s.sivablikPontianak, "nope"]) {
      await expectStatus(submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields(other)), { now: DURING }), 404);
    }
    // A period of another organizer that covers none of Singkawang's innovations is a 404 for it, open or not.
    const kalbarPeriod = await createPeriod(t.db, await actorOf(t.db, s.w.users.kalbarAdmin), s.w.organizers.kalbar, { ...PERIOD_INPUT, name: "Pantau Kalbar", editions: [s.w.competitions.sivablik] });
    const kp = kalbarPeriod.ok ? kalbarPeriod.id : "";
    await expectStatus(
      submitReport(t.db, await actorOf(t.db, s.w.users.otherAdminLokal), s.w.agencies.singkawang, kp, reportRequest(s.w.agencies.singkawang, kp, fields(s.sivablikPontianak)), { now: AFTER }),
      404,
    );
    // Another agency's page is closed to this Admin Lokal; its own page never lists the other agency's innovation.
    await expectStatus(getAgencyMonitoring(t.db, al, s.w.agencies.singkawang, DURING), 403);
    const own = await getAgencyMonitoring(t.db, await actorOf(t.db, s.w.users.innovator), s.w.agencies.pontianak, DURING);
    expect(own.canReport).toBe(false);
    expect(own.periods.map((p) => [p.name, p.innovations.map((i) => i.title)]).sort()).toEqual([
      ["Pantau Kalbar", ["Layanan Adminduk Keliling"]],
      ["Pemantauan 2026", ["Bank Sampah Kota", "Pontianak Sehat Digital"]],
    ]);
    expect(await reports(t.db)).toEqual([]);
  });

  it("refuses reports before the period opens and after it closes (00:00 WIB after the last day)", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const al = await actorOf(t.db, s.w.users.adminLokal);
    const fields = { innovationId: s.kippPontianakA, status: "berlanjut", usersServed: "10", note: "ok" };
    expect(await submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields, [{ name: "a.pdf", bytes: PDF }]), { now: BEFORE })).toEqual({
      ok: false,
      errors: { _form: "monitoring.errors.notYetOpen" },
      values: fields,
    });
    expect(await submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields), { now: AFTER })).toEqual({
      ok: false,
      errors: { _form: "monitoring.errors.closed" },
      values: fields,
    });
    expect(await reports(t.db)).toEqual([]);
    expect(await t.db.selectFrom("sustainability_report_files").select("id").execute()).toEqual([]);
  });

  it("refuses bad input at the field, keeping what was typed", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const al = await actorOf(t.db, s.w.users.adminLokal);
    const send = (fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []) =>
      submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, fields, files), { now: DURING });
    const base = { innovationId: s.kippPontianakA, status: "berlanjut", usersServed: "", note: "" };
    expect(await send({ ...base, status: "hidup" })).toEqual({ ok: false, errors: { status: "monitoring.errors.statusRequired" }, values: { ...base, status: "hidup" } });
    expect(await send({ ...base, usersServed: "banyak" })).toEqual({ ok: false, errors: { usersServed: "monitoring.errors.usersServed" }, values: { ...base, usersServed: "banyak" } });
    expect(await send({ ...base, status: "berhenti" })).toEqual({ ok: false, errors: { note: "monitoring.errors.noteRequiredStopped" }, values: { ...base, status: "berhenti" } });
    expect(await send(base, [{ name: "virus.exe", bytes: EXE }])).toEqual({ ok: false, errors: { files: "monitoring.errors.fileType" }, values: base, fileName: "virus.exe" });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `b${i}.pdf`, bytes: PDF }));
    expect(await send(base, six)).toEqual({ ok: false, errors: { files: "monitoring.errors.tooManyFiles" }, values: base });
    expect(await reports(t.db)).toEqual([]);
  });
});

describe("reminders", () => {
  it("reminds agencies that have not reported in full, at most once per agency per WIB day", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const al = await actorOf(t.db, s.w.users.adminLokal);
    for (const id of [s.kippPontianakA, s.kippPontianakB]) {
      const r = await submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, { innovationId: id, status: "berlanjut", usersServed: "", note: "" }), { now: DURING });
      expect(r.ok).toBe(true);
    }
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    expect(await sendReminders(t.db, panrb, s.w.organizers.panrb, pid, { origin: ORIGIN, now: DURING })).toEqual({ ok: true, reminded: 1, skipped: 0, mailed: 1 });
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["adminlokal@singkawang.test", "Pengingat laporan keberlanjutan: Pemantauan 2026"]]);
    expect(mails[0].body_text).toContain(`${ORIGIN}/agency/${s.w.agencies.singkawang}/monitoring`);
    const notes = await t.db.selectFrom("notifications").select(["user_id", "agency_id", "message_key", "link"]).where("message_key", "=", "monitoring.notify.reminder").orderBy("user_id").execute();
    expect(notes).toEqual(
      [s.w.users.otherAdminLokal, s.w.users.otherInnovator]
        .sort()
        .map((u) => ({ user_id: u, agency_id: s.w.agencies.singkawang, message_key: "monitoring.notify.reminder", link: `/agency/${s.w.agencies.singkawang}/monitoring` })),
    );
    // Later the same WIB day (23:30 WIB): skipped. Next day (00:10 WIB): reminded again.
    expect(await sendReminders(t.db, panrb, s.w.organizers.panrb, pid, { origin: ORIGIN, now: new Date("2026-01-10T16:30:00.000Z") })).toEqual({ ok: true, reminded: 0, skipped: 1, mailed: 0 });
    expect(await sendReminders(t.db, panrb, s.w.organizers.panrb, pid, { origin: ORIGIN, now: new Date("2026-01-10T17:10:00.000Z") })).toEqual({ ok: true, reminded: 1, skipped: 0, mailed: 1 });
    expect((await outbox(t.db)).length).toBe(2);
    const audit = (await auditRows(t.db)).filter((a) => a.action === "monitoring.reminded");
    expect(audit.map((a) => [a.organizerId, a.after])).toEqual([
      [s.w.organizers.panrb, { agencies: [s.w.agencies.singkawang], skipped: [] }],
      [s.w.organizers.panrb, { agencies: [s.w.agencies.singkawang], skipped: [] }],
    ]);
  });

  it("refuses another organizer and a period that is not open", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const kalbar = await actorOf(t.db, s.w.users.kalbarAdmin);
    await expectStatus(sendReminders(t.db, kalbar, s.w.organizers.panrb, pid, { origin: ORIGIN, now: DURING }), 403);
    // Through its own organizer id the period of another organizer does not exist.
    await expectStatus(sendReminders(t.db, kalbar, s.w.organizers.kalbar, pid, { origin: ORIGIN, now: DURING }), 404);
    await expectStatus(getPeriodDashboard(t.db, kalbar, s.w.organizers.kalbar, pid, DURING), 404);
    await expectStatus(sendReminders(t.db, await actorOf(t.db, s.w.users.adminLokal), s.w.organizers.panrb, pid, { origin: ORIGIN, now: DURING }), 403);
    const panrb = await actorOf(t.db, s.w.users.panrbAdmin);
    expect(await sendReminders(t.db, panrb, s.w.organizers.panrb, pid, { origin: ORIGIN, now: AFTER })).toEqual({ ok: false, reminded: 0, skipped: 0, mailed: 0, error: "monitoring.errors.notOpen" });
    expect(await outbox(t.db)).toEqual([]);
    expect(await t.db.selectFrom("monitoring_reminders").select("agency_id").execute()).toEqual([]);
  });
});

describe("dashboards", () => {
  it("shows status by edition, province and cluster, stopped innovations and visible replications only", async () => {
    const s = await scene(t.db);
    const pid = await openKippPeriod(t.db, s);
    const al = await actorOf(t.db, s.w.users.adminLokal);
    const ok1 = await submitReport(t.db, al, s.w.agencies.pontianak, pid, reportRequest(s.w.agencies.pontianak, pid, { innovationId: s.kippPontianakA, status: "berkembang", usersServed: "500", note: "" }), { now: DURING });
    const ok2 = await submitReport(
      t.db,
      al,
      s.w.agencies.pontianak,
      pid,
      reportRequest(s.w.agencies.pontianak, pid, { innovationId: s.kippPontianakB, status: "berhenti", usersServed: "", note: "Anggaran dihentikan" }),
      { now: DURING },
    );
    expect([ok1.ok, ok2.ok]).toEqual([true, true]);
    const sambas = agencyId("KAB-61.01");
    const mempawah = agencyId("KAB-61.02");
    // Visible: confirmed, or verified; not visible: pending, disputed. Sivablik's innovation is out of scope.
    await insertReplication(t.db, { source: s.kippPontianakA, sourceAgency: s.w.agencies.pontianak, adopter: sambas, response: "confirmed" });
    await insertReplication(t.db, { source: s.kippPontianakA, sourceAgency: s.w.agencies.pontianak, adopter: mempawah, response: "disputed", verified: true });
    await insertReplication(t.db, { source: s.kippSingkawang, sourceAgency: s.w.agencies.singkawang, adopter: sambas, response: "confirmed" });
    await insertReplication(t.db, { source: s.kippSingkawang, sourceAgency: s.w.agencies.singkawang, adopter: mempawah, response: "pending" });
    await insertReplication(t.db, { source: s.kippPontianakB, sourceAgency: s.w.agencies.pontianak, adopter: mempawah, response: "disputed" });
    await insertReplication(t.db, { source: s.sivablikPontianak, sourceAgency: s.w.agencies.pontianak, adopter: mempawah, response: "confirmed" });

    const d = await getPeriodDashboard(t.db, await actorOf(t.db, s.w.users.panrbAdmin), s.w.organizers.panrb, pid, DURING);
    expect(d.period.state).toBe("open");
    expect(d.agencies.map((a) => [a.name, a.total, a.reported, a.lastReminderAt])).toEqual([
      ["Pemerintah Kota Pontianak", 2, 2, null],
      ["Pemerintah Kota Singkawang", 1, 0, null],
    ]);
    expect(d.due).toBe(1);
    expect(d.dashboard.overall).toEqual({ berlanjut: 0, berkembang: 1, berhenti: 1, notReported: 1, total: 3 });
    expect(d.dashboard.byEdition).toEqual([{ key: s.w.competitions.kipp, label: "KIPP 2025", counts: { berlanjut: 0, berkembang: 1, berhenti: 1, notReported: 1, total: 3 } }]);
    expect(d.dashboard.byProvince).toEqual([{ key: "61", label: "Kalimantan Barat", counts: { berlanjut: 0, berkembang: 1, berhenti: 1, notReported: 1, total: 3 } }]);
    expect(d.dashboard.byCluster).toEqual([{ key: "kota", label: "kota", counts: { berlanjut: 0, berkembang: 1, berhenti: 1, notReported: 1, total: 3 } }]);
    expect(d.stopped.map((x) => [x.title, x.agencyName, x.edition, x.note])).toEqual([["Bank Sampah Kota", "Pemerintah Kota Pontianak", "KIPP 2025", "Anggaran dihentikan"]]);
    expect(d.mostReplicated).toEqual([
      { id: s.kippPontianakA, name: "Pontianak Sehat Digital", agencyName: "Pemerintah Kota Pontianak", count: 2 },
      { id: s.kippSingkawang, name: "Singkawang Ramah Lansia", agencyName: "Pemerintah Kota Singkawang", count: 1 },
    ]);
    expect(d.topReplicators).toEqual([
      { id: sambas, name: "Pemerintah Kabupaten Sambas", count: 2 },
      { id: mempawah, name: "Pemerintah Kabupaten Mempawah", count: 1 },
    ]);
  });
});
