import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import type { Tx } from '~/db/with-user.server';
import { runAsSystem } from '~/db/with-user.server';
import { affected, describeRls, everyone, type RlsCase } from './fixtures';

/**
 * Who may edit questions, move them, close waves and change their dates, and who may tie people to
 * organisations. A question with answers is refused ('locked') for everyone, its managers included.
 */
let F: {
  partnerOrg: string;
  partnerQuestionnaire: string;
  answered: string;
  unanswered: string;
  unansweredChoice: string;
  wave: string;
  openToken: string;
  /** A second partner organisation whose own admin is the partner worker, with memberB working there. */
  ownAdminOrg: string;
};

/** The database's refusal of a change to an answered question (SQLSTATE EPQ01), as a value. */
const lockedOr = (work: (tx: Tx) => Promise<number>) => async (tx: Tx) => {
  try {
    return await work(tx);
  } catch (error) {
    if ((error as { code?: string }).code === 'EPQ01') return 'locked';
    throw error;
  }
};

const updated = (r: { numUpdatedRows?: bigint }) => affected([r]);
const deleted = (r: { numDeletedRows?: bigint }) => affected([r]);
const managers = <T>(others: T, value: unknown) => ({
  ...everyone<unknown>(others),
  anon: 'denied',
  coordinator: value,
  admin: value,
});

const cases: RlsCase[] = [
  {
    name: 'edit the wording of an unanswered question of the pool questionnaire',
    run: () => (tx) =>
      tx
        .updateTable('questionnaire_questions')
        .set({ text_ar: 'سؤال' })
        .where('id', '=', F.unanswered)
        .executeTakeFirst()
        .then(updated),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    name: 'edit the wording of an answered question',
    run: () =>
      lockedOr((tx) =>
        tx
          .updateTable('questionnaire_questions')
          .set({ text_nl: 'Anders' })
          .where('id', '=', F.answered)
          .executeTakeFirst()
          .then(updated),
      ),
    expect: { ...managers(0, 'locked'), partner: 0 },
  },
  {
    name: 'change the indicator of an answered question',
    run: () =>
      lockedOr((tx) =>
        tx
          .updateTable('questionnaire_questions')
          .set({ indicator_code: 'safety' })
          .where('id', '=', F.answered)
          .executeTakeFirst()
          .then(updated),
      ),
    expect: managers(0, 'locked'),
  },
  {
    name: 'move an answered question to another place',
    run: () =>
      lockedOr((tx) =>
        tx
          .updateTable('questionnaire_questions')
          .set({ position: 999 })
          .where('id', '=', F.answered)
          .executeTakeFirst()
          .then(updated),
      ),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    name: 'delete an answered question',
    run: () =>
      lockedOr((tx) =>
        tx.deleteFrom('questionnaire_questions').where('id', '=', F.answered).executeTakeFirst().then(deleted),
      ),
    expect: { ...managers(0, 'locked'), partner: 0 },
  },
  {
    name: 'delete an unanswered question',
    run: () => (tx) =>
      tx.deleteFrom('questionnaire_questions').where('id', '=', F.unanswered).executeTakeFirst().then(deleted),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    name: 'relabel a choice of an unanswered question',
    run: () => (tx) =>
      tx
        .updateTable('questionnaire_options')
        .set({ label_en: 'Other' })
        .where('question_id', '=', F.unansweredChoice)
        .where('position', '=', 1)
        .executeTakeFirst()
        .then(updated),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    // The trigger runs before the policy, so non-managers hear 'locked' too: that the question has answers
    // is no secret (the builder shows it), and either way nothing is added.
    name: 'add a choice to an answered question',
    run: () =>
      lockedOr(async (tx) => {
        const question = await tx
          .selectFrom('questionnaire_questions')
          .select('id')
          .where('id', '=', F.answered)
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('questionnaire_options')
          .values({ question_id: question.id, position: 99, label_nl: 'Extra' })
          .execute();
        return 1;
      }),
    expect: { ...everyone<unknown>('locked'), anon: 'denied' },
  },
  {
    name: "edit the partner questionnaire's title and introduction",
    run: () => (tx) =>
      tx
        .updateTable('questionnaires')
        .set({ intro_en: 'New', repeat_months: 6 })
        .where('id', '=', F.partnerQuestionnaire)
        .executeTakeFirst()
        .then(updated),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 1 },
  },
  {
    name: "close a wave of the pool's questionnaire",
    run: () => (tx) =>
      tx
        .updateTable('questionnaire_waves')
        .set({ status: 'closed' })
        .where('id', '=', F.wave)
        .executeTakeFirst()
        .then(updated),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    name: "set a wave's dates",
    run: () => (tx) =>
      tx
        .updateTable('questionnaire_waves')
        .set({ opens_on: '2026-01-01', closes_on: '2030-12-31' })
        .where('id', '=', F.wave)
        .executeTakeFirst()
        .then(updated),
    expect: { ...managers(0, 1), partner: 0 },
  },
  {
    name: 'learn from a link whether its wave takes answers',
    run: () => (tx) =>
      sql<{ state: string }>`select state from private.questionnaire_link_state(${F.openToken})`
        .execute(tx)
        .then((r) => r.rows.map((x) => x.state)),
    expect: { ...everyone<unknown>(['open']), partner: ['open'] },
  },
  {
    name: 'read who works for organisations',
    run: () => (tx) =>
      tx
        .selectFrom('organisation_members')
        .select('user_id')
        .execute()
        .then((r) => r.length),
    // Everyone their own memberships; the partner worker also all of the organisation they administer.
    expect: { ...everyone<unknown>(0), anon: 'denied', memberB: 1, admin: 4, partner: 3 },
  },
  {
    name: "list TaalMaatje's people with their e-mail addresses",
    run: () => (tx) =>
      sql<{ email: string }>`select email from private.organisation_member_list(${F.partnerOrg})`
        .execute(tx)
        .then((r) => r.rows.length),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 2, partner: 0 },
  },
  {
    name: 'list the people of the organisation the partner worker administers',
    run: () => (tx) =>
      sql<{ email: string }>`select email from private.organisation_member_list(${F.ownAdminOrg})`
        .execute(tx)
        .then((r) => r.rows.length),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 2, partner: 2 },
  },
  {
    name: 'find an account by e-mail address to add it to TaalMaatje',
    run: () => (tx) =>
      sql<{ id: string | null }>`select private.organisation_find_user(${F.partnerOrg}, 'lid@demo.expertpool.nl') as id`
        .execute(tx)
        .then((r) => r.rows[0]!.id !== null),
    expect: { ...everyone<unknown>(false), anon: 'denied', admin: true, partner: false },
  },
  {
    name: 'add a person to TaalMaatje (where the partner worker is an ordinary member)',
    run: (world) => (tx) =>
      tx
        .insertInto('organisation_members')
        .values({ organisation_id: F.partnerOrg, user_id: world.ids.memberA })
        .execute()
        .then(() => 1),
    expect: { ...everyone<unknown>('denied'), admin: 1, partner: 'denied' },
  },
  {
    name: 'add a person to the organisation the partner worker administers',
    run: (world) => (tx) =>
      tx
        .insertInto('organisation_members')
        .values({ organisation_id: F.ownAdminOrg, user_id: world.ids.memberA })
        .execute()
        .then(() => 1),
    expect: { ...everyone<unknown>('denied'), admin: 1, partner: 1 },
  },
  {
    name: 'remove the partner worker from TaalMaatje',
    run: (world) => (tx) =>
      tx
        .deleteFrom('organisation_members')
        .where('organisation_id', '=', F.partnerOrg)
        .where('user_id', '=', world.ids.partner)
        .executeTakeFirst()
        .then(deleted),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 0 },
  },
  {
    name: 'remove memberB from the organisation the partner worker administers',
    run: (world) => (tx) =>
      tx
        .deleteFrom('organisation_members')
        .where('organisation_id', '=', F.ownAdminOrg)
        .where('user_id', '=', world.ids.memberB)
        .executeTakeFirst()
        .then(deleted),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 1 },
  },
  {
    name: 'make oneself admin of TaalMaatje',
    run: (world) => (tx) =>
      tx
        .updateTable('organisation_members')
        .set({ role: 'admin' })
        .where('organisation_id', '=', F.partnerOrg)
        .where('user_id', '=', world.ids.partner)
        .executeTakeFirst()
        .then(updated),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 0 },
  },
  {
    name: 'make memberB admin of the organisation the partner worker administers',
    run: (world) => (tx) =>
      tx
        .updateTable('organisation_members')
        .set({ role: 'admin' })
        .where('organisation_id', '=', F.ownAdminOrg)
        .where('user_id', '=', world.ids.memberB)
        .executeTakeFirst()
        .then(updated),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 1 },
  },
  {
    name: 'move a membership of the administered organisation over to TaalMaatje',
    run: (world) => (tx) =>
      tx
        .updateTable('organisation_members')
        .set({ organisation_id: F.partnerOrg })
        .where('organisation_id', '=', F.ownAdminOrg)
        .where('user_id', '=', world.ids.memberB)
        .executeTakeFirst()
        .then(updated),
    expect: { ...everyone<unknown>(0), anon: 'denied', admin: 1, partner: 'denied' },
  },
];

