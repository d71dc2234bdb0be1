import { createCookie } from '@remix-run/node';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

export const localeCookie = createCookie('lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The chosen language (cookie), else the browser's preference, else Dutch. */
export async function detectLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get('Cookie'));
  if (isLocale(chosen)) return chosen;
  const accepted = (request.headers.get('Accept-Language') ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().slice(0, 2).toLowerCase());
  return accepted.find((lang): lang is Locale => isLocale(lang) && LOCALES.includes(lang)) ?? DEFAULT_LOCALE;
}
