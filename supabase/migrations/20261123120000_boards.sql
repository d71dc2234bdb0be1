-- Collaborative design boards: the board rows, their Yjs documents (compacted state + append-only
-- update log written by the collab-server), named snapshots and a coarse edit history.
-- Everything follows the board's pool; municipality readers see a board only when it is shared.

create table public.boards (
  id uuid primary key default gen_random_uuid(),
  pool_id uuid not null references public.pools (id) on delete cascade,
  -- The session the board belongs to. No foreign key yet: sessions are built in another feature.
  session_id uuid,
  title text not null check (length(title) between 1 and 120),
  template text not null default 'blank' check (template ~ '^[a-z_]+$'),
  copied_from uuid references public.boards (id) on delete set null,
  shared_with_readers boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index boards_pool_id_idx on public.boards (pool_id);
create index boards_session_id_idx on public.boards (session_id);

-- The compacted document: every update up to and including log row `through_update_id` merged.
create table public.board_documents (
  board_id uuid primary key references public.boards (id) on delete cascade,
  state bytea not null,
  through_update_id bigint not null default 0,
  updated_at timestamptz not null default now()
);

-- Append-only log of Yjs updates since the last compaction; the collab-server appends in batches.
create table public.board_updates (
  id bigint generated always as identity primary key,
  board_id uuid not null references public.boards (id) on delete cascade,
  update bytea not null,
  created_at timestamptz not null default now()
);
create index board_updates_board_id_idx on public.board_updates (board_id, id);

create table public.board_snapshots (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  state bytea not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index board_snapshots_board_id_idx on public.board_snapshots (board_id);

-- Who changed which section, per five minutes: enough for "who changed what, roughly when".
-- user_id has no foreign key on purpose: history must never hold up the writing of edits.
create table public.board_activity (
  board_id uuid not null references public.boards (id) on delete cascade,
  user_id uuid not null,
  section text not null,
  period_start timestamptz not null,
  edits int not null default 0,
  primary key (board_id, user_id, section, period_start)
);

-- Helpers -----------------------------------------------------------------------------------------

create function public.can_read_board(board uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.boards b
    where b.id = board
      and (public.is_pool_member(b.pool_id) or public.is_admin()
           or (b.shared_with_readers and public.reads_for_pool(b.pool_id)))
  )
$$;

create function public.can_edit_board(board uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.boards b
    where b.id = board and (public.is_pool_member(b.pool_id) or public.is_admin())
  )
$$;

create function public.can_facilitate_board(board uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.boards b
    where b.id = board and (public.is_pool_coordinator(b.pool_id) or public.is_admin())
  )
$$;

revoke execute on function public.can_read_board(uuid), public.can_edit_board(uuid),
  public.can_facilitate_board(uuid) from public;
grant execute on function public.can_read_board(uuid), public.can_edit_board(uuid),
  public.can_facilitate_board(uuid) to anon, authenticated, service_role;

-- Row level security -------------------------------------------------------------------------------

alter table public.boards enable row level security;
alter table public.board_documents enable row level security;
alter table public.board_updates enable row level security;
alter table public.board_snapshots enable row level security;
alter table public.board_activity enable row level security;

create policy "members, admins and readers it is shared with read a board" on public.boards
  for select to authenticated
  using (public.is_pool_member(pool_id) or public.is_admin()
         or (shared_with_readers and public.reads_for_pool(pool_id)));
create policy "pool coordinators and admins create boards" on public.boards for insert to authenticated
  with check ((public.is_pool_coordinator(pool_id) or public.is_admin()) and created_by = auth.uid());
create policy "pool coordinators and admins change a board" on public.boards for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins remove a board" on public.boards for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

-- The collab-server writes documents and the log as the system; people read what they may read,
-- and a facilitator writes the first state when creating (or copying) a board.
create policy "who reads the board reads its document" on public.board_documents for select to authenticated
  using (public.can_read_board(board_id));
create policy "facilitators write a board's first state" on public.board_documents for insert to authenticated
  with check (public.can_facilitate_board(board_id) and through_update_id = 0);
create policy "who reads the board reads its updates" on public.board_updates for select to authenticated
  using (public.can_read_board(board_id));

create policy "who reads the board reads its snapshots" on public.board_snapshots for select to authenticated
  using (public.can_read_board(board_id));
create policy "facilitators take snapshots" on public.board_snapshots for insert to authenticated
  with check (public.can_facilitate_board(board_id) and created_by = auth.uid());
create policy "facilitators remove snapshots" on public.board_snapshots for delete to authenticated
  using (public.can_facilitate_board(board_id));

create policy "pool members and admins read a board's history" on public.board_activity for select to authenticated
  using (public.can_edit_board(board_id));

grant select, insert, update, delete on public.boards, public.board_snapshots to authenticated, service_role;
grant select, insert on public.board_documents to authenticated;
grant select on public.board_updates, public.board_activity to authenticated;
grant select, insert, update, delete on public.board_documents, public.board_updates, public.board_activity
  to service_role;
