import { expect, test, type Browser, type Page } from '@playwright/test';
import { boardFetchesDone, DEMO, expectAccessible, openCardMenu, signIn } from './helpers';

const INTAKE = 'Brede Intake: zo voelt het eerste gesprek';

async function openPoolBoards(page: Page, pool = 'Expertpool Regio Alkmaar') {
  await page.getByRole('link', { name: pool }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Borden/ })).toBeVisible();
}

/** A new board made by the coordinator, so each test works on its own document. */
async function createBoard(page: Page, title: string, template = 'Brede Intake', pool?: string) {
  await signIn(page, DEMO.coordinator);
  await openPoolBoards(page, pool);
  await page.getByLabel('Naam van het bord').fill(title);
  await page.getByLabel('Sjabloon', { exact: true }).selectOption({ label: template });
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  return page.url();
}

async function memberPage(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.lid);
  await expect(page.getByText('Hallo Yonas')).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  return { page, context };
}

test('two people co-edit a section and cards and see each other on the board', async ({ page, browser }) => {
  // Two browsers and many steps on a shared machine.
  test.slow();
  const url = await createBoard(page, 'Samen ontwerpen');
  const member = await memberPage(browser, url);

  // Presence: each sees the other.
  await expect(page.getByRole('region', { name: 'Op dit bord' }).getByText('Yonas')).toBeVisible();
  await expect(member.page.getByRole('region', { name: 'Op dit bord' }).getByText('Samira')).toBeVisible();

  // Rich text typed by one appears for the other.
  const editor = page.getByRole('textbox', { name: 'Tekst bij Eerste contact' });
  await editor.click();
  await page.keyboard.type('De brief was te moeilijk.');
  await expect(member.page.getByRole('textbox', { name: 'Tekst bij Eerste contact' })).toContainText(
    'De brief was te moeilijk.',
  );
  const memberEditor = member.page.getByRole('textbox', { name: 'Tekst bij Eerste contact' });
  await memberEditor.click();
  await member.page.keyboard.press('End');
  await member.page.keyboard.type(' Ik had een tolk nodig.');
  await expect(editor).toContainText('Ik had een tolk nodig.');

  // A card posted by the member, recognised and moved by the coordinator.
  const section = member.page.getByRole('region', { name: 'Het gesprek' });
  await section.getByLabel('Nieuw kaartje').fill('Vaste klantmanager');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  const card = page.getByRole('article', { name: 'Vaste klantmanager' });
  await expect(card).toBeVisible();
  await expect(card.getByText('door Yonas')).toBeVisible();
  await card.getByRole('button', { name: 'Herken ik' }).click();
  await expect(card.getByText('1 persoon herkent dit')).toBeVisible();
  await expect(
    member.page.getByRole('article', { name: 'Vaste klantmanager' }).getByText('1 persoon herkent dit'),
  ).toBeVisible();
  await (await openCardMenu(card)).getByRole('menuitem', { name: 'Verplaats naar Na de intake' }).click();
  await expect(
    member.page.getByRole('region', { name: 'Na de intake' }).getByRole('article', { name: 'Vaste klantmanager' }),
  ).toBeVisible();
  // Said aloud, and focus goes with the card to its new section.
  await expect(page.getByRole('status').filter({ hasText: 'Kaartje verplaatst naar Na de intake.' })).toBeAttached();
  await expect(
    page
      .getByRole('region', { name: 'Na de intake' })
      .getByRole('button', { name: 'Acties voor kaartje: Vaste klantmanager' }),
  ).toBeFocused();

  await expectAccessible(page);
  await expectAccessible(member.page);
  await member.context.close();
});

