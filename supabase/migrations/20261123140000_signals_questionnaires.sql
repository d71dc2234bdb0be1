-- Signal and analyse (issue 8): signals from newcomers, members and coordinators, tagged with the
-- 14 indicators and linked as evidence to advice; experience questionnaires whose results are only
-- ever shown for groups of at least five respondents; partner organisations and their people.

-- Partner organisations and who works for an organisation ---------------------------------------

alter table public.organisations drop constraint organisations_kind_check;
alter table public.organisations add constraint organisations_kind_check
  check (kind in ('coordinating', 'municipality', 'chain_partner', 'provider', 'client', 'partner'));

create table public.organisation_members (
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (organisation_id, user_id)
);
create index organisation_members_user_id_idx on public.organisation_members (user_id);

create function public.is_organisation_member(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.organisation_members where organisation_id = org and user_id = auth.uid())
$$;

-- The regions whose signals the current user works on: those of the regional pools they belong to
-- (any role), and those they coordinate. Arrays, so that policies evaluate them once per query.
create function public.my_signal_regions() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct p.region_id), '{}')
  from public.pool_memberships m join public.pools p on p.id = m.pool_id
  where m.user_id = auth.uid() and p.region_id is not null
$$;

create function public.my_coordinated_regions() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct p.region_id), '{}')
  from public.pool_memberships m join public.pools p on p.id = m.pool_id
  where m.user_id = auth.uid() and m.role = 'coordinator' and p.region_id is not null
$$;

-- Signals -----------------------------------------------------------------------------------------

create table public.signals (
  id uuid primary key default gen_random_uuid(),
  -- What the newcomer is told to quote; short and without look-alike characters.
  reference text not null unique check (reference ~ '^EP-[A-Z0-9]{6,10}$'),
  channel text not null
    check (channel in ('public_form', 'helpdesk', 'community_research', 'session', 'board_card', 'questionnaire')),
  received_on date not null default current_date,
  -- Filled in from the municipality when there is one; null: nobody knows where (any coordinator triages).
  region_id uuid references public.regions (id) on delete set null,
  municipality_id uuid references public.municipalities (id) on delete set null,
  language text not null default 'nl' check (language ~ '^[a-z]{2,3}$'),
  body text not null check (length(body) between 1 and 4000),
  process_parts text[] not null default '{}'
    check (process_parts <@ array['brede_intake', 'pip', 'leerroute', 'map', 'knm', 'pvt', 'other']::text[]),
  status text not null default 'new' check (status in ('new', 'triaged', 'answered', 'closed', 'merged')),
  merged_into uuid references public.signals (id) on delete set null,
  answer text check (length(answer) <= 4000),
  answered_at timestamptz,
  answered_by uuid references auth.users (id) on delete set null,
  -- Set by the retention job when it deleted the contact details; the signal itself stays.
  contact_removed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'merged') = (merged_into is not null)),
  check (merged_into is null or merged_into <> id)
);
create index signals_region_received_idx on public.signals (region_id, received_on);
create index signals_municipality_received_idx on public.signals (municipality_id, received_on);
create index signals_status_idx on public.signals (status, received_on desc);
create index signals_body_trgm_idx on public.signals using gin (body extensions.gin_trgm_ops);

create function public.signals_place_in_region() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.municipality_id is not null then
    select region_id into new.region_id from public.municipalities where id = new.municipality_id;
  end if;
  return new;
end
$$;
create trigger signals_place_in_region before insert or update of municipality_id on public.signals
  for each row execute function public.signals_place_in_region();

-- Contact details live apart from the signal: only the region's coordinators see them, and the
-- retention job deletes the row while the anonymised signal stays.
create table public.signal_contacts (
  signal_id uuid primary key references public.signals (id) on delete cascade,
  name text check (length(name) <= 80),
  email text check (email is null or (length(email) <= 254 and email like '%_@_%')),
  phone text check (length(phone) <= 40),
  created_at timestamptz not null default now(),
  check (email is not null or phone is not null)
);

