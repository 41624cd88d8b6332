/**
 * The proposal import (dry run, all-or-nothing, idempotent) and the exports,
 * against a real database. The kept files of the preview go to a temporary
 * IMPORT_DIR.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import {
  confirmImport,
  exportEdition,
  getImportPage,
  importProposals,
  previewImport,
  type UploadedFile,
} from "~/services/imports.server";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildUser, buildWorld, type World } from "../support/factories";

const t = useTestDb();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sayembara-imports-"));
  process.env.IMPORT_DIR = dir;
});
afterAll(() => {
  delete process.env.IMPORT_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date("2026-11-24T03:00:00.000Z"); // 10:00 WIB
const HEADER = "external_id,agency_code,group,category,title,start_date,innovator,contact_email,summary,ide,proses_replikasi";

function file(text: string, name = "proposal-2025.csv"): UploadedFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

const VALID = [
  HEADER,
  'SIPP-001,KOTA-61.71,umum,transformasi_digital,"Antrean Daring ""Siap""",2021-03-15,Tim Dukcapil,Inovasi@Pontianak.go.id,Warga mengambil nomor antrean dari rumah.,"Antrean daring\nterhubung SMS.",',
  "SIPP-002,KOTA-61.72,replikasi,pelayanan_kesehatan,Posyandu Digital,2022-07-01,Dinas Kesehatan,dinkes@singkawang.go.id,Replikasi dari Kota Pontianak.,,Studi tiru lalu uji coba.",
].join("\r\n");

async function setup(db: DB) {
  const w = await buildWorld(db);
  await buildEdition(db, w.competitions.kipp, { now: NOW });
  await buildEdition(db, w.competitions.sivablik, { now: NOW, eligibleProvinceCode: "61" });
  return w;
}

async function counts(db: DB, competitionId: string) {
  const [p, c, a] = await Promise.all([
    db.selectFrom("proposals").select((eb) => eb.fn.countAll<number>().as("n")).where("competition_id", "=", competitionId).executeTakeFirstOrThrow(),
    db.selectFrom("competitions").select("number_counter").where("id", "=", competitionId).executeTakeFirstOrThrow(),
    db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("competition_id", "=", competitionId)
      .where("action", "=", "proposals.imported")
      .executeTakeFirstOrThrow(),
  ]);
  return { proposals: Number(p.n), counter: Number(c.number_counter), audits: Number(a.n) };
}

/** The body as text, keeping a BOM (Response.text() would drop it). */
async function text(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}

