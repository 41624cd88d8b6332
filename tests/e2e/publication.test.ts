/**
 * The publication journey of issue 6 in a real browser, on the demo data
 * (KIPP 2025: the desk round "Penilaian Proposal" open, evaluator1's sheets
 * missing; organizer sekretariat@menpan.test; Admin Lokal of Kota Pontianak
 * adminlokal@pontianak.test, agency ag-kota-61.71, proposal KIPP2025-000027):
 *
 *   1. the organizer closes the desk round (a reason is required: sheets are
 *      missing); in the plenary, when the rule advances KIPP2025-000027, it is
 *      stopped by an override with a reason (so the objection below is about a
 *      proposal left out, whatever the demo's scores); decides it (the tick);
 *   2. "Pengumuman": a finalists draft from that round, published now with an
 *      objection window of 5 days: number B/1/PP.00.05/2025; the public page
 *      /announcements/:id lists exactly the decided list (from the stored
 *      decision, in rank order) and the window's end (23:59 WIB of the 5th
 *      day after publication);
 *   3. the Admin Lokal sees the notification on the dashboard, opens
 *      "Keberatan", submits with too-short reasons (refused at the field, the
 *      typed text and the chosen proposal kept), then files an objection about
 *      its own proposal with reasons and a small PDF;
 *   4. the organizer answers it: ACCEPT with outcome "include" (an answer
 *      without text is refused at its field first); the decision entry becomes
 *      override_advance, a correction draft appears; the correction is
 *      published (B/2/…) and the public pages show both announcements, the old
 *      one marked as superseded and the proposal in the new list. The Admin
 *      Lokal then sees the answer (dashboard and objections page);
 *   5. "Penghargaan": the KIPP preset, the rule (winners as computed here from
 *      the stored decision), a winners announcement published; the public
 *      /editions/kipp-2025/winners shows the winners by tier and the cluster
 *      breakdown table with exact counts;
 *   6. "Piagam penghargaan": the signatory, certificates issued; an anonymous
 *      visitor types one code in lower case without dashes on /verify and sees
 *      the valid certificate; an unknown code is a 404 "tidak ditemukan";
 *   7. the catalogue: a word of one winner's title (found in no other visible
 *      innovation) gives exactly that innovation; filtered by year 2025; its
 *      page shows the award.
 *
 * The database is only READ here (better-sqlite3, read-only) to know the
 * expected values; every change goes through the browser. The steps run in
 * order and share what they learn through module state.
 * Screenshots: tmp/e2e/publication-*.png.
 */
import Database from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatWib } from "../../app/domain/time";
import { login, screenshot, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "publication" });

const SLUG = "kipp-2025";
const EDITION = "KIPP 2025";
const ORGANIZER = "sekretariat@menpan.test";
const ADMIN_LOKAL = "adminlokal@pontianak.test";
const AGENCY_ID = "ag-kota-61.71";
const AGENCY_NAME = "Pemerintah Kota Pontianak";
const ROUND = "Penilaian Proposal";
const FINALISTS_TITLE = `Pengumuman Hasil ${ROUND} ${EDITION}`;
const WINNERS_TITLE = `Pengumuman Pemenang ${EDITION}`;
const CLOSE_REASON = "Batas waktu penilaian berakhir; evaluator1 belum menyelesaikan semua lembar nilai.";
const SHORT_REASONS = "Nilai kami kurang tepat.";
const REASONS =
  "Proposal SIPEKA kami telah berjalan dua tahun dan menurunkan angka kunjungan antenatal yang terlewat sebesar 40%. " +
  "Data capaian pada lampiran menunjukkan dampak yang belum tercermin dalam penilaian.";
const STOP_REASON = "Sidang pleno menilai data dampak belum diverifikasi; proposal dihentikan sampai ada bukti.";
const ANSWER_ACCEPT = "Setelah memeriksa bukti capaian, sidang pleno memutuskan proposal ini lanjut ke tahap berikutnya.";
const SIGNATORY = "Abdullah Azwar Anas";
const SIGNATORY_TITLE = "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia";
const PLACE = "Jakarta";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
const PDF_NAME = "bukti-capaian-sipeka.pdf";
const NUMBER_RE = /^B\/(\d+)\/PP\.00\.05\/2025$/;

// ------------------------------------------------------------------ reading the database

const read = <T>(fn: (db: Database.Database) => T): T => app.read(fn);

function competition(): { id: string; counter: number } {
  return read(
    (db) => db.prepare("select id, announcement_counter as counter from competitions where slug = ?").get(SLUG) as { id: string; counter: number },
  );
}

function round(): { id: string; status: string; close_reason: string | null } {
  return read(
    (db) =>
      db.prepare("select id, status, close_reason from rounds where competition_id = ? and position = 1").get(competition().id) as {
        id: string;
        status: string;
        close_reason: string | null;
      },
  );
}

interface DecidedRow {
  proposalId: string;
  number: string;
  title: string;
  agencyName: string;
  rank: number;
  decision: string;
  groupKey: string;
  cluster: string;
}

/** The stored decision of round 1, in rank order. */
function decision(): DecidedRow[] {
  return read(
    (db) =>
      db
        .prepare(
          `select e.proposal_id as proposalId, p.number, p.title, a.name as agencyName, e.rank, e.decision,
                  coalesce(g.key, '') as groupKey, a.cluster
             from round_decision_entries e
             join proposals p on p.id = e.proposal_id
             join agencies a on a.id = p.agency_id
             left join competition_groups g on g.id = p.group_id
            where e.round_id = ? order by e.rank, p.number`,
        )
        .all(round().id) as DecidedRow[],
  );
}

const advances = (d: string) => d === "advance" || d === "override_advance";

interface AnnouncementRow {
  id: string;
  kind: string;
  status: string;
  number: string | null;
  title: string;
  published_at: string | null;
  objection_days: number | null;
  objection_ends_at: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: string | null;
}

function announcement(id: string): AnnouncementRow {
  return read((db) => db.prepare("select * from announcements where id = ?").get(id) as AnnouncementRow);
}

