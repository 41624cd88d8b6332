import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

const CLASS = { pending: "badge badge-muted", confirmed: "badge badge-success", declined: "badge badge-danger" } as const;

/** An agency's answer to a presentation slot. */
export function AttendanceBadge({ attendance }: { attendance: "pending" | "confirmed" | "declined" }) {
  const t = useT();
  return <span className={CLASS[attendance]}>{t(`scoring.slots.attendance.${attendance}` as MessageKey)}</span>;
}
