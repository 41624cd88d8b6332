/**
 * The scoring and plenary journey of issue 5 in a real browser, on the demo
 * data (KIPP 2025, round 1 "Penilaian Proposal" open with the 7-criterion
 * rubric on 0–100, pass grade 85 on the normalized score; evaluator2..6 have
 * submitted every sheet, evaluator1@juri.test none of their assignments):
 *
 *   1. evaluator1 opens "Penugasan saya", follows the first "Nilai" link,
 *      submits a value out of scale (refused at that field, every typed value
 *      kept), corrects it by keyboard and uses "Kirim & lanjut" three times in
 *      a row (the rubric filled by keyboard from the "skip to the form" link);
 *      the list then shows exactly those three as submitted;
 *   2. the organizer reaches the round through "Putaran & penugasan" and
 *      closes it: with sheets missing a reason is required (refused at the
 *      field without one), then closed with a reason;
 *   3. "Hasil & sidang pleno": 37 rows ranked 1..37 in exactly the order, with
 *      exactly the scores, disagreement and borderline flags and rule decisions
 *      computed here independently from the stored raw scores (the definitions
 *      of docs/ranking.md); one stopped proposal is advanced (refused without a
 *      reason, at the field); the decision needs the confirmation tick; the
 *      recorded decision lists rule-based and overridden entries apart; the
 *      replay is identical apart from that one override;
 *   4. the ranking CSV: BOM, CRLF, the exact header, the recorded ranks and
 *      decisions (override_advance for the overridden one), full precision.
 *
 * The database is only READ here (better-sqlite3, read-only) to know the
 * expected values; every change goes through the browser. The steps run in
 * order and share what they learn through module state.
 * Screenshots: tmp/e2e/scoring-invalid.png, scoring-list.png, scoring-decided.png.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { login, screenshot, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "scoring" });

const SLUG = "kipp-2025";
const ORGANIZER = "sekretariat@menpan.test";
const JUROR = "evaluator1@juri.test";
const ROUND = "Penilaian Proposal";
const KEYS = ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];

// ------------------------------------------------------------------ reading the database

const read = <T>(fn: (db: Database.Database) => T): T => app.read(fn);

function competitionId(db: Database.Database): string {
  return (
    db.prepare("select id from competitions where slug = ?").get(SLUG) as {
      id: string;
    }
  ).id;
}

interface RoundRow {
  id: string;
  status: string;
  close_reason: string | null;
  score_method: string;
  advancement_json: string;
  tiebreak_json: string;
  disagreement_threshold: number;
  borderline_band: number;
}

function round(): RoundRow {
  return read(
    (db) =>
      db
        .prepare(
          `select id, status, close_reason, score_method, advancement_json, tiebreak_json, disagreement_threshold, borderline_band
             from rounds where competition_id = ? and position = 1`,
        )
        .get(competitionId(db)) as RoundRow,
  );
}

/** evaluator1's proposals in round 1 that can be scored (no active conflict), in the list's order. */
function jurorNumbers(): string[] {
  return read((db) =>
    (
      db
        .prepare(
          `select p.number from assignments a
             join jurors j on j.id = a.juror_id
             join proposals p on p.id = a.proposal_id
            where a.round_id = ? and j.email = ?
              and not exists (select 1 from conflicts c where c.juror_id = j.id and c.proposal_id = p.id and c.status = 'active')
            order by p.number`,
        )
        .all(round().id, JUROR) as { number: string }[]
    ).map((r) => r.number),
  );
}

/** Sheet status of evaluator1's sheets in round 1, by proposal number. */
function jurorSheets(): Record<string, string> {
  return read((db) =>
    Object.fromEntries(
      (
        db
          .prepare(
            `select p.number, s.status from score_sheets s
               join jurors j on j.id = s.juror_id
               join proposals p on p.id = s.proposal_id
              where s.round_id = ? and j.email = ?`,
          )
          .all(round().id, JUROR) as { number: string; status: string }[]
      ).map((r) => [r.number, r.status]),
    ),
  );
}

/** evaluator1's submitted items, by proposal number then criterion key. */
function jurorItems(): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  read((db) =>
    (
      db
        .prepare(
          `select p.number, i.criterion_key, i.value from score_items i
             join score_sheets s on s.id = i.sheet_id
             join jurors j on j.id = s.juror_id
             join proposals p on p.id = s.proposal_id
            where s.round_id = ? and j.email = ? and s.status = 'submitted'`,
        )
        .all(round().id, JUROR) as {
        number: string;
        criterion_key: string;
        value: number;
      }[]
    ).forEach((r) => ((out[r.number] ??= {})[r.criterion_key] = r.value)),
  );
  return out;
}

