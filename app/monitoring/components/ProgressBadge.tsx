import { useTranslation } from 'react-i18next';
import type { PeriodKind } from '~/db/types';
import { decimalsOf, formatNumber } from '~/i18n/format';
import { periodLabel } from '../periods';
import { PROGRESS_STATUSES, type Progress, type ProgressStatus } from '../progress';

/** A shape per status, so the status never rests on colour alone; the words carry it for everyone. */
const ICONS: Record<ProgressStatus, string> = { on_track: '✓', behind: '▼', no_data: '–' };

/** The statuses in the reader's words. */
export type ProgressWords = Record<ProgressStatus, string>;

/**
 * The statuses' words, asked once for all of a page's badges: the monitoring overview shows ~300, and
 * a translation and a hook per badge were a good part of its rendering
 * (docs/benchmarks/2026-12-06-monitoring-6.md).
 */
export function useProgressWords(): ProgressWords {
  const { t } = useTranslation();
  return {
    on_track: t('monitoring.progress.status.on_track'),
    behind: t('monitoring.progress.status.behind'),
    no_data: t('monitoring.progress.status.no_data'),
  };
}

/** A core indicator's progress to its target in words, with an icon and a colour beside them. */
export function ProgressBadge({ status, words }: { status: ProgressStatus; words: ProgressWords }) {
  return (
    <span className={`progress-badge progress-${status}`}>
      <span aria-hidden="true" className="progress-icon">
        {ICONS[status]}
      </span>{' '}
      {words[status]}
    </span>
  );
}

/** How many indicators are on track, behind or without data (a goal's core indicators, a core indicator's management indicators). */
export function ProgressCounts({
  counts,
  label,
  words,
}: {
  counts: Record<ProgressStatus, number>;
  label: string;
  words: ProgressWords;
}) {
  return (
    <ul className="goal-progress" aria-label={label}>
      {PROGRESS_STATUSES.map((status) => (
        <li key={status}>
          <ProgressBadge status={status} words={words} />: {counts[status]}
        </li>
      ))}
    </ul>
  );
}

/** A figure in the reader's digits with the core indicator's unit ("62,5 %"). */
export function amountOf(value: number, unit: string, locale: string, maxDecimals?: number) {
  return `${formatNumber(value, locale, maxDecimals)}${unit ? ` ${unit}` : ''}`;
}

/**
 * The one sentence that says why a core indicator has its status (its latest figure against the
 * target or the straight line to it): nothing without a target or a figure. The overview and the core
 * indicator's own figures both show it.
 */
export function ProgressExplanation({
  progress,
  latest,
  unit,
}: {
  progress: Progress;
  latest: { value: number; period_kind: PeriodKind; period_start: string } | undefined | null;
  unit: string;
}) {
  const { t, i18n } = useTranslation();
  if (!progress.target || !latest) return null;
  const amount = (value: number) => amountOf(value, unit, i18n.language);
  return t(`monitoring.progress.explain.${progress.expected === null ? progress.status : 'course'}`, {
    latest: amount(latest.value),
    period: periodLabel(latest.period_kind, latest.period_start, i18n.language, t),
    // A point on a line, not a measured figure: one decimal more than the figures it lies between
    // ("43,4 %" between 41 and 50), not the six a division leaves.
    expected:
      progress.expected === null
        ? ''
        : amountOf(
            progress.expected,
            unit,
            i18n.language,
            Math.min(6, Math.max(decimalsOf(latest.value), decimalsOf(progress.target.value)) + 1),
          ),
    target: amount(progress.target.value),
    year: progress.target.dueYear,
  });
}
