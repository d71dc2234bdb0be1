import { devices, expect, test } from '@playwright/test';
import { chooseLanguage, DEMO, expectAccessible, signIn } from './helpers';

test('text with invisible control characters is refused by the field and kept; bidi controls are dropped', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.lid);
  await page.goto('/advice/new');
  // Pasted from somewhere else: a right-to-left override in the title, a NUL in the insight.
  const title = 'Inloopspreekuur in de bibliotheek';
  await page.getByLabel('Titel').fill(`\u202E${title}`);
  await page.getByLabel('Inzicht', { exact: true }).fill('Veel vragen komen\u0000 pas na de intake.');
  await page.getByLabel('Kansen').fill('Een vast inloopspreekuur op zaterdag.');
  await page.getByRole('checkbox', { name: 'Taal en communicatie' }).check();
  await page.getByLabel('Onderdeel van de inburgering').selectOption('leerroute');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();

  const insight = page.getByLabel('Inzicht', { exact: true });
  await expect(page.getByText('In deze tekst staan onzichtbare tekens.', { exact: false })).toBeVisible();
  await expect(insight).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Kansen')).toHaveValue('Een vast inloopspreekuur op zaterdag.');
  await expectAccessible(page);

  await insight.fill('Veel vragen komen pas na de intake.');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Het concept is opgeslagen.');
  // Stored and shown without the override that would have turned the title around.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // The same refusal, in Arabic, for a comment.
  await chooseLanguage(page, 'ar');
  await page.getByLabel('تعليقك').fill('فكرة\u0000 جيدة');
  await page.getByRole('button', { name: 'نشر التعليق' }).click();
  await expect(page.getByText('يحتوي هذا النص على رموز تحكم غير مرئية لا يمكن حفظها.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('تعليقك')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByLabel('تعليقك').fill('فكرة جيدة');
  await page.getByRole('button', { name: 'نشر التعليق' }).click();
  await expect(page.getByRole('status')).toHaveText('تم نشر تعليقك.');
  await expect(page.getByRole('paragraph').filter({ hasText: /^فكرة جيدة$/ })).toBeVisible();
});

test('a form larger than the app accepts gets a page that says so, in English', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  // One of the coordinator's own pool: the comment form is the pool's (another spec's new advice may
  // come first in the register, from a pool the coordinator is not in).
  const title = 'Overheidsdiensten zijn moeilijk bereikbaar, voor nieuwkomers nog meer';
  await page.goto(`/advice?q=${encodeURIComponent(title)}`);
  await page.getByRole('link', { name: title }).click();
  // On the advice before the language changes: the change returns to the page it was asked from.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await chooseLanguage(page, 'en');
  // Pasted in one go (typing a megabyte through fill would take minutes).
  await page.getByLabel('Your comment').evaluate((field, size) => {
    (field as HTMLTextAreaElement).value = 'x'.repeat(size);
  }, 1_100_000);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This is too large' })).toBeVisible();
  await expect(page.getByText('What you sent is too large.', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to home' })).toBeVisible();
  await expectAccessible(page);
});

test('hand-edited links with impossible dates still show the page', async ({ page }) => {
  await signIn(page, DEMO.lid);
  await page.goto('/sessions/calendar?month=0000-01');
  const thisMonth = new Intl.DateTimeFormat('nl-NL', {
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kalender: ${thisMonth}`);
  await expectAccessible(page);
  await page.goto('/advice?from=2026-99-99&page=99999999999999999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Adviesregister' })).toBeVisible();
  await expectAccessible(page);
});

test('a CSV named like a spreadsheet export (with =) is imported', async ({ page }) => {
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  await page.getByRole('link', { name: 'Cijfers importeren (CSV)' }).click();
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: 'Overzicht Q1=2025.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('kernindicator;periode;waarde\n% inburgeraars met betaald werk na drie jaar;2019-K1;38\n'),
  });
  await page.getByRole('button', { name: 'Inlezen' }).click();
  await expect(page.getByRole('status')).toHaveText('Het bestand is ingelezen. Alle regels zijn opgeslagen.');
  await expect(
    page.getByRole('table', { name: 'Eerdere imports' }).getByRole('row', { name: /Overzicht Q1=2025\.csv/ }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('on a phone, a refused form brings its reason into view and focus, whatever form it is', async ({ browser }) => {
  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'nl-NL' });
  const page = await context.newPage();
  // A form with an error summary: the summary gets focus.
  await page.goto('/ask');
  await page.getByRole('button', { name: 'Verstuur je vraag' }).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Verstuur je vraag' }).click();
  const summary = page.locator('main .form-error');
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();

  // A sign-in with a wrong password on the same phone: its message too.
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill('niemand@example.org');
  await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.locator('main .form-error')).toBeFocused();
  await context.close();
});
