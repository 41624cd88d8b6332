import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server";
import { ProposalFiles } from "~/components/proposal-files";
import { Alert } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { useT } from "~/i18n/react";
import { parseForm } from "~/lib/forms";
import { clientIp, safeRedirectPath } from "~/lib/http.server";
import { deleteProposalFile, getProposalFiles, uploadProposalFile } from "~/services/files.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Berkas bukti ${data.proposal.number} · Sayembara` : "Berkas bukti · Sayembara" },
];

const DeleteSchema = z.object({
  intent: z.literal("delete"),
  fileId: z.string().min(1, "errors.required").max(64),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const view = await getProposalFiles(getDb(), actor, params.number ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...view, notice: notice === "uploaded" || notice === "deleted" ? notice : null });
}

/** Back to the form the person came from (a same-site path), or to this page with a notice. */
function after(number: string, redirectTo: string | null | undefined, notice: "uploaded" | "deleted", slot?: string): string {
  const own = `/proposals/${encodeURIComponent(number)}/files?notice=${notice}`;
  const to = safeRedirectPath(redirectTo, own);
  return slot && !to.includes("#") ? `${to}#slot-${slot}` : to;
}

/**
 * POST multipart/form-data (slot, redirectTo, file): upload one file.
 * POST urlencoded (intent=delete, fileId, redirectTo): delete one file.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const number = params.number ?? "";
  const ctx = { ip: clientIp(context) };
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const result = await uploadProposalFile(db, actor, number, request, ctx);
    if (!result.ok) {
      return json({ failure: result.failure, values: result.values }, result.failure.error === "files.errors.tooLarge" ? 413 : 400);
    }
    return redirect(after(number, result.redirectTo, "uploaded", result.file.slotKey));
  }
  const parsed = parseForm(DeleteSchema, await request.formData());
  if (!parsed.ok) return json({ failure: { slot: null, error: "errors.invalid" as const }, values: parsed.values }, 400);
  const result = await deleteProposalFile(db, actor, number, parsed.data.fileId, ctx);
  if (!result.ok) return json({ failure: result.failure, values: parsed.values }, 400);
  return redirect(after(number, parsed.data.redirectTo, "deleted"));
}

export default function ProposalFilesPage() {
  const { proposal, slots, files, canEdit, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("files.title")}
        lead={t("files.lead", { number: proposal.number })}
        breadcrumb={<Link to={`/proposals/${encodeURIComponent(proposal.number)}`}>{proposal.title || proposal.number}</Link>}
      />
      {notice === "uploaded" ? <Alert kind="success">{t("files.uploaded")}</Alert> : null}
      {notice === "deleted" ? <Alert kind="success">{t("files.deleted")}</Alert> : null}
      <ProposalFiles
        number={proposal.number}
        slots={slots}
        files={files}
        canEdit={canEdit}
        failure={data?.failure}
        redirectTo={data?.values?.redirectTo || undefined}
        headingLevel={2}
      />
      <p>
        <Link to={`/proposals/${encodeURIComponent(proposal.number)}`}>{t("files.backToProposal")}</Link>
      </p>
    </>
  );
}
