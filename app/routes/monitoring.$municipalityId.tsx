import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdviceLinks } from '~/advice/components/AdviceLinks';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { SOURCE_KINDS } from '~/db/types';
import { detectLocale } from '~/i18n/locale.server';
import { requireMonitoring } from '~/monitoring/access.server';
import {
  amountOf,
  ProgressBadge,
  ProgressCounts,
  ProgressExplanation,
  useProgressWords,
} from '~/monitoring/components/ProgressBadge';
import { periodLabel } from '~/monitoring/periods';
import { loadMonitoringOverview, readsSeveralMunicipalities } from '~/monitoring/queries.server';
import { storedTitle } from '~/ui/meta';
import { formatNumber } from '~/i18n/format';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/**
 * A municipality's monitoring as a scorecard: its goal tree with, per core indicator, the latest
 * figure, the target, progress and the advice about it, read-only. Figures over time, comparison and
 * experience data are one link away on the core indicator's own page
 * (`monitoring.$municipalityId_.indicator.$coreId`), where it is also kept; its management indicators are
 * on theirs. At 60 core indicators all of that on one page cost ~600 ms of server time per view
 * (docs/benchmarks/2026-12-06-monitoring-4.md, -5.md).
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
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { municipality, monitoring, choosesOther } = useLoaderData<typeof loader>();
  const cores = monitoring.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
  // One link per core indicator to its own page, named for what the person does there; followed by
  // the core indicator's description in its accessible name, so each link says where it leads.
  const details = municipality.links
    ? t(municipality.writes ? 'monitoring.core.enter' : 'monitoring.core.edit')
    : t('monitoring.core.details');
  // What each of the ~60 core indicators repeats, asked of i18next once for the page rather than per
  // core indicator: ~1,100 translations per view were a good part of its rendering
  // (docs/benchmarks/2026-12-06-monitoring-6.md).
  const progressWords = useProgressWords();
  const words = {
    dataSource: t('advice.goals.dataSource'),
    linked: t('monitoring.linked.title'),
    noneLinked: t('monitoring.linked.none'),
    latest: t('monitoring.scorecard.latest'),
    noFigure: t('monitoring.values.none'),
    target: t('monitoring.fields.target'),
    noTarget: t('monitoring.progress.noTargets'),
    progress: t('monitoring.scorecard.progress'),
    advice: t('monitoring.advice.title'),
    noAdvice: t('monitoring.advice.none'),
  };
  const sourceKinds = new Map(SOURCE_KINDS.map((kind) => [kind, t(`monitoring.sources.kinds.${kind}`)]));

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
            words={progressWords}
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
            <section key={output.id} aria-labelledby={`output-${output.id}`} className="monitoring-output">
              <h3 id={`output-${output.id}`}>
                <span className="meta">{t('advice.goals.output')}:</span> {output.title}
              </h3>
              {output.description ? <p dir="auto">{output.description}</p> : null}
              {output.coreIndicators.map((core) => {
                const id = `core-${core.id}`;
                return (
                  <section key={core.id} id={id} aria-labelledby={`${id}-title`} className="monitoring-core">
                    <h4 dir="auto" id={`${id}-title`}>
                      {core.description}
                    </h4>
                    <dl className="core-facts">
                      <dt>{words.dataSource}</dt>
                      <dd>
                        {core.dataSource ? <bdi>{core.dataSource}</bdi> : '–'}
                        {core.sourceKind ? <span className="meta"> ({sourceKinds.get(core.sourceKind)})</span> : null}
                      </dd>
                      <dt>{words.linked}</dt>
                      <dd>
                        {core.indicators.length === 0 ? (
                          words.noneLinked
                        ) : (
                          <ul className="advice-badges">
                            {core.indicators.map((i) => (
                              <li key={i.code} className="badge">
                                {i.name}
                              </li>
                            ))}
                          </ul>
                        )}
                      </dd>
                      <dt>{words.latest}</dt>
                      <dd>
                        {core.latest
                          ? `${amountOf(core.latest.value, core.unit, locale)} (${periodLabel(core.latest.period_kind, core.latest.period_start, locale, t)})`
                          : words.noFigure}
                      </dd>
                      <dt>{words.target}</dt>
                      <dd>
                        {core.progress.target
                          ? t('monitoring.scorecard.targetIn', {
                              target: amountOf(core.progress.target.value, core.unit, locale),
                              year: core.progress.target.dueYear,
                            })
                          : words.noTarget}
                      </dd>
                      <dt>{words.progress}</dt>
                      <dd>
                        <ProgressBadge status={core.progress.status} words={progressWords} />{' '}
                        <ProgressExplanation progress={core.progress} latest={core.latest} unit={core.unit} />
                      </dd>
                      <dt>
                        {words.advice} ({formatNumber(core.advice.length, locale)})
                      </dt>
                      <dd>
                        {core.advice.length === 0 ? (
                          words.noAdvice
                        ) : (
                          <AdviceLinks advice={core.advice} className="monitoring-advice" />
                        )}
                      </dd>
                    </dl>
                    <p className="no-print">
                      <Link
                        to={`indicator/${core.id}`}
                        className="button secondary"
                        aria-label={`${details}: ${core.description}`}
                      >
                        {details}
                      </Link>
                    </p>

                    {/* The management indicators themselves, with their charts, live on their own page.
                        Here their progress, counted per status. */}
                    <p className="no-print">
                      <Link to={`management/${core.id}`}>
                        {t('monitoring.management.edit', { description: core.description })}
                      </Link>
                    </p>
                    {core.managementCount > 0 ? (
                      <ProgressCounts
                        counts={core.managementProgress}
                        label={t('monitoring.management.rollUp', { description: core.description })}
                        words={progressWords}
                      />
                    ) : null}
                  </section>
                );
              })}
            </section>
          ))}
        </section>
      ))}
      {cores.length > 0 && !municipality.writes ? <p className="hint">{t('monitoring.readOnly')}</p> : null}
    </article>
  );
}
