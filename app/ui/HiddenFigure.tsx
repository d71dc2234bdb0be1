import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * Why the database left a figure about people out: a group of fewer than five ('too_few', shown as
 * "<5"), or a group hidden so that a small group cannot be worked out from the other figures beside it
 * ('protective', e.g. a second municipality when one of a region's municipalities is under five).
 */
export type Hidden = 'too_few' | 'protective';

/** The short text in place of the figure, for tables and exports. */
export function hiddenLabel(t: TFunction, hidden: Hidden): string {
  return t(hidden === 'too_few' ? 'results.tooFew' : 'results.protective');
}

/** What both kinds of hidden figure mean; the hidden cells point to it (`aria-describedby`). */
export function HiddenFiguresNote({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p className="hint" id={id}>
      {t('results.tooFewNote')} {t('results.protectiveNote')}
    </p>
  );
}

/** A table cell in place of a hidden figure, described by the note with id `noteId`. */
export function HiddenCell({ hidden, noteId, colSpan }: { hidden: Hidden; noteId: string; colSpan?: number }) {
  const { t } = useTranslation();
  return (
    <td className="too-few" colSpan={colSpan} aria-describedby={noteId}>
      {hiddenLabel(t, hidden)}
    </td>
  );
}
