import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Tx } from '~/db/db.server';
import { noResults, resultsPage, type ResultsPage } from './queries.server';
import type { ResultFilters } from './schema.server';

/**
 * The results page's figures, computed once per change instead of once per view: they are the same for
 * everyone who may see them, and change only with the version the database raises in the same
 * transaction as any change to them (migration 20261210770000). Each process keeps its own pages; the
 * version read in the viewer's transaction decides whether one is still right, so several processes on
 * one database never serve each other's stale figures. Bounded: filters are ids anyone with access can
 * vary, and each page is a few tens of kilobytes.
 */
const pages = new LRUCache<string, { version: bigint; page: ResultsPage }>({ max: 200 });

export async function cachedResultsPage(tx: Tx, questionnaireId: string, filters: ResultFilters): Promise<ResultsPage> {
  const { rows } = await sql<{ version: string | null }>`
    select private.questionnaire_results_version(${questionnaireId})::text as version`.execute(tx);
  const seen = rows[0]?.version;
  // Null: this person may not see the results (the uncached function answers them with no rows too).
  if (seen == null) return noResults();
  const version = BigInt(seen);
  const key = [questionnaireId, filters.wave, filters.region, filters.municipality].join('/');
  const kept = pages.get(key);
  if (kept?.version === version) return kept.page;
  const page = await resultsPage(tx, questionnaireId, filters);
  // A slower transaction with an older snapshot must not replace newer figures.
  if (!kept || kept.version < version) pages.set(key, { version, page });
  return page;
}
