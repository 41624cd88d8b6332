import { describe, expect, it } from "vitest";
import { hashToken } from "~/lib/ids.server";
import { login, resetPassword } from "~/services/auth.server";
import {
  acceptInvitation,
  createAdminLokal,
  getInvitation,
  inviteAdminLokal,
  inviteOrganizerStaff,
  revokeInvitation,
} from "~/services/invitations.server";
import { auditRows, count, expectStatus, outbox, tokenIn } from "../support/accounts";
import { useTestDb } from "../support/db";
import { actorOf, agencyId, buildWorld } from "../support/factories";

const ORIGIN = "https://sayembara.test";
const NOW = new Date("2026-12-01T03:00:00.000Z");
const IN_7_DAYS = "2026-12-08T03:00:00.000Z";
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 24 * 60 * 60 * 1000;
const ctx = { origin: ORIGIN, now: NOW };
const banjarmasin = agencyId("KOTA-63.71");

async function invitationTokens(db: Parameters<typeof outbox>[0]) {
  return (await outbox(db)).map((m) => tokenIn(m.body_text, "/invitations/"));
}

describe("inviteOrganizerStaff", () => {
  const t = useTestDb();

  it("lets an organizer admin invite staff to their own organizer", async () => {
    const w = await buildWorld(t.db);
    const result = await inviteOrganizerStaff(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, { name: "Maria Ulfa", email: "maria@kalbarprov.test" }, ctx);
    if (!result.ok) throw new Error("expected ok");
    const rows = await t.db.selectFrom("invitations").select(["email", "role", "organizer_id", "agency_id", "invited_by", "expires_at"]).execute();
    expect(rows).toEqual([
      { email: "maria@kalbarprov.test", role: "organizer_admin", organizer_id: w.organizers.kalbar, agency_id: null, invited_by: w.users.kalbarAdmin, expires_at: IN_7_DAYS },
    ]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["maria@kalbarprov.test", "Undangan ke Sayembara: Admin Penyelenggara"]]);
    expect(mails[0].body_text).toContain("Hendra mengundang Anda sebagai Admin Penyelenggara — Pemerintah Provinsi Kalimantan Barat di Sayembara.");
    expect(await auditRows(t.db)).toEqual([
      {
        action: "invitation.created",
        actor: w.users.kalbarAdmin,
        entity: ["invitation", result.invitationId],
        organizerId: w.organizers.kalbar,
        agencyId: null,
        competitionId: null,
        before: null,
        after: {
          email: "maria@kalbarprov.test",
          name: "Maria Ulfa",
          role: "organizer_admin",
          organizer_id: w.organizers.kalbar,
          agency_id: null,
          competition_id: null,
          expires_at: IN_7_DAYS,
          replaced: 0,
        },
      },
    ]);
  });

  it("refuses the Kalbar admin inviting staff to PANRB, and anyone without an organizer role", async () => {
    const w = await buildWorld(t.db);
    for (const userId of [w.users.kalbarAdmin, w.users.adminLokal, w.users.evaluator, w.users.nobody]) {
      await expectStatus(
        inviteOrganizerStaff(t.db, await actorOf(t.db, userId), w.organizers.panrb, { name: "Penyusup", email: "x@contoh.test" }, ctx),
        403,
      );
    }
    expect([await count(t.db, "invitations"), await count(t.db, "outbox"), await count(t.db, "audit_log")]).toEqual([0, 0, 0]);
  });

  it("refuses a person already on the staff, and replaces an earlier pending invitation of the same person", async () => {
    const w = await buildWorld(t.db);
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    expect(await inviteOrganizerStaff(t.db, kalbar, w.organizers.kalbar, { name: "Hendra", email: "organisasi@kalbarprov.test" }, ctx)).toEqual({
      ok: false,
      errors: { email: "organizer.errors.alreadyStaff" },
    });
    await inviteOrganizerStaff(t.db, kalbar, w.organizers.kalbar, { name: "Maria", email: "maria@kalbarprov.test" }, ctx);
    await inviteOrganizerStaff(t.db, kalbar, w.organizers.kalbar, { name: "Maria Ulfa", email: "maria@kalbarprov.test" }, ctx);
    expect(await t.db.selectFrom("invitations").select("name").execute()).toEqual([{ name: "Maria Ulfa" }]);
    const [first, second] = await invitationTokens(t.db);
    expect(await acceptInvitation(t.db, first, { name: "Maria", password: "kata-sandi-panjang" }, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect((await acceptInvitation(t.db, second, { name: "Maria Ulfa", password: "kata-sandi-panjang" }, NOW)).ok).toBe(true);
  });
});

describe("inviteAdminLokal", () => {
  const t = useTestDb();

  it("lets a provincial organizer invite an Admin Lokal for an agency of its province", async () => {
    const w = await buildWorld(t.db);
    const result = await inviteAdminLokal(
      t.db,
      await actorOf(t.db, w.users.kalbarAdmin),
      w.organizers.kalbar,
      { agencyId: w.agencies.singkawang, name: "Tan Mei", email: "mei@singkawangkota.test" },
      ctx,
    );
    if (!result.ok) throw new Error("expected ok");
    const rows = await t.db.selectFrom("invitations").select(["email", "role", "organizer_id", "agency_id"]).execute();
    expect(rows).toEqual([{ email: "mei@singkawangkota.test", role: "admin_lokal", organizer_id: w.organizers.kalbar, agency_id: w.agencies.singkawang }]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["mei@singkawangkota.test", "Undangan ke Sayembara: Admin Lokal"]]);
    expect(mails[0].body_text).toContain("sebagai Admin Lokal — Pemerintah Kota Singkawang");
    const audit = await auditRows(t.db);
    expect(audit.map((a) => [a.action, a.actor, a.entity, a.organizerId, a.agencyId])).toEqual([
      ["invitation.created", w.users.kalbarAdmin, ["invitation", result.invitationId], w.organizers.kalbar, w.agencies.singkawang],
    ]);

    // Accepting gives the agency role (the membership carries the agency, not the organizer).
    const token = tokenIn(mails[0].body_text, "/invitations/");
    const accepted = await acceptInvitation(t.db, token, { name: "Tan Mei", password: "kata-sandi-panjang" }, NOW);
    if (!accepted.ok) throw new Error("expected ok");
    expect((await actorOf(t.db, accepted.userId)).memberships).toEqual([
      { role: "admin_lokal", organizerId: null, agencyId: w.agencies.singkawang, competitionId: null },
    ]);
  });

  it("refuses a provincial organizer an agency outside its province; the national organizer may", async () => {
    const w = await buildWorld(t.db);
    const person = { agencyId: banjarmasin, name: "Rahmat", email: "rahmat@banjarmasin.test" };
    expect(await inviteAdminLokal(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, person, ctx)).toEqual({
      ok: false,
      errors: { agencyId: "organizer.errors.agencyOutsideProvince" },
    });
    expect([await count(t.db, "invitations"), await count(t.db, "outbox")]).toEqual([0, 0]);
    const national = await inviteAdminLokal(t.db, await actorOf(t.db, w.users.panrbAdmin), w.organizers.panrb, person, ctx);
    expect(national.ok).toBe(true);
    expect(await inviteAdminLokal(t.db, await actorOf(t.db, w.users.panrbAdmin), w.organizers.panrb, { ...person, agencyId: "ag-none" }, ctx)).toEqual({
      ok: false,
      errors: { agencyId: "errors.unknownAgency" },
    });
  });

  it("refuses another organizer's admin, the platform admin and Admin Lokal", async () => {
    const w = await buildWorld(t.db);
    const person = { agencyId: w.agencies.pontianak, name: "X", email: "x@contoh.test" };
    for (const userId of [w.users.panrbAdmin, w.users.platformAdmin, w.users.adminLokal]) {
      await expectStatus(inviteAdminLokal(t.db, await actorOf(t.db, userId), w.organizers.kalbar, person, ctx), 403);
      await expectStatus(createAdminLokal(t.db, await actorOf(t.db, userId), w.organizers.kalbar, person, ctx), 403);
    }
    expect([await count(t.db, "invitations"), await count(t.db, "users"), await count(t.db, "outbox"), await count(t.db, "audit_log")]).toEqual([0, 10, 0, 0]);
  });

  it("refuses a person who already is Admin Lokal of that agency", async () => {
    const w = await buildWorld(t.db);
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    const siti = { agencyId: w.agencies.pontianak, name: "Siti", email: "adminlokal@pontianak.test" };
    const expected = { ok: false, errors: { email: "organizer.errors.alreadyAdminLokal" } };
    expect(await inviteAdminLokal(t.db, kalbar, w.organizers.kalbar, siti, ctx)).toEqual(expected);
    expect(await createAdminLokal(t.db, kalbar, w.organizers.kalbar, siti, ctx)).toEqual(expected);
  });
});

