import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import { createClient, type EmailOtpType } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Principal } from '~/db/with-user.server';
import { forgetRequestUser, sendWithResponse } from './response-headers.server';

export interface SupabaseSettings {
  url: string;
  /** sb_publishable_… or the legacy anon key: what a browser could hold too. */
  publishableKey: string;
  /** sb_secret_… or the legacy service_role key: the admin API, on the server only. */
  secretKey: string;
}

/** The links Supabase's mails carry (with token_hash, for a server that cannot read a URL's fragment). */
const EMAIL_LINK_TYPES = ['invite', 'magiclink', 'recovery', 'signup', 'email', 'email_change'] as const;
export type EmailLinkType = (typeof EMAIL_LINK_TYPES)[number];
export const isEmailLinkType = (type: string | null): type is EmailLinkType =>
  EMAIL_LINK_TYPES.includes(type as EmailLinkType);

// Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
const realtime = { transport: WebSocket as never };

const principalOf = (user: { id: string; email?: string } | null | undefined): Principal | null =>
  user?.email ? { id: user.id, email: user.email } : null;

/**
 * Supabase Auth through @supabase/ssr: its session lives in Supabase's own cookies, which the client
 * reads from the request; what it writes (a sign-in, a refresh, a sign-out, a PKCE verifier) goes out
 * with the response through sendWithResponse, whichever route caused it.
 */
export function createSupabaseAuth(settings: SupabaseSettings) {
  function clientFor(request: Request) {
    return createServerClient(settings.url, settings.publishableKey, {
      realtime,
      // A reset or magic link comes back with its flow's id (sb_flow_id), so /auth/callback finds the
      // verifier of that flow and clears its cookie; the allow-list entry must accept the parameter.
      auth: { experimental: { appendPkceFlowIdToRedirects: true } },
      cookies: {
        getAll: () =>
          parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({
            name,
            value: value ?? '',
          })),
        setAll: (cookies, headers) => {
          for (const { name, value, options } of cookies) {
            sendWithResponse('Set-Cookie', serializeCookieHeader(name, value, options));
          }
          // Cache-Control and friends: a response that sets a session must never be cached for others.
          for (const [name, value] of Object.entries(headers ?? {})) sendWithResponse(name, value);
        },
      },
    });
  }

  /** A client that keeps no session: the admin API with the secret key, or a one-off password check. */
  const statelessClient = (key: string) =>
    createClient(settings.url, key, {
      realtime,
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
  const admin = statelessClient(settings.secretKey).auth.admin;

  /** A session change in this request: later lookups in it must not reuse the person from before. */
  const changed = <T>(result: T): T => {
    forgetRequestUser();
    return result;
  };

  return {
    /**
     * The person whose session cookies came with the request. getClaims verifies the access token
     * locally against the project's published keys (fetched once, then cached), refreshing it first
     * when it has expired; only a legacy HS256 token makes it ask Auth over the network.
     */
    async currentUser(request: Request): Promise<Principal | null> {
      const { data, error } = await clientFor(request).auth.getClaims();
      const claims = data?.claims;
      if (error || !claims || claims.role !== 'authenticated' || typeof claims.email !== 'string') return null;
      return principalOf({ id: claims.sub, email: claims.email });
    },

    async signIn(request: Request, email: string, password: string): Promise<Principal | null> {
      const { data, error } = await clientFor(request).auth.signInWithPassword({ email, password });
      return changed(error ? null : principalOf(data.user));
    },

    /** `global` ends every session of the person (every device); supabase-js's default scope is global too. */
    async signOut(request: Request, scope?: 'local' | 'global'): Promise<void> {
      await clientFor(request).auth.signOut(scope ? { scope } : undefined);
      changed(null);
    },

    /** The mail's link comes back to `redirectTo` with a PKCE code; its verifier goes out as a cookie now. */
    async sendPasswordReset(request: Request, email: string, redirectTo: string): Promise<void> {
      await clientFor(request).auth.resetPasswordForEmail(email, { redirectTo });
    },

    /** A signed-in person (after a reset link) chooses a new password. */
    async changePassword(request: Request, password: string): Promise<boolean> {
      const { error } = await clientFor(request).auth.updateUser({ password });
      return !error;
    },

    /**
     * The code from a link this browser asked for (reset, magic link) becomes a session (PKCE) with
     * the verifier its cookie kept; `flowId` (the link's sb_flow_id) picks that flow's verifier when
     * the browser asked for more than one link.
     */
    async exchangeCode(request: Request, code: string, flowId: string | null): Promise<Principal | null> {
      const { data, error } = await clientFor(request).auth.exchangeCodeForSession(
        code,
        flowId ? { flowId } : undefined,
      );
      return changed(error ? null : principalOf(data.user));
    },

    /** The token_hash of a mail link (invitation, magic link, reset, confirmation) becomes a session. */
    async verifyEmailLink(request: Request, tokenHash: string, type: EmailOtpType): Promise<Principal | null> {
      const { data, error } = await clientFor(request).auth.verifyOtp({ token_hash: tokenHash, type });
      return changed(error ? null : principalOf(data.user));
    },

    /** Whether the password is the account's: a sign-in whose session nobody keeps. */
    async passwordFits(email: string, password: string): Promise<Principal | null> {
      const { data, error } = await statelessClient(settings.publishableKey).auth.signInWithPassword({
        email,
        password,
      });
      return error ? null : principalOf(data.user);
    },

    admin: {
      /** A new account with this password; the address counts as confirmed (the link proved it, or the pool vouches). */
      async createAccount(email: string, password: string): Promise<Principal | 'exists'> {
        const { data, error } = await admin.createUser({ email, password, email_confirm: true });
        if (error?.code === 'email_exists') return 'exists';
        if (error) throw error;
        return principalOf(data.user)!;
      },
      /** An invited account (made by inviteUserByEmail) gets the password its person chose. */
      async setPassword(userId: string, password: string): Promise<Principal> {
        const { data, error } = await admin.updateUserById(userId, { password, email_confirm: true });
        if (error) throw error;
        return principalOf(data.user)!;
      },
      /** Supabase mails the invitation; false when it will not (the address already has an account). */
      async invite(email: string, redirectTo: string, data: Record<string, string>): Promise<boolean> {
        const { error } = await admin.inviteUserByEmail(email, { redirectTo, data });
        if (error?.code === 'email_exists') return false;
        if (error) throw error;
        return true;
      },
      /**
       * Soft deletion keeps the auth.users row (so advice and cards keep their author's id) but
       * clears its address and password and ends its sessions; hard deletion removes it.
       */
      async deleteAccount(userId: string, soft: boolean): Promise<void> {
        const { error } = await admin.deleteUser(userId, soft);
        if (error) throw error;
      },
    },
  };
}

export type SupabaseAuth = ReturnType<typeof createSupabaseAuth>;
