/**
 * Scoring over real HTTP against the built server (`npx remix build` first):
 * the score page hides identity in a blind round (in the HTML itself) and
 * shows it otherwise; saving works without JavaScript; autosave answers 409
 * on a stale version; a juror reaches only their own assignment; the score
 * import is for the edition's organizer only. The tests share one database
 * (tests/support/http.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { buildEdition } from "../support/edition";
import { buildUser, buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildJuror, buildRound, buildScreenedProposals, type BuiltProposal } from "../support/jury";

let app: HttpApp;
let w: World;
let ps: BuiltProposal[];
let rOpen: string;
let rBlind: string;
let rOther: string;
let sivRound: string;
let sivNumber: string;
let jA: string;
const cookies: Record<string, string> = {};

async function assign(roundId: string, jurorId: string, proposalId: string) {
  await app.db
    .insertInto("assignments")
    .values({ id: newId(), round_id: roundId, juror_id: jurorId, proposal_id: proposalId, source: "auto", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null })
    .execute();
}

async function rubric(roundId: string) {
  await app.db
    .insertInto("round_criteria")
    .values([
      { id: newId(), round_id: roundId, key: "kebaruan", name_id: "Kebaruan", name_en: "Novelty", weight: 40, scale_min: 0, scale_max: 100, scale_step: 5, levels_json: "[]", position: 1 },
      {
        id: newId(),
        round_id: roundId,
        key: "signifikansi",
        name_id: "Signifikansi",
        name_en: "Significance",
        weight: 60,
        scale_min: 1,
        scale_max: 5,
        scale_step: 1,
        levels_json: JSON.stringify([{ score: 5, id: "Berdampak luas dan terukur", en: "Broad, measured impact" }]),
        position: 2,
      },
    ])
    .execute();
}

const IDENTITY = ["Pemerintah Kota Pontianak", "Rahmat Hidayat", "rahmat@pontianak.go.id", "Disdukcapil Kota Pontianak", "SK-188/2023", "SK Walikota Pontianak.pdf"];

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  const e = await buildEdition(app.db, w.competitions.kipp);
  ps = await buildScreenedProposals(app.db, e, [
    { agencyId: w.agencies.pontianak, title: "Layanan Adminduk Keliling" },
    { agencyId: w.agencies.singkawang, title: "Posyandu Pintar" },
  ]);
  await app.db
    .updateTable("proposals")
    .set({
      service_unit: "Disdukcapil Kota Pontianak",
      innovator_names: "Rahmat Hidayat",
      innovator_decree: "SK-188/2023",
      contact_name: "Rahmat",
      contact_email: "rahmat@pontianak.go.id",
      contact_phone: "0811000111",
    })
    .where("id", "=", ps[0].id)
    .execute();
  await app.db.insertInto("proposal_answers").values({ proposal_id: ps[0].id, section_key: "ringkasan", body: "Layanan jemput bola dokumen kependudukan." }).execute();
  await app.db
    .insertInto("proposal_files")
    .values({ id: newId(), proposal_id: ps[0].id, slot_key: "sk_inovator", storage: "local", storage_key: "x", original_name: "SK Walikota Pontianak.pdf", mime_type: "application/pdf", size_bytes: 2048, sha256: "0", uploaded_by: null, created_at: "2025-05-01T00:00:00.000Z" })
    .execute();
  const userB = await buildUser(app.db, { email: "evaluator2@juri.test", name: "Dewi", password: PASSWORD });
  const sivUser = await buildUser(app.db, { email: "juri@sivablik.test", name: "Rudi", password: PASSWORD });
  jA = await buildJuror(app.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const jB = await buildJuror(app.db, { competitionId: w.competitions.kipp, email: "evaluator2@juri.test", name: "Dewi", userId: userB });
  const jS = await buildJuror(app.db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: sivUser });
  rOpen = await buildRound(app.db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 2 });
  rBlind = await buildRound(app.db, { competitionId: w.competitions.kipp, position: 2, name: "Penilaian tertutup", k: 1 });
  rOther = await buildRound(app.db, { competitionId: w.competitions.kipp, position: 3, name: "Penilaian ulang", k: 1 });
  for (const r of [rOpen, rBlind, rOther]) await rubric(r);
  await app.db.updateTable("rounds").set({ status: "open" }).where("competition_id", "=", w.competitions.kipp).execute();
  await app.db.updateTable("rounds").set({ blind: 1 }).where("id", "=", rBlind).execute();
  await assign(rOpen, jA, ps[0].id);
  await assign(rBlind, jA, ps[0].id);
  await assign(rOpen, jB, ps[1].id);
  await assign(rOther, jB, ps[0].id);
  const es = await buildEdition(app.db, w.competitions.sivablik);
  const [sp] = await buildScreenedProposals(app.db, es, [{ agencyId: w.agencies.pontianak, title: "Inovasi Sivablik" }]);
  sivNumber = sp.number;
  sivRound = await buildRound(app.db, { competitionId: w.competitions.sivablik, position: 1 });
  await rubric(sivRound);
  await app.db.updateTable("rounds").set({ status: "open" }).where("id", "=", sivRound).execute();
  await assign(sivRound, jS, sp.id);
  for (const [who, email] of [
    ["a", "evaluator1@juri.test"],
    ["b", "evaluator2@juri.test"],
    ["siv", "juri@sivablik.test"],
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

const page = (roundId: string, number: string) => `/juror/kipp-2025/score/${roundId}/${number}`;

describe("the score page", () => {
  it("shows the proposal's identity beside the rubric in an open round", async () => {
    const res = await app.get(page(rOpen, ps[0].number), { cookie: cookies.a });
    expect(res.status).toBe(200);
    for (const x of IDENTITY) expect(res.body).toContain(x);
    expect(res.body).toContain("Layanan jemput bola dokumen kependudukan.");
    expect(res.body).toContain("Berdampak luas dan terukur");
    expect(res.body).toContain('name="score_kebaruan"');
    expect(res.body).toContain(`/juror/kipp-2025/conflicts?proposal=${ps[0].number}`);
  });

  it("hides the agency, innovators, contact and file names from a blind round's HTML", async () => {
    const res = await app.get(page(rBlind, ps[0].number), { cookie: cookies.a });
    expect(res.status).toBe(200);
    for (const x of [...IDENTITY, "Pontianak", "KOTA-61.71", "0811000111"]) expect(res.body).not.toContain(x);
    expect(res.body).toContain("Proposal #1");
    expect(res.body).toContain("Layanan jemput bola dokumen kependudukan.");
  });

  it("saves without JavaScript: errors at the fields with the typed values, then a submission", async () => {
    const bad = await app.post(page(rOpen, ps[0].number), { version: "0", score_kebaruan: "72", score_signifikansi: "", overall: "Catatan saya", intent: "submit" }, { cookie: cookies.a });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Nilai tidak sesuai kelipatan skala kriteria ini.");
    expect(bad.body).toContain("Isi nilai untuk kriteria ini.");
    expect(bad.body).toContain('value="72"');
    expect(bad.body).toContain("Catatan saya");
    const good = await app.post(page(rOpen, ps[0].number), { version: "0", score_kebaruan: "75", score_signifikansi: "4", overall: "Catatan saya", intent: "submit" }, { cookie: cookies.a });
    expect([good.status, good.location]).toEqual([302, `${page(rOpen, ps[0].number)}?notice=submitted`]);
    const after = await app.get(`${page(rOpen, ps[0].number)}?notice=submitted`, { cookie: cookies.a });
    expect(after.body).toContain("Nilai terkirim.");
    const list = await app.get("/juror/kipp-2025", { cookie: cookies.a });
    expect(list.body).toContain(`href="${page(rOpen, ps[0].number)}"`);
    expect(list.body).toContain("nilai terkirim");
  });

  it("autosave answers 409 with the stored values when another tab saved first", async () => {
    const first = await app.post(`/api/scores/new/autosave`, { version: "0", score_kebaruan: "60", assignment: await assignmentId(rBlind) }, { cookie: cookies.a });
    expect(first.status).toBe(200);
    const saved = JSON.parse(first.body) as { ok: true; sheetId: string; version: number };
    expect([saved.ok, saved.version]).toEqual([true, 1]);
    const again = await app.post(`/api/scores/${saved.sheetId}/autosave`, { version: "1", score_kebaruan: "65" }, { cookie: cookies.a });
    expect(JSON.parse(again.body).version).toBe(2);
    const stale = await app.post(`/api/scores/${saved.sheetId}/autosave`, { version: "1", score_kebaruan: "90" }, { cookie: cookies.a });
    expect(stale.status).toBe(409);
    const body = JSON.parse(stale.body) as { ok: false; conflict: true; version: number; theirs: Record<string, string> };
    expect([body.conflict, body.version, body.theirs.score_kebaruan]).toEqual([true, 2, "65"]);
    // JSON bodies are accepted too.
    const json = await fetch(new URL(`/api/scores/${saved.sheetId}/autosave`, app.origin), {
      method: "POST",
      headers: { Cookie: cookies.a, Origin: app.origin, "Content-Type": "application/json" },
      body: JSON.stringify({ version: 2, score_kebaruan: 70 }),
    });
    expect([json.status, ((await json.json()) as { version: number }).version]).toEqual([200, 3]);
    // Another juror cannot autosave A's sheet.
    expect((await app.post(`/api/scores/${saved.sheetId}/autosave`, { version: "3", score_kebaruan: "5" }, { cookie: cookies.b })).status).toBe(404);
  });

  it("is read-only once the round closes", async () => {
    await app.db.updateTable("rounds").set({ status: "closed" }).where("id", "=", rOther).execute();
    const res = await app.get(page(rOther, ps[0].number), { cookie: cookies.b });
    expect(res.status).toBe(200);
    expect(res.body).toContain("Tahap ini sudah ditutup.");
    expect(res.body).not.toContain('value="submit"');
    const post = await app.post(page(rOther, ps[0].number), { version: "0", score_kebaruan: "75", score_signifikansi: "4", intent: "submit" }, { cookie: cookies.b });
    expect(post.status).toBe(400);
    expect(post.body).toContain("Nilai tidak tersimpan: tahap ini tidak sedang dibuka.");
  });

  it("is the juror's own: 404 for another's assignment or round, 403 for another edition's juror and the organizer", async () => {
    // B's proposal in round 1, and B's round 3 assignment on p0 (A holds p0 in rounds 1 and 2 only).
    const other = await app.get(page(rOpen, ps[1].number), { cookie: cookies.a });
    expect(other.status).toBe(404);
    expect(other.body).not.toContain("Posyandu Pintar");
    expect((await app.get(page(rOther, ps[0].number), { cookie: cookies.a })).status).toBe(404);
    expect((await app.get(`/juror/kipp-2025/score/${sivRound}/${sivNumber}`, { cookie: cookies.a })).status).toBe(404);
    expect((await app.get(page(rOpen, ps[0].number), { cookie: cookies.siv })).status).toBe(403);
    expect((await app.get(page(rOpen, ps[0].number), { cookie: cookies.panrb })).status).toBe(403);
    expect((await app.get(`/juror/sivablik-2025/score/${sivRound}/${sivNumber}`, { cookie: cookies.siv })).status).toBe(200);
  });

  it("answers 404 with a note for a proposal the juror is conflicted on", async () => {
    await assign(rOther, jA, ps[1].id);
    await app.db
      .insertInto("conflicts")
      .values({ id: newId(), competition_id: w.competitions.kipp, juror_id: jA, proposal_id: ps[1].id, source: "juror", reason: "Kerabat", declared_by: w.users.evaluator, created_at: new Date().toISOString(), dismissed_by: null, dismissed_reason: null, dismissed_at: null })
      .execute();
    const res = await app.get(page(rOther, ps[1].number), { cookie: cookies.a });
    expect(res.status).toBe(404);
    expect(res.body).toContain("ada konflik kepentingan antara Anda dan proposal tersebut");
    expect(res.body).toContain('href="/juror/kipp-2025"');
    expect(res.body).not.toContain("Posyandu Pintar");
  });
});

async function assignmentId(roundId: string): Promise<string> {
  const r = await app.db
    .selectFrom("assignments as a")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .select("a.id")
    .where("a.round_id", "=", roundId)
    .where("j.email", "=", "evaluator1@juri.test")
    .executeTakeFirstOrThrow();
  return r.id;
}

describe("the score import page", () => {
  const url = () => `/competitions/kipp-2025/rounds/${rOpen}/scores-import`;

  it("is the edition's organizer's: PANRB 200, Kalbar 403, a juror 403", async () => {
    const ok = await app.get(url(), { cookie: cookies.panrb });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("round,proposal_number,juror_email,kebaruan,signifikansi,comment");
    expect((await app.get(url(), { cookie: cookies.kalbar })).status).toBe(403);
    expect((await app.get(url(), { cookie: cookies.a })).status).toBe(403);
  });

  it("checks then applies an uploaded file (multipart, no JavaScript)", async () => {
    const text = `round,proposal_number,juror_email,kebaruan,signifikansi,comment\r\n1,${ps[1].number},evaluator2@juri.test,80,4,Kertas\r\n`;
    const send = async (cookie: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append("file", new Blob([text], { type: "text/csv" }), "nilai.csv");
      const res = await fetch(new URL(url(), app.origin), { method: "POST", headers: { Cookie: cookie, Origin: app.origin }, body: form, redirect: "manual" });
      return { status: res.status, body: await res.text(), location: res.headers.get("location") };
    };
    expect((await send(cookies.kalbar, { intent: "check" })).status).toBe(403);
    const checked = await send(cookies.panrb, { intent: "check" });
    expect(checked.status).toBe(200);
    const hash = /name="hash" value="([0-9a-f]{64})"/.exec(checked.body)?.[1];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const applied = await send(cookies.panrb, { intent: "apply", hash: hash! });
    expect([applied.status, applied.location]).toEqual([302, `${url()}?imported=1&rows=1&created=1&replaced=0`]);
    const sheet = await app.db.selectFrom("score_sheets").select(["status", "source"]).where("round_id", "=", rOpen).where("source", "=", "import").execute();
    expect(sheet).toEqual([{ status: "submitted", source: "import" }]);
  });
});
