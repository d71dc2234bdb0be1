/** A date in the viewer's language, as people in the Netherlands read the calendar. */
export function formatDate(
  value: string | Date | null | undefined,
  locale: string,
  dateStyle: 'medium' | 'long' = 'medium',
): string {
  if (!value) return '';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return date.toLocaleDateString(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
    timeZone: 'Europe/Amsterdam',
    dateStyle,
  });
}
