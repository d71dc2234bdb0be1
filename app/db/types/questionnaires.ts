import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const QUESTION_KINDS = ['scale', 'single', 'multiple', 'open'] as const;
export type WaveState = 'open' | 'closed' | 'not_yet';

export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionnairesTable {
  id: Generated<string>;
  pool_id: string | null;
  organisation_id: string | null;
  title_nl: string;
  title_en: Generated<string>;
  title_ar: Generated<string>;
  intro_nl: Generated<string>;
  intro_en: Generated<string>;
  intro_ar: Generated<string>;
  status: Generated<'draft' | 'open' | 'closed'>;
  /** How often it is repeated, to suggest the next wave's dates; null when not repeated. */
  repeat_months: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface QuestionnaireQuestionsTable {
  id: Generated<string>;
  questionnaire_id: string;
  position: number;
  indicator_code: string;
  kind: QuestionKind;
  text_nl: string;
  text_en: Generated<string>;
  text_ar: Generated<string>;
  scale_low_nl: Generated<string>;
  scale_low_en: Generated<string>;
  scale_low_ar: Generated<string>;
  scale_high_nl: Generated<string>;
  scale_high_en: Generated<string>;
  scale_high_ar: Generated<string>;
}

export interface QuestionnaireOptionsTable {
  id: Generated<string>;
  question_id: string;
  position: number;
  label_nl: string;
  label_en: Generated<string>;
  label_ar: Generated<string>;
}

export interface QuestionnaireWavesTable {
  id: Generated<string>;
  questionnaire_id: string;
  name: string;
  link_token: string;
  mode: Generated<'anonymous' | 'account'>;
  status: Generated<'open' | 'closed'>;
  opens_on: ColumnType<string, string | undefined, string>;
  closes_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface QuestionnaireResponsesTable {
  id: Generated<string>;
  wave_id: string;
  user_id: string | null;
  resume_hash: string;
  municipality_id: string | null;
  region_id: string | null;
  locale: Generated<'nl' | 'en' | 'ar'>;
  started_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface QuestionnaireAnswersTable {
  id: Generated<string>;
  response_id: string;
  question_id: string;
  scale_value: number | null;
  option_ids: string[] | null;
  open_text: string | null;
  answered_at: Timestamp;
}

export interface QuestionnaireTables {
  questionnaires: QuestionnairesTable;
  questionnaire_questions: QuestionnaireQuestionsTable;
  questionnaire_options: QuestionnaireOptionsTable;
  questionnaire_waves: QuestionnaireWavesTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  questionnaire_answers: QuestionnaireAnswersTable;
}
