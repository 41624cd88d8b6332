import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { listOutbox } from "~/models/outbox.server";
import { useTestDb } from "../support/db";

async function keep(db: DB, id: string, to: string, minute: number) {
  await db
    .insertInto("outbox")
    .values({
      id,
      to_address: to,
      subject: `Surat ${id}`,
      body_text: "Halo",
      transport: "outbox",
      status: "kept",
      error: null,
      created_at: new Date(Date.UTC(2025, 5, 30, 9, minute)).toISOString(),
      sent_at: null,
    })
    .execute();
}

describe("listOutbox", () => {
  const t = useTestDb();

  it("lists newest first, a page at a time", async () => {
    for (let i = 0; i < 5; i++) await keep(t.db, `m${i}`, `orang${i}@contoh.test`, i);
    const ids = async (limit: number, offset: number) => (await listOutbox(t.db, { limit, offset })).map((m) => m.id);
    expect(await ids(2, 0)).toEqual(["m4", "m3"]);
    expect(await ids(2, 2)).toEqual(["m2", "m1"]);
    expect(await ids(2, 4)).toEqual(["m0"]);
  });

  it("filters by part of the recipient in any case, with % and _ matching themselves", async () => {
    await keep(t.db, "a", "Siti@Pontianak.test", 1);
    await keep(t.db, "b", "yudi@pontianak.test", 2);
    await keep(t.db, "c", "lim@singkawang.test", 3);
    await keep(t.db, "d", "x_y@contoh.test", 4);
    await keep(t.db, "e", "xzy@contoh.test", 5);
    const ids = async (to: string) => (await listOutbox(t.db, { limit: 50, offset: 0, to })).map((m) => m.id);
    expect(await ids("PONTIANAK")).toEqual(["b", "a"]);
    expect(await ids("siti@")).toEqual(["a"]);
    expect(await ids("x_y")).toEqual(["d"]);
    expect(await ids("%")).toEqual([]);
    expect(await ids("  ")).toEqual(["e", "d", "c", "b", "a"]);
  });
});
