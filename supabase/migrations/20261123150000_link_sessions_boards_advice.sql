-- Sessions, boards and advice were built side by side; now that all three tables exist, their links
-- become foreign keys. Links that point nowhere are cleared first (a database that ran the features
-- separately may hold some); deleting a session or board keeps what came out of it.

update public.boards b set session_id = null
  where session_id is not null and not exists (select 1 from public.sessions s where s.id = b.session_id);
update public.advices a set source_session_id = null
  where source_session_id is not null and not exists (select 1 from public.sessions s where s.id = a.source_session_id);
update public.advices a set source_board_id = null
  where source_board_id is not null and not exists (select 1 from public.boards b where b.id = a.source_board_id);

alter table public.boards
  add constraint boards_session_id_fkey foreign key (session_id) references public.sessions (id) on delete set null;
alter table public.advices
  add constraint advices_source_session_id_fkey foreign key (source_session_id) references public.sessions (id) on delete set null,
  add constraint advices_source_board_id_fkey foreign key (source_board_id) references public.boards (id) on delete set null;

create index advices_source_session_id_idx on public.advices (source_session_id);
create index advices_source_board_id_idx on public.advices (source_board_id);
