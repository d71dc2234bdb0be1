-- Issue 8, second part: editing questionnaires, wave dates and closing, organisation members admin.
--
-- The rule for editing: a question keeps its meaning once somebody has answered it. Its wording (in
-- every language), kind, indicator, scale end labels and choices can change, and it can be deleted,
-- only while it has no answers; after that only its place in the list may change. Results would
-- otherwise mix answers to two different questions. To ask something else, add a new question.
-- The database refuses such changes with SQLSTATE EPQ01, whoever asks (admins included).

create function public.question_has_answers(p_question uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.questionnaire_answers where question_id = p_question)
$$;

create function public.guard_answered_question() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    -- The whole questionnaire (or its pool or organisation) is being removed: answers go with it.
    if not exists (select 1 from public.questionnaires where id = old.questionnaire_id) then
      return old;
    end if;
    if public.question_has_answers(old.id) then
      raise exception 'question has answers and cannot be deleted' using errcode = 'EPQ01';
    end if;
    return old;
  end if;
  if new.questionnaire_id <> old.questionnaire_id then
    raise exception 'a question cannot move to another questionnaire' using errcode = 'EPQ01';
  end if;
  if (new.indicator_code, new.kind, new.text_nl, new.text_en, new.text_ar,
      new.scale_low_nl, new.scale_low_en, new.scale_low_ar, new.scale_high_nl, new.scale_high_en, new.scale_high_ar)
     is distinct from
     (old.indicator_code, old.kind, old.text_nl, old.text_en, old.text_ar,
      old.scale_low_nl, old.scale_low_en, old.scale_low_ar, old.scale_high_nl, old.scale_high_en, old.scale_high_ar)
     and public.question_has_answers(old.id) then
    raise exception 'question has answers and its wording cannot change' using errcode = 'EPQ01';
  end if;
  return new;
end
$$;

create trigger questionnaire_questions_keep_answered
  before update or delete on public.questionnaire_questions
  for each row execute function public.guard_answered_question();

create function public.guard_answered_options() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  question uuid := case when tg_op = 'DELETE' then old.question_id else new.question_id end;
begin
  if tg_op = 'UPDATE' and new.question_id <> old.question_id then
    raise exception 'a choice cannot move to another question' using errcode = 'EPQ01';
  end if;
  -- A cascade from a removed question passes: the question is gone already.
  if exists (select 1 from public.questionnaire_questions where id = question)
     and public.question_has_answers(question) then
    raise exception 'question has answers and its choices cannot change' using errcode = 'EPQ01';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger questionnaire_options_keep_answered
  before insert or update or delete on public.questionnaire_options
  for each row execute function public.guard_answered_options();

create policy "managers change options" on public.questionnaire_options for update to authenticated
  using (exists (select 1 from public.questionnaire_questions q where q.id = question_id and public.manages_questionnaire(q.questionnaire_id)))
  with check (exists (select 1 from public.questionnaire_questions q where q.id = question_id and public.manages_questionnaire(q.questionnaire_id)));

-- Waves: dates, and the link refuses answers outside them --------------------------------------------
-- A wave takes answers while its status is open, its questionnaire is open and today (in the
-- Netherlands) lies between opens_on and closes_on. Closing is final for half-finished responses too:
-- they stay unfinished and, like every unfinished response, never count in the results. Reopening the
-- wave (or moving its end date) lets the same link and the same resume cookie go on.

alter table public.questionnaire_waves add column closes_on date;
alter table public.questionnaire_waves add constraint questionnaire_waves_dates_check
  check (closes_on is null or closes_on >= opens_on);

-- How often the questionnaire is repeated, to suggest the next wave's dates (null: not repeated).
alter table public.questionnaires add column repeat_months smallint
  check (repeat_months is null or repeat_months between 1 and 24);

create function public.wave_state(w public.questionnaire_waves) returns text
language sql stable security definer set search_path = ''
as $$
  select case
    when w.status = 'closed' or q.status = 'closed' then 'closed'
    when q.status = 'draft' then 'not_yet'
    when w.opens_on > (now() at time zone 'Europe/Amsterdam')::date then 'not_yet'
    when w.closes_on < (now() at time zone 'Europe/Amsterdam')::date then 'closed'
    else 'open'
  end
  from public.questionnaires q where q.id = w.questionnaire_id
$$;

create or replace function public.questionnaire_wave_by_link(p_token text)
returns table (wave_id uuid, questionnaire_id uuid, wave_name text, mode text)
language sql stable security definer set search_path = ''
as $$
  select w.id, w.questionnaire_id, w.name, w.mode
  from public.questionnaire_waves w
  where w.link_token = p_token and public.wave_state(w) = 'open'
$$;