create table public.signal_indicators (
  signal_id uuid not null references public.signals (id) on delete cascade,
  indicator_code text not null references public.indicators (code) on delete cascade,
  tagged_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (signal_id, indicator_code)
);
create index signal_indicators_indicator_idx on public.signal_indicators (indicator_code, signal_id);

create table public.signal_advice_links (
  signal_id uuid not null references public.signals (id) on delete cascade,
  advice_id uuid not null references public.advices (id) on delete cascade,
  linked_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (signal_id, advice_id)
);
create index signal_advice_links_advice_idx on public.signal_advice_links (advice_id);

-- Words that hint at an indicator, per language; admins keep the lists, triage suggests from them.
create table public.indicator_keywords (
  id uuid primary key default gen_random_uuid(),
  indicator_code text not null references public.indicators (code) on delete cascade,
  language text not null check (language in ('nl', 'en', 'ar')),
  keyword text not null check (length(keyword) between 2 and 60 and keyword = lower(btrim(keyword))),
  created_at timestamptz not null default now(),
  unique (indicator_code, language, keyword)
);

-- True when the current user may work on this signal (read, tag, link): people of its region's
-- pools, any coordinator when it has no region, admins.
create function public.works_on_signal(signal uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.signals s
    where s.id = signal and (
      s.region_id = any (public.my_signal_regions())
      or (s.region_id is null and public.has_role('coordinator'))
      or public.is_admin()
    )
  )
$$;

-- True when the current user may see and delete the signal's contact details.
create function public.coordinates_signal(signal uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.signals s
    where s.id = signal and (
      s.region_id = any (public.my_coordinated_regions())
      or (s.region_id is null and public.has_role('coordinator'))
      or public.is_admin()
    )
  )
$$;

-- The public form: anyone (no account) leaves a signal and perhaps a way to answer them. A function,
-- so that anon gets no table privileges at all; the app has validated and cleaned the text.
create function public.submit_public_signal(
  p_reference text, p_body text, p_language text, p_municipality uuid,
  p_name text, p_email text, p_phone text
) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  new_id uuid;
begin
  if p_language not in ('nl', 'en', 'ar') then
    raise exception 'unsupported language' using errcode = '22023';
  end if;
  insert into public.signals (reference, channel, municipality_id, language, body)
  values (p_reference, 'public_form', p_municipality, p_language, p_body)
  returning id into new_id;
  if coalesce(p_email, p_phone) is not null then
    insert into public.signal_contacts (signal_id, name, email, phone) values (new_id, p_name, p_email, p_phone);
  end if;
  return p_reference;
end
$$;

-- How many signals, and how many different members logging them, support an advice. Counts only,
-- for anyone who may see the advice (its pool, readers it serves, admins, or once it is public).
create function public.advice_evidence(advice uuid)
returns table (signal_count int, member_count int)
language sql stable security definer set search_path = ''
as $$
  select count(*)::int, count(distinct s.created_by)::int
  from public.advices a
  join public.signal_advice_links l on l.advice_id = a.id
  join public.signals s on s.id = l.signal_id
  where a.id = advice
    and (public.is_pool_member(a.pool_id) or public.reads_for_pool(a.pool_id) or public.is_admin()
         or a.status in ('published', 'responded', 'implemented'))
$$;

alter table public.organisation_members enable row level security;
alter table public.signals enable row level security;
alter table public.signal_contacts enable row level security;
alter table public.signal_indicators enable row level security;
alter table public.signal_advice_links enable row level security;
alter table public.indicator_keywords enable row level security;

create policy "people read their own organisations, admins all" on public.organisation_members for select to authenticated
  using (user_id = auth.uid() or public.is_admin());
create policy "admins tie people to organisations" on public.organisation_members for insert to authenticated
  with check (public.is_admin());
create policy "admins untie people from organisations" on public.organisation_members for delete to authenticated
  using (public.is_admin());

