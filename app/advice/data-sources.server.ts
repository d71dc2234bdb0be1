import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { SourceKind } from '~/db/types';

/**
 * The data sources a municipality keeps (issue 21): where the figures of its core indicators come from.
 * Part of the goal tree, so anyone reads them; admins and the coordinators of its region keep the list.
 */
export async function listDataSources(tx: Tx, municipalityId: string) {
  return tx
    .selectFrom('data_sources')
    .select(['id', 'name', 'kind'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('name')
    .execute();
}
export type DataSource = Awaited<ReturnType<typeof listDataSources>>[number];

/** Adds a source to the list; a name already on it keeps its row and takes the new kind. */
export async function saveDataSource(tx: Tx, municipalityId: string, name: string, kind: SourceKind) {
  return tx
    .insertInto('data_sources')
    .values({ municipality_id: municipalityId, name, kind })
    .onConflict((oc) => oc.columns(['municipality_id', 'name']).doUpdateSet({ kind }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Removes a source; its core indicators keep their figures and have no source until one is chosen. */
export async function removeDataSource(tx: Tx, sourceId: string, municipalityId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('data_sources')
    .where('id', '=', sourceId)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Points a core indicator at a source of its own municipality's list (the database refuses another's). */
export async function setCoreIndicatorSource(tx: Tx, coreId: string, sourceId: string | null): Promise<boolean> {
  const result = await tx
    .updateTable('core_indicators')
    .set({ source_id: sourceId })
    .where('id', '=', coreId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The source named in a new core indicator's form, added to the list when it is not on it yet. */
export async function sourceForName(tx: Tx, outputId: string, name: string): Promise<string | null> {
  if (name === '') return null;
  const { rows } = await sql<{ id: string }>`
    insert into public.data_sources (municipality_id, name)
    values (private.output_municipality(${outputId}::uuid), ${name})
    on conflict (municipality_id, name) do update set name = excluded.name
    returning id`.execute(tx);
  return rows[0]!.id;
}
