/**
 * The one Database interface for Kysely. Row types stay inside models; the
 * domain has its own types. Times are ISO-8601 UTC strings, booleans 0/1.
 */
import type { Generated, Insertable, Selectable } from "kysely";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string;
  is_platform_admin: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: string;
}

export interface RegionsTable {
  code: string;
  name: string;
  level: "province" | "regency";
  parent_code: string | null;
}

export interface OrganizersTable {
  id: string;
  name: string;
  kind: "national" | "provincial";
  province_code: string | null;
  created_at: string;
}

export interface AgenciesTable {
  id: string;
  code: string;
  name: string;
  name_search: string;
  cluster: string;
  province_code: string | null;
  regency_code: string | null;
  parent_id: string | null;
  organizer_id: string | null;
  created_at: string;
}

export interface CompetitionsTable {
  id: string;
  organizer_id: string;
  name: string;
  year: number;
  slug: string;
  theme: Generated<string>;
  description: Generated<string>;
  created_at: string;
  updated_at: string;
  /** Prefix of proposal numbers, e.g. "KIPP2025" → KIPP2025-000123. */
  number_prefix: Generated<string>;
  /** Last proposal number given in this edition. */
  number_counter: Generated<number>;
  /** JSON array of clusters that may enter; "[]" = all. */
  allowed_clusters: Generated<string>;
  /** Provincial contests: only agencies of this province. */
  eligible_province_code: string | null;
  screening_published_at: string | null;
}

export interface RegistrationExtensionsTable {
  id: string;
  competition_id: string;
  previous_ends_at: string | null;
  new_ends_at: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface CompetitionGroupsTable {
  id: string;
  competition_id: string;
  key: string;
  name_id: string;
  name_en: string;
  description_id: Generated<string>;
  description_en: Generated<string>;
  min_age_months: Generated<number>;
  quota_per_agency: number | null;
  requires_sources: Generated<number>;
  video_required: Generated<number>;
  position: Generated<number>;
}

export interface CompetitionCategoriesTable {
  id: string;
  competition_id: string;
  key: string;
  name_id: string;
  name_en: string;
  position: Generated<number>;
}

export interface GroupSectionsTable {
  id: string;
  group_id: string;
  key: string;
  title_id: string;
  title_en: string;
  guidance_id: Generated<string>;
  guidance_en: Generated<string>;
  word_limit: number | null;
  required: Generated<number>;
  position: Generated<number>;
}

export interface GroupAttachmentSlotsTable {
  id: string;
  group_id: string;
  key: string;
  label_id: string;
  label_en: string;
  /** Comma-separated: pdf,jpeg,png */
  accepted_types: Generated<string>;
  max_size_mb: Generated<number>;
  required: Generated<number>;
  position: Generated<number>;
}

export type ProposalStatus = "draft" | "submitted" | "returned" | "withdrawn";

export interface ProposalsTable {
  id: string;
  competition_id: string;
  group_id: string;
  category_id: string | null;
  agency_id: string;
  number: string;
  title: Generated<string>;
  /** Normalised title for duplicate detection. */
  title_key: Generated<string>;
  service_unit: Generated<string>;
  innovator_kind: Generated<string>;
  innovator_names: Generated<string>;
  innovator_decree: Generated<string>;
  started_on: string | null;
  contact_name: Generated<string>;
  contact_email: Generated<string>;
  contact_phone: Generated<string>;
  video_url: Generated<string>;
  declaration: Generated<number>;
  status: Generated<ProposalStatus>;
  /** Optimistic concurrency: bumped on every save. */
  version: Generated<number>;
  receipt_number: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  return_note: string | null;
  external_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProposalAnswersTable {
  proposal_id: string;
  section_key: string;
  body: string;
}

export interface ProposalFilesTable {
  id: string;
  proposal_id: string;
  slot_key: string;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface ProposalSourcesTable {
  id: string;
  proposal_id: string;
  source_proposal_id: string | null;
  external_title: string | null;
  external_agency: string | null;
  external_year: number | null;
  position: Generated<number>;
}

export interface ProposalScreeningsTable {
  proposal_id: string;
  checks_json: Generated<string>;
  result: "lolos" | "tidak_lolos" | null;
  reasons_json: Generated<string>;
  note: Generated<string>;
  decided_by: string | null;
  decided_at: string | null;
  checked_at: string | null;
}

export interface CompetitionStagesTable {
  competition_id: string;
  stage: string;
  starts_at: string | null;
  ends_at: string | null;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  role: string;
  organizer_id: string | null;
  agency_id: string | null;
  competition_id: string | null;
  active: Generated<number>;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  organizer_id: string | null;
  agency_id: string | null;
  competition_id: string | null;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  created_at: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  email: string;
  ip: string;
  success: number;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  transport: "outbox" | "smtp";
  status: "kept" | "sent" | "failed";
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  organizer_id: string | null;
  competition_id: string | null;
  agency_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  regions: RegionsTable;
  organizers: OrganizersTable;
  agencies: AgenciesTable;
  competitions: CompetitionsTable;
  competition_stages: CompetitionStagesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  login_attempts: LoginAttemptsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  registration_extensions: RegistrationExtensionsTable;
  competition_groups: CompetitionGroupsTable;
  competition_categories: CompetitionCategoriesTable;
  group_sections: GroupSectionsTable;
  group_attachment_slots: GroupAttachmentSlotsTable;
  proposals: ProposalsTable;
  proposal_answers: ProposalAnswersTable;
  proposal_files: ProposalFilesTable;
  proposal_sources: ProposalSourcesTable;
  proposal_screenings: ProposalScreeningsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type CompetitionRow = Selectable<CompetitionsTable>;
