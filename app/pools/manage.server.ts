import { randomUUID } from 'node:crypto';
import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { PoolRole } from '~/db/types';
import type { Hidden } from '~/ui/HiddenFigure';
import type { PoolInput } from './schema.server';

/**
 * What the pool form chooses from: the regions the database lets this person put the pool in (admins
 * anywhere, coordinators in the regions an admin assigned them, or where the pool already is), whether
 * it may be national (no region), and the client organisations. `poolId` null: a new pool.
 */
export async function getPoolChoices(tx: Tx, poolId: string | null) {
  const [regions, national, organisations] = await Promise.all([
    tx
      .selectFrom('regions')
      .select(['id', 'name'])
      .where(sql<boolean>`private.may_place_pool(${poolId}::uuid, regions.id)`)
      .orderBy('name')
      .execute(),
    sql<{ allowed: boolean }>`select private.may_place_pool(${poolId}::uuid, null) as allowed`
      .execute(tx)
      .then((r) => r.rows[0]!.allowed),
    tx.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute(),
  ]);
  return { regions, national, organisations };
}

/** A date column as 'YYYY-MM-DD': the drivers would turn it into a Date at local midnight. */
export const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function getPoolForEdit(tx: Tx, poolId: string) {
  return tx
    .selectFrom('pools')
    .select([
      'id',
      'name',
      'region_id',
      'client_organisation_id',
      'assignment',
      dateText('starts_on').as('starts_on'),
      dateText('ends_on').as('ends_on'),
      'status',
    ])
    .where('id', '=', poolId)
    .executeTakeFirst();
}

/**
 * Creates a pool as a coordinator or admin (RLS: a coordinator only in a region assigned to them; the
 * refusal is thrown). A trigger makes a creating coordinator its first coordinator; a regional pool
 * serves every municipality of its region from the start.
 * The id is made here: the creator cannot read the new row back until that trigger has run.
 */
export async function createPool(tx: Tx, input: PoolInput): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('pools')
    .values({ id, ...columns(input) })
    .execute();
  if (input.regionId) {
    await tx
      .insertInto('pool_municipalities')
      .columns(['pool_id', 'municipality_id'])
      .expression((eb) =>
        eb
          .selectFrom('municipalities')
          .select([eb.val(id).as('pool_id'), 'id as municipality_id'])
          .where('region_id', '=', input.regionId!),
      )
      .execute();
  }
  return id;
}

/**
 * Changes a pool (RLS: its coordinators and admins); false when nothing was changed. Moving it to a
 * region the person does not work in is refused by the database and thrown.
 */
export async function updatePool(tx: Tx, poolId: string, input: PoolInput): Promise<boolean> {
  const result = await tx.updateTable('pools').set(columns(input)).where('id', '=', poolId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function columns(input: PoolInput) {
  return {
    name: input.name,
    region_id: input.regionId,
    client_organisation_id: input.clientOrganisationId,
    assignment: input.assignment,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    status: input.status,
  };
}

/** One group of the pool's make-up: its size, or why it is hidden (decided in the database). */
export interface DiversityGroup {
  bucket: string;
  people: number | null;
  hidden: Hidden | null;
}

/**
 * The pool's make-up as aggregates only, per dimension: small groups are hidden, and so is whatever
 * would let one be worked out from the member count and the groups beside it.
 */
export async function getPoolDiversity(tx: Tx, poolId: string) {
  const rows = await sql<DiversityGroup & { dimension: string }>`
    select dimension, bucket, people, hidden from private.pool_diversity(${poolId}::uuid)
    order by dimension, rank`.execute(tx);
  const groups: Record<string, DiversityGroup[]> = {};
  for (const { dimension, ...group } of rows.rows) (groups[dimension] ??= []).push(group);
  return groups;
}

/** The pool's people by role, for choosing its coordinators (RLS: the pool's coordinators and admins). */
export async function listPoolPeopleByRole(tx: Tx, poolId: string) {
  const people = await tx
    .selectFrom('pool_member_directory')
    .select(['user_id', 'display_name', 'role'])
    .$narrowType<{ user_id: NotNull; display_name: NotNull; role: PoolRole }>() // a view's columns, never null
    .where('pool_id', '=', poolId)
    .orderBy('display_name')
    .execute();
  return {
    coordinators: people.filter((p) => p.role === 'coordinator'),
    members: people.filter((p) => p.role === 'member'),
  };
}

/** Makes a pool's member a coordinator or back; false when RLS or the membership says no. */
export async function setPoolRole(tx: Tx, poolId: string, userId: string, role: 'member' | 'coordinator') {
  const result = await tx
    .updateTable('pool_memberships')
    .set({ role })
    .where('pool_id', '=', poolId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
