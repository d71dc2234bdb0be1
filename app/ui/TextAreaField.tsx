import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame, type FieldFrameProps } from './Field';

interface Props extends TextareaHTMLAttributes<HTMLTextAreaElement>, Omit<FieldFrameProps, 'id'> {
  name: string;
}

/** A labelled multi-line field, with hint and error tied to it like Field. */
export function TextAreaField({
  name,
  label,
  hint,
  error,
  labelHelp,
  id = `field-${name}`,
  rows = 4,
  ...textarea
}: Props) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelHelp={labelHelp}>
      {(aria) => <textarea name={name} rows={rows} {...aria} {...textarea} />}
    </FieldFrame>
  );
}
