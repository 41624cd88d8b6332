import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { ProposalDocument, ProposalStyles } from "~/components/proposal/print-layout";
import { named } from "~/components/proposal/text";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { getPrintableProposal } from "~/services/proposals.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.number} · ${data.fields.title || "Proposal"} · Sayembara` : "Proposal · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const doc = await getPrintableProposal(getDb(), actor, params.number ?? "");
  return json({ ...doc, printedAt: new Date().toISOString() });
}

/** Only the document is printed: the site's header, navigation, footer and buttons are hidden on paper. */
const PRINT_CSS = `
@media print {
  .site-header, .site-footer, .skip-link, .no-print, .lang-switch, nav { display: none !important; }
  body { background: #fff; color: #000; font-size: 11pt; }
  .main, .container { max-width: none; padding: 0; margin: 0; }
  a { color: #000; text-decoration: none; }
  .proposal-print h1 { font-size: 16pt; margin: 0 0 4pt; }
  .proposal-print h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }
  .proposal-print .doc-section { break-inside: auto; }
  dl.meta { break-inside: avoid; }
}
.proposal-print .print-toolbar { display: flex; gap: 0.75rem; margin-bottom: 1rem; }
`;

export default function ProposalPrint() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="proposal-print">
      <ProposalStyles />
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <div className="print-toolbar no-print">
        <Link to={`/proposals/${d.proposal.number}`} className="button button-secondary">
          {t("common.back")}
        </Link>
        <span className="muted small">{t("proposal.print.hint")}</span>
      </div>
      <h1>{d.fields.title || t("proposal.untitled")}</h1>
      <p className="muted">
        {d.proposal.number} · {d.proposal.competitionName} · {named({ nameId: d.proposal.groupNameId, nameEn: d.proposal.groupNameEn }, locale)} ·{" "}
        {d.proposal.agencyName}
      </p>
      <ProposalDocument
        proposal={d.proposal}
        fields={d.fields}
        categoryName={d.category ? named(d.category, locale) : null}
        group={d.group}
        files={d.files}
        sources={d.sources}
      />
      <p className="muted small">{t("proposal.print.printedAt", { time: formatWib(d.printedAt, locale) })}</p>
    </div>
  );
}
