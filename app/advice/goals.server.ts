import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { sourceForName } from './data-sources.server';
import { isRefusedByPolicy, isStillReferenced } from '~/db/errors.server';

/** A municipality's goal tree: goals → outputs → core indicators with their data source (seed 001). */
export async function getGoalTree(tx: Tx, municipalityId: string) {
  const goals = await tx
    .selectFrom('municipal_goals')
    .select(['id', 'title'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  if (goals.length === 0) return [];
  const outputs = await tx
    .selectFrom('municipal_outputs')
    .select(['id', 'goal_id', 'title', 'description'])
    .where(
      'goal_id',
      'in',
      goals.map((g) => g.id),
    )
    .orderBy('position')
    .execute();
  const cores =
    outputs.length === 0
      ? []
      : await tx
          .selectFrom('core_indicators as c')
          .leftJoin('data_sources as s', 's.id', 'c.source_id')
          .select(['c.id', 'c.output_id', 'c.description', 'c.source_id', 's.name as source', 's.kind as source_kind'])
          .where(
            'c.output_id',
            'in',
            outputs.map((o) => o.id),
          )
          .orderBy('c.position')
          .execute();
  return goals.map((goal) => ({
    ...goal,
    outputs: outputs
      .filter((o) => o.goal_id === goal.id)
      .map((output) => ({ ...output, coreIndicators: cores.filter((c) => c.output_id === output.id) })),
  }));
}
export type GoalTree = Awaited<ReturnType<typeof getGoalTree>>;

/** Every municipality's core indicators, for linking an advice to a municipality's own goals. */
export async function listAllCoreIndicators(tx: Tx) {
  return tx
    .selectFrom('core_indicators as c')
    .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
    .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
    .innerJoin('municipalities as m', 'm.id', 'g.municipality_id')
    .select(['c.id', 'c.description', 'o.title as output', 'm.name as municipality'])
    .orderBy('m.name')
    .orderBy('g.position')
    .orderBy('o.position')
    .orderBy('c.position')
    .execute();
}

export async function addGoal(tx: Tx, municipalityId: string, title: string) {
  await tx.insertInto('municipal_goals').values({ municipality_id: municipalityId, title }).execute();
}

export async function addOutput(tx: Tx, goalId: string, title: string, description: string) {
  await tx.insertInto('municipal_outputs').values({ goal_id: goalId, title, description }).execute();
}

/** Adds a core indicator; the source typed beside it is put on the municipality's list when new. */
export async function addCoreIndicator(tx: Tx, outputId: string, description: string, dataSource: string) {
  const sourceId = await sourceForName(tx, outputId, dataSource);
  await tx.insertInto('core_indicators').values({ output_id: outputId, description, source_id: sourceId }).execute();
}

/**
 * Whether the person may shape this municipality's goal tree, as the policies decide: admins, and
 * coordinators an admin assigned to the municipality's region.
 */
export async function mayShapeGoalTree(tx: Tx, municipalityId: string): Promise<boolean> {
  const { rows } = await sql<{ allowed: boolean }>`
    select private.works_in_municipality(${municipalityId}::uuid) as allowed`.execute(tx);
  return rows[0]?.allowed ?? false;
}

/** Removes a goal with its outputs and core indicators; false when RLS left nothing to remove. */
export async function removeGoal(tx: Tx, goalId: string): Promise<boolean> {
  const result = await tx.deleteFrom('municipal_goals').where('id', '=', goalId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Why the database refused a change of a goal tree, as a message key; anything else is rethrown. */
export function goalTreeRefusal(error: unknown): 'advice.goals.hasFigures' | 'advice.goals.notYours' {
  // Monitoring figures are never deleted with their goal (migration 20261204110000).
  if (
    isStillReferenced(error, 'core_indicator_values_core_indicator_id_fkey') ||
    isStillReferenced(error, 'management_indicator_values_management_indicator_id_fkey')
  ) {
    return 'advice.goals.hasFigures';
  }
  if (isRefusedByPolicy(error)) return 'advice.goals.notYours';
  throw error;
}
