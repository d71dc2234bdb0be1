// A FAKE of Supabase Auth's HTTP API (GoTrue), because hosted Auth cannot run on this machine (no
// network, no Docker). It answers the endpoints supabase-js calls with the bodies GoTrue documents
// (https://github.com/supabase/auth, openapi.yaml): /token (password, refresh_token, pkce), /user,
// /recover, /verify, /logout, /invite, /admin/users and /.well-known/jwks.json. Like GoTrue it keeps
// its users in the project's own auth.users (the test's database) and signs access tokens with an
// asymmetric key (ES256) whose public half it publishes, so the app verifies them locally. Everything
// on the app's side — @supabase/ssr, supabase-js, cookies, routes — is the real code.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashPassword, verifyPassword } from '~/auth/password.server';
import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';

export const PUBLISHABLE_KEY = 'sb_publishable_fake-for-tests';
export const SECRET_KEY = 'sb_secret_fake-for-tests';

interface Account {
  id: string;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  created_at: Date;
}

/** A mail GoTrue would have sent: the address and the link in it, as the app's templates make it. */
export interface SentMail {
  to: string;
  kind: 'invite' | 'recovery';
  link: string;
}

/**
 * `accessTokenSeconds`: GoTrue's default is an hour; supabase-js refreshes 90 s before the end, so a
 * lifetime just over that makes a session need its refresh within seconds (for a browser test).
 */
