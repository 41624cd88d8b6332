import { describe, expect, it } from "vitest";
import {
  furthestStage,
  isCalendarDate,
  isPubliclyVisible,
  nextStage,
  recordableStages,
  stageProblem,
  statusProblem,
  statusReasonAfter,
  wibDate,
} from "~/domain/replication";

// 2026-03-10 20:00 WIB = 13:00 UTC; 2026-03-10 23:30 WIB = 16:30 UTC (still the 10th in WIB, the 10th in UTC);
// 2026-03-11 01:00 WIB = 2026-03-10 18:00 UTC (the 11th in WIB, the 10th in UTC).
const NOW = new Date("2026-03-10T13:00:00Z");
const AFTER_MIDNIGHT_WIB = new Date("2026-03-10T18:00:00Z");

describe("stage order", () => {
  it("advances one stage at a time", () => {
    expect(nextStage("persiapan")).toBe("rencana");
    expect(nextStage("rencana")).toBe("implementasi");
    expect(nextStage("implementasi")).toBe("evaluasi");
    expect(nextStage("evaluasi")).toBeNull();
  });
  it("lets the reached stages be corrected and the next one recorded", () => {
    expect(recordableStages("persiapan")).toEqual(["persiapan", "rencana"]);
    expect(recordableStages("implementasi")).toEqual(["persiapan", "rencana", "implementasi", "evaluasi"]);
    expect(recordableStages("evaluasi")).toEqual(["persiapan", "rencana", "implementasi", "evaluasi"]);
  });
  it("keeps the furthest stage when an earlier one is corrected", () => {
    expect(furthestStage(null, "persiapan")).toBe("persiapan");
    expect(furthestStage("implementasi", "rencana")).toBe("implementasi");
    expect(furthestStage("rencana", "implementasi")).toBe("implementasi");
  });
  it("refuses skipping a stage", () => {
    expect(stageProblem("implementasi", "2026-03-01", { persiapan: "2026-01-01" }, "persiapan", NOW)).toEqual({
      field: "stage",
      error: "replications.errors.stageOrder",
    });
    expect(stageProblem("rencana", "2026-03-01", {}, null, NOW)).toEqual({ field: "stage", error: "replications.errors.stageOrder" });
  });
});

describe("stage dates (WIB calendar)", () => {
  it("accepts today on the WIB calendar and refuses tomorrow", () => {
    expect(stageProblem("persiapan", "2026-03-10", {}, null, NOW)).toBeNull();
    expect(stageProblem("persiapan", "2026-03-11", {}, null, NOW)).toEqual({ field: "happenedOn", error: "replications.errors.dateFuture" });
  });
  it("uses the WIB day, not the UTC day, after midnight WIB", () => {
    expect(wibDate(AFTER_MIDNIGHT_WIB)).toBe("2026-03-11");
    expect(stageProblem("persiapan", "2026-03-11", {}, null, AFTER_MIDNIGHT_WIB)).toBeNull();
    expect(wibDate(new Date("2026-03-10T16:59:59Z"))).toBe("2026-03-10");
    expect(wibDate(new Date("2026-03-10T17:00:00Z"))).toBe("2026-03-11");
  });
  it("refuses a date before the previous stage and after the next recorded one", () => {
    const recorded = { persiapan: "2026-01-10", rencana: "2026-02-01", implementasi: "2026-02-20" };
    expect(stageProblem("evaluasi", "2026-02-19", recorded, "implementasi", NOW)).toEqual({
      field: "happenedOn",
      error: "replications.errors.dateBeforePrevious",
    });
    expect(stageProblem("evaluasi", "2026-02-20", recorded, "implementasi", NOW)).toBeNull();
    expect(stageProblem("rencana", "2026-02-21", recorded, "implementasi", NOW)).toEqual({
      field: "happenedOn",
      error: "replications.errors.dateAfterNext",
    });
    expect(stageProblem("rencana", "2026-01-09", recorded, "implementasi", NOW)).toEqual({
      field: "happenedOn",
      error: "replications.errors.dateBeforePrevious",
    });
    expect(stageProblem("rencana", "2026-01-15", recorded, "implementasi", NOW)).toBeNull();
  });
  it("refuses malformed and impossible dates", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("10/03/2026")).toBe(false);
    expect(stageProblem("persiapan", "2026-02-30", {}, null, NOW)).toEqual({ field: "happenedOn", error: "replications.errors.dateInvalid" });
    expect(stageProblem("persiapan", "", {}, null, NOW)).toEqual({ field: "happenedOn", error: "replications.errors.dateInvalid" });
  });
});

describe("status rules", () => {
  it("finishes only after Evaluasi", () => {
    expect(statusProblem({ status: "berjalan", stage: "implementasi" }, "selesai", "")).toEqual({
      field: "status",
      error: "replications.errors.finishNeedsEvaluation",
    });
    expect(statusProblem({ status: "berjalan", stage: "evaluasi" }, "selesai", "")).toBeNull();
  });
  it("stops only with a reason", () => {
    expect(statusProblem({ status: "berjalan", stage: "rencana" }, "dihentikan", "  ")).toEqual({ field: "reason", error: "replications.errors.reasonRequired" });
    expect(statusProblem({ status: "berjalan", stage: "rencana" }, "dihentikan", "Anggaran dialihkan")).toBeNull();
  });
  it("reopens a finished or stopped one only with a reason", () => {
    expect(statusProblem({ status: "selesai", stage: "evaluasi" }, "berjalan", "")).toEqual({ field: "reason", error: "replications.errors.reasonRequired" });
    expect(statusProblem({ status: "dihentikan", stage: "rencana" }, "berjalan", "Anggaran tersedia lagi")).toBeNull();
    expect(statusProblem({ status: "selesai", stage: "evaluasi" }, "berjalan", "Pengembangan lanjutan")).toBeNull();
  });
  it("refuses no change and an overlong reason", () => {
    expect(statusProblem({ status: "berjalan", stage: "rencana" }, "berjalan", "x")).toEqual({ field: "status", error: "replications.errors.statusUnchanged" });
    expect(statusProblem({ status: "berjalan", stage: "rencana" }, "dihentikan", "x".repeat(1001))).toEqual({ field: "reason", error: "errors.tooLong" });
  });
  it("keeps the trimmed reason, none when empty", () => {
    expect(statusReasonAfter("selesai", "  ")).toBeNull();
    expect(statusReasonAfter("dihentikan", " Anggaran ")).toBe("Anggaran");
  });
});

describe("public visibility", () => {
  it("is public when confirmed or verified", () => {
    expect(isPubliclyVisible({ source_response: "confirmed", verified_at: null })).toBe(true);
    expect(isPubliclyVisible({ source_response: "pending", verified_at: null })).toBe(false);
    expect(isPubliclyVisible({ source_response: "disputed", verified_at: null })).toBe(false);
    expect(isPubliclyVisible({ source_response: "external", verified_at: null })).toBe(false);
    expect(isPubliclyVisible({ source_response: "external", verified_at: "2026-03-01T00:00:00.000Z" })).toBe(true);
    expect(isPubliclyVisible({ source_response: "disputed", verified_at: "2026-03-01T00:00:00.000Z" })).toBe(true);
  });
});
