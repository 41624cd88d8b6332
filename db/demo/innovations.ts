/**
 * The innovations of the demo (pure data, no I/O): who entered what in KIPP
 * 2025 and Sivablik 2025, and the prose of every section, written from a few
 * templates with facts per innovation so that no two sections of a proposal
 * read alike (the filler checker would flag them) and no two proposals read
 * the same. Used by db/demo/proposals.ts.
 */

export type GroupKey = "umum" | "replikasi" | "khusus";

/** One innovation and the facts its prose is written from. */
export interface Innovation {
  /** Agency code: reference data (KOTA-61.71, KEM-013…) or a seeded OPD (OPD-61-DINKES). */
  agency: string;
  group: GroupKey;
  /** Category key of the edition's preset. */
  category: string;
  title: string;
  /** Unit Pelayanan Publik that runs it. */
  unit: string;
  /** Innovator names, separated by "; " (a team when more than one). */
  innovators: string;
  /** YYYY-MM-DD. */
  started: string;
  contactName: string;
  contactEmail: string;
  /** What went wrong before (a clause: "warga harus …"). */
  problem: string;
  /** What the innovation does (a clause: "petugas … sehingga …"). */
  idea: string;
  /** Who benefits (a noun phrase). */
  users: string;
  /** [what is measured, before, after]. */
  metric: [string, string, string];
  /** How far it reaches (a noun phrase). */
  reach: string;
  /** SDG goal numbers, most important first. */
  sdgs: number[];
  /** Partners (a list phrase). */
  partners: string;
  /** Replikasi: where it comes from; `platform` names the title of another demo proposal. */
  source?: { platform: string } | { title: string; agency: string; year: number };
  /** Replikasi: what was adapted. */
  adjust?: string;
  /** Khusus: the earlier award. */
  award?: string;
  /** Khusus: what is new since the award (a clause). */
  renewal?: string;
  /** Khusus: who replicated it. */
  replicatedBy?: string;
  /** A deliberately weak proposal, for the screening story. */
  weak?: "too_young" | "filler" | "duplicate";
}

// ---------------------------------------------------------------------------
// KIPP 2025: 37 sound proposals and 3 weak ones.

