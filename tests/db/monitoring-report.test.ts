import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { reportCsv } from '~/monitoring/export.server';
import { saveManagementValue } from '~/monitoring/management.server';
import { parsePeriod } from '~/monitoring/periods';
import { importCsv } from '~/monitoring/queries.server';
import { loadReport, reportPeriod } from '~/monitoring/report.server';
import { readCsv, safeRecords } from '../exported-csv';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: string;
const LANGUAGE = '% inburgeraars dat de leerroute binnen de termijn afrondt';
const EXAM = '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar';
const EDUCATION = '% mensen dat is gestart met een opleiding, naar type opleiding';

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const exportAs = (actor: Actor, period = '') =>
  as(actor, async (tx) => {
    const chosen = reportPeriod(new URL(`http://localhost/?period=${encodeURIComponent(period)}`));
    if (!chosen.ok) throw new Error(`not a period: ${period}`);
    return reportCsv(await loadReport(tx, alkmaar, 'nl', chosen.period));
  });
const statuses = async () => {
  const report = await as('reader', (tx) => loadReport(tx, alkmaar, 'nl', null));
  return report.goals.flatMap((g) =>
    g.outputs.flatMap((o) =>
      o.coreIndicators.flatMap((c) => [
        `${c.description}: ${c.progress.status}`,
        ...c.management.map((m) => `${m.name}: ${m.progress.status}`),
      ]),
    ),
  );
};

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  alkmaar = await system((tx) =>
    tx
      .selectFrom('municipalities')
      .select('id')
      .where('name', '=', 'Alkmaar')
      .executeTakeFirstOrThrow()
      .then((r) => r.id),
  );
});
afterAll(() => close());

