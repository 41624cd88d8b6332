/**
 * A round's set-up over real HTTP against the built server (plain forms, no
 * JavaScript): the settings, rubric, slots and field pages (the edition's
 * organizer only), a rubric error shown at its field with the typed values
 * kept, settings saved and shown again, opening a round from the round page,
 * closing with missing sheets (a reason required, at its field), and an
 * agency's Admin Lokal answering a presentation slot (another agency refused
 * with that slot present). Needs `npx remix build` first. The tests of this
 * file share one database and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildEdition } from "../support/edition";
import { buildWorld, PASSWORD, type World } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals, type BuiltProposal } from "../support/jury";

let app: HttpApp;
let w: World;
let p: BuiltProposal[];
let desk: string;
let pres: string;
let field: string;
const cookies: Record<string, string> = {};

const base = (roundId: string) => `/competitions/kipp-2025/rounds/${roundId}`;

beforeAll(async () => {
  app = await startHttpApp();
  const db = app.db;
  w = await buildWorld(db);
  const ed = await buildEdition(db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  p = await buildScreenedProposals(db, ed, [
    { agencyId: w.agencies.pontianak, title: "Antrean Daring Dukcapil" },
    { agencyId: w.agencies.singkawang, title: "Posyandu Digital" },
  ]);
  // Round 1 (desk, draft): a rubric and the evaluator on both proposals, ready to open.
  desk = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 1 });
  await db
    .insertInto("round_criteria")
    .values({ id: newId(), round_id: desk, key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 1, scale_min: 0, scale_max: 10, scale_step: 1, position: 1 })
    .execute();
  const juror = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  for (const x of p) {
    await db
      .insertInto("assignments")
      .values({ id: newId(), round_id: desk, juror_id: juror, proposal_id: x.id, source: "manual", expertise_match: 0, run_id: null, created_by: null, created_at: "2025-08-01T01:00:00.000Z" })
      .execute();
  }
  // Round 2 (presentation) with both proposals as entrants; round 3 (field).
  pres = await buildRound(db, { competitionId: w.competitions.kipp, position: 2, name: "Presentasi dan wawancara", kind: "presentation", poolRole: "panelist", k: 1 });
  await db.insertInto("round_entrants").values(p.map((x) => ({ round_id: pres, proposal_id: x.id }))).execute();
  field = await buildRound(db, { competitionId: w.competitions.kipp, position: 3, name: "Verifikasi lapangan", kind: "field", poolRole: "panelist", k: 1 });
  for (const [who, email] of [
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
    ["otherAdminLokal", "adminlokal@singkawang.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("a round's set-up pages", () => {
  it("answer the edition's organizer and refuse another organizer", async () => {
    const pages = [`${base(desk)}/settings`, `${base(desk)}/rubric`, `${base(pres)}/slots`, `${base(field)}/field`, base(desk)];
    for (const path of pages) {
      const ok = await app.get(path, { cookie: cookies.panrb });
      expect([path, ok.status]).toEqual([path, 200]);
      expect(ok.body.match(/<h1[ >]/g)).toHaveLength(1);
      expect((await app.get(path, { cookie: cookies.kalbar })).status).toBe(403);
    }
    // Slots and field pages exist only for their kind of round.
    expect((await app.get(`${base(desk)}/slots`, { cookie: cookies.panrb })).status).toBe(404);
    expect((await app.get(`${base(desk)}/field`, { cookie: cookies.panrb })).status).toBe(404);
    // Another organizer cannot post either (nothing written).
    const post = await app.post(`${base(pres)}/rubric`, { intent: "save", key: "x", nameId: "X", nameEn: "X", weight: "1", scaleMin: "0", scaleMax: "10", scaleStep: "1" }, { cookie: cookies.kalbar });
    expect(post.status).toBe(403);
    expect(await app.db.selectFrom("round_criteria").select("key").where("round_id", "=", pres).execute()).toEqual([]);
  });

  it("shows a rubric error at its field and keeps what was typed", async () => {
    const res = await app.post(
      `${base(pres)}/rubric`,
      { intent: "save", key: "penyampaian", nameId: "Penyampaian presentasi", nameEn: "Delivery", weight: "0", scaleMin: "0", scaleMax: "100", scaleStep: "5", levels: "" },
      { cookie: cookies.panrb },
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('id="weight-error"');
    expect(res.body).toContain("Bobot harus lebih dari 0.");
    expect(res.body).toMatch(/<input[^>]*name="weight"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/<input[^>]*name="nameId"[^>]*value="Penyampaian presentasi"/);
    expect(res.body).toMatch(/<input[^>]*name="key"[^>]*value="penyampaian"/);
    expect(await app.db.selectFrom("round_criteria").select("key").where("round_id", "=", pres).execute()).toEqual([]);
  });

  it("saves the settings and shows them on reload", async () => {
    const here = `${base(pres)}/settings`;
    const res = await app.post(
      here,
      {
        intent: "settings",
        blind: "on",
        scoreVisibility: "after_submit",
        scoreMethod: "median",
        ruleKind: "top_n",
        ruleN: "5",
        ruleMin: "",
        ruleBy: "cluster",
        ruleTotal: "",
        tiebreak1: "raw_mean",
        tiebreak2: "submitted_at",
        tiebreak3: "",
        disagreementThreshold: "30",
        borderlineBand: "1,5",
      },
      { cookie: cookies.panrb },
    );
    expect([res.status, res.location]).toEqual([302, `${here}?notice=saved`]);
    const row = await app.db
      .selectFrom("rounds")
      .select(["blind", "score_visibility", "score_method", "advancement_json", "tiebreak_json", "disagreement_threshold", "borderline_band"])
      .where("id", "=", pres)
      .executeTakeFirstOrThrow();
    expect([Number(row.blind), row.score_visibility, row.score_method, JSON.parse(row.advancement_json), JSON.parse(row.tiebreak_json), Number(row.disagreement_threshold), Number(row.borderline_band)]).toEqual([
      1,
      "after_submit",
      "median",
      { kind: "top_n", n: 5 },
      ["raw_mean", "submitted_at"],
      30,
      1.5,
    ]);
    const page = await app.get(`${here}?notice=saved`, { cookie: cookies.panrb });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Pengaturan tersimpan.");
    expect(page.body).toMatch(/<input[^>]*name="blind"[^>]*checked=""/);
    expect(page.body).toMatch(/<option value="after_submit" selected="">/);
    expect(page.body).toMatch(/<input[^>]*id="method-median"[^>]*checked=""/);
    expect(page.body).toMatch(/<option value="top_n" selected="">/);
    expect(page.body).toMatch(/<input[^>]*name="ruleN"[^>]*value="5"/);
    expect(page.body).toMatch(/<select[^>]*name="tiebreak1"[^>]*>(?:(?!<\/select>).)*<option value="raw_mean" selected="">/s);
    expect(page.body).toMatch(/<select[^>]*name="tiebreak2"[^>]*>(?:(?!<\/select>).)*<option value="submitted_at" selected="">/s);
    expect(page.body).toMatch(/<input[^>]*name="disagreementThreshold"[^>]*value="30"/);
    expect(page.body).toMatch(/<input[^>]*name="borderlineBand"[^>]*value="1.5"/);
    // Saving the same again writes no second audit row.
    await app.post(here, { intent: "settings", blind: "on", scoreVisibility: "after_submit", scoreMethod: "median", ruleKind: "top_n", ruleN: "5", tiebreak1: "raw_mean", tiebreak2: "submitted_at", disagreementThreshold: "30", borderlineBand: "1.5" }, { cookie: cookies.panrb });
    const audits = await app.db.selectFrom("audit_log").select("action").where("entity_id", "=", pres).where("action", "=", "round.settingsUpdated").execute();
    expect(audits).toHaveLength(1);
  });
});

describe("the round's states", () => {
  it("opens a draft round with a rubric and assignments from the round page", async () => {
    const before = await app.get(base(desk), { cookie: cookies.panrb });
    expect(before.body).toMatch(/<input type="hidden" name="transition" value="open"\/>/);
    const res = await app.post(`${base(desk)}/settings`, { intent: "transition", transition: "open", returnTo: base(desk) }, { cookie: cookies.panrb });
    expect([res.status, res.location]).toEqual([302, `${base(desk)}?state=opened#state`]);
    const row = await app.db.selectFrom("rounds").select(["status", "opened_at"]).where("id", "=", desk).executeTakeFirstOrThrow();
    expect([row.status, typeof row.opened_at]).toEqual(["open", "string"]);
    const page = await app.get(`${base(desk)}?state=opened`, { cookie: cookies.panrb });
    expect(page.body).toContain("Tahap dibuka. Juri yang ditugaskan sudah diberi tahu lewat email.");
    expect(page.body).toMatch(/<input type="hidden" name="transition" value="close"\/>/);
    const audit = await app.db.selectFrom("audit_log").select(["action", "organizer_id", "competition_id"]).where("entity_id", "=", desk).where("action", "=", "round.opened").execute();
    expect(audit).toEqual([{ action: "round.opened", organizer_id: w.organizers.panrb, competition_id: w.competitions.kipp }]);
    // Another organizer cannot move it.
    const other = await app.post(`${base(desk)}/settings`, { intent: "transition", transition: "close", reason: "x", returnTo: base(desk) }, { cookie: cookies.kalbar });
    expect(other.status).toBe(403);
  });

  it("refuses to close with missing sheets without a reason, at the field, then closes with one", async () => {
    const bad = await app.post(`${base(desk)}/settings`, { intent: "transition", transition: "close", reason: "  ", returnTo: base(desk) }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="reason-error"');
    expect(bad.body).toContain("Tuliskan alasannya.");
    expect(bad.body).toMatch(/<textarea[^>]*name="reason"[^>]*aria-invalid="true"/);
    expect((await app.db.selectFrom("rounds").select("status").where("id", "=", desk).executeTakeFirstOrThrow()).status).toBe("open");

    const reason = "Dua juri berhalangan; nilai kertas menyusul lewat impor.";
    const ok = await app.post(`${base(desk)}/settings`, { intent: "transition", transition: "close", reason, returnTo: base(desk) }, { cookie: cookies.panrb });
    expect([ok.status, ok.location]).toEqual([302, `${base(desk)}?state=closed#state`]);
    const row = await app.db.selectFrom("rounds").select(["status", "close_reason"]).where("id", "=", desk).executeTakeFirstOrThrow();
    expect([row.status, row.close_reason]).toEqual(["closed", reason]);
    const page = await app.get(base(desk), { cookie: cookies.panrb });
    expect(page.body).toContain(reason);
  });
});

describe("presentation slots and the agency's answer", () => {
  let slotPontianak: string;
  let slotSingkawang: string;

  it("lets the organizer set a slot for each entrant", async () => {
    for (const [x, start] of [
      [p[0], "2025-09-10T09:00"],
      [p[1], "2025-09-10T10:00"],
    ] as const) {
      const res = await app.post(
        `${base(pres)}/slots`,
        { intent: "save", proposalId: x.id, startsAt: start, lengthMinutes: "30", meetingLink: "https://zoom.us/j/123456" },
        { cookie: cookies.panrb },
      );
      expect([res.status, res.location]).toEqual([302, `${base(pres)}/slots?notice=saved#slots`]);
    }
    const rows = await app.db.selectFrom("presentation_slots").select(["id", "proposal_id", "starts_at", "attendance"]).where("round_id", "=", pres).orderBy("starts_at").execute();
    expect(rows.map((r) => [r.proposal_id, r.starts_at, r.attendance])).toEqual([
      [p[0].id, "2025-09-10T02:00:00.000Z", "pending"],
      [p[1].id, "2025-09-10T03:00:00.000Z", "pending"],
    ]);
    slotPontianak = rows[0].id;
    slotSingkawang = rows[1].id;
  });

  it("lets the agency's Admin Lokal confirm its own slot", async () => {
    const path = `/agency/${w.agencies.pontianak}/presentations`;
    const page = await app.get(path, { cookie: cookies.adminLokal });
    expect(page.status).toBe(200);
    expect(page.body).toContain(p[0].number);
    expect(page.body).not.toContain(p[1].number);
    const res = await app.post(path, { slotId: slotPontianak, attendance: "confirmed", note: "Hadir bersama Kepala Dinas" }, { cookie: cookies.adminLokal });
    expect([res.status, res.location]).toEqual([302, `${path}?notice=confirmed#slot-${slotPontianak}`]);
    const row = await app.db.selectFrom("presentation_slots").select(["attendance", "attendance_note", "confirmed_by"]).where("id", "=", slotPontianak).executeTakeFirstOrThrow();
    expect([row.attendance, row.attendance_note, row.confirmed_by]).toEqual(["confirmed", "Hadir bersama Kepala Dinas", w.users.adminLokal]);
    expect((await app.get(`${path}?notice=confirmed`, { cookie: cookies.adminLokal })).body).toContain("Kehadiran dikonfirmasi.");
  });

  it("refuses another agency: 403 on the page, 404 for the slot through its own page", async () => {
    const path = `/agency/${w.agencies.pontianak}/presentations`;
    expect((await app.get(path, { cookie: cookies.otherAdminLokal })).status).toBe(403);
    expect((await app.post(path, { slotId: slotPontianak, attendance: "declined", note: "Tidak bisa" }, { cookie: cookies.otherAdminLokal })).status).toBe(403);
    const own = `/agency/${w.agencies.singkawang}/presentations`;
    const ownPage = await app.get(own, { cookie: cookies.otherAdminLokal });
    expect(ownPage.status).toBe(200);
    expect(ownPage.body).toContain(p[1].number);
    expect(ownPage.body).not.toContain(p[0].number);
    expect((await app.post(own, { slotId: slotPontianak, attendance: "declined", note: "Tidak bisa" }, { cookie: cookies.otherAdminLokal })).status).toBe(404);
    // The organizer is no Admin Lokal of the agency.
    expect((await app.get(path, { cookie: cookies.panrb })).status).toBe(403);
    const row = await app.db.selectFrom("presentation_slots").select(["attendance", "attendance_note"]).where("id", "=", slotPontianak).executeTakeFirstOrThrow();
    expect([row.attendance, row.attendance_note]).toEqual(["confirmed", "Hadir bersama Kepala Dinas"]);
    expect((await app.db.selectFrom("presentation_slots").select("attendance").where("id", "=", slotSingkawang).executeTakeFirstOrThrow()).attendance).toBe("pending");
  });
});

describe("the field-verification checklist on the juror's score page", () => {
  it("is shown, saved with a draft without JavaScript, and read-only after the round closes", async () => {
    const db = app.db;
    await db
      .insertInto("round_criteria")
      .values({ id: newId(), round_id: field, key: "kesesuaian", name_id: "Kesesuaian", name_en: "Conformity", weight: 1, scale_min: 1, scale_max: 5, scale_step: 1, position: 1 })
      .execute();
    await db
      .insertInto("field_checklist_items")
      .values({ id: newId(), round_id: field, key: "lokasi", label_id: "Lokasi layanan dikunjungi", label_en: "Service site visited", position: 1 })
      .execute();
    const juror = await db.selectFrom("jurors").select("id").where("user_id", "=", w.users.evaluator).executeTakeFirstOrThrow();
    await db
      .insertInto("assignments")
      .values({ id: newId(), round_id: field, juror_id: juror.id, proposal_id: p[0].id, source: "manual", expertise_match: 0, run_id: null, created_by: null, created_at: "2025-09-01T01:00:00.000Z" })
      .execute();
    await db.updateTable("rounds").set({ status: "open" }).where("id", "=", field).execute();
    const evaluator = await app.login("evaluator1@juri.test", PASSWORD);
    const path = `/juror/kipp-2025/score/${field}/${p[0].number}`;
    const page = await app.get(path, { cookie: evaluator });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Daftar periksa verifikasi lapangan");
    expect(page.body).toMatch(/<input type="checkbox" id="check_lokasi" name="check_lokasi" value="1"\/>/);
    const saved = await app.post(path, { intent: "save", version: "0", checklist: "1", check_lokasi: "1", checknote_lokasi: "Petugas di tempat", score_kesesuaian: "" }, { cookie: evaluator });
    expect([saved.status, saved.location]).toEqual([302, `${path}?notice=saved`]);
    const again = await app.get(path, { cookie: evaluator });
    expect(again.body).toMatch(/<input type="checkbox" id="check_lokasi" name="check_lokasi"[^>]*checked=""/);
    expect(again.body).toContain("Petugas di tempat</textarea>");
    await db.updateTable("rounds").set({ status: "closed" }).where("id", "=", field).execute();
    const closed = await app.get(path, { cookie: evaluator });
    expect(closed.body).toMatch(/<fieldset class="card checklist" disabled=""/);
    expect(closed.body).toMatch(/<input type="checkbox" id="check_lokasi" name="check_lokasi"[^>]*checked=""/);
    // A desk round's page has no checklist.
    const deskPage = await app.get(`/juror/kipp-2025/score/${desk}/${p[0].number}`, { cookie: evaluator });
    expect([deskPage.status, deskPage.body.includes("Daftar periksa verifikasi lapangan")]).toEqual([200, false]);
  });
});
