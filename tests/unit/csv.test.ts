import { describe, expect, it } from "vitest";
import {
  csvField,
  detectDelimiter,
  parseCsv,
  readImportTable,
  spreadsheetSafe,
  toCsv,
  validateImportRows,
  type FileIssueCode,
  type ImportContext,
  type ImportTable,
  type RowIssueCode,
  type RowWarningCode,
} from "~/domain/csv";
import type { Group } from "~/domain/edition";
import { isMessageKey } from "~/i18n";

const fields = (text: string, d: "," | ";" = ",") => {
  const r = parseCsv(text, d);
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r.error)}`);
  return r.records.map((x) => x.fields);
};
const lines = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error("parse failed");
  return r.records.map((x) => x.line);
};

describe("parseCsv", () => {
  it("splits plain fields and records", () => {
    expect(fields("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("accepts CRLF, LF and lone CR, with or without a final line break", () => {
    expect(fields("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r1,2\r")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\n1,2\r\n3,4\r5,6")).toEqual([["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(fields(",a,,b,\n")).toEqual([["", "a", "", "b", ""]]);
    expect(fields("a,")).toEqual([["a", ""]]);
    expect(fields('"a",')).toEqual([["a", ""]]);
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks inside", () => {
    expect(fields('"Kota, Pontianak","Dia berkata ""halo""","baris 1\r\nbaris 2\nbaris 3",""\n')).toEqual([
      ["Kota, Pontianak", 'Dia berkata "halo"', "baris 1\r\nbaris 2\nbaris 3", ""],
    ]);
    expect(fields('""""')).toEqual([['"']]);
  });

  it("drops a leading BOM (only the first)", () => {
    expect(fields("\uFEFFexternal_id,title\nA1,\uFEFFJudul\n")).toEqual([
      ["external_id", "title"],
      ["A1", "\uFEFFJudul"],
    ]);
  });

  it("keeps spaces and Indonesian text as they are", () => {
    expect(fields(" Sistem  Pelayanan ,Pemerintah Kabupaten Kapuas Hulu\n")).toEqual([[" Sistem  Pelayanan ", "Pemerintah Kabupaten Kapuas Hulu"]]);
  });

  it("numbers each record by the line it starts on, counting line breaks inside quotes", () => {
    expect(lines('h1,h2\n"a\nb\r\nc",x\n\nz,"q\rr"\nlast,1')).toEqual([1, 2, 5, 6, 8]);
  });

  it("treats an empty line as a record of one empty field, and empty text as no record", () => {
    expect(fields("a\n\nb")).toEqual([["a"], [""], ["b"]]);
    expect(fields("")).toEqual([]);
    expect(fields("\uFEFF")).toEqual([]);
  });

  it("reports an unterminated quote at the line where it opened", () => {
    expect(parseCsv('a,b\n1,2\n3,"never closed\nmore\nand more')).toEqual({
      ok: false,
      error: { code: "unterminated_quote", line: 3 },
    });
  });

  it("reports a quote inside an unquoted field, and text after a closing quote, with the line", () => {
    expect(parseCsv('a,b\n1,layar 5" lebar\n')).toEqual({ ok: false, error: { code: "stray_quote", line: 2 } });
    expect(parseCsv('a,b\n"x\ny",1\n"ok"z,2')).toEqual({ ok: false, error: { code: "text_after_quote", line: 4 } });
  });

  it("reads semicolon files when asked, and detects the delimiter from the header line", () => {
    expect(fields('a;b\n"1;5";2', ";")).toEqual([["a", "b"], ["1;5", "2"]]);
    expect(detectDelimiter("\uFEFFexternal_id;agency_code;title\n1,2;3")).toBe(";");
    expect(detectDelimiter("external_id,agency_code;x\n")).toBe(",");
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
  });
});

describe("CSV writer", () => {
  it("quotes only the fields that need it and ends records with CRLF", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('5" layar')).toBe('"5"" layar"');
    expect(csvField("baris\nbaru")).toBe('"baris\nbaru"');
    expect(csvField("cr\ronly")).toBe('"cr\ronly"');
    expect(csvField("a;b")).toBe("a;b");
    expect(csvField("a;b", ";")).toBe('"a;b"');
    expect(toCsv([["number", "title"], ["KIPP2025-000001", 'Layanan "Jemput Bola", Kota']], { bom: true })).toBe(
      '\uFEFFnumber,title\r\nKIPP2025-000001,"Layanan ""Jemput Bola"", Kota"\r\n',
    );
  });

  it("round-trips any table through text", () => {
    const table = [
      ["external_id", "title", "summary"],
      ["A-1", 'Kutip "ganda" dan, koma', "baris 1\r\nbaris 2\nbaris 3"],
      ["", "", ""],
      ["ü é ñ — 漢字", "   spasi   ", '"'],
      ["\r", "\n", ","],
    ];
    expect(fields(toCsv(table))).toEqual(table);
    expect(fields(toCsv(table, { bom: true }))).toEqual(table);
    expect(fields(toCsv(table, { delimiter: ";" }), ";")).toEqual(table);
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(["=SUM(A1)", "+62 812", "-1", "@cmd", "\tx", "Judul biasa", ""].map(spreadsheetSafe)).toEqual([
      "'=SUM(A1)",
      "'+62 812",
      "'-1",
      "'@cmd",
      "'\tx",
      "Judul biasa",
      "",
    ]);
  });
});

// ---------------------------------------------------------------------------

const HEADER = "external_id,agency_code,group,category,title,start_date,innovator,contact_email,summary";

function group(id: string, key: string, sections: [string, number | null][]): Group {
  return {
    id,
    key,
    nameId: key,
    nameEn: key,
    descriptionId: "",
    descriptionEn: "",
    minAgeMonths: 0,
    quotaPerAgency: null,
    requiresSources: false,
    videoRequired: false,
    position: 0,
    sections: sections.map(([k, limit], i) => ({
      key: k,
      titleId: k,
      titleEn: k,
      guidanceId: "",
      guidanceEn: "",
      wordLimit: limit,
      required: true,
      position: i,
    })),
    slots: [],
  };
}

const GROUPS = [
  group("g-umum", "umum", [["ringkasan", 5], ["ide", 10]]),
  group("g-khusus", "khusus", [["pembaruan", null]]),
];
const SECTION_KEYS = ["ringkasan", "ide", "pembaruan"];

function ctx(over: Partial<ImportContext> = {}): ImportContext {
  return {
    groups: GROUPS,
    categories: [{ id: "c-digital", key: "transformasi_digital", nameId: "TD", nameEn: "DT", position: 1 }],
    eligibility: { allowedClusters: ["kota", "kabupaten"], eligibleProvinceCode: "61" },
    agencies: new Map([
      ["KOTA-61.71", { id: "ag-kota-61.71", code: "KOTA-61.71", cluster: "kota", provinceCode: "61" }],
      ["KOTA-31.71", { id: "ag-kota-31.71", code: "KOTA-31.71", cluster: "kota", provinceCode: "31" }],
      ["PROV-61", { id: "ag-prov-61", code: "PROV-61", cluster: "provinsi", provinceCode: "61" }],
    ]),
    existingExternalIds: new Set(["OLD-1"]),
    ...over,
  };
}

function table(text: string): ImportTable {
  const r = readImportTable(text, SECTION_KEYS);
  if (!r.ok) throw new Error(`table: ${JSON.stringify(r.issues)}`);
  return r.table;
}

describe("readImportTable", () => {
  it("reads the header case-insensitively, in any order, with section columns", () => {
    const t = table(`\uFEFFTitle, External_ID ,agency_code,group,category,start_date,innovator,contact_email,summary,ide\r\nJudul,A1,KOTA-61.71,umum,,2020-01-01,,a@b.id,,teks\r\n`);
    expect(t.columns).toEqual(["title", "external_id", "agency_code", "group", "category", "start_date", "innovator", "contact_email", "summary", "ide"]);
    expect(t.sectionColumns).toEqual(["ide"]);
    expect(t.rows).toEqual([
      {
        line: 2,
        row: 2,
        values: {
          title: "Judul",
          external_id: "A1",
          agency_code: "KOTA-61.71",
          group: "umum",
          category: "",
          start_date: "2020-01-01",
          innovator: "",
          contact_email: "a@b.id",
          summary: "",
          ide: "teks",
        },
      },
    ]);
  });

  it("skips blank rows but keeps spreadsheet row numbers and physical lines apart", () => {
    const t = table(`${HEADER}\n,,,,,,,,\n"A1",x,umum,c,"two\nlines",d,e,f,g\nA2,x,umum,c,t,d,e,f,g\n`);
    expect(t.rows.map((r) => [r.line, r.row, r.values.external_id])).toEqual([
      [3, 3, "A1"],
      [5, 4, "A2"],
    ]);
  });

  it("marks a row with the wrong number of cells", () => {
    const t = table(`${HEADER}\nA1,too,few\n`);
    expect(t.rows).toEqual([{ line: 2, row: 2, values: {}, columnCount: { expected: 9, found: 3 } }]);
  });

  it("reads a semicolon file (Excel under the Indonesian locale)", () => {
    const t = table(`${HEADER.replaceAll(",", ";")}\nA1;KOTA-61.71;umum;transformasi_digital;"Judul; bagus";2020-01-01;Budi;a@b.id;\n`);
    expect(t.delimiter).toBe(";");
    expect(t.rows[0].values.title).toBe("Judul; bagus");
  });

  const issues = (text: string, max?: number) => {
    const r = readImportTable(text, SECTION_KEYS, max);
    return r.ok ? [] : r.issues;
  };

  it("lists file-level problems: missing, unknown and duplicate columns", () => {
    expect(issues("external_id,title,Catatan,ide,ide\nA1,t,x,y,z\n")).toEqual([
      { code: "missing_columns", line: 1, params: { columns: "agency_code, group, category, start_date, innovator, contact_email, summary" } },
      { code: "unknown_columns", line: 1, params: { columns: "catatan", known: "ringkasan, ide, pembaruan" } },
      { code: "duplicate_columns", line: 1, params: { columns: "ide" } },
    ]);
  });

  it("reports broken CSV with its line, an empty file, a header alone, too many rows", () => {
    expect(issues(`${HEADER}\nA1,x,umum,c,"unclosed,d,e,f,g\nA2,x\n`)).toEqual([{ code: "csv_unterminated_quote", line: 2 }]);
    expect(issues(`${HEADER}\nA1,x,umum,c,t "q",d,e,f,g\n`)).toEqual([{ code: "csv_stray_quote", line: 2 }]);
    expect(issues(`${HEADER}\nA1,x,umum,c,"t"x,d,e,f,g\n`)).toEqual([{ code: "csv_text_after_quote", line: 2 }]);
    expect(issues("")).toEqual([{ code: "file_empty" }]);
    expect(issues("\uFEFF\r\n\r\n")).toEqual([{ code: "file_empty" }]);
    expect(issues(`${HEADER}\r\n`)).toEqual([{ code: "no_rows" }]);
    expect(issues(`${HEADER}\na,,,,,,,,\nb,,,,,,,,\nc,,,,,,,,\n`, 2)).toEqual([{ code: "too_many_rows", params: { rows: 3, max: 2 } }]);
  });
});

