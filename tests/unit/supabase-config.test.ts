import { afterEach, describe, expect, it, vi } from 'vitest';

// The configuration is read when config.server.ts loads, so each case loads it afresh.
async function loadConfigWith(env: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return (await import('~/config.server')).config;
}
afterEach(() => vi.unstubAllEnvs());

const URL_ = 'https://abcdefgh.supabase.co';
// Shaped like the legacy anon and service_role keys (JWTs); never valid anywhere.
const LEGACY_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl';

describe('Supabase configuration', () => {
  it('takes the new publishable and secret keys', async () => {
    const config = await loadConfigWith({
      SUPABASE_URL: URL_,
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
      SUPABASE_SECRET_KEY: 'sb_secret_abc',
    });
    expect(config.supabase).toEqual({ url: URL_, publishableKey: 'sb_publishable_abc', secretKey: 'sb_secret_abc' });
  });

  it('takes the legacy anon and service_role keys', async () => {
    const config = await loadConfigWith({
      SUPABASE_URL: URL_,
      SUPABASE_ANON_KEY: LEGACY_JWT,
      SUPABASE_SERVICE_ROLE_KEY: LEGACY_JWT,
    });
    expect(config.supabase).toEqual({ url: URL_, publishableKey: LEGACY_JWT, secretKey: LEGACY_JWT });
  });

  it('without any Supabase variable is local auth', async () => {
    expect((await loadConfigWith({})).supabase).toBeNull();
  });

  it('half configured names every missing variable in one message, and never falls back to local auth', async () => {
    await expect(loadConfigWith({ SUPABASE_URL: URL_ })).rejects.toThrow(
      'Supabase Auth is half configured: set SUPABASE_PUBLISHABLE_KEY (or the legacy SUPABASE_ANON_KEY) and SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY).',
    );
    await expect(loadConfigWith({ SUPABASE_SECRET_KEY: 'sb_secret_abc' })).rejects.toThrow(
      /set SUPABASE_URL and SUPABASE_PUBLISHABLE_KEY/,
    );
  });

  it('refuses the secret key where the publishable key belongs (it would reach browsers), without echoing it', async () => {
    const failure = loadConfigWith({
      SUPABASE_URL: URL_,
      SUPABASE_PUBLISHABLE_KEY: 'sb_secret_abc',
      SUPABASE_SECRET_KEY: 'sb_secret_abc',
    });
    await expect(failure).rejects.toThrow('SUPABASE_PUBLISHABLE_KEY must be the publishable key, not the secret key.');
    await expect(failure).rejects.not.toThrow(/sb_secret_abc/);
  });

  it('refuses something that is neither kind of key', async () => {
    await expect(
      loadConfigWith({
        SUPABASE_URL: URL_,
        SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
        SUPABASE_SECRET_KEY: 'hunter2',
      }),
    ).rejects.toThrow(/SUPABASE_SECRET_KEY must be a key starting sb_secret_/);
  });
});
