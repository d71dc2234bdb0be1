import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { affected, countRows, describeRls, everyone, type RlsCase } from './fixtures';

/**
 * Private brainstorm rounds (issue 22, migration 20261209300000): a waiting card is its author's alone,
 * the facilitator counts but never reads them, and rounds and cards change only through the functions.
 * Set up once as the system: on the private Alkmaar board a running round with a card of memberA and
 * one of the coordinator; on the shared one a round whose time is up.
 */
const ids = { privateBoard: '', sharedBoard: '', cardOfA: '' };

const post = (board: () => string) => () => async (tx: Parameters<ReturnType<RlsCase['run']>>[0]) =>
  (
    await sql<{ outcome: string }>`
      select private.post_board_private_card(${board()}::uuid, 'section-1', 'Nog een idee', 'blue', null) as outcome`.execute(
      tx,
    )
  ).rows[0]!.outcome;

const cases: RlsCase[] = [
  {
    name: 'read waiting private cards: only one’s own (the coordinator reads theirs, not the members’)',
    run: () => countRows('board_private_cards'),
    expect: { ...everyone(0), anon: 'denied', memberA: 1, coordinator: 1 },
  },
  {
    name: "read memberA's card by its id",
    run: () => async (tx) =>
      (await tx.selectFrom('board_private_cards').select('body').where('id', '=', ids.cardOfA).execute()).length,
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: 'how many cards wait on the private board (a count, facilitators only)',
    run: () => async (tx) =>
      (
        await sql<{ n: number }>`select private.board_private_cards_waiting(${ids.privateBoard}::uuid) as n`.execute(
          tx,
        )
      ).rows[0]!.n,
    expect: { ...everyone('denied'), coordinator: 2, admin: 2 },
  },
  {
    name: 'insert a private card directly (only through post_board_private_card)',
    run: () => async (tx) => {
      const round = await tx.selectFrom('board_brainstorm_rounds').select('id').executeTakeFirst();
      return tx
        .insertInto('board_private_cards')
        .values({
          round_id: round?.id ?? '00000000-0000-0000-0000-000000000000',
          board_id: ids.privateBoard,
          author_id: sql<string>`auth.uid()`,
          section: 'section-1',
          body: 'Ingeslopen',
          colour: 'yellow',
        })
        .execute()
        .then(() => 1);
    },
    expect: everyone('denied'),
  },
  {
    name: "change memberA's card (no one edits a waiting card)",
    run: () => async (tx) =>
      tx
        .updateTable('board_private_cards')
        .set({ body: 'Veranderd' })
        .where('id', '=', ids.cardOfA)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: "withdraw memberA's card (its author only)",
    run: () => async (tx) =>
      tx.deleteFrom('board_private_cards').where('id', '=', ids.cardOfA).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: 'post a private card to the running round',
    run: post(() => ids.privateBoard),
    expect: { ...everyone('denied'), memberA: 'ok', coordinator: 'ok', admin: 'ok' },
  },
  {
    name: 'post a private card after the time is up',
    run: post(() => ids.sharedBoard),
    expect: { ...everyone('denied'), memberA: 'time_up', coordinator: 'time_up', admin: 'time_up' },
  },
  {
    name: 'start another round while one waits for its reveal',
    run: () => async (tx) =>
      (
        await sql<{ round: number | null }>`
          select private.open_board_brainstorm_round(${ids.privateBoard}::uuid, 5) as round`.execute(tx)
      ).rows[0]!.round,
    expect: { ...everyone('denied'), coordinator: null, admin: null },
  },
  {
    name: 'start a round of 31 minutes (1–30)',
    run: () => async (tx) =>
      sql`select private.open_board_brainstorm_round(${ids.privateBoard}::uuid, 31)`
        .execute(tx)
        .then(
          () => 'started',
          (error: Error) => (/invalid_minutes/.test(error.message) ? 'refused' : Promise.reject(error)),
        ),
    expect: { ...everyone('denied'), coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'reveal the running round',
    run: () => async (tx) =>
      (
        await sql<{ round: number | null }>`
          select private.reveal_board_brainstorm_round(${ids.privateBoard}::uuid) as round`.execute(tx)
      ).rows[0]!.round,
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'reveal by changing the table (only through reveal_board_brainstorm_round)',
    run: () => async (tx) =>
      tx
        .updateTable('board_brainstorm_rounds')
        .set({ revealed_at: new Date() })
        .where('board_id', '=', ids.privateBoard)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'read brainstorm rounds (they follow the board)',
    run: () => countRows('board_brainstorm_rounds'),
    expect: { ...everyone(0), anon: 'denied', memberA: 2, coordinator: 2, reader: 1, admin: 2 },
  },
];

describeRls('row level security on private brainstorm cards', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    await runAsSystem(world.database, async (tx) => {
      const boards = await tx
        .selectFrom('boards')
        .select(['id', 'shared_with_readers'])
        .where('pool_id', '=', world.pools.alkmaar)
        .execute();
      ids.privateBoard = boards.find((b) => !b.shared_with_readers)!.id;
      ids.sharedBoard = boards.find((b) => b.shared_with_readers)!.id;
      const running = await tx
        .insertInto('board_brainstorm_rounds')
        .values({ board_id: ids.privateBoard, round: 1, ends_at: new Date(Date.now() + 3_600_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('board_brainstorm_rounds')
        .values({
          board_id: ids.sharedBoard,
          round: 1,
          opened_at: new Date(Date.now() - 600_000),
          ends_at: new Date(Date.now() - 60_000),
        })
        .execute();
      const card = (author: string, body: string) => ({
        round_id: running.id,
        board_id: ids.privateBoard,
        author_id: author,
        author_name: null,
        section: 'section-1',
        body,
        colour: 'yellow' as const,
      });
      const rows = await tx
        .insertInto('board_private_cards')
        .values([card(world.ids.memberA, 'Idee van A'), card(world.ids.coordinator, 'Idee van de coördinator')])
        .returning(['id', 'author_id'])
        .execute();
      ids.cardOfA = rows.find((r) => r.author_id === world.ids.memberA)!.id;
    });
  });
});
