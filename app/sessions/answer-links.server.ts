import { getDatabase, withUser } from '~/db/db.server';
import type { SessionResponse } from '~/db/types';
import { runAsSystem, type Principal } from '~/db/with-user.server';
import { readAnswerToken, type MailAnswer } from './answer-tokens.server';
import { answerSession, getSessionInvitation, SessionRefusal, takesAnswers, type Refusal } from './queries.server';

/** Why an answer link cannot be used; each is a page of its own (notifications.answerLink.<reason>). */
export type AnswerLinkRefusal = 'invalid' | 'expired' | Refusal;

const STATUS: Record<AnswerLinkRefusal, number> = {
  invalid: 400,
  expired: 410,
  rsvp_closed: 410,
  session_cancelled: 410,
  not_invited: 403,
  session_not_found: 404,
};

type Invitation = NonNullable<Awaited<ReturnType<typeof getSessionInvitation>>>;

export type AnswerLinkPage =
  | { state: 'refused'; reason: AnswerLinkRefusal; status: number }
  | { state: 'confirm'; personId: string; answer: MailAnswer; session: Invitation; status: 200 }
  | { state: 'done'; personId: string; result: SessionResponse; session: Invitation; status: 200 };

const refused = (reason: AnswerLinkRefusal): AnswerLinkPage => ({ state: 'refused', reason, status: STATUS[reason] });

/**
 * The person a valid token speaks for, with the claims their own sign-in would give; null when the
 * account is gone. The token is the credential, so looking them up is the system's work.
 */
async function personOf(personId: string): Promise<Principal | null> {
  const person = await runAsSystem(await getDatabase(), (tx) =>
    tx.selectFrom('auth.users').select(['id', 'email']).where('id', '=', personId).executeTakeFirst(),
  );
  return person ? { id: person.id, email: person.email ?? '' } : null;
}

/**
 * What an answer link shows when it is opened (GET): the session and the answer to confirm, or why
 * it cannot be given. It reads only, as the person, so a mail scanner fetching it changes nothing.
 */
export async function openAnswerLink(token: string, now = new Date()): Promise<AnswerLinkPage> {
  const read = readAnswerToken(token, now);
  if (!read.ok) return refused(read.reason);
  const person = await personOf(read.personId);
  const session = person && (await withUser(person, (tx) => getSessionInvitation(tx, read.sessionId, person.id)));
  if (!session) return refused('session_not_found');
  if (!session.invited) return refused('not_invited');
  if (session.status === 'cancelled') return refused('session_cancelled');
  if (!takesAnswers(session, now)) return refused('rsvp_closed');
  return { state: 'confirm', personId: read.personId, answer: read.answer, session, status: 200 };
}

/**
 * Gives the link's answer (POST, the confirm button) as the person, through the same database
 * function as the session page: capacity and waiting list, deadline, cancelled session, membership.
 */
export async function giveAnswerByLink(token: string, reason: string): Promise<AnswerLinkPage> {
  const read = readAnswerToken(token);
  if (!read.ok) return refused(read.reason);
  const person = await personOf(read.personId);
  if (!person) return refused('session_not_found');
  try {
    // A refusal ends the transaction before it is caught (Kysely cannot commit after a failed statement).
    const [result, session] = await withUser(person, async (tx) => [
      await answerSession(tx, read.sessionId, read.answer, reason),
      await getSessionInvitation(tx, read.sessionId, person.id),
    ]);
    return { state: 'done', personId: person.id, result, session: session!, status: 200 };
  } catch (error) {
    if (error instanceof SessionRefusal) return refused(error.reason);
    throw error;
  }
}
