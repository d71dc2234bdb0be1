import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { escapeLike } from '~/db/like.server';
import type { ProcessPart, SignalStatus } from '~/db/types';
import type { Locale } from '~/i18n/locales';
import { newSignalReference } from './reference.server';

/** Whether `error` is a unique violation of this constraint or index (Postgres names it in `constraint`). */
const violates = (error: unknown, constraint: string) =>
  (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

/** The day a signal came in as yyyy-mm-dd: drivers turn a date into a midnight Date in their own zone. */
export const receivedOn = sql<string>`to_char(signals.received_on, 'YYYY-MM-DD')`.as('received_on');

/** Retries the rare clash of two random references, each try in a savepoint so a clash does not abort the transaction. */
async function withFreshReference<T>(tx: Tx, work: (reference: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await sql`savepoint new_reference`.execute(tx);
    try {
      const result = await work(newSignalReference());
      await sql`release savepoint new_reference`.execute(tx);
      return result;
    } catch (error) {
      await sql`rollback to savepoint new_reference`.execute(tx);
      if (!violates(error, 'signals_reference_key') || attempt >= 3) throw error;
    }
  }
}

export interface PublicSignalInput {
  body: string;
  language: Locale;
  municipalityId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** A newcomer's question from the public form (as anon, through the database function). */
export function submitPublicSignal(tx: Tx, input: PublicSignalInput): Promise<string> {
  const hasContact = Boolean(input.email || input.phone);
  return withFreshReference(tx, async (reference) => {
    const { rows } = await sql<{ reference: string }>`
      select private.submit_public_signal(${reference}, ${input.body}, ${input.language}, ${input.municipalityId},
        ${hasContact ? input.name : null}, ${input.email}, ${input.phone}) as reference`.execute(tx);
    return rows[0]!.reference;
  });
}

export interface LoggedSignalInput {
  body: string;
  channel: string;
  receivedOn: string;
  municipalityId: string | null;
  language: string;
  email: string | null;
  phone: string | null;
}

/** A signal a member or coordinator logs; RLS allows it only for a region they work in. */
export async function logSignal(tx: Tx, userId: string, input: LoggedSignalInput): Promise<string> {
  const { id } = await withFreshReference(tx, (reference) =>
    tx
      .insertInto('signals')
      .values({
        reference,
        channel: input.channel as 'helpdesk',
        received_on: input.receivedOn,
        municipality_id: input.municipalityId,
        language: input.language,
        body: input.body,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  if (input.email || input.phone) {
    await tx.insertInto('signal_contacts').values({ signal_id: id, email: input.email, phone: input.phone }).execute();
  }
  return id;
}

/**
 * "Make signal" on a board card (issue 8): a signal of channel `board_card` in the board's pool's
 * region, dated on the board's session day when it has one (today otherwise), linked to the board and
 * card. One signal per card: a second request returns the first. RLS allows it only for people of the
 * board's own pool (and admins). Returns null when the board is not visible.
 */
export async function logSignalFromBoardCard(
  tx: Tx,
  userId: string,
  input: { boardId: string; cardId: string; body: string; language: string },
): Promise<{ id: string } | null> {
  const existing = () =>
    tx
      .selectFrom('signals')
      .select('id')
      .where('source_board_id', '=', input.boardId)
      .where('source_card_id', '=', input.cardId)
      .executeTakeFirst();
  const earlier = await existing();
  if (earlier) return earlier;
  const source = await tx
    .selectFrom('boards')
    .innerJoin('pools', 'pools.id', 'boards.pool_id')
    .leftJoin('sessions', 'sessions.id', 'boards.session_id')
    .select([
      'pools.region_id',
      sql<string | null>`to_char(sessions.starts_at at time zone sessions.time_zone, 'YYYY-MM-DD')`.as('session_day'),
    ])
    .where('boards.id', '=', input.boardId)
    .executeTakeFirst();
  if (!source) return null;
  try {
    return await withFreshReference(tx, (reference) =>
      tx
        .insertInto('signals')
        .values({
          reference,
          channel: 'board_card',
          ...(source.session_day ? { received_on: source.session_day } : {}),
          region_id: source.region_id,
          language: input.language,
          body: input.body.slice(0, 4000),
          source_board_id: input.boardId,
          source_card_id: input.cardId,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  } catch (error) {
    // Two clicks at once: the other request made it first.
    if (violates(error, 'signals_source_card_idx')) return (await existing()) ?? null;
    throw error;
  }
}

export interface InboxFilters {
  status?: SignalStatus | 'open';
  regionId?: string;
  municipalityId?: string;
  indicator?: string;
  /** yyyy-mm: signals received in that month */
  month?: string;
  q?: string;
  page?: number;
}

export const INBOX_PAGE_SIZE = 50;

/** The triage inbox: newest first, the signals RLS lets this person work on. */
export async function listInbox(tx: Tx, filters: InboxFilters) {
  let query = tx
    .selectFrom('signals')
    .leftJoin('municipalities', 'municipalities.id', 'signals.municipality_id')
    .leftJoin('regions', 'regions.id', 'signals.region_id')
    .select([
      'signals.id',
      'signals.reference',
      'signals.channel',
      receivedOn,
      'signals.language',
      'signals.status',
      sql<string>`left(signals.body, 160)`.as('excerpt'),
      'municipalities.name as municipality_name',
      'regions.name as region_name',
      sql<string[]>`coalesce((select array_agg(si.indicator_code order by si.indicator_code)
        from public.signal_indicators si where si.signal_id = signals.id), '{}')`.as('indicators'),
    ]);
  if (filters.status === 'open') query = query.where('signals.status', 'in', ['new', 'triaged']);
  else if (filters.status) query = query.where('signals.status', '=', filters.status);
  if (filters.regionId) query = query.where('signals.region_id', '=', filters.regionId);
  if (filters.municipalityId) query = query.where('signals.municipality_id', '=', filters.municipalityId);
  if (filters.indicator) {
    const code = filters.indicator;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('signal_indicators')
          .select('signal_id')
          .whereRef('signal_indicators.signal_id', '=', 'signals.id')
          .where('signal_indicators.indicator_code', '=', code),
      ),
    );
  }
  if (filters.month) {
    query = query
      .where('signals.received_on', '>=', `${filters.month}-01`)
      .where(sql<boolean>`signals.received_on < (${`${filters.month}-01`}::date + interval '1 month')`);
  }
  if (filters.q) query = query.where('signals.body', 'ilike', `%${escapeLike(filters.q)}%`);
  const page = Math.max(1, filters.page ?? 1);
  const rows = await query
    .orderBy('signals.received_on', 'desc')
    .orderBy('signals.created_at', 'desc')
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, INBOX_PAGE_SIZE), page, hasMore: rows.length > INBOX_PAGE_SIZE };
}

/** One signal with its tags, contact (only when RLS shows it: the region's coordinators) and evidence. */
export async function getSignal(tx: Tx, signalId: string) {
  const signal = await tx
    .selectFrom('signals')
    .leftJoin('municipalities', 'municipalities.id', 'signals.municipality_id')
    .leftJoin('regions', 'regions.id', 'signals.region_id')
    .leftJoin('signals as target', 'target.id', 'signals.merged_into')
    .select([
      'signals.id',
      'signals.reference',
      'signals.channel',
      receivedOn,
      'signals.language',
      'signals.body',
      'signals.status',
      'signals.process_parts',
      'signals.answer',
      'signals.answered_at',
      'signals.contact_removed_at',
      'signals.region_id',
      'municipalities.name as municipality_name',
      'regions.name as region_name',
      'target.reference as merged_into_reference',
      'target.id as merged_into_id',
    ])
    .where('signals.id', '=', signalId)
    .executeTakeFirst();
  if (!signal) return null;
  const [indicators, contact, links, coordinates] = await Promise.all([
    tx.selectFrom('signal_indicators').select('indicator_code').where('signal_id', '=', signalId).execute(),
    tx
      .selectFrom('signal_contacts')
      .select(['name', 'email', 'phone'])
      .where('signal_id', '=', signalId)
      .executeTakeFirst(),
    tx
      .selectFrom('signal_advice_links')
      .innerJoin('advices', 'advices.id', 'signal_advice_links.advice_id')
      .select([
        'advices.id',
        'advices.title',
        sql<number>`(select signal_count from private.advice_evidence(advices.id))`.as('signal_count'),
        sql<number>`(select member_count from private.advice_evidence(advices.id))`.as('member_count'),
      ])
      .where('signal_advice_links.signal_id', '=', signalId)
      .orderBy('advices.title')
      .execute(),
    sql<{ ok: boolean }>`select private.coordinates_signal(${signalId}) as ok`.execute(tx),
  ]);
  return {
    ...signal,
    indicators: indicators.map((i) => i.indicator_code),
    contact: contact ?? null,
    hasContactAccess: coordinates.rows[0]?.ok ?? false,
    evidenceFor: links,
  };
}

export type SignalDetail = NonNullable<Awaited<ReturnType<typeof getSignal>>>;

/**
 * Indicators whose keywords (admin-kept, per language) occur as whole words in the signal's text
 * ("werk" does not fire on "werkt"): a suggestion the
 * person confirms, never a tag by itself. Signals in a language with no list yet (a new interface language,
 * or an older signal's other language) are matched against all lists.
 */
export async function suggestIndicators(tx: Tx, signalId: string) {
  const { rows } = await sql<{ indicator_code: string; keywords: string[] }>`
    select k.indicator_code, array_agg(k.keyword order by k.keyword) as keywords
    from public.signals s
    join public.indicator_keywords k
      on (k.language = s.language
          or not exists (select from public.indicator_keywords own where own.language = s.language))
     and lower(s.body) ~ ('\\m' || regexp_replace(k.keyword, '([.*+?^$(){}|\\[\\]\\\\])', '\\\\\\1', 'g') || '\\M')
    where s.id = ${signalId}
    group by k.indicator_code`.execute(tx);
  return rows;
}

/** Replaces the signal's indicator and process-part tags and marks it triaged. */
export async function tagSignal(
  tx: Tx,
  userId: string,
  signalId: string,
  tags: { indicators: string[]; parts: ProcessPart[] },
): Promise<boolean> {
  const updated = await tx
    .updateTable('signals')
    .set({
      process_parts: tags.parts,
      status: sql`case when status = 'new' then 'triaged' else status end`,
      updated_at: new Date(),
    })
    .where('id', '=', signalId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await tx.deleteFrom('signal_indicators').where('signal_id', '=', signalId).execute();
  if (tags.indicators.length > 0) {
    await tx
      .insertInto('signal_indicators')
      .values(tags.indicators.map((code) => ({ signal_id: signalId, indicator_code: code, tagged_by: userId })))
      .execute();
  }
  return true;
}

/** Records the answer; returns where to send it (the e-mail address only the coordinators can read). */
export async function answerSignal(tx: Tx, userId: string, signalId: string, answer: string) {
  const row = await tx
    .updateTable('signals')
    .set({ answer, answered_at: new Date(), answered_by: userId, status: 'answered', updated_at: new Date() })
    .where('id', '=', signalId)
    .where('status', '<>', 'merged')
    .returning(['reference', 'language'])
    .executeTakeFirst();
  if (!row) return null;
  const contact = await tx
    .selectFrom('signal_contacts')
    .select('email')
    .where('signal_id', '=', signalId)
    .executeTakeFirst();
  return { ...row, email: contact?.email ?? null };
}

export async function setSignalStatus(tx: Tx, signalId: string, status: 'closed' | 'triaged'): Promise<boolean> {
  const result = await tx
    .updateTable('signals')
    .set({ status, updated_at: new Date() })
    .where('id', '=', signalId)
    .where('status', '<>', 'merged')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Merges a duplicate into the signal with the given reference: its indicators and evidence links
 * move over, the duplicate stays (marked merged) so its reference still leads somewhere.
 */
export async function mergeSignal(tx: Tx, userId: string, signalId: string, targetReference: string) {
  const target = await tx
    .selectFrom('signals')
    .select(['id', 'status'])
    .where('reference', '=', targetReference)
    .executeTakeFirst();
  if (!target || target.id === signalId || target.status === 'merged') return null;
  const moved = await tx
    .updateTable('signals')
    .set({ status: 'merged', merged_into: target.id, updated_at: new Date() })
    .where('id', '=', signalId)
    .where('status', '<>', 'merged')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return null;
  await sql`
    insert into public.signal_indicators (signal_id, indicator_code, tagged_by)
    select ${target.id}, indicator_code, ${userId} from public.signal_indicators where signal_id = ${signalId}
    on conflict do nothing`.execute(tx);
  await sql`
    insert into public.signal_advice_links (signal_id, advice_id, linked_by)
    select ${target.id}, advice_id, ${userId} from public.signal_advice_links where signal_id = ${signalId}
    on conflict do nothing`.execute(tx);
  return target.id;
}

/** Advice this person can read (RLS) that a signal could support, the signal's region's pools first. */
export async function listLinkableAdvices(tx: Tx, signalId: string) {
  return tx
    .selectFrom('advices')
    .innerJoin('pools', 'pools.id', 'advices.pool_id')
    .select([
      'advices.id',
      'advices.title',
      'advices.status',
      sql<Date>`coalesce(advices.published_at, advices.created_at)`.as('dated'),
      'pools.name as pool_name',
      sql<number>`(select signal_count from private.advice_evidence(advices.id))`.as('signal_count'),
    ])
    .where('advices.status', '<>', 'withdrawn')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('signal_advice_links')
            .select('advice_id')
            .whereRef('signal_advice_links.advice_id', '=', 'advices.id')
            .where('signal_advice_links.signal_id', '=', signalId),
        ),
      ),
    )
    .orderBy(
      sql`pools.region_id is not distinct from (select region_id from public.signals where id = ${signalId})`,
      'desc',
    )
    .orderBy('advices.title')
    .limit(200)
    .execute();
}

export async function linkEvidence(tx: Tx, userId: string, signalId: string, adviceId: string): Promise<void> {
  await tx
    .insertInto('signal_advice_links')
    .values({ signal_id: signalId, advice_id: adviceId, linked_by: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** How many signals and members support an advice, for the advice register's page. */
export async function adviceEvidence(tx: Tx, adviceId: string): Promise<{ signals: number; members: number }> {
  const { rows } = await sql<{ signal_count: number; member_count: number }>`
    select signal_count, member_count from private.advice_evidence(${adviceId})`.execute(tx);
  return { signals: rows[0]?.signal_count ?? 0, members: rows[0]?.member_count ?? 0 };
}
