import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPublicAdvice } from '~/advice/overview.server';
import {
  createDraft,
  getAdvice,
  listVersions,
  publishAdvice,
  respondToAdvice,
  submitForReview,
  updateAdvice,
} from '~/advice/queries.server';
import { parseRegisterFilters, type AdviceInput } from '~/advice/schema.server';
import { countRegister, registerSelection, searchRegister } from '~/advice/search.server';
import { INDICATOR_DOMAINS } from '~/indicators/framework';
import { FIXED_ADVICE } from '~/demo/advice';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: { id: string; region_id: string };
const ids: Partial<Record<keyof typeof FIXED_ADVICE, string>> = {};

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  await runAsSystem(database, async (tx) => {
    alkmaar = await tx
      .selectFrom('municipalities')
      .select(['id', 'region_id'])
      .where('name', '=', 'Alkmaar')
      .executeTakeFirstOrThrow();
    const rows = await tx
      .selectFrom('advices')
      .select(['id', 'title'])
      .where('title', 'in', Object.values(FIXED_ADVICE))
      .execute();
    for (const [key, title] of Object.entries(FIXED_ADVICE)) {
      ids[key as keyof typeof FIXED_ADVICE] = rows.find((r) => r.title === title)?.id;
    }
  });
});
afterAll(() => close());

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const selection = (tx: Tx, query: Record<string, string>) =>
  registerSelection(tx, parseRegisterFilters(new URLSearchParams(query)));
const search = (actor: Actor, query: Record<string, string>) =>
  as(actor, async (tx) => searchRegister(tx, await selection(tx, query), { limit: 1000, offset: 0 }));

const draftInput = (overrides: Partial<AdviceInput> = {}): AdviceInput => ({
  title: 'Tolk bij de Brede Intake',
  insight: 'Zonder tolk begrijpen mensen de helft van het gesprek.',
  opportunities: ['Bied bij elke Brede Intake standaard een tolk aan.'],
  goldenTips: ['Vraag vooraf welke taal iemand het best spreekt.'],
  indicators: ['language', 'links'],
  processPart: 'brede_intake',
  addressees: [],
  coreIndicators: [],
  ...overrides,
});

