/**
 * Jurors over real HTTP against the built server (`npx remix build` first):
 * a juror sees their own list and opens only the proposals assigned to them
 * (404 for any other, never revealing that it exists); a juror of another
 * edition is refused the list; the organizer's round pages are for the
 * edition's organizer only. The tests share one database (tests/support/http.ts).
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
let r1: string;
const cookies: Record<string, string> = {};

async function assign(roundId: string, jurorId: string, proposalId: string) {
  await app.db
    .insertInto("assignments")
    .values({
      id: newId(),
      round_id: roundId,
      juror_id: jurorId,
      proposal_id: proposalId,
      source: "auto",
      expertise_match: 1,
      run_id: null,
      created_by: null,
      created_at: new Date().toISOString(),
      opened_at: null,
      completed_at: null,
    })
    .execute();
}

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  const e = await buildEdition(app.db, w.competitions.kipp);
  ps = await buildScreenedProposals(app.db, e, [
    { agencyId: w.agencies.pontianak, title: "Layanan Adminduk Keliling" },
    { agencyId: w.agencies.pontianak, title: "Sapa Warga Digital" },
    { agencyId: w.agencies.singkawang, title: "Posyandu Pintar" },
  ]);
  const userB = await buildUser(app.db, { email: "evaluator2@juri.test", name: "Dewi", password: PASSWORD });
  const sivUser = await buildUser(app.db, { email: "juri@sivablik.test", name: "Rudi", password: PASSWORD });
  const jA = await buildJuror(app.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const jB = await buildJuror(app.db, { competitionId: w.competitions.kipp, email: "evaluator2@juri.test", name: "Dewi", userId: userB });
  await buildJuror(app.db, { competitionId: w.competitions.sivablik, email: "juri@sivablik.test", name: "Rudi", userId: sivUser });
  r1 = await buildRound(app.db, { competitionId: w.competitions.kipp, position: 1, name: "Penilaian proposal", k: 1 });
  await assign(r1, jA, ps[0].id);
  await assign(r1, jA, ps[2].id);
  await assign(r1, jB, ps[1].id);
  // A declared a conflict on p2 after being assigned.
  await app.db
    .insertInto("conflicts")
    .values({ id: newId(), competition_id: w.competitions.kipp, juror_id: jA, proposal_id: ps[2].id, source: "juror", reason: "Kerabat", declared_by: w.users.evaluator, created_at: new Date().toISOString(), dismissed_by: null, dismissed_reason: null, dismissed_at: null })
    .execute();
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

describe("a juror", () => {
  it("sees their own list: their proposals linked, a conflicted one without a link, nobody else's", async () => {
    const res = await app.get("/juror/kipp-2025", { cookie: cookies.a });
    expect(res.status).toBe(200);
    expect(res.body).toContain(`href="/proposals/${ps[0].number}"`);
    expect(res.body).toContain("Layanan Adminduk Keliling");
    expect(res.body).toContain(ps[2].number);
    expect(res.body).not.toContain(`href="/proposals/${ps[2].number}"`);
    expect(res.body).toContain("Konflik dinyatakan");
    expect(res.body).toContain(`/juror/kipp-2025/conflicts?proposal=${ps[0].number}`);
    expect(res.body).not.toContain(ps[1].number);
    expect(res.body).not.toContain("Sapa Warga Digital");
  });

  it("opens an assigned proposal (and stamps it opened) but gets 404 for an unassigned or conflicted one", async () => {
    const own = await app.get(`/proposals/${ps[0].number}`, { cookie: cookies.a });
    expect(own.status).toBe(200);
    expect(own.body).toContain("Layanan Adminduk Keliling");
    const opened = await app.db.selectFrom("assignments").select("opened_at").where("proposal_id", "=", ps[0].id).executeTakeFirstOrThrow();
    expect(opened.opened_at).not.toBeNull();
    expect((await app.get(`/proposals/${ps[0].number}/files`, { cookie: cookies.a })).status).toBe(200);

    // B's proposal exists, but for A it does not.
    const other = await app.get(`/proposals/${ps[1].number}`, { cookie: cookies.a });
    const missing = await app.get("/proposals/KIPP2025-999999", { cookie: cookies.a });
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(other.body).not.toContain("Sapa Warga Digital");
    expect((await app.get(`/proposals/${ps[1].number}/files`, { cookie: cookies.a })).status).toBe(404);
    expect((await app.get(`/proposals/${ps[2].number}`, { cookie: cookies.a })).status).toBe(404);
    expect((await app.get(`/proposals/${ps[2].number}/print`, { cookie: cookies.a })).status).toBe(404);
  });

  it("of another edition is refused this edition's list (403)", async () => {
    expect((await app.get("/juror/kipp-2025", { cookie: cookies.siv })).status).toBe(403);
    expect((await app.get("/juror/sivablik-2025", { cookie: cookies.siv })).status).toBe(200);
    expect((await app.get("/juror/kipp-2025", { cookie: cookies.panrb })).status).toBe(403);
    expect((await app.get(`/proposals/${ps[0].number}`, { cookie: cookies.siv })).status).toBe(404);
  });

  it("B sees B's list only", async () => {
    const res = await app.get("/juror/kipp-2025", { cookie: cookies.b });
    expect(res.status).toBe(200);
    expect(res.body).toContain(ps[1].number);
    expect(res.body).not.toContain(ps[0].number);
    expect(res.body).not.toContain(ps[2].number);
  });
});

describe("the organizer's round pages", () => {
  it("are open to KIPP's organizer and closed to Kalbar's and to jurors", async () => {
    const base = `/competitions/kipp-2025/rounds/${r1}`;
    for (const p of ["/matrix", "/progress", "/csv", "/csv/assignments.csv"]) {
      expect([p, (await app.get(base + p, { cookie: cookies.panrb })).status]).toEqual([p, 200]);
      expect([p, (await app.get(base + p, { cookie: cookies.kalbar })).status]).toEqual([p, 403]);
      expect([p, (await app.get(base + p, { cookie: cookies.a })).status]).toEqual([p, 403]);
    }
    const matrix = await app.get(`${base}/matrix`, { cookie: cookies.panrb });
    expect(matrix.body).toContain('<abbr title="Eko &lt;evaluator1@juri.test&gt;">Eko</abbr>');
    expect(matrix.body).toContain('scope="row"');
    const file = await app.get(`${base}/csv/assignments.csv`, { cookie: cookies.panrb });
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.body).toContain(`1,${ps[0].number},evaluator1@juri.test,1,auto`);
  });

  it("imports assignments.csv from a plain multipart form: errors by line, confirmation, success", async () => {
    const base = `/competitions/kipp-2025/rounds/${r1}/csv`;
    const upload = async (text: string, fields: Record<string, string>, cookie = cookies.panrb) => {
      const form = new FormData();
      form.set("file", new Blob([text], { type: "text/csv" }), "assignments.csv");
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      const res = await fetch(new URL(base, app.origin), { method: "POST", body: form, headers: { Cookie: cookie, Origin: app.origin }, redirect: "manual" });
      return { status: res.status, location: res.headers.get("location"), connection: res.headers.get("connection"), body: await res.text() };
    };
    const header = "round,proposal_number,juror_email,expertise_match,source";
    const bad = await upload(`${header}\n1,${ps[1].number},evaluator1@juri.test,1,auto\n1,${ps[2].number},evaluator1@juri.test,1,auto\n`, { mode: "add" });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Proposal " + ps[1].number + " akan mendapat 2 juri, melebihi k = 1.");
    expect(bad.body).toContain("Juri ini sudah ditugaskan pada proposal ini (mode tambah).");
    const unconfirmed = await upload(`${header}\n1,${ps[1].number},evaluator2@juri.test,1,manual\n`, { mode: "replace" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain("Centang konfirmasi untuk mengganti penugasan saat ini.");
    const before = await app.db.selectFrom("assignments").select("id").where("round_id", "=", r1).execute();
    expect(before.length).toBe(3);
    const ok = await upload(`${header}\n1,${ps[1].number},evaluator2@juri.test,1,manual\n1,${ps[0].number},evaluator1@juri.test,1,auto\n`, { mode: "replace", confirmReplace: "on" });
    expect([ok.status, ok.location]).toEqual([302, `${base}?imported=replace&added=0&removed=1&kept=2`]);
    expect((await upload(`${header}\n`, { mode: "add" }, cookies.kalbar)).status).toBe(403);
    // Just over the limit: read, then refused by the check; far over: the upload is cut off.
    const over = await upload(`${header}\n${"x".repeat(5 * 1024 * 1024)}\n`, { mode: "add" });
    const huge = await upload(`${header}\n${"x".repeat(6 * 1024 * 1024)}\n`, { mode: "add" });
    expect([over.status, huge.status]).toEqual([400, 413]);
    // Refused before the body was read to its end: the connection is closed, never reused mid-upload.
    expect([over.connection, huge.connection]).toEqual(["keep-alive", "close"]);
    expect(over.body).toContain("Berkas lebih dari 5 MB.");
    expect(huge.body).toContain("Berkas lebih dari 5 MB.");
  });

  it("sends a reminder from a plain form and refuses a second one within the hour", async () => {
    const base = `/competitions/kipp-2025/rounds/${r1}/progress`;
    const jB = (await app.db.selectFrom("jurors").select("id").where("email", "=", "evaluator2@juri.test").executeTakeFirstOrThrow()).id;
    const first = await app.post(base, { intent: "remind", jurorId: jB }, { cookie: cookies.panrb });
    expect([first.status, first.location]).toEqual([302, `${base}?sent=1&skipped=0`]);
    const again = await app.post(base, { intent: "remind", jurorId: jB }, { cookie: cookies.panrb });
    expect(again.status).toBe(429);
    expect(again.body).toContain("kurang dari satu jam");
    const mails = await app.db.selectFrom("outbox").select(["to_address", "body_text"]).where("to_address", "=", "evaluator2@juri.test").execute();
    expect(mails.length).toBe(1);
    expect(mails[0].body_text).toContain(`${app.origin}/juror/kipp-2025`);
    expect((await app.post(base, { intent: "remindAll" }, { cookie: cookies.kalbar })).status).toBe(403);
  });
});
