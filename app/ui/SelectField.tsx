import type { SelectHTMLAttributes } from 'react';
import { FieldFrame, type FieldFrameProps } from './Field';

interface Props extends SelectHTMLAttributes<HTMLSelectElement>, Omit<FieldFrameProps, 'id'> {
  name: string;
}

/** A labelled select, with hint and error tied to it like Field; its options are the children. */
export function SelectField({ name, label, hint, error, id = `field-${name}`, children, ...select }: Props) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <select name={name} {...aria} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
