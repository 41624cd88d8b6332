import { useState } from "react";
import type { FormSection } from "~/domain/edition";
import { countWords } from "~/domain/proposal-rules";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { answerField } from "~/schemas/proposal";
import { sectionGuidance, sectionTitle } from "./text";

/**
 * One section of the form: its title, guidance in the page's language, a
 * textarea and a word counter. The count is rendered by the server and kept
 * live in the browser with the same countWords the server checks with.
 */
export function SectionField({
  section,
  defaultValue,
  error,
}: {
  section: FormSection;
  defaultValue: string;
  error?: MessageKey;
}) {
  const t = useT();
  const locale = useLocale();
  const [words, setWords] = useState(() => countWords(defaultValue));
  const name = answerField(section.key);
  const guidance = sectionGuidance(section, locale);
  const limit = section.wordLimit;
  const over = limit !== null && words > limit;
  const describedBy = [guidance ? `${name}-hint` : null, `${name}-count`, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field proposal-section">
      <label htmlFor={name}>
        {sectionTitle(section, locale)}{" "}
        <span className="muted small">({section.required ? t("common.required") : t("common.optional")})</span>
      </label>
      {guidance ? (
        <span className="hint" id={`${name}-hint`}>
          {guidance}
        </span>
      ) : null}
      <textarea
        id={name}
        name={name}
        rows={limit !== null && limit <= 250 ? 6 : 12}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        aria-invalid={over || error ? true : undefined}
        onChange={(e) => setWords(countWords(e.currentTarget.value))}
      />
      <span id={`${name}-count`} className={over ? "word-count word-count-over" : "word-count"}>
        {limit !== null ? t("proposal.wordsOfLimit", { words, limit }) : t("proposal.words", { words })}
        {over ? ` — ${t("proposal.overLimit", { over: words - limit })}` : ""}
      </span>
      {error ? (
        <span className="error" id={`${name}-error`} role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
