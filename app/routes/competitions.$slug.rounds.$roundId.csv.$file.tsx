/**
 * Downloads of a round's CSV files ("jury.manage"):
 * /competitions/<slug>/rounds/<roundId>/csv/<assignments|jurors|proposals|conflicts>.csv
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { exportRoundCsv } from "~/services/assignment-csv.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await exportRoundCsv(getDb(), actor, params.slug ?? "", params.roundId ?? "", params.file ?? "");
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
