import { Fragment, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isolated } from '~/bidi';
import { ClientOnly } from './ClientOnly';
import { FieldFrame, type FieldFrameProps } from './Field';

export interface ComboboxOption {
  value: string;
  label: string;
  /**
   * What tells options with the same label apart (where, when, which state), shown as "a · b · c". Each
   * part keeps its own direction: a pool's Latin name in an Arabic line, for one.
   */
  details: string[];
}

/** The options a text matches: those the list shows, and how many there are in all (null: not known yet). */
export interface ComboboxMatches {
  shown: ComboboxOption[];
  total: number | null;
}

interface Props extends Omit<FieldFrameProps, 'id'> {
  id: string;
  name: string;
  options: ComboboxOption[];
}

/** More would make a long list nobody scrolls through: typing narrows it. */
const SHOWN = 30;

/** The options holding every word typed, in the label or the details. */
function matchesAmong(options: ComboboxOption[], text: string): ComboboxMatches {
  const words = text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = options.filter((option) => {
    const haystack = `${option.label} ${option.details.join(' ')}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return { shown: matching.slice(0, SHOWN), total: matching.length };
}

/**
 * A searchable choice among many options (an ARIA 1.2 combobox: a text field and a listbox). Without
 * JavaScript, and until the page is hydrated, it is a plain select with the same name and options, so the
 * form works either way; the server checks the chosen value as it would any other.
 */
export function Combobox({ id, name, options, label, hint, error }: Props) {
  const fallback = (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <select name={name} {...aria}>
          {options.map((option) => (
            <option dir="auto" key={option.value} value={option.value}>
              {option.label} ({option.details.map(isolated).join(' · ')})
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <SearchableChoice
          id={id}
          name={name}
          label={label}
          hint={hint}
          error={error}
          useMatches={(text) => matchesAmong(options, text)}
        />
      )}
    </ClientOnly>
  );
}

interface ChoiceProps extends Omit<FieldFrameProps, 'id'> {
  id: string;
  name: string;
  /** What the typed text matches; called as a hook on every render, so it may fetch (best while open). */
  useMatches: (text: string, open: boolean) => ComboboxMatches;
  /** The option already chosen when the page opened (a filter in the link), if any. */
  initial?: ComboboxOption | null;
}

/**
 * The browser's half of a searchable choice: the text field, the listbox and the keyboard. The form
 * gets the chosen option's value in a hidden field, or nothing while no option is chosen.
 */
export function SearchableChoice({ id, name, label, hint, error, useMatches, initial = null }: ChoiceProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState(initial?.label ?? '');
  const [chosen, setChosen] = useState<ComboboxOption | null>(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { shown, total } = useMatches(text, open);
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(option: ComboboxOption) {
    setChosen(option);
    setText(option.label);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setOpen(true);
      setActive((current) => (shown.length === 0 ? -1 : (current + step + shown.length) % shown.length));
    } else if (event.key === 'Enter' && open && shown[active]) {
      // Enter picks the highlighted option instead of sending the form.
      event.preventDefault();
      choose(shown[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <FieldFrame id={id} label={label} hint={hint ?? t('combobox.hint')} error={error}>
      {(aria) => (
        <div className="combobox">
          <input
            {...aria}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              // A changed text is a new search, not the option chosen before.
              setChosen(null);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => {
              // A name typed out in full is that option, also when it was not picked from the list.
              const typed = text.trim().toLocaleLowerCase();
              const same = chosen ? undefined : shown.find((o) => o.label.toLocaleLowerCase() === typed);
              if (same) choose(same);
              else setOpen(false);
            }}
            onKeyDown={onKeyDown}
          />
          <input type="hidden" name={name} value={chosen?.value ?? ''} />
          <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!open}>
            {shown.map((option, index) => (
              <li
                key={option.value}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                // Chosen on mousedown, before the field's blur closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                <span className="combobox-label" dir="auto">
                  {option.label}
                </span>{' '}
                <span className="combobox-detail">
                  {option.details.map((detail, at) => (
                    <Fragment key={at}>
                      {at > 0 ? ' · ' : null}
                      <bdi>{detail}</bdi>
                    </Fragment>
                  ))}
                </span>
              </li>
            ))}
          </ul>
          <p className="meta combobox-count" aria-live="polite">
            {/* Nothing is said before the first answer: "0 found" while asking would be wrong. */}
            {open && total !== null ? t('combobox.count', { count: total }) : null}
            {open && total !== null && total > shown.length
              ? ` ${t('combobox.narrow', { count: shown.length })}`
              : null}
          </p>
        </div>
      )}
    </FieldFrame>
  );
}
