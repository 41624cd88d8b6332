import { describe, expect, it } from "vitest";
import { ACTIONS, can, organizerCoversAgency, type Action, type Resource } from "~/domain/permissions";
import type { Actor, Membership } from "~/domain/roles";

function actor(name: string, memberships: Partial<Membership>[] = [], isPlatformAdmin = false): Actor {
  return {
    userId: `u-${name}`,
    email: `${name}@test`,
    name,
    locale: "id",
    isPlatformAdmin,
    memberships: memberships.map((m) => ({
      role: m.role ?? "innovator",
      organizerId: m.organizerId ?? null,
      agencyId: m.agencyId ?? null,
      competitionId: m.competitionId ?? null,
    })),
  };
}

const ACTORS: Record<string, Actor> = {
  platformAdmin: actor("platformAdmin", [], true),
  panrbAdmin: actor("panrbAdmin", [{ role: "organizer_admin", organizerId: "org-panrb" }]),
  kalbarAdmin: actor("kalbarAdmin", [{ role: "organizer_admin", organizerId: "org-kalbar" }]),
  adminLokal: actor("adminLokal", [{ role: "admin_lokal", agencyId: "ag-pontianak" }]),
  innovator: actor("innovator", [{ role: "innovator", agencyId: "ag-pontianak" }]),
  otherAdminLokal: actor("otherAdminLokal", [{ role: "admin_lokal", agencyId: "ag-singkawang" }]),
  evaluator: actor("evaluator", [{ role: "evaluator", competitionId: "comp-kipp" }]),
  panelist: actor("panelist", [{ role: "panelist", competitionId: "comp-kipp" }]),
  nobody: actor("nobody"),
};

/** One resource per action: on the PANRB / KIPP 2025 / Pontianak side, or the Kalbar / Sivablik / Singkawang side. */
function resourceFor(action: Action, side: "panrb" | "kalbar", status = "submitted"): Resource {
  const organizerId = side === "panrb" ? "org-panrb" : "org-kalbar";
  const competitionId = side === "panrb" ? "comp-kipp" : "comp-sivablik";
  const agencyId = side === "panrb" ? "ag-pontianak" : "ag-singkawang";
  const [area] = action.split(".");
  if (["organizer.create", "organizer.list", "outbox.read"].includes(action)) return { type: "platform" };
  if (action === "competition.create") return { type: "organizer", id: organizerId };
  if (area === "organizer" || area === "invitation" || action === "agency.create" || action === "agency.inviteAdminLokal") {
    return { type: "organizer", id: organizerId };
  }
  if (action === "juror.editProfile" || action === "conflict.declareAsJuror" || action === "assignment.viewOwn" || action === "score.edit") {
    // The evaluator's own pool entry (they are a juror of KIPP only).
    return { type: "juror", competitionId, organizerId, userId: "u-evaluator" };
  }
  if (action === "replication.record" || action === "monitoring.manage") return { type: "organizer", id: organizerId };
  if (action === "proposal.forward") return { type: "competition", id: competitionId, organizerId };
  if (
    action === "conflict.declareAsAgency" || action === "presentation.confirm" || action === "objection.file" || action === "certificate.download" ||
    area === "replication" || area === "commitment" || area === "monitoring"
  ) {
    return { type: "agency", id: agencyId };
  }
  if (
    area === "competition" || area === "settings" || area === "screening" || area === "jury" || area === "scoring" || action === "conflict.dismiss" ||
    area === "announcement" || area === "award" ||
    action === "proposal.import" || action === "proposal.export"
  ) {
    return { type: "competition", id: competitionId, organizerId };
  }
  if (area === "proposal" && action !== "proposal.create") return { type: "proposal", agencyId, competitionId, organizerId, status };
  if (action === "innovator.deactivate" || action === "innovator.reactivate") {
    return { type: "user", id: "u-some-innovator", agencyIds: [agencyId] };
  }
  return { type: "agency", id: agencyId };
}

function matrix(side: "panrb" | "kalbar") {
  return Object.fromEntries(
    ACTIONS.map((a) => [a, Object.keys(ACTORS).filter((name) => can(ACTORS[name], a, resourceFor(a, side)))]),
  );
}

