import { DIGEST_PERIODS, NOTIFICATION_KINDS, type DigestPeriod, type NotificationKind } from '~/db/types';
import { isUuid } from '~/input/fields.server';
import { readSignedToken, signToken } from '~/signed-token.server';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** What one link unsubscribes from: one kind of mail, or a digest (every kind it brings). */
export type MailList = NotificationKind | DigestPeriod;
const MAIL_LISTS: readonly string[] = [...NOTIFICATION_KINDS, ...DIGEST_PERIODS];

/**
 * The credential in a mail's unsubscribe link: person, kind (or digest) and expiry, signed
 * (~/signed-token). It works without signing in (RFC 8058 one-click), so it can do exactly one thing:
 * turn that mail off for that person. Nothing is stored; a year after the mail it no longer works.
 */
export function unsubscribeToken(personId: string, kind: MailList, now = new Date()): string {
  return signToken('unsubscribe', [personId, kind], new Date(now.getTime() + YEAR_MS));
}

export type UnsubscribeTokenResult =
  { ok: true; personId: string; kind: MailList } | { ok: false; reason: 'invalid' | 'expired' };

/** Reads a token back: tampered, malformed or foreign is 'invalid', past its date 'expired'. */
export function readUnsubscribeToken(token: string, now = new Date()): UnsubscribeTokenResult {
  const result = readSignedToken('unsubscribe', token, 2, now);
  if (!result.ok) return result;
  const [personId = '', kind = ''] = result.fields;
  if (!isUuid(personId) || !MAIL_LISTS.includes(kind)) return { ok: false, reason: 'invalid' };
  return { ok: true, personId, kind: kind as MailList };
}
