import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_DOMAINS, indicatorNames, type Indicator } from '~/indicators/framework';
import { PlaceFilter } from '~/places/components/PlaceFilter';
import type { PlaceFilter as PlaceFilterData } from '~/places/queries.server';
import { SelectField } from '~/ui/SelectField';
import { PROCESS_PARTS } from '~/db/types';
import { ALL_STATUSES } from '../framework';
import type { RegisterFilters } from '../schema.server';

interface Props {
  filters: RegisterFilters;
  indicators: Indicator[];
  place: PlaceFilterData;
  pools: { id: string; name: string }[];
  /** Drafts and reviews are only in the list for the pool; readers need no status filter for them. */
  statuses: readonly string[];
}

/** The register's search and filters, as a GET form so every selection has its own link. */
export function RegisterFilterForm({ filters, indicators, place, pools, statuses }: Props) {
  const { t, i18n } = useTranslation();
  const names = indicatorNames(indicators, i18n.language);
  const any = <option value="">{t('advice.register.any')}</option>;
  const chosen = activeFilterCount(filters);
  return (
    <Form method="get" className="register-filters" role="search">
      <div className="field search-field">
        <label htmlFor="register-q">{t('advice.register.searchLabel')}</label>
        <p className="hint" id="register-q-hint">
          {t('advice.register.searchHint')}
        </p>
        <input id="register-q" type="search" name="q" defaultValue={filters.q} aria-describedby="register-q-hint" />
      </div>
      {/* On a phone the filters fold behind a button that counts the chosen ones, so results come first. */}
      <details className="register-more unfold-wide">
        <summary>
          {chosen > 0 ? t('advice.register.filtersActive', { count: chosen }) : t('advice.register.filters')}
        </summary>
        <fieldset className="filter-grid">
          <legend>{t('advice.register.filters')}</legend>
          <Select id="f-indicator" name="indicator" label={t('advice.fields.indicator')} value={filters.indicator}>
            {any}
            {INDICATOR_DOMAINS.map((group) => (
              <optgroup key={group.domain} label={t(`advice.domain.${group.domain}`)}>
                {group.codes.map((code) => (
                  <option dir="auto" key={code} value={code}>
                    {names.get(code)}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
          <Select id="f-domain" name="domain" label={t('advice.fields.domain')} value={filters.domain}>
            {any}
            {INDICATOR_DOMAINS.map((group) => (
              <option dir="auto" key={group.domain} value={group.domain}>
                {t(`advice.domain.${group.domain}`)}
              </option>
            ))}
          </Select>
          <PlaceFilter
            place={place}
            regionId={filters.region}
            names={{ region: 'region', municipality: 'municipality' }}
            ids={{ region: 'f-region', municipality: 'f-municipality' }}
          />
          {pools.length > 0 ? (
            <Select id="f-pool" name="pool" label={t('advice.fields.pool')} value={filters.pool}>
              {any}
              {pools.map((p) => (
                <option dir="auto" key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          ) : null}
          <Select id="f-part" name="part" label={t('advice.fields.processPart')} value={filters.part}>
            {any}
            {PROCESS_PARTS.map((part) => (
              <option dir="auto" key={part} value={part}>
                {t(`advice.processPart.${part}`)}
              </option>
            ))}
          </Select>
          <Select id="f-status" name="status" label={t('advice.fields.status')} value={filters.status}>
            {any}
            {ALL_STATUSES.filter((s) => statuses.includes(s)).map((s) => (
              <option dir="auto" key={s} value={s}>
                {t(`advice.status.${s}`)}
              </option>
            ))}
          </Select>
          <div className="field">
            <label htmlFor="f-from">{t('advice.register.from')}</label>
            <input id="f-from" type="date" name="from" defaultValue={filters.from} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t('advice.register.to')}</label>
            <input id="f-to" type="date" name="to" defaultValue={filters.to} />
          </div>
          <Select id="f-sort" name="sort" label={t('advice.register.sort')} value={filters.sort}>
            <option value="relevance">{t('advice.register.sortRelevance')}</option>
            <option value="newest">{t('advice.register.sortNewest')}</option>
            <option value="oldest">{t('advice.register.sortOldest')}</option>
            <option value="title">{t('advice.register.sortTitle')}</option>
          </Select>
        </fieldset>
      </details>
      <div className="actions">
        <button type="submit">{t('advice.register.submit')}</button>
        <Link to="/advice">{t('advice.register.reset')}</Link>
      </div>
    </Form>
  );
}

/** The filters narrowing the list (the search words, the order and the page are not filters). */
const FILTER_KEYS = ['indicator', 'domain', 'region', 'municipality', 'pool', 'part', 'status', 'from', 'to'] as const;

function activeFilterCount(filters: RegisterFilters): number {
  return FILTER_KEYS.filter((key) => Boolean(filters[key])).length;
}

function Select({
  id,
  name,
  label,
  value,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <SelectField id={id} label={label} name={name} defaultValue={value ?? ''}>
      {children}
    </SelectField>
  );
}
