import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startTestSmtp, type TestSmtp } from '../smtp';
import { DEMO, expectAccessible, signIn } from './helpers';

// Mail that does not arrive, as an admin meets it in server mode: this file starts an app of its own
// that delivers through a real SMTP server started here (the suite's app has no SMTP and never fails
// to deliver). The SMTP server refuses one address for good (550) until the test lets it through.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 90;
const BASE = `http://localhost:${PORT}`;
const bounce = `bounce-${Date.now()}@example.org`;
let accept = false;
let smtp: TestSmtp;
let app: ChildProcess;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startTestSmtp({ refuse: (address) => (address === bounce && !accept ? 550 : undefined) });
  // A fresh embedded database: remove the last run's, then wait for the app to answer.
  rmSync(`.data-e2e-${PORT}`, { recursive: true, force: true });
  app = spawn('npx', ['tsx', 'server/index.ts'], {
    detached: true,
    stdio: ['ignore', process.env.E2E_APP_LOG ? 'inherit' : 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      APP_URL: BASE,
      DATA_DIR: `.data-e2e-${PORT}`,
      SMTP_URL: smtp.url,
    },
  });
  for (let tries = 0; ; tries += 1) {
    const ready = await fetch(`${BASE}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (tries > 150) throw new Error('the app with SMTP did not start');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
});

test.afterAll(async () => {
  if (app?.pid) process.kill(-app.pid, 'SIGTERM');
  await smtp.close();
});

test('an admin sees an invitation the mail server refused, and sends it again once the address works', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).first().click();
  await page.getByLabel('E-mailadres').fill(bounce);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');

  await page.goto('/admin');
  await page.getByRole('link', { name: 'E-mail die niet aankwam' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mail die niet aankwam' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: bounce });
  await expect(row).toContainText('Opgegeven na 1 poging');
  await expect(row).toContainText('550');
  // The text of the mail (an invitation link) is not on the page.
  await expect(page.getByText('/invite/')).toHaveCount(0);
  await expectAccessible(page);

  accept = true;
  await row.getByRole('button', { name: /^Opnieuw versturen: .* aan / }).click();
  await expect(page.getByRole('status')).toHaveText('De mail staat weer klaar om te versturen.');
  await expect.poll(() => smtp.received.some((m) => m.recipients.includes(bounce)), { timeout: 30_000 }).toBe(true);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: bounce })).toHaveCount(0);
});
