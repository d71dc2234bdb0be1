import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Claims, type Tx } from '~/db/with-user.server';
import type { Database } from '~/db/connection.server';
import { freshDatabase } from './database';

/** The people of the demo data that the role tests act as. */
export const PEOPLE = {
  memberA: 'lid@demo.expertpool.nl', // member of the Alkmaar pool
  memberB: 'reza@demo.expertpool.nl', // member of the Twente pool
  coordinator: 'coordinator@demo.expertpool.nl', // coordinates Alkmaar and Twente
  outsideCoordinator: 'nour@demo.expertpool.nl', // member of Rotterdam, made its coordinator below
  reader: 'gemeente@demo.expertpool.nl', // reads for the municipality of Alkmaar
  admin: 'admin@demo.expertpool.nl',
  // Created only for files whose cases list them (see EXTRA_ACTORS), so other files' counts stay put.
  partner: 'partner@test.expertpool.nl', // works for the partner organisation TaalMaatje (nothing else)
  otherReader: 'enschede@test.expertpool.nl', // reads for the municipality of Enschede
} as const;

export type Person = keyof typeof PEOPLE;
export type Actor = Person | 'anon';
export const ACTORS = ['anon', 'memberA', 'memberB', 'coordinator', 'outsideCoordinator', 'reader', 'admin'] as const;
/** Actors a case may add to its expectations; the core ACTORS run for every case. */
export const EXTRA_ACTORS = ['partner', 'otherReader'] as const;
export type CoreActor = (typeof ACTORS)[number];
type ExtraActor = (typeof EXTRA_ACTORS)[number];

export interface World {
  database: Database;
  ids: Record<Person, string>;
  pools: Record<'alkmaar' | 'twente' | 'rotterdam', string>;
  claims(actor: Actor): Claims | null;
  /** Any demo person's id by e-mail (actors can't look it up themselves: auth.users is not theirs). */
  idOf(email: string): string;
}

/** The actors and pools of a database that holds the demo data (`freshDatabase({ demo: true })`). */
export async function worldOf(database: Database): Promise<World> {
  return runAsSystem(database, async (tx) => {
    const users = await tx.selectFrom('auth.users').select(['id', 'email']).execute();
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    const ids = Object.fromEntries(Object.entries(PEOPLE).map(([key, email]) => [key, byEmail.get(email)!])) as Record<
      Person,
      string
    >;
    const poolRows = await tx.selectFrom('pools').select(['id', 'name']).execute();
    const pool = (part: string) => poolRows.find((p) => p.name.includes(part))!.id;
    const pools = { alkmaar: pool('Alkmaar'), twente: pool('Twente'), rotterdam: pool('Rotterdam') };
    await tx
      .updateTable('pool_memberships')
      .set({ role: 'coordinator' })
      .where('user_id', '=', ids.outsideCoordinator)
      .execute();
    await tx.insertInto('consents').values({ user_id: ids.memberA, purpose: 'contact' }).execute();
    return {
      database,
      ids,
      pools,
      claims: claimsFor(ids),
      idOf: (email) => byEmail.get(email)!,
    };
  });
}

