import type { Tx } from '~/db/with-user.server';
import { REGIONS } from './places';

export const DEMO_PASSWORD = 'expertpool';

export const DEMO_ACCOUNTS = [
  { email: 'coordinator@demo.expertpool.nl', name: 'Samira', what: 'coordinates the Alkmaar and Twente pools' },
  { email: 'lid@demo.expertpool.nl', name: 'Yonas', what: 'member of the Alkmaar pool' },
  { email: 'gemeente@demo.expertpool.nl', name: 'Marloes', what: 'municipality reader for Alkmaar' },
  { email: 'admin@demo.expertpool.nl', name: 'Beheerder', what: 'administrator' },
] as const;

// Fictional members; names are invented, municipalities real.
const MEMBERS: { name: string; pool: string; municipality: string; arrival: number; languages: string[] }[] = [
  { name: 'Amal', pool: 'alkmaar', municipality: 'Heiloo', arrival: 2019, languages: ['ar', 'nl'] },
  { name: 'Tesfay', pool: 'alkmaar', municipality: 'Castricum', arrival: 2016, languages: ['ti', 'nl', 'en'] },
  { name: 'Olena', pool: 'alkmaar', municipality: 'Dijk en Waard', arrival: 2022, languages: ['uk', 'en'] },
  { name: 'Reza', pool: 'twente', municipality: 'Enschede', arrival: 2015, languages: ['fa', 'nl'] },
  { name: 'Hawa', pool: 'twente', municipality: 'Hengelo', arrival: 2020, languages: ['so', 'nl'] },
  { name: 'Mehmet', pool: 'twente', municipality: 'Almelo', arrival: 2001, languages: ['tr', 'nl'] },
  { name: 'Nour', pool: 'rotterdam', municipality: 'Rotterdam', arrival: 2018, languages: ['ar', 'nl', 'en'] },
  { name: 'Dawit', pool: 'rotterdam', municipality: 'Schiedam', arrival: 2017, languages: ['ti', 'am', 'nl'] },
  { name: 'Iryna', pool: 'zwolle', municipality: 'Zwolle', arrival: 2022, languages: ['uk', 'ru'] },
  { name: 'Karim', pool: 'friesland', municipality: 'Leeuwarden', arrival: 2016, languages: ['ar', 'nl'] },
  { name: 'Fatima', pool: 'national', municipality: 'Vlaardingen', arrival: 2003, languages: ['ar', 'nl', 'fr'] },
  { name: 'Aziz', pool: 'national', municipality: 'Kampen', arrival: 2021, languages: ['ps', 'fa', 'en'] },
];

const POOLS = [
  {
    key: 'alkmaar',
    name: 'Expertpool Regio Alkmaar',
    region: 'alkmaar',
    status: 'active',
    assignment: 'Meedenken over de Brede Intake en het PIP in de regio Alkmaar.',
  },
  {
    key: 'twente',
    name: 'Expertpool Twente',
    region: 'twente',
    status: 'active',
    assignment:
      'Onderdeel van de projectorganisatie inburgering: financieel ontzorgen en maatschappelijke begeleiding.',
  },
  {
    key: 'rotterdam',
    name: 'Expertpool Rotterdam',
    region: 'rotterdam',
    status: 'handed_over',
    assignment: 'Input voor de marktconsultatie leerroutes en beter contact tussen gemeente en nieuwkomers.',
  },
  {
    key: 'zwolle',
    name: 'Expertpool Regio Zwolle',
    region: 'zwolle',
    status: 'temporary',
    assignment: 'Ervaringen met de Module Arbeidsmarkt en Participatie.',
  },
  {
    key: 'friesland',
    name: 'Expertpool Friesland',
    region: 'friesland',
    status: 'active',
    assignment: 'Een model voor de Brede Intake en de MAP ontwerpen.',
  },
  {
    key: 'national',
    name: 'Landelijke expertpool communicatie',
    region: null,
    status: 'ended',
    assignment: 'In drie bijeenkomsten advies aan de ketenpartners over communicatie met inburgeraars.',
  },
] as const;