describe("previewImport (dry run)", () => {
  it("lists every bad row with its line and each reason, and writes nothing", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const csv = [
      HEADER,
      "A-1,KOTA-61.71,umum,transformasi_digital,Judul Satu,2021-01-01,Budi,budi@contoh.id,,,",
      "A-1,KOTA-61.71,umum,transformasi_digital,Judul Dua,2021-01-01,Budi,budi@contoh.id,,,",
      "A-3,KOTA-00.00,umum,sosial,,2021-13-01,,budi(at)contoh.id,,,isi",
      `A-4,KOTA-61.72,replikasi,pelayanan_kesehatan,Judul Empat,2021-01-01,,a@b.id,${"kata ".repeat(201).trim()},,`,
      'A-5,KOTA-61.72,"umum",transformasi_digital',
    ].join("\n");
    const { report, token } = await previewImport(t.db, admin, "kipp-2025", file(csv), NOW);
    expect(token).toBeNull();
    expect(report).toEqual({
      fileName: "proposal-2025.csv",
      totalRows: 5,
      newCount: 1,
      skippedCount: 0,
      fileErrors: [],
      rowErrors: [
        { line: 3, row: 3, externalId: "A-1", issues: [{ code: "external_id_duplicate", params: { id: "A-1", line: 2 } }] },
        {
          line: 4,
          row: 4,
          externalId: "A-3",
          issues: [
            { code: "agency_unknown", params: { code: "KOTA-00.00" } },
            { code: "category_unknown", params: { value: "sosial", known: "transformasi_digital, pelayanan_kesehatan" } },
            { code: "title_missing" },
            { code: "start_date_invalid", params: { value: "2021-13-01" } },
            { code: "email_invalid", params: { value: "budi(at)contoh.id" } },
            { code: "section_not_in_group", params: { section: "proses_replikasi", group: "umum" } },
          ],
        },
        { line: 5, row: 5, externalId: "A-4", issues: [{ code: "section_over_limit", params: { section: "ringkasan", limit: 200, words: 201 } }] },
        { line: 6, row: 6, externalId: "", issues: [{ code: "column_count", params: { expected: 11, found: 4 } }] },
      ],
      warnings: [],
      valid: false,
    });
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });
  });

  it("reports file-level problems: broken CSV with its line, missing and unknown columns, size, encoding", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const preview = async (f: UploadedFile) => (await previewImport(t.db, admin, "kipp-2025", f, NOW)).report.fileErrors;
    expect(await preview(file(`${HEADER}\nA-1,KOTA-61.71,umum,transformasi_digital,"Judul tanpa kutip tutup,2021-01-01,,a@b.id,,,\nA-2,x\n`))).toEqual([
      { code: "csv_unterminated_quote", line: 2 },
    ]);
    expect(await preview(file("external_id,title,catatan\nA-1,Judul,x\n"))).toEqual([
      { code: "missing_columns", line: 1, params: { columns: "agency_code, group, category, start_date, innovator, contact_email, summary" } },
      { code: "unknown_columns", line: 1, params: { columns: "catatan", known: "ringkasan, ide, signifikansi, proses_replikasi" } },
    ]);
    expect(await preview({ name: "besar.csv", bytes: new Uint8Array(10 * 1024 * 1024 + 1) })).toEqual([{ code: "file_too_large", params: { max: 10 } }]);
    expect(await preview({ name: "latin1.csv", bytes: new Uint8Array([0x61, 0x2c, 0xe9, 0x0a]) })).toEqual([{ code: "not_utf8" }]);
    expect(await preview(file(""))).toEqual([{ code: "file_empty" }]);
  });

  it("counts new and already-imported rows of a valid file and keeps it for the confirm step", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const { report, token } = await previewImport(t.db, admin, "kipp-2025", file(VALID), NOW);
    expect(report).toEqual({
      fileName: "proposal-2025.csv",
      totalRows: 2,
      newCount: 2,
      skippedCount: 0,
      fileErrors: [],
      rowErrors: [],
      warnings: [],
      valid: true,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Kept under the token's hash, never under the token itself.
    expect(readdirSync(dir).some((n) => n.includes(token!))).toBe(false);
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });
  });
});

