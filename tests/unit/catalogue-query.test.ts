import { describe, expect, it } from "vitest";
import { catalogueParams, ftsMatchQuery, MAX_QUERY_LENGTH, MAX_TERMS, parseCatalogueParams, searchTerms, tsQueryText } from "~/domain/catalogue-query";

describe("searchTerms", () => {
  it("lower-cases words and marks words of two or more characters as prefixes", () => {
    expect(searchTerms("Antrean  DUKCAPIL a")).toEqual([
      { text: "antrean", prefix: true },
      { text: "dukcapil", prefix: true },
      { text: "a", prefix: false },
    ]);
  });

  it("treats every operator and quote as a separator", () => {
    expect(searchTerms(`"posyandu" OR (e-KTP)* NEAR/3 -lapor: a&b|c! 'x' \\ ^`)).toEqual([
      { text: "posyandu", prefix: true },
      { text: "or", prefix: false },
      { text: "e", prefix: false },
      { text: "ktp", prefix: true },
      { text: "near", prefix: true },
      { text: "3", prefix: false },
      { text: "lapor", prefix: true },
      { text: "a", prefix: false },
    ]);
  });

  it("gives nothing for empty or punctuation-only input", () => {
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms(`"*()  :& '' `)).toEqual([]);
  });

  it("keeps letters with diacritics and other scripts, drops duplicates, caps the count", () => {
    expect(searchTerms("Café café Ñandú 日本")).toEqual([
      { text: "café", prefix: true },
      { text: "ñandú", prefix: true },
      { text: "日本", prefix: false },
    ]);
    const many = Array.from({ length: 20 }, (_, i) => `kata${i}`).join(" ");
    expect(searchTerms(many)).toHaveLength(MAX_TERMS);
  });
});

describe("engine queries", () => {
  it("quotes every FTS5 term and stars prefixes", () => {
    expect(ftsMatchQuery(searchTerms("NEAR lapor a"))).toBe(`"near"* "lapor"* "a"`);
    expect(ftsMatchQuery([])).toBeNull();
  });

  it("quotes every tsquery lexeme and joins with &", () => {
    expect(tsQueryText(searchTerms("NEAR lapor a"))).toBe(`'near':* & 'lapor':* & 'a'`);
    expect(tsQueryText([])).toBeNull();
  });
});

describe("parseCatalogueParams", () => {
  const parse = (qs: string) => parseCatalogueParams(new URLSearchParams(qs));

  it("reads every parameter, leaving empty ones out", () => {
    expect(parse("q=+antrean+&year=2023&category=transformasi_digital&cluster=kota&province=61&award=top45&page=3&pageSize=50")).toEqual({
      query: { q: "antrean", year: 2023, category: "transformasi_digital", cluster: "kota", province: "61", award: "top45", page: 3, pageSize: 50 },
      invalid: [],
    });
    expect(parse("q=&year=&category=&page=")).toEqual({ query: {}, invalid: [] });
  });

  it("names every malformed parameter and leaves it out", () => {
    expect(parse("year=20x5&category=Bad Key&cluster=planet&province=6&award=-x&page=0&pageSize=101")).toEqual({
      query: {},
      invalid: ["year", "category", "cluster", "province", "award", "page", "pageSize"],
    });
    expect(parse("page=1001").invalid).toEqual(["page"]);
  });

  it("cuts a very long text", () => {
    expect(parse(`q=${"a".repeat(500)}`).query.q).toHaveLength(MAX_QUERY_LENGTH);
  });

  it("round-trips through catalogueParams, dropping page 1", () => {
    const { query } = parse("q=posyandu digital&year=2025&award=winner&page=2");
    expect(catalogueParams(query).toString()).toBe("q=posyandu+digital&year=2025&award=winner&page=2");
    expect(catalogueParams({ ...query, page: 1 }, { format: "csv" }).toString()).toBe("q=posyandu+digital&year=2025&award=winner&format=csv");
  });
});