/** The partner worker and the second municipality's reader, who exist only where a test needs them. */
export async function addExtraActors(world: World): Promise<World> {
  return runAsSystem(world.database, async (tx) => {
    const ids = { ...world.ids };
    for (const actor of EXTRA_ACTORS) {
      const { id } = await tx
        .insertInto('auth.users')
        .values({ email: PEOPLE[actor], email_confirmed_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('profiles').values({ id, display_name: actor }).execute();
      ids[actor] = id;
    }
    const partner = await tx
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'partner')
      .executeTakeFirstOrThrow();
    await tx.insertInto('organisation_members').values({ organisation_id: partner.id, user_id: ids.partner }).execute();
    const enschede = await tx
      .selectFrom('municipalities')
      .select('id')
      .where('name', '=', 'Enschede')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('municipality_readers')
      .values({ user_id: ids.otherReader, municipality_id: enschede.id })
      .execute();
    return { ...world, ids, claims: claimsFor(ids) };
  });
}

const claimsFor =
  (ids: Record<Person, string>) =>
  (actor: Actor): Claims | null =>
    actor === 'anon' ? null : { sub: ids[actor], email: PEOPLE[actor], role: 'authenticated' };

class Rollback<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs `work` as the actor and rolls everything back, so each case starts from the same world.
 * Returns what `work` returned, or 'denied' when the database refused (RLS or missing grant).
 */
export async function attempt<T>(world: World, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T | 'denied'> {
  try {
    await runAs(world.database, world.claims(actor), async (tx) => {
      throw new Rollback(await work(tx));
    });
    throw new Error('unreachable');
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    const message = error instanceof Error ? error.message : String(error);
    if (/row-level security|permission denied/.test(message)) return 'denied';
    throw error;
  }
}

/** One row of a table-driven RLS test: what each actor gets back (a value, or 'denied'). */
export interface RlsCase {
  name: string;
  run: (world: World) => (tx: Tx) => Promise<unknown>;
  expect: Record<CoreActor, unknown> & Partial<Record<ExtraActor, unknown>>;
}

/** A fresh seeded database for the file, and a test per case and actor. */
export function describeRls(title: string, cases: RlsCase[], extra?: (getWorld: () => World) => void) {
  describe(title, () => {
    let world: World;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const database = await freshDatabase({ demo: true });
      close = database.close;
      world = await worldOf(database);
    });
    afterAll(() => close());
    if (cases.some((c) => EXTRA_ACTORS.some((a) => a in c.expect))) {
      beforeAll(async () => {
        world = await addExtraActors(world);
      });
    }
    for (const c of cases) {
      describe(c.name, () => {
        const actors: Actor[] = [...ACTORS, ...EXTRA_ACTORS.filter((a) => a in c.expect)];
        for (const actor of actors) {
          it(`${actor} → ${JSON.stringify(c.expect[actor])}`, async () => {
            expect(await attempt(world, actor, c.run(world))).toEqual(c.expect[actor]);
          });
        }
      });
    }
    extra?.(() => world);
  });
}

/** A demo municipality's id by its name ("Alkmaar", "Enschede"). */
export const municipalityId = (tx: Tx, name: string) =>
  tx
    .selectFrom('municipalities')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

/** A one-branch goal tree (goal → output → core indicator) for a municipality, made as whoever runs `tx`. */
export async function plantGoalTree(tx: Tx, municipalityId: string, place = '') {
  const goal = await tx
    .insertInto('municipal_goals')
    .values({ municipality_id: municipalityId, title: `Iedereen doet mee${place && ` in ${place}`}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const output = await tx
    .insertInto('municipal_outputs')
    .values({ goal_id: goal.id, title: 'Werk' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const core = await tx
    .insertInto('core_indicators')
    .values({ output_id: output.id, description: `% aan het werk${place && ` in ${place}`}`, data_source: 'Gemeente' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { goal: goal.id, output: output.id, core: core.id };
}

/** Rows the actor can see in a table or view. */
export const countRows = (table: string) => (tx: Tx) =>
  sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(tx).then((r) => r.rows[0]!.n);

/** Rows an update or delete touched (RLS hides rows silently, so 0 means refused). */
export const affected = (results: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  Number(results[0]?.numUpdatedRows ?? results[0]?.numDeletedRows ?? 0);

/** The same expectation for every core actor; spread it and override the exceptions. */
export const everyone = <T>(value: T): Record<CoreActor, T> =>
  Object.fromEntries(ACTORS.map((actor) => [actor, value])) as Record<CoreActor, T>;

/** `everyone` plus the extra actors (partner organisation, another municipality's reader). */
export const everyoneAndExtras = <T>(value: T): Record<CoreActor | (typeof EXTRA_ACTORS)[number], T> => ({
  ...everyone(value),
  ...(Object.fromEntries(EXTRA_ACTORS.map((actor) => [actor, value])) as Record<(typeof EXTRA_ACTORS)[number], T>),
});
