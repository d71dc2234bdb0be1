import * as z from 'zod';
import { LOCALES } from '~/i18n/locales';
import { integer, optionalText, requiredText } from '~/input/fields.server';
import { BRAINSTORM_MINUTES } from './brainstorm';
import { COMMENT_MAX, MENTIONS_MAX } from './comments';
import { CARD_COLOURS, CARD_ID, CARD_TEXT_MAX } from './protocol';
import { TEMPLATE_KEYS } from './templates';

/** The id is stored with what came of the card (a signal, an advice draft, votes). */
const cardId = z.string().trim().regex(CARD_ID, 'boards.errors.invalidCard');

const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.uuid({ message: 'boards.errors.invalidId' }).nullable());

/** The language of a board's exports; the empty choice is "the reader's language" (null). */
const boardLanguage = z
  .union([z.literal(''), z.enum(LOCALES)], { message: 'boards.errors.invalidLanguage' })
  .transform((v) => (v === '' ? null : v));

export const createBoardSchema = z
  .object({
    title: requiredText(120, 'boards.errors.titleTooLong'),
    language: boardLanguage.default(null),
    source: z.enum(['template', 'copy']).default('template'),
    template: z.enum(TEMPLATE_KEYS, { message: 'boards.errors.chooseTemplate' }).default('blank'),
    copyFrom: optionalUuid.default(null),
    sessionId: optionalUuid.default(null),
  })
  .refine((v) => v.source !== 'copy' || v.copyFrom !== null, {
    path: ['copyFrom'],
    message: 'boards.errors.chooseBoard',
  });

export const boardLanguageSchema = z.object({ language: boardLanguage });

export const snapshotSchema = z.object({
  name: requiredText(120, 'boards.errors.titleTooLong'),
});

export const adviceDraftSchema = z.object({
  cardId,
  title: requiredText(200, 'boards.errors.titleTooLong'),
  insight: optionalText(4000),
});

/** A dot placed (+1) or taken back (-1). */
export const castVoteSchema = z.object({
  cardId,
  delta: z.enum(['1', '-1'], { message: 'boards.errors.invalidVote' }).transform((v) => (v === '1' ? 1 : -1) as 1 | -1),
});

export const openVotingSchema = z.object({
  budget: integer(1, 20, 'boards.errors.budgetRange'),
});

/** A private brainstorm round: how long people think alone (issue 22). */
export const openBrainstormSchema = z.object({
  minutes: integer(BRAINSTORM_MINUTES.min, BRAINSTORM_MINUTES.max, 'boards.brainstorm.errors.minutesRange'),
});

/** A card posted privately during a brainstorm round; the section must also be one of the board's. */
export const privateCardSchema = z.object({
  section: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'boards.brainstorm.errors.invalidSection'),
  text: requiredText(CARD_TEXT_MAX, 'boards.brainstorm.errors.textTooLong'),
  colour: z.enum(CARD_COLOURS, { message: 'boards.brainstorm.errors.invalidColour' }).default('yellow'),
  anonymous: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});

export const withdrawPrivateCardSchema = z.object({
  cardId: z.uuid({ message: 'boards.errors.invalidId' }),
});

export const cardSignalSchema = z.object({ cardId });

const commentBody = requiredText(COMMENT_MAX, 'boards.comments.errors.tooLong');
/** Checked boxes of the mention picker (repeated `mention` fields); whether they are the pool's people is checked after. */
const mentions = z
  .array(z.uuid({ message: 'boards.comments.errors.notInPool' }))
  .max(MENTIONS_MAX, 'boards.comments.errors.tooManyMentions')
  .transform((ids) => [...new Set(ids)]);
const commentId = z.uuid({ message: 'boards.errors.invalidId' });

/** A thread's first comment on a card or section, or a reply to one (`parentId`). */
export const newCommentSchema = z.object({
  targetKind: z.enum(['card', 'section'], { message: 'boards.comments.errors.invalidTarget' }),
  targetId: z.string().regex(CARD_ID, 'boards.comments.errors.invalidTarget'),
  parentId: optionalUuid.default(null),
  body: commentBody,
  mentions,
});

export const editCommentSchema = z.object({ commentId, body: commentBody, mentions });

export const commentIdSchema = z.object({ commentId });

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