/** Places, organisations, pools and people; false when they are already there. */
export async function seedFoundation(tx: Tx, password: string): Promise<boolean> {
  const existing = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', DEMO_ACCOUNTS[3].email)
    .executeTakeFirst();
  if (existing) return false;

  const municipalityIds = await seedPlaces(tx);
  const poolIds = await seedPools(tx, municipalityIds);

  const [coordinator, lid, gemeente, admin] = await Promise.all(
    DEMO_ACCOUNTS.map((account) => createPerson(tx, account.email, account.name, password)),
  );
  await tx
    .insertInto('user_roles')
    .values([
      { user_id: admin!, role: 'admin' },
      { user_id: coordinator!, role: 'coordinator' },
    ])
    .execute();
  await tx
    .insertInto('pool_memberships')
    .values([
      { pool_id: poolIds.get('alkmaar')!, user_id: coordinator!, role: 'coordinator' },
      { pool_id: poolIds.get('twente')!, user_id: coordinator!, role: 'coordinator' },
      { pool_id: poolIds.get('alkmaar')!, user_id: lid!, role: 'member' },
    ])
    .execute();
  // An admin's assignment lets a coordinator work in a region (place pools, shape goal trees there).
  await tx
    .insertInto('coordinator_regions')
    .columns(['user_id', 'region_id'])
    .expression((eb) =>
      eb
        .selectFrom('regions')
        .select([eb.val(coordinator!).as('user_id'), 'id as region_id'])
        .where('slug', 'in', ['alkmaar', 'twente']),
    )
    .execute();
  await tx
    .insertInto('municipality_readers')
    .values({ user_id: gemeente!, municipality_id: municipalityIds.get('Alkmaar')! })
    .execute();
  await tx
    .updateTable('profiles')
    .set({ municipality_id: municipalityIds.get('Alkmaar')!, arrival_year: 2017, languages: ['ti', 'nl', 'en'] })
    .where('id', '=', lid!)
    .execute();

  for (const member of MEMBERS) {
    const email = `${member.name.toLowerCase()}@demo.expertpool.nl`;
    const id = await createPerson(tx, email, member.name, password);
    await tx
      .updateTable('profiles')
      .set({
        municipality_id: municipalityIds.get(member.municipality) ?? null,
        arrival_year: member.arrival,
        languages: member.languages,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('pool_memberships')
      .values({ pool_id: poolIds.get(member.pool)!, user_id: id, role: 'member' })
      .execute();
  }
  return true;
}

/** The places of REGIONS; on a database seeded with supabase/seed.sql (the same places) they are there already. */
async function seedPlaces(tx: Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const region of REGIONS) {
    const { id: regionId } = await tx
      .insertInto('regions')
      .values({ slug: region.slug, name: region.name })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name: region.name }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await tx
      .insertInto('municipalities')
      .values(region.municipalities.map((name) => ({ name, region_id: regionId })))
      .onConflict((oc) => oc.column('name').doUpdateSet({ region_id: regionId }))
      .returning(['id', 'name'])
      .execute();
    for (const row of rows) ids.set(row.name, row.id);
  }
  await tx
    .insertInto('organisations')
    .values([
      { name: 'OpenEmbassy', kind: 'coordinating' },
      { name: 'VNG', kind: 'chain_partner' },
      { name: 'DUO', kind: 'chain_partner' },
      { name: 'COA', kind: 'chain_partner' },
      { name: 'Divosa', kind: 'chain_partner' },
      { name: 'Ministerie van SZW', kind: 'chain_partner' },
      { name: 'Gemeente Alkmaar', kind: 'municipality', municipality_id: ids.get('Alkmaar') },
      { name: 'Gemeente Rotterdam', kind: 'municipality', municipality_id: ids.get('Rotterdam') },
    ])
    .execute();
  return ids;
}

async function seedPools(tx: Tx, municipalityIds: Map<string, string>): Promise<Map<string, string>> {
  const regions = await tx.selectFrom('regions').select(['id', 'slug']).execute();
  const regionId = new Map(regions.map((r) => [r.slug, r.id]));
  const vng = await tx.selectFrom('organisations').select('id').where('name', '=', 'VNG').executeTakeFirstOrThrow();
  const ids = new Map<string, string>();
  for (const pool of POOLS) {
    const { id } = await tx
      .insertInto('pools')
      .values({
        name: pool.name,
        region_id: pool.region ? regionId.get(pool.region)! : null,
        client_organisation_id: pool.region ? null : vng.id,
        status: pool.status,
        assignment: pool.assignment,
        starts_on: pool.region ? '2025-09-01' : '2021-05-01',
        ends_on: pool.key === 'national' ? '2021-07-01' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(pool.key, id);
    const served = pool.region ? REGIONS.find((r) => r.slug === pool.region)!.municipalities : [];
    if (served.length > 0) {
      await tx
        .insertInto('pool_municipalities')
        .values(served.map((name) => ({ pool_id: id, municipality_id: municipalityIds.get(name)! })))
        .execute();
    }
  }
  return ids;
}

async function createPerson(tx: Tx, email: string, displayName: string, passwordHash: string): Promise<string> {
  const { id } = await tx
    .insertInto('auth.users')
    .values({ email, encrypted_password: passwordHash, email_confirmed_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('profiles').values({ id, display_name: displayName }).execute();
  return id;
}
