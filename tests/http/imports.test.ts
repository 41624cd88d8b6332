/**
 * Import and export over real HTTP against the built server (needs
 * `npx remix build` first): the upload → preview → confirm flow with plain
 * forms, and the CSV / XLSX downloads. The tests of this file share one
 * database (see tests/support/http.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProposals } from "~/services/imports.server";
import { buildEdition } from "../support/edition";
import { actorOf, buildWorld, PASSWORD, type World } from "../support/factories";
import { startHttpApp, type HttpApp } from "../support/http";

let app: HttpApp;
let w: World;
let dir: string;
const cookies: Record<string, string> = {};
const NOW = new Date("2026-11-24T03:00:00.000Z");

const HEADER = "external_id,agency_code,group,category,title,start_date,innovator,contact_email,summary,ide,proses_replikasi";
const SEEDED = [
  HEADER,
  'SIPP-001,KOTA-61.71,umum,transformasi_digital,"Antrean Daring ""Siap""",2021-03-15,Tim Dukcapil,inovasi@pontianak.go.id,Warga mengambil nomor antrean dari rumah.,"Antrean daring, terhubung SMS.",',
  "SIPP-002,KOTA-61.72,replikasi,pelayanan_kesehatan,\"=HYPERLINK(\"\"http://x\"\")\",2022-07-01,Dinas Kesehatan,dinkes@singkawang.go.id,Replikasi.,,Studi tiru.",
].join("\r\n");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sayembara-http-imports-"));
  process.env.IMPORT_DIR = dir;
  app = await startHttpApp();
  w = await buildWorld(app.db);
  await buildEdition(app.db, w.competitions.kipp, { now: NOW });
  await buildEdition(app.db, w.competitions.sivablik, { now: NOW, eligibleProvinceCode: "61" });
  const admin = await actorOf(app.db, w.users.panrbAdmin);
  const seeded = await importProposals(app.db, admin, "kipp-2025", { name: "seed.csv", bytes: new TextEncoder().encode(SEEDED) }, NOW);
  if (!seeded.ok) throw new Error(`seed import failed: ${JSON.stringify(seeded)}`);
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
  delete process.env.IMPORT_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** POST a multipart form the way a browser does (same-site Origin). */
