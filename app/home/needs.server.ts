import { TZDate } from '@date-fns/tz';
import { addDays, differenceInDays, endOfDay, startOfDay, subDays } from 'date-fns';
import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';

// The response term and when an invitation is "stuck" are written once, in SQL
// (private.response_term(), private.stuck_invitation_age()): the daily notification events use them too.
/** "New" and "recent" on the home page: the last 30 days. */
const RECENT_DAYS = 30;
/** Each list shows the first few; its count says how many there are in all. */
const SHOWN = 6;

const daysSince = (from: Date, now: Date) => Math.max(0, differenceInDays(now, from));

/**
 * Counting stops here and the page says "99+": counting all of a national admin's overdue advice was
 * most of their home page's database time.
 */
const COUNTED = 99;

interface Listed<T> {
  items: T[];
  /** How many there are, up to the count's limit. */
  total: number;
  /** There are more than `total`. */
  atLeast: boolean;
}
/**
 * A list's first few rows and how many there are, up to a limit: each query asks the database for one
 * row more than it counts (`limit`), which an index scan stops at, rather than `count(*) over ()` of
 * every row (a coordinator's "overdue advice" is thousands of rows at national scale, and the page shows six).
 */
interface Few {
  limit: number;
  listed<T>(rows: T[]): Listed<T>;
}

/**
 * "Does the viewer manage this pool?" as manages_for(pool, null) answers it, asked once per statement
 * (is_admin() and the pools they coordinate as InitPlans) rather than through a function call per row.
 */
const managesPool = (column: string) =>
  sql<boolean>`((select private.is_admin()) or ${sql.ref(column)} = any ((select private.coordinated_pool_ids())::uuid[]))`;

export interface Standing {
  isAdmin: boolean;
  isCoordinator: boolean;
  /** A pool's coordinator may hold the role through the membership alone, without the organisation role. */
  coordinatesAPool: boolean;
  readsForMunicipalities: boolean;
}

/**
 * What waits for this person, per role, each item something to click. Every query runs under the
 * person's own rights (RLS), so an admin's "pools I coordinate" is every pool and a coordinator sees
 * only what their regions and pools let them see; the role flags only decide which lists to ask for.
 */
export async function whatNeedsMe(
  tx: Tx,
  userId: string,
  standing: Standing,
  zone: string,
  { now = new Date(), shown = SHOWN, counted = COUNTED }: { now?: Date; shown?: number; counted?: number } = {},
) {
  const few: Few = {
    limit: counted + 1,
    listed: (rows) => ({
      items: rows.slice(0, shown),
      total: Math.min(rows.length, counted),
      atLeast: rows.length > counted,
    }),
  };
  const manages = standing.isAdmin || standing.isCoordinator || standing.coordinatesAPool;
  const [toAnswer, today, inReview, responses, coordinator, reader] = await Promise.all([
    sessionsToAnswer(few, tx, userId, now),
    sessionsToday(few, tx, userId, zone, now),
    adviceInReview(few, tx, userId),
    responsesToMyAdvice(few, tx, userId, now),
    manages ? coordinatorNeeds(few, tx, standing.isAdmin, now) : null,
    standing.readsForMunicipalities ? readerNeeds(few, tx, userId, now) : null,
  ]);
  return { member: { toAnswer, today, inReview, responses }, coordinator, reader };
}

export type Needs = Awaited<ReturnType<typeof whatNeedsMe>>;

async function sessionsToAnswer({ limit, listed }: Few, tx: Tx, userId: string, now: Date) {
  const rows = await tx
    .selectFrom('session_invitees as i')
    .innerJoin('sessions as s', 's.id', 'i.session_id')
    .innerJoin('pools as p', 'p.id', 's.pool_id')
    .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 's.time_zone', 's.rsvp_deadline', 'p.name as pool'])
    .where('i.user_id', '=', userId)
    .where('i.response', 'is', null)
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now)
    .where((eb) => eb.or([eb('s.rsvp_deadline', 'is', null), eb('s.rsvp_deadline', '>', now)]))
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
  return listed(rows);
}

