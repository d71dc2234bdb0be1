import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { supabaseAuth } from '~/auth/auth.server';
import { notFound } from '~/http.server';
import { returnPath } from '~/input/text';
import { safeRedirect } from '~/people/schema';

/** Supabase mode: the e-mail links Supabase sends (invitation, magic link, reset) land here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const supabase = supabaseAuth();
  const url = new URL(request.url);
  const code = url.searchParams.get('code');
  if (!supabase || !code) throw notFound();
  const { user, headers } = await supabase.exchangeCode(request, code);
  if (!user) return redirect('/login', { headers });
  return redirect(safeRedirect(returnPath.parse(url.searchParams.get('next') ?? undefined)), { headers });
}
