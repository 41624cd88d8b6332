/** Sustainability monitoring (Pemantauan keberlanjutan) — periods, reports, reminders, dashboards. */
export const id = {
  "monitoring.title": "Pemantauan keberlanjutan",
};

export const en: Record<keyof typeof id, string> = {
  "monitoring.title": "Sustainability monitoring",
};
