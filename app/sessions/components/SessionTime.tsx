import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, DEFAULT_LOCALE, type Locale } from '~/i18n/locales';
import { formatInZone, formatRange, type TimeStyle } from '../time';

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** A session's start and end as the viewer reads them, machine-readable in dateTime. */
export function SessionWhen({ start, end, zone }: { start: string; end: string; zone: string }) {
  const locale = useLocale();
  return <time dateTime={start}>{formatRange(start, end, zone, locale)}</time>;
}

export function Instant({ value, zone, style = 'full' }: { value: string; zone: string; style?: TimeStyle }) {
  const locale = useLocale();
  return <time dateTime={value}>{formatInZone(value, zone, locale, style)}</time>;
}

/**
 * Tells the server the browser's time zone (a cookie), so the next page shows times in it. Until
 * then, and without JavaScript, times are in Europe/Amsterdam and the page says so.
 */
export function RememberTimeZone({ zone }: { zone: string }) {
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (own && own !== zone) {
      document.cookie = `tz=${encodeURIComponent(own)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, [zone]);
  return null;
}