create policy "pool people of the region, coordinators and admins read signals"
  on public.signals for select to authenticated
  using (
    region_id = any ((select public.my_signal_regions())::uuid[])
    or (region_id is null and (select public.has_role('coordinator')))
    or (select public.is_admin())
  );
create policy "pool people log signals for their region" on public.signals for insert to authenticated
  with check (
    created_by = auth.uid() and channel <> 'public_form' and (
      region_id = any (public.my_signal_regions())
      or (region_id is null and public.has_role('coordinator'))
      or public.is_admin()
    )
  );
create policy "pool people of the region triage signals" on public.signals for update to authenticated
  using (
    region_id = any ((select public.my_signal_regions())::uuid[])
    or (region_id is null and (select public.has_role('coordinator')))
    or (select public.is_admin())
  )
  with check (
    region_id = any (public.my_signal_regions())
    or (region_id is null and public.has_role('coordinator'))
    or public.is_admin()
  );
create policy "admins remove signals" on public.signals for delete to authenticated using (public.is_admin());

create policy "the region's coordinators read contact details" on public.signal_contacts for select to authenticated
  using (public.coordinates_signal(signal_id));
create policy "people logging a signal add contact details" on public.signal_contacts for insert to authenticated
  with check (public.works_on_signal(signal_id));
create policy "the region's coordinators delete contact details" on public.signal_contacts for delete to authenticated
  using (public.coordinates_signal(signal_id));

-- Reading follows the signal's own policy (a semi-join the planner can use over many rows).
create policy "who reads the signal reads its indicators" on public.signal_indicators for select to authenticated
  using (exists (select 1 from public.signals s where s.id = signal_id));
create policy "who works on the signal tags it" on public.signal_indicators for insert to authenticated
  with check (public.works_on_signal(signal_id) and tagged_by = auth.uid());
create policy "who works on the signal untags it" on public.signal_indicators for delete to authenticated
  using (public.works_on_signal(signal_id));

create policy "who reads the signal reads its evidence links" on public.signal_advice_links for select to authenticated
  using (exists (select 1 from public.signals s where s.id = signal_id));
-- The advice must be one the person can read (its own policies decide), so nobody links blind.
create policy "who works on the signal links it to a readable advice" on public.signal_advice_links for insert to authenticated
  with check (
    public.works_on_signal(signal_id) and linked_by = auth.uid()
    and exists (select 1 from public.advices a where a.id = advice_id)
  );
create policy "who works on the signal unlinks it" on public.signal_advice_links for delete to authenticated
  using (public.works_on_signal(signal_id));

create policy "signed-in people read the keyword lists" on public.indicator_keywords for select to authenticated using (true);
create policy "admins add keywords" on public.indicator_keywords for insert to authenticated with check (public.is_admin());
create policy "admins remove keywords" on public.indicator_keywords for delete to authenticated using (public.is_admin());

-- Experience questionnaires (seed 004) --------------------------------------------------------------

create table public.questionnaires (
  id uuid primary key default gen_random_uuid(),
  -- Owned by a pool (its coordinators manage it) or by an organisation (its people manage it).
  pool_id uuid references public.pools (id) on delete cascade,
  organisation_id uuid references public.organisations (id) on delete cascade,
  title_nl text not null check (length(title_nl) between 1 and 200),
  title_en text not null default '' check (length(title_en) <= 200),
  title_ar text not null default '' check (length(title_ar) <= 200),
  intro_nl text not null default '' check (length(intro_nl) <= 2000),
  intro_en text not null default '' check (length(intro_en) <= 2000),
  intro_ar text not null default '' check (length(intro_ar) <= 2000),
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (num_nonnulls(pool_id, organisation_id) = 1)
);
create index questionnaires_pool_id_idx on public.questionnaires (pool_id);
create index questionnaires_organisation_id_idx on public.questionnaires (organisation_id);

