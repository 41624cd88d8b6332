/**
 * Drafting and submission over real HTTP against the built server: plain
 * HTML forms without JavaScript (save, conflict page, late submission,
 * forged numbers) and the autosave JSON route. Needs `npx remix build` first.
 * The tests of this file share one database (see tests/support/http.ts); the
 * server runs on the real clock, so the open edition's window is relative to now.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { createDraft } from "~/services/proposals.server";
import { buildEdition, type BuiltEdition } from "../support/edition";
import { actorOf, buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";

let app: HttpApp;
let w: World;
let kipp: BuiltEdition;
let closed: BuiltEdition;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  kipp = await buildEdition(app.db, w.competitions.kipp);
  // Sivablik's registration closed yesterday (by the server's clock).
  closed = await buildEdition(app.db, w.competitions.sivablik, { openedDaysAgo: 30, closesInDays: -1 });
  for (const [who, email] of [
    ["adminLokal", "adminlokal@pontianak.test"],
    ["innovator", "inovator@pontianak.test"],
    ["otherAdminLokal", "adminlokal@singkawang.test"],
    ["panrb", "sekretariat@menpan.test"],
    ["evaluator", "evaluator1@juri.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

function fields(over: Record<string, string> = {}): Record<string, string> {
  return {
    title: "SIPANDU: Sistem Pelayanan Terpadu",
    categoryId: kipp.categories.digital,
    serviceUnit: "Dinas Kependudukan dan Pencatatan Sipil",
    innovatorKind: "team",
    innovatorNames: "Yudi Pratama",
    innovatorDecree: "800/123/2020",
    startedOn: "2020-01-15",
    contactName: "Yudi Pratama",
    contactEmail: "inovator@pontianak.test",
    contactPhone: "0812",
    videoUrl: "",
    declaration: "on",
    answer_ringkasan: "Layanan administrasi kependudukan terpadu.",
    answer_ide: "Satu tempat, antrean daring.",
    answer_signifikansi: "",
    ...over,
  };
}

async function newDraft(cookie: string, title: string): Promise<string> {
  const res = await app.post(
    `/agency/${w.agencies.pontianak}/proposals/new`,
    { competitionId: kipp.competitionId, groupId: kipp.groups.umum, title },
    { cookie },
  );
  expect(res.status).toBe(302);
  const m = /^\/proposals\/([A-Z0-9-]+)\?notice=created$/.exec(res.location ?? "");
  expect(m, res.location ?? "").not.toBeNull();
  return m![1];
}

async function versionOf(number: string): Promise<number> {
  return (await app.db.selectFrom("proposals").select("version").where("number", "=", number).executeTakeFirstOrThrow()).version;
}

function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

describe("agency proposals page and creating a draft", () => {
  it("offers the open edition to the agency's members and lists its proposals; another agency gets 403", async () => {
    const number = await newDraft(cookies.innovator, "Antrean Daring");
    const list = await app.get(`/agency/${w.agencies.pontianak}/proposals`, { cookie: cookies.adminLokal });
    expect(list.status).toBe(200);
    expect(list.body).toContain("<h1>Proposal instansi</h1>");
    expect(list.body).toContain(`href="/agency/${w.agencies.pontianak}/proposals/new?competition=${kipp.competitionId}"`);
    expect(list.body).toContain(`<code>${number}</code>`);
    expect(list.body).toContain("Antrean Daring");
    // Sivablik is closed: not offered.
    expect(list.body).not.toContain(`competition=${closed.competitionId}`);
    expect((await app.get(`/agency/${w.agencies.pontianak}/proposals`, { cookie: cookies.otherAdminLokal })).status).toBe(403);
    expect((await app.get(`/agency/${w.agencies.pontianak}/proposals/new?competition=${closed.competitionId}`, { cookie: cookies.innovator })).status).toBe(404);
    const forged = await app.post(
      `/agency/${w.agencies.pontianak}/proposals/new`,
      { competitionId: kipp.competitionId, groupId: kipp.groups.umum, title: "Palsu" },
      { cookie: cookies.otherAdminLokal },
    );
    expect(forged.status).toBe(403);
  });
});

describe("the proposal form without JavaScript", () => {
  it("renders the form with guidance, word counts, the checklist and the deadline", async () => {
    const number = await newDraft(cookies.innovator, "Form kosong");
    const res = await app.get(`/proposals/${number}`, { cookie: cookies.innovator });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Form kosong</h1>");
    expect(res.body).toContain("Yang masih kurang");
    expect(res.body).toContain('href="#answer_ringkasan"');
    expect(res.body).toContain('href="#slot-sk_inovator"');
    expect(res.body).toContain('id="slot-sk_inovator"');
    expect(res.body).toContain("Jelaskan inovasi secara singkat.");
    expect(res.body).toContain(`<span id="answer_ringkasan-count" class="word-count">0 dari 200 kata</span>`);
    expect(res.body).toContain("Pendaftaran ditutup ");
    expect(res.body).toMatch(/<input type="hidden" name="version" value="1"\/>/);
  });

  it("saves with the Save button, then shows both versions on a stale save and keeps what was typed", async () => {
    const number = await newDraft(cookies.innovator, "Konflik");
    const saved = await app.post(`/proposals/${number}`, { intent: "save", version: "1", ...fields({ title: "Versi inovator" }) }, { cookie: cookies.innovator });
    expect([saved.status, saved.location]).toEqual([302, `/proposals/${number}?notice=saved`]);
    expect(await versionOf(number)).toBe(2);

    // The Admin Lokal loaded version 1 and saves later.
    const stale = await app.post(
      `/proposals/${number}`,
      { intent: "save", version: "1", ...fields({ title: "Versi Admin Lokal", answer_ide: "Ide versi admin." }) },
      { cookie: cookies.adminLokal },
    );
    expect(stale.status).toBe(409);
    const body = decode(stale.body);
    expect(body).toContain("Proposal ini diubah orang lain");
    expect(body).toMatch(/<th scope="row"><a href="#title">Judul inovasi<\/a><\/th><td class="pre">Versi inovator<\/td><td class="pre">Versi Admin Lokal<\/td>/);
    expect(body).toMatch(/<th scope="row"><a href="#answer_ide">Ide Inovatif<\/a><\/th><td class="pre">Satu tempat, antrean daring.<\/td><td class="pre">Ide versi admin.<\/td>/);
    // The typed values stay in the fields, and the form now carries the stored version.
    expect(body).toMatch(/<input[^>]*name="title"[^>]*value="Versi Admin Lokal"/);
    expect(body).toMatch(/<input type="hidden" name="version" value="2"\/>/);
    const row = await app.db.selectFrom("proposals").select(["title", "version"]).where("number", "=", number).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "Versi inovator", version: 2 });

    // "Simpan versi saya": the same form on the new version.
    const mine = await app.post(
      `/proposals/${number}`,
      { intent: "save", version: "2", ...fields({ title: "Versi Admin Lokal", answer_ide: "Ide versi admin." }) },
      { cookie: cookies.adminLokal },
    );
    expect(mine.status).toBe(302);
    expect((await app.db.selectFrom("proposals").select("title").where("number", "=", number).executeTakeFirstOrThrow()).title).toBe("Versi Admin Lokal");
  });

  it("gives 404 to another agency's forged posts and reads, to the organizer and a juror on a draft", async () => {
    const number = await newDraft(cookies.innovator, "Rahasia Pontianak");
    for (const who of ["otherAdminLokal", "panrb", "evaluator"] as const) {
      expect((await app.get(`/proposals/${number}`, { cookie: cookies[who] })).status, who).toBe(404);
      expect((await app.get(`/proposals/${number}/print`, { cookie: cookies[who] })).status, who).toBe(404);
      expect((await app.post(`/proposals/${number}`, { intent: "save", version: "1", ...fields({ title: "Dibajak" }) }, { cookie: cookies[who] })).status, who).toBe(404);
      expect((await app.post(`/proposals/${number}`, { intent: "submit" }, { cookie: cookies[who] })).status, who).toBe(404);
      expect((await app.post(`/api/proposals/${number}/autosave`, { version: "1", ...fields({ title: "Dibajak" }) }, { cookie: cookies[who] })).status, who).toBe(404);
    }
    const row = await app.db.selectFrom("proposals").select(["title", "version", "status"]).where("number", "=", number).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "Rahasia Pontianak", version: 1, status: "draft" });
  });

  it("submits with the receipt, and the page, the print view and the organizer then show it", async () => {
    const number = await newDraft(cookies.innovator, "Siap diajukan");
    const p = await app.db.selectFrom("proposals").select("id").where("number", "=", number).executeTakeFirstOrThrow();
    await app.db
      .insertInto("proposal_files")
      .values({
        id: newId(),
        proposal_id: p.id,
        slot_key: "sk_inovator",
        storage: "local",
        storage_key: "test/x",
        original_name: "sk-inovator.pdf",
        mime_type: "application/pdf",
        size_bytes: 2048,
        sha256: "0".repeat(64),
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    // The innovator cannot submit: the button is not offered and a forged post is refused.
    const innovatorPage = await app.get(`/proposals/${number}`, { cookie: cookies.innovator });
    expect(innovatorPage.body).not.toContain('value="submit"');
    expect((await app.post(`/proposals/${number}`, { intent: "submit" }, { cookie: cookies.innovator })).status).toBe(403);

    const res = await app.post(`/proposals/${number}`, { intent: "submit", version: "1", ...fields({ title: "Siap diajukan" }) }, { cookie: cookies.adminLokal });
    expect([res.status, res.location]).toEqual([302, `/proposals/${number}?notice=submitted`]);
    const row = await app.db.selectFrom("proposals").select(["status", "receipt_number"]).where("number", "=", number).executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    const page = await app.get(res.location ?? "", { cookie: cookies.adminLokal });
    expect(page.body).toContain(`Nomor tanda terima: ${row.receipt_number}`);
    expect(page.body).toContain("Kembalikan ke inovator");
    const mail = await app.db.selectFrom("outbox").select(["to_address", "body_text"]).where("subject", "=", `Tanda terima proposal ${number}`).orderBy("to_address").execute();
    expect(mail.map((m) => m.to_address)).toEqual(["adminlokal@pontianak.test", "inovator@pontianak.test"]);
    expect(mail[0].body_text).toContain(`Nomor tanda terima: ${row.receipt_number}`);

    const print = await app.get(`/proposals/${number}/print`, { cookie: cookies.panrb });
    expect(print.status).toBe(200);
    expect(print.body).toContain("@media print");
    expect(print.body).toContain("<h1>Siap diajukan</h1>");
    expect(print.body).toContain("sk-inovator.pdf");
    expect(print.body).toContain("Layanan administrasi kependudukan terpadu.");
    const organizer = await app.get(`/proposals/${number}`, { cookie: cookies.panrb });
    expect(organizer.status).toBe(200);
    expect(organizer.body).not.toContain('id="proposal-form"');
  });

  it("answers a late submission with a clear message and re-renders what was typed", async () => {
    const admin = await actorOf(app.db, w.users.adminLokal);
    const past = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000);
    const created = await createDraft(
      app.db,
      admin,
      { agencyId: w.agencies.pontianak, competitionId: closed.competitionId, groupId: closed.groups.umum, title: "Terlambat" },
      { now: past },
    );
    if (!created.ok) throw new Error("draft");
    const res = await app.post(
      `/proposals/${created.number}`,
      { intent: "submit", version: "1", ...fields({ title: "Judul yang baru diketik", categoryId: closed.categories.digital }) },
      { cookie: cookies.adminLokal },
    );
    expect(res.status).toBe(400);
    const body = decode(res.body);
    expect(body).toContain("Proposal belum dapat diajukan:");
    expect(body).toContain("Pendaftaran sudah ditutup; proposal tidak dapat diajukan atau diubah lagi.");
    expect(body).toMatch(/<input[^>]*name="title"[^>]*value="Judul yang baru diketik"/);
    const row = await app.db.selectFrom("proposals").select(["status", "title"]).where("number", "=", created.number).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "draft", title: "Terlambat" });
    // A plain save after the deadline: the same, nothing lost, nothing written.
    const save = await app.post(`/proposals/${created.number}`, { intent: "save", version: "1", ...fields({ title: "Masih diketik" }) }, { cookie: cookies.innovator });
    expect(save.status).toBe(400);
    expect(decode(save.body)).toContain("Pendaftaran sudah ditutup (menurut jam server); perubahan tidak disimpan.");
    expect(decode(save.body)).toMatch(/<input[^>]*name="title"[^>]*value="Masih diketik"/);
    const read = await app.get(`/proposals/${created.number}`, { cookie: cookies.innovator });
    expect(read.body).toContain("Pendaftaran sudah ditutup; proposal ini hanya dapat dibaca.");
    expect(read.body).not.toContain('id="proposal-form"');
  });
});

describe("autosave (JSON)", () => {
  it("saves and answers with the new version; a stale version gets the conflict with their values", async () => {
    const number = await newDraft(cookies.innovator, "Autosave");
    const ok = await app.post(`/api/proposals/${number}/autosave`, { version: "1", ...fields({ title: "Ketik otomatis" }) }, { cookie: cookies.innovator });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("application/json");
    const data = JSON.parse(ok.body);
    expect([data.ok, data.version, typeof data.savedAt, data.problems]).toEqual([
      true,
      2,
      "string",
      [{ code: "attachment_missing", field: "file.sk_inovator", params: { slot: "sk_inovator" } }],
    ]);
    const stale = await app.post(`/api/proposals/${number}/autosave`, { version: "1", ...fields({ title: "Tab lama" }) }, { cookie: cookies.adminLokal });
    expect(stale.status).toBe(409);
    const c = JSON.parse(stale.body);
    expect([c.ok, c.conflict, c.version, c.theirs.title, c.differing]).toEqual([false, true, 2, "Ketik otomatis", ["title"]]);
    expect(await versionOf(number)).toBe(2);
    expect((await app.get(`/api/proposals/${number}/autosave`, { cookie: cookies.innovator })).status).toBe(405);
  });
});
