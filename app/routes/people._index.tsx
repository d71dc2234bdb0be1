import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { forbidden } from '~/http.server';
import { readQuery } from '~/input/request.server';
import { indicatorNames } from '~/indicators/framework';
import { listIndicators } from '~/indicators/queries.server';
import { listSearchablePools, MEMBERS_EXPORT_LIMIT, searchMembersPage } from '~/people/directory.server';
import { PROFILE_LANGUAGES, WEEKDAY_PARTS } from '~/people/profile-options';
import { memberSearchSchema } from '~/people/schema.server';
import { PlaceFilter } from '~/places/components/PlaceFilter';
import { loadPlaceFilter } from '~/places/queries.server';
import { pageTitle } from '~/ui/meta';
import { SelectField } from '~/ui/SelectField';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.search.title');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = readQuery(request, memberSearchSchema);
  const data = await withUser(user, async (tx) => {
    const pools = await listSearchablePools(tx);
    if (pools.length === 0) throw forbidden();
    const [results, indicators, place] = await Promise.all([
      searchMembersPage(tx, filters),
      listIndicators(tx),
      loadPlaceFilter(tx, filters),
    ]);
    return { pools, results, indicators, place };
  });
  // The filters as applied (malformed ones dropped), for the form, the pages and the CSV link.
  const applied: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && key !== 'page') applied[key] = String(value);
  return json({ ...data, filters: applied, exportLimit: MEMBERS_EXPORT_LIMIT });
}

export default function MemberSearch() {
  const { t, i18n } = useTranslation();
  const { pools, results, place, indicators, filters, exportLimit } = useLoaderData<typeof loader>();
  const { members, total, page, pages, perPage } = results;
  const names = indicatorNames(indicators, i18n.language);
  const part = (slot: string) => {
    const [day, dayPart] = slot.split('_');
    return `${t(`people.days.${day}`)} ${t(`people.dayParts.${dayPart}`)}`;
  };
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <SelectField id={`search-${name}`} name={name} label={label} defaultValue={filters[name] ?? ''}>
      <option value="">{t('people.search.any')}</option>
      {options.map((o) => (
        <option dir="auto" key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  const query = new URLSearchParams(filters).toString();
  const pageHref = (to: number) => `?${new URLSearchParams({ ...filters, page: String(to) })}`;
  const first = (page - 1) * perPage + 1;
  return (
    <article aria-labelledby="search-title">
      <h1 id="search-title">{t('people.search.title')}</h1>
      <p>{t('people.search.intro')}</p>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="search-q">{t('people.search.name')}</label>
          <input id="search-q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        {select(
          'poolId',
          t('people.search.pool'),
          pools.map((p) => ({ value: p.id, label: p.name })),
        )}
        <PlaceFilter
          place={place}
          regionId={filters.regionId}
          ids={{ region: 'search-regionId', municipality: 'search-municipalityId' }}
        />
        {select(
          'language',
          t('people.search.language'),
          PROFILE_LANGUAGES.map((code) => ({ value: code, label: t(`people.languageNames.${code}`) })),
        )}
        {select(
          'theme',
          t('people.search.theme'),
          indicators.map((i) => ({ value: i.code, label: names.get(i.code)! })),
        )}
        {select(
          'availability',
          t('people.search.availability'),
          WEEKDAY_PARTS.map((slot) => ({ value: slot, label: part(slot) })),
        )}
        <button type="submit">{t('people.search.submit')}</button>
      </Form>
      <p role="status">
        {t('people.search.results', { count: total })}
        {pages > 1 ? ` ${t('people.search.shown', { first, last: first + members.length - 1 })}` : null}
      </p>
      <p>
        {total > exportLimit ? (
          t('people.search.exportTooMany', { count: exportLimit })
        ) : (
          <a href={`/people/export.csv${query ? `?${query}` : ''}`} download>
            {t('people.search.export')}
          </a>
        )}
      </p>
      <TableScroll label={t('people.search.title')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('people.search.name')}</th>
              <th scope="col">{t('people.search.pool')}</th>
              <th scope="col">{t('people.search.municipality')}</th>
              <th scope="col">{t('people.search.arrival')}</th>
              <th scope="col">{t('people.search.language')}</th>
              <th scope="col">{t('people.search.theme')}</th>
              <th scope="col">{t('people.search.email')}</th>
              <th scope="col">{t('people.search.phone')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={`${m.pool_id}-${m.user_id}`}>
                <th dir="auto" scope="row">
                  {m.display_name}
                </th>
                <td dir="auto">{m.pool_name}</td>
                <td dir="auto">{m.municipality_name ?? ''}</td>
                <td>{m.arrival_year ?? ''}</td>
                <td>
                  {m.languages.map((code) => t(`people.languageNames.${code}`, { defaultValue: code })).join(', ')}
                </td>
                <td>{m.themes.map((code) => names.get(code) ?? code).join(', ')}</td>
                <td>{m.email ?? <span className="meta">{t('people.search.noContact')}</span>}</td>
                <td>{m.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 ? (
        <nav className="pager" aria-label={t('people.search.pages')}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t('people.search.previous')}</Link> : null}
          <span aria-current="page">{t('people.search.page', { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t('people.search.next')}</Link> : null}
        </nav>
      ) : null}
    </article>
  );
}
