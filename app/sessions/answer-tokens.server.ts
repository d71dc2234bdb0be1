import { isUuid } from '~/input/fields.server';
import { readSignedToken, signToken } from '~/signed-token.server';

export const MAIL_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type MailAnswer = (typeof MAIL_ANSWERS)[number];

/**
 * The credential in an invitation mail's answer link: one person, one session, one answer, signed
 * (~/signed-token), until the session stops taking answers (its deadline, or its start). It lets
 * whoever holds the mail give that one answer for that person, as a calendar invitation's buttons
 * do; the database still decides whether the answer may be given (answer_session).
 */
export function answerToken(
  personId: string,
  session: { id: string; rsvp_deadline: Date | null; starts_at: Date },
  answer: MailAnswer,
): string {
  return signToken('session answer', [personId, session.id, answer], session.rsvp_deadline ?? session.starts_at);
}

export type AnswerTokenResult =
  { ok: true; personId: string; sessionId: string; answer: MailAnswer } | { ok: false; reason: 'invalid' | 'expired' };

/** Reads an answer token back: tampered, malformed or foreign is 'invalid', past its time 'expired'. */
export function readAnswerToken(token: string, now = new Date()): AnswerTokenResult {
  const result = readSignedToken('session answer', token, 3, now);
  if (!result.ok) return result;
  const [personId, sessionId, answer] = result.fields;
  if (!isUuid(personId) || !isUuid(sessionId) || !(MAIL_ANSWERS as readonly string[]).includes(answer ?? ''))
    return { ok: false, reason: 'invalid' };
  return { ok: true, personId, sessionId, answer: answer as MailAnswer };
}
