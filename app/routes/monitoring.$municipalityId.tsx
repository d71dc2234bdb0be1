import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireMonitoring } from '~/monitoring/access.server';
import {
  amountOf,
  ProgressBadge,
  ProgressCounts,
  useProgressWords,
  type ProgressWords,
} from '~/monitoring/components/ProgressBadge';
import { periodLabel } from '~/monitoring/periods';
import { loadMonitoringOverview, readsSeveralMunicipalities } from '~/monitoring/queries.server';
import { storedTitle } from '~/ui/meta';
import { formatNumber } from '~/i18n/format';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/**
 * A municipality's monitoring as a scorecard: its goal tree with, per output, a table of its core
 * indicators (the latest figure, the target, progress and how much advice concerns it), read-only.
 * Everything else about a core indicator (why its progress is what it is, figures over time, data
 * source, linked indicators, comparison, experience data, the advice itself, its management indicators)
 * is one link away on its own page (`monitoring.$municipalityId_.indicator.$coreId`), where it is also
 * kept. At 66 core indicators a description list with all of that per core indicator cost 66–72 ms of
 * CPU per view (docs/benchmarks/2026-12-06-monitoring-7.md, -8.md).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const [monitoring, choosesOther] = await withUser(user, (tx) =>
    Promise.all([loadMonitoringOverview(tx, access.id, locale), readsSeveralMunicipalities(tx)]),
  );
  return json({ municipality: access, monitoring, choosesOther });
}

export default function MonitoringPage() {
  const { t } = useTranslation();
  const { municipality, monitoring, choosesOther } = useLoaderData<typeof loader>();
  const cores = monitoring.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
  // What each of the ~60 rows repeats, asked of i18next once for the page rather than per row: ~1,100
  // translations per view were a good part of its rendering (docs/benchmarks/2026-12-06-monitoring-6.md).
  const words: ScorecardWords = {
    progress: useProgressWords(),
    noFigure: t('monitoring.values.none'),
    noTarget: t('monitoring.progress.noTargets'),
  };
  const columns = [
    t('monitoring.scorecard.core'),
    t('monitoring.scorecard.latest'),
    t('monitoring.fields.target'),
    t('monitoring.scorecard.progress'),
    t('monitoring.scorecard.advice'),
  ];

  return (
    <article aria-labelledby="monitoring-title" className="monitoring">
      <h1 id="monitoring-title">{t('monitoring.title', { municipality: municipality.name })}</h1>
      <p>{t('monitoring.lead')}</p>
      <nav aria-label={t('monitoring.tools')} className="monitoring-tools no-print">
        {municipality.writes ? <Link to="import">{t('monitoring.import.link')}</Link> : null}
        <a href={`/monitoring/${municipality.id}/export.csv`} download>
          {t('monitoring.export.link')}
        </a>
        <Link to="print">{t('monitoring.print.link')}</Link>
        <Link to="sources">{t('monitoring.sources.link')}</Link>
        {choosesOther ? <Link to="/monitoring">{t('monitoring.otherMunicipality')}</Link> : null}
      </nav>
      {monitoring.goals.length === 0 ? (
        <p>
          {t('monitoring.noTree')} <Link to={`/goals?municipality=${municipality.id}`}>{t('monitoring.toGoals')}</Link>
        </p>
      ) : null}

      {monitoring.goals.map((goal) => (
        <section key={goal.id} aria-labelledby={`goal-${goal.id}`} className="monitoring-goal">
          <h2 id={`goal-${goal.id}`}>
            <span className="meta">{t('advice.goals.goal')}:</span> {goal.title}
          </h2>
          <ProgressCounts
            counts={goal.progress}
            label={t('monitoring.progress.goalSummary', { goal: goal.title })}
            words={words.progress}
          />
          {goal.advice.length > 0 ? (
            <p>
              {t('monitoring.progress.goalAdvice')}{' '}
              {goal.advice.map((a, index) => (
                <span key={a.id}>
                  {index > 0 ? ', ' : null}
                  <Link to={`/advice/${a.id}`}>
                    <bdi>{a.title}</bdi>
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
          {goal.outputs.map((output) => (
            <section key={output.id} aria-labelledby={`output-${output.id}`}>
              <h3 id={`output-${output.id}`}>
                <span className="meta">{t('advice.goals.output')}:</span> {output.title}
              </h3>
              {output.description ? <p dir="auto">{output.description}</p> : null}
              {output.coreIndicators.length > 0 ? (
                <TableScroll label={t('monitoring.scorecard.caption', { output: output.title })}>
                  <table className="data-table scorecard" aria-labelledby={`output-${output.id}`}>
                    <thead>
                      <tr>
                        {columns.map((column) => (
                          <th key={column} scope="col">
                            {column}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {output.coreIndicators.map((core) => (
                        <ScorecardRow key={core.id} core={core} words={words} />
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              ) : null}
            </section>
          ))}
        </section>
      ))}
      {cores.length > 0 && !municipality.writes ? <p className="hint">{t('monitoring.readOnly')}</p> : null}
    </article>
  );
}

type Core = SerializeFrom<typeof loader>['monitoring']['goals'][number]['outputs'][number]['coreIndicators'][number];

interface ScorecardWords {
  progress: ProgressWords;
  noFigure: string;
  noTarget: string;
}

/** One core indicator's row: its description leads to its own page. */
function ScorecardRow({ core, words }: { core: Core; words: ScorecardWords }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <tr id={`core-${core.id}`}>
      <th scope="row" dir="auto">
        <Link to={`indicator/${core.id}`}>{core.description}</Link>
      </th>
      <td>
        {core.latest
          ? `${amountOf(core.latest.value, core.unit, locale)} (${periodLabel(core.latest.period_kind, core.latest.period_start, locale, t)})`
          : words.noFigure}
      </td>
      <td>
        {core.progress.target
          ? t('monitoring.scorecard.targetIn', {
              target: amountOf(core.progress.target.value, core.unit, locale),
              year: core.progress.target.dueYear,
            })
          : words.noTarget}
      </td>
      <td>
        <ProgressBadge status={core.progress.status} words={words.progress} />
      </td>
      <td>{formatNumber(core.adviceCount, locale)}</td>
    </tr>
  );
}
