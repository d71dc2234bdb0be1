import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { escapeLike } from '~/db/like.server';
import { isUuid } from '~/input/fields.server';
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

/** How many municipalities one search answers with: enough to see the right one among similar names. */
export const MUNICIPALITY_MATCHES = 20;

export interface MunicipalityMatch {
  id: string;
  name: string;
  region_name: string;
}

/**
 * Letters with accents in Dutch and Frisian names, and what they are without: the names are folded in
 * SQL this way (both cases, since a database in the C locale lowers only ASCII), the typed text in JS.
 */
const ACCENTED = 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝÇÑ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuyycnaaaaaaeeeeiiiiooooouuuuycn';
const folded = (text: string) => text.toLocaleLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/**
 * Municipalities whose name holds every word typed, accents aside (public reference data): those
 * starting with the first word first, then by name; at most MUNICIPALITY_MATCHES, with how many there are
 * in all.
 */
export async function searchMunicipalities(tx: Tx, text: string) {
  const words = folded(text).split(/\s+/).filter(Boolean).slice(0, 8);
  const name = sql<string>`lower(translate(municipalities.name, ${ACCENTED}, ${PLAIN}))`;
  let query = tx
    .selectFrom('municipalities')
    .innerJoin('regions', 'regions.id', 'municipalities.region_id')
    .select(['municipalities.id', 'municipalities.name', 'regions.name as region_name'])
    .select(sql<number>`(count(*) over ())::int`.as('total'));
  for (const word of words) query = query.where(name, 'like', `%${escapeLike(word)}%`);
  const rows = await query
    .orderBy(sql`${name} not like ${`${escapeLike(words[0] ?? '')}%`}`)
    .orderBy('municipalities.name')
    .limit(MUNICIPALITY_MATCHES)
    .execute();
  return {
    matches: rows.map(({ id, name, region_name }): MunicipalityMatch => ({ id, name, region_name })),
    total: rows[0]?.total ?? 0,
  };
}

export type MunicipalitySearch = Awaited<ReturnType<typeof searchMunicipalities>>;

/**
 * What a filter form's region and municipality pickers need without the whole list: the regions, the
 * chosen municipality (searched for in the browser, so the page names it) and, for a browser without
 * JavaScript, the municipalities of the chosen region (or of the chosen municipality's region).
 */
export async function loadPlaceFilter(tx: Tx, chosen: { regionId?: string; municipalityId?: string }) {
  const [regions, municipality] = await Promise.all([
    listRegions(tx),
    chosen.municipalityId
      ? tx
          .selectFrom('municipalities')
          .select(['id', 'name', 'region_id'])
          .where('id', '=', chosen.municipalityId)
          .executeTakeFirst()
      : undefined,
  ]);
  const regionId = chosen.regionId ?? municipality?.region_id;
  const inRegion = regionId
    ? await tx
        .selectFrom('municipalities')
        .select(['id', 'name'])
        .where('region_id', '=', regionId)
        .orderBy('name')
        .execute()
    : [];
  return {
    regions,
    municipality: municipality ? { id: municipality.id, name: municipality.name } : null,
    inRegion,
  };
}

export type PlaceFilter = Awaited<ReturnType<typeof loadPlaceFilter>>;

/** The names of these municipalities, by id (ids that name none are left out). */
export async function municipalityNames(tx: Tx, ids: string[]): Promise<Record<string, string>> {
  const uuids = ids.filter(isUuid);
  if (uuids.length === 0) return {};
  const rows = await tx.selectFrom('municipalities').select(['id', 'name']).where('id', 'in', uuids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
