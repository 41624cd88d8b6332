import { describe, expect, it } from "vitest";
import type { AttachmentSlot, FormSection, Group } from "~/domain/edition";
import {
  PROBLEM_CODES,
  completenessProblems,
  countWords,
  defaultNumberPrefix,
  fillerFindings,
  formatProposalNumber,
  innovationAgeMonths,
  isAgencyEligible,
  isYoutubeUrl,
  minMeaningfulWords,
  normalizeTitle,
  quotaProblem,
  receiptNumber,
  registrationClosesAt,
  registrationState,
  windowProblem,
  type DraftForCheck,
} from "~/domain/proposal-rules";
import { wibLocalToUtcIso } from "~/domain/time";
import { MESSAGES, translate, type MessageKey } from "~/i18n";

// ---------------------------------------------------------------------------
// Builders

function section(key: string, wordLimit: number | null, required: boolean, position: number): FormSection {
  return { key, titleId: key, titleEn: key, guidanceId: "", guidanceEn: "", wordLimit, required, position };
}

function slot(key: string, required: boolean, position: number): AttachmentSlot {
  return { key, labelId: key, labelEn: key, acceptedTypes: ["pdf"], maxSizeMb: 10, required, position };
}

function group(over: Partial<Group> = {}): Group {
  return {
    id: "g-umum",
    key: "umum",
    nameId: "Umum",
    nameEn: "General",
    descriptionId: "",
    descriptionEn: "",
    minAgeMonths: 24,
    quotaPerAgency: 5,
    requiresSources: false,
    videoRequired: true,
    position: 1,
    sections: [section("ringkasan", 300, true, 1), section("masalah", 500, true, 2), section("catatan", 100, false, 3)],
    slots: [slot("proposal_pdf", true, 1), slot("foto", false, 2), slot("sk", true, 3)],
    ...over,
  };
}

const words = (n: number, word = "kata") => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");

const RINGKASAN =
  "SIPANDU adalah layanan terpadu satu pintu yang memungkinkan warga Kota Pontianak mengurus lebih dari 40 jenis " +
  "perizinan secara daring. Sebelum inovasi ini, pemohon harus datang ke tiga kantor berbeda dan menunggu rata-rata " +
  "14 hari kerja. Kini berkas diunggah sekali, diverifikasi petugas dalam dua hari, dan izin diterbitkan dengan tanda " +
  "tangan elektronik. Sepanjang 2024 tercatat 12.480 permohonan, dengan tingkat kepuasan 92,5% menurut survei " +
  "kepuasan masyarakat.";

const MASALAH =
  "Masalah utama yang dihadapi adalah antrean panjang di loket, berkas yang sering hilang, dan tidak adanya kepastian " +
  "waktu penyelesaian. Pelaku usaha mikro di kecamatan pinggiran kehilangan hari kerja setiap kali harus datang ke " +
  "pusat kota. Keluhan melalui kanal pengaduan meningkat dari 310 pada 2021 menjadi 545 pada 2022, sebagian besar " +
  "tentang keterlambatan dan pungutan tidak resmi.";

const MANFAAT =
  "Dampak yang paling terasa adalah waktu layanan yang turun dari 14 hari menjadi 2 hari kerja. Biaya perjalanan warga " +
  "berkurang karena seluruh tahapan dapat dipantau dari ponsel, sementara petugas kini bekerja dengan daftar antrean " +
  "yang jelas. Pendapatan asli daerah dari retribusi naik 18% pada tahun pertama. Inovasi ini sudah direplikasi oleh " +
  "Kabupaten Kubu Raya dan Kota Singkawang, yang memakai kode sumber terbuka kami dengan penyesuaian kecil. Tantangan " +
  "berikutnya ialah menjangkau warga lanjut usia; untuk itu kami membuka pojok bantuan di setiap kantor kelurahan, " +
  "dengan pendamping yang membantu mengisi formulir, memindai berkas, dan menjelaskan status permohonan secara langsung.";

const CLOSE = "2025-06-30T16:59:00.000Z"; // 30 June 2025 23:59 WIB

