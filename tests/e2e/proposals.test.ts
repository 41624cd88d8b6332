/**
 * The proposal journey of issue 3 in a real browser, on the demo data
 * (Sivablik 2025 of Pemprov Kalimantan Barat, registration open relative to
 * the seed time, the provincial preset's Kelompok Umum):
 *
 *   0. Kota Singkawang's Admin Lokal submits a proposal too (something to turn
 *      down, and data that must not reach Pontianak's results page);
 *   1. the innovator of Kota Pontianak drafts a proposal (live word counts, the
 *      checklist shrinking, Save), uploads a real PDF in each required slot and
 *      has a fake one refused; one look at the form in English;
 *   2. the innovator has no way to submit (no button; a forged post is refused);
 *   3. the Admin Lokal is stopped by an over-limit section (named in the
 *      checklist and by the refused submission), fixes it and submits: receipt
 *      number on the page and in the outbox;
 *   4. the province's secretariat screens the queue (publishing refused while
 *      anything is undecided), decides every proposal and publishes;
 *   5. the Admin Lokal sees "Lolos" for its proposal and no other agency's;
 *      Singkawang sees its "Tidak lolos" with the reason and note.
 *
 * The steps share the proposal through module state and run in order (one
 * browser context each, so every step signs in as its own person).
 * Screenshots: tmp/e2e/proposal-form.png, proposal-over-limit.png, screening-queue.png,
 * screening-results.png.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { countWords } from "../../app/domain/proposal-rules";
import { login, screenshot, see, useBrowser } from "../support/browser";

// Evidence files go to a throwaway directory, not to the repository's data/uploads.
const tmp = mkdtempSync(path.join(os.tmpdir(), "sayembara-e2e-proposals-"));
process.env.UPLOADS_DIR = path.join(tmp, "uploads");
delete process.env.UPLOADTHING_TOKEN;

const app = useBrowser({ name: "proposals" });

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const AGENCY = "ag-kota-61.71";
const TITLE = "PONTIANAK SIGAP: Layanan Adminduk Keliling di Kelurahan";
const RECEIPT = /SIVABLIK2025-\d{6}\/\d{8}\.\d{4}/;

/** Real Indonesian answers for every section of Kelompok Umum, each within its limit. */
const ANSWERS: { key: string; title: string; limit: number; text: string }[] = [
  {
    key: "ringkasan",
    title: "Ringkasan",
    limit: 200,
    text:
      "Warga Kota Pontianak yang tinggal jauh dari kantor Disdukcapil harus antre sejak subuh untuk mengurus KTP elektronik, kartu keluarga, dan akta kelahiran. " +
      "PONTIANAK SIGAP membawa layanan administrasi kependudukan ke kantor kelurahan setiap pekan dengan mobil layanan, perangkat perekaman biometrik, dan antrean daring melalui WhatsApp. " +
      "Sejak Maret 2021, waktu tunggu rata-rata turun dari 5 jam menjadi 40 menit dan 18.400 dokumen diterbitkan langsung di kelurahan.",
  },
  {
    key: "ide_inovatif",
    title: "Ide Inovatif",
    limit: 600,
    text:
      "Sebelumnya seluruh permohonan dokumen kependudukan hanya dilayani di satu kantor dinas di Jalan Sultan Syahrir. Lansia, penyandang disabilitas, dan warga pinggiran Sungai Kapuas sering menunda pengurusan karena biaya transportasi dan waktu kerja yang hilang. " +
      "Kebaruan inovasi ini ada pada tiga hal: jadwal keliling yang disusun dari data permohonan tertunda per kelurahan, pendaftaran antrean melalui pesan WhatsApp yang dibalas otomatis dengan nomor dan jam layanan, serta penerbitan dokumen di tempat menggunakan printer portabel. " +
      "Berbeda dengan layanan jemput bola biasa yang hanya merekam data, warga pulang membawa dokumen yang sudah jadi.",
  },
  {
    key: "signifikansi",
    title: "Signifikansi",
    limit: 600,
    text:
      "Data Disdukcapil menunjukkan perubahan yang nyata. Pada 2020 rata-rata waktu tunggu mencapai 5 jam, sedangkan pada 2024 hanya 40 menit. " +
      "Cakupan kepemilikan akta kelahiran anak naik dari 87 persen menjadi 98 persen, dan perekaman KTP elektronik bagi pemilih pemula mencapai 99 persen sebelum pemilu. " +
      "Survei kepuasan masyarakat tahun 2024 terhadap 1.200 responden memberi nilai 91,3 atau kategori sangat baik. Warga menghemat biaya transportasi sekitar Rp45.000 untuk setiap kunjungan.",
  },
  {
    key: "kontribusi_tpb",
    title: "Kontribusi terhadap TPB (SDGs)",
    limit: 200,
    text:
      "Inovasi ini mendukung TPB 16.9 tentang identitas hukum bagi semua orang, termasuk pencatatan kelahiran, serta TPB 10.2 tentang inklusi sosial bagi lansia dan penyandang disabilitas. " +
      "Kontribusinya diukur dari persentase anak berakta kelahiran dan jumlah dokumen yang diterbitkan bagi kelompok rentan setiap triwulan.",
  },
  {
    key: "adaptabilitas",
    title: "Adaptabilitas",
    limit: 400,
    text:
      "Model layanan keliling ini sudah dipelajari oleh Kabupaten Kubu Raya dan Kabupaten Mempawah pada 2023. " +
      "Untuk menirunya, daerah lain cukup menyiapkan satu kendaraan operasional, perangkat perekaman yang sudah dimiliki dinas, nomor WhatsApp layanan, dan jadwal kerja sama dengan kelurahan atau desa. " +
      "Panduan operasional dan templat jadwal kami bagikan tanpa biaya.",
  },
  {
    key: "keberlanjutan",
    title: "Keberlanjutan",
    limit: 600,
    text:
      "Layanan ini ditetapkan dalam Peraturan Wali Kota Pontianak Nomor 12 Tahun 2022 dan dianggarkan setiap tahun dalam DPA Disdukcapil. " +
      "Dua tim petugas bergantian menjalankan jadwal keliling sehingga layanan tidak bergantung pada satu orang. " +
      "Ke depan, kami menambah layanan malam hari di pasar tradisional dan menghubungkan antrean dengan aplikasi Pontianak Dalam Genggaman.",
  },
  {
    key: "kolaborasi",
    title: "Kolaborasi Pemangku Kepentingan",
    limit: 200,
    text:
      "Kelurahan menyediakan ruang layanan dan mengumumkan jadwal kepada warga. Rumah sakit dan puskesmas mengirim data kelahiran baru. " +
      "Bank Kalbar membantu pengadaan printer portabel melalui dana tanggung jawab sosial, dan radio lokal menyiarkan jadwal setiap pekan.",
  },
];

