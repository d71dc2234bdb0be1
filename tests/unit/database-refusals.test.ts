import { describe, expect, it } from 'vitest';
import { isRefusedByPolicy, isStillReferenced } from '~/db/errors.server';
import { answerToDatabaseError } from '~/db/refusals.server';
import { forbidden } from '~/http.server';

// withUser throws the 4xx answer for a refusal; pages that explain a refusal (a pool in a region that
// is not yours, a goal with figures) still need to know which refusal it was.
const postgresError = (code: string, constraint?: string) => Object.assign(new Error('refused'), { code, constraint });

describe('a database refusal turned into an answer', () => {
  it('is a 403 that still reads as a policy refusal', () => {
    const answer = answerToDatabaseError(postgresError('42501'));
    expect(answer?.status).toBe(403);
    expect(isRefusedByPolicy(answer)).toBe(true);
    expect(isStillReferenced(answer, 'core_indicator_values_core_indicator_id_fkey')).toBe(false);
  });

  it('is a 404 for a foreign key that still knows its constraint', () => {
    const answer = answerToDatabaseError(postgresError('23503', 'core_indicator_values_core_indicator_id_fkey'));
    expect(answer?.status).toBe(404);
    expect(isStillReferenced(answer, 'core_indicator_values_core_indicator_id_fkey')).toBe(true);
    expect(isStillReferenced(answer, 'another_fkey')).toBe(false);
  });

  it('is not confused with a 403 the app threw itself', () => {
    expect(isRefusedByPolicy(forbidden())).toBe(false);
    expect(answerToDatabaseError(forbidden())).toBeNull();
  });
});
