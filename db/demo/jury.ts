/**
 * The demo's juries for KIPP 2025: six evaluators with profiles (two
 * affiliated with provincial governments, so the conflict check finds real
 * conflicts), three panelists, one pending invitation, and the desk round
 * "Penilaian Proposal" (k = 3) assigned by the solver through the same
 * services an organizer uses (conflict check, preview, commit).
 */
import type { DB } from "~/db.server";
import { wibLocalToUtcIso } from "~/domain/time";
import { loadActor } from "~/models/users.server";
import { commitAssignment, previewAssignment } from "~/services/assignment.server";
import { inviteJuror } from "~/services/jury.server";
import { createRound } from "~/services/rounds.server";
import { agencyId, buildJuror } from "../builders";

interface DemoJuror {
  email: string;
  affiliation: { agency: string } | { other: string };
  expertise: string[];
  maxLoad: number;
}

const EVALUATORS: DemoJuror[] = [
  { email: "evaluator1@juri.test", affiliation: { other: "Universitas Indonesia" }, expertise: ["tata_kelola", "transformasi_digital"], maxLoad: 25 },
  { email: "evaluator2@juri.test", affiliation: { other: "Universitas Indonesia" }, expertise: ["pelayanan_kesehatan", "perlindungan_sosial"], maxLoad: 25 },
  { email: "evaluator3@juri.test", affiliation: { other: "Universitas Gadjah Mada" }, expertise: ["transformasi_digital", "ekonomi_umkm"], maxLoad: 25 },
  { email: "evaluator4@juri.test", affiliation: { agency: "PROV-35" }, expertise: ["pendidikan", "lingkungan_iklim"], maxLoad: 25 },
  { email: "evaluator5@juri.test", affiliation: { other: "Politeknik STIA LAN Makassar" }, expertise: ["ketahanan_pangan", "ekonomi_umkm", "tata_kelola"], maxLoad: 25 },
  { email: "evaluator6@juri.test", affiliation: { agency: "PROV-61" }, expertise: ["pelayanan_kesehatan", "pendidikan", "perlindungan_sosial"], maxLoad: 25 },
];

const PANELISTS: DemoJuror[] = [
  { email: "panelis1@juri.test", affiliation: { other: "Universitas Gadjah Mada" }, expertise: ["tata_kelola"], maxLoad: 20 },
  { email: "panelis2@juri.test", affiliation: { other: "Badan Riset dan Inovasi Nasional" }, expertise: ["tata_kelola", "perlindungan_sosial"], maxLoad: 20 },
  { email: "panelis3@juri.test", affiliation: { other: "Yayasan Lembaga Konsumen Indonesia" }, expertise: ["pelayanan_kesehatan", "ekonomi_umkm"], maxLoad: 20 },
];

export async function seedDemoJury(db: DB, ids: { kipp: string; organizerEmail: string; origin?: string }): Promise<void> {
  const categories = new Map(
    (await db.selectFrom("competition_categories").select(["id", "key"]).where("competition_id", "=", ids.kipp).execute()).map((c) => [c.key, c.id]),
  );
  const users = new Map((await db.selectFrom("users").select(["id", "email", "name"]).execute()).map((u) => [u.email, u]));
  const pools: [DemoJuror[], "evaluator" | "panelist"][] = [
    [EVALUATORS, "evaluator"],
    [PANELISTS, "panelist"],
  ];
  for (const [list, role] of pools) {
    for (const j of list) {
      const user = users.get(j.email);
      if (!user) throw new Error(`seedDemoJury: no user ${j.email}`);
      await buildJuror(db, {
        competitionId: ids.kipp,
        role,
        email: j.email,
        name: user.name,
        userId: user.id,
        affiliationAgencyId: "agency" in j.affiliation ? agencyId(j.affiliation.agency) : null,
        affiliationOther: "other" in j.affiliation ? j.affiliation.other : "",
        expertise: j.expertise.map((k) => {
          const id = categories.get(k);
          if (!id) throw new Error(`seedDemoJury: no category ${k}`);
          return id;
        }),
        maxLoad: j.maxLoad,
      });
    }
  }

  const organizer = users.get(ids.organizerEmail);
  const actor = organizer ? await loadActor(db, organizer.id) : null;
  if (!actor) throw new Error("seedDemoJury: no organizer");
  const ctx = { origin: ids.origin ?? "http://localhost:3000" };
  // A pending invitation: the pool shows it, the outbox holds its mail.
  await inviteJuror(db, actor, ids.kipp, { name: "Dr. Rahmat Hidayat", email: "evaluator7@juri.test", role: "evaluator" }, ctx);

  const round = await createRound(db, actor, ids.kipp, {
    name: "Penilaian Proposal",
    kind: "desk",
    poolRole: "evaluator",
    k: 3,
    startsAt: wibLocalToUtcIso("2025-07-28T08:00"),
    endsAt: wibLocalToUtcIso("2025-08-29T23:59"),
    spreadAffiliations: true,
    seed: 2025,
  });
  if (!round.ok) throw new Error(`seedDemoJury: round ${JSON.stringify(round.errors)}`);
  const preview = await previewAssignment(db, actor, round.roundId, { mode: "keep" });
  const committed = await commitAssignment(db, actor, preview.runId);
  if (!committed.ok) throw new Error(`seedDemoJury: commit ${JSON.stringify(committed.errors)}`);
}
