import type { LoaderFunctionArgs } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { localeCookie } from '~/i18n/locale.server';
import { requestContext } from '../request-context';
import { seededAppWorld } from './app-database';
import { PEOPLE } from './fixtures';
import { pdfString, rawContent } from './pdf-file';
import { pageRequest, signInCookie } from './sign-in';

// Issue 22: "an export that a council can file … in the board's language". The routes as a browser calls
// them, for a Dutch reader (no language cookie, no Accept-Language: Dutch).
const world = seededAppWorld();

const INTAKE = 'Brede Intake: zo voelt het eerste gesprek';

async function boardId(title: string) {
  const row = await runAsSystem(world().database, (tx) =>
    tx.selectFrom('boards').select('id').where('title', '=', title).executeTakeFirstOrThrow(),
  );
  return row.id;
}

const languageOf = async (id: string) =>
  (
    await runAsSystem(world().database, (tx) =>
      tx.selectFrom('boards').select('language').where('id', '=', id).executeTakeFirstOrThrow(),
    )
  ).language;

/** The board page's "language" form, posted as the person whose session cookie this is. */
async function setLanguage(id: string, cookie: string, language: string) {
  const { action } = await import('~/routes/boards.$boardId');
  const request = new Request(`http://localhost/boards/${id}`, {
    method: 'POST',
    body: new URLSearchParams({ intent: 'language', language }),
    headers: { Cookie: cookie },
  });
  try {
    return await action({ request, params: { boardId: id }, context: requestContext() });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** An export route's answer for a signed-in reader of the board (`page` is the route's last segment). */
async function exportOf(
  route: { loader: (args: LoaderFunctionArgs) => Promise<Response> },
  page: string,
  id: string,
  cookie: string,
) {
  return route.loader({
    request: pageRequest(`/boards/${id}/${page}`, cookie),
    params: { boardId: id },
    context: requestContext(),
  });
}

async function markdownOf(id: string, cookie: string) {
  return (await exportOf(await import('~/routes/boards.$boardId_.markdown'), 'markdown', id, cookie)).text();
}

async function pdfOf(id: string, cookie: string): Promise<string> {
  const response = await exportOf(await import('~/routes/boards.$boardId_.pdf'), 'pdf', id, cookie);
  return rawContent(new Uint8Array(await response.arrayBuffer()));
}

async function printDataOf(id: string, cookie: string) {
  const response = await exportOf(await import('~/routes/boards.$boardId_.print'), 'print', id, cookie);
  return (await response.json()) as { locale: string; view: { sections: { title: string }[] }; boardTexts: unknown };
}

describe("the board's language", () => {
  it("only the pool's coordinator and admins set it; another value than a language is a 400 that keeps it", async () => {
    const id = await boardId(INTAKE);
    const member = await signInCookie(PEOPLE.memberA);
    const outsider = await signInCookie(PEOPLE.memberB);
    const coordinator = await signInCookie(PEOPLE.coordinator);
    expect((await setLanguage(id, member, 'ar')).status).toBe(403);
    expect((await setLanguage(id, outsider, 'ar')).status).toBe(404);
    expect(await languageOf(id)).toBeNull();

    const refused = await setLanguage(id, coordinator, 'xx');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      errors: { language: 'boards.errors.invalidLanguage' },
      values: { intent: 'language', language: 'xx' },
    });
    expect(await languageOf(id)).toBeNull();

    const saved = await setLanguage(id, coordinator, 'ar');
    expect(saved.status).toBe(302);
    expect(await languageOf(id)).toBe('ar');
    const admin = await signInCookie(PEOPLE.admin);
    expect((await setLanguage(id, admin, 'en')).status).toBe(302);
    expect(await languageOf(id)).toBe('en');
    // The empty choice: each reader's language again.
    expect((await setLanguage(id, coordinator, '')).status).toBe(302);
    expect(await languageOf(id)).toBeNull();
  });

  it('an Arabic board exports in Arabic for a Dutch reader: Markdown, PDF and print page', async () => {
    const id = await boardId(INTAKE);
    await setLanguage(id, await signInCookie(PEOPLE.coordinator), 'ar');
    const reader = await signInCookie(PEOPLE.memberA);

    const markdown = await markdownOf(id, reader);
    expect(markdown).toContain('## التواصل الأول');
    expect(markdown).toContain('### البطاقات');
    expect(markdown).not.toContain('Eerste contact');
    expect(markdown).not.toContain('Kaartjes');
    // Person-written text stays as typed.
    expect(markdown).toContain('Een tolk die ik zelf mag kiezen');

    const pdf = await pdfOf(id, reader);
    expect(pdf).toMatch(/\/Lang \(ar\)/);
    // Shaped Arabic words carry their typed text (ActualText): the page label and a section title.
    expect(pdf).toContain(`/ActualText ${pdfString('الصفحة')}`);
    expect(pdf).toContain(`/ActualText ${pdfString('التواصل')}`);
    expect(pdf).not.toContain(pdfString('Eerste contact'));

    const print = await printDataOf(id, reader);
    expect(print.locale).toBe('ar');
    expect(print.view.sections[0]!.title).toBe('التواصل الأول');
    expect(print.boardTexts).toMatchObject({ boards: { cards: 'البطاقات' } });
  });

  it("a board without a language exports in each reader's; one in the reader's own sends no extra texts", async () => {
    const id = await boardId('Gouden tips voor de gemeente');
    const member = await signInCookie(PEOPLE.memberA);
    expect(await markdownOf(id, member)).toContain('Kaartjes');
    // The same member after choosing English in the header.
    const english = `${member}; ${(await localeCookie.serialize('en')).split(';')[0]}`;
    expect(await markdownOf(id, english)).toContain('Cards');
    await setLanguage(id, await signInCookie(PEOPLE.coordinator), 'en');
    expect(await markdownOf(id, member)).toContain('Cards');
    const print = await printDataOf(id, english);
    expect(print.locale).toBe('en');
    expect(print.boardTexts).toBeNull();
  });
});

