import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { jobHandlers } from '../../server/job-handlers';
import { runDueJobsAsSystem, type JobHandler, type JobHandlers } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { freshDatabase } from './database';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

/**
 * A handler for the test's jobs (kind session_reminder, which the test owns here): queues a mail to the
 * payload's address, then, when the payload says so, runs a statement that fails, as a broken job would:
 * the transaction is aborted from there on, and only the job's savepoint brings it back.
 */
const testJob: JobHandler = async (tx, job, send) => {
  await send({
    to: job.payload.to!,
    subject: `job ${job.payload.to}`,
    text: 'hallo',
    idempotencyKey: `test:${job.id}`,
  });
  if (job.payload.fail) await sql`select 1 / 0`.execute(tx);
};
const handlers: JobHandlers = { ...jobHandlers, session_reminder: testJob };
const mailer = () => createMailer(database, undefined, 'test@example.org');

async function addJobs(tos: string[], fail = false) {
  await runAsSystem(database, (tx) =>
    tx
      .insertInto('scheduled_jobs')
      .values(
        tos.map((to) => ({
          kind: 'session_reminder' as const,
          dedupe_key: `runner-test:${to}`,
          payload: JSON.stringify(fail ? { to, fail: 'yes' } : { to }),
          run_at: new Date(Date.now() - 60_000),
        })),
      )
      .execute(),
  );
}

const jobOf = (to: string) =>
  runAsSystem(database, (tx) =>
    tx
      .selectFrom('scheduled_jobs')
      .select(['status', 'attempts', 'last_error', 'run_at'])
      .where('dedupe_key', '=', `runner-test:${to}`)
      .executeTakeFirstOrThrow(),
  );
const mailsTo = async (to: string) =>
  (await runAsSystem(database, (tx) => tx.selectFrom('outbox').select('id').where('to_address', '=', to).execute()))
    .length;

describe('the job runner', () => {
  it('does more jobs than fit in one batch in one run, each once, with its mail', async () => {
    const tos = Array.from({ length: 60 }, (_, i) => `many-${i}@example.org`);
    await addJobs(tos);
    expect(await runDueJobsAsSystem(database, mailer(), handlers)).toBe(60);
    for (const to of tos) {
      expect((await jobOf(to)).status).toBe('done');
      expect(await mailsTo(to)).toBe(1);
    }
    expect(await runDueJobsAsSystem(database, mailer(), handlers)).toBe(0);
  });

  it('a job that fails is undone alone and tried again later; the jobs beside it in the batch are done', async () => {
    await addJobs(['before@example.org']);
    await addJobs(['broken@example.org'], true);
    await addJobs(['after@example.org']);
    expect(await runDueJobsAsSystem(database, mailer(), handlers)).toBe(2);
    for (const to of ['before@example.org', 'after@example.org']) {
      expect((await jobOf(to)).status).toBe('done');
      expect(await mailsTo(to)).toBe(1);
    }
    const broken = await jobOf('broken@example.org');
    expect(broken).toMatchObject({ status: 'pending', attempts: 1 });
    expect(broken.last_error).toMatch(/division by zero/);
    expect(new Date(broken.run_at).getTime()).toBeGreaterThan(Date.now());
    // Its mail went with its savepoint.
    expect(await mailsTo('broken@example.org')).toBe(0);
  });

  it('gives a failing job up after five attempts', async () => {
    for (let attempt = 2; attempt <= 5; attempt++) {
      const later = new Date(Date.now() + attempt * attempt * 60_000 + 1000);
      await runDueJobsAsSystem(database, mailer(), handlers, later);
      expect((await jobOf('broken@example.org')).attempts).toBe(attempt);
    }
    expect((await jobOf('broken@example.org')).status).toBe('failed');
    expect(await runDueJobsAsSystem(database, mailer(), handlers, new Date(Date.now() + 86_400_000))).toBe(0);
    expect(await mailsTo('broken@example.org')).toBe(0);
  });
});
