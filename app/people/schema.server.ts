import * as z from 'zod';
import { i18nFor } from '~/i18n/i18n';
import { LOCALES } from '~/i18n/locales';
import { integer, lenient, optionalInteger, optionalText, requiredText, searchText } from '~/input/fields.server';
import { CONTACT_PREFERENCES, LANGUAGE_LEVELS, PROFILE_LANGUAGES, ROUTES, WEEKDAY_PARTS } from './profile-options';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email('errors.email'));
const newPassword = z.string().min(10, 'errors.passwordTooShort').max(200, 'errors.tooLong');

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
  // Any text: safeRedirect (~/auth/redirect.server) decides where it may lead.
  redirectTo: z.string().catch('/'),
});

export const forgotPasswordSchema = z.object({ email });

/** `npm run admin:create -- <email>`: the address of the account to make an admin. */
export const adminEmailSchema = email;

export const resetPasswordSchema = z.object({ password: newPassword });

const displayName = requiredText(80);

export const acceptInvitationSchema = z.object({
  displayName,
  password: newPassword,
});

export const createInvitationSchema = z.object({
  email,
  role: z.enum(['member', 'coordinator']).default('member'),
});

// Profiles ------------------------------------------------------------------------------

export const CONSENT_PURPOSES = [
  'contact',
  'profile_visible_to_members',
  'quotes_in_advice',
  'contact_details_to_coordinators',
] as const;

/**
 * The profile form. Checkbox groups arrive as several values of one name, so the route passes them
 * in as arrays (see profileFormValues); languages come as one select per language (`lang_<code>`).
 */
export const profileSchema = z.object({
  displayName,
  municipalityId: z.union([z.literal(''), z.uuid('people.errors.municipality')]).transform((v) => v || null),
  arrivalYear: optionalInteger(1940, new Date().getFullYear(), 'people.errors.year'),
  languages: z
    .array(z.object({ language: z.enum(PROFILE_LANGUAGES), level: z.enum(LANGUAGE_LEVELS) }))
    .max(PROFILE_LANGUAGES.length),
  themes: z.array(z.string().regex(/^[a-z_]{1,40}$/, 'people.errors.theme')).max(14),
  availability: z.array(z.enum(WEEKDAY_PARTS as [string, ...string[]], 'people.errors.availability')).max(21),
  contactPreference: z.union([z.literal(''), z.enum(CONTACT_PREFERENCES)]).transform((v) => v || null),
  route: z.union([z.literal(''), z.enum(ROUTES)]).transform((v) => v || null),
  phone: optionalText(40)
    .transform((value) => value || null)
    .pipe(
      z
        .string()
        .regex(/^[+0-9 ()-]{6,40}$/, 'people.errors.phone')
        .nullable(),
    ),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** Turns the submitted form into what profileSchema reads: multi-value fields become arrays. */
export function profileFormValues(formData: FormData) {
  const text = (name: string) => String(formData.get(name) ?? '');
  return {
    displayName: text('displayName'),
    municipalityId: text('municipalityId'),
    arrivalYear: text('arrivalYear'),
    languages: PROFILE_LANGUAGES.flatMap((language) => {
      const level = text(`lang_${language}`);
      return level ? [{ language, level }] : [];
    }),
    themes: formData.getAll('themes').map(String),
    availability: formData.getAll('availability').map(String),
    contactPreference: text('contactPreference'),
    route: text('route'),
    phone: text('phone'),
  };
}

/**
 * Give or withdraw one consent. A withdrawal names the very record it withdraws, so an old form sent
 * again after a withdrawal (or after a new consent) cannot act on a different record.
 */
export const consentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('give'), purpose: z.enum(CONSENT_PURPOSES) }),
  z.object({ intent: z.literal('withdraw'), purpose: z.enum(CONSENT_PURPOSES), consentId: z.uuid() }),
]);

/** The word that confirms deleting one's account, in any interface language (typed as its own page says). */
function confirmsDeletion(typed: string): boolean {
  return LOCALES.some((locale) => {
    const word = i18nFor(locale).t('people.data.confirmWord', { lng: locale });
    return typed.toLocaleLowerCase(locale) === word.toLocaleLowerCase(locale);
  });
}

export const deleteAccountSchema = z.object({
  confirm: z.string().trim().max(100).refine(confirmsDeletion, 'people.errors.confirmDelete'),
});

// Invitations ---------------------------------------------------------------------------

export const MAX_INVITATIONS_PER_LIST = 200;

export const inviteListSchema = z.object({
  emails: requiredText(20_000),
  role: z.enum(['member', 'coordinator']).default('member'),
});

export const signupLinkSchema = z.object({
  days: integer(1, 90, 'people.errors.days'),
  maxUses: integer(1, 500, 'people.errors.maxUses'),
});

export const joinByLinkSchema = z.object({
  email,
  displayName,
  password: newPassword,
});

export const invitationActionSchema = z.object({
  intent: z.enum(['resend', 'revoke', 'revokeLink']),
  id: z.uuid(),
});

// Member search -------------------------------------------------------------------------

/** Filters of the member search (query string); anything malformed is ignored rather than an error. */
export const memberSearchSchema = z.object({
  q: searchText(80).transform((v) => v || undefined),
  poolId: lenient(z.uuid()),
  regionId: lenient(z.uuid()),
  municipalityId: lenient(z.uuid()),
  language: lenient(z.enum(PROFILE_LANGUAGES)),
  theme: lenient(z.string().regex(/^[a-z_]{1,40}$/)),
  availability: lenient(z.enum(WEEKDAY_PARTS as [string, ...string[]])),
  // Out of range or not a number: the first page (past the last: the last, see searchMembersPage).
  page: lenient(integer(1, 10000, 'errors.invalid')),
});
export type MemberSearch = z.infer<typeof memberSearchSchema>;