describeRls('row level security on editing questionnaires, waves and organisation members', cases, (getWorld) => {
  beforeAll(async () => {
    F = await runAsSystem(getWorld().database, async (tx) => {
      const rows = await tx.selectFrom('questionnaires').select(['id', 'pool_id', 'organisation_id']).execute();
      const pool = rows.find((r) => r.pool_id)!;
      const partner = rows.find((r) => r.organisation_id)!;
      const answered = await tx
        .selectFrom('questionnaire_questions')
        .select('id')
        .where('questionnaire_id', '=', pool.id)
        .where(sql<boolean>`private.question_has_answers(id)`)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      const add = (position: number, kind: 'open' | 'single') =>
        tx
          .insertInto('questionnaire_questions')
          .values({ questionnaire_id: pool.id, position, indicator_code: 'work', kind, text_nl: `Nieuw ${position}` })
          .returning('id')
          .executeTakeFirstOrThrow()
          .then((r) => r.id);
      const unanswered = await add(100, 'open');
      const unansweredChoice = await add(101, 'single');
      await tx
        .insertInto('questionnaire_options')
        .values([
          { question_id: unansweredChoice, position: 1, label_nl: 'Ja' },
          { question_id: unansweredChoice, position: 2, label_nl: 'Nee' },
        ])
        .execute();
      const wave = await tx
        .selectFrom('questionnaire_waves')
        .select(['id', 'link_token'])
        .where('questionnaire_id', '=', pool.id)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      const ownAdminOrg = await tx
        .insertInto('organisations')
        .values({ name: 'Samen Sterk (test)', kind: 'partner' })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((o) => o.id);
      await tx
        .insertInto('organisation_members')
        .values([
          { organisation_id: ownAdminOrg, user_id: getWorld().ids.partner, role: 'admin' },
          { organisation_id: ownAdminOrg, user_id: getWorld().ids.memberB },
        ])
        .execute();
      return {
        ownAdminOrg,
        partnerOrg: partner.organisation_id!,
        partnerQuestionnaire: partner.id,
        answered: answered.id,
        unanswered,
        unansweredChoice,
        wave: wave.id,
        openToken: wave.link_token,
      };
    });
  });
});
