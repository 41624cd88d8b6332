import { describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { can } from "~/domain/permissions";
import {
  addExistingJuror,
  addUnavailability,
  getJurorProfile,
  getOwnJurorProfile,
  getPool,
  inviteJuror,
  reinstateJuror,
  removeUnavailability,
  updateJurorProfile,
  withdrawJuror,
} from "~/services/jury.server";
import { acceptInvitation, declineInvitation, getDeclinedInvitation, getInvitation, inviteOrganizerStaff } from "~/services/invitations.server";
import { auditRows, expectStatus, outbox, tokenIn } from "../support/accounts";
import { useTestDb } from "../support/db";
import { buildEdition } from "../support/edition";
import { actorOf, buildWorld, type World } from "../support/factories";
import { buildJuror, buildRound, buildScreenedProposals } from "../support/jury";

const ORIGIN = "https://sayembara.test";
const NOW = new Date("2026-12-01T03:00:00.000Z");
const ctx = { origin: ORIGIN, now: NOW };
const DAY = 24 * 60 * 60 * 1000;

async function jurorRows(db: DB) {
  return db
    .selectFrom("jurors")
    .select(["competition_id", "role", "email", "name", "user_id", "status", "withdrawn_reason"])
    .orderBy("role")
    .orderBy("email")
    .execute();
}

async function membershipsOf(db: DB, userId: string) {
  return db
    .selectFrom("memberships")
    .select(["role", "competition_id", "active"])
    .where("user_id", "=", userId)
    .orderBy("role")
    .orderBy("competition_id")
    .execute();
}

async function auditActions(db: DB) {
  return (await auditRows(db)).map((a) => a.action);
}

async function setup(db: DB) {
  const w = await buildWorld(db);
  const kipp = await buildEdition(db, w.competitions.kipp, { now: NOW });
  const sivablik = await buildEdition(db, w.competitions.sivablik, { now: NOW });
  const panrb = await actorOf(db, w.users.panrbAdmin);
  const kalbar = await actorOf(db, w.users.kalbarAdmin);
  return { w, kipp, sivablik, panrb, kalbar };
}

describe("inviting jurors", () => {
  const t = useTestDb();

  it("invites by e-mail; accepting makes the pool entry active with the competition membership", async () => {
    const { w, panrb } = await setup(t.db);
    const result = await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Dr. Ratna Sari", email: " Ratna@UNTAN.test ", role: "evaluator" }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await jurorRows(t.db)).toEqual([
      { competition_id: w.competitions.kipp, role: "evaluator", email: "ratna@untan.test", name: "Dr. Ratna Sari", user_id: null, status: "invited", withdrawn_reason: null },
    ]);
    const inv = await t.db.selectFrom("invitations").select(["id", "email", "role", "organizer_id", "agency_id", "competition_id"]).execute();
    expect(inv).toEqual([
      { id: result.invitationId, email: "ratna@untan.test", role: "evaluator", organizer_id: w.organizers.panrb, agency_id: null, competition_id: w.competitions.kipp },
    ]);
    const juror = await t.db.selectFrom("jurors").select("invitation_id").executeTakeFirstOrThrow();
    expect(juror.invitation_id).toBe(result.invitationId);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["ratna@untan.test", "Undangan ke Sayembara: Evaluator"]]);
    expect(mails[0].body_text).toContain("Rina mengundang Anda sebagai Evaluator — KIPP 2025 di Sayembara.");
    const audit = await auditRows(t.db);
    expect(audit.map((a) => [a.action, a.actor, a.entity[0], a.organizerId, a.competitionId])).toEqual([
      ["invitation.created", w.users.panrbAdmin, "invitation", w.organizers.panrb, w.competitions.kipp],
      ["juror.invited", w.users.panrbAdmin, "juror", w.organizers.panrb, w.competitions.kipp],
    ]);
    expect(audit[1]).toMatchObject({
      entity: ["juror", result.jurorId],
      before: null,
      after: { email: "ratna@untan.test", name: "Dr. Ratna Sari", role: "evaluator", status: "invited", invitation_id: result.invitationId },
    });

    const token = tokenIn(mails[0].body_text, "/invitations/");
    const accepted = await acceptInvitation(t.db, token, { name: "Ratna Sari", password: "kata-sandi-panjang" }, NOW);
    if (!accepted.ok) throw new Error(JSON.stringify(accepted));
    expect(await jurorRows(t.db)).toEqual([
      { competition_id: w.competitions.kipp, role: "evaluator", email: "ratna@untan.test", name: "Dr. Ratna Sari", user_id: accepted.userId, status: "active", withdrawn_reason: null },
    ]);
    expect(await membershipsOf(t.db, accepted.userId)).toEqual([{ role: "evaluator", competition_id: w.competitions.kipp, active: 1 }]);
    const activated = (await auditRows(t.db)).filter((a) => a.action === "juror.activated");
    expect(activated).toEqual([
      {
        action: "juror.activated",
        actor: accepted.userId,
        entity: ["juror", result.jurorId],
        organizerId: w.organizers.panrb,
        agencyId: null,
        competitionId: w.competitions.kipp,
        before: { status: "invited", user_id: null },
        after: { status: "active", user_id: accepted.userId, invitation_id: result.invitationId },
      },
    ]);
    // The juror now edits their own profile.
    const own = await getOwnJurorProfile(t.db, await actorOf(t.db, accepted.userId), "kipp-2025");
    expect([own.juror.id, own.juror.status, own.may]).toEqual([result.jurorId, "active", { loads: false, status: false }]);
  });

  it("declining by link marks the invitation and the pool entry declined, and the link stops working", async () => {
    const { w, panrb } = await setup(t.db);
    const result = await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Budi", email: "budi@ugm.test", role: "panelist" }, ctx);
    if (!result.ok) throw new Error("expected ok");
    const token = tokenIn((await outbox(t.db))[0].body_text, "/invitations/");
    expect(await getDeclinedInvitation(t.db, token)).toBeNull();

    expect(await declineInvitation(t.db, token, new Date(NOW.getTime() + DAY))).toEqual({ ok: true });
    const inv = await t.db.selectFrom("invitations").select(["declined_at", "accepted_at"]).executeTakeFirstOrThrow();
    expect(inv).toEqual({ declined_at: new Date(NOW.getTime() + DAY).toISOString(), accepted_at: null });
    expect((await jurorRows(t.db)).map((j) => j.status)).toEqual(["declined"]);
    const declined = (await auditRows(t.db)).filter((a) => a.action === "invitation.declined");
    expect(declined).toEqual([
      {
        action: "invitation.declined",
        actor: null,
        entity: ["invitation", result.invitationId],
        organizerId: w.organizers.panrb,
        agencyId: null,
        competitionId: w.competitions.kipp,
        before: { declined_at: null, juror_status: "invited" },
        after: {
          declined_at: new Date(NOW.getTime() + DAY).toISOString(),
          email: "budi@ugm.test",
          role: "panelist",
          juror_id: result.jurorId,
          juror_status: "declined",
        },
      },
    ]);

    // The link no longer works, for accepting or declining again.
    expect(await getInvitation(t.db, token, NOW)).toBeNull();
    expect(await getDeclinedInvitation(t.db, token)).toEqual({ role: "panelist", scopeName: "KIPP 2025" });
    expect(await acceptInvitation(t.db, token, { name: "Budi", password: "kata-sandi-panjang" }, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await declineInvitation(t.db, token, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "budi@ugm.test").execute()).toEqual([]);

    // Inviting the person again issues a new link (the declined invitation is replaced).
    const again = await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Budi Santoso", email: "budi@ugm.test", role: "panelist" }, ctx);
    if (!again.ok) throw new Error("expected ok");
    expect(again.jurorId).toBe(result.jurorId);
    expect((await jurorRows(t.db)).map((j) => [j.name, j.status])).toEqual([["Budi Santoso", "invited"]]);
    expect(await t.db.selectFrom("invitations").select(["id", "declined_at"]).execute()).toEqual([{ id: again.invitationId, declined_at: null }]);
    const reissued = (await auditRows(t.db)).filter((a) => a.action === "juror.invited" && a.before !== null);
    expect(reissued.map((a) => [a.before, a.after])).toEqual([
      [
        { name: "Budi", status: "declined", invitation_id: result.invitationId },
        { email: "budi@ugm.test", name: "Budi Santoso", role: "panelist", status: "invited", invitation_id: again.invitationId },
      ],
    ]);
  });

  it("refuses to decline a staff invitation, an unknown token and an expired one", async () => {
    const { w, panrb } = await setup(t.db);
    await inviteOrganizerStaff(t.db, panrb, w.organizers.panrb, { name: "Staf", email: "staf@menpan.test" }, ctx);
    const staffToken = tokenIn((await outbox(t.db))[0].body_text, "/invitations/");
    expect(await declineInvitation(t.db, staffToken, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await declineInvitation(t.db, "not-a-token", NOW)).toEqual({ ok: false, reason: "invalid" });
    await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Budi", email: "budi@ugm.test", role: "panelist" }, ctx);
    const jurorToken = tokenIn((await outbox(t.db))[1].body_text, "/invitations/");
    expect(await declineInvitation(t.db, jurorToken, new Date(NOW.getTime() + 7 * DAY))).toEqual({ ok: false, reason: "invalid" });
    expect(await t.db.selectFrom("invitations").select("declined_at").where("declined_at", "is not", null).execute()).toEqual([]);
    expect((await jurorRows(t.db)).map((j) => j.status)).toEqual(["invited"]);
  });

  it("refuses an active juror of the same pool, a withdrawn one, and bad input, at the field", async () => {
    const { w, panrb } = await setup(t.db);
    await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "evaluator", email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
    await buildJuror(t.db, { competitionId: w.competitions.kipp, role: "evaluator", email: "mundur@juri.test", name: "Mundur", status: "withdrawn" });
    const invite = (email: string, role = "evaluator", name = "X") => inviteJuror(t.db, panrb, w.competitions.kipp, { name, email, role }, ctx);
    expect(await invite("evaluator1@juri.test")).toEqual({ ok: false, errors: { email: "jury.errors.alreadyActive" } });
    expect(await invite("mundur@juri.test")).toEqual({ ok: false, errors: { email: "jury.errors.withdrawnReinstate" } });
    expect(await invite("bukan-email", "juri", "")).toEqual({ ok: false, errors: { name: "errors.required", email: "errors.email", role: "jury.errors.role" } });
    expect(await t.db.selectFrom("invitations").select("id").execute()).toEqual([]);
    expect(await auditRows(t.db)).toEqual([]);
    // The same person may sit in the other pool.
    expect((await invite("evaluator1@juri.test", "panelist")).ok).toBe(true);
  });
});

