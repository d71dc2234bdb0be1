import { useTranslation } from 'react-i18next';
import { AdviceLinks } from '~/advice/components/AdviceLinks';
import { formatDate, formatNumber, formatScore } from '~/i18n/format';
import { HiddenCell } from '~/ui/HiddenFigure';
import type { MonitoredCore, MonitoredCoreFigures } from '../queries.server';
import { periodLabel } from '../periods';
import { respondentGroupName } from '~/questionnaires/respondent-groups';
import { BenchmarkComparison } from './BenchmarkComparison';
import { GroupComparison, ScoreCell } from './GroupComparison';
import { amountOf, ProgressBadge, ProgressExplanation, useProgressWords } from './ProgressBadge';
import { ValueChart } from './ValueChart';
import { TableScroll } from '~/ui/TableScroll';

interface Props {
  core: MonitoredCoreFigures;
  months: string[];
  rtl: boolean;
  /** Heading level of the sub-sections (the core indicator's own heading is one above). */
  level: 2 | 4 | 5;
  /** Renders a remove button per value (the page) or nothing (print). */
  valueAction?: (valueId: string, label: string) => React.ReactNode;
  /** Renders a remove button per target (the page) or nothing (print). */
  targetAction?: (targetId: string, year: number) => React.ReactNode;
}

/**
 * One core indicator's figures: values over time (chart + table), experience data from questionnaires
 * and signals (aggregates: "<5" for groups under five, "hidden" where a figure would let one be worked
 * out), and the advice that concerns it.
 */
