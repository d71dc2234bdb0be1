-- Issue 18, measured (docs/benchmarks/2026-12-07-site-cache.md): the results page computed its figures
-- anew for every view, 11-12 ms of the embedded database's one connection at ten times the demo, the
-- largest single statement of any page. The figures change only when questionnaire_result_cells or
-- questionnaire_hidden_groups do, and are the same for everyone who may see them, so the app keeps the
-- last page per questionnaire and filters (app/questionnaires/results-cache.server.ts) under this
-- version, which every statement that changes either table raises in its own transaction.
--
-- One row, raised BEFORE each statement: a transaction takes this row's lock before any lock on those
-- two tables' rows, so two transactions cannot each hold what the other waits for. It also makes
-- changes to results one transaction at a time; they are short (a completed response, a re-decision of
-- small groups). A counter per questionnaire would not see a wave's cells deleted with the wave (the
-- wave is gone when the statement ends). A sequence read on its own is not transactional: a reader could
-- see a new number before the change it stands for, and keep the old figures under it.
--
-- The row takes its numbers from a sequence, not version + 1: a transaction that raised it and rolled
-- back used a number no committed state will ever have, so nothing it kept can pass for committed figures.
create sequence private.questionnaire_results_versions;
create table private.questionnaire_results_version (
  only_row boolean primary key default true check (only_row),
  version bigint not null default nextval('private.questionnaire_results_versions')
);
insert into private.questionnaire_results_version default values;
revoke all on private.questionnaire_results_version from public, anon, authenticated;
revoke all on sequence private.questionnaire_results_versions from public, anon, authenticated;

create function private.raise_questionnaire_results_version() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update private.questionnaire_results_version set version = nextval('private.questionnaire_results_versions');
  return null;
end
$$;
revoke all on function private.raise_questionnaire_results_version() from public, anon, authenticated;

create trigger questionnaire_result_cells_version
  before insert or update or delete or truncate on public.questionnaire_result_cells
  for each statement execute function private.raise_questionnaire_results_version();
create trigger questionnaire_hidden_groups_version
  before insert or update or delete or truncate on public.questionnaire_hidden_groups
  for each statement execute function private.raise_questionnaire_results_version();

-- The version, to someone who may see the questionnaire's results; null to anyone else.
create function private.questionnaire_results_version(p_questionnaire uuid) returns bigint
language sql stable security definer set search_path = ''
as $$
  select v.version from private.questionnaire_results_version v
  where private.sees_questionnaire_results(p_questionnaire)
$$;
revoke all on function private.questionnaire_results_version(uuid) from public, anon;
grant execute on function private.questionnaire_results_version(uuid) to authenticated, service_role;
