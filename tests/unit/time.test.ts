import { describe, expect, it } from "vitest";
import { currentStage, formatWib, utcIsoToWibLocal, wibLocalToUtcIso } from "~/domain/time";

describe("WIB conversion", () => {
  it("converts a WIB deadline to UTC, seven hours earlier", () => {
    expect(wibLocalToUtcIso("2025-06-30T23:59")).toBe("2025-06-30T16:59:00.000Z");
    expect(wibLocalToUtcIso("2025-07-01T00:00")).toBe("2025-06-30T17:00:00.000Z");
    expect(wibLocalToUtcIso("2025-01-01T06:59")).toBe("2024-12-31T23:59:00.000Z");
  });

  it("accepts a space instead of T and rejects malformed or impossible dates", () => {
    expect(wibLocalToUtcIso("2025-06-30 08:00")).toBe("2025-06-30T01:00:00.000Z");
    expect(wibLocalToUtcIso("2025-02-30T10:00")).toBeNull();
    expect(wibLocalToUtcIso("2025-13-01T10:00")).toBeNull();
    expect(wibLocalToUtcIso("2025-06-30T24:00")).toBeNull();
    expect(wibLocalToUtcIso("30/06/2025 23:59")).toBeNull();
    expect(wibLocalToUtcIso("")).toBeNull();
  });

  it("round-trips through the datetime-local value", () => {
    expect(utcIsoToWibLocal("2025-06-30T16:59:00.000Z")).toBe("2025-06-30T23:59");
    expect(utcIsoToWibLocal(wibLocalToUtcIso("2024-02-29T00:01")!)).toBe("2024-02-29T00:01");
  });
});

describe("formatWib", () => {
  it("formats in Indonesian and English with the WIB suffix", () => {
    expect(formatWib("2025-06-30T16:59:00.000Z", "id")).toBe("30 Juni 2025 23.59 WIB");
    expect(formatWib("2025-06-30T16:59:00.000Z", "en")).toBe("30 June 2025 23:59 WIB");
  });

  it("shows the WIB calendar date, not the UTC one", () => {
    expect(formatWib("2025-06-30T17:30:00.000Z", "id", false)).toBe("1 Juli 2025");
  });

  it("shows a dash for a missing time", () => {
    expect(formatWib(null, "id")).toBe("—");
  });
});

describe("currentStage", () => {
  const timeline = [
    { stage: "persiapan", startsAt: "2025-01-01T01:00:00.000Z", endsAt: "2025-03-31T16:59:00.000Z" },
    { stage: "pendaftaran", startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
    { stage: "seleksi_administrasi", startsAt: null, endsAt: null },
  ];

  it("is the last stage that has started", () => {
    expect(currentStage(timeline, new Date("2025-05-01T00:00:00Z"))).toBe("pendaftaran");
    expect(currentStage(timeline, new Date("2025-04-14T00:59:59Z"))).toBe("persiapan");
    expect(currentStage(timeline, new Date("2025-04-14T01:00:00Z"))).toBe("pendaftaran");
  });

  it("is null before the first stage", () => {
    expect(currentStage(timeline, new Date("2024-12-31T00:00:00Z"))).toBeNull();
  });
});
