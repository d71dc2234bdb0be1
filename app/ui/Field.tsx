import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What ties a form control to its label, hint and error for screen readers. */
export interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  /** An i18n key, shown under the field and announced with it. */
  error?: string;
  /** Beside the label, e.g. the explanation of the domain word it names (a GlossaryTerm). */
  labelHelp?: ReactNode;
}

/**
 * The label, hint and error around one control (input, textarea, select), so that every kind of field
 * ties them to its control the same way.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  labelHelp,
  children,
}: FieldFrameProps & { children: (aria: ControlAria) => ReactNode }) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      {labelHelp ? (
        <div className="with-help">
          <label htmlFor={id}>{label}</label>
          {labelHelp}
        </div>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {error ? (
        <p className="field-error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

interface Props extends InputHTMLAttributes<HTMLInputElement>, Omit<FieldFrameProps, 'id'> {
  name: string;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ name, label, hint, error, id = `field-${name}`, ...input }: Props) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(aria) => <input name={name} {...aria} {...input} />}
    </FieldFrame>
  );
}

/**
 * An error about the whole form (e.g. wrong password), announced when it appears. With
 * `retryAfterSeconds` the message's `{{wait}}` says how long to wait, in seconds or whole minutes.
 */
export function FormError({ error, retryAfterSeconds }: { error?: string | null; retryAfterSeconds?: number }) {
  const { t } = useTranslation();
  if (!error) return null;
  const seconds = retryAfterSeconds ?? 0;
  const wait =
    seconds < 60 ? t('wait.seconds', { count: seconds }) : t('wait.minutes', { count: Math.ceil(seconds / 60) });
  return (
    <p className="form-error" role="alert" tabIndex={-1}>
      {t(error, { wait })}
    </p>
  );
}
