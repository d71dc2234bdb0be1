import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { AdviceVisibility, ResponseDecision } from '~/db/types';
import { listIndicators } from '~/indicators/queries.server';
import { listAllCoreIndicators } from './goals.server';
import { richTextFromInput, sanitizeRichText } from './sanitize.server';
import type { AdviceInput } from './schema.server';

/** Pools in which the user may write advice (their memberships), with their role. */
export async function listMyPools(tx: Tx, userId: string) {
  return tx
    .selectFrom('pool_memberships')
    .innerJoin('pools', 'pools.id', 'pool_memberships.pool_id')
    .select(['pools.id', 'pools.name', 'pool_memberships.role'])
    .where('pool_memberships.user_id', '=', userId)
    .orderBy('pools.name')
    .execute();
}

/**
 * What an advice of these pools may be addressed to, as the database decides (`pool_addressees`: the
 * municipalities a pool serves, its region, organisations for those municipalities or for none in
 * particular; admins anything), plus what it is addressed to already. Regions also group municipalities,
 * so a region comes along when one of its municipalities may be chosen; `addressable` says whether it
 * may be chosen itself.
 */
export async function listAddressees(tx: Tx, poolIds: string[], current: string[] = []) {
  const [regions, municipalities, organisations, reach] = await Promise.all([
    tx.selectFrom('regions').select(['id', 'name']).orderBy('name').execute(),
    tx.selectFrom('municipalities').select(['id', 'name', 'region_id']).orderBy('name').execute(),
    tx
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where('kind', 'in', ['chain_partner', 'provider', 'client'])
      .orderBy('name')
      .execute(),
    sql<{ everything: boolean; ids: string[] }>`
      select private.is_admin() as everything,
        array(select unnest(private.pool_addressees(p)) from unnest(${poolIds}::uuid[]) p) || ${current}::uuid[] as ids`
      .execute(tx)
      .then((r) => r.rows[0]!),
  ]);
  const ids = new Set(reach.ids);
  const may = (id: string) => reach.everything || ids.has(id);
  const chosenMunicipalities = municipalities.filter((m) => may(m.id));
  return {
    regions: regions
      .map((r) => ({ ...r, addressable: may(r.id) }))
      .filter((r) => r.addressable || chosenMunicipalities.some((m) => m.region_id === r.id)),
    municipalities: chosenMunicipalities,
    organisations: organisations.filter((o) => may(o.id)),
  };
}

function contentColumns(input: AdviceInput) {
  return {
    title: input.title,
    insight: richTextFromInput(input.insight),
    opportunities: input.opportunities,
    golden_tips: input.goldenTips,
    indicator_codes: input.indicators,
    process_part: input.processPart,
    addressee_ids: input.addressees,
  };
}

