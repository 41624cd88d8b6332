/** Objections (Keberatan) during the objection window (masa sanggah): filing, answering, corrections. */
export const id = {
  "objections.title": "Keberatan",
};

export const en: Record<keyof typeof id, string> = {
  "objections.title": "Objections",
};
