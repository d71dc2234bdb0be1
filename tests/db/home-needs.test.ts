import { subDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { sql } from 'kysely';
import { whatNeedsMe } from '~/home/needs.server';
import { getStanding } from '~/people/queries.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

/**
 * The home page's "what needs me", per role, on the demo world plus one of each thing that can wait:
 * each actor must see exactly the items that are theirs to act on, under their own rights.
 */
const HOUR = 3_600_000;
const now = new Date();
let world: World;
const made = {
  toAnswer: '',
  today: '',
  todayBoard: '',
  pastSession: '',
  inReview: '',
  overdue: '',
  invitation: '',
  signal: '',
  response: '',
};

const needsOf = (actor: Actor, shown = 10_000, counted = 10_000) =>
  runAs(world.database, world.claims(actor), async (tx) => {
    const standing = await getStanding(tx, world.ids[actor as Exclude<Actor, 'anon'>]);
    return whatNeedsMe(
      tx,
      world.ids[actor as Exclude<Actor, 'anon'>],
      { ...standing, readsForMunicipalities: standing.readerFor.length > 0 },
      'Europe/Amsterdam',
      { now, shown, counted },
    );
  });

/** The response term in days, as the database has it (private.response_term()). */
let RESPONSE_TERM_DAYS = 0;

const ids = (list: { items: { id: string }[] } | undefined) => list?.items.map((item) => item.id) ?? [];

beforeAll(async () => {
  world = await worldOf(await freshDatabase({ demo: true }));
  await runAsSystem(world.database, async (tx) => {
    RESPONSE_TERM_DAYS = await sql<{ days: number }>`select extract(day from private.response_term())::int as days`
      .execute(tx)
      .then((result) => result.rows[0]!.days);
    const alkmaar = await tx
      .selectFrom('municipalities')
      .select(['id', 'region_id'])
      .where('name', '=', 'Alkmaar')
      .executeTakeFirstOrThrow();
    const session = (title: string, startsAt: Date, hours = 2) =>
      tx
        .insertInto('sessions')
        .values({
          pool_id: world.pools.alkmaar,
          title,
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + hours * HOUR),
          online_url: 'https://meet.example.org/room',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    made.toAnswer = await session('Nog te beantwoorden', new Date(now.getTime() + 72 * HOUR));
    made.today = await session('Vandaag', new Date(now.getTime() - 0.5 * HOUR), 1);
    made.pastSession = await session('Geweest', subDays(now, 2));
    await tx
      .insertInto('session_invitees')
      .values([
        { session_id: made.toAnswer, user_id: world.ids.memberA, response: null },
        { session_id: made.today, user_id: world.ids.memberA, response: 'yes' },
        { session_id: made.pastSession, user_id: world.ids.memberA, response: 'yes' },
      ])
      .execute();
    made.todayBoard = (
      await tx
        .insertInto('boards')
        .values({ pool_id: world.pools.alkmaar, session_id: made.today, title: 'Bord van vandaag' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    made.inReview = (
      await tx
        .insertInto('advices')
        .values({
          pool_id: world.pools.alkmaar,
          title: 'Ter review',
          status: 'in_review',
          created_by: world.ids.coordinator,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    made.overdue = (
      await tx
        .insertInto('advices')
        .values({
          pool_id: world.pools.alkmaar,
          title: 'Wacht al lang',
          status: 'published',
          created_by: world.ids.memberA,
          addressee_ids: [alkmaar.id],
          published_at: subDays(now, RESPONSE_TERM_DAYS + 14),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    made.invitation = (
      await tx
        .insertInto('invitations')
        .values({
          email: 'blijft-liggen@example.org',
          pool_id: world.pools.alkmaar,
          token_hash: 'home-needs-test',
          created_by: world.ids.coordinator,
          created_at: subDays(now, 10),
          expires_at: subDays(now, -4),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    made.signal = (
      await tx
        .insertInto('signals')
        .values({
          reference: 'EP-HOME01',
          channel: 'helpdesk',
          received_on: now.toISOString().slice(0, 10),
          region_id: alkmaar.region_id,
          municipality_id: alkmaar.id,
          body: 'Een vraag over de brede intake',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
});
afterAll(() => world.database.close());

describe('what needs me', () => {
  it('a member: the session to answer, today with its board and link, the review, nothing of a coordinator', async () => {
    const needs = await needsOf('memberA');
    expect(ids(needs.member.toAnswer)).toContain(made.toAnswer);
    const today = needs.member.today.items.find((s) => s.id === made.today);
    expect(today).toMatchObject({ board_id: made.todayBoard, online_url: 'https://meet.example.org/room' });
    expect(ids(needs.member.inReview)).toContain(made.inReview);
    expect(needs.coordinator).toBeNull();
    expect(needs.reader).toBeNull();
  });

  it("a member of another pool sees none of the Alkmaar pool's items", async () => {
    const needs = await needsOf('memberB');
    const all = [needs.member.toAnswer, needs.member.today, needs.member.inReview].flatMap(ids);
    expect(all).not.toContain(made.toAnswer);
    expect(all).not.toContain(made.today);
    expect(all).not.toContain(made.inReview);
  });

  it("the pool's coordinator: attendance, unanswered, overdue advice (with days), stuck invitation, new signal", async () => {
    const needs = await needsOf('coordinator');
    expect(needs.coordinator).not.toBeNull();
    const c = needs.coordinator!;
    expect(ids(c.attendance)).toContain(made.pastSession);
    expect(c.unanswered.items.find((s) => s.id === made.toAnswer)?.unanswered).toBe(1);
    expect(c.overdue.items.find((a) => a.id === made.overdue)?.days_waiting).toBe(RESPONSE_TERM_DAYS + 14);
    expect(ids(c.invitations)).toContain(made.invitation);
    expect(ids(c.signals)).toContain(made.signal);
    // Their own advice in review is theirs to finish.
    expect(ids(needs.member.inReview)).toContain(made.inReview);
    expect(ids(needs.member.today)).toContain(made.today);
  });

  it("a coordinator of another pool and region sees none of Alkmaar's coordination items", async () => {
    const c = (await needsOf('outsideCoordinator')).coordinator!;
    const all = [c.attendance, c.unanswered, c.overdue, c.invitations, c.signals].flatMap(ids);
    for (const id of [made.pastSession, made.toAnswer, made.overdue, made.invitation, made.signal])
      expect(all).not.toContain(id);
  });

  it('an admin sees the coordination items across regions', async () => {
    const c = (await needsOf('admin')).coordinator!;
    expect(ids(c.invitations)).toContain(made.invitation);
    expect(ids(c.overdue)).toContain(made.overdue);
    expect(ids(c.signals)).toContain(made.signal);
  });

  it("the municipality's reader: the advice awaiting their response until they respond, then the writer hears of it", async () => {
    const before = (await needsOf('reader')).reader!;
    const waiting = before.awaiting.items.find((a) => a.advice_id === made.overdue);
    expect(waiting?.days_waiting).toBe(RESPONSE_TERM_DAYS + 14);
    expect(before.fresh.items.map((a) => a.advice_id)).not.toContain(made.overdue); // published long ago
    expect((await needsOf('memberA')).member.responses.items.map((r) => r.advice_id)).not.toContain(made.overdue);

    await runAs(world.database, world.claims('reader'), async (tx) => {
      const alkmaar = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Alkmaar')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('advice_responses')
        .values({
          advice_id: made.overdue,
          municipality_id: alkmaar.id,
          decision: 'adopted',
          responded_by: world.ids.reader,
        })
        .execute();
    });
    const after = (await needsOf('reader')).reader!;
    expect(after.awaiting.items.map((a) => a.advice_id)).not.toContain(made.overdue);
    expect((await needsOf('memberA')).member.responses.items.map((r) => r.advice_id)).toContain(made.overdue);
    // Answered, so no longer overdue for the coordinator.
    expect(ids((await needsOf('coordinator')).coordinator!.overdue)).not.toContain(made.overdue);
  });

  it("the reader's lists hold what advice_addressed_to_municipality() answers advice by advice (municipality, region, organisation)", async () => {
    const byRegionAndOrganisation = await runAsSystem(world.database, async (tx) => {
      const alkmaar = await tx
        .selectFrom('municipalities')
        .select(['id', 'region_id'])
        .where('name', '=', 'Alkmaar')
        .executeTakeFirstOrThrow();
      const organisation = await tx
        .insertInto('organisations')
        .values({ name: 'Werkplein Alkmaar (home-needs)', kind: 'provider', municipality_id: alkmaar.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const addressedTo = (title: string, addressee: string) =>
        tx
          .insertInto('advices')
          .values({
            pool_id: world.pools.alkmaar,
            title,
            status: 'published',
            visibility: 'addressed',
            addressee_ids: [addressee],
            published_at: subDays(now, 3),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
          .then((r) => r.id);
      return [
        await addressedTo('Voor de regio', alkmaar.region_id!),
        await addressedTo('Voor het Werkplein', organisation.id),
      ];
    });
    // The per-advice function, asked as the reader under their rights: what the lists held before.
    const perAdvice = (recent: boolean) =>
      runAs(world.database, world.claims('reader'), (tx) =>
        sql<{ id: string }>`
          select a.id || ':' || m.id as id
          from public.advices a
          join public.municipality_readers r on r.user_id = ${world.ids.reader}
          join public.municipalities m on m.id = r.municipality_id
          join public.pools p on p.id = a.pool_id
          where private.advice_addressed_to_municipality(a.id, m.id)
            and (not ${recent} or a.published_at > ${subDays(now, 30)})
            and (${recent} or not exists (
              select 1 from public.advice_responses x where x.advice_id = a.id and x.municipality_id = m.id))
          order by 1`
          .execute(tx)
          .then((result) => result.rows.map((row) => row.id)),
      );
    const reader = (await needsOf('reader')).reader!;
    const sorted = (list: { items: { id: string }[] }) => list.items.map((item) => item.id).sort();
    expect(sorted(reader.fresh)).toEqual(await perAdvice(true));
    expect(sorted(reader.awaiting)).toEqual(await perAdvice(false));
    const fresh = reader.fresh.items.map((item) => item.advice_id);
    for (const id of byRegionAndOrganisation) expect(fresh).toContain(id);
  });

  it('each list shows its first items and counts them all, the same ones the whole list has', async () => {
    type List = { items: object[]; total: number; atLeast: boolean };
    const lists = (needs: Awaited<ReturnType<typeof needsOf>>): [string, List][] =>
      [
        ['member', needs.member],
        ['coordinator', needs.coordinator],
        ['reader', needs.reader],
      ].flatMap(([part, group]) =>
        Object.entries((group ?? {}) as Record<string, List>).map(
          ([name, list]) => [`${part}.${name}`, list] as [string, List],
        ),
      );
    let counted = 0;
    for (const actor of ['memberA', 'coordinator', 'outsideCoordinator', 'admin', 'reader'] as const) {
      const whole = new Map(lists(await needsOf(actor)));
      for (const [name, list] of lists(await needsOf(actor, 1))) {
        const all = whole.get(name)!;
        expect(all.total, `${actor} ${name}`).toBe(all.items.length);
        expect(list.total, `${actor} ${name}`).toBe(all.total);
        expect([list.atLeast, all.atLeast], `${actor} ${name}`).toEqual([false, false]);
        expect(list.items.length, `${actor} ${name}`).toBe(Math.min(1, all.total));
        for (const item of list.items) expect(all.items, `${actor} ${name}`).toContainEqual(item);
        if (all.total > 1) counted += 1;
      }
    }
    // Some lists are longer than one, so the count is more than what is shown.
    expect(counted).toBeGreaterThan(0);

    // Counting stops at its limit: a list longer than it says "at least" that many.
    let capped = 0;
    for (const actor of ['memberA', 'coordinator', 'outsideCoordinator', 'admin', 'reader'] as const) {
      const whole = new Map(lists(await needsOf(actor)));
      for (const [name, list] of lists(await needsOf(actor, 6, 1))) {
        const all = whole.get(name)!;
        const label = `${actor} ${name}`;
        expect(list, label).toMatchObject({ total: Math.min(1, all.total), atLeast: all.total > 1 });
        // One row more than is counted is read, and that is all there is to show.
        expect(list.items.length, label).toBe(Math.min(2, all.total));
        for (const item of list.items) expect(all.items, label).toContainEqual(item);
        if (all.total > 1) capped += 1;
      }
    }
    expect(capped).toBe(counted);
  });

  it('a member who is no reader and no coordinator gets no reader lists, even with advice for Alkmaar around', async () => {
    expect((await needsOf('memberA')).reader).toBeNull();
  });
});