function completeDraft(over: Partial<DraftForCheck> = {}): DraftForCheck {
  return {
    title: "SIPANDU: Sistem Pelayanan Terpadu",
    categoryId: "cat-digital",
    serviceUnit: "DPMPTSP Kota Pontianak",
    innovatorNames: "Tim SIPANDU (Siti Rahma, Budi Santoso)",
    startedOn: "2022-03-15",
    contactName: "Siti Rahma",
    contactEmail: "siti@pontianak.go.id",
    declaration: true,
    videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    answers: { ringkasan: RINGKASAN, masalah: MASALAH, catatan: "" },
    fileSlots: ["proposal_pdf", "sk"],
    sourceCount: 0,
    ...over,
  };
}

const CTX = { categoryIds: ["cat-digital", "cat-kesehatan"], registrationEndsAt: CLOSE, today: "2025-06-20" };

/** An instant given as WIB wall-clock time with seconds, e.g. "2025-06-30T23:59:59". */
const wib = (local: string) => new Date(`${local}+07:00`);

// ---------------------------------------------------------------------------

describe("countWords", () => {
  it("counts plain Indonesian words separated by spaces", () => {
    expect(countWords("Pelayanan publik yang cepat dan mudah")).toBe(6);
  });

  it("counts nothing in empty, blank, punctuation-only and emoji-only text", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n\t  ")).toBe(0);
    expect(countWords("- ... !!! — ; : ( ) \" ' / %")).toBe(0);
    expect(countWords("🎉 👍 🇮🇩 ✅")).toBe(0);
  });

  it("keeps hyphenated and reduplicated words as one word", () => {
    expect(countWords("sehari-hari")).toBe(1);
    expect(countWords("e-KTP")).toBe(1);
    expect(countWords("kegiatan sehari-hari warga memakai e-KTP dan anak-anak")).toBe(7);
    expect(countWords("-awal akhir-")).toBe(2);
  });

  it("keeps numbers with thousand and decimal separators as one word", () => {
    expect(countWords("Rp1.500.000")).toBe(1);
    expect(countWords("Rp 1.500.000")).toBe(2);
    expect(countWords("3,5%")).toBe(1);
    expect(countWords("naik 92,5% dari 1.234 menjadi 12.480 permohonan")).toBe(7);
  });

  it("ends a word at a dot or comma next to a letter", () => {
    expect(countWords("akhir.Awal")).toBe(2);
    expect(countWords("cepat,mudah,murah")).toBe(3);
    expect(countWords("Tahun 2023. Lalu 2024.")).toBe(4);
  });

  it("joins slashes and apostrophes inside a word", () => {
    expect(countWords("24/7")).toBe(1);
    expect(countWords("dan/atau")).toBe(1);
    expect(countWords("Perwa No. 12/2023")).toBe(3);
    expect(countWords("Jum'at dan Jum’at")).toBe(3);
  });

  it("separates words at en and em dashes", () => {
    expect(countWords("2019–2023")).toBe(2);
    expect(countWords("layanan—cepat")).toBe(2);
    expect(countWords("layanan — cepat")).toBe(2);
  });

  it("handles newlines, tabs and non-breaking spaces as separators", () => {
    expect(countWords("satu\ndua\r\ntiga\tempat\u00a0lima\u2003enam")).toBe(6);
  });

  it("counts accented and other Unicode letters, precomposed or combined", () => {
    expect(countWords("café niño Łódź")).toBe(3);
    expect(countWords("cafe\u0301 baru")).toBe(2);
  });

  it("counts a URL or an email address as one word", () => {
    expect(countWords("Lihat https://sipandu.pontianak.go.id/layanan-izin?id=1 setiap hari")).toBe(4);
    expect(countWords("Hubungi siti.rahma@pontianak.go.id atau www.pontianak.go.id")).toBe(4);
  });

  it("stays fast on long text without spaces", () => {
    const started = Date.now();
    expect(countWords("!".repeat(200_000))).toBe(0);
    expect(countWords("a.".repeat(100_000))).toBe(100_000);
    expect(countWords(`${"x".repeat(100_000)}@`)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("counts a realistic sentence with punctuation and numbers exactly", () => {
    expect(countWords("Pada 2023, UPT Puskesmas (Kota Pontianak) melayani 1.234 warga/hari — 24/7!")).toBe(10);
  });
});

describe("normalizeTitle", () => {
  it("makes titles that differ only in case, punctuation and spacing collide", () => {
    expect(normalizeTitle("SIPANDU: Sistem Pelayanan  Terpadu!")).toBe("sipandu sistem pelayanan terpadu");
    expect(normalizeTitle("sipandu sistem pelayanan terpadu")).toBe("sipandu sistem pelayanan terpadu");
  });

  it("strips accents, drops apostrophes and splits on other punctuation", () => {
    expect(normalizeTitle("  Éxito Jum'at\tBerkah  ")).toBe("exito jumat berkah");
    expect(normalizeTitle("e-KTP/Dukcapil")).toBe("e ktp dukcapil");
  });

  it("keeps different titles apart", () => {
    expect(normalizeTitle("SIPANDU 2")).not.toBe(normalizeTitle("SIPANDU"));
  });
});

describe("numbers and receipts", () => {
  it("formats proposal numbers with six digits", () => {
    expect(formatProposalNumber("KIPP2025", 123)).toBe("KIPP2025-000123");
    expect(formatProposalNumber("KIPP2025", 1)).toBe("KIPP2025-000001");
    expect(formatProposalNumber("KIPP2025", 1234567)).toBe("KIPP2025-1234567");
  });

  it("derives a default prefix of A–Z0–9 with the year once at the end", () => {
    expect(defaultNumberPrefix("KIPP 2025", 2025)).toBe("KIPP2025");
    expect(defaultNumberPrefix("Sivablik 2025", 2025)).toBe("SIVABLIK2025");
    expect(defaultNumberPrefix("Lomba Inovasi", 2026)).toBe("LOMBAINOVASI2026");
    expect(defaultNumberPrefix("2025 – Lomba Inovasi Daerah!", 2025)).toBe("LOMBAINOVASIDAERAH2025");
    expect(defaultNumberPrefix("Kompetisi Inovasi Kesehatan Sehat Kota 2025/2025", 2025)).toBe("KOMPETISIINOVASIKESEHATANSEHATKOTA2025");
    expect(defaultNumberPrefix("Inovasi Désa", 2025)).toBe("INOVASIDESA2025");
  });

  it("stamps the receipt with the WIB date and minute of submission", () => {
    expect(receiptNumber("KIPP2025-000123", "2025-06-30T16:59:59.000Z")).toBe("KIPP2025-000123/20250630.2359");
    // 18:30 UTC on 30 June is 01:30 WIB on 1 July.
    expect(receiptNumber("SIVABLIK2025-000007", "2025-06-30T18:30:00.000Z")).toBe("SIVABLIK2025-000007/20250701.0130");
  });
});

describe("isYoutubeUrl", () => {
  it("accepts links to one YouTube video", () => {
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
      "http://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ?si=abc",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ",
      "https://www.youtube.com/live/dQw4w9WgXcQ",
      "  https://youtu.be/dQw4w9WgXcQ  ",
    ]) {
      expect(isYoutubeUrl(url), url).toBe(true);
    }
  });

  it("rejects other sites, channels, playlists, lookalikes and non-links", () => {
    for (const url of [
      "",
      "youtube.com/watch?v=dQw4w9WgXcQ",
      "https://vimeo.com/123456",
      "https://www.youtube.com/@pemkotpontianak",
      "https://www.youtube.com/playlist?list=PL1234567890",
      "https://www.youtube.com/watch?v=short",
      "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
      "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
      "ftp://youtu.be/dQw4w9WgXcQ",
      "https://drive.google.com/file/d/abc/view",
    ]) {
      expect(isYoutubeUrl(url), url).toBe(false);
    }
  });
});

