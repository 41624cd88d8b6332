import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { RoundSchema } from "~/schemas/rounds";
import { createRound, getRoundsPage, updateRoundSettings } from "~/services/rounds.server";
import { useTestDb } from "../support/db";
import { actorOf, buildWorld } from "../support/factories";
import { buildEdition } from "../support/edition";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const t = useTestDb();

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

const valid = {
  name: "Penilaian proposal",
  kind: "desk",
  poolRole: "evaluator",
  k: "3",
  startsAt: "2025-08-01T08:00",
  endsAt: "2025-08-15T23:59",
  spreadAffiliations: "on",
  seed: "7",
};

function parsed(values: Record<string, string>) {
  const r = parseForm(RoundSchema, form(values));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

async function auditRows(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").execute();
}

describe("round form", () => {
  it("converts WIB to UTC and reads the checkbox, seed and k", () => {
    expect(parsed(valid)).toEqual({
      name: "Penilaian proposal",
      kind: "desk",
      poolRole: "evaluator",
      k: 3,
      startsAt: "2025-08-01T01:00:00.000Z",
      endsAt: "2025-08-15T16:59:00.000Z",
      spreadAffiliations: true,
      seed: 7,
    });
    const { spreadAffiliations: _s, seed: _seed, startsAt: _a, endsAt: _b, ...bare } = valid;
    expect(parsed(bare)).toMatchObject({ spreadAffiliations: false, seed: 1, startsAt: null, endsAt: null });
  });

  it("puts each error at its field and keeps what was typed", () => {
    const r = parseForm(RoundSchema, form({ ...valid, name: " ", k: "11", seed: "abc", kind: "party", endsAt: "2025-07-01T08:00" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      name: "errors.required",
      k: "assignment.errors.k",
      seed: "assignment.errors.seed",
      kind: "assignment.errors.kind",
      endsAt: "errors.endBeforeStart",
    });
    expect(r.values.k).toBe("11");
    expect(r.values.endsAt).toBe("2025-07-01T08:00");
  });

  it("refuses k = 0, a malformed date and a lone start", () => {
    const r1 = parseForm(RoundSchema, form({ ...valid, k: "0", startsAt: "2025-02-30T08:00" }));
    expect(r1.ok ? null : r1.errors).toEqual({ k: "assignment.errors.k", startsAt: "errors.dateTime" });
    const r2 = parseForm(RoundSchema, form({ ...valid, endsAt: "" }));
    expect(r2.ok ? null : r2.errors).toEqual({ endsAt: "errors.required" });
  });
});

describe("rounds", () => {
  it("creates rounds at the next position, audited, and lists them with their assignment counts", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const r1 = await createRound(t.db, admin, w.competitions.kipp, parsed(valid));
    const r2 = await createRound(t.db, admin, w.competitions.kipp, parsed({ ...valid, name: "Presentasi", kind: "presentation", poolRole: "panelist", k: "5" }));
    expect(r1.ok && r2.ok).toBe(true);
    if (!r1.ok || !r2.ok) return;
    // Another edition's round: never listed here.
    await buildRound(t.db, { competitionId: w.competitions.sivablik, name: "Sivablik desk" });

    const page = await getRoundsPage(t.db, admin, "kipp-2025");
    expect(page.rounds.map((r) => [r.position, r.name, r.kind, r.poolRole, r.k, r.spreadAffiliations, r.seed, r.assignments])).toEqual([
      [1, "Penilaian proposal", "desk", "evaluator", 3, true, 7, 0],
      [2, "Presentasi", "presentation", "panelist", 5, true, 7, 0],
    ]);
    expect(page.rounds[0].startsAt).toBe("2025-08-01T01:00:00.000Z");

    const audits = await auditRows("round.created");
    expect(audits.map((a) => [a.entity_id, a.competition_id, a.organizer_id, a.actor_user_id])).toEqual([
      [r1.roundId, w.competitions.kipp, w.organizers.panrb, w.users.panrbAdmin],
      [r2.roundId, w.competitions.kipp, w.organizers.panrb, w.users.panrbAdmin],
    ]);
    expect(JSON.parse(audits[0].after_json ?? "{}")).toMatchObject({ position: 1, name: "Penilaian proposal", k: 3, seed: 7 });
  });

  it("edits a round, auditing only what changed; no change writes nothing", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const created = await createRound(t.db, admin, w.competitions.kipp, parsed(valid));
    if (!created.ok) throw new Error("create");
    const r = await updateRoundSettings(t.db, admin, w.competitions.kipp, created.roundId, parsed({ ...valid, k: "2", spreadAffiliations: "" }));
    expect(r).toEqual({ ok: true, roundId: created.roundId });
    const audits = await auditRows("round.updated");
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].before_json ?? "{}")).toEqual({ k: 3, spreadAffiliations: true });
    expect(JSON.parse(audits[0].after_json ?? "{}")).toEqual({ k: 2, spreadAffiliations: false });
    await updateRoundSettings(t.db, admin, w.competitions.kipp, created.roundId, parsed({ ...valid, k: "2", spreadAffiliations: "" }));
    expect(await auditRows("round.updated")).toHaveLength(1);
    const row = await t.db.selectFrom("rounds").selectAll().where("id", "=", created.roundId).executeTakeFirstOrThrow();
    expect([Number(row.k), Number(row.spread_affiliations)]).toEqual([2, 0]);
  });

  it("keeps the pool once the round has assignments", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.panrbAdmin);
    const e = await buildEdition(t.db, w.competitions.kipp);
    const [p] = await buildScreenedProposals(t.db, e, [{ agencyId: w.agencies.pontianak }]);
    const j = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
    const roundId = await buildRound(t.db, { competitionId: w.competitions.kipp });
    await t.db
      .insertInto("assignments")
      .values({ id: "a1", round_id: roundId, juror_id: j, proposal_id: p.id, source: "manual", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null })
      .execute();
    const r = await updateRoundSettings(t.db, admin, w.competitions.kipp, roundId, parsed({ ...valid, poolRole: "panelist" }));
    expect(r).toEqual({ ok: false, errors: { poolRole: "assignment.errors.poolLocked" } });
    expect(await auditRows("round.updated")).toHaveLength(0);
  });

  it("lets only the organizer's admins manage rounds, with another edition's rounds present", async () => {
    const w = await buildWorld(t.db);
    await buildRound(t.db, { competitionId: w.competitions.kipp, name: "KIPP desk" });
    const sivablikRound = await buildRound(t.db, { competitionId: w.competitions.sivablik, name: "Sivablik desk" });
    for (const user of [w.users.kalbarAdmin, w.users.evaluator, w.users.adminLokal, w.users.nobody]) {
      const actor = await actorOf(t.db, user);
      await expect(getRoundsPage(t.db, actor, "kipp-2025")).rejects.toMatchObject({ status: 403 });
      await expect(createRound(t.db, actor, w.competitions.kipp, parsed(valid))).rejects.toMatchObject({ status: 403 });
    }
    // The Kalbar admin sees their own edition's round only; a KIPP round id is unknown there.
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    const own = await getRoundsPage(t.db, kalbar, "sivablik-2025");
    expect(own.rounds.map((r) => r.id)).toEqual([sivablikRound]);
    const kippRound = (await t.db.selectFrom("rounds").select("id").where("competition_id", "=", w.competitions.kipp).executeTakeFirstOrThrow()).id;
    await expect(updateRoundSettings(t.db, kalbar, w.competitions.sivablik, kippRound, parsed(valid))).rejects.toMatchObject({ status: 404 });
    await expect(getRoundsPage(t.db, kalbar, "no-such-edition")).rejects.toMatchObject({ status: 404 });
    expect(await t.db.selectFrom("rounds").select("id").execute()).toHaveLength(2);
  });
});
