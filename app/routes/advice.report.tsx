import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/i18n/format';
import { indicatorNames } from '~/indicators/framework';
import { PrintButton } from '~/advice/components/PrintButton';
import { listIndicators } from '~/indicators/queries.server';
import { sanitizeRichText } from '~/advice/sanitize.server';
import { filtersToQuery } from '~/advice/filters';
import { parseRegisterFilters } from '~/advice/schema.server';
import { loadRegisterExport } from '~/advice/register.server';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.report.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

/** The selection as a report for a council: the print stylesheet turns it into a clean PDF. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const filters = parseRegisterFilters(new URL(request.url).searchParams);
  const [rows, indicators] = await withUser(user, (tx) =>
    Promise.all([loadRegisterExport(tx, user, filters, 500), listIndicators(tx)]),
  );
  return json({
    query: filtersToQuery(filters),
    generatedAt: new Date().toISOString(),
    indicators,
    rows: rows.map((r) => ({ ...r, insight: sanitizeRichText(r.insight) })),
  });
}

export default function Report() {
  const { t, i18n } = useTranslation();
  const { rows, indicators, generatedAt, query } = useLoaderData<typeof loader>();
  const names = indicatorNames(indicators, i18n.language);
  return (
    <article aria-labelledby="report-title" className="report">
      <p className="no-print">
        <Link to={`/advice?${query}`}>{t('advice.detail.back')}</Link> <PrintButton />
      </p>
      <h1 id="report-title">{t('advice.report.title')}</h1>
      <p className="meta">
        {t('advice.report.generated', { date: formatDate(generatedAt, i18n.language) })} ·{' '}
        {t('advice.report.count', { count: rows.length })}
      </p>
      {rows.map((row) => (
        <section key={row.id} className="report-item" aria-labelledby={`r-${row.id}`}>
          <h2 dir="auto" id={`r-${row.id}`}>
            {row.title}
          </h2>
          <p className="meta">
            {t(`advice.status.${row.status}`)} · {t(`advice.processPart.${row.process_part}`)} ·{' '}
            <bdi>{row.indicator_codes.map((c) => names.get(c)).join(', ')}</bdi>
            {row.published_at ? ` · ${formatDate(row.published_at, i18n.language)}` : ''}
          </p>
          <h3>{t('advice.detail.insight')}</h3>
          {/* Sanitised on the server just above. */}
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: row.insight }} />
          <h3>{t('advice.detail.opportunities')}</h3>
          <ul>
            {row.opportunities.map((o, i) => (
              <li dir="auto" key={i}>
                {o}
              </li>
            ))}
          </ul>
          {row.golden_tips.length > 0 ? (
            <>
              <h3>{t('advice.detail.goldenTips')}</h3>
              <ul>
                {row.golden_tips.map((tip, i) => (
                  <li dir="auto" key={i}>
                    {tip}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {row.latest_decision ? (
            <p>
              <strong>{t('advice.fields.latestResponse')}:</strong> {t(`advice.decision.${row.latest_decision}`)}
              {row.latest_explanation ? (
                <>
                  {' — '}
                  <bdi>{row.latest_explanation}</bdi>
                </>
              ) : null}
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}
