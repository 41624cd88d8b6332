/**
 * The standard edition settings an organizer starts from: groups with their
 * form (sections with word limits and guidance, attachment slots), categories
 * and who may enter. Pure data, drawn from DOMAIN.md ("The proposal",
 * "Groups, categories, eligibility"). Applied to an edition by applyPreset
 * (app/services/settings.server.ts); after that every value is the
 * organizer's to change.
 */
import type { AttachmentSlot, Category, FileKind, FormSection, Group } from "./edition";
import type { Cluster } from "./roles";

export type SectionSpec = Omit<FormSection, "position">;
export type SlotSpec = Omit<AttachmentSlot, "position">;
export type GroupSpec = Omit<Group, "id" | "position" | "sections" | "slots"> & {
  sections: SectionSpec[];
  slots: SlotSpec[];
};
export type CategorySpec = Omit<Category, "id" | "position">;

export type PresetKind = "kipp" | "provincial";

export interface EditionPreset {
  kind: PresetKind;
  groups: GroupSpec[];
  categories: CategorySpec[];
  /** Clusters that may enter; empty = all. */
  allowedClusters: Cluster[];
  /** Provincial contests admit only agencies of the organizer's own province. */
  restrictToOrganizerProvince: boolean;
}

export const FILE_KINDS: readonly FileKind[] = ["pdf", "jpeg", "png"];

// ---------------------------------------------------------------------------
// Sections. One definition per section; groups pick from them.