-- What a link's page may tell anyone holding the link when it takes no answers: the questionnaire's
-- title and whether (and when) the wave opens or closed. Nothing for an unknown token.
create function public.questionnaire_link_state(p_token text)
returns table (state text, opens_on date, closes_on date, title_nl text, title_en text, title_ar text)
language sql stable security definer set search_path = ''
as $$
  select public.wave_state(w), w.opens_on, w.closes_on, q.title_nl, q.title_en, q.title_ar
  from public.questionnaire_waves w join public.questionnaires q on q.id = w.questionnaire_id
  where w.link_token = p_token
$$;

create or replace function public.open_response(p_response uuid, p_secret text)
returns public.questionnaire_responses
language sql stable security definer set search_path = ''
as $$
  select r.* from public.questionnaire_responses r
  join public.questionnaire_waves w on w.id = r.wave_id
  where r.id = p_response and public.wave_state(w) = 'open'
    and (r.resume_hash = public.resume_hash(p_secret) or (r.user_id is not null and r.user_id = auth.uid()))
$$;

-- Organisation members ---------------------------------------------------------------------------------
-- Platform admins tie people to organisations; a partner organisation can also have admins of its own
-- (role 'admin'), who add and remove their colleagues and change their role, in that organisation only.
alter table public.organisation_members add column role text not null default 'member'
  check (role in ('member', 'admin'));

create function public.is_organisation_admin(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.organisation_members
    where organisation_id = org and user_id = auth.uid() and role = 'admin'
  )
$$;

create function public.manages_organisation_people(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin() or public.is_organisation_admin(org)
$$;

drop policy "people read their own organisations, admins all" on public.organisation_members;
drop policy "admins tie people to organisations" on public.organisation_members;
drop policy "admins untie people from organisations" on public.organisation_members;
create policy "people read their own memberships, organisation admins their organisation's, admins all"
  on public.organisation_members for select to authenticated
  using (user_id = auth.uid() or public.manages_organisation_people(organisation_id));
create policy "admins and the organisation's own admins tie people to it"
  on public.organisation_members for insert to authenticated
  with check (public.manages_organisation_people(organisation_id));
create policy "admins and the organisation's own admins change a person's role in it"
  on public.organisation_members for update to authenticated
  using (public.manages_organisation_people(organisation_id))
  with check (public.manages_organisation_people(organisation_id));
create policy "admins and the organisation's own admins untie people from it"
  on public.organisation_members for delete to authenticated
  using (public.manages_organisation_people(organisation_id));

-- Who works for the organisation, by name and e-mail address, for those who manage its people
-- (auth.users is not readable otherwise).
create function public.organisation_member_list(p_organisation uuid)
returns table (user_id uuid, display_name text, email text, role text, added_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select m.user_id, coalesce(p.display_name, ''), u.email::text, m.role, m.created_at
  from public.organisation_members m
  join auth.users u on u.id = m.user_id
  left join public.profiles p on p.id = m.user_id
  where m.organisation_id = p_organisation and public.manages_organisation_people(p_organisation)
  order by lower(coalesce(nullif(p.display_name, ''), u.email::text))
$$;

-- An account by e-mail address, for adding it to an organisation whose people the caller manages.
-- (Like admin_find_user it tells whether an address has an account: only to those who may add people.)
create function public.organisation_find_user(p_organisation uuid, address text) returns uuid
language sql stable security definer set search_path = ''
as $$
  select u.id from auth.users u
  where public.manages_organisation_people(p_organisation) and u.email = lower(btrim(address))
$$;

revoke execute on function
  public.question_has_answers(uuid), public.guard_answered_question(), public.guard_answered_options(),
  public.wave_state(public.questionnaire_waves), public.questionnaire_link_state(text),
  public.organisation_member_list(uuid), public.is_organisation_admin(uuid),
  public.manages_organisation_people(uuid), public.organisation_find_user(uuid, text)
from public;
grant execute on function public.question_has_answers(uuid), public.organisation_member_list(uuid),
  public.is_organisation_admin(uuid), public.manages_organisation_people(uuid),
  public.organisation_find_user(uuid, text)
  to authenticated, service_role;
grant execute on function public.wave_state(public.questionnaire_waves), public.questionnaire_link_state(text)
  to anon, authenticated, service_role;

-- Creating a draft questionnaire failed: `insert … returning` checks the select policy against the new
-- row, and sees_questionnaire_results(id) looks the row up by id, which the same statement cannot see
-- yet. The owners' check now reads the row's own columns.
drop policy "anyone reads a questionnaire once out of draft, its result readers always" on public.questionnaires;
create policy "anyone reads a questionnaire once out of draft, its owners and result readers always"
  on public.questionnaires for select to anon, authenticated
  using (
    status <> 'draft'
    or public.is_admin()
    or (pool_id is not null and public.is_pool_coordinator(pool_id))
    or (organisation_id is not null and public.is_organisation_member(organisation_id))
    or public.sees_questionnaire_results(id)
  );
