import { RawNode, sql, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLocalAuth, localAccounts } from '~/auth/local.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { seededAppWorld, useAsAppDatabase } from './app-database';
import { pageRequest, signInCookie } from './sign-in';
import { requestContext } from '../request-context';

// Issue 16, item 5: sessions live on the server. A copied cookie used to keep working after
// sign-out, a password reset or the account's deletion.
const world = seededAppWorld();

const context = requestContext('10.20.0.1');

/** What a page answers for the cookie: 200, or the redirect to the sign-in page. */
async function statusOf(path: '/profile' | '/questionnaires', cookie: string) {
  const route = path === '/profile' ? await import('~/routes/profile') : await import('~/routes/questionnaires._index');
  try {
    return (await route.loader({ request: pageRequest(path, cookie), params: {}, context })).status;
  } catch (thrown) {
    if (thrown instanceof Response)
      return thrown.headers.get('Location')?.startsWith('/login') ? 'sign-in' : thrown.status;
    throw thrown;
  }
}

async function post(path: string, cookie: string, fields: Record<string, string>, params = {}) {
  const modules: Record<string, () => Promise<{ action: (args: never) => Promise<Response> }>> = {
    '/logout': () => import('~/routes/logout'),
    '/profile': () => import('~/routes/profile'),
    '/profile/delete': () => import('~/routes/profile_.delete'),
    '/reset-password': () => import('~/routes/reset-password.$token'),
  };
  const { action } = await modules[path]!();
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie },
  });
  return action({ request, params, context } as never);
}

const cookieFrom = (response: Response) => response.headers.get('Set-Cookie')!.split(';')[0]!;

describe('a copied session cookie', () => {
  it('stops working when its browser signs out', async () => {
    const cookie = await signInCookie('amal@demo.expertpool.nl');
    const copy = cookie;
    expect(await statusOf('/profile', copy)).toBe(200);
    await post('/logout', cookie, {});
    expect(await statusOf('/profile', copy)).toBe('sign-in');
  });

  it('stops working, on every device, when the password is reset', async () => {
    const laptop = await signInCookie('layla@demo.expertpool.nl');
    const phone = await signInCookie('layla@demo.expertpool.nl', { userAgent: 'Mozilla/5.0 (iPhone)' });
    const reset = await createLocalAuth(world().database).createPasswordReset('layla@demo.expertpool.nl', (token) => ({
      subject: 'Reset',
      text: token,
    }));
    const response = await post('/reset-password', '', { password: 'een-nieuw-wachtwoord' }, { token: reset!.token });
    expect(response.status).toBe(302);
    expect(await statusOf('/profile', laptop)).toBe('sign-in');
    expect(await statusOf('/profile', phone)).toBe('sign-in');
    // The browser that chose the new password is signed in with a new session.
    expect(await statusOf('/profile', cookieFrom(response))).toBe(200);
  });

  it("stops opening a partner organisation's questionnaires once the account is deleted", async () => {
    const cookie = await signInCookie('aziz@demo.expertpool.nl');
    const before = await (
      await import('~/routes/questionnaires._index')
    ).loader({
      request: pageRequest('/questionnaires', cookie),
      params: {},
      context,
    });
    const { questionnaires } = (await before.json()) as { questionnaires: { title: string }[] };
    expect(questionnaires.length).toBeGreaterThan(0);

    expect((await post('/profile/delete', cookie, { confirm: 'VERWIJDER' })).status).toBe(302);
    expect(await statusOf('/questionnaires', cookie)).toBe('sign-in');
    // …and the organisation no longer lists the person, whatever a session might do.
    const memberships = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('organisation_members')
        .select('organisation_id')
        .where('user_id', '=', world().idOf('aziz@demo.expertpool.nl'))
        .execute(),
    );
    expect(memberships).toEqual([]);
  });
});

