import { sql } from 'kysely';
import type { Tx } from '~/db/with-user.server';
import { affected, countRows, describeRls, type RlsCase, type World } from './fixtures';

// Demo data: lid@ (member A, Alkmaar) speaks ti/nl/en and has given no consent yet; Amal (Alkmaar) and
// Reza (member B, Twente) allow their pools to see their profiles. Rotterdam's pool was handed over once.
const languagesOf = (email: string) => (w: World) => (tx: Tx) =>
  tx
    .selectFrom('profile_languages')
    .select('language')
    .where('user_id', '=', w.idOf(email))
    .orderBy('language')
    .execute()
    .then((rows) => rows.map((r) => r.language));

const cases: RlsCase[] = [
  {
    name: "read member A's languages (no consent given)",
    run: languagesOf('lid@demo.expertpool.nl'),
    expect: {
      anon: 'denied',
      memberA: ['en', 'nl', 'ti'],
      memberB: [],
      coordinator: ['en', 'nl', 'ti'],
      outsideCoordinator: [],
      reader: [],
      admin: ['en', 'nl', 'ti'],
    },
  },
  {
    name: "read Amal's languages (she lets her pool see her profile)",
    run: languagesOf('amal@demo.expertpool.nl'),
    expect: {
      anon: 'denied',
      memberA: ['ar', 'nl'],
      memberB: [],
      coordinator: ['ar', 'nl'],
      outsideCoordinator: [],
      reader: [],
      admin: ['ar', 'nl'],
    },
  },
  {
    name: 'set a language for member A',
    run: (w) => (tx) =>
      tx
        .insertInto('profile_languages')
        .values({ user_id: w.ids.memberA, language: 'fr', level: 'basic' })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 1,
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 'denied',
    },
  },
  {
    name: "replace member A's themes with 'work'",
    run: (w) => async (tx) => {
      await tx.deleteFrom('profile_themes').where('user_id', '=', w.ids.memberA).execute();
      await tx.insertInto('profile_themes').values({ user_id: w.ids.memberA, indicator_code: 'work' }).execute();
      return 1;
    },
    expect: {
      anon: 'denied',
      memberA: 1,
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 'denied',
    },
  },
  {
    name: 'upload a photo for member A',
    run: (w) => (tx) =>
      tx
        .insertInto('profile_photos')
        .values({ user_id: w.ids.memberA, content_type: 'image/png', data: new Uint8Array([0x89, 0x50]) })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 1,
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 'denied',
    },
  },
  {
    name: 'member A in pool_peers (no consent: only they, coordinators and admins)',
    run: (w) => (tx) =>
      tx
        .selectFrom('pool_peers')
        .select('user_id')
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then((r) => r.length),
    expect: { anon: 'denied', memberA: 1, memberB: 0, coordinator: 1, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    name: 'select the member directory (coordinated pools only)',
    run: () => countRows('pool_member_directory'),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 40, outsideCoordinator: 18, reader: 0, admin: 106 },
  },
  {
    name: "member A's e-mail in the directory (withheld without consent)",
    run: (w) => (tx) =>
      tx
        .selectFrom('pool_member_directory')
        .select('email')
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then((r) => r.map((row) => row.email)),
    expect: {
      anon: 'denied',
      memberA: [],
      memberB: [],
      coordinator: [null],
      outsideCoordinator: [],
      reader: [],
      admin: [null],
    },
  },
  {
    name: "Reza's e-mail in the directory (given to coordinators)",
    run: (w) => (tx) =>
      tx
        .selectFrom('pool_member_directory')
        .select('email')
        .where('user_id', '=', w.ids.memberB)
        .execute()
        .then((r) => r.map((row) => row.email)),
    expect: {
      anon: 'denied',
      memberA: [],
      memberB: [],
      coordinator: ['reza@demo.expertpool.nl'],
      outsideCoordinator: [],
      reader: [],
      admin: ['reza@demo.expertpool.nl'],
    },
  },
  {
    name: "the Alkmaar pool's diversity overview is there",
    run: (w) => (tx) =>
      sql<{ n: number }>`select count(*)::int as n from private.pool_diversity(${w.pools.alkmaar}::uuid)`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: {
      anon: 'denied',
      memberA: false,
      memberB: false,
      coordinator: true,
      outsideCoordinator: false,
      reader: true,
      admin: true,
    },
  },
  {
    name: 'ask whether lid@ is in the Alkmaar pool',
    run: (w) => (tx) =>
      sql<{
        member: boolean | null;
      }>`select private.pool_has_email(${w.pools.alkmaar}::uuid, 'lid@demo.expertpool.nl') as member`
        .execute(tx)
        .then((r) => r.rows[0]!.member),
    expect: {
      anon: 'denied',
      memberA: null,
      memberB: null,
      coordinator: true,
      outsideCoordinator: null,
      reader: null,
      admin: true,
    },
  },
  {
    name: 'find an account by e-mail (admins only)',
    run: () => (tx) =>
      sql<{ id: string | null }>`select private.admin_find_user('lid@demo.expertpool.nl') as id`
        .execute(tx)
        .then((r) => r.rows[0]!.id !== null),
    expect: {
      anon: 'denied',
      memberA: false,
      memberB: false,
      coordinator: false,
      outsideCoordinator: false,
      reader: false,
      admin: true,
    },
  },
  {
    name: 'make a sign-up link for the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('invitation_links')
        .values({
          pool_id: w.pools.alkmaar,
          token: 'a-token-that-is-long-enough-0123',
          expires_at: new Date(Date.now() + 1e7),
          max_uses: 10,
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'record an intake for member A in the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('onboarding_steps')
        .values({
          pool_id: w.pools.alkmaar,
          user_id: w.ids.memberA,
          step: 'intake',
          done_on: '2026-01-10',
          recorded_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: "read the Rotterdam pool's onboarding steps",
    run: (w) => (tx) =>
      tx
        .selectFrom('onboarding_steps')
        .select('step')
        .where('pool_id', '=', w.pools.rotterdam)
        .execute()
        .then((r) => r.length > 0),
    expect: {
      anon: 'denied',
      memberA: false,
      memberB: false,
      coordinator: false,
      outsideCoordinator: true,
      reader: false,
      admin: true,
    },
  },
  {
    name: 'select pool handovers',
    run: () => countRows('pool_handovers'),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 0, outsideCoordinator: 1, reader: 0, admin: 1 },
  },
  {
    name: 'record a handover of the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('pool_handovers')
        .values({
          pool_id: w.pools.alkmaar,
          organisation_id: sql<string>`(select id from public.organisations where name = 'Gemeente Alkmaar')`,
          handed_over_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'create a pool in Regio Twente and count its coordinators',
    run: () => async (tx) => {
      const id = crypto.randomUUID();
      const region = sql<string>`(select id from public.regions where slug = 'twente')`;
      await tx.insertInto('pools').values({ id, name: 'Expertpool Hengelo', region_id: region }).execute();
      return sql<{
        n: number;
      }>`select count(*)::int as n from public.pool_memberships where pool_id = ${id}::uuid and role = 'coordinator'`
        .execute(tx)
        .then((r) => r.rows[0]!.n);
    },
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      // Admins see every pool anyway; they are not made its coordinator.
      admin: 0,
    },
  },
  {
    name: "withdraw member B's consents",
    run: (w) => (tx) =>
      tx
        .updateTable('consents')
        .set({ withdrawn_at: new Date() })
        .where('user_id', '=', w.ids.memberB)
        .where('purpose', '=', 'profile_visible_to_members')
        .execute()
        .then(affected),
    expect: { anon: 'denied', memberA: 0, memberB: 1, coordinator: 0, outsideCoordinator: 0, reader: 0, admin: 0 },
  },
];

describeRls('row level security on profiles, peers, sign-up links, onboarding and handovers', cases);
