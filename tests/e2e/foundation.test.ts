/**
 * Foundation journeys in a real browser against the built server with the
 * demo loaded: each role's dashboard, wrong password, language switch, sign
 * out, password reset through the outbox, keyboard-only sign in.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, login, screenshot, see, useBrowser } from "../support/browser";

const app = useBrowser({ name: "foundation" });

async function dashboardShown(page: Page) {
  await page.waitForURL((u) => u.pathname === "/dashboard");
  await see(page.getByRole("heading", { level: 1, name: "Dasbor" }));
}

describe("dashboards per demo role", () => {
  it("Admin Platform sees the platform section with the organizers", async () => {
    const { page } = app;
    await login(page, "admin@sayembara.test");
    await dashboardShown(page);
    const section = page.getByRole("region", { name: "Admin Platform" });
    await see(section);
    await see(section.getByRole("link", { name: "Kementerian PANRB", exact: true }));
    await see(section.getByRole("link", { name: "Pemerintah Provinsi Kalimantan Barat", exact: true }));
  });

  it("the ministry's secretariat sees its organizer and KIPP 2025", async () => {
    const { page } = app;
    await login(page, "sekretariat@menpan.test");
    await dashboardShown(page);
    const section = page.getByRole("region", { name: "Penyelenggara: Kementerian PANRB" });
    await see(section);
    await see(section.getByRole("link", { name: "KIPP 2025", exact: true }));
    expect(await page.getByText("Sivablik 2025").count()).toBe(0);
    await screenshot(page, "dashboard-sekretariat");
  });

  it("the province's organizer sees Sivablik 2025 and not KIPP 2025", async () => {
    const { page } = app;
    await login(page, "organisasi@kalbarprov.test");
    await dashboardShown(page);
    await see(page.getByRole("heading", { name: "Penyelenggara: Pemerintah Provinsi Kalimantan Barat" }));
    await see(page.getByRole("link", { name: "Sivablik 2025", exact: true }));
    expect(await page.getByText("KIPP 2025").count()).toBe(0);
  });

  it("an Admin Lokal sees their agency", async () => {
    const { page } = app;
    await login(page, "adminlokal@pontianak.test");
    await dashboardShown(page);
    await see(page.getByRole("heading", { name: "Instansi: Pemerintah Kota Pontianak" }));
    expect(await page.getByText("Admin Platform").count()).toBe(0);
  });

  it("an innovator sees their agency as innovator", async () => {
    const { page } = app;
    await login(page, "inovator@pontianak.test");
    await dashboardShown(page);
    await see(page.getByRole("heading", { name: "Inovator di Pemerintah Kota Pontianak" }));
    expect(await page.getByText("Instansi: Pemerintah Kota Pontianak").count()).toBe(0);
  });

  it.each(["evaluator1@juri.test", "panelis1@juri.test"])("juror %s sees KIPP 2025 in the juror section", async (email) => {
    const { page } = app;
    await login(page, email);
    await dashboardShown(page);
    const section = page.getByRole("region", { name: "Juri" });
    await see(section.getByRole("link", { name: "KIPP 2025", exact: true }));
    expect(await page.getByText("Sivablik 2025").count()).toBe(0);
  });
});

describe("signing in and out", () => {
  it("a wrong password shows the error and keeps the typed email", async () => {
    const { page } = app;
    await login(page, "sekretariat@menpan.test", "salah-sekali");
    await see(page.getByText("Email atau kata sandi salah."));
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe("sekretariat@menpan.test");
  });

  it("signing out lands on the login page and the dashboard is closed again", async () => {
    const { page } = app;
    await login(page, "adminlokal@pontianak.test");
    await dashboardShown(page);
    await page.getByRole("button", { name: "Keluar", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await see(page.getByRole("heading", { level: 1, name: "Masuk ke Sayembara" }));
    await see(page.getByText("Anda telah keluar."));
    await page.goto("/dashboard");
    await page.waitForURL((u) => u.pathname === "/login");
    await see(page.getByRole("button", { name: "Masuk", exact: true }));
  });

  it("the login form can be completed with the keyboard only", async () => {
    const { page } = app;
    await page.goto("/login");
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
    let tabs = 0;
    while ((await focusedId()) !== "email") {
      if (++tabs > 12) throw new Error("Tab never reached the email field");
      await page.keyboard.press("Tab");
    }
    await page.keyboard.type("sekretariat@menpan.test");
    await page.keyboard.press("Tab");
    expect(await focusedId()).toBe("password");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await dashboardShown(page);
    await see(page.getByRole("heading", { name: "Penyelenggara: Kementerian PANRB" }));
  });
});

describe("language", () => {
  const englishButton = (page: Page) => page.getByRole("banner").getByRole("button").filter({ hasText: "English" });
  const indonesianButton = (page: Page) =>
    page.getByRole("banner").getByRole("button").filter({ hasText: "Bahasa Indonesia" });

  it("switches to English before signing in, keeps it after a reload, and switches back", async () => {
    const { page } = app;
    await page.goto("/login");
    await englishButton(page).click();
    await see(page.getByRole("heading", { level: 1, name: "Sign in to Sayembara" }));
    await see(page.getByRole("button", { name: "Sign in", exact: true }));
    await see(page.getByLabel("Password", { exact: true }));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await see(page.getByRole("heading", { level: 1, name: "Sign in to Sayembara" }));
    await indonesianButton(page).click();
    await see(page.getByRole("heading", { level: 1, name: "Masuk ke Sayembara" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
  });

  it("switches a signed-in account to English, keeps it after a reload, and switches back", async () => {
    const { page } = app;
    await login(page, "panelis2@juri.test");
    await dashboardShown(page);
    await englishButton(page).click();
    await see(page.getByRole("heading", { level: 1, name: "Dashboard" }));
    await see(page.getByRole("region", { name: "Juror" }).getByRole("link", { name: "KIPP 2025" }));
    await see(page.getByRole("button", { name: "Sign out", exact: true }));
    await page.reload();
    await see(page.getByRole("heading", { level: 1, name: "Dashboard" }));
    await indonesianButton(page).click();
    await see(page.getByRole("heading", { level: 1, name: "Dasbor" }));
    await see(page.getByRole("button", { name: "Keluar", exact: true }));
  });
});

describe("password reset through the outbox", () => {
  it("an innovator asks for a link, the admin reads it in the outbox, the innovator sets a new password", async () => {
    const { page, context } = app;
    const email = "inovator@pontianak.test";
    const newPassword = "pontianak-baru-2025";

    // 1. Ask for the link.
    await page.goto("/login");
    await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
    await page.waitForURL((u) => u.pathname === "/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Kirim tautan" }).click();
    await see(page.getByText("Jika email tersebut terdaftar"));

    // 2. The platform admin finds it in the outbox (newest first).
    await login(page, "admin@sayembara.test");
    await dashboardShown(page);
    await page.goto("/admin/outbox");
    const resetLinks = 'a[href*="/reset-password/"]';
    const message = page
      .locator("article, tr, li")
      .filter({ hasText: email })
      .filter({ has: page.locator(resetLinks) })
      .first();
    const href = await message.locator(resetLinks).first().getAttribute("href");
    expect(href).toBeTruthy();
    const resetPath = new URL(href!, app.baseUrl).pathname;
    expect(resetPath).toMatch(/^\/reset-password\/[^/]+$/);

    // 3. The innovator (signed out) follows it.
    await context.clearCookies();
    await page.goto(resetPath);
    await page.getByLabel("Kata sandi baru", { exact: true }).fill(newPassword);
    await page.getByLabel("Ulangi kata sandi baru", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await see(page.getByText("Kata sandi telah diganti."));

    // 4. The old password no longer works; the new one does.
    await login(page, email, DEMO_PASSWORD);
    await see(page.getByText("Email atau kata sandi salah."));
    await login(page, email, newPassword);
    await dashboardShown(page);
    await see(page.getByRole("heading", { name: "Inovator di Pemerintah Kota Pontianak" }));

    // 5. The link works once.
    await context.clearCookies();
    await page.goto(resetPath);
    await see(page.getByText("Tautan ini tidak berlaku"));
  });
});