const SLOTS = [
  { key: "sk_inovator", label: "SK penetapan inovator/tim", file: "sk-inovator.pdf" },
  { key: "surat_pernyataan", label: "Surat pernyataan kebenaran data", file: "surat-pernyataan.pdf" },
];

/** Another agency's proposal (Kota Singkawang), so the queue has something to turn down and the results page something that must not leak. */
const OTHER = {
  email: "adminlokal@singkawang.test",
  agency: "ag-kota-61.72",
  title: "SINGKAWANG SEHAT: Antar Obat Pasien Penyakit Kronis",
  serviceUnit: "Dinas Kesehatan Kota Singkawang",
  innovators: "dr. Lim Mei Ling\nHeru Santoso",
  answers: {
    ringkasan:
      "Pasien hipertensi dan diabetes di Kota Singkawang sering putus obat karena harus datang ke puskesmas setiap bulan. Petugas puskesmas kini mengantar obat rutin ke rumah pasien terdaftar dan memeriksa tekanan darah sekaligus.",
    ide_inovatif:
      "Sebelumnya pasien penyakit kronis mengambil obat sendiri setiap bulan. Kami memetakan pasien berdasarkan kelurahan, menjadwalkan pengantaran dua kali sebulan, dan mencatat hasil pemeriksaan di rumah ke dalam rekam medis elektronik puskesmas.",
    signifikansi:
      "Kepatuhan minum obat pasien hipertensi naik dari 54 persen pada 2021 menjadi 81 persen pada 2024. Kunjungan ulang ke instalasi gawat darurat karena komplikasi turun sepertiga, dan antrean pengambilan obat di puskesmas berkurang.",
    kontribusi_tpb:
      "Inovasi ini mendukung TPB 3.4 tentang penurunan kematian dini akibat penyakit tidak menular dan TPB 3.8 tentang cakupan kesehatan semesta, diukur dari angka kepatuhan pengobatan setiap triwulan.",
    adaptabilitas:
      "Puskesmas lain cukup menyiapkan daftar pasien kronis, satu sepeda motor operasional, dan jadwal petugas. Kabupaten Bengkayang telah meminta panduan operasional kami untuk diterapkan tahun depan.",
    keberlanjutan:
      "Pengantaran obat masuk dalam standar operasional prosedur puskesmas dan dibiayai dari dana kapitasi JKN. Setiap puskesmas menunjuk dua petugas cadangan sehingga layanan tetap berjalan saat ada petugas cuti. Tahun depan pengantaran diperluas ke pasien gagal jantung dan dijadwalkan melalui aplikasi antrean puskesmas.",
    kolaborasi:
      "Ketua RT membantu memperbarui daftar pasien, apotek mitra menyiapkan obat, dan BPJS Kesehatan memastikan klaim pengantaran sesuai ketentuan program rujuk balik.",
  } as Record<string, string>,
};

