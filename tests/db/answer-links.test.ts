import { describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { readUnsubscribeToken, unsubscribeToken } from '~/notifications/tokens.server';
import { answerToken, readAnswerToken, type MailAnswer } from '~/sessions/answer-tokens.server';
import { answerSession, planSessions } from '~/sessions/queries.server';
import { planSessionSchema } from '~/sessions/schema.server';
import { requestContext } from '../request-context';
import { seededAppWorld } from './app-database';
import { signInCookie } from './sign-in';
import { withTamperedSignature } from './tampered-token';

// The yes / maybe / no links of an invitation mail, followed without signing in: the signed link is
// the credential for one answer of one person to one session, and the database's rules still hold.
const world = seededAppWorld();

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const AMAL = 'amal@demo.expertpool.nl';

async function plan(title: string, fields: Record<string, string> = {}) {
  const input = planSessionSchema.parse({ title, date: inDays(10), startTime: '19:00', endTime: '21:00', ...fields });
  const [id] = await runAs(world().database, world().claims('coordinator'), (tx) =>
    planSessions(tx, { poolId: world().pools.alkmaar, createdBy: world().ids.coordinator, input }),
  );
  return id!;
}

const sessionRow = (id: string) =>
  runAsSystem(world().database, (tx) =>
    tx
      .selectFrom('sessions')
      .select(['id', 'starts_at', 'rsvp_deadline'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );

const link = async (personId: string, sessionId: string, answer: MailAnswer) =>
  answerToken(personId, await sessionRow(sessionId), answer);

const responseOf = (personId: string, sessionId: string) =>
  runAsSystem(world().database, (tx) =>
    tx
      .selectFrom('session_invitees')
      .select(['response', 'reason'])
      .where('session_id', '=', sessionId)
      .where('user_id', '=', personId)
      .executeTakeFirst(),
  );

type Page = { state: string; reason?: string; answer?: string; result?: string; errors: Record<string, string> };

/** The route as a browser calls it: GET shows, POST (the confirm button) answers; anon unless a cookie is given. */
async function call(
  method: 'GET' | 'POST',
  token: string,
  options: { cookie?: string; form?: Record<string, string> } = {},
) {
  const route = await import('~/routes/rsvp.$token');
  const headers: Record<string, string> = options.cookie ? { Cookie: options.cookie } : {};
  const request = new Request(`http://localhost/rsvp/${token}`, {
    method,
    headers: method === 'POST' ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers,
    ...(method === 'POST' ? { body: new URLSearchParams(options.form ?? { reason: '' }) } : {}),
  });
  const args = { request, params: { token }, context: requestContext() };
  const response = method === 'GET' ? await route.loader(args) : await route.action(args);
  if (response.status === 302) return { status: 302, location: response.headers.get('Location'), body: null };
  return { status: response.status, location: null, body: (await response.json()) as Page };
}

describe('answer tokens', () => {
  it('a tampered, foreign, expired or malformed token is refused; the session and answer are those it was made for', async () => {
    const id = await plan('Tokens');
    const other = await plan('Andere tokens');
    const token = await link(world().ids.memberA, id, 'yes');
    expect(readAnswerToken(token)).toEqual({ ok: true, personId: world().ids.memberA, sessionId: id, answer: 'yes' });

    const [payload, signature] = token.split('.') as [string, string];
    const forged = (text: string) => `${Buffer.from(text).toString('base64url')}.${signature}`;
    const expires = Buffer.from(payload, 'base64url').toString().split('.')[3]!;
    for (const bad of [
      forged(`${world().ids.admin}.${id}.yes.${expires}`), // another person
      forged(`${world().ids.memberA}.${other}.yes.${expires}`), // another session
      forged(`${world().ids.memberA}.${id}.no.${expires}`), // another answer
      forged(`${world().ids.memberA}.${id}.yes.9999999999`), // a later expiry
      withTamperedSignature(token),
      payload,
      unsubscribeToken(world().ids.memberA, 'session_invited'), // a token made for something else
      'x'.repeat(100_000),
      'a\u0000b.c',
      '',
    ])
      expect(readAnswerToken(bad)).toEqual({ ok: false, reason: 'invalid' });

    // Nor does an answer token pass as an unsubscribe token (each purpose signs with its own key).
    expect(readUnsubscribeToken(token)).toEqual({ ok: false, reason: 'invalid' });

    const starts = (await sessionRow(id)).starts_at;
    expect(readAnswerToken(token, new Date(starts.getTime() + 1))).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('the answer link page', () => {
  it('GET shows the answer to confirm and changes nothing (a mail scanner opens it); the confirm POST records it', async () => {
    const id = await plan('Eén klik');
    const token = await link(world().ids.memberA, id, 'yes');
    const shown = await call('GET', token);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ state: 'confirm', answer: 'yes' });
    // The page never says whose link it is.
    expect(JSON.stringify(shown.body)).not.toContain(world().ids.memberA);
    await call('GET', token);
    expect(await responseOf(world().ids.memberA, id)).toEqual({ response: null, reason: null });

    const done = await call('POST', token, { form: { reason: 'Ik neem een collega mee' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', result: 'yes' });
    expect(await responseOf(world().ids.memberA, id)).toEqual({ response: 'yes', reason: 'Ik neem een collega mee' });
  });

  it('signed in as that person the confirm lands on the session page; signed in as someone else it answers only for the link', async () => {
    const id = await plan('Inloggen');
    const mine = await signInCookie('lid@demo.expertpool.nl');
    const posted = await call('POST', await link(world().ids.memberA, id, 'maybe'), { cookie: mine });
    expect(posted).toMatchObject({ status: 302, location: `/sessions/${id}` });
    expect((await responseOf(world().ids.memberA, id))?.response).toBe('maybe');

    // The coordinator opens Amal's link: Amal's answer is given, the coordinator's own is untouched.
    const coordinatorCookie = await signInCookie('coordinator@demo.expertpool.nl');
    const theirs = await call('POST', await link(world().idOf(AMAL), id, 'no'), { cookie: coordinatorCookie });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ state: 'done', result: 'no' });
    expect((await responseOf(world().idOf(AMAL), id))?.response).toBe('no');
    expect(await responseOf(world().ids.coordinator, id)).toBeUndefined();
  });

  it('a full session puts a yes from the link on the waiting list, as on the session page', async () => {
    const id = await plan('Vol', { capacity: '1' });
    await runAs(world().database, world().claims('memberA'), (tx: Tx) => answerSession(tx, id, 'yes', ''));
    const done = await call('POST', await link(world().idOf(AMAL), id, 'yes'));
    expect(done.body).toMatchObject({ state: 'done', result: 'waiting' });
    expect((await responseOf(world().idOf(AMAL), id))?.response).toBe('waiting');
  });

  it('tampered is 400 and expired is 410, on GET and POST, with a page that says so and nothing recorded', async () => {
    const id = await plan('Kapot');
    const token = await link(world().ids.memberA, id, 'yes');
    const tampered = withTamperedSignature(token);
    for (const method of ['GET', 'POST'] as const) {
      expect(await call(method, tampered)).toMatchObject({
        status: 400,
        body: { state: 'refused', reason: 'invalid' },
      });
      expect(await call(method, 'a\u0000b')).toMatchObject({
        status: 400,
        body: { state: 'refused', reason: 'invalid' },
      });
    }
    // A session that has begun: its link has expired.
    const started = await runAsSystem(world().database, (tx) =>
      tx
        .updateTable('sessions')
        .set({ starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 3_600_000) })
        .where('id', '=', id)
        .returning(['id', 'starts_at', 'rsvp_deadline'])
        .executeTakeFirstOrThrow(),
    );
    const expired = answerToken(world().ids.memberA, started, 'yes');
    for (const method of ['GET', 'POST'] as const)
      expect(await call(method, expired)).toMatchObject({ status: 410, body: { state: 'refused', reason: 'expired' } });
    expect((await responseOf(world().ids.memberA, id))?.response).toBeNull();
  });

  it('a deadline moved earlier, a cancelled session, a removal from the pool and no invitation are refused with their own page', async () => {
    const closed = await plan('Termijn');
    const closedLink = await link(world().ids.memberA, closed, 'yes');
    await runAsSystem(world().database, (tx) =>
      tx
        .updateTable('sessions')
        .set({ rsvp_deadline: new Date(Date.now() - 1000) })
        .where('id', '=', closed)
        .execute(),
    );
    for (const method of ['GET', 'POST'] as const)
      expect(await call(method, closedLink)).toMatchObject({ status: 410, body: { reason: 'rsvp_closed' } });

    const cancelled = await plan('Afgelast');
    const cancelledLink = await link(world().ids.memberA, cancelled, 'yes');
    await runAsSystem(world().database, (tx) =>
      tx.updateTable('sessions').set({ status: 'cancelled' }).where('id', '=', cancelled).execute(),
    );
    for (const method of ['GET', 'POST'] as const)
      expect(await call(method, cancelledLink)).toMatchObject({ status: 410, body: { reason: 'session_cancelled' } });

    // Not invited: a pool member the coordinator took off the list.
    const uninvited = await plan('Niet uitgenodigd');
    const uninvitedLink = await link(world().idOf(AMAL), uninvited, 'yes');
    await runAsSystem(world().database, (tx) =>
      tx
        .deleteFrom('session_invitees')
        .where('session_id', '=', uninvited)
        .where('user_id', '=', world().idOf(AMAL))
        .execute(),
    );
    for (const method of ['GET', 'POST'] as const)
      expect(await call(method, uninvitedLink)).toMatchObject({ status: 403, body: { reason: 'not_invited' } });

    // Left the pool after the mail: the session is no longer theirs to see or answer.
    const left = await plan('Pool verlaten');
    const leftPerson = world().idOf('tesfay@demo.expertpool.nl');
    const leftLink = await link(leftPerson, left, 'yes');
    await runAsSystem(world().database, (tx) =>
      tx
        .deleteFrom('pool_memberships')
        .where('user_id', '=', leftPerson)
        .where('pool_id', '=', world().pools.alkmaar)
        .execute(),
    );
    for (const method of ['GET', 'POST'] as const)
      expect(await call(method, leftLink)).toMatchObject({ status: 404, body: { reason: 'session_not_found' } });
    expect((await responseOf(leftPerson, left))?.response ?? null).toBeNull();
  });

  it('a reason that is too long is a 400 with a translated message, keeping what was typed, and records nothing', async () => {
    const id = await plan('Te lang');
    const token = await link(world().ids.memberA, id, 'no');
    const typed = 'x'.repeat(501);
    const posted = await call('POST', token, { form: { reason: typed } });
    expect(posted.status).toBe(400);
    expect(posted.body).toMatchObject({
      state: 'confirm',
      errors: { reason: 'errors.tooLong' },
      values: { reason: typed },
    });
    expect((await responseOf(world().ids.memberA, id))?.response).toBeNull();
  });
});