create table public.questionnaire_questions (
  id uuid primary key default gen_random_uuid(),
  questionnaire_id uuid not null references public.questionnaires (id) on delete cascade,
  position int not null check (position > 0),
  indicator_code text not null references public.indicators (code),
  kind text not null check (kind in ('scale', 'single', 'multiple', 'open')),
  text_nl text not null check (length(text_nl) between 1 and 500),
  text_en text not null default '' check (length(text_en) <= 500),
  text_ar text not null default '' check (length(text_ar) <= 500),
  -- The labelled ends of a 1–5 scale.
  scale_low_nl text not null default '', scale_low_en text not null default '', scale_low_ar text not null default '',
  scale_high_nl text not null default '', scale_high_en text not null default '', scale_high_ar text not null default '',
  unique (questionnaire_id, position)
);

create table public.questionnaire_options (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null references public.questionnaire_questions (id) on delete cascade,
  position int not null check (position > 0),
  label_nl text not null check (length(label_nl) between 1 and 200),
  label_en text not null default '' check (length(label_en) <= 200),
  label_ar text not null default '' check (length(label_ar) <= 200),
  unique (question_id, position)
);

create table public.questionnaire_waves (
  id uuid primary key default gen_random_uuid(),
  questionnaire_id uuid not null references public.questionnaires (id) on delete cascade,
  name text not null check (length(name) between 1 and 80),
  -- The secret in the distribution link /q/<token>.
  link_token text not null unique check (length(link_token) >= 16),
  mode text not null default 'anonymous' check (mode in ('anonymous', 'account')),
  status text not null default 'open' check (status in ('open', 'closed')),
  opens_on date not null default current_date,
  created_at timestamptz not null default now()
);
create index questionnaire_waves_questionnaire_idx on public.questionnaire_waves (questionnaire_id);

create table public.questionnaire_responses (
  id uuid primary key default gen_random_uuid(),
  wave_id uuid not null references public.questionnaire_waves (id) on delete cascade,
  -- Only for waves tied to an account.
  user_id uuid references auth.users (id) on delete set null,
  -- sha256 of the resume secret kept in the respondent's cookie.
  resume_hash text not null,
  municipality_id uuid references public.municipalities (id) on delete set null,
  region_id uuid references public.regions (id) on delete set null,
  locale text not null default 'nl' check (locale in ('nl', 'en', 'ar')),
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (wave_id, user_id)
);
create index questionnaire_responses_wave_idx on public.questionnaire_responses (wave_id, municipality_id);

create table public.questionnaire_answers (
  id uuid primary key default gen_random_uuid(),
  response_id uuid not null references public.questionnaire_responses (id) on delete cascade,
  question_id uuid not null references public.questionnaire_questions (id) on delete cascade,
  scale_value smallint check (scale_value between 1 and 5),
  option_ids uuid[],
  open_text text check (length(open_text) <= 2000),
  answered_at timestamptz not null default now(),
  unique (response_id, question_id)
);
create index questionnaire_answers_question_idx on public.questionnaire_answers (question_id);

create function public.manages_questionnaire(questionnaire uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.questionnaires q
    where q.id = questionnaire and (
      public.is_admin()
      or (q.pool_id is not null and public.is_pool_coordinator(q.pool_id))
      or (q.organisation_id is not null and public.is_organisation_member(q.organisation_id))
    )
  )
$$;

