export const id = {
  "plenary.title": "Sidang pleno",
};

export const en: Record<keyof typeof id, string> = {
  "plenary.title": "Plenary",
};
