import { useEffect } from 'react';
import { formatInZone, formatRange, type TimeStyle } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';

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
