import { createCookieSessionStorage, type Session } from '@remix-run/node';
import { config, sessionSecret } from '~/config.server';

interface SessionData {
  /** Local auth: the secret of the server-side session (auth_sessions); the cookie is nothing without it. */
  secret: string;
}
interface FlashData {
  flash: string;
}

export const sessionStorage = createCookieSessionStorage<SessionData, FlashData>({
  cookie: {
    name: '__expertpool',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: 60 * 60 * 24 * 14,
    secrets: [sessionSecret()],
  },
});

export type AppSession = Session<SessionData, FlashData>;

export function getSession(request: Request): Promise<AppSession> {
  return sessionStorage.getSession(request.headers.get('Cookie'));
}

export async function commit(session: AppSession): Promise<Headers> {
  return new Headers({ 'Set-Cookie': await sessionStorage.commitSession(session) });
}

/** Sets a one-time message (an i18n key) shown on the next page, and returns the cookie header. */
export async function flash(request: Request, messageKey: string): Promise<Headers> {
  const session = await getSession(request);
  session.flash('flash', messageKey);
  return commit(session);
}