/** A member's new draft in their pool (RLS: members only, as themselves, status draft). */
export async function createDraft(tx: Tx, poolId: string, userId: string, input: AdviceInput): Promise<string> {
  const { id } = await tx
    .insertInto('advices')
    .values({ pool_id: poolId, created_by: userId, status: 'draft', ...contentColumns(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkCoreIndicators(tx, id, input.coreIndicators);
  return id;
}

/** Edits the content; the database keeps the previous text as a version. False when not allowed. */
export async function updateAdvice(tx: Tx, adviceId: string, input: AdviceInput): Promise<boolean> {
  const result = await tx
    .updateTable('advices')
    .set(contentColumns(input))
    .where('id', '=', adviceId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await tx.deleteFrom('advice_core_indicators').where('advice_id', '=', adviceId).execute();
  await linkCoreIndicators(tx, adviceId, input.coreIndicators);
  return true;
}

async function linkCoreIndicators(tx: Tx, adviceId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx
    .insertInto('advice_core_indicators')
    .values(ids.map((core_indicator_id) => ({ advice_id: adviceId, core_indicator_id })))
    .execute();
}

/** Moves a draft into the pool's review. */
export async function submitForReview(tx: Tx, adviceId: string): Promise<boolean> {
  const result = await tx
    .updateTable('advices')
    .set({ status: 'in_review' })
    .where('id', '=', adviceId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The coordinator publishes: to the addressees only, or to everyone. */
export async function publishAdvice(tx: Tx, adviceId: string, visibility: AdviceVisibility): Promise<boolean> {
  const result = await tx
    .updateTable('advices')
    .set({ status: 'published', visibility, published_at: new Date() })
    .where('id', '=', adviceId)
    .where('status', 'in', ['draft', 'in_review'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The coordinator records that the advice was carried out. */
export async function markImplemented(tx: Tx, adviceId: string): Promise<boolean> {
  const result = await tx
    .updateTable('advices')
    .set({ status: 'implemented' })
    .where('id', '=', adviceId)
    .where('status', 'in', ['published', 'responded'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One advice with everything the viewer may see of it; null when RLS hides it. */
export async function getAdvice(tx: Tx, adviceId: string, userId: string | null) {
  const advice = await tx
    .selectFrom('advices as a')
    .select([
      'a.id',
      'a.pool_id',
      'a.title',
      'a.insight',
      'a.opportunities',
      'a.golden_tips',
      'a.indicator_codes',
      'a.process_part',
      'a.addressee_ids',
      'a.status',
      'a.visibility',
      'a.published_at',
      'a.created_at',
      'a.updated_at',
      'a.version',
      'a.created_by',
      'a.source_session_id',
      'a.source_board_id',
      'a.source_card_id',
      sql<string | null>`private.pool_name(a.pool_id)`.as('pool_name'),
      sql<number>`private.advice_recognition_count(a.id)`.as('recognitions'),
      // The board it came from, if the viewer may read that board (the subquery runs under RLS too;
      // anon may not read boards at all, not even asked).
      (userId
        ? sql<string | null>`(select b.title from public.boards b where b.id = a.source_board_id)`
        : sql<string | null>`null`
      ).as('source_board_title'),
      // What the viewer may do, asked of the functions the update policies use (not re-decided here).
      sql<boolean>`coalesce(private.author_may_change(a.created_by, a.status, a.pool_id), false)`.as(
        'may_change_draft',
      ),
      sql<boolean>`coalesce(private.manages_for(a.pool_id, null), false)`.as('manages'),
    ])
    .where('a.id', '=', adviceId)
    .executeTakeFirst();
  if (!advice) return null;
  const [role, quotes, responses, comments, mine, addressees, coreIndicators, respondFor] = await Promise.all([
    userId
      ? tx
          .selectFrom('pool_memberships')
          .select('role')
          .where('pool_id', '=', advice.pool_id)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      : undefined,
    // RLS drops quotes whose member has withdrawn consent.
    tx
      .selectFrom('advice_quotes')
      .select(['id', 'body'])
      .where('advice_id', '=', adviceId)
      .orderBy('created_at')
      .execute(),
    tx
      .selectFrom('advice_responses as r')
      .innerJoin('municipalities as m', 'm.id', 'r.municipality_id')
      .select([
        'r.id',
        'r.municipality_id',
        'm.name as municipality',
        'r.decision',
        'r.explanation',
        'r.planned_action',
        'r.planned_on',
        'r.created_at',
      ])
      .where('r.advice_id', '=', adviceId)
      .orderBy('m.name')
      .orderBy('r.created_at', 'desc')
      .execute(),
    // Comments are the pool's (RLS); anon may not even look at pool_peers.
    userId
      ? tx
          .selectFrom('advice_comments as c')
          .leftJoin('pool_peers as p', (join) =>
            join.onRef('p.user_id', '=', 'c.author_id').on('p.pool_id', '=', advice.pool_id),
          )
          .select(['c.id', 'c.body', 'c.created_at', 'p.display_name as author'])
          .where('c.advice_id', '=', adviceId)
          .orderBy('c.created_at')
          .execute()
      : Promise.resolve([]),
    userId
      ? tx
          .selectFrom('advice_recognitions')
          .select('user_id')
          .where('advice_id', '=', adviceId)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      : undefined,
    describeAddressees(tx, advice.addressee_ids),
    tx
      .selectFrom('advice_core_indicators as l')
      .innerJoin('core_indicators as c', 'c.id', 'l.core_indicator_id')
      .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
      .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
      .innerJoin('municipalities as m', 'm.id', 'g.municipality_id')
      .leftJoin('data_sources as s', 's.id', 'c.source_id')
      .select([
        'c.id',
        'c.description',
        's.name as source',
        'o.title as output',
        'g.title as goal',
        'm.name as municipality',
      ])
      .where('l.advice_id', '=', adviceId)
      .execute(),
    userId
      ? municipalitiesThatMayRespond(tx, advice.id, userId)
      : Promise.resolve([] as { id: string; name: string }[]),
  ]);
  return {
    ...advice,
    insight: sanitizeRichText(advice.insight),
    myRole: role?.role ?? null,
    quotes,
    responses,
    comments,
    recognisedByMe: Boolean(mine),
    addressees,
    coreIndicators,
    respondFor,
  };
}
export type AdviceDetail = NonNullable<Awaited<ReturnType<typeof getAdvice>>>;

/** Names for the ids an advice is addressed to. */
async function describeAddressees(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ name: string }>`
    select name from public.regions where id = any(${ids}::uuid[])
    union all select name from public.municipalities where id = any(${ids}::uuid[])
    union all select name from public.organisations where id = any(${ids}::uuid[])
    order by name`.execute(tx);
  return rows.rows.map((r) => r.name);
}

/** The user's municipalities to which this published advice is addressed (they may respond for those). */
async function municipalitiesThatMayRespond(tx: Tx, adviceId: string, userId: string) {
  return tx
    .selectFrom('municipality_readers as r')
    .innerJoin('municipalities as m', 'm.id', 'r.municipality_id')
    .select(['m.id', 'm.name'])
    .where('r.user_id', '=', userId)
    .where(sql<boolean>`private.advice_addressed_to_municipality(${adviceId}, m.id)`)
    .orderBy('m.name')
    .execute();
}

export async function addComment(tx: Tx, adviceId: string, userId: string, body: string) {
  await tx.insertInto('advice_comments').values({ advice_id: adviceId, author_id: userId, body }).execute();
}

/** "I recognise this": on, or off again. */
export async function toggleRecognition(tx: Tx, adviceId: string, userId: string) {
  const removed = await tx
    .deleteFrom('advice_recognitions')
    .where('advice_id', '=', adviceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) {
    await tx.insertInto('advice_recognitions').values({ advice_id: adviceId, user_id: userId }).execute();
  }
}

/** Co-members of the advice's pool whose consent for quotes is in force: who may be quoted. */
export async function listQuotableMembers(tx: Tx, poolId: string) {
  return tx
    .selectFrom('pool_peers')
    .select(['user_id', 'display_name'])
    .$narrowType<{ user_id: NotNull; display_name: NotNull }>() // a view's columns, never null here
    .where('pool_id', '=', poolId)
    .where(sql<boolean>`private.has_consent(user_id, 'quotes_in_advice')`)
    .orderBy('display_name')
    .execute();
}

export async function addQuote(tx: Tx, adviceId: string, memberId: string, body: string) {
  await tx.insertInto('advice_quotes').values({ advice_id: adviceId, member_id: memberId, body }).execute();
}

export interface ResponseInput {
  municipalityId: string;
  decision: ResponseDecision;
  explanation: string;
  plannedAction: string;
  plannedOn: string | null;
}

/** A municipality's (new) response; earlier ones stay as its history. */
export async function respondToAdvice(tx: Tx, adviceId: string, userId: string, input: ResponseInput) {
  await tx
    .insertInto('advice_responses')
    .values({
      advice_id: adviceId,
      municipality_id: input.municipalityId,
      decision: input.decision,
      explanation: input.explanation,
      planned_action: input.plannedAction,
      planned_on: input.plannedOn,
      responded_by: userId,
    })
    .execute();
}

/** Every kept version of an advice, newest first (the pool and admins only). */
export async function listVersions(tx: Tx, adviceId: string, poolId: string) {
  // Co-members see each other's display name through pool_peers, not through profiles.
  return tx
    .selectFrom('advice_versions as v')
    .leftJoin('pool_peers as p', (join) => join.onRef('p.user_id', '=', 'v.edited_by').on('p.pool_id', '=', poolId))
    .select([
      'v.version',
      'v.title',
      'v.insight',
      'v.opportunities',
      'v.golden_tips',
      'v.created_at',
      'p.display_name as editor',
    ])
    .where('v.advice_id', '=', adviceId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function listSavedSearches(tx: Tx) {
  return tx.selectFrom('saved_searches').select(['id', 'name', 'query']).orderBy('created_at', 'desc').execute();
}

export async function saveSearch(tx: Tx, userId: string, name: string, query: string) {
  await tx.insertInto('saved_searches').values({ user_id: userId, name, query }).execute();
}

export async function removeSavedSearch(tx: Tx, id: string) {
  await tx.deleteFrom('saved_searches').where('id', '=', id).execute();
}

/**
 * What the advice form offers: the 14 indicators, what the pools' advice may be addressed to (and what
 * the advice is addressed to already) and municipalities' core indicators.
 */
export async function loadAdviceFormOptions(tx: Tx, poolIds: string[], currentAddressees: string[] = []) {
  const [indicators, addressees, coreIndicators] = await Promise.all([
    listIndicators(tx),
    listAddressees(tx, poolIds, currentAddressees),
    listAllCoreIndicators(tx),
  ]);
  return { indicators, addressees, coreIndicators };
}
