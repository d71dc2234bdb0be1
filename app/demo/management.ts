import { saveDataSource } from '~/advice/data-sources.server';
import type { Direction, SourceKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';

interface Plan {
  name: string;
  source: string;
  unit: string;
  direction: Direction;
  breakdown?: { name: string; values: string[] };
  /** Further dimensions (marginal, as the first): per year a figure per value, in the order of `values`. */
  more?: { name: string; values: string[]; figures: { year: number; parts: number[] }[] }[];
  target?: { dueYear: number; value: number };
  /** Per year: the total (when known) and per breakdown value, in the order of `breakdown.values`. */
  figures?: { year: number; total?: number; parts?: number[] }[];
}

/** The sources seed 001 names beside its management indicators, with their kinds. */
const SOURCES: Record<string, SourceKind> = {
  DUO: 'register',
  'Benchmark / DUO': 'benchmark',
  'Ervaringsdata mensen die inburgeren': 'experience',
  'Ervaringsdata coaches': 'experience',
  'RMW/CommUtr': 'partner',
  'Dit moet worden uitgezocht': 'to_be_determined',
};

/**
 * Seed 001's management indicators (indicatoren managementinformatie, with "welke databron gebruiken
 * we?") under Alkmaar's core indicators, with fictional figures (some broken down) and targets.
 */
const PLANS: Record<string, Plan[]> = {
  '% inburgeraars dat de leerroute binnen de termijn afrondt': [
    {
      name: '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar',
      source: 'DUO',
      unit: '%',
      direction: 'higher',
      breakdown: { name: 'Leerroute', values: ['B1', 'Onderwijs', 'Z'] },
      target: { dueYear: 2027, value: 70 },
      figures: [
        { year: 2023, total: 54, parts: [58, 71, 31] },
        { year: 2024, total: 58, parts: [61, 74, 36] },
        { year: 2025, total: 63, parts: [66, 77, 42] },
      ],
    },
    {
      name: 'Hoe scoort Alkmaar op het aantal mensen dat slaagt ten opzichte van andere gemeenten?',
      source: 'Benchmark / DUO',
      unit: '%',
      direction: 'higher',
    },
    {
      name: '% mensen dat deelneemt aan informele taalactiviteiten (taalcafé, taalmaatjes)',
      source: 'Ervaringsdata mensen die inburgeren',
      unit: '%',
      direction: 'higher',
      target: { dueYear: 2026, value: 50 },
      figures: [
        { year: 2024, total: 38 },
        { year: 2025, total: 41 },
      ],
    },
    {
      name: 'Gemeente biedt voldoende diverse mogelijkheden om informeel taalcontact te hebben',
      source: 'Dit moet worden uitgezocht',
      unit: '',
      direction: 'higher',
    },
  ],
  // Not under "% met betaald werk": tests/e2e/monitoring.spec.ts enters that one's figures by label.
  'Ervaren passendheid van het werk': [
    {
      name: '% mensen die inburgeren met na 3 jaar minstens een parttime contract van 6 maanden of meer',
      source: 'RMW/CommUtr',
      unit: '%',
      direction: 'higher',
      target: { dueYear: 2027, value: 45 },
      figures: [
        { year: 2023, total: 30 },
        { year: 2024, total: 33 },
        { year: 2025, total: 36 },
      ],
    },
    {
      name: '% mensen dat werkt, naar soort contract',
      source: 'RMW/CommUtr',
      unit: '%',
      direction: 'higher',
      breakdown: { name: 'Soort contract', values: ['0-uren', 'Parttime', 'Zzp', 'Tijdelijk', 'Vast'] },
      figures: [
        { year: 2024, parts: [9, 14, 3, 11, 4] },
        { year: 2025, parts: [8, 15, 4, 12, 6] },
      ],
    },
    {
      name: '% inburgeringscoaches dat aangeeft een passend netwerk te hebben om mensen naar werk te begeleiden',
      source: 'Ervaringsdata coaches',
      unit: '%',
      direction: 'higher',
      target: { dueYear: 2026, value: 80 },
      figures: [
        { year: 2024, total: 62 },
        { year: 2025, total: 64 },
      ],
    },
  ],
  '% inburgeraars gestart met een opleiding, naar type': [
    {
      name: '% mensen dat is gestart met een opleiding, naar type opleiding',
      source: 'DUO',
      unit: '%',
      direction: 'higher',
      breakdown: { name: 'Type opleiding', values: ['Mbo', 'Hbo/wo', 'Schakeltraject'] },
      // Seed 001 splits the same figure by route too: a second dimension beside the type.
      more: [
        {
          name: 'Leerroute',
          values: ['B1', 'Onderwijs', 'Z'],
          figures: [
            { year: 2024, parts: [19, 41, 2] },
            { year: 2025, parts: [22, 44, 3] },
          ],
        },
      ],
      target: { dueYear: 2026, value: 28 },
      figures: [
        { year: 2024, total: 21, parts: [12, 4, 5] },
        { year: 2025, total: 24, parts: [13, 5, 6] },
      ],
    },
  ],
};

/** Alkmaar's management indicators; skipped when any of its core indicators already has one. */
export async function seedManagement(
  tx: Tx,
  municipalityId: string,
  cores: { id: string; description: string }[],
  enteredBy: string | null,
) {
  const done = await tx
    .selectFrom('management_indicators')
    .select('id')
    .where(
      'core_indicator_id',
      'in',
      cores.map((c) => c.id),
    )
    .executeTakeFirst();
  if (done) return;
  const sourceIds = new Map<string, string>();
  for (const [name, kind] of Object.entries(SOURCES)) {
    sourceIds.set(name, (await saveDataSource(tx, municipalityId, name, kind)).id);
  }
  for (const core of cores) {
    for (const [position, plan] of (PLANS[core.description] ?? []).entries()) {
      const indicator = await tx
        .insertInto('management_indicators')
        .values({
          core_indicator_id: core.id,
          name: plan.name,
          source_id: sourceIds.get(plan.source) ?? null,
          unit: plan.unit,
          direction: plan.direction,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const dimensions = [
        ...(plan.breakdown ? [{ ...plan.breakdown, figures: [] as { year: number; parts: number[] }[] }] : []),
        ...(plan.more ?? []),
      ];
      const dimensionIds: string[] = [];
      for (const [i, d] of dimensions.entries()) {
        const row = await tx
          .insertInto('management_breakdowns')
          .values({ management_indicator_id: indicator.id, name: d.name, categories: d.values, position: i })
          .returning('id')
          .executeTakeFirstOrThrow();
        dimensionIds.push(row.id);
      }
      if (plan.target) {
        await tx
          .insertInto('management_indicator_targets')
          .values({
            management_indicator_id: indicator.id,
            due_year: plan.target.dueYear,
            value: plan.target.value,
            set_by: null,
          })
          .execute();
      }
      const rows = [
        ...(plan.figures ?? []).flatMap((f) => [
          ...(f.total === undefined ? [] : [{ dimension: null, breakdown: '', value: f.total, year: f.year }]),
          ...(f.parts ?? []).map((value, i) => ({
            dimension: dimensionIds[0]!,
            breakdown: plan.breakdown!.values[i]!,
            value,
            year: f.year,
          })),
        ]),
        ...(plan.more ?? []).flatMap((d, j) =>
          d.figures.flatMap((f) =>
            f.parts.map((value, i) => ({
              dimension: dimensionIds[j + (plan.breakdown ? 1 : 0)]!,
              breakdown: d.values[i]!,
              value,
              year: f.year,
            })),
          ),
        ),
      ];
      if (rows.length === 0) continue;
      await tx
        .insertInto('management_indicator_values')
        .values(
          rows.map((r) => ({
            management_indicator_id: indicator.id,
            period_kind: 'year' as const,
            period_start: `${r.year}-01-01`,
            breakdown_id: r.dimension,
            breakdown_value: r.breakdown,
            value: r.value,
            entered_by: enteredBy,
          })),
        )
        .execute();
    }
  }
}
