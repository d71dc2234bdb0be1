import { useTranslation } from 'react-i18next';
import type { Places } from '~/places/queries.server';
import { SelectField } from '~/ui/SelectField';

interface MunicipalityProps {
  places: Places;
  id: string;
  name?: string;
  label: string;
  /** The empty choice's text: no municipality, or all of them in a filter. */
  none: string;
  defaultValue?: string;
  error?: string;
}

/** A municipality picker with the municipalities grouped under their region. */
export function MunicipalitySelect({
  places,
  name = 'municipalityId',
  none,
  defaultValue,
  ...field
}: MunicipalityProps) {
  return (
    <SelectField name={name} defaultValue={defaultValue ?? ''} {...field}>
      <option value="">{none}</option>
      {places.map((r) => (
        <optgroup key={r.id} label={r.name}>
          {r.municipalities.map((m) => (
            <option dir="auto" key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

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
      <SelectField id="filter-region" name={names.region} label={t('signals.region')} defaultValue={regionId ?? ''}>
        <option value="">{t('signals.allRegions')}</option>
        {places.map((r) => (
          <option dir="auto" key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <MunicipalitySelect
        places={places}
        id="filter-municipality"
        name={names.municipality}
        label={t('signals.municipality')}
        none={t('signals.allMunicipalities')}
        defaultValue={municipalityId}
      />
    </>
  );
}
