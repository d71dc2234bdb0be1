/** The choices of the profile form and the member search: shared by the forms and their schemas. */

/** Languages offered in the profile form: Dutch and English, and those newcomers most often speak. */
export const PROFILE_LANGUAGES = [
  'nl',
  'en',
  'ar',
  'ti',
  'am',
  'uk',
  'ru',
  'fa',
  'prs',
  'ps',
  'tr',
  'ku',
  'so',
  'fr',
  'es',
] as const;
export const LANGUAGE_LEVELS = ['basic', 'good', 'fluent', 'native'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export const WEEKDAY_PARTS = WEEKDAYS.flatMap((day) => DAY_PARTS.map((part) => `${day}_${part}`));
export const CONTACT_PREFERENCES = ['email', 'phone', 'whatsapp', 'sms'] as const;
export const ROUTES = ['b1', 'onderwijs', 'z', 'none'] as const;
