/**
 * The organizer's curation of an edition's public catalogue (permission
 * "award.manage"): list every row of the edition (hidden ones too), hide or
 * show a row, and add a submitted proposal by hand (stage "participant").
 * The rows themselves follow the published lists (syncCatalogueForCompetition,
 * called by the announcements service); the `visible` choice made here is
 * never overwritten by it. Every change writes one audit row in its
 * transaction.
 */
import { invalidatePublicCache } from "~/lib/public-cache.server";
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { addParticipantToCatalogue } from "~/models/catalogue.server";
import { findCompetitionBySlug } from "~/models/competitions.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

async function competitionFor(db: DB, actor: Actor, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "award.manage", { type: "competition", id: c.id, organizerId: c.organizer_id });
  return c;
}

/** The curation page: the edition and every catalogue row of it (hidden ones included). */
export async function getCatalogueCuration(db: DB, actor: Actor, slug: string) {
  const c = await competitionFor(db, actor, slug);
  const rows = await db
    .selectFrom("innovations as i")
    .leftJoin("proposals as p", "p.id", "i.proposal_id")
    .select(["i.id", "i.title", "i.agency_name", "i.stage", "i.award_name_id", "i.award_name_en", "i.visible", "i.updated_at", "p.number as proposal_number"])
    .where("i.competition_id", "=", c.id)
    .orderBy("i.stage", "desc")
    .orderBy("i.title")
    .execute();
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, year: Number(c.year) },
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      agencyName: r.agency_name,
      stage: r.stage,
      awardNameId: r.award_name_id,
      awardNameEn: r.award_name_en,
      visible: r.visible === 1,
      proposalNumber: r.proposal_number ?? null,
    })),
  };
}

export const VisibilitySchema = z.object({
  innovationId: z.string().min(1, "errors.required").max(64, "errors.invalid"),
});

export const AddProposalSchema = z.object({
  number: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(64, "errors.invalid"),
});

/** Hide or show one of the edition's rows. Side effects: innovations.visible, audit "catalogue.hidden"/"catalogue.shown". */
export async function setCatalogueVisibility(
  db: DB,
  actor: Actor,
  slug: string,
  innovationId: string,
  visible: boolean,
): Promise<{ ok: true; changed: boolean } | { ok: false; errors: FieldErrors }> {
  const c = await competitionFor(db, actor, slug);
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("innovations")
      .select(["id", "title", "visible", "agency_id", "proposal_id"])
      .where("id", "=", innovationId)
      .where("competition_id", "=", c.id)
      .executeTakeFirst();
    if (!row) return { ok: false as const, errors: { _form: "public.curation.errors.rowUnknown" } };
    const value = visible ? 1 : 0;
    if (row.visible === value) return { ok: true as const, changed: false };
    await trx.updateTable("innovations").set({ visible: value, updated_at: nowIso() }).where("id", "=", row.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: visible ? "catalogue.shown" : "catalogue.hidden",
      entityType: "innovation",
      entityId: row.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: row.agency_id,
      before: { title: row.title, visible: row.visible === 1 },
      after: { title: row.title, visible },
    });
    return { ok: true as const, changed: true };
  });
  if (result.ok && result.changed) invalidatePublicCache();
  return result as { ok: true; changed: boolean } | { ok: false; errors: FieldErrors };
}

/**
 * Add a submitted proposal of the edition (by its number) to the catalogue as
 * a participant. Side effects: an innovations row (visible), audit
 * "catalogue.added". A proposal already in the catalogue is left as it is.
 */
export async function addProposalToCatalogue(
  db: DB,
  actor: Actor,
  slug: string,
  proposalNumber: string,
): Promise<{ ok: true; added: boolean; id: string } | { ok: false; errors: FieldErrors }> {
  const c = await competitionFor(db, actor, slug);
  const result = await db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom("proposals")
      .select(["id", "number", "title", "agency_id"])
      .where("competition_id", "=", c.id)
      .where("number", "=", proposalNumber.trim().toUpperCase())
      .where("status", "=", "submitted")
      .executeTakeFirst();
    if (!p) return { ok: false as const, errors: { number: "public.curation.errors.proposalUnknown" } };
    const existing = await trx.selectFrom("innovations").select("id").where("proposal_id", "=", p.id).executeTakeFirst();
    if (existing) return { ok: true as const, added: false, id: existing.id };
    const id = await addParticipantToCatalogue(trx, p.id);
    if (!id) return { ok: false as const, errors: { number: "public.curation.errors.proposalUnknown" } };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "catalogue.added",
      entityType: "innovation",
      entityId: id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: p.agency_id,
      after: { number: p.number, title: p.title, stage: "participant", visible: true },
    });
    return { ok: true as const, added: true, id };
  });
  if (result.ok && result.added) invalidatePublicCache();
  return result as { ok: true; added: boolean; id: string } | { ok: false; errors: FieldErrors };
}
