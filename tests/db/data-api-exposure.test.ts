import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './database';

// Issue 16, item 12. On hosted Supabase, a function in a schema the Data API exposes is an RPC
// endpoint for everyone who may execute it: `submit_public_signal` skipped the app's rate limit,
// honeypot and size cap, `pool_name` answered for any pool. The app never uses the Data API, so no
// function should be reachable there. Supabase exposes `public` and `graphql_public` unless an
// operator changes it (README, "Security").
const EXPOSED_SCHEMAS = ['public', 'graphql_public'];

// What anon or authenticated may call through the Data API, each with the reason it is safe there.
// Empty on purpose: add a function here only with a reason a reviewer can check.
const CALLABLE_THROUGH_THE_DATA_API: Record<string, string> = {};

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

interface Callable {
  name: string;
  role: string;
}

async function callableInExposedSchemas(): Promise<Callable[]> {
  const { rows } = await sql<Callable>`
    select format('%s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name, r.role
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    cross join unnest(array['anon', 'authenticated']) as r(role)
    where n.nspname = any (${EXPOSED_SCHEMAS})
      and has_function_privilege(r.role, p.oid, 'execute')
    order by 1, 2`.execute(database.db);
  return rows;
}

describe('the functions the Data API would expose', () => {
  it('are exactly the listed ones, for anon and for authenticated', async () => {
    const callable = await callableInExposedSchemas();
    expect(callable.filter((c) => !(c.name in CALLABLE_THROUGH_THE_DATA_API))).toEqual([]);
  });

  it('stay closed for a function a later migration adds to public', async () => {
    await database.scriptTransaction(async (runner) => {
      await runner.exec(`create function public.added_later() returns int language sql as 'select 1'`);
      const rows = await runner.query<{ anon: boolean; authenticated: boolean }>(
        `select has_function_privilege('anon', 'public.added_later()', 'execute') as anon,
                has_function_privilege('authenticated', 'public.added_later()', 'execute') as authenticated`,
      );
      expect(rows).toEqual([{ anon: false, authenticated: false }]);
      await runner.exec('drop function public.added_later()');
    });
  });
});

/** `public.some_name(` in a function's text: a call, or an insert's column list (filtered out below). */
const CALL_IN_PUBLIC = String.raw`\mpublic\.([a-z_0-9]+)\s*\(`;

describe('the functions moved out of public', () => {
  it('still reach each other: no body names a function in public that is not there', async () => {
    const { rows } = await sql<{ name: string; missing: string }>`
      select p.proname as name, m[1] as missing
      from pg_proc p
      cross join lateral regexp_matches(pg_get_functiondef(p.oid), ${CALL_IN_PUBLIC}, 'g') as m
      where p.pronamespace = 'private'::regnamespace and p.prokind = 'f'
        and not exists (select from pg_proc q where q.pronamespace = 'public'::regnamespace and q.proname = m[1])
        and m[1] not in (select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace)`.execute(
      database.db,
    );
    expect(rows).toEqual([]);
  });

  it("are still there for the policies and the app: a member's own pools, a newcomer's question", async () => {
    const { rows } = await sql<{ schema: string; anon: boolean }>`
      select p.pronamespace::regnamespace::text as schema, has_function_privilege('anon', p.oid, 'execute') as anon
      from pg_proc p where p.proname in ('my_pool_ids', 'submit_public_signal') order by p.proname`.execute(
      database.db,
    );
    expect(rows).toEqual([
      { schema: 'private', anon: true },
      { schema: 'private', anon: true },
    ]);
  });
});
