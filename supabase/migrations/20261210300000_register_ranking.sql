-- Issue 19: the register's search for a reader outside every pool (municipality readers, anon).
-- What they may read is public or addressed to them (RLS). The register's query says so as well
-- (app/advice/search.server.ts), and with this index the planner finds the public advices, and with
-- the GIN on addressee_ids the addressed ones, before it reads a row: a broad search read every match
-- and dropped three in four of them (docs/benchmarks/2026-12-05-register-ranking.md).
create index advices_public_idx on public.advices (published_at desc) where visibility = 'public';
