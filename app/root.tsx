import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { commit, getSession } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { hasTranslation, i18nFor } from '~/i18n/i18n';
import { direction, DEFAULT_LOCALE, type Locale } from '~/i18n/locales';
import { detectLocale } from '~/i18n/locale.server';
import { SHELL_TEXTS } from '~/i18n/domains';
import { textsOf } from '~/i18n/texts';
import { countUnread } from '~/notifications/queries.server';
import { isOffline } from '~/offline-requests';
import { AppFooter } from '~/ui/AppFooter';
import { AppHeader } from '~/ui/AppHeader';
import { Flash } from '~/ui/Flash';
import { useFocusOnFormErrors } from '~/ui/focus-errors';
import { useNonce } from '~/ui/nonce';
import styles from '~/styles/app.css';

/** The default title; routes with their own meta replace it. */
export const meta: MetaFunction = () => [{ title: 'Expertpool' }];

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, session] = await Promise.all([detectLocale(request), getUser(request), getSession(request)]);
  // The bell's count (an index-only count) for the header.
  const unread = user ? await withUser(user, (tx) => countUnread(tx, user.id)) : 0;
  const flashKey = session.get('flash');
  return json(
    {
      locale,
      user: user ? { name: user.name, unread } : null,
      // Written here, where every text is: a flash set by one domain's action shows on another's page.
      flash: flashKey ? i18nFor(locale).t(flashKey) : null,
      // The dev outbox holds reset links: only admins may open it, so only they see the link.
      devOutbox: config.embedded && Boolean(user?.isAdmin),
    },
    { headers: flashKey ? await commit(session) : undefined },
  );
}

export type RootData = typeof loader;

/**
 * The root's data holds the flash and the bell's count, both of which change as the person moves on:
 * without this, a page reached by a link would keep the previous page's flash (shown twice) and a stale
 * count, since Remix reloads a parent's data on navigation only when its params change. After a write
 * that never left the browser (~/offline-requests) nothing changed, and a reload would fail the same way.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult }) => !isOffline(actionResult);

/** The domains of texts the page's routes name beyond the shell's: the browser loads them before hydrating. */
function usePageTexts(): string {
  const named = useMatches().flatMap((match) => textsOf(match.handle));
  return [...new Set(named)].filter((domain) => !SHELL_TEXTS.includes(domain)).join(' ');
}

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const nonce = useNonce();
  const i18n = i18nFor(locale);
  const texts = usePageTexts();
  useEffect(() => {
    // The language changed without a full page load (e.g. taken from the profile at sign-in): this
    // browser has only the previous language's texts, so it loads the page afresh in the new one.
    if (!hasTranslation(locale)) window.location.reload();
  }, [locale]);
  return (
    <html lang={locale} dir={direction(locale)} data-texts={texts || undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  useFocusOnFormErrors();
  return (
    <Document locale={data.locale}>
      <AppHeader
        locale={data.locale}
        userName={data.user?.name ?? null}
        unread={data.user?.unread ?? 0}
        devOutbox={data.devOutbox}
      />
      <main id="main" tabIndex={-1}>
        {data.flash ? <Flash message={data.flash} /> : null}
        <Outlet />
      </main>
      <AppFooter />
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <Document locale={locale}>
      <AppHeader
        locale={locale}
        userName={data?.user?.name ?? null}
        unread={data?.user?.unread ?? 0}
        devOutbox={data?.devOutbox ?? false}
      />
      <main id="main" tabIndex={-1}>
        <ErrorPage />
      </main>
      <AppFooter />
    </Document>
  );
}

const ERROR_KINDS: Record<number, string> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 413: 'tooLarge' };

/** Says what happened in the person's language and nothing about the server's insides. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ERROR_KINDS[status] ?? 'server';
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${kind}Title`)}</h1>
      <p>{t(`errors.${kind}Text`)}</p>
      <p>
        <a href="/">{t('errors.backHome')}</a>
      </p>
    </section>
  );
}
