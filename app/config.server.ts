import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StartFailure } from './start-failure.server';

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
    SUPABASE_ANON_KEY: z.string().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Expertpool <no-reply@expertpool.local>'),
    LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5),
    LOGIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
    LOGIN_LIMIT_WINDOW_SECONDS: z.coerce
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
    supabase:
      env.SUPABASE_URL && env.SUPABASE_ANON_KEY ? { url: env.SUPABASE_URL, anonKey: env.SUPABASE_ANON_KEY } : null,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    loginLimits: {
      perEmail: env.LOGIN_LIMIT_PER_EMAIL,
      perIp: env.LOGIN_LIMIT_PER_IP,
      windowSeconds: env.LOGIN_LIMIT_WINDOW_SECONDS,
    },
    /** The public "Ask us" form: questions accepted per client IP per window. */
    askLimits: { perIp: env.ASK_LIMIT_PER_IP, windowSeconds: env.ASK_LIMIT_WINDOW_SECONDS },
    /** How long a signal's contact details are kept before the retention job deletes them. */
    signalContactRetentionMonths: env.SIGNAL_CONTACT_RETENTION_MONTHS,
  };
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
