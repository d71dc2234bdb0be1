-- The advice register: an advice's content (insight → opportunities, golden tips, indicators, process
-- part, addressees), its review inside the pool (versions, comments, "I recognise this", quotes), its
-- publication (addressed or public) and what municipalities did with it (responses with history).
-- Also: municipalities' goal trees (goal → output → core indicator) and saved searches.

-- Helpers for policies -----------------------------------------------------------------------------
-- Each returns an array once per statement, so a policy can use `(select …)` (an init plan) and an
-- index (`= any`, `&&`) instead of calling a function for every one of 100 000 rows.

-- The pools the current user belongs to.
create function public.my_pool_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(pool_id), '{}') from public.pool_memberships where user_id = auth.uid()
$$;

-- What the current user reads for: their municipalities, those municipalities' regions, and the
-- organisations that stand for those municipalities. An advice is addressed to any of these ids.
create function public.my_reader_scope() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct scope_id), '{}') from (
    select r.municipality_id as scope_id from public.municipality_readers r where r.user_id = auth.uid()
    union all
    select m.region_id from public.municipality_readers r
      join public.municipalities m on m.id = r.municipality_id where r.user_id = auth.uid()
    union all
    select o.id from public.municipality_readers r
      join public.organisations o on o.municipality_id = r.municipality_id where r.user_id = auth.uid()
  ) s
$$;