export const KIPP_INNOVATIONS: Innovation[] = [
  {
    agency: "KEM-013",
    group: "umum",
    category: "pelayanan_kesehatan",
    title: "TELERUJUK: Telekonsultasi Rujukan Ibu dan Bayi Baru Lahir Antar-Fasilitas Kesehatan",
    unit: "RSUP Dr. Sardjito Yogyakarta",
    innovators: "dr. Ardi Wicaksono, Sp.O.G.; Ns. Rini Astuti, S.Kep.; Bagus Hermawan, S.Kom.",
    started: "2020-08-17",
    contactName: "Ns. Rini Astuti, S.Kep.",
    contactEmail: "telerujuk@sardjito.test",
    problem:
      "bidan dan dokter puskesmas di daerah sering merujuk ibu hamil dengan komplikasi tanpa konsultasi lebih dulu, sehingga pasien tiba di rumah sakit rujukan dalam kondisi terlambat ditangani",
    idea: "dokter spesialis rumah sakit rujukan mendampingi bidan dan dokter puskesmas melalui telekonsultasi 24 jam sebelum, selama, dan sesudah pasien dirujuk",
    users: "ibu hamil dan bayi baru lahir dari 14 kabupaten/kota mitra",
    metric: ["waktu tanggap rujukan kegawatdaruratan maternal", "rata-rata 95 menit", "rata-rata 20 menit"],
    reach: "lebih dari 6.400 kasus rujukan yang dikonsultasikan",
    sdgs: [3, 17],
    partners: "dinas kesehatan kabupaten/kota, puskesmas PONED, Ikatan Bidan Indonesia, dan penyedia layanan internet",
  },
  {
    agency: "KEM-006",
    group: "umum",
    category: "tata_kelola",
    title: "LEGAL-IN: Legalisasi Dokumen Daring dengan Tanda Tangan Elektronik",
    unit: "Kantor Wilayah Kementerian Hukum Jawa Tengah",
    innovators: "Dwi Haryanto, S.H., M.H.; Anisa Putri Lestari, S.Kom.",
    started: "2021-02-01",
    contactName: "Anisa Putri Lestari",
    contactEmail: "legalin@kanwil-jateng.test",
    problem:
      "pemohon legalisasi dokumen untuk keperluan luar negeri harus datang sendiri ke kantor wilayah dan menunggu tanda tangan pejabat yang sering bertugas di luar kantor",
    idea: "permohonan, pembayaran, dan tanda tangan elektronik tersertifikasi dilakukan sepenuhnya secara daring, lalu keaslian dokumen dapat diperiksa melalui kode QR",
    users: "pekerja migran, pelajar, dan pelaku usaha yang membutuhkan legalisasi",
    metric: ["waktu penyelesaian legalisasi", "3 sampai 5 hari kerja", "kurang dari 1 hari kerja"],
    reach: "sekitar 18.700 dokumen setiap tahun",
    sdgs: [16, 8],
    partners: "Balai Sertifikasi Elektronik, Kementerian Luar Negeri, bank persepsi, dan asosiasi notaris",
  },
  {
    agency: "KEM-005",
    group: "umum",
    category: "transformasi_digital",
    title: "PUSAKA Nikah: Pendaftaran dan Bimbingan Perkawinan Daring di KUA",
    unit: "Kantor Kementerian Agama Kabupaten Lombok Timur",
    innovators: "H. Lalu Muhammad Zaini, S.Ag.; Baiq Nurhayati, S.Kom.",
    started: "2019-11-04",
    contactName: "Baiq Nurhayati",
    contactEmail: "pusakanikah@kemenag-lotim.test",
    problem:
      "calon pengantin harus berkali-kali datang ke KUA untuk menyerahkan berkas, menjadwalkan bimbingan perkawinan, dan menanyakan jadwal akad",
    idea: "calon pengantin mengunggah berkas, memilih jadwal bimbingan, dan menerima kepastian jadwal akad melalui satu aplikasi yang terhubung dengan data kependudukan",
    users: "calon pengantin di 21 kecamatan",
    metric: ["jumlah kunjungan ke KUA untuk satu pendaftaran nikah", "3 sampai 4 kali", "1 kali"],
    reach: "lebih dari 31.000 pasangan",
    sdgs: [5, 16],
    partners: "Dinas Dukcapil, puskesmas untuk pemeriksaan kesehatan pranikah, penyuluh agama, dan organisasi kemasyarakatan Islam",
  },
  {
    agency: "KEM-028",
    group: "umum",
    category: "perlindungan_sosial",
    title: "Loket Prioritas dan Layanan Antar Sertipikat bagi Lansia dan Penyandang Disabilitas",
    unit: "Kantor Pertanahan Kota Semarang",
    innovators: "Ir. Bambang Setyo Utomo; Retno Wulandari, S.Si.T.",
    started: "2021-06-14",
    contactName: "Retno Wulandari",
    contactEmail: "loketprioritas@atrbpn-semarang.test",
    problem:
      "pemohon lanjut usia dan penyandang disabilitas harus mengantre bersama pemohon lain di lantai dua kantor yang tidak ramah kursi roda",
    idea: "kantor pertanahan menyediakan loket prioritas di lantai dasar, pendamping berkas, dan layanan antar sertipikat ke rumah pemohon yang tidak dapat datang",
    users: "pemohon lanjut usia dan penyandang disabilitas",
    metric: ["waktu tunggu di loket", "rata-rata 2,5 jam", "rata-rata 25 menit"],
    reach: "2.850 pemohon prioritas",
    sdgs: [10, 16],
    partners: "organisasi penyandang disabilitas, kelurahan, PT Pos Indonesia, dan relawan mahasiswa",
  },
  {
    agency: "KEM-015",
    group: "umum",
    category: "ekonomi_umkm",
    title: "VOKASI PURNA: Pelatihan Vokasi Jemput Bola bagi Pekerja Migran Purna",
    unit: "Balai Besar Pelatihan Vokasi dan Produktivitas Semarang",
    innovators: "Drs. Sugeng Riyadi; Fitri Handayani, S.T.",
    started: "2020-10-05",
    contactName: "Fitri Handayani",
    contactEmail: "vokasipurna@bbpvp-semarang.test",
    problem:
      "pekerja migran yang kembali ke kampung halaman sulit mengikuti pelatihan karena lokasi balai jauh dan jadwalnya bertabrakan dengan musim tanam",
    idea: "instruktur balai membawa unit pelatihan keliling ke desa kantong pekerja migran dan menyesuaikan jadwal dengan kalender kegiatan warga",
    users: "pekerja migran purna dan keluarganya",
    metric: ["persentase peserta yang memulai usaha dalam enam bulan", "18 persen", "46 persen"],
    reach: "3.200 peserta di 64 desa",
    sdgs: [8, 1],
    partners: "BP2MI, pemerintah desa, koperasi simpan pinjam, dan bank penyalur KUR",
  },
  {
    agency: "LEM-001",
    group: "umum",
    category: "tata_kelola",
    title: "SIMALAM: Layanan SIM Keliling Malam Hari di Ruang Publik",
    unit: "Direktorat Lalu Lintas Polda Jawa Timur",
    innovators: "AKBP Hendro Prasetyo, S.I.K.; Ipda Lusiana Dewi",
    started: "2019-03-11",
    contactName: "Ipda Lusiana Dewi",
    contactEmail: "simalam@lantas-jatim.test",
    problem:
      "pekerja dengan jam kerja siang tidak dapat memperpanjang SIM tanpa meninggalkan pekerjaan, sehingga banyak SIM terlambat diperpanjang",
    idea: "unit SIM keliling melayani perpanjangan SIM pukul 18.00 sampai 22.00 di taman kota, pusat perbelanjaan, dan kawasan industri",
    users: "pekerja sektor formal dan informal",
    metric: ["jumlah SIM yang terlambat diperpanjang setiap bulan", "sekitar 4.100", "sekitar 1.300"],
    reach: "lebih dari 210.000 perpanjangan SIM",
    sdgs: [16, 11],
    partners: "pengelola pusat perbelanjaan, pemerintah kota, pengelola kawasan industri, dan bank untuk pembayaran nontunai",
  },
  {
    agency: "LEM-007",
    group: "umum",
    category: "pendidikan",
    title: "Pojok Statistik Kampus: Layanan Data dan Konsultasi Statistik di Perguruan Tinggi",
    unit: "BPS Provinsi Daerah Istimewa Yogyakarta",
    innovators: "Dr. Herum Fajarwati, M.Si.; Galih Saputro, S.S.T.",
    started: "2021-09-01",
    contactName: "Galih Saputro",
    contactEmail: "pojokstatistik@bps-diy.test",
    problem:
      "mahasiswa dan dosen yang membutuhkan data resmi harus datang ke kantor BPS atau mengirim surat permohonan yang dijawab berhari-hari",
    idea: "BPS membuka pojok layanan di perpustakaan kampus yang dijaga duta statistik mahasiswa terlatih dan terhubung langsung dengan petugas konsultasi",
    users: "mahasiswa, dosen, dan peneliti",
    metric: ["waktu pemenuhan permintaan data", "rata-rata 4 hari", "rata-rata 1 hari"],
    reach: "11 perguruan tinggi dan lebih dari 9.500 konsultasi",
    sdgs: [4, 17],
    partners: "perguruan tinggi negeri dan swasta, perpustakaan kampus, Forum Masyarakat Statistik, dan dinas komunikasi dan informatika",
  },
  {
    agency: "LEM-009",
    group: "umum",
    category: "ekonomi_umkm",
    title: "PIKAT: Pendampingan Izin Edar Pangan Olahan UMKM Terpadu",
    unit: "Balai Besar POM di Makassar",
    innovators: "Dra. Andi Nurhaedah, Apt.; Muhammad Risal, S.Farm.",
    started: "2020-02-03",
    contactName: "Muhammad Risal",
    contactEmail: "pikat@pom-makassar.test",
    problem:
      "pelaku usaha mikro pangan olahan tidak memahami persyaratan izin edar sehingga permohonan berulang kali dikembalikan dan produk sulit masuk ritel modern",
    idea: "petugas balai mendampingi UMKM mulai dari perbaikan sarana produksi, penyusunan label, hingga pengajuan izin edar dalam satu paket kelas dan kunjungan lapangan",
    users: "UMKM pangan olahan",
    metric: ["persentase permohonan izin edar yang dikembalikan", "62 persen", "14 persen"],
    reach: "1.180 UMKM di 24 kabupaten/kota",
    sdgs: [8, 3],
    partners: "dinas koperasi dan UMKM, dinas kesehatan, pengelola ritel modern, dan perguruan tinggi bidang teknologi pangan",
  },
  {
    agency: "LEM-026",
    group: "umum",
    category: "pelayanan_kesehatan",
    title: "Antrean Daring Terintegrasi Fasilitas Kesehatan melalui Mobile JKN",
    unit: "BPJS Kesehatan Kantor Cabang Bandung",
    innovators: "dr. Yuliana Sari, M.K.M.; Rizky Ramadhan, S.Kom.",
    started: "2021-01-18",
    contactName: "Rizky Ramadhan",
    contactEmail: "antreanjkn@bpjs-bandung.test",
    problem:
      "peserta JKN datang ke puskesmas dan rumah sakit sejak subuh untuk mengambil nomor antrean, padahal jadwal dokter baru dimulai siang hari",
    idea: "peserta mengambil nomor antrean dan melihat perkiraan jam dilayani dari rumah, sementara sistem antrean fasilitas kesehatan terhubung langsung dengan data kepesertaan",
    users: "peserta JKN",
    metric: ["waktu tunggu di fasilitas kesehatan", "rata-rata 3 jam", "rata-rata 55 menit"],
    reach: "312 fasilitas kesehatan dan lebih dari 1,2 juta antrean daring",
    sdgs: [3, 9],
    partners: "dinas kesehatan, asosiasi rumah sakit, puskesmas, dan pengembang sistem informasi rumah sakit",
  },
  {
    agency: "LEM-011",
    group: "umum",
    category: "lingkungan_iklim",
    title: "SIPENDIL: Sistem Peringatan Dini Longsor Berbasis Komunitas",
    unit: "Pusat Data, Informasi, dan Komunikasi Kebencanaan BNPB",
    innovators: "Dr. Agus Wibowo, M.Sc.; Nurul Hidayah, S.T.",
    started: "2019-12-02",
    contactName: "Nurul Hidayah",
    contactEmail: "sipendil@bnpb.test",
    problem:
      "warga di lereng rawan longsor baru mengetahui bahaya ketika retakan tanah sudah melebar dan tidak ada lagi waktu untuk mengungsi",
    idea: "sensor kemiringan tanah dan penakar hujan sederhana dipasang di lereng, lalu peringatan dikirim ke pengeras suara masjid dan grup pesan warga yang dikelola relawan desa",
    users: "warga desa rawan longsor",
    metric: ["waktu peringatan sebelum longsor", "tidak ada peringatan", "2 sampai 6 jam"],
    reach: "87 desa di 9 provinsi",
    sdgs: [11, 13],
    partners: "BPBD provinsi dan kabupaten, perguruan tinggi, relawan desa tangguh bencana, dan operator seluler",
  },
  {
    agency: "PROV-35",
    group: "umum",
    category: "transformasi_digital",
    title: "e-Samsat Desa: Bayar Pajak Kendaraan Bermotor di BUMDes",
    unit: "Badan Pendapatan Daerah Provinsi Jawa Timur",
    innovators: "Drs. Boedi Prijo Soeprajitno, M.Si.; Rahmat Hidayat, S.E.",
    started: "2020-07-01",
    contactName: "Rahmat Hidayat",
    contactEmail: "esamsatdesa@bapenda-jatim.test",
    problem: "wajib pajak di desa harus menempuh perjalanan hingga dua jam ke kantor Samsat untuk membayar pajak kendaraan tahunan",
    idea: "BUMDes menjadi loket pembayaran pajak kendaraan yang terhubung daring dengan sistem Samsat dan bank daerah",
    users: "wajib pajak kendaraan di perdesaan",
    metric: ["jarak tempuh rata-rata ke titik pembayaran", "27 kilometer", "kurang dari 3 kilometer"],
    reach: "1.460 BUMDes dan 2,3 juta transaksi",
    sdgs: [16, 8],
    partners: "Ditlantas Polda Jawa Timur, Jasa Raharja, Bank Jatim, dan BUMDes",
  },
  {
    agency: "PROV-32",
    group: "umum",
    category: "pendidikan",
    title: "SAKOLA JEMPOL: Sekolah Terbuka Jemput Bola bagi Anak Putus Sekolah",
    unit: "Dinas Pendidikan Provinsi Jawa Barat",
    innovators: "Dr. Wahyu Mijaya, S.H., M.Si.; Neng Siti Rohmah, M.Pd.",
    started: "2020-01-13",
    contactName: "Neng Siti Rohmah",
    contactEmail: "sakolajempol@disdik-jabar.test",
    problem:
      "ribuan remaja usia SMA di daerah perbukitan putus sekolah karena harus bekerja membantu orang tua dan jarak ke sekolah terlalu jauh",
    idea: "guru pamong mendatangi kelompok belajar di desa, sementara siswa belajar dengan modul daring dan luring yang jadwalnya menyesuaikan waktu kerja mereka",
    users: "anak putus sekolah usia 16 sampai 21 tahun",
    metric: ["angka putus sekolah jenjang SMA di wilayah sasaran", "3,1 persen", "1,2 persen"],
    reach: "7.900 siswa di 112 tempat kegiatan belajar",
    sdgs: [4, 10],
    partners: "SMA induk, pemerintah desa, pesantren, dan perusahaan penyedia beasiswa",
  },
  {
    agency: "PROV-61",
    group: "umum",
    category: "pelayanan_kesehatan",
    title: "Ambulans Sungai untuk Rujukan Ibu dan Anak di Desa Pesisir",
    unit: "Dinas Kesehatan Provinsi Kalimantan Barat",
    innovators: "dr. Harisson, M.Kes.; Bdn. Yuliani Safitri, S.Tr.Keb.",
    started: "2019-05-20",
    contactName: "Yuliani Safitri",
    contactEmail: "ambulanssungai@dinkes-kalbar.test",
    problem:
      "ibu hamil dan anak sakit dari desa di sepanjang sungai harus menyewa perahu sendiri untuk dirujuk, sehingga rujukan sering tertunda karena biaya",
    idea: "speedboat ambulans dengan bidan pendamping siaga di puskesmas terapung dan dapat dipanggil melalui nomor darurat yang terhubung ke rumah sakit rujukan",
    users: "ibu hamil, bayi, dan anak balita di desa-desa aliran sungai",
    metric: ["waktu tempuh rujukan dari desa ke rumah sakit", "5 sampai 8 jam", "1,5 sampai 3 jam"],
    reach: "46 desa di 5 kabupaten",
    sdgs: [3, 10],
    partners: "dinas kesehatan kabupaten, RSUD, TNI Angkatan Laut, dan pemerintah desa",
  },
  {
    agency: "PROV-73",
    group: "umum",
    category: "ketahanan_pangan",
    title: "PASTI SULSEL: Pasar Tani Digital Sulawesi Selatan",
    unit: "Dinas Tanaman Pangan, Hortikultura, dan Perkebunan Provinsi Sulawesi Selatan",
    innovators: "Ir. Andi Ardin Tjatjo, M.P.; Sitti Rahmawati, S.P.",
    started: "2020-09-07",
    contactName: "Sitti Rahmawati",
    contactEmail: "pastisulsel@distan-sulsel.test",
    problem: "petani menjual hasil panen kepada tengkulak dengan harga rendah, sementara harga di tingkat konsumen kota tetap tinggi",
    idea: "kelompok tani menjual langsung melalui lapak daring yang dikelola dinas, dengan titik kumpul di kecamatan dan pengiriman bersama ke pasar kota",
    users: "kelompok tani dan konsumen perkotaan",
    metric: ["selisih harga petani dan konsumen untuk cabai dan bawang merah", "sekitar 45 persen", "sekitar 20 persen"],
    reach: "612 kelompok tani",
    sdgs: [2, 8],
    partners: "Bank Sulselbar, koperasi tani, perusahaan logistik, dan penyuluh pertanian",
  },
  {
    agency: "PROV-51",
    group: "umum",
    category: "lingkungan_iklim",
    title: "TEBA MODERN: Pengelolaan Sampah Berbasis Sumber di Desa Adat",
    unit: "Dinas Kehutanan dan Lingkungan Hidup Provinsi Bali",
    innovators: "I Made Teja, S.Hut., M.Si.; Ni Luh Putu Ayu Sriasih, S.T.",
    started: "2019-04-22",
    contactName: "Ni Luh Putu Ayu Sriasih",
    contactEmail: "tebamodern@dklh-bali.test",
    problem: "sampah organik rumah tangga dan sisa upacara adat menumpuk di tempat pembuangan akhir yang sudah melebihi kapasitas",
    idea: "setiap rumah tangga di desa adat mengolah sampah organik di lubang teba modern, sementara sampah anorganik dipilah dan disetor ke bank sampah banjar",
    users: "krama desa adat",
    metric: ["volume sampah desa yang dibuang ke TPA", "sekitar 9 ton per hari", "sekitar 3,5 ton per hari"],
    reach: "214 desa adat",
    sdgs: [12, 13],
    partners: "Majelis Desa Adat, bank sampah, sekolah, dan pelaku usaha pariwisata",
  },
  {
    agency: "PROV-34",
    group: "umum",
    category: "perlindungan_sosial",
    title: "Jogja Inklusi: Layanan Informasi Disabilitas Terpadu",
    unit: "Dinas Sosial Daerah Istimewa Yogyakarta",
    innovators: "Endang Patmintarsih, S.H., M.Si.; Bima Aditya Nugraha, S.Sos.",
    started: "2021-03-03",
    contactName: "Bima Aditya Nugraha",
    contactEmail: "jogjainklusi@dinsos-diy.test",
    problem:
      "penyandang disabilitas dan keluarganya tidak mengetahui bantuan, alat bantu, dan layanan rehabilitasi yang tersedia karena informasinya tersebar di banyak instansi",
    idea: "satu pusat layanan melalui telepon, panggilan video berbahasa isyarat, dan kunjungan rumah menghubungkan penyandang disabilitas dengan seluruh program pemerintah dan mitra",
    users: "penyandang disabilitas dan keluarganya",
    metric: ["waktu rata-rata memperoleh alat bantu", "sekitar 7 bulan", "sekitar 6 minggu"],
    reach: "4.300 penyandang disabilitas",
    sdgs: [10, 1],
    partners: "organisasi penyandang disabilitas, rumah sakit, BAZNAS, dan perguruan tinggi",
  },
  {
    agency: "KAB-35.10",
    group: "khusus",
    category: "transformasi_digital",
    title: "Smart Kampung: Layanan Administrasi Terpadu di Kantor Desa",
    unit: "Dinas Komunikasi, Informatika dan Persandian Kabupaten Banyuwangi",
    innovators: "Budi Santoso, S.Kom., M.T.; Dewi Anggraini, S.Sos.; Teguh Wijaya, A.Md.",
    started: "2016-03-01",
    contactName: "Dewi Anggraini",
    contactEmail: "smartkampung@banyuwangikab.test",
    problem: "warga desa harus datang ke kantor kecamatan dan kantor dinas di kota untuk mengurus dokumen kependudukan dan surat keterangan",
    idea: "kantor desa terhubung serat optik dan aplikasi layanan terpadu sehingga warga mengurus dokumen kependudukan, perizinan ringan, dan surat keterangan di desanya sendiri",
    users: "warga desa",
    metric: ["waktu pengurusan dokumen kependudukan", "7 sampai 14 hari", "1 sampai 2 hari"],
    reach: "189 desa",
    sdgs: [16, 9],
    partners: "Dinas Dukcapil, perusahaan telekomunikasi, pemerintah desa, dan karang taruna",
    award: "Top 40 Inovasi Pelayanan Publik KIPP 2017",
    renewal:
      "layanan kini juga mencakup pengajuan bantuan sosial, konsultasi kesehatan jarak jauh, dan lapak daring bagi produk UMKM desa",
    replicatedBy: "Kabupaten Lumajang, Kabupaten Situbondo, dan Kota Denpasar",
  },
  {
    agency: "KAB-33.02",
    group: "umum",
    category: "perlindungan_sosial",
    title: "Jemput Bola Akta Kelahiran di Puskesmas",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyumas",
    innovators: "Drs. Agus Nur Hadie, M.Si.; Tri Wahyuni, S.Kom.",
    started: "2019-07-15",
    contactName: "Tri Wahyuni",
    contactEmail: "jemputbola@dindukcapil-banyumas.test",
    problem: "banyak orang tua menunda pengurusan akta kelahiran karena harus datang ke kantor dinas di Purwokerto dan menunggu hingga dua minggu",
    idea: "petugas dinas bersama operator puskesmas menerbitkan akta kelahiran, kartu identitas anak, dan kartu keluarga baru sebelum ibu dan bayi pulang",
    users: "keluarga bayi baru lahir",
    metric: ["cakupan kepemilikan akta kelahiran anak", "86 persen", "98,7 persen"],
    reach: "lebih dari 52.000 bayi",
    sdgs: [16, 10],
    partners: "Dinas Kesehatan, rumah sakit umum dan swasta, bidan praktik mandiri, dan kantor pos",
  },
  {
    agency: "KAB-34.04",
    group: "umum",
    category: "ketahanan_pangan",
    title: "LUMBUNG DIGI: Lumbung Pangan Digital Kalurahan",
    unit: "Dinas Pertanian, Pangan, dan Perikanan Kabupaten Sleman",
    innovators: "Ir. Suparmono, M.M.; Wulan Sari Ningrum, S.TP.",
    started: "2020-11-02",
    contactName: "Wulan Sari Ningrum",
    contactEmail: "lumbungdigi@slemankab.test",
    problem: "cadangan pangan di kalurahan tidak tercatat dengan baik sehingga saat gagal panen dan pandemi bantuan pangan datang terlambat",
    idea: "setiap lumbung kalurahan mencatat stok gabah, beras, dan pangan lokal dalam aplikasi yang memberi peringatan dini ketika cadangan menipis",
    users: "rumah tangga rawan pangan",
    metric: ["waktu penyaluran cadangan pangan saat darurat", "sekitar 10 hari", "2 hari"],
    reach: "86 kalurahan",
    sdgs: [2, 1],
    partners: "kelompok wanita tani, Perum Bulog, penggilingan padi, dan perguruan tinggi",
  },
  {
    agency: "KAB-51.03",
    group: "umum",
    category: "pelayanan_kesehatan",
    title: "KRAMA SEHAT: Layanan Kesehatan Lansia di Rumah",
    unit: "Dinas Kesehatan Kabupaten Badung",
    innovators: "dr. I Nyoman Gunarta, M.P.H.; Ns. Ni Made Sukerti, S.Kep.",
    started: "2018-09-03",
    contactName: "Ni Made Sukerti",
    contactEmail: "kramasehat@badungkab.test",
    problem: "lansia dengan penyakit kronis sering tidak kontrol ke puskesmas karena tidak ada anggota keluarga yang dapat mengantar",
    idea: "tim dokter, perawat, dan petugas farmasi puskesmas mengunjungi lansia terdaftar secara terjadwal dan memantau kondisinya melalui kader banjar",
    users: "lansia dengan penyakit kronis",
    metric: ["persentase lansia hipertensi yang kontrol rutin", "34 persen", "81 persen"],
    reach: "12.600 lansia",
    sdgs: [3, 10],
    partners: "banjar adat, kader posyandu lansia, rumah sakit daerah, dan BPJS Kesehatan",
  },
  {
    agency: "KAB-61.12",
    group: "umum",
    category: "lingkungan_iklim",
    title: "Sekolah Lapang Gambut untuk Petani Tanpa Bakar",
    unit: "Dinas Pertanian, Tanaman Pangan dan Hortikultura Kabupaten Kubu Raya",
    innovators: "Ir. Muhammad Mursyid; Hendri Kurniawan, S.P.",
    started: "2019-06-10",
    contactName: "Hendri Kurniawan",
    contactEmail: "sekolahgambut@kuburayakab.test",
    problem: "petani membuka lahan gambut dengan cara membakar sehingga kebakaran lahan dan kabut asap berulang setiap musim kemarau",
    idea: "petani belajar bersama di lahan percontohan cara menyiapkan lahan tanpa bakar, membuat pupuk hayati, dan menjaga tinggi muka air gambut",
    users: "petani di desa gambut",
    metric: ["titik panas di desa peserta pada musim kemarau", "rata-rata 143 titik", "rata-rata 19 titik"],
    reach: "2.100 petani di 38 desa",
    sdgs: [13, 15],
    partners: "Manggala Agni, perguruan tinggi, lembaga swadaya masyarakat, dan perusahaan perkebunan",
  },
  {
    agency: "KAB-32.04",
    group: "umum",
    category: "tata_kelola",
    title: "SABILULUNGAN Siaga: Kanal Pengaduan Layanan Publik 24 Jam",
    unit: "Dinas Komunikasi, Informatika dan Statistik Kabupaten Bandung",
    innovators: "Yosep Nugraha, S.Kom., M.M.; Rina Marlina, S.I.Kom.",
    started: "2019-02-11",
    contactName: "Rina Marlina",
    contactEmail: "siaga@bandungkab.test",
    problem: "pengaduan warga tersebar di media sosial, surat, dan kotak saran tanpa kepastian siapa yang menindaklanjuti",
    idea: "seluruh kanal pengaduan disatukan dalam satu dasbor, setiap aduan diberi nomor tiket dan tenggat penyelesaian, dan perangkat daerah wajib menjawab secara terbuka",
    users: "warga Kabupaten Bandung",
    metric: ["persentase aduan yang selesai dalam lima hari kerja", "31 persen", "89 persen"],
    reach: "lebih dari 64.000 aduan",
    sdgs: [16, 17],
    partners: "seluruh perangkat daerah, kecamatan, Ombudsman Perwakilan Jawa Barat, dan media lokal",
  },
  {
    agency: "KAB-35.15",
    group: "umum",
    category: "ekonomi_umkm",
    title: "e-Retribusi Pasar Berbasis QRIS",
    unit: "Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo",
    innovators: "Dr. Widiyantoro Basuki, S.H., M.H.; Febri Santoso, S.E.",
    started: "2020-03-02",
    contactName: "Febri Santoso",
    contactEmail: "eretribusi@sidoarjokab.test",
    problem: "retribusi pasar ditarik tunai oleh juru pungut dengan karcis kertas sehingga rawan kebocoran dan pedagang tidak punya catatan pembayaran",
    idea: "pedagang membayar retribusi harian dengan memindai kode QRIS di lapaknya, dan setiap pembayaran langsung masuk ke kas daerah dengan bukti elektronik",
    users: "pedagang pasar tradisional",
    metric: ["realisasi pendapatan retribusi pasar per tahun", "Rp3,1 miliar", "Rp5,4 miliar"],
    reach: "9.800 pedagang di 21 pasar",
    sdgs: [8, 16],
    partners: "Bank Indonesia, bank daerah, paguyuban pedagang pasar, dan penyedia dompet digital",
  },
  {
    agency: "KAB-61.01",
    group: "umum",
    category: "pendidikan",
    title: "Perahu Pustaka: Perpustakaan Keliling Sungai untuk Anak Desa",
    unit: "Dinas Perpustakaan dan Kearsipan Kabupaten Sambas",
    innovators: "Uray Hendri, S.Sos.; Rahmi Yanti, S.IP.",
    started: "2019-08-19",
    contactName: "Rahmi Yanti",
    contactEmail: "perahupustaka@sambaskab.test",
    problem: "anak-anak di desa sepanjang sungai tidak memiliki akses ke buku bacaan karena perpustakaan hanya ada di ibu kota kabupaten",
    idea: "perahu bermotor yang dimodifikasi menjadi perpustakaan singgah di dermaga desa setiap dua pekan dengan kegiatan membaca bersama dan pinjam buku",
    users: "anak usia sekolah di desa tepian sungai",
    metric: ["jumlah peminjaman buku per tahun di desa sasaran", "sekitar 600 eksemplar", "sekitar 14.000 eksemplar"],
    reach: "58 desa",
    sdgs: [4, 10],
    partners: "Perpustakaan Nasional, sekolah, komunitas literasi, dan pemerintah desa",
  },
  {
    agency: "KOTA-35.78",
    group: "khusus",
    category: "pelayanan_kesehatan",
    title: "e-Health Surabaya: Pendaftaran Puskesmas dan Rujukan Daring",
    unit: "Dinas Kesehatan Kota Surabaya",
    innovators: "drg. Febria Rachmanita, M.A.; Arief Budiman, S.Kom.; Ns. Lilik Suryani",
    started: "2015-10-01",
    contactName: "Arief Budiman",
    contactEmail: "ehealth@surabaya.test",
    problem: "pasien mengantre sejak dini hari di puskesmas dan rumah sakit, lalu harus kembali lagi untuk mengurus surat rujukan",
    idea: "pasien mendaftar ke puskesmas dan rumah sakit dari rumah atau melalui anjungan mandiri, dan rujukan dikirim secara elektronik antar-fasilitas",
    users: "warga Kota Surabaya",
    metric: ["waktu tunggu pendaftaran di puskesmas", "rata-rata 75 menit", "rata-rata 10 menit"],
    reach: "63 puskesmas dan 3 rumah sakit daerah",
    sdgs: [3, 9],
    partners: "rumah sakit swasta, BPJS Kesehatan, perguruan tinggi kedokteran, dan kader kesehatan kampung",
    award: "Top 40 Inovasi Pelayanan Publik KIPP 2016",
    renewal: "layanan telah terhubung dengan rekam medis elektronik, antrean farmasi, dan telekonsultasi dokter spesialis",
    replicatedBy: "Kota Madiun, Kabupaten Gresik, dan Kota Tarakan",
  },
  {
    agency: "KOTA-61.71",
    group: "umum",
    category: "pelayanan_kesehatan",
    title: "SIPEKA: Sistem Pengingat Kunjungan Antenatal Berbasis WhatsApp",
    unit: "UPT Puskesmas Alianyang",
    innovators: "dr. Maria Ulfa; Bdn. Eka Yulianti, S.Tr.Keb.",
    started: "2021-04-05",
    contactName: "dr. Maria Ulfa",
    contactEmail: "puskesmas.alianyang@pontianak.test",
    problem: "banyak ibu hamil melewatkan jadwal pemeriksaan kehamilan sehingga tanda bahaya terlambat diketahui",
    idea: "setiap ibu hamil yang terdaftar menerima pengingat jadwal periksa, edukasi tanda bahaya, dan kanal tanya jawab dengan bidan melalui WhatsApp",
    users: "ibu hamil di wilayah kerja puskesmas",
    metric: ["cakupan kunjungan antenatal keenam (K6)", "58 persen", "93 persen"],
    reach: "3.400 ibu hamil",
    sdgs: [3, 5],
    partners: "kader posyandu, kelurahan, organisasi profesi bidan, dan Dinas Kesehatan Kota Pontianak",
  },
  {
    agency: "KOTA-61.72",
    group: "umum",
    category: "ekonomi_umkm",
    title: "KLIMIK: Klinik Layanan Izin Usaha Mikro Keliling",
    unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Singkawang",
    innovators: "Sumastro, S.E., M.Si.; Lim Bun Hwa, S.Kom.",
    started: "2020-08-03",
    contactName: "Lim Bun Hwa",
    contactEmail: "klimik@singkawangkota.test",
    problem: "pelaku usaha mikro enggan mengurus Nomor Induk Berusaha karena menganggap prosesnya rumit dan harus datang ke kantor dinas",
    idea: "petugas DPMPTSP mendatangi pasar, kelurahan, dan festival kuliner untuk mendampingi pembuatan NIB dan sertifikasi halal secara langsung",
    users: "pelaku usaha mikro",
    metric: ["jumlah usaha mikro yang memiliki NIB", "1.150 usaha", "7.900 usaha"],
    reach: "seluruh 26 kelurahan",
    sdgs: [8, 10],
    partners: "dinas koperasi dan UMKM, Kementerian Agama, bank daerah, dan asosiasi pedagang",
  },
  {
    agency: "KOTA-32.73",
    group: "umum",
    category: "tata_kelola",
    title: "SIPANDU: Sistem Pelayanan Terpadu Kependudukan Satu Pintu",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung",
    innovators: "Tatang Muhtar, S.Sos., M.Si.; Gilang Permana, S.T.",
    started: "2019-01-07",
    contactName: "Gilang Permana",
    contactEmail: "sipandu@bandung.test",
    problem: "warga yang mengurus beberapa dokumen kependudukan sekaligus harus mengisi formulir dan mengantre berulang kali di loket yang berbeda",
    idea: "satu permohonan daring untuk seluruh dokumen kependudukan diproses berurutan di belakang layar, dan hasilnya dapat dicetak mandiri atau diantar ke kecamatan",
    users: "warga Kota Bandung",
    metric: ["jumlah loket yang didatangi untuk paket dokumen pindah datang", "4 loket", "1 loket"],
    reach: "lebih dari 420.000 permohonan",
    sdgs: [16, 11],
    partners: "kecamatan dan kelurahan, rumah sakit, pengadilan agama, dan PT Pos Indonesia",
  },
  {
    agency: "KOTA-33.74",
    group: "umum",
    category: "infrastruktur",
    title: "SIAGA ROB: Peringatan Dini Banjir Rob Berbasis Sensor Muka Air",
    unit: "Dinas Pekerjaan Umum Kota Semarang",
    innovators: "Ir. Suwarto, M.T.; Dimas Aryo Pamungkas, S.T.",
    started: "2020-12-01",
    contactName: "Dimas Aryo Pamungkas",
    contactEmail: "siagarob@semarangkota.test",
    problem:
      "warga pesisir utara kota tidak mendapat peringatan ketika air pasang dan hujan deras datang bersamaan, sehingga kerugian harta benda terus berulang",
    idea: "sensor muka air di saluran dan rumah pompa mengirim data setiap lima menit ke pusat kendali, yang menyalakan pompa lebih awal dan mengirim peringatan ke warga",
    users: "warga kawasan pesisir",
    metric: ["lama genangan rata-rata saat banjir rob", "sekitar 18 jam", "sekitar 5 jam"],
    reach: "27 kelurahan pesisir",
    sdgs: [11, 13],
    partners: "BPBD, BMKG, Balai Besar Wilayah Sungai, dan kelompok siaga bencana kelurahan",
  },
  {
    agency: "KOTA-73.71",
    group: "umum",
    category: "ketahanan_pangan",
    title: "Lorong Garden: Kebun Pangan Keluarga di Lorong Kota",
    unit: "Dinas Ketahanan Pangan Kota Makassar",
    innovators: "Ir. Andi Siswanta Attas; Nur Fadillah, S.P.",
    started: "2018-10-15",
    contactName: "Nur Fadillah",
    contactEmail: "loronggarden@makassarkota.test",
    problem:
      "keluarga berpenghasilan rendah di permukiman padat sangat bergantung pada pasar untuk kebutuhan sayur dan rentan terhadap kenaikan harga pangan",
    idea: "lorong-lorong sempit diubah menjadi kebun sayur vertikal dan kolam ikan kecil yang dikelola bersama warga dengan bibit dan pendampingan dari dinas",
    users: "keluarga di lorong permukiman padat",
    metric: ["pengeluaran sayur rumah tangga peserta per bulan", "sekitar Rp310.000", "sekitar Rp140.000"],
    reach: "1.050 lorong",
    sdgs: [2, 11],
    partners: "PKK, pengurus RT dan RW, perguruan tinggi pertanian, dan pelaku usaha kuliner",
  },
  {
    agency: "KOTA-51.71",
    group: "replikasi",
    category: "transformasi_digital",
    title: "Smart Banjar: Layanan Administrasi Kependudukan di Balai Banjar",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kota Denpasar",
    innovators: "Dewa Gede Juli Artabrata, S.Sos.; Kadek Ari Wibawa, S.Kom.",
    started: "2022-02-14",
    contactName: "Kadek Ari Wibawa",
    contactEmail: "smartbanjar@denpasarkota.test",
    problem: "warga harus ke kantor dinas atau kantor camat untuk mengurus dokumen kependudukan, padahal kegiatan sosial mereka berpusat di balai banjar",
    idea: "balai banjar dilengkapi perangkat dan operator terlatih sehingga warga dapat mengajukan dan mencetak dokumen kependudukan di lingkungan tempat tinggalnya",
    users: "krama banjar",
    metric: ["waktu pengurusan kartu keluarga", "5 hari kerja", "1 hari kerja"],
    reach: "180 banjar",
    sdgs: [16, 11],
    partners: "kelian banjar, kecamatan, perusahaan telekomunikasi, dan sekaa teruna",
    source: { platform: "Smart Kampung: Layanan Administrasi Terpadu di Kantor Desa" },
    adjust:
      "layanan dipusatkan di balai banjar, bukan di kantor desa, dan operatornya adalah pemuda banjar yang dilatih serta diberi akun terbatas oleh dinas",
  },
  {
    agency: "KOTA-34.71",
    group: "khusus",
    category: "transformasi_digital",
    title: "Jogja Smart Service: Satu Aplikasi untuk Semua Layanan Kota",
    unit: "Dinas Komunikasi, Informatika dan Persandian Kota Yogyakarta",
    innovators: "Tri Hastono, S.I.P., M.Si.; Ratih Kusumawardani, S.Kom.; Yoga Pratama, S.T.",
    started: "2017-05-02",
    contactName: "Ratih Kusumawardani",
    contactEmail: "jss@jogjakota.test",
    problem: "warga harus memasang banyak aplikasi dan mengingat banyak akun untuk mengakses layanan kota",
    idea: "satu akun dan satu aplikasi memuat layanan perizinan, kependudukan, pengaduan, pajak daerah, dan informasi publik kota",
    users: "warga Kota Yogyakarta",
    metric: ["jumlah layanan yang dapat diakses daring", "12 layanan", "146 layanan"],
    reach: "lebih dari 290.000 akun warga",
    sdgs: [16, 9],
    partners: "seluruh perangkat daerah, perguruan tinggi, komunitas pengembang lokal, dan bank daerah",
    award: "Top 99 Inovasi Pelayanan Publik KIPP 2019",
    renewal: "aplikasi kini dapat dipakai dengan nomor induk kependudukan tanpa kata sandi baru dan menyediakan mode mudah bagi lansia",
    replicatedBy: "Kabupaten Kulon Progo, Kota Magelang, dan Kabupaten Purworejo",
  },
  {
    agency: "KOTA-33.72",
    group: "replikasi",
    category: "tata_kelola",
    title: "ADM Kelurahan: Anjungan Dukcapil Mandiri di Kantor Kelurahan",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta",
    innovators: "Tamso, S.H., M.H.; Aprilia Kusuma Dewi, S.Kom.",
    started: "2022-08-01",
    contactName: "Aprilia Kusuma Dewi",
    contactEmail: "admkelurahan@surakarta.test",
    problem: "warga harus mengantre di kantor dinas hanya untuk mencetak dokumen yang sebenarnya sudah selesai diproses secara elektronik",
    idea: "mesin anjungan mandiri di kantor kelurahan mencetak KTP elektronik, kartu keluarga, dan akta dengan kertas khusus setelah warga memindai sidik jari",
    users: "warga Kota Surakarta",
    metric: ["antrean harian di kantor dinas", "sekitar 450 orang", "sekitar 120 orang"],
    reach: "27 kelurahan",
    sdgs: [16, 9],
    partners: "kelurahan, Direktorat Jenderal Dukcapil, penyedia perangkat anjungan, dan relawan pendamping lansia",
    source: {
      title: "Anjungan Dukcapil Mandiri (ADM)",
      agency: "Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri",
      year: 2021,
    },
    adjust: "anjungan ditempatkan di kelurahan, bukan hanya di kantor dinas, dan dilengkapi petugas pendamping bagi lansia dan penyandang disabilitas",
  },
  {
    agency: "KOTA-35.73",
    group: "umum",
    category: "pendidikan",
    title: "POCADI: Pojok Baca Digital di Taman Kota",
    unit: "Dinas Perpustakaan Umum dan Arsip Daerah Kota Malang",
    innovators: "Drs. Suwarjana, S.E., M.M.; Intan Permatasari, S.Hum.",
    started: "2020-06-08",
    contactName: "Intan Permatasari",
    contactEmail: "pocadi@malangkota.test",
    problem: "minat baca anak dan remaja rendah dan perpustakaan kota jarang dikunjungi karena lokasinya jauh dari ruang bermain",
    idea: "kode QR di taman kota menghubungkan pengunjung dengan ribuan buku elektronik gratis, dilengkapi rak buku fisik dan kegiatan mendongeng akhir pekan",
    users: "anak, remaja, dan keluarga pengunjung taman",
    metric: ["jumlah peminjaman buku elektronik per bulan", "sekitar 900", "sekitar 11.500"],
    reach: "19 taman kota",
    sdgs: [4, 11],
    partners: "komunitas literasi, penerbit lokal, perguruan tinggi, dan pengelola taman kota",
  },
  {
    agency: "BUMN-001",
    group: "umum",
    category: "infrastruktur",
    title: "Pasang Baru Listrik Tanpa Antre melalui PLN Mobile",
    unit: "PLN Unit Induk Distribusi Jawa Timur",
    innovators: "Ahmad Mustaqir; Wening Prastiwi, S.T.; Yudha Kurniawan, S.Kom.",
    started: "2021-05-03",
    contactName: "Wening Prastiwi",
    contactEmail: "pasangbaru@pln-uidjatim.test",
    problem: "calon pelanggan harus datang ke kantor layanan, mengisi formulir, dan menunggu survei lapangan yang jadwalnya tidak pasti",
    idea: "permohonan, pembayaran, dan penjadwalan survei dilakukan di aplikasi, lalu petugas lapangan menerima penugasan otomatis berdasarkan lokasi",
    users: "calon pelanggan rumah tangga dan usaha kecil",
    metric: ["waktu penyambungan pasang baru", "rata-rata 9 hari", "rata-rata 2 hari"],
    reach: "lebih dari 480.000 sambungan baru",
    sdgs: [7, 9],
    partners: "mitra instalatir, asosiasi pengembang perumahan, bank penyedia pembayaran, dan pemerintah daerah",
  },
  {
    agency: "BUMN-005",
    group: "umum",
    category: "perlindungan_sosial",
    title: "Pos Bansos Antar: Penyaluran Bantuan Sosial ke Rumah Lansia dan Disabilitas",
    unit: "PT Pos Indonesia Kantor Regional Semarang",
    innovators: "Haris Munandar; Siti Khotijah, S.E.",
    started: "2020-05-11",
    contactName: "Siti Khotijah",
    contactEmail: "bansosantar@posind-semarang.test",
    problem:
      "penerima bantuan sosial lanjut usia dan penyandang disabilitas kesulitan datang ke titik penyaluran dan sering diwakilkan tanpa kepastian bantuan sampai",
    idea: "petugas pos mengantar bantuan ke rumah penerima dan memverifikasi penerimaan dengan foto, lokasi, dan tanda tangan elektronik",
    users: "penerima bantuan sosial lanjut usia dan penyandang disabilitas",
    metric: ["persentase bantuan yang diterima langsung oleh penerima sah", "sekitar 82 persen", "99,4 persen"],
    reach: "186.000 keluarga penerima",
    sdgs: [1, 10],
    partners: "Kementerian Sosial, dinas sosial kabupaten/kota, pendamping PKH, dan pemerintah desa",
  },
  {
    agency: "BUMN-004",
    group: "umum",
    category: "transformasi_digital",
    title: "Face Gate: Boarding dengan Pengenalan Wajah di Stasiun",
    unit: "PT Kereta Api Indonesia Daerah Operasi 8 Surabaya",
    innovators: "Luqman Arif; Dian Novitasari, S.Kom.",
    started: "2022-09-01",
    contactName: "Dian Novitasari",
    contactEmail: "facegate@kai-daop8.test",
    problem: "antrean pemeriksaan tiket dan identitas di pintu boarding memanjang pada jam sibuk dan musim mudik",
    idea: "penumpang yang telah mendaftarkan wajahnya dapat melewati gerbang boarding tanpa menunjukkan tiket dan kartu identitas",
    users: "penumpang kereta api jarak jauh",
    metric: ["waktu boarding per penumpang", "sekitar 15 detik", "sekitar 2 detik"],
    reach: "lebih dari 3,6 juta penumpang",
    sdgs: [9, 11],
    partners: "Direktorat Jenderal Dukcapil, penyedia teknologi biometrik, Kementerian Perhubungan, dan komunitas pengguna kereta",
  },
  // --- the weak ones -------------------------------------------------------
  {
    agency: "KAB-33.18",
    group: "umum",
    category: "tata_kelola",
    title: "JAGA DESA: Aplikasi Pengaduan Penggunaan Dana Desa",
    unit: "Inspektorat Daerah Kabupaten Pati",
    innovators: "Drs. Sutarno, M.M.; Ayu Lestari, S.Kom.",
    started: "2024-09-02",
    contactName: "Ayu Lestari",
    contactEmail: "jagadesa@patikab.test",
    problem: "warga tidak tahu ke mana harus melapor ketika melihat kejanggalan penggunaan dana desa, sehingga masalah baru terungkap saat audit tahunan",
    idea: "warga melapor melalui aplikasi dengan foto dan lokasi, lalu inspektorat memverifikasi dan memberi tahu perkembangan penanganannya",
    users: "warga desa",
    metric: ["waktu tindak lanjut laporan", "lebih dari 60 hari", "sekitar 14 hari"],
    reach: "401 desa",
    sdgs: [16],
    partners: "Dinas Pemberdayaan Masyarakat dan Desa, camat, Badan Permusyawaratan Desa, dan kejaksaan negeri",
    weak: "too_young",
  },
  {
    agency: "KAB-32.05",
    group: "umum",
    category: "tata_kelola",
    title: "Layanan Informasi Publik Terpadu Kabupaten Garut",
    unit: "Dinas Komunikasi dan Informatika Kabupaten Garut",
    innovators: "Tim PPID Kabupaten Garut",
    started: "2020-02-03",
    contactName: "Asep Saepudin",
    contactEmail: "ppid@garutkab.test",
    problem: "",
    idea: "",
    users: "masyarakat",
    metric: ["", "", ""],
    reach: "",
    sdgs: [16],
    partners: "",
    weak: "filler",
  },
  {
    agency: "KAB-35.15",
    group: "umum",
    category: "ekonomi_umkm",
    title: "e-Retribusi Pasar Berbasis QRIS",
    unit: "UPT Pasar Larangan Kabupaten Sidoarjo",
    innovators: "Moch. Arifin, S.Sos.; Rudi Hartono",
    started: "2020-03-02",
    contactName: "Moch. Arifin",
    contactEmail: "upt.larangan@sidoarjokab.test",
    problem: "juru pungut menarik retribusi pasar secara tunai dengan karcis kertas sehingga setoran sulit dicocokkan dengan jumlah pedagang",
    idea: "setiap lapak di Pasar Larangan memiliki kode QRIS sendiri sehingga pembayaran retribusi harian tercatat otomatis dan dapat dipantau kepala UPT",
    users: "pedagang Pasar Larangan",
    metric: ["setoran retribusi harian Pasar Larangan", "sekitar Rp1,9 juta", "sekitar Rp3,2 juta"],
    reach: "1.240 pedagang",
    sdgs: [8, 16],
    partners: "bank daerah, paguyuban pedagang Pasar Larangan, dan Dinas Perindustrian dan Perdagangan",
    weak: "duplicate",
  },
];

