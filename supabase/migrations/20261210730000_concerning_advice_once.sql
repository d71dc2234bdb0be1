-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-7.md): after 20261210720000 the largest read
-- of the monitoring overview was the advice about its core indicators. That query read
-- advice_core_indicators, advices and advice_responses under row level security, and each of their
-- three read policies asks the advices read rule again for every row (the links' and the responses'
-- policies through `exists (select … from public.advices)`).
--
-- private.core_indicator_advice_of gives the same rows asking the rule once per advice row: the advices
-- read policy ("the pool and admins read all its advice, readers what is addressed to them, anyone
-- public advice", 20261123130000) word for word, with its three checks as InitPlans. A link and a
-- response are readable exactly when their advice is (their policies say so), so the one rule decides
-- all three. The policies are unchanged; tests/db/monitoring-reads-once.test.ts holds the function's
-- answer against the old query under the policies for every role.

create function private.core_indicator_advice_of(municipality uuid, cores uuid[])
returns table (
  core_indicator_id uuid,
  id uuid,
  title text,
  status text,
  published_at timestamptz,
  latest_decision text,
  latest_response_at timestamptz
)
language sql stable security definer set search_path = ''
as $$
  select l.core_indicator_id, a.id, a.title, a.status, a.published_at, latest.decision, latest.created_at
  from public.advice_core_indicators l
  join public.advices a on a.id = l.advice_id
  left join lateral (
    select r.decision, r.created_at from public.advice_responses r
    where r.advice_id = a.id and r.municipality_id = municipality
    order by r.created_at desc limit 1
  ) latest on true
  where l.core_indicator_id = any (cores)
    and (
      (a.status in ('published', 'responded', 'implemented')
        and (a.visibility = 'public' or a.addressee_ids && (select private.my_reader_scope())))
      or array[a.pool_id] <@ (select private.my_pool_ids())
      or (select private.is_admin())
    )
$$;
revoke all on function private.core_indicator_advice_of(uuid, uuid[]) from public, anon;
grant execute on function private.core_indicator_advice_of(uuid, uuid[]) to authenticated, service_role;
