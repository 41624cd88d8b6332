/**
 * GET /competitions/:slug/certificates/zip: every active certificate of the
 * edition, one PDF each, for the organizer (award.manage); 403/404 otherwise.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { publicOrigin } from "~/lib/origin.server";
import { certificatesZip } from "~/services/certificates.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const zip = await certificatesZip(getDb(), actor, params.slug ?? "", publicOrigin(request));
  return new Response(zip.bytes, {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(zip.bytes.byteLength),
      "Content-Disposition": attachmentDisposition(zip.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
