/** Forwarding provincial winners to a national edition, and their export. */
export const id = {
  "forwarding.title": "Penerusan ke tingkat nasional",
};

export const en: Record<keyof typeof id, string> = {
  "forwarding.title": "Forwarding to the national edition",
};