/** The filler answers of the weak Garut proposal: placeholders and one-liners, each with words (so it could be submitted). */
export const FILLER_ANSWERS: Record<string, string> = {
  ringkasan: "Layanan informasi publik bagi masyarakat Kabupaten Garut.",
  ide_inovatif: "Lihat lampiran.",
  signifikansi: "Lihat lampiran.",
  kontribusi_tpb: "Tidak ada.",
  adaptabilitas: "Menyusul.",
  keberlanjutan: "Inovasi ini akan terus berjalan.",
  kolaborasi: "Belum ada.",
};

// ---------------------------------------------------------------------------
// Sivablik 2025: six submitted proposals and Pontianak's draft.

export const SIVABLIK_INNOVATIONS: Innovation[] = [
  {
    agency: "KOTA-61.72",
    group: "umum",
    category: "pelayanan_dasar",
    title: "SI CANTIK: Sistem Cek Antrean Puskesmas Kota Singkawang",
    unit: "Dinas Kesehatan dan Keluarga Berencana Kota Singkawang",
    innovators: "dr. Achmad Subhan; Theresia Liliana, S.Kom.",
    started: "2021-10-04",
    contactName: "Theresia Liliana",
    contactEmail: "sicantik@singkawangkota.test",
    problem: "pasien puskesmas datang pagi-pagi untuk mengambil nomor antrean dan menunggu berjam-jam di ruang tunggu yang sempit",
    idea: "warga mengecek dan mengambil nomor antrean puskesmas melalui tautan WhatsApp atau layar informasi di kelurahan, lalu datang mendekati jam dilayani",
    users: "pasien puskesmas",
    metric: ["waktu tunggu pasien di puskesmas", "rata-rata 2 jam", "rata-rata 35 menit"],
    reach: "6 puskesmas",
    sdgs: [3, 9],
    partners: "kelurahan, BPJS Kesehatan, Dinas Komunikasi dan Informatika, dan kader kesehatan",
  },
  {
    agency: "KOTA-61.72",
    group: "replikasi",
    category: "tata_kelola",
    title: "SIPANDU Singkawang: Pelayanan Terpadu Dokumen Kependudukan di Kecamatan",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kota Singkawang",
    innovators: "Mulyadi Qamal, S.Sos.; Veronika Yanti, A.Md.",
    started: "2023-07-03",
    contactName: "Veronika Yanti",
    contactEmail: "sipandu@singkawangkota.test",
    problem: "warga dari kecamatan terjauh harus menyeberang ke pusat kota dan mengantre di beberapa loket untuk satu paket dokumen kependudukan",
    idea: "satu permohonan untuk beberapa dokumen diajukan di kantor kecamatan, diproses berurutan oleh dinas, dan hasilnya dicetak di kecamatan yang sama",
    users: "warga kecamatan pinggiran",
    metric: ["jumlah kunjungan untuk satu paket dokumen", "3 kali", "1 kali"],
    reach: "5 kecamatan",
    sdgs: [16, 10],
    partners: "kecamatan, kelurahan, rumah sakit, dan pengadilan agama",
    source: { platform: "SIPANDU: Sistem Pelayanan Terpadu Kependudukan Satu Pintu" },
    adjust: "permohonan dilayani di kecamatan, bukan secara daring penuh, karena jaringan internet di kawasan pinggiran belum stabil",
  },
  {
    agency: "KAB-61.12",
    group: "umum",
    category: "tata_kelola",
    title: "AKTE BIDAN: Akta Kelahiran Langsung dari Bidan Desa",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kubu Raya",
    innovators: "Mahmudah, S.Sos., M.Si.; Bdn. Rosita, A.Md.Keb.",
    started: "2022-03-01",
    contactName: "Mahmudah",
    contactEmail: "aktebidan@kuburayakab.test",
    problem: "bayi yang lahir di desa terpencil jarang segera dibuatkan akta karena orang tuanya harus menempuh perjalanan air ke Sungai Raya",
    idea: "bidan desa mengirim data kelahiran melalui aplikasi, dinas menerbitkan akta elektronik, dan bidan menyerahkannya saat kunjungan nifas",
    users: "keluarga bayi baru lahir di desa terpencil",
    metric: ["bayi yang memiliki akta dalam 60 hari sejak lahir", "41 persen", "88 persen"],
    reach: "123 desa",
    sdgs: [16, 3],
    partners: "Dinas Kesehatan, Ikatan Bidan Indonesia, pemerintah desa, dan puskesmas",
  },
  {
    agency: "KAB-61.12",
    group: "umum",
    category: "ekonomi_kesejahteraan",
    title: "Kartu Tani Digital: Penyaluran Pupuk Bersubsidi Tepat Sasaran",
    unit: "Dinas Pertanian, Tanaman Pangan dan Hortikultura Kabupaten Kubu Raya",
    innovators: "Ir. Muhammad Mursyid; Siti Aminah, S.P.",
    started: "2021-11-15",
    contactName: "Siti Aminah",
    contactEmail: "kartutani@kuburayakab.test",
    problem: "pupuk bersubsidi sering habis di kios sebelum petani yang berhak menebusnya, sementara data penerima tidak diperbarui setiap musim",
    idea: "petani terdaftar menebus pupuk dengan kode di ponsel, kios mencatat penebusan secara daring, dan penyuluh memperbarui data luas tanam setiap musim",
    users: "petani padi dan jagung",
    metric: ["petani terdaftar yang berhasil menebus pupuk sesuai kuota", "57 persen", "91 persen"],
    reach: "14.800 petani",
    sdgs: [2, 1],
    partners: "kios pupuk lengkap, distributor, penyuluh pertanian lapangan, dan bank penyalur",
  },
  {
    agency: "OPD-61-DINKES",
    group: "umum",
    category: "pelayanan_dasar",
    title: "TELEPUSBA: Telemedisin Puskesmas Perbatasan",
    unit: "Bidang Pelayanan Kesehatan, Dinas Kesehatan Provinsi Kalimantan Barat",
    innovators: "dr. Erna Yulianti, M.Kes.; Yohanes Apui, S.Kom.",
    started: "2022-01-10",
    contactName: "Yohanes Apui",
    contactEmail: "telepusba@dinkes.kalbarprov.test",
    problem: "puskesmas di kecamatan perbatasan tidak memiliki dokter spesialis, dan pasien harus menempuh perjalanan sehari penuh ke rumah sakit provinsi",
    idea: "dokter puskesmas perbatasan berkonsultasi dengan dokter spesialis RSUD provinsi melalui telemedisin terjadwal, termasuk pembacaan EKG dan foto rontgen",
    users: "warga kecamatan perbatasan",
    metric: ["rujukan ke rumah sakit provinsi yang sebenarnya dapat ditangani di puskesmas", "sekitar 38 persen", "sekitar 12 persen"],
    reach: "17 puskesmas perbatasan",
    sdgs: [3, 10],
    partners: "RSUD dr. Soedarso, dinas kesehatan kabupaten, operator satelit, dan TNI penjaga perbatasan",
  },
  {
    agency: "OPD-61-DUKCAPIL",
    group: "umum",
    category: "digitalisasi",
    title: "SATU DATA KALBAR: Pemadanan Data Kependudukan untuk Bantuan Sosial",
    unit: "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat",
    innovators: "Drs. Hary Agung Tjahyadi, M.Si.; Ridwan Syahputra, S.Kom.",
    started: "2021-05-17",
    contactName: "Ridwan Syahputra",
    contactEmail: "satudata@dukcapil.kalbarprov.test",
    problem: "daftar penerima bantuan sosial provinsi memuat nama ganda, warga yang sudah meninggal, dan nomor kependudukan yang tidak valid",
    idea: "setiap daftar penerima dipadankan otomatis dengan data kependudukan sebelum bantuan disalurkan, dan kabupaten menerima laporan perbaikan per desa",
    users: "keluarga penerima bantuan sosial",
    metric: ["data penerima bantuan yang tidak valid", "sekitar 9 persen", "kurang dari 1 persen"],
    reach: "14 kabupaten/kota",
    sdgs: [1, 16],
    partners: "Dinas Sosial, dinas dukcapil kabupaten/kota, Bappeda, dan pendamping sosial",
  },
];

