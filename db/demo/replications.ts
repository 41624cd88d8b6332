/**
 * Replication and sustainability in the demo, through the services an agency
 * and an organizer use: KIPP 2023 winners replicated by Kalimantan Barat
 * agencies at several stages (one confirmed by its source agency, one
 * verified by the ministry, one external and stopped), and an open
 * monitoring period over KIPP 2023 with reports from the agencies that have
 * demo accounts.
 */
import type { DB } from "~/db.server";
import { utcIsoToWibLocal } from "~/domain/time";
import { loadActor } from "~/models/users.server";
import { createPeriod, submitReport } from "~/services/monitoring.server";
import {
  respondToReplication,
  saveStage,
  setReplicationStatus,
  startReplication,
  syncReplicationsFromProposal,
  verifyReplication,
} from "~/services/replications.server";
import { agencyId } from "../builders";

async function actorByEmail(db: DB, email: string) {
  const u = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const a = await loadActor(db, u.id);
  if (!a) throw new Error(`demo replications: no actor ${email}`);
  return a;
}

function form(fields: Record<string, string>): Request {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return new Request("http://localhost/demo", { method: "POST", body: f });
}

function check<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo replications: ${what} ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export interface DemoReplications {
  replications: number;
  reports: number;
}

export async function seedDemoReplications(db: DB, opts: { panrb: string; now?: Date }): Promise<DemoReplications> {
  const now = opts.now ?? new Date();
  const k23 = await db.selectFrom("competitions").select("id").where("slug", "=", "kipp-2023").executeTakeFirstOrThrow();
  const winners = await db
    .selectFrom("innovations")
    .select(["id", "title", "agency_id"])
    .where("competition_id", "=", k23.id)
    .where("stage", "=", "winner")
    .orderBy("title")
    .execute();
  const pontianak = agencyId("KOTA-61.71");
  const kubuRaya = agencyId("KAB-61.12");
  const singkawang = agencyId("KOTA-61.72");
  const [adminPontianak, adminKubuRaya, adminSingkawang, sekretariat] = await Promise.all([
    actorByEmail(db, "adminlokal@pontianak.test"),
    actorByEmail(db, "adminlokal@kuburaya.test"),
    actorByEmail(db, "adminlokal@singkawang.test"),
    actorByEmail(db, "sekretariat@menpan.test"),
  ]);
  const short = (title: string) => title.split(":")[0].trim();

  // 1. Pontianak replicates a winner (Kubu Raya's when it won, so its Admin Lokal can confirm), up to implementasi.
  const first = winners.find((w) => w.agency_id === kubuRaya) ?? winners.find((w) => w.agency_id !== pontianak)!;
  const r1 = check(
    "start 1",
    await startReplication(db, adminPontianak, pontianak, {
      source: "innovation",
      innovationId: first.id,
      title: `${short(first.title)} Kota Pontianak`,
      happenedOn: "2024-02-05",
      note: "Kunjungan belajar ke instansi asal dan penandatanganan kesepakatan replikasi.",
      differences: "Layanan dijalankan oleh kelurahan, bukan dinas; jadwal disesuaikan dengan pasang surut Sungai Kapuas.",
    }),
  );
  for (const [stage, happenedOn, note] of [
    ["rencana", "2024-04-15", "Rencana aksi dan anggaran disetujui; petugas dilatih oleh tim instansi asal."],
    ["implementasi", "2024-09-02", "Layanan berjalan di enam kecamatan; 1.240 warga terlayani pada tiga bulan pertama."],
  ] as const) {
    check(`stage ${stage}`, await saveStage(db, adminPontianak, r1.id, form({ stage, happenedOn, note })));
  }
  if (first.agency_id === kubuRaya) {
    check(
      "confirm",
      await respondToReplication(db, adminKubuRaya, kubuRaya, r1.id, { response: "confirmed", note: "Benar, tim kami mendampingi replikasi ini sejak 2024." }),
    );
  } else {
    check("verify 1", await verifyReplication(db, sekretariat, opts.panrb, r1.id));
  }

  // 2. Singkawang replicates another winner through evaluasi and finishes; the ministry verifies it.
  const second = winners.find((w) => w.agency_id !== singkawang && w.id !== first.id)!;
  const r2 = check(
    "start 2",
    await startReplication(db, adminSingkawang, singkawang, {
      source: "innovation",
      innovationId: second.id,
      title: `${short(second.title)} Kota Singkawang`,
      happenedOn: "2024-01-10",
      note: "Telaah dokumen inovasi dan konsultasi daring dengan instansi asal.",
      differences: "Formulir dibuat dwibahasa (Indonesia dan Tionghoa Hakka) untuk warga lanjut usia.",
    }),
  );
  for (const [stage, happenedOn, note] of [
    ["rencana", "2024-03-01", "Peraturan wali kota dan standar pelayanan ditetapkan."],
    ["implementasi", "2024-06-17", "Uji coba di dua kecamatan, lalu diperluas ke seluruh kota."],
    ["evaluasi", "2025-02-20", "Evaluasi bersama Ombudsman perwakilan: waktu layanan turun dari 5 hari menjadi 1 hari."],
  ] as const) {
    check(`stage ${stage}`, await saveStage(db, adminSingkawang, r2.id, form({ stage, happenedOn, note })));
  }
  check("finish", await setReplicationStatus(db, adminSingkawang, r2.id, { status: "selesai", reason: "" }));
  check("verify 2", await verifyReplication(db, sekretariat, opts.panrb, r2.id));

  // 3. Kubu Raya replicates an earlier, external winner and stops (not public: nobody verified it).
  const r3 = check(
    "start 3",
    await startReplication(db, adminKubuRaya, kubuRaya, {
      source: "external",
      sourceTitle: "Kang Pisman",
      sourceAgencyName: "Pemerintah Kota Bandung",
      sourceYear: "2019",
      title: "Pilah Sampah dari Rumah Kubu Raya",
      happenedOn: "2024-05-06",
      note: "Sosialisasi di tiga desa percontohan.",
      differences: "",
    }),
  );
  check(
    "stop",
    await setReplicationStatus(db, adminKubuRaya, r3.id, { status: "dihentikan", reason: "Anggaran pengangkutan sampah terpilah belum tersedia pada APBD 2025." }),
  );

  // 4. Kubu Raya records a replication of Pontianak's winner; Pontianak disputes it (seen by both, not public).
  const pontianakWinner = winners.find((w) => w.agency_id === pontianak && w.id !== first.id && w.id !== second.id);
  let disputed = 0;
  if (pontianakWinner) {
    const r4 = check(
      "start 4",
      await startReplication(db, adminKubuRaya, kubuRaya, {
        source: "innovation",
        innovationId: pontianakWinner.id,
        title: `${short(pontianakWinner.title)} Kubu Raya`,
        happenedOn: "2024-08-12",
        note: "Anjungan cetak mandiri dipasang di kantor kecamatan Sungai Raya.",
        differences: "Anjungan juga mencetak kartu BPJS Kesehatan.",
      }),
    );
    check(
      "dispute",
      await respondToReplication(db, adminPontianak, pontianak, r4.id, {
        response: "disputed",
        note: "Kami belum pernah dihubungi atau mendampingi; mohon lampirkan bukti kesepakatan replikasi dengan Disdukcapil Kota Pontianak.",
      }),
    );
    disputed = 1;
  }

  // 5. Submitted Replikasi-group proposals (loaded in bulk by the proposals demo) become replications of
  //    their sources through the same hook as a submission; the ministry verifies those of KIPP 2023's
  //    Replikasi winners (checked at the field verification), the others wait for an organizer.
  const replikasi = await db
    .selectFrom("proposals")
    .select(["proposals.id", "proposals.competition_id"])
    .where("proposals.status", "=", "submitted")
    .where((eb) => eb.exists(eb.selectFrom("proposal_sources").select("proposal_sources.id").whereRef("proposal_sources.proposal_id", "=", "proposals.id")))
    .orderBy("proposals.number")
    .execute();
  let fromProposals = 0;
  for (const p of replikasi) fromProposals += await syncReplicationsFromProposal(db, p.id);
  const wonReplikasi = await db
    .selectFrom("replications")
    .innerJoin("innovations", "innovations.proposal_id", "replications.proposal_id")
    .select("replications.id")
    .where("innovations.competition_id", "=", k23.id)
    .where("innovations.stage", "=", "winner")
    .orderBy("replications.title")
    .execute();
  for (const r of wonReplikasi) check("verify proposal replication", await verifyReplication(db, sekretariat, opts.panrb, r.id));

  // An open monitoring period over KIPP 2023, around the time the demo is loaded.
  const day = (offset: number) => utcIsoToWibLocal(new Date(now.getTime() + offset * 86_400_000).toISOString()).slice(0, 10);
  const period = check(
    "period",
    await createPeriod(db, sekretariat, opts.panrb, {
      name: `Pemantauan ${day(0).slice(0, 4)}`,
      startsAt: `${day(-30)}T08:00`,
      endsAt: `${day(30)}T23:59`,
      editions: [k23.id],
    }),
  );
  let reports = 0;
  const reporters = [
    { actor: adminKubuRaya, agency: kubuRaya, status: "berkembang", users: "18250", note: "Kini menjangkau 42 desa di sepanjang Sungai Kapuas dan Sungai Ambawang." },
    { actor: adminSingkawang, agency: singkawang, status: "berlanjut", users: "6400", note: "Berjalan dengan anggaran rutin dinas." },
    { actor: adminPontianak, agency: pontianak, status: "berlanjut", users: "9100", note: "Terintegrasi dengan layanan kependudukan daring kota." },
  ];
  for (const r of reporters) {
    const mine = await db
      .selectFrom("innovations")
      .select("id")
      .where("competition_id", "=", k23.id)
      .where("agency_id", "=", r.agency)
      .where("visible", "=", 1)
      .execute();
    for (const i of mine) {
      check(
        "report",
        await submitReport(db, r.actor, r.agency, period.id, form({ innovationId: i.id, status: r.status, usersServed: r.users, note: r.note }), { now }),
      );
      reports++;
    }
  }
  return { replications: 3 + disputed + fromProposals, reports };
}
