// Generated from the migrated schema by `npm run db:types` (app/db/generate-types.server.ts): do not edit.
// A database test fails when this file no longer matches supabase/migrations.

import type { ColumnType } from 'kysely';

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Numeric = ColumnType<string, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface AdviceComments {
  advice_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
}

export interface AdviceCoreIndicators {
  advice_id: string;
  core_indicator_id: string;
}

export interface AdviceQuotes {
  advice_id: string;
  body: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  member_id: string;
}

export interface AdviceRecognitions {
  advice_id: string;
  created_at: Generated<Timestamp>;
  user_id: string;
}

export interface AdviceResponses {
  advice_id: string;
  created_at: Generated<Timestamp>;
  decision: 'adopted' | 'partly' | 'not_adopted' | 'under_consideration';
  explanation: Generated<string>;
  id: Generated<string>;
  municipality_id: string;
  planned_action: Generated<string>;
  planned_on: string | null;
  responded_by: string | null;
}

export interface Advices {
  addressee_ids: Generated<string[]>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  golden_tips: Generated<string[]>;
  id: Generated<string>;
  indicator_codes: Generated<string[]>;
  insight: Generated<string>;
  opportunities: Generated<string[]>;
  pool_id: string;
  process_part: Generated<
    'brede_intake' | 'pip' | 'map' | 'knm' | 'pvt' | 'leerroute' | 'financial_unburdening' | 'communication' | 'other'
  >;
  published_at: Timestamp | null;
  search_simple: Generated<string | null>;
  search_vector: Generated<string | null>;
  source_board_id: string | null;
  source_card_id: string | null;
  source_session_id: string | null;
  status: Generated<'draft' | 'in_review' | 'published' | 'responded' | 'implemented' | 'withdrawn'>;
  title: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
  visibility: Generated<'addressed' | 'public'>;
}

export interface AdviceVersions {
  advice_id: string;
  created_at: Generated<Timestamp>;
  edited_by: string | null;
  golden_tips: string[];
  id: Generated<string>;
  insight: string;
  opportunities: string[];
  title: string;
  version: number;
}

export interface AuthLocalTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  purpose: 'password_reset';
  token_hash: string;
  used_at: Timestamp | null;
  user_id: string;
}

export interface AuthSessions {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<string>;
  last_seen_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
  revoked_because:
    'signed_out' | 'signed_out_elsewhere' | 'password_changed' | 'account_closed' | 'role_removed' | null;
  secret_hash: string;
  user_agent: Generated<string>;
  user_id: string;
}

export interface AuthUsers {
  banned_until: Timestamp | null;
  created_at: Generated<Timestamp>;
  email: string | null;
  email_confirmed_at: Timestamp | null;
  encrypted_password: string | null;
  id: Generated<string>;
  last_sign_in_at: Timestamp | null;
  raw_app_meta_data: Generated<Json>;
  raw_user_meta_data: Generated<Json>;
  updated_at: Generated<Timestamp>;
}

export interface BenchmarkMeasures {
  created_at: Generated<Timestamp>;
  direction: 'higher' | 'lower';
  id: Generated<string>;
  name: string;
  unit: Generated<string>;
}

export interface BenchmarkValues {
  entered_by: Generated<string | null>;
  id: Generated<string>;
  measure_id: string;
  municipality_id: string;
  period_kind: 'year' | 'quarter' | 'month';
  period_start: string;
  source: Generated<'manual' | 'import'>;
  updated_at: Generated<Timestamp>;
  value: Numeric;
}

export interface BoardActivity {
  board_id: string;
  edits: Generated<number>;
  period_start: Timestamp;
  section: string;
  user_id: string;
}

export interface BoardBrainstormRounds {
  board_id: string;
  ends_at: Timestamp;
  id: Generated<string>;
  opened_at: Generated<Timestamp>;
  opened_by: string | null;
  revealed_at: Timestamp | null;
  round: number;
}