describe('searching the register', () => {
  const awkward = [
    '"helpdesk',
    'helpdesk" OR',
    '-',
    'or or or',
    '!!! & | :* ()',
    "'; drop table advices; --",
    '<script>alert(1)</script>',
    '🙂🚀 werk',
    '\u0000nul\u0000',
    'x'.repeat(10_000),
    'werk '.repeat(2_000),
    'الخدمات الحكومية',
    '\\',
    '*',
  ];
  for (const q of awkward) {
    it(`never fails on input like ${JSON.stringify(q.slice(0, 30))}${q.length > 30 ? '…' : ''}`, async () => {
      const rows = await search('reader', { q });
      expect(Array.isArray(rows)).toBe(true);
      const count = await as('reader', async (tx) => countRegister(tx, await selection(tx, { q })));
      expect(count).toBe(rows.length);
    });
  }

  it('counts the matches of a page sorted by relevance as the separate count does, and only such a page', async () => {
    for (const actor of ['reader', 'coordinator', 'anon'] as const) {
      for (const q of ['brief', 'taal werk', 'bereikbaar overheidsdienst', 'zzzgeenwoord']) {
        const [ranked, newest, count] = await as(
          actor,
          async (tx) =>
            [
              await searchRegister(tx, await selection(tx, { q }), { limit: 2, offset: 0 }),
              await searchRegister(tx, await selection(tx, { q, sort: 'newest' }), { limit: 2, offset: 0 }),
              await countRegister(tx, await selection(tx, { q })),
            ] as const,
        );
        expect(ranked[0]?.total ?? 0, `${actor}: ${q}`).toBe(count);
        expect(newest.every((row) => row.total === null)).toBe(true);
      }
    }
  });

  it('gives a person outside every pool the same register when the query says what RLS lets them read', async () => {
    const queries: Record<string, string>[] = [
      {},
      { q: 'helpdesk' },
      { q: 'taal werk', sort: 'newest' },
      { domain: 'facilitators' },
      { sort: 'title' },
    ];
    for (const actor of ['reader', 'anon'] as const) {
      for (const query of queries) {
        const [told, untold] = await as(actor, async (tx) => {
          const filters = parseRegisterFilters(new URLSearchParams(query));
          const page = async (publishedOnly: boolean) => {
            const chosen = await registerSelection(tx, filters, publishedOnly);
            return {
              rows: await searchRegister(tx, chosen, { limit: 1000, offset: 0 }),
              count: await countRegister(tx, chosen),
            };
          };
          return [await page(true), await page(false)] as const;
        });
        expect(told, `${actor}: ${JSON.stringify(query)}`).toEqual(untold);
        expect(untold.rows.length, `${actor}: ${JSON.stringify(query)}`).toBeGreaterThan(0);
      }
    }
    // The reader's register holds advice addressed to Alkmaar, not only public advice: both ways in are used.
    const readers = await as('reader', async (tx) =>
      searchRegister(tx, await registerSelection(tx, parseRegisterFilters(new URLSearchParams()), true), {
        limit: 1000,
        offset: 0,
      }),
    );
    expect(new Set(readers.map((r) => r.visibility))).toEqual(new Set(['public', 'addressed']));
  });

  it('finds Dutch words by their stem and highlights them in the snippet', async () => {
    // "bereikbare" in the text, "bereikbaar" in the search: the dutch configuration matches both.
    const rows = await search('anon', { q: 'bereikbaar overheidsdienst' });
    expect(rows.map((r) => r.title)).toContain(FIXED_ADVICE.helpdesk);
    const hit = rows.find((r) => r.title === FIXED_ADVICE.helpdesk)!;
    expect(hit.snippet).toMatch(/\u2063\[bereikbare\]\u2063/);
  });

  it('ranks a title match above a match in the text only', async () => {
    const rows = await search('coordinator', { q: 'helpdesk' });
    expect(rows[0]!.title).toBe(FIXED_ADVICE.helpdesk);
  });

  it('finds text in other languages through the language-neutral fallback', async () => {
    await as('memberA', (tx) =>
      createDraft(tx, world.pools.alkmaar, world.ids.memberA, draftInput({ title: 'مترجم في المقابلة الشاملة' })),
    );
    const rows = await search('memberA', { q: 'مترجم' });
    expect(rows.map((r) => r.title)).toEqual(['مترجم في المقابلة الشاملة']);
  });

  it('quoted phrases and exclusions work as people expect from a web search', async () => {
    const phrase = await search('coordinator', { q: '"eigen helpdesk"' });
    expect(phrase.map((r) => r.title)).toContain(FIXED_ADVICE.helpdesk);
    const excluded = await search('coordinator', { q: 'helpdesk -chat' });
    expect(excluded.map((r) => r.title)).not.toContain(FIXED_ADVICE.helpdesk);
  });
});

