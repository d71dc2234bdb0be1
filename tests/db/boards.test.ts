import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveTokenKey, verifyBoardToken } from '~/boards/protocol.server';
import { readCards, readSections } from '~/boards/doc';
import { boardToMarkdown } from '~/boards/export';
import {
  createAdviceDraft,
  createBoard,
  createSnapshot,
  deleteBoard,
  deleteSnapshot,
  getBoard,
  loadBoardState,
  listSnapshots,
  readStoredCard,
} from '~/boards/queries.server';
import { colourFor } from '~/boards/presence';
import { anonymousAuthorOn, issueBoardTokenAs } from '~/boards/token.server';
import { viewOfState } from '~/boards/view.server';
import { castVote, getVoteState, latestRevealedTotals, openVoteRound, revealVoteRound } from '~/boards/votes.server';
import { logSignalFromBoardCard } from '~/signals/queries.server';
import { TEMPLATES } from '~/boards/templates';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { LOCALES } from '~/i18n/locales';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';

const KEY = deriveTokenKey('boards-test-secret-0123456789abcdef');
let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
});
afterAll(() => close());

const as = <T>(
  actor: 'memberA' | 'memberB' | 'coordinator' | 'reader' | 'admin',
  work: Parameters<typeof runAs<T>>[2],
) => runAs(world.database, world.claims(actor), work);

const docOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
};

async function newBoard(template = 'brede_intake', copyFrom: string | null = null) {
  return as('coordinator', (tx) =>
    createBoard(tx, {
      poolId: world.pools.alkmaar,
      title: 'Sessie 1',
      template,
      copyFrom,
      sessionId: null,
      createdBy: world.ids.coordinator,
      authorName: 'Samira',
    }),
  );
}

