export const id = {
  "jury.title": "Juri",
};

export const en: Record<keyof typeof id, string> = {
  "jury.title": "Jury",
};
