import { describe, expect, it } from "vitest";
import {
  acceptAttribute,
  attachmentDisposition,
  downloadName,
  formatFileSize,
  kindList,
  kindOfMime,
  sanitizeFileName,
  sniffFileKind,
} from "~/domain/filetype";

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffFileKind", () => {
  it("recognises real PDF, JPEG and PNG headers", () => {
    expect(sniffFileKind(text("%PDF-1.4\n%âãÏÓ\n1 0 obj"))).toBe("pdf");
    expect(sniffFileKind(text("%PDF-2.0"))).toBe("pdf");
    // JFIF (FF D8 FF E0) and Exif (FF D8 FF E1) JPEGs
    expect(sniffFileKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46))).toBe("jpeg");
    expect(sniffFileKind(bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, 0x45, 0x78))).toBe("jpeg");
    expect(sniffFileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d))).toBe("png");
  });

  it("refuses a Windows executable renamed .pdf, an ELF binary, a ZIP (docx) and a script", () => {
    expect(sniffFileKind(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00))).toBeNull(); // MZ
    expect(sniffFileKind(bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00))).toBeNull(); // \x7fELF
    expect(sniffFileKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00))).toBeNull(); // PK\x03\x04
    expect(sniffFileKind(text("#!/bin/sh\nrm -rf /"))).toBeNull();
  });

  it("refuses an empty file, a text file and a header cut short", () => {
    expect(sniffFileKind(new Uint8Array())).toBeNull();
    expect(sniffFileKind(text("Laporan kegiatan inovasi 2024"))).toBeNull();
    expect(sniffFileKind(text("%PDF"))).toBeNull();
    expect(sniffFileKind(text("%PD"))).toBeNull();
    expect(sniffFileKind(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffFileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
  });

  it("does not accept the signature anywhere but at the start", () => {
    expect(sniffFileKind(text(" %PDF-1.4"))).toBeNull();
    expect(sniffFileKind(text("\uFEFF%PDF-1.4"))).toBeNull();
    expect(sniffFileKind(bytes(0x00, 0xff, 0xd8, 0xff))).toBeNull();
  });
});

describe("sanitizeFileName", () => {
  it("keeps an ordinary Indonesian file name as it is", () => {
    expect(sanitizeFileName("SK Inovator Dinas Kesehatan 2025.pdf")).toBe("SK Inovator Dinas Kesehatan 2025.pdf");
  });

  it("keeps only the last path component, whichever slash", () => {
    expect(sanitizeFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("..\\..\\x.pdf")).toBe("x.pdf");
    expect(sanitizeFileName("C:\\Users\\siti\\Dokumen\\laporan.pdf")).toBe("laporan.pdf");
    expect(sanitizeFileName("/")).toBe("berkas");
  });

  it("drops control characters (NUL included), bidi overrides and leading dots", () => {
    expect(sanitizeFileName("lapor\u0000an.pdf")).toBe("laporan.pdf");
    expect(sanitizeFileName("a\r\nb\t.pdf")).toBe("ab.pdf");
    expect(sanitizeFileName("foto\u202Egpj.exe")).toBe("fotogpj.exe");
    expect(sanitizeFileName("..")).toBe("berkas");
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
    expect(sanitizeFileName("   ")).toBe("berkas");
  });

  it("cuts a long name to 200 characters, keeping the extension", () => {
    const long = `${"a".repeat(300)}.pdf`;
    const out = sanitizeFileName(long);
    expect(out.length).toBe(200);
    expect(out.endsWith("a.pdf")).toBe(true);
    expect(sanitizeFileName("é".repeat(250))).toBe("é".repeat(200));
  });
});

describe("download names and headers", () => {
  it("adds the extension of the real type when the name lacks it", () => {
    expect(downloadName("laporan.pdf", "pdf")).toBe("laporan.pdf");
    expect(downloadName("foto.JPEG", "jpeg")).toBe("foto.JPEG");
    expect(downloadName("foto", "jpeg")).toBe("foto.jpg");
    expect(downloadName("program.exe", "pdf")).toBe("program.exe.pdf");
  });

  it("writes Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 5987)", () => {
    expect(attachmentDisposition("laporan.pdf")).toBe(`attachment; filename="laporan.pdf"; filename*=UTF-8''laporan.pdf`);
    expect(attachmentDisposition("Laporan Évaluasi 2025.pdf")).toBe(
      `attachment; filename="Laporan Evaluasi 2025.pdf"; filename*=UTF-8''Laporan%20%C3%89valuasi%202025.pdf`,
    );
    expect(attachmentDisposition('a"b\\c;d.pdf')).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf`);
    expect(attachmentDisposition("写真.png")).toBe(`attachment; filename="__.png"; filename*=UTF-8''%E5%86%99%E7%9C%9F.png`);
  });

  it("maps MIME types back to kinds and builds the accept attribute", () => {
    expect([kindOfMime("application/pdf"), kindOfMime("image/jpeg"), kindOfMime("image/png"), kindOfMime("text/html")]).toEqual([
      "pdf",
      "jpeg",
      "png",
      null,
    ]);
    expect(acceptAttribute(["pdf", "png"])).toBe(".pdf,application/pdf,.png,image/png");
  });

  it("lists accepted kinds in the reader's language", () => {
    expect(kindList(["png", "pdf", "jpeg"], "id")).toBe("PDF, JPEG, atau PNG");
    expect(kindList(["pdf", "jpeg", "png"], "en")).toBe("PDF, JPEG or PNG");
    expect(kindList(["pdf"], "id")).toBe("PDF");
  });

  it("formats sizes", () => {
    expect(formatFileSize(1_572_864, "id")).toBe("1,5 MB");
    expect(formatFileSize(1_572_864, "en")).toBe("1.5 MB");
    expect(formatFileSize(2048, "id")).toBe("2 KB");
    expect(formatFileSize(12, "en")).toBe("12 B");
  });
});
