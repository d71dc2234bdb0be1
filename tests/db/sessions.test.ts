import { isolated, withoutBidiControls } from '~/bidi';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { formatInZone } from '~/i18n/format';
import { runDueJobsAsSystem, startJobRunner } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { createFeed, findFeedOwner, revokeFeed } from '~/sessions/feeds.server';
import { sessionsCalendar } from '~/sessions/ics.server';
import {
  answerSession,
  cancelSession,
  editSession,
  getSession,
  listFeedSessions,
  planSessions,
  recordAttendance,
  requestReminder,
  SessionRefusal,
} from '~/sessions/queries.server';
import { editSessionSchema, planSessionSchema } from '~/sessions/schema.server';
import { jobHandlers } from '../../server/job-handlers';
import { freshDatabase } from './database';
import { worldOf, type Person, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let members: Record<'amal' | 'tesfay' | 'olena', string>;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  const rows = await runAsSystem(database, (tx) =>
    tx.selectFrom('auth.users').select(['id', 'email']).where('email', 'like', '%@demo.expertpool.nl').execute(),
  );
  const id = (name: string) => rows.find((r) => r.email === `${name}@demo.expertpool.nl`)!.id;
  members = { amal: id('amal'), tesfay: id('tesfay'), olena: id('olena') };
});
afterAll(() => close());

const as = <T>(person: Person, work: Parameters<typeof runAs<T>>[2]) =>
  runAs(world.database, world.claims(person), work);
const asMember = <T>(name: keyof typeof members, work: Parameters<typeof runAs<T>>[2]) =>
  runAs(world.database, { sub: members[name], email: `${name}@demo.expertpool.nl`, role: 'authenticated' }, work);

