import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { FIXED_ADVICE } from '~/demo/advice';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, describeRls, type Actor, type RlsCase, everyone } from './fixtures';

/** Inside the Alkmaar pool: member A, the coordinator, and admins. */
const alkmaarPool = <T, U>(inside: T, outside: U) => ({
  ...everyone<T | U>(outside),
  memberA: inside,
  coordinator: inside,
  admin: inside,
});

// Ids of the hand-written demo advices and other fixtures, filled in once the world is seeded.
const id: Record<keyof typeof FIXED_ADVICE | 'amal' | 'coreIndicator', string> = {} as never;

const visible = (key: keyof typeof FIXED_ADVICE) => (tx: Tx) =>
  tx
    .selectFrom('advices')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('id', '=', id[key])
    .executeTakeFirstOrThrow()
    .then((r) => r.n);

const inserted = () => 1;

const cases: RlsCase[] = [
  { name: 'read the Alkmaar draft', run: () => visible('draft'), expect: alkmaarPool(1, 0) },
  { name: 'read the Alkmaar advice in review', run: () => visible('inReview'), expect: alkmaarPool(1, 0) },
  { name: 'read the public helpdesk advice', run: () => visible('helpdesk'), expect: everyone(1) },
  { name: 'read the public Twente advice', run: () => visible('twentePublic'), expect: everyone(1) },
  {
    name: 'read the Twente advice addressed to Enschede only',
    run: () => visible('twenteAddressed'),
    expect: { ...everyone(0), memberB: 1, coordinator: 1, admin: 1 },
  },
  {
    name: 'read the advice addressed to the region Alkmaar',
    run: () => visible('regionAlkmaar'),
    expect: { ...alkmaarPool(1, 0), reader: 1 },
  },
  {
    name: "see any draft or review outside one's own pools",
    run: () => (tx) =>
      sql<{ any: boolean }>`select count(*) > 0 as any from public.advices
        where status in ('draft', 'in_review') and not (array[pool_id] <@ private.my_pool_ids())`
        .execute(tx)
        .then((r) => r.rows[0]!.any),
    expect: { ...everyone(false), admin: true },
  },
  {
    name: 'see addressed-only advice not addressed to oneself, outside one’s own pools',
    run: () => (tx) =>
      sql<{ any: boolean }>`select count(*) > 0 as any from public.advices
        where visibility = 'addressed' and not (addressee_ids && private.my_reader_scope())
          and not (array[pool_id] <@ private.my_pool_ids())`
        .execute(tx)
        .then((r) => r.rows[0]!.any),
    expect: { ...everyone(false), admin: true },
  },
  {
    name: 'the register view shows exactly the advice the select policy allows',
    run: () => (tx) =>
      sql<{ same: boolean }>`select
          (select coalesce(array_agg(id order by id), '{}') from public.register_advices)
        = (select coalesce(array_agg(id order by id), '{}') from public.advices) as same`
        .execute(tx)
        .then((r) => r.rows[0]!.same),
    expect: everyone(true),
  },
  {
    name: 'draft an advice for the Alkmaar pool (the boards’ insert path)',
    run: (w) => (tx) =>
      tx
        .insertInto('advices')
        .values({
          pool_id: w.pools.alkmaar,
          title: 'Van een kaart',
          created_by: sql<string>`auth.uid()`,
          // A real Alkmaar board, now that source_board_id is a foreign key.
          source_board_id: sql<string>`(select id from public.boards where pool_id = ${w.pools.alkmaar} limit 1)`,
          source_card_id: 'card-1',
        })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1 },
  },
  {
    name: 'insert an advice that is already published',
    run: (w) => (tx) =>
      tx
        .insertInto('advices')
        .values({
          pool_id: w.pools.alkmaar,
          title: 'Meteen gepubliceerd',
          created_by: sql<string>`auth.uid()`,
          status: 'published',
          published_at: new Date(),
        })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: 'edit the title of the Alkmaar draft (member A wrote it)',
    run: () => (tx) =>
      tx.updateTable('advices').set({ title: 'Nieuwe titel' }).where('id', '=', id.draft).execute().then(affected),
    expect: { ...alkmaarPool(1, 0), anon: 'denied' },
  },
  {
    name: 'the author publishes their own draft',
    run: () => (tx) =>
      tx
        .updateTable('advices')
        .set({ status: 'published', published_at: new Date() })
        .where('id', '=', id.draft)
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'publish the advice in review',
    run: () => (tx) =>
      tx
        .updateTable('advices')
        .set({ status: 'published', visibility: 'public', published_at: new Date() })
        .where('id', '=', id.inReview)
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'remove the Alkmaar draft',
    run: () => (tx) => tx.deleteFrom('advices').where('id', '=', id.draft).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'respond to the helpdesk advice for Alkmaar',
    run: (w) => (tx) =>
      tx
        .insertInto('advice_responses')
        .values({
          advice_id: id.helpdesk,
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Alkmaar')`,
          decision: 'adopted',
          responded_by: w.claims('reader')!.sub,
        })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), reader: 1 },
  },
  {
    name: 'respond for Alkmaar to advice addressed to Enschede',
    run: (w) => (tx) =>
      tx
        .insertInto('advice_responses')
        .values({
          advice_id: id.twenteAddressed,
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Alkmaar')`,
          decision: 'adopted',
          responded_by: w.claims('reader')!.sub,
        })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: 'respond for Alkmaar to a draft addressed to Alkmaar',
    run: (w) => (tx) =>
      tx
        .insertInto('advice_responses')
        .values({
          advice_id: id.draft,
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Alkmaar')`,
          decision: 'adopted',
          responded_by: w.claims('reader')!.sub,
        })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: 'read the responses to the public helpdesk advice',
    run: () => (tx) =>
      tx
        .selectFrom('advice_responses')
        .select('id')
        .where('advice_id', '=', id.helpdesk)
        .execute()
        .then((r) => r.length),
    expect: everyone(1),
  },
  {
    name: 'rewrite a response (history cannot change)',
    run: () => (tx) =>
      tx
        .updateTable('advice_responses')
        .set({ decision: 'adopted' })
        .where('advice_id', '=', id.helpdesk)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'read the quote in the helpdesk advice (its member consents)',
    run: () => (tx) =>
      tx
        .selectFrom('advice_quotes')
        .select('id')
        .where('advice_id', '=', id.helpdesk)
        .execute()
        .then((r) => r.length),
    expect: everyone(1),
  },
  {
    name: 'quote Amal (consenting) in the advice in review',
    run: () => (tx) =>
      tx
        .insertInto('advice_quotes')
        .values({ advice_id: id.inReview, member_id: id.amal, body: 'Zo ging het bij mij ook.' })
        .execute()
        .then(inserted),
    expect: alkmaarPool(1, 'denied'),
  },
  {
    name: 'quote member A, who has not consented',
    run: (w) => (tx) =>
      tx
        .insertInto('advice_quotes')
        .values({ advice_id: id.inReview, member_id: w.ids.memberA, body: 'Niet gevraagd.' })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: 'read the comments on the advice in review',
    run: () => (tx) =>
      tx
        .selectFrom('advice_comments')
        .select('id')
        .where('advice_id', '=', id.inReview)
        .execute()
        .then((r) => r.length),
    expect: { ...alkmaarPool(1, 0), anon: 'denied' },
  },
  {
    name: 'comment on the advice in review',
    run: () => (tx) =>
      tx
        .insertInto('advice_comments')
        .values({ advice_id: id.inReview, author_id: sql<string>`auth.uid()`, body: 'Goed punt.' })
        .execute()
        .then(inserted),
    expect: alkmaarPool(1, 'denied'),
  },
  {
    name: 'say "I recognise this" on the helpdesk advice',
    run: () => (tx) =>
      tx
        .insertInto('advice_recognitions')
        .values({ advice_id: id.inReview, user_id: sql<string>`auth.uid()` })
        .execute()
        .then(inserted),
    expect: alkmaarPool(1, 'denied'),
  },
  {
    name: 'read the versions of the helpdesk advice',
    run: () => (tx) =>
      tx
        .selectFrom('advice_versions')
        .select('id')
        .where('advice_id', '=', id.helpdesk)
        .execute()
        .then((r) => r.length),
    expect: { ...alkmaarPool(1, 0), anon: 'denied' },
  },
  {
    name: 'write a version by hand',
    run: () => (tx) =>
      tx
        .insertInto('advice_versions')
        .values({ advice_id: id.helpdesk, version: 99, title: 'x', insight: '', opportunities: [], golden_tips: [] })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: "read Alkmaar's goals",
    run: () => (tx) =>
      tx
        .selectFrom('municipal_goals')
        .innerJoin('municipalities', 'municipalities.id', 'municipal_goals.municipality_id')
        .select('municipal_goals.id')
        .where('municipalities.name', '=', 'Alkmaar')
        .execute()
        .then((r) => r.length),
    expect: everyone(3),
  },
  {
    name: 'add a goal for Alkmaar',
    run: () => (tx) =>
      tx
        .insertInto('municipal_goals')
        .values({
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Alkmaar')`,
          title: 'Gezond leven',
        })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: "link the helpdesk advice to a core indicator of Alkmaar's goals",
    run: () => (tx) =>
      tx
        .insertInto('advice_core_indicators')
        .values({ advice_id: id.helpdesk, core_indicator_id: id.coreIndicator })
        .execute()
        .then(inserted),
    expect: alkmaarPool(1, 'denied'),
  },
  {
    name: 'save a search of one’s own',
    run: () => (tx) =>
      tx
        .insertInto('saved_searches')
        .values({ user_id: sql<string>`auth.uid()`, name: 'Taal', query: 'indicator=language' })
        .execute()
        .then(inserted),
    expect: { ...everyone(1), anon: 'denied' },
  },
  {
    name: 'save a search for someone else',
    run: (w) => (tx) =>
      tx
        .insertInto('saved_searches')
        .values({ user_id: w.ids.reader, name: 'Taal', query: 'indicator=language' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), reader: 1 },
  },
];

describeRls('row level security on the advice register', cases, (getWorld) => {
  beforeAll(async () => {
    await runAsSystem(getWorld().database, async (tx) => {
      const rows = await tx
        .selectFrom('advices')
        .select(['id', 'title'])
        .where('title', 'in', Object.values(FIXED_ADVICE))
        .execute();
      for (const [key, title] of Object.entries(FIXED_ADVICE)) {
        id[key as keyof typeof FIXED_ADVICE] = rows.find((r) => r.title === title)!.id;
      }
      id.amal = (
        await tx
          .selectFrom('auth.users')
          .select('id')
          .where('email', '=', 'amal@demo.expertpool.nl')
          .executeTakeFirstOrThrow()
      ).id;
      id.coreIndicator = (await tx.selectFrom('core_indicators').select('id').executeTakeFirstOrThrow()).id;
    });
  });
});
