import { runAs, runAsSystem, type Claims, type Tx } from '~/db/with-user.server';
import type { Database } from '~/db/connection.server';
import { seedDemo } from '~/db/seed/index.server';

/** The people of the demo data that the role tests act as. */
export const PEOPLE = {
  memberA: 'lid@demo.expertpool.nl', // member of the Alkmaar pool
  memberB: 'reza@demo.expertpool.nl', // member of the Twente pool
  coordinator: 'coordinator@demo.expertpool.nl', // coordinates Alkmaar and Twente
  outsideCoordinator: 'nour@demo.expertpool.nl', // member of Rotterdam, made its coordinator below
  reader: 'gemeente@demo.expertpool.nl', // reads for the municipality of Alkmaar
  admin: 'admin@demo.expertpool.nl',
} as const;

export type Person = keyof typeof PEOPLE;
export type Actor = Person | 'anon';
export const ACTORS: Actor[] = ['anon', 'memberA', 'memberB', 'coordinator', 'outsideCoordinator', 'reader', 'admin'];

export interface World {
  database: Database;
  ids: Record<Person, string>;
  pools: Record<'alkmaar' | 'twente' | 'rotterdam', string>;
  claims(actor: Actor): Claims | null;
}

export async function seedWorld(database: Database): Promise<World> {
  await seedDemo(database);
  return runAsSystem(database, async (tx) => {
    const users = await tx.selectFrom('auth.users').select(['id', 'email']).execute();
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    const ids = Object.fromEntries(Object.entries(PEOPLE).map(([key, email]) => [key, byEmail.get(email)!])) as Record<Person, string>;
    const poolRows = await tx.selectFrom('pools').select(['id', 'name']).execute();
    const pool = (part: string) => poolRows.find((p) => p.name.includes(part))!.id;
    const pools = { alkmaar: pool('Alkmaar'), twente: pool('Twente'), rotterdam: pool('Rotterdam') };
    await tx.updateTable('pool_memberships').set({ role: 'coordinator' }).where('user_id', '=', ids.outsideCoordinator).execute();
    return {
      database,
      ids,
      pools,
      claims: (actor) => (actor === 'anon' ? null : { sub: ids[actor], email: PEOPLE[actor], role: 'authenticated' }),
    };
  });
}

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
