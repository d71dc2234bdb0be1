import { expect, test, type Download } from '@playwright/test';
import { getDocumentProxy } from 'unpdf';
import { DEMO, expectAccessible, HYDRATION, MISSING_TEXT, signIn } from './helpers';

async function bytesOf(download: Download): Promise<Buffer> {
  return Buffer.concat(await (await download.createReadStream()).toArray());
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    for (const item of (await (await pdf.getPage(n)).getTextContent()).items) if ('str' in item) parts.push(item.str);
  }
  return parts.join(' ');
}

test('a coordinator on a Dutch interface gives a board English: its exports are in English, as members are told', async ({
  page,
  browser,
}) => {
  // A board, two downloads, a PDF read back and two axe checks on a shared machine.
  test.setTimeout(180_000);
  // The print page renders part of itself in another language than the page's: as on the server, with its texts.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (HYDRATION.test(message.text()) || MISSING_TEXT.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, DEMO.coordinator);
  // A board of its own: no other spec reads or changes it.
  const title = `Raadsstuk ${Date.now()}`;
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await expect(page.getByLabel('Naam van het bord')).toBeVisible();
  const boardsUrl = page.url();
  await page.getByLabel('Naam van het bord').fill(title);
  await expect(page.getByLabel('Taal van het bord')).toHaveValue('');
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await page.getByLabel('Taal van het bord').selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Taal opslaan' }).click();
  await expect(page.getByText('De taal van het bord is opgeslagen.')).toBeVisible();
  await expect(page.getByLabel('Taal van het bord')).toHaveValue('en');
  await expect(page.getByRole('region', { name: 'Exporteren' })).toContainText('Taal van de exports: English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expectAccessible(page);

  const markdownDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als Markdown' }).click();
  const markdown = (await bytesOf(await markdownDownload)).toString('utf8');
  expect(markdown).toContain(`# ${title}`);
  expect(markdown).toContain('## First contact');
  expect(markdown).toContain('### Cards');
  expect(markdown).not.toContain('Eerste contact');

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als PDF' }).click();
  const text = await pdfText(await bytesOf(await pdfDownload));
  expect(text).toContain('First contact');
  expect(text).toContain('Golden tips');
  expect(text).toMatch(/Page 1 of \d+/);
  expect(text).not.toContain('Eerste contact');

  // The print page: the board in English, the links around it in the reader's Dutch; also when loaded afresh.
  await page.getByRole('link', { name: 'Afdrukversie (ook voor PDF)' }).click();
  for (const load of ['link', 'reload']) {
    if (load === 'reload') await page.reload();
    const board = page.getByRole('region', { name: 'Sections of the board' });
    await expect(board.getByRole('heading', { level: 2, name: 'First contact' })).toBeVisible();
    await expect(board.locator('xpath=ancestor::*[@lang][1]')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: 'Terug naar het bord' })).toBeVisible();
  }
  await expectAccessible(page);

  // The pool's list names the language, and a copy of the board is filled in with it: still changeable,
  // and back to a board without a language when another one is chosen to copy.
  await page.goto(boardsUrl);
  const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Open ${title}` }) });
  await expect(listed).toContainText('Taal van de exports: English');
  await expect(listed.locator('bdi')).toHaveAttribute('lang', 'en');
  const form = page.getByRole('region', { name: 'Nieuw bord' });
  const copyFrom = form.getByLabel('Bord om te kopiëren');
  const language = form.getByLabel('Taal van het bord');
  // The choice between a template and a copy works once the page is hydrated: try until it took.
  await expect(async () => {
    await form.getByRole('radio', { name: 'Een kopie van een eerder bord' }).check();
    await expect(copyFrom).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await copyFrom.selectOption({ label: title });
  await expect(language).toHaveValue('en');
  await copyFrom.selectOption({ label: 'Brede Intake: zo voelt het eerste gesprek' });
  await expect(language).toHaveValue('');
  await copyFrom.selectOption({ label: title });
  await expect(language).toHaveValue('en');
  await language.selectOption({ label: 'Türkçe' });
  await form.getByLabel('Naam van het bord').fill(`Kopie van ${title}`);
  await form.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Kopie van ${title}` })).toBeVisible();
  await expect(page.getByLabel('Taal van het bord')).toHaveValue('tr');

  // A member, who may not change the language, learns it from the pool's list and beside the export links.
  // Olena of the Alkmaar pool: no other spec signs in as her or changes her membership.
  const context = await browser.newContext();
  const member = await context.newPage();
  await signIn(member, 'olena@demo.expertpool.nl');
  await member.goto(boardsUrl);
  const item = member.getByRole('listitem').filter({ has: member.getByRole('link', { name: `Open ${title}` }) });
  await expect(item).toContainText('Taal van de exports: English');
  await expect(item.locator('bdi')).toHaveAttribute('lang', 'en');
  await expectAccessible(member);
  await item.getByRole('link', { name: `Open ${title}` }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const exports = member.getByRole('region', { name: 'Exporteren' });
  await expect(exports).toContainText('Taal van de exports: English');
  await expect(exports.locator('bdi')).toHaveAttribute('lang', 'en');
  await expect(member.getByLabel('Taal van het bord')).toHaveCount(0);
  await context.close();
  expect(errors).toEqual([]);
});
