-- Shared ground for the pools, boards and advice features: the 14 Indicators of Integration,
-- consent records (AVG/GDPR), and the core of an advice (boards create drafts, the register grows it).

-- The 14 Indicators of Integration (UK Home Office framework, 2019) ------------------------------

create table public.indicators (
  code text primary key check (code ~ '^[a-z_]+$'),
  domain text not null check (domain in ('markers_means', 'social_connections', 'facilitators', 'foundation')),
  position int not null unique,
  name_nl text not null,
  name_en text not null,
  name_ar text not null,
  description_nl text not null default '',
  description_en text not null default '',
  description_ar text not null default '',
  updated_at timestamptz not null default now()
);

insert into public.indicators (code, domain, position, name_nl, name_en, name_ar) values
  ('work', 'markers_means', 1, 'Werk', 'Work', 'العمل'),
  ('housing', 'markers_means', 2, 'Wonen', 'Housing', 'السكن'),
  ('education', 'markers_means', 3, 'Onderwijs', 'Education', 'التعليم'),
  ('health', 'markers_means', 4, 'Gezondheid en zorg', 'Health and social care', 'الصحة والرعاية الاجتماعية'),
  ('leisure', 'markers_means', 5, 'Vrije tijd', 'Leisure', 'أوقات الفراغ'),
  ('bonds', 'social_connections', 6, 'Verbindingen binnen de eigen groep', 'Bonds', 'الروابط'),
  ('bridges', 'social_connections', 7, 'Bruggen naar anderen', 'Bridges', 'الجسور'),
  ('links', 'social_connections', 8, 'Verbindingen met instanties', 'Links', 'الصلات بالمؤسسات'),
  ('language', 'facilitators', 9, 'Taal en communicatie', 'Language and communication', 'اللغة والتواصل'),
  ('culture', 'facilitators', 10, 'Cultuur', 'Culture', 'الثقافة'),
  ('digital', 'facilitators', 11, 'Digitale vaardigheden', 'Digital skills', 'المهارات الرقمية'),
  ('safety', 'facilitators', 12, 'Veiligheid', 'Safety', 'الأمان'),
  ('stability', 'facilitators', 13, 'Stabiliteit', 'Stability', 'الاستقرار'),
  ('rights', 'foundation', 14, 'Rechten en plichten', 'Rights and responsibilities', 'الحقوق والمسؤوليات');

alter table public.indicators enable row level security;
create policy "anyone reads the indicators" on public.indicators for select to anon, authenticated using (true);
create policy "admins edit indicator texts" on public.indicators for update to authenticated
  using (public.is_admin()) with check (public.is_admin());

-- Consent per purpose, with dates; a withdrawal is a new fact, the history stays -------------------

create table public.consents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null check (purpose in ('contact', 'profile_visible_to_members', 'quotes_in_advice', 'contact_details_to_coordinators')),
  given_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  check (withdrawn_at is null or withdrawn_at >= given_at)
);
-- At most one consent per person and purpose is in force at a time.
create unique index consents_active_idx on public.consents (user_id, purpose) where withdrawn_at is null;

-- True while the person has this consent in force; usable by policies and views of any feature.
create function public.has_consent(person uuid, wanted text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.consents where user_id = person and purpose = wanted and withdrawn_at is null
  )
$$;
revoke execute on function public.has_consent(uuid, text) from public;
grant execute on function public.has_consent(uuid, text) to anon, authenticated, service_role;

alter table public.consents enable row level security;
create policy "people, their coordinators and admins read consents" on public.consents for select to authenticated
  using (user_id = auth.uid() or public.coordinates_person(user_id) or public.is_admin());
create policy "people give their own consent" on public.consents for insert to authenticated
  with check (user_id = auth.uid());
create policy "people withdraw their own consent" on public.consents for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());

-- Advice: the core every feature agrees on. The advice register adds its content and lifecycle;
-- a board card's "turn into advice" creates a draft here with its source.

create table public.advices (
  id uuid primary key default gen_random_uuid(),
  pool_id uuid not null references public.pools (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  insight text not null default '',
  status text not null default 'draft' check (status in ('draft', 'in_review', 'published', 'responded', 'implemented', 'withdrawn')),
  source_session_id uuid,
  source_board_id uuid,
  source_card_id text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index advices_pool_id_idx on public.advices (pool_id);

alter table public.advices enable row level security;
-- The advice register refines reading (publication, addressees, public); until then: the pool and admins.
create policy "pool members and admins read their pool's advice" on public.advices for select to authenticated
  using (public.is_pool_member(pool_id) or public.is_admin());
create policy "pool members draft advice" on public.advices for insert to authenticated
  with check (public.is_pool_member(pool_id) and created_by = auth.uid() and status = 'draft');
create policy "pool coordinators and admins change advice" on public.advices for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins remove advice" on public.advices for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

grant select on public.indicators to anon;
grant select, insert, update, delete on public.indicators, public.consents, public.advices to authenticated, service_role;