async function upload(p: string, cookie: string, csv: string, name = "proposal.csv") {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", new File([csv], name, { type: "text/csv" }));
  const res = await fetch(new URL(p, app.origin), { method: "POST", body: form, headers: { Cookie: cookie, Origin: app.origin }, redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

/** Bitwise CRC-32 (independent of the table version in the app). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Every entry of a ZIP archive by name, read through its central directory, CRC and sizes checked. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBe(buf.length - 22);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    const raw = method === 8 ? inflateRawSync(data) : data;
    expect([name, raw.length, crc32(raw)]).toEqual([name, size, crc]);
    entries.set(name, raw.toString("utf8"));
    p += 46 + nameLength + skip;
  }
  return entries;
}

const PROPOSALS_HEADER =
  "number,agency_code,agency_name,cluster,province,group,category,title,status,submitted_at_wib,submitted_at,start_date,contact_name,contact_email,contact_phone,ringkasan,ide,signifikansi,proses_replikasi";

describe("export downloads", () => {
  it("sends the proposals as CSV: UTF-8 with a BOM, an attachment named after the edition", async () => {
    const res = await fetch(new URL("/competitions/kipp-2025/export/proposals.csv", app.origin), { headers: { Cookie: cookies.panrb } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="kipp-2025-proposals.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8").decode(bytes).split("\r\n");
    expect(lines[0]).toBe(PROPOSALS_HEADER);
    expect(lines[1]).toBe(
      'KIPP2025-000001,KOTA-61.71,Pemerintah Kota Pontianak,Kota,Kalimantan Barat,Kelompok Umum,Transformasi Digital,"Antrean Daring ""Siap""",Diajukan,24 November 2026 10.00 WIB,2026-11-24T03:00:00.000Z,2021-03-15,,inovasi@pontianak.go.id,,Warga mengambil nomor antrean dari rumah.,"Antrean daring, terhubung SMS.",,',
    );
    // A title that looks like a formula is neutralised in the CSV.
    expect(lines[2]).toBe(
      `KIPP2025-000002,KOTA-61.72,Pemerintah Kota Singkawang,Kota,Kalimantan Barat,Kelompok Replikasi,Pelayanan Kesehatan,"'=HYPERLINK(""http://x"")",Diajukan,24 November 2026 10.00 WIB,2026-11-24T03:00:00.000Z,2022-07-01,,dinkes@singkawang.go.id,,Replikasi.,,,Studi tiru.`,
    );
    expect(lines.slice(3)).toEqual([""]);
  });

  it("sends the proposals as XLSX: a valid zip with the worksheet, text cells only", async () => {
    const res = await fetch(new URL("/competitions/kipp-2025/export/proposals.xlsx", app.origin), { headers: { Cookie: cookies.panrb } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="kipp-2025-proposals.xlsx"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    const entries = unzip(bytes);
    expect([...entries.keys()]).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = entries.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).toContain('<row r="1"><c r="A1" t="inlineStr" s="1"><is><t>number</t></is></c><c r="B1" t="inlineStr" s="1"><is><t>agency_code</t></is></c>');
    expect(sheet).toContain('<c r="H2" t="inlineStr"><is><t>Antrean Daring &quot;Siap&quot;</t></is></c>');
    // In XLSX the formula-looking title stays plain text, unchanged.
    expect(sheet).toContain('<c r="H3" t="inlineStr"><is><t>=HYPERLINK(&quot;http://x&quot;)</t></is></c>');
    expect(sheet).not.toContain("<f>");
    expect(entries.get("xl/workbook.xml")).toContain('<sheet name="Proposal" sheetId="1" r:id="rId1"/>');
  });

  it("sends the screening results as CSV and XLSX", async () => {
    const csv = await fetch(new URL("/competitions/kipp-2025/export/screening.csv", app.origin), { headers: { Cookie: cookies.panrb } });
    expect([csv.status, csv.headers.get("content-disposition")]).toEqual([200, 'attachment; filename="kipp-2025-screening.csv"']);
    expect((await csv.text()).split("\r\n")[0]).toBe("number,agency_code,agency_name,group,category,title,result,reasons,note,decided_at_wib,decided_at");
    const xlsx = await fetch(new URL("/competitions/kipp-2025/export/screening.xlsx", app.origin), { headers: { Cookie: cookies.panrb } });
    expect(xlsx.status).toBe(200);
    expect(unzip(new Uint8Array(await xlsx.arrayBuffer())).get("xl/workbook.xml")).toContain('<sheet name="Seleksi administrasi"');
  });

  it("is 403 for another organizer's admin and for an Admin Lokal, 404 for an unknown file, login for a visitor", async () => {
    for (const who of ["kalbar", "adminLokal"] as const) {
      for (const f of ["proposals.csv", "proposals.xlsx", "screening.csv", "screening.xlsx"]) {
        const res = await app.get(`/competitions/kipp-2025/export/${f}`, { cookie: cookies[who] });
        expect([who, f, res.status, res.body]).toEqual([who, f, 403, expect.not.stringContaining("Antrean")]);
      }
    }
    expect((await app.get("/competitions/kipp-2025/export/proposals.pdf", { cookie: cookies.panrb })).status).toBe(404);
    expect((await app.get("/competitions/kipp-2025/export/drafts.csv", { cookie: cookies.panrb })).status).toBe(404);
    const visitor = await app.get("/competitions/kipp-2025/export/proposals.csv");
    expect([visitor.status, visitor.location]).toEqual([302, "/login?redirectTo=%2Fcompetitions%2Fkipp-2025%2Fexport%2Fproposals.csv"]);
  });
});

describe("import page", () => {
  it("shows the upload form and the columns of each group", async () => {
    const res = await app.get("/competitions/kipp-2025/import", { cookie: cookies.panrb });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Impor proposal: KIPP 2025 · Sayembara</title>");
    expect(res.body).toContain("<h1>Impor proposal</h1>");
    const uploadForm = /<form[^>]*enctype="multipart\/form-data"[^>]*>/i.exec(res.body)?.[0] ?? "";
    expect(uploadForm).toContain('method="post"');
    expect(res.body).toContain('<label for="file">Berkas CSV</label>');
    expect(res.body).toContain("<code>proses_replikasi</code>");
    expect(res.body).toContain('href="/competitions/kipp-2025/export/proposals.xlsx"');
  });

  it("lists every bad row with its line and reasons, and offers no import", async () => {
    const csv = [HEADER, "B-1,KOTA-61.71,umum,transformasi_digital,Judul,2021-01-01,,a@b.id,,,", "B-2,KOTA-00.00,umum,transformasi_digital,,2021-01-01,,a@b.id,,,", "B-3,x"].join("\n");
    const res = await upload("/competitions/kipp-2025/import", cookies.panrb, csv);
    expect(res.status).toBe(400);
    expect(res.body).toContain("Berkas belum dapat diimpor.");
    const rows = [...(/<h3 id="row-errors-heading">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(res.body)?.[1] ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<(?:th|td|li)[^>]*>([^<]*)</g)].map((c) => c[1].replaceAll("&quot;", '"').trim()).filter(Boolean),
    );
    expect(rows).toEqual([
      ["3", "B-2", "Kode instansi KOTA-00.00 tidak ada di registri.", "title kosong."],
      ["4", "Jumlah kolom 2, seharusnya 11. Periksa koma atau tanda kutip di baris ini."],
    ]);
    expect(res.body).not.toContain('name="token"');
  });

  it("refuses a file over 10 MB with a clear message, and asks for a file when none is chosen", async () => {
    // Far over: refused before the body is read.
    const big = await upload("/competitions/kipp-2025/import", cookies.panrb, `${HEADER}\n${"x".repeat(11 * 1024 * 1024)}`, "besar.csv");
    expect(big.status).toBe(413);
    expect(big.body).toContain("Berkas lebih dari 10 MB. Bagi menjadi beberapa berkas.");
    // Just over: read, then refused by the check of the file.
    const just = await upload("/competitions/kipp-2025/import", cookies.panrb, `${HEADER}\n${"x".repeat(10 * 1024 * 1024)}`, "pas.csv");
    expect(just.status).toBe(400);
    expect(just.body).toContain("Berkas lebih dari 10 MB. Bagi menjadi beberapa berkas.");
    const none = await upload("/competitions/kipp-2025/import", cookies.panrb, "", "");
    expect(none.status).toBe(400);
    expect(none.body).toContain("Pilih berkas CSV.");
  });

  it("reports broken CSV with the line", async () => {
    const res = await upload("/competitions/kipp-2025/import", cookies.panrb, `${HEADER}\nC-1,KOTA-61.71,umum,transformasi_digital,"Judul,2021-01-01,,a@b.id,,,\n`);
    expect(res.status).toBe(400);
    expect(res.body).toContain("Baris 2: tanda kutip (&quot;) dibuka tetapi tidak pernah ditutup.");
  });

  it("previews a valid file, imports it on confirm, and skips it the second time", async () => {
    const csv = [HEADER, "D-1,KOTA-61.71,umum,transformasi_digital,Pasar Digital,2021-01-01,,pasar@pontianak.go.id,,,"].join("\n");
    const preview = await upload("/competitions/kipp-2025/import", cookies.panrb, csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("Berkas benar.");
    const token = /name="token" value="([^"]+)"/.exec(preview.body)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Nothing is written by the preview.
    expect(await app.db.selectFrom("proposals").select("id").where("external_id", "=", "D-1").execute()).toEqual([]);

    const confirmed = await app.post("/competitions/kipp-2025/import", { intent: "confirm", token: token! }, { cookie: cookies.panrb });
    expect([confirmed.status, confirmed.location]).toEqual([
      302,
      "/competitions/kipp-2025/import?created=1&skipped=0&first=KIPP2025-000003&last=KIPP2025-000003",
    ]);
    const page = await app.get(confirmed.location!, { cookie: cookies.panrb });
    expect(page.body).toContain("1 proposal diimpor (KIPP2025-000003 sampai KIPP2025-000003). 0 baris dilewati karena sudah pernah diimpor.");
    const stored = await app.db.selectFrom("proposals").select(["number", "status"]).where("external_id", "=", "D-1").execute();
    expect(stored).toEqual([{ number: "KIPP2025-000003", status: "submitted" }]);

    const again = await upload("/competitions/kipp-2025/import", cookies.panrb, csv);
    expect(again.status).toBe(200);
    expect(again.body).toContain("Semua baris sudah pernah diimpor; tidak ada yang perlu disimpan.");
    expect(again.body).not.toContain('name="token"');
    // The used token does not work again.
    const replay = await app.post("/competitions/kipp-2025/import", { intent: "confirm", token: token! }, { cookie: cookies.panrb });
    expect(replay.status).toBe(409);
    expect(replay.body).toContain("Berkas yang diperiksa sudah kedaluwarsa atau tidak ditemukan.");
  });

  it("is 403 for another organizer's admin, on the page and on upload", async () => {
    expect((await app.get("/competitions/kipp-2025/import", { cookie: cookies.kalbar })).status).toBe(403);
    const res = await upload("/competitions/kipp-2025/import", cookies.kalbar, SEEDED.replaceAll("SIPP-", "Z-"));
    expect(res.status).toBe(403);
    expect(await app.db.selectFrom("proposals").select("id").where("external_id", "like", "Z-%").execute()).toEqual([]);
  });
});
