import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishAdvice } from '~/advice/queries.server';
import { parseRegisterFilters } from '~/advice/schema.server';
import { countRegister, registerSelection, searchRegister, suggestSearch } from '~/advice/search.server';
import { listSynonymGroups, removeSynonymGroup, saveSynonymGroup } from '~/advice/synonyms.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, attempt, countRows, describeRls, everyone, type Actor, type RlsCase, type World } from './fixtures';

// Issue 19: the synonym dictionary (admins keep it, anyone who searches reads it) and the word list
// behind "did you mean" (nobody reads it but through private.suggest_search_words).

let housingGroup: string;

const cases: RlsCase[] = [
  {
    name: 'read the synonym groups',
    run: () => (tx) => countRows('search_synonym_groups')(tx).then((n) => n >= 15),
    expect: everyone(true),
  },
  {
    name: 'read the synonyms',
    run: () => (tx) =>
      tx
        .selectFrom('search_synonyms')
        .select('word')
        .where('word', '=', 'huisvesting')
        .execute()
        .then((r) => r.length),
    expect: everyone(1),
  },
  {
    name: 'add a synonym group',
    run: () => (tx) =>
      tx
        .insertInto('search_synonym_groups')
        .defaultValues()
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'add a word to the housing group',
    run: () => (tx) =>
      tx
        .insertInto('search_synonyms')
        .values({ group_id: housingGroup, word: 'onderdak' })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'change a word of the housing group',
    run: () => (tx) =>
      tx
        .updateTable('search_synonyms')
        .set({ word: 'behuizing' })
        .where('word', '=', 'woonruimte')
        .execute()
        .then(affected),
    // RLS hides the row from the update silently for anon/authenticated without the right.
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'remove the housing group',
    run: () => (tx) => tx.deleteFrom('search_synonym_groups').where('id', '=', housingGroup).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'read the word list behind "did you mean" directly',
    run: () => countRows('search_words'),
    expect: everyone('denied'),
  },
  {
    name: 'write the word list directly',
    run: () => (tx) =>
      sql`insert into public.search_words (word, advices, public_advices) values ('geheim', 99, 99)`
        .execute(tx)
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'ask for a suggestion',
    run: () => (tx) =>
      sql<{ suggestion: string | null }>`select suggestion from private.suggest_search_words(array['huisvestign'])`
        .execute(tx)
        .then((r) => r.rows[0]?.suggestion),
    expect: everyone('huisvesting'),
  },
];

const as = <T>(world: World, actor: Actor, work: (tx: Tx) => Promise<T>) =>
  runAs(world.database, world.claims(actor), work);
const selection = (tx: Tx, q: string) => registerSelection(tx, parseRegisterFilters(new URLSearchParams({ q })));
const titles = (world: World, actor: Actor, q: string) =>
  as(world, actor, async (tx) =>
    (await searchRegister(tx, await selection(tx, q), { limit: 1000, offset: 0 })).map((r) => r.title),
  );

