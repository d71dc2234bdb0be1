import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { safeRedirect } from '~/auth/redirect.server';
import { isLocale } from '~/i18n/locales';
import { localeCookie } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get('lang');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLocale(lang)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(lang) } });
}

export async function loader() {
  return redirect('/');
}
