import { sql } from 'kysely';
import type { Tx } from '~/db/with-user.server';
import type { QuestionResultRow, ScoreRow } from '~/questionnaires/queries.server';
import type { ResultFilters } from '~/questionnaires/schema.server';

/*
 * The general result functions (`questionnaire_scores`, `questionnaire_question_results`), as the tests
 * call them: any breakdown and level. The results page reads `questionnaire_results_page`, which the
 * summaries test checks against these; the monitoring page calls `questionnaire_scores` in SQL.
 */

export async function questionnaireScores(
  tx: Tx,
  questionnaireId: string,
  filters: ResultFilters,
  by: 'none' | 'wave' | 'region' | 'municipality',
  level: 'indicator' | 'domain',
): Promise<ScoreRow[]> {
  const { rows } = await sql<ScoreRow>`
    select group_key, item, respondents, mean_score::float8 as mean_score, hidden
    from private.questionnaire_scores(${questionnaireId}, ${filters.wave ?? null}, ${filters.region ?? null},
      ${filters.municipality ?? null}, ${by}, ${level})`.execute(tx);
  return rows;
}

export async function questionResults(tx: Tx, questionnaireId: string, filters: ResultFilters) {
  const { rows } = await sql<QuestionResultRow>`
    select question_id, respondents, mean_score::float8 as mean_score, counts, hidden
    from private.questionnaire_question_results(${questionnaireId}, ${filters.wave ?? null},
      ${filters.region ?? null}, ${filters.municipality ?? null})`.execute(tx);
  return rows;
}