describe('creating boards', () => {
  it('every template has a name, and sections with a title and a guiding question, in every interface language', () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual(
      expect.arrayContaining([
        'brede_intake',
        'pip',
        'map',
        'knm',
        'pvt',
        'case_manager',
        'journey_map',
        'golden_tips',
        'blank',
      ]),
    );
    for (const template of TEMPLATES) {
      expect(template.sections.length).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        expect(template.name[locale], `${template.key} ${locale}`).toBeTruthy();
        for (const section of template.sections) {
          expect(section.title[locale], `${template.key}/${section.id} ${locale}`).toBeTruthy();
          expect(section.question[locale], `${template.key}/${section.id} ${locale}`).toBeTruthy();
        }
      }
    }
  });

  it('a coordinator creates a board from a template: its sections and starter cards are in the document', async () => {
    const boardId = await newBoard('brede_intake');
    const doc = docOf(await as('memberA', (tx) => loadBoardState(tx, boardId)));
    expect(readSections(doc).map((s) => s.id)).toEqual(['first_contact', 'conversation', 'questions', 'after']);
    expect(readCards(doc).map((c) => c.text)).toContain('Een tolk die ik zelf mag kiezen');
  });

  it('a copy of an earlier board starts with what that board holds', async () => {
    const source = await newBoard('journey_map');
    const copy = await newBoard('blank', source);
    const doc = docOf(await as('coordinator', (tx) => loadBoardState(tx, copy)));
    expect(readSections(doc).map((s) => s.id)).toEqual(['before', 'during', 'after']);
    const board = await as('coordinator', (tx) => getBoard(tx, copy));
    expect(board?.template).toBe('journey_map');
  });

  it('a member cannot create a board', async () => {
    await expect(
      as('memberA', (tx) =>
        createBoard(tx, {
          poolId: world.pools.alkmaar,
          title: 'Van mij',
          template: 'blank',
          copyFrom: null,
          sessionId: null,
          createdBy: world.ids.memberA,
          authorName: 'Yonas',
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('anonymous cards in the demo data', () => {
  it('the board shared with the municipality shows the reader its anonymous card, not who wrote it', async () => {
    const shared = await as('reader', (tx) =>
      tx.selectFrom('boards').select('id').where('title', '=', 'Gouden tips voor de gemeente').executeTakeFirst(),
    );
    const state = await as('reader', (tx) => loadBoardState(tx, shared!.id));
    const card = readCards(docOf(state)).find((c) => c.id === 'seed-tip')!;
    expect(card.authorName).toBeNull();
    expect(card.authorId).toBe(anonymousAuthorOn(shared!.id, world.ids.memberA));
    expect(Buffer.from(state!).toString('latin1')).not.toContain(world.ids.memberA);
  });
});

describe('collab tokens', () => {
  const person = (role: 'memberA' | 'memberB' | 'reader') => ({ id: world.ids[role], name: `Naam van ${role}` });

  it('a member of pool B cannot get a token for a board of pool A', async () => {
    const boardId = await newBoard();
    expect(await as('memberB', (tx) => issueBoardTokenAs(tx, person('memberB'), boardId, KEY))).toBeNull();
  });

  it('members get an edit token for their pool’s board; it opens only that board', async () => {
    const boardId = await newBoard();
    const issued = await as('memberA', (tx) => issueBoardTokenAs(tx, person('memberA'), boardId, KEY));
    expect(issued?.permission).toBe('edit');
    const check = verifyBoardToken(KEY, issued!.token, boardId);
    expect(check.ok && check.claims.sub).toBe(world.ids.memberA);
    // The presence identity the collab-server enforces: the name the person is shown by, and the colour.
    expect(check.ok && check.claims.name).toBe('Naam van memberA');
    expect(check.ok && check.claims.colour).toBe(colourFor(world.ids.memberA));
    expect(verifyBoardToken(KEY, issued!.token, crypto.randomUUID())).toMatchObject({ ok: false });
  });

  it('the pool’s coordinator and admins get a facilitate token, members an edit token', async () => {
    const boardId = await newBoard();
    // As the collab-server reads it from the signed token.
    const permissionOf = async (actor: 'memberA' | 'coordinator' | 'admin') => {
      const me = { id: world.ids[actor], name: actor };
      const issued = await as(actor, (tx) => issueBoardTokenAs(tx, me, boardId, KEY));
      const check = verifyBoardToken(KEY, issued!.token, boardId);
      return check.ok ? check.claims.perm : null;
    };
    expect(await permissionOf('coordinator')).toBe('facilitate');
    expect(await permissionOf('admin')).toBe('facilitate');
    expect(await permissionOf('memberA')).toBe('edit');
  });

  it('the municipality reader gets a read-only token once the board is shared, none before', async () => {
    const boardId = await newBoard();
    expect(await as('reader', (tx) => issueBoardTokenAs(tx, person('reader'), boardId, KEY))).toBeNull();
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('boards').set({ shared_with_readers: true }).where('id', '=', boardId).execute(),
    );
    const issued = await as('reader', (tx) => issueBoardTokenAs(tx, person('reader'), boardId, KEY));
    expect(issued?.permission).toBe('read');
  });
});

describe('snapshots and advice drafts', () => {
  it('a snapshot keeps the board as it was', async () => {
    const boardId = await newBoard('golden_tips');
    await as('coordinator', (tx) => createSnapshot(tx, boardId, 'Eind sessie 1', world.ids.coordinator));
    const snapshots = await as('memberA', (tx) => listSnapshots(tx, boardId));
    expect(snapshots.map((s) => s.name)).toEqual(['Eind sessie 1']);
  });

  it('turning a card into advice creates a draft linked to the board and the card', async () => {
    const boardId = await newBoard();
    const adviceId = await as('coordinator', (tx) =>
      createAdviceDraft(tx, {
        poolId: world.pools.alkmaar,
        boardId,
        sessionId: null,
        cardId: 'starter-1',
        title: 'Een tolk die ik zelf mag kiezen',
        insight: 'Een tolk die ik zelf mag kiezen',
        userId: world.ids.coordinator,
      }),
    );
    const advice = await as('memberA', (tx) =>
      tx.selectFrom('advices').selectAll().where('id', '=', adviceId).executeTakeFirstOrThrow(),
    );
    expect(advice).toMatchObject({
      status: 'draft',
      source_board_id: boardId,
      source_card_id: 'starter-1',
      pool_id: world.pools.alkmaar,
    });
  });
});

type Who = 'memberA' | 'memberB' | 'coordinator' | 'reader' | 'admin';
const vote = (who: Who, boardId: string, card: string, delta: 1 | -1 = 1) =>
  as(who, (tx) => castVote(tx, boardId, card, delta));
const stateOf = (who: Who, boardId: string) => as(who, (tx) => getVoteState(tx, boardId));

describe('dot-voting (stored in the database)', () => {
  it('the budget holds: a dot beyond it is refused, a dot taken back can be placed again', async () => {
    const boardId = await newBoard();
    expect(await as('coordinator', (tx) => openVoteRound(tx, boardId, 2))).toBe(1);
    expect(await vote('memberA', boardId, 'starter-1')).toBe('ok');
    expect(await vote('memberA', boardId, 'starter-1')).toBe('ok');
    expect(await vote('memberA', boardId, 'starter-2')).toBe('budget_spent');
    expect(await vote('memberA', boardId, 'starter-2', -1)).toBe('nothing_to_take_back');
    expect(await vote('memberA', boardId, 'starter-1', -1)).toBe('ok');
    expect(await vote('memberA', boardId, 'starter-2')).toBe('ok');
    const mine = await stateOf('memberA', boardId);
    expect(mine).toMatchObject({ used: 2, mine: { 'starter-1': 1, 'starter-2': 1 }, totals: null });
    expect(mine.round).toEqual({ number: 1, budget: 2, open: true, revealed: false });
  });

  it('concurrent casts by one person never exceed the budget', async () => {
    const boardId = await newBoard();
    await as('coordinator', (tx) => openVoteRound(tx, boardId, 3));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => vote('memberA', boardId, `starter-${(i % 4) + 1}`)),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'budget_spent')).toHaveLength(7);
    expect((await stateOf('memberA', boardId)).used).toBe(3);
    const stored = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('board_votes')
        .innerJoin('board_vote_rounds', 'board_vote_rounds.id', 'board_votes.round_id')
        .select((eb) => eb.fn.sum<number>('dots').as('dots'))
        .where('board_vote_rounds.board_id', '=', boardId)
        .executeTakeFirstOrThrow(),
    );
    expect(Number(stored.dots)).toBe(3);
  });

  it('totals stay hidden from everyone, the coordinator included, until the reveal; then all readers see them', async () => {
    const boardId = await newBoard();
    await as('coordinator', (tx) => openVoteRound(tx, boardId, 3));
    await vote('memberA', boardId, 'starter-1');
    await vote('memberA', boardId, 'starter-1');
    await vote('coordinator', boardId, 'starter-1');
    await vote('coordinator', boardId, 'starter-3');
    for (const who of ['memberA', 'coordinator', 'admin'] as const) {
      const state = await stateOf(who, boardId);
      expect(state.totals).toBeNull();
    }
    // Not through the function either, and not by reading the table: only one's own dots.
    const direct = await as('coordinator', async (tx) => {
      const round = await tx
        .selectFrom('board_vote_rounds')
        .select('id')
        .where('board_id', '=', boardId)
        .executeTakeFirstOrThrow();
      const totals = await sql`select * from private.board_vote_totals(${round.id}::uuid)`.execute(tx);
      const rows = await tx.selectFrom('board_votes').select('user_id').where('round_id', '=', round.id).execute();
      return { totals: totals.rows.length, users: [...new Set(rows.map((r) => r.user_id))] };
    });
    expect(direct).toEqual({ totals: 0, users: [world.ids.coordinator] });
    // The facilitator sees only the turnout; a member not even that.
    expect((await stateOf('coordinator', boardId)).turnout).toEqual({ voters: 2, dots: 4 });
    expect((await stateOf('memberA', boardId)).turnout).toBeNull();

    expect(await as('memberA', (tx) => revealVoteRound(tx, boardId)).catch(() => 'refused')).toBe('refused');
    expect(await as('coordinator', (tx) => revealVoteRound(tx, boardId))).toBe(1);
    const after = await stateOf('memberA', boardId);
    expect(after.round).toMatchObject({ open: false, revealed: true });
    expect(after.totals).toEqual({ 'starter-1': 3, 'starter-3': 1 });
    // Voting is closed once revealed.
    expect(await vote('memberA', boardId, 'starter-2')).toBe('closed');
    // The export shows the revealed totals.
    const totals = await as('memberA', (tx) => latestRevealedTotals(tx, boardId));
    const state = await as('memberA', (tx) => loadBoardState(tx, boardId));
    const markdown = boardToMarkdown('Sessie 1', viewOfState(state, 'nl', totals), {
      cards: 'Kaartjes',
      anonymous: 'anoniem',
      votes: (n) => `${n} stippen`,
      recognised: (n) => `${n} herkent`,
      insight: 'inzicht',
      goldenTip: 'gouden tip',
    });
    expect(markdown).toContain('Een tolk die ik zelf mag kiezen (Samira, 3 stippen)');
  });

  it('a new round starts from zero; the reader may not vote; another pool may not vote', async () => {
    const boardId = await newBoard();
    await as('coordinator', (tx) => openVoteRound(tx, boardId, 1));
    await vote('memberA', boardId, 'starter-1');
    expect(await as('coordinator', (tx) => openVoteRound(tx, boardId, 2))).toBe(2);
    expect(await stateOf('memberA', boardId)).toMatchObject({ used: 0, mine: {}, round: { number: 2, budget: 2 } });
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('boards').set({ shared_with_readers: true }).where('id', '=', boardId).execute(),
    );
    await expect(vote('reader', boardId, 'starter-1')).rejects.toThrow(/permission denied/);
    await expect(vote('memberB', boardId, 'starter-1')).rejects.toThrow(/permission denied/);
  });
});

