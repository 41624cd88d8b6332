/** The public site: home, editions, catalogue (Katalog inovasi), open data, sitemap. */
export const id = {
  "public.title": "Katalog inovasi",
};

export const en: Record<keyof typeof id, string> = {
  "public.title": "Innovation catalogue",
};
