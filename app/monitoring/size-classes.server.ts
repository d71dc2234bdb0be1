import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { isTaken } from '~/db/errors.server';

export interface SizeClass {
  id: string;
  min_inhabitants: number;
  /** Where the next class starts (this one runs up to it); null for the largest. */
  next_min: number | null;
  municipalities: number;
}

/** The size classes from small to large, each with where it ends and how many municipalities it holds. */
export async function listSizeClasses(tx: Tx): Promise<SizeClass[]> {
  const { rows } = await sql<SizeClass>`
    with classes as (
      select id, min_inhabitants, lead(min_inhabitants) over (order by min_inhabitants) as next_min
      from public.size_classes
    )
    select c.id, c.min_inhabitants, c.next_min,
      (select count(*)::int from public.municipalities m
       where m.inhabitants >= c.min_inhabitants and (c.next_min is null or m.inhabitants < c.next_min)) as municipalities
    from classes c
    order by c.min_inhabitants`.execute(tx);
  return rows;
}

/**
 * Adds a class starting at `min`, or moves class `id`'s start there (admins; RLS refuses others).
 * 'taken' when a class starts there already; 'notFound' when class `id` is not there (or not theirs).
 */
export async function saveSizeClass(tx: Tx, input: { id?: string; minInhabitants: number }) {
  await sql`savepoint size_class`.execute(tx);
  try {
    const changed = input.id
      ? await tx
          .updateTable('size_classes')
          .set({ min_inhabitants: input.minInhabitants })
          .where('id', '=', input.id)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows) > 0)
      : await tx
          .insertInto('size_classes')
          .values({ min_inhabitants: input.minInhabitants })
          .execute()
          .then(() => true);
    await sql`release savepoint size_class`.execute(tx);
    return changed ? ('saved' as const) : ('notFound' as const);
  } catch (error) {
    // Only the clash is an answer; the rest of the request's transaction stays usable after it.
    await sql`rollback to savepoint size_class`.execute(tx);
    if (isTaken(error, 'size_classes_min_inhabitants_key')) return 'taken' as const;
    throw error;
  }
}

/** Removes a class (its municipalities then fall in the class below); false when it is not there. */
export async function removeSizeClass(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('size_classes').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
