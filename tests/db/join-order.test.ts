import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWrittenJoinOrder } from '~/db/join-order.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { freshDatabase } from './database';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase({ migrate: false });
});
afterAll(() => database.close());

const joinCollapseLimit = async (tx: Tx) =>
  (await sql<{ v: string }>`select current_setting('join_collapse_limit') as v`.execute(tx)).rows[0]!.v;

describe('inWrittenJoinOrder', () => {
  it('keeps the written join order only for its work, and puts the default back after it, also when the work fails', async () => {
    await runAsSystem(database, async (tx) => {
      const before = await joinCollapseLimit(tx);
      expect(before).not.toBe('1');
      expect(await inWrittenJoinOrder(tx, () => joinCollapseLimit(tx))).toBe('1');
      expect(await joinCollapseLimit(tx)).toBe(before);
      await expect(
        inWrittenJoinOrder(tx, async () => {
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect(await joinCollapseLimit(tx)).toBe(before);
    });
  });
});
