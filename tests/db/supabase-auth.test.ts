// Supabase mode end to end on the app's side, against a FAKE of Supabase's Auth API (GoTrue): hosted
// Auth cannot run here, so tests/fake-gotrue.ts answers as GoTrue documents it and keeps its users in
// this test's database, as GoTrue keeps them in the project's. The routes, @supabase/ssr and
// supabase-js are the real ones; each request runs under collectAuthHeaders as server/index.ts runs it.
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { PUBLISHABLE_KEY, SECRET_KEY, startFakeGoTrue, type FakeGoTrue } from '../fake-gotrue';
import { requestContext } from '../request-context';
import { seededAppWorld } from './app-database';

// The app reads its configuration when its modules load, before any hook runs; the fake listens on a
// port of this worktree's range, so its address is known that early.
const FAKE_PORT = 3441;
vi.hoisted(() => {
  process.env.SUPABASE_URL = 'http://127.0.0.1:3441';
  process.env.SUPABASE_PUBLISHABLE_KEY = 'sb_publishable_fake-for-tests';
  process.env.SUPABASE_SECRET_KEY = 'sb_secret_fake-for-tests';
  process.env.APP_URL = 'http://localhost';
});

const world = seededAppWorld();
let gotrue: FakeGoTrue;
beforeAll(async () => {
  expect([process.env.SUPABASE_PUBLISHABLE_KEY, process.env.SUPABASE_SECRET_KEY]).toEqual([
    PUBLISHABLE_KEY,
    SECRET_KEY,
  ]);
  gotrue = await startFakeGoTrue(world().database, { port: FAKE_PORT });
});
afterAll(() => gotrue.close());
afterEach(() => vi.useRealTimers());

const context: AppLoadContext = requestContext();
const DEMO_PASSWORD = 'expertpool';

/** A browser's cookies: what each response sets or clears is what the next request sends. */
class Browser {
  private cookies = new Map<string, string>();
  get cookie() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  names() {
    return [...this.cookies.keys()];
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const cleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  request(path: string, form?: Record<string, string>) {
    const headers = { Cookie: this.cookie };
    return form
      ? new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(form), headers })
      : new Request(`http://localhost${path}`, { headers });
  }
}

/**
 * One request through the app as the server runs it: headers auth sets on the way go out with the
 * response (Set-Cookie appended, as Express does), a thrown Response is the answer (as Remix makes it).
 */
async function send(browser: Browser, handle: () => Promise<Response | null>): Promise<Response> {
  const { collectAuthHeaders } = await import('~/auth/response-headers.server');
  const collected = new Headers();
  const response = await collectAuthHeaders(
    (name, value) => (name.toLowerCase() === 'set-cookie' ? collected.append(name, value) : collected.set(name, value)),
    () => handle().catch((thrown: unknown) => (thrown instanceof Response ? thrown : Promise.reject(thrown))),
  );
  const answer = response ?? new Response(null);
  const merged = new Headers(answer.headers);
  for (const [name, value] of collected) if (name !== 'set-cookie') merged.set(name, value);
  for (const cookie of collected.getSetCookie()) merged.append('Set-Cookie', cookie);
  return browser.take(new Response(answer.body, { status: answer.status, headers: merged }));
}

const route = async (name: string) =>
  (await (name === 'root' ? import('~/root') : import(`~/routes/${name}.tsx`))) as {
    loader?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response>;
    action?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response>;
  };
const load = async (browser: Browser, name: string, path: string, params: Record<string, string> = {}) => {
  const { loader } = await route(name);
  return send(browser, () => loader!({ request: browser.request(path), params, context }));
};
const post = async (
  browser: Browser,
  name: string,
  path: string,
  form: Record<string, string>,
  params: Record<string, string> = {},
) => {
  const { action } = await route(name);
  return send(browser, () => action!({ request: browser.request(path, form), params, context }));
};

async function signedIn(email: string, password = DEMO_PASSWORD): Promise<Browser> {
  const browser = new Browser();
  const response = await post(browser, 'login', '/login', { email, password, redirectTo: '/' });
  expect(response.status).toBe(302);
  return browser;
}

/** Who the app thinks the browser is, by the root loader every page runs. */
async function whoIs(browser: Browser): Promise<string | null> {
  const response = await load(browser, 'root', '/');
  return ((await response.json()) as { user: { name: string } | null }).user?.name ?? null;
}

