-- Someone who asked a question through the public form (/ask) got a reference code (EP-XXXXXX) and no
-- account. With the code, and nothing else, they may see how far their question is: received, being
-- looked at, answered or closed, and since when. Never the question, the answer, the contact details or
-- the triage notes: the code could be overheard or guessed (the page limits guesses per address).
-- A question merged into another one follows that one's status (at most five merges deep).
create function private.asked_question_status(p_reference text)
returns table (status text, since date)
language sql stable security definer set search_path = ''
as $$
  with recursive chain (id, status, merged_into, updated_at, depth) as (
    select s.id, s.status, s.merged_into, s.updated_at, 0
    from public.signals s
    where s.reference = upper(p_reference) and s.channel = 'public_form'
    union all
    select t.id, t.status, t.merged_into, t.updated_at, c.depth + 1
    from chain c join public.signals t on t.id = c.merged_into
    where c.status = 'merged' and c.depth < 5
  )
  select
    case status when 'new' then 'received' when 'triaged' then 'in_progress' when 'answered' then 'answered'
      else 'closed' end,
    (updated_at at time zone 'Europe/Amsterdam')::date
  from chain
  where status <> 'merged'
  order by depth desc
  limit 1
$$;

revoke all on function private.asked_question_status(text) from public;
grant execute on function private.asked_question_status(text) to anon, authenticated, service_role;