const S = {
  ringkasan: {
    key: "ringkasan",
    titleId: "Ringkasan",
    titleEn: "Summary",
    guidanceId:
      "Uraikan secara singkat masalah pelayanan yang diatasi, inovasi yang dilakukan, dan hasil utama yang sudah dicapai. Ringkasan ini dibaca pertama kali oleh juri dan dapat dimuat di katalog inovasi.",
    guidanceEn:
      "Briefly describe the service problem addressed, the innovation and the main results achieved so far. Jurors read the summary first, and it may appear in the innovation catalogue.",
    wordLimit: 200,
    required: true,
  },
  ide_inovatif: {
    key: "ide_inovatif",
    titleId: "Ide Inovatif",
    titleEn: "Innovative Idea",
    guidanceId:
      "Jelaskan apa yang baru dari inovasi ini dibandingkan cara pelayanan sebelumnya dan dibandingkan layanan serupa di tempat lain. Sebutkan masalah yang melatarbelakanginya.",
    guidanceEn:
      "Explain what is new about this innovation compared with the previous way of serving and with similar services elsewhere. Name the problem that led to it.",
    wordLimit: 600,
    required: true,
  },
  signifikansi: {
    key: "signifikansi",
    titleId: "Signifikansi",
    titleEn: "Significance",
    guidanceId:
      "Tunjukkan dampak inovasi bagi penerima layanan dengan data sebelum dan sesudah penerapan, misalnya waktu layanan, biaya, jumlah penerima manfaat, atau tingkat kepuasan.",
    guidanceEn:
      "Show the impact on service users with data from before and after implementation, for example service time, cost, number of beneficiaries or satisfaction.",
    wordLimit: 600,
    required: true,
  },
  kontribusi_tpb: {
    key: "kontribusi_tpb",
    titleId: "Kontribusi terhadap TPB (SDGs)",
    titleEn: "Contribution to the SDGs",
    guidanceId:
      "Sebutkan tujuan dan target Tujuan Pembangunan Berkelanjutan (TPB/SDGs) yang didukung inovasi ini dan jelaskan bagaimana kontribusinya diukur.",
    guidanceEn:
      "Name the Sustainable Development Goals and targets this innovation supports and explain how its contribution is measured.",
    wordLimit: 200,
    required: true,
  },
  adaptabilitas: {
    key: "adaptabilitas",
    titleId: "Adaptabilitas",
    titleEn: "Adaptability",
    guidanceId:
      "Jelaskan apakah inovasi telah atau dapat diterapkan oleh unit atau instansi lain, dan apa saja yang dibutuhkan untuk mereplikasinya.",
    guidanceEn:
      "Explain whether other units or agencies have adopted or could adopt the innovation, and what they would need to replicate it.",
    wordLimit: 400,
    required: true,
  },
  keberlanjutan: {
    key: "keberlanjutan",
    titleId: "Keberlanjutan",
    titleEn: "Sustainability",
    guidanceId:
      "Uraikan hal yang menjamin inovasi terus berjalan: dasar hukum, sumber daya manusia, anggaran, dan kelembagaan, termasuk rencana pengembangan ke depan.",
    guidanceEn:
      "Describe what keeps the innovation running: legal basis, staff, budget and institutional arrangements, including plans to develop it further.",
    wordLimit: 600,
    required: true,
  },
  kolaborasi: {
    key: "kolaborasi",
    titleId: "Kolaborasi Pemangku Kepentingan",
    titleEn: "Stakeholder Collaboration",
    guidanceId:
      "Sebutkan pemangku kepentingan yang terlibat (pemerintah, swasta, masyarakat, akademisi, media) beserta peran masing-masing dalam inovasi.",
    guidanceEn:
      "Name the stakeholders involved (government, private sector, community, academia, media) and the role each plays in the innovation.",
    wordLimit: 200,
    required: true,
  },
  inspirasi: {
    key: "inspirasi",
    titleId: "Inspirasi",
    titleEn: "Inspiration",
    guidanceId:
      "Sebutkan inovasi asal yang direplikasi (judul, instansi asal, tahun) dan alasan memilihnya untuk menjawab masalah di daerah atau instansi Anda.",
    guidanceEn:
      "Name the source innovations you replicated (title, originating agency, year) and why you chose them to answer a problem in your region or agency.",
    wordLimit: 300,
    required: true,
  },
  proses_replikasi: {
    key: "proses_replikasi",
    titleId: "Proses Replikasi",
    titleEn: "Replication Process",
    guidanceId:
      "Uraikan tahapan replikasi dari persiapan, rencana dan pengembangan, implementasi, hingga evaluasi, termasuk dukungan yang diterima dari instansi asal.",
    guidanceEn:
      "Describe the replication step by step, from preparation, planning and development and implementation to evaluation, including the support received from the originating agency.",
    wordLimit: 600,
    required: true,
  },
  faktor_pembeda: {
    key: "faktor_pembeda",
    titleId: "Faktor Pembeda",
    titleEn: "Distinguishing Factors",
    guidanceId:
      "Jelaskan penyesuaian dan pengembangan yang Anda lakukan sehingga hasil replikasi sesuai dengan kondisi setempat atau lebih baik dari inovasi asal.",
    guidanceEn:
      "Explain the adjustments and improvements you made so that the replication fits local conditions or does better than the original innovation.",
    wordLimit: 400,
    required: true,
  },
  pembaruan: {
    key: "pembaruan",
    titleId: "Pembaruan",
    titleEn: "Renewal",
    guidanceId:
      "Jelaskan pembaruan dan pengembangan yang dilakukan sejak inovasi ini meraih penghargaan, misalnya perluasan jangkauan layanan atau fitur baru.",
    guidanceEn:
      "Explain the updates and developments made since the innovation won its award, for example a wider service reach or new features.",
    wordLimit: 600,
    required: true,
  },
  adaptabilitas_khusus: {
    key: "adaptabilitas",
    titleId: "Adaptabilitas",
    titleEn: "Adaptability",
    guidanceId:
      "Sebutkan unit, instansi, atau daerah yang telah mereplikasi inovasi ini sejak meraih penghargaan dan dukungan yang Anda berikan kepada mereka.",
    guidanceEn:
      "Name the units, agencies or regions that have replicated the innovation since its award and the support you gave them.",
    wordLimit: 400,
    required: true,
  },
  penguatan_keberlanjutan: {
    key: "penguatan_keberlanjutan",
    titleId: "Penguatan Keberlanjutan",
    titleEn: "Strengthened Sustainability",
    guidanceId:
      "Jelaskan langkah yang memperkuat keberlanjutan inovasi sejak meraih penghargaan: regulasi, anggaran, sumber daya manusia, dan pelembagaan.",
    guidanceEn:
      "Explain the steps taken since the award to make the innovation last: regulations, budget, staff and institutionalisation.",
    wordLimit: 600,
    required: true,
  },
  evaluasi: {
    key: "evaluasi",
    titleId: "Evaluasi",
    titleEn: "Evaluation",
    guidanceId:
      "Sajikan hasil evaluasi atau pemantauan terbaru, seperti data capaian dan survei kepuasan, serta perbaikan yang dilakukan berdasarkan hasil tersebut.",
    guidanceEn:
      "Present the latest evaluation or monitoring results, such as performance data and satisfaction surveys, and the improvements made in response.",
    wordLimit: 400,
    required: true,
  },
} satisfies Record<string, SectionSpec>;

