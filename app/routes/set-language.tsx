import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLocale } from '~/i18n/locales';
import { localeCookie } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';
import { returnPath } from '~/input/text';
import { safeRedirect } from '~/people/schema';

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get('lang');
  const to = safeRedirect(returnPath.parse(form.get('redirectTo') ?? undefined));
  if (!isLocale(lang)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(lang) } });
}

export async function loader() {
  return redirect('/');
}