describe("createAdminLokal", () => {
  const t = useTestDb();

  it("creates the account without a password and mails a 7-day set-password link", async () => {
    const w = await buildWorld(t.db);
    const result = await createAdminLokal(
      t.db,
      await actorOf(t.db, w.users.kalbarAdmin),
      w.organizers.kalbar,
      { agencyId: w.agencies.singkawang, name: "Tan Mei", email: "Mei@SingkawangKota.test" },
      ctx,
    );
    expect(result).toMatchObject({ ok: true, newAccount: true, setupLinkSent: true });
    if (!result.ok) return;
    const user = await t.db.selectFrom("users").select(["email", "name", "password_hash", "active"]).where("id", "=", result.userId).executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "mei@singkawangkota.test", name: "Tan Mei", password_hash: null, active: 1 });
    expect((await actorOf(t.db, result.userId)).memberships).toEqual([
      { role: "admin_lokal", organizerId: null, agencyId: w.agencies.singkawang, competitionId: null },
    ]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["mei@singkawangkota.test", "Akun Sayembara untuk Anda: Admin Lokal"]]);
    const token = tokenIn(mails[0].body_text, `${ORIGIN}/reset-password/`);
    const resets = await t.db.selectFrom("password_resets").select(["user_id", "token_hash", "expires_at", "used_at"]).execute();
    expect(resets).toEqual([{ user_id: result.userId, token_hash: hashToken(token), expires_at: IN_7_DAYS, used_at: null }]);
    expect(await auditRows(t.db)).toEqual([
      {
        action: "admin_lokal.created",
        actor: w.users.kalbarAdmin,
        entity: ["user", result.userId],
        organizerId: w.organizers.kalbar,
        agencyId: w.agencies.singkawang,
        competitionId: null,
        before: null,
        after: {
          user_id: result.userId,
          email: "mei@singkawangkota.test",
          name: "Tan Mei",
          role: "admin_lokal",
          agency_id: w.agencies.singkawang,
          new_account: true,
        },
      },
    ]);

    // The link sets the password (before it expires); then the person can sign in.
    expect(await resetPassword(t.db, token, "kata-sandi-baru-mei", later(6 * DAY))).toBe(true);
    expect(await login(t.db, "mei@singkawangkota.test", "kata-sandi-baru-mei", "10.0.0.1")).toEqual({ ok: true, userId: result.userId });
  });

  it("adds the role to an existing account and mails a note instead of a link", async () => {
    const w = await buildWorld(t.db);
    const result = await createAdminLokal(
      t.db,
      await actorOf(t.db, w.users.kalbarAdmin),
      w.organizers.kalbar,
      { agencyId: w.agencies.pontianak, name: "Yudi", email: "inovator@pontianak.test" },
      ctx,
    );
    expect(result).toEqual({ ok: true, userId: w.users.innovator, newAccount: false, setupLinkSent: false });
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["inovator@pontianak.test", "Peran baru di Sayembara: Admin Lokal"]]);
    expect(mails[0].body_text).toContain(`${ORIGIN}/login`);
    expect(await count(t.db, "password_resets")).toBe(0);
    const roles = (await actorOf(t.db, w.users.innovator)).memberships.map((m) => m.role).sort();
    expect(roles).toEqual(["admin_lokal", "innovator"]);
  });

  it("refuses a provincial organizer an agency outside its province", async () => {
    const w = await buildWorld(t.db);
    expect(
      await createAdminLokal(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, { agencyId: banjarmasin, name: "Rahmat", email: "rahmat@banjarmasin.test" }, ctx),
    ).toEqual({ ok: false, errors: { agencyId: "organizer.errors.agencyOutsideProvince" } });
    expect([await count(t.db, "users"), await count(t.db, "memberships"), await count(t.db, "outbox")]).toEqual([10, 8, 0]);
  });
});

