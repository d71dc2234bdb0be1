import { isolated } from '~/bidi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addComment,
  createDraft,
  markImplemented,
  publishAdvice,
  respondToAdvice,
  submitForReview,
} from '~/advice/queries.server';
import type { AdviceInput } from '~/advice/schema.server';
import type { NotificationKind } from '~/db/types';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { runDueJobsAsSystem } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { notificationJobHandlers } from '~/notifications/mail.server';
import {
  countUnread,
  deleteOldNotifications,
  listNotifications,
  markAllRead,
  markRead,
  subjectOf,
} from '~/notifications/queries.server';
import { readUnsubscribeToken } from '~/notifications/tokens.server';
import { sessionJobHandlers } from '~/sessions/notices.server';
import { answerSession, cancelSession, editSession, planSessions } from '~/sessions/queries.server';
import { editSessionSchema, planSessionSchema } from '~/sessions/schema.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaarMunicipality: string;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  alkmaarMunicipality = await runAsSystem(database, (tx) =>
    tx.selectFrom('municipalities').select('id').where('name', '=', 'Alkmaar').executeTakeFirstOrThrow(),
  ).then((r) => r.id);
});
afterAll(() => close());

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const asPerson = <T>(email: string, work: (tx: Tx) => Promise<T>) =>
  runAs(world.database, { sub: world.idOf(email), email, role: 'authenticated' }, work);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function plan(title: string, fields: Record<string, string> = {}) {
  const parsed = planSessionSchema.parse({ title, date: inDays(10), startTime: '19:00', endTime: '21:00', ...fields });
  const [id] = await as('coordinator', (tx) =>
    planSessions(tx, { poolId: world.pools.alkmaar, createdBy: world.ids.coordinator, input: parsed }),
  );
  return id!;
}

/** Who got a notification of this kind about this subject (as e-mail addresses, sorted). */
const recipientsOf = (kind: NotificationKind, subject: { session?: string; advice?: string }) =>
  runAsSystem(world.database, (tx) => {
    let query = tx
      .selectFrom('notifications as n')
      .innerJoin('auth.users as u', 'u.id', 'n.recipient_id')
      .select('u.email')
      .where('n.kind', '=', kind);
    if (subject.session) query = query.where('n.session_id', '=', subject.session);
    if (subject.advice) query = query.where('n.advice_id', '=', subject.advice);
    return query
      .orderBy('u.email')
      .execute()
      .then((rows) => rows.map((r) => r.email!));
  });

const alkmaarPeople = (role?: 'member' | 'coordinator') =>
  runAsSystem(world.database, (tx) => {
    let query = tx
      .selectFrom('pool_memberships as m')
      .innerJoin('auth.users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.pool_id', '=', world.pools.alkmaar);
    if (role) query = query.where('m.role', '=', role);
    return query
      .orderBy('u.email')
      .execute()
      .then((rows) => rows.map((r) => r.email!));
  });

