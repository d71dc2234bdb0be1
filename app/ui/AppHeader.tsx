import { Form, Link, useLocation } from '@remix-run/react';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetBrowserCopies } from './browser-copies';
import { LOCALES, localeName, type Locale } from '~/i18n/locales';

interface Props {
  locale: Locale;
  userName: string | null;
  /** Unread notifications of the signed-in person (the bell). */
  unread: number;
  devOutbox: boolean;
}

/**
 * Brand, bell and a menu. The menu is a native <details> disclosure, so it opens without JavaScript and
 * screen readers announce its state; on a wide screen the stylesheet shows its contents in the bar.
 */
export function AppHeader({ locale, userName, unread, devOutbox }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const menu = useAppMenu(location.key);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      {userName ? (
        // The count is in the link's name, so a screen reader says it where the eye sees the badge.
        <Link
          to="/notifications"
          className="bell"
          aria-label={unread > 0 ? t('nav.bellUnread', { count: unread }) : t('nav.bell')}
        >
          <span aria-hidden="true">🔔</span> <span className="bell-label">{t('nav.notifications')}</span>
          {unread > 0 ? (
            <span className="bell-count" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </Link>
      ) : null}
      <details className="app-menu unfold-wide" ref={menu.ref} onKeyDown={menu.closeOnEscape}>
        <summary>{t('nav.menu')}</summary>
        <div className="app-menu-panel">
          <nav aria-label={t('nav.main')}>
            <ul>
              <li>
                <Link to="/advice">{t('nav.advice')}</Link>
              </li>
              {userName ? (
                <>
                  <li>
                    <Link to="/signals">{t('nav.signals')}</Link>
                  </li>
                  <li>
                    <Link to="/questionnaires">{t('nav.questionnaires')}</Link>
                  </li>
                  <li>
                    <Link to="/sessions">{t('nav.sessions')}</Link>
                  </li>
                  <li>
                    <Link to="/profile">{t('nav.profile')}</Link>
                  </li>
                </>
              ) : (
                <li>
                  <Link to="/login">{t('nav.signIn')}</Link>
                </li>
              )}
              {devOutbox ? (
                <li>
                  <Link to="/dev/outbox">{t('nav.outbox')}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          {userName ? (
            <div className="signed-in">
              <span>{t('nav.signedInAs', { name: userName })}</span>{' '}
              <Form method="post" action="/logout" className="inline-form" reloadDocument onSubmit={signOutForgetting}>
                <button type="submit" className="link-button">
                  {t('nav.signOut')}
                </button>
              </Form>
            </div>
          ) : null}
          {/* A full page load: the browser then fetches the new language's texts before the page starts. */}
          <Form method="post" action="/set-language" className="language-switcher" reloadDocument>
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <label htmlFor="language-select">{t('nav.language')}</label>
            <select id="language-select" name="lang" defaultValue={locale} key={locale}>
              {LOCALES.map((code) => (
                <option dir="auto" key={code} value={code} lang={code}>
                  {localeName(code)}
                </option>
              ))}
            </select>
            <button type="submit">{t('nav.changeLanguage')}</button>
          </Form>
        </div>
      </details>
    </header>
  );
}

/**
 * The sign-out response clears the site's storage (`Clear-Site-Data`); the page deletes the board copies
 * itself first as well, in case a browser or proxy drops that header. Then the form goes as a normal page
 * load (the native submit does not fire this handler again).
 */
function signOutForgetting(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  const form = event.currentTarget;
  void forgetBrowserCopies().finally(() => form.submit());
}

/** Escape closes the menu and gives focus back to its button; moving to another page closes it too. */
function useAppMenu(locationKey: string) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [locationKey]);
  function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
    const details = event.currentTarget;
    if (event.key !== 'Escape' || !details.open) return;
    details.open = false;
    details.querySelector('summary')?.focus();
  }
  return { ref, closeOnEscape };
}
