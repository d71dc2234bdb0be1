import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '~/db/db.server';
import { INDICATOR_DOMAINS } from '~/indicators/framework';
import { MARK_END, MARK_START } from './markers';
import type { RegisterFilters } from './schema.server';

export const PAGE_SIZE = 25;

/**
 * The search as the two tsqueries the register matches: the Dutch one with each word widened by its
 * synonyms, the 'simple' one (names, other languages) as typed.
 */
export interface ExpandedSearch {
  dutch: string;
  simple: string;
}

/** The filters and the search they hold, expanded once for all the queries of one page. */
export interface RegisterSelection {
  filters: RegisterFilters;
  search: ExpandedSearch | null;
  /**
   * The person sees published advice only (no pool of theirs, not an admin). Said to the query as well
   * as enforced by RLS: drafts come first in the newest-first order, and without it the index scan
   * walks every draft of every pool before the first advice the reader may see (bench:register,
   * 2026-12-05, register-quiet).
   */
  publishedOnly: boolean;
}

/**
 * Expands the search through the synonym dictionary (private.expand_search, decision 019) before the
 * register's queries run. Done as a query of its own so that those queries get the tsqueries as
 * constants: the planner then estimates them as it did for websearch_to_tsquery and keeps the GIN
 * indexes, and ts_rank does not expand the search again for every matching row.
 */
export async function registerSelection(
  tx: Tx,
  filters: RegisterFilters,
  publishedOnly = false,
): Promise<RegisterSelection> {
  if (!filters.q) return { filters, search: null, publishedOnly };
  const result = await sql<ExpandedSearch>`
    select private.expand_search(${filters.q}) as dutch,
           websearch_to_tsquery('simple', ${filters.q})::text as simple`.execute(tx);
  return { filters, search: result.rows[0]!, publishedOnly };
}

/**
 * The WHERE conditions of a register selection. Row level security adds who may see what; each
 * condition here has an index (GIN on the tsvectors and arrays, btree on status and dates).
 */
function conditions({ filters, search, publishedOnly }: RegisterSelection): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (publishedOnly) {
    // Every published advice has its date (advices_published_has_date). What such a person may read
    // is public or addressed to them (RLS); said here too, the planner takes it from indexes
    // (advices_public_idx, the GIN on addressee_ids) before it reads a row, instead of reading every
    // match and then dropping those addressed to others: three in four for a broad search at 100 000
    // advices (bench:register, 2026-12-05, register-ranking).
    where.push(sql<SqlBool>`a.published_at is not null`);
    where.push(sql<SqlBool>`(a.visibility = 'public' or a.addressee_ids && (select private.my_reader_scope()))`);
  }
  if (search) {
    // The 'simple' configuration finds what Dutch stemming misses (names, other languages, stop words).
    where.push(sql<SqlBool>`(a.search_vector @@ ${search.dutch}::tsquery
      or a.search_simple @@ ${search.simple}::tsquery)`);
  }
  if (filters.indicator) where.push(sql<SqlBool>`a.indicator_codes && array[${filters.indicator}]::text[]`);
  if (filters.domain) {
    const codes = INDICATOR_DOMAINS.find((d) => d.domain === filters.domain)?.codes ?? [];
    where.push(sql<SqlBool>`a.indicator_codes && ${codes}::text[]`);
  }
  if (filters.region) {
    // Addressed to the region itself or to one of its municipalities.
    where.push(sql<SqlBool>`a.addressee_ids && (array[${filters.region}::uuid]
      || array(select m.id from public.municipalities m where m.region_id = ${filters.region}))`);
  }
  if (filters.municipality) {
    // Addressed to the municipality, its region, or the organisation that stands for it.
    where.push(sql<SqlBool>`a.addressee_ids && (array[${filters.municipality}::uuid]
      || array(select m.region_id from public.municipalities m where m.id = ${filters.municipality})
      || array(select o.id from public.organisations o where o.municipality_id = ${filters.municipality}))`);
  }
  if (filters.pool) where.push(sql<SqlBool>`a.pool_id = ${filters.pool}`);
  if (filters.part) where.push(sql<SqlBool>`a.process_part = ${filters.part}`);
  if (filters.status) where.push(sql<SqlBool>`a.status = ${filters.status}`);
  if (filters.from) where.push(sql<SqlBool>`a.published_at >= ${filters.from}::date`);
  if (filters.to) where.push(sql<SqlBool>`a.published_at < ${filters.to}::date + 1`);
  return where;
}