/** Pontianak's draft in Sivablik 2025 (Umum), begun by its innovator and half written. */
export const PONTIANAK_DRAFT: Innovation = {
  agency: "KOTA-61.71",
  group: "umum",
  category: "tata_kelola",
  title: "SI JEMPOL: Jemput Bola Dokumen Kependudukan ke Kelurahan",
  unit: "Dinas Kependudukan dan Pencatatan Sipil Kota Pontianak",
  innovators: "Yudi Pratama, S.Kom.; Nurhasanah, A.Md.",
  started: "2022-02-07",
  contactName: "Yudi Pratama",
  contactEmail: "inovator@pontianak.test",
  problem: "warga lanjut usia, penyandang disabilitas, dan pekerja harian sulit datang ke kantor dinas pada jam kerja untuk merekam dan mengambil dokumen kependudukan",
  idea: "mobil layanan dinas terjadwal singgah di kantor kelurahan dan rumah warga yang tidak dapat bepergian untuk perekaman KTP elektronik, perubahan kartu keluarga, dan penyerahan dokumen",
  users: "warga lanjut usia, penyandang disabilitas, dan pekerja harian",
  metric: ["perekaman KTP elektronik warga wajib KTP", "93 persen", "99,2 persen"],
  reach: "29 kelurahan",
  sdgs: [16, 10],
  partners: "kelurahan, ketua RT, organisasi penyandang disabilitas, dan puskesmas",
};