export interface BoardComments {
  author_id: string | null;
  board_id: string;
  body: string;
  created_at: Generated<Timestamp>;
  edited_at: Timestamp | null;
  id: Generated<string>;
  mentions: Generated<string[]>;
  parent_id: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  target_id: string;
  target_kind: 'card' | 'section';
}

export interface BoardDocuments {
  board_id: string;
  state: Uint8Array;
  through_update_id: Generated<ColumnType<string | number, bigint | number | string, bigint | number | string>>;
  updated_at: Generated<Timestamp>;
}

export interface BoardPrivateCards {
  author_id: string;
  author_name: string | null;
  board_id: string;
  body: string;
  colour: 'yellow' | 'pink' | 'blue' | 'green' | 'orange';
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  round_id: string;
  section: string;
}

export interface Boards {
  copied_from: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  language: 'nl' | 'en' | 'ar' | 'ti' | 'fa' | 'tr' | null;
  pool_id: string;
  session_id: string | null;
  shared_with_readers: Generated<boolean>;
  template: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface BoardSnapshots {
  board_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  name: string;
  state: Uint8Array;
}

export interface BoardUpdates {
  board_id: string;
  created_at: Generated<Timestamp>;
  id: Generated<ColumnType<string | number, bigint | number | string, bigint | number | string>>;
  update: Uint8Array;
}

export interface BoardVoteRounds {
  board_id: string;
  budget: number;
  closed_at: Timestamp | null;
  id: Generated<string>;
  opened_at: Generated<Timestamp>;
  opened_by: string | null;
  revealed_at: Timestamp | null;
  round: number;
}

export interface BoardVotes {
  card_id: string;
  dots: number;
  round_id: string;
  updated_at: Generated<Timestamp>;
  user_id: string;
}

export interface CalendarFeeds {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  revoked_at: Timestamp | null;
  token_hash: string;
  user_id: string;
}

export interface Consents {
  given_at: Generated<Timestamp>;
  id: Generated<string>;
  purpose: 'contact' | 'profile_visible_to_members' | 'quotes_in_advice' | 'contact_details_to_coordinators';
  user_id: string;
  withdrawn_at: Timestamp | null;
}

export interface CoordinatorRegions {
  assigned_at: Generated<Timestamp>;
  assigned_by: Generated<string | null>;
  region_id: string;
  role: Generated<'coordinator'>;
  user_id: string;
}

export interface CoreIndicatorIndicators {
  core_indicator_id: string;
  indicator_code: string;
}

export interface CoreIndicatorMeasures {
  benchmark_measure_id: string | null;
  core_indicator_id: string;
  direction: 'higher' | 'lower';
  unit: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface CoreIndicators {
  data_source: Generated<string>;
  description: string;
  id: Generated<string>;
  output_id: string;
  position: Generated<number>;
  source_id: string | null;
}

export interface CoreIndicatorTargets {
  core_indicator_id: string;
  due_year: number;
  id: Generated<string>;
  set_by: Generated<string | null>;
  updated_at: Generated<Timestamp>;
  value: Numeric;
}

export interface CoreIndicatorValues {
  core_indicator_id: string;
  created_at: Generated<Timestamp>;
  entered_by: Generated<string | null>;
  id: Generated<string>;
  import_id: string | null;
  note: Generated<string>;
  period_kind: 'year' | 'quarter' | 'month';
  period_start: string;
  source: Generated<'manual' | 'import'>;
  unit: Generated<string>;
  updated_at: Generated<Timestamp>;
  value: Numeric;
}

export interface DataSources {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  kind: Generated<'register' | 'benchmark' | 'experience' | 'partner' | 'to_be_determined'>;
  municipality_id: string;
  name: string;
}

export interface IndicatorKeywords {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  indicator_code: string;
  keyword: string;
  language: 'nl' | 'en' | 'ar' | 'ti' | 'fa' | 'tr';
}

export interface Indicators {
  code: string;
  description_ar: Generated<string>;
  description_en: Generated<string>;
  description_nl: Generated<string>;
  domain: 'markers_means' | 'social_connections' | 'facilitators' | 'foundation';
  name_ar: string;
  name_en: string;
  name_nl: string;
  position: number;
  updated_at: Generated<Timestamp>;
}

export interface IndicatorValueImports {
  created_at: Generated<Timestamp>;
  file_name: string;
  id: Generated<string>;
  imported_by: Generated<string | null>;
  inserted_count: number;
  municipality_id: string;
  row_count: number;
  updated_count: number;
}

export interface InvitationLinks {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  expires_at: Timestamp;
  id: Generated<string>;
  max_uses: number;
  pool_id: string;
  revoked_at: Timestamp | null;
  token: string;
  uses: Generated<number>;
}

export interface Invitations {
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  email: string;
  expires_at: Timestamp;
  id: Generated<string>;
  last_sent_at: Generated<Timestamp>;
  opened_at: Timestamp | null;
  pool_id: string | null;
  revoked_at: Timestamp | null;
  role: Generated<'member' | 'coordinator'>;
  send_count: Generated<number>;
  token_hash: string;
}

export interface ManagementBreakdowns {
  categories: Generated<string[]>;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  management_indicator_id: string;
  name: string;
  position: Generated<number>;
}

export interface ManagementIndicators {
  core_indicator_id: string;
  created_at: Generated<Timestamp>;
  direction: 'higher' | 'lower';
  id: Generated<string>;
  name: string;
  position: Generated<number>;
  source_id: string | null;
  unit: Generated<string>;
}

export interface ManagementIndicatorTargets {
  due_year: number;
  id: Generated<string>;
  management_indicator_id: string;
  set_by: Generated<string | null>;
  updated_at: Generated<Timestamp>;
  value: Numeric;
}

export interface ManagementIndicatorValues {
  breakdown_id: string | null;
  breakdown_value: Generated<string>;
  created_at: Generated<Timestamp>;
  entered_by: Generated<string | null>;
  id: Generated<string>;
  import_id: string | null;
  management_indicator_id: string;
  note: Generated<string>;
  period_kind: 'year' | 'quarter' | 'month';
  period_start: string;
  source: Generated<'manual' | 'import'>;
  updated_at: Generated<Timestamp>;
  value: Numeric;
}

export interface MunicipalGoals {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  municipality_id: string;
  position: Generated<number>;
  title: string;
}

export interface Municipalities {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  inhabitants: number | null;
  name: string;
  region_id: string;
}

export interface MunicipalityReaders {
  created_at: Generated<Timestamp>;
  municipality_id: string;
  user_id: string;
}

export interface MunicipalOutputs {
  description: Generated<string>;
  goal_id: string;
  id: Generated<string>;
  position: Generated<number>;
  title: string;
}

export interface NotificationDigests {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  local_date: string;
  period: 'daily' | 'weekly';
  recipient_id: string;
}

export interface NotificationPreferences {
  delivery: 'immediately' | 'daily' | 'weekly' | 'off';
  kind:
    | 'session_invited'
    | 'session_changed'
    | 'session_moved'
    | 'session_cancelled'
    | 'waitlist_promoted'
    | 'board_opened'
    | 'board_mentioned'
    | 'advice_in_review'
    | 'advice_published'
    | 'advice_commented'
    | 'advice_responded'
    | 'advice_implemented'
    | 'response_due'
    | 'response_overdue'
    | 'invitation_stuck';
  updated_at: Generated<Timestamp>;
  user_id: string;
}

export interface Notifications {
  advice_id: string | null;
  board_id: string | null;
  created_at: Generated<Timestamp>;
  digest_id: string | null;
  id: Generated<string>;
  invitation_id: string | null;
  kind:
    | 'session_invited'
    | 'session_changed'
    | 'session_moved'
    | 'session_cancelled'
    | 'waitlist_promoted'
    | 'board_opened'
    | 'board_mentioned'
    | 'advice_in_review'
    | 'advice_published'
    | 'advice_commented'
    | 'advice_responded'
    | 'advice_implemented'
    | 'response_due'
    | 'response_overdue'
    | 'invitation_stuck';
  municipality_id: string | null;
  pool_id: string | null;
  read_at: Timestamp | null;
  recipient_id: string;
  session_change_id: string | null;
  session_id: string | null;
}

export interface NotifiedOnce {
  created_at: Generated<Timestamp>;
  key: string;
}

export interface OnboardingSteps {
  created_at: Generated<Timestamp>;
  done_on: string;
  pool_id: string;
  recorded_by: string | null;
  step: 'intake' | 'training_basics' | 'training_advice' | 'first_session';
  user_id: string;
}

export interface OrganisationMembers {
  created_at: Generated<Timestamp>;
  organisation_id: string;
  role: Generated<'member' | 'admin'>;
  user_id: string;
}

export interface Organisations {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  kind: 'coordinating' | 'municipality' | 'chain_partner' | 'provider' | 'client' | 'partner';
  municipality_id: string | null;
  name: string;
}

export interface Outbox {
  attempts: Generated<number>;
  body_html: string | null;
  body_text: string;
  calendar: string | null;
  created_at: Generated<Timestamp>;
  failed_at: Timestamp | null;
  headers: Generated<Json>;
  id: Generated<string>;
  idempotency_key: string | null;
  last_error: string | null;
  next_attempt_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
  subject: string;
  to_address: string;
}

export interface PoolHandovers {
  created_at: Generated<Timestamp>;
  handed_over_by: string | null;
  id: Generated<string>;
  note: Generated<string>;
  organisation_id: string;
  pool_id: string;
}

export interface PoolMemberDirectory {
  arrival_year: number | null;
  availability: string[] | null;
  contact_preference: string | null;
  display_name: string | null;
  email: string | null;
  joined_at: Timestamp | null;
  languages: string[] | null;
  last_sign_in_at: Timestamp | null;
  municipality_id: string | null;
  municipality_name: string | null;
  phone: string | null;
  pool_id: string | null;
  role: string | null;
  route: string | null;
  themes: string[] | null;
  user_id: string | null;
}

export interface PoolMemberships {
  joined_at: Generated<Timestamp>;
  pool_id: string;
  role: Generated<'member' | 'coordinator'>;
  user_id: string;
}

export interface PoolMunicipalities {
  municipality_id: string;
  pool_id: string;
}

export interface PoolPeers {
  display_name: string | null;
  has_photo: boolean | null;
  languages: string[] | null;
  pool_id: string | null;
  role: string | null;
  themes: string[] | null;
  user_id: string | null;
}

export interface Pools {
  assignment: Generated<string>;
  client_organisation_id: string | null;
  created_at: Generated<Timestamp>;
  ends_on: string | null;
  id: Generated<string>;
  name: string;
  region_id: string | null;
  starts_on: string | null;
  status: Generated<'recruiting' | 'active' | 'temporary' | 'ended' | 'handed_over'>;
}

export interface ProfileLanguages {
  language: string;
  level: 'basic' | 'good' | 'fluent' | 'native';
  user_id: string;
}

export interface ProfilePhotos {
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Uint8Array;
  updated_at: Generated<Timestamp>;
  user_id: string;
}

export interface Profiles {
  arrival_year: number | null;
  availability: Generated<string[]>;
  contact_preference: 'email' | 'phone' | 'whatsapp' | 'sms' | null;
  created_at: Generated<Timestamp>;
  deleted_at: Timestamp | null;
  display_name: string;
  id: string;
  languages: Generated<string[]>;
  locale: Generated<'nl' | 'en' | 'ar' | 'ti' | 'fa' | 'tr'>;
  municipality_id: string | null;
  phone: string | null;
  route: 'b1' | 'onderwijs' | 'z' | 'none' | null;
  time_zone: string | null;
  updated_at: Generated<Timestamp>;
}

export interface ProfileThemes {
  indicator_code: string;
  user_id: string;
}

export interface PublicBenchmarkFigures {
  made_public_at: Generated<Timestamp>;
  made_public_by: Generated<string | null>;
  municipality_id: string;
}

export interface QuestionnaireAnswers {
  answered_at: Generated<Timestamp>;
  id: Generated<string>;
  open_text: string | null;
  option_ids: string[] | null;
  question_id: string;
  response_id: string;
  scale_value: number | null;
}

export interface QuestionnaireHiddenGroups {
  hidden: 'too_few' | 'protective';
  item: string;
  kind: string;
  municipality_key: string;
  questionnaire_id: string;
  region_key: string;
  wave_key: string;
}

export interface QuestionnaireOptions {
  id: Generated<string>;
  label_ar: Generated<string>;
  label_en: Generated<string>;
  label_nl: string;
  position: number;
  question_id: string;
}

export interface QuestionnaireQuestions {
  id: Generated<string>;
  indicator_code: string;
  kind: 'scale' | 'single' | 'multiple' | 'open';
  position: number;
  questionnaire_id: string;
  scale_high_ar: Generated<string>;
  scale_high_en: Generated<string>;
  scale_high_nl: Generated<string>;
  scale_low_ar: Generated<string>;
  scale_low_en: Generated<string>;
  scale_low_nl: Generated<string>;
  text_ar: Generated<string>;
  text_en: Generated<string>;
  text_nl: string;
}

export interface QuestionnaireResponses {
  completed_at: Timestamp | null;
  id: Generated<string>;
  locale: Generated<'nl' | 'en' | 'ar' | 'ti' | 'fa' | 'tr'>;
  municipality_id: string | null;
  region_id: string | null;
  resume_hash: string;
  started_at: Generated<Timestamp>;
  user_id: string | null;
  wave_id: string;
}

export interface QuestionnaireResponseTallies {
  items: string[];
  municipality_id: string | null;
  region_id: string | null;
  response_id: string;
  wave_id: string;
}

export interface QuestionnaireResultCells {
  choice: Generated<string>;
  item: string;
  kind: 'question' | 'choice' | 'indicator' | 'domain';
  municipality_id: string | null;
  region_id: string | null;
  respondents: number;
  scored: number;
  total: ColumnType<string | number, bigint | number | string, bigint | number | string>;
  wave_id: string;
}

export interface Questionnaires {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  intro_ar: Generated<string>;
  intro_en: Generated<string>;
  intro_nl: Generated<string>;
  organisation_id: string | null;
  pool_id: string | null;
  repeat_months: number | null;
  status: Generated<'draft' | 'open' | 'closed'>;
  title_ar: Generated<string>;
  title_en: Generated<string>;
  title_nl: string;
}

export interface QuestionnaireWaves {
  closes_on: string | null;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  link_token: string;
  mode: Generated<'anonymous' | 'account'>;
  name: string;
  opens_on: Generated<string>;
  questionnaire_id: string;
  respondent_group_id: Generated<string>;
  status: Generated<'open' | 'closed'>;
}

export interface RateLimits {
  expire: ColumnType<string | number, bigint | number | string, bigint | number | string> | null;
  key: string;
  points: Generated<number>;
}

export interface Regions {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  name: string;
  slug: string;
}

export interface RegisterAdvices {
  addressee_ids: string[] | null;
  created_at: Timestamp | null;
  golden_tips: string[] | null;
  id: string | null;
  indicator_codes: string[] | null;
  insight: string | null;
  opportunities: string[] | null;
  pool_id: string | null;
  process_part: string | null;
  published_at: Timestamp | null;
  search_simple: string | null;
  search_vector: string | null;
  status: string | null;
  title: string | null;
  updated_at: Timestamp | null;
  visibility: string | null;
}

export interface RespondentGroups {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  key: 'newcomers' | 'coaches' | 'chain_professionals' | null;
  name: string;
}

export interface SavedSearches {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  name: string;
  query: string;
  user_id: Generated<string>;
}

export interface ScheduledJobs {
  attempts: Generated<number>;
  created_at: Generated<Timestamp>;
  dedupe_key: string;
  finished_at: Timestamp | null;
  id: Generated<string>;
  kind: string;
  last_error: string | null;
  payload: Generated<Json>;
  run_at: Timestamp;
  status: Generated<'pending' | 'done' | 'failed' | 'cancelled'>;
}

export interface SearchSynonymGroups {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface SearchSynonyms {
  created_at: Generated<Timestamp>;
  dutch_query: Generated<string>;
  group_id: string;
  id: Generated<string>;
  word: string;
}

export interface SearchWords {
  advices: Generated<number>;
  public_advices: Generated<number>;
  word: string;
}

export interface SessionCalendar {
  ends_at: Timestamp | null;
  id: string | null;
  pool_id: string | null;
  starts_at: Timestamp | null;
  status: string | null;
  title: string | null;
}

export interface SessionChanges {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  kind: 'moved' | 'cancelled';
  previous_starts_at: Timestamp;
  reason: Generated<string>;
  session_id: string;
}

export interface SessionInvitees {
  allowance_cents: number | null;
  attended: boolean | null;
  invited_at: Generated<Timestamp>;
  reason: string | null;
  responded_at: Timestamp | null;
  response: 'yes' | 'maybe' | 'no' | 'waiting' | null;
  session_id: string;
  user_id: string;
}

export interface Sessions {
  agenda: Generated<string>;
  cancel_reason: string | null;
  capacity: number | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  ends_at: Timestamp;
  id: Generated<string>;
  interpreter: Generated<boolean>;
  languages: Generated<string[]>;
  location: string | null;
  notes: Generated<string>;
  online_url: string | null;
  pool_id: string;
  purpose: Generated<string>;
  rsvp_deadline: Timestamp | null;
  series_id: string | null;
  starts_at: Timestamp;
  status: Generated<'scheduled' | 'cancelled'>;
  time_zone: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface SessionTallies {
  attended: number | null;
  invited: number | null;
  maybe: number | null;
  no: number | null;
  session_id: string | null;
  waiting: number | null;
  yes: number | null;
}

export interface SignalAdviceLinks {
  advice_id: string;
  created_at: Generated<Timestamp>;
  linked_by: string | null;
  signal_id: string;
}

export interface SignalContacts {
  created_at: Generated<Timestamp>;
  email: string | null;
  name: string | null;
  phone: string | null;
  signal_id: string;
}

export interface SignalIndicatorMonths {
  indicator_code: string;
  month: string;
  municipality_id: string | null;
  n: number;
  region_id: string | null;
}

export interface SignalIndicatorRegionMonths {
  indicator_code: string;
  month: string;
  n: number;
  region_id: string | null;
}

export interface SignalIndicators {
  created_at: Generated<Timestamp>;
  indicator_code: string;
  signal_id: string;
  tagged_by: string | null;
}

export interface Signals {
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  body: string;
  body_trigrams: Generated<string[] | null>;
  channel: 'public_form' | 'helpdesk' | 'community_research' | 'session' | 'board_card' | 'questionnaire';
  contact_removed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  language: Generated<string>;
  merged_into: string | null;
  municipality_id: string | null;
  process_parts: Generated<string[]>;
  received_on: Generated<string>;
  reference: string;
  region_id: string | null;
  source_board_id: string | null;
  source_card_id: string | null;
  status: Generated<'new' | 'triaged' | 'answered' | 'closed' | 'merged'>;
  updated_at: Generated<Timestamp>;
}

export interface SignalTallies {
  indicator_codes: string[];
  month: string;
  municipality_id: string | null;
  region_id: string | null;
  signal_id: string;
}

export interface SizeClasses {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  min_inhabitants: number;
}

export interface UserRoles {
  created_at: Generated<Timestamp>;
  role: 'admin' | 'coordinator';
  user_id: string;
}

export interface DB {
  advice_comments: AdviceComments;
  advice_core_indicators: AdviceCoreIndicators;
  advice_quotes: AdviceQuotes;
  advice_recognitions: AdviceRecognitions;
  advice_responses: AdviceResponses;
  advice_versions: AdviceVersions;
  advices: Advices;
  auth_sessions: AuthSessions;
  'auth.local_tokens': AuthLocalTokens;
  'auth.users': AuthUsers;
  benchmark_measures: BenchmarkMeasures;
  benchmark_values: BenchmarkValues;
  board_activity: BoardActivity;
  board_brainstorm_rounds: BoardBrainstormRounds;
  board_comments: BoardComments;
  board_documents: BoardDocuments;
  board_private_cards: BoardPrivateCards;
  board_snapshots: BoardSnapshots;
  board_updates: BoardUpdates;
  board_vote_rounds: BoardVoteRounds;
  board_votes: BoardVotes;
  boards: Boards;
  calendar_feeds: CalendarFeeds;
  consents: Consents;
  coordinator_regions: CoordinatorRegions;
  core_indicator_indicators: CoreIndicatorIndicators;
  core_indicator_measures: CoreIndicatorMeasures;
  core_indicator_targets: CoreIndicatorTargets;
  core_indicator_values: CoreIndicatorValues;
  core_indicators: CoreIndicators;
  data_sources: DataSources;
  indicator_keywords: IndicatorKeywords;
  indicator_value_imports: IndicatorValueImports;
  indicators: Indicators;
  invitation_links: InvitationLinks;
  invitations: Invitations;
  management_breakdowns: ManagementBreakdowns;
  management_indicator_targets: ManagementIndicatorTargets;
  management_indicator_values: ManagementIndicatorValues;
  management_indicators: ManagementIndicators;
  municipal_goals: MunicipalGoals;
  municipal_outputs: MunicipalOutputs;
  municipalities: Municipalities;
  municipality_readers: MunicipalityReaders;
  notification_digests: NotificationDigests;
  notification_preferences: NotificationPreferences;
  notifications: Notifications;
  notified_once: NotifiedOnce;
  onboarding_steps: OnboardingSteps;
  organisation_members: OrganisationMembers;
  organisations: Organisations;
  outbox: Outbox;
  pool_handovers: PoolHandovers;
  pool_member_directory: PoolMemberDirectory;
  pool_memberships: PoolMemberships;
  pool_municipalities: PoolMunicipalities;
  pool_peers: PoolPeers;
  pools: Pools;
  profile_languages: ProfileLanguages;
  profile_photos: ProfilePhotos;
  profile_themes: ProfileThemes;
  profiles: Profiles;
  public_benchmark_figures: PublicBenchmarkFigures;
  questionnaire_answers: QuestionnaireAnswers;
  questionnaire_hidden_groups: QuestionnaireHiddenGroups;
  questionnaire_options: QuestionnaireOptions;
  questionnaire_questions: QuestionnaireQuestions;
  questionnaire_response_tallies: QuestionnaireResponseTallies;
  questionnaire_responses: QuestionnaireResponses;
  questionnaire_result_cells: QuestionnaireResultCells;
  questionnaire_waves: QuestionnaireWaves;
  questionnaires: Questionnaires;
  rate_limits: RateLimits;
  regions: Regions;
  register_advices: RegisterAdvices;
  respondent_groups: RespondentGroups;
  saved_searches: SavedSearches;
  scheduled_jobs: ScheduledJobs;
  search_synonym_groups: SearchSynonymGroups;
  search_synonyms: SearchSynonyms;
  search_words: SearchWords;
  session_calendar: SessionCalendar;
  session_changes: SessionChanges;
  session_invitees: SessionInvitees;
  session_tallies: SessionTallies;
  sessions: Sessions;
  signal_advice_links: SignalAdviceLinks;
  signal_contacts: SignalContacts;
  signal_indicator_months: SignalIndicatorMonths;
  signal_indicator_region_months: SignalIndicatorRegionMonths;
  signal_indicators: SignalIndicators;
  signal_tallies: SignalTallies;
  signals: Signals;
  size_classes: SizeClasses;
  user_roles: UserRoles;
}