/** Assignments of round 1 without a submitted sheet (what closing reports as missing). */
function missingSheets(): number {
  return read(
    (db) =>
      (
        db
          .prepare(
            `select count(*) as n from assignments a
               where a.round_id = ?
                 and not exists (select 1 from score_sheets s where s.assignment_id = a.id and s.status = 'submitted')`,
          )
          .get(round().id) as { n: number }
      ).n,
  );
}

function titleOf(number: string): string {
  return read((db) => (db.prepare("select title from proposals where number = ?").get(number) as { title: string }).title);
}

// ------------------------------------------------------------------ the ranking, computed here from the raw scores

interface Expected {
  proposalId: string;
  number: string;
  rank: number;
  nScores: number;
  rawMean: number | null;
  normalized: number | null;
  criterionMeans: Record<string, number | null>;
  disagreement: boolean;
  borderline: boolean;
  ruleDecision: "advance" | "stop";
}

const q9 = (x: number) => Math.round(x * 1e9);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const popSd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};

/**
 * docs/ranking.md, written out again for the demo's settings (normalized,
 * pass grade, tie-break criterion mean / raw mean / earlier submission /
 * number): totals, normalized, flags, order and the rule's decision.
 */
function expectedRanking(): Expected[] {
  return read((db) => {
    const r = round();
    expect(r.score_method).toBe("normalized");
    const rule = JSON.parse(r.advancement_json) as {
      kind: string;
      min: number;
    };
    expect(rule).toEqual({ kind: "pass_grade", min: 85 });
    const tiebreak = JSON.parse(r.tiebreak_json) as string[];
    expect(tiebreak).toEqual(["criterion:signifikansi", "raw_mean", "submitted_at"]);

    const criteria = db.prepare("select key, weight, scale_min as lo, scale_max as hi from round_criteria where round_id = ? order by position").all(r.id) as {
      key: string;
      weight: number;
      lo: number;
      hi: number;
    }[];
    expect(criteria.map((c) => c.key)).toEqual(KEYS);
    const entrants = db
      .prepare(
        `select p.id, p.number, p.submitted_at from proposals p
           join proposal_screenings s on s.proposal_id = p.id
          where p.competition_id = ? and p.status = 'submitted' and s.result = 'lolos'
          order by p.number`,
      )
      .all(competitionId(db)) as {
      id: string;
      number: string;
      submitted_at: string | null;
    }[];
    const entrantIds = new Set(entrants.map((e) => e.id));
    const items = db
      .prepare(
        `select s.id as sheet, s.proposal_id, s.juror_id, i.criterion_key, i.value from score_sheets s
           join score_items i on i.sheet_id = s.id
          where s.round_id = ? and s.status = 'submitted'`,
      )
      .all(r.id) as {
      sheet: string;
      proposal_id: string;
      juror_id: string;
      criterion_key: string;
      value: number;
    }[];
    const sheets = new Map<string, { proposalId: string; jurorId: string; scores: Record<string, number> }>();
    for (const it of items) {
      if (!entrantIds.has(it.proposal_id)) continue;
      const s = sheets.get(it.sheet) ?? {
        proposalId: it.proposal_id,
        jurorId: it.juror_id,
        scores: {},
      };
      s.scores[it.criterion_key] = it.value;
      sheets.set(it.sheet, s);
    }
    const wsum = criteria.reduce((a, c) => a + c.weight, 0);
    const totals = [...sheets.values()].map((s) => ({
      ...s,
      total: (100 * criteria.reduce((a, c) => a + (c.weight * (s.scores[c.key] - c.lo)) / (c.hi - c.lo), 0)) / wsum,
    }));
    const M = mean(totals.map((t) => t.total));
    const SD = popSd(totals.map((t) => t.total));
    const byJuror = new Map<string, number[]>();
    for (const t of totals) byJuror.set(t.jurorId, [...(byJuror.get(t.jurorId) ?? []), t.total]);
    const z = (t: (typeof totals)[number]) => {
      const own = byJuror.get(t.jurorId)!;
      const sdj = popSd(own);
      if (own.length >= 3 && q9(sdj) > 0) return (t.total - mean(own)) / sdj;
      return q9(SD) === 0 ? 0 : (t.total - M) / SD;
    };

    const rows = entrants.map((e) => {
      const mine = totals.filter((t) => t.proposalId === e.id);
      const ts = mine.map((t) => t.total);
      const n = ts.length;
      return {
        proposalId: e.id,
        number: e.number,
        submittedAt: e.submitted_at,
        nScores: n,
        rawMean: n ? mean(ts) : null,
        normalized: n ? M + SD * mean(mine.map(z)) : null,
        criterionMeans: Object.fromEntries(criteria.map((c) => [c.key, n ? mean(mine.map((t) => t.scores[c.key])) : null])),
        disagreement: n >= 2 && q9(Math.max(...ts) - Math.min(...ts)) > q9(r.disagreement_threshold),
      };
    });
    const desc = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : q9(b) - q9(a));
    rows.sort(
      (a, b) =>
        desc(a.normalized, b.normalized) ||
        desc(a.criterionMeans.signifikansi, b.criterionMeans.signifikansi) ||
        desc(a.rawMean, b.rawMean) ||
        (a.submittedAt ?? "\uffff").localeCompare(b.submittedAt ?? "\uffff") ||
        (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
    );
    const advances = (x: (typeof rows)[number]) => x.normalized !== null && q9(x.normalized) >= q9(rule.min);
    const advancing = rows.filter(advances);
    const cutoff = advancing.length ? advancing[advancing.length - 1].normalized! : null;
    return rows.map((x, i) => ({
      proposalId: x.proposalId,
      number: x.number,
      rank: i + 1,
      nScores: x.nScores,
      rawMean: x.rawMean,
      normalized: x.normalized,
      criterionMeans: x.criterionMeans,
      disagreement: x.disagreement,
      borderline: cutoff !== null && x.normalized !== null && q9(Math.abs(x.normalized - cutoff)) <= q9(r.borderline_band),
      ruleDecision: advances(x) ? "advance" : "stop",
    }));
  });
}

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

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** On-screen figure: rounded to 2 decimals by the loader, shown in Indonesian. */
const id2 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const screen2 = (x: number | null) => (x === null ? "–" : id2.format(Math.round(x * 100) / 100));