describe('taking a role away', () => {
  const removeRole = (statement: ReturnType<typeof sql>) =>
    runAs(world().database, world().claims('admin'), (tx) => statement.execute(tx));

  it('ends the sessions of someone who loses the coordinator role or a pool coordinatorship', async () => {
    const coordinator = await signInCookie('coordinator@demo.expertpool.nl');
    await removeRole(
      sql`delete from public.user_roles where user_id = ${world().ids.coordinator} and role = 'coordinator'`,
    );
    expect(await statusOf('/profile', coordinator)).toBe('sign-in');

    const again = await signInCookie('coordinator@demo.expertpool.nl');
    await removeRole(
      sql`update public.pool_memberships set role = 'member' where user_id = ${world().ids.coordinator} and pool_id = ${world().pools.twente}`,
    );
    expect(await statusOf('/profile', again)).toBe('sign-in');
  });

  it('leaves someone signed in who gives up their own role', async () => {
    const coordinator = await signInCookie('coordinator@demo.expertpool.nl');
    const { rows } = await runAs(world().database, world().claims('coordinator'), (tx) =>
      sql<{ role: string }>`update public.pool_memberships set role = 'member'
        where user_id = ${world().ids.coordinator} and pool_id = ${world().pools.alkmaar} returning role`.execute(tx),
    );
    expect(rows).toEqual([{ role: 'member' }]);
    expect(await statusOf('/profile', coordinator)).toBe(200);
  });

  it('leaves a member signed in when only a membership ends (RLS already shuts its data)', async () => {
    const member = await signInCookie('reza@demo.expertpool.nl');
    await removeRole(sql`delete from public.pool_memberships where user_id = ${world().ids.memberB}`);
    expect(await statusOf('/profile', member)).toBe(200);
  });
});

describe('the name a person is shown by', () => {
  const nameFor = async (cookie: string) => {
    const { getUser } = await import('~/auth/auth.server');
    return (await getUser(pageRequest('/', cookie)))?.name;
  };

  it('is the profile’s display name, read with the session, so a new name shows on every device at once', async () => {
    const laptop = await signInCookie('olena@demo.expertpool.nl');
    const phone = await signInCookie('olena@demo.expertpool.nl', { userAgent: 'Mozilla/5.0 (iPhone)' });
    const olena = world().idOf('olena@demo.expertpool.nl');
    const stored = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('profiles').select('display_name').where('id', '=', olena).executeTakeFirstOrThrow(),
    );
    expect(await nameFor(laptop)).toBe(stored.display_name);
    await runAs(world().database, { sub: olena, email: 'olena@demo.expertpool.nl', role: 'authenticated' }, (tx) =>
      tx.updateTable('profiles').set({ display_name: 'Olena K.' }).where('id', '=', olena).execute(),
    );
    expect(await nameFor(phone)).toBe('Olena K.');
    expect(await nameFor(laptop)).toBe('Olena K.');
  });

  it('is the e-mail address of an account without a profile', async () => {
    const prepared = await localAccounts.withPassword('zonder.profiel@example.org', 'expertpool');
    const account = await runAsSystem(world().database, (tx) => prepared.inside(tx));
    // Every new account gets a profile (handle_new_user); one can still lose it, to an operator's SQL.
    await runAsSystem(world().database, (tx) => tx.deleteFrom('profiles').where('id', '=', account!.id).execute());
    expect(await nameFor(await signInCookie('zonder.profiel@example.org'))).toBe('zonder.profiel@example.org');
  });
});

describe('the profile lists where the person is signed in', () => {
  interface Device {
    id: string;
    browser: string | null;
    system: string | null;
    current: boolean;
  }
  const devicesOf = async (cookie: string) => {
    const { loader } = await import('~/routes/profile');
    const response = await loader({ request: pageRequest('/profile', cookie), params: {}, context });
    return ((await response.json()) as { devices: Device[] }).devices;
  };
  const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const SAFARI_PHONE =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

  it('with this device marked, and signs out one other or every other', async () => {
    const laptop = await signInCookie('tesfay@demo.expertpool.nl', { userAgent: FIREFOX });
    const phone = await signInCookie('tesfay@demo.expertpool.nl', { userAgent: SAFARI_PHONE });
    const tablet = await signInCookie('tesfay@demo.expertpool.nl', { userAgent: SAFARI_PHONE });
    const devices = await devicesOf(laptop);
    expect(devices).toHaveLength(3);
    expect(devices.filter((d) => d.current)).toEqual([
      expect.objectContaining({ browser: 'Firefox', system: 'Linux', current: true }),
    ]);
    expect(devices.filter((d) => !d.current).map((d) => `${d.browser} on ${d.system}`)).toEqual([
      'Safari on iOS',
      'Safari on iOS',
    ]);

    const phoneSession = (await devicesOf(phone)).find((d) => d.current)!;
    await post('/profile', laptop, { intent: 'end-session', sessionId: phoneSession.id });
    expect(await statusOf('/profile', phone)).toBe('sign-in');
    expect(await statusOf('/profile', tablet)).toBe(200);

    await post('/profile', laptop, { intent: 'end-other-sessions' });
    expect(await statusOf('/profile', tablet)).toBe('sign-in');
    expect(await statusOf('/profile', laptop)).toBe(200);
    expect(await devicesOf(laptop)).toHaveLength(1);
  });

  it("cannot end another person's session", async () => {
    const mine = await signInCookie('lid@demo.expertpool.nl');
    const theirs = await signInCookie('olena@demo.expertpool.nl');
    const [their] = await devicesOf(theirs);
    const response = await post('/profile', mine, { intent: 'end-session', sessionId: their!.id });
    expect(response.status).toBe(302);
    expect(await statusOf('/profile', theirs)).toBe(200);
  });

  it('a session id that is not one is a 404, not a server error', async () => {
    const cookie = await signInCookie('lid@demo.expertpool.nl');
    await expect(
      post('/profile', cookie, { intent: 'end-session', sessionId: "x'; drop table" }),
    ).rejects.toHaveProperty('status', 404);
  });
});

