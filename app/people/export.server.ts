import type { TFunction } from 'i18next';
import { toCsv } from '~/csv.server';
import type { searchMembers } from './directory.server';

type MemberRows = NonNullable<Awaited<ReturnType<typeof searchMembers>>>;

/** The member search as CSV: what the directory let this coordinator see, contact details only with consent. */
export function membersCsv(members: MemberRows, t: TFunction): string {
  return toCsv(
    [
      t('people.search.pool'),
      t('people.search.name'),
      t('people.search.municipality'),
      t('people.search.arrival'),
      t('people.search.language'),
      t('people.search.theme'),
      t('people.search.availability'),
      t('people.profile.route'),
      t('people.profile.contactPreference'),
      t('people.search.email'),
      t('people.search.phone'),
    ],
    members.map((m) => [
      m.pool_name,
      m.display_name,
      m.municipality_name,
      m.arrival_year,
      m.languages.join(' '),
      m.themes.join(' '),
      m.availability.join(' '),
      m.route,
      m.contact_preference,
      m.email,
      m.phone,
    ]),
  );
}
