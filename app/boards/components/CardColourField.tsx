import { useTranslation } from 'react-i18next';
import { CARD_COLOURS, type CardColour } from '../protocol';

/** The colour of a card, chosen where a card is written: a new card, an edit, a private brainstorm card. */
export function CardColourField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CardColour;
  onChange: (colour: CardColour) => void;
}) {
  const { t } = useTranslation();
  return (
    <span className="field">
      <label htmlFor={id}>{t('boards.colour')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as CardColour)}>
        {CARD_COLOURS.map((c) => (
          <option dir="auto" key={c} value={c}>
            {t(`boards.colours.${c}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