describe("innovationAgeMonths", () => {
  it("counts 24 months from 30 June 2023 to a close of 30 June 2025 23:59 WIB", () => {
    expect(innovationAgeMonths("2023-06-30", CLOSE)).toBe(24);
  });

  it("counts 23 months from 1 July 2023 (the day is not reached yet)", () => {
    expect(innovationAgeMonths("2023-07-01", CLOSE)).toBe(23);
  });

  it("counts 0 months on the same day and for a start after the close", () => {
    expect(innovationAgeMonths("2025-06-30", CLOSE)).toBe(0);
    expect(innovationAgeMonths("2025-06-01", CLOSE)).toBe(0);
    expect(innovationAgeMonths("2025-08-01", CLOSE)).toBe(0);
  });

  it("completes a month at the end of a shorter month", () => {
    expect(innovationAgeMonths("2025-01-31", "2025-02-28T16:59:00.000Z")).toBe(1);
    expect(innovationAgeMonths("2025-01-30", "2025-02-28T16:59:00.000Z")).toBe(1);
    expect(innovationAgeMonths("2025-01-31", "2025-02-27T16:59:00.000Z")).toBe(0);
    expect(innovationAgeMonths("2025-03-31", "2025-04-30T16:59:00.000Z")).toBe(1);
    expect(innovationAgeMonths("2025-03-31", "2025-04-29T16:59:00.000Z")).toBe(0);
  });

  it("handles leap years", () => {
    expect(innovationAgeMonths("2024-01-31", "2024-02-29T16:59:00.000Z")).toBe(1);
    expect(innovationAgeMonths("2024-01-31", "2024-02-28T16:59:00.000Z")).toBe(0);
    expect(innovationAgeMonths("2024-02-29", "2025-02-28T16:59:00.000Z")).toBe(12);
    expect(innovationAgeMonths("2023-02-28", "2024-02-28T16:59:00.000Z")).toBe(12);
  });

  it("takes the close's date on the WIB calendar, not UTC", () => {
    // 17:30 UTC on 30 June is 00:30 WIB on 1 July.
    expect(innovationAgeMonths("2023-07-01", "2025-06-30T17:30:00.000Z")).toBe(24);
    expect(innovationAgeMonths("2025-06-01", "2025-06-30T17:30:00.000Z")).toBe(1);
  });

  it("rejects malformed and impossible dates", () => {
    expect(() => innovationAgeMonths("30/06/2023", CLOSE)).toThrow(RangeError);
    expect(() => innovationAgeMonths("2023-02-30", CLOSE)).toThrow(RangeError);
    expect(() => innovationAgeMonths("2023-06-30", "not a date")).toThrow(RangeError);
  });
});