describe('deleting boards and snapshots', () => {
  it('deleting a board removes its document, snapshots and votes; advice drafts and signals stay, unlinked', async () => {
    const boardId = await newBoard();
    await as('coordinator', (tx) => createSnapshot(tx, boardId, 'Voor het verwijderen', world.ids.coordinator));
    await as('coordinator', (tx) => openVoteRound(tx, boardId, 2));
    await vote('memberA', boardId, 'starter-1');
    const adviceId = await as('coordinator', (tx) =>
      createAdviceDraft(tx, {
        poolId: world.pools.alkmaar,
        boardId,
        sessionId: null,
        cardId: 'starter-1',
        title: 'Een tolk',
        insight: 'Een tolk',
        userId: world.ids.coordinator,
      }),
    );
    const signal = await as('memberA', (tx) =>
      logSignalFromBoardCard(tx, world.ids.memberA, { boardId, cardId: 'starter-2', body: 'Tekst', language: 'nl' }),
    );
    expect(await as('memberA', (tx) => deleteBoard(tx, boardId))).toBe(false);
    expect(await as('coordinator', (tx) => deleteBoard(tx, boardId))).toBe(true);

    const left = await runAsSystem(world.database, async (tx) => ({
      documents: (await tx.selectFrom('board_documents').select('board_id').where('board_id', '=', boardId).execute())
        .length,
      snapshots: (await tx.selectFrom('board_snapshots').select('id').where('board_id', '=', boardId).execute()).length,
      rounds: (await tx.selectFrom('board_vote_rounds').select('id').where('board_id', '=', boardId).execute()).length,
      advice: await tx.selectFrom('advices').select('source_board_id').where('id', '=', adviceId).executeTakeFirst(),
      signal: await tx.selectFrom('signals').select('source_board_id').where('id', '=', signal!.id).executeTakeFirst(),
    }));
    expect(left).toEqual({
      documents: 0,
      snapshots: 0,
      rounds: 0,
      advice: { source_board_id: null },
      signal: { source_board_id: null },
    });
    // No collab token for a board that is gone.
    expect(
      await as('coordinator', (tx) =>
        issueBoardTokenAs(tx, { id: world.ids.coordinator, name: 'coordinator' }, boardId, KEY),
      ),
    ).toBeNull();
  });

  it('a facilitator deletes a snapshot; a member cannot', async () => {
    const boardId = await newBoard();
    const snapshotId = await as('coordinator', (tx) => createSnapshot(tx, boardId, 'Weg ermee', world.ids.coordinator));
    expect(await as('memberA', (tx) => deleteSnapshot(tx, boardId, snapshotId))).toBe(false);
    expect(await as('coordinator', (tx) => deleteSnapshot(tx, boardId, snapshotId))).toBe(true);
    expect(await as('memberA', (tx) => listSnapshots(tx, boardId))).toEqual([]);
  });
});

