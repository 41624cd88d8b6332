export const id = {
  "juror.title": "Penugasan saya",
  "juror.open": "Buka penugasan saya",
};

export const en: Record<keyof typeof id, string> = {
  "juror.title": "My assignments",
  "juror.open": "Open my assignments",
};