// ---------------------------------------------------------------------------
// Attachment slots

const SLOT = {
  sk_inovator: {
    key: "sk_inovator",
    labelId: "SK penetapan inovator/tim",
    labelEn: "Decree appointing the innovator/team",
    acceptedTypes: ["pdf"],
    maxSizeMb: 5,
    required: true,
  },
  surat_pernyataan: {
    key: "surat_pernyataan",
    labelId: "Surat pernyataan kebenaran data",
    labelEn: "Statement on the accuracy of the data",
    acceptedTypes: ["pdf"],
    maxSizeMb: 5,
    required: true,
  },
  komitmen_replikasi: {
    key: "komitmen_replikasi",
    labelId: "Surat komitmen replikasi",
    labelEn: "Replication commitment letter",
    acceptedTypes: ["pdf"],
    maxSizeMb: 5,
    required: true,
  },
  dokumen_pendukung: {
    key: "dokumen_pendukung",
    labelId: "Dokumen pendukung",
    labelEn: "Supporting documents",
    acceptedTypes: ["pdf", "jpeg", "png"],
    maxSizeMb: 20,
    required: false,
  },
  foto_kegiatan: {
    key: "foto_kegiatan",
    labelId: "Foto kegiatan",
    labelEn: "Activity photos",
    acceptedTypes: ["jpeg", "png"],
    maxSizeMb: 10,
    required: false,
  },
} satisfies Record<string, SlotSpec>;

// ---------------------------------------------------------------------------
// Groups

interface GroupRules {
  quota: number;
  videoRequired: boolean;
}

function umum(r: GroupRules): GroupSpec {
  return {
    key: "umum",
    nameId: "Kelompok Umum",
    nameEn: "General Group",
    descriptionId: "Inovasi baru yang telah berjalan sekurang-kurangnya dua tahun saat pendaftaran ditutup.",
    descriptionEn: "New innovations that have been running for at least two years when registration closes.",
    minAgeMonths: 24,
    quotaPerAgency: r.quota,
    requiresSources: false,
    videoRequired: r.videoRequired,
    sections: [S.ringkasan, S.ide_inovatif, S.signifikansi, S.kontribusi_tpb, S.adaptabilitas, S.keberlanjutan, S.kolaborasi],
    slots: [SLOT.sk_inovator, SLOT.surat_pernyataan, SLOT.dokumen_pendukung, SLOT.foto_kegiatan],
  };
}

function replikasi(r: GroupRules): GroupSpec {
  return {
    key: "replikasi",
    nameId: "Kelompok Replikasi",
    nameEn: "Replication Group",
    descriptionId:
      "Inovasi hasil adaptasi dari satu atau lebih inovasi unggulan sebelumnya, yang telah berjalan sekurang-kurangnya satu tahun. Proposal wajib menyebutkan inovasi asalnya.",
    descriptionEn:
      "Innovations adapted from one or more earlier top innovations, running for at least one year. The proposal must name its source innovations.",
    minAgeMonths: 12,
    quotaPerAgency: r.quota,
    requiresSources: true,
    videoRequired: r.videoRequired,
    sections: [S.ringkasan, S.inspirasi, S.proses_replikasi, S.faktor_pembeda, S.signifikansi, S.keberlanjutan, S.kolaborasi],
    slots: [SLOT.sk_inovator, SLOT.surat_pernyataan, SLOT.komitmen_replikasi, SLOT.dokumen_pendukung, SLOT.foto_kegiatan],
  };
}

