/**
 * The evidence files of a proposal, slot by slot: what is there (download
 * links), and for whoever may change them, a plain multipart form per slot
 * and a delete button per file. Works without JavaScript: the forms post to
 * /proposals/:number/files, which redirects to `redirectTo` on success and
 * shows the files page with the error at its slot otherwise.
 *
 * The hidden `slot` field comes before the file input on purpose: the server
 * reads the body as a stream and must know the slot's limit and accepted
 * types before the file's bytes arrive (it is also in the query string).
 */
import type { AttachmentSlot } from "~/domain/edition";
import { acceptAttribute, formatFileSize, kindList, type FileFailure } from "~/domain/filetype";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { Alert } from "./ui/form";

/** A file as listed (the shape of listProposalFiles in app/models/proposals.server.ts). */
export interface ProposalFileItem {
  id: string;
  slot_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
}

export interface ProposalFilesProps {
  /** The proposal's public number, e.g. KIPP2025-000123. */
  number: string;
  /** The group's attachment slots, in form order. */
  slots: AttachmentSlot[];
  files: ProposalFileItem[];
  /** Show upload and delete forms (the agency, proposal editable, window open). */
  canEdit: boolean;
  /** The refusal of the last upload or delete, if any. */
  failure?: FileFailure | null;
  /** Where to go back after a successful upload or delete (a same-site path). */
  redirectTo?: string;
  /** The heading level of each slot's title (default 3: under the page's "Berkas bukti" h2). */
  headingLevel?: 2 | 3 | 4;
}

export function ProposalFiles({ number, slots, files, canEdit, failure, redirectTo, headingLevel = 3 }: ProposalFilesProps) {
  const t = useT();
  const locale = useLocale();
  const action = `/proposals/${encodeURIComponent(number)}/files`;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const slotKeys = new Set(slots.map((s) => s.key));
  // Files of a slot the organizer removed later: still listed (and deletable), never lost from view.
  const otherSlots = [...new Set(files.map((f) => f.slot_key).filter((k) => !slotKeys.has(k)))];

  function message(f: FileFailure): string {
    return t(f.error, {
      types: kindList(f.kinds ?? [], locale),
      size: f.maxSizeMb ?? "",
    });
  }

  function fileList(slotKey: string) {
    const mine = files.filter((f) => f.slot_key === slotKey);
    if (mine.length === 0) return <p className="muted small">{t("files.slot.empty")}</p>;
    return (
      <ul className="file-list">
        {mine.map((f) => (
          <li key={f.id}>
            <a href={`/files/${f.id}`} aria-label={t("files.download", { name: f.original_name })}>
              {f.original_name}
            </a>{" "}
            <span className="muted small">
              {t("files.meta", { size: formatFileSize(f.size_bytes, locale), date: formatWib(f.created_at, locale) })}
            </span>
            {canEdit ? (
              <form method="post" action={action} style={{ display: "inline" }}>
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="fileId" value={f.id} />
                {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
                <button type="submit" className="button-quiet" aria-label={t("files.deleteLabel", { name: f.original_name })}>
                  {t("files.delete")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="proposal-files">
      {/* At the top when there is no slot form to show it at (no slot, an unknown one, or editing has just ended). */}
      {failure && (failure.slot === null || !slotKeys.has(failure.slot) || !canEdit) ? <Alert kind="error">{message(failure)}</Alert> : null}
      {!canEdit ? <p className="muted small">{t("files.readOnly")}</p> : null}
      {slots.map((slot) => {
        const label = locale === "en" ? slot.labelEn : slot.labelId;
        const inputId = `upload-${slot.key}`;
        const error = failure && failure.slot === slot.key ? message(failure) : null;
        return (
          <section key={slot.key} id={`slot-${slot.key}`} className="card file-slot" aria-labelledby={`${inputId}-title`}>
            <Heading id={`${inputId}-title`}>
              {label}{" "}
              <span className={slot.required ? "badge" : "badge badge-muted"}>
                {t(slot.required ? "files.slot.required" : "files.slot.optional")}
              </span>
            </Heading>
            <p className="hint small" id={`${inputId}-hint`}>
              {t("files.slot.rules", { types: kindList(slot.acceptedTypes, locale), size: slot.maxSizeMb })}
            </p>
            {fileList(slot.key)}
            {canEdit ? (
              <form method="post" encType="multipart/form-data" action={`${action}?slot=${encodeURIComponent(slot.key)}`}>
                <input type="hidden" name="slot" value={slot.key} />
                {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
                <div className="field">
                  <label htmlFor={inputId}>{t("files.upload.label", { slot: label })}</label>
                  <input
                    id={inputId}
                    name="file"
                    type="file"
                    required
                    accept={acceptAttribute(slot.acceptedTypes)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
                  />
                  {error ? (
                    <span className="error" id={`${inputId}-error`} role="alert">
                      {error}
                    </span>
                  ) : null}
                </div>
                <div className="actions">
                  <button type="submit" className="button">
                    {t("files.upload.submit")}
                  </button>
                </div>
              </form>
            ) : null}
          </section>
        );
      })}
      {otherSlots.map((key) => (
        <section key={key} className="card file-slot" aria-labelledby={`upload-${key}-title`}>
          <Heading id={`upload-${key}-title`}>{t("files.slot.other", { slot: key })}</Heading>
          {fileList(key)}
        </section>
      ))}
    </div>
  );
}
