import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { createMailer, queueMail, readOutbox } from '~/mail/mailer.server';
import { runAs } from '~/db/with-user.server';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../smtp';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';

// A real SMTP server on a free loopback port; nodemailer delivers to it as it would to any other.
// `refusals` holds, per recipient, the codes its next RCPT TOs are refused with.
let world: World;
let close: () => Promise<void>;
let smtp: TestSmtp;
let smtpUrl: string;
let received: ReceivedMail[];
const refusals = new Map<string, number[]>();
// The next message to these recipients is taken in but never answered (then the address is dropped).
const holdOnce = new Set<string>();
let heldMessages = 0;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  smtp = await startTestSmtp({
    refuse: (address) => refusals.get(address)?.shift(),
    // A sender that stops mid-send: the server never answers this message's DATA.
    hold: (to) => {
      if (!holdOnce.delete(to)) return false;
      heldMessages += 1;
      return true;
    },
  });
  smtpUrl = smtp.url;
  received = smtp.received;
});
afterAll(async () => {
  await smtp.close();
  await close();
});

const queue = (to: string, key?: string) =>
  runAsSystem(world.database, (tx) =>
    queueMail(tx, { to, subject: `Test ${to}`, text: 'Hallo', html: '<p>Hallo</p>', idempotencyKey: key }),
  );
const outboxRow = (id: string) =>
  runAsSystem(world.database, (tx) =>
    tx.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
const later = (ms: number) => new Date(Date.now() + ms);

describe('mail delivery over SMTP', () => {
  it('queuing the same mail twice (same idempotency key) gives one outbox row, and one mail', async () => {
    const first = await queue('twice@example.org', 'notification:twice');
    const second = await queue('twice@example.org', 'notification:twice');
    expect(second).toBe(first);
    await createMailer(world.database, smtpUrl, 'test@example.org').deliverDue();
    const got = received.filter((m) => m.to === 'twice@example.org');
    expect(got).toHaveLength(1);
    expect(got[0]!.messageId).toMatch(/^<notification:twice@/);
    expect(got[0]!.raw).toContain('text/html');
    expect((await outboxRow(first)).sent_at).not.toBeNull();
  });

  // The Postgres server's clock has microseconds and catches the old order every time; PGlite's often ties.
  it('send() delivers at once, not at the job runner\'s next round (it once took "now" before queuing)', async () => {
    await createMailer(world.database, smtpUrl, 'test@example.org').send({
      to: 'at-once@example.org',
      subject: 'Meteen',
      text: 'Hallo',
    });
    expect(received.filter((m) => m.to === 'at-once@example.org')).toHaveLength(1);
  });

  it('a server that refuses (451) and then accepts: the mail is tried again after a wait and arrives once', async () => {
    refusals.set('retry@example.org', [451, 451]);
    const id = await queue('retry@example.org');
    const mailer = createMailer(world.database, smtpUrl, 'test@example.org', { retryBaseMs: 60_000 });
    expect(await mailer.deliverDue()).toBe(0);
    let row = await outboxRow(id);
    expect(row).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(row.last_error).toContain('451');
    // Not due again before the wait is over.
    expect(await mailer.deliverDue(later(30_000))).toBe(0);
    expect((await outboxRow(id)).attempts).toBe(1);
    expect(await mailer.deliverDue(later(61_000))).toBe(0);
    row = await outboxRow(id);
    expect(row.attempts).toBe(2);
    // The second wait is twice the first.
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(later(61_000 + 110_000).getTime());
    expect(await mailer.deliverDue(later(61_000 + 121_000))).toBe(1);
    expect(received.filter((m) => m.to === 'retry@example.org')).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ attempts: 3, last_error: null });
  });

  it('a permanent refusal (550) or the last try marks the mail failed, and admins see it in the outbox', async () => {
    refusals.set('gone@example.org', [550]);
    refusals.set('flaky@example.org', [421, 421]);
    const gone = await queue('gone@example.org');
    const flaky = await queue('flaky@example.org');
    const mailer = createMailer(world.database, smtpUrl, 'test@example.org', { maxAttempts: 2, retryBaseMs: 1 });
    await mailer.deliverDue();
    await mailer.deliverDue(later(1000));
    expect(await outboxRow(gone)).toMatchObject({ attempts: 1, sent_at: null });
    expect((await outboxRow(gone)).failed_at).not.toBeNull();
    expect(await outboxRow(flaky)).toMatchObject({ attempts: 2, sent_at: null });
    expect((await outboxRow(flaky)).failed_at).not.toBeNull();
    // Failed is final: later runs leave it alone.
    expect(await mailer.deliverDue(later(HOUR))).toBe(0);
    const forAdmin = await runAs(world.database, world.claims('admin'), (tx) => readOutbox(tx, 500));
    expect(forAdmin!.find((m) => m.id === gone)).toMatchObject({ failed_at: expect.any(Date) });
  });

  it('a sender stopped mid-send: another takes its mail up when the lease ends; nothing twice, nothing lost', async () => {
    holdOnce.add('held@example.org');
    const ids = [await queue('held@example.org'), await queue('one@example.org'), await queue('two@example.org')];
    const stopped = createMailer(world.database, smtpUrl, 'test@example.org', { leaseMs: 5 * 60_000 });
    // The first sender claims the oldest mail and hangs in its DATA: as if its process had died there.
    void stopped.deliverDue().catch(() => undefined);
    await expect.poll(() => heldMessages).toBe(1);
    expect((await outboxRow(ids[0]!)).attempts).toBe(1);

    const other = createMailer(world.database, smtpUrl, 'test@example.org', { leaseMs: 5 * 60_000 });
    await other.deliverDue();
    // The claimed mail is left alone while its lease runs; the rest go.
    expect((await outboxRow(ids[0]!)).sent_at).toBeNull();
    expect((await outboxRow(ids[1]!)).sent_at).not.toBeNull();
    expect((await outboxRow(ids[2]!)).sent_at).not.toBeNull();
    await other.deliverDue(later(6 * 60_000));
    for (const id of ids) expect((await outboxRow(id)).sent_at).not.toBeNull();
    for (const to of ['held@example.org', 'one@example.org', 'two@example.org'])
      expect(received.filter((m) => m.to === to)).toHaveLength(1);
  });
});

const HOUR = 60 * 60 * 1000;
