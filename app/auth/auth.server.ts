import { redirect } from '@remix-run/node';
import { config } from '~/config.server';
import { asSystem, getDatabase } from '~/db/db.server';
import { getDisplayName } from '~/people/queries.server';
import { createLocalAuth, type LocalAuth } from './local.server';
import { createLoginLimiter } from './rate-limit.server';
import { commit, getSession, sessionStorage } from './session.server';
import { createSupabaseAuth } from './supabase.server';
import type { User } from './user';

const loginLimiter = createLoginLimiter(config.loginLimits);
const supabase = config.supabase ? createSupabaseAuth(config.supabase) : null;

export const authMode: 'local' | 'supabase' = supabase ? 'supabase' : 'local';

export async function localAuth(): Promise<LocalAuth> {
  return createLocalAuth(await getDatabase());
}

export async function getUser(request: Request): Promise<User | null> {
  if (supabase) return (await supabase.currentUser(request)).user;
  const session = await getSession(request);
  const userId = session.get('userId');
  const email = session.get('email');
  const name = session.get('name');
  return userId && email ? { id: userId, email, ...(name ? { name } : {}) } : null;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

export type SignInResult =
  { ok: true; headers: Headers } | { ok: false; error: 'invalid_credentials' | 'rate_limited' };

export async function signIn(
  request: Request,
  clientIp: string,
  email: string,
  password: string,
): Promise<SignInResult> {
  if (!(await loginLimiter.attempt(email, clientIp))) return { ok: false, error: 'rate_limited' };
  if (supabase) {
    const { user, headers } = await supabase.signIn(request, email, password);
    if (!user) return { ok: false, error: 'invalid_credentials' };
    await loginLimiter.succeeded(email);
    return { ok: true, headers };
  }
  const user = await (await localAuth()).verifyCredentials(email, password);
  if (!user) return { ok: false, error: 'invalid_credentials' };
  await loginLimiter.succeeded(email);
  return { ok: true, headers: await startSession(request, user) };
}

/** Local auth: a fresh signed session cookie for the user (after sign-in, invitation or reset). */
export async function startSession(request: Request, user: User, flashKey?: string): Promise<Headers> {
  const session = await getSession(request);
  session.set('userId', user.id);
  session.set('email', user.email);
  const name = await asSystem((tx) => getDisplayName(tx, user.id));
  if (name) session.set('name', name);
  if (flashKey) session.flash('flash', flashKey);
  return commit(session);
}

/** After the person saved their profile: the session's display name follows, with the flash message. */
export async function profileSaved(request: Request, name: string, flashKey: string): Promise<Headers> {
  const session = await getSession(request);
  if (session.get('userId')) session.set('name', name);
  session.flash('flash', flashKey);
  return commit(session);
}

/** Ends the session; the fresh cookie that replaces it carries only the "signed out" message. */
export async function signOut(request: Request): Promise<Headers> {
  const headers = supabase ? await supabase.signOut(request) : new Headers();
  const fresh = await sessionStorage.getSession();
  fresh.flash('flash', 'flash.signedOut');
  headers.append('Set-Cookie', await sessionStorage.commitSession(fresh));
  return headers;
}

export function supabaseAuth() {
  return supabase;
}
