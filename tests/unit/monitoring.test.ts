import { describe, expect, it } from "vitest";
import {
  agenciesDue,
  agenciesToRemind,
  mayRemind,
  parseUsersServed,
  percent,
  periodState,
  progressByAgency,
  statusDashboard,
  topByCount,
  wibDay,
  type DashboardInput,
} from "~/domain/monitoring";

// 1–31 January 2026 WIB: from 08:00 on the 1st to 23:59 on the 31st.
const PERIOD = { startsAt: "2026-01-01T01:00:00.000Z", endsAt: "2026-01-31T16:59:00.000Z" };

describe("periodState on the WIB clock", () => {
  it("is upcoming before the start, open from the start", () => {
    expect(periodState(PERIOD, new Date("2026-01-01T00:59:59.999Z"))).toBe("upcoming");
    expect(periodState(PERIOD, new Date("2026-01-01T01:00:00.000Z"))).toBe("open");
  });

  it("stays open through the whole last minute (23:59:59 WIB) and closes at 00:00 WIB", () => {
    expect(periodState(PERIOD, new Date("2026-01-31T16:59:59.999Z"))).toBe("open");
    expect(periodState(PERIOD, new Date("2026-01-31T17:00:00.000Z"))).toBe("closed");
    expect(periodState(PERIOD, new Date("2026-06-01T00:00:00.000Z"))).toBe("closed");
  });
});

describe("reminders once per agency per WIB day", () => {
  it("gives the WIB calendar day", () => {
    expect(wibDay("2026-01-10T16:59:59.000Z")).toBe("2026-01-10");
    expect(wibDay("2026-01-10T17:00:00.000Z")).toBe("2026-01-11");
    expect(wibDay(new Date("2025-12-31T23:00:00.000Z"))).toBe("2026-01-01");
  });

  it("allows the first reminder and one on a later WIB day, not a second on the same day", () => {
    expect(mayRemind(null, new Date("2026-01-10T03:00:00.000Z"))).toBe(true);
    // 08:00 and 23:30 WIB on 10 January: same day.
    expect(mayRemind("2026-01-10T01:00:00.000Z", new Date("2026-01-10T16:30:00.000Z"))).toBe(false);
    // 23:30 WIB on the 10th, then 00:10 WIB on the 11th: next day, though only 40 minutes later.
    expect(mayRemind("2026-01-10T16:30:00.000Z", new Date("2026-01-10T17:10:00.000Z"))).toBe(true);
  });

  it("splits the due agencies into those reminded now and those skipped", () => {
    const last = new Map([
      ["a2", "2026-01-10T02:00:00.000Z"],
      ["a3", "2026-01-09T02:00:00.000Z"],
    ]);
    expect(agenciesToRemind(["a1", "a2", "a3"], last, new Date("2026-01-10T05:00:00.000Z"))).toEqual({ remind: ["a1", "a3"], skipped: ["a2"] });
  });
});

describe("who is due", () => {
  const innovations = [
    { id: "i1", agencyId: "a1" },
    { id: "i2", agencyId: "a2" },
    { id: "i3", agencyId: "a1" },
    { id: "i4", agencyId: "a3" },
  ];

  it("counts per agency what is reported and what is missing", () => {
    expect(progressByAgency(innovations, ["i1", "i4", "zz"])).toEqual([
      { agencyId: "a1", total: 2, reported: 1, missing: ["i3"] },
      { agencyId: "a2", total: 1, reported: 0, missing: ["i2"] },
      { agencyId: "a3", total: 1, reported: 1, missing: [] },
    ]);
  });

  it("an agency is due until every innovation of it in scope is reported", () => {
    expect(agenciesDue(progressByAgency(innovations, ["i1", "i4"]))).toEqual(["a1", "a2"]);
    expect(agenciesDue(progressByAgency(innovations, ["i1", "i2", "i3", "i4"]))).toEqual([]);
    expect(agenciesDue(progressByAgency([], []))).toEqual([]);
  });
});