describe("validateImportRows", () => {
  const good = "KOTA-61.71,umum,transformasi_digital,Sistem Antrean Daring,2021-03-15,Tim Inovasi,Inovasi@Pontianak.go.id";

  it("turns valid rows into proposals, routing summary to ringkasan and skipping rows already imported", () => {
    const v = validateImportRows(
      table(`${HEADER},ide,pembaruan\nA1,${good},Ringkas saja,Ide yang baru,\nOLD-1,${good},,,\nK1,kota-61.71,KHUSUS,Transformasi_Digital,  Judul   dua  ,2019-12-31,,x@y.id,Diabaikan,,Bebas panjang\n`),
      ctx(),
    );
    expect(v.errors).toEqual([]);
    expect(v.skipped).toEqual([{ line: 3, row: 3, externalId: "OLD-1" }]);
    expect(v.warnings).toEqual([{ line: 4, row: 4, externalId: "K1", issues: [{ code: "summary_ignored", params: { group: "khusus" } }] }]);
    expect(v.toCreate).toEqual([
      {
        line: 2,
        row: 2,
        externalId: "A1",
        agencyId: "ag-kota-61.71",
        groupId: "g-umum",
        categoryId: "c-digital",
        title: "Sistem Antrean Daring",
        startedOn: "2021-03-15",
        innovatorNames: "Tim Inovasi",
        contactEmail: "inovasi@pontianak.go.id",
        answers: { ringkasan: "Ringkas saja", ide: "Ide yang baru" },
      },
      {
        line: 4,
        row: 4,
        externalId: "K1",
        agencyId: "ag-kota-61.71",
        groupId: "g-khusus",
        categoryId: "c-digital",
        title: "Judul dua",
        startedOn: "2019-12-31",
        innovatorNames: "",
        contactEmail: "x@y.id",
        answers: { pembaruan: "Bebas panjang" },
      },
    ]);
  });

  it("lists every bad row with every reason", () => {
    const v = validateImportRows(
      table(
        [
          `${HEADER},ringkasan,ide,pembaruan`,
          `A1,${good},,,,`,
          `A1,${good},,,,`,
          `,,,,,,,,,,,isi`,
          `B1,KOTA-99.99,umum,lain,Judul,2021-02-30,,bukan-email,satu dua tiga empat lima enam,,satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas,x`,
          `B2,KOTA-31.71,umum,transformasi_digital,Judul,15/03/2021,,a@b.id,Ringkasan A,Ringkasan B,,`,
          `B3,PROV-61,tematik,transformasi_digital,Judul,2021-01-01,,a@b.id,,,,`,
          `B4,too,few`,
          `OLD-1,KOTA-99.99,,,,,,,,,,`,
        ].join("\n"),
      ),
      ctx(),
    );
    expect(v.toCreate.map((p) => p.externalId)).toEqual(["A1"]);
    expect(v.skipped).toEqual([{ line: 9, row: 9, externalId: "OLD-1" }]);
    expect(v.errors).toEqual([
      { line: 3, row: 3, externalId: "A1", issues: [{ code: "external_id_duplicate", params: { id: "A1", line: 2 } }] },
      {
        line: 4,
        row: 4,
        externalId: "",
        issues: [
          { code: "external_id_missing" },
          { code: "agency_missing" },
          { code: "group_missing" },
          { code: "category_missing" },
          { code: "title_missing" },
          { code: "start_date_missing" },
          { code: "email_missing" },
        ],
      },
      {
        line: 5,
        row: 5,
        externalId: "B1",
        issues: [
          { code: "agency_unknown", params: { code: "KOTA-99.99" } },
          { code: "category_unknown", params: { value: "lain", known: "transformasi_digital" } },
          { code: "start_date_invalid", params: { value: "2021-02-30" } },
          { code: "email_invalid", params: { value: "bukan-email" } },
          { code: "section_not_in_group", params: { section: "pembaruan", group: "umum" } },
          { code: "section_over_limit", params: { section: "ringkasan", limit: 5, words: 6 } },
          { code: "section_over_limit", params: { section: "ide", limit: 10, words: 11 } },
        ],
      },
      {
        line: 6,
        row: 6,
        externalId: "B2",
        issues: [
          { code: "agency_not_eligible", params: { code: "KOTA-31.71" } },
          { code: "start_date_invalid", params: { value: "15/03/2021" } },
          { code: "summary_conflict", params: { section: "ringkasan" } },
        ],
      },
      {
        line: 7,
        row: 7,
        externalId: "B3",
        issues: [
          { code: "agency_not_eligible", params: { code: "PROV-61" } },
          { code: "group_unknown", params: { value: "tematik", known: "umum, khusus" } },
        ],
      },
      { line: 8, row: 8, externalId: "", issues: [{ code: "column_count", params: { expected: 12, found: 3 } }] },
    ]);
  });

  it("requires an empty category when the edition has none", () => {
    const v = validateImportRows(table(`${HEADER}\nA1,${good},\n`), ctx({ categories: [] }));
    expect(v.errors).toEqual([{ line: 2, row: 2, externalId: "A1", issues: [{ code: "category_not_used", params: { value: "transformasi_digital" } }] }]);
  });
});

describe("import messages", () => {
  it("has a message for every issue code", () => {
    const codes: (FileIssueCode | RowIssueCode | RowWarningCode)[] = [
      "file_empty", "file_too_large", "not_utf8", "csv_unterminated_quote", "csv_stray_quote", "csv_text_after_quote",
      "missing_columns", "unknown_columns", "duplicate_columns", "no_rows", "too_many_rows",
      "column_count", "external_id_missing", "external_id_too_long", "external_id_duplicate", "agency_missing",
      "agency_unknown", "agency_not_eligible", "group_missing", "group_unknown", "category_missing", "category_unknown",
      "category_not_used", "title_missing", "title_too_long", "start_date_missing", "start_date_invalid",
      "innovator_too_long", "email_missing", "email_invalid", "section_over_limit", "section_not_in_group",
      "summary_conflict", "summary_ignored",
    ];
    expect(codes.filter((c) => !isMessageKey(`imports.issue.${c}`))).toEqual([]);
  });
});