test('the author edits their card through its menu, by keyboard; the coordinator may too, another member may not', async ({
  page,
  browser,
}) => {
  // Two browsers and many steps on a shared machine.
  test.slow();
  const url = await createBoard(page, 'Kaartjes bewerken');
  const member = await memberPage(browser, url);
  const section = member.page.getByRole('region', { name: 'Het gesprek' });
  await section.getByLabel('Nieuw kaartje').fill('Een vaste klantmanager');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  const card = section.getByRole('article', { name: 'Een vaste klantmanager' });
  // Compact: text, author, colour, recognitions; one menu for the rest.
  await expect(card.getByText('door Yonas · Geel')).toBeVisible();
  await expect(card.getByRole('button')).toHaveText(['Herken ik', 'Acties']);

  // The menu by keyboard: Enter opens it on its first item, arrows and End move, Escape gives focus back.
  const menuButton = card.getByRole('button', { name: 'Acties voor kaartje: Een vaste klantmanager' });
  await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
  await menuButton.focus();
  await member.page.keyboard.press('Enter');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  const menu = card.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Tekst bewerken' })).toBeFocused();
  await member.page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Kaartje verwijderen' })).toBeFocused();
  await member.page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Tekst bewerken' })).toBeFocused();
  await member.page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Opmerkingen (0)' })).toBeFocused();
  await member.page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Maak signaal' })).toBeFocused();
  await expectAccessible(member.page);
  await member.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toBeFocused();

  // Editing: an empty text is refused and what was typed stays; a new text and colour reach everyone.
  await member.page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Tekst bewerken' })).toBeFocused();
  await member.page.keyboard.press('Enter');
  const text = card.getByLabel('Tekst van het kaartje');
  await expect(text).toBeFocused();
  await expect(text).toHaveValue('Een vaste klantmanager');
  await text.fill('   ');
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(card.getByText('Schrijf iets op het kaartje, of kies Annuleren.')).toBeVisible();
  await expect(text).toHaveValue('   ');
  await expectAccessible(member.page);
  await text.fill('Een vaste klantmanager die mijn taal spreekt');
  await card.getByLabel('Kleur').selectOption({ label: 'Blauw' });
  await card.getByRole('button', { name: 'Opslaan' }).click();
  const edited = page.getByRole('article', { name: 'Een vaste klantmanager die mijn taal spreekt' });
  await expect(edited.getByText('door Yonas · Blauw')).toBeVisible();
  await expect(
    member.page.getByRole('button', { name: /^Acties voor kaartje: Een vaste klantmanager die mijn/ }),
  ).toBeFocused();

  // The coordinator edits the member's card; Escape leaves an edit without saving it.
  await (await openCardMenu(edited)).getByRole('menuitem', { name: 'Tekst bewerken' }).click();
  await edited.getByLabel('Tekst van het kaartje').fill('Niet bewaard');
  await page.keyboard.press('Escape');
  await expect(edited.getByLabel('Tekst van het kaartje')).toHaveCount(0);
  await (await openCardMenu(edited)).getByRole('menuitem', { name: 'Tekst bewerken' }).click();
  // Within the card: the coordinator's page also has the board's "Taal opslaan".
  await edited.getByLabel('Tekst van het kaartje').fill('Een vaste klantmanager (tolk als het nodig is)');
  await edited.getByRole('button', { name: 'Opslaan' }).click();
  await expect(
    member.page.getByRole('article', { name: 'Een vaste klantmanager (tolk als het nodig is)' }),
  ).toBeVisible();
  await expect(page.getByRole('article', { name: 'Niet bewaard' })).toHaveCount(0);

  // Another member's card (the coordinator's starter card) offers the member no editing.
  const starter = member.page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await expect((await openCardMenu(starter)).getByRole('menuitem', { name: 'Tekst bewerken' })).toHaveCount(0);
  await member.context.close();
});

