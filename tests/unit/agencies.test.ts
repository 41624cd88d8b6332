import { describe, expect, it } from "vitest";
import {
  AGENCY_CODE_PATTERN,
  clusterRank,
  clustersAddableBy,
  codePrefix,
  escapeLike,
  nextAgencyCode,
  normalizeAgencyCode,
  searchKey,
  searchWords,
} from "~/domain/agencies";

describe("search key", () => {
  it("lower-cases, strips accents and collapses spaces", () => {
    expect(searchKey("  Pemerintah  Kōta Pöntianak ")).toBe("pemerintah kota pontianak");
    expect(searchKey("RSUD dr. Soedarso")).toBe("rsud dr. soedarso");
    expect(searchKey("Kementerian Ekonomi Kreatif/Badan Ekonomi Kreatif")).toBe("kementerian ekonomi kreatif/badan ekonomi kreatif");
  });

  it("splits a query into distinct words, at most eight", () => {
    expect(searchWords("  Kota  PONTIÁNAK kota ")).toEqual(["kota", "pontianak"]);
    expect(searchWords("")).toEqual([]);
    expect(searchWords(null)).toEqual([]);
    expect(searchWords("a b c d e f g h i j")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
  });

  it("escapes LIKE wildcards", () => {
    expect(escapeLike("100%_done\\")).toBe("100\\%\\_done\\\\");
    expect(escapeLike("kota-61.71")).toBe("kota-61.71");
  });
});

describe("agency codes", () => {
  it("numbers after the highest numbered code with the prefix", () => {
    expect(nextAgencyCode("BUMN", ["BUMN-001", "BUMN-025", "BUMN-007", "LEM-030"])).toBe("BUMN-026");
    expect(nextAgencyCode("OPD-61", ["OPD-61-DINKES", "OPD-61-RSUD-SOEDARSO"])).toBe("OPD-61-001");
    expect(nextAgencyCode("OPD-61", ["OPD-61-009", "OPD-611-050", "OPD-62-100"])).toBe("OPD-61-010");
    expect(nextAgencyCode("BUMD-64", [])).toBe("BUMD-64-001");
    expect(nextAgencyCode("LEM", ["LEM-999"])).toBe("LEM-1000");
  });

  it("uses a prefix per cluster and province", () => {
    expect(codePrefix("opd", "61")).toBe("OPD-61");
    expect(codePrefix("bumd", "64")).toBe("BUMD-64");
    expect(codePrefix("bumn", null)).toBe("BUMN");
    expect(codePrefix("lembaga", null)).toBe("LEM");
  });

  it("accepts letters, digits, dots and hyphens", () => {
    expect(["OPD-61-DINKES", "KOTA-61.71", "A", "BUMN-026"].map((c) => AGENCY_CODE_PATTERN.test(c))).toEqual([true, true, true, true]);
    expect(["OPD 61", "-OPD", "OPD-", "opd-61", "OPD_61", "X".repeat(41)].map((c) => AGENCY_CODE_PATTERN.test(c))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(normalizeAgencyCode("  opd-61-dinkes ")).toBe("OPD-61-DINKES");
  });
});

describe("clusters", () => {
  it("lets a province add OPD and BUMD, the national organizer BUMN, lembaga and BUMD", () => {
    expect(clustersAddableBy("provincial")).toEqual(["opd", "bumd"]);
    expect(clustersAddableBy("national")).toEqual(["bumn", "lembaga", "bumd"]);
  });

  it("orders clusters as the registry does", () => {
    expect(["opd", "kota", "kementerian", "unknown", "provinsi"].sort((a, b) => clusterRank(a) - clusterRank(b))).toEqual([
      "kementerian",
      "provinsi",
      "kota",
      "opd",
      "unknown",
    ]);
  });
});
