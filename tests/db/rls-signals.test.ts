import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, countRows, describeRls, everyoneAndExtras, type RlsCase } from './fixtures';

/** Rows of the seeded world the cases act on, looked up as the system before the cases run. */
let F: {
  alkmaarRegion: string;
  twenteRegion: string;
  heiloo: string;
  alkmaarSignal: string;
  contactSignal: string;
  advice: string;
};

const countIn = (region: () => string) => (tx: Tx) =>
  tx
    .selectFrom('signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', '=', region())
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

const cases: RlsCase[] = [
  {
    name: "see Regio Alkmaar's signals",
    run: () => (tx) => countIn(() => F.alkmaarRegion)(tx).then((n) => n > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', memberA: true, coordinator: true, admin: true },
  },
  {
    name: "see Regio Twente's signals",
    run: () => (tx) => countIn(() => F.twenteRegion)(tx).then((n) => n > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', memberB: true, coordinator: true, admin: true },
  },
  {
    // The national pools' (rls-role-granting.test.ts), and none of these actors is in one.
    name: 'see signals that have no place',
    run: () => (tx) =>
      tx
        .selectFrom('signals')
        .select('id')
        .where('region_id', 'is', null)
        .execute()
        .then((rows) => rows.length > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', admin: true },
  },
  {
    name: 'read the contact details of an Alkmaar question',
    run: () => (tx) =>
      tx
        .selectFrom('signal_contacts')
        .select('email')
        .where('signal_id', '=', F.contactSignal)
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'delete the contact details of an Alkmaar question',
    run: () => (tx) =>
      tx.deleteFrom('signal_contacts').where('signal_id', '=', F.contactSignal).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'log a helpdesk signal in Heiloo',
    run: () => (tx) =>
      tx
        .insertInto('signals')
        .values({
          reference: 'EP-RLS001',
          channel: 'helpdesk',
          municipality_id: F.heiloo,
          body: 'Vraag over de Brede Intake',
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: 'ask a question on the public form (through the function)',
    run: () => (tx) =>
      sql<{
        r: string;
      }>`select private.submit_public_signal('EP-RLS002', 'Waar vind ik taalles?', 'nl', ${F.heiloo}, null, 'a@example.org', null) as r`
        .execute(tx)
        .then((res) => res.rows[0]!.r),
    expect: everyoneAndExtras('EP-RLS002'),
  },
  {
    name: 'pose as the public form by inserting directly',
    run: () => (tx) =>
      tx
        .insertInto('signals')
        .values({
          reference: 'EP-RLS003',
          channel: 'public_form',
          municipality_id: F.heiloo,
          body: 'x',
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: 'tag an Alkmaar signal with an indicator',
    run: () => (tx) =>
      tx
        .insertInto('signal_indicators')
        .values({ signal_id: F.alkmaarSignal, indicator_code: 'culture', tagged_by: sql<string>`auth.uid()` })
        .onConflict((oc) => oc.doNothing())
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: 'close an Alkmaar signal',
    run: () => (tx) =>
      tx.updateTable('signals').set({ status: 'closed' }).where('id', '=', F.alkmaarSignal).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: "link an Alkmaar signal as evidence to the Alkmaar pool's advice",
    run: () => (tx) =>
      tx
        .insertInto('signal_advice_links')
        .values({ signal_id: F.alkmaarSignal, advice_id: F.advice, linked_by: sql<string>`auth.uid()` })
        .onConflict((oc) => oc.doNothing())
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), memberA: 1, coordinator: 1, admin: 1 },
  },
  {
    name: "count the evidence for the Alkmaar pool's advice",
    run: () => (tx) =>
      sql<{ n: number }>`select signal_count as n from private.advice_evidence(${F.advice})`
        .execute(tx)
        .then((r) => (r.rows[0]?.n ?? 0) > 0),
    expect: { ...everyoneAndExtras(false), memberA: true, coordinator: true, reader: true, admin: true },
  },
  {
    name: 'add a keyword to an indicator',
    run: () => (tx) =>
      tx
        .insertInto('indicator_keywords')
        .values({ indicator_code: 'work', language: 'nl', keyword: 'sollicitatie' })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), admin: 1 },
  },
  {
    name: 'read who works for which organisation',
    run: () => countRows('organisation_members'),
    expect: { ...everyoneAndExtras(0), anon: 'denied', partner: 1, admin: 2 },
  },
  {
    name: 'tie oneself to an organisation',
    run: () => (tx) =>
      sql`insert into public.organisation_members (organisation_id, user_id)
          select id, auth.uid() from public.organisations where name = 'VNG'`
        .execute(tx)
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), admin: 1 },
  },
  // Monthly counts kept by triggers (20261123170000, per region 20261203100000): the tables are nobody's;
  // the function applies the signals' select policy, so each person gets exactly what the query under
  // RLS gave them.
  ...['signal_indicator_months', 'signal_indicator_region_months', 'signal_tallies'].map((table): RlsCase => ({
    name: `read the summary table ${table} directly`,
    run: () => countRows(table),
    expect: everyoneAndExtras('denied'),
  })),
  {
    name: 'monthly counts per indicator through the function equal the counts under RLS',
    run: () => async (tx) => {
      const viaFunction = await sql<{ indicator_code: string; month: string; n: number }>`
        select * from private.signal_counts_per_indicator_month(null, null, '2000-01-01')`.execute(tx);
      const underRls = await sql<{ indicator_code: string; month: string; n: number }>`
        select si.indicator_code, to_char(s.received_on, 'YYYY-MM') as month, count(*)::int as n
        from public.signals s join public.signal_indicators si on si.signal_id = s.id
        where s.received_on >= '2000-01-01' and s.status <> 'merged' group by 1, 2`.execute(tx);
      const key = (rows: { indicator_code: string; month: string; n: number }[]) =>
        rows.map((r) => `${r.indicator_code} ${r.month} ${r.n}`).sort();
      return JSON.stringify(key(viaFunction.rows)) === JSON.stringify(key(underRls.rows))
        ? viaFunction.rows.reduce((sum, r) => sum + r.n, 0) > 0
        : 'differs';
    },
    expect: {
      ...everyoneAndExtras(false),
      anon: 'denied',
      memberA: true,
      memberB: true,
      coordinator: true,
      outsideCoordinator: true,
      admin: true,
    },
  },
];

describeRls('row level security on signals, their contacts, tags and evidence', cases, (getWorld) => {
  beforeAll(async () => {
    F = await runAsSystem(getWorld().database, async (tx) => {
      const regions = await tx.selectFrom('regions').select(['id', 'slug']).execute();
      const region = (slug: string) => regions.find((r) => r.slug === slug)!.id;
      const heiloo = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Heiloo')
        .executeTakeFirstOrThrow();
      const alkmaarSignal = await tx
        .selectFrom('signals')
        .select('id')
        .where('region_id', '=', region('alkmaar'))
        .where('status', '<>', 'merged')
        .orderBy('reference')
        .executeTakeFirstOrThrow();
      const contactSignal = await tx
        .selectFrom('signals')
        .innerJoin('signal_contacts', 'signal_contacts.signal_id', 'signals.id')
        .select('signals.id')
        .where('signals.region_id', '=', region('alkmaar'))
        .orderBy('signals.reference')
        .executeTakeFirstOrThrow();
      // The advice the demo signals are linked to as evidence (the register seeds many others).
      const advice = await tx
        .selectFrom('signal_advice_links')
        .select('advice_id as id')
        .orderBy('advice_id')
        .executeTakeFirstOrThrow();
      return {
        alkmaarRegion: region('alkmaar'),
        twenteRegion: region('twente'),
        heiloo: heiloo.id,
        alkmaarSignal: alkmaarSignal.id,
        contactSignal: contactSignal.id,
        advice: advice.id,
      };
    });
  });
});
