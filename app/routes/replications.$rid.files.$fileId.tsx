/**
 * GET /replications/:rid/files/:fileId: a replication's evidence file,
 * streamed, only to those who may read the replication (adopter, source
 * agency, organizers covering the adopter); everyone else gets a 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { openReplicationFile } from "~/services/replications.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const file = await openReplicationFile(getDb(), actor, params.rid ?? "", params.fileId ?? "");
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
