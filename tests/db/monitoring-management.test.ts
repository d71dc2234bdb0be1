import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import {
  addDimension,
  addManagement,
  findManagement,
  loadManagement,
  loadManagementSummaries,
  saveManagementValue,
} from '~/monitoring/management.server';
import { parsePeriod } from '~/monitoring/periods';
import { importCsv, loadCoreIndicator, loadMonitoring, loadMonitoringOverview } from '~/monitoring/queries.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: string;
let languageCore: string;
const LANGUAGE = '% inburgeraars dat de leerroute binnen de termijn afrondt';
const EXAM = '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar';
const CONTRACTS = '% mensen dat werkt, naar soort contract';
const EDUCATION_CORE = '% inburgeraars gestart met een opleiding, naar type';
const EDUCATION = '% mensen dat is gestart met een opleiding, naar type opleiding';

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const figuresOf = async (name: string) => {
  const all = await as('reader', (tx) => loadManagement(tx, alkmaar, [languageCore]));
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
    expect(exam).toMatchObject({ source: 'DUO', sourceKind: 'register', unit: '%' });
    expect(exam.dimensions.map((d) => [d.name, d.columns])).toEqual([['Leerroute', ['B1', 'Onderwijs', 'Z']]]);
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
    // Two dimensions of one figure, each with its own values (seed 001: by type and by route).
    const education = cores.flatMap((c) => c.management).find((m) => m.name === EDUCATION)!;
    expect(education.dimensions.map((d) => [d.name, d.values])).toEqual([
      ['Type opleiding', ['Mbo', 'Hbo/wo', 'Schakeltraject']],
      ['Leerroute', ['B1', 'Onderwijs', 'Z']],
    ]);
    const [type, route] = education.dimensions;
    expect(education.values.filter((v) => v.breakdown_id === route!.id).map((v) => v.breakdown_value)).toEqual([
      'B1',
      'Onderwijs',
      'Z',
      'B1',
      'Onderwijs',
      'Z',
    ]);
    expect(education.values.filter((v) => v.breakdown_id === type!.id)).toHaveLength(6);
    expect(education.progress.status).not.toBe('no_data');
  });

  it('a member sees none of it', async () => {
    expect(await as('memberA', (tx) => loadManagement(tx, alkmaar, [languageCore]))).toEqual([]);
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
    const exam = (await as('reader', (tx) => loadManagement(tx, alkmaar, [languageCore]))).find(
      (m) => m.name === EXAM,
    )!;
    await as('reader', (tx) =>
      saveManagementValue(tx, {
        managementIndicatorId: exam.id,
        period: parsePeriod('2025')!,
        breakdown: { dimensionId: exam.dimensions[0]!.id, value: 'Z' },
        value: 43.5,
        note: 'Gecorrigeerd',
      }),
    );
    const z2025 = (await figuresOf(EXAM)).filter((v) => v.breakdown_value === 'Z' && v.period_start === '2025-01-01');
    expect(z2025.map((v) => [v.value, v.note, v.source])).toEqual([[43.5, 'Gecorrigeerd', 'manual']]);
  });

  it('adds dimensions up to five, refusing a sixth and a name it has in any case', async () => {
    const [core] = await system((tx) =>
      tx.selectFrom('core_indicators').select('id').where('description', '=', EDUCATION_CORE).execute(),
    );
    const input = {
      coreIndicatorId: core!.id,
      name: 'Vijf uitsplitsingen',
      sourceId: null,
      unit: '',
      direction: 'higher' as const,
      breakdown: 'Eén',
      breakdownValues: ['a'],
    };
    expect(await as('reader', (tx) => addManagement(tx, input))).toBe(true);
    const id = (await as('reader', (tx) => loadManagement(tx, alkmaar, [core!.id]))).find(
      (m) => m.name === input.name,
    )!.id;
    const add = (name: string) =>
      as('reader', (tx) => addDimension(tx, { managementIndicatorId: id, name, values: ['x', 'y'] }));
    expect(await add('eén')).toBe('duplicate');
    for (const name of ['Twee', 'Drie', 'Vier', 'Vijf']) expect(await add(name)).toBe('added');
    expect(await add('Zes')).toBe('full');
    // The database refuses a sixth even when the app's count is passed by.
    await expect(
      as('reader', (tx) =>
        tx
          .insertInto('management_breakdowns')
          .values({ management_indicator_id: id, name: 'Zes', categories: ['x'] })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '23514' });
    // …and 21 values, duplicate values and a NUL byte.
    const dimension = (await system((tx) => findManagement(tx, id, alkmaar)))!.dimensions[1]!;
    for (const categories of [Array.from({ length: 21 }, (_, i) => `w${i}`), ['x', 'x'], ['x'.repeat(101)], ['']]) {
      await expect(
        as('reader', (tx) =>
          tx.updateTable('management_breakdowns').set({ categories }).where('id', '=', dimension.id).execute(),
        ),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^(23514)$/) });
    }
    expect((await system((tx) => findManagement(tx, id, alkmaar)))!.dimensions).toHaveLength(5);
  });

  it('refuses a figure for a dimension of another indicator, and a value its dimension does not have', async () => {
    const all = await as('reader', (tx) => loadManagement(tx, alkmaar, [languageCore]));
    const exam = all.find((m) => m.name === EXAM)!;
    const contracts = (await system(async (tx) => {
      const rows = await tx.selectFrom('management_indicators').select('id').where('name', '=', CONTRACTS).execute();
      return findManagement(tx, rows[0]!.id, alkmaar);
    }))!;
    for (const breakdown of [
      { dimensionId: contracts.dimensions[0]!.id, value: 'Vast' },
      { dimensionId: exam.dimensions[0]!.id, value: 'Vast' },
    ]) {
      await expect(
        as('reader', (tx) =>
          saveManagementValue(tx, {
            managementIndicatorId: exam.id,
            period: parsePeriod('2031')!,
            breakdown,
            value: 1,
            note: '',
          }),
        ),
      ).rejects.toMatchObject({ code: '23514' });
    }
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

describe('CSV import of figures per dimension', () => {
  const educationCore = async () =>
    (
      await system((tx) =>
        tx
          .selectFrom('core_indicators')
          .select('id')
          .where('description', '=', EDUCATION_CORE)
          .executeTakeFirstOrThrow(),
      )
    ).id;

  it('takes a dimension column, and without it a value that only one dimension has', async () => {
    const csv = [
      'core_indicator,management_indicator,dimension,breakdown,period,value',
      `"${EDUCATION_CORE}","${EDUCATION}",Leerroute,Z,2026,4`,
      `"${EDUCATION_CORE}","${EDUCATION}",type opleiding,Mbo,2026,14`,
      `"${EDUCATION_CORE}","${EDUCATION}",,Hbo/wo,2026,6`,
      `"${EDUCATION_CORE}","${EDUCATION}",,,2026,25`,
    ].join('\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'twee.csv', csv));
    expect(outcome).toMatchObject({ ok: true, result: { inserted: 4, updated: 0 } });
    const core = await educationCore();
    const education = (await as('reader', (tx) => loadManagement(tx, alkmaar, [core]))).find(
      (m) => m.name === EDUCATION,
    )!;
    const name = (id: string | null) => education.dimensions.find((d) => d.id === id)?.name ?? '';
    expect(
      education.values
        .filter((v) => v.file_name === 'twee.csv')
        .map((v) => [name(v.breakdown_id), v.breakdown_value, v.value])
        .sort(),
    ).toEqual(
      [
        ['', '', 25],
        ['Leerroute', 'Z', 4],
        ['Type opleiding', 'Hbo/wo', 6],
        ['Type opleiding', 'Mbo', 14],
      ].sort(),
    );
  });

  it('names a value two dimensions share, an unknown dimension and a dimension without value; stores nothing', async () => {
    const core = await educationCore();
    const id = (await as('reader', (tx) => loadManagement(tx, alkmaar, [core]))).find((m) => m.name === EDUCATION)!.id;
    await as('reader', (tx) =>
      addDimension(tx, { managementIndicatorId: id, name: 'Leeftijd', values: ['Z', '18-27'] }),
    );
    const before = await figureCount();
    const csv = [
      'core_indicator,management_indicator,dimension,breakdown,period,value',
      `"${EDUCATION_CORE}","${EDUCATION}",,Z,2027,1`,
      `"${EDUCATION_CORE}","${EDUCATION}",Postcode,Z,2027,1`,
      `"${EDUCATION_CORE}","${EDUCATION}",Leerroute,,2027,1`,
      `"${EDUCATION_CORE}",,Leerroute,Z,2027,1`,
      `"${EDUCATION_CORE}","${EDUCATION}",Leeftijd,Z,2027,1`,
      `"${EDUCATION_CORE}","${EDUCATION}",Leerroute,Z,2027,1`,
      `"${EDUCATION_CORE}","${EDUCATION}",Leerroute,z,2027,2`,
    ].join('\n');
    const outcome = await as('reader', (tx) => importCsv(tx, alkmaar, 'fout.csv', csv));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.line, p.reason.split('.').at(-1), p.params])).toEqual([
      [2, 'breakdownAmbiguous', { value: 'Z', dimensions: 'Leerroute, Leeftijd' }],
      [3, 'dimensionUnknown', { value: 'Postcode' }],
      [4, 'breakdownMissing', { dimension: 'Leerroute' }],
      [5, 'breakdownWithoutManagement', undefined],
      [8, 'duplicate', { line: 7, period: '2027' }],
    ]);
    expect(await figureCount()).toBe(before);
  });
});

