/** The public side of replication — innovation page, network, province statistics, open data. */
export const id = {
  "replicationsPublic.title": "Jejaring replikasi",
};

export const en: Record<keyof typeof id, string> = {
  "replicationsPublic.title": "Replication network",
};
