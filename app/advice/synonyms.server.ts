import { sql } from 'kysely';
import * as z from 'zod';
import type { Tx } from '~/db/db.server';
import { typedText } from '~/input/fields.server';
import { parseForm } from '~/ui/forms';

/** Words a group may hold: enough for the ways people name one thing, few enough to keep a search small. */
export const MAX_GROUP_WORDS = 20;

/** A word or a short phrase: letters, digits, spaces, hyphens and apostrophes ("auto's", "sociale huur"). */
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}' -]*$/u;

/**
 * One synonym group as typed: words separated by commas or new lines, compared in lower case, each
 * written once. The group's database rows repeat these checks (length, lower case, no controls).
 */
export const synonymGroupSchema = z.object({
  id: z.uuid('advice.synonyms.errors.invalid').optional(),
  words: typedText()
    .max(MAX_GROUP_WORDS * 62, 'errors.tooLong')
    .transform((text) => [
      ...new Set(
        text
          .split(/[,\n]/)
          .map((word) => word.trim().replace(/\s+/g, ' ').toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z
            .string()
            .min(2, 'advice.synonyms.errors.wordTooShort')
            .max(60, 'advice.synonyms.errors.wordTooLong')
            .regex(WORD, 'advice.synonyms.errors.wordInvalid'),
        )
        .min(2, 'advice.synonyms.errors.tooFew')
        .max(MAX_GROUP_WORDS, 'advice.synonyms.errors.tooMany'),
    ),
});
export type SynonymGroupInput = z.infer<typeof synonymGroupSchema>;

/** The group form as sent, validated (here, so that neither zod nor the form parser reaches the page). */
export const parseSynonymGroupForm = (form: FormData) => parseForm(synonymGroupSchema, form);

export interface SynonymGroup {
  id: string;
  words: string[];
}

/** Every group with its words in alphabetical order, the groups by their first word. */
export async function listSynonymGroups(tx: Tx): Promise<SynonymGroup[]> {
  const result = await sql<SynonymGroup>`
    select g.id, array_agg(s.word order by s.word) as words
    from public.search_synonym_groups g join public.search_synonyms s on s.group_id = g.id
    group by g.id order by min(s.word)`.execute(tx);
  return result.rows;
}

/**
 * Adds a group, or replaces the words of one (admins only, by RLS). Returns the words that already
 * belong to another group, and then changes nothing: a word means one thing in the dictionary.
 */
export async function saveSynonymGroup(
  tx: Tx,
  input: SynonymGroupInput,
): Promise<{ saved: true } | { saved: false; taken: string[] } | { saved: false; missing: true }> {
  // Saves take turns (searches do not wait): two admins saving the same word at once would otherwise
  // both pass the check below, and the second would meet the unique index as a server error.
  await sql`lock table public.search_synonyms in share row exclusive mode`.execute(tx);
  const takenRows = await tx
    .selectFrom('search_synonyms')
    .select('word')
    .where('word', 'in', input.words)
    .$if(Boolean(input.id), (q) => q.where('group_id', '<>', input.id!))
    .orderBy('word')
    .execute();
  if (takenRows.length > 0) return { saved: false, taken: takenRows.map((r) => r.word) };
  let groupId = input.id;
  if (groupId) {
    const updated = await tx
      .updateTable('search_synonym_groups')
      .set({ updated_at: sql`now()` })
      .where('id', '=', groupId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return { saved: false, missing: true };
    await tx.deleteFrom('search_synonyms').where('group_id', '=', groupId).execute();
  } else {
    groupId = (await tx.insertInto('search_synonym_groups').defaultValues().returning('id').executeTakeFirstOrThrow())
      .id;
  }
  await tx
    .insertInto('search_synonyms')
    .values(input.words.map((word) => ({ group_id: groupId, word })))
    .execute();
  return { saved: true };
}

/** Removes a group and its words (admins only, by RLS). */
export async function removeSynonymGroup(tx: Tx, id: string) {
  await tx.deleteFrom('search_synonym_groups').where('id', '=', id).execute();
}
