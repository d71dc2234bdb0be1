import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import type { JobKind } from '~/db/types';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { queueMail, type Mail, type Mailer } from '~/mail/mailer.server';

export interface Job {
  id: string;
  kind: JobKind;
  payload: Record<string, string>;
  attempts: number;
}

/** Does one job inside the runner's transaction; mail given to `send` leaves only if that commits. */
export type JobHandler = (tx: Tx, job: Job, send: (mail: Mail) => Promise<void>) => Promise<void>;

/**
 * What does each kind of job. The domains write their handlers and server/index.ts puts them together,
 * so the runner depends on no domain and a kind without a handler is a type error there.
 */
export type JobHandlers = { [Kind in JobKind]: JobHandler };

const MAX_ATTEMPTS = 5;
/**
 * Jobs claimed and done per transaction. One commit for many jobs: 1,000 invitation mails went from one
 * transaction each to forty (bench:notify). A crash before the commit runs the batch again, as it ran one
 * job again before; each job still succeeds or fails alone (a savepoint each).
 */
const BATCH = 25;

/**
 * Works through every due job as the system (jobs act for no user), up to BATCH in one transaction.
 * Jobs are claimed with FOR UPDATE SKIP LOCKED: concurrent runners (two app servers, or a restart
 * that overlaps) each take other jobs and never the same one. A job's mail is queued in the same
 * transaction that marks it done, so a crash before the commit sends nothing and the job runs again;
 * after the commit it is done and never runs again. A job that fails is rolled back to its savepoint
 * and tried again later, without undoing the others. Then every due mail in the outbox is delivered
 * (the ones just queued, and earlier ones waiting for a retry). Returns how many jobs finished.
 */
export async function runDueJobsAsSystem(
  database: Database,
  mailer: Mailer,
  handlers: JobHandlers,
  now = new Date(),
): Promise<number> {
  let finished = 0;
  for (;;) {
    const claimed = await runAsSystem(database, async (tx) => {
      const { rows } = await sql<Job>`
        select id, kind, payload, attempts from public.scheduled_jobs
        where status = 'pending' and run_at <= ${now}
        order by run_at
        limit ${BATCH}
        for update skip locked`.execute(tx);
      for (const job of rows) {
        await sql`savepoint job`.execute(tx);
        try {
          await runJob(tx, job, handlers);
          await sql`release savepoint job`.execute(tx);
          finished += 1;
        } catch (error) {
          await sql`rollback to savepoint job`.execute(tx);
          await recordFailure(tx, job, error);
        }
      }
      return rows.length;
    });
    if (claimed < BATCH) break;
  }
  // Mail queued during this run carries the database's clock, a little later than `now` on a
  // Postgres server: deliver what is due by then too, not at the next poll.
  await mailer.deliverDue(new Date(Math.max(now.getTime(), Date.now())));
  return finished;
}

async function runJob(tx: Tx, job: Job, handlers: JobHandlers) {
  // A kind no handler is registered for (an old job of a kind since retired) fails visibly.
  const handler = handlers[job.kind];
  if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
  await handler(tx, job, async (mail) => {
    await queueMail(tx, mail);
  });
  await tx
    .updateTable('scheduled_jobs')
    .set({ status: 'done', finished_at: new Date(), attempts: job.attempts + 1 })
    .where('id', '=', job.id)
    .execute();
}

/** Tries again later (1, 4, 9 … minutes), and gives up after a few attempts. */
async function recordFailure(tx: Tx, job: Job, error: unknown) {
  const attempts = job.attempts + 1;
  console.warn(`job ${job.kind} ${job.id} failed (attempt ${attempts}): ${String(error)}`);
  await tx
    .updateTable('scheduled_jobs')
    .set({
      attempts,
      last_error: String(error).slice(0, 1000),
      status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      run_at: new Date(Date.now() + attempts * attempts * 60_000),
    })
    .where('id', '=', job.id)
    .execute();
}

/** The running poller: `wake` runs due jobs now (after a change whose notice should go out at once). */
export interface JobRunner {
  wake: () => void;
  /** No more rounds; resolves once the round under way (if any) is done. */
  stop: () => Promise<void>;
}

/**
 * Runs `round` at each tick, one at a time. A tick while a round is under way is not dropped: that
 * round looked for due jobs before the tick's job was written, so one more round follows it (however
 * many ticks came meanwhile). Dropping it left a woken job waiting for the next poll, 30 s later.
 */
export function oneRoundAtATime(round: () => Promise<void>) {
  let running: Promise<void> | null = null;
  let again = false;
  const tick = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = round().finally(() => {
      running = null;
      if (again) {
        again = false;
        tick();
      }
    });
  };
  return {
    tick,
    settled: async () => {
      await running;
    },
  };
}

/**
 * Polls for due jobs every `intervalMs` until stopped. Call once per process (server/index.ts), which
 * hands `wake` to the routes through the load context (app/context.ts).
 */
export function startJobRunner(
  database: Database,
  mailer: Mailer,
  handlers: JobHandlers,
  intervalMs = 30_000,
): JobRunner {
  let stopped = false;
  const rounds = oneRoundAtATime(async () => {
    // A request still in flight while the process stops must not start jobs on a closing database.
    if (stopped) return;
    await runDueJobsAsSystem(database, mailer, handlers).catch((error: unknown) =>
      console.warn(`job runner: ${String(error)}`),
    );
  });
  const timer = setInterval(rounds.tick, intervalMs);
  timer.unref();
  rounds.tick();
  return {
    wake: rounds.tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      // A round queued behind this one finds `stopped` and does nothing.
      await rounds.settled();
    },
  };
}
