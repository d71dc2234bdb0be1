import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { indicatorName } from '~/indicators/framework';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';
import { SelectField } from '~/ui/SelectField';
import {
  CONTACT_PREFERENCES,
  DAY_PARTS,
  LANGUAGE_LEVELS,
  PROFILE_LANGUAGES,
  ROUTES,
  WEEKDAYS,
} from '../profile-options';

export interface ProfileValues {
  displayName: string;
  municipalityId: string;
  arrivalYear: string;
  languages: { language: string; level: string }[];
  themes: string[];
  availability: string[];
  contactPreference: string;
  route: string;
  phone: string;
}

interface Props {
  values: ProfileValues;
  errors?: FieldErrors;
  municipalities: { id: string; name: string }[];
  indicators: { code: string; name_nl: string; name_en: string; name_ar: string }[];
}

/** The profile in short, plain steps that fit a phone: one column, big targets, no script needed. */
export function ProfileForm({ values, errors = {}, municipalities, indicators }: Props) {
  const { t, i18n } = useTranslation();
  const levelOf = (code: string) => values.languages.find((l) => l.language === code)?.level ?? '';
  return (
    <Form method="post" noValidate className="profile-form">
      <input type="hidden" name="intent" value="profile" />
      <Field
        name="displayName"
        label={t('people.profile.displayName')}
        hint={t('people.profile.displayNameHint')}
        autoComplete="nickname"
        defaultValue={values.displayName}
        error={errors.displayName}
        required
      />
      <SelectField
        name="municipalityId"
        label={t('people.profile.municipality')}
        defaultValue={values.municipalityId}
        error={errors.municipalityId}
      >
        <option value="">{t('people.profile.choose')}</option>
        {municipalities.map((m) => (
          <option dir="auto" key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field
        name="arrivalYear"
        label={t('people.profile.arrivalYear')}
        hint={t('people.profile.arrivalYearHint')}
        inputMode="numeric"
        defaultValue={values.arrivalYear}
        error={errors.arrivalYear}
      />

      <fieldset className="choice-group">
        <legend>{t('people.profile.languages')}</legend>
        <p className="hint">{t('people.profile.languagesHint')}</p>
        {PROFILE_LANGUAGES.map((code) => (
          <div className="language-row" key={code}>
            <label htmlFor={`lang-${code}`}>{t(`people.languageNames.${code}`)}</label>
            <select id={`lang-${code}`} name={`lang_${code}`} defaultValue={levelOf(code)}>
              <option value="">{t('people.levels.none')}</option>
              {LANGUAGE_LEVELS.map((level) => (
                <option dir="auto" key={level} value={level}>
                  {t(`people.levels.${level}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>

      <fieldset className="choice-group">
        <legend>{t('people.profile.themes')}</legend>
        <p className="hint">{t('people.profile.themesHint')}</p>
        {indicators.map((indicator) => (
          <label className="check" key={indicator.code}>
            <input
              type="checkbox"
              name="themes"
              value={indicator.code}
              defaultChecked={values.themes.includes(indicator.code)}
            />{' '}
            {indicatorName(indicator, i18n.language)}
          </label>
        ))}
      </fieldset>

      <fieldset className="choice-group">
        <legend>{t('people.profile.availability')}</legend>
        <p className="hint">{t('people.profile.availabilityHint')}</p>
        {WEEKDAYS.map((day) => (
          <fieldset className="day-row" key={day}>
            <legend>{t(`people.days.${day}`)}</legend>
            {DAY_PARTS.map((part) => (
              <label className="check" key={part}>
                <input
                  type="checkbox"
                  name="availability"
                  value={`${day}_${part}`}
                  defaultChecked={values.availability.includes(`${day}_${part}`)}
                />{' '}
                {t(`people.dayParts.${part}`)}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="choice-group">
        <legend>{t('people.profile.contactPreference')}</legend>
        {CONTACT_PREFERENCES.map((option) => (
          <label className="check" key={option}>
            <input
              type="radio"
              name="contactPreference"
              value={option}
              defaultChecked={values.contactPreference === option}
            />{' '}
            {t(`people.contact.${option}`)}
          </label>
        ))}
      </fieldset>
      <Field
        name="phone"
        type="tel"
        autoComplete="tel"
        label={t('people.profile.phone')}
        hint={t('people.profile.phoneHint')}
        defaultValue={values.phone}
        error={errors.phone}
      />

      <fieldset className="choice-group">
        <legend>{t('people.profile.route')}</legend>
        <p className="hint">{t('people.profile.routeHint')}</p>
        {ROUTES.map((option) => (
          <label className="check" key={option}>
            <input type="radio" name="route" value={option} defaultChecked={values.route === option} />{' '}
            {t(`people.routes.${option}`)}
          </label>
        ))}
      </fieldset>

      <button type="submit">{t('people.profile.save')}</button>
    </Form>
  );
}
