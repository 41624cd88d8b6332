import { describe, expect, it } from "vitest";
import { MESSAGES, translate } from "~/i18n";

describe("i18n", () => {
  it("has the same keys in Indonesian and English, none empty", () => {
    const id = Object.keys(MESSAGES.id).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en).toEqual(id);
    for (const locale of ["id", "en"] as const) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) {
        expect(text.trim().length, `${locale}:${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.id) as (keyof typeof MESSAGES.id)[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.id[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translate("id", "login.rateLimited", { minutes: 7 })).toBe(
      "Terlalu banyak percobaan masuk. Coba lagi dalam 7 menit.",
    );
    expect(translate("en", "dashboard.welcome", { name: "Siti" })).toBe("Welcome, Siti.");
  });

  it("names the login form as the design card says", () => {
    expect([MESSAGES.id["login.email"], MESSAGES.id["login.password"], MESSAGES.id["login.submit"]]).toEqual(["Email", "Kata sandi", "Masuk"]);
    expect([MESSAGES.en["login.email"], MESSAGES.en["login.password"], MESSAGES.en["login.submit"]]).toEqual(["Email", "Password", "Sign in"]);
  });
});
