import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PrintButton } from '~/advice/components/PrintButton';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { requireMonitoring } from '~/monitoring/access.server';
import { ManagementIndicators } from '~/monitoring/components/ManagementIndicators';
import { CoreIndicatorFigures } from '~/monitoring/components/CoreIndicatorFigures';
import { loadMonitoring } from '~/monitoring/queries.server';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring', 'questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/** The monitoring page without its forms, for the council: the print stylesheet makes it a clean PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const monitoring = await withUser(user, (tx) => loadMonitoring(tx, municipality.id, locale));
  return json({ municipality, monitoring, rtl: direction(locale) === 'rtl', generatedAt: new Date().toISOString() });
}

export default function MonitoringPrint() {
  const { t, i18n } = useTranslation();
  const { municipality, monitoring, rtl, generatedAt } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="print-title" className="report monitoring-report">
      <p className="no-print">
        <Link to={`/monitoring/${municipality.id}`}>
          ← {t('monitoring.title', { municipality: municipality.name })}
        </Link>{' '}
        <PrintButton />
      </p>
      <h1 id="print-title">{t('monitoring.title', { municipality: municipality.name })}</h1>
      <p className="meta">{t('monitoring.print.generated', { date: formatDate(generatedAt, i18n.language) })}</p>
      {monitoring.goals.map((goal) => (
        <section key={goal.id} aria-labelledby={`goal-${goal.id}`}>
          <h2 id={`goal-${goal.id}`}>
            {t('advice.goals.goal')}: <bdi>{goal.title}</bdi>
          </h2>
          {goal.outputs.map((output) => (
            <section key={output.id} aria-labelledby={`output-${output.id}`}>
              <h3 id={`output-${output.id}`}>
                {t('advice.goals.output')}: <bdi>{output.title}</bdi>
              </h3>
              {output.description ? <p>{output.description}</p> : null}
              {output.coreIndicators.map((core) => (
                <section key={core.id} aria-labelledby={`core-${core.id}-title`} className="report-item">
                  <h4 id={`core-${core.id}-title`}>{core.description}</h4>
                  <p className="meta">
                    {t('advice.goals.dataSource')}: <bdi>{core.dataSource || '–'}</bdi> · {t('monitoring.linked.title')}
                    : <bdi>{core.indicators.map((i) => i.name).join(', ') || t('monitoring.linked.none')}</bdi>
                  </p>
                  <CoreIndicatorFigures core={core} months={monitoring.months} rtl={rtl} level={5} />
                  <ManagementIndicators core={core} rtl={rtl} level={5} />
                </section>
              ))}
            </section>
          ))}
        </section>
      ))}
    </article>
  );
}