describe("acceptInvitation", () => {
  const t = useTestDb();

  async function invitedStaff() {
    const w = await buildWorld(t.db);
    const result = await inviteOrganizerStaff(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, { name: "Maria Ulfa", email: "maria@kalbarprov.test" }, ctx);
    if (!result.ok) throw new Error("expected ok");
    const [token] = await invitationTokens(t.db);
    return { w, token, invitationId: result.invitationId };
  }

  it("creates the account for a new e-mail and gives the role, once", async () => {
    const { w, token, invitationId } = await invitedStaff();
    expect(await getInvitation(t.db, token, NOW)).toEqual({
      email: "maria@kalbarprov.test",
      name: "Maria Ulfa",
      role: "organizer_admin",
      scopeName: "Pemerintah Provinsi Kalimantan Barat",
      hasAccount: false,
    });
    const result = await acceptInvitation(t.db, token, { name: " Maria U. ", password: "kata-sandi-panjang" }, later(DAY));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.newAccount).toBe(true);
    const user = await t.db.selectFrom("users").select(["email", "name", "active"]).where("id", "=", result.userId).executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "maria@kalbarprov.test", name: "Maria U.", active: 1 });
    expect((await actorOf(t.db, result.userId)).memberships).toEqual([
      { role: "organizer_admin", organizerId: w.organizers.kalbar, agencyId: null, competitionId: null },
    ]);
    expect(await login(t.db, "maria@kalbarprov.test", "kata-sandi-panjang", "10.0.0.1")).toEqual({ ok: true, userId: result.userId });

    const accepted = (await auditRows(t.db)).filter((a) => a.action === "invitation.accepted");
    const membership = await t.db.selectFrom("memberships").select("id").where("user_id", "=", result.userId).executeTakeFirstOrThrow();
    expect(accepted).toEqual([
      {
        action: "invitation.accepted",
        actor: result.userId,
        entity: ["invitation", invitationId],
        organizerId: w.organizers.kalbar,
        agencyId: null,
        competitionId: null,
        before: { accepted_at: null },
        after: { accepted_at: later(DAY).toISOString(), user_id: result.userId, membership_id: membership.id, role: "organizer_admin", new_account: true },
      },
    ]);

    // Single use: the same link does nothing the second time, whichever way.
    expect(await acceptInvitation(t.db, token, { name: "Lagi", password: "kata-sandi-lain-lagi" }, later(DAY))).toEqual({ ok: false, reason: "invalid" });
    expect(await acceptInvitation(t.db, token, { existingUserId: result.userId }, later(DAY))).toEqual({ ok: false, reason: "invalid" });
    expect(await getInvitation(t.db, token, later(DAY))).toBeNull();
    expect([await count(t.db, "users"), await count(t.db, "memberships")]).toEqual([11, 9]);
  });

  it("works until 7 days after it was sent, not after", async () => {
    const { token } = await invitedStaff();
    expect(await getInvitation(t.db, token, later(7 * DAY))).toBeNull();
    expect(await acceptInvitation(t.db, token, { name: "Maria", password: "kata-sandi-panjang" }, later(7 * DAY))).toEqual({ ok: false, reason: "invalid" });
    expect(await acceptInvitation(t.db, token, { name: "Maria", password: "kata-sandi-panjang" }, later(7 * DAY - 1000))).toMatchObject({ ok: true });
  });

  it("refuses an unknown token", async () => {
    await invitedStaff();
    expect(await acceptInvitation(t.db, "not-a-token", { name: "Maria", password: "kata-sandi-panjang" }, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a signed-in account whose e-mail is not the invited one, and leaves the invitation usable", async () => {
    const { w, token } = await invitedStaff();
    expect(await acceptInvitation(t.db, token, { existingUserId: w.users.panrbAdmin }, NOW)).toEqual({
      ok: false,
      reason: "wrongAccount",
      email: "maria@kalbarprov.test",
    });
    expect((await actorOf(t.db, w.users.panrbAdmin)).memberships.map((m) => m.organizerId)).toEqual([w.organizers.panrb]);
    expect(await getInvitation(t.db, token, NOW)).not.toBeNull();
    expect(await count(t.db, "audit_log")).toBe(1);
  });

  it("asks an existing account to sign in rather than make a second one", async () => {
    const w = await buildWorld(t.db);
    await inviteOrganizerStaff(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, { name: "Eko", email: "evaluator1@juri.test" }, ctx);
    const [token] = await invitationTokens(t.db);
    expect((await getInvitation(t.db, token, NOW))?.hasAccount).toBe(true);
    expect(await acceptInvitation(t.db, token, { name: "Eko", password: "kata-sandi-panjang" }, NOW)).toEqual({ ok: false, reason: "accountExists" });
    expect(await acceptInvitation(t.db, token, { existingUserId: w.users.evaluator }, NOW)).toEqual({ ok: true, userId: w.users.evaluator, newAccount: false });
  });

  it("checks the name and a password of at least 10 characters", async () => {
    const { token } = await invitedStaff();
    expect(await acceptInvitation(t.db, token, { name: "  ", password: "pendek" }, NOW)).toEqual({
      ok: false,
      reason: "form",
      errors: { name: "errors.required", password: "errors.passwordShort" },
    });
    expect(await getInvitation(t.db, token, NOW)).not.toBeNull();
    expect(await count(t.db, "users")).toBe(10);
  });
});

