/**
 * What an accepted objection changes, through the same records and audit
 * actions as the decisions themselves (docs/objections.md):
 *
 *   screening  the proposal's screening result becomes lolos (include) or
 *              tidak_lolos (exclude), the objection in the note; audited
 *              "screening.revisedByObjection".
 *   finalists  the round decision entry becomes override_advance (include)
 *              or override_stop (exclude) with the objection as reason, the
 *              round_overrides row is set to match, and the next round's
 *              entrants follow (added / removed) while that round is still a
 *              draft; audited "round.decisionRevised".
 *   winners    nothing here: the organizer changes the winners on the awards
 *              page (a deviation with a reason), which audits it.
 *
 * Called inside the answering transaction; no permission check of its own
 * (answerObjection checked "announcement.manage").
 */
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import { translate, type MessageKey } from "~/i18n";
import { appendAudit } from "~/models/audit.server";
import {
  findDecisionEntry,
  findScreening,
  removeRoundEntrant,
  setDecisionEntry,
  setScreeningResult,
  type ObjectionRow,
} from "~/models/objections.server";
import { addRoundEntrants, findPlenaryRoundById, findRoundAtPosition, upsertOverride } from "~/models/plenary.server";

export type Outcome = "include" | "exclude";

export type OutcomeResult =
  | { ok: true; changed: boolean }
  | { ok: false; error: MessageKey };

/** The reason recorded on the changed decision: the announcement and the organizer's answer (Indonesian, like other recorded reasons). */
export function objectionReason(o: Pick<ObjectionRow, "announcement_number" | "agency_name">, answer: string, max = 2000): string {
  const text = translate("id", "objections.decisionReason", {
    number: o.announcement_number ?? "—",
    agency: o.agency_name,
    answer: answer.trim(),
  });
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Applies the outcome of an accepted objection. Returns an error key when the
 * change cannot be made through the normal path (the proposal is not in the
 * round's decision; the next round already started).
 */
export async function applyAcceptedOutcome(
  trx: DB,
  actor: Actor,
  o: ObjectionRow,
  outcome: Outcome,
  answer: string,
  at: string,
): Promise<OutcomeResult> {
  switch (o.announcement_kind) {
    case "screening":
      return reviseScreening(trx, actor, o, outcome, answer, at);
    case "finalists":
      return reviseRoundDecision(trx, actor, o, outcome, answer, at);
    case "winners":
      return { ok: true, changed: false };
  }
}

async function reviseScreening(trx: DB, actor: Actor, o: ObjectionRow, outcome: Outcome, answer: string, at: string): Promise<OutcomeResult> {
  const current = await findScreening(trx, o.proposal_id);
  const result = outcome === "include" ? "lolos" : "tidak_lolos";
  if (current?.result === result) return { ok: true, changed: false };
  const note = objectionReason(o, answer);
  const reasons = outcome === "exclude" ? ["other"] : [];
  await setScreeningResult(trx, o.proposal_id, { result, reasonsJson: JSON.stringify(reasons), note, userId: actor.userId, at });
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "screening.revisedByObjection",
    entityType: "proposal",
    entityId: o.proposal_id,
    organizerId: o.organizer_id,
    competitionId: o.competition_id,
    agencyId: o.proposal_agency_id,
    before: {
      number: o.proposal_number,
      result: current?.result ?? null,
      reasons: current ? (JSON.parse(current.reasons_json) as unknown) : [],
      note: current?.note ?? "",
    },
    after: { number: o.proposal_number, result, reasons, note, objection_id: o.id, announcement_id: o.announcement_id },
  });
  return { ok: true, changed: true };
}

async function reviseRoundDecision(trx: DB, actor: Actor, o: ObjectionRow, outcome: Outcome, answer: string, at: string): Promise<OutcomeResult> {
  const roundId = o.announcement_round_id;
  const round = roundId ? await findPlenaryRoundById(trx, roundId) : undefined;
  if (!round || round.competition_id !== o.competition_id || round.status !== "decided") return { ok: false, error: "objections.errors.roundNotDecided" };
  const entry = await findDecisionEntry(trx, round.id, o.proposal_id);
  if (!entry) return { ok: false, error: "objections.errors.notInRound" };
  const decision = outcome === "include" ? "override_advance" : "override_stop";
  const advancesNow = entry.decision === "advance" || entry.decision === "override_advance";
  if (advancesNow === (outcome === "include")) return { ok: true, changed: false };
  const next = await findRoundAtPosition(trx, o.competition_id, round.position + 1);
  // The next round's entrants follow only while it is a draft: once it opened, jurors hold assignments for its entrants.
  if (next && next.status !== "draft") return { ok: false, error: "objections.errors.nextRoundStarted" };
  const reason = objectionReason(o, answer);
  await setDecisionEntry(trx, round.id, o.proposal_id, { decision, reason });
  await upsertOverride(trx, {
    roundId: round.id,
    proposalId: o.proposal_id,
    decision: outcome === "include" ? "advance" : "stop",
    reason,
    userId: actor.userId,
    at,
  });
  let nextChanged = false;
  if (next) {
    nextChanged = outcome === "include" ? (await addRoundEntrants(trx, next.id, [o.proposal_id])) > 0 : await removeRoundEntrant(trx, next.id, o.proposal_id);
  }
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "round.decisionRevised",
    entityType: "round",
    entityId: round.id,
    organizerId: o.organizer_id,
    competitionId: o.competition_id,
    agencyId: o.proposal_agency_id,
    before: { round: round.position, number: o.proposal_number, decision: entry.decision, reason: entry.override_reason },
    after: {
      round: round.position,
      number: o.proposal_number,
      proposal_id: o.proposal_id,
      decision,
      reason,
      objection_id: o.id,
      announcement_id: o.announcement_id,
      next_round_id: next?.id ?? null,
      next_round_entrant: next ? (outcome === "include" ? "added" : "removed") : null,
      next_round_changed: nextChanged,
    },
  });
  return { ok: true, changed: true };
}
