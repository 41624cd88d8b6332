import { it, expect } from "vitest";
import { useTestDb } from "../support/db";
import { buildWorld } from "../support/factories";
import { buildEdition } from "../support/edition";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";
import { jurorUserIdsFor } from "~/models/juror-access.server";
const t = useTestDb();
it("lets exactly the assigned, unconflicted active jurors read a proposal", async () => {
  const w = await buildWorld(t.db);
  const e = await buildEdition(t.db, w.competitions.kipp);
  const ps = await buildScreenedProposals(t.db, e, [{ agencyId: w.agencies.pontianak }, { agencyId: w.agencies.singkawang, category: "kesehatan" }]);
  const j = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, expertise: [e.categories.digital] });
  const r = await buildRound(t.db, { competitionId: w.competitions.kipp });
  await t.db.insertInto("assignments").values({ id: "a1", round_id: r, juror_id: j, proposal_id: ps[0].id, source: "manual", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null }).execute();
  expect(await jurorUserIdsFor(t.db, ps[0].id)).toEqual([w.users.evaluator]);
  expect(await jurorUserIdsFor(t.db, ps[1].id)).toEqual([]);
  await t.db.insertInto("conflicts").values({ id: "c1", competition_id: w.competitions.kipp, juror_id: j, proposal_id: ps[0].id, source: "juror", declared_by: null, created_at: new Date().toISOString(), dismissed_by: null, dismissed_reason: null, dismissed_at: null }).execute();
  expect(await jurorUserIdsFor(t.db, ps[0].id)).toEqual([]);
});
