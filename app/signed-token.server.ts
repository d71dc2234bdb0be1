import { createHmac, timingSafeEqual } from 'node:crypto';
import { sessionSecret } from '~/config.server';

/**
 * Credentials carried in a mail's links, checked without a database row: a few fields and an expiry,
 * signed with HMAC-SHA256. Each purpose signs with a key of its own, derived from the session secret,
 * so a token made for one thing (unsubscribing) can never pass as another (answering a session).
 */
const keys = new Map<string, Buffer>();
const keyFor = (purpose: string) => {
  let key = keys.get(purpose);
  if (!key) {
    key = createHmac('sha256', sessionSecret()).update(`expertpool ${purpose} v1`).digest();
    keys.set(purpose, key);
  }
  return key;
};
const sign = (purpose: string, payload: string) => createHmac('sha256', keyFor(purpose)).update(payload).digest();

/** A token for `purpose` holding `fields` (no dots in them) until `expiresAt`. */
export function signToken(purpose: string, fields: string[], expiresAt: Date): string {
  if (fields.some((field) => field.includes('.'))) throw new Error('a signed token field may not contain a dot');
  const payload = [...fields, Math.floor(expiresAt.getTime() / 1000)].join('.');
  return `${Buffer.from(payload).toString('base64url')}.${sign(purpose, payload).toString('base64url')}`;
}

export type SignedTokenResult = { ok: true; fields: string[] } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Reads a token of `purpose` back: tampered, malformed, of another purpose or with another number of
 * fields is 'invalid'; past its expiry 'expired' (checked only once the signature holds).
 */
export function readSignedToken(
  purpose: string,
  token: string,
  fieldCount: number,
  now = new Date(),
): SignedTokenResult {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const payload = Buffer.from(match[1]!, 'base64url').toString('utf8');
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = sign(purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const parts = payload.split('.');
  const expires = parts.pop() ?? '';
  if (parts.length !== fieldCount || !/^\d{1,12}$/.test(expires)) return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, fields: parts };
}