/** Today's sessions (on the viewer's calendar) I go to or run, with the board and the meeting link. */
async function sessionsToday({ limit, listed }: Few, tx: Tx, userId: string, zone: string, now: Date) {
  const local = new TZDate(now.getTime(), zone);
  const rows = await tx
    .selectFrom('sessions as s')
    .innerJoin('pools as p', 'p.id', 's.pool_id')
    .leftJoin('session_invitees as i', (join) => join.onRef('i.session_id', '=', 's.id').on('i.user_id', '=', userId))
    .select([
      's.id',
      's.title',
      's.starts_at',
      's.ends_at',
      's.time_zone',
      's.online_url',
      's.location',
      'p.name as pool',
      sql<string | null>`(select b.id from public.boards b where b.session_id = s.id order by b.created_at limit 1)`.as(
        'board_id',
      ),
    ])
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '<=', new Date(endOfDay(local).getTime()))
    .where('s.ends_at', '>=', new Date(startOfDay(local).getTime()))
    .where((eb) =>
      eb.or([
        eb.and([eb('i.user_id', 'is not', null), eb.or([eb('i.response', 'is', null), eb('i.response', '!=', 'no')])]),
        sql<boolean>`private.is_pool_coordinator(s.pool_id)`,
      ]),
    )
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
  return listed(rows);
}

/** Advice waiting for review in my pools: others' drafts for members, every one for the pool's coordinators. */
async function adviceInReview({ limit, listed }: Few, tx: Tx, userId: string) {
  const rows = await tx
    .selectFrom('advices as a')
    .innerJoin('pools as p', 'p.id', 'a.pool_id')
    .select(['a.id', 'a.title', 'a.updated_at', 'p.name as pool'])
    .where('a.status', '=', 'in_review')
    // My pools and the pools I coordinate, each asked once per statement. Written as `array[…] <@` so
    // the few advices in review are found by status, not by reading every advice of my pools.
    .where(sql<boolean>`array[a.pool_id] <@ (select private.my_pool_ids())`)
    .where((eb) =>
      eb.or([
        eb('a.created_by', 'is', null),
        eb('a.created_by', '!=', userId),
        sql<boolean>`a.pool_id = any ((select private.coordinated_pool_ids())::uuid[])`,
      ]),
    )
    .orderBy('a.updated_at')
    .limit(limit)
    .execute();
  return listed(rows);
}

/** What municipalities answered, lately, to advice I wrote or edited. */
async function responsesToMyAdvice({ limit, listed }: Few, tx: Tx, userId: string, now: Date) {
  const rows = await tx
    .selectFrom('advice_responses as r')
    .innerJoin('advices as a', 'a.id', 'r.advice_id')
    .innerJoin('municipalities as m', 'm.id', 'r.municipality_id')
    .select(['r.id', 'a.id as advice_id', 'a.title', 'r.decision', 'r.created_at', 'm.name as municipality'])
    .where('r.created_at', '>', subDays(now, RECENT_DAYS))
    .where((eb) =>
      eb.or([
        eb('a.created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('advice_versions as v')
            .select(sql`1`.as('one'))
            .whereRef('v.advice_id', '=', 'a.id')
            .where('v.edited_by', '=', userId),
        ),
      ]),
    )
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
  return listed(rows);
}