describe("registrationState", () => {
  const window = { startsAt: wibLocalToUtcIso("2025-05-01T00:00"), endsAt: wibLocalToUtcIso("2025-06-30T23:59") };

  it("is not open before the start and opens at the start instant", () => {
    expect(registrationState(window, wib("2025-04-30T23:59:59"))).toEqual({ state: "not_open", minutesLeft: null });
    expect(registrationState(window, wib("2025-05-01T00:00:00")).state).toBe("open");
  });

  it("counts whole minutes left until the end of the deadline minute", () => {
    expect(registrationState(window, wib("2025-06-30T12:00:00"))).toEqual({ state: "open", minutesLeft: 720 });
    expect(registrationState(window, wib("2025-06-29T23:59:00"))).toEqual({ state: "open", minutesLeft: 1441 });
  });

  it("includes the whole deadline minute 23:59 WIB", () => {
    expect(registrationState(window, wib("2025-06-30T23:58:59"))).toEqual({ state: "open", minutesLeft: 1 });
    expect(registrationState(window, wib("2025-06-30T23:59:00"))).toEqual({ state: "open", minutesLeft: 1 });
    expect(registrationState(window, wib("2025-06-30T23:59:30"))).toEqual({ state: "open", minutesLeft: 0 });
    expect(registrationState(window, wib("2025-06-30T23:59:59"))).toEqual({ state: "open", minutesLeft: 0 });
    expect(registrationState(window, wib("2025-06-30T23:59:59.999"))).toEqual({ state: "open", minutesLeft: 0 });
  });

  it("is closed from 00:00:00 WIB the next day", () => {
    expect(registrationState(window, wib("2025-07-01T00:00:00"))).toEqual({ state: "closed", minutesLeft: null });
    expect(registrationState(window, wib("2025-12-01T10:00:00"))).toEqual({ state: "closed", minutesLeft: null });
  });

  it("reopens with an extension (a later endsAt)", () => {
    const extended = { ...window, endsAt: wibLocalToUtcIso("2025-07-07T23:59") };
    expect(registrationState(extended, wib("2025-07-01T00:00:00"))).toEqual({ state: "open", minutesLeft: 7 * 24 * 60 });
    expect(registrationState(extended, wib("2025-07-07T23:59:59"))).toEqual({ state: "open", minutesLeft: 0 });
    expect(registrationState(extended, wib("2025-07-08T00:00:00"))).toEqual({ state: "closed", minutesLeft: null });
  });

  it("is unscheduled without a start or an end", () => {
    const now = wib("2025-06-01T10:00:00");
    expect(registrationState({ startsAt: null, endsAt: window.endsAt }, now)).toEqual({ state: "unscheduled", minutesLeft: null });
    expect(registrationState({ startsAt: window.startsAt, endsAt: null }, now)).toEqual({ state: "unscheduled", minutesLeft: null });
    expect(registrationState({ startsAt: null, endsAt: null }, now)).toEqual({ state: "unscheduled", minutesLeft: null });
    expect(registrationState({ startsAt: "garbage", endsAt: window.endsAt }, now)).toEqual({ state: "unscheduled", minutesLeft: null });
  });

  it("names the closing instant and the window problem", () => {
    expect(registrationClosesAt(CLOSE).toISOString()).toBe("2025-06-30T17:00:00.000Z");
    expect(windowProblem({ state: "open", minutesLeft: 5 })).toBeNull();
    expect(windowProblem({ state: "not_open", minutesLeft: null })).toEqual({ code: "registration_not_open" });
    expect(windowProblem({ state: "closed", minutesLeft: null })).toEqual({ code: "registration_closed" });
    expect(windowProblem({ state: "unscheduled", minutesLeft: null })).toEqual({ code: "registration_closed" });
  });
});

