import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import {
  importCsv,
  listValues,
  loadMonitoring,
  questionnaireScoresFor,
  saveValue,
  setLinkedIndicators,
  signalCountsFor,
} from '~/monitoring/queries.server';
import { monitoringCsv } from '~/monitoring/export.server';
import { i18nFor } from '~/i18n/i18n';
import { completeResponse, createWave, saveAnswer, startResponse } from '~/questionnaires/queries.server';
import { readCsv } from '../exported-csv';
import { freshDatabase } from './database';
import { plantGoalTree, worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: string;
/** Alkmaar's core indicators by description (seeded). */
let cores: Map<string, string>;
const WORK = '% inburgeraars met betaald werk na drie jaar';
const DEBTS = '% inburgeraars zonder schulden na de ontzorging';

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const valuesOf = (description: string) => as('reader', (tx) => listValues(tx, alkmaar, [cores.get(description)!]));
const importCount = () =>
  system((tx) =>
    tx
      .selectFrom('indicator_value_imports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  );

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  await system(async (tx) => {
    alkmaar = (
      await tx.selectFrom('municipalities').select('id').where('name', '=', 'Alkmaar').executeTakeFirstOrThrow()
    ).id;
    const rows = await tx
      .selectFrom('core_indicators as c')
      .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
      .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
      .select(['c.id', 'c.description'])
      .where('g.municipality_id', '=', alkmaar)
      .execute();
    cores = new Map(rows.map((r) => [r.description, r.id]));
  });
});
afterAll(() => close());

describe('the demo monitoring of Alkmaar', () => {
  it('shows the reader the goal tree with linked indicators, values and advice per core indicator', async () => {
    const data = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    expect(data.goals.map((g) => g.title)).toContain('Nederlands leren en gebruiken in het dagelijks leven');
    const all = data.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
    expect(all).toHaveLength(cores.size);
    for (const core of all) {
      expect(core.indicators.length).toBeGreaterThan(0);
      expect(core.values.length).toBeGreaterThanOrEqual(6);
    }
    const work = all.find((c) => c.description === WORK)!;
    expect(work.indicators.map((i) => i.name)).toEqual(['Werk']);
    expect(work.values.map((v) => v.period_start)).toEqual([...work.values.map((v) => v.period_start)].sort());
    expect(work.advice.map((a) => a.title)).toContain('Werkgevers eerder betrekken bij de MAP');
    expect(work.signals).toHaveLength(1);
    expect(work.signals[0]!.counts).toHaveLength(data.months.length);
  });
});

describe('CSV import: all or nothing', () => {
  it('reports every bad row with its line number and stores nothing', async () => {
    const before = await valuesOf(DEBTS);
    const imports = await importCount();
    const csv = [
      'core_indicator,period,value,note',
      `${DEBTS},2030,80,ok`,
      `${DEBTS},30-13-2030,81,`,
      'Een kernindicator die niet bestaat,2030,5,',
      `${DEBTS},2031-Q1,82,`,
      `${DEBTS},2031-Q2,veel,`,
      `${DEBTS},2030,79,dubbel`,
    ].join('\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'fout.csv', csv));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.line, p.reason.split('.').at(-1)])).toEqual([
      [3, 'periodInvalid'],
      [4, 'coreIndicatorUnknown'],
      [6, 'valueInvalid'],
      [7, 'duplicate'],
    ]);
    expect(outcome.problems.at(-1)!.params).toEqual({ line: 2, period: '2030' });
    expect(await valuesOf(DEBTS)).toEqual(before);
    expect(await importCount()).toBe(imports);
  });

  it('imports a good file (semicolons, decimal commas, Dutch headings, ids) and records the import', async () => {
    const csv = [
      'Kernindicator;Periode;Waarde;Eenheid;Toelichting',
      `${DEBTS};2030;80,5;%;Uit de schuldhulpregistratie`,
      `${cores.get(DEBTS)};2031-K1;81;%;`,
      `"${WORK}";2030;44;%;"Voorlopig; nog niet vastgesteld"`,
    ].join('\r\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'registratie.csv', `\uFEFF${csv}`));
    expect(outcome).toMatchObject({ ok: true, result: { inserted: 3, updated: 0 } });
    const debts = await valuesOf(DEBTS);
    expect(
      debts.filter((v) => v.period_start >= '2030-01-01').map((v) => [v.period_kind, v.period_start, v.value]),
    ).toEqual([
      ['year', '2030-01-01', 80.5],
      ['quarter', '2031-01-01', 81],
    ]);
    const work = (await valuesOf(WORK)).find((v) => v.period_start === '2030-01-01')!;
    expect(work).toMatchObject({
      source: 'import',
      file_name: 'registratie.csv',
      note: 'Voorlopig; nog niet vastgesteld',
    });
  });

  it('importing the same periods again replaces their values and counts them as replaced', async () => {
    const csv = ['core_indicator,period,value', `${DEBTS},2030,82`, `${DEBTS},2031-Q1,83`, `${DEBTS},2031-Q2,84`].join(
      '\n',
    );
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'correctie.csv', csv));
    expect(outcome).toMatchObject({ ok: true, result: { inserted: 1, updated: 2 } });
    const debts = (await valuesOf(DEBTS)).filter((v) => v.period_start >= '2030-01-01');
    expect(debts.map((v) => [v.period_start, v.value, v.file_name])).toEqual([
      ['2030-01-01', 82, 'correctie.csv'],
      ['2031-01-01', 83, 'correctie.csv'],
      ['2031-04-01', 84, 'correctie.csv'],
    ]);
    const record = await system((tx) =>
      tx
        .selectFrom('indicator_value_imports')
        .selectAll()
        .where('file_name', '=', 'correctie.csv')
        .executeTakeFirstOrThrow(),
    );
    expect(record).toMatchObject({ row_count: 3, inserted_count: 1, updated_count: 2, imported_by: world.ids.reader });
  });

  it('a coordinator may read the tree but not import: the database refuses and nothing is stored', async () => {
    const before = await valuesOf(DEBTS);
    const imports = await importCount();
    await expect(
      as('coordinator', (tx) =>
        importCsv(tx, alkmaar, 'coordinator.csv', `core_indicator,period,value\n${DEBTS},2032,1`),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await valuesOf(DEBTS)).toEqual(before);
    expect(await importCount()).toBe(imports);
  });

  it("a reader cannot import into another municipality's core indicators: they are unknown there", async () => {
    const elsewhere = await system(async (tx) => {
      const enschede = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Enschede')
        .executeTakeFirstOrThrow();
      return plantGoalTree(tx, enschede.id, 'Enschede');
    });
    const outcome = await as('reader', (tx) =>
      importCsv(tx, alkmaar, 'x.csv', `core_indicator,period,value\n${elsewhere.core},2030,1`),
    );
    expect(outcome).toMatchObject({
      ok: false,
      problems: [{ line: 2, reason: 'monitoring.import.problems.coreIndicatorUnknown' }],
    });
  });
});

