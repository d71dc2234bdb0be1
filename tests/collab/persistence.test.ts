import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, sectionText } from '~/boards/doc';
import { runAsSystem } from '~/db/with-user.server';
import * as Y from 'yjs';
import { freshDatabase } from '../db/database';
import { client, createBoard, eventually, startCollab, synced, token, type Running } from './harness';

/**
 * The batched writer: an update counts as pending until its batch is in the database (so "nothing
 * pending" means acknowledged), and history gets written within about a second even when typing stops.
 */

/** Holds the answer to every insert into board_updates until `open()`. */
class Gate implements KyselyPlugin {
  private gated = new WeakSet<object>();
  private release: (() => void) | null = null;
  private closed: Promise<void> | null = null;
  held = 0;
  close() {
    this.closed = new Promise((resolve) => (this.release = resolve));
  }
  open() {
    this.release?.();
    this.closed = null;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'board_updates') {
      this.gated.add(args.queryId);
    }
    return node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.closed && this.gated.has(args.queryId)) {
      this.held += 1;
      await this.closed;
    }
    return args.result;
  }
}

let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;
const gate = new Gate();

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab({ ...database, db: database.db.withPlugin(gate) });
});
afterAll(async () => {
  gate.open();
  await running.stop();
  await database.close();
});

describe('the batched writer', () => {
  it('counts updates as pending while their batch is being written, and only then as written', async () => {
    const boardId = await createBoard(database);
    const writer = client(running.url, boardId, { token: token(boardId, 'edit', 'u', 600, { name: 'U' }) });
    await synced(writer);
    gate.close();
    addCard(writer.doc, {
      id: 'gated',
      section: 'notes',
      text: 'Onderweg naar de database',
      colour: 'yellow',
      authorId: 'u',
      authorName: 'U',
    });
    // The batch has gone to the database, its answer is held: the update is still pending.
    await eventually(() => gate.held > 0);
    const during = running.collab.stats().persistence;
    expect(during.pendingUpdates).toBeGreaterThan(0);
    const flushesDuring = during.flushes;
    gate.open();
    await eventually(() => running.collab.stats().persistence.pendingUpdates === 0);
    const after = running.collab.stats().persistence;
    expect(after.flushes).toBeGreaterThan(flushesDuring);
    expect(after.lagMs).toBe(0);
    // And it is in the log.
    const rows = await runAsSystem(database, (tx) =>
      tx.selectFrom('board_updates').select('update').where('board_id', '=', boardId).execute(),
    );
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))));
    expect(stored.getMap('cards').has('gated')).toBe(true);
    writer.destroy();
  });

  it('writes who changed which section without waiting for more edits or for the board to unload', async () => {
    const boardId = await createBoard(database);
    const userId = crypto.randomUUID();
    const writer = client(running.url, boardId, { token: token(boardId, 'edit', userId) });
    await synced(writer);
    const paragraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    };
    // Two sections in quick succession: the second's history row is due within the write interval.
    sectionText(writer.doc, 'wishes').push([paragraph('Eerst')]);
    await eventually(() => running.collab.stats().persistence.pendingUpdates === 0);
    sectionText(writer.doc, 'ideas').push([paragraph('Daarna')]);
    const sections = async () =>
      (
        await runAsSystem(database, (tx) =>
          tx
            .selectFrom('board_activity')
            .select('section')
            .where('board_id', '=', boardId)
            .where('user_id', '=', userId)
            .execute(),
        )
      )
        .map((r) => r.section)
        .sort();
    await eventually(async () => (await sections()).length === 2);
    expect(await sections()).toEqual(['ideas', 'wishes']);
    // The writer is still connected: this was not the unload's flush.
    expect(running.collab.stats().documents).toBeGreaterThan(0);
    writer.destroy();
  });
});
