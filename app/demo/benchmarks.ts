import type { Tx } from '~/db/with-user.server';
import { seededRandom } from './random';

/** Inhabitants of the demo municipalities, rounded (about CBS's 1 January 2024 figures), for size classes. */
const INHABITANTS: Record<string, number> = {
  Alkmaar: 111_000,
  'Bergen (NH)': 30_000,
  Castricum: 36_000,
  'Dijk en Waard': 90_000,
  Heiloo: 24_000,
  Uitgeest: 14_000,
  Rotterdam: 664_000,
  Schiedam: 80_000,
  Vlaardingen: 75_000,
  'Capelle aan den IJssel': 68_000,
  Barendrecht: 50_000,
  Maassluis: 34_000,
  Ridderkerk: 47_000,
  Lansingerland: 65_000,
  Enschede: 161_000,
  Hengelo: 82_000,
  Almelo: 74_000,
  Oldenzaal: 32_000,
  Borne: 24_000,
  Haaksbergen: 25_000,
  'Hof van Twente': 35_000,
  'Rijssen-Holten': 38_000,
  Zwolle: 132_000,
  Kampen: 55_000,
  Dalfsen: 29_000,
  Hardenberg: 62_000,
  Raalte: 38_000,
  Staphorst: 18_000,
  Zwartewaterland: 23_000,
  Meppel: 35_000,
  Leeuwarden: 126_000,
  'Súdwest-Fryslân': 92_000,
  Smallingerland: 57_000,
  Heerenveen: 52_000,
  'De Fryske Marren': 53_000,
  Harlingen: 16_000,
  Waadhoeke: 47_000,
  'Noardeast-Fryslân': 46_000,
};

const MEASURE = '% inburgeraars dat de leerroute binnen de termijn afrondt (DUO)';
const COMPARED_CORE = '% inburgeraars dat de leerroute binnen de termijn afrondt';
/** Municipalities that made their figures public, so others see them by name. */
const PUBLIC = ['Leeuwarden', 'Zwolle'];

/**
 * A shared measure with a fictional figure for every demo municipality in 2024 and 2025 (Alkmaar's
 * matching its own series), Alkmaar's core indicator compared with it, inhabitants for the size
 * classes, and two municipalities that made their figures public. Once; a later start adds nothing.
 */
export async function seedBenchmarks(tx: Tx, alkmaarId: string, cores: { id: string; description: string }[]) {
  const exists = await tx.selectFrom('benchmark_measures').select('id').where('name', '=', MEASURE).executeTakeFirst();
  if (exists) return;
  const municipalities = await tx.selectFrom('municipalities').select(['id', 'name']).execute();
  for (const m of municipalities) {
    const inhabitants = INHABITANTS[m.name];
    if (inhabitants) await tx.updateTable('municipalities').set({ inhabitants }).where('id', '=', m.id).execute();
  }
  const measure = await tx
    .insertInto('benchmark_measures')
    .values({ name: MEASURE, unit: '%', direction: 'higher' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const random = seededRandom(21);
  await tx
    .insertInto('benchmark_values')
    .values(
      municipalities.flatMap((m) =>
        [
          ['2024-01-01', m.id === alkmaarId ? 55 : 40 + random.int(30)],
          ['2025-01-01', m.id === alkmaarId ? 61 : 42 + random.int(30)],
        ].map(([start, value]) => ({
          measure_id: measure.id,
          municipality_id: m.id,
          period_kind: 'year' as const,
          period_start: start as string,
          value: value as number,
          source: 'import' as const,
          entered_by: null,
        })),
      ),
    )
    .execute();
  const published = municipalities.filter((m) => PUBLIC.includes(m.name));
  if (published.length > 0) {
    await tx
      .insertInto('public_benchmark_figures')
      .values(published.map((m) => ({ municipality_id: m.id, made_public_by: null })))
      .execute();
  }
  const core = cores.find((c) => c.description === COMPARED_CORE);
  if (core) {
    await tx
      .updateTable('core_indicator_measures')
      .set({ benchmark_measure_id: measure.id })
      .where('core_indicator_id', '=', core.id)
      .execute();
  }
}
