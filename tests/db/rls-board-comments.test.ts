import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, countRows, describeRls, everyone, type RlsCase, type World } from './fixtures';

// Set up once as the system (a system query inside an actor's transaction would wait for PGlite's one
// connection): on the private Alkmaar board, memberA's open thread with the coordinator's reply and
// memberA's resolved thread; on the shared board, memberA's thread.
const ids = { privateBoard: '', sharedBoard: '', thread: '', reply: '', resolved: '', shared: '' };

/** A refusal of the table's trigger (a check violation), told apart from an RLS refusal ('denied'). */
const orRefused = async <T>(work: Promise<T>): Promise<T | 'refused'> => {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: string }).code === '23514') return 'refused';
    throw error;
  }
};

const comment = (values: { body?: string; parent_id?: string; mentions?: string[]; author?: string } = {}) => ({
  board_id: ids.privateBoard,
  target_kind: 'card' as const,
  target_id: 'starter-1',
  parent_id: values.parent_id ?? null,
  author_id: values.author ?? sql<string>`auth.uid()`,
  body: values.body ?? 'Goed punt',
  mentions: values.mentions ?? [],
});
const insert =
  (values: Parameters<typeof comment>[0] = {}) =>
  (tx: Tx) =>
    orRefused(
      tx
        .insertInto('board_comments')
        .values(comment(values))
        .execute()
        .then(() => 1),
    );
const update = (id: () => string, set: { body?: string; resolved_at?: Date | null }) => () => (tx: Tx) =>
  orRefused(tx.updateTable('board_comments').set(set).where('id', '=', id()).execute().then(affected));

const cases: RlsCase[] = [
  {
    name: "read comments: the board's readers (the shared board's also its municipality's readers)",
    run: () => countRows('board_comments'),
    expect: { ...everyone(0), anon: 'denied', memberA: 4, coordinator: 4, reader: 1, admin: 4, otherReader: 0 },
  },
  {
    name: 'comment as oneself on the private board (who may write on it)',
    run: () => insert(),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1, admin: 1, partner: 'denied' },
  },
  {
    name: "comment on the shared board (its municipality's readers only read)",
    run: () => (tx) =>
      tx
        .insertInto('board_comments')
        .values({ ...comment(), board_id: ids.sharedBoard })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1, admin: 1, otherReader: 'denied' },
  },
  {
    name: "comment in memberA's name",
    run: (w: World) => insert({ author: w.ids.memberA }),
    expect: { ...everyone('denied'), memberA: 1 },
  },
  {
    name: 'reply to the open thread',
    run: () => insert({ parent_id: ids.thread }),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: 'reply to the resolved thread',
    run: () => insert({ parent_id: ids.resolved }),
    expect: { ...everyone('denied'), memberA: 'refused', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'reply to a reply (threads are one level deep)',
    run: () => insert({ parent_id: ids.reply }),
    expect: { ...everyone('denied'), memberA: 'refused', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'a reply on another card than its thread',
    run: () => (tx) =>
      orRefused(
        tx
          .insertInto('board_comments')
          .values({ ...comment({ parent_id: ids.thread }), target_id: 'starter-2' })
          .execute()
          .then(() => 1),
      ),
    expect: { ...everyone('denied'), memberA: 'refused', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'mention a member of another pool (Twente) on the Alkmaar board',
    run: (w: World) => insert({ mentions: [w.ids.memberB] }),
    expect: { ...everyone('denied'), memberA: 'refused', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'mention the coordinator of the pool',
    run: (w: World) => insert({ mentions: [w.ids.coordinator] }),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: "edit memberA's comment (authors only; a facilitator does not rewrite others' words)",
    run: update(() => ids.thread, { body: 'Anders gezegd' }),
    expect: { ...everyone(0), anon: 'denied', memberA: 1, coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'edit a comment in the resolved thread',
    run: update(() => ids.resolved, { body: 'Toch nog' }),
    expect: { ...everyone(0), anon: 'denied', memberA: 'refused', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'resolve the open thread (facilitators)',
    run: update(() => ids.thread, { resolved_at: new Date() }),
    expect: { ...everyone(0), anon: 'denied', memberA: 'refused', coordinator: 1, admin: 1 },
  },
  {
    name: 'reopen the resolved thread (facilitators)',
    run: update(() => ids.resolved, { resolved_at: null }),
    expect: { ...everyone(0), anon: 'denied', memberA: 'refused', coordinator: 1, admin: 1 },
  },
  {
    name: 'resolve a reply (only a thread is resolved)',
    run: update(() => ids.reply, { resolved_at: new Date() }),
    expect: { ...everyone(0), anon: 'denied', coordinator: 'refused', admin: 'refused' },
  },
  {
    name: 'hand a comment to someone else (author_id is not writable)',
    run: (w: World) => (tx) =>
      tx
        .updateTable('board_comments')
        .set({ author_id: w.ids.memberA })
        .where('id', '=', ids.reply)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: "delete the coordinator's reply (its author, or a facilitator)",
    run: () => (tx) => tx.deleteFrom('board_comments').where('id', '=', ids.reply).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: "delete memberA's thread on the shared board",
    run: () => (tx) => tx.deleteFrom('board_comments').where('id', '=', ids.shared).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 1, coordinator: 1, admin: 1, otherReader: 0 },
  },
];

describeRls('row level security on board comments', cases, (getWorld) => {
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
      const add = async (values: Record<string, unknown>) =>
        (
          await tx
            .insertInto('board_comments')
            .values({
              board_id: ids.privateBoard,
              target_kind: 'card',
              target_id: 'starter-1',
              author_id: world.ids.memberA,
              body: 'Tekst',
              ...values,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      ids.thread = await add({});
      ids.reply = await add({ parent_id: ids.thread, author_id: world.ids.coordinator });
      ids.resolved = await add({ target_id: 'starter-2' });
      await tx.updateTable('board_comments').set({ resolved_at: new Date() }).where('id', '=', ids.resolved).execute();
      ids.shared = await add({ board_id: ids.sharedBoard, target_kind: 'section', target_id: 'tips' });
    });
  });
});
