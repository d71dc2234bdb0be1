import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_TEXT_MAX, type CardColour } from '../protocol';
import { CardColourField } from './CardColourField';

interface Props {
  text: string;
  colour: CardColour;
  onSave: (changes: { text: string; colour: CardColour }) => void;
  onCancel: () => void;
}

/**
 * A card's text and colour, changed in place by its author or a facilitator. What is typed stays in the
 * form when it cannot be saved (no text); Escape cancels, as in the card's menu.
 */
export function CardEditForm({ text, colour, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(text);
  const [chosen, setChosen] = useState(colour);
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    field.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = draft.trim();
    if (!trimmed) {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    onSave({ text: trimmed.slice(0, CARD_TEXT_MAX), colour: chosen });
  };

  return (
    <form
      className="card-edit"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('boards.cardText')}</label>
        <textarea
          id={`${id}-text`}
          ref={field}
          dir="auto"
          value={draft}
          maxLength={CARD_TEXT_MAX}
          rows={3}
          aria-invalid={empty || undefined}
          aria-describedby={empty ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        {empty ? (
          <p id={`${id}-error`} className="field-error">
            {t('boards.cardTextEmpty')}
          </p>
        ) : null}
      </div>
      <div className="card-edit-options">
        <CardColourField id={`${id}-colour`} value={chosen} onChange={setChosen} />
        <button type="submit">{t('boards.saveCard')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('boards.cancel')}
        </button>
      </div>
    </form>
  );
}