describe("revokeInvitation", () => {
  const t = useTestDb();

  it("lets the organizer revoke its pending invitation: the link stops working", async () => {
    const w = await buildWorld(t.db);
    const kalbar = await actorOf(t.db, w.users.kalbarAdmin);
    const result = await inviteAdminLokal(t.db, kalbar, w.organizers.kalbar, { agencyId: w.agencies.pontianak, name: "Budi", email: "budi@pontianak.test" }, ctx);
    if (!result.ok) throw new Error("expected ok");
    const [token] = await invitationTokens(t.db);
    await revokeInvitation(t.db, kalbar, w.organizers.kalbar, result.invitationId);
    expect(await count(t.db, "invitations")).toBe(0);
    expect(await acceptInvitation(t.db, token, { name: "Budi", password: "kata-sandi-panjang" }, NOW)).toEqual({ ok: false, reason: "invalid" });
    const revoked = (await auditRows(t.db)).filter((a) => a.action === "invitation.revoked");
    expect(revoked).toEqual([
      {
        action: "invitation.revoked",
        actor: w.users.kalbarAdmin,
        entity: ["invitation", result.invitationId],
        organizerId: w.organizers.kalbar,
        agencyId: w.agencies.pontianak,
        competitionId: null,
        before: { email: "budi@pontianak.test", name: "Budi", role: "admin_lokal", agency_id: w.agencies.pontianak, expires_at: IN_7_DAYS },
        after: null,
      },
    ]);
  });

  it("refuses another organizer's admin (403), and finds nothing through another organizer's id (404)", async () => {
    const w = await buildWorld(t.db);
    const result = await inviteOrganizerStaff(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, { name: "Maria", email: "maria@kalbarprov.test" }, ctx);
    if (!result.ok) throw new Error("expected ok");
    const panrb = await actorOf(t.db, w.users.panrbAdmin);
    await expectStatus(revokeInvitation(t.db, panrb, w.organizers.kalbar, result.invitationId), 403);
    await expectStatus(revokeInvitation(t.db, panrb, w.organizers.panrb, result.invitationId), 404);
    await expectStatus(revokeInvitation(t.db, await actorOf(t.db, w.users.adminLokal), w.organizers.kalbar, result.invitationId), 403);
    expect(await count(t.db, "invitations")).toBe(1);
  });
});
