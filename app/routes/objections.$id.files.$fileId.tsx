/**
 * GET /objections/:id/files/:fileId: download an objection's evidence file,
 * streamed from storage, only to the filing agency's people and the edition's
 * organizer; everyone else (signed out included) gets the same 404 as for an
 * id that does not exist.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { openObjectionFile } from "~/services/objections.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const file = await openObjectionFile(getDb(), actor, params.id ?? "", params.fileId ?? "");
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
