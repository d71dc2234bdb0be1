import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS } from '~/db/types';
import { IndicatorSelect } from '~/indicators/components/IndicatorSelect';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';

interface Props {
  indicators: { code: string; name: string }[];
  /** What the form shows: the saved question, or what was typed when it came back with errors. */
  values?: Partial<Record<string, string>>;
  errors?: FieldErrors;
}

/** The fields of one question (indicator, kind, texts, scale ends, choices), for adding and editing. */
export function QuestionFields({ indicators, values, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <IndicatorSelect
        indicators={indicators}
        id="question-indicator"
        label={t('questionnaires.indicator')}
        defaultValue={values?.indicator}
      />
      <SelectField
        id="question-kind"
        label={t('questionnaires.kind')}
        name="kind"
        defaultValue={values?.kind ?? 'scale'}
      >
        {QUESTION_KINDS.map((k) => (
          <option dir="auto" key={k} value={k}>
            {t(`questionnaires.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {(['Nl', 'En', 'Ar'] as const).map((lang) => (
        <Field
          key={lang}
          name={`text${lang}`}
          label={t(`questionnaires.text${lang}`)}
          defaultValue={values?.[`text${lang}`]}
          error={errors?.[`text${lang}`]}
          dir={lang === 'Ar' ? 'rtl' : undefined}
          lang={lang.toLowerCase()}
        />
      ))}
      <fieldset>
        <legend>{t('questionnaires.kinds.scale')}</legend>
        <p className="hint">{t('questionnaires.scaleHint')}</p>
        {(['lowNl', 'highNl', 'lowEn', 'highEn', 'lowAr', 'highAr'] as const).map((name) => (
          <Field
            key={name}
            name={name}
            label={t(`questionnaires.${name}`)}
            defaultValue={values?.[name]}
            error={errors?.[name]}
            dir={name.endsWith('Ar') ? 'rtl' : undefined}
            lang={name.slice(-2).toLowerCase()}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>
          {t('questionnaires.kinds.single')} / {t('questionnaires.kinds.multiple')}
        </legend>
        <p className="hint">{t('questionnaires.optionsHint')}</p>
        {(['optionsNl', 'optionsEn', 'optionsAr'] as const).map((name) => (
          <TextAreaField
            key={name}
            name={name}
            label={t(`questionnaires.${name}`)}
            defaultValue={values?.[name]}
            error={errors?.[name]}
            rows={3}
            dir={name.endsWith('Ar') ? 'rtl' : undefined}
            lang={name.slice(-2).toLowerCase()}
          />
        ))}
      </fieldset>
    </>
  );
}
