-- Issue 22, "an export that a council can file … in the board's language": a board may name the language
-- its exports (Markdown, PDF, print page) are written in, whoever opens them. Null keeps what the exports
-- did before: the reader's language. The same people who change the board's other settings set it (the
-- update policy "pool coordinators and admins change a board" covers every column). The list is the
-- app's LOCALES (app/i18n/locales.ts); tests/db/interface-language.test.ts checks they stay equal.

alter table public.boards
  add column language text constraint boards_language_check check (language in ('nl', 'en', 'ar', 'ti', 'fa', 'tr'));
