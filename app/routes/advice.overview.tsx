import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_CODES, indicatorNames } from '~/indicators/framework';
import { regionIndicatorMatrix, responseRates } from '~/advice/overview.server';
import { listIndicators } from '~/indicators/queries.server';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { listRegions } from '~/places/queries.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.overview.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

/** Region × indicator counts and response rates, over the advice this person may read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const data = await withUser(user, async (tx) => {
    const [cells, rates, indicators, regions] = await Promise.all([
      regionIndicatorMatrix(tx),
      responseRates(tx),
      listIndicators(tx),
      listRegions(tx),
    ]);
    return { cells, rates, indicators, regions };
  });
  return json(data);
}

export default function Overview() {
  const { t, i18n } = useTranslation();
  const { cells, rates, indicators, regions } = useLoaderData<typeof loader>();
  const names = indicatorNames(indicators, i18n.language);
  const count = (region: string, code: string) => cells.find((c) => c.region_id === region && c.code === code)?.n ?? 0;
  return (
    <article aria-labelledby="overview-title">
      <p>
        <Link to="/advice">{t('advice.detail.back')}</Link>
      </p>
      <h1 id="overview-title">{t('advice.overview.title')}</h1>
      <section aria-labelledby="matrix-title">
        <h2 id="matrix-title">{t('advice.overview.matrix')}</h2>
        <div className="table-scroll" tabIndex={0} aria-labelledby="matrix-title">
          <table className="matrix">
            <caption>{t('advice.overview.matrixCaption')}</caption>
            <thead>
              <tr>
                <td />
                {INDICATOR_CODES.map((code) => (
                  <th key={code} scope="col">
                    {names.get(code)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {regions.map((region) => (
                <tr key={region.id}>
                  <th dir="auto" scope="row">
                    {region.name}
                  </th>
                  {INDICATOR_CODES.map((code) => {
                    const n = count(region.id, code);
                    return (
                      <td key={code}>
                        {n > 0 ? (
                          <Link
                            to={`/advice?region=${region.id}&indicator=${code}`}
                            aria-label={t('advice.overview.cellLabel', {
                              count: n,
                              region: region.name,
                              indicator: names.get(code),
                            })}
                          >
                            {n}
                          </Link>
                        ) : (
                          0
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="rates-title">
        <h2 id="rates-title">{t('advice.overview.rates')}</h2>
        {rates.length === 0 ? (
          <p>{t('advice.overview.noData')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} aria-labelledby="rates-title">
            <table className="matrix">
              <caption>{t('advice.overview.ratesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('advice.fields.municipality')}</th>
                  <th scope="col">{t('advice.overview.addressed')}</th>
                  <th scope="col">{t('advice.overview.answered')}</th>
                  <th scope="col">{t('advice.overview.rate')}</th>
                  <th scope="col">{t('advice.overview.median')}</th>
                </tr>
              </thead>
              <tbody>
                {rates.map((r) => (
                  <tr key={r.municipality_id}>
                    <th scope="row">
                      <Link dir="auto" to={`/advice?municipality=${r.municipality_id}`}>
                        {r.municipality}
                      </Link>
                    </th>
                    <td>{r.addressed}</td>
                    <td>{r.answered}</td>
                    <td>{Math.round((100 * r.answered) / r.addressed)}%</td>
                    <td>{r.median_days ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