async function coordinatorNeeds({ limit, listed }: Few, tx: Tx, admin: boolean, now: Date) {
  const [attendance, unanswered, signals, overdue, invitations] = await Promise.all([
    // Sessions of the last month where someone said yes and nobody recorded whether they came.
    tx
      .selectFrom('sessions as s')
      .innerJoin('pools as p', 'p.id', 's.pool_id')
      .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 's.time_zone', 'p.name as pool'])
      .where('s.status', '=', 'scheduled')
      .where('s.ends_at', '<', now)
      .where('s.ends_at', '>', subDays(now, RECENT_DAYS))
      .where(managesPool('s.pool_id'))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('session_invitees as i')
            .select(sql`1`.as('one'))
            .whereRef('i.session_id', '=', 's.id')
            .where('i.response', '=', 'yes')
            .where('i.attended', 'is', null),
        ),
      )
      .orderBy('s.starts_at', 'desc')
      .limit(limit)
      .execute(),
    // The next two weeks' sessions with invitees who have not answered yet.
    tx
      .selectFrom('sessions as s')
      .innerJoin('pools as p', 'p.id', 's.pool_id')
      .innerJoin('session_invitees as i', 'i.session_id', 's.id')
      .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 's.time_zone', 'p.name as pool'])
      .select((eb) => eb.fn.countAll<number>().as('unanswered'))
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '>', now)
      .where('s.starts_at', '<', addDays(now, 14))
      .where('i.response', 'is', null)
      .where(managesPool('s.pool_id'))
      .groupBy(['s.id', 'p.name'])
      .orderBy('s.starts_at')
      .limit(limit)
      .execute(),
    // New signals in my regions (RLS: a coordinator sees the regions an admin assigned).
    tx
      .selectFrom('signals as s')
      .select(['s.id', 's.reference', 's.received_on', sql<string>`left(s.body, 140)`.as('excerpt')])
      .where('s.status', '=', 'new')
      // coordinates_signal(s.id)'s test, with its lookups once per statement rather than per signal.
      .where(
        admin
          ? sql<boolean>`true`
          : sql<boolean>`(s.region_id = any ((select private.my_coordinated_regions())::uuid[])
              or (s.region_id is null and (select private.in_national_pool('coordinator'))))`,
      )
      .orderBy('s.created_at')
      .limit(limit)
      .execute(),
    // Published to municipalities, and no answer from any of them within the response term.
    tx
      .selectFrom('advices as a')
      .innerJoin('pools as p', 'p.id', 'a.pool_id')
      .select(['a.id', 'a.title', 'a.published_at', 'p.name as pool'])
      .where('a.status', '=', 'published')
      .where(sql<boolean>`a.published_at < ${now}::timestamptz - private.response_term()`)
      .where(managesPool('a.pool_id'))
      .orderBy('a.published_at')
      .limit(limit)
      .execute(),
    // Pool invitations nobody accepted for a week (still valid or run out).
    tx
      .selectFrom('invitations as v')
      .innerJoin('pools as p', 'p.id', 'v.pool_id')
      .select(['v.id', 'v.email', 'v.created_at', 'v.expires_at', 'p.id as pool_id', 'p.name as pool'])
      .where('v.accepted_at', 'is', null)
      .where('v.revoked_at', 'is', null)
      .where(sql<boolean>`v.created_at < ${now}::timestamptz - private.stuck_invitation_age()`)
      .where(managesPool('v.pool_id'))
      .orderBy('v.created_at')
      .limit(limit)
      .execute(),
  ]);
  return {
    attendance: listed(attendance),
    unanswered: listed(unanswered.map((s) => ({ ...s, unanswered: Number(s.unanswered) }))),
    signals: listed(signals),
    overdue: listed(overdue.map((a) => ({ ...a, days_waiting: daysSince(a.published_at ?? now, now) }))),
    invitations: listed(invitations),
  };
}

/**
 * For a municipality's readers: advice addressed to them, new, and still without their answer (oldest first).
 * "Addressed to" is what private.advice_addressed_to_municipality(advice, municipality) asks: published,
 * and addressed to the municipality, its region or an organisation standing for it. Asked per advice,
 * that function ran for every advice the reader may read (thousands at national scale); here the
 * municipality's addressees are gathered once per municipality, and the advice is read through
 * register_advices (the advices read policy as the view's filter) so the addressee index finds it.
 */
async function readerNeeds({ limit, listed }: Few, tx: Tx, userId: string, now: Date) {
  const addressed = tx
    .selectFrom('municipality_readers as r')
    .innerJoin('municipalities as m', 'm.id', 'r.municipality_id')
    .innerJoin('register_advices as a', (join) =>
      join.on(
        sql<boolean>`a.addressee_ids && (array[m.id, m.region_id]
          || array(select o.id from public.organisations o where o.municipality_id = m.id))`,
      ),
    )
    .innerJoin('pools as p', 'p.id', 'a.pool_id')
    .select([
      'a.id as advice_id',
      'a.title',
      'a.published_at',
      'm.id as municipality_id',
      'm.name as municipality',
      'p.name as pool',
    ])
    .$narrowType<{ advice_id: NotNull; title: NotNull }>()
    .where('r.user_id', '=', userId)
    .where('a.status', 'in', ['published', 'responded', 'implemented']);
  const [fresh, awaiting] = await Promise.all([
    addressed
      .where('a.published_at', '>', subDays(now, RECENT_DAYS))
      .orderBy('a.published_at', 'desc')
      .limit(limit)
      .execute(),
    addressed
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('advice_responses as x')
              .select(sql`1`.as('one'))
              .whereRef('x.advice_id', '=', 'a.id')
              .whereRef('x.municipality_id', '=', 'm.id'),
          ),
        ),
      )
      .orderBy('a.published_at')
      .limit(limit)
      .execute(),
  ]);
  // One advice can be addressed to two municipalities the reader reads for: one item for each.
  const keyed = <T extends { advice_id: string; municipality_id: string }>(a: T) => ({
    ...a,
    id: `${a.advice_id}:${a.municipality_id}`,
  });
  return {
    fresh: listed(fresh.map(keyed)),
    awaiting: listed(awaiting.map((a) => ({ ...keyed(a), days_waiting: daysSince(a.published_at ?? now, now) }))),
  };
}
