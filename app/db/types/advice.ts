import type { ColumnType, Generated } from 'kysely';
import type { AdvicesTable } from './shared';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | null | undefined, string | null>;
/** A generated column: read it, never write it. */
type ReadOnly<T> = ColumnType<T, never, never>;

export type ProcessPart =
  'brede_intake' | 'pip' | 'map' | 'knm' | 'pvt' | 'leerroute' | 'financial_unburdening' | 'communication' | 'other';
export type AdviceVisibility = 'addressed' | 'public';
export type ResponseDecision = 'adopted' | 'partly' | 'not_adopted' | 'under_consideration';

/** The columns the advice register adds to the shared core of `advices`. */
export interface AdviceRegisterColumns {
  opportunities: Generated<string[]>;
  golden_tips: Generated<string[]>;
  indicator_codes: Generated<string[]>;
  process_part: Generated<ProcessPart>;
  addressee_ids: Generated<string[]>;
  visibility: Generated<AdviceVisibility>;
  published_at: Timestamp | null;
  version: Generated<number>;
  search_vector: ReadOnly<string>;
  search_simple: ReadOnly<string>;
}

export interface AdviceVersionsTable {
  id: Generated<string>;
  advice_id: string;
  version: number;
  title: string;
  insight: string;
  opportunities: string[];
  golden_tips: string[];
  edited_by: string | null;
  created_at: Timestamp;
}

export interface AdviceCommentsTable {
  id: Generated<string>;
  advice_id: string;
  author_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface AdviceRecognitionsTable {
  advice_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface AdviceQuotesTable {
  id: Generated<string>;
  advice_id: string;
  member_id: string;
  body: string;
  created_at: Timestamp;
}

export interface AdviceResponsesTable {
  id: Generated<string>;
  advice_id: string;
  municipality_id: string;
  decision: ResponseDecision;
  explanation: Generated<string>;
  planned_action: Generated<string>;
  planned_on: DateOnly | null;
  responded_by: string | null;
  created_at: Timestamp;
}

export interface MunicipalGoalsTable {
  id: Generated<string>;
  municipality_id: string;
  title: string;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface MunicipalOutputsTable {
  id: Generated<string>;
  goal_id: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface CoreIndicatorsTable {
  id: Generated<string>;
  output_id: string;
  description: string;
  data_source: Generated<string>;
  source_id: string | null;
  position: Generated<number>;
}

export interface AdviceCoreIndicatorsTable {
  advice_id: string;
  core_indicator_id: string;
}

export interface SavedSearchesTable {
  id: Generated<string>;
  user_id: Generated<string>;
  name: string;
  query: string;
  created_at: Timestamp;
}

export interface AdviceTables {
  advices: AdvicesTable & AdviceRegisterColumns;
  advice_versions: AdviceVersionsTable;
  advice_comments: AdviceCommentsTable;
  advice_recognitions: AdviceRecognitionsTable;
  advice_quotes: AdviceQuotesTable;
  advice_responses: AdviceResponsesTable;
  municipal_goals: MunicipalGoalsTable;
  municipal_outputs: MunicipalOutputsTable;
  core_indicators: CoreIndicatorsTable;
  advice_core_indicators: AdviceCoreIndicatorsTable;
  saved_searches: SavedSearchesTable;
}
