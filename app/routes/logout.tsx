import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { signOut } from '~/auth/auth.server';

/**
 * Signing out also wipes what this site kept in the browser (board copies in IndexedDB for offline
 * editing): computers at a library or a language school are shared. The header's sign-out form is a full
 * page load, so the browser handles the header on a navigation and the page's memory goes too.
 */
export async function action({ request }: ActionFunctionArgs) {
  const headers = await signOut(request);
  headers.set('Clear-Site-Data', '"storage"');
  return redirect('/', { headers });
}

export async function loader() {
  return redirect('/');
}
