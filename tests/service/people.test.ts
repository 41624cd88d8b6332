import { describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { hashToken } from "~/lib/ids.server";
import { login } from "~/services/auth.server";
import {
  createInnovator,
  deactivateInnovator,
  listAgencyInnovators,
  reactivateInnovator,
} from "~/services/people.server";
import { auditRows, count, expectStatus, outbox, tokenIn } from "../support/accounts";
import { useTestDb } from "../support/db";
import { actorOf, buildUser, buildWorld, PASSWORD } from "../support/factories";
import type { DB } from "~/db.server";

const ORIGIN = "https://sayembara.test";
const NOW = new Date("2026-12-01T03:00:00.000Z");
const ctx = { origin: ORIGIN, now: NOW };

async function sessionsOf(db: DB, userId: string) {
  return Number(
    (await db.selectFrom("sessions").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow()).n,
  );
}

describe("listAgencyInnovators", () => {
  const t = useTestDb();

  it("shows an Admin Lokal the innovators of their agency only", async () => {
    const w = await buildWorld(t.db);
    await buildUser(t.db, { email: "upp.dukcapil@pontianak.test", name: "Andi", password: null, roles: [{ role: "innovator", agencyId: w.agencies.pontianak }] });
    const list = await listAgencyInnovators(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak);
    expect(list.map((p) => [p.name, p.email, p.active, p.pending])).toEqual([
      ["Andi", "upp.dukcapil@pontianak.test", true, true],
      ["Yudi", "inovator@pontianak.test", true, false],
    ]);
    const singkawang = await listAgencyInnovators(t.db, await actorOf(t.db, w.users.otherAdminLokal), w.agencies.singkawang);
    expect(singkawang.map((p) => p.email)).toEqual(["inovator@singkawang.test"]);
  });

  it("refuses Singkawang's Admin Lokal Pontianak's list, and everyone who is not its Admin Lokal", async () => {
    const w = await buildWorld(t.db);
    for (const userId of [w.users.otherAdminLokal, w.users.innovator, w.users.kalbarAdmin, w.users.platformAdmin, w.users.nobody]) {
      await expectStatus(listAgencyInnovators(t.db, await actorOf(t.db, userId), w.agencies.pontianak), 403);
    }
  });
});

describe("createInnovator", () => {
  const t = useTestDb();

  it("creates an account without a password for the Admin Lokal's agency and mails a set-password link", async () => {
    const w = await buildWorld(t.db);
    const result = await createInnovator(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak, { name: "Rudi Hartono", email: "rudi@pontianak.test" }, ctx);
    expect(result).toMatchObject({ ok: true, newAccount: true, setupLinkSent: true });
    if (!result.ok) return;
    const user = await t.db.selectFrom("users").select(["email", "name", "password_hash", "active"]).where("id", "=", result.userId).executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "rudi@pontianak.test", name: "Rudi Hartono", password_hash: null, active: 1 });
    expect((await actorOf(t.db, result.userId)).memberships).toEqual([
      { role: "innovator", organizerId: null, agencyId: w.agencies.pontianak, competitionId: null },
    ]);
    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["rudi@pontianak.test", "Akun Sayembara untuk Anda: Inovator (UPP)"]]);
    expect(mails[0].body_text).toContain("Siti membuatkan akun Sayembara untuk Anda sebagai Inovator (UPP) — Pemerintah Kota Pontianak.");
    const token = tokenIn(mails[0].body_text, `${ORIGIN}/reset-password/`);
    const resets = await t.db.selectFrom("password_resets").select(["user_id", "token_hash", "expires_at"]).execute();
    expect(resets).toEqual([{ user_id: result.userId, token_hash: hashToken(token), expires_at: "2026-12-08T03:00:00.000Z" }]);
    expect(await auditRows(t.db)).toEqual([
      {
        action: "innovator.created",
        actor: w.users.adminLokal,
        entity: ["user", result.userId],
        organizerId: null,
        agencyId: w.agencies.pontianak,
        competitionId: null,
        before: null,
        after: { user_id: result.userId, email: "rudi@pontianak.test", name: "Rudi Hartono", role: "innovator", agency_id: w.agencies.pontianak, new_account: true },
      },
    ]);
  });

  it("refuses Singkawang's Admin Lokal, an innovator and an organizer admin, and writes nothing", async () => {
    const w = await buildWorld(t.db);
    for (const userId of [w.users.otherAdminLokal, w.users.innovator, w.users.kalbarAdmin, w.users.platformAdmin]) {
      await expectStatus(createInnovator(t.db, await actorOf(t.db, userId), w.agencies.pontianak, { name: "X", email: "x@contoh.test" }, ctx), 403);
    }
    expect([await count(t.db, "users"), await count(t.db, "memberships"), await count(t.db, "outbox"), await count(t.db, "audit_log")]).toEqual([10, 8, 0, 0]);
  });

  it("adds the innovator role to an existing account, and refuses one that already has it", async () => {
    const w = await buildWorld(t.db);
    const siti = await actorOf(t.db, w.users.adminLokal);
    const result = await createInnovator(t.db, siti, w.agencies.pontianak, { name: "Eko", email: "evaluator1@juri.test" }, ctx);
    expect(result).toEqual({ ok: true, userId: w.users.evaluator, newAccount: false, setupLinkSent: false });
    expect((await outbox(t.db)).map((m) => m.subject)).toEqual(["Peran baru di Sayembara: Inovator (UPP)"]);
    expect((await actorOf(t.db, w.users.evaluator)).memberships.map((m) => m.role).sort()).toEqual(["evaluator", "innovator"]);
    expect(await createInnovator(t.db, siti, w.agencies.pontianak, { name: "Yudi", email: "inovator@pontianak.test" }, ctx)).toEqual({
      ok: false,
      errors: { email: "innovators.errors.already" },
    });
    expect(await createInnovator(t.db, siti, w.agencies.pontianak, { name: "", email: "bukan" }, ctx)).toEqual({
      ok: false,
      errors: { name: "errors.required", email: "errors.email" },
    });
  });
});

