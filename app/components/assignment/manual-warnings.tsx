import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export interface ManualWarningView {
  code: "notExpert" | "overMax" | "belowMin" | "unavailable" | "full" | "belowK" | "started";
  params: Record<string, string | number>;
}

/**
 * The warnings of a manual change and the "do it anyway" box: the second
 * submit of the same form (no JavaScript needed). The codes shown go back as
 * `acknowledged`, so a warning that appears only after this page was drawn
 * is shown again instead of being confirmed blindly.
 */
export function ManualWarnings({ op, warnings }: { op: string; warnings: ManualWarningView[] }) {
  const t = useT();
  const locale = useLocale();
  const text = (w: ManualWarningView) => {
    const p = w.params;
    switch (w.code) {
      case "notExpert":
        return t("assignment.warn.notExpert", { juror: String(p.juror), category: String(locale === "en" ? p.categoryEn : p.categoryId) });
      case "unavailable":
        return t("assignment.warn.unavailable", { juror: String(p.juror), from: formatWib(String(p.from), locale), to: formatWib(String(p.to), locale) });
      default:
        return t(`assignment.warn.${w.code}` as MessageKey, p);
    }
  };
  const id = `${op}-confirm`;
  return (
    <div className="alert alert-warn" role="status">
      <p>
        <strong>{t("assignment.warn.title")}</strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>{text(w)}</li>
        ))}
      </ul>
      {warnings.map((w) => (
        <input key={w.code} type="hidden" name="acknowledged" value={w.code} />
      ))}
      <span className="checkbox">
        <input type="checkbox" id={id} name="confirm" />
        <label htmlFor={id}>{t("assignment.warn.confirm")}</label>
      </span>
    </div>
  );
}
