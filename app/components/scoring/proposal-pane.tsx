/**
 * The proposal beside the rubric, read-only. In a blind round the server
 * sends no identity (agency, innovators, contact, service unit, decree) and
 * no file names, so nothing here can show them; the heading is the neutral
 * label from blindLabel.
 */
import { formatFileSize } from "~/domain/filetype";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import type { Locale } from "~/i18n";

export interface PaneProposal {
  number: string;
  label: { position: number; number: string | null };
  title: string;
  group: { nameId: string; nameEn: string };
  category: { nameId: string; nameEn: string } | null;
  startedOn: string | null;
  videoUrl: string;
  identity: {
    agencyName: string;
    agencyCode: string;
    serviceUnit: string;
    innovatorKind: "team" | "person";
    innovatorNames: string;
    innovatorDecree: string;
    contact: string;
  } | null;
  sections: { key: string; titleId: string; titleEn: string; body: string }[];
  files: { id: string; slotLabelId: string; slotLabelEn: string; nth: number; name: string | null; mimeType: string; sizeBytes: number }[];
}

function pick(locale: Locale, idText: string, enText: string): string {
  return (locale === "en" ? enText : idText) || idText;
}

/** "Proposal #12" in a blind round (with the number only when it names no agency), else the number. */
export function useProposalLabel(p: Pick<PaneProposal, "label" | "number">, blind: boolean): string {
  const t = useT();
  if (!blind) return p.number;
  return p.label.number
    ? t("scoring.sheet.blindLabelWithNumber", { position: p.label.position, number: p.label.number })
    : t("scoring.sheet.blindLabel", { position: p.label.position });
}

export function ProposalPane({ p, blind }: { p: PaneProposal; blind: boolean }) {
  const t = useT();
  const locale = useLocale();
  const dash = "—";
  return (
    <article className="proposal-document scoring-proposal" aria-labelledby="proposal-heading">
      <h2 id="proposal-heading">{p.title || t("scoring.sheet.untitled")}</h2>
      {blind ? <p className="muted small">{t("scoring.sheet.blindNote")}</p> : null}
      <dl className="meta">
        <dt>{t("scoring.sheet.proposal.number")}</dt>
        <dd>
          <code>{useProposalLabel(p, blind)}</code>
        </dd>
        <dt>{t("scoring.sheet.proposal.group")}</dt>
        <dd>{pick(locale, p.group.nameId, p.group.nameEn)}</dd>
        <dt>{t("scoring.sheet.proposal.category")}</dt>
        <dd>{p.category ? pick(locale, p.category.nameId, p.category.nameEn) : dash}</dd>
        <dt>{t("scoring.sheet.proposal.startedOn")}</dt>
        <dd>{p.startedOn ? formatWib(`${p.startedOn}T00:00:00+07:00`, locale, false) : dash}</dd>
        {p.identity ? (
          <>
            <dt>{t("scoring.sheet.proposal.agency")}</dt>
            <dd>
              {p.identity.agencyName} <span className="muted small">({p.identity.agencyCode})</span>
            </dd>
            <dt>{t("scoring.sheet.proposal.serviceUnit")}</dt>
            <dd>{p.identity.serviceUnit || dash}</dd>
            <dt>{t("scoring.sheet.proposal.innovators")}</dt>
            <dd className="pre">
              {p.identity.innovatorNames || dash}{" "}
              <span className="muted small">
                ({t(p.identity.innovatorKind === "team" ? "scoring.sheet.proposal.team" : "scoring.sheet.proposal.person")})
              </span>
            </dd>
            <dt>{t("scoring.sheet.proposal.decree")}</dt>
            <dd>{p.identity.innovatorDecree || dash}</dd>
            <dt>{t("scoring.sheet.proposal.contact")}</dt>
            <dd>{p.identity.contact || dash}</dd>
          </>
        ) : null}
        <dt>{t("scoring.sheet.proposal.video")}</dt>
        <dd>
          {p.videoUrl && /^https?:\/\//i.test(p.videoUrl) ? (
            <a href={p.videoUrl} target="_blank" rel="noopener noreferrer" className="break">
              {p.videoUrl}
            </a>
          ) : (
            dash
          )}
        </dd>
      </dl>

      {p.sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`} className="doc-section">
          <h3 id={`section-${s.key}`}>{pick(locale, s.titleId, s.titleEn) || s.key}</h3>
          {s.body.trim() ? <div className="pre">{s.body}</div> : <p className="muted">{t("scoring.sheet.proposal.empty")}</p>}
        </section>
      ))}

      <section aria-labelledby="files-heading">
        <h3 id="files-heading">{t("scoring.sheet.proposal.files")}</h3>
        {p.files.length === 0 ? (
          <p className="muted">{t("scoring.sheet.proposal.noFiles")}</p>
        ) : (
          <ul className="file-list">
            {p.files.map((f) => {
              const slot = pick(locale, f.slotLabelId, f.slotLabelEn);
              const text = f.name ?? t("scoring.sheet.proposal.fileBlind", { slot, n: f.nth });
              return (
                <li key={f.id}>
                  <a href={`/files/${f.id}`} target="_blank" rel="noopener">
                    {text}
                  </a>{" "}
                  <span className="muted small">
                    {f.name ? `${slot} · ` : ""}
                    {formatFileSize(f.sizeBytes, locale)}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