describe('a board card becomes a signal', () => {
  it('in the pool’s region, dated on the session day, linked to the card; a second request returns the first', async () => {
    const session = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('sessions')
        .select(['id', sql<string>`to_char(starts_at at time zone time_zone, 'YYYY-MM-DD')`.as('day')])
        .where('pool_id', '=', world.pools.alkmaar)
        .orderBy('starts_at')
        .executeTakeFirstOrThrow(),
    );
    const boardId = await as('coordinator', (tx) =>
      createBoard(tx, {
        poolId: world.pools.alkmaar,
        title: 'Met sessie',
        template: 'brede_intake',
        copyFrom: null,
        sessionId: session.id,
        createdBy: world.ids.coordinator,
        authorName: 'Samira',
      }),
    );
    const card = await as('memberA', (tx) => readStoredCard(tx, boardId, 'starter-1'));
    expect(card?.text).toBe('Een tolk die ik zelf mag kiezen');
    const first = await as('memberA', (tx) =>
      logSignalFromBoardCard(tx, world.ids.memberA, { boardId, cardId: card!.id, body: card!.text, language: 'nl' }),
    );
    expect(first?.id).toEqual(expect.any(String));
    const again = await as('coordinator', (tx) =>
      logSignalFromBoardCard(tx, world.ids.coordinator, {
        boardId,
        cardId: card!.id,
        body: card!.text,
        language: 'nl',
      }),
    );
    expect(again).toEqual({ id: first!.id });
    // Two clicks at once on another card: one signal, both get it (no error from the unique index).
    const twice = await Promise.all(
      (['memberA', 'coordinator'] as const).map((role) =>
        as(role, (tx) =>
          logSignalFromBoardCard(tx, world.ids[role], { boardId, cardId: 'starter-2', body: 'Tekst', language: 'nl' }),
        ),
      ),
    );
    expect(twice[0]).toEqual(twice[1]);
    const stored = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('signals')
        .innerJoin('pools', 'pools.region_id', 'signals.region_id')
        .select([
          'signals.channel',
          'signals.body',
          'signals.source_card_id',
          'signals.created_by',
          'pools.id as pool_id',
          sql<string>`to_char(signals.received_on, 'YYYY-MM-DD')`.as('received_on'),
        ])
        .where('signals.id', '=', first!.id)
        .where('pools.id', '=', world.pools.alkmaar)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({
      channel: 'board_card',
      body: 'Een tolk die ik zelf mag kiezen',
      source_card_id: 'starter-1',
      created_by: world.ids.memberA,
      pool_id: world.pools.alkmaar,
      received_on: session.day,
    });
  });

  it('a member of another pool cannot (the board is not theirs)', async () => {
    const boardId = await newBoard();
    expect(
      await as('memberB', (tx) =>
        logSignalFromBoardCard(tx, world.ids.memberB, { boardId, cardId: 'starter-1', body: 'x', language: 'nl' }),
      ),
    ).toBeNull();
  });

  it('nobody re-points a signal at another board or card afterwards; triage itself still works', async () => {
    const boardId = await newBoard();
    const otherBoard = await newBoard();
    const signal = await as('memberA', (tx) =>
      logSignalFromBoardCard(tx, world.ids.memberA, { boardId, cardId: 'starter-1', body: 'Tekst', language: 'nl' }),
    );
    const change = (
      who: 'coordinator' | 'admin',
      values: { source_board_id?: string | null; source_card_id?: string },
    ) => as(who, (tx) => tx.updateTable('signals').set(values).where('id', '=', signal!.id).execute());
    for (const who of ['coordinator', 'admin'] as const) {
      await expect(change(who, { source_card_id: 'starter-2' })).rejects.toThrow(/cannot be changed/);
      await expect(change(who, { source_board_id: otherBoard })).rejects.toThrow(/cannot be changed/);
      await expect(change(who, { source_board_id: null })).rejects.toThrow(/cannot be changed/);
    }
    await as('coordinator', (tx) =>
      tx.updateTable('signals').set({ status: 'triaged' }).where('id', '=', signal!.id).execute(),
    );
    const stored = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('signals')
        .select(['status', 'source_board_id', 'source_card_id'])
        .where('id', '=', signal!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ status: 'triaged', source_board_id: boardId, source_card_id: 'starter-1' });
  });
});
