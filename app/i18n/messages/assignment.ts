export const id = {
  "assignment.title": "Penugasan juri",
  "assignment.rounds": "Putaran & penugasan",
};

export const en: Record<keyof typeof id, string> = {
  "assignment.title": "Jury assignment",
  "assignment.rounds": "Rounds & assignment",
};