describe('the monitoring page', () => {
  const summaries = (page: Awaited<ReturnType<typeof loadMonitoringOverview>>) =>
    page.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));
  const full = async (actor: Actor) => {
    const cores = (await as(actor, (tx) => loadMonitoring(tx, alkmaar, 'nl'))).goals.flatMap((g) =>
      g.outputs.flatMap((o) => o.coreIndicators),
    );
    return cores.map((c) => ({
      id: c.id,
      managementCount: c.management.length,
      managementProgress: c.managementProgress,
    }));
  };

  it('gives a core indicator’s own page its management indicators as the count and roll-up of the full load, without their figures; the overview none', async () => {
    // The exam's total far below its course in 2026 makes it "behind", beside the demo's "no data"
    // (only broken-down figures): the counts are of more than one status.
    await as('reader', async (tx) => {
      const exam = await tx
        .selectFrom('management_indicators')
        .select('id')
        .where('name', '=', EXAM)
        .executeTakeFirstOrThrow();
      await saveManagementValue(tx, {
        managementIndicatorId: exam.id,
        period: parsePeriod('2026')!,
        breakdown: { dimensionId: null, value: '' },
        value: 20,
        note: '',
      });
    });
    for (const actor of ['reader', 'coordinator', 'admin'] as const) {
      const expected = await full(actor);
      const pages = await as(actor, (tx) =>
        Promise.all(expected.map((c) => loadCoreIndicator(tx, alkmaar, c.id, 'nl'))),
      );
      const onPage = pages.map((page) => page!.core);
      expect(
        onPage.map((c) => ({ id: c.id, managementCount: c.managementCount, managementProgress: c.managementProgress })),
      ).toEqual(expected);
      expect(expected.some((c) => c.managementCount > 0)).toBe(true);
      const counted = expected.flatMap((c) =>
        Object.entries(c.managementProgress)
          .filter(([, n]) => n > 0)
          .map(([status]) => status),
      );
      expect(counted).toEqual(expect.arrayContaining(['behind', 'no_data']));
      for (const core of onPage) expect(core).not.toHaveProperty('management');
      expect(JSON.stringify(pages)).not.toContain(EXAM);
      const overview = await as(actor, (tx) => loadMonitoringOverview(tx, alkmaar, 'nl'));
      for (const core of summaries(overview)) expect(core).not.toHaveProperty('managementProgress');
      expect(JSON.stringify(overview)).not.toContain(EXAM);
    }
  });

  it('gives each core indicator the latest figure, target, progress and advice count of the full load, without its series, comparison, experience data, source, links or advice', async () => {
    for (const actor of ['reader', 'coordinator', 'admin'] as const) {
      const fullCores = (await as(actor, (tx) => loadMonitoring(tx, alkmaar, 'nl'))).goals.flatMap((g) =>
        g.outputs.flatMap((o) => o.coreIndicators),
      );
      const onPage = summaries(await as(actor, (tx) => loadMonitoringOverview(tx, alkmaar, 'nl')));
      expect(onPage.map((c) => c.id)).toEqual(fullCores.map((c) => c.id));
      for (const [index, core] of onPage.entries()) {
        const full = fullCores[index]!;
        const latest = full.values.at(-1);
        expect(core.latest).toEqual(
          latest ? { value: latest.value, period_kind: latest.period_kind, period_start: latest.period_start } : null,
        );
        expect(core.progress).toEqual(full.progress);
        expect(core.unit).toBe(full.unit);
        expect(core.adviceCount).toBe(full.advice.length);
        for (const key of [
          'values',
          'comparison',
          'scores',
          'signals',
          'targets',
          'advice',
          'indicators',
          'dataSource',
        ])
          expect(core).not.toHaveProperty(key);
      }
      // The demo has figures, targets and advice, so the comparison above is of something.
      expect(onPage.some((c) => c.latest && c.progress.target && c.progress.status !== 'no_data')).toBe(true);
      expect(onPage.some((c) => c.adviceCount > 0)).toBe(true);
    }
  });

  it('tells someone who does not read the monitoring nothing about management indicators', async () => {
    const cores = await system(async (tx) =>
      (await tx.selectFrom('management_indicators').select('core_indicator_id').execute()).map(
        (r) => r.core_indicator_id,
      ),
    );
    for (const actor of ['memberA', 'outsideCoordinator'] as const) {
      const summary = await as(actor, (tx) => loadManagementSummaries(tx, alkmaar, cores));
      expect([...summary.values()].every((s) => s.managementCount === 0)).toBe(true);
    }
    // Through another municipality's id, Alkmaar's reader gets none of Alkmaar's either.
    const enschede = await system(
      async (tx) =>
        (await tx.selectFrom('municipalities').select('id').where('name', '=', 'Enschede').executeTakeFirstOrThrow())
          .id,
    );
    const through = await as('reader', (tx) => loadManagementSummaries(tx, enschede, cores));
    expect([...through.values()].every((s) => s.managementCount === 0)).toBe(true);
  });
});