test('dot-voting: the budget holds and results stay hidden, even from the coordinator, until revealed', async ({
  page,
  browser,
}) => {
  // Two browsers and axe with menus open: past 60 s under the load of a full run on two cores.
  test.slow();
  const url = await createBoard(page, 'Stemmen');
  const member = await memberPage(browser, url);
  await page.getByLabel('Stippen per persoon').fill('2');
  await page.getByRole('button', { name: 'Start stemronde' }).click();
  await expect(member.page.getByText(/Stemronde 1 is open/)).toBeVisible();

  const memberCard = member.page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await memberCard.getByRole('button', { name: 'Stip geven' }).click();
  await expect(memberCard.getByText('Jij gaf 1 stip')).toBeVisible();
  await memberCard.getByRole('button', { name: 'Stip geven' }).click();
  await expect(memberCard.getByText('Jij gaf 2 stippen')).toBeVisible();
  await expect(member.page.getByText(/Je hebt nog 0 stippen/)).toBeVisible();
  await expect(memberCard.getByRole('button', { name: 'Stip geven' })).toBeDisabled();
  // The coordinator places one dot with the keyboard and sees only the turnout, no totals.
  const coordinatorCard = page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await coordinatorCard.getByRole('button', { name: 'Stip geven' }).focus();
  await page.keyboard.press('Enter');
  await expect(coordinatorCard.getByText('Jij gaf 1 stip')).toBeVisible();
  await page.getByRole('button', { name: 'Bijwerken' }).click();
  await expect(page.getByText(/2 mensen gaven tot nu toe 3 stippen/)).toBeVisible();
  await expect(coordinatorCard.getByText('3 stippen')).toHaveCount(0);
  await expectAccessible(page);
  // Starting again while the round is open asks first; cancelling keeps the round and its dots.
  await page.getByRole('button', { name: 'Start stemronde' }).click();
  await expect(
    page.getByText('Er loopt al een stemronde. Een nieuwe ronde gooit de stippen van deze ronde weg.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(memberCard.getByText('Jij gaf 2 stippen')).toBeVisible();

  await page.getByRole('button', { name: 'Toon uitslag' }).click();
  await expect(coordinatorCard.getByText('3 stippen')).toBeVisible();
  const ranking = member.page.getByRole('region', { name: 'Volgorde na stemronde 1' });
  await expect(ranking.getByRole('listitem')).toHaveText(['Een tolk die ik zelf mag kiezen · 3 stippen']);
  await expect(member.page.getByText('Uitslag van stemronde 1')).toBeVisible();
  await expect(memberCard.getByText('3 stippen')).toBeVisible();
  await expect(memberCard.getByRole('button', { name: 'Stip geven' })).toHaveCount(0);
  await expectAccessible(member.page);

  // The export shows the revealed totals.
  // Opened by its address: the board page itself shows the same words on the card.
  await expect(page.getByRole('link', { name: 'Afdrukversie (ook voor PDF)' })).toHaveAttribute('href', /\/print$/);
  await page.goto(`${url}/print`);
  await expect(page.getByText(/· 3 stippen/)).toBeVisible();
  await member.context.close();
});

test('a member turns a card into a signal and follows the link to it', async ({ page }) => {
  await signIn(page, DEMO.lid);
  await openPoolBoards(page);
  await page.getByRole('link', { name: `Open ${INTAKE}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  const card = page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await (await openCardMenu(card)).getByRole('menuitem', { name: 'Maak signaal' }).click();
  const link = card.getByRole('link', { name: 'Dit kaartje is een signaal geworden' });
  await expect(link).toBeVisible();
  // That was all a member may do with another person's card besides recognising it and commenting on it.
  const menu = await openCardMenu(card);
  await expect(menu.getByRole('menuitem')).toHaveText([/^Opmerkingen \(\d+\)$/]);
  await page.keyboard.press('Escape');
  await expect(card.getByRole('button', { name: 'Herken ik' })).toBeVisible();
  await expectAccessible(page);
  await link.click();
  await expect(page).toHaveURL(/\/signals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Signaal EP-/ })).toBeVisible();
  await expect(page.getByRole('main').getByText('Een tolk die ik zelf mag kiezen')).toBeVisible();
  await expectAccessible(page);
});

test('the coordinator deletes a snapshot and then the board, after confirming', async ({ page, browser }) => {
  const url = await createBoard(page, 'Weggooibord');
  const member = await memberPage(browser, url);
  await page.getByLabel('Naam van de momentopname').fill('Tussenstand');
  await page.getByRole('button', { name: 'Maak momentopname' }).click();
  await expect(page.getByRole('link', { name: 'Bekijk Tussenstand' })).toBeVisible();
  await page.getByRole('button', { name: 'Verwijder Tussenstand' }).click();
  await expect(page.getByText('Momentopname Tussenstand echt verwijderen?')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, verwijder Tussenstand' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De momentopname is verwijderd.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bekijk Tussenstand' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Weggooibord verwijderen…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bord Weggooibord verwijderen' })).toBeVisible();
  const confirm = page.getByLabel('Typ de naam van het bord om te bevestigen: Weggooibord');
  await confirm.fill('Ander bord');
  await page.getByRole('button', { name: 'Bord definitief verwijderen' }).click();
  await expect(page.getByText('Dit is niet de naam van het bord.')).toBeVisible();
  await expect(confirm).toHaveValue('Ander bord');
  await expectAccessible(page);
  await confirm.fill('Weggooibord');
  await page.getByRole('button', { name: 'Bord definitief verwijderen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Het bord is verwijderd.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open Weggooibord' })).toHaveCount(0);

  // The member still on the board is disconnected, and the board is gone for them.
  await expect(
    member.page.getByRole('status').filter({ hasText: 'Je hebt geen toegang meer tot dit bord' }),
  ).toBeVisible();
  const response = await member.page.goto(url);
  expect(response?.status()).toBe(404);
  await member.context.close();
});

test('a snapshot can be viewed read-only and restored as a new change', async ({ page }) => {
  await createBoard(page, 'Versies');
  // Saving and restoring run the page's loader again, which hands out a new token: the board must keep
  // its connection and document (a new one lost edits typed before it had synced).
  const newConnections: string[] = [];
  page.on('websocket', (socket) => {
    if (socket.url().includes('/collab')) newConnections.push(socket.url());
  });
  const editor = page.getByRole('textbox', { name: 'Tekst bij Eerste contact' });
  await editor.click();
  await page.keyboard.type('Eerste versie');
  await page.getByLabel('Naam van de momentopname').fill('Eind sessie 1');
  await page.getByRole('button', { name: 'Maak momentopname' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De momentopname is bewaard.' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Tekst bij Eerste contact' }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Tweede versie');
  await expect(page.getByRole('textbox', { name: 'Tekst bij Eerste contact' })).toHaveText('Tweede versie');

  await page.getByRole('link', { name: 'Bekijk Eind sessie 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Momentopname: Eind sessie 1' })).toBeVisible();
  await expect(page.getByText('Eerste versie')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Terug naar het bord' }).click();

  await page.getByRole('button', { name: 'Zet Eind sessie 1 terug' }).click();
  await expect(page.getByText('De momentopname is teruggezet als nieuwe wijziging.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Tekst bij Eerste contact' })).toHaveText('Eerste versie');
  // The snapshot page was a navigation of its own (one new connection on the way back); nothing else.
  expect(newConnections).toHaveLength(1);
});

test('an edit made offline is merged when the connection returns', async ({ page, browser }) => {
  const url = await createBoard(page, 'Offline');
  const member = await memberPage(browser, url);
  // The board must have synced once before the connection drops, or there is nothing to edit offline.
  const section = member.page.getByRole('region', { name: 'De vragen' });
  await expect(member.page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(section.getByLabel('Nieuw kaartje')).toBeVisible();
  await boardFetchesDone(member.page);
  await member.context.setOffline(true);
  await expect(member.page.getByRole('status').filter({ hasText: 'Geen internet' })).toBeVisible();
  await section.getByLabel('Nieuw kaartje').fill('Gemaakt zonder verbinding');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  await expect(page.getByRole('article', { name: 'Gemaakt zonder verbinding' })).toHaveCount(0);
  // What the board reads from the database (here a card's comments) waits while offline; the board stays.
  const starter = member.page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await (await openCardMenu(starter)).getByRole('menuitem', { name: 'Opmerkingen (0)' }).click();
  const comments = member.page.getByRole('dialog', {
    name: 'Opmerkingen bij het kaartje “Een tolk die ik zelf mag kiezen”',
  });
  await expect(comments).toBeVisible();
  await member.page.keyboard.press('Escape');
  await expect(comments).toBeHidden();
  await expect(member.page.getByRole('status').filter({ hasText: 'Geen internet' })).toBeVisible();

  await member.context.setOffline(false);
  await expect(member.page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Gemaakt zonder verbinding' })).toBeVisible();
  await member.context.close();
});

test('a co-facilitator who steps down elsewhere stays on the live board, now as a member', async ({
  page,
  browser,
}) => {
  test.slow();
  const title = `Terugtreden ${Date.now()}`;
  const url = await createBoard(page, title, 'Brede Intake', 'Expertpool Twente');
  const rolesOfTwente = async (who: Page) => {
    await who.goto('/');
    await who.getByRole('link', { name: 'Expertpool Twente' }).click();
    await who.getByRole('link', { name: 'Pool bewerken' }).click();
  };
  // Hamid, a member of Twente whom no other test signs in as, is made a coordinator of the pool.
  await rolesOfTwente(page);
  // A tampered role form (no such person) is refused with a 400, never a change.
  const forged = await page.request.post(page.url(), { form: { intent: 'role', userId: 'niemand', role: 'member' } });
  expect(forged.status()).toBe(400);
  await page.getByLabel('Lid van de pool').selectOption({ label: 'Hamid' });
  await page.getByRole('button', { name: 'Coördinator maken' }).click();
  await expect(page.getByRole('status')).toHaveText('De rol is gewijzigd.');

  const context = await browser.newContext();
  const hamid = await context.newPage();
  await signIn(hamid, 'hamid@demo.expertpool.nl');
  await hamid.goto(url);
  const status = hamid.getByRole('status').filter({ hasText: /^(Verbonden|Verbinden…|Geen internet|Je hebt geen)/ });
  await expect(status).toHaveText(/^Verbonden/);
  await expect(hamid.getByRole('button', { name: 'Vergrendel Eerste contact' })).toBeVisible();

  // He steps down in another tab (he stays signed in: he chose it). The server closes the board's
  // facilitator connection; the board's page comes back with a member's rights and stays live.
  const otherTab = await context.newPage();
  await rolesOfTwente(otherTab);
  await otherTab.getByRole('button', { name: 'Hamid gewoon lid maken' }).click();
  // He may no longer edit the pool: he lands on its page.
  await expect(otherTab.getByRole('heading', { level: 1, name: 'Expertpool Twente' })).toBeVisible();
  await expect(otherTab.getByRole('status')).toHaveText('De rol is gewijzigd.');
  await expect(hamid.getByRole('button', { name: 'Vergrendel Eerste contact' })).toHaveCount(0);
  await expect(status).toHaveText(/^Verbonden/);
  const section = hamid.getByRole('region', { name: 'De vragen' });
  await section.getByLabel('Nieuw kaartje').fill('Nu als lid geschreven');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  await page.goto(url);
  await expect(page.getByRole('article', { name: 'Nu als lid geschreven' })).toBeVisible();
  await context.close();
});

test('an edit made offline in a section that was locked meanwhile is undone, and the member is told', async ({
  page,
  browser,
}) => {
  // Two browsers and many steps on a shared machine.
  test.slow();
  const url = await createBoard(page, 'Vergrendeld');
  const member = await memberPage(browser, url);
  // Members move and delete only their own cards: the coordinator's starter card offers neither.
  const starter = member.page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await expect(starter.getByRole('button', { name: 'Herken ik' })).toBeVisible();
  const starterMenu = await openCardMenu(starter);
  await expect(starterMenu.getByRole('menuitem', { name: 'Maak signaal' })).toBeVisible();
  await expect(starterMenu.getByRole('menuitem', { name: /^Verplaats naar/ })).toHaveCount(0);
  await expect(starterMenu.getByRole('menuitem', { name: 'Kaartje verwijderen' })).toHaveCount(0);
  await expect(starterMenu.getByRole('menuitem', { name: 'Tekst bewerken' })).toHaveCount(0);
  await member.page.keyboard.press('Escape');

  const memberEditor = member.page.getByRole('textbox', { name: 'Tekst bij Eerste contact' });
  await expect(memberEditor).toBeVisible();
  await boardFetchesDone(member.page);
  await member.context.setOffline(true);
  await expect(member.page.getByRole('status').filter({ hasText: 'Geen internet' })).toBeVisible();
  await memberEditor.click();
  await member.page.keyboard.type('Geschreven toen het nog open was');
  await page.getByRole('button', { name: 'Vergrendel Eerste contact' }).click();
  await expect(page.getByRole('region', { name: 'Eerste contact' }).getByText('Op slot:')).toBeVisible();

  await member.context.setOffline(false);
  const notice = member.page.getByRole('alert').filter({ hasText: 'We konden je wijziging niet bewaren' });
  await expect(notice).toBeVisible();
  await expect(member.page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(member.page.getByRole('region', { name: 'Eerste contact' }).getByText('Op slot:')).toBeVisible();
  await expect(memberEditor).not.toContainText('Geschreven toen het nog open was');
  await expect(page.getByRole('textbox', { name: 'Tekst bij Eerste contact' })).not.toContainText(
    'Geschreven toen het nog open was',
  );
  await expectAccessible(member.page);
  await notice.getByRole('button', { name: 'Begrepen' }).click();
  await expect(notice).toHaveCount(0);

  // The board goes on for the member: a card in an open section reaches the coordinator.
  const open = member.page.getByRole('region', { name: 'Het gesprek' });
  await open.getByLabel('Nieuw kaartje').fill('Na het terugzetten');
  await open.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  await expect(page.getByRole('article', { name: 'Na het terugzetten' })).toBeVisible();
  // Their own card can be moved, but not into the locked section.
  const mine = member.page.getByRole('article', { name: 'Na het terugzetten' });
  const mineMenu = await openCardMenu(mine);
  await expect(mineMenu.getByRole('menuitem', { name: 'Verplaats naar Na de intake' })).toHaveCount(1);
  await expect(mineMenu.getByRole('menuitem', { name: 'Verplaats naar Eerste contact' })).toHaveCount(0);
  await member.context.close();
});

test('export: Markdown download and a printable page with sections, cards and authors', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await openPoolBoards(page);
  await page.getByRole('link', { name: `Open ${INTAKE}` }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als Markdown' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toContain('# Brede Intake\\: zo voelt het eerste gesprek');
  expect(text).toContain('## Eerste contact');
  expect(text).toContain(
    'Een korte uitnodiging met een plaatje van het gebouw en de route (Yonas, 1 persoon herkent dit)',
  );

  await page.getByRole('link', { name: 'Afdrukversie (ook voor PDF)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Het gesprek' })).toBeVisible();
  await expect(page.getByText('Een tolk die ik zelf mag kiezen')).toBeVisible();
  await expectAccessible(page);
});

test('the municipality reader sees a shared board read-only, in Arabic right-to-left', async ({ page }) => {
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await expect(page.getByRole('link', { name: `Open ${INTAKE}` })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open Gouden tips voor de gemeente' }).click();
  await expect(page.getByText('Je kijkt mee. Je kunt dit bord lezen, maar niet veranderen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kaartje plaatsen' })).toHaveCount(0);
  // A card's menu offers the reader only to read its comments.
  for (const button of await page.getByRole('button', { name: /^Acties voor kaartje/ }).all()) {
    await button.click();
    await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText([/^Opmerkingen \(\d+\)$/]);
    await page.keyboard.press('Escape');
  }
  await expect(page.getByRole('link', { name: /verwijderen…/ })).toHaveCount(0);
  await expectAccessible(page);

  // Cards to read, none to act on.
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: 'نصائح ذهبية' }).first()).toBeVisible();
  await expectAccessible(page);
});

test('a card becomes an advice draft, and the two link to each other', async ({ page }) => {
  test.slow();
  const title = `Van kaart naar advies ${Date.now()}`;
  await createBoard(page, title);
  const section = page.getByRole('region', { name: 'Het gesprek' });
  await section.getByLabel('Nieuw kaartje').fill('De intake is te snel voorbij');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  const card = page.getByRole('article', { name: 'De intake is te snel voorbij' });
  await (await openCardMenu(card)).getByRole('menuitem', { name: 'Maak adviesconcept' }).click();
  const toAdvice = card.getByRole('link', { name: 'Adviesconcept gemaakt' });
  // The draft is made on the server, which the fuzz spec may be flooding in the other worker.
  await expect(toAdvice).toBeVisible({ timeout: 45_000 });
  await toAdvice.click();
  await expect(page.getByRole('heading', { level: 1, name: 'De intake is te snel voorbij' })).toBeVisible();
  await page.getByRole('link', { name: `Een kaart op het bord ${title}` }).click();
  await expect(page).toHaveURL(/\/boards\/[0-9a-f-]{36}#card-[0-9a-f-]{36}$/);
  await expect(page.getByRole('article', { name: 'De intake is te snel voorbij' })).toBeVisible();
});
