/**
 * The printable announcement (A4, pdf-lib standard fonts): organizer and
 * edition, number, date, title, body text, the list as a table (repeated
 * header on every page), the objection window, and "page i of n" in the
 * footer. A draft or scheduled one carries a "DRAF" mark on every page.
 */
import { PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { AnnouncementKind } from "../../db/schema";
import { formatWib } from "~/domain/time";
import { translate, type Locale, type MessageKey } from "~/i18n";
import { fitText, toWinAnsi, wrapText } from "./pdf-text.server";

export interface AnnouncementPdfEntry {
  position: number;
  number: string;
  title: string;
  agencyName: string;
  regionName: string;
  labelId: string;
  labelEn: string;
}

export interface AnnouncementPdfInput {
  organizerName: string;
  competitionName: string;
  kind: AnnouncementKind;
  number: string | null;
  title: string;
  bodyText: string;
  status: "draft" | "scheduled" | "published";
  publishedAt: string | null;
  publishAt: string | null;
  objectionEndsAt: string | null;
  supersedesNumber: string | null;
  supersededByNumber: string | null;
  entries: AnnouncementPdfEntry[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const FOOTER = 36;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.75, 0.75, 0.78);

interface Column {
  key: "position" | "number" | "title" | "agency" | "label";
  header: MessageKey;
  width: number;
}

export async function renderAnnouncementPdf(a: AnnouncementPdfInput, locale: Locale): Promise<Uint8Array> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const doc = await PDFDocument.create();
  doc.setTitle(toWinAnsi(a.number ? `${a.number} ${a.title}` : a.title));
  doc.setAuthor(toWinAnsi(a.organizerName));
  doc.setSubject(toWinAnsi(a.competitionName));
  doc.setProducer("Sayembara");
  doc.setCreator("Sayembara");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN;
  };
  const ensure = (h: number) => {
    if (y - h < MARGIN + FOOTER) newPage();
  };
  const line = (text: string, font: PDFFont, size: number, opts: { color?: ReturnType<typeof rgb>; center?: boolean; gap?: number } = {}) => {
    for (const l of wrapText(text, font, size, width)) {
      ensure(size + 4);
      const w = font.widthOfTextAtSize(l, size);
      page.drawText(l, { x: opts.center ? MARGIN + (width - w) / 2 : MARGIN, y: y - size, size, font, color: opts.color ?? INK });
      y -= size + (opts.gap ?? 4);
    }
  };

  newPage();
  line(a.organizerName.toUpperCase(), bold, 12, { center: true });
  line(a.competitionName, regular, 11, { center: true });
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 1.2, color: INK });
  y -= 18;
  line(t("announcements.pdf.heading"), bold, 13, { center: true });
  line(a.number ? t("announcements.pdf.number", { number: a.number }) : t("announcements.pdf.noNumber"), regular, 10.5, { center: true });
  y -= 6;
  line(a.title, bold, 12, { center: true });
  y -= 8;

  const dateLine =
    a.status === "published"
      ? t("announcements.pdf.publishedAt", { date: formatWib(a.publishedAt, locale) })
      : a.status === "scheduled"
        ? t("announcements.pdf.scheduledAt", { date: formatWib(a.publishAt, locale) })
        : t("announcements.pdf.draftNote");
  line(dateLine, regular, 9.5, { color: MUTED });
  if (a.supersedesNumber) line(t("announcements.pdf.supersedes", { number: a.supersedesNumber }), regular, 9.5, { color: MUTED });
  if (a.supersededByNumber) line(t("announcements.pdf.supersededBy", { number: a.supersededByNumber }), bold, 9.5);
  y -= 8;

  for (const paragraph of a.bodyText.split(/\n{2,}/)) {
    if (!paragraph.trim()) continue;
    line(paragraph, regular, 10.5, { gap: 4.5 });
    y -= 6;
  }

  // The list
  y -= 4;
  line(t("announcements.pdf.listHeading", { count: a.entries.length }), bold, 11);
  y -= 2;
  const hasLabel = a.kind === "winners";
  const columns: Column[] = [
    { key: "position", header: "announcements.entries.position", width: 28 },
    { key: "number", header: "announcements.entries.number", width: 92 },
    { key: "title", header: "announcements.entries.title", width: hasLabel ? 150 : 210 },
    { key: "agency", header: "announcements.entries.agency", width: hasLabel ? 125 : 165 },
    ...(hasLabel ? [{ key: "label" as const, header: "announcements.entries.award" as MessageKey, width: 100 }] : []),
  ];
  const size = 8.5;
  const lineH = size + 2.5;
  const header = () => {
    ensure(lineH + 8);
    let x = MARGIN;
    for (const col of columns) {
      page.drawText(fitText(t(col.header), bold, size, col.width - 4), { x, y: y - size, size, font: bold, color: INK });
      x += col.width;
    }
    y -= lineH + 2;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.8, color: INK });
    y -= 4;
  };
  header();
  for (const e of a.entries) {
    const cells: Record<Column["key"], string[]> = {
      position: [String(e.position)],
      number: wrapText(e.number, regular, size, 88),
      title: wrapText(e.title, regular, size, (columns.find((c) => c.key === "title")?.width ?? 150) - 6),
      agency: wrapText([e.agencyName, e.regionName].filter(Boolean).join(" — "), regular, size, (columns.find((c) => c.key === "agency")?.width ?? 125) - 6),
      label: wrapText(locale === "en" ? e.labelEn || e.labelId : e.labelId, regular, size, 96),
    };
    const rows = Math.max(...columns.map((c) => cells[c.key].length), 1);
    const h = rows * lineH + 4;
    if (y - h < MARGIN + FOOTER) {
      newPage();
      header();
    }
    let x = MARGIN;
    for (const col of columns) {
      cells[col.key].forEach((text, i) => page.drawText(text, { x, y: y - size - i * lineH, size, font: regular, color: INK }));
      x += col.width;
    }
    y -= h;
    page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: MARGIN + width, y: y + 2 }, thickness: 0.4, color: RULE });
  }
  if (a.entries.length === 0) line(t("announcements.entries.empty"), regular, 9.5, { color: MUTED });

  if (a.objectionEndsAt) {
    y -= 10;
    line(t("announcements.pdf.objectionWindow", { date: formatWib(a.objectionEndsAt, locale) }), regular, 10);
  }

  const total = pages.length;
  const draftMark = a.status !== "published" ? toWinAnsi(t("announcements.pdf.draftMark")) : null;
  pages.forEach((p, i) => {
    const footer = toWinAnsi(t("announcements.pdf.page", { page: i + 1, pages: total }));
    const w = regular.widthOfTextAtSize(footer, 8.5);
    p.drawText(footer, { x: A4[0] - MARGIN - w, y: MARGIN / 2, size: 8.5, font: regular, color: MUTED });
    p.drawText(fitText(a.number ?? a.title, regular, 8.5, width / 2), { x: MARGIN, y: MARGIN / 2, size: 8.5, font: regular, color: MUTED });
    if (draftMark) {
      p.drawText(draftMark, { x: 150, y: 300, size: 110, font: bold, color: rgb(0.85, 0.2, 0.2), opacity: 0.15, rotate: degrees(40) });
    }
  });
  return doc.save();
}
