/**
 * GET /files/:id: download an evidence file, streamed from storage, only to
 * someone allowed to see its proposal; everyone else (signed out included)
 * gets the same 404 as for an id that does not exist.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { openProposalFile } from "~/services/files.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const file = await openProposalFile(getDb(), actor, params.id ?? "");
  return new Response(createReadableStreamFromReadable(file.stream), {
    status: 200,
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-cache",
      // Never run as a page on our origin, even if a browser decided to render it.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
