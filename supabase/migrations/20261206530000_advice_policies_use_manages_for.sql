-- An earlier text of 20261205150100 made the advice policies call private.manages_advice(pool), a twin
-- of the existing private.manages_for(pool, null) (a pool's coordinators and admins); a database migrated
-- with that text still has it. Every database ends alike: the policies call manages_for, as the advice
-- page does, and the twin goes where it exists. One rule, written once.

-- The page asks anonymous readers too (and gets false).
grant execute on function private.manages_for(uuid, uuid) to anon;

drop policy "pool coordinators and admins edit, publish and follow up advice" on public.advices;
create policy "pool coordinators and admins edit, publish and follow up advice" on public.advices
  for update to authenticated
  using (private.manages_for(pool_id, null))
  with check (private.manages_for(pool_id, null));

drop policy "pool coordinators and admins remove advice" on public.advices;
create policy "pool coordinators and admins remove advice" on public.advices for delete to authenticated
  using (private.manages_for(pool_id, null));

drop function if exists private.manages_advice(uuid);