export async function startFakeGoTrue(database: Database, { port = 0, accessTokenSeconds = 3600 } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const refreshTokens = new Map<string, { userId: string; revoked: boolean }>();
  const pkceCodes = new Map<string, { userId: string; challenge: string }>();
  const emailTokens = new Map<string, { userId: string; type: string }>();
  /** Every request, as "METHOD /path?query", for assertions on what the app asked. */
  const requests: string[] = [];
  const mails: SentMail[] = [];

  const system = <T>(work: Parameters<typeof runAsSystem<T>>[1]) => runAsSystem(database, work);
  const accountBy = (column: 'id' | 'email', value: string) =>
    system((tx) =>
      tx
        .selectFrom('auth.users')
        .select(['id', 'email', 'encrypted_password', 'email_confirmed_at', 'created_at'])
        .where(column, '=', value)
        .executeTakeFirst(),
    );

  function userJson(account: Account) {
    return {
      id: account.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: account.email ?? '',
      email_confirmed_at: account.email_confirmed_at?.toISOString() ?? null,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      identities: [],
      created_at: account.created_at.toISOString(),
      updated_at: new Date().toISOString(),
    };
  }

  function accessToken(account: Account, sessionId: string): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'ES256', typ: 'JWT', kid })}.${encode({
      iss: `${url}/auth/v1`,
      sub: account.id,
      aud: 'authenticated',
      exp: now + accessTokenSeconds,
      iat: now,
      email: account.email,
      role: 'authenticated',
      aal: 'aal1',
      session_id: sessionId,
      is_anonymous: false,
    })}`;
    const signature = sign('sha256', Buffer.from(unsigned), {
      key: privateKey as KeyObject,
      dsaEncoding: 'ieee-p1363',
    });
    return `${unsigned}.${signature.toString('base64url')}`;
  }

  function session(account: Account) {
    const refresh = randomBytes(12).toString('hex');
    refreshTokens.set(refresh, { userId: account.id, revoked: false });
    return {
      access_token: accessToken(account, randomUUID()),
      token_type: 'bearer',
      expires_in: accessTokenSeconds,
      expires_at: Math.floor(Date.now() / 1000) + accessTokenSeconds,
      refresh_token: refresh,
      user: userJson(account),
    };
  }

  /** The account behind a bearer token this fake signed (the signature is checked by the app, not here). */
  async function bearer(req: IncomingMessage): Promise<Account | null> {
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const [header, payload] = token.split('.');
    try {
      const { kid: tokenKid } = JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid?: string };
      const { sub, exp } = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; exp: number };
      if (tokenKid !== kid || exp * 1000 < Date.now()) return null;
      return (await accountBy('id', sub)) ?? null;
    } catch {
      return null;
    }
  }

  const isAdmin = (req: IncomingMessage) =>
    req.headers.apikey === SECRET_KEY || req.headers.authorization === `Bearer ${SECRET_KEY}`;

  function emailLink(account: Account, type: 'invite' | 'recovery', redirectTo: string) {
    const tokenHash = randomBytes(16).toString('hex');
    emailTokens.set(tokenHash, { userId: account.id, type });
    const link = new URL(redirectTo);
    link.searchParams.set('token_hash', tokenHash);
    link.searchParams.set('type', type);
    mails.push({ to: account.email!, kind: type, link: link.toString() });
  }

  async function answer(req: IncomingMessage, body: Record<string, unknown>) {
    const at = new URL(req.url ?? '/', url);
    const path = at.pathname.replace(/^\/auth\/v1/, '');
    const grant = at.searchParams.get('grant_type');
    const redirectTo = at.searchParams.get('redirect_to');
    const fail = (status: number, code: string) => ({ status, body: { code: status, error_code: code, msg: code } });

    if (req.method === 'GET' && path === '/.well-known/jwks.json') return { status: 200, body: { keys: [jwk] } };

    if (req.method === 'POST' && path === '/token' && grant === 'password') {
      const account = await accountBy('email', String(body.email ?? '').toLowerCase());
      const ok =
        account?.encrypted_password && (await verifyPassword(String(body.password), account.encrypted_password));
      return ok ? { status: 200, body: session(account) } : fail(400, 'invalid_credentials');
    }
    if (req.method === 'POST' && path === '/token' && grant === 'refresh_token') {
      const known = refreshTokens.get(String(body.refresh_token));
      const account = known && !known.revoked ? await accountBy('id', known.userId) : null;
      if (!known || !account?.email) return fail(400, 'refresh_token_not_found');
      known.revoked = true;
      return { status: 200, body: session(account) };
    }
    if (req.method === 'POST' && path === '/token' && grant === 'pkce') {
      const code = pkceCodes.get(String(body.auth_code));
      const verifier = String(body.code_verifier).split('/')[0] ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      pkceCodes.delete(String(body.auth_code));
      const account = code && code.challenge === challenge ? await accountBy('id', code.userId) : null;
      return account ? { status: 200, body: session(account) } : fail(400, 'flow_state_not_found');
    }
    if (req.method === 'POST' && path === '/verify') {
      const token = emailTokens.get(String(body.token_hash));
      emailTokens.delete(String(body.token_hash));
      const account = token && token.type === body.type ? await accountBy('id', token.userId) : null;
      if (!account) return fail(403, 'otp_expired');
      await system((tx) =>
        tx.updateTable('auth.users').set({ email_confirmed_at: new Date() }).where('id', '=', account.id).execute(),
      );
      return { status: 200, body: session(account) };
    }
    if (path === '/user') {
      const account = await bearer(req);
      if (!account) return fail(401, 'bad_jwt');
      if (req.method === 'PUT' && typeof body.password === 'string') {
        const encrypted = await hashPassword(body.password);
        await system((tx) =>
          tx.updateTable('auth.users').set({ encrypted_password: encrypted }).where('id', '=', account.id).execute(),
        );
      }
      return { status: 200, body: userJson(account) };
    }
    if (req.method === 'POST' && path === '/recover') {
      const account = await accountBy('email', String(body.email ?? '').toLowerCase());
      // GoTrue answers the same for an unknown address (no enumeration).
      if (account && redirectTo && typeof body.code_challenge === 'string') {
        const code = randomUUID();
        pkceCodes.set(code, { userId: account.id, challenge: body.code_challenge });
        const link = new URL(redirectTo);
        link.searchParams.set('code', code);
        mails.push({ to: account.email!, kind: 'recovery', link: link.toString() });
      }
      return { status: 200, body: {} };
    }
    if (req.method === 'POST' && path === '/logout') {
      const account = await bearer(req);
      if (!account) return fail(401, 'bad_jwt');
      for (const token of refreshTokens.values()) if (token.userId === account.id) token.revoked = true;
      return { status: 204, body: null };
    }

    if (!isAdmin(req)) return fail(401, 'no_authorization');
    if (req.method === 'POST' && path === '/invite') {
      const address = String(body.email ?? '').toLowerCase();
      const existing = await accountBy('email', address);
      if (existing?.email_confirmed_at) return fail(422, 'email_exists');
      // GoTrue makes the account at once, confirmed and with a password only once it is accepted.
      const account =
        existing ??
        (await system((tx) =>
          tx
            .insertInto('auth.users')
            .values({ email: address, encrypted_password: '' })
            .returning(['id', 'email', 'encrypted_password', 'email_confirmed_at', 'created_at'])
            .executeTakeFirstOrThrow(),
        ));
      emailLink(account, 'invite', redirectTo ?? url);
      return { status: 200, body: userJson(account) };
    }
    if (req.method === 'POST' && path === '/admin/users') {
      const address = String(body.email ?? '').toLowerCase();
      if (await accountBy('email', address)) return fail(422, 'email_exists');
      const encrypted = await hashPassword(String(body.password));
      const account = await system((tx) =>
        tx
          .insertInto('auth.users')
          .values({
            email: address,
            encrypted_password: encrypted,
            email_confirmed_at: body.email_confirm ? new Date() : null,
          })
          .returning(['id', 'email', 'encrypted_password', 'email_confirmed_at', 'created_at'])
          .executeTakeFirstOrThrow(),
      );
      return { status: 200, body: userJson(account) };
    }
    const adminUser = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(path)?.[1];
    const target = adminUser ? await accountBy('id', adminUser) : null;
    if (!target) return fail(404, 'user_not_found');
    if (req.method === 'GET') return { status: 200, body: userJson(target) };
    if (req.method === 'PUT') {
      const encrypted =
        typeof body.password === 'string' ? await hashPassword(body.password) : target.encrypted_password;
      const updated = await system((tx) =>
        tx
          .updateTable('auth.users')
          .set({
            encrypted_password: encrypted,
            email_confirmed_at: body.email_confirm ? new Date() : target.email_confirmed_at,
          })
          .where('id', '=', target.id)
          .returning(['id', 'email', 'encrypted_password', 'email_confirmed_at', 'created_at'])
          .executeTakeFirstOrThrow(),
      );
      return { status: 200, body: userJson(updated) };
    }
    if (req.method === 'DELETE') {
      // Soft deletion keeps the row but no way in: GoTrue obfuscates the address and drops the password.
      await system(async (tx) => {
        if (!body.should_soft_delete) await tx.deleteFrom('auth.users').where('id', '=', target.id).execute();
        else
          await tx
            .updateTable('auth.users')
            .set({ email: null, encrypted_password: '' })
            .where('id', '=', target.id)
            .execute();
      });
      for (const token of refreshTokens.values()) if (token.userId === target.id) token.revoked = true;
      return { status: 200, body: {} };
    }
    return fail(404, 'not_found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    requests.push(`${req.method} ${req.url}`);
    const { status, body } = await answer(req, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body === null ? undefined : JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 500, msg: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGoTrue = Awaited<ReturnType<typeof startFakeGoTrue>>;
