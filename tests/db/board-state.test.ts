import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from '~/boards/doc';
import { loadBoardState } from '~/boards/queries.server';
import { openDatabase, type Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { BoardPersistence } from '../../collab-server/persistence';
import { createBoard } from '../collab/harness';
import { freshDatabase } from './database';

/**
 * The board as the app reads it from the database (board page before it connects, print, Markdown,
 * snapshots, copies) while collab-servers in other processes write and compact it.
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
/** A second connection pool, as another process has (on PGlite, which one process owns, the same one). */
let other: Database;

beforeAll(async () => {
  database = await freshDatabase();
  other = database.url ? await openDatabase({ url: database.url }) : database;
});
afterAll(async () => {
  if (other !== database) await other.close();
  await database.close();
});

/** A collab-server's writer on `db`, with nothing loaded (compaction merges what the database holds). */
const writer = (db: Database) =>
  new BoardPersistence(db, {
    flushDelayMs: 25,
    compactAfterUpdates: 500,
    currentState: () => null,
    onBoardGone: () => {},
    log: () => {},
  });

/** One paragraph typed by a client of its own, as one log row's update (starting from the stored board). */
async function typed(boardId: string, text: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const stored = await runAsSystem(database, (tx) => loadBoardState(tx, boardId));
  if (stored) Y.applyUpdate(doc, stored);
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  sectionText(doc, 'notes').push([paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

const appendRow = (boardId: string, update: Uint8Array, id?: number) =>
  runAsSystem(database, async (tx) => {
    if (id === undefined) await tx.insertInto('board_updates').values({ board_id: boardId, update }).execute();
    else
      await sql`insert into public.board_updates (id, board_id, update) overriding system value
        values (${id}, ${boardId}, ${update})`.execute(tx);
  });

const notesOf = (state: Uint8Array | null) => {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return sectionText(doc, 'notes').toString();
};

describe('loadBoardState', () => {
  it('reads a log row that committed after a compaction counted past its id', async () => {
    const boardId = await createBoard(database);
    await appendRow(boardId, await typed(boardId, 'een'));
    await appendRow(boardId, await typed(boardId, 'twee'));
    await writer(database).compact(boardId, new Uint8Array([0, 0]));
    const { through } = await runAsSystem(database, (tx) =>
      tx
        .selectFrom('board_documents')
        .select('through_update_id as through')
        .where('board_id', '=', boardId)
        .executeTakeFirstOrThrow(),
    );
    expect(Number(through)).toBeGreaterThan(1);
    // Another process took its id before the compaction and committed after it.
    await appendRow(boardId, await typed(boardId, 'laat'), 1);

    const notes = notesOf(await runAsSystem(database, (tx) => loadBoardState(tx, boardId)));
    expect(notes).toBe('<paragraph>een</paragraph><paragraph>twee</paragraph><paragraph>laat</paragraph>');
  });

  // Only a Postgres server has a second connection that can commit between two reads of one transaction.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'misses nothing when another process compacts the board between its two reads',
    async () => {
      const boardId = await createBoard(database);
      await appendRow(boardId, await typed(boardId, 'een'));
      await appendRow(boardId, await typed(boardId, 'twee'));
      // After the first of its reads, another process's collab-server compacts the board (and commits).
      let compacted = false;
      const compactAfterFirstRead: KyselyPlugin = {
        transformQuery: ({ node }) => node,
        transformResult: async ({ result }) => {
          if (!compacted) {
            compacted = true;
            await writer(other).compact(boardId, new Uint8Array([0, 0]));
          }
          return result;
        },
      };
      const state = await runAsSystem(database, (tx) => loadBoardState(tx.withPlugin(compactAfterFirstRead), boardId));
      expect(compacted).toBe(true);
      expect(notesOf(state)).toBe('<paragraph>een</paragraph><paragraph>twee</paragraph>');
    },
  );
});