-- Who sees a questionnaire's aggregated results: its managers, and for a pool's questionnaire the
-- pool's members and the readers of the municipalities it serves. A partner sees only its own.
create function public.sees_questionnaire_results(questionnaire uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.manages_questionnaire(questionnaire) or exists (
    select 1 from public.questionnaires q
    where q.id = questionnaire and q.pool_id is not null
      and (public.is_pool_member(q.pool_id) or public.reads_for_pool(q.pool_id))
  )
$$;

alter table public.questionnaires enable row level security;
alter table public.questionnaire_questions enable row level security;
alter table public.questionnaire_options enable row level security;
alter table public.questionnaire_waves enable row level security;
alter table public.questionnaire_responses enable row level security;
alter table public.questionnaire_answers enable row level security;

create policy "anyone reads a questionnaire once out of draft, its result readers always"
  on public.questionnaires for select to anon, authenticated
  using (status <> 'draft' or public.sees_questionnaire_results(id));
create policy "pool coordinators and partner people create questionnaires" on public.questionnaires for insert to authenticated
  with check (
    created_by = auth.uid() and (
      public.is_admin()
      or (pool_id is not null and public.is_pool_coordinator(pool_id))
      or (organisation_id is not null and public.is_organisation_member(organisation_id))
    )
  );
create policy "managers change a questionnaire" on public.questionnaires for update to authenticated
  using (public.manages_questionnaire(id)) with check (public.manages_questionnaire(id));
create policy "managers remove a questionnaire" on public.questionnaires for delete to authenticated
  using (public.manages_questionnaire(id));

create policy "who reads the questionnaire reads its questions" on public.questionnaire_questions for select to anon, authenticated
  using (exists (select 1 from public.questionnaires q where q.id = questionnaire_id));
create policy "managers add questions" on public.questionnaire_questions for insert to authenticated
  with check (public.manages_questionnaire(questionnaire_id));
create policy "managers change questions" on public.questionnaire_questions for update to authenticated
  using (public.manages_questionnaire(questionnaire_id)) with check (public.manages_questionnaire(questionnaire_id));
create policy "managers remove questions" on public.questionnaire_questions for delete to authenticated
  using (public.manages_questionnaire(questionnaire_id));

create policy "who reads the question reads its options" on public.questionnaire_options for select to anon, authenticated
  using (exists (select 1 from public.questionnaire_questions q where q.id = question_id));
create policy "managers add options" on public.questionnaire_options for insert to authenticated
  with check (exists (select 1 from public.questionnaire_questions q where q.id = question_id and public.manages_questionnaire(q.questionnaire_id)));
create policy "managers remove options" on public.questionnaire_options for delete to authenticated
  using (exists (select 1 from public.questionnaire_questions q where q.id = question_id and public.manages_questionnaire(q.questionnaire_id)));

-- Waves carry the link secret: only managers read them; respondents come in through the functions.
create policy "managers read waves" on public.questionnaire_waves for select to authenticated
  using (public.manages_questionnaire(questionnaire_id));
create policy "managers open waves" on public.questionnaire_waves for insert to authenticated
  with check (public.manages_questionnaire(questionnaire_id));
create policy "managers close waves" on public.questionnaire_waves for update to authenticated
  using (public.manages_questionnaire(questionnaire_id)) with check (public.manages_questionnaire(questionnaire_id));

-- Single responses are nobody's to read but the respondent's (admins included): results come only
-- from the aggregate functions below, which suppress small groups.
create policy "respondents read their own responses" on public.questionnaire_responses for select to authenticated
  using (user_id = auth.uid());
create policy "respondents read their own answers" on public.questionnaire_answers for select to authenticated
  using (exists (select 1 from public.questionnaire_responses r where r.id = response_id and r.user_id = auth.uid()));

-- Wave names (not their links) for everyone who sees the results, to filter and compare by.
create function public.questionnaire_wave_names(p_questionnaire uuid)
returns table (id uuid, name text)
language sql stable security definer set search_path = ''
as $$
  select w.id, w.name from public.questionnaire_waves w
  where w.questionnaire_id = p_questionnaire and public.sees_questionnaire_results(p_questionnaire)
  order by w.opens_on, w.created_at
$$;

-- Answering ------------------------------------------------------------------------------------------

-- The wave behind a distribution link, while it and its questionnaire are open.
create function public.questionnaire_wave_by_link(p_token text)
returns table (wave_id uuid, questionnaire_id uuid, wave_name text, mode text)
language sql stable security definer set search_path = ''
as $$
  select w.id, w.questionnaire_id, w.name, w.mode
  from public.questionnaire_waves w join public.questionnaires q on q.id = w.questionnaire_id
  where w.link_token = p_token and w.status = 'open' and q.status = 'open'
$$;

create function public.resume_hash(secret text) returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(secret, 'UTF8')), 'hex')
$$;

