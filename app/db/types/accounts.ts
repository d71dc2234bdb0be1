import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SessionEndReason =
  'signed_out' | 'signed_out_elsewhere' | 'password_changed' | 'account_closed' | 'role_removed';

/** 20261204100200_auth_sessions.sql: sign-in sessions of the built-in local auth. */
export interface AuthSessionsTable {
  id: Generated<string>;
  user_id: string;
  secret_hash: string;
  user_agent: Generated<string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_because: SessionEndReason | null;
}

/** 20261204100100_rate_limits.sql: rate-limiter-flexible's table (the library writes it, not Kysely). */
export interface RateLimitsTable {
  key: string;
  points: Generated<number>;
  expire: ColumnType<string | number, never, never> | null;
}

export interface AccountTables {
  auth_sessions: AuthSessionsTable;
  rate_limits: RateLimitsTable;
}
