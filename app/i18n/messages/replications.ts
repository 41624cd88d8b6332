/** Replications (Replikasi) — starting, stages, evidence, status, source confirmation, verification, commitments. */
export const id = {
  "replications.title": "Replikasi",
};

export const en: Record<keyof typeof id, string> = {
  "replications.title": "Replications",
};
