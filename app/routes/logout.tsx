import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { signOut } from '~/auth/auth.server';

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: await signOut(request) });
}

export async function loader() {
  return redirect('/');
}
