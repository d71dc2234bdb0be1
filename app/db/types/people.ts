import type { ColumnType, Generated } from 'kysely';
import type { InvitationsTable, PoolRole, ProfilesTable } from './foundation';

/** Tables and views of migration 20261123100000_pools_people; the migration is the truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export type LanguageLevel = 'basic' | 'good' | 'fluent' | 'native';
export type ContactPreference = 'email' | 'phone' | 'whatsapp' | 'sms';
export type LearningRoute = 'b1' | 'onderwijs' | 'z' | 'none';
export type OnboardingStep = 'intake' | 'training_basics' | 'training_advice' | 'first_session';

export interface ProfileLanguagesTable {
  user_id: string;
  language: string;
  level: LanguageLevel;
}

export interface ProfileThemesTable {
  user_id: string;
  indicator_code: string;
}

export interface ProfilePhotosTable {
  user_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Uint8Array;
  updated_at: Timestamp;
}

export interface InvitationLinksTable {
  id: Generated<string>;
  pool_id: string;
  token: string;
  expires_at: Timestamp;
  max_uses: number;
  uses: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface OnboardingStepsTable {
  pool_id: string;
  user_id: string;
  step: OnboardingStep;
  done_on: DateOnly;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface PoolHandoversTable {
  id: Generated<string>;
  pool_id: string;
  organisation_id: string;
  note: Generated<string>;
  handed_over_by: string | null;
  created_at: Timestamp;
}

/** pool_peers as this migration redefines it (foundation's columns plus the consented fields). */
export interface PoolPeersWithConsentView {
  pool_id: string;
  user_id: string;
  role: PoolRole;
  display_name: string;
  has_photo: boolean;
  languages: string[];
  themes: string[];
}

export interface PoolMemberDirectoryView {
  pool_id: string;
  user_id: string;
  role: PoolRole;
  joined_at: Date;
  display_name: string;
  municipality_id: string | null;
  municipality_name: string | null;
  arrival_year: number | null;
  route: LearningRoute | null;
  availability: string[];
  contact_preference: ContactPreference | null;
  languages: string[];
  themes: string[];
  email: string | null;
  phone: string | null;
  last_sign_in_at: Date | null;
}

/** Columns this migration adds to profiles. */
export interface ProfileAdditions {
  availability: Generated<string[]>;
  contact_preference: ContactPreference | null;
  route: LearningRoute | null;
  deleted_at: Timestamp | null;
}

export interface InvitationAdditions {
  last_sent_at: Timestamp;
  send_count: Generated<number>;
}

/** Foundation tables whose shape this migration changes; index.ts lets these win. */
export interface PeopleOverrides {
  profiles: ProfilesTable & ProfileAdditions;
  invitations: InvitationsTable & InvitationAdditions;
  pool_peers: PoolPeersWithConsentView;
}

export interface PeopleTables extends PeopleOverrides {
  profile_languages: ProfileLanguagesTable;
  profile_themes: ProfileThemesTable;
  profile_photos: ProfilePhotosTable;
  invitation_links: InvitationLinksTable;
  onboarding_steps: OnboardingStepsTable;
  pool_handovers: PoolHandoversTable;
  pool_member_directory: PoolMemberDirectoryView;
}
