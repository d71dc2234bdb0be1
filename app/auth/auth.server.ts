import { redirect } from '@remix-run/node';
import { config } from '~/config.server';
import { getDatabase, withUser, type Principal } from '~/db/db.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { mailer } from '~/mail/mailer.server';
import type { Accounts } from './accounts.server';
import { createLocalAuth, localAccounts, type LocalAuth } from './local.server';
import { accountLimiter, appLimiterStore } from './rate-limit.server';
import { endAuthSession, endMySessions, findLiveSession, startAuthSession } from './auth-sessions.server';
import { commit, flash, getSession, sessionStorage } from './session.server';
import { oncePerRequest } from './response-headers.server';
import { supabaseAccounts } from './supabase-accounts.server';
import { createSupabaseAuth, isEmailLinkType } from './supabase.server';
import type { User } from './user';

const supabase = config.supabase ? createSupabaseAuth(config.supabase) : null;

export const authMode: 'local' | 'supabase' = supabase ? 'supabase' : 'local';

export async function localAuth(): Promise<LocalAuth> {
  return createLocalAuth(await getDatabase());
}

const supabaseAccountsOrNull = supabase ? supabaseAccounts(supabase, config.appUrl) : null;

/**
 * The accounts behind invitations, sign-up links and deletion (app/people asks for them): auth.users
 * written by local auth itself, or Supabase's admin API (inviteUserByEmail, createUser, deleteUser).
 */
export function accounts(): Accounts {
  return supabaseAccountsOrNull ?? localAccounts;
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

/**
 * The signed-in person. Local auth: the cookie's secret must belong to a live server-side session
 * (one indexed lookup), so a session ended anywhere — sign-out, a new password, a closed account, a
 * role taken away — ends for every copy of the cookie at once.
 */
export async function getUser(request: Request): Promise<User | null> {
  if (supabase) {
    return oncePerRequest(async () => {
      const account = await supabase.currentUser(request);
      return account ? shownAs(account) : null;
    });
  }
  const secret = (await getSession(request)).get('secret');
  if (!secret) return null;
  const live = await findLiveSession(await getDatabase(), secret);
  if (!live) return null;
  return { id: live.userId, email: live.email, name: live.name, sessionId: live.id, isAdmin: live.isAdmin };
}

/**
 * Supabase Auth: the name the person is shown by, read as them (local auth reads it in the session's
 * own statement, see findLiveSession). A deleted person's access token stays valid until it expires
 * (claims are checked locally, not with Auth), so the same read ends their sessions at once.
 */
async function shownAs(account: Principal): Promise<User | null> {
  const profile = await withUser(account, (tx) =>
    tx.selectFrom('profiles').select(['display_name', 'deleted_at']).where('id', '=', account.id).executeTakeFirst(),
  );
  if (profile?.deleted_at) return null;
  return { ...account, name: profile?.display_name ?? account.email };
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
    // Supabase's session cookies go out with the response (collectAuthHeaders), whatever the route returns.
    if (!(await supabase.signIn(request, email, password))) return failed;
    await attempt.succeeded();
    return { ok: true, headers: new Headers() };
  }
  const user = await (await localAuth()).verifyCredentials(email, password);
  if (!user) return failed;
  await attempt.succeeded();
  return { ok: true, headers: await startSession(request, user) };
}

/**
 * Local auth: a new server-side session and its cookie (after sign-in, invitation or reset). A session
 * this browser still had ends: one browser, one session.
 */
export async function startSession(request: Request, user: Principal, flashKey?: string): Promise<Headers> {
  const database = await getDatabase();
  const session = await getSession(request);
  const previous = session.get('secret');
  if (previous) await endAuthSession(database, previous, 'signed_out');
  session.set('secret', await startAuthSession(database, user.id, request.headers.get('User-Agent')));
  if (flashKey) session.flash('flash', flashKey);
  return commit(session);
}

/**
 * After accepting an invitation or joining through a link: local auth starts its session; Supabase
 * Auth signs in with the password just chosen (or checked), which sets its cookies.
 */
export async function startSessionAfterJoining(
  request: Request,
  user: Principal,
  password: string,
  flashKey: string,
): Promise<Headers> {
  if (!supabase) return startSession(request, user, flashKey);
  await supabase.signIn(request, user.email, password);
  return flash(request, flashKey);
}

/**
 * Supabase Auth: a mail's link back to /auth/callback signs its person in. 'not_here' in local mode
 * or without anything to verify; null when the link is used up, expired or forged.
 */
export async function signInFromEmailLink(
  request: Request,
  link: { code: string | null; flowId: string | null; tokenHash: string | null; type: string | null },
): Promise<Principal | null | 'not_here'> {
  if (!supabase) return 'not_here';
  if (link.code) return supabase.exchangeCode(request, link.code, link.flowId);
  if (link.tokenHash && isEmailLinkType(link.type)) return supabase.verifyEmailLink(request, link.tokenHash, link.type);
  return 'not_here';
}

/**
 * Supabase Auth: the person came back from a reset link (signed in by /auth/callback) and chooses a
 * new password. False in local mode, whose reset links carry their own token (resetPassword).
 */
export async function changePasswordAfterReset(request: Request, password: string): Promise<boolean> {
  return supabase ? supabase.changePassword(request, password) : false;
}

/**
 * Ends this browser's session (on the server too, so a copy of the cookie stops working); the fresh
 * cookie that replaces it carries only the message (by default "signed out").
 */
export async function signOut(request: Request, flashKey = 'flash.signedOut'): Promise<Headers> {
  if (supabase) await supabase.signOut(request);
  const headers = new Headers();
  const secret = (await getSession(request)).get('secret');
  if (secret) await endAuthSession(await getDatabase(), secret, 'signed_out');
  const fresh = await sessionStorage.getSession();
  fresh.flash('flash', flashKey);
  headers.append('Set-Cookie', await sessionStorage.commitSession(fresh));
  return headers;
}

/**
 * "Sign out everywhere else" from the profile. Local auth: every other session of the person ends
 * (as them, under RLS), this one stays. Supabase: its global sign-out, which ends this one too, so
 * the answer also replaces the cookie. Returns the headers for the redirect.
 */
export async function signOutElsewhere(request: Request, user: User): Promise<Headers> {
  if (supabase) {
    await supabase.signOut(request, 'global');
    const fresh = await sessionStorage.getSession();
    fresh.flash('flash', 'people.devices.flash.signedOutEverywhere');
    return new Headers({ 'Set-Cookie': await sessionStorage.commitSession(fresh) });
  }
  const current = user.sessionId;
  if (current) await withUser(user, (tx) => endMySessions(tx, { allBut: current }));
  return flash(request, 'people.devices.flash.signedOutElsewhere');
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
