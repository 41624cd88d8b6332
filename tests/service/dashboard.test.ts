import { describe, expect, it } from "vitest";
import { getDashboard } from "~/services/dashboard.server";
import { useTestDb } from "../support/db";
import { actorOf, buildWorld } from "../support/factories";

describe("getDashboard", () => {
  const t = useTestDb();

  it("shows an organizer admin only their own organizer's competitions", async () => {
    const w = await buildWorld(t.db);
    const d = await getDashboard(t.db, await actorOf(t.db, w.users.kalbarAdmin));
    expect(d.organizers.map((o) => o.name)).toEqual(["Pemerintah Provinsi Kalimantan Barat"]);
    expect(d.organizers[0].competitions.map((c) => c.name)).toEqual(["Sivablik 2025"]);
    expect(d.platformOrganizers).toEqual([]);
    expect(d.agencies).toEqual([]);
  });

  it("shows a platform admin every organizer", async () => {
    const w = await buildWorld(t.db);
    const d = await getDashboard(t.db, await actorOf(t.db, w.users.platformAdmin));
    expect(d.platformOrganizers.map((o) => o.name)).toEqual(["Kementerian PANRB", "Pemerintah Provinsi Kalimantan Barat"]);
    expect(d.organizers).toEqual([]);
  });

  it("shows an Admin Lokal their agency with its innovator count, and a juror their competitions", async () => {
    const w = await buildWorld(t.db);
    const al = await getDashboard(t.db, await actorOf(t.db, w.users.adminLokal));
    expect(al.agencies.map((a) => [a.name, a.innovator_count, a.isAdminLokal])).toEqual([["Pemerintah Kota Pontianak", 1, true]]);
    const ev = await getDashboard(t.db, await actorOf(t.db, w.users.evaluator));
    expect(ev.jurorCompetitions.map((c) => [c.name, c.roles])).toEqual([["KIPP 2025", ["evaluator"]]]);
    expect(ev.organizers).toEqual([]);
  });
});
