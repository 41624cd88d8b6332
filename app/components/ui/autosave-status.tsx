/**
 * The live line under an autosaving form: what the last save did, in the
 * caller's words (one message per state kind; "saved" gets the WIB time).
 */
import { Alert } from "~/components/ui/form";
import { wibTimeOfDay } from "~/components/proposal/text";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export type AutosaveMessages = Record<string, { key: MessageKey; tone?: "warn" | "error" }>;

export function AutosaveStatus({ state, messages }: { state: { kind: string; savedAt?: string }; messages: AutosaveMessages }) {
  const t = useT();
  const locale = useLocale();
  const m = messages[state.kind];
  const text = m ? t(m.key, state.savedAt ? { time: wibTimeOfDay(state.savedAt, locale) } : undefined) : "";
  return (
    <div className="autosave-status" aria-live="polite">
      {m?.tone ? <Alert kind={m.tone}>{text}</Alert> : text ? <span className="muted">{text}</span> : null}
    </div>
  );
}