describe("confirmImport", () => {
  it("imports every row in one go: numbered, submitted at the import time, with answers and one audit row", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const { token } = await previewImport(t.db, admin, "kipp-2025", file(VALID), NOW);
    const result = await confirmImport(t.db, admin, "kipp-2025", token!, NOW);
    expect(result).toEqual({ ok: true, created: 2, skipped: 0, firstNumber: "KIPP2025-000001", lastNumber: "KIPP2025-000002" });

    const rows = await t.db
      .selectFrom("proposals")
      .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
      .leftJoin("competition_categories as c", "c.id", "proposals.category_id")
      .select([
        "proposals.number",
        "proposals.external_id",
        "proposals.agency_id",
        "g.key as group_key",
        "c.key as category_key",
        "proposals.title",
        "proposals.title_key",
        "proposals.started_on",
        "proposals.innovator_names",
        "proposals.contact_email",
        "proposals.status",
        "proposals.submitted_at",
        "proposals.submitted_by",
        "proposals.receipt_number",
        "proposals.declaration",
        "proposals.created_by",
      ])
      .where("proposals.competition_id", "=", w.competitions.kipp)
      .orderBy("proposals.number")
      .execute();
    expect(rows).toEqual([
      {
        number: "KIPP2025-000001",
        external_id: "SIPP-001",
        agency_id: w.agencies.pontianak,
        group_key: "umum",
        category_key: "transformasi_digital",
        title: 'Antrean Daring "Siap"',
        title_key: "antrean daring siap",
        started_on: "2021-03-15",
        innovator_names: "Tim Dukcapil",
        contact_email: "inovasi@pontianak.go.id",
        status: "submitted",
        submitted_at: "2026-11-24T03:00:00.000Z",
        submitted_by: w.users.panrbAdmin,
        receipt_number: "KIPP2025-000001/20261124.1000",
        declaration: 0,
        created_by: w.users.panrbAdmin,
      },
      {
        number: "KIPP2025-000002",
        external_id: "SIPP-002",
        agency_id: w.agencies.singkawang,
        group_key: "replikasi",
        category_key: "pelayanan_kesehatan",
        title: "Posyandu Digital",
        title_key: "posyandu digital",
        started_on: "2022-07-01",
        innovator_names: "Dinas Kesehatan",
        contact_email: "dinkes@singkawang.go.id",
        status: "submitted",
        submitted_at: "2026-11-24T03:00:00.000Z",
        submitted_by: w.users.panrbAdmin,
        receipt_number: "KIPP2025-000002/20261124.1000",
        declaration: 0,
        created_by: w.users.panrbAdmin,
      },
    ]);
    const answers = await t.db
      .selectFrom("proposal_answers")
      .innerJoin("proposals", "proposals.id", "proposal_answers.proposal_id")
      .select(["proposals.number", "proposal_answers.section_key", "proposal_answers.body"])
      .orderBy("proposals.number")
      .orderBy("proposal_answers.section_key")
      .execute();
    expect(answers).toEqual([
      { number: "KIPP2025-000001", section_key: "ide", body: "Antrean daring\nterhubung SMS." },
      { number: "KIPP2025-000001", section_key: "ringkasan", body: "Warga mengambil nomor antrean dari rumah." },
      { number: "KIPP2025-000002", section_key: "proses_replikasi", body: "Studi tiru lalu uji coba." },
      { number: "KIPP2025-000002", section_key: "ringkasan", body: "Replikasi dari Kota Pontianak." },
    ]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "proposals.imported").execute();
    expect(audit.map((a) => [a.actor_user_id, a.entity_type, a.entity_id, a.organizer_id, a.competition_id, a.agency_id, a.before_json])).toEqual([
      [w.users.panrbAdmin, "competition", w.competitions.kipp, w.organizers.panrb, w.competitions.kipp, null, null],
    ]);
    expect(JSON.parse(audit[0].after_json!)).toEqual({
      file: "proposal-2025.csv",
      sha256: createHash("sha256").update(VALID).digest("hex"),
      rows: 2,
      created: 2,
      skipped: 0,
      firstNumber: "KIPP2025-000001",
      lastNumber: "KIPP2025-000002",
      proposals: [
        ["SIPP-001", "KIPP2025-000001"],
        ["SIPP-002", "KIPP2025-000002"],
      ],
    });
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 2, counter: 2, audits: 1 });
    // The kept file is gone once imported: the token does not work twice.
    expect(await confirmImport(t.db, admin, "kipp-2025", token!, NOW)).toEqual({ ok: false, reason: "expired" });
  });

  it("is idempotent: the same file again creates nothing; a grown file creates only the new rows", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    expect((await importProposals(t.db, admin, "kipp-2025", file(VALID), NOW)).ok).toBe(true);

    const again = await previewImport(t.db, admin, "kipp-2025", file(VALID), NOW);
    expect([again.report.newCount, again.report.skippedCount, again.report.valid, again.token]).toEqual([0, 2, true, null]);
    expect(await importProposals(t.db, admin, "kipp-2025", file(VALID), NOW)).toEqual({
      ok: true,
      created: 0,
      skipped: 2,
      firstNumber: null,
      lastNumber: null,
    });
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 2, counter: 2, audits: 1 });

    const grown = `${VALID}\r\nSIPP-003,PROV-61,umum,transformasi_digital,Satu Data Kalbar,2020-02-02,,data@kalbarprov.go.id,,,`;
    expect(await importProposals(t.db, admin, "kipp-2025", file(grown), NOW)).toEqual({
      ok: true,
      created: 1,
      skipped: 2,
      firstNumber: "KIPP2025-000003",
      lastNumber: "KIPP2025-000003",
    });
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 3, counter: 3, audits: 2 });
  });

  it("writes nothing at all when one row of many is bad, even if the file was valid at preview", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const bad = `${VALID}\r\nSIPP-003,KOTA-61.71,umum,transformasi_digital,Judul,2021-02-29,,a@b.id,,,`;
    const result = await importProposals(t.db, admin, "kipp-2025", file(bad), NOW);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason === "invalid" && result.report.rowErrors).toEqual([
      // Line 5: the first row's "ide" cell holds a line break; the spreadsheet calls it row 4.
      { line: 5, row: 4, externalId: "SIPP-003", issues: [{ code: "start_date_invalid", params: { value: "2021-02-29" } }] },
    ]);
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });

    // Valid at preview; the edition then stops admitting Singkawang's cluster before the confirm.
    const { token } = await previewImport(t.db, admin, "kipp-2025", file(VALID), NOW);
    await t.db.updateTable("competitions").set({ allowed_clusters: JSON.stringify(["kabupaten"]) }).where("id", "=", w.competitions.kipp).execute();
    const late = await confirmImport(t.db, admin, "kipp-2025", token!, NOW);
    expect(late.ok === false && late.reason === "invalid" && late.report.rowErrors.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([
      [2, ["agency_not_eligible"]],
      [4, ["agency_not_eligible"]],
    ]);
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });
  });

  it("checks eligibility of a provincial edition (only agencies of its province)", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.kalbarAdmin);
    const csv = `${HEADER}\nS-1,KOTA-61.71,umum,transformasi_digital,Judul,2021-01-01,,a@b.id,,,\nS-2,KOTA-31.71,umum,transformasi_digital,Judul Jakarta,2021-01-01,,a@b.id,,,\n`;
    const { report } = await previewImport(t.db, admin, "sivablik-2025", file(csv), NOW);
    expect(report.rowErrors).toEqual([
      { line: 3, row: 3, externalId: "S-2", issues: [{ code: "agency_not_eligible", params: { code: "KOTA-31.71" } }] },
    ]);
  });

  it("honours the kept file only for the user who previewed it, within the hour", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const colleague = await actorOf(
      t.db,
      await buildUser(t.db, { email: "sekretariat2@menpan.test", name: "Dewi", roles: [{ role: "organizer_admin", organizerId: w.organizers.panrb }] }),
    );
    const { token } = await previewImport(t.db, admin, "kipp-2025", file(VALID), NOW);
    expect(await confirmImport(t.db, colleague, "kipp-2025", token!, NOW)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmImport(t.db, admin, "kipp-2025", "not-a-token", NOW)).toEqual({ ok: false, reason: "expired" });
    const later = new Date(NOW.getTime() + 61 * 60 * 1000);
    expect(await confirmImport(t.db, admin, "kipp-2025", token!, later)).toEqual({ ok: false, reason: "expired" });
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });
  });
});

