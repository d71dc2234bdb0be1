import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { queueMail } from '~/mail/mailer.server';
import { countRows, describeRls, everyone, type RlsCase, type World } from './fixtures';

// Accounts and what guards them: the outbox (reset and invitation links), the limiters' counts.
const cases: RlsCase[] = [
  {
    name: 'read the outbox (it holds reset links)',
    run: () => countRows('outbox'),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'put a mail in the outbox',
    run: () => (tx) =>
      tx
        .insertInto('outbox')
        .values({ to_address: 'x@example.org', subject: 'x', body_text: 'x' })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'empty the outbox',
    run: () => (tx) =>
      tx
        .deleteFrom('outbox')
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: "read the limiters' counts (rate_limits)",
    run: () => countRows('rate_limits'),
    expect: everyone('denied'),
  },
  {
    name: 'reset a limiter count',
    run: () => (tx) => sql`delete from public.rate_limits`.execute(tx).then(() => 1),
    expect: everyone('denied'),
  },
];

describeRls('row level security on accounts', cases, (getWorld: () => World) => {
  beforeAll(() =>
    runAsSystem(getWorld().database, (tx) =>
      queueMail(tx, { to: 'admin@demo.expertpool.nl', subject: 'Reset', text: 'http://localhost/reset-password/x' }),
    ),
  );
});
