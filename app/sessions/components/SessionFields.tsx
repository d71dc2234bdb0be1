import { useTranslation } from 'react-i18next';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';

interface Props {
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
  /** The zone the date and times are entered in (the session's, Europe/Amsterdam by default). */
  zone: string;
}

/** What a session is and where and when it happens: the fields shared by planning and changing one. */
export function SessionFields({ values, errors, zone }: Props) {
  const { t } = useTranslation();
  const common = (name: string) => ({ name, defaultValue: values[name], error: errors[name] });
  return (
    <>
      <Field {...common('title')} label={t('sessions.form.title')} required maxLength={200} />
      <TextAreaField {...common('purpose')} label={t('sessions.form.purpose')} rows={2} maxLength={2000} />
      <TextAreaField
        {...common('agenda')}
        label={t('sessions.form.agenda')}
        hint={t('sessions.form.agendaHint')}
        rows={6}
        maxLength={20000}
      />
      <fieldset className="inline-fields">
        <legend>{t('sessions.form.timeHint', { zone })}</legend>
        <Field {...common('date')} type="date" label={t('sessions.form.date')} required />
        <Field {...common('startTime')} type="time" label={t('sessions.form.startTime')} required />
        <Field {...common('endTime')} type="time" label={t('sessions.form.endTime')} required />
      </fieldset>
      <Field {...common('onlineUrl')} type="url" label={t('sessions.form.onlineUrl')} inputMode="url" />
      <Field {...common('location')} label={t('sessions.form.location')} maxLength={300} />
      <Field {...common('languages')} label={t('sessions.form.languages')} hint={t('sessions.form.languagesHint')} />
      <div className="field checkbox-field">
        <input type="checkbox" id="field-interpreter" name="interpreter" defaultChecked={values.interpreter === 'on'} />
        <label htmlFor="field-interpreter">{t('sessions.form.interpreter')}</label>
      </div>
      <Field
        {...common('capacity')}
        type="number"
        min={1}
        max={1000}
        inputMode="numeric"
        label={t('sessions.form.capacity')}
        hint={t('sessions.form.capacityHint')}
      />
      <Field
        {...common('rsvpDeadline')}
        type="datetime-local"
        label={t('sessions.form.rsvpDeadline')}
        hint={t('sessions.form.rsvpDeadlineHint')}
      />
    </>
  );
}
