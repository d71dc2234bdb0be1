import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { formatScore } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { useLocale } from '~/i18n/useLocale';
import { requireId } from '~/input/params.server';
import { readQuery } from '~/input/request.server';
import { ResultTable } from '~/questionnaires/components/ResultTable';
import { BarChartFigure } from '~/ui/BarChartFigure';
import { HiddenCell, HiddenFiguresNote } from '~/ui/HiddenFigure';
import { loadResults, seesQuestionnaireResults } from '~/questionnaires/results.server';
import { resultFiltersSchema } from '~/questionnaires/schema.server';
import { PlaceFilter } from '~/places/components/PlaceFilter';
import { loadPlaceFilter, municipalityNames } from '~/places/queries.server';
import { SelectField } from '~/ui/SelectField';
import { storedTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'questionnaires', 'signals');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.results.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const locale = await detectLocale(request);
  const filters = readQuery(request, resultFiltersSchema);
  const data = await withUser(user, async (tx) => {
    if (!(await seesQuestionnaireResults(tx, id))) return 'forbidden' as const;
    const [results, place] = await Promise.all([
      loadResults(tx, id, filters, locale),
      loadPlaceFilter(tx, { regionId: filters.region, municipalityId: filters.municipality }),
    ]);
    return results ? { results, place, placeNames: await municipalityNames(tx, results.placeKeys) } : null;
  });
  if (data === 'forbidden') throw forbidden();
  if (!data) throw notFound();
  return json({ ...data, filters, rtl: direction(locale) === 'rtl' });
}

const HIDDEN_NOTE = 'hidden-figures-note';

export default function QuestionnaireResults() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { results, place, placeNames, filters, rtl } = useLoaderData<typeof loader>();
  const placeName = (key: string) => placeNames[key] ?? t('results.unknownPlace');
  const one = [{ key: 'all', name: t('results.mean') }];
  const waveColumns = results.waves.map((w) => ({ key: w.id, name: w.name }));
  const placeColumns = results.placeKeys.map((k) => ({ key: k, name: placeName(k) }));
  const chartRows = (
    rows: { label: string; cells: Record<string, { mean: number | null } | undefined> }[],
    keys: string[],
  ) => rows.map((r) => ({ label: r.label, ...Object.fromEntries(keys.map((k) => [k, r.cells[k]?.mean ?? null])) }));
  const domainRows = results.domains.map((d) => ({ ...d, label: t(`advice.domain.${d.key}`) }));
  const placeRows = results.byPlace.map((d) => ({ ...d, label: t(`advice.domain.${d.key}`) }));
  const empty = results.indicators.every((r) => !r.cells.all);

  return (
    <article aria-labelledby="results-title" className="results">
      <p>
        <Link to="/questionnaires">← {t('questionnaires.title')}</Link>
      </p>
      <h1 id="results-title">{t('results.title', { title: results.title })}</h1>
      <p>{t('results.intro')}</p>
      <Form method="get" className="filters" aria-label={t('results.filters')}>
        <SelectField id="filter-wave" label={t('results.wave')} name="wave" defaultValue={filters.wave ?? ''}>
          <option value="">{t('results.allWaves')}</option>
          {results.waves.map((w) => (
            <option dir="auto" key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <PlaceFilter
          place={place}
          regionId={filters.region}
          names={{ region: 'region', municipality: 'municipality' }}
        />
        <button type="submit">{t('results.apply')}</button>
      </Form>
      <HiddenFiguresNote id={HIDDEN_NOTE} />
      {empty ? <p role="status">{t('results.noData')}</p> : null}

      <section aria-labelledby="per-indicator-title" className="result-block">
        <h2 id="per-indicator-title">{t('results.perIndicator')}</h2>
        <BarChartFigure
          rows={chartRows(results.indicators, ['all'])}
          series={one}
          summary={t('results.chartOf', { what: t('results.perIndicator') })}
          rtl={rtl}
        />
        <ResultTable
          caption={t('results.perIndicator')}
          rowHeader={t('results.indicator')}
          columns={one}
          rows={results.indicators}
          hiddenNoteId={HIDDEN_NOTE}
        />
      </section>

      <section aria-labelledby="per-domain-title" className="result-block">
        <h2 id="per-domain-title">{t('results.perDomain')}</h2>
        <BarChartFigure
          rows={chartRows(domainRows, ['all'])}
          series={one}
          summary={t('results.chartOf', { what: t('results.perDomain') })}
          rtl={rtl}
        />
        <ResultTable
          caption={t('results.perDomain')}
          rowHeader={t('results.domain')}
          columns={one}
          rows={domainRows}
          hiddenNoteId={HIDDEN_NOTE}
        />
      </section>

      {waveColumns.length > 1 ? (
        <section aria-labelledby="per-wave-title" className="result-block">
          <h2 id="per-wave-title">{t('results.perWave')}</h2>
          <BarChartFigure
            rows={chartRows(
              results.byWave,
              waveColumns.map((c) => c.key),
            )}
            series={waveColumns}
            summary={t('results.chartOf', { what: t('results.perWave') })}
            rtl={rtl}
          />
          <ResultTable
            caption={t('results.perWave')}
            rowHeader={t('results.indicator')}
            columns={waveColumns}
            rows={results.byWave}
            hiddenNoteId={HIDDEN_NOTE}
          />
        </section>
      ) : null}

      {placeColumns.length > 0 ? (
        <section aria-labelledby="per-place-title" className="result-block">
          <h2 id="per-place-title">{t('results.perPlace')}</h2>
          <ResultTable
            caption={t('results.perPlace')}
            rowHeader={t('results.domain')}
            columns={placeColumns}
            rows={placeRows}
            hiddenNoteId={HIDDEN_NOTE}
          />
        </section>
      ) : null}

      <section aria-labelledby="per-question-title" className="result-block">
        <h2 id="per-question-title">{t('results.perQuestion')}</h2>
        <TableScroll label={t('results.perQuestion')}>
          <table className="results-table">
            <caption>{t('results.perQuestion')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.question')}</th>
                <th scope="col">{t('results.indicator')}</th>
                <th scope="col">{t('results.respondents')}</th>
                <th scope="col">{t('results.mean')}</th>
                <th scope="col">{t('results.distribution')}</th>
              </tr>
            </thead>
            <tbody>
              {results.questions.map((q) => (
                <tr key={q.key}>
                  <th dir="auto" scope="row">
                    {q.label}
                  </th>
                  <td dir="auto">{q.indicator}</td>
                  {q.respondents === undefined ? (
                    <td colSpan={3}>–</td>
                  ) : q.hidden ? (
                    <HiddenCell hidden={q.hidden} noteId={HIDDEN_NOTE} colSpan={3} />
                  ) : (
                    <>
                      <td>{q.respondents}</td>
                      <td>{q.mean == null ? '–' : formatScore(q.mean, locale)}</td>
                      <td>
                        {q.counts
                          ? (q.kind === 'scale'
                              ? ['1', '2', '3', '4', '5'].map((v) => ({ id: v, label: v }))
                              : q.options
                            )
                              .map((o) => `${o.label}: ${q.counts?.[o.id] ?? 0}`)
                              .join(' · ')
                          : '–'}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </article>
  );
}
