/**
 * The agency registry over real HTTP against the built server (plain HTML
 * forms, no JavaScript). Needs `npx remix build` first. The tests of this
 * file share one database (see tests/support/http.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApp, type HttpApp } from "../support/http";
import { buildWorld, PASSWORD, type World } from "../support/factories";

let app: HttpApp;
let w: World;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startHttpApp();
  w = await buildWorld(app.db);
  for (const [who, email] of [
    ["kalbar", "organisasi@kalbarprov.test"],
    ["panrb", "sekretariat@menpan.test"],
    ["platform", "admin@sayembara.test"],
    ["adminLokal", "adminlokal@pontianak.test"],
    ["innovator", "inovator@pontianak.test"],
  ] as const) {
    cookies[who] = await app.login(email, PASSWORD);
  }
});

afterAll(async () => {
  await app?.close();
});

/** The text of the table's body cells, row by row. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]*>/g, "").trim()),
  );
}

describe("/agencies", () => {
  it("sends a signed-out visitor to the login page that comes back", async () => {
    const res = await app.get("/agencies?q=pontianak");
    expect([res.status, res.location]).toEqual([302, "/login?redirectTo=%2Fagencies%3Fq%3Dpontianak"]);
  });

  it("searches with a GET form and shows the result table", async () => {
    const res = await app.get("/agencies?q=pontianak", { cookie: cookies.innovator });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Registri instansi · Sayembara</title>");
    expect(res.body).toMatch(/<form[^>]*method="get"[^>]*action="\/agencies[^"]*"/);
    expect(res.body).toContain("1 instansi ditemukan");
    expect(tableRows(res.body)).toEqual([
      ["KOTA-61.71", "Pemerintah Kota Pontianak", "Kota", "Kalimantan Barat", "Pemerintah Provinsi Kalimantan Barat"],
    ]);
    expect(res.body).toMatch(/<input[^>]*name="q"[^>]*value="pontianak"/);
    // Only organizer admins are offered the "add" button.
    expect(res.body).not.toContain("/agencies/new");
  });

  it("keeps the filters in the pagination links", async () => {
    const res = await app.get("/agencies?cluster=kabupaten&page=2", { cookie: cookies.adminLokal });
    expect(res.body).toContain("416 instansi ditemukan");
    expect(res.body).toContain("Halaman 2 dari 9");
    expect(tableRows(res.body).length).toBe(50);
    expect(res.body).toContain('href="/agencies?cluster=kabupaten&amp;page=3"');
    expect(res.body).toContain('href="/agencies?cluster=kabupaten"');
    expect(res.body).toMatch(/<option value="kabupaten" selected="">/);
  });

  it("shows an empty state when nothing matches", async () => {
    const res = await app.get("/agencies?q=tidak-ada-instansi-ini", { cookie: cookies.adminLokal });
    expect(res.body).toContain("0 instansi ditemukan");
    expect(res.body).toContain("Tidak ada instansi yang cocok.");
    expect(res.body).not.toContain("<table");
  });

  it("shows a province with its regencies and cities, and 404s an unknown agency", async () => {
    const res = await app.get("/agencies/ag-prov-61", { cookie: cookies.innovator });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Pemerintah Provinsi Kalimantan Barat</h1>");
    expect(tableRows(res.body).map((r) => r[0])).toEqual([
      "KAB-61.07", "KAB-61.06", "KAB-61.11", "KAB-61.04", "KAB-61.12", "KAB-61.08", "KAB-61.10",
      "KAB-61.02", "KAB-61.01", "KAB-61.03", "KAB-61.09", "KAB-61.05", "KOTA-61.71", "KOTA-61.72",
    ]);
    expect((await app.get("/agencies/nope", { cookie: cookies.innovator })).status).toBe(404);
  });
});

describe("/organizers/:id/agencies/new", () => {
  it("is 403 for a Kalbar admin on PANRB's URL, for the platform admin and for an Admin Lokal", async () => {
    for (const who of ["kalbar", "platform", "adminLokal"]) {
      const page = await app.get(`/organizers/${w.organizers.panrb}/agencies/new`, { cookie: cookies[who] });
      expect(page.status, who).toBe(403);
      const posted = await app.post(`/organizers/${w.organizers.panrb}/agencies/new`, { cluster: "bumn", name: "PT Baru" }, { cookie: cookies[who] });
      expect(posted.status, who).toBe(403);
    }
    const added = await app.db.selectFrom("agencies").select("id").where("name", "=", "PT Baru").execute();
    expect(added).toEqual([]);
  });

  it("offers a provincial organizer OPD and BUMD of its province, a national one a province select", async () => {
    const kalbar = await app.get(`/organizers/${w.organizers.kalbar}/agencies/new`, { cookie: cookies.kalbar });
    expect(kalbar.status).toBe(200);
    expect([...kalbar.body.matchAll(/<option value="([a-z]+)">/g)].map((m) => m[1])).toEqual(["opd", "bumd"]);
    expect(kalbar.body).not.toContain('name="provinceCode"');
    const panrb = await app.get(`/organizers/${w.organizers.panrb}/agencies/new`, { cookie: cookies.panrb });
    expect([...panrb.body.matchAll(/<option value="([a-z]+)">/g)].map((m) => m[1])).toEqual(["bumn", "lembaga", "bumd"]);
    expect(panrb.body).toContain('name="provinceCode"');
  });

  it("adds an OPD and redirects to it; a duplicate comes back at the field with the typed values", async () => {
    const path = `/organizers/${w.organizers.kalbar}/agencies/new`;
    const ok = await app.post(path, { cluster: "opd", name: "Dinas Kesehatan Provinsi Kalimantan Barat", code: "" }, { cookie: cookies.kalbar });
    const row = await app.db
      .selectFrom("agencies")
      .select(["id", "code", "parent_id"])
      .where("name", "=", "Dinas Kesehatan Provinsi Kalimantan Barat")
      .executeTakeFirstOrThrow();
    expect([ok.status, ok.location, row.code, row.parent_id]).toEqual([302, `/agencies/${row.id}?created=1`, "OPD-61-001", "ag-prov-61"]);
    const shown = await app.get(ok.location ?? "", { cookie: cookies.kalbar });
    expect(shown.body).toContain("Instansi telah ditambahkan ke registri.");
    expect(shown.body).toContain("Ditambahkan oleh Pemerintah Provinsi Kalimantan Barat pada");

    const dup = await app.post(path, { cluster: "opd", name: "dinas kesehatan provinsi kalimantan barat", code: "x-1" }, { cookie: cookies.kalbar });
    expect(dup.status).toBe(400);
    expect(dup.body).toContain('id="name-error" role="alert">Nama ini sudah dipakai.');
    expect(dup.body).toMatch(/<input[^>]*name="name"[^>]*value="dinas kesehatan provinsi kalimantan barat"/);
    expect(dup.body).toMatch(/<input[^>]*name="code"[^>]*value="x-1"/);
    expect(dup.body).toMatch(/<option value="opd" selected="">/);
  });
});
