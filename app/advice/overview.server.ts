import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';

/**
 * Region × indicator: how many visible, published advices are addressed to each region (itself or one
 * of its municipalities) and concern each indicator. Cells link to the register with both filters.
 */
export async function regionIndicatorMatrix(tx: Tx) {
  const result = await sql<{ region_id: string; code: string; n: number }>`
    with scope as (
      select r.id as region_id, array[r.id] || array(select m.id from public.municipalities m where m.region_id = r.id) as ids
      from public.regions r
    )
    select s.region_id, c.code, count(*)::int as n
    from public.register_advices a
    cross join lateral unnest(a.indicator_codes) as c(code)
    join scope s on a.addressee_ids && s.ids
    where a.status in ('published', 'responded', 'implemented')
    group by s.region_id, c.code`.execute(tx);
  return result.rows;
}

/**
 * Per municipality: published advices addressed to it, how many it answered, and the median days from
 * publication to its first answer.
 */
export async function responseRates(tx: Tx) {
  const result = await sql<{
    municipality_id: string;
    municipality: string;
    addressed: number;
    answered: number;
    median_days: number | null;
  }>`
    with addressed as (
      select m.id as municipality_id, m.name as municipality, a.id as advice_id, a.published_at
      from public.municipalities m
      join public.register_advices a on a.addressee_ids && (array[m.id, m.region_id]
        || array(select o.id from public.organisations o where o.municipality_id = m.id))
      where a.status in ('published', 'responded', 'implemented')
    ),
    first_answer as (
      select advice_id, municipality_id, min(created_at) as answered_at
      from public.advice_responses group by advice_id, municipality_id
    )
    select d.municipality_id, d.municipality, count(*)::int as addressed,
           count(f.answered_at)::int as answered,
           round((percentile_cont(0.5) within group (order by extract(epoch from f.answered_at - d.published_at) / 86400))::numeric, 1)::float8 as median_days
    from addressed d
    left join first_answer f on f.advice_id = d.advice_id and f.municipality_id = d.municipality_id
    group by d.municipality_id, d.municipality
    order by d.municipality`.execute(tx);
  return result.rows;
}

/** Golden tips of visible, published advice, newest first, each with its advice. */
export async function goldenTipsWall(tx: Tx, { indicator, limit = 200 }: { indicator?: string; limit?: number }) {
  const result = await sql<{ advice_id: string; title: string; tip: string; indicator_codes: string[] }>`
    select a.id as advice_id, a.title, t.tip, a.indicator_codes
    from public.register_advices a
    cross join lateral unnest(a.golden_tips) as t(tip)
    where a.status in ('published', 'responded', 'implemented')
      ${indicator ? sql`and a.indicator_codes && array[${indicator}]::text[]` : sql``}
    order by a.published_at desc, a.id
    limit ${limit}`.execute(tx);
  return result.rows;
}

/** Newly published public advice, for the feed. */
export async function latestPublicAdvice(tx: Tx, limit = 50) {
  return tx
    .selectFrom('advices')
    .select(['id', 'title', 'insight', 'opportunities', 'published_at', 'updated_at'])
    .where('visibility', '=', 'public')
    .where('status', 'in', ['published', 'responded', 'implemented'])
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}
