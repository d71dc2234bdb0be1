import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, editComment, listBoardComments, listMentionable, targetExists } from '~/boards/comments.server';
import { docFromUpdates, readCards, readSections, removeCard } from '~/boards/doc';
import { loadBoardState } from '~/boards/queries.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { listNotifications, subjectOf } from '~/notifications/queries.server';
import { freshDatabase } from './database';
import { addExtraActors, worldOf, type Actor, type World } from './fixtures';

/**
 * Comments on a board (issue 22) beyond who may do what (rls-board-comments.test.ts): mentions become
 * `board_mentioned` notifications for the people mentioned and nobody else, mailed as each one chose;
 * the picker offers only the pool's people; a card of another board or a deleted card takes no comment.
 */
let world: World;
let close: () => Promise<void>;
const board = { alkmaar: '', shared: '', twente: '' };
let otherAlkmaarMember = '';

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await addExtraActors(await worldOf(database));
  await runAsSystem(database, async (tx) => {
    const boards = await tx.selectFrom('boards').select(['id', 'pool_id', 'shared_with_readers']).execute();
    board.alkmaar = boards.find((b) => b.pool_id === world.pools.alkmaar && !b.shared_with_readers)!.id;
    board.shared = boards.find((b) => b.pool_id === world.pools.alkmaar && b.shared_with_readers)!.id;
    board.twente = boards.find((b) => b.pool_id === world.pools.twente)?.id ?? '';
    const member = await tx
      .selectFrom('pool_memberships')
      .select('user_id')
      .where('pool_id', '=', world.pools.alkmaar)
      .where('user_id', 'not in', [world.ids.memberA, world.ids.coordinator])
      .executeTakeFirstOrThrow();
    otherAlkmaarMember = member.user_id;
  });
});
afterAll(() => close());

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);

const mentionsOf = (recipient: string) =>
  system((tx) =>
    tx
      .selectFrom('notifications')
      .select(['id', 'board_id', 'pool_id'])
      .where('kind', '=', 'board_mentioned')
      .where('recipient_id', '=', recipient)
      .execute(),
  );
const mailJobsFor = (notificationIds: string[]) =>
  notificationIds.length === 0
    ? Promise.resolve([])
    : system((tx) =>
        tx
          .selectFrom('scheduled_jobs')
          .select('dedupe_key')
          .where('kind', '=', 'notification_mail')
          .where(
            'dedupe_key',
            'in',
            notificationIds.map((id) => `notification_mail:${id}`),
          )
          .execute(),
      );
const firstCard = async (boardId: string) =>
  system(async (tx) => {
    const doc = docFromUpdates([(await loadBoardState(tx, boardId))!]);
    try {
      return { cards: readCards(doc).map((c) => c.id), sections: readSections(doc).map((s) => s.id) };
    } finally {
      doc.destroy();
    }
  });

describe('mentions', () => {
  it('tell the person mentioned (mailed at once by default), never the author who mentions themselves', async () => {
    await as('memberA', (tx) =>
      addComment(tx, {
        boardId: board.alkmaar,
        target: { kind: 'card', id: 'starter-1' },
        parentId: null,
        body: 'Wat vind jij, @coördinator?',
        mentions: [world.ids.coordinator, world.ids.memberA],
        userId: world.ids.memberA,
      }),
    );
    const told = await mentionsOf(world.ids.coordinator);
    expect(told).toEqual([expect.objectContaining({ board_id: board.alkmaar, pool_id: world.pools.alkmaar })]);
    expect(await mentionsOf(world.ids.memberA)).toEqual([]);
    expect(await mailJobsFor(told.map((n) => n.id))).toHaveLength(1);
  });

  it("follow the mentioned person's choice: no mail at once for 'daily', the notification still", async () => {
    await as('coordinator', (tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: world.ids.coordinator, kind: 'board_mentioned', delivery: 'daily' })
        .execute(),
    );
    const before = (await mentionsOf(world.ids.coordinator)).map((n) => n.id);
    await as('memberA', (tx) =>
      addComment(tx, {
        boardId: board.alkmaar,
        target: { kind: 'card', id: 'starter-1' },
        parentId: null,
        body: 'Nog een vraag',
        mentions: [world.ids.coordinator],
        userId: world.ids.memberA,
      }),
    );
    const added = (await mentionsOf(world.ids.coordinator)).filter((n) => !before.includes(n.id));
    expect(added).toHaveLength(1);
    expect(await mailJobsFor(added.map((n) => n.id))).toEqual([]);
  });

  it('an edit tells only the people it adds', async () => {
    const section = (await firstCard(board.alkmaar)).sections[0]!;
    const id = await as('memberA', (tx) =>
      addComment(tx, {
        boardId: board.alkmaar,
        target: { kind: 'section', id: section },
        parentId: null,
        body: 'Eerste versie',
        mentions: [world.ids.coordinator],
        userId: world.ids.memberA,
      }),
    );
    const coordinatorBefore = (await mentionsOf(world.ids.coordinator)).length;
    expect(await mentionsOf(otherAlkmaarMember)).toEqual([]);
    expect(
      await as('memberA', (tx) => editComment(tx, id, 'Tweede versie', [world.ids.coordinator, otherAlkmaarMember])),
    ).toBe(true);
    expect(await mentionsOf(otherAlkmaarMember)).toHaveLength(1);
    expect(await mentionsOf(world.ids.coordinator)).toHaveLength(coordinatorBefore);
  });

  it('are about the board: the notification links to it, for the person mentioned', async () => {
    const [item] = await as('coordinator', (tx) => listNotifications(tx, world.ids.coordinator));
    expect(item?.kind).toBe('board_mentioned');
    expect(subjectOf(item!)).toEqual({ title: expect.any(String), href: `/boards/${board.alkmaar}` });
  });

  it("of another pool's people are refused by the database, whoever asks", async () => {
    await expect(
      as('coordinator', (tx) =>
        addComment(tx, {
          boardId: board.alkmaar,
          target: { kind: 'card', id: 'starter-1' },
          parentId: null,
          body: 'Reza?',
          // The coordinator also coordinates Twente, where memberB is: still not this board's pool.
          mentions: [world.ids.memberB],
          userId: world.ids.coordinator,
        }),
      ),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await mentionsOf(world.ids.memberB)).toEqual([]);
  });
});

