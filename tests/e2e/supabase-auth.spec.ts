// Supabase mode in a browser: a server of its own in Supabase mode on a fresh Postgres database,
// against a FAKE of Supabase's Auth API (tests/fake-gotrue.ts: hosted Auth cannot run here). The
// fake keeps its users in that same database, as GoTrue does in a Supabase project, and issues
// access tokens that need a refresh within seconds, so a visit of a few pages lives through refreshes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openDatabase, type Database } from '~/db/connection.server';
import { adminQuery, createDatabase } from '../db/admin-query';
import { PUBLISHABLE_KEY, SECRET_KEY, startFakeGoTrue, type FakeGoTrue } from '../fake-gotrue';
import { DEMO, expectAccessible } from './helpers';

const serverUrl = process.env.TEST_DATABASE_URL;
// Skipped only without a Postgres server: the fake GoTrue keeps its users in auth.users of a database the
// app and this test both reach, which an embedded PGlite inside the app's process cannot be. CI and
// `npm test` as the README gives it set TEST_DATABASE_URL, so there these three run.
test.skip(!serverUrl, 'needs a Postgres server (TEST_DATABASE_URL) that this test and the app share');
test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const FAKE_PORT = PORT + 1;
const APP = `http://localhost:${PORT}`;
const databaseName = `e2e_supabase_${randomBytes(4).toString('hex')}`;
let server: ChildProcess;
let database: Database;
let gotrue: FakeGoTrue;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const url = await createDatabase(serverUrl!, databaseName);
  // Its own process group, so the end of the test stops tsx and the node process it starts.
  server = spawn('node_modules/.bin/tsx', ['server/index.ts'], {
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      APP_URL: APP,
      DATABASE_URL: url,
      SEED_DEMO: '1',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SUPABASE_URL: `http://127.0.0.1:${FAKE_PORT}`,
      SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
      SUPABASE_SECRET_KEY: SECRET_KEY,
      LIMIT_FIRST_DELAY_SECONDS: '60',
    },
    stdio: 'ignore',
  });
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${APP}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (tries > 300) throw new Error('the Supabase-mode server did not start');
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  database = await openDatabase({ url });
  gotrue = await startFakeGoTrue(database, { port: FAKE_PORT, accessTokenSeconds: 100 });
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  await gotrue?.close();
  await database?.close();
  await adminQuery(serverUrl!, `drop database if exists ${databaseName} with (force)`);
});

async function signIn(page: Page, email: string, password = 'expertpool') {
  await page.goto(`${APP}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
}

const refreshes = () => gotrue.requests.filter((r) => r.includes('grant_type=refresh_token')).length;

test('a coordinator stays signed in through token refreshes while visiting pages', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await expect(page.getByRole('banner').getByText('Ingelogd als Samira')).toBeVisible();
  const before = refreshes();
  // The access token lives 100 s and supabase-js refreshes 90 s before its end: after ten seconds
  // the next page refreshes it, and the cookie on that answer carries the next pages.
  await page.waitForTimeout(11_000);
  await page.goto(`${APP}/sessions`);
  await expect(page.getByRole('banner').getByText('Ingelogd als Samira')).toBeVisible();
  expect(refreshes()).toBe(before + 1);
  await page.goto(`${APP}/profile`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();
  expect(refreshes()).toBe(before + 1);
  await expectAccessible(page);
});

test('an invited person follows the mail from Supabase, chooses name and password, and is in', async ({
  page,
  browser,
}) => {
  const email = `supabase-${Date.now()}@example.org`;
  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');
  const mail = gotrue.mails.find((m) => m.to === email && m.kind === 'invite');
  expect(mail?.link).toContain('/auth/callback?next=%2Finvite%2F');

  const newcomer = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await newcomer.goto(mail!.link);
  await expect(newcomer).toHaveURL(/\/invite\//);
  await newcomer.getByLabel('Naam die anderen zien').fill('Selam');
  await newcomer.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
  await newcomer.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();
  await expect(newcomer.getByRole('banner').getByText('Ingelogd als Selam')).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.context().close();
});

test('a forgotten password: the mailed link signs in and a new password is chosen', async ({ page }) => {
  await page.goto(`${APP}/forgot-password`);
  await page.getByLabel('E-mailadres').fill(DEMO.lid);
  await page.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(page.getByRole('status')).toContainText('Heb je een account met dit e-mailadres?');
  const mail = gotrue.mails.filter((m) => m.to === DEMO.lid && m.kind === 'recovery').at(-1);
  await page.goto(mail!.link);
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord kiezen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByText('Kies een wachtwoord van minstens 10 tekens.')).toBeVisible();
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('mijn-nieuwe-wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Je wachtwoord is gewijzigd.');

  await page.context().clearCookies();
  await signIn(page, DEMO.lid, 'mijn-nieuwe-wachtwoord');
});