describe('a value entered by hand', () => {
  it('replaces the value of the same period (one row), and turns an imported value into a manual one', async () => {
    const core = cores.get(DEBTS)!;
    const period = { kind: 'year' as const, start: '2030-01-01' };
    await as('reader', (tx) => saveValue(tx, { coreIndicatorId: core, period, value: 90, unit: '%', note: 'eerste' }));
    await as('reader', (tx) => saveValue(tx, { coreIndicatorId: core, period, value: 91, unit: '%', note: 'tweede' }));
    const rows = (await valuesOf(DEBTS)).filter((v) => v.period_start === '2030-01-01' && v.period_kind === 'year');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 91, note: 'tweede', source: 'manual', file_name: null });
  });

  it('a quarter and a year starting on the same day are different periods', async () => {
    const core = cores.get(DEBTS)!;
    await as('reader', (tx) =>
      saveValue(tx, {
        coreIndicatorId: core,
        period: { kind: 'quarter', start: '2030-01-01' },
        value: 7,
        unit: '',
        note: '',
      }),
    );
    const rows = (await valuesOf(DEBTS)).filter((v) => v.period_start === '2030-01-01');
    expect(rows.map((r) => [r.period_kind, r.value]).sort()).toEqual([
      ['quarter', 7],
      ['year', 91],
    ]);
  });
});

