import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PATTERN,
  MAX_OBJECTION_DAYS,
  formatAnnouncementNumber,
  objectionWindowEnd,
  objectionWindowState,
  patternProblem,
} from "~/domain/announcements";
import { fitText, toWinAnsi, wrapText } from "~/lib/pdf-text.server";

describe("patternProblem", () => {
  it("accepts patterns with {n} and known placeholders", () => {
    for (const p of [DEFAULT_PATTERN, "{n}", "B/{n}/PP.00.05/{yyyy}/{mm}", "{roman}/{n}/{year}", "  {n}/X  ", "x".repeat(77) + "{n}"]) {
      expect(patternProblem(p), p).toBeNull();
    }
  });

  it("names what is wrong with a bad pattern", () => {
    expect(["", "   "].map(patternProblem)).toEqual(["empty", "empty"]);
    expect(patternProblem("B/PP.00.05/{year}")).toBe("missing_n");
    expect(patternProblem("B/{N}/{year}")).toBe("missing_n");
    expect(patternProblem("B/{n}/{tahun}")).toBe("unknown_placeholder");
    expect(patternProblem("B/{n}/{}")).toBe("unknown_placeholder");
    expect(patternProblem("B/{n}/{year")).toBe("unknown_placeholder");
    expect(patternProblem("B/{n}/year}")).toBe("unknown_placeholder");
    expect(patternProblem("B/{n}/{{year}}")).toBe("unknown_placeholder");
    expect(patternProblem("x".repeat(78) + "{n}")).toBe("too_long");
  });
});

describe("formatAnnouncementNumber", () => {
  // 16:30 UTC on 31 January is 23:30 WIB: still January in Jakarta.
  const jan31Wib = "2025-01-31T16:30:00.000Z";
  // 2025-07-31T17:30Z is 1 August 00:30 WIB: the WIB date decides {mm}, {yyyy} and {roman}.
  const aug1Wib = "2025-07-31T17:30:00.000Z";

  it("fills the running number and the edition year", () => {
    expect(formatAnnouncementNumber(DEFAULT_PATTERN, 187, 2022, "2022-06-01T03:00:00.000Z")).toBe("B/187/PP.00.05/2022");
    expect(formatAnnouncementNumber("{n}", 1, 2025, jan31Wib)).toBe("1");
  });

  it("fills every placeholder from the WIB date of publication", () => {
    expect(formatAnnouncementNumber("{n}|{year}|{yyyy}|{mm}|{roman}", 12, 2024, jan31Wib)).toBe("12|2024|2025|01|I");
    expect(formatAnnouncementNumber("{n}|{year}|{yyyy}|{mm}|{roman}", 12, 2024, aug1Wib)).toBe("12|2024|2025|08|VIII");
    expect(formatAnnouncementNumber("{n}/{roman}/{yyyy}", 3, 2025, "2025-12-31T16:59:00.000Z")).toBe("3/XII/2025");
    expect(formatAnnouncementNumber("{n}/{roman}/{yyyy}", 3, 2025, "2025-12-31T17:00:00.000Z")).toBe("3/I/2026");
  });

  it("repeats a placeholder used twice and trims the pattern", () => {
    expect(formatAnnouncementNumber("  {n}-{n}/{year}  ", 7, 2025, jan31Wib)).toBe("7-7/2025");
  });

  it("refuses a bad counter or a bad pattern", () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => formatAnnouncementNumber(DEFAULT_PATTERN, n, 2025, jan31Wib)).toThrow(RangeError);
    for (const p of ["", "B/{year}", "B/{n}/{x}"]) expect(() => formatAnnouncementNumber(p, 1, 2025, jan31Wib)).toThrow(RangeError);
  });
});

