import { describe, expect, it } from "vitest";
import { hashToken } from "~/lib/ids.server";
import { acceptInvitation } from "~/services/invitations.server";
import { createOrganizer, getOrganizerPage, getOrganizersAdmin } from "~/services/organizers.server";
import { auditRows, count, expectStatus, outbox, tokenIn } from "../support/accounts";
import { useTestDb } from "../support/db";
import { actorOf, agencyId, buildUser, buildWorld } from "../support/factories";

const ORIGIN = "https://sayembara.test";
const NOW = new Date("2026-12-01T03:00:00.000Z");
const IN_7_DAYS = "2026-12-08T03:00:00.000Z";

const kalteng = {
  name: "Pemerintah Provinsi Kalimantan Tengah",
  kind: "provincial",
  provinceCode: "62",
  firstAdmin: { name: "Dewi Lestari", email: "Dewi@KaltengProv.test " },
};

describe("createOrganizer", () => {
  const t = useTestDb();

  it("lets the platform admin create a provincial organizer and invites its first admin", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.platformAdmin);
    const result = await createOrganizer(t.db, admin, kalteng, { origin: ORIGIN, now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    const organizer = await t.db.selectFrom("organizers").select(["name", "kind", "province_code"]).where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(organizer).toEqual({ name: "Pemerintah Provinsi Kalimantan Tengah", kind: "provincial", province_code: "62" });

    const invitations = await t.db.selectFrom("invitations").selectAll().execute();
    expect(invitations.map((i) => [i.id, i.email, i.name, i.role, i.organizer_id, i.agency_id, i.competition_id, i.invited_by, i.expires_at, i.accepted_at])).toEqual([
      [result.invitationId, "dewi@kaltengprov.test", "Dewi Lestari", "organizer_admin", result.id, null, null, w.users.platformAdmin, IN_7_DAYS, null],
    ]);

    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([["dewi@kaltengprov.test", "Undangan ke Sayembara: Admin Penyelenggara"]]);
    expect(mails[0].body_text).toContain("Halo Dewi Lestari,\n\nAdmin mengundang Anda sebagai Admin Penyelenggara — Pemerintah Provinsi Kalimantan Tengah di Sayembara.");
    const token = tokenIn(mails[0].body_text, `${ORIGIN}/invitations/`);
    // Only the hash is stored.
    expect(invitations[0].token_hash).toBe(hashToken(token));
    expect(invitations[0].token_hash).not.toBe(token);

    expect(await auditRows(t.db)).toEqual([
      {
        action: "invitation.created",
        actor: w.users.platformAdmin,
        entity: ["invitation", result.invitationId],
        organizerId: result.id,
        agencyId: null,
        competitionId: null,
        before: null,
        after: {
          email: "dewi@kaltengprov.test",
          name: "Dewi Lestari",
          role: "organizer_admin",
          organizer_id: result.id,
          agency_id: null,
          competition_id: null,
          expires_at: IN_7_DAYS,
          replaced: 0,
        },
      },
      {
        action: "organizer.created",
        actor: w.users.platformAdmin,
        entity: ["organizer", result.id],
        organizerId: result.id,
        agencyId: null,
        competitionId: null,
        before: null,
        after: { name: "Pemerintah Provinsi Kalimantan Tengah", kind: "provincial", province_code: "62" },
      },
    ]);
  });

  it("refuses everyone but the platform admin, and writes nothing", async () => {
    const w = await buildWorld(t.db);
    for (const userId of [w.users.panrbAdmin, w.users.kalbarAdmin, w.users.adminLokal, w.users.evaluator, w.users.nobody]) {
      await expectStatus(createOrganizer(t.db, await actorOf(t.db, userId), kalteng, { origin: ORIGIN, now: NOW }), 403);
    }
    expect([await count(t.db, "organizers"), await count(t.db, "invitations"), await count(t.db, "outbox"), await count(t.db, "audit_log")]).toEqual([2, 0, 0, 0]);
  });

  it("requires a province for a provincial organizer, refuses a taken name, and ignores the province of a national one", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.platformAdmin);
    const ctx = { origin: ORIGIN, now: NOW };
    expect(await createOrganizer(t.db, admin, { ...kalteng, provinceCode: "" }, ctx)).toEqual({ ok: false, errors: { provinceCode: "errors.unknownProvince" } });
    // 61.71 is a city (Kota Pontianak), not a province.
    expect(await createOrganizer(t.db, admin, { ...kalteng, provinceCode: "61.71" }, ctx)).toEqual({ ok: false, errors: { provinceCode: "errors.unknownProvince" } });
    expect(await createOrganizer(t.db, admin, { ...kalteng, name: "Kementerian PANRB" }, ctx)).toEqual({ ok: false, errors: { name: "errors.nameTaken" } });
    expect(
      await createOrganizer(t.db, admin, { name: " ", kind: "regional", provinceCode: null, firstAdmin: { name: "", email: "bukan-email" } }, ctx),
    ).toEqual({
      ok: false,
      errors: { name: "errors.required", kind: "errors.required", "firstAdmin.name": "errors.required", "firstAdmin.email": "errors.email" },
    });
    expect([await count(t.db, "organizers"), await count(t.db, "invitations"), await count(t.db, "outbox")]).toEqual([2, 0, 0]);

    const national = await createOrganizer(t.db, admin, { ...kalteng, name: "Kementerian Dalam Negeri", kind: "national", provinceCode: "62" }, ctx);
    if (!national.ok) throw new Error("expected ok");
    const row = await t.db.selectFrom("organizers").select(["kind", "province_code"]).where("id", "=", national.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: "national", province_code: null });
  });

  it("invites an e-mail that already has an account; accepting adds the organizer role to it", async () => {
    const w = await buildWorld(t.db);
    const admin = await actorOf(t.db, w.users.platformAdmin);
    const result = await createOrganizer(
      t.db,
      admin,
      { ...kalteng, firstAdmin: { name: "Eko", email: "evaluator1@juri.test" } },
      { origin: ORIGIN, now: NOW },
    );
    if (!result.ok) throw new Error("expected ok");
    const [mail] = await outbox(t.db);
    expect(mail.to_address).toBe("evaluator1@juri.test");
    const token = tokenIn(mail.body_text, "/invitations/");
    const accepted = await acceptInvitation(t.db, token, { existingUserId: w.users.evaluator }, NOW);
    expect(accepted).toEqual({ ok: true, userId: w.users.evaluator, newAccount: false });
    const eko = await actorOf(t.db, w.users.evaluator);
    expect([...eko.memberships].sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "evaluator", organizerId: null, agencyId: null, competitionId: w.competitions.kipp },
      { role: "organizer_admin", organizerId: result.id, agencyId: null, competitionId: null },
    ]);
  });
});

