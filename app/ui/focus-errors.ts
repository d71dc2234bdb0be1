import { useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';

/**
 * After a form comes back refused, moves focus to the first thing that says why — the form's error
 * summary, else the first field marked invalid — and scrolls it to the middle of the screen. On a phone
 * the submit button sits far below the messages; without this, people tap again and again. Used once,
 * in the root, so every form of the app does it.
 */
export function useFocusOnFormErrors() {
  const { state } = useNavigation();
  const submitted = useRef(false);
  useEffect(() => {
    if (state === 'submitting') submitted.current = true;
    if (state !== 'idle' || !submitted.current) return;
    submitted.current = false;
    const first = document.querySelector<HTMLElement>('main .form-error, main [aria-invalid="true"]');
    if (!first) return;
    first.focus({ preventScroll: true });
    first.scrollIntoView({ block: 'center' });
  }, [state]);
}
