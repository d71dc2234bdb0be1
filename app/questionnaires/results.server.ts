import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { DOMAINS } from '~/indicators/framework';
import { listIndicatorOptions } from '~/indicators/queries.server';
import type { Locale } from '~/i18n/locales';
import type { Hidden } from '~/ui/HiddenFigure';
import { getQuestionnaire, listWaveNames, localise, type ScoreRow } from './queries.server';
import { cachedResultsPage } from './results-cache.server';
import type { ResultFilters } from './schema.server';

type Cell = { respondents: number | null; mean: number | null; hidden: Hidden | null };

/** Rows keyed by item, columns by group: the shape the tables and charts share. */
function pivot(rows: ScoreRow[]): Map<string, Record<string, Cell>> {
  const byItem = new Map<string, Record<string, Cell>>();
  for (const row of rows) {
    const cells = byItem.get(row.item) ?? {};
    cells[row.group_key ?? 'unknown'] = { respondents: row.respondents, mean: row.mean_score, hidden: row.hidden };
    byItem.set(row.item, cells);
  }
  return byItem;
}

/** Whether the person may see this questionnaire's results, as the database decides. */
export async function seesQuestionnaireResults(tx: Tx, questionnaireId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select private.sees_questionnaire_results(${questionnaireId}) as ok`.execute(tx);
  return rows[0]?.ok ?? false;
}

/**
 * Everything the results page shows, computed by the database's aggregate functions, which
 * refuse anyone who may not see the results, blank every group of fewer than five and hide whatever
 * else would let one be worked out; kept between changes (results-cache.server.ts).
 */
export async function loadResults(tx: Tx, questionnaireId: string, filters: ResultFilters, locale: Locale) {
  const questionnaire = await getQuestionnaire(tx, questionnaireId);
  if (!questionnaire) return null;
  const [indicators, waves, { perIndicator, perDomain, perWave, perPlace, questions: perQuestion }] = await Promise.all(
    [
      listIndicatorOptions(tx, locale),
      listWaveNames(tx, questionnaireId),
      cachedResultsPage(tx, questionnaireId, filters),
    ],
  );
  const indicatorName = new Map(indicators.map((i) => [i.code, i.name]));
  const order = (code: string) => indicators.findIndex((i) => i.code === code);
  const scaleIndicators = [
    ...new Set(questionnaire.questions.filter((q) => q.kind === 'scale').map((q) => q.indicator_code)),
  ].sort((a, b) => order(a) - order(b));
  const domains = DOMAINS.filter((d) => indicators.some((i) => i.domain === d && scaleIndicators.includes(i.code)));

  const indicatorCells = pivot(perIndicator);
  const domainCells = pivot(perDomain);
  const waveCells = pivot(perWave);
  const placeCells = pivot(perPlace);
  const places = [...new Set(perPlace.map((r) => r.group_key ?? 'unknown'))];
  const questionRows = new Map(perQuestion.map((r) => [r.question_id, r]));

  return {
    title: localise(questionnaire, 'title', locale),
    waves,
    indicators: scaleIndicators.map((code) => ({
      key: code,
      label: indicatorName.get(code) ?? code,
      cells: indicatorCells.get(code) ?? {},
    })),
    domains: domains.map((d) => ({ key: d, cells: domainCells.get(d) ?? {} })),
    byWave: scaleIndicators.map((code) => ({
      key: code,
      label: indicatorName.get(code) ?? code,
      cells: waveCells.get(code) ?? {},
    })),
    placeKeys: places,
    byPlace: domains.map((d) => ({ key: d, cells: placeCells.get(d) ?? {} })),
    questions: questionnaire.questions.map((q) => {
      const result = questionRows.get(q.id);
      return {
        key: q.id,
        label: localise(q, 'text', locale),
        kind: q.kind,
        indicator: indicatorName.get(q.indicator_code) ?? q.indicator_code,
        respondents: result ? result.respondents : undefined,
        hidden: result?.hidden ?? null,
        mean: result?.mean_score ?? null,
        counts: (result?.counts ?? null) as Record<string, number> | null,
        options: q.options.map((o) => ({ id: o.id, label: localise(o, 'label', locale) })),
      };
    }),
  };
}
