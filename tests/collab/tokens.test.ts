import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '~/boards/protocol';
import { deriveTokenKey, issueBoardToken } from '~/boards/protocol.server';
import { addCard, readCards } from '~/boards/doc';
import { freshDatabase } from '../db/database';
import {
  client,
  closeOf,
  createBoard,
  eventually,
  rawSocket,
  startCollab,
  synced,
  TEST_KEY,
  token,
  type Running,
} from './harness';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;
let boardId: string;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database);
  boardId = await createBoard(database);
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

describe('a connection is refused with a clear close code', () => {
  it('without a token', async () => {
    expect(await closeOf(rawSocket(running.url, boardId))).toEqual({ code: 4401, reason: 'token-missing' });
  });

  it('with a token signed by another key', async () => {
    const forged = issueBoardToken(deriveTokenKey('someone else'), { userId: 'u', boardId, permission: 'edit' }).token;
    expect(await closeOf(rawSocket(running.url, boardId, { token: forged }))).toEqual(CLOSE.tokenInvalid);
  });

  it('with a token whose payload was changed', async () => {
    const [, signature] = token(boardId, 'read').split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'u', board: boardId, perm: 'edit', exp: 9e9 })).toString(
      'base64url',
    );
    expect(await closeOf(rawSocket(running.url, boardId, { token: `${payload}.${signature}` }))).toEqual(
      CLOSE.tokenInvalid,
    );
  });

  it('with an expired token', async () => {
    const expired = issueBoardToken(TEST_KEY, { userId: 'u', boardId, permission: 'edit' }, 60, Date.now() - 120_000);
    expect(await closeOf(rawSocket(running.url, boardId, { token: expired.token }))).toEqual(CLOSE.tokenExpired);
  });

  it('with a token for another board', async () => {
    const other = await createBoard(database, 'Ander bord');
    expect(await closeOf(rawSocket(running.url, boardId, { token: token(other) }))).toEqual(CLOSE.tokenOtherBoard);
  });

  it('for a board that does not exist', async () => {
    const missing = crypto.randomUUID();
    expect(await closeOf(rawSocket(running.url, missing, { token: token(missing) }))).toEqual(CLOSE.boardNotFound);
  });

  it('counts every refusal', () => {
    expect(running.collab.stats().refusedConnections).toBeGreaterThanOrEqual(6);
  });
});

describe('a read-only connection', () => {
  it('receives the edits of others, while its own edits are dropped and counted', async () => {
    const editor = client(running.url, boardId, { token: token(boardId, 'edit', 'e', 600, { name: 'E' }) });
    const reader = client(running.url, boardId, { token: token(boardId, 'read') });
    await Promise.all([synced(editor), synced(reader)]);
    const droppedBefore = running.collab.stats().droppedReadOnlyUpdates;

    addCard(reader.doc, {
      id: 'from-reader',
      section: 's',
      text: 'mag niet',
      colour: 'pink',
      authorId: 'r',
      authorName: 'R',
    });
    addCard(editor.doc, {
      id: 'from-editor',
      section: 's',
      text: 'mag wel',
      colour: 'blue',
      authorId: 'e',
      authorName: 'E',
    });

    await eventually(() => readCards(reader.doc).some((c) => c.id === 'from-editor'));
    await eventually(() => running.collab.stats().droppedReadOnlyUpdates > droppedBefore);
    // A third client, fresh from the server, shows what the server kept.
    const fresh = client(running.url, boardId, { token: token(boardId, 'read') });
    await synced(fresh);
    expect(readCards(fresh.doc).map((c) => c.id)).toEqual(['from-editor']);
    expect(readCards(editor.doc).map((c) => c.id)).toEqual(['from-editor']);
    [editor, reader, fresh].forEach((c) => c.destroy());
  });
});