describe('a new board', () => {
  async function create(cookie: string, fields: Record<string, string>) {
    const { action } = await import('~/routes/pools.$poolId_.boards');
    const request = new Request(`http://localhost/pools/${world().pools.alkmaar}/boards`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { Cookie: cookie },
    });
    return action({ request, params: { poolId: world().pools.alkmaar }, context: requestContext() });
  }

  it('takes its language from the form; an unknown one is a 400 that keeps what was chosen', async () => {
    const coordinator = await signInCookie(PEOPLE.coordinator);
    const refused = await create(coordinator, { title: 'Raadsvoorstel', template: 'blank', language: 'de' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: { language: 'boards.errors.invalidLanguage' },
      values: { title: 'Raadsvoorstel', language: 'de' },
    });
    const made = await create(coordinator, { title: 'Raadsvoorstel', template: 'blank', language: 'tr' });
    expect(made.status).toBe(302);
    const id = made.headers.get('Location')!.split('/').pop()!;
    expect(await languageOf(id)).toBe('tr');
    const plain = await create(coordinator, { title: 'Zonder taal', template: 'blank', language: '' });
    expect(await languageOf(plain.headers.get('Location')!.split('/').pop()!)).toBeNull();
  });

  describe('as a copy', () => {
    const setSource = async (language: 'ar' | null) => {
      const id = await boardId(INTAKE);
      await runAsSystem(world().database, (tx) =>
        tx.updateTable('boards').set({ language }).where('id', '=', id).execute(),
      );
      return id;
    };
    async function copyLanguage(copyFrom: string, fields: Record<string, string>) {
      const made = await create(await signInCookie(PEOPLE.coordinator), {
        title: 'Kopie',
        source: 'copy',
        copyFrom,
        ...fields,
      });
      expect(made.status).toBe(302);
      return languageOf(made.headers.get('Location')!.split('/').pop()!);
    }

    it('left to the empty choice, takes the language of the board it copies', async () => {
      const source = await setSource('ar');
      expect(await copyLanguage(source, { language: '' })).toBe('ar');
      expect(await copyLanguage(source, {})).toBe('ar');
    });

    it('a language picked in the form wins over that of the board it copies', async () => {
      expect(await copyLanguage(await setSource('ar'), { language: 'tr' })).toBe('tr');
    });

    it("of a board without a language, stays in each reader's", async () => {
      expect(await copyLanguage(await setSource(null), { language: '' })).toBeNull();
    });
  });
});

describe("the pool's board list", () => {
  it("names each board's language, for members too", async () => {
    const id = await boardId(INTAKE);
    await runAsSystem(world().database, (tx) =>
      tx.updateTable('boards').set({ language: 'fa' }).where('id', '=', id).execute(),
    );
    const { loader } = await import('~/routes/pools.$poolId_.boards');
    const poolId = world().pools.alkmaar;
    const response = await loader({
      request: pageRequest(`/pools/${poolId}/boards`, await signInCookie(PEOPLE.memberA)),
      params: { poolId },
      context: requestContext(),
    });
    const { boards } = (await response.json()) as { boards: { id: string; language: string | null }[] };
    expect(boards.find((board) => board.id === id)?.language).toBe('fa');
  });
});
