import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { createWave } from '~/questionnaires/queries.server';
import { smallGroupsWorkedOut, type Figure, type Hidden } from './disclosure-audit';
import { affected, countRows, describeRls, everyoneAndExtras, type RlsCase } from './fixtures';
import { questionnaireScores } from './result-functions';

/*
 * Issue 21: respondent groups (admins keep them, whoever builds questionnaires reads them; a wave asks
 * one group, all waves of a questionnaire the same one) and size classes (admins keep them, anyone
 * reads them). Then the "<5" rule per group: a made-up coaches' questionnaire whose second wave has
 * four coaches in Alkmaar, so "all waves minus the first" would give them away unless the decision
 * hides more, audited together with the newcomers' figures beside it.
 */

let F: { added: string; newcomers: string; coaches: string; sizeClass: string; alkmaarQuestionnaire: string };

const builders = { coordinator: true, outsideCoordinator: true, admin: true, partner: true };
const adminOnly = { ...everyoneAndExtras('denied' as unknown), admin: 1 };
const adminChanges = { ...everyoneAndExtras(0 as unknown), anon: 'denied', admin: 1 };
const nobodyChanges = { ...everyoneAndExtras(0 as unknown), anon: 'denied' };

const groupNamed = (name: string) => (tx: Tx) =>
  tx
    .insertInto('respondent_groups')
    .values({ name })
    .execute()
    .then((r) => r.length);

const cases: RlsCase[] = [
  {
    name: 'read the respondent groups',
    run: () => (tx) => countRows('respondent_groups')(tx).then((n) => n >= 3),
    expect: { ...everyoneAndExtras(false as unknown), anon: 'denied', ...builders },
  },
  { name: 'add a respondent group', run: () => groupNamed('Vrijwilligers'), expect: adminOnly },
  {
    name: 'add a group with one of the app’s own keys',
    run: () => (tx) =>
      tx
        .insertInto('respondent_groups')
        .values({ name: 'Nog meer coaches', key: 'coaches' })
        .execute()
        .then((r) => r.length),
    // Admins too: the key belongs to the app's own three (the policy, before the unique key says so).
    expect: everyoneAndExtras('denied' as unknown),
  },
  {
    name: 'rename a group an admin added',
    run: () => (tx) =>
      tx
        .updateTable('respondent_groups')
        .set({ name: 'Taalvrijwilligers' })
        .where('id', '=', F.added)
        .execute()
        .then(affected),
    expect: adminChanges,
  },
  {
    name: 'rename the newcomers group',
    run: () => (tx) =>
      tx
        .updateTable('respondent_groups')
        .set({ name: 'Nieuwkomers' })
        .where('id', '=', F.newcomers)
        .execute()
        .then(affected),
    expect: nobodyChanges,
  },
  {
    name: 'remove a group an admin added',
    run: () => (tx) => tx.deleteFrom('respondent_groups').where('id', '=', F.added).execute().then(affected),
    expect: adminChanges,
  },
  {
    name: 'remove the coaches group',
    run: () => (tx) => tx.deleteFrom('respondent_groups').where('id', '=', F.coaches).execute().then(affected),
    expect: nobodyChanges,
  },
  {
    name: 'read the size classes',
    run: () => (tx) => countRows('size_classes')(tx).then((n) => n >= 5),
    expect: everyoneAndExtras(true as unknown),
  },
  {
    name: 'add a size class',
    run: () => (tx) =>
      tx
        .insertInto('size_classes')
        .values({ min_inhabitants: 75_000 })
        .execute()
        .then((r) => r.length),
    expect: adminOnly,
  },
  {
    name: "move a size class's start",
    run: () => (tx) =>
      tx
        .updateTable('size_classes')
        .set({ min_inhabitants: 60_000 })
        .where('id', '=', F.sizeClass)
        .execute()
        .then(affected),
    expect: { ...adminChanges, anon: 'denied' },
  },
  {
    name: 'remove a size class',
    run: () => (tx) => tx.deleteFrom('size_classes').where('id', '=', F.sizeClass).execute().then(affected),
    expect: { ...adminChanges, anon: 'denied' },
  },
];

