import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { askedQuestionStatus } from '~/signals/public-form.server';
import { freshDatabase } from './database';

/**
 * The asker's status page reads one function as anon: by reference code, only public-form questions,
 * only their status and day, a merged question following the one it went into.
 */
const database = await freshDatabase();
const asAnon = (reference: string) => runAs(database, null, (tx) => askedQuestionStatus(tx, reference));

beforeAll(async () => {
  await runAsSystem(database, async (tx) => {
    const add = (reference: string, status: string, channel = 'public_form', merged_into: string | null = null) =>
      tx
        .insertInto('signals')
        .values({
          reference,
          channel: channel as 'public_form',
          received_on: '2026-11-30',
          body: `Vraag ${reference}`,
          status: status as 'new',
          merged_into,
          updated_at: new Date('2026-12-01T23:30:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await add('EP-NEW111', 'new');
    await add('EP-TRI222', 'triaged');
    await add('EP-CLO444', 'closed');
    await add('EP-DSK555', 'new', 'helpdesk');
    const answered = await add('EP-ANS333', 'answered');
    const merged = await add('EP-MRG666', 'merged', 'public_form', answered.id);
    await add('EP-MRG777', 'merged', 'public_form', merged.id);
  });
});
afterAll(() => database.close());

describe('a question asked through the public form, by its reference code', () => {
  it.each([
    ['EP-NEW111', 'received'],
    ['EP-TRI222', 'in_progress'],
    ['EP-ANS333', 'answered'],
    ['EP-CLO444', 'closed'],
    ['EP-MRG666', 'answered'],
    ['EP-MRG777', 'answered'],
    ['ep-new111', 'received'],
  ])('%s reads as %s, since the day it last changed on the Dutch calendar', async (reference, status) => {
    // 23:30 UTC on 1 December is already 2 December in Amsterdam.
    expect(await asAnon(reference)).toEqual({ status, since: '2026-12-02' });
  });

  it('a code that is unknown, or belongs to a signal logged by the helpdesk, finds nothing', async () => {
    expect(await asAnon('EP-ZZZ999')).toBeNull();
    expect(await asAnon('EP-DSK555')).toBeNull();
  });

  it('anon still cannot read the signals themselves', async () => {
    await expect(runAs(database, null, (tx) => tx.selectFrom('signals').select('id').execute())).rejects.toThrow(
      /permission denied/,
    );
  });
});
