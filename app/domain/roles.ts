/** Roles a person can hold. One person can hold different roles in different scopes. */
export const ROLES = [
  "organizer_admin", // Admin Penyelenggara (Tim Sekretariat), scoped to an organizer
  "admin_lokal", // Admin Lokal (Admin Instansi), scoped to an agency
  "innovator", // Inovator / UPP, scoped to an agency
  "evaluator", // Juri: Evaluator (TE), scoped to a competition
  "panelist", // Juri: Panelis (TPI), scoped to a competition
] as const;
export type Role = (typeof ROLES)[number];

export const CLUSTERS = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd", "opd"] as const;
export type Cluster = (typeof CLUSTERS)[number];

/** Clusters an organizer may add to the registry (the rest is reference data). */
export const ORGANIZER_ADDABLE_CLUSTERS = ["opd", "bumd", "bumn", "lembaga"] as const satisfies readonly Cluster[];

export const ORGANIZER_KINDS = ["national", "provincial"] as const;
export type OrganizerKind = (typeof ORGANIZER_KINDS)[number];

/** The yearly flow of an edition (DOMAIN.md, "The yearly flow"). */
export const STAGES = [
  "persiapan",
  "pendaftaran",
  "seleksi_administrasi",
  "penilaian_proposal",
  "sidang_pleno",
  "pengumuman",
  "presentasi",
  "verifikasi_lapangan",
  "penetapan",
  "pemantauan",
] as const;
export type Stage = (typeof STAGES)[number];

export interface Membership {
  role: Role;
  organizerId: string | null;
  agencyId: string | null;
  competitionId: string | null;
}

/** Who is asking: the signed-in user and every role they hold. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: "id" | "en";
  isPlatformAdmin: boolean;
  memberships: Membership[];
}
