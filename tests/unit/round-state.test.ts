import { describe, expect, it } from "vitest";
import {
  canClose,
  canDecide,
  canOpen,
  canReopen,
  checklistEditable,
  closeRefusals,
  fieldTeamOk,
  fieldTeamsEditable,
  openRefusals,
  reopenRefusals,
  ROUND_STATES,
  rubricEditable,
  scoringAllowed,
  settingsEditable,
  slotsEditable,
  transitionsFrom,
  type OpenFacts,
} from "~/domain/round-state";

const ready: OpenFacts = { state: "draft", kind: "desk", criteria: [{ weight: 10 }, { weight: 15 }], assignments: 6 };

describe("draft → open", () => {
  it("opens a draft with a weighted rubric and assignments", () => {
    expect(openRefusals(ready)).toEqual([]);
    expect(canOpen(ready)).toBe(true);
  });

  it("refuses from every other state", () => {
    for (const state of ["open", "closed", "decided"] as const) {
      expect(openRefusals({ ...ready, state })).toEqual(["state"]);
      expect(canOpen({ ...ready, state })).toBe(false);
    }
  });

  it("refuses an empty rubric, a weight of 0 or less, no assignments — all reasons at once", () => {
    expect(openRefusals({ ...ready, criteria: [] })).toEqual(["noRubric"]);
    expect(openRefusals({ ...ready, criteria: [{ weight: 10 }, { weight: 0 }] })).toEqual(["badWeight"]);
    expect(openRefusals({ ...ready, criteria: [{ weight: -1 }] })).toEqual(["badWeight"]);
    expect(openRefusals({ ...ready, criteria: [{ weight: Number.NaN }] })).toEqual(["badWeight"]);
    expect(openRefusals({ ...ready, assignments: 0 })).toEqual(["noAssignments"]);
    expect(openRefusals({ ...ready, criteria: [], assignments: 0 })).toEqual(["noRubric", "noAssignments"]);
  });

  it("field rounds need a Panelis and an Evaluator on every entrant", () => {
    const field: OpenFacts = {
      ...ready,
      kind: "field",
      fieldTeams: [
        { proposalId: "p1", panelists: 1, evaluators: 1 },
        { proposalId: "p2", panelists: 2, evaluators: 1 },
      ],
    };
    expect(openRefusals(field)).toEqual([]);
    expect(openRefusals({ ...field, fieldTeams: [...field.fieldTeams!, { proposalId: "p3", panelists: 2, evaluators: 0 }] })).toEqual(["fieldTeam"]);
    expect(openRefusals({ ...field, fieldTeams: [{ proposalId: "p1", panelists: 0, evaluators: 3 }] })).toEqual(["fieldTeam"]);
    expect(openRefusals({ ...field, fieldTeams: [{ proposalId: "p1", panelists: 0, evaluators: 0 }] })).toEqual(["fieldTeam"]);
    // Desk rounds never check teams.
    expect(openRefusals({ ...ready, fieldTeams: [{ proposalId: "p1", panelists: 0, evaluators: 0 }] })).toEqual([]);
  });

  it("says which team is complete", () => {
    expect(fieldTeamOk({ panelists: 1, evaluators: 1 })).toBe(true);
    expect(fieldTeamOk({ panelists: 1, evaluators: 0 })).toBe(false);
    expect(fieldTeamOk({ panelists: 0, evaluators: 1 })).toBe(false);
  });
});

describe("open → closed", () => {
  it("closes with every sheet in, reason optional", () => {
    expect(closeRefusals({ state: "open", missingSheets: 0, reason: "" })).toEqual([]);
    expect(canClose({ state: "open", missingSheets: 0, reason: "" })).toBe(true);
  });

  it("needs a reason when sheets are missing (blank does not count)", () => {
    expect(closeRefusals({ state: "open", missingSheets: 2, reason: "" })).toEqual(["reasonRequired"]);
    expect(closeRefusals({ state: "open", missingSheets: 2, reason: "   " })).toEqual(["reasonRequired"]);
    expect(closeRefusals({ state: "open", missingSheets: 2, reason: "Juri sakit" })).toEqual([]);
  });

  it("refuses from draft, closed and decided", () => {
    for (const state of ["draft", "closed", "decided"] as const) {
      expect(closeRefusals({ state, missingSheets: 0, reason: "x" })).toEqual(["state"]);
      expect(canClose({ state, missingSheets: 0, reason: "x" })).toBe(false);
    }
  });
});

describe("closed → open (reopen)", () => {
  it("reopens a closed round with a reason", () => {
    expect(reopenRefusals({ state: "closed", reason: "Nilai terlewat" })).toEqual([]);
    expect(canReopen({ state: "closed", reason: "Nilai terlewat" })).toBe(true);
  });

  it("needs a reason", () => {
    expect(reopenRefusals({ state: "closed", reason: " " })).toEqual(["reasonRequired"]);
  });

  it("refuses after the decision and from draft or open", () => {
    for (const state of ["draft", "open", "decided"] as const) {
      expect(reopenRefusals({ state, reason: "x" })).toEqual(["state"]);
      expect(canReopen({ state, reason: "x" })).toBe(false);
    }
  });
});

describe("closed → decided", () => {
  it("is allowed only from closed", () => {
    expect(ROUND_STATES.map((s) => [s, canDecide(s)])).toEqual([
      ["draft", false],
      ["open", false],
      ["closed", true],
      ["decided", false],
    ]);
  });
});

describe("what each state offers and allows", () => {
  it("lists the transitions", () => {
    expect(ROUND_STATES.map((s) => transitionsFrom(s))).toEqual([["open"], ["close"], ["reopen", "decide"], []]);
  });

  it("allows scoring only while open", () => {
    expect(ROUND_STATES.map(scoringAllowed)).toEqual([false, true, false, false]);
  });

  it("settings: all while draft/open, ranking part while closed, nothing once decided", () => {
    expect(ROUND_STATES.map((s) => settingsEditable(s, "scoring"))).toEqual([true, true, false, false]);
    expect(ROUND_STATES.map((s) => settingsEditable(s, "ranking"))).toEqual([true, true, true, false]);
  });

  it("rubric and checklist lock once a sheet exists (not in draft) and once decided", () => {
    expect(ROUND_STATES.map((s) => rubricEditable(s, 0))).toEqual([true, true, true, false]);
    expect(ROUND_STATES.map((s) => rubricEditable(s, 1))).toEqual([true, false, false, false]);
    expect(ROUND_STATES.map((s) => checklistEditable(s, 1))).toEqual([true, false, false, false]);
  });

  it("slots until decided; field teams while draft or open", () => {
    expect(ROUND_STATES.map(slotsEditable)).toEqual([true, true, true, false]);
    expect(ROUND_STATES.map(fieldTeamsEditable)).toEqual([true, true, false, false]);
  });
});
