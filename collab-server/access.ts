import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import { runAs } from '~/db/with-user.server';
import { boardPermission, type BoardPermission, type BoardTokenClaims } from '~/boards/protocol';

/**
 * A token says what its holder could do when the app issued it; this asks the database what they may
 * do now, as the app would (the same functions, under row level security as that user): null when the
 * sign-in session it was issued for has ended or the board is out of their reach.
 */
export async function permissionNow(database: Database, claims: BoardTokenClaims): Promise<BoardPermission | null> {
  // Nothing checked reads the e-mail claim; the token does not carry it.
  return runAs(database, { sub: claims.sub, email: '', role: 'authenticated' }, async (tx) => {
    const row = await tx
      .selectFrom('boards')
      .select([
        sql<boolean>`private.can_facilitate_board(boards.id)`.as('can_facilitate'),
        sql<boolean>`private.can_edit_board(boards.id)`.as('can_edit'),
        (claims.sid === undefined
          ? sql<boolean>`true`
          : sql<boolean>`exists (
              select 1 from public.auth_sessions s
              where s.id = ${claims.sid} and s.revoked_at is null and s.expires_at > now())`
        ).as('live'),
      ])
      .where('boards.id', '=', claims.board)
      .executeTakeFirst();
    return row?.live ? boardPermission(row) : null;
  });
}

const RANK: Record<BoardPermission, number> = { read: 0, edit: 1, facilitate: 2 };

/** Whether `now` allows less than the token granted. */
export const lessThan = (now: BoardPermission | null, granted: BoardPermission) =>
  now === null || RANK[now] < RANK[granted];
