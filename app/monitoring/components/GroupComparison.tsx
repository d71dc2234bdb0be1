import { useTranslation } from 'react-i18next';
import { formatScore } from '~/i18n/format';
import { respondentGroupName } from '~/questionnaires/respondent-groups';
import { HiddenCell } from '~/ui/HiddenFigure';
import { TableScroll } from '~/ui/TableScroll';
import type { MonitoredCore, MonitoredCoreFigures } from '../queries.server';

type Score = MonitoredCore['scores'][number];

/** Newcomers first, then their coaches, the chain partners' professionals, and groups admins added. */
const ORDER = ['newcomers', 'coaches', 'chain_professionals'];
const rank = (s: Score) => (s.group_key ? ORDER.indexOf(s.group_key) : ORDER.length);

/** A mean score with its number of people, or why it is hidden, or a dash when there is none. */
export function ScoreCell({ cell, noteId, children }: { cell?: Score; noteId: string; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  if (!cell) return <td>–</td>;
  if (cell.hidden) return <HiddenCell hidden={cell.hidden} noteId={noteId} />;
  return (
    <td>
      {t('monitoring.experience.score', {
        mean: cell.mean_score === null ? undefined : formatScore(cell.mean_score, i18n.language),
        count: cell.respondents,
      })}
      {children}
    </td>
  );
}

/**
 * Per linked indicator, the latest round of each respondent group side by side (seed 001: what coaches
 * say beside newcomers' own view). Only figures the wave table already shows, hidden ones as hidden:
 * groups are never added up, so nothing here can be subtracted from anything else. Shown only when the
 * indicator's questionnaires asked at least two groups.
 */
export function GroupComparison({
  core,
  noteId,
  level,
}: {
  core: MonitoredCoreFigures;
  noteId: string;
  level: 3 | 4 | 5 | 6;
}) {
  const { t } = useTranslation();
  const groups = [...new Map(core.scores.map((s) => [s.group_id, s])).values()].sort(
    (a, b) => rank(a) - rank(b) || a.group_name.localeCompare(b.group_name),
  );
  if (groups.length < 2) return null;
  const latest = (groupId: string, code: string) =>
    core.scores
      .filter((s) => s.group_id === groupId && s.indicator_code === code)
      .sort((a, b) => a.opens_on.localeCompare(b.opens_on))
      .at(-1);
  const H = `h${level}` as 'h3' | 'h4' | 'h5' | 'h6';
  const titleId = `core-${core.id}-groups`;
  return (
    <section aria-labelledby={titleId}>
      <H id={titleId}>{t('monitoring.experience.groups.title')}</H>
      <p className="hint">{t('monitoring.experience.groups.intro')}</p>
      <TableScroll label={t('monitoring.experience.groups.caption')}>
        <table className="results-table">
          <caption>{t('monitoring.experience.groups.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitoring.experience.groups.indicator')}</th>
              {groups.map((g) => (
                <th key={g.group_id} scope="col">
                  <bdi>{respondentGroupName(t, { key: g.group_key, name: g.group_name })}</bdi>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {core.indicators
              .filter((i) => core.scores.some((s) => s.indicator_code === i.code))
              .map((i) => (
                <tr key={i.code}>
                  <th dir="auto" scope="row">
                    {i.name}
                  </th>
                  {groups.map((g) => {
                    const cell = latest(g.group_id, i.code);
                    return (
                      <ScoreCell key={g.group_id} cell={cell} noteId={noteId}>
                        {cell ? (
                          <span className="meta">
                            {' '}
                            (
                            <bdi>
                              {t('monitoring.experience.groups.wave', { title: cell.title, wave: cell.wave_name })}
                            </bdi>
                            )
                          </span>
                        ) : null}
                      </ScoreCell>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
