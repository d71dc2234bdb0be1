import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { completeResponse, createWave, resultsPage, saveAnswer, startResponse } from '~/questionnaires/queries.server';
import { cachedResultsPage } from '~/questionnaires/results-cache.server';
import { countsPerIndicatorMonth, similarGroups } from '~/signals/patterns.server';
import { similarPairs } from '~/signals/similarity';
import { freshDatabase } from './database';
import { questionnaireScores, questionResults } from './result-functions';
import { ACTORS, addExtraActors, EXTRA_ACTORS, worldOf, type Actor, type World } from './fixtures';

/*
 * The summaries the triggers keep (questionnaire_result_cells, signal_indicator_months) must always equal
 * what a from-scratch computation over the raw rows gives: the former aggregate queries, copied here as
 * the reference, after inserts, updates, completion, moves, question and indicator changes, deletions
 * and bulk loads; and the result functions must return what those queries returned (with "<5") for
 * every combination of wave, region, municipality, breakdown and level.
 */

let world: World;
let close: () => Promise<void>;
let questionnaireId: string;
let regionId: string;
let towns: Record<'Heiloo' | 'Castricum' | 'Uitgeest' | 'Bergen', string>;
let questions: { id: string; kind: string; indicator_code: string; options: string[] }[];

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
/**
 * The builder refuses to change or delete an answered question (its trigger); the summaries must still
 * be right if such a change happens, so these steps lift that one rule inside their transaction.
 */
const unguarded = <T>(work: (tx: Tx) => Promise<T>) =>
  system(async (tx) => {
    await sql`alter table public.questionnaire_questions disable trigger questionnaire_questions_keep_answered`.execute(
      tx,
    );
    const result = await work(tx);
    await sql`alter table public.questionnaire_questions enable trigger questionnaire_questions_keep_answered`.execute(
      tx,
    );
    return result;
  });

// The reference: the aggregate queries the functions ran before the summaries existed, without "<5" --

interface ResultRow {
  respondents: number | null;
  mean_score: number | null;
  counts?: unknown;
  hidden?: string | null;
}

/**
 * The function's rows are the reference's groups: each with the same figures, or hidden for the right
 * reason ("too_few" exactly when the group is under five; "protective" only for five and more).
 */
function expectFiguresOrHidden<T extends ResultRow>(got: T[], want: T[], keyOf: (row: T) => string, label: string) {
  expect(got.map(keyOf).sort(), label).toEqual(want.map(keyOf).sort());
  const exact = new Map(want.map((row) => [keyOf(row), row]));
  for (const row of got) {
    const { hidden, ...figures } = row;
    const reference = exact.get(keyOf(row))!;
    if (!hidden) expect({ ...figures, hidden }, label).toEqual({ ...reference, hidden: null });
    else {
      expect(hidden, `${label} ${keyOf(row)}`).toBe(reference.respondents! < 5 ? 'too_few' : 'protective');
      expect([row.respondents, row.mean_score, row.counts ?? null]).toEqual([null, null, null]);
    }
  }
}

interface Filters {
  wave: string | null;
  region: string | null;
  municipality: string | null;
}

function referenceScores(tx: Tx, f: Filters, by: string, level: string) {
  return sql<{ group_key: string | null; item: string; respondents: number | null; mean_score: number | null }>`
    with scoped as (
      select r.id as response_id,
        case ${by} when 'wave' then r.wave_id::text when 'region' then r.region_id::text
                   when 'municipality' then r.municipality_id::text else 'all' end as g,
        case ${level} when 'domain' then i.domain else q.indicator_code end as it,
        a.scale_value
      from public.questionnaire_waves w
      join public.questionnaire_responses r on r.wave_id = w.id
      join public.questionnaire_answers a on a.response_id = r.id
      join public.questionnaire_questions q on q.id = a.question_id
      join public.indicators i on i.code = q.indicator_code
      where w.questionnaire_id = ${questionnaireId} and r.completed_at is not null
        and q.kind = 'scale' and a.scale_value is not null
        and (${f.wave}::uuid is null or r.wave_id = ${f.wave})
        and (${f.region}::uuid is null or r.region_id = ${f.region})
        and (${f.municipality}::uuid is null or r.municipality_id = ${f.municipality})
    ), grouped as (
      select s.g, s.it, count(distinct s.response_id)::int as n, avg(s.scale_value) as m
      from scoped s group by s.g, s.it
    )
    select g.g as group_key, g.it as item, g.n as respondents, round(g.m, 2)::float8 as mean_score
    from grouped g`
    .execute(tx)
    .then((r) => r.rows);
}

