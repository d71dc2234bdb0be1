import { requestContext } from '../request-context';

/** Signs in through the login route, as a browser would, and returns the session cookie to send back. */
export async function signInCookie(email: string, options: { ip?: string; userAgent?: string } = {}) {
  const { action } = await import('~/routes/login');
  const body = new URLSearchParams({ email, password: 'expertpool', redirectTo: '/' });
  const headers = options.userAgent ? { 'User-Agent': options.userAgent } : undefined;
  const request = new Request('http://localhost/login', { method: 'POST', body, headers });
  const response = await action({ request, params: {}, context: requestContext(options.ip ?? '10.9.0.1') });
  const cookie = response.headers.get('Set-Cookie');
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  return cookie.split(';')[0]!;
}

/** A GET of `path` carrying `cookie` (or none, for anon). */
export const pageRequest = (path: string, cookie?: string) =>
  new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
