/**
 * Text for pdf-lib's standard fonts (Helvetica & co.), which encode WinAnsi
 * (Windows-1252) only: `toWinAnsi` maps every other character to a close
 * ASCII form or "?", so drawing user text never throws; `wrapText` breaks a
 * text into lines that fit a width. Shared by the announcement and the
 * certificate PDFs.
 */
import type { PDFFont } from "pdf-lib";

/** The Windows-1252 characters outside Latin-1 (0x80–0x9F block). */
const CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Common characters outside WinAnsi with a readable replacement. */
const REPLACEMENTS: Record<string, string> = {
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "-", // figure dash
  "\u2015": "—", // horizontal bar
  "\u2212": "-", // minus sign
  "\u2032": "'", // prime
  "\u2033": '"', // double prime
  "\u2039": "‹",
  "\u2044": "/", // fraction slash
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u00ad": "", // soft hyphen
  "\u200b": "", // zero-width space
  "\u200c": "",
  "\u200d": "",
  "\ufeff": "",
  "\u2007": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\u2002": " ",
  "\u2003": " ",
};

function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c <= 0x7e) return true;
  if (c >= 0xa0 && c <= 0xff) return true;
  return CP1252_EXTRA.includes(ch);
}

/**
 * Text a standard PDF font can draw: line breaks and tabs become spaces,
 * characters outside WinAnsi are replaced (dashes, spaces and arrows by a
 * close form; accents decomposed to their base letter when that letter is
 * WinAnsi; anything else, e.g. emoji or CJK, by "?").
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of (text ?? "").normalize("NFC")) {
    if (ch === "\n" || ch === "\r" || ch === "\t") {
      out += " ";
    } else if (ch in REPLACEMENTS) {
      out += REPLACEMENTS[ch];
    } else if (isWinAnsi(ch)) {
      out += ch;
    } else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length > 0 && [...base].every(isWinAnsi) ? base : "?";
    }
  }
  return out;
}

/**
 * Lines of at most `maxWidth` points in `font` at `size`: words are kept
 * whole unless one alone is too wide (then it is cut). Paragraph breaks
 * ("\n") are kept as line breaks; an empty paragraph gives an empty line.
 * The text is passed through toWinAnsi first.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  for (const paragraph of (text ?? "").split(/\r?\n/)) {
    const words = toWinAnsi(paragraph).split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      lines.push("");
      continue;
    }
    let line = "";
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the whole line is cut into pieces that fit.
      while (width(word) > maxWidth && word.length > 1) {
        let cut = word.length - 1;
        while (cut > 1 && width(word.slice(0, cut)) > maxWidth) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** The text cut to fit `maxWidth` on one line, with "…" when cut. */
export function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  const s = toWinAnsi(text);
  if (font.widthOfTextAtSize(s, size) <= maxWidth) return s;
  let end = s.length;
  while (end > 0 && font.widthOfTextAtSize(`${s.slice(0, end)}…`, size) > maxWidth) end--;
  return `${s.slice(0, end)}…`;
}
