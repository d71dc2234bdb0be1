import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdvice } from '~/advice/queries.server';
import { runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from './database';
import { ACTORS, attempt, worldOf, type World } from './fixtures';

/**
 * The advice page offers "edit" and "submit" only to whom the database allows them: the flags come
 * from the functions the update policies call, and for every role and state they agree with what an
 * actual update does.
 */
let world: World;
const drafts: Record<'memberDraft' | 'memberInReview' | 'published', string> = {
  memberDraft: '',
  memberInReview: '',
  published: '',
};

beforeAll(async () => {
  world = await worldOf(await freshDatabase({ demo: true }));
  await runAsSystem(world.database, async (tx) => {
    const add = (title: string, status: 'draft' | 'in_review' | 'published') =>
      tx
        .insertInto('advices')
        .values({
          pool_id: world.pools.alkmaar,
          title,
          status,
          created_by: world.ids.memberA,
          published_at: status === 'published' ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    drafts.memberDraft = await add('Concept van een lid', 'draft');
    drafts.memberInReview = await add('Ter review van een lid', 'in_review');
    drafts.published = await add('Gepubliceerd', 'published');
  });
});
afterAll(() => world.database.close());

const mayEdit = (actor: (typeof ACTORS)[number], adviceId: string) =>
  attempt(world, actor, async (tx) => {
    const advice = await getAdvice(tx, adviceId, actor === 'anon' ? null : world.ids[actor]);
    return advice ? advice.may_change_draft || advice.manages : 'hidden';
  });

const updates = (actor: (typeof ACTORS)[number], adviceId: string) =>
  attempt(world, actor, async (tx) => {
    const result = await tx
      .updateTable('advices')
      .set({ title: 'Gewijzigd' })
      .where('id', '=', adviceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });

describe('who the advice page offers editing', () => {
  it.each(Object.keys(drafts) as (keyof typeof drafts)[])(
    '%s: the page offers it exactly where the database allows it',
    async (which) => {
      const offered = Object.fromEntries(
        await Promise.all(ACTORS.map(async (a) => [a, await mayEdit(a, drafts[which])])),
      );
      const allowed = Object.fromEntries(
        await Promise.all(ACTORS.map(async (a) => [a, await updates(a, drafts[which])])),
      );
      for (const actor of ACTORS) {
        if (offered[actor] === 'hidden') expect(allowed[actor], actor).not.toBe(true);
        else expect(offered[actor], actor).toBe(allowed[actor]);
      }
      // And the expected people: the author only on their own draft; the pool's coordinator and admin always.
      expect(offered.memberA).toBe(which === 'memberDraft');
      expect(offered.coordinator).toBe(true);
      expect(offered.admin).toBe(true);
      // Addressed to no one yet, so outside the pool nobody even reads it.
      expect(offered.outsideCoordinator).toBe('hidden');
    },
  );
});
