import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '~/db/migrate.server';
import { claimsOf, runAs, runAsSystem } from '~/db/with-user.server';
import { loadManagement } from '~/monitoring/management.server';
import { freshDatabase, migrateBefore } from './database';

const DIMENSIONS_MIGRATION = '20261210500000';

describe('the one breakdown of a management indicator becomes its first dimension', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  afterAll(() => database?.close());

  it('moves every dimension and points every figure at it, losing nothing', async () => {
    database = await freshDatabase({ migrate: false });
    await migrateBefore(database, DIMENSIONS_MIGRATION);
    // Written with the columns the old schema had: a dimension with values, one without, and a value
    // taken off the list after its figure was entered (the page kept showing it).
    await sql`
      with region as (insert into public.regions (slug, name) values ('test-oost', 'Oost') returning id),
      town as (insert into public.municipalities (region_id, name) select id, 'Testveen' from region returning id),
      goal as (insert into public.municipal_goals (municipality_id, title) select id, 'Doel' from town returning id),
      output as (insert into public.municipal_outputs (goal_id, title) select id, 'Taal' from goal returning id)
      insert into public.core_indicators (output_id, description) select id, 'Examen' from output`.execute(database.db);
    await sql`
      insert into public.management_indicators (core_indicator_id, name, direction, breakdown, breakdown_values)
      select c.id, m.name, 'higher', m.breakdown, m.breakdown_values
      from public.core_indicators c,
        (values ('Per route', 'Leerroute', array['B1', 'Onderwijs', 'Z']), ('Alleen totaal', '', '{}'::text[]))
          as m (name, breakdown, breakdown_values)
      where c.description = 'Examen'`.execute(database.db);
    await sql`
      insert into public.management_indicator_values (management_indicator_id, period_kind, period_start, breakdown_value, value)
      select m.id, 'year', '2024-01-01', v.value, v.figure
      from public.management_indicators m,
        (values ('Per route', '', 50), ('Per route', 'B1', 55), ('Per route', 'Z', 30), ('Alleen totaal', '', 12))
          as v (name, value, figure)
      where m.name = v.name`.execute(database.db);
    await sql`update public.management_indicators set breakdown_values = array['B1', 'Onderwijs'] where name = 'Per route'`.execute(
      database.db,
    );

    await migrate(database);

    const { rows: dimensions } = await sql<{ indicator: string; name: string; categories: string[]; position: number }>`
      select m.name as indicator, b.name, b.categories, b.position
      from public.management_breakdowns b join public.management_indicators m on m.id = b.management_indicator_id`.execute(
      database.db,
    );
    expect(dimensions).toEqual([
      { indicator: 'Per route', name: 'Leerroute', categories: ['B1', 'Onderwijs'], position: 0 },
    ]);

    const { rows: figures } = await sql<{ indicator: string; dimension: string | null; value: string; figure: number }>`
      select m.name as indicator, b.name as dimension, v.breakdown_value as value, v.value::float8 as figure
      from public.management_indicator_values v
      join public.management_indicators m on m.id = v.management_indicator_id
      left join public.management_breakdowns b on b.id = v.breakdown_id
      order by 1, 3`.execute(database.db);
    expect(figures).toEqual([
      { indicator: 'Alleen totaal', dimension: null, value: '', figure: 12 },
      { indicator: 'Per route', dimension: null, value: '', figure: 50 },
      { indicator: 'Per route', dimension: 'Leerroute', value: 'B1', figure: 55 },
      { indicator: 'Per route', dimension: 'Leerroute', value: 'Z', figure: 30 },
    ]);

    // The page reads it as before, as an admin: the value off the list still shows as a column of its dimension.
    const cores = await sql<{ id: string }>`select id from public.core_indicators`.execute(database.db);
    const [town] = (await sql<{ id: string }>`select id from public.municipalities`.execute(database.db)).rows;
    const admin = await runAsSystem(database, async (tx) => {
      const user = await tx
        .insertInto('auth.users')
        .values({ email: 'admin@testveen.example', email_confirmed_at: new Date() })
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow();
      await tx.insertInto('user_roles').values({ user_id: user.id, role: 'admin' }).execute();
      return user;
    });
    const loaded = await runAs(database, claimsOf({ id: admin.id, email: admin.email! }), (tx) =>
      loadManagement(
        tx,
        town!.id,
        cores.rows.map((c) => c.id),
      ),
    );
    const perRoute = loaded.find((m) => m.name === 'Per route')!;
    expect(perRoute.dimensions.map((d) => [d.name, d.columns])).toEqual([['Leerroute', ['B1', 'Onderwijs', 'Z']]]);
    expect(perRoute.progress.status).toBe('no_data');
  });
});
