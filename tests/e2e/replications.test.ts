/**
 * The replication journey of issue 7 in a real browser, on the demo data: an
 * Admin Lokal replicates a KIPP 2023 winner of another agency, the source
 * agency confirms, the public page shows it.
 *
 * The source and the two agencies are chosen by reading the demo database:
 * a visible KIPP 2023 winner whose agency has an Admin Lokal account (it must
 * answer), and an adopter: another agency with an Admin Lokal that has no
 * replication of it yet. Among those, the winner with the fewest replications
 * (none public preferred). On today's demo that is Kota Pontianak's winner
 * (its only replication, by Kubu Raya, is disputed so not public) replicated
 * by Kota Singkawang; the test does not depend on it.
 *
 *   1. anonymous: the innovation page lists exactly the public replications
 *      of the source (today: none, the empty state) and offers no
 *      "Replikasi inovasi ini" link; the start page sends a visitor to
 *      /login; /replications/provinces and /api/public/replications?source=
 *      give the counts the database gives (read here as the "before");
 *   2. Admin Lokal A (adopter) follows "Replikasi inovasi ini" from the
 *      innovation page: the start form is preselected (source, innovation,
 *      title, date = today WIB with max = today); an unknown facilitator code
 *      is refused at its field with every typed value kept and nothing
 *      stored; then it is started (facilitator: the province government). The
 *      source agency's Admin Lokal gets an in-app notice and a mail;
 *   3. A records "Rencana & Pengembangan": a date before Persiapan is refused
 *      at the field; a ".pdf" that is really text is refused with its name;
 *      then the date, the note and a small real PDF are stored (the download
 *      gives the same bytes); A updates the "faktor pembeda";
 *   3b. right after "Simpan tahap" (client-side navigation) the stage form
 *      offers the next stage with an empty note and no file;
 *   4. anonymous: nothing public changed (a page render that is not the
 *      server cache's copy, the open data, the province counts);
 *   5. Admin Lokal B (source agency) sees the notice on the dashboard, opens
 *      it, reads the replication (no edit forms), answers without choosing
 *      (refused at the field, note kept), then confirms with a note using the
 *      keyboard;
 *   6. anonymous: the innovation page lists it (adopter, title, facilitator,
 *      province, stage, status) besides the ones before; the province counts
 *      grew by exactly 1 (as adopter and as source); JSON and CSV carry it;
 *   7. A sees the confirmation on the dashboard.
 *
 * The database is only READ here (better-sqlite3, read-only) to know the
 * expected values; every change goes through the browser. The steps run in
 * order and share what they learn through module state.
 * Screenshots: tmp/e2e/replications-*.png.
 */
import Database from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/csv";
import { formatFileSize } from "../../app/domain/filetype";
import { formatWib } from "../../app/domain/time";
import { login, screenshot, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "replications" });

const EDITION_SLUG = "kipp-2023";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
const PDF_NAME = "rencana-aksi-replikasi.pdf";
const FAKE_NAME = "notulen-rapat.pdf";
const FAKE = Buffer.from("Notulen rapat koordinasi replikasi — ini teks biasa, bukan PDF.\n", "utf8");
const UNKNOWN_FACILITATOR = "PROV-00";
const PERSIAPAN_NOTE = "Kunjungan belajar ke instansi asal; kesepakatan replikasi ditandatangani kedua kepala daerah.";
const RENCANA_NOTE = "Rencana aksi dan anggaran perubahan disetujui; dua belas petugas kelurahan dilatih tim instansi asal.";
const DIFFERENCES_START = "Layanan dijalankan di kantor kelurahan, bukan di kantor dinas.";
const DIFFERENCES = "Layanan dijalankan di kantor kelurahan, bukan di kantor dinas; formulir dibuat dwibahasa untuk warga lanjut usia.";
const CONFIRM_NOTE = "Benar, tim kami mendampingi persiapan dan pelatihan petugas.";

// ------------------------------------------------------------------ reading the database

const read = <T>(fn: (db: Database.Database) => T): T => app.read(fn);

interface Source {
  id: string;
  title: string;
  agencyId: string;
  agencyName: string;
  provinceCode: string | null;
  year: number;
}

interface Agency {
  id: string;
  code: string;
  name: string;
  provinceCode: string | null;
  provinceName: string | null;
  email: string;
  userId: string;
}

/** The first (by email) active Admin Lokal of every agency that has one. */
function adminLokalAgencies(): Agency[] {
  return read(
    (db) =>
      db
        .prepare(
          `select a.id, a.code, a.name, a.province_code as provinceCode, r.name as provinceName, min(u.email) as email
             from memberships m
             join users u on u.id = m.user_id
             join agencies a on a.id = m.agency_id
             left join regions r on r.code = a.province_code
            where m.role = 'admin_lokal' and m.active = 1
            group by a.id order by a.name`,
        )
        .all() as Omit<Agency, "userId">[],
  ).map((a) => ({ ...a, userId: userIdOf(a.email) }));
}

function userIdOf(email: string): string {
  return read((db) => (db.prepare("select id from users where email = ?").get(email) as { id: string }).id);
}

function winners(): Source[] {
  return read(
    (db) =>
      db
        .prepare(
          `select i.id, i.title, i.agency_id as agencyId, i.agency_name as agencyName, i.province_code as provinceCode, i.year
             from innovations i join competitions c on c.id = i.competition_id
            where c.slug = ? and i.stage = 'winner' and i.visible = 1 and i.agency_id is not null
            order by i.title, i.id`,
        )
        .all(EDITION_SLUG) as Source[],
  );
}

