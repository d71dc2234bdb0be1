import type { TFunction } from 'i18next';
import { respondentGroupName } from '~/questionnaires/respondent-groups';
import { toCsv } from '~/csv.server';
import { hiddenLabel } from '~/ui/HiddenFigure';
import type { Monitoring } from './queries.server';
import { periodCode } from './periods';

/** Every core indicator with the goal and output it sits under, in the tree's order. */
const placedCoreIndicators = (monitoring: Monitoring) =>
  monitoring.goals.flatMap((goal) =>
    goal.outputs.flatMap((output) => output.coreIndicators.map((core) => ({ goal, output, core }))),
  );

/**
 * The monitoring page as one long table: a row per value, questionnaire score, month of signals and
 * advice, each with its goal, output and core indicator. Hidden figures read as on the page ("<5", or
 * "hidden" with the reason in the note column).
 * Value rows use the import's own period codes (2025, 2025-Q2, 2025-03). The export is for reading:
 * its extra columns (goal, output, data source…) are not import columns, so the template is what imports.
 */
export function monitoringCsv(monitoring: Monitoring, t: TFunction, appUrl: string): string {
  const tooFew = t('results.tooFew');
  const header = [
    t('advice.goals.goal'),
    t('advice.goals.output'),
    t('monitoring.export.coreIndicator'),
    t('advice.goals.dataSource'),
    t('monitoring.linked.title'),
    t('monitoring.export.kind'),
    t('monitoring.fields.period'),
    t('monitoring.fields.value'),
    t('monitoring.fields.unit'),
    t('monitoring.export.respondents'),
    t('monitoring.fields.note'),
  ];
  const rows: (string | number | null)[][] = [];
  for (const { goal, output, core } of placedCoreIndicators(monitoring)) {
    const row = (
      kind: string,
      period: string,
      value: string | number,
      unit: string,
      respondents: string | number,
      note: string,
    ) =>
      rows.push([
        goal.title,
        output.title,
        core.description,
        core.dataSource,
        core.indicators.map((i) => i.name).join(', '),
        kind,
        period,
        value,
        unit,
        respondents,
        note,
      ]);
    if (core.values.length === 0 && core.advice.length === 0 && core.indicators.length === 0) {
      row('', '', '', '', '', '');
    }
    for (const v of core.values) {
      const source =
        v.source === 'import'
          ? t('monitoring.source.import', { file: v.file_name ?? '' })
          : t('monitoring.source.manual');
      row(
        t('monitoring.export.kinds.value'),
        periodCode(v.period_kind, v.period_start),
        v.value,
        v.unit,
        '',
        [source, v.note].filter(Boolean).join(' — '),
      );
    }
    for (const s of core.scores) {
      const indicator = core.indicators.find((i) => i.code === s.indicator_code)?.name ?? s.indicator_code;
      const hidden = s.hidden ? hiddenLabel(t, s.hidden) : null;
      row(
        t('monitoring.export.kinds.score'),
        `${s.wave_name} (${s.opens_on})`,
        hidden ?? s.mean_score ?? '',
        '1–5',
        hidden ?? s.respondents ?? '',
        [
          `${s.title} · ${respondentGroupName(t, { key: s.group_key, name: s.group_name })} · ${indicator}`,
          s.hidden === 'protective' ? t('results.protectiveNote') : '',
        ]
          .filter(Boolean)
          .join(' — '),
      );
    }
    for (const s of core.signals) {
      s.counts.forEach((count, index) => {
        row(
          t('monitoring.export.kinds.signals'),
          periodCode('month', monitoring.months[index]!),
          count === null ? tooFew : count,
          '',
          '',
          s.name,
        );
      });
    }
    for (const a of core.advice) {
      row(
        t('monitoring.export.kinds.advice'),
        a.published_at ?? '',
        a.latest_decision ? t(`advice.decision.${a.latest_decision}`) : t(`advice.status.${a.status}`),
        '',
        '',
        `${a.title} — ${appUrl}/advice/${a.id}`,
      );
    }
  }
  return toCsv(header, rows);
}

/** The report's CSV columns: the import's own, and the goal, output and source it reads past. */
const REPORT_COLUMNS = [
  'goal',
  'output',
  'core_indicator',
  'management_indicator',
  'dimension',
  'breakdown',
  'source',
  'kind',
  'period',
  'value',
  'unit',
  'note',
];

/**
 * The monitoring report's figures and targets as a file the import takes back unchanged: a row per
 * figure and per target of every core and management indicator (a target's period is its year), the
 * indicators named by description and name so it also imports into another municipality with the same
 * tree. Headings and kinds are the import's own words, whatever the reader's language. Experience data,
 * signals and the benchmark are not figures the municipality enters, so they stay in the printed report.
 */
export function reportCsv(monitoring: Monitoring): string {
  const rows: (string | number)[][] = [];
  for (const { goal, output, core } of placedCoreIndicators(monitoring)) {
    const row = (
      management: string,
      dimension: string,
      breakdown: string,
      source: string,
      kind: string,
      period: string,
      value: number,
      unit: string,
      note: string,
    ) =>
      rows.push([
        goal.title,
        output.title,
        core.description,
        management,
        dimension,
        breakdown,
        source,
        kind,
        period,
        value,
        unit,
        note,
      ]);
    for (const v of core.values)
      row('', '', '', core.dataSource, 'figure', periodCode(v.period_kind, v.period_start), v.value, v.unit, v.note);
    for (const target of core.targets)
      row('', '', '', core.dataSource, 'target', String(target.due_year), target.value, core.unit, '');
    for (const m of core.management) {
      for (const v of m.values) {
        row(
          m.name,
          m.dimensions.find((d) => d.id === v.breakdown_id)?.name ?? '',
          v.breakdown_value,
          m.source,
          'figure',
          periodCode(v.period_kind, v.period_start),
          v.value,
          m.unit,
          v.note,
        );
      }
      for (const target of m.targets)
        row(m.name, '', '', m.source, 'target', String(target.due_year), target.value, m.unit, '');
    }
  }
  return toCsv(REPORT_COLUMNS, rows);
}

/** A file to fill in: the import's columns and a row per core indicator with this year as the period. */
export function templateCsv(cores: { description: string }[], year: number): string {
  return toCsv(
    ['core_indicator', 'period', 'value', 'unit', 'note'],
    cores.map((c) => [c.description, String(year), '', '', '']),
  );
}
