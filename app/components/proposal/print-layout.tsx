import type { ReactNode } from "react";
import type { Group } from "~/domain/edition";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { ProposalFields } from "~/schemas/proposal";
import { formatBytes, named, sectionTitle, slotLabel } from "./text";

export interface DocumentFile {
  id: string;
  slot_key: string;
  original_name: string;
  size_bytes: number;
}

export interface DocumentSource {
  id: string;
  kind: "platform" | "external";
  number: string | null;
  title: string;
  agency: string;
  edition: string | null;
  year: number | null;
}

export interface DocumentProposal {
  number: string;
  status: string;
  agencyName: string;
  competitionName: string;
  groupNameId: string;
  groupNameEn: string;
  receiptNumber: string | null;
  submittedAt: string | null;
}

/** A source innovation in one line: "Judul — Instansi (KIPP 2023, KIPP2023-000012)". */
export function SourceLine({ s }: { s: DocumentSource }) {
  const t = useT();
  const where = [s.edition ?? (s.year ? String(s.year) : null), s.number].filter(Boolean).join(", ");
  return (
    <>
      <strong>{s.title}</strong> — {s.agency}
      {where ? ` (${where})` : ""}{" "}
      <span className="muted small">{s.kind === "external" ? t("proposal.sources.external") : t("proposal.sources.platform")}</span>
    </>
  );
}

/**
 * The whole proposal read-only: header fields, sections with their titles,
 * attachments, sources, number, status and submission time. The print view
 * and the read-only page both render this.
 */
export function ProposalDocument({
  proposal,
  fields,
  categoryName,
  group,
  files,
  sources,
  filesView,
  headingLevel = 2,
}: {
  proposal: DocumentProposal;
  fields: ProposalFields;
  categoryName: string | null;
  group: Group;
  files: DocumentFile[];
  sources: DocumentSource[];
  /** Replaces the plain list of attachments (the page shows download links; print shows names). */
  filesView?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const locale = useLocale();
  const H = headingLevel === 2 ? "h2" : "h3";
  const dash = "—";
  return (
    <article className="proposal-document">
      <section aria-labelledby="doc-identity">
        <H id="doc-identity">{t("proposal.doc.identity")}</H>
        <dl className="meta">
          <dt>{t("proposal.field.number")}</dt>
          <dd>
            <code>{proposal.number}</code>
          </dd>
          <dt>{t("common.status")}</dt>
          <dd>{t(`proposal.status.${proposal.status}` as MessageKey)}</dd>
          {proposal.receiptNumber ? (
            <>
              <dt>{t("proposal.field.receipt")}</dt>
              <dd>
                <code>{proposal.receiptNumber}</code>
              </dd>
            </>
          ) : null}
          {proposal.submittedAt ? (
            <>
              <dt>{t("proposal.field.submittedAt")}</dt>
              <dd>{formatWib(proposal.submittedAt, locale)}</dd>
            </>
          ) : null}
          <dt>{t("proposal.field.competition")}</dt>
          <dd>{proposal.competitionName}</dd>
          <dt>{t("proposal.field.group")}</dt>
          <dd>{named({ nameId: proposal.groupNameId, nameEn: proposal.groupNameEn }, locale)}</dd>
          <dt>{t("proposal.field.agency")}</dt>
          <dd>{proposal.agencyName}</dd>
          <dt>{t("proposal.field.title")}</dt>
          <dd>{fields.title || dash}</dd>
          <dt>{t("proposal.field.category")}</dt>
          <dd>{categoryName ?? dash}</dd>
          <dt>{t("proposal.field.serviceUnit")}</dt>
          <dd>{fields.serviceUnit || dash}</dd>
          <dt>{t("proposal.field.innovatorKind")}</dt>
          <dd>{t(fields.innovatorKind === "team" ? "proposal.innovatorKind.team" : "proposal.innovatorKind.person")}</dd>
          <dt>{t("proposal.field.innovatorNames")}</dt>
          <dd className="pre">{fields.innovatorNames || dash}</dd>
          <dt>{t("proposal.field.innovatorDecree")}</dt>
          <dd>{fields.innovatorDecree || dash}</dd>
          <dt>{t("proposal.field.startedOn")}</dt>
          <dd>{fields.startedOn ? formatWib(`${fields.startedOn}T00:00:00+07:00`, locale, false) : dash}</dd>
          <dt>{t("proposal.field.contact")}</dt>
          <dd>{[fields.contactName, fields.contactEmail, fields.contactPhone].filter(Boolean).join(" · ") || dash}</dd>
          <dt>{t("proposal.field.videoUrl")}</dt>
          <dd>{fields.videoUrl ? <span className="break">{fields.videoUrl}</span> : dash}</dd>
          <dt>{t("proposal.field.declaration")}</dt>
          <dd>{fields.declaration ? t("common.yes") : t("common.no")}</dd>
        </dl>
      </section>

      {group.sections.map((s) => (
        <section key={s.key} aria-labelledby={`doc-section-${s.key}`} className="doc-section">
          <H id={`doc-section-${s.key}`}>{sectionTitle(s, locale)}</H>
          {fields.answers[s.key]?.trim() ? <div className="pre">{fields.answers[s.key]}</div> : <p className="muted">{t("proposal.doc.empty")}</p>}
        </section>
      ))}

      <section aria-labelledby="doc-files">
        <H id="doc-files">{t("proposal.files.title")}</H>
        {filesView ? (
          filesView
        ) : group.slots.length === 0 ? (
          <p className="muted">{t("proposal.files.none")}</p>
        ) : (
          <ul>
            {group.slots.map((slot) => {
              const inSlot = files.filter((f) => f.slot_key === slot.key);
              return (
                <li key={slot.key}>
                  <strong>{slotLabel(slot, locale)}</strong>
                  {": "}
                  {inSlot.length === 0
                    ? t("proposal.files.missing")
                    : inSlot.map((f) => `${f.original_name} (${formatBytes(f.size_bytes, locale)})`).join(", ")}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {group.requiresSources || sources.length > 0 ? (
        <section aria-labelledby="doc-sources">
          <H id="doc-sources">{t("proposal.sources.title")}</H>
          {sources.length === 0 ? (
            <p className="muted">{t("proposal.sources.empty")}</p>
          ) : (
            <ol>
              {sources.map((s) => (
                <li key={s.id}>
                  <SourceLine s={s} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </article>
  );
}

/** Styles of the proposal pages, kept with them (word counter, conflict table, printable document). */
export function ProposalStyles() {
  return (
    // As HTML, not text: the server would escape quotes that the browser does not unescape in <style>.
    <style
      dangerouslySetInnerHTML={{
        __html: `
.proposal-document .pre, .conflict-table .pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.proposal-document .break { overflow-wrap: anywhere; }
.word-count { display: block; font-size: 0.85rem; color: var(--c-muted, #5b6776); margin-top: 0.25rem; }
.word-count-over { color: var(--c-danger, #b42318); font-weight: 600; }
.autosave-status { min-height: 1.5em; font-size: 0.9rem; }
.conflict-table td, .conflict-table th { vertical-align: top; width: 40%; }
.conflict-table th[scope="row"] { width: 20%; }
.checklist ul { margin: 0.25rem 0 0; }
.checklist-done { font-weight: 600; }
.proposal-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
fieldset.proposal-fieldset { margin: 0 0 1.25rem; }
.visually-hidden-button { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
`,
      }}
    />
  );
}