describe("objectionWindowEnd", () => {
  it("ends at 23:59 WIB on the N-th calendar day after the WIB day of publication", () => {
    // Published 10 March 2025 09:00 WIB; 5 days → 15 March 23:59 WIB = 16:59 UTC.
    expect(objectionWindowEnd("2025-03-10T02:00:00.000Z", 5)).toBe("2025-03-15T16:59:00.000Z");
    // Published 10 March 23:30 WIB (16:30 UTC): still the 10th in Jakarta.
    expect(objectionWindowEnd("2025-03-10T16:30:00.000Z", 1)).toBe("2025-03-11T16:59:00.000Z");
    // Published 11 March 00:10 WIB (10 March 17:10 UTC): the 11th in Jakarta.
    expect(objectionWindowEnd("2025-03-10T17:10:00.000Z", 1)).toBe("2025-03-12T16:59:00.000Z");
  });

  it("crosses months, leap days and years", () => {
    expect(objectionWindowEnd("2024-02-27T03:00:00.000Z", 3)).toBe("2024-03-01T16:59:00.000Z");
    expect(objectionWindowEnd("2025-02-27T03:00:00.000Z", 2)).toBe("2025-03-01T16:59:00.000Z");
    expect(objectionWindowEnd("2025-12-30T03:00:00.000Z", 5)).toBe("2026-01-04T16:59:00.000Z");
    expect(objectionWindowEnd("2025-01-01T00:00:00.000Z", MAX_OBJECTION_DAYS)).toBe("2025-03-02T16:59:00.000Z");
  });

  it("refuses bad lengths and instants", () => {
    for (const d of [0, -1, 2.5, MAX_OBJECTION_DAYS + 1]) expect(() => objectionWindowEnd("2025-03-10T02:00:00.000Z", d)).toThrow(RangeError);
    expect(() => objectionWindowEnd("not a date", 5)).toThrow(RangeError);
  });
});

describe("objectionWindowState", () => {
  const publishedAt = "2025-03-10T02:00:00.000Z";
  const objectionEndsAt = objectionWindowEnd(publishedAt, 5); // 15 March 23:59 WIB
  const at = (iso: string) => objectionWindowState({ publishedAt, objectionEndsAt }, new Date(iso));

  it("is open through the last WIB minute and closed at 00:00 WIB the next day", () => {
    expect(at("2025-03-15T16:58:59.999Z")).toBe("open"); // 23:58:59 WIB
    expect(at("2025-03-15T16:59:00.000Z")).toBe("open"); // 23:59:00 WIB
    expect(at("2025-03-15T16:59:59.999Z")).toBe("open"); // 23:59:59.999 WIB
    expect(at("2025-03-15T17:00:00.000Z")).toBe("closed"); // 00:00 WIB on the 16th
    expect(at("2025-03-16T03:00:00.000Z")).toBe("closed");
  });

  it("opens at publication", () => {
    expect(at("2025-03-10T01:59:59.999Z")).toBe("not_started");
    expect(at("2025-03-10T02:00:00.000Z")).toBe("open");
  });

  it("has no window without an end, and has not started before publication", () => {
    expect(objectionWindowState({ publishedAt, objectionEndsAt: null }, new Date("2025-03-11T00:00:00Z"))).toBe("none");
    expect(objectionWindowState({ publishedAt: null, objectionEndsAt }, new Date("2025-03-11T00:00:00Z"))).toBe("not_started");
  });
});

describe("PDF text", () => {
  it("keeps WinAnsi text and replaces the rest", () => {
    expect(toWinAnsi("Inovasi “Terpuji” – Rp 5.000 • café ©")).toBe("Inovasi “Terpuji” – Rp 5.000 • café ©");
    expect(toWinAnsi("Emoji 🎉 dan 漢字")).toBe("Emoji ? dan ??");
    expect(toWinAnsi("a\u2212b\u2011c\u00adx\u200bz → ≥")).toBe("a-b-cxz -> >=");
    expect(toWinAnsi("ṭ ā ǎ")).toBe("t a a");
    expect(toWinAnsi("baris\nkedua\tkolom")).toBe("baris kedua kolom");
  });

  it("wraps to the width, keeps paragraphs, cuts a word too long, and every line encodes", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const lines = wrapText("Pelayanan publik yang cepat 🎉 dan mudah\n\nParagraf kedua", font, 10, 100);
    expect(lines).toEqual(["Pelayanan publik yang", "cepat ? dan mudah", "", "Paragraf kedua"]);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(100);
    const long = wrapText("x".repeat(200), font, 10, 50);
    expect(long.join("")).toBe("x".repeat(200));
    for (const l of long) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(50);
    expect(fitText("Judul yang sangat panjang sekali", font, 10, 60).endsWith("…")).toBe(true);
    expect(fitText("Pendek", font, 10, 60)).toBe("Pendek");
    expect(() => font.encodeText(toWinAnsi("🎉 漢字 ✓ ← ∑"))).not.toThrow();
  });
});
