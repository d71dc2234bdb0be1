import { useTranslation } from 'react-i18next';
import type { Locale } from '~/i18n/locales';
import type { Question } from '~/questionnaires/queries.server';

interface Props {
  question: Question;
  locale: Locale;
  /** What was answered before (or just typed, after an error). */
  value: { scale: number | null; options: string[]; text: string };
  errorId?: string;
}

const text = (row: Record<string, unknown>, key: string, locale: Locale) =>
  String(row[`${key}_${locale}`] || row[`${key}_nl`] || '');

/**
 * The answer controls of one question, inside the screen's fieldset: large radio buttons for the
 * scale (its ends labelled), radios or checkboxes for choices, a text box for open questions.
 */
export function QuestionInput({ question, locale, value, errorId }: Props) {
  const { t } = useTranslation();
  if (question.kind === 'scale') {
    const low = text(question, 'scale_low', locale);
    const high = text(question, 'scale_high', locale);
    return (
      <div className="scale" role="radiogroup" aria-describedby={errorId}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="scale-choice">
            <input type="radio" name="scale" value={n} defaultChecked={value.scale === n} />
            <span className="scale-number">{n}</span>
            {n === 1 ? (
              <span dir="auto" className="scale-end">
                {low}
              </span>
            ) : null}
            {n === 5 ? (
              <span dir="auto" className="scale-end">
                {high}
              </span>
            ) : null}
          </label>
        ))}
      </div>
    );
  }
  if (question.kind === 'single' || question.kind === 'multiple') {
    const type = question.kind === 'single' ? 'radio' : 'checkbox';
    return (
      <div className="choices" aria-describedby={errorId}>
        {question.kind === 'multiple' ? <p className="hint">{t('respond.chooseAll')}</p> : null}
        {question.options.map((o) => (
          <label key={o.id} className="choice">
            <input type={type} name="option" value={o.id} defaultChecked={value.options.includes(o.id)} />{' '}
            {text(o, 'label', locale)}
          </label>
        ))}
      </div>
    );
  }
  return (
    <textarea
      name="text"
      rows={5}
      maxLength={2000}
      defaultValue={value.text}
      aria-labelledby="question-text"
      aria-describedby={errorId}
      dir="auto"
    />
  );
}
