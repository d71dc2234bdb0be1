import { describe, expect, it } from 'vitest';
import { safeRedirect } from '~/auth/redirect.server';
import { requestContext } from '../request-context';

// Where a browser ends up when it follows `Location: <path>` from a page of this app.
const landsOn = (location: string) => new URL(location, 'http://localhost:3000/login').origin;

describe('safeRedirect keeps people on this app', () => {
  it.each([
    ['/pools/1', '/pools/1'],
    ['/advice?q=wonen&page=2#results', '/advice?q=wonen&page=2#results'],
    ['/q/abc123', '/q/abc123'],
    ['http://localhost:3000/profile', '/profile'],
  ])('a path of the app: %j → %j', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  // The known ways around a "starts with one slash" check (OWASP, PortSwigger's open-redirect lists).
  it.each([
    ['absolute URL', 'https://evil.example/x'],
    ['scheme-relative', '//evil.example/x'],
    ['slash backslash', '/\\evil.example/x'],
    ['two backslashes', '\\\\evil.example/x'],
    ['tab between the slashes', '/\t/evil.example/x'],
    ['newline between the slashes', '/\n/evil.example/x'],
    ['carriage return between the slashes', '/\r/evil.example/x'],
    ['dot segment that leaves two slashes', '/.//evil.example/x'],
    ['dot-dot segment that leaves two slashes', '/..//evil.example/x'],
    ['ideographic full stop in the host', '//evil。example/x'],
    ['fullwidth full stop in the host', '//evil．example/x'],
    ['leading space', ' //evil.example/x'],
    ['leading control character', '\u0001//evil.example/x'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['userinfo trick', 'https://localhost:3000@evil.example/x'],
    ['other port', 'http://localhost:3001/x'],
  ])('%s goes to the default instead', (_, input) => {
    expect(safeRedirect(input)).toBe('/');
  });

  // Forms that look odd but resolve to a path of this app: they stay here, encoded, never elsewhere.
  it.each([
    ['encoded slashes', '/%2F%2Fevil.example/x'],
    ['encoded backslash', '/%5Cevil.example/x'],
    ['unicode spaces', '/\u3000/evil.example/x'],
    ['two-dot leader', '/\u2025/evil.example/x'],
    ['fullwidth dots as a segment', '/\uff0e\uff0e/evil.example/x'],
  ])('%s stays on this origin', (_, input) => {
    const target = safeRedirect(input);
    expect(target.startsWith('/')).toBe(true);
    expect(target.startsWith('//')).toBe(false);
    expect(landsOn(target)).toBe('http://localhost:3000');
  });

  it.each([
    ['CR LF (header injection)', '/profile\r\nSet-Cookie: x=1'],
    ['NUL', '/profile\u0000x'],
  ])('%s cannot reach the Location header', (_, input) => {
    const target = safeRedirect(input);
    expect(target).not.toMatch(/[\r\n\0]/);
    expect(() => new Headers({ Location: target })).not.toThrow();
    expect(landsOn(target)).toBe('http://localhost:3000');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['a number', 42],
    ['a 5 000-character path', '/' + 'a'.repeat(5000)],
  ])('%s is no target', (_, input) => {
    expect(safeRedirect(input, '/start')).toBe('/start');
  });
});

describe('every route that redirects to a target from the request', () => {
  async function switchLanguage(redirectTo: string) {
    const { action } = await import('~/routes/set-language');
    const body = new URLSearchParams({ lang: 'en', redirectTo });
    const request = new Request('http://localhost:3000/set-language', { method: 'POST', body });
    return (await action({ request, params: {}, context: requestContext() })) as Response;
  }

  it.each([
    ['/\t/evil.example/x'],
    ['/.//evil.example/x'],
    ['/\\evil.example'],
    ['/profile\r\nSet-Cookie: x=1'],
    ['/profile\u0000'],
  ])('switching language with redirectTo=%j stays on the app (and never fails)', async (redirectTo) => {
    const response = await switchLanguage(redirectTo);
    expect(response.status).toBe(302);
    expect(landsOn(response.headers.get('Location')!)).toBe('http://localhost:3000');
  });
});
