import { useTranslation } from 'react-i18next';
import { LOCALES, localeName } from '~/i18n/locales';
import { SelectField } from '~/ui/SelectField';

/**
 * The language a board's exports (Markdown, PDF, print page) are written in, for the new-board form and the
 * board's settings. Each language is named in itself, as in the header's switcher; the empty choice keeps
 * each reader's own.
 */
export function BoardLanguageField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="board-language"
      name="language"
      label={t('boards.language.label')}
      hint={t('boards.language.hint')}
      defaultValue={defaultValue}
      error={error}
    >
      <option value="">{t('boards.language.readers')}</option>
      {LOCALES.map((code) => (
        <option dir="auto" key={code} value={code} lang={code}>
          {localeName(code)}
        </option>
      ))}
    </SelectField>
  );
}
