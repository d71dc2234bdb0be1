-- The advice policies of 20261205150100 called a new private.manages_advice(pool), a twin of the
-- existing private.manages_for(pool, null) (a pool's coordinators and admins). The policies now call
-- manages_for, as the advice page does, and the twin goes: one rule, written once. (This was first done
-- by editing 20261205150100, which a database migrated before that edit would never have seen.)

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

drop function private.manages_advice(uuid);
