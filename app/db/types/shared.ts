import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type IndicatorDomain = 'markers_means' | 'social_connections' | 'facilitators' | 'foundation';
export type ConsentPurpose =
  'contact' | 'profile_visible_to_members' | 'quotes_in_advice' | 'contact_details_to_coordinators';
export type AdviceStatus = 'draft' | 'in_review' | 'published' | 'responded' | 'implemented' | 'withdrawn';

export interface IndicatorsTable {
  code: string;
  domain: IndicatorDomain;
  position: number;
  name_nl: string;
  name_en: string;
  name_ar: string;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  description_ar: Generated<string>;
  updated_at: Timestamp;
}

export interface ConsentsTable {
  id: Generated<string>;
  user_id: string;
  purpose: ConsentPurpose;
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface AdvicesTable {
  id: Generated<string>;
  pool_id: string;
  title: string;
  insight: Generated<string>;
  status: Generated<AdviceStatus>;
  source_session_id: string | null;
  source_board_id: string | null;
  source_card_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SharedTables {
  indicators: IndicatorsTable;
  consents: ConsentsTable;
  advices: AdvicesTable;
}