function announcements(): AnnouncementRow[] {
  return read((db) => db.prepare("select * from announcements where competition_id = ? order by created_at, id").all(competition().id) as AnnouncementRow[]);
}

function pontianakProposal(): { id: string; number: string; title: string } {
  return read(
    (db) =>
      db
        .prepare("select id, number, title from proposals where agency_id = ? and competition_id = ? and status = 'submitted'")
        .get(AGENCY_ID, competition().id) as { id: string; number: string; title: string },
  );
}

/** 23:59 WIB (16:59 UTC) of the N-th calendar day after the WIB day of `publishedAt`. */
function windowEnd(publishedAt: string, days: number): string {
  const wibDay = new Date(Date.parse(publishedAt) + 7 * 3600_000).toISOString().slice(0, 10);
  const d = new Date(`${wibDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T16:59:00.000Z`;
}

// ------------------------------------------------------------------ page helpers

/** Exactly one h1 on the page, with this text. */
async function oneHeading(page: Page, name: string): Promise<void> {
  await see(page.getByRole("heading", { level: 1, name, exact: true }));
  expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
}

/** The body rows of a table as arrays of cell texts (whitespace collapsed). */
function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").trim())));
}

/** An announced list on a public page (EntriesTable): No. | Judul | Instansi | Wilayah | Kategori | [Penghargaan] | Nomor. */
async function publicEntries(table: Locator): Promise<{ position: string; title: string; agency: string; number: string }[]> {
  return (await rowsOf(table)).map((cells) => ({ position: cells[0], title: cells[1], agency: cells[2], number: cells[cells.length - 1] }));
}

const pct = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const BUCKETS: [string, string][] = [
  ["kementerian", "Kementerian"],
  ["lembaga", "Lembaga"],
  ["provinsi", "Provinsi"],
  ["kabupaten", "Kabupaten"],
  ["kota", "Kota"],
  ["bumn_bumd", "BUMN/BUMD"],
  ["opd", "Perangkat Daerah (OPD)"],
];
const bucketOf = (cluster: string) =>
  ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"].includes(cluster) ? cluster : cluster === "bumn" || cluster === "bumd" ? "bumn_bumd" : "opd";

// ------------------------------------------------------------------ the journey

const journey = {
  roundId: "",
  finalistsId: "",
  finalistsNumber: "",
  objectionId: "",
  correctionId: "",
  correctionNumber: "",
  winnersId: "",
  winnersNumber: "",
  /** Winners in announcement order: tier name and proposal. */
  winners: [] as { tier: string; number: string; title: string; agencyName: string; cluster: string }[],
  certificate: { code: "", number: "", title: "", agency: "", tier: "", issuedOn: "" },
};

