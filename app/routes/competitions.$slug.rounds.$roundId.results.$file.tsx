/**
 * The ranking of a round as a file: /competitions/<slug>/rounds/<id>/results/ranking.csv
 * or ranking.xlsx ("scoring.manage"). Columns and precision: docs/plenary.md.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { notFound } from "~/lib/http.server";
import { exportRanking, RANKING_EXPORT_FORMATS, type RankingExportFormat } from "~/services/plenary.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const m = /^ranking\.([a-z]+)$/.exec(params.file ?? "");
  const format = m?.[1] as RankingExportFormat | undefined;
  if (!format || !RANKING_EXPORT_FORMATS.includes(format)) notFound();
  const file = await exportRanking(getDb(), actor, params.slug ?? "", params.roundId ?? "", format, actor.locale);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
