import { expect, test, type Page } from '@playwright/test';
import { getDocumentProxy } from 'unpdf';
import { DEMO, expectAccessible, signIn } from './helpers';

/** Reads the board's export only: no spec changes the demo intake board's cards this test looks for. */
const INTAKE = 'Brede Intake: zo voelt het eerste gesprek';

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(bytes);
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  return { pages: pdf.numPages, text: parts.join(' ') };
}

async function openIntake(page: Page) {
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await page.getByRole('link', { name: `Open ${INTAKE}` }).click();
}

test('the coordinator downloads the board as a PDF; another pool and an unshared reader get a 404', async ({
  page,
  browser,
}) => {
  // Three sign-ins and a PDF read back on a shared machine: more than the default minute.
  test.setTimeout(180_000);
  await signIn(page, DEMO.coordinator);
  await openIntake(page);
  const link = page.getByRole('link', { name: 'Download als PDF' });
  await expect(link).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Brede Intake.*\.pdf$/);
  const bytes = await (await file.createReadStream()).toArray().then((chunks) => new Uint8Array(Buffer.concat(chunks)));
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const { pages, text } = await pdfText(bytes);
  expect(text).toContain(INTAKE);
  expect(text).toContain('Expertpool Regio Alkmaar');
  expect(text).toContain('Eerste contact');
  expect(text).toContain('Een korte uitnodiging met een plaatje van het gebouw en de route');
  expect(text).toContain('Gouden tips');
  expect(text).toContain(`Pagina ${pages} van ${pages}`);
  const boardUrl = page.url();

  // A member of another pool, and the municipality's reader (the intake board is not shared).
  for (const email of ['reza@demo.expertpool.nl', DEMO.gemeente]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, email);
    const response = await other.request.get(`${boardUrl}/pdf`);
    expect(response.status(), email).toBe(404);
    expect(response.headers()['content-type']).not.toContain('application/pdf');
    await context.close();
  }
});
