import type { ComponentProps } from 'react';
import { SelectField } from '~/ui/SelectField';
import type { IndicatorOption } from '../framework';

interface Props extends Omit<ComponentProps<typeof SelectField>, 'name' | 'children'> {
  indicators: Pick<IndicatorOption, 'code' | 'name'>[];
  name?: string;
  /** The empty choice's text (all indicators, in a filter); without it one must be chosen. */
  none?: string;
}

/** A picker of the 14 indicators in framework order, named in the reader's language. */
export function IndicatorSelect({ indicators, name = 'indicator', none, ...field }: Props) {
  return (
    <SelectField name={name} {...field}>
      {none === undefined ? null : <option value="">{none}</option>}
      {indicators.map((i) => (
        <option dir="auto" key={i.code} value={i.code}>
          {i.name}
        </option>
      ))}
    </SelectField>
  );
}
