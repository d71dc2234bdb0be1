-- Issue 19, "Languages and text direction": Tigrinya (ti), Farsi (fa) and Turkish (tr) join Dutch,
-- English and Arabic as interface languages (app/i18n/locales.ts). A person's language (their pages and
-- mail), a questionnaire response's language, the language of a question asked on the public form and a
-- keyword list's language may now be any of the six. tests/db/interface-language.test.ts checks that these
-- lists stay equal to the app's LOCALES.

alter table public.profiles drop constraint profiles_locale_check;
alter table public.profiles
  add constraint profiles_locale_check check (locale in ('nl', 'en', 'ar', 'ti', 'fa', 'tr'));

alter table public.questionnaire_responses drop constraint questionnaire_responses_locale_check;
alter table public.questionnaire_responses
  add constraint questionnaire_responses_locale_check check (locale in ('nl', 'en', 'ar', 'ti', 'fa', 'tr'));

alter table public.indicator_keywords drop constraint indicator_keywords_language_check;
alter table public.indicator_keywords
  add constraint indicator_keywords_language_check check (language in ('nl', 'en', 'ar', 'ti', 'fa', 'tr'));

-- As in 20261123140000 (moved to private by 20261204200000), with the new languages; `create or replace`
-- keeps its grants.
create or replace function private.submit_public_signal(
  p_reference text, p_body text, p_language text, p_municipality uuid,
  p_name text, p_email text, p_phone text
) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  new_id uuid;
begin
  if p_language not in ('nl', 'en', 'ar', 'ti', 'fa', 'tr') then
    raise exception 'unsupported language' using errcode = '22023';
  end if;
  insert into public.signals (reference, channel, municipality_id, language, body)
  values (p_reference, 'public_form', p_municipality, p_language, p_body)
  returning id into new_id;
  if coalesce(p_email, p_phone) is not null then
    insert into public.signal_contacts (signal_id, name, email, phone) values (new_id, p_name, p_email, p_phone);
  end if;
  return p_reference;
end
$$;
