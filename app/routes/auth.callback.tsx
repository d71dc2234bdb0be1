import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { signInFromEmailLink } from '~/auth/auth.server';
import { safeRedirect } from '~/auth/redirect.server';
import { notFound } from '~/http.server';

/**
 * Supabase mode: the links in Supabase's mails land here, with a PKCE `code` (a reset or magic link
 * this browser asked for) or a `token_hash` and its `type` (an invitation, or a mail template that
 * links here directly). Either becomes a session, whose cookies go out with the redirect to `next`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const signedIn = await signInFromEmailLink(request, {
    code: url.searchParams.get('code'),
    flowId: url.searchParams.get('sb_flow_id'),
    tokenHash: url.searchParams.get('token_hash'),
    type: url.searchParams.get('type'),
  });
  if (signedIn === 'not_here') throw notFound();
  if (!signedIn) return redirect('/login');
  return redirect(safeRedirect(url.searchParams.get('next')));
}