interface ReplicationRow {
  id: string;
  title: string;
  adopter_agency_id: string;
  adopter_name: string;
  facilitator_agency_id: string | null;
  source_innovation_id: string | null;
  source_agency_id: string | null;
  stage: string;
  status: string;
  differences: string;
  source_response: string;
  source_response_note: string | null;
  source_responded_by: string | null;
  verified_at: string | null;
  updated_at: string;
}

const REPLICATION_SELECT = `select r.*, ad.name as adopter_name from replications r join agencies ad on ad.id = r.adopter_agency_id`;

function replicationsOfSource(sourceId: string): ReplicationRow[] {
  return read((db) => db.prepare(`${REPLICATION_SELECT} where r.source_innovation_id = ? order by r.created_at, r.id`).all(sourceId) as ReplicationRow[]);
}

function replication(id: string): ReplicationRow {
  return read((db) => db.prepare(`${REPLICATION_SELECT} where r.id = ?`).get(id) as ReplicationRow);
}

const isPublic = (r: Pick<ReplicationRow, "source_response" | "verified_at">) => r.source_response === "confirmed" || r.verified_at !== null;

/** Public replications per province, as adopter and as source (the rule of docs/replications-public.md), by province name. */
function provinceCountsInDb(): Record<string, { adopted: number; sourced: number }> {
  const rows = read(
    (db) =>
      db
        .prepare(
          `select p.name,
                  (select count(*) from replications r join agencies ad on ad.id = r.adopter_agency_id
                    where ad.province_code = p.code and (r.source_response = 'confirmed' or r.verified_at is not null)) as adopted,
                  (select count(*) from replications r join innovations si on si.id = r.source_innovation_id and si.visible = 1
                    where si.province_code = p.code and (r.source_response = 'confirmed' or r.verified_at is not null)) as sourced
             from regions p where p.level = 'province'`,
        )
        .all() as { name: string; adopted: number; sourced: number }[],
  );
  return Object.fromEntries(rows.filter((r) => r.adopted > 0 || r.sourced > 0).map((r) => [r.name, { adopted: r.adopted, sourced: r.sourced }]));
}

function auditActions(entityId: string): string[] {
  return read(
    (db) => (db.prepare("select action from audit_log where entity_type = 'replication' and entity_id = ? order by at, rowid").all(entityId) as { action: string }[]).map((r) => r.action),
  );
}

function outboxTo(email: string): { subject: string; body_text: string }[] {
  return read((db) => db.prepare("select subject, body_text from outbox where to_address = ? order by created_at, rowid").all(email) as { subject: string; body_text: string }[]);
}

function notificationsOf(userId: string, key: string): { params_json: string; link: string; read_at: string | null }[] {
  return read(
    (db) =>
      db.prepare("select params_json, link, read_at from notifications where user_id = ? and message_key = ? order by created_at, rowid").all(userId, key) as {
        params_json: string;
        link: string;
        read_at: string | null;
      }[],
  );
}

/** WIB "yyyy-mm-dd" of the day `offset` days from now. */
function wibDay(offset = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

const dayText = (ymd: string) => formatWib(`${ymd}T00:00:00+07:00`, "id", false);

// ------------------------------------------------------------------ page helpers

/** Exactly one h1 on the page, with this text. */
async function oneHeading(page: Page, name: string): Promise<void> {
  await see(page.getByRole("heading", { level: 1, name, exact: true }));
  expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
}

/**
 * The stages table of a replication page: stage, date, note, and the evidence
 * as "name (size)" per file ("Tanpa bukti" when none), leaving out the
 * per-file buttons (their presence is asserted separately).
 */
function stageRows(page: Page): Promise<string[][]> {
  return page
    .getByRole("region", { name: "Tahapan", exact: true })
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.children] as HTMLElement[];
        const text = (e: Element | null) => ((e as HTMLElement | null)?.innerText ?? "").replace(/\s+/g, " ").trim();
        const items = [...cells[3].querySelectorAll("li")].map((li) => `${text(li.querySelector("a"))} ${text(li.querySelector("span"))}`);
        return [text(cells[0]), text(cells[1]), text(cells[2]), items.length > 0 ? items.join("; ") : text(cells[3])];
      }),
    );
}

/** The body rows of a table as arrays of cell texts (whitespace collapsed). */
function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").trim())));
}

const STAGE: Record<string, string> = {
  persiapan: "Persiapan",
  rencana: "Rencana & Pengembangan",
  implementasi: "Implementasi",
  evaluasi: "Evaluasi",
};
const STATUS: Record<string, string> = { berjalan: "Berjalan", selesai: "Selesai", dihentikan: "Dihentikan" };

/** A row of the innovation page's replications table, as the page writes it. */
function publicRowText(r: { adopter: string; title: string; facilitator: string | null; province: string | null; stage: string; status: string }, innovationTitle: string): string[] {
  const who = `${r.adopter}${r.title !== innovationTitle ? ` — ${r.title}` : ""}${r.facilitator ? ` (Fasilitator: ${r.facilitator})` : ""}`;
  return [who, r.province ?? "—", STAGE[r.stage], STATUS[r.status]];
}