describe("isAgencyEligible", () => {
  const pontianak = { cluster: "kota", provinceCode: "61" };
  const bandung = { cluster: "kota", provinceCode: "32" };
  const kementerian = { cluster: "kementerian", provinceCode: null };

  it("admits every cluster and province when nothing is restricted", () => {
    const open = { allowedClusters: [], eligibleProvinceCode: null };
    expect([pontianak, bandung, kementerian].map((a) => isAgencyEligible(open, a))).toEqual([true, true, true]);
  });

  it("admits only the listed clusters", () => {
    const s = { allowedClusters: ["kota", "kabupaten"] as const, eligibleProvinceCode: null };
    const settings = { ...s, allowedClusters: [...s.allowedClusters] };
    expect([pontianak, bandung, kementerian].map((a) => isAgencyEligible(settings, a))).toEqual([true, true, false]);
  });

  it("admits only agencies of the province for a provincial contest", () => {
    const kalbar = { allowedClusters: [], eligibleProvinceCode: "61" };
    expect([pontianak, bandung, kementerian].map((a) => isAgencyEligible(kalbar, a))).toEqual([true, false, false]);
  });

  it("requires both the cluster and the province when both are set", () => {
    const settings = { allowedClusters: ["opd" as const, "kabupaten" as const], eligibleProvinceCode: "61" };
    expect(isAgencyEligible(settings, pontianak)).toBe(false);
    expect(isAgencyEligible(settings, { cluster: "opd", provinceCode: "61" })).toBe(true);
    expect(isAgencyEligible(settings, { cluster: "opd", provinceCode: "32" })).toBe(false);
  });
});