describe("adding existing accounts", () => {
  const t = useTestDb();

  it("makes the entry active at once with the membership, and tells the person by mail", async () => {
    const { w, panrb } = await setup(t.db);
    const result = await addExistingJuror(t.db, panrb, w.competitions.kipp, { email: "WARGA@contoh.test", role: "panelist" }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.userId).toBe(w.users.nobody);
    expect(await jurorRows(t.db)).toEqual([
      { competition_id: w.competitions.kipp, role: "panelist", email: "warga@contoh.test", name: "Warga", user_id: w.users.nobody, status: "active", withdrawn_reason: null },
    ]);
    expect(await membershipsOf(t.db, w.users.nobody)).toEqual([{ role: "panelist", competition_id: w.competitions.kipp, active: 1 }]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["warga@contoh.test", "Anda ditambahkan sebagai Panelis — KIPP 2025"]]);
    expect(mails[0].body_text).toContain(`${ORIGIN}/juror/kipp-2025/profile`);
    const audit = await auditRows(t.db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "juror.added",
      actor: w.users.panrbAdmin,
      entity: ["juror", result.jurorId],
      organizerId: w.organizers.panrb,
      competitionId: w.competitions.kipp,
      before: null,
      after: { email: "warga@contoh.test", name: "Warga", role: "panelist", status: "active", user_id: w.users.nobody, invitations_revoked: 0 },
    });
    expect(can(await actorOf(t.db, w.users.nobody), "competition.view", { type: "competition", id: w.competitions.kipp, organizerId: w.organizers.panrb })).toBe(true);
  });

  it("turns a pending invitation into an active entry and stops its link; refuses unknown e-mails and active jurors", async () => {
    const { w, panrb } = await setup(t.db);
    await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Warga", email: "warga@contoh.test", role: "evaluator" }, ctx);
    const token = tokenIn((await outbox(t.db))[0].body_text, "/invitations/");
    const result = await addExistingJuror(t.db, panrb, w.competitions.kipp, { email: "warga@contoh.test", role: "evaluator" }, ctx);
    expect(result.ok).toBe(true);
    expect((await jurorRows(t.db)).map((j) => [j.email, j.status, j.user_id])).toEqual([["warga@contoh.test", "active", w.users.nobody]]);
    expect(await t.db.selectFrom("invitations").select("id").execute()).toEqual([]);
    expect(await getInvitation(t.db, token, NOW)).toBeNull();

    expect(await addExistingJuror(t.db, panrb, w.competitions.kipp, { email: "warga@contoh.test", role: "evaluator" }, ctx)).toEqual({
      ok: false,
      errors: { email: "jury.errors.alreadyActive" },
    });
    expect(await addExistingJuror(t.db, panrb, w.competitions.kipp, { email: "siapa@contoh.test", role: "evaluator" }, ctx)).toEqual({
      ok: false,
      errors: { email: "jury.errors.noAccount" },
    });
    expect(await addExistingJuror(t.db, panrb, w.competitions.kipp, { email: "", role: "x" }, ctx)).toEqual({
      ok: false,
      errors: { email: "errors.required", role: "jury.errors.role" },
    });
  });
});

