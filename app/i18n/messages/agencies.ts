export const id = {
  "cluster.kementerian": "Kementerian",
  "cluster.lembaga": "Lembaga",
  "cluster.provinsi": "Provinsi",
  "cluster.kabupaten": "Kabupaten",
  "cluster.kota": "Kota",
  "cluster.bumn": "BUMN",
  "cluster.bumd": "BUMD",
  "cluster.opd": "Perangkat Daerah (OPD)",
} as const;

export const en: Record<keyof typeof id, string> = {
  "cluster.kementerian": "Ministry",
  "cluster.lembaga": "Agency",
  "cluster.provinsi": "Province",
  "cluster.kabupaten": "Regency",
  "cluster.kota": "City",
  "cluster.bumn": "State-owned enterprise (BUMN)",
  "cluster.bumd": "Regional enterprise (BUMD)",
  "cluster.opd": "Regional government unit (OPD)",
};