describe("dashboard aggregation", () => {
  const item = (id: string, edition: string, province: string | null, cluster: string, status: DashboardInput["status"]): DashboardInput => ({
    id,
    editionKey: edition,
    editionLabel: edition === "c1" ? "KIPP 2024" : "KIPP 2023",
    provinceCode: province,
    provinceLabel: province === "61" ? "Kalimantan Barat" : province === "33" ? "Jawa Tengah" : "—",
    cluster,
    status,
  });
  const items = [
    item("i1", "c1", "61", "kota", "berlanjut"),
    item("i2", "c1", "61", "kabupaten", "berhenti"),
    item("i3", "c2", "33", "kota", "berkembang"),
    item("i4", "c2", null, "kementerian", null),
    item("i5", "c1", "33", "kota", "berlanjut"),
  ];

  it("counts overall and by edition, province and cluster, rows sorted by label", () => {
    const d = statusDashboard(items);
    expect(d.overall).toEqual({ berlanjut: 2, berkembang: 1, berhenti: 1, notReported: 1, total: 5 });
    expect(d.byEdition).toEqual([
      { key: "c2", label: "KIPP 2023", counts: { berlanjut: 0, berkembang: 1, berhenti: 0, notReported: 1, total: 2 } },
      { key: "c1", label: "KIPP 2024", counts: { berlanjut: 2, berkembang: 0, berhenti: 1, notReported: 0, total: 3 } },
    ]);
    expect(d.byProvince).toEqual([
      { key: "", label: "—", counts: { berlanjut: 0, berkembang: 0, berhenti: 0, notReported: 1, total: 1 } },
      { key: "33", label: "Jawa Tengah", counts: { berlanjut: 1, berkembang: 1, berhenti: 0, notReported: 0, total: 2 } },
      { key: "61", label: "Kalimantan Barat", counts: { berlanjut: 1, berkembang: 0, berhenti: 1, notReported: 0, total: 2 } },
    ]);
    expect(d.byCluster).toEqual([
      { key: "kabupaten", label: "kabupaten", counts: { berlanjut: 0, berkembang: 0, berhenti: 1, notReported: 0, total: 1 } },
      { key: "kementerian", label: "kementerian", counts: { berlanjut: 0, berkembang: 0, berhenti: 0, notReported: 1, total: 1 } },
      { key: "kota", label: "kota", counts: { berlanjut: 2, berkembang: 1, berhenti: 0, notReported: 0, total: 3 } },
    ]);
  });

  it("is empty for no innovations", () => {
    expect(statusDashboard([])).toEqual({
      overall: { berlanjut: 0, berkembang: 0, berhenti: 0, notReported: 0, total: 0 },
      byEdition: [],
      byProvince: [],
      byCluster: [],
    });
  });

  it("ranks by count, then name, then id, dropping zeros", () => {
    const rows = [
      { id: "b", name: "Beta", count: 2 },
      { id: "a", name: "Alfa", count: 2 },
      { id: "c", name: "Gamma", count: 5 },
      { id: "d", name: "Delta", count: 0 },
    ];
    expect(topByCount(rows, 2).map((r) => r.id)).toEqual(["c", "a"]);
    expect(topByCount(rows, 10).map((r) => r.id)).toEqual(["c", "a", "b"]);
  });

  it("gives whole percentages", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });
});

describe("users served", () => {
  it("accepts empty, whole numbers and thousands separators", () => {
    expect(parseUsersServed("")).toEqual({ ok: true, value: null });
    expect(parseUsersServed(undefined)).toEqual({ ok: true, value: null });
    expect(parseUsersServed(" 1.250 ")).toEqual({ ok: true, value: 1250 });
    expect(parseUsersServed("12,000")).toEqual({ ok: true, value: 12000 });
    expect(parseUsersServed("0")).toEqual({ ok: true, value: 0 });
  });

  it("refuses negatives, decimals in words and huge numbers", () => {
    expect(parseUsersServed("-5")).toEqual({ ok: false });
    expect(parseUsersServed("sekitar 100")).toEqual({ ok: false });
    expect(parseUsersServed("2000000000")).toEqual({ ok: false });
  });
});
