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
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type CompetitionRow = Selectable<CompetitionsTable>;