describe('session events become notifications in the same transaction', () => {
  it('inviting the pool notifies each invited member once, and nobody else', async () => {
    const id = await plan('Meldingentest uitnodiging');
    const members = await alkmaarPeople('member');
    expect(members.length).toBeGreaterThan(5);
    expect(await recipientsOf('session_invited', { session: id })).toEqual(members);
  });

  it('a plan that is rolled back notifies nobody and queues no mail', async () => {
    const parsed = planSessionSchema.parse({
      title: 'Teruggedraaid',
      date: inDays(10),
      startTime: '19:00',
      endTime: '21:00',
    });
    let planned: string | undefined;
    await expect(
      as('coordinator', async (tx) => {
        [planned] = await planSessions(tx, {
          poolId: world.pools.alkmaar,
          createdBy: world.ids.coordinator,
          input: parsed,
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(planned).toBeDefined();
    const left = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('notifications').select('id').where('session_id', '=', planned!).execute(),
    );
    expect(left).toEqual([]);
    await runDueJobsAsSystem(world.database, createMailer(world.database, undefined, 'test@example.org'), {
      ...sessionJobHandlers,
      ...notificationJobHandlers,
    });
    const mails = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('outbox').select('id').where('subject', 'like', '%Teruggedraaid%').execute(),
    );
    expect(mails).toEqual([]);
  });

  it('a move tells every invitee once, as moved and not also as changed', async () => {
    const id = await plan('Meldingentest verplaatsen');
    await asPerson('amal@demo.expertpool.nl', (tx) => answerSession(tx, id, 'no', ''));
    const input = editSessionSchema.parse({
      title: 'Meldingentest verplaatsen',
      date: inDays(11),
      startTime: '19:00',
      endTime: '21:00',
      version: '1',
      scope: 'this',
      reason: 'Zaal bezet',
    });
    expect(await as('coordinator', (tx) => editSession(tx, id, input, world.ids.coordinator))).toEqual({
      ok: true,
      moved: true,
    });
    // Amal said no; a move still reaches her (she may be able to come now), as the old notices did.
    expect(await recipientsOf('session_moved', { session: id })).toEqual(await alkmaarPeople('member'));
    expect(await recipientsOf('session_changed', { session: id })).toEqual([]);
  });

  it('a new place or title reaches those who did not say no', async () => {
    const id = await plan('Meldingentest wijzigen');
    await asPerson('amal@demo.expertpool.nl', (tx) => answerSession(tx, id, 'no', ''));
    await as('coordinator', (tx) =>
      tx.updateTable('sessions').set({ location: 'Zaal 2' }).where('id', '=', id).execute(),
    );
    const expected = (await alkmaarPeople('member')).filter((e) => e !== 'amal@demo.expertpool.nl');
    expect(await recipientsOf('session_changed', { session: id })).toEqual(expected);
  });

  it('a cancellation tells every invitee', async () => {
    const id = await plan('Meldingentest annuleren');
    await as('coordinator', (tx) => cancelSession(tx, id, 'Trainer ziek', world.ids.coordinator));
    expect(await recipientsOf('session_cancelled', { session: id })).toEqual(await alkmaarPeople('member'));
  });

  it('moving up from the waiting list tells only the one who got the place', async () => {
    const id = await plan('Meldingentest wachtlijst', { capacity: '1' });
    expect(await as('memberA', (tx) => answerSession(tx, id, 'yes', ''))).toBe('yes');
    expect(await asPerson('amal@demo.expertpool.nl', (tx) => answerSession(tx, id, 'yes', ''))).toBe('waiting');
    expect(await recipientsOf('waitlist_promoted', { session: id })).toEqual([]);
    await as('memberA', (tx) => answerSession(tx, id, 'no', ''));
    expect(await recipientsOf('waitlist_promoted', { session: id })).toEqual(['amal@demo.expertpool.nl']);
  });
});

const draft = (addressees: string[]): AdviceInput => ({
  title: 'Meldingentest advies',
  insight: 'Mensen missen de uitnodiging.',
  opportunities: ['Stuur een bericht in de eigen taal.'],
  goldenTips: [],
  indicators: ['language'],
  processPart: 'communication',
  addressees,
  coreIndicators: [],
});

describe('advice events become notifications', () => {
  it('review → the pool but the author; publish → the addressed readers; response, comment, implemented → who wrote or discussed it', async () => {
    const id = await as('memberA', (tx) =>
      createDraft(tx, world.pools.alkmaar, world.ids.memberA, draft([alkmaarMunicipality])),
    );
    await as('memberA', (tx) => submitForReview(tx, id));
    const pool = await alkmaarPeople();
    expect(await recipientsOf('advice_in_review', { advice: id })).toEqual(
      pool.filter((e) => e !== 'lid@demo.expertpool.nl'),
    );

    await as('coordinator', (tx) => addComment(tx, id, world.ids.coordinator, 'Goed punt.'));
    expect(await recipientsOf('advice_commented', { advice: id })).toEqual(['lid@demo.expertpool.nl']);

    await as('coordinator', (tx) => publishAdvice(tx, id, 'addressed'));
    // The reader of Alkmaar; not Twente's pool, not the reader of another municipality.
    expect(await recipientsOf('advice_published', { advice: id })).toEqual(['gemeente@demo.expertpool.nl']);

    await as('reader', (tx) =>
      respondToAdvice(tx, id, world.ids.reader, {
        municipalityId: alkmaarMunicipality,
        decision: 'adopted',
        explanation: 'Doen we.',
        plannedAction: '',
        plannedOn: null,
      }),
    );
    const followers = ['coordinator@demo.expertpool.nl', 'lid@demo.expertpool.nl'];
    expect(await recipientsOf('advice_responded', { advice: id })).toEqual(followers);
    await as('coordinator', (tx) => markImplemented(tx, id));
    // The coordinator marked it: only the author hears of it.
    expect(await recipientsOf('advice_implemented', { advice: id })).toEqual(['lid@demo.expertpool.nl']);
  });
});

describe('reading notifications', () => {
  it('counts unread, marks one and all read, and shows only what the reader may still see', async () => {
    const person = 'tesfay@demo.expertpool.nl';
    const userId = world.idOf(person);
    const id = await plan('Meldingentest lezen');
    const mine = await asPerson(person, (tx) => listNotifications(tx, userId));
    const invitation = mine.find((n) => n.session_id === id)!;
    expect(subjectOf(invitation)).toEqual({ title: 'Meldingentest lezen', href: `/sessions/${id}` });
    const before = await asPerson(person, (tx) => countUnread(tx, userId));
    expect(before).toBeGreaterThan(0);
    expect(await asPerson(person, (tx) => markRead(tx, userId, invitation.id))).toBe(true);
    expect(await asPerson(person, (tx) => countUnread(tx, userId))).toBe(before - 1);
    // Someone else's notification cannot be marked (RLS hides it).
    expect(await as('memberA', (tx) => markRead(tx, world.ids.memberA, invitation.id))).toBe(false);
    await asPerson(person, (tx) => markAllRead(tx, userId));
    expect(await asPerson(person, (tx) => countUnread(tx, userId))).toBe(0);

    // After leaving the pool, the notification stays but no longer says what the session is.
    await runAsSystem(world.database, (tx) =>
      tx
        .deleteFrom('pool_memberships')
        .where('user_id', '=', userId)
        .where('pool_id', '=', world.pools.alkmaar)
        .execute(),
    );
    const after = await asPerson(person, (tx) => listNotifications(tx, userId));
    const gone = after.find((n) => n.id === invitation.id)!;
    expect(gone.session_title).toBeNull();
    expect(subjectOf(gone)).toBeNull();
  });

  it('keeps notifications 90 days', async () => {
    const removed = await runAsSystem(world.database, async (tx) => {
      await tx
        .updateTable('notifications')
        .set({ created_at: new Date(Date.now() - 91 * 86_400_000) })
        .where('recipient_id', '=', world.ids.memberB)
        .execute();
      return deleteOldNotifications(tx);
    });
    expect(removed).toBeGreaterThan(0);
    const left = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('notifications')
        .select('id')
        .where('created_at', '<', new Date(Date.now() - 90 * 86_400_000))
        .execute(),
    );
    expect(left).toEqual([]);
  });
});

describe('notification mail', () => {
  const handlers = { ...sessionJobHandlers, ...notificationJobHandlers };
  const mailer = () => createMailer(world.database, undefined, 'test@example.org');

  it('each invited member gets one invitation mail in their own language, however often the runner runs', async () => {
    const english = 'olena@demo.expertpool.nl';
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('profiles').set({ locale: 'en' }).where('id', '=', world.idOf(english)).execute(),
    );
    const id = await plan('Meldingentest mail');
    await Promise.all([
      runDueJobsAsSystem(world.database, mailer(), handlers),
      runDueJobsAsSystem(world.database, mailer(), handlers),
    ]);
    await runDueJobsAsSystem(world.database, mailer(), handlers);
    const mails = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text'])
        .where('subject', 'like', `%: ${isolated('Meldingentest mail')}`)
        .execute(),
    );
    expect(mails.map((m) => m.to_address).sort()).toEqual(await alkmaarPeople('member'));
    const olena = mails.find((m) => m.to_address === english)!;
    expect(olena.subject).toBe(`Invitation: ${isolated('Meldingentest mail')}`);
    expect(olena.body_text).toContain(`/sessions/${id}`);
    const dutch = mails.find((m) => m.to_address === 'lid@demo.expertpool.nl')!;
    expect(dutch.subject).toBe(`Uitnodiging: ${isolated('Meldingentest mail')}`);
  });

  it('an Arabic reader gets an HTML part that reads right to left, with the title escaped', async () => {
    const arabic = 'oksana@demo.expertpool.nl';
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('profiles').set({ locale: 'ar' }).where('id', '=', world.idOf(arabic)).execute(),
    );
    await plan('<b>Vet</b> & "x"');
    await runDueJobsAsSystem(world.database, mailer(), handlers);
    const mail = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select(['subject', 'body_html', 'idempotency_key', 'headers'])
        .where('to_address', '=', arabic)
        .where('subject', 'like', '%<b>Vet</b>%')
        .executeTakeFirstOrThrow(),
    );
    expect(mail.subject).toBe(`دعوة: ${isolated('<b>Vet</b> & "x"')}`);
    expect(mail.body_html).toContain('dir="rtl"');
    expect(mail.body_html).toContain('&lt;b&gt;Vet&lt;/b&gt; &amp; &quot;x&quot;');
    expect(mail.body_html).not.toContain('<b>');
    expect(mail.idempotency_key).toMatch(/^notification:[0-9a-f-]{36}$/);
    // RFC 8058 one-click unsubscribe for this person and this kind.
    const headers = mail.headers as Record<string, string>;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https?:\/\/[^>]+\/unsubscribe\/([^>]+))>$/.exec(headers['List-Unsubscribe']!)!;
    expect(readUnsubscribeToken(link[2]!)).toEqual({ ok: true, personId: world.idOf(arabic), kind: 'session_invited' });
    expect(mail.body_html).toContain(`href="${link[1]}"`);
  });

  it('sends no mail about a session the reader may no longer see, nor one they chose not to get at once', async () => {
    const gone = 'samir@demo.expertpool.nl';
    const quiet = 'layla@demo.expertpool.nl';
    await asPerson(quiet, (tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: world.idOf(quiet), kind: 'session_invited', delivery: 'off' })
        .execute(),
    );
    const id = await plan('Meldingentest weg');
    await runAsSystem(world.database, (tx) =>
      tx
        .deleteFrom('pool_memberships')
        .where('user_id', '=', world.idOf(gone))
        .where('pool_id', '=', world.pools.alkmaar)
        .execute(),
    );
    await runDueJobsAsSystem(world.database, mailer(), handlers);
    const to = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select('to_address')
        .where('subject', 'like', `%: ${isolated('Meldingentest weg')}`)
        .execute(),
    ).then((rows) => rows.map((r) => r.to_address));
    expect(to.length).toBeGreaterThan(3);
    expect(to).not.toContain(gone);
    expect(to).not.toContain(quiet);
    // The in-app notification is there all the same (only the mail follows the choice).
    expect(await recipientsOf('session_invited', { session: id })).toContain(quiet);
  });
});
