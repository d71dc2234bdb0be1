-- Counts of the sign-in, password-reset and "ask us" limiters (app/auth/rate-limit.server.ts), in the
-- database so that every app process sees the same counts (Redis instead when REDIS_URL is set).
-- The layout is rate-limiter-flexible's RateLimiterPostgres table: it inserts positionally, so these
-- three columns and no others. Keys are SHA-256 hashes: no e-mail address or IP address is stored.
-- Only the server (as the table's owner) touches it: RLS on, no policies, nothing granted.

create table public.rate_limits (
  key text primary key,
  points integer not null default 0,
  -- Epoch milliseconds, as the library writes it.
  expire bigint
);

alter table public.rate_limits enable row level security;
revoke all on public.rate_limits from anon, authenticated;
