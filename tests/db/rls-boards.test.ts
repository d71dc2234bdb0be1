import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { affected, countRows, describeRls, type Actor, type RlsCase, type World, everyone } from './fixtures';

// Board ids are looked up once (as the system) before the cases run: a system query inside an
// actor's transaction would wait for the one PGlite connection that transaction holds.
const boardIds = { private: '', shared: '' };
const alkmaarBoard = (_world: World, shared: boolean) => (shared ? boardIds.shared : boardIds.private);

// The demo data has two Alkmaar boards: one private to the pool, one shared with the municipality.
const cases: RlsCase[] = [
  {
    name: 'select boards',
    run: () => countRows('boards'),
    expect: { ...everyone(0), anon: 'denied', memberA: 2, coordinator: 2, reader: 1, admin: 2 },
  },
  {
    name: 'select board documents and update logs (they follow the board)',
    run: () => async (tx) => [await countRows('board_documents')(tx), await countRows('board_updates')(tx)],
    expect: {
      ...everyone([0, 0]),
      anon: 'denied',
      memberA: [2, 2],
      coordinator: [2, 2],
      reader: [1, 1],
      admin: [2, 2],
    },
  },
  {
    name: 'create a board in the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('boards')
        .values({ pool_id: w.pools.alkmaar, title: 'Nieuw', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'rename the private Alkmaar board',
    run: (w) => async (tx) =>
      tx
        .updateTable('boards')
        .set({ title: 'Anders' })
        .where('id', '=', alkmaarBoard(w, false))
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'share the private Alkmaar board with readers',
    run: (w) => async (tx) =>
      tx
        .updateTable('boards')
        .set({ shared_with_readers: true })
        .where('id', '=', alkmaarBoard(w, false))
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'append to the update log directly (only the collab-server writes it)',
    run: (w) => async (tx) =>
      tx
        .insertInto('board_updates')
        .values({ board_id: alkmaarBoard(w, false), update: new Uint8Array([0, 0]) })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'take a snapshot of the private Alkmaar board',
    run: (w) => async (tx) =>
      tx
        .insertInto('board_snapshots')
        .values({
          board_id: alkmaarBoard(w, false),
          name: 'Eind sessie 1',
          state: new Uint8Array([0, 0]),
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: "read the private board's history",
    run: () => countRows('board_activity'),
    expect: { ...everyone(0), anon: 'denied' },
  },
  {
    name: 'remove the shared Alkmaar board',
    run: (w) => async (tx) => tx.deleteFrom('boards').where('id', '=', alkmaarBoard(w, true)).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
];

describeRls('row level security on boards, their documents, snapshots and history', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    const rows = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('boards')
        .select(['id', 'shared_with_readers'])
        .where('pool_id', '=', world.pools.alkmaar)
        .execute(),
    );
    boardIds.private = rows.find((r) => !r.shared_with_readers)!.id;
    boardIds.shared = rows.find((r) => r.shared_with_readers)!.id;
  });

  it('an update appended by the system is visible to the pool, not to another pool', async () => {
    const world = getWorld();
    const boardId = alkmaarBoard(world, false);
    await runAsSystem(world.database, (tx) =>
      tx
        .insertInto('board_activity')
        .values({ board_id: boardId, user_id: world.ids.memberA, section: 'x', period_start: new Date() })
        .execute(),
    );
    const seen = async (actor: 'memberA' | 'memberB') =>
      runAs(world.database, world.claims(actor), (tx) => countRows('board_activity')(tx));
    expect(await seen('memberA')).toBe(1);
    expect(await seen('memberB')).toBe(0);
  });
});
