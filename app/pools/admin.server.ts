import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { rowsAsJson } from '~/db/json-rows.server';
import type { AdminInput } from './schema.server';

/** What the admin page lists: places, organisations and the people with the coordinator role. */
export async function getAdminOverview(tx: Tx) {
  const [regions, municipalities, organisations, coordinators, assignments] = await Promise.all([
    tx.selectFrom('regions').select(['id', 'name', 'slug']).orderBy('name').execute(),
    // Every municipality (hundreds): one JSON text, see rowsAsJson.
    rowsAsJson(
      tx,
      tx
        .selectFrom('municipalities')
        .innerJoin('regions', 'regions.id', 'municipalities.region_id')
        .select(['municipalities.id', 'municipalities.name', 'regions.name as region_name'])
        .orderBy('municipalities.name'),
    ),
    tx.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute(),
    tx
      .selectFrom('user_roles')
      .innerJoin('profiles', 'profiles.id', 'user_roles.user_id')
      .select(['user_roles.user_id', 'profiles.display_name'])
      .where('user_roles.role', '=', 'coordinator')
      .orderBy('profiles.display_name')
      .execute(),
    tx
      .selectFrom('coordinator_regions')
      .innerJoin('regions', 'regions.id', 'coordinator_regions.region_id')
      .select(['coordinator_regions.user_id', 'regions.id as region_id', 'regions.name as region_name'])
      .orderBy('regions.name')
      .execute(),
  ]);
  return { regions, municipalities, organisations, coordinators, assignments };
}

export type AdminOutcome = 'saved' | 'exists' | 'noAccount' | 'alreadyAssigned' | 'notCoordinator';

/** Applies one admin change as the admin (RLS lets only admins write these tables). */
export async function applyAdminChange(tx: Tx, input: AdminInput): Promise<AdminOutcome> {
  switch (input.intent) {
    case 'region': {
      const done = await tx
        .insertInto('regions')
        .values({ name: input.name, slug: input.slug })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      return Number(done.numInsertedOrUpdatedRows ?? 0) > 0 ? 'saved' : 'exists';
    }
    case 'municipality': {
      const done = await tx
        .insertInto('municipalities')
        .values({ name: input.name, region_id: input.regionId })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      return Number(done.numInsertedOrUpdatedRows ?? 0) > 0 ? 'saved' : 'exists';
    }
    case 'organisation': {
      const done = await tx
        .insertInto('organisations')
        .values({ name: input.name, kind: input.kind, municipality_id: input.municipalityId })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      return Number(done.numInsertedOrUpdatedRows ?? 0) > 0 ? 'saved' : 'exists';
    }
    case 'grantCoordinator': {
      const found = await sql<{ id: string | null }>`select private.admin_find_user(${input.email}) as id`.execute(tx);
      const userId = found.rows[0]?.id;
      if (!userId) return 'noAccount';
      await tx
        .insertInto('user_roles')
        .values({ user_id: userId, role: 'coordinator' })
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
        .execute();
      return 'saved';
    }
    case 'revokeCoordinator':
      // The person's region assignments go with the role (foreign key on coordinator_regions).
      await tx.deleteFrom('user_roles').where('user_id', '=', input.userId).where('role', '=', 'coordinator').execute();
      return 'saved';
    case 'assignRegion': {
      // Only a coordinator and an existing region make a row, so a forged form gets a message, not a 500.
      const done = await tx
        .insertInto('coordinator_regions')
        .columns(['user_id', 'region_id'])
        .expression((eb) =>
          eb
            .selectFrom('user_roles')
            .innerJoin('regions', (join) => join.on('regions.id', '=', input.regionId))
            .select(['user_roles.user_id', 'regions.id as region_id'])
            .where('user_roles.user_id', '=', input.userId)
            .where('user_roles.role', '=', 'coordinator'),
        )
        .onConflict((oc) => oc.columns(['user_id', 'region_id']).doNothing())
        .executeTakeFirst();
      if (Number(done.numInsertedOrUpdatedRows ?? 0) > 0) return 'saved';
      const existing = await tx
        .selectFrom('coordinator_regions')
        .select('region_id')
        .where('user_id', '=', input.userId)
        .where('region_id', '=', input.regionId)
        .executeTakeFirst();
      return existing ? 'alreadyAssigned' : 'notCoordinator';
    }
    case 'unassignRegion':
      await tx
        .deleteFrom('coordinator_regions')
        .where('user_id', '=', input.userId)
        .where('region_id', '=', input.regionId)
        .execute();
      return 'saved';
  }
}
