-- The patterns page groups recent signals by the similarity of their trigram sets
-- (app/signals/similarity.ts). The sets are kept with the row, so a page view does not extract them
-- again for every signal in its window (show_trgm was about half of that query's time in PGlite).
alter table public.signals
  add column body_trigrams text[] generated always as (extensions.show_trgm(body)) stored;
