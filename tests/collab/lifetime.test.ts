import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CLOSE, type BoardPermission } from '~/boards/protocol';
import { issueBoardToken, verifyBoardToken } from '~/boards/protocol.server';
import { listenForBoardChanges } from '../../collab-server/notifications';
import { tokenFor } from '~/boards/token.server';
import { runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from '../db/database';
import {
  addPerson,
  client,
  closeOf,
  createBoard,
  eventually,
  rawSocket,
  startCollab,
  synced,
  TEST_KEY,
  type Client,
  type Running,
} from './harness';

/**
 * A board token is checked when its connection opens, but rights can be taken away while it is open
 * (sign-out everywhere, a new password, a closed account, leaving the pool, stepping down) and a token
 * lives ten minutes. The collab-server asks the database again, on connecting and every
 * `rightsRecheckMs` while connected, and closes what no longer holds (4412: the page loads again).
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database, { rightsRecheckMs: 150 }, { checkRightsNow: true });
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

type Person = Awaited<ReturnType<typeof addPerson>>;

/** A board in a pool with a member and a coordinator, each signed in once (a live auth session). */
async function poolWithBoard() {
  const boardId = await createBoard(database);
  const { pool_id: poolId } = await runAsSystem(database, (tx) =>
    tx.selectFrom('boards').select('pool_id').where('id', '=', boardId).executeTakeFirstOrThrow(),
  );
  const member = await addPerson(database, boardId);
  return { boardId, poolId, member, coordinator: await addPerson(database, boardId, 'coordinator') };
}

const tokenOf = (boardId: string, who: Person, permission: BoardPermission) =>
  issueBoardToken(TEST_KEY, { userId: who.id, boardId, permission, session: who.session }).token;

function onBoard(boardId: string, withToken: string): Client {
  const c = client(running.url, boardId, { token: withToken });
  onTestFinished(() => c.destroy());
  return c;
}

const closedWith = (c: Client) =>
  new Promise<{ code: number; reason: string }>((resolve) => c.provider.once('closed', resolve));

const endSession = (session: string) =>
  runAsSystem(database, (tx) =>
    tx
      .updateTable('auth_sessions')
      .set({ revoked_at: new Date(), revoked_because: 'signed_out_elsewhere' })
      .where('id', '=', session)
      .execute(),
  );

describe('a board connection', () => {
  it('carries the sign-in session it was issued in', () => {
    const { token } = tokenFor(
      { id: crypto.randomUUID(), name: 'Mia', colour: '#0b5cad' },
      crypto.randomUUID(),
      { id: crypto.randomUUID(), access: 'edit' },
      TEST_KEY,
    );
    const [payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid?: string; board: string };
    expect(verifyBoardToken(TEST_KEY, token, claims.board)).toMatchObject({ ok: true });
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not open with a token whose sign-in session has ended, though the token has not expired', async () => {
    const { boardId, member } = await poolWithBoard();
    await endSession(member.session);
    const ws = rawSocket(running.url, boardId, { token: tokenOf(boardId, member, 'edit') });
    expect(await closeOf(ws)).toEqual(CLOSE.rightsChanged);
  });

  it('does not open with more than the database gives now (a member’s token that says facilitate)', async () => {
    const { boardId, member } = await poolWithBoard();
    const ws = rawSocket(running.url, boardId, { token: tokenOf(boardId, member, 'facilitate') });
    expect(await closeOf(ws)).toEqual(CLOSE.rightsChanged);
  });

  it('closes when the person is signed out everywhere while on the board', async () => {
    const { boardId, member } = await poolWithBoard();
    const mia = onBoard(boardId, tokenOf(boardId, member, 'edit'));
    await synced(mia);
    const closed = closedWith(mia);
    await endSession(member.session);
    expect(await closed).toMatchObject({ code: CLOSE.rightsChanged.code });
  });

  it('closes when the person leaves the pool while on the board', async () => {
    const { boardId, poolId, member } = await poolWithBoard();
    const mia = onBoard(boardId, tokenOf(boardId, member, 'edit'));
    await synced(mia);
    const closed = closedWith(mia);
    await runAsSystem(database, (tx) =>
      tx.deleteFrom('pool_memberships').where('pool_id', '=', poolId).where('user_id', '=', member.id).execute(),
    );
    expect(await closed).toMatchObject({ code: CLOSE.rightsChanged.code });
  });

  it('closes a facilitator’s connection when they are no longer the pool’s coordinator', async () => {
    const { boardId, poolId, coordinator } = await poolWithBoard();
    const sam = onBoard(boardId, tokenOf(boardId, coordinator, 'facilitate'));
    await synced(sam);
    const closed = closedWith(sam);
    await runAsSystem(database, (tx) =>
      tx
        .updateTable('pool_memberships')
        .set({ role: 'member' })
        .where('pool_id', '=', poolId)
        .where('user_id', '=', coordinator.id)
        .execute(),
    );
    expect(await closed).toMatchObject({ code: CLOSE.rightsChanged.code });
  });

  it('stays open while nothing changed, for member and facilitator alike', async () => {
    const { boardId, member, coordinator } = await poolWithBoard();
    const mia = onBoard(boardId, tokenOf(boardId, member, 'edit'));
    const sam = onBoard(boardId, tokenOf(boardId, coordinator, 'facilitate'));
    await Promise.all([synced(mia), synced(sam)]);
    const rounds = running.collab.stats().rightsChecks + 3;
    await eventually(() => running.collab.stats().rightsChecks >= rounds);
    expect(mia.provider.wsconnected && sam.provider.wsconnected).toBe(true);
  });

  // What `npm run collab` wires up when DATABASE_URL is set (collab-server/main.ts): LISTEN on a connection
  // of its own, which needs a Postgres server, so this runs when TEST_DATABASE_URL gives one (npm test's
  // first stage and CI). The embedded default's path (PGlite's own NOTIFY) is proved by
  // tests/db/pglite-worker.test.ts and the step-down test of tests/e2e/boards.spec.ts.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'on Postgres, closes at once when the session ends, without waiting for a periodic check',
    async () => {
      const alone = await startCollab(database, { rightsRecheckMs: 0 }, { checkRightsNow: true });
      const listener = listenForBoardChanges(database.url!, alone.collab, () => undefined);
      onTestFinished(async () => {
        await listener.close();
        await alone.stop();
      });
      await listener.ready;
      const { boardId, member, coordinator } = await poolWithBoard();
      const mia = client(alone.url, boardId, { token: tokenOf(boardId, member, 'edit') });
      const sam = client(alone.url, boardId, { token: tokenOf(boardId, coordinator, 'facilitate') });
      onTestFinished(() => (mia.destroy(), sam.destroy()));
      await Promise.all([synced(mia), synced(sam)]);
      const closed = closedWith(mia);
      await endSession(member.session);
      expect(await closed).toMatchObject({ code: CLOSE.rightsChanged.code });
      expect(sam.provider.wsconnected).toBe(true);
    },
  );
});
