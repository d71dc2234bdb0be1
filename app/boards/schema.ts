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