describe('the cost of checking the session', () => {
  it('sessions that ended a month ago are cleared at the next sign-in (the table does not grow forever)', async () => {
    const person = world().idOf('berhane@demo.expertpool.nl');
    const ended = (days: number) => new Date(Date.now() - days * 86_400_000);
    await runAsSystem(world().database, (tx) =>
      tx
        .insertInto('auth_sessions')
        .values([
          { user_id: person, secret_hash: '1'.repeat(64), expires_at: ended(40) },
          {
            user_id: person,
            secret_hash: '2'.repeat(64),
            expires_at: ended(-1),
            revoked_at: ended(31),
            revoked_because: 'signed_out',
          },
          {
            user_id: person,
            secret_hash: '3'.repeat(64),
            expires_at: ended(-1),
            revoked_at: ended(2),
            revoked_because: 'signed_out',
          },
        ])
        .execute(),
    );
    await signInCookie('berhane@demo.expertpool.nl');
    const left = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('auth_sessions').select('secret_hash').where('user_id', '=', person).execute(),
    );
    // The one that ended two days ago stays, with the new one; the two from over a month ago are gone.
    const hashes = left.map((r) => r.secret_hash);
    expect(hashes).toHaveLength(2);
    expect(hashes).toContain('3'.repeat(64));
    expect(hashes).not.toContain('1'.repeat(64));
    expect(hashes).not.toContain('2'.repeat(64));
  });

  it('a page view notes when the person was seen, and keeps the session alive, only once five minutes have passed', async () => {
    const cookie = await signInCookie('karim@demo.expertpool.nl');
    const person = world().idOf('karim@demo.expertpool.nl');
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const seenAt = async (lastSeen: Date) => {
      await runAsSystem(world().database, (tx) =>
        tx
          .updateTable('auth_sessions')
          .set({ last_seen_at: lastSeen, expires_at: tomorrow })
          .where('user_id', '=', person)
          .where('revoked_at', 'is', null)
          .execute(),
      );
      expect(await statusOf('/profile', cookie)).toBe(200);
      return runAsSystem(world().database, (tx) =>
        tx
          .selectFrom('auth_sessions')
          .select(['last_seen_at', 'expires_at'])
          .where('user_id', '=', person)
          .where('revoked_at', 'is', null)
          .executeTakeFirstOrThrow(),
      );
    };
    const aMinuteAgo = minutesAgo(1);
    const recently = await seenAt(aMinuteAgo);
    expect(recently.last_seen_at.getTime()).toBe(aMinuteAgo.getTime());
    expect(recently.expires_at.getTime()).toBe(tomorrow.getTime());
    const longAgo = await seenAt(minutesAgo(10));
    expect(longAgo.last_seen_at.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
    expect(longAgo.expires_at.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
  });

  it("a page's loaders, run together as Remix runs them, share one lookup", async () => {
    let lookups = 0;
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (RawNode.is(node) && node.sqlFragments.join('').includes('from public.auth_sessions s')) lookups += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const { database } = world();
    useAsAppDatabase({ ...database, db: database.db.withPlugin(counter) });
    try {
      const cookie = await signInCookie('samir@demo.expertpool.nl');
      const [root, profile] = await Promise.all([import('~/root'), import('~/routes/profile')]);
      const responses = await Promise.all([
        root.loader({ request: pageRequest('/profile', cookie), params: {}, context }),
        profile.loader({ request: pageRequest('/profile', cookie), params: {}, context }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(lookups).toBe(1);
    } finally {
      useAsAppDatabase(database);
    }
  });
});
