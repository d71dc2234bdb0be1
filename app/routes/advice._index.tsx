import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdviceList } from '~/advice/components/AdviceList';
import { indicatorNames } from '~/indicators/framework';
import { RegisterFilterForm } from '~/advice/components/RegisterFilterForm';
import { removeSavedSearch, saveSearch } from '~/advice/queries.server';
import { loadRegister } from '~/advice/register.server';
import { filtersToQuery } from '~/advice/filters';
import { parseRegisterFilters, savedSearchSchema } from '~/advice/schema.server';
import { getUser, requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.register.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

/** The register: what RLS lets this person read (anyone: public advice), searched and filtered. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const filters = parseRegisterFilters(new URL(request.url).searchParams);
  const register = await withUser(user, (tx) => loadRegister(tx, user, filters));
  return json({ filters, query: filtersToQuery(filters), signedIn: Boolean(user), ...register });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get('intent') === 'remove-search') {
    const id = requireId(String(formData.get('id') ?? ''));
    await withUser(user, (tx) => removeSavedSearch(tx, id));
    return redirect('/advice', { headers: await flash(request, 'advice.register.removedDone') });
  }
  const parsed = parseForm(savedSearchSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  // Store the filters re-parsed, so a saved search is always a valid selection.
  const query = filtersToQuery(parseRegisterFilters(new URLSearchParams(parsed.data.query)));
  await withUser(user, (tx) => saveSearch(tx, user.id, parsed.data.name, query));
  return redirect(`/advice?${query}`, { headers: await flash(request, 'advice.register.savedDone') });
}

export default function Register() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const names = indicatorNames(data.indicators, i18n.language);
  const { filters, query } = data;
  const pageLink = (page: number) => `/advice?${filtersToQuery(filters, { page: String(page) })}`;
  return (
    <article aria-labelledby="register-title" className="register">
      <h1 id="register-title">{t('advice.register.title')}</h1>
      <p className="lead">{t('advice.register.lead')}</p>
      <nav aria-label={t('advice.register.overview')} className="register-links">
        <ul>
          {data.canWrite ? (
            <li>
              <Link className="button" to="/advice/new">
                {t('advice.register.newAdvice')}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/advice/overview">{t('advice.register.overview')}</Link>
          </li>
          <li>
            <Link to="/advice/tips">{t('advice.register.tips')}</Link>
          </li>
          {data.signedIn ? (
            <li>
              <Link to="/goals">{t('advice.goals.manage')}</Link>
            </li>
          ) : null}
          {data.isAdmin ? (
            <li>
              <Link to="/admin/indicators">{t('advice.indicators.manage')}</Link>
            </li>
          ) : null}
          <li>
            <a href="/advice/feed.xml">{t('advice.register.feed')}</a>
          </li>
        </ul>
      </nav>

      <RegisterFilterForm
        key={location.search}
        filters={filters}
        indicators={data.indicators}
        place={data.place}
        pools={data.pools}
        statuses={data.statuses}
      />

      <section aria-labelledby="results-title">
        <h2 id="results-title" aria-live="polite">
          {data.capped
            ? t('advice.register.resultsMany', { count: data.countCap })
            : t('advice.register.results', { count: data.total })}
        </h2>
        <p className="register-exports">
          <a href={`/advice/export.csv?${query}`} download>
            {t('advice.register.exportCsv')}
          </a>
          <Link to={`/advice/report?${query}`}>{t('advice.register.printReport')}</Link>
        </p>
        {data.suggestion ? (
          <p className="did-you-mean">
            {t('advice.register.didYouMean')}{' '}
            <Link to={`/advice?${filtersToQuery({ ...filters, q: data.suggestion })}`} dir="auto">
              {data.suggestion}
            </Link>
          </p>
        ) : null}
        {data.rows.length === 0 ? <p>{t('advice.register.none')}</p> : <AdviceList rows={data.rows} names={names} />}
        {data.pages > 1 ? (
          <nav aria-label={t('advice.register.pagination')} className="pagination">
            {filters.page > 1 ? <Link to={pageLink(filters.page - 1)}>{t('advice.register.previous')}</Link> : null}
            <span>{t('advice.register.page', { page: filters.page, pages: data.pages })}</span>
            {filters.page < data.pages ? (
              <Link to={pageLink(filters.page + 1)}>{t('advice.register.next')}</Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      {data.signedIn ? (
        <section aria-labelledby="saved-title">
          <h2 id="saved-title">{t('advice.register.saved')}</h2>
          {data.saved.length > 0 ? (
            <ul className="saved-searches">
              {data.saved.map((s) => (
                <li key={s.id}>
                  <Link dir="auto" to={`/advice?${s.query}`}>
                    {s.name}
                  </Link>{' '}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove-search" />
                    <input type="hidden" name="id" value={s.id} />
                    <button
                      type="submit"
                      className="link-button"
                      aria-label={t('advice.register.removeSaved', { name: s.name })}
                    >
                      {t('advice.register.remove')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          <Form method="post" noValidate className="inline-fields">
            <input type="hidden" name="query" value={query} />
            <Field
              name="name"
              label={t('advice.register.saveName')}
              defaultValue={actionData?.values.name}
              error={actionData?.errors.name}
            />
            <button type="submit">{t('advice.register.save')}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
