/** Certificates (Piagam penghargaan): issuing, PDF, QR, verification. */
export const id = {
  "certificates.title": "Piagam penghargaan",
};

export const en: Record<keyof typeof id, string> = {
  "certificates.title": "Certificates",
};
