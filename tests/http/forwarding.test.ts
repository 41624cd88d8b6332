/**
 * The forward page over real HTTP against the built server (needs
 * `npx remix build` first): plain-form preview, forward, CSV download, the
 * "Diteruskan dari" line on the national draft, and the 403 for others.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { buildEdition } from "../support/edition";
import { buildCompetition, buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";

let app: HttpApp;
let w: World;
let winnerId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  const siv = await buildEdition(app.db, w.competitions.sivablik, { numberPrefix: "SIV2025" });
  const kippId = await buildCompetition(app.db, { organizerId: w.organizers.panrb, name: "KIPP 2026", year: 2026, slug: "kipp-2026" });
  await buildEdition(app.db, kippId, { numberPrefix: "KIPP2026" });
  const proposalId = newId();
  await app.db
    .insertInto("proposals")
    .values({
      id: proposalId,
      competition_id: w.competitions.sivablik,
      group_id: siv.groups.umum,
      category_id: siv.categories.digital,
      agency_id: w.agencies.pontianak,
      number: "SIV2025-000001",
      title: "Antrean Daring Dukcapil",
      title_key: "antrean daring dukcapil",
      started_on: "2021-03-15",
      contact_email: "inovasi@contoh.go.id",
      status: "submitted",
      submitted_at: "2025-04-01T01:00:00.000Z",
      created_at: "2025-04-01T01:00:00.000Z",
      updated_at: "2025-04-01T01:00:00.000Z",
    })
    .execute();
  await app.db.insertInto("proposal_answers").values({ proposal_id: proposalId, section_key: "ringkasan", body: "Antrean dari rumah." }).execute();
  const tier = newId();
  await app.db
    .insertInto("award_tiers")
    .values({ id: tier, competition_id: w.competitions.sivablik, key: "juara1", name_id: "Juara 1", name_en: "First place", size: 1, group_id: null, round_id: null, position: 1, created_at: "2025-05-01T00:00:00.000Z" })
    .execute();
  winnerId = newId();
  await app.db
    .insertInto("winners")
    .values({ id: winnerId, competition_id: w.competitions.sivablik, tier_id: tier, proposal_id: proposalId, position: 1, source: "rule", deviation_reason: null, created_by: null, created_at: "2025-05-02T00:00:00.000Z" })
    .execute();
  for (const [who, email] of [
    ["panrb", "sekretariat@menpan.test"],
    ["kalbar", "organisasi@kalbarprov.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("/competitions/:slug/forward", () => {
  it("is refused to the national organizer and to agencies", async () => {
    expect((await app.get("/competitions/sivablik-2025/forward", { cookie: cookies.panrb })).status).toBe(403);
    expect((await app.get("/competitions/sivablik-2025/forward", { cookie: cookies.adminLokal })).status).toBe(403);
    const post = await app.post("/competitions/sivablik-2025/forward", { intent: "forward", targetSlug: "kipp-2026", winnerIds: winnerId }, { cookie: cookies.panrb });
    expect(post.status).toBe(403);
  });

  it("previews, forwards, downloads, and the draft says where it came from", async () => {
    const page = await app.get("/competitions/sivablik-2025/forward", { cookie: cookies.kalbar });
    expect(page.status).toBe(200);
    expect(page.body).toContain("SIV2025-000001");
    expect(page.body).toContain('<option value="kipp-2026">');

    const bad = await app.post("/competitions/sivablik-2025/forward", { intent: "preview", targetSlug: "kipp-2026" }, { cookie: cookies.kalbar });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Pilih minimal satu pemenang.");

    const preview = await app.post("/competitions/sivablik-2025/forward", { intent: "preview", targetSlug: "kipp-2026", winnerIds: winnerId }, { cookie: cookies.kalbar });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("Teruskan 1 proposal");

    const empty = await app.post("/competitions/sivablik-2025/forward.csv", {}, { cookie: cookies.kalbar });
    expect(empty.location).toBe("/competitions/sivablik-2025/forward?error=chooseWinners");
    expect((await app.post("/competitions/sivablik-2025/forward.csv", { winnerIds: winnerId }, { cookie: cookies.panrb })).status).toBe(403);
    const csv = await app.post("/competitions/sivablik-2025/forward.csv", { winnerIds: winnerId }, { cookie: cookies.kalbar });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.body.split("\r\n")[1]).toBe("sivablik-2025/SIV2025-000001,KOTA-61.71,umum,transformasi_digital,Antrean Daring Dukcapil,2021-03-15,,inovasi@contoh.go.id,Antrean dari rumah.");

    const done = await app.post("/competitions/sivablik-2025/forward", { intent: "forward", targetSlug: "kipp-2026", winnerIds: winnerId }, { cookie: cookies.kalbar });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/competitions/sivablik-2025/forward?created=1&skipped=0&to=kipp-2026");

    const draft = await app.get("/proposals/KIPP2026-000001", { cookie: cookies.adminLokal });
    expect(draft.status).toBe(200);
    expect(draft.body).toContain("Diteruskan dari Sivablik 2025 (Juara 1)");
  });
});
