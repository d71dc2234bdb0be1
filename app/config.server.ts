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

/** The rules for each variable (the ones about several are crossVariableProblems): the processes at start and `npm run check-config` apply them. */
const environmentSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default('127.0.0.1'),
  APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  TRUST_PROXY: z.enum(['0', '1'], 'must be 1 (behind a reverse proxy that sets X-Forwarded-For) or 0').optional(),
  PGLITE_WORKER: z.enum(['0', '1'], 'must be 1 (PGlite in a worker thread) or 0').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  COLLAB_PORT: z.coerce.number().int().positive().optional(),
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
  SMTP_URL: z
    .string()
    // Empty is the same as not set (a compose file's `${SMTP_URL:-}`), as for DATABASE_URL.
    .refine((url) => url === '' || hasProtocol(url, ['smtp:', 'smtps:']), 'must be an smtp:// or smtps:// URL')
    .optional(),
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
  REDIS_URL: z
    .string()
    .refine((url) => url === '' || hasProtocol(url, ['redis:', 'rediss:']), 'must be a redis:// or rediss:// URL')
    .optional(),
});

/**
 * The rules about several variables at once, on the raw environment, so they are told even when a
 * variable they read is wrong on its own as well.
 */
function crossVariableProblems(environment: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  // With a database server in production, sessions must survive restarts and be the same on every process.
  if (environment.NODE_ENV === 'production' && environment.DATABASE_URL && !environment.SESSION_SECRET) {
    problems.push(
      'SESSION_SECRET is not set. With DATABASE_URL in production it signs every session: set it to a random string of at least 32 characters (for example: openssl rand -hex 32).',
    );
  }
  // Supabase Auth when any of its variables is set: then all three are needed, and one message names
  // every one that is missing (a half-configured Supabase must not quietly fall back to local auth).
  const missing = Object.entries(supabaseVariables(environment))
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0 && missing.length < 3) {
    problems.push(`Supabase Auth is half configured: set ${missing.join(' and ')}.`);
  }
  return problems;
}

/** Supabase's three settings, each under the name the operator is told to set (new or legacy key names). */
function supabaseVariables(env: NodeJS.ProcessEnv) {
  return {
    SUPABASE_URL: env.SUPABASE_URL,
    'SUPABASE_PUBLISHABLE_KEY (or the legacy SUPABASE_ANON_KEY)': env.SUPABASE_PUBLISHABLE_KEY ?? env.SUPABASE_ANON_KEY,
    'SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY)':
      env.SUPABASE_SECRET_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY,
  };
}

function isPostgresUrl(value: string): boolean {
  return hasProtocol(value, ['postgres:', 'postgresql:']);
}

function hasProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const rule = /^(must|is) /.test(issue.message) ? issue.message : `is not valid (${issue.message})`;
  return `${String(issue.path[0])} ${rule}.`;
}

/**
 * The environment, or a failure that names every variable that is missing or wrong, one sentence each
 * (never a value: it may be a secret). `npm run check-config` lists them.
 */
function readEnv() {
  const parsed = environmentSchema.safeParse(process.env);
  const problems = [...(parsed.error?.issues.map(describeIssue) ?? []), ...crossVariableProblems(process.env)];
  if (problems.length > 0 || !parsed.success) throw new StartFailure(problems);
  return parsed.data;
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
    /** Behind a reverse proxy: the client's address comes from X-Forwarded-For (rate limits). */
    trustProxy: env.TRUST_PROXY === '1',
    /** `npm run collab` only: the standalone collab-server's port. */
    collabPort: env.COLLAB_PORT ?? env.PORT + 1,
    appUrl,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    /** PGlite's WebAssembly in a worker thread, off the loop that serves requests and WebSockets. */
    pgliteWorker: env.PGLITE_WORKER !== '0',
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
 * Supabase Auth, or null for local auth (all three or none is a rule of environmentSchema). The
 * publishable key signs people in; the secret key (server only, never sent to a browser) reaches the
 * admin API for invitations, sign-up links and account deletion.
 */
function supabaseSettings() {
  // The raw strings: the schema checks these three without changing them.
  const [url, publishableKey, secretKey] = Object.values(supabaseVariables(process.env));
  return url && publishableKey && secretKey ? { url, publishableKey, secretKey } : null;
}

export const config = loadConfig();

/** SESSION_SECRET, or (outside production server mode, see environmentSchema) one generated once and kept under DATA_DIR. */
export function sessionSecret(): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.join(config.dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
