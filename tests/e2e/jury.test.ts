/**
 * The jury journey of issue 4 in a real browser, on the demo data (KIPP 2025:
 * 37 proposals passed screening, evaluator1..6 active with evaluator4 and
 * evaluator6 from provincial governments, round 1 "Penilaian Proposal" with
 * k = 3 already assigned by the solver):
 *
 *   1. the organizer opens KIPP 2025 → Konflik kepentingan, runs the conflict
 *      check and sees the counts and every automatic conflict (evaluator6's
 *      against Kota Pontianak among them), exactly as stored;
 *   2. the organizer records a conflict on a pair that is assigned
 *      (evaluator1 × one of evaluator1's proposals); the round page reports
 *      one affected assignment; "start over" without the confirmation box is
 *      refused at the field; the repair preview shows loads, expertise
 *      coverage and the diff (1 added, 1 removed); commit; the database then
 *      has exactly 3 jurors per eligible proposal, none on an active
 *      conflict, and every other assignment untouched;
 *   3. evaluator1 opens "Buka penugasan saya" from the dashboard and sees
 *      exactly the numbers assigned to them in the database; an assigned
 *      proposal opens (by keyboard), the one just taken away and one never
 *      assigned answer 404.
 *
 * The database is only READ here (better-sqlite3, read-only) to know the
 * expected values; every change goes through the browser. The steps run in
 * order and share what they learn through module state.
 * Screenshots: tmp/e2e/jury-conflicts.png, jury-preview.png, jury-juror-list.png.
 */
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { login, screenshot, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "jury" });

const SLUG = "kipp-2025";
const ORGANIZER = "sekretariat@menpan.test";
const JUROR = "evaluator1@juri.test";
const ROUND = "Penilaian Proposal";
const NUMBER = /KIPP2025-\d{6}/g;

// ------------------------------------------------------------------ reading the database

const read = <T>(fn: (db: Database.Database) => T): T => app.read(fn);

interface Pair {
  number: string;
  email: string;
}
const key = (p: Pair) => `${p.number} ${p.email}`;

function competitionId(db: Database.Database): string {
  return (db.prepare("select id from competitions where slug = ?").get(SLUG) as { id: string }).id;
}

function roundId(db: Database.Database): string {
  return (db.prepare("select id from rounds where competition_id = ? and position = 1").get(competitionId(db)) as { id: string }).id;
}

/** Round 1's assignments as "number email", sorted. */
function roundPairs(): string[] {
  return read((db) =>
    (
      db
        .prepare(
          `select p.number, j.email from assignments a
             join proposals p on p.id = a.proposal_id
             join jurors j on j.id = a.juror_id
            where a.round_id = ?`,
        )
        .all(roundId(db)) as Pair[]
    )
      .map(key)
      .sort(),
  );
}

/** Proposals of the edition that take part in round 1: submitted and screened "lolos". */
function eligibleNumbers(): string[] {
  return read((db) =>
    (
      db
        .prepare(
          `select p.number from proposals p
             join proposal_screenings s on s.proposal_id = p.id
            where p.competition_id = ? and p.status = 'submitted' and s.result = 'lolos'
            order by p.number`,
        )
        .all(competitionId(db)) as { number: string }[]
    ).map((r) => r.number),
  );
}

interface ConflictRow extends Pair {
  source: string;
  status: string;
  agency: string;
}

function conflicts(): ConflictRow[] {
  return read(
    (db) =>
      db
        .prepare(
          `select p.number, j.email, c.source, c.status, ag.name as agency from conflicts c
             join jurors j on j.id = c.juror_id
             join proposals p on p.id = c.proposal_id
             join agencies ag on ag.id = p.agency_id
            where j.competition_id = ?
            order by p.number, j.email, c.source`,
        )
        .all(competitionId(db)) as ConflictRow[],
  );
}

function jurorOf(email: string): { id: string; name: string } {
  return read((db) => db.prepare("select id, name from jurors where competition_id = ? and email = ? and role = 'evaluator'").get(competitionId(db), email) as { id: string; name: string });
}

function titleOf(number: string): string {
  return read((db) => (db.prepare("select title from proposals where number = ?").get(number) as { title: string }).title);
}

const numbersOf = (pairs: string[], email: string) =>
  pairs
    .filter((p) => p.endsWith(` ${email}`))
    .map((p) => p.split(" ")[0])
    .sort();

// ------------------------------------------------------------------ page helpers

/** Exactly one h1 on the page, with this text. */
async function oneHeading(page: Page, name: string): Promise<void> {
  await see(page.getByRole("heading", { level: 1, name, exact: true }));
  expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
}