describe("permissions", () => {
  it("lists every action once", () => {
    expect(ACTIONS).toEqual([
      "organizer.create",
      "organizer.list",
      "outbox.read",
      "organizer.view",
      "organizer.inviteStaff",
      "invitation.revoke",
      "competition.create",
      "competition.edit",
      "competition.view",
      "competition.readAudit",
      "agency.create",
      "agency.inviteAdminLokal",
      "agency.manage",
      "agency.view",
      "innovator.list",
      "innovator.create",
      "innovator.deactivate",
      "innovator.reactivate",
      "settings.edit",
      "proposal.create",
      "proposal.view",
      "proposal.edit",
      "proposal.submit",
      "proposal.return",
      "proposal.withdraw",
      "screening.manage",
      "proposal.import",
      "proposal.export",
      "jury.manage",
      "conflict.dismiss",
      "juror.editProfile",
      "conflict.declareAsJuror",
      "assignment.viewOwn",
      "conflict.declareAsAgency",
      "scoring.manage",
      "score.edit",
      "presentation.confirm",
      "announcement.manage",
      "objection.file",
      "award.manage",
      "certificate.download",
      "replication.manage",
      "replication.respond",
      "replication.record",
      "commitment.manage",
      "monitoring.manage",
      "monitoring.report",
      "proposal.forward",
    ]);
  });

  it("allows exactly these roles on PANRB, KIPP 2025 and Kota Pontianak", () => {
    expect(matrix("panrb")).toEqual({
      "organizer.create": ["platformAdmin"],
      "organizer.list": ["platformAdmin"],
      "outbox.read": ["platformAdmin"],
      "organizer.view": ["platformAdmin", "panrbAdmin"],
      "organizer.inviteStaff": ["platformAdmin", "panrbAdmin"],
      "invitation.revoke": ["platformAdmin", "panrbAdmin"],
      "competition.create": ["panrbAdmin"],
      "competition.edit": ["panrbAdmin"],
      "competition.view": ["panrbAdmin", "evaluator", "panelist"],
      "competition.readAudit": ["panrbAdmin"],
      "agency.create": ["panrbAdmin"],
      "agency.inviteAdminLokal": ["panrbAdmin"],
      "agency.manage": ["adminLokal"],
      "agency.view": ["adminLokal", "innovator"],
      "innovator.list": ["adminLokal"],
      "innovator.create": ["adminLokal"],
      "innovator.deactivate": ["adminLokal"],
      "innovator.reactivate": ["adminLokal"],
      "settings.edit": ["panrbAdmin"],
      "proposal.create": ["adminLokal", "innovator"],
      "proposal.view": ["panrbAdmin", "adminLokal", "innovator"],
      "proposal.edit": [],
      "proposal.submit": [],
      "proposal.return": ["adminLokal"],
      "proposal.withdraw": ["adminLokal"],
      "screening.manage": ["panrbAdmin"],
      "proposal.import": ["panrbAdmin"],
      "proposal.export": ["panrbAdmin"],
      "jury.manage": ["panrbAdmin"],
      "conflict.dismiss": ["panrbAdmin"],
      "juror.editProfile": ["panrbAdmin", "evaluator"],
      "conflict.declareAsJuror": ["evaluator"],
      "assignment.viewOwn": ["evaluator"],
      "conflict.declareAsAgency": ["adminLokal"],
      "scoring.manage": ["panrbAdmin"],
      "score.edit": ["evaluator"],
      "presentation.confirm": ["adminLokal"],
      "announcement.manage": ["panrbAdmin"],
      "objection.file": ["adminLokal"],
      "award.manage": ["panrbAdmin"],
      "certificate.download": ["adminLokal", "innovator"],
      "replication.manage": ["adminLokal"],
      "replication.respond": ["adminLokal"],
      "replication.record": ["panrbAdmin"],
      "commitment.manage": ["adminLokal"],
      "monitoring.manage": ["panrbAdmin"],
      "monitoring.report": ["adminLokal"],
      "proposal.forward": ["panrbAdmin"],
    });
  });

  it("allows exactly these roles on Kalbar, Sivablik 2025 and Kota Singkawang (no cross-tenant rights)", () => {
    expect(matrix("kalbar")).toEqual({
      "organizer.create": ["platformAdmin"],
      "organizer.list": ["platformAdmin"],
      "outbox.read": ["platformAdmin"],
      "organizer.view": ["platformAdmin", "kalbarAdmin"],
      "organizer.inviteStaff": ["platformAdmin", "kalbarAdmin"],
      "invitation.revoke": ["platformAdmin", "kalbarAdmin"],
      "competition.create": ["kalbarAdmin"],
      "competition.edit": ["kalbarAdmin"],
      "competition.view": ["kalbarAdmin"],
      "competition.readAudit": ["kalbarAdmin"],
      "agency.create": ["kalbarAdmin"],
      "agency.inviteAdminLokal": ["kalbarAdmin"],
      "agency.manage": ["otherAdminLokal"],
      "agency.view": ["otherAdminLokal"],
      "innovator.list": ["otherAdminLokal"],
      "innovator.create": ["otherAdminLokal"],
      "innovator.deactivate": ["otherAdminLokal"],
      "innovator.reactivate": ["otherAdminLokal"],
      "settings.edit": ["kalbarAdmin"],
      "proposal.create": ["otherAdminLokal"],
      "proposal.view": ["kalbarAdmin", "otherAdminLokal"],
      "proposal.edit": [],
      "proposal.submit": [],
      "proposal.return": ["otherAdminLokal"],
      "proposal.withdraw": ["otherAdminLokal"],
      "screening.manage": ["kalbarAdmin"],
      "proposal.import": ["kalbarAdmin"],
      "proposal.export": ["kalbarAdmin"],
      "jury.manage": ["kalbarAdmin"],
      "conflict.dismiss": ["kalbarAdmin"],
      // The evaluator of KIPP is no juror of Sivablik: their own user id does not help.
      "juror.editProfile": ["kalbarAdmin"],
      "conflict.declareAsJuror": [],
      "assignment.viewOwn": [],
      "conflict.declareAsAgency": ["otherAdminLokal"],
      "scoring.manage": ["kalbarAdmin"],
      "score.edit": [],
      "presentation.confirm": ["otherAdminLokal"],
      "announcement.manage": ["kalbarAdmin"],
      "objection.file": ["otherAdminLokal"],
      "award.manage": ["kalbarAdmin"],
      "certificate.download": ["otherAdminLokal"],
      "replication.manage": ["otherAdminLokal"],
      "replication.respond": ["otherAdminLokal"],
      "replication.record": ["kalbarAdmin"],
      "commitment.manage": ["otherAdminLokal"],
      "monitoring.manage": ["kalbarAdmin"],
      "monitoring.report": ["otherAdminLokal"],
      "proposal.forward": ["kalbarAdmin"],
    });
  });

  it("says no to nobody signed in and to a resource of the wrong type", () => {
    for (const a of ACTIONS) expect(can(null, a, resourceFor(a, "panrb"))).toBe(false);
    const platform = ACTORS.platformAdmin;
    expect(can(platform, "organizer.view", { type: "competition", id: "comp-kipp", organizerId: "org-panrb" })).toBe(false);
    expect(can(ACTORS.panrbAdmin, "competition.edit", { type: "organizer", id: "org-panrb" })).toBe(false);
    expect(can(ACTORS.adminLokal, "innovator.create", { type: "user", id: "x", agencyIds: ["ag-pontianak"] })).toBe(false);
    expect(can(ACTORS.adminLokal, "innovator.deactivate", { type: "agency", id: "ag-pontianak" })).toBe(false);
  });

  it("does not let an innovator of an agency act as its Admin Lokal", () => {
    expect(can(ACTORS.innovator, "innovator.deactivate", { type: "user", id: "u-x", agencyIds: ["ag-pontianak"] })).toBe(false);
  });
});

