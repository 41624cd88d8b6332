/**
 * GET /certificates/:id/pdf: one active certificate as PDF, for the
 * organizer of its edition or the people of the winning agency. Everyone
 * else (signed out included), a revoked certificate and an unknown id get
 * the same 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import { attachmentDisposition } from "~/domain/filetype";
import { publicOrigin } from "~/lib/origin.server";
import { certificatePdf } from "~/services/certificates.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const pdf = await certificatePdf(getDb(), actor, params.id ?? "", publicOrigin(request));
  return new Response(pdf.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.bytes.byteLength),
      "Content-Disposition": attachmentDisposition(pdf.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
