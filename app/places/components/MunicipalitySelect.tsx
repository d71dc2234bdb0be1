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
