import { randomUUID } from 'node:crypto';
import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { SessionResponse, SessionStatus } from '~/db/types';
import type { EditSessionInput, PlanSessionInput } from './schema.server';
import { instantToWallClock, overlaps, wallClockToInstant, weeklyStarts } from './time';
import { HOME_TIME_ZONE } from '~/i18n/format';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why the database refused an answer; each is an i18n key under sessionErrors. */
export const REFUSALS = ['rsvp_closed', 'session_cancelled', 'not_invited', 'session_not_found'] as const;
export type Refusal = (typeof REFUSALS)[number];

export class SessionRefusal extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

interface Occurrence {
  starts_at: Date;
  ends_at: Date;
}

/**
 * The occurrences a plan describes, as UTC instants: one, weekly, or on chosen dates. Each keeps its
 * wall-clock start and end in `zone`, across daylight-saving changes.
 */
export function occurrencesOf(input: PlanSessionInput, zone: string): Occurrence[] {
  const onDate = (date: string) => ({
    starts_at: wallClockToInstant(date, input.startTime, zone),
    ends_at: wallClockToInstant(date, input.endTime, zone),
  });
  if (input.repeat === 'weekly') {
    const first = wallClockToInstant(input.date, input.startTime, zone);
    return weeklyStarts(first, input.occurrences ?? 1, zone).map((start) =>
      onDate(instantToWallClock(start, zone).date),
    );
  }
  if (input.repeat === 'dates') return [...new Set([input.date, ...input.extraDates])].sort().map(onDate);
  return [onDate(input.date)];
}

/** How long before its start a session stops taking answers (the same for every occurrence). */
function deadlineLead(input: { date: string; startTime: string; rsvpDeadline: string | null }, zone: string) {
  if (!input.rsvpDeadline) return null;
  const [date = '', time = ''] = input.rsvpDeadline.split('T');
  return (
    wallClockToInstant(input.date, input.startTime, zone).getTime() - wallClockToInstant(date, time, zone).getTime()
  );
}

/** Plans one session or a whole series and invites the pool (or the chosen members). Returns the ids. */
export async function planSessions(
  tx: Tx,
  args: { poolId: string; createdBy: string | null; input: PlanSessionInput; inviteeIds?: string[]; zone?: string },
): Promise<string[]> {
  const zone = args.zone ?? HOME_TIME_ZONE;
  const { input } = args;
  const occurrences = occurrencesOf(input, zone);
  const lead = deadlineLead(input, zone);
  const seriesId = occurrences.length > 1 ? randomUUID() : null;
  const rows = await tx
    .insertInto('sessions')
    .values(
      occurrences.map((o) => ({
        pool_id: args.poolId,
        series_id: seriesId,
        title: input.title,
        purpose: input.purpose,
        agenda: input.agenda,
        starts_at: o.starts_at,
        ends_at: o.ends_at,
        time_zone: zone,
        online_url: input.onlineUrl,
        location: input.location,
        languages: input.languages,
        interpreter: input.interpreter,
        capacity: input.capacity,
        rsvp_deadline: lead === null ? null : new Date(Math.min(o.starts_at.getTime() - lead, o.ends_at.getTime())),
        created_by: args.createdBy,
      })),
    )
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  for (const id of ids) await inviteMembers(tx, id, args.inviteeIds ?? 'all');
  return ids;
}

