import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { periodCode, periodEnd, type Period } from './periods';
import { loadMonitoring } from './queries.server';
import { reportSchema } from './schema.server';

/**
 * The period a report asks for in its address (`?period=`), null when it asks for none (everything up
 * to now); or the field's error with what was typed, for a 400 that shows the form again.
 */
export function reportPeriod(
  url: URL,
):
  | { ok: true; period: (Period & { code: string }) | null }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const asked = url.searchParams.get('period') ?? '';
  if (asked.trim() === '') return { ok: true, period: null };
  const form = new FormData();
  form.set('period', asked);
  const parsed = parseForm(reportSchema, form);
  if (!parsed.ok) return parsed;
  const { kind, start } = parsed.data.period;
  return { ok: true, period: { kind, start, code: periodCode(kind, start) } };
}

/**
 * The monitoring report: the monitoring as it stood at the end of the period (see loadMonitoring's
 * `until`), or as it stands now.
 */
export function loadReport(tx: Tx, municipalityId: string, locale: Locale, period: Period | null) {
  return loadMonitoring(
    tx,
    municipalityId,
    locale,
    new Date(),
    period ? periodEnd(period.kind, period.start) : undefined,
  );
}