/** How well an advice matches the search (0 without one). */
function rank({ search }: RegisterSelection) {
  return search
    ? sql<number>`ts_rank(a.search_vector, ${search.dutch}::tsquery)
        + 0.5 * ts_rank(a.search_simple, ${search.simple}::tsquery)`
    : sql<number>`0::real`;
}

/** The sort, over the output columns rank, published_at, created_at and title (inner and outer query alike). */
function orderBy(filters: RegisterFilters) {
  switch (filters.sort) {
    case 'oldest':
      return sql`published_at asc nulls last, created_at asc, id`;
    case 'title':
      return sql`title asc, id`;
    case 'relevance':
      if (filters.q) return sql`rank desc, published_at desc nulls first, created_at desc, id`;
      return sql`published_at desc nulls first, created_at desc, id`;
    default:
      return sql`published_at desc nulls first, created_at desc, id`;
  }
}

function whereClause(selection: RegisterSelection) {
  const where = conditions(selection);
  return where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
}

export interface RegisterRow {
  id: string;
  title: string;
  status: string;
  visibility: string;
  process_part: string;
  indicator_codes: string[];
  published_at: Date | null;
  created_at: Date;
  pool_name: string | null;
  snippet: string;
  latest_decision: string | null;
  responses: number;
  /** All matches of the selection, when the page is ranked (see searchRegister); else null. */
  total: number | null;
}

/**
 * Whether the page is sorted by how well it matches: the page query then ranks every match anyway,
 * so it counts them too and the separate count is not needed.
 */
export const rankedSelection = ({ filters, search }: RegisterSelection) =>
  search !== null && filters.sort === 'relevance';

/**
 * The CTE `page`: the chosen rows of a selection, narrow (id, title, dates, rank and, when counted,
 * the number of matches as total), so that what is sorted, and counted, holds no text; the caller reads
 * the full rows of the chosen ids. Counting ranks every match: the rank is then computed once per match
 * in a materialized CTE, else the planner computes it above the window count and carries every match's
 * tsvectors and text through it (5 751 matches spilled to disk; bench:register, 2026-12-05,
 * register-ranking).
 */
function chosenRows(
  selection: RegisterSelection,
  { limit, offset, counted }: { limit: number; offset: number; counted: boolean },
) {
  const order = orderBy(selection.filters);
  return counted
    ? sql`matches as materialized (
        select a.id, a.title, a.published_at, a.created_at, ${rank(selection)} as rank
        from public.register_advices a
        ${whereClause(selection)}
      ),
      page as (
        select m.*, count(*) over ()::int as total from matches m
        order by ${order}
        limit ${limit} offset ${offset}
      )`
    : sql`page as (
        select a.id, a.title, a.published_at, a.created_at, ${rank(selection)} as rank, null::int as total
        from public.register_advices a
        ${whereClause(selection)}
        order by ${order}
        limit ${limit} offset ${offset}
      )`;
}

/**
 * One page of the register: the advice the user may see (RLS) that matches the filters, with a
 * highlighted snippet when searching, and what the addressees answered most recently.
 */
