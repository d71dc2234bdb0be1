import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/i18n/format';
import { BarChartFigure } from '~/ui/BarChartFigure';
import { TableScroll } from '~/ui/TableScroll';
import type { ManagementIndicator } from '../management.server';
import { periodLabel } from '../periods';
import type { MonitoredCore } from '../queries.server';
import { ProgressBadge, ProgressCounts, useProgressWords, type ProgressWords } from './ProgressBadge';
import { ValueChart } from './ValueChart';

interface Props {
  core: Pick<MonitoredCore, 'id' | 'description' | 'management' | 'managementProgress'>;
  rtl: boolean;
  /** This section's heading level; each indicator's heading is one below. */
  level: 2 | 5;
  /** The forms under each indicator (the editing page); the print view and the monitoring page have none. */
  formsFor?: (indicator: ManagementIndicator) => ReactNode;
  /** A remove button per figure (the editing page). */
  valueAction?: (valueId: string, label: string) => ReactNode;
  /** A remove button per target (the editing page), named with the indicator and year it is for. */
  targetAction?: (targetId: string, label: string) => ReactNode;
  /** What follows the indicators (the editing page's form for a new one). */
  children?: ReactNode;
}

/**
 * The management indicators under one core indicator, their progress counted per status, and per
 * indicator its source, progress against its targets and its figures: the total as a line over time,
 * and per breakdown dimension grouped bars per period (the total beside its values), always with a
 * table beside the picture.
 */
export function ManagementIndicators({ core, rtl, level, formsFor, valueAction, targetAction, children }: Props) {
  const { t } = useTranslation();
  const words = useProgressWords();
  const base = `core-${core.id}-management`;
  const H = `h${level}` as 'h2' | 'h5';
  return (
    <section aria-labelledby={base} className="monitoring-block">
      <H id={base}>{t('monitoring.management.title')}</H>
      <p>{t('monitoring.management.lead')}</p>
      {core.management.length === 0 ? (
        <p>{t('monitoring.management.none')}</p>
      ) : (
        <ProgressCounts
          counts={core.managementProgress}
          label={t('monitoring.management.rollUp', { description: core.description })}
          words={words}
        />
      )}
      {core.management.map((m) => (
        <Indicator
          key={m.id}
          indicator={m}
          rtl={rtl}
          level={level}
          words={words}
          valueAction={valueAction}
          targetAction={targetAction}
        >
          {formsFor?.(m)}
        </Indicator>
      ))}
      {children}
    </section>
  );
}

