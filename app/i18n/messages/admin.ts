export const id = {
  "organizer.kind.national": "Nasional",
  "organizer.kind.provincial": "Provinsi",
} as const;

export const en: Record<keyof typeof id, string> = {
  "organizer.kind.national": "National",
  "organizer.kind.provincial": "Provincial",
};
