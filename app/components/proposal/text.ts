/**
 * Small presentational helpers of the proposal pages: problem messages with
 * section/slot titles filled in, the checklist anchors, labels in the page's
 * language, and time left / time of day derived from the one WIB formatter.
 */
import type { AttachmentSlot, FormSection, Group } from "~/domain/edition";
import type { Problem } from "~/domain/proposal-rules";
import { formatWib } from "~/domain/time";
import type { Locale, MessageKey, Translator } from "~/i18n";
import { answerField } from "~/schemas/proposal";

export function sectionTitle(s: FormSection, locale: Locale): string {
  return (locale === "en" ? s.titleEn : s.titleId) || s.titleId || s.key;
}

export function sectionGuidance(s: FormSection, locale: Locale): string {
  return (locale === "en" ? s.guidanceEn : s.guidanceId) || s.guidanceId;
}

export function slotLabel(s: AttachmentSlot, locale: Locale): string {
  return (locale === "en" ? s.labelEn : s.labelId) || s.labelId || s.key;
}

export function named(x: { nameId: string; nameEn: string }, locale: Locale): string {
  return (locale === "en" ? x.nameEn : x.nameId) || x.nameId;
}

/** The element id a checklist item links to (the field, section textarea, slot or sources list). */
export function problemAnchor(p: Problem): string | null {
  if (!p.field) return null;
  if (p.field.startsWith("section.")) return answerField(p.field.slice("section.".length));
  // The slot's upload box (app/components/proposal-files.tsx).
  if (p.field.startsWith("file.")) return `slot-${p.field.slice("file.".length)}`;
  return p.field;
}

/** A problem in words, with the section/slot key replaced by its title. */
export function problemText(t: Translator, locale: Locale, p: Problem, group: Group | null): string {
  const params: Record<string, string | number> = { ...(p.params ?? {}) };
  if (group && typeof params.section === "string") {
    const s = group.sections.find((x) => x.key === params.section);
    if (s) params.section = sectionTitle(s, locale);
  }
  if (group && typeof params.slot === "string") {
    const s = group.slots.find((x) => x.key === params.slot);
    if (s) params.slot = slotLabel(s, locale);
  }
  return t(`problem.${p.code}` as MessageKey, params);
}

/** "3 hari 4 jam lagi", "25 menit lagi", "kurang dari 1 menit lagi". */
export function timeLeftText(t: Translator, minutesLeft: number | null): string | null {
  if (minutesLeft === null) return null;
  if (minutesLeft < 1) return t("proposal.timeLeft.lessThanMinute");
  const days = Math.floor(minutesLeft / 1440);
  const hours = Math.floor((minutesLeft % 1440) / 60);
  const minutes = minutesLeft % 60;
  if (days > 0) return t("proposal.timeLeft.days", { days, hours });
  if (hours > 0) return t("proposal.timeLeft.hours", { hours, minutes });
  return t("proposal.timeLeft.minutes", { minutes });
}

/** The time of day in WIB ("14.32 WIB"), cut from the one formatter's output so both agree. */
export function wibTimeOfDay(iso: string, locale: Locale): string {
  const parts = formatWib(iso, locale).split(" ");
  return parts.slice(-2).join(" ");
}

export const STATUS_BADGE: Record<string, string> = {
  draft: "badge badge-muted",
  returned: "badge badge-danger",
  submitted: "badge badge-success",
  withdrawn: "badge badge-muted",
};

export function formatBytes(n: number, locale: Locale): string {
  const fmt = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 1 });
  if (n >= 1024 * 1024) return `${fmt.format(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${fmt.format(n / 1024)} KB`;
  return `${fmt.format(n)} B`;
}