describe('the mention picker', () => {
  it("offers the board's pool's people only, never oneself", async () => {
    const people = await as('memberA', (tx) => listMentionable(tx, world.pools.alkmaar, world.ids.memberA));
    const ids = people.map((p) => p.id);
    expect(ids).toContain(world.ids.coordinator);
    expect(ids).toContain(otherAlkmaarMember);
    expect(ids).not.toContain(world.ids.memberA);
    expect(ids).not.toContain(world.ids.memberB);
  });

  it("offers nothing of a pool one is not in (another pool's id)", async () => {
    expect(await as('memberA', (tx) => listMentionable(tx, world.pools.twente, world.ids.memberA))).toEqual([]);
  });
});

describe('names', () => {
  it("a municipality reader reads the shared board's comments without the pool's names", async () => {
    await as('memberA', (tx) =>
      addComment(tx, {
        boardId: board.shared,
        target: { kind: 'card', id: 'x1' },
        parentId: null,
        body: 'Voor de gemeente',
        mentions: [world.ids.coordinator],
        userId: world.ids.memberA,
      }),
    );
    const seenByReader = await as('reader', (tx) => listBoardComments(tx, board.shared, world.pools.alkmaar));
    expect(seenByReader).toHaveLength(1);
    expect(seenByReader[0]).toMatchObject({ authorName: null, mentions: [{ id: world.ids.coordinator, name: null }] });
    const seenByMember = await as('memberA', (tx) => listBoardComments(tx, board.shared, world.pools.alkmaar));
    expect(seenByMember[0]!.authorName).not.toBeNull();
    expect(seenByMember[0]!.mentions[0]!.name).not.toBeNull();
  });
});

describe('what a comment is about', () => {
  it("is a card or section of this board's stored document: not another board's card, not a deleted one", async () => {
    const alkmaar = await firstCard(board.alkmaar);
    const shared = await firstCard(board.shared);
    const onlyThere = shared.cards.find((id) => !alkmaar.cards.includes(id))!;
    const card = alkmaar.cards[0]!;
    const exists = (boardId: string, target: { kind: 'card' | 'section'; id: string }) =>
      as('memberA', (tx) => targetExists(tx, boardId, target));
    expect(await exists(board.alkmaar, { kind: 'card', id: card })).toBe(true);
    expect(await exists(board.alkmaar, { kind: 'section', id: alkmaar.sections[0]! })).toBe(true);
    expect(await exists(board.alkmaar, { kind: 'card', id: onlyThere })).toBe(false);
    expect(await exists(board.alkmaar, { kind: 'section', id: card })).toBe(false);

    // The card deleted on the live board: the collab-server appends the change to the log.
    await system(async (tx) => {
      const doc = docFromUpdates([(await loadBoardState(tx, board.alkmaar))!]);
      const before = Y.encodeStateVector(doc);
      removeCard(doc, card);
      await tx
        .insertInto('board_updates')
        .values({ board_id: board.alkmaar, update: Y.encodeStateAsUpdate(doc, before) })
        .execute();
      doc.destroy();
    });
    expect(await exists(board.alkmaar, { kind: 'card', id: card })).toBe(false);
  });
});
