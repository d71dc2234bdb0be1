import type { ProcessPart, ResponseDecision } from '~/db/types';

export const PROCESS_PARTS: ProcessPart[] = [
  'brede_intake',
  'pip',
  'map',
  'knm',
  'pvt',
  'leerroute',
  'financial_unburdening',
  'communication',
  'other',
];

export const DECISIONS: ResponseDecision[] = ['adopted', 'partly', 'not_adopted', 'under_consideration'];

/** Statuses a reader can meet; drafts and reviews stay inside the pool. */
export const PUBLISHED_STATUSES = ['published', 'responded', 'implemented'] as const;
export const ALL_STATUSES = ['draft', 'in_review', 'published', 'responded', 'implemented', 'withdrawn'] as const;
