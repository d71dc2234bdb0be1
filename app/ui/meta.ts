import type { MetaArgs, MetaDescriptor } from '@remix-run/react';
import { withoutBidiControls } from '~/bidi';
import { i18nFor } from '~/i18n/i18n';
import { DEFAULT_LOCALE, isLocale, type Locale } from '~/i18n/locales';

const SUFFIX = ' · Expertpool';

/** The page's language, from the root loader (meta functions have no hooks). */
function localeOf(matches: MetaArgs['matches']): Locale {
  const data = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined;
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

/**
 * A route's meta: its translated title (usually the key of its h1), then the product's name. `values`
 * fills the title's placeholders from the loader's data, when there is data.
 */
export const pageTitle =
  <D>(key: string, values?: (data: D) => Record<string, string>) =>
  ({ matches, data }: MetaArgs<() => Promise<unknown>>): MetaDescriptor[] => {
    const t = i18nFor(localeOf(matches)).t;
    if (values && !data) return [{ title: 'Expertpool' }];
    const filled = Object.entries(values ? values(data as D) : {}).map(([name, text]) => [
      name,
      withoutBidiControls(text),
    ]);
    return [{ title: t(key, Object.fromEntries(filled)) + SUFFIX }];
  };

/**
 * A page title made of stored text (a board's title, a pool's name …), then the product's name.
 * Direction controls are dropped: a browser's title bar isolates nothing, so an unclosed override
 * in a title would show " · Expertpool" and the rest reversed.
 */
export const storedTitle = (...parts: string[]): string => parts.map(withoutBidiControls).join(' · ') + SUFFIX;
