/**
 * The round state machine (issue 5): draft → open → closed → decided, with
 * closed → open (reopen) before the decision. Pure guards, no I/O: services
 * gather the facts, these functions say whether a transition or an edit is
 * allowed and, when not, why (refusal codes the UI translates as
 * "scoring.state.refusal.<code>").
 *
 *   draft  → open     rubric with ≥ 1 criterion, every weight > 0, ≥ 1
 *                     assignment; field rounds: every entrant verified by a
 *                     team of ≥ 1 Panelis and ≥ 1 Evaluator
 *   open   → closed   a reason when some assigned sheets are not submitted
 *   closed → open     (reopen) a reason, only before the decision
 *   closed → decided  the plenary's decide service (canDecide)
 */
import type { RoundKind, RoundStatus } from "../../db/schema";

export type RoundState = RoundStatus;
export const ROUND_STATES = ["draft", "open", "closed", "decided"] as const satisfies readonly RoundState[];

export type Transition = "open" | "close" | "reopen" | "decide";

export type RefusalCode =
  /** The transition does not start from this state. */
  | "state"
  /** No criterion in the rubric. */
  | "noRubric"
  /** A criterion with weight ≤ 0 (or not a number). */
  | "badWeight"
  /** No assignment in the round. */
  | "noAssignments"
  /** Field rounds: an entrant without a Panelis and an Evaluator. */
  | "fieldTeam"
  /** A reason is required (closing with missing sheets, reopening). */
  | "reasonRequired";

/** One field-verification team: the roles of the jurors assigned to one entrant. */
export interface FieldTeam {
  proposalId: string;
  panelists: number;
  evaluators: number;
}

export interface OpenFacts {
  state: RoundState;
  kind: RoundKind;
  criteria: readonly { weight: number }[];
  assignments: number;
  /** Field rounds: one team per entrant (an entrant nobody is assigned to has 0 and 0). */
  fieldTeams?: readonly FieldTeam[];
}

/** A team verifies only when it has at least one Panelis and one Evaluator. */
export function fieldTeamOk(team: Pick<FieldTeam, "panelists" | "evaluators">): boolean {
  return team.panelists >= 1 && team.evaluators >= 1;
}

/** Why the round cannot open now (empty = it can). Refusals in a fixed order. */
export function openRefusals(f: OpenFacts): RefusalCode[] {
  const out: RefusalCode[] = [];
  if (f.state !== "draft") return ["state"];
  if (f.criteria.length === 0) out.push("noRubric");
  else if (f.criteria.some((c) => !(Number.isFinite(c.weight) && c.weight > 0))) out.push("badWeight");
  if (f.assignments <= 0) out.push("noAssignments");
  if (f.kind === "field" && (f.fieldTeams ?? []).some((t) => !fieldTeamOk(t))) out.push("fieldTeam");
  return out;
}

export function canOpen(f: OpenFacts): boolean {
  return openRefusals(f).length === 0;
}

export interface CloseFacts {
  state: RoundState;
  /** Assigned sheets not submitted (no sheet, or a draft), conflicted assignments excluded. */
  missingSheets: number;
  reason: string;
}

/** Why the round cannot close now (empty = it can). */
export function closeRefusals(f: CloseFacts): RefusalCode[] {
  if (f.state !== "open") return ["state"];
  if (f.missingSheets > 0 && f.reason.trim() === "") return ["reasonRequired"];
  return [];
}

export function canClose(f: CloseFacts): boolean {
  return closeRefusals(f).length === 0;
}

export interface ReopenFacts {
  state: RoundState;
  reason: string;
}

/** Why the round cannot be reopened (empty = it can): only a closed, undecided round, with a reason. */
export function reopenRefusals(f: ReopenFacts): RefusalCode[] {
  if (f.state !== "closed") return ["state"];
  if (f.reason.trim() === "") return ["reasonRequired"];
  return [];
}

export function canReopen(f: ReopenFacts): boolean {
  return reopenRefusals(f).length === 0;
}

/** The decision (plenary) is taken on a closed round only; a decided round stays decided. */
export function canDecide(state: RoundState): boolean {
  return state === "closed";
}

/** The transitions that start from a state (what the round page offers). */
export function transitionsFrom(state: RoundState): Transition[] {
  switch (state) {
    case "draft":
      return ["open"];
    case "open":
      return ["close"];
    case "closed":
      return ["reopen", "decide"];
    case "decided":
      return [];
  }
}

/** Whether scores may be saved: only while open. */
export function scoringAllowed(state: RoundState): boolean {
  return state === "open";
}

/**
 * Which round settings may change in a state: everything while draft or
 * open; once closed only what the plenary decides with (advancement rule,
 * tie-break order, disagreement threshold, borderline band); nothing once
 * decided.
 */
export type SettingsPart = "scoring" | "ranking";
export function settingsEditable(state: RoundState, part: SettingsPart): boolean {
  if (state === "draft" || state === "open") return true;
  if (state === "closed") return part === "ranking";
  return false;
}

/**
 * The rubric is locked once a score sheet exists outside draft (scores were
 * given against it) and always once decided.
 */
export function rubricEditable(state: RoundState, sheets: number): boolean {
  if (state === "decided") return false;
  if (state === "draft") return true;
  return sheets === 0;
}

/** Slots, checklists and field teams are set up until the round is decided (field teams: until it closes). */
export function slotsEditable(state: RoundState): boolean {
  return state !== "decided";
}

export function checklistEditable(state: RoundState, sheets: number): boolean {
  return rubricEditable(state, sheets);
}

export function fieldTeamsEditable(state: RoundState): boolean {
  return state === "draft" || state === "open";
}
