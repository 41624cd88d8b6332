/**
 * Autosave (resource route, JSON): the proposal form posted by the page's
 * script 2 s after typing stops, with the version it was loaded at.
 *   200 { ok: true, version, savedAt, problems }
 *   409 { ok: false, conflict: true, version, savedAt, theirs, differing }  nothing written
 *   400 { ok: false, error: "closed" | "not_open" | "not_editable" | "invalid", errors? }
 * 404 when the proposal is unknown or not the actor's to see.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { fieldsToFormValues, parseProposalForm } from "~/schemas/proposal";
import { saveProposal } from "~/services/proposals.server";

export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = parseProposalForm(await request.formData());
  if (!parsed.ok) return json({ ok: false as const, error: "invalid" as const, errors: parsed.errors }, 400);
  const r = await saveProposal(getDb(), actor, params.number ?? "", { version: parsed.version, fields: parsed.fields });
  if (r.ok) return json({ ok: true as const, version: r.version, savedAt: r.savedAt, problems: r.problems });
  if (r.reason === "conflict") {
    return json(
      { ok: false as const, conflict: true as const, version: r.version, savedAt: r.savedAt, theirs: fieldsToFormValues(r.theirs), differing: r.differing },
      409,
    );
  }
  if (r.reason === "invalid") return json({ ok: false as const, error: "invalid" as const, errors: r.errors }, 400);
  return json({ ok: false as const, error: r.reason }, 400);
}
