import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import type { Tx } from '~/db/with-user.server';
import type { SessionEndReason } from '~/db/types';
import { hashLinkToken, newLinkToken } from './tokens.server';

/** A session lasts this long after the person was last seen. */
const SESSION_DAYS = 14;

export interface LiveSession {
  id: string;
  userId: string;
  email: string;
  /** The profile's display name, or the address without one (see User.name). */
  name: string;
  /** For the menu only (the dev outbox link); what an admin may do is decided by RLS. */
  isAdmin: boolean;
}

/** Ended or expired sessions are kept this long (for the person's own questions), then deleted. */
const KEEP_ENDED_DAYS = 30;

/**
 * Starts a server-side session (local auth, as GoTrue would: the provider's own table, written as the
 * system) and returns the secret for the cookie; only its hash is stored. The person's sessions that
 * ended long ago are cleared at the same time, so the table does not grow with every sign-in.
 */
export async function startAuthSession(database: Database, userId: string, userAgent: string | null) {
  const { token, hash } = newLinkToken();
  const longAgo = new Date(Date.now() - KEEP_ENDED_DAYS * 86_400_000);
  await database.db
    .deleteFrom('auth_sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('revoked_at', '<', longAgo), eb('expires_at', '<', longAgo)]))
    .execute();
  await database.db
    .insertInto('auth_sessions')
    .values({
      user_id: userId,
      secret_hash: hash,
      user_agent: (userAgent ?? '').slice(0, 512),
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    })
    .execute();
  return token;
}

/**
 * The live session behind a cookie's secret, or null. One statement, outside any transaction (one
 * round trip to the database, on every request), found by the hash's unique index. It brings the name
 * the person is shown by too, read fresh with every request, so a saved profile shows at once on every
 * device and no page asks for it again. When the person was last seen more than five minutes ago, a
 * second statement notes it — and so keeps an active session from expiring: a page view seldom
 * writes, and the read that every request makes is a plain select (an `update` in a CTE beside it
 * cost the database twice the time on every request, issue 18 point 6).
 */
async function lookUp(database: Database, hash: string): Promise<LiveSession | null> {
  const { rows } = await sql<{
    id: string;
    user_id: string;
    email: string;
    name: string;
    is_admin: boolean;
    stale: boolean;
  }>`
    select s.id, s.user_id, u.email, coalesce(p.display_name, u.email) as name,
      s.last_seen_at < now() - interval '5 minutes' as stale,
      exists (select 1 from public.user_roles r where r.user_id = s.user_id and r.role = 'admin') as is_admin
    from public.auth_sessions s join auth.users u on u.id = s.user_id
      left join public.profiles p on p.id = s.user_id
    where s.secret_hash = ${hash} and s.revoked_at is null and s.expires_at > now() and u.email is not null`.execute(
    database.db,
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) {
    await sql`
      update public.auth_sessions
      set last_seen_at = now(), expires_at = now() + make_interval(days => ${SESSION_DAYS})
      where id = ${row.id}`.execute(database.db);
  }
  return { id: row.id, userId: row.user_id, email: row.email, name: row.name, isAdmin: row.is_admin };
}

// A page's loaders (root and route) each ask at once for the same cookie: one lookup answers both.
const inFlight = new Map<string, Promise<LiveSession | null>>();

export function findLiveSession(database: Database, secret: string): Promise<LiveSession | null> {
  const hash = hashLinkToken(secret);
  let lookup = inFlight.get(hash);
  if (!lookup) {
    lookup = lookUp(database, hash).finally(() => inFlight.delete(hash));
    inFlight.set(hash, lookup);
  }
  return lookup;
}

/** Ends the session behind a cookie's secret (signing out, or a new sign-in in the same browser). */
export async function endAuthSession(database: Database, secret: string, reason: SessionEndReason) {
  await database.db
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date(), revoked_because: reason })
    .where('secret_hash', '=', hashLinkToken(secret))
    .where('revoked_at', 'is', null)
    .execute();
}

// The profile's "where you are signed in", as the person (RLS: their own sessions only) ------------

export function listMySessions(tx: Tx, userId: string) {
  return tx
    .selectFrom('auth_sessions')
    .select(['id', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends one of the person's sessions, or all but `keep`; how many ended (RLS hides others' sessions). */
export async function endMySessions(tx: Tx, which: { only: string } | { allBut: string }): Promise<number> {
  const ended = await tx
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date(), revoked_because: 'signed_out_elsewhere' })
    .where('revoked_at', 'is', null)
    .where('id', 'only' in which ? '=' : '<>', 'only' in which ? which.only : which.allBut)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}
