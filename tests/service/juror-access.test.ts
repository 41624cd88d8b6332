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

it("keeps a blind round's proposal off /proposals/:number for its juror (the score page hides identity)", async () => {
  const { getProposalPage } = await import("~/services/proposals.server");
  const { actorOf } = await import("../support/factories");
  const w = await buildWorld(t.db);
  const e = await buildEdition(t.db, w.competitions.kipp);
  const [p] = await buildScreenedProposals(t.db, e, [{ agencyId: w.agencies.pontianak }]);
  const j = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
  const r = await buildRound(t.db, { competitionId: w.competitions.kipp });
  await t.db.insertInto("assignments").values({ id: "a1", round_id: r, juror_id: j, proposal_id: p.id, source: "manual", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null }).execute();
  const juror = await actorOf(t.db, w.users.evaluator);
  const page = await getProposalPage(t.db, juror, p.number);
  expect(page.proposal.number).toBe(p.number);
  await t.db.updateTable("rounds").set({ blind: 1 }).where("id", "=", r).execute();
  await expect(getProposalPage(t.db, juror, p.number)).rejects.toMatchObject({ status: 404 });
});

it("lists a round of the other pool on a juror's page when they sit on its field team", async () => {
  const { getJurorAssignments } = await import("~/services/juror-views.server");
  const { actorOf } = await import("../support/factories");
  const w = await buildWorld(t.db);
  const e = await buildEdition(t.db, w.competitions.kipp);
  const [p] = await buildScreenedProposals(t.db, e, [{ agencyId: w.agencies.pontianak }]);
  const panel = await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "panelist", email: "panelis1@juri.test", name: "Siti", userId: w.users.panelist });
  const desk = await buildRound(t.db, { competitionId: w.competitions.kipp, position: 1, poolRole: "evaluator" });
  const field = await buildRound(t.db, { competitionId: w.competitions.kipp, position: 2, name: "Verifikasi lapangan", kind: "field", poolRole: "evaluator" });
  const panelist = await actorOf(t.db, w.users.panelist);
  expect((await getJurorAssignments(t.db, panelist, "kipp-2025")).rounds.map((r) => r.id)).toEqual([]);
  await t.db.insertInto("assignments").values({ id: "a-field", round_id: field, juror_id: panel, proposal_id: p.id, source: "manual", expertise_match: 1, run_id: null, created_by: null, created_at: new Date().toISOString(), opened_at: null, completed_at: null }).execute();
  const view = await getJurorAssignments(t.db, panelist, "kipp-2025");
  expect(view.rounds.map((r) => [r.id, r.assignments.map((a) => a.number)])).toEqual([[field, [p.number]]]);
  expect(view.rounds.some((r) => r.id === desk)).toBe(false);
});
