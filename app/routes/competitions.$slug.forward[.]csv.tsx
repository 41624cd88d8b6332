/**
 * The forward page's "download CSV" button posts here (a resource route, so
 * the browser gets the file): the chosen winners in the proposals-import
 * format. 404/403 as for the page; with no or unknown winners, back to the
 * page (which shows the checkbox error after a preview).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { exportForwardCsv } from "~/services/forwarding.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/competitions/${params.slug ?? ""}/forward`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const winnerIds = form.getAll("winnerIds").filter((v): v is string => typeof v === "string").slice(0, 1000);
  const r = await exportForwardCsv(getDb(), actor, slug, winnerIds);
  if (!r.ok) return redirect(`/competitions/${slug}/forward?error=chooseWinners`);
  return new Response(r.file.text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
