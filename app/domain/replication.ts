/**
 * Replication (replikasi) rules, pure: the four stages in order, the dates of
 * the stages on the WIB calendar, the status changes (selesai needs the last
 * stage, dihentikan and reopening need a reason) and who may see one before
 * it is confirmed or verified. See docs/replications.md.
 */
import type { MessageKey } from "~/i18n";

export const REPLICATION_STAGES = ["persiapan", "rencana", "implementasi", "evaluasi"] as const;
export type ReplicationStage = (typeof REPLICATION_STAGES)[number];
export const REPLICATION_STATUSES = ["berjalan", "selesai", "dihentikan"] as const;
export type ReplicationStatus = (typeof REPLICATION_STATUSES)[number];
export type SourceResponse = "pending" | "confirmed" | "disputed" | "external";

export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;
export const DIFFERENCES_MAX = 5000;
export const MAX_FILES_PER_STAGE = 5;
export const FILE_MAX_MB = 10;

export function isStage(v: unknown): v is ReplicationStage {
  return typeof v === "string" && (REPLICATION_STAGES as readonly string[]).includes(v);
}

export function stageIndex(s: ReplicationStage): number {
  return REPLICATION_STAGES.indexOf(s);
}

/** The stage after the furthest one reached, or null after evaluasi. */
export function nextStage(reached: ReplicationStage): ReplicationStage | null {
  return REPLICATION_STAGES[stageIndex(reached) + 1] ?? null;
}

/** The stages that may be recorded now: those reached (to correct) and the next one. */
export function recordableStages(reached: ReplicationStage): ReplicationStage[] {
  const n = nextStage(reached);
  return REPLICATION_STAGES.slice(0, stageIndex(reached) + 1).concat(n ? [n] : []);
}

/** The WIB calendar day (yyyy-mm-dd) of an instant. */
export function wibDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A real calendar date written yyyy-mm-dd (2025-02-30 is not). */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v && Number(m[1]) >= 1900;
}

/**
 * Whether `stage` may be recorded dated `happenedOn`, given the dates of the
 * stages already recorded and the furthest reached (null: none yet, a new
 * replication). Stages advance one at a time; a date is a real day, not after
 * today on the WIB calendar, not before the previous stage's date and not after
 * the next recorded stage's date. Returns the error's field and key, or null.
 */
export function stageProblem(
  stage: ReplicationStage,
  happenedOn: string,
  recorded: Partial<Record<ReplicationStage, string>>,
  reached: ReplicationStage | null,
  now: Date,
): { field: "stage" | "happenedOn"; error: MessageKey } | null {
  const allowed = reached === null ? ["persiapan"] : recordableStages(reached);
  if (!allowed.includes(stage)) return { field: "stage", error: "replications.errors.stageOrder" };
  if (!isCalendarDate(happenedOn)) return { field: "happenedOn", error: "replications.errors.dateInvalid" };
  if (happenedOn > wibDate(now)) return { field: "happenedOn", error: "replications.errors.dateFuture" };
  const i = stageIndex(stage);
  for (let j = i - 1; j >= 0; j--) {
    const d = recorded[REPLICATION_STAGES[j]];
    if (d) {
      if (happenedOn < d) return { field: "happenedOn", error: "replications.errors.dateBeforePrevious" };
      break;
    }
  }
  for (let j = i + 1; j < REPLICATION_STAGES.length; j++) {
    const d = recorded[REPLICATION_STAGES[j]];
    if (d) {
      if (happenedOn > d) return { field: "happenedOn", error: "replications.errors.dateAfterNext" };
      break;
    }
  }
  return null;
}

/** The furthest stage after recording `stage` (recording an earlier one keeps it). */
export function furthestStage(reached: ReplicationStage | null, stage: ReplicationStage): ReplicationStage {
  if (reached === null) return stage;
  return stageIndex(stage) > stageIndex(reached) ? stage : reached;
}

/**
 * A status change: selesai needs stage evaluasi; dihentikan needs a reason;
 * reopening a finished or stopped one (berjalan) needs a reason; the same
 * status is no change. Returns the error's field and key, or null.
 */
export function statusProblem(
  current: { status: ReplicationStatus; stage: ReplicationStage },
  to: ReplicationStatus,
  reason: string,
): { field: "status" | "reason"; error: MessageKey } | null {
  if (current.status === to) return { field: "status", error: "replications.errors.statusUnchanged" };
  if (to === "selesai" && current.stage !== "evaluasi") return { field: "status", error: "replications.errors.finishNeedsEvaluation" };
  const needsReason = to === "dihentikan" || (to === "berjalan" && current.status !== "berjalan");
  if (needsReason && reason.trim() === "") return { field: "reason", error: "replications.errors.reasonRequired" };
  if (reason.length > REASON_MAX) return { field: "reason", error: "errors.tooLong" };
  return null;
}

/** The reason kept with the new status (null for selesai without one). */
export function statusReasonAfter(to: ReplicationStatus, reason: string): string | null {
  const r = reason.trim();
  return r === "" ? null : r;
}

/** Seen by the public: confirmed by the source agency, or verified by an organizer. */
export function isPubliclyVisible(r: { source_response: SourceResponse; verified_at: string | null }): boolean {
  return r.source_response === "confirmed" || r.verified_at !== null;
}

/** The source agency may answer while its answer is pending, and change its mind later. */
export function canBeAnswered(r: { source_response: SourceResponse; source_agency_id: string | null }): boolean {
  return r.source_agency_id !== null && r.source_response !== "external";
}
