/** Announcements (Pengumuman): numbering, drafting from a decision, publishing, notifications, PDF. */
export const id = {
  "announcements.title": "Pengumuman",
};

export const en: Record<keyof typeof id, string> = {
  "announcements.title": "Announcements",
};
