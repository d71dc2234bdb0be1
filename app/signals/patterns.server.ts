import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '~/db/db.server';
import { receivedOn } from './queries.server';

export interface PlaceFilter {
  regionId?: string;
  municipalityId?: string;
}

export const PATTERN_MONTHS = 12;
const SIMILAR_POOL = 200;
const SIMILARITY = 0.5;

function placeCondition(place: PlaceFilter): RawBuilder<unknown> {
  return sql`${place.regionId ? sql`and s.region_id = ${place.regionId}` : sql``}
    ${place.municipalityId ? sql`and s.municipality_id = ${place.municipalityId}` : sql``}`;
}

/** The last twelve months as yyyy-mm, oldest first, ending with the current month. */
export function lastMonths(now: Date, count = PATTERN_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Tagged signals per indicator and month, over the signals RLS lets this person see. */
export async function countsPerIndicatorMonth(tx: Tx, place: PlaceFilter, months: string[]) {
  const { rows } = await sql<{ indicator_code: string; month: string; n: number }>`
    select si.indicator_code, to_char(s.received_on, 'YYYY-MM') as month, count(*)::int as n
    from public.signals s
    join public.signal_indicators si on si.signal_id = s.id
    where s.received_on >= ${`${months[0]}-01`}::date and s.status <> 'merged' ${placeCondition(place)}
    group by 1, 2`.execute(tx);
  return rows;
}

/**
 * This month against the average of the three months before, per indicator: what rose.
 * (The current month is still running; a rise this early in it is all the more telling.)
 */
export function risesThisMonth(counts: { indicator_code: string; month: string; n: number }[], months: string[]) {
  const current = months[months.length - 1]!;
  const before = months.slice(-4, -1);
  const codes = [...new Set(counts.map((c) => c.indicator_code))];
  return codes
    .map((code) => {
      const of = (month: string) => counts.find((c) => c.indicator_code === code && c.month === month)?.n ?? 0;
      const thisMonth = of(current);
      const average = before.reduce((sum, m) => sum + of(m), 0) / before.length;
      return { code, thisMonth, average: Math.round(average * 10) / 10 };
    })
    .filter((r) => r.thisMonth > r.average)
    .sort((a, b) => b.thisMonth - b.average - (a.thisMonth - a.average));
}

/**
 * Groups of recent signals whose texts are alike by trigram similarity (pg_trgm in the database),
 * joined transitively: a group is every signal reachable through pairs above the threshold.
 */
export async function similarGroups(tx: Tx, place: PlaceFilter) {
  const { rows } = await sql<{ a: string; b: string }>`
    with recent as (
      select s.id, s.body from public.signals s
      where s.status <> 'merged' ${placeCondition(place)}
      order by s.received_on desc, s.id
      limit ${SIMILAR_POOL}
    )
    select x.id as a, y.id as b from recent x join recent y
      on x.id < y.id and extensions.similarity(x.body, y.body) >= ${SIMILARITY}`.execute(tx);
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  for (const { a, b } of rows) parent.set(find(a), find(b));
  const groups = new Map<string, string[]>();
  for (const id of new Set(rows.flatMap((r) => [r.a, r.b]))) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  const ids = [...groups.values()].flat();
  if (ids.length === 0) return [];
  const signals = await tx
    .selectFrom('signals')
    .leftJoin('municipalities', 'municipalities.id', 'signals.municipality_id')
    .select([
      'signals.id',
      'signals.reference',
      'signals.body',
      'signals.language',
      receivedOn,
      'municipalities.name as municipality_name',
    ])
    .where('signals.id', 'in', ids)
    .execute();
  const byId = new Map(signals.map((s) => [s.id, s]));
  return [...groups.values()]
    .map((members) => members.map((id) => byId.get(id)!).sort((x, y) => y.received_on.localeCompare(x.received_on)))
    .sort((x, y) => y.length - x.length)
    .slice(0, 10);
}
