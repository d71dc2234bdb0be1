import type { Locale } from '~/i18n/locales';
import { docFromUpdates } from './doc';
import { boardView, type BoardView } from './export';

/** A stored state as a read-only view (server side, so pages without a live board load no Yjs). */
export function viewOfState(
  state: Uint8Array | null,
  locale: Locale,
  totals: ReadonlyMap<string, number> | null = null,
): BoardView {
  const doc = docFromUpdates(state ? [state] : []);
  try {
    return boardView(doc, locale, totals);
  } finally {
    doc.destroy();
  }
}