function referenceQuestionResults(tx: Tx, f: Filters) {
  return sql<{ question_id: string; respondents: number | null; mean_score: number | null; counts: unknown }>`
    with scoped as (
      select a.question_id, a.response_id, a.scale_value, a.option_ids, q.kind
      from public.questionnaire_waves w
      join public.questionnaire_responses r on r.wave_id = w.id
      join public.questionnaire_answers a on a.response_id = r.id
      join public.questionnaire_questions q on q.id = a.question_id
      where w.questionnaire_id = ${questionnaireId} and r.completed_at is not null
        and (${f.wave}::uuid is null or r.wave_id = ${f.wave})
        and (${f.region}::uuid is null or r.region_id = ${f.region})
        and (${f.municipality}::uuid is null or r.municipality_id = ${f.municipality})
    ), sizes as (
      select s.question_id, count(*)::int as n, avg(s.scale_value) as m from scoped s group by s.question_id
    ), choices as (
      select s.question_id, coalesce(s.scale_value::text, o::text) as choice, count(*)::int as c
      from scoped s left join lateral unnest(s.option_ids) o on true
      where s.kind <> 'open'
      group by 1, 2
    )
    select z.question_id, z.n as respondents, round(z.m, 2)::float8 as mean_score,
      (
        select coalesce(jsonb_object_agg(c.choice, c.c), '{}'::jsonb) from choices c
        where c.question_id = z.question_id and c.choice is not null
      ) as counts
    from sizes z`
    .execute(tx)
    .then((r) => r.rows);
}

/** Every cell from scratch (no "<5": the table itself must be exact), against the table's non-empty rows. */
async function expectCellsMatchScratch() {
  const [kept, scratch] = await system(async (tx) => [
    await sql<Record<string, unknown>>`
      select wave_id, kind, item, choice, region_id, municipality_id, respondents, scored, total::int as total
      from public.questionnaire_result_cells where respondents > 0`
      .execute(tx)
      .then((r) => r.rows),
    await sql<Record<string, unknown>>`
      with answers as (
        select r.id as response_id, r.wave_id, r.region_id, r.municipality_id,
          a.question_id, a.scale_value, a.option_ids, q.kind, q.indicator_code, i.domain
        from public.questionnaire_responses r
        join public.questionnaire_answers a on a.response_id = r.id
        join public.questionnaire_questions q on q.id = a.question_id
        join public.indicators i on i.code = q.indicator_code
        where r.completed_at is not null
      ), items as (
        select wave_id, region_id, municipality_id, 'question' as kind, question_id::text as item, '' as choice,
          count(*)::int as respondents, count(scale_value)::int as scored, coalesce(sum(scale_value), 0)::int as total
        from answers group by 1, 2, 3, 5
        union all
        select wave_id, region_id, municipality_id, 'choice', question_id::text, coalesce(scale_value::text, o::text),
          count(*)::int, 0, 0
        from answers left join lateral unnest(option_ids) o on true
        where kind <> 'open' and coalesce(scale_value::text, o::text) is not null
        group by 1, 2, 3, 5, 6
        union all
        select wave_id, region_id, municipality_id, 'indicator', indicator_code, '',
          count(distinct response_id)::int, count(*)::int, sum(scale_value)::int
        from answers where kind = 'scale' and scale_value is not null group by 1, 2, 3, 5
        union all
        select wave_id, region_id, municipality_id, 'domain', domain, '',
          count(distinct response_id)::int, count(*)::int, sum(scale_value)::int
        from answers where kind = 'scale' and scale_value is not null group by 1, 2, 3, 5
      )
      select wave_id, kind, item, choice, region_id, municipality_id, respondents, scored, total from items`
      .execute(tx)
      .then((r) => r.rows),
  ]);
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r));
  expect(kept.map(key).sort()).toEqual(scratch.map(key).sort());
  expect(scratch.length).toBeGreaterThan(0);
}

