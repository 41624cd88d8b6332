/**
 * Edition settings as the domain sees them (no row types): groups with their
 * form (sections, attachment slots), categories, eligibility and the
 * registration window. Loaded by getEditionSettings (app/models/edition.server.ts).
 */
import type { Cluster } from "./roles";

export type FileKind = "pdf" | "jpeg" | "png";

export interface FormSection {
  key: string;
  titleId: string;
  titleEn: string;
  guidanceId: string;
  guidanceEn: string;
  /** Maximum words; null = no limit. */
  wordLimit: number | null;
  required: boolean;
  position: number;
}

export interface AttachmentSlot {
  key: string;
  labelId: string;
  labelEn: string;
  acceptedTypes: FileKind[];
  maxSizeMb: number;
  required: boolean;
  position: number;
}

export interface Group {
  id: string;
  key: string;
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  /** The innovation must have run at least this long, counted back from registration close. */
  minAgeMonths: number;
  /** Submitted proposals per agency in this group; null = no quota. */
  quotaPerAgency: number | null;
  /** Replikasi: the proposal must name its source innovations. */
  requiresSources: boolean;
  videoRequired: boolean;
  position: number;
  sections: FormSection[];
  slots: AttachmentSlot[];
}

export interface Category {
  id: string;
  key: string;
  nameId: string;
  nameEn: string;
  position: number;
}

export interface EditionSettings {
  competitionId: string;
  organizerId: string;
  slug: string;
  name: string;
  year: number;
  /** e.g. "KIPP2025"; numbers look like KIPP2025-000123. */
  numberPrefix: string;
  /** Clusters that may enter; empty = all. */
  allowedClusters: Cluster[];
  /** Provincial contests: only agencies of this province. */
  eligibleProvinceCode: string | null;
  registration: { startsAt: string | null; endsAt: string | null };
  screeningPublishedAt: string | null;
  groups: Group[];
  categories: Category[];
}
