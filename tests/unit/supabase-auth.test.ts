// Supabase's hosted Auth API (GoTrue) cannot run here, so this test fakes its HTTP API with the
// handful of endpoints supabase-js calls; everything on our side (@supabase/ssr, cookies) is real.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabaseAuth } from '~/auth/supabase.server';
import { requestContext } from '../request-context';

const USER = {
  id: '5f0c2a57-1111-4a4a-9c9c-222233334444',
  email: 'lid@example.org',
  aud: 'authenticated',
  role: 'authenticated',
  app_metadata: {},
  user_metadata: {},
  created_at: new Date().toISOString(),
};

function fakeJwt(sub: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub, email: USER.email, role: 'authenticated', aud: 'authenticated', exp })}.c2lnbmF0dXJl`;
}

let server: Server;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  const token = fakeJwt(USER.id);
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/auth/v1/token?grant_type=password')) {
        const { password } = JSON.parse(body) as { password: string };
        if (password !== 'right-password') {
          res.statusCode = 400;
          res.end(JSON.stringify({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' }));
          return;
        }
        res.end(
          JSON.stringify({
            access_token: token,
            token_type: 'bearer',
            expires_in: 3600,
            expires_at: Math.floor(Date.now() / 1000) + 3600,
            refresh_token: 'refresh-1',
            user: USER,
          }),
        );
        return;
      }
      if (req.url === '/auth/v1/user') {
        if (req.headers.authorization !== `Bearer ${token}`) {
          res.statusCode = 401;
          res.end(JSON.stringify({ code: 401, msg: 'invalid JWT' }));
          return;
        }
        res.end(JSON.stringify(USER));
        return;
      }
      if (req.url?.startsWith('/auth/v1/logout')) {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cookiesFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c!.endsWith('='))
    .join('; ');
}

describe('Supabase Auth through @supabase/ssr', () => {
  const auth = () => createSupabaseAuth({ url, anonKey: 'anon-key' });

  it('signs in, keeps the session in its cookies, and yields the same User shape as local auth', async () => {
    const signIn = await auth().signIn(new Request('http://localhost/login'), 'lid@example.org', 'right-password');
    expect(signIn.user).toEqual({ id: USER.id, email: USER.email });
    const cookie = cookiesFrom(signIn.headers);
    expect(cookie).toMatch(/^sb-127-auth-token/);

    const { user } = await auth().currentUser(new Request('http://localhost/', { headers: { Cookie: cookie } }));
    expect(user).toEqual({ id: USER.id, email: USER.email });
    expect(seen).toContain('GET /auth/v1/user');
  });

  it('a wrong password is no user and sets no session cookie', async () => {
    const signIn = await auth().signIn(new Request('http://localhost/login'), 'lid@example.org', 'wrong');
    expect(signIn.user).toBeNull();
    expect(cookiesFrom(signIn.headers)).toBe('');
  });

  it('without cookies there is no user', async () => {
    expect((await auth().currentUser(new Request('http://localhost/'))).user).toBeNull();
  });
});

describe('signing out everywhere from the profile (Supabase mode)', () => {
  it("calls Supabase's global sign-out, which ends this browser's session too", async () => {
    // The app reads SUPABASE_URL when its modules load; this file loads them only now.
    process.env.SUPABASE_URL = url;
    process.env.SUPABASE_ANON_KEY = 'anon-key';
    const signIn = await createSupabaseAuth({ url, anonKey: 'anon-key' }).signIn(
      new Request('http://localhost/login'),
      'lid@example.org',
      'right-password',
    );
    const { action } = await import('~/routes/profile');
    const request = new Request('http://localhost/profile', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'end-other-sessions' }),
      headers: { Cookie: cookiesFrom(signIn.headers) },
    });
    const before = seen.length;
    const response = await action({ request, params: {}, context: requestContext() });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/');
    expect(seen.slice(before)).toContain('POST /auth/v1/logout?scope=global');
  });
});
