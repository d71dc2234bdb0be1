import { everyValue, type AdviceStatus, type ResponseDecision } from '~/db/types';

export const DECISIONS = everyValue<ResponseDecision>()(['adopted', 'partly', 'not_adopted', 'under_consideration']);

/** Statuses a reader can meet; drafts and reviews stay inside the pool. */
export const PUBLISHED_STATUSES = ['published', 'responded', 'implemented'] as const;
export const ALL_STATUSES = everyValue<AdviceStatus>()([
  'draft',
  'in_review',
  'published',
  'responded',
  'implemented',
  'withdrawn',
]);
