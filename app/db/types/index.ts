import type { Insertable, Selectable } from 'kysely';
import type { DB } from './database.generated';

/**
 * The table types come from the migrated schema (database.generated.ts, `npm run db:types`); the names
 * below only give the app's words to what is there. A text column with a check listing its values is
 * typed as those values, so `Values<'advices', 'status'>` changes when a migration changes the list.
 */
export type { DB };

/** The values a column holds (without null). */
type Values<T extends keyof DB, C extends keyof Selectable<DB[T]>> = NonNullable<Selectable<DB[T]>[C]>;

/**
 * `list` when it names every value of `T` (each once is up to the writer); it does not compile when
 * a value is missing, so a runtime list (for forms and zod) cannot fall behind a migration.
 */
export const everyValue =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;

export type AdviceStatus = Values<'advices', 'status'>;
export type AdviceVisibility = Values<'advices', 'visibility'>;
export type ProcessPart = Values<'advices', 'process_part'>;
export type ResponseDecision = Values<'advice_responses', 'decision'>;
export type ConsentPurpose = Values<'consents', 'purpose'>;
export type IndicatorDomain = Values<'indicators', 'domain'>;
export type Locale = Values<'profiles', 'locale'>;
export type LearningRoute = Values<'profiles', 'route'>;
export type ContactPreference = Values<'profiles', 'contact_preference'>;
export type LanguageLevel = Values<'profile_languages', 'level'>;
export type OnboardingStep = Values<'onboarding_steps', 'step'>;
export type OrganisationKind = Values<'organisations', 'kind'>;
export type PoolStatus = Values<'pools', 'status'>;
export type PoolRole = Values<'pool_memberships', 'role'>;
export type UserRole = Values<'user_roles', 'role'>;
export type SessionStatus = Values<'sessions', 'status'>;
/** 'waiting': said yes when the session was full; on the waiting list. */
export type SessionResponse = Values<'session_invitees', 'response'>;
export type SessionChangeKind = Values<'session_changes', 'kind'>;
export type SessionEndReason = Values<'auth_sessions', 'revoked_because'>;
export type JobKind = Values<'scheduled_jobs', 'kind'>;
export type JobStatus = Values<'scheduled_jobs', 'status'>;
export type QuestionKind = Values<'questionnaire_questions', 'kind'>;
export type PeriodKind = Values<'core_indicator_values', 'period_kind'>;
export type ValueSource = Values<'core_indicator_values', 'source'>;
export type SourceKind = Values<'data_sources', 'kind'>;
export type Direction = Values<'core_indicator_measures', 'direction'>;
export type NotificationKind = Values<'notifications', 'kind'>;
export type NotificationDelivery = Values<'notification_preferences', 'delivery'>;
export type DigestPeriod = Values<'notification_digests', 'period'>;
export type SignalChannel = Values<'signals', 'channel'>;
export type SignalStatus = Values<'signals', 'status'>;
/** What `private.wave_state(wave)` answers: a function's result, not a column. */
export type WaveState = 'open' | 'closed' | 'not_yet';

export type QuestionnaireAnswer = Insertable<DB['questionnaire_answers']>;

export const ORGANISATION_KINDS = everyValue<OrganisationKind>()([
  'coordinating',
  'municipality',
  'chain_partner',
  'provider',
  'client',
  'partner',
]);
export const PERIOD_KINDS = everyValue<PeriodKind>()(['year', 'quarter', 'month']);
export const SOURCE_KINDS = everyValue<SourceKind>()([
  'register',
  'benchmark',
  'experience',
  'partner',
  'to_be_determined',
]);
export const DIRECTIONS = everyValue<Direction>()(['higher', 'lower']);
export const NOTIFICATION_KINDS = everyValue<NotificationKind>()([
  'session_invited',
  'session_changed',
  'session_moved',
  'session_cancelled',
  'waitlist_promoted',
  'board_opened',
  'board_mentioned',
  'advice_in_review',
  'advice_published',
  'advice_commented',
  'advice_responded',
  'advice_implemented',
  'response_due',
  'response_overdue',
  'invitation_stuck',
]);
export const NOTIFICATION_DELIVERIES = everyValue<NotificationDelivery>()(['immediately', 'daily', 'weekly', 'off']);
export const DIGEST_PERIODS = everyValue<DigestPeriod>()(['daily', 'weekly']);
export const QUESTION_KINDS = everyValue<QuestionKind>()(['scale', 'single', 'multiple', 'open']);
export const SIGNAL_CHANNELS = everyValue<SignalChannel>()([
  'public_form',
  'helpdesk',
  'community_research',
  'session',
  'board_card',
  'questionnaire',
]);
export const SIGNAL_STATUSES = everyValue<SignalStatus>()(['new', 'triaged', 'answered', 'closed', 'merged']);
/** The same parts of the integration process as the advice register, so signals and advice can be compared. */
export const PROCESS_PARTS = everyValue<ProcessPart>()([
  'brede_intake',
  'pip',
  'map',
  'knm',
  'pvt',
  'leerroute',
  'financial_unburdening',
  'communication',
  'other',
]);