describeRls('respondent groups and size classes, per role', cases, (getWorld) => {
  const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(getWorld().database, work);
  const as = <T>(actor: 'coordinator' | 'admin' | 'reader', work: (tx: Tx) => Promise<T>) =>
    runAs(getWorld().database, getWorld().claims(actor), work);
  const code = (error: unknown) => (error as { code?: string }).code;

  beforeAll(async () => {
    F = await system(async (tx) => {
      const key = (k: 'newcomers' | 'coaches') =>
        tx
          .selectFrom('respondent_groups')
          .select('id')
          .where('key', '=', k)
          .executeTakeFirstOrThrow()
          .then((r) => r.id);
      const added = await tx
        .insertInto('respondent_groups')
        .values({ name: 'Werkgevers' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sizeClass = await tx
        .selectFrom('size_classes')
        .select('id')
        .where('min_inhabitants', '=', 50_000)
        .executeTakeFirstOrThrow();
      const alkmaarQuestionnaire = await tx
        .selectFrom('questionnaires')
        .select('id')
        .where('title_nl', '=', 'Hoe gaat het met je inburgering?')
        .executeTakeFirstOrThrow();
      return {
        added: added.id,
        newcomers: await key('newcomers'),
        coaches: await key('coaches'),
        sizeClass: sizeClass.id,
        alkmaarQuestionnaire: alkmaarQuestionnaire.id,
      };
    });
  });

  describe('a wave asks one group', () => {
    it('a wave opened without a group asks newcomers, as every wave before groups did', async () => {
      const groups = await system((tx) =>
        sql<{ key: string | null; waves: number }>`
          select g.key, count(*)::int as waves from public.questionnaire_waves w
          join public.respondent_groups g on g.id = w.respondent_group_id
          join public.questionnaires q on q.id = w.questionnaire_id
          where q.title_nl <> 'Vragenlijst voor inburgeringscoaches'
          group by g.key`.execute(tx),
      );
      expect(groups.rows).toEqual([{ key: 'newcomers', waves: 4 }]);
      const waveId = await as('coordinator', (tx) =>
        createWave(tx, F.alkmaarQuestionnaire, { name: 'Zonder groep', mode: 'anonymous' }),
      );
      const wave = await system((tx) =>
        tx
          .selectFrom('questionnaire_waves')
          .select('respondent_group_id')
          .where('id', '=', waveId)
          .executeTakeFirstOrThrow(),
      );
      expect(wave.respondent_group_id).toBe(F.newcomers);
    });

    it("a coaches' wave on the newcomers' questionnaire is refused (EPQ02), for admins too", async () => {
      for (const actor of ['coordinator', 'admin'] as const) {
        const refused = await as(actor, (tx) =>
          createWave(tx, F.alkmaarQuestionnaire, { name: 'Coaches', mode: 'anonymous', respondentGroupId: F.coaches }),
        ).catch(code);
        expect(refused).toBe('EPQ02');
      }
    });

    it("a wave's group never changes once it asked it", async () => {
      const refused = await system((tx) =>
        tx
          .updateTable('questionnaire_waves')
          .set({ respondent_group_id: F.coaches })
          .where('questionnaire_id', '=', F.alkmaarQuestionnaire)
          .execute(),
      ).catch(code);
      expect(refused).toBe('EPQ02');
    });

    it('a group that a wave asks cannot be removed, not even by the system', async () => {
      const refused = await system((tx) =>
        tx.deleteFrom('respondent_groups').where('id', '=', F.newcomers).execute(),
      ).catch(code);
      expect(['23001', '23503']).toContain(refused);
    });

    it('two size classes cannot start at the same number', async () => {
      const refused = await as('admin', (tx) =>
        tx.insertInto('size_classes').values({ min_inhabitants: 20_000 }).execute(),
      ).catch(code);
      expect(refused).toBe('23505');
    });
  });

  describe('"<5" per group, with subtraction between groups and waves tried', () => {
    const PLACES = ['Alkmaar', 'Heiloo', 'Castricum'] as const;
    // Coaches per wave and municipality: wave 2 has 4 in Alkmaar and 2 in Heiloo.
    const COACHES = [
      [6, 7, 5],
      [4, 2, 6],
    ];
    let coachesQuestionnaire: string;
    let waves: string[];
    let places: string[];

    beforeAll(async () => {
      ({ coachesQuestionnaire, waves, places } = await system(async (tx) => {
        const towns = await tx
          .selectFrom('municipalities')
          .select(['id', 'name', 'region_id'])
          .where('name', 'in', [...PLACES])
          .execute();
        const ordered = PLACES.map((name) => towns.find((t) => t.name === name)!);
        const { id } = await tx
          .insertInto('questionnaires')
          .values({ pool_id: getWorld().pools.alkmaar, title_nl: 'Coaches (test)', status: 'open' })
          .returning('id')
          .executeTakeFirstOrThrow();
        const question = await tx
          .insertInto('questionnaire_questions')
          .values({
            questionnaire_id: id,
            position: 1,
            indicator_code: 'work',
            kind: 'scale',
            text_nl: 'Kennis van werk',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const waveIds: string[] = [];
        for (const [w, counts] of COACHES.entries()) {
          const wave = await tx
            .insertInto('questionnaire_waves')
            .values({
              questionnaire_id: id,
              name: `Coaches ${w + 1}`,
              link_token: `coaches-test-wave-${w}`,
              respondent_group_id: F.coaches,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          waveIds.push(wave.id);
          const responses = ordered.flatMap((town, p) =>
            Array.from({ length: counts[p]! }, (_, i) => ({
              wave_id: wave.id,
              resume_hash: `coaches-test-${w}-${p}-${i}`,
              municipality_id: town.id,
              region_id: town.region_id,
              locale: 'nl' as const,
              completed_at: new Date(),
            })),
          );
          const rows = await tx.insertInto('questionnaire_responses').values(responses).returning('id').execute();
          await tx
            .insertInto('questionnaire_answers')
            .values(rows.map((r, i) => ({ response_id: r.id, question_id: question.id, scale_value: 1 + (i % 5) })))
            .execute();
        }
        return { coachesQuestionnaire: id, waves: waveIds, places: ordered.map((t) => t.id) };
      }));
    });

    /**
     * Cells: group (0: the newcomers' demo questionnaire, 1: the coaches') × wave × municipality. The
     * newcomers also answered from other municipalities, so only their figures per municipality count here.
     */
    const cellsOf = (group: number, wave: number | 'all', place: number | 'all') =>
      [0, 1].flatMap((w) =>
        [0, 1, 2]
          .filter((p) => (wave === 'all' || wave === w) && (place === 'all' || place === p))
          .map((p) => group * 6 + w * 3 + p),
      );

    /** Every 'work' figure the coordinator can be shown of both questionnaires, per wave × municipality filter. */
    async function figuresShown(): Promise<Figure[]> {
      const newcomersWaves = await system((tx) =>
        tx
          .selectFrom('questionnaire_waves')
          .select('id')
          .where('questionnaire_id', '=', F.alkmaarQuestionnaire)
          .where('name', 'in', ['Voorjaar 2026', 'Najaar 2026'])
          .orderBy('opens_on')
          .execute(),
      );
      const groups = [
        { id: F.alkmaarQuestionnaire, waves: newcomersWaves.map((w) => w.id) },
        { id: coachesQuestionnaire, waves },
      ];
      const figures: Figure[] = [];
      for (const [g, group] of groups.entries()) {
        for (const wave of ['all', 0, 1] as const) {
          for (const place of g === 0 ? ([0, 1, 2] as const) : (['all', 0, 1, 2] as const)) {
            const filters = {
              wave: wave === 'all' ? undefined : group.waves[wave],
              municipality: place === 'all' ? undefined : places[place],
            };
            const rows = await as('coordinator', (tx) =>
              questionnaireScores(tx, group.id, filters, 'none', 'indicator'),
            );
            const row = rows.find((r) => r.item === 'work');
            figures.push({
              label: `group ${g} wave ${wave} place ${place}`,
              cells: cellsOf(g, wave, place),
              value: row ? row.respondents : 0,
              hidden: (row?.hidden as Hidden | null) ?? null,
            });
          }
        }
      }
      // The monitoring page of each municipality: both groups' waves side by side.
      for (const [p, place] of places.entries()) {
        const rows = await as('coordinator', (tx) =>
          sql<{
            questionnaire_id: string;
            wave_id: string;
            group_key: string;
            respondents: number | null;
            hidden: Hidden | null;
          }>`
            select questionnaire_id, wave_id, group_key, respondents, hidden
            from private.monitoring_questionnaire_scores(${place}, array['work'])`.execute(tx),
        );
        for (const row of rows.rows) {
          const g = groups.findIndex((group) => group.id === row.questionnaire_id);
          if (g < 0) continue;
          figures.push({
            label: `monitoring ${row.group_key} ${row.wave_id} place ${p}`,
            cells: cellsOf(g, groups[g]!.waves.indexOf(row.wave_id), p),
            value: row.respondents,
            hidden: row.hidden,
          });
        }
      }
      return figures;
    }

    it('the monitoring page tells the groups apart, one group per figure', async () => {
      const rows = await as('reader', (tx) =>
        sql<{ group_key: string; wave_name: string; respondents: number | null; hidden: Hidden | null }>`
          select group_key, wave_name, respondents, hidden from private.monitoring_questionnaire_scores(${places[0]}, array['work'])
          order by group_key, wave_name`.execute(tx),
      );
      expect(new Set(rows.rows.map((r) => r.group_key))).toEqual(new Set(['newcomers', 'coaches']));
      // The four coaches of Alkmaar's second wave are "<5"; the six of its first are hidden to protect
      // them (all waves' ten minus those six would be the four).
      const coaches = rows.rows.filter((r) => r.group_key === 'coaches');
      expect(coaches.find((r) => r.wave_name === 'Coaches 2')).toMatchObject({ respondents: null, hidden: 'too_few' });
      expect(coaches.find((r) => r.wave_name === 'Coaches 1')).toMatchObject({
        respondents: null,
        hidden: 'protective',
      });
      // The demo's coaches, many more, are shown beside the newcomers.
      expect(coaches.find((r) => r.wave_name === 'Najaar 2026')?.respondents).toBeGreaterThanOrEqual(5);
    });

    it('no group under five can be worked out from both groups’ figures, across waves and municipalities', async () => {
      const figures = await figuresShown();
      // Not vacuous: the four coaches of Alkmaar's second wave are there to be found, and hidden.
      expect(figures.some((f) => f.label === 'group 1 wave 1 place 0' && f.hidden === 'too_few')).toBe(true);
      const shownCoaches = figures.filter((f) => f.label.startsWith('group 1') && f.hidden === null && f.value);
      expect(shownCoaches.length).toBeGreaterThan(3);
      // All waves into waves, per place (and for the coaches overall); all places into places, per wave.
      const breakdowns = [
        ...([0, 1, 2] as const).map((place) => ({
          whole: cellsOf(0, 'all', place),
          parts: [cellsOf(0, 0, place), cellsOf(0, 1, place)],
        })),
        ...(['all', 0, 1, 2] as const).map((place) => ({
          whole: cellsOf(1, 'all', place),
          parts: [cellsOf(1, 0, place), cellsOf(1, 1, place)],
        })),
        ...(['all', 0, 1] as const).map((wave) => ({
          whole: cellsOf(1, wave, 'all'),
          parts: [0, 1, 2].map((p) => cellsOf(1, wave, p)),
        })),
      ];
      expect(smallGroupsWorkedOut(12, figures, breakdowns)).toEqual([]);
    });
  });
});
