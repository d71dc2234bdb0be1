-- Issue 19, "Register search a reader would expect" (decision 019).
--
--   * search_synonym_groups / search_synonyms: a Dutch synonym dictionary for the integration domain
--     ("huisvesting" also finds "wonen" and "woning"). Anyone who may search reads it; admins keep it.
--     Each word is in at most one group. Its Dutch lexemes are kept with it, so expanding a search
--     looks them up by index instead of stemming the dictionary again.
--   * search_words: the words of published advice, each with the number of published (and public)
--     advices it occurs in, kept by a trigger on advices. "Did you mean" looks for the nearest of them
--     by trigram similarity. Nobody reads the table itself: private.suggest_search_words offers only
--     words of public advice or of at least five published advices, so a suggestion never reveals a
--     word (a name, say) from the few advices a reader may not see.

create table public.search_synonym_groups (
  id uuid primary key default gen_random_uuid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.search_synonyms (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.search_synonym_groups (id) on delete cascade,
  word text not null unique
    check (length(word) between 2 and 60 and word = lower(btrim(word)) and word !~ '[[:cntrl:]]'),
  -- The word as the register's Dutch tsvector holds it: a phrase query for words of more than one part.
  dutch_query text not null generated always as (phraseto_tsquery('dutch', word)::text) stored,
  created_at timestamptz not null default now()
);
create index search_synonyms_group_id_idx on public.search_synonyms (group_id);
create index search_synonyms_dutch_query_idx on public.search_synonyms (dutch_query);

alter table public.search_synonym_groups enable row level security;
alter table public.search_synonyms enable row level security;

create policy "anyone who searches reads the synonym groups" on public.search_synonym_groups
  for select to anon, authenticated using (true);
create policy "admins add synonym groups" on public.search_synonym_groups
  for insert to authenticated with check ((select private.is_admin()));
create policy "admins change synonym groups" on public.search_synonym_groups
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "admins remove synonym groups" on public.search_synonym_groups
  for delete to authenticated using ((select private.is_admin()));

create policy "anyone who searches reads the synonyms" on public.search_synonyms
  for select to anon, authenticated using (true);
create policy "admins add synonyms" on public.search_synonyms
  for insert to authenticated with check ((select private.is_admin()));
create policy "admins change synonyms" on public.search_synonyms
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "admins remove synonyms" on public.search_synonyms
  for delete to authenticated using ((select private.is_admin()));

grant select on public.search_synonym_groups, public.search_synonyms to anon;
grant select, insert, update, delete on public.search_synonym_groups, public.search_synonyms
  to authenticated, service_role;

/**
 * The register's Dutch search as a tsquery (as text): websearch_to_tsquery('dutch', query) with each
 * of its first ten lexemes replaced by the OR of every word of its synonym group
 * ("huisvesting werk" → (huisvest | won | woning …) & (werk | ban | arbeid …)). The 'simple' search
 * beside it is not expanded: it is there for names and other languages, and every synonym is Dutch.
 * One pass over the query's text form, so a substitute is never expanded again (ts_rewrite applies
 * its rules one after the other and would grow each group into its own substitutes). Ten lexemes and
 * at most 20 words a group keep the query bounded however long the search is. The text goes through
 * tsquery once more, so what comes back is a valid, normalised query.
 */
create function private.expand_search(query text) returns text
language sql stable set search_path = ''
as $$
  with pieces as (
    select r.m[1] as lexeme, r.m[2] as other, r.ord,
           count(r.m[1]) over (order by r.ord) as nth
    from regexp_matches(
      websearch_to_tsquery('dutch', query)::text,
      -- a quoted lexeme ('' inside it is a quote), or anything between lexemes (operators, weights)
      '(''(?:[^'']|'''')*'')|([^'']+)', 'g') with ordinality as r(m, ord)
  )
  select coalesce(string_agg(coalesce(
    case when p.lexeme is not null and p.nth <= 10 then (
      select '( ' || string_agg(distinct '( ' || t.dutch_query || ' )', ' | ') || ' )'
      from public.search_synonyms s
      join public.search_synonyms t on t.group_id = s.group_id
      where s.dutch_query = p.lexeme and t.dutch_query <> ''
    ) end,
    p.lexeme, p.other), '' order by p.ord), '')::tsquery::text
  from pieces p
$$;
revoke all on function private.expand_search(text) from public;
grant execute on function private.expand_search(text) to anon, authenticated, service_role;

create table public.search_words (
  word text primary key,
  advices int not null default 0,
  public_advices int not null default 0
);
create index search_words_trgm_idx on public.search_words using gin (word extensions.gin_trgm_ops);
alter table public.search_words enable row level security;
-- No policy: the trigger below writes it, private.suggest_search_words reads it.
revoke all on public.search_words from anon, authenticated;

/** The words of an advice worth suggesting: as written (lower case), three letters or more, no digits. */
create function private.advice_words(search_simple tsvector) returns text[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(w), '{}') from unnest(tsvector_to_array(search_simple)) w
  where length(w) between 3 and 40 and w !~ '[0-9_]'
$$;
revoke all on function private.advice_words(tsvector) from public;

/** Keeps search_words' counts: an advice counts while it is published (published, responded, implemented). */
create function private.count_search_words() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  old_words text[] := '{}';
  new_words text[] := '{}';
  old_public int := 0;
  new_public int := 0;
begin
  if tg_op <> 'INSERT' and old.status in ('published', 'responded', 'implemented') then
    old_words := private.advice_words(old.search_simple);
    old_public := (old.visibility = 'public')::int;
  end if;
  if tg_op <> 'DELETE' and new.status in ('published', 'responded', 'implemented') then
    new_words := private.advice_words(new.search_simple);
    new_public := (new.visibility = 'public')::int;
  end if;
  -- Most updates (a response moving "published" to "responded") change nothing here.
  if old_words = new_words and old_public = new_public then
    return null;
  end if;
  update public.search_words w
  set advices = w.advices - 1, public_advices = w.public_advices - old_public
  where w.word = any (old_words);
  delete from public.search_words w where w.word = any (old_words) and w.advices <= 0;
  insert into public.search_words as w (word, advices, public_advices)
  select unnest(new_words), 1, new_public
  on conflict (word) do update
    set advices = w.advices + 1, public_advices = w.public_advices + excluded.public_advices;
  return null;
end
$$;
revoke all on function private.count_search_words() from public, anon, authenticated;
create trigger advices_count_search_words
  after insert or delete or update of status, visibility, title, insight, opportunities, golden_tips
  on public.advices for each row execute function private.count_search_words();

insert into public.search_words (word, advices, public_advices)
select w, count(*)::int, count(*) filter (where a.visibility = 'public')::int
from public.advices a, unnest(private.advice_words(a.search_simple)) w
where a.status in ('published', 'responded', 'implemented')
group by w;

/**
 * "Did you mean": for each of the first eight words, the nearest word (trigram similarity at least
 * pg_trgm's threshold, 0.3) among the synonyms and the words of public advice or of at least five
 * published advices; the word itself when it is one of them, null when nothing is near.
 */
create function private.suggest_search_words(words text[])
returns table (word text, suggestion text)
language sql stable security definer set search_path = ''
as $$
  select q.word, best.word
  from unnest(words[1:8]) with ordinality as q(word, ord)
  left join lateral (
    select c.word from (
      select w.word from public.search_words w
      where w.word operator(extensions.%) q.word and (w.public_advices > 0 or w.advices >= 5)
      union
      select s.word from public.search_synonyms s where s.word operator(extensions.%) q.word
    ) c
    order by extensions.similarity(c.word, q.word) desc, c.word
    limit 1
  ) best on true
  where length(q.word) <= 60
  order by q.ord
$$;
revoke all on function private.suggest_search_words(text[]) from public;
grant execute on function private.suggest_search_words(text[]) to anon, authenticated, service_role;

-- The dictionary to start with: the words newcomers, coordinators and policy officers use for the
-- same thing in inburgering. Admins change it at /admin/synonyms.
do $$
declare
  line text;
  made uuid;
begin
  foreach line in array array[
    'huisvesting, wonen, woning, woonruimte, huis, huurwoning, sociale huur',
    'werk, baan, arbeid, werkgever, arbeidsmarkt, betaald werk',
    'taal, nt2, nederlands, taalles, taalcursus, taalniveau',
    'gezondheid, zorg, huisarts, ziekte, ggz, gezondheidszorg',
    'onderwijs, school, opleiding, studie, scholing, mbo, hbo',
    'geld, financiën, schulden, inkomen, budget, financieel',
    'uitkering, bijstand, participatiewet',
    'toeslag, toeslagen, zorgtoeslag, huurtoeslag, kinderopvangtoeslag',
    'inburgering, inburgeren, inburgeringsplicht, inburgeringsexamen',
    'gemeente, gemeentehuis, loket, overheid',
    'klantmanager, consulent, casemanager, begeleider, trajectbegeleider',
    'vrijwilligerswerk, vrijwilliger, vrijwilligers',
    'kinderen, kind, gezin, ouders, familie',
    'kinderopvang, opvang, peuterspeelzaal, oppas',
    'stage, werkervaring, leerwerkplek, proefplaatsing',
    'diploma, diplomawaardering, getuigschrift, certificaat',
    'digitaal, digid, computer, internet, online',
    'brief, post, brieven, formulier',
    'tolk, vertaling, vertaler, vertalen',
    'buddy, maatje, taalmaatje, mentor',
    'sport, sportclub, vereniging, vrije tijd',
    'veiligheid, discriminatie, racisme, geweld',
    'eenzaamheid, isolement, sociaal netwerk, contacten',
    'statushouder, nieuwkomer, vluchteling, inburgeraar, asielzoeker'
  ] loop
    insert into public.search_synonym_groups default values returning id into made;
    insert into public.search_synonyms (group_id, word) select made, unnest(string_to_array(line, ', '));
  end loop;
end
$$;
