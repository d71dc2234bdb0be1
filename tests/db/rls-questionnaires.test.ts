import { sql, type RawBuilder } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { countRows, describeRls, everyoneAndExtras, type RlsCase } from './fixtures';

/** The seeded pool (Alkmaar) and partner (TaalMaatje) questionnaires, looked up before the cases run. */
let F: { pool: string; partner: string; alkmaarPool: string; partnerOrg: string };

const countOf = (query: RawBuilder<unknown>) => (tx: Parameters<ReturnType<RlsCase['run']>>[0]) =>
  query.execute(tx).then((r) => (r.rows[0] as { n: number }).n);

const seesResults = (id: () => string) => (tx: Parameters<ReturnType<RlsCase['run']>>[0]) =>
  sql<{ n: number }>`select count(*)::int as n from private.questionnaire_scores(${id()})`
    .execute(tx)
    .then((r) => r.rows[0]!.n > 0);

/** Who may see the pool questionnaire's results: its pool's members and coordinator, its readers, admins. */
const seePoolResults: RlsCase['expect'] = {
  ...everyoneAndExtras(false),
  anon: 'denied',
  memberA: true,
  coordinator: true,
  reader: true,
  admin: true,
};

const cases: RlsCase[] = [
  {
    name: "read the pool's open questionnaire and its questions",
    run: () => (tx) =>
      tx
        .selectFrom('questionnaire_questions')
        .select('id')
        .where('questionnaire_id', '=', F.pool)
        .execute()
        .then((r) => r.length > 0),
    expect: everyoneAndExtras(true),
  },
  {
    name: "read the waves (with their link secrets) of the pool's questionnaire",
    run: () => (tx) =>
      tx
        .selectFrom('questionnaire_waves')
        .select('id')
        .where('questionnaire_id', '=', F.pool)
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 2, admin: 2 },
  },
  {
    name: "see the pool questionnaire's results",
    run: () => seesResults(() => F.pool),
    expect: seePoolResults,
  },
  {
    name: "read the results version of the pool questionnaire (the app's cached page is checked against it)",
    run: () => (tx) =>
      sql<{ known: boolean }>`select private.questionnaire_results_version(${F.pool}) is not null as known`
        .execute(tx)
        .then((r) => r.rows[0]!.known),
    expect: seePoolResults,
  },
  {
    name: 'read the results version row itself',
    run: () => countOf(sql`select count(*)::int as n from private.questionnaire_results_version`),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: 'raise the results version (only the triggers do)',
    run: () => (tx) =>
      sql`update private.questionnaire_results_version set version = version + 1`.execute(tx).then(() => true),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: "see the partner questionnaire's results",
    run: () => seesResults(() => F.partner),
    expect: { ...everyoneAndExtras(false), anon: 'denied', partner: true, admin: true },
  },
  {
    name: 'read single responses',
    run: () => countRows('questionnaire_responses'),
    expect: { ...everyoneAndExtras(0), anon: 'denied' },
  },
  {
    name: 'read single answers',
    run: () => countRows('questionnaire_answers'),
    expect: { ...everyoneAndExtras(0), anon: 'denied' },
  },
  {
    name: 'create a questionnaire for the Alkmaar pool',
    run: () => (tx) =>
      tx
        .insertInto('questionnaires')
        .values({ pool_id: F.alkmaarPool, title_nl: 'Nieuw', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'create a questionnaire for the partner organisation',
    run: () => (tx) =>
      tx
        .insertInto('questionnaires')
        .values({ organisation_id: F.partnerOrg, title_nl: 'Nieuw', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), partner: 1, admin: 1 },
  },
  {
    name: 'add a question to the partner questionnaire',
    run: () => (tx) =>
      tx
        .insertInto('questionnaire_questions')
        .values({ questionnaire_id: F.partner, position: 99, indicator_code: 'work', kind: 'open', text_nl: 'Werk?' })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), partner: 1, admin: 1 },
  },
  {
    name: "open a wave of the pool's questionnaire",
    run: () => (tx) =>
      tx
        .insertInto('questionnaire_waves')
        .values({ questionnaire_id: F.pool, name: 'Extra', link_token: 'rls-test-token-0001' })
        .execute()
        .then(() => 1),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: "see the pool questionnaire's results page (questionnaire_results_page; no longer PUBLIC)",
    run: () => (tx) =>
      sql<{ n: number }>`select count(*)::int as n from private.questionnaire_results_page(${F.pool})`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: seePoolResults,
  },
  // What the results hide (20261204120000): decided by the system, read only through the functions.
  {
    name: 'decide what a questionnaire hides (questionnaire_rehide)',
    run: () => (tx) => sql`select private.questionnaire_rehide(array[${F.pool}]::uuid[])`.execute(tx).then(() => 1),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: 'compute the groups a questionnaire hides (questionnaire_groups_to_hide)',
    run: () => (tx) => countOf(sql`select count(*)::int as n from private.questionnaire_groups_to_hide(${F.pool})`)(tx),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: 'call the shared suppression rule (small_group_suppression)',
    run: () => (tx) =>
      countOf(sql`select cardinality(private.small_group_suppression(array[3], 1, 1, 1, '{}', '{}', '{}'))::int as n`)(
        tx,
      ),
    expect: everyoneAndExtras('denied'),
  },
  // Summaries kept by triggers (20261123170000): readable only through the result functions above.
  ...['questionnaire_result_cells', 'questionnaire_response_tallies', 'questionnaire_hidden_groups'].map(
    (table): RlsCase => ({
      name: `read the summary table ${table} directly`,
      run: () => countRows(table),
      expect: everyoneAndExtras('denied'),
    }),
  ),
];

describeRls('row level security on questionnaires, waves, responses and results', cases, (getWorld) => {
  beforeAll(async () => {
    F = await runAsSystem(getWorld().database, async (tx) => {
      const rows = await tx.selectFrom('questionnaires').select(['id', 'pool_id', 'organisation_id']).execute();
      const pool = rows.find((r) => r.pool_id)!;
      const partner = rows.find((r) => r.organisation_id)!;
      return { pool: pool.id, partner: partner.id, alkmaarPool: pool.pool_id!, partnerOrg: partner.organisation_id! };
    });
  });
});
