/**
 * The performance changes of the issue-7 benchmark (docs/benchmarks.md,
 * "Replications"): the innovation page's replications in pages of 50
 * (pageInnovationReplications), the province filter written as two id lists,
 * and the province counts summed per source. Each must give exactly what
 * the straightforward query gave, including for a hidden source innovation
 * and the never-public pending / disputed / external replications of the
 * scenario (tests/support/replications-public.ts).
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  INNOVATION_REPLICATIONS_PAGE_SIZE,
  listInnovationReplications,
  listPublicReplications,
  pageInnovationReplications,
  provinceCounts,
} from "~/models/replications-public.server";
import { useTestDb } from "../support/db";
import { buildWorld, type World } from "../support/factories";
import { insertReplication, seedReplicationsPublic, type ReplicationsPublicScenario } from "../support/replications-public";

const t = useTestDb();

let w: World;
let s: ReplicationsPublicScenario;
let hiddenSourced: string;
beforeEach(async () => {
  w = await buildWorld(t.db);
  s = await seedReplicationsPublic(t.db, w);
  // A confirmed replication of the HIDDEN innovation H (Surabaya, province 35) by Pontianak (61):
  // public (adopter side), but its source is not shown and does not count for province 35.
  hiddenSourced = await insertReplication(t.db, {
    sourceInnovationId: s.innovations.H,
    sourceTitle: "Rahasia tersembunyi",
    sourceAgencyName: "Pemerintah Kota Surabaya",
    adopterAgencyId: w.agencies.pontianak,
    sourceResponse: "confirmed",
    updatedAt: "2026-01-31T03:00:00.000Z",
  });
});

describe("pageInnovationReplications", () => {
  it("pages hold the public replications in the order of the full list, with the total", async () => {
    const all = (await listInnovationReplications(t.db, s.innovations.A)).map((r) => r.id);
    expect(all).toEqual([s.r.r4, s.r.r1]);
    const p1 = await pageInnovationReplications(t.db, s.innovations.A, 1, 1);
    expect({ total: p1.total, page: p1.page, pageSize: p1.pageSize, ids: p1.rows.map((r) => r.id) }).toEqual({ total: 2, page: 1, pageSize: 1, ids: [s.r.r4] });
    const p2 = await pageInnovationReplications(t.db, s.innovations.A, 2, 1);
    expect({ total: p2.total, page: p2.page, ids: p2.rows.map((r) => r.id) }).toEqual({ total: 2, page: 2, ids: [s.r.r1] });
    expect(p2.rows[0]).toEqual((await listInnovationReplications(t.db, s.innovations.A))[1]);
  });

  it("a page past the end or below 1 is clamped; the default page size is 50", async () => {
    expect((await pageInnovationReplications(t.db, s.innovations.A, 9, 1)).rows.map((r) => r.id)).toEqual([s.r.r1]);
    expect((await pageInnovationReplications(t.db, s.innovations.A, 9, 1)).page).toBe(2);
    expect((await pageInnovationReplications(t.db, s.innovations.A, -3, 1)).page).toBe(1);
    expect((await pageInnovationReplications(t.db, s.innovations.A, Number.NaN, 1)).page).toBe(1);
    const d = await pageInnovationReplications(t.db, s.innovations.A);
    expect({ total: d.total, page: d.page, pageSize: d.pageSize, ids: d.rows.map((r) => r.id) }).toEqual({
      total: 2,
      page: 1,
      pageSize: INNOVATION_REPLICATIONS_PAGE_SIZE,
      ids: [s.r.r4, s.r.r1],
    });
    expect(INNOVATION_REPLICATIONS_PAGE_SIZE).toBe(50);
  });

  it("counts only public replications (pending and disputed unverified ones are left out)", async () => {
    expect((await pageInnovationReplications(t.db, s.innovations.B)).total).toBe(1);
    const none = await pageInnovationReplications(t.db, "no-such-innovation");
    expect({ total: none.total, page: none.page, rows: none.rows }).toEqual({ total: 0, page: 1, rows: [] });
  });
});

describe("province filter and counts", () => {
  it("province: the adopter's province or the VISIBLE source's province", async () => {
    const ids = async (province: string) => (await listPublicReplications(t.db, { province })).map((r) => r.id);
    expect(await ids("61")).toEqual([s.r.r1, s.r.r4, s.r.r5, s.r.r7, hiddenSourced]);
    expect(await ids("35")).toEqual([s.r.r7]);
    expect(await ids("31")).toEqual([s.r.r4]);
    expect(await ids("11")).toEqual([]);
  });

  it("counts: by adopter, and by visible source innovation only", async () => {
    const rows = (await provinceCounts(t.db)).filter((p) => p.adopted + p.sourced > 0);
    expect(rows).toEqual([
      { code: "31", name: "Daerah Khusus Ibukota Jakarta", adopted: 1, sourced: 0 },
      { code: "35", name: "Jawa Timur", adopted: 1, sourced: 0 },
      { code: "61", name: "Kalimantan Barat", adopted: 3, sourced: 3 },
    ]);
    for (const p of rows) expect(typeof p.sourced).toBe("number");
  });
});
