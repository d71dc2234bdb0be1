import { sql } from 'kysely';
import * as Y from 'yjs';
import type { Tx } from '~/db/db.server';
import { buildInitialState, cardsOf, docFromUpdates, readCard } from './doc';
import { boardPermission } from './protocol';
import type { Locale } from '~/i18n/locales';
import { localized } from './sections';
import { findTemplate, TEMPLATES } from './templates';

/**
 * The templates a new board can start from, named in the reader's language. On the server: the
 * templates' texts in every language would be kilobytes on the page for a few words in one.
 */
export function templateChoices(locale: Locale): { key: string; name: string }[] {
  return TEMPLATES.map((template) => ({ key: template.key, name: localized(template.name, locale) }));
}

export async function listPoolBoards(tx: Tx, poolId: string) {
  return tx
    .selectFrom('boards')
    .select(['id', 'title', 'template', 'session_id', 'shared_with_readers', 'language', 'created_at'])
    .where('pool_id', '=', poolId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The board with the user's access, or null when it does not exist or they may not see it. */
export async function getBoard(tx: Tx, boardId: string) {
  const board = await tx
    .selectFrom('boards')
    .innerJoin('pools', 'pools.id', 'boards.pool_id')
    .select([
      'boards.id',
      'boards.pool_id',
      'pools.name as pool_name',
      'boards.title',
      'boards.template',
      'boards.session_id',
      'boards.shared_with_readers',
      'boards.language',
      'boards.created_at',
      sql<boolean>`private.can_facilitate_board(boards.id)`.as('can_facilitate'),
      sql<boolean>`private.can_edit_board(boards.id)`.as('can_edit'),
    ])
    .where('boards.id', '=', boardId)
    .executeTakeFirst();
  if (!board) return null;
  const { can_facilitate, can_edit, ...rest } = board;
  return { ...rest, access: boardPermission({ can_facilitate, can_edit }) };
}

export type Board = NonNullable<Awaited<ReturnType<typeof getBoard>>>;

/**
 * The document as stored: the log, then the compacted state, merged into one update. Read in that
 * order and whole, as the collab-server's `load` does: with collab-servers in other processes, a
 * compaction can commit between the two reads (it deletes the rows it merged, so reading the state
 * first and the log after would miss them), and a row that committed late can have an id below the
 * state's `through_update_id`. A row read twice is harmless (Yjs updates are idempotent).
 */
export async function loadBoardState(tx: Tx, boardId: string): Promise<Uint8Array | null> {
  const log = await tx
    .selectFrom('board_updates')
    .select('update')
    .where('board_id', '=', boardId)
    .orderBy('id')
    .execute();
  const snapshot = await tx
    .selectFrom('board_documents')
    .select('state')
    .where('board_id', '=', boardId)
    .executeTakeFirst();
  const updates = [...(snapshot ? [snapshot.state] : []), ...log.map((row) => row.update)].map(
    (bytes) => new Uint8Array(bytes),
  );
  if (updates.length === 0) return null;
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

export interface NewBoard {
  poolId: string;
  title: string;
  template: string;
  copyFrom: string | null;
  sessionId: string | null;
  /** What its exports are written in; none: each reader's language, or for a copy that of the board it copies. */
  language?: Locale | null;
  createdBy: string;
  authorName: string;
}

/** Creates a board from a template, or as a copy of an earlier board of the same pool. */
export async function createBoard(tx: Tx, input: NewBoard): Promise<string> {
  let state: Uint8Array;
  let template = input.template;
  let language = input.language ?? null;
  if (input.copyFrom) {
    const source = await tx
      .selectFrom('boards')
      .select(['id', 'template', 'language'])
      .where('id', '=', input.copyFrom)
      .where('pool_id', '=', input.poolId)
      .executeTakeFirst();
    if (!source) throw new Error('board to copy not found');
    state = (await loadBoardState(tx, source.id)) ?? buildInitialState([], [], { id: input.createdBy, name: null });
    template = source.template;
    // The form's empty choice is no choice: a copy of a council's Arabic board is written in Arabic too,
    // unless the person picked another language for it.
    language ??= source.language;
  } else {
    const found = findTemplate(input.template);
    if (!found) throw new Error(`unknown template ${input.template}`);
    state = buildInitialState(found.sections, found.starterCards, { id: input.createdBy, name: input.authorName });
  }
  const board = await tx
    .insertInto('boards')
    .values({
      pool_id: input.poolId,
      title: input.title,
      template,
      session_id: input.sessionId,
      language,
      copied_from: input.copyFrom,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('board_documents').values({ board_id: board.id, state, through_update_id: 0 }).execute();
  return board.id;
}

/** A board's settings: shared with the municipality's readers, the language of its exports. */
export interface BoardSettings {
  shared_with_readers?: boolean;
  language?: Locale | null;
}

/** False when RLS refused (only the pool's coordinators and admins change a board) or it was gone. */
export async function updateBoardSettings(tx: Tx, boardId: string, settings: BoardSettings): Promise<boolean> {
  const result = await tx
    .updateTable('boards')
    .set({ ...settings, updated_at: new Date() })
    .where('id', '=', boardId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function createSnapshot(tx: Tx, boardId: string, name: string, userId: string): Promise<string> {
  const state = (await loadBoardState(tx, boardId)) ?? Y.encodeStateAsUpdate(new Y.Doc());
  const row = await tx
    .insertInto('board_snapshots')
    .values({ board_id: boardId, name, state, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSnapshots(tx: Tx, boardId: string) {
  return tx
    .selectFrom('board_snapshots')
    .select(['id', 'name', 'created_at'])
    .where('board_id', '=', boardId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function getSnapshot(tx: Tx, boardId: string, snapshotId: string) {
  return tx
    .selectFrom('board_snapshots')
    .select(['id', 'name', 'state', 'created_at'])
    .where('board_id', '=', boardId)
    .where('id', '=', snapshotId)
    .executeTakeFirst();
}

/** Who changed which section, newest first, with names as co-members see them. */
export async function listHistory(tx: Tx, board: { id: string; pool_id: string }, limit = 50) {
  return tx
    .selectFrom('board_activity as a')
    .leftJoin('pool_peers as p', (join) =>
      join.onRef('p.user_id', '=', 'a.user_id').on('p.pool_id', '=', board.pool_id),
    )
    .select(['a.section', 'a.period_start', 'a.edits', 'p.display_name'])
    .where('a.board_id', '=', board.id)
    .orderBy('a.period_start', 'desc')
    .orderBy('a.section')
    .limit(limit)
    .execute();
}

/** "Turn into advice": a draft in the shared advice register, linked to the board and card. */
export async function createAdviceDraft(
  tx: Tx,
  input: {
    poolId: string;
    boardId: string;
    sessionId: string | null;
    cardId: string;
    title: string;
    insight: string;
    userId: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('advices')
    .values({
      pool_id: input.poolId,
      title: input.title,
      insight: input.insight,
      status: 'draft',
      source_board_id: input.boardId,
      source_session_id: input.sessionId,
      source_card_id: input.cardId,
      created_by: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes the board with its document, log, snapshots, history and votes (cascade); advice drafts
 * and signals made from it stay, their link to the board cleared. False when RLS refused or it was gone. */
export async function deleteBoard(tx: Tx, boardId: string): Promise<boolean> {
  const result = await tx.deleteFrom('boards').where('id', '=', boardId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteSnapshot(tx: Tx, boardId: string, snapshotId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('board_snapshots')
    .where('board_id', '=', boardId)
    .where('id', '=', snapshotId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** What deleting a board takes with it and what it leaves, for the confirmation page. */
export async function boardDeletionSummary(tx: Tx, boardId: string) {
  const [snapshots, advices, signals] = await Promise.all([
    tx
      .selectFrom('board_snapshots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('board_id', '=', boardId)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('advices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_board_id', '=', boardId)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_board_id', '=', boardId)
      .executeTakeFirstOrThrow(),
  ]);
  return { snapshots: Number(snapshots.n), advices: Number(advices.n), signals: Number(signals.n) };
}

/** A card's text as stored (the server does not take the browser's word for it), or null. */
export async function readStoredCard(tx: Tx, boardId: string, cardId: string) {
  const state = await loadBoardState(tx, boardId);
  if (!state) return null;
  const doc = docFromUpdates([state]);
  try {
    const card = cardsOf(doc).get(cardId);
    return card ? readCard(card) : null;
  } finally {
    doc.destroy();
  }
}