/** The sections Pontianak's draft has written so far (half of the Umum form). */
export const PONTIANAK_DRAFT_SECTIONS = ["ringkasan", "ide_inovatif", "signifikansi"] as const;

// ---------------------------------------------------------------------------
// Prose

const SDG: Record<number, { name: string; target: string }> = {
  1: { name: "Tanpa Kemiskinan", target: "1.3 tentang sistem perlindungan sosial yang tepat bagi semua" },
  2: { name: "Tanpa Kelaparan", target: "2.1 tentang akses semua orang terhadap pangan yang aman dan cukup" },
  3: { name: "Kehidupan Sehat dan Sejahtera", target: "3.8 tentang cakupan kesehatan semesta" },
  4: { name: "Pendidikan Berkualitas", target: "4.6 tentang kemampuan literasi dan numerasi" },
  5: { name: "Kesetaraan Gender", target: "5.6 tentang akses kesehatan reproduksi" },
  7: { name: "Energi Bersih dan Terjangkau", target: "7.1 tentang akses universal layanan energi modern" },
  8: { name: "Pekerjaan Layak dan Pertumbuhan Ekonomi", target: "8.3 tentang pertumbuhan usaha mikro, kecil, dan menengah" },
  9: { name: "Industri, Inovasi dan Infrastruktur", target: "9.c tentang akses teknologi informasi dan komunikasi" },
  10: { name: "Berkurangnya Kesenjangan", target: "10.2 tentang inklusi sosial, ekonomi, dan politik bagi semua" },
  11: { name: "Kota dan Permukiman yang Berkelanjutan", target: "11.5 tentang pengurangan dampak bencana" },
  12: { name: "Konsumsi dan Produksi yang Bertanggung Jawab", target: "12.5 tentang pengurangan timbulan sampah" },
  13: { name: "Penanganan Perubahan Iklim", target: "13.1 tentang ketahanan terhadap bencana terkait iklim" },
  15: { name: "Ekosistem Daratan", target: "15.3 tentang pemulihan lahan terdegradasi" },
  16: { name: "Perdamaian, Keadilan dan Kelembagaan yang Tangguh", target: "16.6 tentang lembaga yang efektif, akuntabel, dan transparan" },
  17: { name: "Kemitraan untuk Mencapai Tujuan", target: "17.17 tentang kemitraan publik, swasta, dan masyarakat sipil" },
};

