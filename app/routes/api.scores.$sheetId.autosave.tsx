/**
 * Autosave of a score sheet (resource route, JSON): the score form posted by
 * the page's script a few seconds after a change, as form data or JSON, with
 * the version it was loaded at. Before the sheet exists the script posts to
 * /api/scores/new/autosave with the form's `assignment` (the sheet is created
 * on this first save). Saves a DRAFT only; drafts never enter the ranking.
 *   200 { ok: true, sheetId, version, savedAt }
 *   409 { ok: false, conflict: true, version, savedAt, theirs }   nothing written
 *   400 { ok: false, error: "invalid", errors } | { ok: false, error: "closed" | "no_rubric" | "submitted" }
 * 404 when the sheet or assignment is not the actor's own (or is conflicted); 403 without "score.edit".
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { formValues } from "~/lib/forms";
import { stringValues } from "~/schemas/scoring";
import { saveScoreSheet, type ScoreTarget } from "~/services/scoring.server";

export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

async function readBody(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new Response("Bad Request", { status: 400 });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Response("Bad Request", { status: 400 });
    return stringValues(body as Record<string, unknown>);
  }
  return formValues(await request.formData());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const values = await readBody(request);
  const sheetId = params.sheetId ?? "";
  const target: ScoreTarget = sheetId === "new" ? { assignmentId: values.assignment ?? "" } : { sheetId };
  const r = await saveScoreSheet(getDb(), actor, target, values, "autosave");
  if (r.ok) return json({ ok: true as const, sheetId: r.sheetId, version: r.version, savedAt: r.savedAt });
  if (r.reason === "conflict") return json({ ok: false as const, conflict: true as const, version: r.version, savedAt: r.savedAt, theirs: r.theirs }, 409);
  if (r.reason === "invalid") return json({ ok: false as const, error: "invalid" as const, errors: r.errors }, 400);
  return json({ ok: false as const, error: r.reason }, 400);
}
