import { useFetcher } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MunicipalitySearch, PlaceFilter as PlaceFilterData } from '~/places/queries.server';
import { ClientOnly } from '~/ui/ClientOnly';
import { SearchableChoice, type ComboboxMatches } from '~/ui/Combobox';
import { SelectField } from '~/ui/SelectField';

interface Props {
  place: PlaceFilterData;
  regionId?: string;
  /** Query parameter names, when a page uses others than regionId/municipalityId. */
  names?: { region: string; municipality: string };
  /** The fields' ids, when a page's other fields already use the default ones' pattern otherwise. */
  ids?: { region: string; municipality: string };
}

/**
 * Region and municipality filters for GET forms, both optional. The municipality is searched for on the
 * server as it is typed: a page never carries all of them (350 names were a tenth of some pages' work).
 * Without JavaScript it is a select of the chosen region's municipalities: choose a region, apply, then
 * choose among its municipalities.
 */
export function PlaceFilter({
  place,
  regionId,
  names = { region: 'regionId', municipality: 'municipalityId' },
  ids = { region: 'filter-region', municipality: 'filter-municipality' },
}: Props) {
  const { t } = useTranslation();
  const { municipality, inRegion } = place;
  const listed =
    municipality && !inRegion.some((m) => m.id === municipality.id) ? [municipality, ...inRegion] : inRegion;
  const label = t('places.municipality');
  const fallback = (
    <SelectField
      id={ids.municipality}
      name={names.municipality}
      label={label}
      hint={inRegion.length === 0 ? t('places.chooseRegionFirst') : undefined}
      defaultValue={municipality?.id ?? ''}
    >
      <option value="">{t('places.allMunicipalities')}</option>
      {listed.map((m) => (
        <option dir="auto" key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </SelectField>
  );
  return (
    <>
      <SelectField id={ids.region} name={names.region} label={t('places.region')} defaultValue={regionId ?? ''}>
        <option value="">{t('places.allRegions')}</option>
        {place.regions.map((r) => (
          <option dir="auto" key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <ClientOnly fallback={fallback}>
        {() => (
          <SearchableChoice
            id={ids.municipality}
            name={names.municipality}
            label={label}
            hint={t('places.searchHint')}
            useMatches={useMunicipalitySearch}
            initial={municipality ? { value: municipality.id, label: municipality.name, details: [] } : null}
          />
        )}
      </ClientOnly>
    </>
  );
}

/** How long typing may pause before the server is asked: one question per word, not per letter. */
const TYPING_PAUSE_MS = 150;

/** The municipalities matching the text, asked of the server once the list is open. */
function useMunicipalitySearch(text: string, open: boolean): ComboboxMatches {
  const { load, data } = useFetcher<MunicipalitySearch>();
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => load(`/places/municipalities?${new URLSearchParams({ q: text })}`), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, open, load]);
  return {
    shown: (data?.matches ?? []).map((m) => ({ value: m.id, label: m.name, details: [m.region_name] })),
    total: data?.total ?? null,
  };
}
