import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import WebSocket from 'ws';
import type { Principal } from '~/db/with-user.server';

export interface SupabaseSettings {
  url: string;
  anonKey: string;
}

/**
 * Supabase Auth through @supabase/ssr: its session lives in Supabase's own cookies, which the
 * client reads from the request and writes into the response headers it hands back.
 */
export function createSupabaseAuth(settings: SupabaseSettings) {
  function clientFor(request: Request) {
    const headers = new Headers();
    const client = createServerClient(settings.url, settings.anonKey, {
      // Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
      realtime: { transport: WebSocket as never },
      cookies: {
        getAll: () =>
          parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({
            name,
            value: value ?? '',
          })),
        setAll: (cookies) => {
          for (const { name, value, options } of cookies) {
            headers.append('Set-Cookie', serializeCookieHeader(name, value, options));
          }
        },
      },
    });
    return { client, headers };
  }

  return {
    async currentUser(request: Request): Promise<{ user: Principal | null; headers: Headers }> {
      const { client, headers } = clientFor(request);
      const { data, error } = await client.auth.getUser();
      const user = !error && data.user?.email ? { id: data.user.id, email: data.user.email } : null;
      return { user, headers };
    },

    async signIn(request: Request, email: string, password: string) {
      const { client, headers } = clientFor(request);
      const { data, error } = await client.auth.signInWithPassword({ email, password });
      const user = !error && data.user?.email ? { id: data.user.id, email: data.user.email } : null;
      return { user, headers };
    },

    /** `global` ends every session of the person (every device); supabase-js's default scope is global too. */
    async signOut(request: Request, scope?: 'local' | 'global'): Promise<Headers> {
      const { client, headers } = clientFor(request);
      await client.auth.signOut(scope ? { scope } : undefined);
      return headers;
    },

    async sendPasswordReset(request: Request, email: string, redirectTo: string): Promise<void> {
      const { client } = clientFor(request);
      await client.auth.resetPasswordForEmail(email, { redirectTo });
    },

    /** The code from a Supabase e-mail link (invitation, magic link, reset) becomes a session. */
    async exchangeCode(request: Request, code: string) {
      const { client, headers } = clientFor(request);
      const { data, error } = await client.auth.exchangeCodeForSession(code);
      const user = !error && data.user?.email ? { id: data.user.id, email: data.user.email } : null;
      return { user, headers };
    },
  };
}

export type SupabaseAuth = ReturnType<typeof createSupabaseAuth>;
