-- The advice page showed "Edit" and "Submit for review" to every member of the pool, while the
-- database lets an author change only their own draft (and the pool's coordinators and admins any
-- advice): a member clicked and read "no access". The author's rule now lives in a function that the
-- policy calls and the page asks; the coordinators' and admins' rule is the existing private.manages_for,
-- which the policies now call too. The page offers what the database will allow, each rule written once.
create function private.author_may_change(p_created_by uuid, p_status text, p_pool uuid) returns boolean
language sql stable set search_path = ''
as $$ select p_created_by = auth.uid() and p_status = 'draft' and private.is_pool_member(p_pool) $$;

revoke all on function private.author_may_change(uuid, text, uuid) from public;
grant execute on function private.author_may_change(uuid, text, uuid) to anon, authenticated, service_role;
-- The page asks anonymous readers too (and gets false).
grant execute on function private.manages_for(uuid, uuid) to anon;

drop policy "authors edit and submit their own drafts" on public.advices;
create policy "authors edit and submit their own drafts" on public.advices for update to authenticated
  using (private.author_may_change(created_by, status, pool_id))
  with check (created_by = auth.uid() and status in ('draft', 'in_review') and private.is_pool_member(pool_id));

drop policy "pool coordinators and admins edit, publish and follow up advice" on public.advices;
create policy "pool coordinators and admins edit, publish and follow up advice" on public.advices
  for update to authenticated
  using (private.manages_for(pool_id, null))
  with check (private.manages_for(pool_id, null));

drop policy "pool coordinators and admins remove advice" on public.advices;
create policy "pool coordinators and admins remove advice" on public.advices for delete to authenticated
  using (private.manages_for(pool_id, null));