describe("deactivateInnovator and reactivateInnovator", () => {
  const t = useTestDb();

  it("deactivates an innovator with no other role: the account, its sessions and its sign-in end", async () => {
    const w = await buildWorld(t.db);
    await startSession(w.users.innovator);
    await startSession(w.users.innovator);
    await startSession(w.users.otherInnovator);
    expect(await sessionsOf(t.db, w.users.innovator)).toBe(2);

    const result = await deactivateInnovator(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak, w.users.innovator);
    expect(result).toEqual({ ok: true, changed: true, userDeactivated: true });
    expect(await sessionsOf(t.db, w.users.innovator)).toBe(0);
    expect(await sessionsOf(t.db, w.users.otherInnovator)).toBe(1);
    const user = await t.db.selectFrom("users").select("active").where("id", "=", w.users.innovator).executeTakeFirstOrThrow();
    expect(user.active).toBe(0);
    expect(await login(t.db, "inovator@pontianak.test", PASSWORD, "10.0.0.1")).toEqual({ ok: false, reason: "inactive" });
    expect(await login(t.db, "inovator@pontianak.test", "salah-sandi-sekali", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect((await listAgencyInnovators(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak)).map((p) => [p.name, p.active])).toEqual([
      ["Yudi", false],
    ]);
    expect(await auditRows(t.db)).toEqual([
      {
        action: "innovator.deactivated",
        actor: w.users.adminLokal,
        entity: ["user", w.users.innovator],
        organizerId: null,
        agencyId: w.agencies.pontianak,
        competitionId: null,
        before: { membership_active: true, user_active: true },
        after: { membership_active: false, user_active: false },
      },
    ]);

    // A second time changes nothing and writes no audit row.
    expect(await deactivateInnovator(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak, w.users.innovator)).toEqual({
      ok: true,
      changed: false,
      userDeactivated: false,
    });
    expect(await count(t.db, "audit_log")).toBe(1);
  });

  it("keeps the account and its sessions when the person holds another active role", async () => {
    const w = await buildWorld(t.db);
    const both = await buildUser(t.db, {
      email: "dwi@pontianak.test",
      name: "Dwi",
      roles: [
        { role: "innovator", agencyId: w.agencies.pontianak },
        { role: "evaluator", competitionId: w.competitions.sivablik },
      ],
    });
    await startSession(both);
    const result = await deactivateInnovator(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak, both);
    expect(result).toEqual({ ok: true, changed: true, userDeactivated: false });
    expect(await sessionsOf(t.db, both)).toBe(1);
    expect((await actorOf(t.db, both)).memberships.map((m) => m.role)).toEqual(["evaluator"]);
    expect(await login(t.db, "dwi@pontianak.test", PASSWORD, "10.0.0.1")).toEqual({ ok: true, userId: both });
    const [row] = (await auditRows(t.db)).filter((r) => r.action.startsWith("innovator."));
    expect([row.before, row.after]).toEqual([
      { membership_active: true, user_active: true },
      { membership_active: false, user_active: true },
    ]);
  });

  it("refuses Singkawang's Admin Lokal: 403 for Pontianak's innovator, 404 through Singkawang, nothing changes", async () => {
    const w = await buildWorld(t.db);
    await startSession(w.users.innovator);
    const lim = await actorOf(t.db, w.users.otherAdminLokal);
    await expectStatus(deactivateInnovator(t.db, lim, w.agencies.pontianak, w.users.innovator), 403);
    await expectStatus(deactivateInnovator(t.db, lim, w.agencies.singkawang, w.users.innovator), 404);
    await expectStatus(reactivateInnovator(t.db, lim, w.agencies.pontianak, w.users.innovator), 403);
    for (const userId of [w.users.innovator, w.users.kalbarAdmin, w.users.platformAdmin]) {
      await expectStatus(deactivateInnovator(t.db, await actorOf(t.db, userId), w.agencies.pontianak, w.users.innovator), 403);
    }
    expect(await sessionsOf(t.db, w.users.innovator)).toBe(1);
    expect((await actorOf(t.db, w.users.innovator)).memberships).toEqual([
      { role: "innovator", organizerId: null, agencyId: w.agencies.pontianak, competitionId: null },
    ]);
    expect(await count(t.db, "audit_log")).toBe(0);
  });

  it("does not let an Admin Lokal deactivate a colleague who is not an innovator", async () => {
    const w = await buildWorld(t.db);
    const colleague = await buildUser(t.db, { email: "al2@pontianak.test", name: "Nur", roles: [{ role: "admin_lokal", agencyId: w.agencies.pontianak }] });
    await expectStatus(deactivateInnovator(t.db, await actorOf(t.db, w.users.adminLokal), w.agencies.pontianak, colleague), 404);
  });

  it("reactivates the membership and the account", async () => {
    const w = await buildWorld(t.db);
    const siti = await actorOf(t.db, w.users.adminLokal);
    await deactivateInnovator(t.db, siti, w.agencies.pontianak, w.users.innovator);
    expect(await reactivateInnovator(t.db, siti, w.agencies.pontianak, w.users.innovator)).toEqual({ ok: true, changed: true, userDeactivated: false });
    expect(await login(t.db, "inovator@pontianak.test", PASSWORD, "10.0.0.1")).toEqual({ ok: true, userId: w.users.innovator });
    expect((await actorOf(t.db, w.users.innovator)).memberships.map((m) => m.agencyId)).toEqual([w.agencies.pontianak]);
    const rows = (await auditRows(t.db)).filter((r) => r.action.startsWith("innovator."));
    expect(rows.map((r) => [r.action, r.actor, r.entity, r.agencyId, r.before, r.after])).toEqual([
      [
        "innovator.deactivated",
        w.users.adminLokal,
        ["user", w.users.innovator],
        w.agencies.pontianak,
        { membership_active: true, user_active: true },
        { membership_active: false, user_active: false },
      ],
      [
        "innovator.reactivated",
        w.users.adminLokal,
        ["user", w.users.innovator],
        w.agencies.pontianak,
        { membership_active: false, user_active: false },
        { membership_active: true, user_active: true },
      ],
    ]);
  });
});