/** Invites the pool's members (all, or the chosen ones who are in the pool); already invited stay as they are. */
export async function inviteMembers(tx: Tx, sessionId: string, who: string[] | 'all'): Promise<number> {
  let members = tx
    .selectFrom('sessions')
    .innerJoin('pool_memberships', 'pool_memberships.pool_id', 'sessions.pool_id')
    .select(['sessions.id as session_id', 'pool_memberships.user_id'])
    .where('sessions.id', '=', sessionId)
    .where('pool_memberships.role', '=', 'member');
  if (who !== 'all') {
    if (who.length === 0) return 0;
    members = members.where('pool_memberships.user_id', 'in', who);
  }
  const result = await tx
    .insertInto('session_invitees')
    .columns(['session_id', 'user_id'])
    .expression(members)
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

const sessionColumns = [
  'sessions.id',
  'sessions.pool_id',
  'sessions.series_id',
  'sessions.title',
  'sessions.purpose',
  'sessions.starts_at',
  'sessions.ends_at',
  'sessions.online_url',
  'sessions.location',
  'sessions.status',
  'sessions.capacity',
] as const;

/**
 * Sessions the user may see between two instants, oldest first, with their own answer and how full
 * each is. Readers of a municipality get the pools serving them as title and date only (detail null).
 */
export async function listSessions(tx: Tx, userId: string, range: { from: Date; to: Date; poolId?: string }) {
  const rows = await tx
    .selectFrom('session_calendar as c')
    .innerJoin('pools', 'pools.id', 'c.pool_id')
    .leftJoin('sessions', 'sessions.id', 'c.id')
    .leftJoin('session_invitees as mine', (join) =>
      join.onRef('mine.session_id', '=', 'c.id').on('mine.user_id', '=', userId),
    )
    .leftJoin('session_tallies as tally', 'tally.session_id', 'c.id')
    .leftJoin('pool_memberships as membership', (join) =>
      join.onRef('membership.pool_id', '=', 'c.pool_id').on('membership.user_id', '=', userId),
    )
    .select([
      'c.id',
      'c.pool_id',
      'c.title',
      'c.starts_at',
      'c.ends_at',
      'c.status',
      'pools.name as pool_name',
      'sessions.id as detail_id',
      'sessions.online_url',
      'sessions.location',
      'sessions.capacity',
      'mine.response as my_response',
      'membership.role as my_role',
      'tally.yes',
      'tally.waiting',
    ])
    // The view's columns are the session's own, which are never null (Postgres types view columns as nullable).
    .$narrowType<{
      id: NotNull;
      pool_id: NotNull;
      title: NotNull;
      starts_at: NotNull;
      ends_at: NotNull;
      status: SessionStatus;
    }>()
    .where('c.starts_at', '<', range.to)
    .where('c.ends_at', '>', range.from)
    .$if(range.poolId !== undefined, (query) => query.where('c.pool_id', '=', range.poolId!))
    .orderBy('c.starts_at')
    .execute();
  return rows.map(({ detail_id, ...row }) => ({ ...row, detailed: detail_id !== null }));
}

export type ListedSession = Awaited<ReturnType<typeof listSessions>>[number];

/**
 * Marks sessions that overlap another one the viewer is involved in (their pools or invitations):
 * a coordinator of two pools sees when both meet at once. Cancelled sessions never clash.
 */
export function flagClashes<T extends ListedSession>(sessions: T[]): (T & { clashes: boolean })[] {
  const live = sessions.filter((s) => s.status === 'scheduled' && s.my_role !== null);
  return sessions.map((s) => ({
    ...s,
    clashes: s.status === 'scheduled' && s.my_role !== null && live.some((o) => o.id !== s.id && overlaps(s, o)),
  }));
}

/** One session with what this user may see of it: everything for its pool, names only for coordinators. */
export async function getSession(tx: Tx, sessionId: string, userId: string) {
  const session = await tx
    .selectFrom('sessions')
    .innerJoin('pools', 'pools.id', 'sessions.pool_id')
    .leftJoin('pool_memberships as membership', (join) =>
      join.onRef('membership.pool_id', '=', 'sessions.pool_id').on('membership.user_id', '=', userId),
    )
    .leftJoin('session_invitees as mine', (join) =>
      join.onRef('mine.session_id', '=', 'sessions.id').on('mine.user_id', '=', userId),
    )
    .leftJoin('session_tallies as tally', 'tally.session_id', 'sessions.id')
    .selectAll('sessions')
    .select([
      'pools.name as pool_name',
      'membership.role as my_role',
      'mine.response as my_response',
      'mine.reason as my_reason',
      'mine.user_id as invited',
      'tally.yes',
      'tally.maybe',
      'tally.no',
      'tally.waiting',
      'tally.invited as invited_count',
      sql<boolean>`private.is_admin()`.as('is_admin'),
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!session) return null;
  const [invitees, changes, seriesCount, advices, boards] = await Promise.all([
    listInvitees(tx, sessionId),
    tx
      .selectFrom('session_changes')
      .select(['kind', 'reason', 'previous_starts_at', 'created_at'])
      .where('session_id', '=', sessionId)
      .orderBy('created_at', 'desc')
      .execute(),
    session.series_id
      ? tx
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('series_id', '=', session.series_id)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n))
      : Promise.resolve(1),
    // What came out of it: advice drafts the advice register linked to this session (RLS filters).
    tx
      .selectFrom('advices')
      .select(['id', 'title', 'status'])
      .where('source_session_id', '=', sessionId)
      .orderBy('created_at')
      .execute(),
    // The boards opened for it (RLS: those the viewer may read).
    tx.selectFrom('boards').select(['id', 'title']).where('session_id', '=', sessionId).orderBy('created_at').execute(),
  ]);
  return {
    ...session,
    can_manage: session.my_role === 'coordinator' || session.is_admin,
    invitees,
    changes,
    series_count: seriesCount,
    advices,
    boards,
  };
}

