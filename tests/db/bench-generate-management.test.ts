import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { generateMonitoring } from '../bench/generate';
import { freshDatabase } from './database';

/** The bench generator (tests/bench/generate.ts) keeps generating management figures per dimension. */
describe('the monitoring bench generator', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase({ demo: true });
  });
  afterAll(() => database?.close());

  it('gives the second management indicator of each core indicator two dimensions with figures per value', async () => {
    await runAsSystem(database, (tx) => generateMonitoring(tx, { cores: 2, years: 2 }));
    const { rows } = await sql<{ dimension: string | null; figures: number }>`
      select b.name as dimension, count(*)::int as figures
      from public.management_indicator_values v
      join public.management_indicators m on m.id = v.management_indicator_id
      left join public.management_breakdowns b on b.id = v.breakdown_id
      where m.name = 'Bench-stuurindicator 2'
      group by 1 order by 1 nulls first`.execute(database.db);
    const indicators = await sql<{ n: number }>`
      select count(*)::int as n from public.management_indicators where name = 'Bench-stuurindicator 2'`.execute(
      database.db,
    );
    const n = indicators.rows[0]!.n;
    expect(n).toBeGreaterThan(0);
    // Per indicator and year: the total, three routes and two types of education.
    expect(rows).toEqual([
      { dimension: null, figures: n * 2 },
      { dimension: 'Leerroute', figures: n * 2 * 3 },
      { dimension: 'Type opleiding', figures: n * 2 * 2 },
    ]);
  });
});
