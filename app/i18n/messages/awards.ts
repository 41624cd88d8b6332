/** Award tiers and winners (Pemenang), the cluster breakdown. */
export const id = {
  "awards.title": "Penghargaan",
};

export const en: Record<keyof typeof id, string> = {
  "awards.title": "Awards",
};
