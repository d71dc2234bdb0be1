import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import { rowsAsJson } from '~/db/json-rows.server';
import { receivedOn } from './queries.server';
import { groupPairs, similarPairs } from './similarity';

interface PlaceFilter {
  regionId?: string;
  municipalityId?: string;
}

export const PATTERN_MONTHS = 12;
const SIMILAR_POOL = 200;
const SIMILARITY = 0.5;

/** The last twelve months as yyyy-mm, oldest first, ending with the current month. */
export function lastMonths(now: Date, count = PATTERN_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/**
 * Tagged signals per indicator and month, over the signals this person may read. Read from the monthly
 * counts the database keeps per region and municipality (triggers on signals and their tags), through
 * a function whose filter is the signals' select policy.
 */
export async function countsPerIndicatorMonth(tx: Tx, place: PlaceFilter, months: string[]) {
  return rowsAsJson(
    tx,
    sql<{ indicator_code: string; month: string; n: number }>`
      select indicator_code, month, n
      from private.signal_counts_per_indicator_month(${place.regionId ?? null}, ${place.municipalityId ?? null},
        ${`${months[0]}-01`}::date)`,
  );
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
 * Groups of recent signals whose texts are alike by trigram similarity (pg_trgm's trigrams and its
 * similarity measure), joined transitively: a group is every signal reachable through pairs above the
 * threshold. The window is the most recent SIMILAR_POOL signals the person may read (index order).
 */
export async function similarGroups(tx: Tx, place: PlaceFilter) {
  const recent = await rowsAsJson(
    tx,
    tx
      .selectFrom('signals')
      .leftJoin('municipalities', 'municipalities.id', 'signals.municipality_id')
      .select([
        'signals.id',
        'signals.reference',
        'signals.body',
        'signals.language',
        receivedOn,
        'municipalities.name as municipality_name',
        'signals.body_trigrams as trigrams',
      ])
      .$narrowType<{ trigrams: NotNull }>() // show_trgm of a not-null body: never null
      .where('signals.status', '<>', 'merged')
      .$if(Boolean(place.regionId), (q) => q.where('signals.region_id', '=', place.regionId!))
      .$if(Boolean(place.municipalityId), (q) => q.where('signals.municipality_id', '=', place.municipalityId!))
      .orderBy('signals.received_on', 'desc')
      .orderBy('signals.id')
      .limit(SIMILAR_POOL),
  );
  // The ten largest groups, newest signal first; the newest one's text stands for the group.
  return groupPairs(recent.length, similarPairs(recent, SIMILARITY))
    .sort((x, y) => y.length - x.length)
    .slice(0, 10)
    .map((positions) => {
      const members = positions.map((i) => recent[i]!).sort((x, y) => y.received_on.localeCompare(x.received_on));
      const lead = members[0]!;
      return {
        id: lead.id,
        body: lead.body,
        language: lead.language,
        members: members.map(({ id, reference, received_on, municipality_name }) => ({
          id,
          reference,
          received_on,
          municipality_name,
        })),
      };
    });
}
