import { describe, expect, it } from "vitest";
import { STAGES } from "~/domain/roles";
import { parseForm } from "~/lib/forms";
import { CompetitionSchema, competitionFields, stageField, timelineFromForm } from "~/schemas/competition";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  const base: Record<string, string> = {
    name: "KIPP 2026",
    year: "2026",
    slug: "kipp-2026",
    theme: "",
    description: "",
  };
  for (const stage of STAGES) {
    base[stageField(stage, "start")] = "";
    base[stageField(stage, "end")] = "";
  }
  for (const [k, v] of Object.entries({ ...base, ...fields })) f.set(k, v);
  return f;
}

function errorsOf(fields: Record<string, string>) {
  const r = parseForm(CompetitionSchema, form(fields));
  return r.ok ? {} : r.errors;
}

describe("CompetitionSchema", () => {
  it("accepts a competition with every stage left empty, the timeline all null", () => {
    const r = parseForm(CompetitionSchema, form({ theme: "  Transformasi digital  " }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(competitionFields(r.data)).toEqual({
      name: "KIPP 2026",
      year: 2026,
      slug: "kipp-2026",
      theme: "Transformasi digital",
      description: "",
      timeline: STAGES.map((stage) => ({ stage, startsAt: null, endsAt: null })),
    });
  });

  it("also accepts a form that leaves the stage fields out", () => {
    const f = new FormData();
    f.set("name", "Sivablik 2026");
    f.set("year", "2026");
    f.set("slug", "sivablik-2026");
    const r = parseForm(CompetitionSchema, f);
    expect(r.ok).toBe(true);
  });

  it("converts WIB inputs to UTC, keeping other stages empty", () => {
    const r = parseForm(
      CompetitionSchema,
      form({
        pendaftaran_start: "2025-04-14T08:00",
        pendaftaran_end: "2025-06-30T23:59",
        pengumuman_start: "2025-09-01T00:00:00",
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const timeline = timelineFromForm(r.data);
    expect(timeline.filter((s) => s.startsAt || s.endsAt)).toEqual([
      { stage: "pendaftaran", startsAt: "2025-04-14T01:00:00.000Z", endsAt: "2025-06-30T16:59:00.000Z" },
      { stage: "pengumuman", startsAt: "2025-08-31T17:00:00.000Z", endsAt: null },
    ]);
    expect(timeline.map((s) => s.stage)).toEqual([...STAGES]);
  });

  it("rejects an invalid slug", () => {
    expect(errorsOf({ slug: "KIPP 2026" })).toEqual({ slug: "errors.slug" });
    expect(errorsOf({ slug: "kipp--2026" })).toEqual({ slug: "errors.slug" });
    expect(errorsOf({ slug: "-kipp" })).toEqual({ slug: "errors.slug" });
    expect(errorsOf({ slug: "kipp-" })).toEqual({ slug: "errors.slug" });
    expect(errorsOf({ slug: "" })).toEqual({ slug: "errors.required" });
    expect(errorsOf({ slug: "a".repeat(61) })).toEqual({ slug: "errors.tooLong" });
    expect(errorsOf({ slug: "a".repeat(60) })).toEqual({});
  });

  it("bounds the year to 2000–2100", () => {
    expect(errorsOf({ year: "1999" })).toEqual({ year: "errors.year" });
    expect(errorsOf({ year: "2101" })).toEqual({ year: "errors.year" });
    expect(errorsOf({ year: "20x5" })).toEqual({ year: "errors.year" });
    expect(errorsOf({ year: "2025.5" })).toEqual({ year: "errors.year" });
    expect(errorsOf({ year: "" })).toEqual({ year: "errors.required" });
    expect(errorsOf({ year: "2000" })).toEqual({});
    expect(errorsOf({ year: "2100" })).toEqual({});
  });

  it("requires a name of at most 120 characters and limits theme and description", () => {
    expect(errorsOf({ name: "   " })).toEqual({ name: "errors.required" });
    expect(errorsOf({ name: "n".repeat(121) })).toEqual({ name: "errors.tooLong" });
    expect(errorsOf({ theme: "t".repeat(301) })).toEqual({ theme: "errors.tooLong" });
    expect(errorsOf({ description: "d".repeat(5001) })).toEqual({ description: "errors.tooLong" });
    expect(errorsOf({ description: "d".repeat(5000) })).toEqual({});
  });

  it("puts end-before-start on the end field of that stage", () => {
    expect(
      errorsOf({ penilaian_proposal_start: "2025-08-01T08:00", penilaian_proposal_end: "2025-07-31T23:59" }),
    ).toEqual({
      penilaian_proposal_end: "errors.endBeforeStart",
    });
    expect(errorsOf({ sidang_pleno_start: "2025-09-01T09:00", sidang_pleno_end: "2025-09-01T09:00" })).toEqual({
      sidang_pleno_end: "errors.endBeforeStart",
    });
  });

  it("reports end-before-start alongside other field errors", () => {
    expect(
      errorsOf({
        year: "abc",
        theme: "t".repeat(301),
        pendaftaran_start: "2025-06-30T23:59",
        pendaftaran_end: "2025-04-14T08:00",
      }),
    ).toEqual({
      year: "errors.year",
      theme: "errors.tooLong",
      pendaftaran_end: "errors.endBeforeStart",
    });
  });

  it("rejects impossible and malformed dates at their field", () => {
    expect(errorsOf({ pendaftaran_end: "2025-02-30T10:00" })).toEqual({ pendaftaran_end: "errors.dateTime" });
    expect(errorsOf({ persiapan_start: "30/06/2025 23:59" })).toEqual({ persiapan_start: "errors.dateTime" });
    expect(errorsOf({ pemantauan_start: "2025-06-30T24:00" })).toEqual({ pemantauan_start: "errors.dateTime" });
  });
});
