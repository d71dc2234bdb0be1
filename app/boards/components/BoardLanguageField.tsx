import { useTranslation } from 'react-i18next';
import { LOCALES, localeName, type Locale } from '~/i18n/locales';
import { SelectField } from '~/ui/SelectField';

/**
 * The language a board's exports (Markdown, PDF, print page) are written in, for the new-board form and the
 * board's settings. Each language is named in itself, as in the header's switcher; the empty choice keeps
 * each reader's own, or, for a copy, the language of the board it copies (`copying` names it so). With
 * `value` and `onChange` the form controls it (the new-board form fills in the copied board's language).
 */
export function BoardLanguageField({
  error,
  copying = false,
  ...choice
}: {
  error?: string;
  copying?: boolean;
} & ({ defaultValue: string } | { value: string; onChange: (language: string) => void })) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="board-language"
      name="language"
      label={t('boards.language.label')}
      hint={t(copying ? 'boards.language.hintCopy' : 'boards.language.hint')}
      {...('value' in choice
        ? { value: choice.value, onChange: (event) => choice.onChange(event.target.value) }
        : { defaultValue: choice.defaultValue })}
      error={error}
    >
      <option value="">{t(copying ? 'boards.language.readersCopy' : 'boards.language.readers')}</option>
      {LOCALES.map((code) => (
        <option dir="auto" key={code} value={code} lang={code}>
          {localeName(code)}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * "Exports in: العربية", beside the export links and in the pool's board list: members may not change the
 * language, and without this a download in another language than their own would come as a surprise. The
 * name is in itself, isolated from the sentence around it.
 */
export function BoardLanguageNote({ language }: { language: Locale }) {
  const { t } = useTranslation();
  return (
    <>
      {t('boards.language.exportsIn')} <bdi lang={language}>{localeName(language)}</bdi>
    </>
  );
}
