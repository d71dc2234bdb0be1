import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { formatMonth } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { useLocale } from '~/i18n/useLocale';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { readQuery } from '~/input/request.server';
import { PlaceFilter } from '~/places/components/PlaceFilter';
import { inboxHref } from '~/signals/filters';
import { signalFiltersSchema } from '~/signals/filters.server';
import { countsPerIndicatorMonth, lastMonths, risesThisMonth, similarGroups } from '~/signals/patterns.server';
import { loadPlaceFilter } from '~/places/queries.server';
import { BarChartFigure } from '~/ui/BarChartFigure';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('patterns.title');

export const handle = texts('questionnaires', 'signals');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await detectLocale(request);
  const { regionId, municipalityId } = readQuery(request, signalFiltersSchema);
  const place = { regionId, municipalityId };
  const months = lastMonths(new Date());
  const data = await withUser(user, async (tx) => {
    const [counts, groups, indicators, placeFilter] = await Promise.all([
      countsPerIndicatorMonth(tx, place, months),
      similarGroups(tx, place),
      listIndicatorOptions(tx, locale),
      loadPlaceFilter(tx, place),
    ]);
    return { counts, groups, indicators, placeFilter };
  });
  return json({ ...data, months, place, rises: risesThisMonth(data.counts, months), rtl: direction(locale) === 'rtl' });
}

/**
 * The tables and groups hold hundreds of links (every number leads to its signals), so they are plain
 * anchors: a Remix <Link> per number cost about a sixth of this page's server time, and a full page
 * load from a data table is no loss. Navigation links stay <Link>.
 */
export default function Patterns() {
  const { t } = useTranslation();
  const { counts, groups, indicators, placeFilter, months, place, rises, rtl } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const byCell = new Map(counts.map((c) => [`${c.indicator_code} ${c.month}`, c.n]));
  const count = (code: string, month: string) => byCell.get(`${code} ${month}`) ?? 0;
  const names = new Map(indicators.map((i) => [i.code, i.name]));
  const href = (indicator?: string, month?: string) => inboxHref({ indicator, month, ...place });
  const visible = indicators.filter((i) => counts.some((c) => c.indicator_code === i.code));
  const current = months[months.length - 1]!;
  return (
    <article aria-labelledby="patterns-title">
      <p>
        <Link to="/signals">← {t('signals.inboxTitle')}</Link>
      </p>
      <h1 id="patterns-title">{t('patterns.title')}</h1>
      <p>{t('patterns.intro')}</p>
      <Form method="get" className="filters" aria-label={t('signals.filters')}>
        <PlaceFilter place={placeFilter} regionId={place.regionId} />
        <button type="submit">{t('signals.apply')}</button>
      </Form>

      <section aria-labelledby="rose-title">
        <h2 id="rose-title">{t('patterns.rose')}</h2>
        <p>{t('patterns.roseIntro')}</p>
        {rises.length === 0 ? (
          <p>{t('patterns.roseNone')}</p>
        ) : (
          <>
            <BarChartFigure
              rows={rises.map((r) => ({ label: names.get(r.code) ?? r.code, now: r.thisMonth, before: r.average }))}
              series={[
                { key: 'now', name: t('patterns.thisMonth') },
                { key: 'before', name: t('patterns.before') },
              ]}
              summary={t('results.chartOf', { what: t('patterns.chartThisMonth') })}
              domain={[0, Math.max(1, ...rises.map((r) => Math.max(r.thisMonth, r.average)))]}
              rtl={rtl}
            />
            <TableScroll label={t('patterns.chartThisMonth')}>
              <table className="results-table">
                <caption>{t('patterns.chartThisMonth')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('patterns.indicator')}</th>
                    <th scope="col">{t('patterns.thisMonth')}</th>
                    <th scope="col">{t('patterns.before')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rises.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{names.get(r.code)}</th>
                      <td className="rise">
                        <a href={href(r.code, current)}>{r.thisMonth}</a>
                      </td>
                      <td>{r.average}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </section>

      <section aria-labelledby="per-indicator-title">
        <h2 id="per-indicator-title">{t('patterns.perIndicator')}</h2>
        <TableScroll label={t('patterns.perIndicatorCaption', { months: months.length })}>
          <table className="results-table pattern-table">
            <caption>{t('patterns.perIndicatorCaption', { months: months.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('patterns.indicator')}</th>
                {months.map((m) => (
                  <th key={m} scope="col">
                    <time dateTime={m}>{formatMonth(`${m}-01`, locale)}</time>
                  </th>
                ))}
                <th scope="col">{t('patterns.total')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((i) => (
                <tr key={i.code}>
                  <th dir="auto" scope="row">
                    {i.name}
                  </th>
                  {months.map((m) => {
                    const n = count(i.code, m);
                    return (
                      <td key={m}>
                        {n > 0 ? (
                          <a href={href(i.code, m)} aria-label={`${i.name}, ${m}: ${n}`}>
                            {n}
                          </a>
                        ) : (
                          0
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <a href={href(i.code)}>{months.reduce((sum, m) => sum + count(i.code, m), 0)}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="similar-title">
        <h2 id="similar-title">{t('patterns.similar')}</h2>
        <p>{t('patterns.similarIntro')}</p>
        {groups.length === 0 ? (
          <p>{t('patterns.similarNone')}</p>
        ) : (
          <ul className="similar-groups">
            {groups.map((group) => (
              <li key={group.id} className="card">
                <p lang={group.language} dir="auto">
                  {group.body}
                </p>
                <details>
                  <summary>{t('patterns.group', { count: group.members.length })}</summary>
                  <ul>
                    {group.members.map((s) => (
                      <li key={s.id}>
                        <a dir="auto" href={`/signals/${s.id}`}>
                          {s.reference}
                        </a>{' '}
                        · {s.received_on}
                        {s.municipality_name ? (
                          <>
                            {' '}
                            · <bdi>{s.municipality_name}</bdi>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