/**
 * A session as its invitation shows it to one invitee (the mail, its calendar object, the answer
 * link's page): what a calendar shows, the deadline, and the invitee's own answer; `invited` is null
 * when they are not invited. Null when the reader may not see the session (RLS).
 */
export async function getSessionInvitation(tx: Tx, sessionId: string, userId: string) {
  const session = await tx
    .selectFrom('sessions')
    .innerJoin('pools', 'pools.id', 'sessions.pool_id')
    .leftJoin('session_invitees as mine', (join) =>
      join.onRef('mine.session_id', '=', 'sessions.id').on('mine.user_id', '=', userId),
    )
    .select([
      ...sessionColumns,
      'sessions.version',
      'sessions.rsvp_deadline',
      'sessions.time_zone',
      'pools.name as pool_name',
      'mine.user_id as invited',
      'mine.response as my_response',
      'mine.reason as my_reason',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  return session ?? null;
}

/** Whether a session still takes answers now; the database (answer_session) decides the same way. */
export const takesAnswers = (
  s: { status: SessionStatus; rsvp_deadline: Date | null; starts_at: Date },
  now = new Date(),
) => s.status === 'scheduled' && (s.rsvp_deadline ?? s.starts_at) > now;

/** What a page that points at a session shows of it; null when the viewer may not see the session. */
export async function getSessionSummary(tx: Tx, sessionId: string) {
  const session = await tx
    .selectFrom('sessions')
    .select(['id', 'pool_id', 'title', 'starts_at', 'ends_at', 'status', 'online_url', 'location'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return session ?? null;
}

/** Invitees with names, ordered by answer, the waiting list in its order. RLS shows a member only themselves. */
export async function listInvitees(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('session_invitees as i')
    .innerJoin('profiles', 'profiles.id', 'i.user_id')
    .select([
      'i.user_id',
      'profiles.display_name',
      'i.response',
      'i.reason',
      'i.responded_at',
      'i.attended',
      'i.allowance_cents',
    ])
    .where('i.session_id', '=', sessionId)
    .orderBy(
      sql`case i.response when 'yes' then 0 when 'waiting' then 1 when 'maybe' then 2 when 'no' then 4 else 3 end`,
    )
    .orderBy('i.responded_at')
    .orderBy('profiles.display_name')
    .execute();
}

/** The member's own answer; full sessions put a yes on the waiting list. Refusals become SessionRefusal. */
export async function answerSession(
  tx: Tx,
  sessionId: string,
  answer: 'yes' | 'maybe' | 'no',
  reason: string,
): Promise<SessionResponse> {
  try {
    const { rows } = await sql<{ result: SessionResponse }>`
      select private.answer_session(${sessionId}::uuid, ${answer}, ${reason}) as result`.execute(tx);
    return rows[0]!.result;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const refusal = REFUSALS.find((r) => message.includes(r));
    if (refusal) throw new SessionRefusal(refusal);
    throw error;
  }
}

export type EditResult = { ok: true; moved: boolean } | { ok: false; conflict: true };

/**
 * Saves an edit made from `input.version`. When someone else saved in between, nothing changes and
 * the caller gets a conflict (the editor keeps what they typed). With scope 'following', the later
 * occurrences of the series take the same details and wall-clock times (and the same day shift).
 */
export async function editSession(
  tx: Tx,
  sessionId: string,
  input: EditSessionInput,
  userId: string,
): Promise<EditResult> {
  const current = await tx
    .selectFrom('sessions')
    .select(['id', 'series_id', 'starts_at', 'time_zone', 'status'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!current) return { ok: false, conflict: true };
  const zone = current.time_zone;
  const oldDate = instantToWallClock(current.starts_at, zone).date;
  const dayShift = Math.round((Date.parse(input.date) - Date.parse(oldDate)) / DAY_MS);
  const lead = deadlineLead(input, zone);

  const targets = [{ id: sessionId, date: input.date, version: input.version as number | null }];
  if (input.scope === 'following' && current.series_id) {
    const later = await tx
      .selectFrom('sessions')
      .select(['id', 'starts_at'])
      .where('series_id', '=', current.series_id)
      .where('starts_at', '>', current.starts_at)
      .where('status', '=', 'scheduled')
      .orderBy('starts_at')
      .execute();
    for (const s of later) {
      const date = new Date(Date.parse(instantToWallClock(s.starts_at, zone).date) + dayShift * DAY_MS);
      targets.push({ id: s.id, date: date.toISOString().slice(0, 10), version: null });
    }
  }

  let moved = false;
  for (const target of targets) {
    const startsAt = wallClockToInstant(target.date, input.startTime, zone);
    const endsAt = wallClockToInstant(target.date, input.endTime, zone);
    const before = await tx
      .selectFrom('sessions')
      .select('starts_at')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    let update = tx
      .updateTable('sessions')
      .set((eb) => ({
        title: input.title,
        purpose: input.purpose,
        agenda: input.agenda,
        starts_at: startsAt,
        ends_at: endsAt,
        online_url: input.onlineUrl,
        location: input.location,
        languages: input.languages,
        interpreter: input.interpreter,
        capacity: input.capacity,
        rsvp_deadline: lead === null ? null : new Date(Math.min(startsAt.getTime() - lead, endsAt.getTime())),
        ...(target.id === sessionId ? { notes: input.notes } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', target.id);
    if (target.version !== null) update = update.where('version', '=', target.version);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      if (target.id === sessionId) return { ok: false, conflict: true };
      continue;
    }
    if (before.starts_at.getTime() !== startsAt.getTime()) {
      moved = true;
      await tx
        .insertInto('session_changes')
        .values({
          session_id: target.id,
          kind: 'moved',
          reason: input.reason,
          previous_starts_at: before.starts_at,
          created_by: userId,
        })
        .execute();
    }
  }
  return { ok: true, moved };
}

/** Cancels a session with a reason; every invitee is told (a job queued by the database). */
export async function cancelSession(tx: Tx, sessionId: string, reason: string, userId: string): Promise<boolean> {
  const cancelled = await tx
    .updateTable('sessions')
    .set((eb) => ({
      status: 'cancelled',
      cancel_reason: reason,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', sessionId)
    .where('status', '=', 'scheduled')
    .returning('starts_at')
    .executeTakeFirst();
  if (!cancelled) return false;
  await tx
    .insertInto('session_changes')
    .values({
      session_id: sessionId,
      kind: 'cancelled',
      reason,
      previous_starts_at: cancelled.starts_at,
      created_by: userId,
    })
    .execute();
  return true;
}

export interface AttendanceEntry {
  userId: string;
  attended: boolean;
  allowanceCents: number | null;
}

/** Who came (and any travel/volunteer allowance). RLS lets only the session's coordinators write it. */
export async function recordAttendance(tx: Tx, sessionId: string, entries: AttendanceEntry[]): Promise<number> {
  let changed = 0;
  for (const entry of entries) {
    const result = await tx
      .updateTable('session_invitees')
      .set({ attended: entry.attended, allowance_cents: entry.allowanceCents })
      .where('session_id', '=', sessionId)
      .where('user_id', '=', entry.userId)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}

/** Pools the user coordinates (where they can plan sessions). */
export async function listCoordinatedPools(tx: Tx, userId: string) {
  return tx
    .selectFrom('pools')
    .innerJoin('pool_memberships', 'pool_memberships.pool_id', 'pools.id')
    .select(['pools.id', 'pools.name'])
    .where('pool_memberships.user_id', '=', userId)
    .where('pool_memberships.role', '=', 'coordinator')
    .orderBy('pools.name')
    .execute();
}

/** The members a coordinator can invite to a new session of the pool. */
export async function listPoolMembers(tx: Tx, poolId: string) {
  return tx
    .selectFrom('pool_peers')
    .select(['user_id', 'display_name'])
    .$narrowType<{ user_id: NotNull; display_name: NotNull }>() // a view's columns, never null here
    .where('pool_id', '=', poolId)
    .where('role', '=', 'member')
    .orderBy('display_name')
    .execute();
}

/** The sessions a personal feed shows: those the person is invited to, from three months back. */
export async function listFeedSessions(tx: Tx, userId: string) {
  return tx
    .selectFrom('sessions')
    .innerJoin('session_invitees as mine', 'mine.session_id', 'sessions.id')
    .innerJoin('pools', 'pools.id', 'sessions.pool_id')
    .select([...sessionColumns, 'sessions.version', 'sessions.updated_at', 'pools.name as pool_name'])
    .where('mine.user_id', '=', userId)
    .where('sessions.starts_at', '>', new Date(Date.now() - 90 * DAY_MS))
    .orderBy('sessions.starts_at')
    .execute();
}

/** Whether the user may plan sessions for the pool (its coordinator, or an admin): for a clear 403. */
export async function canPlanFor(tx: Tx, poolId: string): Promise<boolean> {
  const { rows } = await sql<{ allowed: boolean }>`
    select private.is_pool_coordinator(${poolId}::uuid) or private.is_admin() as allowed`.execute(tx);
  return rows[0]?.allowed ?? false;
}

/** Queues a reminder to go out now; the database refuses anyone but the session's coordinators. */
export async function requestReminder(tx: Tx, sessionId: string): Promise<void> {
  await sql`select private.request_session_reminder(${sessionId}::uuid)`.execute(tx);
}
