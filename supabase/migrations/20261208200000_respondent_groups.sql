-- Issue 21, respondent groups: a questionnaire's wave asks one group of people (newcomers, their
-- integration coaches, professionals of chain partners, or a group an admin adds), and the monitoring
-- page shows the groups' answers on the same indicator side by side.
--
--   * respondent_groups: the three the app names in the reader's language (key), and groups admins add
--     (a name only). Admins keep the list; whoever may build a questionnaire reads it.
--   * questionnaire_waves.respondent_group_id: the group a wave asks; waves there were, and waves made
--     without one, ask newcomers.
--   * All waves of one questionnaire ask the same group (EPQ02). Results over "all waves" and the "<5"
--     decision (private.questionnaire_groups_to_hide) are per questionnaire, so keeping a
--     questionnaire to one group makes every figure, and every sum the decision protects, one group's:
--     no total of two groups is ever shown, so nothing shown can be subtracted across groups. Mixing
--     groups in one questionnaire would need a group level in the decision's cube; not done.
--   * private.monitoring_questionnaire_scores also returns each wave's group.

create table public.respondent_groups (
  id uuid primary key default gen_random_uuid(),
  -- The groups the app itself names (in nl/en/ar); null for those admins add, shown by their name.
  key text unique check (key in ('newcomers', 'coaches', 'chain_professionals')),
  name text not null check (length(btrim(name)) between 1 and 80),
  created_at timestamptz not null default now()
);
create unique index respondent_groups_name_idx on public.respondent_groups (lower(btrim(name)));
insert into public.respondent_groups (key, name) values
  ('newcomers', 'Inburgeraars'),
  ('coaches', 'Inburgeringscoaches'),
  ('chain_professionals', 'Professionals van ketenpartners');

-- Who may build a questionnaire (the insert policy on questionnaires): admins, pool coordinators and
-- people of an organisation.
create function private.builds_questionnaires() returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.is_admin()
    or exists (select 1 from public.pool_memberships where user_id = auth.uid() and role = 'coordinator')
    or exists (select 1 from public.organisation_members where user_id = auth.uid())
$$;
revoke all on function private.builds_questionnaires() from public, anon;
grant execute on function private.builds_questionnaires() to authenticated, service_role;

alter table public.respondent_groups enable row level security;
create policy "who builds questionnaires reads the respondent groups" on public.respondent_groups
  for select to authenticated using (private.builds_questionnaires());
create policy "admins add respondent groups" on public.respondent_groups
  for insert to authenticated with check (private.is_admin() and key is null);
-- The app's own three keep their key and name (their name is translated by the app, not stored).
create policy "admins rename the groups they added" on public.respondent_groups
  for update to authenticated using (private.is_admin() and key is null) with check (private.is_admin() and key is null);
create policy "admins remove the groups they added" on public.respondent_groups
  for delete to authenticated using (private.is_admin() and key is null);
grant select, insert, update, delete on public.respondent_groups to authenticated, service_role;

-- Newcomers: whom every wave asked before there were groups, and whom a wave asks unless told otherwise.
create function private.newcomers_group() returns uuid
language sql stable security definer set search_path = ''
as $$
  select id from public.respondent_groups where key = 'newcomers'
$$;
revoke all on function private.newcomers_group() from public, anon;
grant execute on function private.newcomers_group() to authenticated, service_role;

alter table public.questionnaire_waves
  add column respondent_group_id uuid not null default private.newcomers_group()
    references public.respondent_groups (id) on delete restrict;
create index questionnaire_waves_group_idx on public.questionnaire_waves (respondent_group_id);

-- A wave with another group than its questionnaire's other waves is refused, and a wave's group never
-- changes (its answers were given as that group's). Security definer: the check must see every wave
-- of the questionnaire, whoever inserts.
create function private.questionnaire_wave_group() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.respondent_group_id is distinct from old.respondent_group_id then
      raise exception 'a wave keeps the respondent group it asked' using errcode = 'EPQ02';
    end if;
    return new;
  end if;
  -- Two first waves with different groups at once would both find no other wave.
  perform pg_advisory_xact_lock(hashtextextended('questionnaire_wave_group ' || new.questionnaire_id::text, 0));
  if exists (
    select 1 from public.questionnaire_waves w
    where w.questionnaire_id = new.questionnaire_id and w.respondent_group_id <> new.respondent_group_id
  ) then
    raise exception 'every wave of a questionnaire asks the same respondent group' using errcode = 'EPQ02';
  end if;
  return new;
end
$$;
revoke execute on function private.questionnaire_wave_group() from public, anon, authenticated;
create trigger questionnaire_wave_group before insert or update of respondent_group_id
  on public.questionnaire_waves for each row execute function private.questionnaire_wave_group();

-- The monitoring page's experience data, now with the group each wave asked.
drop function private.monitoring_questionnaire_scores(uuid, text[]);
create function private.monitoring_questionnaire_scores(p_municipality uuid, p_indicators text[])
returns table (
  questionnaire_id uuid, title_nl text, title_en text, title_ar text,
  wave_id uuid, wave_name text, opens_on date,
  group_id uuid, group_key text, group_name text,
  indicator_code text, respondents int, mean_score numeric, hidden text
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  q record;
begin
  if not private.reads_municipality_monitoring(p_municipality) then
    return;
  end if;
  for q in
    select distinct qn.id, qn.title_nl, qn.title_en, qn.title_ar
    from public.questionnaires qn
    join public.questionnaire_questions qq on qq.questionnaire_id = qn.id
    where qq.kind = 'scale' and qq.indicator_code = any (p_indicators) and qn.status <> 'draft'
      and private.sees_questionnaire_results(qn.id)
  loop
    return query
      select q.id, q.title_nl, q.title_en, q.title_ar, w.id, w.name, w.opens_on,
        g.id, g.key, g.name,
        s.item, s.respondents, s.mean_score, s.hidden
      from private.questionnaire_scores(q.id, null, null, p_municipality, 'wave', 'indicator') s
      join public.questionnaire_waves w on w.id::text = s.group_key
      join public.respondent_groups g on g.id = w.respondent_group_id
      where s.item = any (p_indicators);
  end loop;
end
$$;
revoke execute on function private.monitoring_questionnaire_scores(uuid, text[]) from public, anon;
grant execute on function private.monitoring_questionnaire_scores(uuid, text[]) to authenticated, service_role;
