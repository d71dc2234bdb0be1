import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLocalAuth } from '~/auth/local.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { createFeed } from '~/sessions/feeds.server';
import { seededAppWorld } from './app-database';
import { signInCookie } from './sign-in';
import { requestContext } from '../request-context';

// Issue 16, item 5: deleting an account left organisation_members behind, so the old cookie still
// opened a partner organisation's questionnaires. This checks the class: every table whose rows belong
// to a person (a foreign key to auth.users that cascades) is emptied of the deleted person's rows,
// except the few kept on purpose, each for a reason. A table added later that grants access by user id
// fails here until deletion handles it (or it is added below, with its reason).
const KEPT: Record<string, string> = {
  'auth.local_tokens.user_id': 'never: reset links are deleted (listed to say so, the count must be 0)',
  'public.profiles.id': 'the placeholder ("former member") that contributions point at',
  'public.consents.user_id': 'the consent history; every consent is withdrawn',
  'public.auth_sessions.user_id': 'sessions, all ended',
  'public.calendar_feeds.user_id': 'calendar feeds, all revoked',
  'public.advice_recognitions.user_id': 'a "recognise this" is a contribution, like the advice itself',
  'public.advice_quotes.member_id': 'quotes, hidden by their policy once the quote consent is withdrawn',
  'public.board_votes.user_id': 'dots cast in a round are contributions',
  'public.session_invitees.user_id': "past sessions' attendance and allowances (the pool's record)",
};

const world = seededAppWorld();

/** Every (table, column) holding rows of a person: foreign keys to auth.users(id) with ON DELETE CASCADE. */
async function personTables(tx: Tx) {
  const { rows } = await sql<{ place: string; schema: string; table: string; column: string }>`
    select n.nspname || '.' || r.relname || '.' || a.attname as place,
           n.nspname as schema, r.relname as table, a.attname as column
    from pg_constraint c
    join pg_class r on r.oid = c.conrelid
    join pg_namespace n on n.oid = r.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'auth.users'::regclass and c.confdeltype = 'c'
    order by 1`.execute(tx);
  return rows;
}

async function rowsOf(person: string) {
  const counts: Record<string, number> = {};
  await runAsSystem(world().database, async (tx) => {
    for (const { place, schema, table, column } of await personTables(tx)) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(`${schema}.${table}`)} where ${sql.ref(column)} = ${person}`.execute(
        tx,
      );
      if (rows[0]!.n > 0) counts[place] = rows[0]!.n;
    }
  });
  return counts;
}

/** What the kept rows could still grant: consents in force, live sessions and feeds, places in sessions to come. */
function inForce(person: string) {
  const count = (query: ReturnType<typeof sql<{ n: number }>>) => (tx: Tx) =>
    query.execute(tx).then((r) => r.rows[0]!.n);
  const open = (table: 'consents' | 'auth_sessions' | 'calendar_feeds', ended: string) =>
    count(sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
      where user_id = ${person} and ${sql.ref(ended)} is null`);
  return runAsSystem(world().database, async (tx) => ({
    consents: await open('consents', 'withdrawn_at')(tx),
    sessions: await open('auth_sessions', 'revoked_at')(tx),
    feeds: await open('calendar_feeds', 'revoked_at')(tx),
    upcomingInvitations: await count(sql<{ n: number }>`select count(*)::int as n from public.session_invitees i
      join public.sessions s on s.id = i.session_id where i.user_id = ${person} and s.starts_at > now()`)(tx),
  }));
}

describe('deleting an account', () => {
  it('removes every membership, role and link of the person, keeping only what is listed and why', async () => {
    const email = 'lid@demo.expertpool.nl';
    const person = world().ids.memberA;
    // Give the person a row in every kind of access there is, besides their pool membership.
    await runAsSystem(world().database, async (tx) => {
      const partner = await tx
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'partner')
        .executeTakeFirstOrThrow();
      const alkmaar = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Alkmaar')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('organisation_members')
        .values({ organisation_id: partner.id, user_id: person, role: 'admin' })
        .execute();
      await tx.insertInto('municipality_readers').values({ user_id: person, municipality_id: alkmaar.id }).execute();
      await tx.insertInto('user_roles').values({ user_id: person, role: 'coordinator' }).execute();
      await tx.insertInto('saved_searches').values({ user_id: person, name: 'Wonen', query: 'q=wonen' }).execute();
      await createFeed(tx, person);
    });
    const reset = await createLocalAuth(world().database).createPasswordReset(email, (token) => ({
      subject: 'x',
      text: token,
    }));
    const cookie = await signInCookie(email);
    const before = await rowsOf(person);
    expect(Object.values(await inForce(person)).every((n) => n > 0)).toBe(true);
    for (const place of [
      'public.pool_memberships.user_id',
      'public.organisation_members.user_id',
      'public.municipality_readers.user_id',
      'public.user_roles.user_id',
      'public.saved_searches.user_id',
      'public.calendar_feeds.user_id',
      'public.auth_sessions.user_id',
      'auth.local_tokens.user_id',
    ]) {
      expect(before[place], `${place} before deletion`).toBeGreaterThan(0);
    }

    const { action } = await import('~/routes/profile_.delete');
    const request = new Request('http://localhost/profile/delete', {
      method: 'POST',
      body: new URLSearchParams({ confirm: 'VERWIJDER' }),
      headers: { Cookie: cookie },
    });
    expect((await action({ request, params: {}, context: requestContext('10.30.0.1') })).status).toBe(302);

    const after = await rowsOf(person);
    const leftOver = Object.keys(after).filter((place) => !(place in KEPT));
    expect(leftOver, 'tables that still hold rows of the deleted person').toEqual([]);
    expect(after['auth.local_tokens.user_id']).toBeUndefined();

    // What is kept no longer grants anything.
    expect(await inForce(person)).toEqual({ consents: 0, sessions: 0, feeds: 0, upcomingInvitations: 0 });

    // A reset link mailed before the deletion opens nothing afterwards.
    expect(await createLocalAuth(world().database).resetPassword(reset!.token, 'a-new-long-password')).toBeNull();
  });
});