describe("getOrganizersAdmin", () => {
  const t = useTestDb();

  it("lists every organizer with its counts for the platform admin only", async () => {
    const w = await buildWorld(t.db);
    const page = await getOrganizersAdmin(t.db, await actorOf(t.db, w.users.platformAdmin));
    expect(page.organizers.map((o) => [o.name, o.kind, o.provinceName, o.competitionCount, o.adminCount])).toEqual([
      ["Kementerian PANRB", "national", null, 1, 1],
      ["Pemerintah Provinsi Kalimantan Barat", "provincial", "Kalimantan Barat", 1, 1],
    ]);
    expect(page.provinces.length).toBe(38);
    await expectStatus(getOrganizersAdmin(t.db, await actorOf(t.db, w.users.panrbAdmin)), 403);
  });
});

describe("getOrganizerPage", () => {
  const t = useTestDb();

  async function worldWithBanjarmasin() {
    const w = await buildWorld(t.db);
    // An Admin Lokal outside Kalimantan Barat, who must not show on Kalbar's page.
    await buildUser(t.db, { email: "adminlokal@banjarmasin.test", name: "Rahmat", roles: [{ role: "admin_lokal", agencyId: agencyId("KOTA-63.71") }] });
    return w;
  }

  it("shows a provincial organizer only the Admin Lokal and agencies of its province", async () => {
    const w = await worldWithBanjarmasin();
    const page = await getOrganizerPage(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, "kota");
    expect(page.organizer.name).toBe("Pemerintah Provinsi Kalimantan Barat");
    expect(page.competitions.map((c) => c.name)).toEqual(["Sivablik 2025"]);
    expect(page.staff.map((s) => s.email)).toEqual(["organisasi@kalbarprov.test"]);
    expect(page.adminLokal.map((a) => [a.email, a.agencyName])).toEqual([
      ["adminlokal@pontianak.test", "Pemerintah Kota Pontianak"],
      ["adminlokal@singkawang.test", "Pemerintah Kota Singkawang"],
    ]);
    expect(page.agencyMatches).toEqual({
      total: 2,
      rows: [
        { id: "ag-kota-61.71", code: "KOTA-61.71", name: "Pemerintah Kota Pontianak" },
        { id: "ag-kota-61.72", code: "KOTA-61.72", name: "Pemerintah Kota Singkawang" },
      ],
    });
    expect(page.may).toEqual({ createCompetition: true, inviteStaff: true, revoke: true, adminLokal: true, addAgency: true });
    const outside = await getOrganizerPage(t.db, await actorOf(t.db, w.users.kalbarAdmin), w.organizers.kalbar, "banjarmasin");
    expect(outside.agencyMatches).toEqual({ total: 0, rows: [] });
  });

  it("shows the national organizer the Admin Lokal of every agency", async () => {
    const w = await worldWithBanjarmasin();
    const page = await getOrganizerPage(t.db, await actorOf(t.db, w.users.panrbAdmin), w.organizers.panrb, "banjarmasin");
    expect(page.adminLokal.map((a) => a.email)).toEqual([
      "adminlokal@banjarmasin.test",
      "adminlokal@pontianak.test",
      "adminlokal@singkawang.test",
    ]);
    expect(page.agencyMatches?.rows.map((a) => a.name)).toEqual(["Pemerintah Kota Banjarmasin"]);
  });

  it("refuses another organizer's admin and people without an organizer role; the platform admin only reads", async () => {
    const w = await buildWorld(t.db);
    for (const userId of [w.users.kalbarAdmin, w.users.adminLokal, w.users.evaluator, w.users.nobody]) {
      await expectStatus(getOrganizerPage(t.db, await actorOf(t.db, userId), w.organizers.panrb, null), 403);
    }
    const page = await getOrganizerPage(t.db, await actorOf(t.db, w.users.platformAdmin), w.organizers.kalbar, "kota");
    expect(page.may).toEqual({ createCompetition: false, inviteStaff: true, revoke: true, adminLokal: false, addAgency: false });
    expect(page.agencyMatches).toBeNull();
    await expectStatus(getOrganizerPage(t.db, await actorOf(t.db, w.users.platformAdmin), "no-such-organizer", null), 404);
  });
});