function khusus(r: GroupRules): GroupSpec {
  return {
    key: "khusus",
    nameId: "Kelompok Khusus",
    nameEn: "Special Group",
    descriptionId:
      "Inovasi peraih penghargaan pada tahun-tahun sebelumnya yang menunjukkan bahwa inovasinya terus berjalan dan berkembang.",
    descriptionEn: "Award winners of earlier years showing that their innovation lived on and grew.",
    minAgeMonths: 24,
    quotaPerAgency: r.quota,
    requiresSources: false,
    videoRequired: r.videoRequired,
    sections: [S.ringkasan, S.pembaruan, S.adaptabilitas_khusus, S.penguatan_keberlanjutan, S.evaluasi],
    slots: [SLOT.sk_inovator, SLOT.surat_pernyataan, SLOT.dokumen_pendukung, SLOT.foto_kegiatan],
  };
}

// ---------------------------------------------------------------------------
// Categories

/** KIPP 2025: nine categories aligned to the national priorities. */
const KIPP_CATEGORIES: CategorySpec[] = [
  { key: "transformasi_digital", nameId: "Transformasi Digital", nameEn: "Digital Transformation" },
  { key: "pelayanan_kesehatan", nameId: "Pelayanan Kesehatan", nameEn: "Health Services" },
  { key: "pendidikan", nameId: "Pendidikan", nameEn: "Education" },
  { key: "ekonomi_umkm", nameId: "Pemberdayaan Ekonomi dan UMKM", nameEn: "Economic Empowerment and MSMEs" },
  { key: "lingkungan_iklim", nameId: "Lingkungan Hidup dan Ketahanan Iklim", nameEn: "Environment and Climate Resilience" },
  { key: "ketahanan_pangan", nameId: "Ketahanan Pangan", nameEn: "Food Security" },
  { key: "perlindungan_sosial", nameId: "Perlindungan Sosial dan Inklusi", nameEn: "Social Protection and Inclusion" },
  {
    key: "tata_kelola",
    nameId: "Tata Kelola Pemerintahan dan Reformasi Birokrasi",
    nameEn: "Governance and Bureaucratic Reform",
  },
  { key: "infrastruktur", nameId: "Infrastruktur dan Pelayanan Dasar", nameEn: "Infrastructure and Basic Services" },
];

const PROVINCIAL_CATEGORIES: CategorySpec[] = [
  { key: "tata_kelola", nameId: "Tata Kelola Pemerintahan", nameEn: "Governance" },
  {
    key: "pelayanan_dasar",
    nameId: "Pelayanan Dasar (Pendidikan dan Kesehatan)",
    nameEn: "Basic Services (Education and Health)",
  },
  { key: "ekonomi_kesejahteraan", nameId: "Pemberdayaan Ekonomi dan Kesejahteraan", nameEn: "Economic Empowerment and Welfare" },
  { key: "digitalisasi", nameId: "Digitalisasi Pelayanan Publik", nameEn: "Digital Public Services" },
];

/** Clusters a provincial contest admits: the regencies and cities of its province and its own OPD. */
export const PROVINCIAL_CLUSTERS: Cluster[] = ["kabupaten", "kota", "opd"];

/**
 * The standard settings of a national (KIPP) or provincial edition. `year`
 * is the edition's year; every year currently starts from the 2025
 * catalogue, and it stays a parameter so a later catalogue can begin at a
 * given year without changing the callers. Returns fresh objects each call.
 */
export function presetFor(kind: PresetKind, year: number): EditionPreset {
  void year;
  const copy = <T>(v: T): T => structuredClone(v);
  if (kind === "kipp") {
    return copy({
      kind,
      groups: [
        umum({ quota: 10, videoRequired: true }),
        replikasi({ quota: 5, videoRequired: false }),
        khusus({ quota: 3, videoRequired: false }),
      ],
      categories: KIPP_CATEGORIES,
      allowedClusters: [],
      restrictToOrganizerProvince: false,
    });
  }
  return copy({
    kind,
    groups: [
      umum({ quota: 3, videoRequired: false }),
      replikasi({ quota: 2, videoRequired: false }),
      khusus({ quota: 1, videoRequired: false }),
    ],
    categories: PROVINCIAL_CATEGORIES,
    allowedClusters: PROVINCIAL_CLUSTERS,
    restrictToOrganizerProvince: true,
  });
}