describe("completenessProblems", () => {
  it("finds nothing in a complete draft", () => {
    expect(completenessProblems(group(), completeDraft(), CTX)).toEqual([]);
  });

  it("names every failed rule of an empty draft, in form order", () => {
    const empty: DraftForCheck = {
      title: "  ", categoryId: null, serviceUnit: "", innovatorNames: "\n", startedOn: null,
      contactName: "", contactEmail: "", declaration: false, videoUrl: "",
      answers: {}, fileSlots: [], sourceCount: 0,
    };
    expect(completenessProblems(group(), empty, CTX)).toEqual([
      { code: "title_missing", field: "title" },
      { code: "category_missing", field: "categoryId" },
      { code: "service_unit_missing", field: "serviceUnit" },
      { code: "innovator_missing", field: "innovatorNames" },
      { code: "start_date_missing", field: "startedOn" },
      { code: "contact_missing", field: "contactName" },
      { code: "contact_missing", field: "contactEmail" },
      { code: "declaration_missing", field: "declaration" },
      { code: "video_missing", field: "videoUrl" },
      { code: "section_missing", field: "section.ringkasan", params: { section: "ringkasan" } },
      { code: "section_missing", field: "section.masalah", params: { section: "masalah" } },
      { code: "attachment_missing", field: "file.proposal_pdf", params: { slot: "proposal_pdf" } },
      { code: "attachment_missing", field: "file.sk", params: { slot: "sk" } },
    ]);
  });

  it("treats a section of only punctuation as missing", () => {
    const draft = completeDraft({ answers: { ringkasan: " - ... ", masalah: MASALAH } });
    expect(completenessProblems(group(), draft, CTX)).toEqual([
      { code: "section_missing", field: "section.ringkasan", params: { section: "ringkasan" } },
    ]);
  });

  it("reports sections over their limit with the limit and the count, optional ones too", () => {
    const draft = completeDraft({ answers: { ringkasan: words(301), masalah: words(500), catatan: words(101) } });
    expect(completenessProblems(group(), draft, CTX)).toEqual([
      { code: "section_over_limit", field: "section.ringkasan", params: { section: "ringkasan", limit: 300, words: 301 } },
      { code: "section_over_limit", field: "section.catatan", params: { section: "catatan", limit: 100, words: 101 } },
    ]);
  });

  it("does not limit sections without a word limit", () => {
    const g = group({ sections: [section("ringkasan", null, true, 1)] });
    expect(completenessProblems(g, completeDraft({ answers: { ringkasan: words(5000) } }), CTX)).toEqual([]);
  });

  it("follows section and slot positions, not array order", () => {
    const g = group({
      sections: [section("b", null, true, 2), section("a", null, true, 1)],
      slots: [slot("y", true, 2), slot("x", true, 1)],
    });
    expect(completenessProblems(g, completeDraft({ answers: {}, fileSlots: [] }), CTX).map((p) => p.field)).toEqual([
      "section.a", "section.b", "file.x", "file.y",
    ]);
  });

  it("requires a category from this edition when it has categories", () => {
    expect(completenessProblems(group(), completeDraft({ categoryId: "cat-of-another-edition" }), CTX)).toEqual([
      { code: "category_missing", field: "categoryId" },
    ]);
    expect(completenessProblems(group(), completeDraft({ categoryId: null }), { ...CTX, categoryIds: [] })).toEqual([]);
  });

  it("rejects an invalid contact email", () => {
    expect(completenessProblems(group(), completeDraft({ contactEmail: "siti at pontianak" }), CTX)).toEqual([
      { code: "contact_missing", field: "contactEmail" },
    ]);
  });

  it("checks the video link only for YouTube when one is given and the group does not require it", () => {
    const g = group({ videoRequired: false });
    expect(completenessProblems(g, completeDraft({ videoUrl: "" }), CTX)).toEqual([]);
    expect(completenessProblems(g, completeDraft({ videoUrl: "https://vimeo.com/1" }), CTX)).toEqual([
      { code: "video_invalid", field: "videoUrl" },
    ]);
    expect(completenessProblems(group(), completeDraft({ videoUrl: "https://vimeo.com/1" }), CTX)).toEqual([
      { code: "video_invalid", field: "videoUrl" },
    ]);
  });

  it("requires source innovations for Replikasi", () => {
    const replikasi = group({ requiresSources: true, minAgeMonths: 12 });
    expect(completenessProblems(replikasi, completeDraft({ sourceCount: 0 }), CTX)).toEqual([
      { code: "sources_missing", field: "sources" },
    ]);
    expect(completenessProblems(replikasi, completeDraft({ sourceCount: 2 }), CTX)).toEqual([]);
  });

  it("reports an innovation younger than the group's minimum with the minimum and the actual age", () => {
    expect(completenessProblems(group(), completeDraft({ startedOn: "2023-07-01" }), CTX)).toEqual([
      { code: "too_young", field: "startedOn", params: { months: 24, actual: 23 } },
    ]);
    expect(completenessProblems(group(), completeDraft({ startedOn: "2023-06-30" }), CTX)).toEqual([]);
    expect(completenessProblems(group({ minAgeMonths: 0 }), completeDraft({ startedOn: "2025-06-20" }), CTX)).toEqual([]);
  });

  it("counts the age from today when the window has no end yet", () => {
    const ctx = { ...CTX, registrationEndsAt: null, today: "2025-06-20" };
    expect(completenessProblems(group(), completeDraft({ startedOn: "2023-06-20" }), ctx)).toEqual([]);
    expect(completenessProblems(group(), completeDraft({ startedOn: "2023-06-21" }), ctx)).toEqual([
      { code: "too_young", field: "startedOn", params: { months: 24, actual: 23 } },
    ]);
  });

  it("rejects a start date in the future and treats a malformed one as missing", () => {
    expect(completenessProblems(group(), completeDraft({ startedOn: "2025-06-21" }), CTX)).toEqual([
      { code: "start_date_future", field: "startedOn" },
    ]);
    expect(completenessProblems(group({ minAgeMonths: 0 }), completeDraft({ startedOn: "2025-06-20" }), CTX)).toEqual([]);
    expect(completenessProblems(group(), completeDraft({ startedOn: "2023-02-30" }), CTX)).toEqual([
      { code: "start_date_missing", field: "startedOn" },
    ]);
    expect(completenessProblems(group(), completeDraft({ startedOn: "15/03/2022" }), CTX)).toEqual([
      { code: "start_date_missing", field: "startedOn" },
    ]);
  });

  it("ignores optional slots and answers for sections outside the group", () => {
    const draft = completeDraft({ fileSlots: ["proposal_pdf", "sk", "unknown"], answers: { ringkasan: RINGKASAN, masalah: MASALAH, other: words(9999) } });
    expect(completenessProblems(group(), draft, CTX)).toEqual([]);
  });
});

