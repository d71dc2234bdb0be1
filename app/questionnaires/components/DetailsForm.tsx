import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';
import { SelectField } from '~/ui/SelectField';
import { TextAreaField } from '~/ui/TextAreaField';
import { REPEAT_CHOICES } from '../waves';

const LANGS = ['Nl', 'En', 'Ar'] as const;

export type QuestionnaireDetails = Record<
  `title${(typeof LANGS)[number]}` | `intro${(typeof LANGS)[number]}`,
  string
> & {
  repeatMonths: string;
};

/** Title and introduction in three languages and how often the questionnaire repeats; opens when sent back. */
export function DetailsForm({
  details,
  sent,
}: {
  details: QuestionnaireDetails;
  sent?: { errors: FieldErrors; values: Record<string, string> };
}) {
  const { t } = useTranslation();
  const value = (name: keyof QuestionnaireDetails) => (sent ? sent.values[name] : details[name]);
  return (
    <details open={Boolean(sent)}>
      <summary>{t('questionnaires.editDetails')}</summary>
      <Form method="post" noValidate className="narrow">
        <input type="hidden" name="intent" value="details" />
        {LANGS.map((lang) => (
          <Field
            key={lang}
            id={`details-title${lang}`}
            name={`title${lang}`}
            label={t(`questionnaires.title${lang}`)}
            defaultValue={value(`title${lang}`)}
            error={sent?.errors[`title${lang}`]}
            dir={lang === 'Ar' ? 'rtl' : undefined}
            lang={lang.toLowerCase()}
          />
        ))}
        {LANGS.map((lang) => (
          <TextAreaField
            key={lang}
            id={`details-intro${lang}`}
            name={`intro${lang}`}
            label={t(`questionnaires.intro${lang}`)}
            defaultValue={value(`intro${lang}`)}
            error={sent?.errors[`intro${lang}`]}
            rows={3}
            dir={lang === 'Ar' ? 'rtl' : undefined}
            lang={lang.toLowerCase()}
          />
        ))}
        <SelectField
          id="details-repeat"
          name="repeatMonths"
          label={t('questionnaires.repeat')}
          hint={t('questionnaires.repeatHint')}
          defaultValue={value('repeatMonths')}
        >
          <option value="">{t('questionnaires.repeatNever')}</option>
          {REPEAT_CHOICES.map((months) => (
            <option dir="auto" key={months} value={String(months)}>
              {t('questionnaires.repeatEvery', { count: months })}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('questionnaires.saveDetails')}</button>
      </Form>
    </details>
  );
}