describe("publication: finalists announced, an objection filed and answered, winners, certificates, the public site", () => {
  it("1. the organizer closes the desk round with a reason and decides it", async () => {
    const { page } = app;
    const r = round();
    journey.roundId = r.id;
    expect(r.status).toBe("open");

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/rounds/${r.id}`);
    await oneHeading(page, ROUND);
    const state = page.getByRole("region", { name: "Status tahap", exact: true });
    await see(state.getByText(/lembar nilai yang ditugaskan belum dikirim\. Menutup tahap memerlukan alasan\.$/));
    await state.getByLabel("Alasan menutup dengan nilai yang belum lengkap", { exact: true }).fill(CLOSE_REASON);
    await state.getByRole("button", { name: "Tutup tahap", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("state") === "closed");
    await see(page.getByText("Tahap ditutup; nilai terkunci. Juri sudah diberi tahu.", { exact: true }));
    expect(round()).toMatchObject({ status: "closed", close_reason: CLOSE_REASON });

    await page.goto(`/competitions/${SLUG}/rounds/${r.id}/results`);
    await oneHeading(page, `Sidang pleno: ${ROUND}`);
    // The plenary stops Pontianak's proposal when the rule advances it, so that its objection is about a proposal left out.
    const mine = pontianakProposal();
    expect(mine.number).toBe("KIPP2025-000027");
    const mineRow = page.getByRole("region", { name: "Tabel hasil", exact: true }).locator("tbody tr").filter({ hasText: mine.number });
    await see(mineRow);
    if ((await mineRow.innerText()).includes("Lanjut")) {
      const overrides = page.getByRole("region", { name: "Pengecualian sidang", exact: true });
      await overrides.getByLabel("Nomor proposal", { exact: true }).fill(mine.number);
      await overrides.getByLabel("Keputusan sidang", { exact: true }).selectOption({ label: "Hentikan" });
      await overrides.getByLabel("Alasan", { exact: true }).fill(STOP_REASON);
      await overrides.getByRole("button", { name: "Simpan pengecualian", exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get("notice") === "overrideSet");
      await see(page.getByText("Pengecualian disimpan.", { exact: true }));
    }
    const decide = page.getByRole("region", { name: "Putuskan", exact: true });
    await decide.getByRole("checkbox", { name: /^Saya telah meninjau hasil/ }).check();
    await decide.getByRole("button", { name: "Tetapkan keputusan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "decided");
    expect(round().status).toBe("decided");
    const decided = decision();
    expect(decided.length).toBe(37);
    const advancing = decided.filter((d) => advances(d.decision));
    expect(advancing.length).toBeGreaterThan(0);
    await see(
      page.getByText(
        `Putaran diputuskan: ${advancing.length} lanjut, 0 ditambahkan ke putaran berikutnya. Terbitkan pengumuman untuk memberi tahu instansi.`,
        { exact: true },
      ),
    );
    const own = decided.find((d) => d.number === mine.number)!;
    expect(own).toBeDefined();
    expect(advances(own.decision)).toBe(false);
  });

  it("2a. the organizer drafts the finalists announcement from the decision and publishes it with a 5-day objection window", async () => {
    const { page } = app;
    const advancing = decision().filter((d) => advances(d.decision));
    const before = competition().counter;
    expect(before).toBe(0);
    expect(announcements()).toEqual([]);

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}`);
    await page.getByRole("link", { name: "Pengumuman", exact: true }).first().click();
    await page.waitForURL((u) => u.pathname === `/competitions/${SLUG}/announcements`);
    await oneHeading(page, "Pengumuman");
    await see(page.getByText("Belum ada pengumuman. Buat draf dari sebuah keputusan di bawah.", { exact: true }));
    await see(page.getByText("Nomor berikutnya: B/1/PP.00.05/2025", { exact: true }));

    const create = page.getByRole("region", { name: "Buat draf dari keputusan", exact: true });
    await create.getByLabel("Keputusan", { exact: true }).selectOption({ label: "Finalis putaran" });
    await create.getByLabel("Putaran (untuk finalis)", { exact: true }).selectOption({ label: ROUND });
    await create.getByRole("button", { name: "Buat draf", exact: true }).click();
    await page.waitForURL((u) => /^\/competitions\/kipp-2025\/announcements\/[^/]+$/.test(u.pathname) && u.searchParams.get("notice") === "created");
    journey.finalistsId = page.url().split("/announcements/")[1].split("?")[0];
    await oneHeading(page, FINALISTS_TITLE);
    await see(page.getByText("Draf dibuat dari keputusan.", { exact: true }));
    expect(announcement(journey.finalistsId)).toMatchObject({ kind: "finalists", status: "draft", number: null });

    // The generated list: exactly the advancing proposals, by rank.
    const entries = page.getByRole("region", { name: `Daftar (${advancing.length})`, exact: true });
    const draftRows = await rowsOf(entries.getByRole("table"));
    expect(draftRows.map((c) => [c[0], c[1], c[2], c[3], c[5]])).toEqual(
      advancing.map((d, i) => [String(i + 1), d.number, d.title, d.agencyName, String(d.rank)]),
    );

    // Publish now, with a window of 5 days.
    const publish = page.getByRole("region", { name: "Terbitkan", exact: true });
    expect(await publish.getByRole("radio", { name: "Terbitkan sekarang" }).isChecked()).toBe(true);
    await publish.getByRole("checkbox", { name: "Buka masa sanggah setelah terbit", exact: true }).check();
    await publish.getByLabel("Lama masa sanggah (hari)", { exact: true }).fill("5");
    await publish.getByRole("button", { name: "Terbitkan atau jadwalkan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "published");

    const a = announcement(journey.finalistsId);
    expect(a.status).toBe("published");
    expect(a.number).toMatch(NUMBER_RE);
    expect(a.number).toBe(`B/${before + 1}/PP.00.05/2025`);
    expect(competition().counter).toBe(before + 1);
    expect(a.objection_days).toBe(5);
    expect(a.objection_ends_at).toBe(windowEnd(a.published_at!, 5));
    journey.finalistsNumber = a.number!;
    await see(page.getByText(`Pengumuman ${a.number} terbit; instansi terkait diberi tahu.`, { exact: true }));
    await see(page.getByText(`Terbit ${formatWib(a.published_at, "id")}.`, { exact: true }));
    await see(page.getByText(`Dibuka sampai ${formatWib(a.objection_ends_at, "id")}`, { exact: true }));
    expect(await page.getByRole("region", { name: "Terbitkan", exact: true }).count()).toBe(0);
    await screenshot(page, "publication-finalists-published");
  });

  it("2b. anyone reads the published finalists list exactly as decided, with the window's end in WIB", async () => {
    const { page } = app;
    const a = announcement(journey.finalistsId);
    const advancing = decision().filter((d) => advances(d.decision));

    await page.goto(`/announcements/${a.id}`);
    await oneHeading(page, FINALISTS_TITLE);
    await see(page.getByText(`Nomor: ${a.number} · ${formatWib(a.published_at, "id")}`, { exact: true }));
    // 23:59 WIB, five calendar days after the day of publication.
    const ends = formatWib(a.objection_ends_at, "id");
    expect(ends).toMatch(/ 23\.59 WIB$/);
    await see(page.getByText(`Masa sanggah sampai ${ends}.`, { exact: true }));
    const list = page.getByRole("table", { name: `Daftar ${FINALISTS_TITLE}`, exact: true });
    const rows = await publicEntries(list);
    expect(rows.map((r) => [r.position, r.number, r.title])).toEqual(advancing.map((d, i) => [String(i + 1), d.number, d.title]));
    rows.forEach((r, i) => expect(r.agency.startsWith(advancing[i].agencyName)).toBe(true));
    expect(await page.getByText("Diganti", { exact: true }).count()).toBe(0);
    await screenshot(page, "publication-public-finalists");
  });

  it("3a. the Admin Lokal of an agency entered in the round sees the notification on the dashboard", async () => {
    const { page } = app;
    const a = announcement(journey.finalistsId);
    // Pontianak's proposal was entered in the round (it is in the decision), whatever its outcome.
    expect(decision().some((d) => d.number === pontianakProposal().number)).toBe(true);
    // Stored: one notification for each person of the agency, linking to the public page.
    const stored = read(
      (db) =>
        db
          .prepare("select u.email from notifications n join users u on u.id = n.user_id where n.agency_id = ? and n.link = ? order by u.email")
          .all(AGENCY_ID, `/announcements/${a.id}`) as { email: string }[],
    );
    expect(stored.map((x) => x.email)).toContain(ADMIN_LOKAL);
    await login(page, ADMIN_LOKAL);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await oneHeading(page, "Dasbor");
    const note = page
      .locator("ul.notifications > li")
      .filter({ hasText: `${EDITION}: Pengumuman ${a.number} "${FINALISTS_TITLE}" telah terbit.` });
    await see(note);
    expect(await note.count()).toBe(1);
    await note.getByRole("button", { name: "Buka", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/announcements/${a.id}`);
    await oneHeading(page, FINALISTS_TITLE);
  });

  it("3b. the Admin Lokal files an objection with evidence (too-short reasons refused first)", async () => {
    const { page } = app;
    const mine = pontianakProposal();
    const a = announcement(journey.finalistsId);
    const base = `/agency/${AGENCY_ID}/objections`;

    await login(page, ADMIN_LOKAL);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(base);
    await oneHeading(page, "Keberatan (masa sanggah)");
    const windows = page.getByRole("region", { name: "Pengumuman dalam masa sanggah", exact: true });
    const wrow = windows.getByRole("row").filter({ hasText: a.number! });
    expect(await wrow.count()).toBe(1);
    await see(wrow.getByText(formatWib(a.objection_ends_at, "id"), { exact: true }));
    await see(page.getByText("Instansi ini belum mengajukan keberatan.", { exact: true }));
    await wrow.getByRole("link", { name: `Ajukan keberatan atas pengumuman ${a.number}`, exact: true }).click();
    await page.waitForURL((u) => u.pathname === base && u.searchParams.get("announcement") === a.id);

    const form = page.getByRole("region", { name: `Ajukan keberatan atas pengumuman ${a.number}`, exact: true });
    await see(form);
    const proposal = form.getByLabel("Proposal yang dimaksud", { exact: true });
    await proposal.selectOption({ label: `Proposal instansi ini: ${mine.number} ${mine.title}` });
    const reasons = form.getByLabel("Alasan keberatan", { exact: true });

    // Too short: refused at the field; the typed text and the choice kept; nothing stored.
    await reasons.fill(SHORT_REASONS);
    await form.getByRole("button", { name: "Ajukan keberatan", exact: true }).click();
    const error = page.locator("#reasons-error");
    await see(error);
    expect(await error.innerText()).toBe("Alasan terlalu singkat; tulis paling sedikit 30 karakter.");
    const refused = page.getByRole("region", { name: `Ajukan keberatan atas pengumuman ${a.number}`, exact: true });
    expect(await refused.getByLabel("Alasan keberatan", { exact: true }).inputValue()).toBe(SHORT_REASONS);
    expect(await refused.getByLabel("Alasan keberatan", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await refused.getByLabel("Proposal yang dimaksud", { exact: true }).inputValue()).toBe(mine.id);
    expect(read((db) => (db.prepare("select count(*) as n from objections where competition_id = ?").get(competition().id) as { n: number }).n)).toBe(0);
    await screenshot(page, "publication-objection-refused");

    // With reasons and a PDF: filed.
    await refused.getByLabel("Alasan keberatan", { exact: true }).fill(REASONS);
    await refused.getByLabel("Berkas bukti (opsional)", { exact: true }).setInputFiles({ name: PDF_NAME, mimeType: "application/pdf", buffer: PDF });
    await refused.getByRole("button", { name: "Ajukan keberatan", exact: true }).click();
    await page.waitForURL((u) => u.pathname === base && u.searchParams.get("notice") === "filed");
    await see(page.getByText("Keberatan telah diajukan. Penyelenggara akan menjawabnya; jawaban dikirim lewat email dan dasbor.", { exact: true }));

    const stored = read(
      (db) =>
        db.prepare("select id, announcement_id, agency_id, proposal_id, reasons, status from objections where competition_id = ?").all(competition().id) as {
          id: string;
          announcement_id: string;
          agency_id: string;
          proposal_id: string;
          reasons: string;
          status: string;
        }[],
    );
    expect(stored.map(({ id: _id, ...o }) => o)).toEqual([
      { announcement_id: a.id, agency_id: AGENCY_ID, proposal_id: mine.id, reasons: REASONS, status: "pending" },
    ]);
    journey.objectionId = stored[0].id;
    const files = read(
      (db) =>
        db.prepare("select original_name, mime_type, size_bytes from objection_files where objection_id = ?").all(journey.objectionId) as {
          original_name: string;
          mime_type: string;
          size_bytes: number;
        }[],
    );
    expect(files).toEqual([{ original_name: PDF_NAME, mime_type: "application/pdf", size_bytes: PDF.length }]);

    const own = page.getByRole("region", { name: "Keberatan yang diajukan", exact: true });
    const orow = own.getByRole("row").filter({ hasText: mine.number });
    expect(await orow.count()).toBe(1);
    await see(orow.getByText(REASONS, { exact: true }));
    await see(orow.getByText("Menunggu jawaban", { exact: true }));
    await see(orow.getByRole("link", { name: new RegExp(`^Unduh ${PDF_NAME.replace(/[.]/g, "\\.")} \\(`) }));
    await see(orow.getByRole("button", { name: `Tarik keberatan atas ${mine.number}`, exact: true }));
    await screenshot(page, "publication-objection-filed");
  });

  it("4a. the organizer accepts the objection (include): the decision changes, the correction is published", async () => {
    const { page } = app;
    const mine = pontianakProposal();
    const a = announcement(journey.finalistsId);

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/objections`);
    await oneHeading(page, "Keberatan");
    await see(page.getByText("1 keberatan menunggu jawaban.", { exact: true }));
    const section = page.getByRole("region", { name: `${a.number} · ${FINALISTS_TITLE}`, exact: true });
    await see(section.getByText(`Daftar finalis · Masa sanggah dibuka · Masa sanggah berakhir ${formatWib(a.objection_ends_at, "id")}`, { exact: true }));
    await section.getByRole("link", { name: `Jawab keberatan ${AGENCY_NAME} atas ${mine.number}`, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("objection") === journey.objectionId);
    await oneHeading(page, `Keberatan ${AGENCY_NAME} atas ${mine.number}`);
    await see(page.getByText(REASONS, { exact: true }));
    await see(page.getByRole("link", { name: new RegExp(`^Unduh ${PDF_NAME.replace(/[.]/g, "\\.")} \\(`) }));

    const answer = page.getByRole("region", { name: "Jawaban penyelenggara", exact: true });
    await answer.getByLabel("Keputusan", { exact: true }).selectOption({ label: "Terima keberatan" });
    await answer.getByLabel("Akibat bila diterima", { exact: true }).selectOption({ label: "Proposal dimasukkan ke daftar" });
    // Without an answer: refused at the field, the choices kept.
    await answer.getByRole("button", { name: "Simpan jawaban", exact: true }).click();
    await see(page.locator("#answer-error"));
    expect(await page.locator("#answer-error").innerText()).toBe("Tulis jawaban.");
    const again = page.getByRole("region", { name: "Jawaban penyelenggara", exact: true });
    expect(await again.getByLabel("Keputusan", { exact: true }).inputValue()).toBe("accept");
    expect(await again.getByLabel("Akibat bila diterima", { exact: true }).inputValue()).toBe("include");
    expect(read((db) => (db.prepare("select status from objections where id = ?").get(journey.objectionId) as { status: string }).status)).toBe("pending");

    await again.getByLabel("Jawaban", { exact: true }).fill(ANSWER_ACCEPT);
    await again.getByRole("button", { name: "Simpan jawaban", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") !== null);

    const stored = read(
      (db) =>
        db.prepare("select status, outcome, answer, correction_id from objections where id = ?").get(journey.objectionId) as {
          status: string;
          outcome: string | null;
          answer: string;
          correction_id: string | null;
        },
    );
    expect(new URL(page.url()).searchParams.get("notice")).toBe("changed");
    await see(page.getByText("Keputusan telah diubah sesuai jawaban; draf koreksi pengumuman telah dibuat.", { exact: true }));
    expect(stored.status).toBe("accepted");
    expect(stored.outcome).toBe("include");
    expect(stored.answer).toBe(ANSWER_ACCEPT);
    expect(stored.correction_id).not.toBeNull();
    journey.correctionId = stored.correction_id!;
    // The decision changed through the audited path: an override_advance entry and an override row.
    const entry = decision().find((d) => d.number === mine.number)!;
    expect(entry.decision).toBe("override_advance");
    const override = read(
      (db) =>
        db.prepare("select decision, reason from round_overrides where round_id = ? and proposal_id = ?").get(journey.roundId, mine.id) as
          | { decision: string; reason: string }
          | undefined,
    );
    expect(override?.decision).toBe("advance");
    expect(override?.reason).toContain(ANSWER_ACCEPT);
    await screenshot(page, "publication-objection-answered");

    // The correction draft: supersedes the first announcement, the proposal now in the list.
    await page.getByRole("link", { name: "Draf koreksi pengumuman", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/competitions/${SLUG}/announcements/${journey.correctionId}`);
    await oneHeading(page, `Ralat: ${FINALISTS_TITLE}`);
    await see(page.getByRole("link", { name: `Ralat atas ${a.number}`, exact: true }));
    const advancing = decision().filter((d) => advances(d.decision));
    expect(advancing.some((d) => d.number === mine.number)).toBe(true);
    const entries = page.getByRole("region", { name: `Daftar (${advancing.length})`, exact: true });
    expect((await rowsOf(entries.getByRole("table"))).map((c) => c[1])).toEqual(advancing.map((d) => d.number));

    // Publish the correction now, without a new window.
    const publish = page.getByRole("region", { name: "Terbitkan", exact: true });
    await publish.getByRole("checkbox", { name: "Buka masa sanggah setelah terbit", exact: true }).uncheck();
    await publish.getByRole("button", { name: "Terbitkan atau jadwalkan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "published");
    const c = announcement(journey.correctionId);
    expect(c).toMatchObject({ status: "published", supersedes_id: a.id, objection_ends_at: null });
    expect(c.number).toBe("B/2/PP.00.05/2025");
    journey.correctionNumber = c.number!;
    await see(page.getByText(`Pengumuman ${c.number} terbit; instansi terkait diberi tahu.`, { exact: true }));
    const old = announcement(a.id);
    expect(old.superseded_by_id).toBe(c.id);
    expect(old.superseded_at).not.toBeNull();
  });

  it("4b. the public pages show both announcements, the first marked as superseded, the proposal in the new list", async () => {
    const { page } = app;
    const mine = pontianakProposal();
    const a = announcement(journey.finalistsId);
    const c = announcement(journey.correctionId);
    const advancing = decision().filter((d) => advances(d.decision));

    // The edition lists both; the old one "Diganti", linking to the correction.
    await page.goto(`/editions/${SLUG}`);
    const table = page.getByRole("table", { name: "Pengumuman", exact: true });
    const rows = await rowsOf(table);
    expect(rows.map((r) => [r[0], r[1], r[2], r[4]]).sort()).toEqual(
      [
        [a.number!, FINALISTS_TITLE, "Finalis putaran", `Diganti Diganti oleh ${c.number}`],
        [c.number!, `Ralat: ${FINALISTS_TITLE}`, "Finalis putaran", "Berlaku"],
      ].sort(),
    );
    // The edition's finalists are the corrected list.
    await see(page.getByText(new RegExp(`^Menurut pengumuman ${c.number!.replace(/[./]/g, "\\$&")} `)));
    const edFinalists = await publicEntries(page.getByRole("table", { name: `Ralat: ${FINALISTS_TITLE}`, exact: true }));
    expect(edFinalists.map((r) => r.number)).toEqual(advancing.map((d) => d.number));

    // The old page: marked superseded, with the link to the correction.
    await page.goto(`/announcements/${a.id}`);
    await oneHeading(page, FINALISTS_TITLE);
    await see(
      page.getByText(
        `Pengumuman ini telah diganti oleh pengumuman ralat ${c.number} pada ${formatWib(announcement(a.id).superseded_at, "id")}. Keduanya tetap dapat dilihat.`,
      ),
    );
    const oldRows = await publicEntries(page.getByRole("table", { name: `Daftar ${FINALISTS_TITLE}`, exact: true }));
    expect(oldRows.some((r) => r.number === mine.number)).toBe(false);
    await page.getByRole("link", { name: "Buka pengumuman ralat", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/announcements/${c.id}`);

    // The correction: names the one it corrects; the proposal is in its list.
    await oneHeading(page, `Ralat: ${FINALISTS_TITLE}`);
    await see(page.getByText(`Pengumuman ini meralat ${a.number}.`));
    const newRows = await publicEntries(page.getByRole("table", { name: `Daftar Ralat: ${FINALISTS_TITLE}`, exact: true }));
    expect(newRows.map((r) => [r.position, r.number, r.title])).toEqual(advancing.map((d, i) => [String(i + 1), d.number, d.title]));
    expect(newRows.filter((r) => r.number === mine.number).length).toBe(1);
    expect(await page.getByText("Masa sanggah sampai", { exact: false }).count()).toBe(0);
    await screenshot(page, "publication-public-correction");
  });

  it("4c. the Admin Lokal sees the answer on the dashboard and the objections page", async () => {
    const { page } = app;
    const mine = pontianakProposal();
    await login(page, ADMIN_LOKAL);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await oneHeading(page, "Dasbor");
    const note = page
      .locator("ul.notifications > li")
      .filter({ hasText: `Keberatan atas ${mine.number} (pengumuman ${journey.finalistsNumber}) diterima.` });
    await see(note);
    expect(await note.count()).toBe(1);
    await note.getByRole("button", { name: "Buka", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/agency/${AGENCY_ID}/objections`);
    const own = page.getByRole("region", { name: "Keberatan yang diajukan", exact: true });
    const orow = own.getByRole("row").filter({ hasText: mine.number });
    await see(orow.getByText("Diterima", { exact: true }));
    await see(orow.getByText("Proposal dimasukkan ke daftar", { exact: true }));
    await see(orow.getByText(ANSWER_ACCEPT, { exact: true }));
    await see(orow.getByText(/^Dijawab .+, \d{1,2} \S+ \d{4} \d{2}\.\d{2} WIB$/));
    expect(await orow.getByRole("button", { name: /^Tarik keberatan/ }).count()).toBe(0);
    await screenshot(page, "publication-objection-answer-seen");
  });

  it("5a. the organizer applies the KIPP preset and the rule, then publishes the winners announcement", async () => {
    const { page } = app;
    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/awards`);
    await oneHeading(page, "Penghargaan dan pemenang");
    await see(page.getByText("Belum ada tingkat penghargaan. Tambahkan sendiri atau pakai salah satu templat.", { exact: true }));

    const tiersCard = page.getByRole("region", { name: "Tingkat penghargaan", exact: true });
    await tiersCard.getByLabel("Templat", { exact: true }).selectOption("kipp");
    await tiersCard.getByRole("button", { name: "Tambahkan dari templat", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "preset");
    await see(page.getByText("Templat diterapkan: 3 tingkat ditambahkan.", { exact: true }));
    const tiers = read(
      (db) =>
        db
          .prepare(
            `select t.key, t.name_id as name, t.size, g.key as grp from award_tiers t left join competition_groups g on g.id = t.group_id
              where t.competition_id = ? order by t.position`,
          )
          .all(competition().id) as { key: string; name: string; size: number; grp: string | null }[],
    );
    expect(tiers).toEqual([
      { key: "top45", name: "Top 45 Inovasi Pelayanan Publik Terpuji", size: 45, grp: "umum" },
      { key: "outstanding", name: "Outstanding Achievement", size: 5, grp: "khusus" },
      { key: "top5_replikasi", name: "Top 5 Replikasi", size: 5, grp: "replikasi" },
    ]);
    const tierRows = await rowsOf(page.getByRole("region", { name: "Tingkat penghargaan", exact: true }).getByRole("table"));
    expect(tierRows.map((r) => [r[1], r[2], r[3]])).toEqual(tiers.map((x) => [x.name, x.key, String(x.size)]));

    // The rule, computed here: per tier, its group's proposals, advancing first, then by rank.
    const decided = decision();
    const expected = tiers.flatMap((x) =>
      decided
        .filter((d) => d.groupKey === x.grp)
        .sort((p, q) => Number(advances(q.decision)) - Number(advances(p.decision)) || p.rank - q.rank || (p.number < q.number ? -1 : 1))
        .slice(0, x.size)
        .map((d) => ({ tier: x.name, number: d.number, title: d.title, agencyName: d.agencyName, cluster: d.cluster })),
    );
    expect(expected.length).toBe(37);

    const rule = page.getByRole("region", { name: "Usulan pemenang menurut aturan", exact: true });
    const proposedRows = await rowsOf(rule.getByRole("table"));
    expect(proposedRows.map((r) => [r[0], r[2], r[5]])).toEqual(expected.map((e) => [e.tier, e.number, "Baru"]));
    // Without the tick: refused.
    await rule.getByRole("button", { name: "Tetapkan pemenang menurut aturan", exact: true }).click();
    await see(page.locator("#confirm-error"));
    expect(await page.locator("#confirm-error").innerText()).toBe("Centang konfirmasi terlebih dahulu.");
    expect(read((db) => (db.prepare("select count(*) as n from winners where competition_id = ?").get(competition().id) as { n: number }).n)).toBe(0);
    const rule2 = page.getByRole("region", { name: "Usulan pemenang menurut aturan", exact: true });
    await rule2.getByRole("checkbox", { name: /^Ganti pemenang hasil aturan sebelumnya/ }).check();
    await rule2.getByRole("button", { name: "Tetapkan pemenang menurut aturan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "ruleApplied");
    await see(page.getByText(`Pemenang ditetapkan menurut aturan (${expected.length} dari aturan).`, { exact: true }));
    const stored = read(
      (db) =>
        db
          .prepare(
            `select t.name_id as tier, p.number, w.source from winners w join award_tiers t on t.id = w.tier_id join proposals p on p.id = w.proposal_id
              where w.competition_id = ? order by t.position, w.position`,
          )
          .all(competition().id) as { tier: string; number: string; source: string }[],
    );
    expect(stored).toEqual(expected.map((e) => ({ tier: e.tier, number: e.number, source: "rule" })));
    journey.winners = expected;

    // The winners announcement: drafted from the winners, published now without a window.
    await page.getByRole("link", { name: "Pengumuman", exact: true }).first().click();
    await page.waitForURL((u) => u.pathname === `/competitions/${SLUG}/announcements`);
    const create = page.getByRole("region", { name: "Buat draf dari keputusan", exact: true });
    expect(await create.getByLabel("Keputusan", { exact: true }).inputValue()).toBe("winners");
    await create.getByRole("button", { name: "Buat draf", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "created");
    journey.winnersId = page.url().split("/announcements/")[1].split("?")[0];
    await oneHeading(page, WINNERS_TITLE);
    const entries = page.getByRole("region", { name: `Daftar (${expected.length})`, exact: true });
    const draftRows = await rowsOf(entries.getByRole("table"));
    expect(draftRows.map((r) => [r[0], r[1], r[5]])).toEqual(expected.map((e, i) => [String(i + 1), e.number, e.tier]));

    const publish = page.getByRole("region", { name: "Terbitkan", exact: true });
    await publish.getByRole("checkbox", { name: "Buka masa sanggah setelah terbit", exact: true }).uncheck();
    await publish.getByRole("button", { name: "Terbitkan atau jadwalkan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "published");
    const w = announcement(journey.winnersId);
    const expectedNumber = "B/3/PP.00.05/2025";
    expect(w).toMatchObject({ kind: "winners", status: "published", number: expectedNumber, objection_ends_at: null });
    journey.winnersNumber = w.number!;
    await see(page.getByText(`Pengumuman ${w.number} terbit; instansi terkait diberi tahu.`, { exact: true }));
    await screenshot(page, "publication-winners-published");
  });

  it("5b. the public winners page: winners by tier and the cluster breakdown", async () => {
    const { page } = app;
    const w = announcement(journey.winnersId);
    await page.goto(`/editions/${SLUG}/winners`);
    await oneHeading(page, `Pemenang ${EDITION}`);
    await see(page.getByText(`Menurut pengumuman ${w.number}, diterbitkan ${formatWib(w.published_at, "id")}.`));
    await see(page.getByRole("link", { name: WINNERS_TITLE, exact: true }));

    const tierNames = [...new Set(journey.winners.map((x) => x.tier))];
    expect(tierNames).toEqual(["Top 45 Inovasi Pelayanan Publik Terpuji", "Outstanding Achievement", "Top 5 Replikasi"]);
    const h2s = (await page.getByRole("heading", { level: 2 }).allInnerTexts()).map((s) => s.trim());
    expect(h2s.slice(0, tierNames.length)).toEqual(tierNames);
    for (const tier of tierNames) {
      // Positions are those of the announcement (numbered across the tiers).
      const mine = journey.winners.map((x, i) => ({ ...x, position: String(i + 1) })).filter((x) => x.tier === tier);
      const rows = await publicEntries(page.getByRole("table", { name: `${tier} (${mine.length} inovasi)`, exact: true }));
      expect(rows.map((r) => [r.position, r.number, r.title])).toEqual(mine.map((x) => [x.position, x.number, x.title]));
      rows.forEach((r, i) => expect(r.agency.startsWith(mine[i].agencyName)).toBe(true));
    }

    // The breakdown table: exact counts per bucket (the fixed six, OPD only when present) and the total.
    const counts = new Map<string, number>();
    for (const x of journey.winners) counts.set(bucketOf(x.cluster), (counts.get(bucketOf(x.cluster)) ?? 0) + 1);
    const total = journey.winners.length;
    const expectedRows = BUCKETS.filter(([b]) => b !== "opd" || (counts.get("opd") ?? 0) > 0).map(([b, label]) => {
      const n = counts.get(b) ?? 0;
      return [label, String(n), `${pct.format(Math.round((n * 1000) / total) / 10)}%`];
    });
    const breakdown = page.getByRole("table", { name: "Sebaran menurut klaster", exact: true });
    expect(await rowsOf(breakdown)).toEqual(expectedRows);
    const foot = await breakdown
      .locator("tfoot tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    expect(foot).toEqual([["Total", String(total), "100,0%"]]);
    await see(page.getByRole("img", { name: /^Grafik batang sebaran menurut klaster/ }));
    await screenshot(page, "publication-public-winners");
  });

  it("6a. the organizer sets the signatory and issues the certificates", async () => {
    const { page } = app;
    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/certificates`);
    await oneHeading(page, "Piagam penghargaan");
    const settings = page.getByRole("region", { name: "Penanda tangan piagam", exact: true });
    await settings.getByLabel("Nama penanda tangan", { exact: true }).fill(SIGNATORY);
    await settings.getByLabel("Jabatan penanda tangan", { exact: true }).fill(SIGNATORY_TITLE);
    await settings.getByLabel("Tempat", { exact: true }).fill(PLACE);
    await settings.getByRole("button", { name: "Simpan penanda tangan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "saved");
    await see(page.getByText("Penanda tangan disimpan.", { exact: true }));

    const w = announcement(journey.winnersId);
    const issue = page.getByRole("region", { name: "Terbitkan piagam", exact: true });
    await see(issue.getByText(`Sumber: pengumuman ${w.number} "${WINNERS_TITLE}", terbit ${formatWib(w.published_at, "id")}.`, { exact: true }));
    await see(issue.getByText(`Piagam baru yang akan diterbitkan: ${journey.winners.length}.`, { exact: true }));
    await issue.getByRole("button", { name: "Terbitkan piagam", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "issued");
    await see(page.getByText(`Piagam diterbitkan: ${journey.winners.length}; dicabut: 0.`, { exact: true }));

    const certs = read(
      (db) =>
        db
          .prepare(
            `select c.code, p.number, c.innovation_title as title, c.agency_name as agency, c.tier_name_id as tier, c.issued_on as issuedOn,
                    c.signatory_name as signatory, c.revoked_at as revokedAt
               from certificates c join proposals p on p.id = c.proposal_id where c.competition_id = ? order by p.number`,
          )
          .all(competition().id) as { code: string; number: string; title: string; agency: string; tier: string; issuedOn: string; signatory: string; revokedAt: string | null }[],
    );
    expect(certs.map((c) => c.number)).toEqual(journey.winners.map((x) => x.number).sort());
    expect(certs.every((c) => c.signatory === SIGNATORY && c.revokedAt === null)).toBe(true);
    expect(new Set(certs.map((c) => c.code)).size).toBe(certs.length);

    // Take the code of Pontianak's certificate from the page.
    const mine = pontianakProposal();
    const row = page.getByRole("region", { name: "Daftar piagam", exact: true }).getByRole("row").filter({ hasText: mine.number });
    expect(await row.count()).toBe(1);
    const code = (await row.locator("td code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = certs.find((c) => c.number === mine.number)!;
    expect(stored.code).toBe(code);
    const winner = journey.winners.find((x) => x.number === mine.number)!;
    expect(stored).toMatchObject({ title: mine.title, agency: AGENCY_NAME, tier: winner.tier });
    journey.certificate = { code, number: mine.number, title: mine.title, agency: AGENCY_NAME, tier: winner.tier, issuedOn: stored.issuedOn };
    await see(row.getByText("Berlaku", { exact: true }));
    await screenshot(page, "publication-certificates");
  });

  it("6b. an anonymous visitor verifies a certificate by its code typed loosely; an unknown code is 404", async () => {
    const { page } = app;
    const cert = journey.certificate;
    expect(cert.code).not.toBe("");
    await page.goto("/verify");
    await oneHeading(page, "Verifikasi piagam");
    const typed = cert.code.toLowerCase().replace(/-/g, "");
    await page.getByLabel("Kode verifikasi", { exact: true }).fill(typed);
    await page.getByRole("button", { name: "Periksa", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/verify/${cert.code}`);
    await oneHeading(page, "Piagam sah");
    await see(page.getByText(`Piagam dengan kode ${cert.code} tercatat dan berlaku.`, { exact: true }));
    const facts = await page
      .locator("dl")
      .first()
      .evaluate((dl) => {
        const out: Record<string, string> = {};
        let key = "";
        for (const el of [...dl.children] as HTMLElement[]) {
          if (el.tagName === "DT") key = el.innerText.trim();
          else out[key] = el.innerText.replace(/\s+/g, " ").trim();
        }
        return out;
      });
    expect(facts).toEqual({
      "Kode verifikasi": cert.code,
      Kompetisi: EDITION,
      Penghargaan: cert.tier,
      Inovasi: cert.title,
      Instansi: cert.agency,
      Tanggal: `${PLACE}, ${formatWib(`${cert.issuedOn}T05:00:00.000Z`, "id", false)}`,
      "Penanda tangan": `${SIGNATORY} ${SIGNATORY_TITLE}`,
    });
    await screenshot(page, "publication-verify-valid");

    // An unknown (well-formed) code: the 404 page.
    const unknown = cert.code.startsWith("ZZZZ") ? "YYYY-YYYY-YYYY" : "ZZZZ-ZZZZ-ZZZZ";
    const res = await page.goto(`/verify/${unknown}`);
    expect(res?.status()).toBe(404);
    await oneHeading(page, "Piagam tidak ditemukan");
    await see(page.getByText(`Tidak ada piagam dengan kode ${unknown}. Periksa kembali kode yang Anda ketik.`, { exact: true }));
  });

  it("7. an anonymous visitor searches the catalogue for a winner, filters by 2025 and opens its page", async () => {
    const { page } = app;
    const visible = read(
      (db) =>
        db.prepare("select id, title, summary, agency_name, region_name, year, stage, award_name_id from innovations where visible = 1").all() as {
          id: string;
          title: string;
          summary: string;
          agency_name: string;
          region_name: string;
          year: number;
          stage: string;
          award_name_id: string;
        }[],
    );
    const text = (r: (typeof visible)[number]) => `${r.title} ${r.summary} ${r.agency_name} ${r.region_name}`.toLowerCase();
    // A word (5+ letters) of a KIPP 2025 winner's title that no other visible innovation contains anywhere.
    let pick: { word: string; row: (typeof visible)[number] } | null = null;
    for (const x of journey.winners) {
      const row = visible.find((r) => r.year === 2025 && r.title === x.title && r.agency_name === x.agencyName);
      if (!row) continue;
      for (const word of x.title.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 5)) {
        if (visible.filter((r) => text(r).includes(word)).length === 1) {
          pick = { word, row };
          break;
        }
      }
      if (pick) break;
    }
    expect(pick).not.toBeNull();
    const { word, row } = pick!;
    expect(row.stage).toBe("winner");

    await page.goto("/innovations");
    await oneHeading(page, "Katalog inovasi");
    const search = page.getByRole("search", { name: "Saringan pencarian", exact: true });
    await search.getByLabel("Kata kunci", { exact: true }).fill(word);
    await search.getByRole("button", { name: "Cari", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/innovations" && u.searchParams.get("q") === word);
    await see(page.getByRole("heading", { level: 2, name: "1 inovasi ditemukan", exact: true }));
    const results = page.locator("ol.plain-list > li");
    expect(await results.count()).toBe(1);
    await see(results.getByRole("link", { name: row.title, exact: true }));

    // Filter by year 2025: the same one, the word and the year kept in the form.
    await page.getByRole("search", { name: "Saringan pencarian", exact: true }).getByLabel("Tahun", { exact: true }).selectOption("2025");
    await page.getByRole("search", { name: "Saringan pencarian", exact: true }).getByRole("button", { name: "Cari", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("year") === "2025" && u.searchParams.get("q") === word);
    await see(page.getByRole("heading", { level: 2, name: "1 inovasi ditemukan", exact: true }));
    expect(await page.getByLabel("Kata kunci", { exact: true }).inputValue()).toBe(word);
    expect(await page.getByLabel("Tahun", { exact: true }).inputValue()).toBe("2025");
    const item = page.locator("ol.plain-list > li");
    expect(await item.count()).toBe(1);
    await see(item.getByText("Pemenang", { exact: true }));
    await see(item.getByText(row.award_name_id, { exact: true }));
    await screenshot(page, "publication-catalogue");

    await item.getByRole("link", { name: row.title, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/innovations/${row.id}`);
    await oneHeading(page, row.title);
    const facts = await page
      .locator("dl.meta")
      .first()
      .evaluate((dl) => {
        const out: Record<string, string> = {};
        let key = "";
        for (const el of [...dl.children] as HTMLElement[]) {
          if (el.tagName === "DT") key = el.innerText.trim();
          else out[key] = el.innerText.replace(/\s+/g, " ").trim();
        }
        return out;
      });
    expect(facts["Instansi"]).toBe(row.agency_name);
    expect(facts["Kompetisi"]).toBe(EDITION);
    expect(facts["Capaian"]).toBe("Pemenang");
    expect(facts["Penghargaan"]).toBe(row.award_name_id);
    const tier = journey.winners.find((x) => x.title === row.title)!.tier;
    expect(row.award_name_id).toBe(tier);
    // Listed in the winners announcement.
    await see(page.getByRole("link", { name: `${journey.winnersNumber} — ${WINNERS_TITLE}`, exact: true }));
  });
});