const sortRows = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The functions (as the pool's coordinator) against the reference for every filter combination over
 * the questionnaire's waves, its region and the municipalities answered from (plus one nobody did).
 */
async function expectFunctionsMatchReference() {
  const { waves, municipalities } = await system(async (tx) => ({
    waves: (
      await tx.selectFrom('questionnaire_waves').select('id').where('questionnaire_id', '=', questionnaireId).execute()
    ).map((w) => w.id),
    municipalities: (
      await sql<{ id: string | null }>`
        select distinct r.municipality_id as id from public.questionnaire_responses r
        join public.questionnaire_waves w on w.id = r.wave_id where w.questionnaire_id = ${questionnaireId}`.execute(tx)
    ).rows
      .map((r) => r.id)
      .filter((id): id is string => id !== null),
  }));
  const combos: Filters[] = [];
  for (const wave of [null, ...waves])
    for (const region of [null, regionId])
      for (const municipality of [null, ...new Set([...municipalities, towns.Bergen])])
        combos.push({ wave, region, municipality });
  const breakdowns = (['none', 'wave', 'region', 'municipality'] as const).flatMap((by) =>
    (['indicator', 'domain'] as const).map((level) => ({ by, level })),
  );
  // What the coordinator gets from the functions, and what the reference gives (as the system: it reads
  // the single answers nobody else may read), for the same combinations.
  const got = await as('coordinator', async (tx) => {
    const out: { scores: unknown[][]; questions: unknown[] }[] = [];
    for (const f of combos) {
      // PGlite answers without leaving the microtask queue; let vitest's worker messages through now and
      // then, or a long run on a busy machine times out its progress reports.
      await yieldToEventLoop();
      const filters = {
        wave: f.wave ?? undefined,
        region: f.region ?? undefined,
        municipality: f.municipality ?? undefined,
      };
      const scores = [];
      for (const { by, level } of breakdowns)
        scores.push(await questionnaireScores(tx, questionnaireId, filters, by, level));
      const questions = await questionResults(tx, questionnaireId, filters);
      // The results page gets its breakdowns from one function; they must be these functions' rows.
      const page = await resultsPage(tx, questionnaireId, filters);
      // And the page the app shows, kept between changes, must be that page after every step's change.
      const kept = await cachedResultsPage(tx, questionnaireId, filters);
      expect(kept).toEqual(page);
      // Kept indeed: asked again without a change, the same page comes back, not a new one.
      expect(await cachedResultsPage(tx, questionnaireId, filters)).toBe(kept);
      const score = (f: typeof filters, by: 'none' | 'wave' | 'municipality', level: 'indicator' | 'domain') =>
        questionnaireScores(tx, questionnaireId, f, by, level).then(sortRows);
      expect(sortRows(page.perIndicator)).toEqual(await score(filters, 'none', 'indicator'));
      expect(sortRows(page.perDomain)).toEqual(await score(filters, 'none', 'domain'));
      expect(sortRows(page.perWave)).toEqual(await score({ ...filters, wave: undefined }, 'wave', 'indicator'));
      expect(sortRows(page.perPlace)).toEqual(
        await score({ ...filters, municipality: undefined }, 'municipality', 'domain'),
      );
      expect(sortRows(page.questions)).toEqual(sortRows(questions));
      out.push({ scores, questions });
    }
    return out;
  });
  const want = await system(async (tx) => {
    const out: { scores: unknown[][]; questions: unknown[] }[] = [];
    for (const f of combos) {
      const scores = [];
      for (const { by, level } of breakdowns) scores.push(await referenceScores(tx, f, by, level));
      out.push({ scores, questions: await referenceQuestionResults(tx, f) });
    }
    return out;
  });
  let shown = 0;
  combos.forEach((f, i) => {
    breakdowns.forEach((b, j) => {
      const rows = got[i]!.scores[j] as (ResultRow & { group_key: string | null; item: string })[];
      const reference = want[i]!.scores[j] as typeof rows;
      expectFiguresOrHidden(rows, reference, (r) => `${r.group_key} ${r.item}`, JSON.stringify({ f, b }));
      // Never a group under five, whatever the narrowing.
      expect(rows.every((r) => r.respondents === null || r.respondents >= 5)).toBe(true);
      shown += rows.filter((r) => r.respondents !== null).length;
    });
    const rows = got[i]!.questions as (ResultRow & { question_id: string })[];
    expectFiguresOrHidden(rows, want[i]!.questions as typeof rows, (r) => r.question_id, JSON.stringify(f));
    expect(rows.every((r) => r.respondents === null || r.respondents >= 5)).toBe(true);
  });
  // The comparison is not vacuous: some groups are large enough to show.
  expect(shown).toBeGreaterThan(0);
}

/** A respondent through the app's own functions; `complete: false` leaves the response open. */
async function respond(token: string, municipality: string | null, scale: number, complete = true) {
  const secret = `secret-${Math.random()}`;
  const responseId = await as('anon', async (tx) => {
    const id = await startResponse(tx, { token, secret, municipalityId: municipality, locale: 'nl' });
    for (const q of questions) {
      await saveAnswer(tx, {
        responseId: id,
        secret,
        questionId: q.id,
        scale: q.kind === 'scale' ? scale : null,
        options:
          q.kind === 'single'
            ? [q.options[scale % q.options.length]!]
            : q.kind === 'multiple'
              ? q.options.slice(0, 1 + (scale % 2))
              : null,
        text: q.kind === 'open' ? 'Meer uitleg.' : null,
      });
    }
    if (complete) await completeResponse(tx, id, secret);
    return id;
  });
  return { responseId, secret };
}

async function openWave(name: string) {
  const waveId = await as('coordinator', (tx) => createWave(tx, questionnaireId, { name, mode: 'anonymous' }));
  const token = await system((tx) =>
    tx
      .selectFrom('questionnaire_waves')
      .select('link_token')
      .where('id', '=', waveId)
      .executeTakeFirstOrThrow()
      .then((r) => r.link_token),
  );
  return { waveId, token };
}

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await addExtraActors(await worldOf(database));
  await system(async (tx) => {
    const q = await tx
      .selectFrom('questionnaires')
      .innerJoin('pools', 'pools.id', 'questionnaires.pool_id')
      .select(['questionnaires.id', 'pools.region_id'])
      .executeTakeFirstOrThrow();
    questionnaireId = q.id;
    regionId = q.region_id!;
    const rows = await tx
      .selectFrom('municipalities')
      .select(['id', 'name'])
      .where('name', 'in', ['Heiloo', 'Castricum', 'Uitgeest', 'Bergen'])
      .execute();
    towns = Object.fromEntries(rows.map((m) => [m.name, m.id])) as typeof towns;
    const qs = await tx
      .selectFrom('questionnaire_questions')
      .select(['id', 'kind', 'indicator_code'])
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('position')
      .execute();
    const options = await tx
      .selectFrom('questionnaire_options')
      .select(['id', 'question_id'])
      .orderBy('position')
      .execute();
    questions = qs.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id).map((o) => o.id) }));
  });
});
afterAll(() => close());

