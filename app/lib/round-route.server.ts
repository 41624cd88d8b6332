/**
 * The prologue every round sub-page action shares (settings, rubric, slots,
 * field, results): the signed-in actor, 404 / 403 from the page's own loader
 * service before the form is read, then the form, its intent and the page's
 * path for redirects.
 */
import type { Params } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { getDb, type DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";

/** What an intent-dispatching action returns on bad input: which form, its errors, the typed values. */
export interface IntentFailure<I extends string = string> {
  intent: I;
  errors: FieldErrors;
  values: Record<string, string>;
}

export async function roundAction(
  request: Request,
  params: Params,
  page: string,
  check: (db: DB, actor: Actor, slug: string, roundId: string) => Promise<unknown>,
) {
  const actor = await requireActor(request);
  const db = getDb();
  const slug = params.slug ?? "";
  const roundId = params.roundId ?? "";
  await check(db, actor, slug, roundId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return { actor, db, slug, roundId, form, intent, here: `/competitions/${slug}/rounds/${roundId}/${page}` };
}
