/**
 * GET /monitoring/reports/:reportId/files/:fileId: download a sustainability
 * report's evidence file, streamed from storage, only to the reporting
 * agency's people and the admins of the period's organizer; everyone else
 * (signed out included) gets the same 404 as for an id that does not exist.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { openReportFile } from "~/services/monitoring.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const file = await openReportFile(getDb(), actor, params.reportId ?? "", params.fileId ?? "");
  return new Response(createReadableStreamFromReadable(file.stream), {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-cache",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