/** The public replications of the source, as the database has them, in the page's order (adopter name, id). */
function expectedPublicRows(sourceId: string, innovationTitle: string): string[][] {
  const rows = read(
    (db) =>
      db
        .prepare(
          `select r.id, r.title, r.stage, r.status, ad.name as adopter, p.name as province, fa.name as facilitator
             from replications r
             join agencies ad on ad.id = r.adopter_agency_id
             left join regions p on p.code = ad.province_code
             left join agencies fa on fa.id = r.facilitator_agency_id
            where r.source_innovation_id = ? and (r.source_response = 'confirmed' or r.verified_at is not null)`,
        )
        .all(sourceId) as { id: string; title: string; stage: string; status: string; adopter: string; province: string | null; facilitator: string | null }[],
  );
  rows.sort((a, b) => (a.adopter < b.adopter ? -1 : a.adopter > b.adopter ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => publicRowText(r, innovationTitle));
}

/** The province table of /replications/provinces: province name → counts (tbody only). */
async function provinceTable(page: Page): Promise<{ rows: Record<string, { adopted: number; sourced: number }>; total: [number, number] }> {
  const table = page.getByRole("table", { name: "Replikasi per provinsi", exact: true });
  await see(table);
  const num = (s: string) => Number(s.replace(/\./g, ""));
  const rows = Object.fromEntries((await rowsOf(table)).map((c) => [c[0], { adopted: num(c[1]), sourced: num(c[2]) }]));
  const foot = await table.locator("tfoot tr").evaluate((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim()));
  expect(foot[0]).toBe("Jumlah");
  return { rows, total: [num(foot[1]), num(foot[2])] };
}

interface ApiRow {
  id: string;
  title: string;
  sourceInnovationId: string | null;
  sourceTitle: string;
  sourceAgency: string;
  sourceYear: number | null;
  sourceProvinceCode: string | null;
  sourceUrl: string | null;
  adopter: string;
  adopterProvinceCode: string | null;
  adopterProvince: string | null;
  facilitator: string | null;
  stage: string;
  status: string;
  confirmedBySource: boolean;
  verified: boolean;
  updatedAt: string;
}

async function openData(page: Page, query: string): Promise<{ total: number; rows: ApiRow[]; cache: string | undefined }> {
  const res = await page.request.get(`/api/public/replications?${query}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await res.json()) as { total: number; rows: ApiRow[] };
  expect(body.rows.length).toBe(body.total);
  return { ...body, cache: res.headers()["x-public-cache"] };
}

// ------------------------------------------------------------------ the journey

const journey = {
  source: undefined as unknown as Source,
  adopter: undefined as unknown as Agency,
  owner: undefined as unknown as Agency,
  facilitator: { code: "", name: "" },
  publicBefore: [] as string[][],
  provincesBefore: { rows: {} as Record<string, { adopted: number; sourced: number }>, total: [0, 0] as [number, number] },
  apiBefore: [] as string[],
  replicationId: "",
  title: "",
  persiapanOn: "",
  rencanaOn: "",
  fileId: "",
  stageFormAfterSave: { stage: "", note: "", files: -1 },
};

describe("replications: an Admin Lokal replicates a winner, the source agency confirms, the public page shows it", () => {
  it("1. anonymous: the winner's page shows only its public replications and no replicate link; the counts before", async () => {
    const { page } = app;
    // Choose the source and the agencies from the demo.
    const admins = adminLokalAgencies();
    const byAgency = new Map(admins.map((a) => [a.id, a]));
    const candidates = winners()
      .filter((w) => byAgency.has(w.agencyId))
      .map((w) => {
        const reps = replicationsOfSource(w.id);
        const adopters = admins.filter((a) => a.id !== w.agencyId && !reps.some((r) => r.adopter_agency_id === a.id));
        return { w, reps: reps.length, publicReps: reps.filter(isPublic).length, adopters };
      })
      .filter((c) => c.adopters.length > 0)
      .sort((a, b) => a.reps - b.reps || a.publicReps - b.publicReps || (a.w.title < b.w.title ? -1 : 1));
    expect(candidates.length).toBeGreaterThan(0);
    const chosen = candidates[0];
    journey.source = chosen.w;
    journey.owner = byAgency.get(chosen.w.agencyId)!;
    journey.adopter = chosen.adopters[0];
    const { source, adopter } = journey;
    expect(adopter.id).not.toBe(source.agencyId);
    expect(adopter.provinceCode).not.toBeNull();
    journey.title = `${source.title.split(":")[0].trim()} ${adopter.name.replace(/^Pemerintah /, "")}`;
    expect(journey.title).not.toBe(source.title);
    // The facilitator: the province government of the adopter's province.
    journey.facilitator = read(
      (db) =>
        db.prepare("select code, name from agencies where cluster = 'provinsi' and province_code = ? and id <> ? order by code limit 1").get(adopter.provinceCode, adopter.id) as {
          code: string;
          name: string;
        },
    );
    expect(journey.facilitator.code).toBeTruthy();
    expect(read((db) => db.prepare("select count(*) as n from agencies where code = ?").get(UNKNOWN_FACILITATOR) as { n: number }).n).toBe(0);

    // The innovation page: exactly the public replications the database has (today: none).
    journey.publicBefore = expectedPublicRows(source.id, source.title);
    await page.goto(`/innovations/${source.id}`);
    await oneHeading(page, source.title);
    const section = page.getByRole("region", { name: "Replikasi inovasi ini", exact: true });
    await see(section);
    if (journey.publicBefore.length === 0) {
      await see(section.getByText("Belum ada replikasi yang dikonfirmasi atau diverifikasi.", { exact: true }));
      expect(await section.getByRole("table").count()).toBe(0);
    } else {
      expect(await rowsOf(section.getByRole("table"))).toEqual(journey.publicBefore);
    }
    expect(await page.getByRole("link", { name: "Replikasi inovasi ini" }).count()).toBe(0);
    await screenshot(page, "replications-1-before");

    // The province counts, as the page shows them, agree with the database.
    await page.goto("/replications/provinces");
    await oneHeading(page, "Replikasi per provinsi");
    journey.provincesBefore = await provinceTable(page);
    const inDb = provinceCountsInDb();
    expect(journey.provincesBefore.rows).toEqual(inDb);
    const sum = (k: "adopted" | "sourced") => Object.values(inDb).reduce((s, r) => s + r[k], 0);
    expect(journey.provincesBefore.total).toEqual([sum("adopted"), sum("sourced")]);

    // Open data filtered on the source: the same replications.
    const api = await openData(page, `source=${source.id}`);
    journey.apiBefore = api.rows.map((r) => r.id).sort();
    expect(journey.apiBefore).toEqual(
      replicationsOfSource(source.id)
        .filter(isPublic)
        .map((r) => r.id)
        .sort(),
    );

    // Starting a replication needs an account: the start page sends a visitor to the login.
    const startPath = `/agency/${adopter.id}/replications?innovation=${source.id}`;
    await page.goto(startPath);
    await page.waitForURL((u) => u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe(startPath);
  });

  it("2. Admin Lokal A follows 'Replikasi inovasi ini': the preselected form, an unknown facilitator refused, then started", async () => {
    const { page } = app;
    const { source, adopter, owner, facilitator } = journey;
    const today = wibDay(0);
    journey.persiapanOn = wibDay(-60);
    journey.rencanaOn = wibDay(-10);
    const before = replicationsOfSource(source.id).length;

    await login(page, adopter.email);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/innovations/${source.id}`);
    await oneHeading(page, source.title);
    const link = page.getByRole("link", { name: "Replikasi inovasi ini", exact: true });
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForURL((u) => u.pathname === `/agency/${adopter.id}/replications` && u.searchParams.get("innovation") === source.id);
    await oneHeading(page, "Replikasi");

    const form = page.getByRole("region", { name: "Mulai replikasi", exact: true });
    await see(form);
    expect(await form.getByLabel("Sumber", { exact: true }).inputValue()).toBe("innovation");
    const innovation = form.getByLabel("Inovasi yang direplikasi", { exact: true });
    expect(await innovation.inputValue()).toBe(source.id);
    expect(await innovation.locator("option:checked").innerText()).toBe(`${source.title} — ${source.agencyName} (${source.year})`);
    expect(await form.getByLabel("Judul replikasi", { exact: true }).inputValue()).toBe(source.title);
    const date = form.getByLabel("Tanggal mulai persiapan (WIB)", { exact: true });
    expect(await date.inputValue()).toBe(today);
    expect(await date.getAttribute("max")).toBe(today);
    expect(await date.getAttribute("required")).not.toBeNull();

    // An unknown facilitator code: refused at its field, every typed value kept, nothing stored.
    await form.getByLabel("Judul replikasi", { exact: true }).fill(journey.title);
    await date.fill(journey.persiapanOn);
    await form.getByLabel("Catatan", { exact: true }).fill(PERSIAPAN_NOTE);
    await form.getByLabel("Faktor pembeda", { exact: true }).fill(DIFFERENCES_START);
    await form.getByLabel("Kode instansi fasilitator (opsional)", { exact: true }).fill(UNKNOWN_FACILITATOR);
    await form.getByRole("button", { name: "Simpan replikasi", exact: true }).click();
    const error = page.locator("#facilitatorCode-error");
    await see(error);
    expect(await error.innerText()).toBe("Kode instansi fasilitator tidak dikenal.");
    const refused = page.getByRole("region", { name: "Mulai replikasi", exact: true });
    await see(refused.getByText("Periksa kembali isian yang ditandai.", { exact: true }));
    const facilitatorField = refused.getByLabel("Kode instansi fasilitator (opsional)", { exact: true });
    expect(await facilitatorField.getAttribute("aria-invalid")).toBe("true");
    expect(await facilitatorField.getAttribute("aria-describedby")).toBe("facilitatorCode-error");
    expect(await facilitatorField.inputValue()).toBe(UNKNOWN_FACILITATOR);
    expect(await refused.getByLabel("Sumber", { exact: true }).inputValue()).toBe("innovation");
    expect(await refused.getByLabel("Inovasi yang direplikasi", { exact: true }).inputValue()).toBe(source.id);
    expect(await refused.getByLabel("Judul replikasi", { exact: true }).inputValue()).toBe(journey.title);
    expect(await refused.getByLabel("Tanggal mulai persiapan (WIB)", { exact: true }).inputValue()).toBe(journey.persiapanOn);
    expect(await refused.getByLabel("Catatan", { exact: true }).inputValue()).toBe(PERSIAPAN_NOTE);
    expect(await refused.getByLabel("Faktor pembeda", { exact: true }).inputValue()).toBe(DIFFERENCES_START);
    expect(replicationsOfSource(source.id).length).toBe(before);
    await screenshot(page, "replications-2-refused");

    // With the province government as facilitator: started.
    await facilitatorField.fill(facilitator.code);
    await refused.getByRole("button", { name: "Simpan replikasi", exact: true }).click();
    await page.waitForURL((u) => new RegExp(`^/agency/${adopter.id}/replications/[^/]+$`).test(u.pathname));
    journey.replicationId = new URL(page.url()).pathname.split("/").pop()!;
    await oneHeading(page, journey.title);

    const mine = replicationsOfSource(source.id).filter((r) => r.adopter_agency_id === adopter.id);
    expect(mine.map((r) => r.id)).toEqual([journey.replicationId]);
    expect(replication(journey.replicationId)).toMatchObject({
      title: journey.title,
      source_agency_id: source.agencyId,
      stage: "persiapan",
      status: "berjalan",
      differences: DIFFERENCES_START,
      source_response: "pending",
      verified_at: null,
    });
    expect(read((db) => db.prepare("select code from agencies where id = ?").get(replication(journey.replicationId).facilitator_agency_id) as { code: string }).code).toBe(
      facilitator.code,
    );

    const summary = page.locator("section", { has: page.locator("#summary-heading") });
    const facts = await summary.locator("dl").evaluate((dl) => {
      const out: Record<string, string> = {};
      const dts = [...dl.querySelectorAll("dt")];
      for (const dt of dts) out[(dt as HTMLElement).innerText.trim()] = ((dt.nextElementSibling as HTMLElement | null)?.innerText ?? "").trim();
      return out;
    });
    expect(facts).toEqual({
      Status: "Berjalan",
      Tahap: "Persiapan",
      "Konfirmasi instansi asal": "Menunggu konfirmasi",
      Verifikasi: "Belum diverifikasi",
      Fasilitator: `${facilitator.name} (${facilitator.code})`,
      "Faktor pembeda": DIFFERENCES_START,
    });
    expect(await stageRows(page)).toEqual([
      ["Persiapan", dayText(journey.persiapanOn), PERSIAPAN_NOTE, "Tanpa bukti"],
      ["Rencana & Pengembangan", "Belum dicapai", "—", "Tanpa bukti"],
      ["Implementasi", "Belum dicapai", "—", "Tanpa bukti"],
      ["Evaluasi", "Belum dicapai", "—", "Tanpa bukti"],
    ]);
    expect(auditActions(journey.replicationId)).toEqual(["replication.started"]);

    // The source agency: an in-app notice for its Admin Lokal and a mail.
    const notices = notificationsOf(owner.userId, "replications.notify.started").filter((n) => JSON.parse(n.params_json).adopter === adopter.name);
    expect(notices.map((n) => ({ params: JSON.parse(n.params_json), link: n.link, read: n.read_at !== null }))).toEqual([
      { params: { adopter: adopter.name, source: source.title }, link: `/agency/${owner.id}/replications`, read: false },
    ]);
    const mails = outboxTo(owner.email).filter((m) => m.subject === `Replikasi inovasi "${source.title}" oleh ${adopter.name}`);
    expect(mails.length).toBe(1);
    expect(mails[0].body_text).toContain(`/agency/${owner.id}/replications`);
    expect(mails[0].body_text).toContain(`dengan judul "${journey.title}"`);
  });

  it("3. A records Rencana & Pengembangan: an early date and a fake PDF refused, then the date, note and evidence; faktor pembeda", async () => {
    const { page } = app;
    const { adopter } = journey;
    const here = `/agency/${adopter.id}/replications/${journey.replicationId}`;
    await login(page, adopter.email);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(here);
    await oneHeading(page, journey.title);

    const form = page.getByRole("region", { name: "Catat tahap", exact: true });
    const stage = form.getByLabel("Tahap", { exact: true });
    expect(await stage.inputValue()).toBe("rencana");
    expect(await stage.locator("option").allInnerTexts()).toEqual(["Persiapan", "Rencana & Pengembangan"]);

    // A date before Persiapan: refused at the field, the typed values kept.
    const early = wibDay(-61);
    await form.getByLabel("Tanggal (WIB)", { exact: true }).fill(early);
    await form.getByLabel("Catatan", { exact: true }).fill(RENCANA_NOTE);
    await form.getByRole("button", { name: "Simpan tahap", exact: true }).click();
    const dateError = page.locator("#happenedOn-error");
    await see(dateError);
    expect(await dateError.innerText()).toBe("Tanggal tidak boleh sebelum tanggal tahap sebelumnya.");
    const again = page.getByRole("region", { name: "Catat tahap", exact: true });
    expect(await again.getByLabel("Tanggal (WIB)", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await again.getByLabel("Tanggal (WIB)", { exact: true }).inputValue()).toBe(early);
    expect(await again.getByLabel("Catatan", { exact: true }).inputValue()).toBe(RENCANA_NOTE);
    expect(await again.getByLabel("Tahap", { exact: true }).inputValue()).toBe("rencana");
    expect(replication(journey.replicationId).stage).toBe("persiapan");

    // A ".pdf" that is really text: refused with its name, the typed values kept, nothing stored.
    const filesLabel = "Bukti (PDF, JPG, PNG; maks. 10 MB; hingga 5 berkas per tahap)";
    await again.getByLabel("Tanggal (WIB)", { exact: true }).fill(journey.rencanaOn);
    await again.getByLabel(filesLabel, { exact: true }).setInputFiles({ name: FAKE_NAME, mimeType: "application/pdf", buffer: FAKE });
    await again.getByRole("button", { name: "Simpan tahap", exact: true }).click();
    const filesField = page.locator(".field", { has: page.getByLabel(filesLabel, { exact: true }) });
    await see(filesField.getByRole("alert"));
    expect(await filesField.getByRole("alert").innerText()).toBe(`Hanya PDF, JPG, atau PNG. (${FAKE_NAME})`);
    expect(await page.getByLabel(filesLabel, { exact: true }).getAttribute("aria-invalid")).toBe("true");
    const third = page.getByRole("region", { name: "Catat tahap", exact: true });
    expect(await third.getByLabel("Tanggal (WIB)", { exact: true }).inputValue()).toBe(journey.rencanaOn);
    expect(await third.getByLabel("Catatan", { exact: true }).inputValue()).toBe(RENCANA_NOTE);
    expect(replication(journey.replicationId).stage).toBe("persiapan");
    expect(read((db) => (db.prepare("select count(*) as n from replication_files where replication_id = ?").get(journey.replicationId) as { n: number }).n)).toBe(0);
    await screenshot(page, "replications-3-fake-file");

    // The real PDF: stored with the date and the note.
    await third.getByLabel(filesLabel, { exact: true }).setInputFiles({ name: PDF_NAME, mimeType: "application/pdf", buffer: PDF });
    await third.getByRole("button", { name: "Simpan tahap", exact: true }).click();
    await page.waitForURL((u) => u.pathname === here && u.searchParams.get("notice") === "saved");
    await see(page.getByText("Tersimpan.", { exact: true }));
    expect(replication(journey.replicationId)).toMatchObject({ stage: "rencana", status: "berjalan" });
    const files = read(
      (db) =>
        db.prepare("select id, stage, original_name, mime_type, size_bytes from replication_files where replication_id = ?").all(journey.replicationId) as {
          id: string;
          stage: string;
          original_name: string;
          mime_type: string;
          size_bytes: number;
        }[],
    );
    expect(files.map(({ id: _id, ...f }) => f)).toEqual([{ stage: "rencana", original_name: PDF_NAME, mime_type: "application/pdf", size_bytes: PDF.length }]);
    journey.fileId = files[0].id;
    const stages = page.getByRole("region", { name: "Tahapan", exact: true });
    expect(await stageRows(page)).toEqual([
      ["Persiapan", dayText(journey.persiapanOn), PERSIAPAN_NOTE, "Tanpa bukti"],
      ["Rencana & Pengembangan", dayText(journey.rencanaOn), RENCANA_NOTE, `${PDF_NAME} (${formatFileSize(PDF.length, "id")})`],
      ["Implementasi", "Belum dicapai", "—", "Tanpa bukti"],
      ["Evaluasi", "Belum dicapai", "—", "Tanpa bukti"],
    ]);
    const fileLink = stages.getByRole("link", { name: PDF_NAME, exact: true });
    expect(await fileLink.getAttribute("href")).toBe(`/replications/${journey.replicationId}/files/${journey.fileId}`);
    // The adopter may remove it while the replication runs (one button, named after the file).
    expect(await stages.getByRole("button", { name: `Hapus berkas ${PDF_NAME}`, exact: true }).count()).toBe(1);
    const download = await page.request.get(`/replications/${journey.replicationId}/files/${journey.fileId}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.compare(await download.body(), PDF)).toBe(0);
    // What the stage form holds right after the save (client-side navigation): see step 3b.
    {
      const f = page.getByRole("region", { name: "Catat tahap", exact: true });
      journey.stageFormAfterSave = {
        stage: await f.getByLabel("Tahap", { exact: true }).inputValue(),
        note: await f.getByLabel("Catatan", { exact: true }).inputValue(),
        files: await f.locator("input[type=file]").evaluate((i) => (i as HTMLInputElement).files?.length ?? 0),
      };
    }
    // As the server renders it (a reload, or without JavaScript): the next stage to record is Implementasi, an empty note.
    await page.reload();
    await oneHeading(page, journey.title);
    const next = page.getByRole("region", { name: "Catat tahap", exact: true });
    expect(await next.getByLabel("Tahap", { exact: true }).inputValue()).toBe("implementasi");
    expect(await next.getByLabel("Tahap", { exact: true }).locator("option").allInnerTexts()).toEqual(["Persiapan", "Rencana & Pengembangan", "Implementasi"]);
    expect(await next.getByLabel("Catatan", { exact: true }).inputValue()).toBe("");
    expect(await next.getByLabel("Tanggal (WIB)", { exact: true }).inputValue()).toBe(wibDay(0));

    // Faktor pembeda, in the details form.
    const details = page.locator("section", { has: page.locator("#details-heading") });
    expect(await details.getByLabel("Faktor pembeda", { exact: true }).inputValue()).toBe(DIFFERENCES_START);
    await details.getByLabel("Faktor pembeda", { exact: true }).fill(DIFFERENCES);
    await details.getByRole("button", { name: "Simpan rincian", exact: true }).click();
    await page.waitForURL((u) => u.pathname === here && u.searchParams.get("notice") === "saved");
    const summary = page.locator("section", { has: page.locator("#summary-heading") });
    await see(summary.getByText(DIFFERENCES, { exact: true }));
    expect(replication(journey.replicationId)).toMatchObject({ differences: DIFFERENCES, title: journey.title, source_response: "pending" });
    expect(auditActions(journey.replicationId)).toEqual(["replication.started", "replication.stageRecorded", "replication.updated"]);
    await screenshot(page, "replications-3-recorded");
  });

  // The stage form's fields are uncontrolled and the save redirects to the same route: without the form's key on the
  // replication's last change, the form kept the stage just saved, its note and the chosen file after "Simpan tahap"
  // (with JavaScript), and a second click uploaded the same evidence again. Found by this test; fixed.
  it("3b. after saving a stage, the stage form is ready for the next stage (as without JavaScript)", () => {
    expect(journey.stageFormAfterSave).toEqual({ stage: "implementasi", note: "", files: 0 });
  });

  it("4. anonymous: the pending replication is not public (page, open data, counts, evidence)", async () => {
    const { page } = app;
    const { source } = journey;
    // A URL the server cache has not kept yet, so this is a fresh render.
    const res = await page.goto(`/innovations/${source.id}?from=pending-check`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["x-public-cache"]).toBe("miss");
    await oneHeading(page, source.title);
    const section = page.getByRole("region", { name: "Replikasi inovasi ini", exact: true });
    if (journey.publicBefore.length === 0) {
      await see(section.getByText("Belum ada replikasi yang dikonfirmasi atau diverifikasi.", { exact: true }));
      expect(await section.getByRole("table").count()).toBe(0);
    } else {
      expect(await rowsOf(section.getByRole("table"))).toEqual(journey.publicBefore);
    }
    expect(await page.getByText(journey.title).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Replikasi inovasi ini" }).count()).toBe(0);

    const api = await openData(page, `source=${source.id}&format=json`);
    expect(api.cache).toBe("miss");
    expect(api.rows.map((r) => r.id).sort()).toEqual(journey.apiBefore);

    expect(provinceCountsInDb()).toEqual(journey.provincesBefore.rows);
    await page.goto("/replications/provinces");
    expect(await provinceTable(page)).toEqual(journey.provincesBefore);

    const file = await page.request.get(`/replications/${journey.replicationId}/files/${journey.fileId}`);
    expect(file.status()).toBe(404);
  });

  it("5. Admin Lokal B of the source agency sees the notice, reads the replication and confirms it", async () => {
    const { page } = app;
    const { source, adopter, owner } = journey;
    const base = `/agency/${owner.id}/replications`;
    await login(page, owner.email);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await oneHeading(page, "Dasbor");
    const notices = page.getByRole("region", { name: /^Pemberitahuan \(\d+\)$/ });
    const notice = notices.getByRole("listitem").filter({ hasText: `${adopter.name} mencatat replikasi inovasi Anda "${source.title}". Mohon konfirmasi.` });
    await see(notice);
    expect(await notice.count()).toBe(1);
    await notice.getByRole("button", { name: "Buka", exact: true }).click();
    await page.waitForURL((u) => u.pathname === base);
    await oneHeading(page, "Replikasi");
    expect(notificationsOf(owner.userId, "replications.notify.started").filter((n) => JSON.parse(n.params_json).adopter === adopter.name)[0].read_at).not.toBeNull();

    const incoming = page.getByRole("region", { name: "Replikasi atas inovasi instansi ini", exact: true });
    const row = incoming.locator("tbody tr", { has: page.getByRole("link", { name: journey.title, exact: true }) });
    expect(await row.count()).toBe(1);
    expect((await rowsOf(incoming.locator("table"))).filter((c) => c[0] === journey.title)).toEqual([
      [journey.title, adopter.name, "Rencana & Pengembangan", "Berjalan", "Menunggu konfirmasi"],
    ]);
    await screenshot(page, "replications-5-incoming");

    // It reads the replication: the stages and the evidence, without any edit form.
    await row.getByRole("link", { name: journey.title, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `${base}/${journey.replicationId}`);
    await oneHeading(page, journey.title);
    const stages = page.getByRole("region", { name: "Tahapan", exact: true });
    await see(stages.getByRole("link", { name: PDF_NAME, exact: true }));
    expect(await stageRows(page)).toEqual([
      ["Persiapan", dayText(journey.persiapanOn), PERSIAPAN_NOTE, "Tanpa bukti"],
      ["Rencana & Pengembangan", dayText(journey.rencanaOn), RENCANA_NOTE, `${PDF_NAME} (${formatFileSize(PDF.length, "id")})`],
      ["Implementasi", "Belum dicapai", "—", "Tanpa bukti"],
      ["Evaluasi", "Belum dicapai", "—", "Tanpa bukti"],
    ]);
    await see(page.locator("section", { has: page.locator("#summary-heading") }).getByText(DIFFERENCES, { exact: true }));
    expect(await page.getByRole("region", { name: "Catat tahap", exact: true }).count()).toBe(0);
    expect(await page.locator("#details-heading, #status-heading").count()).toBe(0);
    expect(await page.getByRole("button").filter({ hasText: /^(Simpan tahap|Ubah status|Simpan rincian|Hapus)$/ }).count()).toBe(0);
    const file = await page.request.get(`/replications/${journey.replicationId}/files/${journey.fileId}`);
    expect(file.status()).toBe(200);
    expect(Buffer.compare(await file.body(), PDF)).toBe(0);
    await page.getByRole("link", { name: "Kembali ke daftar replikasi", exact: true }).click();
    await page.waitForURL((u) => u.pathname === base);

    // An answer without choosing: refused at the field, the note kept.
    const form = page.getByRole("form", { name: `Jawaban instansi asal: ${journey.title}`, exact: true });
    await see(form);
    await form.getByLabel("Catatan", { exact: true }).fill(CONFIRM_NOTE);
    await form.getByRole("button", { name: "Jawaban", exact: true }).click();
    const refused = page.getByRole("form", { name: `Jawaban instansi asal: ${journey.title}`, exact: true });
    await see(refused.locator(".field").getByRole("alert"));
    expect(await refused.locator(".field").getByRole("alert").innerText()).toBe("Pilih konfirmasi atau bantah.");
    expect(await refused.getByLabel("Jawaban", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await refused.getByLabel("Catatan", { exact: true }).inputValue()).toBe(CONFIRM_NOTE);
    expect(replication(journey.replicationId).source_response).toBe("pending");

    // Confirm with the keyboard: choose, then Tab from the note to the button and press Enter.
    await refused.getByLabel("Jawaban", { exact: true }).selectOption({ label: "Konfirmasi" });
    await refused.getByLabel("Catatan", { exact: true }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim())).toBe("Jawaban");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === base && u.searchParams.get("notice") === "responded");
    await see(page.getByText("Tersimpan.", { exact: true }));
    const after = page.getByRole("region", { name: "Replikasi atas inovasi instansi ini", exact: true });
    expect((await rowsOf(after.locator("table"))).filter((c) => c[0] === journey.title)).toEqual([
      [journey.title, adopter.name, "Rencana & Pengembangan", "Berjalan", "Dikonfirmasi · Tampil publik"],
    ]);
    expect(replication(journey.replicationId)).toMatchObject({
      source_response: "confirmed",
      source_response_note: CONFIRM_NOTE,
      source_responded_by: owner.userId,
      verified_at: null,
    });
    expect(auditActions(journey.replicationId)).toEqual(["replication.started", "replication.stageRecorded", "replication.updated", "replication.responded"]);
    const mails = outboxTo(adopter.email).filter((m) => m.subject === `Replikasi "${journey.title}": Dikonfirmasi`);
    expect(mails.length).toBe(1);
    expect(mails[0].body_text).toContain(`Catatan: ${CONFIRM_NOTE}`);
    await screenshot(page, "replications-5-confirmed");
  });

  it("6. anonymous: the innovation page lists it, the province counts grew by exactly 1, the open data carries it", async () => {
    const { page } = app;
    const { source, adopter, facilitator } = journey;
    const r = replication(journey.replicationId);

    // The same URL as in step 1: the confirmation emptied the server's cache of public pages.
    const res = await page.goto(`/innovations/${source.id}`);
    expect(res?.headers()["x-public-cache"]).toBe("miss");
    await oneHeading(page, source.title);
    const section = page.getByRole("region", { name: "Replikasi inovasi ini", exact: true });
    const mineRow = publicRowText(
      { adopter: adopter.name, title: journey.title, facilitator: facilitator.name, province: adopter.provinceName, stage: "rencana", status: "berjalan" },
      source.title,
    );
    expect(mineRow).toEqual([
      `${adopter.name} — ${journey.title} (Fasilitator: ${facilitator.name})`,
      adopter.provinceName,
      "Rencana & Pengembangan",
      "Berjalan",
    ]);
    const expected = expectedPublicRows(source.id, source.title);
    expect(expected.length).toBe(journey.publicBefore.length + 1);
    expect(expected).toContainEqual(mineRow);
    expect(expected.filter((c) => JSON.stringify(c) !== JSON.stringify(mineRow))).toEqual(journey.publicBefore);
    expect(await rowsOf(section.getByRole("table"))).toEqual(expected);
    expect(await section.getByText("Belum ada replikasi yang dikonfirmasi atau diverifikasi.").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Replikasi inovasi ini" }).count()).toBe(0);
    await screenshot(page, "replications-6-public");

    // Province counts: +1 as adopter (the adopter's province) and +1 as source (the source's province), nothing else.
    await page.goto("/replications/provinces");
    await oneHeading(page, "Replikasi per provinsi");
    const now = await provinceTable(page);
    const want = structuredClone(journey.provincesBefore.rows);
    const bump = (name: string, k: "adopted" | "sourced") => {
      want[name] ??= { adopted: 0, sourced: 0 };
      want[name][k] += 1;
    };
    bump(adopter.provinceName!, "adopted");
    const sourceProvince = source.provinceCode
      ? read((db) => (db.prepare("select name from regions where code = ?").get(source.provinceCode) as { name: string }).name)
      : null;
    if (sourceProvince) bump(sourceProvince, "sourced");
    expect(now.rows).toEqual(want);
    expect(now.rows[adopter.provinceName!].adopted).toBe((journey.provincesBefore.rows[adopter.provinceName!]?.adopted ?? 0) + 1);
    expect(now.total).toEqual([journey.provincesBefore.total[0] + 1, journey.provincesBefore.total[1] + (sourceProvince ? 1 : 0)]);
    expect(now.rows).toEqual(provinceCountsInDb());

    // Open data: JSON, then CSV.
    const api = await openData(page, `source=${source.id}`);
    expect(api.rows.map((x) => x.id).sort()).toEqual([...journey.apiBefore, journey.replicationId].sort());
    expect(api.rows.find((x) => x.id === journey.replicationId)).toEqual({
      id: journey.replicationId,
      title: journey.title,
      sourceInnovationId: source.id,
      sourceTitle: source.title,
      sourceAgency: source.agencyName,
      sourceYear: source.year,
      sourceProvinceCode: source.provinceCode,
      sourceUrl: `${app.baseUrl}/innovations/${source.id}`,
      adopter: adopter.name,
      adopterProvinceCode: adopter.provinceCode,
      adopterProvince: adopter.provinceName,
      facilitator: facilitator.name,
      stage: "rencana",
      status: "berjalan",
      confirmedBySource: true,
      verified: false,
      updatedAt: r.updated_at,
    });
    const csv = await page.request.get(`/api/public/replications?source=${source.id}&format=csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const parsed = parseCsv(await csv.text());
    if (!parsed.ok) throw new Error(`CSV: ${JSON.stringify(parsed.error)}`);
    const records = parsed.records.map((x) => x.fields).filter((f) => !(f.length === 1 && f[0] === ""));
    expect(records[0]).toEqual([
      "id",
      "title",
      "source_innovation_id",
      "source_title",
      "source_agency",
      "source_year",
      "source_province_code",
      "adopter",
      "adopter_province_code",
      "facilitator",
      "stage",
      "status",
      "confirmed_by_source",
      "verified",
      "updated_at",
    ]);
    expect(records.length).toBe(1 + journey.apiBefore.length + 1);
    expect(records.filter((f) => f[0] === journey.replicationId)).toEqual([
      [
        journey.replicationId,
        journey.title,
        source.id,
        source.title,
        source.agencyName,
        String(source.year),
        source.provinceCode ?? "",
        adopter.name,
        adopter.provinceCode ?? "",
        facilitator.name,
        "rencana",
        "berjalan",
        "1",
        "0",
        r.updated_at,
      ],
    ]);
  });

  it("7. Admin Lokal A sees the confirmation on the dashboard", async () => {
    const { page } = app;
    const { adopter, owner } = journey;
    await login(page, adopter.email);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    const notices = page.getByRole("region", { name: /^Pemberitahuan \(\d+\)$/ });
    const notice = notices.getByRole("listitem").filter({ hasText: `${owner.name} mengonfirmasi replikasi "${journey.title}".` });
    await see(notice);
    expect(await notice.count()).toBe(1);
    await notice.getByRole("button", { name: "Buka", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/agency/${adopter.id}/replications/${journey.replicationId}`);
    await oneHeading(page, journey.title);
    const summary = page.locator("section", { has: page.locator("#summary-heading") });
    await see(summary.getByText(`Dikonfirmasi — ${CONFIRM_NOTE}`, { exact: true }));
  });
});
