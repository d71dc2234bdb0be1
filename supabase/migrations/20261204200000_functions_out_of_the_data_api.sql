-- Issue 16, item 12: on hosted Supabase every function in an exposed schema (`public`) that anon or
-- authenticated may execute is also an RPC endpoint of the Data API. The browser never calls the
-- Data API: every read and write goes through the app's server, which checks input, rate limits and
-- honeypots before it calls a function. So no function belongs in `public`. They all move to
-- `private`, a schema the Data API does not expose (see supabase/config notes in the README), where
-- policies and the app's SQL still reach them under the same grants.
--
-- Policies, triggers, views and defaults point at functions by their id, so they follow the move.
-- Function bodies name other functions in text (`public.is_admin()`, every body runs with an empty
-- search_path), so each moved body is written again with the new schema in those names.
--
-- Functions added later: new functions in `public` no longer get EXECUTE for everyone, and
-- tests/db/data-api-exposure.test.ts fails on any function an exposed schema lets anon or
-- authenticated execute.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

do $$
declare
  moved text[];
  fn record;
  body text;
begin
  select coalesce(array_agg(distinct p.proname), '{}') into moved
  from pg_proc p
  where p.pronamespace = 'public'::regnamespace
    and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e');

  for fn in
    select p.oid from pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('alter function %s set schema private', fn.oid::regprocedure);
  end loop;

  -- Only a moved function's name directly followed by "(" is a call; a table of the same name would
  -- be followed by a column list, so check that there is none.
  if exists (
    select from pg_class c where c.relnamespace = 'public'::regnamespace and c.relname = any (moved)
  ) then
    raise exception 'a table or view shares its name with a function; rewrite its calls by hand';
  end if;

  for fn in select p.oid from pg_proc p where p.pronamespace = 'private'::regnamespace and p.prokind = 'f'
  loop
    body := pg_get_functiondef(fn.oid);
    body := regexp_replace(body, '\mpublic\.(' || array_to_string(moved, '|') || ')\s*\(', 'private.\1(', 'g');
    if body is distinct from pg_get_functiondef(fn.oid) then
      execute body;
    end if;
  end loop;
end
$$;

-- A trigger function runs whoever fires it; nobody needs to call one.
do $$
declare
  fn record;
begin
  for fn in
    select p.oid from pg_proc p
    where p.pronamespace = 'private'::regnamespace and p.prorettype = 'trigger'::regtype
  loop
    execute format('revoke execute on function %s from public, anon, authenticated', fn.oid::regprocedure);
  end loop;
end
$$;

-- Hosted Supabase also grants new functions in `public` to anon and authenticated by default.
-- Postgres lets everyone execute a new function unless told otherwise, and only the global default
-- can take that away (a per-schema default can only add); hosted Supabase adds grants to anon and
-- authenticated in `public` per schema. A new function is executable by whom its migration grants it.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
