/**
 * KIPP 2023 of the demo (pure data, no I/O): a past edition whose whole
 * story is on the platform — 88 proposals, screening, a desk round, a final
 * round, award tiers, three published announcements and certificates — so a
 * newcomer sees the public site populated. The titles are written in the
 * style of KIPP winners; the agencies are real registry entries, the
 * innovations are invented. Each entry names its agency, group, category,
 * title and unit; the facts its prose is written from come from a template
 * per category (app prose: db/demo/innovations.ts writeProposal).
 */
import { prng, type GroupKey, type Innovation } from "./innovations";

type Entry = [agency: string, group: GroupKey, category: string, title: string, unit: string];

/** 70 Umum, 10 Replikasi, 8 Khusus (the last five Umum are weaker: they do not reach the final). */
export const KIPP2023_ENTRIES: Entry[] = [
  ["KOTA-35.78", "umum", "transformasi_digital", "E-PEMKOT SURABAYA: Satu Pintu Layanan Warga dalam Genggaman", "Dinas Komunikasi dan Informatika Kota Surabaya"],
  ["KAB-35.10", "umum", "ekonomi_umkm", "SMART KAMPUNG: Desa Digital untuk Layanan Administrasi dan UMKM", "Dinas Komunikasi, Informatika dan Persandian Kabupaten Banyuwangi"],
  ["KOTA-33.74", "umum", "tata_kelola", "SIPANDAI: Sistem Pengaduan dan Aspirasi Warga Terintegrasi", "Bagian Organisasi Sekretariat Daerah Kota Semarang"],
  ["KAB-33.02", "umum", "pelayanan_kesehatan", "JAMPERSAL MANTAP: Jaminan Persalinan Ibu Hamil Risiko Tinggi", "Dinas Kesehatan Kabupaten Banyumas"],
  ["KOTA-32.73", "umum", "lingkungan_iklim", "KANG PISMAN: Kurangi, Pisahkan, Manfaatkan Sampah dari Rumah", "Dinas Lingkungan Hidup Kota Bandung"],
  ["KAB-32.04", "umum", "ketahanan_pangan", "SI BEDAS PANGAN: Lumbung Pangan Desa Berbasis Data", "Dinas Pertanian Kabupaten Bandung"],
  ["KOTA-73.71", "umum", "perlindungan_sosial", "LONTARA: Layanan Terpadu Perlindungan Anak dan Perempuan", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Makassar"],
  ["KAB-73.08", "umum", "infrastruktur", "BONE MAPAN: Air Bersih Perpipaan untuk Desa Pesisir", "Perumda Air Minum Tirta Angkasa Kabupaten Bone"],
  ["KOTA-51.71", "umum", "transformasi_digital", "PRO DENPASAR: Portal Layanan Perizinan Tanpa Tatap Muka", "Dinas Penanaman Modal dan PTSP Kota Denpasar"],
  ["KAB-51.03", "umum", "ekonomi_umkm", "BADUNG BISA: Inkubasi UMKM Pariwisata Pascapandemi", "Dinas Koperasi, UKM dan Perdagangan Kabupaten Badung"],
  ["KOTA-12.71", "umum", "pendidikan", "MEDAN CERDAS: Bimbingan Belajar Gratis di Kelurahan", "Dinas Pendidikan Kota Medan"],
  ["KAB-12.07", "umum", "pelayanan_kesehatan", "GERAK CEPAT STUNTING: Pendampingan Keluarga Berisiko", "Dinas Kesehatan Kabupaten Deli Serdang"],
  ["KOTA-34.71", "umum", "perlindungan_sosial", "GANDENG GENDONG: Kemitraan Pemberdayaan Keluarga Miskin", "Dinas Sosial Kota Yogyakarta"],
  ["KAB-34.04", "umum", "tata_kelola", "LAPOR SLEMAN: Tindak Lanjut Aduan dalam 3x24 Jam", "Dinas Komunikasi dan Informatika Kabupaten Sleman"],
  ["KAB-34.02", "umum", "lingkungan_iklim", "BANTUL BERSIH: Bank Sampah Digital Berbasis Dusun", "Dinas Lingkungan Hidup Kabupaten Bantul"],
  ["KOTA-36.71", "umum", "pelayanan_kesehatan", "TANGERANG LIVE: Layanan Ambulans dan Gawat Darurat 112", "Dinas Kesehatan Kota Tangerang"],
  ["KOTA-36.74", "umum", "transformasi_digital", "SIARAN TANGSEL: Satu Data Kependudukan untuk Bantuan Tepat Sasaran", "Dinas Kependudukan dan Pencatatan Sipil Kota Tangerang Selatan"],
  ["KOTA-16.71", "umum", "infrastruktur", "PALEMBANG TERANG: Penerangan Jalan Cerdas Berbasis Laporan Warga", "Dinas Perhubungan Kota Palembang"],
  ["KAB-64.02", "umum", "ketahanan_pangan", "KUKAR BERDAULAT: Cadangan Beras Desa dan Pasar Murah Keliling", "Dinas Ketahanan Pangan Kabupaten Kutai Kartanegara"],
  ["KOTA-64.72", "umum", "lingkungan_iklim", "SAMARINDA TANGGUH BANJIR: Peringatan Dini Genangan di Permukiman", "Badan Penanggulangan Bencana Daerah Kota Samarinda"],
  ["KOTA-64.71", "umum", "pendidikan", "BALIKPAPAN LITERAT: Perpustakaan Keliling Sampai ke RT", "Dinas Perpustakaan dan Kearsipan Kota Balikpapan"],
  ["KAB-61.12", "umum", "pelayanan_kesehatan", "PUSKESMAS TERAPUNG: Layanan Kesehatan Menyusuri Sungai", "Dinas Kesehatan Kabupaten Kubu Raya"],
  ["KOTA-61.71", "umum", "transformasi_digital", "PONTIANAK DALAM GENGGAMAN: Akta dan KIA Cetak Mandiri", "Dinas Kependudukan dan Pencatatan Sipil Kota Pontianak"],
  ["KOTA-63.71", "umum", "infrastruktur", "SUNGAI BERSIH BANJARMASIN: Pengelolaan Air Limbah Komunal", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Banjarmasin"],
  ["KOTA-13.71", "umum", "pendidikan", "PADANG JUARA: Pembelajaran Daring untuk Anak Pulau", "Dinas Pendidikan Kota Padang"],
  ["KAB-13.06", "umum", "ketahanan_pangan", "AGAM MANDIRI BENIH: Penangkaran Benih Padi oleh Kelompok Tani", "Dinas Pertanian Kabupaten Agam"],
  ["KOTA-14.71", "umum", "tata_kelola", "PEKANBARU SMART PAJAK: Pembayaran Pajak Daerah Nontunai", "Badan Pendapatan Daerah Kota Pekanbaru"],
  ["KOTA-18.71", "umum", "perlindungan_sosial", "LAMPUNG SAYANG LANSIA: Layanan Antar Jemput Lansia ke Posyandu", "Dinas Sosial Kota Bandar Lampung"],
  ["KOTA-52.71", "umum", "ekonomi_umkm", "MATARAM HALAL: Pendampingan Sertifikasi Halal Gratis bagi UMKM", "Dinas Koperasi dan UKM Kota Mataram"],
  ["KAB-35.25", "umum", "infrastruktur", "GRESIK JALAN MULUS: Perbaikan Jalan Berbasis Laporan Foto", "Dinas Pekerjaan Umum dan Tata Ruang Kabupaten Gresik"],
  ["KOTA-35.73", "umum", "pendidikan", "MALANG RAMAH DISABILITAS: Sekolah Inklusi dengan Guru Pendamping", "Dinas Pendidikan dan Kebudayaan Kota Malang"],
  ["KOTA-32.71", "umum", "tata_kelola", "BOGOR BERES: Layanan Perizinan Bangunan Terpantau Daring", "Dinas Penanaman Modal dan PTSP Kota Bogor"],
  ["KAB-32.01", "umum", "pelayanan_kesehatan", "SIGAP TB: Pelacakan Kontak Tuberkulosis oleh Kader", "Dinas Kesehatan Kabupaten Bogor"],
  ["KOTA-32.75", "umum", "transformasi_digital", "PATRIOT BEKASI: Satu Aplikasi Layanan Kelurahan", "Dinas Komunikasi, Informatika, Persandian dan Statistik Kota Bekasi"],
  ["KOTA-33.72", "umum", "ekonomi_umkm", "SOLO DESTINASI: Pasar Tradisional Nontunai dan Ramah Wisatawan", "Dinas Perdagangan Kota Surakarta"],
  ["KAB-33.10", "umum", "perlindungan_sosial", "KLATEN PEDULI DIFABEL: Kartu Layanan Khusus Penyandang Disabilitas", "Dinas Sosial, Pemberdayaan Perempuan dan KB Kabupaten Klaten"],
  ["KOTA-71.71", "umum", "lingkungan_iklim", "MANADO HIJAU: Pengelolaan Mangrove oleh Kelompok Nelayan", "Dinas Lingkungan Hidup Kota Manado"],
  ["KOTA-72.71", "umum", "infrastruktur", "PALU BANGKIT: Hunian Tetap dengan Layanan Dasar Terpadu", "Dinas Perumahan dan Kawasan Permukiman Kota Palu"],
  ["KOTA-74.71", "umum", "pelayanan_kesehatan", "KENDARI SEHAT JIWA: Layanan Kesehatan Jiwa di Puskesmas", "Dinas Kesehatan Kota Kendari"],
  ["KOTA-81.71", "umum", "ketahanan_pangan", "AMBON MANISE PANGAN: Kebun Gizi Sekolah dan Keluarga", "Dinas Ketahanan Pangan Kota Ambon"],
  ["KOTA-91.71", "umum", "pendidikan", "JAYAPURA PINTAR: Beasiswa dan Pendampingan Anak Asli Papua", "Dinas Pendidikan Kota Jayapura"],
  ["KOTA-21.71", "umum", "transformasi_digital", "BATAM SMART PORT: Layanan Perizinan Pelayaran Rakyat Daring", "Dinas Perhubungan Kota Batam"],
  ["KOTA-11.71", "umum", "perlindungan_sosial", "BANDA ACEH PEDULI YATIM: Data dan Santunan Anak Yatim Terpadu", "Baitul Mal Kota Banda Aceh"],
  ["KOTA-62.71", "umum", "lingkungan_iklim", "PALANGKA RAYA BEBAS ASAP: Pencegahan Kebakaran Lahan Gambut oleh Masyarakat", "Badan Penanggulangan Bencana Daerah Kota Palangka Raya"],
  ["KOTA-75.71", "umum", "tata_kelola", "GORONTALO SIAP MELAYANI: Mal Pelayanan Publik Keliling", "Dinas Penanaman Modal dan PTSP Kota Gorontalo"],
  ["KOTA-53.71", "umum", "infrastruktur", "KUPANG TIRTA: Air Bersih Terjadwal dengan Aplikasi Antrean Tangki", "Perumda Air Minum Kota Kupang"],
  ["PROV-35", "umum", "ekonomi_umkm", "JATIM BANGKIT UMKM: Pembiayaan Tanpa Agunan Melalui Koperasi", "Dinas Koperasi dan UKM Provinsi Jawa Timur"],
  ["PROV-33", "umum", "tata_kelola", "LAPORGUB JATENG: Kanal Aduan Gubernur Terintegrasi", "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah"],
  ["PROV-32", "umum", "pendidikan", "SAPAWARGA SEKOLAH: Penerimaan Murid Baru yang Transparan", "Dinas Pendidikan Provinsi Jawa Barat"],
  ["PROV-51", "umum", "pelayanan_kesehatan", "BALI SEHAT DESA: Dokter Desa dengan Kunjungan Rumah", "Dinas Kesehatan Provinsi Bali"],
  ["PROV-64", "umum", "infrastruktur", "KALTIM TERANG: Listrik Tenaga Surya untuk Desa Terpencil", "Dinas Energi dan Sumber Daya Mineral Provinsi Kalimantan Timur"],
  ["PROV-61", "umum", "ketahanan_pangan", "KALBAR BERDAULAT PANGAN: Cetak Sawah Rakyat di Lahan Tidur", "Dinas Pangan, Peternakan dan Kesehatan Hewan Provinsi Kalimantan Barat"],
  ["PROV-73", "umum", "perlindungan_sosial", "SULSEL PEDULI: Jaminan Sosial Pekerja Rentan", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Selatan"],
  ["KEM-013", "umum", "pelayanan_kesehatan", "SATUSEHAT MOBILE: Rekam Kesehatan Pribadi untuk Semua", "Pusat Data dan Teknologi Informasi Kementerian Kesehatan"],
  ["KEM-009", "umum", "tata_kelola", "CORETAX PRIBADI: Pelaporan SPT Tahunan Prapopulasi", "Direktorat Jenderal Pajak Kementerian Keuangan"],
  ["KEM-025", "umum", "ketahanan_pangan", "KARTU TANI DIGITAL: Penebusan Pupuk Bersubsidi Tepat Sasaran", "Direktorat Jenderal Prasarana dan Sarana Pertanian"],
  ["KEM-023", "umum", "infrastruktur", "TOL LAUT TERPANTAU: Informasi Jadwal dan Muatan Kapal Perintis", "Direktorat Jenderal Perhubungan Laut"],
  ["KEM-014", "umum", "perlindungan_sosial", "CEK BANSOS: Pengecekan dan Usulan Penerima Bantuan Mandiri", "Pusat Data dan Informasi Kesejahteraan Sosial"],
  ["KEM-005", "umum", "pendidikan", "SIMPATIKA MADRASAH: Layanan Guru Madrasah Tanpa Berkas Kertas", "Direktorat Jenderal Pendidikan Islam Kementerian Agama"],
  ["KEM-028", "umum", "transformasi_digital", "SERTIPIKAT ELEKTRONIK: Layanan Pertanahan Tanpa Antre", "Direktorat Jenderal Penetapan Hak dan Pendaftaran Tanah"],
  ["LEM-026", "umum", "pelayanan_kesehatan", "PANDAWA: Layanan Administrasi Peserta JKN Lewat WhatsApp", "Kedeputian Bidang Pelayanan Peserta BPJS Kesehatan"],
  ["LEM-009", "umum", "ekonomi_umkm", "BPOM PRO UMKM: Pendampingan Izin Edar Pangan Olahan", "Direktorat Pemberdayaan Masyarakat dan Pelaku Usaha BPOM"],
  ["LEM-010", "umum", "lingkungan_iklim", "INFO BMKG NELAYAN: Prakiraan Cuaca Maritim Berbasis Pesan Singkat", "Pusat Meteorologi Maritim BMKG"],
  ["LEM-004", "umum", "tata_kelola", "MYASN: Layanan Kepegawaian Mandiri Aparatur Sipil Negara", "Direktorat Sistem Informasi Kepegawaian BKN"],
  ["BUMN-001", "umum", "infrastruktur", "PLN MOBILE: Pasang Baru dan Pengaduan Listrik dalam Satu Aplikasi", "Divisi Pemasaran dan Pelayanan Pelanggan PT PLN (Persero)"],
  ["BUMN-005", "umum", "ekonomi_umkm", "POSAJA UMKM: Pengiriman Produk Desa dengan Tarif Khusus", "Direktorat Bisnis Kurir dan Logistik PT Pos Indonesia"],
  ["KAB-35.07", "umum", "pendidikan", "MALANG BELAJAR: Kelas Jarak Jauh di Balai Desa", "Dinas Pendidikan Kabupaten Malang"],
  ["KAB-33.26", "umum", "ekonomi_umkm", "BATIK GO DIGITAL: Pemasaran Batik Pekalongan Secara Daring", "Dinas Perindustrian dan Perdagangan Kabupaten Pekalongan"],
  ["KAB-32.16", "umum", "tata_kelola", "BEKASI SATU DATA: Dasbor Kinerja Layanan Kecamatan", "Badan Perencanaan Pembangunan Daerah Kabupaten Bekasi"],
  ["KAB-36.03", "umum", "lingkungan_iklim", "TANGERANG SUNGAI HIDUP: Pemantauan Kualitas Air oleh Warga", "Dinas Lingkungan Hidup Kabupaten Tangerang"],

  ["KOTA-15.71", "replikasi", "transformasi_digital", "JAMBI DALAM GENGGAMAN: Replikasi Layanan Kependudukan Mandiri", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi"],
  ["KOTA-17.71", "replikasi", "lingkungan_iklim", "BENGKULU PISAH SAMPAH: Replikasi Gerakan Kurangi dan Pilah Sampah", "Dinas Lingkungan Hidup Kota Bengkulu"],
  ["KOTA-19.71", "replikasi", "pelayanan_kesehatan", "PANGKALPINANG SIGAP 112: Replikasi Layanan Gawat Darurat Terpadu", "Dinas Kesehatan Kota Pangkalpinang"],
  ["KOTA-65.71", "replikasi", "perlindungan_sosial", "TARAKAN PEDULI ANAK: Replikasi Layanan Terpadu Perlindungan Anak", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Tarakan"],
  ["KAB-63.03", "replikasi", "ketahanan_pangan", "BANJAR LUMBUNG DESA: Replikasi Lumbung Pangan Berbasis Data", "Dinas Ketahanan Pangan Kabupaten Banjar"],
  ["KAB-62.03", "replikasi", "infrastruktur", "KAPUAS TERANG DESA: Replikasi Listrik Surya untuk Desa Terpencil", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan Kabupaten Kapuas"],
  ["KOTA-82.71", "replikasi", "pelayanan_kesehatan", "TERNATE PUSKESMAS APUNG: Replikasi Layanan Kesehatan Antarpulau", "Dinas Kesehatan Kota Ternate"],
  ["KOTA-61.72", "replikasi", "tata_kelola", "SINGKAWANG LAPOR CEPAT: Replikasi Tindak Lanjut Aduan 3x24 Jam", "Dinas Komunikasi dan Informatika Kota Singkawang"],
  ["KAB-76.01", "replikasi", "pendidikan", "PASANGKAYU LITERAT: Replikasi Perpustakaan Keliling Sampai RT", "Dinas Perpustakaan dan Kearsipan Kabupaten Pasangkayu"],
  ["KOTA-31.74", "replikasi", "ekonomi_umkm", "JAKSEL HALAL: Replikasi Pendampingan Sertifikasi Halal UMKM", "Suku Dinas Perindustrian, Perdagangan, Koperasi dan UKM Jakarta Selatan"],

  ["KAB-35.15", "khusus", "pelayanan_kesehatan", "SIDOARJO SEHAT PLUS: Jaminan Kesehatan Daerah dengan Kartu Identitas", "Dinas Kesehatan Kabupaten Sidoarjo"],
  ["KOTA-31.71", "khusus", "tata_kelola", "JAKI PUSAT: Kanal Pelayanan Warga Kota Administrasi Jakarta Pusat", "Suku Dinas Komunikasi, Informatika dan Statistik Jakarta Pusat"],
  ["KEM-030", "khusus", "tata_kelola", "SP4N-LAPOR!: Pengelolaan Pengaduan Pelayanan Publik Nasional", "Deputi Bidang Pelayanan Publik Kementerian PANRB"],
  ["KEM-010", "khusus", "pendidikan", "RAPOR PENDIDIKAN: Data Mutu Sekolah untuk Perencanaan Daerah", "Pusat Asesmen Pendidikan"],
  ["LEM-007", "khusus", "transformasi_digital", "SENSUS DIGITAL MANDIRI: Pendataan Penduduk Daring oleh Warga", "Direktorat Diseminasi Statistik BPS"],
  ["BUMN-004", "khusus", "infrastruktur", "ACCESS BY KAI: Pemesanan Tiket dan Boarding Berbasis Wajah", "Direktorat Niaga PT Kereta Api Indonesia (Persero)"],
  ["PROV-34", "khusus", "perlindungan_sosial", "JOGJA ISTIMEWA PEDULI: Jaminan Sosial Keluarga Rentan", "Dinas Sosial Daerah Istimewa Yogyakarta"],
  ["KOTA-35.78", "khusus", "pendidikan", "SURABAYA SINAU BARENG: Rumah Belajar di Balai RW", "Dinas Pendidikan Kota Surabaya"],
];

/** Replikasi sources, in order of KIPP2023_ENTRIES' Replikasi entries (earlier KIPP winners). */
const SOURCES: { title: string; agency: string; year: number }[] = [
  { title: "Pontianak Dalam Genggaman", agency: "Pemerintah Kota Pontianak", year: 2021 },
  { title: "Kang Pisman", agency: "Pemerintah Kota Bandung", year: 2019 },
  { title: "Tangerang LIVE 112", agency: "Pemerintah Kota Tangerang", year: 2020 },
  { title: "Lontara Perlindungan Anak", agency: "Pemerintah Kota Makassar", year: 2021 },
  { title: "Si Bedas Pangan", agency: "Pemerintah Kabupaten Bandung", year: 2022 },
  { title: "Kaltim Terang", agency: "Pemerintah Provinsi Kalimantan Timur", year: 2021 },
  { title: "Puskesmas Terapung", agency: "Pemerintah Kabupaten Kubu Raya", year: 2020 },
  { title: "Lapor Sleman", agency: "Pemerintah Kabupaten Sleman", year: 2019 },
  { title: "Balikpapan Literat", agency: "Pemerintah Kota Balikpapan", year: 2022 },
  { title: "Mataram Halal", agency: "Pemerintah Kota Mataram", year: 2022 },
];

interface Facts {
  problem: string;
  idea: string;
  users: string;
  metric: [string, string, string];
  reach: string;
  sdgs: number[];
  partners: string;
}

/** Facts per category, each with a second variant so neighbours do not read alike. */
const FACTS: Record<string, Facts[]> = {
  transformasi_digital: [
    {
      problem: "warga harus datang beberapa kali ke kantor pelayanan dan membawa berkas fotokopi yang sama untuk setiap urusan",
      idea: "permohonan, unggah berkas, pembayaran, dan pengambilan dokumen dilakukan melalui satu aplikasi dengan identitas tunggal warga",
      users: "warga dan pelaku usaha",
      metric: ["waktu penyelesaian layanan", "rata-rata 7 hari kerja", "rata-rata 1 hari kerja"],
      reach: "lebih dari 120.000 permohonan setahun",
      sdgs: [16, 9],
      partners: "perangkat daerah pengampu layanan, bank daerah, dan penyedia pusat data",
    },
    {
      problem: "data layanan tersebar di banyak aplikasi sehingga petugas mengetik ulang data yang sama dan sering terjadi kesalahan",
      idea: "data dari aplikasi-aplikasi layanan disatukan melalui integrasi antarsistem sehingga warga cukup sekali mengisi data",
      users: "warga yang mengurus dokumen dan petugas layanan",
      metric: ["jumlah berkas yang ditolak karena data tidak cocok", "18 persen", "3 persen"],
      reach: "sekitar 85.000 warga setiap tahun",
      sdgs: [16, 17],
      partners: "Dinas Kependudukan dan Pencatatan Sipil, perangkat daerah teknis, dan perguruan tinggi setempat",
    },
  ],
  pelayanan_kesehatan: [
    {
      problem: "warga di wilayah terpencil menempuh perjalanan jauh ke fasilitas kesehatan dan sering terlambat mendapat pertolongan",
      idea: "tenaga kesehatan mendatangi warga secara terjadwal dan kader memantau pasien berisiko melalui aplikasi sederhana",
      users: "ibu hamil, balita, lansia, dan pasien penyakit kronis",
      metric: ["cakupan kunjungan pemeriksaan rutin", "54 persen", "91 persen"],
      reach: "lebih dari 40.000 warga di wilayah layanan",
      sdgs: [3, 10],
      partners: "puskesmas, kader posyandu, pemerintah desa, dan organisasi profesi kesehatan",
    },
    {
      problem: "pasien gawat darurat tidak tahu harus menghubungi siapa dan ambulans datang terlambat karena lokasi tidak jelas",
      idea: "satu nomor panggilan terhubung ke pusat komando yang mengirim ambulans terdekat dengan lokasi pemanggil yang terpantau",
      users: "pasien gawat darurat dan keluarganya",
      metric: ["waktu tanggap ambulans", "rata-rata 45 menit", "rata-rata 12 menit"],
      reach: "lebih dari 9.000 panggilan gawat darurat setahun",
      sdgs: [3, 11],
      partners: "rumah sakit, puskesmas, kepolisian, dan pemadam kebakaran",
    },
  ],
  pendidikan: [
    {
      problem: "anak-anak dari keluarga kurang mampu tertinggal pelajaran karena tidak memiliki akses bimbingan belajar dan bahan bacaan",
      idea: "relawan, guru, dan mahasiswa memberikan pendampingan belajar gratis di ruang publik terdekat dengan bahan ajar yang disiapkan bersama sekolah",
      users: "pelajar sekolah dasar dan menengah",
      metric: ["nilai rata-rata asesmen literasi", "61 dari 100", "74 dari 100"],
      reach: "sekitar 15.000 pelajar di seluruh kecamatan",
      sdgs: [4, 10],
      partners: "sekolah, perguruan tinggi, perpustakaan daerah, dan komunitas relawan",
    },
    {
      problem: "sekolah dan orang tua tidak memiliki data yang sama tentang kemajuan belajar sehingga masalah terlambat diketahui",
      idea: "hasil asesmen dan kehadiran dicatat sekali lalu ditampilkan kepada guru, orang tua, dan dinas dalam bentuk yang mudah dibaca",
      users: "guru, orang tua, dan pengelola sekolah",
      metric: ["angka putus sekolah", "2,1 persen", "0,6 persen"],
      reach: "lebih dari 300 sekolah",
      sdgs: [4, 16],
      partners: "dinas pendidikan, komite sekolah, dan penyedia jaringan internet",
    },
  ],
  ekonomi_umkm: [
    {
      problem: "pelaku usaha mikro kesulitan mengurus perizinan, sertifikasi, dan pemasaran sehingga produknya sulit masuk pasar modern",
      idea: "pendamping membantu UMKM mengurus izin dan sertifikasi sekaligus menghubungkan mereka dengan pembeli melalui pasar daring",
      users: "pelaku usaha mikro dan kecil",
      metric: ["jumlah UMKM bersertifikat", "320 usaha", "2.450 usaha"],
      reach: "lebih dari 4.000 pelaku UMKM",
      sdgs: [8, 1],
      partners: "perbankan, asosiasi UMKM, lembaga sertifikasi, dan marketplace",
    },
    {
      problem: "pelaku usaha kecil tidak mendapat pembiayaan karena tidak memiliki agunan dan catatan keuangan",
      idea: "koperasi dan bank daerah menyalurkan pembiayaan tanpa agunan dengan pendampingan pencatatan keuangan sederhana",
      users: "pedagang pasar dan pelaku usaha rumahan",
      metric: ["omzet rata-rata usaha dampingan", "Rp4,2 juta per bulan", "Rp7,9 juta per bulan"],
      reach: "sekitar 6.500 pelaku usaha",
      sdgs: [8, 5],
      partners: "bank pembangunan daerah, koperasi, dan dinas perdagangan",
    },
  ],
  lingkungan_iklim: [
    {
      problem: "sampah rumah tangga bercampur dan menumpuk di tempat pembuangan akhir yang hampir penuh",
      idea: "warga memilah sampah dari rumah, menabung sampah bernilai di bank sampah, dan mengolah sampah organik menjadi kompos",
      users: "rumah tangga dan pengelola bank sampah",
      metric: ["sampah yang dikirim ke TPA", "620 ton per hari", "470 ton per hari"],
      reach: "lebih dari 900 bank sampah",
      sdgs: [11, 12, 13],
      partners: "kelurahan, sekolah, pelaku daur ulang, dan komunitas peduli lingkungan",
    },
    {
      problem: "bencana banjir, asap, dan abrasi datang tanpa peringatan yang cukup sehingga warga tidak sempat bersiap",
      idea: "sensor dan laporan warga dipantau pusat pengendalian yang mengirim peringatan dini ke kelompok siaga di setiap kelurahan",
      users: "warga di kawasan rawan bencana",
      metric: ["waktu peringatan sebelum kejadian", "kurang dari 30 menit", "lebih dari 3 jam"],
      reach: "sekitar 60 kelurahan rawan",
      sdgs: [13, 11],
      partners: "BMKG, relawan kebencanaan, perguruan tinggi, dan dunia usaha",
    },
  ],
  ketahanan_pangan: [
    {
      problem: "harga pangan melonjak menjelang panen raya dan musim paceklik karena cadangan desa tidak tercatat",
      idea: "cadangan pangan desa dicatat dan dipantau secara daring sehingga penyaluran dan operasi pasar bisa dilakukan tepat waktu",
      users: "petani, keluarga rawan pangan, dan pemerintah desa",
      metric: ["desa dengan cadangan pangan aktif", "35 desa", "212 desa"],
      reach: "lebih dari 25.000 keluarga",
      sdgs: [2, 1],
      partners: "Perum BULOG, kelompok tani, dan penyuluh pertanian",
    },
    {
      problem: "petani sulit memperoleh benih dan pupuk bermutu tepat waktu sehingga produktivitas rendah",
      idea: "kelompok tani dilatih menangkarkan benih dan memesan sarana produksi melalui kartu digital yang terhubung ke kios resmi",
      users: "petani pangan",
      metric: ["produktivitas padi", "4,8 ton per hektare", "6,1 ton per hektare"],
      reach: "sekitar 12.000 petani",
      sdgs: [2, 12],
      partners: "penyuluh pertanian, kios pupuk resmi, dan balai benih",
    },
  ],
  perlindungan_sosial: [
    {
      problem: "bantuan sosial tidak tepat sasaran karena data penerima tidak diperbarui dan warga rentan tidak tahu cara mengusulkan diri",
      idea: "warga dapat mengecek dan mengusulkan diri sebagai penerima bantuan, lalu pendamping memverifikasi dengan kunjungan rumah",
      users: "keluarga miskin, lansia, dan penyandang disabilitas",
      metric: ["ketepatan sasaran penerima bantuan", "71 persen", "94 persen"],
      reach: "lebih dari 30.000 keluarga",
      sdgs: [1, 10],
      partners: "pendamping sosial, pemerintah desa/kelurahan, dan lembaga zakat",
    },
    {
      problem: "korban kekerasan perempuan dan anak tidak tahu ke mana melapor dan penanganannya tersebar di banyak instansi",
      idea: "satu layanan terpadu menerima laporan 24 jam, mendampingi korban, dan mengoordinasikan layanan hukum, kesehatan, dan psikologis",
      users: "perempuan dan anak korban kekerasan",
      metric: ["kasus yang tertangani sampai tuntas", "48 persen", "87 persen"],
      reach: "sekitar 1.100 kasus setahun",
      sdgs: [5, 16],
      partners: "kepolisian, rumah sakit, psikolog, dan lembaga bantuan hukum",
    },
  ],
  tata_kelola: [
    {
      problem: "aduan warga tidak jelas tindak lanjutnya dan warga tidak tahu sampai di mana laporannya diproses",
      idea: "setiap aduan diberi nomor, diteruskan ke perangkat daerah yang berwenang dengan batas waktu, dan statusnya terbuka bagi pelapor",
      users: "warga yang menyampaikan aduan dan aspirasi",
      metric: ["aduan yang ditindaklanjuti tepat waktu", "39 persen", "92 persen"],
      reach: "lebih dari 50.000 aduan setahun",
      sdgs: [16, 17],
      partners: "perangkat daerah, Ombudsman perwakilan, dan media lokal",
    },
    {
      problem: "perizinan dan pembayaran kewajiban daerah memakan waktu lama dan rawan pungutan liar",
      idea: "permohonan, verifikasi, dan pembayaran dilakukan daring dengan status yang bisa dipantau dan tanda tangan elektronik",
      users: "pelaku usaha dan wajib pajak",
      metric: ["waktu penerbitan izin", "rata-rata 21 hari", "rata-rata 3 hari"],
      reach: "lebih dari 40.000 permohonan setahun",
      sdgs: [16, 8],
      partners: "bank daerah, Balai Sertifikasi Elektronik, dan asosiasi pengusaha",
    },
  ],
  infrastruktur: [
    {
      problem: "warga tidak mendapatkan air bersih, listrik, atau jalan yang layak dan laporan kerusakan lambat ditangani",
      idea: "warga melaporkan kebutuhan dan kerusakan dengan foto dan lokasi, lalu petugas memperbaiki sesuai antrean yang terbuka",
      users: "warga di permukiman padat dan desa terpencil",
      metric: ["waktu perbaikan setelah laporan", "rata-rata 30 hari", "rata-rata 5 hari"],
      reach: "lebih dari 70.000 rumah tangga",
      sdgs: [9, 7, 11],
      partners: "badan usaha milik daerah, kontraktor pemeliharaan, dan pemerintah desa",
    },
    {
      problem: "layanan dasar di desa dan pulau terpencil tidak terjangkau karena jaringan belum tersedia",
      idea: "layanan dibangun dengan teknologi tepat guna berskala komunitas yang dikelola bersama warga dan dipantau dari jarak jauh",
      users: "warga desa terpencil dan pulau kecil",
      metric: ["rumah tangga yang terlayani", "1.200 rumah tangga", "8.600 rumah tangga"],
      reach: "sekitar 90 desa",
      sdgs: [7, 9, 10],
      partners: "BUMDes, perguruan tinggi, dan dunia usaha melalui tanggung jawab sosial",
    },
  ],
};

const FIRST = ["Andi", "Dewi", "Rahmat", "Siti", "Bambang", "Ratna", "Yusuf", "Intan", "Hendra", "Maya", "Fajar", "Nur", "Agus", "Wulan", "Rizki", "Lestari"];
const LAST = ["Saputra", "Wulandari", "Hidayat", "Rahayu", "Kurniawan", "Pratiwi", "Nasution", "Siregar", "Santoso", "Lubis", "Harahap", "Setiawan", "Halim", "Susanti"];

/** The demo's KIPP 2023 innovations with the facts their prose is written from. */
export function kipp2023Innovations(): Innovation[] {
  let rep = 0;
  return KIPP2023_ENTRIES.map(([agency, group, category, title, unit], i) => {
    const r = prng(`kipp2023-${i}`);
    const variants = FACTS[category];
    if (!variants) throw new Error(`kipp2023: no facts for ${category}`);
    const f = variants[i % variants.length];
    const name = () => `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`;
    const lead = name();
    const slug = title.split(":")[0].toLowerCase().replace(/[^a-z0-9]+/g, "");
    const year = group === "replikasi" ? 2021 : 2017 + Math.floor(r() * 4);
    const month = 1 + Math.floor(r() * 12);
    const inv: Innovation = {
      agency,
      group,
      category,
      title,
      unit,
      innovators: r() < 0.5 ? `${lead}, S.Sos.` : `${lead}, S.T.; ${name()}, S.Kom.`,
      started: `${year}-${String(month).padStart(2, "0")}-${String(1 + Math.floor(r() * 27)).padStart(2, "0")}`,
      contactName: lead,
      contactEmail: `${slug.slice(0, 20)}@inovasi2023.test`,
      ...f,
    };
    if (group === "replikasi") {
      inv.source = SOURCES[rep % SOURCES.length];
      inv.adjust = "alur layanan disesuaikan dengan kondisi geografis dan jumlah petugas setempat, serta aplikasinya dipasang di server daerah sendiri";
      rep++;
    }
    if (group === "khusus") {
      inv.award = `Top 45 KIPP ${2018 + (i % 3)}`;
      inv.renewal = "layanan diperluas ke seluruh wilayah, terhubung dengan sistem nasional, dan dibiayai penuh dari anggaran rutin";
      inv.replicatedBy = "sedikitnya 12 pemerintah daerah lain";
    }
    return inv;
  });
}
