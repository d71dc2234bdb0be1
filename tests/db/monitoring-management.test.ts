import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { addManagement, loadManagement, saveManagementValue } from '~/monitoring/management.server';
import { parsePeriod } from '~/monitoring/periods';
import { importCsv, loadMonitoring, withoutManagementFigures } from '~/monitoring/queries.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: string;
let languageCore: string;
const LANGUAGE = '% inburgeraars dat de leerroute binnen de termijn afrondt';
const EXAM = '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar';
const CONTRACTS = '% mensen dat werkt, naar soort contract';

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const figuresOf = async (name: string) => {
  const all = await system((tx) => loadManagement(tx, [languageCore]));
  return all.find((m) => m.name === name)!.values;
};
const figureCount = () =>
  system((tx) =>
    tx
      .selectFrom('management_indicator_values')
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
    languageCore = (
      await tx.selectFrom('core_indicators').select('id').where('description', '=', LANGUAGE).executeTakeFirstOrThrow()
    ).id;
  });
});
afterAll(() => close());

describe("Alkmaar's demo management indicators (seed 001)", () => {
  it('shows each under its core indicator with its source, breakdown, progress and the roll-up', async () => {
    const data = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    const cores = data.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
    const language = cores.find((c) => c.description === LANGUAGE)!;
    const exam = language.management.find((m) => m.name === EXAM)!;
    expect(exam).toMatchObject({ source: 'DUO', sourceKind: 'register', breakdown: 'Leerroute', unit: '%' });
    expect(exam.columns).toEqual(['B1', 'Onderwijs', 'Z']);
    // 54 → 63 from 2023 to 2025 against 70 at the end of 2027: on the straight line 2025 would be 60.4.
    expect(exam.progress.status).toBe('on_track');
    expect(exam.values.filter((v) => v.breakdown_value === 'Z').map((v) => v.value)).toEqual([31, 36, 42]);
    expect(language.managementProgress).toEqual({
      on_track: language.management.filter((m) => m.progress.status === 'on_track').length,
      behind: language.management.filter((m) => m.progress.status === 'behind').length,
      no_data: language.management.filter((m) => m.progress.status === 'no_data').length,
    });
    expect(language.management.map((m) => m.sourceKind)).toContain('to_be_determined');
    // Only broken down, no total: no course to judge.
    const work = cores.flatMap((c) => c.management).find((m) => m.name === CONTRACTS)!;
    expect(work.progress.status).toBe('no_data');
    expect(work.values).toHaveLength(10);
  });

  it('a member sees none of it', async () => {
    expect(await as('memberA', (tx) => loadManagement(tx, [languageCore]))).toEqual([]);
  });
});

describe('adding a management indicator and entering figures', () => {
  it('refuses the same name twice under a core indicator, without an error', async () => {
    const input = {
      coreIndicatorId: languageCore,
      name: EXAM,
      sourceId: null,
      unit: '%',
      direction: 'higher' as const,
      breakdown: '',
      breakdownValues: [],
    };
    expect(await as('reader', (tx) => addManagement(tx, input))).toBe(false);
  });

  it('replaces a figure for the same period and breakdown value (last write wins)', async () => {
    const exam = (await system((tx) => loadManagement(tx, [languageCore]))).find((m) => m.name === EXAM)!;
    await as('reader', (tx) =>
      saveManagementValue(tx, {
        managementIndicatorId: exam.id,
        period: parsePeriod('2025')!,
        breakdownValue: 'Z',
        value: 43.5,
        note: 'Gecorrigeerd',
      }),
    );
    const z2025 = (await figuresOf(EXAM)).filter((v) => v.breakdown_value === 'Z' && v.period_start === '2025-01-01');
    expect(z2025.map((v) => [v.value, v.note, v.source])).toEqual([[43.5, 'Gecorrigeerd', 'manual']]);
  });
});

describe('CSV import of management figures: all or nothing', () => {
  it('names every bad row (unknown indicator, unknown breakdown, breakdown without indicator, duplicate) and stores nothing', async () => {
    const before = await figureCount();
    const csv = [
      'core_indicator,management_indicator,breakdown,period,value',
      `${LANGUAGE},${EXAM},B1,2026,70`,
      `${LANGUAGE},Bestaat niet,,2026,1`,
      `${LANGUAGE},${EXAM},Route X,2026,1`,
      `${LANGUAGE},,B1,2026,1`,
      `${LANGUAGE},${EXAM},b1,2026,71`,
    ].join('\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'fout.csv', csv));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.line, p.reason.split('.').at(-1)])).toEqual([
      [3, 'managementUnknown'],
      [4, 'breakdownUnknown'],
      [5, 'breakdownWithoutManagement'],
      [6, 'duplicate'],
    ]);
    expect(await figureCount()).toBe(before);
  });

  it('imports totals and breakdown values (Dutch headings) beside core figures, counting what it replaced', async () => {
    const csv = [
      'Kernindicator;Stuurindicator;Uitsplitsing;Periode;Waarde;Toelichting',
      `${LANGUAGE};${EXAM};;2026;66;DUO-export`,
      `${LANGUAGE};${EXAM};onderwijs;2026;80;`,
      `${LANGUAGE};${EXAM};Z;2025;44;`,
      `${LANGUAGE};;;2030;61;`,
    ].join('\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'duo-2026.csv', csv));
    expect(outcome).toMatchObject({ ok: true, result: { inserted: 3, updated: 1 } });
    const figures = await figuresOf(EXAM);
    expect(
      figures
        .filter((v) => v.file_name === 'duo-2026.csv')
        .map((v) => [v.period_start, v.breakdown_value, v.value, v.source]),
    ).toEqual([
      ['2025-01-01', 'Z', 44, 'import'],
      ['2026-01-01', '', 66, 'import'],
      ['2026-01-01', 'Onderwijs', 80, 'import'],
    ]);
  });

  it('a coordinator may not import management figures: the database refuses and nothing is stored', async () => {
    const before = await figureCount();
    await expect(
      as('coordinator', (tx) =>
        importCsv(tx, alkmaar, 'c.csv', `core_indicator,management_indicator,period,value\n${LANGUAGE},${EXAM},2032,1`),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await figureCount()).toBe(before);
  });
});

describe('the monitoring page', () => {
  it('gets each core indicator’s management indicators as a count and a roll-up, without their figures', async () => {
    const full = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    const page = withoutManagementFigures(full);
    const cores = full.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
    const onPage = page.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
    expect(onPage.map((c) => c.id)).toEqual(cores.map((c) => c.id));
    expect(cores.some((c) => c.management.length > 0)).toBe(true);
    for (const [i, core] of onPage.entries()) {
      expect(core).not.toHaveProperty('management');
      expect(core.managementCount).toBe(cores[i]!.management.length);
      expect(core.managementProgress).toEqual(cores[i]!.managementProgress);
    }
    expect(JSON.stringify(page)).not.toContain(EXAM);
  });
});
