export const id = {
  "scoring.title": "Penilaian",
};

export const en: Record<keyof typeof id, string> = {
  "scoring.title": "Scoring",
};