const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

/** A small deterministic generator, so the demo reads the same every time. */
export function prng(seedText: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const comma = (n: number) => n.toFixed(1).replace(".", ",");

/** "SIPANDU: Sistem …" → "SIPANDU"; "Jemput Bola … (JEMBATAN)" → "JEMBATAN"; otherwise the title. */
export function shortName(title: string): string {
  const colon = title.indexOf(":");
  if (colon > 0) return title.slice(0, colon).trim();
  const paren = /\(([^)]+)\)\s*$/.exec(title);
  return paren ? paren[1] : title;
}

/** Who signs a decree or regulation for this agency. */
function authority(agencyName: string, cluster: string, unit: string): { decree: string; rule: string; budget: string } {
  const region = agencyName.replace(/^Pemerintah\s+/, "");
  if (cluster === "kabupaten") {
    const r = region.replace(/^Kabupaten\s+/, "");
    return { decree: `Keputusan Bupati ${r}`, rule: `Peraturan Bupati ${r}`, budget: "APBD kabupaten" };
  }
  if (cluster === "kota") {
    const r = region.replace(/^Kota\s+(Administrasi\s+)?/, "");
    return { decree: `Keputusan Wali Kota ${r}`, rule: `Peraturan Wali Kota ${r}`, budget: "APBD kota" };
  }
  if (cluster === "provinsi") {
    const r = region.replace(/^Provinsi\s+/, "");
    return { decree: `Keputusan Gubernur ${r}`, rule: `Peraturan Gubernur ${r}`, budget: "APBD provinsi" };
  }
  if (cluster === "opd") {
    return { decree: `Keputusan Kepala ${unit.split(",").pop()!.trim()}`, rule: "Peraturan Gubernur Kalimantan Barat", budget: "APBD provinsi" };
  }
  if (cluster === "bumn") {
    return { decree: `Keputusan Direksi ${agencyName}`, rule: `Peraturan Direksi ${agencyName}`, budget: "anggaran investasi dan operasional perusahaan" };
  }
  // Ministries and agencies: the head of the unit decides ("Direktur Utama RSUP …", "Direktur Lalu Lintas …", "Kepala Kantor …").
  const head = /^RSU/.test(unit)
    ? `Direktur Utama ${unit}`
    : /^Direktorat\s/.test(unit)
      ? unit.replace(/^Direktorat\s/, "Direktur ")
      : `Kepala ${unit}`;
  return { decree: `Keputusan ${head}`, rule: `Keputusan ${head}`, budget: "DIPA satuan kerja" };
}

