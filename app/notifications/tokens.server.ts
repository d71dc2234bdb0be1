import { createHmac, timingSafeEqual } from 'node:crypto';
import { sessionSecret } from '~/config.server';
import { DIGEST_PERIODS, NOTIFICATION_KINDS, type DigestPeriod, type NotificationKind } from '~/db/types';

// A key of its own, derived from the session secret: an unsubscribe token can never pass as anything else.
let key: Buffer | undefined;
const tokenKey = () => (key ??= createHmac('sha256', sessionSecret()).update('expertpool unsubscribe v1').digest());

const YEAR_S = 365 * 24 * 60 * 60;
const sign = (payload: string) => createHmac('sha256', tokenKey()).update(payload).digest();

/** What one link unsubscribes from: one kind of mail, or a digest (every kind it brings). */
export type MailList = NotificationKind | DigestPeriod;
const MAIL_LISTS: readonly string[] = [...NOTIFICATION_KINDS, ...DIGEST_PERIODS];

/**
 * The credential in a mail's unsubscribe link: person, kind (or digest) and expiry, signed
 * (HMAC-SHA256). It works without signing in (RFC 8058 one-click), so it can do exactly one thing:
 * turn that mail off for that person. Nothing is stored; a year after the mail it no longer works.
 */
export function unsubscribeToken(personId: string, kind: MailList, now = new Date()): string {
  const payload = `${personId}.${kind}.${Math.floor(now.getTime() / 1000) + YEAR_S}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(payload).toString('base64url')}`;
}

export type UnsubscribeTokenResult =
  { ok: true; personId: string; kind: MailList } | { ok: false; reason: 'invalid' | 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a token back: tampered, malformed or foreign is 'invalid', past its date 'expired'. */
export function readUnsubscribeToken(token: string, now = new Date()): UnsubscribeTokenResult {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const payload = Buffer.from(match[1]!, 'base64url').toString('utf8');
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const [personId, kind, expires] = payload.split('.');
  if (!personId || !UUID.test(personId) || !MAIL_LISTS.includes(kind ?? '')) return { ok: false, reason: 'invalid' };
  if (!/^\d{1,12}$/.test(expires ?? '') || Number(expires) * 1000 < now.getTime())
    return { ok: false, reason: 'expired' };
  return { ok: true, personId, kind: kind as MailList };
}