describe("quotaProblem", () => {
  it("has no problem without a quota", () => {
    expect(quotaProblem(group({ quotaPerAgency: null }), 1000)).toBeNull();
  });

  it("allows submitting while below the quota and stops at it", () => {
    expect(quotaProblem(group({ quotaPerAgency: 5 }), 4)).toBeNull();
    expect(quotaProblem(group({ quotaPerAgency: 5 }), 5)).toEqual({ code: "quota_reached", params: { quota: 5 } });
    expect(quotaProblem(group({ quotaPerAgency: 5 }), 6)).toEqual({ code: "quota_reached", params: { quota: 5 } });
    expect(quotaProblem(group({ quotaPerAgency: 0 }), 0)).toEqual({ code: "quota_reached", params: { quota: 0 } });
  });
});

describe("fillerFindings", () => {
  const g = group({
    sections: [
      section("ringkasan", 300, true, 1),
      section("masalah", 500, true, 2),
      section("catatan", 100, false, 3),
      section("bebas", null, true, 4),
    ],
  });

  it("does not flag real, distinct paragraphs", () => {
    const answers = {
      ringkasan: RINGKASAN,
      masalah: MASALAH,
      catatan: "Tidak ada keluhan sejak 2023.",
      bebas: "Layanan berjalan 24/7 melalui aplikasi dan loket.",
    };
    expect(fillerFindings(g, answers)).toEqual([]);
  });

  it("does not flag a long answer made of several real paragraphs", () => {
    const long = [RINGKASAN, MASALAH, MANFAAT].join("\n\n");
    expect(countWords(long)).toBe(217);
    expect(fillerFindings(g, { masalah: long, bebas: "Layanan berjalan 24/7 melalui aplikasi dan loket." })).toEqual([]);
  });

  it("does not flag an answer full of amounts as repetitive", () => {
    expect(fillerFindings(g, { catatan: "Biaya Rp1.000.000, Rp2.000.000, Rp3.000.000 dan Rp5.000.000." })).toEqual([]);
  });

  it("does not flag empty answers (completeness reports those)", () => {
    expect(fillerFindings(g, { ringkasan: "", masalah: "  \n" })).toEqual([]);
  });

  it("flags placeholders", () => {
    const cases = ["-", "...", "Tidak ada.", "N/A", "n/a", "TEST", "belum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "2023", "12.345 / 67 %", "xxxx", "Tidak Ada"];
    for (const text of cases) {
      expect(fillerFindings(g, { catatan: text }), text).toEqual([{ sectionKey: "catatan", kind: "placeholder" }]);
    }
  });

  it("does not treat a real sentence starting like a placeholder as one", () => {
    expect(fillerFindings(g, { catatan: "Tidak ada pungutan biaya sama sekali bagi warga." })).toEqual([]);
    expect(fillerFindings(g, { catatan: "Belum pernah ada layanan serupa di Kalimantan Barat." })).toEqual([]);
  });

  it("flags required answers below max(5, 5% of the limit) words", () => {
    expect(minMeaningfulWords(null)).toBe(5);
    expect(minMeaningfulWords(60)).toBe(5);
    expect(minMeaningfulWords(300)).toBe(15);
    expect(minMeaningfulWords(500)).toBe(25);
    expect(minMeaningfulWords(1010)).toBe(51);
    expect(fillerFindings(g, { masalah: words(24) })).toEqual([{ sectionKey: "masalah", kind: "too_short" }]);
    expect(fillerFindings(g, { masalah: words(25) })).toEqual([]);
    expect(fillerFindings(g, { bebas: "Warga puas sekali." })).toEqual([{ sectionKey: "bebas", kind: "too_short" }]);
    expect(fillerFindings(g, { bebas: "Warga sangat puas dengan layanan." })).toEqual([]);
  });

  it("does not flag a short answer in an optional section as too short", () => {
    expect(fillerFindings(g, { catatan: "Sudah berjalan baik." })).toEqual([]);
  });

  it("flags the same word repeated", () => {
    expect(fillerFindings(g, { catatan: "inovasi inovasi inovasi inovasi inovasi" })).toEqual([
      { sectionKey: "catatan", kind: "repetitive" },
    ]);
    expect(fillerFindings(g, { ringkasan: Array(60).fill("inovasi").join(" ") })).toEqual([
      { sectionKey: "ringkasan", kind: "repetitive" },
    ]);
  });

  it("flags a short phrase repeated to fill the space", () => {
    const text = Array(12).fill("pelayanan publik yang prima,").join(" ");
    expect(fillerFindings(g, { ringkasan: text })).toEqual([{ sectionKey: "ringkasan", kind: "repetitive" }]);
  });

  it("flags word salad with very few distinct words", () => {
    const pool = ["layanan", "warga", "cepat", "kota"];
    const text = Array.from({ length: 40 }, (_, i) => pool[(i * 7 + Math.floor(i / 3)) % 4]).join(" ");
    expect(fillerFindings(g, { ringkasan: text })).toEqual([{ sectionKey: "ringkasan", kind: "repetitive" }]);
  });

  it("reports both too short and repetitive when both hold", () => {
    expect(fillerFindings(g, { masalah: "antre antre antre" })).toEqual([
      { sectionKey: "masalah", kind: "too_short" },
      { sectionKey: "masalah", kind: "repetitive" },
    ]);
  });

  it("flags a section identical to an earlier one, ignoring case and punctuation", () => {
    const answers = { ringkasan: RINGKASAN, masalah: RINGKASAN.toUpperCase().replaceAll(",", "") };
    expect(fillerFindings(g, answers)).toEqual([{ sectionKey: "masalah", kind: "copied", otherSectionKey: "ringkasan" }]);
  });

  it("flags a section that contains another of at least 20 words", () => {
    const answers = { ringkasan: RINGKASAN, masalah: `${MASALAH} ${RINGKASAN}` };
    expect(fillerFindings(g, answers)).toEqual([{ sectionKey: "masalah", kind: "copied", otherSectionKey: "ringkasan" }]);
  });

  it("flags near copies by 5-word shingles (Jaccard ≥ 0.8)", () => {
    const edited = RINGKASAN.replace("survei kepuasan masyarakat", "survei kepuasan warga");
    expect(fillerFindings(g, { ringkasan: RINGKASAN, masalah: edited })).toEqual([
      { sectionKey: "masalah", kind: "copied", otherSectionKey: "ringkasan" },
    ]);
  });

  it("does not flag sections that only share a sentence", () => {
    const shared = "Kini berkas diunggah sekali, diverifikasi petugas dalam dua hari.";
    expect(fillerFindings(g, { ringkasan: RINGKASAN, masalah: `${MASALAH} ${shared}` })).toEqual([]);
  });

  it("does not report identical placeholders as copies", () => {
    expect(fillerFindings(g, { ringkasan: "-", masalah: "-" })).toEqual([
      { sectionKey: "ringkasan", kind: "placeholder" },
      { sectionKey: "masalah", kind: "placeholder" },
    ]);
  });

  it("ignores answers for sections outside the group", () => {
    expect(fillerFindings(g, { lain: "-" })).toEqual([]);
  });
});

describe("problem messages", () => {
  it("has an Indonesian and English message for every problem code", () => {
    for (const code of PROBLEM_CODES) {
      const key = `problem.${code}` as MessageKey;
      expect(MESSAGES.id[key], key).toBeTruthy();
      expect(MESSAGES.en[key], key).toBeTruthy();
    }
  });

  it("names the section, the limit and the count", () => {
    const params = { section: "Ringkasan", limit: 300, words: 312 };
    expect(translate("id", "problem.section_over_limit", params)).toBe("Bagian \"Ringkasan\" melebihi batas 300 kata (312 kata).");
    expect(translate("en", "problem.section_over_limit", params)).toBe("Section \"Ringkasan\" is over its 300-word limit (312 words).");
  });
});
