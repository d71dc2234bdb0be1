import type { Tx } from '~/db/db.server';
import type { IndicatorDomain } from '~/db/types';
import type { Locale } from '~/i18n/locales';

export interface IndicatorOption {
  code: string;
  domain: IndicatorDomain;
  name: string;
}

/** The 14 indicators in framework order, named in the reader's language. */
export async function listIndicators(tx: Tx, locale: Locale): Promise<IndicatorOption[]> {
  const rows = await tx
    .selectFrom('indicators')
    .select(['code', 'domain', 'name_nl', 'name_en', 'name_ar'])
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ code: r.code, domain: r.domain, name: r[`name_${locale}`] }));
}

export const DOMAINS: IndicatorDomain[] = ['markers_means', 'social_connections', 'facilitators', 'foundation'];
