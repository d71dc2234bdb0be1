import { isolated, isolatedLtr } from '~/bidi';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '~/boards/queries.server';
import type { NotificationKind } from '~/db/types';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { runDueJobsAsSystem } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { notifyDueEvents } from '~/notifications/events.server';
import { listNotifications, subjectOf } from '~/notifications/queries.server';
import { answerSession, planSessions } from '~/sessions/queries.server';
import { planSessionSchema } from '~/sessions/schema.server';
import { answerSignal, submitPublicSignal } from '~/signals/queries.server';
import { jobHandlers as handlers } from '../../server/job-handlers';
import { freshDatabase } from './database';
import { addExtraActors, PEOPLE, worldOf, type Actor, type World } from './fixtures';

/**
 * The events of issue 17 beyond sessions and advice: a board opened for a session, an advice's
 * response term ending and passed, a pool invitation stuck, a newcomer's question answered. For each:
 * who gets it, and that nobody else does (another pool, another municipality, the actor).
 */
let world: World;
let close: () => Promise<void>;
const municipality = { alkmaar: '', enschede: '' };
const DAY = 86_400_000;
const mailer = () => createMailer(world.database, undefined, 'test@example.org');

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await addExtraActors(await worldOf(database));
  await runAsSystem(database, async (tx) => {
    const rows = await tx.selectFrom('municipalities').select(['id', 'name']).execute();
    municipality.alkmaar = rows.find((m) => m.name === 'Alkmaar')!.id;
    municipality.enschede = rows.find((m) => m.name === 'Enschede')!.id;
  });
});
afterAll(() => close());

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);

/** Who got a notification of this kind (e-mail addresses, sorted), optionally about one subject. */
const recipientsOf = (
  kind: NotificationKind,
  about: { board?: string; advice?: string; invitation?: string; municipality?: string } = {},
) =>
  system(async (tx) => {
    let query = tx
      .selectFrom('notifications as n')
      .innerJoin('auth.users as u', 'u.id', 'n.recipient_id')
      .select('u.email')
      .where('n.kind', '=', kind);
    if (about.board) query = query.where('n.board_id', '=', about.board);
    if (about.advice) query = query.where('n.advice_id', '=', about.advice);
    if (about.invitation) query = query.where('n.invitation_id', '=', about.invitation);
    if (about.municipality) query = query.where('n.municipality_id', '=', about.municipality);
    const rows = await query.orderBy('u.email').execute();
    return rows.map((r) => r.email!);
  });

const poolPeople = (pool: string, role?: 'member' | 'coordinator') =>
  system(async (tx) => {
    let query = tx
      .selectFrom('pool_memberships as m')
      .innerJoin('auth.users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.pool_id', '=', pool);
    if (role) query = query.where('m.role', '=', role);
    return (await query.orderBy('u.email').execute()).map((r) => r.email!);
  });

describe('board_opened', () => {
  it('a board made for a session tells its invitees who did not say no, but not its maker nor another pool', async () => {
    const parsed = planSessionSchema.parse({
      title: 'Bordtest',
      date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
      startTime: '19:00',
      endTime: '21:00',
    });
    const [session] = await as('coordinator', (tx) =>
      planSessions(tx, { poolId: world.pools.alkmaar, createdBy: world.ids.coordinator, input: parsed }),
    );
    await as('memberA', (tx) => answerSession(tx, session!, 'no', ''));
    const board = await as('coordinator', (tx) =>
      createBoard(tx, {
        poolId: world.pools.alkmaar,
        title: 'Bord voor de bijeenkomst',
        template: 'blank',
        copyFrom: null,
        sessionId: session!,
        createdBy: world.ids.coordinator,
        authorName: 'Coördinator',
      }),
    );
    const members = await poolPeople(world.pools.alkmaar, 'member');
    const told = await recipientsOf('board_opened', { board });
    expect(told).toEqual(members.filter((e) => e !== PEOPLE.memberA));
    expect(told).not.toContain(PEOPLE.coordinator);
    expect(told).not.toContain(PEOPLE.memberB);

    // Another pool's member reads no trace of it, not even through their own list.
    const theirs = await as('memberB', (tx) => listNotifications(tx, world.ids.memberB));
    expect(theirs.some((n) => n.board_id === board)).toBe(false);
    // What an invitee reads: the board, under their own rights, with its page.
    const someone = world.idOf(told[0]!);
    const mine = await runAs(world.database, { sub: someone, email: told[0]!, role: 'authenticated' }, (tx) =>
      listNotifications(tx, someone),
    );
    const opened = mine.find((n) => n.kind === 'board_opened')!;
    expect(subjectOf(opened)).toEqual({ title: 'Bord voor de bijeenkomst', href: `/boards/${board}` });
  });

  it('a board without a session tells nobody; attaching it to a session later does', async () => {
    const board = await as('coordinator', (tx) =>
      createBoard(tx, {
        poolId: world.pools.alkmaar,
        title: 'Los bord',
        template: 'blank',
        copyFrom: null,
        sessionId: null,
        createdBy: world.ids.coordinator,
        authorName: 'Coördinator',
      }),
    );
    expect(await recipientsOf('board_opened', { board })).toEqual([]);
    const session = await system((tx) =>
      tx
        .selectFrom('sessions')
        .select('id')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('status', '=', 'scheduled')
        .where('starts_at', '>', new Date())
        .executeTakeFirstOrThrow(),
    );
    const invitees = await system((tx) =>
      tx
        .selectFrom('session_invitees')
        .select('user_id')
        .where('session_id', '=', session.id)
        .where((eb) => eb.or([eb('response', 'is', null), eb('response', '!=', 'no')]))
        .execute(),
    );
    await as('coordinator', (tx) =>
      tx.updateTable('boards').set({ session_id: session.id }).where('id', '=', board).execute(),
    );
    const told = await recipientsOf('board_opened', { board });
    expect(told.length).toBe(invitees.filter((i) => i.user_id !== world.ids.coordinator).length);
    expect(told).not.toContain(PEOPLE.coordinator);
  });
});

