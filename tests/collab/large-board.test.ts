import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, sectionText } from '~/boards/doc';
import { freshDatabase } from '../db/database';
import { client, createBoard, eventually, startCollab, synced, token, type Running } from './harness';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database);
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

describe('a 5 MB board', () => {
  it('is saved, unloaded, and loads again for the next visitor', async () => {
    const boardId = await createBoard(
      database,
      'Groot bord',
      Array.from({ length: 50 }, (_, s) => `s${s}`),
    );
    const writer = client(running.url, boardId, { token: token(boardId, 'edit', 'w', 600, { name: 'W' }) });
    await synced(writer);
    // 50 sections of ~100 KB of text each, plus 500 cards.
    const line = 'Nieuwkomers willen hun brief begrijpen zonder hulp. '.repeat(20);
    for (let s = 0; s < 50; s++) {
      writer.doc.transact(() => {
        const fragment = sectionText(writer.doc, `s${s}`);
        for (let i = 0; i < 100; i++) {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(line)]);
          fragment.push([p]);
        }
      });
    }
    writer.doc.transact(() => {
      for (let i = 0; i < 500; i++) {
        addCard(writer.doc, {
          id: `c${i}`,
          section: `s${i % 50}`,
          text: `kaart ${i}`,
          colour: 'yellow',
          authorId: 'w',
          authorName: 'W',
        });
      }
    });
    expect(Y.encodeStateAsUpdate(writer.doc).length).toBeGreaterThan(5 * 1024 * 1024);
    const stateVector = Buffer.from(Y.encodeStateVector(writer.doc));
    const lastSection = sectionText(writer.doc, 's49').toString();

    // Someone else on the board has received all of it: the server holds it too.
    const watcher = client(running.url, boardId, { token: token(boardId, 'read') });
    await synced(watcher);
    await eventually(() => Buffer.from(Y.encodeStateVector(watcher.doc)).equals(stateVector), 30_000);
    writer.destroy();
    watcher.destroy();
    await eventually(() => running.collab.stats().documents === 0, 30_000);

    const started = performance.now();
    const reader = client(running.url, boardId, { token: token(boardId, 'read') });
    await synced(reader);
    const loadMs = performance.now() - started;
    expect(Buffer.from(Y.encodeStateVector(reader.doc)).equals(stateVector)).toBe(true);
    expect(sectionText(reader.doc, 's49').toString()).toBe(lastSection);
    expect(readCards(reader.doc)).toHaveLength(500);
    expect(sectionText(reader.doc, 's49').length).toBe(100);
    expect(loadMs).toBeLessThan(30_000);
    reader.destroy();
  }, 120_000);
});
