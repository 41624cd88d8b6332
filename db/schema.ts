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
  /** Automatic conflict when a juror's affiliation shares the proposal's region. */
  conflict_same_region: Generated<number>;
  /** Announcement number pattern: {n} running counter, {year} edition year, {yyyy}/{mm} WIB publication date. */
  announcement_pattern: Generated<string>;
  /** Last announcement number given ({n}). */
  announcement_counter: Generated<number>;
  /** Default objection window length in calendar days (WIB). */
  objection_days: Generated<number>;
  certificate_signatory_name: Generated<string>;
  certificate_signatory_title: Generated<string>;
  certificate_place: Generated<string>;
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
  /** A national draft forwarded from a provincial contest's winner (migration 0007). */
  forwarded_from_proposal_id: Generated<string | null>;
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
  declined_at: Generated<string | null>;
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

export type JurorRole = "evaluator" | "panelist";
export type JurorStatus = "invited" | "active" | "declined" | "withdrawn";

/** A juror in an edition's pool (by role), with their profile. */
export interface JurorsTable {
  id: string;
  competition_id: string;
  role: JurorRole;
  email: string;
  name: string;
  user_id: string | null;
  invitation_id: string | null;
  status: JurorStatus;
  affiliation_agency_id: string | null;
  affiliation_other: Generated<string>;
  min_load: Generated<number>;
  max_load: Generated<number>;
  withdrawn_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface JurorExpertiseTable {
  juror_id: string;
  category_id: string;
}

export interface JurorUnavailabilityTable {
  id: string;
  juror_id: string;
  starts_at: string;
  ends_at: string;
  note: Generated<string>;
  created_at: string;
}

export type ConflictSource = "auto_agency" | "auto_parent" | "auto_child" | "auto_region" | "juror" | "agency" | "organizer";

export interface ConflictsTable {
  id: string;
  competition_id: string;
  juror_id: string;
  proposal_id: string;
  source: ConflictSource;
  reason: Generated<string>;
  status: Generated<"active" | "dismissed">;
  declared_by: string | null;
  created_at: string;
  dismissed_by: string | null;
  dismissed_reason: string | null;
  dismissed_at: string | null;
}

export type RoundKind = "desk" | "presentation" | "field";
export type RoundStatus = "draft" | "open" | "closed" | "decided";

export interface RoundsTable {
  id: string;
  competition_id: string;
  position: number;
  name: string;
  kind: RoundKind;
  pool_role: JurorRole;
  k: number;
  starts_at: string | null;
  ends_at: string | null;
  status: Generated<RoundStatus>;
  spread_affiliations: Generated<number>;
  assignment_seed: Generated<number>;
  created_at: string;
  updated_at: string;
  blind: Generated<number>;
  score_visibility: Generated<"never" | "after_submit" | "always">;
  score_method: Generated<string>;
  advancement_json: Generated<string>;
  tiebreak_json: Generated<string>;
  disagreement_threshold: Generated<number>;
  borderline_band: Generated<number>;
  opened_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  decided_at: string | null;
}

export interface RoundEntrantsTable {
  round_id: string;
  proposal_id: string;
}

export interface AssignmentsTable {
  id: string;
  round_id: string;
  juror_id: string;
  proposal_id: string;
  source: "auto" | "manual";
  expertise_match: number;
  run_id: string | null;
  created_by: string | null;
  created_at: string;
  opened_at: string | null;
  completed_at: string | null;
}

export interface AssignmentRunsTable {
  id: string;
  round_id: string;
  kind: "preview" | "repair-preview";
  mode: "keep" | "restart" | "repair";
  seed: number;
  input_hash: string;
  plan_json: string;
  created_by: string | null;
  created_at: string;
  committed_at: string | null;
}

export interface RoundCriteriaTable {
  id: string;
  round_id: string;
  key: string;
  name_id: string;
  name_en: string;
  weight: number;
  scale_min: number;
  scale_max: number;
  scale_step: Generated<number>;
  levels_json: Generated<string>;
  position: Generated<number>;
}

export interface ScoreSheetsTable {
  id: string;
  assignment_id: string;
  round_id: string;
  juror_id: string;
  proposal_id: string;
  status: Generated<"draft" | "submitted">;
  overall_comment: Generated<string>;
  source: Generated<"web" | "import">;
  version: Generated<number>;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScoreItemsTable {
  sheet_id: string;
  criterion_key: string;
  value: number | null;
  comment: Generated<string>;
}

export interface RoundOverridesTable {
  round_id: string;
  proposal_id: string;
  decision: "advance" | "stop";
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface RoundDecisionsTable {
  round_id: string;
  method: string;
  rule_json: string;
  tiebreak_json: string;
  inputs_hash: string;
  decided_by: string | null;
  decided_at: string;
}

export interface RoundDecisionEntriesTable {
  round_id: string;
  proposal_id: string;
  rank: number;
  score: number | null;
  decision: "advance" | "stop" | "override_advance" | "override_stop";
  override_reason: string | null;
}

export interface PresentationSlotsTable {
  id: string;
  round_id: string;
  proposal_id: string;
  starts_at: string;
  length_minutes: number;
  meeting_link: Generated<string>;
  attendance: Generated<"pending" | "confirmed" | "declined">;
  attendance_note: Generated<string>;
  confirmed_by: string | null;
  confirmed_at: string | null;
  created_at: string;
}

export interface FieldChecklistItemsTable {
  id: string;
  round_id: string;
  key: string;
  label_id: string;
  label_en: string;
  position: Generated<number>;
}

export interface FieldChecklistAnswersTable {
  sheet_id: string;
  item_key: string;
  checked: Generated<number>;
  note: Generated<string>;
}

export type AnnouncementKind = "screening" | "finalists" | "winners";
export type AnnouncementStatus = "draft" | "scheduled" | "published";

/** A numbered announcement generated from a decision. Public once status = published. */
export interface AnnouncementsTable {
  id: string;
  competition_id: string;
  kind: AnnouncementKind;
  /** The round whose decision it announces (kind finalists), else null. */
  round_id: string | null;
  /** Counter value and formatted number, given when published or scheduled. */
  seq: number | null;
  number: string | null;
  title: string;
  /** Markdown (rendered sanitised, raw HTML escaped). */
  body_md: Generated<string>;
  status: Generated<AnnouncementStatus>;
  /** Scheduled publication time (UTC ISO); status scheduled until it passes. */
  publish_at: string | null;
  published_at: string | null;
  published_by: string | null;
  /** Objection window length in days; null = none. */
  objection_days: number | null;
  /** End of the objection window (UTC ISO, the last WIB minute inclusive). */
  objection_ends_at: string | null;
  /** A corrected announcement names the one it supersedes (both stay visible). */
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Snapshot of one listed proposal as announced. */
export interface AnnouncementEntriesTable {
  announcement_id: string;
  proposal_id: string;
  position: number;
  rank: number | null;
  score: number | null;
  proposal_number: string;
  title: string;
  agency_id: string;
  agency_name: string;
  cluster: string;
  region_name: Generated<string>;
  group_key: Generated<string>;
  category_name_id: Generated<string>;
  category_name_en: Generated<string>;
  tier_id: string | null;
  label_id: Generated<string>;
  label_en: Generated<string>;
}

export type ObjectionStatus = "pending" | "accepted" | "rejected" | "withdrawn";

export interface ObjectionsTable {
  id: string;
  announcement_id: string;
  competition_id: string;
  agency_id: string;
  proposal_id: string;
  reasons: string;
  status: Generated<ObjectionStatus>;
  answer: string | null;
  /** What an accepted objection changed: include or exclude the proposal. */
  outcome: "include" | "exclude" | null;
  filed_by: string | null;
  answered_by: string | null;
  answered_at: string | null;
  correction_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ObjectionFilesTable {
  id: string;
  objection_id: string;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  competition_id: string | null;
  agency_id: string | null;
  /** i18n key and its params (JSON object). */
  message_key: string;
  params_json: Generated<string>;
  link: Generated<string>;
  created_at: string;
  read_at: string | null;
}

export interface AwardTiersTable {
  id: string;
  competition_id: string;
  key: string;
  name_id: string;
  name_en: string;
  size: number;
  group_id: string | null;
  round_id: string | null;
  position: Generated<number>;
  created_at: string;
}

export interface WinnersTable {
  id: string;
  competition_id: string;
  tier_id: string;
  proposal_id: string;
  position: number;
  source: "rule" | "manual";
  deviation_reason: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CertificatesTable {
  id: string;
  competition_id: string;
  proposal_id: string;
  agency_id: string;
  tier_id: string | null;
  code: string;
  edition_name: string;
  tier_name_id: string;
  tier_name_en: string;
  innovation_title: string;
  agency_name: string;
  signatory_name: string;
  signatory_title: string;
  place: string;
  /** WIB calendar date yyyy-mm-dd. */
  issued_on: string;
  issued_at: string;
  issued_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

/** The public catalogue: one row per published innovation (search: innovations_fts / search_tsv). */
export interface InnovationsTable {
  /** Integer key of the full-text index (SQLite rowid alias; a serial on PostgreSQL). */
  num: Generated<number>;
  id: string;
  proposal_id: string | null;
  competition_id: string | null;
  organizer_id: string | null;
  title: string;
  summary: Generated<string>;
  agency_id: string | null;
  agency_name: string;
  cluster: string;
  province_code: string | null;
  regency_code: string | null;
  region_name: Generated<string>;
  year: number;
  edition_name: Generated<string>;
  group_key: Generated<string>;
  category_key: Generated<string>;
  category_name_id: Generated<string>;
  category_name_en: Generated<string>;
  /** participant (added by hand) | finalist | winner */
  stage: "participant" | "finalist" | "winner";
  award_tier_id: string | null;
  award_name_id: Generated<string>;
  award_name_en: Generated<string>;
  visible: Generated<number>;
  published_at: string;
  updated_at: string;
}

export type ReplicationStage = "persiapan" | "rencana" | "implementasi" | "evaluasi";
export type ReplicationStatus = "berjalan" | "selesai" | "dihentikan";
export type SourceResponse = "pending" | "confirmed" | "disputed" | "external";

/** An agency adopting (replicating) an innovation of the catalogue or an external one. */
export interface ReplicationsTable {
  id: string;
  source_innovation_id: string | null;
  source_title: string;
  source_agency_name: string;
  /** The source innovation's agency on the platform (confirms or disputes); null for external sources. */
  source_agency_id: string | null;
  source_year: number | null;
  adopter_agency_id: string;
  facilitator_agency_id: string | null;
  /** The Replikasi-group proposal it came from. */
  proposal_id: string | null;
  title: string;
  stage: Generated<ReplicationStage>;
  status: Generated<ReplicationStatus>;
  status_reason: string | null;
  differences: Generated<string>;
  source_response: Generated<SourceResponse>;
  source_response_note: string | null;
  source_responded_by: string | null;
  source_responded_at: string | null;
  verified_by: string | null;
  verified_at: string | null;
  verifier_organizer_id: string | null;
  recorded_by_organizer_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReplicationStagesTable {
  replication_id: string;
  stage: ReplicationStage;
  /** WIB calendar date yyyy-mm-dd. */
  happened_on: string;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: string;
}

export interface ReplicationFilesTable {
  id: string;
  replication_id: string;
  stage: ReplicationStage;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface InnovationCommitmentsTable {
  id: string;
  innovation_id: string;
  agency_id: string;
  kind: "commitment" | "willingness";
  note: Generated<string>;
  created_by: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

export interface MonitoringPeriodsTable {
  id: string;
  organizer_id: string;
  name: string;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MonitoringPeriodEditionsTable {
  period_id: string;
  competition_id: string;
}

export type SustainabilityStatus = "berlanjut" | "berkembang" | "berhenti";

export interface SustainabilityReportsTable {
  id: string;
  period_id: string;
  innovation_id: string;
  agency_id: string;
  status: SustainabilityStatus;
  users_served: number | null;
  note: Generated<string>;
  reported_by: string | null;
  reported_at: string;
  updated_at: string;
}

export interface SustainabilityReportFilesTable {
  id: string;
  report_id: string;
  storage: "local" | "uploadthing";
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface MonitoringRemindersTable {
  period_id: string;
  agency_id: string;
  sent_at: string;
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
  jurors: JurorsTable;
  juror_expertise: JurorExpertiseTable;
  juror_unavailability: JurorUnavailabilityTable;
  conflicts: ConflictsTable;
  rounds: RoundsTable;
  round_entrants: RoundEntrantsTable;
  assignments: AssignmentsTable;
  assignment_runs: AssignmentRunsTable;
  round_criteria: RoundCriteriaTable;
  score_sheets: ScoreSheetsTable;
  score_items: ScoreItemsTable;
  round_overrides: RoundOverridesTable;
  round_decisions: RoundDecisionsTable;
  round_decision_entries: RoundDecisionEntriesTable;
  presentation_slots: PresentationSlotsTable;
  field_checklist_items: FieldChecklistItemsTable;
  field_checklist_answers: FieldChecklistAnswersTable;
  announcements: AnnouncementsTable;
  announcement_entries: AnnouncementEntriesTable;
  objections: ObjectionsTable;
  objection_files: ObjectionFilesTable;
  notifications: NotificationsTable;
  award_tiers: AwardTiersTable;
  winners: WinnersTable;
  certificates: CertificatesTable;
  innovations: InnovationsTable;
  replications: ReplicationsTable;
  replication_stages: ReplicationStagesTable;
  replication_files: ReplicationFilesTable;
  innovation_commitments: InnovationCommitmentsTable;
  monitoring_periods: MonitoringPeriodsTable;
  monitoring_period_editions: MonitoringPeriodEditionsTable;
  sustainability_reports: SustainabilityReportsTable;
  sustainability_report_files: SustainabilityReportFilesTable;
  monitoring_reminders: MonitoringRemindersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type CompetitionRow = Selectable<CompetitionsTable>;