describe('response_due and response_overdue (the daily job)', () => {
  const publish = (title: string, daysAgo: number, addressees: string[]) =>
    system(async (tx) => {
      const { id } = await tx
        .insertInto('advices')
        .values({
          pool_id: world.pools.alkmaar,
          title,
          status: 'published',
          created_by: world.ids.memberA,
          addressee_ids: addressees,
          published_at: new Date(Date.now() - daysAgo * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    });

  it("the readers of a municipality that has not answered hear a week before the term ends, once; another municipality's reader does not", async () => {
    const term = await system((tx) =>
      sql<{ days: number }>`select extract(day from private.response_term())::int as days`
        .execute(tx)
        .then((r) => r.rows[0]!.days),
    );
    const soon = await publish('Termijn bijna om', term - 3, [municipality.alkmaar]);
    const fresh = await publish('Net gepubliceerd', 2, [municipality.alkmaar]);
    await system((tx) => notifyDueEvents(tx));
    await system((tx) => notifyDueEvents(tx));
    expect(await recipientsOf('response_due', { advice: soon })).toEqual([PEOPLE.reader]);
    expect(await recipientsOf('response_due', { advice: fresh })).toEqual([]);
    expect(await recipientsOf('response_overdue', { advice: soon })).toEqual([]);

    // The reader's text names their municipality; the reader reads it under their own rights.
    const items = await as('reader', (tx) => listNotifications(tx, world.ids.reader));
    const due = items.find((n) => n.kind === 'response_due' && n.advice_id === soon)!;
    expect(due.municipality_name).toBe('Alkmaar');
    expect(subjectOf(due)).toEqual({ title: 'Termijn bijna om', href: `/advice/${soon}` });
  });

  it("past the term: the pool's coordinators, once per municipality without an answer; not readers, not another pool's coordinator", async () => {
    const both = await publish('Termijn verstreken', 60, [municipality.alkmaar, municipality.enschede]);
    // Enschede answered in time; Alkmaar did not.
    await system((tx) =>
      tx
        .insertInto('advice_responses')
        .values({
          advice_id: both,
          municipality_id: municipality.enschede,
          decision: 'adopted',
          explanation: 'We doen het.',
          responded_by: world.ids.otherReader,
        })
        .execute(),
    );
    await system((tx) => notifyDueEvents(tx));
    await system((tx) => notifyDueEvents(tx));
    const coordinators = await poolPeople(world.pools.alkmaar, 'coordinator');
    expect(await recipientsOf('response_overdue', { advice: both, municipality: municipality.alkmaar })).toEqual(
      coordinators,
    );
    expect(await recipientsOf('response_overdue', { advice: both, municipality: municipality.enschede })).toEqual([]);
    const told = await recipientsOf('response_overdue', { advice: both });
    expect(told).not.toContain(PEOPLE.outsideCoordinator);
    expect(told).not.toContain(PEOPLE.reader);
    expect(told).not.toContain(PEOPLE.otherReader);
  });

  it('told once even after the notification itself is deleted (90 days)', async () => {
    const old = await publish('Lang geleden verstreken', 70, [municipality.alkmaar]);
    await system((tx) => notifyDueEvents(tx));
    expect((await recipientsOf('response_overdue', { advice: old })).length).toBeGreaterThan(0);
    await system((tx) => tx.deleteFrom('notifications').where('advice_id', '=', old).execute());
    await system((tx) => notifyDueEvents(tx));
    expect(await recipientsOf('response_overdue', { advice: old })).toEqual([]);
  });

  it('a reader who wants it at once gets a mail naming the municipality, in their language', async () => {
    await as('reader', (tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: world.ids.reader, kind: 'response_due', delivery: 'immediately' })
        .execute(),
    );
    const advice = await publish('Termijn met mail', 50, [municipality.alkmaar]);
    await system((tx) => notifyDueEvents(tx));
    await runDueJobsAsSystem(world.database, mailer(), handlers);
    const mail = await system((tx) =>
      tx
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text'])
        .where('subject', '=', `Reactie gevraagd: ${isolated('Termijn met mail')}`)
        .execute(),
    );
    expect(mail.map((m) => m.to_address)).toEqual([PEOPLE.reader]);
    expect(mail[0]!.body_text).toContain(`reactie van ${isolated('Alkmaar')}`);
    expect(mail[0]!.body_text).toContain(`/advice/${advice}`);
  });
});

describe('invitation_stuck (the daily job)', () => {
  const invite = (email: string, daysAgo: number, extra: { accepted_at?: Date; revoked_at?: Date } = {}) =>
    system(async (tx) => {
      const { id } = await tx
        .insertInto('invitations')
        .values({
          email,
          pool_id: world.pools.alkmaar,
          token_hash: `test-${email}`,
          created_by: world.ids.coordinator,
          created_at: new Date(Date.now() - daysAgo * DAY),
          expires_at: new Date(Date.now() + 7 * DAY),
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    });

  it("a week without acceptance tells the pool's coordinators once; accepted, revoked and recent ones tell nobody", async () => {
    const stuck = await invite('vastgelopen@example.org', 8);
    const recent = await invite('recent@example.org', 2);
    const accepted = await invite('aangenomen@example.org', 9, { accepted_at: new Date() });
    const revoked = await invite('ingetrokken@example.org', 9, { revoked_at: new Date() });
    await system((tx) => notifyDueEvents(tx));
    await system((tx) => notifyDueEvents(tx));
    expect(await recipientsOf('invitation_stuck', { invitation: stuck })).toEqual(
      await poolPeople(world.pools.alkmaar, 'coordinator'),
    );
    for (const invitation of [recent, accepted, revoked])
      expect(await recipientsOf('invitation_stuck', { invitation })).toEqual([]);
    const told = await recipientsOf('invitation_stuck');
    for (const other of [PEOPLE.memberA, PEOPLE.outsideCoordinator, PEOPLE.reader]) expect(told).not.toContain(other);

    const items = await as('coordinator', (tx) => listNotifications(tx, world.ids.coordinator));
    const item = items.find((n) => n.kind === 'invitation_stuck')!;
    expect(subjectOf(item)).toEqual({
      title: 'vastgelopen@example.org',
      href: `/pools/${world.pools.alkmaar}/invitations`,
    });
  });
});

describe('question answered: a mail to the asker, no notification', () => {
  const ask = (email: string | null) =>
    runAs(world.database, null, (tx) =>
      submitPublicSignal(tx, {
        body: 'Waar vind ik mijn inburgeringsbrief in het Arabisch?',
        language: 'en',
        municipalityId: municipality.alkmaar,
        name: null,
        email,
        phone: email ? null : '+31 6 1234 5678',
      }),
    );
  const idOf = (reference: string) =>
    system((tx) => tx.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirstOrThrow());

  it('with an address: one mail in their language with the answer and the status page, however often the jobs run', async () => {
    const reference = await ask('vraagsteller@example.org');
    const { id } = await idOf(reference);
    const before = await system((tx) =>
      tx
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const answered = await as('coordinator', (tx) => answerSignal(tx, world.ids.coordinator, id, 'Bel 14 072.'));
    expect(answered?.email).toBe('vraagsteller@example.org');
    await Promise.all([
      runDueJobsAsSystem(world.database, mailer(), handlers),
      runDueJobsAsSystem(world.database, mailer(), handlers),
    ]);
    await runDueJobsAsSystem(world.database, mailer(), handlers);
    const mails = await system((tx) =>
      tx
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body_text', 'idempotency_key'])
        .where('to_address', '=', 'vraagsteller@example.org')
        .execute(),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Answer to your question ${isolatedLtr(reference)}`);
    expect(mails[0]!.body_text).toContain('Bel 14 072.');
    expect(mails[0]!.body_text).toMatch(/https?:\/\/\S+\/ask\/status/);
    expect(mails[0]!.idempotency_key).toMatch(new RegExp(`^question_answered:${id}:\\d+$`));
    // No account, so no notification row for anyone.
    const after = await system((tx) =>
      tx
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(after.n).toBe(before.n);
  });

  it('without an address (a phone number only): no job, no mail', async () => {
    const reference = await ask(null);
    const { id } = await idOf(reference);
    await as('coordinator', (tx) => answerSignal(tx, world.ids.coordinator, id, 'Wij bellen je.'));
    const jobs = await system((tx) =>
      tx
        .selectFrom('scheduled_jobs')
        .select('id')
        .where('kind', '=', 'question_answered_mail')
        .where(sql<boolean>`payload ->> 'signal_id' = ${id}`)
        .execute(),
    );
    expect(jobs).toEqual([]);
  });

  it('nobody but the system writes the mail: a member cannot queue it, nor read the ledgers', async () => {
    for (const actor of ['memberA', 'coordinator', 'reader'] as const) {
      await expect(
        as(actor, (tx) => tx.insertInto('notified_once').values({ key: 'invitation_stuck:x' }).execute()),
      ).rejects.toThrow(/permission denied|row-level security/);
      await expect(as(actor, (tx) => tx.selectFrom('notification_digests').select('id').execute())).rejects.toThrow(
        /permission denied/,
      );
    }
  });
});