/**
 * Fill the rubric by keyboard: the "skip to the score form" link, then Tab
 * through score, comment, score, … and the overall comment, checking where
 * the focus is at every step.
 */
async function fillRubricByKeyboard(
  page: Page,
  values: string[],
  comments: Record<string, string>,
  overall: string,
  { checkFocus = false } = {},
): Promise<void> {
  const focusIs = async (id: string) => {
    if (checkFocus) expect(await activeId(page)).toBe(id);
  };
  await page.getByRole("link", { name: "Langsung ke formulir penilaian", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  for (const [i, key] of KEYS.entries()) {
    await focusIs(`score_${key}`);
    await page.keyboard.type(values[i]);
    await page.keyboard.press("Tab");
    await focusIs(`comment_${key}`);
    if (comments[key]) await page.keyboard.type(comments[key]);
    await page.keyboard.press("Tab");
  }
  // Whatever was checked on the way, the overall comment is where the walk must end.
  expect(await activeId(page)).toBe("overall");
  await page.keyboard.type(overall);
}

const scoreInput = (page: Page, name: string) => page.getByRole("spinbutton", { name: `Nilai ${name}`, exact: true });

// ------------------------------------------------------------------ the journey

const NAMES: Record<string, string> = {
  latar_belakang: "Latar belakang & tujuan",
  kebaruan: "Kebaruan",
  implementasi: "Implementasi",
  signifikansi: "Signifikansi",
  adaptabilitas: "Adaptabilitas",
  sumber_daya: "Sumber daya",
  keberlanjutan: "Keberlanjutan",
};

/**
 * evaluator1's three score sheets, as typed (in rubric order). The second is
 * far below the other jurors' totals (about 80), so its proposal is flagged
 * for disagreement (max − min above 25).
 */
const SHEETS = [
  ["90", "88", "85", "92", "87", "80", "86"],
  ["35", "40", "30", "30", "45", "40", "35"],
  ["95", "93", "90", "96", "94", "92", "95"],
];
const CLOSE_REASON = "Batas waktu penilaian berakhir; evaluator1 belum menyelesaikan semua lembar.";
const OVERRIDE_REASON = "Sidang pleno menilai dampak layanan di daerah terpencil layak diuji di tahap presentasi.";

const journey = {
  /** The three proposals evaluator1 submitted, in order. */
  scored: [] as string[],
  /** The stopped proposal the plenary advances. */
  overridden: "",
  /** The ranking computed here once the round is closed. */
  expected: [] as Expected[],
};

describe("scoring: a juror scores three in a row; the organizer closes, reviews, overrides, decides, replays and exports", () => {
  it("1. evaluator1 scores three proposals with 'Kirim & lanjut' (one refusal at its field first)", async () => {
    const { page } = app;
    const mine = jurorNumbers();
    // The demo gives evaluator1 a full load (18–19 with k = 3 over 37 proposals and 6 jurors).
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(jurorSheets()).toEqual({});
    const roundId = round().id;
    const scorePath = (n: string) => `/juror/${SLUG}/score/${roundId}/${n}`;

    await login(page, JUROR);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/juror/${SLUG}`);
    await oneHeading(page, "Penugasan saya");
    const list = page.getByRole("region", {
      name: `Tahap 1: ${ROUND}`,
      exact: true,
    });
    await see(list.getByText(`0 dari ${mine.length} dibuka, 0 selesai`, { exact: true }));

    // The first "Nilai" link of the list is the first proposal by number.
    const firstLink = list.getByRole("link", { name: /^Nilai proposal / }).first();
    expect(await firstLink.getAttribute("aria-label")).toBe(`Nilai proposal ${mine[0]}`);
    await firstLink.click();
    await page.waitForURL((u) => u.pathname === scorePath(mine[0]));
    await oneHeading(page, `Penilaian ${mine[0]}`);
    await see(page.getByText(`0 dari ${mine.length} nilai dikirim`));
    await see(page.getByText("Belum dinilai", { exact: true }));
    // Every criterion of the rubric, in order, as a number field with its scale (0–100 has 101 values).
    for (const key of KEYS) {
      const input = scoreInput(page, NAMES[key]);
      expect(await input.getAttribute("min")).toBe("0");
      expect(await input.getAttribute("max")).toBe("100");
      expect(await input.getAttribute("step")).toBe("1");
    }

    // Bad input: "kebaruan" out of scale. Refused at that field; every typed value kept; nothing stored.
    const bad = [...SHEETS[0]];
    bad[1] = "150";
    const comments = {
      latar_belakang: "Latar belakang jelas dan terukur.",
      signifikansi: "Dampak nyata bagi warga.",
    };
    const overall = "Layak dipertimbangkan untuk tahap berikutnya.";
    await fillRubricByKeyboard(page, bad, comments, overall, { checkFocus: true });
    await page.getByRole("button", { name: "Kirim & lanjut", exact: true }).press("Enter");
    const error = page.locator("#score_kebaruan-error");
    await see(error);
    expect(await error.innerText()).toBe("Nilai di luar skala kriteria ini.");
    const badField = scoreInput(page, NAMES.kebaruan);
    expect(await badField.getAttribute("aria-invalid")).toBe("true");
    expect((await badField.getAttribute("aria-describedby"))?.split(" ")).toContain("score_kebaruan-error");
    // The first invalid field has the focus (autofocus in the HTML).
    expect(await activeId(page)).toBe("score_kebaruan");
    expect(new URL(page.url()).pathname).toBe(scorePath(mine[0]));
    for (const [i, key] of KEYS.entries()) {
      expect(await scoreInput(page, NAMES[key]).inputValue()).toBe(bad[i]);
      if (key !== "kebaruan") expect(await scoreInput(page, NAMES[key]).getAttribute("aria-invalid")).toBeNull();
      expect(await page.getByLabel(`Catatan untuk ${NAMES[key]}`, { exact: true }).inputValue()).toBe(comments[key as keyof typeof comments] ?? "");
    }
    expect(await page.getByLabel("Catatan umum", { exact: true }).inputValue()).toBe(overall);
    expect(await page.locator(".error[role=alert]").count()).toBe(1);
    expect(jurorSheets()[mine[0]]).not.toBe("submitted");
    await screenshot(page, "scoring-invalid");

    // Correct it by keyboard (the field has the focus) and submit-and-next.
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(SHEETS[0][1]);
    await page.getByRole("button", { name: "Kirim & lanjut", exact: true }).press("Enter");
    await page.waitForURL((u) => u.pathname === scorePath(mine[1]) && u.searchParams.get("notice") === "submittedPrevious");
    journey.scored.push(mine[0]);

    // Two more in a row, by keyboard, each time landing on the next unscored one.
    for (const i of [1, 2]) {
      await oneHeading(page, `Penilaian ${mine[i]}`);
      await see(page.getByText("Nilai proposal sebelumnya terkirim. Ini proposal berikutnya yang belum dinilai.", { exact: true }));
      await see(page.getByText(`${i} dari ${mine.length} nilai dikirim`));
      await fillRubricByKeyboard(page, SHEETS[i], {}, `Catatan umum proposal ${i + 1}.`);
      await page.getByRole("button", { name: "Kirim & lanjut", exact: true }).press("Enter");
      await page.waitForURL((u) => u.pathname === scorePath(mine[i + 1]) && u.searchParams.get("notice") === "submittedPrevious");
      journey.scored.push(mine[i]);
    }
    await oneHeading(page, `Penilaian ${mine[3]}`);
    await see(page.getByText(`3 dari ${mine.length} nilai dikirim`));

    // Stored: exactly these three submitted, with exactly the typed values.
    expect(jurorSheets()).toEqual(Object.fromEntries(journey.scored.map((n) => [n, "submitted"])));
    expect(jurorItems()).toEqual(Object.fromEntries(journey.scored.map((n, i) => [n, Object.fromEntries(KEYS.map((k, j) => [k, Number(SHEETS[i][j])]))])));

    // The list: three submitted (the fourth page was opened, not scored).
    await page.getByRole("link", { name: "Kembali ke daftar penugasan", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/juror/${SLUG}`);
    await oneHeading(page, "Penugasan saya");
    await see(list.getByText(`4 dari ${mine.length} dibuka, 3 selesai`, { exact: true }));
    const rows = list.getByRole("row").filter({ hasText: "nilai terkirim" });
    expect((await rows.getByRole("rowheader").allInnerTexts()).map((s) => s.trim())).toEqual(journey.scored);
    for (const n of journey.scored) {
      await see(
        list
          .getByRole("row")
          .filter({ hasText: n })
          .getByText(/^Selesai /),
      );
    }
    await screenshot(page, "scoring-list");
  });

  it("2. the organizer closes the round: a reason is required while sheets are missing", async () => {
    const { page } = app;
    expect(journey.scored.length).toBe(3);
    const missing = missingSheets();
    // evaluator2..6 submitted everything: only evaluator1's unscored ones are missing.
    expect(missing).toBe(jurorNumbers().length - 3);
    expect(round().status).toBe("open");

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}`);
    await follow(page, "Putaran & penugasan", `/competitions/${SLUG}/rounds`);
    await follow(page, ROUND, `/competitions/${SLUG}/rounds/${round().id}`);
    await oneHeading(page, ROUND);

    const state = page.getByRole("region", { name: "Status tahap", exact: true });
    await see(state.getByText("Dibuka", { exact: true }));
    await see(state.getByText(`${missing} lembar nilai yang ditugaskan belum dikirim. Menutup tahap memerlukan alasan.`, { exact: true }));
    const reasonLabel = "Alasan menutup dengan nilai yang belum lengkap";

    // Without a reason: refused at the field (the settings page shows it), nothing changes.
    await state.getByRole("button", { name: "Tutup tahap", exact: true }).click();
    const refused = page.getByRole("region", { name: "Status tahap", exact: true });
    await see(refused.locator("#reason-error"));
    expect(await refused.locator("#reason-error").innerText()).toBe("Tuliskan alasannya.");
    const reason = refused.getByLabel(reasonLabel, { exact: true });
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect((await reason.getAttribute("aria-describedby"))?.split(" ")).toContain("reason-error");
    expect(round().status).toBe("open");

    // With a reason: closed.
    await reason.fill(CLOSE_REASON);
    await refused.getByRole("button", { name: "Tutup tahap", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("state") === "closed");
    const closed = page.getByRole("region", { name: "Status tahap", exact: true });
    await see(closed.getByText("Tahap ditutup; nilai terkunci. Juri sudah diberi tahu.", { exact: true }));
    await see(closed.getByText("Ditutup", { exact: true }).first());
    await see(closed.getByText(CLOSE_REASON, { exact: true }));
    expect(await closed.getByRole("button", { name: "Tutup tahap" }).count()).toBe(0);
    await see(closed.getByRole("button", { name: "Buka kembali", exact: true }));
    const stored = round();
    expect(stored.status).toBe("closed");
    expect(stored.close_reason).toBe(CLOSE_REASON);
  });

  it("3. the plenary: exact ranking and flags, an override with a reason, the decision, the replay", async () => {
    const { page } = app;
    expect(round().status).toBe("closed");
    const expected = expectedRanking();
    journey.expected = expected;
    expect(expected.length).toBe(37);
    expect(expected.every((e) => e.nScores >= 2)).toBe(true);
    const advancing = expected.filter((e) => e.ruleDecision === "advance");
    const stopped = expected.filter((e) => e.ruleDecision === "stop");
    // The demo has both sides of the cut-off; advance the best stopped one (closest to the cut-off).
    expect(advancing.length).toBeGreaterThan(0);
    expect(stopped.length).toBeGreaterThan(0);
    const target = stopped[0];
    expect(target.rank).toBe(advancing.length + 1);
    journey.overridden = target.number;

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/rounds/${round().id}`);
    await oneHeading(page, ROUND);
    await follow(page, "Hasil & sidang pleno", `/competitions/${SLUG}/rounds/${round().id}/results`);
    await oneHeading(page, `Sidang pleno: ${ROUND}`);
    await see(page.getByText("Penilaian ditutup. Tinjau hasil, tetapkan pengecualian bila perlu, lalu putuskan.", { exact: true }));
    // Paged at 200: 37 rows fit on one page (follow "show all" if there ever is one).
    const showAll = page.getByRole("link", { name: "Tampilkan semua", exact: true });
    if ((await showAll.count()) > 0) {
      await showAll.click();
      await page.waitForURL((u) => u.searchParams.get("all") === "1");
    }
    await see(page.getByText("Baris 1–37 dari 37.", { exact: true }));

    const table = page.locator("table.results-table");
    const readTable = async () => {
      const headers = (await table.locator("thead th").allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
      const rows = await table
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => ({
            cells: [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").trim()),
            style: tr.getAttribute("style") ?? "",
          })),
        );
      const col = (name: string) => {
        const i = headers.findIndex((h) => h === name || h.startsWith(`${name} `));
        expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
        return i;
      };
      return { headers, rows, col };
    };
    const { headers, rows, col } = await readTable();
    expect(headers.slice(0, 5)).toEqual(["Peringkat", "Nomor", "Judul", "Instansi", "n"]);
    expect(headers.find((h) => h.startsWith("Ternormalisasi"))).toBe("Ternormalisasi *");
    expect(headers.slice(col("Maks") + 1, col("Maks") + 1 + KEYS.length)).toEqual(KEYS);
    expect(rows.length).toBe(37);
    // Ranks strictly 1..37, in exactly the order computed from the raw scores.
    expect(rows.map((r) => r.cells[col("Peringkat")])).toEqual(expected.map((_, i) => String(i + 1)));
    expect(rows.map((r) => r.cells[col("Nomor")])).toEqual(expected.map((e) => e.number));
    expect(rows.map((r) => r.cells[col("n")])).toEqual(expected.map((e) => String(e.nScores)));
    expect(rows.map((r) => r.cells[col("Rata-rata")])).toEqual(expected.map((e) => screen2(e.rawMean)));
    expect(rows.map((r) => r.cells[col("Ternormalisasi")])).toEqual(expected.map((e) => screen2(e.normalized)));
    expect(rows.map((r) => r.cells[col("signifikansi")])).toEqual(expected.map((e) => screen2(e.criterionMeans.signifikansi)));
    // Flags exactly where the data says so; borderline rows highlighted.
    const flags = rows.map((r) => r.cells[col("Tanda")]);
    expect(flags.map((f) => f.includes("Beda pendapat"))).toEqual(expected.map((e) => e.disagreement));
    expect(flags.map((f) => f.includes("Pita batas"))).toEqual(expected.map((e) => e.borderline));
    expect(flags.some((f) => f.includes("Belum dinilai"))).toBe(false);
    expect(rows.map((r) => r.style.includes("--c-warn-soft"))).toEqual(expected.map((e) => e.borderline));
    // Both markers are exercised: evaluator1's low sheet makes a disagreement; the demo has rows near the cut-off.
    expect(expected.find((e) => e.number === journey.scored[1])!.disagreement).toBe(true);
    expect(expected.some((e) => e.borderline)).toBe(true);
    expect(rows.map((r) => r.cells[col("Menurut aturan")])).toEqual(expected.map((e) => (e.ruleDecision === "advance" ? "Lanjut" : "Berhenti")));
    // Before any override the decision is the rule's.
    expect(rows.map((r) => r.cells[col("Keputusan")].split(" Pengecualian")[0])).toEqual(
      expected.map((e) => (e.ruleDecision === "advance" ? "Lanjut" : "Berhenti")),
    );
    await see(page.getByText(`${advancing.length} dari 37 peserta akan lanjut (0 pengecualian sidang).`, { exact: true }));

    // Override from the row's link: the number comes prefilled. Without a reason: refused at the field, choices kept.
    await page
      .getByRole("link", {
        name: `Tetapkan pengecualian untuk ${target.number}`,
        exact: true,
      })
      .click();
    await page.waitForURL((u) => u.searchParams.get("override") === target.number);
    const overrides = page.getByRole("region", { name: "Pengecualian sidang", exact: true });
    await see(overrides.getByText("Belum ada pengecualian.", { exact: true }));
    // The address changes before the page re-renders: wait for the prefilled value.
    await expect.poll(() => overrides.getByLabel("Nomor proposal", { exact: true }).inputValue()).toBe(target.number);
    await overrides.getByLabel("Keputusan sidang", { exact: true }).selectOption("advance");
    await overrides.getByRole("button", { name: "Simpan pengecualian", exact: true }).click();
    await see(overrides.locator("#reason-error"));
    expect(await overrides.locator("#reason-error").innerText()).toBe("Tuliskan alasan, minimal 10 karakter.");
    const reason = overrides.getByLabel("Alasan", { exact: true });
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await overrides.getByLabel("Nomor proposal", { exact: true }).inputValue()).toBe(target.number);
    expect(await overrides.getByLabel("Keputusan sidang", { exact: true }).inputValue()).toBe("advance");
    await see(overrides.getByText("Belum ada pengecualian.", { exact: true }));

    await reason.fill(OVERRIDE_REASON);
    await overrides.getByRole("button", { name: "Simpan pengecualian", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "overrideSet");
    await see(page.getByText("Pengecualian disimpan.", { exact: true }));
    const orow = page.getByRole("region", { name: "Pengecualian sidang", exact: true }).getByRole("row").filter({ hasText: target.number });
    expect(await orow.count()).toBe(1);
    await see(orow.getByText(OVERRIDE_REASON, { exact: true }));
    await see(orow.getByText("Diloloskan sidang", { exact: true }));
    await see(orow.getByText("Berhenti", { exact: true }));
    const after = await readTable();
    const trow = after.rows.find((r) => r.cells[after.col("Nomor")] === target.number)!;
    expect(trow.cells[after.col("Menurut aturan")]).toBe("Berhenti");
    expect(trow.cells[after.col("Keputusan")]).toContain(`Diloloskan sidang ${OVERRIDE_REASON}`);
    expect(after.rows.map((r) => r.cells[after.col("Nomor")])).toEqual(expected.map((e) => e.number));

    // Decide: the confirmation tick is required.
    const decide = page.getByRole("region", { name: "Putuskan", exact: true });
    await see(decide.getByText(`${advancing.length + 1} dari 37 peserta akan lanjut (1 pengecualian sidang).`, { exact: true }));
    await decide.getByRole("button", { name: "Tetapkan keputusan", exact: true }).click();
    await see(page.locator("#confirm-error"));
    expect(await page.locator("#confirm-error").innerText()).toBe("Centang untuk mengonfirmasi keputusan.");
    const tick = page.getByRole("checkbox", { name: /^Saya telah meninjau hasil/ });
    expect(await tick.getAttribute("aria-invalid")).toBe("true");
    expect(round().status).toBe("closed");
    await tick.check();
    await page.getByRole("region", { name: "Putuskan", exact: true }).getByRole("button", { name: "Tetapkan keputusan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "decided");
    await see(
      page.getByText(
        new RegExp(`^Putaran diputuskan: ${advancing.length + 1} lanjut, \\d+ ditambahkan ke putaran berikutnya\\. Terbitkan pengumuman untuk memberi tahu instansi\\.$`),
      ),
    );
    expect(round().status).toBe("decided");
    expect(await page.getByRole("region", { name: "Putuskan" }).count()).toBe(0);

    // The recorded decision: rule-based and overridden entries apart.
    const decided = page.getByRole("region", { name: "Keputusan tercatat", exact: true });
    await see(
      decided.getByRole("heading", {
        name: `Lanjut menurut aturan (${advancing.length})`,
        exact: true,
      }),
    );
    await see(decided.getByRole("heading", { name: "Pengecualian sidang (1)", exact: true }));
    await decided.getByText("Tampilkan daftar", { exact: true }).click();
    const ruleList = (await decided.locator("ol > li").allInnerTexts()).map((s) => s.trim());
    expect(ruleList.length).toBe(advancing.length);
    advancing.forEach((e, i) => expect(ruleList[i].startsWith(`#${e.rank} ${e.number} ${titleOf(e.number)} (`)).toBe(true));
    expect(ruleList.some((s) => s.includes(target.number))).toBe(false);
    const overList = (await decided.locator("ul > li").allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
    expect(overList).toEqual([`Diloloskan sidang ${target.number} ${titleOf(target.number)}: ${OVERRIDE_REASON}`]);
    // Stored entries: the computed ranks and the rule's decisions, the one override apart.
    const entries = read(
      (db) =>
        db
          .prepare(
            `select p.number, e.rank, e.decision, e.override_reason from round_decision_entries e
               join proposals p on p.id = e.proposal_id where e.round_id = ? order by e.rank`,
          )
          .all(round().id) as {
          number: string;
          rank: number;
          decision: string;
          override_reason: string | null;
        }[],
    );
    expect(entries).toEqual(
      expected.map((e) => ({
        number: e.number,
        rank: e.rank,
        decision: e.number === target.number ? "override_advance" : e.ruleDecision,
        override_reason: e.number === target.number ? OVERRIDE_REASON : null,
      })),
    );
    await screenshot(page, "scoring-decided");

    // Replay: identical apart from the one override, inputs unchanged.
    await decided.getByRole("button", { name: "Hitung ulang (replay)", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("replay") === "1");
    await see(
      page.getByText(
        "Hitung ulang dari nilai, rubrik, aturan dan pengecualian yang tersimpan identik dengan keputusan tercatat, selain 1 pengecualian yang tercantum.",
        { exact: true },
      ),
    );
    await see(page.getByText("Sidik masukan masih sama dengan saat keputusan diambil.", { exact: true }));
    const replayOverrides = page.getByRole("table", { name: "Pengecualian dalam keputusan", exact: true });
    const replayRows = await replayOverrides
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").trim())));
    expect(replayRows).toEqual([[target.number, "Berhenti", "Diloloskan sidang", OVERRIDE_REASON]]);
    expect(await page.getByRole("table", { name: "Perbedaan" }).count()).toBe(0);
  });

  it("4. the ranking CSV: exact header, recorded ranks and decisions, full precision", async () => {
    const { page } = app;
    const expected = journey.expected;
    expect(expected.length).toBe(37);
    expect(journey.overridden).not.toBe("");

    await login(page, ORGANIZER);
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/competitions/${SLUG}/rounds/${round().id}/results`);
    await oneHeading(page, `Sidang pleno: ${ROUND}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh peringkat (CSV)", exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`${SLUG}-round-1-ranking.csv`);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[lines.length - 1]).toBe("");
    lines.pop();
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
    expect(lines[0]).toBe(
      "round,rank,proposal_number,agency_code,group,category,n_scores,raw_mean,normalized,median,sd,min,max,disagreement,decision," +
        "c_latar_belakang,c_kebaruan,c_implementasi,c_signifikansi,c_adaptabilitas,c_sumber_daya,c_keberlanjutan",
    );
    const header = lines[0].split(",");
    // No cell of this export contains a comma or a quote (numbers, keys, codes), so a plain split is exact.
    const data = lines.slice(1).map((l) => {
      expect(l.includes('"')).toBe(false);
      const cells = l.split(",");
      expect(cells.length).toBe(header.length);
      return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    });
    expect(data.length).toBe(37);
    expect(data.map((r) => r.round)).toEqual(expected.map(() => "1"));
    expect(data.map((r) => r.rank)).toEqual(expected.map((_, i) => String(i + 1)));
    expect(data.map((r) => r.proposal_number)).toEqual(expected.map((e) => e.number));
    expect(data.map((r) => r.n_scores)).toEqual(expected.map((e) => String(e.nScores)));
    expect(data.map((r) => r.disagreement)).toEqual(expected.map((e) => (e.disagreement ? "1" : "0")));
    expect(data.map((r) => r.decision)).toEqual(expected.map((e) => (e.number === journey.overridden ? "override_advance" : e.ruleDecision)));
    expect(data.find((r) => r.proposal_number === journey.overridden)!.decision).toBe("override_advance");
    // Full precision: at least 6 decimals, never an exponent, equal to the figures computed here.
    for (const [i, r] of data.entries()) {
      const e = expected[i];
      for (const col of ["raw_mean", "normalized", "median", "sd", "min", "max", ...KEYS.map((k) => `c_${k}`)]) {
        expect(r[col], `${e.number} ${col}`).toMatch(/^-?\d+\.\d{6,}$/);
      }
      expect(Math.abs(Number(r.raw_mean) - e.rawMean!)).toBeLessThan(1e-9);
      expect(Math.abs(Number(r.normalized) - e.normalized!)).toBeLessThan(1e-9);
      for (const k of KEYS) expect(Math.abs(Number(r[`c_${k}`]) - e.criterionMeans[k]!)).toBeLessThan(1e-9);
    }
    // agency code, group and category as stored.
    const stored = read((db) =>
      Object.fromEntries(
        (
          db
            .prepare(
              `select p.number, a.code, g.key as grp, c.key as cat from proposals p
                 join agencies a on a.id = p.agency_id
                 left join competition_groups g on g.id = p.group_id
                 left join competition_categories c on c.id = p.category_id
                where p.competition_id = ?`,
            )
            .all(read(competitionId)) as {
            number: string;
            code: string;
            grp: string | null;
            cat: string | null;
          }[]
        ).map((x) => [x.number, [x.code, x.grp ?? "", x.cat ?? ""].join(",")]),
      ),
    );
    expect(data.map((r) => [r.agency_code, r.group, r.category].join(","))).toEqual(expected.map((e) => stored[e.number]));
  });
});
