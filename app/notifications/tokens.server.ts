import { NOTIFICATION_KINDS, type NotificationKind } from '~/db/types';
import { isUuid } from '~/input/values';
import { readSignedToken, signToken } from '~/signed-token.server';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The credential in a mail's unsubscribe link: person, kind and expiry, signed (~/signed-token). It
 * works without signing in (RFC 8058 one-click), so it can do exactly one thing: turn that kind of
 * mail off for that person. Nothing is stored; a year after the mail it no longer works.
 */
export function unsubscribeToken(personId: string, kind: NotificationKind, now = new Date()): string {
  return signToken('unsubscribe', [personId, kind], new Date(now.getTime() + YEAR_MS));
}

export type UnsubscribeTokenResult =
  { ok: true; personId: string; kind: NotificationKind } | { ok: false; reason: 'invalid' | 'expired' };

/** Reads a token back: tampered, malformed or foreign is 'invalid', past its date 'expired'. */
export function readUnsubscribeToken(token: string, now = new Date()): UnsubscribeTokenResult {
  const result = readSignedToken('unsubscribe', token, 2, now);
  if (!result.ok) return result;
  const [personId = '', kind = ''] = result.fields;
  if (!isUuid(personId) || !(NOTIFICATION_KINDS as readonly string[]).includes(kind))
    return { ok: false, reason: 'invalid' };
  return { ok: true, personId, kind: kind as NotificationKind };
}
