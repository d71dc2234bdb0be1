import { redirect } from '@remix-run/node';
import { config } from '~/config.server';
import { asSystem, getDatabase } from '~/db/db.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { mailer } from '~/mail/mailer.server';
import { getDisplayName } from '~/people/queries.server';
import { createLocalAuth, type LocalAuth } from './local.server';
import { accountLimiter, appLimiterStore } from './rate-limit.server';
import { commit, getSession, sessionStorage } from './session.server';
import { createSupabaseAuth } from './supabase.server';
import type { User } from './user';

const supabase = config.supabase ? createSupabaseAuth(config.supabase) : null;

export const authMode: 'local' | 'supabase' = supabase ? 'supabase' : 'local';

export async function localAuth(): Promise<LocalAuth> {
  return createLocalAuth(await getDatabase());
}

/** The sign-in and password-reset limiters, on the store every process shares (made on first use). */
let limiters: Promise<{ signIn: AccountLimiter; passwordReset: AccountLimiter }> | null = null;
type AccountLimiter = ReturnType<typeof accountLimiter>;
export function accountLimiters() {
  limiters ??= appLimiterStore().then((store) => ({
    signIn: accountLimiter(store, 'sign-in', config.loginLimits),
    // The same limits: a reset request is a way to try an address, and each one sends a mail.
    passwordReset: accountLimiter(store, 'password-reset', config.loginLimits),
  }));
  return limiters;
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
  | { ok: true; headers: Headers }
  | { ok: false; error: 'invalid_credentials'; retryAfterSeconds: number }
  | { ok: false; error: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks the password, counted by the sign-in limiter: only failures use up budget, and after a few
 * each further try waits a little longer (the answer says how long), never a fixed lockout.
 */
export async function signIn(
  request: Request,
  clientIp: string,
  email: string,
  password: string,
): Promise<SignInResult> {
  const attempt = await (await accountLimiters()).signIn.attempt(email, clientIp);
  if (!attempt.granted) return { ok: false, error: 'rate_limited', retryAfterSeconds: attempt.waitSeconds };
  const failed = { ok: false, error: 'invalid_credentials', retryAfterSeconds: attempt.nextWaitSeconds } as const;
  if (supabase) {
    const { user, headers } = await supabase.signIn(request, email, password);
    if (!user) return failed;
    await attempt.succeeded();
    return { ok: true, headers };
  }
  const user = await (await localAuth()).verifyCredentials(email, password);
  if (!user) return failed;
  await attempt.succeeded();
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

/**
 * Sends a link to choose a new password if the address has an account; the caller answers the same
 * either way. SMTP delivery (when configured) happens after the answer, so its time does not tell.
 */
export async function requestPasswordReset(request: Request, email: string): Promise<void> {
  if (supabase) {
    await supabase.sendPasswordReset(request, email, `${config.appUrl}/auth/callback?next=/reset-password`);
    return;
  }
  const { t } = i18nFor(await detectLocale(request));
  const queued = await (
    await localAuth()
  ).createPasswordReset(email, (token) => ({
    subject: t('forgot.mailSubject'),
    text: t('forgot.mailBody', { link: `${config.appUrl}/reset-password/${token}` }),
  }));
  if (queued) {
    const outbox = await mailer();
    void outbox.deliver([queued.outboxId]).catch((error: Error) => console.warn(`reset mail: ${error.message}`));
  }
}

export function supabaseAuth() {
  return supabase;
}
