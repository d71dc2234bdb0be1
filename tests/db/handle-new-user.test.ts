import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAccounts } from '~/auth/local.server';
import type { Database } from '~/db/connection.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from './database';

// handle_new_user: every account gets a profile, whether GoTrue made it on its own connection
// (Supabase mode) or local auth made it together with the profile it chose (local mode).

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

const profileOf = (id: string) =>
  runAsSystem(database, (tx) =>
    tx.selectFrom('profiles').select('display_name').where('id', '=', id).executeTakeFirst(),
  );

/** As GoTrue does: the account alone, in a transaction of its own. */
const madeByGoTrue = (email: string) =>
  runAsSystem(database, (tx) =>
    tx.insertInto('auth.users').values({ email, encrypted_password: '' }).returning('id').executeTakeFirstOrThrow(),
  ).then((row) => row.id);

describe('Supabase mode: an account GoTrue makes', () => {
  it('gets a profile named after its address until the person chooses a name', async () => {
    expect(await profileOf(await madeByGoTrue('amal.new@example.org'))).toEqual({ display_name: 'amal.new' });
  });

  it('with a very long address, a name that fits the profile (80 characters)', async () => {
    const id = await madeByGoTrue(`${'x'.repeat(120)}@example.org`);
    expect((await profileOf(id))?.display_name).toHaveLength(80);
  });

  it('without an address (a phone sign-up), still a profile', async () => {
    const id = await runAsSystem(database, (tx) =>
      tx.insertInto('auth.users').values({ email: null }).returning('id').executeTakeFirstOrThrow(),
    ).then((row) => row.id);
    expect(await profileOf(id)).toEqual({ display_name: '?' });
  });
});

describe('local mode: an account made with its profile in one transaction', () => {
  it('keeps the name it was given (the trigger finds the profile and adds none)', async () => {
    const id = await runAsSystem(database, async (tx) => {
      const { id } = await tx
        .insertInto('auth.users')
        .values({ email: 'chosen@example.org' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('profiles').values({ id, display_name: 'Chosen Name' }).execute();
      return id;
    });
    expect(await profileOf(id)).toEqual({ display_name: 'Chosen Name' });
  });

  it('through localAccounts, without a profile of its own, gets one at commit', async () => {
    const prepared = await localAccounts.withPassword('local.new@example.org', 'a long password here');
    const account = await runAsSystem(database, (tx) => prepared.inside(tx));
    expect(account?.isNew).toBe(true);
    expect(await profileOf(account!.id)).toEqual({ display_name: 'local.new' });
  });

  it('made and removed again in one transaction leaves nothing behind', async () => {
    await runAsSystem(database, async (tx) => {
      const { id } = await tx
        .insertInto('auth.users')
        .values({ email: 'gone@example.org' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.deleteFrom('auth.users').where('id', '=', id).execute();
    });
    const left = await runAsSystem(database, (tx) =>
      tx.selectFrom('auth.users').select('id').where('email', '=', 'gone@example.org').execute(),
    );
    expect(left).toEqual([]);
  });
});

describe('who may call it', () => {
  it.each([
    ['anon', null],
    [
      'authenticated',
      { sub: '00000000-0000-4000-8000-000000000001', email: 'x@example.org', role: 'authenticated' as const },
    ],
  ])('%s may not execute private.handle_new_user', async (_role, claims) => {
    const outcome = await runAs(database, claims, (tx) => sql`select private.handle_new_user()`.execute(tx)).then(
      () => 'ran',
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/permission denied/);
  });
});
