/**
 * A minimal streaming XLSX writer: one worksheet of text cells with a bold,
 * frozen header row. An XLSX file is a ZIP of XML parts; this writes the ZIP
 * itself (deflate from node:zlib, CRC-32 computed here) so rows are
 * compressed and sent as they are produced, never held whole in memory.
 *
 * ZIP layout (APPNOTE 6.3.x, no ZIP64): per entry a local file header with
 * general-purpose flag bit 3 (sizes and CRC follow the data in a data
 * descriptor, since they are known only after streaming) and bit 11 (UTF-8
 * names), the deflated data, the data descriptor; then the central directory
 * and the end-of-central-directory record. Files over 4 GiB are refused.
 *
 * Cells are inline strings (t="inlineStr"): never formulas, so text from
 * agencies cannot run in the organizer's spreadsheet. Characters XML 1.0
 * forbids are dropped and a cell is cut at Excel's limit of 32,767 characters.
 */
import { pipeline, Readable } from "node:stream";
import { createDeflateRaw } from "node:zlib";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's maximum characters in one cell. */
export const XLSX_CELL_MAX = 32_767;

// --- CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP uses ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Continue a CRC-32 over more bytes; start with crc32(bytes) or crc32(bytes, 0). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- ZIP ------------------------------------------------------------------

export interface ZipEntry {
  /** Path inside the archive, forward slashes. */
  name: string;
  data: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

const encoder = new TextEncoder();
const toBytes = (chunk: Uint8Array | string) => (typeof chunk === "string" ? encoder.encode(chunk) : chunk);

/** MS-DOS time and date fields of a moment (its WIB wall clock; DOS times have no zone). */
function dosDateTime(at: Date): { time: number; date: number } {
  const wib = new Date(at.getTime() + 7 * 60 * 60 * 1000);
  const year = Math.max(wib.getUTCFullYear(), 1980);
  return {
    time: (wib.getUTCHours() << 11) | (wib.getUTCMinutes() << 5) | (wib.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((wib.getUTCMonth() + 1) << 5) | wib.getUTCDate(),
  };
}

const FLAGS = 0x0008 | 0x0800; // data descriptor follows; UTF-8 file name
const DEFLATE = 8;
const VERSION = 20; // 2.0: deflate
const MAX32 = 0xffffffff;

async function* deflate(source: ZipEntry["data"], stats: { crc: number; size: number; compressed: number }) {
  async function* counted() {
    for await (const chunk of source) {
      const bytes = toBytes(chunk);
      if (bytes.length === 0) continue;
      stats.crc = crc32(bytes, stats.crc);
      stats.size += bytes.length;
      yield bytes;
    }
  }
  // pipeline() carries an error of the source into the compressor (and the loop
  // below), and destroys both when the reader stops early.
  const compressed = pipeline(Readable.from(counted()), createDeflateRaw({ level: 6 }), () => {});
  for await (const b of compressed as AsyncIterable<Buffer>) {
    stats.compressed += b.length;
    yield new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
}

/** A ZIP archive of the entries, streamed entry by entry. */
export async function* zipStream(entries: Iterable<ZipEntry>, at: Date = new Date()): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(at);
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;

  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes (14..25) are zero here: they follow in the data descriptor.
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const headerOffset = offset;
    yield local;
    yield name;
    offset += local.length + name.length;

    const stats = { crc: 0, size: 0, compressed: 0 };
    for await (const chunk of deflate(entry.data, stats)) {
      offset += chunk.length;
      yield chunk;
    }
    if (stats.size > MAX32 || stats.compressed > MAX32 || offset > MAX32) throw new Error("xlsx: archive too large (ZIP64 not supported)");

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(stats.crc, 4);
    descriptor.writeUInt32LE(stats.compressed, 8);
    descriptor.writeUInt32LE(stats.size, 12);
    yield descriptor;
    offset += descriptor.length;

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(FLAGS, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(stats.crc, 16);
    header.writeUInt32LE(stats.compressed, 20);
    header.writeUInt32LE(stats.size, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: zero
    header.writeUInt32LE(headerOffset, 42);
    central.push(header, name);
    count++;
  }

  const centralOffset = offset;
  let centralSize = 0;
  for (const part of central) {
    centralSize += part.length;
    yield part;
  }
  if (count > 0xffff || centralOffset + centralSize > MAX32) throw new Error("xlsx: archive too large (ZIP64 not supported)");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(0, 20);
  yield end;
}

// --- SpreadsheetML ---------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

// Control characters other than tab, LF and CR, U+FFFE/U+FFFF and unpaired surrogates are not allowed in XML 1.0.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(XML_INVALID, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** "A", "B", … "Z", "AA", … for a 0-based column index. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function cell(ref: string, value: string, style: number): string {
  let text = value.replace(/\r\n?/g, "\n");
  if (text.length > XLSX_CELL_MAX) text = text.slice(0, XLSX_CELL_MAX);
  if (text === "") return "";
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  const s = style ? ` s="${style}"` : "";
  return `<c r="${ref}" t="inlineStr"${s}><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function rowXml(index: number, values: readonly string[], style: number): string {
  const r = index + 1;
  return `<row r="${r}">${values.map((v, c) => cell(`${columnName(c)}${r}`, v, style)).join("")}</row>`;
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31);
  return clean || "Sheet1";
}

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

const WORKBOOK_RELS =
  XML_HEAD +
  `<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  "</Relationships>";

/** Style 0: normal; style 1: bold (the header row). */
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function workbook(name: string): string {
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets>` +
    "</workbook>"
  );
}

export interface SheetSpec {
  /** The sheet's tab name. */
  name: string;
  header: readonly string[];
  rows: AsyncIterable<readonly string[]> | Iterable<readonly string[]>;
}

/** Batch rows into chunks of a few tens of kilobytes for the compressor. */
async function* sheetXml(sheet: SheetSpec): AsyncGenerator<string> {
  yield XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    "<sheetData>" +
    rowXml(0, sheet.header, 1);
  let index = 1;
  let buffer = "";
  for await (const values of sheet.rows) {
    buffer += rowXml(index++, values, 0);
    if (buffer.length > 64 * 1024) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer + "</sheetData></worksheet>";
}

/** An XLSX workbook with one sheet, as a stream of bytes. */
export function xlsxStream(sheet: SheetSpec, at: Date = new Date()): AsyncGenerator<Uint8Array> {
  return zipStream(
    [
      { name: "[Content_Types].xml", data: [CONTENT_TYPES] },
      { name: "_rels/.rels", data: [ROOT_RELS] },
      { name: "xl/workbook.xml", data: [workbook(sheet.name)] },
      { name: "xl/_rels/workbook.xml.rels", data: [WORKBOOK_RELS] },
      { name: "xl/styles.xml", data: [STYLES] },
      { name: "xl/worksheets/sheet1.xml", data: sheetXml(sheet) },
    ],
    at,
  );
}

/** A web ReadableStream over an async iterator (pulled as the client reads). */
export function readableFrom(source: AsyncIterator<Uint8Array | string> | AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const it = Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]() : (source as AsyncIterator<Uint8Array | string>);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(toBytes(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}