describe('filtering the register', () => {
  it('by indicator: every result concerns it', async () => {
    const rows = await search('admin', { indicator: 'health' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.indicator_codes.includes('health'))).toBe(true);
  });

  it('by domain: every result concerns one of its indicators', async () => {
    const codes = INDICATOR_DOMAINS.find((d) => d.domain === 'social_connections')!.codes;
    const rows = await search('admin', { domain: 'social_connections' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.indicator_codes.some((c) => codes.includes(c)))).toBe(true);
  });

  it('by status, process part and pool', async () => {
    const rows = await search('admin', { status: 'responded', part: 'pip', pool: world.pools.alkmaar });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'responded' && r.process_part === 'pip')).toBe(true);
    expect(new Set(rows.map((r) => r.pool_name))).toEqual(new Set(['Expertpool Regio Alkmaar']));
  });

  it('by municipality: includes advice addressed to its region, excludes other places', async () => {
    const rows = await search('admin', { municipality: alkmaar.id });
    const titles = rows.map((r) => r.title);
    expect(titles).toContain(FIXED_ADVICE.helpdesk);
    expect(titles).toContain(FIXED_ADVICE.regionAlkmaar);
    expect(titles).not.toContain(FIXED_ADVICE.twenteAddressed);
  });

  it('by region: includes advice addressed to its municipalities', async () => {
    const rows = await search('admin', { region: alkmaar.region_id });
    expect(rows.map((r) => r.title)).toEqual(
      expect.arrayContaining([FIXED_ADVICE.helpdesk, FIXED_ADVICE.regionAlkmaar]),
    );
    expect(rows.map((r) => r.title)).not.toContain(FIXED_ADVICE.twentePublic);
  });

  it('by period of publication', async () => {
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const rows = await search('admin', { from });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.published_at && new Date(r.published_at) >= new Date(from))).toBe(true);
  });

  it('ignores filter values that are not valid instead of failing', async () => {
    const rows = await search('reader', { indicator: 'nonsense', region: 'not-a-uuid', status: 'x', page: '-4' });
    const all = await search('reader', {});
    expect(rows.length).toBe(all.length);
  });

  it('a reader sees only published advice: addressed to Alkmaar or its region, or public', async () => {
    const rows = await search('reader', {});
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => ['published', 'responded', 'implemented'].includes(r.status))).toBe(true);
    expect(rows.map((r) => r.title)).not.toContain(FIXED_ADVICE.twenteAddressed);
  });
});

