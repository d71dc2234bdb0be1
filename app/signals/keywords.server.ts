import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';

export async function listKeywords(tx: Tx) {
  return tx
    .selectFrom('indicator_keywords')
    .select(['id', 'indicator_code', 'language', 'keyword'])
    .orderBy('indicator_code')
    .orderBy('language')
    .orderBy('keyword')
    .execute();
}

/** Adds a keyword (admins only, by RLS); false when it is already on the list. */
export async function addKeyword(tx: Tx, input: { indicator: string; language: Locale; keyword: string }) {
  const row = await tx
    .insertInto('indicator_keywords')
    .values({ indicator_code: input.indicator, language: input.language, keyword: input.keyword })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function removeKeyword(tx: Tx, id: string) {
  await tx.deleteFrom('indicator_keywords').where('id', '=', id).execute();
}