export function CoreIndicatorFigures({ core, months, rtl, level, valueAction, targetAction }: Props) {
  const { t, i18n } = useTranslation();
  const words = useProgressWords();
  const locale = i18n.language;
  const H = `h${level}` as 'h2' | 'h4' | 'h5';
  const label = (kind: MonitoredCore['values'][number]['period_kind'], start: string) =>
    periodLabel(kind, start, locale, t);
  const monthLabel = (month: string) => label('month', month);
  const base = `core-${core.id}`;
  const waves = [...new Map(core.scores.map((s) => [s.wave_id, s])).values()];
  const amount = (value: number) => amountOf(value, core.unit, locale);
  const { progress } = core;

  return (
    <>
      <section aria-labelledby={`${base}-progress`} className="monitoring-block">
        <H id={`${base}-progress`}>{t('monitoring.progress.title')}</H>
        <p>
          <ProgressBadge status={progress.status} words={words} />{' '}
          <ProgressExplanation progress={progress} latest={core.values.at(-1)} unit={core.unit} />
        </p>
        <p>
          {core.direction ? t(`monitoring.progress.direction.${core.direction}`) : t('monitoring.progress.noDirection')}
          {core.unit ? ` · ${t('monitoring.fields.unit')}: ${core.unit}` : ''}
        </p>
        {core.targets.length === 0 ? (
          <p>{t('monitoring.progress.noTargets')}</p>
        ) : (
          <TableScroll label={t('monitoring.progress.targetsCaption', { description: core.description })}>
            <table className="results-table">
              <caption>{t('monitoring.progress.targetsCaption', { description: core.description })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.fields.dueYear')}</th>
                  <th scope="col">{t('monitoring.fields.target')}</th>
                  {targetAction ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('monitoring.values.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {core.targets.map((target) => (
                  <tr key={target.id}>
                    <th scope="row">{target.due_year}</th>
                    <td>{amount(target.value)}</td>
                    {targetAction ? <td>{targetAction(target.id, target.due_year)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <BenchmarkComparison core={core} level={level} />

      <section aria-labelledby={`${base}-values`} className="monitoring-block">
        <H id={`${base}-values`}>{t('monitoring.values.title')}</H>
        {core.values.length === 0 ? (
          <p>{t('monitoring.values.none')}</p>
        ) : (
          <div className="value-pair">
            <ValueChart
              points={core.values.map((v) => ({ label: label(v.period_kind, v.period_start), value: v.value }))}
              target={
                progress.target
                  ? {
                      value: progress.target.value,
                      label: t('monitoring.progress.chartTarget', { year: progress.target.dueYear }),
                    }
                  : undefined
              }
              summary={t('monitoring.values.chartSummary', {
                description: core.description,
                count: core.values.length,
                first: label(core.values[0]!.period_kind, core.values[0]!.period_start),
                last: label(core.values.at(-1)!.period_kind, core.values.at(-1)!.period_start),
              })}
              rtl={rtl}
            />
            <TableScroll label={t('monitoring.values.caption', { description: core.description })}>
              <table className="results-table">
                <caption>{t('monitoring.values.caption', { description: core.description })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.fields.period')}</th>
                    <th scope="col">{t('monitoring.fields.value')}</th>
                    <th scope="col">{t('monitoring.fields.source')}</th>
                    <th scope="col">{t('monitoring.fields.note')}</th>
                    {valueAction ? (
                      <th scope="col">
                        <span className="visually-hidden">{t('monitoring.values.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {core.values.map((v) => (
                    <tr key={v.id}>
                      <th scope="row">{label(v.period_kind, v.period_start)}</th>
                      <td>
                        {formatNumber(v.value, locale)}
                        {v.unit ? ` ${v.unit}` : ''}
                      </td>
                      <td>
                        {v.source === 'import'
                          ? t('monitoring.source.import', { file: v.file_name ?? '' })
                          : t('monitoring.source.manual')}
                      </td>
                      <td dir="auto">{v.note}</td>
                      {valueAction ? <td>{valueAction(v.id, label(v.period_kind, v.period_start))}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        )}
      </section>

      <section aria-labelledby={`${base}-experience`} className="monitoring-block">
        <H id={`${base}-experience`}>{t('monitoring.experience.title')}</H>
        {core.indicators.length === 0 ? (
          <p>{t('monitoring.experience.noLinks')}</p>
        ) : (
          <>
            <p className="hint" id={`${base}-hidden`}>
              {t('monitoring.experience.tooFewNote')} {t('results.protectiveNote')}
            </p>
            {waves.length === 0 ? (
              <p>{t('monitoring.experience.noScores')}</p>
            ) : (
              <TableScroll label={t('monitoring.experience.scoresCaption')}>
                <table className="results-table">
                  <caption>{t('monitoring.experience.scoresCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.experience.wave')}</th>
                      {core.indicators.map((i) => (
                        <th key={i.code} scope="col">
                          {i.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {waves.map((w) => (
                      <tr key={w.wave_id}>
                        <th scope="row">
                          <bdi>{w.title}</bdi>: <bdi>{w.wave_name}</bdi>{' '}
                          <span className="meta">
                            (<bdi>{respondentGroupName(t, { key: w.group_key, name: w.group_name })}</bdi>,{' '}
                            {formatDate(w.opens_on, locale)})
                          </span>
                        </th>
                        {core.indicators.map((i) => (
                          <ScoreCell
                            key={i.code}
                            cell={core.scores.find((s) => s.wave_id === w.wave_id && s.indicator_code === i.code)}
                            noteId={`${base}-hidden`}
                          />
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            <GroupComparison core={core} noteId={`${base}-hidden`} level={(level + 1) as 3 | 5 | 6} />
            <TableScroll label={t('monitoring.experience.signalsCaption')}>
              <table className="results-table signal-counts">
                <caption>{t('monitoring.experience.signalsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.experience.month')}</th>
                    {core.signals.map((s) => (
                      <th key={s.code} scope="col">
                        {s.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {months.map((month, index) => (
                    <tr key={month}>
                      <th scope="row">{monthLabel(month)}</th>
                      {core.signals.map((s) => {
                        const count = s.counts[index];
                        return count === null ? (
                          <HiddenCell key={s.code} hidden="too_few" noteId={`${base}-hidden`} />
                        ) : (
                          <td key={s.code}>{count}</td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </section>

      <section aria-labelledby={`${base}-advice`} className="monitoring-block">
        <H id={`${base}-advice`}>{t('monitoring.advice.title')}</H>
        {core.advice.length === 0 ? (
          <p>{t('monitoring.advice.none')}</p>
        ) : (
          <AdviceLinks
            advice={core.advice}
            className="monitoring-advice"
            after={(a) => (
              <span className="meta">
                {a.latest_decision
                  ? t('monitoring.advice.response', {
                      decision: t(`advice.decision.${a.latest_decision}`),
                      date: formatDate(a.latest_response_at, locale),
                    })
                  : t('monitoring.advice.noResponse', { status: t(`advice.status.${a.status}`) })}
              </span>
            )}
          />
        )}
      </section>
    </>
  );
}