describe('the register’s search uses the indexes (EXPLAIN, as the municipality reader)', () => {
  beforeAll(async () => {
    // Enough rows that a sequential scan is no longer the cheap choice.
    await runAsSystem(world.database, async (tx) => {
      await sql`
        insert into public.advices (pool_id, title, insight, opportunities, indicator_codes, addressee_ids, status, visibility, published_at)
        select ${world.pools.twente}, 'Gegenereerd advies ' || n, '<p>Tekst over werk en wonen nummer ' || n || '</p>',
               array['Een kans'], array[(array['work','housing','education','health'])[1 + n % 4]],
               array[${alkmaar.id}::uuid], 'published', 'addressed', now() - (n || ' hours')::interval
        from generate_series(1, 6000) n`.execute(tx);
      await sql`analyze public.advices`.execute(tx);
    });
  }, 120_000);

  const plan = (query: ReturnType<typeof sql>) =>
    as('reader', async (tx) => {
      const result = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(tx);
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  it('full-text search uses the GIN indexes on both tsvectors', async () => {
    const text = await plan(sql`select id from public.register_advices a
      where a.search_vector @@ websearch_to_tsquery('dutch', 'helpdesk')
         or a.search_simple @@ websearch_to_tsquery('simple', 'helpdesk')`);
    expect(text).toContain('advices_search_vector_idx');
    expect(text).toContain('advices_search_simple_idx');
  });

  it('the indicator filter uses the GIN index on indicator codes', async () => {
    const text = await plan(
      sql`select id from public.register_advices a where a.indicator_codes && array['rights']::text[]`,
    );
    expect(text).toContain('advices_indicator_codes_idx');
  });

  it('the municipality filter uses the GIN index on addressees', async () => {
    const text = await plan(
      sql`select id from public.register_advices a where a.addressee_ids && array[${world.pools.rotterdam}::uuid]`,
    );
    expect(text).toContain('advices_addressee_ids_idx');
  });

  it('the newest-first page uses the index on the publication date', async () => {
    const text = await plan(sql`select id from public.register_advices a order by published_at desc limit 25`);
    expect(text).toContain('advices_published_at_idx');
  });
});

describe('quotes and consent', () => {
  it('withdrawing consent hides the quote in published advice at once', async () => {
    const before = await as('reader', (tx) => getAdvice(tx, ids.helpdesk!, world.ids.reader));
    expect(before!.quotes).toHaveLength(1);
    const amal = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('auth.users').select('id').where('email', '=', 'amal@demo.expertpool.nl').executeTakeFirstOrThrow(),
    );
    // Amal withdraws her own consent, under her own rights.
    await runAs(world.database, { sub: amal.id, email: 'amal@demo.expertpool.nl', role: 'authenticated' }, (tx) =>
      tx
        .updateTable('consents')
        .set({ withdrawn_at: new Date() })
        .where('user_id', '=', amal.id)
        .where('purpose', '=', 'quotes_in_advice')
        .execute(),
    );
    for (const actor of ['reader', 'anon', 'coordinator', 'memberA'] as const) {
      const after = await as(actor, (tx) => getAdvice(tx, ids.helpdesk!, world.claims(actor)?.sub ?? null));
      expect(after!.quotes).toHaveLength(0);
    }
  });
});

describe('writing, reviewing, publishing and responding', () => {
  it('a script, iframe or event handler in the insight never reaches the database', async () => {
    const id = await as('memberA', (tx) =>
      createDraft(
        tx,
        world.pools.alkmaar,
        world.ids.memberA,
        draftInput({
          insight:
            '<p onclick="steal()">Hallo<script>alert(1)</script><iframe src="https://evil.example"></iframe>' +
            '<img src=x onerror=alert(1)><a href="javascript:alert(1)">klik</a> <strong>sterk</strong></p>',
        }),
      ),
    );
    const stored = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('advices').select('insight').where('id', '=', id).executeTakeFirstOrThrow(),
    );
    expect(stored.insight).not.toMatch(/script|iframe|onerror|onclick|javascript:|<img/i);
    expect(stored.insight).toContain('<strong>sterk</strong>');
  });

  it('a draft goes through review and publication, and the reader’s response reaches the pool', async () => {
    const id = await as('memberA', (tx) =>
      createDraft(tx, world.pools.alkmaar, world.ids.memberA, draftInput({ addressees: [alkmaar.id] })),
    );
    expect(await as('reader', (tx) => getAdvice(tx, id, world.ids.reader))).toBeNull();
    expect(await as('memberA', (tx) => submitForReview(tx, id))).toBe(true);
    // Members cannot publish; the coordinator can.
    expect(await as('memberA', (tx) => publishAdvice(tx, id, 'addressed'))).toBe(false);
    await as('coordinator', (tx) =>
      updateAdvice(tx, id, draftInput({ addressees: [alkmaar.id], title: 'Een tolk bij elke Brede Intake' })),
    );
    expect(await as('coordinator', (tx) => publishAdvice(tx, id, 'addressed'))).toBe(true);

    const seen = await as('reader', (tx) => getAdvice(tx, id, world.ids.reader));
    expect(seen!.title).toBe('Een tolk bij elke Brede Intake');
    expect(seen!.respondFor.map((m) => m.id)).toEqual([alkmaar.id]);

    const response = {
      municipalityId: alkmaar.id,
      decision: 'under_consideration' as const,
      explanation: 'We bespreken het met de tolkencentrale.',
      plannedAction: 'Offerte opvragen',
      plannedOn: '2027-02-01',
    };
    await as('reader', (tx) => respondToAdvice(tx, id, world.ids.reader, response));
    await as('reader', (tx) =>
      respondToAdvice(tx, id, world.ids.reader, { ...response, decision: 'adopted', explanation: 'Vanaf maart.' }),
    );

    const forMember = await as('memberA', (tx) => getAdvice(tx, id, world.ids.memberA));
    expect(forMember!.status).toBe('responded');
    // Newest first: the current answer, then the history.
    expect(forMember!.responses.map((r) => r.decision)).toEqual(['adopted', 'under_consideration']);
    expect(forMember!.responses[0]!.explanation).toBe('Vanaf maart.');

    const versions = await as('memberA', (tx) => listVersions(tx, id, world.pools.alkmaar));
    expect(versions.map((v) => [v.version, v.title])).toEqual([
      [2, 'Een tolk bij elke Brede Intake'],
      [1, 'Tolk bij de Brede Intake'],
    ]);
  });

  it('the feed holds public advice only', async () => {
    const rows = await as('anon', (tx) => latestPublicAdvice(tx));
    const visibility = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('advices')
        .select(['id', 'visibility'])
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute(),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(visibility.every((r) => r.visibility === 'public')).toBe(true);
  });
});
