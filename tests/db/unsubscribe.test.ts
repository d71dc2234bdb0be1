import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { readUnsubscribeToken, unsubscribeToken } from '~/notifications/tokens.server';
import { rejectCrossSiteWrites } from '../../server/security';
import { seededAppWorld } from './app-database';
import { withTamperedSignature } from './tampered-token';

// RFC 8058 one-click unsubscribe: the link in every notification mail, followed without signing in.
const world = seededAppWorld();

async function call(method: 'GET' | 'POST', token: string) {
  const route = await import('~/routes/unsubscribe.$token');
  const request = new Request(`http://localhost/unsubscribe/${token}`, {
    method,
    ...(method === 'POST'
      ? { body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
      : {}),
  });
  const args = { request, params: { token }, context: {} as never };
  const response = method === 'GET' ? route.loader(args) : await route.action(args);
  return { status: response.status, body: (await response.json()) as { state: string; kind: string | null } };
}

const preference = () =>
  runAsSystem(world().database, (tx) =>
    tx
      .selectFrom('notification_preferences')
      .select('delivery')
      .where('user_id', '=', world().ids.memberA)
      .where('kind', '=', 'advice_published')
      .executeTakeFirst(),
  );

describe('unsubscribing from a kind of mail without signing in', () => {
  it('GET only shows the button (a mail scanner fetching the link changes nothing); POST turns that kind off', async () => {
    const token = unsubscribeToken(world().ids.memberA, 'advice_published');
    expect(await call('GET', token)).toEqual({ status: 200, body: { state: 'confirm', kind: 'advice_published' } });
    expect(await preference()).toBeUndefined();
    expect(await call('POST', token)).toEqual({ status: 200, body: { state: 'done', kind: 'advice_published' } });
    expect(await preference()).toEqual({ delivery: 'off' });
    // Done twice is still done.
    expect((await call('POST', token)).body.state).toBe('done');
  });

  it('a tampered, foreign or malformed token is refused with a page that says so (400), and changes nothing', async () => {
    const token = unsubscribeToken(world().ids.memberB, 'session_invited');
    const [payload, signature] = token.split('.');
    const otherPerson = Buffer.from(`${world().ids.admin}.session_invited.9999999999`).toString('base64url');
    for (const bad of [
      `${otherPerson}.${signature}`,
      withTamperedSignature(token),
      `${payload}`,
      'x'.repeat(5000),
      'a\u0000b.c',
      '',
    ]) {
      expect(await call('GET', bad)).toEqual({ status: 400, body: { state: 'invalid', kind: null } });
      expect(await call('POST', bad)).toEqual({ status: 400, body: { state: 'invalid', kind: null } });
    }
    const rows = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('notification_preferences')
        .select('user_id')
        .where('user_id', 'in', [world().ids.memberB, world().ids.admin])
        .execute(),
    );
    expect(rows).toEqual([]);
  });

  it('an expired token says it expired', async () => {
    const old = unsubscribeToken(world().ids.memberB, 'session_invited', new Date(Date.now() - 400 * 86_400_000));
    expect(readUnsubscribeToken(old)).toEqual({ ok: false, reason: 'expired' });
    expect(await call('POST', old)).toEqual({ status: 400, body: { state: 'expired', kind: null } });
  });

  it('the cross-site write guard lets a foreign POST through to exactly this path, and no other', () => {
    const guarded = (path: string) => {
      let passed = false;
      let status = 0;
      const req = {
        method: 'POST',
        path,
        get: (name: string) =>
          ({ origin: 'https://mail.example.com', 'sec-fetch-site': 'cross-site', host: 'localhost' })[
            name.toLowerCase()
          ],
      } as unknown as Request;
      const res = {
        status: (s: number) => ((status = s), res),
        type: () => res,
        send: () => res,
      } as unknown as Response;
      rejectCrossSiteWrites(req, res, (() => (passed = true)) as NextFunction);
      return passed ? 'through' : status;
    };
    expect(guarded(`/unsubscribe/${unsubscribeToken(world().ids.memberA, 'advice_published')}`)).toBe('through');
    expect(guarded('/unsubscribe/abc/def')).toBe(403);
    expect(guarded('/notifications')).toBe(403);
    expect(guarded('/unsubscribe')).toBe(403);
  });
});
