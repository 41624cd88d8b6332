/**
 * Replication commitments ("komitmen replikasi") and willingness to be
 * replicated, shown on the public innovation page.
 *
 * - commitment: an agency's Admin Lokal commits to replicate a visible
 *   catalogue innovation of ANOTHER agency;
 * - willingness: an agency's Admin Lokal offers its OWN winning innovation
 *   (catalogue stage "winner") to be replicated;
 * - one active entry per agency, innovation and kind; the agency withdraws it.
 *
 * Permission "commitment.manage" on the agency; every change audited and the
 * public cache invalidated.
 */
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { appendAudit } from "~/models/audit.server";
import {
  findActiveCommitment,
  findCommitment,
  findVisibleInnovationOwner,
  insertCommitment,
  markCommitmentWithdrawn,
} from "~/models/replications-public.server";

export const NOTE_MAX = 1000;

export const CommitmentSchema = z.object({
  agencyId: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  kind: z.enum(["commitment", "willingness"], { errorMap: () => ({ message: "errors.invalid" }) }),
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length <= NOTE_MAX, "replicationsPublic.errors.noteTooLong"),
});
export type CommitmentInput = z.input<typeof CommitmentSchema>;

export type CommitmentResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/**
 * Records a commitment or willingness. 403 unless Admin Lokal of the agency;
 * 404 for an unknown or hidden innovation; a form error when the kind does
 * not fit the innovation (own/other, winner) or one is already active.
 */
export async function addCommitment(
  db: DB,
  actor: Actor,
  innovationId: string,
  input: { agencyId: string; kind: "commitment" | "willingness"; note: string },
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<CommitmentResult> {
  assertCan(actor, "commitment.manage", { type: "agency", id: input.agencyId });
  const result = await db.transaction().execute(async (trx): Promise<CommitmentResult> => {
    const inn = await findVisibleInnovationOwner(trx, innovationId);
    if (!inn) notFound();
    const own = inn.agency_id === input.agencyId;
    if (input.kind === "commitment" && own) return { ok: false, errors: { kind: "replicationsPublic.errors.ownInnovation" } };
    if (input.kind === "willingness" && !own) return { ok: false, errors: { kind: "replicationsPublic.errors.notOwnInnovation" } };
    if (input.kind === "willingness" && inn.stage !== "winner") return { ok: false, errors: { kind: "replicationsPublic.errors.notWinner" } };
    if (await findActiveCommitment(trx, innovationId, input.agencyId, input.kind)) {
      return { ok: false, errors: { kind: "replicationsPublic.errors.duplicate" } };
    }
    const id = newId();
    const at = nowIso(ctx.now);
    await insertCommitment(trx, { id, innovationId, agencyId: input.agencyId, kind: input.kind, note: input.note, createdBy: actor.userId, at });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: input.kind === "commitment" ? "commitment.created" : "willingness.created",
      entityType: "innovation_commitment",
      entityId: id,
      organizerId: inn.organizer_id,
      competitionId: inn.competition_id,
      agencyId: input.agencyId,
      after: { innovation_id: innovationId, innovation_title: inn.title, kind: input.kind, note: input.note },
      ip: ctx.ip ?? null,
    });
    return { ok: true, id };
  });
  if (result.ok) invalidatePublicCache();
  return result;
}

/**
 * Withdraws the agency's active commitment or willingness. 403 unless Admin
 * Lokal of the agency; 404 when the entry is not this agency's (or not on
 * this innovation); a form error when it was already withdrawn.
 */
export async function withdrawCommitment(
  db: DB,
  actor: Actor,
  innovationId: string,
  agencyId: string,
  commitmentId: string,
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<CommitmentResult> {
  assertCan(actor, "commitment.manage", { type: "agency", id: agencyId });
  const result = await db.transaction().execute(async (trx): Promise<CommitmentResult> => {
    const c = await findCommitment(trx, commitmentId);
    if (!c || c.agency_id !== agencyId || c.innovation_id !== innovationId) notFound();
    const at = nowIso(ctx.now);
    if (!(await markCommitmentWithdrawn(trx, c.id, agencyId, at))) return { ok: false, errors: { _form: "replicationsPublic.errors.alreadyWithdrawn" } };
    const inn = await trx.selectFrom("innovations").where("id", "=", innovationId).select(["organizer_id", "competition_id", "title"]).executeTakeFirst();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: c.kind === "commitment" ? "commitment.withdrawn" : "willingness.withdrawn",
      entityType: "innovation_commitment",
      entityId: c.id,
      organizerId: inn?.organizer_id ?? null,
      competitionId: inn?.competition_id ?? null,
      agencyId,
      before: { withdrawn_at: null, kind: c.kind, note: c.note },
      after: { withdrawn_at: at, innovation_title: inn?.title ?? null },
      ip: ctx.ip ?? null,
    });
    return { ok: true, id: c.id };
  });
  if (result.ok) invalidatePublicCache();
  return result;
}

/**
 * What the signed-in actor may do on an innovation page: for each agency where
 * they are Admin Lokal, whether a commitment (another agency's innovation) or a
 * willingness (own winning innovation) can be recorded, and a replicate link.
 */
export function commitmentOptions(actor: Actor | null, innovation: { agencyId: string | null; stage: string }) {
  if (!actor) return [];
  const agencies = [...new Set(actor.memberships.filter((m) => m.role === "admin_lokal" && m.agencyId).map((m) => m.agencyId as string))];
  return agencies.map((agencyId) => {
    const own = innovation.agencyId === agencyId;
    return { agencyId, own, canCommit: !own, canOfferWillingness: own && innovation.stage === "winner", canReplicate: !own };
  });
}