describe('experience data never reveals a group smaller than five', () => {
  /** Signals about Alkmaar tagged Health, received on these days of March 2020 (a month without demo signals). */
  async function addSignals(days: number[]) {
    await system(async (tx) => {
      for (const day of days) {
        const { id } = await tx
          .insertInto('signals')
          .values({
            reference: `EP-T${String(day).padStart(2, '0')}${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
            channel: 'helpdesk',
            received_on: `2020-03-${String(day).padStart(2, '0')}`,
            municipality_id: alkmaar,
            body: 'De huisarts verstaat mij niet.',
            status: 'triaged',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('signal_indicators').values({ signal_id: id, indicator_code: 'health' }).execute();
      }
    });
  }
  const march = (actor: Actor, from = '2020-01-01') =>
    as(actor, (tx) => signalCountsFor(tx, alkmaar, ['health'], from)).then(
      (rows) => rows.find((r) => r.month === '2020-03-01')?.signals,
    );

  it('signal counts of one to four read as null ("<5") for reader and admin alike, five and more as the number', async () => {
    await addSignals([10]);
    expect(await march('reader')).toBeNull();
    expect(await march('admin')).toBeNull();
    await addSignals([11, 12, 13]);
    expect(await march('reader')).toBeNull();
    await addSignals([14]);
    expect(await march('reader')).toBe(5);
    expect(await march('admin')).toBe(5);
  });

  it('a start date inside the month cannot split it to single out one signal', async () => {
    expect(await march('reader', '2020-03-14')).toBe(5);
    expect(await march('reader', '2020-03-13')).toBe(5);
  });

  it('the CSV export shows the same numbers as the page, "<5" included', async () => {
    await addSignals([30]); // a sixth Health signal in March
    await system(async (tx) => {
      const { id } = await tx
        .insertInto('signals')
        .values({
          reference: 'EP-APRIL01',
          channel: 'helpdesk',
          received_on: '2020-04-02',
          municipality_id: alkmaar,
          body: 'Geen tolk bij de huisarts.',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('signal_indicators').values({ signal_id: id, indicator_code: 'health' }).execute();
    });
    await as('reader', (tx) => setLinkedIndicators(tx, cores.get(DEBTS)!, ['stability', 'health']));
    const page = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl', new Date('2020-06-15T12:00:00Z')));
    expect(page.months[0]).toBe('2019-07-01');
    const debts = page.goals
      .flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators))
      .find((c) => c.description === DEBTS)!;
    expect(debts.indicators.map((i) => i.code)).toEqual(['health', 'stability']);
    const health = debts.signals.find((s) => s.code === 'health')!;
    expect(health.counts[page.months.indexOf('2020-03-01')]).toBe(6);
    expect(health.counts[page.months.indexOf('2020-04-01')]).toBeNull();
    const records = readCsv(monitoringCsv(page, i18nFor('nl').t, 'http://localhost'));
    const signalMonth = (month: string) =>
      records.find((r) => r[2] === DEBTS && r[5] === 'Signalen' && r[6] === month)?.slice(3);
    expect(signalMonth('2020-03')).toEqual([
      'Gemeentelijke schuldhulpregistratie',
      'Gezondheid en zorg, Stabiliteit',
      'Signalen',
      '2020-03',
      '6',
      '',
      '',
      'Gezondheid en zorg',
    ]);
    expect(signalMonth('2020-04')?.[4]).toBe('<5');
  });

  it('nobody outside the monitoring gets a count', async () => {
    expect(await march('memberA')).toBeUndefined();
    expect(await march('outsideCoordinator')).toBeUndefined();
  });

  it('questionnaire scores of a new wave with one Alkmaar respondent show no count and no mean, until there are five', async () => {
    const wave = await openAlkmaarWave('Eén persoon');
    const work = (actor: Actor) =>
      as(actor, (tx) => questionnaireScoresFor(tx, alkmaar, ['work'])).then((rows) =>
        rows.find((r) => r.wave_id === wave.id),
      );

    await wave.respond(alkmaar, 1);
    for (const actor of ['reader', 'coordinator', 'admin'] as const) {
      expect(await work(actor)).toMatchObject({ indicator_code: 'work', respondents: null, mean_score: null });
    }
    const page = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    const shown = page.goals
      .flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators))
      .flatMap((c) => c.scores)
      .filter((s) => s.wave_id === wave.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((s) => s.respondents === null && s.mean_score === null)).toBe(true);

    for (const scale of [2, 3, 4, 5]) await wave.respond(alkmaar, scale);
    expect(await work('reader')).toMatchObject({ respondents: 5, mean_score: 3 });
    expect(await work('memberA')).toBeUndefined();
  });

  it("Alkmaar's five beside Heiloo's two in the region are hidden too, and say why on the page and in the CSV", async () => {
    const heiloo = await system((tx) =>
      tx.selectFrom('municipalities').select('id').where('name', '=', 'Heiloo').executeTakeFirstOrThrow(),
    );
    const wave = await openAlkmaarWave('Beschermd');
    for (const scale of [1, 2, 3, 4, 5]) await wave.respond(alkmaar, scale);
    for (const scale of [1, 5]) await wave.respond(heiloo.id, scale);
    // The region's seven minus Alkmaar's five would be Heiloo's two.
    const page = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    const scores = page.goals
      .flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators))
      .flatMap((c) => c.scores)
      .filter((s) => s.wave_id === wave.id);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s.hidden === 'protective' && s.respondents === null && s.mean_score === null)).toBe(
      true,
    );
    const csv = monitoringCsv(page, i18nFor('nl').t, 'http://localhost');
    const record = readCsv(csv).find((cells) => cells.some((cell) => cell.includes('Beschermd')))!;
    expect(record.slice(-4, -1)).toEqual(['verborgen', '1–5', 'verborgen']);
    expect(record.at(-1)).toContain('weggelaten zodat een groep van minder dan 5 mensen niet uit de andere cijfers');
  });
});

/** A new wave of the Alkmaar pool's questionnaire, and a respondent answering its scale questions. */
async function openAlkmaarWave(name: string) {
  const questionnaireId = await system((tx) =>
    tx
      .selectFrom('questionnaires')
      .select('id')
      .where('pool_id', '=', world.pools.alkmaar)
      .executeTakeFirstOrThrow()
      .then((r) => r.id),
  );
  const id = await as('coordinator', (tx) => createWave(tx, questionnaireId, { name, mode: 'anonymous' }));
  const { token, questions } = await system(async (tx) => ({
    token: (
      await tx.selectFrom('questionnaire_waves').select('link_token').where('id', '=', id).executeTakeFirstOrThrow()
    ).link_token,
    questions: await tx
      .selectFrom('questionnaire_questions')
      .select(['id', 'kind'])
      .where('questionnaire_id', '=', questionnaireId)
      .where('kind', '=', 'scale')
      .execute(),
  }));
  const respond = (municipalityId: string, scale: number) => {
    const secret = `secret-${Math.random()}`;
    return as('anon', async (tx) => {
      const responseId = await startResponse(tx, { token, secret, municipalityId, locale: 'nl' });
      for (const q of questions) {
        await saveAnswer(tx, { responseId, secret, questionId: q.id, scale, options: null, text: null });
      }
      await completeResponse(tx, responseId, secret);
    });
  };
  return { id, respond };
}

describe('the database helpers behind the page', () => {
  it('core_indicator_municipality names the municipality of a core indicator', async () => {
    const { rows } = await as('reader', (tx) =>
      sql<{ m: string }>`select private.core_indicator_municipality(${cores.get(WORK)!}) as m`.execute(tx),
    );
    expect(rows[0]!.m).toBe(alkmaar);
  });
});