export interface ProseContext {
  agencyName: string;
  cluster: string;
  /** The year the edition's registration closes (2025). */
  editionYear: number;
  /** "KIPP 2025" or "Sivablik 2025". */
  editionName: string;
  /** Title of the platform source when `source.platform` is set, with its agency name. */
  sourceAgencyName?: string;
}

export interface Written {
  answers: Record<string, string>;
  decree: string;
  phone: string;
  videoId: string;
}

const YT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The answers of every section of the innovation's group, plus the decree
 * naming the innovators, a phone number and a video id. Deterministic.
 */
export function writeProposal(inv: Innovation, ctx: ProseContext): Written {
  const r = prng(`${inv.agency}|${inv.title}|${inv.unit}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const short = shortName(inv.title);
  const startYear = Number(inv.started.slice(0, 4));
  const startMonth = MONTHS[Number(inv.started.slice(5, 7)) - 1];
  const years = ctx.editionYear - startYear;
  const auth = authority(ctx.agencyName, ctx.cluster, inv.unit);
  const [mLabel, mBefore, mAfter] = inv.metric;
  const ikm0 = 70 + Math.floor(r() * 10) + Math.floor(r() * 10) / 10;
  const ikm1 = Math.min(96.4, ikm0 + 6 + Math.floor(r() * 9) + Math.floor(r() * 10) / 10);
  const saving = pick(["35.000", "50.000", "75.000", "120.000", "150.000"]);
  const complaints0 = 120 + Math.floor(r() * 300);
  const complaints1 = Math.max(8, Math.floor(complaints0 * (0.12 + r() * 0.2)));
  const staff = 6 + Math.floor(r() * 30);
  const ruleNo = 10 + Math.floor(r() * 80);
  const ruleYear = Math.min(ctx.editionYear - 1, startYear + 1);
  const decreeNo = `${pick(["000.8", "100.3.3.2", "800.1.3", "188.4", "060"])}/${100 + Math.floor(r() * 800)}/${startYear}`;
  const phone = `08${pick(["11", "12", "13", "21", "52", "53", "57", "77"])}-${1000 + Math.floor(r() * 9000)}-${1000 + Math.floor(r() * 9000)}`;
  let videoId = "";
  for (let i = 0; i < 11; i++) videoId += YT[Math.floor(r() * 64)];
  const sdgMain = SDG[inv.sdgs[0]];
  const sdgOther = inv.sdgs.slice(1).map((n) => `TPB ${n} (${SDG[n].name})`);
  const decree = `${auth.decree} Nomor ${decreeNo} tentang Penetapan Tim Inovasi ${short}`;

  const ringkasan = pick([
    `${short} adalah inovasi ${inv.unit} yang menjawab masalah lama: ${inv.problem}. Melalui inovasi ini, ${inv.idea}. Sejak mulai diterapkan pada ${startMonth} ${startYear}, ${mLabel} yang semula ${mBefore} kini menjadi ${mAfter}. Layanan ini telah menjangkau ${inv.reach} dan terus diperluas.`,
    `Sebelum ${short} hadir, ${inv.problem}. ${inv.unit} kemudian merancang cara baru: ${inv.idea}. Hasilnya terukur, ${mLabel} berubah dari ${mBefore} menjadi ${mAfter}. Hingga pertengahan ${ctx.editionYear}, penerima manfaatnya mencapai ${inv.reach}.`,
    `Inovasi ${short} lahir dari keluhan ${inv.users} bahwa ${inv.problem}. Jawabannya sederhana namun berdampak: ${inv.idea}. Dalam ${years} tahun penerapan, ${mLabel} bergeser dari ${mBefore} menjadi ${mAfter}, dan ${inv.reach} telah merasakan manfaatnya.`,
  ]);

  const ideInovatif = [
    pick([
      `Cara pelayanan lama bertumpu pada kehadiran fisik pemohon dan berkas kertas. Akibatnya, ${inv.problem}.`,
      `Masalah yang kami hadapi bukan kekurangan niat melayani, melainkan alur yang tidak berpihak pada pengguna: ${inv.problem}.`,
      `Data pengaduan dan hasil survei kepuasan tahun ${startYear - 1} menunjukkan pola yang sama, yaitu ${inv.problem}.`,
    ]),
    pick([
      `Kebaruan ${short} terletak pada perubahan cara kerja, bukan sekadar penambahan aplikasi: ${inv.idea}.`,
      `Gagasan utamanya adalah membalik arah layanan. Kini ${inv.idea}.`,
      `${short} mengubah titik temu antara petugas dan ${inv.users}, karena ${inv.idea}.`,
    ]),
    pick([
      `Kami mempelajari praktik serupa di beberapa instansi lain; sebagian besar baru mendigitalkan formulir, sedangkan ${short} menata ulang alur layanan dari awal hingga akhir.`,
      `Dibandingkan layanan sejenis yang umumnya masih menunggu pemohon datang, inovasi ini menjemput kebutuhan ${inv.users} di tempat mereka berada.`,
      `Yang membedakannya dari layanan serupa adalah keterlibatan pengguna sejak perancangan; purwarupa pertama diuji bersama perwakilan ${inv.users} sebelum diterapkan luas.`,
    ]),
    pick([
      "Alur baru dibuat sesingkat mungkin: data cukup disampaikan satu kali, petugas memverifikasi pada hari yang sama, dan status layanan dapat dipantau melalui pesan singkat.",
      "Setiap langkah layanan kini memiliki standar waktu yang diumumkan, dan petugas yang melampauinya mendapat peringatan otomatis dari sistem pemantauan internal.",
      "Prosedur operasional standar disusun ulang sehingga jumlah langkah berkurang hampir separuhnya, sementara tanggung jawab setiap petugas menjadi jelas.",
    ]),
  ].join(" ");

  const signifikansi = [
    pick([
      `Dampak ${short} kami ukur dengan membandingkan data layanan sebelum dan sesudah penerapan.`,
      `Perubahan yang dihasilkan dapat dilihat dari data layanan yang dicatat setiap bulan sejak ${startYear}.`,
      "Kami memantau capaian inovasi melalui data administrasi layanan dan survei kepada penerima manfaat.",
    ]),
    `Indikator utamanya, ${mLabel}, semula ${mBefore} dan kini ${mAfter}.`,
    pick([
      `Survei kepuasan masyarakat yang dilakukan setiap semester menunjukkan indeks kepuasan naik dari ${comma(ikm0)} menjadi ${comma(ikm1)}.`,
      `Indeks kepuasan masyarakat pada unit ini meningkat dari ${comma(ikm0)} pada tahun sebelum inovasi menjadi ${comma(ikm1)} pada survei terakhir.`,
    ]),
    pick([
      `Bagi ${inv.users}, perubahan ini berarti berkurangnya biaya transportasi dan waktu kerja yang hilang; rata-rata penghematan yang dilaporkan responden sekitar Rp${saving} untuk setiap kali pengurusan.`,
      `Penghematan juga dirasakan langsung oleh ${inv.users}: responden survei memperkirakan biaya yang tidak lagi mereka keluarkan sekitar Rp${saving} setiap kali membutuhkan layanan.`,
    ]),
    pick([
      `Pengaduan terkait layanan ini turun dari ${complaints0} aduan pada tahun sebelum inovasi menjadi ${complaints1} aduan pada ${ctx.editionYear - 1}.`,
      `Jumlah aduan tentang layanan ini menurun tajam, dari ${complaints0} menjadi ${complaints1} aduan per tahun.`,
    ]),
    `Hingga kini inovasi ini telah menjangkau ${inv.reach}.`,
  ].join(" ");

  const kontribusiTpb = [
    `${short} berkontribusi langsung pada TPB ${inv.sdgs[0]} (${sdgMain.name}), khususnya target ${sdgMain.target}.`,
    sdgOther.length ? `Inovasi ini juga mendukung ${sdgOther.join(" dan ")}.` : "",
    pick([
      `Kontribusinya diukur melalui indikator ${mLabel} yang dilaporkan setiap triwulan dan dimuat dalam laporan pencapaian TPB daerah.`,
      `Capaian indikator ${mLabel} dilaporkan berkala kepada unit perencanaan sebagai bagian dari rencana aksi TPB.`,
    ]),
  ]
    .filter(Boolean)
    .join(" ");

  const adaptabilitas = [
    pick([
      `Komponen ${short} sederhana untuk ditiru. Prosedur operasional standar, formulir, dan panduan petugas kami bagikan tanpa biaya kepada instansi yang berminat.`,
      `Sejak ${startYear + 1}, kami menerima kunjungan belajar dari berbagai instansi yang ingin menerapkan pendekatan serupa.`,
      "Inovasi ini dirancang agar dapat diterapkan di tempat lain tanpa bergantung pada perangkat lunak berbayar.",
    ]),
    pick([
      `Di lingkungan sendiri, pola layanan ini sudah diperluas dari satu lokasi percontohan ke ${inv.reach}.`,
      "Beberapa unit lain di lingkungan kami telah mengadopsi alur yang sama dengan penyesuaian kecil sesuai karakter layanan masing-masing.",
    ]),
    pick([
      `Instansi yang ingin mereplikasi membutuhkan petugas yang dilatih sekitar dua hari, perangkat komputer dan jaringan internet yang memadai, serta dasar hukum setingkat keputusan pimpinan instansi.`,
      "Kebutuhan utama untuk replikasi adalah komitmen pimpinan, satu tim kecil lintas bidang, dan kesediaan mengubah prosedur yang sudah lama berjalan.",
    ]),
  ].join(" ");

  const keberlanjutan = [
    `Keberlanjutan inovasi dijamin oleh ${auth.rule} Nomor ${ruleNo} Tahun ${ruleYear} yang menetapkan ${short} sebagai standar layanan.`,
    pick([
      `Pembiayaannya telah masuk dalam ${auth.budget} setiap tahun sejak ${ruleYear}, sehingga tidak bergantung pada program sementara.`,
      `Anggaran operasional dialokasikan rutin melalui ${auth.budget}, termasuk pemeliharaan perangkat dan pelatihan petugas baru.`,
    ]),
    pick([
      `Saat ini ${staff} petugas terlatih menjalankan layanan, dan setiap petugas baru wajib mengikuti pelatihan singkat sebelum bertugas.`,
      `Pengetahuan tidak bertumpu pada satu orang: ${staff} petugas telah dilatih dan panduan kerja diperbarui setiap tahun.`,
    ]),
    pick([
      "Ke depan, kami merencanakan integrasi dengan sistem layanan nasional dan perluasan jangkauan ke wilayah yang belum terlayani.",
      `Rencana pengembangan berikutnya mencakup dasbor kinerja terbuka bagi publik dan perluasan layanan bagi ${inv.users} yang belum terjangkau.`,
    ]),
  ].join(" ");

  const kolaborasi = pick([
    `${short} dijalankan bersama ${inv.partners}. Setiap mitra memiliki peran yang tertulis dalam perjanjian kerja sama, mulai dari penyediaan sarana, pendampingan pengguna, hingga pemantauan mutu layanan.`,
    `Inovasi ini tidak berjalan sendiri. Mitra utamanya adalah ${inv.partners}; mereka terlibat dalam perencanaan, sosialisasi kepada ${inv.users}, dan evaluasi tahunan.`,
  ]);

  const answers: Record<string, string> = { ringkasan };
  if (inv.group === "umum") {
    Object.assign(answers, {
      ide_inovatif: ideInovatif,
      signifikansi,
      kontribusi_tpb: kontribusiTpb,
      adaptabilitas,
      keberlanjutan,
      kolaborasi,
    });
  } else if (inv.group === "replikasi") {
    const src = inv.source;
    const srcText =
      src && "platform" in src
        ? `${src.platform} dari ${ctx.sourceAgencyName ?? "instansi asal"}`
        : src
          ? `${src.title} dari ${src.agency} (${src.year})`
          : "inovasi asal";
    const inspirasi = [
      `Inovasi ini mereplikasi ${srcText}.`,
      `Kami memilihnya karena masalah yang dijawab inovasi asal juga dialami ${inv.users} di wilayah kami: ${inv.problem}.`,
      pick([
        "Inovasi asal telah terbukti bertahan bertahun-tahun dan prosedurnya terdokumentasi dengan baik, sehingga risikonya lebih kecil daripada merancang dari nol.",
        "Keberhasilan inovasi asal yang kami lihat langsung saat kunjungan belajar meyakinkan pimpinan untuk segera menerapkannya.",
      ]),
    ].join(" ");
    const proses = [
      `Tahap persiapan dimulai dengan kunjungan belajar dan penandatanganan komitmen replikasi pada ${startMonth} ${startYear}.`,
      "Pada tahap rencana dan pengembangan, tim menyusun prosedur operasional, menyesuaikan formulir, dan melatih petugas dengan pendampingan dari instansi asal.",
      `Implementasi diawali uji coba di dua lokasi selama tiga bulan sebelum diperluas hingga menjangkau ${inv.reach}.`,
      `Tahap evaluasi dilakukan setiap enam bulan dengan membandingkan ${mLabel} serta hasil survei kepuasan pengguna.`,
    ].join(" ");
    const pembeda = [
      `Replikasi ini tidak menyalin mentah-mentah; ${inv.adjust ?? "beberapa bagian disesuaikan dengan kondisi setempat"}.`,
      pick([
        `Hasilnya, ${mLabel} yang semula ${mBefore} kini ${mAfter}, capaian yang sebanding dengan inovasi asal.`,
        `Penyesuaian tersebut membuat ${mLabel} membaik dari ${mBefore} menjadi ${mAfter} dalam waktu kurang dari dua tahun.`,
      ]),
    ].join(" ");
    Object.assign(answers, { inspirasi, proses_replikasi: proses, faktor_pembeda: pembeda, signifikansi, keberlanjutan, kolaborasi });
  } else {
    const pembaruan = [
      `Sejak meraih penghargaan ${inv.award ?? "pada kompetisi sebelumnya"}, ${short} terus dikembangkan.`,
      `Pembaruan terpenting adalah bahwa ${inv.renewal ?? "layanan diperluas ke wilayah baru"}.`,
      pick([
        `Jangkauan layanan juga bertambah hingga ${inv.reach}.`,
        `Kini layanan ini menjangkau ${inv.reach}, jauh lebih luas daripada saat pertama kali dinilai.`,
      ]),
    ].join(" ");
    const adaptKhusus = [
      `Setelah penghargaan, inovasi ini direplikasi oleh ${inv.replicatedBy ?? "beberapa daerah lain"}.`,
      "Kami mendampingi para replikator melalui kunjungan belajar, pelatihan petugas, dan berbagi kode sumber serta prosedur operasional standar tanpa biaya.",
    ].join(" ");
    const penguatan = [
      `Keberlanjutan diperkuat dengan ${auth.rule} Nomor ${ruleNo} Tahun ${ruleYear} dan alokasi rutin dalam ${auth.budget}.`,
      `Tim pengelola kini berjumlah ${staff} orang dengan pembagian peran yang jelas, dan layanan masuk dalam indikator kinerja utama unit.`,
    ].join(" ");
    const evaluasi = [
      `Evaluasi terbaru pada ${ctx.editionYear - 1} menunjukkan ${mLabel} kini ${mAfter}, dibandingkan ${mBefore} sebelum inovasi.`,
      `Indeks kepuasan masyarakat mencapai ${comma(ikm1)}. Masukan pengguna tentang tampilan dan waktu respons ditindaklanjuti dalam pembaruan berikutnya.`,
    ].join(" ");
    Object.assign(answers, { pembaruan, adaptabilitas: adaptKhusus, penguatan_keberlanjutan: penguatan, evaluasi });
  }
  return { answers, decree, phone, videoId };
}
