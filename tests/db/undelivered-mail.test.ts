import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { createMailer, queueMail } from '~/mail/mailer.server';
import { listUndelivered, retryMail } from '~/mail/undelivered.server';
import { requestContext } from '../request-context';
import { startTestSmtp, type TestSmtp } from '../smtp';
import { seededAppWorld } from './app-database';
import { ACTORS, attempt, PEOPLE, type CoreActor } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

// Issue 17: a mail that failed for good was visible only on /dev/outbox (embedded mode alone). Admins
// now see undelivered mail in every mode, without its text, and send it again.
const world = seededAppWorld();
const ids = { failed: '', waiting: '', sent: '' };

// A real SMTP server on a loopback port that refuses bounce@ for good until `accept` is set.
let smtp: TestSmtp;
let accept = false;

beforeAll(async () => {
  smtp = await startTestSmtp({ refuse: () => (accept ? undefined : 550) });

  const { database } = world();
  const queue = (to: string) =>
    runAsSystem(database, (tx) => queueMail(tx, { to, subject: `Uitnodiging ${to}`, text: 'http://localhost/join/x' }));
  ids.failed = await queue('bounce@example.org');
  ids.waiting = await queue('slow@example.org');
  ids.sent = await queue('fine@example.org');
  // The failed one goes through the real mailer: the server's 550 makes it fail for good.
  await createMailer(database, smtp.url, 'app@example.org').deliverDue(new Date(), [ids.failed]);
  await runAsSystem(database, async (tx) => {
    await tx
      .updateTable('outbox')
      .set({
        attempts: 2,
        last_error: 'Error: connect ECONNREFUSED',
        next_attempt_at: new Date(Date.now() + 3_600_000),
      })
      .where('id', '=', ids.waiting)
      .execute();
    await tx.updateTable('outbox').set({ sent_at: new Date() }).where('id', '=', ids.sent).execute();
  });
});
afterAll(() => smtp.close());

async function call(actor: CoreActor, method: 'GET' | 'POST', id?: string) {
  const route = await import('~/routes/admin_.mail');
  const cookie = actor === 'anon' ? undefined : await signInCookie(PEOPLE[actor]);
  let woken = 0;
  const context = { ...requestContext(), wakeJobRunner: () => void (woken += 1) };
  const request =
    method === 'GET'
      ? pageRequest('/admin/mail', cookie)
      : new Request('http://localhost/admin/mail', {
          method: 'POST',
          headers: { Cookie: cookie ?? '', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ id: id ?? '' }),
        });
  try {
    const response =
      method === 'GET'
        ? await route.loader({ request, params: {}, context })
        : await route.action({ request, params: {}, context });
    const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    return { status: response.status, body, woken };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, woken };
    throw thrown;
  }
}

const failedRow = () =>
  runAsSystem(world().database, (tx) =>
    tx.selectFrom('outbox').selectAll().where('id', '=', ids.failed).executeTakeFirstOrThrow(),
  );

describe('mail that did not arrive, per role', () => {
  it('the real SMTP refusal left the mail failed for good, with the reason', async () => {
    const row = await failedRow();
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toContain('550');
  });

  it.each(ACTORS.filter((a) => a !== 'admin'))('%s cannot open the page (sign-in or 403)', async (actor) => {
    expect((await call(actor, 'GET')).status).toBe(actor === 'anon' ? 302 : 403);
  });

  it.each(ACTORS)('%s reads undelivered mail only as an admin (RLS)', async (actor) => {
    const rows = await attempt(world(), actor, (tx) => listUndelivered(tx));
    const addresses = rows === 'denied' ? 'denied' : rows.map((r) => r.to_address).sort();
    const expected = actor === 'admin' ? ['bounce@example.org', 'slow@example.org'] : actor === 'anon' ? 'denied' : [];
    expect(addresses).toEqual(expected);
  });

  it.each(ACTORS)('%s may put a failed mail back in the queue only as an admin (RLS)', async (actor) => {
    const outcome = await attempt(world(), actor, (tx) => retryMail(tx, ids.failed));
    expect(outcome).toBe(actor === 'admin' ? true : actor === 'anon' ? 'denied' : false);
  });

  it('not even an admin can mark mail sent or change its text (column grant)', async () => {
    const set = (values: Record<string, unknown>) =>
      attempt(world(), 'admin', (tx) => tx.updateTable('outbox').set(values).where('id', '=', ids.failed).execute());
    expect(await set({ sent_at: new Date() })).toBe('denied');
    expect(await set({ body_text: 'phish' })).toBe('denied');
    expect(await set({ to_address: 'attacker@example.org' })).toBe('denied');
  });

  it('mail that was sent, or is still being tried, is not "sent again"', async () => {
    expect(await attempt(world(), 'admin', (tx) => retryMail(tx, ids.sent))).toBe(false);
    expect(await attempt(world(), 'admin', (tx) => retryMail(tx, ids.waiting))).toBe(false);
  });

  it('the admin page lists both without their text', async () => {
    const { status, body } = await call('admin', 'GET');
    expect(status).toBe(200);
    const mails = (body as { mails: Record<string, unknown>[] }).mails;
    expect(mails.map((m) => [m.to, m.failed])).toEqual(
      expect.arrayContaining([
        ['bounce@example.org', true],
        ['slow@example.org', false],
      ]),
    );
    expect(JSON.stringify(mails)).not.toContain('/join/');
  });

  it('a coordinator posting a retry gets a 403 and the mail stays failed', async () => {
    expect((await call('coordinator', 'POST', ids.failed)).status).toBe(403);
    expect((await failedRow()).failed_at).not.toBeNull();
  });

  it('a hostile id gets a 400, not a 500', async () => {
    for (const id of ['', 'x', '\u0000', 'a'.repeat(100_000), "1' or '1'='1"]) {
      expect((await call('admin', 'POST', id)).status).toBe(400);
    }
  });

  it('the admin sends it again: the runner is woken, and once the server accepts the mail arrives', async () => {
    const { status, woken } = await call('admin', 'POST', ids.failed);
    expect([status, woken]).toEqual([302, 1]);
    const queued = await failedRow();
    expect([queued.failed_at, queued.attempts]).toEqual([null, 0]);
    accept = true;
    const sent = await createMailer(world().database, smtp.url, 'app@example.org').deliverDue(new Date(), [ids.failed]);
    expect(sent).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual(['bounce@example.org']);
    expect((await failedRow()).sent_at).not.toBeNull();
  });

  it('sending it again a second time says it is already on its way', async () => {
    expect(await call('admin', 'POST', ids.failed)).toMatchObject({ status: 302, woken: 0 });
  });
});
