import type { ColumnType, Generated } from 'kysely';

/** Table shapes as the app sees them; supabase/migrations is the truth, this mirrors it. */
// Optional on insert: the database fills it in (default now()) unless given.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | null | undefined, string | null>;

export type PoolStatus = 'recruiting' | 'active' | 'temporary' | 'ended' | 'handed_over';
export type PoolRole = 'member' | 'coordinator';
export type UserRole = 'admin' | 'coordinator';
export type Locale = 'nl' | 'en' | 'ar';

export interface RegionsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: Timestamp;
}

export interface MunicipalitiesTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  created_at: Timestamp;
}

export const ORGANISATION_KINDS = [
  'coordinating',
  'municipality',
  'chain_partner',
  'provider',
  'client',
  'partner',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: OrganisationKind;
  municipality_id: string | null;
  created_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: UserRole;
  created_at: Timestamp;
}

export interface ProfilesTable {
  id: string;
  display_name: string;
  locale: Generated<Locale>;
  municipality_id: string | null;
  arrival_year: number | null;
  languages: Generated<string[]>;
  phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MunicipalityReadersTable {
  user_id: string;
  municipality_id: string;
  created_at: Timestamp;
}

export interface PoolsTable {
  id: Generated<string>;
  name: string;
  region_id: string | null;
  client_organisation_id: string | null;
  assignment: Generated<string>;
  status: Generated<PoolStatus>;
  starts_on: DateOnly | null;
  ends_on: DateOnly | null;
  created_at: Timestamp;
}

export interface PoolMunicipalitiesTable {
  pool_id: string;
  municipality_id: string;
}

export interface PoolMembershipsTable {
  pool_id: string;
  user_id: string;
  role: Generated<PoolRole>;
  joined_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  email: string;
  pool_id: string | null;
  role: Generated<PoolRole>;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  opened_at: Timestamp | null;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  idempotency_key: string | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  failed_at: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface PoolPeersView {
  pool_id: string;
  user_id: string;
  role: PoolRole;
  display_name: string;
}

export interface AuthUsersTable {
  id: Generated<string>;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  banned_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuthLocalTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'password_reset';
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface FoundationTables {
  regions: RegionsTable;
  municipalities: MunicipalitiesTable;
  organisations: OrganisationsTable;
  user_roles: UserRolesTable;
  profiles: ProfilesTable;
  municipality_readers: MunicipalityReadersTable;
  pools: PoolsTable;
  pool_municipalities: PoolMunicipalitiesTable;
  pool_memberships: PoolMembershipsTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  pool_peers: PoolPeersView;
  'auth.users': AuthUsersTable;
  'auth.local_tokens': AuthLocalTokensTable;
}
