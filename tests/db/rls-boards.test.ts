import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, countRows, describeRls, type Actor, type RlsCase, type World, everyone } from './fixtures';

// Board ids are looked up once (as the system) before the cases run: a system query inside an
// actor's transaction would wait for the one PGlite connection that transaction holds.
const boardIds = { private: '', shared: '' };
// Set up once as the system: an open round on the private board (memberA and the coordinator each
// placed a dot), a revealed round on the shared board, and a snapshot of the private board.
const voting = { openRound: '', revealedRound: '', snapshot: '', region: '' };
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
    // The language its exports are written in (issue 22): a setting like sharing, for the same people.
    name: "set the private Alkmaar board's language",
    run: (w) => async (tx) =>
      tx
        .updateTable('boards')
        .set({ language: 'ar' })
        .where('id', '=', alkmaarBoard(w, false))
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1, partner: 0, otherReader: 0 },
  },
  {
    name: "set the shared Alkmaar board's language (its readers read it, they do not set it)",
    run: (w) => async (tx) =>
      tx.updateTable('boards').set({ language: 'en' }).where('id', '=', alkmaarBoard(w, true)).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1, partner: 0, otherReader: 0 },
  },
  {
    name: 'create a board in the Alkmaar pool with a language',
    run: (w) => (tx) =>
      tx
        .insertInto('boards')
        .values({ pool_id: w.pools.alkmaar, title: 'Raad', language: 'tr', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
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

  {
    // memberA has a dot in the open round and two in the revealed one: a reveal shows totals, not who voted.
    name: "read dots: only one's own, before and after the reveal",
    run: () => countRows('board_votes'),
    expect: { ...everyone(0), anon: 'denied', memberA: 2, coordinator: 1 },
  },
  {
    name: 'read voting rounds (they follow the board: an open one on the private board, a revealed one on the shared)',
    run: () => countRows('board_vote_rounds'),
    expect: { ...everyone(0), anon: 'denied', memberA: 2, coordinator: 2, reader: 1, admin: 2 },
  },
  {
    name: 'totals of the open (unrevealed) round: nobody, the coordinator included',
    run: () => async (tx) =>
      (await sql`select * from private.board_vote_totals(${voting.openRound}::uuid)`.execute(tx)).rows.length,
    expect: { ...everyone(0), anon: 'denied' },
  },
  {
    name: 'totals of the revealed round on the shared board',
    run: () => async (tx) =>
      (await sql`select * from private.board_vote_totals(${voting.revealedRound}::uuid)`.execute(tx)).rows.length,
    expect: { ...everyone(0), anon: 'denied', memberA: 1, coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: 'cast a dot on the private board',
    run: (w) => async (tx) =>
      (
        await sql<{
          outcome: string;
        }>`select private.cast_board_vote(${alkmaarBoard(w, false)}::uuid, 'starter-2', 1) as outcome`.execute(tx)
      ).rows[0]!.outcome,
    expect: { ...everyone('denied'), memberA: 'ok', coordinator: 'ok', admin: 'ok', partner: 'denied' },
  },
  {
    name: 'place a dot directly in the table (only through cast_board_vote)',
    run: (w) => async (tx) =>
      tx
        .insertInto('board_votes')
        .values({ round_id: voting.openRound, card_id: 'starter-2', user_id: sql<string>`auth.uid()`, dots: 20 })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'reveal a round by changing the table (only through reveal_board_vote_round)',
    run: () => async (tx) =>
      tx
        .updateTable('board_vote_rounds')
        .set({ revealed_at: new Date(), closed_at: new Date() })
        .where('id', '=', voting.openRound)
        .execute()
        .then(affected),
    expect: { ...everyone('denied') },
  },
  {
    name: 'open a voting round on the private board',
    run: (w) => async (tx) =>
      (
        await sql<{
          round: number;
        }>`select private.open_board_vote_round(${alkmaarBoard(w, false)}::uuid, 3) as round`.execute(tx)
      ).rows[0]!.round,
    expect: { ...everyone('denied'), coordinator: 2, admin: 2 },
  },
  {
    name: 'reveal the open round of the private board',
    run: (w) => async (tx) =>
      (
        await sql<{
          round: number;
        }>`select private.reveal_board_vote_round(${alkmaarBoard(w, false)}::uuid) as round`.execute(tx)
      ).rows[0]!.round,
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: "delete the private board's snapshot",
    run: () => async (tx) =>
      tx.deleteFrom('board_snapshots').where('id', '=', voting.snapshot).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'remove the private Alkmaar board',
    run: (w) => async (tx) => tx.deleteFrom('boards').where('id', '=', alkmaarBoard(w, false)).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1, partner: 0, otherReader: 0 },
  },
  {
    name: "turn a card of the private board into a signal (the pool's people only)",
    run: (w) => async (tx) =>
      tx
        .insertInto('signals')
        .values({
          reference: 'EP-BOARD01',
          channel: 'board_card',
          region_id: voting.region,
          body: 'Een tolk die ik zelf mag kiezen',
          source_board_id: alkmaarBoard(w, false),
          source_card_id: 'starter-1',
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1, admin: 1, partner: 'denied', otherReader: 'denied' },
  },
  {
    name: 'a signal linked to the private board but placed in another region',
    run: (w) => async (tx) => {
      const other = await tx
        .selectFrom('regions')
        .select('id')
        .where('id', '<>', voting.region)
        .orderBy('name')
        .executeTakeFirstOrThrow();
      return tx
        .insertInto('signals')
        .values({
          reference: 'EP-BOARD02',
          channel: 'board_card',
          region_id: other.id,
          body: 'Elders',
          source_board_id: alkmaarBoard(w, false),
          source_card_id: 'starter-1',
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1);
    },
    expect: everyone('denied'),
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
    await runAsSystem(world.database, async (tx) => {
      const open = await tx
        .insertInto('board_vote_rounds')
        .values({ board_id: boardIds.private, round: 1, budget: 3, opened_by: world.ids.coordinator })
        .returning('id')
        .executeTakeFirstOrThrow();
      const revealed = await tx
        .insertInto('board_vote_rounds')
        .values({
          board_id: boardIds.shared,
          round: 1,
          budget: 3,
          opened_by: world.ids.coordinator,
          closed_at: new Date(),
          revealed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('board_votes')
        .values([
          { round_id: open.id, card_id: 'starter-1', user_id: world.ids.memberA, dots: 1 },
          { round_id: open.id, card_id: 'starter-1', user_id: world.ids.coordinator, dots: 1 },
          { round_id: revealed.id, card_id: 'seed-tip', user_id: world.ids.memberA, dots: 2 },
        ])
        .execute();
      const snapshot = await tx
        .insertInto('board_snapshots')
        .values({ board_id: boardIds.private, name: 'Te verwijderen', state: new Uint8Array([0, 0]) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pool = await tx
        .selectFrom('pools')
        .select('region_id')
        .where('id', '=', world.pools.alkmaar)
        .executeTakeFirstOrThrow();
      Object.assign(voting, {
        openRound: open.id,
        revealedRound: revealed.id,
        snapshot: snapshot.id,
        region: pool.region_id!,
      });
    });
  });

  it("a board's language is one of the interface languages or none: anything else breaks the check", async () => {
    const world = getWorld();
    const setTo = (language: string) => (tx: Tx) =>
      tx
        .updateTable('boards')
        // Past the app's types and its form, as a raw request to the database could.
        .set({ language: language as 'nl' })
        .where('id', '=', alkmaarBoard(world, false))
        .execute();
    for (const language of ['xx', 'NL', 'nl-BE', '']) {
      await expect(runAs(world.database, world.claims('coordinator'), setTo(language)), language).rejects.toThrow(
        /boards_language_check/,
      );
      await expect(runAsSystem(world.database, setTo(language)), language).rejects.toThrow(/boards_language_check/);
    }
    await runAs(world.database, world.claims('admin'), setTo('fa'));
    await runAs(world.database, world.claims('admin'), (tx) =>
      tx.updateTable('boards').set({ language: null }).where('id', '=', alkmaarBoard(world, false)).execute(),
    );
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
