import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { SIGNAL_STATUSES } from '~/db/types';
import { IndicatorSelect } from '~/indicators/components/IndicatorSelect';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { detectLocale } from '~/i18n/locale.server';
import { readQuery } from '~/input/request.server';
import { PlaceFilter } from '~/places/components/PlaceFilter';
import { signalFiltersSchema } from '~/signals/filters.server';
import { loadPlaceFilter } from '~/places/queries.server';
import { listInbox } from '~/signals/queries.server';
import { SelectField } from '~/ui/SelectField';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('signals.inboxTitle');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await detectLocale(request);
  const filters = readQuery(request, signalFiltersSchema);
  const status = filters.status ?? 'open';
  const data = await withUser(user, async (tx) => {
    const [inbox, place, indicators] = await Promise.all([
      listInbox(tx, { ...filters, status: status === 'all' ? undefined : status }),
      loadPlaceFilter(tx, filters),
      listIndicatorOptions(tx, locale),
    ]);
    return { inbox, place, indicators };
  });
  return json({ ...data, filters: { ...filters, status } });
}

export default function SignalInbox() {
  const { t } = useTranslation();
  const { inbox, place, indicators, filters } = useLoaderData<typeof loader>();
  const names = new Map(indicators.map((i) => [i.code, i.name]));
  const pageHref = (page: number) => {
    const params = new URLSearchParams(
      Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v) as [string, string][],
    );
    return `?${params}`;
  };
  return (
    <article aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('signals.inboxTitle')}</h1>
      <p>{t('signals.inboxIntro')}</p>
      <p className="actions">
        <Link className="button" to="/signals/new">
          {t('signals.logNew')}
        </Link>{' '}
        <Link to="/signals/patterns">{t('signals.patternsLink')}</Link>
      </p>
      <Form method="get" className="filters" aria-label={t('signals.filters')}>
        <SelectField id="filter-status" label={t('signals.status')} name="status" defaultValue={filters.status}>
          <option value="open">{t('signals.statusOpen')}</option>
          <option value="all">{t('signals.statusAll')}</option>
          {SIGNAL_STATUSES.map((s) => (
            <option dir="auto" key={s} value={s}>
              {t(`signalStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <PlaceFilter place={place} regionId={filters.regionId} />
        <IndicatorSelect
          indicators={indicators}
          id="filter-indicator"
          label={t('signals.indicator')}
          defaultValue={filters.indicator ?? ''}
          none={t('signals.allIndicators')}
        />
        <div className="field">
          <label htmlFor="filter-month">{t('signals.month')}</label>
          <input id="filter-month" name="month" type="month" defaultValue={filters.month ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t('signals.search')}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <button type="submit">{t('signals.apply')}</button>
      </Form>
      {inbox.rows.length === 0 ? (
        <p>{t('signals.none')}</p>
      ) : (
        <ul className="signal-list">
          {inbox.rows.map((s) => (
            <li key={s.id} className="card">
              <h2>
                <Link dir="auto" to={`/signals/${s.id}`}>
                  {s.reference}
                </Link>{' '}
                <span className={`badge status-${s.status}`}>{t(`signalStatus.${s.status}`)}</span>
              </h2>
              <p className="meta">
                {s.received_on} · {t(`channels.${s.channel}`)} ·{' '}
                <bdi>{s.municipality_name ?? s.region_name ?? t('signals.noPlace')}</bdi> ·{' '}
                <span dir="auto" lang={s.language}>
                  {s.language}
                </span>
              </p>
              <p lang={s.language} dir="auto">
                {s.excerpt}
              </p>
              {s.indicators.length > 0 ? (
                <p className="meta">
                  {t('signals.indicators')}: {s.indicators.map((c) => names.get(c) ?? c).join(', ')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t('signals.page', { page: inbox.page })}>
        {inbox.page > 1 ? <Link to={pageHref(inbox.page - 1)}>{t('signals.previous')}</Link> : null}
        <span>{t('signals.page', { page: inbox.page })}</span>
        {inbox.hasMore ? <Link to={pageHref(inbox.page + 1)}>{t('signals.next')}</Link> : null}
      </nav>
    </article>
  );
}
