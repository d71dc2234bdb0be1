import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { glossaryDefinitions } from '~/i18n/glossary-definitions';
import type { GlossaryKey } from './glossary';

interface Props {
  term: GlossaryKey;
  /** The word as the page shows it; left out where the word is already on screen just before. */
  children?: ReactNode;
}

/**
 * A toggletip for a domain word: a button beside the word opens a short explanation in a live region,
 * so it works by keyboard, mouse and touch (not hover-only like `title`) and screen readers read it out
 * when it appears. The explanation opens in the text flow rather than floating, so it never sticks out
 * of a 360 px screen and follows the page's direction. Escape or a tap elsewhere closes it.
 */
export function GlossaryTerm({ term, children }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [definition, setDefinition] = useState<string | null>(null);
  const id = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    void glossaryDefinitions(i18n.language).then((definitions) => {
      if (current) setDefinition(definitions[term] ?? null);
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      if (wrapper.current?.contains(document.activeElement)) button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      current = false;
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, term, i18n.language]);
  const name = t(`glossary.terms.${term}`);
  return (
    <span className="glossary-term" ref={wrapper}>
      {children}
      <button
        ref={button}
        type="button"
        className="glossary-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('glossary.explain', { term: name })}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">?</span>
      </button>
      {/* A live region present before it opens, so screen readers announce what appears in it (not
          role="status": that is the page's one flash message). */}
      <span id={id} aria-live="polite" className="glossary-tip-region">
        {open && definition ? (
          <span className="glossary-tip">
            <strong>{name}</strong>: {definition}
          </span>
        ) : null}
      </span>
    </span>
  );
}
