/**
 * Autosave of a juror's score sheet in a real browser (the shared autosave
 * hook, app/components/ui/autosave.ts, also drives the proposal form): a typed
 * score is saved as a draft without pressing a button, the status says so,
 * and a reload shows the value from the server. The database is only read.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { login, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "autosave" });

function draftValue(number: string, key: string): number | null {
  const db = new Database(app.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select i.value from score_items i
           join score_sheets s on s.id = i.sheet_id
           join proposals p on p.id = s.proposal_id
           join jurors j on j.id = s.juror_id
          where p.number = ? and j.email = 'evaluator1@juri.test' and i.criterion_key = ? and s.status = 'draft'`,
      )
      .get(number, key) as { value: number } | undefined;
    return row ? row.value : null;
  } finally {
    db.close();
  }
}

describe("score sheet autosave", () => {
  it("saves a typed score as a draft without a button, and a reload shows it", async () => {
    const { page } = app;
    await login(page, "evaluator1@juri.test");
    await page.goto("/juror/kipp-2025");
    const link = page.getByRole("link", { name: /^Nilai proposal / }).first();
    const number = ((await link.getAttribute("aria-label")) ?? "").replace("Nilai proposal ", "");
    await link.click();
    await page.waitForURL(/\/juror\/kipp-2025\/score\//);
    const input = page.getByRole("spinbutton", { name: "Nilai Kebaruan", exact: true });
    await input.fill("73");
    await see(page.locator(".autosave-status").getByText(/^Tersimpan /));
    await expect.poll(() => draftValue(number, "kebaruan")).toBe(73);
    await page.reload();
    expect(await page.getByRole("spinbutton", { name: "Nilai Kebaruan", exact: true }).inputValue()).toBe("73");
  });
});
