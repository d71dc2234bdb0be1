import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveTokenKey, issueBoardToken } from '~/boards/protocol.server';
import { addCard, readCards, sectionText } from '~/boards/doc';
import { openDatabase } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { addPerson, client, createBoard, eventually, freePort, spawnCollabProcess, synced } from './harness';

/**
 * The standalone collab-server (`npm run collab`) as a child process on an on-disk PGlite, killed with
 * SIGKILL mid-editing and started again.
 */
const SECRET = 'crash-test-secret-0123456789abcdef0123';
const key = deriveTokenKey(SECRET);
let dataDir: string;
let boardId: string;
/** Real people of the board's pool: the server asks the database what a token's holder may do. */
let writerId: string;
let visitorId: string;
let port: number;
let child: ChildProcess | null = null;

async function startServer(): Promise<ChildProcess> {
  return spawnCollabProcess(port, { DATA_DIR: dataDir, SESSION_SECRET: SECRET, DATABASE_URL: '' });
}

const health = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/collab/healthz`)).json()) as {
    persistence: { pendingUpdates: number; flushes: number };
  };

const tokenFor = (userId: string, name?: string) =>
  issueBoardToken(key, { userId, boardId, permission: 'edit', name }).token;
const url = () => `ws://127.0.0.1:${port}/collab`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'collab-crash-'));
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  await migrate(database);
  boardId = await createBoard(database, 'Crashbord');
  writerId = (await addPerson(database, boardId)).id;
  visitorId = (await addPerson(database, boardId)).id;
  await database.close();
  port = await freePort();
}, 60_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a collab-server killed with SIGKILL mid-editing', () => {
  it('loses nothing that was persisted, nor anything a client still holds', async () => {
    child = await startServer();
    const writer = client(url(), boardId, { token: tokenFor(writerId, 'W') });
    await synced(writer);
    const paragraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      sectionText(writer.doc, 'notes').push([p]);
    };
    for (let i = 0; i < 20; i++) paragraph(`bevestigd ${i}`);
    addCard(writer.doc, {
      id: 'acked',
      section: 'notes',
      text: 'opgeslagen',
      colour: 'yellow',
      authorId: writerId,
      authorName: 'W',
    });
    // Acknowledged: the server reports nothing pending after at least one write.
    await eventually(async () => {
      const h = await health();
      return h.persistence.flushes > 0 && h.persistence.pendingUpdates === 0;
    }, 10_000);

    // More typing, then the process dies without any chance to flush.
    for (let i = 0; i < 20; i++) paragraph(`onbevestigd ${i}`);
    addCard(writer.doc, {
      id: 'unacked',
      section: 'notes',
      text: 'alleen bij de client',
      colour: 'pink',
      authorId: writerId,
      authorName: 'W',
    });
    child.kill('SIGKILL');
    writer.provider.disconnect();
    await new Promise((resolve) => child!.once('exit', resolve));

    child = await startServer();
    // A new visitor sees everything that was acknowledged.
    const visitor = client(url(), boardId, { token: tokenFor(visitorId) });
    await synced(visitor);
    const visitorText = sectionText(visitor.doc, 'notes').toString();
    for (let i = 0; i < 20; i++) expect(visitorText).toContain(`bevestigd ${i}`);
    expect(readCards(visitor.doc).map((c) => c.id)).toContain('acked');

    // The writer comes back with what it still holds; the server merges it.
    writer.provider.params = { token: tokenFor(writerId, 'W') };
    writer.provider.connect();
    await eventually(() => readCards(visitor.doc).some((c) => c.id === 'unacked'), 10_000);
    await eventually(
      () => sectionText(visitor.doc, 'notes').toString() === sectionText(writer.doc, 'notes').toString(),
    );
    for (let i = 0; i < 20; i++) expect(sectionText(visitor.doc, 'notes').toString()).toContain(`onbevestigd ${i}`);
    writer.destroy();
    visitor.destroy();

    // And after a clean SIGTERM (flush, compact) a third start still has all of it.
    await eventually(async () => (await health()).persistence.pendingUpdates === 0);
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = await startServer();
    const last = client(url(), boardId, { token: tokenFor(visitorId) });
    await synced(last);
    expect(
      readCards(last.doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['acked', 'unacked']);
    expect(sectionText(last.doc, 'notes').length).toBe(40);
    last.destroy();
  }, 180_000);
});
