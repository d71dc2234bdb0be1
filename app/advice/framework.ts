import type { IndicatorDomain } from '~/db/types/shared';
import type { ProcessPart, ResponseDecision } from '~/db/types/advice';

/** The four domains of the 14 Indicators of Integration, with their indicators in the framework's order. */
export const INDICATOR_DOMAINS: { domain: IndicatorDomain; codes: string[] }[] = [
  { domain: 'markers_means', codes: ['work', 'housing', 'education', 'health', 'leisure'] },
  { domain: 'social_connections', codes: ['bonds', 'bridges', 'links'] },
  { domain: 'facilitators', codes: ['language', 'culture', 'digital', 'safety', 'stability'] },
  { domain: 'foundation', codes: ['rights'] },
];
export const INDICATOR_CODES = INDICATOR_DOMAINS.flatMap((d) => d.codes);
export const DOMAINS = INDICATOR_DOMAINS.map((d) => d.domain);

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

/** An indicator's name in the viewer's language. */
export function indicatorName(
  indicator: { name_nl: string; name_en: string; name_ar: string },
  locale: string,
): string {
  return locale === 'ar' ? indicator.name_ar : locale === 'en' ? indicator.name_en : indicator.name_nl;
}