describe("withdrawing and reinstating", () => {
  const t = useTestDb();

  it("withdraws with a reason (membership off, assignments kept) and reinstates", async () => {
    const { w, kipp, panrb } = await setup(t.db);
    const jurorId = await buildJuror(t.db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator });
    const [p] = await buildScreenedProposals(t.db, kipp, [{ agencyId: w.agencies.pontianak }]);
    const round = await buildRound(t.db, { competitionId: w.competitions.kipp });
    await t.db
      .insertInto("assignments")
      .values({ id: "as1", round_id: round, juror_id: jurorId, proposal_id: p.id, source: "manual", expertise_match: 0, run_id: null, created_by: null, created_at: NOW.toISOString(), opened_at: null, completed_at: null })
      .execute();

    expect(await withdrawJuror(t.db, panrb, w.competitions.kipp, jurorId, { reason: "  " }, NOW)).toEqual({ ok: false, errors: { reason: "errors.required" } });
    expect(await withdrawJuror(t.db, panrb, w.competitions.kipp, jurorId, { reason: "Tugas ke luar negeri" }, NOW)).toEqual({ ok: true });
    expect((await jurorRows(t.db)).map((j) => [j.status, j.withdrawn_reason])).toEqual([["withdrawn", "Tugas ke luar negeri"]]);
    expect(await membershipsOf(t.db, w.users.evaluator)).toEqual([{ role: "evaluator", competition_id: w.competitions.kipp, active: 0 }]);
    expect(await t.db.selectFrom("assignments").select("id").execute()).toEqual([{ id: "as1" }]);
    expect((await actorOf(t.db, w.users.evaluator)).memberships).toEqual([]);
    expect(await withdrawJuror(t.db, panrb, w.competitions.kipp, jurorId, { reason: "lagi" }, NOW)).toEqual({ ok: false, errors: { _form: "jury.errors.alreadyWithdrawn" } });

    expect(await reinstateJuror(t.db, panrb, w.competitions.kipp, jurorId, ctx)).toEqual({ ok: true, status: "active" });
    expect((await jurorRows(t.db)).map((j) => [j.status, j.withdrawn_reason])).toEqual([["active", null]]);
    expect(await membershipsOf(t.db, w.users.evaluator)).toEqual([{ role: "evaluator", competition_id: w.competitions.kipp, active: 1 }]);
    expect(await reinstateJuror(t.db, panrb, w.competitions.kipp, jurorId, ctx)).toEqual({ ok: false, errors: { _form: "jury.errors.notWithdrawn" } });

    const audit = (await auditRows(t.db)).filter((a) => a.entity[0] === "juror");
    expect(audit.map((a) => [a.action, a.actor, a.organizerId, a.competitionId, a.before, a.after])).toEqual([
      [
        "juror.reinstated",
        w.users.panrbAdmin,
        w.organizers.panrb,
        w.competitions.kipp,
        { status: "withdrawn", withdrawn_reason: "Tugas ke luar negeri" },
        { status: "active", withdrawn_reason: null, membership_id: expect.any(String), invitation_id: null },
      ],
      [
        "juror.withdrawn",
        w.users.panrbAdmin,
        w.organizers.panrb,
        w.competitions.kipp,
        { status: "active", withdrawn_reason: null },
        { status: "withdrawn", withdrawn_reason: "Tugas ke luar negeri", membership_deactivated: true, invitations_revoked: 0 },
      ],
    ]);
  });

  it("withdrawing an invited person stops their link; reinstating invites them again", async () => {
    const { w, panrb } = await setup(t.db);
    const invited = await inviteJuror(t.db, panrb, w.competitions.kipp, { name: "Budi", email: "budi@ugm.test", role: "evaluator" }, ctx);
    if (!invited.ok) throw new Error("expected ok");
    const token = tokenIn((await outbox(t.db))[0].body_text, "/invitations/");
    await withdrawJuror(t.db, panrb, w.competitions.kipp, invited.jurorId, { reason: "Tidak jadi" }, NOW);
    expect(await getInvitation(t.db, token, NOW)).toBeNull();
    expect(await reinstateJuror(t.db, panrb, w.competitions.kipp, invited.jurorId, ctx)).toEqual({ ok: true, status: "invited" });
    expect((await jurorRows(t.db)).map((j) => j.status)).toEqual(["invited"]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => m.to_address)).toEqual(["budi@ugm.test", "budi@ugm.test"]);
    const newToken = tokenIn(mails[1].body_text, "/invitations/");
    expect(await getInvitation(t.db, newToken, NOW)).toMatchObject({ email: "budi@ugm.test", role: "evaluator" });
  });
});

