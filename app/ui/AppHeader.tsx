import { Form, Link, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '~/i18n/locales';

interface Props {
  locale: Locale;
  userName: string | null;
  /** Unread notifications of the signed-in person (the bell). */
  unread: number;
  devOutbox: boolean;
}

export function AppHeader({ locale, userName, unread, devOutbox }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      <nav aria-label={t('nav.main')}>
        <ul>
          <li>
            <Link to="/advice">{t('advice.nav')}</Link>
          </li>
          {devOutbox ? (
            <li>
              <Link to="/dev/outbox">{t('nav.outbox')}</Link>
            </li>
          ) : null}
          {userName ? (
            <>
              <li>
                <Link to="/signals">{t('signals.nav')}</Link>
              </li>
              <li>
                <Link to="/questionnaires">{t('questionnaires.nav')}</Link>
              </li>
            </>
          ) : null}
          {userName ? (
            <li>
              <Link to="/sessions">{t('sessions.nav')}</Link>
            </li>
          ) : null}
          {userName ? (
            <li>
              {/* The count is in the link's name, so a screen reader says it where the eye sees the badge. */}
              <Link
                to="/notifications"
                className="bell"
                aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
              >
                <span aria-hidden="true">🔔</span> {t('notifications.nav')}
                {unread > 0 ? (
                  <span className="bell-count" aria-hidden="true">
                    {unread > 99 ? '99+' : unread}
                  </span>
                ) : null}
              </Link>
            </li>
          ) : null}
          {userName ? (
            <li>
              <Link to="/profile">{t('people.nav.profile')}</Link>
            </li>
          ) : null}
          {userName ? (
            <li>
              <span className="signed-in">{t('nav.signedInAs', { name: userName })}</span>{' '}
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t('nav.signOut')}
                </button>
              </Form>
            </li>
          ) : (
            <li>
              <Link to="/login">{t('nav.signIn')}</Link>
            </li>
          )}
        </ul>
      </nav>
      <Form method="post" action="/set-language" className="language-switcher">
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <label htmlFor="language-select">{t('nav.language')}</label>
        <select id="language-select" name="lang" defaultValue={locale} key={locale}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languages.${code}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('nav.changeLanguage')}</button>
      </Form>
    </header>
  );
}