/** Follow a link by its accessible name and wait until the address has this path. */
async function follow(page: Page, name: string, pathname: string | RegExp): Promise<void> {
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.waitForURL((u) => (typeof pathname === "string" ? u.pathname === pathname : pathname.test(u.pathname)));
}

/** A table as rows of [row header, ...cells], whitespace-collapsed. */
async function tableRows(page: Page, scope: ReturnType<Page["locator"]>): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await scope.getByRole("row").filter({ has: page.getByRole("rowheader") }).all()) {
    const head = await row.getByRole("rowheader").innerText();
    const cells = await row.getByRole("cell").allInnerTexts();
    out.push([head, ...cells].map((s) => s.replace(/\s+/g, " ").trim()));
  }
  return out;
}

// ------------------------------------------------------------------ the journey

const journey = {
  /** evaluator1's proposal the organizer records a conflict on. */
  taken: "",
  /** Round 1 before the repair. */
  before: [] as string[],
};

describe("juries: conflict check, repair preview and commit, a juror's own list", () => {
  it("1. the organizer runs the conflict check and sees every automatic conflict", async () => {
    const { page } = app;
    const stored = conflicts();
    const active = stored.filter((c) => c.status === "active");
    // The demo's own facts this test leans on: automatic conflicts exist, evaluator6 × Kota Pontianak among them.
    expect(active.length).toBeGreaterThan(0);
    expect(stored.every((c) => c.source.startsWith("auto_"))).toBe(true);
    expect(active.some((c) => c.email === "evaluator6@juri.test" && c.agency === "Pemerintah Kota Pontianak")).toBe(true);

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await follow(page, "KIPP 2025", `/competitions/${SLUG}`);
    await oneHeading(page, "KIPP 2025");
    await follow(page, "Konflik kepentingan", `/competitions/${SLUG}/conflicts`);
    await oneHeading(page, "Konflik kepentingan");

    await page.getByRole("button", { name: "Jalankan pemeriksaan konflik", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "checked");
    // The demo's round was assigned after a check, so nothing is new or gone: every conflict is kept.
    await see(
      page.getByText(
        `Pemeriksaan selesai: 0 konflik baru, 0 dihapus karena tidak berlaku lagi, ${active.length} tetap, 0 tetap dikesampingkan.`,
        { exact: true },
      ),
    );
    expect(conflicts()).toEqual(stored);

    // The summary by source, as stored (dismissals only count for automatic sources).
    const LABELS: Record<string, string> = {
      auto_agency: "Otomatis: instansi sama",
      auto_parent: "Otomatis: instansi induk",
      auto_child: "Otomatis: instansi bawahan",
      auto_region: "Otomatis: wilayah sama",
      juror: "Dinyatakan juri",
      agency: "Dinyatakan instansi",
      organizer: "Dicatat penyelenggara",
    };
    const n = (source: string, status: string) => String(stored.filter((c) => c.source === source && c.status === status).length);
    const totals = page.getByRole("region", { name: "Ringkasan per sumber", exact: true });
    expect(await tableRows(page, totals)).toEqual(
      Object.entries(LABELS).map(([source, label]) => [label, n(source, "active"), source.startsWith("auto_") ? n(source, "dismissed") : "—"]),
    );

    // The list: exactly the stored conflicts, each with its juror, proposal, agency and source.
    const list = page.getByRole("region", { name: "Daftar konflik", exact: true });
    await see(list.getByText(`${stored.length} konflik sesuai saringan.`, { exact: true }));
    const shown = (await tableRows(page, list)).map(([juror, proposal, source, , declaredBy, status]) => ({
      email: juror.match(/[\w.+-]+@[\w.-]+/)?.[0] ?? "",
      number: proposal.match(NUMBER)?.[0] ?? "",
      agency: proposal,
      source,
      declaredBy,
      status,
    }));
    expect(shown.map((s) => `${s.number} ${s.email} ${s.source}`).sort()).toEqual(
      stored.map((c) => `${c.number} ${c.email} ${LABELS[c.source]}`).sort(),
    );
    for (const s of shown) {
      expect(s.declaredBy.startsWith("Pemeriksaan otomatis")).toBe(true);
      expect(s.status.startsWith("Aktif")).toBe(true);
      expect(s.agency).toContain(stored.find((c) => c.number === s.number)!.agency);
    }
    const pontianak = list.getByRole("row").filter({ hasText: "evaluator6@juri.test" }).filter({ hasText: "Pemerintah Kota Pontianak" });
    expect(await pontianak.count()).toBe(1);
    await see(pontianak.getByText("Otomatis: instansi induk", { exact: true }));
    await see(pontianak.getByRole("link", { name: /^Kesampingkan konflik .* dan KIPP2025-\d{6}$/ }));
    await screenshot(page, "jury-conflicts");
  });

  it("2. a recorded conflict on an assigned pair: start over needs confirming; repair preview, commit, only that pair changes", async () => {
    const { page } = app;
    journey.before = roundPairs();
    const eligible = eligibleNumbers();
    expect(eligible.length).toBe(37);
    expect(journey.before.length).toBe(eligible.length * 3);
    const mine = numbersOf(journey.before, JUROR);
    expect(mine.length).toBeGreaterThan(0);
    journey.taken = mine[0];
    const juror = jurorOf(JUROR);

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/conflicts`);
    await oneHeading(page, "Konflik kepentingan");

    // Recorded by the organizer, on a pair the solver assigned.
    const record = page.getByRole("region", { name: "Catat konflik", exact: true });
    await record.getByLabel("Juri", { exact: true }).selectOption({ label: `${juror.name} · Evaluator · ${JUROR}` });
    await record.getByLabel("Nomor proposal", { exact: true }).fill(journey.taken);
    await record.getByLabel("Alasan", { exact: true }).fill("Juri menjadi pembimbing penyusunan proposal ini di kampusnya.");
    await record.getByRole("button", { name: "Catat konflik", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "recorded");
    await see(page.getByText("Konflik dicatat.", { exact: true }));
    const recorded = page
      .getByRole("region", { name: "Daftar konflik", exact: true })
      .getByRole("row")
      .filter({ hasText: JUROR })
      .filter({ hasText: journey.taken });
    await see(recorded.getByText("Dicatat penyelenggara", { exact: true }));
    expect(conflicts().filter((c) => c.source === "organizer").map((c) => [c.number, c.email, c.status])).toEqual([[journey.taken, JUROR, "active"]]);
    // Recording changes no assignment by itself.
    expect(roundPairs()).toEqual(journey.before);

    // To the round, through the pages.
    await follow(page, "KIPP 2025", `/competitions/${SLUG}`);
    await follow(page, "Putaran & penugasan", `/competitions/${SLUG}/rounds`);
    await oneHeading(page, "Putaran & penugasan");
    await follow(page, ROUND, /^\/competitions\/kipp-2025\/rounds\/[^/]+$/);
    await oneHeading(page, ROUND);
    const repair = page.getByRole("region", { name: "Perbaikan", exact: true });
    await see(repair.getByText("1 penugasan terdampak: jurinya tidak aktif lagi atau ada konflik kepentingan pada pasangan itu.", { exact: true }));

    // Bad input: "start over" without ticking the confirmation is refused at the box, the choice kept.
    const run = page.getByRole("region", { name: "Penugasan otomatis", exact: true });
    await run.getByLabel("Mulai dari awal", { exact: true }).check();
    await run.getByRole("button", { name: "Buat pratinjau", exact: true }).click();
    const refusal = run.getByRole("alert").filter({ hasText: "Centang untuk memastikan semua penugasan putaran ini boleh diganti." });
    await see(refusal);
    const box = run.getByLabel("Saya paham: mulai dari awal mengganti semua penugasan putaran ini.", { exact: true });
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    expect(await run.getByLabel("Mulai dari awal", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("region", { name: "Pratinjau terbaru" }).count()).toBe(0);

    // Repair: preview only the affected pair.
    await repair.getByRole("button", { name: "Pratinjau perbaikan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "previewed");
    await see(page.getByText("Pratinjau dibuat. Periksa hasilnya, lalu terapkan.", { exact: true }));
    const preview = page.getByRole("region", { name: "Pratinjau terbaru", exact: true });
    await see(preview.getByText(/^Cara: Perbaikan · dibuat /));
    await see(preview.getByText(`Lengkap: setiap proposal (${eligible.length}) mendapat 3 juri.`, { exact: true }));
    await see(preview.getByText(`1 ditambah, 1 dihapus, ${journey.before.length - 1} tetap.`, { exact: true }));
    // Figures: pairs and expertise coverage are there (values checked against the DB after commit).
    const figures = Object.fromEntries((await tableRows(page, preview.getByRole("table").first())).map(([h, v]) => [h, v]));
    expect(figures["Pasangan juri–proposal"]).toBe(String(journey.before.length));
    expect(figures["Pasangan yang sesuai keahlian"]).toMatch(/^\d+ \([\d,]+%\)$/);
    expect(figures["Proposal dengan paling sedikit satu juri ahli"]).toMatch(new RegExp(`^\\d+ dari ${eligible.length} \\(`));
    // Per-juror loads: evaluator1 loses exactly one, one other juror gains exactly one, nobody else moves.
    const loads = await tableRows(page, preview.getByRole("table").last());
    expect(loads.length).toBe(6);
    const row = (name: string) => loads.find((r) => r[0].startsWith(name))!;
    const before1 = mine.length;
    expect(row(juror.name).slice(1)).toEqual([String(before1), String(before1 - 1), "0–25", "0", "−1"]);
    const gainers = loads.filter((r) => r[4] === "+1");
    expect(gainers.length).toBe(1);
    expect(loads.filter((r) => r[4] !== "0" || r[5] !== "0").length).toBe(2);
    // The diff per juror names the proposal both ways.
    await preview.getByText("Perubahan per juri (2 juri)", { exact: true }).click();
    await see(preview.getByText(`Kehilangan 1: ${journey.taken}`, { exact: true }));
    await see(preview.getByText(`Mendapat 1: ${journey.taken}`, { exact: true }));
    await screenshot(page, "jury-preview");
    // Nothing changes before the commit.
    expect(roundPairs()).toEqual(journey.before);

    await preview.getByRole("button", { name: "Terapkan penugasan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "committed");
    await see(page.getByText("Penugasan diterapkan: 1 ditambah, 1 dihapus.", { exact: true }));
    expect(await page.getByRole("region", { name: "Perbaikan" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Pratinjau terbaru" }).count()).toBe(0);

    // The database: k = 3 for every eligible proposal, no conflicted pair, everything else untouched.
    const after = roundPairs();
    const perProposal = new Map<string, number>();
    for (const p of after) perProposal.set(p.split(" ")[0], (perProposal.get(p.split(" ")[0]) ?? 0) + 1);
    expect([...perProposal.keys()].sort()).toEqual(eligible);
    expect([...perProposal.values()].every((n) => n === 3)).toBe(true);
    const activeConflicts = new Set(conflicts().filter((c) => c.status === "active").map(key));
    expect(after.filter((p) => activeConflicts.has(p))).toEqual([]);
    const removed = journey.before.filter((p) => !after.includes(p));
    const added = after.filter((p) => !journey.before.includes(p));
    expect(removed).toEqual([`${journey.taken} ${JUROR}`]);
    expect(added.length).toBe(1);
    expect(added[0].startsWith(`${journey.taken} `)).toBe(true);
    const gainer = read((db) => db.prepare("select name from jurors where competition_id = ? and email = ?").get(competitionId(db), added[0].split(" ")[1]) as { name: string });
    expect(gainers[0][0].startsWith(gainer.name)).toBe(true);
  });

  it("3. evaluator1 sees exactly their own list; an assigned proposal opens, others answer 404", async () => {
    const { page } = app;
    expect(journey.taken).not.toBe("");
    const assigned = numbersOf(roundPairs(), JUROR);
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned).not.toContain(journey.taken);
    const neverAssigned = eligibleNumbers().find((n) => !numbersOf(journey.before, JUROR).includes(n) && !assigned.includes(n));
    expect(neverAssigned).toBeDefined();

    await login(page, JUROR);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.getByRole("region", { name: "Juri", exact: true }).getByRole("link", { name: "Buka penugasan saya: KIPP 2025", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/juror/${SLUG}`);
    await oneHeading(page, "Penugasan saya");

    const round = page.getByRole("region", { name: `Tahap 1: ${ROUND}`, exact: true });
    await see(round.getByText(`0 dari ${assigned.length} dibuka, 0 selesai`, { exact: true }));
    const table = round.getByRole("table", { name: "Proposal yang ditugaskan kepada Anda, tahap 1" });
    expect((await table.getByRole("rowheader").allInnerTexts()).map((s) => s.trim()).sort()).toEqual(assigned);
    // No other proposal number of the edition anywhere on the page.
    const onPage = [...new Set((await page.locator("main").innerText()).match(NUMBER) ?? [])].sort();
    expect(onPage).toEqual(assigned);
    await screenshot(page, "jury-juror-list");

    // Keyboard: on a fresh load the skip link comes first; an assigned proposal opens with Enter.
    await page.reload();
    await oneHeading(page, "Penugasan saya");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Lewati ke konten utama");
    const first = assigned[0];
    await table.getByRole("link", { name: first, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === `/proposals/${first}`);
    await oneHeading(page, titleOf(first));

    // Loaded directly: 200 for an assigned one, 404 for the one taken away and for one never assigned.
    const last = assigned[assigned.length - 1];
    expect((await page.goto(`/proposals/${last}`))?.status()).toBe(200);
    await oneHeading(page, titleOf(last));
    for (const number of [journey.taken, neverAssigned!]) {
      const res = await page.goto(`/proposals/${number}`);
      expect(res?.status()).toBe(404);
      await oneHeading(page, "Halaman tidak ditemukan");
      expect(await page.locator("body").innerText()).not.toContain(titleOf(number));
    }

    // Opening is recorded: the list now shows progress for the two opened.
    await page.goto(`/juror/${SLUG}`);
    await see(page.getByText(`2 dari ${assigned.length} dibuka, 0 selesai`, { exact: true }));
  });
});