describeRls('the synonym dictionary and the word list of the register', cases, (getWorld) => {
  beforeAll(async () => {
    housingGroup = await runAsSystem(getWorld().database, (tx) =>
      tx
        .selectFrom('search_synonyms')
        .select('group_id')
        .where('word', '=', 'huisvesting')
        .executeTakeFirstOrThrow()
        .then((r) => r.group_id),
    );
  });

  describe('expanding a search', () => {
    it('widens each word by its group: OR within a group, AND across the words', async () => {
      const { search } = await as(getWorld(), 'anon', (tx) => selection(tx, 'huisvesting werk'));
      expect(search!.dutch).toMatch(/^\( 'huis' \| 'huisvest' \| .*'won'.*\) & \( 'arbeid' \| .*'ban'.*'werk'.*\)$/);
      expect(search!.dutch).toContain("'social' <-> 'hur'");
      expect(search!.simple).toBe("'huisvesting' & 'werk'");
    });

    it('"huisvesting" finds the advice "wonen" finds, and more than the word alone', async () => {
      const world = getWorld();
      const housing = await titles(world, 'reader', 'huisvesting');
      const living = await titles(world, 'reader', 'wonen');
      expect(living.length).toBeGreaterThan(0);
      expect(housing).toEqual(expect.arrayContaining(living));
      const plain = await as(world, 'reader', (tx) =>
        sql<{ n: number }>`select count(*)::int as n from public.register_advices a
          where a.search_vector @@ websearch_to_tsquery('dutch', 'huisvesting')
             or a.search_simple @@ websearch_to_tsquery('simple', 'huisvesting')`.execute(tx),
      );
      expect(housing.length).toBeGreaterThan(plain.rows[0]!.n);
    });

    it('keeps phrases, negations and "or" of the search', async () => {
      const { search } = await as(getWorld(), 'anon', (tx) => selection(tx, '"sociale huur" -baan or taal'));
      expect(search!.dutch).toMatch(/!\( .*'ban'.*\)/);
      expect(search!.dutch).toContain('|');
      const rows = await as(getWorld(), 'anon', async (tx) =>
        countRegister(tx, await selection(tx, '"sociale huur" -baan or taal')),
      );
      expect(rows).toBeGreaterThanOrEqual(0);
    });

    it('expands at most ten words, however long the search', async () => {
      const q = 'huisvesting '.repeat(40);
      const { search } = await as(getWorld(), 'anon', (tx) => selection(tx, q));
      expect(search!.dutch.match(/'woning'/g)).toHaveLength(10);
      expect(search!.dutch.match(/'huisvest'/g)).toHaveLength(40);
    });

    it('leaves words outside the dictionary as they are', async () => {
      const { search } = await as(getWorld(), 'anon', (tx) => selection(tx, 'helpdesk'));
      expect(search).toEqual({ dutch: "'helpdesk'", simple: "'helpdesk'" });
    });
  });

  describe('did you mean', () => {
    it('suggests the nearest known word when a search finds nothing, and the suggestion finds advice', async () => {
      const world = getWorld();
      const suggestion = await as(world, 'anon', (tx) =>
        suggestSearch(tx, parseRegisterFilters(new URLSearchParams({ q: 'huisvestign' }))),
      );
      expect(suggestion).toBe('huisvesting');
      expect((await titles(world, 'anon', 'huisvesting')).length).toBeGreaterThan(0);
    });

    it('keeps the known words and replaces the misspelt one', async () => {
      const suggestion = await as(getWorld(), 'reader', (tx) =>
        suggestSearch(tx, parseRegisterFilters(new URLSearchParams({ q: 'woning huisvestign' }))),
      );
      expect(suggestion).toBe('woning huisvesting');
    });

    it('suggests nothing for words nowhere near a known one', async () => {
      const suggestion = await as(getWorld(), 'anon', (tx) =>
        suggestSearch(tx, parseRegisterFilters(new URLSearchParams({ q: 'qqxxzz' }))),
      );
      expect(suggestion).toBeNull();
    });

    it('looks up at most eight words of a long search', async () => {
      const words = Array.from({ length: 300 }, (_, i) => `wrd${'abcdefghij'[i % 10]}x${i}`);
      const rows = await as(getWorld(), 'anon', (tx) =>
        sql<{ word: string }>`select word from private.suggest_search_words(${words}::text[])`.execute(tx),
      );
      expect(rows.rows).toHaveLength(8);
    });

    it('offers a word of addressed advice only once five published advices use it', async () => {
      const world = getWorld();
      const secret = 'zeldzaamwoord';
      const near = 'zeldzaamwoort';
      const suggestFor = () =>
        as(world, 'admin', (tx) =>
          sql<{ suggestion: string | null }>`select suggestion from private.suggest_search_words(array[${near}])`
            .execute(tx)
            .then((r) => r.rows[0]?.suggestion ?? null),
        );
      const addressed = await runAsSystem(world.database, (tx) =>
        tx
          .selectFrom('advices')
          .select('id')
          .where('status', '=', 'published')
          .where('visibility', '=', 'addressed')
          .limit(5)
          .execute(),
      );
      for (const [i, { id }] of addressed.entries()) {
        await runAsSystem(world.database, (tx) =>
          tx
            .updateTable('advices')
            .set({ title: sql`title || ${` ${secret}`}` })
            .where('id', '=', id)
            .execute(),
        );
        expect(await suggestFor()).toBe(i < 4 ? null : secret);
      }
      // Unpublished again, it no longer counts.
      await runAsSystem(world.database, (tx) =>
        tx.updateTable('advices').set({ status: 'in_review' }).where('id', '=', addressed[0]!.id).execute(),
      );
      expect(await suggestFor()).toBeNull();
    });

    it('counts the words of advice when it is published', async () => {
      const world = getWorld();
      const draft = await runAsSystem(world.database, (tx) =>
        tx.selectFrom('advices').select(['id']).where('status', 'in', ['draft', 'in_review']).executeTakeFirstOrThrow(),
      );
      await runAsSystem(world.database, (tx) =>
        tx.updateTable('advices').set({ title: 'Qorvexium lastig' }).where('id', '=', draft.id).execute(),
      );
      const suggestFor = () =>
        as(world, 'anon', (tx) =>
          sql<{ suggestion: string | null }>`select suggestion from private.suggest_search_words(array['qorvexiun'])`
            .execute(tx)
            .then((r) => r.rows[0]?.suggestion ?? null),
        );
      expect(await suggestFor()).toBeNull();
      await as(world, 'admin', (tx) => publishAdvice(tx, draft.id, 'public'));
      expect(await suggestFor()).toBe('qorvexium');
    });
  });

  describe('keeping the dictionary', () => {
    it('an admin adds a group, changes it and removes it; a word stays in one group', async () => {
      const world = getWorld();
      const outcome = await as(world, 'admin', (tx) => saveSynonymGroup(tx, { words: ['fiets', 'rijwiel'] }));
      expect(outcome).toEqual({ saved: true });
      const group = (await as(world, 'anon', listSynonymGroups)).find((g) => g.words.includes('fiets'))!;
      expect(group.words).toEqual(['fiets', 'rijwiel']);
      expect(
        await as(world, 'admin', (tx) => saveSynonymGroup(tx, { id: group.id, words: ['fiets', 'woning'] })),
      ).toEqual({
        saved: false,
        taken: ['woning'],
      });
      await as(world, 'admin', (tx) => saveSynonymGroup(tx, { id: group.id, words: ['fiets', 'rijwiel', 'e-bike'] }));
      const { search } = await as(world, 'anon', (tx) => selection(tx, 'rijwiel'));
      expect(search!.dutch).toContain("'e-bik'");
      await as(world, 'admin', (tx) => removeSynonymGroup(tx, group.id));
      expect((await as(world, 'anon', listSynonymGroups)).some((g) => g.id === group.id)).toBe(false);
    });

    it('a coordinator cannot add a group', async () => {
      const outcome = await attempt(getWorld(), 'coordinator', (tx) => saveSynonymGroup(tx, { words: ['a1', 'b2'] }));
      expect(outcome).toBe('denied');
    });
  });
});
