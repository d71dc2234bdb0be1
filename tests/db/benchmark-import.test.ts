import { describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { requestContext } from '../request-context';
import { seededAppWorld } from './app-database';
import { ACTORS, PEOPLE, type CoreActor } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

// Issue 21: admins add shared measures and import one measure's figures for many municipalities, all
// or nothing, each bad line named; nobody else may.
const world = seededAppWorld();
const MEASURE = '% inburgeraars dat de leerroute binnen de termijn afrondt (DUO)';

/** What the route answered: a status, and its JSON where it gave some (loader data or a refusal). */
interface Answer {
  status: number;
  json: {
    measures?: { name: string; figures: number }[];
    problems?: { line: number; reason: string }[];
    errors?: Record<string, string>;
    values?: Record<string, string>;
  } | null;
}

async function call(actor: CoreActor, body?: FormData | URLSearchParams): Promise<Answer> {
  const route = await import('~/routes/admin_.benchmarks');
  const cookie = actor === 'anon' ? undefined : await signInCookie(PEOPLE[actor]);
  const request = body
    ? new Request('http://localhost/admin/benchmarks', { method: 'POST', headers: { Cookie: cookie ?? '' }, body })
    : pageRequest('/admin/benchmarks', cookie);
  try {
    const response = body
      ? await route.action({ request, params: {}, context: requestContext() })
      : await route.loader({ request, params: {}, context: requestContext() });
    const json = response.headers.get('Content-Type')?.includes('json')
      ? ((await response.json()) as Answer['json'])
      : null;
    return { status: response.status, json };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, json: null };
    throw thrown;
  }
}

const measureId = () =>
  runAsSystem(world().database, (tx) =>
    tx.selectFrom('benchmark_measures').select('id').where('name', '=', MEASURE).executeTakeFirstOrThrow(),
  ).then((r) => r.id);

const upload = async (text: string, measure?: string) => {
  const form = new FormData();
  form.set('measureId', measure ?? (await measureId()));
  form.set('file', new File([text], 'duo.csv', { type: 'text/csv' }));
  return form;
};

const figureOf = (name: string, start: string) =>
  runAsSystem(world().database, (tx) =>
    tx
      .selectFrom('benchmark_values as v')
      .innerJoin('municipalities as m', 'm.id', 'v.municipality_id')
      .select('v.value')
      .where('m.name', '=', name)
      .where('v.period_start', '=', start)
      .executeTakeFirst(),
  ).then((r) => (r ? Number(r.value) : null));

describe('the benchmarks page, per role', () => {
  it.each(ACTORS.filter((a) => a !== 'admin'))('%s cannot open it or import (sign-in or 403)', async (actor) => {
    const expected = actor === 'anon' ? 302 : 403;
    expect((await call(actor)).status).toBe(expected);
    expect((await call(actor, await upload('gemeente,periode,waarde\nAlkmaar,2026,1'))).status).toBe(expected);
    expect(await figureOf('Alkmaar', '2026-01-01')).toBeNull();
  });

  it('the admin sees the demo measure with its figures', async () => {
    const { status, json } = await call('admin');
    expect(status).toBe(200);
    expect(json?.measures).toContainEqual(expect.objectContaining({ name: MEASURE, figures: 82 }));
  });

  it('one bad line and nothing is stored; every bad line is named', async () => {
    const file = 'gemeente;periode;waarde\nAlkmaar;2026;60\nAtlantis;2026;1\nHeiloo;2026-Q9;2\nHeiloo;2026;veel';
    const { status, json } = await call('admin', await upload(file));
    expect(status).toBe(400);
    expect(json?.problems?.map((p) => [p.line, p.reason])).toEqual([
      [3, 'monitoring.import.problems.municipalityUnknown'],
      [4, 'monitoring.import.problems.periodInvalid'],
      [5, 'monitoring.import.problems.valueInvalid'],
    ]);
    expect(await figureOf('Alkmaar', '2026-01-01')).toBeNull();
  });

  it('a good file stores every figure and replaces those of the same municipality and period', async () => {
    const file = 'municipality,period,value\nAlkmaar,2026,60.5\nHeiloo,2026,"41,5"\nAlkmaar,2025,63';
    expect((await call('admin', await upload(file))).status).toBe(302);
    expect([await figureOf('Alkmaar', '2026-01-01'), await figureOf('Heiloo', '2026-01-01')]).toEqual([60.5, 41.5]);
    expect(await figureOf('Alkmaar', '2025-01-01')).toBe(63);
  });

  it('hostile input: no measure, another id, no file, a 1 MB file, NUL bytes get a 400 and a reason', async () => {
    const file = 'gemeente,periode,waarde\nAlkmaar,2027,1';
    for (const form of [
      await upload(file, ''),
      await upload(file, '00000000-0000-4000-8000-000000000000'),
      await upload('x'.repeat(1_000_000)),
      await upload('gemeente,periode,waarde\nAlk\u0000maar,2027,1'),
    ]) {
      const { status } = await call('admin', form);
      expect(status).toBe(400);
    }
    const empty = new FormData();
    empty.set('measureId', await measureId());
    expect((await call('admin', empty)).status).toBe(400);
    expect(await figureOf('Alkmaar', '2027-01-01')).toBeNull();
  });

  it('a new measure: name required, a duplicate refused with what was typed kept', async () => {
    const add = (values: Record<string, string>) => call('admin', new URLSearchParams(values));
    expect((await add({ name: 'Deelname aan werk', unit: '%', direction: 'higher' })).status).toBe(302);
    const again = await add({ name: 'Deelname aan werk', unit: '%', direction: 'higher' });
    expect(again).toMatchObject({ status: 400, json: { errors: { name: 'monitoring.benchmarkAdmin.duplicate' } } });
    expect(again.json?.values?.name).toBe('Deelname aan werk');
    expect((await add({ name: '', unit: '%', direction: 'sideways' })).status).toBe(400);
  });
});