-- Starts (or, for an account, picks up again) a response. The secret goes into the respondent's
-- cookie; only its hash is kept.
create function public.start_questionnaire_response(p_token text, p_secret text, p_municipality uuid, p_locale text)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  wave record;
  existing uuid;
  new_id uuid;
begin
  select * into wave from public.questionnaire_wave_by_link(p_token);
  if wave.wave_id is null then
    raise exception 'questionnaire link not open' using errcode = 'P0002';
  end if;
  if wave.mode = 'account' then
    if auth.uid() is null then
      raise exception 'this questionnaire needs an account' using errcode = '42501';
    end if;
    select id into existing from public.questionnaire_responses where wave_id = wave.wave_id and user_id = auth.uid();
    if existing is not null then
      update public.questionnaire_responses set resume_hash = public.resume_hash(p_secret) where id = existing;
      return existing;
    end if;
  end if;
  insert into public.questionnaire_responses (wave_id, user_id, resume_hash, municipality_id, region_id, locale)
  values (
    wave.wave_id,
    case when wave.mode = 'account' then auth.uid() end,
    public.resume_hash(p_secret),
    p_municipality,
    (select region_id from public.municipalities where id = p_municipality),
    coalesce(p_locale, 'nl')
  )
  returning id into new_id;
  return new_id;
end
$$;

-- The response the secret (or the signed-in account) opens, if it is still open for answers.
create function public.open_response(p_response uuid, p_secret text)
returns public.questionnaire_responses
language sql stable security definer set search_path = ''
as $$
  select r.* from public.questionnaire_responses r
  join public.questionnaire_waves w on w.id = r.wave_id
  where r.id = p_response and w.status = 'open'
    and (r.resume_hash = public.resume_hash(p_secret) or (r.user_id is not null and r.user_id = auth.uid()))
$$;

create function public.my_questionnaire_answers(p_response uuid, p_secret text)
returns table (question_id uuid, scale_value smallint, option_ids uuid[], open_text text, completed boolean)
language sql stable security definer set search_path = ''
as $$
  select a.question_id, a.scale_value, a.option_ids, a.open_text, r.completed_at is not null
  from public.open_response(p_response, p_secret) r
  join public.questionnaire_answers a on a.response_id = r.id
$$;

create function public.save_questionnaire_answer(
  p_response uuid, p_secret text, p_question uuid, p_scale int, p_options uuid[], p_text text
) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  resp public.questionnaire_responses;
  question public.questionnaire_questions;
begin
  select * into resp from public.open_response(p_response, p_secret);
  if resp.id is null then
    raise exception 'response not found' using errcode = 'P0002';
  end if;
  select q.* into question from public.questionnaire_questions q
  join public.questionnaire_waves w on w.questionnaire_id = q.questionnaire_id
  where q.id = p_question and w.id = resp.wave_id;
  if question.id is null then
    raise exception 'question not in this questionnaire' using errcode = '22023';
  end if;
  if (question.kind = 'scale' and (p_scale is null or p_scale not between 1 and 5))
    or (question.kind in ('single', 'multiple') and (
      coalesce(cardinality(p_options), 0) = 0
      or (question.kind = 'single' and cardinality(p_options) <> 1)
      or exists (select 1 from unnest(p_options) o where o not in (select id from public.questionnaire_options where question_id = p_question))))
    or (question.kind = 'open' and (p_text is null or length(btrim(p_text)) = 0 or length(p_text) > 2000)) then
    raise exception 'answer does not fit the question' using errcode = '22023';
  end if;
  insert into public.questionnaire_answers (response_id, question_id, scale_value, option_ids, open_text)
  values (
    resp.id, p_question,
    case when question.kind = 'scale' then p_scale end,
    case when question.kind in ('single', 'multiple') then p_options end,
    case when question.kind = 'open' then btrim(p_text) end
  )
  on conflict (response_id, question_id) do update
    set scale_value = excluded.scale_value, option_ids = excluded.option_ids,
        open_text = excluded.open_text, answered_at = now();
