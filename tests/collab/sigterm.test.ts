import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveTokenKey, issueBoardToken } from '~/boards/protocol.server';
import { addCard, readCards, sectionText } from '~/boards/doc';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAsSystem } from '~/db/with-user.server';
import { adminQuery, createDatabase } from '../db/admin-query';
import { addPerson, client, createBoard, eventually, freePort, spawnCollabProcess, synced } from './harness';

/**
 * The standalone collab-server (`npm run collab`) with a flush delay far longer than the test: nothing is
 * written while editing, so everything in the database afterwards was written by the SIGTERM flush. On
 * PGlite (in its worker thread, as `startDatabase` opens it) and, with TEST_DATABASE_URL, on Postgres.
 */
const SECRET = 'sigterm-test-secret-0123456789abcdef0123';
const key = deriveTokenKey(SECRET);
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const proc = await spawnCollabProcess(port, { ...env, SESSION_SECRET: SECRET, COLLAB_FLUSH_DELAY_MS: '600000' });
  cleanups.push(() => void proc.kill('SIGKILL'));
  return proc;
}

/** A database of each kind, its settings for the child process, and a way to open it again here. */
async function setups(): Promise<{ label: string; env: Record<string, string>; open: () => Promise<Database> }[]> {
  const list = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'collab-sigterm-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  list.push({
    label: 'PGlite in a worker thread',
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    open: () => openDatabase({ dataDir: path.join(dataDir, 'pglite'), worker: true }),
  });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `t_${randomBytes(6).toString('hex')}`;
    const url = await createDatabase(serverUrl, name);
    cleanups.push(() => adminQuery(serverUrl, `drop database if exists ${name} with (force)`));
    list.push({
      label: 'Postgres (DATABASE_URL)',
      env: { DATABASE_URL: url, DATA_DIR: dataDir },
      open: () => openDatabase({ url }),
    });
  }
  return list;
}

describe('a collab-server stopped with SIGTERM', () => {
  it('writes every pending update and the history before it exits', async () => {
    for (const setup of await setups()) {
      const database = await setup.open();
      await migrate(database);
      const boardId = await createBoard(database, 'Sigtermbord');
      // A real person of the board's pool: the server asks the database what a token's holder may do.
      const { id: userId } = await addPerson(database, boardId);
      await database.close();

      const port = await freePort();
      const child = await startServer(setup.env, port);
      const token = issueBoardToken(key, { userId, boardId, permission: 'edit', name: 'W' }).token;
      const writer = client(`ws://127.0.0.1:${port}/collab`, boardId, { token });
      await synced(writer);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Alleen in het geheugen')]);
      sectionText(writer.doc, 'notes').push([p]);
      addCard(writer.doc, {
        id: 'pending',
        section: 'notes',
        text: 'Nog niet geschreven',
        colour: 'pink',
        authorId: userId,
        authorName: 'W',
      });
      // The server holds the edits and has written none of them (the flush delay is ten minutes).
      const health = async () =>
        (await (await fetch(`http://127.0.0.1:${port}/collab/healthz`)).json()) as {
          persistence: { pendingUpdates: number; flushes: number };
        };
      await eventually(async () => (await health()).persistence.pendingUpdates >= 2, 10_000);
      expect((await health()).persistence.flushes).toBe(0);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      writer.destroy();

      const reopened = await setup.open();
      try {
        const stored = await runAsSystem(reopened, async (tx) => ({
          snapshot: await tx
            .selectFrom('board_documents')
            .select('state')
            .where('board_id', '=', boardId)
            .executeTakeFirst(),
          log: await tx.selectFrom('board_updates').select('update').where('board_id', '=', boardId).execute(),
          activity: await tx
            .selectFrom('board_activity')
            .select(['section', 'user_id'])
            .where('board_id', '=', boardId)
            .execute(),
        }));
        const doc = new Y.Doc();
        for (const update of [stored.snapshot?.state, ...stored.log.map((r) => r.update)]) {
          if (update) Y.applyUpdate(doc, new Uint8Array(update));
        }
        expect(sectionText(doc, 'notes').toString(), setup.label).toContain('Alleen in het geheugen');
        expect(
          readCards(doc).map((c) => c.id),
          setup.label,
        ).toEqual(['pending']);
        // Compacted on the way out: the snapshot holds it all, the log rows it merged are gone.
        expect(stored.snapshot, setup.label).toBeDefined();
        expect(stored.log, setup.label).toEqual([]);
        expect(
          stored.activity.map((a) => [a.section, a.user_id]),
          setup.label,
        ).toEqual([['notes', userId]]);
      } finally {
        await reopened.close();
      }
    }
  }, 240_000);
});
