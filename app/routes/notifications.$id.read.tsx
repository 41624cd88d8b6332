/**
 * POST /notifications/:id/read — marks the signed-in person's notification
 * read, then goes to `next` (a same-site path: the notification's link when
 * "Buka" was pressed) or back to the dashboard. Someone else's id changes
 * nothing. A plain form post, so it works without JavaScript.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { safeRedirectPath } from "~/lib/http.server";
import { readNotification } from "~/services/dashboard.server";

export async function loader() {
  return redirect("/dashboard");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await request.formData();
  await readNotification(getDb(), actor, params.id ?? "");
  return redirect(safeRedirectPath(form.get("next"), "/dashboard"));
}