const calls = (prefix: string) => gotrue.requests.filter((r) => r.startsWith(prefix)).length;
const profileOf = (email: string) =>
  runAsSystem(world().database, (tx) =>
    tx
      .selectFrom('auth.users')
      .leftJoin('profiles', 'profiles.id', 'auth.users.id')
      .select(['auth.users.id', 'auth.users.email', 'profiles.display_name', 'profiles.deleted_at'])
      .where('auth.users.email', '=', email)
      .executeTakeFirst(),
  );

describe('signing in with Supabase Auth', () => {
  it("sets Supabase's session cookies on the redirect, and pages know the person without asking Auth", async () => {
    const browser = await signedIn('lid@demo.expertpool.nl');
    expect(browser.names().some((name) => name.startsWith('sb-127-auth-token'))).toBe(true);
    const before = calls('GET /auth/v1/user');
    expect(await whoIs(browser)).toBe('Yonas');
    expect(await whoIs(browser)).toBe('Yonas');
    // Verified locally against the published key: no round trip to Auth per request.
    expect(calls('GET /auth/v1/user')).toBe(before);
    expect(calls('GET /auth/v1/.well-known/jwks.json')).toBeLessThanOrEqual(1);
  });

  it('a wrong password is refused and sets no session cookie', async () => {
    const browser = new Browser();
    const response = await post(browser, 'login', '/login', {
      email: 'lid@demo.expertpool.nl',
      password: 'not-the-password',
      redirectTo: '/',
    });
    expect(response.status).toBe(401);
    expect(browser.names()).toEqual([]);
  });

  it('refreshes an access token that expires in the middle of a page view once, on that response, and the next request uses the new one', async () => {
    const browser = await signedIn('reza@demo.expertpool.nl');
    expect(await whoIs(browser)).not.toBeNull();
    const cookieBefore = browser.cookie;
    // Two hours later the access token (one hour) has expired; the refresh token still works.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 60 * 60 * 1000 });
    const refreshes = calls('POST /auth/v1/token?grant_type=refresh_token');

    // A page: the root loader and the route's loader run at once, as Remix runs them.
    const { loader: rootLoader } = await route('root');
    const { loader: profileLoader } = await route('profile');
    const page = await send(browser, async () => {
      const [root, profile] = await Promise.all([
        rootLoader!({ request: browser.request('/profile'), params: {}, context }),
        profileLoader!({ request: browser.request('/profile'), params: {}, context }),
      ]);
      expect(profile.status).toBe(200);
      return root;
    });
    expect(page.status).toBe(200);
    expect(((await page.json()) as { user: unknown }).user).not.toBeNull();
    expect(calls('POST /auth/v1/token?grant_type=refresh_token')).toBe(refreshes + 1);
    expect(page.headers.getSetCookie().some((c) => c.startsWith('sb-127-auth-token'))).toBe(true);
    expect(page.headers.get('Cache-Control')).toMatch(/private|no-store/);
    expect(browser.cookie).not.toBe(cookieBefore);

    // The next request carries the new session: no second refresh.
    expect(await whoIs(browser)).not.toBeNull();
    expect(calls('POST /auth/v1/token?grant_type=refresh_token')).toBe(refreshes + 1);
  });

  it('a session whose refresh token was revoked ends: the cookies are cleared and the page asks to sign in', async () => {
    const browser = await signedIn('tesfay@demo.expertpool.nl');
    // Signed out everywhere from another device: the refresh token is revoked.
    const other = await signedIn('tesfay@demo.expertpool.nl');
    await post(other, 'profile', '/profile', { intent: 'end-other-sessions' });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 60 * 60 * 1000 });
    const response = await load(browser, 'profile', '/profile');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/login\?/);
    expect(browser.names().some((name) => name.startsWith('sb-127-auth-token'))).toBe(false);
  });

  it('a tampered access token is nobody, even with a valid-looking signature from another token', async () => {
    const browser = await signedIn('lid@demo.expertpool.nl');
    const [name, value] = browser.cookie
      .split('; ')
      .find((c) => c.startsWith('sb-127-auth-token'))!
      .split(/=(.*)/s);
    const session = JSON.parse(
      Buffer.from(decodeURIComponent(value!).slice('base64-'.length), 'base64url').toString(),
    ) as {
      access_token: string;
    };
    const [header, payload, signature] = session.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = (changes: Record<string, unknown>, head = header) =>
      `${head}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
    const admin = world().ids.admin;
    for (const access_token of [
      forged({ sub: admin, email: 'admin@demo.expertpool.nl' }),
      // An HMAC token is checked with Auth (/user), which does not know it.
      forged({ sub: admin }, Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')),
    ]) {
      const tampered = `base64-${Buffer.from(JSON.stringify({ ...session, access_token })).toString('base64url')}`;
      const request = new Request('http://localhost/', { headers: { Cookie: `${name}=${tampered}` } });
      const { getUser } = await import('~/auth/auth.server');
      const { collectAuthHeaders } = await import('~/auth/response-headers.server');
      expect(
        await collectAuthHeaders(
          () => {},
          () => getUser(request),
        ),
      ).toBeNull();
    }
  });
});

describe('the links in Supabase mails (/auth/callback)', () => {
  it('reset: the PKCE verifier cookie goes out with the form, the link signs in, and a new password is chosen', async () => {
    const browser = new Browser();
    const asked = await post(browser, 'forgot-password', '/forgot-password', { email: 'nour@demo.expertpool.nl' });
    expect(asked.status).toBe(200);
    expect(browser.names().some((name) => name.endsWith('-code-verifier'))).toBe(true);
    const mail = gotrue.mails.filter((m) => m.to === 'nour@demo.expertpool.nl' && m.kind === 'recovery').at(-1)!;
    const link = new URL(mail.link);
    expect(link.pathname).toBe('/auth/callback');
    expect(link.searchParams.get('next')).toBe('/reset-password');

    const landed = await load(browser, 'auth.callback', `${link.pathname}${link.search}`);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('Location')).toBe('/reset-password');
    expect(browser.names().some((name) => name.endsWith('-code-verifier'))).toBe(false);
    expect(await whoIs(browser)).not.toBeNull();

    const short = await post(browser, 'reset-password._index', '/reset-password', { password: 'short' });
    expect(short.status).toBe(400);
    const chosen = await post(browser, 'reset-password._index', '/reset-password', { password: 'a new long password' });
    expect(chosen.status).toBe(302);
    await signedIn('nour@demo.expertpool.nl', 'a new long password');
  });

  it('a forged code or token signs nobody in; an unknown link type or nothing to verify is not found', async () => {
    const browser = new Browser();
    for (const query of ['?code=forged', '?token_hash=forged&type=invite']) {
      const response = await load(browser, 'auth.callback', `/auth/callback${query}&next=/profile`);
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/login');
    }
    for (const query of ['?token_hash=x&type=nonsense', '?next=/profile', '?token_hash=x']) {
      expect((await load(browser, 'auth.callback', `/auth/callback${query}`)).status).toBe(404);
    }
    expect(browser.names().some((name) => name.startsWith('sb-127-auth-token'))).toBe(false);
  });

  it('`next` never leaves the site, even when the link was altered', async () => {
    const browser = new Browser();
    await post(browser, 'forgot-password', '/forgot-password', { email: 'olena@demo.expertpool.nl' });
    const mail = gotrue.mails.filter((m) => m.to === 'olena@demo.expertpool.nl').at(-1)!;
    const link = new URL(mail.link);
    link.searchParams.set('next', '//evil.example/steal');
    const landed = await load(browser, 'auth.callback', `${link.pathname}${link.search}`);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('Location')).toBe('/');
  });
});

describe('accounts through the admin API', () => {
  it('an invitation: Supabase mails it, its link signs in, the person chooses name and password and is in the pool', async () => {
    const coordinator = await signedIn('coordinator@demo.expertpool.nl');
    const poolId = world().pools.alkmaar;
    const invited = await post(
      coordinator,
      'pools.$poolId',
      `/pools/${poolId}`,
      { email: 'nieuw.lid@example.org' },
      { poolId },
    );
    expect(invited.status).toBe(302);
    expect(calls('POST /auth/v1/invite')).toBeGreaterThan(0);
    // The account exists at once, with a profile (handle_new_user), but no password yet.
    expect((await profileOf('nieuw.lid@example.org'))?.display_name).toBe('nieuw.lid');

    const mail = gotrue.mails.filter((m) => m.to === 'nieuw.lid@example.org' && m.kind === 'invite').at(-1)!;
    const link = new URL(mail.link);
    const invitee = new Browser();
    const landed = await load(invitee, 'auth.callback', `${link.pathname}${link.search}`);
    const acceptPath = landed.headers.get('Location')!;
    expect(acceptPath).toMatch(/^\/invite\/[\w-]+$/);
    const token = acceptPath.split('/')[2]!;

    const page = await load(invitee, 'invite.$token', acceptPath, { token });
    expect(((await page.json()) as { invitation: { hasAccount: boolean } }).invitation.hasAccount).toBe(false);
    const accepted = await post(
      invitee,
      'invite.$token',
      acceptPath,
      { displayName: 'Nieuw Lid', password: 'my own long password' },
      { token },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('Location')).toBe('/profile');
    const account = (await profileOf('nieuw.lid@example.org'))!;
    expect(account.display_name).toBe('Nieuw Lid');
    const membership = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('pool_memberships')
        .select('role')
        .where('user_id', '=', account.id)
        .where('pool_id', '=', poolId)
        .executeTakeFirst(),
    );
    expect(membership?.role).toBe('member');
    expect(await whoIs(invitee)).toBe('Nieuw Lid');
    await signedIn('nieuw.lid@example.org', 'my own long password');
  });

  it('an invitation to an address Supabase already knows is mailed by the app itself', async () => {
    const coordinator = await signedIn('coordinator@demo.expertpool.nl');
    const poolId = world().pools.twente;
    const mailsBefore = gotrue.mails.length;
    const invited = await post(
      coordinator,
      'pools.$poolId',
      `/pools/${poolId}`,
      { email: 'nour@demo.expertpool.nl' },
      { poolId },
    );
    expect(invited.status).toBe(302);
    expect(gotrue.mails.length).toBe(mailsBefore);
    const queued = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('outbox').select('body_text').where('to_address', '=', 'nour@demo.expertpool.nl').execute(),
    );
    expect(queued.some((m) => m.body_text.includes('/invite/'))).toBe(true);
  });

  it('a sign-up link makes the account with createUser; of two racing for its last place one joins and the other leaves no account', async () => {
    const coordinator = await signedIn('coordinator@demo.expertpool.nl');
    const poolId = world().pools.alkmaar;
    await post(
      coordinator,
      'pools.$poolId_.invitations',
      `/pools/${poolId}/invitations`,
      { intent: 'link', days: '7', maxUses: '1' },
      { poolId },
    );
    const { token } = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('invitation_links')
        .select('token')
        .where('pool_id', '=', poolId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow(),
    );
    const join = (email: string) =>
      post(
        new Browser(),
        'join.$token',
        `/join/${token}`,
        { email, displayName: email.split('@')[0]!, password: 'a long password here' },
        { token },
      );
    const answers = await Promise.all([join('racer.een@example.org'), join('racer.twee@example.org')]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    const accounts = await Promise.all([profileOf('racer.een@example.org'), profileOf('racer.twee@example.org')]);
    expect(accounts.filter(Boolean)).toHaveLength(1);
    expect(accounts.find(Boolean)!.display_name).toMatch(/^racer\.(een|twee)$/);
  });

  it('a dead sign-up link makes no account at all', async () => {
    const before = calls('POST /auth/v1/admin/users');
    const response = await post(
      new Browser(),
      'join.$token',
      '/join/not-a-link',
      {
        email: 'niemand@example.org',
        displayName: 'Niemand',
        password: 'a long password here',
      },
      { token: 'not-a-link' },
    );
    expect(response.status).toBe(400);
    expect(calls('POST /auth/v1/admin/users')).toBe(before);
    expect(await profileOf('niemand@example.org')).toBeUndefined();
  });

  it("deleting one's data soft-deletes the account with deleteUser, and its still-valid token opens nothing", async () => {
    const browser = await signedIn('mehmet@demo.expertpool.nl');
    const kept = browser.cookie;
    const id = world().idOf('mehmet@demo.expertpool.nl');
    const response = await post(browser, 'profile_.delete', '/profile/delete', { confirm: 'verwijder' });
    expect(response.status).toBe(302);
    expect(gotrue.requests).toContain(`DELETE /auth/v1/admin/users/${id}`);
    const row = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('auth.users').select(['email', 'encrypted_password']).where('id', '=', id).executeTakeFirst(),
    );
    // The row stays (contributions keep their author's id) with no way in.
    expect(row).toEqual({ email: null, encrypted_password: '' });
    expect(await whoIs(browser)).toBeNull();
    // A copy of the cookie from before: the access token is still within its hour, yet it is nobody.
    const copy = new Browser();
    copy.take(new Response(null, { headers: kept.split('; ').map((c) => ['Set-Cookie', c] as [string, string]) }));
    expect(await whoIs(copy)).toBeNull();
  });
});
