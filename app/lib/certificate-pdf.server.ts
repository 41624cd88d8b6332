/**
 * The certificate (Piagam penghargaan) as a landscape A4 PDF, drawn with
 * pdf-lib's standard fonts (text through toWinAnsi/wrapText, so no character
 * makes it throw) and a QR code of the verification URL drawn as vector
 * rectangles from `QRCode.create(url).modules` (no image, prints sharp).
 * The text is Indonesian: a piagam is an official document of the organizer.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { formatWib } from "~/domain/time";
import { fitText, toWinAnsi, wrapText } from "./pdf-text.server";

export interface CertificatePdfData {
  code: string;
  editionName: string;
  tierNameId: string;
  tierNameEn: string;
  innovationTitle: string;
  agencyName: string;
  signatoryName: string;
  signatoryTitle: string;
  place: string;
  /** WIB calendar date yyyy-mm-dd. */
  issuedOn: string;
  issuedAt: string;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const NAVY = rgb(0.07, 0.2, 0.38);
const GOLD = rgb(0.72, 0.56, 0.2);
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.38, 0.4, 0.44);

/** "2025-11-24" → "24 November 2025" (the WIB date as printed). */
export function printedDate(issuedOn: string): string {
  return formatWib(`${issuedOn}T05:00:00.000Z`, "id", false);
}

function centered(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = INK) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color });
}

/** Wrapped, centred lines; the size shrinks until the text fits `maxLines`. Returns the y below the block. */
function centeredBlock(
  page: PDFPage,
  text: string,
  font: PDFFont,
  sizes: number[],
  maxWidth: number,
  maxLines: number,
  y: number,
  color = INK,
): number {
  let size = sizes[sizes.length - 1];
  let lines = wrapText(text, font, size, maxWidth);
  for (const s of sizes) {
    const l = wrapText(text, font, s, maxWidth);
    if (l.length <= maxLines) {
      size = s;
      lines = l;
      break;
    }
  }
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    lines[maxLines - 1] = fitText(`${lines[maxLines - 1]} …`, font, size, maxWidth);
  }
  for (const line of lines) {
    centered(page, line, font, size, y, color);
    y -= size * 1.25;
  }
  return y;
}

/** The QR code as dark rectangles (runs of modules merged per row), with its quiet zone left white. */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  const n = modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (quiet + start) * cell,
        // PDF y grows upwards; QR rows go down.
        y: y + size - (quiet + row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}

/** One certificate as a one-page PDF. `verifyUrl` is the absolute /verify/:code URL printed and encoded in the QR code. */
export async function renderCertificatePdf(c: CertificatePdfData, verifyUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fixed = new Date(c.issuedAt);
  doc.setTitle(toWinAnsi(`Piagam Penghargaan ${c.editionName} - ${c.agencyName}`));
  doc.setSubject(toWinAnsi(`${c.tierNameId}: ${c.innovationTitle}`));
  doc.setAuthor(toWinAnsi(c.editionName));
  doc.setProducer("Sayembara");
  doc.setCreator("Sayembara");
  doc.setKeywords([c.code]);
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);

  const page = doc.addPage(A4_LANDSCAPE);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const serif = await doc.embedFont(StandardFonts.TimesRomanBold);
  const W = page.getWidth();
  const H = page.getHeight();

  // Frame: a navy outer border and a thin gold inner one.
  page.drawRectangle({ x: 20, y: 20, width: W - 40, height: H - 40, borderColor: NAVY, borderWidth: 6 });
  page.drawRectangle({ x: 34, y: 34, width: W - 68, height: H - 68, borderColor: GOLD, borderWidth: 1.5 });

  const textWidth = W - 200;
  let y = H - 86;
  y = centeredBlock(page, c.editionName.toUpperCase(), bold, [14, 12, 10], textWidth, 2, y, NAVY);
  y -= 26;
  centered(page, "PIAGAM PENGHARGAAN", serif, 38, y, NAVY);
  y -= 20;
  centered(page, "Certificate of Award", italic, 12, y, GREY);
  y -= 34;
  centered(page, "diberikan kepada", regular, 13, y, GREY);
  y -= 30;
  y = centeredBlock(page, c.agencyName, bold, [24, 20, 17, 14], textWidth, 2, y);
  y -= 6;
  centered(page, "atas inovasi", regular, 13, y, GREY);
  y -= 24;
  y = centeredBlock(page, `"${c.innovationTitle}"`, italic, [18, 16, 14, 12], textWidth, 3, y);
  y -= 6;
  centered(page, "sebagai", regular, 13, y, GREY);
  y -= 26;
  y = centeredBlock(page, c.tierNameId, bold, [20, 17, 14, 12], textWidth, 2, y, GOLD);
  if (c.tierNameEn && c.tierNameEn !== c.tierNameId) {
    centeredBlock(page, c.tierNameEn, italic, [11], textWidth, 1, y + 4, GREY);
  }

  // Signature block, bottom right.
  const sigX = W - 300;
  const sigWidth = 240;
  const sigCentre = (text: string, font: PDFFont, size: number, yy: number) => {
    const s = fitText(text, font, size, sigWidth);
    page.drawText(s, { x: sigX + (sigWidth - font.widthOfTextAtSize(s, size)) / 2, y: yy, size, font, color: INK });
  };
  const placeDate = c.place ? `${c.place}, ${printedDate(c.issuedOn)}` : printedDate(c.issuedOn);
  sigCentre(placeDate, regular, 11, 168);
  const titleLines = wrapText(c.signatoryTitle, regular, 11, sigWidth).slice(0, 2);
  titleLines.forEach((line, i) => sigCentre(line, regular, 11, 152 - i * 13));
  const nameY = 78;
  sigCentre(c.signatoryName, bold, 12, nameY);
  const nameWidth = Math.min(sigWidth, bold.widthOfTextAtSize(fitText(c.signatoryName, bold, 12, sigWidth), 12));
  page.drawLine({
    start: { x: sigX + (sigWidth - nameWidth) / 2, y: nameY - 3 },
    end: { x: sigX + (sigWidth + nameWidth) / 2, y: nameY - 3 },
    thickness: 0.8,
    color: INK,
  });

  // Verification, bottom left: QR code, code and URL.
  const qrSize = 92;
  const qrX = 64;
  const qrY = 60;
  drawQrCode(page, verifyUrl, qrX, qrY, qrSize);
  const infoX = qrX + qrSize + 10;
  page.drawText("Kode verifikasi", { x: infoX, y: qrY + 70, size: 9, font: regular, color: GREY });
  page.drawText(c.code, { x: infoX, y: qrY + 54, size: 13, font: bold, color: INK });
  page.drawText("Periksa keaslian piagam ini di:", { x: infoX, y: qrY + 34, size: 8, font: regular, color: GREY });
  page.drawText(fitText(verifyUrl, regular, 8, sigX - infoX - 20), { x: infoX, y: qrY + 22, size: 8, font: regular, color: NAVY });

  return doc.save({ useObjectStreams: true });
}