describe('the monitoring report and its CSV', () => {
  it('a period that is not one is refused by the field, with what was typed kept', () => {
    for (const typed of ['0000', '2025-Q5', 'x'.repeat(1_000_000), '2025\u0000', '1e309', '2025-13']) {
      const chosen = reportPeriod(new URL(`http://localhost/?period=${encodeURIComponent(typed)}`));
      expect(chosen.ok).toBe(false);
      if (!chosen.ok) expect(chosen.errors.period).toBe('monitoring.errors.period');
    }
    expect(reportPeriod(new URL('http://localhost/?period=2025-K2'))).toEqual({
      ok: true,
      period: { kind: 'quarter', start: '2025-04-01', code: '2025-Q2' },
    });
  });

  it('shows the state at the end of the period: no later figures, progress judged on the earlier ones', async () => {
    const all = readCsv(await exportAs('reader'));
    const until2024 = readCsv(await exportAs('reader', '2024'));
    const [header] = all;
    const column = (name: string) => header!.indexOf(name);
    const figurePeriods = (records: string[][]) =>
      records.slice(1).flatMap((r) => (r[column('kind')] === 'figure' ? [r[column('period')]!] : []));
    expect(figurePeriods(all).some((p) => p.startsWith('2025'))).toBe(true);
    expect(figurePeriods(until2024).length).toBeGreaterThan(0);
    expect(figurePeriods(until2024).every((p) => p.slice(0, 4) <= '2024')).toBe(true);
    // Targets are what the municipality aims at, whatever the period: all of them are in both.
    const targets = (records: string[][]) => records.filter((r) => r[column('kind')] === 'target');
    expect(targets(until2024)).toEqual(targets(all));
  });

  it('re-imports unchanged into the same municipality after its figures and targets are gone: the same figures, targets and progress', async () => {
    // A note a spreadsheet could run: guarded in the file, taken back as typed.
    const hostile = '=HYPERLINK("https://evil.example")';
    await as('reader', async (tx) => {
      const exam = await tx
        .selectFrom('management_indicators')
        .select('id')
        .where('name', '=', EXAM)
        .executeTakeFirstOrThrow();
      const route = await tx
        .selectFrom('management_breakdowns')
        .select('id')
        .where('management_indicator_id', '=', exam.id)
        .executeTakeFirstOrThrow();
      await saveManagementValue(tx, {
        managementIndicatorId: exam.id,
        period: parsePeriod('2025-Q3')!,
        breakdown: { dimensionId: route.id, value: 'Z' },
        value: -3.25,
        note: hostile,
      });
    });
    const before = await exportAs('reader');
    const progressBefore = await statuses();
    expect(safeRecords(before).length).toBeGreaterThan(20);
    const records = readCsv(before);
    expect(records[0]!.slice(3, 6)).toEqual(['management_indicator', 'dimension', 'breakdown']);
    const kinds = new Set(records.slice(1).map((r) => `${r[3] ? 'management' : 'core'} ${r[7]}`));
    expect(kinds).toEqual(new Set(['core figure', 'core target', 'management figure', 'management target']));
    // The demo's indicator broken down two ways names each figure's dimension.
    const dimensions = new Set(records.filter((r) => r[3] === EDUCATION && r[5]).map((r) => `${r[4]}: ${r[5]}`));
    expect(dimensions).toEqual(
      new Set([
        'Type opleiding: Mbo',
        'Type opleiding: Hbo/wo',
        'Type opleiding: Schakeltraject',
        'Leerroute: B1',
        'Leerroute: Onderwijs',
        'Leerroute: Z',
      ]),
    );
    expect(before).toContain(`'${hostile.replaceAll('"', '""')}`);

    await system(async (tx) => {
      const cores = sql`(select c.id from public.core_indicators c
        where private.core_indicator_municipality(c.id) = ${alkmaar}::uuid)`;
      await sql`delete from public.management_indicator_values where management_indicator_id in
        (select id from public.management_indicators where core_indicator_id in ${cores})`.execute(tx);
      await sql`delete from public.management_indicator_targets where management_indicator_id in
        (select id from public.management_indicators where core_indicator_id in ${cores})`.execute(tx);
      await sql`delete from public.core_indicator_values where core_indicator_id in ${cores}`.execute(tx);
      await sql`delete from public.core_indicator_targets where core_indicator_id in ${cores}`.execute(tx);
    });
    expect(readCsv(await exportAs('reader'))).toHaveLength(1);

    const imported = await as('reader', (tx) => importCsv(tx, alkmaar, 'rapportage.csv', before));
    expect(imported).toMatchObject({ ok: true, result: { inserted: records.length - 1, updated: 0 } });
    expect(await exportAs('reader')).toBe(before);
    expect(await statuses()).toEqual(progressBefore);
    const note = await system((tx) =>
      tx
        .selectFrom('management_indicator_values')
        .select(['note', sql<number>`value::float8`.as('value')])
        .where('breakdown_value', '=', 'Z')
        .where('period_start', '=', '2025-07-01')
        .executeTakeFirstOrThrow(),
    );
    expect(note).toEqual({ note: hostile, value: -3.25 });

    // The same file again changes nothing and says every row replaced one.
    const again = await as('reader', (tx) => importCsv(tx, alkmaar, 'rapportage.csv', before));
    expect(again).toMatchObject({ ok: true, result: { inserted: 0, updated: records.length - 1 } });
    expect(await exportAs('reader')).toBe(before);
  });

  it('refuses a target for a quarter, a target of a breakdown value and an unknown kind, naming each line', async () => {
    const csv = [
      'core_indicator,management_indicator,breakdown,kind,period,value',
      `"${LANGUAGE}",,,target,2027-Q1,70`,
      `"${LANGUAGE}","${EXAM}",Z,target,2027,50`,
      `"${LANGUAGE}",,,prognose,2027,50`,
      `"${LANGUAGE}",,,streefwaarde,2028,75`,
    ].join('\n');
    const result = await as('reader', (tx) => importCsv(tx, alkmaar, 'fout.csv', csv));
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 2, reason: 'monitoring.import.problems.targetPeriod', params: { value: '2027-Q1' } },
        { line: 3, reason: 'monitoring.import.problems.targetBreakdown' },
        { line: 4, reason: 'monitoring.import.problems.kindUnknown', params: { value: 'prognose' } },
      ],
    });
  });

  // Who gets what in the report's file: exactly what the monitoring page lets them read.
  const rowsFor: Record<Actor, 'rows' | 'none'> = {
    anon: 'none',
    memberA: 'none',
    memberB: 'none',
    coordinator: 'rows',
    outsideCoordinator: 'none',
    reader: 'rows',
    admin: 'rows',
    partner: 'none',
    otherReader: 'none',
  };
  for (const actor of ['anon', 'memberA', 'memberB', 'coordinator', 'outsideCoordinator', 'reader', 'admin'] as const) {
    it(`the report's CSV as ${actor}: ${rowsFor[actor] === 'rows' ? "Alkmaar's figures and targets" : 'nothing'}`, async () => {
      const records = await exportAs(actor).then(
        (csv) => readCsv(csv).length - 1,
        (error: { code?: string }) => (error.code === '42501' ? 0 : Promise.reject(error)),
      );
      if (rowsFor[actor] === 'rows') expect(records).toBeGreaterThan(20);
      else expect(records).toBe(0);
    });
  }

  for (const actor of ['coordinator', 'memberA', 'outsideCoordinator'] as const) {
    it(`importing the report's CSV as ${actor} stores nothing (figures are its readers' and admins')`, async () => {
      const csv = await exportAs('reader');
      const count = () =>
        system((tx) =>
          tx
            .selectFrom('indicator_value_imports')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
            .then((r) => Number(r.n)),
        );
      const imports = await count();
      const outcome = await as(actor, (tx) => importCsv(tx, alkmaar, 'rapportage.csv', csv)).then(
        (result) => (result.ok ? 'stored' : 'refused'),
        () => 'refused by the database',
      );
      expect(outcome).not.toBe('stored');
      expect(await count()).toBe(imports);
    });
  }
});