describe("proposal permissions by status", () => {
  const who = (action: Action, status: string) =>
    Object.keys(ACTORS).filter((name) => can(ACTORS[name], action, resourceFor(action, "panrb", status)));

  it("keeps a draft inside its agency: the organizer does not see it", () => {
    expect(who("proposal.view", "draft")).toEqual(["adminLokal", "innovator"]);
    expect(who("proposal.edit", "draft")).toEqual(["adminLokal", "innovator"]);
    expect(who("proposal.submit", "draft")).toEqual(["adminLokal"]);
    expect(who("proposal.return", "draft")).toEqual([]);
  });

  it("lets the agency correct and resubmit a returned proposal", () => {
    expect(who("proposal.edit", "returned")).toEqual(["adminLokal", "innovator"]);
    expect(who("proposal.submit", "returned")).toEqual(["adminLokal"]);
    expect(who("proposal.view", "returned")).toEqual(["panrbAdmin", "adminLokal", "innovator"]);
  });

  it("freezes a withdrawn proposal", () => {
    expect(who("proposal.edit", "withdrawn")).toEqual([]);
    expect(who("proposal.withdraw", "withdrawn")).toEqual([]);
    expect(who("proposal.submit", "withdrawn")).toEqual([]);
  });
});

describe("jurors and proposals", () => {
  const proposal = (assignedUserIds: string[], status = "submitted"): Resource => ({
    type: "proposal",
    agencyId: "ag-pontianak",
    competitionId: "comp-kipp",
    organizerId: "org-panrb",
    status,
    assignedUserIds,
  });

  it("lets a juror read a proposal only when assigned to it", () => {
    expect(can(ACTORS.evaluator, "proposal.view", proposal(["u-evaluator"]))).toBe(true);
    expect(can(ACTORS.evaluator, "proposal.view", proposal(["u-panelist"]))).toBe(false);
    expect(can(ACTORS.panelist, "proposal.view", proposal(["u-evaluator"]))).toBe(false);
    expect(can(ACTORS.evaluator, "proposal.view", proposal([]))).toBe(false);
  });

  it("never shows a draft to a juror, and an assignment in another edition gives nothing", () => {
    expect(can(ACTORS.evaluator, "proposal.view", proposal(["u-evaluator"], "draft"))).toBe(false);
    const elsewhere: Resource = { ...(proposal(["u-evaluator"]) as object), competitionId: "comp-sivablik", organizerId: "org-kalbar" } as Resource;
    expect(can(ACTORS.evaluator, "proposal.view", elsewhere)).toBe(false);
  });

  it("keeps one juror out of another's list and profile", () => {
    const other: Resource = { type: "juror", competitionId: "comp-kipp", organizerId: "org-panrb", userId: "u-panelist" };
    expect(can(ACTORS.evaluator, "assignment.viewOwn", other)).toBe(false);
    expect(can(ACTORS.evaluator, "juror.editProfile", other)).toBe(false);
    expect(can(ACTORS.panelist, "assignment.viewOwn", other)).toBe(true);
    const invited: Resource = { type: "juror", competitionId: "comp-kipp", organizerId: "org-panrb", userId: null };
    expect(can(ACTORS.evaluator, "assignment.viewOwn", invited)).toBe(false);
    expect(can(ACTORS.panrbAdmin, "juror.editProfile", invited)).toBe(true);
  });
});

describe("organizerCoversAgency", () => {
  const kalbar = { kind: "provincial" as const, provinceCode: "61" };
  const national = { kind: "national" as const, provinceCode: null };

  it("lets a provincial organizer work only with agencies of its province", () => {
    expect(
      [{ provinceCode: "61" }, { provinceCode: "63" }, { provinceCode: null }].map((a) => organizerCoversAgency(kalbar, a)),
    ).toEqual([true, false, false]);
  });

  it("lets the national organizer work with every agency", () => {
    expect(
      [{ provinceCode: "61" }, { provinceCode: "63" }, { provinceCode: null }].map((a) => organizerCoversAgency(national, a)),
    ).toEqual([true, true, true]);
  });

  it("covers nothing for a provincial organizer without a province", () => {
    expect(organizerCoversAgency({ kind: "provincial", provinceCode: null }, { provinceCode: null })).toBe(false);
  });
});
