-- Signals and advice were built side by side with two lists of process parts; signals now accept the
-- advice register's list, so both speak of the same parts of the integration process.
alter table public.signals drop constraint signals_process_parts_check;
alter table public.signals add constraint signals_process_parts_check
  check (process_parts <@ array['brede_intake', 'pip', 'map', 'knm', 'pvt', 'leerroute', 'financial_unburdening', 'communication', 'other']::text[]);
