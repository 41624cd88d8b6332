/**
 * Test factories on the shared builders (db/builders.ts). A "world" holds two
 * organizers, a competition each, and people in every role, including data
 * that could leak across organizers and agencies.
 */
import type { DB } from "~/db.server";
import { loadActor } from "~/models/users.server";
import type { Actor } from "~/domain/roles";
import { agencyId, buildCompetition, buildOrganizer, buildUser } from "../../db/builders";

export { agencyId, buildCompetition, buildOrganizer, buildUser };

export const PASSWORD = "demo-sayembara";

export async function actorOf(db: DB, userId: string): Promise<Actor> {
  const a = await loadActor(db, userId);
  if (!a) throw new Error(`no actor ${userId}`);
  return a;
}

export async function buildWorld(db: DB) {
  const panrb = await buildOrganizer(db, { name: "Kementerian PANRB", kind: "national" });
  const kalbar = await buildOrganizer(db, { name: "Pemerintah Provinsi Kalimantan Barat", kind: "provincial", provinceCode: "61" });
  const kipp = await buildCompetition(db, {
    organizerId: panrb,
    name: "KIPP 2025",
    year: 2025,
    slug: "kipp-2025",
    timeline: { pendaftaran: ["2025-04-14T08:00", "2025-06-30T23:59"] },
  });
  const sivablik = await buildCompetition(db, {
    organizerId: kalbar,
    name: "Sivablik 2025",
    year: 2025,
    slug: "sivablik-2025",
    timeline: { pendaftaran: ["2025-03-03T08:00", "2025-04-30T23:59"] },
  });
  const pontianak = agencyId("KOTA-61.71");
  const singkawang = agencyId("KOTA-61.72");
  const platformAdmin = await buildUser(db, { email: "admin@sayembara.test", name: "Admin", platformAdmin: true, password: PASSWORD });
  const panrbAdmin = await buildUser(db, { email: "sekretariat@menpan.test", name: "Rina", password: PASSWORD, roles: [{ role: "organizer_admin", organizerId: panrb }] });
  const kalbarAdmin = await buildUser(db, { email: "organisasi@kalbarprov.test", name: "Hendra", password: PASSWORD, roles: [{ role: "organizer_admin", organizerId: kalbar }] });
  const adminLokal = await buildUser(db, { email: "adminlokal@pontianak.test", name: "Siti", password: PASSWORD, roles: [{ role: "admin_lokal", agencyId: pontianak }] });
  const innovator = await buildUser(db, { email: "inovator@pontianak.test", name: "Yudi", password: PASSWORD, roles: [{ role: "innovator", agencyId: pontianak }] });
  const otherAdminLokal = await buildUser(db, { email: "adminlokal@singkawang.test", name: "Lim", password: PASSWORD, roles: [{ role: "admin_lokal", agencyId: singkawang }] });
  const otherInnovator = await buildUser(db, { email: "inovator@singkawang.test", name: "Ahmad", password: PASSWORD, roles: [{ role: "innovator", agencyId: singkawang }] });
  const evaluator = await buildUser(db, { email: "evaluator1@juri.test", name: "Eko", password: PASSWORD, roles: [{ role: "evaluator", competitionId: kipp }] });
  const panelist = await buildUser(db, { email: "panelis1@juri.test", name: "Siti Z", password: PASSWORD, roles: [{ role: "panelist", competitionId: kipp }] });
  const nobody = await buildUser(db, { email: "warga@contoh.test", name: "Warga", password: PASSWORD });
  return {
    organizers: { panrb, kalbar },
    competitions: { kipp, sivablik },
    agencies: { pontianak, singkawang },
    users: { platformAdmin, panrbAdmin, kalbarAdmin, adminLokal, innovator, otherAdminLokal, otherInnovator, evaluator, panelist, nobody },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