/** What the journey steps hand on to each other. */
const journey: { number: string; receipt: string; otherNumber: string; otherAgencyNumbers: string[] } = {
  number: "",
  receipt: "",
  otherNumber: "",
  otherAgencyNumbers: [],
};

/** A small, well-formed one-page PDF (header, objects, xref with real offsets, trailer). */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function isAutosave(r: Request): boolean {
  return r.method() === "POST" && /^\/api\/proposals\/[^/]+\/autosave$/.test(new URL(r.url()).pathname);
}

/**
 * Do some typing, then wait for the autosave that follows the last keystroke
 * (it fires 2 s after typing stops) and for its answer. After this nothing is
 * pending, so a button press cannot race an autosave.
 */
async function typeThenAutosave(page: Page, typing: () => Promise<void>): Promise<void> {
  // Autosave and the live counters start with React: typing into the server-rendered form before hydration would bypass them.
  await page.waitForFunction(() => {
    const form = document.getElementById("proposal-form");
    return form !== null && Object.keys(form).some((k) => k.startsWith("__reactFiber"));
  });
  await typing();
  const typedAt = Date.now();
  const request = await page.waitForRequest((r) => isAutosave(r) && Date.now() >= typedAt, { timeout: 15_000 });
  const response = await request.response();
  expect(response?.status()).toBe(200);
  await see(page.getByText(/Tersimpan otomatis pukul \d{2}\.\d{2} WIB/));
}

const checklist = (page: Page) => page.getByRole("region", { name: "Yang masih kurang" });

async function checklistItems(page: Page): Promise<string[]> {
  return (await checklist(page).getByRole("listitem").allInnerTexts()).map((s) => s.trim());
}

const sectionBox = (page: Page, title: string) => page.getByLabel(`${title} (wajib)`, { exact: true });
const wordCount = (page: Page, key: string) => page.locator(`#answer_${key}-count`);

/** From the agency's proposals page: a Kelompok Umum draft of Sivablik 2025. Returns its number. */
async function startDraft(page: Page, agency: string, title: string): Promise<string> {
  await page.waitForURL((u) => u.pathname === `/agency/${agency}/proposals`);
  await see(page.getByRole("heading", { level: 1, name: "Proposal instansi" }));
  await page.getByRole("link", { name: "Buat draf untuk Sivablik 2025", exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/agency/${agency}/proposals/new`);
  await see(page.getByRole("heading", { level: 1, name: "Buat draf proposal" }));
  await page.getByRole("radio", { name: "Kelompok Umum" }).check();
  await page.getByLabel("Judul inovasi (boleh menyusul)", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Buat draf", exact: true }).click();
  await page.waitForURL((u) => /^\/proposals\/SIVABLIK2025-\d{6}$/.test(u.pathname));
  await see(page.getByRole("heading", { level: 1, name: title }));
  return decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
}

const slotRegion = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label.replace(/[/]/g, "\\/")}`) });

