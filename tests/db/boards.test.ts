import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveTokenKey, verifyBoardToken } from '../../collab-server/auth';
import { readCards, readSections } from '~/boards/doc';
import {
  createAdviceDraft,
  createBoard,
  createSnapshot,
  getBoard,
  loadBoardState,
  listSnapshots,
} from '~/boards/queries.server';
import { colourFor } from '~/boards/presence';
import { issueBoardTokenAs } from '~/boards/token.server';
import { TEMPLATES } from '~/boards/templates';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from './database';
import { seedWorld, type World } from './fixtures';

const KEY = deriveTokenKey('boards-test-secret-0123456789abcdef');
let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await freshDatabase();
  close = database.close;
  world = await seedWorld(database);
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
  it('every template has sections with a guiding question in Dutch, English and Arabic', () => {
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
      for (const section of template.sections)
        for (const locale of ['nl', 'en', 'ar'] as const) expect(section.question[locale]).not.toBe('');
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

describe('collab tokens', () => {
  const person = (role: 'memberA' | 'memberB' | 'reader') => ({ id: world.ids[role], email: `${role}@example.org` });

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
    // The presence identity the collab-server enforces: the profile's display name and the colour.
    const profile = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('profiles').select('display_name').where('id', '=', world.ids.memberA).executeTakeFirst(),
    );
    expect(check.ok && check.claims.name).toBe(profile?.display_name ?? 'memberA@example.org');
    expect(check.ok && check.claims.colour).toBe(colourFor(world.ids.memberA));
    expect(verifyBoardToken(KEY, issued!.token, crypto.randomUUID())).toMatchObject({ ok: false });
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
