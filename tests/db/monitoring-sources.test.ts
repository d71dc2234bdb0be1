import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '~/db/migrate.server';
import { freshDatabase, migrateBefore } from './database';

const SOURCES_MIGRATION = '20261205160000';

describe('the data source texts become each municipality’s list of sources', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  afterAll(() => database?.close());

  it('carries every distinct text over once per municipality and points each core indicator at it', async () => {
    database = await freshDatabase({ migrate: false });
    await migrateBefore(database, SOURCES_MIGRATION);
    await sql`
      with region as (insert into public.regions (slug, name) values ('test-noord', 'Noord') returning id),
      towns as (
        insert into public.municipalities (region_id, name)
        select region.id, town from region, unnest(array['Testdorp', 'Teststad']) as town returning id, name
      ),
      goals as (
        insert into public.municipal_goals (municipality_id, title) select id, 'Doel ' || name from towns
        returning id, municipality_id
      ),
      outputs as (
        insert into public.municipal_outputs (goal_id, title) select id, 'Werk' from goals returning id, goal_id
      )
      insert into public.core_indicators (output_id, description, data_source)
      select o.id, c.description, c.source
      from outputs o,
        (values ('a', 'DUO'), ('b', ' DUO '), ('c', 'Ervaringsdata coaches'), ('d', '')) as c (description, source)`.execute(
      database.db,
    );

    await migrate(database);

    const { rows: sources } = await sql<{ town: string; name: string; kind: string }>`
      select m.name as town, s.name, s.kind from public.data_sources s
      join public.municipalities m on m.id = s.municipality_id
      order by 1, 2`.execute(database.db);
    expect(sources).toEqual([
      { town: 'Testdorp', name: 'DUO', kind: 'to_be_determined' },
      { town: 'Testdorp', name: 'Ervaringsdata coaches', kind: 'to_be_determined' },
      { town: 'Teststad', name: 'DUO', kind: 'to_be_determined' },
      { town: 'Teststad', name: 'Ervaringsdata coaches', kind: 'to_be_determined' },
    ]);

    const { rows: cores } = await sql<{ town: string; description: string; source: string | null; own: boolean }>`
      select m.name as town, c.description, s.name as source,
        s.municipality_id is not distinct from g.municipality_id or s.id is null as own
      from public.core_indicators c
      join public.municipal_outputs o on o.id = c.output_id
      join public.municipal_goals g on g.id = o.goal_id
      join public.municipalities m on m.id = g.municipality_id
      left join public.data_sources s on s.id = c.source_id
      order by 1, 2`.execute(database.db);
    expect(cores.map((c) => [c.town, c.description, c.source, c.own])).toEqual([
      ['Testdorp', 'a', 'DUO', true],
      ['Testdorp', 'b', 'DUO', true],
      ['Testdorp', 'c', 'Ervaringsdata coaches', true],
      ['Testdorp', 'd', null, true],
      ['Teststad', 'a', 'DUO', true],
      ['Teststad', 'b', 'DUO', true],
      ['Teststad', 'c', 'Ervaringsdata coaches', true],
      ['Teststad', 'd', null, true],
    ]);
    // Nothing dropped: the texts are still there as they were.
    const { rows: texts } = await sql<{ n: number }>`
      select count(*)::int as n from public.core_indicators where data_source = ' DUO '`.execute(database.db);
    expect(texts[0]?.n).toBe(2);
  });
});
