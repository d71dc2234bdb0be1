import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { runSignalContactRetentionJob } from '~/signals/retention.server';
import { mergeSignal, suggestIndicators } from '~/signals/queries.server';
import { toPlainText } from '~/signals/plain-text';
import { useAsAppDatabase } from './app-database';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';
import { expectTranslated } from './translated';
import { requestContext } from '../request-context';

let world: World;
let close: () => Promise<void>;
let heiloo: string;
beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  useAsAppDatabase(database);
  heiloo = await runAsSystem(database, (tx) =>
    tx
      .selectFrom('municipalities')
      .select('id')
      .where('name', '=', 'Heiloo')
      .executeTakeFirstOrThrow()
      .then((r) => r.id),
  );
});
afterAll(() => close());

interface AskAnswer {
  errors: Record<string, string>;
  values: Record<string, string>;
  formError: string | null;
}

async function ask(
  fields: Record<string, string>,
  ip: string,
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const { action } = await import('~/routes/ask._index');
  const request = new Request('http://localhost/ask', {
    method: 'POST',
    body: init.body ?? new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers },
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return action({ request, params: {}, context: requestContext(ip) });
}

const storedBody = (reference: string) =>
  runAsSystem(world.database, (tx) =>
    tx
      .selectFrom('signals')
      .select(['body', 'language', 'region_id'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow(),
  );
const referenceOf = (response: Response) =>
  new URL(response.headers.get('Location')!, 'http://x').searchParams.get('ref')!;

describe('the public "Ask us" form', () => {
  it('takes a question in every language and gives a reference code', async () => {
    const questions = {
      nl: 'Waar kan ik taalles volgen?',
      en: 'Where can I take Dutch lessons?',
      ar: 'أين أتعلم اللغة الهولندية؟',
      ti: 'ቋንቋ ሆላንድ ኣበይ ክመሃር እኽእል?',
      fa: 'کجا می‌توانم زبان هلندی یاد بگیرم؟',
      tr: 'Hollandaca dersini nerede alabilirim?',
    };
    for (const [language, body] of Object.entries(questions)) {
      const response = await ask(
        { body, language, municipalityId: heiloo },
        `10.1.0.${language.length}${language.charCodeAt(0)}`,
      );
      expect(response.status).toBe(302);
      const stored = await storedBody(referenceOf(response));
      expect(stored).toMatchObject({ body, language });
      expect(stored.region_id).not.toBeNull();
    }
  });

  it('keeps no HTML: script payloads and tags are stripped to plain text', async () => {
    const response = await ask(
      { body: 'Hallo <script>alert("x")</script><b>vet</b> <img src=x onerror=alert(1)> en a < b', language: 'nl' },
      '10.2.0.1',
    );
    const { body } = await storedBody(referenceOf(response));
    expect(body).not.toMatch(/<[a-z/!?]/i);
    expect(body).not.toContain('alert("x")');
    expect(body).toContain('vet');
    expect(body).toContain('a < b');
    expect(toPlainText('<style>p{}</style><p onclick="x">tekst</p>')).toBe('tekst');
  });

  it('refuses a 1 MB body, announced or streamed, with a translated error', async () => {
    const big = 'a'.repeat(1024 * 1024);
    const announced = await ask({ body: big, language: 'nl' }, '10.3.0.1');
    expect(announced.status).toBe(413);
    expect(((await announced.json()) as AskAnswer).formError).toBe('ask.errors.tooLarge');
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(encoder.encode(`body=${'b'.repeat(16 * 1024)}`));
        controller.close();
      },
    });
    const streamed = await ask({}, '10.3.0.2', { body: stream });
    expect(streamed.status).toBe(413);
    expectTranslated('ask.errors.tooLarge');
  });

  it('stops a flood from one address and keeps what was typed, while other addresses still get through', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 14; i++) {
      last = await ask({ body: `Vraag nummer ${i}`, language: 'nl', email: 'flood@example.org' }, '10.4.0.1');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 302)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const answer = (await last!.json()) as AskAnswer;
    expect(answer.formError).toBe('ask.errors.rateLimited');
    // The wait is said on the page; it grows with each further question (tests/db/rate-limit.test.ts).
    expect((answer as AskAnswer & { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(answer.values).toMatchObject({ body: 'Vraag nummer 13', email: 'flood@example.org' });
    expectTranslated('ask.errors.rateLimited');
    expect((await ask({ body: 'Een andere vraag', language: 'nl' }, '10.4.0.2')).status).toBe(302);
  });

  it('counts only questions it could take: corrections after a refused form cost nothing', async () => {
    for (let i = 0; i < 12; i++) expect((await ask({ body: 'Hoi', language: 'nl' }, '10.4.1.1')).status).toBe(400);
    for (let i = 0; i < 10; i++) {
      expect((await ask({ body: `Een echte vraag ${i}`, language: 'nl' }, '10.4.1.1')).status).toBe(302);
    }
  });

  it("says what is wrong in the person's language and keeps what they typed", async () => {
    const response = await ask({ body: 'Hoi', language: 'ar', email: 'geen-adres', phone: 'abc' }, '10.5.0.1');
    expect(response.status).toBe(400);
    const answer = (await response.json()) as AskAnswer;
    expect(answer.errors).toEqual({
      body: 'ask.errors.bodyTooShort',
      email: 'errors.email',
      phone: 'ask.errors.phone',
    });
    expect(answer.values).toMatchObject({ body: 'Hoi', email: 'geen-adres' });
    for (const key of Object.values(answer.errors)) expectTranslated(key);
  });

  it('answers a filled-in honeypot like a person but stores nothing', async () => {
    const count = () =>
      runAsSystem(world.database, (tx) =>
        sql<{ n: number }>`select count(*)::int as n from public.signals`.execute(tx).then((r) => r.rows[0]!.n),
      );
    const before = await count();
    const response = await ask(
      { body: 'Buy cheap watches now', language: 'en', website: 'http://spam.example' },
      '10.6.0.1',
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/ask/received');
    expect(await count()).toBe(before);
  });
});

describe('triage', () => {
  it("suggests indicators from the keyword list in the signal's language", async () => {
    const response = await ask(
      { body: 'Ik zoek een woning en mijn DigiD werkt niet.', language: 'nl', municipalityId: heiloo },
      '10.7.0.1',
    );
    const reference = referenceOf(response);
    const suggestions = await runAs(world.database, world.claims('coordinator'), async (tx) => {
      const { id } = await tx
        .selectFrom('signals')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      return suggestIndicators(tx, id);
    });
    expect(suggestions.map((s) => s.indicator_code).sort()).toEqual(['digital', 'housing']);
  });

  it('matches a signal in a language without a keyword list (yet) against every list', async () => {
    const response = await ask(
      { body: 'DigiD uygulamam çalışmıyor, ne yapmalıyım?', language: 'tr', municipalityId: heiloo },
      '10.7.0.2',
    );
    const reference = referenceOf(response);
    const suggestions = await runAs(world.database, world.claims('coordinator'), async (tx) => {
      const { id } = await tx
        .selectFrom('signals')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      return suggestIndicators(tx, id);
    });
    expect(suggestions.map((s) => s.indicator_code)).toEqual(['digital']);
  });

  it('merging a duplicate moves its tags to the signal it merges into', async () => {
    const [a, b] = await Promise.all([
      ask(
        { body: 'De brief van de gemeente is onduidelijk.', language: 'nl', municipalityId: heiloo },
        '10.8.0.1',
      ).then(referenceOf),
      ask({ body: 'Ik snap de brief van de gemeente niet.', language: 'nl', municipalityId: heiloo }, '10.8.0.2').then(
        referenceOf,
      ),
    ]);
    await runAs(world.database, world.claims('coordinator'), async (tx) => {
      const ids = await tx.selectFrom('signals').select(['id', 'reference']).where('reference', 'in', [a, b]).execute();
      const idOf = (r: string) => ids.find((x) => x.reference === r)!.id;
      await tx
        .insertInto('signal_indicators')
        .values({ signal_id: idOf(b), indicator_code: 'links', tagged_by: world.ids.coordinator })
        .execute();
      expect(await mergeSignal(tx, world.ids.coordinator, idOf(b), a)).toBe(idOf(a));
      const tags = await tx
        .selectFrom('signal_indicators')
        .select('indicator_code')
        .where('signal_id', '=', idOf(a))
        .execute();
      expect(tags.map((t) => t.indicator_code)).toEqual(['links']);
      const merged = await tx
        .selectFrom('signals')
        .select(['status', 'merged_into'])
        .where('id', '=', idOf(b))
        .executeTakeFirstOrThrow();
      expect(merged).toEqual({ status: 'merged', merged_into: idOf(a) });
    });
  });
});

describe('the signal contact retention job', () => {
  it('deletes contact details older than the period and keeps the anonymised signal; newer ones stay', async () => {
    const oldRef = referenceOf(
      await ask({ body: 'Oude vraag over huur', language: 'nl', email: 'oud@example.org' }, '10.9.0.1'),
    );
    const newRef = referenceOf(
      await ask({ body: 'Nieuwe vraag over huur', language: 'nl', email: 'nieuw@example.org' }, '10.9.0.2'),
    );
    await runAsSystem(world.database, (tx) =>
      tx
        .updateTable('signals')
        .set({ created_at: new Date(Date.now() - 400 * 86_400_000) })
        .where('reference', '=', oldRef)
        .execute(),
    );
    const removed = await runAsSystem(world.database, (tx) => runSignalContactRetentionJob(tx, 12));
    expect(removed).toBeGreaterThanOrEqual(1);
    const state = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('signals')
        .leftJoin('signal_contacts', 'signal_contacts.signal_id', 'signals.id')
        .select(['signals.reference', 'signals.body', 'signals.contact_removed_at', 'signal_contacts.email'])
        .where('signals.reference', 'in', [oldRef, newRef])
        .orderBy('signals.reference')
        .execute(),
    );
    const old = state.find((s) => s.reference === oldRef)!;
    const recent = state.find((s) => s.reference === newRef)!;
    expect(old).toMatchObject({ body: 'Oude vraag over huur', email: null });
    expect(old.contact_removed_at).not.toBeNull();
    expect(recent).toMatchObject({ email: 'nieuw@example.org', contact_removed_at: null });
    // A second run finds nothing more to do.
    expect(await runAsSystem(world.database, (tx) => runSignalContactRetentionJob(tx, 12))).toBe(0);
  });
});
