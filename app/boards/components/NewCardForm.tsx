import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { addCard } from '../doc';
import { CARD_TEXT_MAX, type CardColour } from '../protocol';
import { CardColourField } from './CardColourField';

/** Post a sticky card to a section: text, colour, and whether your name shows. */
export function NewCardForm({
  doc,
  sectionId,
  me,
}: {
  doc: Y.Doc;
  sectionId: string;
  /** `anonymousAs`: the author's pseudonym on this board, which anonymous cards carry instead of the id. */
  me: { id: string; name: string; anonymousAs: string };
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [colour, setColour] = useState<CardColour>('yellow');
  const [anonymous, setAnonymous] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    addCard(doc, {
      id: crypto.randomUUID(),
      section: sectionId,
      text: trimmed.slice(0, CARD_TEXT_MAX),
      colour,
      authorId: anonymous ? me.anonymousAs : me.id,
      authorName: anonymous ? null : me.name,
    });
    setText('');
  };

  return (
    <form className="new-card" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('boards.newCard')}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          maxLength={CARD_TEXT_MAX}
          rows={2}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="new-card-options">
        <CardColourField id={`${id}-colour`} value={colour} onChange={setColour} />
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
          {t('boards.anonymous')}
        </label>
        <button type="submit">{t('boards.addCard')}</button>
      </div>
    </form>
  );
}