-- A pool's name, for showing where a readable advice comes from (public advice reaches people who
-- may not read the pool itself, anon included). Names only; never members.
create function public.pool_name(pool uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select name from public.pools where id = pool
$$;

-- An immutable join, so a generated column may index an array's text (array_to_string is only stable).
create function public.join_text(parts text[]) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select coalesce(array_to_string(parts, ' '), '')
$$;

-- The advice itself ---------------------------------------------------------------------------------

alter table public.advices
  add column opportunities text[] not null default '{}',
  add column golden_tips text[] not null default '{}',
  add column indicator_codes text[] not null default '{}',
  add column process_part text not null default 'other' check (process_part in (
    'brede_intake', 'pip', 'map', 'knm', 'pvt', 'leerroute', 'financial_unburdening', 'communication', 'other')),
  -- Municipalities, regions and organisations (chain partners, providers) it is addressed to.
  add column addressee_ids uuid[] not null default '{}',
  add column visibility text not null default 'addressed' check (visibility in ('addressed', 'public')),
  add column published_at timestamptz,
  add column version int not null default 1,
  add constraint advices_opportunities_size check (cardinality(opportunities) <= 20),
  add constraint advices_golden_tips_size check (cardinality(golden_tips) <= 20),
  add constraint advices_insight_size check (length(insight) <= 20000),
  add constraint advices_published_has_date check (status in ('draft', 'in_review') or published_at is not null);

-- Dutch stemming, weighted: title A, insight and opportunities B, golden tips C. The insight is
-- sanitised HTML; tags are removed before indexing.
alter table public.advices add column search_vector tsvector generated always as (
  setweight(to_tsvector('dutch', title), 'A')
  || setweight(to_tsvector('dutch', regexp_replace(insight, '<[^>]*>', ' ', 'g')), 'B')
  || setweight(to_tsvector('dutch', public.join_text(opportunities)), 'B')
  || setweight(to_tsvector('dutch', public.join_text(golden_tips)), 'C')
) stored;
-- Language-neutral fallback: words as written, for names, abbreviations and text in other languages.
alter table public.advices add column search_simple tsvector generated always as (
  to_tsvector('simple', title || ' ' || regexp_replace(insight, '<[^>]*>', ' ', 'g') || ' '
    || public.join_text(opportunities) || ' ' || public.join_text(golden_tips))
) stored;

-- fastupdate off: new advice goes straight into the index instead of a pending list that only
-- (auto)vacuum merges; PGlite has no autovacuum, and a long pending list makes the planner avoid GIN.
create index advices_search_vector_idx on public.advices using gin (search_vector) with (fastupdate = off);
create index advices_search_simple_idx on public.advices using gin (search_simple) with (fastupdate = off);
create index advices_indicator_codes_idx on public.advices using gin (indicator_codes) with (fastupdate = off);
create index advices_addressee_ids_idx on public.advices using gin (addressee_ids) with (fastupdate = off);
create index advices_status_published_idx on public.advices (status, published_at desc);
create index advices_published_at_idx on public.advices (published_at desc);
create index advices_process_part_idx on public.advices (process_part, published_at desc);

-- Indicator codes must name one of the 14 (an array cannot carry a foreign key).
create function public.check_advice_indicators() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if exists (select 1 from unnest(new.indicator_codes) c where c not in (select code from public.indicators)) then
    raise exception 'unknown indicator code' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger advices_check_indicators before insert or update of indicator_codes on public.advices
  for each row execute function public.check_advice_indicators();

-- Versions: every change of the text is kept, written by the database so nobody can skip it -------

create table public.advice_versions (
  id uuid primary key default gen_random_uuid(),
  advice_id uuid not null references public.advices (id) on delete cascade,
  version int not null,
  title text not null,
  insight text not null,
  opportunities text[] not null,
  golden_tips text[] not null,
  edited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (advice_id, version)
);

create function public.keep_advice_version() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and (new.title, new.insight, new.opportunities, new.golden_tips)
      is not distinct from (old.title, old.insight, old.opportunities, old.golden_tips) then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger advices_bump_version before update on public.advices
  for each row execute function public.keep_advice_version();

create function public.record_advice_version() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.version <> old.version then
    insert into public.advice_versions (advice_id, version, title, insight, opportunities, golden_tips, edited_by)
    values (new.id, new.version, new.title, new.insight, new.opportunities, new.golden_tips, auth.uid());
  end if;
  return null;
end
$$;
create trigger advices_record_version after insert or update on public.advices
  for each row execute function public.record_advice_version();

-- Review inside the pool ---------------------------------------------------------------------------

create table public.advice_comments (
  id uuid primary key default gen_random_uuid(),
  advice_id uuid not null references public.advices (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index advice_comments_advice_id_idx on public.advice_comments (advice_id);

create table public.advice_recognitions (
  advice_id uuid not null references public.advices (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (advice_id, user_id)
);

-- Quotes from members, shown only while the member's consent for quotes is in force.
create table public.advice_quotes (
  id uuid primary key default gen_random_uuid(),
  advice_id uuid not null references public.advices (id) on delete cascade,
  member_id uuid not null references auth.users (id) on delete cascade,
  body text not null check (length(body) between 1 and 1000),
  created_at timestamptz not null default now()
);
create index advice_quotes_advice_id_idx on public.advice_quotes (advice_id);

-- How many members recognise an advice, for anyone who may read it (a number, never names).
create function public.advice_recognition_count(advice uuid) returns int
language sql stable security definer set search_path = ''
as $$
  select count(*)::int from public.advice_recognitions r
  where r.advice_id = advice
$$;

-- Responses: what an addressed municipality did with it; append-only, so the history stays --------

create table public.advice_responses (
  id uuid primary key default gen_random_uuid(),
  advice_id uuid not null references public.advices (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  decision text not null check (decision in ('adopted', 'partly', 'not_adopted', 'under_consideration')),
  explanation text not null default '' check (length(explanation) <= 4000),
  planned_action text not null default '' check (length(planned_action) <= 4000),
  planned_on date,
  responded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index advice_responses_advice_id_idx on public.advice_responses (advice_id, municipality_id, created_at desc);
create index advice_responses_municipality_id_idx on public.advice_responses (municipality_id);

-- True when the advice is published and addressed to this municipality, its region or its organisation.
create function public.advice_addressed_to_municipality(advice uuid, municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.advices a
    join public.municipalities m on m.id = municipality
    where a.id = advice
      and a.status in ('published', 'responded', 'implemented')
      and a.addressee_ids && (array[m.id, m.region_id]
        || array(select o.id from public.organisations o where o.municipality_id = m.id))
  )
$$;

-- A first response moves a published advice to "responded".
create function public.mark_advice_responded() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.advices set status = 'responded' where id = new.advice_id and status = 'published';
  return null;
end
$$;
create trigger advice_responses_mark_responded after insert on public.advice_responses
  for each row execute function public.mark_advice_responded();

-- Municipalities' own goal trees (seed 001): goal → output → core indicator with its data source --

create table public.municipal_goals (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  title text not null check (length(title) between 1 and 300),
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index municipal_goals_municipality_id_idx on public.municipal_goals (municipality_id);

create table public.municipal_outputs (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references public.municipal_goals (id) on delete cascade,
  title text not null check (length(title) between 1 and 100),
  description text not null default '' check (length(description) <= 2000),
  position int not null default 0
);
create index municipal_outputs_goal_id_idx on public.municipal_outputs (goal_id);

create table public.core_indicators (
  id uuid primary key default gen_random_uuid(),
  output_id uuid not null references public.municipal_outputs (id) on delete cascade,
  description text not null check (length(description) between 1 and 1000),
  data_source text not null default '' check (length(data_source) <= 300),
  position int not null default 0
);
create index core_indicators_output_id_idx on public.core_indicators (output_id);

create table public.advice_core_indicators (
  advice_id uuid not null references public.advices (id) on delete cascade,
  core_indicator_id uuid not null references public.core_indicators (id) on delete cascade,
  primary key (advice_id, core_indicator_id)
);
create index advice_core_indicators_core_indicator_id_idx on public.advice_core_indicators (core_indicator_id);

-- Saved searches: a name and the register's query string, private to their owner -----------------

create table public.saved_searches (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  name text not null check (length(name) between 1 and 80),
  query text not null check (length(query) <= 2000),
  created_at timestamptz not null default now()
);
create index saved_searches_user_id_idx on public.saved_searches (user_id);

-- Row level security ---------------------------------------------------------------------------------

alter table public.advice_versions enable row level security;
alter table public.advice_comments enable row level security;
alter table public.advice_recognitions enable row level security;
alter table public.advice_quotes enable row level security;
alter table public.advice_responses enable row level security;
alter table public.municipal_goals enable row level security;
alter table public.municipal_outputs enable row level security;
alter table public.core_indicators enable row level security;
alter table public.advice_core_indicators enable row level security;
alter table public.saved_searches enable row level security;

-- advices: replace the temporary policies of the shared migration.
drop policy "pool members and admins read their pool's advice" on public.advices;
drop policy "pool coordinators and admins change advice" on public.advices;
drop policy "pool coordinators and admins remove advice" on public.advices;

create policy "the pool and admins read all its advice, readers what is addressed to them, anyone public advice"
  on public.advices for select to anon, authenticated
  using (
    (status in ('published', 'responded', 'implemented')
      and (visibility = 'public' or addressee_ids && (select public.my_reader_scope())))
    or array[pool_id] <@ (select public.my_pool_ids())
    or (select public.is_admin())
  );
-- ("pool members draft advice", the insert policy of the shared migration, stays as it is.)
create policy "authors edit and submit their own drafts" on public.advices for update to authenticated
  using (created_by = auth.uid() and status = 'draft' and public.is_pool_member(pool_id))
  with check (created_by = auth.uid() and status in ('draft', 'in_review') and public.is_pool_member(pool_id));
create policy "pool coordinators and admins edit, publish and follow up advice" on public.advices for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins remove advice" on public.advices for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

-- The register reads advice through this view. Its filter is the select policy above, word for word
-- (a test checks that both agree for every role). Why not just the table under RLS: Postgres keeps a
-- query's own conditions behind the policy unless their operators are leakproof, so a search (@@) or
-- a filter (&&) could never use its GIN index, and every search would scan all rows. A plain view
-- (not security_barrier, running as its owner) lets the planner combine both. It is read-only;
-- every write goes to advices under RLS, and the detail page reads the table under RLS.
create view public.register_advices as
  select a.id, a.pool_id, a.title, a.insight, a.opportunities, a.golden_tips, a.indicator_codes, a.process_part,
         a.addressee_ids, a.status, a.visibility, a.published_at, a.created_at, a.updated_at,
         a.search_vector, a.search_simple
  from public.advices a
  where (a.status in ('published', 'responded', 'implemented')
          and (a.visibility = 'public' or a.addressee_ids && (select public.my_reader_scope())))
     or array[a.pool_id] <@ (select public.my_pool_ids())
     or (select public.is_admin());

-- Child tables: "inside the pool" means a member of the advice's pool (or an admin).
create function public.works_on_advice(advice uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin() or exists (
    select 1 from public.advices a
    join public.pool_memberships m on m.pool_id = a.pool_id and m.user_id = auth.uid()
    where a.id = advice
  )
$$;

create policy "the pool and admins read versions" on public.advice_versions for select to authenticated
  using (public.works_on_advice(advice_id));

create policy "the pool and admins read comments" on public.advice_comments for select to authenticated
  using (public.works_on_advice(advice_id));
create policy "pool members comment as themselves" on public.advice_comments for insert to authenticated
  with check (author_id = auth.uid() and public.works_on_advice(advice_id));
create policy "authors and admins remove comments" on public.advice_comments for delete to authenticated
  using (author_id = auth.uid() or public.is_admin());

create policy "the pool and admins see who recognises an advice" on public.advice_recognitions for select to authenticated
  using (public.works_on_advice(advice_id));
create policy "pool members recognise an advice as themselves" on public.advice_recognitions for insert to authenticated
  with check (user_id = auth.uid() and public.works_on_advice(advice_id));
create policy "members take back their recognition" on public.advice_recognitions for delete to authenticated
  using (user_id = auth.uid());

create policy "who reads the advice reads quotes whose member consents" on public.advice_quotes for select to anon, authenticated
  using (public.has_consent(member_id, 'quotes_in_advice') and exists (select 1 from public.advices a where a.id = advice_id));
create policy "the pool adds quotes of consenting co-members" on public.advice_quotes for insert to authenticated
  with check (
    public.works_on_advice(advice_id)
    and public.has_consent(member_id, 'quotes_in_advice')
    and exists (
      select 1 from public.advices a
      join public.pool_memberships m on m.pool_id = a.pool_id and m.user_id = member_id
      where a.id = advice_id
    )
  );
create policy "the pool and the quoted member remove quotes" on public.advice_quotes for delete to authenticated
  using (member_id = auth.uid() or public.works_on_advice(advice_id));

create policy "who reads the advice reads its responses" on public.advice_responses for select to anon, authenticated
  using (exists (select 1 from public.advices a where a.id = advice_id));
create policy "readers of an addressed municipality respond" on public.advice_responses for insert to authenticated
  with check (
    responded_by = auth.uid()
    and municipality_id in (select r.municipality_id from public.municipality_readers r where r.user_id = auth.uid())
    and public.advice_addressed_to_municipality(advice_id, municipality_id)
  );

create policy "anyone reads goal trees" on public.municipal_goals for select to anon, authenticated using (true);
create policy "admins and coordinators manage goals" on public.municipal_goals for all to authenticated
  using (public.is_admin() or public.has_role('coordinator'))
  with check (public.is_admin() or public.has_role('coordinator'));
create policy "anyone reads outputs" on public.municipal_outputs for select to anon, authenticated using (true);
create policy "admins and coordinators manage outputs" on public.municipal_outputs for all to authenticated
  using (public.is_admin() or public.has_role('coordinator'))
  with check (public.is_admin() or public.has_role('coordinator'));
create policy "anyone reads core indicators" on public.core_indicators for select to anon, authenticated using (true);
create policy "admins and coordinators manage core indicators" on public.core_indicators for all to authenticated
  using (public.is_admin() or public.has_role('coordinator'))
  with check (public.is_admin() or public.has_role('coordinator'));

create policy "who reads the advice reads its goal links" on public.advice_core_indicators for select to anon, authenticated
  using (exists (select 1 from public.advices a where a.id = advice_id));
create policy "the pool links advice to goals" on public.advice_core_indicators for insert to authenticated
  with check (public.works_on_advice(advice_id));
create policy "the pool unlinks advice from goals" on public.advice_core_indicators for delete to authenticated
  using (public.works_on_advice(advice_id));

create policy "people read their own saved searches" on public.saved_searches for select to authenticated
  using (user_id = auth.uid());
create policy "people save their own searches" on public.saved_searches for insert to authenticated
  with check (user_id = auth.uid());
create policy "people remove their own saved searches" on public.saved_searches for delete to authenticated
  using (user_id = auth.uid());

-- Privileges ----------------------------------------------------------------------------------------

revoke execute on function public.my_pool_ids(), public.my_reader_scope(), public.advice_recognition_count(uuid),
  public.advice_addressed_to_municipality(uuid, uuid), public.works_on_advice(uuid) from public;
grant execute on function public.my_pool_ids(), public.my_reader_scope(), public.advice_recognition_count(uuid),
  public.advice_addressed_to_municipality(uuid, uuid), public.works_on_advice(uuid), public.join_text(text[]),
  public.pool_name(uuid)
  to anon, authenticated, service_role;

grant select on public.advices, public.register_advices, public.advice_quotes, public.advice_responses, public.municipal_goals,
  public.municipal_outputs, public.core_indicators, public.advice_core_indicators to anon;
grant select on public.register_advices to authenticated, service_role;
grant select, insert, update, delete on public.advice_versions, public.advice_comments, public.advice_recognitions,
  public.advice_quotes, public.advice_responses, public.municipal_goals, public.municipal_outputs,
  public.core_indicators, public.advice_core_indicators, public.saved_searches to authenticated, service_role;
-- Responses are history: nobody changes or removes one (an update is a new response).
revoke update, delete on public.advice_responses from authenticated;
-- Versions are written by the database only.
revoke insert, update, delete on public.advice_versions from authenticated;