describe("permissions", () => {
  async function status(p: Promise<unknown>): Promise<number | "ok"> {
    try {
      await p;
      return "ok";
    } catch (e) {
      if (e instanceof Response) return e.status;
      throw e;
    }
  }

  it("lets the edition's organizer admins import and export", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    expect(await status(getImportPage(t.db, admin, "kipp-2025"))).toBe("ok");
    expect(await status(previewImport(t.db, admin, "kipp-2025", file(VALID), NOW))).toBe("ok");
    expect(await status(importProposals(t.db, admin, "kipp-2025", file(VALID), NOW))).toBe("ok");
    expect(await status(exportEdition(t.db, admin, "kipp-2025", "proposals", "csv", "id", NOW))).toBe("ok");
  });

  it("refuses everyone else with 403 and writes nothing, with another edition's data present", async () => {
    const w = await setup(t.db);
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    // Sivablik (kalbar's edition) has proposals that could leak.
    expect((await importProposals(t.db, kalbar, "sivablik-2025", file(VALID.replaceAll("SIPP-", "SIV-")), NOW)).ok).toBe(true);
    for (const who of ["kalbarAdmin", "adminLokal", "innovator", "evaluator", "platformAdmin", "nobody"] as const) {
      const actor = await actorOf(t.db, w.users[who]);
      expect([who, await status(getImportPage(t.db, actor, "kipp-2025"))]).toEqual([who, 403]);
      expect([who, await status(previewImport(t.db, actor, "kipp-2025", file(VALID), NOW))]).toEqual([who, 403]);
      expect([who, await status(importProposals(t.db, actor, "kipp-2025", file(VALID), NOW))]).toEqual([who, 403]);
      expect([who, await status(confirmImport(t.db, actor, "kipp-2025", "x".repeat(43), NOW))]).toEqual([who, 403]);
      expect([who, await status(exportEdition(t.db, actor, "kipp-2025", "proposals", "csv", "id", NOW))]).toEqual([who, 403]);
      expect([who, await status(exportEdition(t.db, actor, "kipp-2025", "screening", "xlsx", "id", NOW))]).toEqual([who, 403]);
    }
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    expect(await status(importProposals(t.db, panrb, "sivablik-2025", file(VALID), NOW))).toBe(403);
    expect(await status(exportEdition(t.db, panrb, "sivablik-2025", "proposals", "csv", "id", NOW))).toBe(403);
    expect(await status(exportEdition(t.db, panrb, "tidak-ada", "proposals", "csv", "id", NOW))).toBe(404);
    expect(await counts(t.db, w.competitions.kipp)).toEqual({ proposals: 0, counter: 0, audits: 0 });
  });
});