end
$$;

create function public.complete_questionnaire_response(p_response uuid, p_secret text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  resp public.questionnaire_responses;
begin
  select * into resp from public.open_response(p_response, p_secret);
  if resp.id is null then
    raise exception 'response not found' using errcode = 'P0002';
  end if;
  update public.questionnaire_responses set completed_at = coalesce(completed_at, now()) where id = resp.id;
end
$$;

-- Results: never for fewer than five respondents ----------------------------------------------------
-- A group (questionnaire × optional wave × optional region × optional municipality × item) with fewer
-- than five completed respondents comes back with null counts and means, whatever the filters.

create function public.questionnaire_scores(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null,
  p_by text default 'none', p_level text default 'indicator'
) returns table (group_key text, item text, respondents int, mean_score numeric)
language plpgsql stable security definer set search_path = ''
-- Sorting a few hundred thousand answers fits in memory; embedded PGlite cannot spill to temp files.
set work_mem = '64MB'
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  if p_by not in ('none', 'wave', 'region', 'municipality') or p_level not in ('indicator', 'domain') then
    raise exception 'unknown breakdown' using errcode = '22023';
  end if;
  return query
  with scoped as (
    select r.id as response_id,
      case p_by when 'wave' then r.wave_id::text when 'region' then r.region_id::text
                when 'municipality' then r.municipality_id::text else 'all' end as g,
      case p_level when 'domain' then i.domain else q.indicator_code end as it,
      a.scale_value
    from public.questionnaire_waves w
    join public.questionnaire_responses r on r.wave_id = w.id
    join public.questionnaire_answers a on a.response_id = r.id
    join public.questionnaire_questions q on q.id = a.question_id
    join public.indicators i on i.code = q.indicator_code
    where w.questionnaire_id = p_questionnaire and r.completed_at is not null
      and q.kind = 'scale' and a.scale_value is not null
      and (p_wave is null or r.wave_id = p_wave)
      and (p_region is null or r.region_id = p_region)
      and (p_municipality is null or r.municipality_id = p_municipality)
  ), grouped as (
    select s.g, s.it, count(distinct s.response_id)::int as n, avg(s.scale_value) as m
    from scoped s group by s.g, s.it
  )
  select g.g, g.it,
    case when g.n >= 5 then g.n end,
    case when g.n >= 5 then round(g.m, 2) end
  from grouped g;
end
$$;

-- Per question: respondents, mean (scale) and how many chose each value or option.
create function public.questionnaire_question_results(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (question_id uuid, respondents int, mean_score numeric, counts jsonb)
language plpgsql stable security definer set search_path = ''
-- Sorting a few hundred thousand answers fits in memory; embedded PGlite cannot spill to temp files.
set work_mem = '64MB'
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  return query
  with scoped as (
    select a.question_id, a.response_id, a.scale_value, a.option_ids, q.kind
    from public.questionnaire_waves w
    join public.questionnaire_responses r on r.wave_id = w.id
    join public.questionnaire_answers a on a.response_id = r.id
    join public.questionnaire_questions q on q.id = a.question_id
    where w.questionnaire_id = p_questionnaire and r.completed_at is not null
      and (p_wave is null or r.wave_id = p_wave)
      and (p_region is null or r.region_id = p_region)
      and (p_municipality is null or r.municipality_id = p_municipality)
  ), sizes as (
    select s.question_id, count(*)::int as n, avg(s.scale_value) as m from scoped s group by s.question_id
  ), choices as (
    select s.question_id, coalesce(s.scale_value::text, o::text) as choice, count(*)::int as c
    from scoped s left join lateral unnest(s.option_ids) o on true
    where s.kind <> 'open'
    group by 1, 2
  )
  select z.question_id,
    case when z.n >= 5 then z.n end,
    case when z.n >= 5 then round(z.m, 2) end,
    case when z.n >= 5 then (
      select coalesce(jsonb_object_agg(c.choice, c.c), '{}'::jsonb) from choices c
      where c.question_id = z.question_id and c.choice is not null
    ) end
  from sizes z;
end
$$;

-- Open answers for the questionnaire's managers: the text only, in no particular order of people.
create function public.questionnaire_open_answers(p_questionnaire uuid, p_wave uuid default null)
returns table (answer_id uuid, question_id uuid, open_text text)
language sql stable security definer set search_path = ''
as $$
  select a.id, a.question_id, a.open_text
  from public.questionnaire_waves w
  join public.questionnaire_responses r on r.wave_id = w.id and r.completed_at is not null
  join public.questionnaire_answers a on a.response_id = r.id
  where w.questionnaire_id = p_questionnaire and (p_wave is null or w.id = p_wave)
    and a.open_text is not null and public.manages_questionnaire(p_questionnaire)
  order by a.open_text
$$;

-- Turns an open answer into a signal of its region (no municipality: it would narrow the person down).
create function public.signal_from_open_answer(p_answer uuid, p_reference text) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  source record;
  new_id uuid;
begin
  select a.open_text, r.region_id, r.locale, w.questionnaire_id into source
  from public.questionnaire_answers a
  join public.questionnaire_responses r on r.id = a.response_id
  join public.questionnaire_waves w on w.id = r.wave_id
  where a.id = p_answer and a.open_text is not null;
  if source.questionnaire_id is null or not public.manages_questionnaire(source.questionnaire_id) then
    raise exception 'not allowed' using errcode = '42501';
  end if;
  insert into public.signals (reference, channel, region_id, language, body, created_by)
  values (p_reference, 'questionnaire', source.region_id, source.locale, source.open_text, auth.uid())
  returning id into new_id;
  return new_id;
end
$$;

-- Privileges -----------------------------------------------------------------------------------------

revoke execute on function
  public.is_organisation_member(uuid), public.my_signal_regions(), public.my_coordinated_regions(),
  public.works_on_signal(uuid), public.coordinates_signal(uuid),
  public.submit_public_signal(text, text, text, uuid, text, text, text), public.advice_evidence(uuid),
  public.manages_questionnaire(uuid), public.sees_questionnaire_results(uuid),
  public.questionnaire_wave_by_link(text), public.start_questionnaire_response(text, text, uuid, text),
  public.open_response(uuid, text), public.my_questionnaire_answers(uuid, text),
  public.save_questionnaire_answer(uuid, text, uuid, int, uuid[], text),
  public.complete_questionnaire_response(uuid, text),
  public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_open_answers(uuid, uuid), public.signal_from_open_answer(uuid, text),
  public.questionnaire_wave_names(uuid)
from public;
grant execute on function
  public.is_organisation_member(uuid), public.my_signal_regions(), public.my_coordinated_regions(),
  public.works_on_signal(uuid), public.coordinates_signal(uuid),
  public.submit_public_signal(text, text, text, uuid, text, text, text), public.advice_evidence(uuid),
  public.manages_questionnaire(uuid), public.sees_questionnaire_results(uuid),
  public.questionnaire_wave_by_link(text), public.start_questionnaire_response(text, text, uuid, text),
  public.open_response(uuid, text), public.my_questionnaire_answers(uuid, text),
  public.save_questionnaire_answer(uuid, text, uuid, int, uuid[], text),
  public.complete_questionnaire_response(uuid, text)
to anon, authenticated, service_role;
grant execute on function
  public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_open_answers(uuid, uuid), public.signal_from_open_answer(uuid, text),
  public.questionnaire_wave_names(uuid)
to authenticated, service_role;

grant select on public.questionnaires, public.questionnaire_questions, public.questionnaire_options to anon;
grant select, insert, update, delete on
  public.organisation_members, public.signals, public.signal_contacts, public.signal_indicators,
  public.signal_advice_links, public.indicator_keywords, public.questionnaires, public.questionnaire_questions,
  public.questionnaire_options, public.questionnaire_waves, public.questionnaire_responses, public.questionnaire_answers
to authenticated, service_role;