function Indicator({
  indicator: m,
  rtl,
  level,
  words,
  valueAction,
  targetAction,
  children,
}: {
  indicator: ManagementIndicator;
  rtl: boolean;
  level: 2 | 5;
  words: ProgressWords;
  valueAction?: Props['valueAction'];
  targetAction?: Props['targetAction'];
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = `management-${m.id}`;
  const label = (v: { period_kind: ManagementIndicator['values'][number]['period_kind']; period_start: string }) =>
    periodLabel(v.period_kind, v.period_start, locale, t);
  const amount = (value: number) => `${formatNumber(value, locale)}${m.unit ? ` ${m.unit}` : ''}`;
  const totals = m.values.filter((v) => v.breakdown_id === null);
  const latest = totals.at(-1);
  const { progress } = m;
  const H = `h${level + 1}` as 'h3' | 'h6';
  const broken = m.values.some((v) => v.breakdown_id !== null);

  return (
    <section id={id} aria-labelledby={`${id}-title`} className="management-indicator">
      <H id={`${id}-title`}>
        <bdi>{m.name}</bdi>
      </H>
      <dl className="core-facts">
        <dt>{t('monitoring.management.source')}</dt>
        <dd>
          {m.source ? <bdi>{m.source}</bdi> : t('monitoring.management.noSource')}
          {m.sourceKind ? <span className="meta"> ({t(`monitoring.sources.kinds.${m.sourceKind}`)})</span> : null}
        </dd>
        <dt>{t('monitoring.fields.direction')}</dt>
        <dd>
          {t(`monitoring.progress.direction.${m.direction}`)}
          {m.unit ? ` · ${t('monitoring.fields.unit')}: ${m.unit}` : ''}
        </dd>
        <dt>{t('monitoring.management.breakdowns')}</dt>
        {m.dimensions.length === 0 ? <dd>{t('monitoring.management.noBreakdown')}</dd> : null}
        {m.dimensions.map((d) => (
          <dd key={d.id}>
            <bdi>{d.name}</bdi>
            {d.values.length > 0 ? ': ' : null}
            {d.values.map((v, i) => (
              <span key={v}>
                {i > 0 ? ', ' : null}
                <bdi>{v}</bdi>
              </span>
            ))}
          </dd>
        ))}
      </dl>
      <p>
        <ProgressBadge status={progress.status} words={words} />{' '}
        {progress.target && latest
          ? t(`monitoring.progress.explain.${progress.expected === null ? progress.status : 'course'}`, {
              latest: amount(latest.value),
              period: label(latest),
              expected: progress.expected === null ? '' : amount(progress.expected),
              target: amount(progress.target.value),
              year: progress.target.dueYear,
            })
          : null}{' '}
        {broken ? t('monitoring.management.progressOfTotal') : null}
      </p>
      {m.targets.length === 0 ? (
        <p>{t('monitoring.progress.noTargets')}</p>
      ) : (
        <TableScroll label={t('monitoring.management.targetsCaption', { name: m.name })}>
          <table className="results-table">
            <caption>{t('monitoring.management.targetsCaption', { name: m.name })}</caption>
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
              {m.targets.map((tg) => (
                <tr key={tg.id}>
                  <th scope="row">{tg.due_year}</th>
                  <td>{amount(tg.value)}</td>
                  {targetAction ? (
                    <td>
                      {targetAction(
                        tg.id,
                        t('monitoring.management.removeTarget', { year: tg.due_year, name: m.name }),
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {m.values.length === 0 ? (
        <p>{t('monitoring.values.none')}</p>
      ) : (
        <>
          {totals.length > 0 || !broken ? (
            <div className="value-pair">
              <ValueChart
                points={totals.map((v) => ({ label: label(v), value: v.value }))}
                target={
                  progress.target
                    ? {
                        value: progress.target.value,
                        label: t('monitoring.progress.chartTarget', { year: progress.target.dueYear }),
                      }
                    : undefined
                }
                summary={t('monitoring.values.chartSummary', {
                  description: m.name,
                  count: totals.length,
                  first: totals[0] ? label(totals[0]) : '',
                  last: totals.at(-1) ? label(totals.at(-1)!) : '',
                })}
                rtl={rtl}
              />
              <FigureTable
                caption={t('monitoring.management.caption', { name: m.name })}
                rows={totals}
                label={label}
                amount={amount}
                valueAction={valueAction}
              />
            </div>
          ) : null}
          {m.dimensions
            .filter((d) => m.values.some((v) => v.breakdown_id === d.id))
            .map((d) => {
              const own = m.values.filter((v) => v.breakdown_id === d.id);
              const periods = [...new Map(own.map((v) => [`${v.period_kind}|${v.period_start}`, v])).values()];
              const shown = [...totals, ...own].map((v) => v.value);
              const find = (p: (typeof own)[number], dimension: string | null, column: string) =>
                m.values.find(
                  (v) =>
                    v.period_kind === p.period_kind &&
                    v.period_start === p.period_start &&
                    v.breakdown_id === dimension &&
                    v.breakdown_value === column,
                )?.value ?? null;
              const title = t('monitoring.management.dimensionCaption', { name: m.name, dimension: d.name });
              return (
                <section key={d.id} aria-label={title} className="value-pair">
                  <BarChartFigure
                    rows={periods.map((p) => ({
                      label: label(p),
                      total: find(p, null, ''),
                      ...Object.fromEntries(d.columns.map((column, i) => [`b${i}`, find(p, d.id, column)])),
                    }))}
                    series={[
                      { key: 'total', name: t('monitoring.management.total') },
                      ...d.columns.map((value, i) => ({ key: `b${i}`, name: value })),
                    ]}
                    domain={[Math.min(0, ...shown), Math.max(0, ...shown)]}
                    summary={t('monitoring.management.chartSummary', { name: m.name, breakdown: d.name })}
                    rtl={rtl}
                  />
                  <FigureTable
                    caption={title}
                    rows={own}
                    label={label}
                    amount={amount}
                    valueAction={valueAction}
                    valueHeading={d.name}
                  />
                </section>
              );
            })}
        </>
      )}

      {children}
    </section>
  );
}

/** The figures of the total or of one dimension: period, (the dimension's value), figure, source, note. */
function FigureTable({
  caption,
  rows,
  label,
  amount,
  valueAction,
  valueHeading,
}: {
  caption: string;
  rows: ManagementIndicator['values'];
  label: (v: ManagementIndicator['values'][number]) => string;
  amount: (value: number) => string;
  valueAction?: Props['valueAction'];
  /** The dimension's name, heading the column of its values; none for the total. */
  valueHeading?: string;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption}>
      <table className="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.fields.period')}</th>
            {valueHeading !== undefined ? (
              <th scope="col">
                <bdi>{valueHeading}</bdi>
              </th>
            ) : null}
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
          {rows.map((v) => {
            const what = v.breakdown_value || t('monitoring.management.total');
            return (
              <tr key={v.id}>
                <th scope="row">{label(v)}</th>
                {valueHeading !== undefined ? (
                  <td>
                    <bdi>{v.breakdown_value}</bdi>
                  </td>
                ) : null}
                <td>{amount(v.value)}</td>
                <td>
                  {v.source === 'import'
                    ? t('monitoring.source.import', { file: v.file_name ?? '' })
                    : t('monitoring.source.manual')}
                </td>
                <td dir="auto">{v.note}</td>
                {valueAction ? <td>{valueAction(v.id, `${label(v)} ${what}`)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
