import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { StartFailure } from './start-failure.server';

// Supabase's keys: the new kind (sb_publishable_…, sb_secret_…) or the legacy JWTs (anon, service_role).
const isJwt = (key: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(key);
const publishableKey = z
  .string()
  .refine((key) => !key.startsWith('sb_secret_'), 'must be the publishable key, not the secret key')
  .refine(
    (key) => key.startsWith('sb_publishable_') || isJwt(key),
    'must be a key starting sb_publishable_ or the anon JWT',
  )
  .optional();
const secretKey = z
  .string()
  .refine(
    (key) => key.startsWith('sb_secret_') || isJwt(key),
    'must be a key starting sb_secret_ or the service_role JWT',
  )
  .optional();

const parsedEnv = z
  .object({
    NODE_ENV: z.string().default('development'),
    PORT: z.coerce.number().int().positive().default(3000),
    HOST: z.string().default('127.0.0.1'),
    APP_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z
      .string()
      // Empty is the same as not set: embedded mode.
      .refine(
        (url) => url === '' || isPostgresUrl(url),
        'must be a postgres:// URL, such as postgres://user:password@host:5432/database',
      )
      .optional(),
    SEED_DEMO: z.enum(['0', '1']).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)').optional(),
    COOKIE_SECURE: z.enum(['0', '1']).optional(),
    SUPABASE_URL: z.string().url().optional(),
    SUPABASE_PUBLISHABLE_KEY: publishableKey,
    SUPABASE_ANON_KEY: publishableKey,
    SUPABASE_SECRET_KEY: secretKey,
    SUPABASE_SERVICE_ROLE_KEY: secretKey,
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Expertpool <no-reply@expertpool.local>'),
    LOGIN_FREE_FAILURES: z.coerce.number().int().positive().default(5),
    LOGIN_FREE_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(20),
    LOGIN_FREE_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(24 * 60 * 60),
    LOGIN_MAX_ACCOUNT_DELAY_SECONDS: z.coerce.number().int().positive().default(60),
    LIMIT_FIRST_DELAY_SECONDS: z.coerce.number().int().positive().default(1),
    LIMIT_MAX_DELAY_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 60),
    ASK_LIMIT_PER_IP: z.coerce.number().int().positive().default(10),
    ASK_LIMIT_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(60 * 60),
    SIGNAL_CONTACT_RETENTION_MONTHS: z.coerce.number().int().positive().default(12),
    REDIS_URL: z.string().optional(),
  })
  .safeParse(process.env);

function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The environment, or one line naming the variable that is wrong and the rule (never its value: it may be a secret). */
function readEnv() {
  if (parsedEnv.success) return parsedEnv.data;
  const issue = parsedEnv.error.issues[0]!;
  const rule = issue.message.startsWith('must') ? issue.message : `is not valid (${issue.message})`;
  throw new StartFailure(`${String(issue.path[0])} ${rule}.`);
}

const env = readEnv();

export type Config = ReturnType<typeof loadConfig>;

function loadConfig() {
  const dataDir = path.resolve(env.DATA_DIR);
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
  return {
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    appUrl,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    /** No DATABASE_URL: one process, PGlite under DATA_DIR, demo data, dev outbox. */
    embedded: !env.DATABASE_URL,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === '1' : !env.DATABASE_URL,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === '1' : appUrl.startsWith('https://'),
    supabase: supabaseSettings(),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    /**
     * Sign-in (and password-reset requests, which get the same limits): failures allowed per account
     * and address, per account and per address before each further attempt waits; the wait starts at
     * firstDelaySeconds and doubles up to maxDelaySeconds (maxAccountDelaySeconds for the account-wide
     * budget, which also slows the real person down). Failures are forgotten after windowSeconds.
     */
    loginLimits: {
      freeFailures: env.LOGIN_FREE_FAILURES,
      freeFailuresPerAccount: env.LOGIN_FREE_FAILURES_PER_ACCOUNT,
      freeFailuresPerIp: env.LOGIN_FREE_FAILURES_PER_IP,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
      firstDelaySeconds: env.LIMIT_FIRST_DELAY_SECONDS,
      maxDelaySeconds: env.LIMIT_MAX_DELAY_SECONDS,
      maxAccountDelaySeconds: env.LOGIN_MAX_ACCOUNT_DELAY_SECONDS,
    },
    /** The public "Ask us" form: questions per client IP per window before each further one waits. */
    askLimits: {
      freeAttempts: env.ASK_LIMIT_PER_IP,
      windowSeconds: env.ASK_LIMIT_WINDOW_SECONDS,
      firstDelaySeconds: env.LIMIT_FIRST_DELAY_SECONDS,
      maxDelaySeconds: env.LIMIT_MAX_DELAY_SECONDS,
    },
    /** With REDIS_URL the limiters keep their counts in Redis, else in the database (rate_limits). */
    redisUrl: env.REDIS_URL,
    /** How long a signal's contact details are kept before the retention job deletes them. */
    signalContactRetentionMonths: env.SIGNAL_CONTACT_RETENTION_MONTHS,
  };
}

/**
 * Supabase Auth when any of its variables is set: then all three are needed, and one failure names
 * every one that is missing (a half-configured Supabase must not quietly fall back to local auth).
 * The publishable key signs people in; the secret key (server only, never sent to a browser) reaches
 * the admin API for invitations, sign-up links and account deletion.
 */
function supabaseSettings() {
  const url = env.SUPABASE_URL;
  const publishableKey = env.SUPABASE_PUBLISHABLE_KEY ?? env.SUPABASE_ANON_KEY;
  const secretKey = env.SUPABASE_SECRET_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY;
  if (!url && !publishableKey && !secretKey) return null;
  const missing = [
    url ? null : 'SUPABASE_URL',
    publishableKey ? null : 'SUPABASE_PUBLISHABLE_KEY (or the legacy SUPABASE_ANON_KEY)',
    secretKey ? null : 'SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY)',
  ].filter((name) => name !== null);
  if (!url || !publishableKey || !secretKey) {
    throw new StartFailure(`Supabase Auth is half configured: set ${missing.join(' and ')}.`);
  }
  return { url, publishableKey, secretKey };
}

export const config = loadConfig();

/** SESSION_SECRET, or in embedded mode one generated once and kept under DATA_DIR. */
export function sessionSecret(): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (config.production && !config.embedded) {
    throw new StartFailure(
      'SESSION_SECRET is not set. With DATABASE_URL in production it signs every session: set it to a random string of at least 32 characters (for example: openssl rand -hex 32).',
    );
  }
  const file = path.join(config.dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
