/**
 * The plenary over real HTTP against the built server (plain forms, no
 * JavaScript): the results page, an override refused without a reason then
 * set, the decision, the replay and the ranking download. Needs
 * `npx remix build` first. The tests of this file share one database and run
 * in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildEdition } from "../support/edition";
import { agencyId, buildWorld, PASSWORD, type World } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals, type BuiltProposal } from "../support/jury";

let app: HttpApp;
let w: World;
let round: string;
let p: BuiltProposal[];
const cookies: Record<string, string> = {};
const REASON = "Inovasi relevan untuk daerah 3T, layak dipresentasikan.";

beforeAll(async () => {
  app = await startHttpApp();
  const db = app.db;
  w = await buildWorld(db);
  const ed = await buildEdition(db, w.competitions.kipp, { numberPrefix: "KIPP2025" });
  p = await buildScreenedProposals(db, ed, [
    { agencyId: agencyId("KOTA-61.71"), title: "Antrean Daring Dukcapil" },
    { agencyId: agencyId("KOTA-61.72"), title: "Posyandu Digital" },
    { agencyId: agencyId("KOTA-61.71"), title: "Lapor Jalan Rusak" },
  ]);
  round = await buildRound(db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal" });
  await db
    .updateTable("rounds")
    .set({ status: "closed", score_method: "raw_mean", advancement_json: '{"kind":"top_n","n":1}', tiebreak_json: '["raw_mean"]' })
    .where("id", "=", round)
    .execute();
  await db
    .insertInto("round_criteria")
    .values([{ id: newId(), round_id: round, key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 1, scale_min: 0, scale_max: 10, position: 1 }])
    .execute();
  const juror = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const now = "2025-08-10T03:00:00.000Z";
  for (const [proposal, value] of [
    [p[0], 9],
    [p[1], 7],
    [p[2], 5],
  ] as const) {
    const a = newId();
    const sheet = newId();
    await db.insertInto("assignments").values({ id: a, round_id: round, juror_id: juror, proposal_id: proposal.id, source: "manual", expertise_match: 0, run_id: null, created_by: null, created_at: now }).execute();
    await db
      .insertInto("score_sheets")
      .values({ id: sheet, assignment_id: a, round_id: round, juror_id: juror, proposal_id: proposal.id, status: "submitted", overall_comment: "", source: "web", version: 1, submitted_at: now, created_at: now, updated_at: now })
      .execute();
    await db.insertInto("score_items").values({ sheet_id: sheet, criterion_key: "kebaruan", value, comment: "" }).execute();
  }
  for (const [who, email] of [
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["evaluator", "evaluator1@juri.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

const page = () => `/competitions/kipp-2025/rounds/${round}/results`;

describe("/competitions/:slug/rounds/:roundId/results", () => {
  it("shows the table and the jurors' chart to the organizer, 403 to anyone else", async () => {
    const res = await app.get(page(), { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Sidang pleno: Penilaian proposal · KIPP 2025 · Sayembara</title>");
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
    for (const x of p) expect(res.body).toContain(x.number);
    expect(res.body).toContain("90,00");
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*><title id="hist-[^"]+-title">Sebaran nilai Eko<\/title>/);
    for (const who of ["kalbar", "evaluator", "adminLokal"] as const) {
      expect((await app.get(page(), { cookie: cookies[who] })).status).toBe(403);
      expect((await app.get(`${page()}/ranking.csv`, { cookie: cookies[who] })).status).toBe(403);
    }
  });

  it("refuses an override without a reason at the field, keeping what was typed, then sets it", async () => {
    const bad = await app.post(page(), { intent: "override", number: p[1].number, decision: "advance", reason: "singkat" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="reason-error"');
    expect(bad.body).toContain("Tuliskan alasan, minimal 10 karakter.");
    expect(bad.body).toMatch(new RegExp(`<input[^>]*name="number"[^>]*value="${p[1].number}"`));
    const ok = await app.post(page(), { intent: "override", number: p[1].number, decision: "advance", reason: REASON }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${page()}?notice=overrideSet#overrides`);
  });

  it("downloads the provisional ranking as CSV", async () => {
    const res = await app.get(`${page()}/ranking.csv`, { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="kipp-2025-round-1-ranking.csv"');
    expect(res.body.replace(/^\uFEFF/, "").split("\r\n").slice(0, 4)).toEqual([
      "round,rank,proposal_number,agency_code,group,category,n_scores,raw_mean,normalized,median,sd,min,max,disagreement,decision,c_kebaruan",
      `1,1,${p[0].number},KOTA-61.71,umum,transformasi_digital,1,90.000000,90.000000,90.000000,0.000000,90.000000,90.000000,0,advance,9.000000`,
      `1,2,${p[1].number},KOTA-61.72,umum,transformasi_digital,1,70.000000,70.000000,70.000000,0.000000,70.000000,70.000000,0,override_advance,7.000000`,
      `1,3,${p[2].number},KOTA-61.71,umum,transformasi_digital,1,50.000000,50.000000,50.000000,0.000000,50.000000,50.000000,0,stop,5.000000`,
    ]);
    expect((await app.get(`${page()}/ranking.pdf`, { cookie: cookies.panrb })).status).toBe(404);
  });

  it("decides only when confirmed, then shows the recorded decision and its replay", async () => {
    const bad = await app.post(page(), { intent: "decide" }, { cookie: cookies.panrb });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="confirm-error"');
    const ok = await app.post(page(), { intent: "decide", confirm: "on" }, { cookie: cookies.panrb });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${page()}?notice=decided&advance=2&next=0`);
    const decided = await app.get(page(), { cookie: cookies.panrb });
    expect(decided.body).toContain("Keputusan tercatat");
    expect(decided.body).toContain("Lanjut menurut aturan (1)");
    expect(decided.body).toContain("Pengecualian sidang (1)");
    const replay = await app.get(`${page()}?replay=1`, { cookie: cookies.panrb });
    expect(replay.body).toContain("identik dengan keputusan tercatat, selain 1 pengecualian yang tercantum.");
    expect(replay.body).toContain("Sidik masukan masih sama");
    const again = await app.post(page(), { intent: "decide", confirm: "on" }, { cookie: cookies.panrb });
    expect(again.status).toBe(400);
  });
});
