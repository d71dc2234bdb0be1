import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { getUser } from '~/auth/auth.server';
import { safeRedirect } from '~/auth/redirect.server';
import { withUser } from '~/db/db.server';
import { isLocale } from '~/i18n/locales';
import { localeCookie } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';
import { saveMyLocale } from '~/people/profile.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get('lang');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLocale(lang)) return redirect(to);
  // Signed in, the choice is also the language of their mail (the cookie only reaches this browser).
  const user = await getUser(request);
  if (user) await withUser(user, (tx) => saveMyLocale(tx, user.id, lang));
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(lang) } });
}

export async function loader() {
  return redirect('/');
}
