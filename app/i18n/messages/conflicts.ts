export const id = {
  "conflicts.title": "Konflik kepentingan",
};

export const en: Record<keyof typeof id, string> = {
  "conflicts.title": "Conflicts of interest",
};
