import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, submitForReview } from '~/advice/queries.server';
import { isolated } from '~/bidi';
import type { NotificationDelivery, NotificationKind } from '~/db/types';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { runDueJobsAsSystem } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { queueDigests } from '~/notifications/digest.server';
import { turnOffMailAsSystem } from '~/notifications/queries.server';
import { readUnsubscribeToken } from '~/notifications/tokens.server';
import { jobHandlers as handlers } from '../../server/job-handlers';
import { startTestSmtp, type TestSmtp } from '../smtp';
import { freshDatabase } from './database';
import { PEOPLE, worldOf, type Actor, type World } from './fixtures';

/**
 * Daily and weekly digests: who gets one (by their choice per kind), what is in it (grouped by pool
 * and kind, each a link, read under the reader's rights), that nothing is mailed twice or lost,
 * and a real SMTP delivery with the one-click unsubscribe header.
 */
let world: World;
let close: () => Promise<void>;
let smtp: TestSmtp;
const TUESDAY = '2026-12-08';
const WEDNESDAY = '2026-12-09';
const MONDAY = '2026-12-14';
const title = { alkmaar: 'Digesttest Alkmaar', twente: 'Digesttest Twente' };
const advice = { alkmaar: '', twente: '' };
/** Alkmaar members (not the author) with one choice each for "advice for review". */
const person = { daily: '', off: '', immediately: '', weekly: '', readIt: '', left: '', arabic: '' };

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  smtp = await startTestSmtp();

  const members = await system((tx) =>
    tx
      .selectFrom('pool_memberships as m')
      .innerJoin('auth.users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.pool_id', '=', world.pools.alkmaar)
      .where('m.role', '=', 'member')
      .where('u.email', '!=', PEOPLE.memberA)
      .orderBy('u.email')
      .execute(),
  );
  const names = Object.keys(person) as (keyof typeof person)[];
  names.forEach((name, i) => (person[name] = members[i]!.email!));
  // Everyone starts from nothing waiting: what the demo data left unread is read.
  await system((tx) => tx.updateTable('notifications').set({ read_at: new Date() }).execute());
  const choose = (email: string, delivery: NotificationDelivery) =>
    system((tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: world.idOf(email), kind: 'advice_in_review', delivery })
        .execute(),
    );
  await choose(person.off, 'off');
  await choose(person.immediately, 'immediately');
  await choose(person.weekly, 'weekly');
  await choose(PEOPLE.coordinator, 'daily');
  // One reads the app in Arabic: their digest is Arabic, right to left.
  await system((tx) =>
    tx.updateTable('profiles').set({ locale: 'ar' }).where('id', '=', world.idOf(person.arabic)).execute(),
  );
});
afterAll(async () => {
  await smtp.close();
  await close();
});

const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const runJobs = () =>
  runDueJobsAsSystem(world.database, createMailer(world.database, smtp.url, 'test@example.org'), handlers);
/** The round at 08:00 Amsterdam time of `localDate` (everyone here has Amsterdam's clock unless a test says so). */
const eightOClock = (localDate: string, zone = 'Europe/Amsterdam') => {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, 8, 0, 0, zone).getTime());
};
const digestRound = async (localDate: string, zone?: string) => {
  await system((tx) => queueDigests(tx, eightOClock(localDate, zone)));
  await runJobs();
};
const digestsTo = (email: string) =>
  system((tx) =>
    tx
      .selectFrom('outbox')
      .select(['subject', 'body_text', 'body_html', 'headers', 'idempotency_key', 'sent_at'])
      .where('to_address', '=', email)
      .where('idempotency_key', 'like', 'digest:%')
      .orderBy('created_at')
      .execute(),
  );

const putUpForReview = async (actor: Actor, pool: string, adviceTitle: string) => {
  const id = await as(actor, (tx) =>
    createDraft(tx, pool, world.ids[actor as 'memberA'], {
      title: adviceTitle,
      insight: 'Mensen missen de uitnodiging.',
      opportunities: ['Stuur een bericht in de eigen taal.'],
      goldenTips: [],
      indicators: ['language'],
      processPart: 'communication',
      addressees: [],
      coreIndicators: [],
    }),
  );
  await as(actor, (tx) => submitForReview(tx, id));
  return id;
};

