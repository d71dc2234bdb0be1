import { sql } from 'kysely';
import { affected, countRows, describeRls, type RlsCase, everyone } from './fixtures';

const cases: RlsCase[] = [
  { name: 'select the 14 indicators', run: () => countRows('indicators'), expect: everyone(14) },
  {
    name: "edit an indicator's text",
    run: () => (tx) =>
      tx.updateTable('indicators').set({ description_nl: 'x' }).where('code', '=', 'work').execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'member A gives consent for quotes',
    run: (w) => (tx) =>
      tx
        .insertInto('consents')
        .values({ user_id: w.ids.memberA, purpose: 'quotes_in_advice' })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1 },
  },
  {
    name: "withdraw member A's consents",
    run: (w) => (tx) =>
      tx
        .updateTable('consents')
        .set({ withdrawn_at: new Date() })
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: 'draft an advice for the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('advices')
        .values({ pool_id: w.pools.alkmaar, title: 'Helpdesk', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1 },
  },
];

describeRls('row level security on indicators, consents and advice drafts', cases);