describe("exportEdition", () => {
  async function withProposals(db: DB, w: World) {
    const admin = await actorOf(db, w.users.panrbAdmin);
    expect((await importProposals(db, admin, "kipp-2025", file(VALID), NOW)).ok).toBe(true);
    // A draft of the same edition and a proposal of another edition: neither may appear.
    const edition = await db.selectFrom("competition_groups").select(["id", "competition_id"]).where("key", "=", "umum").execute();
    const umumOf = (c: string) => edition.find((g) => g.competition_id === c)!.id;
    await db
      .insertInto("proposals")
      .values([
        { id: "draft-1", competition_id: w.competitions.kipp, group_id: umumOf(w.competitions.kipp), agency_id: w.agencies.pontianak, number: "KIPP2025-000009", title: "Draf rahasia", status: "draft", created_at: NOW.toISOString(), updated_at: NOW.toISOString() },
        { id: "siv-1", competition_id: w.competitions.sivablik, group_id: umumOf(w.competitions.sivablik), agency_id: w.agencies.pontianak, number: "SIVABLIK2025-000001", title: "Proposal Sivablik", status: "submitted", submitted_at: NOW.toISOString(), created_at: NOW.toISOString(), updated_at: NOW.toISOString() },
      ])
      .execute();
    const first = await db.selectFrom("proposals").select("id").where("number", "=", "KIPP2025-000001").executeTakeFirstOrThrow();
    await db
      .insertInto("proposal_screenings")
      .values({
        proposal_id: first.id,
        result: "tidak_lolos",
        reasons_json: JSON.stringify(["too_young", "other"]),
        note: "Belum 2 tahun; lihat SK.",
        decided_by: w.users.panrbAdmin,
        decided_at: "2026-11-25T09:30:00.000Z",
      })
      .execute();
    return admin;
  }

  it("exports proposals as CSV with a BOM, stable column keys and one column per section", async () => {
    const w = await setup(t.db);
    const admin = await withProposals(t.db, w);
    const out = await exportEdition(t.db, admin, "kipp-2025", "proposals", "csv", "id", NOW);
    expect([out.filename, out.contentType]).toEqual(["kipp-2025-proposals.csv", "text/csv; charset=utf-8"]);
    expect(await text(out.body)).toBe(
      "\uFEFF" +
        "number,agency_code,agency_name,cluster,province,group,category,title,status,submitted_at_wib,submitted_at,start_date,contact_name,contact_email,contact_phone,ringkasan,ide,signifikansi,proses_replikasi\r\n" +
        'KIPP2025-000001,KOTA-61.71,Pemerintah Kota Pontianak,Kota,Kalimantan Barat,Kelompok Umum,Transformasi Digital,"Antrean Daring ""Siap""",Diajukan,24 November 2026 10.00 WIB,2026-11-24T03:00:00.000Z,2021-03-15,,inovasi@pontianak.go.id,,Warga mengambil nomor antrean dari rumah.,"Antrean daring\nterhubung SMS.",,\r\n' +
        "KIPP2025-000002,KOTA-61.72,Pemerintah Kota Singkawang,Kota,Kalimantan Barat,Kelompok Replikasi,Pelayanan Kesehatan,Posyandu Digital,Diajukan,24 November 2026 10.00 WIB,2026-11-24T03:00:00.000Z,2022-07-01,,dinkes@singkawang.go.id,,Replikasi dari Kota Pontianak.,,,Studi tiru lalu uji coba.\r\n",
    );
  });

  it("exports screening results in the reader's language, undecided proposals with an empty result", async () => {
    const w = await setup(t.db);
    const admin = await withProposals(t.db, w);
    const out = await exportEdition(t.db, admin, "kipp-2025", "screening", "csv", "en", NOW);
    const lines = (await text(out.body)).split("\r\n");
    expect(lines[0]).toBe("\uFEFFnumber,agency_code,agency_name,group,category,title,result,reasons,note,decided_at_wib,decided_at");
    expect(lines.slice(2)).toEqual([
      "KIPP2025-000002,KOTA-61.72,Pemerintah Kota Singkawang,Replication group,Health Services,Posyandu Digital,,,,,",
      "",
    ]);
    expect(lines[1]).toBe(
      'KIPP2025-000001,KOTA-61.71,Pemerintah Kota Pontianak,General group,Digital Transformation,"Antrean Daring ""Siap""",Not passed,Innovation younger than required; Other,Belum 2 tahun; lihat SK.,25 November 2026 16:30 WIB,2026-11-25T09:30:00.000Z',
    );
  });

  it("pages through editions larger than one page, in number order", async () => {
    const w = await setup(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const rows = Array.from({ length: 600 }, (_, i) => `X-${i},KOTA-61.71,umum,transformasi_digital,Judul ${i},2021-01-01,,a@b.id,,,`);
    expect(await importProposals(t.db, admin, "kipp-2025", file([HEADER, ...rows].join("\n")), NOW)).toMatchObject({ ok: true, created: 600 });
    const out = await exportEdition(t.db, admin, "kipp-2025", "proposals", "csv", "id", NOW);
    const numbers = (await text(out.body))
      .split("\r\n")
      .slice(1, -1)
      .map((l) => l.split(",")[0]);
    expect(numbers).toEqual(Array.from({ length: 600 }, (_, i) => `KIPP2025-${String(i + 1).padStart(6, "0")}`));
  });

  it("exports XLSX as a zip with the worksheet", async () => {
    const w = await setup(t.db);
    const admin = await withProposals(t.db, w);
    const out = await exportEdition(t.db, admin, "kipp-2025", "proposals", "xlsx", "id", NOW);
    expect([out.filename, out.contentType]).toEqual(["kipp-2025-proposals.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
    const bytes = new Uint8Array(await new Response(out.body).arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
  });
});
