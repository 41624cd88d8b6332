/**
 * Loads the demo: KIPP 2025 (Kementerian PANRB) and Sivablik 2025 (Pemprov
 * Kalimantan Barat), their staff, an agency with its Admin Lokal and
 * innovator, and the juries; and KIPP 2023, a finished edition with its
 * published announcements, winners and certificates (db/demo/kipp2023.ts).
 * Every demo account's password is `demo-sayembara`.
 *
 *   npm run seed:demo            (only into an empty database)
 *
 * Guard: refuses when NODE_ENV=production or when the database already has
 * accounts, so a production deployment never gets demo data by accident
 * (docs/deployment.md).
 */
import { pathToFileURL } from "node:url";
import { createDatabase, migrateToLatest, type DB } from "~/db.server";
import { agencyId, buildCompetition, buildOrganizer, buildUser, type WibTimeline } from "../db/builders";
import { presetFor } from "~/domain/edition-presets";
import { insertAgency } from "~/models/agencies.server";
import { applyPreset } from "~/services/settings.server";
import { seedDemoJury } from "../db/demo/jury";
import { seedDemoProposals } from "../db/demo/proposals";
import { seedDemoScoring } from "../db/demo/scoring";
import { seedKipp2023Publication, seedKipp2023Rounds } from "../db/demo/kipp2023";
import { seedDemoReplications } from "../db/demo/replications";

export const DEMO_PASSWORD = "demo-sayembara";

export const DEMO_LOGINS: { email: string; role: string }[] = [
  { email: "admin@sayembara.test", role: "Admin Platform" },
  { email: "sekretariat@menpan.test", role: "Admin Penyelenggara — Kementerian PANRB" },
  { email: "organisasi@kalbarprov.test", role: "Admin Penyelenggara — Pemprov Kalimantan Barat" },
  { email: "adminlokal@pontianak.test", role: "Admin Lokal — Pemerintah Kota Pontianak" },
  { email: "inovator@pontianak.test", role: "Inovator (UPP) — Pemerintah Kota Pontianak" },
  { email: "evaluator1@juri.test … evaluator6@juri.test", role: "Evaluator — KIPP 2025" },
  { email: "panelis1@juri.test … panelis3@juri.test", role: "Panelis — KIPP 2025" },
];