// Each check calls the result functions for every filter combination and breakdown (~800 calls, each
// deciding the whole questionnaire's suppression), hence the longer time allowed.
describe('questionnaire result summaries agree with a from-scratch computation', { timeout: 300_000 }, () => {
  let wave: { waveId: string; token: string };
  let first: { responseId: string; secret: string };
  let open: { responseId: string; secret: string };

  it('after migrating and seeding the demo questionnaires', async () => {
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('after people answer and complete (and one leaves it unfinished)', async () => {
    wave = await openWave('Samenvatting');
    first = await respond(wave.token, towns.Heiloo, 2);
    for (const scale of [3, 4, 5, 1]) await respond(wave.token, towns.Heiloo, scale);
    for (const scale of [1, 5, 4]) await respond(wave.token, towns.Castricum, scale);
    await respond(wave.token, towns.Uitgeest, 3);
    await respond(wave.token, null, 4);
    open = await respond(wave.token, towns.Heiloo, 5, false);
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('an unfinished response counts once completed, and only then', async () => {
    // (Read from the cells: Heiloo's figure itself is hidden beside Castricum's three and Uitgeest's one.)
    const heiloo = () =>
      system((tx) =>
        sql<{ n: number }>`
          select sum(respondents)::int as n from public.questionnaire_result_cells
          where wave_id = ${wave.waveId} and municipality_id = ${towns.Heiloo} and kind = 'indicator' and item = 'work'`
          .execute(tx)
          .then((r) => r.rows[0]!.n),
      );
    const before = await heiloo();
    await as('anon', (tx) => completeResponse(tx, open.responseId, open.secret));
    expect(before).toBe(5);
    expect(await heiloo()).toBe(6);
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('after answers change on a completed response', async () => {
    const scale = questions.find((q) => q.kind === 'scale')!;
    const multiple = questions.find((q) => q.kind === 'multiple')!;
    await as('anon', (tx) => saveAnswer(tx, { ...first, questionId: scale.id, scale: 5, options: null, text: null }));
    await as('anon', (tx) =>
      saveAnswer(tx, { ...first, questionId: multiple.id, scale: null, options: multiple.options, text: null }),
    );
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('after a response moves municipality, is reopened, and several change in one statement', async () => {
    await system((tx) =>
      tx
        .updateTable('questionnaire_responses')
        .set({ municipality_id: towns.Uitgeest })
        .where('id', '=', first.responseId)
        .execute(),
    );
    await expectCellsMatchScratch();
    await system((tx) =>
      tx
        .updateTable('questionnaire_responses')
        .set({ completed_at: null })
        .where('id', '=', first.responseId)
        .execute(),
    );
    await expectCellsMatchScratch();
    await system((tx) =>
      sql`update public.questionnaire_responses set completed_at = now(), municipality_id = ${towns.Castricum}
          where wave_id = ${wave.waveId} and municipality_id is distinct from ${towns.Heiloo}`.execute(tx),
    );
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('after a question changes indicator and kind, and an indicator changes domain', async () => {
    const [a, b] = questions.filter((q) => q.kind === 'scale');
    await unguarded((tx) =>
      tx
        .updateTable('questionnaire_questions')
        .set({ indicator_code: b!.indicator_code === 'bonds' ? 'links' : 'bonds' })
        .where('id', '=', a!.id)
        .execute(),
    );
    await expectCellsMatchScratch();
    await unguarded((tx) =>
      tx.updateTable('questionnaire_questions').set({ kind: 'single' }).where('id', '=', b!.id).execute(),
    );
    await expectCellsMatchScratch();
    await system((tx) =>
      tx.updateTable('indicators').set({ domain: 'foundation' }).where('code', '=', 'work').execute(),
    );
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
    // Put them back (other tests in this file expect the seeded questionnaire's shape).
    await unguarded(async (tx) => {
      await tx.updateTable('indicators').set({ domain: 'markers_means' }).where('code', '=', 'work').execute();
      await tx.updateTable('questionnaire_questions').set({ kind: 'scale' }).where('id', '=', b!.id).execute();
      await tx
        .updateTable('questionnaire_questions')
        .set({ indicator_code: a!.indicator_code })
        .where('id', '=', a!.id)
        .execute();
    });
    await expectCellsMatchScratch();
  });

  it('after deleting answers, a response, a question and a whole wave', async () => {
    await system((tx) =>
      sql`delete from public.questionnaire_answers where response_id = ${open.responseId}
          and question_id = ${questions.find((q) => q.kind === 'scale')!.id}`.execute(tx),
    );
    await expectCellsMatchScratch();
    await system((tx) => tx.deleteFrom('questionnaire_responses').where('id', '=', open.responseId).execute());
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
    const extra = await system((tx) =>
      tx
        .insertInto('questionnaire_questions')
        .values({
          questionnaire_id: questionnaireId,
          position: 90,
          indicator_code: 'health',
          kind: 'scale',
          text_nl: 'Tijdelijk',
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await system((tx) =>
      sql`insert into public.questionnaire_answers (response_id, question_id, scale_value)
          select r.id, ${extra.id}, 3 from public.questionnaire_responses r where r.wave_id = ${wave.waveId}`.execute(
        tx,
      ),
    );
    await expectCellsMatchScratch();
    await unguarded((tx) => tx.deleteFrom('questionnaire_questions').where('id', '=', extra.id).execute());
    await expectCellsMatchScratch();
    await system((tx) => tx.deleteFrom('questionnaire_waves').where('id', '=', wave.waveId).execute());
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
  });

  it('after a bulk load of responses and answers in single statements, and a rollback', async () => {
    const bulk = await openWave('Bulk');
    await system(async (tx) => {
      await sql`
        insert into public.questionnaire_responses (wave_id, resume_hash, municipality_id, region_id, locale, completed_at)
        select ${bulk.waveId}, 'bulk-' || g,
          (array[${towns.Heiloo}, ${towns.Castricum}, ${towns.Uitgeest}]::uuid[])[1 + g % 3], ${regionId},
          'nl', case when g % 7 = 0 then null else now() end
        from generate_series(1, 60) g`.execute(tx);
      await sql`
        insert into public.questionnaire_answers (response_id, question_id, scale_value, option_ids)
        select r.id, q.id,
          case when q.kind = 'scale' then 1 + abs(hashtext(r.id::text || q.id::text)) % 5 end,
          case when q.kind <> 'scale' then array(select o.id from public.questionnaire_options o where o.question_id = q.id
            and (o.position = 1 or abs(hashtext(r.id::text || o.id::text)) % 2 = 0)) end
        from public.questionnaire_responses r cross join public.questionnaire_questions q
        where r.wave_id = ${bulk.waveId} and q.questionnaire_id = ${questionnaireId} and q.kind <> 'open'`.execute(tx);
    });
    await expectCellsMatchScratch();
    await expectFunctionsMatchReference();
    // A transaction that fails leaves the summaries as they were.
    await expect(
      system(async (tx) => {
        await sql`update public.questionnaire_responses set completed_at = null where wave_id = ${bulk.waveId}`.execute(
          tx,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expectCellsMatchScratch();
  });
});

// Signals --------------------------------------------------------------------------------------------

async function expectMonthsMatchScratch() {
  const [kept, scratch] = await system(async (tx) => [
    await sql<Record<string, unknown>>`
      select region_id, municipality_id, indicator_code, to_char(month, 'YYYY-MM') as month, n
      from public.signal_indicator_months where n > 0`
      .execute(tx)
      .then((r) => r.rows),
    await sql<Record<string, unknown>>`
      select s.region_id, s.municipality_id, si.indicator_code, to_char(s.received_on, 'YYYY-MM') as month, count(*)::int as n
      from public.signals s join public.signal_indicators si on si.signal_id = s.id
      where s.status <> 'merged' group by 1, 2, 3, 4`
      .execute(tx)
      .then((r) => r.rows),
  ]);
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r));
  expect(kept.map(key).sort()).toEqual(scratch.map(key).sort());
  // The per-region sums the patterns page reads without a municipality.
  const [regionKept, regionScratch] = await system(async (tx) => [
    await sql<Record<string, unknown>>`
      select region_id, indicator_code, to_char(month, 'YYYY-MM') as month, n
      from public.signal_indicator_region_months where n <> 0`
      .execute(tx)
      .then((r) => r.rows),
    await sql<Record<string, unknown>>`
      select s.region_id, si.indicator_code, to_char(s.received_on, 'YYYY-MM') as month, count(*)::int as n
      from public.signals s join public.signal_indicators si on si.signal_id = s.id
      where s.status <> 'merged' group by 1, 2, 3`
      .execute(tx)
      .then((r) => r.rows),
  ]);
  expect(regionKept.map(key).sort()).toEqual(regionScratch.map(key).sort());
  expect(regionKept.length).toBeGreaterThan(0);
}

/** The monthly counts through the function equal the former query under row level security, per person. */
async function expectCountsMatchRlsFor(actors: Actor[]) {
  const municipality = towns.Heiloo;
  for (const actor of actors) {
    for (const place of [
      {},
      { regionId },
      { regionId, municipalityId: municipality },
      { municipalityId: municipality },
    ]) {
      await as(actor, async (tx) => {
        const got = await countsPerIndicatorMonth(tx, place, ['2000-01']);
        const { rows: want } = await sql<{ indicator_code: string; month: string; n: number }>`
          select si.indicator_code, to_char(s.received_on, 'YYYY-MM') as month, count(*)::int as n
          from public.signals s join public.signal_indicators si on si.signal_id = s.id
          where s.received_on >= '2000-01-01'::date and s.status <> 'merged'
            ${place.regionId ? sql`and s.region_id = ${place.regionId}` : sql``}
            ${'municipalityId' in place ? sql`and s.municipality_id = ${municipality}` : sql``}
          group by 1, 2`.execute(tx);
        expect(sortRows(got), `${actor} ${JSON.stringify(place)}`).toEqual(sortRows(want));
      });
    }
  }
}

describe('signal month counts agree with a from-scratch computation', () => {
  const people: Actor[] = [...ACTORS.filter((a) => a !== 'anon'), ...EXTRA_ACTORS];

  it('after migrating and seeding, for every person and place filter', async () => {
    await expectMonthsMatchScratch();
    await expectCountsMatchRlsFor(people);
  });

  it('after tagging, untagging, merging, moving, re-dating and deleting signals', async () => {
    const ids = await system((tx) =>
      sql<{ id: string }>`
        select s.id from public.signals s where s.region_id = ${regionId} and s.status <> 'merged'
          and exists (select 1 from public.signal_indicators si where si.signal_id = s.id)
          and not exists (select 1 from public.signals m where m.merged_into = s.id)
        order by s.reference limit 6`
        .execute(tx)
        .then((r) => r.rows.map((x) => x.id)),
    );
    const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
    await system((tx) =>
      sql`insert into public.signal_indicators (signal_id, indicator_code) values (${a}, 'safety'), (${b}, 'safety')
          on conflict do nothing`.execute(tx),
    );
    await expectMonthsMatchScratch();
    await system((tx) => sql`delete from public.signal_indicators where signal_id = ${c}`.execute(tx));
    await expectMonthsMatchScratch();
    await system((tx) =>
      sql`update public.signals set status = 'merged', merged_into = ${a} where id = ${d}`.execute(tx),
    );
    await expectMonthsMatchScratch();
    await system((tx) =>
      sql`update public.signals set municipality_id = ${towns.Bergen}, received_on = received_on - 40 where id in (${e}, ${a})`.execute(
        tx,
      ),
    );
    await expectMonthsMatchScratch();
    await system((tx) =>
      sql`update public.signals set status = 'triaged', merged_into = null where id = ${d}`.execute(tx),
    );
    await expectMonthsMatchScratch();
    await system((tx) => sql`delete from public.signals where id = ${f}`.execute(tx));
    await expectMonthsMatchScratch();
    await expectCountsMatchRlsFor(['coordinator', 'memberA', 'admin']);
  });

  it('after a public question and a bulk load of tagged signals', async () => {
    await as('anon', (tx) =>
      sql`select private.submit_public_signal('EP-SUMM01', 'Ik vind geen huis', 'nl', ${towns.Heiloo}, null, null, null)`.execute(
        tx,
      ),
    );
    await system(async (tx) => {
      await sql`insert into public.signal_indicators (signal_id, indicator_code)
                select id, 'housing' from public.signals where reference = 'EP-SUMM01'`.execute(tx);
      await sql`
        insert into public.signals (reference, channel, received_on, municipality_id, language, body, status)
        select 'EP-SB' || lpad(g::text, 4, '0'), 'helpdesk', current_date - (g % 200),
          case when g % 5 = 0 then null else ${towns.Castricum}::uuid end, 'nl', 'Bulk ' || g, 'triaged'
        from generate_series(1, 120) g`.execute(tx);
      await sql`
        insert into public.signal_indicators (signal_id, indicator_code)
        select s.id, c from public.signals s, unnest(array['work', 'language']) c
        where s.reference like 'EP-SB%' and (c = 'work' or s.reference like '%3')`.execute(tx);
    });
    await expectMonthsMatchScratch();
    await expectCountsMatchRlsFor(people);
  });
});

describe('similar signals', () => {
  it("the app's pair test gives exactly pg_trgm's similarity() >= 0.5, Arabic and long texts included", async () => {
    const rows = await system(async (tx) => {
      await sql`
        insert into public.signals (reference, channel, language, body, status) values
          ('EP-SIM001', 'helpdesk', 'ar', 'لا أفهم رسالة البلدية عن الاندماج', 'new'),
          ('EP-SIM002', 'helpdesk', 'ar', 'لا أفهم رسالة البلدية عن الاندماج المدني', 'new'),
          ('EP-SIM003', 'helpdesk', 'nl', ${'Ik begrijp de brief van de gemeente niet. '.repeat(40)}, 'new'),
          ('EP-SIM004', 'helpdesk', 'nl', ${'Ik begrijp de brief van de gemeente niet goed. '.repeat(30)}, 'new'),
          ('EP-SIM005', 'helpdesk', 'nl', '!!!', 'new')`.execute(tx);
      return sql<{ id: string; body: string; trigrams: string[] }>`
        select id, body, body_trigrams as trigrams from public.signals order by received_on desc, id limit 150`
        .execute(tx)
        .then((r) => r.rows);
    });
    const want = await system((tx) =>
      sql<{ a: string; b: string }>`
        select x.id as a, y.id as b from public.signals x join public.signals y
          on x.id < y.id and extensions.similarity(x.body, y.body) >= 0.5
        where x.id = any(${rows.map((r) => r.id)}::uuid[]) and y.id = any(${rows.map((r) => r.id)}::uuid[])`
        .execute(tx)
        .then((r) => r.rows),
    );
    const got = similarPairs(rows, 0.5).map(([i, j]) => {
      const [x, y] = [rows[i]!.id, rows[j]!.id];
      return x < y ? { a: x, b: y } : { a: y, b: x };
    });
    expect(want.length).toBeGreaterThan(0);
    expect(sortRows(got)).toEqual(sortRows(want));
  });
});

describe('similar signal groups on the patterns page', () => {
  it('groups alike unmerged signals of the chosen region, newest first, the newest one leading', async () => {
    const text = 'Het loket voor de taalcursus is op dinsdag nooit open en niemand neemt op';
    const { region, otherRegion } = await system(async (tx) => {
      const pool = (id: string) =>
        tx.selectFrom('pools').select('region_id').where('id', '=', id).executeTakeFirstOrThrow();
      const [a, b] = await Promise.all([pool(world.pools.alkmaar), pool(world.pools.twente)]);
      return { region: a.region_id!, otherRegion: b.region_id! };
    });
    await system((tx) =>
      sql`
        insert into public.signals (reference, channel, language, body, status, region_id, received_on) values
          ('EP-GRP001', 'helpdesk', 'nl', ${text}, 'new', ${region}, current_date - 2),
          ('EP-GRP002', 'helpdesk', 'nl', ${text + ' meer'}, 'triaged', ${region}, current_date),
          ('EP-GRP003', 'helpdesk', 'nl', ${text + ' echt'}, 'new', ${region}, current_date - 1),
          ('EP-GRP005', 'helpdesk', 'nl', ${text}, 'new', ${otherRegion}, current_date)`.execute(tx),
    );
    // Six texts without a single trigram: were they alike, theirs would be the largest group.
    await system((tx) =>
      sql`
        insert into public.signals (reference, channel, language, body, status, region_id, received_on)
        select 'EP-GRQ00' || i, 'helpdesk', 'nl', repeat('!?', i + 1), 'new', ${region}, current_date
        from generate_series(0, 5) i`.execute(tx),
    );
    await system((tx) =>
      sql`
        insert into public.signals (reference, channel, language, body, status, merged_into, region_id, received_on)
          select 'EP-GRP004', 'helpdesk', 'nl', ${text}, 'merged', id, ${region}, current_date
          from public.signals where reference = 'EP-GRP002'`.execute(tx),
    );
    const groups = await as('admin', (tx) => similarGroups(tx, { regionId: region }));
    const ours = groups.find((g) => g.members.some((m) => m.reference === 'EP-GRP001'));
    expect(ours?.body).toBe(text + ' meer');
    expect(ours?.members.map((m) => m.reference)).toEqual(['EP-GRP002', 'EP-GRP003', 'EP-GRP001']);
    expect(groups.flatMap((g) => g.members.map((m) => m.reference)).filter((r) => r.startsWith('EP-GRQ'))).toEqual([]);
  });
});

describe('who keeps the summaries', () => {
  it('nobody calls the tally or retally functions themselves', async () => {
    const helpers = [
      'questionnaire_tallies_of',
      'questionnaire_retally',
      'signal_tallies_of',
      'signal_retally',
    ] as const;
    for (const actor of ['anon', 'coordinator', 'admin'] as const) {
      for (const helper of helpers) {
        await expect(
          as(actor, (tx) => sql`select * from ${sql.id('private', helper)}(array[gen_random_uuid()])`.execute(tx)),
        ).rejects.toThrow(/permission denied/);
      }
    }
    // Supabase grants new functions to its roles by name, which `revoke … from public` leaves alone.
    const granted = await system((tx) =>
      sql<{ fn: string }>`
        select p.proname as fn from pg_proc p, unnest(array['anon', 'authenticated', 'service_role']) r(role)
        where p.pronamespace = 'private'::regnamespace
          and p.proname = any(${[
            ...helpers,
            'signal_region_months_apply',
            // the shared swap of tallies behind both retallies (20261204210000)
            'swap_tallies',
            // the shared "<5" rule and the groups it decides for the result functions (20261204120000)
            'small_group_suppression',
            'questionnaire_result_groups',
          ]}::text[])
          and has_function_privilege(r.role, p.oid, 'execute')`.execute(tx),
    );
    expect(granted.rows).toEqual([]);
  });
});
