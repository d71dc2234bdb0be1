import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { freshDatabase } from './database';
import { ACTORS, worldOf, type World } from './fixtures';

/**
 * Migration 20261210600000 asks "is the viewer an admin?" and "which pools do they coordinate?" once per
 * statement instead of once per row (issue 18, point 6). Who sees what must not change: for every role,
 * the member directory, the peers and the home page's "pools I manage" and "signals of my regions" hold
 * exactly the rows the per-row functions allowed (is_admin(), is_pool_coordinator(), is_pool_member(),
 * manages_for(), coordinates_signal()), which are asked here as the database owner with the same claims.
 * Migration 20261210760000 asks the peers' consent (has_consent()) inline, for the whole pool at once: the
 * peers' comparison below still asks it the old way, per row.
 */
let world: World;
beforeAll(async () => {
  world = await worldOf(await freshDatabase({ demo: true }));
});
afterAll(() => world.database.close());

type Actor = (typeof ACTORS)[number];
const rows =
  <T>(query: ReturnType<typeof sql<T>>) =>
  (tx: Tx) =>
    query.execute(tx).then((r) => r.rows);
const asViewer = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
/** The old per-row test, as the owner (no row level security) with the actor's claims. */
const asBefore = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) =>
  runAsSystem(world.database, async (tx) => {
    await sql`select set_config('request.jwt.claims', ${JSON.stringify(world.claims(actor) ?? { role: 'anon' })}, true)`.execute(
      tx,
    );
    return work(tx);
  });

describe('checks asked once per statement see what the per-row checks saw', () => {
  const signedIn = ACTORS.filter((actor) => actor !== 'anon');

  it.each(signedIn)('the member directory as %s', async (actor) => {
    const now = await asViewer(
      actor,
      rows(sql`select pool_id, user_id, email, phone from public.pool_member_directory order by pool_id, user_id`),
    );
    const before = await asBefore(
      actor,
      rows(sql`
        select m.pool_id, m.user_id,
          case when private.has_consent(m.user_id, 'contact_details_to_coordinators') then u.email end as email,
          case when private.has_consent(m.user_id, 'contact_details_to_coordinators') then p.phone end as phone
        from public.pool_memberships m
        join public.profiles p on p.id = m.user_id
        join auth.users u on u.id = m.user_id
        where private.is_pool_coordinator(m.pool_id) or private.is_admin()
        order by m.pool_id, m.user_id`),
    );
    expect(now).toEqual(before);
    if (actor === 'admin' || actor === 'coordinator') expect(now.length).toBeGreaterThan(0);
  });

  it.each(signedIn)('the peers as %s', async (actor) => {
    const now = await asViewer(
      actor,
      rows(sql`select pool_id, user_id, has_photo, languages from public.pool_peers order by pool_id, user_id`),
    );
    const before = await asBefore(
      actor,
      rows(sql`
        select m.pool_id, m.user_id,
          (shared.visible and exists (select 1 from public.profile_photos ph where ph.user_id = m.user_id)) as has_photo,
          case when shared.visible
            then array(select l.language from public.profile_languages l where l.user_id = m.user_id order by l.language)
            else '{}'::text[] end as languages
        from public.pool_memberships m
        cross join lateral (
          select m.user_id = auth.uid() or private.has_consent(m.user_id, 'profile_visible_to_members') as visible
        ) shared
        where private.is_admin() or private.is_pool_coordinator(m.pool_id)
          or (private.is_pool_member(m.pool_id) and (shared.visible or m.role = 'coordinator'))
        order by m.pool_id, m.user_id`),
    );
    expect(now).toEqual(before);
    if (actor !== 'reader') expect(now.length).toBeGreaterThan(0);
  });

  it.each(ACTORS)('the pools %s manages, and the signals of their regions', async (actor) => {
    const check = async (managed: string, signal: string) =>
      asBefore(actor, async (tx) => ({
        pools: await rows<{ id: string }>(sql`select id from public.pools where ${sql.raw(managed)} order by id`)(tx),
        signals: await rows<{ id: string }>(
          sql`select s.id from public.signals s where ${sql.raw(signal)} order by s.id`,
        )(tx),
      }));
    const now = await check(
      `(select private.is_admin()) or id = any ((select private.coordinated_pool_ids())::uuid[])`,
      // needs.server.ts: non-admins (admins see every signal there).
      `(select private.is_admin()) or s.region_id = any ((select private.my_coordinated_regions())::uuid[])
        or (s.region_id is null and (select private.in_national_pool('coordinator')))`,
    );
    const before = await check(`private.manages_for(id, null)`, `private.coordinates_signal(s.id)`);
    expect(now).toEqual(before);
    if (actor === 'coordinator') expect(now.pools.length * now.signals.length).toBeGreaterThan(0);
  });
});
