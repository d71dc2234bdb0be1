import { useTranslation } from 'react-i18next';
import type { Places } from '~/places/queries.server';

interface Props {
  places: Places;
  regionId?: string;
  municipalityId?: string;
  /** Query parameter names, when a page uses others than regionId/municipalityId. */
  names?: { region: string; municipality: string };
}

/** Region and municipality pickers for filter forms (GET), both optional. */
export function PlaceSelects({
  places,
  regionId,
  municipalityId,
  names = { region: 'regionId', municipality: 'municipalityId' },
}: Props) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="filter-region">{t('signals.region')}</label>
        <select id="filter-region" name={names.region} defaultValue={regionId ?? ''}>
          <option value="">{t('signals.allRegions')}</option>
          {places.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-municipality">{t('signals.municipality')}</label>
        <select id="filter-municipality" name={names.municipality} defaultValue={municipalityId ?? ''}>
          <option value="">{t('signals.allMunicipalities')}</option>
          {places.map((r) => (
            <optgroup key={r.id} label={r.name}>
              {r.municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </>
  );
}
