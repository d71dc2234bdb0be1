import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/i18n/format';
import { TableScroll } from '~/ui/TableScroll';
import type { MonitoredCoreFigures } from '../queries.server';
import { periodLabel } from '../periods';

interface Props {
  core: MonitoredCoreFigures;
  /** Heading level of this section (the core indicator's own heading is one above). */
  level: 2 | 4 | 5;
}

/**
 * The municipality's figure beside the median and range of other municipalities in three groups,
 * each only as the database allows (at least 5, not singling a few out beside another group), and
 * the municipalities that made their figures public, by name.
 */
export function BenchmarkComparison({ core, level }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const H = `h${level}` as 'h2' | 'h4' | 'h5';
  const headingId = `core-${core.id}-benchmark`;
  const { comparison } = core;
  if (!core.benchmarkMeasure) return null;
  const amount = (value: number) =>
    `${formatNumber(value, locale)}${comparison?.measure.unit ? ` ${comparison.measure.unit}` : ''}`;
  return (
    <section aria-labelledby={headingId} className="monitoring-block">
      <H id={headingId}>{t('monitoring.benchmark.title')}</H>
      {!comparison ? (
        <p>{t('monitoring.benchmark.noOwnFigure', { measure: core.benchmarkMeasure.name })}</p>
      ) : (
        <>
          <p>{t('monitoring.benchmark.rule')}</p>
          <TableScroll
            label={t('monitoring.benchmark.caption', {
              measure: comparison.measure.name,
              period: periodLabel(comparison.period.kind, comparison.period.start, locale, t),
            })}
          >
            <table className="results-table">
              <caption>
                {t('monitoring.benchmark.caption', {
                  measure: comparison.measure.name,
                  period: periodLabel(comparison.period.kind, comparison.period.start, locale, t),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.benchmark.group')}</th>
                  <th scope="col">{t('monitoring.benchmark.municipalities')}</th>
                  <th scope="col">{t('monitoring.benchmark.median')}</th>
                  <th scope="col">{t('monitoring.benchmark.range')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('monitoring.benchmark.own')}</th>
                  <td>1</td>
                  <td>{amount(comparison.own)}</td>
                  <td />
                </tr>
                {comparison.groups.map((group) => (
                  <tr key={group.group}>
                    <th scope="row">{t(`monitoring.benchmark.groups.${group.group}`)}</th>
                    <td>{formatNumber(group.municipalities, locale)}</td>
                    {group.shown === 'shown' && group.median !== null && group.low !== null && group.high !== null ? (
                      <>
                        <td>{amount(group.median)}</td>
                        <td>
                          {amount(group.low)} – {amount(group.high)}
                        </td>
                      </>
                    ) : (
                      <td colSpan={2}>
                        {t(group.shown === 'hidden' ? 'monitoring.benchmark.hidden' : 'monitoring.benchmark.tooFew')}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {comparison.named.length > 0 ? (
            <table className="results-table">
              <caption>
                {t('monitoring.benchmark.namedCaption', {
                  measure: comparison.measure.name,
                  period: periodLabel(comparison.period.kind, comparison.period.start, locale, t),
                })}
              </caption>
              <tbody>
                {comparison.named.map((row) => (
                  <tr key={row.municipality}>
                    <th dir="auto" scope="row">
                      {row.municipality}
                    </th>
                    <td>{amount(row.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