/** A real PDF in each required slot, from the proposal page (each upload reloads it). */
async function uploadRequired(page: Page, number: string): Promise<void> {
  for (const slot of SLOTS) {
    const file = path.join(tmp, `${number}-${slot.file}`);
    writeFileSync(file, tinyPdf(`${slot.label} - ${number}`));
    const region = slotRegion(page, slot.label);
    const input = region.getByLabel(`Pilih berkas untuk ${slot.label}`, { exact: true });
    await input.setInputFiles({ name: slot.file, mimeType: "application/pdf", buffer: readFileSync(file) });
    // Still the same input (a re-render would have emptied it, and `required` would stop the post).
    expect(await input.evaluate((el) => (el as HTMLInputElement).files?.length)).toBe(1);
    await region.getByRole("button", { name: "Unggah", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/proposals/${number}` && u.hash === `#slot-${slot.key}`);
    await see(slotRegion(page, slot.label).getByRole("link", { name: `Unduh ${slot.file}` }));
  }
}

async function dashboardAgencyLink(page: Page, name: "Proposal instansi" | "Hasil seleksi") {
  await page.waitForURL((u) => u.pathname === "/dashboard");
  await page.getByRole("link", { name, exact: true }).click();
}

describe("proposal journey: draft, submit, screen, publish, see the result", () => {
  it("0. another agency (Kota Singkawang) submits a proposal of its own", async () => {
    const { page } = app;
    await login(page, OTHER.email);
    await dashboardAgencyLink(page, "Proposal instansi");
    const number = await startDraft(page, OTHER.agency, OTHER.title);
    await typeThenAutosave(page, async () => {
      await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Pelayanan Dasar (Pendidikan dan Kesehatan)" });
      await page.getByLabel("Unit pelayanan", { exact: true }).fill(OTHER.serviceUnit);
      await page.getByLabel("Nama inovator", { exact: true }).fill(OTHER.innovators);
      await page.getByLabel("Tanggal mulai penerapan", { exact: true }).fill("2022-01-10");
      await page.getByRole("checkbox", { name: /Saya menyatakan bahwa data dan informasi/ }).check();
      for (const a of ANSWERS) await sectionBox(page, a.title).fill(OTHER.answers[a.key]);
    });
    await page.getByRole("button", { name: "Simpan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "saved");
    // The address changes before React renders the saved page: wait for the page itself.
    await see(page.getByText("Perubahan disimpan."));
    await uploadRequired(page, number);
    await see(checklist(page).getByText("Semua isian sudah lengkap."));
    await page.getByRole("button", { name: "Simpan dan ajukan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "submitted");
    await see(page.getByText(/Nomor tanda terima: SIVABLIK2025-\d{6}\//));
    journey.otherNumber = number;
  });

  it("1. the innovator drafts a Sivablik proposal, fills it in, saves and uploads the required files", async () => {
    const { page } = app;
    await login(page, "inovator@pontianak.test");
    await dashboardAgencyLink(page, "Proposal instansi");
    // Sivablik 2025 is open to Kota Pontianak: start a draft in Kelompok Umum.
    journey.number = await startDraft(page, AGENCY, TITLE);
    await see(page.getByText("Draf dibuat.", { exact: false }));

    // A fresh draft with a title: 14 things missing (category, unit, innovator, start date,
    // declaration, 7 sections, 2 attachments); the contact defaults to the creator.
    await see(checklist(page));
    await see(checklist(page).getByText("14 hal perlu dilengkapi sebelum proposal dapat diajukan:"));
    const initial = await checklistItems(page);
    expect(initial).toHaveLength(14);
    expect(initial).toContain('Bagian "Ringkasan" wajib diisi.');
    expect(initial).toContain('Lampiran "SK penetapan inovator/tim" wajib diunggah.');
    expect(await page.getByLabel("Email kontak", { exact: true }).inputValue()).toBe("inovator@pontianak.test");

    // One look in English: the form's labels are translated; then back to Indonesian.
    await page.getByRole("banner").getByRole("button").filter({ hasText: "English" }).click();
    await see(page.getByRole("heading", { name: "Still missing" }));
    await see(page.getByText("About the innovation", { exact: true }));
    await see(page.getByLabel("Innovation title", { exact: true }));
    await see(page.getByLabel("Implementation start date", { exact: true }));
    await see(page.getByLabel("Summary (required)", { exact: true }));
    await see(page.getByText("0 of 200 words").first());
    await see(page.getByRole("button", { name: "Save", exact: true }));
    await see(page.getByText('Section "Summary" is required.'));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("banner").getByRole("button").filter({ hasText: "Bahasa Indonesia" }).click();
    await see(page.getByRole("heading", { name: "Yang masih kurang" }));
    await see(page.getByLabel("Judul inovasi", { exact: true }));
    expect(await page.locator("html").getAttribute("lang")).toBe("id");

    // The header fields and every section, with the live word counter.
    await typeThenAutosave(page, async () => {
      await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Digitalisasi Pelayanan Publik" });
      await page.getByLabel("Unit pelayanan", { exact: true }).fill("Dinas Kependudukan dan Pencatatan Sipil Kota Pontianak");
      await page.getByRole("radio", { name: "Tim", exact: true }).check();
      await page.getByLabel("Nama inovator", { exact: true }).fill("Yudi Pratama\nNur Aisyah\nAndi Firmansyah");
      await page.getByLabel("Nomor SK inovator", { exact: true }).fill("188.45/112/DUKCAPIL/2021");
      await page.getByLabel("Tanggal mulai penerapan", { exact: true }).fill("2021-03-15");
      await page.getByLabel("Telepon kontak", { exact: true }).fill("0561-736541");
      await page.getByRole("checkbox", { name: /Saya menyatakan bahwa data dan informasi/ }).check();
      for (const a of ANSWERS) {
        await sectionBox(page, a.title).fill(a.text);
        const words = countWords(a.text);
        expect(words).toBeGreaterThan(20);
        expect(words).toBeLessThanOrEqual(a.limit);
        await expect.poll(() => wordCount(page, a.key).innerText()).toBe(`${words} dari ${a.limit} kata`);
      }
    });
    // Saved automatically: only the two required attachments are left.
    await expect
      .poll(() => checklistItems(page))
      .toEqual(['Lampiran "SK penetapan inovator/tim" wajib diunggah.', 'Lampiran "Surat pernyataan kebenaran data" wajib diunggah.']);

    // The Save button (what a browser without JavaScript uses) keeps everything.
    await page.getByRole("button", { name: "Simpan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "saved");
    await see(page.getByText("Perubahan disimpan."));
    expect(await sectionBox(page, "Ringkasan").inputValue()).toBe(ANSWERS[0].text);
    expect(await page.getByLabel("Tanggal mulai penerapan", { exact: true }).inputValue()).toBe("2021-03-15");
    await see(checklist(page).getByText("2 hal perlu dilengkapi sebelum proposal dapat diajukan:"));

    // A renamed program ("MZ…" named x.pdf) is refused at its slot.
    const firstSlot = slotRegion(page, "SK penetapan inovator/tim");
    await firstSlot.getByLabel("Pilih berkas untuk SK penetapan inovator/tim", { exact: true }).setInputFiles({
      name: "x.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(256, 0)]),
    });
    await firstSlot.getByRole("button", { name: "Unggah", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/proposals/${journey.number}/files`);
    const refusedSlot = slotRegion(page, "SK penetapan inovator/tim");
    await see(refusedSlot.getByRole("alert").filter({ hasText: "Isi berkas ini bukan PDF" }));
    await see(refusedSlot.getByText("Belum ada berkas."));

    // Real PDFs in both required slots, from the proposal page.
    await page.goto(`/proposals/${journey.number}`);
    await uploadRequired(page, journey.number);
    await see(checklist(page).getByText("Semua isian sudah lengkap."));
    await screenshot(page, "proposal-form");
  });

  it("2. the innovator cannot submit: no submit button, and a forged submission is refused", async () => {
    const { page } = app;
    expect(journey.number).not.toBe("");
    await login(page, "inovator@pontianak.test");
    await page.goto(`/proposals/${journey.number}`);
    await see(page.getByRole("button", { name: "Simpan", exact: true }));
    expect(await page.getByRole("button", { name: "Simpan dan ajukan" }).count()).toBe(0);
    expect(await page.getByText("Tindakan Admin Lokal").count()).toBe(0);

    // Posting intent=submit anyway (as a crafted form would) is refused by the server.
    const status = await page.evaluate(async (number) => {
      const res = await fetch(`/proposals/${number}`, { method: "POST", body: new URLSearchParams({ intent: "submit" }) });
      return res.status;
    }, journey.number);
    expect(status).toBe(403);
    await page.reload();
    await see(page.getByText("Draf", { exact: true }).first());
  });

  it("3. the Admin Lokal is stopped by an over-limit section, fixes it and submits: receipt on the page", async () => {
    const { page } = app;
    expect(journey.number).not.toBe("");
    await login(page, "adminlokal@pontianak.test");
    await dashboardAgencyLink(page, "Proposal instansi");
    await page.getByRole("link", { name: journey.number, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/proposals/${journey.number}`);
    await see(page.getByRole("heading", { level: 1, name: TITLE }));
    await see(checklist(page).getByText("Semua isian sudah lengkap."));

    // Bad input: Ringkasan far over its 200 words.
    const tooLong = [ANSWERS[0].text, ANSWERS[1].text, ANSWERS[2].text].join("\n\n");
    const words = countWords(tooLong);
    expect(words).toBeGreaterThan(200);
    const overLimit = `Bagian "Ringkasan" melebihi batas 200 kata (${words} kata).`;
    await typeThenAutosave(page, async () => {
      await sectionBox(page, "Ringkasan").fill(tooLong);
      await expect.poll(() => wordCount(page, "ringkasan").innerText()).toBe(`${words} dari 200 kata — lebih ${words - 200} kata`);
    });
    await expect.poll(() => checklistItems(page)).toEqual([overLimit]);

    await page.getByRole("button", { name: "Simpan dan ajukan", exact: true }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Proposal belum dapat diajukan:" });
    await see(refusal);
    expect((await refusal.getByRole("listitem").allInnerTexts()).map((s) => s.trim())).toEqual([overLimit]);
    await screenshot(page, "proposal-over-limit");
    await see(page.getByText("Draf", { exact: true }).first());
    // What was typed is still there.
    expect(await sectionBox(page, "Ringkasan").inputValue()).toBe(tooLong);

    // Fixed, then submitted.
    await typeThenAutosave(page, async () => {
      await sectionBox(page, "Ringkasan").fill(ANSWERS[0].text);
    });
    await see(checklist(page).getByText("Semua isian sudah lengkap."));
    await page.getByRole("button", { name: "Simpan dan ajukan", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("notice") === "submitted");
    const notice = page.getByText(/Proposal diajukan pada .*Nomor tanda terima:/);
    await see(notice);
    const receipt = (await notice.innerText()).match(RECEIPT)?.[0] ?? "";
    expect(receipt.startsWith(`${journey.number}/`)).toBe(true);
    journey.receipt = receipt;
    await see(page.getByText("Diajukan", { exact: true }).first());
    // Submitted: read-only now, no Save or submit button.
    expect(await page.getByRole("button", { name: "Simpan dan ajukan" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Simpan", exact: true }).count()).toBe(0);
  });

  it("3b. the receipt e-mail to the Admin Lokal is in the outbox", async () => {
    const { page } = app;
    expect(journey.receipt).not.toBe("");
    await login(page, "admin@sayembara.test");
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto(`/admin/outbox?to=${encodeURIComponent("adminlokal@pontianak.test")}`);
    const mail = page.getByRole("article").filter({ has: page.getByRole("heading", { name: `Tanda terima proposal ${journey.number}` }) });
    await see(mail);
    expect(await mail.count()).toBe(1);
    const text = await mail.innerText();
    expect(text).toContain("adminlokal@pontianak.test");
    expect(text).toContain(`Nomor tanda terima: ${journey.receipt}`);
    expect(text).toContain(TITLE);
  });

  it("4. the secretariat screens Sivablik 2025, decides every proposal and publishes", async () => {
    const { page } = app;
    expect(journey.receipt).not.toBe("");
    await login(page, "organisasi@kalbarprov.test");
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.getByRole("link", { name: "Sivablik 2025", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/competitions/sivablik-2025");
    await page.getByRole("link", { name: "Seleksi administrasi", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/competitions/sivablik-2025/screening");
    await see(page.getByRole("heading", { level: 1, name: "Seleksi administrasi" }));

    // Every submitted proposal, with the agency it belongs to.
    const queue = page.getByRole("table");
    const rows = queue.getByRole("row").filter({ has: page.getByRole("checkbox") });
    const submitted: { number: string; agency: string }[] = [];
    for (const row of await rows.all()) {
      const number = (await row.getByRole("rowheader").innerText()).trim();
      const cells = await row.getByRole("cell").allInnerTexts();
      submitted.push({ number, agency: cells[1] ?? "" });
    }
    const mine = submitted.find((s) => s.number === journey.number);
    expect(mine?.agency).toContain("Pemerintah Kota Pontianak");
    journey.otherAgencyNumbers = submitted.filter((s) => !s.agency.includes("(KOTA-61.71)")).map((s) => s.number);
    expect(journey.otherAgencyNumbers).toContain(journey.otherNumber);

    // Publishing is refused while anything is undecided (ours is).
    await page.getByRole("link", { name: "Umumkan hasil…" }).click();
    await see(page.getByRole("heading", { name: "Umumkan hasil seleksi administrasi?" }));
    await page.getByRole("button", { name: "Ya, umumkan sekarang" }).click();
    await see(page.getByText(/Hasil belum dapat diumumkan: \d+ proposal belum diputuskan\./));

    // Ours: Lolos, one by one from its page.
    await page.goto("/competitions/sivablik-2025/screening");
    await page.getByRole("link", { name: `Periksa proposal ${journey.number}`, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/competitions/sivablik-2025/screening/${journey.number}`);
    await see(page.getByRole("heading", { level: 1, name: TITLE }));
    const decision = page.getByRole("region", { name: "Keputusan", exact: true });
    for (const box of await decision.getByRole("checkbox").all()) await box.uncheck();
    await decision.getByRole("radio", { name: "Lolos", exact: true }).check();
    await decision.getByRole("button", { name: "Simpan keputusan", exact: true }).click();
    await see(page.getByText("Keputusan disimpan untuk 1 proposal."));
    await see(decision.getByText("Lolos", { exact: true }).first());

    // Kota Singkawang's: Tidak lolos with a reason and a note; anything else still undecided: Lolos in bulk.
    await page.goto("/competitions/sivablik-2025/screening?status=undecided");
    const others = (await page.getByRole("table").getByRole("rowheader").allInnerTexts()).map((s) => s.trim());
    expect(others).toContain(journey.otherNumber);
    expect(others).not.toContain(journey.number);
    await page.getByRole("checkbox", { name: `Pilih proposal ${journey.otherNumber}`, exact: true }).check();
    await page.getByRole("radio", { name: "Tidak lolos", exact: true }).check();
    await page.getByRole("checkbox", { name: "Dokumen wajib tidak lengkap", exact: true }).check();
    await page.getByLabel("Catatan", { exact: true }).fill("Surat pernyataan kebenaran data belum ditandatangani kepala dinas.");
    await page.getByRole("button", { name: "Simpan keputusan untuk yang dipilih", exact: true }).click();
    await see(page.getByText("Keputusan disimpan untuk 1 proposal."));
    const rest = others.filter((n) => n !== journey.otherNumber);
    if (rest.length > 0) {
      for (const n of rest) await page.getByRole("checkbox", { name: `Pilih proposal ${n}`, exact: true }).check();
      await page.getByRole("radio", { name: "Lolos", exact: true }).check();
      await page.getByRole("button", { name: "Simpan keputusan untuk yang dipilih", exact: true }).click();
      await see(page.getByText(`Keputusan disimpan untuk ${rest.length} proposal.`));
    }
    await see(page.getByText("Tidak ada proposal yang diajukan sesuai saringan ini."));

    // Nothing undecided left; publish with the confirm step.
    await page.goto("/competitions/sivablik-2025/screening");
    const totals = page.getByRole("region", { name: "Ringkasan", exact: true });
    await see(totals);
    expect(await page.getByText(/Masih ada \d+ proposal yang belum diputuskan/).count()).toBe(0);
    await screenshot(page, "screening-queue");
    await page.getByRole("link", { name: "Umumkan hasil…" }).click();
    await see(page.getByText(/\d+ proposal lolos dan \d+ tidak lolos\./));
    await page.getByRole("button", { name: "Ya, umumkan sekarang" }).click();
    await see(page.getByText(/Hasil diumumkan\. \d+ Admin Lokal diberi tahu lewat email\./));
    await see(page.getByText(/Hasil seleksi administrasi diumumkan pada .*Keputusan terkunci\./));
    expect(await page.getByRole("button", { name: "Simpan keputusan untuk yang dipilih" }).count()).toBe(0);
  });

  it("5. the Admin Lokal sees Lolos for its proposal and no other agency's proposals", async () => {
    const { page } = app;
    expect(journey.receipt).not.toBe("");
    await login(page, "adminlokal@pontianak.test");
    await dashboardAgencyLink(page, "Hasil seleksi");
    await page.waitForURL((u) => u.pathname === `/agency/${AGENCY}/results`);
    await see(page.getByRole("heading", { level: 1, name: "Hasil seleksi administrasi" }));

    const sivablik = page.getByRole("region", { name: "Sivablik 2025" });
    await see(sivablik.getByText(/^Diumumkan /));
    const rows = sivablik.getByRole("row").filter({ has: page.getByRole("rowheader") });
    expect(await rows.getByRole("rowheader").allInnerTexts()).toEqual([journey.number]);
    const ours = rows.filter({ hasText: journey.number });
    await see(ours.getByText(TITLE));
    await see(ours.getByText("Lolos", { exact: true }));
    expect(await ours.getByText("Tidak lolos").count()).toBe(0);

    const body = await page.locator("main").innerText();
    for (const n of journey.otherAgencyNumbers) expect(body).not.toContain(n);
    await screenshot(page, "screening-results");
  });

  it("5b. Kota Singkawang sees Tidak lolos for its proposal, with the reason and the note", async () => {
    const { page } = app;
    expect(journey.otherNumber).not.toBe("");
    await login(page, OTHER.email);
    await dashboardAgencyLink(page, "Hasil seleksi");
    await page.waitForURL((u) => u.pathname === `/agency/${OTHER.agency}/results`);
    const sivablik = page.getByRole("region", { name: "Sivablik 2025" });
    // The demo's own Singkawang proposals are listed too (decided Lolos in bulk); ours is the one turned down.
    const ours = sivablik.getByRole("row").filter({ has: page.getByRole("rowheader", { name: journey.otherNumber, exact: true }) });
    await see(ours.getByText("Tidak lolos", { exact: true }));
    await see(ours.getByText("Dokumen wajib tidak lengkap"));
    await see(ours.getByText("Surat pernyataan kebenaran data belum ditandatangani kepala dinas."));
    const numbers = await sivablik.getByRole("rowheader").allInnerTexts();
    expect(numbers).toContain(journey.otherNumber);
    for (const n of numbers) expect(journey.otherAgencyNumbers).toContain(n);
    expect(await page.locator("main").innerText()).not.toContain(journey.number);
  });
});