export async function searchRegister(
  tx: Tx,
  selection: RegisterSelection,
  { limit = PAGE_SIZE, offset = (selection.filters.page - 1) * PAGE_SIZE } = {},
): Promise<RegisterRow[]> {
  const { filters, search } = selection;
  const snippet = search
    ? sql<string>`ts_headline('dutch', regexp_replace(a.insight, '<[^>]*>', ' ', 'g') || ' ' || private.join_text(a.opportunities),
        ${search.dutch}::tsquery || ${search.simple}::tsquery,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, ShortWord=2`})`
    : sql<string>`left(regexp_replace(a.insight, '<[^>]*>', ' ', 'g'), 240)`;
  // The page is chosen first, on narrow rows; text, snippets and answers are read for its rows only.
  const page = chosenRows(selection, { limit, offset, counted: rankedSelection(selection) });
  const result = await sql<RegisterRow>`
    with ${page}
    select p.id, p.title, a.status, a.visibility, a.process_part, a.indicator_codes, p.published_at,
           p.created_at, p.rank, p.total, private.pool_name(a.pool_id) as pool_name, ${snippet} as snippet,
           (select r.decision from public.advice_responses r where r.advice_id = p.id
             order by r.created_at desc limit 1) as latest_decision,
           (select count(distinct r.municipality_id)::int from public.advice_responses r where r.advice_id = p.id) as responses
    from page p
    join public.register_advices a on a.id = p.id
    order by ${orderBy(filters)}`.execute(tx);
  return result.rows;
}

/** Counting stops here: past it the page says "more than", and nobody pages that far. */
export const COUNT_CAP = 1000;

/** How many advices the selection holds, up to COUNT_CAP + 1 (so a broad selection stays cheap). */
export async function countRegister(tx: Tx, selection: RegisterSelection): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from public.register_advices a ${whereClause(selection)} limit ${COUNT_CAP + 1}
    ) capped`.execute(tx);
  return result.rows[0]?.n ?? 0;
}

/**
 * The full selection for CSV and the printed report, capped so one request stays small. Chosen like a
 * page, on narrow rows, then read by id: sorted as full rows, the 2 000 kept while sorting (1.8 MB for
 * the benchmark's one-sentence advice) outgrow work_mem (4 MB) once rows are a little over twice as
 * wide, and every match is then sorted on disk (2026-12-05, register-export).
 */
export async function exportRegister(tx: Tx, selection: RegisterSelection, cap = 2000) {
  const result = await sql<{
    id: string;
    title: string;
    insight: string;
    opportunities: string[];
    golden_tips: string[];
    indicator_codes: string[];
    process_part: string;
    status: string;
    visibility: string;
    published_at: Date | null;
    pool_name: string | null;
    latest_decision: string | null;
    latest_explanation: string | null;
  }>`
    with ${chosenRows(selection, { limit: cap, offset: 0, counted: false })}
    select p.id, p.title, a.insight, a.opportunities, a.golden_tips, a.indicator_codes, a.process_part,
           a.status, a.visibility, p.published_at, p.created_at, p.rank, private.pool_name(a.pool_id) as pool_name,
           latest.decision as latest_decision, latest.explanation as latest_explanation
    from page p
    join public.register_advices a on a.id = p.id
    left join lateral (
      select r.decision, r.explanation from public.advice_responses r
      where r.advice_id = p.id order by r.created_at desc limit 1
    ) latest on true
    order by ${orderBy(selection.filters)}`.execute(tx);
  return result.rows;
}

/** Words of a search looked up for "did you mean": the rest of a long search is kept as typed. */
const SUGGESTED_WORDS = 8;

/**
 * "Did you mean": for a search that found nothing, the same search with each word that is not known
 * (in the words of published advice or the synonym dictionary) replaced by the nearest known word by
 * trigram similarity (private.suggest_search_words, decision 019); null when no word has a better
 * one. Bounded: one lookup of at most eight words in an indexed word list. The suggestion is not
 * counted first: a suggested word is common (or public) and widened by its synonyms, and counting a
 * broad search costs as much as the search (bench:register, 2026-12-05).
 */
export async function suggestSearch(tx: Tx, filters: RegisterFilters): Promise<string | null> {
  if (!filters.q) return null;
  // Words as the 'simple' configuration would see them: without quotes, a leading minus or punctuation.
  const core = (token: string) => token.toLowerCase().replace(/^[-"'(]+|["'),.;:!?]+$/g, '');
  const tokens = filters.q.split(/\s+/).filter(Boolean);
  const words = [...new Set(tokens.map(core).filter((w) => w.length > 1 && w !== 'or'))].slice(0, SUGGESTED_WORDS);
  if (words.length === 0) return null;
  const result = await sql<{ word: string; suggestion: string | null }>`
    select word, suggestion from private.suggest_search_words(${words}::text[])`.execute(tx);
  const better = new Map(
    result.rows.filter((r) => r.suggestion !== null && r.suggestion !== r.word).map((r) => [r.word, r.suggestion!]),
  );
  if (better.size === 0) return null;
  return tokens
    .map((token) => {
      const word = core(token);
      return better.has(word) ? token.toLowerCase().replace(word, better.get(word)!) : token;
    })
    .join(' ');
}