describe("juror profiles", () => {
  const t = useTestDb();

  async function withJurors(db: DB) {
    const s = await setup(db);
    const { w, kipp } = s;
    const eko = await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, expertise: [kipp.categories.digital] });
    const siti = await buildJuror(db, {
      competitionId: w.competitions.kipp,
      role: "panelist",
      email: "panelis1@juri.test",
      name: "Siti Z",
      userId: w.users.panelist,
      affiliationOther: "Universitas Tanjungpura",
      minLoad: 3,
      maxLoad: 12,
    });
    return { ...s, eko, siti };
  }

  it("lets the organizer set affiliation, expertise and loads, audited with before and after", async () => {
    const { w, kipp, panrb, eko } = await withJurors(t.db);
    const input = { affiliation: { kind: "agency" as const, agencyId: w.agencies.pontianak }, expertise: [kipp.categories.kesehatan, kipp.categories.digital], minLoad: 5, maxLoad: 40 };
    expect(await updateJurorProfile(t.db, panrb, w.competitions.kipp, eko, input, NOW)).toEqual({ ok: true });
    const profile = await getJurorProfile(t.db, panrb, "kipp-2025", eko);
    expect([profile.juror.affiliation.agencyId, profile.juror.affiliation.other, profile.juror.minLoad, profile.juror.maxLoad]).toEqual([w.agencies.pontianak, "", 5, 40]);
    expect(profile.expertise).toEqual([kipp.categories.digital, kipp.categories.kesehatan].sort());
    expect(profile.may).toEqual({ loads: true, status: true });
    const audit = await auditRows(t.db);
    expect(audit).toEqual([
      {
        action: "juror.updated",
        actor: w.users.panrbAdmin,
        entity: ["juror", eko],
        organizerId: w.organizers.panrb,
        agencyId: null,
        competitionId: w.competitions.kipp,
        before: { affiliation_agency_id: null, expertise: [kipp.categories.digital], min_load: 0, max_load: 100 },
        after: { affiliation_agency_id: w.agencies.pontianak, expertise: [kipp.categories.digital, kipp.categories.kesehatan].sort(), min_load: 5, max_load: 40 },
      },
    ]);
    // Saving the same again changes nothing and writes no audit row.
    expect(await updateJurorProfile(t.db, panrb, w.competitions.kipp, eko, input, NOW)).toEqual({ ok: true });
    expect(await auditRows(t.db)).toHaveLength(1);

    // The pool shows the profile.
    const pool = await getPool(t.db, panrb, "kipp-2025");
    expect(pool.pools.evaluator.map((e) => [e.name, e.status, e.affiliation.agencyName, e.expertise.length, e.minLoad, e.maxLoad, e.unavailableCount])).toEqual([
      ["Eko", "active", "Pemerintah Kota Pontianak", 2, 5, 40, 0],
    ]);
  });

  it("rejects max below min, out-of-range loads, a category of another edition, an unknown agency and an empty other body", async () => {
    const { w, kipp, sivablik, panrb, eko } = await withJurors(t.db);
    const update = (input: Parameters<typeof updateJurorProfile>[4]) => updateJurorProfile(t.db, panrb, w.competitions.kipp, eko, input, NOW);
    expect(await update({ minLoad: 10, maxLoad: 5 })).toEqual({ ok: false, errors: { maxLoad: "jury.errors.maxBelowMin" } });
    expect(await update({ minLoad: -1, maxLoad: 10001 })).toEqual({ ok: false, errors: { minLoad: "jury.errors.loadRange", maxLoad: "jury.errors.loadRange" } });
    expect(await update({ minLoad: 1.5 })).toEqual({ ok: false, errors: { minLoad: "jury.errors.loadRange" } });
    // Only the minimum given: checked against the stored maximum (100).
    expect(await update({ minLoad: 101 })).toEqual({ ok: false, errors: { maxLoad: "jury.errors.maxBelowMin" } });
    expect(await update({ expertise: [kipp.categories.digital, sivablik.categories.digital] })).toEqual({ ok: false, errors: { expertise: "jury.errors.unknownCategory" } });
    expect(await update({ affiliation: { kind: "agency", agencyId: "ag-tidak-ada" } })).toEqual({ ok: false, errors: { affiliation: "errors.unknownAgency" } });
    expect(await update({ affiliation: { kind: "other", name: "  " } })).toEqual({ ok: false, errors: { affiliationOther: "errors.required" } });
    expect(await update({ affiliation: { kind: "other", name: "x".repeat(201) } })).toEqual({ ok: false, errors: { affiliationOther: "errors.tooLong" } });
    const row = await t.db.selectFrom("jurors").select(["min_load", "max_load", "affiliation_agency_id", "affiliation_other"]).where("id", "=", eko).executeTakeFirstOrThrow();
    expect(row).toEqual({ min_load: 0, max_load: 100, affiliation_agency_id: null, affiliation_other: "" });
    expect(await t.db.selectFrom("juror_expertise").select("category_id").where("juror_id", "=", eko).execute()).toEqual([{ category_id: kipp.categories.digital }]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("adds unavailable periods typed in WIB (end after start) and removes them, audited", async () => {
    const { w, panrb, eko } = await withJurors(t.db);
    const add = (from: string, to: string, note = "") => addUnavailability(t.db, panrb, w.competitions.kipp, eko, { from, to, note }, NOW);
    expect(await add("2026-12-10T08:00", "2026-12-10T08:00")).toEqual({ ok: false, errors: { to: "errors.endBeforeStart" } });
    expect(await add("2026-12-10T08:00", "2026-12-09T08:00")).toEqual({ ok: false, errors: { to: "errors.endBeforeStart" } });
    expect(await add("2026-02-30T08:00", "")).toEqual({ ok: false, errors: { from: "errors.dateTime", to: "errors.required" } });
    const ok = await add("2026-12-10T08:00", "2026-12-12T17:00", "Dinas luar");
    if (!ok.ok) throw new Error(JSON.stringify(ok));
    expect(await t.db.selectFrom("juror_unavailability").select(["juror_id", "starts_at", "ends_at", "note"]).execute()).toEqual([
      { juror_id: eko, starts_at: "2026-12-10T01:00:00.000Z", ends_at: "2026-12-12T10:00:00.000Z", note: "Dinas luar" },
    ]);
    await removeUnavailability(t.db, panrb, w.competitions.kipp, eko, ok.periodId);
    expect(await t.db.selectFrom("juror_unavailability").select("id").execute()).toEqual([]);
    await expectStatus(removeUnavailability(t.db, panrb, w.competitions.kipp, eko, ok.periodId), 404);
    const audit = await auditRows(t.db);
    expect(audit.map((a) => [a.action, a.entity, a.competitionId, a.before, a.after])).toEqual([
      ["juror_unavailability.added", ["juror_unavailability", ok.periodId], w.competitions.kipp, null, { juror_id: eko, starts_at: "2026-12-10T01:00:00.000Z", ends_at: "2026-12-12T10:00:00.000Z", note: "Dinas luar" }],
      ["juror_unavailability.removed", ["juror_unavailability", ok.periodId], w.competitions.kipp, { juror_id: eko, starts_at: "2026-12-10T01:00:00.000Z", ends_at: "2026-12-12T10:00:00.000Z", note: "Dinas luar" }, null],
    ]);
  });

  it("lets a juror edit their own affiliation, expertise and periods but not their loads", async () => {
    const { w, kipp, eko } = await withJurors(t.db);
    const me = await actorOf(t.db, w.users.evaluator);
    const own = await getOwnJurorProfile(t.db, me, "kipp-2025");
    expect([own.juror.id, own.may]).toEqual([eko, { loads: false, status: false }]);
    expect(
      await updateJurorProfile(t.db, me, w.competitions.kipp, eko, { affiliation: { kind: "other", name: "Universitas Indonesia" }, expertise: [kipp.categories.kesehatan] }, NOW),
    ).toEqual({ ok: true });
    expect((await addUnavailability(t.db, me, w.competitions.kipp, eko, { from: "2026-12-20T00:00", to: "2026-12-24T23:59", note: "" }, NOW)).ok).toBe(true);
    await expectStatus(updateJurorProfile(t.db, me, w.competitions.kipp, eko, { maxLoad: 500 }, NOW), 403);
    await expectStatus(updateJurorProfile(t.db, me, w.competitions.kipp, eko, { expertise: [], minLoad: 0 }, NOW), 403);
    const row = await t.db.selectFrom("jurors").select(["affiliation_other", "min_load", "max_load"]).where("id", "=", eko).executeTakeFirstOrThrow();
    expect(row).toEqual({ affiliation_other: "Universitas Indonesia", min_load: 0, max_load: 100 });
    expect((await auditRows(t.db)).map((a) => `${a.action} ${a.actor}`).sort()).toEqual([
      `juror.updated ${w.users.evaluator}`,
      `juror_unavailability.added ${w.users.evaluator}`,
    ]);
    // Organizer-only actions stay closed to them.
    await expectStatus(withdrawJuror(t.db, me, w.competitions.kipp, eko, { reason: "x" }, NOW), 403);
    await expectStatus(getPool(t.db, me, "kipp-2025"), 403);
  });

  it("refuses a juror another juror's profile, with data present", async () => {
    const { w, siti } = await withJurors(t.db);
    await addUnavailability(t.db, await actorOf(t.db, w.users.panelist), w.competitions.kipp, siti, { from: "2026-12-20T08:00", to: "2026-12-21T08:00", note: "Rahasia" }, NOW);
    const eko = await actorOf(t.db, w.users.evaluator);
    await expectStatus(getJurorProfile(t.db, eko, "kipp-2025", siti), 403);
    await expectStatus(updateJurorProfile(t.db, eko, w.competitions.kipp, siti, { affiliation: { kind: "none" } }, NOW), 403);
    await expectStatus(addUnavailability(t.db, eko, w.competitions.kipp, siti, { from: "2026-12-20T08:00", to: "2026-12-21T08:00", note: "" }, NOW), 403);
    const period = await t.db.selectFrom("juror_unavailability").select("id").executeTakeFirstOrThrow();
    await expectStatus(removeUnavailability(t.db, eko, w.competitions.kipp, siti, period.id), 403);
    // The juror's own page finds only their entry; someone with none gets 404.
    expect((await getOwnJurorProfile(t.db, eko, "kipp-2025", { role: "panelist" })).juror.role).toBe("evaluator");
    await expectStatus(getOwnJurorProfile(t.db, await actorOf(t.db, w.users.nobody), "kipp-2025"), 404);
    const row = await t.db.selectFrom("jurors").select("affiliation_other").where("id", "=", siti).executeTakeFirstOrThrow();
    expect(row.affiliation_other).toBe("Universitas Tanjungpura");
    expect(await t.db.selectFrom("juror_unavailability").select("note").execute()).toEqual([{ note: "Rahasia" }]);
  });

  it("refuses a withdrawn juror their own profile", async () => {
    const { w, panrb, eko } = await withJurors(t.db);
    await withdrawJuror(t.db, panrb, w.competitions.kipp, eko, { reason: "Sakit" }, NOW);
    const me = await actorOf(t.db, w.users.evaluator);
    await expectStatus(getJurorProfile(t.db, me, "kipp-2025", eko), 403);
    await expectStatus(getOwnJurorProfile(t.db, me, "kipp-2025"), 404);
  });
});

describe("tenancy", () => {
  const t = useTestDb();

  async function kippPool(db: DB, w: World) {
    await buildJuror(db, { competitionId: w.competitions.kipp, email: "evaluator1@juri.test", name: "Eko", userId: w.users.evaluator, affiliationOther: "UGM" });
    await buildJuror(db, { competitionId: w.competitions.kipp, role: "panelist", email: "calon@juri.test", name: "Calon" });
  }

  it("lets PANRB's admin see KIPP's pool with counts", async () => {
    const { w, panrb } = await setup(t.db);
    await kippPool(t.db, w);
    await buildJuror(t.db, { competitionId: w.competitions.sivablik, email: "juri@kalbar.test", name: "Juri Kalbar" });
    const pool = await getPool(t.db, panrb, "kipp-2025");
    expect(pool.pools.evaluator.map((e) => [e.name, e.email, e.status, e.hasAccount, e.affiliation.other])).toEqual([["Eko", "evaluator1@juri.test", "active", true, "UGM"]]);
    expect(pool.pools.panelist.map((e) => [e.name, e.email, e.status, e.hasAccount])).toEqual([["Calon", "calon@juri.test", "invited", false]]);
    expect(pool.counts).toEqual({
      evaluator: { invited: 0, active: 1, declined: 0, withdrawn: 0, total: 1 },
      panelist: { invited: 1, active: 0, declined: 0, withdrawn: 0, total: 1 },
    });
    expect(pool.categories.map((k) => k.nameId)).toEqual(["Transformasi Digital", "Pelayanan Kesehatan"]);
  });

  it("refuses the Kalbar organizer KIPP's pool, jurors and every change", async () => {
    const { w, kalbar } = await setup(t.db);
    await kippPool(t.db, w);
    const eko = (await t.db.selectFrom("jurors").select("id").where("email", "=", "evaluator1@juri.test").executeTakeFirstOrThrow()).id;
    await expectStatus(getPool(t.db, kalbar, "kipp-2025"), 403);
    await expectStatus(getJurorProfile(t.db, kalbar, "kipp-2025", eko), 403);
    await expectStatus(inviteJuror(t.db, kalbar, w.competitions.kipp, { name: "X", email: "x@contoh.test", role: "evaluator" }, ctx), 403);
    await expectStatus(addExistingJuror(t.db, kalbar, w.competitions.kipp, { email: "warga@contoh.test", role: "evaluator" }, ctx), 403);
    await expectStatus(withdrawJuror(t.db, kalbar, w.competitions.kipp, eko, { reason: "x" }, NOW), 403);
    await expectStatus(reinstateJuror(t.db, kalbar, w.competitions.kipp, eko, ctx), 403);
    await expectStatus(updateJurorProfile(t.db, kalbar, w.competitions.kipp, eko, { minLoad: 1 }, NOW), 403);
    await expectStatus(addUnavailability(t.db, kalbar, w.competitions.kipp, eko, { from: "2026-12-20T08:00", to: "2026-12-21T08:00", note: "" }, NOW), 403);
    expect((await jurorRows(t.db)).map((j) => [j.email, j.status])).toEqual([
      ["evaluator1@juri.test", "active"],
      ["calon@juri.test", "invited"],
    ]);
    expect(await t.db.selectFrom("invitations").select("id").execute()).toEqual([]);
    expect(await auditRows(t.db)).toEqual([]);
  });

  it("answers 404 for a juror of another edition, even to that edition's own organizer", async () => {
    const { w, panrb, kalbar } = await setup(t.db);
    await kippPool(t.db, w);
    const eko = (await t.db.selectFrom("jurors").select("id").where("email", "=", "evaluator1@juri.test").executeTakeFirstOrThrow()).id;
    await expectStatus(getJurorProfile(t.db, kalbar, "sivablik-2025", eko), 404);
    await expectStatus(updateJurorProfile(t.db, kalbar, w.competitions.sivablik, eko, { minLoad: 1 }, NOW), 404);
    await expectStatus(withdrawJuror(t.db, kalbar, w.competitions.sivablik, eko, { reason: "x" }, NOW), 404);
    await expectStatus(getPool(t.db, panrb, "tidak-ada"), 404);
    expect((await jurorRows(t.db)).map((j) => j.status)).toEqual(["active", "invited"]);
  });
});
