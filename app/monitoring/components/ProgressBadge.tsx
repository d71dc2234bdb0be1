import { useTranslation } from 'react-i18next';
import { PROGRESS_STATUSES, type ProgressStatus } from '../progress';

/** A shape per status, so the status never rests on colour alone; the words carry it for everyone. */
const ICONS: Record<ProgressStatus, string> = { on_track: '✓', behind: '▼', no_data: '–' };

/** A core indicator's progress to its target in words, with an icon and a colour beside them. */
export function ProgressBadge({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`progress-badge progress-${status}`}>
      <span aria-hidden="true" className="progress-icon">
        {ICONS[status]}
      </span>{' '}
      {t(`monitoring.progress.status.${status}`)}
    </span>
  );
}

/** How many indicators are on track, behind or without data (a goal's core indicators, a core indicator's management indicators). */
export function ProgressCounts({ counts, label }: { counts: Record<ProgressStatus, number>; label: string }) {
  return (
    <ul className="goal-progress" aria-label={label}>
      {PROGRESS_STATUSES.map((status) => (
        <li key={status}>
          <ProgressBadge status={status} />: {counts[status]}
        </li>
      ))}
    </ul>
  );
}
