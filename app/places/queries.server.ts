import type { Tx } from '~/db/db.server';
import { rowsAsJson } from '~/db/json-rows.server';

/**
 * Municipalities grouped under their region, for pickers (public reference data). Read as one JSON text
 * (rowsAsJson), as every list of all municipalities is: hundreds of rows.
 */
export async function listPlaces(tx: Tx) {
  const rows = await rowsAsJson(
    tx,
    tx
      .selectFrom('municipalities')
      .innerJoin('regions', 'regions.id', 'municipalities.region_id')
      .select(['municipalities.id', 'municipalities.name', 'regions.id as region_id', 'regions.name as region_name'])
      .orderBy('regions.name')
      .orderBy('municipalities.name'),
  );
  const regions = new Map<string, { id: string; name: string; municipalities: { id: string; name: string }[] }>();
  for (const row of rows) {
    const region = regions.get(row.region_id) ?? { id: row.region_id, name: row.region_name, municipalities: [] };
    region.municipalities.push({ id: row.id, name: row.name });
    regions.set(row.region_id, region);
  }
  return [...regions.values()];
}

export type Places = Awaited<ReturnType<typeof listPlaces>>;

/** Every region, by name (public reference data). */
export async function listRegions(tx: Tx) {
  return tx.selectFrom('regions').select(['id', 'name']).orderBy('name').execute();
}

/** Every municipality, by name (public reference data). */
export async function listMunicipalities(tx: Tx) {
  return rowsAsJson(tx, tx.selectFrom('municipalities').select(['id', 'name']).orderBy('name'));
}
