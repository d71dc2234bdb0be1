// First: what stops the run (configuration, database) is told in one line.
import { started } from '~/start-failure.server';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { supabaseAuth } from '~/auth/auth.server';
import { createLocalAuth } from '~/auth/local.server';
import { config } from '~/config.server';
import { startDatabase } from '~/db/db.server';
import { grantAdmin, setPasswordToken } from '~/people/first-admin.server';
import { adminEmailSchema, resetPasswordSchema } from '~/people/schema.server';

/**
 * `npm run admin:create -- <email> [--password-stdin]`: makes that account an admin (the first one, or
 * another), creating it with local auth. A new local account gets its password typed at a prompt
 * (hidden; empty for a link instead), read from stdin with --password-stdin, or else a one-time
 * set-password link to pass on. With Supabase Auth an existing account is promoted, and a new one is made
 * through the admin API when a password is given (GoTrue owns the accounts: there is no link to print).
 */
const args = process.argv.slice(2);
const passwordFromStdin = args.includes('--password-stdin');
const [given = ''] = args.filter((arg) => !arg.startsWith('--'));

const parsed = adminEmailSchema.safeParse(given);
if (!parsed.success) {
  console.error(
    given
      ? `admin:create: ${JSON.stringify(given)} is not an e-mail address. Example: npm run admin:create -- name@example.org`
      : 'admin:create: give the address of the account. Example: npm run admin:create -- name@example.org',
  );
  process.exit(2);
}
const email = parsed.data;

const database = await startDatabase();
started();
const supabase = supabaseAuth();
let grant = await grantAdmin(database, email, { mayCreate: !supabase });
let created = grant.outcome !== 'no-account' && grant.outcome !== 'closed' && grant.created;
let exitCode = 0;
if (grant.outcome === 'no-account' && supabase) {
  // GoTrue owns the accounts: it makes this one (and handle_new_user its profile), then the role is granted.
  const password = await readPassword();
  if (!password) {
    console.error(
      `admin:create: Supabase Auth has no account for ${email}. Give it a password (at the prompt, or with --password-stdin), or invite the person in the Supabase dashboard (Authentication → Users) and run this again.`,
    );
  } else if (passwordFits(password)) {
    created = (await supabase.admin.createAccount(email, password)) !== 'exists';
    grant = await grantAdmin(database, email, { mayCreate: false });
  }
}
if (grant.outcome === 'no-account') {
  exitCode = 1;
} else if (grant.outcome === 'closed') {
  console.error(`admin:create: the account of ${email} is closed; it stays closed.`);
  exitCode = 1;
} else {
  console.log(
    grant.outcome === 'granted'
      ? `${email} is an admin now${created ? ' (new account)' : ''}.`
      : `${email} was an admin already.`,
  );
  if (!supabase && !grant.hasPassword) exitCode = await givePassword(grant.userId);
}
await database.close();
process.exit(exitCode);

/** Local auth: a password from the prompt or stdin, or a link to set one; 1 when the password breaks the rules. */
async function givePassword(userId: string): Promise<number> {
  const password = await readPassword();
  const token = await setPasswordToken(database, userId);
  if (!password) {
    console.log(`Set the password within 24 hours at: ${config.appUrl}/reset-password/${token}`);
    return 0;
  }
  if (!passwordFits(password)) return 1;
  await createLocalAuth(database).resetPassword(token, password);
  console.log(`Password set: sign in at ${config.appUrl}/login`);
  return 0;
}

function readPassword(): Promise<string> {
  return passwordFromStdin ? text(process.stdin).then((input) => input.split(/\r?\n/)[0]!) : promptPassword();
}

/** The rules of every new password in the app; says so when it breaks them. */
function passwordFits(password: string): boolean {
  if (resetPasswordSchema.safeParse({ password }).success) return true;
  console.error('admin:create: no password set: it must be 10 to 200 characters. Run the command again.');
  return false;
}

/** Asks at the terminal without echoing what is typed; no terminal, no question. */
async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) return '';
  process.stdout.write('Password (at least 10 characters; empty: print a set-password link instead): ');
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await prompt.question('');
  prompt.close();
  process.stdout.write('\n');
  return answer;
}
