import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';
import { indicatorName, type Indicator, type IndicatorOption } from './framework';

/** The 14 indicators in framework order, with their names in every language. */
export async function listIndicators(tx: Tx): Promise<Indicator[]> {
  return tx
    .selectFrom('indicators')
    .select(['code', 'domain', 'name_nl', 'name_en', 'name_ar'])
    .orderBy('position')
    .execute();
}

/** The 14 indicators in framework order, named in the reader's language. */
export async function listIndicatorOptions(tx: Tx, locale: Locale): Promise<IndicatorOption[]> {
  const indicators = await listIndicators(tx);
  return indicators.map((i) => ({ code: i.code, domain: i.domain, name: indicatorName(i, locale) }));
}

/** Every text of every indicator, for the admins who edit them. */
export async function listIndicatorTexts(tx: Tx) {
  return tx.selectFrom('indicators').selectAll().orderBy('position').execute();
}

/** Changes an indicator's names and descriptions; false when RLS (admins only) left nothing to change. */
export async function updateIndicatorTexts(
  tx: Tx,
  code: string,
  texts: Record<'name_nl' | 'name_en' | 'name_ar' | 'description_nl' | 'description_en' | 'description_ar', string>,
): Promise<boolean> {
  const result = await tx
    .updateTable('indicators')
    .set({ ...texts, updated_at: new Date() })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