/** A plan as the form would submit it, parsed by the same schema. */
function planInput(fields: Record<string, string>) {
  const parsed = planSessionSchema.safeParse({
    title: 'Testbijeenkomst',
    startTime: '19:00',
    endTime: '21:00',
    ...fields,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function plan(fields: Record<string, string>, poolId = world.pools.alkmaar) {
  return as('coordinator', (tx) =>
    planSessions(tx, { poolId, createdBy: world.ids.coordinator, input: planInput(fields) }),
  );
}

describe('planning sessions in Dutch time', () => {
  it('stores a 19:00 Amsterdam session as 17:00 UTC in summer time and 18:00 UTC in winter time', async () => {
    const [summer] = await plan({ date: '2026-10-20' });
    const [winter] = await plan({ date: '2026-11-17' });
    const rows = await as('coordinator', (tx) =>
      tx.selectFrom('sessions').select(['id', 'starts_at', 'ends_at']).where('id', 'in', [summer!, winter!]).execute(),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(summer!)!.starts_at.toISOString()).toBe('2026-10-20T17:00:00.000Z');
    expect(byId.get(winter!)!.starts_at.toISOString()).toBe('2026-11-17T18:00:00.000Z');
    expect(byId.get(winter!)!.ends_at.toISOString()).toBe('2026-11-17T20:00:00.000Z');
  });

  it('keeps 19:00 wall-clock time for a weekly series across the last Sunday of October 2026', async () => {
    const ids = await plan({ date: '2026-10-20', repeat: 'weekly', occurrences: '3' });
    const rows = await as('coordinator', (tx) =>
      tx
        .selectFrom('sessions')
        .select(['starts_at', 'series_id'])
        .where('id', 'in', ids)
        .orderBy('starts_at')
        .execute(),
    );
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual([
      '2026-10-20T17:00:00.000Z',
      '2026-10-27T18:00:00.000Z',
      '2026-11-03T18:00:00.000Z',
    ]);
    expect(rows.map((r) => formatInZone(r.starts_at, 'Europe/Amsterdam', 'nl'))).toEqual([
      'dinsdag 20 oktober 2026, 19:00',
      'dinsdag 27 oktober 2026, 19:00',
      'dinsdag 3 november 2026, 19:00',
    ]);
    expect(new Set(rows.map((r) => r.series_id)).size).toBe(1);
  });

  it('shows the same instant in the viewer’s own zone and language', () => {
    const instant = new Date('2026-10-27T18:00:00Z');
    expect(formatInZone(instant, 'America/New_York', 'en')).toBe('Tuesday 27 October 2026, 14:00');
    expect(formatInZone(instant, 'Europe/Amsterdam', 'ar')).toContain('أكتوبر');
  });

  it('refuses an end before the start, in the form and in the database', async () => {
    const parsed = planSessionSchema.safeParse({
      title: 'x',
      date: '2026-12-01',
      startTime: '19:00',
      endTime: '18:00',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['endTime'], message: 'sessionErrors.endBeforeStart' });
    await expect(
      as('coordinator', (tx) =>
        tx
          .insertInto('sessions')
          .values({
            pool_id: world.pools.alkmaar,
            title: 'x',
            starts_at: '2026-12-01T18:00Z',
            ends_at: '2026-12-01T17:00Z',
            created_by: world.ids.coordinator,
          })
          .execute(),
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('invites only the chosen members when the coordinator selects them', async () => {
    const [id] = await as('coordinator', (tx) =>
      planSessions(tx, {
        poolId: world.pools.alkmaar,
        createdBy: world.ids.coordinator,
        input: planInput({ date: inDays(30), invite: 'selected' }),
        inviteeIds: [members.amal, world.ids.memberB],
      }),
    );
    const session = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    // Member B is not in the Alkmaar pool, so only Amal is invited.
    expect(session!.invitees.map((i) => i.display_name)).toEqual(['Amal']);
  });
});

describe('answers, capacity and the waiting list', () => {
  it('puts the next yes on the waiting list when full, never drops anyone when capacity is lowered, and gives freed places in order', async () => {
    const [id] = await plan({ date: inDays(10), capacity: '2' });
    expect(await as('memberA', (tx) => answerSession(tx, id!, 'yes', ''))).toBe('yes');
    expect(await asMember('amal', (tx) => answerSession(tx, id!, 'yes', ''))).toBe('yes');
    expect(await asMember('tesfay', (tx) => answerSession(tx, id!, 'yes', ''))).toBe('waiting');

    // Capacity lowered below the number of yes-answers: both keep their place.
    const before = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    const edit = editSessionSchema.parse({
      title: before!.title,
      date: inDays(10),
      startTime: '19:00',
      endTime: '21:00',
      capacity: '1',
      version: String(before!.version),
    });
    expect(await as('coordinator', (tx) => editSession(tx, id!, edit, world.ids.coordinator))).toEqual({
      ok: true,
      moved: false,
    });
    const lowered = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    expect(lowered!.yes).toBe(2);
    expect(lowered!.capacity).toBe(1);
    expect(await asMember('olena', (tx) => answerSession(tx, id!, 'yes', ''))).toBe('waiting');

    // One of two leaves: still full (1 yes for 1 place), so nobody moves up.
    expect(await as('memberA', (tx) => answerSession(tx, id!, 'no', 'Ziek'))).toBe('no');
    const stillFull = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    expect(stillFull!.invitees.filter((i) => i.response === 'waiting').map((i) => i.display_name)).toEqual([
      'Tesfay',
      'Olena',
    ]);
    // The other leaves: the longest waiting (Tesfay) gets the place.
    await asMember('amal', (tx) => answerSession(tx, id!, 'maybe', ''));
    const after = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    const byName = Object.fromEntries(after!.invitees.map((i) => [i.display_name, i.response]));
    expect(byName).toMatchObject({ Tesfay: 'yes', Olena: 'waiting', Amal: 'maybe', Yonas: 'no' });
  });

  it('refuses an answer after the deadline', async () => {
    const [id] = await plan({ date: inDays(3) });
    await runAsSystem(world.database, (tx) =>
      tx
        .updateTable('sessions')
        .set({ rsvp_deadline: new Date(Date.now() - 60_000) })
        .where('id', '=', id!)
        .execute(),
    );
    await expect(as('memberA', (tx) => answerSession(tx, id!, 'yes', ''))).rejects.toEqual(
      new SessionRefusal('rsvp_closed'),
    );
  });

  it('refuses an answer to a cancelled session', async () => {
    const [id] = await plan({ date: inDays(4) });
    await as('coordinator', (tx) => cancelSession(tx, id!, 'De ruimte is niet beschikbaar', world.ids.coordinator));
    await expect(as('memberA', (tx) => answerSession(tx, id!, 'yes', ''))).rejects.toMatchObject({
      reason: 'session_cancelled',
    });
  });

  it('lets the coordinator record attendance and allowances', async () => {
    const [id] = await plan({ date: inDays(-2) });
    const changed = await as('coordinator', (tx) =>
      recordAttendance(tx, id!, [
        { userId: world.ids.memberA, attended: true, allowanceCents: 1500 },
        { userId: members.amal, attended: false, allowanceCents: null },
      ]),
    );
    expect(changed).toBe(2);
    const session = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    expect(session!.invitees.find((i) => i.display_name === 'Yonas')).toMatchObject({
      attended: true,
      allowance_cents: 1500,
    });
    // A member cannot mark themselves present.
    expect(
      await as('memberA', (tx) =>
        recordAttendance(tx, id!, [{ userId: world.ids.memberA, attended: false, allowanceCents: 9999 }]),
      ),
    ).toBe(0);
  });
});

describe('following up', () => {
  it('shows the pool the advice drafts that came out of a session', async () => {
    const [id] = await plan({ date: inDays(-3), title: 'Opvolging' });
    await as('memberA', (tx) =>
      tx
        .insertInto('advices')
        .values({
          pool_id: world.pools.alkmaar,
          title: 'Een vaste contactpersoon',
          source_session_id: id!,
          created_by: world.ids.memberA,
        })
        .execute(),
    );
    const seen = await as('memberA', (tx) => getSession(tx, id!, world.ids.memberA));
    expect(seen!.advices.map((a) => a.title)).toEqual(['Een vaste contactpersoon']);
  });
});

describe('two coordinators editing at once', () => {
  it('saves the first edit and tells the second editor of the conflict without overwriting', async () => {
    const [id] = await plan({ date: inDays(20), title: 'Origineel' });
    const opened = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    const form = (title: string) =>
      editSessionSchema.parse({
        title,
        date: inDays(20),
        startTime: '19:00',
        endTime: '21:00',
        version: String(opened!.version),
      });
    expect(await as('coordinator', (tx) => editSession(tx, id!, form('Eerste'), world.ids.coordinator))).toMatchObject({
      ok: true,
    });
    expect(await as('admin', (tx) => editSession(tx, id!, form('Tweede'), world.ids.admin))).toEqual({
      ok: false,
      conflict: true,
    });
    const saved = await as('coordinator', (tx) => getSession(tx, id!, world.ids.coordinator));
    expect(saved!.title).toBe('Eerste');
    expect(saved!.version).toBe(opened!.version + 1);
  });

  it('moves this and all following occurrences of a series, keeping each one’s week', async () => {
    const ids = await plan({ date: '2026-12-01', repeat: 'weekly', occurrences: '3', title: 'Reeks' });
    const second = await as('coordinator', (tx) => getSession(tx, ids[1]!, world.ids.coordinator));
    const result = await as('coordinator', (tx) =>
      editSession(
        tx,
        ids[1]!,
        editSessionSchema.parse({
          title: 'Reeks',
          date: '2026-12-09',
          startTime: '10:00',
          endTime: '12:00',
          version: String(second!.version),
          scope: 'following',
          reason: 'Ochtend past beter',
        }),
        world.ids.coordinator,
      ),
    );
    expect(result).toEqual({ ok: true, moved: true });
    const rows = await as('coordinator', (tx) =>
      tx.selectFrom('sessions').select('starts_at').where('id', 'in', ids).orderBy('starts_at').execute(),
    );
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual([
      '2026-12-01T18:00:00.000Z',
      '2026-12-09T09:00:00.000Z',
      '2026-12-16T09:00:00.000Z',
    ]);
    // Both moved occurrences tell each of their invitees, with the reason and the old time.
    await runDueJobsAsSystem(world.database, createMailer(world.database, undefined, 'test@example.org'), jobHandlers);
    const notices = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select('body_text')
        .where('subject', '=', `Verplaatst: ${isolated('Reeks')}`)
        .execute(),
    );
    expect(notices).toHaveLength(2 * (await alkmaarMemberEmails()).length);
    expect(notices[0]!.body_text).toContain('Ochtend past beter');
    expect(notices.map((n) => n.body_text).join()).toContain('Was: dinsdag 8 december 2026, 19:00');
  });
});

/** The Alkmaar pool's members (not its coordinator): whom "invite the whole pool" reaches. */
const alkmaarMemberEmails = () =>
  runAsSystem(world.database, (tx) =>
    tx
      .selectFrom('pool_memberships')
      .innerJoin('auth.users', 'auth.users.id', 'pool_memberships.user_id')
      .select('auth.users.email')
      .where('pool_id', '=', world.pools.alkmaar)
      .where('role', '=', 'member')
      .orderBy('auth.users.email')
      .execute()
      .then((rows) => rows.map((r) => r.email!)),
  );

describe('reminders and notices (scheduled jobs)', () => {
  const mailer = () => createMailer(world.database, undefined, 'test@example.org');
  const outboxFor = (subjectPart: string) =>
    runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select(['to_address', 'body_text'])
        .where('subject', 'like', `%${subjectPart}%`)
        .execute(),
    );

  it('sends each reminder once, however often and however concurrently the runner runs', async () => {
    const [id] = await plan({ date: inDays(1), title: 'Herinneringstest', startTime: '23:00', endTime: '23:30' });
    await asMember('olena', (tx) => answerSession(tx, id!, 'no', ''));
    const now = new Date(Date.now() + 2 * 86_400_000);
    await Promise.all([
      runDueJobsAsSystem(world.database, mailer(), jobHandlers, now),
      runDueJobsAsSystem(world.database, mailer(), jobHandlers, now),
    ]);
    await runDueJobsAsSystem(world.database, mailer(), jobHandlers, now);
    const mails = await outboxFor(`Morgen: ${isolated('Herinneringstest')}`);
    // Every Alkmaar member is invited; Olena said no, so she is the one without a reminder.
    const expected = (await alkmaarMemberEmails()).filter((email) => email !== 'olena@demo.expertpool.nl');
    expect(expected.length).toBeGreaterThan(2);
    expect(mails.map((m) => m.to_address).sort()).toEqual(expected);
  });

  it('sends a reminder at once when the coordinator asks for one', async () => {
    const [id] = await plan({ date: inDays(6), title: 'Handmatige herinnering' });
    await as('coordinator', (tx) => requestReminder(tx, id!));
    await runDueJobsAsSystem(world.database, mailer(), jobHandlers);
    const mails = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select('subject')
        .where('subject', '=', `Herinnering: ${isolated('Handmatige herinnering')}`)
        .execute(),
    );
    expect(mails).toHaveLength((await alkmaarMemberEmails()).length);
    await expect(as('memberA', (tx) => requestReminder(tx, id!))).rejects.toThrow(/permission denied/);
  });

  it('the running job runner sends at once when woken, and nothing more once it is stopped', async () => {
    // Polls only hourly here: what goes out during the test goes out because the runner was woken.
    const runner = startJobRunner(world.database, mailer(), jobHandlers, 3_600_000);
    const invitees = (await alkmaarMemberEmails()).length;
    const [woken] = await plan({ date: inDays(6), title: 'Wekproef' });
    await as('coordinator', (tx) => requestReminder(tx, woken!));
    // Woken once: the runner's first round may still be under way, and then one more follows it.
    runner.wake();
    await vi.waitFor(
      async () => expect(await outboxFor(`Herinnering: ${isolated('Wekproef')}`)).toHaveLength(invitees),
      { timeout: 20_000, interval: 200 },
    );

    await runner.stop();
    const [later] = await plan({ date: inDays(6), title: 'Na het stoppen' });
    await as('coordinator', (tx) => requestReminder(tx, later!));
    for (let i = 0; i < 5; i += 1) {
      runner.wake();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await outboxFor(`Herinnering: ${isolated('Na het stoppen')}`)).toHaveLength(0);
    // The job was due all along: running the jobs by hand sends it.
    await runDueJobsAsSystem(world.database, mailer(), jobHandlers);
    expect(await outboxFor(`Herinnering: ${isolated('Na het stoppen')}`)).toHaveLength(invitees);
  });

  it('tells every invitee when a session is cancelled, with the reason', async () => {
    const [id] = await plan({ date: inDays(8), title: 'Annuleringstest' });
    await as('coordinator', (tx) => cancelSession(tx, id!, 'De trainer is ziek', world.ids.coordinator));
    await runDueJobsAsSystem(world.database, mailer(), jobHandlers);
    const mails = await outboxFor(`Geannuleerd: ${isolated('Annuleringstest')}`);
    const invitees = (await alkmaarMemberEmails()).length;
    expect(mails).toHaveLength(invitees);
    expect(mails[0]!.body_text).toContain('De trainer is ziek');
    // The cancelled session's reminder is dropped, so running later sends nothing more.
    await runDueJobsAsSystem(world.database, mailer(), jobHandlers, new Date(Date.now() + 30 * 86_400_000));
    expect(await outboxFor(`Geannuleerd: ${isolated('Annuleringstest')}`)).toHaveLength(invitees);
  });
});

describe('text people wrote, in mails and calendar files', () => {
  // Stored before input dropped direction controls, or by a request that skipped the form.
  const HOSTILE_TITLE = 'Taal\u202Ecafé\r\nBEGIN:VEVENT\r\nSUMMARY:nep; x, y';
  /** A line whose only direction controls are first-strong isolates, each closed (what ~/bidi's isolated writes). */
  const ONLY_CLOSED_ISOLATES = /^(?:[^\u202A-\u202E\u2066-\u2069]|\u2068[^\u202A-\u202E\u2066-\u2069]*\u2069)*$/;
  const hostileSession = async () => {
    const [id] = await plan({ date: inDays(5), title: 'Wordt zo overschreven' });
    await runAsSystem(world.database, (tx) =>
      tx
        .updateTable('sessions')
        .set({ title: HOSTILE_TITLE, purpose: 'Wat \u2067we\u2069 doen', location: 'Zaal \u202D1' })
        .where('id', '=', id!)
        .execute(),
    );
    return id!;
  };

  it('a title with line breaks and direction controls adds nothing to an .ics and reads as one line', async () => {
    const id = await hostileSession();
    const session = (await as('memberA', (tx) => getSession(tx, id, world.ids.memberA)))!;
    const ics = sessionsCalendar([session], { name: session.title, appUrl: 'https://expertpool.example' });
    expect(ics).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    // ical.js leaves NAME and X-WR-CALNAME as written: RFC 5545 escapes ; , and \\ in text.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Taalcafé BEGIN:VEVENT SUMMARY:nep\\; x\\, y');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Taalcafé\nBEGIN:VEVENT\nSUMMARY:nep; x, y (Expertpool Regio Alkmaar)');
    expect(event.location).toBe('Zaal 1');
    expect(event.description).toContain('Wat we doen');
  });

  it('a reminder about it has a one-line subject, and no direction controls but the isolates around its values', async () => {
    const id = await hostileSession();
    await as('coordinator', (tx) => requestReminder(tx, id));
    await runDueJobsAsSystem(world.database, createMailer(world.database, undefined, 'test@example.org'), jobHandlers);
    const mails = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('outbox')
        .select(['subject', 'body_text'])
        .where('subject', 'like', 'Herinnering:%SUMMARY:nep%')
        .execute(),
    );
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.subject).toBe(`Herinnering: ${isolated('Taalcafé BEGIN:VEVENT SUMMARY:nep; x, y')}`);
      expect(withoutBidiControls(mail.body_text)).toContain('Taalcafé\r\nBEGIN:VEVENT');
      expect(mail.body_text).toContain(isolated('Zaal 1'));
      // The title's own controls are gone; its isolate, open on a line it does not close, went with them.
      for (const line of mail.body_text.split('\n')) expect(line).toMatch(ONLY_CLOSED_ISOLATES);
    }
  });
});

describe('calendar files and the personal feed', () => {
  it('writes an .ics that parses back (RFC 5545) with the same instants and the cancellation', async () => {
    const ids = await plan({ date: '2026-10-20', repeat: 'weekly', occurrences: '2', title: 'ICS; test, één' });
    await as('coordinator', (tx) => cancelSession(tx, ids[1]!, 'Vakantie', world.ids.coordinator));
    const sessions = await as('memberA', (tx) => listFeedSessions(tx, world.ids.memberA));
    const ics = sessionsCalendar(
      sessions.filter((s) => ids.includes(s.id)),
      { name: 'Test', appUrl: 'https://expertpool.example' },
    );
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-10-20T17:00:00.000Z',
      '2026-10-27T18:00:00.000Z',
    ]);
    expect(events[0]!.summary).toBe('ICS; test, één (Expertpool Regio Alkmaar)');
    expect(calendar.getAllSubcomponents('vevent')[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0]!.uid).toBe(`${ids[0]}@expertpool`);
  });

  it('opens a feed only with a live token, and shows only that person’s sessions', async () => {
    const token = await as('memberA', (tx) => createFeed(tx, world.ids.memberA));
    const owner = await runAs(world.database, null, (tx) => findFeedOwner(tx, token));
    expect(owner).toEqual({ id: world.ids.memberA, email: 'lid@demo.expertpool.nl' });
    const feed = await as('memberA', (tx) => listFeedSessions(tx, owner!.id));
    const pools = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('sessions')
        .select('pool_id')
        .distinct()
        .where(
          'id',
          'in',
          feed.map((s) => s.id),
        )
        .execute(),
    );
    expect(pools.map((p) => p.pool_id)).toEqual([world.pools.alkmaar]);

    expect(await runAs(world.database, null, (tx) => findFeedOwner(tx, 'unknown-token-0123456789abc'))).toBeNull();
    await as('memberA', (tx) => revokeFeed(tx, world.ids.memberA));
    expect(await runAs(world.database, null, (tx) => findFeedOwner(tx, token))).toBeNull();
    // A stored hash is useless as a token.
    const stored = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('calendar_feeds').select('token_hash').execute(),
    );
    expect(await runAs(world.database, null, (tx) => findFeedOwner(tx, stored[0]!.token_hash))).toBeNull();
  });
});
