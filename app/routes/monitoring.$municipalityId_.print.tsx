import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PrintButton } from '~/advice/components/PrintButton';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { requireMonitoring } from '~/monitoring/access.server';
import { CoreIndicatorFigures } from '~/monitoring/components/CoreIndicatorFigures';
import { ManagementIndicators } from '~/monitoring/components/ManagementIndicators';
import { ProgressCounts, useProgressWords } from '~/monitoring/components/ProgressBadge';
import { periodLabel } from '~/monitoring/periods';
import { loadReport, reportPeriod } from '~/monitoring/report.server';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring', 'questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/**
 * The monitoring report for the council: the monitoring as it stood at the end of a period (`?period=`;
 * without one, as it stands now), without forms; the print stylesheet makes it an A4 document. A
 * period that is not one is a 400 with the form again, showing what was typed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const rtl = direction(locale) === 'rtl';
  const generatedAt = new Date().toISOString();
  const chosen = reportPeriod(new URL(request.url));
  if (!chosen.ok) {
    return json(
      { municipality, rtl, generatedAt, period: null, report: null, errors: chosen.errors, typed: chosen.values },
      { status: 400 },
    );
  }
  const report = await withUser(user, (tx) => loadReport(tx, municipality.id, locale, chosen.period));
  return json({
    municipality,
    rtl,
    generatedAt,
    period: chosen.period,
    report,
    errors: {} as FieldErrors,
    typed: {} as Record<string, string>,
  });
}

export default function MonitoringReport() {
  const { t, i18n } = useTranslation();
  const words = useProgressWords();
  const { municipality, rtl, generatedAt, period, report, errors, typed } = useLoaderData<typeof loader>();
  const title = t('monitoring.report.title', { municipality: municipality.name });
  const asOf = period
    ? t('monitoring.report.asOf', { period: periodLabel(period.kind, period.start, i18n.language, t) })
    : t('monitoring.report.now');
  return (
    <article aria-labelledby="print-title" className="report monitoring-report">
      <nav aria-label={t('monitoring.tools')} className="no-print monitoring-tools">
        <Link to={`/monitoring/${municipality.id}`}>
          ← {t('monitoring.title', { municipality: municipality.name })}
        </Link>
        {report ? (
          <>
            <PrintButton />
            <a
              href={`/monitoring/${municipality.id}/report.csv${period ? `?period=${encodeURIComponent(period.code)}` : ''}`}
              download
            >
              {t('monitoring.report.csv')}
            </a>
          </>
        ) : null}
      </nav>
      <h1 dir="auto" id="print-title">
        {title}
      </h1>
      <Form method="get" className="inline-fields no-print" aria-label={t('monitoring.report.choose')}>
        <Field
          name="period"
          label={t('monitoring.fields.period')}
          hint={t('monitoring.report.periodHint')}
          error={errors.period}
          defaultValue={typed.period ?? period?.code ?? ''}
          dir="ltr"
        />
        <button type="submit">{t('monitoring.report.show')}</button>
      </Form>
      {report ? (
        <>
          <p className="meta">
            {asOf} · {t('monitoring.print.generated', { date: formatDate(generatedAt, i18n.language) })}
          </p>
          <p>{t('monitoring.report.lead')}</p>
          {report.goals.length === 0 ? <p>{t('monitoring.report.noTree')}</p> : null}
          {report.goals.map((goal) => (
            <section key={goal.id} aria-labelledby={`goal-${goal.id}`}>
              <h2 id={`goal-${goal.id}`}>
                {t('advice.goals.goal')}: <bdi>{goal.title}</bdi>
              </h2>
              <ProgressCounts
                counts={goal.progress}
                label={t('monitoring.progress.goalSummary', { goal: goal.title })}
                words={words}
              />
              {goal.outputs.map((output) => (
                <section key={output.id} aria-labelledby={`output-${output.id}`}>
                  <h3 id={`output-${output.id}`}>
                    {t('advice.goals.output')}: <bdi>{output.title}</bdi>
                  </h3>
                  {output.description ? <p dir="auto">{output.description}</p> : null}
                  {output.coreIndicators.map((core) => (
                    <section key={core.id} aria-labelledby={`core-${core.id}-title`} className="report-item">
                      <h4 id={`core-${core.id}-title`}>
                        <bdi>{core.description}</bdi>
                      </h4>
                      <p className="meta">
                        {t('advice.goals.dataSource')}: <bdi>{core.dataSource || '–'}</bdi> ·{' '}
                        {t('monitoring.linked.title')}:{' '}
                        <bdi>{core.indicators.map((i) => i.name).join(', ') || t('monitoring.linked.none')}</bdi>
                      </p>
                      <CoreIndicatorFigures core={core} months={report.months} rtl={rtl} level={5} />
                      <ManagementIndicators core={core} rtl={rtl} level={5} />
                    </section>
                  ))}
                </section>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </article>
  );
}
