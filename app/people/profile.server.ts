import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';
import { listIndicators } from '~/indicators/queries.server';
import { listMunicipalities } from '~/places/queries.server';
import type { ImageType } from './image-type';
import type { ProfileInput } from './schema.server';

/** Everything the profile page shows and edits, read as the person (RLS: their own row). */
export async function getMyProfile(tx: Tx, userId: string) {
  const [profile, languages, themes, photo] = await Promise.all([
    tx
      .selectFrom('profiles')
      .select([
        'display_name',
        'municipality_id',
        'arrival_year',
        'availability',
        'contact_preference',
        'route',
        'phone',
        'updated_at',
      ])
      .where('id', '=', userId)
      .executeTakeFirst(),
    tx
      .selectFrom('profile_languages')
      .select(['language', 'level'])
      .where('user_id', '=', userId)
      .orderBy('language')
      .execute(),
    tx.selectFrom('profile_themes').select('indicator_code').where('user_id', '=', userId).execute(),
    tx.selectFrom('profile_photos').select('updated_at').where('user_id', '=', userId).executeTakeFirst(),
  ]);
  if (!profile) return null;
  return {
    ...profile,
    languages,
    themes: themes.map((t) => t.indicator_code),
    photoUpdatedAt: photo?.updated_at ?? null,
  };
}

/** The choices the profile form offers: municipalities and the 14 indicators (as themes). */
export async function getProfileChoices(tx: Tx) {
  const [municipalities, indicators] = await Promise.all([listMunicipalities(tx), listIndicators(tx)]);
  return { municipalities, indicators };
}

/** The interface language a person chose: mail to them (notifications, digests) is written in it. */
export async function saveMyLocale(tx: Tx, userId: string, locale: Locale): Promise<void> {
  await tx.updateTable('profiles').set({ locale, updated_at: new Date() }).where('id', '=', userId).execute();
}

/**
 * Saves the profile as the person. Languages and themes are replaced as a whole, and the plain list
 * of language codes on profiles (read by other features) is kept equal to the levelled list.
 * Consents are never part of this form: an old profile form cannot give a consent back.
 */
export async function saveProfile(tx: Tx, userId: string, input: ProfileInput) {
  await tx
    .updateTable('profiles')
    .set({
      display_name: input.displayName,
      municipality_id: input.municipalityId,
      arrival_year: input.arrivalYear,
      languages: input.languages.map((l) => l.language),
      availability: input.availability,
      contact_preference: input.contactPreference,
      route: input.route,
      phone: input.phone,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('profile_languages').where('user_id', '=', userId).execute();
  if (input.languages.length > 0) {
    await tx
      .insertInto('profile_languages')
      .values(input.languages.map((l) => ({ user_id: userId, language: l.language, level: l.level })))
      .execute();
  }
  await tx.deleteFrom('profile_themes').where('user_id', '=', userId).execute();
  if (input.themes.length > 0) {
    await tx
      .insertInto('profile_themes')
      .values(input.themes.map((code) => ({ user_id: userId, indicator_code: code })))
      .execute();
  }
}

export async function savePhoto(tx: Tx, userId: string, type: ImageType, data: Uint8Array) {
  await tx
    .insertInto('profile_photos')
    .values({ user_id: userId, content_type: type, data, updated_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ content_type: type, data, updated_at: new Date() }))
    .execute();
}

export async function removePhoto(tx: Tx, userId: string) {
  await tx.deleteFrom('profile_photos').where('user_id', '=', userId).execute();
}

/** A person's photo if the viewer may see it (RLS: themselves, their coordinators, admins, allowed peers). */
export async function getPhoto(tx: Tx, userId: string) {
  return tx
    .selectFrom('profile_photos')
    .select(['content_type', 'data', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