describe('daily and weekly digests', () => {
  it('the day after the events, each person who chose "daily" gets one digest; off, immediately and weekly do not', async () => {
    advice.alkmaar = await putUpForReview('memberA', world.pools.alkmaar, title.alkmaar);
    advice.twente = await putUpForReview('memberB', world.pools.twente, title.twente);
    // One reads it in the app before the digest; one leaves the pool (and may no longer see it).
    await system((tx) =>
      tx
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('recipient_id', '=', world.idOf(person.readIt))
        .execute(),
    );
    await system((tx) =>
      tx
        .deleteFrom('pool_memberships')
        .where('user_id', '=', world.idOf(person.left))
        .where('pool_id', '=', world.pools.alkmaar)
        .execute(),
    );
    await runJobs();
    await digestRound(TUESDAY);

    const [daily] = await digestsTo(person.daily);
    expect(daily).toBeDefined();
    expect(daily!.subject).toBe('Je meldingen van vandaag (1)');
    expect(daily!.body_text).toContain(`Advies ter beoordeling: ${isolated(title.alkmaar)}`);
    expect(daily!.body_text).toContain(`/advice/${advice.alkmaar}`);
    expect(daily!.body_text).not.toContain(title.twente);
    const [arabic] = await digestsTo(person.arabic);
    expect(arabic!.subject).toBe('إشعاراتك اليوم (1)');
    expect(arabic!.body_text).toContain(`/advice/${advice.alkmaar}`);
    expect(arabic!.body_html).toContain('dir="rtl"');
    expect(await digestsTo(person.off)).toEqual([]);
    expect(await digestsTo(person.weekly)).toEqual([]);
    expect(await digestsTo(person.readIt)).toEqual([]);
    expect(await digestsTo(person.left)).toEqual([]);
    expect(await digestsTo(PEOPLE.memberA)).toEqual([]);
    // "Immediately" got its single mail when it happened, and no digest.
    expect(await digestsTo(person.immediately)).toEqual([]);
    const single = await system((tx) =>
      tx
        .selectFrom('outbox')
        .select('subject')
        .where('to_address', '=', person.immediately)
        .where('subject', 'like', `%${isolated(title.alkmaar)}`)
        .execute(),
    );
    expect(single).toEqual([{ subject: `Advies ter beoordeling: ${isolated(title.alkmaar)}` }]);

    // What the one who left may no longer see is taken (so never retried) but not told.
    const leftRows = await system((tx) =>
      tx
        .selectFrom('notifications')
        .select('digest_id')
        .where('recipient_id', '=', world.idOf(person.left))
        .where('advice_id', '=', advice.alkmaar)
        .execute(),
    );
    expect(leftRows).toHaveLength(1);
    expect(leftRows[0]!.digest_id).not.toBeNull();
  });

  it('groups by pool, then kind: the coordinator of two pools gets one digest with both', async () => {
    const [digest] = await digestsTo(PEOPLE.coordinator);
    const text = digest!.body_text;
    expect(digest!.subject).toBe('Je meldingen van vandaag (2)');
    const at = (part: string) => text.indexOf(part);
    const [alkmaarPool, twentePool] = await system((tx) =>
      Promise.all(
        [world.pools.alkmaar, world.pools.twente].map((id) =>
          tx
            .selectFrom('pools')
            .select('name')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
            .then((p) => p.name),
        ),
      ),
    );
    // Pools in order of name, each with its kind heading, each item with its link under its pool.
    const [first, second] = [alkmaarPool!, twentePool!].sort((a, b) => a.localeCompare(b, 'nl'));
    const firstAdvice = first === alkmaarPool ? advice.alkmaar : advice.twente;
    const secondAdvice = first === alkmaarPool ? advice.twente : advice.alkmaar;
    const heading = (pool: string | undefined) => at(`\n\n${isolated(pool!)}\n\n`);
    expect(heading(first)).toBeGreaterThan(0);
    expect(heading(second)).toBeGreaterThan(heading(first));
    expect(at(`/advice/${firstAdvice}`)).toBeGreaterThan(heading(first));
    expect(at(`/advice/${firstAdvice}`)).toBeLessThan(heading(second));
    expect(at(`/advice/${secondAdvice}`)).toBeGreaterThan(heading(second));
    expect(text.split('adviezen ter beoordeling:\n')).toHaveLength(3);
    // The HTML part has the same, with the links clickable.
    expect(digest!.body_html).toContain(`/advice/${firstAdvice}</a>`);
  });

  it('running the round and the jobs again sends nothing twice, the same day or the next', async () => {
    const before = await system((tx) =>
      tx.selectFrom('outbox').select('id').where('idempotency_key', 'like', 'digest:%').execute(),
    );
    await digestRound(TUESDAY);
    await runJobs();
    await digestRound(WEDNESDAY);
    const after = await system((tx) =>
      tx.selectFrom('outbox').select('id').where('idempotency_key', 'like', 'digest:%').execute(),
    );
    expect(after).toHaveLength(before.length);
  });

  it('the weekly digest waits for Monday, then has what came during the week', async () => {
    expect(await digestsTo(person.weekly)).toEqual([]);
    await digestRound(MONDAY);
    const weekly = await digestsTo(person.weekly);
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.subject).toBe('Je meldingen van deze week (1)');
    expect(weekly[0]!.body_text).toContain(`/advice/${advice.alkmaar}`);
    // Monday's round also sends the dailies of Monday, of which nobody has anything left.
    expect(await digestsTo(person.daily)).toHaveLength(1);
  });

  it('a notification written after a digest goes in the next one, not lost', async () => {
    const later = await putUpForReview('memberA', world.pools.alkmaar, 'Digesttest later');
    await digestRound(WEDNESDAY);
    // Wednesday's round ran before for this person? It had nothing then; now the key is free.
    const mails = await digestsTo(person.daily);
    expect(mails.at(-1)!.body_text).toContain(`/advice/${later}`);
    expect(mails.at(-1)!.body_text).not.toContain(`/advice/${advice.alkmaar}`);
  });

  it('went over SMTP as text and HTML, with a one-click unsubscribe that turns that digest off', async () => {
    const mail = smtp.received.find((m) => m.to === person.daily && /Message-ID: <digest:/i.test(m.raw));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain('text/plain');
    expect(mail!.raw).toContain('text/html');
    expect(mail!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    const [digest] = await digestsTo(person.daily);
    expect(digest!.sent_at).not.toBeNull();
    const header = (digest!.headers as Record<string, string>)['List-Unsubscribe']!;
    const token = /\/unsubscribe\/([^>]+)>$/.exec(header)![1]!;
    const read = readUnsubscribeToken(token);
    expect(read).toEqual({ ok: true, personId: world.idOf(person.daily), kind: 'daily' });

    await system((tx) => turnOffMailAsSystem(tx, world.idOf(person.daily), 'daily'));
    const choices = await runAs(
      world.database,
      { sub: world.idOf(person.daily), email: person.daily, role: 'authenticated' },
      (tx) =>
        tx
          .selectFrom('notification_preferences')
          .select(['kind', 'delivery'])
          .execute()
          .then(
            (rows) => Object.fromEntries(rows.map((r) => [r.kind, r.delivery])) as Record<NotificationKind, string>,
          ),
    );
    // Every kind that came daily is off; what comes at once stays as it was.
    expect(choices.advice_in_review).toBe('off');
    expect(choices.response_due).toBe('off');
    expect(choices.session_invited).toBeUndefined();
  });

  it('the hourly round is a job that, when run at 08:00, queues the digests and its own next run an hour on', async () => {
    await putUpForReview('memberA', world.pools.alkmaar, 'Digesttest ronde');
    const at = eightOClock('2026-12-10');
    await system((tx) =>
      tx
        .insertInto('scheduled_jobs')
        .values({
          kind: 'notification_digests',
          dedupe_key: `notification_digests:${at.toISOString()}`,
          payload: JSON.stringify({ at: at.toISOString() }),
          run_at: new Date(),
        })
        .execute(),
    );
    await runJobs();
    // The digests it queued are due from the moment it committed: the runner's next round sends them.
    await runJobs();
    // (The person who unsubscribed above gets no digest any more; the coordinator does.)
    expect((await digestsTo(person.daily)).some((m) => m.body_text.includes('Digesttest ronde'))).toBe(false);
    expect((await digestsTo(PEOPLE.coordinator)).at(-1)!.body_text).toContain('Digesttest ronde');
    const next = await system((tx) =>
      tx
        .selectFrom('scheduled_jobs')
        .select(['dedupe_key', 'run_at'])
        .where('kind', '=', 'notification_digests')
        .where('status', '=', 'pending')
        .execute(),
    );
    expect(next).toHaveLength(1);
    expect(next[0]!.run_at).toEqual(new Date(at.getTime() + 60 * 60 * 1000));
  });

  it("a person with a time zone of their own gets the digest at 08:00 on their clock, not Amsterdam's", async () => {
    await system((tx) =>
      tx
        .updateTable('profiles')
        .set({ time_zone: 'Asia/Kabul' })
        .where('id', '=', world.idOf(PEOPLE.coordinator))
        .execute(),
    );
    await putUpForReview('memberA', world.pools.alkmaar, 'Digesttest Kabul');
    const told = async () =>
      (await digestsTo(PEOPLE.coordinator)).some((m) => m.body_text.includes('Digesttest Kabul'));
    await digestRound('2026-12-11');
    expect(await told()).toBe(false);
    // 08:00 in Kabul (UTC+4:30) is 03:30 UTC: the round of that hour takes them.
    await system((tx) => queueDigests(tx, new Date('2026-12-11T03:30:00Z')));
    await runJobs();
    expect(await told()).toBe(true);
  });

  it('a time zone Postgres does not know is refused by the table, whoever writes it', async () => {
    const write = (zone: string) =>
      as('memberA', (tx) =>
        tx.updateTable('profiles').set({ time_zone: zone }).where('id', '=', world.idOf(PEOPLE.memberA)).execute(),
      ).then(
        () => 'saved',
        (error: { code?: string }) => error.code,
      );
    expect(await write('Mars/Olympus_Mons')).toBe('23514');
    expect(await write("Europe/Amsterdam'; drop table profiles; --")).toBe('23514');
    expect(await write('Europe/Lisbon')).toBe('saved');
  });
});
