/**
 * Downloads of an edition's data: /competitions/<slug>/export/<what>.<format>
 * with what = proposals | screening and format = csv | xlsx, for the
 * organizer's admins ("proposal.export"). The file is streamed as it is made.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { notFound } from "~/lib/http.server";
import { EXPORT_FORMATS, EXPORT_KINDS, exportEdition, type ExportFormat, type ExportKind } from "~/services/imports.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const m = /^([a-z]+)\.([a-z]+)$/.exec(params.file ?? "");
  const what = m?.[1] as ExportKind | undefined;
  const format = m?.[2] as ExportFormat | undefined;
  if (!what || !format || !EXPORT_KINDS.includes(what) || !EXPORT_FORMATS.includes(format)) notFound();
  const file = await exportEdition(getDb(), actor, params.slug ?? "", what, format, actor.locale);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
