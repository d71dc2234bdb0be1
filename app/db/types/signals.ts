import type { ColumnType, Generated } from 'kysely';
import type { ProcessPart } from './advice';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;

export const SIGNAL_CHANNELS = [
  'public_form',
  'helpdesk',
  'community_research',
  'session',
  'board_card',
  'questionnaire',
] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];
export const SIGNAL_STATUSES = ['new', 'triaged', 'answered', 'closed', 'merged'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
/** The same parts of the integration process as the advice register, so signals and advice can be compared. */
export const PROCESS_PARTS = [
  'brede_intake',
  'pip',
  'map',
  'knm',
  'pvt',
  'leerroute',
  'financial_unburdening',
  'communication',
  'other',
] as const satisfies readonly ProcessPart[];

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  /** 'admin': adds and removes the organisation's own people (migration 20261123175000). */
  role: Generated<'member' | 'admin'>;
  created_at: Timestamp;
}

export interface SignalsTable {
  id: Generated<string>;
  reference: string;
  channel: SignalChannel;
  received_on: DateOnly;
  region_id: string | null;
  municipality_id: string | null;
  language: Generated<string>;
  body: string;
  /** pg_trgm's trigram set of `body`, kept by the database (migration 20261202100000_signal_trigrams). */
  body_trigrams: ColumnType<string[], never, never>;
  process_parts: Generated<string[]>;
  status: Generated<SignalStatus>;
  merged_into: string | null;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  contact_removed_at: Timestamp | null;
  /** Set when a board card was turned into this signal (migration 20261123180100_board_card_signals). */
  source_board_id: ColumnType<string | null, string | null | undefined, string | null>;
  source_card_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SignalContactsTable {
  signal_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  created_at: Timestamp;
}

export interface SignalIndicatorsTable {
  signal_id: string;
  indicator_code: string;
  tagged_by: string | null;
  created_at: Timestamp;
}

export interface SignalAdviceLinksTable {
  signal_id: string;
  advice_id: string;
  linked_by: string | null;
  created_at: Timestamp;
}

export interface IndicatorKeywordsTable {
  id: Generated<string>;
  indicator_code: string;
  language: 'nl' | 'en' | 'ar';
  keyword: string;
  created_at: Timestamp;
}

export interface SignalTables {
  organisation_members: OrganisationMembersTable;
  signals: SignalsTable;
  signal_contacts: SignalContactsTable;
  signal_indicators: SignalIndicatorsTable;
  signal_advice_links: SignalAdviceLinksTable;
  indicator_keywords: IndicatorKeywordsTable;
}
