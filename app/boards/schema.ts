import { z } from 'zod';
import { TEMPLATE_KEYS } from './templates';

const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.uuid({ message: 'boards.errors.invalidId' }).nullable());

export const createBoardSchema = z
  .object({
    title: z.string().trim().min(1, 'errors.required').max(120, 'boards.errors.titleTooLong'),
    source: z.enum(['template', 'copy']).default('template'),
    template: z.enum(TEMPLATE_KEYS, { message: 'boards.errors.chooseTemplate' }).default('blank'),
    copyFrom: optionalUuid.default(null),
    sessionId: optionalUuid.default(null),
  })
  .refine((v) => v.source !== 'copy' || v.copyFrom !== null, {
    path: ['copyFrom'],
    message: 'boards.errors.chooseBoard',
  });

export const snapshotSchema = z.object({
  name: z.string().trim().min(1, 'errors.required').max(120, 'boards.errors.titleTooLong'),
});

export const adviceDraftSchema = z.object({
  cardId: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1, 'errors.required').max(200, 'boards.errors.titleTooLong'),
  insight: z.string().trim().max(4000).default(''),
});

const cardId = z.string().trim().min(1, 'boards.errors.invalidCard').max(80, 'boards.errors.invalidCard');

/** A dot placed (+1) or taken back (-1). */
export const castVoteSchema = z.object({
  cardId,
  delta: z.enum(['1', '-1'], { message: 'boards.errors.invalidVote' }).transform((v) => (v === '1' ? 1 : -1) as 1 | -1),
});

export const openVotingSchema = z.object({
  budget: z.coerce
    .number({ message: 'boards.errors.budgetRange' })
    .int('boards.errors.budgetRange')
    .min(1, 'boards.errors.budgetRange')
    .max(20, 'boards.errors.budgetRange'),
});

export const cardSignalSchema = z.object({ cardId });

export const deleteSnapshotSchema = z.object({
  snapshotId: z.uuid({ message: 'boards.errors.invalidId' }),
});

/** Deleting a board asks the coordinator to type its title, so a slip of the finger deletes nothing. */
export const deleteBoardSchema = (title: string) =>
  z.object({
    confirmTitle: z
      .string()
      .trim()
      .min(1, 'errors.required')
      .refine((v) => v === title.trim(), 'boards.errors.confirmTitle'),
  });