/** WIB "YYYY-MM-DD" of a day `offset` days from `now`. */
function wibDay(now: Date, offset: number): string {
  return new Date(now.getTime() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Sivablik's timeline around the seed time: registration opened 10 days ago and closes in 30 days at 23:59 WIB. */
export function sivablikTimeline(now: Date): WibTimeline {
  const d = (offset: number, time: string) => `${wibDay(now, offset)}T${time}`;
  return {
    persiapan: [d(-40, "08:00"), d(-11, "16:00")],
    pendaftaran: [d(-10, "08:00"), d(30, "23:59")],
    seleksi_administrasi: [d(31, "08:00"), d(45, "16:00")],
    penilaian_proposal: [d(48, "08:00"), d(70, "16:00")],
    presentasi: [d(77, "08:00"), d(81, "16:00")],
    penetapan: [d(95, "09:00"), d(99, "16:00")],
  };
}

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

function addOpd(db: DB, organizerId: string, code: string, name: string) {
  return insertAgency(db, {
    code,
    name,
    cluster: "opd",
    provinceCode: "61",
    parentId: agencyId("PROV-61"),
    organizerId,
  });
}

export async function seedDemo(db: DB): Promise<void> {
  const kipp = await db.transaction().execute(async (trx) => {
    await buildUser(trx, { email: "admin@sayembara.test", name: "Admin Platform Sayembara", platformAdmin: true });

    const panrb = await buildOrganizer(trx, { name: "Kementerian PANRB", kind: "national" });
    const kalbar = await buildOrganizer(trx, {
      name: "Pemerintah Provinsi Kalimantan Barat",
      kind: "provincial",
      provinceCode: "61",
    });

    const kipp = await buildCompetition(trx, {
      organizerId: panrb,
      name: "KIPP 2025",
      year: 2025,
      slug: "kipp-2025",
      theme: "Inovasi Pelayanan Publik Berdampak untuk Indonesia Emas",
      description:
        "Kompetisi Inovasi Pelayanan Publik (KIPP) tingkat nasional di lingkungan kementerian, lembaga, pemerintah daerah, BUMN dan BUMD, diselenggarakan oleh Kementerian PANRB.",
      timeline: {
        persiapan: ["2025-01-06T08:00", "2025-03-31T23:59"],
        pendaftaran: ["2025-04-14T08:00", "2025-06-30T23:59"],
        seleksi_administrasi: ["2025-07-01T08:00", "2025-07-25T23:59"],
        penilaian_proposal: ["2025-07-28T08:00", "2025-08-29T23:59"],
        sidang_pleno: ["2025-09-02T09:00", "2025-09-05T17:00"],
        pengumuman: ["2025-09-08T10:00", "2025-09-12T23:59"],
        presentasi: ["2025-09-22T08:00", "2025-10-10T17:00"],
        verifikasi_lapangan: ["2025-10-13T08:00", "2025-10-31T17:00"],
        penetapan: ["2025-11-17T09:00", "2025-11-28T17:00"],
        pemantauan: ["2026-01-05T08:00", "2026-12-18T17:00"],
      },
    });
    await applyPreset(trx, kipp, presetFor("kipp", 2025));
    const sivablik = await buildCompetition(trx, {
      organizerId: kalbar,
      name: "Sivablik 2025",
      year: 2025,
      slug: "sivablik-2025",
      theme: "Inovasi Pelayanan Publik Kalimantan Barat yang Berkelanjutan",
      description:
        "Seleksi Inovasi Pelayanan Publik (Sivablik) Provinsi Kalimantan Barat untuk perangkat daerah provinsi serta pemerintah kabupaten dan kota se-Kalimantan Barat.",
      // Registration is open whenever the demo is loaded, so a newcomer can
      // draft and submit (adminlokal@pontianak.test); the later stages follow.
      timeline: sivablikTimeline(new Date()),
    });
    await applyPreset(trx, sivablik, presetFor("provincial", 2025));

    await buildUser(trx, {
      email: "sekretariat@menpan.test",
      name: "Rina Wulandari",
      roles: [{ role: "organizer_admin", organizerId: panrb }],
    });
    await buildUser(trx, {
      email: "organisasi@kalbarprov.test",
      name: "Hendra Saputra",
      roles: [{ role: "organizer_admin", organizerId: kalbar }],
    });

    for (const [code, name] of [
      ["OPD-61-DINKES", "Dinas Kesehatan Provinsi Kalimantan Barat"],
      ["OPD-61-DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"],
      ["OPD-61-DPMPTSP", "Dinas Penanaman Modal dan PTSP Provinsi Kalimantan Barat"],
      ["OPD-61-BAPENDA", "Badan Pendapatan Daerah Provinsi Kalimantan Barat"],
      ["OPD-61-RSUD-SOEDARSO", "RSUD dr. Soedarso Provinsi Kalimantan Barat"],
    ] as const) {
      await addOpd(trx, kalbar, code, name);
    }

    const pontianak = agencyId("KOTA-61.71");
    await buildUser(trx, {
      email: "adminlokal@pontianak.test",
      name: "Siti Rahmawati",
      roles: [{ role: "admin_lokal", agencyId: pontianak }],
    });
    await buildUser(trx, {
      email: "inovator@pontianak.test",
      name: "Yudi Pratama (Dinas Kependudukan Kota Pontianak)",
      roles: [{ role: "innovator", agencyId: pontianak }],
    });
    await buildUser(trx, {
      email: "puskesmas.alianyang@pontianak.test",
      name: "dr. Maria Ulfa (Puskesmas Alianyang)",
      roles: [{ role: "innovator", agencyId: pontianak }],
    });
    await buildUser(trx, {
      email: "adminlokal@kuburaya.test",
      name: "Agus Salim",
      roles: [{ role: "admin_lokal", agencyId: agencyId("KAB-61.12") }],
    });
    await buildUser(trx, {
      email: "adminlokal@singkawang.test",
      name: "Lim Mei Ling",
      roles: [{ role: "admin_lokal", agencyId: agencyId("KOTA-61.72") }],
    });

    const evaluators = [
      "Prof. Dr. Eko Prasojo",
      "Dr. Lina Miftahul Jannah",
      "Dr. Bevaola Kusumasari",
      "Dr. Ali Roziqin",
      "Dr. Nurliah Nurdin",
      "Dr. Teguh Kurniawan",
    ];
    for (const [i, name] of evaluators.entries()) {
      await buildUser(trx, {
        email: `evaluator${i + 1}@juri.test`,
        name,
        roles: [{ role: "evaluator", competitionId: kipp }],
      });
    }
    const panelists = ["Prof. Dr. J.B. Kristiadi", "Dr. Siti Zuhro", "Ir. Tulus Abadi"];
    for (const [i, name] of panelists.entries()) {
      await buildUser(trx, {
        email: `panelis${i + 1}@juri.test`,
        name,
        roles: [{ role: "panelist", competitionId: kipp }],
      });
    }
    await seedDemoProposals(trx, { panrb, kalbar, kipp, sivablik });
    return { kipp, panrb };
  });
  // Through the organizer's own services (conflict check, preview, commit), each in its own transaction.
  await seedDemoJury(db, { kipp: kipp.kipp, organizerEmail: "sekretariat@menpan.test" });
  await seedDemoScoring(db, { kipp: kipp.kipp });
  // KIPP 2023, finished and published: the public site, the catalogue and the certificates have content.
  const k2023 = await seedKipp2023Rounds(db, { panrb: kipp.panrb, organizerEmail: "sekretariat@menpan.test" });
  await seedKipp2023Publication(db, k2023);
  // Replications of KIPP 2023 winners and an open monitoring period.
  await seedDemoReplications(db, { panrb: kipp.panrb });
}

export function printDemoLogins(): void {
  console.log("\nAkun demo (kata sandi untuk semua: demo-sayembara):");
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(48)} ${l.role}`);
  console.log("");
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  if (process.env.NODE_ENV === "production" && !process.argv.includes("--i-know-this-is-not-production")) {
    console.error("Menolak memuat data demo: NODE_ENV=production. (Refusing to load demo data in production.)");
    process.exit(1);
  }
  const db = createDatabase();
  await migrateToLatest(db);
  if (await isEmpty(db)) {
    await seedDemo(db);
    console.log("Data demo dimuat.");
  } else {
    console.log("Basis data sudah berisi akun; data demo tidak dimuat ulang.");
  }
  printDemoLogins();
  await db.destroy();
}
