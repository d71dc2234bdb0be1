import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { isRaisedAs, isStillReferenced } from '~/db/errors.server';
import type { RespondentGroup } from './respondent-groups';

/** The groups a wave may ask (RLS: whoever builds questionnaires), the app's own three first. */
export async function listRespondentGroups(tx: Tx): Promise<RespondentGroup[]> {
  return tx
    .selectFrom('respondent_groups')
    .select(['id', 'key', 'name'])
    .orderBy(sql`key is null`)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

/** The groups with how many waves ask each, for the admins' page. */
export async function listRespondentGroupsWithWaves(tx: Tx) {
  const { rows } = await sql<RespondentGroup & { waves: number }>`
    select g.id, g.key, g.name,
      (select count(*)::int from public.questionnaire_waves w where w.respondent_group_id = g.id) as waves
    from public.respondent_groups g
    order by g.key is null, g.created_at, g.name`.execute(tx);
  return rows;
}

/** Adds a group by name (admins; RLS); 'taken' when a group has that name already, whatever its case. */
export async function addRespondentGroup(tx: Tx, name: string): Promise<'added' | 'taken'> {
  const row = await tx
    .insertInto('respondent_groups')
    .values({ name })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? 'added' : 'taken';
}

/** Removes a group an admin added; false when there is none such (the app's own three stay: RLS). */
export async function removeRespondentGroup(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('respondent_groups').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A group that waves ask cannot go: their answers were given as that group's. */
export const isGroupInUse = (error: unknown) =>
  isStillReferenced(error, 'questionnaire_waves_respondent_group_id_fkey');

/** A wave that asks another group than its questionnaire's other waves (migration 20261208200000). */
export const isOtherGroup = (error: unknown) => isRaisedAs(error, 'EPQ02');
